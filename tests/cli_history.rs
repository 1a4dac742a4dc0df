//! `tolk diff` and `tolk milestone` end to end on the fixture project tests/data/history.json
//! (a milestone "sent to reviewer", then an edit, a source correction, a split and a
//! whitespace fix; one row already accepted) and its older copy history.old.json.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tolk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_AUTHOR", "cli-test")
        .env("TZ", "UTC")
        .output()
        .expect("tolk runs")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "tolk failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn diff_since_a_milestone_as_plain_text_when_piped() {
    let output = tolk(&[
        "diff",
        path(&data("history.json")),
        "--since",
        "sent to reviewer",
    ]);
    assert_eq!(
        stdout(&output),
        "\
changes since milestone \"sent to reviewer\" (2026-11-20T12:00:00Z): 4 changed, 1 accepted, 0 reverted, 3 remaining

#1 edited, accepted
  target: Marxism has repeatedly [-pointed-]{+emphasised+} this[- out-].

#2 edited, remaining
  source: [-Långsamhet-]{+Långsamheten+} i deras anpassning var ”naturlig”.

#4 #6 split, remaining
  (text unchanged)

#5 edited, remaining
  target: Two[-  -]{+ +}spaces.
"
    );
}

#[test]
fn diff_since_a_date() {
    let output = tolk(&[
        "diff",
        path(&data("history.json")),
        "--since",
        "2026-11-21T08:30:00Z",
    ]);
    let text = stdout(&output);
    assert!(
        text.starts_with("changes since 2026-11-21T08:30:00Z: 1 edited, 1 split\n"),
        "{text}"
    );
    let day = stdout(&tolk(&[
        "diff",
        path(&data("history.json")),
        "--since",
        "2026-11-22",
    ]));
    assert!(
        day.starts_with("changes since 2026-11-22T00:00:00Z: 1 edited\n"),
        "{day}"
    );
}

#[test]
fn diff_as_json_has_counts_states_and_spans() {
    let output = tolk(&[
        "diff",
        path(&data("history.json")),
        "--since",
        "sent to reviewer",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["milestone"], "sent to reviewer");
    assert_eq!(json["since"], "2026-11-20T12:00:00Z");
    assert_eq!(
        json["counts"],
        serde_json::json!({"changed": 4, "accepted": 1, "reverted": 0, "remaining": 3})
    );
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4);
    assert_eq!(changes[0]["state"], "accepted");
    assert_eq!(changes[2]["kind"], "split");
    assert_eq!(changes[2]["rows"], serde_json::json!([4, 6]));
    let source = &changes[1]["source"];
    assert_eq!(
        source[0],
        serde_json::json!({
            "kind": "deleted",
            "text": "Långsamhet",
            "chars": [{"changed": false, "text": "Långsamhet"}]
        })
    );
    assert_eq!(
        source[1]["chars"],
        serde_json::json!([
            {"changed": false, "text": "Långsamhet"},
            {"changed": true, "text": "en"}
        ])
    );
}

#[test]
fn diff_of_two_copies_matches_rows_by_id() {
    let output = tolk(&[
        "diff",
        path(&data("history.old.json")),
        path(&data("history.json")),
    ]);
    let text = stdout(&output);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headers,
        [
            "#1 edited",
            "#2 edited",
            "#4 edited",
            "#6 added",
            "#5 edited",
            "#7 removed"
        ]
    );
    assert!(text.contains("  source: Kriget kom.[- Sedan freden.-]\n"));
    assert!(text.contains("  target: {+Then peace.+}\n"));
    assert!(text.contains("  source: [-En struken mening.-]\n"));
    let json = tolk(&[
        "diff",
        path(&data("history.old.json")),
        path(&data("history.json")),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert!(json["old"].as_str().unwrap().ends_with("history.old.json"));
    assert_eq!(json["changes"][5]["kind"], "removed");
    assert!(json.get("counts").is_none());
}

#[test]
fn diff_as_html_is_a_page_with_del_ins_and_marks() {
    let output = tolk(&[
        "diff",
        path(&data("history.json")),
        "--since",
        "sent to reviewer",
        "--format",
        "html",
    ]);
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>Långsamhet</del><ins>Långsamhet<mark>en</mark></ins>"));
    assert!(html.contains("<del class=\"ws\">  </del><ins class=\"ws\"> </ins>"));
    assert!(html.contains("var ”naturlig”."));
}

#[test]
fn diff_refuses_an_unknown_milestone_and_names_the_known_ones() {
    let output = tolk(&["diff", path(&data("history.json")), "--since", "final"]);
    assert!(!output.status.success());
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.starts_with("tolk: \"final\" is neither a milestone"),
        "{error}"
    );
    assert!(error.contains("\"sent to reviewer\""), "{error}");
}

#[test]
fn milestone_adds_saves_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    fs::copy(data("history.json"), &project).unwrap();
    let added = tolk(&["milestone", path(&project), "second round"]);
    assert!(added.status.success(), "{added:?}");
    assert!(
        dir.path().join("p.json.bak").exists(),
        "saved with a backup"
    );
    let list = stdout(&tolk(&["milestone", path(&project), "--list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        "sent to reviewer\t2026-11-20T12:00:00Z\t4 changed, 1 accepted, 0 reverted, 3 remaining"
    );
    assert!(lines[1].starts_with("second round\t"), "{list}");
    assert!(lines[1].ends_with("\t0 changed, 0 accepted, 0 reverted, 0 remaining"));
    // Nothing changed since the new milestone.
    let since = stdout(&tolk(&["diff", path(&project), "--since", "second round"]));
    assert!(since.contains("0 changed"), "{since}");
    let again = tolk(&["milestone", path(&project), "second round"]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("exists already"),
        "{again:?}"
    );
}
