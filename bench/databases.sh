#!/usr/bin/env bash
# databases.sh — issue 23's performance bars, side by side with the CSV path on one machine:
# a table of ROWS rows x 25 columns (10 integers, 8 numbers with 2 decimals, 5 texts, 2 dates)
# read from CSV, SQLite and a throwaway PostgreSQL 15 (tests/postgres_server.sh), and written
# into each. Every measure is `riskgan copy SOURCE /dev/null` (reading, typing and writing
# CSV to /dev/null: the CSV writing is the same for every source) or `riskgan copy big.csv
# DESTINATION` (reading the CSV and writing the table), wall time, median of RUNS runs, with
# the peak memory (GNU time). Then the streamed fit (--memory-limit 64: read in blocks, encoded
# to a temporary file; --preset ctgan, 10 steps) from the CSV file and from PostgreSQL, once
# each: issue 23 asks the second's peak memory to stay within 10 % of the first's.
# Usage: bench/databases.sh [ROWS] [RUNS]  (from the project root)
set -euo pipefail
rows=${1:-1000000} runs=${2:-3}
riskgan=${RISKGAN:-build/riskgan}
out=$(mktemp -d /tmp/riskgan-dbbench.XXXXXX)
server=$(mktemp -d /tmp/riskgan-dbbench-pg.XXXXXX)
trap 'tests/postgres_server.sh stop "$server"; rm -rf "$out"' EXIT
pg=$(tests/postgres_server.sh start "$server")
python3 - "$rows" "$out/big.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
r = random.Random(1)
words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']
with open(path, 'w') as f:
    f.write(','.join([f'i{k}' for k in range(10)] + [f'x{k}' for k in range(8)] + [f't{k}' for k in range(5)] +
                     ['opened', 'closed']) + '\n')
    for n in range(rows):
        ints = [str(n)] + [str(r.randint(0, 10 ** (k + 1))) for k in range(9)]
        nums = [f'{r.uniform(-1e5, 1e5):.2f}' for _ in range(8)]
        texts = [r.choice(words) + str(r.randint(0, 9 * (k + 1))) for k in range(5)]
        d1, d2 = r.randint(1, 28), r.randint(1, 28)
        f.write(','.join(ints + nums + texts + [f'2019-{r.randint(1, 12):02d}-{d1:02d}',
                                                 f'2020-{r.randint(1, 12):02d}-{d2:02d}']) + '\n')
PY
measure() { # NAME command...: the median wall seconds and peak MiB of RUNS runs
  local name=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null 2>&1 || { echo "$name: failed: $*"; return 1; }
    read -r seconds kib < "$out/time"
    times+=("$seconds")
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s %8.2f s %10.0f rows/s %7.0f MiB  (runs: %s)\n' "$name" "$median" "$(echo "$rows / $median" | bc -l)" \
    "$(echo "$peak / 1024" | bc -l)" "${times[*]}"
}
"$riskgan" copy "$out/big.csv" "sqlite:$out/big.db?table=big" 2> /dev/null
"$riskgan" copy "$out/big.csv" "$pg&table=big" 2> /dev/null
echo "rows: $rows x 25 columns, $(du -h "$out/big.csv" | cut -f1) of CSV; $(nproc) cores; $(date -u +%F)"
measure "read CSV -> /dev/null" "$riskgan" copy "$out/big.csv" /dev/null
measure "read SQLite -> /dev/null" "$riskgan" copy "sqlite:$out/big.db?table=big" /dev/null
measure "read PostgreSQL -> /dev/null" "$riskgan" copy "$pg&table=big" /dev/null
measure "CSV -> CSV file" "$riskgan" copy "$out/big.csv" "$out/again.csv"
measure "CSV -> SQLite table (replace)" "$riskgan" copy "$out/big.csv" "sqlite:$out/w.db?table=w" --replace
measure "CSV -> PostgreSQL table (replace)" "$riskgan" copy "$out/big.csv" "$pg&table=w" --replace
runs=1
measure "streamed fit from CSV" "$riskgan" fit "$out/big.csv" --preset ctgan --memory-limit 64 --max-steps 10 \
  --epochs 1 --seed 1 -q -o "$out/csv.rgan"
measure "streamed fit from PostgreSQL" "$riskgan" fit "$pg&table=big" --preset ctgan --memory-limit 64 --max-steps 10 \
  --epochs 1 --seed 1 -q -o "$out/pg.rgan"
cmp -s "$out/csv.rgan" "$out/pg.rgan" && echo "the two streamed fits wrote identical models" ||
  echo "the two streamed fits wrote different models"
