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

    /// A band of constant half-width around one guessed `j` per row (0..=n).
    pub fn around(guess: &[usize], half_width: usize, m: usize) -> Self {
        let guess: Vec<(usize, usize)> = guess.iter().map(|&j| (j, j)).collect();
        Self::new(&guess, &vec![half_width; guess.len()], m)
    }

    /// The half-width of each row the band was built with.
    pub fn half_widths(&self) -> &[usize] {
        &self.half_width
    }

    /// Number of cells in the band.
    pub fn cells(&self) -> usize {
        self.offset[self.n + 1]
    }

    /// Flat index of cell `(i, lo[i])`, the first of row `i`.
    #[inline]
    pub fn offset(&self, i: usize) -> usize {
        self.offset[i]
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
}

/// Per-row `[min j, max j]` of a path through rows `0..=n`. Rows the path jumps over (a
/// bead of several source sentences) take the span of the row before.
pub fn path_guess(path: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
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
    use crate::align::anchors::length_diagonal;

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
        let b = Band::around(&length_diagonal(&src, &tgt), 1, tgt.len());
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
        let b = Band::around(&length_diagonal(&[], &[1.0, 2.0]), 3, 2);
        assert!(connected(&b));
        assert_eq!(b.cells(), 3);
        let b = Band::around(&length_diagonal(&[1.0, 2.0], &[]), 3, 0);
        assert!(connected(&b));
        assert_eq!(b.cells(), 3);
    }

    #[test]
    fn touching_the_edge_is_detected() {
        let guess: Vec<(usize, usize)> = (0..=100).map(|i| (i, i)).collect();
        let b = Band::new(&guess, &[2; 101], 100);
        let path = [(0, 0), (50, 48), (60, 62), (70, 70), (100, 100)];
        assert_eq!(b.touched_rows(&path), [50, 60]);
        // Far rows keep their width: the band stays linear in size.
        assert_eq!(b.cells(), 101 * 5 - 2 - 1 - 2 - 1);
    }

    #[test]
    fn path_guess_spans_rows_and_fills_jumps() {
        let g = path_guess(&[(0, 0), (0, 1), (2, 3), (3, 3)], 3);
        assert_eq!(g, [(0, 1), (1, 1), (3, 3), (3, 3)]);
    }
}
