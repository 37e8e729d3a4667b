#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente report: one self-contained HTML page per result folder: well-formed,
# nothing fetched from outside, every plot inlined, the manifest's facts and
# an account of what happened checked against the hand-made fixtures; and it
# renders in a real browser (headless chromium) to a non-blank picture.
. "$(dirname "$0")/lib.sh"
FIX="$ROOT/tests/fixtures"

# html_ok FILE: well-formed XML, no scripts, no external resources, and one
# <figure id="plot-NAME"> holding an <svg> for every DIR/plots/NAME.svg
html_ok() {
  python3 - "$1" <<'PY'
import os, re, sys, xml.etree.ElementTree as ET
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
root = ET.fromstring(text.replace("<!DOCTYPE html>", "", 1))
bad = []
if "http" in text: bad.append("an http reference")
if re.search(r"<script|<link|<iframe|<object|<embed|\bsrc\s*=", text): bad.append("an external resource or script")
for e in root.iter():
    for k, v in e.attrib.items():
        if k.endswith("href") and not v.startswith(("#", "data:")): bad.append("href " + v)
plots = sorted(f[:-4] for f in os.listdir(os.path.join(os.path.dirname(path), "plots")) if f.endswith(".svg"))
figs = {e.get("id")[5:]: e for e in root.iter("figure") if (e.get("id") or "").startswith("plot-")}
for p in plots:
    if p not in figs or figs[p].find("svg") is None: bad.append("plot %s not inlined" % p)
if not plots: bad.append("no plots")
ids = [e.get("id") for e in root.iter() if e.get("id")]
if len(ids) != len(set(ids)): bad.append("duplicate ids")
if bad:
    print("    " + "; ".join(bad)); sys.exit(1)
PY
}
has() { grep -q -- "$2" "$1" || { echo "    '$2' not in $1"; return 1; }; }

# --- a run: facts from the manifest and an account computed by hand from the fixture
cp -R "$FIX/run" "$TMP/run"
"$ENTENTE" report "$TMP/run" >"$TMP/out" 2>"$TMP/err"
check "report run: exit 0" test $? -eq 0
check "report run: well-formed, self-contained, every plot inlined" html_ok "$TMP/run/report.html"
check "report run: the seven plots of the fixture" test "$(grep -c '<figure id="plot-' "$TMP/run/report.html")" -eq 7
check "report run: scenario name" has "$TMP/run/report.html" "<h1>fixture_korea_japan</h1>"
check "report run: description" has "$TMP/run/report.html" "the patron threatens Korea twice and Japan once"
check "report run: references" has "$TMP/run/report.html" "<li>Putnam 1988, International Organization 42(3)</li>"
check "report run: parameters from the manifest" has "$TMP/run/report.html" "threat_sensitivity = 1"
check "report run: the outcomes table" has "$TMP/run/report.html" "<th>threats_received</th>"
# events.csv: USA threatens KOR in rounds 1 and 2; KOR complies, then defies; USA backs down
check "report run: who was threatened, when" \
  has "$TMP/run/report.html" "USA threatened <b>KOR</b> twice (rounds 1 and 2)"
check "report run: how the ally answered" has "$TMP/run/report.html" "Under threat it complied once, defied once."
check "report run: a threat withdrawn" has "$TMP/run/report.html" "The patron backed down once."
check "report run: a threat carried out" \
  has "$TMP/run/report.html" "The threat was carried out once (round 3)."
# last round: KOR 0.030 < 0.035 and JPN 0.018 < 0.020, KOR's gap is the larger
check "report run: who met the demand" has "$TMP/run/report.html" "0 of 2 allies met the patron's demand"
check "report run: the largest shortfall" \
  has "$TMP/run/report.html" "KOR</b>'s: 3.00% of GDP against a demand of 3.50%"
check "report run: the size of the shortfall" has "$TMP/run/report.html" "short by 0.5 points"
# hedging index in round 3: KOR 0.5 > JPN 0.4; bandwagon weights 0.5 and 0.6 are not below one half
check "report run: who hedged" \
  has "$TMP/run/report.html" "hedged most by the end was <b>KOR</b>: its hedging index rose from 0.30 to 0.50"
check "report run: bandwagoning kept" has "$TMP/run/report.html" "0 of 2 allies ended with less than half"
# beliefs: mean (0.3 + 0.2) / 2 in round 1
check "report run: how beliefs moved" has "$TMP/run/report.html" "went from 0.25 to"

# --- the same page in a real browser
if command -v chromium >/dev/null 2>&1; then
  CHROME="chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run"
  # shellcheck disable=SC2086
  timeout 120 $CHROME --user-data-dir="$(mktemp -d -p "$TMP")" --dump-dom "file://$TMP/run/report.html" \
    >"$TMP/dom.html" 2>/dev/null
  check "browser: the DOM holds every plot as an SVG" \
    sh -c "for p in shares portfolio beliefs hedging payoff support events; do
             grep -q \"<figure id=\\\"plot-\$p\\\"><svg\" '$TMP/dom.html' || { echo \"    \$p\"; exit 1; }; done"
  check "browser: seven inline SVGs" test "$(grep -o '<svg' "$TMP/dom.html" | wc -l)" -eq 7
  # shellcheck disable=SC2086
  timeout 120 $CHROME --user-data-dir="$(mktemp -d -p "$TMP")" --window-size=1200,3000 \
    --screenshot="$TMP/shot.png" "file://$TMP/run/report.html" >/dev/null 2>&1
  # decode the PNG with zlib: many colours and a fair share of non-white pixels
  check "browser: the screenshot is a non-blank PNG" python3 - "$TMP/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, colours, ink = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set(), 0
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, w, 4):
            px = bytes(line[x * bpp:x * bpp + 3]); colours.add(px); ink += px != b"\xff\xff\xff"
    prev = line
samples = ((h + 3) // 4) * ((w + 3) // 4)
assert len(colours) >= 16, "only %d colours" % len(colours)
assert ink > samples // 50, "almost blank: %d of %d samples" % (ink, samples)
PY
else
  not_ok "browser test" "chromium is not installed (make test installs it: engine/tools/deps.sh test)"
fi

# --- a sweep: which parameter moved which outcome
cp -R "$FIX/sweep" "$TMP/sweep"
"$ENTENTE" report "$TMP/sweep" --quiet
check "report sweep: exit 0" test $? -eq 0
check "report sweep: well-formed, self-contained, every plot inlined" html_ok "$TMP/sweep/report.html"
check "report sweep: the summary table" has "$TMP/sweep/report.html" "<th>ci_high</th>"
# threats = 2 y + 10 x (+ noise of mean zero): y moves it by 0.8, x by 0.3
check "report sweep: threats moved most by the patron's type" \
  has "$TMP/sweep/report.html" "<b>threats</b>: moved most by patron: transactional (<code>patron.transactional</code>)"
check "report sweep: mean_ally_share moved most by the demand" \
  has "$TMP/sweep/report.html" "<b>mean_ally_share</b>: moved most by demand (<code>stages.burden_sharing.demand</code>)"
check "report sweep: manifest facts" has "$TMP/sweep/report.html" "<dt>design</dt><dd>grid</dd>"

# --- a tournament and a sensitivity analysis
cp -R "$FIX/tournament" "$TMP/tour"
"$ENTENTE" report "$TMP/tour" --quiet
check "report tournament: well-formed, self-contained, every plot inlined" html_ok "$TMP/tour/report.html"
check "report tournament: the winner" has "$TMP/tour/report.html" "<b>TitForTat</b> scored most, 2.7 per turn"
check "report tournament: the loser" has "$TMP/tour/report.html" "Defector scored least, 1.9."
cp -R "$FIX/sensitivity" "$TMP/sens"
"$ENTENTE" report "$TMP/sens" --quiet
check "report sensitivity: well-formed, self-contained, every plot inlined" html_ok "$TMP/sens/report.html"
# Ishigami: S1 sums to 0.3139 + 0.4424 + 0 = 0.7563, so interactions ~ 24%
check "report sensitivity: the driver and the interactions" \
  has "$TMP/sens/report.html" "driven most by <code>x1</code> (total index 0.56). The first-order indices sum to 0.76, so interactions account for about 24%"
# an outcome whose indices are all NA (it does not vary) is listed as such,
# not given a driver "with total index nan"; one whose first parameter's
# index is NA is driven by the parameter whose index is defined
cp -R "$FIX/sensitivity" "$TMP/sens_na"
printf 'flat,x1,NA,NA,NA,NA,NA,NA\nflat,x2,NA,NA,NA,NA,NA,NA\nflat,x3,NA,NA,NA,NA,NA,NA\n' >> "$TMP/sens_na/sensitivity.csv"
printf 'part,x1,NA,NA,NA,NA,NA,NA\npart,x2,0.25,0.2,0.3,0.31,0.25,0.35\npart,x3,0.1,0.05,0.15,0.12,0.1,0.15\n' >> "$TMP/sens_na/sensitivity.csv"
"$ENTENTE" report "$TMP/sens_na" --quiet
check "report sensitivity: an outcome without indices is listed as such" \
  has "$TMP/sens_na/report.html" "Indices not defined (the outcome does not vary over the sweep, or has no value in some run): <code>flat</code>."
check "  and given no driver" sh -c '! grep -q "<b>flat</b>: driven most" "$1"' _ "$TMP/sens_na/report.html"
check "report sensitivity: the driver among the defined indices" \
  has "$TMP/sens_na/report.html" "<b>part</b>: driven most by <code>x2</code> (total index 0.31). The first-order indices sum to 0.35"
check "report sensitivity: no 'nan' in the text" sh -c '! grep -qi "index nan" "$1"' _ "$TMP/sens_na/report.html"

# --- errors: the file is named, exit 2, no report left behind
mkdir -p "$TMP/noevents"
cp "$FIX/run/manifest.json" "$FIX/run/trace.csv" "$FIX/run/outcomes.csv" "$TMP/noevents/"
"$ENTENTE" report "$TMP/noevents" 2>"$TMP/err" >/dev/null
check "report without events.csv: exit 2" test $? -eq 2
check "report without events.csv: names it" grep -q "noevents/events.csv: error: missing" "$TMP/err"
check "report without events.csv: no report.html" test ! -e "$TMP/noevents/report.html"
cp -R "$FIX/sweep" "$TMP/badsum"
printf 'point,outcome,n,mean\n0,threats,3,"1.0\n' >"$TMP/badsum/summary.csv"
"$ENTENTE" report "$TMP/badsum" 2>"$TMP/err" >/dev/null
check "report with a broken summary.csv: exit 2" test $? -eq 2
check "report with a broken summary.csv: FILE:LINE" grep -q "badsum/summary.csv:2:1: error: unterminated quoted field" "$TMP/err"
check "report with a broken summary.csv: no report.html" test ! -e "$TMP/badsum/report.html"
finish
