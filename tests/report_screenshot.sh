#!/usr/bin/env bash
# Renders an evaluation report in headless Chromium and checks the screenshot is not blank:
# its PNG must be several times larger than the screenshot of an empty page of the same size
# (a blank page compresses to almost nothing). Usage: report_screenshot.sh RISKGAN DATA.csv WORKDIR
set -euo pipefail
riskgan=$1 data=$2 work=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (scripts/install-deps.sh installs it with RISKGAN_WITH_BROWSER=1)"
  exit 77 # skipped
fi
mkdir -p "$work"
"$riskgan" split "$data" --target default --train "$work/train.csv" --test "$work/test.csv" 2>/dev/null
"$riskgan" baseline "$work/train.csv" -n 700 -o "$work/synthetic.csv"
"$riskgan" evaluate --train "$work/train.csv" --test "$work/test.csv" --synth "$work/synthetic.csv" \
  --target default --trees 40 --folds 3 --html "$work/report.html" > /dev/null 2>&1
printf '<!DOCTYPE html><html><body></body></html>' > "$work/blank.html"
shoot() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-size=1200,1600 --screenshot="$2" "file://$1" > /dev/null 2>&1
}
shoot "$work/blank.html" "$work/blank.png"
shoot "$work/report.html" "$work/report.png"
blank=$(stat -c %s "$work/blank.png") report=$(stat -c %s "$work/report.png")
echo "screenshot sizes: blank page $blank bytes, report $report bytes"
[ "$report" -gt $((blank * 5)) ] || { echo "the report screenshot looks blank"; exit 1; }
