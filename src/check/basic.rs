//! Checks that look at one row as a whole: `empty-target` (a confirmed row without a
//! translation) and `same-as-source` (a translation that is the source left as it was).

use super::finding::{CheckId, Finding};
use crate::model::{Row, Side, Status};

/// A translated or reviewed row whose target is empty. The edit API never lets a row get
/// there, but files written by other tools can.
pub fn empty_target(row: &Row, out: &mut Vec<Finding>) {
    if row.status >= Status::Translated && row.target.trim().is_empty() {
        out.push(Finding::new(
            row.id,
            CheckId::EmptyTarget,
            Side::Target,
            "",
            format!("the row is {} but has no translation", row.status.name()),
        ));
    }
}

/// A target identical to its source. Names and numbers stay as they are in a translation, so
/// only a text with an ordinary word in it counts: a word of two or more letters that is not
/// capitalised ("diktatur"), or a word in capitals of four or more letters (a heading).
pub fn same_as_source(row: &Row, out: &mut Vec<Finding>) {
    let source = row.source.trim();
    if source.is_empty()
        || source != row.target.trim()
        || is_code(source)
        || !has_ordinary_word(source)
    {
        return;
    }
    out.push(Finding::new(
        row.id,
        CheckId::SameAsSource,
        Side::Target,
        "",
        "the translation is the same as the source",
    ));
}

/// A web address, e-mail address, file name or the like: one token with no white space and
/// some of / @ . _ : in it.
fn is_code(text: &str) -> bool {
    !text.contains(char::is_whitespace) && text.contains(['/', '@', '.', '_', ':'])
}

fn has_ordinary_word(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().any(|word| {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let first_lower = word.chars().next().is_some_and(char::is_lowercase);
        let all_upper = word.chars().all(|c| !c.is_lowercase());
        letters >= 2 && (first_lower || (all_upper && letters >= 4))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowId;

    fn row(source: &str, target: &str, status: Status) -> Row {
        crate::check::test_row(RowId(1), source, target, status)
    }

    fn run(check: fn(&Row, &mut Vec<Finding>), row: &Row) -> Vec<Finding> {
        let mut out = Vec::new();
        check(row, &mut out);
        out
    }

    #[test]
    fn a_confirmed_row_without_translation_is_found_and_a_draft_is_not() {
        assert_eq!(
            run(empty_target, &row("Ett.", " ", Status::Reviewed)).len(),
            1
        );
        assert_eq!(
            run(empty_target, &row("Ett.", "", Status::Translated)).len(),
            1
        );
        assert!(run(empty_target, &row("Ett.", "", Status::Draft)).is_empty());
        assert!(run(empty_target, &row("Ett.", "One.", Status::Reviewed)).is_empty());
    }

    #[test]
    fn a_copied_source_is_found_but_names_and_numbers_are_not() {
        let found = |s: &str, t: &str| !run(same_as_source, &row(s, t, Status::Draft)).is_empty();
        assert!(found("Proletariatets diktatur", "Proletariatets diktatur"));
        assert!(found("TVÅ OMSTRIDDA FRÅGOR", "TVÅ OMSTRIDDA FRÅGOR "));
        assert!(!found("L. Kamenjev", "L. Kamenjev"));
        assert!(!found("Karl Marx", "Karl Marx"));
        assert!(!found("(1914-1920)", "(1914-1920)"));
        assert!(!found(
            "Proletariatets diktatur",
            "The dictatorship of the proletariat"
        ));
        assert!(!found("", ""));
        assert!(!found(
            "http://www.marxistarkiv.se/komintern/ki-innehall.html",
            "http://www.marxistarkiv.se/komintern/ki-innehall.html"
        ));
    }
}
