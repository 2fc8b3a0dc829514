#!/bin/bash
# detect.sh — the detection benchmark (issue 12): Isolation Forest vs the GAN detector vs the
# few-label GAN vs XGBoost on the same labels, on the vehicle claims (stratified and
# out-of-time), the ULB card frauds thinned to 2 %, and three ADBench sets; then per-row
# scoring latency and the fit time and memory for 100,000 rows.
#   bench/detect.sh [OUT_DIR]      (BUILD=build by default; SEEDS=3; SEED=100: the first split
#   seed — the design choices in docs/detect.md were tuned on splits 0..2, so the reported
#   runs use other splits)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD:-$root/build}
riskgan=$build/riskgan
shared=$root/../shared/data
out=${1:-$here/out/detect}
seeds=${SEEDS:-3}
seed=${SEED:-100}
mkdir -p "$out"
run() { # name, then experiment arguments
    local name=$1; shift
    echo "== $name" | tee -a "$out/summary.txt"
    "$riskgan" detect experiment "$@" --seeds "$seeds" --seed "$seed" --json "$out/$name.json" 2>>"$out/progress.log" | tee -a "$out/summary.txt"
}
: > "$out/summary.txt"
vehicle=$shared/vehicle_insurance_fraud.csv
run vehicle_stratified "$vehicle" --target FraudFound_P --label-fractions 0.01,0.05,0.1
# out of time: fit on the claims of 1994 and 1995, test on 1996 (Year itself is not a feature)
year=$(head -1 "$vehicle" | tr ',' '\n' | grep -n '^Year$' | cut -d: -f1)
awk -F, -v c="$year" 'NR == 1 || $c != 1996' "$vehicle" > "$out/vehicle_1994_1995.csv"
awk -F, -v c="$year" 'NR == 1 || $c == 1996' "$vehicle" > "$out/vehicle_1996.csv"
run vehicle_out_of_time "$out/vehicle_1994_1995.csv" --test "$out/vehicle_1996.csv" --target FraudFound_P \
    --exclude Year --label-fractions 0.01,0.05,0.1
run card_fraud_2pct "$shared/creditcard_fraud_sample.csv" --target Class --anomaly-share 0.02 \
    --label-fractions 0.1,0.5
for set in cardio thyroid mammography; do
    run "adbench_$set" "$here/data/adbench/$set.csv" --target anomaly --label-fractions 0.05
done

echo "== latency (vehicle claims, 30 % held out)" | tee -a "$out/summary.txt"
"$riskgan" split "$vehicle" --target FraudFound_P --seed 1 --train "$out/v_train.csv" --test "$out/v_test.csv" >/dev/null
for method in gan iforest; do
    "$riskgan" detect fit "$out/v_train.csv" --method "$method" --target FraudFound_P -o "$out/v_$method.rdet" -q >/dev/null
    for k in 1 2 3; do
        echo "$method run $k: $("$build/bench/bench_detect_latency" "$out/v_$method.rdet" "$out/v_test.csv" 2 | tr '\n' ' ')"
    done | tee -a "$out/summary.txt"
done

echo "== fit time and peak memory, 108,000 rows (the vehicle claims 7 times)" | tee -a "$out/summary.txt"
{ cat "$vehicle"; for k in 1 2 3 4 5 6; do tail -n +2 "$vehicle"; done; } > "$out/vehicle_x7.csv"
for method in gan iforest; do
    /usr/bin/time -f "$method: %e s elapsed, %M KB peak" "$riskgan" detect fit "$out/vehicle_x7.csv" --method "$method" \
        --exclude FraudFound_P -o "$out/x7_$method.rdet" -q 2>&1 | tail -1 | tee -a "$out/summary.txt"
done
