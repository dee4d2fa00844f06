//! The report views behind `render`: which selections make up `output/`, each written as
//! `.dot`, its evidence appendix `.md`, and `.svg` (or `--formats svg,pdf,png`) by running
//! Graphviz `dot`.
//!
//! The whole graph is too dense for a report page, so it is drawn split: one view per theme
//! (each `relations/` file: together they hold every relation), then a few cross-cutting
//! views. `vnla-graph export | dot -Tsvg` still gives the whole poster.
//!
//! Every view is written to temporary files as it is drawn, and they replace the old views
//! together only when every view has rendered, so a failed or interrupted run leaves the old
//! files as they were. `--check` compares the
//! DOT of each view with the file on disk instead of writing (the SVG depends on the installed
//! Graphviz version, so only DOT is compared); it still lays each page out, as the layout
//! chooses the DOT's orientation.

use std::collections::BTreeMap;
use std::path::Path;

use crate::cli::PictureFormat;
use crate::error::Error;
use crate::export::dot::{self, Cluster, DotOptions, Emphasis, RankDir};
use crate::export::html;
use crate::graph::KnowledgeGraph;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::graphviz;
use crate::model::{Date, Entity, Relation, RelationType, Schema, Theme};
use crate::output::{self, Staged};
use crate::query::select::Selection;
use crate::query::time::TimeFilter;

/// One picture: what it selects and how it is laid out.
struct View {
    name: &'static str,
    title: &'static str,
    focus: Option<(&'static str, usize)>,
    types: &'static [&'static str],
    since: Option<&'static str>,
    until: Option<&'static str>,
    /// Entities left out (by id), so the view tells a story no other view tells.
    exclude: &'static [&'static str],
    cluster: Cluster,
    /// Its pages, each a title and the types it draws (see [`PagePlan`]); none: split by
    /// family.
    pages: &'static [(&'static str, &'static [&'static str])],
}

/// Views across themes, drawn after the theme views.
const VIEWS: &[View] = &[
    View {
        name: "signatories",
        // The treaties view draws what the two states signed; this one who signed for them,
        // and the bodies an agreement names as its parties where no text says who signed.
        title: "Who signed, or is named a party, besides the two states",
        focus: None,
        types: &["signed", "party_to"],
        since: None,
        until: None,
        exclude: &["Laos", "Vietnam"],
        cluster: Cluster::None,
        pages: &[],
    },
    View {
        name: "history-1945-1977",
        title:
            "1945–1977, from the revolution to the treaty: ties holding then, with their full dates",
        focus: None,
        types: &[],
        since: Some("1945"),
        until: Some("1977"),
        exclude: &[],
        cluster: Cluster::None,
        pages: HISTORY_PAGES,
    },
    View {
        name: "kaysone-phomvihane",
        title: "Kaysone Phomvihane: his ties in the texts",
        focus: Some(("Kaysone_Phomvihane", 1)),
        types: &[],
        since: None,
        until: None,
        exclude: &[],
        // Country boxes made edge labels cross their frames.
        cluster: Cluster::None,
        pages: &[],
    },
];

/// The pages of the 1945–1977 view: every type of the data, by the story it tells then.
const HISTORY_PAGES: &[(&str, &[&str])] = &[
    (
        "1945–1977: who led, founded and belonged, and who stood with whom",
        &[
            "leads",
            "founded",
            "member_of",
            "chairs",
            "aide_to",
            "worked_in",
            "succeeded",
            "descends_from",
            "directed",
            "allied_with",
            "stationed_in",
            "fought",
            "took_part_in",
            "hostile_to",
            "wary_of",
            "objected_to",
            "leans_towards",
            "located_in",
            "part_of",
            "borders",
        ],
    ),
    (
        "1945–1977: visits, meetings and what the leaders said",
        &[
            "visited",
            "met",
            "hosted",
            "held",
            "attended",
            "commemorated",
            "wrote_to",
            "spoke_of",
            "reviewed",
        ],
    ),
    (
        "1945–1977: diplomatic ties, agreements and cooperation begun or holding then",
        &[
            "signed",
            "party_to",
            "provides_for",
            "implements",
            "established_relations",
            "fostered",
            "upgraded",
            "coordinates_in",
            "cooperates_with",
            "trades_via",
            "travels_via",
            "trades_with",
            "invested_in",
            "partner_in",
            "built",
        ],
    ),
    (
        "1945–1977: aid, advisers and training for Laos, from Vietnam and the Soviet Union",
        &[
            "funded",
            "supported",
            "trained",
            "advised",
            "patron_of",
            "sent_experts",
            "studied_at",
            "paid_tribute_to",
            "promoted",
        ],
    ),
];

/// A view drawn: its file stem, DOT text, evidence appendix (Markdown), and its layout as SVG
/// with Graphviz's warnings about it.
struct Drawn {
    name: String,
    dot: String,
    evidence: String,
    svg: Vec<u8>,
    warnings: String,
}

/// The evidence appendix of a picture: what each of its numbers stands for.
fn appendix(name: &str, title: &str, picture: &dot::Picture) -> String {
    let title = title.lines().collect::<Vec<_>>().join(" — ");
    let title = crate::text::markdown(&title);
    let mut out = format!(
        "# Evidence: {title}\n\nEach number [n] on an edge of `{name}.svg` (and in its tooltip) \
         is the tie below: who, what, when, and every quote with its source.\n\n"
    );
    picture.evidence.numbered(&mut out);
    out
}

fn date(text: Option<&str>) -> Option<Date> {
    text.map(|text| Date::parse(text).expect("view dates are valid"))
}

/// What one page holds, in nodes and drawn edges (after ties are merged and hubs capped):
/// measured on the bundled data, a view of this size fits A4 with its 9 pt labels at 5 pt or
/// more (see `tests/render.rs`, which measures every view).
const PAGE_NODES: usize = 24;
const PAGE_EDGES: usize = 15;
/// A neighbourhood's ties fan out from its one entity and cross less: its page holds more
/// (Kaysone Phomvihane's 20 edges fit A4 at 7.6 pt, measured on the bundled data).
const NEIGHBOURHOOD_PAGE_EDGES: usize = 20;

/// The most pages one view is drawn on: past a dozen a view is a catalogue, not a figure, and
/// drawing a large dataset's thousands of pages would run for an hour. The rest of such a
/// view is left out with a warning saying how to draw it.
const MOST_PAGES: usize = 12;

/// One view before it is split to fit pages.
struct Planned {
    name: String,
    title: String,
    selection: Selection,
    cluster: Cluster,
    pages: Vec<PagePlan>,
}

/// A page a view is split on, named by the schema (a theme's `pages:`) or a view in
/// [`VIEWS`]: a title that says what it shows, written by whoever curates the data, and the
/// types it draws. A relation goes on the first page naming its type; one no page names goes
/// on pages split by family, titled by their types, with a warning.
struct PagePlan {
    title: String,
    types: Vec<RelationType>,
}

/// The pages of one view per theme (in file order), then of every view in [`VIEWS`] whose
/// focus entity exists in this dataset; a view too big for a page is split by relation type.
fn all_pages<'d>(graph: &KnowledgeGraph<'d>) -> Result<Paged<'d>, Error> {
    let themes = graph.dataset.themes();
    // A theme named like a view across themes would overwrite it, and `--check` would then
    // fail on the very next run.
    if let Some(taken) = themes
        .iter()
        .find(|theme| VIEWS.iter().any(|v| v.name == **theme))
    {
        return Err(Error::ViewNameTaken {
            theme: taken.to_string(),
            taken: VIEWS.iter().map(|view| view.name).collect(),
        });
    }
    let mut planned: Vec<Planned> = themes
        .into_iter()
        .map(|theme| Planned {
            name: theme.to_string(),
            title: graph.dataset.schema.theme_title(theme),
            selection: Selection {
                themes: vec![Theme::from(theme)],
                ..Selection::default()
            },
            // Country boxes cost a third of the height for what kind colours and names say.
            cluster: Cluster::None,
            pages: graph
                .dataset
                .schema
                .themes
                .iter()
                .filter(|def| def.id.value.as_str() == theme)
                .flat_map(|def| &def.pages)
                .map(|page| PagePlan {
                    title: page.title.clone(),
                    types: page.types.iter().map(|t| t.value.clone()).collect(),
                })
                .collect(),
        })
        .collect();
    for view in VIEWS {
        let focus = match view.focus {
            Some((id, _)) => match graph.node(id) {
                Some(node) => Some(node),
                None => continue,
            },
            None => None,
        };
        planned.push(Planned {
            name: view.name.to_string(),
            title: view.title.to_string(),
            selection: Selection {
                focus,
                depth: view.focus.map_or(0, |(_, depth)| depth),
                exclude: view
                    .exclude
                    .iter()
                    .filter_map(|id| graph.node(id))
                    .collect(),
                types: view.types.iter().map(|t| RelationType::from(*t)).collect(),
                time: TimeFilter {
                    at: None,
                    since: date(view.since),
                    until: date(view.until),
                    ..TimeFilter::default()
                },
                ..Selection::default()
            },
            cluster: view.cluster,
            pages: view
                .pages
                .iter()
                .map(|(title, types)| PagePlan {
                    title: (*title).to_string(),
                    types: types.iter().map(|t| RelationType::from(*t)).collect(),
                })
                .collect(),
        });
    }
    // A theme can still be named like a page of another view (`economy-1`, page 1 of the
    // economy theme), or like another view but for case (`Economy`, which on macOS and
    // Windows is the same file): one would overwrite the other. Names are keyed folded.
    let mut owners: FxHashMap<String, (String, String)> = FxHashMap::default();
    let mut all = Paged::default();
    for view in planned {
        let owner = view.name.clone();
        all.views.push(owner.clone());
        let Split {
            pages,
            left_out,
            unplaced,
        } = pages(graph, view);
        if !unplaced.is_empty() {
            all.warnings.push(format!(
                "the `{owner}` view names no page for {}: drew them on pages titled by type; \
                 add them to a page's `types:` (schema.yaml `themes:`)",
                unplaced.join(", ")
            ));
        }
        if left_out > 0 {
            all.warnings.push(format!(
                "the `{owner}` view needs more than {MOST_PAGES} pages: drew {MOST_PAGES}, \
                 left out {left_out} relation(s); draw a part with `vnla-graph export --focus NAME` \
                 or `--themes`, `--types`, `--since`"
            ));
        }
        for page in pages {
            let folded = page.name.to_lowercase();
            if let Some((name, other)) = owners.insert(folded, (page.name.clone(), owner.clone())) {
                if name != page.name {
                    return Err(Error::NamesDifferInCase {
                        first: name,
                        second: page.name,
                    });
                }
                let (theme, view) = if other == page.name {
                    (other, owner)
                } else {
                    (owner, other)
                };
                return Err(Error::PageNameTaken { theme, view });
            }
            all.pages.push(page);
        }
    }
    Ok(all)
}

/// Every view's pages, and a warning for each view cut at [`MOST_PAGES`].
#[derive(Default)]
struct Paged<'d> {
    pages: Vec<Page<'d>>,
    warnings: Vec<String>,
    /// The views' names, whose pages these are.
    views: Vec<String>,
}

/// What a view's files end in: its `.dot`, evidence `.md` and every picture format.
const VIEW_EXTENSIONS: &[&str] = &["dot", "md", "svg", "pdf", "png"];

/// Files in `out` that an earlier run drew for a page no view has now (`economy-5.svg` once
/// the economy is drawn on four pages): a view's name alone or with a page number, ending as
/// a view's files do. Only such files: whatever else `out` holds is the user's.
fn leftovers(out: &Path, paged: &Paged<'_>) -> Vec<std::path::PathBuf> {
    let drawn: FxHashSet<&str> = paged.pages.iter().map(|page| page.name.as_str()).collect();
    let of_a_view = |stem: &str| {
        paged.views.iter().any(|view| {
            stem.strip_prefix(view.as_str()).is_some_and(|rest| {
                rest.is_empty()
                    || rest
                        .strip_prefix('-')
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
        })
    };
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut found: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let (Some(stem), Some(extension)) = (
                path.file_stem().and_then(|s| s.to_str()),
                path.extension().and_then(|e| e.to_str()),
            ) else {
                return false;
            };
            VIEW_EXTENSIONS.contains(&extension) && of_a_view(stem) && !drawn.contains(stem)
        })
        .collect();
    found.sort();
    found
}

/// The explorer of the whole graph, `explorer.html` in `output/`.
const EXPLORER: &str = "explorer.html";

fn explorer_title(graph: &KnowledgeGraph<'_>) -> String {
    format!("Vietnam–Laos relations ({})", graph.dataset.origin)
}

/// One page of a view: what it draws.
struct Page<'d> {
    name: String,
    title: String,
    entities: Vec<&'d Entity>,
    relations: Vec<&'d Relation>,
    cluster: Cluster,
}

/// A view split into pages: the pages, how many relations were left out past
/// [`MOST_PAGES`], and the labels of the types on no page the view names.
struct Split<'d> {
    pages: Vec<Page<'d>>,
    left_out: usize,
    unplaced: Vec<String>,
}

/// A page's heading before it is numbered.
enum Heading {
    /// A page the schema names, whole: its curated title.
    Named(String),
    /// A later part of a named page too big for one: its title says it goes on.
    Continued(String),
    /// A page of types no plan names, or of a view with no plans: what it holds.
    Unnamed(Vec<Part>),
}

/// A view as pages: itself when it fits one; else its named pages (see [`PagePlan`]), each
/// split further when too big, then what no page names. Splitting tells one story per page —
/// a family of types (schema.yaml's `families:`), or for a family too big alone its types, or
/// for a type too big alone its ties to one hub (`located in Laos`) — packed first fit (a
/// part joins the first page it fits on, among the last [`MOST_PAGES`] made). Pages are named
/// `NAME-1`, `NAME-2`, ...; at most [`MOST_PAGES`] of them, with the number of relations
/// left out.
fn pages<'d>(graph: &KnowledgeGraph<'d>, view: Planned) -> Split<'d> {
    let schema = &graph.dataset.schema;
    let (entities, relations) = view.selection.apply(graph);
    let page_edges = if view.selection.focus.is_some() {
        NEIGHBOURHOOD_PAGE_EDGES
    } else {
        PAGE_EDGES
    };
    let fits = |part: &[&Relation]| {
        let (nodes, edges) = dot::size(schema, part);
        nodes <= PAGE_NODES && edges <= page_edges
    };
    let whole = |title: String, entities, relations, unplaced| Split {
        pages: vec![Page {
            name: view.name.clone(),
            title,
            entities,
            relations,
            cluster: view.cluster,
        }],
        left_out: 0,
        unplaced,
    };
    let mut planned: Vec<Vec<&'d Relation>> = vec![Vec::new(); view.pages.len()];
    let mut rest = Vec::new();
    for &relation in &relations {
        let plan = view
            .pages
            .iter()
            .position(|plan| plan.types.contains(&relation.relation_type));
        match plan {
            Some(at) => planned[at].push(relation),
            None => rest.push(relation),
        }
    }
    let unplaced = if view.pages.is_empty() {
        Vec::new()
    } else {
        let mut types: Vec<&RelationType> = rest.iter().map(|r| &r.relation_type).collect();
        types.sort_unstable();
        types.dedup();
        types.into_iter().map(|t| type_label(schema, t)).collect()
    };
    if fits(&relations) {
        // One page: titled by its plan when only one plan holds its relations.
        let mut holding = planned
            .iter()
            .zip(&view.pages)
            .filter(|(part, _)| !part.is_empty());
        let title = match (holding.next(), holding.next(), rest.is_empty()) {
            (Some((_, plan)), None, true) => &plan.title,
            _ => &view.title,
        };
        return whole(title.clone(), entities, relations, unplaced);
    }
    let mut groups: Vec<(Heading, Vec<&'d Relation>)> = Vec::new();
    let plans = view.pages.iter().map(|plan| Some(&plan.title));
    for (title, part) in plans.chain([None]).zip(planned.into_iter().chain([rest])) {
        if part.is_empty() {
            continue;
        }
        match title {
            Some(title) if fits(&part) => groups.push((Heading::Named(title.clone()), part)),
            // One numbering only, the page's: a split named page goes on as "continued",
            // as a report's table does (a reviewer read "(1 of 2)" beside "page 3 of 4"
            // as two counts of the same thing).
            Some(title) => {
                for (index, (_, split)) in split(graph, &part, &fits).into_iter().enumerate() {
                    let heading = if index == 0 {
                        Heading::Named(title.clone())
                    } else {
                        Heading::Continued(title.clone())
                    };
                    groups.push((heading, split));
                }
            }
            None => groups.extend(
                split(graph, &part, &fits)
                    .into_iter()
                    .map(|(parts, split)| (Heading::Unnamed(parts), split)),
            ),
        }
    }
    if let [(heading, _)] = groups.as_slice() {
        let title = match heading {
            Heading::Named(title) | Heading::Continued(title) => title.clone(),
            Heading::Unnamed(_) => view.title.clone(),
        };
        return whole(title, entities, relations, unplaced);
    }
    let left_out = groups
        .iter()
        .skip(MOST_PAGES)
        .map(|(_, group)| group.len())
        .sum();
    groups.truncate(MOST_PAGES);
    // Each page keeps the view's order of relations and entities: the same data draws alike.
    let position: FxHashMap<*const Relation, usize> = relations
        .iter()
        .enumerate()
        .map(|(at, r)| (std::ptr::from_ref(*r), at))
        .collect();
    let count = groups.len();
    let pages = groups
        .into_iter()
        .enumerate()
        .map(|(index, (heading, mut part))| {
            part.sort_by_key(|r| position[&std::ptr::from_ref(*r)]);
            let ends: FxHashSet<&str> = part
                .iter()
                .flat_map(|r| [r.from.as_str(), r.to.as_str()])
                .collect();
            let numbered = format!("page {} of {count}", index + 1);
            // A named page says what it shows in its title, under the view's; a page of
            // unnamed types says which types it holds.
            let title = match heading {
                Heading::Named(title) => format!("{title}\n{} · {numbered}", view.title),
                Heading::Continued(title) => {
                    format!("{title} (continued)\n{} · {numbered}", view.title)
                }
                Heading::Unnamed(parts) => format!(
                    "{}\nPage {} of {count}: {}",
                    view.title,
                    index + 1,
                    Part::describe(&parts)
                ),
            };
            Page {
                name: format!("{}-{}", view.name, index + 1),
                title,
                entities: entities
                    .iter()
                    .copied()
                    .filter(|e| ends.contains(e.id.value.as_str()))
                    .collect(),
                relations: part,
                cluster: view.cluster,
            }
        })
        .collect();
    Split {
        pages,
        left_out,
        unplaced,
    }
}

/// Relations split into parts that each fit a page, each part with what it holds.
fn split<'d>(
    graph: &KnowledgeGraph<'d>,
    relations: &[&'d Relation],
    fits: &dyn Fn(&[&Relation]) -> bool,
) -> Vec<(Vec<Part>, Vec<&'d Relation>)> {
    let schema = &graph.dataset.schema;
    let mut parts: Vec<(Part, Vec<&'d Relation>)> = Vec::new();
    for family in families(schema) {
        let of_family: Vec<&Relation> = relations
            .iter()
            .copied()
            .filter(|r| family.types.contains(&&r.relation_type))
            .collect();
        if of_family.is_empty() {
            continue;
        }
        if fits(&of_family) {
            let held: Vec<String> = family
                .types
                .iter()
                .filter(|def| of_family.iter().any(|r| r.relation_type == ***def))
                .map(|def| type_label(schema, def))
                .collect();
            parts.push((Part::whole(&family.label, held), of_family));
            continue;
        }
        for def in &family.types {
            let of_type: Vec<&Relation> = of_family
                .iter()
                .copied()
                .filter(|r| r.relation_type == **def)
                .collect();
            let label = type_label(schema, def);
            if of_type.is_empty() {
                continue;
            }
            if fits(&of_type) {
                parts.push((Part::of_type(&family.label, label), of_type));
            } else {
                parts.extend(by_hub(graph, &family.label, &label, &of_type));
            }
        }
    }
    let mut groups: Vec<(Vec<Part>, Vec<&'d Relation>)> = Vec::new();
    for (label, part) in parts {
        // Only the last pages are tried: a part then costs the same whatever the data's size.
        let open = groups.len().saturating_sub(MOST_PAGES);
        let fitting = groups[open..]
            .iter_mut()
            .find(|(_, group)| fits(&[group.as_slice(), part.as_slice()].concat()));
        match fitting {
            Some((labels, group)) => {
                labels.push(label);
                group.extend(part);
            }
            None => groups.push((vec![label], part)),
        }
    }
    groups
}

/// A family of relation types as pages are split by: its label and its types, in schema
/// order; a type without a declared family is a family of its own, labelled by the type.
struct Family<'d> {
    label: String,
    types: Vec<&'d RelationType>,
}

fn families(schema: &Schema) -> Vec<Family<'_>> {
    // Keyed by the family's place, the one rule that also gives it its colour.
    let mut families: BTreeMap<usize, Family<'_>> = BTreeMap::new();
    for def in &schema.relation_types {
        let (place, _) = schema.family_place(&def.id.value);
        families
            .entry(place)
            .or_insert_with(|| Family {
                label: schema
                    .family(&def.id.value)
                    .map_or_else(|| def.label.clone(), |family| family.label.clone()),
                types: Vec::new(),
            })
            .types
            .push(&def.id.value);
    }
    families.into_values().collect()
}

/// What part of a view a page holds: a family of types, one type, or one type's ties to one
/// hub.
struct Part {
    family: String,
    /// The labels of the types it holds, in schema order.
    types: Vec<String>,
    hub: Option<Hub>,
}

/// The entity a part's ties meet at, its kind's label, and whether it acts in them (is
/// their source).
struct Hub {
    name: String,
    kind: String,
    acting: bool,
}

/// Hubs named in a page's title, those of a length a title line holds; more are counted.
const HUBS_NAMED: usize = 3;
const HUB_NAME_CHARS: usize = 28;

/// Past this many types a family is named by its label: the key lists the types.
const TYPES_NAMED: usize = 3;

impl Part {
    fn whole(family: &str, types: Vec<String>) -> Part {
        Part {
            family: family.to_string(),
            types,
            hub: None,
        }
    }

    fn of_type(family: &str, label: String) -> Part {
        Part {
            family: family.to_string(),
            types: vec![label],
            hub: None,
        }
    }

    /// A page's parts in words, what is on it and nothing else, ` · ` between: the types it
    /// holds (`visited · met · wrote to`), a family by its label when it holds more than
    /// [`TYPES_NAMED`] of its types, and where a type is split by hub, its hubs: `leads Laos,
    /// Vietnam and 2 others`, `Vietnam and Laos signed`.
    fn describe(parts: &[Part]) -> String {
        // Family → whether named whole → type → its hubs (the ones acting, the ones acted on).
        type Hubs<'p> = (Vec<&'p Hub>, Vec<&'p Hub>);
        type Types<'p> = Vec<(&'p str, Hubs<'p>)>;
        let mut families: Vec<(&str, bool, Types<'_>)> = Vec::new();
        for part in parts {
            let at = families
                .iter()
                .position(|(family, _, _)| *family == part.family)
                .unwrap_or_else(|| {
                    families.push((&part.family, false, Vec::new()));
                    families.len() - 1
                });
            let (_, named_whole, types) = &mut families[at];
            *named_whole |= part.hub.is_none() && part.types.len() > TYPES_NAMED;
            for label in &part.types {
                let at = types
                    .iter()
                    .position(|(known, _)| *known == label)
                    .unwrap_or_else(|| {
                        types.push((label, (Vec::new(), Vec::new())));
                        types.len() - 1
                    });
                if let Some(hub) = &part.hub {
                    let (acting, acted_on) = &mut types[at].1;
                    if hub.acting { acting } else { acted_on }.push(hub);
                }
            }
        }
        // Names too long for a title line are counted, never cut: a cut name reads as a
        // mistake. Counted alone, they are counted by kind when they share one.
        let named = |hubs: &[&Hub]| {
            let shown: Vec<&str> = hubs
                .iter()
                .map(|hub| hub.name.as_str())
                .filter(|name| name.chars().count() <= HUB_NAME_CHARS)
                .take(HUBS_NAMED)
                .collect();
            let kinds: FxHashSet<&str> = hubs.iter().map(|hub| hub.kind.as_str()).collect();
            let listed = |names: &[&str]| match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => names.concat(),
            };
            match (shown.len(), hubs.len() - shown.len(), kinds.len()) {
                (_, 0, _) => listed(&shown),
                (0, 1, _) => format!("1 {}", hubs[0].kind.to_lowercase()),
                (0, more, 1) => format!("{more} {}", plural(&hubs[0].kind)),
                (0, more, _) => format!("{more} entities"),
                (_, 1, _) => format!("{} and 1 other", shown.join(", ")),
                (_, more, _) => format!("{} and {more} others", shown.join(", ")),
            }
        };
        let mut items = Vec::new();
        for (family, named_whole, types) in families {
            if named_whole {
                items.push(family.to_string());
                continue;
            }
            for (label, (acting, acted_on)) in types {
                if !acting.is_empty() {
                    items.push(format!("{} {label}", named(&acting)));
                }
                if !acted_on.is_empty() {
                    items.push(format!("{label} {}", named(&acted_on)));
                }
                if acting.is_empty() && acted_on.is_empty() {
                    items.push(label.to_string());
                }
            }
        }
        items.join(" · ")
    }
}

/// A relation type's label, or its id when the schema has none.
fn type_label(schema: &Schema, def: &RelationType) -> String {
    schema
        .relation_type(def)
        .map_or_else(|| def.to_string(), |def| def.label.clone())
}

/// A kind's label as a plural, lower case: `agreements`, `ministries or agencies`.
fn plural(kind: &str) -> String {
    let kind = kind.to_lowercase();
    let words: Vec<String> = kind
        .split(" or ")
        .map(|word| match word.strip_suffix('y') {
            Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
            _ if word.ends_with('s') => word.to_string(),
            _ => format!("{word}s"),
        })
        .collect();
    words.join(" or ")
}

/// The relations of one type split by hub: each relation goes with its busier end (the
/// target when even), in order of first appearance.
fn by_hub<'d>(
    graph: &KnowledgeGraph<'d>,
    family: &str,
    label: &str,
    relations: &[&'d Relation],
) -> Vec<(Part, Vec<&'d Relation>)> {
    let mut degree: FxHashMap<&str, usize> = FxHashMap::default();
    for relation in relations {
        *degree.entry(relation.from.as_str()).or_default() += 1;
        *degree.entry(relation.to.as_str()).or_default() += 1;
    }
    let mut parts: Vec<(Part, Vec<&'d Relation>)> = Vec::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for &relation in relations {
        let (from, to) = (relation.from.as_str(), relation.to.as_str());
        let acting = degree[from] > degree[to];
        let hub = if acting { from } else { to };
        let at = *index.entry(hub).or_insert_with(|| {
            let entity = graph.node(hub).map(|node| graph.graph[node]);
            let name = entity.map_or(hub, |entity| entity.name.value.as_str());
            let kind = entity
                .and_then(|entity| graph.dataset.schema.kind(&entity.kind.value))
                .map_or_else(|| "entity".to_string(), |kind| kind.label.clone());
            let part = Part {
                family: family.to_string(),
                types: vec![label.to_string()],
                hub: Some(Hub {
                    name: name.to_string(),
                    kind,
                    acting,
                }),
            };
            parts.push((part, Vec::new()));
            parts.len() - 1
        });
        parts[at].1.push(relation);
    }
    parts
}

/// A4's printable area in points (25 × 17 cm), long side first: the page a view is drawn for.
const A4_PRINTABLE: (f64, f64) = (25.0 / 2.54 * 72.0, 17.0 / 2.54 * 72.0);

/// How much a picture `width` × `height` points shrinks to fit A4 turned whichever way suits
/// it (1 when it fits as it is), then upright, the way a report's page holds a figure.
fn printed_scale((width, height): (f64, f64)) -> [f64; 2] {
    let (long, short) = A4_PRINTABLE;
    let upright = (short / width).min(long / height).min(1.0);
    let turned = (long / width).min(short / height).min(1.0);
    [upright.max(turned), upright]
}

/// How much larger one orientation must print to be chosen over left to right: a small change
/// in the data or in Graphviz's version then does not turn a view.
const CLEARLY_LARGER: f64 = 1.05;

/// Whether a layout of `printed_scale` `[any, upright]` prints clearly larger than the
/// layout it would replace.
fn prints_larger([any, upright]: [f64; 2], [then_any, then_upright]: [f64; 2]) -> bool {
    any > then_any * CLEARLY_LARGER || (any >= then_any && upright > then_upright * CLEARLY_LARGER)
}

/// Draws a page both ways, left to right and top to bottom, lays each out and keeps the one
/// whose text prints larger on A4 (upright settling a tie): which reads larger depends on how
/// the page's ties fan out, which only the layout knows (on the bundled data top to bottom
/// wins for a quarter of the pages, e.g. one person's ties, or a few countries tied to many
/// bodies).
fn draw(graph: &KnowledgeGraph<'_>, page: &Page<'_>) -> Result<Drawn, Error> {
    let drawn = [RankDir::LeftRight, RankDir::TopBottom].map(|rankdir| {
        let options = DotOptions {
            cluster: page.cluster,
            rankdir,
            lists: true,
            labels_on_lines: true,
        };
        dot::export(
            graph.dataset,
            &page.entities,
            &page.relations,
            &page.title,
            options,
            &Emphasis::default(),
            dot::Appendix::Write,
        )
    });
    let [across, down] = std::thread::scope(|scope| {
        drawn
            .each_ref()
            .map(|picture| scope.spawn(|| graphviz::to_svg(&picture.dot, &[])))
            .map(|layout| layout.join().expect("a layout thread panicked"))
    });
    let (across, down) = (across?, down?);
    // A layout whose size cannot be read is never preferred.
    let scale =
        |(svg, _): &(Vec<u8>, String)| graphviz::svg_size(svg).map_or([0.0; 2], printed_scale);
    let [across_picture, down_picture] = drawn;
    // A title crossed by a line loses to one kept clear; else the larger print wins.
    let crossed = |(svg, _): &(Vec<u8>, String)| graphviz::crosses_title(svg);
    let take_down = match (crossed(&across), crossed(&down)) {
        (true, false) => true,
        (false, true) => false,
        _ => prints_larger(scale(&down), scale(&across)),
    };
    let (picture, (svg, warnings)) = if take_down {
        (down_picture, down)
    } else {
        (across_picture, across)
    };
    Ok(Drawn {
        name: page.name.clone(),
        evidence: appendix(&page.name, &page.title, &picture),
        dot: picture.dot,
        svg,
        warnings,
    })
}

/// Draws every view into `out` (created if missing), in each of `formats` with its `.dot`
/// and evidence `.md`, and the explorer, and removes pages an earlier run drew that no view
/// has now; returns the files written and removed. Each view is written to
/// temporary files as it is drawn, and all replace the old views together once every one is
/// drawn: a failure or Ctrl-C leaves the old set as it was.
pub(crate) fn render(
    graph: &KnowledgeGraph<'_>,
    out: &Path,
    formats: &[PictureFormat],
) -> Result<Rendered, Error> {
    let paged = all_pages(graph)?;
    for warning in &paged.warnings {
        output::message(&format!("warning: {warning}"));
    }
    let pages = &paged.pages;
    let existed = out.exists();
    let (entities, relations) = Selection::default().apply(graph);
    let options = DotOptions {
        cluster: Cluster::Country,
        rankdir: RankDir::LeftRight,
        lists: true,
        labels_on_lines: true,
    };
    let explorer = html::export(
        graph,
        &entities,
        &relations,
        &explorer_title(graph),
        options,
    )?;
    for line in explorer.warnings.lines() {
        output::message(&format!("warning: dot (explorer): {line}"));
    }
    std::fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let staged = stage_views(graph, pages, formats, out).and_then(|mut staged| {
        let path = out.join(EXPLORER);
        let mut page = Staged::new(&path)?;
        page.write_all(explorer.html.as_bytes())?;
        staged.push((path.display().to_string(), page));
        Ok(staged)
    });
    if staged.is_err() && !existed {
        // Only a folder left empty goes; it was made for these views.
        let _ = std::fs::remove_dir(out);
    }
    let (written, staged): (Vec<String>, Vec<Staged>) = staged?.into_iter().unzip();
    output::replace_all(staged)?;
    // Pages the data no longer gives go once the new set is in place: left, they would be
    // taken for current views.
    let mut removed = Vec::new();
    for path in leftovers(out, &paged) {
        std::fs::remove_file(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        removed.push(path.display().to_string());
    }
    Ok(Rendered { written, removed })
}

/// The files a render wrote, and those it removed: pages of views the data no longer gives.
pub(crate) struct Rendered {
    pub(crate) written: Vec<String>,
    pub(crate) removed: Vec<String>,
}

/// Every view's `.dot`, evidence `.md` and pictures, drawn and written aside one view at a
/// time, with the names they will have.
fn stage_views(
    graph: &KnowledgeGraph<'_>,
    pages: &[Page<'_>],
    formats: &[PictureFormat],
    out: &Path,
) -> Result<Vec<(String, Staged)>, Error> {
    let mut staged = Vec::new();
    for page in pages {
        let view = draw(graph, page)?;
        for (extension, text) in [("dot", &view.dot), ("md", &view.evidence)] {
            let path = out.join(format!("{}.{extension}", view.name));
            let mut file = Staged::new(&path)?;
            file.write_all(text.as_bytes())?;
            staged.push((path.display().to_string(), file));
        }
        for line in view.warnings.lines() {
            output::message(&format!("warning: dot ({}): {line}", view.name));
        }
        for format in formats {
            let path = out.join(format!("{}.{}", view.name, format.extension()));
            let mut file = Staged::new(&path)?;
            // The SVG is the layout the view was measured by; other formats are laid out
            // again, alike, by Graphviz's own renderers.
            match format {
                PictureFormat::Svg => file.write_all(&view.svg)?,
                _ => file.write_all(&graphviz::draw(&view.dot, format.extension(), &[])?.0)?,
            }
            staged.push((path.display().to_string(), file));
        }
    }
    Ok(staged)
}

/// The views whose `.dot` or evidence `.md` in `out` differs from what the data gives now
/// (or is missing), and the explorer when the data it carries does.
pub(crate) fn stale(graph: &KnowledgeGraph<'_>, out: &Path) -> Result<Vec<String>, Error> {
    let (entities, relations) = Selection::default().apply(graph);
    let explorer = out.join(EXPLORER);
    let explorer_current = std::fs::read_to_string(&explorer).is_ok_and(|html| {
        html::is_current(&html, graph, &entities, &relations, &explorer_title(graph))
    });
    let stale_explorer = (!explorer_current).then(|| explorer.display().to_string());
    let differs = |file: String, text: &str| {
        let path = out.join(file);
        (std::fs::read_to_string(&path).ok().as_deref() != Some(text))
            .then(|| path.display().to_string())
    };
    let paged = all_pages(graph)?;
    let drawn = paged
        .pages
        .iter()
        .map(|page| draw(graph, page))
        .collect::<Result<Vec<_>, _>>()?;
    let leftover = leftovers(out, &paged)
        .into_iter()
        .map(|path| path.display().to_string());
    Ok(drawn
        .into_iter()
        .flat_map(|view| {
            [
                differs(format!("{}.dot", view.name), &view.dot),
                differs(format!("{}.md", view.name), &view.evidence),
            ]
        })
        .flatten()
        .chain(stale_explorer)
        .chain(leftover)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{printed_scale, prints_larger, Hub, Part};

    #[test]
    fn a_page_says_what_it_holds_by_type_and_hub() {
        let hub = |family: &str, label: &str, name: &str, acting| Part {
            family: family.to_string(),
            types: vec![label.to_string()],
            hub: Some(Hub {
                name: name.to_string(),
                kind: "Agreement".to_string(),
                acting,
            }),
        };
        let words = |labels: &[&str]| labels.iter().map(|l| l.to_string()).collect();
        let parts = [
            Part::whole("visits and meetings", words(&["visited", "met"])),
            Part::of_type("who leads", "founded".to_string()),
            hub("who leads", "leads", "Laos", false),
            hub("who leads", "leads", "Vietnam", false),
            hub(
                "who leads",
                "leads",
                "the Lao People's Revolutionary Party",
                false,
            ),
            hub("who leads", "leads", "the Assembly", false),
            hub("who leads", "leads", "the Front", false),
            hub("agreements", "signed", "Vietnam", true),
            hub("agreements", "signed", "Laos", true),
        ];
        assert_eq!(
            Part::describe(&parts),
            "visited · met · founded · leads Laos, Vietnam, the Assembly and 2 others · \
             Vietnam and Laos signed"
        );
        let many = words(&["visited", "met", "hosted", "held"]);
        assert_eq!(
            Part::describe(&[Part::whole("visits and meetings", many)]),
            "visits and meetings"
        );
        let long = hub(
            "agreements",
            "signed",
            "the Agreement on Border Regulations",
            false,
        );
        assert_eq!(Part::describe(&[long]), "signed 1 agreement");
        let longer = hub(
            "agreements",
            "signed",
            "the Protocol on Border Defence Cooperation",
            false,
        );
        assert_eq!(
            Part::describe(&[
                hub(
                    "agreements",
                    "signed",
                    "the Agreement on Border Regulations",
                    false
                ),
                longer
            ]),
            "signed 2 agreements"
        );
        assert_eq!(
            super::plural("Ministry or agency"),
            "ministries or agencies"
        );
        assert_eq!(super::plural("Country"), "countries");
        assert_eq!(super::plural("Person"), "persons");
    }

    #[test]
    fn a_view_turns_only_when_it_prints_clearly_larger() {
        // Sizes in points of economy-1, left to right and top to bottom, on the bundled data.
        let (across, down) = (
            printed_scale((1171.0, 516.0)),
            printed_scale((662.0, 626.0)),
        );
        assert!((across[0] - 0.605).abs() < 0.01 && (across[1] - 0.411).abs() < 0.01);
        assert!(prints_larger(down, across));
        assert!(!prints_larger(across, down));
        // Both fit as they are: the upright fit decides, by a clear margin only.
        assert_eq!(printed_scale((300.0, 200.0)), [1.0, 1.0]);
        assert!(prints_larger([1.0, 0.92], [1.0, 0.85]));
        assert!(!prints_larger([1.0, 0.71], [1.0, 0.70]));
    }
}
