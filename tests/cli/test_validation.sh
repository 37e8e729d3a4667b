# SPDX-License-Identifier: GPL-3.0-or-later
# engine/docs/validation.md: every command on the page prints exactly the
# figures the page quotes. A `console` block holds commands ("$ " lines, run
# from the repository root) each followed by the output it must print.
. "$(dirname "$0")/lib.sh"

PAGE="$ROOT/engine/docs/validation.md"
check "validation page exists" [ -f "$PAGE" ]

# split the page into numbered command and expected-output files
W="$TMP/validation"
mkdir -p "$W/run"
awk -v dir="$W" '
  /^```console$/ { inb = 1; next }
  /^```/ { inb = 0; next }
  inb && /^\$ / { n++; sub(/^\$ /, ""); print > (dir "/cmd" n); printf "" > (dir "/exp" n); next }
  inb && n { print >> (dir "/exp" n) }
  END { print n + 0 > (dir "/count") }' "$PAGE"
n=$(cat "$W/count")
check "the page has its commands" [ "$n" -ge 10 ]

# the commands run in a scratch folder that sees the repository's scenarios
ln -s "$ROOT/scenarios" "$W/run/scenarios"
entente() { "$ENTENTE" "$@"; }
i=1
while [ "$i" -le "$n" ]; do
  cmd=$(cat "$W/cmd$i")
  (cd "$W/run" && eval "$cmd") >"$W/out$i" 2>"$W/err$i"
  rc=$?
  check "validation.md command $i exits 0" [ "$rc" -eq 0 ]
  if cmp -s "$W/out$i" "$W/exp$i"; then
    ok "validation.md command $i prints the quoted figures"
  else
    not_ok "validation.md command $i prints the quoted figures" "command: $cmd" \
      "quoted:  $(cat "$W/exp$i")" "printed: $(cat "$W/out$i")"
  fi
  i=$((i + 1))
done

# the summary table's model column quotes only figures the commands print
cat "$W"/exp* >"$W/all_out"
awk -F'|' '/^\| target \|/ { t = 1; next } t && /^\|---/ { next } t && /^\|/ { print $4; next } t { exit }' "$PAGE" |
  grep -o '[0-9][0-9]*\.[0-9][0-9]*' >"$W/table_figures"
check "summary table has model figures" [ "$(wc -l <"$W/table_figures")" -ge 6 ]
missing=""
while read -r x; do
  grep -q "$x" "$W/all_out" || missing="$missing $x"
done <"$W/table_figures"
check "every model figure in the summary table is printed by a command:$missing" [ -z "$missing" ]

finish
