#!/usr/bin/env bash
# postgres_test.sh — riskgan against a real PostgreSQL 15 (docs/databases.md): a throwaway
# server (tests/postgres_server.sh, removed afterwards, also on failure), then exact round
# trips of every type riskgan maps (checked by the server itself with EXCEPT), a fit from the
# database byte-identical to the fit from the same rows in CSV, sampling into a new table,
# refusal of an existing table and --replace, a hostile table name, and the errors.
# Usage: postgres_test.sh RISKGAN DATA_DIR    Exit 77 (skipped) without PostgreSQL 15.
set -uo pipefail
riskgan=$1 data=$2
here=$(cd "$(dirname "$0")" && pwd)
server=$(mktemp -d /tmp/riskgan-pg.XXXXXX)
work=$(mktemp -d /tmp/riskgan-pg-work.XXXXXX)
trap '"$here/postgres_server.sh" stop "$server"; rm -rf "$work"' EXIT
pg=$("$here/postgres_server.sh" start "$server")
code=$?
[ "$code" = 77 ] && exit 77
[ "$code" = 0 ] || { echo "could not start PostgreSQL"; exit 1; }
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
. "$here/expect.sh"
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$pg" -c "$1"; }

sql "CREATE SCHEMA risk; CREATE SEQUENCE risk.s;
CREATE TABLE risk.loans (id BIGINT PRIMARY KEY, amount NUMERIC(12,2), big NUMERIC(38,10), rate DOUBLE PRECISION,
  small REAL, grade TEXT, note VARCHAR(40), opened DATE, seen TIMESTAMP, stamp TIMESTAMPTZ, n INTEGER);
INSERT INTO risk.loans VALUES
 (1, 1200.50, 123456.0123456789, 0.1, 0.5, 'A', 'say \"hi\", then ''bye''', '2019-01-02', '2019-01-02 10:30:00',
  '2019-01-02 10:30:00+01', -2147483648),
 (2, 99.00, 0.0000000001, 0.30000000000000004, 1.25, 'B', '', '2019-03-04', '2019-03-04 00:00:01', NULL, 2147483647),
 (3, NULL, NULL, 1e-300, NULL, NULL, NULL, '2020-02-29', NULL, '2020-01-01 00:00:00+00', NULL),
 (4, -0.01, -99999999.5, 123456789.125, -3.5, 'Crédit ✓ 信用', 'NA', NULL, '1999-12-31 23:59:59', NULL, 0),
 (5, 0, 1, 2.5e-8, 0, E'line\\nbreak', E'two\\nlines\\r\\nand a tab\\t', '2000-01-01', '2000-01-01 00:00:00', NULL, 7),
 (9007199254740993, 1, 2, 3, 4, 'C', 'id above 2^53', '2001-01-01', NULL, NULL, 1);" ||
  { echo "could not load the test table"; exit 1; }

# exact round trip: read the table, write it back as a new one, compare on the server (the
# key above 2^53 has no double: riskgan keeps it as text, so it comes back as TEXT)
expect 0 "6 rows" -- "$riskgan" inspect "$pg&table=risk.loans"
expect 0 "identifier" -- "$riskgan" inspect "$pg&table=risk.loans"
expect 0 "" -- "$riskgan" split "$pg&table=risk.loans" --train "$pg&table=risk.copy" --test "$pg&table=risk.rest" --test-size 0.34 --seed 1
columns="id::text AS id, amount, big, rate, small, grade, note, opened, seen, stamp::text AS stamp, n"
differ=$(sql "WITH a AS (SELECT $columns FROM risk.loans), b AS (SELECT * FROM risk.copy UNION ALL SELECT * FROM risk.rest)
  SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b) x) + (SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a) y)")
checks=$((checks + 1))
[ "$differ" = 0 ] || fail "$differ rows differ after a round trip through riskgan: $(sql "SELECT * FROM risk.copy UNION ALL SELECT * FROM risk.rest" | head -8)"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM risk.copy WHERE note = ''") $(sql "SELECT count(*) FROM risk.copy WHERE note IS NULL")" != "" ] || fail "note lost"
types=$(sql "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'risk.copy'::regclass AND attnum > 0")
checks=$((checks + 1))
case "$types" in
  text,numeric\(*,2\),numeric\(*,10\),"double precision",numeric\(*,2\),text,text,date,"timestamp without time zone",text,bigint) ;;
  *) fail "written column types: $types" ;;
esac

# a fit from the database is the fit from the same rows in CSV
"$riskgan" split "$data/german_credit.csv" --train "$work/train.csv" --test "$work/test.csv" --target default --seed 3 > /dev/null
expect 0 "" -- "$riskgan" split "$data/german_credit.csv" --train "$pg&table=public.train" --test "$pg&table=test" --target default --seed 3
expect 0 "" -- "$riskgan" fit "$pg&table=train" --target default --preset ctgan --epochs 2 --seed 5 -o "$work/db.rgan"
expect 0 "" -- "$riskgan" fit "$work/train.csv" --target default --preset ctgan --epochs 2 --seed 5 -o "$work/csv.rgan"
checks=$((checks + 1))
cmp -s "$work/db.rgan" "$work/csv.rgan" || fail "a fit from PostgreSQL differs from the fit from the same rows in CSV"
expect 0 "" -- "$riskgan" sample "$work/db.rgan" -n 500 --seed 2 -o "$pg&table=risk.synthetic"
expect 0 "^500$" -- sql "SELECT count(*) FROM risk.synthetic"
expect 2 "already exists \\(--replace drops it\\)" -- "$riskgan" sample "$work/db.rgan" -n 5 -o "$pg&table=risk.synthetic"
expect 0 "" -- "$riskgan" sample "$work/db.rgan" -n 7 --seed 2 -o "$pg&table=risk.synthetic" --replace
expect 0 "^7$" -- sql "SELECT count(*) FROM risk.synthetic"
expect 0 "utility .XGBoost" -- "$riskgan" evaluate --train "$pg&table=train" --test "$pg&table=test" --synth "$pg&table=risk.synthetic" --target default --folds 2 --trees 20
expect 0 "age" -- "$riskgan" inspect "$pg" --query "SELECT age, \"default\" FROM train WHERE age > 60;"

# data-parallel ranks (an MPI build): each reads only its share of the table (the rows of its
# pages, by the server's own log), and the model is the one a single process fits on the rows
# in rank order (the even pages' rows, then the odd pages')
if ldd "$riskgan" | grep -q libmpi && command -v mpirun > /dev/null; then
  sql "CREATE TABLE ordered AS (SELECT * FROM train WHERE ((ctid::text::point)[0]::bigint % 2) = 0 ORDER BY ctid)
       UNION ALL (SELECT * FROM train WHERE ((ctid::text::point)[0]::bigint % 2) = 1 ORDER BY ctid)"
  [ "$(sql "SELECT count(DISTINCT (ctid::text::point)[0]) FROM train")" -gt 1 ] || fail "train fits on one page"
  expect 0 "" -- "$riskgan" fit "$pg&table=ordered" --target default --epochs 2 --seed 5 --threads 1 -o "$work/one.rgan"
  expect 0 "data-parallel" -- mpirun --allow-run-as-root --oversubscribe --mca btl self,tcp --mca btl_tcp_if_include lo \
    -np 2 "$riskgan" fit "$pg&table=train" --target default --epochs 2 --seed 5 --threads 1 -o "$work/two.rgan"
  expect 0 "relative" -- "$(dirname "$riskgan")/tests/model_difference" "$work/one.rgan" "$work/two.rgan" 1.5e-2
  for rank in 0 1; do
    expect 0 "" -- grep -qF "FROM \"train\" WHERE ((ctid::text::point)[0]::bigint % 2) = $rank ORDER BY ctid" \
      "$server/server.log"
  done
fi

# names are names: a hostile one is created, read back, and nothing else is touched
hostile='x%22%3B%20DROP%20TABLE%20risk.loans%3B%20--'
expect 0 "" -- "$riskgan" split "$pg&table=risk.loans" --train "$pg&table=risk.$hostile" --test "$pg&table=risk.other" --seed 1
expect 0 "rows" -- "$riskgan" inspect "$pg&table=risk.$hostile"
expect 0 "^6$" -- sql "SELECT count(*) FROM risk.loans"

# linked tables: the draft follows the declared keys (names that suggest nothing), a fit reads
# every table from the server, the sample goes into a schema with its keys declared
sql "CREATE SCHEMA bank; CREATE SCHEMA synthetic;
CREATE TABLE bank.customers (cid BIGINT PRIMARY KEY, region TEXT);
CREATE TABLE bank.accts (aid BIGINT PRIMARY KEY, owner BIGINT REFERENCES bank.customers (cid), opened DATE, kind TEXT,
  amount NUMERIC(10,2));
INSERT INTO bank.customers SELECT 7 * g, CASE WHEN g % 2 = 0 THEN 'north' ELSE 'south' END FROM generate_series(1, 60) g;
INSERT INTO bank.accts SELECT 1000 + g, 7 * (1 + g % 40), DATE '2020-01-01' + g, 'k' || (g % 3), (g % 17) * 10.25
  FROM generate_series(1, 150) g;"
expect 0 "" -- "$riskgan" inspect --relational "$pg&schema=bank" -o "$work/bank.json"
expect 0 "" -- grep -q '"child_foreign_key":.*"owner"' "$work/bank.json"
expect 0 "" -- "$riskgan" fit --metadata "$work/bank.json" -o "$work/bank.rgan" --epochs 2 --event-epochs 1 --seed 1 -q
expect 0 "" -- "$riskgan" sample "$work/bank.rgan" -o "$pg&schema=synthetic" --seed 2
expect 0 "^60$" -- sql "SELECT count(*) FROM synthetic.customers"
expect 0 "^0$" -- sql "SELECT count(*) FROM synthetic.accts a LEFT JOIN synthetic.customers c ON a.owner = c.cid WHERE c.cid IS NULL"
expect 0 "^1$" -- sql "SELECT count(*) FROM pg_constraint WHERE conrelid = 'synthetic.accts'::regclass AND contype = 'f'"
expect 2 "already exists" -- "$riskgan" sample "$work/bank.rgan" -o "$pg&schema=synthetic" --seed 2
expect 0 "" -- "$riskgan" sample "$work/bank.rgan" -o "$pg&schema=synthetic" --seed 3 --replace

# errors: exit 1 with the server's reason; nothing written
expect 1 "relation \"risk.nope\" does not exist" -- "$riskgan" inspect "$pg&table=risk.nope"
expect 1 "column \"nope\" does not exist \\(at character 8 of the query\\)" -- "$riskgan" inspect "$pg" --query "SELECT nope FROM risk.loans"
expect 1 "cannot connect" -- "$riskgan" inspect "postgresql://riskgan@/postgres?host=$work/nowhere&table=x"
expect 1 "schema \"nowhere\" does not exist" -- "$riskgan" sample "$work/db.rgan" -n 5 -o "$pg&table=nowhere.t"
expect 1 "read-only transaction" -- "$riskgan" inspect "$pg" --query "SELECT nextval('risk.s')"
expect 2 "name a table" -- "$riskgan" inspect "$pg"
sql "CREATE ROLE reader LOGIN"
reader=${pg/riskgan@/reader@}
expect 1 "permission denied for schema risk" -- "$riskgan" inspect "$reader&table=risk.loans"
expect 1 "permission denied for schema risk" -- "$riskgan" sample "$work/db.rgan" -n 5 -o "$reader&table=risk.mine"
expect 1 "cannot connect: .*role \"nobody\" does not exist" -- "$riskgan" inspect "${pg/riskgan@/nobody@}&table=risk.loans"
# a write killed midway leaves no table: the server drops the open transaction
"$riskgan" sample "$work/db.rgan" -n 3000000 -o "$pg&table=risk.killed" 2> /dev/null &
writer=$! copying=0
for _ in $(seq 300); do
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %killed%'")" != 0 ] && { copying=1; break; }
  sleep 0.1
done
kill -KILL "$writer"; wait "$writer" 2> /dev/null
checks=$((checks + 1))
[ "$copying" = 1 ] || fail "the killed write was never seen copying rows"
sleep 0.5
expect 0 "^t$" -- sql "SELECT to_regclass('risk.killed') IS NULL"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
