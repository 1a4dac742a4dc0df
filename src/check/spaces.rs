//! White-space checks of the translation: `double-space` (two or more spaces in a row) and
//! `leading-trailing-space` (the text starts or ends with white space).

use super::finding::{CheckId, Finding, char_range};
use crate::model::{Row, Side};

/// Every run of two or more spaces (ordinary or no-break) in the target.
pub fn double_space(row: &Row, out: &mut Vec<Finding>) {
    let text = &row.target;
    let is_space = |c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}';
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    for (i, c) in text.char_indices().chain([(text.len(), 'x')]) {
        if is_space(c) {
            start.get_or_insert(i);
            spaces += 1;
            continue;
        }
        if let Some(s) = start.take() {
            let inside = s > 0 && i < text.len();
            if spaces >= 2 && inside {
                out.push(
                    Finding::new(
                        row.id,
                        CheckId::DoubleSpace,
                        Side::Target,
                        format!("{}", text[..s].chars().count()),
                        format!("{spaces} spaces in a row"),
                    )
                    .at(char_range(text, s..i)),
                );
            }
        }
        spaces = 0;
    }
}

/// White space at the start or the end of the target.
pub fn leading_trailing_space(row: &Row, out: &mut Vec<Finding>) {
    let text = &row.target;
    if text.trim().is_empty() {
        return;
    }
    let lead = text.len() - text.trim_start().len();
    if lead > 0 {
        out.push(
            Finding::new(
                row.id,
                CheckId::LeadingTrailingSpace,
                Side::Target,
                "leading",
                "the translation starts with white space",
            )
            .at(char_range(text, 0..lead)),
        );
    }
    let end = text.trim_end().len();
    if end < text.len() {
        out.push(
            Finding::new(
                row.id,
                CheckId::LeadingTrailingSpace,
                Side::Target,
                "trailing",
                "the translation ends with white space",
            )
            .at(char_range(text, end..text.len())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowId, Status};

    fn row(target: &str) -> Row {
        crate::check::test_row(RowId(3), "Källa.", target, Status::Draft)
    }

    #[test]
    fn doubled_spaces_are_found_with_their_characters() {
        let mut out = Vec::new();
        double_space(&row("Två  mellanslag och\u{a0} här."), &mut out);
        let ranges: Vec<_> = out.iter().map(|f| f.range.clone().unwrap()).collect();
        assert_eq!(ranges, vec![3..5, 19..21]);
        out.clear();
        double_space(&row("One space each. Fine."), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn leading_and_trailing_spaces_are_found() {
        let mut out = Vec::new();
        leading_trailing_space(&row(" Text. "), &mut out);
        let keys: Vec<_> = out.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, vec!["leading", "trailing"]);
        out.clear();
        leading_trailing_space(&row("Text."), &mut out);
        leading_trailing_space(&row(""), &mut out);
        assert!(out.is_empty());
    }
}
