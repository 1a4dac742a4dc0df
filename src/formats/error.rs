//! The errors of bilingual exports and imports.

use std::borrow::Cow;
use std::path::PathBuf;

use thiserror::Error;

use crate::model::{RowId, Side};

/// Why an export could not be written. Nothing has been written to a file when one of these is
/// returned by the CLI, which renders into memory first.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error(
        "row {row}: its {side} contains the control character U+{code:04X} at character {offset}, which {format} cannot carry; remove it, or export with --drop-control-chars",
        side = side.name(),
        code = *ch as u32
    )]
    ForbiddenChar {
        row: RowId,
        side: Side,
        ch: char,
        /// 0-based character offset within the side's text.
        offset: usize,
        format: &'static str,
    },
    #[error("the changes export needs a milestone: give its name with --since ({known})")]
    MilestoneNeeded { known: String },
    #[error("there is no milestone named \"{name}\" ({known})")]
    NoSuchMilestone { name: String, known: String },
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Why a bilingual file could not be read. Positions are 1-based; columns count characters.
#[derive(Debug, Error, PartialEq)]
pub enum ReadError {
    #[error("line {line}, column {column}: the file is not UTF-8 or UTF-16 text")]
    NotUnicode { line: usize, column: usize },
    #[error("line {line}, column {column}: malformed XML: {message}")]
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "line {line}, column {column}: the entity &{name}; is not defined (Tolk reads no DTD and expands no external entities)"
    )]
    UndefinedEntity {
        line: usize,
        column: usize,
        name: String,
    },
    #[error(
        "line {line}, column {column}: the character U+{code:04X} is not allowed in XML 1.0",
        code = *ch as u32
    )]
    ForbiddenChar {
        line: usize,
        column: usize,
        ch: char,
    },
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the file is not TMX, XLIFF 2.0, XLIFF 1.2 or Tolk's TSV: {0}")]
    UnknownFormat(String),
}

/// A bilingual file that could not be imported, with its name.
#[derive(Debug, Error)]
#[error("cannot import {path}: {cause}")]
pub struct ImportFileError {
    pub path: PathBuf,
    pub cause: ImportCause,
}

/// What went wrong with an imported file: reading it, or its content.
#[derive(Debug, Error)]
pub enum ImportCause {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Content(#[from] ReadError),
    #[error(
        "the file is {size} bytes; the largest bilingual file Tolk imports is {} bytes",
        super::import::MAX_BILINGUAL_BYTES
    )]
    TooLarge { size: u64 },
    #[error("{0}")]
    Inconsistent(#[from] crate::model::IntegrityError),
}

/// The 1-based line and character column of a byte offset in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// The file's text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    for encoding in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
        let bom: &[u8] = if encoding == encoding_rs::UTF_16LE {
            b"\xFF\xFE"
        } else {
            b"\xFE\xFF"
        };
        if bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(ReadError::NotUnicode { line: 1, column: 1 });
            }
            return Ok(Cow::Owned(text.into_owned()));
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            Err(ReadError::NotUnicode { line, column })
        }
    }
}

/// An XML file's text: like [`decode`], but a file whose XML declaration names another
/// encoding (`ISO-8859-1`, `windows-1252`, ...) is decoded from it, as XML requires.
pub(crate) fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    let Some(encoding) = declared_encoding(bytes) else {
        return decode(bytes);
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let valid = text.split('\u{FFFD}').next().unwrap_or("");
        let (line, column) = line_column(valid, valid.len());
        return Err(ReadError::NotUnicode { line, column });
    }
    Ok(text)
}

/// The encoding an XML declaration names, when it is neither UTF-8 nor UTF-16 (those are
/// recognised from the bytes) and encoding_rs knows it.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.iter().position(|&b| b == b'>')?;
    let declaration = std::str::from_utf8(&head[..end]).ok()?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let label = &after[1..][..after[1..].find(quote)?];
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    let unicode = [
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
    ];
    (!unicode.contains(&encoding)).then_some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_latin1_file_is_decoded_from_latin1() {
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><seg>p\xe5 g\xe5ng</seg>";
        assert!(decode_xml(bytes).unwrap().contains("p\u{e5} g\u{e5}ng"));
        let utf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><seg>på</seg>";
        assert_eq!(decode_xml(utf8.as_bytes()).unwrap(), utf8);
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nåäö<x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('<').unwrap()), (2, 4));
    }
}
