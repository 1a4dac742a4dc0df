//! The dynamic programme over the band: the cheapest sequence of beads (Viterbi), and the
//! posterior probability of each chosen bead (forward-backward), which is its confidence.

use super::band::Band;
use super::cell_cost::{KIND_OF_SLOT, SLOT, TWO_SIDED};
use super::cost::{CostModel, KINDS, MAX_SPAN, NKINDS, each_kind};

/// The best path: its cells from `(0, 0)` to `(n, m)` and the kind of each bead between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub cells: Vec<(usize, usize)>,
    pub kinds: Vec<usize>,
}

/// The costs of beads with an empty side: they depend on one side's position only (a 0-2
/// bead on its two target sentences), so they are computed once per position, not once
/// per cell (infinite where the bead would reach before the start).
struct OneSided {
    /// `[k][i]` for kinds without target sentences, `[k][j]` for kinds without source ones;
    /// empty for two-sided kinds.
    by_position: Vec<Vec<f32>>,
}

impl OneSided {
    fn new(band: &Band, model: &CostModel) -> Self {
        let by_position = KINDS
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| match (a, b) {
                (0, _) => (0..=band.m)
                    .map(|j| {
                        if j >= b {
                            model.cost(k, 0, j)
                        } else {
                            f32::INFINITY
                        }
                    })
                    .collect(),
                (_, 0) => (0..=band.n)
                    .map(|i| {
                        if i >= a {
                            model.cost(k, i, 0)
                        } else {
                            f32::INFINITY
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        Self { by_position }
    }

    /// The costs of the kinds without target sentences ending in row `i` (they depend on
    /// the row only; infinite for the other kinds and where the bead would start before 0).
    #[inline]
    fn row_only(&self, i: usize) -> [f32; NKINDS] {
        std::array::from_fn(|k| {
            if KINDS[k].1 == 0 && i >= KINDS[k].0 {
                self.get(k, i, 0)
            } else {
                f32::INFINITY
            }
        })
    }

    /// The cost of one-sided kind `k` ending at `(i, j)`.
    #[inline]
    fn get(&self, k: usize, i: usize, j: usize) -> f32 {
        let position = if KINDS[k].0 == 0 { j } else { i };
        self.by_position[k][position]
    }
}

/// No start cell: the bead would start outside the band.
const NO_START: usize = usize::MAX;

/// Whether cell `(i - a, j - b)`, the start of a bead of `(a, b)` sentences ending at
/// `(i, j)`, lies in the band.
#[inline]
fn starts_in_band(band: &Band, i: usize, j: usize, a: usize, b: usize) -> bool {
    i >= a && j >= b && j - b >= band.lo[i - a] && j - b <= band.hi[i - a]
}

/// Finds the cheapest path through the band. There always is one, because the band is
/// connected and 0-1 and 1-0 beads are allowed everywhere. Bead costs are computed as the
/// search reaches them and not kept: a search that needs no confidence (a first pass, a
/// window searched again) stores one byte per cell, the kind of the best bead ending there.
pub fn viterbi(band: &Band, model: &CostModel) -> Path {
    viterbi_with::<false, false>(band, model, None)
}

/// The Viterbi search; with `forward`, it also sums the forward probabilities and keeps
/// the two-sided costs for the backward pass, at the cost of the one computation of each
/// bead cost that both need.
///
/// The best scores of only the last `MAX_SPAN + 1` rows are kept (no bead reaches further
/// back), and the kinds are visited with their spans as constants; the 1-1 kind first, as
/// ties go to the earlier kind. `SUMS` says whether `forward` is given to be summed: a
/// constant, so that the search alone does not keep the costs and starts the sums need;
/// `KEEP`, whether it is given only to keep the two-sided costs, to be summed later
/// ([`viterbi_keeping_costs`]).
fn viterbi_with<const SUMS: bool, const KEEP: bool>(
    band: &Band,
    model: &CostModel,
    mut forward: Option<&mut Forward>,
) -> Path {
    let one = OneSided::new(band, model);
    let mut back = vec![u8::MAX; band.cells()];
    let mut recent: Vec<Vec<f64>> = vec![Vec::new(); MAX_SPAN + 1];
    let mut costs = [f32::INFINITY; NKINDS];
    let mut starts = [NO_START; NKINDS];
    let mut two = [f32::INFINITY; TWO_SIDED];
    for i in 0..=band.n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row = std::mem::take(&mut recent[i % (MAX_SPAN + 1)]);
        row.clear();
        row.resize(hi - lo + 1, f64::INFINITY);
        // Row i - a for a = 1..=MAX_SPAN: its first j, its flat offset and its scores.
        let earlier: [Option<(usize, usize, &[f64])>; MAX_SPAN + 1] = std::array::from_fn(|a| {
            (a >= 1 && i >= a).then(|| {
                let r = i - a;
                (
                    band.lo[r],
                    band.offset(r),
                    recent[r % (MAX_SPAN + 1)].as_slice(),
                )
            })
        });
        let row_only = one.row_only(i);
        let offset = band.offset(i);
        let row_costs = model.row(i);
        for j in lo..=hi {
            let here = offset + j - lo;
            if i == 0 && j == 0 {
                row[0] = 0.0;
                if SUMS && let Some(f) = forward.as_deref_mut() {
                    f.fwd[here] = 0.0;
                }
                continue;
            }
            let (mut best, mut best_k) = (f64::INFINITY, u8::MAX);
            row_costs.two_sided(j, &mut two);
            if KEEP
                && let Some(f) = forward.as_deref_mut()
                && let Some(kept) = &mut f.two_sided
            {
                kept[here * TWO_SIDED..][..TWO_SIDED].copy_from_slice(&two);
            }
            macro_rules! kind {
                ($k:expr) => {{
                    const K: usize = $k;
                    const A: usize = KINDS[K].0;
                    const B: usize = KINDS[K].1;
                    // The start cell (i - A, j - B), if in the band: its score and flat index.
                    let start = if A == 0 {
                        (j >= lo + B).then(|| (row[j - B - lo], offset + j - B - lo))
                    } else {
                        match earlier[A] {
                            Some((first, at, scores)) if j >= first + B => scores
                                .get(j - B - first)
                                .map(|&score| (score, at + j - B - first)),
                            _ => None,
                        }
                    };
                    match start {
                        None => {
                            if SUMS {
                                costs[K] = f32::INFINITY;
                                starts[K] = NO_START;
                            }
                        }
                        Some((base, _)) if !SUMS && !base.is_finite() => {}
                        Some((base, at)) => {
                            let cost = if A == 0 {
                                one.get(K, i, j)
                            } else if B == 0 {
                                row_only[K]
                            } else {
                                two[SLOT[K]]
                            };
                            if SUMS {
                                costs[K] = cost;
                                starts[K] = at;
                            }
                            let total = base + f64::from(cost);
                            if total < best {
                                best = total;
                                best_k = K as u8;
                            }
                        }
                    }
                }};
            }
            each_kind!(kind);
            row[j - lo] = best;
            back[here] = best_k;
            if SUMS && let Some(f) = forward.as_deref_mut() {
                f.record(here, &costs, &starts);
            }
        }
        recent[i % (MAX_SPAN + 1)] = row;
    }
    if let Some(f) = forward {
        f.one = Some(one);
    }
    backtrack(band, &back)
}

/// Row `i - a` of [`viterbi_with_and_without`]: its first column and, per search, its best
/// scores.
type Earlier<'a> = (usize, [&'a [f64]; 2]);

/// [`viterbi`] by `model` and by the same model without pair scores (the lengths-only
/// model), in one sweep: two searches of one band with the same priors and length model
/// differ only in the lexical term, and computing the rest of each bead cost once for both
/// saves the second search most of its work. Each path is the one [`viterbi`] finds alone
/// (the same costs to the bit, the same order of kinds for ties).
pub fn viterbi_with_and_without(band: &Band, model: &CostModel) -> (Path, Path) {
    let one = OneSided::new(band, model);
    let mut back = [vec![u8::MAX; band.cells()], vec![u8::MAX; band.cells()]];
    let mut recent: [Vec<Vec<f64>>; 2] = std::array::from_fn(|_| vec![Vec::new(); MAX_SPAN + 1]);
    let mut two = [[f32::INFINITY; TWO_SIDED]; 2];
    for i in 0..=band.n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut rows: [Vec<f64>; 2] = std::array::from_fn(|l| {
            let mut row = std::mem::take(&mut recent[l][i % (MAX_SPAN + 1)]);
            row.clear();
            row.resize(hi - lo + 1, f64::INFINITY);
            row
        });
        // Row i - a for a = 1..=MAX_SPAN: its first j and, per search, its scores.
        let earlier: [Option<Earlier>; MAX_SPAN + 1] = std::array::from_fn(|a| {
            (a >= 1 && i >= a).then(|| {
                let r = (i - a) % (MAX_SPAN + 1);
                (
                    band.lo[i - a],
                    [recent[0][r].as_slice(), recent[1][r].as_slice()],
                )
            })
        });
        let row_only = one.row_only(i);
        let offset = band.offset(i);
        let row_costs = model.row(i);
        for j in lo..=hi {
            if i == 0 && j == 0 {
                rows[0][0] = 0.0;
                rows[1][0] = 0.0;
                continue;
            }
            let [with, without] = &mut two;
            row_costs.two_sided_with_and_without(j, with, without);
            for lane in 0..2 {
                let (mut best, mut best_k) = (f64::INFINITY, u8::MAX);
                let row = &rows[lane];
                macro_rules! kind {
                    ($k:expr) => {{
                        const K: usize = $k;
                        const A: usize = KINDS[K].0;
                        const B: usize = KINDS[K].1;
                        let start = if A == 0 {
                            (j >= lo + B).then(|| row[j - B - lo])
                        } else {
                            match earlier[A] {
                                Some((first, scores)) if j >= first + B => {
                                    scores[lane].get(j - B - first).copied()
                                }
                                _ => None,
                            }
                        };
                        if let Some(base) = start.filter(|b| b.is_finite()) {
                            let cost = if A == 0 {
                                one.get(K, i, j)
                            } else if B == 0 {
                                row_only[K]
                            } else {
                                two[lane][SLOT[K]]
                            };
                            let total = base + f64::from(cost);
                            if total < best {
                                best = total;
                                best_k = K as u8;
                            }
                        }
                    }};
                }
                each_kind!(kind);
                rows[lane][j - lo] = best;
                back[lane][offset + j - lo] = best_k;
            }
        }
        for (l, row) in rows.into_iter().enumerate() {
            recent[l][i % (MAX_SPAN + 1)] = row;
        }
    }
    (backtrack(band, &back[0]), backtrack(band, &back[1]))
}

/// The path that `back` (the best kind ending at each cell) leads to from `(n, m)`.
fn backtrack(band: &Band, back: &[u8]) -> Path {
    let (mut i, mut j) = (band.n, band.m);
    let mut path_cells = vec![(i, j)];
    let mut kinds = Vec::new();
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else { break };
        let k = back[here] as usize;
        let Some(&(a, b)) = KINDS.get(k) else { break };
        kinds.push(k);
        i -= a;
        j -= b;
        path_cells.push((i, j));
    }
    path_cells.reverse();
    kinds.reverse();
    Path {
        cells: path_cells,
        kinds,
    }
}

/// Largest band whose two-sided bead costs the forward sums keep for the backward pass
/// (40 bytes a cell: 80 MB). A larger band, a long book searched in one piece, keeps none
/// and the backward pass computes them again: they were most of the aligner's memory at a
/// million sentences, while computing them twice costs a small band (a stretch searched
/// whole, of which a paragraph-marked text has hundreds) a third of its time.
const KEPT_COST_CELLS: usize = 2_000_000;

/// The forward log-probabilities of every band cell (8 bytes a cell), the costs of the
/// one-sided kinds once per position, and in a band of at most [`KEPT_COST_CELLS`] cells
/// the two-sided costs (by cell, then slot; infinite where the bead starts outside).
pub struct Forward {
    fwd: Vec<f64>,
    two_sided: Option<Vec<f32>>,
    one: Option<OneSided>,
}

impl Forward {
    fn new(band: &Band) -> Self {
        Self {
            fwd: vec![f64::NEG_INFINITY; band.cells()],
            two_sided: (band.cells() <= KEPT_COST_CELLS)
                .then(|| vec![f32::INFINITY; band.cells() * TWO_SIDED]),
            one: None,
        }
    }

    /// The bytes of the costs [`viterbi_keeping_costs`] keeps for `band` (none for a band
    /// too large to keep them).
    pub fn kept_bytes(band: &Band) -> usize {
        let cells = band.cells();
        if cells <= KEPT_COST_CELLS {
            cells * TWO_SIDED * size_of::<f32>()
        } else {
            0
        }
    }

    /// The forward sums, summed now from the kept costs if the search that made them
    /// ([`viterbi_keeping_costs`]) kept only those: the same terms in the same order as
    /// [`Forward::record`] adds them during a search, so the same sums to the bit, without
    /// computing a bead cost again.
    pub fn summed(mut self, band: &Band) -> Self {
        let (Some(kept), Some(one), true) = (
            self.two_sided.as_deref(),
            self.one.as_ref(),
            self.fwd.is_empty(),
        ) else {
            return self;
        };
        let mut fwd = vec![f64::NEG_INFINITY; band.cells()];
        for i in 0..=band.n {
            let (lo, hi) = (band.lo[i], band.hi[i]);
            let offset = band.offset(i);
            // Row i - a for a = 1..=MAX_SPAN: its first and last j and its flat offset.
            let earlier: [Option<(usize, usize, usize)>; MAX_SPAN + 1] = std::array::from_fn(|a| {
                (a >= 1 && i >= a).then(|| (band.lo[i - a], band.hi[i - a], band.offset(i - a)))
            });
            for j in lo..=hi {
                let here = offset + j - lo;
                if i == 0 && j == 0 {
                    fwd[here] = 0.0;
                    continue;
                }
                let mut terms = [f64::NEG_INFINITY; NKINDS];
                macro_rules! term {
                    ($k:expr) => {{
                        const K: usize = $k;
                        const A: usize = KINDS[K].0;
                        const B: usize = KINDS[K].1;
                        // The start cell (i - A, j - B), if in the band, as the search finds it.
                        let start = if A == 0 {
                            (j >= lo + B).then(|| offset + j - B - lo)
                        } else {
                            match earlier[A] {
                                Some((first, last, at)) if j >= first + B && j - B <= last => {
                                    Some(at + j - B - first)
                                }
                                _ => None,
                            }
                        };
                        if let Some(start) = start {
                            let cost = if A == 0 || B == 0 {
                                one.get(K, i, j)
                            } else {
                                kept[here * TWO_SIDED + SLOT[K]]
                            };
                            terms[K] = fwd[start] - f64::from(cost);
                        }
                    }};
                }
                each_kind!(term);
                fwd[here] = log_sum(&terms);
            }
        }
        self.fwd = fwd;
        self
    }

    /// Whether the two-sided costs were kept (the band was small enough), so that
    /// [`posteriors`] needs no cost model.
    pub fn keeps_costs(&self) -> bool {
        self.two_sided.is_some()
    }

    /// Adds the forward sum of cell `here` (a flat index), whose bead costs are `costs` and
    /// whose beads start at the flat indices `starts` ([`NO_START`] outside the band).
    #[inline]
    fn record(&mut self, here: usize, costs: &[f32; NKINDS], starts: &[usize; NKINDS]) {
        let mut terms = [f64::NEG_INFINITY; NKINDS];
        for k in 0..NKINDS {
            if starts[k] != NO_START {
                terms[k] = self.fwd[starts[k]] - f64::from(costs[k]);
            }
        }
        if let Some(kept) = &mut self.two_sided {
            let cell = &mut kept[here * TWO_SIDED..][..TWO_SIDED];
            for (slot, &k) in KIND_OF_SLOT.iter().enumerate() {
                if starts[k] != NO_START {
                    cell[slot] = costs[k];
                }
            }
        }
        self.fwd[here] = log_sum(&terms);
    }
}

/// The best path through the band and the forward sums for its confidence, from one
/// computation of each bead cost.
pub fn viterbi_forward(band: &Band, model: &CostModel) -> (Path, Forward) {
    let mut forward = Forward::new(band);
    let path = viterbi_with::<true, false>(band, model, Some(&mut forward));
    (path, forward)
}

/// The best path through the band and, in a band of at most [`KEPT_COST_CELLS`] cells, its
/// two-sided bead costs (40 bytes a cell), from which [`Forward::summed`] sums the forward
/// probabilities later if they are wanted: for a search whose confidences may never be.
/// The sums cost the search most of its time again; kept costs spare it all but the sums.
pub fn viterbi_keeping_costs(band: &Band, model: &CostModel) -> (Path, Option<Forward>) {
    if band.cells() > KEPT_COST_CELLS {
        return (viterbi(band, model), None);
    }
    let mut forward = Forward {
        fwd: Vec::new(),
        two_sided: Some(vec![f32::INFINITY; band.cells() * TWO_SIDED]),
        one: None,
    };
    let path = viterbi_with::<false, true>(band, model, Some(&mut forward));
    (path, Some(forward))
}

/// The forward sums alone, for a band whose best path is already known (a band widened
/// where the first one was too narrow, a candidate kept after its search). They come from
/// the search's own loop, which visits each kind with its span as a constant and finds its
/// start cell from the row's first column: the same costs, starts and sums as a loop over
/// the kinds that tests each start against the band, in about half the instructions; the
/// path it finds again is dropped.
pub fn forward(band: &Band, model: &CostModel) -> Forward {
    viterbi_forward(band, model).1
}

/// log(sum(exp(x))) without overflow; terms more than 40 below the largest are dropped
/// (they change the sum by less than 1e-17).
#[inline]
fn log_sum(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    // exp(0) is 1 exactly: the largest term needs no exponential.
    let sum: f64 = terms
        .iter()
        .filter(|&&x| x > max - 40.0)
        .map(|&x| if x == max { 1.0 } else { (x - max).exp() })
        .sum();
    max + sum.ln()
}

/// The bead costs the backward sweep of [`posteriors`] reads: one-sided ones by position,
/// two-sided ones kept by the forward sums or computed again for the last rows.
struct Known<'a> {
    band: &'a Band,
    one: &'a OneSided,
    kept: Option<&'a [f32]>,
    /// Two-sided costs of the rows the sweep has passed, by row modulo MAX_SPAN + 1.
    recent: &'a [Vec<f32>],
}

impl Known<'_> {
    /// The cost of kind k ending at (i, j), for a row i the sweep has passed.
    #[inline(always)]
    fn cost(&self, k: usize, i: usize, j: usize) -> f64 {
        let band = self.band;
        f64::from(match (SLOT[k], self.kept) {
            (usize::MAX, _) => self.one.get(k, i, j),
            (slot, Some(kept)) => kept[(band.offset(i) + j - band.lo[i]) * TWO_SIDED + slot],
            (slot, None) => self.recent[i % (MAX_SPAN + 1)][(j - band.lo[i]) * TWO_SIDED + slot],
        })
    }
}

/// Posterior probability of each bead of `path` among all paths in the band, with path
/// probabilities proportional to `exp(-cost)`: the share of the probability mass of all
/// alignments that contain that exact bead. For a bead with an empty side it is the lowest,
/// over its sentences, probability that the sentence has no counterpart at all.
///
/// One sweep from the last row to the first computes the backward sums, keeping only the
/// rows a bead can reach; each row's share of the per-sentence gap probabilities is noted
/// as the sweep passes it and added up afterwards in the order of the rows, first to last,
/// so the sums are the same to the last bit as those of a forward loop over the band.
///
/// `model`, the one `forward` was summed with, is needed only where `forward` kept no
/// two-sided costs ([`Forward::keeps_costs`]): those of each row are then computed again
/// when the sweep reaches it and kept while beads from the rows below can reach it (the last
/// `MAX_SPAN + 1` rows).
pub fn posteriors(
    band: &Band,
    forward: Forward,
    path: &Path,
    model: Option<&CostModel>,
) -> Vec<f32> {
    let fwd = &forward.fwd;
    let (Some(one), true) = (
        forward.one.as_ref(),
        forward.keeps_costs() || model.is_some(),
    ) else {
        debug_assert!(
            false,
            "posteriors without forward costs or a model to compute them"
        );
        return vec![0.0; path.kinds.len()];
    };
    // Two-sided costs of the rows the sweep has passed, by row modulo MAX_SPAN + 1.
    let mut two_sided: Vec<Vec<f32>> = vec![Vec::new(); MAX_SPAN + 1];
    let mut two = [f32::INFINITY; TWO_SIDED];
    let total = band.index(band.n, band.m).map_or(0.0, |e| fwd[e]);
    let mut later: Vec<Vec<f64>> = vec![Vec::new(); MAX_SPAN + 1];
    // Gap probabilities above the threshold: (cell's row, cell's j, kind, probability),
    // row by row from the last; `row_ends[r]` is where the entries of the r-th row swept end.
    let mut gaps: Vec<(usize, usize, usize, f64)> = Vec::new();
    let mut row_ends: Vec<usize> = Vec::with_capacity(band.n + 1);
    let mut confidence = vec![0.0f32; path.kinds.len()];
    // Beads of the path not yet given a confidence: those ending in rows above the sweep.
    let mut bead = path.kinds.len();
    for i in (0..=band.n).rev() {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        if let (None, Some(model)) = (&forward.two_sided, model) {
            let mut costs = std::mem::take(&mut two_sided[i % (MAX_SPAN + 1)]);
            costs.clear();
            let row_costs = model.row(i);
            for j in lo..=hi {
                row_costs.two_sided(j, &mut two);
                costs.extend_from_slice(&two);
            }
            two_sided[i % (MAX_SPAN + 1)] = costs;
        }
        let known = Known {
            band,
            one,
            kept: forward.two_sided.as_deref(),
            recent: &two_sided,
        };
        let cost = |k: usize, i2: usize, j2: usize| known.cost(k, i2, j2);
        let mut row = std::mem::take(&mut later[i % (MAX_SPAN + 1)]);
        row.clear();
        row.resize(hi - lo + 1, f64::NEG_INFINITY);
        // Row i + a for a = 1..=MAX_SPAN: its first j and its backward sums.
        let after: [Option<(usize, &[f64])>; MAX_SPAN + 1] = std::array::from_fn(|a| {
            (a >= 1 && i + a <= band.n)
                .then(|| (band.lo[i + a], later[(i + a) % (MAX_SPAN + 1)].as_slice()))
        });
        for j in (lo..=hi).rev() {
            if i == band.n && j == band.m {
                row[j - lo] = 0.0;
                continue;
            }
            let mut terms = [f64::NEG_INFINITY; NKINDS];
            for (k, &(a, b)) in KINDS.iter().enumerate() {
                let next = if a == 0 {
                    (j + b <= hi).then(|| row[j + b - lo])
                } else {
                    match after[a] {
                        Some((first, sums)) if j + b >= first => sums.get(j + b - first).copied(),
                        _ => None,
                    }
                };
                if let Some(next) = next {
                    terms[k] = next - cost(k, i + a, j + b);
                }
            }
            row[j - lo] = log_sum(&terms);
        }
        // For beads with an empty side the question is whether their sentences have no
        // counterpart, however the run of such sentences is cut into beads: the marginal
        // probability, per sentence, of lying in any bead with an empty side.
        for j in lo..=hi {
            for (k, &(a, b)) in KINDS.iter().enumerate() {
                if (a > 0 && b > 0) || !starts_in_band(band, i, j, a, b) {
                    continue;
                }
                let prev = band.offset(i - a) + j - b - band.lo[i - a];
                let x = fwd[prev] - cost(k, i, j) + row[j - lo] - total;
                // exp(-20.8) < 1e-9: no need to compute what the threshold drops.
                if x > -20.8 {
                    let p = x.exp();
                    if p > 1e-9 {
                        gaps.push((i, j, k, p));
                    }
                }
            }
        }
        row_ends.push(gaps.len());
        // The two-sided beads of the path that end in this row.
        while bead > 0 && path.cells[bead].0 == i {
            bead -= 1;
            let k = path.kinds[bead];
            let (a, c) = KINDS[k];
            if a > 0 && c > 0 {
                let (pi, pj) = path.cells[bead];
                let (ci, cj) = path.cells[bead + 1];
                confidence[bead] = match (band.index(pi, pj), band.index(ci, cj)) {
                    (Some(p), Some(_)) => {
                        let lp = fwd[p] - cost(k, ci, cj) + row[cj - lo] - total;
                        lp.exp().clamp(0.0, 1.0) as f32
                    }
                    _ => 0.0,
                };
            }
        }
        later[i % (MAX_SPAN + 1)] = row;
    }
    let (mut gap_source, mut gap_target) = (vec![0.0f64; band.n], vec![0.0f64; band.m]);
    let mut end = gaps.len();
    for &start in row_ends.iter().rev().skip(1).chain([&0]) {
        for &(i, j, k, p) in &gaps[start..end] {
            let (a, b) = KINDS[k];
            gap_source[i - a..i].iter_mut().for_each(|g| *g += p);
            gap_target[j - b..j].iter_mut().for_each(|g| *g += p);
        }
        end = start;
    }
    for (b, &k) in path.kinds.iter().enumerate() {
        let (a, c) = KINDS[k];
        if a == 0 || c == 0 {
            let (pi, pj) = path.cells[b];
            let (ci, cj) = path.cells[b + 1];
            let gaps = gap_source[pi..ci].iter().chain(&gap_target[pj..cj]);
            confidence[b] = gaps.copied().fold(1.0f64, f64::min).clamp(0.0, 1.0) as f32;
        }
    }
    confidence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::cost::{DEFAULT_PRIORS, PairScores, Params, Sides};
    use crate::align::length::LengthModel;
    use crate::align::tokens::Closing;

    fn align_lengths(src: &[f64], tgt: &[f64], half_width: usize) -> (Path, Vec<f32>) {
        let sc = vec![Closing::Plain; src.len()];
        let tc = vec![Closing::Plain; tgt.len()];
        let sp = vec![false; src.len()];
        let tp = vec![false; tgt.len()];
        let sides = Sides::new(src, tgt, (&sc, &tc), (&sp, &tp));
        let total_s: f64 = src.iter().sum();
        let total_t: f64 = tgt.iter().sum();
        let params = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(total_s, total_t));
        let model = CostModel {
            params: &params,
            sides: &sides,
            pairs: None,
        };
        let diagonal = crate::align::anchors::length_diagonal(src, tgt);
        let band = Band::around(&diagonal, half_width, tgt.len());
        let [fast, slow] = both_ways(&band, &model);
        assert_eq!(fast, slow);
        fast
    }

    /// The search as it was before costs were computed on the fly: every bead cost of the
    /// band stored (16 per cell), then Viterbi and forward-backward over them. Kept as the
    /// reference the faster search must match exactly.
    mod reference {
        use super::super::*;

        pub struct CellCosts {
            costs: Vec<f32>,
        }

        impl CellCosts {
            pub fn new(band: &Band, model: &CostModel) -> Self {
                let mut costs = vec![f32::INFINITY; band.cells() * KINDS.len()];
                for i in 0..=band.n {
                    for j in band.lo[i]..=band.hi[i] {
                        let here = band.index(i, j).unwrap();
                        for (k, &(a, b)) in KINDS.iter().enumerate() {
                            if i < a || j < b || band.index(i - a, j - b).is_none() {
                                continue;
                            }
                            // One-sided beads as the search computes them: on one side only.
                            costs[here * KINDS.len() + k] = match (a, b) {
                                (0, _) => model.cost(k, 0, j),
                                (_, 0) => model.cost(k, i, 0),
                                _ => model.cost(k, i, j),
                            };
                        }
                    }
                }
                Self { costs }
            }

            fn get(&self, cell: usize, k: usize) -> f64 {
                f64::from(self.costs[cell * KINDS.len() + k])
            }
        }

        pub fn viterbi(band: &Band, costs: &CellCosts) -> Path {
            let mut score = vec![f64::INFINITY; band.cells()];
            let mut back = vec![u8::MAX; band.cells()];
            for i in 0..=band.n {
                for j in band.lo[i]..=band.hi[i] {
                    let here = band.index(i, j).unwrap();
                    if i == 0 && j == 0 {
                        score[here] = 0.0;
                        continue;
                    }
                    let (mut best, mut best_k) = (f64::INFINITY, u8::MAX);
                    for (k, &(a, b)) in KINDS.iter().enumerate() {
                        if i < a || j < b {
                            continue;
                        }
                        let Some(prev) = band.index(i - a, j - b) else {
                            continue;
                        };
                        if !score[prev].is_finite() {
                            continue;
                        }
                        let total = score[prev] + costs.get(here, k);
                        if total < best {
                            best = total;
                            best_k = k as u8;
                        }
                    }
                    score[here] = best;
                    back[here] = best_k;
                }
            }
            backtrack(band, &back)
        }

        pub fn posteriors(band: &Band, costs: &CellCosts, path: &Path) -> Vec<f32> {
            let cells = band.cells();
            let mut fwd = vec![f64::NEG_INFINITY; cells];
            for i in 0..=band.n {
                for j in band.lo[i]..=band.hi[i] {
                    let here = band.index(i, j).unwrap();
                    if i == 0 && j == 0 {
                        fwd[here] = 0.0;
                        continue;
                    }
                    let mut terms = [f64::NEG_INFINITY; KINDS.len()];
                    for (k, &(a, b)) in KINDS.iter().enumerate() {
                        if i >= a
                            && j >= b
                            && let Some(prev) = band.index(i - a, j - b)
                        {
                            terms[k] = fwd[prev] - costs.get(here, k);
                        }
                    }
                    fwd[here] = log_sum(&terms);
                }
            }
            let mut bwd = vec![f64::NEG_INFINITY; cells];
            for i in (0..=band.n).rev() {
                for j in (band.lo[i]..=band.hi[i]).rev() {
                    let here = band.index(i, j).unwrap();
                    if i == band.n && j == band.m {
                        bwd[here] = 0.0;
                        continue;
                    }
                    let mut terms = [f64::NEG_INFINITY; KINDS.len()];
                    for (k, &(a, b)) in KINDS.iter().enumerate() {
                        if let Some(next) = band.index(i + a, j + b) {
                            terms[k] = bwd[next] - costs.get(next, k);
                        }
                    }
                    bwd[here] = log_sum(&terms);
                }
            }
            let total = fwd[band.index(band.n, band.m).unwrap()];
            let (mut gap_source, mut gap_target) = (vec![0.0f64; band.n], vec![0.0f64; band.m]);
            for i in 0..=band.n {
                for j in band.lo[i]..=band.hi[i] {
                    let here = band.index(i, j).unwrap();
                    for (k, &(a, b)) in KINDS.iter().enumerate() {
                        if (a > 0 && b > 0) || i < a || j < b {
                            continue;
                        }
                        let Some(prev) = band.index(i - a, j - b) else {
                            continue;
                        };
                        let p = (fwd[prev] - costs.get(here, k) + bwd[here] - total).exp();
                        if p > 1e-9 {
                            gap_source[i - a..i].iter_mut().for_each(|g| *g += p);
                            gap_target[j - b..j].iter_mut().for_each(|g| *g += p);
                        }
                    }
                }
            }
            path.kinds
                .iter()
                .enumerate()
                .map(|(b, &k)| {
                    let (pi, pj) = path.cells[b];
                    let (ci, cj) = path.cells[b + 1];
                    let (a, c) = KINDS[k];
                    if a == 0 || c == 0 {
                        let gaps = gap_source[pi..ci].iter().chain(&gap_target[pj..cj]);
                        return gaps.copied().fold(1.0f64, f64::min).clamp(0.0, 1.0) as f32;
                    }
                    let (p, c) = (band.index(pi, pj).unwrap(), band.index(ci, cj).unwrap());
                    let lp = fwd[p] - costs.get(c, k) + bwd[c] - total;
                    lp.exp().clamp(0.0, 1.0) as f32
                })
                .collect()
        }
    }

    /// The search and the confidences of `band` by the fast code and by the reference.
    fn both_ways(band: &Band, model: &CostModel) -> [(Path, Vec<f32>); 2] {
        let (path, sums) = viterbi_forward(band, model);
        assert_eq!(
            viterbi(band, model),
            path,
            "Viterbi alone and with forward sums"
        );
        let fast = posteriors(band, sums, &path, None);
        let again = posteriors(band, forward(band, model), &path, Some(model));
        assert_eq!(fast, again, "forward sums with and without the search");
        // A band too large to keep its costs: the backward pass computes them again.
        let mut without = forward(band, model);
        without.two_sided = None;
        let recomputed = posteriors(band, without, &path, Some(model));
        assert_eq!(fast, recomputed, "two-sided costs kept and computed again");
        // Costs kept by a search that sums nothing, summed later: the same sums to the bit.
        let (kept_path, kept) = viterbi_keeping_costs(band, model);
        assert_eq!(kept_path, path, "Viterbi alone and keeping costs");
        let summed = kept.expect("a small band keeps its costs").summed(band);
        assert_eq!(summed.fwd, forward(band, model).fwd, "sums from kept costs");
        let later = posteriors(band, summed, &path, None);
        assert_eq!(fast, later, "posteriors from sums of kept costs");
        let costs = reference::CellCosts::new(band, model);
        let ref_path = reference::viterbi(band, &costs);
        let ref_post = reference::posteriors(band, &costs, &ref_path);
        [(path, fast), (ref_path, ref_post)]
    }

    /// The dev documents of ../shared/align-dev (or `$TOLK_ALIGN_DEV`), each as its source
    /// and target lines; `None` when absent (a failure where `TOLK_REQUIRE_ALIGN_DEV` is set).
    fn dev_documents() -> Option<Vec<(Vec<String>, Vec<String>)>> {
        let root = std::env::var_os("TOLK_ALIGN_DEV").map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/align-dev"),
            std::path::PathBuf::from,
        );
        if !root.exists() {
            assert!(
                std::env::var_os("TOLK_REQUIRE_ALIGN_DEV").is_none(),
                "{} not found and TOLK_REQUIRE_ALIGN_DEV is set",
                root.display()
            );
            eprintln!("skipped: {} not found", root.display());
            return None;
        }
        let mut golds: Vec<std::path::PathBuf> = ["lines_dev_sv_en", "textberg_dev"]
            .iter()
            .flat_map(|set| std::fs::read_dir(root.join(set)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "gold"))
            .collect();
        golds.sort();
        let lines = |p: std::path::PathBuf| -> Vec<String> {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(String::from)
                .collect()
        };
        Some(
            golds
                .into_iter()
                .map(|g| {
                    (
                        lines(g.with_extension("src")),
                        lines(g.with_extension("tgt")),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn the_search_matches_the_reference_on_the_dev_documents() {
        use crate::align::lexical::{Predicted, Table, Vocab};
        use crate::align::tokens::features;
        let Some(documents) = dev_documents() else {
            return;
        };
        let (mut beads, mut differences, mut different_paths) = (0, 0.0f32, 0);
        for (src, tgt) in &documents {
            let sf: Vec<_> = src.iter().map(|s| features(s)).collect();
            let tf: Vec<_> = tgt.iter().map(|s| features(s)).collect();
            let sl: Vec<f64> = sf.iter().map(|f| f.length).collect();
            let tl: Vec<f64> = tf.iter().map(|f| f.length).collect();
            let sc: Vec<Closing> = sf.iter().map(|f| f.closing).collect();
            let tc: Vec<Closing> = tf.iter().map(|f| f.closing).collect();
            // Paragraphs of five sentences on each side, as in the benchmark texts, so
            // that the paragraph term takes part.
            let sp: Vec<bool> = (0..src.len()).map(|i| i % 5 == 0).collect();
            let tp: Vec<bool> = (0..tgt.len()).map(|i| i % 5 == 0).collect();
            let sides = Sides::new(&sl, &tl, (&sc, &tc), (&sp, &tp));
            let sv = Vocab::build(src.iter().map(String::as_str));
            let tv = Vocab::build(tgt.iter().map(String::as_str));
            let predicted = Predicted::build(&sv, &tv, &Table::seed(&sv, &tv, None));
            let params = Params::new(
                &DEFAULT_PRIORS,
                LengthModel::from_totals(sl.iter().sum(), tl.iter().sum()),
            );
            let diagonal = crate::align::anchors::length_diagonal(&sl, &tl);
            for half_width in [4, 6] {
                let band = Band::around(&diagonal, half_width, tgt.len());
                let pairs = PairScores::new(&band, &predicted, (0, 0), &tv.sentences);
                let model = CostModel {
                    params: &params,
                    sides: &sides,
                    pairs: Some(&pairs),
                };
                let [(path, post), (ref_path, ref_post)] = both_ways(&band, &model);
                assert_eq!(path, ref_path);
                // The sweep of both models at once finds each model's own path.
                let without = CostModel {
                    pairs: None,
                    ..model
                };
                let (with_words, lengths_only) = viterbi_with_and_without(&band, &model);
                assert_eq!(with_words, path);
                assert_eq!(lengths_only, viterbi(&band, &without));
                different_paths += usize::from(lengths_only != path);
                assert_eq!(post.len(), ref_post.len());
                for (a, b) in post.iter().zip(&ref_post) {
                    differences = differences.max((a - b).abs());
                }
                beads += path.kinds.len();
            }
        }
        eprintln!("{beads} beads, largest confidence difference {differences}");
        assert!(beads > 2000);
        assert!(different_paths > 0, "the lexical term changed no path");
        assert_eq!(differences, 0.0);
    }

    #[test]
    fn finds_merges_from_lengths() {
        // Target sentence 1 was split in two by the translator.
        let src = [20.0, 80.0, 35.0, 50.0];
        let tgt = [21.0, 41.0, 39.0, 34.0, 52.0];
        let (path, post) = align_lengths(&src, &tgt, 3);
        assert_eq!(path.cells, [(0, 0), (1, 1), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(path.kinds, [0, 4, 0, 0]);
        assert_eq!(post.len(), 4);
        assert!(post.iter().all(|p| (0.0..=1.0).contains(p)));
        assert!(post[0] > 0.5, "{post:?}");
    }

    #[test]
    fn empty_sides_give_only_skips() {
        let (path, post) = align_lengths(&[], &[10.0, 12.0], 2);
        assert!(
            path.kinds.iter().all(|&k| KINDS[k].0 == 0),
            "{:?}",
            path.kinds
        );
        assert_eq!(path.cells.last(), Some(&(0, 2)));
        assert!(
            post.iter().all(|&p| p > 0.99),
            "forced beads are certain: {post:?}"
        );
        let (path, _) = align_lengths(&[], &[], 2);
        assert!(path.kinds.is_empty());
    }

    #[test]
    fn log_sum_is_stable() {
        assert!((log_sum(&[0.0, 0.0]) - 2f64.ln()).abs() < 1e-12);
        assert_eq!(log_sum(&[f64::NEG_INFINITY, -3.0]), -3.0);
        assert_eq!(log_sum(&[f64::NEG_INFINITY; 3]), f64::NEG_INFINITY);
        assert!((log_sum(&[-1000.0, -1000.0]) - (-1000.0 + 2f64.ln())).abs() < 1e-9);
    }
}
