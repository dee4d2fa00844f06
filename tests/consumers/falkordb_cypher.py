"""Runs a `vnla-graph export --format cypher` script, unchanged, in FalkorDBLite (an embedded
FalkorDB on a private Unix socket), twice, and prints as JSON what the tests compare: the
counts after each run (MERGE makes the second a no-op), every relation's properties by id,
and the fewest hops between pairs of entity ids along the relations whose type is not
symmetric (FalkorDB's shortestPath follows arrows only), with the list of those types.

usage: falkordb_cypher.py SCRIPT DB_FILE FROM:TO ...
"""

import json
import sys

from redislite.falkordb_client import FalkorDB

script, db_file, *pairs = sys.argv[1:]
statements = [
    line.rstrip().removesuffix(";")
    for line in open(script, encoding="utf-8")
    if line.strip() and not line.startswith("//")
]
db = FalkorDB(db_file)
graph = db.select_graph("vnla")


def counts():
    nodes = graph.query("MATCH (n:Entity) RETURN count(n)").result_set[0][0]
    relations = graph.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
    return [nodes, relations]


runs = []
for _ in range(2):
    for statement in statements:
        graph.query(statement)
    runs.append(counts())

relations = {}
for (props,) in graph.query("MATCH ()-[r]->() RETURN properties(r)").result_set:
    relations[props["id"]] = props
labels = {
    node_id: sorted(labels)
    for node_id, labels in graph.query("MATCH (n) RETURN n.id, labels(n)").result_set
}
directed = sorted(
    t for (t,) in graph.query(
        "MATCH ()-[r]->() WHERE NOT r.symmetric RETURN DISTINCT type(r)"
    ).result_set
)
pattern = "|".join(f"`{t}`" for t in directed)
hops = {}
for pair in pairs:
    start, stop = pair.split(":")
    found = graph.query(
        "MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) "
        f"RETURN length(shortestPath((a)-[:{pattern}*]->(b)))",
        {"a": start, "b": stop},
    ).result_set
    hops[pair] = found[0][0] if found else None
db.close()
print(
    json.dumps(
        {
            "runs": runs,
            "relations": relations,
            "labels": labels,
            "directed_types": directed,
            "hops": hops,
        }
    )
)
