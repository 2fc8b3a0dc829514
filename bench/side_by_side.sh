#!/usr/bin/env bash
# Side-by-side fit timing of riskgan and the reference CTGAN 0.12.1 / TVAE (PyTorch, Debian's
# packages), same machine, same session, same training split, the published configuration
# (300 epochs; riskgan with --preset ctgan, i.e. the same architecture and optimizer settings).
# The reference is prepared by ../shared/anchors/setup_ctgan.sh (see its header).
# Usage: ANCHOR=/tmp/ctgan-anchor bench/side_by_side.sh   (env: RUNS=3 REFERENCE_RUNS=2 EPOCHS=300
#        MODELS="ctgan tvae" TABLE=data/german_credit.csv TARGET=default: any table, split 70/30)
set -euo pipefail
cd "$(dirname "$0")/.."
anchor=${ANCHOR:?set ANCHOR to the directory setup_ctgan.sh prepared}
runs=${RUNS:-3}; reference_runs=${REFERENCE_RUNS:-2}; epochs=${EPOCHS:-300}; models=${MODELS:-ctgan tvae}
table=${TABLE:-data/german_credit.csv}; target=${TARGET:-default}; name=$(basename "$table" .csv)
out=bench/out/side_by_side
mkdir -p "$out"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
build/riskgan split "$table" --target "$target" --seed 0 --train "$out/train.csv" --test "$out/test.csv" 2> /dev/null
rows=$(($(wc -l < "$out/train.csv") - 1))
for model in $models; do
  ours=$(for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    build/riskgan fit "$out/train.csv" --target "$target" --model "$model" --preset ctgan --epochs "$epochs" \
      --threads 2 -q -o "$out/$model.rgan"
    echo "$(date +%s.%N) - $start" | bc; done | median)
  theirs=$(for i in $(seq "$reference_runs"); do
    PYTHONPATH="$anchor" /usr/bin/python3 ../shared/anchors/time_ctgan.py "$out/train.csv" "$target" "$epochs" "$model" 2> /dev/null |
      tail -1 | sed 's/.*"fit_seconds": \([0-9.]*\).*/\1/'; done | median)
  printf '%-6s fit, %s train (%d rows), %d epochs: riskgan %.1f s (median of %d), reference %.1f s (median of %d): %.1fx\n' \
    "$model" "$name" "$rows" "$epochs" "$ours" "$runs" "$theirs" "$reference_runs" "$(echo "$theirs / $ours" | bc -l)"
done | tee "$out/side_by_side.txt"
