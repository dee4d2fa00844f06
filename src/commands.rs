//! The subcommands, one file each: resolve the command's arguments against the data, call
//! the library, pick the output format. Each returns the exit code it succeeded with.

mod args; // names, kinds and types on the command line -> the data's own
mod completions;
mod connect;
mod export;
mod man;
mod neighbors;
mod path;
mod render;
mod search;
mod show;
mod sources;
mod stats;
mod timeline;
mod validate;

use crate::cli::{Config, Request};
use crate::error::Error;
use crate::pipeline::{self, with_graph};

/// Runs the command `config` asks for.
pub(crate) fn execute(config: &Config) -> Result<i32, Error> {
    match &config.request {
        Request::Completions(shell) => completions::run(*shell),
        Request::Man(folder) => man::run(folder.as_deref()),
        Request::Validate(request) => validate::run(config, request),
        Request::Stats(request) => with_graph(config, |graph| stats::run(graph, request)),
        Request::Show(request) => with_graph(config, |graph| show::run(graph, request)),
        Request::Sources(format) => sources::run(&pipeline::valid(config)?, *format),
        Request::Search(request) => with_graph(config, |graph| search::run(graph, request)),
        Request::Export(request) => with_graph(config, |graph| export::run(graph, request)),
        Request::Render(request) => with_graph(config, |graph| render::run(graph, request)),
        Request::Path(request) => with_graph(config, |graph| path::run(graph, request)),
        Request::Connect(request) => with_graph(config, |graph| connect::run(graph, request)),
        Request::Neighbors(request) => with_graph(config, |graph| neighbors::run(graph, request)),
        Request::Timeline(request) => with_graph(config, |graph| timeline::run(graph, request)),
    }
}
