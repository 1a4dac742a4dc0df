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
    assert_eq!(report.chapters, 2);
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

fn error_of(name: &str, bytes: &[u8]) -> String {
    let path = Path::new("/some/where").join(name);
    match tolk::read_document(bytes, &path) {
        Ok(document) => panic!("{name} was read: {:?}", document.paragraphs),
        Err(error) => {
            let message = error.to_string();
            assert!(message.contains(name), "{message}");
            message
        }
    }
}

#[test]
fn encrypted_and_cyclic_pdfs_are_refused_with_the_file_named() {
    if !pdftotext_or_skip() {
        return;
    }
    let message = error_of(
        "encrypted.pdf",
        &std::fs::read(fixture("encrypted.pdf")).unwrap(),
    );
    assert!(message.contains("password"), "{message}");
    error_of("cyclic.pdf", &std::fs::read(fixture("cyclic.pdf")).unwrap());
    error_of("damaged.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog");
}

#[test]
fn damaged_archives_are_refused_with_the_file_named() {
    let docx = std::fs::read(fixture("word-features.docx")).unwrap();
    error_of("half.docx", &docx[..docx.len() / 2]);
    let message = error_of("other.zip", b"PK\x03\x04 not really a zip");
    assert!(message.contains("not a DOCX, ODT or EPUB"), "{message}");
    let odt = std::fs::read(fixture("odfpy.odt")).unwrap();
    // Every truncation and every single flipped byte is an error or a reading, never a panic.
    for end in (0..odt.len()).step_by(97) {
        let _ = tolk::read_document(&odt[..end], Path::new("cut.odt"));
    }
    for at in (0..docx.len()).step_by(13) {
        let mut damaged = docx.clone();
        damaged[at] ^= 0x5A;
        let _ = tolk::read_document(&damaged, Path::new("flipped.docx"));
    }
}

#[test]
fn an_empty_document_says_so() {
    let message = error_of(
        "empty.html",
        b"<!DOCTYPE html><html><head><title>x</title></head></html>",
    );
    assert!(message.contains("no text"), "{message}");
}

fn tolk_command(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_segment_prints_a_documents_cleaned_paragraphs_and_its_report() {
    let file = fixture("word-features.docx");
    let out = tolk_command(&["segment", "--paragraphs", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .split("\n\n")
        .map(|p| p.trim_end().to_string())
        .collect();
    assert_eq!(printed, expected("word-features.docx"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("word-features.docx (DOCX): 2 footnotes/endnotes"),
        "{stderr}"
    );
}

#[test]
fn cli_new_from_documents_keeps_the_reports_in_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    let out = tolk_command(&[
        "new",
        fixture("odfpy.odt").to_str().unwrap(),
        "--target",
        fixture("page.html").to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = tolk::load_project(&project).unwrap().project;
    let notes = &loaded.meta.notes;
    assert!(notes.starts_with("source odfpy.odt (ODT): "), "{notes}");
    assert!(notes.contains("\ntarget page.html (HTML): "), "{notes}");
    assert_eq!(
        loaded.rows.first().unwrap().source,
        "Proletariatets diktatur"
    );
}
