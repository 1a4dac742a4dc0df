//! Import of raw text: decoding, paragraphs from PDF-extracted lines, sentence segmentation.

mod boundaries;
mod decode;
pub mod marks;
mod paragraphs;
mod read_limit;
mod segment;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use boundaries::{
    BoundaryError, BoundaryPrf, BoundaryScore, GoldParagraphs, ends_punctuated, read_conllu,
    read_lines, score as score_boundaries, score_with as score_boundaries_with,
};
pub use decode::{DecodeError, Decoded, MAX_TEXT_BYTES, decode};
pub use paragraphs::{paragraphs, paragraphs_counting_hyphens};
pub(crate) use read_limit::{LimitedRead, read_at_most};
pub use segment::{BULLETS, RulesError, Segmenter};

/// A text file that could not be imported, with the file's name.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {path}: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot import {path}: {cause}")]
    Decode { path: PathBuf, cause: DecodeError },
    #[error("cannot import {path} ({kind}): {cause}")]
    Document {
        path: PathBuf,
        kind: &'static str,
        cause: crate::import::Problem,
    },
}

/// A paragraph and its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub sentences: Vec<String>,
}

/// Decoded text split into paragraphs of sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedText {
    pub encoding: &'static str,
    pub paragraphs: Vec<Paragraph>,
    /// What the import had to repair (bytes that were not valid in the file's encoding), for
    /// the user to check.
    pub warnings: Vec<String>,
}

impl ImportedText {
    /// Every sentence in reading order, with whether it starts a paragraph.
    pub fn sentences(&self) -> impl Iterator<Item = (&str, bool)> {
        self.paragraphs.iter().flat_map(|p| {
            p.sentences
                .iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i == 0))
        })
    }
}

/// Bytes to paragraphs of sentences.
pub fn import_bytes(bytes: &[u8], segmenter: &Segmenter) -> Result<ImportedText, DecodeError> {
    let decoded = decode(bytes)?;
    let mut imported = segment_text(&decoded.text, decoded.encoding, segmenter);
    imported.warnings = decoded.warnings;
    Ok(imported)
}

/// Splits decoded text into paragraphs and sentences.
pub fn segment_text(text: &str, encoding: &'static str, segmenter: &Segmenter) -> ImportedText {
    let paragraphs = paragraphs(text)
        .iter()
        .map(|p| Paragraph {
            sentences: segmenter.split(p).into_iter().map(str::to_string).collect(),
        })
        .collect();
    ImportedText {
        encoding,
        paragraphs,
        warnings: Vec::new(),
    }
}

/// Reads and imports a text file or a document (PDF, DOCX, ODT, HTML, EPUB, recognised by
/// content); errors name the file.
pub fn import_file(path: &Path, segmenter: &Segmenter) -> Result<ImportedText, ImportError> {
    import_file_with_report(path, segmenter).map(|(text, _)| text)
}

/// [`import_file`], also returning the cleanup report of a document (`None` for plain text,
/// whose cleanup is the long-standing one).
pub fn import_file_with_report(
    path: &Path,
    segmenter: &Segmenter,
) -> Result<(ImportedText, Option<crate::import::CleanupReport>), ImportError> {
    let bytes = read_limited(path)?;
    if crate::import::detect(&bytes) == crate::import::Detected::Kind(crate::DocumentKind::Text) {
        let text = import_bytes(&bytes, segmenter).map_err(|cause| ImportError::Decode {
            path: path.to_path_buf(),
            cause,
        })?;
        return Ok((text, None));
    }
    let document = crate::import::read_document(&bytes, path)?;
    let paragraphs = document
        .paragraphs
        .iter()
        .map(|p| Paragraph {
            sentences: segmenter.split(p).into_iter().map(str::to_string).collect(),
        })
        .collect();
    let text = ImportedText {
        encoding: document.kind.name(),
        paragraphs,
        warnings: Vec::new(),
    };
    Ok((text, Some(document.report)))
}

/// Reads a file, refusing before reading when it is larger than Tolk imports.
fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    read_at_most(path, MAX_TEXT_BYTES as u64).map_err(|error| match error {
        LimitedRead::Io(cause) => ImportError::Read {
            path: path.to_path_buf(),
            cause,
        },
        LimitedRead::TooLarge(size) => ImportError::Decode {
            path: path.to_path_buf(),
            cause: DecodeError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
            },
        },
    })
}
