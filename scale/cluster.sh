#!/usr/bin/env bash
# A standalone Spark cluster on this machine for scale/paths.py: a master and two workers
# (one core and 3 GB each), all bound to 127.0.0.1, from the pyspark that
# .ci/setup-tests.d/31-interchange-flow.sh installs.
#   scale/cluster.sh start    # prints the master's address: spark://127.0.0.1:7077
#   scale/cluster.sh stop     # ends the three processes it started (by their pids)
# The environment may change where it listens and keeps its state, so a test can run its own
# cluster beside another: CLUSTER_PORT (7077; the web pages on free ports), CLUSTER_STATE
# (.consumers/spark-cluster: pids, logs, work folders).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/.consumers/flow-venv"
state="${CLUSTER_STATE:-$PWD/.consumers/spark-cluster}"
port="${CLUSTER_PORT:-7077}"
SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1 PYSPARK_PYTHON="$venv/bin/python"
master="spark://127.0.0.1:$port"

# Waits until `log` has `line`, for at most three minutes (a busy machine is slow to start Java).
wait_for() {
  local log="$1" line="$2"
  for _ in $(seq 360); do
    grep -q "$line" "$log" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for '$line' in $log" >&2
  return 1
}

case "${1:-}" in
  start)
    mkdir -p "$state"
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 >"$state/master.log" 2>&1 &
    echo $! >"$state/master.pid"
    wait_for "$state/master.log" "I have been elected leader"
    for worker in 1 2; do
      "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "$master" \
        --host 127.0.0.1 --cores 1 --memory 3g --webui-port 0 \
        --work-dir "$state/work$worker" >"$state/worker$worker.log" 2>&1 &
      echo $! >"$state/worker$worker.pid"
    done
    for worker in 1 2; do
      wait_for "$state/worker$worker.log" "Successfully registered with master"
    done
    echo "$master"
    ;;
  stop)
    for process in worker1 worker2 master; do
      if [ -f "$state/$process.pid" ]; then
        kill "$(cat "$state/$process.pid")" 2>/dev/null || true
        rm -f "$state/$process.pid"
      fi
    done
    ;;
  *)
    echo "usage: scale/cluster.sh start|stop" >&2
    exit 2
    ;;
esac
