//! How the graph reads in text and Markdown answers: an entity's label, a relation's period,
//! one hop of a chain (`A —[leads]→ B (1975)`), the details under it, and numbered footnotes
//! citing the sources. Every command that prints ties in words goes through here, so a tie
//! reads the same in `show`, `path`, `neighbors` and `timeline`.

use std::fmt::{self, Write as _};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::{Entity, Evidence, Relation};

/// `name (id)`, how an entity is named in text answers.
pub(crate) fn entity_label(entity: &Entity) -> String {
    if entity.name.value == entity.id.value.as_str() {
        entity.name.value.to_string()
    } else {
        format!("{} ({})", entity.name.value, entity.id.value)
    }
}

/// A relation's time as text (`1977-07-18`, `1970–1989`, `until 2019`), written without
/// allocating; empty when the relation is undated.
pub(crate) struct Period<'r>(pub(crate) &'r Relation);

impl Period<'_> {
    pub(crate) fn is_known(&self) -> bool {
        self.0.date.is_some() || self.0.end.is_some()
    }
}

impl fmt::Display for Period<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.date, &self.0.end) {
            (Some(date), Some(end)) => write!(f, "{}–{}", date, end),
            (Some(date), None) => write!(f, "{}", date),
            (None, Some(end)) => write!(f, "until {}", end),
            (None, None) => Ok(()),
        }
    }
}

/// A relation's time, or `None` when undated.
pub(crate) fn relation_period(relation: &Relation) -> Option<String> {
    let period = Period(relation);
    period.is_known().then(|| period.to_string())
}

/// The details under a relation line: role, amount, note, then each quote and its source.
pub(crate) fn relation_details(relation: &Relation, indent: &str) -> String {
    let mut out = String::new();
    let details = relation.details();
    if let Some(role) = &details.role {
        let _ = writeln!(out, "{indent}role: {role}");
    }
    if let Some(amount) = details.amount {
        let currency = details.currency.as_deref().unwrap_or("");
        let _ = writeln!(out, "{indent}amount: {amount} {currency}");
    }
    if let Some(place) = &details.place {
        let _ = writeln!(out, "{indent}place: {}", place.value);
    }
    if let Some(note) = &details.note {
        let _ = writeln!(out, "{indent}note: {note}");
    }
    for evidence in &relation.evidence {
        let _ = writeln!(out, "{indent}{evidence}");
    }
    out
}

/// `A —[leads]→ B`, `A ←[member of]— B` or `A —[met]— B`: one hop as read from `at` onwards.
pub(crate) fn hop(graph: &KnowledgeGraph<'_>, at: NodeIndex, edge: EdgeIndex) -> String {
    let relation = graph.graph[edge];
    let (source, target) = graph
        .graph
        .edge_endpoints(edge)
        .expect("edge of this graph");
    let other = if source == at { target } else { source };
    let def = graph.dataset.schema.relation_type(&relation.relation_type);
    let label = def.map_or(relation.relation_type.as_str(), |def| def.label.as_str());
    let symmetric = def.is_some_and(|def| def.symmetric);
    let arrow = match (symmetric, source == at) {
        (true, _) => format!("—[{label}]—"),
        (false, true) => format!("—[{label}]→"),
        (false, false) => format!("←[{label}]—"),
    };
    let period = relation_period(relation)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!(
        "{} {arrow} {}{period}",
        graph.graph[at].name.value, graph.graph[other].name.value
    )
}

/// `1 hop`, `3 hops`.
pub(crate) fn hops_word(hops: usize) -> String {
    format!("{hops} hop{}", if hops == 1 { "" } else { "s" })
}

/// Numbered Markdown footnotes for quotes, one per distinct quote, in order of first use.
#[derive(Default)]
pub(crate) struct Footnotes {
    lines: Vec<String>,
}

impl Footnotes {
    /// The footnote marks (`[^1][^2]`) for a relation's quotes, numbering new ones.
    pub(crate) fn marks(&mut self, graph: &KnowledgeGraph<'_>, relation: &Relation) -> String {
        relation
            .evidence
            .iter()
            .map(|evidence| {
                let line = Self::cite(graph, evidence);
                let number = match self.lines.iter().position(|l| *l == line) {
                    Some(index) => index + 1,
                    None => {
                        self.lines.push(line);
                        self.lines.len()
                    }
                };
                format!("[^{number}]")
            })
            .collect()
    }

    fn cite(graph: &KnowledgeGraph<'_>, evidence: &Evidence) -> String {
        match graph
            .dataset
            .sources
            .iter()
            .find(|s| s.id.value == evidence.source)
        {
            Some(source) => format!(
                "“{}” — *{}*, {}, {}.",
                evidence.quote, source.title, source.publisher, source.date
            ),
            None => evidence.to_string(),
        }
    }

    /// The footnote definitions, one line each.
    pub(crate) fn render(&self) -> String {
        self.lines
            .iter()
            .enumerate()
            .map(|(index, line)| format!("[^{}]: {line}\n", index + 1))
            .collect()
    }
}
