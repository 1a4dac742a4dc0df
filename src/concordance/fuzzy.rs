//! Fuzzy matches for a row: memory units and other rows of the project whose source is at
//! least [`FUZZY_MIN`] similar to the row's source (similarity: 2 × shared characters / all
//! characters, as the history's diffs measure it), best first, each with the word diff from
//! its source to the row's source (what the translator must change in its translation).
//!
//! Candidates are found through the memories' word index: a unit must share at least half of
//! the row's distinct words, so a match costs a diff of a few units, not of all of them.

use std::collections::{HashMap, HashSet};

use similar::TextDiff;
use unicode_segmentation::UnicodeSegmentation;

use super::memory::Memories;
use super::search::Origin;
use crate::history::Diff;
use crate::model::Project;

/// The lowest similarity offered.
pub const FUZZY_MIN: f64 = 0.75;

#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyMatch {
    pub origin: Origin,
    pub source: String,
    pub target: String,
    /// From 0.75 to 1.
    pub similarity: f64,
    /// The word diff from the match's source to the row's source.
    pub diff: Diff,
}

fn distinct_words(text: &str) -> HashSet<String> {
    text.unicode_words().map(str::to_lowercase).collect()
}

/// How many candidates, those sharing most words with the row, are compared character by
/// character. A book repeats lines hundreds of times; comparing them all cost the window's
/// thread most of a second per row.
const COMPARED: usize = 48;

/// A word's hash (FNV-1a over its lowercased characters): no allocation per word of every
/// row, and cheap enough to run over a whole book for each selected row.
fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        hash ^= u64::from(c);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// How many distinct words of `text` are among `words` (hashes of the row's distinct words).
fn shared_words(text: &str, words: &HashSet<u64>, seen: &mut Vec<u64>) -> usize {
    seen.clear();
    for word in text.unicode_words() {
        let hash = word_hash(word);
        if words.contains(&hash) && !seen.contains(&hash) {
            seen.push(hash);
        }
    }
    seen.len()
}

fn similarity(a: &str, b: &str) -> f64 {
    // The same text (a book's repeated lines, a memory's copy of the row) needs no diff.
    if a == b {
        return 1.0;
    }
    f64::from(
        TextDiff::configure()
            .timeout(std::time::Duration::from_millis(50))
            .diff_chars(a, b)
            .ratio(),
    )
}

/// A unit or row that shares enough words with the row to be compared.
struct Candidate<'a> {
    origin: Origin,
    source: &'a str,
    target: &'a str,
    shared: usize,
    /// How far its length is from the row's, in characters.
    off: usize,
}

/// Fuzzy matches for row `index` (at most `limit`, best first), from the memories and from
/// the project's other rows that have a translation. Of the units and rows that share at
/// least half of the row's words and are near it in length, the [`COMPARED`] sharing most
/// (then nearest in length) are compared character by character.
pub fn fuzzy_matches(
    project: &Project,
    memories: &Memories,
    index: usize,
    limit: usize,
) -> Vec<FuzzyMatch> {
    let Some(row) = project.rows.get(index) else {
        return Vec::new();
    };
    let source = row.source.trim();
    if source.is_empty() {
        return Vec::new();
    }
    let words = distinct_words(source);
    let hashes: HashSet<u64> = words.iter().map(|w| word_hash(w)).collect();
    let needed = words.len().div_ceil(2).max(1);
    let length = source.chars().count();
    let near_in_length = |n: usize| {
        let (n, length) = (n as f64, length as f64);
        n >= length * 0.6 && n <= length / 0.6
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    for memory in &memories.memories {
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for word in &words {
            for unit in memory.words.get(word).into_iter().flatten() {
                *shared.entry(*unit).or_default() += 1;
            }
        }
        for (unit, shared) in shared {
            let (s, t) = &memory.units[unit as usize];
            let n = s.trim().chars().count();
            if shared >= needed && near_in_length(n) {
                candidates.push(Candidate {
                    origin: Origin::Memory {
                        name: memory.name.clone(),
                        unit: unit as usize,
                    },
                    source: s,
                    target: t,
                    shared,
                    off: n.abs_diff(length),
                });
            }
        }
    }
    let mut seen = Vec::new();
    for (i, other) in project.rows.iter().enumerate() {
        if i == index || other.target.trim().is_empty() {
            continue;
        }
        let n = other.source.trim().chars().count();
        if !near_in_length(n) {
            continue;
        }
        let shared = shared_words(&other.source, &hashes, &mut seen);
        if shared >= needed {
            candidates.push(Candidate {
                origin: Origin::Row {
                    id: other.id,
                    index: i,
                },
                source: &other.source,
                target: &other.target,
                shared,
                off: n.abs_diff(length),
            });
        }
    }
    // Most shared words first, then nearest in length; ties in the order found (memories in
    // unit order, then rows), so the result does not depend on a hash map's order.
    candidates.sort_by(|a, b| {
        (b.shared, a.off, origin_order(&a.origin)).cmp(&(a.shared, b.off, origin_order(&b.origin)))
    });
    candidates.truncate(COMPARED);
    let mut found: Vec<FuzzyMatch> = candidates
        .into_iter()
        .filter_map(|c| {
            let similarity = similarity(c.source.trim(), source);
            (similarity >= FUZZY_MIN).then(|| FuzzyMatch {
                origin: c.origin,
                source: c.source.to_string(),
                target: c.target.to_string(),
                similarity,
                diff: Diff::default(),
            })
        })
        .collect();
    found.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    found.truncate(limit);
    // The word diff is made for the matches kept only.
    for found in &mut found {
        found.diff = Diff::between(found.source.trim(), source);
    }
    found
}

/// A stable order of origins: memory units by memory name and unit, then rows by index.
fn origin_order(origin: &Origin) -> (u8, &str, usize) {
    match origin {
        Origin::Memory { name, unit } => (0, name.as_str(), *unit),
        Origin::Row { index, .. } => (1, "", *index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concordance::{Memory, SearchOptions, search};
    use crate::model::ImportedRow;

    fn project() -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(
            [
                ("Proletariatets diktatur är en övergångsform.", ""),
                (
                    "Diktaturen är oundviklig.",
                    "The dictatorship is inevitable.",
                ),
                ("Något helt annat här.", "Something else entirely."),
            ]
            .map(|(s, t)| ImportedRow {
                source: s.into(),
                target: t.into(),
                ..Default::default()
            }),
        );
        p
    }

    fn memories() -> Memories {
        Memories {
            memories: vec![Memory::new(
                "old.tmx",
                vec![
                    (
                        "Proletariatets diktatur är en övergångsform!".into(),
                        "The dictatorship of the proletariat is a transitional form!".into(),
                    ),
                    (
                        "Bourgeoisiens diktatur är en övergångsform.".into(),
                        "The dictatorship of the bourgeoisie is a transitional form.".into(),
                    ),
                    ("Diktatur.".into(), "Dictatorship.".into()),
                    (
                        "Helt orelaterat om väder och vind.".into(),
                        "Unrelated.".into(),
                    ),
                ],
            )],
        }
    }

    #[test]
    fn similar_units_are_offered_best_first_with_the_diff() {
        let found = fuzzy_matches(&project(), &memories(), 0, 10);
        let got: Vec<(usize, bool)> = found
            .iter()
            .map(|m| match m.origin {
                Origin::Memory { unit, .. } => (unit, m.similarity >= 0.75),
                Origin::Row { .. } => (99, false),
            })
            .collect();
        assert_eq!(got, [(0, true), (1, true)]);
        assert!(found[0].similarity > 0.95 && found[0].similarity < 1.0);
        let changed: Vec<&str> = found[0]
            .diff
            .spans
            .iter()
            .filter(|s| s.kind != crate::history::SpanKind::Equal)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(changed, ["!", "."]);
        assert!(
            fuzzy_matches(&project(), &memories(), 2, 10).is_empty(),
            "nothing near"
        );
    }

    #[test]
    fn a_book_repeating_a_line_hundreds_of_times_still_gives_the_nearest_match() {
        let line = "Proletariatets diktatur är en övergångsform till det klasslösa samhället.";
        let mut rows = vec![(line.to_string(), String::new())];
        for copy in 0..600 {
            rows.push((format!("{line} ({copy})"), format!("Copy {copy}.")));
        }
        rows.push((line.replace('.', "!"), "The nearest.".into()));
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(rows.into_iter().map(|(s, t)| ImportedRow {
            source: s,
            target: t,
            ..Default::default()
        }));
        let found = fuzzy_matches(&p, &Memories::default(), 0, 3);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].target, "The nearest.");
        assert!(found[0].similarity > 0.95);
        assert!(found.iter().all(|m| m.similarity >= FUZZY_MIN));
    }

    #[test]
    fn the_concordance_finds_a_phrase_on_both_sides_with_ranges() {
        let hits = search(
            &project(),
            &memories(),
            "DIKTATUR",
            SearchOptions::default(),
        )
        .unwrap();
        assert_eq!(hits.len(), 5);
        assert_eq!(hits[0].source_matches, vec![15..23]);
        assert!(matches!(hits[0].origin, Origin::Row { index: 0, .. }));
        assert!(matches!(hits[2].origin, Origin::Memory { unit: 0, .. }));
        let words = search(
            &project(),
            &memories(),
            "diktatur",
            SearchOptions {
                whole_words: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(words.len(), 4, "not “Diktaturen”");
        let phrase = search(
            &project(),
            &memories(),
            "transitional  form",
            SearchOptions::default(),
        )
        .unwrap();
        assert_eq!(phrase.len(), 2);
        assert_eq!(phrase[0].target_matches.len(), 1);
        assert!(search(&project(), &memories(), "  ", SearchOptions::default()).is_err());
    }
}
