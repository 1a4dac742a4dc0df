//! Punctuation checks: `end-punctuation` (the source ends in . ? ! : and the target does not,
//! or in another mark) and `brackets-quotes` (brackets and quotation marks unbalanced within
//! a side, or a different number of them on the two sides).

use super::finding::{CheckId, Finding, char_range};
use crate::model::{Row, Side};
use crate::text::marks::is_closer;

/// The kind of mark a text ends with, if it is one this check compares.
fn end_mark(text: &str) -> Option<char> {
    // The mark before a closing quote or bracket is what ends the sentence ("diktatur?”"
    // ends in "?").
    let core = text.trim_end().trim_end_matches(is_closer).trim_end();
    match core.chars().last()? {
        '.' | '…' => Some('.'),
        c @ ('?' | '!' | ':' | ';') => Some(c),
        _ => None,
    }
}

pub fn end_punctuation(row: &Row, out: &mut Vec<Finding>) {
    if row.target.trim().is_empty() {
        return;
    }
    let Some(source) = end_mark(&row.source).filter(|c| *c != ';') else {
        return;
    };
    let message = match end_mark(&row.target) {
        Some(target) if target == source => return,
        Some(target) => format!("the source ends with “{source}”, the translation with “{target}”"),
        None => format!("the source ends with “{source}”, the translation with no such mark"),
    };
    let end = row.target.trim_end();
    let last = end.char_indices().last().map_or(0, |(i, _)| i);
    out.push(
        Finding::new(
            row.id,
            CheckId::EndPunctuation,
            Side::Target,
            source.to_string(),
            message,
        )
        .at(char_range(&row.target, last..end.len())),
    );
}

/// Counts of brackets and quotation marks on one side, and the first place where the side is
/// unbalanced, if any.
#[derive(Debug, Default, PartialEq)]
struct Marks {
    /// Bracket pairs closed properly, by kind ( [ {.
    pairs: [usize; 3],
    /// Double quotation marks of any style (“ ” „ « » " and Swedish ” ”).
    quotes: usize,
    /// Byte range of a bracket that is never closed or closes nothing.
    unbalanced: Option<(usize, char)>,
}

fn marks(text: &str) -> Marks {
    let mut m = Marks::default();
    let mut open: Vec<(usize, char)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => open.push((i, c)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.last() {
                    Some(&(_, o)) if o == want => {
                        open.pop();
                        m.pairs["([{".find(want).unwrap_or(0)] += 1;
                    }
                    _ => {
                        m.unbalanced.get_or_insert((i, c));
                    }
                }
            }
            '“' | '”' | '„' | '«' | '»' | '"' => m.quotes += 1,
            _ => {}
        }
    }
    if let Some(&(i, c)) = open.first() {
        m.unbalanced.get_or_insert((i, c));
    }
    m
}

pub fn brackets_quotes(row: &Row, out: &mut Vec<Finding>) {
    if row.target.trim().is_empty() {
        return;
    }
    let source = marks(&row.source);
    let target = marks(&row.target);
    // A quotation or bracket may open in one row and close in the next: only a side that is
    // unbalanced where its source is not is a finding.
    if let Some((at, c)) = target.unbalanced.filter(|_| source.unbalanced.is_none()) {
        out.push(
            Finding::new(
                row.id,
                CheckId::BracketsQuotes,
                Side::Target,
                c.to_string(),
                format!("“{c}” has no partner in the translation"),
            )
            .at(char_range(&row.target, at..at + c.len_utf8())),
        );
    }
    if !target.quotes.is_multiple_of(2) && source.quotes.is_multiple_of(2) {
        out.push(Finding::new(
            row.id,
            CheckId::BracketsQuotes,
            Side::Target,
            "quotes-odd",
            format!(
                "the translation has an odd number of quotation marks ({})",
                target.quotes
            ),
        ));
    }
    let names = ["( )", "[ ]", "{ }"];
    for (k, name) in names.into_iter().enumerate() {
        if source.unbalanced.is_none()
            && target.unbalanced.is_none()
            && source.pairs[k] != target.pairs[k]
        {
            out.push(Finding::new(
                row.id,
                CheckId::BracketsQuotes,
                Side::Target,
                name,
                format!(
                    "the source has {} pair(s) of {name}, the translation {}",
                    source.pairs[k], target.pairs[k]
                ),
            ));
        }
    }
    if source.quotes.is_multiple_of(2)
        && target.quotes.is_multiple_of(2)
        && source.quotes != target.quotes
    {
        out.push(Finding::new(
            row.id,
            CheckId::BracketsQuotes,
            Side::Target,
            "quotes",
            format!(
                "the source has {} quotation(s), the translation {}",
                source.quotes / 2,
                target.quotes / 2
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowId, Status};

    fn row(source: &str, target: &str) -> Row {
        crate::check::test_row(RowId(1), source, target, Status::Draft)
    }

    fn ends(source: &str, target: &str) -> Vec<String> {
        let mut out = Vec::new();
        end_punctuation(&row(source, target), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    fn brackets(source: &str, target: &str) -> Vec<String> {
        let mut out = Vec::new();
        brackets_quotes(&row(source, target), &mut out);
        out.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn end_marks_are_compared_through_closing_quotes() {
        assert!(
            ends(
                "”vad är proletariatets diktatur?”",
                "“what is the dictatorship of the proletariat?”"
            )
            .is_empty()
        );
        assert!(ends("Det är så.", "It is so.").is_empty());
        assert!(ends("Rubrik", "Heading.").is_empty());
        assert!(ends("Frågan:", "The question:").is_empty());
        assert!(ends("N:o 1. (1920)", "No. 1. (1920)").is_empty());
        assert_eq!(
            ends("Är det så?", "It is so."),
            ["the source ends with “?”, the translation with “.”"]
        );
        assert_eq!(
            ends("Det är så.", "It is so"),
            ["the source ends with “.”, the translation with no such mark"]
        );
        assert_eq!(
            ends("Frågan:", "The question"),
            ["the source ends with “:”, the translation with no such mark"]
        );
        assert!(ends("Det är så.", "").is_empty());
    }

    #[test]
    fn brackets_and_quotes_are_balanced_and_counted() {
        assert!(
            brackets(
                "Krig (1914-1920) och ”folk”-suveräniteten",
                "War (1914-1920) and “popular” sovereignty"
            )
            .is_empty()
        );
        assert!(brackets("Inga tecken.", "No marks.").is_empty());
        assert_eq!(brackets("Krig (1914-1920)", "War (1914-1920"), ["("]);
        assert_eq!(brackets("Krig 1914-1920", "War 1914-1920)"), [")"]);
        assert_eq!(brackets("Krig (1914-1920)", "War 1914-1920"), ["( )"]);
        assert_eq!(brackets("”folk”", "“people"), ["quotes-odd"]);
        // A quotation running on into the next row, on both sides.
        assert!(brackets("svarar: ”Öppna edra ögon", "reply: “Open your eyes").is_empty());
        assert!(brackets("(och så vidare", "(and so on").is_empty());
        assert_eq!(
            brackets("”folk” och ”stat”", "“people” and state"),
            ["quotes"]
        );
    }
}
