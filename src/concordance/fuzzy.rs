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
use super::row_words::{RowWords, RowWordsEntry, word_hashes};
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

/// How many of the sorted, distinct hashes `a` are in the sorted, distinct hashes `b`.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
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
///
/// This reads the words of every row; [`fuzzy_matches_in`] takes them from a [`RowWords`]
/// kept between calls (the window, which asks for each row the translator selects).
pub fn fuzzy_matches(
    project: &Project,
    memories: &Memories,
    index: usize,
    limit: usize,
) -> Vec<FuzzyMatch> {
    fuzzy_matches_in(project, &RowWords::of(project), memories, index, limit)
}

/// [`fuzzy_matches`] with the rows' words from `rows` (brought up to date with
/// [`RowWords::update`] after the project changed; a row whose entry is missing or belongs
/// to another row is read afresh; words out of date may cost a candidate, never a wrong
/// match: every match is measured on the texts themselves).
pub fn fuzzy_matches_in(
    project: &Project,
    rows: &RowWords,
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
    let hashes = word_hashes(source);
    // Half of the row's words (as the memories' index splits them, and as rows are read).
    let needed = words.len().div_ceil(2).max(1);
    let needed_in_rows = hashes.len().div_ceil(2).max(1);
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
    let mut fresh: Option<RowWordsEntry> = None;
    for (i, other) in project.rows.iter().enumerate() {
        if i == index || other.target.trim().is_empty() {
            continue;
        }
        let entry = match rows.get(i, other.id) {
            Some(entry) => entry,
            None => fresh.insert(RowWordsEntry::new(other.id, &other.source)),
        };
        let n = entry.chars;
        if !near_in_length(n) {
            continue;
        }
        let shared = shared_count(&hashes, &entry.words);
        if shared >= needed_in_rows {
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
    fn kept_row_words_give_the_matches_of_a_fresh_reading_after_edits() {
        let mut p = project();
        let mut rows = RowWords::of(&p);
        let memories = Memories::default();
        // Row 2 becomes a near copy of row 0's source, rows 0 and 1 change places.
        p.rows[2].source = "Proletariatets diktatur är en övergångsform!".into();
        let stale = fuzzy_matches_in(&p, &rows, &memories, 0, 3);
        assert!(
            stale.iter().all(|m| m.similarity >= FUZZY_MIN),
            "out-of-date words offer no wrong match"
        );
        p.rows.swap(0, 1);
        rows.update(&p);
        for index in 0..p.rows.len() {
            assert_eq!(
                fuzzy_matches_in(&p, &rows, &memories, index, 3),
                fuzzy_matches(&p, &memories, index, 3),
                "row {index}"
            );
        }
        let found = fuzzy_matches_in(&p, &rows, &memories, 1, 3);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, "Something else entirely.");
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
