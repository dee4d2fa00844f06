#!/usr/bin/env bash
# Times load + validate + one path query of the real binary at 1M relations (issue 14's
# limit: <= 3.2 s wall, <= 400 MB peak) against other builds of vnla-graph, run in turn so
# all see the same machine state: `path E10 E199999` (load-dominated) with GNU time, RUNS
# times each; prints every run, then the median wall, user and system time and peak RSS of
# each binary, and the load average before and after (the machine is shared: read the
# columns side by side, not against a figure taken at another moment).
#
# Usage: bench/load.sh [DATA [RUNS [OTHER_BINARY...]]]   (default /tmp/synth-1m 3; make the
#   data with cargo run --release --example synth -- --entities 200000 --relations 1000000 --out /tmp/synth-1m)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/synth-1m}
runs=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --quiet --release --bin vnla-graph
[ -f "$data/sources.yaml" ] || { echo "no dataset at $data (see the usage line)" >&2; exit 1; }

bins=(./target/release/vnla-graph "$@")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  for i in "${!bins[@]}"; do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "${bins[$i]}" --data "$data" path E10 E199999 \
      >/dev/null 2>&1 || { echo "${bins[$i]} failed" >&2; exit 1; }
    cat "$out/time" >> "$out/$i.times"
    echo "${bins[$i]}: $(cat "$out/time") (wall s, user s, sys s, KB)"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-40s %8s %8s %8s %8s\n' binary wall user sys MB
for i in "${!bins[@]}"; do
  column() { cut -d' ' -f"$1" "$out/$i.times" | median; }
  printf '%-40s %8s %8s %8s %8s\n' "${bins[$i]}" "$(column 1)" "$(column 2)" "$(column 3)" \
    $(( $(column 4) / 1000 ))
done
