#!/usr/bin/env bash
# Privacy/utility benchmark of issue 11 (Python-free): at each epsilon (and "inf" = the
# non-private default preset), per seed, fit on the 70 % training split, sample as many rows,
# and `riskgan evaluate` them against the training and held-out splits: quality, detection
# AUC, TSTR (XGBoost ROC-AUC, trained on synthetic, tested on real), the distance and the
# density-ratio membership attacks (AUC, TPR at 1 % FPR). Prints one line per run, then mean
# ± sd per dataset and epsilon.
#
# Data: credit_data (4,454 rows, target Status) and vehicle_30k: 30,000 rows sampled from a
# riskgan model (default preset, 60 epochs, seed 7) fitted on all 15,420 rows of
# vehicle_insurance_fraud.csv (target FraudFound_P, 6 % fraud); see docs/privacy.md.
#
# Usage: bench/privacy.sh
#   env: EPSILONS="0.5 1 3 10 inf"  SEEDS="1 2 3"  RISKGAN=build/riskgan  OUT=bench/out/privacy
#        CREDIT_EPOCHS=30  VEHICLE_EPOCHS=10  THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
riskgan=${RISKGAN:-build/riskgan}
epsilons=${EPSILONS:-0.5 1 3 10 inf}
seeds=${SEEDS:-1 2 3}
out=${OUT:-bench/out/privacy}
threads=${THREADS:-2}
mkdir -p "$out"

score() { awk -v key="\"$2\":" '$1 == key { gsub(",", "", $2); print $2; exit }' "$1"; }

# the 30,000-row table (made once)
if [ ! -s "$out/vehicle_30k.csv" ]; then
  "$riskgan" fit ../shared/data/vehicle_insurance_fraud.csv --target FraudFound_P --epochs 60 --seed 7 \
    --threads "$threads" --quiet -o "$out/vehicle_source.rgan"
  "$riskgan" sample "$out/vehicle_source.rgan" -n 30000 --seed 7 -o "$out/vehicle_30k.csv"
fi

datasets=("../shared/data/credit_data.csv:Status:bad:${CREDIT_EPOCHS:-30}"
          "$out/vehicle_30k.csv:FraudFound_P:1:${VEHICLE_EPOCHS:-10}")
# the target's classes are public (a bank knows its classes are good/bad, 0/1): declared, so
# that no budget is spent discovering them (at epsilon 0.5 the release threshold for 3,118
# rows is about 800 rows: the minority class might not be released)
printf '{"columns": {"Status": {"values": ["good", "bad"]}}}' > "$out/credit_data.metadata.json"
printf '{"columns": {"FraudFound_P": {"values": [0, 1]}}}' > "$out/vehicle_30k.metadata.json"
printf '%-12s %5s %4s %7s %7s %7s %6s %6s %7s %7s %7s %7s\n' dataset eps seed fit_s quality detect TSTR TRTR \
  MIA_d TPR_d MIA_dr TPR_dr
for entry in "${datasets[@]}"; do
  IFS=: read -r file target positive epochs <<< "$entry"
  name=$(basename "$file" .csv)
  "$riskgan" split "$file" --target "$target" --seed 0 --train "$out/$name.train.csv" --test "$out/$name.test.csv" 2>/dev/null
  rows=$(($(wc -l < "$out/$name.train.csv") - 1))
  for eps in $epsilons; do
    for seed in $seeds; do
      tag="$out/$name.e$eps.s$seed"
      private=(--epsilon "$eps" --metadata "$out/$name.metadata.json")
      [ "$eps" = inf ] && private=()
      start=$(date +%s.%N)
      if ! "$riskgan" fit "$out/$name.train.csv" --target "$target" --epochs "$epochs" --seed "$seed" \
        --threads "$threads" --quiet -o "$tag.rgan" "${private[@]}" 2> "$tag.err"; then
        printf '%-12s %5s %4s failed: %s\n' "$name" "$eps" "$seed" "$(tail -1 "$tag.err")"
        continue
      fi
      fit_seconds=$(echo "$(date +%s.%N) - $start" | bc)
      "$riskgan" sample "$tag.rgan" -n "$rows" --seed "$seed" -o "$tag.csv"
      "$riskgan" evaluate --train "$out/$name.train.csv" --test "$out/$name.test.csv" --synth "$tag.csv" \
        --target "$target" --positive "$positive" --seed "$seed" --threads "$threads" --model "$tag.rgan" \
        --json "$tag.json" > /dev/null 2>&1
      printf '%-12s %5s %4s %7.1f %7.3f %7.3f %6.3f %6.3f %7.3f %7.3f %7.3f %7.3f\n' "$name" "$eps" "$seed" \
        "$fit_seconds" "$(score "$tag.json" quality)" "$(score "$tag.json" detection_auc)" \
        "$(score "$tag.json" tstr_auc)" "$(score "$tag.json" trtr_auc)" \
        "$(score "$tag.json" membership_inference_auc)" "$(score "$tag.json" membership_inference_tpr_at_1pct_fpr)" \
        "$(score "$tag.json" density_ratio_attack_auc)" "$(score "$tag.json" tpr_at_1pct_fpr)"
    done
  done
done | tee "$out/runs.txt"
echo
echo "mean ± sd over seeds"
awk '$1 != "dataset" && $4 != "failed:" { key = $1 " " $2; if (!(key in n)) order[++keys] = key; n[key]++;
       for (i = 4; i <= 12; i++) { s[key, i] += $i; q[key, i] += $i * $i } }
     END { printf "%-20s %15s %15s %15s %15s %15s %15s %15s\n", "dataset eps", "fit_s", "quality", "detection",
             "TSTR", "TRTR", "MIA distance", "MIA density";
           for (k = 1; k <= keys; k++) { key = order[k]; printf "%-20s", key;
             split("4 5 6 7 8 9 11", cols, " ");
             for (c = 1; c <= 7; c++) { i = cols[c]; m = s[key, i] / n[key]; v = q[key, i] / n[key] - m * m;
               if (v < 0) v = 0; printf " %7.3f ± %5.3f", m, sqrt(v) }
             printf "\n" } }' "$out/runs.txt" | tee "$out/summary.txt"
