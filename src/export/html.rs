//! The explorer: the graph as one self-contained HTML page to search, click and read offline.
//!
//! The picture is Graphviz's SVG of the DOT export (so it looks like every other picture,
//! and each node's `<title>` is its entity id); beside it, the export's JSON records, and the
//! page's style and script from `html/`, all inlined: the page fetches nothing. What the page
//! would otherwise have to re-implement is computed here and embedded: every entity's folded
//! spellings and acronyms (the command line's name rules), the days each relation is in force
//! (the `--at` rules) and what `path` charges for each hop and each entity passed through.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::Error;
use crate::export::dot::{self, DotOptions, Emphasis};
use crate::export::json::{EdgeRecord, NodeRecord, SourceRecord};
use crate::graph::KnowledgeGraph;
use crate::graphviz;
use crate::model::{Day, Entity, Extent, Relation};
use crate::query::path::Costs;
use crate::resolve::{acronyms, folded_spellings};

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/explorer.css");
const SCRIPT: &str = include_str!("html/explorer.js");

/// The most relations the picture draws. Past it `dot` takes minutes (even with
/// [`graphviz::QUICK_LAYOUT`]) and the picture is unreadable, so it keeps the most connected
/// entities and the page says how many more it holds (every one can still be searched, read
/// and reached by a path).
pub(crate) const MAX_DRAWN_RELATIONS: usize = 500;

/// A written page, with what Graphviz warned about while drawing it.
pub(crate) struct Page {
    pub(crate) html: String,
    pub(crate) warnings: String,
}

/// The explorer of `entities` and the `relations` among them, titled `title`, its picture
/// laid out by `dot` with `options`.
pub(crate) fn export(
    graph: &KnowledgeGraph<'_>,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
    options: DotOptions,
) -> Result<Page, Error> {
    let (drawn_entities, drawn_relations) = picture(entities, relations, MAX_DRAWN_RELATIONS);
    let dot_text = dot::export(
        graph.dataset,
        &drawn_entities,
        &drawn_relations,
        title,
        // Every entity its own node, as the page finds each by its `<title>`.
        DotOptions {
            lists: false,
            labels_on_lines: false,
            ..options
        },
        &Emphasis::default(),
        dot::Appendix::Skip,
    )
    .dot;
    // A graph drawn in part is a large one: laid out quickly, as its layout is a sketch.
    let partial = drawn_relations.len() < relations.len();
    let options = if partial { graphviz::QUICK_LAYOUT } else { &[] };
    let (svg, warnings) = graphviz::to_svg(&dot_text, options)?;
    let svg = String::from_utf8_lossy(&svg);
    let data = PageData::new(graph, entities, relations, title, drawn_entities.len());
    Ok(Page {
        html: fill(TEMPLATE, title, &svg, &data_json(&data)),
        warnings,
    })
}

/// Whether `html` is the explorer of this selection as the data stands: its embedded data is
/// what [`export`] would embed now (the picture depends on the installed Graphviz, so it is
/// not compared).
pub(crate) fn is_current(
    html: &str,
    graph: &KnowledgeGraph<'_>,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
) -> bool {
    let drawn = picture(entities, relations, MAX_DRAWN_RELATIONS).0.len();
    let data = PageData::new(graph, entities, relations, title, drawn);
    html.contains(&data_json(&data))
}

/// What the picture draws: everything, or past `budget` relations the most connected
/// entities (by their relations here), taken one at a time while the relations among them
/// fit, in data order.
fn picture<'d>(
    entities: &[&'d Entity],
    relations: &[&'d Relation],
    budget: usize,
) -> (Vec<&'d Entity>, Vec<&'d Relation>) {
    if relations.len() <= budget {
        return (entities.to_vec(), relations.to_vec());
    }
    let position: FxHashMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.value.as_str(), i))
        .collect();
    let ends = |relation: &Relation| {
        (
            position[relation.from.as_str()],
            position[relation.to.as_str()],
        )
    };
    let mut others: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for relation in relations {
        let (from, to) = ends(relation);
        others[from].push(to);
        if from != to {
            others[to].push(from);
        }
    }
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(others[i].len()));
    let mut chosen = vec![false; entities.len()];
    let mut drawn = 0;
    for entity in order {
        chosen[entity] = true;
        let added = others[entity]
            .iter()
            .filter(|&&other| chosen[other])
            .count();
        if drawn + added > budget {
            chosen[entity] = false;
            break;
        }
        drawn += added;
    }
    (
        entities
            .iter()
            .zip(&chosen)
            .filter(|(_, chosen)| **chosen)
            .map(|(entity, _)| *entity)
            .collect(),
        relations
            .iter()
            .filter(|relation| {
                let (from, to) = ends(relation);
                chosen[from] && chosen[to]
            })
            .copied()
            .collect(),
    )
}

/// The page's data: the JSON export's records (the contract in the README), and beside them
/// what only the page needs, entry `i` of `node_facts` about `nodes[i]` and so on.
#[derive(Serialize)]
struct PageData<'d> {
    title: &'d str,
    nodes: Vec<NodeRecord<'d>>,
    edges: Vec<EdgeRecord<'d>>,
    sources: Vec<SourceRecord<'d>>,
    kinds: Vec<KindStyle<'d>>,
    types: Vec<TypeStyle<'d>>,
    themes: Vec<&'d str>,
    node_facts: Vec<NodeFacts>,
    edge_facts: Vec<EdgeFacts>,
    /// How many of `nodes` the picture draws (all but the least connected of a large graph).
    drawn: usize,
}

#[derive(Serialize)]
struct KindStyle<'d> {
    id: &'d str,
    label: &'d str,
    color: &'d str,
}

#[derive(Serialize)]
struct TypeStyle<'d> {
    id: &'d str,
    label: &'d str,
    color: &'d str,
    symmetric: bool,
}

/// An entity as the search and the path finder see it.
#[derive(Serialize)]
struct NodeFacts {
    /// Its id, name and aliases folded (`pham minh chinh`).
    spellings: Vec<String>,
    /// Its name's acronyms, folded (`cpv`).
    acronyms: Vec<String>,
    /// The half of passing through it that a direct tie to it brings (see
    /// `query/path/cost.rs`), and the half any other tie brings.
    half_direct: f64,
    half_other: f64,
}

/// A relation as the filters and the path finder see it.
#[derive(Serialize)]
struct EdgeFacts {
    /// Its theme, as a position in `themes`.
    theme: usize,
    /// The days it is in force, as `yyyymmdd` numbers: first and last, the last `null` while
    /// it still holds; `null` for an undated relation.
    days: Option<(u32, Option<u32>)>,
    /// What a path pays for the hop: its type's weight, plus the claim penalty for a claim.
    hop: f64,
    /// Whether it is a direct tie for its source and for its target (an end acting in it:
    /// the source, or both of a symmetric type), which lowers what passing through that
    /// end costs.
    direct_at: [bool; 2],
}

fn day_number((year, month, day): Day) -> u32 {
    u32::from(year) * 10_000 + u32::from(month) * 100 + u32::from(day)
}

impl<'d> PageData<'d> {
    fn new(
        graph: &KnowledgeGraph<'d>,
        entities: &[&'d Entity],
        relations: &[&'d Relation],
        title: &'d str,
        drawn: usize,
    ) -> Self {
        let dataset = graph.dataset;
        let schema = &dataset.schema;
        let costs = Costs::new(graph, false);
        let edge_of: FxHashMap<*const Relation, _> = graph
            .graph
            .edge_indices()
            .map(|edge| (std::ptr::from_ref(graph.graph[edge]), edge))
            .collect();
        let themes = dataset.themes();
        let half = |entity: &Entity, direct: bool| {
            graph
                .node(entity.id.value.as_str())
                .map_or(0.0, |node| costs.half(node, direct))
        };
        let node_facts = entities
            .iter()
            .map(|entity| NodeFacts {
                spellings: folded_spellings(entity),
                acronyms: acronyms(&entity.name.value).collect(),
                half_direct: half(entity, true),
                half_other: half(entity, false),
            })
            .collect();
        let hop = |relation: &Relation| costs.hop(edge_of[&std::ptr::from_ref(relation)]);
        let edge_facts = relations
            .iter()
            .map(|relation| {
                let extent = Extent::of(relation, schema.time_kind(&relation.relation_type));
                EdgeFacts {
                    theme: themes
                        .iter()
                        .position(|theme| *theme == dataset.theme_of(relation))
                        .unwrap_or_default(),
                    days: extent
                        .map(|extent| (day_number(extent.start()), extent.stop.map(day_number))),
                    hop: hop(relation).cost(),
                    direct_at: graph
                        .graph
                        .edge_endpoints(edge_of[&std::ptr::from_ref(*relation)])
                        .map_or([false; 2], |(from, to)| {
                            [from, to].map(|end| hop(relation).is_direct_at(end))
                        }),
                }
            })
            .collect();
        PageData {
            title,
            nodes: entities.iter().map(|e| NodeRecord::new(e)).collect(),
            edges: relations
                .iter()
                .map(|r| EdgeRecord::new(schema, r))
                .collect(),
            sources: dataset.sources.iter().map(SourceRecord::new).collect(),
            kinds: schema
                .kinds
                .iter()
                .map(|kind| KindStyle {
                    id: kind.id.value.as_str(),
                    label: &kind.label,
                    color: &kind.color,
                })
                .collect(),
            types: schema
                .relation_types
                .iter()
                .map(|def| TypeStyle {
                    id: def.id.value.as_str(),
                    label: &def.label,
                    color: &def.color,
                    symmetric: def.symmetric,
                })
                .collect(),
            themes,
            node_facts,
            edge_facts,
            drawn,
        }
    }
}

/// The data as JSON that can sit inside a `<script>` element: no `<` at all (so no
/// `</script>` or `<!--` in a quote can end or bend it), each written as `\u003c`.
fn data_json(data: &PageData<'_>) -> String {
    serde_json::to_string(data)
        .expect("records serialise")
        .replace('<', "\\u003c")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The template with its `{{…}}` slots filled, each slot once and in one pass, so no filled
/// text is ever read for slots.
fn fill(template: &str, title: &str, svg: &str, data: &str) -> String {
    // Graphviz's XML declaration and doctype have no place inside HTML.
    let svg = svg.find("<svg").map_or(svg, |start| &svg[start..]);
    let title = escape_html(title);
    let mut page = String::with_capacity(template.len() + svg.len() + data.len() + 65_536);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let end = start + rest[start..].find("}}").expect("template slots are closed");
        page.push_str(&rest[..start]);
        page.push_str(match &rest[start + 2..end] {
            "title" => &title,
            "style" => STYLE,
            "svg" => svg,
            "data" => data,
            "script" => SCRIPT,
            slot => unreachable!("unknown template slot {slot}"),
        });
        rest = &rest[end + 2..];
    }
    page.push_str(rest);
    page
}

#[cfg(test)]
mod tests {
    use super::{day_number, escape_html, fill, picture};
    use crate::model::{Entity, EntityId, EvidenceList, KindId, Relation, Spanned};
    use crate::source::{SourceMap, Span};

    fn span() -> Span {
        let file = SourceMap::default().add_unread(std::path::Path::new("data.yaml"));
        Span::new(file, 0..0)
    }

    fn entity(id: &str) -> Entity {
        Entity {
            id: Spanned {
                value: EntityId::from(id),
                span: span(),
            },
            name: Spanned {
                value: id.into(),
                span: span(),
            },
            kind: Spanned {
                value: KindId::from("person"),
                span: span(),
            },
            country: None,
            aliases: Vec::new(),
            description: None,
        }
    }

    fn relation(from: &str, to: &str) -> Relation {
        Relation {
            from: from.into(),
            relation_type: "met".into(),
            to: to.into(),
            date: None,
            end: None,
            details: None,
            evidence: EvidenceList::new(),
            span: span(),
        }
    }

    /// A hub tied to three people, one of whom has a second tie, and someone with none: with
    /// room for two relations the picture takes the hub, then the best connected of the rest
    /// while their relations fit, and keeps the data's order.
    #[test]
    fn a_large_graph_draws_its_most_connected_entities() {
        let entities: Vec<Entity> = ["A", "Hub", "B", "C", "D", "E"].map(entity).into();
        let relations = [
            relation("Hub", "A"),
            relation("B", "Hub"),
            relation("Hub", "C"),
            relation("C", "D"),
        ];
        let entities: Vec<&Entity> = entities.iter().collect();
        let relations: Vec<&Relation> = relations.iter().collect();
        let (drawn, ties) = picture(&entities, &relations, 2);
        let ids: Vec<&str> = drawn.iter().map(|e| e.id.value.as_str()).collect();
        assert_eq!(ids, ["A", "Hub", "C"]);
        let ties: Vec<(&str, &str)> = ties
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(ties, [("Hub", "A"), ("Hub", "C")]);
        let (all, _) = picture(&entities, &relations, 4);
        assert_eq!(all.len(), entities.len(), "within the budget, everything");
    }

    #[test]
    fn slots_are_filled_once_and_filled_text_is_not_read_again() {
        let page = fill(
            "<title>{{title}}</title>{{svg}}<script>{{data}}</script>",
            "A & B",
            "<?xml?><svg>{{data}}</svg>",
            "{}",
        );
        assert_eq!(
            page,
            "<title>A &amp; B</title><svg>{{data}}</svg><script>{}</script>"
        );
        assert_eq!(escape_html("<\"x\">"), "&lt;&quot;x&quot;&gt;");
    }

    #[test]
    fn days_compare_as_numbers() {
        assert_eq!(day_number((1977, 7, 18)), 19_770_718);
        assert!(day_number((1977, 12, 31)) < day_number((1978, 1, 1)));
    }
}
