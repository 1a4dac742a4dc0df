//! The search band: for each number `i` of source sentences consumed, the range of target
//! sentence counts `j` the dynamic programme looks at. Keeping the band a few dozen cells
//! wide around a good guess of the path is what makes alignment linear in the text length;
//! where the best path runs along the band's edge, the band was too narrow there and is
//! widened locally.

/// A band over the DP lattice of `(n + 1) x (m + 1)` cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Lowest and highest `j` of row `i` (inclusive); both non-decreasing in `i`.
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    /// Index of cell `(i, lo[i])` in a flat array of all band cells.
    offset: Vec<usize>,
    pub n: usize,
    pub m: usize,
    /// What the band was built around, kept so that it can be widened.
    guess: Vec<(usize, usize)>,
    half_width: Vec<usize>,
}

impl Band {
    /// Builds a band from per-row guesses `[from, to]` of the path and half-widths.
    ///
    /// The result always holds a path from `(0, 0)` to `(n, m)`: rows are made monotone and
    /// each row reaches the next one, because the DP may always move by one sentence.
    pub fn new(guess: &[(usize, usize)], half_width: &[usize], m: usize) -> Self {
        let n = guess.len() - 1;
        let mut lo: Vec<usize> = guess
            .iter()
            .zip(half_width)
            .map(|(g, w)| g.0.saturating_sub(*w))
            .collect();
        let mut hi: Vec<usize> = guess
            .iter()
            .zip(half_width)
            .map(|(g, w)| (g.1 + w).min(m))
            .collect();
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in 0..n {
            hi[i] = hi[i].max(lo[i + 1]);
        }
        let mut offset = Vec::with_capacity(n + 1);
        let mut total = 0;
        for i in 0..=n {
            offset.push(total);
            total += hi[i] - lo[i] + 1;
        }
        offset.push(total);
        Self {
            lo,
            hi,
            offset,
            n,
            m,
            guess: guess.to_vec(),
            half_width: half_width.to_vec(),
        }
    }

    /// A band around the "length diagonal": row `i` is centred on the `j` where the share of
    /// target characters equals the share of source characters of the first `i` sentences.
    /// This follows the text better than the straight diagonal when sentence counts differ.
    pub fn around_lengths(source: &[f64], target: &[f64], half_width: usize) -> Self {
        let (n, m) = (source.len(), target.len());
        let total_s: f64 = source.iter().sum();
        let total_t: f64 = target.iter().sum();
        let mut guess = Vec::with_capacity(n + 1);
        let (mut j, mut acc_t, mut acc_s) = (0usize, 0.0f64, 0.0f64);
        for i in 0..=n {
            if i > 0 {
                acc_s += source[i - 1];
            }
            let c = if total_s > 0.0 && total_t > 0.0 {
                let want = acc_s / total_s * total_t;
                while j < m && acc_t + target[j] / 2.0 <= want {
                    acc_t += target[j];
                    j += 1;
                }
                j
            } else {
                // No lengths to go by (all sentences empty): the straight diagonal.
                (i * m).checked_div(n).unwrap_or(m)
            };
            guess.push((c, c));
        }
        Self::new(&guess, &vec![half_width; n + 1], m)
    }

    /// A band around a known path (its cells, in order), for a second pass.
    pub fn around_path(path: &[(usize, usize)], n: usize, m: usize, half_width: usize) -> Self {
        Self::new(&path_guess(path, n), &vec![half_width; n + 1], m)
    }

    /// Number of cells in the band.
    pub fn cells(&self) -> usize {
        self.offset[self.n + 1]
    }

    /// Flat index of cell `(i, j)`, or `None` outside the band.
    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i > self.n || j < self.lo[i] || j > self.hi[i] {
            None
        } else {
            Some(self.offset[i] + j - self.lo[i])
        }
    }

    /// Rows where `path` runs along an edge of the band that is not an edge of the lattice.
    pub fn touched_rows(&self, path: &[(usize, usize)]) -> Vec<usize> {
        path.iter()
            .filter(|&&(i, j)| (j == self.lo[i] && j > 0) || (j == self.hi[i] && j < self.m))
            // The lattice corner rows are fixed by the start and end of the text.
            .filter(|&&(i, _)| i > 0 && i < self.n)
            .map(|&(i, _)| i)
            .collect()
    }

    /// The band for another try after `path` touched the edge at rows `touched`: the old
    /// guesses stretched to also cover the path, with the half-width doubled within
    /// `4·w + 8` rows of each touched row (room for a detour of that size). The band only
    /// grows, so the search cannot slide away from a good region.
    pub fn widened(&self, path: &[(usize, usize)], touched: &[usize]) -> Self {
        let mut half_width = self.half_width.clone();
        for &r in touched {
            let old = self.half_width[r];
            let reach = 4 * old + 8;
            let (a, b) = (r.saturating_sub(reach), (r + reach).min(self.n));
            for w in &mut half_width[a..=b] {
                *w = (*w).max(old * 2);
            }
        }
        let guess: Vec<(usize, usize)> = self
            .guess
            .iter()
            .zip(path_guess(path, self.n))
            .map(|(g, p)| (g.0.min(p.0), g.1.max(p.1)))
            .collect();
        Self::new(&guess, &half_width, self.m)
    }
}

/// Per-row `[min j, max j]` of a path through rows `0..=n`. Rows the path jumps over (a
/// bead of several source sentences) take the span of the row before.
fn path_guess(path: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let mut guess = vec![(usize::MAX, 0usize); n + 1];
    for &(i, j) in path {
        if i <= n {
            guess[i].0 = guess[i].0.min(j);
            guess[i].1 = guess[i].1.max(j);
        }
    }
    let mut last = (0, 0);
    for g in guess.iter_mut() {
        if g.0 == usize::MAX {
            *g = (last.1, last.1);
        }
        last = *g;
    }
    guess
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connected(b: &Band) -> bool {
        (0..b.n).all(|i| b.hi[i] >= b.lo[i + 1] && b.lo[i] <= b.lo[i + 1])
            && b.lo[0] == 0
            && b.hi[b.n] == b.m
    }

    #[test]
    fn length_band_follows_lengths_and_is_connected() {
        // Source sentence 0 is as long as the first five target sentences.
        let src = [50.0, 10.0, 10.0];
        let tgt = [10.0; 7];
        let b = Band::around_lengths(&src, &tgt, 1);
        assert!(connected(&b));
        assert!(b.index(1, 5).is_some(), "{b:?}");
        assert!(b.index(1, 1).is_none(), "{b:?}");
        assert_eq!(
            b.cells(),
            (0..=3).map(|i| b.hi[i] - b.lo[i] + 1).sum::<usize>()
        );
    }

    #[test]
    fn empty_sides_make_a_single_line() {
        let b = Band::around_lengths(&[], &[1.0, 2.0], 3);
        assert!(connected(&b));
        assert_eq!(b.cells(), 3);
        let b = Band::around_lengths(&[1.0, 2.0], &[], 3);
        assert!(connected(&b));
        assert_eq!(b.cells(), 3);
    }

    #[test]
    fn touching_the_edge_is_detected_and_widening_helps() {
        let guess: Vec<(usize, usize)> = (0..=100).map(|i| (i, i)).collect();
        let b = Band::new(&guess, &[2; 101], 100);
        let path = [(0, 0), (50, 48), (100, 100)];
        let touched = b.touched_rows(&path);
        assert_eq!(touched, [50]);
        let cells: Vec<(usize, usize)> = (0..=100)
            .map(|i| (i, if i == 50 { 48 } else { i }))
            .collect();
        let wide = b.widened(&cells, &touched);
        assert!(
            wide.index(50, 44).is_some(),
            "stretched to the path and widened"
        );
        assert!(
            wide.index(50, 54).is_some(),
            "and still covering the old guess"
        );
        assert!(wide.touched_rows(&cells).is_empty());
        // Far rows keep their width: the band stays linear in size.
        assert_eq!(wide.hi[0], 2);
        assert!(wide.cells() < 101 * 10);
    }
}
