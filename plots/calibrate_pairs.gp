# SPDX-License-Identifier: GPL-3.0-or-later
# calibrate_pairs.gp: the posterior draws of a calibration, parameter against
# parameter (two to four parameters), each draw a translucent point, so that
# where many fall, and heavy ones, the cloud is dark. A ridge shows
# parameters the data trade off against each other.
#
# Input:  DIR/posterior.csv of `entente calibrate`.
# Usage:  gnuplot -e "dir='results/x/calibrate'; params='a b'; label1='a'; label2='b'" \
#                 -e "lo1=0; hi1=1; lo2=0; hi2=1; out='pairs.svg'" plots/calibrate_pairs.gp
# Variables: dir, params, labelK, loK, hiK (as calibrate_marginals.gp), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("posterior")) posterior = dir."/posterior.csv"
if (!exists("params")) params = ""
n = words(params)
if (!exists("width")) width = 280 * n + 120
if (!exists("height")) height = 280 * n + 80
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set multiplot layout n, n title scenario.": posterior draws, pairs of parameters"
set key off
set format x "%g"
set format y "%g"
stats posterior using "weight" nooutput
wmax = STATS_max > 0 ? STATS_max : 1
do for [i=1:n] {
    do for [j=1:n] {
        if (i == j) {
            unset border; unset tics; unset grid; unset xlabel; unset ylabel
            set xrange [0:1]; set yrange [0:1]
            set label 1 value(sprintf("label%d", i)) at 0.5, 0.5 center
            plot NaN notitle
            unset label 1
            set border; set tics; set grid
        } else {
            set xrange [value(sprintf("lo%d", j)) : value(sprintf("hi%d", j))]
            set yrange [value(sprintf("lo%d", i)) : value(sprintf("hi%d", i))]
            set xlabel (i == n ? value(sprintf("label%d", j)) : "")
            set ylabel (j == 1 ? value(sprintf("label%d", i)) : "")
            plot posterior using (column(word(params, j))):(column(word(params, i))):(0.3 + 0.7 * column("weight") / wmax) \
                 with points pt 7 ps variable lc rgb "#800072B2"
        }
    }
}
unset multiplot
