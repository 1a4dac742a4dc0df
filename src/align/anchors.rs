//! Anchor points that place the first pass's band: sentence pairs sharing a number or a
//! name that occurs only once on each side within a window around the length diagonal
//! (page numbers are no words: see the aligner's `bare_number`). The longest chain of such pairs that agree in order, less the anchors
//! that disagree with their neighbours (see [`smooth`]), bends the band to where the texts
//! really are, instead of a straight line that drifts wherever the length ratio changes
//! (mixed material, untranslated passages).

use super::hash::FastMap;
use super::lexical::{Table, Vocab};

/// Half-size (in sentences) of the window in which an anchor word must be unique. A second,
/// wider window adds the difference of the sentence counts, which bounds how far the true
/// path can be from the length diagonal when one side has material the other lacks; words
/// unique in either window are candidates, and the longest chain sorts out which are right.
const MIN_WINDOW: usize = 200;

/// How many earlier anchors of the chain [`smooth`] looks back over.
const LOOKBACK: usize = 32;

/// Anchors a chain gives up, in [`smooth`], rather than take one sentence of detour.
const JUMP_COST: f64 = 0.25;

/// For each row `i` of the lattice (0..=n), the `j` where the target has consumed the same
/// share of its characters as the source has after `i` sentences.
pub fn length_diagonal(source: &[f64], target: &[f64]) -> Vec<usize> {
    let (n, m) = (source.len(), target.len());
    let total_s: f64 = source.iter().sum();
    let total_t: f64 = target.iter().sum();
    let mut out = Vec::with_capacity(n + 1);
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
        out.push(c);
    }
    out
}

/// Sentence indices (within `range`) where each word occurs, for the words `keep` accepts.
fn occurrences(
    vocab: &Vocab,
    range: std::ops::Range<usize>,
    keep: impl Fn(u32) -> bool,
) -> FastMap<u32, Vec<usize>> {
    let mut out: FastMap<u32, Vec<usize>> = FastMap::default();
    for (local, ids) in vocab.sentences.range(range).enumerate() {
        for &id in ids {
            if keep(id) {
                out.entry(id).or_default().push(local);
            }
        }
    }
    out
}

/// Number of entries of sorted `list` within `[lo, hi]`, and the first of them.
fn in_window(list: &[usize], lo: usize, hi: usize) -> (usize, Option<usize>) {
    let a = list.partition_point(|&x| x < lo);
    let b = list.partition_point(|&x| x <= hi);
    (b - a, list.get(a).copied())
}

/// The word pairs that may anchor (numbers and names of full strength in the table), found
/// once per alignment: a paragraph-marked book has a thousand stretches, and finding them
/// again for each was a twentieth of `tolk realign`.
pub struct AnchorWords {
    /// Source word -> the target words it anchors with.
    strong: FastMap<u32, Vec<u32>>,
    /// All those target words.
    wanted: std::collections::HashSet<u32>,
}

impl AnchorWords {
    pub fn new(src: &Vocab, tgt: &Vocab, table: &Table) -> Self {
        // Numbers and names only: identical common words are often false friends (Swedish
        // "rest", "fall", "land" are not the English words), which made false chains.
        let mut strong = table.strong_pairs();
        strong.retain(|&u, targets| {
            targets.retain(|&v| {
                src.number[u as usize] || src.name[u as usize] || tgt.name[v as usize]
            });
            !targets.is_empty()
        });
        let wanted = strong.values().flatten().copied().collect();
        Self { strong, wanted }
    }
}

/// The candidate anchor words of one stretch and where they occur, found once and used
/// for every round of [`Anchors::chain`].
pub struct Anchors<'a> {
    /// Source word -> its local sentence indices, for words with a strong table entry.
    source: FastMap<u32, Vec<usize>>,
    /// Target word -> its local sentence indices, for the targets of those entries.
    target: FastMap<u32, Vec<usize>>,
    strong: &'a FastMap<u32, Vec<u32>>,
    wide: usize,
    /// The length diagonal of the stretch and how far from it an anchor may lie.
    diagonal: Vec<usize>,
    reach: usize,
}

/// How far (in target sentences) the true path may plausibly lie from the length diagonal
/// of a stretch of `n` x `m` sentences: the difference of the counts (an untranslated
/// passage) plus a tenth of the text, at least 10. A pair of sentences sharing a name
/// further away than that is a caption, a byline or a list moved elsewhere, not an anchor;
/// a chain of such pairs once pulled a whole article into gap beads.
pub fn plausible_reach(n: usize, m: usize) -> usize {
    n.abs_diff(m) + (n.max(m) / 10).max(10)
}

impl<'a> Anchors<'a> {
    pub fn new(
        (src, tgt): (&Vocab, &Vocab),
        words: &'a AnchorWords,
        (source, target): (std::ops::Range<usize>, std::ops::Range<usize>),
        (source_len, target_len): (&[f64], &[f64]),
    ) -> Self {
        let diagonal = length_diagonal(source_len, target_len);
        let reach = plausible_reach(source.len(), target.len());
        let wide = MIN_WINDOW + source.len().abs_diff(target.len());
        let strong = &words.strong;
        let source = occurrences(src, source, |u| {
            strong.contains_key(&u) && !src.is_frequent(u)
        });
        let wanted = &words.wanted;
        let target = occurrences(tgt, target, |v| wanted.contains(&v) && !tgt.is_frequent(v));
        Self {
            source,
            target,
            strong,
            wide,
            diagonal,
            reach,
        }
    }

    /// Anchor pairs (local source sentence, local target sentence) near the path `around`
    /// (one `j` per row), as the longest chain increasing on both sides.
    pub fn chain(&self, around: &[usize]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (u, s_list) in &self.source {
            for v in &self.strong[u] {
                let Some(t_list) = self.target.get(v) else {
                    continue;
                };
                for &s in s_list {
                    for window in [MIN_WINDOW, self.wide] {
                        let (count_s, _) = in_window(s_list, s.saturating_sub(window), s + window);
                        let g = around[s];
                        let (count_t, t) = in_window(t_list, g.saturating_sub(window), g + window);
                        if let (1, 1, Some(t)) = (count_s, count_t, t)
                            && t.abs_diff(self.diagonal[s]) <= self.reach
                        {
                            found.push((s, t));
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        smooth(&longest_chain(&found), &self.diagonal)
    }
}

/// How far (in target sentences) the offset from the length diagonal may change between two
/// anchors `ds` source sentences apart at no cost: two sentences, plus a tenth of the way
/// (omissions and 2-1 beads add up).
fn slack(ds: usize) -> f64 {
    2.0 + ds as f64 / 10.0
}

/// The anchors of a monotone `chain` that agree with each other: the subsequence with the
/// most anchors less [`JUMP_COST`] per sentence of each jump of the offset (from the length
/// diagonal and from the plain diagonal, whichever jumps less) beyond [`slack`]. A translation that leaves out a passage moves the offset once
/// (a step, paid once, kept when enough anchors follow); a pair of false anchors (a caption,
/// a repeated number) sends it away and back (a spike, paid twice), and is dropped unless
/// many anchors agree on it.
pub fn smooth(chain: &[(usize, usize)], diagonal: &[usize]) -> Vec<(usize, usize)> {
    if chain.len() < 3 {
        return chain.to_vec();
    }
    // The offset from the length diagonal, and from the plain diagonal of 1-1 beads: where
    // one side has a passage the other lacks, the length diagonal is skewed and only the
    // second stays level; where one side splits sentences evenly, only the first does. A
    // jump counts only when both see one.
    let offset = |p: (usize, usize)| p.1 as f64 - diagonal[p.0] as f64;
    let raw = |p: (usize, usize)| p.1 as f64 - p.0 as f64;
    let mut best = vec![1.0f64; chain.len()];
    let mut prev: Vec<Option<usize>> = vec![None; chain.len()];
    for i in 0..chain.len() {
        for j in i.saturating_sub(LOOKBACK)..i {
            let jump = (offset(chain[i]) - offset(chain[j]))
                .abs()
                .min((raw(chain[i]) - raw(chain[j])).abs());
            let penalty = JUMP_COST * (jump - slack(chain[i].0 - chain[j].0)).max(0.0);
            let value = best[j] + 1.0 - penalty;
            if value > best[i] {
                best[i] = value;
                prev[i] = Some(j);
            }
        }
    }
    let mut cur = (0..chain.len()).max_by(|&a, &b| best[a].total_cmp(&best[b]));
    let mut out = Vec::new();
    while let Some(i) = cur {
        out.push(chain[i]);
        cur = prev[i];
    }
    out.reverse();
    out
}

/// The longest subsequence of `points` (sorted by source) increasing strictly on both sides.
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting on the target index; points of one source index are visited from the
    // highest target down, so that at most one of them can enter a chain.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[a]
            .0
            .cmp(&points[b].0)
            .then(points[b].1.cmp(&points[a].1))
    });
    let mut tails: Vec<usize> = Vec::new(); // index into points of the tail of each length
    let mut parent: Vec<Option<usize>> = vec![None; points.len()];
    for &p in &order {
        let t = points[p].1;
        let k = tails.partition_point(|&q| points[q].1 < t);
        parent[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        chain.push(points[p]);
        cur = parent[p];
    }
    chain.reverse();
    chain
}

/// Per-row guesses of the path: the length diagonal between consecutive anchors, scaled to
/// the characters between them.
pub fn guess(source: &[f64], target: &[f64], anchors: &[(usize, usize)]) -> Vec<usize> {
    let (n, m) = (source.len(), target.len());
    let mut points = Vec::with_capacity(anchors.len() + 2);
    points.push((0, 0));
    points.extend(
        anchors
            .iter()
            .copied()
            .filter(|&(s, t)| s > 0 && t > 0 && s < n && t < m),
    );
    points.push((n, m));
    let mut out = Vec::with_capacity(n + 1);
    for w in points.windows(2) {
        let ((s0, t0), (s1, t1)) = (w[0], w[1]);
        let part = length_diagonal(&source[s0..s1], &target[t0..t1]);
        // The last row of this piece is the first of the next.
        out.extend(part[..part.len() - 1].iter().map(|&j| t0 + j));
    }
    out.push(m);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_keeps_the_longest_consistent_order() {
        let points = [(1, 1), (2, 9), (3, 3), (4, 4), (4, 5), (6, 2), (7, 8)];
        assert_eq!(longest_chain(&points), [(1, 1), (3, 3), (4, 4), (7, 8)]);
        assert!(longest_chain(&[]).is_empty());
    }

    #[test]
    fn diagonal_and_guess_follow_lengths_and_anchors() {
        let src = [10.0; 4];
        let tgt = [10.0; 8];
        // Without anchors: two target sentences per source sentence.
        assert_eq!(guess(&src, &tgt, &[]), [0, 2, 4, 6, 8]);
        // An anchor saying source 1 starts at target 5: the first source sentence takes
        // five target sentences, the rest are spread over the remaining three.
        let g = guess(&src, &tgt, &[(1, 5)]);
        assert_eq!(g[0], 0);
        assert_eq!(g[1], 5);
        assert_eq!(g[4], 8);
        assert!(g[2] >= 5 && g[3] >= g[2] && g[3] <= 8);
    }

    #[test]
    fn unique_shared_numbers_become_anchors() {
        let s = ["a 1901 b", "c", "d 1902", "e", "f 1903"];
        let t = ["x 1901 y", "z", "extra", "w 1902", "v", "u 1903"];
        let sv = Vocab::build(s.iter().copied());
        let tv = Vocab::build(t.iter().copied());
        let table = Table::seed(&sv, &tv, None);
        let diag: Vec<usize> = (0..=5).collect();
        let (sl, tl) = ([10.0; 5], [10.0; 6]);
        let words = AnchorWords::new(&sv, &tv, &table);
        let a = Anchors::new((&sv, &tv), &words, (0..5, 0..6), (&sl, &tl)).chain(&diag);
        assert_eq!(a, [(0, 0), (2, 3), (4, 5)]);
    }

    #[test]
    fn names_far_from_the_length_diagonal_are_not_anchors() {
        // Captions listed at the top of the source and at the bottom of the target: each
        // name is unique on both sides, and together they would make the longest chain.
        let mut s: Vec<String> = (0..40).map(|i| format!("s{i}")).collect();
        let mut t: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        for (k, name) in ["Dufour", "Weisshorn", "Lyskamm"].iter().enumerate() {
            s[1 + k] = format!("Bild {name}");
            t[35 + k] = format!("Figure {name}");
        }
        s[20] = "In 1921 Kurz".into();
        t[20] = "En 1921 Kurz".into();
        let sv = Vocab::build(s.iter().map(String::as_str));
        let tv = Vocab::build(t.iter().map(String::as_str));
        let table = Table::seed(&sv, &tv, None);
        let lens = [10.0; 40];
        let words = AnchorWords::new(&sv, &tv, &table);
        let anchors = Anchors::new((&sv, &tv), &words, (0..40, 0..40), (&lens, &lens));
        let chain = anchors.chain(&length_diagonal(&lens, &lens));
        assert_eq!(chain, [(20, 20)]);
    }

    #[test]
    fn a_spike_of_false_anchors_is_dropped_and_a_step_is_kept() {
        let diagonal: Vec<usize> = (0..=200).collect();
        // On the diagonal, then two anchors 15 sentences off (a caption pair and a repeated
        // number), then back on the diagonal.
        let mut chain: Vec<(usize, usize)> = (0..10).map(|k| (k * 10, k * 10)).collect();
        chain.extend([(101, 116), (103, 118)]);
        chain.extend((11..20).map(|k| (k * 10, k * 10)));
        let kept = smooth(&chain, &diagonal);
        assert!(!kept.contains(&(101, 116)) && !kept.contains(&(103, 118)));
        assert_eq!(kept.len(), chain.len() - 2);
        // A passage of 12 sentences left out of the source halfway: every anchor after it is
        // 12 sentences further on the target; all are kept.
        let step: Vec<(usize, usize)> = (0..20)
            .map(|k| (k * 10, k * 10 + if k >= 10 { 12 } else { 0 }))
            .collect();
        let diagonal: Vec<usize> = (0..=200).map(|i| i + i * 12 / 200).collect();
        let kept = smooth(&step, &diagonal);
        assert!(kept.len() >= step.len() - 1, "{kept:?}");
        assert!(step[10..].iter().all(|p| kept.contains(p)), "{kept:?}");
        // A preface of 20 sentences only in the target skews the length diagonal (8 source
        // sentences against 28); anchors that all lie 20 sentences on are kept.
        let lengths: Vec<f64> = vec![10.0; 28];
        let diagonal = length_diagonal(&lengths[..8], &lengths);
        let preface: Vec<(usize, usize)> = (0..8).map(|k| (k, k + 20)).collect();
        assert_eq!(smooth(&preface, &diagonal), preface);
    }
}
