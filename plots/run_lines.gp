# SPDX-License-Identifier: GPL-3.0-or-later
# run_lines.gp: one trace column over the rounds, one line per agent; used
# for beliefs about the patron (their diffusion from ally to ally shows as
# converging lines), the hedging index, the fears of the security dilemma
# and the cumulative payoff.
#
# Input:  DIR/trace.csv of `entente run`, columns read by name: round, agent
#         and the column named by `column`.
# Usage:  gnuplot -e "dir='results/japan_reactive_activism'; column='belief'" \
#                 -e "agents='JPN KOR'; out='beliefs.svg'" plots/run_lines.gp
# Variables: dir, agents, column, what (panel title), ylabel, scale
#   (multiplier, e.g. 100 for per cent), pi (point interval), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("trace")) trace = dir."/trace.csv"
if (!exists("c_round")) c_round = "round"
if (!exists("c_agent")) c_agent = "agent"
if (!exists("column")) column = "cum_payoff"
if (!exists("what")) what = column
if (!exists("ylabel")) ylabel = column
if (!exists("scale")) scale = 1
if (!exists("agents")) agents = "USA"
if (!exists("pi")) pi = 1
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": ".what
set xlabel "round"
set ylabel ylabel
plot for [i=1:words(agents)] trace \
        using c_round:(strcol(c_agent) eq word(agents, i) ? scale * column(column) : NaN) \
        with linespoints lt i pi pi title word(agents, i)
