#!/usr/bin/env bash
# Speed and memory benchmarks; each measurement is repeated RUNS times and the median kept.
#   fit speed (CTGAN architecture and defaults, german_credit 700 rows) with GFLOP/s,
#   fit time and peak RSS with riskgan's defaults, sampling throughput (CSV written),
#   peak RSS fitting a 30,000-row 25-column table, evaluate on a 30,000-row triple,
#   and CSV ingestion of a generated 1 GB file.
# Usage: bench/speed.sh   (after building; env RUNS=3, WORK=bench/out)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
work=${WORK:-bench/out}
riskgan=build/riskgan
mkdir -p "$work"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # measure LABEL COMMAND...: median wall seconds and peak RSS (MB) over runs
  local label=$1; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>&1
    cat "$work/time.txt"
  done > "$work/times.txt"
  printf '%-58s %8.2f s %8.1f MB\n' "$label" "$(cut -d' ' -f1 "$work/times.txt" | median)" \
    "$(cut -d' ' -f2 "$work/times.txt" | median | awk '{ print $1 / 1024 }')"
}

"$riskgan" split ../shared/data/german_credit.csv --target default --seed 0 --train "$work/german_credit.train.csv" \
  --test "$work/german_credit.test.csv" 2> /dev/null
echo "== CTGAN architecture and defaults (batch 500, 300 epochs, 1 critic step), german_credit train split"
for i in $(seq "$runs"); do build/bench/bench_speed "$work/german_credit.train.csv" default 300 2; done | tee "$work/speed.txt"
echo "median: $(grep -o '[0-9.]* s/epoch' "$work/speed.txt" | cut -d' ' -f1 | median) s/epoch," \
     "$(grep -o '[0-9.]* GFLOP/s' "$work/speed.txt" | head -"$runs" | cut -d' ' -f1 | median) GFLOP/s"
echo
echo "== wall time and peak RSS (median of $runs)"
measure "fit german_credit, --preset ctgan (300 epochs)" "$riskgan" fit "$work/german_credit.train.csv" --target default --preset ctgan -q -o "$work/speed_ctgan.rgan"
measure "fit german_credit, riskgan defaults (300 epochs)" "$riskgan" fit "$work/german_credit.train.csv" --target default -q -o "$work/speed_default.rgan"
measure "sample 100,000 rows to CSV (german_credit model)" "$riskgan" sample "$work/speed_default.rgan" -n 100000 -o "$work/speed_sample.csv"
build/bench/bench_csv_read "$work/transactions_1gb.csv" 1000 > /dev/null 2>&1 || true
head -60001 "$work/transactions_1gb.csv" | cut -d, -f1-24,26 > "$work/wide.csv"
head -1 "$work/wide.csv" > "$work/wide.train.csv"; sed -n 2,30001p "$work/wide.csv" >> "$work/wide.train.csv"
head -1 "$work/wide.csv" > "$work/wide.test.csv"; sed -n 30002,60001p "$work/wide.csv" >> "$work/wide.test.csv"
measure "fit 30,000 x 25 (1 epoch, defaults)" "$riskgan" fit "$work/wide.train.csv" --target merchant --epochs 1 -q -o "$work/wide.rgan"
"$riskgan" sample "$work/wide.rgan" -n 30000 -o "$work/wide.synthetic.csv"
measure "evaluate 30,000 x 25 train/test/synthetic" "$riskgan" evaluate --train "$work/wide.train.csv" --test "$work/wide.test.csv" --synth "$work/wide.synthetic.csv" --target merchant --json "$work/wide.json"
echo
echo "== CSV ingestion, 1 GB, 30 columns, one thread"
for i in $(seq "$runs"); do build/bench/bench_csv_read "$work/transactions_1gb.csv" 1000; done
