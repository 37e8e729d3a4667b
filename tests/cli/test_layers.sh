#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The engine's layers and the one direction of their dependencies: a file may
# include the headers of its own layer and of the layers below it, never of a
# layer above. engine/cli may include only the public headers (entente/*.h)
# and its own. The layers, bottom to top, are the folders of engine/src:
#   core io models games scenario sim stages sweep api
# and each public header belongs to the layer that implements it (the table
# below). A header missing from the table fails the test, so that a new one
# is placed on purpose.
. "$(dirname "$0")/lib.sh"

LAYERS="core io models games scenario sim stages sweep api cli"
rank() {  # layer name -> its rank
  i=0
  for l in $LAYERS; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done
  echo 99
}
# public header -> layer
public_layer() {
  case "$1" in
    export.h|diag.h|status.h|param.h|rng.h|version.h) echo core ;;
    numfmt.h|json.h|csv.h|atomic.h|outdir.h) echo io ;;
    bargain.h|burden.h|exit.h|hedging.h|matrix.h|signalling.h|nash.h) echo models ;;
    game_strategy.h|game_tournament.h) echo games ;;
    scenario.h|stage.h) echo scenario ;;
    run.h|results.h) echo sim ;;
    matrix_stage.h) echo stages ;;
    design.h|sensitivity.h|sweep.h|calibrate.h) echo sweep ;;
    api.h|entente.h) echo api ;;
    *) echo unknown ;;
  esac
}
# layer of a file (by its folder)
file_layer() {
  case "$1" in
    engine/cli/*) echo cli ;;
    engine/src/*) echo "$1" | cut -d/ -f3 ;;
  esac
}

cd "$ROOT"
BAD="$TMP/violations"
: >"$BAD"
for f in $(find engine/src engine/cli -name '*.[ch]' | sort); do
  fl=$(file_layer "$f"); fr=$(rank "$fl")
  [ "$fr" = 99 ] && { echo "$f: not in a layer folder" >>"$BAD"; continue; }
  grep -o '^#include "[^"]*"' "$f" | sed 's/#include "//;s/"$//' | while read -r inc; do
    case "$inc" in
      entente/*) hl=$(public_layer "${inc#entente/}") ;;
      */*)       if [ "$fl" = cli ]; then hl=internal; else hl=${inc%%/*}; fi ;;
      *)         if [ "$fl" = cli ]; then hl=cli; else hl=$fl; fi ;;
    esac
    if [ "$hl" = unknown ]; then echo "$f: includes $inc, a public header missing from the table of layers" >>"$BAD"
    elif [ "$hl" = internal ]; then echo "$f: the program includes $inc, an internal header of the library" >>"$BAD"
    elif [ "$(rank "$hl")" -gt "$fr" ]; then echo "$f ($fl) includes $inc ($hl), a layer above it" >>"$BAD"
    fi
  done
done
for h in engine/include/entente/*.h; do
  [ "$(public_layer "$(basename "$h")")" = unknown ] && echo "$h: a public header missing from the table of layers" >>"$BAD"
  hr=$(rank "$(public_layer "$(basename "$h")")")
  grep -o '^#include "entente/[^"]*"' "$h" | sed 's/#include "entente\///;s/"$//' | while read -r inc; do
    [ "$(rank "$(public_layer "$inc")")" -gt "$hr" ] && echo "$h includes entente/$inc, a layer above it" >>"$BAD"
  done
done
if [ -s "$BAD" ]; then
  not_ok "dependencies run one way (core < io < models < games < scenario < sim < stages < sweep < api < cli)" "$(cat "$BAD")"
else
  ok "dependencies run one way (core < io < models < games < scenario < sim < stages < sweep < api < cli)"
fi
# the check itself can fail: a file that includes a header of a layer above is found
mkdir -p "$TMP/probe/engine/src/core"
printf '#include "sweep/sweep_int.h"\n' >"$TMP/probe/engine/src/core/probe.c"
if (cd "$TMP/probe" && f=engine/src/core/probe.c &&
    inc=$(grep -o '^#include "[^"]*"' "$f" | sed 's/#include "//;s/"$//') &&
    [ "$(rank "${inc%%/*}")" -gt "$(rank "$(file_layer "$f")")" ]); then
  ok "the check finds a core file that includes a sweep header"
else
  not_ok "the check finds a core file that includes a sweep header"
fi
finish
