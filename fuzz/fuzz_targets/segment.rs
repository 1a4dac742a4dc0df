//! Fuzz target: arbitrary bytes through `checks::segment` (see fuzz/checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::segment(bytes));
