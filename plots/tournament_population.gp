# SPDX-License-Identifier: GPL-3.0-or-later
# tournament_population.gp: population shares of the strategies over time
# under the replicator dynamics of the tournament's payoff matrix.
#
# Input:  DIR/replicator.csv of `entente tournament`: a time column (c_time)
#         and one column per strategy holding its population share.
# Usage:  gnuplot -e "dir='results/axelrod_first_tournament'" \
#                 -e "strategies='TitForTat Defector'; out='population.svg'" \
#                 plots/tournament_population.gp
# Variables: dir, c_time, strategies (the share columns to draw), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("population")) population = dir."/replicator.csv"
if (!exists("c_time")) c_time = "time"
if (!exists("strategies")) strategies = "TitForTat"
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": replicator dynamics of the tournament"
set xlabel "time (generations)"
set ylabel "population share (fraction)"
set yrange [0:1]
plot for [i=1:words(strategies)] population using c_time:word(strategies, i) \
        with lines lt i title word(strategies, i)
