# SPDX-License-Identifier: GPL-3.0-or-later
# Every broken game file in tests/bad_games/ (payoffs that are not numbers,
# NaN, infinities, out of range, ragged rows, a 1x1 game, too many actions)
# is refused by `entente solve` with exit status 2, the exact FILE:LINE:COL
# message of its .err file, and nothing on standard output.
. "$(dirname "$0")/lib.sh"

cd "$ROOT/tests/bad_games" || exit 1
n=0
for f in *.yaml; do
  n=$((n + 1))
  name=${f%.yaml}
  "$ENTENTE" solve "$f" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  if [ "$rc" -ne 2 ]; then
    not_ok "solve $name exits 2" "exit status $rc"
  elif ! cmp -s "$TMP/stderr" "$name.err"; then
    not_ok "solve $name message" "expected: $(cat "$name.err")" "got: $(cat "$TMP/stderr")"
  elif [ -s "$TMP/stdout" ]; then
    not_ok "solve $name prints nothing" "output found"
  else
    ok "solve $name"
  fi
done
check "corpus has at least 12 cases" [ "$n" -ge 12 ]
# one rule for numbers in every file (as in scenario files): a subnormal
# payoff is a number
printf 'name: tiny\ngame:\n  payoffs:\n    - [[1, 2], [3, 4]]\n    - [[5, 6], [1e-320, 8]]\n' > "$TMP/tiny.yaml"
"$ENTENTE" solve "$TMP/tiny.yaml" > "$TMP/tiny.out" 2>&1
check "a subnormal payoff (1e-320) is read" [ $? -eq 0 ]
check "  and its game solved" grep -q "^tiny: custom game (2x2), 1 Nash equilibrium" "$TMP/tiny.out"
finish
