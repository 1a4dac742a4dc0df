//! Fuzz target: arbitrary bytes read as TMX, XLIFF 2.0/1.2 or TSV (detected, then parsed).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = tolk::detect_format(bytes);
    let _ = tolk::read_bilingual(bytes);
});
