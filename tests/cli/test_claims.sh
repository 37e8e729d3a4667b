#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Claims as tests: every finding a shipped scenario's header states ("Claims
# over seeds") is checked here over 1,000 seeds per patron type, with the
# Monte Carlo error as the tolerance: a claim "the mean exceeds x" holds only
# if the whole 95% confidence interval of the mean (summary.csv's ci_low,
# ci_high) lies above x; "A exceeds B" only if A's interval lies wholly above
# B's. The patron's type is conditioned on by a grid over
# patron.transactional_prob in {0, 1} (point 0: committed, point 1:
# transactional). The default seed's run is checked against the claims its
# header says it shows. Every parameter the Korea sweep varies moves an
# outcome (the NATO sweep's are checked in test_burden_scenarios.sh).
. "$(dirname "$0")/lib.sh"
SCN=$(cd "$ROOT/scenarios" && pwd)
N=1000

# types NAME: N runs of scenarios/NAME.yaml under each patron type
types() {
  cat >"$TMP/$1.sweep.yaml" <<EOF
scenario: $SCN/$1.yaml
sweep:
  design: grid
  replicates: $N
  seed: 1
  parameters:
    patron.transactional_prob: [0, 1]
EOF
  "$ENTENTE" sweep "$TMP/$1.sweep.yaml" --threads 2 --runs-csv none --quiet --out "$TMP/$1" \
    || not_ok "$1: sweep runs"
}

# stat NAME POINT OUTCOME FIELD: a field (n, mean, ci_low, ci_high) of summary.csv
stat() {
  awk -F, -v p="$2" -v o="$3" -v f="$4" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["point"] == p && $c["outcome"] == o { print $c[f]; found = 1; exit }
    END { if (!found) print "NA" }' "$TMP/$1/summary.csv"
}

# claim NAME POINT OUTCOME OP X: OP is gt (CI above X), lt (CI below X) or
# eq (every run equal to X within 1e-9: ci_low and ci_high both X)
claim() {
  n=$(stat "$1" "$2" "$3" n); lo=$(stat "$1" "$2" "$3" ci_low); hi=$(stat "$1" "$2" "$3" ci_high)
  m=$(stat "$1" "$2" "$3" mean)
  case $1 in nato|matrix) t= ;; *) t=" [$( [ "$2" = 1 ] && echo transactional || echo committed )]" ;; esac
  label="$1$t: $3 $4 $5"
  if [ "$n" != "$N" ]; then not_ok "$label" "n = $n, want $N"; return; fi
  if awk -v lo="$lo" -v hi="$hi" -v x="$5" -v op="$4" 'BEGIN {
       if (op == "gt") exit !(lo > x); if (op == "lt") exit !(hi < x)
       exit !(lo >= x - 1e-9 && hi <= x + 1e-9) }'; then
    ok "$label (mean $m, 95% CI [$lo, $hi])"
  else not_ok "$label" "mean $m, 95% CI [$lo, $hi]"; fi
}

# above NAME POINT A POINT2 B: outcome A at POINT lies wholly above outcome B at POINT2
above() {
  loa=$(stat "$1" "$2" "$3" ci_low); hib=$(stat "$1" "$4" "$5" ci_high)
  label="$1: $3 (point $2) above $5 (point $4)"
  if awk -v a="$loa" -v b="$hib" 'BEGIN { exit !(a > b) }'; then ok "$label ($loa > $hib)"
  else not_ok "$label" "CI low $loa, other CI high $hib"; fi
}

# outcome VALUE of column NAME for AGENT in a run's outcomes.csv
out() {
  awk -F, -v a="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
    $1 == a { print c ? $c : "NA"; exit }' "$1/outcomes.csv"
}
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }

# ---- Japan: reactive activism --------------------------------------------
J=japan_reactive_activism; types $J
claim $J 1 final_belief.JPN gt 0.8
claim $J 1 final_w_bind.JPN gt 0.15          # binding rises from its start
above $J 1 final_w_bandwagon.JPN 1 final_w_bind.JPN
above $J 1 final_w_bandwagon.JPN 1 final_w_balance.JPN
claim $J 1 final_share.JPN gt 0.02           # past its own 2% plan
claim $J 1 executions.JPN eq 0               # soft lock-in: threats never carried out
claim $J 1 final_abandonment_fear.JPN gt 0.5
claim $J 0 final_belief.JPN lt 0.2
claim $J 0 final_w_bind.JPN lt 0.15          # hedging eases
claim $J 0 final_share.JPN eq 0.02           # its own plan, no more

# ---- Australia: hedging ----------------------------------------------------
A=australia_hedging; types $A
claim $A 1 threats.AUS gt 0
claim $A 1 executions.AUS eq 10           # every tariff threat carried out
claim $A 1 min_w_bandwagon.AUS gt 0.5        # AUKUS holds
claim $A 1 final_w_bind.AUS gt 0.10          # binding rises from its start
claim $A 1 final_hedging_index.AUS gt 0.3
claim $A 1 final_belief.AUS gt 0.8
claim $A 0 final_belief.AUS lt 0.2
claim $A 0 final_w_bind.AUS lt 0.10

# ---- Europe: strategic autonomy -------------------------------------------
E=europe_strategic_autonomy; types $E
for a in DEU POL BAL; do above $E 1 final_hedging_index.FRA 1 final_hedging_index.$a; done
claim $E 1 min_w_bandwagon.DEU lt 0.5        # Germany follows France, not the east
claim $E 1 final_share.DEU lt 0.0212
claim $E 1 min_w_bandwagon.POL gt 0.5
claim $E 1 min_w_bandwagon.BAL gt 0.5
above $E 1 final_abandonment_fear.POL 1 final_abandonment_fear.FRA
above $E 1 final_abandonment_fear.BAL 1 final_abandonment_fear.FRA
claim $E 1 mean_final_belief gt 0.8
claim $E 0 mean_final_belief lt 0.2
above $E 1 mean_hedging_index 0 mean_hedging_index

# ---- Secondary allies: uncertainty diffusion -------------------------------
S=secondary_allies; types $S
for a in PHL VNM NZL FIN SWE; do
  claim $S 1 threats.$a eq 0
  claim $S 1 belief_change.$a gt 0.5
  claim $S 0 belief_change.$a lt -0.2
done
claim $S 1 allies_reached eq 8
above $S 1 mean_hedging_index 0 mean_hedging_index

# ---- Korea: SMA talks ------------------------------------------------------
K=korea_sma; types $K
claim $K 1 total_failed_ratifications gt 2.5
claim $K 0 total_failed_ratifications lt 0.05
claim $K 1 total_executions gt 2.5
claim $K 0 total_executions lt 0.05
claim $K 1 total_deals gt 3.5
claim $K 0 total_deals lt 1
above $K 0 mean_final_support 1 mean_final_support
claim $K 1 mean_final_support lt 0.75
claim $K 0 mean_final_support gt 0.9

# ---- NATO burden sharing (no patron type; the same story on every seed) ---
"$ENTENTE" sweep "$SCN/nato_burden_sharing.yaml" --replicates $N --threads 2 --runs-csv none \
  --quiet --out "$TMP/nato" || not_ok "nato: sweep runs"
claim nato 0 allies_meeting_demand eq 29
claim nato 0 final_share.DEU gt 0.03          # reciprocal allies climb a point in 10 rounds
claim nato 0 final_share.FRA gt 0.029
claim nato 0 final_share.ESP lt 0.0128        # a best responder cuts: free riding
claim nato 0 exploitation_p gt 0.05           # no significant O&Z pattern
for d in 0.035 0.05; do                       # nor under the higher demands
  "$ENTENTE" run "$SCN/nato_burden_sharing.yaml" --set stages.burden_sharing.demand=$d --quiet --out "$TMP/nato$d"
  check "nato at demand $d: no significant O&Z pattern" gt "$(out "$TMP/nato$d" USA exploitation_p)" 0.05
done

# ---- Burden sharing beside a Prisoner's Dilemma -----------------------------
"$ENTENTE" sweep "$SCN/burden_sharing_matrix.yaml" --replicates $N --threads 2 --runs-csv none \
  --quiet --out "$TMP/matrix" || not_ok "matrix: sweep runs"
claim matrix 0 matrix_coop_rate.DEU gt 0.75
claim matrix 0 matrix_coop_rate.ITA lt 0.05
claim matrix 0 final_share.ITA lt 0.0101      # ITA falls to its 1% floor
above matrix 0 final_share.FRA 0 final_share.ITA
above matrix 0 final_share.DEU 0 final_share.ITA
claim matrix 0 final_share.DEU lt 0.02        # the noise echo keeps DEU below the demand

# ---- the default seeds ----------------------------------------------------
for s in $J $A $E $S; do
  "$ENTENTE" run "$SCN/$s.yaml" --quiet --out "$TMP/d_$s"
  check "$s: the default seed draws a transactional patron" [ "$(out "$TMP/d_$s" USA patron_type)" = 1 ]
done
check "japan default seed: belief and binding rise" sh -c "
  awk 'BEGIN{exit !($(out "$TMP/d_$J" JPN final_belief) > 0.8 && $(out "$TMP/d_$J" JPN final_w_bind) > 0.15)}'"
check "australia default seed: AUKUS holds, binding rises" sh -c "
  awk 'BEGIN{exit !($(out "$TMP/d_$A" AUS min_w_bandwagon) > 0.5 && $(out "$TMP/d_$A" AUS final_w_bind) > 0.10)}'"
check "europe default seed: France hedges most" gt "$(out "$TMP/d_$E" FRA final_hedging_index)" "$(out "$TMP/d_$E" DEU final_hedging_index)"
check "secondary default seed: PHL's belief moves without a threat" gt "$(out "$TMP/d_$S" PHL belief_change)" 0.5
"$ENTENTE" run "$SCN/$K.yaml" --quiet --out "$TMP/d_$K"
check "korea default seed draws a committed patron (as its header says)" [ "$(out "$TMP/d_$K" USA patron_type)" = 0 ]
check "korea default seed: no failed ratification" [ "$(out "$TMP/d_$K" USA total_failed_ratifications)" = 0 ]

# ---- every parameter the Korea sweep varies moves an outcome ----------------
params=$(sed -n 's/^ *\(patron\.[A-Za-z_.]*\|allies\.[A-Za-z_.]*\|stages\.[A-Za-z_.]*\): *[[{].*/\1/p' "$SCN/korea_sweep.yaml" | sort | tr '\n' ' ')
check "the Korea sweep varies the prior and support" [ "$params" = "allies.KOR.support patron.transactional_prob " ]
cat >"$TMP/ksw.yaml" <<EOF
scenario: $SCN/korea_sma.yaml
sweep:
  design: grid
  replicates: $N
  seed: 1
  parameters:
    patron.transactional_prob: [0, 1]
    allies.KOR.support: [0.92, 0.98]
EOF
"$ENTENTE" sweep "$TMP/ksw.yaml" --threads 2 --runs-csv none --quiet --out "$TMP/ksw" || not_ok "korea sweep runs"
# grid order: point = 2 * (prior index) + support index
above ksw 2 total_failed_ratifications 0 total_failed_ratifications   # the prior, at support 0.92
above ksw 3 total_failed_ratifications 1 total_failed_ratifications   # the prior, at support 0.98
above ksw 0 mean_final_support 2 mean_final_support                   # the prior lowers support
above ksw 2 total_failed_ratifications 3 total_failed_ratifications   # support, transactional
above ksw 1 mean_final_support 0 mean_final_support                   # support, committed
above ksw 3 mean_final_support 2 mean_final_support                   # support, transactional
check "support matters more under a transactional patron" awk \
  -v t="$(stat ksw 2 total_failed_ratifications mean)" -v t2="$(stat ksw 3 total_failed_ratifications mean)" \
  -v c="$(stat ksw 0 total_failed_ratifications mean)" -v c2="$(stat ksw 1 total_failed_ratifications mean)" \
  'BEGIN { exit !((t - t2) > (c - c2) + 0.5) }'

finish
