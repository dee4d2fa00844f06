//! Graphviz DOT for a report: shapes and colours by kind, colours and styles by relation
//! type (both from schema.yaml), clusters, a legend of what this export contains, tooltips
//! with descriptions and quotes, and a title with the counts.
//!
//! dot-writer writes quoted attribute values as given and node ids unquoted, so this module
//! escapes every value ([`escape`]) and quotes every id itself. It builds the whole text in
//! memory; the caller writes it out (dot-writer unwraps its writes, which would panic on a
//! closed stdout).

use std::borrow::Cow;
use std::collections::HashSet;

use dot_writer::{Attributes, DotWriter, Scope};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Dataset, Entity, KindDef, KindId, Relation, RelationType, RelationTypeDef};
use crate::text::{claimant_name, qualifiers, Period};

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
}

/// Typical DOT bytes per node and per edge (measured on the bundled data: about 200 and 330,
/// the edge tooltips carrying their quotes).
const BYTES_PER_NODE: usize = 200;
const BYTES_PER_EDGE: usize = 340;

/// What to draw bold: the entities and relations of a path answer.
#[derive(Debug, Default)]
pub(crate) struct Emphasis<'d> {
    pub(crate) entities: FxHashSet<&'d str>,
    /// Relations by identity: two relations may say the same thing from different sources.
    pub(crate) relations: FxHashSet<*const Relation>,
}

/// How a claim is drawn, whatever its type: a reader must never take it for a fact.
const CLAIM_COLOR: &str = "#666666";
const CLAIM_STYLE: &str = "dashed";

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
const WRAP_WIDTH: usize = 28;

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

/// The DOT text of `entities` and the `relations` among them, titled `title`.
pub(crate) fn export(
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
    options: DotOptions,
    emphasis: &Emphasis<'_>,
) -> String {
    // Sized for the typical line lengths, so a large export is not copied as it grows.
    let mut bytes = Vec::with_capacity(
        BYTES_PER_NODE * entities.len() + BYTES_PER_EDGE * relations.len() + 4096,
    );
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut graph = writer.digraph();
        graph_header(&mut graph, entities, relations, title, options);
        write_nodes(&mut graph, dataset, entities, options.cluster, emphasis);
        // Node ids as DOT writes them, made once per entity rather than twice per relation.
        let drawn: FxHashMap<&str, String> = entities
            .iter()
            .map(|e| (e.id.value.as_str(), node_id(e)))
            .collect();
        for relation in relations {
            write_edge(&mut graph, dataset, &drawn, relation, emphasis);
        }
        write_legend(&mut graph, dataset, entities, relations);
    }
    String::from_utf8(bytes).expect("DOT built from UTF-8 text")
}

fn graph_header(
    graph: &mut Scope<'_, '_>,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
    options: DotOptions,
) {
    let label = format!(
        "{title}\n{} entities, {} relations",
        entities.len(),
        relations.len()
    );
    let mut attributes = graph.graph_attributes();
    set_text(&mut attributes, "label", &label);
    attributes
        .set("labelloc", "t", false)
        .set("fontsize", "20", false)
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
        .set("nodesep", "0.3", false)
        .set("ranksep", "0.6", false);
    drop(attributes);
    graph
        .node_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", "11", false)
        .set("style", "filled", true)
        .set("fillcolor", "white", false);
    graph
        .edge_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", "9", false);
}

fn kind_def<'d>(dataset: &'d Dataset, entity: &Entity) -> Option<&'d KindDef> {
    dataset.schema.kind(&entity.kind.value)
}

fn write_node(
    scope: &mut Scope<'_, '_>,
    dataset: &Dataset,
    entity: &Entity,
    emphasis: &Emphasis<'_>,
) {
    let mut node = scope.node_named(node_id(entity));
    if emphasis.entities.contains(entity.id.value.as_str()) {
        node.set("penwidth", EMPHASIS_WIDTH, false);
    }
    set_text(&mut *node, "label", &wrap(&entity.name.value, WRAP_WIDTH));
    let tooltip = entity.description.as_deref().unwrap_or(&entity.name.value);
    set_tooltip(&mut *node, tooltip);
    if let Some(kind) = kind_def(dataset, entity) {
        set_text(&mut *node, "shape", &kind.shape);
        set_text(&mut *node, "color", &kind.color);
        set_text(&mut *node, "fillcolor", &format!("{}22", kind.color));
    }
}

/// Nodes in dataset order; grouped into clusters in order of the group's first member.
fn write_nodes(
    graph: &mut Scope<'_, '_>,
    dataset: &Dataset,
    entities: &[&Entity],
    cluster: Cluster,
    emphasis: &Emphasis<'_>,
) {
    let group_of = |entity: &Entity| -> Option<String> {
        match cluster {
            Cluster::None => None,
            Cluster::Kind => Some(entity.kind.value.to_string()),
            Cluster::Country => entity.country.as_ref().map(|c| c.value.to_string()),
        }
    };
    let mut groups: Vec<(String, Vec<&Entity>)> = Vec::new();
    for entity in entities {
        match group_of(entity) {
            None => write_node(graph, dataset, entity, emphasis),
            Some(key) => match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(entity),
                None => groups.push((key, vec![entity])),
            },
        }
    }
    for (key, members) in groups {
        let mut scope = graph.cluster();
        let label = match cluster {
            Cluster::Kind => dataset
                .schema
                .kind(&KindId::from(key.as_str()))
                .map_or(key.clone(), |k| k.label.clone()),
            _ => country_name(dataset, &key),
        };
        let mut attributes = scope.graph_attributes();
        set_text(&mut attributes, "label", &label);
        attributes
            .set("style", "rounded,filled", true)
            .set("fillcolor", "#f7f7f7", true)
            .set("color", "#bbbbbb", true)
            .set("fontsize", "14", false);
        drop(attributes);
        for entity in members {
            write_node(&mut scope, dataset, entity, emphasis);
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

/// Writes one relation; one whose ends are not both drawn is skipped.
fn write_edge(
    graph: &mut Scope<'_, '_>,
    dataset: &Dataset,
    drawn: &FxHashMap<&str, String>,
    relation: &Relation,
    emphasis: &Emphasis<'_>,
) {
    let (Some(from), Some(to)) = (
        drawn.get(relation.from.as_str()),
        drawn.get(relation.to.as_str()),
    ) else {
        return;
    };
    let def = dataset.schema.relation_type(&relation.relation_type);
    let type_label = def.map_or(relation.relation_type.as_str(), |d| d.label.as_str());
    let period = Period::of(&dataset.schema, relation).in_years();
    let role = relation.details().role.as_deref();
    // `met 1977`, `leads (head of state, 1975–)`, `located in (in 1990)`, `claimed: ...`.
    let claimed = if relation.is_claim() { "claimed: " } else { "" };
    let label = match (role, period.is_known()) {
        (None, false) if claimed.is_empty() => Cow::Borrowed(type_label),
        (None, false) => Cow::Owned(format!("{claimed}{type_label}")),
        (None, true) if period.is_seen_only() => {
            Cow::Owned(format!("{claimed}{type_label} ({period})"))
        }
        (None, true) => Cow::Owned(format!("{claimed}{type_label} {period}")),
        (Some(role), false) => Cow::Owned(format!("{claimed}{type_label} ({role})")),
        (Some(role), true) => Cow::Owned(format!("{claimed}{type_label} ({role}, {period})")),
    };
    let edge = graph.edge(from, to);
    let mut attributes = edge.attributes();
    set_text(&mut attributes, "label", &label);
    // Built already escaped: a million edges, each with a tooltip that needs escaping.
    attributes.set(
        "tooltip",
        &edge_tooltip(dataset, relation, type_label),
        true,
    );
    if let Some(def) = def {
        let (color, style) = if relation.is_claim() {
            (CLAIM_COLOR, CLAIM_STYLE)
        } else {
            (def.color.as_str(), def.style.as_str())
        };
        set_text(&mut attributes, "color", color);
        set_text(&mut attributes, "fontcolor", color);
        set_text(&mut attributes, "style", style);
        if def.symmetric {
            attributes.set("dir", "none", false);
        }
    }
    if let Some(url) = source_link(dataset, relation) {
        // Graphviz copies URLs verbatim (no entity decoding), and `svg_safe_url` leaves no
        // quote or backslash, so the value needs no further escaping.
        attributes.set("URL", &svg_safe_url(url), true);
    }
    if !emphasis.relations.is_empty() && emphasis.relations.contains(&std::ptr::from_ref(relation))
    {
        attributes.set("penwidth", EMPHASIS_WIDTH, false);
    }
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

/// What hovering an edge shows, escaped for a tooltip: type, role and exact period, who
/// claims it, and every quote with its source, one per line.
fn edge_tooltip(dataset: &Dataset, relation: &Relation, type_label: &str) -> String {
    let mut text = String::with_capacity(
        64 + relation
            .evidence
            .iter()
            .map(|e| e.quote.len())
            .sum::<usize>(),
    );
    if relation.is_claim() {
        text.push_str("claimed: ");
    }
    escape_into(&mut text, type_label, TOOLTIP_BACKSLASH);
    if let Some(qualifiers) = qualifiers(&dataset.schema, relation) {
        text.push_str(" (");
        escape_into(&mut text, &qualifiers, TOOLTIP_BACKSLASH);
        text.push(')');
    }
    if relation.is_claim() {
        let claimant = relation
            .details()
            .claimed_by
            .as_deref()
            .map(|claimant| claimant_name(dataset, claimant));
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
    text
}

/// A legend box listing the kinds and relation types present in this export, in schema
/// order, drawn the way they appear in the graph.
fn write_legend(
    graph: &mut Scope<'_, '_>,
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
) {
    // One pass over each list, not one per kind and type: exports can hold a million relations.
    let present_kinds: HashSet<&KindId> = entities.iter().map(|e| &e.kind.value).collect();
    let present_types: HashSet<&RelationType> =
        relations.iter().map(|r| &r.relation_type).collect();
    let kinds: Vec<&KindDef> = dataset
        .schema
        .kinds
        .iter()
        .filter(|kind| present_kinds.contains(&kind.id.value))
        .collect();
    let types: Vec<&RelationTypeDef> = dataset
        .schema
        .relation_types
        .iter()
        .filter(|def| present_types.contains(&def.id.value))
        .collect();
    let claims = relations.iter().any(|r| r.is_claim());
    if kinds.is_empty() && types.is_empty() {
        return;
    }
    let mut legend = graph.cluster();
    // One rank: a column beside a left-right graph, a row above a top-bottom one.
    legend
        .graph_attributes()
        .set("label", "Legend", true)
        .set("style", "rounded", true)
        .set("color", "#888888", true)
        .set("fontsize", "14", false)
        .set("rank", "same", false);
    for kind in kinds {
        let id = format!("\"legend kind {}\"", escape(kind.id.value.as_str()));
        {
            let mut node = legend.node_named(id);
            set_text(&mut *node, "label", &kind.label);
            set_text(&mut *node, "shape", &kind.shape);
            set_text(&mut *node, "color", &kind.color);
            set_text(&mut *node, "fillcolor", &format!("{}22", kind.color));
            set_tooltip(&mut *node, &kind.description);
        }
    }
    for def in types {
        let id = format!("\"legend type {}\"", escape(def.id.value.as_str()));
        {
            let mut node = legend.node_named(id);
            let arrow = if def.symmetric { "—" } else { "→" };
            set_text(&mut *node, "label", &format!("{arrow} {}", def.label));
            set_text(&mut *node, "fontcolor", &def.color);
            set_text(&mut *node, "color", &def.color);
            set_text(&mut *node, "style", &format!("{},rounded", def.style));
            node.set("shape", "box", false);
            set_tooltip(&mut *node, &def.description);
        }
    }
    if claims {
        let mut node = legend.node_named("\"legend claim\"");
        set_text(
            &mut *node,
            "label",
            "→ claimed: a tie a source reports someone asserting",
        );
        set_text(&mut *node, "fontcolor", CLAIM_COLOR);
        set_text(&mut *node, "color", CLAIM_COLOR);
        set_text(&mut *node, "style", &format!("{CLAIM_STYLE},rounded"));
        node.set("shape", "box", false);
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_tooltip, shortened, svg_safe_url, wrap};

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
