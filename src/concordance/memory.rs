//! Translation memories: the TMX files a project references (`qa.memories`, paths relative to
//! the project file), read for the project's languages and indexed by word for fuzzy
//! matching.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use thiserror::Error;
use unicode_segmentation::UnicodeSegmentation;

use crate::check::resolve_project_path;
use crate::formats::{ReadError, ReadOptions, read_bilingual_with};
use crate::model::Project;

#[derive(Debug, Error)]
pub enum MemoryError {
    #[error("cannot read the translation memory {path}: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("the translation memory {path} cannot be read: {cause}")]
    Invalid { path: PathBuf, cause: ReadError },
}

/// One memory: its units (source, target) and an index of their source words.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// The reference as the project writes it.
    pub name: String,
    pub units: Vec<(String, String)>,
    /// Lower-cased source word to the units that have it.
    pub(super) words: HashMap<String, Vec<u32>>,
}

impl Memory {
    pub fn new(name: impl Into<String>, units: Vec<(String, String)>) -> Memory {
        let mut words: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, (source, _)) in units.iter().enumerate() {
            let mut seen: Vec<String> = source.unicode_words().map(str::to_lowercase).collect();
            seen.sort();
            seen.dedup();
            for word in seen {
                words.entry(word).or_default().push(i as u32);
            }
        }
        Memory {
            name: name.into(),
            units,
            words,
        }
    }
}

/// The memories of a project.
#[derive(Debug, Clone, Default)]
pub struct Memories {
    pub memories: Vec<Memory>,
}

impl Memories {
    /// Reads every memory the project references. A file that cannot be read is an error
    /// naming it.
    pub fn load(project: &Project, project_path: Option<&Path>) -> Result<Memories, MemoryError> {
        let mut memories = Vec::new();
        for name in &project.qa.memories {
            let path = resolve_project_path(name, project_path);
            let bytes = std::fs::read(&path).map_err(|cause| MemoryError::Read {
                path: path.clone(),
                cause,
            })?;
            let options = ReadOptions {
                source_lang: Some(project.meta.source_lang.clone()),
                target_lang: Some(project.meta.target_lang.clone()),
            };
            let read =
                read_bilingual_with(&bytes, &options).map_err(|cause| MemoryError::Invalid {
                    path: path.clone(),
                    cause,
                })?;
            let units = read
                .units
                .into_iter()
                .filter(|u| !u.source.trim().is_empty() && !u.target.trim().is_empty())
                .map(|u| (u.source, u.target))
                .collect();
            memories.push(Memory::new(name.clone(), units));
        }
        Ok(Memories { memories })
    }
}
