#!/usr/bin/env bash
# Data-integrity benchmark: what learned column formats change, and what they cost.
#
# 1. Detection AUC and distance to closest record on a table with two-decimal and few-valued
#    numeric columns: german_credit plus an interest rate written with two decimals (it
#    depends on duration and on the outcome) and a sector unemployment rate with ten values
#    (one per purpose), the shape of the credit table in issue 8. Both generators are judged
#    by the same evaluator (AFTER's), on the same split, seeds 0 1 2.
# 2. Speed and memory: fit time, sampling rows/s to CSV (german_credit, 21 columns, and
#    vehicle_insurance_fraud, 33 columns), and CSV ingestion of the 1 GB file (MB/s, peak RSS).
#
# Usage: BEFORE=path/to/old/riskgan bench/integrity.sh [formats|speed|all]
#   env: AFTER=build/riskgan  BEFORE_BENCH=dir of the old bench/ binaries  RUNS=3  SEEDS="0 1 2"
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
after=${AFTER:-build/riskgan}
before=${BEFORE:?set BEFORE to the riskgan binary to compare with}
before_bench=${BEFORE_BENCH:-$(dirname "$before")/bench}
runs=${RUNS:-3}
seeds=${SEEDS:-0 1 2}
out=bench/out/integrity
mkdir -p "$out"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
score() { awk -v key="\"$2\":" '$1 == key { gsub(",", "", $2); print $2; exit }' "$1"; }
seconds() { # seconds COMMAND...: wall seconds of one run
  local start; start=$(date +%s.%N); "$@" > /dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }

if [ "$part" = formats ] || [ "$part" = all ]; then
  awk -F, 'BEGIN { OFS = ","; srand(1)
                   split("radio_tv car_new furniture car_used business education repairs other appliances retraining", p, " ")
                   split("4.1 3.2 5.0 6.3 2.2 7.7 8.1 3.9 4.4 5.5", u, " "); for (i in p) rate[p[i]] = u[i] }
           NR == 1 { print $0, "interest_rate", "sector_unemployment"; next }
           { printf "%s,%.2f,%s\n", $0, 0.04 + 0.0015 * $2 + 0.03 * $21 + 0.02 * rand(), rate[$4] }' \
    data/german_credit.csv > "$out/loans_formats.csv"
  "$after" split "$out/loans_formats.csv" --target default --seed 0 --train "$out/train.csv" --test "$out/test.csv" 2> /dev/null
  printf '%-7s %4s %9s %9s %9s %9s %9s %11s\n' version seed detection dcr_synth dcr_test dcr_ratio quality tstr/trtr
  for version in before after; do
    binary=$before; [ "$version" = after ] && binary=$after
    for seed in $seeds; do
      tag="$out/$version.s$seed"
      "$binary" fit "$out/train.csv" --target default --seed "$seed" --quiet -o "$tag.rgan"
      "$binary" sample "$tag.rgan" -n 700 --seed "$seed" -o "$tag.csv"
      "$after" evaluate --train "$out/train.csv" --test "$out/test.csv" --synth "$tag.csv" --target default \
        --seed "$seed" --json "$tag.json" > /dev/null 2>&1
      printf '%-7s %4s %9.3f %9.4f %9.4f %9.3f %9.3f %11.3f\n' "$version" "$seed" "$(score "$tag.json" detection_auc)" \
        "$(score "$tag.json" dcr_synthetic_median)" "$(score "$tag.json" dcr_test_median)" \
        "$(echo "$(score "$tag.json" dcr_synthetic_median) / $(score "$tag.json" dcr_test_median)" | bc -l)" \
        "$(score "$tag.json" quality)" "$(score "$tag.json" tstr_trtr_ratio)"
    done
  done | tee "$out/formats.txt"
  awk '$1 == "before" || $1 == "after" { n[$1]++; for (i = 3; i <= 8; i++) s[$1, i] += $i }
       END { for (v in n) { printf "mean %-7s", v; for (i = 3; i <= 8; i++) printf " %9.3f", s[v, i] / n[v]; printf "\n" } }' \
    "$out/formats.txt"
fi

if [ "$part" = speed ] || [ "$part" = all ]; then
  echo "== speed and memory, median of $runs (before -> after)"
  "$after" split data/german_credit.csv --target default --seed 0 --train "$out/german.train.csv" --test "$out/german.test.csv" 2> /dev/null
  for version in before after; do
    binary=$before; [ "$version" = after ] && binary=$after
    fit=$(for i in $(seq "$runs"); do seconds "$binary" fit "$out/german.train.csv" --target default --seed 0 -q -o "$out/$version.german.rgan"; done | median)
    sample=$(for i in $(seq "$runs"); do seconds "$binary" sample "$out/$version.german.rgan" -n 100000 -o "$out/$version.sample.csv"; done | median)
    "$binary" fit ../shared/data/vehicle_insurance_fraud.csv --target FraudFound_P --epochs 5 --seed 0 -q -o "$out/$version.vehicle.rgan"
    fit_wide=$(for i in $(seq "$runs"); do seconds "$binary" fit ../shared/data/vehicle_insurance_fraud.csv --target FraudFound_P --epochs 5 --seed 0 -q -o "$out/$version.vehicle.rgan"; done | median)
    sample_wide=$(for i in $(seq "$runs"); do seconds "$binary" sample "$out/$version.vehicle.rgan" -n 100000 -o "$out/$version.vehicle.csv"; done | median)
    printf '%-7s fit german_credit (defaults, 300 epochs) %6.1f s | sample 100k german %6.0f rows/s | fit vehicle_insurance_fraud (33 columns, 5 epochs) %6.1f s | sample 100k vehicle %6.0f rows/s\n' \
      "$version" "$fit" "$(echo "100000 / $sample" | bc -l)" "$fit_wide" "$(echo "100000 / $sample_wide" | bc -l)"
  done | tee "$out/speed.txt"
  echo "== CSV ingestion of the 1 GB file (bench_csv_read: MB/s and peak RSS)"
  for version in before after; do
    reader=build/bench/bench_csv_read; [ "$version" = before ] && reader=$before_bench/bench_csv_read
    for i in $(seq "$runs"); do "$reader" bench/out/transactions_1gb.csv 1000 2>&1 | tail -2 | tr '\n' ' '; echo; done |
      sed "s/^/$version /"
  done | tee "$out/ingest.txt"
fi
