//! The lock file that keeps two Tolk processes from editing the same project at once.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};

use crate::process::{host_name, process_exists};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "{project} is open in another Tolk (process {pid} on host {host}, lock file {lock}); close it there and try again (commands wait for it with --wait SECS; the window opens it read-only)"
    )]
    Held {
        project: PathBuf,
        lock: PathBuf,
        pid: u32,
        host: String,
    },
    #[error("cannot lock {project} (lock file {lock}): {cause}")]
    Io {
        project: PathBuf,
        lock: PathBuf,
        cause: io::Error,
    },
}

/// Who holds a lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOwner {
    pub pid: u32,
    pub host: String,
    /// Tells two locks of one process apart, so a lock is only ever removed by its taker.
    pub token: String,
}

/// A held lock on a project: `NAME.json.lock` beside it, holding the process id and host.
/// The lock belongs to the process: taking it again in the same process (the window reopening
/// its project, restoring its recovery file) shares it, and the lock file is removed when the
/// last holder is dropped (only if it is still ours).
///
/// Why a lock file rather than `flock`: it is visible to a person and to Tolks on other
/// machines sharing the folder (network drives), and it says who holds it. A lock left behind
/// by a process that died on this host is taken over (with a warning); a lock from another
/// host cannot be checked and is respected.
#[derive(Debug, Clone)]
pub struct ProjectLock {
    file: Arc<LockFile>,
}

/// The lock file this process made; removed on drop.
#[derive(Debug)]
struct LockFile {
    path: PathBuf,
    owner: LockOwner,
}

/// The locks this process holds, by absolute lock-file path, so a second taker shares one.
static HELD: Mutex<Option<HashMap<PathBuf, Weak<LockFile>>>> = Mutex::new(None);

/// What taking a lock did besides taking it, for the user to see.
#[derive(Debug, Default)]
pub struct Acquired {
    pub lock: Option<ProjectLock>,
    /// Set when a stale lock of a dead process was taken over.
    pub warning: Option<String>,
}

/// The lock file of a project: `NAME.json.lock` beside it.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    /// Takes the lock of `project`, taking over a stale one of a dead process on this host;
    /// shares it when this process holds it already.
    pub fn acquire(project: &Path) -> Result<Acquired, LockError> {
        let lock = lock_path(project);
        let key = std::path::absolute(&lock).unwrap_or_else(|_| lock.clone());
        let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let held = held.get_or_insert_with(HashMap::new);
        held.retain(|_, file| file.strong_count() > 0);
        if let Some(file) = held.get(&key).and_then(Weak::upgrade) {
            return Ok(Acquired {
                lock: Some(ProjectLock { file }),
                warning: None,
            });
        }
        let acquired = Self::create(project, lock)?;
        if let Some(lock) = &acquired.lock {
            held.insert(key, Arc::downgrade(&lock.file));
        }
        Ok(acquired)
    }

    /// Takes the lock like [`ProjectLock::acquire`], waiting up to `wait` for another Tolk
    /// to release it (a second command-line writer then runs after the first instead of
    /// failing). A lock still held after `wait` is reported as [`LockError::Held`].
    pub fn acquire_waiting(
        project: &Path,
        wait: std::time::Duration,
    ) -> Result<Acquired, LockError> {
        let deadline = std::time::Instant::now() + wait;
        loop {
            match Self::acquire(project) {
                Err(LockError::Held { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    /// Makes the lock file, or says who holds it.
    ///
    /// The file appears with its content in one step (written to a temporary file, then
    /// hard-linked to the lock's name, which fails if the name exists), so nobody ever reads
    /// a half-written lock. Taking over a stale lock is serialised between processes by an
    /// advisory lock on the folder: the taker re-reads the lock under it, so two takers of
    /// one stale lock cannot both win.
    fn create(project: &Path, lock: PathBuf) -> Result<Acquired, LockError> {
        let io_error = |cause| LockError::Io {
            project: project.to_path_buf(),
            lock: lock.clone(),
            cause,
        };
        let owner = LockOwner::me();
        if publish(&lock, &owner).map_err(io_error)? {
            return Ok(owner.holding(lock, None));
        }
        let _serialised = lock_folder(&lock);
        match read_owner(&lock).map_err(io_error)? {
            Some(holder) if holder.is_alive() => Err(LockError::Held {
                project: project.to_path_buf(),
                lock,
                pid: holder.pid,
                host: holder.host,
            }),
            holder => {
                let warning = match holder {
                    Some(h) => format!(
                        "{} was locked by process {} on this host, which no longer runs; its lock was taken over (unsaved work of that process may be in {})",
                        project.display(),
                        h.pid,
                        crate::recovery_path(project).display()
                    ),
                    None if !lock.exists() => String::new(),
                    None => format!(
                        "{} had an unreadable lock file {}; it was replaced",
                        project.display(),
                        lock.display()
                    ),
                };
                match fs::remove_file(&lock) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io_error(e)),
                }
                if publish(&lock, &owner).map_err(io_error)? {
                    let warning = Some(warning).filter(|w| !w.is_empty());
                    return Ok(owner.holding(lock, warning));
                }
                // A new Tolk made the lock between the removal and now: it holds it.
                match read_owner(&lock).map_err(io_error)? {
                    Some(holder) => Err(LockError::Held {
                        project: project.to_path_buf(),
                        lock,
                        pid: holder.pid,
                        host: holder.host,
                    }),
                    None => Err(io_error(io::Error::other(
                        "another process took the lock at the same moment",
                    ))),
                }
            }
        }
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.file.path
    }

    pub fn owner(&self) -> &LockOwner {
        &self.file.owner
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        if let Ok(Some(holder)) = read_owner(&self.path)
            && holder == self.owner
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The owner recorded in a lock file; `None` when the file is unreadable as a lock (e.g. cut
/// short by a crash between creating and writing it), `Ok(None)` also when it vanished.
fn read_owner(lock: &Path) -> io::Result<Option<LockOwner>> {
    match fs::read_to_string(lock) {
        Ok(text) => Ok(LockOwner::parse(&text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(None),
        Err(e) => Err(e),
    }
}

impl LockOwner {
    fn me() -> LockOwner {
        static TAKEN: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        LockOwner {
            pid: std::process::id(),
            host: host_name(),
            token: format!("{nanos}-{}", TAKEN.fetch_add(1, Ordering::Relaxed)),
        }
    }

    fn holding(self, path: PathBuf, warning: Option<String>) -> Acquired {
        Acquired {
            lock: Some(ProjectLock {
                file: Arc::new(LockFile { path, owner: self }),
            }),
            warning,
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\ntoken={}\n",
            self.pid, self.host, self.token
        )
    }

    fn parse(text: &str) -> Option<LockOwner> {
        let field = |key: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
                .map(str::to_string)
        };
        Some(LockOwner {
            pid: field("pid")?.trim().parse().ok()?,
            host: field("host")?,
            token: field("token").unwrap_or_default(),
        })
    }

    /// Whether the holder may still run: a process on another host is assumed alive, since it
    /// cannot be checked from here.
    fn is_alive(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        process_exists(self.pid)
    }
}

/// Puts a lock file holding `owner` at `lock` in one step; `Ok(false)` when one exists.
fn publish(lock: &Path, owner: &LockOwner) -> io::Result<bool> {
    let temp = lock.with_file_name(format!(
        ".tolk-lock-{}-{}@{}.tmp",
        owner.token,
        owner.pid,
        owner.host.replace(['/', '@'], "_")
    ));
    let result = (|| {
        let mut file = crate::process::create_removed_on_signal(&temp, || {
            OpenOptions::new().write(true).create_new(true).open(&temp)
        })?;
        file.write_all(owner.to_text().as_bytes())?;
        file.sync_all()?;
        drop(file);
        match fs::hard_link(&temp, lock) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            // File systems without hard links: create and write (not atomic, but rare).
            Err(_) => match OpenOptions::new().write(true).create_new(true).open(lock) {
                Ok(mut file) => {
                    file.write_all(owner.to_text().as_bytes())?;
                    file.sync_all()?;
                    Ok(true)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(e),
            },
        }
    })();
    let _ = fs::remove_file(&temp);
    crate::process::forget_on_signal(&temp);
    result
}

/// An advisory lock on the folder holding `lock`, released when dropped; `None` where the
/// system offers none (the take-over is then unserialised, as before).
fn lock_folder(lock: &Path) -> Option<fs::File> {
    let folder = match lock.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = fs::File::open(folder).ok()?;
    dir.lock().ok()?;
    Some(dir)
}

/// Removes the lock files this process holds (called when a signal stops the process).
pub(crate) fn release_all_held() {
    let held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for file in held
        .iter()
        .flat_map(|map| map.values())
        .filter_map(Weak::upgrade)
    {
        if let Ok(Some(holder)) = read_owner(&file.path)
            && holder == file.owner
        {
            let _ = fs::remove_file(&file.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_shared_within_the_process_and_released_by_the_last_holder() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        let first = ProjectLock::acquire(&project).unwrap();
        assert!(first.warning.is_none());
        let text = fs::read_to_string(lock_path(&project)).unwrap();
        assert!(text.contains(&format!("pid={}", std::process::id())));
        let second = ProjectLock::acquire(&project).unwrap();
        assert_eq!(
            first.lock.as_ref().unwrap().owner(),
            second.lock.as_ref().unwrap().owner()
        );
        drop(first);
        assert!(lock_path(&project).exists(), "the second holder keeps it");
        drop(second);
        assert!(!lock_path(&project).exists());
        assert!(ProjectLock::acquire(&project).unwrap().lock.is_some());
    }

    #[test]
    fn a_stale_lock_of_a_dead_process_is_taken_over_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = format!("pid={dead}\nhost={}\ntoken=x\n", host_name());
        fs::write(lock_path(&project), stale).unwrap();
        let taken = ProjectLock::acquire(&project).unwrap();
        let warning = taken.warning.unwrap();
        assert!(warning.contains(&format!("process {dead}")), "{warning}");
        assert_eq!(taken.lock.unwrap().owner().pid, std::process::id());
    }

    #[test]
    fn a_lock_of_another_host_or_a_live_process_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        fs::write(lock_path(&project), "pid=1\nhost=elsewhere\ntoken=x\n").unwrap();
        assert!(matches!(
            ProjectLock::acquire(&project),
            Err(LockError::Held { host, .. }) if host == "elsewhere"
        ));
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let live = format!("pid={}\nhost={}\ntoken=x\n", sleeper.id(), host_name());
        fs::write(lock_path(&project), live).unwrap();
        let held = ProjectLock::acquire(&project);
        sleeper.kill().unwrap();
        sleeper.wait().unwrap();
        assert!(matches!(held, Err(LockError::Held { .. })));
    }

    #[test]
    fn a_lock_is_only_removed_by_its_taker() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        let mine = ProjectLock::acquire(&project).unwrap().lock.unwrap();
        fs::write(lock_path(&project), "pid=1\nhost=elsewhere\ntoken=y\n").unwrap();
        assert_eq!(mine.owner().pid, std::process::id());
        drop(mine);
        assert!(lock_path(&project).exists());
    }

    #[test]
    fn an_unreadable_lock_file_is_replaced_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        fs::write(lock_path(&project), "").unwrap();
        let taken = ProjectLock::acquire(&project).unwrap();
        assert!(taken.warning.unwrap().contains("unreadable lock file"));
    }
}
