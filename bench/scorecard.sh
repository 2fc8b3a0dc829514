#!/bin/sh
# scorecard.sh — issue 26's bar: on held-out splits of the shared credit tables, the
# scorecard's test ROC-AUC beside an unconstrained logistic regression on one-hot bins (the
# same bins, `risk bin` on the training part; liblinear C = 1) and beside XGBoost and the
# standardized logistic regression (`risk fit` defaults). 70/30 stratified splits, seeds 1-5.
# Usage: bench/scorecard.sh [SEEDS]   (from the project root; writes bench/out/scorecard)
set -eu
riskgan=${RISKGAN:-build/riskgan}
shared=${SHARED_DATA:-../shared/data}
seeds=${1:-1 2 3 4 5}
out=bench/out/scorecard
mkdir -p "$out"
auc() { # TEST.csv SCORES.csv TARGET POSITIVE
    python3 - "$@" <<'PY'
import csv, sys
test, scores, target, positive = sys.argv[1:5]
y = [r[target] == positive for r in csv.DictReader(open(test, newline=''))]
p = [float(r['probability']) for r in csv.DictReader(open(scores, newline=''))]
pos = sorted(s for s, t in zip(p, y) if t); neg = sorted(s for s, t in zip(p, y) if not t)
import bisect
area = sum(bisect.bisect_left(neg, s) + 0.5 * (bisect.bisect_right(neg, s) - bisect.bisect_left(neg, s)) for s in pos)
print(f'{area / len(pos) / len(neg):.4f}')
PY
}
run() { # NAME FILE TARGET POSITIVE SEED
    d="$out/$1-$5"
    mkdir -p "$d"
    "$riskgan" split "$2" --train "$d/train.csv" --test "$d/test.csv" --target "$3" --seed "$5" > /dev/null
    line="$1 $5"
    for algo in scorecard xgboost logreg; do
        "$riskgan" risk fit "$d/train.csv" --target "$3" --positive "$4" --algo $algo -o "$d/$algo.risk" > /dev/null
        "$riskgan" risk score "$d/$algo.risk" "$d/test.csv" -o "$d/$algo.scores" > /dev/null
        line="$line $algo=$(auc "$d/test.csv" "$d/$algo.scores" "$3" "$4")"
    done
    "$riskgan" risk bin "$d/train.csv" --target "$3" --positive "$4" -o "$d/bins.csv" > /dev/null
    python3 bench/scorecard_bins.py "$d/bins.csv" "$3" "$d/train.csv" "$d/train_bins.csv"
    python3 bench/scorecard_bins.py "$d/bins.csv" "$3" "$d/test.csv" "$d/test_bins.csv"
    "$riskgan" risk fit "$d/train_bins.csv" --target "$3" --positive "$4" --algo logreg -o "$d/bins.risk" > /dev/null
    "$riskgan" risk score "$d/bins.risk" "$d/test_bins.csv" -o "$d/bins.scores" > /dev/null
    echo "$line onehot_bins=$(auc "$d/test.csv" "$d/bins.scores" "$3" "$4")"
}
for seed in $seeds; do
    run german_credit data/german_credit.csv default 1 "$seed"
    run credit_data "$shared/credit_data.csv" Status bad "$seed"
done | tee "$out/results.txt"
python3 - "$out/results.txt" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    for item in parts[2:]:
        k, v = item.split('=')
        rows.setdefault(parts[0], {}).setdefault(k, []).append(float(v))
print('| table | scorecard | logistic on one-hot bins | XGBoost | logistic (standardized) | scorecard - one-hot bins | scorecard - XGBoost |')
print('|---|---|---|---|---|---|---|')
for name, r in rows.items():
    m = {k: statistics.median(v) for k, v in r.items()}
    print(f"| {name} | {m['scorecard']:.4f} | {m['onehot_bins']:.4f} | {m['xgboost']:.4f} | {m['logreg']:.4f} | "
          f"{m['scorecard'] - m['onehot_bins']:+.4f} | {m['scorecard'] - m['xgboost']:+.4f} |")
PY
