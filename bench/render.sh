#!/usr/bin/env bash
# Times `vnla-graph render` (every report view of the bundled data, drawn by the real `dot`)
# with GNU time: the median wall time and the median CPU time (user + system, the `dot`
# children included) over RUNS runs, and the machine's load average, which on a shared
# machine moves the wall time more than the work does. Goal: 2 s.
#
# Usage: bench/render.sh [RUNS [FORMATS]]   (default 5 svg)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
formats=${2:-svg}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --quiet --release --bin vnla-graph
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
: > /tmp/vnla-render-times.txt
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S" -a -o /tmp/vnla-render-times.txt \
    ./target/release/vnla-graph render --out "$out" --formats "$formats" >/dev/null 2>&1
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
wall=$(awk '{print $1}' /tmp/vnla-render-times.txt | median)
cpu=$(awk '{print $2 + $3}' /tmp/vnla-render-times.txt | median)
views=$(find "$out" -name '*.dot' | wc -l)
echo "render --formats $formats: $views views, median wall ${wall} s, median CPU ${cpu} s over $runs runs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
