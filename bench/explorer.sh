#!/usr/bin/env bash
# The explorer's size and opening time: the bundled data's page, and a synthetic graph of
# 4,000 entities and 20,000 relations (whose picture draws the most connected part).
# Needs Graphviz, Chromium and Selenium (bash .ci/setup-tests).
#
# Usage: bench/explorer.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=target/bench-data/explorer
mkdir -p "$out"
cargo build --quiet --release --bin vnla-graph --example synth
[ -f "$out/synth-20k/sources.yaml" ] || ./target/release/examples/synth --entities 4000 --relations 20000 --out "$out/synth-20k" >/dev/null
/usr/bin/time -f "bundled export: %e s, %M KB" ./target/release/vnla-graph export --format html -o "$out/bundled.html"
/usr/bin/time -f "20k export: %e s, %M KB" ./target/release/vnla-graph --data "$out/synth-20k" export --format html -o "$out/synth-20k.html"
python3 bench/explorer_open.py "$runs" "$out/bundled.html" "$out/synth-20k.html"
