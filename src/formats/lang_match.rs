//! Language tags as bilingual files write them, matched the BCP 47 way: case never matters
//! (`sv-SE` = `SV-se`), a tag matches its own variants (`sv` = `sv-SE`), and the common
//! mistake `sv_SE` is read as `sv-SE` with a warning rather than refused.
//!
//! Kept inside `formats` on purpose: the project model validates tags on its own; this only
//! decides which parts of a file belong to which language.

/// A tag with `_` read as `-` and in BCP 47's canonical case (`sv-SE`, `zh-Hant-TW`, as
/// OmegaT's `SV` or `EN-GB` are not), and whether the `_` repair was needed.
pub(crate) fn normalise(tag: &str) -> (String, bool) {
    let tag = tag.trim();
    let canonical: Vec<String> = tag
        .split(['-', '_'])
        .enumerate()
        .map(|(i, subtag)| match subtag.len() {
            _ if i == 0 => subtag.to_ascii_lowercase(),
            2 => subtag.to_ascii_uppercase(),
            4 if subtag.chars().all(|c| c.is_ascii_alphabetic()) => {
                let lower = subtag.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => subtag.to_ascii_lowercase(),
        })
        .collect();
    (canonical.join("-"), tag.contains('_'))
}

/// Whether two tags name the same language: equal ignoring case and `_`/`-`, or one is the
/// other plus more subtags (`sv` matches `sv-SE`; `sv-SE` does not match `sv-FI`).
pub(crate) fn matches(a: &str, b: &str) -> bool {
    let subtags = |t: &str| -> Vec<String> {
        t.trim()
            .split(['-', '_'])
            .map(|s| s.to_ascii_lowercase())
            .collect()
    };
    let (a, b) = (subtags(a), subtags(b));
    if a.first().is_none_or(|s| s.is_empty()) || b.first().is_none_or(|s| s.is_empty()) {
        return false;
    }
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

/// The primary language subtag in lower case (`sv` for `SV-se`): what counts as "one
/// language" when a file's languages are listed.
pub(crate) fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_region_and_underscore_variants_match() {
        assert!(matches("sv", "sv-SE"));
        assert!(matches("sv-SE", "SV-se"));
        assert!(matches("SV", "sv_SE"));
        assert!(matches("en-GB", "en"));
        assert!(!matches("sv-SE", "sv-FI"));
        assert!(!matches("sv", "en"));
        assert!(!matches("", "sv"));
        assert!(!matches("se", "sv-SE"), "Northern Sami is not Swedish");
    }

    #[test]
    fn underscores_are_repaired_and_reported() {
        assert_eq!(normalise("sv_SE"), ("sv-SE".to_string(), true));
        assert_eq!(normalise(" en "), ("en".to_string(), false));
        assert_eq!(normalise("EN-gb"), ("en-GB".to_string(), false));
        assert_eq!(normalise("zh-hant-tw"), ("zh-Hant-TW".to_string(), false));
        assert_eq!(primary("SV-se"), "sv");
    }
}
