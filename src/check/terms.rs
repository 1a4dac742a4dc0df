//! Glossary terms in rows: where a term occurs (word boundaries, case-insensitive, simple
//! inflection by prefix) and the `term` check (a source term whose target term is missing
//! from the translation; a forbidden term used).
//!
//! Inflection: a word of the text matches a word of the term when it starts with the term
//! word less up to two final letters ("country" finds "countries", "arbetare" finds "arbetarna"),
//! the part kept being at least `min_stem` letters, and the text word is at most
//! `max_ending` letters longer than that part ("stat" finds "staten" and "statens" but not
//! "statistik"). Shorter term words match whole words only.

use std::ops::Range;

use super::finding::{CheckId, Finding, char_range};
use crate::formats::Glossary;
use crate::model::{Row, Side};

/// How loosely term words match words of the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchOptions {
    /// The fewest letters of a term word that must match as a prefix.
    pub min_stem: usize,
    /// The most letters a text word may have after the matched prefix.
    pub max_ending: usize,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            min_stem: 4,
            max_ending: 4,
        }
    }
}

/// The words of a text, lower-cased once for the whole text (no allocation per word).
struct Words {
    lowered: String,
    items: Vec<Word>,
}

/// One word: where it is in the lower-cased text and in the original, and its length in
/// characters.
struct Word {
    lower: Range<usize>,
    bytes: Range<usize>,
    chars: usize,
}

impl Words {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn lower(&self, i: usize) -> &str {
        &self.lowered[self.items[i].lower.clone()]
    }
}

/// The words of a text for term matching: runs of letters and digits (a hyphen or
/// apostrophe ends a word, in terms and texts alike). Simpler and several times faster than
/// Unicode word segmentation, which matters when every row of a book is checked.
fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start: Option<usize> = None;
    text.char_indices()
        .chain([(text.len(), ' ')])
        .filter_map(move |(i, c)| {
            let inside = i < text.len() && c.is_alphanumeric();
            match (inside, start) {
                (true, None) => {
                    start = Some(i);
                    None
                }
                (false, Some(s)) => {
                    start = None;
                    Some((s, &text[s..i]))
                }
                _ => None,
            }
        })
}

fn words_of(text: &str) -> Words {
    let lowered = text.to_lowercase();
    if lowered.len() == text.len() {
        // Lower-casing kept every byte offset (the usual case): word boundaries are shared.
        let items = word_indices(text)
            .map(|(i, w)| Word {
                lower: i..i + w.len(),
                bytes: i..i + w.len(),
                chars: w.chars().count(),
            })
            .collect();
        return Words { lowered, items };
    }
    // Some letter changed its length ("İ"): lower-case word by word.
    let mut words = Words {
        lowered: String::with_capacity(lowered.len()),
        items: Vec::new(),
    };
    for (i, w) in word_indices(text) {
        let start = words.lowered.len();
        words.lowered.extend(w.chars().flat_map(char::to_lowercase));
        let end = words.lowered.len();
        words.items.push(Word {
            chars: words.lowered[start..end].chars().count(),
            lower: start..end,
            bytes: i..i + w.len(),
        });
    }
    words
}

/// One word of a term: the word and the stems a text word may start with (the word less up
/// to two final letters, each at least `min_stem` letters), with their lengths in letters.
#[derive(Debug, Clone)]
struct TermWord {
    word: String,
    stems: Vec<(String, usize)>,
}

impl TermWord {
    fn new(word: String, options: MatchOptions) -> TermWord {
        let letters: Vec<char> = word.chars().collect();
        let stems = (0..=2usize)
            .map(|dropped| letters.len().saturating_sub(dropped))
            .take_while(|&keep| keep >= options.min_stem && keep > 0)
            .map(|keep| (letters[..keep].iter().collect(), keep))
            .collect();
        TermWord { word, stems }
    }

    fn matches(&self, words: &Words, i: usize, options: MatchOptions) -> bool {
        let lower = words.lower(i);
        let chars = words.items[i].chars;
        self.word == lower
            || self.stems.iter().any(|(stem, keep)| {
                chars <= keep + options.max_ending && lower.starts_with(stem.as_str())
            })
    }
}

/// A term prepared for matching: its words, lower-cased, with their stems.
#[derive(Debug, Clone)]
pub struct PreparedTerm {
    words: Vec<TermWord>,
    options: MatchOptions,
}

impl PreparedTerm {
    pub fn new(term: &str, options: MatchOptions) -> PreparedTerm {
        PreparedTerm {
            words: word_indices(term)
                .map(|(_, w)| TermWord::new(w.to_lowercase(), options))
                .collect(),
            options,
        }
    }

    fn at(&self, words: &Words, i: usize) -> bool {
        self.words
            .iter()
            .enumerate()
            .all(|(k, t)| t.matches(words, i + k, self.options))
    }

    /// The word positions where the term could start.
    fn starts(&self, words: &Words) -> Range<usize> {
        let n = self.words.len();
        if n == 0 || words.len() < n {
            return 0..0;
        }
        0..words.len() - n + 1
    }

    /// Byte ranges of the term's occurrences among `words`.
    fn find(&self, words: &Words) -> Vec<Range<usize>> {
        let n = self.words.len();
        self.starts(words)
            .filter(|&i| self.at(words, i))
            .map(|i| words.items[i].bytes.start..words.items[i + n - 1].bytes.end)
            .collect()
    }

    /// Whether the term occurs among `words`.
    fn occurs(&self, words: &Words) -> bool {
        self.starts(words).any(|i| self.at(words, i))
    }
}

/// Character ranges where `term` occurs in `text`.
pub fn find_term(text: &str, term: &str, options: MatchOptions) -> Vec<Range<usize>> {
    PreparedTerm::new(term, options)
        .find(&words_of(text))
        .into_iter()
        .map(|r| char_range(text, r))
        .collect()
}

/// A glossary ready for matching rows. Entries are found through their terms' first words
/// (the first `min_stem` letters, or the whole word when shorter), so a row costs a look-up
/// per word, not a comparison with every entry of a large glossary.
#[derive(Debug, Clone, Default)]
pub struct TermIndex {
    entries: Vec<IndexedEntry>,
    options: MatchOptions,
    by_source: TermMap,
    by_forbidden: TermMap,
}

/// Entries by the key of their terms (a fast hash: the keys are short and not hostile).
type TermMap = std::collections::HashMap<String, Vec<usize>, foldhash::fast::RandomState>;

/// The key a term is indexed under: its first word's first `min_stem` letters (the whole word
/// when shorter).
fn term_key(term: &PreparedTerm, min_stem: usize) -> Option<String> {
    term.words
        .first()
        .map(|w| w.word.chars().take(min_stem.max(1)).collect())
}

/// The entries whose terms may start at the words of a text: looked up by each word's
/// prefix and by the word itself.
fn candidates(index: &TermMap, words: &Words, min_stem: usize) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    if index.is_empty() {
        return found;
    }
    for i in 0..words.len() {
        let lower = words.lower(i);
        let end = lower
            .char_indices()
            .nth(min_stem.max(1))
            .map_or(lower.len(), |(i, _)| i);
        let prefix = &lower[..end];
        for key in [prefix, lower] {
            if let Some(entries) = index.get(key) {
                found.extend(entries);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

#[derive(Debug, Clone)]
struct IndexedEntry {
    source: Vec<(String, PreparedTerm)>,
    /// Target terms to use.
    preferred: Vec<(String, PreparedTerm)>,
    forbidden: Vec<(String, PreparedTerm)>,
    note: Option<String>,
}

/// A glossary entry found in a row's source: what the window lists beside the editor (and
/// inserts with Ctrl+1..9).
#[derive(Debug, Clone, PartialEq)]
pub struct TermHit {
    /// The source term as the glossary writes it.
    pub source: String,
    /// Where in the row's source (characters).
    pub range: Range<usize>,
    /// The target terms to use, best first.
    pub targets: Vec<String>,
    /// Target terms not to use.
    pub forbidden: Vec<String>,
    pub note: Option<String>,
}

impl TermIndex {
    pub fn new(glossary: &Glossary, options: MatchOptions) -> TermIndex {
        let prepare = |terms: Vec<&str>| {
            terms
                .into_iter()
                .map(|t| (t.to_string(), PreparedTerm::new(t, options)))
                .collect::<Vec<_>>()
        };
        let entries = glossary
            .entries
            .iter()
            .map(|e| IndexedEntry {
                source: prepare(e.source.iter().map(|t| t.text.as_str()).collect()),
                preferred: prepare(e.preferred().map(|t| t.text.as_str()).collect()),
                forbidden: prepare(
                    e.target
                        .iter()
                        .filter(|t| t.forbidden)
                        .map(|t| t.text.as_str())
                        .collect(),
                ),
                note: e.note.clone(),
            })
            .collect::<Vec<IndexedEntry>>();
        let mut by_source = TermMap::default();
        let mut by_forbidden = TermMap::default();
        for (i, entry) in entries.iter().enumerate() {
            for (map, terms) in [
                (&mut by_source, &entry.source),
                (&mut by_forbidden, &entry.forbidden),
            ] {
                for (_, term) in terms {
                    if let Some(key) = term_key(term, options.min_stem) {
                        map.entry(key).or_default().push(i);
                    }
                }
            }
        }
        TermIndex {
            entries,
            options,
            by_source,
            by_forbidden,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The glossary entries whose source term occurs in `source`, in order of occurrence.
    pub fn hits(&self, source: &str) -> Vec<TermHit> {
        let words = words_of(source);
        let mut hits: Vec<TermHit> = Vec::new();
        for k in candidates(&self.by_source, &words, self.options.min_stem) {
            let entry = &self.entries[k];
            let found = entry
                .source
                .iter()
                .find_map(|(text, term)| term.find(&words).first().map(|r| (text, r.clone())));
            if let Some((text, bytes)) = found {
                hits.push(TermHit {
                    source: text.clone(),
                    range: char_range(source, bytes),
                    targets: entry.preferred.iter().map(|(t, _)| t.clone()).collect(),
                    forbidden: entry.forbidden.iter().map(|(t, _)| t.clone()).collect(),
                    note: entry.note.clone(),
                });
            }
        }
        hits.sort_by_key(|h| h.range.start);
        hits
    }

    /// The `term` check of one row.
    pub fn check(&self, row: &Row, out: &mut Vec<Finding>) {
        if self.entries.is_empty() || row.target.trim().is_empty() {
            return;
        }
        let source = words_of(&row.source);
        let in_source = candidates(&self.by_source, &source, self.options.min_stem);
        if in_source.is_empty() && self.by_forbidden.is_empty() {
            return;
        }
        let target = words_of(&row.target);
        let mut looked = in_source;
        looked.extend(candidates(
            &self.by_forbidden,
            &target,
            self.options.min_stem,
        ));
        looked.sort_unstable();
        looked.dedup();
        for k in looked {
            let entry = &self.entries[k];
            let in_source = entry.source.iter().find(|(_, t)| t.occurs(&source));
            if let Some((term, _)) = in_source
                && !entry.preferred.is_empty()
                && entry.preferred.iter().all(|(_, t)| !t.occurs(&target))
            {
                let wanted: Vec<String> = entry
                    .preferred
                    .iter()
                    .map(|(t, _)| format!("“{t}”"))
                    .collect();
                out.push(Finding::new(
                    row.id,
                    CheckId::Term,
                    Side::Target,
                    term.clone(),
                    format!(
                        "the glossary translates “{term}” as {}, not found in the translation",
                        wanted.join(" or ")
                    ),
                ));
            }
            for (term, prepared) in &entry.forbidden {
                for bytes in prepared.find(&target) {
                    let instead = entry
                        .preferred
                        .first()
                        .map(|(t, _)| format!(" (use “{t}”)"))
                        .unwrap_or_default();
                    out.push(
                        Finding::new(
                            row.id,
                            CheckId::Term,
                            Side::Target,
                            term.clone(),
                            format!("“{term}” is a forbidden term{instead}"),
                        )
                        .at(char_range(&row.target, bytes)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{Term, TermEntry};
    use crate::model::{RowId, Status};

    #[test]
    fn terms_match_at_word_boundaries_with_simple_inflection() {
        let o = MatchOptions::default();
        assert_eq!(
            find_term("Proletariatets diktatur", "diktatur", o),
            vec![15..23]
        );
        assert_eq!(
            find_term("diktaturens tid, Diktaturen", "diktatur", o),
            [0..11, 17..27]
        );
        assert_eq!(find_term("the countries", "country", o), vec![4..13]);
        assert_eq!(find_term("arbetarna", "arbetare", o), vec![0..9]);
        assert_eq!(find_term("staten och statens", "stat", o), [0..6, 11..18]);
        assert!(find_term("statistiken", "stat", o).is_empty());
        assert!(find_term("the art of war", "artillery", o).is_empty());
        assert!(find_term("smart", "art", o).is_empty(), "inside a word");
        assert_eq!(
            find_term("Trade-unions delegation", "trade union", o),
            vec![0..12]
        );
        assert_eq!(find_term("İstanbul och staten", "staten", o), vec![13..19]);
        assert_eq!(
            find_term(
                "the dictatorship of the proletariat",
                "dictatorship of the proletariat",
                o
            ),
            vec![4..35]
        );
        assert!(
            find_term(
                "a dictatorship over the proletariat",
                "dictatorship of the proletariat",
                o
            )
            .is_empty()
        );
        let strict = MatchOptions {
            min_stem: 20,
            max_ending: 0,
        };
        assert!(find_term("diktaturen", "diktatur", strict).is_empty());
    }

    fn row(source: &str, target: &str) -> Row {
        crate::check::test_row(RowId(1), source, target, Status::Draft)
    }

    #[test]
    fn missing_and_forbidden_terms_are_found() {
        let glossary = Glossary {
            source_lang: "sv".into(),
            target_lang: "en".into(),
            entries: vec![
                TermEntry {
                    id: "1".into(),
                    source: vec![Term::new("diktatur")],
                    target: vec![Term::new("dictatorship")],
                    note: None,
                },
                TermEntry {
                    id: "2".into(),
                    source: vec![Term::new("statens ledning")],
                    target: vec![
                        Term::new("government"),
                        Term {
                            text: "direction of the state".into(),
                            forbidden: true,
                        },
                    ],
                    note: Some("a calque".into()),
                },
            ],
            warnings: Vec::new(),
        };
        let index = TermIndex::new(&glossary, MatchOptions::default());
        let check = |s: &str, t: &str| {
            let mut out = Vec::new();
            index.check(&row(s, t), &mut out);
            out.into_iter()
                .map(|f| (f.key, f.range))
                .collect::<Vec<_>>()
        };
        assert!(
            check(
                "Proletariatets diktatur",
                "The dictatorship of the proletariat"
            )
            .is_empty()
        );
        assert!(check("vid statens ledning", "in the government").is_empty());
        assert!(check("Inga termer", "No terms").is_empty());
        assert_eq!(
            check("Proletariatets diktatur", "Proletarian rule"),
            [("diktatur".to_string(), None)]
        );
        assert_eq!(
            check("vid statens ledning", "in the direction of the state"),
            [
                ("statens ledning".to_string(), None),
                ("direction of the state".to_string(), Some(7..29))
            ]
        );
        let hits = index.hits("diktaturen vid statens ledning");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[1].targets, ["government"]);
        assert_eq!(hits[1].range, 15..30);
    }
}
