//! Fuzz target: DOCX, ODT, EPUB and HTML bytes through `checks::document_import` (see fuzz/checks.rs).
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::document_import(bytes));
