//! `search`: entities whose id, name, alias or description contains a text, compared folded
//! (case, diacritics and punctuation ignored), best matches first; and, with `--quotes`, the
//! relations whose quotes or notes contain it.

use petgraph::graph::EdgeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, Entity, Relation};
use crate::names::fold;

/// Which field of an entity matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// How well a field matches, best first: `port` is the whole of `Port`, a whole word of
/// `Da Nang Port`, begins a word of `Portugal`, and lies inside `transport`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    Whole,
    Word,
    WordStart,
    Inside,
}

/// How `wanted` (folded) fits in `field` (folded), if at all.
fn fit(field: &str, wanted: &str) -> Option<Fit> {
    if field == wanted {
        return Some(Fit::Whole);
    }
    let mut best = None;
    for (at, _) in field.match_indices(wanted) {
        let starts = at == 0 || field.as_bytes()[at - 1] == b' ';
        let end = at + wanted.len();
        let ends = end == field.len() || field.as_bytes()[end] == b' ';
        let fit = match (starts, ends) {
            (true, true) => Fit::Word,
            (true, false) => Fit::WordStart,
            _ => Fit::Inside,
        };
        best = Some(best.map_or(fit, |b: Fit| b.min(fit)));
    }
    best
}

/// The entities matching `text`, best fit first (then in dataset order), each with the field
/// that fits best.
pub(crate) fn search<'d>(dataset: &'d Dataset, text: &str) -> Vec<(&'d Entity, Matched)> {
    let wanted = fold(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(Fit, usize, &Entity, Matched)> = dataset
        .entities
        .iter()
        .enumerate()
        .filter_map(|(position, entity)| {
            let fields = [
                (Matched::Id, entity.id.value.as_str()),
                (Matched::Name, &entity.name.value),
            ]
            .into_iter()
            .chain(
                entity
                    .aliases
                    .iter()
                    .map(|a| (Matched::Alias, a.value.as_str())),
            )
            .chain(
                entity
                    .description
                    .as_deref()
                    .map(|d| (Matched::Description, d)),
            );
            fields
                .filter_map(|(matched, field)| Some((fit(&fold(field), &wanted)?, matched)))
                .min()
                .map(|(fit, matched)| (fit, position, entity, matched))
        })
        .collect();
    hits.sort_by_key(|&(fit, position, ..)| (fit, position));
    hits.into_iter()
        .map(|(_, _, entity, matched)| (entity, matched))
        .collect()
}

/// The relations whose quotes or note contain `text` (folded), in dataset order.
pub(crate) fn search_quotes(graph: &KnowledgeGraph<'_>, text: &str) -> Vec<EdgeIndex> {
    let wanted = fold(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mentions = |relation: &Relation| {
        relation
            .evidence
            .iter()
            .map(|evidence| &*evidence.quote)
            .chain(relation.details().note.as_deref())
            .any(|field| fold(field).contains(&wanted))
    };
    graph
        .graph
        .edge_indices()
        .filter(|edge| mentions(graph.graph[*edge]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{fit, Fit};

    #[test]
    fn whole_words_fit_better_than_parts_of_words() {
        assert_eq!(fit("port", "port"), Some(Fit::Whole));
        assert_eq!(fit("da nang port", "port"), Some(Fit::Word));
        assert_eq!(fit("portugal", "port"), Some(Fit::WordStart));
        assert_eq!(fit("transport", "port"), Some(Fit::Inside));
        assert_eq!(fit("transport and port", "port"), Some(Fit::Word));
        assert_eq!(fit("bank", "port"), None);
    }
}
