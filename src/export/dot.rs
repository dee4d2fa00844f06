//! Graphviz DOT for a report page: one edge per tie and at most two per pair, hubs capped by
//! list nodes ([`ties`]), looks derived from the schema's order ([`look`]), a compact key in
//! the corner ([`key`]), labels that say who did what (`leads (PM, 2016–2021) [3]`) and a
//! number on every edge for the evidence behind it ([`Picture::evidence`]), also in the
//! edge's tooltip with every quote.
//!
//! dot-writer writes quoted attribute values as given and node ids unquoted, so this module
//! escapes every value ([`escape`]) and quotes every id itself. It builds the whole text in
//! memory; the caller writes it out (dot-writer unwraps its writes, which would panic on a
//! closed stdout).

mod key;
pub(crate) mod look;
mod ties;
pub(crate) mod timeline;

use std::borrow::Cow;
use std::fmt::Write as _;

use dot_writer::{Attributes, DotWriter, Node, Scope};
use rustc_hash::{FxHashMap, FxHashSet};

use self::look::Look;
use self::ties::{Drawing, Edge, End, List, Tie};
use crate::model::{
    Dataset, Entity, KindId, Relation, RelationType, RelationTypeDef, Schema, TimeKind,
};
use crate::text::{arrow, cite, claimant_name, markdown, qualifiers, Footnotes, Period};

/// How nodes are grouped into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Cluster {
    /// One box per country (entities without a country stay outside)
    Country,
    /// One box per entity kind
    Kind,
    None,
}

/// Layout direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RankDir {
    #[value(name = "LR")]
    LeftRight,
    #[value(name = "TB")]
    TopBottom,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct DotOptions {
    pub(crate) cluster: Cluster,
    pub(crate) rankdir: RankDir,
    /// Entities tied only to hubs drawn as lists (see `dot/ties.rs`); the explorer draws every
    /// entity as its own node, as it ties each node to its data.
    pub(crate) lists: bool,
    /// Each edge's label drawn as a node its line runs through (see [`write_label_node`]);
    /// posters and the explorer keep Graphviz's labels, the explorer finding each edge by
    /// its `<title>` (`from->to`).
    pub(crate) labels_on_lines: bool,
}

/// Drawn edges beyond which a picture is a poster, not a page (a page holds at most 15).
const POSTER_EDGES: usize = 60;

/// A page's edge labels and key, in points.
const EDGE_FONT_SIZE: &str = "9";

/// A poster's edge labels and key, in points.
const POSTER_FONT_SIZE: &str = "10";

/// Typical DOT bytes per node and per edge (measured on the bundled data: about 200 and 330,
/// the edge tooltips carrying their quotes).
const BYTES_PER_NODE: usize = 200;
const BYTES_PER_EDGE: usize = 340;

/// What to draw strong: the entities and relations of a path answer, each relation with the
/// step of the path it makes (from 1).
#[derive(Debug, Default)]
pub(crate) struct Emphasis<'d> {
    pub(crate) entities: FxHashSet<&'d str>,
    /// Relations by identity: two relations may say the same thing from different sources.
    pub(crate) relations: FxHashMap<*const Relation, usize>,
}

/// Line width of emphasised nodes and edges.
const EMPHASIS_WIDTH: &str = "3.5";

/// Makes any text safe inside a DOT double-quoted label and shown as itself: backslashes
/// and quotes are escaped, line breaks become `\n` (a centred line in Graphviz), and `&`
/// becomes `&amp;`, because Graphviz decodes HTML entities even in quoted labels (a name
/// containing `&lt;` would otherwise be drawn as `<`).
pub(crate) fn escape(text: &str) -> String {
    escape_with(text, "\\\\")
}

/// Like [`escape`], for tooltips: Graphviz unescapes a tooltip twice (once as a string, once
/// expanding `\G`, `\N`, ...), so a backslash takes four (found by the property test: a
/// quote containing `\G` showed the graph's internal name).
fn escape_tooltip(text: &str) -> String {
    escape_with(text, TOOLTIP_BACKSLASH)
}

const TOOLTIP_BACKSLASH: &str = "\\\\\\\\";

fn escape_with(text: &str, backslash: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escape_into(&mut escaped, text, backslash);
    escaped
}

/// Appends `text` escaped (see [`escape`]) to `escaped`; `backslash` is what a backslash
/// becomes.
fn escape_into(escaped: &mut String, text: &str, backslash: &str) {
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str(backslash),
            '"' => escaped.push_str("\\\""),
            '\n' => escaped.push_str("\\n"),
            '&' => escaped.push_str("&amp;"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
}

/// Node labels wrap at this many characters so long names don't stretch the picture.
const WRAP_WIDTH: usize = 20;

/// Breaks text into lines of at most `width` characters at spaces (a longer word keeps its
/// own line).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// A node id as DOT needs it: always quoted, so ids starting with a digit are valid too.
fn node_id(entity: &Entity) -> String {
    format!("\"{}\"", escape(entity.id.value.as_str()))
}

/// Graphviz refuses a line longer than 16384 bytes ("longer than 16384?"), so no value of a
/// picture is allowed near it: labels and tooltips are cut (with "…"); JSON, Markdown and
/// text answers keep the full text.
const MAX_LABEL_CHARS: usize = 300;
const MAX_TOOLTIP_CHARS: usize = 2000;

/// `text`, cut to `max` characters with "…" when longer.
fn shortened(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(at, _)| at);
            Cow::Owned(format!("{}…", &text[..cut]))
        }
    }
}

fn set_text(attributes: &mut impl Attributes, name: &str, text: &str) {
    let text = &*shortened(text, MAX_LABEL_CHARS);
    // Most values need no escaping; passing them through saves a copy per attribute, which
    // is most of the export's allocations on a million relations.
    if needs_escape(text) {
        attributes.set(name, &escape(text), true);
    } else {
        attributes.set(name, text, true);
    }
}

fn set_tooltip(attributes: &mut impl Attributes, text: &str) {
    let text = &*shortened(text, MAX_TOOLTIP_CHARS);
    if needs_escape(text) {
        attributes.set("tooltip", &escape_tooltip(text), true);
    } else {
        attributes.set("tooltip", text, true);
    }
}

fn needs_escape(text: &str) -> bool {
    text.contains(['\\', '"', '\n', '\r', '&'])
}

/// Escapes text for an HTML-like label (`<b>…</b>` tables), where Graphviz reads entities.
pub(crate) fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\n' => escaped.push_str("<br/>"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Edge label lines wrap at this many characters.
const EDGE_WRAP_WIDTH: usize = 20;
/// A bundle's label wraps at this many characters: wider than one tie's, as it is one line of
/// types, not a stack of them.
const BUNDLE_WRAP_WIDTH: usize = 30;
/// A bundle's label names this many of its types at most; the rest are counted.
const BUNDLE_TYPES_SHOWN: usize = 4;
/// A title's small lines wrap at this many characters.
const TITLE_WRAP_WIDTH: usize = 100;
/// List members' names wrap at this many characters.
const LIST_WRAP_WIDTH: usize = 36;
/// A list node shows at most this many members; the rest are counted (all are in the
/// evidence appendix).
const LIST_SHOWN: usize = 40;

/// Whether [`Picture::evidence`] is written out (`render`'s `VIEW.md`) or only counted: a
/// whole large graph's notes would double its export's memory for nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Appendix {
    Write,
    Skip,
}

/// A picture's DOT text and the evidence behind its numbers: note `n` is what `[n]` on an
/// edge (and in its tooltip) refers to.
pub(crate) struct Picture {
    pub(crate) dot: String,
    pub(crate) evidence: Footnotes,
}

/// What the drawing needs to know about its entities.
struct Context<'a, 'd> {
    dataset: &'d Dataset,
    names: FxHashMap<&'d str, &'d Entity>,
    /// Node ids as DOT writes them, made once per entity rather than twice per edge.
    ids: FxHashMap<&'d str, String>,
    emphasis: &'a Emphasis<'d>,
    /// The look of each relation type drawn, by its place among the types this picture draws
    /// (in schema order), so no two drawn types share a colour and dash (see [`look`]).
    type_looks: FxHashMap<&'d RelationType, Look>,
    /// The colour of each entity kind drawn, by its place among the kinds drawn.
    kind_colors: FxHashMap<&'d KindId, String>,
}

impl<'d> Context<'_, 'd> {
    fn name(&self, id: &'d str) -> &'d str {
        self.names
            .get(id)
            .map_or(id, |entity| entity.name.value.as_str())
    }

    fn end_id(&self, end: End<'d>) -> String {
        match end {
            End::Entity(id) => self.ids[id].clone(),
            End::List(index) => format!("\"list {index}\""),
        }
    }

    /// How a relation type is drawn in this picture.
    fn type_look(&self, relation_type: &RelationType) -> Look {
        self.type_looks
            .get(relation_type)
            .cloned()
            .unwrap_or_else(|| look::type_look(0, 0))
    }

    /// An entity kind's outline colour in this picture; its fill is the same, faint.
    fn kind_color(&self, kind: &KindId) -> String {
        self.kind_colors
            .get(kind)
            .cloned()
            .unwrap_or_else(|| look::kind_color(0))
    }

    fn type_def(&self, tie: &Tie<'_>) -> Option<&'d RelationTypeDef> {
        self.dataset.schema.relation_type(tie.relation_type)
    }

    fn type_label(&self, tie: &Tie<'d>) -> &'d str {
        self.type_def(tie)
            .map_or(tie.relation_type.as_str(), |def| def.label.as_str())
    }

    fn symmetric(&self, tie: &Tie<'_>) -> bool {
        self.type_def(tie).is_some_and(|def| def.symmetric)
    }

    /// The step of a path this tie makes, if it is one.
    fn step(&self, tie: &Tie<'_>) -> Option<usize> {
        tie.relations
            .iter()
            .filter_map(|r| self.emphasis.relations.get(&std::ptr::from_ref(*r)))
            .min()
            .copied()
    }
}

/// The DOT text of `entities` and the `relations` among them, titled `title`, with the
/// evidence its numbers refer to.
pub(crate) fn export(
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
    options: DotOptions,
    emphasis: &Emphasis<'_>,
    appendix: Appendix,
) -> Picture {
    let mut context = Context {
        dataset,
        names: entities.iter().map(|e| (e.id.value.as_str(), *e)).collect(),
        ids: entities
            .iter()
            .map(|e| (e.id.value.as_str(), node_id(e)))
            .collect(),
        emphasis,
        type_looks: FxHashMap::default(),
        kind_colors: FxHashMap::default(),
    };
    // Only relations with both ends drawn.
    let relations: Vec<&Relation> = relations
        .iter()
        .copied()
        .filter(|r| {
            context.ids.contains_key(r.from.as_str()) && context.ids.contains_key(r.to.as_str())
        })
        .collect();
    let drawing = Drawing::of(&dataset.schema, &relations, options.lists);
    let labels_on_lines = options.labels_on_lines && drawing.edges.len() <= POSTER_EDGES;
    context.type_looks = drawn_type_looks(&dataset.schema, &drawing);
    context.kind_colors = drawn_kind_colors(&dataset.schema, entities);
    let mut evidence = Footnotes::default();
    let notes = number_evidence(&context, &drawing, &mut evidence, appendix);
    // Each edge's label, tooltip and line, once: a label drawn as a node and its line share them.
    let drawings: Vec<EdgeDrawing> = drawing
        .edges
        .iter()
        .zip(&notes.edges)
        .map(|(edge, note)| EdgeDrawing::of(&context, edge, *note))
        .collect();
    // Sized for the typical line lengths, so a large export is not copied as it grows.
    let mut bytes = Vec::with_capacity(
        BYTES_PER_NODE * entities.len() + BYTES_PER_EDGE * drawing.edges.len() + 4096,
    );
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut graph = writer.digraph();
        let key = key::table(&context, entities, &drawing);
        let subtitle = format!(
            "{} entities · {} ties from sources up to {} · [n]: a tie's quotes, in the appendix",
            entities.len(),
            relations.len(),
            data_date(dataset),
        );
        // The key is the graph's own label, in the bottom right corner, a band Graphviz
        // keeps clear of nodes and edges; the title is the label of a frameless box around
        // the drawing, top left.
        graph_header(&mut graph, key.as_deref(), options, drawing.edges.len());
        {
            let mut picture = titled(&mut graph, title, &subtitle);
            let listed = |e: &&&Entity| !drawing.listed.contains_key(e.id.value.as_str());
            let unlisted: Vec<&Entity> = entities.iter().filter(listed).copied().collect();
            let labels: Vec<(usize, &Edge<'_>, &EdgeDrawing)> = if labels_on_lines {
                let edges = drawing.edges.iter().zip(&drawings).enumerate();
                edges
                    .map(|(index, (edge, look))| (index, edge, look))
                    .collect()
            } else {
                Vec::new()
            };
            write_nodes(&mut picture, &context, &unlisted, &labels, options.cluster);
            for (index, list) in drawing.lists.iter().enumerate() {
                write_list(&mut picture, &context, index, list, notes.lists[index]);
            }
        }
        for (index, (edge, look)) in drawing.edges.iter().zip(&drawings).enumerate() {
            let (from, to) = (context.end_id(edge.from), context.end_id(edge.to));
            let label_node = labels_on_lines.then(|| label_node_id(index));
            write_edge_between(&mut graph, look, from, to, label_node);
        }
    }
    Picture {
        dot: String::from_utf8(bytes).expect("DOT built from UTF-8 text"),
        evidence,
    }
}

/// The relation types a drawing draws as lines of their own (not claims, not bundles), each
/// with its family's colour, the same in every picture, and a line and head by its place
/// among the family's types drawn here (see [`look::type_look`]), so no two of a page's
/// types look alike.
fn drawn_type_looks<'d>(
    schema: &'d Schema,
    drawing: &Drawing<'_>,
) -> FxHashMap<&'d RelationType, Look> {
    let drawn: FxHashSet<&RelationType> = drawing
        .edges
        .iter()
        .filter_map(|edge| match edge.ties.as_slice() {
            [tie] if !tie.claim => Some(tie.relation_type),
            _ => None,
        })
        .collect();
    let mut drawn_in_family: FxHashMap<usize, usize> = FxHashMap::default();
    schema
        .relation_types
        .iter()
        .filter(|def| drawn.contains(&def.id.value))
        .map(|def| {
            let (family, _) = schema.family_place(&def.id.value);
            let within = drawn_in_family.entry(family).or_default();
            let look = look::type_look(family, *within);
            *within += 1;
            (&def.id.value, look)
        })
        .collect()
}

/// The kinds of `entities`, each with its colour by its place in the schema, the same in
/// every picture (the key names the shape of kinds that share a colour).
fn drawn_kind_colors<'d>(
    schema: &'d Schema,
    entities: &[&Entity],
) -> FxHashMap<&'d KindId, String> {
    let drawn: FxHashSet<&KindId> = entities.iter().map(|e| &e.kind.value).collect();
    schema
        .kinds
        .iter()
        .enumerate()
        .filter(|(_, kind)| drawn.contains(&kind.id.value))
        .map(|(index, kind)| (&kind.id.value, look::kind_color(index)))
        .collect()
}

/// The frameless box around a drawing, its label the title, top left.
fn titled<'s, 'w>(graph: &'s mut Scope<'_, 'w>, title: &str, subtitle: &str) -> Scope<'s, 'w> {
    let mut picture = graph.cluster();
    picture
        .graph_attributes()
        .set("label", &title_label(title, subtitle), false)
        .set("labeljust", "l", false)
        .set("labelloc", "t", false)
        .set("peripheries", "0", false);
    picture
}

/// How big a picture of `relations` is: its nodes (entities and lists) and drawn edges.
pub(crate) fn size(schema: &Schema, relations: &[&Relation]) -> (usize, usize) {
    let drawing = Drawing::of(schema, relations, true);
    let entities: FxHashSet<&str> = relations
        .iter()
        .flat_map(|r| [r.from.as_str(), r.to.as_str()])
        .filter(|id| !drawing.listed.contains_key(id))
        .collect();
    // A list's row is about two fifths of a node's height.
    let rows: usize = drawing
        .lists
        .iter()
        .map(|list| list.members.len().min(LIST_SHOWN))
        .sum();
    (
        entities.len() + drawing.lists.len() + rows * 2 / 5,
        drawing.edges.len(),
    )
}

/// The newest date among the sources: how recent the data is.
fn data_date(dataset: &Dataset) -> &str {
    dataset
        .sources
        .iter()
        .map(|s| s.date.as_str())
        .max()
        .unwrap_or("unknown")
}

/// The title: its first line large and bold, its other lines and the subtitle small.
fn title_label(title: &str, subtitle: &str) -> String {
    // A path's title holds its ends' names, which may be of any length.
    let title = shortened(title, MAX_LABEL_CHARS);
    let mut lines = title.lines();
    let mut label = format!(
        "<<font point-size=\"16\"><b>{}</b></font><br align=\"left\"/>",
        html(lines.next().unwrap_or_default())
    );
    let small: Vec<String> = lines
        .chain([subtitle])
        .map(|line| wrap(line, TITLE_WRAP_WIDTH))
        .collect();
    for line in small.iter().flat_map(|line| line.lines()) {
        let _ = write!(
            label,
            "<font point-size=\"10\">{}</font><br align=\"left\"/>",
            html(line)
        );
    }
    label.push('>');
    label
}

/// The note numbers of a drawing: one per edge (an edge to a list refers to its members'
/// range), and the first of each list's members'.
struct Notes {
    edges: Vec<Note>,
    lists: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Note {
    One(usize),
    Range(usize, usize),
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::One(n) => write!(f, "[{n}]"),
            Note::Range(first, last) if first == last => write!(f, "[{first}]"),
            Note::Range(first, last) => write!(f, "[{first}–{last}]"),
        }
    }
}

/// Numbers the evidence: the edges between entities first, in drawing order, then each
/// list's members in list order.
fn number_evidence<'d>(
    context: &Context<'_, 'd>,
    drawing: &Drawing<'d>,
    evidence: &mut Footnotes,
    appendix: Appendix,
) -> Notes {
    // Without an appendix the numbers still count; their notes stay empty (no allocation).
    let note = |ties: &[Tie<'d>]| match appendix {
        Appendix::Write => ties_note(context, ties),
        Appendix::Skip => String::new(),
    };
    let mut edges: Vec<Option<Note>> = drawing
        .edges
        .iter()
        .map(|edge| {
            let is_list = matches!(edge.from, End::List(_)) || matches!(edge.to, End::List(_));
            (!is_list).then(|| Note::One(evidence.note(note(&edge.ties))))
        })
        .collect();
    let lists: Vec<(usize, usize)> = drawing
        .lists
        .iter()
        .map(|list| {
            let first = evidence.len() + 1;
            for ties in &list.ties {
                evidence.note(note(ties));
            }
            (first, evidence.len())
        })
        .collect();
    for (edge, note) in drawing.edges.iter().zip(&mut edges) {
        if let (End::List(list), _) | (_, End::List(list)) = (edge.from, edge.to) {
            let (first, last) = lists[list];
            *note = Some(Note::Range(first, last));
        }
    }
    Notes {
        edges: edges
            .into_iter()
            .map(|n| n.expect("every edge numbered"))
            .collect(),
        lists: lists.into_iter().map(|(first, _)| first).collect(),
    }
}

/// A tie as a line of text: `Laos —[cooperates with]— Vietnam (×18, 1962–2024)`.
fn tie_heading<'d>(context: &Context<'_, 'd>, tie: &Tie<'d>) -> String {
    let arrow = arrow(context.type_label(tie), context.symmetric(tie), true);
    let claimed = claimed(context, tie);
    // ` (1977)`, ` (PM, 2016–2021)`, ` ×18 (1962–2024)` as one parenthesis after the names:
    // `(1977)`, `(PM, 2016–2021)`, `(×18, 1962–2024)`.
    let summary = tie_summary(context, tie);
    let summary = summary.trim();
    let inner = |text: &'_ str| -> String { text.strip_suffix(')').unwrap_or(text).to_string() };
    let summary = match summary.split_once(" (") {
        Some((count, rest)) if count.starts_with('×') => format!("{count}, {}", inner(rest)),
        _ => summary
            .strip_prefix('(')
            .map_or_else(|| summary.to_string(), inner),
    };
    let summary = summary.as_str();
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!(" ({})", markdown(summary))
    };
    format!(
        "{claimed}{} {arrow} {}{summary}",
        markdown(context.name(tie.from)),
        markdown(context.name(tie.to)),
    )
}

/// The evidence note of some ties (an edge's, or a list member's): each tie, then each
/// relation's period and quotes with their sources.
fn ties_note<'d>(context: &Context<'_, 'd>, ties: &[Tie<'d>]) -> String {
    let mut note = String::new();
    for (index, tie) in ties.iter().enumerate() {
        if index > 0 {
            note.push_str("; ");
        }
        note.push_str(&tie_heading(context, tie));
    }
    let schema = &context.dataset.schema;
    for relation in ties.iter().flat_map(|tie| &tie.relations) {
        let when = qualifiers(schema, relation).unwrap_or_else(|| "undated".to_string());
        let claimant = relation.is_claim().then(|| {
            let claimant = relation.details().claimed_by.as_deref();
            format!(
                ", claimed by {}",
                claimant.map_or("someone the source does not name", |c| claimant_name(
                    context.dataset,
                    c
                ))
            )
        });
        for quote in &relation.evidence {
            let _ = write!(
                note,
                "\n  - {}: {}",
                markdown(&format!("{when}{}", claimant.as_deref().unwrap_or(""))),
                cite(context.dataset, quote)
            );
        }
    }
    note
}

/// What follows a type in a label: ` (PM, 2016–2021)` or ` (1977)` for one relation,
/// ` ×18 (1962–2024)` (role too when all share it) for several.
fn tie_summary<'d>(context: &Context<'_, 'd>, tie: &Tie<'d>) -> String {
    let schema = &context.dataset.schema;
    match tie.relations.as_slice() {
        [relation] => {
            let period = Period::of(schema, relation).in_years();
            let details = relation.details();
            // Who and how much go in the parentheses, with the period: a grant's label
            // without its sum threw away what the quote is about (a reviewer's find).
            // A role the type already says (`chairs`, Chair) is said once.
            let label = context.type_label(tie).to_lowercase();
            let mut inside: Vec<String> = details
                .role
                .iter()
                .filter(|role| !label.starts_with(&role.to_lowercase()))
                .cloned()
                .collect();
            inside.extend(
                details
                    .amount
                    .map(|amount| crate::text::amount(amount, details.currency.as_deref())),
            );
            // The period in parentheses even alone: after a verb, a bare year read as its
            // object (`sent experts to 1946`, a reviewer's find in 11 of 14 views).
            match (inside.is_empty(), period.is_known()) {
                (true, false) => String::new(),
                (_, known) => {
                    if known {
                        inside.push(period.to_string());
                    }
                    format!(" ({})", inside.join(", "))
                }
            }
        }
        relations => {
            let role = relations[0].details().role.as_deref().filter(|role| {
                relations
                    .iter()
                    .all(|r| r.details().role.as_deref() == Some(*role))
            });
            let count = relations.len();
            let kind = schema.time_kind(tie.relation_type);
            match (role, group_span(relations, kind)) {
                (Some(role), None) => format!(" ×{count} ({role})"),
                (Some(role), Some(GroupSpan::All(span))) => format!(" ×{count} ({role}, {span})"),
                (Some(role), Some(GroupSpan::Some(span))) => format!(" ×{count} ({role}; {span})"),
                (None, None) => format!(" ×{count}"),
                (None, Some(GroupSpan::All(span) | GroupSpan::Some(span))) => {
                    format!(" ×{count} ({span})")
                }
            }
        }
    }
}

/// The years of several relations as one text: `2009–2012` when each is dated, `all 2012`
/// when each is of that year, `in 2019–2024` when the texts only show each holding then (a
/// mention, not a tenure), `1 dated: 2013` when only some are dated (so the span is never
/// read as every relation's); `None` when none is.
#[derive(Debug, PartialEq, Eq)]
enum GroupSpan {
    All(String),
    Some(String),
}

/// Years of relations each at one time listed in a group's label, at most; more are a span.
const YEARS_LISTED: usize = 3;

fn group_span(relations: &[&Relation], kind: TimeKind) -> Option<GroupSpan> {
    let mut dated = 0;
    let mut seen_only = true;
    let (mut first, mut last): (Option<u16>, Option<u16>) = (None, None);
    // The years of relations each at one time (an event, or a state only seen then): a few
    // are listed, as two visits are two years, not a span (a reviewer read `2011–2019` so).
    let mut points: Option<Vec<u16>> = Some(Vec::new());
    for relation in relations {
        let seen = relation.details().seen;
        let dates = [relation.date, relation.end, seen];
        if dates.iter().all(Option::is_none) {
            continue;
        }
        dated += 1;
        seen_only &= relation.date.is_none() && relation.end.is_none();
        let point = match (relation.date, relation.end, kind) {
            (Some(date), None, TimeKind::Event) => Some(date.year),
            (Some(date), Some(end), TimeKind::Event) if date.year == end.year => Some(date.year),
            (None, None, _) => seen.map(|seen| seen.year),
            _ => None,
        };
        points = points.zip(point).map(|(mut points, year)| {
            points.push(year);
            points
        });
        for year in dates.into_iter().flatten().map(|d| d.year) {
            first = Some(first.map_or(year, |lo| lo.min(year)));
            last = Some(last.map_or(year, |hi| hi.max(year)));
        }
    }
    let (first, last) = (first?, last?);
    let listed = points
        .map(|mut years| {
            years.sort_unstable();
            years.dedup();
            years
        })
        .filter(|years| (2..=YEARS_LISTED).contains(&years.len()));
    let years = match listed {
        Some(years) => {
            let years: Vec<String> = years.iter().map(u16::to_string).collect();
            let (last, rest) = years.split_last().expect("two years or more");
            format!("{} and {last}", rest.join(", "))
        }
        None if first == last => format!("{first}"),
        None => format!("{first}–{last}"),
    };
    let years = if seen_only {
        format!("as of {years}")
    } else {
        years
    };
    Some(if dated < relations.len() {
        GroupSpan::Some(format!("{years}, {} undated", relations.len() - dated))
    } else if first == last && !seen_only {
        GroupSpan::All(format!("all {years}"))
    } else {
        GroupSpan::All(years)
    })
}

/// A bundle's label (the ties of a pair with more than two): a line for each type (`hostile
/// to (both ways)` for a type both ways) with the span of its own relations, so that which
/// tie holds when stays readable (a reviewer could not tell them apart on one line); each
/// relation's dates are in the tooltip and the evidence.
fn bundle_label<'d>(context: &Context<'_, 'd>, ties: &[Tie<'d>]) -> String {
    // Each type once: its label and its ties (one, or one each way).
    let mut ways: Vec<(String, Vec<&Tie<'d>>)> = Vec::new();
    for tie in ties {
        let label = format!("{}{}", claimed(context, tie), context.type_label(tie));
        match ways.iter_mut().find(|(l, _)| *l == label) {
            Some((_, same)) => same.push(tie),
            None => ways.push((label, vec![tie])),
        }
    }
    let mut lines: Vec<String> = ways
        .iter()
        .map(|(label, same)| match same.as_slice() {
            [tie] => tie_line(context, tie),
            both_ways => {
                let relations: Vec<&Relation> = both_ways
                    .iter()
                    .flat_map(|tie| tie.relations.iter().copied())
                    .collect();
                let kind = context.dataset.schema.time_kind(same[0].relation_type);
                let span = match group_span(&relations, kind) {
                    None => String::new(),
                    Some(GroupSpan::All(span) | GroupSpan::Some(span)) => format!(" ({span})"),
                };
                format!("{label} (both ways) ×{}{span}", relations.len())
            }
        })
        .map(|line| wrap(&line, BUNDLE_WRAP_WIDTH))
        .collect();
    // A pair tied in many ways (Laos and Vietnam on the poster) names a few and counts the
    // rest, so its label stays a few lines; the tooltip and evidence list every tie.
    if lines.len() > BUNDLE_TYPES_SHOWN {
        let more = lines.len() - BUNDLE_TYPES_SHOWN;
        lines.truncate(BUNDLE_TYPES_SHOWN);
        lines.push(format!("{more} more"));
    }
    // Bulleted, so two ties' lines never read as one (`fostered / spoke of 1963`).
    lines
        .iter()
        .map(|line| format!("• {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A tie's line in an edge label: `claimed: supported (1962)`, `leads (PM, 2016–2021)`.
fn tie_label<'d>(context: &Context<'_, 'd>, tie: &Tie<'d>) -> String {
    wrap(&tie_line(context, tie), EDGE_WRAP_WIDTH)
}

/// [`tie_label`] before it is wrapped, also a bundle's line for a tie one way.
fn tie_line<'d>(context: &Context<'_, 'd>, tie: &Tie<'d>) -> String {
    format!(
        "{}{}{}",
        claimed(context, tie),
        context.type_label(tie),
        tie_summary(context, tie)
    )
}

/// A claimant named in a label at most this long: `GlobalSecurity.org`, `Lao dissident groups`.
const CLAIMANT_CHARS: usize = 24;

/// What a claim's label starts with: `claimed by GlobalSecurity.org: ` when its relations
/// name one claimant (a reader must see whose claim it is, not a fact about two peoples),
/// else `claimed: `; nothing before a fact.
fn claimed<'d>(context: &Context<'_, 'd>, tie: &Tie<'d>) -> String {
    if !tie.claim {
        return String::new();
    }
    let mut claimants = tie
        .relations
        .iter()
        .map(|relation| relation.details().claimed_by.as_deref());
    match claimants.next().flatten() {
        Some(first) if claimants.all(|other| other == Some(first)) => {
            match claimant_name(context.dataset, first) {
                name if name.chars().count() <= CLAIMANT_CHARS => format!("claimed by {name}: "),
                // A claimant written as a sentence is for the evidence, not a label.
                _ => "claimed: ".to_string(),
            }
        }
        _ => "claimed: ".to_string(),
    }
}

fn graph_header(graph: &mut Scope<'_, '_>, key: Option<&str>, options: DotOptions, edges: usize) {
    let mut attributes = graph.graph_attributes();
    if let Some(key) = key {
        attributes
            .set("label", &format!("<{key}>"), false)
            .set("labeljust", "r", false)
            .set("labelloc", "b", false);
    }
    attributes
        .set("fontname", "Helvetica", true)
        .set("charset", "UTF-8", true)
        .set(
            "rankdir",
            match options.rankdir {
                RankDir::LeftRight => "LR",
                RankDir::TopBottom => "TB",
            },
            false,
        )
        .set("newrank", "true", false)
        .set("ranksep", "0.2", false);
    if edges <= POSTER_EDGES {
        attributes.set("fontsize", EDGE_FONT_SIZE, false);
    }
    // A poster (the whole graph) has its parallel edge routes merged and its nodes closer, so
    // it prints on A1 at 5 pt (measured on the bundled data: 3303 pt tall without, 2876 with);
    // a page keeps each edge its own route.
    // Its edge labels and key are set a point larger: the poster is shrunk to fit A1, and
    // its smallest text then prints at 5.6 pt rather than 5.0 (measured on the bundled data),
    // a margin for the data to grow.
    if edges > POSTER_EDGES {
        attributes
            .set("concentrate", "true", false)
            .set("nodesep", "0.04", false)
            .set("fontsize", POSTER_FONT_SIZE, false);
    } else {
        attributes.set("nodesep", "0.08", false);
    }
    drop(attributes);
    graph
        .node_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", "11", false)
        .set("style", "filled", true)
        .set("fillcolor", "white", false)
        .set("margin", "0.06,0.03", true);
    let edge_font = if edges > POSTER_EDGES {
        POSTER_FONT_SIZE
    } else {
        EDGE_FONT_SIZE
    };
    graph
        .edge_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", edge_font, false);
}

fn write_node(scope: &mut Scope<'_, '_>, context: &Context<'_, '_>, entity: &Entity) {
    drop(write_node_as(scope, context, entity, node_id(entity)));
}

/// An entity's node under the DOT id `id` (quoted), for pictures that draw it more than once;
/// the caller may add attributes before it is dropped (written).
fn write_node_as<'s, 'w>(
    scope: &'s mut Scope<'_, 'w>,
    context: &Context<'_, '_>,
    entity: &Entity,
    id: String,
) -> Node<'s, 'w> {
    let mut node = scope.node_named(id);
    if context.emphasis.entities.contains(entity.id.value.as_str()) {
        node.set("penwidth", EMPHASIS_WIDTH, false);
    }
    set_text(&mut *node, "label", &wrap(&entity.name.value, WRAP_WIDTH));
    let tooltip = entity.description.as_deref().unwrap_or(&entity.name.value);
    set_tooltip(&mut *node, tooltip);
    let dataset = context.dataset;
    if let Some(kind) = dataset.schema.kind(&entity.kind.value) {
        let color = context.kind_color(&entity.kind.value);
        set_text(&mut *node, "shape", &kind.shape);
        // Graphviz sizes these shapes by their front face and draws the top (a cylinder's lid,
        // a 3-D box's upper face) over the label's first line: room is made for it.
        if matches!(kind.shape.as_str(), "cylinder" | "box3d") {
            set_text(&mut *node, "margin", "0.08,0.1");
        }
        set_text(&mut *node, "fillcolor", &format!("{color}1a"));
        set_text(&mut *node, "color", &color);
    }
    node
}

/// A list node: a table of its members, each with its period and note number.
fn write_list(
    scope: &mut Scope<'_, '_>,
    context: &Context<'_, '_>,
    index: usize,
    list: &List<'_>,
    first_note: usize,
) {
    let mut kinds: Vec<&KindId> = Vec::new();
    for member in &list.members {
        if let Some(entity) = context.names.get(member) {
            if !kinds.contains(&&entity.kind.value) {
                kinds.push(&entity.kind.value);
            }
        }
    }
    // Framed in the members' kind colour when they share a kind.
    let color = match kinds.as_slice() {
        [kind] => context.kind_color(kind),
        _ => look::FRAME_COLOR.to_string(),
    };
    // The members share their ties (that is why they are listed): the heading says which,
    // `Laos signed · Vietnam signed`, `located in Laos`.
    let mut heading: Vec<String> = Vec::new();
    let member = list.members.first().copied().unwrap_or_default();
    for tie in list.ties.first().into_iter().flatten() {
        let claimed = claimed(context, tie);
        let label = context.type_label(tie);
        let way = if tie.from == member {
            format!("{claimed}{label} {}", context.name(tie.to))
        } else {
            format!("{claimed}{} {label}", context.name(tie.from))
        };
        if !heading.contains(&way) {
            heading.push(way);
        }
    }
    // Wrapped like the members, so a list of several ways stays one column wide.
    let heading = format!("{} ({})", heading.join(" · "), list.members.len());
    let heading: Vec<String> = wrap(&heading, LIST_WRAP_WIDTH).lines().map(html).collect();
    let mut rows = format!(
        "<tr><td align=\"left\"><b>{}</b><br align=\"left\"/></td></tr>",
        heading.join("<br align=\"left\"/>")
    );
    for (offset, (member, ties)) in list
        .members
        .iter()
        .zip(&list.ties)
        .enumerate()
        .take(LIST_SHOWN)
    {
        let period = ties
            .iter()
            .map(|tie| tie_summary(context, tie))
            .find(|summary| !summary.is_empty())
            .unwrap_or_default();
        let item = format!(
            "{}{period} [{}]",
            shortened(context.name(member), MAX_LABEL_CHARS),
            first_note + offset
        );
        let lines: Vec<String> = wrap(&item, LIST_WRAP_WIDTH).lines().map(html).collect();
        let _ = write!(
            rows,
            "<tr><td align=\"left\">{}<br align=\"left\"/></td></tr>",
            lines.join("<br align=\"left\"/>")
        );
    }
    if list.members.len() > LIST_SHOWN {
        let _ = write!(
            rows,
            "<tr><td align=\"left\"><i>… and {} more in the evidence</i></td></tr>",
            list.members.len() - LIST_SHOWN
        );
    }
    let mut node = scope.node_named(format!("\"list {index}\""));
    node.set("shape", "plain", false).set("fontsize", "10", false).set(
        "label",
        &format!(
            "<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\" color=\"{color}\" bgcolor=\"{color}1a\">{rows}</table>>"
        ),
        false,
    );
}

/// Nodes in dataset order, then the edge labels drawn as nodes (`labels`: each edge's index,
/// the edge and how it is drawn); grouped into clusters in order of the group's first member, a
/// label in its ends' cluster when they share one, so its line stays inside the box.
fn write_nodes(
    scope: &mut Scope<'_, '_>,
    context: &Context<'_, '_>,
    entities: &[&Entity],
    labels: &[(usize, &Edge<'_>, &EdgeDrawing)],
    cluster: Cluster,
) {
    let dataset = context.dataset;
    let group_of = |entity: &Entity| -> Option<String> {
        match cluster {
            Cluster::None => None,
            Cluster::Kind => Some(entity.kind.value.to_string()),
            Cluster::Country => entity.country.as_ref().map(|c| c.value.to_string()),
        }
    };
    let end_group = |end: End<'_>| match end {
        End::Entity(id) => context.names.get(id).and_then(|entity| group_of(entity)),
        End::List(_) => None,
    };
    let mut groups: Vec<(String, Vec<&Entity>, Vec<usize>)> = Vec::new();
    for entity in entities {
        match group_of(entity) {
            None => write_node(scope, context, entity),
            Some(key) => match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, members, _)) => members.push(entity),
                None => groups.push((key, vec![entity], Vec::new())),
            },
        }
    }
    for (at, &(index, edge, drawing)) in labels.iter().enumerate() {
        let shared =
            end_group(edge.from).filter(|group| end_group(edge.to).as_ref() == Some(group));
        match shared.and_then(|key| groups.iter_mut().find(|(k, _, _)| *k == key)) {
            Some((_, _, held)) => held.push(at),
            None => write_label_node(scope, index, drawing),
        }
    }
    for (key, members, held) in groups {
        let mut group = scope.cluster();
        let label = match cluster {
            Cluster::Kind => dataset
                .schema
                .kind(&KindId::from(key.as_str()))
                .map_or(key.clone(), |k| k.label.clone()),
            _ => country_name(dataset, &key),
        };
        let mut attributes = group.graph_attributes();
        set_text(&mut attributes, "label", &label);
        attributes
            .set("style", "rounded,filled", true)
            .set("fillcolor", "#f5f5f5", true)
            .set("color", look::FRAME_COLOR, true)
            .set("fontsize", "12", false)
            .set("labeljust", "l", false);
        drop(attributes);
        for entity in members {
            write_node(&mut group, context, entity);
        }
        for at in held {
            let (index, _, drawing) = labels[at];
            write_label_node(&mut group, index, drawing);
        }
    }
}

/// The display name of the country entity with this code, or the code itself.
fn country_name(dataset: &Dataset, code: &str) -> String {
    dataset
        .entities
        .iter()
        .find(|e| {
            e.kind.value.as_str() == "country"
                && e.country.as_ref().is_some_and(|c| c.value.as_str() == code)
        })
        .map_or_else(|| code.to_string(), |e| e.name.value.to_string())
}

/// How an edge is drawn: one tie by its type (or as a claim), several of one family as a
/// double line in its colour, several of unlike families as a bundle.
fn edge_look(context: &Context<'_, '_>, edge: &Edge<'_>) -> Look {
    let schema = &context.dataset.schema;
    match edge.ties.as_slice() {
        [tie] if tie.claim => look::claim_look(),
        [tie] => context.type_look(tie.relation_type),
        [first, rest @ ..]
            if rest
                .iter()
                .all(|tie| tie.family(schema) == first.family(schema)) =>
        {
            look::family_bundle_look(first.family(schema).0, first.claim)
        }
        _ => look::bundle_look(),
    }
}

/// The DOT id of the node edge `index`'s label is drawn as (a space keeps it apart from
/// every entity id).
fn label_node_id(index: usize) -> String {
    format!("\"tie {index}\"")
}

/// How an edge is drawn: its label and tooltip, its line, and where clicking it leads.
struct EdgeDrawing {
    label: String,
    tooltip: String,
    color: String,
    look: Look,
    emphasised: bool,
    directed: bool,
    url: Option<String>,
}

impl EdgeDrawing {
    fn of<'d>(context: &Context<'_, 'd>, edge: &Edge<'d>, note: Note) -> Self {
        let step = edge.ties.iter().filter_map(|tie| context.step(tie)).min();
        let mut label = match edge.ties.as_slice() {
            [tie] => tie_label(context, tie),
            ties => bundle_label(context, ties),
        };
        if let Some(step) = step {
            label = format!("step {step}: {label}");
        }
        let look = edge_look(context, edge);
        let first = edge.ties.iter().flat_map(|tie| &tie.relations).next();
        EdgeDrawing {
            label: format!("{label} {note}"),
            tooltip: edge_tooltip(context, edge, note),
            color: if step.is_some() {
                look::EMPHASIS_COLOR.to_string()
            } else {
                look.color.clone()
            },
            look,
            emphasised: step.is_some(),
            directed: edge.directed,
            url: first
                .and_then(|relation| source_link(context.dataset, relation))
                .map(svg_safe_url),
        }
    }

    /// The line's attributes, with its arrowhead when `head` (a line broken by its label
    /// node has its head on the second half only).
    fn set_line(&self, attributes: &mut impl Attributes, head: bool) {
        attributes.set("tooltip", &self.tooltip, true);
        if self.look.double {
            // A colour list draws one line per colour, side by side; the invisible one
            // between keeps the two apart.
            let color = &self.color;
            set_text(attributes, "color", &format!("{color}:invis:{color}"));
        } else {
            set_text(attributes, "color", &self.color);
        }
        attributes
            .set("style", self.look.style, self.look.style.contains(','))
            .set(
                "arrowhead",
                if head { self.look.arrowhead } else { "none" },
                false,
            );
        if !self.directed {
            attributes.set("dir", "none", false);
        }
        if self.emphasised {
            attributes.set("penwidth", EMPHASIS_WIDTH, false);
        }
        self.set_link(attributes);
    }

    fn set_link(&self, attributes: &mut impl Attributes) {
        if let Some(url) = &self.url {
            // Graphviz copies URLs verbatim (no entity decoding), and `svg_safe_url` leaves
            // no quote or backslash, so the value needs no further escaping.
            attributes.set("URL", url, true);
        }
    }
}

/// Edge `index`'s label as a node of its own, which its line runs through: the label cannot
/// be read as another line's (reviewers matched Graphviz's labels, set beside their lines, to
/// the wrong line in 7 of 14 views, underlined and with leaders too). Its white ground hides
/// a line that crosses it.
fn write_label_node(scope: &mut Scope<'_, '_>, index: usize, drawing: &EdgeDrawing) {
    let mut node = scope.node_named(label_node_id(index));
    set_text(&mut *node, "label", &drawing.label);
    set_text(&mut *node, "fontcolor", &look::text_color(&drawing.color));
    node.set("shape", "plaintext", false)
        .set("class", "tie-label", true)
        .set("fontsize", EDGE_FONT_SIZE, false)
        .set("margin", "0.02,0", true)
        .set("width", "0", false)
        .set("height", "0", false)
        .set("tooltip", &drawing.tooltip, true);
    drawing.set_link(&mut *node);
}

/// An edge drawn between the DOT nodes `from` and `to` (quoted ids), standing for
/// `edge.from` and `edge.to` (a timeline draws an entity once per year): through
/// `label_node` when its label is drawn as one ([`write_label_node`]), else labelled.
fn write_edge_between(
    graph: &mut Scope<'_, '_>,
    drawing: &EdgeDrawing,
    from: String,
    to: String,
    label_node: Option<String>,
) {
    match label_node {
        Some(label) => {
            drawing.set_line(&mut graph.edge(from, label.clone()).attributes(), false);
            drawing.set_line(&mut graph.edge(label, to).attributes(), true);
        }
        None => {
            let edge_writer = graph.edge(from, to);
            let mut attributes = edge_writer.attributes();
            set_text(&mut attributes, "label", &drawing.label);
            // Underlined and tied to its line by a leader: Graphviz sets a label beside its
            // edge, often nearer another. It draws only; the layout is the same.
            attributes.set("decorate", "true", false);
            set_text(
                &mut attributes,
                "fontcolor",
                &look::text_color(&drawing.color),
            );
            drawing.set_line(&mut attributes, true);
        }
    }
}

/// What hovering an edge shows, escaped for a tooltip: its note number, then every relation
/// merged into it (type, role, exact period, claimant) with its quotes and sources, one per
/// line, up to [`MAX_TOOLTIP_CHARS`] (the evidence appendix has them all).
fn edge_tooltip<'d>(context: &Context<'_, 'd>, edge: &Edge<'d>, note: Note) -> String {
    let mut text = String::with_capacity(256);
    let _ = write!(text, "{note}");
    let schema = &context.dataset.schema;
    let relations: Vec<(&Tie<'d>, &Relation)> = edge
        .ties
        .iter()
        .flat_map(|tie| tie.relations.iter().map(move |r| (tie, *r)))
        .collect();
    for (index, (tie, relation)) in relations.iter().enumerate() {
        if text.len() > MAX_TOOLTIP_CHARS {
            let _ = write!(text, "\\n… and {} more", relations.len() - index);
            break;
        }
        text.push_str("\\n");
        if relation.is_claim() {
            text.push_str("claimed: ");
        }
        let name = |id: &str| shortened(context.name(id), MAX_LABEL_CHARS).into_owned();
        let line = format!(
            "{} {} {}",
            name(relation.from.as_str()),
            arrow(context.type_label(tie), context.symmetric(tie), true),
            name(relation.to.as_str())
        );
        escape_into(&mut text, &line, TOOLTIP_BACKSLASH);
        if let Some(qualifiers) = qualifiers(schema, relation) {
            text.push_str(" (");
            escape_into(&mut text, &qualifiers, TOOLTIP_BACKSLASH);
            text.push(')');
        }
        if relation.is_claim() {
            let claimant = relation
                .details()
                .claimed_by
                .as_deref()
                .map(|claimant| claimant_name(context.dataset, claimant));
            text.push_str("\\nclaimed by ");
            escape_into(
                &mut text,
                claimant.unwrap_or("someone the source does not name"),
                TOOLTIP_BACKSLASH,
            );
        }
        for evidence in &relation.evidence {
            text.push_str("\\n“");
            let quote = shortened(&evidence.quote, MAX_TOOLTIP_CHARS / 2);
            escape_into(&mut text, &quote, TOOLTIP_BACKSLASH);
            text.push_str("” — ");
            escape_into(&mut text, evidence.source.as_str(), TOOLTIP_BACKSLASH);
        }
    }
    text
}

/// Where clicking an edge leads: the first cited source that has a web address. Only http(s)
/// addresses are written, so data can never put a `javascript:` link into an SVG.
fn source_link<'d>(dataset: &'d Dataset, relation: &Relation) -> Option<&'d str> {
    relation.evidence.iter().find_map(|evidence| {
        let source = dataset
            .sources
            .iter()
            .find(|s| s.id.value == evidence.source)?;
        let url = source.url.as_deref()?;
        (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
    })
}

/// Graphviz copies a URL into the SVG as it is, so it must already be valid inside an XML
/// attribute: `&` becomes `&amp;` (which browsers read back as `&`), and quotes, angle
/// brackets, backslashes, spaces and control characters are percent-encoded.
fn svg_safe_url(url: &str) -> String {
    let mut safe = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '"' | '\'' | '<' | '>' | '\\' => safe.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    safe.push_str(&format!("%{byte:02X}"));
                }
            }
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_tooltip, group_span, shortened, svg_safe_url, wrap, GroupSpan};
    use crate::model::TimeKind;
    use crate::model::{Date, EvidenceList, Relation, RelationDetails};
    use crate::source::{SourceMap, Span};

    fn relation(date: Option<&str>, end: Option<&str>, seen: Option<&str>) -> Relation {
        let file = SourceMap::default().add_unread(std::path::Path::new("relations.yaml"));
        let parse = |text: &str| Date::parse(text).expect("valid date");
        Relation {
            from: "A".into(),
            relation_type: "leads".into(),
            to: "B".into(),
            date: date.map(parse),
            end: end.map(parse),
            details: RelationDetails {
                seen: seen.map(parse),
                ..RelationDetails::default()
            }
            .boxed(),
            evidence: EvidenceList::new(),
            span: Span::new(file, 0..0),
        }
    }

    fn span_of(relations: &[Relation]) -> Option<GroupSpan> {
        group_span(&relations.iter().collect::<Vec<_>>(), TimeKind::Event)
    }

    /// A group's years are never read as every relation's when only some are dated, and a
    /// mention (`seen`) never reads as a tenure.
    #[test]
    fn a_group_span_says_which_relations_it_covers() {
        let all = |text: &str| Some(GroupSpan::All(text.to_string()));
        let some = |text: &str| Some(GroupSpan::Some(text.to_string()));
        let dated = relation(Some("2009"), None, None);
        let later = relation(Some("2011-03"), Some("2012"), None);
        let undated = relation(None, None, None);
        let seen = relation(None, None, Some("2024"));
        let seen_earlier = relation(None, None, Some("2019"));
        assert_eq!(span_of(&[dated.clone(), later.clone()]), all("2009–2012"));
        assert_eq!(span_of(&[dated.clone(), dated.clone()]), all("all 2009"));
        assert_eq!(
            span_of(&[dated.clone(), undated.clone()]),
            some("2009, 1 undated")
        );
        // Two or three relations each at one time are their years, not a span.
        assert_eq!(
            span_of(&[seen.clone(), seen_earlier.clone()]),
            all("as of 2019 and 2024")
        );
        let visits = [
            relation(Some("2011-06"), Some("2011-06-30"), None),
            dated.clone(),
        ];
        assert_eq!(span_of(&visits), all("2009 and 2011"));
        let four = ["2001", "2003", "2005", "2007"].map(|year| relation(Some(year), None, None));
        assert_eq!(span_of(&four), all("2001–2007"));
        let open_states = &visits.iter().collect::<Vec<_>>();
        assert_eq!(group_span(open_states, TimeKind::State), all("2009–2011"));
        assert_eq!(span_of(&[seen.clone(), seen]), all("as of 2024"));
        assert_eq!(span_of(&[seen_earlier, later]), all("2011–2019"));
        assert_eq!(span_of(&[undated.clone(), undated]), None);
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("short", 10), "short");
        assert_eq!(shortened("Phạm Minh Chính", 6), "Phạm …");
        assert_eq!(shortened(&"x".repeat(20), 20).len(), 20);
    }

    #[test]
    fn escaping_keeps_hostile_text_inside_its_string() {
        assert_eq!(escape(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
        assert_eq!(escape("two\r\nlines"), "two\\nlines");
        assert_eq!(
            escape("]; a -> b [ <b>{x}|y</b>"),
            "]; a -> b [ <b>{x}|y</b>"
        );
        assert_eq!(escape("&lt; & &#65;"), "&amp;lt; &amp; &amp;#65;");
        assert_eq!(escape_tooltip(r"a \G"), r"a \\\\G");
    }

    #[test]
    fn urls_are_made_safe_for_svg_attributes() {
        assert_eq!(
            svg_safe_url("https://x.org/?a=1&b=\"2\""),
            "https://x.org/?a=1&amp;b=%222%22"
        );
        assert_eq!(
            svg_safe_url("https://x.org/a b<c>\\'"),
            "https://x.org/a%20b%3Cc%3E%5C%27"
        );
        assert_eq!(svg_safe_url("https://x.org/Hà_Nội"), "https://x.org/Hà_Nội");
    }

    #[test]
    fn long_names_wrap_at_spaces() {
        assert_eq!(
            wrap("Lao People's Revolutionary Party", 20),
            "Lao People's\nRevolutionary Party"
        );
        assert_eq!(wrap("Short", 20), "Short");
        assert_eq!(
            wrap("Averyveryverylongword x", 5),
            "Averyveryverylongword\nx"
        );
    }
}
