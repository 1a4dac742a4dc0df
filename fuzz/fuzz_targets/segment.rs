//! Fuzz target: sentence segmentation of arbitrary text, with built-in and user rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let segmenter = tolk::Segmenter::for_language("sv");
    let spans = segmenter.sentence_spans(text);
    // Spans are in order, do not overlap, and lie on character boundaries.
    let mut end = 0;
    for span in &spans {
        assert!(span.start >= end && span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        end = span.end;
    }
    // The same text read as a user rules file: an error or a segmenter, never a panic.
    if let Ok(custom) = segmenter.clone().with_rules(text) {
        let _ = custom.split("Dr. Smith kom. Han gick, t.ex. hem. Sedan?");
    }
});
