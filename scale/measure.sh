#!/usr/bin/env bash
# Times the Spark hand-off against vnla-graph itself on synthetic data (default 200k
# entities, 1M relations): the CSV export, `vnla-graph path --format json` (load included),
# and scale/paths.py in local mode and on a standalone cluster of a master and two workers on
# 127.0.0.1 (scale/cluster.sh), for the same pairs; checks that every cost agrees.
#   scale/measure.sh [ENTITIES RELATIONS [DIR]]
set -euo pipefail
cd "$(dirname "$0")/.."
entities="${1:-200000}" relations="${2:-1000000}"
data="${3:-$(mktemp -d)/synth}"
pairs=(E5 E150005 E42 E99999)
python=.consumers/flow-venv/bin/python
export SPARK_LOCAL_IP=127.0.0.1

cargo build --release --quiet --example synth
cargo build --release --quiet
[ -d "$data" ] || target/release/examples/synth --entities "$entities" --relations "$relations" --out "$data"
bin=target/release/vnla-graph
timed() { # label, command...: runs it, prints "label: seconds s, peak MB"
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s, %M KB peak" "$@" 2>>"$data/times.txt"
  tail -1 "$data/times.txt" >&2
}
: >"$data/times.txt"
timed "export --format csv" "$bin" --data "$data" export --format csv -o "$data/csv"
for ((i = 0; i < ${#pairs[@]}; i += 2)); do
  from="${pairs[i]}" to="${pairs[i+1]}"
  timed "vnla-graph path $from $to" "$bin" --data "$data" path "$from" "$to" --format json \
    >"$data/vnla-$from-$to.json"
done
timed "spark local[2], ${#pairs[@]} ends" "$python" scale/paths.py "$data/csv" "${pairs[@]}" \
  --master 'local[2]' --timings >"$data/spark-local.jsonl"
master="$(bash scale/cluster.sh start)"
trap 'bash scale/cluster.sh stop' EXIT
timed "spark cluster (master + 2 workers), ${#pairs[@]} ends" "$python" scale/paths.py \
  "$data/csv" "${pairs[@]}" --master "$master" --timings >"$data/spark-cluster.jsonl"
"$python" - "$data" "${pairs[@]}" <<'PY'
import json, sys
data, ends = sys.argv[1], sys.argv[2:]
for mode in ["local", "cluster"]:
    answers = [json.loads(line) for line in open(f"{data}/spark-{mode}.jsonl")]
    for answer, source, target in zip(answers, ends[::2], ends[1::2]):
        ours = json.load(open(f"{data}/vnla-{source}-{target}.json"))["paths"][0]
        theirs = answer["paths"][0]
        verdict = "same cost" if theirs["cost"] == ours["cost"] else "DIFFERENT COST"
        print(f"{mode}: {source} -> {target}: spark {theirs['cost']} ({theirs['hops']} hops), "
              f"vnla-graph {ours['cost']} ({ours['hops']} hops): {verdict}")
PY
cat "$data/times.txt"
