#!/usr/bin/env bash
# The demo on the bundled data: installs what is needed, builds riskgan, then loads
# data/german_credit.csv into a SQLite database (out/bank.db, the embedded default of
# docs/databases.md) and, reading and writing its tables: inspects the loans, splits them
# 70/30, fits the synthesizer on the 70 %, samples synthetic rows into a new table (and rows
# of bad credit risks only, through the conditional vector, as CSV), and evaluates them
# against the held-out 30 % into out/report.html and out/report.json; then market scenarios on data/eu_stock_markets.csv: the GAN fitted on the
# first 70 % of days, 1,000 one-year paths, their stylized facts against the training days
# (out/market.html) and a 99 % VaR backtest on the last 30 % (out/backtest.html); last, an
# anomaly detector of the loans served over HTTP (riskgan serve) scores three loans sent by curl.
# Usage: bash scripts/demo.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash scripts/install-deps.sh; else sudo bash scripts/install-deps.sh; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out
riskgan=build/riskgan
set -x
rm -f out/bank.db
$riskgan copy data/german_credit.csv 'sqlite:out/bank.db?table=loans'
$riskgan inspect 'sqlite:out/bank.db?table=loans' --target default
$riskgan split 'sqlite:out/bank.db?table=loans' --target default --seed 0 \
  --train 'sqlite:out/bank.db?table=train' --test 'sqlite:out/bank.db?table=test'
$riskgan fit 'sqlite:out/bank.db?table=train' --target default --seed 0 -o out/german.rgan --log out/losses.csv
$riskgan sample out/german.rgan -n 700 --seed 1 -o 'sqlite:out/bank.db?table=synthetic'
$riskgan sample out/german.rgan -n 300 --seed 2 --where default=1 -o out/synthetic_bad_risks.csv
$riskgan evaluate --train 'sqlite:out/bank.db?table=train' --test 'sqlite:out/bank.db?table=test' \
  --synth 'sqlite:out/bank.db?table=synthetic' --target default --json out/report.json --html out/report.html
$riskgan market fit data/eu_stock_markets.csv --method gan --train-until 1301 --seed 0 -o out/eu.rmkt
$riskgan market sample out/eu.rmkt --paths 1000 --days 250 --seed 1 -o out/eu_paths.csv
$riskgan market evaluate --real data/eu_stock_markets.csv --until 1301 --synth out/eu_paths.csv \
  --json out/market.json --html out/market.html
$riskgan market risk out/eu_paths.csv --weights DAX=0.4,SMI=0.2,CAC=0.2,FTSE=0.2 --horizon 1,10
$riskgan market backtest data/eu_stock_markets.csv --method gan --train-until 1301 --level 0.99,0.975 \
  --json out/backtest.json --html out/backtest.html -q
# the scoring service: an anomaly detector of the loans behind HTTP, three loans scored with curl
$riskgan detect fit 'sqlite:out/bank.db?table=train' --exclude default --seed 0 -q -o out/loans.rdet
head -4 data/german_credit.csv | cut -d, -f1-20 > out/three_loans.csv
$riskgan serve --model loans=out/loans.rdet --listen 127.0.0.1:0 2> out/serve.log &
server=$!
{ set +x; } 2>/dev/null
for _ in $(seq 100); do grep -q "port" out/serve.log && break; sleep 0.1; done
port=$(grep -o 'port [0-9]*' out/serve.log | cut -d' ' -f2)
set -x
curl -s -H 'Content-Type: text/csv' --data-binary @out/three_loans.csv "http://127.0.0.1:$port/v1/models/loans/score"
{ set +x; } 2>/dev/null
echo
kill -TERM "$server" && wait "$server"
echo "Open out/report.html (synthetic loans), out/market.html and out/backtest.html (market scenarios) in a browser."
