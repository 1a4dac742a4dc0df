//! Hostile and broken input: each case gives a clear error or is repaired with a warning,
//! never a panic and never an endless loop (every test here must finish in seconds).

use std::path::Path;

use tolk::{
    ImportedRow, Project, ProjectFileError, Segmenter, import_bytes, project_from_slice,
    project_to_json, read_bilingual, review, review_counts,
};

fn sample_json() -> String {
    let mut project = Project::new("t", "sv", "en");
    project.append_imported([
        ImportedRow {
            source: "Ett.".into(),
            target: "One.".into(),
            score: Some(0.5),
            ..Default::default()
        },
        ImportedRow {
            source: "Två.".into(),
            ..Default::default()
        },
    ]);
    let mut sent = tolk::Milestone::new("sent", project.meta.modified);
    sent.marks.push(tolk::ReviewMark {
        row: tolk::RowId(1),
        verdict: tolk::Verdict::Accepted,
        revisions: 12345,
    });
    project.milestones.push(sent);
    String::from_utf8(project_to_json(&project)).unwrap()
}

fn load(text: &[u8]) -> Result<tolk::Loaded, ProjectFileError> {
    project_from_slice(text, Path::new("hostile.json"))
}

fn error_of(text: &[u8]) -> String {
    match load(text) {
        Ok(_) => panic!(
            "loaded: {}",
            String::from_utf8_lossy(&text[..text.len().min(200)])
        ),
        Err(e) => e.to_string(),
    }
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let depth = 1_000_000;
    let mut text = "[".repeat(depth);
    text.push_str(&"]".repeat(depth));
    let message = error_of(text.as_bytes());
    assert!(message.contains("not a JSON object"), "{message}");
    let nested_in_a_field = sample_json().replacen(
        "\"notes\": \"\"",
        &format!(
            "\"notes\": {}1{}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
        1,
    );
    let message = error_of(nested_in_a_field.as_bytes());
    assert!(
        message.contains("recursion limit") || message.contains("notes"),
        "{message}"
    );
}

#[test]
fn deeply_nested_xml_gives_an_error_not_a_crash() {
    let depth = 200_000;
    let xml = format!(
        "<?xml version=\"1.0\"?><tmx version=\"1.4\"><body>{}{}</body></tmx>",
        "<tu>".repeat(depth),
        "</tu>".repeat(depth)
    );
    // quick-xml reads without recursion: the call comes back (a stack overflow would abort
    // the test) with an error or the one outer unit.
    if let Ok(read) = read_bilingual(xml.as_bytes()) {
        assert!(read.units.len() <= 1);
    }
}

#[test]
fn invalid_utf8_and_lone_surrogates_in_json_strings_are_clear_errors() {
    let json = sample_json();
    let mut bytes = json.clone().into_bytes();
    let at = json.find("Ett.").unwrap();
    bytes[at] = 0xFF;
    let message = error_of(&bytes);
    assert!(message.contains("line"), "{message}");
    let surrogate = json.replacen("Ett.", "\\ud800", 1);
    let message = error_of(surrogate.as_bytes());
    assert!(
        message.contains("rows[0].source") && message.contains("escape"),
        "{message}"
    );
}

#[test]
fn nan_infinite_and_out_of_range_confidences_are_refused_or_repaired() {
    let json = sample_json();
    for bad in ["NaN", "Infinity", "-inf", "1e999"] {
        let text = json.replacen("\"score\": 0.5", &format!("\"score\": {bad}"), 1);
        assert_ne!(text, json);
        let message = error_of(text.as_bytes());
        assert!(message.contains("line"), "{bad}: {message}");
    }
    let text = json.replacen("\"score\": 0.5", "\"score\": 7.5", 1);
    let loaded = load(text.as_bytes()).unwrap();
    assert_eq!(loaded.project.rows[0].score, None);
    assert!(
        loaded.repairs[0].contains("confidence 7.5"),
        "{:?}",
        loaded.repairs
    );
    // TSV confidences are parsed by Rust, which reads "NaN": it is refused too.
    let tsv = "sv\ten\tstatus\tconfidence\nEtt.\tOne.\tdraft\tNaN\n";
    let message = read_bilingual(tsv.as_bytes()).unwrap_err().to_string();
    assert!(
        message.contains("NaN") && message.contains("line 2"),
        "{message}"
    );
}

#[test]
fn duplicate_row_ids_are_a_clear_error() {
    let json = sample_json().replacen("\"id\": 2", "\"id\": 1", 1);
    let message = error_of(json.as_bytes());
    assert!(
        message.contains("row id #1 is used by rows 1 and 2"),
        "{message}"
    );
}

#[test]
fn negative_and_out_of_range_revision_counts_and_unknown_rows_do_not_break_review() {
    let json = sample_json();
    let negative = json.replacen("\"revisions\": 12345", "\"revisions\": -1", 1);
    assert_ne!(negative, json);
    let message = error_of(negative.as_bytes());
    assert!(message.contains("revisions"), "{message}");
    for (row, revisions) in [(1, u64::MAX), (999, 3)] {
        let marked = json
            .replacen(
                "\"revisions\": 12345",
                &format!("\"revisions\": {revisions}"),
                1,
            )
            .replacen("\"row\": 1,", &format!("\"row\": {row},"), 1);
        assert_ne!(marked, json);
        let loaded = load(marked.as_bytes()).unwrap();
        let counts = review_counts(&loaded.project, "sent").unwrap();
        assert_eq!(
            counts.accepted, 0,
            "a stale or foreign mark accepts nothing"
        );
        review(&loaded.project, "sent").unwrap();
    }
    let negative_id = json.replacen("\"id\": 2", "\"id\": -2", 1);
    assert!(error_of(negative_id.as_bytes()).contains("rows[1].id"));
}

#[test]
fn a_huge_next_id_is_an_error_or_a_repair_never_an_overflow() {
    let json = sample_json();
    let at_max = json.replacen("\"id\": 2", &format!("\"id\": {}", u64::MAX), 1);
    assert_ne!(at_max, json);
    let message = error_of(at_max.as_bytes());
    assert!(message.contains("above 9007199254740992"), "{message}");
    let next_at_max = json.replacen("\"next_id\": 3", &format!("\"next_id\": {}", u64::MAX), 1);
    assert_ne!(next_at_max, json);
    assert!(error_of(next_at_max.as_bytes()).contains("next_id"));
}

#[test]
fn a_100_mb_single_line_imports_in_linear_time() {
    let line = "ord ".repeat(25 * 1024 * 1024);
    let started = std::time::Instant::now();
    let text = import_bytes(line.as_bytes(), Segmenter::for_language("sv")).unwrap();
    assert_eq!(text.paragraphs.len(), 1);
    assert_eq!(text.paragraphs[0].sentences.len(), 1);
    eprintln!("100 MB line imported in {:?}", started.elapsed());
}

#[test]
fn a_million_rows_of_tsv_import() {
    let mut tsv = String::from("sv\ten\tstatus\tconfidence\n");
    for i in 0..1_000_000 {
        tsv.push_str(&format!("Rad {i}.\tRow {i}.\n"));
    }
    let started = std::time::Instant::now();
    let read = read_bilingual(tsv.as_bytes()).unwrap();
    assert_eq!(read.units.len(), 1_000_000);
    eprintln!("1,000,000 TSV rows read in {:?}", started.elapsed());
}

/// A sparse file: as large as the limit says, but taking no disk and no time to make.
fn sparse_file(dir: &Path, name: &str, size: u64) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().set_len(size).unwrap();
    path
}

#[test]
fn texts_and_bilingual_files_above_the_limits_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let text = sparse_file(dir.path(), "big.txt", 1 << 30);
    let started = std::time::Instant::now();
    let error = tolk::import_file(&text, Segmenter::for_language("sv")).unwrap_err();
    assert!(
        error.to_string().contains("largest text Tolk imports"),
        "{error}"
    );
    let tmx = sparse_file(dir.path(), "big.tmx", tolk::MAX_BILINGUAL_BYTES + 1);
    let error = tolk::import_bilingual_file(&tmx, "t").unwrap_err();
    assert!(
        error.to_string().contains("largest bilingual file"),
        "{error}"
    );
    // Reading 1 GB of zeros would take far longer than this.
    assert!(started.elapsed() < std::time::Duration::from_millis(500));
}
