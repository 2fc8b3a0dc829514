#!/usr/bin/env bash
# The augmentation study of issue 9: when do GAN rows help a risk model, and when do class
# weights, SMOTE-NC or ADASYN do better? For every data set and regime, `riskgan experiment`
# runs repeated stratified folds; the training part is thinned (rare events: the positive
# class to 1 / 2 / 5 % of the rows; scarce data: 250 / 500 / 1000 / 2000 rows), the held-out
# part never is. Methods: none, weight, random, smotenc, adasyn, gan, gan-minority, gan-auto;
# models XGBoost and logistic regression. Prints one markdown table per regime: PR-AUC of
# none, then each method's mean difference against none with the corrected resampled
# t-test's p-value (* p < 0.05), and the wall time of every cell; writes the charts
# (`riskgan experiment --combine`) to $OUT/study.html.
#
# Usage: bench/augmentation_study.sh [full|short]
#   full: 4 data sets x 7 regimes (scarce sizes above a data set's training part skipped),
#   5 x 2 folds;  short: german_credit and credit_data at 2 % and 500 rows.
#   env: RISKGAN=build/riskgan OUT=bench/out/augmentation FOLDS=5 REPEATS=2 THREADS=2
#        METHODS=none,weight,random,smotenc,adasyn,gan,gan-minority,gan-auto
#        DATASETS / REGIMES to replace the lists below (the test suite runs a tiny study)
#   GAN epochs per data set (the fifth field below) keep the GAN fits of one cell in
#   minutes: more rows, fewer epochs (each fold fits five GANs: the one gan and gan-auto
#   add rows from, gan-auto's three inner-fold GANs and gan-minority's).
set -euo pipefail
cd "$(dirname "$0")/.."
riskgan=${RISKGAN:-build/riskgan}
out=${OUT:-bench/out/augmentation}
folds=${FOLDS:-5}
repeats=${REPEATS:-2}
threads=${THREADS:-2}
methods=${METHODS:-none,weight,random,smotenc,adasyn,gan,gan-minority,gan-auto}
mode=${1:-full}
mkdir -p "$out"

# name | file | target | positive | GAN epochs
datasets_full="german_credit|data/german_credit.csv|default|1|15
credit_data|../shared/data/credit_data.csv|Status|bad|8
vehicle_claims|../shared/data/vehicle_insurance_fraud.csv|FraudFound_P|1|3
card_fraud|../shared/data/creditcard_fraud_sample.csv|Class|1|15"
regimes_full="rare:0.01 rare:0.02 rare:0.05 scarce:250 scarce:500 scarce:1000 scarce:2000"
if [ "$mode" = short ]; then
  datasets=${DATASETS:-$(printf '%s\n' "$datasets_full" | head -2)}
  regimes=${REGIMES:-rare:0.02 scarce:500}
else
  datasets=${DATASETS:-$datasets_full}
  regimes=${REGIMES:-$regimes_full}
fi

run_cell() { # name file target positive epochs regime
  local name=$1 file=$2 target=$3 positive=$4 epochs=$5 regime=$6 option
  case $regime in
    rare:*) option="--minority-share ${regime#rare:}" ;;
    scarce:*) option="--train-rows ${regime#scarce:}" ;;
  esac
  local base="$out/$name-${regime/:/-}"
  local start=$(date +%s)
  # shellcheck disable=SC2086
  "$riskgan" experiment "$file" --target "$target" --positive "$positive" --methods "$methods" \
    --folds "$folds" --repeats "$repeats" --gan-epochs "$epochs" --threads "$threads" $option -q \
    --json "$base.json" --html "$base.html" > "$base.txt"
  echo $(( $(date +%s) - start )) > "$base.seconds"
}

study_start=$(date +%s)
while IFS='|' read -r name file target positive epochs; do
  rows=$(( $(wc -l < "$file") - 1 ))
  for regime in $regimes; do
    if [ -s "$out/$name-${regime/:/-}.txt" ]; then continue; fi # resumable
    case $regime in # a size the training part does not reach would repeat the full data
      scarce:*) [ "${regime#scarce:}" -lt $(( rows - rows / folds )) ] || continue ;;
    esac
    echo "== $name $regime ($(date +%H:%M:%S))" >&2
    run_cell "$name" "$file" "$target" "$positive" "$epochs" "$regime" || echo "   failed: see $out" >&2
  done
done <<< "$datasets"

# one table per regime kind, one row per data set x regime x model
for kind in rare scarce; do
  echo
  echo "### ${kind/rare/Rare events (positive class thinned in the training folds)}" | sed 's/scarce/Scarce data (training folds subsampled)/'
  echo
  header="| data | regime | model | none PR-AUC |"
  line="|---|---|---|---|"
  for m in ${methods//,/ }; do [ "$m" = none ] && continue; header="$header $m |"; line="$line---|"; done
  echo "$header seconds |"
  echo "$line---|"
  while IFS='|' read -r name file target positive epochs; do
    for regime in $regimes; do
      case $regime in $kind:*) ;; *) continue ;; esac
      base="$out/$name-${regime/:/-}"
      [ -s "$base.txt" ] || continue
      for model in xgboost logreg; do
        awk -v model="$model" -v name="$name" -v regime="${regime#*:}" -v seconds="$(cat "$base.seconds")" '
          $1 == model && $2 == "none" { none = $7 }
          $1 == model && $2 != "none" && NF >= 33 {
            p = $33; gsub(/\)/, "", p)
            cell[++n] = sprintf("%s%s", $28, (p + 0 < 0.05) ? "*" : "")
          }
          END {
            printf "| %s | %s | %s | %s |", name, regime, model, none
            for (i = 1; i <= n; i++) printf " %s |", cell[i]
            printf " %s |\n", seconds
          }' "$base.txt"
      done
    done
  done <<< "$datasets"
done
echo
echo "study wall time: $(( $(date +%s) - study_start )) s (cells already in $out are reused)"
# the charts: PR-AUC difference vs regime, one line per method, per data set and model
if ls "$out"/*-rare-*.json "$out"/*-scarce-*.json > /dev/null 2>&1; then
  "$riskgan" experiment --combine "$out"/*-rare-*.json "$out"/*-scarce-*.json --html "$out/study.html" 2> /dev/null \
    && echo "charts: $out/study.html"
fi
