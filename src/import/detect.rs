//! Which kind of document a file is, by its content (never by its name).

use std::io::Cursor;

/// The document kinds Tolk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Text,
    Pdf,
    Docx,
    Odt,
    Epub,
    Html,
}

impl DocumentKind {
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Text => "text",
            DocumentKind::Pdf => "PDF",
            DocumentKind::Docx => "DOCX",
            DocumentKind::Odt => "ODT",
            DocumentKind::Epub => "EPUB",
            DocumentKind::Html => "HTML",
        }
    }
}

/// A zip archive that is none of the kinds Tolk reads still has to be named in the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Kind(DocumentKind),
    /// A zip archive, but not DOCX, ODT or EPUB.
    OtherZip,
}

/// Recognises a document by its first bytes: `%PDF-`; a zip archive holding `word/document.xml`
/// (DOCX) or a `mimetype` entry naming ODF text or EPUB; markup that starts like HTML. Anything
/// else is treated as text (whose decoder refuses binary data).
pub fn detect(bytes: &[u8]) -> Detected {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Detected::Kind(DocumentKind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(bytes);
    }
    if looks_like_html(head) {
        return Detected::Kind(DocumentKind::Html);
    }
    Detected::Kind(DocumentKind::Text)
}

fn detect_zip(bytes: &[u8]) -> Detected {
    // The ODF and EPUB specifications put an uncompressed `mimetype` entry first: its content
    // sits at byte 38 ("PK\3\4" header of 30 bytes plus the 8-byte name).
    if bytes.get(30..38) == Some(b"mimetype") {
        let rest = &bytes[38..bytes.len().min(38 + 80)];
        if rest.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Detected::Kind(DocumentKind::Odt);
        }
        if rest.starts_with(b"application/epub+zip") {
            return Detected::Kind(DocumentKind::Epub);
        }
    }
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Detected::OtherZip;
    };
    if archive.index_for_name("word/document.xml").is_some() {
        return Detected::Kind(DocumentKind::Docx);
    }
    // Written by a tool that compressed or misplaced `mimetype`: look at the names.
    if archive.index_for_name("content.xml").is_some()
        && archive.index_for_name("META-INF/manifest.xml").is_some()
    {
        return Detected::Kind(DocumentKind::Odt);
    }
    if archive.index_for_name("META-INF/container.xml").is_some() {
        return Detected::Kind(DocumentKind::Epub);
    }
    Detected::OtherZip
}

/// HTML starts (after a BOM, white space and comments) with a doctype or a tag that only HTML has.
fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let lower = &lower[start..];
    if !lower.starts_with(b"<") {
        return false;
    }
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|tag| find(lower, tag).is_some())
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(detect(b"%PDF-1.4\n..."), Detected::Kind(DocumentKind::Pdf));
        assert_eq!(
            detect(b"<!DOCTYPE html><p>Hej</p>"),
            Detected::Kind(DocumentKind::Html)
        );
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\"><body>"),
            Detected::Kind(DocumentKind::Html)
        );
        assert_eq!(
            detect("Ett stycke <b> text.".as_bytes()),
            Detected::Kind(DocumentKind::Text)
        );
        assert_eq!(detect(b"PK\x03\x04garbage"), Detected::OtherZip);
    }
}
