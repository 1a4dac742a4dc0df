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

/// Fuzzy matches for row `index` (at most `limit`, best first), from the memories and from
/// the project's other rows that have a translation.
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
    let needed = words.len().div_ceil(2).max(1);
    let length = source.chars().count() as f64;
    let near_in_length = |text: &str| {
        let n = text.trim().chars().count() as f64;
        n >= length * 0.6 && n <= length / 0.6
    };
    let mut found: Vec<FuzzyMatch> = Vec::new();
    let mut consider = |origin: Origin, s: &str, t: &str| {
        if !near_in_length(s) {
            return;
        }
        let similarity = similarity(s.trim(), source);
        if similarity >= FUZZY_MIN {
            found.push(FuzzyMatch {
                origin,
                source: s.to_string(),
                target: t.to_string(),
                similarity,
                // Made below for the matches kept only: a diff of every candidate (hundreds
                // where a book repeats a line) cost the window's thread seconds per row.
                diff: Diff::default(),
            });
        }
    };
    for memory in &memories.memories {
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for word in &words {
            for unit in memory.words.get(word).into_iter().flatten() {
                *shared.entry(*unit).or_default() += 1;
            }
        }
        let mut candidates: Vec<u32> = shared
            .into_iter()
            .filter(|(_, n)| *n >= needed)
            .map(|(u, _)| u)
            .collect();
        candidates.sort_unstable();
        for unit in candidates {
            let (s, t) = &memory.units[unit as usize];
            consider(
                Origin::Memory {
                    name: memory.name.clone(),
                    unit: unit as usize,
                },
                s,
                t,
            );
        }
    }
    for (i, other) in project.rows.iter().enumerate() {
        if i == index || other.target.trim().is_empty() || !near_in_length(&other.source) {
            continue;
        }
        let shared = distinct_words(&other.source).intersection(&words).count();
        if shared >= needed {
            consider(
                Origin::Row {
                    id: other.id,
                    index: i,
                },
                &other.source,
                &other.target,
            );
        }
    }
    found.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    found.truncate(limit);
    for found in &mut found {
        found.diff = Diff::between(found.source.trim(), source);
    }
    found
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
