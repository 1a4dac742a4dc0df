//! Documents other than plain text (PDF, DOCX, ODT, HTML, EPUB), recognised by their content
//! and read into paragraphs plus a report of what the cleanup removed. One file per format;
//! each has the same shape: `read(&[u8]) -> Result<ReadDocument, Problem>`.

mod archive;
mod detect;
mod docx;
mod epub;
mod flow;
mod html;
mod odt;
mod pdf;
mod pdf_clean;
mod report;
mod xml;

use std::path::Path;

use thiserror::Error;

pub use archive::MAX_UNPACKED_BYTES;
pub use detect::{Detected, DocumentKind, detect};
pub use pdf::{PDFTOTEXT, pdftotext_available};
pub use report::CleanupReport;

use crate::text::{DecodeError, ImportError, MAX_TEXT_BYTES};

/// Why a document could not be read (the file's name is added by [`ImportError`]).
#[derive(Debug, Error)]
pub enum Problem {
    #[error(
        "the file is {size} bytes; the largest document Tolk imports is {MAX_TEXT_BYTES} bytes"
    )]
    TooLarge { size: usize },
    #[error("its parts unpack to more than {limit} bytes (a zip bomb?); Tolk refuses it")]
    TooLargeUnpacked { limit: u64 },
    #[error("it is encrypted or password-protected; save an unprotected copy and import that")]
    Encrypted,
    #[error("it is damaged or not what it seems: {0}")]
    Malformed(String),
    #[error(
        "it is a zip archive but not a DOCX, ODT or EPUB document (Tolk reads PDF, DOCX, ODT, HTML, EPUB and plain text)"
    )]
    OtherZip,
    #[error("it contains no text")]
    NoText,
    #[error(
        "its {pages} page(s) have no text layer (scanned images?): run OCR first, for example `ocrmypdf --language swe in.pdf out.pdf` (ocrmypdf uses tesseract), then import the result"
    )]
    NoTextLayer { pages: usize },
    #[error(
        "reading PDF needs poppler's `pdftotext`, which was not found; install it (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) or set TOLK_PDFTOTEXT to its path"
    )]
    PdfToolMissing,
    #[error("pdftotext could not read it: {0}")]
    PdfTool(String),
    #[error("{0}")]
    Text(DecodeError),
}

/// What a format reader returns: paragraphs (one line of text each) and its cleanup report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadDocument {
    pub paragraphs: Vec<String>,
    pub report: CleanupReport,
}

/// A document read from bytes: its kind, paragraphs and cleanup report.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDocument {
    pub kind: DocumentKind,
    pub paragraphs: Vec<String>,
    pub report: CleanupReport,
}

/// Reads any document Tolk knows (plain text included), recognised by content; `name` is
/// the file's name for messages. Plain text gets the PDF-text cleanup of [`crate::paragraphs`].
pub fn read_document(bytes: &[u8], name: &Path) -> Result<ImportedDocument, ImportError> {
    let kind = match detect(bytes) {
        Detected::Kind(kind) => kind,
        Detected::OtherZip => return Err(error(name, "zip", Problem::OtherZip)),
    };
    let fail = |problem| error(name, kind.name(), problem);
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(fail(Problem::TooLarge { size: bytes.len() }));
    }
    let read = match kind {
        DocumentKind::Text => read_text(bytes),
        DocumentKind::Pdf => pdf::read(bytes),
        DocumentKind::Docx => docx::read(bytes),
        DocumentKind::Odt => odt::read(bytes),
        DocumentKind::Epub => epub::read(bytes),
        DocumentKind::Html => html::read(bytes),
    }
    .map_err(fail)?;
    if read.paragraphs.is_empty() {
        return Err(fail(Problem::NoText));
    }
    Ok(ImportedDocument {
        kind,
        paragraphs: read.paragraphs,
        report: CleanupReport {
            format: kind.name(),
            ..read.report
        },
    })
}

/// The PDF cleanup alone, on pdftotext's `-bbox-layout` XHTML (for the fuzz target and tests,
/// which cannot run pdftotext on every input).
pub fn clean_pdf_layout(xhtml: &str) -> Result<ReadDocument, Problem> {
    Ok(pdf_clean::clean(&pdf::parse_bbox(xhtml)?))
}

fn read_text(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let decoded = crate::text::decode(bytes).map_err(Problem::Text)?;
    let (paragraphs, hyphens_joined) = crate::text::paragraphs_counting_hyphens(&decoded.text);
    Ok(ReadDocument {
        paragraphs,
        report: CleanupReport {
            hyphens_joined,
            ..CleanupReport::default()
        },
    })
}

fn error(name: &Path, kind: &'static str, problem: Problem) -> ImportError {
    match problem {
        // Text errors keep the message text import has always given.
        Problem::Text(cause) => ImportError::Decode {
            path: name.to_path_buf(),
            cause,
        },
        cause => ImportError::Document {
            path: name.to_path_buf(),
            kind,
            cause,
        },
    }
}
