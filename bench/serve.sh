#!/usr/bin/env bash
# serve.sh — issue 25's load figures for `riskgan serve`, with wrk on loopback: the server
# (--threads 2) and the load generator share the machine's cores.
#   1. single-record scoring, 32 keep-alive connections, SECONDS s, per detector (GAN, the
#      default, and Isolation Forest): requests/s, p50/p99 latency, errors;
#   2. batches of 1,000 records (JSON), 8 connections: records/s;
#   3. the in-process C API's per-record latency (bench_detect_latency), to know the HTTP cost;
#   4. with "soak": SOAK_SECONDS at about half the single-record load (wrk with a delay per
#      request), a reload every 10 s: errors, RSS at the start and the end.
# Each of 1 and 2 runs RUNS times; the median is reported.
# Usage: bench/serve.sh [RUNS] [SECONDS] [soak] [SOAK_SECONDS]   (from the project root, after building)
set -euo pipefail
runs=${1:-3}
seconds=${2:-60}
soak=${3:-}
soak_seconds=${4:-600}
riskgan=$PWD/build/riskgan
out=$(mktemp -d /tmp/riskgan-serve-bench.XXXXXX)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT

"$riskgan" detect fit data/german_credit.csv --exclude default --seed 1 -q -o "$out/gan.rdet"
"$riskgan" detect fit data/german_credit.csv --exclude default --method iforest --seed 1 -q -o "$out/iforest.rdet"
/usr/bin/python3 - "$out" <<'PY'
import csv, json, re, sys
out = sys.argv[1]
rows = list(csv.DictReader(open("data/german_credit.csv")))
def record(row, i):
    r = {k: (int(v) if re.fullmatch(r"-?\d+", v) else v) for k, v in row.items() if k != "default"}
    r["id"] = i
    return r
one = json.dumps(record(rows[0], 0))
batch = json.dumps([record(rows[i % len(rows)], i) for i in range(1000)])
open(f"{out}/batch.json", "w").write(batch)
for name, body, delay in (("one", one, None), ("batch", None, None), ("soak", one, 5)):
    with open(f"{out}/{name}.lua", "w") as f:
        f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
        if body is None:
            f.write(f'local file = io.open("{out}/batch.json")\nwrk.body = file:read("*a")\nfile:close()\n')
        else:
            f.write("wrk.body = [[" + body + "]]\n")
        if delay:
            f.write(f"function delay() return {delay} end\n")
with open(f"{out}/rows.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([k for k in rows[0] if k != "default"])
    for r in rows:
        w.writerow([v for k, v in r.items() if k != "default"])
PY

"$riskgan" serve --model gan="$out/gan.rdet" --model iforest="$out/iforest.rdet" --listen 127.0.0.1:0 --threads 2 \
    2> "$out/server.log" &
server=$!
for _ in $(seq 100); do grep -q "port" "$out/server.log" && break; sleep 0.1; done
port=$(grep -o 'port [0-9]*' "$out/server.log" | cut -d' ' -f2)
base=http://127.0.0.1:$port
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# wrk's summary as "requests/s p50_ms p99_ms errors"
wrk_run() {
    wrk "$@" --latency 2>&1 | awk '
        /Requests\/sec/ {rate=$2}
        /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
        /Non-2xx/ {errors+=$NF} /Socket errors/ {for (i=4; i<=NF; i+=2) {gsub(",", "", $i); errors+=$i}}
        function ms(t) { if (t ~ /us$/) return t/1000; if (t ~ /ms$/) return t+0; if (t ~ /s$/) return t*1000; return t }
        END {printf "%.0f %.3f %.3f %d\n", rate, ms(p50), ms(p99), errors}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
echo "server: riskgan serve --threads 2; wrk on the same cores (loopback)"
for model in gan iforest; do
    for run in $(seq "$runs"); do
        wrk_run -t2 -c32 -d"${seconds}s" -s "$out/one.lua" "$base/v1/models/$model/score" >> "$out/one_$model"
        wrk_run -t2 -c8 -d"$(( seconds / 2 ))s" -s "$out/batch.lua" "$base/v1/models/$model/score" >> "$out/batch_$model"
    done
    echo "$model single record, 32 connections, ${seconds} s x $runs: requests/s p50_ms p99_ms errors per run:"
    sed 's/^/    /' "$out/one_$model"
    echo "    median requests/s $(cut -d' ' -f1 "$out/one_$model" | median), median p99 $(cut -d' ' -f3 "$out/one_$model" | median) ms"
    echo "$model batches of 1000, 8 connections, $(( seconds / 2 )) s x $runs: batches/s per run $(cut -d' ' -f1 "$out/batch_$model" | xargs), errors $(cut -d' ' -f4 "$out/batch_$model" | xargs)"
    echo "    median records/s $(cut -d' ' -f1 "$out/batch_$model" | median | awk '{print $1 * 1000}')"
    echo "$model in-process C API (riskgan_detect_score_row): $(build/bench/bench_detect_latency "$out/$model.rdet" "$out/rows.csv" 2 | tr '\n' ' ')"
done

if [ "$soak" = soak ]; then
    rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
    wrk_run -t2 -c32 -d10s -s "$out/soak.lua" "$base/v1/models/gan/score" > /dev/null # warm up
    start_rss=$(rss)
    ( end=$((SECONDS + soak_seconds)); while [ $SECONDS -lt $end ]; do sleep 10
        curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/v1/admin/reload" >> "$out/reloads"; done ) &
    reloader=$!
    result=$(wrk_run -t2 -c32 -d"${soak_seconds}s" -s "$out/soak.lua" "$base/v1/models/gan/score")
    wait "$reloader" || true
    end_rss=$(rss)
    echo "soak ${soak_seconds} s (GAN, 32 connections, 5 ms pause per request): requests/s p50_ms p99_ms errors: $result"
    echo "    reloads: $(grep -c '^200$' "$out/reloads") answered 200 of $(wc -l < "$out/reloads"); RSS $start_rss kB -> $end_rss kB ($(awk -v a="$start_rss" -v b="$end_rss" 'BEGIN {printf "%+.1f", 100 * (b - a) / a}') %)"
fi
