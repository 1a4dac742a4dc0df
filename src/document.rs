//! An open project: the project, where it lives, its undo history and whether it has unsaved
//! changes. Shared by every front end; knows nothing of windows.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;

use crate::formats::{self, ContentHash, Loaded, ProjectFileError};
use crate::lock::{Acquired, ProjectLock};
use crate::model::{Edit, EditError, Project, UndoStack};

/// A project being edited: the one gate through which a project is loaded, changed and saved,
/// by the window and by every command that writes a project.
///
/// Its file is guarded two ways. A lock file (`NAME.json.lock`, see [`ProjectLock`]) is held
/// while the document is open, so a second Tolk gets a clear error (or opens read-only). And
/// the content hash of the file as loaded or last saved is kept, so [`Document::save`] refuses
/// with [`ProjectFileError::ChangedOnDisk`] when anyone else changed the file meanwhile; the
/// user then picks [`Document::reload`], [`Document::save_as`] or
/// [`Document::save_overwriting`]. Fields are private: the project is read through
/// [`Document::project`] and changed only by [`Document::apply`], which records the author.
#[derive(Debug)]
pub struct Document {
    project: Project,
    /// Where the project is saved; `None` until it is saved the first time.
    path: Option<PathBuf>,
    undo: UndoStack,
    /// Counts changes; views cache what they derive from the project against it.
    generation: u64,
    saved_generation: u64,
    /// The hash of the file at `path` as this document last read or wrote it.
    disk_hash: Option<ContentHash>,
    /// Held while the document is open at `path`; released on drop.
    lock: Option<ProjectLock>,
    /// Opened without the lock (another Tolk holds it): saving to `path` is refused.
    read_only: bool,
}

/// A save to run off the UI thread: a snapshot of the project and what the file on disk must
/// still be. Made by [`Document::save_job`] or [`Document::save_as_job`], finished by
/// [`Document::finish_save`].
#[derive(Debug, Clone)]
pub struct SaveJob {
    project: Project,
    path: PathBuf,
    /// `None` to overwrite whatever is on disk.
    expected: Option<ContentHash>,
    generation: u64,
    /// The lock of `path` when it is not the document's own path yet (save as).
    lock: Option<ProjectLock>,
}

/// A finished [`SaveJob`].
#[derive(Debug, Clone)]
pub struct Saved {
    generation: u64,
    hash: ContentHash,
    path: PathBuf,
    lock: Option<ProjectLock>,
}

impl SaveJob {
    /// Writes the snapshot (atomically, keeping `.bak`), refusing when the file changed on
    /// disk unless the job overwrites.
    pub fn run(self) -> Result<Saved, ProjectFileError> {
        let hash = match self.expected {
            Some(expected) => formats::save_project_checked(&self.project, &self.path, expected)?,
            None => formats::save_project_hashed(&self.project, &self.path)?,
        };
        Ok(Saved {
            generation: self.generation,
            hash,
            path: self.path,
            lock: self.lock,
        })
    }

    /// The generation of the document the snapshot was taken at.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Saved {
    pub fn path(&self) -> &Path {
        &self.path
    }
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
            disk_hash: None,
            lock: None,
            read_only: false,
        }
    }

    /// Opens a project file and locks it; the repairs made while loading (and warnings: a
    /// stale lock of a dead process taken over, temporary files of dead saves removed) are
    /// returned for the user to see. Fails with [`ProjectFileError::Locked`] when another
    /// live Tolk has it open.
    pub fn open(path: &Path) -> Result<(Document, Vec<String>), ProjectFileError> {
        Document::open_waiting(path, Duration::ZERO)
    }

    /// Opens like [`Document::open`], waiting up to `wait` for another Tolk to release the
    /// project (command-line writers run one after the other instead of failing).
    pub fn open_waiting(
        path: &Path,
        wait: Duration,
    ) -> Result<(Document, Vec<String>), ProjectFileError> {
        let Acquired { lock, warning } = ProjectLock::acquire_waiting(path, wait)?;
        let mut warnings: Vec<String> = warning.into_iter().collect();
        warnings.extend(sweep_leftovers(path));
        let Loaded {
            project,
            repairs,
            hash,
        } = formats::load_project(path)?;
        warnings.splice(0..0, repairs);
        let mut document = Document::at(project, path);
        document.disk_hash = Some(hash);
        document.lock = lock;
        Ok((document, warnings))
    }

    /// Opens a project without locking it, e.g. to look at a project another Tolk has open.
    /// Saving to its path is refused; `save_as` elsewhere works.
    pub fn open_read_only(path: &Path) -> Result<(Document, Vec<String>), ProjectFileError> {
        let Loaded {
            project,
            repairs,
            hash,
        } = formats::load_project(path)?;
        let mut document = Document::at(project, path);
        document.disk_hash = Some(hash);
        document.read_only = true;
        Ok((document, repairs))
    }

    /// Writes a new project to `path` and returns it open there (locked). Refuses when a file
    /// is there already, unless `replace` (the old file is then kept as `.bak`), and when
    /// another Tolk has that project open and does not release it within `wait`. The project
    /// is checked as a loaded one would be (language tags, ids); the repairs made are returned.
    pub fn create(
        path: &Path,
        mut project: Project,
        replace: bool,
        wait: Duration,
    ) -> Result<(Document, Vec<String>), ProjectFileError> {
        let repairs =
            project
                .check_and_repair()
                .map_err(|cause| ProjectFileError::Inconsistent {
                    path: path.to_path_buf(),
                    cause,
                })?;
        let Acquired { lock, warning } = ProjectLock::acquire_waiting(path, wait)?;
        let exists = std::fs::symlink_metadata(path).is_ok();
        if exists && !replace {
            return Err(ProjectFileError::Exists {
                path: path.to_path_buf(),
            });
        }
        let hash = formats::save_project_hashed(&project, path)?;
        let mut document = Document::at(project, path);
        document.disk_hash = Some(hash);
        document.lock = lock;
        Ok((document, repairs.into_iter().chain(warning).collect()))
    }

    /// A document whose project is exactly what is saved at `path` (not locked).
    fn at(project: Project, path: &Path) -> Document {
        Document {
            project,
            path: Some(path.to_path_buf()),
            undo: UndoStack::default(),
            generation: 0,
            saved_generation: 0,
            disk_hash: None,
            lock: None,
            read_only: false,
        }
    }

    /// The project as it stands (read-only: changes go through [`Document::apply`]).
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Where the project is saved; `None` until it is saved the first time.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether saving to the document's own path is refused because another Tolk holds it.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether this document holds the lock of its file.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Whether the file at the document's path differs from what this document last loaded
    /// or saved there (a missing file counts as unchanged: saving loses nothing). Reads and
    /// hashes the file: call it when the window regains focus, not every frame.
    pub fn changed_on_disk(&self) -> Result<bool, ProjectFileError> {
        let (Some(path), Some(known)) = (&self.path, self.disk_hash) else {
            return Ok(false);
        };
        let now = ContentHash::of_file(path).map_err(|cause| ProjectFileError::Read {
            path: path.clone(),
            cause,
        })?;
        Ok(now.is_some_and(|h| h != known))
    }

    /// Replaces the project by what is on disk now, dropping unsaved changes and the undo
    /// history (its edits were made to the old content). Returns the repairs made on loading.
    pub fn reload(&mut self) -> Result<Vec<String>, ProjectFileError> {
        let path = self.path_or_error()?;
        let Loaded {
            project,
            repairs,
            hash,
        } = formats::load_project(&path)?;
        self.project = project;
        self.undo = UndoStack::default();
        self.generation += 1;
        self.saved_generation = self.generation;
        self.disk_hash = Some(hash);
        Ok(repairs)
    }

    /// Applies an edit through the undo stack, its revisions recorded as made by `author`
    /// now. An edit that would change nothing (the same text, status or rows again) is not
    /// applied: no revision, no undo step, nothing to save.
    pub fn apply(&mut self, edit: Edit, author: &str) -> Result<(), EditError> {
        self.apply_at(edit, author, Timestamp::now())
    }

    /// Applies like [`Document::apply`] with the time given (tests need no sleeps).
    pub fn apply_at(&mut self, edit: Edit, author: &str, at: Timestamp) -> Result<(), EditError> {
        if edit.changes_nothing(&self.project) {
            return Ok(());
        }
        author.clone_into(&mut self.project.session.author);
        self.undo.apply_at(&mut self.project, edit, at)?;
        self.generation += 1;
        Ok(())
    }

    /// Undoes the last edit (its revisions recorded as `author`'s); `Ok(false)` when there is
    /// nothing to undo.
    pub fn undo(&mut self, author: &str) -> Result<bool, EditError> {
        author.clone_into(&mut self.project.session.author);
        let undone = self.undo.undo(&mut self.project)?;
        self.generation += u64::from(undone);
        Ok(undone)
    }

    pub fn redo(&mut self, author: &str) -> Result<bool, EditError> {
        author.clone_into(&mut self.project.session.author);
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

    /// The user chose to throw the unsaved changes away (e.g. quitting without saving): the
    /// document no longer counts them as unsaved, and its recovery file is removed.
    pub fn discard_unsaved(&mut self) {
        self.saved_generation = self.generation;
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(recovery_path(path));
        }
    }

    /// Saves to the document's path (atomically, keeping `.bak`) and removes the recovery
    /// file; does nothing when nothing changed since the last load or save (the `.bak` keeps
    /// the real previous version). Refuses with [`ProjectFileError::ChangedOnDisk`] when the
    /// file was changed on disk since it was loaded or saved, and with
    /// [`ProjectFileError::ReadOnly`] when opened so. Returns whether it wrote the file.
    pub fn save(&mut self) -> Result<bool, ProjectFileError> {
        if !self.is_dirty() && self.disk_hash.is_some() && !self.changed_on_disk()? {
            return Ok(false);
        }
        let saved = self.save_job(false)?.run()?;
        self.finish_save(saved);
        Ok(true)
    }

    /// Saves to the document's path even when the file was changed on disk since (the user
    /// chose "overwrite"); the replaced file is still kept as `.bak`.
    pub fn save_overwriting(&mut self) -> Result<(), ProjectFileError> {
        let saved = self.save_job(true)?.run()?;
        self.finish_save(saved);
        Ok(())
    }

    /// A snapshot save to the document's path, for a background thread; `overwrite` skips the
    /// changed-on-disk check. Refused at once for read-only documents and untitled ones.
    pub fn save_job(&self, overwrite: bool) -> Result<SaveJob, ProjectFileError> {
        let path = self.path_or_error()?;
        if self.read_only {
            return Err(ProjectFileError::ReadOnly { path });
        }
        Ok(SaveJob {
            project: self.project.clone(),
            path,
            expected: if overwrite { None } else { self.disk_hash },
            generation: self.generation,
            lock: None,
        })
    }

    /// A snapshot save under another name, for a background thread: the file there is
    /// replaced (kept as `.bak`; the file dialog asked), once its lock is taken here, so a
    /// project another Tolk has open is never replaced. The document moves there when the
    /// job is finished.
    pub fn save_as_job(&self, path: &Path) -> Result<SaveJob, ProjectFileError> {
        if self.path.as_deref() == Some(path) && !self.read_only {
            return self.save_job(true);
        }
        let lock = ProjectLock::acquire(path)?.lock;
        Ok(SaveJob {
            project: self.project.clone(),
            path: path.to_path_buf(),
            expected: None,
            generation: self.generation,
            lock,
        })
    }

    /// Records a finished [`SaveJob`]: the document now lives (and holds the lock) where it
    /// was saved.
    pub fn finish_save(&mut self, saved: Saved) {
        self.saved_generation = saved.generation;
        self.disk_hash = Some(saved.hash);
        if self.path.as_deref() != Some(saved.path.as_path()) || self.read_only {
            if let Some(old) = &self.path {
                let _ = std::fs::remove_file(recovery_path(old));
            }
            self.lock = saved.lock.or_else(|| self.lock.take());
            self.read_only = false;
            self.path = Some(saved.path);
        }
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(recovery_path(path));
        }
    }

    /// Saves under another name (whatever is there is replaced and kept as `.bak`; the file
    /// dialog asked). The document then lives and is locked there; the old lock is released.
    pub fn save_as(&mut self, path: &Path) -> Result<(), ProjectFileError> {
        let saved = self.save_as_job(path)?.run()?;
        self.finish_save(saved);
        Ok(())
    }

    fn path_or_error(&self) -> Result<PathBuf, ProjectFileError> {
        self.path.clone().ok_or(ProjectFileError::Untitled)
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
    pub fn write_recovery(&self) -> Result<Option<PathBuf>, ProjectFileError> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        write_recovery_of(&self.project, path).map(Some)
    }
}

impl Document {
    /// Brings back the work autosaved in this project's recovery file as one edit, so that
    /// undo takes it back to the project as it was opened. Returns the repairs made on loading
    /// the recovery file. The file on disk is not touched (saving is the user's choice).
    pub fn restore_recovery(&mut self, author: &str) -> Result<Vec<String>, ProjectFileError> {
        let path = self.path_or_error()?;
        let Loaded {
            project, repairs, ..
        } = formats::load_project(&recovery_path(&path))?;
        let edit = Edit::ReplaceAll(Box::new(crate::model::ProjectState::of(project)));
        // Replacing the whole state has nothing to refuse (no row is looked up).
        let applied = self.apply(edit, author);
        debug_assert!(applied.is_ok(), "{applied:?}");
        Ok(repairs)
    }
}

/// Writes `project` as the recovery file of the project at `path` (for snapshots saved off the
/// window's thread, which may include typing not yet committed).
pub fn write_recovery_of(project: &Project, path: &Path) -> Result<PathBuf, ProjectFileError> {
    let recovery = recovery_path(&formats::output::follow_links(path).unwrap_or(path.into()));
    formats::output::write_output(
        &recovery,
        &formats::project_to_json(project),
        formats::output::WriteOptions::default(),
    )?;
    Ok(recovery)
}

/// Removes what dead Tolk processes left beside a project (temporary files of saves they did
/// not finish) and says so.
fn sweep_leftovers(path: &Path) -> Option<String> {
    let real = formats::output::follow_links(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let removed = formats::output::sweep_stale(folder);
    (!removed.is_empty()).then(|| {
        format!(
            "removed {} temporary file(s) left by Tolk processes that ended in the middle of a save",
            removed.len()
        )
    })
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
///
/// The project file is locked as by [`Document::open`], and its current content is what a
/// later save checks against.
pub fn restore_recovery(path: &Path) -> Result<(Document, Vec<String>), ProjectFileError> {
    let Acquired { lock, warning } = ProjectLock::acquire(path)?;
    let Loaded {
        project,
        mut repairs,
        ..
    } = formats::load_project(&recovery_path(path))?;
    repairs.extend(warning);
    let mut document = Document::at(project, path);
    document.disk_hash = ContentHash::of_file(path).ok().flatten();
    document.generation = 1;
    document.lock = lock;
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
        doc.apply(
            Edit::SetText {
                row,
                side: Side::Target,
                text: "One.".into(),
                origin: Origin::Typed,
            },
            "t",
        )
        .unwrap();
        assert!(doc.is_dirty());
        doc.save().unwrap();
        assert!(!doc.is_dirty());
        assert!(doc.undo("t").unwrap());
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
        doc.apply(
            Edit::SetText {
                row,
                side: Side::Target,
                text: "Unsaved work.".into(),
                origin: Origin::Typed,
            },
            "t",
        )
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
