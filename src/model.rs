//! What the dataset is made of, with where each piece came from.
//!
//! The model is plain data: loading fills it, validation checks it, the graph is built from
//! it. Every item carries its [`Span`], and so does every field a diagnostic may point at,
//! except in relations and evidence (see [`Evidence`]).

use std::cmp::Ordering;
use std::fmt;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::source::{SourceMap, Span};

mod time;

pub(crate) use time::{Day, Extent, TimeKind};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// Names are short and there are millions of them in large datasets: a [`CompactString`]
/// keeps up to 24 bytes inline, so most cost no allocation of their own.
macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) struct $name(CompactString);

        impl $name {
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// Hashes and compares as its text, so maps keyed by it are searched with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(name: &str) -> Self {
                $name(CompactString::from(name))
            }
        }

        impl From<String> for $name {
            fn from(name: String) -> Self {
                $name(CompactString::from(name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// An entity's id: letters, digits and `_`, unique across the dataset.
    EntityId
);
name_type!(
    /// An entity kind declared in `schema.yaml` (`person`, `party`, ...).
    KindId
);
name_type!(
    /// A relation type declared in `schema.yaml` (`signed`, `visited`, ...).
    RelationType
);
name_type!(
    /// A document id declared in `sources.yaml`.
    SourceId
);
name_type!(
    /// A theme: the name of a `relations/` file (`security` for relations/security.yaml).
    Theme
);
name_type!(
    /// A family of relation types declared in `schema.yaml` (`leadership`, `economy`, ...).
    FamilyId
);
name_type!(
    /// An ISO 3166 alpha-2 country code (`VN`, `LA`), as entities give it.
    CountryCode
);

impl CountryCode {
    /// Two uppercase ASCII letters: the shape of an ISO 3166 alpha-2 code.
    pub(crate) fn is_well_formed(&self) -> bool {
        self.0.len() == 2 && self.0.bytes().all(|b| b.is_ascii_uppercase())
    }
}

/// A calendar date known to a year, a month or a day, as precise as the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Date {
    pub(crate) year: u16,
    pub(crate) month: Option<u8>,
    /// Only ever set together with `month`.
    pub(crate) day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DateError {
    #[error("`{0}` is not a date: write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`")]
    Format(String),
    #[error("month {0} does not exist")]
    Month(u8),
    #[error("year 0 does not exist (1 BC is followed by AD 1)")]
    YearZero,
    #[error("{year}-{month:02} has only {days} days, not {day}")]
    Day {
        year: u16,
        month: u8,
        day: u8,
        days: u8,
    },
}

impl Date {
    pub(crate) fn parse(text: &str) -> Result<Date, DateError> {
        let format_error = || DateError::Format(text.to_string());
        let mut parts = [""; 3];
        let mut count = 0;
        for part in text.split('-') {
            let width = if count == 0 { 4 } else { 2 };
            if count == 3 || part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format_error());
            }
            parts[count] = part;
            count += 1;
        }
        let number = |i: usize| (i < count).then(|| parts[i].parse::<u16>().expect("digits"));
        let year = number(0).ok_or_else(format_error)?;
        if year == 0 {
            return Err(DateError::YearZero);
        }
        let month = number(1).map(|m| m as u8);
        let day = number(2).map(|d| d as u8);
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return Err(DateError::Month(month));
            }
            if let Some(day) = day {
                let days = days_in_month(year, month);
                if day == 0 || day > days {
                    return Err(DateError::Day {
                        year,
                        month,
                        day,
                        days,
                    });
                }
            }
        }
        Ok(Date { year, month, day })
    }

    /// The first day this date can mean: `2023` starts on 2023-01-01.
    pub(crate) fn first_day(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean: `2023-02` ends on 2023-02-28.
    pub(crate) fn last_day(self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Orders dates by when they start, a coarser date before a finer one on the same start
    /// (`1977` before `1977-01`), so timelines read naturally.
    pub(crate) fn chronological(self, other: Date) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision_rank().cmp(&other.precision_rank()))
    }

    fn precision_rank(self) -> u8 {
        u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// A person, body, place or thing in the graph.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) id: Spanned<EntityId>,
    /// Names, codes and aliases are short: kept inline up to 24 bytes, no allocation each.
    pub(crate) name: Spanned<CompactString>,
    pub(crate) kind: Spanned<KindId>,
    /// ISO 3166 alpha-2 code of the country the entity belongs to (checked by validation).
    pub(crate) country: Option<Spanned<CountryCode>>,
    pub(crate) aliases: Vec<Spanned<CompactString>>,
    pub(crate) description: Option<String>,
}

/// A quote from a source document that backs a relation.
///
/// Evidence and relations keep one span each, where their item starts (only the rare `place`
/// has its own); the place of a field is found again from it ([`crate::load::field_span`])
/// when a diagnostic needs it. A span per field was most of the memory of a million relations.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub(crate) source: SourceId,
    pub(crate) quote: Box<str>,
    pub(crate) span: Span,
}

/// `“quote” — source`, how every text answer cites evidence.
impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "“{}” — {}", self.quote, self.source)
    }
}

/// Nearly every relation cites one quote: it is kept in the relation, not in an allocation
/// of its own.
pub(crate) type EvidenceList = SmallVec<[Evidence; 1]>;

/// A typed, sourced tie between two entities.
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    pub(crate) from: EntityId,
    pub(crate) relation_type: RelationType,
    pub(crate) to: EntityId,
    pub(crate) date: Option<Date>,
    pub(crate) end: Option<Date>,
    /// Fields most relations leave out, boxed so a million relations stay small in memory.
    pub(crate) details: Option<Box<RelationDetails>>,
    pub(crate) evidence: EvidenceList,
    /// Where the item starts (see [`Evidence`]).
    pub(crate) span: Span,
}

/// The optional fields of a relation other than its dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RelationDetails {
    pub(crate) note: Option<String>,
    /// Office held, for `leads` and `member_of`.
    pub(crate) role: Option<String>,
    pub(crate) amount: Option<f64>,
    pub(crate) currency: Option<String>,
    /// Where it happened: an entity id.
    pub(crate) place: Option<Spanned<EntityId>>,
    /// For a state: a time the texts show it holding, when they do not give its start.
    pub(crate) seen: Option<Date>,
    pub(crate) stance: Stance,
    /// Who asserts a claim: an entity id, or words (`Lao dissident groups`).
    pub(crate) claimed_by: Option<String>,
}

/// Whether the source states a tie as its own, or reports someone else asserting it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) enum Stance {
    #[default]
    Fact,
    Claim,
}

impl Stance {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stance::Fact => "fact",
            Stance::Claim => "claim",
        }
    }
}

/// What a relation without details has.
static NO_DETAILS: RelationDetails = RelationDetails {
    note: None,
    role: None,
    amount: None,
    currency: None,
    place: None,
    seen: None,
    stance: Stance::Fact,
    claimed_by: None,
};

impl RelationDetails {
    /// The details, or `None` (no allocation) when every one is absent.
    pub(crate) fn boxed(self) -> Option<Box<RelationDetails>> {
        (self != NO_DETAILS).then(|| Box::new(self))
    }
}

impl Relation {
    pub(crate) fn details(&self) -> &RelationDetails {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    pub(crate) fn is_claim(&self) -> bool {
        self.details().stance == Stance::Claim
    }
}

/// A document facts are drawn from.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) id: Spanned<SourceId>,
    pub(crate) title: String,
    pub(crate) publisher: String,
    pub(crate) date: String,
    /// Name of the plain-text file holding the document, in the `--sources` folder.
    pub(crate) file: Spanned<String>,
    pub(crate) url: Option<String>,
}

/// How an entity kind is described and drawn.
#[derive(Debug, Clone)]
pub(crate) struct KindDef {
    pub(crate) id: Spanned<KindId>,
    pub(crate) label: String,
    pub(crate) description: String,
    pub(crate) shape: String,
    pub(crate) color: String,
    /// What passing through an entity of this kind costs a path, as a multiple of its hub
    /// penalty (`through:`, default 1): places and countries tie things together by
    /// coincidence, so they are dearer to pass through than a person.
    pub(crate) through: f64,
}

/// What a relation type means, what it may join and how it is drawn.
#[derive(Debug, Clone)]
pub(crate) struct RelationTypeDef {
    pub(crate) id: Spanned<RelationType>,
    pub(crate) label: String,
    pub(crate) description: String,
    pub(crate) symmetric: bool,
    /// Allowed kinds at each end; `None` allows every kind.
    pub(crate) from: Option<Vec<Spanned<KindId>>>,
    pub(crate) to: Option<Vec<Spanned<KindId>>>,
    pub(crate) self_loop: bool,
    /// A state one holder at a time holds of its target (`one_at_a_time:`, an office such as
    /// `leads`): two holders of one target, at times the texts do not show to overlap, held
    /// it in turn, so a path through the target joins them by coincidence.
    pub(crate) one_at_a_time: bool,
    /// Two sources of ties of this type to one target did one thing together (`joint:`,
    /// co-founders, co-signatories): a path through the target between them passes a joint
    /// act, not a coincidence, and the target is priced as an actor on their side.
    pub(crate) joint: bool,
    pub(crate) color: String,
    pub(crate) style: String,
    pub(crate) time: TimeKind,
    /// What one hop over a relation of this type costs a path (`weight:`, default 1): a
    /// direct tie (signed, leads) is cheap, a circumstantial one (located in) dear.
    pub(crate) weight: f64,
    /// Words from the source texts that show the type's meaning (`example:`), proved
    /// verbatim by `validate --sources` as quotes are.
    pub(crate) example: Option<Spanned<String>>,
    /// The family it is drawn in (`family:`): one colour for all its types in every picture.
    pub(crate) family: Option<Spanned<FamilyId>>,
}

/// A group of relation types drawn in one colour, and named in page titles by its label
/// ("leaders, members and founders").
#[derive(Debug, Clone)]
pub(crate) struct FamilyDef {
    pub(crate) id: Spanned<FamilyId>,
    pub(crate) label: String,
}

/// What a theme (a `relations/` file) is called in the titles of its pictures.
#[derive(Debug, Clone)]
pub(crate) struct ThemeDef {
    pub(crate) id: Spanned<Theme>,
    pub(crate) title: String,
    /// The pages its pictures are drawn on, in order, when the schema names them.
    pub(crate) pages: Vec<PageDef>,
}

/// A page of a theme's pictures: a title that says what it shows, and the relation types it
/// draws (a theme's relation goes on the first page naming its type).
#[derive(Debug, Clone)]
pub(crate) struct PageDef {
    pub(crate) title: String,
    pub(crate) types: Vec<Spanned<RelationType>>,
    pub(crate) span: Span,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Schema {
    pub(crate) kinds: Vec<KindDef>,
    pub(crate) relation_types: Vec<RelationTypeDef>,
    /// `families:`, in the order that gives them their colours.
    pub(crate) families: Vec<FamilyDef>,
    /// `themes:`, the titles of the themes that have one.
    pub(crate) themes: Vec<ThemeDef>,
    /// `paths:` in schema.yaml, when given.
    pub(crate) paths: Option<PathCosts>,
    /// Positions by id, filled by [`Schema::index`]: every relation is looked up when it is
    /// validated, searched and drawn, a million times for large data.
    kind_index: FxHashMap<KindId, usize>,
    type_index: FxHashMap<RelationType, usize>,
}

/// What path search charges beyond hops and hubs (`paths:` in schema.yaml).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PathCosts {
    /// Added for every hop that is a claim rather than a fact.
    pub(crate) claim_penalty: f64,
    /// A fact whose type weighs at most this is a direct tie: an entity it joins is passed
    /// on its side at the bare hub penalty, without its kind's `through` factor (an actor,
    /// not a coincidence). Zero: no tie is direct.
    pub(crate) direct_weight: f64,
    /// A kind passed at this many times the hub penalty or more joins ties by coincidence.
    pub(crate) coincidence_through: f64,
    /// A relation type weighing this or more is circumstantial: a thing part of, located in
    /// or trading via another, not an act.
    pub(crate) circumstantial_weight: f64,
}

impl PathCosts {
    /// Whether a hop whose type weighs `weight` is a direct tie (never a claim).
    pub(crate) fn is_direct(&self, weight: f64, claim: bool) -> bool {
        !claim && weight <= self.direct_weight
    }

    /// Whether a kind passed at `through` times the hub penalty joins ties by coincidence
    /// (by default at least twice what an actor pays, as schema.yaml gives countries, places,
    /// ports and the relationship the texts are about, and not events or peoples, whose 1.5
    /// says they are often a tie).
    pub(crate) fn is_coincidence_kind(&self, through: f64) -> bool {
        through >= self.coincidence_through
    }

    /// Whether a relation type of `weight` is circumstantial (by default at three times a
    /// direct tie's weight or more, as schema.yaml gives `part_of`, `located_in`, `borders`
    /// and `trades_via`).
    pub(crate) fn is_circumstantial(&self, weight: f64) -> bool {
        weight >= self.circumstantial_weight
    }
}

impl Default for PathCosts {
    fn default() -> Self {
        PathCosts {
            claim_penalty: 4.0,
            direct_weight: 1.0,
            coincidence_through: 2.0,
            circumstantial_weight: 3.0,
        }
    }
}

impl Schema {
    /// What path search charges, as schema.yaml sets it or by default.
    pub(crate) fn path_costs(&self) -> PathCosts {
        self.paths.unwrap_or_default()
    }

    /// The time kind of a relation type (an unknown type counts as an event).
    pub(crate) fn time_kind(&self, relation_type: &RelationType) -> TimeKind {
        self.relation_type(relation_type)
            .map_or(TimeKind::Event, |def| def.time)
    }

    /// Indexes the kinds and types by id; call once they are all read (the first of two
    /// definitions with one id wins, as duplicates are reported when reading).
    pub(crate) fn index(&mut self) {
        for (position, kind) in self.kinds.iter().enumerate().rev() {
            self.kind_index.insert(kind.id.value.clone(), position);
        }
        for (position, def) in self.relation_types.iter().enumerate().rev() {
            self.type_index.insert(def.id.value.clone(), position);
        }
    }

    /// The declared kinds' ids, for suggestions.
    pub(crate) fn kind_names(&self) -> impl Iterator<Item = &str> {
        self.kinds.iter().map(|kind| kind.id.value.as_str())
    }

    /// The declared relation types' ids, for suggestions.
    pub(crate) fn type_names(&self) -> impl Iterator<Item = &str> {
        self.relation_types.iter().map(|def| def.id.value.as_str())
    }

    pub(crate) fn kind(&self, id: &KindId) -> Option<&KindDef> {
        self.kind_position(id).map(|position| &self.kinds[position])
    }

    /// Where the kind `id` is in [`Schema::kinds`].
    pub(crate) fn kind_position(&self, id: &KindId) -> Option<usize> {
        self.kind_index.get(id).copied()
    }

    pub(crate) fn type_position(&self, id: &RelationType) -> Option<usize> {
        self.type_index.get(id).copied()
    }

    pub(crate) fn relation_type(&self, id: &RelationType) -> Option<&RelationTypeDef> {
        self.type_index
            .get(id)
            .map(|&position| &self.relation_types[position])
    }

    /// Where a relation type is drawn: its family's place (a type with no known family is a
    /// family of its own, after the declared ones, in schema order) and its own place in it.
    pub(crate) fn family_place(&self, id: &RelationType) -> (usize, usize) {
        let family_of = |def: &RelationTypeDef| {
            def.family.as_ref().and_then(|family| {
                self.families
                    .iter()
                    .position(|f| f.id.value == family.value)
            })
        };
        let Some(def) = self.relation_type(id) else {
            return (self.families.len(), 0);
        };
        match family_of(def) {
            Some(family) => {
                let before = self
                    .relation_types
                    .iter()
                    .take_while(|other| other.id.value != def.id.value)
                    .filter(|other| family_of(other) == Some(family))
                    .count();
                (family, before)
            }
            None => {
                let alone = self
                    .relation_types
                    .iter()
                    .take_while(|other| other.id.value != def.id.value)
                    .filter(|other| family_of(other).is_none())
                    .count();
                (self.families.len() + alone, 0)
            }
        }
    }

    /// The family a relation type is drawn in, when it names a declared one.
    pub(crate) fn family(&self, id: &RelationType) -> Option<&FamilyDef> {
        let family = self.relation_type(id)?.family.as_ref()?;
        self.families.iter().find(|f| f.id.value == family.value)
    }

    /// The title of a theme's pictures: its `themes:` title, or its name in words.
    pub(crate) fn theme_title(&self, theme: &str) -> String {
        self.themes
            .iter()
            .find(|def| def.id.value.as_str() == theme)
            .map_or_else(|| theme.replace(['_', '-'], " "), |def| def.title.clone())
    }
}

/// Which kinds of file could not be read to their end (a syntax error, a wrong encoding, a
/// file too large, not a list): what their unread part declares is unknown, so references to
/// it are not reported one by one — one mistake, one message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Unread {
    pub(crate) schema: bool,
    pub(crate) sources: bool,
    pub(crate) entities: bool,
}

/// Everything read from one data folder, with its files (names and texts) for diagnostics.
#[derive(Debug, Default)]
pub(crate) struct Dataset {
    /// Where the data came from, as shown to users (a path, or "bundled").
    pub(crate) origin: String,
    /// The data folder it was read from; none for the bundled copy.
    pub(crate) folder: Option<std::path::PathBuf>,
    pub(crate) schema: Schema,
    pub(crate) sources: Vec<Source>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) relations: Vec<Relation>,
    pub(crate) files: SourceMap,
}

impl Dataset {
    /// How many evidence quotes cite each source, by source id.
    pub(crate) fn quotes_per_source(&self) -> std::collections::HashMap<&str, usize> {
        let mut citing = std::collections::HashMap::new();
        for evidence in self.relations.iter().flat_map(|r| &r.evidence) {
            *citing.entry(evidence.source.as_str()).or_default() += 1;
        }
        citing
    }

    /// The theme of a relation: the name of the `relations/` file it is written in
    /// (`security` for relations/security.yaml). Curators group relations by theme.
    /// Every theme, in file order (relations are read file by file, so each theme's
    /// relations are together).
    pub(crate) fn themes(&self) -> Vec<&str> {
        let mut themes: Vec<&str> = self.relations.iter().map(|r| self.theme_of(r)).collect();
        themes.dedup();
        themes
    }

    pub(crate) fn theme_of(&self, relation: &Relation) -> &str {
        let name = self.files.name(relation.span.file);
        let file = name.rsplit('/').next().unwrap_or(name);
        file.rsplit_once('.').map_or(file, |(stem, _)| stem)
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Date, DateError, FamilyDef, FamilyId, RelationType, RelationTypeDef, Schema, Spanned,
        TimeKind,
    };
    use crate::source::{SourceMap, Span};
    use std::cmp::Ordering;
    use std::path::Path as FilePath;

    #[test]
    fn a_types_place_is_its_familys_and_its_own_in_it() {
        let mut files = SourceMap::default();
        let span = Span::new(files.add_unread(FilePath::new("schema.yaml")), 0..0);
        let def = |id: &str, family: Option<&str>| RelationTypeDef {
            id: Spanned {
                value: RelationType::from(id),
                span,
            },
            label: id.to_string(),
            description: String::new(),
            symmetric: false,
            from: None,
            to: None,
            self_loop: false,
            one_at_a_time: false,
            joint: false,
            color: String::new(),
            style: String::new(),
            time: TimeKind::Event,
            weight: 1.0,
            example: None,
            family: family.map(|f| Spanned {
                value: FamilyId::from(f),
                span,
            }),
        };
        let family = |id: &str| FamilyDef {
            id: Spanned {
                value: FamilyId::from(id),
                span,
            },
            label: id.to_string(),
        };
        let mut schema = Schema {
            families: vec![family("meetings"), family("leadership")],
            relation_types: vec![
                def("leads", Some("leadership")),
                def("met", Some("meetings")),
                def("odd", None),
                def("member_of", Some("leadership")),
                def("typo", Some("leadershp")),
                def("visited", Some("meetings")),
            ],
            ..Schema::default()
        };
        schema.index();
        let place = |id: &str| schema.family_place(&RelationType::from(id));
        assert_eq!(place("met"), (0, 0));
        assert_eq!(place("visited"), (0, 1));
        assert_eq!(place("leads"), (1, 0));
        assert_eq!(place("member_of"), (1, 1));
        // Types with no family, or one not declared, are families of their own, after.
        assert_eq!(place("odd"), (2, 0));
        assert_eq!(place("typo"), (3, 0));
        assert_eq!(place("unknown"), (2, 0));
        assert_eq!(
            schema.family(&RelationType::from("typo")).map(|f| &f.label),
            None
        );
    }

    #[test]
    fn dates_keep_their_precision() {
        for text in ["1966", "2023-01", "2019-02-24", "2024-02-29"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_are_rejected_with_the_reason() {
        assert_eq!(
            Date::parse("2023-02-30"),
            Err(DateError::Day {
                year: 2023,
                month: 2,
                day: 30,
                days: 28
            })
        );
        assert_eq!(
            Date::parse("1900-02-29").unwrap_err().to_string(),
            "1900-02 has only 28 days, not 29"
        );
        assert_eq!(Date::parse("2023-13"), Err(DateError::Month(13)));
        for bad in [
            "soon",
            "",
            "23",
            "2023-1",
            "2023-01-01-01",
            "2023/01",
            "+2023",
            "２０２３",
        ] {
            assert!(
                matches!(Date::parse(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_coarse_date_covers_its_whole_period() {
        let month = Date::parse("2023-02").unwrap();
        assert_eq!(month.first_day(), (2023, 2, 1));
        assert_eq!(month.last_day(), (2023, 2, 28));
        assert_eq!(Date::parse("1977").unwrap().last_day(), (1977, 12, 31));
    }

    #[test]
    fn chronological_order_puts_coarse_before_fine() {
        let year = Date::parse("1977").unwrap();
        let day = Date::parse("1977-01-01").unwrap();
        assert_eq!(year.chronological(day), Ordering::Less);
        assert_eq!(
            Date::parse("1976-12-31").unwrap().chronological(year),
            Ordering::Less
        );
    }
}
