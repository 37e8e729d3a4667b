# SPDX-License-Identifier: GPL-3.0-or-later
# Every broken scenario in tests/bad/ is refused with exit status 2, the exact
# FILE:LINE:COL message of its .err file, and no output written.
. "$(dirname "$0")/lib.sh"

cd "$ROOT/tests/bad" || exit 1
n=0
for f in *.yaml; do
  n=$((n + 1))
  name=${f%.yaml}
  for cmd in validate run; do
    out="$TMP/out_$name"
    if [ "$cmd" = run ]; then
      "$ENTENTE" run "$f" --out "$out" >"$TMP/stdout" 2>"$TMP/stderr"
    else
      "$ENTENTE" validate "$f" >"$TMP/stdout" 2>"$TMP/stderr"
    fi
    rc=$?
    if [ "$rc" -ne 2 ]; then
      not_ok "$cmd $name exits 2" "exit status $rc"
    elif ! cmp -s "$TMP/stderr" "$name.err"; then
      not_ok "$cmd $name message" "expected: $(cat "$name.err")" "got: $(cat "$TMP/stderr")"
    elif [ -e "$out" ] || [ -s "$TMP/stdout" ]; then
      not_ok "$cmd $name writes nothing" "output found"
    else
      ok "$cmd $name"
    fi
  done
done
check "corpus has at least 20 cases" [ "$n" -ge 20 ]

# a 10 MB file, made here rather than stored
cd "$TMP" || exit 1
awk 'BEGIN { printf "name: big\ndescription: \""; for (i = 0; i < 10485760 - 40; i++) printf "x"; printf "\"\n" }' > big.yaml
size=$(wc -c < big.yaml)
"$ENTENTE" run big.yaml --out "$TMP/out_big" >/dev/null 2>"$TMP/stderr"
rc=$?
expected="big.yaml:1:1: error: file is $size bytes; scenario files are limited to 4194304 bytes"
if [ "$rc" -eq 2 ] && [ "$(cat "$TMP/stderr")" = "$expected" ] && [ ! -e "$TMP/out_big" ]; then
  ok "10 MB file refused"
else
  not_ok "10 MB file refused" "rc=$rc" "got: $(cat "$TMP/stderr")" "expected: $expected"
fi

# a file that does not exist
"$ENTENTE" validate no_such_file.yaml 2>"$TMP/stderr"
rc=$?
check "missing file exits 2" [ "$rc" -eq 2 ]
check "missing file message" [ "$(cat "$TMP/stderr")" = "no_such_file.yaml: error: cannot open: No such file or directory" ]

# every error of a file is reported in one pass
"$ENTENTE" validate "$ROOT/tests/bad/many_errors.yaml" 2>"$TMP/stderr"
check "all errors in one pass" [ "$(grep -c ': error: ' "$TMP/stderr")" -eq 3 ]

finish
