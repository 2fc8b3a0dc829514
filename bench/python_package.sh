#!/usr/bin/env bash
# python_package.sh — issue 24's performance bars, side by side on one machine: fit(df) against
# `riskgan fit` on the same rows (german_credit, --preset ctgan, 30 epochs, 2 threads), and
# sample(n) to a DataFrame of a numeric table (8 numeric columns) against `riskgan sample` to a
# CSV file (/dev/null) — wall time, median of RUNS runs. With ANCHOR set (the directory
# ../shared/anchors/setup_ctgan.sh prepared), CTGAN 0.12.1's sample(n) to a DataFrame on the same
# table and network size (1 epoch, width 256, 2 torch threads) beside them.
# Usage: [ANCHOR=/tmp/ctgan-anchor] bench/python_package.sh [RUNS]   (from the project root, after building)
set -euo pipefail
runs=${1:-3}
out=$(mktemp -d /tmp/riskgan-pybench.XXXXXX)
trap 'rm -rf "$out"' EXIT
export PYTHONPATH=python RISKGAN_LIBRARY=build/libriskgan.so
/usr/bin/python3 - "$runs" "$out" "${ANCHOR:-}" <<'PY'
import statistics, subprocess, sys, time
import numpy as np, pandas as pd
import riskgan

runs, out, anchor = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def median_seconds(work):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times

credit = pd.read_csv("data/german_credit.csv")
cli_fit = median_seconds(lambda: subprocess.run(
    ["build/riskgan", "fit", "data/german_credit.csv", "--target", "default", "--preset", "ctgan", "--epochs", "30",
     "--threads", "2", "--seed", "1", "-q", "-o", f"{out}/cli.rgan"], check=True))
py_fit = median_seconds(lambda: riskgan.Synthesizer(epochs=30, seed=1, threads=2, preset="ctgan").fit(
    credit, target="default").save(f"{out}/py.rgan"))
print(f"fit german_credit (ctgan preset, 30 epochs): CLI {cli_fit[0]:.2f} s, Python {py_fit[0]:.2f} s "
      f"({100 * (py_fit[0] / cli_fit[0] - 1):+.1f} %); runs {cli_fit[1]} / {py_fit[1]}")

rng = np.random.default_rng(1)
numeric = pd.DataFrame({f"x{k}": rng.normal(size=20000).round(2) for k in range(8)})
numeric.to_csv(f"{out}/numeric.csv", index=False)
model = riskgan.Synthesizer(epochs=1, seed=1, threads=2, preset="ctgan").fit(numeric)
model.save(f"{out}/numeric.rgan")
rows = 1_000_000
py_sample = median_seconds(lambda: model.sample(rows, seed=2))
cli_sample = median_seconds(lambda: subprocess.run(
    ["build/riskgan", "sample", f"{out}/numeric.rgan", "-n", str(rows), "--seed", "2", "--threads", "2",
     "-o", "/dev/null"], check=True, capture_output=True))
print(f"sample {rows:,} rows x 8 numeric columns: Python to a DataFrame {py_sample[0]:.2f} s "
      f"({rows / py_sample[0]:,.0f} rows/s), CLI to CSV {cli_sample[0]:.2f} s ({rows / cli_sample[0]:,.0f} rows/s); "
      f"runs {py_sample[1]} / {cli_sample[1]}")
if anchor:  # CTGAN 0.12.1 from the anchor directory (first on the path), torch on 2 threads
    sys.path.insert(0, anchor)
    import torch
    from ctgan import CTGAN
    torch.set_num_threads(2)
    reference = CTGAN(epochs=1)
    reference.set_random_state(0)
    reference.fit(numeric)
    ctgan_sample = median_seconds(lambda: reference.sample(rows))
    print(f"CTGAN 0.12.1 sample {rows:,} rows x 8 numeric columns to a DataFrame: {ctgan_sample[0]:.2f} s "
          f"({rows / ctgan_sample[0]:,.0f} rows/s); runs {ctgan_sample[1]}")
PY
