# SPDX-License-Identifier: GPL-3.0-or-later
"""story_check.py DIR: every sentence of the account in DIR/report.html
("What happened") is recomputed from the folder's CSV files, independently
of the program, and every number in it compared. A sentence that matches no
known template is an error too, so that a new template comes with its check.
Exit 0 when all agree; else the disagreements are printed."""
import csv, html, math, re, sys

d = sys.argv[1]
page = open(d + "/report.html", encoding="utf-8").read()
start = page.index('<h2 id="account">')
section = page[start:page.index("<h2", start + 10)]
items = [html.unescape(re.sub(r"<[^>]+>", "", x)).strip()
         for x in re.findall(r"<(?:li|p)>(.*?)</(?:li|p)>", section, re.S)]

def rows(name):
    with open(d + "/" + name, newline="") as f:
        return list(csv.DictReader(f))

def num(v):
    return math.nan if v in ("NA", "", None) else float(v)

trace, events, outcomes = rows("trace.csv"), rows("events.csv"), rows("outcomes.csv")
rounds = sorted({int(r["round"]) for r in trace})
first, last = rounds[0], rounds[-1]
patron = next(r["agent"] for r in trace if r["role"] == "patron")
allies = []
for r in trace:
    if r["role"] == "ally" and r["agent"] not in allies:
        allies.append(r["agent"])
bad = []

def agree(what, got, want):
    if got != want:
        bad.append("%s: the account says %r, the files give %r" % (what, got, want))

def count_word(n):
    return {0: "never", 1: "once", 2: "twice"}.get(n, "%d times" % n)

def round_list(rs):
    shown = [str(r) for r in rs[:8]]
    s = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    if len(rs) > 8:
        s = ", ".join(shown) + ", ..."
    return s

def ev(kind, actor=None, target=None, rnd=None):
    return [e for e in events if e["event"] == kind and (actor is None or e["actor"] == actor)
            and (target is None or e["target"] == target) and (rnd is None or int(e["round"]) == rnd)]

def at(agent, col, rnd):
    for r in trace:
        if r["agent"] == agent and int(r["round"]) == rnd:
            return num(r.get(col))
    return math.nan

answers = {"complied": "comply", "conceded part of the demand": "concede", "defied": "defy"}
causes = {"after its deal failed ratification at home": 0, "after it defied": 1,
          "after it met only part of the demand": 2}

def cause_of(a, rnd):
    kinds = {e["event"] for e in events if int(e["round"]) == rnd and e["actor"] == a}
    return 0 if "ratify_fail" in kinds else 1 if "defy" in kinds else 2 if "concede" in kinds else 3

def answer_counts(text):
    out = {}
    for part in text.split(", "):
        for phrase, kind in answers.items():
            if part.startswith(phrase + " "):
                out[kind] = part[len(phrase) + 1:]
    return out

for item in items:
    m = re.fullmatch(r"The run lasted (\d+) rounds, with (\S+) as the patron and (\d+) all(?:y|ies)\.", item)
    if m:
        agree("rounds", int(m[1]), last - first + 1)
        agree("patron", m[2], patron)
        agree("allies", int(m[3]), len(allies))
        continue
    m = re.fullmatch(r"(\S+) was of the (transactional|committed) type in this run .*", item)
    if m:
        agree("patron type", m[2], "transactional" if num(outcomes[0]["patron_type"]) == 1 else "committed")
        continue
    if item == "The patron made no threats in this run.":
        agree("threats", len(ev("threaten")), 0)
        continue
    m = re.match(r"(\S+) threatened (\S+) (once|twice|\d+ times) \(rounds? ([^)]*)\)\.", item)
    if m:
        a = m[2]
        th = ev("threaten", target=a)
        trs = sorted({int(e["round"]) for e in th})
        agree("threats against " + a, m[3], count_word(len(th)))
        agree("rounds of threats against " + a, m[4], round_list([int(e["round"]) for e in th]))
        rest = item[m.end():]
        for label, inside in (("Under threat it ", True), ("To demands made without a threat it ", False)):
            mm = re.search(re.escape(label) + r"([^.]*)\.", rest)
            got = answer_counts(mm[1]) if mm else {}
            want = {}
            for kind in ("comply", "concede", "defy"):
                n = len([e for e in ev(kind, actor=a) if (int(e["round"]) in trs) == inside])
                if n:
                    want[kind] = count_word(n)
            agree(label.strip() + " (" + a + ")", got, want)
        ex = [int(e["round"]) for e in ev("execute", target=a)]
        mm = re.search(r"The threat was carried out (once|twice|\d+ times) \(rounds? ([^)]*)\)(: ([^.]*))?\.", rest)
        agree("executions against " + a, mm[1] if mm else None, count_word(len(ex)) if ex else None)
        if mm and ex:
            agree("rounds of executions against " + a, mm[2], round_list(ex))
            by = [0, 0, 0, 0]
            for r in ex:
                by[cause_of(a, r)] += 1
            said = mm[4] or ""
            for phrase, c in causes.items():
                if by[c]:
                    if phrase not in said:
                        bad.append("execution cause missing for %s: %s" % (a, phrase))
                    elif sum(1 for b in by[:3] if b) > 1 or by[3]:
                        agree("executions %s (%s)" % (phrase, a), count_word(by[c]) + " " + phrase in said, True)
                elif phrase in said:
                    bad.append("execution cause stated but not in the files for %s: %s" % (a, phrase))
        bd = len(ev("back_down", target=a))
        mm = re.search(r"The patron backed down (once|twice|\d+ times)\.", rest)
        agree("backed down (" + a + ")", mm[1] if mm else None, count_word(bd) if bd else None)
        deals = len(ev("deal", actor=a)) + len(ev("deal", target=a))
        mm = re.search(r"Deals struck: (\d+)\.", rest)
        agree("deals (" + a + ")", int(mm[1]) if mm else 0, deals)
        fails = len(ev("ratify_fail", actor=a)) + len(ev("ratify_fail", target=a))
        mm = re.search(r"Deals that failed ratification at home: (\d+)\.", rest)
        agree("failed ratifications (" + a + ")", int(mm[1]) if mm else 0, fails)
        continue
    m = re.fullmatch(r"In the last round, (\d+) of (\d+) all(?:y|ies) met the patron's demand\.(?: The largest "
                     r"shortfall was (\S+)'s: ([\d.]+)% of GDP against a demand of ([\d.]+)%, short by ([\d.e+-]+) points\.)?", item)
    if m:
        share_col = "contribution_share" if "contribution_share" in trace[0] else "share"
        asked = [(a, at(a, share_col, last), at(a, "demand", last)) for a in allies]
        asked = [x for x in asked if math.isfinite(x[1]) and math.isfinite(x[2])]
        met = [x for x in asked if x[1] >= x[2] - 1e-12]
        agree("allies meeting the demand", (int(m[1]), int(m[2])), (len(met), len(asked)))
        short = [x for x in asked if x[1] < x[2] - 1e-12]
        if short:
            w = max(short, key=lambda x: x[2] - x[1])
            agree("largest shortfall", (m[3], m[4], m[5], m[6]),
                  (w[0], "%.2f" % (100 * w[1]), "%.2f" % (100 * w[2]), "%.2g" % (100 * (w[2] - w[1]))))
        else:
            agree("a shortfall", m[3], None)
        continue
    m = re.match(r"The ally that hedged most by the end was (\S+): its hedging index (?:(rose|fell) from ([\d.]+) to "
                 r"([\d.]+)|stayed at ([\d.]+))", item)
    if m:
        col = "hedging_index"
        ends = {a: at(a, col, last) for a in allies}
        top = max((a for a in allies if math.isfinite(ends[a])), key=lambda a: ends[a])
        agree("most hedged ally", m[1], top)
        h0, h1 = at(top, col, first), ends[top]
        if m[2]:
            agree("direction of its hedging", m[2], "rose" if h1 > h0 else "fell")
            agree("its hedging index", (m[3], m[4]), ("%.2f" % h0, "%.2f" % h1))
            agree("'back toward bandwagoning' only when it fell", "back toward bandwagoning" in item, h1 < h0)
        else:
            agree("its hedging index", m[5], "%.2f" % h1)
            agree("it stayed", abs(h1 - h0) < 0.005, True)
    if re.match(r"(The ally that hedged most|No ally hedged)", item) or re.fullmatch(r" ?\d+ of \d+ allies ended.*", item):
        mm = re.search(r"(\d+) of (\d+) allies ended with less than half of their portfolio on bandwagoning\.", item)
        if mm:
            below = sum(1 for a in allies if at(a, "w_bandwagon", last) < 0.5)
            agree("allies below half bandwagoning", (int(mm[1]), int(mm[2])), (below, len(allies)))
        if item.startswith("No ally hedged"):
            agree("no ally hedged", max(at(a, "hedging_index", last) for a in allies) <= 0, True)
        continue
    m = re.match(r"On average the allies' belief that the patron is transactional went from ([\d.]+) to ([\d.]+)\.", item)
    if m:
        pairs = [(at(a, "belief", first), at(a, "belief", last)) for a in allies]
        pairs = [p for p in pairs if math.isfinite(p[0]) and math.isfinite(p[1])]
        agree("mean belief", (m[1], m[2]), ("%.2f" % (sum(p[0] for p in pairs) / len(pairs)),
                                            "%.2f" % (sum(p[1] for p in pairs) / len(pairs))))
        for code, b0, b1 in re.findall(r"(\w+) \(([\d.]+) to ([\d.]+)\)", item[m.end():]):
            agree("never threatened " + code, len(ev("threaten", target=code)), 0)
            agree("belief of " + code, (b0, b1), ("%.2f" % at(code, "belief", first), "%.2f" % at(code, "belief", last)))
        continue
    m = re.match(r"Spearman's rank correlation of GDP and defence share is (-?[\d.]+) \(one-sided p = ([\d.]+), (\d+) agents\): (.*)", item)
    if m:
        rho, p = num(outcomes[0]["exploitation_rho"]), num(outcomes[0]["exploitation_p"])
        agree("rho", m[1], "%.2f" % rho)
        agree("p", m[2], "%.3f" % p)
        agree("agents", int(m[3]), len(allies) + 1)
        agree("at least four allies", len(allies) >= 4, True)
        verdict = m[4]
        want = ("as Olson" in verdict) if rho > 0 and p < 0.05 else ("not significant" in verdict) if rho > 0 \
            else verdict.startswith("negative") if rho < 0 else verdict.startswith("zero")
        agree("the verdict follows the sign and the p-value", want, True)
        continue
    bad.append("a sentence no template check knows: %r" % item)

if not items:
    bad.append("no account found")
for b in bad:
    print("    " + b)
sys.exit(1 if bad else 0)
