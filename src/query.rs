//! Questions asked of the graph: counts (`stats`), one entity's ties (`show`), finding
//! entities by text (`search`); how two entities are connected (`path`, in `query/path.rs`),
//! who is near one (`neighbors`) and what happened when (`timeline`), rendered in
//! `query/report.rs`. Each answer renders as text or JSON (some as Markdown or DOT too); the
//! caller prints it.

pub(crate) mod path;
pub(crate) mod report;
pub(crate) mod select;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use crate::export::json::{to_json, EdgeRecord, NodeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, Date, Entity, Relation};
use crate::resolve::fold;

/// Text for people, JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
}

/// Which relations count, by when they held. A relation spans `date`..`end`, or without `end`
/// its date's own period (`1977` is the whole year). Undated relations are outside every time
/// filter: nothing shows they held then.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimeFilter {
    /// In force at some point of this date's period.
    pub(crate) at: Option<Date>,
    /// Still in force on or after this date.
    pub(crate) since: Option<Date>,
    /// Already in force on or before this date.
    pub(crate) until: Option<Date>,
}

impl TimeFilter {
    pub(crate) fn is_empty(&self) -> bool {
        self.at.is_none() && self.since.is_none() && self.until.is_none()
    }

    pub(crate) fn admits(&self, relation: &Relation) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(date) = &relation.date else {
            return false;
        };
        let start = date.first_day();
        let end = relation
            .end
            .as_ref()
            .map_or(date.last_day(), |end| end.last_day());
        self.at
            .is_none_or(|at| start <= at.last_day() && end >= at.first_day())
            && self.since.is_none_or(|since| end >= since.first_day())
            && self.until.is_none_or(|until| start <= until.last_day())
    }

    /// `at 1977`, `since 2019`, ... for messages that name the filters in force.
    pub(crate) fn describe(&self) -> Vec<String> {
        [
            ("at", self.at),
            ("since", self.since),
            ("until", self.until),
        ]
        .into_iter()
        .filter_map(|(word, date)| date.map(|date| format!("--{word} {date}")))
        .collect()
    }
}

#[derive(Debug, Serialize)]
struct Connected<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    degree: usize,
}

#[derive(Debug, Serialize)]
struct Stats<'d> {
    dataset: &'d str,
    entities: usize,
    relations: usize,
    sources: usize,
    kinds: BTreeMap<&'d str, usize>,
    relation_types: BTreeMap<&'d str, usize>,
    components: usize,
    largest_component: usize,
    most_connected: Vec<Connected<'d>>,
}

/// Counts by kind and type, connectivity, and the `top` most connected entities.
pub(crate) fn stats(graph: &KnowledgeGraph<'_>, top: usize, format: OutputFormat) -> String {
    let dataset = graph.dataset;
    let mut kinds = BTreeMap::new();
    for entity in &dataset.entities {
        *kinds.entry(entity.kind.value.as_str()).or_insert(0) += 1;
    }
    let mut relation_types = BTreeMap::new();
    for relation in &dataset.relations {
        *relation_types
            .entry(relation.relation_type.as_str())
            .or_insert(0) += 1;
    }
    let components = graph.components();
    let mut by_degree: Vec<_> = graph
        .graph
        .node_indices()
        .map(|n| (graph.degree(n), n))
        .collect();
    // Highest degree first; ties in dataset order, so the list is stable.
    by_degree.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let stats = Stats {
        dataset: &dataset.origin,
        entities: dataset.entities.len(),
        relations: dataset.relations.len(),
        sources: dataset.sources.len(),
        kinds,
        relation_types,
        components: components.len(),
        largest_component: components.first().map_or(0, Vec::len),
        most_connected: by_degree
            .into_iter()
            .take(top)
            .map(|(degree, node)| {
                let entity = graph.graph[node];
                Connected {
                    id: entity.id.value.as_str(),
                    name: &entity.name.value,
                    kind: entity.kind.value.as_str(),
                    degree,
                }
            })
            .collect(),
    };
    match format {
        OutputFormat::Json => to_json(&stats),
        OutputFormat::Text => stats_text(&stats),
    }
}

fn stats_text(stats: &Stats<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dataset: {}", stats.dataset);
    let _ = writeln!(
        out,
        "{} entities, {} relations, {} sources",
        stats.entities, stats.relations, stats.sources
    );
    let _ = writeln!(
        out,
        "{} connected component(s); the largest holds {} of {} entities",
        stats.components, stats.largest_component, stats.entities
    );
    for (title, counts) in [
        ("entities by kind", &stats.kinds),
        ("relations by type", &stats.relation_types),
    ] {
        let _ = writeln!(out, "\n{title}:");
        let mut sorted: Vec<_> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (name, count) in sorted {
            let _ = writeln!(out, "  {count:>6}  {name}");
        }
    }
    let _ = writeln!(out, "\nmost connected:");
    for entity in &stats.most_connected {
        let _ = writeln!(
            out,
            "  {:>6}  {} ({}, {})",
            entity.degree, entity.name, entity.id, entity.kind
        );
    }
    out
}

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

impl std::fmt::Display for Period<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

#[derive(Debug, Serialize)]
struct Shown<'d> {
    entity: NodeRecord<'d>,
    relations: Vec<EdgeRecord<'d>>,
}

/// One entity and every relation touching it, grouped by type, dated ones in time order.
pub(crate) fn show(graph: &KnowledgeGraph<'_>, entity: &Entity, format: OutputFormat) -> String {
    let node = graph
        .node(entity.id.value.as_str())
        .expect("resolved entities are in the graph");
    // (relation, which way it points from this entity, the entity at its other end)
    let mut edges: Vec<(&Relation, Direction, NodeIndex)> =
        [Direction::Outgoing, Direction::Incoming]
            .into_iter()
            .flat_map(|direction| {
                graph.graph.edges_directed(node, direction).map(move |e| {
                    let other = if direction == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    };
                    (*e.weight(), direction, other)
                })
            })
            .collect();
    edges.sort_by(|(a, ..), (b, ..)| {
        a.relation_type
            .cmp(&b.relation_type)
            .then_with(|| match (&a.date, &b.date) {
                (Some(x), Some(y)) => x.chronological(*y),
                (x, y) => y.is_none().cmp(&x.is_none()),
            })
    });
    // Self-loops appear once per direction; show them once.
    edges.dedup_by(|a, b| std::ptr::eq(a.0, b.0));
    match format {
        OutputFormat::Json => to_json(&Shown {
            entity: NodeRecord::new(entity),
            relations: edges
                .iter()
                .map(|(relation, ..)| EdgeRecord::new(relation))
                .collect(),
        }),
        OutputFormat::Text => show_text(graph, entity, &edges),
    }
}

fn show_text(
    graph: &KnowledgeGraph<'_>,
    entity: &Entity,
    edges: &[(&Relation, Direction, NodeIndex)],
) -> String {
    let mut out = String::new();
    let country = entity
        .country
        .as_ref()
        .map(|c| format!(", {}", c.value))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} ({}, {}{country})",
        entity.name.value, entity.id.value, entity.kind.value
    );
    if !entity.aliases.is_empty() {
        let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.value.as_str()).collect();
        let _ = writeln!(out, "also: {}", aliases.join(", "));
    }
    if let Some(description) = &entity.description {
        let _ = writeln!(out, "{description}");
    }
    let _ = writeln!(out, "\n{} relation(s):", edges.len());
    for &(relation, direction, other) in edges {
        let symmetric = graph
            .dataset
            .schema
            .relation_type(&relation.relation_type)
            .is_some_and(|def| def.symmetric);
        let (arrow_in, arrow_out) = match direction {
            _ if symmetric => ("—", "—"),
            Direction::Outgoing => ("", "→"),
            Direction::Incoming => ("←", ""),
        };
        let other = entity_label(graph.graph[other]);
        let period = relation_period(relation)
            .map(|p| format!("  ({p})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {arrow_in}[{}]{arrow_out} {other}{period}",
            relation.relation_type
        );
        out.push_str(&relation_details(relation, "      "));
    }
    out
}

#[derive(Debug, Serialize)]
struct SearchHit<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    /// Which field matched: `id`, `name`, `alias` or `description`.
    matched: &'static str,
}

/// Entities whose id, name, alias or description contains `text` (folded: case, diacritics
/// and punctuation ignored). `None` when nothing matches.
pub(crate) fn search(dataset: &Dataset, text: &str, format: OutputFormat) -> Option<String> {
    let wanted = fold(text);
    let contains = |field: &str| !wanted.is_empty() && fold(field).contains(&wanted);
    let hits: Vec<SearchHit<'_>> = dataset
        .entities
        .iter()
        .filter_map(|entity| {
            let matched = if contains(entity.id.value.as_str()) {
                "id"
            } else if contains(&entity.name.value) {
                "name"
            } else if entity.aliases.iter().any(|alias| contains(&alias.value)) {
                "alias"
            } else if entity.description.as_deref().is_some_and(contains) {
                "description"
            } else {
                return None;
            };
            Some(SearchHit {
                id: entity.id.value.as_str(),
                name: &entity.name.value,
                kind: entity.kind.value.as_str(),
                matched,
            })
        })
        .collect();
    if hits.is_empty() {
        return None;
    }
    Some(match format {
        OutputFormat::Json => to_json(&hits),
        OutputFormat::Text => {
            let width = hits.iter().map(|hit| hit.id.len()).max().unwrap_or(0);
            hits.iter()
                .map(|hit| {
                    format!(
                        "{:<width$}  {} ({}; matched {})\n",
                        hit.id, hit.name, hit.kind, hit.matched
                    )
                })
                .collect()
        }
    })
}
