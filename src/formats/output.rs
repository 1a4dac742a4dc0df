//! How Tolk writes a file, for every writer (projects, backups, recovery files, exports).
//!
//! The rules: a regular file is replaced atomically (temporary file in the same folder, synced,
//! renamed over it), with its permissions kept; a symbolic link is followed and the file it
//! points to is replaced, never the link; a file whose permissions forbid writing is refused
//! (even for root, who could write it); `-`, devices and FIFOs are written directly, since
//! renaming over them would replace them by a regular file. Temporary files carry the process
//! id and host, so a later Tolk can remove those of a process that died (see [`sweep_stale`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

use crate::process::{create_removed_on_signal, forget_on_signal, host_name, process_exists};

/// Why a file was not written. Every variant names the file; nothing was changed on disk.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error(
        "{path} is read-only (its permissions forbid writing); it was not changed: save under another name (File > Save as), or make it writable first"
    )]
    ReadOnly { path: PathBuf },
    #[error("{path} is a folder, not a file")]
    IsFolder { path: PathBuf },
    #[error(
        "{path} is the project being exported; an export never replaces its project: choose another output name"
    )]
    IsInput { path: PathBuf },
    #[error(
        "{path} is the {what} this command reads; its output never replaces what it reads: choose another output name"
    )]
    ReadsIt { path: PathBuf, what: &'static str },
    #[error(
        "{path} is a Tolk project; an export never replaces a project: choose another output name"
    )]
    IsProject { path: PathBuf },
    #[error(
        "{path} is a project open in another Tolk (lock file {lock}); an export never replaces it"
    )]
    LockedProject { path: PathBuf, lock: PathBuf },
    #[error("{path} was changed on disk by someone else meanwhile; it was not overwritten")]
    ChangedOnDisk { path: PathBuf },
    #[error("cannot write {path}: {cause} (the file on disk was not changed)")]
    Io { path: PathBuf, cause: io::Error },
    #[error("cannot write to standard output: {cause}")]
    Stdout { cause: io::Error },
}

impl OutputError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
        move |cause| OutputError::Io {
            path: path.to_path_buf(),
            cause,
        }
    }

    /// The I/O error underneath, if any (to tell a broken pipe from other failures).
    pub fn io_cause(&self) -> Option<&io::Error> {
        match self {
            OutputError::Io { cause, .. } | OutputError::Stdout { cause } => Some(cause),
            _ => None,
        }
    }
}

/// Where the bytes for a path really go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `-`: standard output.
    Stdout,
    /// A device, FIFO or socket (or anything under `/dev` or `/proc`): opened and written.
    Direct(PathBuf),
    /// A regular file, existing or new, at its real path (symbolic links followed).
    File(PathBuf),
}

/// Says where writing to `path` goes, following symbolic links.
pub fn destination(path: &Path) -> Result<Destination, OutputError> {
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    // `/dev/stdout` and its kin are links the kernel resolves on opening, to pipes that have
    // no path: opened as given.
    let special_tree = |p: &Path| p.starts_with("/dev") || p.starts_with("/proc");
    if special_tree(path) {
        return Ok(Destination::Direct(path.to_path_buf()));
    }
    let real = follow_links(path).map_err(OutputError::io(path))?;
    if special_tree(&real) {
        return Ok(Destination::Direct(real));
    }
    match fs::metadata(&real) {
        Ok(meta) if meta.is_dir() => Err(OutputError::IsFolder { path: real }),
        Ok(meta) if !meta.is_file() => Ok(Destination::Direct(real)),
        Ok(_) => Ok(Destination::File(real)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Destination::File(real)),
        Err(e) => Err(OutputError::io(path)(e)),
    }
}

/// The path a chain of symbolic links ends at (which need not exist yet). Only the last
/// component is followed: links among the folders lead to the same folder either way.
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// A last check before a file is replaced, given the real path (see [`WriteOptions`]).
pub type BeforeReplacing<'a> = &'a mut dyn FnMut(&Path) -> Result<(), OutputError>;

/// What else a write does besides putting the bytes there.
#[derive(Default)]
pub struct WriteOptions<'a> {
    /// Keep the replaced file as `NAME.bak` beside it.
    pub keep_backup: bool,
    /// Run after the new content is safely in its temporary file and just before it replaces
    /// the old one (the project file uses it to check nobody changed the file meanwhile).
    pub before_replacing: Option<BeforeReplacing<'a>>,
}

impl WriteOptions<'_> {
    /// For what a command writes where the user said (an export, an alignment, a glossary):
    /// a file it replaces is kept as `NAME.bak`, so a file edited elsewhere under the same
    /// name is never lost to a second export.
    pub fn keeping_backup() -> Self {
        WriteOptions {
            keep_backup: true,
            ..WriteOptions::default()
        }
    }
}

/// Writes `bytes` to `path` by the module's rules and returns where they went.
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions<'_>,
) -> Result<Destination, OutputError> {
    write_output_with(path, options, &mut |out| out.write_all(bytes))
}

/// [`write_output`] of what `render` writes, streamed through a buffer as it is rendered
/// instead of held whole in memory first (an alignment of a million sentences as JSON is
/// hundreds of megabytes). Where `render` fails, a file being replaced is left as it was
/// (the partial output was in the temporary file); a device or FIFO has got what was
/// rendered before the failure.
pub fn write_output_with(
    path: &Path,
    mut options: WriteOptions<'_>,
    render: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<Destination, OutputError> {
    let destination = destination(path)?;
    let streamed = |out: &mut dyn Write,
                    render: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
        render(&mut buffered)?;
        buffered.flush()
    };
    match &destination {
        Destination::Stdout => {
            let mut out = io::stdout().lock();
            streamed(&mut out, render).map_err(|cause| OutputError::Stdout { cause })?;
        }
        Destination::Direct(real) => {
            if let Some(check) = options.before_replacing.as_mut() {
                check(real)?;
            }
            let mut file = OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(real)
                .map_err(OutputError::io(real))?;
            streamed(&mut file, render).map_err(OutputError::io(real))?;
        }
        Destination::File(real) => {
            replace_atomically(real, &mut |file| streamed(file, render), &mut options)?;
        }
    }
    Ok(destination)
}

/// Refuses a regular file whose permissions allow nobody to write it.
pub fn refuse_read_only(path: &Path) -> Result<(), OutputError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.permissions().readonly() => Err(OutputError::ReadOnly {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// Puts what `write` writes into a temporary file beside `real` and renames it over `real`.
fn replace_atomically(
    real: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    options: &mut WriteOptions<'_>,
) -> Result<(), OutputError> {
    refuse_read_only(real)?;
    let folder = folder_of(real);
    let old = fs::metadata(real).ok();
    let temp = TempFile::create(folder, "save").map_err(OutputError::io(real))?;
    let written = (|| {
        let mut file = &temp.file;
        write(&mut file)?;
        file.flush()?;
        if let Some(old) = &old {
            keep_owner_and_mode(&temp.file, old)?;
        }
        temp.file.sync_all()
    })();
    written.map_err(OutputError::io(real))?;
    if let Some(check) = options.before_replacing.as_mut() {
        check(real)?;
    }
    if options.keep_backup && old.is_some() {
        keep_backup_of(real, folder).map_err(OutputError::io(real))?;
    }
    temp.persist(real).map_err(OutputError::io(real))?;
    sync_folder(folder);
    Ok(())
}

/// The replaced file keeps its permissions (and, where allowed, its owner).
fn keep_owner_and_mode(file: &File, old: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for others this is a no-op or refused, both fine.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where a write of `path` with [`WriteOptions::keeping_backup`] will keep the file it replaces
/// (`NAME.bak` beside the real file), or `None` when it replaces no regular file.
pub fn backup_to_keep(path: &Path) -> Option<PathBuf> {
    match destination(path) {
        Ok(Destination::File(real)) if real.is_file() => Some(backup_path(&real)),
        _ => None,
    }
}

/// "the file it replaced is kept as X.bak" for the backups a write kept, when it kept any: the
/// one wording of exports, `tolk align -o` and `tolk glossary`.
pub fn describe_kept(backups: &[PathBuf]) -> Option<String> {
    let names: Vec<String> = backups.iter().map(|p| p.display().to_string()).collect();
    match names.len() {
        0 => None,
        1 => Some(format!("the file it replaced is kept as {}", names[0])),
        _ => Some(format!(
            "the files it replaced are kept as {}",
            names.join(", ")
        )),
    }
}

/// The backup file kept beside a project: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Makes `NAME.bak` the current content of `path`, replacing the old backup atomically (a hard
/// link where the file system allows, else a copy written atomically).
fn keep_backup_of(path: &Path, folder: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let link = TempFile::name_in(folder, "bak");
    let result = match create_removed_on_signal(&link, || fs::hard_link(path, &link)) {
        Ok(()) => {
            let renamed = fs::rename(&link, &backup);
            // Where the backup already is a link to this very file (a save stopped between
            // keeping the backup and replacing the file), rename does nothing and succeeds,
            // leaving the temporary name: it must go either way.
            let _ = fs::remove_file(&link);
            renamed
        }
        Err(_) => {
            let old = fs::read(path)?;
            let mut options = WriteOptions::default();
            let mut write = |out: &mut dyn Write| out.write_all(&old);
            replace_atomically(&backup, &mut write, &mut options).map_err(|e| match e {
                OutputError::Io { cause, .. } => cause,
                other => io::Error::other(other.to_string()),
            })
        }
    };
    forget_on_signal(&link);
    result
}

/// Makes the rename durable (on Unix a directory must be synced for that); best effort.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// A temporary file named `.tolk-KIND-N-PID@HOST.tmp`, removed unless persisted.
struct TempFile {
    path: PathBuf,
    file: File,
    persisted: bool,
}

const TEMP_PREFIX: &str = ".tolk-";
const TEMP_SUFFIX: &str = ".tmp";

impl TempFile {
    /// A fresh name; the process id and host say whose it is.
    fn name_in(folder: &Path, kind: &str) -> PathBuf {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let host = host_tag();
        folder.join(format!(
            "{TEMP_PREFIX}{kind}-{nanos}{n}-{}@{host}{TEMP_SUFFIX}",
            std::process::id()
        ))
    }

    /// Creates it (permissions as for any new file: what the umask allows).
    fn create(folder: &Path, kind: &str) -> io::Result<TempFile> {
        loop {
            let path = Self::name_in(folder, kind);
            let create = || OpenOptions::new().write(true).create_new(true).open(&path);
            match create_removed_on_signal(&path, create) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        persisted: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn persist(mut self, to: &Path) -> io::Result<()> {
        fs::rename(&self.path, to)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = fs::remove_file(&self.path);
        }
        forget_on_signal(&self.path);
    }
}

/// The host name as temporary file names carry it (nothing that could be a path separator).
fn host_tag() -> String {
    host_name()
        .chars()
        .map(|c| match c {
            c if c.is_alphanumeric() || c == '-' || c == '.' => c,
            _ => '_',
        })
        .collect()
}

/// Whose a temporary file is: its process id and host, read from its name.
fn temp_owner(name: &str) -> Option<(u32, &str)> {
    let inner = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (left, host) = inner.rsplit_once('@')?;
    let (_, pid) = left.rsplit_once('-')?;
    Some((pid.parse().ok()?, host))
}

/// How old a temporary file of an older Tolk (no owner in its name) must be to be removed.
const LEGACY_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Removes the temporary files in `folder` left by Tolk processes that died mid-save (on this
/// host; another host's cannot be checked), and those of older Tolks (`.tolk-save-XXXXXX.tmp`
/// without an owner) a day old. Returns what it removed.
pub fn sweep_stale(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let me = host_tag();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !name.starts_with(TEMP_PREFIX) || !name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        let stale = match temp_owner(name) {
            Some((pid, host)) => host == me && !process_exists(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > LEGACY_TEMP_AGE),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let path = entry.path();
            if fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

/// Refuses an export's output that would replace its own input, a Tolk project, or a project
/// another Tolk has open. `input` is the project being exported, when it has a file.
pub fn refuse_replacing_a_project(output: &Path, input: Option<&Path>) -> Result<(), OutputError> {
    let Destination::File(real) = destination(output)? else {
        return Ok(());
    };
    if input.is_some_and(|input| same_file(input, &real)) {
        return Err(OutputError::IsInput { path: real });
    }
    let lock = crate::lock::lock_path(&real);
    if lock.exists() {
        return Err(OutputError::LockedProject { path: real, lock });
    }
    if is_a_project(&real) {
        return Err(OutputError::IsProject { path: real });
    }
    Ok(())
}

/// Refuses an output that is one of the files the command reads (`inputs`: what each is,
/// and its path), compared as files, so `./name`, a symbolic or a hard link counts too: `tolk align -o
/// SOURCE` replaced the source text with the alignment and exited 0, `tolk new --force -o
/// SOURCE` replaced it with the project.
pub fn refuse_replacing_an_input(
    output: &Path,
    inputs: &[(&'static str, &Path)],
) -> Result<(), OutputError> {
    let Destination::File(real) = destination(output)? else {
        return Ok(());
    };
    match inputs.iter().find(|(_, input)| same_file(input, &real)) {
        Some(&(what, _)) => Err(OutputError::ReadsIt { path: real, what }),
        None => Ok(()),
    }
}

/// Whether two existing paths are one file: by device and inode where there are inodes (so
/// hard links count), else by real path. A file that does not exist is no other file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether a file looks like a Tolk project: a JSON object whose first key is the format tag,
/// as Tolk writes it (read from its first kilobyte only).
pub fn is_a_project(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut head = [0u8; 1024];
    let n = io::Read::read(&mut file, &mut head).unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.starts_with(&format!("{{\"format\":\"{}\"", crate::model::FORMAT_TAG))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_symlink_is_followed_and_the_real_file_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").unwrap();
        symlink("real.json", &link).unwrap();
        let options = WriteOptions {
            keep_backup: true,
            ..WriteOptions::default()
        };
        write_output(&link, b"new", options).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let backup = backup_path(&real);
        assert!(
            !fs::symlink_metadata(&backup)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(backup).unwrap(), "old");
    }

    #[test]
    fn a_backup_that_is_already_the_file_leaves_no_temporary_name() {
        // What a save stopped between keeping the backup and replacing the file leaves: the
        // backup is a second name of the file itself. The next save's link to keep it was
        // renamed onto the backup, which POSIX makes a successful no-op, and stayed.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        let options = WriteOptions {
            keep_backup: true,
            ..WriteOptions::default()
        };
        write_output(&path, b"new", options).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["p.json", "p.json.bak"]);
    }

    #[test]
    fn the_mode_is_kept_and_read_only_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_output(&path, b"new", WriteOptions::default()).unwrap();
        assert_eq!(mode(&path), 0o640);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let refused = write_output(&path, b"newer", WriteOptions::default());
        assert!(
            matches!(refused, Err(OutputError::ReadOnly { .. })),
            "{refused:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn a_streamed_output_replaces_the_file_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        // Larger than the buffer, so part of it reaches the temporary file before the end.
        let chunk = vec![b'x'; 100_000];
        let mut chunks = 0;
        let mut failing = |out: &mut dyn Write| {
            for _ in 0..3 {
                out.write_all(&chunk)?;
                chunks += 1;
            }
            Err(io::Error::other("the renderer gave up"))
        };
        let failed = write_output_with(&path, WriteOptions::default(), &mut failing);
        let message = failed.unwrap_err().to_string();
        assert!(message.contains("the renderer gave up"), "{message}");
        assert!(message.contains("out.json"), "{message}");
        assert_eq!(chunks, 3);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
        let mut whole = |out: &mut dyn Write| {
            (0..3).try_for_each(|_| out.write_all(&chunk))?;
            out.write_all(b"end")
        };
        write_output_with(&path, WriteOptions::default(), &mut whole).unwrap();
        let written = fs::read(&path).unwrap();
        assert_eq!(written.len(), 300_003);
        assert!(written.ends_with(b"xend"));
    }

    #[test]
    fn devices_and_fifos_are_written_directly() {
        assert_eq!(
            destination(Path::new("/dev/null")).unwrap(),
            Destination::Direct(PathBuf::from("/dev/null"))
        );
        write_output(Path::new("/dev/null"), b"x", WriteOptions::default()).unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().file_type().is_file());
        assert_eq!(destination(Path::new("-")).unwrap(), Destination::Stdout);
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert_eq!(
            destination(&fifo).unwrap(),
            Destination::Direct(fifo.clone())
        );
    }

    #[test]
    fn temps_of_dead_processes_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let host = host_tag();
        let stale = dir.path().join(format!(".tolk-save-1-{dead}@{host}.tmp"));
        let live = dir
            .path()
            .join(format!(".tolk-save-2-{}@{host}.tmp", std::process::id()));
        let elsewhere = dir
            .path()
            .join(format!(".tolk-save-3-{dead}@other-host.tmp"));
        for p in [&stale, &live, &elsewhere] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(sweep_stale(dir.path()), vec![stale.clone()]);
        assert!(live.exists() && elsewhere.exists());
    }

    #[test]
    fn an_export_never_replaces_a_project() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.json");
        fs::write(
            &project,
            "{\n  \"format\": \"tolk-project\",\n  \"version\": 1\n}\n",
        )
        .unwrap();
        let other = dir.path().join("other.html");
        assert!(matches!(
            refuse_replacing_a_project(&project, Some(&project)),
            Err(OutputError::IsInput { .. })
        ));
        let link = dir.path().join("link.html");
        symlink(&project, &link).unwrap();
        assert!(matches!(
            refuse_replacing_a_project(&link, Some(&project)),
            Err(OutputError::IsInput { .. })
        ));
        assert!(matches!(
            refuse_replacing_a_project(&project, None),
            Err(OutputError::IsProject { .. })
        ));
        refuse_replacing_a_project(&other, Some(&project)).unwrap();
        fs::write(crate::lock::lock_path(&other), "pid=1\nhost=x\n").unwrap();
        assert!(matches!(
            refuse_replacing_a_project(&other, None),
            Err(OutputError::LockedProject { .. })
        ));
    }
}
