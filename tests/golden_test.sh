#!/usr/bin/env bash
# Golden outputs: the commands of tests/golden/outputs.sh must write byte-identical files
# to the ones recorded in tests/golden/digests.<kernel>.txt, where <kernel> is the OpenBLAS
# kernel this machine runs (float summation order differs between kernels, so each kernel
# has its own record). A refactoring that changes no behaviour keeps every line; a change
# meant to alter outputs re-records them with --record and says so in its commit.
# Usage: golden_test.sh RISKGAN DATA_DIR TEST_DATA_DIR WORK_DIR [--record]
# Exit 77 (skipped) when nothing is recorded for this kernel.
set -euo pipefail
riskgan=$1 data=$2 test_data=$3 work=$4 mode=${5:-check}
here=$(cd "$(dirname "$0")" && pwd)
kernel=$(OPENBLAS_VERBOSE=2 "$riskgan" --help 2>&1 | sed -n 's/^Core: //p' | head -1)
kernel=${kernel:-unknown}
record="$here/golden/digests.$kernel.txt"
mkdir -p "$work"
bash "$here/golden/outputs.sh" "$riskgan" "$data" "$test_data" "$work/outputs" >"$work/digests.txt"
if [ "$mode" = --record ]; then
  cp "$work/digests.txt" "$record"; echo "recorded $(wc -l <"$record") digests for kernel $kernel"; exit 0
fi
if [ ! -f "$record" ]; then
  echo "no golden digests recorded for OpenBLAS kernel '$kernel' (record them on a known-good tree)"; exit 77
fi
if ! diff -u "$record" "$work/digests.txt"; then
  echo "golden outputs changed (kernel $kernel): the files above differ from the record; outputs in $work/outputs"
  exit 1
fi
echo "all $(wc -l <"$record") golden outputs identical (kernel $kernel)"
