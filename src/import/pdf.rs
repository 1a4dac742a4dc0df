//! PDF placeholder.
use super::{Problem, ReadDocument};
pub const PDFTOTEXT: &str = "pdftotext";
pub fn pdftotext_available() -> bool {
    false
}
pub fn read(_bytes: &[u8]) -> Result<ReadDocument, Problem> {
    Err(Problem::PdfToolMissing)
}
