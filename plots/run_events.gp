# SPDX-License-Identifier: GPL-3.0-or-later
# run_events.gp: a timeline of the coercion game: for each ally (one row),
# the rounds in which the patron threatened it, carried a threat out or
# backed down, and the ally's answer (complied, conceded, defied), with
# deals and failed ratifications.
#
# Input:  DIR/events.csv of `entente run`, columns read by name: round,
#         event, actor, target.
# Usage:  gnuplot -e "dir='results/korea_sma'; agents='KOR JPN'; out='events.svg'" \
#                 plots/run_events.gp
# Variables: dir, agents (rows, top to bottom), kinds (event names to mark),
#   rounds (x range), scenario, out.
if (!exists("dir")) dir = "."
if (!exists("events")) events = dir."/events.csv"
if (!exists("c_round")) c_round = "round"
if (!exists("c_event")) c_event = "event"
if (!exists("c_actor")) c_actor = "actor"
if (!exists("c_target")) c_target = "target"
if (!exists("agents")) agents = "KOR"
if (!exists("kinds")) kinds = "threaten execute back_down comply concede defy deal ratify_fail"
n = words(agents)
if (!exists("height")) height = 200 + 50 * n < 320 ? 320 : 200 + 50 * n
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne "/") { _i = _i - 1 }
load (_i > 0 ? ARG0[1:_i] : "")."entente.gp"

# each kind: a label, a point type and a small vertical offset inside the row
label(k) = k eq "threaten" ? "threat made" : k eq "execute" ? "threat carried out" : \
           k eq "back_down" ? "threat withdrawn" : k eq "comply" ? "complied" : \
           k eq "concede" ? "conceded part" : k eq "defy" ? "defied" : \
           k eq "deal" ? "deal" : k eq "ratify_fail" ? "ratification failed" : k
ptype(k) = k eq "threaten" ? 9 : k eq "execute" ? 5 : k eq "back_down" ? 6 : \
           k eq "comply" ? 7 : k eq "concede" ? 13 : k eq "defy" ? 2 : k eq "deal" ? 11 : 3
# the ally concerned: the actor if it is one of the rows, else the target
row(a, t) = ent_idx(a, agents) == ent_idx(a, agents) ? ent_idx(a, agents) : ent_idx(t, agents)
off(j) = 0.5 * (j - (words(kinds) + 1) / 2.0) / words(kinds)

set title scenario.": threats, answers and deals"
set xlabel "round"
set ylabel "ally"
set yrange [n + 0.7:0.3]
set ytics 1
set ytics ()
do for [i=1:n] { set ytics add (word(agents, i) i) }
set grid noxtics ytics
if (exists("rounds")) { set xrange [0.5:rounds + 0.5] }
set key maxcols 1
plot for [j=1:words(kinds)] events \
        using c_round:(strcol(c_event) eq word(kinds, j) ? row(strcol(c_actor), strcol(c_target)) + off(j) : NaN) \
        with points lt j pt ptype(word(kinds, j)) ps 1.6 title label(word(kinds, j))
