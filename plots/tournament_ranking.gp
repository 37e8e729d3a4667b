# SPDX-License-Identifier: GPL-3.0-or-later
# tournament_ranking.gp: the strategies of a round-robin tournament in rank
# order, with their mean score per turn and, when the ranking gives it, its
# spread over the repetitions (error bars: plus or minus one standard
# deviation).
#
# Input:  DIR/ranking.csv of `entente tournament`, columns read by name:
#         strategy, mean score per turn (c_score), its spread (c_spread,
#         optional).
# Usage:  gnuplot -e "dir='results/axelrod_first_tournament'; out='ranking.svg'" \
#                 plots/tournament_ranking.gp
# Variables: dir, c_strategy, c_score, c_spread ('' for none), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("ranking")) ranking = dir."/ranking.csv"
if (!exists("c_strategy")) c_strategy = "strategy"
if (!exists("c_score")) c_score = "mean_score"
if (!exists("c_spread")) c_spread = ""
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": tournament ranking"
set ylabel "mean score per turn (payoff units)"
set xlabel "strategy (best first)"
set xtics rotate by -45 left
set style fill solid 0.8 border lc rgb "#404040"
set boxwidth 0.7
set key inside top right
set yrange [0:*]
set grid noxtics ytics
if (c_spread ne "") {
    plot ranking using 0:c_score:xtic(strcol(c_strategy)) with boxes lc rgb "#0072B2" title "mean over repetitions", \
         ranking using 0:c_score:(column(c_spread)) with yerrorbars lc rgb "#000000" dt 1 pt 0 lw 1.5 \
             title "spread over repetitions (1 sd)"
} else {
    plot ranking using 0:c_score:xtic(strcol(c_strategy)) with boxes lc rgb "#0072B2" title "mean over repetitions"
}
