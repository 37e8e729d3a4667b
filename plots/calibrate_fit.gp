# SPDX-License-Identifier: GPL-3.0-or-later
# calibrate_fit.gp: how well a calibration reproduces each target, all on one
# scale, standard errors from the observed value: the observation at 0 with
# its +- 1 se bar (black), and the calibrated model's mean with its 90%
# interval (colour), one row per target. A model mean beyond +-2 se does not
# reproduce that target.
#
# Input:  DIR/fit.csv of `entente calibrate` (target, observed, se,
#         simulated, q05, q95, z).
# Usage:  gnuplot -e "dir='results/x/calibrate'; n=2; out='fit.svg'" plots/calibrate_fit.gp
# Variables: dir, n (targets), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("fit")) fit = dir."/fit.csv"
if (!exists("n")) n = 1
if (!exists("height")) height = 120 + 60 * n
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": fit of the targets"
set xlabel "standard errors from the observed value"
set yrange [-0.7 : n - 0.3]
set key outside bottom center horizontal
set format x "%g"
set xzeroaxis
z(v) = (v - column("observed")) / column("se")
plot fit using (0):0:(-1):(1):ytic(1) with xerrorbars lc rgb "#000000" pt 7 title "observed +- se", \
     fit using (z(column("simulated"))):($0 + 0.15):(z(column("q05"))):(z(column("q95"))) with xerrorbars \
         lc rgb ent_colour[1] pt 5 title "calibrated model: mean and 90% interval"
