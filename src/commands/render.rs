//! `render [--check]`: the report views in `output/`, drawn by Graphviz; with `--check`,
//! whether they are up to date with the data.

use crate::cli::RenderRequest;
use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::views;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &RenderRequest) -> Result<i32, Error> {
    let out = &request.out;
    if out.exists() && !out.is_dir() {
        return Err(Error::OutputIsFile(out.clone()));
    }
    if request.check {
        let stale = views::stale(graph, out)?;
        if !stale.is_empty() {
            return Err(Error::StaleOutput { stale });
        }
        output::message(&format!(
            "{} is up to date with {}",
            out.display(),
            graph.dataset.origin
        ));
    } else {
        let rendered = views::render(graph, out, &request.formats)?;
        for file in rendered.written {
            output::message(&format!("wrote {file}"));
        }
        for file in rendered.removed {
            output::message(&format!("removed {file}"));
        }
    }
    Ok(0)
}
