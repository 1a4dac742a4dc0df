//! Stretches of a path that no translation explains: gap beads that, with the merges beside
//! them, leave sentences over on *both* sides, where pairing them was on offer. An
//! omission leaves one side's sentences alone; a detour (the path stepping off the diagonal
//! and back) leaves both. In a large document the anchor-free check cannot search every
//! stretch whole, so such a detour used to stand with confidence 0.9–1.0 (a paragraph of a
//! novel and its translation, side by side, both "without counterpart"); these windows are
//! searched again on their own.

use std::ops::Range;

use super::cost::KINDS;
use super::dp::Path;

/// Most 1-1 beads in a row a suspect run reaches across: a detour often pairs one couple
/// wrongly between its two gaps. (Reaching across 4 found more detours in a book whose
/// paragraph marks disagree, 0.944 to 0.945 strict F1 on LinES, but cost the whole Text+Berg
/// document 0.015: its 2-1 beads then join into long runs the judge gets wrong.)
const BRIDGE: usize = 1;

/// Beads on either side of a suspect run that its window takes in, so that the search
/// again may move the pairs next to the detour too.
pub const MARGIN: usize = 4;

/// The windows (ranges of bead indices of `path`) around each suspect run, widened by
/// `margin` beads each way; overlapping windows are joined.
///
/// A run is a stretch of beads other than 1-1, reaching across up to [`BRIDGE`] 1-1 beads in a
/// row between them, holding at least one gap bead.
/// Each bead leaves over the sentences of its larger side beyond the smaller (a 1-0 leaves
/// one source sentence, a 1-3 two target sentences). The run is suspect when it leaves
/// sentences over on *both* sides: source sentences alone beside a 1-3 bead, or a 0-1 beside
/// a 2-1, is a detour; an omission leaves one side only.
pub fn windows(path: &Path, margin: usize) -> Vec<Range<usize>> {
    let kinds = &path.kinds;
    let irregular = |b: usize| kinds.get(b).is_some_and(|&k| KINDS[k] != (1, 1));
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut b = 0;
    while b < kinds.len() {
        if !irregular(b) {
            b += 1;
            continue;
        }
        let start = b;
        let (mut source, mut target, mut gaps) = (0, 0, false);
        loop {
            let (a, c) = KINDS[kinds[b]];
            gaps |= a == 0 || c == 0;
            source += a.saturating_sub(c);
            target += c.saturating_sub(a);
            b += 1;
            // The next bead other than 1-1, if no more than BRIDGE pairs away.
            match (b..(b + BRIDGE + 1).min(kinds.len())).find(|&x| irregular(x)) {
                Some(next) => b = next,
                None => break,
            }
        }
        if !gaps || source == 0 || target == 0 {
            continue;
        }
        let window = start.saturating_sub(margin)..(b + margin).min(kinds.len());
        match out.last_mut() {
            Some(last) if last.end >= window.start => last.end = window.end,
            _ => out.push(window),
        }
    }
    out
}

/// The part of `path` over the beads `beads`, its cells counted from the window's first cell.
pub fn part(path: &Path, beads: &Range<usize>) -> Path {
    let (i0, j0) = path.cells[beads.start];
    Path {
        cells: path.cells[beads.start..=beads.end]
            .iter()
            .map(|&(i, j)| (i - i0, j - j0))
            .collect(),
        kinds: path.kinds[beads.clone()].to_vec(),
    }
}

/// `path` with the beads `beads` replaced by `with` (cells counted from the window's first
/// cell, ending where the replaced beads end).
pub fn splice(path: &mut Path, beads: &Range<usize>, with: &Path) {
    let (i0, j0) = path.cells[beads.start];
    let cells = with.cells[1..].iter().map(|&(i, j)| (i + i0, j + j0));
    path.cells
        .splice(beads.start + 1..=beads.end, cells.collect::<Vec<_>>());
    path.kinds.splice(beads.clone(), with.kinds.iter().copied());
}

/// A path from bead kinds given as (source, target) sentence counts (for tests).
#[cfg(test)]
pub fn path_of(beads: &[(usize, usize)]) -> Path {
    let mut cells = vec![(0, 0)];
    let mut kinds = Vec::new();
    for &(a, b) in beads {
        let (i, j) = *cells.last().unwrap();
        cells.push((i + a, j + b));
        kinds.push(KINDS.iter().position(|&k| k == (a, b)).unwrap());
    }
    Path { cells, kinds }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(beads: &[(usize, usize)]) -> Path {
        path_of(beads)
    }

    /// One window (a literal one-range array reads as a mistake to clippy).
    fn one(window: Range<usize>) -> Vec<Range<usize>> {
        vec![window]
    }

    #[test]
    fn a_run_leaving_both_sides_is_suspect_an_omission_is_not() {
        let omission = path(&[(1, 1), (1, 0), (1, 0), (1, 0), (1, 1)]);
        assert!(windows(&omission, 1).is_empty());
        let merge_beside_a_gap = path(&[(1, 1), (1, 0), (2, 1), (1, 1)]);
        assert!(
            windows(&merge_beside_a_gap, 1).is_empty(),
            "the source side only"
        );
        let merges = path(&[(1, 1), (2, 1), (1, 2), (1, 1)]);
        assert!(
            windows(&merges, 1).is_empty(),
            "no gap: sentences split differently"
        );
        let gaps_beside_a_merge = path(&[(1, 1), (1, 0), (1, 0), (1, 3), (1, 1)]);
        assert_eq!(windows(&gaps_beside_a_merge, 1), one(0..5));
        let lone_pair = path(&[(1, 1), (0, 1), (2, 1), (1, 1)]);
        assert_eq!(windows(&lone_pair, 0), one(1..3));
        let across_a_pair = path(&[(1, 1), (1, 0), (1, 1), (0, 1), (0, 1), (1, 1), (1, 1)]);
        assert_eq!(windows(&across_a_pair, 0), one(1..5));
        let two_pairs_apart = path(&[(1, 0), (1, 1), (1, 1), (0, 1), (0, 1)]);
        assert!(windows(&two_pairs_apart, 0).is_empty());
        let detour = path(&[(1, 1), (1, 1), (0, 1), (1, 0), (1, 0), (1, 1), (1, 1)]);
        assert_eq!(windows(&detour, 1), one(1..6));
        assert_eq!(windows(&detour, 9), one(0..7));
    }

    #[test]
    fn overlapping_windows_are_joined() {
        let two = path(&[
            (0, 1),
            (1, 0),
            (1, 0),
            (1, 1),
            (1, 1),
            (1, 0),
            (0, 1),
            (0, 1),
            (1, 1),
        ]);
        assert_eq!(windows(&two, 1), one(0..9));
        assert_eq!(windows(&two, 0), [0..3, 5..8]);
    }

    #[test]
    fn a_part_put_back_gives_the_path_and_a_splice_replaces_it() {
        let detour = path(&[(1, 1), (0, 1), (1, 0), (1, 0), (1, 1)]);
        let window = 1..4;
        let old = part(&detour, &window);
        assert_eq!(old.cells, [(0, 0), (0, 1), (1, 1), (2, 1)]);
        let mut same = detour.clone();
        splice(&mut same, &window, &old);
        assert_eq!(same, detour);
        let mut fixed = detour.clone();
        splice(&mut fixed, &window, &path(&[(1, 1), (1, 0)]));
        assert_eq!(fixed, path(&[(1, 1), (1, 1), (1, 0), (1, 1)]));
    }
}
