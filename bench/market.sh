#!/bin/bash
# market.sh — the market scenario benchmark (issue 10): GAN vs GARCH(1,1)-t-CCC vs stationary
# block bootstrap on eu_stock_markets (4 indices) and dow_jones30 (30 stocks), each fitted on
# the first 70 % of days. Stylized facts of 100 generated paths against the training days
# (paths as long as the training history, random learned starting states) and against the
# held-out 30 % (paths as long as it, started from the last learned day); VaR/ES backtests on
# the held-out days (GAN, GARCH, historical simulation, bootstrap); fit and sampling time and
# memory. SEEDS (3) seeds per model; the summary gives the median over seeds.
#   bench/market.sh [OUT_DIR]     (BUILD=build by default; needs python3 for the summary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD:-$root/build}
riskgan=$build/riskgan
shared=$root/../shared/data
out=${1:-$here/out/market}
seeds=${SEEDS:-3}
mkdir -p "$out"
timed() { # label, command...: wall seconds and peak memory to $out/times.txt
    local label=$1; shift
    /usr/bin/time -f "$label %e s %M KB" -a -o "$out/times.txt" "$@"
}
: > "$out/times.txt"
declare -A until=([eu]=1301 [dj]=1997-12-31)
declare -A file=([eu]=$shared/eu_stock_markets.csv [dj]=$shared/dow_jones30.csv)
for set in eu dj; do
    data=${file[$set]}
    train=$("$riskgan" market fit "$data" --method bootstrap --train-until "${until[$set]}" -o "$out/probe.rmkt" 2>&1 |
            sed -n 's/.* on \([0-9]*\) return days.*/\1/p')
    total=$(awk 'END { print NR - 2 }' "$data")
    test_days=$((total - train))
    for method in gan garch bootstrap; do
        for seed in $(seq 1 "$seeds"); do
            name=$set-$method-$seed
            timed "fit $name" "$riskgan" market fit "$data" --method $method --train-until "${until[$set]}" --seed "$seed" \
                -q -o "$out/$name.rmkt"
            "$riskgan" market sample "$out/$name.rmkt" --paths 100 --days "$train" --seed "$seed" -o "$out/$name-in.csv"
            "$riskgan" market evaluate --real "$data" --until "${until[$set]}" --synth "$out/$name-in.csv" \
                --json "$out/$name-in.json" > /dev/null
            "$riskgan" market sample "$out/$name.rmkt" --paths 100 --days "$test_days" --from-history --seed "$seed" \
                -o "$out/$name-out.csv"
            "$riskgan" market evaluate --real "$data" --after "${until[$set]}" --synth "$out/$name-out.csv" \
                --json "$out/$name-out.json" > /dev/null
            rm -f "$out/$name-in.csv" "$out/$name-out.csv"
        done
    done
    for method in gan garch hs bootstrap; do
        timed "backtest $set-$method" "$riskgan" market backtest "$data" --method $method --train-until "${until[$set]}" \
            --level 0.99,0.975 --seed 1 -q --json "$out/$set-backtest-$method.json" > /dev/null
    done
done
# speed: 10,000 paths x 250 days x 30 assets
timed "sample dj 10000x250" "$riskgan" market sample "$out/dj-gan-1.rmkt" --paths 10000 --days 250 -o "$out/dj-10000.csv"
ls -l "$out/dj-10000.csv" >> "$out/times.txt"
rm -f "$out/dj-10000.csv"
python3 "$here/market_summary.py" "$out" "$seeds" | tee "$out/summary.txt"
