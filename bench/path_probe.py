#!/usr/bin/env python3
"""Times `vnla-graph path FROM TO -k 100` with a flag set drawn at random, on random pairs
of a synthetic dataset (issue 21's goal: every run at 200k relations within 2 s), and
prints the slowest runs with their peak memory.

Usage: bench/path_probe.py SEED RUNS [BINARY] [DATA]
  DATA defaults to /tmp/synth-200k, written by
  `target/release/examples/synth --entities 40000 --relations 200000 --out /tmp/synth-200k`.
Time a run again with `perf stat -r 3`: a single run on a shared machine varies by ±40%.
"""
import random
import subprocess
import sys

FLAG_SETS = [
    [], ["--chronological"], ["--chronological", "--plain"], ["--plain"], ["--max-hops", "10"],
    ["--chronological", "--max-hops", "10"], ["--via", "signed,met,leads,member_of,visited"],
    ["--facts-only", "--chronological"], ["--directed"], ["--since", "1990"],
    ["--until", "2000", "--chronological"], ["--avoid-kinds", "place,country"],
    ["--via-kinds", "person,party"], ["--chronological", "--plain", "--until", "2010"],
    ["--all-shortest"],
]


def main() -> int:
    seed, runs = int(sys.argv[1]), int(sys.argv[2])
    binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/vnla-graph"
    data = sys.argv[4] if len(sys.argv) > 4 else "/tmp/synth-200k"
    random.seed(seed)
    results = []
    for _ in range(runs):
        ends = [f"E{random.randrange(40000)}" for _ in range(2)]
        flags = random.choice(FLAG_SETS)
        command = ["path", "--data", data, *ends, "-k", "100", *flags]
        run = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary, *command],
                             capture_output=True, text=True)
        seconds, kilobytes = run.stderr.strip().splitlines()[-1].split()
        results.append((float(seconds), int(kilobytes) // 1024, run.returncode, " ".join(command)))
    results.sort(reverse=True)
    for seconds, megabytes, code, command in results[:8]:
        print(f"{seconds:5.2f} s {megabytes:4d} MB exit {code}  {command}")
    print(f"{runs} runs; peak memory {max(r[1] for r in results)} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
