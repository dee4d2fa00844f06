//! Entry points for the criterion benchmarks in `benches/`, which can only call public items.
//! Not a stable API: it exists so the benchmarks time the real stages, not copies of them.

use std::path::Path;

use crate::diagnostic::{self, Severity};
use crate::export::dot::{self, Cluster, DotOptions, Emphasis, RankDir};
use crate::graph::KnowledgeGraph;
use crate::load::DataLocation;
use crate::model::Dataset;
use crate::model::{Date, RelationType};
use crate::pipeline;
use crate::query::connect;
use crate::query::path::{self, PathOptions};
use crate::query::time::TimeFilter;

/// A loaded and validated dataset.
pub struct Data(Dataset);

/// Loads and validates the data folder `dir`, as every command does first.
///
/// # Panics
/// When the folder cannot be read or the data has errors: benchmarks run on valid data.
pub fn load_and_validate(dir: &Path) -> Data {
    let location = DataLocation::Folder(dir.to_path_buf());
    let checked = pipeline::check(&location, None).expect("readable data folder");
    assert_eq!(
        diagnostic::count(&checked.diagnostics, Severity::Error),
        0,
        "benchmark data must be valid"
    );
    Data(checked.dataset)
}

/// A graph built from [`Data`].
pub struct Graph<'d>(KnowledgeGraph<'d>);

impl Data {
    /// Builds the graph.
    pub fn graph(&self) -> Graph<'_> {
        Graph(KnowledgeGraph::build(&self.0))
    }
}

impl Graph<'_> {
    /// Hops of the best path between two entity ids (default options), if there is one.
    ///
    /// # Panics
    /// When an id is not in the graph.
    pub fn path(&self, from: &str, to: &str) -> Option<usize> {
        let from = self.0.node(from).expect("known id");
        let to = self.0.node(to).expect("known id");
        path::k_best(&self.0, from, to, &PathOptions::default(), 1)
            .first()
            .map(|p| p.edges.len())
    }

    /// How many of the `k` best paths between two entity ids `query` finds.
    ///
    /// # Panics
    /// When an id is not in the graph.
    pub fn paths(&self, from: &str, to: &str, query: &PathQuery<'_>) -> usize {
        let from = self.0.node(from).expect("known id");
        let to = self.0.node(to).expect("known id");
        let options = PathOptions {
            max_hops: query.max_hops,
            chronological: query.chronological,
            plain: query.plain,
            time: TimeFilter {
                until: query
                    .until
                    .map(|date| Date::parse(date).expect("a valid date")),
                ..TimeFilter::default()
            },
            via: query.via.iter().map(|t| RelationType::from(*t)).collect(),
            ..PathOptions::default()
        };
        path::k_best(&self.0, from, to, &options, query.k).len()
    }

    /// Ties of the tree joining entity ids (default options), if they can be joined.
    ///
    /// # Panics
    /// When an id is not in the graph.
    pub fn connect(&self, ids: &[&str]) -> Option<usize> {
        let named: Vec<_> = ids
            .iter()
            .map(|id| self.0.node(id).expect("known id"))
            .collect();
        connect::connect(&self.0, &named, &PathOptions::default())
            .ok()
            .map(|tree| tree.hops.len())
    }

    /// The DOT export of the whole graph; returns its length in bytes.
    pub fn dot(&self) -> usize {
        let entities: Vec<_> = self.0.dataset.entities.iter().collect();
        let relations: Vec<_> = self.0.dataset.relations.iter().collect();
        let options = DotOptions {
            cluster: Cluster::Country,
            rankdir: RankDir::LeftRight,
            lists: true,
            labels_on_lines: true,
        };
        dot::export(
            self.0.dataset,
            &entities,
            &relations,
            "benchmark",
            options,
            &Emphasis::default(),
            dot::Appendix::Skip,
        )
        .dot
        .len()
    }
}

/// A `path -k K` question with some of its flags, for [`Graph::paths`].
#[derive(Debug, Default)]
pub struct PathQuery<'a> {
    pub k: usize,
    pub max_hops: Option<usize>,
    pub chronological: bool,
    /// Fewest hops (`--plain`).
    pub plain: bool,
    /// `--until`, a date as the flag takes it.
    pub until: Option<&'a str>,
    /// Relation type names, as `--via` takes them.
    pub via: &'a [&'a str],
}
