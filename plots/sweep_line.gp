# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_line.gp: one outcome of a sweep against one parameter: the mean over
# the replicates of each point with its 95% confidence interval, drawn as a
# band when the points run along the parameter, else as error bars; with one
# replicate per point (no interval) the means alone. A second parameter with
# few values (a grid) gives one line per value, in its own colour, dash and
# point type, with a legend.
#
# Input:  DIR/summary.csv of `entente sweep` (one row per point and outcome),
#         columns read by name: the parameter column `x`, outcome, mean,
#         ci_low, ci_high, and the grouping parameter `group` if given.
# Usage:  gnuplot -e "dir='results/sweep'; x='stages.burden_sharing.demand'" \
#                 -e "outcome='mean_ally_share'; out='line.svg'" plots/sweep_line.gp
# Variables: dir, x, outcome, band (1: band, 0: error bars), ci (0: no
#   interval to draw), ymin0 (1: the y axis starts at zero), group (a parameter column, "" none) with levels (its
#   values, space-separated, exact), level_names (the same for the legend)
#   and glabel (its label), xlabel, ylabel, the
#   column names c_outcome, c_mean, c_lo, c_hi, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("summary")) summary = dir."/summary.csv"
if (!exists("c_outcome")) c_outcome = "outcome"
if (!exists("c_mean")) c_mean = "mean"
if (!exists("c_lo")) c_lo = "ci_low"
if (!exists("c_hi")) c_hi = "ci_high"
if (!exists("x")) x = "stages.burden_sharing.demand"
if (!exists("outcome")) outcome = "mean_ally_share"
if (!exists("band")) band = 1
if (!exists("ci")) ci = 1
if (!exists("ymin0")) ymin0 = 0
if (!exists("group")) group = ""
if (!exists("levels")) levels = ""
if (!exists("level_names")) level_names = levels
if (!exists("xlabel")) xlabel = x
if (!exists("ylabel")) ylabel = outcome
if (!exists("glabel")) glabel = group
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": ".outcome." against ".xlabel
set xlabel xlabel
set ylabel ylabel
# the axes end at the data (not at the next tic) with a margin inside, so
# that points at the ends of the range are whole; a quantity that cannot be
# negative and comes near zero (a count, a share) starts at zero (ymin0)
set autoscale xfix
set autoscale yfix
set offsets graph 0.03, graph 0.03, graph 0.06, graph (ymin0 ? 0 : 0.06)
if (ymin0) { set yrange [0:*] }
ng = words(levels)
sel(c) = strcol(c_outcome) eq outcome ? column(c) : NaN
gsel(c, v) = (strcol(c_outcome) eq outcome && column(group) == v) ? column(c) : NaN
lv(i) = word(levels, i) + 0
sty = band ? "linespoints" : "points"
if (ng == 0) {
    if (ci && band) {
        plot summary using x:(sel(c_lo)):(sel(c_hi)) with filledcurves lc rgb "#56B4E9" fs solid 0.35 \
                 title "95% confidence interval", \
             summary using x:(sel(c_mean)) with linespoints lt 1 title "mean over replicates"
    }
    if (ci && !band) {
        plot summary using x:(sel(c_mean)):(sel(c_lo)):(sel(c_hi)) with yerrorbars lt 1 \
                 title "mean and 95% confidence interval"
    }
    if (!ci) {
        plot summary using x:(sel(c_mean)) with @sty lt 1 \
                 title "value of each point (one run each: no interval)"
    }
} else {
    set key title glabel
    if (ci && band) {
        plot for [i=1:ng] summary using x:(gsel(c_lo, lv(i))):(gsel(c_hi, lv(i))) with filledcurves \
                 lc rgb ent_colour[(i-1)%16+1] fs transparent solid 0.18 notitle, \
             for [i=1:ng] summary using x:(gsel(c_mean, lv(i))) with linespoints lt i title word(level_names, i)
    }
    if (ci && !band) {
        plot for [i=1:ng] summary using x:(gsel(c_mean, lv(i))):(gsel(c_lo, lv(i))):(gsel(c_hi, lv(i))) \
                 with yerrorbars lt i title word(level_names, i)
    }
    if (!ci) {
        plot for [i=1:ng] summary using x:(gsel(c_mean, lv(i))) with @sty lt i \
                 title word(level_names, i)
    }
}
