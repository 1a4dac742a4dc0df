//! Fuzz target: arbitrary bytes through text import (decoding, paragraphs, sentences).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for lang in ["sv", "en"] {
        if let Ok(text) = tolk::import_bytes(bytes, tolk::Segmenter::for_language(lang)) {
            // Import keeps text: no sentence is empty or carries surrounding whitespace.
            for (sentence, _) in text.sentences() {
                assert!(!sentence.trim().is_empty());
            }
        }
    }
});
