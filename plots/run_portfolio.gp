# SPDX-License-Identifier: GPL-3.0-or-later
# run_portfolio.gp: each ally's hedging portfolio (bandwagon, balance, bind)
# as stacked areas over the rounds, one panel per ally (Kuik 2008). The
# three weights sum to one, so the top of the stack is always 1.
#
# Input:  DIR/trace.csv of `entente run`, columns read by name: round, agent,
#         bandwagon, balance, bind.
# Usage:  gnuplot -e "dir='results/australia_hedging'; agents='AUS JPN'" \
#                 -e "out='portfolio.svg'" plots/run_portfolio.gp
# Variables: dir, agents (one panel each), c_bandwagon, c_balance, c_bind,
#   scenario, out.
if (!exists("dir")) dir = "."
if (!exists("trace")) trace = dir."/trace.csv"
if (!exists("c_round")) c_round = "round"
if (!exists("c_agent")) c_agent = "agent"
if (!exists("c_bandwagon")) c_bandwagon = "bandwagon"
if (!exists("c_balance")) c_balance = "balance"
if (!exists("c_bind")) c_bind = "bind"
if (!exists("agents")) agents = "AUS"
n = words(agents)
cols = n < 2 ? 1 : (n < 5 ? 2 : 3)
rows = int((n + cols - 1) / cols)
if (!exists("height")) height = 260 * rows + 80
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

set multiplot layout rows, cols title scenario.": hedging portfolios (bandwagon, balance, bind)"
set yrange [0:1]
set xlabel "round"
set ylabel "portfolio weight (fraction)"
set key inside bottom left opaque box
set style fill solid 0.85 border lc rgb "#404040"
f(a) = strcol(c_agent) eq a
do for [i=1:n] {
    a = word(agents, i)
    set title a
    if (i == 2) { unset key }
    # colours from Okabe-Ito, plus a pattern on the middle band for grey prints
    plot trace using c_round:(f(a) ? 0 : NaN):(f(a) ? column(c_bandwagon) : NaN) \
             with filledcurves lc rgb "#0072B2" title "bandwagon", \
         trace using c_round:(f(a) ? column(c_bandwagon) : NaN):(f(a) ? column(c_bandwagon) + column(c_balance) : NaN) \
             with filledcurves lc rgb "#E69F00" fs pattern 4 title "balance", \
         trace using c_round:(f(a) ? column(c_bandwagon) + column(c_balance) : NaN):(f(a) ? column(c_bandwagon) + column(c_balance) + column(c_bind) : NaN) \
             with filledcurves lc rgb "#009E73" fs pattern 5 title "bind"
}
unset multiplot
