//! The distinct words of every row's source, kept between fuzzy-match look-ups. Finding a
//! row's fuzzy matches among the project's other rows needs the words of every source; word
//! segmentation of a 100,000-row book took the window's thread about 0.3 s per selected row.
//! Kept here, a row's words are read again only when its source changed, found by a hash of
//! the source's bytes (an update costs one pass of hashing, not of word splitting).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use crate::model::{Project, RowId};

/// One row's source as the fuzzy matcher needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWordsEntry {
    id: RowId,
    source_hash: u64,
    /// Characters of the trimmed source.
    pub chars: usize,
    /// Hashes of its distinct lowercased words, sorted ([`word_hashes`]).
    pub words: Vec<u64>,
}

impl RowWordsEntry {
    /// The entry of the row `id` whose source is `source`.
    pub fn new(id: RowId, source: &str) -> Self {
        Self {
            id,
            source_hash: source_hash(source),
            chars: source.trim().chars().count(),
            words: word_hashes(source),
        }
    }
}

/// The words of every row's source, by row position.
#[derive(Debug, Default)]
pub struct RowWords {
    rows: Vec<RowWordsEntry>,
}

fn source_hash(source: &str) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(source.as_bytes());
    h.finish()
}

/// The sorted, distinct hashes of the words of `text`: runs of letters and digits,
/// lowercased, each hashed with FNV-1a as it is read (no allocation per word). Simpler
/// than Unicode word segmentation ("don't" is two words here) and several times faster; it
/// only chooses which rows are compared character by character, and every row's words are
/// read the same way.
pub fn word_hashes(text: &str) -> Vec<u64> {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut words = Vec::new();
    let mut hash = START;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                hash = (hash ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(PRIME);
            } else {
                for l in c.to_lowercase() {
                    hash = (hash ^ u64::from(l)).wrapping_mul(PRIME);
                }
            }
        } else if in_word {
            words.push(hash);
            hash = START;
            in_word = false;
        }
    }
    if in_word {
        words.push(hash);
    }
    words.sort_unstable();
    words.dedup();
    words
}

impl RowWords {
    /// The words of every row of `project`.
    pub fn of(project: &Project) -> Self {
        let mut words = Self::default();
        words.update(project);
        words
    }

    /// Brings the words up to date with `project`: rows whose id and source are unchanged
    /// keep theirs, wherever they moved; the others are read again.
    pub fn update(&mut self, project: &Project) {
        let mut old: HashMap<RowId, RowWordsEntry> =
            self.rows.drain(..).map(|e| (e.id, e)).collect();
        self.rows = project
            .rows
            .iter()
            .map(|row| match old.remove(&row.id) {
                Some(e) if e.source_hash == source_hash(&row.source) => e,
                _ => RowWordsEntry::new(row.id, &row.source),
            })
            .collect();
    }

    /// The entry of the row at `index`, if it is the row with `id` (callers check that the
    /// words are those of the project they look at).
    pub fn get(&self, index: usize, id: RowId) -> Option<&RowWordsEntry> {
        self.rows.get(index).filter(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project(sources: &[&str]) -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(sources.iter().map(|s| ImportedRow {
            source: (*s).into(),
            ..Default::default()
        }));
        p
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_case() {
        assert_eq!(
            word_hashes("Ärendet, ÄRENDET: N:o 12."),
            word_hashes("ärendet n o 12")
        );
        assert_eq!(word_hashes("ärendet n o 12").len(), 4);
        assert_ne!(word_hashes("Ärende"), word_hashes("ärendet"));
        assert!(word_hashes(" ,. ").is_empty());
    }

    #[test]
    fn words_are_distinct_lowercased_and_follow_changed_sources() {
        let mut p = project(&["Diktaturen är diktaturen.", "Något annat."]);
        let mut words = RowWords::of(&p);
        let first = words.get(0, p.rows[0].id).unwrap().clone();
        assert_eq!(first.words, word_hashes("diktaturen är"));
        assert_eq!(first.chars, "Diktaturen är diktaturen.".chars().count());
        p.rows[1].source = "Helt nytt här.".into();
        p.rows.swap(0, 1);
        words.update(&p);
        assert_eq!(words.get(1, p.rows[1].id), Some(&first), "moved row kept");
        assert_eq!(
            words.get(0, p.rows[0].id).unwrap().words,
            word_hashes("helt nytt här"),
            "changed source read again"
        );
        assert_eq!(words.get(0, p.rows[1].id), None, "another row's id");
    }
}
