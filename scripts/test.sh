#!/usr/bin/env bash
# The full test suite: installs what is needed, then
#   0. checks the house rules of src/ (scripts/check_structure.py: no upward include, no
#      circle, one header per module, short functions),
#   1. a release build with -Werror and MPI, every unit test (ctest), the golden outputs
#      and a two-rank data-parallel fit checked against the one-process fit (mpirun on loopback),
#   2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer running the same
#      unit tests, plus short libFuzzer runs of the CSV reader and the model loader.
# Usage: bash scripts/test.sh        (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash scripts/install-deps.sh; else sudo bash scripts/install-deps.sh; fi
jobs=$(nproc)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}

echo "== the house rules of src/ (rooms, circles, headers, function length)"
python3 scripts/check_structure.py

echo "== release build (-Werror, MPI) and unit tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRISKGAN_WERROR=ON -DRISKGAN_MPI=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j1

echo "== sanitizer build (ASan + UBSan, clang) with fuzz smoke runs"
CC=clang cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRISKGAN_WERROR=ON \
  -DRISKGAN_SANITIZE=ON -DRISKGAN_FUZZ=ON >/dev/null
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize --output-on-failure -j1
