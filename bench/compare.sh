#!/usr/bin/env bash
# Times vnla-graph against the PyYAML (CSafeLoader) + networkx script doing the same job on the
# same files: load the data and find a path between the same two entities. Runs alternate
# (binary, script, binary, ...) so both see the same machine state; prints the median wall
# time, the median peak RSS and the ratios.
#
# Usage: bench/compare.sh [ENTITIES RELATIONS [RUNS]]   (default 40000 200000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-40000}
relations=${2:-200000}
runs=${3:-3}
data="target/bench-data/compare-${relations}"

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
python3 -c "import yaml, networkx; assert yaml.__with_libyaml__" 2>/dev/null \
  || pip install --quiet pyyaml networkx
cargo build --quiet --release --bin vnla-graph --example synth
[ -f "$data/sources.yaml" ] || ./target/release/examples/synth --entities "$entities" --relations "$relations" --files 1 --out "$data"

from=E10
to=E$((entities - 1))
measure() { # prints "seconds kilobytes" for one run of the command
  /usr/bin/time -f "%e %M" -o /tmp/vnla-compare-time "$@" >/dev/null 2>&1
  cat /tmp/vnla-compare-time
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: > /tmp/vnla-rust.txt; : > /tmp/vnla-python.txt
for _ in $(seq "$runs"); do
  measure ./target/release/vnla-graph --data "$data" path "$from" "$to" --plain >> /tmp/vnla-rust.txt
  measure python3 bench/compare.py "$data" "$from" "$to" >> /tmp/vnla-python.txt
done
rust_s=$(cut -d' ' -f1 /tmp/vnla-rust.txt | median); rust_kb=$(cut -d' ' -f2 /tmp/vnla-rust.txt | median)
py_s=$(cut -d' ' -f1 /tmp/vnla-python.txt | median); py_kb=$(cut -d' ' -f2 /tmp/vnla-python.txt | median)
echo "data: $entities entities, $relations relations ($(du -sh "$data" | cut -f1)), path $from -> $to, median of $runs"
printf '%-28s %10s %12s\n' "" "wall (s)" "peak RSS (MB)"
printf '%-28s %10s %12d\n' "vnla-graph path --plain" "$rust_s" $((rust_kb / 1024))
printf '%-28s %10s %12d\n' "PyYAML (C) + networkx" "$py_s" $((py_kb / 1024))
awk -v r="$rust_s" -v p="$py_s" -v rk="$rust_kb" -v pk="$py_kb" \
  'BEGIN { printf "speed-up: %.1fx   memory: %.2f of Python'"'"'s\n", p / r, rk / pk }'
