//! `path FROM TO`: how two entities are connected, as text, Markdown with footnotes, JSON,
//! or DOT (the paths drawn bold in their neighbourhood). No connection exits 1, naming the
//! filters in force.

use std::collections::HashSet;
use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;

use crate::cli::{LinkRequest, PathFormat, PathRequest};
use crate::commands::args::{check_kinds, check_relation_types, node_named, nodes_named};
use crate::error::Error;
use crate::export::dot::{self, Cluster, DotOptions, Emphasis, RankDir};
use crate::export::json::{to_json, EdgeRecord};
use crate::export::mermaid;
use crate::graph::KnowledgeGraph;
use crate::model::{Entity, KindId, Relation, RelationType};
use crate::output;
use crate::query::path::{
    all_cheapest, charges, coincidences, ends_only_part_of, era_gap, k_best, of_coincidence_kind,
    Charge, Path, PathOptions,
};
use crate::query::select::around;
use crate::text::{hop, hops_word, markdown, relation_details, Footnotes, Markup};

pub(super) mod explain;

use explain::ChargeRecord;

/// `--all-shortest` lists at most this many paths.
const MAX_ALL_SHORTEST: usize = 100;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &PathRequest) -> Result<i32, Error> {
    let from = node_named(graph, &request.from)?;
    let to = node_named(graph, &request.to)?;
    let id = |node: NodeIndex| graph.graph[node].id.value.to_string();
    if from == to {
        return Err(Error::SameEntity(id(from)));
    }
    let mut options = link_options(graph, &request.links, &[from, to], "an end of the path")?;
    options.directed = request.directed;
    options.chronological = request.chronological;
    let paths = if request.all_shortest {
        all_cheapest(graph, from, to, &options, MAX_ALL_SHORTEST)
    } else {
        k_best(graph, from, to, &options, request.k)
    };
    if paths.is_empty() {
        let mut filters = Vec::new();
        if request.directed {
            filters.push("--directed".to_string());
        }
        filters.extend(link_filters(&request.links));
        if request.chronological {
            filters.push("--chronological".to_string());
            // Without a time filter `--undated` is not one, but it changes what is in order.
            if options.time.undated && !filters.iter().any(|flag| flag == "--undated") {
                filters.push("--undated".to_string());
            }
        }
        return Err(Error::NoPath {
            from: id(from),
            to: id(to),
            filters,
        });
    }
    let explained = request.explain.then(|| Explained {
        charges: paths
            .iter()
            .map(|path| charges(graph, &options, path))
            .collect(),
        plain: options.plain,
    });
    let weak: Vec<Vec<NodeIndex>> = paths.iter().map(|path| coincidences(graph, path)).collect();
    let eras: Vec<Option<(u16, u16)>> = paths.iter().map(|path| era_gap(graph, path)).collect();
    let parts: Vec<Vec<(NodeIndex, NodeIndex)>> = paths
        .iter()
        .map(|path| ends_only_part_of(graph, path))
        .collect();
    let stronger = Stronger::search(graph, "chain", &options, &weak[0], |avoiding| {
        let path = k_best(graph, from, to, avoiding, 1).into_iter().next()?;
        Some(format!(
            "{}, cost {:.1}",
            hops_word(path.edges.len()),
            path.cost
        ))
    });
    let answer = Answer {
        graph,
        from,
        to,
        paths: &paths,
        weak: &weak,
        eras: &eras,
        parts: &parts,
        stronger: stronger.as_ref(),
        explained: explained.as_ref(),
    };
    output::stdout(&match request.format {
        PathFormat::Json => answer.json(),
        PathFormat::Text => answer.text(),
        PathFormat::Markdown => answer.markdown(),
        PathFormat::Dot => answer.drawn(),
        PathFormat::Mermaid => answer.flowchart(),
    })?;
    Ok(0)
}

/// The search options `links` asks for, checked against the data: relation types and kinds
/// it declares, names resolved, none of the `ends` (`role` says what they are) avoided.
/// Direction and time order are left off, for the caller to set.
pub(super) fn link_options(
    graph: &KnowledgeGraph<'_>,
    links: &LinkRequest,
    ends: &[NodeIndex],
    role: &'static str,
) -> Result<PathOptions, Error> {
    check_relation_types(graph.dataset, &links.via)?;
    check_kinds(graph.dataset, &links.avoid_kinds)?;
    check_kinds(graph.dataset, &links.via_kinds)?;
    let avoid = nodes_named(graph, &links.avoid)?;
    if let Some(end) = avoid.iter().find(|node| ends.contains(node)) {
        return Err(Error::AvoidedEnd {
            name: graph.graph[*end].id.value.to_string(),
            role,
        });
    }
    Ok(PathOptions {
        plain: links.plain,
        max_hops: links.max_hops,
        via: links.via.clone(),
        avoid,
        avoid_kinds: links.avoid_kinds.clone(),
        via_kinds: links.via_kinds.clone(),
        time: links.time,
        facts_only: links.facts_only,
        ..PathOptions::default()
    })
}

/// The options of `links` in force, as the user would type them, for "no path" messages.
pub(super) fn link_filters(links: &LinkRequest) -> Vec<String> {
    let mut filters = Vec::new();
    if let Some(max) = links.max_hops {
        filters.push(format!("--max-hops {max}"));
    }
    if !links.via.is_empty() {
        let via: Vec<&str> = links.via.iter().map(RelationType::as_str).collect();
        filters.push(format!("--via {}", via.join(",")));
    }
    if !links.avoid.is_empty() {
        filters.push(format!("--avoid {}", links.avoid.join(",")));
    }
    for (flag, kinds) in [
        ("--avoid-kinds", &links.avoid_kinds),
        ("--via-kinds", &links.via_kinds),
    ] {
        if !kinds.is_empty() {
            let kinds: Vec<&str> = kinds.iter().map(KindId::as_str).collect();
            filters.push(format!("{flag} {}", kinds.join(",")));
        }
    }
    filters.extend(links.time.describe());
    if links.facts_only {
        filters.push("--facts-only".to_string());
    }
    filters
}

/// The paths found between two entities, to be written in the format asked for.
struct Answer<'a, 'd> {
    graph: &'a KnowledgeGraph<'d>,
    from: NodeIndex,
    to: NodeIndex,
    paths: &'a [Path],
    /// The entities each path passes only as a coincidence.
    weak: &'a [Vec<NodeIndex>],
    /// Each path's widest gap between its dated ties, when its ties are decades apart.
    eras: &'a [Option<(u16, u16)>],
    /// Each path's ends tied to it only as a part of the next entity, with that whole.
    parts: &'a [Vec<(NodeIndex, NodeIndex)>],
    /// When the best path passes one, the best that avoids their kinds.
    stronger: Option<&'a Stronger>,
    explained: Option<&'a Explained>,
}

/// When an answer passes an entity only as a coincidence, the best answer that passes no
/// entity of a coincidence kind at all, so its reader learns whether a stronger one exists.
pub(super) struct Stronger {
    /// What an answer is: a chain (`path`), a tree (`connect`).
    what: &'static str,
    /// The coincidence kinds, as `--avoid-kinds` takes them.
    kinds: Vec<KindId>,
    /// How big the answer avoiding them is and what it costs (`4 hops, cost 21.0`); `None`:
    /// there is none.
    found: Option<String>,
}

impl Stronger {
    /// For an answer that passes `weak` as coincidences, what `answer` finds with `options`
    /// avoiding every coincidence kind besides; none when no entity of `weak` is of such a
    /// kind (a body held in turn is not avoided by kind).
    pub(super) fn search(
        graph: &KnowledgeGraph<'_>,
        what: &'static str,
        options: &PathOptions,
        weak: &[NodeIndex],
        answer: impl FnOnce(&PathOptions) -> Option<String>,
    ) -> Option<Self> {
        if !weak.iter().any(|&node| of_coincidence_kind(graph, node)) {
            return None;
        }
        let schema = &graph.dataset.schema;
        let kinds: Vec<KindId> = schema
            .kinds
            .iter()
            .filter(|kind| schema.path_costs().is_coincidence_kind(kind.through))
            .map(|kind| kind.id.value.clone())
            .collect();
        let mut avoiding = options.clone();
        avoiding.avoid_kinds.extend(kinds.iter().cloned());
        let found = answer(&avoiding);
        Some(Stronger { what, kinds, found })
    }

    /// `the best chain with no country, port or place in the middle: 4 hops, cost 21.0
    /// (--avoid-kinds country,port,place)`, or that there is none.
    pub(super) fn sentence(&self) -> String {
        let kinds: Vec<&str> = self.kinds.iter().map(KindId::as_str).collect();
        let flag = format!("--avoid-kinds {}", kinds.join(","));
        let kinds = match kinds.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => kinds.join(""),
        };
        let what = self.what;
        match &self.found {
            Some(found) => {
                format!("the best {what} with no {kinds} in the middle: {found} ({flag})")
            }
            // Said as a verdict: a journalist must not read the weak chain as a tie.
            None => format!(
                "no {what} avoids a {kinds} in the middle ({flag} finds none): in the curated data they meet only through things both are tied to, whatever else the texts say"
            ),
        }
    }
}

/// `weak: through France (country), which joins the ties beside it by coincidence`.
pub(super) fn weak_sentence(graph: &KnowledgeGraph<'_>, weak: &[NodeIndex]) -> Option<String> {
    let names: Vec<String> = weak
        .iter()
        .map(|node| {
            let entity = graph.graph[*node];
            format!("{} ({})", entity.name.value, entity.kind.value.as_str())
        })
        .collect();
    let (names, verb, them) = match names.split_last()? {
        (last, []) => (last.clone(), "joins", "it"),
        (last, rest) => (format!("{} and {last}", rest.join(", ")), "join", "them"),
    };
    Some(format!(
        "weak: through {names}, which {verb} the ties beside {them} by coincidence"
    ))
}

/// `weak: Foreign Affairs Department is only part of Communist Party of Vietnam here: the
/// chain is the whole's, not the part's`.
pub(super) fn part_sentence(
    graph: &KnowledgeGraph<'_>,
    (end, whole): (NodeIndex, NodeIndex),
) -> String {
    let name = |node: NodeIndex| graph.graph[node].name.value.as_str();
    format!(
        "weak: {} is only part of {} here: the chain is the whole's, not the part's",
        name(end),
        name(whole)
    )
}

/// `note: its ties are decades apart, nothing of it holding from 1952 to 1977: separate
/// episodes, not one story`, for a path whose dated ties are
/// [`ERA_GAP_YEARS`](crate::query::path::ERA_GAP_YEARS) or more apart.
pub(super) fn era_sentence((before, after): (u16, u16)) -> String {
    format!(
        "note: its ties are decades apart, nothing of it holding from {before} to {after}: \
         separate episodes, not one story"
    )
}

/// Each path's cost, charge by charge, for `--explain`.
struct Explained {
    charges: Vec<Vec<Charge>>,
    /// Ranked by hops alone, so the charges are read as such.
    plain: bool,
}

/// A cost as JSON gives it: to three decimals, enough to tell paths apart.
pub(super) fn rounded(cost: f64) -> f64 {
    (cost * 1000.0).round() / 1000.0
}

#[derive(Serialize)]
struct PathRecord<'d> {
    nodes: Vec<&'d str>,
    edges: Vec<HopRecord<'d>>,
    cost: f64,
    hops: usize,
    /// The entities passed as a coincidence (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coincidences: Vec<&'d str>,
    /// The years either side of the widest gap between its dated ties, when decades apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    era_gap: Option<(u16, u16)>,
    /// Its ends tied to it only as a part of the next entity: `[end, whole]` pairs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    only_part_of: Vec<[&'d str; 2]>,
    /// With `--explain` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<ChargeRecord<'d>>>,
}

/// A hop's relation, with the other relations between the same two entities it could have
/// taken (left out when there are none).
#[derive(Serialize)]
struct HopRecord<'d> {
    #[serde(flatten)]
    relation: EdgeRecord<'d>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<EdgeRecord<'d>>,
}

#[derive(Serialize)]
struct PathsRecord<'d> {
    from: &'d str,
    to: &'d str,
    paths: Vec<PathRecord<'d>>,
}

impl Answer<'_, '_> {
    fn json(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let (from, to) = (self.from, self.to);
        let id = |node: NodeIndex| graph.graph[node].id.value.as_str();
        let record = |edge: &EdgeIndex| EdgeRecord::new(&graph.dataset.schema, graph.graph[*edge]);
        to_json(&PathsRecord {
            from: id(from),
            to: id(to),
            paths: paths
                .iter()
                .enumerate()
                .map(|(number, path)| PathRecord {
                    nodes: path.nodes.iter().map(|n| id(*n)).collect(),
                    edges: path
                        .edges
                        .iter()
                        .zip(&path.alternatives)
                        .map(|(edge, others)| HopRecord {
                            relation: record(edge),
                            alternatives: others.iter().map(record).collect(),
                        })
                        .collect(),
                    cost: rounded(path.cost),
                    hops: path.edges.len(),
                    coincidences: self.weak[number].iter().map(|n| id(*n)).collect(),
                    era_gap: self.eras[number],
                    only_part_of: self.parts[number]
                        .iter()
                        .map(|&(end, whole)| [id(end), id(whole)])
                        .collect(),
                    explain: explained
                        .map(|explained| explain::records(graph, &explained.charges[number])),
                })
                .collect(),
        })
    }

    fn text(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let mut out = String::new();
        for (number, path) in paths.iter().enumerate() {
            let hops = hops_word(path.edges.len());
            if paths.len() > 1 {
                let _ = writeln!(
                    out,
                    "path {} of {}: {hops}, cost {:.1}",
                    number + 1,
                    paths.len(),
                    path.cost
                );
            } else {
                let _ = writeln!(out, "{hops}, cost {:.1}", path.cost);
            }
            if let Some(weak) = weak_sentence(graph, &self.weak[number]) {
                let _ = writeln!(out, "  {weak}");
            }
            for &part in &self.parts[number] {
                let _ = writeln!(out, "  {}", part_sentence(graph, part));
            }
            if let Some(gap) = self.eras[number] {
                let _ = writeln!(out, "  {}", era_sentence(gap));
            }
            hops_text(&mut out, graph, hops_of(path));
            if let Some(explained) = explained {
                out.push_str(&explain::text(
                    graph,
                    &explained.charges[number],
                    explained.plain,
                ));
            }
            if number + 1 < paths.len() {
                out.push('\n');
            }
        }
        if let Some(stronger) = self.stronger {
            let _ = writeln!(out, "\n{}", stronger.sentence());
        }
        out
    }

    fn markdown(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let mut notes = Footnotes::default();
        let mut out = format!("### {}\n\n", markdown(&self.title()));
        for (number, path) in paths.iter().enumerate() {
            if paths.len() > 1 {
                let _ = writeln!(
                    out,
                    "**Path {}** ({}, cost {:.1})\n",
                    number + 1,
                    hops_word(path.edges.len()),
                    path.cost
                );
            }
            if let Some(weak) = weak_sentence(graph, &self.weak[number]) {
                let _ = writeln!(out, "> {}\n", markdown(&capitalised(&weak)));
            }
            let cautions = self.parts[number]
                .iter()
                .map(|&part| part_sentence(graph, part))
                .chain(self.eras[number].map(era_sentence));
            for caution in cautions {
                let _ = writeln!(out, "> {}\n", markdown(&capitalised(&caution)));
            }
            hops_markdown(&mut out, graph, &mut notes, hops_of(path));
            let last = number + 1 == paths.len();
            if let Some(explained) = explained {
                out.push('\n');
                out.push_str(&explain::markdown(
                    graph,
                    &explained.charges[number],
                    explained.plain,
                ));
            }
            if !last {
                out.push('\n');
            }
        }
        if let Some(stronger) = self.stronger {
            let _ = writeln!(out, "\n{}.", markdown(&capitalised(&stronger.sentence())));
        }
        notes.finish(&mut out);
        out
    }

    /// The paths alone (every hop and its alternatives) as a Mermaid flowchart.
    fn flowchart(&self) -> String {
        let paths = self.paths;
        flowchart(
            self.graph,
            paths.iter().flat_map(|p| p.nodes.iter().copied()),
            paths.iter().flat_map(Path::relations),
            &self.picture_title(),
        )
    }

    /// `from → to`, by name.
    fn title(&self) -> String {
        let name = |node: NodeIndex| self.graph.graph[node].name.value.as_str();
        format!("{} → {}", name(self.from), name(self.to))
    }

    /// The paths drawn bold inside their immediate neighbourhood.
    fn drawn(&self) -> String {
        let (graph, paths) = (self.graph, self.paths);
        // Each hop (and its alternatives) by its step in its path; the first path's number
        // wins where paths share a hop.
        let steps = paths.iter().rev().flat_map(|path| {
            let alternatives = path.alternatives.iter().map(Vec::as_slice);
            path.edges
                .iter()
                .zip(alternatives.chain(std::iter::repeat(&[][..])))
                .enumerate()
                .flat_map(|(step, (hop, others))| {
                    std::iter::once(hop)
                        .chain(others)
                        .map(move |edge| (*edge, step + 1))
                })
        });
        drawn(
            graph,
            paths.iter().flat_map(|p| p.nodes.iter().copied()),
            steps,
            &self.picture_title(),
        )
    }

    /// The pictures' title: `from → to`, then a line for each weak chain, so the flag
    /// travels with the picture.
    fn picture_title(&self) -> String {
        let weak = self.weak.iter().enumerate().filter_map(|(number, weak)| {
            let sentence = weak_sentence(self.graph, weak)?;
            Some(match self.paths.len() {
                1 => capitalised(&sentence),
                _ => format!("Chain {}, {sentence}", number + 1),
            })
        });
        std::iter::once(self.title())
            .chain(weak)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `text` with its first letter in capitals.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// One hop as the hop writers take it: the entity it is read from, its relation and the
/// other relations it could have taken.
pub(super) type HopLine<'a> = (NodeIndex, EdgeIndex, &'a [EdgeIndex]);

/// A path's hops, for the hop writers.
fn hops_of(path: &Path) -> impl Iterator<Item = HopLine<'_>> {
    path.nodes
        .iter()
        .zip(&path.edges)
        .zip(&path.alternatives)
        .map(|((at, edge), others)| (*at, *edge, others.as_slice()))
}

/// The most alternatives shown under a hop in text and Markdown, cheapest first: a hop
/// between Laos and Vietnam has thirty, and listing them all buried the answer (a reviewer's
/// complaint); JSON lists every one.
const ALSO_SHOWN: usize = 3;

/// `also: 27 more ties between them (--format json lists them all)`, when some were left out.
fn more_alternatives(others: &[EdgeIndex]) -> Option<String> {
    let more = others
        .len()
        .checked_sub(ALSO_SHOWN)
        .filter(|&more| more > 0)?;
    let ties = if more == 1 { "tie" } else { "ties" };
    Some(format!(
        "also: {more} more {ties} between them (--format json lists them all)"
    ))
}

/// Hops as text lines, each with its details and quotes, then its alternatives (`also:`).
pub(super) fn hops_text<'a>(
    out: &mut String,
    graph: &KnowledgeGraph<'_>,
    hops: impl Iterator<Item = HopLine<'a>>,
) {
    for (at, edge, others) in hops {
        let _ = writeln!(out, "  {}", hop(graph, at, edge, Markup::Plain));
        out.push_str(&relation_details(graph.graph[edge], "      "));
        for other in others.iter().take(ALSO_SHOWN) {
            let _ = writeln!(out, "      also: {}", hop(graph, at, *other, Markup::Plain));
            out.push_str(&relation_details(graph.graph[*other], "          "));
        }
        if let Some(more) = more_alternatives(others) {
            let _ = writeln!(out, "      {more}");
        }
    }
}

/// Hops as a numbered Markdown list, footnoted, alternatives as sub-items (`also:`).
pub(super) fn hops_markdown<'a>(
    out: &mut String,
    graph: &KnowledgeGraph<'_>,
    notes: &mut Footnotes,
    hops: impl Iterator<Item = HopLine<'a>>,
) {
    for (step, (at, edge, others)) in hops.enumerate() {
        let marks = notes.marks(graph, graph.graph[edge]);
        let _ = writeln!(
            out,
            "{}. {}{marks}",
            step + 1,
            hop(graph, at, edge, Markup::Markdown)
        );
        for other in others.iter().take(ALSO_SHOWN) {
            let marks = notes.marks(graph, graph.graph[*other]);
            let _ = writeln!(
                out,
                "   - also: {}{marks}",
                hop(graph, at, *other, Markup::Markdown)
            );
        }
        if let Some(more) = more_alternatives(others) {
            let _ = writeln!(out, "   - {more}");
        }
    }
}

/// `entities` and `relations` alone, each once, as a Mermaid flowchart titled by `title`'s
/// lines in one (Mermaid's title is a line).
pub(super) fn flowchart(
    graph: &KnowledgeGraph<'_>,
    entities: impl Iterator<Item = NodeIndex>,
    relations: impl Iterator<Item = EdgeIndex>,
    title: &str,
) -> String {
    let mut seen_nodes = HashSet::new();
    let entities: Vec<&Entity> = entities
        .filter(|node| seen_nodes.insert(*node))
        .map(|node| graph.graph[node])
        .collect();
    let mut seen_edges = HashSet::new();
    let relations: Vec<&Relation> = relations
        .filter(|edge| seen_edges.insert(*edge))
        .map(|edge| graph.graph[edge])
        .collect();
    let title: Vec<&str> = title.lines().collect();
    mermaid::export(graph.dataset, &entities, &relations, &title.join(" — "))
}

/// `entities` and `relations` drawn bold inside their immediate neighbourhood, titled.
pub(super) fn drawn(
    graph: &KnowledgeGraph<'_>,
    entities: impl Iterator<Item = NodeIndex>,
    steps: impl Iterator<Item = (EdgeIndex, usize)>,
    title: &str,
) -> String {
    let entities: HashSet<NodeIndex> = entities.collect();
    let steps: Vec<(EdgeIndex, usize)> = steps.collect();
    let relations: HashSet<EdgeIndex> = steps.iter().map(|(edge, _)| *edge).collect();
    let (around, around_relations) = around(graph, &entities, &relations);
    let emphasis = Emphasis {
        entities: entities
            .iter()
            .map(|n| graph.graph[*n].id.value.as_str())
            .collect(),
        relations: steps
            .iter()
            .map(|(edge, step)| (std::ptr::from_ref(graph.graph[*edge]), *step))
            .collect(),
    };
    let options = DotOptions {
        cluster: Cluster::Country,
        rankdir: RankDir::LeftRight,
        lists: true,
        labels_on_lines: true,
    };
    dot::export(
        graph.dataset,
        &around,
        &around_relations,
        title,
        options,
        &emphasis,
        dot::Appendix::Skip,
    )
    .dot
}
