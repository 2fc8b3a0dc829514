#!/usr/bin/env bash
# The demo on the bundled data: installs what is needed, builds riskgan, then inspects
# data/german_credit.csv, fits the synthesizer, samples synthetic rows (also rows of bad
# credit risks only, through the conditional vector) and inspects what came out.
# Outputs go to out/. Usage: bash scripts/demo.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash scripts/install-deps.sh; else sudo bash scripts/install-deps.sh; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out
riskgan=build/riskgan
set -x
$riskgan inspect data/german_credit.csv --target default
$riskgan fit data/german_credit.csv --target default --epochs 300 --seed 0 -o out/german.rgan --log out/german_losses.csv
$riskgan sample out/german.rgan -n 1000 --seed 1 -o out/german_synthetic.csv
$riskgan sample out/german.rgan -n 300 --seed 2 --where default=1 -o out/german_synthetic_bad.csv
$riskgan inspect out/german_synthetic.csv
