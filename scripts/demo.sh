#!/usr/bin/env bash
# The demo on the bundled data: installs what is needed, builds riskgan, then on
# data/german_credit.csv: inspects it, splits it 70/30, fits the synthesizer on the 70 %,
# samples synthetic rows (and rows of bad credit risks only, through the conditional
# vector), and evaluates them against the held-out 30 % into out/report.html and
# out/report.json. Usage: bash scripts/demo.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash scripts/install-deps.sh; else sudo bash scripts/install-deps.sh; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out
riskgan=build/riskgan
set -x
$riskgan inspect data/german_credit.csv --target default
$riskgan split data/german_credit.csv --target default --seed 0 --train out/train.csv --test out/test.csv
$riskgan fit out/train.csv --target default --seed 0 -o out/german.rgan --log out/losses.csv
$riskgan sample out/german.rgan -n 700 --seed 1 -o out/synthetic.csv
$riskgan sample out/german.rgan -n 300 --seed 2 --where default=1 -o out/synthetic_bad_risks.csv
$riskgan evaluate --train out/train.csv --test out/test.csv --synth out/synthetic.csv --target default \
  --json out/report.json --html out/report.html
{ set +x; } 2>/dev/null
echo "Open out/report.html in a browser for the full report."
