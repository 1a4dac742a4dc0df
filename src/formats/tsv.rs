//! TSV for spreadsheets: a header naming the languages, then one line per unit with source,
//! target, status, confidence, and what else Tolk owns (paragraph start, lock, row id,
//! author, notes) so that a round trip keeps it. Backslashes, tabs, line feeds and carriage returns inside a
//! text are written as `\\`, `\t`, `\n` and `\r`, so every text survives a round trip.

use std::borrow::Cow;
use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, status_named};
use super::error::{ExportError, ReadError, decode};
use super::export::ExportFormat;
use super::options::Options;
use super::units::select;
use crate::model::Project;

/// The names of the columns after the two texts, as the header writes them.
pub(crate) const COLUMNS: [&str; 7] = [
    "status",
    "confidence",
    "paragraph",
    "locked",
    "row",
    "author",
    "notes",
];

/// Writes the header `SOURCE_LANG<TAB>TARGET_LANG<TAB>status<TAB>confidence<TAB>paragraph
/// <TAB>locked<TAB>row<TAB>author<TAB>notes` and the units (`paragraph` and `locked` are `yes` or empty).
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    writeln!(
        out,
        "{}\t{}\t{}",
        escape(&meta.source_lang),
        escape(&meta.target_lang),
        COLUMNS.join("\t")
    )?;
    let yes = |on: bool| if on { "yes" } else { "" };
    for unit in select(project, ExportFormat::Tsv, options).units {
        let confidence = unit.row.score.map_or(String::new(), |s| s.to_string());
        writeln!(
            out,
            "{}\t{}\t{}\t{confidence}\t{}\t{}\t{}\t{}\t{}",
            escape(unit.source),
            escape(unit.target),
            unit.status().name(),
            yes(unit.starts_paragraph()),
            yes(unit.row.locked),
            unit.row_id().0,
            escape(unit.author().unwrap_or("")),
            escape(&notes_of(&unit)),
        )?;
    }
    Ok(())
}

/// The notes column of a unit: the row's notes on its first unit only.
pub(crate) fn notes_of(unit: &super::units::Unit<'_>) -> String {
    if unit.sentence.is_some_and(|n| n > 1) {
        return String::new();
    }
    super::notes::to_cell(&unit.row.notes)
}

/// A text with its backslashes, tabs and line breaks escaped.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The inverse of [`escape`]. A backslash before any other character is kept as typed, so
/// text typed into a spreadsheet by hand reads as it looks.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// One unit from the fields of a line (already unescaped): source, target, then the columns
/// `names` gives (the header's, else [`COLUMNS`] in order). `Err` holds the field's index and
/// the message. Shared with CSV.
pub(crate) fn unit_from(
    values: Vec<String>,
    names: &[&str],
) -> Result<BilingualUnit, (usize, String)> {
    let mut values = values.into_iter();
    let mut unit = BilingualUnit {
        source: values.next().unwrap_or_default(),
        target: values.next().unwrap_or_default(),
        ..BilingualUnit::default()
    };
    let mut tolks = false;
    for (i, value) in values.enumerate() {
        let name = names
            .get(i)
            .copied()
            .unwrap_or(COLUMNS[i.min(COLUMNS.len() - 1)]);
        let i = i + 2;
        if value.is_empty() {
            continue;
        }
        match name {
            "status" => {
                unit.status = Some(status_named(&value).ok_or_else(|| {
                    (
                        i,
                        format!(
                            "unknown status {value:?}; use untranslated, draft, translated or reviewed"
                        ),
                    )
                })?);
            }
            "confidence" => match value.trim().parse::<f32>() {
                Ok(score) if (0.0..=1.0).contains(&score) => unit.score = Some(score),
                _ => {
                    return Err((
                        i,
                        format!("the confidence {value:?} is not a number from 0 to 1"),
                    ));
                }
            },
            "paragraph" => unit.starts_paragraph = Some(value.trim() == "yes"),
            "locked" => unit.locked = value.trim() == "yes",
            "row" => {
                unit.id = value.trim().parse().ok();
                tolks = true;
            }
            "author" => unit.author = Some(value),
            "notes" => unit.notes = super::notes::from_cell(&value),
            _ => {}
        }
    }
    // A Tolk export says "no paragraph" with an empty cell.
    if tolks && unit.starts_paragraph.is_none() {
        unit.starts_paragraph = Some(false);
    }
    Ok(unit)
}

/// Reads TSV: columns source, target, and optionally status, confidence, paragraph, locked,
/// row and author. A first line whose third column on are those names is the header and names
/// the languages; a first line `source<TAB>target` is a header too. Without a header the
/// languages are `und` (undetermined). Lines may end in CRLF; blank lines hold no row and are
/// skipped (a spreadsheet often leaves some at the end).
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let mut bilingual = Bilingual {
        source_lang: "und".into(),
        target_lang: "und".into(),
        ..Bilingual::default()
    };
    let mut columns_named: Vec<&str> = COLUMNS.to_vec();
    let mut blank = 0usize;
    // The line feed that ends the last line starts no line of its own.
    let body = text.strip_suffix('\n').unwrap_or(&text);
    let lines = body.split('\n').filter(|_| !body.is_empty());
    for (index, line) in lines.enumerate() {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            blank += 1;
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let column_at = |i: usize| {
            columns[..i]
                .iter()
                .map(|c| c.chars().count() + 1)
                .sum::<usize>()
                + 1
        };
        let invalid = |i: usize, message: String| ReadError::Invalid {
            line: number,
            column: column_at(i),
            message,
        };
        if index == 0 {
            let named = columns.len() > 2 && columns[2..].iter().all(|c| COLUMNS.contains(c));
            let plain = columns.len() == 2
                && columns[0].trim().eq_ignore_ascii_case("source")
                && columns[1].trim().eq_ignore_ascii_case("target");
            if named {
                bilingual.source_lang = unescape(columns[0]).into_owned();
                bilingual.target_lang = unescape(columns[1]).into_owned();
                columns_named = columns[2..].to_vec();
                continue;
            }
            if plain {
                continue;
            }
        }
        let most = 2 + columns_named.len().max(COLUMNS.len());
        if columns.len() < 2 || columns.len() > most {
            return Err(invalid(
                0,
                format!(
                    "expected 2 to {most} tab-separated columns (source, target, {}), found {}",
                    COLUMNS.join(", "),
                    columns.len()
                ),
            ));
        }
        let values: Vec<String> = columns.iter().map(|c| unescape(c).into_owned()).collect();
        let unit = unit_from(values, &columns_named).map_err(|(i, message)| invalid(i, message))?;
        bilingual.units.push(unit);
    }
    if blank > 0 {
        bilingual
            .warnings
            .push(format!("skipped {blank} blank line(s)"));
    }
    Ok(bilingual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_reversible_even_for_backslash_sequences() {
        for text in [
            "a\tb\nc\rd",
            "C:\\temp\\new",
            "\\n literal",
            "end\\",
            "plain",
        ] {
            assert_eq!(unescape(&escape(text)), text);
            assert!(!escape(text).contains(['\t', '\n', '\r']));
        }
    }

    #[test]
    fn bad_lines_name_their_line_and_column() {
        let error = read("sv\ten\tstatus\tconfidence\nett\tone\tdone\n".as_bytes()).unwrap_err();
        assert_eq!(
            error,
            ReadError::Invalid {
                line: 2,
                column: 9,
                message: "unknown status \"done\"; use untranslated, draft, translated or reviewed"
                    .into()
            }
        );
        let error = read(b"only one column\n").unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::Invalid {
                    line: 1,
                    column: 1,
                    ..
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn a_file_without_header_has_undetermined_languages() {
        let read = read(b"ett\tone\r\ntv\xc3\xa5\ttwo\ttranslated\t0.5\r\n").unwrap();
        assert_eq!(read.source_lang, "und");
        assert_eq!(read.units.len(), 2);
        assert_eq!(read.units[1].source, "två");
        assert_eq!(read.units[1].score, Some(0.5));
    }
}
