//! Glossaries (termbases): concepts with terms in the source and the target language, some
//! target terms marked forbidden. Read from TBX (see `tbx`) or from a two-column TSV/CSV
//! (source term, target term; optional further columns `note` and `forbidden`, named in a
//! header line). Glossary files stay where they are: a project keeps only their paths.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::error::{ReadError, decode};
use super::lang_match::matches;
use crate::text::{LimitedRead, read_at_most};

/// The largest glossary file Tolk reads.
pub const MAX_GLOSSARY_BYTES: u64 = 256 * 1024 * 1024;

/// A glossary for one language pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    pub source_lang: String,
    pub target_lang: String,
    pub entries: Vec<TermEntry>,
    /// What the reader left out, for the user to see.
    pub warnings: Vec<String>,
}

/// One concept: its terms in each language and a note (definition, usage).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermEntry {
    pub id: String,
    pub source: Vec<Term>,
    pub target: Vec<Term>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    pub text: String,
    /// Not to be used (TBX administrative status `deprecatedTerm-admn-sts` or
    /// `supersededTerm-admn-sts`, or a `forbidden` column saying yes).
    pub forbidden: bool,
}

impl Term {
    pub fn new(text: impl Into<String>) -> Term {
        Term {
            text: text.into(),
            forbidden: false,
        }
    }
}

impl TermEntry {
    /// The target terms to use (not forbidden).
    pub fn preferred(&self) -> impl Iterator<Item = &Term> {
        self.target.iter().filter(|t| !t.forbidden)
    }
}

impl Glossary {
    /// Adds another glossary's entries (it must be for the same languages).
    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
        self.warnings.extend(other.warnings);
    }
}

#[derive(Debug, Error)]
pub enum GlossaryError {
    #[error("cannot read the glossary {path}: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path} is {size} bytes; the largest glossary Tolk reads is {MAX_GLOSSARY_BYTES} bytes"
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: {cause}")]
    Invalid { path: PathBuf, cause: ReadError },
    #[error("{path}: {message}")]
    Languages { path: PathBuf, message: String },
}

/// Reads a glossary file for the project's languages: TBX when the content is XML, else TSV
/// (a tab in the first line) or CSV.
pub fn load_glossary(
    path: &Path,
    source_lang: &str,
    target_lang: &str,
) -> Result<Glossary, GlossaryError> {
    let bytes = read_at_most(path, MAX_GLOSSARY_BYTES).map_err(|error| match error {
        LimitedRead::Io(cause) => GlossaryError::Read {
            path: path.to_path_buf(),
            cause,
        },
        LimitedRead::TooLarge(size) => GlossaryError::TooLarge {
            path: path.to_path_buf(),
            size,
        },
    })?;
    read_glossary(&bytes, source_lang, target_lang).map_err(|e| match e {
        GlossaryReadError::Invalid(cause) => GlossaryError::Invalid {
            path: path.to_path_buf(),
            cause,
        },
        GlossaryReadError::Languages(message) => GlossaryError::Languages {
            path: path.to_path_buf(),
            message,
        },
    })
}

/// Why glossary bytes could not be read (without a file name; see [`GlossaryError`]).
#[derive(Debug, Error, PartialEq)]
pub enum GlossaryReadError {
    #[error(transparent)]
    Invalid(#[from] ReadError),
    #[error("{0}")]
    Languages(String),
}

/// Reads glossary bytes (TBX, TSV or CSV, told apart by their content).
pub fn read_glossary(
    bytes: &[u8],
    source_lang: &str,
    target_lang: &str,
) -> Result<Glossary, GlossaryReadError> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        return super::tbx::read(bytes, source_lang, target_lang);
    }
    let text = decode(bytes)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') { b'\t' } else { b',' };
    read_table(&text, delimiter, source_lang, target_lang).map_err(GlossaryReadError::Invalid)
}

/// A two-column table. A first line whose first two cells are language tags (`sv`, `en`) or
/// the words `source`/`target` is a header; its further cells name the columns `note` and
/// `forbidden`. Without a header the third column is the note.
fn read_table(
    text: &str,
    delimiter: u8,
    source_lang: &str,
    target_lang: &str,
) -> Result<Glossary, ReadError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let mut glossary = Glossary {
        source_lang: source_lang.to_string(),
        target_lang: target_lang.to_string(),
        ..Glossary::default()
    };
    let mut columns: Vec<String> = vec!["source".into(), "target".into(), "note".into()];
    let mut skipped = 0;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::Invalid {
            line: e.position().map_or(i + 1, |p| p.line() as usize),
            column: 1,
            message: e.to_string(),
        })?;
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if i == 0 && is_header(&cells, source_lang, target_lang) {
            columns = cells.iter().map(|c| c.to_ascii_lowercase()).collect();
            continue;
        }
        let cell = |name: &str| {
            columns
                .iter()
                .position(|c| c == name)
                .and_then(|k| cells.get(k))
                .copied()
                .filter(|c| !c.is_empty())
        };
        let (Some(source), Some(target)) = (
            cells.first().filter(|c| !c.is_empty()),
            cells.get(1).filter(|c| !c.is_empty()),
        ) else {
            if cells.iter().any(|c| !c.is_empty()) {
                skipped += 1;
            }
            continue;
        };
        let forbidden = cell("forbidden").is_some_and(|v| {
            matches!(
                v.to_ascii_lowercase().as_str(),
                "yes" | "y" | "1" | "true" | "forbidden"
            )
        });
        glossary.entries.push(TermEntry {
            id: format!("l{}", i + 1),
            source: vec![Term::new(*source)],
            target: vec![Term {
                text: (*target).to_string(),
                forbidden,
            }],
            note: cell("note").map(str::to_string),
        });
    }
    if skipped > 0 {
        glossary.warnings.push(format!(
            "left out {skipped} lines without a source and a target term"
        ));
    }
    Ok(glossary)
}

fn is_header(cells: &[&str], source_lang: &str, target_lang: &str) -> bool {
    let (Some(a), Some(b)) = (cells.first(), cells.get(1)) else {
        return false;
    };
    (a.eq_ignore_ascii_case("source") && b.eq_ignore_ascii_case("target"))
        || (matches(a, source_lang) && matches(b, target_lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_column_table_reads_with_or_without_a_header() {
        let plain = read_glossary(
            "diktatur\tdictatorship\nproletariat\tproletariat\tthe class\n".as_bytes(),
            "sv",
            "en",
        )
        .unwrap();
        assert_eq!(plain.entries.len(), 2);
        assert_eq!(plain.entries[1].note.as_deref(), Some("the class"));
        let headed = read_glossary(
            "sv,en,forbidden,note\ndiktatur,dictatorship,,\nstatens ledning,direction of the state,yes,a calque\n,lonely,,\n".as_bytes(),
            "sv",
            "en",
        )
        .unwrap();
        assert_eq!(headed.entries.len(), 2);
        assert!(headed.entries[1].target[0].forbidden);
        assert_eq!(headed.entries[1].note.as_deref(), Some("a calque"));
        assert_eq!(headed.warnings.len(), 1);
    }
}
