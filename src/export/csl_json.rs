//! The sources as CSL-JSON, the citation format of Zotero, Mendeley, pandoc and citeproc: a
//! list of items, each keyed by its source id.

use serde::Serialize;

use crate::export::json::to_json;
use crate::model::{Date, Source};

#[derive(Serialize)]
struct Item<'d> {
    id: &'d str,
    #[serde(rename = "type")]
    item_type: &'static str,
    title: &'d str,
    publisher: &'d str,
    issued: Issued,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'d str>,
    note: String,
}

/// A date as CSL writes it: its parts as precise as known, or the text as given.
#[derive(Serialize)]
#[serde(untagged)]
enum Issued {
    Parts {
        #[serde(rename = "date-parts")]
        date_parts: [Vec<u16>; 1],
    },
    Literal {
        literal: String,
    },
}

/// Every source as a CSL-JSON item, in `sources.yaml` order.
pub(crate) fn export<'d>(sources: impl Iterator<Item = (&'d Source, usize)>) -> String {
    let items: Vec<Item<'d>> = sources
        .map(|(source, quotes)| Item {
            id: source.id.value.as_str(),
            item_type: "article",
            title: &source.title,
            publisher: &source.publisher,
            issued: match Date::parse(&source.date) {
                Ok(date) => Issued::Parts {
                    date_parts: [std::iter::once(date.year)
                        .chain(date.month.map(u16::from))
                        .chain(date.day.map(u16::from))
                        .collect()],
                },
                Err(_) => Issued::Literal {
                    literal: source.date.clone(),
                },
            },
            url: source.url.as_deref(),
            note: format!(
                "text file {}; cited by {quotes} quote(s) in the vnla-graph dataset",
                source.file.value
            ),
        })
        .collect();
    to_json(&items)
}
