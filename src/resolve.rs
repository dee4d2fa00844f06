//! Turning what a user types into one entity: `Kaysone`, `pham minh chinh`, `LPRP`.
//!
//! Tried in order, first hit wins: the exact id; then ids, names and aliases compared
//! folded (case, diacritics, punctuation and `_` vs space ignored); then the same with spaces
//! ignored too (`Viet Nam` finds Vietnam) or as an acronym of a name (`CPV` finds the
//! Communist Party of Vietnam, `MOIT` the Ministry of Industry and Trade); then a unique
//! word-prefix match (`Kaysone` finds `Kaysone_Phomvihane`, `Thong` finds `Thongloun
//! Sisoulith`). Several hits at one step is ambiguous; none at all gets the closest names as
//! suggestions.

use crate::error::{Candidate, NameError};
use crate::model::Entity;
use crate::names::{fold, suggestions};

/// Every spelling an entity answers to: id, display name, aliases.
fn spellings(entity: &Entity) -> impl Iterator<Item = &str> {
    [entity.id.value.as_str(), entity.name.value.as_str()]
        .into_iter()
        .chain(entity.aliases.iter().map(|alias| alias.value.as_str()))
}

/// An entity's spellings folded, as [`resolve`] compares them: the explorer carries these so
/// that its search follows the same rules without folding names itself.
pub(crate) fn folded_spellings(entity: &Entity) -> Vec<String> {
    let mut folded: Vec<String> = spellings(entity).map(fold).collect();
    folded.dedup();
    folded
}

/// Words an acronym usually leaves out: `Bank for Investment and Development of Vietnam` is
/// BIDV.
const MINOR_WORDS: &[&str] = &["of", "the", "and", "for", "in", "on", "to", "a", "an", "de"];

/// The acronyms a name of several words may go by, folded: the initials of its words
/// (`lprp`), of its words but the minor ones (`cpv`, `bidv`), and of its words but `and` and
/// `the` (`moit`, the Ministry of Industry and Trade).
pub(crate) fn acronyms(name: &str) -> impl Iterator<Item = String> {
    let folded = fold(name);
    let words: Vec<String> = folded.split(' ').map(str::to_string).collect();
    let initials = move |keep: &dyn Fn(&str) -> bool| -> String {
        words
            .iter()
            .filter(|word| keep(word))
            .filter_map(|word| word.chars().next())
            .collect()
    };
    let all = initials(&|_| true);
    let major = initials(&|word| !MINOR_WORDS.contains(&word));
    let without_and = initials(&|word| !matches!(word, "and" | "the"));
    [all, major, without_and]
        .into_iter()
        .filter(|acronym| acronym.len() >= 2)
}

/// True when the query's words are consecutive words of `text`, the last one possibly cut
/// short.
fn word_prefix(query: &[&str], text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let Some((last, whole)) = query.split_last() else {
        return false;
    };
    words
        .windows(query.len())
        .any(|window| window[..whole.len()] == *whole && window[whole.len()].starts_with(last))
}

/// Finds the one entity `query` names. `entities` is in dataset order, which makes the order
/// of candidates and suggestions stable.
pub(crate) fn resolve<'d>(entities: &'d [Entity], query: &str) -> Result<&'d Entity, NameError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(NameError::Empty);
    }
    if let Some(entity) = entities.iter().find(|e| e.id.value.as_str() == query) {
        return Ok(entity);
    }
    let folded = fold(query);
    if folded.is_empty() {
        return Err(NameError::Unknown {
            query: query.into(),
            suggestions: Vec::new(),
        });
    }
    let compact = folded.replace(' ', "");
    let query_words: Vec<&str> = folded.split(' ').collect();
    let steps: [&dyn Fn(&Entity) -> bool; 3] = [
        &|e| spellings(e).any(|s| fold(s) == folded),
        &|e| {
            spellings(e).any(|s| fold(s).replace(' ', "") == compact)
                || acronyms(&e.name.value).any(|acronym| acronym == compact)
        },
        &|e| spellings(e).any(|s| word_prefix(&query_words, &fold(s))),
    ];
    let hits: Vec<&Entity> = steps
        .iter()
        .map(|matches| entities.iter().filter(|e| matches(e)).collect::<Vec<_>>())
        .find(|hits| !hits.is_empty())
        .unwrap_or_default();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(NameError::Unknown {
            query: query.into(),
            suggestions: suggestions(query, entities.iter().map(|e| e.id.value.as_str())),
        }),
        many => Err(NameError::Ambiguous {
            query: query.into(),
            candidates: many
                .iter()
                .map(|e| Candidate {
                    id: e.id.value.clone(),
                    name: e.name.value.clone(),
                    kind: e.kind.value.clone(),
                })
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use crate::error::NameError;
    use crate::model::{Entity, EntityId, KindId, Spanned};
    use crate::source::{SourceMap, Span};
    use std::path::Path;

    fn entities() -> Vec<Entity> {
        let mut map = SourceMap::default();
        let span = Span::new(map.add(Path::new("e.yaml"), String::new()), 0..0);
        let at = |value: &str| Spanned {
            value: compact_str::CompactString::from(value),
            span,
        };
        let entity = |id: &str, name: &str, kind: &str, aliases: &[&str]| Entity {
            id: Spanned {
                value: EntityId::from(id),
                span,
            },
            name: at(name),
            kind: Spanned {
                value: KindId::from(kind),
                span,
            },
            country: None,
            aliases: aliases.iter().map(|a| at(a)).collect(),
            description: None,
        };
        vec![
            entity("Kaysone_Phomvihane", "Kaysone Phomvihane", "person", &[]),
            entity("Pham_Minh_Chinh", "Phạm Minh Chính", "person", &[]),
            entity(
                "Lao_Peoples_Revolutionary_Party",
                "Lao People's Revolutionary Party",
                "party",
                &["LPRP"],
            ),
            entity("Laos", "Laos", "country", &["Lao PDR"]),
            entity("Vietnam", "Vietnam", "country", &[]),
            entity(
                "Communist_Party_of_Vietnam",
                "Communist Party of Vietnam",
                "party",
                &[],
            ),
            entity(
                "Vietnam_Ministry_of_Industry_and_Trade",
                "Ministry of Industry and Trade",
                "agency",
                &[],
            ),
            entity(
                "Lao_National_Assembly",
                "Lao National Assembly",
                "agency",
                &[],
            ),
        ]
    }

    fn id(query: &str) -> String {
        resolve(&entities(), query)
            .map(|e| e.id.value.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn each_step_resolves() {
        assert_eq!(id("Laos"), "Laos");
        assert_eq!(id("pham minh chinh"), "Pham_Minh_Chinh");
        assert_eq!(id("lprp"), "Lao_Peoples_Revolutionary_Party");
        assert_eq!(id("Lao PDR"), "Laos");
        assert_eq!(id("Kaysone"), "Kaysone_Phomvihane");
        assert_eq!(id("Phomvi"), "Kaysone_Phomvihane");
        assert_eq!(id("Lao Peoples Rev"), "Lao_Peoples_Revolutionary_Party");
        assert_eq!(id("Viet Nam"), "Vietnam");
        assert_eq!(id("CPV"), "Communist_Party_of_Vietnam");
        assert_eq!(id("moit"), "Vietnam_Ministry_of_Industry_and_Trade");
    }

    #[test]
    fn an_acronym_shared_with_a_spelling_is_ambiguous_and_lists_both() {
        let mut entities = entities();
        let span = entities[0].id.span;
        entities.push(Entity {
            id: Spanned {
                value: EntityId::from("Committee_Party_Vietnam"),
                span,
            },
            name: Spanned {
                value: "Committee Party Vietnam".into(),
                span,
            },
            kind: Spanned {
                value: KindId::from("agency"),
                span,
            },
            country: None,
            aliases: Vec::new(),
            description: None,
        });
        let Err(NameError::Ambiguous { candidates, .. }) = resolve(&entities, "CPV") else {
            panic!("expected ambiguity");
        };
        let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["Communist_Party_of_Vietnam", "Committee_Party_Vietnam"]
        );
    }

    #[test]
    fn ambiguous_lists_every_candidate() {
        let Err(NameError::Ambiguous { candidates, .. }) = resolve(&entities(), "Lao") else {
            panic!("expected ambiguity");
        };
        let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Lao_Peoples_Revolutionary_Party",
                "Laos",
                "Lao_National_Assembly"
            ]
        );
    }

    #[test]
    fn unknown_suggests_close_ids_and_empty_is_refused() {
        let Err(NameError::Unknown { suggestions, .. }) =
            resolve(&entities(), "Kaysome_Phomvihane")
        else {
            panic!("expected unknown");
        };
        assert_eq!(suggestions, ["Kaysone_Phomvihane"]);
        assert!(matches!(resolve(&entities(), "   "), Err(NameError::Empty)));
        assert!(matches!(
            resolve(&entities(), "Zzyzx"),
            Err(NameError::Unknown { .. })
        ));
    }
}
