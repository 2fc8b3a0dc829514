#!/bin/sh
# statements.sh — periodic sequences of fixed length (issue 22): every account of the shared
# Berka half opened early enough gets K monthly statements (month-end balance, credits,
# debits); its loan's status is the target (B, D bad). Accounts are split in 5 folds; per fold,
# with the other four folds as the training data:
#   TRTR     XGBoost (riskgan risk fit) on the real training customers with a loan;
#   linked   riskgan fit --metadata (accounts, statements, loans), sampled, flattened;
#   flat     riskgan fit on the same customers flattened to one row each (statements as
#            columns, loan columns empty without a loan), sampled;
# each default model scores the held-out fold's real customers with a loan; the pooled
# held-out scores give one ROC-AUC per method. Also counts synthetic accounts with exactly K
# statements in order. Usage: bench/statements.sh [K] [SEED]   (from the project root)
set -eu
riskgan=${RISKGAN:-build/riskgan}
berka=${BERKA_DIR:-../shared/data/bank_berka}
k=${1:-4}
seed=${2:-1}
out=bench/out/statements-$seed
py="python3 bench/statements.py"
rm -rf "$out" && mkdir -p "$out"
$py build "$berka" "$out/real" "$k"
$py folds "$out/real" 5 "$seed"
score() { # METHOD FOLD TRAINING.csv: risk model on TRAINING, scores of the fold's test customers
    "$riskgan" risk fit "$3" --target bad --positive yes --discrete district_id -o "$out/$1-$2.risk" \
        --seed "$seed" > /dev/null
    "$riskgan" risk score "$out/$1-$2.risk" "$out/test-$2.csv" -o "$out/$1-$2.scores" > /dev/null
}
for f in 0 1 2 3 4; do
    d="$out/real/fold-$f"
    $py flatten "$d/test" "$k" "$out/test-$f.csv"
    $py flatten "$d/train" "$k" "$out/train-$f.csv"
    $py flatten "$d/train" "$k" "$out/train-all-$f.csv" all
    score trtr "$f" "$out/train-$f.csv"

    "$riskgan" fit --metadata "$d/train/metadata.json" -o "$out/linked-$f.rgan" --seed "$seed" -q
    "$riskgan" sample "$out/linked-$f.rgan" -o "$out/linked-$f" --seed "$seed" 2>/dev/null
    $py check "$out/linked-$f" "$k" | tee -a "$out/check.txt"
    $py flatten "$out/linked-$f" "$k" "$out/linked-$f.csv"
    score linked "$f" "$out/linked-$f.csv"

    rows=$(($(wc -l < "$out/train-all-$f.csv") - 1))
    "$riskgan" fit "$out/train-all-$f.csv" --discrete district_id -o "$out/flat-$f.rgan" --seed "$seed" -q
    "$riskgan" sample "$out/flat-$f.rgan" -n "$rows" -o "$out/flat-all-$f.csv" --seed "$seed"
    $py loans "$out/flat-all-$f.csv" "$out/flat-$f.csv"
    score flat "$f" "$out/flat-$f.csv"
done
for m in trtr linked flat; do
    cat "$out"/test-[0-4].csv | awk 'NR == 1 || !/^district_id,/' > "$out/test-pooled.csv"
    cat "$out/$m"-[0-4].scores | awk 'NR == 1 || !/^row,/' > "$out/$m-pooled.scores"
    printf '%s ROC-AUC on held-out real customers: ' "$m"
    $py auc "$out/$m-pooled.scores" "$out/test-pooled.csv"
done | tee "$out/summary.txt"
