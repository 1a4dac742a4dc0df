//! The dynamic programme over the band: the cheapest sequence of beads (Viterbi), and the
//! posterior probability of each chosen bead (forward-backward), which is its confidence.

use super::band::Band;
use super::cost::{CostModel, KINDS};

/// The best path: its cells from `(0, 0)` to `(n, m)` and the kind of each bead between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub cells: Vec<(usize, usize)>,
    pub kinds: Vec<usize>,
}

/// The cost of every bead kind ending at every band cell (infinite where the bead would
/// start outside the band), computed once and shared by the Viterbi and forward-backward
/// passes: the cost is by far the most expensive part of the search.
pub struct CellCosts {
    costs: Vec<f32>,
}

impl CellCosts {
    pub fn new(band: &Band, model: &CostModel) -> Self {
        let mut costs = vec![f32::INFINITY; band.cells() * KINDS.len()];
        // A bead with an empty side has a cost that depends on its other side only (a 0-2
        // bead on its two target sentences): computed once per position, not once per cell.
        let one_sided: Vec<Option<Vec<f32>>> = KINDS
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| match (a, b) {
                (0, _) => Some(
                    (0..=band.m)
                        .map(|j| {
                            if j >= b {
                                model.cost(k, 0, j)
                            } else {
                                f32::INFINITY
                            }
                        })
                        .collect(),
                ),
                (_, 0) => Some(
                    (0..=band.n)
                        .map(|i| {
                            if i >= a {
                                model.cost(k, i, 0)
                            } else {
                                f32::INFINITY
                            }
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect();
        for i in 0..=band.n {
            for j in band.lo[i]..=band.hi[i] {
                let Some(here) = band.index(i, j) else {
                    continue;
                };
                for (k, &(a, b)) in KINDS.iter().enumerate() {
                    if i < a || j < b || band.index(i - a, j - b).is_none() {
                        continue;
                    }
                    costs[here * KINDS.len() + k] = match (&one_sided[k], a) {
                        (Some(by_target), 0) => by_target[j],
                        (Some(by_source), _) => by_source[i],
                        (None, _) => model.cost(k, i, j),
                    };
                }
            }
        }
        Self { costs }
    }

    #[inline]
    fn get(&self, cell: usize, k: usize) -> f64 {
        f64::from(self.costs[cell * KINDS.len() + k])
    }
}

/// Finds the cheapest path through the band. There always is one, because the band is
/// connected and 0-1 and 1-0 beads are allowed everywhere.
pub fn viterbi(band: &Band, costs: &CellCosts) -> Path {
    let cells = band.cells();
    let mut score = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    for i in 0..=band.n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.index(i, j) else {
                continue;
            };
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
                let base = score[prev];
                if !base.is_finite() {
                    continue;
                }
                let total = base + costs.get(here, k);
                if total < best {
                    best = total;
                    best_k = k as u8;
                }
            }
            score[here] = best;
            back[here] = best_k;
        }
    }
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

/// log(sum(exp(x))) without overflow; terms more than 40 below the largest are dropped
/// (they change the sum by less than 1e-17).
#[inline]
fn log_sum(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    let sum: f64 = terms
        .iter()
        .filter(|&&x| x > max - 40.0)
        .map(|&x| (x - max).exp())
        .sum();
    max + sum.ln()
}

/// Posterior probability of each bead of `path` among all paths in the band, with path
/// probabilities proportional to `exp(-cost)`: the share of the probability mass of all
/// alignments that contain that exact bead. For a bead with an empty side it is the lowest,
/// over its sentences, probability that the sentence has no counterpart at all.
pub fn posteriors(band: &Band, costs: &CellCosts, path: &Path) -> Vec<f32> {
    let cells = band.cells();
    let mut fwd = vec![f64::NEG_INFINITY; cells];
    for i in 0..=band.n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            if i == 0 && j == 0 {
                fwd[here] = 0.0;
                continue;
            }
            let mut terms = [f64::NEG_INFINITY; KINDS.len()];
            for (k, &(a, b)) in KINDS.iter().enumerate() {
                if i < a || j < b {
                    continue;
                }
                if let Some(prev) = band.index(i - a, j - b) {
                    terms[k] = fwd[prev] - costs.get(here, k);
                }
            }
            fwd[here] = log_sum(&terms);
        }
    }
    let mut bwd = vec![f64::NEG_INFINITY; cells];
    for i in (0..=band.n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let Some(here) = band.index(i, j) else {
                continue;
            };
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
    let total = band.index(band.n, band.m).map_or(0.0, |e| fwd[e]);
    // For beads with an empty side the question is whether their sentences have no
    // counterpart, however the run of such sentences is cut into beads: the marginal
    // probability, per sentence, of lying in any bead with an empty side.
    let (mut gap_source, mut gap_target) = (vec![0.0f64; band.n], vec![0.0f64; band.m]);
    for i in 0..=band.n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.index(i, j) else {
                continue;
            };
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
            match (band.index(pi, pj), band.index(ci, cj)) {
                (Some(p), Some(c)) => {
                    let lp = fwd[p] - costs.get(c, k) + bwd[c] - total;
                    lp.exp().clamp(0.0, 1.0) as f32
                }
                _ => 0.0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::cost::{DEFAULT_PRIORS, Params, Sides};
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
        let costs = CellCosts::new(&band, &model);
        let path = viterbi(&band, &costs);
        let post = posteriors(&band, &costs, &path);
        (path, post)
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
