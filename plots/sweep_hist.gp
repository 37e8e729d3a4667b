# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_hist.gp: histograms of run outcomes over all runs of a sweep, one
# panel per outcome. A whole-number outcome (a count) has one bar per value;
# other outcomes `bins` bars over their range. Each axis carries about five
# round-numbered tics, so that their labels never overlap.
#
# Input:  DIR/runs.csv of `entente sweep` (one row per run), the outcome
#         columns read by name.
# Usage:  gnuplot -e "dir='results/sweep'; outcomes='exploitation_rho mean_ally_share'" \
#                 -e "out='histograms.svg'" plots/sweep_hist.gp
# Variables: dir, outcomes (column names, one panel each), counts (1 or 0
#   for each outcome: whole numbers), bins, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("runs")) runs = dir."/runs.csv"
if (!exists("outcomes")) outcomes = "mean_ally_share"
if (!exists("bins")) bins = 20
n = words(outcomes)
if (!exists("counts")) counts = ""
cols = n < 2 ? 1 : (n < 5 ? 2 : 3)
rows = int((n + cols - 1) / cols)
if (!exists("height")) height = 250 * rows + 80
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

# a round step that divides the range r into about `parts` parts (fewer in
# narrow panels)
parts = cols > 2 ? 2.5 : 4.0
nice_mag(r) = 10.0 ** floor(log10(r / parts))
nice_step(r) = r <= 0 ? 1 : (r / parts / nice_mag(r) < 1.5 ? 1 : r / parts / nice_mag(r) < 3.5 ? 2 : \
               r / parts / nice_mag(r) < 7.5 ? 5 : 10) * nice_mag(r)

set multiplot layout rows, cols title scenario.": distribution of outcomes over all runs"
set style fill solid 0.8 border lc rgb "#404040"
set key off
set ylabel "runs"
set format x "%g"
set format y "%g"
set yrange [0:*]
do for [k=1:n] {
    o = word(outcomes, k)
    whole = words(counts) >= k ? word(counts, k) + 0 : 0
    stats runs using o nooutput
    lo = STATS_min
    hi = STATS_max
    if (whole) {
        w = hi - lo > 3 * bins ? ceil((hi - lo + 1) / bins) : 1
        bin(v) = lo + w * floor((v - lo) / w) + (w - 1) / 2.0
        set xrange [lo - w * 0.75 : hi + w * 0.75]
    } else {
        w = hi > lo ? (hi - lo) / bins : (lo != 0 ? abs(lo) / bins : 1.0 / bins)
        bin(v) = lo + w * (floor((v - lo) / w) + 0.5)
        set xrange [lo - w : hi + w]
    }
    set xtics nice_step(hi > lo ? hi - lo + (whole ? 1 : 0) : abs(lo) + 1)
    if (whole && nice_step(hi - lo + 1) < 1) { set xtics 1 }
    set title o
    set boxwidth w * 0.9 absolute
    plot runs using (bin(column(o))):(1) smooth frequency with boxes lc rgb ent_colour[(k-1)%16+1]
}
unset multiplot
