#!/usr/bin/env python3
"""What a Python user would write instead of vnla-graph: load the same YAML files with PyYAML
(the C loader, CSafeLoader), build a networkx graph, and find a shortest path between two
entities. Run by bench/compare.sh beside the real binary on the same files.

Usage: compare.py DATA_DIR FROM_ID TO_ID
"""
import glob
import os
import sys

import networkx as nx
import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader) or []


def main():
    data, source, target = sys.argv[1:4]
    graph = nx.MultiDiGraph()
    for path in sorted(glob.glob(os.path.join(data, "entities", "*.yaml"))):
        for entity in load(path):
            graph.add_node(entity["id"], **entity)
    for path in sorted(glob.glob(os.path.join(data, "relations", "*.yaml"))):
        for relation in load(path):
            graph.add_edge(relation["from"], relation["to"], type=relation["type"], evidence=relation["evidence"])
    path = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    print(f"{len(path) - 1} hops: {' -> '.join(path)}")


if __name__ == "__main__":
    main()
