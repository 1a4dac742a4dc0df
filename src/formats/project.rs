//! The project file: pretty-printed JSON with a format tag and version, loaded with precise
//! errors and saved atomically with the previous version kept as `NAME.bak`.

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use super::content_hash::ContentHash;
use super::output::{OutputError, WriteOptions, write_output};
use crate::lock::LockError;
use crate::model::{FORMAT_TAG, FORMAT_VERSION, IntegrityError, Project};
use crate::text::{LimitedRead, read_at_most};

/// The largest project file Tolk opens: far above a 100,000-row book with long histories.
pub const MAX_PROJECT_BYTES: u64 = 4 * 1024 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum ProjectFileError {
    #[error("cannot read {path}: {cause}")]
    Read { path: PathBuf, cause: io::Error },
    #[error("{path} is {size} bytes; the largest project Tolk opens is {MAX_PROJECT_BYTES} bytes")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path} is not valid JSON (line {line}, column {column}): {message}")]
    NotJson {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path} is not a Tolk project ({found})")]
    NotAProject { path: PathBuf, found: String },
    #[error(
        "{path} was written by a newer Tolk (project format version {version}; this Tolk reads up to version {FORMAT_VERSION}): update Tolk to open it"
    )]
    Newer { path: PathBuf, version: u64 },
    #[error(
        "{path} has a missing or wrong field at {field} (line {line}, column {column}): {message}"
    )]
    Invalid {
        path: PathBuf,
        field: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path} is inconsistent: {cause}")]
    Inconsistent {
        path: PathBuf,
        cause: IntegrityError,
    },
    #[error("the project has no file yet: use Save as")]
    Untitled,
    #[error(
        "{path} exists already; choose another name or pass --force (the old file is then kept as .bak)"
    )]
    Exists { path: PathBuf },
    #[error(
        "{path} was changed on disk since Tolk loaded or last saved it (by another program, a Git pull or a sync client); it was not overwritten: reload it, save under another name, or overwrite it on purpose"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{path} is open read-only here (another Tolk has it open); save it under another name")]
    ReadOnly { path: PathBuf },
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// A loaded project and the repairs made while loading it (to show the user).
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub repairs: Vec<String>,
    /// The hash of the bytes the project was read from, to notice later changes on disk.
    pub hash: ContentHash,
}

/// Only the fields that say what a file is, read before the rest so that a foreign or newer
/// file gets a message about that rather than about some field deep inside.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Reads a project file. Never writes anything.
pub fn load(path: &Path) -> Result<Loaded, ProjectFileError> {
    let bytes = read_at_most(path, MAX_PROJECT_BYTES).map_err(|error| match error {
        LimitedRead::Io(cause) => ProjectFileError::Read {
            path: path.to_path_buf(),
            cause,
        },
        LimitedRead::TooLarge(size) => ProjectFileError::TooLarge {
            path: path.to_path_buf(),
            size,
        },
    })?;
    from_slice(&bytes, path)
}

/// Parses project JSON; `path` is only used in messages.
///
/// The whole file is parsed once; only when that fails is it read again for what it is (not
/// JSON, not a project, a newer version), so that the message speaks of that rather than of
/// some field deep inside.
pub fn from_slice(bytes: &[u8], path: &Path) -> Result<Loaded, ProjectFileError> {
    let path_buf = path.to_path_buf();
    // Read without tracking where the reader is (a third of the time of loading a large
    // project); only a file that fails is read again, with its path tracked for the message.
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<Project, _> = match Project::deserialize(&mut deserializer) {
        Ok(project) => Ok(project),
        Err(_) => {
            deserializer = serde_json::Deserializer::from_slice(bytes);
            serde_path_to_error::deserialize(&mut deserializer)
        }
    };
    let invalid = |field: String, inner: serde_json::Error| ProjectFileError::Invalid {
        path: path_buf.clone(),
        field,
        line: inner.line(),
        column: inner.column(),
        message: without_position(&inner),
    };
    let mut project = match parsed {
        Ok(project) => {
            check_header(&Header::of(&project), path)?;
            if let Err(trailing) = deserializer.end() {
                identify(bytes, path)?;
                return Err(invalid("the end".to_string(), trailing));
            }
            project
        }
        Err(error) => {
            identify(bytes, path)?;
            let field = match error.path().to_string() {
                top if top == "." => "the top level".to_string(),
                inner => inner,
            };
            return Err(invalid(field, error.into_inner()));
        }
    };
    let repairs = project
        .check_and_repair()
        .map_err(|cause| ProjectFileError::Inconsistent {
            path: path_buf,
            cause,
        })?;
    Ok(Loaded {
        project,
        repairs,
        hash: ContentHash::of(bytes),
    })
}

/// Says what a file that failed to load is, when it is not a readable Tolk project of this
/// version; `Ok` when it is one (so the fault is in a field).
fn identify(bytes: &[u8], path: &Path) -> Result<(), ProjectFileError> {
    let path_buf = path.to_path_buf();
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
    {
        return Err(ProjectFileError::NotAProject {
            path: path_buf,
            found: "the file is JSON, but not a JSON object".to_string(),
        });
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() {
            ProjectFileError::NotAProject {
                path: path_buf.clone(),
                found: "the file is JSON, but not a JSON object".to_string(),
            }
        } else {
            ProjectFileError::NotJson {
                path: path_buf.clone(),
                line: e.line(),
                column: e.column(),
                message: without_position(&e),
            }
        }
    })?;
    check_header(&header, path)
}

impl Header {
    fn of(project: &Project) -> Header {
        Header {
            format: Some(serde_json::Value::from(project.format.clone())),
            version: Some(serde_json::Value::from(project.version)),
        }
    }
}

fn check_header(header: &Header, path: &Path) -> Result<(), ProjectFileError> {
    let not_a_project = |found: String| ProjectFileError::NotAProject {
        path: path.to_path_buf(),
        found,
    };
    match &header.format {
        Some(serde_json::Value::String(tag)) if tag == FORMAT_TAG => {}
        Some(other) => {
            return Err(not_a_project(format!(
                "its \"format\" is {other}, not \"{FORMAT_TAG}\""
            )));
        }
        None => {
            return Err(not_a_project(format!(
                "it has no \"format\": \"{FORMAT_TAG}\" tag"
            )));
        }
    }
    match &header.version {
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(v) if v > u64::from(FORMAT_VERSION) => Err(ProjectFileError::Newer {
                path: path.to_path_buf(),
                version: v,
            }),
            Some(v) if v >= 1 => Ok(()),
            _ => Err(not_a_project(format!(
                "its \"version\" {n} is not a version Tolk ever wrote"
            ))),
        },
        Some(other) => Err(not_a_project(format!(
            "its \"version\" is {other}, not a number"
        ))),
        None => Err(not_a_project("it has no \"version\"".to_string())),
    }
}

/// serde_json appends " at line L column C" to messages; the error variants say it already.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

/// The project as the JSON text of its file (pretty-printed, final newline).
pub fn to_json(project: &Project) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(project).expect("a project always serialises");
    bytes.push(b'\n');
    bytes
}

/// Saves like [`save_hashed`], but only if the file on disk still has the content hash
/// `expected` (what was loaded or last saved there), and returns the hash of what it wrote.
///
/// A missing file is written: nothing of anyone's is lost by that. The file is checked after
/// the new content is serialised and synced, right before the rename, so the window in which
/// another program's write could be lost is the rename itself; the lock file keeps other
/// Tolks out of it.
pub fn save_checked(
    project: &Project,
    path: &Path,
    expected: ContentHash,
) -> Result<ContentHash, ProjectFileError> {
    write_project(project, path, Some(expected))
}

/// Saves atomically and returns the content hash of what was written: the new file is written
/// to a temporary file in the same folder, flushed and synced, and renamed over the old one, so
/// the path always holds either the complete old or the complete new version. The old version
/// is kept as `NAME.bak` (by a hard link where the file system allows, else a copy that is
/// itself written atomically). Symbolic links are followed, the file's permissions kept, a
/// read-only file refused (see [`super::output`]). Only [`crate::Document`] calls this.
pub fn save_hashed(project: &Project, path: &Path) -> Result<ContentHash, ProjectFileError> {
    write_project(project, path, None)
}

fn write_project(
    project: &Project,
    path: &Path,
    expected: Option<ContentHash>,
) -> Result<ContentHash, ProjectFileError> {
    let bytes = to_json(project);
    let mut check = |real: &Path| -> Result<(), OutputError> {
        let Some(expected) = expected else {
            return Ok(());
        };
        let on_disk = ContentHash::of_file(real).map_err(|cause| OutputError::Io {
            path: real.to_path_buf(),
            cause,
        })?;
        match on_disk {
            Some(hash) if hash != expected => Err(OutputError::ChangedOnDisk {
                path: real.to_path_buf(),
            }),
            _ => Ok(()),
        }
    };
    let options = WriteOptions {
        keep_backup: true,
        before_replacing: Some(&mut check),
    };
    match write_output(path, &bytes, options) {
        Ok(_) => Ok(ContentHash::of(&bytes)),
        Err(OutputError::ChangedOnDisk { .. }) => Err(ProjectFileError::ChangedOnDisk {
            path: path.to_path_buf(),
        }),
        Err(error) => Err(ProjectFileError::Output(error)),
    }
}
