//! Helpers shared by the integration tests (not every test file uses every one of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A check that cannot run here (a tool, data set or right is missing): says why and returns,
/// unless the variable `require` is set (CI sets it in `.ci/run`), where a skip would check
/// nothing that matters and is a failure instead.
pub fn skip_unless_required(require: &str, why: &str) {
    if std::env::var_os(require).is_some() {
        panic!("{why}, and {require} is set: this check must run here");
    }
    eprintln!("skipped: {why} (set {require} to make this a failure)");
}

/// `$TOLK_ALIGN_DEV`, else `../shared/align-dev` beside the repository (where CI has it).
pub fn dev_dir() -> PathBuf {
    std::env::var_os("TOLK_ALIGN_DEV").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/align-dev"),
        PathBuf::from,
    )
}

/// The folder of one dev set, or None (said, or a failure where `TOLK_REQUIRE_ALIGN_DEV` is
/// set) when this machine does not have it.
pub fn dev_set(name: &str) -> Option<PathBuf> {
    let dir = dev_dir().join(name);
    if dir.exists() {
        return Some(dir);
    }
    skip_unless_required(
        "TOLK_REQUIRE_ALIGN_DEV",
        &format!("{} not found", dir.display()),
    );
    None
}

/// The files of a folder with the extension `ext`, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The names of the files in a folder, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Saves a project file the way every Tolk save does: through a `Document` (lock, atomic
/// write, `.bak`), replacing what is there. Tests that look at the saved file use this.
pub fn save_project(project: &tolk::Project, path: &Path) -> Result<(), tolk::ProjectFileError> {
    tolk::Document::unsaved(project.clone()).save_as(path)
}

/// Writes a project file as another program would: plain bytes, no lock, no `.bak`. Tests of
/// changes made behind Tolk's back use this.
pub fn write_as_another_program(
    project: &tolk::Project,
    path: &Path,
) -> Result<(), tolk::ProjectFileError> {
    std::fs::write(path, tolk::project_to_json(project)).map_err(|cause| {
        tolk::ProjectFileError::Output(tolk::OutputError::Io {
            path: path.to_path_buf(),
            cause,
        })
    })
}
