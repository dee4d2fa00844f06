//! vnla-graph: a sourced knowledge graph of Vietnam–Laos relations.
//!
//! The stages run in one direction: `load` (YAML -> model, with spans) -> `validate` ->
//! `graph` -> `query` / `export`, chained once per command by `pipeline`. `run` parses a
//! command line and hands it to the one file in `commands/` that answers it.

#[doc(hidden)]
pub mod bench; // entry points for benches/ (not a stable API)
mod cli; // command-line definition -> Config
mod commands; // one file per subcommand
mod diagnostic; // Diagnostic type and rendering
mod error; // I/O, usage and name errors (not about data content)
mod export; // one file per output format: DOT, JSON
mod graph; // validated model -> petgraph
mod graphviz; // running `dot`: DOT -> SVG
mod load; // YAML -> model, with spans
mod model; // entities, relations, schema, sources, dates
mod names; // folding and closeness of names
mod output; // writing answers to stdout or files
mod parallel; // work in ordered parts on every core
mod pipeline; // load -> validate -> graph, for every command
mod printable; // characters that must not reach a terminal as they are
mod query; // pure computations: path, select, neighbors, timeline, ...
mod resolve; // command-line names -> entities
mod run; // command line -> exit code
mod source; // file texts and positions
mod text; // how ties read in text and Markdown
mod validate; // rules over the model
mod views; // the report views in output/, drawn by Graphviz

pub use run::run;
