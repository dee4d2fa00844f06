"""Reads a GraphML or GEXF export with networkx (and GraphML with python-igraph too), and
prints as JSON what the tests compare: counts, and every node's and edge's attributes as
the reader typed them (edges by their `id`).

usage: python3 graph_readers.py graphml|gexf FILE
"""

import json
import math
import sys

import networkx

form, path = sys.argv[1:]


def present(attributes):
    """igraph gives every element every key: an absent number is NaN, an absent text ""."""
    return {
        key: value
        for key, value in attributes.items()
        if value != "" and not (isinstance(value, float) and math.isnan(value))
    }


def edge_id(key, data):
    return data.get("id", key)


if form == "graphml":
    graph = networkx.read_graphml(path)
else:
    graph = networkx.read_gexf(path, version="1.3")
edges = {}
for source, target, key, data in networkx.MultiDiGraph(graph).edges(keys=True, data=True):
    edges[str(edge_id(key, data))] = dict(data, source=source, target=target)
answer = {
    "reader": f"networkx {networkx.__version__}",
    "directed": graph.is_directed(),
    "nodes": {node: data for node, data in graph.nodes(data=True)},
    "node_count": graph.number_of_nodes(),
    "edge_count": graph.number_of_edges(),
    "edges": edges,
}
if form == "graphml":
    import igraph

    read = igraph.Graph.Read_GraphML(path)
    answer["igraph"] = {
        "reader": f"igraph {igraph.__version__}",
        "node_count": read.vcount(),
        "edge_count": read.ecount(),
        # igraph 1.0 fills its edges' `id` with vertex ids, not the file's edge ids: its
        # edges are listed in the file's order instead, with their ends, `id` left out.
        "edges": [
            dict(
                present({k: v for k, v in edge.attributes().items() if k != "id"}),
                source=read.vs[edge.source]["id"],
                target=read.vs[edge.target]["id"],
            )
            for edge in read.es
        ],
        "nodes": {vertex["id"]: present(vertex.attributes()) for vertex in read.vs},
    }
print(json.dumps(answer, default=str))
