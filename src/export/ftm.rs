//! FollowTheMoney (FtM) entities as JSON lines, for Aleph, OpenSanctions' tools and `ftm`:
//! one `{"id", "schema", "properties": {name: [values]}}` per line.
//!
//! Built from the JSON contract's records. Each entity becomes the FtM schema its kind
//! stands for ([`entity_schema`]): a person a `Person`, a party or organisation an
//! `Organization`, a ministry or agency a `PublicBody`, a bank or company a `Company`, an
//! agreement a `Contract`, a project a `Project`, a port `RealEstate`, a place an `Address`,
//! an event an `Event`. FtM has no schema for a state: `Territory` is reference data and no
//! legal entity, so it cannot sign, be led or be a member, which the countries in these texts
//! do; a country is therefore a `PublicBody` with its `country` code.
//!
//! Each relation becomes an FtM interval ([`tie_schema`]): `member_of` and `part_of` a
//! `Membership`, `leads` a `Directorship`, `funded` a `Payment` (with `amount`, `currency`),
//! `invested_in` an `Ownership`, `succeeded` a `Succession`, `met`, `advised`,
//! `cooperates_with` and `allied_with` between two people an `Associate`, `built` and
//! `implements` a project a `ProjectParticipant`; a tie FtM has no schema for, or whose ends
//! are not of the kinds that schema's properties take (a person leading a country), an
//! `UnknownLink` with the type as its `role`. Every interval has `startDate`/`endDate` by the
//! time rules (an event: its date, or date to end; a state: from its date, open when it has no
//! end), `summary` (each quote verbatim), `proof` (a `Document` per source, also written),
//! `publisher` and `sourceUrl` of those sources, and a `description` that says the tie in
//! words: "claimed by X: A met B" for a claim, so a claim never reads as a fact. A state
//! known only to hold at a time ("seen") says so in its description, not as a start.
//!
//! FtM ids allow letters, digits, `.` and `-` only: an entity's id is `vnla-` and its id with
//! `_` as `-`; a relation's is `vnla-FROM.TYPE.TO`, with `.N` for the N-th further relation
//! of the same type between the same ends (in data order, so filters do not renumber).

use std::collections::BTreeMap;
use std::hash::{Hash as _, Hasher as _};
use std::io::{self, Write};

use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use crate::export::json::{EdgeRecord, NodeRecord, SourceRecord};
use crate::model::{Dataset, Entity, Relation, TimeKind};
use crate::text::claim_prefix;

/// An FtM schema an entity can have, and the schemata it counts as in a property's range.
struct EntitySchema {
    name: &'static str,
    is_a: &'static [&'static str],
}

const fn schema(name: &'static str, is_a: &'static [&'static str]) -> EntitySchema {
    EntitySchema { name, is_a }
}

const PERSON: EntitySchema = schema("Person", &["Person", "LegalEntity", "Thing"]);
const ORGANIZATION: EntitySchema =
    schema("Organization", &["Organization", "LegalEntity", "Thing"]);
const PUBLIC_BODY: EntitySchema = schema(
    "PublicBody",
    &["PublicBody", "Organization", "LegalEntity", "Thing"],
);
const COMPANY: EntitySchema = schema(
    "Company",
    &["Company", "Organization", "LegalEntity", "Asset", "Thing"],
);
const CONTRACT: EntitySchema = schema("Contract", &["Contract", "Asset", "Thing"]);
const PROJECT: EntitySchema = schema("Project", &["Project", "Thing"]);
const REAL_ESTATE: EntitySchema = schema("RealEstate", &["RealEstate", "Asset", "Thing"]);
const ADDRESS: EntitySchema = schema("Address", &["Address", "Thing"]);
const EVENT: EntitySchema = schema("Event", &["Event", "Thing"]);
const LEGAL_ENTITY: EntitySchema = schema("LegalEntity", &["LegalEntity", "Thing"]);

/// The FtM schema of an entity kind (see the module docs); a kind this table does not know
/// is a `LegalEntity`, FtM's most general party to a tie.
fn entity_schema(kind: &str) -> &'static EntitySchema {
    match kind {
        "person" => &PERSON,
        "party" | "organization" => &ORGANIZATION,
        "agency" | "country" => &PUBLIC_BODY,
        "bank" | "company" => &COMPANY,
        "agreement" => &CONTRACT,
        "project" => &PROJECT,
        "port" => &REAL_ESTATE,
        "place" => &ADDRESS,
        "event" => &EVENT,
        _ => &LEGAL_ENTITY,
    }
}

/// An FtM interval schema for a tie: the properties naming its ends and the schemata each
/// end must be.
struct TieSchema {
    name: &'static str,
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
    /// The property the tie's type label goes in, besides the description.
    kind_of_tie: Option<&'static str>,
    /// Whether the schema has `role` (the FtM `Interest` schemata do).
    has_role: bool,
}

const fn tie(
    name: &'static str,
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
) -> TieSchema {
    TieSchema {
        name,
        from,
        to,
        kind_of_tie: None,
        has_role: true,
    }
}

const MEMBERSHIP: TieSchema = tie(
    "Membership",
    ("member", "LegalEntity"),
    ("organization", "Organization"),
);
const DIRECTORSHIP: TieSchema = tie(
    "Directorship",
    ("director", "LegalEntity"),
    ("organization", "Organization"),
);
const OWNERSHIP: TieSchema = tie("Ownership", ("owner", "LegalEntity"), ("asset", "Asset"));
const SUCCESSION: TieSchema = tie(
    "Succession",
    ("successor", "LegalEntity"),
    ("predecessor", "LegalEntity"),
);
const PROJECT_PARTICIPANT: TieSchema = tie(
    "ProjectParticipant",
    ("participant", "LegalEntity"),
    ("project", "Project"),
);
const PAYMENT: TieSchema = TieSchema {
    kind_of_tie: Some("purpose"),
    has_role: false,
    ..tie(
        "Payment",
        ("payer", "LegalEntity"),
        ("beneficiary", "LegalEntity"),
    )
};
const ASSOCIATE: TieSchema = TieSchema {
    kind_of_tie: Some("relationship"),
    has_role: false,
    ..tie("Associate", ("person", "Person"), ("associate", "Person"))
};
const UNKNOWN_LINK: TieSchema = TieSchema {
    kind_of_tie: Some("role"),
    ..tie("UnknownLink", ("subject", "Thing"), ("object", "Thing"))
};

/// The FtM schema for a relation type (see the module docs); `UnknownLink` when FtM has none.
fn tie_schema(relation_type: &str) -> &'static TieSchema {
    match relation_type {
        "member_of" | "part_of" => &MEMBERSHIP,
        "leads" => &DIRECTORSHIP,
        "funded" => &PAYMENT,
        "invested_in" => &OWNERSHIP,
        "succeeded" => &SUCCESSION,
        "met" | "advised" | "cooperates_with" | "allied_with" => &ASSOCIATE,
        "built" | "implements" => &PROJECT_PARTICIPANT,
        _ => &UNKNOWN_LINK,
    }
}

/// One line of the output.
#[derive(Serialize)]
struct FtmEntity {
    id: String,
    schema: &'static str,
    properties: BTreeMap<&'static str, Vec<String>>,
}

impl FtmEntity {
    fn new(id: String, schema: &'static str) -> Self {
        FtmEntity {
            id,
            schema,
            properties: BTreeMap::new(),
        }
    }

    /// Adds `value` to `property` (FtM properties are lists).
    fn add(&mut self, property: &'static str, value: impl Into<String>) {
        self.properties
            .entry(property)
            .or_default()
            .push(value.into());
    }

    fn line(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        out.write_all(b"\n")
    }
}

/// An entity id as FtM allows it: `vnla-` and the id, `_` written `-` (ids have no `-`), and
/// `.x` after a trailing `_`, as an FtM id must end in a letter or digit.
fn ftm_id(id: &str) -> String {
    let mut safe = format!("vnla-{}", id.replace('_', "-"));
    if safe.ends_with('-') {
        safe.push_str(".x");
    }
    safe
}

/// A country code as FtM keeps it: lower case, and a dissolved state by its ISO 3166-3 code
/// (`SU` is `suhh`), which FtM would otherwise substitute on reading. `None` for a code ISO
/// leaves to users (`AA`, `QM`–`QZ`, `XA`–`XZ` but Kosovo's `XK`), which FtM drops.
fn ftm_country(code: &str) -> Option<String> {
    let code = code.to_ascii_lowercase();
    let user_assigned = match code.as_bytes() {
        [b'a', b'a'] => true,
        [b'q', second] => (b'm'..=b'z').contains(second),
        [b'x', second] => *second != b'k',
        _ => false,
    };
    if user_assigned {
        return None;
    }
    Some(match code.as_str() {
        "su" => "suhh".to_string(),
        "cs" => "cshh".to_string(),
        "yu" => "yucs".to_string(),
        _ => code,
    })
}

fn source_id(id: &str) -> String {
    ftm_id(&format!("source-{id}"))
}

/// Writes the selected entities, every source as a `Document`, and the selected relations as
/// FtM intervals, one JSON object a line. Each line is made from the model when it is written
/// and then dropped, so the export holds no more than one record beside the data.
pub(crate) fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
) -> io::Result<()> {
    for entity in entities {
        entity_line(&NodeRecord::new(entity)).line(out)?;
    }
    let mut sources = FxHashMap::default();
    for source in &dataset.sources {
        let record = SourceRecord::new(source);
        let mut document = FtmEntity::new(source_id(record.id), "Document");
        document.add("fileName", record.file);
        document.add("title", record.title);
        document.add("publisher", record.publisher);
        document.add("publishedAt", record.date);
        if let Some(url) = record.url {
            document.add("sourceUrl", url);
        }
        document.line(out)?;
        sources.insert(record.id, record);
    }
    let kinds: FxHashMap<&str, &str> = dataset
        .entities
        .iter()
        .map(|e| (e.id.value.as_str(), e.kind.value.as_str()))
        .collect();
    let names: FxHashMap<&str, &str> = dataset
        .entities
        .iter()
        .map(|e| (e.id.value.as_str(), e.name.value.as_str()))
        .collect();
    let ordinals = repeat_ordinals(dataset);
    for relation in relations {
        let record = EdgeRecord::new(&dataset.schema, relation);
        let is = |end: &str, range: &str| {
            let kind = kinds.get(end).copied().unwrap_or_default();
            entity_schema(kind).is_a.contains(&range)
        };
        let preferred = tie_schema(record.relation_type);
        let tie = if is(record.from, preferred.from.1) && is(record.to, preferred.to.1) {
            preferred
        } else {
            &UNKNOWN_LINK
        };
        let mut id = format!(
            "{}.{}.{}",
            ftm_id(record.from),
            record.relation_type.replace('_', "-"),
            ftm_id(record.to).trim_start_matches("vnla-")
        );
        if let Some(ordinal) = ordinals.get(&std::ptr::from_ref(*relation)) {
            id = format!("{id}.{ordinal}");
        }
        let mut interval = FtmEntity::new(id, tie.name);
        interval.add(tie.from.0, ftm_id(record.from));
        interval.add(tie.to.0, ftm_id(record.to));
        let label = dataset
            .schema
            .relation_type(&relation.relation_type)
            .map_or(record.relation_type, |def| def.label.as_str());
        if let Some(property) = tie.kind_of_tie {
            interval.add(property, label);
        }
        let name = |id: &str| names.get(id).copied().unwrap_or(id).to_string();
        interval.add(
            "description",
            format!(
                "{}{} {label} {}",
                claim_prefix(dataset, relation),
                name(record.from),
                name(record.to)
            ),
        );
        if let Some(role) = record.role {
            if tie.has_role {
                interval.add("role", role);
            } else {
                interval.add("description", format!("role: {role}"));
            }
        }
        dates(&record, &mut interval);
        if let Some(amount) = record.amount {
            if tie.name == PAYMENT.name {
                interval.add("amount", amount.to_string());
                if let Some(currency) = record.currency {
                    interval.add("currency", currency);
                }
            } else {
                let currency = record.currency.map(|c| format!(" {c}")).unwrap_or_default();
                interval.add("description", format!("amount: {amount}{currency}"));
            }
        }
        if let Some(place) = record.place {
            interval.add("description", format!("place: {}", name(place)));
        }
        if let Some(note) = record.note {
            interval.add("description", note);
        }
        let mut cited = Vec::new();
        for evidence in &record.evidence {
            interval.add("summary", evidence.quote);
            if !cited.contains(&evidence.source) {
                cited.push(evidence.source);
            }
        }
        for source in cited {
            interval.add("proof", source_id(source));
            if let Some(source) = sources.get(source) {
                interval.add("publisher", source.publisher);
                if let Some(url) = source.url {
                    interval.add("sourceUrl", url);
                }
            }
        }
        interval.line(out)?;
    }
    Ok(())
}

fn entity_line(node: &NodeRecord<'_>) -> FtmEntity {
    let schema = entity_schema(node.kind);
    let mut entity = FtmEntity::new(ftm_id(node.id), schema.name);
    entity.add("name", node.name);
    for alias in &node.aliases {
        entity.add("alias", *alias);
    }
    if let Some(country) = node.country {
        match ftm_country(country) {
            Some(code) => entity.add("country", code),
            None => entity.add("keywords", format!("country: {country}")),
        }
    }
    if let Some(description) = node.description {
        entity.add("description", description);
    }
    match schema.name {
        "Contract" => entity.add("title", node.name),
        "Address" => entity.add("full", node.name),
        _ => {}
    }
    entity
}

/// `startDate` and `endDate` by the time rules: an event from its date to its end (or within
/// its date alone); a state from its date until its end, open without one; a state only
/// seen holding says when in its description.
fn dates(record: &EdgeRecord<'_>, interval: &mut FtmEntity) {
    let event = record.time == TimeKind::Event.as_str();
    if let Some(date) = &record.date {
        interval.add("startDate", date.clone());
        if event && record.end.is_none() {
            interval.add("endDate", date.clone());
        }
    }
    if let Some(end) = &record.end {
        interval.add("endDate", end.clone());
    }
    if let Some(seen) = &record.seen {
        interval.add("description", format!("known to hold in {seen}"));
    }
}

/// For each relation that repeats an earlier one's ends and type, its ordinal among them
/// (1 for the second): few relations repeat, so only those are kept. Found by sorting a hash
/// of each relation's key beside its position, not by grouping in a map: a million relations
/// stay at 8 bytes each here (keys whose hashes collide are told apart by comparing them).
fn repeat_ordinals(dataset: &Dataset) -> FxHashMap<*const Relation, usize> {
    fn key(relation: &Relation) -> (&str, &str, &str) {
        (
            relation.from.as_str(),
            relation.relation_type.as_str(),
            relation.to.as_str(),
        )
    }
    let mut keyed: Vec<(u32, u32)> = dataset
        .relations
        .iter()
        .zip(0..)
        .map(|(relation, position)| {
            let mut hasher = FxHasher::default();
            key(relation).hash(&mut hasher);
            // The high bits: FxHasher mixes them best.
            ((hasher.finish() >> 32) as u32, position)
        })
        .collect();
    keyed.sort_unstable();
    let mut ordinals = FxHashMap::default();
    // Within a group of one hash, positions are in data order: an ordinal counts the earlier
    // relations of the same key.
    for group in keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        for (index, &(_, position)) in group.iter().enumerate() {
            let relation = &dataset.relations[position as usize];
            let earlier = group[..index]
                .iter()
                .filter(|&&(_, p)| key(&dataset.relations[p as usize]) == key(relation))
                .count();
            if earlier > 0 {
                ordinals.insert(std::ptr::from_ref(relation), earlier);
            }
        }
    }
    ordinals
}

#[cfg(test)]
mod tests {
    use super::{entity_schema, ftm_country, ftm_id, tie_schema, UNKNOWN_LINK};

    #[test]
    fn country_codes_are_written_as_ftm_keeps_them() {
        assert_eq!(ftm_country("VN").as_deref(), Some("vn"));
        assert_eq!(ftm_country("SU").as_deref(), Some("suhh"));
        assert_eq!(ftm_country("XK").as_deref(), Some("xk"));
        for code in ["AA", "QM", "XA"] {
            assert_eq!(ftm_country(code), None);
        }
    }

    #[test]
    fn ids_take_only_what_ftm_allows() {
        assert_eq!(ftm_id("Kaysone_Phomvihane"), "vnla-Kaysone-Phomvihane");
        assert_eq!(ftm_id("Odd_"), "vnla-Odd-.x");
    }

    #[test]
    fn every_tie_schema_accepts_some_kind_at_each_end() {
        let kinds = [
            "person",
            "party",
            "agency",
            "bank",
            "agreement",
            "project",
            "port",
            "place",
        ];
        for relation_type in ["member_of", "leads", "funded", "invested_in", "succeeded"] {
            let tie = tie_schema(relation_type);
            for (_, range) in [tie.from, tie.to] {
                assert!(
                    kinds.iter().any(|k| entity_schema(k).is_a.contains(&range)),
                    "{relation_type}: no kind is a {range}"
                );
            }
        }
        assert_eq!(tie_schema("borders").name, UNKNOWN_LINK.name);
    }
}
