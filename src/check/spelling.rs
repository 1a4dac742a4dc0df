//! The `spelling` check: words of the target (and, when the project asks, of the source,
//! where OCR slips hide: "i diet" for "i det") that neither the Hunspell dictionary of the
//! side's language nor a word list knows. Word lists: the project's own (`qa.words`), lists
//! shipped with Tolk (`sv-1900`: early-20th-century Swedish spellings) or files the project
//! names (`qa.word_lists`), and the user's own list (`$TOLK_USER_WORDS`, else
//! `~/.config/tolk/words.txt`). Results are cached per row and text, so a window re-checking
//! the visible rows only spells rows whose text changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

use super::dictionaries::{self, LoadedDictionary};
use super::finding::{CheckId, Finding, char_range};
use crate::model::{Project, Row, RowId, Side};

/// Word lists shipped with Tolk, by the name a project uses for them.
const SHIPPED: &[(&str, &str)] = &[(
    "sv-1900",
    include_str!("../../assets/wordlists/sv-1900.txt"),
)];

/// The names of the word lists shipped with Tolk.
pub fn shipped_word_lists() -> Vec<&'static str> {
    SHIPPED.iter().map(|(name, _)| *name).collect()
}

/// The words of a word list file: one per line, `#` starts a comment.
pub fn parse_word_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
}

/// The user's own word list file.
pub fn user_word_list_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TOLK_USER_WORDS") {
        return Some(PathBuf::from(path));
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("tolk").join("words.txt"))
}

/// Why a word could not be added to the user's word list.
#[derive(Debug, thiserror::Error)]
#[error("cannot add “{word}” to the word list {}: {cause}", path.display())]
pub struct WordListError {
    pub word: String,
    pub path: PathBuf,
    pub cause: std::io::Error,
}

/// Adds a word to the user's own word list file (one word a line; the folder and the file
/// are made when missing). The list is the user's, not a project's: it is not undoable and
/// never goes through a project's edits. Returns whether the word was new.
pub fn add_to_word_list(path: &Path, word: &str) -> Result<bool, WordListError> {
    use std::io::Write;
    let word = word.trim();
    let failed = |cause| WordListError {
        word: word.to_string(),
        path: path.to_path_buf(),
        cause,
    };
    if word.is_empty() || word.contains(['\n', '\r', '#']) {
        return Err(failed(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a word list takes one word a line, without #",
        )));
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(failed(e)),
    };
    if parse_word_list(&existing).any(|w| w == word) {
        return Ok(false);
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(failed)?;
    let separator = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    file.write_all(format!("{separator}{word}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    Ok(true)
}

/// The speller of one side: a dictionary (if one was found) and the accepted words.
#[derive(Debug)]
pub struct Speller {
    pub lang: String,
    pub dictionary: Option<LoadedDictionary>,
    /// Words accepted as written, and lower-cased (a listed "hvad" accepts "Hvad").
    words: HashSet<String>,
}

impl Speller {
    pub fn new(lang: &str, dictionary: Option<LoadedDictionary>) -> Speller {
        Speller {
            lang: lang.to_string(),
            dictionary,
            words: HashSet::new(),
        }
    }

    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        for word in words {
            self.words.insert(word.to_string());
            self.words.insert(word.to_lowercase());
        }
    }

    /// Whether `word` is spelt right (true when there is no dictionary: nothing to say).
    pub fn knows(&self, word: &str) -> bool {
        let Some(loaded) = &self.dictionary else {
            return true;
        };
        let listed = |w: &str| self.words.contains(w) || self.words.contains(&w.to_lowercase());
        // A listed name takes the genitive: "Milyukov" accepts "Milyukov's" (English) and
        // "Miljukovs" (Swedish, Danish, Norwegian).
        let scandinavian = matches!(
            self.lang.split('-').next(),
            Some("sv" | "da" | "nb" | "nn" | "no")
        );
        let stem = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .or_else(|| word.strip_suffix('s').filter(|_| scandinavian));
        if listed(word) || stem.is_some_and(listed) {
            return true;
        }
        let dictionary = &loaded.dictionary;
        if word.len() > spellbook::MAX_WORD_LEN || dictionary.check(word) {
            return true;
        }
        // Typographic apostrophes, as in "don’t", are spelt with ' in the dictionaries.
        if word.contains('’') && dictionary.check(&word.replace('’', "'")) {
            return true;
        }
        false
    }

    /// Suggestions for a misspelt word, best first (for the window's context menu).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(loaded) = &self.dictionary {
            loaded.dictionary.suggest(word, &mut out);
        }
        out
    }
}

/// Words worth spelling: letters only (no digits), more than one character, not inside a web
/// or e-mail address.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let addresses = addresses(text);
    text.unicode_word_indices().filter(move |(i, w)| {
        w.chars().count() > 1
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
            && !addresses.iter().any(|r| r.contains(i))
    })
}

/// Byte ranges of the web and e-mail addresses in a text (white-space separated tokens with
/// `://`, `@` or a leading `www.`).
fn addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let token = &text[s..i];
                if token.contains("://") || token.contains('@') || token.starts_with("www.") {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_inside_addresses_and_with_digits_are_not_spelt() {
        let got: Vec<&str> =
            words("Se http://www.marxistarkiv.se/ki.html och mejla x@y.se, 3:e gången A4")
                .map(|(_, w)| w)
                .collect();
        assert_eq!(got, ["Se", "och", "mejla", "gången"]);
    }

    #[test]
    fn a_word_added_to_the_user_list_is_kept_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("tolk").join("words.txt");
        assert!(add_to_word_list(&path, " Kamenjev ").unwrap());
        assert!(!add_to_word_list(&path, "Kamenjev").unwrap(), "once only");
        std::fs::write(&path, "# mine\nhvad").unwrap();
        assert!(add_to_word_list(&path, "präss").unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            parse_word_list(&text).collect::<Vec<_>>(),
            ["hvad", "präss"]
        );
        let error = add_to_word_list(&path, "two\nlines").unwrap_err();
        assert!(error.to_string().contains("words.txt"), "{error}");
    }
}

/// Words already looked up and whether they are right (a fast hash: words are short).
pub(crate) type WordCache = HashMap<String, bool, foldhash::fast::RandomState>;

/// One misspelt word: its byte range in the text and the word.
#[derive(Debug, Clone, PartialEq)]
pub struct Misspelling {
    pub bytes: std::ops::Range<usize>,
    pub word: String,
}

/// Both sides' spellers, the notices about missing dictionaries, and the per-row cache.
#[derive(Debug)]
pub struct Spelling {
    pub source: Speller,
    pub target: Speller,
    pub check_source: bool,
    /// Said once: which dictionary was not found, or which word list could not be read.
    pub notices: Vec<String>,
    cache: Mutex<RowCache>,
}

/// Misspellings of one side of a row, with the hash of the text they were found in.
type RowCache = HashMap<(RowId, Side), (u64, Vec<Misspelling>)>;

impl Spelling {
    /// Spellers for a project: dictionaries found in `folders` (see
    /// [`dictionaries::search_folders`]), the project's word lists (relative to `project_path`)
    /// and the user's. A missing dictionary or unreadable list is a notice, not an error.
    pub fn for_project(
        project: &Project,
        project_path: Option<&Path>,
        folders: &[PathBuf],
    ) -> Spelling {
        Spelling::with_user_list(project, project_path, folders, user_word_list_path())
    }

    /// Like [`Spelling::for_project`], with the user's word list read from `user_list`
    /// (`None`: no user list).
    pub fn with_user_list(
        project: &Project,
        project_path: Option<&Path>,
        folders: &[PathBuf],
        user_list: Option<PathBuf>,
    ) -> Spelling {
        let mut notices = Vec::new();
        let check_source = project.qa.spell_source;
        let mut speller = |lang: &str, needed: bool| {
            let mut dictionary = None;
            if needed {
                match dictionaries::find(lang, folders) {
                    Some(aff) => match dictionaries::load(&aff) {
                        Ok(loaded) => dictionary = Some(loaded),
                        Err(e) => notices.push(format!("{e}; spelling in {lang} is not checked")),
                    },
                    None => notices.push(format!(
                        "no Hunspell dictionary for {lang} found (looked in {}); spelling in {lang} is not checked",
                        folders.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
                    )),
                }
            }
            Speller::new(lang, dictionary)
        };
        let mut source = speller(&project.meta.source_lang, check_source);
        let mut target = speller(&project.meta.target_lang, true);
        for speller in [&mut source, &mut target] {
            speller.add_words(project.qa.words.iter().map(String::as_str));
        }
        for list in &project.qa.word_lists {
            match read_list(list, project_path) {
                Ok(text) => {
                    // A shipped list is for its language ("sv-1900"); a file for both sides.
                    let lang = SHIPPED
                        .iter()
                        .any(|(n, _)| n == list)
                        .then(|| list.split('-').next().unwrap_or(""));
                    for speller in [&mut source, &mut target] {
                        if lang.is_none_or(|l| speller.lang.split('-').next() == Some(l)) {
                            speller.add_words(parse_word_list(&text));
                        }
                    }
                }
                Err(message) => notices.push(message),
            }
        }
        if let Some(path) = user_list
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            for speller in [&mut source, &mut target] {
                speller.add_words(parse_word_list(&text));
            }
        }
        Spelling {
            source,
            target,
            check_source,
            notices,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn speller(&self, side: Side) -> &Speller {
        match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        }
    }

    /// Misspelt words of one side of a row, from the cache when the text is unchanged.
    pub fn misspellings(&self, row: &Row, side: Side) -> Vec<Misspelling> {
        self.misspellings_in(row.id, side, row.text(side))
    }

    /// Misspelt words of `text` as one side of a row (the row's text, or what is being typed
    /// into it), from the cache when the text is the one checked last for that row and side.
    pub fn misspellings_in(&self, row: RowId, side: Side, text: &str) -> Vec<Misspelling> {
        let hash = xxh3_64(text.as_bytes());
        if let Ok(cache) = self.cache.lock()
            && let Some((h, found)) = cache.get(&(row, side))
            && *h == hash
        {
            return found.clone();
        }
        let speller = self.speller(side);
        let found: Vec<Misspelling> = words(text)
            .filter(|(_, w)| !speller.knows(w))
            .map(|(i, w)| Misspelling {
                bytes: i..i + w.len(),
                word: w.to_string(),
            })
            .collect();
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert((row, side), (hash, found.clone()));
        }
        found
    }

    /// Misspelt words of one side of a row without the cache, with a cache of words instead
    /// (for checking a whole project on several threads).
    pub(crate) fn misspellings_with(
        &self,
        text: &str,
        side: Side,
        known: &mut WordCache,
    ) -> Vec<Misspelling> {
        let speller = self.speller(side);
        words(text)
            .filter(|(_, w)| match known.get(*w) {
                Some(ok) => !ok,
                None => {
                    let ok = speller.knows(w);
                    known.insert(w.to_string(), ok);
                    !ok
                }
            })
            .map(|(i, w)| Misspelling {
                bytes: i..i + w.len(),
                word: w.to_string(),
            })
            .collect()
    }

    /// The sides this spelling check looks at.
    pub fn sides(&self) -> &'static [Side] {
        if self.check_source {
            &Side::BOTH
        } else {
            &[Side::Target]
        }
    }

    pub(crate) fn findings(
        &self,
        row: &Row,
        side: Side,
        found: Vec<Misspelling>,
        out: &mut Vec<Finding>,
    ) {
        let lang = &self.speller(side).lang;
        for m in found {
            out.push(
                Finding::new(
                    row.id,
                    CheckId::Spelling,
                    side,
                    m.word.clone(),
                    format!(
                        "“{}” is not in the {lang} dictionary or the word lists",
                        m.word
                    ),
                )
                .at(char_range(row.text(side), m.bytes)),
            );
        }
    }
}

/// The text of a word list named in a project: a shipped list, or a file relative to the
/// project file.
fn read_list(name: &str, project_path: Option<&Path>) -> Result<String, String> {
    if let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
        return Ok((*text).to_string());
    }
    let path = resolve(name, project_path);
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read the word list {}: {e}; its words are not used",
            path.display()
        )
    })
}

/// A path a project names, relative to the project file's folder.
pub fn resolve(name: &str, project_path: Option<&Path>) -> PathBuf {
    let path = Path::new(name);
    match project_path.and_then(Path::parent) {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}
