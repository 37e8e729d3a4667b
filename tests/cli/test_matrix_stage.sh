# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped scenario with a matrix stage (burden_sharing_matrix.yaml), run
# without noise: the patron's Tit For Tat answers each ally's last move, and a
# reciprocal ally's share moves by its step after each kept faith or cut.
. "$(dirname "$0")/lib.sh"

S="$ROOT/scenarios/burden_sharing_matrix.yaml"
"$ENTENTE" run "$S" --out "$TMP/r" --quiet --set stages.matrix.noise=0
check "run writes the matrix columns" grep -q 'matrix_action,matrix_payoff,matrix_patron_action' "$TMP/r/trace.csv"

# Tit For Tat by hand: C first, then the ally's previous move; the payoffs are
# Axelrod's (R=3, S=0, T=5, P=1) times payoff_scale 0.01; a reciprocal ally's
# share moves by 0.001 after the patron's act (kept: up, cut: down) within
# its bounds (min 0.01; max 0.03 for FRA, 0.02 for DEU and ITA, as the file gives).
python3 - "$TMP/r/trace.csv" >"$TMP/check" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = []
pay = {(0, 0): (3, 3), (0, 1): (0, 5), (1, 0): (5, 0), (1, 1): (1, 1)}
hi = {'DEU': 0.02, 'FRA': 0.03, 'ITA': 0.02}
for code in ('DEU', 'FRA', 'ITA'):
    r = [x for x in rows if x['agent'] == code]
    for t, x in enumerate(r):
        p, a = int(x['matrix_patron_action']), int(x['matrix_action'])
        want = 0 if t == 0 else int(r[t - 1]['matrix_action'])
        if p != want: bad.append('%s round %d: patron %d, want %d' % (code, t + 1, p, want))
        if abs(float(x['matrix_payoff']) - 0.01 * pay[(p, a)][1]) > 1e-12:
            bad.append('%s round %d: payoff %s' % (code, t + 1, x['matrix_payoff']))
        if t > 0:
            prev = float(r[t - 1]['contribution_share'])
            step = 0.001 if int(r[t - 1]['matrix_patron_action']) == 0 else -0.001
            exp = min(max(prev + step, 0.01), max(hi[code], prev) if step > 0 else 1)
            if abs(float(x['contribution_share']) - exp) > 1e-9:
                bad.append('%s round %d: share %s, want %.4f' % (code, t + 1, x['contribution_share'], exp))
print('\n'.join(bad) if bad else 'fine')
PY
check "patron plays Tit For Tat, payoffs and reciprocal shares by hand" grep -qx fine "$TMP/check"
[ "$(cat "$TMP/check")" = fine ] || cat "$TMP/check"

# bad input: a strategy of another stage, with its position
sed 's/      matrix: Defector/      matrix: reciprocal/' "$S" >"$TMP/bad.yaml"
"$ENTENTE" run "$TMP/bad.yaml" --out "$TMP/bad" 2>"$TMP/err"; rc=$?
check "a strategy of another stage exits 2" [ "$rc" -eq 2 ]
check "... naming file, line and column" grep -q "bad.yaml:[0-9]*:[0-9]*: error: unknown strategy 'reciprocal' for stage 'matrix'" "$TMP/err"
check "... and writing nothing" [ ! -e "$TMP/bad" ]
# entente solve: the equilibria of a scenario's matrix stage
"$ENTENTE" solve "$ROOT/scenarios/burden_sharing_matrix.yaml" --format csv >"$TMP/solve.csv"
check "solve: the PD stage has one equilibrium, (defect, defect)" sh -c "
  [ \$(grep '^matrix,equilibrium_' '$TMP/solve.csv' | grep -vc '_exact') -eq 6 ] &&
  grep -qx 'matrix,equilibrium_1,row_exact:defect,1' '$TMP/solve.csv' &&
  grep -qx 'matrix,equilibrium_1,row:defect,1' '$TMP/solve.csv' &&
  grep -qx 'matrix,equilibrium_1,column:defect,1' '$TMP/solve.csv'"
# a Stag Hunt stage: two pure equilibria and one mixed, by hand
sed 's/game: prisoners_dilemma/game: stag_hunt/' "$ROOT/scenarios/burden_sharing_matrix.yaml" >"$TMP/sh.yaml"
"$ENTENTE" solve "$TMP/sh.yaml" --format json >"$TMP/sh.json"
check "solve: a Stag Hunt stage has three equilibria" python3 -c "
import json; d = json.load(open('$TMP/sh.json'))['matrix']
kinds = sorted(e['kind'] for e in d['equilibria'])
assert d['game'] == 'stag_hunt' and kinds == ['mixed', 'pure', 'pure'], d"

finish
