//! The record readers: schema, source, entity, relation and evidence items read through the
//! [`Reader`] into the model, with the checks for missing, unknown and empty fields. The only
//! code that knows the format's fields; it must not open files, cut them or see YAML events
//! (`discover.rs`, `pieces.rs` and `reader.rs` do).

use std::borrow::Cow;

use compact_str::CompactString;

use crate::load::error::LoadErrorKind;
use crate::load::reader::{ReadResult, Reader};
use crate::model::{
    Date, Entity, EntityId, Evidence, EvidenceList, FamilyDef, FamilyId, KindDef, KindId, PageDef,
    PathCosts, Relation, RelationDetails, RelationType, RelationTypeDef, Schema, Source, Spanned,
    Stance, Theme, ThemeDef, TimeKind,
};
use crate::source::Span;

/// Records which of an item's fields were written, so "missing" is told apart from "empty".
#[derive(Default)]
struct Present(u32);

impl Present {
    fn mark(&mut self, fields: &[&str], key: &str) {
        if let Some(index) = fields.iter().position(|field| *field == key) {
            self.0 |= 1 << index;
        }
    }

    fn has(&self, fields: &[&str], key: &str) -> bool {
        fields
            .iter()
            .position(|field| *field == key)
            .is_some_and(|index| self.0 & (1 << index) != 0)
    }
}

/// One item (a mapping) being read: which fields it has, for the required-field check.
struct Item {
    name: &'static str,
    fields: &'static [&'static str],
    present: Present,
    /// Fields that an unknown key was probably a typo of (`form` for `from`): already
    /// reported with the typo, so not reported again as missing.
    meant: Present,
}

impl Item {
    fn new(name: &'static str, fields: &'static [&'static str]) -> Self {
        Item {
            name,
            fields,
            present: Present::default(),
            meant: Present::default(),
        }
    }

    /// Reports a field that was never written. An empty one was reported when read.
    fn require<T>(
        &self,
        reader: &mut Reader<'_>,
        value: Option<T>,
        field: &'static str,
        span: Span,
    ) -> Option<T> {
        if value.is_none()
            && !self.present.has(self.fields, field)
            && !self.meant.has(self.fields, field)
        {
            let kind = LoadErrorKind::MissingField {
                field,
                item: self.name,
                expected: self.fields,
            };
            reader.error(kind, span);
        }
        value
    }

    fn unknown(&mut self, reader: &mut Reader<'_>, key: &str, span: Span) -> ReadResult<()> {
        if key == "<<" {
            // The fields it would bring in are not reported again as missing.
            self.meant = Present(u32::MAX);
            reader.error(LoadErrorKind::MergeKey, span);
            return reader.skip_merged();
        }
        if let Some(field) = crate::names::closest(key, self.fields.iter().copied(), 1).first() {
            self.meant.mark(self.fields, field);
        }
        let kind = LoadErrorKind::UnknownField {
            field: key.to_string(),
            item: self.name,
            expected: self.fields,
        };
        reader.error(kind, span);
        reader.skip()
    }
}

/// Reads a text value; an empty one is reported and gives `None`.
fn scalar_text<'a>(
    reader: &mut Reader<'a>,
    field: &'static str,
) -> ReadResult<Option<Spanned<Cow<'a, str>>>> {
    Ok(match reader.scalar()? {
        Some((Some(value), span)) => Some(Spanned { value, span }),
        Some((None, span)) => {
            reader.error(LoadErrorKind::EmptyValue { field }, span);
            None
        }
        None => None,
    })
}

fn text(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<Spanned<String>>> {
    Ok(scalar_text(reader, field)?.map(|Spanned { value, span }| {
        let mut value = value.into_owned();
        // The parser builds quoted values by pushing characters, so they come with up to
        // twice the room they need; kept for the whole run, a million of them add up.
        value.shrink_to_fit();
        Spanned { value, span }
    }))
}

fn plain_text(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<String>> {
    Ok(text(reader, field)?.map(|text| text.value))
}

/// Reads an id or a name declared elsewhere (an entity, a kind, a type, a source).
fn identifier<T: for<'s> From<&'s str>>(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Spanned<T>>> {
    Ok(
        scalar_text(reader, field)?.map(|Spanned { value, span }| Spanned {
            value: T::from(&value),
            span,
        }),
    )
}

/// Reads a short text (a name, a code): see [`Entity`].
fn short_text(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Spanned<CompactString>>> {
    identifier(reader, field)
}

fn short_text_list(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Vec<Spanned<CompactString>>> {
    let mut values = Vec::new();
    reader.list(&mut |r| {
        values.extend(short_text(r, field)?);
        Ok(())
    })?;
    // A growing list starts with room for four; most lists here hold one.
    values.shrink_to_fit();
    Ok(values)
}

/// Reads a value that must parse as `T` (a number, a boolean); reports it otherwise.
fn parsed<T>(
    reader: &mut Reader<'_>,
    field: &'static str,
    expected: &'static str,
    parse: fn(&str) -> Option<T>,
) -> ReadResult<Option<T>> {
    let Some(Spanned { value, span }) = scalar_text(reader, field)? else {
        return Ok(None);
    };
    let result = parse(&value);
    if result.is_none() {
        reader.error(
            LoadErrorKind::InvalidValue {
                field,
                text: value.into_owned(),
                expected,
            },
            span,
        );
    }
    Ok(result)
}

fn boolean(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<bool>> {
    parsed(reader, field, "`true` or `false`", |text| match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    })
}

fn date(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<Date>> {
    let Some(Spanned { value, span }) = scalar_text(reader, field)? else {
        return Ok(None);
    };
    match Date::parse(&value) {
        Ok(date) => Ok(Some(date)),
        Err(error) => {
            reader.error(LoadErrorKind::Date { field, error }, span);
            Ok(None)
        }
    }
}

fn kind_list(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Vec<Spanned<KindId>>>> {
    let mut kinds = Vec::new();
    reader.list(&mut |r| {
        kinds.extend(identifier(r, field)?);
        Ok(())
    })?;
    Ok(Some(kinds))
}

const SCHEMA_FIELDS: &[&str] = &["kinds", "relations", "families", "themes", "paths"];
const FAMILY_FIELDS: &[&str] = &["label"];
const THEME_FIELDS: &[&str] = &["title", "pages"];
const PAGE_FIELDS: &[&str] = &["title", "types"];
const PATHS_FIELDS: &[&str] = &[
    "claim_penalty",
    "direct_weight",
    "coincidence_through",
    "circumstantial_weight",
];
const KIND_FIELDS: &[&str] = &["label", "description", "shape", "color", "through"];
const RELATION_TYPE_FIELDS: &[&str] = &[
    "label",
    "description",
    "symmetric",
    "from",
    "to",
    "self_loop",
    "one_at_a_time",
    "joint",
    "color",
    "style",
    "time",
    "weight",
    "example",
    "family",
];

pub(super) fn read_schema(reader: &mut Reader<'_>, schema: &mut Schema) -> ReadResult<()> {
    let mut item = Item::new("the schema", SCHEMA_FIELDS);
    reader.document_mapping(|r, key, key_span| match key {
        "kinds" => r
            .mapping(&mut |r, id, id_span| {
                if let Some(kind) = read_kind(
                    r,
                    Spanned {
                        value: KindId::from(id),
                        span: id_span,
                    },
                )? {
                    schema.kinds.push(kind);
                }
                Ok(())
            })
            .map(drop),
        "relations" => r
            .mapping(&mut |r, id, id_span| {
                let id = Spanned {
                    value: RelationType::from(id),
                    span: id_span,
                };
                if let Some(def) = read_relation_type(r, id)? {
                    schema.relation_types.push(def);
                }
                Ok(())
            })
            .map(drop),
        "families" => r
            .mapping(&mut |r, id, id_span| {
                let id = Spanned {
                    value: FamilyId::from(id),
                    span: id_span,
                };
                if let Some(label) = read_labelled(r, "a family", FAMILY_FIELDS)? {
                    schema.families.push(FamilyDef { id, label });
                }
                Ok(())
            })
            .map(drop),
        "themes" => r
            .mapping(&mut |r, id, id_span| {
                let id = Spanned {
                    value: Theme::from(id),
                    span: id_span,
                };
                if let Some(theme) = read_theme(r, id)? {
                    schema.themes.push(theme);
                }
                Ok(())
            })
            .map(drop),
        "paths" => {
            schema.paths = read_path_costs(r)?;
            Ok(())
        }
        _ => item.unknown(r, key, key_span),
    })?;
    Ok(())
}

/// A mapping of one required text field (`fields[0]`: a family's label, a theme's title).
fn read_labelled(
    reader: &mut Reader<'_>,
    what: &'static str,
    fields: &'static [&'static str],
) -> ReadResult<Option<String>> {
    let mut item = Item::new(what, fields);
    let mut text = None;
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(fields, key);
        if key == fields[0] {
            text = plain_text(r, fields[0])?;
        } else {
            item.unknown(r, key, key_span)?;
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    Ok(item.require(reader, text, fields[0], span))
}

/// A theme's title and the pages its pictures are drawn on, when the schema names them.
fn read_theme(reader: &mut Reader<'_>, id: Spanned<Theme>) -> ReadResult<Option<ThemeDef>> {
    let Some(titled) = read_titled(reader, "a theme", THEME_FIELDS, &mut read_page)? else {
        return Ok(None);
    };
    let title = titled
        .item
        .require(reader, titled.title, "title", titled.span);
    Ok(title.map(|title| ThemeDef {
        id,
        title,
        pages: titled.list,
    }))
}

/// One page of a theme's pictures: its title and the relation types it draws.
fn read_page(reader: &mut Reader<'_>) -> ReadResult<Option<PageDef>> {
    let mut type_name = |r: &mut Reader<'_>| identifier(r, "types");
    let Some(titled) = read_titled(reader, "a page", PAGE_FIELDS, &mut type_name)? else {
        return Ok(None);
    };
    let Titled {
        item,
        span,
        title,
        list,
    } = titled;
    let title = item.require(reader, title, "title", span);
    let types = item.require(reader, (!list.is_empty()).then_some(list), "types", span);
    Ok(title
        .zip(types)
        .map(|(title, types)| PageDef { title, types, span }))
}

/// A mapping of a `title` and a list (`fields[1]`: a theme's pages, a page's types), read.
struct Titled<T> {
    item: Item,
    span: Span,
    title: Option<String>,
    list: Vec<T>,
}

fn read_titled<T>(
    reader: &mut Reader<'_>,
    what: &'static str,
    fields: &'static [&'static str],
    read_item: &mut dyn FnMut(&mut Reader<'_>) -> ReadResult<Option<T>>,
) -> ReadResult<Option<Titled<T>>> {
    let mut item = Item::new(what, fields);
    let (mut title, mut list) = (None, Vec::new());
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(fields, key);
        if key == "title" {
            title = plain_text(r, "title")?;
        } else if key == fields[1] {
            r.list(&mut |r| {
                list.extend(read_item(r)?);
                Ok(())
            })?;
        } else {
            item.unknown(r, key, key_span)?;
        }
        Ok(())
    })?;
    Ok(span.map(|span| Titled {
        item,
        span,
        title,
        list,
    }))
}

fn read_path_costs(reader: &mut Reader<'_>) -> ReadResult<Option<PathCosts>> {
    let mut item = Item::new("the path costs", PATHS_FIELDS);
    let mut costs = PathCosts::default();
    let span = reader.mapping(&mut |r, key, key_span| {
        match key {
            "claim_penalty" => {
                costs.claim_penalty = cost(r, "claim_penalty")?.unwrap_or(costs.claim_penalty);
            }
            "direct_weight" => {
                costs.direct_weight = cost(r, "direct_weight")?.unwrap_or(costs.direct_weight);
            }
            "coincidence_through" => {
                costs.coincidence_through =
                    factor(r, "coincidence_through")?.unwrap_or(costs.coincidence_through);
            }
            "circumstantial_weight" => {
                costs.circumstantial_weight =
                    factor(r, "circumstantial_weight")?.unwrap_or(costs.circumstantial_weight);
            }
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    Ok(span.map(|_| costs))
}

/// An amount of money: a finite number above zero, written as a number is (`017` could be a
/// typo, `1e-400` reads as zero, a negative amount means nothing here).
fn amount(text: &str) -> Option<f64> {
    let digits = text.trim_start_matches(['-', '+']);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    finite(text).filter(|n| *n > 0.0 && !leading_zero)
}

/// A finite number: JSON cannot carry NaN or infinities, and path costs summed from them
/// would never compare.
fn finite(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The largest weight, factor or cost of path search. A path's cost is a sum of products of
/// them: bounded, it stays finite (a weight of 1e308 summed to infinity, and a path that
/// existed was then reported as none); at a thousand times the bundled weights, a type is
/// already one no path takes unless it must.
const MOST_COST: f64 = 1000.0;

/// A cost for path search: a finite number, zero or more, at most [`MOST_COST`].
fn cost(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<f64>> {
    parsed(reader, field, "a number from 0 to 1000", |t| {
        finite(t).filter(|n| (0.0..=MOST_COST).contains(n))
    })
}

/// A weight or factor of path search: a finite number above zero, at most [`MOST_COST`]. At
/// zero a hop or a hub would be free, the very detour the costs exist to discourage; below
/// zero the search, which relies on no step costing less than nothing, would rank paths
/// wrongly.
fn factor(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<f64>> {
    parsed(
        reader,
        field,
        "a number greater than zero, at most 1000",
        |t| finite(t).filter(|n| *n > 0.0 && *n <= MOST_COST),
    )
}

fn read_kind(reader: &mut Reader<'_>, id: Spanned<KindId>) -> ReadResult<Option<KindDef>> {
    let mut item = Item::new("an entity kind", KIND_FIELDS);
    let (mut label, mut description, mut shape, mut color) = (None, None, None, None);
    let mut through = None;
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(KIND_FIELDS, key);
        match key {
            "label" => label = plain_text(r, "label")?,
            "description" => description = plain_text(r, "description")?,
            "shape" => shape = plain_text(r, "shape")?,
            "color" => color = plain_text(r, "color")?,
            "through" => through = factor(r, "through")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let label = item.require(reader, label, "label", span);
    Ok(Some(KindDef {
        label: label.unwrap_or_else(|| id.value.to_string()),
        id,
        description: description.unwrap_or_default(),
        shape: shape.unwrap_or_else(|| "ellipse".into()),
        color: color.unwrap_or_else(|| "#555555".into()),
        through: through.unwrap_or(1.0),
    }))
}

fn read_relation_type(
    reader: &mut Reader<'_>,
    id: Spanned<RelationType>,
) -> ReadResult<Option<RelationTypeDef>> {
    let mut item = Item::new("a relation type", RELATION_TYPE_FIELDS);
    let mut def = RelationTypeDef {
        label: id.value.to_string(),
        id,
        description: String::new(),
        symmetric: false,
        from: None,
        to: None,
        self_loop: false,
        one_at_a_time: false,
        joint: false,
        color: "#555555".into(),
        style: "solid".into(),
        time: TimeKind::Event,
        weight: 1.0,
        example: None,
        family: None,
    };
    let (mut label, mut description) = (None, None);
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(RELATION_TYPE_FIELDS, key);
        match key {
            "label" => label = plain_text(r, "label")?,
            "description" => description = plain_text(r, "description")?,
            "symmetric" => def.symmetric = boolean(r, "symmetric")?.unwrap_or(false),
            "self_loop" => def.self_loop = boolean(r, "self_loop")?.unwrap_or(false),
            "one_at_a_time" => {
                def.one_at_a_time = boolean(r, "one_at_a_time")?.unwrap_or(false);
            }
            "joint" => def.joint = boolean(r, "joint")?.unwrap_or(false),
            "from" => def.from = kind_list(r, "from")?,
            "to" => def.to = kind_list(r, "to")?,
            "color" => def.color = plain_text(r, "color")?.unwrap_or(def.color.clone()),
            "style" => def.style = plain_text(r, "style")?.unwrap_or(def.style.clone()),
            "time" => {
                def.time = parsed(r, "time", "`event` or `state`", |t| match t {
                    "event" => Some(TimeKind::Event),
                    "state" => Some(TimeKind::State),
                    _ => None,
                })?
                .unwrap_or_default()
            }
            "weight" => def.weight = factor(r, "weight")?.unwrap_or(def.weight),
            "example" => def.example = text(r, "example")?,
            "family" => def.family = identifier(r, "family")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    def.label = item
        .require(reader, label, "label", span)
        .unwrap_or(def.label);
    def.description = item
        .require(reader, description, "description", span)
        .unwrap_or_default();
    Ok(Some(def))
}

const SOURCE_FIELDS: &[&str] = &["id", "title", "publisher", "date", "file", "url"];

pub(super) fn read_source(reader: &mut Reader<'_>) -> ReadResult<Option<Source>> {
    let mut item = Item::new("a source", SOURCE_FIELDS);
    let (mut id, mut title, mut publisher, mut date, mut file, mut url) =
        (None, None, None, None, None, None);
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(SOURCE_FIELDS, key);
        match key {
            "id" => id = identifier(r, "id")?,
            "title" => title = plain_text(r, "title")?,
            "publisher" => publisher = plain_text(r, "publisher")?,
            "date" => date = plain_text(r, "date")?,
            "file" => file = text(r, "file")?,
            "url" => url = plain_text(r, "url")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let id = item.require(reader, id, "id", span);
    let title = item.require(reader, title, "title", span);
    let publisher = item.require(reader, publisher, "publisher", span);
    let date = item.require(reader, date, "date", span);
    let file = item.require(reader, file, "file", span);
    let (Some(id), Some(title), Some(publisher), Some(date), Some(file)) =
        (id, title, publisher, date, file)
    else {
        return Ok(None);
    };
    Ok(Some(Source {
        id,
        title,
        publisher,
        date,
        file,
        url,
    }))
}

const ENTITY_FIELDS: &[&str] = &["id", "name", "kind", "country", "aliases", "description"];

pub(super) fn read_entity(
    reader: &mut Reader<'_>,
    incomplete_ids: &mut Vec<EntityId>,
) -> ReadResult<Option<Entity>> {
    let mut item = Item::new("an entity", ENTITY_FIELDS);
    let (mut id, mut name, mut kind, mut country, mut description) = (None, None, None, None, None);
    let mut aliases = Vec::new();
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(ENTITY_FIELDS, key);
        match key {
            "id" => id = identifier(r, "id")?,
            "name" => name = short_text(r, "name")?,
            "kind" => kind = identifier(r, "kind")?,
            "country" => country = identifier(r, "country")?,
            "aliases" => aliases = short_text_list(r, "aliases")?,
            "description" => description = plain_text(r, "description")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let id = item.require(reader, id, "id", span);
    let name = item.require(reader, name, "name", span);
    // A blank name prints as nothing wherever the entity is named.
    if let Some(blank) = name.as_ref().filter(|n| n.value.trim().is_empty()) {
        reader.error(LoadErrorKind::EmptyValue { field: "name" }, blank.span);
    }
    let kind = item.require(reader, kind, "kind", span);
    let (Some(id), Some(name), Some(kind)) = (id.clone(), name, kind) else {
        incomplete_ids.extend(id.map(|id| id.value));
        return Ok(None);
    };
    Ok(Some(Entity {
        id,
        name,
        kind,
        country,
        aliases,
        description,
    }))
}

const RELATION_FIELDS: &[&str] = &[
    "from",
    "type",
    "to",
    "date",
    "end",
    "seen",
    "stance",
    "claimed_by",
    "note",
    "role",
    "amount",
    "currency",
    "place",
    "evidence",
];
const EVIDENCE_FIELDS: &[&str] = &["source", "quote"];

pub(super) fn read_relation(reader: &mut Reader<'_>) -> ReadResult<Option<Relation>> {
    let mut item = Item::new("a relation", RELATION_FIELDS);
    let (mut from, mut relation_type, mut to, mut date_field, mut end) =
        (None, None, None, None, None);
    let mut details = RelationDetails::default();
    let mut evidence = None;
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(RELATION_FIELDS, key);
        match key {
            "from" => from = identifier(r, "from")?,
            "type" => relation_type = identifier(r, "type")?,
            "to" => to = identifier(r, "to")?,
            "date" => date_field = date(r, "date")?,
            "end" => end = date(r, "end")?,
            "seen" => details.seen = date(r, "seen")?,
            "stance" => {
                details.stance = parsed(r, "stance", "`fact` or `claim`", |t| match t {
                    "fact" => Some(Stance::Fact),
                    "claim" => Some(Stance::Claim),
                    _ => None,
                })?
                .unwrap_or_default()
            }
            "claimed_by" => details.claimed_by = plain_text(r, "claimed_by")?,
            "note" => details.note = plain_text(r, "note")?,
            "role" => details.role = plain_text(r, "role")?,
            "amount" => {
                details.amount = parsed(r, "amount", "a positive number such as `1.4e9`", amount)?
            }
            "currency" => details.currency = plain_text(r, "currency")?,
            "place" => details.place = identifier(r, "place")?,
            "evidence" => evidence = Some(read_evidence_list(r)?),
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let from = item.require(reader, from, "from", span);
    let relation_type = item.require(reader, relation_type, "type", span);
    let to = item.require(reader, to, "to", span);
    let evidence = item.require(reader, evidence, "evidence", span);
    let (Some(from), Some(relation_type), Some(to), Some(evidence)) =
        (from, relation_type, to, evidence)
    else {
        return Ok(None);
    };
    Ok(Some(Relation {
        from: from.value,
        relation_type: relation_type.value,
        to: to.value,
        date: date_field,
        end,
        details: details.boxed(),
        evidence,
        span,
    }))
}

fn read_evidence_list(reader: &mut Reader<'_>) -> ReadResult<EvidenceList> {
    let mut list = EvidenceList::new();
    reader.list(&mut |r| {
        let mut item = Item::new("evidence", EVIDENCE_FIELDS);
        let (mut source, mut quote) = (None, None);
        let span = r.mapping(&mut |r, key, key_span| {
            item.present.mark(EVIDENCE_FIELDS, key);
            match key {
                "source" => source = identifier(r, "source")?,
                "quote" => quote = text(r, "quote")?,
                _ => item.unknown(r, key, key_span)?,
            }
            Ok(())
        })?;
        if let Some(span) = span {
            let source = item.require(r, source, "source", span);
            let quote = item.require(r, quote, "quote", span);
            // A blank quote would be found in any text: it proves nothing. (It stays in the
            // list, reported once, so the relation is not also said to have no evidence.)
            if let Some(blank) = quote.as_ref().filter(|q| q.value.trim().is_empty()) {
                r.error(LoadErrorKind::EmptyValue { field: "quote" }, blank.span);
            }
            if let (Some(source), Some(quote)) = (source, quote) {
                list.push(Evidence {
                    source: source.value,
                    quote: quote.value.into_boxed_str(),
                    span,
                });
            }
        }
        Ok(())
    })?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn an_amount_is_a_plain_positive_number() {
        assert_eq!(amount("1.4e9"), Some(1.4e9));
        assert_eq!(amount("0.5"), Some(0.5));
        assert_eq!(amount("36700000"), Some(36_700_000.0));
        for refused in ["017", "-5", "0", "1e-400", "inf", "NaN", "lots"] {
            assert_eq!(amount(refused), None, "{refused}");
        }
    }
}
