//! How names compare: folding away case, diacritics and punctuation, and finding the names
//! closest to a misspelt one. Shared by the loader (field-name typos), validation (ids,
//! kinds, types) and the command line (entity names); it knows nothing of entities.

/// Lowercase ASCII words: `Lao People's Revolutionary Party` and
/// `Lao_Peoples_Revolutionary_Party` both fold to `lao peoples revolutionary party`.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into `folded`, replacing what it held: validation folds a million quotes, each
/// into the same buffer.
pub(crate) fn fold_into(text: &str, folded: &mut String) {
    // Borrowed when the text is plain ASCII already, as most names and aliases are: validation
    // folds every alias of every entity.
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    folded.clear();
    folded.reserve(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        } else if matches!(c, ' ' | '_' | '-' | '.' | ',' | '/' | '(' | ')')
            && !folded.ends_with(' ')
            && !folded.is_empty()
        {
            folded.push(' ');
        }
        // Apostrophes and other marks vanish, so `People's` matches `Peoples`.
    }
    folded.truncate(folded.trim_end().len());
}

/// The three names closest to `wanted`, for "did you mean" hints.
pub(crate) fn suggestions<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    closest(wanted, names, 3)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Up to `limit` names close to `wanted` (by Jaro-Winkler on folded text), best first; none
/// when nothing is close enough to be a plausible typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    names: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let wanted = fold(wanted);
    let mut scored: Vec<(f64, &str)> = names
        .map(|name| (strsim::jaro_winkler(&wanted, &fold(name)), name))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(limit)
        .map(|(_, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{closest, fold};

    #[test]
    fn folding_ignores_case_diacritics_punctuation_and_underscores() {
        assert_eq!(fold("Phạm Minh Chính"), "pham minh chinh");
        assert_eq!(
            fold("Lao People's Revolutionary Party"),
            fold("Lao_Peoples_Revolutionary_Party")
        );
        assert_eq!(fold("  Lao   PDR "), "lao pdr");
    }

    #[test]
    fn closest_drops_implausible_names() {
        assert_eq!(
            closest("form", ["from", "type", "to"].into_iter(), 1),
            ["from"]
        );
        assert!(closest("qqqq", ["from", "type"].into_iter(), 3).is_empty());
    }
}
