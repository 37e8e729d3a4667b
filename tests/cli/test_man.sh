#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page covers every command and every option: each command listed by
# `entente help` has its section (.SS "entente COMMAND"), and every --option
# that `entente COMMAND --help` mentions appears in that section.
. "$(dirname "$0")/lib.sh"
MAN="$ROOT/engine/man/entente.1"
commands=$("$ENTENTE" help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
check "entente help lists the commands" test -n "$commands"
for c in $commands; do
  sed -n "/^\.SS \"entente $c[ \"]/,/^\.S[SH] /p" "$MAN" >"$TMP/section"
  if [ ! -s "$TMP/section" ]; then not_ok "man page: a section for $c"; continue; fi
  ok "man page: a section for $c"
  missing=""
  for o in $("$ENTENTE" "$c" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    m=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -- "$m" "$TMP/section" || missing="$missing $o"
  done
  if [ -z "$missing" ]; then ok "man page: every option of $c"; else not_ok "man page: every option of $c" "missing:$missing"; fi
done
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww "$MAN" >/dev/null 2>"$TMP/groff"
  check "the man page formats without warnings" test ! -s "$TMP/groff"
fi
finish
