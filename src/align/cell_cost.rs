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

use super::cost::{CostModel, KINDS, MAX_SPAN, NKINDS, bead_credit};
use super::length::tail_table;
use super::tokens::Closing;

/// Number of kinds with sentences on both sides, whose cost depends on both `i` and `j`.
pub const TWO_SIDED: usize = two_sided_count();

/// `$m!(slot)` for each two-sided slot in order, `slot` a literal, so that each slot's kind
/// and spans are constants.
macro_rules! each_slot {
    ($m:ident) => {
        $crate::align::cost::each!($m: 0 1 2 3 4 5 6 7 8 9)
    };
}
const _: () = assert!(TWO_SIDED == 10, "each_slot! names every slot");

/// For each kind, its slot among the two-sided kinds (`usize::MAX` for one-sided kinds).
pub const SLOT: [usize; NKINDS] = slots();

/// The kind of each two-sided slot.
pub const KIND_OF_SLOT: [usize; TWO_SIDED] = kinds_of_slots();

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

/// The sum of the last `len` (1..=4) values, added from the first to the last: what
/// `Iterator::sum` gives for them (its start, a zero, changes no sum of values >= 0).
#[inline(always)]
fn sum_of_last(x: &[f32; MAX_SPAN], len: usize) -> f32 {
    match len {
        1 => x[3],
        2 => x[2] + x[3],
        3 => x[1] + x[2] + x[3],
        _ => x[0] + x[1] + x[2] + x[3],
    }
}

/// Lengths of the last 1..=4 sentences before `end` (index = count; 0 where there are not
/// that many).
#[inline(always)]
fn last_lengths(prefix: &[f64], end: usize) -> [f64; MAX_SPAN + 1] {
    let mut out = [0.0; MAX_SPAN + 1];
    for (span, l) in out.iter_mut().enumerate().take(MAX_SPAN.min(end) + 1) {
        *l = prefix[end] - prefix[end - span];
    }
    out
}

/// What a cell's kinds share: see [`CostModel::two_sided`].
struct Cell {
    /// Characters of the last `a` source and `b` target sentences.
    ls: [f64; MAX_SPAN + 1],
    lt: [f64; MAX_SPAN + 1],
    /// best_source[a][c]: the largest pair score of the last `a` source sentences with the
    /// target sentence of column c (of the last four); best_target[b][r] the other way.
    best_source: [[f32; MAX_SPAN]; MAX_SPAN + 1],
    best_target: [[f32; MAX_SPAN]; MAX_SPAN + 1],
    one_to_one: f32,
    punctuation: f64,
    source_marks: [(bool, usize); MAX_SPAN + 1],
    target_marks: [(bool, usize); MAX_SPAN + 1],
}

/// What the kinds ending in one row `i` share whatever the column: the lengths, paragraph
/// marks and closing mark of the last source sentences, and the pair scores of the last four
/// source sentences as slices. A search visits a row's cells one after another; looking
/// these up once per row, and each pair score by a plain index, saves a sixth of the work
/// of a cell.
pub struct RowCosts<'m> {
    model: &'m CostModel<'m>,
    i: usize,
    ls: [f64; MAX_SPAN + 1],
    source_marks: [(bool, usize); MAX_SPAN + 1],
    /// The closing mark of source sentence `i - 1` (row 0 has none and no two-sided bead).
    closing: Closing,
    /// Per source sentence `i - 4 + r`: its pair scores and the target sentence the first
    /// of them is for (nothing before the first sentence or without pair scores).
    pairs: [(&'m [f32], usize); MAX_SPAN],
}

impl<'m> CostModel<'m> {
    /// The cost of every two-sided kind ending at cell `(i, j)`, by slot ([`SLOT`]):
    /// exactly what [`CostModel::cost`] gives for each, and infinite for a kind that would
    /// start before the first sentence of either side. (The searches go row by row through
    /// [`CostModel::row`].)
    #[cfg(test)]
    pub fn two_sided(&self, i: usize, j: usize, out: &mut [f32; TWO_SIDED]) {
        self.row(i).two_sided(j, out);
    }

    /// What the cells of row `i` share, for [`RowCosts::two_sided`] of each.
    #[inline]
    pub fn row(&'m self, i: usize) -> RowCosts<'m> {
        let s = self.sides;
        let mut pairs: [(&[f32], usize); MAX_SPAN] = [(&[], 0); MAX_SPAN];
        if let Some(scores) = self.pairs {
            for (r, row) in pairs
                .iter_mut()
                .enumerate()
                .skip(MAX_SPAN.saturating_sub(i))
            {
                *row = scores.row(i + r - MAX_SPAN);
            }
        }
        RowCosts {
            model: self,
            i,
            ls: last_lengths(&s.source_len, i),
            source_marks: if s.use_paragraphs {
                paragraph_marks(s.source_paragraph, i)
            } else {
                [(false, 0); MAX_SPAN + 1]
            },
            closing: if i > 0 {
                s.source_closing[i - 1]
            } else {
                Closing::Plain
            },
            pairs,
        }
    }
}

impl RowCosts<'_> {
    /// [`CostModel::two_sided`] of cell `(i, j)` for this row's `i`.
    pub fn two_sided(&self, j: usize, out: &mut [f32; TWO_SIDED]) {
        let i = self.i;
        if i == 0 || j == 0 {
            *out = [f32::INFINITY; TWO_SIDED];
            return;
        }
        let model = self.model;
        let cell = self.cell(j);
        let table = tail_table();
        macro_rules! slot {
            ($slot:expr) => {{
                const K: usize = KIND_OF_SLOT[$slot];
                const A: usize = KINDS[K].0;
                const B: usize = KINDS[K].1;
                out[$slot] = if A > i || B > j {
                    f32::INFINITY
                } else {
                    model.kind_cost(&cell, table, K, A, B)
                };
            }};
        }
        each_slot!(slot);
    }

    /// [`RowCosts::two_sided`] of cell `(i, j)` by this row's model (`with`) and by the same
    /// model without pair scores (`without`), the lengths-only model, from one look-up of
    /// what the cell's kinds share: bit for bit what each model gives alone.
    pub fn two_sided_with_and_without(
        &self,
        j: usize,
        with: &mut [f32; TWO_SIDED],
        without: &mut [f32; TWO_SIDED],
    ) {
        let i = self.i;
        if i == 0 || j == 0 {
            *with = [f32::INFINITY; TWO_SIDED];
            *without = [f32::INFINITY; TWO_SIDED];
            return;
        }
        let model = self.model;
        let cell = self.cell(j);
        let table = tail_table();
        macro_rules! slot {
            ($slot:expr) => {{
                const K: usize = KIND_OF_SLOT[$slot];
                const A: usize = KINDS[K].0;
                const B: usize = KINDS[K].1;
                (with[$slot], without[$slot]) = if A > i || B > j {
                    (f32::INFINITY, f32::INFINITY)
                } else {
                    model.kind_costs(&cell, table, K, A, B)
                };
            }};
        }
        each_slot!(slot);
    }

    /// What the kinds ending at `(i, j)` (both at least 1) share.
    #[inline(always)]
    fn cell(&self, j: usize) -> Cell {
        let s = self.model.sides;
        // The pair scores of source sentences i-4..i with target sentences j-4..j, row r
        // and column c being sentences i-4+r and j-4+c (zero before the first sentence).
        let mut block = [[0.0f32; MAX_SPAN]; MAX_SPAN];
        #[allow(clippy::needless_range_loop)] // (r, c) name sentences, not only places
        if self.model.pairs.is_some() {
            for (r, &(scores, first)) in self.pairs.iter().enumerate() {
                for c in MAX_SPAN.saturating_sub(j)..MAX_SPAN {
                    let t = j + c - MAX_SPAN;
                    if let Some(&x) = scores.get(t.wrapping_sub(first)) {
                        block[r][c] = x;
                    }
                }
            }
        }
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
            let (cs, ct) = (self.closing, s.target_closing[j - 1]);
            if !(marked(cs) || marked(ct)) {
                0.0
            } else if cs == ct {
                -self.model.params.punctuation
            } else {
                self.model.params.punctuation
            }
        };
        let target_marks = if s.use_paragraphs {
            paragraph_marks(s.target_paragraph, j)
        } else {
            [(false, 0); MAX_SPAN + 1]
        };
        Cell {
            ls: self.ls,
            lt: last_lengths(&s.target_len, j),
            best_source,
            best_target,
            one_to_one: block[MAX_SPAN - 1][MAX_SPAN - 1],
            punctuation,
            source_marks: self.source_marks,
            target_marks,
        }
    }
}

impl CostModel<'_> {
    /// The cost of two-sided kind `k` of `(a, b)` sentences at the cell `cell` describes:
    /// [`CostModel::cost`]'s operations in its order.
    #[inline(always)]
    fn kind_cost(&self, cell: &Cell, table: &[f64], k: usize, a: usize, b: usize) -> f32 {
        let mut c = self.kind_base(cell, table, k, a, b);
        if self.pairs.is_some() {
            c -= self.params.lexical * f64::from(kind_shared(cell, a, b));
        }
        self.kind_finish(cell, c, a, b)
    }

    /// [`CostModel::kind_cost`] with the pair scores and without them: the prior and length
    /// terms, which come first, are computed once for both.
    #[inline(always)]
    fn kind_costs(&self, cell: &Cell, table: &[f64], k: usize, a: usize, b: usize) -> (f32, f32) {
        let c = self.kind_base(cell, table, k, a, b);
        let with = c - self.params.lexical * f64::from(kind_shared(cell, a, b));
        (
            self.kind_finish(cell, with, a, b),
            self.kind_finish(cell, c, a, b),
        )
    }

    /// The prior and the length term.
    #[inline(always)]
    fn kind_base(&self, cell: &Cell, table: &[f64], k: usize, a: usize, b: usize) -> f64 {
        let p = self.params;
        p.prior_cost[k] + p.length.cost_from(table, cell.ls[a], cell.lt[b])
    }

    /// The punctuation and paragraph terms added to `c`, as `f32`.
    #[inline(always)]
    fn kind_finish(&self, cell: &Cell, mut c: f64, a: usize, b: usize) -> f32 {
        if cell.punctuation != 0.0 {
            c += cell.punctuation;
        }
        if self.sides.use_paragraphs {
            let ((fs, inner_s), (ft, inner_t)) = (cell.source_marks[a], cell.target_marks[b]);
            let breaks = inner_s + inner_t + usize::from(fs != ft);
            // (At most 7: as u32 the same number, converted in one instruction.)
            c += self.params.paragraph * f64::from(breaks as u32);
        }
        c as f32
    }
}

/// The shared weight of the kind of `(a, b)` sentences at `cell`: as `bead_shared`, each
/// target sentence counts its best source sentence, summed in order, and the other way
/// round; [`bead_credit`] weighs the two sums.
#[inline(always)]
fn kind_shared(cell: &Cell, a: usize, b: usize) -> f32 {
    if a == 1 && b == 1 {
        cell.one_to_one
    } else {
        let by_target = sum_of_last(&cell.best_source[a], b);
        let by_source = sum_of_last(&cell.best_target[b], a);
        bead_credit(by_target, by_source, a, b)
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
        let pairs = PairScores::new(&band, &predicted, (0, 0), &tv.sentences);
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
                let (mut with, mut without) = ([0.0; TWO_SIDED], [0.0; TWO_SIDED]);
                for i in 0..=src.len() {
                    for j in 0..=tgt.len() {
                        model.two_sided(i, j, &mut out);
                        model
                            .row(i)
                            .two_sided_with_and_without(j, &mut with, &mut without);
                        let no_pairs = CostModel {
                            pairs: None,
                            ..model
                        };
                        let mut alone = [0.0; TWO_SIDED];
                        no_pairs.two_sided(i, j, &mut alone);
                        assert_eq!(without.map(f32::to_bits), alone.map(f32::to_bits));
                        if pairs.is_some() {
                            assert_eq!(with.map(f32::to_bits), out.map(f32::to_bits));
                        }
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
