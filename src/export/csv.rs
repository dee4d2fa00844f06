//! CSV for graph databases: `entities.csv` and `relations.csv` with neo4j-admin import
//! headers (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed properties such as
//! `amount:double`, arrays such as `aliases:string[]` joined with `;`), quoted as RFC 4180
//! says by the csv crate, so quotes with commas, quotes and line breaks come back whole.
//!
//! The columns are the attribute table's ([`attributes`]), in its order; they are a
//! contract, documented in the README ("CSV"), for the Spark job among other readers.
//! Evidence is written as one numbered text (`evidence`) with its source ids
//! (`sources:string[]`), not as an array of quotes: a quote may contain `;`, and a
//! neo4j-admin array has no way to escape its delimiter.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::export::attributes::{
    self, flat_keys, flat_values, Key, ValueType, EDGE_KEYS, LIST_DELIMITER, NODE_KEYS,
};
use crate::model::{Entity, Relation, Schema};

/// The file names in the folder, as neo4j-admin, LadybugDB and Spark are pointed at them.
pub(crate) const ENTITIES_FILE: &str = "entities.csv";
pub(crate) const RELATIONS_FILE: &str = "relations.csv";

/// The label every entity has beside its kind's, so a query can match all of them.
pub(crate) const ENTITY_LABEL: &str = "Entity";

/// `entities.csv`: one row per entity.
pub(crate) fn write_entities(
    out: &mut dyn Write,
    schema: &Schema,
    entities: &[&Entity],
) -> io::Result<()> {
    let keys = flat_keys(&NODE_KEYS);
    let mut header = vec!["id:ID".to_string(), ":LABEL".to_string()];
    header.extend(keys.iter().map(column));
    write_rows(
        out,
        &header,
        attributes::nodes(schema, entities),
        |csv, node| {
            csv.write_field(node.id())?;
            csv.write_field(format!(
                "{ENTITY_LABEL}{LIST_DELIMITER}{}",
                node.record.kind
            ))?;
            write_fields(csv, &flat_values(&NODE_KEYS, &node.values()))
        },
    )
}

/// `relations.csv`: one row per relation; its own id goes after its type, where
/// neo4j-admin and LadybugDB read the first property.
pub(crate) fn write_relations(
    out: &mut dyn Write,
    schema: &Schema,
    relations: &[&Relation],
) -> io::Result<()> {
    let keys = flat_keys(&EDGE_KEYS);
    let (type_key, other_keys) = keys.split_at(1);
    let mut header = vec![":START_ID".to_string(), ":END_ID".to_string()];
    header.extend(type_key.iter().map(column));
    header.push("id".to_string());
    header.extend(other_keys.iter().map(column));
    write_rows(
        out,
        &header,
        attributes::edges(schema, relations),
        |csv, edge| {
            csv.write_field(edge.record.from)?;
            csv.write_field(edge.record.to)?;
            let values = flat_values(&EDGE_KEYS, &edge.values());
            let (type_value, other_values) = values.split_at(1);
            write_fields(csv, type_value)?;
            csv.write_field(&edge.id)?;
            write_fields(csv, other_values)
        },
    )
}

type Csv<'w> = csv::Writer<&'w mut dyn Write>;

/// A header, then one row per item, each written field by field by `row`.
fn write_rows<T>(
    out: &mut dyn Write,
    header: &[String],
    items: impl Iterator<Item = T>,
    mut row: impl FnMut(&mut Csv<'_>, &T) -> io::Result<()>,
) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(header)?;
    for item in items {
        row(&mut csv, &item)?;
        csv.write_record(None::<&[u8]>)?;
    }
    csv.flush()
}

/// A key's column header: its name with neo4j-admin's type suffix; the relation type is
/// the relationship's `:TYPE`.
fn column(key: &Key) -> String {
    let name = key.name;
    match key.value_type {
        _ if name == "type" => ":TYPE".into(),
        ValueType::String | ValueType::Evidence => name.into(),
        ValueType::Double => format!("{name}:double"),
        ValueType::Boolean => format!("{name}:boolean"),
        ValueType::Strings => format!("{name}:string[]"),
    }
}

/// One field per value; an absent value is an empty field, which neo4j-admin leaves out.
fn write_fields(csv: &mut Csv<'_>, values: &[Option<Cow<'_, str>>]) -> io::Result<()> {
    for value in values {
        csv.write_field(value.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{write_entities, write_relations};
    use crate::model::Schema;

    fn header(write: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut bytes = Vec::new();
        write(&mut bytes);
        String::from_utf8(bytes)
            .expect("UTF-8")
            .trim_end()
            .to_string()
    }

    #[test]
    fn the_headers_are_the_documented_contract() {
        let schema = Schema::default();
        let entities = header(|out| write_entities(out, &schema, &[]).expect("in memory"));
        let relations = header(|out| write_relations(out, &schema, &[]).expect("in memory"));
        assert_eq!(
            entities,
            "id:ID,:LABEL,name,kind,country,aliases:string[],description,through:double"
        );
        assert_eq!(
            relations,
            ":START_ID,:END_ID,:TYPE,id,time,stance,date,end,seen,role,claimed_by,\
             amount:double,currency,place,note,evidence,sources:string[],weight:double,\
             claim_penalty:double,symmetric:boolean,direct:boolean"
        );
    }
}
