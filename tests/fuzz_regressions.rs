//! Replays the fuzz seed corpus (fuzz/seeds) and every input a fuzzer found a fault with
//! (fuzz/regressions) through the fuzz targets' checks, so a fixed crash stays fixed.

use std::path::Path;

#[path = "../fuzz/checks.rs"]
mod checks;

/// Runs `check` on every file in fuzz/seeds/TARGET and fuzz/regressions/TARGET; returns how
/// many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for kind in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            eprintln!("{}", path.display());
            check(&std::fs::read(&path).unwrap());
            count += 1;
        }
    }
    count
}

#[test]
fn text_import_inputs() {
    assert!(replay("text_import", checks::text_import) > 0);
}

#[test]
fn segment_inputs() {
    assert!(replay("segment", checks::segment) > 0);
}

#[test]
fn project_json_inputs() {
    assert!(replay("project_json", checks::project_json) > 0);
}

#[test]
fn bilingual_import_inputs() {
    assert!(replay("bilingual_import", checks::bilingual_import) > 0);
}

#[test]
fn document_import_inputs() {
    assert!(replay("document_import", checks::document_import) > 0);
}

#[test]
fn pdf_layout_inputs() {
    assert!(replay("pdf_layout", checks::pdf_layout) > 0);
}
