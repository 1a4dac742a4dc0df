//! Fuzz target: arbitrary bytes loaded as a project file; what loads must save and load back
//! equal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz.json");
    if let Ok(loaded) = tolk::project_from_slice(bytes, path) {
        let again = tolk::project_to_json(&loaded.project);
        let reloaded = tolk::project_from_slice(&again, path).expect("a saved project loads");
        assert!(reloaded.repairs.is_empty(), "{:?}", reloaded.repairs);
        assert_eq!(tolk::project_to_json(&reloaded.project), again);
    }
});
