#!/usr/bin/env bash
# Times every export format of the real binary on one dataset against the two budgets of the
# interchange formats (CSV, GraphML, GEXF, Cypher, Mermaid, FtM): each export at most 2x the
# DOT export's wall time and at most 1.5x the peak memory of loading the data alone
# (`validate`). JSON and the HTML explorer are timed too, for comparison. Runs go round the formats in turn
# (so all see the same machine state); prints the median wall time and peak RSS of each, and
# its ratios to the budgets' bases.
#
# Usage: bench/interchange.sh [DATA [RUNS]]   (default /tmp/synth-1m 3; make the data with
#   cargo run --release --example synth -- --entities 200000 --relations 1000000 --out /tmp/synth-1m)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/synth-1m}
runs=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --quiet --release --bin vnla-graph
[ -f "$data/sources.yaml" ] || { echo "no dataset at $data (see the usage line)" >&2; exit 1; }

bin=./target/release/vnla-graph
jobs=(validate dot json csv graphml gexf cypher mermaid ftm html)
run() { # the command line of one job
  case $1 in
    validate) echo "$bin --data $data validate" ;;
    csv) echo "$bin --data $data export --format csv -o $out/csv" ;;
    *) echo "$bin --data $data export --format $1 -o $out/graph.$1" ;;
  esac
}
for job in "${jobs[@]}"; do : > "$out/$job.times"; done
for _ in $(seq "$runs"); do
  for job in "${jobs[@]}"; do
    # shellcheck disable=SC2046 # the command line is split on purpose
    /usr/bin/time -f "%e %M" -o "$out/time" $(run "$job") >/dev/null 2>&1 || true
    cat "$out/time" >> "$out/$job.times"
  done
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
seconds() { cut -d' ' -f1 "$out/$1.times" | median; }
megabytes() { echo $(( $(cut -d' ' -f2 "$out/$1.times" | median) / 1024 )); }

dot_s=$(seconds dot)
load_mb=$(megabytes validate)
echo "data: $data ($(du -sh "$data" | cut -f1)), median of $runs runs"
printf '%-10s %9s %13s %12s %12s %12s\n' job "wall (s)" "peak RSS (MB)" "time / DOT" "RSS / load" "output"
for job in "${jobs[@]}"; do
  s=$(seconds "$job"); mb=$(megabytes "$job")
  size=$({ du -sh "$out/graph.$job" 2>/dev/null || du -sh "$out/$job" 2>/dev/null || echo -; } | cut -f1)
  awk -v j="$job" -v s="$s" -v mb="$mb" -v d="$dot_s" -v l="$load_mb" -v z="${size:--}" \
    'BEGIN { printf "%-10s %9s %13d %11.2fx %11.2fx %12s\n", j, s, mb, s / d, mb / l, z }'
done
