//! This process and others on this machine: host name, whether a process id still runs, and the
//! files to remove when the process is stopped by a signal. Shared by the lock file and the
//! atomic writer, which both leave files named after their process.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// This machine's name, as lock files and temporary files record it.
pub fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".to_string())
}

/// Whether a process with this id runs on this machine. Where that cannot be told (no
/// `/proc`), it is assumed to run, so nothing of a live process is ever taken or removed.
pub fn process_exists(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return true;
    }
    match fs::read_to_string(proc_root.join(pid.to_string()).join("stat")) {
        // A zombie (state Z) has ended; only its parent has not collected it yet.
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Files this process made and must not leave behind if a signal stops it mid-way
/// (temporary files of a save in progress; lock files are tracked by the lock module).
static LEFT_ON_SIGNAL: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Makes a file (by `create`) that is removed should the process be stopped before
/// [`forget_on_signal`]. Made while holding the list, which the signal handler keeps until the
/// process is gone, so no file can appear after the clean-up.
pub(crate) fn create_removed_on_signal<T>(
    path: &Path,
    create: impl FnOnce() -> std::io::Result<T>,
) -> std::io::Result<T> {
    let mut files = LEFT_ON_SIGNAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let made = create()?;
    files.insert(path.to_path_buf());
    Ok(made)
}

pub(crate) fn forget_on_signal(path: &Path) {
    let mut files = LEFT_ON_SIGNAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    files.remove(path);
}

/// Removes what this process would otherwise leave behind: temporary files of saves in
/// progress and the lock files it holds. Called from the SIGINT/SIGTERM handler just before
/// the process exits; the files being saved are untouched (a save is atomic either way).
///
/// The list of files stays locked afterwards, so no other thread makes a new one before the
/// process exits: call it only right before exiting.
pub fn clean_up_before_exit() {
    let files = LEFT_ON_SIGNAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for temp in files.iter() {
        let _ = fs::remove_file(temp);
    }
    crate::lock::release_all_held();
    std::mem::forget(files);
}
