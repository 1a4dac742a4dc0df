//! Cognates: words of the two languages spelt nearly alike (`Expedition`/`expédition`),
//! found by normalised edit distance between the two vocabularies.

use std::collections::HashMap;

/// Shortest word length considered for a cognate; shorter words match by chance too often.
pub const MIN_COGNATE_CHARS: usize = 5;

/// Largest normalised edit distance (edits / length of the longer word) of a cognate.
pub const MAX_DISTANCE: f32 = 0.3;

/// Levenshtein distance between two char slices, in O(len(a) * len(b)) time, O(len(b)) space.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            let sub = diag + usize::from(ca != cb);
            row[j + 1] = sub.min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// Edit distance divided by the length of the longer word, in [0, 1].
pub fn normalised_distance(a: &[char], b: &[char]) -> f32 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    edit_distance(a, b) as f32 / longest as f32
}

/// Target words sharing their first two letters: (index, letters).
type Block = Vec<(u32, Vec<char>)>;

/// Pairs (source index, target index, strength in (0, 1]) of cognate words of two vocabularies.
///
/// Only words sharing their first two letters are compared (translators' cognates nearly
/// always do), which keeps this close to linear in the vocabulary size. Identical words are
/// left out: the caller pairs those itself, with their own rules.
pub fn cognate_pairs(source: &[&str], target: &[&str]) -> Vec<(u32, u32, f32)> {
    let key = |w: &[char]| (w[0], w[1]);
    let mut blocks: HashMap<(char, char), Block> = HashMap::new();
    for (j, w) in target.iter().enumerate() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() >= MIN_COGNATE_CHARS && chars.iter().all(|c| c.is_alphabetic()) {
            blocks
                .entry(key(&chars))
                .or_default()
                .push((j as u32, chars));
        }
    }
    let mut out = Vec::new();
    for (i, w) in source.iter().enumerate() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() < MIN_COGNATE_CHARS || !chars.iter().all(|c| c.is_alphabetic()) {
            continue;
        }
        let Some(block) = blocks.get(&key(&chars)) else {
            continue;
        };
        for (j, other) in block {
            let (short, long) = if chars.len() < other.len() {
                (chars.len(), other.len())
            } else {
                (other.len(), chars.len())
            };
            // Cheap bound first: the length difference alone is a lower bound on the distance.
            if (long - short) as f32 > MAX_DISTANCE * long as f32 || chars == *other {
                continue;
            }
            let d = normalised_distance(&chars, other);
            if d <= MAX_DISTANCE {
                out.push((i as u32, *j, 1.0 - d));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("same"), &chars("same")), 0);
    }

    #[test]
    fn finds_cognates_but_not_unrelated_words() {
        let src = ["expedition", "himalaya", "berg", "gletscher"];
        let tgt = [
            "expedition",
            "expeditions",
            "himalayen",
            "montagne",
            "glacier",
        ];
        let pairs = cognate_pairs(&src, &tgt);
        let found: Vec<(u32, u32)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        assert!(
            found.contains(&(0, 1)),
            "expedition ~ expeditions: {found:?}"
        );
        assert!(found.contains(&(1, 2)), "himalaya ~ himalayen: {found:?}");
        assert!(
            !found.contains(&(0, 0)),
            "identical words are left to the caller"
        );
        assert!(
            !found.iter().any(|p| p.0 == 3),
            "gletscher is not glacier by spelling"
        );
        assert!(pairs.iter().all(|p| p.2 > 0.0 && p.2 <= 1.0));
    }
}
