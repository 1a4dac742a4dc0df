//! The paragraph level of the alignment. When both sides mark paragraphs, the paragraphs
//! are aligned first, each paragraph as one unit (by the sentence aligner itself: lengths,
//! numbers, names and cognates tell paragraphs apart much better than sentences, as Gale and
//! Church found), and the sentence search is then cut into pieces at the boundaries of the
//! paragraph beads it is sure of. So a paragraph the translation left out becomes a piece of
//! its own, all sentences without counterpart, instead of being smeared over its neighbours
//! as a string of 2-1 beads; and beads cannot leak across a boundary both sides agree on.
//! Paragraphs none of whose sentences found a counterpart are reported by name.

use std::ops::Range;

use super::types::{Alignment, Bead, Sentence, UnmatchedParagraph};
use crate::model::Side;

/// Lowest confidence of one of the two paragraph pairs on either side of a boundary for the
/// sentence search to be cut there. A paragraph bead that is not clear (a merge the lengths
/// cannot decide, a short heading) leaves its neighbourhood to the sentence search, where
/// paragraph marks still cost through the bead cost. On the sample article with English
/// paragraphs removed, 0.9 cut at a wrong paragraph pairing (7 of 8 missing paragraphs
/// found); 0.97 finds all of them, and all 25 when the second half is missing.
const TRUSTED: f32 = 0.97;

/// One piece of the sentence search: sentences of both sides between two trusted boundaries
/// of the paragraph alignment, and the highest confidence its beads may have (the paragraph
/// bead's, for a paragraph without counterpart, whose sentence beads are forced).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub source: Range<usize>,
    pub target: Range<usize>,
    pub ceiling: f32,
}

/// Where each paragraph starts, plus the number of sentences: paragraph `p` is
/// `bounds[p]..bounds[p + 1]`. The first sentence always opens a paragraph.
pub fn bounds(sentences: &[Sentence]) -> Vec<usize> {
    let mut out = vec![0];
    out.extend(
        sentences
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, s)| s.starts_paragraph)
            .map(|(i, _)| i),
    );
    out.push(sentences.len());
    if sentences.is_empty() {
        out.truncate(1);
    }
    out
}

/// Whether both sides have more than one paragraph: only then do paragraphs say anything.
pub fn marked(source: &[Sentence], target: &[Sentence]) -> bool {
    bounds(source).len() > 2 && bounds(target).len() > 2
}

/// The pieces of the sentence search, from an alignment of the paragraphs as units made by
/// `align_units` from the [`bounds`] of both sides (each paragraph one unit: its sentences
/// joined with spaces). Consecutive paragraph beads stay in one piece unless one of them is
/// trusted.
pub fn pieces(
    source: &[Sentence],
    target: &[Sentence],
    align_units: impl FnOnce(&[usize], &[usize]) -> Alignment,
) -> Vec<Piece> {
    let (sb, tb) = (bounds(source), bounds(target));
    let units = align_units(&sb, &tb);
    let whole = Piece {
        source: 0..source.len(),
        target: 0..target.len(),
        ceiling: 1.0,
    };
    let beads = &units.beads;
    if beads.is_empty() {
        return vec![whole];
    }
    // Sentence ranges of a run of paragraph beads.
    let span = |run: &[Bead]| -> (Range<usize>, Range<usize>) {
        let (first, last) = (&run[0], &run[run.len() - 1]);
        (
            sb[first.source.start]..sb[last.source.end],
            tb[first.target.start]..tb[last.target.end],
        )
    };
    let mut out = Vec::new();
    let mut start = 0;
    for b in 0..beads.len() {
        // A bead's posterior is at most that of the path passing its two ends: the end of
        // a sure pair is a sure point whatever follows it. Not so for a paragraph without
        // counterpart: its confidence is that the paragraph has none, wherever the other
        // side's path passes it.
        let sure =
            |b: &Bead| b.confidence >= TRUSTED && !b.source.is_empty() && !b.target.is_empty();
        let end = b + 1 == beads.len() || sure(&beads[b]) || sure(&beads[b + 1]);
        if !end {
            continue;
        }
        let run = &beads[start..=b];
        let (s, t) = span(run);
        let one_sided = s.is_empty() || t.is_empty();
        out.push(Piece {
            source: s,
            target: t,
            ceiling: if one_sided {
                run.iter().map(|b| b.confidence).fold(1.0, f32::min)
            } else {
                1.0
            },
        });
        start = b + 1;
    }
    out
}

/// The paragraphs of each side none of whose sentences has a counterpart in `beads`, in
/// reading order (source first).
pub fn unmatched(
    source: &[Sentence],
    target: &[Sentence],
    beads: &[Bead],
) -> Vec<UnmatchedParagraph> {
    let (mut paired_s, mut paired_t) = (vec![false; source.len()], vec![false; target.len()]);
    for b in beads
        .iter()
        .filter(|b| !b.source.is_empty() && !b.target.is_empty())
    {
        paired_s[b.source.clone()]
            .iter_mut()
            .for_each(|p| *p = true);
        paired_t[b.target.clone()]
            .iter_mut()
            .for_each(|p| *p = true);
    }
    let mut out = Vec::new();
    for (side, sentences, paired) in [
        (Side::Source, source, &paired_s),
        (Side::Target, target, &paired_t),
    ] {
        for (paragraph, w) in bounds(sentences).windows(2).enumerate() {
            if !paired[w[0]..w[1]].iter().any(|&p| p) {
                out.push(UnmatchedParagraph {
                    side,
                    paragraph,
                    sentences: w[0]..w[1],
                });
            }
        }
    }
    out
}

/// The warning for one unmatched paragraph, naming it by number, sentences and first words.
pub fn warning(p: &UnmatchedParagraph, sentences: &[Sentence]) -> String {
    let other = match p.side {
        Side::Source => "target",
        Side::Target => "source",
    };
    let first: String = sentences[p.sentences.start].text.chars().take(48).collect();
    let more = if sentences[p.sentences.start].text.chars().count() > 48 {
        "…"
    } else {
        ""
    };
    format!(
        "{} paragraph {} (sentences {}-{}, \u{201c}{first}{more}\u{201d}) has no counterpart \
         in the {other}",
        p.side.name(),
        p.paragraph + 1,
        p.sentences.start + 1,
        p.sentences.end,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(paragraphs: &[usize]) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (p, &n) in paragraphs.iter().enumerate() {
            for k in 0..n {
                out.push(Sentence {
                    text: format!("P{p} s{k}."),
                    starts_paragraph: k == 0,
                });
            }
        }
        out
    }

    #[test]
    fn bounds_and_marks() {
        assert_eq!(bounds(&text(&[2, 1, 3])), [0, 2, 3, 6]);
        assert_eq!(bounds(&[]), [0]);
        assert!(marked(&text(&[2, 1]), &text(&[1, 1])));
        assert!(!marked(&text(&[2, 1]), &text(&[3])));
    }

    fn bead(s: Range<usize>, t: Range<usize>, confidence: f32) -> Bead {
        Bead {
            source: s,
            target: t,
            confidence,
        }
    }

    #[test]
    fn trusted_boundaries_cut_and_a_lone_paragraph_gets_its_piece() {
        let s = text(&[2, 3, 1, 2]);
        let t = text(&[2, 1, 2]);
        // Paragraph 1 of the source is left out, between two sure pairs; paragraph 3 is
        // not clear.
        let p = pieces(&s, &t, |sb, tb| {
            assert_eq!((sb, tb), (&[0, 2, 5, 6, 8][..], &[0, 2, 3, 5][..]));
            Alignment {
                beads: vec![
                    bead(0..1, 0..1, 0.99),
                    bead(1..2, 1..1, 0.98),
                    bead(2..3, 1..2, 0.99),
                    bead(3..4, 2..3, 0.8),
                ],
                ..Alignment::default()
            }
        });
        let piece = |source, target, ceiling| Piece {
            source,
            target,
            ceiling,
        };
        assert_eq!(
            p,
            [
                piece(0..2, 0..2, 1.0),
                piece(2..5, 2..2, 0.98),
                piece(5..6, 2..3, 1.0),
                piece(6..8, 3..5, 1.0),
            ]
        );
    }

    #[test]
    fn a_sure_gap_beside_unsure_pairs_cuts_nothing() {
        // The paragraph without counterpart is sure to have none (0.99), but where the
        // other side's path passes it is not: the pairs on either side are unsure. Cutting
        // at its ends once fixed the target paragraph to the wrong source paragraph (the
        // sample article with the second half of its translation missing).
        let s = text(&[2, 3, 1]);
        let t = text(&[2, 1]);
        let p = pieces(&s, &t, |_, _| Alignment {
            beads: vec![
                bead(0..1, 0..1, 0.8),
                bead(1..2, 1..1, 0.99),
                bead(2..3, 1..2, 0.7),
            ],
            ..Alignment::default()
        });
        assert_eq!(
            p,
            [Piece {
                source: 0..6,
                target: 0..3,
                ceiling: 1.0
            }]
        );
    }

    #[test]
    fn paragraphs_without_any_pair_are_reported() {
        let s = text(&[1, 2, 1]);
        let t = text(&[1, 1]);
        let beads = vec![
            bead(0..1, 0..1, 1.0),
            bead(1..2, 1..1, 1.0),
            bead(2..3, 1..1, 1.0),
            bead(3..4, 1..2, 1.0),
        ];
        let u = unmatched(&s, &t, &beads);
        assert_eq!(
            u,
            [UnmatchedParagraph {
                side: Side::Source,
                paragraph: 1,
                sentences: 1..3
            }]
        );
        let w = warning(&u[0], &s);
        assert!(w.starts_with("source paragraph 2 (sentences 2-3"), "{w}");
        assert!(w.contains("P1 s0.") && w.ends_with("in the target"), "{w}");
    }
}
