//! The `tolk` command line end to end: segment, new, stats, and its error behaviour.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

fn tolk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_AUTHOR", "cli-test")
        .output()
        .expect("tolk runs")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kamenev.source.txt")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn segment_prints_the_fixture_sentences() {
    let output = tolk(&["segment", seed().to_str().unwrap(), "--lang", "sv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kamenev.sentences.txt"),
    )
    .unwrap();
    assert_eq!(stdout(&output), expected);
}

#[test]
fn segment_takes_a_user_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(&text, "Se anf. Arbete om saken.\n").unwrap();
    let plain = tolk(&["segment", text.to_str().unwrap()]);
    assert_eq!(stdout(&plain), "Se anf.\nArbete om saken.\n");
    let rules = dir.path().join("rules.txt");
    fs::write(&rules, "# mina förkortningar\nanf.\n").unwrap();
    let with_rules = tolk(&[
        "segment",
        text.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&with_rules), "Se anf. Arbete om saken.\n");
}

#[test]
fn new_then_stats() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("en.txt");
    fs::write(
        &target,
        "The first sentence. The second one!\n\nA new paragraph. And one more.\n",
    )
    .unwrap();
    let source = dir.path().join("sv.txt");
    fs::write(
        &source,
        "Den första meningen. Den andra!\n\nEtt nytt stycke. Och en till.\n",
    )
    .unwrap();
    let project = dir.path().join("p.json");
    let output = tolk(&[
        "new",
        source.to_str().unwrap(),
        "--target",
        target.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let loaded = tolk::load_project(&project).unwrap().project;
    let pairs: Vec<(&str, &str)> = loaded
        .rows
        .iter()
        .map(|r| (r.source.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Den första meningen.", "The first sentence."),
            ("Den andra!", "The second one!"),
            ("Ett nytt stycke.", "A new paragraph."),
            ("Och en till.", "And one more."),
        ]
    );
    assert_eq!(loaded.rows.iter().filter(|r| r.starts_paragraph).count(), 2);
    assert_eq!(loaded.rows[0].history[0].author, "cli-test");

    let stats = stdout(&tolk(&["stats", project.to_str().unwrap()]));
    assert!(stats.contains("rows: 4 (0 locked)"), "{stats}");
    assert!(stats.contains("source words: 11"), "{stats}");
    assert!(stats.contains("target words: 12"), "{stats}");
    assert!(
        stats.contains("draft: 4") && stats.contains("untranslated: 0"),
        "{stats}"
    );
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    fs::write(&project, b"precious").unwrap();
    let output = tolk(&[
        "new",
        seed().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("exists already"));
    assert_eq!(fs::read(&project).unwrap(), b"precious");
    let forced = tolk(&[
        "new",
        seed().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--force",
    ]);
    assert!(forced.status.success());
    assert_eq!(fs::read(tolk::backup_path(&project)).unwrap(), b"precious");
}

#[test]
fn errors_are_one_line_on_stderr_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("image.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, b"").unwrap();
    let bad_json = dir.path().join("bad.json");
    fs::write(&bad_json, b"{\"format\": ").unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["segment", binary.to_str().unwrap()], "not a text file"),
        (&["segment", empty.to_str().unwrap()], "empty"),
        (
            &["stats", bad_json.to_str().unwrap()],
            "not valid JSON (line 1, column 11)",
        ),
        (
            &["stats", "/no/such/project.json"],
            "cannot read /no/such/project.json",
        ),
    ];
    for (args, expected) in cases {
        let output = tolk(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            message.starts_with("tolk: ") && message.contains(expected),
            "{args:?}: {message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn help_is_there_for_every_command() {
    for command in ["segment", "new", "stats"] {
        let output = tolk(&[command, "--help"]);
        assert!(output.status.success());
        assert!(stdout(&output).contains("Usage: tolk"), "{command}");
    }
}

#[test]
fn edit_applies_scripted_operations_through_the_edit_api() {
    let dir = tempfile::tempdir().unwrap();
    let mut start = tolk::Project::new("t", "sv", "en");
    start.append_imported(
        [("Ett. Två.", "One. Two."), ("Tre.", ""), ("", "Three.")].map(|(s, t)| {
            tolk::ImportedRow {
                source: s.into(),
                target: t.into(),
                ..tolk::ImportedRow::default()
            }
        }),
    );
    let project = dir.path().join("p.json");
    support::save_project(&start, &project).unwrap();
    let p = project.to_str().unwrap();
    let output = tolk(&[
        "edit",
        p,
        "split:1:1:1",
        "merge:3",
        "target:2=Two!",
        "status:1-2=translated",
        "lock:all",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let loaded = tolk::load_project(&project).unwrap().project;
    let rows: Vec<(&str, &str, tolk::Status, bool)> = loaded
        .rows
        .iter()
        .map(|r| (r.source.as_str(), r.target.as_str(), r.status, r.locked))
        .collect();
    assert!(rows.iter().all(|r| r.3), "all locked");
    let texts: Vec<(&str, &str)> = rows.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        texts,
        [("Ett.", "One."), ("Två.", "Two!"), ("Tre.", "Three.")]
    );
    assert_eq!(
        (rows[0].2, rows[1].2),
        (tolk::Status::Translated, tolk::Status::Translated)
    );
    // A refused operation saves nothing.
    let before = fs::read(&project).unwrap();
    let refused = tolk(&["edit", p, "merge:1"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("locked"), "{}", stderr(&refused));
    assert_eq!(fs::read(&project).unwrap(), before);
}
