# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_heatmap.gp: the mean of one outcome over two parameters of a sweep,
# as coloured tiles (grid designs) or coloured dots (random, LHS, Sobol),
# on the viridis scale, which reads the same in grey.
#
# Input:  DIR/summary.csv of `entente sweep`, columns read by name: the
#         parameter columns `x` and `y`, outcome, mean.
# Usage:  gnuplot -e "dir='results/sweep'; x='allies.KOR.trade_exposure'" \
#                 -e "y='patron.transactional'; outcome='threats'" \
#                 -e "out='heatmap.svg'" plots/sweep_heatmap.gp
# Variables: dir, x, y, outcome, dx and dy (half the grid step; 0 draws dots),
#   xlabel, ylabel, zlabel, c_outcome, c_mean, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("summary")) summary = dir."/summary.csv"
if (!exists("c_outcome")) c_outcome = "outcome"
if (!exists("c_mean")) c_mean = "mean"
if (!exists("x")) x = "x"
if (!exists("y")) y = "y"
if (!exists("outcome")) outcome = "mean_ally_share"
if (!exists("dx")) dx = 0
if (!exists("dy")) dy = 0
if (!exists("xlabel")) xlabel = x
if (!exists("ylabel")) ylabel = y
if (!exists("zlabel")) zlabel = "mean ".outcome
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": mean ".outcome
set xlabel xlabel
set ylabel ylabel
set cblabel zlabel
set grid front
set autoscale fix
set key off
sel(c) = strcol(c_outcome) eq outcome ? column(c) : NaN
if (dx > 0 && dy > 0) {
    plot summary using x:y:(dx):(dy):(sel(c_mean)) with boxxyerror fs solid 1.0 noborder fc palette
} else {
    plot summary using x:y:(sel(c_mean)) with points pt 7 ps 2.5 lc palette
}
