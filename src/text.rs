//! How the graph reads in text and Markdown answers: an entity's label, a relation's period,
//! one hop of a chain (`A —[leads]→ B (1975)`), the details under it, and numbered footnotes
//! citing the sources. Every command that prints ties in words goes through here, so a tie
//! reads the same in `show`, `path`, `neighbors` and `timeline`.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, Date, Entity, Evidence, Relation, Schema, TimeKind};

/// How an answer marks text up: data text (a name, a quote, a note) goes into plain text as
/// it is, and into Markdown through [`markdown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    Plain,
    Markdown,
}

impl Markup {
    pub(crate) fn text(self, text: &str) -> Cow<'_, str> {
        match self {
            Markup::Plain => Cow::Borrowed(text),
            Markup::Markdown => markdown(text),
        }
    }
}

/// Data text as Markdown shows it: on one line, with every character Markdown reads as markup
/// escaped. A quote holding `# heading`, a table, `[a](link)` or `<img onerror=...>` then
/// prints as those characters, never as a heading, a table, a link or HTML of its own.
pub(crate) fn markdown(text: &str) -> Cow<'_, str> {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    let is_markup = |c: char| {
        matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        )
    };
    // Leading spaces or a tab would indent the line into code.
    let plain = !text.starts_with(char::is_whitespace) && !starts_block(text);
    if plain && !text.contains(|c| is_break(c) || is_markup(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // A line break and the spaces around it become one space.
    let pieces: Vec<&str> = text.trim_start().split(is_break).collect();
    let last = pieces.len() - 1;
    for (index, piece) in pieces.into_iter().enumerate() {
        let piece = if index > 0 { piece.trim_start() } else { piece };
        let piece = if index < last {
            piece.trim_end()
        } else {
            piece
        };
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in piece.chars() {
            if is_markup(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    if starts_block(&out) {
        // `- a`, `+ a`, `= a` and `1. a`, `1) a` begin a list or underline a heading.
        let at = out.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        out.insert(at, '\\');
    }
    Cow::Owned(out)
}

/// Whether text at the start of a line would begin a Markdown block: a list item or a
/// heading's underline.
fn starts_block(text: &str) -> bool {
    let text = text.trim_start();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match text[digits..].chars().next() {
        Some('.' | ')') => digits > 0,
        Some('-' | '+' | '=') => digits == 0,
        _ => false,
    }
}

/// `name (id)`, how an entity is named in text answers.
pub(crate) fn entity_label(entity: &Entity) -> String {
    if entity.name.value == entity.id.value.as_str() {
        entity.name.value.to_string()
    } else {
        format!("{} ({})", entity.name.value, entity.id.value)
    }
}

/// `, LA` after an entity's kind when it has a country.
pub(crate) fn country_suffix(entity: &Entity) -> String {
    entity
        .country
        .as_ref()
        .map(|c| format!(", {}", c.value))
        .unwrap_or_default()
}

/// An entity's aliases, comma-separated, when it has any.
pub(crate) fn aliases(entity: &Entity) -> Option<String> {
    (!entity.aliases.is_empty()).then(|| {
        let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.value.as_str()).collect();
        aliases.join(", ")
    })
}

/// A relation's time as text, written without allocating; empty when it is undated. An
/// event reads `1977-07-18` or `1970–1989`; a state `1975–` (still holding), `1955–1992`,
/// `until 1990`, `as of 2024` (seen holding then) or `attested 1963–1966` (seen then, and
/// last shown at the end); an event a text only reports, `reported 2013`.
pub(crate) struct Period<'r> {
    pub(crate) relation: &'r Relation,
    pub(crate) kind: TimeKind,
    /// Years only (`1977–1992`), for picture labels.
    pub(crate) years: bool,
}

impl<'r> Period<'r> {
    pub(crate) fn of(schema: &Schema, relation: &'r Relation) -> Self {
        Period {
            relation,
            kind: schema.time_kind(&relation.relation_type),
            years: false,
        }
    }

    /// The same period in years.
    pub(crate) fn in_years(self) -> Self {
        Period {
            years: true,
            ..self
        }
    }

    pub(crate) fn is_known(&self) -> bool {
        let relation = self.relation;
        relation.date.is_some() || relation.end.is_some() || relation.details().seen.is_some()
    }
}

impl fmt::Display for Period<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let relation = self.relation;
        let shown = |date: Date| ShownDate(date, self.years);
        let [date, end, seen] =
            [relation.date, relation.end, relation.details().seen].map(|d| d.map(shown));
        match (date, end, self.kind) {
            // In years, a span within one year is that year (`2019`, not `2019–2019`).
            (Some(date), Some(end), _) if date.to_string() == end.to_string() => {
                write!(f, "{date}")
            }
            // The end is only the last time a text shows it holding (`seen` there too): say
            // so, rather than print an end the texts do not give.
            (Some(date), Some(end), TimeKind::State)
                if seen
                    .as_ref()
                    .is_some_and(|seen| seen.to_string() == end.to_string()) =>
            {
                write!(f, "{date}–, still in {end}")
            }
            (Some(date), Some(end), _) => write!(f, "{date}–{end}"),
            (Some(date), None, TimeKind::Event) => write!(f, "{date}"),
            (Some(date), None, TimeKind::State) => write!(f, "{date}–"),
            (None, Some(end), _) => match seen {
                // The texts show it holding from `seen` to `end`; with no start given, the end
                // is as likely the last text's date as the state's end: say only what is known,
                // as one stretch of evidence (`as of 1977 and 1989` read as two snapshots to a
                // reviewer, `by 1963, still in 1966` as a term of office to the next).
                Some(seen) if seen.to_string() == end.to_string() => write!(f, "as of {seen}"),
                Some(seen) => write!(f, "attested {seen}–{end}"),
                None => write!(f, "until {end}"),
            },
            (None, None, TimeKind::Event) => match seen {
                Some(seen) => write!(f, "reported {seen}"),
                None => Ok(()),
            },
            (None, None, TimeKind::State) => match seen {
                Some(seen) => write!(f, "as of {seen}"),
                None => Ok(()),
            },
        }
    }
}

/// A sum as a reader says it: `1.4 billion USD`, `2.65 million USD`, `932 million USD`,
/// `45,000 USD`.
pub(crate) fn amount(amount: f64, currency: Option<&str>) -> String {
    let (value, unit) = if amount >= 1e9 {
        (amount / 1e9, " billion")
    } else if amount >= 1e6 {
        (amount / 1e6, " million")
    } else {
        (amount, "")
    };
    let value = if unit.is_empty() && value.fract() == 0.0 {
        // Whole units with thousands separated: `45,000`.
        let digits = format!("{value:.0}");
        let mut grouped = String::new();
        for (at, digit) in digits.chars().enumerate() {
            if at > 0 && (digits.len() - at) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped
    } else {
        let fixed = format!("{value:.2}");
        fixed
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    match currency {
        Some(currency) => format!("{value}{unit} {currency}"),
        None => format!("{value}{unit}"),
    }
}

/// A date, or its year alone.
struct ShownDate(Date, bool);

impl fmt::Display for ShownDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShownDate(date, true) => write!(f, "{}", date.year),
            ShownDate(date, false) => write!(f, "{date}"),
        }
    }
}

/// What qualifies a tie after its ends: role and period (`General Secretary, 1955–1992`), or
/// `None` when it has neither.
pub(crate) fn qualifiers(schema: &Schema, relation: &Relation) -> Option<String> {
    let period = Period::of(schema, relation);
    let role = relation.details().role.as_deref();
    match (role, period.is_known()) {
        (Some(role), true) => Some(format!("{role}, {period}")),
        (Some(role), false) => Some(role.to_string()),
        (None, true) => Some(period.to_string()),
        (None, false) => None,
    }
}

/// `claimed by Lao dissident groups: ` before a claim (`claim: ` when the claimant is not
/// named), nothing before a fact: a claim never reads as a fact.
pub(crate) fn claim_prefix(dataset: &Dataset, relation: &Relation) -> String {
    if !relation.is_claim() {
        return String::new();
    }
    match &relation.details().claimed_by {
        Some(claimant) => format!("claimed by {}: ", claimant_name(dataset, claimant)),
        None => "claim: ".to_string(),
    }
}

/// A claimant as a reader knows it: an entity's name when it is an entity's id. (A search
/// through the entities: only claims, a few in a dataset, ask.)
pub(crate) fn claimant_name<'d>(dataset: &'d Dataset, claimant: &'d str) -> &'d str {
    dataset
        .entities
        .iter()
        .find(|entity| entity.id.value.as_str() == claimant)
        .map_or(claimant, |entity| entity.name.value.as_str())
}

/// The details under a relation line (role and period are on the line itself): amount,
/// place, note, then each quote and its source.
pub(crate) fn relation_details(relation: &Relation, indent: &str) -> String {
    let mut out = String::new();
    let details = relation.details();
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

/// `A —[leads]→ B (General Secretary, 1955–1992)`, `A ←[member of]— B` or `A —[met]— B
/// (2019)`, after `claimed by X: ` for a claim: one hop as read from `at` onwards.
pub(crate) fn hop(
    graph: &KnowledgeGraph<'_>,
    at: NodeIndex,
    edge: EdgeIndex,
    markup: Markup,
) -> String {
    let relation = graph.graph[edge];
    let (source, target) = graph
        .graph
        .edge_endpoints(edge)
        .expect("edge of this graph");
    let other = if source == at { target } else { source };
    let def = graph.dataset.schema.relation_type(&relation.relation_type);
    let label = def.map_or(relation.relation_type.as_str(), |def| def.label.as_str());
    let symmetric = def.is_some_and(|def| def.symmetric);
    let arrow = arrow(label, symmetric, source == at);
    let qualifiers = qualifiers(&graph.dataset.schema, relation)
        .map(|q| format!(" ({})", markup.text(&q)))
        .unwrap_or_default();
    format!(
        "{}{} {arrow} {}{qualifiers}",
        markup.text(&claim_prefix(graph.dataset, relation)),
        markup.text(&graph.graph[at].name.value),
        markup.text(&graph.graph[other].name.value)
    )
}

/// `—[met]—`, `—[leads]→` read from the source, `←[leads]—` read from the target.
pub(crate) fn arrow(label: &str, symmetric: bool, from_source: bool) -> String {
    match (symmetric, from_source) {
        (true, _) => format!("—[{label}]—"),
        (false, true) => format!("—[{label}]→"),
        (false, false) => format!("←[{label}]—"),
    }
}

/// `1 hop`, `3 hops`.
pub(crate) fn hops_word(hops: usize) -> String {
    format!("{hops} hop{}", if hops == 1 { "" } else { "s" })
}

/// Numbered Markdown footnotes: for quotes in a text answer (one per distinct quote, in order
/// of first use, [`Footnotes::marks`]), or for the ties of a picture (one per drawn edge,
/// [`Footnotes::note`]), whose numbers the picture prints as `[n]`.
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
                let line = cite(graph.dataset, evidence);
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

    /// Numbers a new note (Markdown, lines after the first indented as list items under it).
    pub(crate) fn note(&mut self, text: String) -> usize {
        self.lines.push(text);
        self.lines.len()
    }

    /// How many notes there are.
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Ends a Markdown answer: a blank line, then the footnote definitions, one line each.
    pub(crate) fn finish(self, out: &mut String) {
        out.push('\n');
        for (index, line) in self.lines.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {line}", index + 1);
        }
    }

    /// The notes as a numbered evidence list, `**[n]** note`, one paragraph each: what a
    /// picture's `[n]` refers to.
    pub(crate) fn numbered(&self, out: &mut String) {
        for (index, line) in self.lines.iter().enumerate() {
            let _ = writeln!(out, "**[{}]** {line}\n", index + 1);
        }
    }
}

/// `“quote” — *Title*, Publisher, date.`: a quote with the source it is from.
pub(crate) fn cite(dataset: &Dataset, evidence: &Evidence) -> String {
    match dataset
        .sources
        .iter()
        .find(|s| s.id.value == evidence.source)
    {
        Some(source) => format!(
            "“{}” — *{}*, {}, {}.",
            markdown(&evidence.quote),
            markdown(&source.title),
            markdown(&source.publisher),
            source.date
        ),
        None => markdown(&evidence.to_string()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    use super::{markdown, Period};
    use crate::model::{Date, Relation, RelationDetails, TimeKind};
    use crate::source::{SourceMap, Span};

    /// How a period reads, for a relation with these dates (`None`: not given).
    fn period(kind: TimeKind, [date, end, seen]: [Option<&str>; 3]) -> String {
        let date_of = |text: Option<&str>| text.map(|text| Date::parse(text).unwrap());
        let file = SourceMap::default().add_unread(std::path::Path::new("r.yaml"));
        let relation = Relation {
            from: "A".into(),
            relation_type: "leads".into(),
            to: "B".into(),
            date: date_of(date),
            end: date_of(end),
            details: RelationDetails {
                seen: date_of(seen),
                ..RelationDetails::default()
            }
            .boxed(),
            evidence: Default::default(),
            span: Span::new(file, 0..0),
        };
        Period {
            relation: &relation,
            kind,
            years: false,
        }
        .to_string()
    }

    #[test]
    fn a_sum_reads_in_millions_and_billions() {
        use super::amount;
        assert_eq!(amount(1_400_000_000.0, Some("USD")), "1.4 billion USD");
        assert_eq!(amount(932_000_000.0, Some("USD")), "932 million USD");
        assert_eq!(amount(2_650_000.0, Some("USD")), "2.65 million USD");
        assert_eq!(amount(45_000.0, Some("USD")), "45,000 USD");
        assert_eq!(amount(999.0, None), "999");
        assert_eq!(amount(12.5, None), "12.5");
    }

    /// A state's end that is only the last time a text shows it (`seen` there too) reads as
    /// such (`still in 2013`), not as an end; a real end, an event's end and a start alone read as before.
    #[test]
    fn an_end_only_attested_reads_still_in() {
        use TimeKind::{Event, State};
        let attested = period(State, [Some("2010-12"), Some("2013"), Some("2013")]);
        assert_eq!(attested, "2010-12–, still in 2013");
        let ended = period(State, [Some("1955"), Some("1992"), None]);
        assert_eq!(ended, "1955–1992");
        let seen_earlier = period(State, [Some("1955"), Some("1992"), Some("1980")]);
        assert_eq!(seen_earlier, "1955–1992");
        assert_eq!(
            period(Event, [Some("1970"), Some("2024"), None]),
            "1970–2024"
        );
        assert_eq!(period(State, [Some("1975"), None, None]), "1975–");
        assert_eq!(period(State, [None, None, Some("2024")]), "as of 2024");
        // An event a text only reports is not dated by the text: a reader took
        // `spoke of 2013` for when it was said.
        assert_eq!(period(Event, [None, None, Some("2013")]), "reported 2013");
        let seen_and_ended = period(State, [None, Some("1966"), Some("1963")]);
        assert_eq!(seen_and_ended, "attested 1963–1966");
    }

    /// Text with everything Markdown may read as markup: block starts, emphasis, links,
    /// HTML, tables, code, entities, breaks.
    fn markup() -> impl Strategy<Value = String> {
        let alphabet = prop_oneof![
            3 => "[a-z ]",
            3 => "[-+=#>*_`~|!&;\\\\\\[\\]()<>:/.0-9]",
            1 => "[\n\r\u{2028}\u{2029}\t]",
            1 => Just("<img src=x onerror=alert(1)>".to_string()),
            1 => Just("[a](javascript:x)".to_string()),
            1 => Just("&lt;".to_string()),
            1 => Just("\n| a | b |\n|---|---|\n".to_string()),
            1 => Just("1. ".to_string()),
        ];
        proptest::collection::vec(alphabet, 0..16).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// CommonMark, as pulldown-cmark reads it, finds in the escaped text one paragraph
        /// of plain text that says exactly what the data said, its line breaks as spaces.
        #[test]
        fn data_text_reads_as_itself_in_markdown(text in markup()) {
            let escaped = markdown(&text);
            let mut read = String::new();
            for event in Parser::new(&escaped) {
                match event {
                    Event::Text(text) => read.push_str(&text),
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    other => prop_assert!(false, "{:?} read as {:?}", escaped, other),
                }
            }
            let lines: Vec<&str> = text
                .split(['\n', '\r', '\u{2028}', '\u{2029}'])
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect();
            let said = lines.join(" ");
            // A paragraph's own first and last spaces are not its text.
            prop_assert_eq!(read.trim(), said.trim());
        }
    }
}
