//! GEXF 1.3 for Gephi (whose timeline plays the history) and networkx: a dynamic graph
//! (`mode="dynamic"`, `timeformat="date"`) in which each dated relation is an edge with
//! `start` and `end` days from the time rules ([`Extent`]): an event from the first to the
//! last day of its date (one day when the date has one), or from `date` to `end`; a state
//! from its start to its `end`, with no `end` while it still holds. Undated relations have
//! neither and are always present; the relation's own `end`, as the data gives it, is the
//! attribute `end_date`. Every attribute of the attribute table is declared,
//! with its type (networkx refuses undeclared ones); nodes and edges get their kind's and
//! type's colour from the schema, as `<color>` in the GEXF namespace, where the 1.3 XSD
//! declares it (Gephi reads it by its local name; the `viz:` namespace of older versions
//! does not validate).

use std::borrow::Cow;
use std::io::{self, Write};

use crate::export::attributes::{self, flat_keys, flat_values, Key, EDGE_KEYS, NODE_KEYS};
use crate::export::xml::{self, attribute, Xml};
use crate::model::{Dataset, Entity, Extent, Relation};

const NAMESPACE: &str = "http://gexf.net/1.3";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// The selected entities and relations as one GEXF document.
pub(crate) fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
) -> io::Result<()> {
    let description = format!("Vietnam–Laos relations ({})", dataset.origin);
    let root = [
        ("xmlns", NAMESPACE),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
        ("version", "1.3"),
    ];
    xml::document(out, "gexf", &root, |xml| {
        xml.create_element("meta").write_inner_content(|xml| {
            xml.create_element("creator")
                .write_text_content(xml::text("vnla-graph"))?;
            xml.create_element("description")
                .write_text_content(xml::text(&description))?;
            Ok(())
        })?;
        xml.create_element("graph")
            .with_attributes([
                ("mode", "dynamic"),
                ("defaultedgetype", "directed"),
                ("timeformat", "date"),
            ])
            .write_inner_content(|xml| {
                let (node_keys, edge_keys) = (flat_keys(&NODE_KEYS), flat_keys(&EDGE_KEYS));
                declare(xml, "node", &node_keys)?;
                declare(xml, "edge", &edge_keys)?;
                let schema = &dataset.schema;
                counted(xml, "nodes", entities.len(), |xml| {
                    for node in attributes::nodes(schema, entities) {
                        xml.create_element("node")
                            .with_attribute(attribute("id", node.id()))
                            .with_attribute(attribute("label", node.record.name))
                            .write_inner_content(|xml| {
                                let values = flat_values(&NODE_KEYS, &node.values());
                                let color = node.kind.map(|kind| kind.color.as_str());
                                content(xml, &node_keys, &values, color)
                            })?;
                    }
                    Ok(())
                })?;
                counted(xml, "edges", relations.len(), |xml| {
                    for edge in attributes::edges(schema, relations) {
                        let time = schema.time_kind(&edge.relation.relation_type);
                        let extent = Extent::of(edge.relation, time);
                        let start = extent.map(|extent| day(extent.start()));
                        let end = extent.and_then(|extent| extent.stop).map(day);
                        let mut element = xml
                            .create_element("edge")
                            .with_attribute(attribute("id", &edge.id))
                            .with_attribute(attribute("source", edge.record.from))
                            .with_attribute(attribute("target", edge.record.to))
                            .with_attribute(attribute("label", edge.record.relation_type));
                        if let Some(start) = &start {
                            element = element.with_attribute(("start", start.as_str()));
                        }
                        if let Some(end) = &end {
                            element = element.with_attribute(("end", end.as_str()));
                        }
                        element.write_inner_content(|xml| {
                            let values = flat_values(&EDGE_KEYS, &edge.values());
                            let color = edge.def.map(|def| def.color.as_str());
                            content(xml, &edge_keys, &values, color)
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// `<nodes>` or `<edges>` with their `count`, holding what `items` writes.
fn counted(
    xml: &mut Xml<'_>,
    element: &str,
    count: usize,
    items: impl FnOnce(&mut Xml<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let count = count.to_string();
    xml.create_element(element)
        .with_attribute(("count", count.as_str()))
        .write_inner_content(items)?;
    Ok(())
}

/// The `<attributes>` of one class, every key with its GEXF type.
fn declare(xml: &mut Xml<'_>, class: &str, keys: &[Key]) -> io::Result<()> {
    xml.create_element("attributes")
        .with_attributes([("class", class), ("mode", "static")])
        .write_inner_content(|xml| {
            for key in keys {
                xml.create_element("attribute")
                    .with_attributes([
                        ("id", name(key)),
                        ("title", name(key)),
                        ("type", xml::type_name(key)),
                    ])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A key's name in GEXF: a relation's `end` is `end_date`, as `start` and `end` are GEXF's
/// own time of an edge (networkx reads both into one key, and the edge's day would win).
fn name(key: &Key) -> &'static str {
    match key.name {
        "end" => "end_date",
        name => name,
    }
}

/// What a node or edge holds: its attribute values, then its schema colour.
fn content(
    xml: &mut Xml<'_>,
    keys: &[Key],
    values: &[Option<Cow<'_, str>>],
    color: Option<&str>,
) -> io::Result<()> {
    xml.create_element("attvalues").write_inner_content(|xml| {
        for (key, value) in keys.iter().zip(values) {
            if let Some(value) = value {
                xml.create_element("attvalue")
                    .with_attribute(("for", name(key)))
                    .with_attribute(attribute("value", value))
                    .write_empty()?;
            }
        }
        Ok(())
    })?;
    if let Some([r, g, b]) = color.and_then(rgb) {
        let [r, g, b] = [r, g, b].map(|channel| channel.to_string());
        xml.create_element("color")
            .with_attributes([("r", r.as_str()), ("g", g.as_str()), ("b", b.as_str())])
            .write_empty()?;
    }
    Ok(())
}

/// `#rrggbb` (the only colours validation lets into the schema) as channels.
fn rgb(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#').filter(|hex| hex.len() == 6)?;
    let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// A day as GEXF's `date` time format writes it.
fn day((year, month, day): (u16, u8, u8)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::{day, rgb};

    #[test]
    fn schema_colours_become_channels() {
        assert_eq!(rgb("#1f77b4"), Some([0x1f, 0x77, 0xb4]));
        assert_eq!(rgb("red"), None);
        assert_eq!(rgb("#12345"), None);
    }

    #[test]
    fn days_are_iso_dates() {
        assert_eq!(day((977, 7, 1)), "0977-07-01");
    }
}
