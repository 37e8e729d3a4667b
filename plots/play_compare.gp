# SPDX-License-Identifier: GPL-3.0-or-later
# play_compare.gp: a played game against its replays. One trace column of
# one agent (the student's country) over the rounds, one line per path: the
# student's own play, the scenario's strategy and the best built-in strategy
# replayed on the same seed (the replay/ folders of a play folder).
#
# Input:  up to three trace.csv files (trace1, trace2, trace3), columns read
#         by name: round, agent and the column named by `column`.
# Usage:  gnuplot -e "trace1='results/korea_sma-play/trace.csv'; label1='student'" \
#                 -e "trace2='results/korea_sma-play/replay/scenario/trace.csv'" \
#                 -e "label2='scenario strategy'; n=2; agent='KOR'" \
#                 -e "column='w_bind'; scale=100; out='bind.svg'" plots/play_compare.gp
# Variables: n (paths, 1 to 3), trace1..3, label1..3, agent, column, what
#   (panel title), ylabel, scale (multiplier, e.g. 100 for per cent), pi
#   (point interval), scenario, out, and c_round, c_agent (column names).
if (!exists("dir")) dir = "."
if (!exists("n")) n = 1
if (!exists("trace1")) trace1 = dir."/trace.csv"
if (!exists("label1")) label1 = "student"
if (!exists("trace2")) trace2 = ""
if (!exists("label2")) label2 = "scenario strategy"
if (!exists("trace3")) trace3 = ""
if (!exists("label3")) label3 = "best strategy"
if (!exists("c_round")) c_round = "round"
if (!exists("c_agent")) c_agent = "agent"
if (!exists("agent")) agent = "KOR"
if (!exists("column")) column = "cum_payoff"
if (!exists("what")) what = column
if (!exists("ylabel")) ylabel = column
if (!exists("scale")) scale = 1
if (!exists("pi")) pi = 1
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set title scenario.": ".agent.", ".what
set xlabel "round"
set ylabel ylabel
plot for [i=1:n] value("trace".i) \
        using c_round:(strcol(c_agent) eq agent ? scale * column(column) : NaN) \
        with linespoints lt i pi pi title value("label".i)
