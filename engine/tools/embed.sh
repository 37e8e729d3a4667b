#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Generate engine/cli/classroom_assets.c, the classroom page's files
# (engine/cli/classroom/*.html, *.js, *.css) as C byte arrays served by
# `entente classroom`. Plain POSIX sh and od: no build tool beyond make.
# usage: embed.sh SRC_DIR OUT_FILE
set -e
src=${1:-engine/cli/classroom}
out=${2:-engine/cli/classroom_assets.c}
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
{
  echo "/* SPDX-License-Identifier: GPL-3.0-or-later */"
  echo "/* classroom_assets.c: the classroom page's files as byte arrays, generated"
  echo "** from engine/cli/classroom/ by engine/tools/embed.sh (make does it; do not edit). */"
  echo "#include \"classroom.h\""
  n=0
  for f in "$src"/*.html "$src"/*.js "$src"/*.css; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    echo "static const unsigned char a$n[] = {"
    od -An -v -tx1 "$f" | awk '{ line = ""; for (i = 1; i <= NF; i++) line = line "0x" $i ","; if (line != "") print "    " line }'
    echo "    0x00"
    echo "};"
  done
  echo "const cr_asset cr_assets[] = {"
  n=0
  for f in "$src"/*.html "$src"/*.js "$src"/*.css; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    base=$(basename "$f")
    case "$base" in
      *.html) type="text/html; charset=utf-8" ;;
      *.js) type="text/javascript; charset=utf-8" ;;
      *.css) type="text/css; charset=utf-8" ;;
    esac
    echo "    { \"/$base\", \"$type\", a$n, sizeof a$n - 1 },"
  done
  echo "    { 0, 0, 0, 0 }"
  echo "};"
} > "$tmp"
mv "$tmp" "$out"
trap - EXIT
