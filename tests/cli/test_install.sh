#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The library as a scholar gets it: the shared library exports the public
# API and nothing else; `make install` into a prefix (and under DESTDIR)
# installs both libraries, the headers, entente.pc, the program, its man page
# and the scenarios; each installed header compiles alone; the example of
# docs/api.md builds against the installed library with pkg-config, shared
# and static, and gives the numbers of `entente run` on the same seed.
. "$(dirname "$0")/lib.sh"

B="$ENTENTE_BUILD"
VERSION=$(cat "$ROOT/engine/VERSION")
MAJOR=${VERSION%%.*}
SO="$B/libentente.so.$VERSION"

# ---- exported symbols -----------------------------------------------------------------
check "the shared library is built" test -f "$SO"
check "its soname is libentente.so.$MAJOR" sh -c "readelf -d '$SO' | grep -q 'SONAME.*\\[libentente.so.$MAJOR\\]'"
check "libentente.so -> libentente.so.$MAJOR -> libentente.so.$VERSION" \
  [ "$(readlink "$B/libentente.so")" = "libentente.so.$MAJOR" -a "$(readlink "$B/libentente.so.$MAJOR")" = "libentente.so.$VERSION" ]
# (AddressSanitizer adds an __odr_asan.NAME beside each exported variable NAME)
nm -D --defined-only "$SO" | awk '$2 ~ /^[TDBRVWiu]$/ {print $3}' | sed 's/^__odr_asan\.//' | sort -u >"$TMP/exported"
check "it exports symbols" test -s "$TMP/exported"
check "no internal symbol (ent_i_*) is exported" sh -c "! grep -q '^ent_i_' '$TMP/exported'"
: >"$TMP/undeclared"
: >"$TMP/internal"
while read -r sym; do
  grep -qw "$sym" "$ROOT"/engine/include/entente/*.h || echo "$sym" >>"$TMP/undeclared"
  grep -qw "$sym" $(find "$ROOT"/engine/src -name "*.h") 2>/dev/null && ! grep -qw "$sym" "$ROOT"/engine/include/entente/*.h &&
    echo "$sym" >>"$TMP/internal"
done <"$TMP/exported"
if [ -s "$TMP/undeclared" ]; then
  not_ok "every exported symbol is declared in a public header" "exported but not public: $(tr '\n' ' ' <"$TMP/undeclared")"
else
  ok "every exported symbol ($(wc -l <"$TMP/exported")) is declared in a public header"
fi
check "nothing declared only in an internal header is exported" test ! -s "$TMP/internal"
# a static helper and an internal function of the library, for certain
check "static helpers stay hidden (write_trace)" sh -c "! grep -qx write_trace '$TMP/exported'"
check "internal functions stay hidden (ent_rmtree)" sh -c "! grep -qx ent_rmtree '$TMP/exported'"

# ---- installation -----------------------------------------------------------------------
# -o all: install what the suite built (sanitized or not), rebuild nothing
P="$TMP/prefix"
make -s -C "$ROOT" -o all install BUILD="$B" PREFIX="$P" >"$TMP/install.log" 2>&1
check "make install PREFIX=... succeeds" test $? -eq 0
for f in bin/entente bin/entente-classroom lib/libentente.a lib/libentente.so.$VERSION lib/pkgconfig/entente.pc \
         include/entente/entente.h include/entente/api.h include/entente/export.h \
         share/man/man1/entente.1 share/entente/scenarios/nato_burden_sharing.yaml \
         share/doc/entente/LICENSE share/doc/entente/api.md; do
  check "installed: $f" test -f "$P/$f"
done
check "installed: lib/libentente.so.$MAJOR -> libentente.so.$VERSION" [ "$(readlink "$P/lib/libentente.so.$MAJOR")" = "libentente.so.$VERSION" ]
check "installed: lib/libentente.so -> libentente.so.$MAJOR" [ "$(readlink "$P/lib/libentente.so")" = "libentente.so.$MAJOR" ]
# the installed entente starts the installed classroom server beside it
"$P/bin/entente" classroom --help > "$TMP/cr_help" 2>&1
check "installed: entente classroom --help reaches entente-classroom" grep -q "^usage: entente classroom FILE" "$TMP/cr_help"
mkdir -p "$TMP/lone" && cp "$P/bin/entente" "$TMP/lone/entente"
"$TMP/lone/entente" classroom x.yaml > /dev/null 2> "$TMP/cr_err"
rc=$?
check "entente without entente-classroom beside it: status 1 and what to do" eval '[ $rc -eq 1 ] &&
  grep -q "cannot start the classroom server .*entente-classroom: No such file or directory (make builds it" "$TMP/cr_err"'
check "entente.pc carries the licence" grep -q '^# SPDX-License-Identifier: GPL-3.0-or-later' "$P/lib/pkgconfig/entente.pc"

make -s -C "$ROOT" -o all install BUILD="$B" PREFIX=/opt/entente DESTDIR="$TMP/stage" >"$TMP/destdir.log" 2>&1
check "make install DESTDIR=... succeeds" test $? -eq 0
check "DESTDIR: the files go under it" test -f "$TMP/stage/opt/entente/lib/libentente.so.$VERSION"
check "DESTDIR: entente.pc names the final prefix" grep -qx 'prefix=/opt/entente' "$TMP/stage/opt/entente/lib/pkgconfig/entente.pc"

export PKG_CONFIG_PATH="$P/lib/pkgconfig"
check "pkg-config knows entente $VERSION" [ "$(pkg-config --modversion entente)" = "$VERSION" ]
CFLAGS_E=$(pkg-config --cflags entente)
LIBS_E=$(pkg-config --libs entente)
check "pkg-config --cflags names the installed headers" sh -c "echo '$CFLAGS_E' | grep -q -- '-I$P/include'"
# a sanitized library needs the sanitizers' runtime in the program
SAN=""
nm "$P/lib/libentente.a" 2>/dev/null | grep -q ' U __asan_' && SAN="-fsanitize=address,undefined"

# ---- every installed header alone ----------------------------------------------------
bad=""
for h in "$P"/include/entente/*.h; do
  n=$(basename "$h")
  printf '#include <entente/%s>\ntypedef int alone;\n' "$n" >"$TMP/alone.c"
  ${CC:-cc} -std=c11 -Wall -Wextra -Werror -pedantic $CFLAGS_E -c "$TMP/alone.c" -o "$TMP/alone.o" \
    >>"$TMP/alone.log" 2>&1 || bad="$bad $n"
done
check "each installed header compiles alone (-std=c11 -Wall -Wextra -Werror -pedantic)" test -z "$bad"
[ -n "$bad" ] && echo "    failing:$bad" && head -20 "$TMP/alone.log"
if command -v c++ >/dev/null 2>&1; then
  printf '#include <entente/entente.h>\n#include <entente/sweep.h>\nint main() { return ent_version() ? 0 : 1; }\n' >"$TMP/cxx.cc"
  c++ -Wall -Werror $SAN $CFLAGS_E "$TMP/cxx.cc" -o "$TMP/cxx" $LIBS_E >"$TMP/cxx.log" 2>&1
  check "a C++ program includes the headers and links the library" test $? -eq 0
fi

# ---- the example of docs/api.md, shared and static ----------------------------------
EX="$ROOT/engine/docs/examples/run_scenario.c"
awk '/^<!-- example: examples\/run_scenario.c -->/ { on = 1; next }
     on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' "$ROOT/engine/docs/api.md" >"$TMP/api_example.c"
check "docs/api.md shows examples/run_scenario.c as it is" cmp -s "$EX" "$TMP/api_example.c"
NATO="$ROOT/scenarios/nato_burden_sharing.yaml"
${CC:-cc} -std=c11 -Wall -Wextra -Werror $SAN "$EX" -o "$TMP/ex_shared" $CFLAGS_E $LIBS_E >"$TMP/cc.log" 2>&1
check "the example builds with pkg-config --cflags --libs entente" test $? -eq 0
check "... and needs libentente.so.$MAJOR" sh -c "readelf -d '$TMP/ex_shared' | grep -q 'NEEDED.*libentente.so.$MAJOR'"
STATIC_LIBS=$(pkg-config --static --libs entente | sed 's/-lentente/-Wl,-Bstatic -lentente -Wl,-Bdynamic/')
${CC:-cc} -std=c11 -Wall -Wextra -Werror $SAN "$EX" -o "$TMP/ex_static" $CFLAGS_E $STATIC_LIBS >>"$TMP/cc.log" 2>&1
check "the example builds against libentente.a (pkg-config --static)" test $? -eq 0
check "... which it does not need at run time" sh -c "! readelf -d '$TMP/ex_static' | grep -q 'NEEDED.*libentente'"
cat "$TMP/cc.log"

"$ENTENTE" run "$NATO" --seed 7 --set allies.DEU.threat=0.8 --out "$TMP/cli" --quiet
LD_LIBRARY_PATH="$P/lib" "$TMP/ex_shared" "$NATO" 7 "$TMP/ex1" allies.DEU.threat=0.8 >"$TMP/ex1.out" 2>&1
check "the example runs against the installed shared library" test $? -eq 0
check "... loading it from the prefix" sh -c "LD_LIBRARY_PATH='$P/lib' ldd '$TMP/ex_shared' | grep -q '$P/lib/libentente.so.$MAJOR'"
"$TMP/ex_static" "$NATO" 7 "$TMP/ex2" allies.DEU.threat=0.8 >"$TMP/ex2.out" 2>&1
check "the example runs linked statically" test $? -eq 0
check "shared and static print the same" cmp -s "$TMP/ex1.out" "$TMP/ex2.out"
# its numbers are the program's: outcomes.csv of `entente run` against its table
python3 - "$TMP/cli/outcomes.csv" "$TMP/ex1.out" >"$TMP/cmp.out" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
lines = open(sys.argv[2]).read().splitlines()
head = lines[1].split(",")
n = len(rows)
bad = []
for line, row in zip(lines[2:2 + n], rows):
    vals = line.split(",")
    if vals[0] != row["agent"]:
        bad.append("agent %s != %s" % (vals[0], row["agent"]))
    for name, v in zip(head[1:], vals[1:]):
        c = row[name]
        if (v == "NA") != (c == "NA") or (v != "NA" and float(v) != float(c)):
            bad.append("%s %s: %s, the program %s" % (row["agent"], name, v, c))
for line in lines[2 + n:]:
    if line.startswith(("trace:", "events:")):
        continue
    name, v = line.split(",")
    c = rows[0][name]
    if (v == "NA") != (c == "NA") or (v != "NA" and float(v) != float(c)):
        bad.append("%s: %s, the program %s" % (name, v, c))
print("\n".join(bad[:10]) if bad else "same")
PY
check "the example's outcomes are the numbers of 'entente run' on the same seed" grep -qx same "$TMP/cmp.out"
grep -qx same "$TMP/cmp.out" || cat "$TMP/cmp.out"
check "the example's event count is that of events.csv" \
  grep -q "^events: $(($(wc -l <"$TMP/cli/events.csv") - 1))," "$TMP/ex1.out"
for f in trace.csv outcomes.csv events.csv; do
  check "the example writes $f byte for byte as 'entente run'" cmp -s "$TMP/cli/$f" "$TMP/ex1/$f"
done
printf 'name: broken\nrounds: 3\nallies: 5\n' >"$TMP/bad.yaml"
LD_LIBRARY_PATH="$P/lib" "$TMP/ex_shared" "$TMP/bad.yaml" 7 "$TMP/ex3" 2>"$TMP/bad.err"
check "the example reports a bad scenario with FILE:LINE:COL" grep -q "bad.yaml:3:9: error: " "$TMP/bad.err"
finish
