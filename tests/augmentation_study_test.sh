#!/usr/bin/env bash
# augmentation_study_test.sh — the augmentation study (bench/augmentation_study.sh) in
# miniature: german_credit, one rare-event and one scarce-data cell, 2 folds, 1 GAN epoch.
# Checks that every method ran in both cells and that the tables carry a number per method.
set -euo pipefail
riskgan=$1 repo=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
table=$(DATASETS="german_credit|data/german_credit.csv|default|1|1" REGIMES="rare:0.05 scarce:250" FOLDS=2 \
  REPEATS=1 RISKGAN="$riskgan" OUT="$out" "$repo/bench/augmentation_study.sh" short 2> "$out/log")
echo "$table"
rows=$(grep -c '^| german_credit |' <<< "$table")
[ "$rows" -eq 4 ] || { echo "expected 4 table rows (2 cells x 2 models), got $rows"; exit 1; }
# 8 methods minus none: 7 differences, each a signed number
while read -r row; do
  numbers=$(grep -oE '\| [+-][0-9]\.[0-9]{4}\*? ' <<< "$row" | wc -l)
  [ "$numbers" -eq 7 ] || { echo "row without a difference for every method: $row"; exit 1; }
done < <(grep '^| german_credit |' <<< "$table")
for cell in german_credit-rare-0.05 german_credit-scarce-250; do
  grep -q '"corrected_p"' "$out/$cell.json" || { echo "$cell: no corrected p-values"; exit 1; }
  grep -q 'chosen_gap_share' "$out/$cell.json" || { echo "$cell: gan-auto did not record its choice"; exit 1; }
done
grep -q '<svg' "$out/study.html" || { echo "no study charts in $out/study.html"; exit 1; }
echo "augmentation study (tiny): ok"
