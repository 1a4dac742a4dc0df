//! The costs of all two-sided bead kinds that end at one cell, computed together.
//!
//! [`CostModel::cost`] is the definition of a bead's cost, one kind at a time. The search
//! needs every kind at every cell of the band, and ten kinds ending at the same cell share
//! almost everything: the pair scores of the last four source and target sentences (a 1-1
//! bead uses one, a 2-2 bead four, a 4-1 bead four, all from the same 4 x 4 block), the
//! lengths of the last one to four sentences of each side, the closing punctuation and the
//! paragraph marks. Here each of those is looked up once per cell; the arithmetic of each
//! kind is then the definition's, operation for operation, so the costs are the same to the
//! last bit (a test checks every kind at every cell of a band over the dev documents).

use super::cost::{CostModel, KINDS, MAX_SPAN, NKINDS};
use super::tokens::Closing;

/// Number of kinds with sentences on both sides, whose cost depends on both `i` and `j`.
pub const TWO_SIDED: usize = two_sided_count();

/// For each kind, its slot among the two-sided kinds (`usize::MAX` for one-sided kinds).
pub const SLOT: [usize; NKINDS] = slots();

/// The kind of each two-sided slot.
const KIND_OF_SLOT: [usize; TWO_SIDED] = kinds_of_slots();

const fn two_sided_count() -> usize {
    let mut count = 0;
    let mut k = 0;
    while k < NKINDS {
        if KINDS[k].0 > 0 && KINDS[k].1 > 0 {
            count += 1;
        }
        k += 1;
    }
    count
}

const fn slots() -> [usize; NKINDS] {
    let mut out = [usize::MAX; NKINDS];
    let (mut k, mut slot) = (0, 0);
    while k < NKINDS {
        if KINDS[k].0 > 0 && KINDS[k].1 > 0 {
            out[k] = slot;
            slot += 1;
        }
        k += 1;
    }
    out
}

const fn kinds_of_slots() -> [usize; TWO_SIDED] {
    let mut out = [0; TWO_SIDED];
    let mut k = 0;
    while k < NKINDS {
        if SLOT[k] != usize::MAX {
            out[SLOT[k]] = k;
        }
        k += 1;
    }
    out
}

/// Whether a sentence's closing mark takes part in the punctuation term.
#[inline]
fn marked(x: Closing) -> bool {
    matches!(x, Closing::Question | Closing::Exclamation)
}

/// Of the paragraph flags of the last `span` sentences before `end` (for span 1..=MAX_SPAN):
/// whether the first of them opens a paragraph, and how many of the others do.
#[inline]
fn paragraph_marks(flags: &[bool], end: usize) -> [(bool, usize); MAX_SPAN + 1] {
    let mut out = [(false, 0); MAX_SPAN + 1];
    let mut inner = 0;
    for span in 1..=MAX_SPAN.min(end) {
        let first = flags[end - span];
        out[span] = (first, inner);
        inner += usize::from(first);
    }
    out
}

impl CostModel<'_> {
    /// The cost of every two-sided kind ending at cell `(i, j)`, by slot ([`SLOT`]):
    /// exactly what [`CostModel::cost`] gives for each, and infinite for a kind that would
    /// start before the first sentence of either side.
    pub fn two_sided(&self, i: usize, j: usize, out: &mut [f32; TWO_SIDED]) {
        if i == 0 || j == 0 {
            *out = [f32::INFINITY; TWO_SIDED];
            return;
        }
        let s = self.sides;
        let p = self.params;
        // The pair scores of source sentences i-4..i with target sentences j-4..j, row r
        // and column c being sentences i-4+r and j-4+c (zero before the first sentence).
        let mut block = [[0.0f32; MAX_SPAN]; MAX_SPAN];
        if let Some(pairs) = self.pairs {
            for (r, row) in block
                .iter_mut()
                .enumerate()
                .skip(MAX_SPAN.saturating_sub(i))
            {
                let source = i + r - MAX_SPAN;
                for (c, cell) in row.iter_mut().enumerate().skip(MAX_SPAN.saturating_sub(j)) {
                    *cell = pairs.get(source, j + c - MAX_SPAN);
                }
            }
        }
        // best_source[a][c]: the best of the last `a` source sentences for target column
        // c; best_target[b][r]: the best of the last `b` target sentences for source row r.
        // (Maxima of the same values in another order are the same values.)
        let mut best_source = [[0.0f32; MAX_SPAN]; MAX_SPAN + 1];
        let mut best_target = [[0.0f32; MAX_SPAN]; MAX_SPAN + 1];
        for a in 1..=MAX_SPAN {
            for c in 0..MAX_SPAN {
                best_source[a][c] = best_source[a - 1][c].max(block[MAX_SPAN - a][c]);
                best_target[a][c] = best_target[a - 1][c].max(block[c][MAX_SPAN - a]);
            }
        }
        let punctuation = {
            let (cs, ct) = (s.source_closing[i - 1], s.target_closing[j - 1]);
            if !(marked(cs) || marked(ct)) {
                0.0
            } else if cs == ct {
                -p.punctuation
            } else {
                p.punctuation
            }
        };
        let (source_marks, target_marks) = if s.use_paragraphs {
            (
                paragraph_marks(s.source_paragraph, i),
                paragraph_marks(s.target_paragraph, j),
            )
        } else {
            Default::default()
        };
        for (slot, cost) in out.iter_mut().enumerate() {
            let k = KIND_OF_SLOT[slot];
            let (a, b) = KINDS[k];
            if a > i || b > j {
                *cost = f32::INFINITY;
                continue;
            }
            let ls = s.source_len[i] - s.source_len[i - a];
            let lt = s.target_len[j] - s.target_len[j - b];
            let mut c = p.prior_cost[k] + p.length.cost(ls, lt);
            if self.pairs.is_some() {
                let shared = if a == 1 && b == 1 {
                    block[MAX_SPAN - 1][MAX_SPAN - 1]
                } else {
                    // As bead_shared: each target sentence counts its best source sentence,
                    // summed in order, and the other way round; the smaller sum.
                    let by_target: f32 = best_source[a][MAX_SPAN - b..].iter().sum();
                    let by_source: f32 = best_target[b][MAX_SPAN - a..].iter().sum();
                    by_target.min(by_source)
                };
                c -= p.lexical * f64::from(shared);
            }
            if punctuation != 0.0 {
                c += punctuation;
            }
            if s.use_paragraphs {
                let ((fs, inner_s), (ft, inner_t)) = (source_marks[a], target_marks[b]);
                let breaks = inner_s + inner_t + usize::from(fs != ft);
                c += p.paragraph * breaks as f64;
            }
            *cost = c as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::band::Band;
    use crate::align::cost::{DEFAULT_PRIORS, PairScores, Params, Sides};
    use crate::align::length::LengthModel;
    use crate::align::lexical::{Predicted, Table, Vocab};
    use crate::align::tokens::features;

    #[test]
    fn slots_number_the_two_sided_kinds_in_order() {
        assert_eq!(TWO_SIDED, 10);
        for (slot, &k) in KIND_OF_SLOT.iter().enumerate() {
            assert_eq!(SLOT[k], slot);
            assert!(KINDS[k].0 > 0 && KINDS[k].1 > 0);
        }
        assert!((0..NKINDS).all(|k| (SLOT[k] == usize::MAX) == (KINDS[k].0 * KINDS[k].1 == 0)));
    }

    /// Every two-sided kind at every cell of a band, with and without pair scores and
    /// paragraph marks, against the definition, bit for bit.
    #[test]
    fn all_kinds_at_once_cost_what_each_costs_alone() {
        let src = [
            "Anna kom till Stockholm den 12 maj 1921.",
            "Hon hade aldrig sett en så stor stad!",
            "Varför var alla så bråttom?",
            "Hon gick längs Strandvägen och tittade på båtarna.",
            "Det regnade.",
            "Hon köpte en tidning för 25 öre och läste om Nobelpriset.",
            "Sedan tog hon spårvagnen till Kungsholmen.",
            "Där bodde hennes moster Elsa.",
            "Elsa var född 1870?",
        ];
        let tgt = [
            "Anna came to Stockholm on 12 May 1921.",
            "She had never seen such a large city.",
            "Why was everybody in such a hurry?",
            "She walked along Strandvägen.",
            "She looked at the boats.",
            "It was raining!",
            "She bought a newspaper for 25 öre and read about the Nobel Prize.",
            "Then she took the tram to Kungsholmen, where her aunt Elsa lived.",
            "Elsa was born in 1870.",
            "Nobody knew.",
        ];
        let sf: Vec<_> = src.iter().map(|s| features(s)).collect();
        let tf: Vec<_> = tgt.iter().map(|s| features(s)).collect();
        let sl: Vec<f64> = sf.iter().map(|f| f.length).collect();
        let tl: Vec<f64> = tf.iter().map(|f| f.length).collect();
        let sc: Vec<Closing> = sf.iter().map(|f| f.closing).collect();
        let tc: Vec<Closing> = tf.iter().map(|f| f.closing).collect();
        let sv = Vocab::build(src);
        let tv = Vocab::build(tgt);
        let predicted = Predicted::build(&sv, &tv, &Table::seed(&sv, &tv, None));
        let params = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.1));
        let band = Band::around(&vec![0; src.len() + 1], tgt.len(), tgt.len());
        let pairs = PairScores::new(&band, &predicted, 0, &tv.sentences);
        let sp: Vec<bool> = (0..src.len()).map(|i| i % 3 == 0).collect();
        let tp: Vec<bool> = (0..tgt.len()).map(|i| i % 4 != 1).collect();
        let no_marks = vec![false; src.len().max(tgt.len())];
        let (mut compared, mut lexical) = (0, 0);
        for paragraphs in [(&sp[..], &tp[..]), (&no_marks[..src.len()], &no_marks[..])] {
            let sides = Sides::new(&sl, &tl, (&sc, &tc), paragraphs);
            for pairs in [Some(&pairs), None] {
                let model = CostModel {
                    params: &params,
                    sides: &sides,
                    pairs,
                };
                let mut out = [0.0; TWO_SIDED];
                for i in 0..=src.len() {
                    for j in 0..=tgt.len() {
                        model.two_sided(i, j, &mut out);
                        for (slot, &k) in KIND_OF_SLOT.iter().enumerate() {
                            let (a, b) = KINDS[k];
                            if a > i || b > j {
                                assert_eq!(out[slot], f32::INFINITY);
                                continue;
                            }
                            let alone = model.cost(k, i, j);
                            assert_eq!(out[slot].to_bits(), alone.to_bits(), "{k} at {i},{j}");
                            compared += 1;
                            let without = CostModel {
                                pairs: None,
                                ..model
                            };
                            if alone != without.cost(k, i, j) {
                                lexical += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared}");
        assert!(lexical > 50, "shared words took part: {lexical}");
    }
}
