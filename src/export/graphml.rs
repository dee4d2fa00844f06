//! GraphML for networkx, igraph, Gephi and yEd: every attribute of the attribute table
//! ([`attributes`]) declared once as a `<key>` with its `attr.type`, and given per node and
//! edge as `<data>`; evidence as one numbered text (`evidence`) with its source ids
//! (`sources`). Written with quick-xml, streamed; relations are directed edges (a symmetric
//! type says so in `symmetric`), several between two entities kept apart by their ids.

use std::io::{self, Write};

use crate::export::attributes::{self, flat_keys, flat_values, Key, EDGE_KEYS, NODE_KEYS};
use crate::export::xml::{self, attribute, Xml};
use crate::model::{Entity, Relation, Schema};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// The selected entities and relations as one GraphML document.
pub(crate) fn write(
    out: &mut dyn Write,
    schema: &Schema,
    entities: &[&Entity],
    relations: &[&Relation],
) -> io::Result<()> {
    let (node_keys, edge_keys) = (flat_keys(&NODE_KEYS), flat_keys(&EDGE_KEYS));
    let root = [
        ("xmlns", NAMESPACE),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
    ];
    xml::document(out, "graphml", &root, |xml| {
        for (domain, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
            for key in keys {
                xml.create_element("key")
                    .with_attributes([
                        ("id", key.name),
                        ("for", domain),
                        ("attr.name", key.name),
                        ("attr.type", xml::type_name(key)),
                    ])
                    .write_empty()?;
            }
        }
        xml.create_element("graph")
            .with_attributes([("id", "vnla-graph"), ("edgedefault", "directed")])
            .write_inner_content(|xml| {
                for node in attributes::nodes(schema, entities) {
                    xml.create_element("node")
                        .with_attribute(attribute("id", node.id()))
                        .write_inner_content(|xml| {
                            data(xml, &node_keys, &flat_values(&NODE_KEYS, &node.values()))
                        })?;
                }
                for edge in attributes::edges(schema, relations) {
                    xml.create_element("edge")
                        .with_attribute(attribute("id", &edge.id))
                        .with_attribute(attribute("source", edge.record.from))
                        .with_attribute(attribute("target", edge.record.to))
                        .write_inner_content(|xml| {
                            data(xml, &edge_keys, &flat_values(&EDGE_KEYS, &edge.values()))
                        })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// One `<data>` per value present.
fn data(
    xml: &mut Xml<'_>,
    keys: &[Key],
    values: &[Option<std::borrow::Cow<'_, str>>],
) -> io::Result<()> {
    for (key, value) in keys.iter().zip(values) {
        if let Some(value) = value {
            xml.create_element("data")
                .with_attribute(("key", key.name))
                .write_text_content(xml::text(value))?;
        }
    }
    Ok(())
}
