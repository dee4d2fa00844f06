#!/usr/bin/env python3
"""The hub-penalised shortest path of `vnla-graph path`, on Spark, from the CSV export.

    vnla-graph export --format csv -o graph-csv
    python scale/paths.py graph-csv FROM TO [FROM TO ...] [--master spark://127.0.0.1:7077]

Reads `entities.csv` and `relations.csv` (RFC 4180, so `multiLine` and `escape='"'`) and
prices a path exactly as `vnla-graph path` does (src/query/path/cost.rs): a hop costs its
relation's `weight` plus its `claim_penalty`; passing through an entity costs its hub penalty
ln(1 + degree)^2, the degree being the number of relations touching it in the files, times a
factor, half of which each tie on either side brings: its `through` factor, or 1 for a
direct tie the entity acts in (its start, or either end of a `symmetric` one) when the CSV
has a `direct` column (vnla-graph's direct ties, from `paths: direct_weight`); without that
column every tie brings `through`. Relations are followed in
either direction, as `vnla-graph path` does without `--directed` (the job has none of its
other options either). As in vnla-graph, each step weighs its hop plus the halves it brings
to its ends, the path's own two ends excepted.

The search is a frontier Bellman-Ford over DataFrames, Pregel-style: each superstep joins the
entities whose distance just improved with their arcs, keeps the best offer per entity, and
stops when nothing improves or nothing left can beat the best cost found to the target. Every
superstep is checkpointed, so the plan stays one step long. Ids are exact entity ids (no name
lookup). Prints one answer per pair, one JSON document a line, in the shape of
`vnla-graph path --format json`: {"from", "to", "paths": [{"nodes", "edges", "cost", "hops"}]}
(edges with their contract keys; evidence read back from the CSV's numbered text).
"""

import argparse
import json
import math
import re
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# One numbered quote of the CSV's evidence text: `[1] “quote” — source`, one a line.
EVIDENCE = re.compile(r"\[\d+\] “(.*?)” — (\S+)(?:\n|$)", re.S)

# The relation keys of the JSON contract the CSV carries, in the contract's order.
RELATION_KEYS = ["time", "stance", "date", "end", "seen", "role", "claimed_by", "amount",
                 "currency", "place", "note"]


def plain_names(frame):
    """neo4j-admin headers to plain names: `id:ID` -> id, `:START_ID` -> start_id,
    `weight:double` -> weight."""
    def plain(header):
        return header[1:].lower() if header.startswith(":") else header.split(":")[0]
    return frame.toDF(*[plain(column) for column in frame.columns])


def read(spark, folder):
    options = {"header": True, "multiLine": True, "escape": '"'}
    entities = plain_names(spark.read.options(**options).csv(f"{folder}/entities.csv"))
    relations = plain_names(spark.read.options(**options).csv(f"{folder}/relations.csv"))
    return entities, relations


def arcs_of(entities, relations):
    """Every arc the search may take, with its hop and the half of passing through each end
    that it brings: hub(n) = ln(1 + degree)^2 times, over two, 1 for a direct tie (a
    `direct` column, when the CSV has one) that n acts in (as its start, or either end when
    the `symmetric` column says so) or the entity's `through` factor for any other. Without
    a `direct` column no tie is direct, and each half is through x hub / 2."""
    ends = relations.select(F.col("start_id").alias("id")).unionAll(
        relations.select(F.col("end_id").alias("id")))
    degree = ends.groupBy("id").count()
    entities = (entities.select("id", F.col("through").cast("double").alias("through"))
                .join(degree, "id", "left").fillna(0, ["count"])
                .select("id", "through", F.pow(F.log1p(F.col("count")), 2).alias("hub")))
    hop = (F.col("weight").cast("double") + F.col("claim_penalty").cast("double")).alias("hop")
    # A direct tie is direct for the end acting in it: its start, or either end of a
    # symmetric type (a country two people lead is not an actor between them).
    direct = F.col("direct") == "true" if "direct" in relations.columns else F.lit(False)
    both = F.col("symmetric") == "true" if "symmetric" in relations.columns else F.lit(False)
    forward = relations.select(F.col("start_id").alias("src"), F.col("end_id").alias("dst"),
                               hop, direct.alias("direct_src"),
                               (direct & both).alias("direct_dst"), F.col("id").alias("rid"))
    backward = relations.select(F.col("end_id").alias("src"), F.col("start_id").alias("dst"),
                                hop, (direct & both).alias("direct_src"),
                                direct.alias("direct_dst"), F.col("id").alias("rid"))
    arcs = forward.unionByName(backward).filter(F.col("src") != F.col("dst"))

    def half(end):
        side = entities.select(F.col("id").alias(end), F.col("through").alias(f"t_{end}"),
                               F.col("hub").alias(f"hub_{end}"))
        factor = F.when(F.col(f"direct_{end}"), 1.0).otherwise(F.col(f"t_{end}"))
        return side, (F.col(f"hub_{end}") * factor / 2).alias(f"h_{end}")

    (src_side, h_src), (dst_side, h_dst) = half("src"), half("dst")
    priced = (arcs.join(src_side, "src").join(dst_side, "dst")
              .select("src", "dst", "rid", "hop", h_src, h_dst))
    return priced, entities


def search(spark, arcs, source, target):
    """Costs from `source` until `target`'s cannot improve: (cost to target, the checkpointed
    table id -> dist, pred, rid, steps), cost None when it is unreachable. A step costs its
    hop and the halves it brings to its ends, but none to `source` and `target`, which every
    answer has as ends and does not pass through."""
    schema = "id string, dist double, pred string, rid string"
    dist = spark.createDataFrame([(source, 0.0, None, None)], schema).localCheckpoint()
    frontier = dist
    best = math.inf
    steps = 0
    while True:
        steps += 1
        offers = (frontier.filter(F.col("dist") < best).alias("f")
                  .join(arcs.alias("a"), F.col("f.id") == F.col("a.src"))
                  .select(F.col("a.dst").alias("id"),
                          (F.col("f.dist") + F.col("a.hop")
                           + F.when(F.col("a.src") == source, 0.0).otherwise(F.col("a.h_src"))
                           + F.when(F.col("a.dst") == target, 0.0).otherwise(F.col("a.h_dst"))
                           ).alias("dist"),
                          F.col("f.id").alias("pred"), F.col("a.rid").alias("rid"))
                  .filter(F.col("dist") < best))
        offers = (offers.groupBy("id").agg(F.min(F.struct("dist", "pred", "rid")).alias("m"))
                  .select("id", "m.dist", "m.pred", "m.rid"))
        known = dist.select("id", F.col("dist").alias("known"))
        improved = (offers.join(known, "id", "left")
                    .filter(F.col("known").isNull() | (F.col("dist") < F.col("known") - 1e-9))
                    .drop("known").cache())
        # One job for both: how many improved, and what the target's offer is.
        news = improved.agg(F.count("*").alias("count"),
                            F.min(F.when(F.col("id") == target, F.col("dist"))).alias("target")
                            ).first()
        if news["count"] == 0:
            break
        if news["target"] is not None:
            best = min(best, news["target"])
        dist = (dist.join(improved.select("id"), "id", "left_anti")
                .unionByName(improved).localCheckpoint())
        frontier.unpersist()
        frontier = improved
    return (None if best == math.inf else best), dist, steps


def answer(dist, relations, source, target, cost):
    """The path to `target`, followed back through the predecessors, as vnla-graph's JSON."""
    nodes, rids = [target], []
    while nodes[-1] != source:
        row = dist.filter(F.col("id") == nodes[-1]).select("pred", "rid").first()
        nodes.append(row["pred"])
        rids.append(row["rid"])
    nodes.reverse()
    rids.reverse()
    rows = {row["id"]: row for row in relations.filter(F.col("id").isin(rids)).collect()}
    return {"from": source, "to": target, "paths": [{
        "nodes": nodes,
        "edges": [edge(rows[rid]) for rid in rids],
        "cost": round(cost, 3),
        "hops": len(rids),
    }]}


def edge(row):
    """A relation row as the JSON contract's relation record (keys without a value left
    out, as there)."""
    record = {"from": row["start_id"], "to": row["end_id"], "type": row["type"]}
    for key in RELATION_KEYS:
        value = row[key]
        if value is not None and value != "":
            record[key] = float(value) if key == "amount" else value
    record["evidence"] = [{"source": source, "quote": quote}
                          for quote, source in EVIDENCE.findall(row["evidence"] or "")]
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder written by `vnla-graph export --format csv -o`")
    parser.add_argument("ends", nargs="+", metavar="FROM TO", help="entity ids, in pairs")
    parser.add_argument("--master", default="local[*]",
                        help="Spark master: local[*] (default) or spark://HOST:PORT")
    parser.add_argument("--partitions", type=int, default=8,
                        help="shuffle partitions (default 8; more for a bigger cluster)")
    parser.add_argument("--timings", action="store_true",
                        help="say on stderr how long reading and each search took")
    args = parser.parse_args()
    if len(args.ends) % 2:
        parser.error("ends come in pairs: FROM TO [FROM TO ...]")
    spark = (SparkSession.builder.appName("vnla-graph paths").master(args.master)
             .config("spark.sql.shuffle.partitions", args.partitions)
             .config("spark.driver.memory", "4g")
             .config("spark.executor.memory", "2g")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.monotonic()
    entities, relations = read(spark, args.folder)
    # A multi-line CSV is read by one task: spread it before the work starts.
    relations = relations.repartition(args.partitions).localCheckpoint()
    arcs, entities = arcs_of(entities, relations)
    arcs = arcs.localCheckpoint()
    known = {row["id"] for row in
             entities.filter(F.col("id").isin(args.ends)).select("id").collect()}
    missing = [end for end in args.ends if end not in known]
    if missing:
        print(f"error: no entity with the id {', '.join(missing)} in {args.folder}/entities.csv",
              file=sys.stderr)
        return 2
    if args.timings:
        print(f"read and priced {arcs.count()} arcs in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    status = 0
    for source, target in zip(args.ends[::2], args.ends[1::2]):
        if source == target:
            print(f"error: {source} is both ends", file=sys.stderr)
            status = 2
            continue
        searched = time.monotonic()
        distance, dist, steps = search(spark, arcs, source, target)
        if distance is None:
            print(f"error: no path from {source} to {target}", file=sys.stderr)
            status = 1
            continue
        print(json.dumps(answer(dist, relations, source, target, distance),
                         ensure_ascii=False))
        if args.timings:
            print(f"{source} -> {target}: {steps} supersteps, {time.monotonic() - searched:.1f} s",
                  file=sys.stderr)
    spark.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
