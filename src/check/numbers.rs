//! The `numbers` check: every number of the source must be in the target and the other way
//! round, compared by value. "1 000", "1000" and "1,000" (English) are one number; "1,5"
//! (Swedish) is "1.5" (English); "1914-1920" and "1914–1920" are the numbers 1914 and 1920;
//! ordinals count as their number ("1:a" = "1st"); a small number written as a word on the
//! other side ("sex" / "six", "första" / "first") counts as present.

use std::collections::HashMap;
use std::ops::Range;

use super::finding::{CheckId, Finding, char_range};
use crate::model::{Row, Side};

/// A number found in a text: its value written canonically ("1000", "1.5") and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: String,
    /// Byte range in the text.
    pub bytes: Range<usize>,
}

/// Whether a language writes decimals with a comma (most of Europe) rather than a point.
fn decimal_comma(lang: &str) -> bool {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !matches!(
        primary.as_str(),
        "en" | "ja" | "zh" | "ko" | "he" | "th" | "hi" | "ga" | "mt" | ""
    )
}

/// The numbers of a text in the language `lang`.
pub fn numbers(text: &str, lang: &str) -> Vec<Number> {
    let comma_decimal = decimal_comma(lang);
    let (decimal, grouping) = if comma_decimal {
        (',', '.')
    } else {
        ('.', ',')
    };
    let bytes = text.as_bytes();
    let digits_at = |i: usize| -> usize {
        bytes[i.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let first = digits_at(i);
        let mut integer = text[i..i + first].to_string();
        i += first;
        // Thousands groups: a separator followed by exactly three digits, after a first group
        // of at most three digits.
        if first <= 3 {
            while let Some(sep) = text[i..].chars().next() {
                let is_group_sep =
                    matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}') || sep == grouping;
                let after = i + sep.len_utf8();
                if is_group_sep && digits_at(after) == 3 {
                    integer.push_str(&text[after..after + 3]);
                    i = after + 3;
                } else {
                    break;
                }
            }
        }
        let mut value = integer.trim_start_matches('0').to_string();
        if value.is_empty() {
            value.push('0');
        }
        // A decimal part: the decimal mark followed by digits.
        if text[i..].starts_with(decimal) && digits_at(i + 1) > 0 {
            let n = digits_at(i + 1);
            let fraction = text[i + 1..i + 1 + n].trim_end_matches('0');
            if !fraction.is_empty() {
                value.push('.');
                value.push_str(fraction);
            }
            i += 1 + n;
        }
        out.push(Number {
            value,
            bytes: start..i,
        });
        // An ordinal ending belongs to the number ("1:a", "3:e", "2nd", "1920s").
        i += ordinal_ending(&text[i..]);
    }
    out
}

fn ordinal_ending(rest: &str) -> usize {
    for ending in [":a", ":e", ":de", "st", "nd", "rd", "th", "s"] {
        if let Some(after) = rest.strip_prefix(ending)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
        {
            return ending.len();
        }
    }
    0
}

/// Small numbers as words, by value, for the languages Tolk knows; a digit on one side and
/// the word on the other is no finding.
fn number_words(lang: &str) -> &'static [(&'static str, u32)] {
    const EN: &[(&str, u32)] = &[
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("twenty", 20),
        ("hundred", 100),
        ("thousand", 1000),
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("twelfth", 12),
    ];
    const SV: &[(&str, u32)] = &[
        ("noll", 0),
        ("en", 1),
        ("ett", 1),
        ("två", 2),
        ("tre", 3),
        ("fyra", 4),
        ("fem", 5),
        ("sex", 6),
        ("sju", 7),
        ("åtta", 8),
        ("nio", 9),
        ("tio", 10),
        ("elva", 11),
        ("tolv", 12),
        ("tjugo", 20),
        ("hundra", 100),
        ("tusen", 1000),
        ("första", 1),
        ("andra", 2),
        ("tredje", 3),
        ("fjärde", 4),
        ("femte", 5),
        ("sjätte", 6),
        ("sjunde", 7),
        ("åttonde", 8),
        ("nionde", 9),
        ("tionde", 10),
        ("tolfte", 12),
    ];
    match lang.split(['-', '_']).next().unwrap_or("") {
        "en" => EN,
        "sv" => SV,
        _ => &[],
    }
}

/// The values of the number words in a text.
fn worded_values(text: &str, lang: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let table = number_words(lang);
    if table.is_empty() {
        return Vec::new();
    }
    text.unicode_words()
        .filter_map(|w| {
            let lower = w.to_lowercase();
            table
                .iter()
                .find(|(word, _)| *word == lower)
                .map(|(_, v)| v.to_string())
        })
        .collect()
}

/// Compares the numbers of a row's two sides.
pub fn check(row: &Row, source_lang: &str, target_lang: &str, out: &mut Vec<Finding>) {
    if row.target.trim().is_empty()
        || !row
            .source
            .bytes()
            .chain(row.target.bytes())
            .any(|b| b.is_ascii_digit())
    {
        return;
    }
    let source = numbers(&row.source, source_lang);
    let target = numbers(&row.target, target_lang);
    let mut left: HashMap<&str, isize> = HashMap::new();
    for n in &source {
        *left.entry(&n.value).or_default() += 1;
    }
    // Target numbers not matched by a source number.
    let mut extra = Vec::new();
    for n in &target {
        match left.get_mut(n.value.as_str()) {
            Some(count) if *count > 0 => *count -= 1,
            _ => extra.push(n),
        }
    }
    let unmatched = left.values().any(|n| *n > 0);
    if extra.is_empty() && !unmatched {
        return;
    }
    let source_words = worded_values(&row.source, source_lang);
    let target_words = worded_values(&row.target, target_lang);
    for n in extra {
        if source_words.contains(&n.value) {
            continue;
        }
        out.push(
            Finding::new(
                row.id,
                CheckId::Numbers,
                Side::Target,
                n.value.clone(),
                format!(
                    "the number {} is not in the source",
                    &row.target[n.bytes.clone()]
                ),
            )
            .at(char_range(&row.target, n.bytes.clone())),
        );
    }
    for n in &source {
        let count = left.get_mut(n.value.as_str()).expect("counted above");
        if *count <= 0 {
            continue;
        }
        *count -= 1;
        if target_words.contains(&n.value) {
            continue;
        }
        out.push(Finding::new(
            row.id,
            CheckId::Numbers,
            Side::Target,
            n.value.clone(),
            format!(
                "the number {} of the source is not in the translation",
                &row.source[n.bytes.clone()]
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowId, Status};

    fn values(text: &str, lang: &str) -> Vec<String> {
        numbers(text, lang).into_iter().map(|n| n.value).collect()
    }

    fn findings(source: &str, target: &str) -> Vec<String> {
        let row = crate::check::test_row(RowId(1), source, target, Status::Draft);
        let mut out = Vec::new();
        check(&row, "sv", "en", &mut out);
        out.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn numbers_are_read_by_value() {
        assert_eq!(
            values("1 000 och 1000 och 25 000 000", "sv"),
            ["1000", "1000", "25000000"]
        );
        assert_eq!(
            values("1,000 and 1000 and 2,500.50", "en"),
            ["1000", "1000", "2500.5"]
        );
        assert_eq!(values("1,5 miljoner", "sv"), ["1.5"]);
        assert_eq!(values("1.5 million", "en"), ["1.5"]);
        assert_eq!(
            values("åren 1914-1920 och 1914–1918", "sv"),
            ["1914", "1920", "1914", "1918"]
        );
        assert_eq!(
            values("den 1:a maj, the 2nd, the 1920s", "sv"),
            ["1", "2", "1920"]
        );
        assert_eq!(values("N:o 1. (1920)", "sv"), ["1", "1920"]);
        // A four-digit year is no thousands group: "1914 200" is two numbers.
        assert_eq!(values("1914 200", "sv"), ["1914", "200"]);
    }

    #[test]
    fn equal_numbers_give_no_finding() {
        assert!(
            findings(
                "Sex års krig och revolution (1914-1920) har",
                "Six years of war and revolution (1914–1920) have"
            )
            .is_empty()
        );
        assert!(findings("1 000 man", "1,000 men").is_empty());
        assert!(findings("den 1:a maj 1920", "on the 1st of May 1920").is_empty());
        assert!(findings("Ur N:o 1. (1920)", "From No. 1. (1920)").is_empty());
        assert!(findings("3 år", "three years").is_empty());
        assert!(findings("tre år", "3 years").is_empty());
        assert!(findings("Inga tal här.", "No numbers here.").is_empty());
    }

    #[test]
    fn missing_and_changed_numbers_are_found() {
        assert_eq!(
            findings("världskriget 1914-1918", "the world war of 1914-1919"),
            ["1919", "1918"]
        );
        assert_eq!(findings("1 000 man", "100 men"), ["100", "1000"]);
        assert_eq!(findings("år 1920", "in that year"), ["1920"]);
        assert_eq!(findings("år 1920", "in 1920, 7 times"), ["7"]);
    }
}
