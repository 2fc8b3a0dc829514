#!/usr/bin/env bash
# Beyond one machine: data-parallel training, evaluation of large tables (docs/scaling.md).
#   1. 1 vs 2 MPI ranks (1 thread each) fitting a 21,000-row and a 1,000,000-row table
#      (33 columns, drawn from a model of vehicle_insurance_fraud): seconds per epoch (the
#      fit's own log, reading excluded), the whole command's seconds, peak RSS per rank;
#   2. evaluate on 1,000,000 training and synthetic rows (200,000 test rows);
#   3. a streamed fit of a generated 5 GB CSV (21.5 M rows) under --memory-limit 3000, with
#      a step budget: peak RSS and where the time goes;
# each measurement repeated RUNS times, the median kept.
# Usage: bench/scale.sh   (after building build-mpi with -DRISKGAN_MPI=ON; env RUNS=3,
#        EPOCHS_SMALL=3, EPOCHS_LARGE=1, WORK=bench/out/scale)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
work=${WORK:-bench/out/scale}
riskgan=$(pwd)/build-mpi/riskgan
mkdir -p "$work"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# the tables (made once): a model of the vehicle claims, sampled
if [ ! -s "$work/table_1m.csv" ]; then
  "$riskgan" fit ../shared/data/vehicle_insurance_fraud.csv --target FraudFound_P --epochs 30 --seed 7 \
    --threads 1 -q -o "$work/source.rgan"
  "$riskgan" sample "$work/source.rgan" -n 1000000 --seed 7 -o "$work/table_1m.csv"
  "$riskgan" sample "$work/source.rgan" -n 21000 --seed 8 -o "$work/table_21k.csv"
  "$riskgan" sample "$work/source.rgan" -n 1000000 --seed 9 -o "$work/synthetic_1m.csv"
  "$riskgan" sample "$work/source.rgan" -n 200000 --seed 10 -o "$work/test_200k.csv"
fi
if [ ! -s "$work/table_5gb.csv" ]; then # written as drawn: sample's memory stays flat
  /usr/bin/time -f "sample of 21.5 M rows: %e s, peak %M KB" -o "$work/sample_5gb.time" \
    "$riskgan" sample "$work/source.rgan" -n 21500000 --seed 11 -o "$work/table_5gb.csv"
fi

# fit RANKS TABLE EPOCHS: prints "seconds_per_epoch wall_seconds peak_rss_mb_of_the_largest_rank"
fit() {
  local ranks=$1 table=$2 epochs=$3 start end
  rm -f "$work"/rank*.time "$work/log.csv"
  start=$(date +%s.%N)
  mpirun --allow-run-as-root --oversubscribe -np "$ranks" sh -c \
    '/usr/bin/time -f "%M" -o "$0/rank$OMPI_COMM_WORLD_RANK.time" "$@"' "$work" \
    "$riskgan" fit "$table" -o "$work/model.rgan" --target FraudFound_P --epochs "$epochs" --seed 1 \
    --threads 1 -q --log "$work/log.csv" > /dev/null 2>&1
  end=$(date +%s.%N)
  # the log's seconds column is cumulative: the last epoch's value over the epochs
  local per_epoch
  per_epoch=$(awk -F, -v e="$epochs" 'NR > 1 { s = $4 } END { printf "%.2f", s / e }' "$work/log.csv")
  printf '%s %.1f %.0f\n' "$per_epoch" "$(echo "$end - $start" | bc)" \
    "$(cat "$work"/rank*.time | sort -n | tail -1 | awk '{ print $1 / 1024 }')"
}

echo "== data-parallel fit, default preset, 1 thread per rank (median of $runs runs)"
printf '%-12s %5s %14s %10s %14s\n' table ranks "s/epoch" "wall s" "peak MB/rank"
for spec in "table_21k.csv:${EPOCHS_SMALL:-3}" "table_1m.csv:${EPOCHS_LARGE:-1}"; do
  table=${spec%%:*} epochs=${spec##*:}
  for ranks in 1 2; do
    for i in $(seq "$runs"); do fit "$ranks" "$work/$table" "$epochs"; done > "$work/runs.txt"
    printf '%-12s %5s %14s %10s %14s\n' "$table" "$ranks" "$(cut -d' ' -f1 "$work/runs.txt" | median)" \
      "$(cut -d' ' -f2 "$work/runs.txt" | median)" "$(cut -d' ' -f3 "$work/runs.txt" | median)"
  done
done

echo "== evaluate: 1,000,000 training and synthetic rows, 200,000 test rows, 2 threads"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/eval.time" "$riskgan" evaluate --train "$work/table_1m.csv" \
    --test "$work/test_200k.csv" --synth "$work/synthetic_1m.csv" --target FraudFound_P --threads 2 \
    --json "$work/evaluation.json" > /dev/null 2> "$work/eval.err"
  cat "$work/eval.time"
done > "$work/eval_runs.txt"
echo "evaluate: $(cut -d' ' -f1 "$work/eval_runs.txt" | median) s, peak $(cut -d' ' -f2 "$work/eval_runs.txt" | median | awk '{ printf "%.0f", $1 / 1024 }') MB"
grep -o 'large tables[^"]*' "$work/eval.err" | head -1

echo "== streamed fit of the 5 GB CSV ($(du -m "$work/table_5gb.csv" | cut -f1) MB), --memory-limit 3000, 200 steps, 1 thread"
/usr/bin/time -f "%e s, peak RSS %M KB" -o "$work/fit_5gb.time" "$riskgan" fit "$work/table_5gb.csv" \
  --target FraudFound_P --memory-limit 3000 --max-steps 200 --threads 1 --seed 1 -o "$work/model_5gb.rgan" \
  --log-every 1 2> "$work/fit_5gb.err"
grep -E "streamed|fitted" "$work/fit_5gb.err"
echo "streamed fit: $(cat "$work/fit_5gb.time")"
