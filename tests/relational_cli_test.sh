#!/bin/sh
# relational_cli_test.sh — linked tables end to end through the command line on the shared
# bank data (accounts, their transactions and loans): draft and describe the metadata, fit,
# sample, evaluate; every generated foreign key names a generated parent (sampling assembles
# the data set and would fail otherwise), no real key comes back, the running balance holds,
# a foreign key naming no parent is an error (exit 1) naming table and line, nothing written, --epsilon is
# refused, and -n/--where give that many root rows holding the value.
set -eu
riskgan="$1"
berka="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$berka/trans.csv" ] || { echo "SKIP: no shared bank data at $berka"; exit 0; }
mkdir "$work/real"
cp "$berka/account.csv" "$berka/trans.csv" "$berka/loan.csv" "$work/real/"
"$riskgan" inspect --relational "$work/real" -o "$work/real/metadata.json" 2>/dev/null
grep -q '"running_balance"' "$work/real/metadata.json" || fail "the draft has no running balance rule"
"$riskgan" inspect --metadata "$work/real/metadata.json" | grep -q "kept by 95.0 %" || fail "describe"
if "$riskgan" fit --metadata "$work/real/metadata.json" --epsilon 1 -o "$work/m.rgan" 2>"$work/err"; then
    fail "--epsilon was accepted for linked tables"
fi
grep -q "epsilon" "$work/err" || fail "no reason given for refusing --epsilon"
"$riskgan" fit --metadata "$work/real/metadata.json" -o "$work/m.rgan" --epochs 5 --event-epochs 2 --seed 1 -q
"$riskgan" sample "$work/m.rgan" -o "$work/synth" --seed 2 --scale 0.5 2>/dev/null
for t in account trans loan metadata; do
    [ -s "$work/synth/$t.csv" ] || [ -s "$work/synth/$t.json" ] || fail "no $t in the sample"
done
"$riskgan" evaluate --metadata "$work/real/metadata.json" --synth "$work/synth" --json "$work/e.json" \
    --html "$work/e.html" --trees 20 --folds 2 > "$work/summary"
grep -q "0 real keys reused" "$work/summary" || fail "real keys reused"
grep -q "real profiles equal to another real one: [0-9]" "$work/summary" || fail "no baseline for exact copies"
grep -q "running balance       kept by 100.0 %" "$work/summary" || fail "the running balance does not hold"
grep -q "<svg" "$work/e.html" || fail "the report has no timelines"
# -n: rows of the root table; --where conditions it, and its children follow
"$riskgan" sample "$work/m.rgan" -o "$work/monthly" -n 30 --where 'account.frequency=POPLATEK MESICNE' 2>/dev/null
[ "$(tail -n +2 "$work/monthly/account.csv" | wc -l)" -eq 30 ] || fail "-n 30 did not give 30 accounts"
[ "$(tail -n +2 "$work/monthly/account.csv" | grep -vc ',POPLATEK MESICNE,')" -eq 0 ] || fail "--where not kept"
status=0; "$riskgan" sample "$work/m.rgan" -o "$work/no" --where trans.type=PRIJEM 2>"$work/err" || status=$?
[ "$status" -eq 2 ] && grep -q "child table" "$work/err" && [ ! -e "$work/no" ] || fail "--where on a child table"
# the same seed gives the same sample
"$riskgan" sample "$work/m.rgan" -o "$work/again" --seed 2 --scale 0.5 2>/dev/null
cmp -s "$work/synth/trans.csv" "$work/again/trans.csv" || fail "the same seed gave another sample"
# a foreign key naming no parent: exit 1, naming table, line and column
sed '3s/^\([0-9]*\),[0-9]*,/\1,99999999,/' "$work/real/trans.csv" > "$work/bad.csv" && mv "$work/bad.csv" "$work/real/trans.csv"
if "$riskgan" fit --metadata "$work/real/metadata.json" -o "$work/bad.rgan" 2>"$work/err"; then
    fail "a dangling foreign key was accepted"
fi
grep -q "trans" "$work/err" && grep -q "line 3" "$work/err" || fail "the error names no table and line: $(cat "$work/err")"
[ ! -e "$work/bad.rgan" ] || fail "a model was written from bad data"
echo "relational CLI: all checks passed"
