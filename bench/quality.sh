#!/usr/bin/env bash
# Quality benchmark (Python-free): the protocol of ../shared/ANCHORS.md with riskgan's own
# tools. Each dataset is split 70/30 stratified on the target (seed 0), a model is fitted on
# the 70 % per seed, as many rows as the training split are sampled, and `riskgan evaluate`
# scores them against the training and test splits. Prints one line per run and the mean
# and standard deviation per dataset and model.
#
# Usage: bench/quality.sh [DATASET.csv:TARGET ...]
#   env: MODELS="ctgan tvae"  SEEDS="0 1 2"  EPOCHS=auto (the fit's choice; or a number)
#        PRESET=default  RISKGAN=build/riskgan
#        OUT=bench/out (work files)  EXTRA="--batch-size 500" (more fit options)
set -euo pipefail
cd "$(dirname "$0")/.."
riskgan=${RISKGAN:-build/riskgan}
models=${MODELS:-ctgan tvae}
seeds=${SEEDS:-0 1 2}
epochs=${EPOCHS:-auto}
preset=${PRESET:-default}
out=${OUT:-bench/out}
extra=${EXTRA:-}
datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=(../shared/data/german_credit.csv:default ../shared/data/credit_data.csv:Status)
mkdir -p "$out"

score() { awk -v key="\"$2\":" '$1 == key { gsub(",", "", $2); print $2; exit }' "$1"; }

printf '%-26s %-6s %4s %8s %8s %8s %9s %7s %7s %7s %8s %8s\n' dataset model seed fit_s quality shapes detection TSTR TRTR AUG MIA DCRratio
for entry in "${datasets[@]}"; do
  file=${entry%%:*} target=${entry##*:} name=$(basename "$file" .csv)
  "$riskgan" split "$file" --target "$target" --seed 0 --train "$out/$name.train.csv" --test "$out/$name.test.csv" 2>/dev/null
  rows=$(($(wc -l < "$out/$name.train.csv") - 1))
  for model in $models; do
    for seed in $seeds; do
      tag="$out/$name.$model.$preset.s$seed"
      start=$(date +%s.%N)
      "$riskgan" fit "$out/$name.train.csv" --target "$target" --model "$model" --preset "$preset" \
        $([ "$epochs" = auto ] || echo --epochs "$epochs") --seed "$seed" --quiet -o "$tag.rgan" $extra
      fit_seconds=$(echo "$(date +%s.%N) - $start" | bc)
      "$riskgan" sample "$tag.rgan" -n "$rows" --seed "$seed" -o "$tag.csv"
      "$riskgan" evaluate --train "$out/$name.train.csv" --test "$out/$name.test.csv" --synth "$tag.csv" \
        --target "$target" --seed "$seed" --json "$tag.json" > /dev/null 2>&1
      dcr_ratio=$(echo "$(score "$tag.json" dcr_synthetic_median) / $(score "$tag.json" dcr_test_median)" | bc -l)
      printf '%-26s %-6s %4s %8.1f %8.3f %8.3f %9.3f %7.3f %7.3f %7.3f %8.3f %8.3f\n' "$name" "$model" "$seed" \
        "$fit_seconds" "$(score "$tag.json" quality)" "$(score "$tag.json" column_shapes)" \
        "$(score "$tag.json" detection_auc)" "$(score "$tag.json" tstr_auc)" "$(score "$tag.json" trtr_auc)" \
        "$(score "$tag.json" augmented_auc)" "$(score "$tag.json" membership_inference_auc)" "$dcr_ratio"
    done
  done
done | tee "$out/runs.txt"
echo
echo "mean ± sd over seeds"
awk 'NR > 0 && $1 != "dataset" { key = $1 " " $2; n[key]++; for (i = 4; i <= 12; i++) { s[key, i] += $i; q[key, i] += $i * $i } }
     END { printf "%-33s %14s %14s %14s %14s %14s %14s\n", "dataset model", "fit_s", "quality", "detection", "TSTR", "TRTR", "AUG";
           for (key in n) { printf "%-33s", key;
             split("4 5 7 8 9 10", cols, " ");
             for (c = 1; c <= 6; c++) { i = cols[c]; m = s[key, i] / n[key]; v = q[key, i] / n[key] - m * m; if (v < 0) v = 0;
               printf " %6.3f ± %5.3f", m, sqrt(v) }
             printf "\n" } }' "$out/runs.txt"
