//! The aligner's driver: checks locked beads, splits the text into the stretches between
//! them, runs the two passes (anchors only, then with the learnt lexicon and re-estimated
//! length and bead statistics) and assembles the beads and diagnostics.

use std::ops::Range;

use thiserror::Error;

use super::band::Band;
use super::cost::{CostModel, DEFAULT_PRIORS, KINDS, PairScores, Params, Sides};
use super::dp::{CellCosts, Path, posteriors, viterbi};
use super::learn::learn;
use super::length::LengthModel;
use super::lexical::{Predicted, Table, Vocab};
use super::tokens::{Closing, SentenceFeatures, features};
use super::types::{AlignOptions, Alignment, Bead, Diagnostics, LockedBead, Sentence};

/// Why an alignment could not be made. Only the locked beads can be wrong: any two
/// sentence lists can be aligned.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AlignError {
    #[error(
        "locked bead {index} ({source_range:?} <-> {target_range:?}) is out of range, \
         reversed or overlaps the bead before it"
    )]
    BadLock {
        index: usize,
        source_range: Range<usize>,
        target_range: Range<usize>,
    },
    #[error("locked bead {index} is empty on both sides")]
    EmptyLock { index: usize },
}

/// Everything about the whole text that both passes use.
struct Text {
    src_len: Vec<f64>,
    tgt_len: Vec<f64>,
    src_closing: Vec<Closing>,
    tgt_closing: Vec<Closing>,
    src_para: Vec<bool>,
    tgt_para: Vec<bool>,
    src_vocab: Vocab,
    tgt_vocab: Vocab,
}

/// One stretch between locked beads, aligned on its own.
struct Stretch {
    source: Range<usize>,
    target: Range<usize>,
}

/// The result of searching one stretch.
struct Found {
    path: Path,
    confidence: Vec<f32>,
    widenings: usize,
}

/// Aligns `source` with `target` sentences, keeping every bead of `locked` unchanged.
///
/// The result covers every sentence of both sides exactly once, in order. See the module
/// documentation of [`crate::align`] for the method and what the confidence means.
pub fn align(
    source: &[Sentence],
    target: &[Sentence],
    options: &AlignOptions,
    locked: &[LockedBead],
) -> Result<Alignment, AlignError> {
    let stretches = stretches(source.len(), target.len(), locked)?;
    let text = analyse(source, target);
    let mut table = Table::seed(&text.src_vocab, &text.tgt_vocab, options.words.as_ref());
    let length = LengthModel::from_totals(text.src_len.iter().sum(), text.tgt_len.iter().sum());
    let mut params = Params::new(&DEFAULT_PRIORS, length);
    let band = &options.band;

    let predicted = Predicted::build(&text.src_vocab, &text.tgt_vocab, &table);
    let mut found: Vec<Found> = stretches
        .iter()
        .map(|st| {
            let sides = sides(&text, st);
            let start = Band::around_lengths(
                &text.src_len[st.source.clone()],
                &text.tgt_len[st.target.clone()],
                band.first_pass_half_width,
            );
            let with_conf = !options.learn_lexicon;
            search(&sides, &params, &predicted, &text, st, start, band.max_widenings, with_conf)
        })
        .collect();

    if options.learn_lexicon {
        let trusted = trusted_pairs(&stretches, &found);
        let lengths: Vec<(f64, f64)> = one_to_one_pairs(&stretches, &found)
            .iter()
            .map(|&(s, t)| (text.src_len[s], text.tgt_len[t]))
            .collect();
        params.length = params.length.refit(&lengths);
        let mut counts = [0usize; 8];
        for f in &found {
            for &k in &f.path.kinds {
                counts[k] += 1;
            }
        }
        let lexical = params.lexical;
        params = Params::new(&Params::priors_from_counts(&counts), params.length);
        params.lexical = lexical;
        learn(&mut table, &text.src_vocab, &text.tgt_vocab, &trusted);
        let predicted = Predicted::build(&text.src_vocab, &text.tgt_vocab, &table);
        found = stretches
            .iter()
            .zip(&found)
            .map(|(st, first)| {
                let sides = sides(&text, st);
                let start = Band::around_path(
                    &first.path.cells,
                    st.source.len(),
                    st.target.len(),
                    band.second_pass_half_width,
                );
                let mut f = search(&sides, &params, &predicted, &text, st, start, band.max_widenings, true);
                f.widenings += first.widenings;
                f
            })
            .collect();
    }

    Ok(assemble(source.len(), target.len(), locked, &stretches, &found, options))
}

/// Checks the locked beads and returns the stretches between them.
fn stretches(n: usize, m: usize, locked: &[LockedBead]) -> Result<Vec<Stretch>, AlignError> {
    let mut out = Vec::with_capacity(locked.len() + 1);
    let (mut s, mut t) = (0, 0);
    for (index, lock) in locked.iter().enumerate() {
        let bad = lock.source.start < s
            || lock.target.start < t
            || lock.source.end < lock.source.start
            || lock.target.end < lock.target.start
            || lock.source.end > n
            || lock.target.end > m;
        if bad {
            return Err(AlignError::BadLock {
                index,
                source_range: lock.source.clone(),
                target_range: lock.target.clone(),
            });
        }
        if lock.source.is_empty() && lock.target.is_empty() {
            return Err(AlignError::EmptyLock { index });
        }
        out.push(Stretch {
            source: s..lock.source.start,
            target: t..lock.target.start,
        });
        (s, t) = (lock.source.end, lock.target.end);
    }
    out.push(Stretch {
        source: s..n,
        target: t..m,
    });
    Ok(out)
}

fn analyse(source: &[Sentence], target: &[Sentence]) -> Text {
    let sf: Vec<SentenceFeatures> = source.iter().map(|s| features(&s.text)).collect();
    let tf: Vec<SentenceFeatures> = target.iter().map(|s| features(&s.text)).collect();
    Text {
        src_len: sf.iter().map(|f| f.length).collect(),
        tgt_len: tf.iter().map(|f| f.length).collect(),
        src_closing: sf.iter().map(|f| f.closing).collect(),
        tgt_closing: tf.iter().map(|f| f.closing).collect(),
        src_para: source.iter().map(|s| s.starts_paragraph).collect(),
        tgt_para: target.iter().map(|s| s.starts_paragraph).collect(),
        src_vocab: Vocab::build(&sf),
        tgt_vocab: Vocab::build(&tf),
    }
}

fn sides<'a>(text: &'a Text, st: &Stretch) -> Sides<'a> {
    let (s, t) = (st.source.clone(), st.target.clone());
    Sides::new(
        &text.src_len[s.clone()],
        &text.tgt_len[t.clone()],
        (&text.src_closing[s.clone()], &text.tgt_closing[t.clone()]),
        (&text.src_para[s], &text.tgt_para[t]),
    )
}

/// Runs the DP on one stretch, widening the band where the path touches its edge.
#[allow(clippy::too_many_arguments)]
fn search(
    sides: &Sides,
    params: &Params,
    predicted: &Predicted,
    text: &Text,
    st: &Stretch,
    mut band: Band,
    max_widenings: usize,
    with_confidence: bool,
) -> Found {
    let target_words = &text.tgt_vocab.sentences[st.target.clone()];
    let mut widenings = 0;
    loop {
        let pairs = PairScores::new(&band, predicted, st.source.start, target_words);
        let model = CostModel {
            params,
            sides,
            pairs: Some(&pairs),
        };
        let costs = CellCosts::new(&band, &model);
        let path = viterbi(&band, &costs);
        let touched = band.touched_rows(&path.cells);
        if touched.is_empty() || widenings >= max_widenings {
            let confidence = if with_confidence {
                posteriors(&band, &costs, &path)
            } else {
                Vec::new()
            };
            return Found {
                path,
                confidence,
                widenings,
            };
        }
        band = band.widened(&path.cells, &touched);
        widenings += 1;
    }
}

/// Sentence pairs of 1-1 beads whose neighbours are 1-1 too: the beads of a first pass
/// that are least likely to be wrong, used to learn words and re-estimate lengths.
fn trusted_pairs(stretches: &[Stretch], found: &[Found]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (st, f) in stretches.iter().zip(found) {
        let kinds = &f.path.kinds;
        for (b, &k) in kinds.iter().enumerate() {
            let one = |x: Option<&usize>| x.is_none_or(|&k| k == 0);
            if k == 0 && one(b.checked_sub(1).and_then(|p| kinds.get(p))) && one(kinds.get(b + 1)) {
                let (i, j) = f.path.cells[b];
                out.push((st.source.start + i, st.target.start + j));
            }
        }
    }
    out
}

/// Sentence pairs of all 1-1 beads of a first pass.
fn one_to_one_pairs(stretches: &[Stretch], found: &[Found]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (st, f) in stretches.iter().zip(found) {
        for (b, &k) in f.path.kinds.iter().enumerate() {
            if k == 0 {
                let (i, j) = f.path.cells[b];
                out.push((st.source.start + i, st.target.start + j));
            }
        }
    }
    out
}

fn assemble(
    n: usize,
    m: usize,
    locked: &[LockedBead],
    stretches: &[Stretch],
    found: &[Found],
    options: &AlignOptions,
) -> Alignment {
    let mut beads = Vec::new();
    let mut widenings = 0;
    for (index, (st, f)) in stretches.iter().zip(found).enumerate() {
        widenings += f.widenings;
        for (b, &k) in f.path.kinds.iter().enumerate() {
            let (i, j) = f.path.cells[b];
            let (a, c) = KINDS[k];
            let (s0, t0) = (st.source.start + i, st.target.start + j);
            beads.push(Bead {
                source: s0..s0 + a,
                target: t0..t0 + c,
                confidence: f.confidence.get(b).copied().unwrap_or(0.0),
            });
        }
        if let Some(lock) = locked.get(index) {
            beads.push(Bead {
                source: lock.source.clone(),
                target: lock.target.clone(),
                confidence: 1.0,
            });
        }
    }
    let diagnostics = diagnose(n, m, &beads, widenings, options);
    Alignment { beads, diagnostics }
}

fn diagnose(n: usize, m: usize, beads: &[Bead], widenings: usize, options: &AlignOptions) -> Diagnostics {
    let mean = if beads.is_empty() {
        1.0
    } else {
        beads.iter().map(|b| f64::from(b.confidence)).sum::<f64>() as f32 / beads.len() as f32
    };
    let mut warnings = Vec::new();
    if n == 0 || m == 0 {
        if n + m > 0 {
            warnings.push(format!(
                "one side is empty ({n} source, {m} target sentences): nothing can be aligned"
            ));
        }
    } else if n.max(m) >= 2 * n.min(m) {
        warnings.push(format!(
            "the sides differ much in length ({n} source, {m} target sentences): \
             part of one side is probably untranslated or missing"
        ));
    }
    let low = mean < options.low_confidence;
    if low {
        warnings.push(format!(
            "mean confidence is low ({mean:.2}): the texts may not be translations of each other"
        ));
    }
    Diagnostics {
        source_sentences: n,
        target_sentences: m,
        beads: beads.len(),
        non_one_to_one: beads
            .iter()
            .filter(|b| b.source.len() != 1 || b.target.len() != 1)
            .count(),
        unaligned: beads
            .iter()
            .filter(|b| b.source.is_empty() || b.target.is_empty())
            .count(),
        mean_confidence: mean,
        low_confidence: low || n == 0 || m == 0,
        warnings,
        band_widenings: widenings,
    }
}
