//! TSV for spreadsheets: a header naming the languages, then one line per unit with source,
//! target, status and confidence. Backslashes, tabs, line feeds and carriage returns inside a
//! text are written as `\\`, `\t`, `\n` and `\r`, so every text survives a round trip.

use std::borrow::Cow;
use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, status_named};
use super::error::{ExportError, ReadError, decode};
use super::options::Options;
use super::units::units;
use crate::model::Project;

/// Writes the header `SOURCE_LANG<TAB>TARGET_LANG<TAB>status<TAB>confidence` and the units.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    writeln!(
        out,
        "{}\t{}\tstatus\tconfidence",
        escape(&meta.source_lang),
        escape(&meta.target_lang)
    )?;
    for unit in units(project, options) {
        let confidence = unit.row.score.map_or(String::new(), |s| s.to_string());
        writeln!(
            out,
            "{}\t{}\t{}\t{confidence}",
            escape(unit.source),
            escape(unit.target),
            unit.status().name()
        )?;
    }
    Ok(())
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

/// Reads TSV: columns source, target, and optionally status and confidence. A first line whose
/// third and fourth columns are `status` and `confidence` is the header and names the
/// languages; without it the languages are `und` (undetermined). Lines may end in CRLF.
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let mut bilingual = Bilingual {
        source_lang: "und".into(),
        target_lang: "und".into(),
        units: Vec::new(),
    };
    let body = text.strip_suffix('\n').unwrap_or(&text);
    if body.is_empty() {
        return Ok(bilingual);
    }
    for (index, line) in body.split('\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
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
        if index == 0 && columns.get(2..4) == Some(&["status", "confidence"][..]) {
            bilingual.source_lang = unescape(columns[0]).into_owned();
            bilingual.target_lang = unescape(columns[1]).into_owned();
            continue;
        }
        if columns.len() < 2 || columns.len() > 4 {
            return Err(invalid(
                0,
                format!(
                    "expected 2 to 4 tab-separated columns (source, target, status, confidence), found {}",
                    columns.len()
                ),
            ));
        }
        let status = match columns.get(2).filter(|s| !s.is_empty()) {
            None => None,
            Some(name) => Some(status_named(name).ok_or_else(|| {
                invalid(
                    2,
                    format!(
                        "unknown status {name:?}; use untranslated, draft, translated or reviewed"
                    ),
                )
            })?),
        };
        let score = match columns.get(3).filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => match text.trim().parse::<f32>() {
                Ok(score) if (0.0..=1.0).contains(&score) => Some(score),
                _ => {
                    return Err(invalid(
                        3,
                        format!("the confidence {text:?} is not a number from 0 to 1"),
                    ));
                }
            },
        };
        bilingual.units.push(BilingualUnit {
            source: unescape(columns[0]).into_owned(),
            target: unescape(columns[1]).into_owned(),
            status,
            score,
        });
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
