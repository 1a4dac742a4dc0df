//! Language tags (BCP 47, RFC 5646): the one place that says whether a tag is well-formed.
//!
//! A project's languages end up in XML attributes, file names (Moses exports) and other tools'
//! settings, so a tag that is not a tag (`/../x`, a control character) is refused wherever it
//! comes in: the command line, imported files and project files. The check is syntactic (the
//! subtag registry is not consulted): `sv`, `sv-SE`, `zh-Hant-TW`, `de-CH-1996`, `x-klingon`.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{tag:?} is not a language tag (BCP 47, e.g. sv, en-GB, zh-Hant): {reason}")]
pub struct LanguageTagError {
    pub tag: String,
    pub reason: &'static str,
}

/// A checked tag, and a note when it had to be repaired (`sv_SE` → `sv-SE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTag {
    pub tag: String,
    pub repaired_from: Option<String>,
}

/// Whether `tag` is a well-formed BCP 47 language tag, as it stands.
pub fn is_valid_language_tag(tag: &str) -> bool {
    well_formed(tag).is_ok()
}

/// Checks a language tag, repairing what is unambiguous: surrounding spaces and `_` used for
/// `-` (POSIX locale style, as some tools write `sv_SE`). Anything else is refused.
pub fn check_language_tag(input: &str) -> Result<CheckedTag, LanguageTagError> {
    let repaired = input.trim().replace('_', "-");
    well_formed(&repaired).map_err(|reason| LanguageTagError {
        tag: input.to_string(),
        reason,
    })?;
    Ok(CheckedTag {
        repaired_from: (repaired != input).then(|| input.to_string()),
        tag: repaired,
    })
}

fn well_formed(tag: &str) -> Result<(), &'static str> {
    if tag.is_empty() {
        return Err("it is empty");
    }
    if tag.len() > 64 {
        return Err("it is longer than any language tag");
    }
    if !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err("only ASCII letters, digits and '-' may appear in one");
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags.iter().any(|s| s.is_empty() || s.len() > 8) {
        return Err("its parts between '-' must be 1 to 8 characters long");
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mut rest = subtags.as_slice();
    if rest[0].eq_ignore_ascii_case("x") {
        return private_use(&rest[1..]);
    }
    let language = rest[0];
    if !alpha(language) || language.len() == 1 {
        return Err("it must start with a language code of letters, e.g. sv");
    }
    rest = &rest[1..];
    // Up to three extended language subtags after a 2-3 letter language.
    let mut extlangs = 0;
    while language.len() <= 3
        && extlangs < 3
        && rest.first().is_some_and(|s| s.len() == 3 && alpha(s))
    {
        rest = &rest[1..];
        extlangs += 1;
    }
    if rest.first().is_some_and(|s| s.len() == 4 && alpha(s)) {
        rest = &rest[1..];
    }
    if rest
        .first()
        .is_some_and(|s| (s.len() == 2 && alpha(s)) || (s.len() == 3 && digits(s)))
    {
        rest = &rest[1..];
    }
    let variant =
        |s: &str| (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit());
    while rest.first().is_some_and(|s| variant(s)) {
        rest = &rest[1..];
    }
    while let Some(singleton) = rest.first().filter(|s| s.len() == 1) {
        if singleton.eq_ignore_ascii_case("x") {
            return private_use(&rest[1..]);
        }
        let values = rest[1..].iter().take_while(|s| s.len() >= 2).count();
        if values == 0 {
            return Err("an extension letter must be followed by a value");
        }
        rest = &rest[1 + values..];
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err("its parts are not in the order language-script-region-variant")
    }
}

fn private_use(rest: &[&str]) -> Result<(), &'static str> {
    if rest.is_empty() {
        Err("a private-use tag (x-) needs a value")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags_pass() {
        for tag in [
            "sv",
            "en",
            "sv-SE",
            "SV-se",
            "zh-Hant-TW",
            "de-CH-1996",
            "es-419",
            "und",
            "x-klingon",
            "en-US-x-twain",
            "zh-yue-HK",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
        ] {
            assert!(is_valid_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn what_is_not_a_tag_is_refused() {
        for tag in [
            "",
            "/../../ESCAPED",
            "../x",
            "sv\u{1}",
            "en GB",
            "e",
            "sv-",
            "-sv",
            "sv--SE",
            "123",
            "en-toolongsubtag",
            "sv-SE-a",
            "x",
            "sv/SE",
            "sv.SE",
        ] {
            assert!(!is_valid_language_tag(tag), "{tag:?}");
        }
    }

    #[test]
    fn posix_style_tags_are_repaired_with_a_note() {
        let checked = check_language_tag("sv_SE").unwrap();
        assert_eq!(checked.tag, "sv-SE");
        assert_eq!(checked.repaired_from.as_deref(), Some("sv_SE"));
        assert_eq!(check_language_tag("en").unwrap().repaired_from, None);
        let error = check_language_tag("/../../ESCAPED").unwrap_err();
        assert!(error.to_string().contains("not a language tag"), "{error}");
    }
}
