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
# Variables: dir, n (strategies: above 24 the bars lie horizontally, one line
#   of text each), c_strategy, c_score, c_spread ('' for none), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("ranking")) ranking = dir."/ranking.csv"
if (!exists("c_strategy")) c_strategy = "strategy"
if (!exists("c_score")) c_score = "mean_score"
if (!exists("c_spread")) c_spread = ""
if (!exists("n")) n = 10
if (!exists("height")) height = n > 24 ? 18 * n + 170 : 600
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": tournament ranking"
set style fill solid 0.8 border lc rgb "#404040"
set key inside top right
if (n <= 24) {
    set ylabel "mean score per turn (payoff units)"
    set xlabel "strategy (best first)"
    set xtics rotate by -45 left
    set boxwidth 0.7
    set yrange [0:*]
    set grid noxtics ytics
    if (c_spread ne "") {
        plot ranking using 0:c_score:xtic(strcol(c_strategy)) with boxes lc rgb "#0072B2" title "mean over repetitions", \
             ranking using 0:c_score:(column(c_spread)) with yerrorbars lc rgb "#000000" dt 1 pt 0 lw 1.5 \
                 title "spread over repetitions (1 sd)"
    } else {
        plot ranking using 0:c_score:xtic(strcol(c_strategy)) with boxes lc rgb "#0072B2" title "mean over repetitions"
    }
} else {
    # many strategies: horizontal bars, best at the top, one line of text each
    set xlabel "mean score per turn (payoff units)"
    set ylabel "strategy (best first)"
    set yrange [n - 0.4:-0.6]
    set xrange [0:*]
    set grid xtics noytics
    set ytics font ",10"
    set key outside top center horizontal
    if (c_spread ne "") {
        plot ranking using (column(c_score) / 2):0:(column(c_score) / 2):(0.35):ytic(strcol(c_strategy)) \
                 with boxxyerror lc rgb "#0072B2" title "mean over repetitions", \
             ranking using c_score:0:(column(c_spread)) with xerrorbars lc rgb "#000000" dt 1 pt 0 lw 1.5 \
                 title "spread over repetitions (1 sd)"
    } else {
        plot ranking using (column(c_score) / 2):0:(column(c_score) / 2):(0.35):ytic(strcol(c_strategy)) \
                 with boxxyerror lc rgb "#0072B2" title "mean over repetitions"
    }
}
