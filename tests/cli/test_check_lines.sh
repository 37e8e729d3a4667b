#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every `check NAME COMMAND...` of the shell tests asserts all of its
# condition: in `check NAME [ A ] && B` the shell runs B after check, so a
# failing B fails nothing. Such lines must put the whole condition in one
# command (`check NAME eval 'A && B'`). This reads every shell test, joining
# continued lines, and lists each check with an unquoted && or ||.
. "$(dirname "$0")/lib.sh"
python3 - "$ROOT" > "$TMP/found" <<'PY'
import glob, os, re, shlex, sys
root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "tests", "cli", "*.sh")) +
               glob.glob(os.path.join(root, "tests", "mpi", "*.sh")))
for path in files:
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if not re.match(r"\s*check\s", lines[i]):
            i += 1
            continue
        j, text = i, lines[i]
        while re.search(r"(\\|&&|\|\|)\s*$", text) and j + 1 < len(lines):
            j += 1
            text = re.sub(r"\\\s*$", "", text) + " " + lines[j]
        lex = shlex.shlex(text, posix=True, punctuation_chars="&|;")
        lex.whitespace_split = True
        try:
            tokens = list(lex)
        except ValueError:
            tokens = []
        if "&&" in tokens or "||" in tokens:
            print("%s:%d" % (os.path.relpath(path, root), i + 1))
        i = j + 1
PY
check "the reader ran" [ $? -eq 0 ]
check "no check leaves part of its condition unasserted ($(tr '\n' ' ' < "$TMP/found"))" [ ! -s "$TMP/found" ]
# the reader finds the mistake it looks for
printf 'check "x" [ 1 -eq 1 ] && [ 2 -eq 3 ]\ncheck "y" eval '"'"'[ 1 ] && [ 2 ]'"'"'\n' > "$TMP/sample.sh"
mkdir -p "$TMP/r/tests/cli" && cp "$TMP/sample.sh" "$TMP/r/tests/cli/t.sh"
sed -n '/^python3 - /,/^PY$/p' "$0" | sed '1s/.*/import sys/;$d' > "$TMP/reader.py"
python3 "$TMP/reader.py" "$TMP/r" > "$TMP/found2"
check "the reader flags a split condition, and only that" [ "$(cat "$TMP/found2")" = "tests/cli/t.sh:1" ]
finish
