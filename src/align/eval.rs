//! Scoring an alignment against a gold one: the bead format `[0, 1]:[0]` and strict / lax
//! precision, recall and F1 as defined by vecalign's scorer (after Sennrich and Volk).
//!
//! - A predicted bead is a strict hit when the gold holds exactly that bead; it is a lax hit
//!   when it is a strict hit or one of its target sentences is linked in the gold to one of
//!   its source sentences.
//! - Precision is counted over all predicted beads; recall is the same count with the roles
//!   swapped, after removing beads with an empty side from both lists.
//! - Counts of several documents are summed before the ratios are taken.
//!
//! Two more figures say whether the aligner can be trusted where it is wrong:
//! - [`WrongConfidence`]: the confidence the aligner gave to its strict-wrong beads, and the
//!   highest mean confidence of any run of consecutive wrong beads (a "wrong region");
//! - [`ParagraphCounts`]: the share of paired beads that keep paragraphs consistent, that is
//!   whose every (source paragraph, target paragraph) combination the gold links too.

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

/// Confidence of the strict-wrong beads of one or more documents.
///
/// A strict-wrong bead with both sides non-empty that lies within one gold bead (two 1-1
/// beads where the gold has one 2-2) is a *split*: finer than the gold, its pairs are still
/// translations of each other (LinES makes most of its 2-2 gold beads by cutting a segment
/// pair at sentence ends, "Jadå, han är smart. Men han pratar för mycket." with "Yeah, he's
/// smart. But he talks too much."). Splits count as wrong beads, but the most confident
/// wrong run is looked for among the other wrong beads: those are the wrong regions.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WrongConfidence {
    /// Predicted beads (with a non-empty side) that are not gold beads.
    pub wrong: usize,
    /// How many of them are splits of a gold bead.
    pub splits: usize,
    /// Sum of their confidences.
    pub confidence_sum: f64,
    /// The run of consecutive wrong beads (splits excepted) with the highest mean
    /// confidence: (mean, length).
    pub worst_run: Option<(f32, usize)>,
}

impl WrongConfidence {
    /// The confidence of the strict-wrong beads of `test` judged against `gold`; each bead's
    /// confidence is in `confidence` (same order as `test`).
    pub fn of(gold: &[IndexBead], test: &[IndexBead], confidence: &[f32]) -> Self {
        let set: HashSet<&IndexBead> = gold.iter().collect();
        let (mut of_source, mut of_target) = (HashMap::new(), HashMap::new());
        for (k, (s, t)) in gold.iter().enumerate() {
            of_source.extend(s.iter().map(|&i| (i, k)));
            of_target.extend(t.iter().map(|&j| (j, k)));
        }
        let split = |(s, t): &IndexBead| {
            let mut beads = s
                .iter()
                .map(|i| of_source.get(i))
                .chain(t.iter().map(|j| of_target.get(j)));
            let first = beads.next().flatten();
            !s.is_empty() && !t.is_empty() && first.is_some() && beads.all(|k| k == first)
        };
        let mut out = Self::default();
        let mut run: Vec<f32> = Vec::new();
        let close = |run: &mut Vec<f32>, out: &mut Self| {
            if !run.is_empty() {
                let mean = run.iter().sum::<f32>() / run.len() as f32;
                if out.worst_run.is_none_or(|(m, _)| mean > m) {
                    out.worst_run = Some((mean, run.len()));
                }
                run.clear();
            }
        };
        for (bead, &c) in test.iter().zip(confidence) {
            if set.contains(bead) {
                close(&mut run, &mut out);
                continue;
            }
            out.wrong += 1;
            out.confidence_sum += f64::from(c);
            if split(bead) {
                out.splits += 1;
                close(&mut run, &mut out);
            } else {
                run.push(c);
            }
        }
        close(&mut run, &mut out);
        out
    }

    /// Mean confidence of the wrong beads (0 when there is none).
    pub fn mean(&self) -> f64 {
        if self.wrong == 0 {
            0.0
        } else {
            self.confidence_sum / self.wrong as f64
        }
    }
}

impl std::ops::AddAssign for WrongConfidence {
    fn add_assign(&mut self, o: Self) {
        self.wrong += o.wrong;
        self.splits += o.splits;
        self.confidence_sum += o.confidence_sum;
        if let Some((m, len)) = o.worst_run
            && self.worst_run.is_none_or(|(w, _)| m > w)
        {
            self.worst_run = Some((m, len));
        }
    }
}

/// Paired beads that keep paragraphs consistent, out of all paired beads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParagraphCounts {
    pub consistent: usize,
    pub paired: usize,
}

impl ParagraphCounts {
    /// Share of consistent beads (1 when no bead is paired).
    pub fn ratio(&self) -> f64 {
        if self.paired == 0 {
            1.0
        } else {
            self.consistent as f64 / self.paired as f64
        }
    }

    /// Judges the paired beads of `test` against the paragraph links of `gold`.
    /// `source_paragraph[i]` is the paragraph of source sentence `i` (likewise for target).
    pub fn of(
        gold: &[IndexBead],
        test: &[IndexBead],
        source_paragraph: &[usize],
        target_paragraph: &[usize],
    ) -> Self {
        let links = linked_paragraphs(gold, source_paragraph, target_paragraph);
        Self::against(&links, test, source_paragraph, target_paragraph)
    }

    /// Judges the paired beads of `test` against known paragraph links `(source, target)`.
    pub fn against(
        links: &HashSet<(usize, usize)>,
        test: &[IndexBead],
        source_paragraph: &[usize],
        target_paragraph: &[usize],
    ) -> Self {
        let mut out = Self::default();
        for (s, t) in test.iter().filter(|b| !b.0.is_empty() && !b.1.is_empty()) {
            out.paired += 1;
            let ok = s.iter().all(|&i| {
                t.iter()
                    .all(|&j| links.contains(&(source_paragraph[i], target_paragraph[j])))
            });
            out.consistent += usize::from(ok);
        }
        out
    }
}

impl std::ops::AddAssign for ParagraphCounts {
    fn add_assign(&mut self, o: Self) {
        self.consistent += o.consistent;
        self.paired += o.paired;
    }
}

/// The (source paragraph, target paragraph) pairs that some gold bead links.
pub fn linked_paragraphs(
    gold: &[IndexBead],
    source_paragraph: &[usize],
    target_paragraph: &[usize],
) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    for (s, t) in gold {
        for &i in s {
            for &j in t {
                out.insert((source_paragraph[i], target_paragraph[j]));
            }
        }
    }
    out
}

/// The paragraph index of each sentence, from "opens a paragraph" flags (the first sentence
/// is in paragraph 0 whatever its flag says).
pub fn paragraph_indices(starts: impl IntoIterator<Item = bool>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut p = 0usize;
    for (i, start) in starts.into_iter().enumerate() {
        if start && i > 0 {
            p += 1;
        }
        out.push(p);
    }
    out
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

    #[test]
    fn wrong_beads_and_their_worst_run_are_found() {
        let gold = parse_beads("[0]:[0]\n[1]:[1, 2]\n[2]:[3]\n[3]:[4]").unwrap();
        let test = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n[3]:[4]").unwrap();
        let w = WrongConfidence::of(&gold, &test, &[0.99, 0.8, 0.6, 0.95, 0.97]);
        // [1]:[1] lies within the gold [1]:[1, 2]: a split; []:[2] is the wrong region.
        assert_eq!((w.wrong, w.splits), (2, 1));
        assert!((w.mean() - 0.7).abs() < 1e-6);
        let (mean, len) = w.worst_run.unwrap();
        assert_eq!(len, 1);
        assert!((mean - 0.6).abs() < 1e-6);
        let mut all = w;
        all += WrongConfidence::of(&gold, &parse_beads("[0]:[1]").unwrap(), &[0.93]);
        assert_eq!(all.wrong, 3);
        assert_eq!(all.worst_run.unwrap().1, 1);
    }

    #[test]
    fn pairs_splitting_a_gold_bead_are_counted_apart() {
        // Gold 2-2; the aligner says 1-1, 1-1 (a split, sure of itself), then a wrong 1-1.
        let gold = parse_beads("[0, 1]:[0, 1]\n[2]:[2]\n[3]:[3]").unwrap();
        let test = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[3]\n[3]:[2]").unwrap();
        let w = WrongConfidence::of(&gold, &test, &[0.99, 0.98, 0.4, 0.5]);
        assert_eq!((w.wrong, w.splits), (4, 2));
        let (mean, len) = w.worst_run.unwrap();
        assert_eq!(len, 2);
        assert!((mean - 0.45).abs() < 1e-6);
    }

    #[test]
    fn paragraph_consistency_follows_the_gold_links() {
        // Two paragraphs a side; the gold joins source paragraph 1 with target paragraph 1.
        let sp = paragraph_indices([true, false, true, false]);
        let tp = paragraph_indices([true, true, false]);
        assert_eq!(sp, [0, 0, 1, 1]);
        assert_eq!(tp, [0, 1, 1]);
        let gold = parse_beads("[0, 1]:[0]\n[2]:[1]\n[3]:[2]").unwrap();
        // [1]:[1] crosses from source paragraph 0 to target paragraph 1: inconsistent.
        let test = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]").unwrap();
        let c = ParagraphCounts::of(&gold, &test, &sp, &tp);
        assert_eq!((c.consistent, c.paired), (2, 3));
        assert!((c.ratio() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(ParagraphCounts::default().ratio(), 1.0);
    }
}
