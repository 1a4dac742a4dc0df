//! The cost of a bead: negative log-probability-like terms for its kind, its lengths, the
//! words its two sides share, its closing punctuation and paragraph boundaries.

use std::ops::Range;

use super::band::Band;
use super::flat::FlatLists;
use super::length::LengthModel;
use super::lexical::Predicted;
use super::tokens::Closing;

/// Bead kinds (source sentences, target sentences) the search may use. 1-1 first, as ties
/// are resolved in favour of earlier kinds. 2-3, 3-2, 1-4 and 4-1 are beyond the usual
/// Gale-Church set: with small priors they cost little on clean text (LinES -0.003 strict
/// F1) and gain much on OCR'd text where sentences are split apart (Text+Berg +0.04).
/// 0-2, 2-0, 0-3 and 3-0 let a run of sentences without counterpart cost about as much as
/// one such sentence, as in an HMM whose gap state tends to persist; without them a run of
/// untranslated sentences was cheaper glued into 1-4 beads next to it.
pub const KINDS: [(usize, usize); NKINDS] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
    (0, 2),
    (2, 0),
    (0, 3),
    (3, 0),
];

/// Number of bead kinds.
pub const NKINDS: usize = 16;

/// `$m!(k)` for each literal `k` listed, in order.
macro_rules! each {
    ($m:ident: $($k:literal)*) => {
        $( $m!($k); )*
    };
}
pub(super) use each;

/// `$m!(k)` for each kind `k` in order, `k` a literal: the searches' inner loops visit the
/// kinds this way, so that each kind's spans are constants.
macro_rules! each_kind {
    ($m:ident) => {
        $crate::align::cost::each!($m: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    };
}
pub(super) use each_kind;
const _: () = assert!(NKINDS == 16, "each_kind! names every kind");

/// Share of the Gale-Church length cost a bead with an empty side pays. The normal model
/// of length differences describes sentence pairs; applied to a sentence without any
/// counterpart it makes a long untranslated sentence so dear that the search would rather
/// smear it over its neighbours as 2-1 and 3-1 beads. Measured with three blocks of 2-4
/// sentences deleted from one side of each LinES dev document: 0.3 gave strict F1 0.857
/// (target side deleted) and 0.882 (source side), 0.1 gives 0.949 and 0.941, while the
/// plain dev sets stay (LinES 0.967) or gain (Text+Berg 0.881 -> 0.890); 0.05 gains nothing
/// more.
const SKIP_LENGTH_SHARE: f64 = 0.1;

/// Largest number of sentences a bead takes from one side.
pub const MAX_SPAN: usize = 4;

/// Prior probabilities of the bead kinds before anything is known about the text (after
/// Gale and Church, with the larger kinds added). They are re-estimated after the first pass.
/// Runs without counterpart (0-2 ... 3-0) are four times as likely as first set: what a
/// translation leaves out is more often a block than a lone sentence (1-1 gives up what they
/// gain, so the priors still sum to one), and a deleted block was smeared over its
/// neighbours as 2-1 and 3-1 beads (sv-en stress sets, deleted target
/// and source sentences: 0.949 and 0.941 before, 0.956 and 0.951 after; Text+Berg de-fr dev
/// 0.878 -> 0.890; LinES dev unchanged).
pub const DEFAULT_PRIORS: [f64; NKINDS] = [
    0.861, 0.005, 0.005, 0.045, 0.045, 0.011, 0.004, 0.004, 0.001, 0.001, 0.001, 0.001, 0.006,
    0.006, 0.002, 0.002,
];

/// The cost of a paragraph mark one side of a bead lacks (or a paragraph start inside it)
/// before anything is learnt about the text; the second pass learns a lower one where the
/// texts' marks often disagree.
pub const DEFAULT_PARAGRAPH: f64 = 3.0;

/// The tunable weights of the cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// -ln P(kind), in the order of [`KINDS`].
    pub prior_cost: [f64; NKINDS],
    pub length: LengthModel,
    /// Cost removed per unit of shared lexical weight.
    pub lexical: f64,
    /// Cost removed when both sides end as a question or exclamation, added when only one does.
    pub punctuation: f64,
    /// Cost added for each paragraph boundary the bead does not respect (at most 3.0; the
    /// second pass learns it from how often the first pass's 1-1 pairs disagree).
    pub paragraph: f64,
}

impl Params {
    pub fn new(priors: &[f64; NKINDS], length: LengthModel) -> Self {
        Self {
            prior_cost: priors.map(|p| -p.ln()),
            length,
            lexical: 3.0,
            punctuation: 0.5,
            paragraph: DEFAULT_PARAGRAPH,
        }
    }

    /// Priors re-estimated from the kinds counted in a first pass, smoothed towards the
    /// defaults (as if the defaults had been seen in 50 beads), so a short text cannot
    /// make a kind impossible.
    pub fn priors_from_counts(counts: &[usize; NKINDS]) -> [f64; NKINDS] {
        const PSEUDO: f64 = 50.0;
        let total: usize = counts.iter().sum();
        let mut p = [0.0; NKINDS];
        for k in 0..NKINDS {
            p[k] = (counts[k] as f64 + PSEUDO * DEFAULT_PRIORS[k]) / (total as f64 + PSEUDO);
        }
        p
    }
}

/// What the cost needs to know about the sentences of one stretch being aligned.
#[derive(Debug)]
pub struct Sides<'a> {
    /// Prefix sums of sentence lengths (len n + 1, m + 1).
    pub source_len: Vec<f64>,
    pub target_len: Vec<f64>,
    pub source_closing: &'a [Closing],
    pub target_closing: &'a [Closing],
    pub source_paragraph: &'a [bool],
    pub target_paragraph: &'a [bool],
    /// Whether paragraph marks exist on both sides (otherwise they are ignored).
    pub use_paragraphs: bool,
    /// Which sentences are bare numbers (page numbers, see [`Sides::with_bare`]); empty
    /// slices when that is not known.
    pub source_bare: &'a [bool],
    pub target_bare: &'a [bool],
}

impl<'a> Sides<'a> {
    pub fn new(
        source_len: &[f64],
        target_len: &[f64],
        closing: (&'a [Closing], &'a [Closing]),
        paragraph: (&'a [bool], &'a [bool]),
    ) -> Self {
        let prefix = |v: &[f64]| {
            let mut out = Vec::with_capacity(v.len() + 1);
            out.push(0.0);
            for x in v {
                out.push(out[out.len() - 1] + x);
            }
            out
        };
        let marks = |p: &[bool]| p.iter().skip(1).any(|&b| b);
        Self {
            source_len: prefix(source_len),
            target_len: prefix(target_len),
            source_closing: closing.0,
            target_closing: closing.1,
            source_paragraph: paragraph.0,
            target_paragraph: paragraph.1,
            use_paragraphs: marks(paragraph.0) && marks(paragraph.1),
            source_bare: &[],
            target_bare: &[],
        }
    }

    /// Marks the sentences that are bare numbers, one flag per sentence of each side. Such
    /// a line (a page number, mostly) may have no translation: a bead of only such lines with
    /// no counterpart costs [`BARE_GAP_COST`], so that page numbers are not glued to the
    /// sentences around them. A pair with one pays nothing extra: a penalty of 3 per bare line
    /// was described here but only the candidates' judge paid it, never the search, and paid
    /// in the search too it took held-out LibreOffice help (numbered steps and table cells
    /// paired with their numbers) from strict F1 0.999 to 0.945 (sv-en) and 0.998 to 0.944
    /// (de-fr); dropped from the judge it changed no result on any set.
    pub fn with_bare(mut self, source: &'a [bool], target: &'a [bool]) -> Self {
        self.source_bare = source;
        self.target_bare = target;
        self
    }

    /// Bare lines among source `range` and target `range`.
    fn bare(&self, source: Range<usize>, target: Range<usize>) -> usize {
        let count = |flags: &[bool], r: Range<usize>| {
            if flags.is_empty() {
                0
            } else {
                flags[r].iter().filter(|&&b| b).count()
            }
        };
        count(self.source_bare, source) + count(self.target_bare, target)
    }
}

/// Cost of a bead without counterpart made of bare numbers only.
pub const BARE_GAP_COST: f64 = 0.5;

/// Shared lexical weight of every (source, target) sentence pair a bead in the band can
/// contain, computed once per band.
#[derive(Debug)]
pub struct PairScores {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    values: Vec<f32>,
}

impl PairScores {
    /// `target_words[target_base + t]` are the word ids of target sentence `t` of this
    /// stretch and `source_base` the index of the stretch's first sentence in `predicted`.
    pub fn new(
        band: &Band,
        predicted: &Predicted,
        (source_base, target_base): (usize, usize),
        target_words: &FlatLists<u32>,
    ) -> Self {
        let (n, m) = (band.n, band.m);
        let (mut lo, mut hi, mut offset, mut values) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::new(),
        );
        let mut scratch = Vec::new();
        for s in 0..n {
            // A bead containing source sentence s ends in a row i of s+1..=s+MAX_SPAN and
            // takes target sentences j-MAX_SPAN..j of that row.
            let a = band.lo[s + 1].saturating_sub(MAX_SPAN);
            let b = band.hi[(s + MAX_SPAN).min(n)].min(m);
            offset.push(values.len());
            lo.push(a);
            hi.push(b);
            predicted.shared_with_each(
                source_base + s,
                target_words.range(target_base + a..target_base + b),
                &mut scratch,
                &mut values,
            );
        }
        Self {
            lo,
            hi,
            offset,
            values,
        }
    }

    /// The scores of source sentence `s` and the first target sentence they cover: target
    /// sentence `t` has `scores[t - first]`, and every one outside them scores 0.
    #[inline]
    pub fn row(&self, s: usize) -> (&[f32], usize) {
        let len = self.hi[s].saturating_sub(self.lo[s]);
        (&self.values[self.offset[s]..][..len], self.lo[s])
    }

    #[inline]
    pub fn get(&self, s: usize, t: usize) -> f32 {
        if t < self.lo[s] || t >= self.hi[s] {
            return 0.0;
        }
        self.values[self.offset[s] + t - self.lo[s]]
    }
}

/// Of what the sentences on the longer side of a one-to-many bead (1-2, 2-1, 1-3, 3-1, 1-4,
/// 4-1) share with the one sentence beyond the best of them, the part [`bead_credit`] counts.
///
/// The smaller sum alone credits such a bead with its best pair only: "Urval, beskrivning:"
/// against "Selection" and "Description:" shares two words but earned one, while two 1-1
/// beads shifted against their neighbours earn every word they share, so wherever a word
/// recurs (help texts: "tabb", "tabs" in every line) the search preferred the shift. The
/// larger sum counts every pair, a word shared by all the longer side's sentences as often.
/// The truth lies between; 0.15 of the way (0.1 to 0.2 all gained as much on the stress and
/// held-out sets, 0.25 and more lost on Text+Berg, see README "Alignment").
pub const BEYOND_THE_BEST: f32 = 0.15;

/// The lexical weight a bead of `a` source and `b` target sentences shares, from its sum
/// over target sentences (each its best source sentence) and its sum over source sentences:
/// the smaller, and for a one-to-many bead [`BEYOND_THE_BEST`] of the difference on top. A
/// bead with two or more sentences on both sides takes the smaller sum only, so that words
/// repeated across its sentences earn a 2-2 bead nothing.
#[inline(always)]
pub fn bead_credit(by_target: f32, by_source: f32, a: usize, b: usize) -> f32 {
    let (smaller, larger) = if by_target <= by_source {
        (by_target, by_source)
    } else {
        (by_source, by_target)
    };
    if a == 1 || b == 1 {
        smaller + BEYOND_THE_BEST * (larger - smaller)
    } else {
        smaller
    }
}

/// Lexical weight shared by the two sides of a bead, from the pair scores of its
/// sentences without counting a word twice: each target sentence counts its best source
/// sentence only and vice versa, and [`bead_credit`] weighs the two sums. Summing all
/// pairs instead would reward 2-2 beads for every word repeated across their sentences.
#[inline]
fn bead_shared(pairs: &PairScores, source: Range<usize>, target: Range<usize>) -> f32 {
    bead_shared_by(source, target, |s, t| pairs.get(s, t))
}

/// [`bead_shared`] with the shared weight of each sentence pair from `pair(s, t)`: the pair
/// scores of a band in the search, the predicted words themselves in the aligner's judge,
/// which scores only the beads of a path.
#[inline]
pub fn bead_shared_by(
    source: Range<usize>,
    target: Range<usize>,
    pair: impl Fn(usize, usize) -> f32,
) -> f32 {
    let (a, b) = (source.len(), target.len());
    if a == 1 && b == 1 {
        return pair(source.start, target.start);
    }
    let by_target: f32 = target
        .clone()
        .map(|t| source.clone().map(|s| pair(s, t)).fold(0.0, f32::max))
        .sum();
    let by_source: f32 = source
        .map(|s| target.clone().map(|t| pair(s, t)).fold(0.0, f32::max))
        .sum();
    bead_credit(by_target, by_source, a, b)
}

/// The cost of beads ending at a cell, for one stretch and one band.
#[derive(Debug)]
pub struct CostModel<'a> {
    pub params: &'a Params,
    pub sides: &'a Sides<'a>,
    pub pairs: Option<&'a PairScores>,
}

impl CostModel<'_> {
    /// Cost of the bead of kind `k` that ends at cell `(i, j)`; the caller guarantees
    /// `i >= a` and `j >= b` for the kind's `(a, b)`.
    #[inline]
    pub fn cost(&self, k: usize, i: usize, j: usize) -> f32 {
        let (a, b) = KINDS[k];
        let s = self.sides;
        let bare = s.bare(i - a..i, j - b..j);
        if bare > 0 && bare == a + b && (a == 0 || b == 0) {
            return BARE_GAP_COST as f32;
        }
        let ls = s.source_len[i] - s.source_len[i - a];
        let lt = s.target_len[j] - s.target_len[j - b];
        let length = if a == 0 || b == 0 {
            SKIP_LENGTH_SHARE * self.params.length.cost(ls, lt)
        } else {
            self.params.length.cost(ls, lt)
        };
        let mut c = self.params.prior_cost[k] + length;
        if a > 0 && b > 0 {
            if let Some(pairs) = self.pairs {
                c -= self.params.lexical * f64::from(bead_shared(pairs, i - a..i, j - b..j));
            }
            let (cs, ct) = (s.source_closing[i - 1], s.target_closing[j - 1]);
            let marked = |x: Closing| matches!(x, Closing::Question | Closing::Exclamation);
            if marked(cs) || marked(ct) {
                if cs == ct {
                    c -= self.params.punctuation;
                } else {
                    c += self.params.punctuation;
                }
            }
        }
        if s.use_paragraphs {
            let starts = |flags: &[bool], from: usize, to: usize| -> (bool, usize) {
                if from == to {
                    return (false, 0);
                }
                let first = flags[from];
                let inner = flags[from + 1..to].iter().filter(|&&f| f).count();
                (first, inner)
            };
            let (fs, inner_s) = starts(s.source_paragraph, i - a, i);
            let (ft, inner_t) = starts(s.target_paragraph, j - b, j);
            let mut breaks = inner_s + inner_t;
            if a > 0 && b > 0 && fs != ft {
                breaks += 1;
            }
            c += self.params.paragraph * breaks as f64;
        }
        c as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::length::LengthModel;

    fn sides<'a>(
        sl: &[f64],
        tl: &[f64],
        sc: &'a [Closing],
        tc: &'a [Closing],
        sp: &'a [bool],
        tp: &'a [bool],
    ) -> Sides<'a> {
        Sides::new(sl, tl, (sc, tc), (sp, tp))
    }

    #[test]
    fn a_one_to_many_bead_earns_more_than_its_best_pair() {
        use crate::align::band::Band;
        use crate::align::lexical::{Predicted, Table, Vocab};
        // Each source sentence shares a different name with the one target sentence: the
        // 2-1 bead shares both, and was credited with one (the smaller of its two sums).
        let src = ["Urvalet gjordes i Uppsala.", "Beskrivningen skrevs i Lund."];
        let tgt = ["The selection was made in Uppsala, the description written in Lund."];
        let (sv, tv) = (Vocab::build(src), Vocab::build(tgt));
        let predicted = Predicted::build(&sv, &tv, &Table::seed(&sv, &tv, None));
        let band = Band::around(&[0, 1, 1], 1, 1);
        let pairs = PairScores::new(&band, &predicted, (0, 0), &tv.sentences);
        let (first, second) = (pairs.get(0, 0), pairs.get(1, 0));
        assert!(first > 0.0 && second > 0.0, "{first} {second}");
        let shared = bead_shared(&pairs, 0..2, 0..1);
        let best = first.max(second);
        assert!(
            shared > best && shared < first + second,
            "{shared} {first} {second}"
        );
        assert_eq!(shared, best + BEYOND_THE_BEST * (first + second - best));
        // Mirrored (1-2) the same; with two or more sentences on both sides, the smaller sum.
        assert_eq!(bead_credit(5.0, 3.0, 1, 2), bead_credit(3.0, 5.0, 2, 1));
        assert_eq!(bead_credit(5.0, 3.0, 2, 2), 3.0);
        assert_eq!(bead_credit(4.0, 4.0, 1, 1), 4.0);
    }

    #[test]
    fn matching_lengths_prefer_one_to_one() {
        let sc = [Closing::Plain; 2];
        let sp = [false; 2];
        let s = sides(&[30.0, 30.0], &[30.0, 30.0], &sc, &sc, &sp, &sp);
        let p = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.0));
        let cm = CostModel {
            params: &p,
            sides: &s,
            pairs: None,
        };
        let one_one = cm.cost(0, 1, 1);
        let two_one = cm.cost(3, 2, 1);
        let skip = cm.cost(1, 1, 0);
        assert!(
            one_one < two_one && one_one < skip,
            "{one_one} {two_one} {skip}"
        );
    }

    #[test]
    fn question_marks_and_paragraphs_count() {
        let sc = [Closing::Question, Closing::Plain, Closing::Plain];
        let tc = [Closing::Question, Closing::Question, Closing::Plain];
        let sp = [true, true, false];
        let tp = [true, false, true];
        let len = [30.0; 3];
        let p = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.0));
        let with = sides(&len, &len, &sc, &tc, &sp, &tp);
        let without = sides(&len, &len, &sc, &tc, &[false; 3], &[false; 3]);
        let cm = CostModel {
            params: &p,
            sides: &with,
            pairs: None,
        };
        let plain = CostModel {
            params: &p,
            sides: &without,
            pairs: None,
        };
        // ? with ? is cheaper than a plain sentence with ?.
        assert!(plain.cost(0, 1, 1) < plain.cost(0, 2, 2));
        assert!(!plain.sides.use_paragraphs && cm.sides.use_paragraphs);
        // Source 1 opens a paragraph, target 1 does not: the 1-1 bead between them pays.
        assert!(cm.cost(0, 2, 2) > plain.cost(0, 2, 2));
        // The 1-1 bead of the two paragraph openings pays nothing extra.
        assert_eq!(cm.cost(0, 1, 1), plain.cost(0, 1, 1));
    }

    #[test]
    fn smoothed_priors_sum_to_one_and_follow_counts() {
        let mut counts = [0; NKINDS];
        counts[0] = 100;
        counts[2] = 40;
        let p = Params::priors_from_counts(&counts);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[2] > DEFAULT_PRIORS[2] * 10.0);
        assert!(p[1] > 0.0);
    }

    #[test]
    fn page_numbers_are_left_without_counterpart() {
        let sc = [Closing::Plain; 2];
        let sp = [false; 2];
        let len = [40.0, 3.0];
        let bare = [false, true];
        let p = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.0));
        let plain = sides(&len, &len, &sc, &sc, &sp, &sp);
        let marked = sides(&len, &len, &sc, &sc, &sp, &sp).with_bare(&bare, &bare);
        let cost = |s: &Sides, k, i, j| {
            CostModel {
                params: &p,
                sides: s,
                pairs: None,
            }
            .cost(k, i, j)
        };
        // A page number without counterpart costs little, less than another short line.
        let gap = cost(&marked, 1, 2, 1);
        assert_eq!(f64::from(gap), BARE_GAP_COST as f32 as f64);
        assert!(gap < cost(&plain, 1, 2, 1));
        // Two of them left alone cost less than a pair of two short sentences would ...
        let gaps = cost(&marked, 1, 2, 1) + cost(&marked, 2, 2, 2);
        assert!(gaps < cost(&plain, 1, 2, 1) + cost(&plain, 2, 2, 2));
        // ... but a pair with one pays nothing extra (numbered steps and table cells pair
        // with their numbers; see `with_bare`).
        assert_eq!(cost(&marked, 0, 2, 2), cost(&plain, 0, 2, 2));
        // The sentence itself is unaffected.
        assert_eq!(cost(&marked, 0, 1, 1), cost(&plain, 0, 1, 1));
    }
}
