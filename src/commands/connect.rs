//! `connect A B C …`: the cheapest set of ties joining several entities, as text, Markdown
//! with footnotes, JSON, DOT (the tree drawn bold in its neighbourhood) or Mermaid. Names, filters
//! and their errors are `path`'s; entities that cannot be joined exit 1, naming the filters.

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::cli::{ConnectRequest, PathFormat};
use crate::commands::args::nodes_named;
use crate::commands::path::explain::{self, ChargeRecord};
use crate::commands::path::{
    capitalised, drawn, flowchart, hops_markdown, hops_text, link_filters, link_options, rounded,
    weak_sentence, HopLine, Stronger,
};
use crate::error::Error;
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::connect::{charges, connect, Apart, Tree};
use crate::query::path::Charge;
use crate::text::{markdown, Footnotes};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &ConnectRequest) -> Result<i32, Error> {
    let named = nodes_named(graph, &request.names)?;
    let id = |node: &NodeIndex| graph.graph[*node].id.value.to_string();
    let mut seen = Vec::with_capacity(named.len());
    for node in &named {
        if seen.contains(node) {
            return Err(Error::NamedTwice(id(node)));
        }
        seen.push(*node);
    }
    let options = link_options(
        graph,
        &request.links,
        &named,
        "one of the entities to connect",
    )?;
    let tree = connect(graph, &named, &options).map_err(|Apart { joined, apart }| {
        Error::NoConnection {
            joined: joined.iter().map(id).collect(),
            apart: apart.iter().map(id).collect(),
            filters: link_filters(&request.links),
        }
    })?;
    let explained = request.explain.then(|| charges(graph, &options, &tree));
    let weak = tree.coincidences(graph);
    let stronger = Stronger::search(graph, "tree", &options, &weak, |avoiding| {
        let tree = connect(graph, &named, avoiding).ok()?;
        let ties = tree.hops.len();
        let noun = if ties == 1 { "tie" } else { "ties" };
        Some(format!("{ties} {noun}, cost {:.1}", tree.cost))
    });
    let answer = Answer {
        graph,
        tree: &tree,
        weak: &weak,
        stronger: stronger.as_ref(),
        charges: explained.as_deref(),
        plain: options.plain,
    };
    let nodes = || tree.nodes.iter().copied();
    let edges = || tree.hops.iter().map(|(_, edge)| *edge);
    output::stdout(&match request.format {
        PathFormat::Json => answer.json(),
        PathFormat::Text => answer.text(),
        PathFormat::Markdown => answer.markdown(),
        // The tree's ties numbered in the order the text lists them.
        PathFormat::Dot => drawn(graph, nodes(), edges().zip(1..), &answer.picture_title()),
        PathFormat::Mermaid => flowchart(graph, nodes(), edges(), &answer.picture_title()),
    })?;
    Ok(0)
}

/// The tree joining the named entities, to be written in the format asked for.
struct Answer<'a, 'd> {
    graph: &'a KnowledgeGraph<'d>,
    tree: &'a Tree,
    /// The entities the tree passes only as a coincidence.
    weak: &'a [NodeIndex],
    /// When it passes one, the best tree that avoids their kinds.
    stronger: Option<&'a Stronger>,
    /// With `--explain`: the tree's cost, charge by charge.
    charges: Option<&'a [Charge]>,
    /// Ranked by ties alone, so the charges are read as such.
    plain: bool,
}

#[derive(Serialize)]
struct TreeRecord<'d> {
    /// The entities asked for, in the order given.
    named: Vec<&'d str>,
    /// Every entity of the tree, the named ones included, in the order its ties reach them.
    nodes: Vec<&'d str>,
    edges: Vec<EdgeRecord<'d>>,
    cost: f64,
    ties: usize,
    /// The entities passed as a coincidence (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coincidences: Vec<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<ChargeRecord<'d>>>,
}

impl Answer<'_, '_> {
    /// `Kaysone Phomvihane, Thongloun Sisoulith and Nguyễn Phú Trọng`.
    fn title(&self) -> String {
        let names: Vec<&str> = self
            .tree
            .named
            .iter()
            .map(|node| self.graph.graph[*node].name.value.as_str())
            .collect();
        match names.split_last() {
            Some((last, [_, ..])) => format!("{} and {last}", names[..names.len() - 1].join(", ")),
            _ => names.concat(),
        }
    }

    /// The pictures' title: the names, then the weak flag, so it travels with the picture.
    fn picture_title(&self) -> String {
        match weak_sentence(self.graph, self.weak) {
            Some(weak) => format!("{}\n{}", self.title(), capitalised(&weak)),
            None => self.title(),
        }
    }

    /// `3 entities joined by 4 ties, cost 12.3`.
    fn summary(&self) -> String {
        let ties = self.tree.hops.len();
        format!(
            "{} entities joined by {ties} {}, cost {:.1}",
            self.tree.named.len(),
            if ties == 1 { "tie" } else { "ties" },
            self.tree.cost
        )
    }

    /// The tree's ties for the hop writers (no alternatives: a tie is one relation).
    fn hops(&self) -> impl Iterator<Item = HopLine<'_>> + '_ {
        self.tree.hops.iter().map(|&(at, edge)| (at, edge, &[][..]))
    }

    fn json(&self) -> String {
        let graph = self.graph;
        let id = |node: &NodeIndex| graph.graph[*node].id.value.as_str();
        to_json(&TreeRecord {
            named: self.tree.named.iter().map(id).collect(),
            nodes: self.tree.nodes.iter().map(id).collect(),
            edges: self
                .tree
                .hops
                .iter()
                .map(|(_, edge)| EdgeRecord::new(&graph.dataset.schema, graph.graph[*edge]))
                .collect(),
            cost: rounded(self.tree.cost),
            ties: self.tree.hops.len(),
            coincidences: self.weak.iter().map(id).collect(),
            explain: self.charges.map(|charges| explain::records(graph, charges)),
        })
    }

    fn text(&self) -> String {
        let mut out = format!("{}: {}\n", self.title(), self.summary());
        if let Some(weak) = weak_sentence(self.graph, self.weak) {
            out.push_str(&format!("  {weak}\n"));
        }
        hops_text(&mut out, self.graph, self.hops());
        if let Some(charges) = self.charges {
            out.push_str(&explain::text(self.graph, charges, self.plain));
        }
        if let Some(stronger) = self.stronger {
            out.push_str(&format!("\n{}\n", stronger.sentence()));
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("### {}\n\n{}\n\n", markdown(&self.title()), self.summary());
        if let Some(weak) = weak_sentence(self.graph, self.weak) {
            out.push_str(&format!("> {}\n\n", markdown(&capitalised(&weak))));
        }
        let mut notes = Footnotes::default();
        hops_markdown(&mut out, self.graph, &mut notes, self.hops());
        if let Some(charges) = self.charges {
            out.push('\n');
            out.push_str(&explain::markdown(self.graph, charges, self.plain));
        }
        if let Some(stronger) = self.stronger {
            out.push_str(&format!(
                "\n{}.\n",
                markdown(&capitalised(&stronger.sentence()))
            ));
        }
        notes.finish(&mut out);
        out
    }
}
