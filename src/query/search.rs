//! `search`: entities whose id, name, alias or description contains a text, compared folded
//! (case, diacritics and punctuation ignored).

use crate::model::{Dataset, Entity};
use crate::names::fold;

/// Which field of an entity matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matched {
    Id,
    Name,
    Alias,
    Description,
}

impl Matched {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Matched::Id => "id",
            Matched::Name => "name",
            Matched::Alias => "alias",
            Matched::Description => "description",
        }
    }
}

/// The entities matching `text`, in dataset order, each with the first field that matched.
pub(crate) fn search<'d>(dataset: &'d Dataset, text: &str) -> Vec<(&'d Entity, Matched)> {
    let wanted = fold(text);
    let contains = |field: &str| !wanted.is_empty() && fold(field).contains(&wanted);
    dataset
        .entities
        .iter()
        .filter_map(|entity| {
            let matched = if contains(entity.id.value.as_str()) {
                Matched::Id
            } else if contains(&entity.name.value) {
                Matched::Name
            } else if entity.aliases.iter().any(|alias| contains(&alias.value)) {
                Matched::Alias
            } else if entity.description.as_deref().is_some_and(contains) {
                Matched::Description
            } else {
                return None;
            };
            Some((entity, matched))
        })
        .collect()
}
