//! An open project: the project, where it lives, its undo history and whether it has unsaved
//! changes. Shared by every front end; knows nothing of windows.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::formats::{self, Loaded, ProjectFileError};
use crate::model::{Edit, EditError, Project, UndoStack};

/// A project being edited.
#[derive(Debug)]
pub struct Document {
    pub project: Project,
    /// Where the project is saved; `None` until it is saved the first time.
    pub path: Option<PathBuf>,
    undo: UndoStack,
    /// Counts changes; views cache what they derive from the project against it.
    generation: u64,
    saved_generation: u64,
}

impl Document {
    /// A document for a project that is not saved anywhere yet.
    pub fn unsaved(project: Project) -> Document {
        Document {
            project,
            path: None,
            undo: UndoStack::default(),
            generation: 1,
            saved_generation: 0,
        }
    }

    /// Opens a project file; the repairs made while loading are returned for the user to see.
    pub fn open(path: &Path) -> Result<(Document, Vec<String>), ProjectFileError> {
        let Loaded { project, repairs } = formats::load_project(path)?;
        Ok((Document::saved_at(project, path), repairs))
    }

    /// A document whose project is exactly what is saved at `path`.
    pub fn saved_at(project: Project, path: &Path) -> Document {
        Document {
            project,
            path: Some(path.to_path_buf()),
            undo: UndoStack::default(),
            generation: 0,
            saved_generation: 0,
        }
    }

    /// Applies an edit through the undo stack.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.undo.apply(&mut self.project, edit)?;
        self.generation += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.undo.undo(&mut self.project)?;
        self.generation += u64::from(undone);
        Ok(undone)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.undo.redo(&mut self.project)?;
        self.generation += u64::from(redone);
        Ok(redone)
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    /// Changes every time the project changes.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// Saves to the document's path (atomically, keeping `.bak`) and removes the recovery file.
    pub fn save(&mut self) -> Result<(), ProjectFileError> {
        let path = self.path.clone().ok_or_else(|| ProjectFileError::Write {
            path: PathBuf::from("(untitled)"),
            cause: std::io::Error::other("the project has no file yet: use Save as"),
        })?;
        self.save_as(&path)
    }

    pub fn save_as(&mut self, path: &Path) -> Result<(), ProjectFileError> {
        formats::save_project(&self.project, path)?;
        self.mark_saved_as(path, self.generation);
        Ok(())
    }

    /// Records that the project as it was at `generation` is now saved at `path` (a save done
    /// elsewhere, e.g. on a background thread, from a snapshot).
    pub fn mark_saved_as(&mut self, path: &Path, generation: u64) {
        self.path = Some(path.to_path_buf());
        self.saved_generation = generation;
        let _ = std::fs::remove_file(recovery_path(path));
    }

    /// A name for title bars: the project file's name, or the title for unsaved projects.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => format!("{} (not saved)", self.project.meta.title),
        }
    }

    /// Writes the recovery file next to the project (atomically, no backup); a no-op for
    /// projects that have no file yet. Returns the recovery file's path.
    pub fn write_recovery(&self) -> std::io::Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let recovery = recovery_path(path);
        formats::write_atomically(&recovery, &formats::project_to_json(&self.project), false)?;
        Ok(Some(recovery))
    }
}

/// The autosave file of a project: `NAME.json.recovery` beside it.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".recovery");
    path.with_file_name(name)
}

/// The recovery file of `path` when there is one newer than the project itself, i.e. left
/// behind by a session that ended without saving.
pub fn newer_recovery(path: &Path) -> Option<PathBuf> {
    let recovery = recovery_path(path);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let recovery_time = modified(&recovery)?;
    match modified(path) {
        Some(project_time) if project_time > recovery_time => None,
        _ => Some(recovery),
    }
}

/// Restores a project from its recovery file: the recovered content with the original path,
/// marked unsaved so the user decides whether to save it over the project.
pub fn restore_recovery(path: &Path) -> Result<(Document, Vec<String>), ProjectFileError> {
    let Loaded { project, repairs } = formats::load_project(&recovery_path(path))?;
    let mut document = Document::saved_at(project, path);
    document.generation = 1;
    Ok((document, repairs))
}

/// How long ago a file was changed, for "recovered from 3 minutes ago" messages.
pub fn age_of(path: &Path) -> Option<std::time::Duration> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    SystemTime::now().duration_since(modified).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImportedRow, Origin, Side};

    fn project() -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([ImportedRow {
            source: "Ett.".into(),
            ..Default::default()
        }]);
        p
    }

    #[test]
    fn dirty_tracking_follows_edits_undo_and_saves() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let mut doc = Document::unsaved(project());
        assert!(doc.is_dirty());
        assert!(doc.save().is_err(), "no path yet");
        doc.save_as(&path).unwrap();
        assert!(!doc.is_dirty());
        let row = doc.project.rows[0].id;
        doc.apply(Edit::SetText {
            row,
            side: Side::Target,
            text: "One.".into(),
            origin: Origin::Typed,
        })
        .unwrap();
        assert!(doc.is_dirty());
        doc.save().unwrap();
        assert!(!doc.is_dirty());
        assert!(doc.undo().unwrap());
        assert!(doc.is_dirty());
        assert_eq!(doc.project.rows[0].target, "");
    }

    #[test]
    fn recovery_is_written_found_restored_and_removed_by_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let mut doc = Document::unsaved(project());
        doc.save_as(&path).unwrap();
        assert_eq!(newer_recovery(&path), None);
        let row = doc.project.rows[0].id;
        doc.apply(Edit::SetText {
            row,
            side: Side::Target,
            text: "Unsaved work.".into(),
            origin: Origin::Typed,
        })
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let written = doc.write_recovery().unwrap().unwrap();
        assert_eq!(written, recovery_path(&path));
        // The session "crashes" here: the document is dropped without saving.
        drop(doc);
        assert_eq!(newer_recovery(&path), Some(recovery_path(&path)));
        let (mut restored, _) = restore_recovery(&path).unwrap();
        assert_eq!(restored.project.rows[0].target, "Unsaved work.");
        assert!(restored.is_dirty());
        assert_eq!(
            crate::formats::load_project(&path).unwrap().project.rows[0].target,
            ""
        );
        restored.save().unwrap();
        assert!(!recovery_path(&path).exists());
        assert_eq!(newer_recovery(&path), None);
    }
}
