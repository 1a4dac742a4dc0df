//! Finding and loading Hunspell dictionaries at run time. Tolk ships none: it looks in
//! `$TOLK_DICTIONARIES` (folders, separated like `PATH`), then in a `dictionaries/` folder
//! beside the project file, then where Debian and most Linux systems install them
//! (`/usr/share/hunspell`, `/usr/share/myspell/dicts`). A dictionary is the pair
//! `NAME.aff` + `NAME.dic`, named after the language (`en_US`, `sv_SE`). Loaded dictionaries
//! are kept for the life of the process, so building a new checker costs nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DictionaryError {
    #[error("cannot read the dictionary file {path}: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("the dictionary {path} is not a Hunspell dictionary Tolk can read: {message}")]
    Parse { path: PathBuf, message: String },
}

/// A loaded dictionary and where it came from.
#[derive(Clone)]
pub struct LoadedDictionary {
    pub dictionary: Arc<spellbook::Dictionary>,
    /// The `.aff` file it was read from.
    pub path: PathBuf,
}

impl std::fmt::Debug for LoadedDictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LoadedDictionary({})", self.path.display())
    }
}

/// The folders searched, in order, for a project at `project` (if it has a file).
pub fn search_folders(project: Option<&Path>) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    if let Some(paths) = std::env::var_os("TOLK_DICTIONARIES") {
        folders.extend(std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()));
    }
    if let Some(dir) = project.and_then(Path::parent) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        folders.push(dir.join("dictionaries"));
    }
    folders.push(PathBuf::from("/usr/share/hunspell"));
    folders.push(PathBuf::from("/usr/share/myspell/dicts"));
    folders.push(PathBuf::from("/usr/share/myspell"));
    folders
}

/// Region most people mean by a bare language tag.
fn usual_region(primary: &str) -> Option<&'static str> {
    Some(match primary {
        "en" => "US",
        "sv" => "SE",
        "de" => "DE",
        "fr" => "FR",
        "es" => "ES",
        "pt" => "PT",
        "it" => "IT",
        "nl" => "NL",
        "da" => "DK",
        "nb" => "NO",
        "fi" => "FI",
        "ru" => "RU",
        "pl" => "PL",
        _ => return None,
    })
}

/// The `.aff` file for a language (BCP 47 tag) in the folders: the exact tag (`en-GB` ->
/// `en_GB.aff`), else the usual region of the language, else any region of it.
pub fn find(lang: &str, folders: &[PathBuf]) -> Option<PathBuf> {
    let mut parts = lang.trim().split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    if primary.is_empty() {
        return None;
    }
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let mut names = Vec::new();
    if let Some(region) = &region {
        names.push(format!("{primary}_{region}"));
    }
    if let Some(region) = usual_region(&primary) {
        names.push(format!("{primary}_{region}"));
    }
    names.push(primary.clone());
    for name in &names {
        for folder in folders {
            let aff = folder.join(format!("{name}.aff"));
            if aff.is_file() && aff.with_extension("dic").is_file() {
                return Some(aff);
            }
        }
    }
    // Any region of the language.
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "aff")
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| s.starts_with(&format!("{primary}_")))
                    && p.with_extension("dic").is_file()
            })
            .collect();
        found.sort();
        if let Some(aff) = found.into_iter().next() {
            return Some(aff);
        }
    }
    None
}

/// Loads (once per process) the dictionary whose `.aff` file is `aff`.
pub fn load(aff: &Path) -> Result<LoadedDictionary, DictionaryError> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Arc<spellbook::Dictionary>>>> = OnceLock::new();
    let cache = LOADED.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(aff).cloned()) {
        return Ok(LoadedDictionary {
            dictionary: found,
            path: aff.to_path_buf(),
        });
    }
    let dic = aff.with_extension("dic");
    let aff_text = read_text(aff)?;
    let dic_text = read_text(&dic)?;
    let dictionary =
        spellbook::Dictionary::new(&aff_text, &dic_text).map_err(|e| DictionaryError::Parse {
            path: aff.to_path_buf(),
            message: e.to_string(),
        })?;
    let dictionary = Arc::new(dictionary);
    if let Ok(mut c) = cache.lock() {
        c.insert(aff.to_path_buf(), dictionary.clone());
    }
    Ok(LoadedDictionary {
        dictionary,
        path: aff.to_path_buf(),
    })
}

/// A dictionary file as text: without a byte-order mark, decoded by the encoding its `.aff`
/// names (`SET ISO8859-1` and the like; UTF-8 when it names none).
fn read_text(path: &Path) -> Result<String, DictionaryError> {
    let bytes = std::fs::read(path).map_err(|cause| DictionaryError::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let aff = std::fs::read(path.with_extension("aff")).unwrap_or_default();
    let label = aff
        .split(|b| *b == b'\n')
        .find_map(|line| line.strip_prefix(b"SET "))
        .map(|l| String::from_utf8_lossy(l).trim().to_string())
        .unwrap_or_default();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .or_else(|| encoding_rs::Encoding::for_label(label.replace("ISO", "ISO-").as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_is_found_by_exact_tag_then_usual_region_then_any_region() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["en_GB", "en_US", "sv_FI"] {
            std::fs::write(dir.path().join(format!("{name}.aff")), "SET UTF-8\n").unwrap();
            std::fs::write(dir.path().join(format!("{name}.dic")), "1\nword\n").unwrap();
        }
        let folders = vec![dir.path().to_path_buf()];
        let name = |lang: &str| {
            find(lang, &folders).map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        };
        assert_eq!(name("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(name("en").as_deref(), Some("en_US"));
        assert_eq!(name("sv").as_deref(), Some("sv_FI"));
        assert_eq!(name("de"), None);
        let loaded = load(&dir.path().join("en_GB.aff")).unwrap();
        assert!(loaded.dictionary.check("word"));
        assert!(!loaded.dictionary.check("wrod"));
    }
}
