# SPDX-License-Identifier: GPL-3.0-or-later
# run_shares.gp: per-agent trajectories of the contribution share (top) and
# of the burden share (bottom, when present) with each ally's demand dotted.
#
# Input:  DIR/trace.csv of `entente run`, columns read by name:
#         round, agent, contribution_share, demand, burden_share
# Usage:  gnuplot -e "dir='results/nato_burden_sharing'; agents='USA DEU FRA POL'" \
#                 -e "out='shares.svg'" plots/run_shares.gp
# Variables: dir (result folder), agents (codes to draw), demanded (codes
#   whose demand to draw), pi (point every pi rounds), scenario (title),
#   out (file; .svg or .png), scale (100: shares as per cent), and the
#   column names c_round, c_agent, c_share, c_demand, c_burden ('' skips one).
if (!exists("dir")) dir = "."
if (!exists("trace")) trace = dir."/trace.csv"
if (!exists("c_round")) c_round = "round"
if (!exists("c_agent")) c_agent = "agent"
if (!exists("c_share")) c_share = "contribution_share"
if (!exists("c_demand")) c_demand = "demand"
if (!exists("c_burden")) c_burden = "burden_share"
if (!exists("scale")) scale = 100
if (!exists("agents")) agents = "USA"
if (!exists("demanded")) demanded = agents
if (!exists("pi")) pi = 1
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

unit = scale == 100 ? "%" : "fraction"
n = words(agents)
set multiplot layout (c_burden ne "" ? 2 : 1), 1 title scenario.": defence spending and burden"
set xlabel "round"
set ylabel sprintf("contribution (%s of GDP)", unit)
set title "contribution share against the patron's demand (dotted)"
if (n > 0) {
    if (c_demand ne "") {
        plot for [i=1:n] trace using c_round:(strcol(c_agent) eq word(agents, i) ? scale * column(c_share) : NaN) \
                with linespoints lt i pi pi title word(agents, i), \
             for [i=1:words(demanded)] trace \
                using c_round:(strcol(c_agent) eq word(demanded, i) ? scale * column(c_demand) : NaN) \
                with lines lt ent_idx(word(demanded, i), agents) lw 1 dt 3 notitle
    } else {
        plot for [i=1:n] trace using c_round:(strcol(c_agent) eq word(agents, i) ? scale * column(c_share) : NaN) \
                with linespoints lt i pi pi title word(agents, i)
    }
}
if (c_burden ne "") {
    set title "share of the alliance's total defence spending"
    set ylabel sprintf("burden share (%s)", unit)
    plot for [i=1:n] trace using c_round:(strcol(c_agent) eq word(agents, i) ? scale * column(c_burden) : NaN) \
            with linespoints lt i pi pi title word(agents, i)
}
unset multiplot
