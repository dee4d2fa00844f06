//! The one integration test binary (see `[[test]]` in Cargo.toml). Every test drives the real
//! `vnla-graph` binary on fixture datasets copied into a temporary folder.

mod support; // fixture folders and the command builder

mod cli; // help, version, exit codes, completions, man page, choice of data folder
mod commands; // stats, show, search on the valid fixture
mod connect; // connect: the tree joining several entities, its formats and errors
mod diagnostics; // one invalid fixture per diagnostic, asserted message and location
mod explorer; // the HTML explorer in headless Chromium, answering as the CLI does
mod export; // JSON and DOT export, rendered by the real Graphviz
mod ftm; // the FollowTheMoney export, read back by the real `ftm validate`
mod fuzz; // mutation fuzzing of the loader: never a panic, always a located error
mod interchange; // CSV, GraphML, GEXF, Cypher, each read back by its real consumer
mod mermaid; // the Mermaid export and path answer, drawn by the real mermaid-cli
mod newcomer; // names, search, Markdown, usage errors, man pages, README figures
mod paths; // path, neighbors, timeline on a fixture with known answers
mod properties; // arbitrary Unicode text renders as itself through Graphviz
mod readme_formats; // the README's example of every export format runs and shows its output
mod render; // the report views, rendered by the real Graphviz
mod robustness; // generated hostile inputs: bombs, depth, size, loops; accepted oddities
mod sources; // the sources list, read back by pybtex and citeproc-py
mod spark; // the Spark job prices paths as `vnla-graph path` does (scale/paths.py)
mod statements; // when a tie holds, who claims it, in what role: in every output
mod synth; // the benchmark data generator writes valid data
mod timeline; // timeline --format dot: a year axis, drawn by Graphviz, measured on A4
