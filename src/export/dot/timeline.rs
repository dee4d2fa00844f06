//! The timeline picture (`timeline NAME --format dot`): one entity's dated ties along a year
//! axis drawn top to bottom, one rank per year, or per decade when the years would not fit
//! an A4 page ([`Scale::pick`]). The entity is the axis: each tie leaves it at the rank its
//! relations start in, drawn as in every other picture (the parent module's looks, labels,
//! numbered evidence, tooltips and key), and a state also hangs a bar from its start down to
//! the rank it ends in (an open one down to the last year shown). Undated ties, when asked
//! for, sit after the years.
//!
//! Only draws: which relations, in what order and over which days, is `query::timeline`'s.

use dot_writer::{Attributes, DotWriter, Scope};
use rustc_hash::FxHashMap;

use super::look::{self, Look};
use super::ties::{Drawing, Edge, End, Tie};
use super::{
    data_date, drawn_kind_colors, drawn_type_looks, escape, escape_tooltip, graph_header, key,
    number_evidence, tie_label, titled, write_edge_between, write_node_as, Appendix, Cluster,
    Context, DotOptions, EdgeDrawing, Emphasis, Note, Picture, RankDir,
};
use crate::model::{Dataset, Entity, Extent, Relation, TimeKind};

/// How much time one rank of the axis covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    Year,
    Decade,
}

/// Heights in points, measured on the bundled data's timelines (`tests/timeline.rs` measures
/// every drawing it makes): a rank where nothing starts (a tick on the axis), one where ties
/// start (its year, their labels, their nodes), and what the title and key take.
const QUIET_RANK: f64 = 22.0;
const BUSY_RANK: f64 = 105.0;
const TITLE_AND_KEY: f64 = 200.0;
/// A rank's nodes stand in rows of at most this many, so the widest rank fits a page's width
/// (measured on the bundled data: the LPRP's 2020s, six nodes in one row, made it 1344 pt
/// wide, 4.7 pt on A4).
const ROW_ITEMS: usize = 4;
/// The tallest drawing that prints on A4 (25 cm) with its 9 pt labels at 5 pt.
const PAGE_HEIGHT: f64 = 25.0 / 2.54 * 72.0 * 9.0 / 5.0;

impl Scale {
    /// One rank per year when that fits a page, else one per decade.
    fn pick(first: u16, last: u16, starts: &[u16]) -> Scale {
        let height = |scale: Scale| {
            let ranks = f64::from((scale.unit(last) - scale.unit(first)) / scale.step() + 1);
            // Each busy rank, and a row of nodes for every ROW_ITEMS ties starting in it.
            let mut units: Vec<(u16, usize)> = Vec::new();
            for unit in starts.iter().map(|year| scale.unit(*year)) {
                match units.last_mut() {
                    Some((last, count)) if *last == unit => *count += 1,
                    _ => units.push((unit, 1)),
                }
            }
            let busy = units.len() as f64;
            let rows: usize = units
                .iter()
                .map(|(_, count)| count.div_ceil(ROW_ITEMS))
                .sum();
            (ranks - busy) * QUIET_RANK + rows as f64 * BUSY_RANK + TITLE_AND_KEY
        };
        if height(Scale::Year) <= PAGE_HEIGHT {
            Scale::Year
        } else {
            Scale::Decade
        }
    }

    /// The first year of the rank `year` is in.
    fn unit(self, year: u16) -> u16 {
        match self {
            Scale::Year => year,
            Scale::Decade => year / 10 * 10,
        }
    }

    fn step(self) -> u16 {
        match self {
            Scale::Year => 1,
            Scale::Decade => 10,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Scale::Year => "year",
            Scale::Decade => "decade",
        }
    }

    /// How the axis names a rank: `1976`, `1970s`.
    fn label(self, unit: u16) -> String {
        match self {
            Scale::Year => unit.to_string(),
            Scale::Decade => format!("{unit}s"),
        }
    }
}

/// A rank of the axis: a unit (a year, or a decade by its first year), the end of the axis
/// where states that still hold end, or the undated ties after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    Unit(u16),
    Open,
    Undated,
}

impl Rank {
    /// How the rank's DOT ids start: `1976`, `open`, `undated`.
    fn word(self) -> String {
        match self {
            Rank::Unit(unit) => unit.to_string(),
            Rank::Open => "open".to_string(),
            Rank::Undated => "undated".to_string(),
        }
    }

    /// The axis node of a rank (`"axis 1976"`), what the rank's ties leave from.
    fn axis_id(self) -> String {
        format!("\"axis {}\"", self.word())
    }

    /// The point on the axis level with a row of a rank's nodes (`"band 1976"`, then
    /// `"band 1976 row 2"`).
    fn band_id(self, row: usize) -> String {
        match row {
            0 => format!("\"band {}\"", self.word()),
            row => format!("\"band {} row {}\"", self.word(), row + 1),
        }
    }

    /// An entity drawn at a rank (once per rank it is tied in), unquoted.
    fn item(self, entity: &str) -> String {
        format!("{} {entity}", self.word())
    }
}

/// A DOT id made of any text.
fn quoted(id: &str) -> String {
    format!("\"{}\"", escape(id))
}

/// A state drawn as a bar from its tie's node down to the axis rank it ends in.
struct Bar {
    /// The tie's node (unquoted), also the group its bar's end joins so the bar hangs straight.
    from: String,
    end: Rank,
    look: Look,
    tooltip: String,
}

/// What the picture draws, rank by rank.
struct Plan<'d> {
    scale: Scale,
    /// The first and last year of the dated ties, if any.
    years: Option<(u16, u16)>,
    /// The axis from top to bottom.
    axis: Vec<Rank>,
    /// Every rank's ties as edges from the centre, in time order (numbered in this order).
    drawing: Drawing<'d>,
    /// The rank of each edge of `drawing`.
    ranks: Vec<Rank>,
    /// The entities drawn at each rank, in drawing order.
    items: Vec<(Rank, &'d Entity)>,
}

impl<'d> Plan<'d> {
    fn of(
        context: &Context<'_, 'd>,
        center: &'d str,
        entries: &[(&'d Relation, Option<Extent>)],
    ) -> Plan<'d> {
        let starts: Vec<u16> = entries
            .iter()
            .filter_map(|(_, extent)| Some(extent.as_ref()?.from.year))
            .collect();
        let stops = entries
            .iter()
            .filter_map(|(_, extent)| Some(extent.as_ref()?.stop?.0));
        let years = starts
            .iter()
            .copied()
            .min()
            .zip(starts.iter().copied().chain(stops).max());
        let scale = years.map_or(Scale::Year, |(first, last)| {
            Scale::pick(first, last, &starts)
        });
        // The ranks that have ties, in time order, then the undated ones.
        let mut bands: Vec<(Rank, Vec<&'d Relation>)> = Vec::new();
        for (relation, extent) in entries {
            let rank = extent.as_ref().map_or(Rank::Undated, |extent| {
                Rank::Unit(scale.unit(extent.from.year))
            });
            match bands.last_mut() {
                Some((last, relations)) if *last == rank => relations.push(relation),
                _ => bands.push((rank, vec![relation])),
            }
        }
        // One drawing for all ranks, so the numbers run down the page; each rank merges its
        // own ties (`met ×2, 2019`) as every picture does.
        let mut drawing = Drawing::default();
        let mut ranks: Vec<Rank> = Vec::new();
        for (rank, relations) in &bands {
            let band = Drawing::of(&context.dataset.schema, relations, false);
            ranks.extend(std::iter::repeat_n(*rank, band.edges.len()));
            drawing.edges.extend(band.edges);
        }
        let mut items: Vec<(Rank, &'d Entity)> = Vec::new();
        for (edge, rank) in drawing.edges.iter().zip(&ranks) {
            if let Some(entity) = context.names.get(other(center, edge)) {
                if !items.iter().any(|(r, e)| r == rank && e.id == entity.id) {
                    items.push((*rank, entity));
                }
            }
        }
        let mut axis: Vec<Rank> = years.map_or(Vec::new(), |(first, last)| {
            (scale.unit(first)..=scale.unit(last))
                .step_by(usize::from(scale.step()))
                .map(Rank::Unit)
                .collect()
        });
        if ranks.contains(&Rank::Undated) {
            axis.push(Rank::Undated);
        }
        Plan {
            scale,
            years,
            axis,
            drawing,
            ranks,
            items,
        }
    }

    fn busy(&self, rank: Rank) -> bool {
        self.ranks.contains(&rank)
    }

    /// The rows of nodes a rank has.
    fn rows(&self, rank: Rank) -> usize {
        let items = self.items.iter().filter(|(r, _)| *r == rank).count();
        items.div_ceil(ROW_ITEMS)
    }

    /// The bars of the states among the ties: a closed one when it ends in a later rank
    /// than it starts, an open one always (down to the end of the axis).
    fn bars(
        &self,
        context: &Context<'_, 'd>,
        center: &str,
        notes: &[Note],
        extents: &FxHashMap<*const Relation, Extent>,
    ) -> Vec<Bar> {
        let mut bars = Vec::new();
        let edges = self.drawing.edges.iter().zip(&self.ranks).zip(notes);
        for ((edge, rank), note) in edges {
            let Rank::Unit(start) = *rank else { continue };
            let states = edge.ties.iter().filter(|tie| {
                context.dataset.schema.time_kind(tie.relation_type) == TimeKind::State
            });
            for tie in states {
                let end = match state_end(tie, extents) {
                    None => Rank::Open,
                    Some(year) if self.scale.unit(year) > start => {
                        Rank::Unit(self.scale.unit(year))
                    }
                    Some(_) => continue,
                };
                bars.push(Bar {
                    from: rank.item(other(center, edge)),
                    end,
                    look: tie_look(context, tie),
                    tooltip: format!("{note} {}", tie_label(context, tie).replace('\n', " ")),
                });
            }
        }
        bars
    }

    /// Whether a rank's mark is its year, or a tick: decades, ranks with ties or bar ends,
    /// the first and last, and round years are named.
    fn labelled(&self, rank: Rank, bars: &[Bar]) -> bool {
        match rank {
            Rank::Unit(unit) => {
                self.scale == Scale::Decade
                    || self.busy(rank)
                    || unit % 10 == 0
                    || self
                        .years
                        .is_some_and(|(first, last)| unit == first || unit == self.scale.unit(last))
                    || bars.iter().any(|bar| bar.end == rank)
            }
            Rank::Open => false,
            Rank::Undated => true,
        }
    }

    /// The title's small line: how much is drawn, over what time, chosen how, how recent.
    fn subtitle(&self, dataset: &Dataset, relations: usize, filters: &[String]) -> String {
        let span = self.years.map_or(String::new(), |(first, last)| {
            let span = if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
            format!(", {span}, one rank per {}", self.scale.word())
        });
        let chosen = if filters.is_empty() {
            String::new()
        } else {
            format!(", {}", filters.join(", "))
        };
        format!(
            "{relations} relations drawn as {} ties{span}{chosen} · data as of {} · [n]: \
             evidence, in the tooltips\nA state is also a bar down to where it ends (a flat \
             end), or past the last year shown while it still holds (an arrow)",
            self.drawing.edges.len(),
            data_date(dataset),
        )
    }
}

/// The end of an edge that is not `center` (`center` itself for a tie to itself).
fn other<'d>(center: &'d str, edge: &Edge<'d>) -> &'d str {
    [edge.from, edge.to]
        .into_iter()
        .find_map(|end| match end {
            End::Entity(id) if id != center => Some(id),
            _ => None,
        })
        .unwrap_or(center)
}

/// The DOT of `center`'s timeline: `entries` are its relations with their extents, in time
/// order and undated last (as `query::timeline` gives them); `filters` says how they were
/// chosen (`since 1975`), for the title.
pub(crate) fn timeline<'d>(
    dataset: &'d Dataset,
    center: &'d Entity,
    entries: &[(&'d Relation, Option<Extent>)],
    filters: &[String],
    appendix: Appendix,
) -> Picture {
    let emphasis = Emphasis::default();
    let mut context = Context {
        dataset,
        names: dataset
            .entities
            .iter()
            .map(|entity| (entity.id.value.as_str(), entity))
            .collect(),
        ids: FxHashMap::default(),
        emphasis: &emphasis,
        type_looks: FxHashMap::default(),
        kind_colors: FxHashMap::default(),
    };
    let center_id = center.id.value.as_str();
    let plan = Plan::of(&context, center_id, entries);
    context.type_looks = drawn_type_looks(&dataset.schema, &plan.drawing);
    let drawn: Vec<&Entity> = std::iter::once(center)
        .chain(plan.items.iter().map(|(_, entity)| *entity))
        .collect();
    context.kind_colors = drawn_kind_colors(&dataset.schema, &drawn);
    let mut evidence = crate::text::Footnotes::default();
    let notes = number_evidence(&context, &plan.drawing, &mut evidence, appendix);
    let extents: FxHashMap<*const Relation, Extent> = entries
        .iter()
        .filter_map(|(relation, extent)| Some((std::ptr::from_ref(*relation), (*extent)?)))
        .collect();
    let bars = plan.bars(&context, center_id, &notes.edges, &extents);
    let mut axis = plan.axis.clone();
    if bars.iter().any(|bar| bar.end == Rank::Open) {
        let at = axis.len() - usize::from(axis.last() == Some(&Rank::Undated));
        axis.insert(at, Rank::Open);
    }
    let mut counterparts: Vec<&Entity> = Vec::new();
    for (_, entity) in &plan.items {
        if !counterparts.iter().any(|e| e.id == entity.id) {
            counterparts.push(entity);
        }
    }
    let title = format!("Timeline of {}", center.name.value);
    let subtitle = plan.subtitle(dataset, entries.len(), filters);
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut graph = writer.digraph();
        let key = key::table(&context, &counterparts, &plan.drawing);
        let options = DotOptions {
            cluster: Cluster::None,
            rankdir: RankDir::TopBottom,
            lists: false,
            labels_on_lines: false,
        };
        graph_header(
            &mut graph,
            key.as_deref(),
            options,
            plan.drawing.edges.len(),
        );
        {
            let mut picture = titled(&mut graph, &title, &subtitle);
            for rank in &axis {
                write_rank(&mut picture, &context, &plan, &bars, *rank);
            }
        }
        write_axis(&mut graph, &axis, |rank| plan.rows(rank));
        let edges = plan.drawing.edges.iter().zip(&plan.ranks).zip(&notes.edges);
        for ((edge, rank), note) in edges {
            // The centre's end is the axis at this rank.
            let id = |end: End<'d>| match end {
                End::Entity(id) if id == center_id && other(center_id, edge) != id => {
                    rank.axis_id()
                }
                End::Entity(id) => quoted(&rank.item(id)),
                End::List(_) => unreachable!("a timeline lists no entities"),
            };
            let (from, to) = (id(edge.from), id(edge.to));
            let drawing = EdgeDrawing::of(&context, edge, *note);
            write_edge_between(&mut graph, &drawing, from, to, None);
        }
        for (number, bar) in bars.iter().enumerate() {
            write_bar(&mut graph, bar, number);
        }
    }
    Picture {
        dot: String::from_utf8(bytes).expect("DOT built from UTF-8 text"),
        evidence,
    }
}

/// A rank: its mark on the axis with the ends of the bars that end there, then (a rank
/// below) its nodes, level with a point on the axis.
fn write_rank(
    picture: &mut Scope<'_, '_>,
    context: &Context<'_, '_>,
    plan: &Plan<'_>,
    bars: &[Bar],
    rank: Rank,
) {
    let mut marks = picture.subgraph();
    marks.graph_attributes().set("rank", "same", false);
    write_axis_node(&mut marks, rank, plan.scale, plan.labelled(rank, bars));
    for (number, bar) in bars.iter().enumerate() {
        if bar.end == rank {
            marks
                .node_named(format!("\"end {number}\""))
                .set("group", &escape(&bar.from), true)
                .set("shape", "point", false)
                .set("width", "0.01", false)
                .set("color", &bar.look.color, true);
        }
    }
    drop(marks);
    let items: Vec<&Entity> = plan
        .items
        .iter()
        .filter(|(r, _)| *r == rank)
        .map(|(_, entity)| *entity)
        .collect();
    for (row, entities) in items.chunks(ROW_ITEMS).enumerate() {
        let mut band = picture.subgraph();
        band.graph_attributes().set("rank", "same", false);
        band.node_named(rank.band_id(row))
            .set("shape", "point", false)
            .set("width", "0.03", false)
            .set("group", "axis", false)
            .set("color", look::FRAME_COLOR, true);
        for entity in entities {
            let item = rank.item(entity.id.value.as_str());
            // A node and the ends of its bars share a group, so the bars hang straight down.
            write_node_as(&mut band, context, entity, quoted(&item)).set(
                "group",
                &escape(&item),
                true,
            );
        }
    }
}

/// The last year a state tie holds in, or `None` while it still holds (as far as the texts
/// know).
fn state_end(tie: &Tie<'_>, extents: &FxHashMap<*const Relation, Extent>) -> Option<u16> {
    let mut last = None;
    for relation in &tie.relations {
        let stop = extents
            .get(&std::ptr::from_ref(*relation))
            .and_then(|extent| extent.stop)?;
        last = last.max(Some(stop.0));
    }
    last
}

/// A tie's look: its type's, or a claim's.
fn tie_look(context: &Context<'_, '_>, tie: &Tie<'_>) -> Look {
    if tie.claim {
        look::claim_look()
    } else {
        context.type_look(tie.relation_type)
    }
}

/// A rank's mark on the axis: its year (`1976`, `1970s`, `undated`), or a tick.
fn write_axis_node(scope: &mut Scope<'_, '_>, rank: Rank, scale: Scale, labelled: bool) {
    let mut node = scope.node_named(rank.axis_id());
    // One group keeps the axis straight.
    node.set("group", "axis", false);
    let label = match rank {
        Rank::Unit(unit) if labelled => scale.label(unit),
        Rank::Undated => "undated".to_string(),
        _ => {
            node.set("shape", "point", false)
                .set("width", "0.05", false)
                .set("color", look::FRAME_COLOR, true);
            return;
        }
    };
    node.set("shape", "plaintext", false)
        .set("fontsize", "11", false)
        .set("height", "0.2", false)
        .set("label", &format!("<<b>{label}</b>>"), false);
}

/// The axis: each rank's mark to the points level with its rows of nodes, on to the next
/// rank's mark;
/// dashed into the undated ties.
fn write_axis(graph: &mut Scope<'_, '_>, axis: &[Rank], rows: impl Fn(Rank) -> usize) {
    let segment = |graph: &mut Scope<'_, '_>, from: String, to: String, dashed: bool| {
        graph
            .edge(from, to)
            .attributes()
            .set("color", look::FRAME_COLOR, true)
            .set("penwidth", "1.5", false)
            .set("arrowhead", "none", false)
            .set("weight", "20", false)
            .set("style", if dashed { "dashed" } else { "solid" }, false);
    };
    for (index, rank) in axis.iter().enumerate() {
        let mut at = rank.axis_id();
        for row in 0..rows(*rank) {
            segment(graph, at, rank.band_id(row), false);
            at = rank.band_id(row);
        }
        if let Some(next) = axis.get(index + 1) {
            segment(graph, at, next.axis_id(), *next == Rank::Undated);
        }
    }
}

/// A state's bar, in its tie's colour and dash, ending flat (`tee`) or, while the state
/// still holds, in an arrow.
fn write_bar(graph: &mut Scope<'_, '_>, bar: &Bar, number: usize) {
    let open = bar.end == Rank::Open;
    graph
        .edge(quoted(&bar.from), format!("\"end {number}\""))
        .attributes()
        .set("color", &bar.look.color, true)
        .set("style", bar.look.style, bar.look.style.contains(','))
        .set("penwidth", "2.5", false)
        .set("arrowhead", if open { "normal" } else { "tee" }, false)
        .set("tooltip", &escape_tooltip(&bar.tooltip), true);
}

#[cfg(test)]
mod tests {
    use super::Scale;

    #[test]
    fn a_short_span_has_a_rank_per_year_a_long_one_per_decade() {
        assert_eq!(Scale::pick(1966, 1990, &[1966, 1976, 1990]), Scale::Year);
        let busy: Vec<u16> = (1975..2025).step_by(5).collect();
        assert_eq!(Scale::pick(1975, 2024, &busy), Scale::Decade);
        assert_eq!(Scale::Decade.unit(1979), 1970);
        assert_eq!(Scale::Decade.label(1970), "1970s");
    }
}
