# SPDX-License-Identifier: GPL-3.0-or-later
# run_support.gp: domestic support (top) and the win-set (bottom) of each
# ally over the rounds (two-level game, Putnam 1988); a panel is left out
# when its column is not in the trace.
#
# Input:  DIR/trace.csv of `entente run`, columns read by name: round, agent,
#         support, win_set.
# Usage:  gnuplot -e "dir='results/korea_sma'; agents='KOR'; out='support.svg'" \
#                 plots/run_support.gp
# Variables: dir, agents, c_support, c_winset ('' leaves the panel out),
#   support_label, winset_label (axis labels with units), support_scale and
#   winset_scale (100 draws a fraction as per cent), pi, scenario, out.
if (!exists("dir")) dir = "."
if (!exists("trace")) trace = dir."/trace.csv"
if (!exists("c_round")) c_round = "round"
if (!exists("c_agent")) c_agent = "agent"
if (!exists("c_support")) c_support = "support"
if (!exists("c_winset")) c_winset = "win_set"
if (!exists("support_label")) support_label = "domestic support (fraction)"
if (!exists("winset_label")) winset_label = "win-set (largest acceptable concession)"
if (!exists("support_scale")) support_scale = 1
if (!exists("winset_scale")) winset_scale = 1
if (!exists("agents")) agents = "KOR"
if (!exists("pi")) pi = 1
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

panels = (c_support ne "") + (c_winset ne "")
set multiplot layout panels, 1 title scenario.": domestic politics of the allies"
set xlabel "round"
if (c_support ne "") {
    set title "domestic support"
    set ylabel support_label
    plot for [i=1:words(agents)] trace \
            using c_round:(strcol(c_agent) eq word(agents, i) ? support_scale * column(c_support) : NaN) \
            with linespoints lt i pi pi title word(agents, i)
}
if (c_winset ne "") {
    set title "win-set: the largest concession that would be ratified"
    set ylabel winset_label
    plot for [i=1:words(agents)] trace \
            using c_round:(strcol(c_agent) eq word(agents, i) ? winset_scale * column(c_winset) : NaN) \
            with linespoints lt i pi pi title word(agents, i)
}
unset multiplot
