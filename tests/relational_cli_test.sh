#!/bin/sh
# relational_cli_test.sh — linked tables end to end through the command line on the shared
# bank data (accounts, their transactions and loans): draft and describe the metadata, fit,
# sample, evaluate; every generated foreign key names a generated parent (sampling assembles
# the data set and would fail otherwise), no real key comes back, the running balance holds,
# a foreign key naming no parent is an error (exit 1) naming table and line, nothing written, --epsilon is
# refused, and -n/--where give that many root rows holding the value; the same through a
# SQLite database (draft from it, fit from it, sample into it with declared keys).
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
# the balance follows the amounts as often as in the real data (95 %: interest rounded on its own
# leaves it 0.1 off), within the issue's 0.02
kept=$(sed -n 's/.*running balance       kept by \([0-9.]*\) % of events (real \([0-9.]*\) %).*/\1 \2/p' "$work/summary")
[ -n "$kept" ] || fail "no running balance line"
echo "$kept" | awk '{ exit !($1 >= $2 - 2 && $1 <= $2 + 2) }' || fail "the running balance does not hold: $kept"
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
# the same through SQLite: tables copied into a database, the metadata drafted from it, a fit
# from it, the sample written back with its keys declared
db="$work/bank.db"
for t in account trans loan; do "$riskgan" copy "$work/real/$t.csv" "sqlite:$db?table=$t" 2>/dev/null; done
"$riskgan" inspect --relational "sqlite:$db" -o "$work/db.json" 2>/dev/null
grep -q "\"path\":.*\"sqlite:$db?table=trans\"" "$work/db.json" || fail "the database draft does not read trans from the database"
grep -q '"running_balance"' "$work/db.json" || fail "the database draft has no running balance rule"
"$riskgan" fit --metadata "$work/db.json" -o "$work/db.rgan" --epochs 5 --event-epochs 2 --seed 1 -q
"$riskgan" sample "$work/db.rgan" -o "sqlite:$work/synthetic.db" --seed 2 --scale 0.5 2>/dev/null
[ "$(sqlite3 "$work/synthetic.db" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "generated foreign keys name no parent"
sqlite3 "$work/synthetic.db" .schema | grep -q 'FOREIGN KEY ("account_id") REFERENCES "account"' || fail "no foreign key declared"
[ "$(sqlite3 "$work/synthetic.db" 'SELECT count(*) FROM account')" = "$(wc -l < "$work/synth/account.csv" | awk '{print $1 - 1}')" ] ||
    fail "the database sample differs in size from the CSV sample of the same seed"
# a table in the way: the tables written before it are dropped again, exit 2, nothing left
sqlite3 "$work/partial.db" 'CREATE TABLE trans (x INTEGER)'
if "$riskgan" sample "$work/db.rgan" -o "sqlite:$work/partial.db" --seed 2 2>"$work/err"; then
    fail "an existing table was overwritten"
fi
grep -q "table trans already exists" "$work/err" || fail "no reason given: $(cat "$work/err")"
[ "$(sqlite3 "$work/partial.db" "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")" = trans ] ||
    fail "tables left behind by a failed write: $(sqlite3 "$work/partial.db" .tables)"
"$riskgan" sample "$work/db.rgan" -o "sqlite:$work/partial.db" --seed 2 --replace 2>/dev/null
[ "$(sqlite3 "$work/partial.db" 'PRAGMA table_info(trans)' | wc -l)" -gt 5 ] || fail "--replace kept the old trans table"
# a foreign key naming no parent: exit 1, naming table, line and column
sed '3s/^\([0-9]*\),[0-9]*,/\1,99999999,/' "$work/real/trans.csv" > "$work/bad.csv" && mv "$work/bad.csv" "$work/real/trans.csv"
if "$riskgan" fit --metadata "$work/real/metadata.json" -o "$work/bad.rgan" 2>"$work/err"; then
    fail "a dangling foreign key was accepted"
fi
grep -q "trans" "$work/err" && grep -q "line 3" "$work/err" || fail "the error names no table and line: $(cat "$work/err")"
[ ! -e "$work/bad.rgan" ] || fail "a model was written from bad data"
echo "relational CLI: all checks passed"
