//! Saving onto a full disk or into a read-only folder: a clear error, and the old file and its
//! backup are left exactly as they were. Uses a small tmpfs; skipped (with a message) where
//! this process may not mount one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::{
    Document, ImportedRow, Project, ProjectFileError, backup_path, load_project, save_project,
};

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

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_the_file_and_backup_alone() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(dir.path(), "256k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
        return;
    };
    let path = mount.0.join("p.json");
    save_project(&project(10, "first"), &path).unwrap();
    save_project(&project(10, "second"), &path).unwrap();
    let (old, old_backup) = (
        fs::read(&path).unwrap(),
        fs::read(backup_path(&path)).unwrap(),
    );
    let too_big = project(20_000, "a row that will not fit on this small disk");
    let error = save_project(&too_big, &path).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ProjectFileError::Write { .. }), "{error:?}");
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
    doc.project = too_big;
    assert!(doc.save().is_err());
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
        eprintln!("skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
        return;
    };
    let path = mount.0.join("p.json");
    save_project(&project(10, "first"), &path).unwrap();
    save_project(&project(10, "second"), &path).unwrap();
    let old = fs::read(&path).unwrap();
    assert!(mount.make_read_only(), "remount read-only failed");
    let error = save_project(&project(10, "third"), &path).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ProjectFileError::Write { .. }), "{error:?}");
    assert!(message.contains("Read-only file system"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), old);
    // Opening for editing needs the lock file, which cannot be made: a clear error too, and
    // the read-only open still works.
    let error = Document::open(&path).unwrap_err();
    assert!(error.to_string().contains("cannot lock"), "{error}");
    let (doc, _) = Document::open_read_only(&path).unwrap();
    assert_eq!(doc.project.rows[0].source, "second 0");
}
