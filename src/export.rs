//! Writing the (validated) graph, or its sources, out in other formats. Each format lives in
//! its own file; this module only says which exist.

pub(crate) mod attributes; // the typed attributes every interchange format writes
pub(crate) mod bibtex; // the sources, for reference managers and LaTeX
pub(crate) mod csl_json; // the sources, for Zotero, pandoc and citeproc
pub(crate) mod csv; // the graph for neo4j-admin import and graph databases
pub(crate) mod cypher; // the graph as a Cypher script for Neo4j-compatible databases
pub(crate) mod dot; // the graph for Graphviz
pub(crate) mod ftm; // the graph as FollowTheMoney entities, for Aleph and OpenSanctions
pub(crate) mod gexf; // the graph with its time, for Gephi and networkx
pub(crate) mod graphml; // the graph with typed attributes, for networkx, igraph, Gephi, yEd
pub(crate) mod html; // the explorer: one offline page to search, click and read
pub(crate) mod json; // the graph, and the records every JSON answer shares
pub(crate) mod mermaid; // a focused graph or a path, for Markdown
pub(crate) mod xml; // what GraphML and GEXF share: streaming, escaping
