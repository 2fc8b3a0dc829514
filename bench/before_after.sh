#!/usr/bin/env bash
# Speed of two builds side by side, runs interleaved (A B A B ...), median of RUNS: fit
# german_credit with riskgan's defaults and with --preset ctgan, and sampling 100,000 rows to
# CSV from a german_credit model and from a 33-column vehicle-claims model. For a
# restructuring that must not change speed: the build before and the build after.
# Usage: bench/before_after.sh RISKGAN_BEFORE RISKGAN_AFTER   (env RUNS=3, WORK=bench/out)
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2
runs=${RUNS:-3}
work=${WORK:-bench/out}/before_after
mkdir -p "$work"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seconds() { /usr/bin/time -f "%e" -o "$work/time.txt" "$@" > /dev/null 2>&1; cat "$work/time.txt"; }
compare() { # compare LABEL ARGS...: the same riskgan arguments with each build
  local label=$1; shift
  : > "$work/a.txt"; : > "$work/b.txt"
  for i in $(seq "$runs"); do
    seconds "$before" "$@" >> "$work/a.txt"
    seconds "$after" "$@" >> "$work/b.txt"
  done
  printf '%-52s %8.2f s %8.2f s\n' "$label" "$(median < "$work/a.txt")" "$(median < "$work/b.txt")"
}
shared=../shared/data
"$after" split data/german_credit.csv --target default --seed 0 --train "$work/german.csv" --test "$work/german.test.csv" 2> /dev/null
"$after" fit "$work/german.csv" --target default --epochs 5 --seed 0 -q -o "$work/german.rgan"
"$after" fit "$shared/vehicle_insurance_fraud.csv" --target FraudFound_P --epochs 1 --seed 0 -q -o "$work/claims.rgan"
printf '%-52s %10s %10s\n' "median of $runs, interleaved" "before" "after"
compare "fit german_credit, defaults, 100 epochs" fit "$work/german.csv" --target default --epochs 100 --seed 0 -q -o "$work/x.rgan"
compare "fit german_credit, --preset ctgan (300 epochs)" fit "$work/german.csv" --target default --preset ctgan --seed 0 -q -o "$work/x.rgan"
compare "sample 100,000 rows to CSV (german_credit)" sample "$work/german.rgan" -n 100000 --seed 1 -o "$work/x.csv"
compare "sample 100,000 rows to CSV (33-column claims)" sample "$work/claims.rgan" -n 100000 --seed 1 -o "$work/x.csv"
