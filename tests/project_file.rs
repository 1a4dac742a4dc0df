//! The project file: round trip, atomic save with a backup, and clear errors that name the
//! file and never change it.

use std::fs;
use std::path::Path;

use tolk::{Edit, ImportedRow, Origin, Project, ProjectFileError, Side, backup_path, load_project};

mod support;

fn sample() -> Project {
    let mut project = Project::new("Proletariatets diktatur", "sv", "en");
    project.session.author = "tester".into();
    project.append_imported([
        ImportedRow {
            source: "Marxismen har ”folk”-suveräniteten, t. o. m. 1914-1918.".into(),
            target: "Marxism has \"popular\" sovereignty\teven\nin 1914–1918 & <more>.".into(),
            starts_paragraph: true,
            score: Some(0.75),
        },
        ImportedRow {
            source: "Andra raden.".into(),
            ..ImportedRow::default()
        },
    ]);
    let row = project.rows[1].id;
    project
        .apply(Edit::SetText {
            row,
            side: Side::Target,
            text: "Second line.".into(),
            origin: Origin::Typed,
        })
        .unwrap();
    project
        .milestones
        .push(tolk::Milestone::new("first draft", project.meta.modified));
    project
}

fn write(dir: &Path, name: &str, content: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path
}

#[test]
fn save_then_load_gives_an_equal_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let project = sample();
    support::save_project(&project, &path).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(loaded.repairs.is_empty());
    assert_eq!(loaded.project, project);
}

#[test]
fn the_file_is_pretty_tagged_and_keys_are_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::save_project(&sample(), &path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": \"tolk-project\",\n  \"version\": 1,\n  \"meta\": {")
    );
    assert!(text.ends_with("}\n"));
    let keys: Vec<&str> = [
        "\"id\"",
        "\"source\"",
        "\"target\"",
        "\"status\"",
        "\"locked\"",
        "\"score\"",
        "\"starts_paragraph\"",
        "\"history\"",
    ]
    .to_vec();
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| text.find(&format!("      {k}:")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "row keys in declaration order"
    );
    // Saving the same project twice gives the same bytes.
    let again = dir.path().join("q.json");
    support::save_project(&load_project(&path).unwrap().project, &again).unwrap();
    assert_eq!(fs::read(&path).unwrap(), fs::read(&again).unwrap());
}

#[test]
fn one_text_change_is_a_small_diff() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut project = sample();
    support::save_project(&project, &path).unwrap();
    let before = fs::read_to_string(&path).unwrap();
    let row = project.rows[0].id;
    project
        .apply(Edit::SetText {
            row,
            side: Side::Target,
            text: "Changed.".into(),
            origin: Origin::Typed,
        })
        .unwrap();
    support::save_project(&project, &path).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    let diff = similar::TextDiff::from_lines(&before, &after);
    let removed = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .count();
    let inserted = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Insert)
        .count();
    // The row's target line, the modified time, and one new revision (7 lines).
    assert!(removed <= 3, "{removed} lines removed");
    assert!(inserted <= 11, "{inserted} lines inserted");
}

#[test]
fn saving_keeps_the_previous_version_as_bak_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut project = sample();
    support::save_project(&project, &path).unwrap();
    let first = fs::read(&path).unwrap();
    project.meta.title = "Second".into();
    support::save_project(&project, &path).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(load_project(&path).unwrap().project.meta.title, "Second");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["p.json", "p.json.bak"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_project_is_refused_for_every_user_and_left_as_it_was() {
    // Root could write the file; Tolk refuses by its permissions all the same.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::save_project(&sample(), &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let old = fs::read(&path).unwrap();
    let error = support::save_project(&Project::new("other", "sv", "en"), &path).unwrap_err();
    assert!(
        matches!(
            error,
            ProjectFileError::Output(tolk::OutputError::ReadOnly { .. })
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("p.json") && message.contains("read-only"),
        "{message}"
    );
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "only the project, no temporary file");
}

/// Loads bad content and checks the message names the file, says `expected`, and that the
/// file is unchanged afterwards.
fn assert_refused(content: &[u8], expected: &[&str]) -> ProjectFileError {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.json", content);
    let error = load_project(&path).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("bad.json"), "{message}");
    for part in expected {
        assert!(
            message.contains(part),
            "{message:?} should contain {part:?}"
        );
    }
    assert_eq!(fs::read(&path).unwrap(), content);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing else written"
    );
    error
}

#[test]
fn not_json_names_line_and_column() {
    let error = assert_refused(
        b"{\n  \"format\": \"tolk-project\",\n  \"version\": 1,,\n}",
        &["not valid JSON", "line 3"],
    );
    assert!(
        matches!(
            error,
            ProjectFileError::NotJson {
                line: 3,
                column: 16,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn foreign_json_is_not_a_project() {
    assert_refused(
        b"{\"name\": \"x\"}",
        &["not a Tolk project", "no \"format\""],
    );
    assert_refused(
        b"{\"format\": \"other\", \"version\": 1}",
        &["not a Tolk project", "\"other\""],
    );
    assert_refused(b"[1, 2]", &["not a Tolk project", "not a JSON object"]);
    assert_refused(b"{\"format\": \"tolk-project\"}", &["no \"version\""]);
}

#[test]
fn newer_versions_are_refused_with_a_clear_message() {
    let error = assert_refused(
        b"{\"format\": \"tolk-project\", \"version\": 2, \"future\": []}",
        &["newer Tolk", "version 2"],
    );
    assert!(matches!(error, ProjectFileError::Newer { version: 2, .. }));
}

#[test]
fn missing_and_wrong_fields_are_named() {
    let good = String::from_utf8(tolk::project_to_json(&sample())).unwrap();
    let wrong_status = good.replacen("\"status\": \"draft\"", "\"status\": \"done\"", 1);
    assert_refused(
        wrong_status.as_bytes(),
        &["rows[0].status", "unknown variant `done`"],
    );
    let missing_meta = good.replacen("\"meta\"", "\"metadata\"", 1);
    assert_refused(missing_meta.as_bytes(), &["missing field `meta`"]);
    let wrong_type = good.replacen("\"id\": 1", "\"id\": \"one\"", 1);
    assert_refused(wrong_type.as_bytes(), &["rows[0].id"]);
}

#[test]
fn empty_binary_and_invalid_utf8_files_are_refused() {
    assert_refused(b"", &["not valid JSON"]);
    assert_refused(b"\x89PNG\r\n\x1a\n\0\0", &["not valid JSON"]);
    let good = tolk::project_to_json(&sample());
    let at = good.windows(6).position(|w| w == b"Andra ").unwrap();
    let mut broken = good.clone();
    broken[at] = 0xFF;
    assert_refused(&broken, &["rows[1].source", "invalid unicode"]);
}

#[test]
fn duplicate_ids_are_refused_and_a_low_next_id_is_repaired() {
    let good = String::from_utf8(tolk::project_to_json(&sample())).unwrap();
    let duplicate = good.replacen("\"id\": 2", "\"id\": 1", 1);
    assert_refused(duplicate.as_bytes(), &["row id #1 is used by rows 1 and 2"]);
    let low = good.replacen("\"next_id\": 3", "\"next_id\": 1", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "low.json", low.as_bytes());
    let loaded = load_project(&path).unwrap();
    assert_eq!(loaded.project.next_id, 3);
    assert_eq!(loaded.repairs.len(), 1);
}

#[test]
fn a_save_aimed_at_a_folder_is_refused_before_anything_is_written() {
    // A folder where the project should go: the save is refused before a temporary file is
    // made, for every user (root included). (A failure after the temporary file was written
    // is tested in tests/save_failures.rs: a full disk, and `ulimit -f` for every user.)
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), b"keep").unwrap();
    let error = support::save_project(&sample(), &path).unwrap_err();
    assert!(
        matches!(
            error,
            ProjectFileError::Output(tolk::OutputError::IsFolder { .. })
        ),
        "{error:?}"
    );
    assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "only the folder remains: {names:?}");
}
