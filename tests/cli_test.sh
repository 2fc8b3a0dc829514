#!/usr/bin/env bash
# End-to-end checks of the riskgan command: help, exit codes (0 ok, 1 runtime, 2 usage),
# error messages naming file/line/column, inspect on every real dataset, fit -> sample ->
# evaluate, byte-identical reruns, refusal of a corrupt model, and atomic outputs; exact values,
# identifiers, dates, rare categories, CSV dialects, standard input/output, the umask, and
# interrupted writes.
# Usage: cli_test.sh RISKGAN TESTS_DATA_DIR REPO_DATA_DIR SHARED_DATA_DIR WORKDIR
set -uo pipefail
riskgan=$1 tests=$2 repo=$3 shared=$4 work=$5 stream=$6
rm -rf "$work" && mkdir -p "$work"
failures=0 checks=0

. "$(dirname "$0")/expect.sh"

expect 0 "Commands:" -- "$riskgan" --help
expect 2 "unknown command" -- "$riskgan" frobnicate
for command in inspect fit sample evaluate split baseline; do
  expect 0 "Usage: riskgan $command" -- "$riskgan" "$command" --help
done
expect 2 "unknown option" -- "$riskgan" fit "$repo/german_credit.csv" -o "$work/m.rgan" --bogus
expect 2 "needs a value" -- "$riskgan" fit "$repo/german_credit.csv" -o
expect 2 "whole number" -- "$riskgan" fit "$repo/german_credit.csv" -o "$work/m.rgan" --epochs many
expect 2 "multiple of pac" -- "$riskgan" fit "$repo/german_credit.csv" -o "$work/m.rgan" --batch-size 55
expect 1 "cannot open" -- "$riskgan" inspect "$work/nope.csv"
expect 1 "line 3, column 2" -- "$riskgan" inspect "$tests/unterminated_quote.csv"
expect 1 "line 3: 2 fields" -- "$riskgan" inspect "$tests/wrong_field_count.csv"
expect 1 "empty" -- "$riskgan" inspect "$tests/empty.csv"
expect 1 "no data rows" -- "$riskgan" inspect "$tests/header_only.csv"
expect 1 "duplicate column name 'age'" -- "$riskgan" inspect "$tests/duplicate_column.csv"
expect 1 "single class" -- "$riskgan" inspect "$tests/single_class_target.csv" --target default
expect 1 "single class" -- "$riskgan" fit "$tests/single_class_target.csv" --target default -o "$work/x.rgan"
[ ! -e "$work/x.rgan" ] || { echo "FAIL: a failed fit left a model file"; failures=$((failures + 1)); }
expect 2 "not in the header" -- "$riskgan" inspect "$repo/german_credit.csv" --discrete nope
expect 0 "credit_amount +integer" -- "$riskgan" inspect "$repo/german_credit.csv"
expect 0 "default +integer +target" -- "$riskgan" inspect "$repo/german_credit.csv" --target default
expect 0 '"role":[[:space:]]*"target"' -- "$riskgan" inspect "$repo/german_credit.csv" --target default --json
expect 0 '"type":[[:space:]]*"categorical"' -- "$riskgan" inspect "$repo/german_credit.csv" --json
for f in "$shared"/*.csv; do
  [ -e "$f" ] && expect 0 "rows, [0-9]+ columns" -- "$riskgan" inspect "$f"
done

# fit -> sample -> evaluate, twice with the same seed: identical bytes
expect 0 "training rows" -- "$riskgan" split "$repo/german_credit.csv" --target default --train "$work/train.csv" --test "$work/test.csv"
for run in a b; do
  expect 0 "model written" -- "$riskgan" fit "$work/train.csv" --target default --epochs 3 --seed 5 --threads 2 -o "$work/$run.rgan" --log "$work/$run.log"
  expect 0 "" -- "$riskgan" sample "$work/$run.rgan" -n 500 --seed 9 --threads 2 -o "$work/$run.csv"
done
checks=$((checks + 2))
cmp -s "$work/a.rgan" "$work/b.rgan" || { echo "FAIL: same seed, different model files"; failures=$((failures + 1)); }
cmp -s "$work/a.csv" "$work/b.csv" || { echo "FAIL: same seed, different samples"; failures=$((failures + 1)); }
checks=$((checks + 1))
[ "$(head -1 "$work/a.csv")" = "$(head -1 "$repo/german_credit.csv")" ] || { echo "FAIL: header changed"; failures=$((failures + 1)); }
checks=$((checks + 1))
[ "$(wc -l < "$work/a.log")" = 4 ] || { echo "FAIL: --log should hold a header and 3 epochs"; failures=$((failures + 1)); }
expect 0 "" -- "$riskgan" sample "$work/a.rgan" -n 50 --where purpose=education -o "$work/edu.csv"
checks=$((checks + 1))
[ "$(cut -d, -f4 "$work/edu.csv" | tail -n +2 | sort -u)" = education ] || { echo "FAIL: --where not exact"; failures=$((failures + 1)); }
expect 2 "not a value of column 'purpose'" -- "$riskgan" sample "$work/a.rgan" -n 5 --where purpose=yacht -o "$work/no.csv"
expect 0 "detection AUC" -- "$riskgan" evaluate --train "$work/train.csv" --test "$work/test.csv" --synth "$work/a.csv" --target default --trees 20 --folds 2 --json "$work/e.json"
expect 0 '"quality"' -- cat "$work/e.json"
# riskgan's stand-in for rare categories is named as such, not as values the generator invented
awk -F, -v OFS=, 'NR > 1 && NR <= 4 { $4 = "(other)" } { print }' "$work/a.csv" > "$work/placeholder.csv"
expect 0 "[0-9]+ synthetic rows hold '\(other\)', riskgan's stand-in" -- "$riskgan" evaluate --train "$work/train.csv" \
  --test "$work/test.csv" --synth "$work/placeholder.csv" --target default --trees 5 --folds 2
expect 1 "no column 'checking_status'" -- "$riskgan" evaluate --train "$work/train.csv" --test "$work/test.csv" --synth "$tests/numbers_then_text.csv" --target default

# Ctrl-C stops training cleanly and keeps the model trained so far
"$riskgan" fit "$work/train.csv" --target default --epochs 100000 --log-every 1000 --log "$work/stop.log" \
  -o "$work/stopped.rgan" 2> "$work/stop.err" &
pid=$!
for i in $(seq 600); do # wait for the first finished epoch (slow under sanitizers)
  grep -q "^epoch 1/" "$work/stop.err" 2> /dev/null && break
  sleep 0.5
done
kill -INT "$pid"
wait "$pid"
code=$?
checks=$((checks + 1))
if [ "$code" != 1 ] || ! grep -q "interrupted after" "$work/stop.err"; then
  echo "FAIL: interrupted fit exited $code"; cat "$work/stop.err"; failures=$((failures + 1))
fi
expect 0 "" -- "$riskgan" sample "$work/stopped.rgan" -n 10 -o "$work/stopped.csv"

# a corrupt model is refused; a failed sample leaves no partial output
head -c 5000 "$work/a.rgan" > "$work/cut.rgan"
expect 1 "truncated" -- "$riskgan" sample "$work/cut.rgan" -n 5 -o "$work/cut.csv"
expect 1 "magic" -- "$riskgan" sample "$repo/german_credit.csv" -n 5 -o "$work/cut.csv"
checks=$((checks + 1))
[ ! -e "$work/cut.csv" ] && ! ls "$work"/cut.csv.tmp.* > /dev/null 2>&1 || { echo "FAIL: partial output left"; failures=$((failures + 1)); }

# augmentation, risk models and the experiment
expect 0 "700 rows \+ 280 smotenc rows" -- "$riskgan" augment "$work/train.csv" --target default --method smotenc --ratio 1 -o "$work/aug.csv"
expect 2 "method must be" -- "$riskgan" augment "$work/train.csv" --target default --method magic -o "$work/aug.csv"
expect 2 "never removes" -- "$riskgan" augment "$work/train.csv" --target default --ratio 0.1 -o "$work/aug.csv"
expect 0 "" -- "$riskgan" risk fit "$work/train.csv" --target default --algo logreg --scorecard "$work/card.csv" -o "$work/risk.model"
expect 0 "" -- "$riskgan" risk score "$work/risk.model" "$work/test.csv" -o "$work/scores.csv"
# scorecards: optimal bins, the card, reason codes; a reason needs a scorecard
expect 0 "checking_status +categories" -- "$riskgan" risk bin "$work/train.csv" --target default -o "$work/bins.csv"
expect 0 "" -- grep -q "^duration_months,\"(-inf," "$work/bins.csv"
expect 2 "unknown trend" -- "$riskgan" risk bin "$work/train.csv" --target default --trend sideways
expect 2 "comma list" -- "$riskgan" risk bin "$work/train.csv" --target default --special 1,,2
expect 1 "no feature" -- "$riskgan" risk fit "$work/train.csv" --target default --algo scorecard --min-iv 9 -o "$work/none.model"
expect 0 "" -- "$riskgan" risk fit "$work/train.csv" --target default --algo scorecard --scorecard "$work/points.csv" -o "$work/card.model"
expect 0 "" -- grep -q "^(base points),,,,,,," "$work/points.csv"
expect 0 "" -- "$riskgan" risk fit "$work/train.csv" --target default --algo scorecard --html "$work/card.html" -o "$work/card2.model"
expect 0 "" -- grep -q "<h1>Credit scorecard: default</h1>" "$work/card.html"
expect 2 "needs --algo scorecard" -- "$riskgan" risk fit "$work/train.csv" --target default --html "$work/x.html" -o "$work/x.model"
expect 0 "oot: [0-9]+ rows" -- "$riskgan" risk fit "$repo/german_credit.csv" --target default --algo scorecard --oot-column age --oot-from 50 --validation "$work/oot.json" -o "$work/oot.model"
expect 0 "" -- grep -q '"oot":' "$work/oot.json"
expect 2 "go together" -- "$riskgan" risk fit "$repo/german_credit.csv" --target default --oot-column age -o "$work/oot.model"
expect 1 "no row at or after" -- "$riskgan" risk fit "$repo/german_credit.csv" --target default --oot-column age --oot-from 99 -o "$work/oot.model"
expect 0 "" -- "$riskgan" risk score "$work/card.model" "$work/test.csv" -o "$work/reasons.csv" --reasons 2
expect 0 "" -- grep -q "^row,probability,score,reason_1,reason_2$" "$work/reasons.csv"
expect 2 "need a scorecard" -- "$riskgan" risk score "$work/risk.model" "$work/test.csv" -o "$work/x.csv" --reasons 2
expect 0 "score \(PSI\) +0\.0000 +stable" -- "$riskgan" risk monitor "$work/card.model" --baseline "$work/test.csv" --current "$work/test.csv" --json "$work/psi.json" --html "$work/psi.html"
expect 0 "" -- grep -q '"score_light":' "$work/psi.json"
expect 0 "" -- grep -q "<div class='card good'><div class='title'>score PSI</div>" "$work/psi.html"
expect 2 "need RISK.model, --baseline and --current" -- "$riskgan" risk monitor "$work/card.model" --baseline "$work/test.csv"
expect 0 "test: [0-9]+ rows, [0-9]+ events: ROC-AUC" -- "$riskgan" risk validate "$work/card.model" train="$work/train.csv" test="$work/test.csv" --json "$work/validation.json" --html "$work/validation.html"
expect 0 "" -- grep -q '"hosmer_lemeshow_p":' "$work/validation.json"
expect 0 "" -- grep -q "<h2>test</h2>" "$work/validation.html"
expect 1 "" -- "$riskgan" risk validate "$work/card.model" test="$work/test.csv" --html /nonexistent/dir/v.html
expect 2 "is not NAME=DATA.csv" -- "$riskgan" risk validate "$work/card.model" "$work/test.csv"
expect 0 "^row,probability,score" -- head -1 "$work/scores.csv"
checks=$((checks + 1))
[ "$(wc -l < "$work/scores.csv")" = 301 ] || { echo "FAIL: one score per test row expected"; failures=$((failures + 1)); }
expect 1 "not a usable riskgan risk model" -- "$riskgan" risk score "$work/a.rgan" "$work/test.csv" -o "$work/scores2.csv"
expect 1 "use smotenc" -- "$riskgan" experiment "$work/train.csv" --target default --methods none,smote --folds 2 --repeats 1 -q
expect 0 "p = " -- "$riskgan" experiment "$work/train.csv" --target default --methods none,random,smotenc --folds 2 --repeats 1 --algo logreg -q --json "$work/exp.json"
expect 0 "<- chosen" -- "$riskgan" augment "$work/train.csv" --target default --method random --ratio auto --for logreg -o "$work/aug_auto.csv"
expect 2 "--for must be" -- "$riskgan" augment "$work/train.csv" --target default --ratio auto --for forest -o "$work/aug_auto.csv"
expect 0 "280 adasyn rows" -- "$riskgan" augment "$work/train.csv" --target default --method adasyn -o "$work/aug_adasyn.csv"
expect 0 "rare-event regime" -- "$riskgan" experiment "$work/train.csv" --target default --methods none,weight,adasyn --minority-share 0.1 --folds 2 --repeats 1 --algo logreg -q --json "$work/study-rare-0.1.json"
expect 0 "study of 1 experiments" -- "$riskgan" experiment --combine "$work/study-rare-0.1.json" --html "$work/study.html"
expect 1 "no regime" -- "$riskgan" experiment --combine "$work/exp.json" --html "$work/study2.html"

# exact values: every field that split passes through reads back as the same number
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect 0 "training rows" -- "$riskgan" split "$tests/exact_values.csv" --target default --train "$work/ex_train.csv" --test "$work/ex_test.csv"
checks=$((checks + 1))
awk -F, 'FNR == 1 { next } NR == FNR { row[$1] = $0; next }
         { split(row[$1], want, ","); for (i = 1; i <= NF; i++) if ((want[i] + 0) != ($i + 0)) { print FILENAME ": " $i " != " want[i]; bad = 1 } }
         END { exit bad }' "$tests/exact_values.csv" "$work/ex_train.csv" "$work/ex_test.csv" ||
  fail "split changed values"
checks=$((checks + 1))
[ "$(tail -n +2 "$work/ex_train.csv" "$work/ex_test.csv" | grep -c '^1')" -ge 1 ] &&
  [ "$(cat "$work/ex_train.csv" "$work/ex_test.csv" | cut -d, -f1 | grep -v account | sort -u | wc -l)" = 61 ] ||
  fail "distinct account numbers lost in split"

# roles: identifiers and dates are recognized and said; codes keep their leading zeros
expect 0 "cust_id .*identifier \(detected\)" -- "$riskgan" inspect "$tests/loans_with_ids.csv"
expect 0 "opened .*date .*yyyy-mm-dd" -- "$riskgan" inspect "$tests/loans_with_ids.csv"
expect 0 "branch +categorical .*007" -- "$riskgan" inspect "$tests/loans_with_ids.csv"
expect 0 "model written|fitted" -- "$riskgan" fit "$tests/loans_with_ids.csv" --target default --epochs 2 -o "$work/ids.rgan"
checks=$((checks + 1))
grep -q "'cust_id' is an identifier" "$work/err" || fail "fit does not say that cust_id is an identifier"
# --early-stopping watches only the epochs the fit chooses: with --epochs it says it did not run
expect 0 "early stopping did not run" -- "$riskgan" fit "$tests/loans_with_ids.csv" --target default --epochs 1 --early-stopping -o "$work/ids_es.rgan"
expect 0 "" -- "$riskgan" sample "$work/ids.rgan" -n 2000 --seed 3 -o "$work/ids.csv"
checks=$((checks + 1))
for value in $(cut -d, -f1,2 "$tests/loans_with_ids.csv" | tail -n +2 | tr , '\n') rare_merchant_; do
  if grep -q -- "$value" "$work/ids.rgan" "$work/ids.csv"; then fail "real value $value in the model or the sample"; break; fi
done
checks=$((checks + 1))
tail -n +2 "$work/ids.csv" | awk -F, '$6 !~ /^2023-[01][0-9]-[0-3][0-9]$/ || ($7 != "007" && $7 != "012") || $3 !~ /^[0-9]\.[0-9][0-9]$/ { bad = 1; print } END { exit bad }' | head -3 &&
  [ "${PIPESTATUS[1]}" = 0 ] || fail "generated dates, codes or rates do not look like their columns"
expect 0 "" -- "$riskgan" sample "$work/ids.rgan" -n 5 --ids omit -o "$work/noids.csv"
expect 0 "^rate,unemp,amount,opened" -- head -1 "$work/noids.csv"
expect 0 "LEAK +[1-9]" -- "$riskgan" evaluate --train "$tests/loans_with_ids.csv" --test "$tests/loans_with_ids.csv" \
  --synth "$tests/loans_with_ids.csv" --target default --trees 5 --folds 2
expect 0 "leaks +no real identifier" -- "$riskgan" evaluate --train "$tests/loans_with_ids.csv" --test "$tests/loans_with_ids.csv" \
  --synth "$work/noids.csv" --target default --trees 5 --folds 2

# CSV as banks export it: ';' with decimal commas and dd.mm.yyyy dates, written back alike
expect 0 "separator ';', decimal mark ','" -- "$riskgan" inspect "$tests/european.csv"
expect 0 "datum +date +dd.mm.yyyy" -- "$riskgan" inspect "$tests/european.csv"
expect 0 "training rows" -- "$riskgan" split "$tests/european.csv" --target ausfall --train "$work/eu_train.csv" --test "$work/eu_test.csv"
checks=$((checks + 1))
[ "$(head -1 "$work/eu_train.csv")" = "kunde;betrag;zins;datum;ausfall" ] &&
  grep -qE '^K[0-9]{4};[0-9]+,[0-9]{2};[0-9],[0-9]{2};[0-3][0-9]\.[01][0-9]\.2023;[01]$' "$work/eu_train.csv" ||
  fail "the European dialect was not written back"

# differential privacy: the guarantee is printed, stored, and reported by evaluate --model
expect 2 "set epsilon" -- "$riskgan" fit "$work/train.csv" --target default --delta 1e-6 -o "$work/x.rgan"
expect 2 "ctgan model only" -- "$riskgan" fit "$work/train.csv" --target default --model tvae --epsilon 1 -o "$work/x.rgan"
printf '{"columns": {"nope": {"min": 1, "max": 2}}}' > "$work/bad_metadata.json"
expect 2 "no column 'nope'" -- "$riskgan" fit "$work/train.csv" --target default --epsilon 1 --metadata "$work/bad_metadata.json" -o "$work/x.rgan"
expect 1 "cannot read" -- "$riskgan" fit "$work/train.csv" --target default --epsilon 1 --metadata "$work/missing.json" -o "$work/x.rgan"
expect 2 "cannot pay for" -- "$riskgan" fit "$work/train.csv" --target default --epsilon 3 --epochs 1000000 --batch-size 700 --discriminator-steps 100 -o "$work/x.rgan"
expect 0 "differential privacy: \\(epsilon (3|2\\.9[0-9]*), delta 0\\.0001\\)" -- "$riskgan" fit "$work/train.csv" --target default --epsilon 3 --epochs 2 --hidden 32 --seed 1 -o "$work/dp.rgan"
expect 0 "" -- "$riskgan" sample "$work/dp.rgan" -n 300 --seed 1 -o "$work/dp.csv"
expect 0 "guarantee +differential privacy \\(epsilon (3|2\\.9[0-9]*), delta 0\\.0001\\)" -- "$riskgan" evaluate --train "$work/train.csv" --test "$work/test.csv" --synth "$work/dp.csv" --target default --model "$work/dp.rgan" --trees 20 --folds 2 --json "$work/dp.json"
expect 0 '"density_ratio_attack_auc"' -- cat "$work/dp.json"

# standard input and output
expect 0 "standard input: 1000 rows" -- sh -c "'$riskgan' inspect - < '$repo/german_credit.csv'"
expect 0 "^checking_status,duration_months" -- sh -c "'$riskgan' sample '$work/a.rgan' -n 3 -o - | head -1"

# risk score reads the file with the risk model's column types (--discrete at fit time)
expect 0 "" -- "$riskgan" risk fit "$repo/german_credit.csv" --target default --discrete installment_rate -o "$work/d.model"
expect 0 "" -- "$riskgan" risk score "$work/d.model" "$repo/german_credit.csv" -o "$work/d.csv"

# fraud and anomaly detection: fit, score with reasons, eval, errors, the stdin example
expect 0 "ROC-AUC" -- "$riskgan" detect fit "$repo/german_credit.csv" --method iforest --target default -o "$work/d.rdet"
expect 0 "" -- "$riskgan" detect fit "$repo/german_credit.csv" --epochs 2 --target default -q -o "$work/g.rdet"
expect 0 "scored 1000 rows" -- "$riskgan" detect score "$work/d.rdet" "$repo/german_credit.csv" -o "$work/ds.csv" --explain 2 --alert-rate 0.05
checks=$((checks + 1))
[ "$(head -1 "$work/ds.csv")" = "row,score,flag,reason_1,reason_2" ] || fail "detect score header: $(head -1 "$work/ds.csv")"
flagged=$(awk -F, 'NR > 1 && $3 == 1' "$work/ds.csv" | wc -l)
checks=$((checks + 1))
[ "$flagged" -ge 30 ] && [ "$flagged" -le 70 ] || fail "alert rate 0.05 flagged $flagged of 1000 training rows"
# the customer id (an identifier, never a feature) is copied into the scores to trace alerts
# (bundled data: the test needs nothing outside the repository)
expect 0 "" -- "$riskgan" detect fit "$tests/loans_with_ids.csv" --method iforest --target default -q -o "$work/v.rdet"
expect 0 "" -- "$riskgan" detect score "$work/v.rdet" "$tests/loans_with_ids.csv" -o "$work/kept.csv" --keep cust_id --explain 1
checks=$((checks + 1))
[ "$(head -1 "$work/kept.csv")" = "cust_id,row,score,flag,reason_1" ] &&
  [ "$(sed -n 2p "$work/kept.csv" | cut -d, -f1)" = "$(sed -n 2p "$tests/loans_with_ids.csv" | cut -d, -f1)" ] &&
  [ "$(cut -d, -f1 "$work/kept.csv" | tail -n +2 | sort -u | wc -l)" = 300 ] ||
  fail "detect score --keep: $(head -2 "$work/kept.csv" | tr '\n' ' ')"
expect 2 "" -- "$riskgan" detect score "$work/v.rdet" "$tests/loans_with_ids.csv" -o "$work/x.csv" --threshold 1 --alert-rate 0.1
expect 0 "PR-AUC" -- "$riskgan" detect eval "$work/g.rdet" "$repo/german_credit.csv" --target default --json "$work/de.json" --html "$work/de.html"
checks=$((checks + 1))
grep -q '"recall_at_precision"' "$work/de.json" && grep -q '<svg' "$work/de.html" || fail "detect eval JSON/HTML incomplete"
expect 2 "--method must be gan or iforest" -- "$riskgan" detect fit "$repo/german_credit.csv" --method knn -o "$work/x.rdet"
expect 2 "labels needs --method gan" -- "$riskgan" detect fit "$repo/german_credit.csv" --method iforest --labels default -o "$work/x.rdet"
expect 1 "not a usable riskgan detector" -- "$riskgan" detect score "$work/a.rgan" "$repo/german_credit.csv" -o "$work/x.csv"
expect 1 "no column 'credit_amount'" -- sh -c "cut -d, -f1-4 '$repo/german_credit.csv' > '$work/narrow.csv' && '$riskgan' detect score '$work/d.rdet' '$work/narrow.csv' -o '$work/x.csv'"
expect 0 "^[0-9.e+-]*,[01],[a-z_]*$" -- sh -c "cut -d, -f1-20 '$repo/german_credit.csv' | head -4 | '$stream' '$work/g.rdet'"
expect 0 "^error,,the row has 3 fields" -- sh -c "printf 'a,b,c\n' | '$stream' '$work/g.rdet'"

# outputs honour the umask (customer files are not world-readable under umask 077)
checks=$((checks + 1))
(umask 077 && "$riskgan" split "$repo/german_credit.csv" --train "$work/private.csv" --test "$work/private_test.csv" > /dev/null 2>&1)
[ "$(stat -c %a "$work/private.csv")" = 600 ] || fail "umask 077 not honoured: mode $(stat -c %a "$work/private.csv")"

# an interrupted write leaves neither the output nor its temporary; the interrupted fit's log is whole
# market scenarios: fit (every method) -> sample -> evaluate / risk; backtest; errors
eu="$repo/eu_stock_markets.csv"
expect 0 "Usage: riskgan market" -- "$riskgan" market --help
expect 2 "unknown subcommand" -- "$riskgan" market frobnicate
expect 2 "--method must be" -- "$riskgan" market fit "$eu" --method arima -o "$work/x.rmkt"
expect 2 "need PRICES.csv" -- "$riskgan" market fit -o "$work/x.rmkt"
expect 2 "neither a date" -- "$riskgan" market fit "$eu" --train-until nope -o "$work/x.rmkt"
expect 1 "no asset column 'XYZ'" -- "$riskgan" market fit "$eu" --assets DAX,XYZ -o "$work/x.rmkt"
for method in garch bootstrap gan; do
  expect 0 "" -- "$riskgan" market fit "$eu" --method $method --train-until 1302 --epochs 30 -q -o "$work/$method.rmkt"
  expect 0 "model of 4 assets on 1302 return days up to 1302" -- "$riskgan" market fit "$eu" --method $method --train-until 1302 --epochs 30 \
    -o "$work/$method.rmkt"
  expect 0 "" -- "$riskgan" market sample "$work/$method.rmkt" --paths 120 --days 260 --seed 3 -o "$work/$method.csv"
  expect 0 "" -- "$riskgan" market sample "$work/$method.rmkt" --paths 120 --days 260 --seed 3 -o "$work/$method-2.csv"
  checks=$((checks + 1))
  cmp -s "$work/$method.csv" "$work/$method-2.csv" || fail "market sample $method: same seed, different paths"
  expect 0 "mean: W1" -- "$riskgan" market evaluate --real "$eu" --until 1302 --synth "$work/$method.csv" \
    --json "$work/$method.json" --html "$work/$method.html"
done
checks=$((checks + 1))
grep -q '"acf"' "$work/gan.json" && grep -q "Cross-asset dependence" "$work/gan.html" || fail "market report incomplete"
expect 0 "10 +0.99" -- "$riskgan" market risk "$work/garch.csv" --weights DAX=0.5,SMI=0.5 --horizon 1,10
expect 2 "unknown asset 'XYZ'" -- "$riskgan" market risk "$work/garch.csv" --weights XYZ=1
expect 1 "not a paths file" -- "$riskgan" market risk "$eu"
expect 0 "Kupiec" -- "$riskgan" market backtest "$eu" --method hs --train-until 1500 --json "$work/bt.json" \
  --html "$work/bt.html" -q
checks=$((checks + 1))
grep -q '"traffic_light"' "$work/bt.json" && grep -q "Exceedances" "$work/bt.html" || fail "backtest outputs incomplete"
printf 'corrupt' >> "$work/garch.rmkt"
expect 1 "longer than its header says" -- "$riskgan" market sample "$work/garch.rmkt" -o "$work/x.csv"

# outputs that are not regular files: a named pipe is streamed into (and stays a pipe), a
# symbolic link is written through (and stays a link), a full device fails with exit 1
mkfifo "$work/pipe"
timeout 120 cat "$work/pipe" > "$work/from_pipe.csv" &
reader=$!
expect 0 "" -- "$riskgan" sample "$work/a.rgan" -n 1000 --seed 9 -o "$work/pipe"
wait "$reader"
checks=$((checks + 1))
[ -p "$work/pipe" ] && [ "$(wc -l < "$work/from_pipe.csv")" = 1001 ] ||
  fail "sample into a named pipe: the reader got $(wc -l < "$work/from_pipe.csv") lines, pipe kept: $([ -p "$work/pipe" ] && echo yes || echo no)"
printf 'old\n' > "$work/link_target.csv" && ln -s link_target.csv "$work/link.csv"
expect 0 "" -- "$riskgan" sample "$work/a.rgan" -n 1000 --seed 9 -o "$work/link.csv"
checks=$((checks + 1))
[ -L "$work/link.csv" ] && [ "$(wc -l < "$work/link_target.csv")" = 1001 ] || fail "sample through a symbolic link replaced the link"
if mknod "$work/full" c 1 7 2> /dev/null && ! (printf x > "$work/full") 2> /dev/null; then
  expect 1 "No space left" -- "$riskgan" sample "$work/a.rgan" -n 1000 -o "$work/full"
  checks=$((checks + 1))
  [ -c "$work/full" ] || fail "sample into a full device replaced the device node"
  rm -f "$work/full"
fi
expect 0 "" -- bash -c "'$riskgan' sample '$work/a.rgan' -n 10 -o /dev/stdout | grep -c . | grep -qx 11"

# SQLite locations (docs/databases.md): split into tables, fit from one, sample into another,
# the same rows as the CSV route; an existing table refused, replaced on request
db="$work/credit.db"
rm -f "$db"
expect 0 "" -- "$riskgan" split "$repo/german_credit.csv" --train "sqlite:$db?table=train" --test "sqlite:$db?table=test" --target default --seed 3
expect 0 "" -- "$riskgan" split "$repo/german_credit.csv" --train "$work/train3.csv" --test "$work/test3.csv" --target default --seed 3
expect 0 "" -- "$riskgan" fit "sqlite:$db?table=train" --target default --preset ctgan --epochs 2 --seed 5 -o "$work/db.rgan"
expect 0 "" -- "$riskgan" fit "$work/train3.csv" --target default --preset ctgan --epochs 2 --seed 5 -o "$work/csv.rgan"
checks=$((checks + 1))
cmp -s "$work/db.rgan" "$work/csv.rgan" || fail "a fit from SQLite differs from the fit from the same rows in CSV"
expect 0 "" -- "$riskgan" sample "$work/db.rgan" -n 300 --seed 2 -o "sqlite:$db?table=synthetic"
expect 2 "already exists \\(--replace drops it\\)" -- "$riskgan" sample "$work/db.rgan" -n 30 -o "sqlite:$db?table=synthetic"
expect 0 "" -- "$riskgan" sample "$work/db.rgan" -n 30 --seed 2 -o "sqlite:$db?table=synthetic" --replace
expect 0 "^30$" -- sqlite3 "$db" "SELECT count(*) FROM synthetic"
expect 0 "utility .XGBoost" -- "$riskgan" evaluate --train "sqlite:$db?table=train" --test "sqlite:$db?table=test" --synth "sqlite:$db?table=synthetic" --target default --folds 2 --trees 20
expect 0 "age" -- "$riskgan" inspect "sqlite:$db" --query "SELECT age, \"default\" FROM train WHERE age > 60"
expect 2 "its tables: synthetic, test, train" -- "$riskgan" inspect "sqlite:$db"
expect 1 "no such table: nope" -- "$riskgan" inspect "sqlite:$db?table=nope"

"$riskgan" sample "$work/a.rgan" -n 2000000 -o "$work/huge.csv" 2> /dev/null &
pid=$!
for i in $(seq 3000); do ls "$work"/huge.csv.tmp.* > /dev/null 2>&1 && break; sleep 0.1; done
kill -TERM "$pid" # (a background job of a script ignores SIGINT, as nohup would)
wait "$pid"
checks=$((checks + 1))
! ls "$work"/huge.csv* > /dev/null 2>&1 || fail "an interrupted sample left $(ls "$work"/huge.csv*)"
checks=$((checks + 1))
[ "$(head -1 "$work/stop.log")" = "epoch,generator_loss,discriminator_loss,seconds" ] && [ "$(wc -l < "$work/stop.log")" -ge 2 ] ||
  fail "the interrupted fit's loss log is missing or partial"
checks=$((checks + 1))
! ls "$work"/*.tmp.* > /dev/null 2>&1 || fail "temporary files left: $(ls "$work"/*.tmp.*)"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
