# SPDX-License-Identifier: GPL-3.0-or-later
# sensitivity.gp: first-order and total-effect Sobol indices of each
# parameter for one outcome, as paired bars with their bootstrap confidence
# intervals (Saltelli 2010; Jansen 1999).
#
# Input:  DIR/sensitivity.csv of `entente sensitivity`, columns read by name:
#         outcome, parameter, first-order index and interval, total index
#         and interval (names in the variables below).
# Usage:  gnuplot -e "dir='results/sweep'; outcome='threats'; out='s.svg'" \
#                 plots/sensitivity.gp
# Variables: dir, outcome, params (the parameters, in bar order), xtic_cmd
#   (a `set xtics (...)` command labelling them), rotate (1: slanted
#   labels), c_outcome, c_param, c_s1, c_s1_lo, c_s1_hi, c_st, c_st_lo,
#   c_st_hi, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("sensitivity")) sensitivity = dir."/sensitivity.csv"
if (!exists("c_outcome")) c_outcome = "outcome"
if (!exists("c_param")) c_param = "parameter"
if (!exists("c_s1")) c_s1 = "S1"
if (!exists("c_s1_lo")) c_s1_lo = "S1_low"
if (!exists("c_s1_hi")) c_s1_hi = "S1_high"
if (!exists("c_st")) c_st = "ST"
if (!exists("c_st_lo")) c_st_lo = "ST_low"
if (!exists("c_st_hi")) c_st_hi = "ST_high"
if (!exists("outcome")) outcome = "y"
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": Sobol sensitivity indices of ".outcome
set ylabel "share of the outcome's variance (index)"
set xlabel "parameter"
set style fill solid 0.85 border lc rgb "#404040"
set boxwidth 0.35
set key inside top right
set grid noxtics ytics
set yrange [0:*]
# bar positions follow the order of `params`, whatever the file's row order
if (!exists("params")) params = "x1 x2 x3"
if (!exists("rotate")) rotate = 0
# tic labels centred under their pair of bars, or (when they would not fit
# side by side) slanted so that each ends at its tic; xtic_cmd (optional)
# labels them in words
if (rotate) { set xtics rotate by 35 right } else { set xtics norotate center }
if (exists("xtic_cmd")) {
    eval xtic_cmd
} else {
    set xtics ()
    do for [i=1:words(params)] { set xtics add (word(params, i) i) }
}
set xrange [0.4:words(params) + 0.6]
px(d) = strcol(c_outcome) eq outcome ? ent_idx(strcol(c_param), params) + d : NaN
plot sensitivity using (px(-0.19)):c_s1 with boxes lc rgb "#0072B2" dt 1 title "first-order index S_i", \
     sensitivity using (px(-0.19)):c_s1:c_s1_lo:c_s1_hi with yerrorbars lc rgb "#000000" dt 1 pt 0 lw 1.5 \
        notitle, \
     sensitivity using (px(0.19)):c_st with boxes lc rgb "#E69F00" dt 1 fs pattern 4 title "total effect S_Ti", \
     sensitivity using (px(0.19)):c_st:c_st_lo:c_st_hi with yerrorbars lc rgb "#000000" dt 1 pt 0 lw 1.5 \
        notitle
