//! Document import (PDF, DOCX, ODT, HTML, EPUB) against hand-checked fixtures in
//! tests/data/documents: each FILE has FILE.expected.txt, one paragraph a line, compared exactly.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents")
        .join(name)
}

fn expected(name: &str) -> Vec<String> {
    let path = fixture(&format!("{name}.expected.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

fn read(name: &str) -> tolk::ImportedDocument {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    tolk::read_document(&bytes, &path).unwrap_or_else(|e| panic!("{e}"))
}

fn check(name: &str, kind: tolk::DocumentKind) -> tolk::CleanupReport {
    let document = read(name);
    assert_eq!(document.kind, kind, "{name}");
    let want = expected(name);
    for (i, (got, want)) in document.paragraphs.iter().zip(&want).enumerate() {
        assert_eq!(got, want, "{name}: paragraph {}", i + 1);
    }
    assert_eq!(
        document.paragraphs.len(),
        want.len(),
        "{name}: paragraph count"
    );
    document.report
}

#[test]
fn docx_by_python_docx_headings_lists_tables_hidden_text() {
    let report = check("python-docx.docx", tolk::DocumentKind::Docx);
    assert_eq!(report.fields_dropped, 1, "the hidden run");
}

#[test]
fn docx_tracked_changes_notes_fields_and_text_boxes() {
    let report = check("word-features.docx", tolk::DocumentKind::Docx);
    assert_eq!(report.deletions_dropped, 1);
    assert_eq!(report.notes_moved, 2);
    assert_eq!(
        report.fields_dropped, 2,
        "PAGE and DATE; the hyperlink's text stays"
    );
}

#[test]
fn odt_by_odfpy_notes_tracked_changes_fields() {
    let report = check("odfpy.odt", tolk::DocumentKind::Odt);
    assert_eq!(report.deletions_dropped, 1);
    assert_eq!(report.notes_moved, 1);
    assert_eq!(report.fields_dropped, 1);
}

#[test]
fn epub_by_ebooklib_in_spine_order_without_nav() {
    let report = check("ebooklib.epub", tolk::DocumentKind::Epub);
    assert_eq!(report.pages, 2);
}

#[test]
fn html_page_with_legacy_charset() {
    check("page.html", tolk::DocumentKind::Html);
}
