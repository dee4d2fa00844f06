//! What GraphML and GEXF share: a quick-xml writer streaming into the output, and text made
//! safe for XML by quick-xml's escaping, plus character references for the line breaks and
//! tabs an XML parser would otherwise change (in an attribute every one becomes a space; a
//! carriage return becomes a line feed anywhere).

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::export::attributes::{Key, ValueType};

pub(crate) type Xml<'w> = quick_xml::Writer<&'w mut dyn Write>;

/// A whole document into `out`, indented: the XML declaration, then the element `root`
/// with `attributes` (the XML Schema instance namespace among them) and what `content`
/// writes inside it.
pub(crate) fn document(
    out: &mut dyn Write,
    root: &str,
    attributes: &[(&str, &str)],
    content: impl FnOnce(&mut Xml<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut xml = quick_xml::Writer::new_with_indent(out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element(root)
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attributes(attributes.iter().copied())
        .write_inner_content(content)?;
    xml.get_mut().write_all(b"\n")
}

/// A key's type as GraphML's `attr.type` and GEXF's `type` both name it; lists are text
/// (joined with `;`).
pub(crate) fn type_name(key: &Key) -> &'static str {
    match key.value_type {
        ValueType::Double => "double",
        ValueType::Boolean => "boolean",
        ValueType::String | ValueType::Strings | ValueType::Evidence => "string",
    }
}

/// Element text that reads back as `text`.
pub(crate) fn text(text: &str) -> BytesText<'_> {
    BytesText::from_escaped(references(quick_xml::escape::escape(text), &['\r']))
}

/// An attribute whose value reads back as `value`, line breaks and tabs included.
pub(crate) fn attribute<'a>(name: &'a str, value: &'a str) -> Attribute<'a> {
    let escaped = references(quick_xml::escape::escape(value), &['\n', '\r', '\t']);
    Attribute {
        key: quick_xml::name::QName(name.as_bytes()),
        value: match escaped {
            Cow::Borrowed(value) => Cow::Borrowed(value.as_bytes()),
            Cow::Owned(value) => Cow::Owned(value.into_bytes()),
        },
    }
}

/// `escaped` with each of `characters` written as a character reference (`&#10;`).
fn references<'a>(escaped: Cow<'a, str>, characters: &[char]) -> Cow<'a, str> {
    if !escaped.contains(characters) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        if characters.contains(&c) {
            out.push_str(&format!("&#{};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{attribute, text};

    #[test]
    fn attributes_keep_line_breaks_as_references() {
        let value = attribute("v", "a\"<&>\nb\tc\r");
        assert_eq!(&*value.value, b"a&quot;&lt;&amp;&gt;&#10;b&#9;c&#13;");
    }

    #[test]
    fn text_keeps_line_feeds_and_refers_to_carriage_returns() {
        assert_eq!(&*text("<a>\nb\r").into_inner(), b"&lt;a&gt;\nb&#13;");
    }
}
