# SPDX-License-Identifier: GPL-3.0-or-later
# A scenario with N allies made from one with fewer: the ally lines (one
# `- {code: ...}` mapping a line) are repeated in turn until there are N,
# each copy with its own code (the original code and a number) and name.
# Comment lines among the allies are dropped; everything else is copied. Used by the memory bench for the
# largest alliance the engine takes (255 allies and the patron).
# usage: awk -v n=255 -f tests/bench/many_allies.awk scenarios/nato_burden_sharing.yaml
/^  - \{code: / { ally[++k] = $0; next }
k && !done && /^[^ #]/ {
  emit()
}
k && !done && /^ *#/ { next }
{ print }
END { if (!done) emit() }
function emit(   i, j, line, c) {
  done = 1
  for (i = 1; i <= n; i++) {
    j = (i - 1) % k + 1
    line = ally[j]
    c = int((i - 1) / k)
    if (c > 0) {
      sub(/code: [A-Z]+/, "&" c, line)
      sub(/name: [^,]+/, "& " c, line)
    }
    print line
  }
}
