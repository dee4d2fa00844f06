#!/usr/bin/env python3
"""Runs the questions of docs/path-questions.md through `vnla-graph path` (or `connect`
for a line of three or more names) and reports, for each, the best answer's hops, the
entities between the ends (countries and places marked) and whether it lands: within 4
hops and with no country or place between the ends.

Usage: bench/path_questions.py [BINARY] [-- EXTRA PATH FLAGS]
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB_KINDS = {"country", "place"}


def main() -> int:
    args = sys.argv[1:]
    extra = args[args.index("--") + 1 :] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    binary = args[0] if args else str(ROOT / "target/debug/vnla-graph")
    run = lambda *a: subprocess.run([binary, "--data", str(ROOT / "graph-data"), *a],
                                    capture_output=True, text=True)
    kinds = {n["id"]: n["kind"] for n in json.loads(run("export", "--format", "json").stdout)["nodes"]}
    text = (ROOT / "docs/path-questions.md").read_text().split("\n---\n", 1)[1]
    within, through_hub, total = 0, 0, 0
    for line in text.splitlines():
        names = line.split("#")[0].split()
        if not names:
            continue
        total += 1
        answer = run("path", *names, "--format", "json", *extra)
        if answer.returncode != 0:
            print(f"{' → '.join(names)}: no answer ({answer.stderr.strip()})")
            continue
        path = json.loads(answer.stdout)["paths"][0]
        hops, middle = path["hops"], path["nodes"][1:-1]
        hubs = [n for n in middle if kinds[n] in HUB_KINDS]
        within += hops <= 4
        through_hub += bool(hubs)
        shown = " → ".join(f"{n}*" if n in hubs else n for n in path["nodes"])
        print(f"{hops} hops, cost {path['cost']}: {shown}")
    print(f"\n{within} of {total} within 4 hops; {through_hub} of {total} through a country or place (marked *)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
