//! Scoring an alignment against a gold one: the bead format `[0, 1]:[0]` and strict / lax
//! precision, recall and F1 as defined by vecalign's scorer (after Sennrich and Volk).
//!
//! - A predicted bead is a strict hit when the gold holds exactly that bead; it is a lax hit
//!   when it is a strict hit or one of its target sentences is linked in the gold to one of
//!   its source sentences.
//! - Precision is counted over all predicted beads; recall is the same count with the roles
//!   swapped, after removing beads with an empty side from both lists.
//! - Counts of several documents are summed before the ratios are taken.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use super::types::Bead;

/// Why a bead file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EvalError {
    #[error("bead line {line}: expected `[i, ...]:[j, ...]`, found {found:?}")]
    Syntax { line: usize, found: String },
}

/// A bead as lists of sentence indices (the gold format allows any indices).
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// Parses one bead per line, `[0, 1]:[0]`, `[]` for an empty side. Blank lines are skipped.
pub fn parse_beads(text: &str) -> Result<Vec<IndexBead>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = || EvalError::Syntax {
            line: n + 1,
            found: line.to_owned(),
        };
        let (a, b) = line.split_once("]:[").ok_or_else(err)?;
        let a = a.strip_prefix('[').ok_or_else(err)?;
        let b = b.strip_suffix(']').ok_or_else(err)?;
        let list = |s: &str| -> Option<Vec<usize>> {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().ok())
                .collect()
        };
        out.push((list(a).ok_or_else(err)?, list(b).ok_or_else(err)?));
    }
    Ok(out)
}

/// Formats one bead in the gold format.
pub fn format_bead(source: &[usize], target: &[usize]) -> String {
    let join = |v: &[usize]| {
        v.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("[{}]:[{}]", join(source), join(target))
}

/// The aligner's beads as index lists.
pub fn to_index_beads(beads: &[Bead]) -> Vec<IndexBead> {
    beads
        .iter()
        .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
        .collect()
}

/// Strict and lax hit counts of one or more documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub precision_strict: (usize, usize),
    pub precision_lax: (usize, usize),
    pub recall_strict: (usize, usize),
    pub recall_lax: (usize, usize),
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        let add = |a: &mut (usize, usize), b: (usize, usize)| {
            a.0 += b.0;
            a.1 += b.1;
        };
        add(&mut self.precision_strict, o.precision_strict);
        add(&mut self.precision_lax, o.precision_lax);
        add(&mut self.recall_strict, o.recall_strict);
        add(&mut self.recall_lax, o.recall_lax);
    }
}

/// Precision, recall and F1, strict and lax.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub strict: Prf,
    pub lax: Prf,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// (hits, misses) of `test` beads judged against `gold` beads.
fn hits(gold: &[IndexBead], test: &[IndexBead]) -> ((usize, usize), (usize, usize)) {
    let nonempty = |b: &&IndexBead| !b.0.is_empty() || !b.1.is_empty();
    let gold: HashSet<&IndexBead> = gold.iter().filter(nonempty).collect();
    let test: HashSet<&IndexBead> = test.iter().filter(nonempty).collect();
    let mut links: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (s, t) in &gold {
        for &i in s {
            links.entry(i).or_default().extend(t.iter().copied());
        }
    }
    let (mut strict, mut lax) = ((0, 0), (0, 0));
    for bead in test {
        if gold.contains(bead) {
            strict.0 += 1;
            lax.0 += 1;
            continue;
        }
        strict.1 += 1;
        let linked = bead.0.iter().any(|i| {
            links
                .get(i)
                .is_some_and(|ts| bead.1.iter().any(|t| ts.contains(t)))
        });
        if linked {
            lax.0 += 1;
        } else {
            lax.1 += 1;
        }
    }
    (strict, lax)
}

/// Counts for one document.
pub fn count(gold: &[IndexBead], test: &[IndexBead]) -> Counts {
    let (ps, pl) = hits(gold, test);
    let both = |b: &&IndexBead| !b.0.is_empty() && !b.1.is_empty();
    let gold_both: Vec<IndexBead> = gold.iter().filter(both).cloned().collect();
    let test_both: Vec<IndexBead> = test.iter().filter(both).cloned().collect();
    let (rs, rl) = hits(&test_both, &gold_both);
    Counts {
        precision_strict: ps,
        precision_lax: pl,
        recall_strict: rs,
        recall_lax: rl,
    }
}

impl Counts {
    pub fn scores(&self) -> Scores {
        let ratio = |(hit, miss): (usize, usize)| {
            if hit + miss == 0 {
                0.0
            } else {
                hit as f64 / (hit + miss) as f64
            }
        };
        let prf = |p: (usize, usize), r: (usize, usize)| {
            let (precision, recall) = (ratio(p), ratio(r));
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            Prf {
                precision,
                recall,
                f1,
            }
        };
        Scores {
            strict: prf(self.precision_strict, self.recall_strict),
            lax: prf(self.precision_lax, self.recall_lax),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_gold_format() {
        let b = parse_beads("[0]:[0]\n[1, 2]:[1]\n\n[]:[2]\n[3]:[]\n").unwrap();
        assert_eq!(
            b,
            [
                (vec![0], vec![0]),
                (vec![1, 2], vec![1]),
                (vec![], vec![2]),
                (vec![3], vec![])
            ]
        );
        assert_eq!(format_bead(&[1, 2], &[]), "[1, 2]:[]");
        assert!(parse_beads("[0]-[1]").is_err());
        assert!(parse_beads("[x]:[1]").is_err());
    }

    #[test]
    fn perfect_alignment_scores_one() {
        let g = parse_beads("[0]:[0]\n[1]:[1, 2]\n[]:[3]").unwrap();
        let s = count(&g, &g).scores();
        assert_eq!(s.strict.f1, 1.0);
        assert_eq!(s.lax.f1, 1.0);
    }

    #[test]
    fn strict_and_lax_follow_the_definitions() {
        let gold = parse_beads("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n[2]:[4]").unwrap();
        // [1]:[1] overlaps the gold [1]:[1, 2] (lax hit); []:[2] has an empty side (lax miss,
        // and no part of recall); [2]:[3, 4] overlaps gold [2]:[4].
        let test = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3, 4]").unwrap();
        let c = count(&gold, &test);
        assert_eq!(c.precision_strict, (1, 3));
        assert_eq!(c.precision_lax, (3, 1));
        // Recall: gold beads with both sides, judged against test beads with both sides.
        assert_eq!(c.recall_strict, (1, 2));
        assert_eq!(c.recall_lax, (3, 0));
        let s = c.scores();
        assert!((s.strict.precision - 0.25).abs() < 1e-12);
        assert!((s.strict.recall - 1.0 / 3.0).abs() < 1e-12);
        let f = 2.0 * 0.25 * (1.0 / 3.0) / (0.25 + 1.0 / 3.0);
        assert!((s.strict.f1 - f).abs() < 1e-12);
    }

    #[test]
    fn counts_add_up_over_documents() {
        let g = parse_beads("[0]:[0]").unwrap();
        let t = parse_beads("[0]:[1]").unwrap();
        let mut c = count(&g, &g);
        c += count(&g, &t);
        assert_eq!(c.precision_strict, (1, 1));
        assert_eq!(c.scores().strict.precision, 0.5);
    }
}
