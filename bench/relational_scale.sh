#!/bin/sh
# relational_scale.sh — linked tables at scale (issue 22): a model of the shared Berka half
# draws a bank 45 times as large (about 100,000 accounts and 1,000,000 transactions); the
# sampling is timed (three runs, whole command: generation and CSV writing), then the large
# bank is fitted with the defaults (time and peak memory). Needs a fitted Berka model:
# bench/relational.sh writes bench/out/relational/riskgan-1.rgan.
# Usage: bench/relational_scale.sh [MODEL.rgan]   (from the project root)
set -eu
riskgan=${RISKGAN:-build/riskgan}
model=${1:-bench/out/relational/riskgan-1.rgan}
out=bench/out/relational_scale
rm -rf "$out" && mkdir -p "$out"
for run in 1 2 3; do
    /usr/bin/time -f "%e s %M KiB" -o "$out/sample-$run.time" \
        "$riskgan" sample "$model" -o "$out/bank" --scale 45 --seed 7 2> "$out/sample-$run.log"
done
events=$(($(wc -l < "$out/bank/trans.csv") - 1))
echo "sampled: $(grep rows "$out/sample-1.log" | tr '\n' ' ')"
for run in 1 2 3; do
    awk -v n="$events" '{printf "sample run: %s s, %.0f events/s, peak %.0f MiB\n", $1, n / $1, $3 / 1024}' \
        "$out/sample-$run.time"
done
/usr/bin/time -f "%e s %M KiB" -o "$out/fit.time" \
    "$riskgan" fit --metadata "$out/bank/metadata.json" -o "$out/bank.rgan" --seed 1 2> "$out/fit.log"
awk -v n="$events" '{printf "fit of %d events: %.1f min, peak %.0f MiB\n", n, $1 / 60, $3 / 1024}' "$out/fit.time"
