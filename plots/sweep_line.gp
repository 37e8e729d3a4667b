# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_line.gp: one outcome of a sweep against one parameter: the mean over
# the replicates of each point with its 95% confidence interval, drawn as a
# band when the points run along the parameter, else as error bars.
#
# Input:  DIR/summary.csv of `entente sweep` (one row per point and outcome),
#         columns read by name: the parameter column `x`, outcome, mean,
#         ci_low, ci_high.
# Usage:  gnuplot -e "dir='results/sweep'; x='stages.burden_sharing.demand'" \
#                 -e "outcome='mean_ally_share'; out='line.svg'" plots/sweep_line.gp
# Variables: dir, x, outcome, band (1: band, 0: error bars), xlabel, ylabel,
#   the column names c_outcome, c_mean, c_lo, c_hi, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("summary")) summary = dir."/summary.csv"
if (!exists("c_outcome")) c_outcome = "outcome"
if (!exists("c_mean")) c_mean = "mean"
if (!exists("c_lo")) c_lo = "ci_low"
if (!exists("c_hi")) c_hi = "ci_high"
if (!exists("x")) x = "stages.burden_sharing.demand"
if (!exists("outcome")) outcome = "mean_ally_share"
if (!exists("band")) band = 1
if (!exists("xlabel")) xlabel = x
if (!exists("ylabel")) ylabel = outcome
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": ".outcome." against ".x
set xlabel xlabel
set ylabel ylabel
sel(c) = strcol(c_outcome) eq outcome ? column(c) : NaN
if (band) {
    plot summary using x:(sel(c_lo)):(sel(c_hi)) with filledcurves lc rgb "#56B4E9" fs solid 0.35 \
             title "95% confidence interval", \
         summary using x:(sel(c_mean)) with linespoints lt 1 title "mean over replicates"
} else {
    plot summary using x:(sel(c_mean)):(sel(c_lo)):(sel(c_hi)) with yerrorbars lt 1 \
             title "mean and 95% confidence interval"
}
