# SPDX-License-Identifier: GPL-3.0-or-later
# tournament_matrix.gp: the tournament's payoff matrix as a heat map: the
# mean payoff per turn of the row strategy against the column strategy,
# written in each cell, on the viridis scale.
#
# Input:  DIR/payoff_matrix.csv of `entente tournament`: a header row of
#         strategy names after a first column (the row strategy), then one
#         row per strategy.
# Usage:  gnuplot -e "dir='results/axelrod_first_tournament'; out='matrix.svg'" \
#                 plots/tournament_matrix.gp
# Variables: dir, n (number of strategies, for the font size), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("matrix")) matrix = dir."/payoff_matrix.csv"
if (!exists("n")) n = 8
# at least 14 pixels a cell, so that every tic label has its own line
if (!exists("width")) width = n > 40 ? 14 * n + 340 : 900
if (!exists("height")) height = n > 40 ? 14 * n + 300 : 780
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"
unset datafile columnheaders

set title scenario.": payoff per turn of the row strategy against the column strategy"
set xlabel "opponent (column strategy)"
set ylabel "player (row strategy)"
set cblabel "mean payoff per turn (payoff units)"
if (n > 20) { set xtics rotate by 90 right font ",9"; set ytics font ",9" } else { set xtics rotate by -45 left }
set yrange [] reverse
set key off
set grid noxtics noytics
set style textbox opaque noborder
# the values are written in the cells while they fit (up to 16 strategies);
# beyond, the colour alone, read with the colour bar
fs = n > 12 ? 8 : 10
if (n <= 16) {
    plot matrix matrix rowheaders columnheaders with image pixels, \
         matrix matrix rowheaders columnheaders using 1:2:(sprintf("%.2f", $3)) \
            with labels boxed font sprintf(",%d", fs)
} else {
    plot matrix matrix rowheaders columnheaders with image pixels
}
