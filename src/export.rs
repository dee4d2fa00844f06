//! Writing the (validated) graph, or its sources, out in other formats. Each format lives in
//! its own file; this module only says which exist.

pub(crate) mod bibtex; // the sources, for reference managers and LaTeX
pub(crate) mod csl_json; // the sources, for Zotero, pandoc and citeproc
pub(crate) mod dot; // the graph for Graphviz
pub(crate) mod html; // the explorer: one offline page to search, click and read
pub(crate) mod json; // the graph, and the records every JSON answer shares
