//! Fuzz target: pdftotext-like XHTML through `checks::pdf_layout` (see fuzz/checks.rs).
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::pdf_layout(bytes));
