//! The fuzz targets' bodies, shared by the fuzz targets (fuzz/fuzz_targets) and the test that
//! replays the seed corpus and every crash found (tests/fuzz_regressions.rs).
//!
//! Each takes arbitrary bytes and panics only on a real fault: a panic in Tolk's core, or a
//! broken promise checked here.

/// Text import: bytes to paragraphs of sentences.
pub fn text_import(bytes: &[u8]) {
    for lang in ["sv", "en"] {
        if let Ok(text) = tolk::import_bytes(bytes, tolk::Segmenter::for_language(lang)) {
            // Import keeps text: no sentence is blank.
            for (sentence, _) in text.sentences() {
                assert!(!sentence.trim().is_empty(), "blank sentence");
            }
        }
    }
}

/// Segmentation of arbitrary text, and the same text read as a user rules file.
pub fn segment(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let segmenter = tolk::Segmenter::for_language("sv");
    let mut end = 0;
    for span in segmenter.sentence_spans(text) {
        // In order, not overlapping, on character boundaries.
        assert!(span.start >= end && span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        end = span.end;
    }
    if let Ok(custom) = segmenter.clone().with_rules(text) {
        let _ = custom.split("Dr. Smith kom. Han gick, t.ex. hem. Sedan?");
    }
}

/// Project JSON: whatever loads saves, and loads back to the same file without repairs.
pub fn project_json(bytes: &[u8]) {
    let path = std::path::Path::new("fuzz.json");
    if let Ok(loaded) = tolk::project_from_slice(bytes, path) {
        let again = tolk::project_to_json(&loaded.project);
        let reloaded = tolk::project_from_slice(&again, path).expect("a saved project loads");
        assert!(reloaded.repairs.is_empty(), "{:?}", reloaded.repairs);
        assert_eq!(tolk::project_to_json(&reloaded.project), again);
    }
}

/// TMX, XLIFF 2.0/1.2 and TSV: detection, parsing, and turning the units into a project.
pub fn bilingual_import(bytes: &[u8]) {
    let _ = tolk::detect_format(bytes);
    if let Ok(read) = tolk::read_bilingual(bytes) {
        let project = read.into_project("fuzz", "fuzzer");
        let mut copy = project.clone();
        assert!(copy.check_and_repair().is_ok_and(|r| r.is_empty()));
    }
}

/// One imported paragraph: one line of text, not blank, no surrounding white space.
fn check_paragraphs(paragraphs: &[String]) {
    for paragraph in paragraphs {
        assert!(!paragraph.trim().is_empty(), "blank paragraph");
        assert_eq!(paragraph.trim(), paragraph, "untrimmed paragraph");
        assert!(!paragraph.contains('\n'), "line break inside a paragraph");
    }
}

/// Documents (DOCX, ODT, EPUB, HTML; PDF goes through pdftotext, fuzzed as `pdf_layout`).
pub fn document_import(bytes: &[u8]) {
    if tolk::detect_document(bytes) == tolk::Detected::Kind(tolk::DocumentKind::Pdf) {
        return;
    }
    if let Ok(document) = tolk::read_document(bytes, std::path::Path::new("fuzz.docx")) {
        assert!(!document.paragraphs.is_empty(), "a document read has text");
        check_paragraphs(&document.paragraphs);
    }
}

/// The PDF cleanup on pdftotext-like XHTML (boxes and words).
pub fn pdf_layout(bytes: &[u8]) {
    let Ok(xhtml) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(document) = tolk::clean_pdf_layout(xhtml) {
        check_paragraphs(&document.paragraphs);
    }
}
