//! Saving onto a full disk or into a read-only folder: a clear error, and the old file and its
//! backup are left exactly as they were. Uses a small tmpfs; skipped (with a message) where
//! this process may not mount one, except under `TOLK_REQUIRE_MOUNT` (CI), where that fails.
//! A file-size limit (`ulimit -f`, which needs no rights) checks a failing write everywhere.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::{
    Document, Edit, ImportedRow, Origin, OutputError, Project, ProjectFileError, Side, backup_path,
    load_project,
};

mod support;
use support::files_in;

const NO_MOUNT: &str = "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)";

/// A tmpfs mounted for one test, unmounted when dropped (also when the test fails).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(at.to_path_buf()))
    }

    fn make_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .output()
            .is_ok_and(|o| o.status.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn project(rows: usize, text: &str) -> Project {
    let mut p = Project::new("t", "sv", "en");
    p.append_imported((0..rows).map(|i| ImportedRow {
        source: format!("{text} {i}"),
        ..Default::default()
    }));
    p
}

#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_the_file_and_backup_alone() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(dir.path(), "256k") else {
        support::skip_unless_required("TOLK_REQUIRE_MOUNT", NO_MOUNT);
        return;
    };
    let path = mount.0.join("p.json");
    support::save_project(&project(10, "first"), &path).unwrap();
    support::save_project(&project(10, "second"), &path).unwrap();
    let (old, old_backup) = (
        fs::read(&path).unwrap(),
        fs::read(backup_path(&path)).unwrap(),
    );
    let too_big = project(20_000, "a row that will not fit on this small disk");
    let error = support::save_project(&too_big, &path).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, ProjectFileError::Output(OutputError::Io { .. })),
        "{error:?}"
    );
    assert!(
        message.contains("p.json") && message.contains("not changed"),
        "{message}"
    );
    assert!(message.to_lowercase().contains("space"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old_backup);
    assert_eq!(
        files_in(&mount.0),
        ["p.json", "p.json.bak"],
        "no temporary left"
    );
    // The same through a document: it stays unsaved, so nothing is lost in memory either.
    let (mut doc, _) = Document::open(&path).unwrap();
    let row = doc.project().rows[0].id;
    let edit = Edit::SetText {
        row,
        side: Side::Target,
        text: "a translation far too long for this disk ".repeat(10_000),
        origin: Origin::Typed,
    };
    doc.apply(edit, "t").unwrap();
    assert!(doc.save().is_err());
    assert!(
        doc.is_dirty(),
        "the unsaved change is still there to save elsewhere"
    );
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(
        load_project(&path).unwrap().project.rows[0].source,
        "second 0"
    );
}

#[test]
fn a_read_only_folder_gives_a_clear_error_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(dir.path(), "4m") else {
        support::skip_unless_required("TOLK_REQUIRE_MOUNT", NO_MOUNT);
        return;
    };
    let path = mount.0.join("p.json");
    support::save_project(&project(10, "first"), &path).unwrap();
    support::save_project(&project(10, "second"), &path).unwrap();
    let old = fs::read(&path).unwrap();
    // The project is open (locked) when the file system turns read-only under it, as a window
    // left open would be.
    let (mut open, _) = Document::open(&path).unwrap();
    open.apply(
        Edit::SetText {
            row: open.project().rows[0].id,
            side: Side::Source,
            text: "third 0".into(),
            origin: Origin::Typed,
        },
        "tester",
    )
    .unwrap();
    assert!(mount.make_read_only(), "remount read-only failed");
    let error = open.save().unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, ProjectFileError::Output(OutputError::Io { .. })),
        "{error:?}"
    );
    assert!(message.contains("Read-only file system"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), old);
    // Opening for editing needs the lock file, which cannot be made: a clear error too, and
    // the read-only open still works.
    drop(open);
    let error = Document::open(&path).unwrap_err();
    assert!(error.to_string().contains("cannot lock"), "{error}");
    let (doc, _) = Document::open_read_only(&path).unwrap();
    assert_eq!(doc.project().rows[0].source, "second 0");
}

/// A write that fails half-way (the file-size limit stands in for a full disk; `ulimit -f`
/// needs no rights, so this runs for every user): `tolk edit` exits 1 naming the file, and the
/// project, its backup and the folder are as they were.
#[cfg(unix)]
#[test]
fn a_write_failing_half_way_through_a_cli_edit_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    support::save_project(&project(10, "first"), &path).unwrap();
    support::save_project(&project(10, "second"), &path).unwrap();
    let (old, old_backup) = (
        fs::read(&path).unwrap(),
        fs::read(backup_path(&path)).unwrap(),
    );
    let long = "x".repeat(100_000);
    // SIGXFSZ ignored, so the write fails with EFBIG instead of killing the process.
    let script =
        format!("trap '' XFSZ; ulimit -f 16; exec \"$0\" edit \"$1\" \"target:1={long}\" --wait 0");
    let output = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_tolk")])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("tolk: ") && stderr.contains("p.json"),
        "{stderr}"
    );
    assert!(stderr.contains("not changed"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old_backup);
    assert_eq!(
        files_in(dir.path()),
        ["p.json", "p.json.bak"],
        "no temporary or lock left"
    );
}
