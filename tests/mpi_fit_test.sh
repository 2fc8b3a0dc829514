#!/usr/bin/env bash
# Data-parallel training: 'mpirun -np 2 riskgan fit' against the same fit in one process.
# The transformers must be identical and the generator's weights within the stated
# tolerance (docs/scaling.md: 5e-3 of the largest weight; measured 3e-4, and 4e-2 when the
# ranks' batch statistics are not shared); two-rank runs repeat byte for byte; rank 0 alone
# reports and writes; what cannot run data-parallel says so.
# Usage: mpi_fit_test.sh RISKGAN MODEL_DIFFERENCE REPO_DATA_DIR TESTS_DATA_DIR WORKDIR
set -uo pipefail
riskgan=$1 difference=$2 repo=$3 tests=$4 work=$5
rm -rf "$work" && mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
mpi() { mpirun --allow-run-as-root --oversubscribe --mca btl self,tcp --mca btl_tcp_if_include lo \
  --mca mpi_yield_when_idle 1 -np "$@"; }
data="$repo/german_credit.csv"
common=(--epochs 5 --seed 7 --threads 1 --log-every 1)

"$riskgan" fit "$data" -o "$work/one.rgan" "${common[@]}" 2> "$work/one.err" || fail "one-process fit"
mpi 2 "$riskgan" fit "$data" -o "$work/two.rgan" "${common[@]}" > "$work/two.out" 2> "$work/two.err" \
  || { fail "two-rank fit"; sed 's/^/  | /' "$work/two.err" | head; }
"$difference" "$work/one.rgan" "$work/two.rgan" 5e-3 || fail "two ranks are not the one-process model"
[ "$(grep -c '^epoch 5/5' "$work/two.err")" = 1 ] || fail "progress is not printed once (rank 0 only)"
[ "$(grep -c 'model written to' "$work/two.err")" = 1 ] || fail "the fit is not reported once"
grep -q "data-parallel" "$work/two.err" || fail "the two-rank fit does not say it ran data-parallel"
[ "$(ls "$work" | grep -c rgan)" = 2 ] || fail "stray files next to the models: $(ls "$work")"

mpi 2 "$riskgan" fit "$data" -o "$work/again.rgan" "${common[@]}" -q 2> /dev/null || fail "second two-rank fit"
cmp -s "$work/two.rgan" "$work/again.rgan" || fail "two-rank fits with the same seed differ"

# a fit sample smaller than the table: every rank reads the same sample, the shards are encoded alike
"$riskgan" fit "$data" -o "$work/one_sampled.rgan" "${common[@]}" --fit-sample 200 -q || fail "sampled fit"
mpi 2 "$riskgan" fit "$data" -o "$work/two_sampled.rgan" "${common[@]}" --fit-sample 200 -q 2> /dev/null \
  || fail "two-rank sampled fit"
"$difference" "$work/one_sampled.rgan" "$work/two_sampled.rgan" 1.5e-2 || fail "sampled: two ranks differ"

# three ranks over an uneven split of the packs, with identifiers and dates in the table
"$riskgan" fit "$tests/loans_with_ids.csv" -o "$work/ids_one.rgan" "${common[@]}" -q || fail "ids fit"
mpi 3 "$riskgan" fit "$tests/loans_with_ids.csv" -o "$work/ids_three.rgan" "${common[@]}" -q 2> "$work/three.err" \
  || { fail "three-rank fit"; sed 's/^/  | /' "$work/three.err" | head; }
"$difference" "$work/ids_one.rgan" "$work/ids_three.rgan" 2e-2 || fail "three ranks are not the one-process model"
"$riskgan" sample "$work/ids_three.rgan" -n 50 -o "$work/ids.csv" --seed 1 || fail "sampling the three-rank model"

# a shard over the memory limit (10,000 rows drawn from the model: 5,000 per rank, over 1 MB):
# streamed to disk and trained on a block at a time, on both ranks
"$riskgan" sample "$work/one.rgan" -n 10000 --seed 3 -o "$work/larger.csv" || fail "sampling 10,000 rows"
mpi 2 "$riskgan" fit "$work/larger.csv" -o "$work/streamed.rgan" "${common[@]}" --fit-sample 500 --memory-limit 1 \
  --max-steps 20 2> "$work/streamed.err" || fail "two-rank streamed fit"
grep -q "streamed: trained on from disk" "$work/streamed.err" || fail "the two-rank fit was not streamed"
"$riskgan" sample "$work/streamed.rgan" -n 20 -o "$work/streamed.csv" || fail "sampling the streamed model"

# a database table: each rank reads only its share of the rows (rowid modulo the ranks) and the
# ranks exchange their fit-sample rows; the model is the one a single process fits on the rows
# in rank order (rank 0's share first) — with the whole table as the fit sample, and with a
# sample smaller than the table (the ranks agree on its level)
"$riskgan" copy "$data" "sqlite:$work/bank.db?table=credit" 2> /dev/null || fail "copying to SQLite"
{ sqlite3 -header -csv "$work/bank.db" "SELECT * FROM credit WHERE rowid % 2 = 0 ORDER BY rowid"
  sqlite3 -csv "$work/bank.db" "SELECT * FROM credit WHERE rowid % 2 = 1 ORDER BY rowid"; } > "$work/ordered.csv"
"$riskgan" copy "$work/ordered.csv" "sqlite:$work/bank.db?table=ordered" 2> /dev/null || fail "the ordered copy"
for sample in 0 200; do
  extra=(); [ "$sample" = 0 ] || extra=(--fit-sample "$sample")
  "$riskgan" fit "sqlite:$work/bank.db?table=ordered" -o "$work/db_one_$sample.rgan" "${common[@]}" "${extra[@]}" -q \
    || fail "one-process fit from SQLite"
  mpi 2 "$riskgan" fit "sqlite:$work/bank.db?table=credit" -o "$work/db_two_$sample.rgan" "${common[@]}" "${extra[@]}" \
    -q 2> "$work/db.err" || { fail "two-rank fit from SQLite shares"; sed 's/^/  | /' "$work/db.err" | head; }
  "$difference" "$work/db_one_$sample.rgan" "$work/db_two_$sample.rgan" 1.5e-2 \
    || fail "two ranks reading SQLite shares (fit sample $sample) are not the one-process model"
done
mpi 2 "$riskgan" fit "sqlite:$work/bank.db" --query "SELECT * FROM credit" -o "$work/query.rgan" -q 2> "$work/query.err"
[ $? != 0 ] && grep -q "not a query" "$work/query.err" || fail "a query is shared out"

mpi 2 "$riskgan" fit "$data" -o "$work/tvae.rgan" --model tvae --epochs 1 -q 2> "$work/tvae.err"
[ $? = 2 ] && grep -q "available for the ctgan model" "$work/tvae.err" || fail "a two-rank tvae fit is not refused"
[ ! -e "$work/tvae.rgan" ] || fail "a refused fit left a model file"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "data-parallel checks passed"
