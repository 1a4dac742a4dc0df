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

/// Whether pdftotext is here; without it the PDF tests are skipped, unless
/// TOLK_REQUIRE_PDFTOTEXT is set (CI), which makes them fail.
fn pdftotext_or_skip() -> bool {
    if tolk::pdftotext_available() {
        return true;
    }
    assert!(
        std::env::var_os("TOLK_REQUIRE_PDFTOTEXT").is_none(),
        "TOLK_REQUIRE_PDFTOTEXT is set but pdftotext is missing (apt-get install poppler-utils)"
    );
    eprintln!("pdftotext not found: PDF tests skipped");
    false
}

#[test]
fn pdf_columns_footnotes_hyphens_headers_page_numbers() {
    if !pdftotext_or_skip() {
        return;
    }
    let report = check("features.pdf", tolk::DocumentKind::Pdf);
    assert_eq!(report.headers_footers, 2);
    assert_eq!(report.page_numbers, 2);
    assert_eq!(report.notes_moved, 2);
    assert_eq!(report.note_markers, 2);
    assert_eq!(
        report.hyphens_joined, 3,
        "tak-tiken, produk-tionsmedlen, med-lemskap"
    );
}

#[test]
fn pdf_of_the_seed_gives_the_seed_paragraphs_and_sentences() {
    if !pdftotext_or_skip() {
        return;
    }
    let document = read("kamenev.pdf");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let want: Vec<String> = std::fs::read_to_string(data.join("kamenev.paragraphs.txt"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for (i, (got, want)) in document.paragraphs.iter().zip(&want).enumerate() {
        assert_eq!(got, want, "paragraph {}", i + 1);
    }
    assert_eq!(document.paragraphs.len(), 49);
    let segmenter = tolk::Segmenter::for_language("sv");
    let sentences: usize = document
        .paragraphs
        .iter()
        .map(|p| segmenter.split(p).len())
        .sum();
    assert_eq!(sentences, 130);
    assert_eq!(document.report.pages, 6);
    assert_eq!(
        document.report.headers_footers, 5,
        "the running header on pages 2-6"
    );
    assert_eq!(document.report.page_numbers, 6);
}

#[test]
fn pdf_without_a_text_layer_names_ocr() {
    if !pdftotext_or_skip() {
        return;
    }
    let path = fixture("scanned.pdf");
    let error = tolk::read_document(&std::fs::read(&path).unwrap(), &path)
        .unwrap_err()
        .to_string();
    assert!(error.contains("scanned.pdf"), "{error}");
    assert!(
        error.contains("ocrmypdf") && error.contains("tesseract"),
        "{error}"
    );
}
