# SPDX-License-Identifier: GPL-3.0-or-later
# calibrate_marginals.gp: the marginal posterior of each calibrated
# parameter, a histogram of the weighted draws scaled to a density (bars),
# against its prior density (line), one panel per parameter. A posterior as
# wide as its prior means the data do not identify the parameter.
#
# Input:  DIR/posterior.csv of `entente calibrate` (columns: draw, the
#         parameters, weight, distance, sim.TARGET...).
# Usage:  gnuplot -e "dir='results/x/calibrate'; params='allies.KOR.support'" \
#                 -e "prior1='(x >= 0.85 && x <= 1 ? 6.67 : 0)'; lo1=0.85; hi1=1" \
#                 -e "out='marginals.svg'" plots/calibrate_marginals.gp
# Variables: dir, params (column names, one panel each), for panel k: labelK
#   (axis label), priorK (the prior density as an expression in x, or NaN),
#   loK and hiK (x range); bins, method, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("posterior")) posterior = dir."/posterior.csv"
if (!exists("params")) params = ""
if (!exists("bins")) bins = 20
if (!exists("method")) method = ""
n = words(params)
cols = n < 2 ? 1 : (n < 5 ? 2 : 3)
rows = int((n + cols - 1) / cols)
if (!exists("height")) height = 280 * rows + 80
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set multiplot layout rows, cols title scenario.": posterior (".method.") against prior"
set style fill solid 0.6 border lc rgb "#404040"
set key top right inside
set ylabel "density"
set format x "%g"
set format y "%g"
set yrange [0:*]
do for [k=1:n] {
    p = word(params, k)
    lo = value(sprintf("lo%d", k))
    hi = value(sprintf("hi%d", k))
    w = (hi - lo) / bins
    bin(v) = lo + w * (floor((v - lo) / w) + 0.5)
    eval sprintf("prior(x) = %s", value(sprintf("prior%d", k)))
    set xrange [lo : hi]
    set xlabel value(sprintf("label%d", k))
    set boxwidth w * 0.95 absolute
    set samples 200
    plot posterior using (bin(column(p))):(column("weight") / w) smooth frequency with boxes \
             lc rgb ent_colour[1] title "posterior", \
         prior(x) with lines lc rgb ent_colour[2] lw 2 title "prior"
}
unset multiplot
