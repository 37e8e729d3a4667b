# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_hist.gp: histograms of run outcomes over all runs of a sweep, one
# panel per outcome.
#
# Input:  DIR/runs.csv of `entente sweep` (one row per run), the outcome
#         columns read by name.
# Usage:  gnuplot -e "dir='results/sweep'; outcomes='exploitation_rho mean_ally_share'" \
#                 -e "out='histograms.svg'" plots/sweep_hist.gp
# Variables: dir, outcomes (column names, one panel each), bins, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("runs")) runs = dir."/runs.csv"
if (!exists("outcomes")) outcomes = "mean_ally_share"
if (!exists("bins")) bins = 20
n = words(outcomes)
cols = n < 2 ? 1 : (n < 5 ? 2 : 3)
rows = int((n + cols - 1) / cols)
if (!exists("height")) height = 250 * rows + 80
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set multiplot layout rows, cols title scenario.": distribution of outcomes over all runs"
set style fill solid 0.8 border lc rgb "#404040"
set key off
set ylabel "runs"
do for [k=1:n] {
    o = word(outcomes, k)
    stats runs using o nooutput
    lo = STATS_min
    hi = STATS_max
    w = hi > lo ? (hi - lo) / bins : (lo != 0 ? abs(lo) / bins : 1.0 / bins)
    bin(v) = lo + w * (floor((v - lo) / w) + 0.5)
    set title o
    set xlabel o
    set boxwidth w * 0.9 absolute
    plot runs using (bin(column(o))):(1) smooth frequency with boxes lc rgb ent_colour[(k-1)%8+1]
}
unset multiplot
