//! Import of raw text: decoding, paragraphs from PDF-extracted lines, sentence segmentation.

mod decode;
mod paragraphs;
mod segment;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use decode::{DecodeError, Decoded, MAX_TEXT_BYTES, decode};
pub use paragraphs::paragraphs;
pub use segment::{RulesError, Segmenter};

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

/// Reads and imports a text file; errors name the file.
pub fn import_file(path: &Path, segmenter: &Segmenter) -> Result<ImportedText, ImportError> {
    let bytes = read_limited(path)?;
    import_bytes(&bytes, segmenter).map_err(|cause| ImportError::Decode {
        path: path.to_path_buf(),
        cause,
    })
}

/// Reads a file, refusing before reading when it is larger than Tolk imports.
fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let read_error = |cause| ImportError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_TEXT_BYTES as u64 {
        return Err(ImportError::Decode {
            path: path.to_path_buf(),
            cause: DecodeError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
            },
        });
    }
    std::fs::read(path).map_err(read_error)
}
