#!/usr/bin/env bash
# Installs every Debian package riskgan needs to build, test and run its demo.
# Run as root on Debian 12. Safe to run repeatedly.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  bc time               # bench/ scripts: arithmetic and peak-memory timing
  libopenblas-dev        # CBLAS sgemm for every matrix product
  libcjson-dev           # JSON output and model metadata
  libcmocka-dev          # unit tests
  libxgboost-dev         # gradient-boosted trees (detection, utility)
  liblinear-dev          # logistic regression (utility)
  libsqlite3-dev sqlite3 # SQLite tables as sources and destinations (docs/databases.md)
  libpq-dev postgresql-15 postgresql-client-15  # PostgreSQL ones; the tests start a throwaway server
  libmicrohttpd-dev wrk curl  # riskgan serve (embedded HTTP server); its load benchmark; the README example
  libopenmpi-dev openmpi-bin  # data-parallel training (-DRISKGAN_MPI=ON, mpirun)
  clang libclang-rt-14-dev libomp-14-dev  # sanitizer build, libFuzzer, OpenMP for clang
  locales               # a comma-decimal locale for the locale-independence test
  python3               # scripts/check_structure.py (the house rules) and the golden test
  python3-numpy python3-pandas python3-pytest python3-tqdm  # the Python package and its tests
)
if [ "${RISKGAN_WITH_BROWSER:-1}" = 1 ]; then
  packages+=(chromium)   # the report screenshot test; RISKGAN_WITH_BROWSER=0 skips it
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# the test of locale-independent numbers sets LC_NUMERIC to German (decimal comma)
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi
