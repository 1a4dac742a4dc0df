//! Changes made by others: a project changed on disk is never overwritten silently, and two
//! Tolks never edit one project at once (lock file, stale-lock take-over, read-only open).

use std::fs;
use std::path::Path;
use std::process::Command;

use tolk::{
    Document, Edit, ImportedRow, Origin, Project, ProjectFileError, Side, load_project, lock_path,
};

mod support;

fn project(target: &str) -> Project {
    let mut p = Project::new("t", "sv", "en");
    p.append_imported([ImportedRow {
        source: "Ett.".into(),
        target: target.into(),
        ..Default::default()
    }]);
    p
}

fn edit(doc: &mut Document, text: &str) {
    let row = doc.project().rows[0].id;
    let edit = Edit::SetText {
        row,
        side: Side::Target,
        text: text.into(),
        origin: Origin::Typed,
    };
    doc.apply(edit, "tester").unwrap();
}

fn target_on_disk(path: &Path) -> String {
    load_project(path).unwrap().project.rows[0].target.clone()
}

#[test]
fn saving_over_a_file_changed_by_someone_else_is_refused_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let (mut doc, _) = Document::open(&path).unwrap();
    edit(&mut doc, "mine");
    // Another program rewrites the file with the same size and an older modification time.
    support::write_as_another_program(&project("theirs!!"), &path).unwrap();
    let old_time = fs::metadata(&path).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old_time - std::time::Duration::from_secs(3600))
        .unwrap();
    assert!(doc.changed_on_disk().unwrap());
    let err = doc.save().unwrap_err();
    assert!(
        matches!(err, ProjectFileError::ChangedOnDisk { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("changed on disk"));
    assert_eq!(target_on_disk(&path), "theirs!!");
    assert!(doc.is_dirty());
    // The background form of the same save refuses too.
    assert!(matches!(
        doc.save_job(false).unwrap().run(),
        Err(ProjectFileError::ChangedOnDisk { .. })
    ));
    // Overwriting is a choice: it works, and the replaced file is kept as .bak.
    doc.save_overwriting().unwrap();
    assert_eq!(target_on_disk(&path), "mine");
    assert_eq!(target_on_disk(&tolk::backup_path(&path)), "theirs!!");
    assert!(!doc.is_dirty());
    // After the overwrite the document knows the file again: the next save goes through.
    edit(&mut doc, "mine again");
    doc.save().unwrap();
    assert_eq!(target_on_disk(&path), "mine again");
}

#[test]
fn reload_takes_what_is_on_disk_and_drops_the_undo_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let (mut doc, _) = Document::open(&path).unwrap();
    edit(&mut doc, "mine");
    let generation = doc.generation();
    support::write_as_another_program(&project("theirs"), &path).unwrap();
    doc.reload().unwrap();
    assert_eq!(doc.project().rows[0].target, "theirs");
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo());
    assert!(doc.generation() > generation, "views must see the change");
    assert!(!doc.changed_on_disk().unwrap());
    edit(&mut doc, "after reload");
    doc.save().unwrap();
    assert_eq!(target_on_disk(&path), "after reload");
}

#[test]
fn save_as_elsewhere_keeps_the_changed_file_and_moves_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let other = dir.path().join("q.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let (mut doc, _) = Document::open(&path).unwrap();
    edit(&mut doc, "mine");
    support::write_as_another_program(&project("theirs"), &path).unwrap();
    doc.save_as(&other).unwrap();
    assert_eq!(target_on_disk(&path), "theirs");
    assert_eq!(target_on_disk(&other), "mine");
    assert!(!lock_path(&path).exists(), "the old lock is released");
    assert!(lock_path(&other).exists());
    drop(doc);
    assert!(!lock_path(&other).exists());
}

fn host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn an_open_is_refused_while_another_process_holds_the_lock_and_read_only_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    // Another live process "has it open".
    let mut other = Command::new("sleep").arg("30").spawn().unwrap();
    let lock = format!("pid={}\nhost={}\ntoken=t\n", other.id(), host());
    fs::write(lock_path(&path), &lock).unwrap();
    let err = Document::open(&path).unwrap_err();
    assert!(matches!(err, ProjectFileError::Locked(_)), "{err}");
    assert!(err.to_string().contains("open in another Tolk"), "{err}");
    let (mut viewer, _) = Document::open_read_only(&path).unwrap();
    assert!(viewer.is_read_only());
    edit(&mut viewer, "viewer");
    assert!(matches!(
        viewer.save(),
        Err(ProjectFileError::ReadOnly { .. })
    ));
    assert_eq!(target_on_disk(&path), "original");
    let copy = dir.path().join("copy.json");
    viewer.save_as(&copy).unwrap();
    assert!(!viewer.is_read_only());
    assert_eq!(target_on_disk(&copy), "viewer");
    assert_eq!(
        fs::read_to_string(lock_path(&path)).unwrap(),
        lock,
        "not ours to remove"
    );
    other.kill().unwrap();
    other.wait().unwrap();
    let (doc, warnings) = Document::open(&path).unwrap();
    assert!(doc.is_locked());
    assert!(
        warnings.iter().any(|w| w.contains("taken over")),
        "{warnings:?}"
    );
}

#[test]
fn restoring_the_recovery_of_the_open_project_keeps_it_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let (mut doc, _) = Document::open(&path).unwrap();
    edit(&mut doc, "unsaved work");
    doc.write_recovery().unwrap();
    let (restored, _) = tolk::restore_recovery(&path).unwrap();
    assert!(restored.is_locked());
    drop(doc);
    assert!(lock_path(&path).exists(), "the restored document holds it");
    assert_eq!(restored.project().rows[0].target, "unsaved work");
    drop(restored);
    assert!(!lock_path(&path).exists());
}

fn tolk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_AUTHOR", "tester")
        .output()
        .unwrap()
}

#[test]
fn the_cli_refuses_to_save_a_project_open_in_another_tolk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let held = Document::open(&path).unwrap();
    let out = tolk(&["milestone", path.to_str().unwrap(), "sent"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("open in another Tolk"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), before);
    let text = dir.path().join("source.txt");
    fs::write(&text, "En mening. En till.\n").unwrap();
    let out = tolk(&[
        "new",
        "--force",
        "--wait",
        "0",
        "-o",
        path.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "new --force must not replace it");
    assert!(stderr.contains("open in another Tolk"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), before);
    drop(held);
    let out = tolk(&["milestone", path.to_str().unwrap(), "sent"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(load_project(&path).unwrap().project.milestones.len(), 1);
    assert!(!lock_path(&path).exists(), "the CLI releases its lock");
}

#[test]
fn new_and_import_with_force_wait_for_a_project_open_in_another_tolk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let text = dir.path().join("source.txt");
    fs::write(&text, "En mening. En till.\n").unwrap();
    let tmx = dir.path().join("memory.tmx");
    fs::write(
        &tmx,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="sv" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="test" creationtoolversion="1" o-tmf="test"/><body>
<tu><tuv xml:lang="sv"><seg>Hej.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
</body></tmx>"#,
    )
    .unwrap();
    let writers: [&[&str]; 2] = [
        &[
            "new",
            "--force",
            "--wait",
            "30",
            "-o",
            "P",
            text.to_str().unwrap(),
        ],
        &[
            "import",
            "--force",
            "--wait",
            "30",
            tmx.to_str().unwrap(),
            "-o",
            "P",
        ],
    ];
    for args in writers {
        support::write_as_another_program(&project("original"), &path).unwrap();
        let before = fs::read(&path).unwrap();
        let held = Document::open(&path).unwrap();
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "P" { path.to_str().unwrap() } else { a })
            .collect();
        let child = Command::new(env!("CARGO_BIN_EXE_tolk"))
            .args(&args)
            .env("TOLK_AUTHOR", "tester")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The command waits while the window (here: this process) holds the project.
        std::thread::sleep(std::time::Duration::from_millis(700));
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "{args:?} wrote while held"
        );
        drop(held);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert_ne!(fs::read(&path).unwrap(), before, "{args:?} replaced it");
        assert!(!lock_path(&path).exists(), "{args:?} released its lock");
    }
}

#[test]
fn the_cli_takes_over_a_stale_lock_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::write_as_another_program(&project("original"), &path).unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    fs::write(
        lock_path(&path),
        format!("pid={dead}\nhost={}\ntoken=t\n", host()),
    )
    .unwrap();
    let out = tolk(&["milestone", path.to_str().unwrap(), "sent"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("taken over"),
        "{stderr}"
    );
    assert!(!lock_path(&path).exists());
}

#[test]
fn the_save_loop_command_is_hidden_from_help() {
    let out = tolk(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("milestone"));
    assert!(!help.contains("save-loop"), "{help}");
}
