# SPDX-License-Identifier: GPL-3.0-or-later
# play_gap.gp: what a student's choices did, as a difference: the student's
# cumulative discounted payoff, and the best built-in strategy's, less the
# scenario's own strategy's replayed on the same seed, round by round. The
# paths' payoffs look alike on their own scale (the burden-sharing utility is
# logarithmic and large); this plot shows the gap itself.
#
# Input:  a CSV with columns round, student_minus_scenario,
#         best_minus_scenario (written by `entente plot` as plots/play_gap.csv).
# Usage:  gnuplot -e "data='results/korea_sma-play/plots/play_gap.csv'" \
#                 -e "agent='KOR'; out='gap.svg'" plots/play_gap.gp
# Variables: data, agent, best (1: draw the best strategy's line), rounds (12
#   or fewer: a tick per round), scenario, out.
if (!exists("data")) data = "play_gap.csv"
if (!exists("agent")) agent = "KOR"
if (!exists("best")) best = 1
if (!exists("rounds")) rounds = 100
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": ".agent.", payoff against the scenario's strategy"
set xlabel "round"
set ylabel "cumulative payoff minus the scenario strategy's"
set xzeroaxis lt -1 lw 1
if (rounds <= 12) set xtics 1
if (best) {
  plot data using "round":"student_minus_scenario" with linespoints lt 1 title "student, ".agent, \
       data using "round":"best_minus_scenario" with linespoints lt 3 title "best strategy"
} else {
  plot data using "round":"student_minus_scenario" with linespoints lt 1 title "student, ".agent
}
