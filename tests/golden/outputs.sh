#!/usr/bin/env bash
# Writes what riskgan's commands produce on the bundled data with fixed seeds and one
# thread (fit, sample, evaluate, augment, risk, detect, market) into OUT, then prints one
# SHA-256 line per output file. tests/golden_test.sh compares these lines with the ones
# recorded in tests/golden/ for this machine's OpenBLAS kernel: a change in any byte of
# any output shows up as a changed line.
# Usage: outputs.sh RISKGAN DATA_DIR TEST_DATA_DIR OUT
set -euo pipefail
riskgan=$1 data=$2 test_data=$3 out=$4
rm -rf "$out"; mkdir -p "$out"; cd "$out"
run() { "$riskgan" "$@" >>log.txt 2>&1 || { cat log.txt >&2; echo "failed: riskgan $*" >&2; exit 1; }; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# a few statements carry timings or paths: they are kept out of the compared files; inspect
# names its file, so it reads a copy by a relative name (the record holds for any checkout)
cp "$data/german_credit.csv" credit.csv
run inspect credit.csv --target default
"$riskgan" inspect credit.csv --target default >inspect.txt
run split "$data/german_credit.csv" --target default --seed 0 --train train.csv --test test.csv
run fit train.csv --target default --seed 0 --epochs 3 --threads 1 -q -o ctgan.rgan --log losses.csv
run fit train.csv --target default --seed 0 --epochs 3 --threads 1 -q --model tvae -o tvae.rgan
run fit train.csv --target default --seed 0 --epochs 2 --threads 1 -q --epsilon 4 -o private.rgan
run sample ctgan.rgan -n 700 --seed 1 --threads 1 -o synthetic.csv
run sample ctgan.rgan -n 200 --seed 2 --threads 1 --where default=1 -o bad_risks.csv
run sample tvae.rgan -n 300 --seed 3 --threads 1 -o tvae.csv
run sample private.rgan -n 300 --seed 4 --threads 1 -o private.csv
run baseline train.csv -n 300 --seed 5 -o baseline.csv
run evaluate --train train.csv --test test.csv --synth synthetic.csv --target default --threads 1 \
  --json evaluate.json --html evaluate.html
run evaluate --train train.csv --test test.csv --synth synthetic.csv --target default --threads 1 \
  --model-rows 300 --neighbor-queries 200 --json evaluate_sampled.json
run augment train.csv --target default --method smotenc --seed 6 -o augment_smotenc.csv
run augment train.csv --target default --method gan --model ctgan.rgan --seed 7 --threads 1 -o augment_gan.csv
run risk fit train.csv --target default --algo logreg --scorecard scorecard.csv -o risk.model
run risk score risk.model test.csv -o risk_scores.csv
run detect fit "$test_data/loans_with_ids.csv" --method iforest --seed 8 -q -o iforest.rdet
run detect score iforest.rdet "$test_data/loans_with_ids.csv" --explain 2 -o iforest_scores.csv
run detect fit train.csv --method gan --target default --epochs 2 --seed 9 --threads 1 -q -o gan.rdet
run detect eval gan.rdet test.csv --target default --json detect_eval.json --html detect_eval.html
run market fit "$data/eu_stock_markets.csv" --method gan --train-until 1301 --epochs 20 --seed 10 --threads 1 -q -o eu.rmkt
run market sample eu.rmkt --paths 200 --days 30 --seed 11 --threads 1 -o eu_paths.csv
run market evaluate --real "$data/eu_stock_markets.csv" --until 1301 --synth eu_paths.csv \
  --json market_eval.json --html market_eval.html
run market risk eu_paths.csv --weights DAX=0.4,SMI=0.2,CAC=0.2,FTSE=0.2 --horizon 1,10 --json market_risk.json
run market backtest "$data/eu_stock_markets.csv" --method garch --train-until 1301 --level 0.99 \
  --scenarios 200 --seed 12 --threads 1 -q --json backtest.json --html backtest.html
"$riskgan" inspect credit.csv --target default --json >inspect.json
run augment train.csv --target default --method adasyn --seed 13 -o augment_adasyn.csv
run augment train.csv --target default --method random --ratio 0.8 --seed 14 -o augment_random.csv
run experiment train.csv --target default --methods none,weight,smotenc,gan --algo logreg --gan-epochs 2 --folds 3 \
  --repeats 1 --seed 15 --threads 1 -q --json experiment.json --html experiment.html
run detect experiment "$test_data/loans_with_ids.csv" --target default --methods iforest --seeds 1 \
  --label-fractions "" --seed 16 --threads 1 --json detect_experiment.json
run fit "$test_data/loans_with_ids.csv" --target default --seed 17 --epochs 2 --threads 1 -q -o ids.rgan
run sample ids.rgan -n 100 --seed 18 --threads 1 -o ids_fresh.csv
run sample ids.rgan -n 100 --seed 18 --threads 1 --ids omit -o ids_omitted.csv
run market fit "$data/eu_stock_markets.csv" --method garch --train-until 1301 --seed 19 -q -o garch.rmkt
run market sample garch.rmkt --paths 100 --days 20 --seed 20 --from-history -o garch_paths.csv
run market fit "$data/eu_stock_markets.csv" --method bootstrap --train-until 1301 --seed 21 -q -o bootstrap.rmkt
run market sample bootstrap.rmkt --paths 100 --days 20 --seed 22 --returns -o bootstrap_returns.csv
python3 - detect_experiment.json <<'DROP_TIMINGS'
import json, sys
def drop(node):  # timings ("fit_seconds") differ between runs
    if isinstance(node, dict):
        return {k: drop(v) for k, v in node.items() if not k.endswith("_seconds")}
    return [drop(v) for v in node] if isinstance(node, list) else node
with open(sys.argv[1]) as f:
    document = drop(json.load(f))
with open(sys.argv[1], "w") as f:
    json.dump(document, f, indent=1, sort_keys=True)
DROP_TIMINGS
cut -d, -f1-3 losses.csv >losses_without_seconds.csv && rm -f log.txt losses.csv
sha256sum -- * | sort -k2
