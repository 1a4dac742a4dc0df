//! The aligner's driver: checks locked beads, splits the text into the stretches between
//! them, runs the two passes (anchors only, then with the learnt lexicon and re-estimated
//! length and bead statistics) and assembles the beads and diagnostics.

use std::cell::Cell;
use std::ops::Range;
use std::rc::Rc;

use thiserror::Error;

use super::analysis::{Text, analyse, analyse_keeping_words, paragraph_text};
use super::anchors::{AnchorWords, Anchors, guess, length_diagonal, plausible_reach};
use super::band::{Band, path_guess};
use super::cost::{
    CostModel, DEFAULT_PARAGRAPH, DEFAULT_PRIORS, KINDS, PairScores, Params, Sides, bead_shared_by,
};
use super::dp::{
    Forward, Path, forward, posteriors, viterbi, viterbi_forward, viterbi_keeping_costs,
    viterbi_with_and_without,
};
use super::later::Confidences;
use super::learn::learn;
use super::length::LengthModel;
use super::lexical::{Predicted, Table};
use super::paragraphs::{self, Piece};
use super::suspects;
use super::types::{AlignOptions, Alignment, Bead, Diagnostics, LockedBead, Sentence};
use crate::model::Side;

/// Why an alignment could not be made. Only the locked beads can be wrong: any two
/// sentence lists can be aligned.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AlignError {
    #[error(
        "locked bead {index} ({source_range:?} <-> {target_range:?}) is out of range, \
         reversed or overlaps the bead before it"
    )]
    BadLock {
        index: usize,
        source_range: Range<usize>,
        target_range: Range<usize>,
    },
    #[error("locked bead {index} is empty on both sides")]
    EmptyLock { index: usize },
}

/// At most this many rounds of anchor search (each around the previous chain's path).
const ANCHOR_ROUNDS: usize = 4;

/// Where the first band of a stretch goes: a guessed `j` per row, the anchor chain it was
/// made from, and the band's half-width.
type Placement = (Vec<usize>, Vec<(usize, usize)>, usize);

/// One stretch between locked beads (or trusted paragraph boundaries), aligned on its own.
#[derive(Clone)]
struct Stretch {
    source: Range<usize>,
    target: Range<usize>,
    /// The locked bead that follows this stretch, if any (by its index in the locks).
    lock: Option<usize>,
    /// Highest confidence a bead of this stretch may have.
    ceiling: f32,
}

impl Stretch {
    fn new(source: Range<usize>, target: Range<usize>) -> Self {
        Self {
            source,
            target,
            lock: None,
            ceiling: 1.0,
        }
    }
}

/// The result of searching one stretch.
struct Found {
    path: Path,
    confidence: Confidences,
    widenings: usize,
}

/// Aligns `source` with `target` sentences, keeping every bead of `locked` unchanged.
///
/// The result covers every sentence of both sides exactly once, in order. See the module
/// documentation of [`crate::align`] for the method and what the confidence means.
pub fn align(
    source: &[Sentence],
    target: &[Sentence],
    options: &AlignOptions,
    locked: &[LockedBead],
) -> Result<Alignment, AlignError> {
    Ok(align_pending(source, target, options, locked, When::Now)?.finish())
}

/// When the searches of the sentences compute the confidences of their paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// As they search.
    Now,
    /// When [`Pending::finish`] asks for them: the beads are known without them, and a
    /// caller that keeps what it had when they come out the same (a realign) needs none.
    Later,
}

/// An alignment whose beads are known and whose confidences may be computed yet.
pub(crate) struct Pending<'a> {
    text: Text,
    searched: Searched,
    locked: &'a [LockedBead],
    low_confidence: f32,
    /// The sentences of both sides, when both mark paragraphs.
    paragraphs: Option<(&'a [Sentence], &'a [Sentence])>,
}

impl Pending<'_> {
    /// The beads, every confidence 0.
    pub(crate) fn beads(&self) -> Vec<Bead> {
        assemble(&self.text, &self.searched, self.locked, None).beads
    }

    /// The alignment, with the confidences not yet computed computed now.
    pub(crate) fn finish(self) -> Alignment {
        let mut alignment = assemble(
            &self.text,
            &self.searched,
            self.locked,
            Some(self.low_confidence),
        );
        if let Some((source, target)) = self.paragraphs {
            let unmatched = paragraphs::unmatched(source, target, &alignment.beads);
            let d = &mut alignment.diagnostics;
            for p in &unmatched {
                let side = match p.side {
                    Side::Source => source,
                    Side::Target => target,
                };
                d.warnings.push(paragraphs::warning(p, side));
            }
            d.unmatched_paragraphs = unmatched;
        }
        alignment
    }
}

/// [`align`], with the confidences of the sentence searches computed `when` said.
pub(crate) fn align_pending<'a>(
    source: &'a [Sentence],
    target: &'a [Sentence],
    options: &AlignOptions,
    locked: &'a [LockedBead],
    when: When,
) -> Result<Pending<'a>, AlignError> {
    let low_confidence = options.low_confidence;
    if !paragraphs::marked(source, target) {
        let text = analyse(source, target);
        let searched = align_text(&text, options, locked, &[], when)?;
        return Ok(Pending {
            text,
            searched,
            locked,
            low_confidence,
            paragraphs: None,
        });
    }
    // Paragraphs first, as units; then sentences within the pieces that leaves.
    stretches(source.len(), target.len(), locked, &[])?;
    let (text, words) = analyse_keeping_words(source, target);
    let pieces = paragraphs::pieces(source, target, |sb, tb| {
        let units = paragraph_text(&text, words, (source, target), (sb, tb));
        align_text(&units, options, &[], &[], When::Now)
            .map(|searched| assemble(&units, &searched, &[], Some(low_confidence)))
            .unwrap_or_default()
    });
    let searched = align_text(&text, options, locked, &pieces, when)?;
    Ok(Pending {
        text,
        searched,
        locked,
        low_confidence,
        paragraphs: Some((source, target)),
    })
}

/// The result of the searches of one text: the stretches (chains) and their paths, and the
/// warnings about what the checks changed.
struct Searched {
    stretches: Vec<Stretch>,
    found: Vec<Found>,
    warnings: Vec<String>,
}

/// The searches of [`align`] over the sentences `text` describes, with the search cut into
/// `pieces` (none: one piece) besides the cuts the locked beads make.
fn align_text(
    text: &Text,
    options: &AlignOptions,
    locked: &[LockedBead],
    pieces: &[Piece],
    when: When,
) -> Result<Searched, AlignError> {
    let (n, m) = (text.src_len.len(), text.tgt_len.len());
    let stretches = stretches(n, m, locked, pieces)?;
    let seed = Table::seed(&text.src_vocab, &text.tgt_vocab, options.words.as_ref());
    // Anchor chains first: they place the first band, and the characters they span give
    // the length ratio even when one side has long parts the other lacks.
    let words = AnchorWords::new(&text.src_vocab, &text.tgt_vocab, &seed);
    let placements: Vec<Placement> = stretches
        .iter()
        .map(|st| place(text, &words, st, options.band.first_pass_half_width))
        .collect();
    let mut found = two_passes(
        text,
        &seed,
        &stretches,
        &placements,
        options,
        Wanted::All(when),
        First::Search,
    );
    // The judge prices a paragraph mark one side lacks as the passes learnt to (a rate over
    // the whole text, which a misled stretch hardly moves).
    let judging = Judging {
        seed: &seed,
        paragraph: paragraph_weight(text, &stretches, &found, DEFAULT_PARAGRAPH),
    };
    // A second search without anchors in a wide band, for every stretch small enough to
    // search whole and for larger ones whose result looks like no translation does (gap
    // runs, a path far from the length diagonal): the cheaper of the two by lengths and
    // bead kinds alone is kept, a score the anchors (true or false) have no part in.
    let checked = checked_in_full(&stretches);
    let again: Vec<usize> = (0..stretches.len())
        .filter(|&s| {
            let st = &stretches[s];
            similar(st) && (checked[s] || implausible(text, st, &found[s].path))
        })
        .collect();
    let mut recovered = 0;
    if !again.is_empty() {
        let sub: Vec<Stretch> = again.iter().map(|&s| stretches[s].clone()).collect();
        let baseline: Vec<Path> = again.iter().map(|&s| found[s].path.clone()).collect();
        for (x, better) in (better_candidates(text, &judging, &sub, &baseline, options, when)
            .into_iter())
        .enumerate()
        {
            if let Some(candidate) = better {
                found[again[x]] = candidate;
                recovered += 1;
            }
        }
    }
    let (stretches, mut found) = chained(&stretches, found);
    // Only chains too large to search whole: there a local detour is caught nowhere else. In
    // a small one the judge has chosen among whole readings already, and second-guessing it
    // window by window lost as much as it won on the stress sets (de-fr garbage -0.016,
    // captions +0.021).
    let large: Vec<bool> = stretches.iter().map(|st| !small(st)).collect();
    let detours = search_suspects_again(
        text, &judging, &stretches, &mut found, options, &large, when,
    );
    let mut warnings = Vec::new();
    if detours > 0 {
        warnings.push(format!(
            "{detours} place(s) left sentences of both texts without counterpart side by side; \
             aligned again on their own"
        ));
    }
    if recovered > 0 {
        warnings.push(format!(
            "the anchors misled the first result in {recovered} stretch(es); aligned again \
             without them"
        ));
    }
    Ok(Searched {
        stretches,
        found,
        warnings,
    })
}

/// The stretches joined into one wherever no locked bead separates them (the cuts at trusted
/// paragraph boundaries are the aligner's own, and a detour can straddle one), each found path
/// joined with them and its confidences held under its stretch's ceiling.
fn chained(stretches: &[Stretch], found: Vec<Found>) -> (Vec<Stretch>, Vec<Found>) {
    let mut joined: Vec<Stretch> = Vec::new();
    let mut paths: Vec<Found> = Vec::new();
    let mut open = false;
    for (st, mut f) in stretches.iter().zip(found) {
        let confidence = std::mem::take(&mut f.confidence).capped(st.ceiling);
        let (Some(chain), Some(into), true) = (joined.last_mut(), paths.last_mut(), open) else {
            joined.push(Stretch {
                ceiling: 1.0,
                ..st.clone()
            });
            paths.push(Found { confidence, ..f });
            open = st.lock.is_none();
            continue;
        };
        let (di, dj) = (
            st.source.start - chain.source.start,
            st.target.start - chain.target.start,
        );
        (into.path.cells).extend(f.path.cells[1..].iter().map(|&(i, j)| (i + di, j + dj)));
        into.path.kinds.extend(f.path.kinds);
        into.confidence.append(confidence);
        into.widenings += f.widenings;
        chain.source.end = st.source.end;
        chain.target.end = st.target.end;
        chain.lock = st.lock;
        open = st.lock.is_none();
    }
    (joined, paths)
}

/// Searches each window of the paths that leaves sentences of both sides without
/// counterpart side by side (see [`suspects`]) again on its own, whole and without anchors,
/// as the anchor-free and lengths-only candidates of a stretch are, and keeps the candidate
/// the [`Judge`] prefers, in the chains `wanted`. Returns how many windows changed.
fn search_suspects_again(
    text: &Text,
    judging: &Judging,
    stretches: &[Stretch],
    found: &mut [Found],
    options: &AlignOptions,
    wanted: &[bool],
    when: When,
) -> usize {
    let mut at: Vec<(usize, Range<usize>)> = Vec::new();
    let mut sub: Vec<Stretch> = Vec::new();
    for (s, (st, f)) in stretches.iter().zip(found.iter()).enumerate() {
        if !wanted[s] {
            continue;
        }
        for w in suspects::windows(&f.path, suspects::MARGIN) {
            let ((i0, j0), (i1, j1)) = (f.path.cells[w.start], f.path.cells[w.end]);
            let window = Stretch {
                source: st.source.start + i0..st.source.start + i1,
                target: st.target.start + j0..st.target.start + j1,
                lock: None,
                ceiling: st.ceiling,
            };
            if small(&window) {
                at.push((s, w));
                sub.push(window);
            }
        }
    }
    if sub.is_empty() {
        return 0;
    }
    let old: Vec<Path> = at
        .iter()
        .map(|(s, w)| suspects::part(&found[*s].path, w))
        .collect();
    let mut chosen = better_candidates(text, judging, &sub, &old, options, when);
    // Last window first, so that the bead indices of the earlier ones stay true.
    let mut changed = 0;
    for (x, (s, w)) in at.iter().enumerate().rev() {
        if let Some(f) = chosen[x].take() {
            suspects::splice(&mut found[*s].path, w, &f.path);
            found[*s].confidence.splice(w.clone(), f.confidence);
            changed += 1;
        }
    }
    changed
}

/// The anchor-free and the lengths-only candidate of each stretch of `sub` (searched whole
/// when small, else in a band [`WIDE_FACTOR`] times as wide, with no anchor), and for each the
/// one the [`Judge`] finds cheaper than `baseline[x]`, if any. Confidences are computed only
/// for candidates that win; the anchor-free search's first pass also finds the lengths-only
/// candidate's first paths (the same band, priors and length model, without the lexical term).
fn better_candidates(
    text: &Text,
    judging: &Judging,
    sub: &[Stretch],
    baseline: &[Path],
    options: &AlignOptions,
    when: When,
) -> Vec<Option<Found>> {
    let wide: Vec<Placement> = sub
        .iter()
        .map(|st| unanchored(text, st, options.band.first_pass_half_width))
        .collect();
    let seed = judging.seed;
    let judge = Judge::new(text, judging);
    let score = |x: usize, p: &Path| judge.cost(text, &sub[x], p);
    let mut best: Vec<f64> = (0..sub.len()).map(|x| score(x, &baseline[x])).collect();
    let mut chosen: Vec<Option<Found>> = (0..sub.len()).map(|_| None).collect();
    let other_wins = |x: usize, p: &Path| *p != baseline[x] && score(x, p) < best[x];
    let mut plain_paths = Vec::new();
    let also = First::AlsoLengthsOnly(&mut plain_paths);
    let other = two_passes(
        text,
        seed,
        sub,
        &wide,
        options,
        Wanted::If(&other_wins, when),
        also,
    );
    for (x, alt) in other.into_iter().enumerate() {
        let c = score(x, &alt.path);
        if alt.path != baseline[x] && c < best[x] {
            (best[x], chosen[x]) = (c, Some(alt));
        }
    }
    // The lengths-only candidate: lengths, bead kinds, punctuation and paragraphs only, with
    // nothing lexical to be misled by (its second pass re-estimates lengths and bead priors
    // from its first, as the others do, and learns no words).
    let plain = AlignOptions {
        learn_lexicon: false,
        ..options.clone()
    };
    let wins = |x: usize, p: &Path| *p != baseline[x] && score(x, p) < best[x];
    let known = First::Known(plain_paths);
    let lengths_only = two_passes(
        text,
        &Table::default(),
        sub,
        &wide,
        &plain,
        Wanted::If(&wins, when),
        known,
    );
    let won: Vec<bool> = (lengths_only.iter().enumerate())
        .map(|(x, c)| wins(x, &c.path))
        .collect();
    for ((x, candidate), won) in lengths_only.into_iter().enumerate().zip(won) {
        if won {
            chosen[x] = Some(candidate);
        }
    }
    chosen
}

/// Where the first band of a stretch goes: around the length diagonal bent through the
/// anchor chain, found in up to [`ANCHOR_ROUNDS`] rounds, each searching around the path
/// the previous chain suggests, so that the chain reaches further where the texts drift
/// apart (an untranslated part).
fn place(text: &Text, words: &AnchorWords, st: &Stretch, half_width: usize) -> Placement {
    let (sl, tl) = (
        &text.src_len[st.source.clone()],
        &text.tgt_len[st.target.clone()],
    );
    let candidates = Anchors::new(
        (&text.src_vocab, &text.tgt_vocab),
        words,
        (st.source.clone(), st.target.clone()),
        (sl, tl),
    );
    let mut around = length_diagonal(sl, tl);
    let mut chain = Vec::new();
    for _ in 0..ANCHOR_ROUNDS {
        let next = candidates.chain(&around);
        if next.len() <= chain.len() {
            break;
        }
        chain = next;
        around = guess(sl, tl, &chain);
    }
    (guess(sl, tl, &chain), chain, half_width)
}

/// Largest number of cells of a stretch's lattice searched in full, without anchors, to
/// check the anchored result (16 costs of 4 bytes per cell: 64 MB at most).
const FULL_BAND_CELLS: usize = 1_000_000;

/// Half-width of the band of the anchor-free search of a stretch too large to search in
/// full, as a multiple of the first pass's: wide enough for a detour of a few dozen
/// sentences, with the band's own widening for larger ones.
const WIDE_FACTOR: usize = 4;

/// Whether the two sides of a stretch have about as many sentences (within a quarter).
/// Only then is a length-only score fair: where one side has much the other lacks, gap
/// beads are the truth, and lengths alone would rather glue them into 1-4 beads.
fn similar(st: &Stretch) -> bool {
    let (n, m) = (st.source.len(), st.target.len());
    4 * n.max(m) <= 5 * n.min(m)
}

fn cells(st: &Stretch) -> usize {
    (st.source.len() + 1) * (st.target.len() + 1)
}

fn small(st: &Stretch) -> bool {
    cells(st) <= FULL_BAND_CELLS
}

/// Cells of whole-lattice searches one alignment spends on checking results that look
/// plausible: a document's stretches fit (a 1,000-sentence document has 1M), while a book cut
/// into hundreds of paragraph pieces would otherwise search each of them whole, several
/// times the cost of the alignment itself (`tolk new` on 100k rows: 35 s against 3.7 s).
const FULL_CHECK_BUDGET: usize = 2 * FULL_BAND_CELLS;

/// Which stretches get the anchor-free check whatever their result looks like: the small
/// ones, smallest first, as long as their cells fit in [`FULL_CHECK_BUDGET`]. The others are
/// searched again only when their result is implausible.
fn checked_in_full(stretches: &[Stretch]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..stretches.len())
        .filter(|&s| small(&stretches[s]))
        .collect();
    order.sort_by_key(|&s| (cells(&stretches[s]), s));
    let mut checked = vec![false; stretches.len()];
    let mut spent = 0;
    for s in order {
        spent += cells(&stretches[s]);
        if spent > FULL_CHECK_BUDGET {
            break;
        }
        checked[s] = true;
    }
    checked
}

/// The placement of the anchor-free search: the plain length diagonal and a band over the
/// whole lattice when it is small, else a band [`WIDE_FACTOR`] times as wide as usual.
fn unanchored(text: &Text, st: &Stretch, half_width: usize) -> Placement {
    let (n, m) = (st.source.len(), st.target.len());
    let diagonal = length_diagonal(
        &text.src_len[st.source.clone()],
        &text.tgt_len[st.target.clone()],
    );
    let half_width = if small(st) {
        n.max(m)
    } else {
        half_width * WIDE_FACTOR
    };
    (diagonal, Vec::new(), half_width)
}

/// Whether a path is one no translator makes: many sentences left without counterpart
/// (more than the difference of the counts can explain) or a path further from the length
/// diagonal than [`plausible_reach`].
fn implausible(text: &Text, st: &Stretch, path: &Path) -> bool {
    let (n, m) = (st.source.len(), st.target.len());
    if n.min(m) < 8 {
        return false;
    }
    let gaps: usize = path
        .kinds
        .iter()
        .map(|&k| KINDS[k])
        .filter(|&(a, b)| a == 0 || b == 0)
        .map(|(a, b)| a + b)
        .sum();
    let excess = gaps.saturating_sub(n.abs_diff(m));
    let diagonal = length_diagonal(
        &text.src_len[st.source.clone()],
        &text.tgt_len[st.target.clone()],
    );
    let far = path
        .cells
        .iter()
        .map(|&(i, j)| j.abs_diff(diagonal[i]))
        .max()
        .unwrap_or(0);
    excess > (n.min(m) / 5).max(8) || far > plausible_reach(n, m)
}

/// The cost of `path` by bead kinds and lengths alone: default bead priors and the length
/// ratio of the stretch's totals, and `paragraph` for each paragraph mark a bead does not
/// respect. Nothing learnt from a (possibly misled) first pass and no shared word counts, so
/// a path bent through false anchors cannot win with them, while the gap beads such a path
/// needs cost what they cost.
fn length_cost(text: &Text, st: &Stretch, path: &Path, paragraph: f64) -> f64 {
    let sides = sides(text, st);
    let ls: f64 = text.src_len[st.source.clone()].iter().sum();
    let lt: f64 = text.tgt_len[st.target.clone()].iter().sum();
    let mut params = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(ls, lt));
    params.paragraph = paragraph;
    let model = CostModel {
        params: &params,
        sides: &sides,
        pairs: None,
    };
    path.kinds
        .iter()
        .zip(&path.cells[1..])
        .map(|(&k, &(i, j))| f64::from(model.cost(k, i, j)))
        .sum()
}

/// Most cost one bead's shared words may remove in [`Judge::cost`]: about what one sentence
/// left without counterpart costs, so that a few false pairings (a caption, a number) cannot
/// pay for the gap beads a path needs to reach them.
const JUDGE_LEXICAL_CAP: f64 = 4.0;

/// The score that chooses among the candidate paths of a stretch (anchored, anchor-free,
/// lengths only): default bead priors and the stretch's length ratio, as in
/// [`length_cost`], minus the shared weight of each paired bead under the seed table
/// (numbers, names, cognates and the user's words; nothing learnt from a pass that may have
/// been misled), at most [`JUDGE_LEXICAL_CAP`] per bead. It trusts no anchor: a pairing
/// counts as much as its own words, and the gaps a detour needs cost what they cost.
struct Judge {
    predicted: Predicted,
    lexical: f64,
    paragraph: f64,
}

/// What the [`Judge`] of a text is made from: the seed word table, and the cost of a
/// paragraph mark one side lacks ([`paragraph_weight`] of the main search: the rate at which
/// the text's marks disagree, the one thing learnt it takes).
struct Judging<'a> {
    seed: &'a Table,
    paragraph: f64,
}

impl Judge {
    fn new(text: &Text, judging: &Judging) -> Self {
        Self {
            predicted: Predicted::build(&text.src_vocab, &text.tgt_vocab, judging.seed),
            lexical: Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.0)).lexical,
            paragraph: judging.paragraph,
        }
    }

    fn cost(&self, text: &Text, st: &Stretch, path: &Path) -> f64 {
        let mut total = length_cost(text, st, path, self.paragraph);
        for (b, &k) in path.kinds.iter().enumerate() {
            let (a, c) = KINDS[k];
            if a == 0 || c == 0 {
                continue;
            }
            let (i, j) = path.cells[b];
            let (s0, t0) = (st.source.start + i, st.target.start + j);
            let words = &text.tgt_vocab.sentences;
            let shared = bead_shared_by(s0..s0 + a, t0..t0 + c, |s, t| {
                self.predicted.shared(s, &words[t])
            });
            total -= (self.lexical * f64::from(shared)).min(JUDGE_LEXICAL_CAP);
        }
        total
    }
}

/// Both passes over `stretches` from their placements: the first with the seed word table
/// and length ratio from the anchors, the second with the length and bead statistics
/// re-estimated from the first (and, when the lexicon is learnt, with words learnt from
/// it), in a band around the first path. The searches of the second pass give
/// confidences, of the paths `wanted` says.
///
/// The lengths-only candidate re-estimates its bead priors too: with the defaults alone
/// (2-1 and 1-2 at 0.045) it took fewer merges than a text that has many (a third of the
/// beads merged: LibreOffice help, cipher texts), and the judge, which prices every
/// candidate by the default priors, then kept it over the lexical candidates that had
/// them (help merges sv-en 0.799 -> 0.836, de-fr 0.804 -> 0.827, cipher merges 0.938 ->
/// 0.995; see README "Alignment").
fn two_passes(
    text: &Text,
    seed: &Table,
    stretches: &[Stretch],
    placements: &[Placement],
    options: &AlignOptions,
    wanted: Wanted,
    mut first: First,
) -> Vec<Found> {
    let band = &options.band;
    let mut table = seed.clone();
    let length = initial_length_model(text, stretches, placements);
    let mut params = Params::new(&DEFAULT_PRIORS, length);
    let predicted = Predicted::build(&text.src_vocab, &text.tgt_vocab, &table);
    let (when, accept) = match wanted {
        Wanted::All(when) => (when, None),
        Wanted::If(accept, when) => (when, Some(accept)),
    };
    let pass = Pass {
        params: Rc::new(params.clone()),
        predicted: Rc::new(predicted),
        text,
        max_widenings: band.max_widenings,
        when,
        kept: Cell::new(0),
    };
    let last_pass = |s: usize| match accept {
        Some(wanted) => Want::If(Box::new(move |p: &Path| wanted(s, p))),
        None => Want::Yes,
    };
    let found: Vec<Found> = (stretches.iter().zip(placements).enumerate())
        .map(|(s, (st, (g, _, half_width)))| {
            let start = Band::around(g, *half_width, st.target.len());
            match &mut first {
                First::Search => pass.search(st, start, Want::No),
                First::AlsoLengthsOnly(plain) => {
                    let (path, lengths_only) = pass.solve_with_and_without(st, &start);
                    plain.push(lengths_only);
                    pass.search_from(st, start, path, None, Want::No)
                }
                First::Known(paths) => {
                    let path = std::mem::replace(
                        &mut paths[s],
                        Path {
                            cells: Vec::new(),
                            kinds: Vec::new(),
                        },
                    );
                    pass.search_from(st, start, path, None, Want::No)
                }
            }
        })
        .collect();
    // Untranslated sentences paired with themselves stay in: this pass prices them too
    // (leaving them out cost help sv-en merges 0.019; only the first ratio leaves them out).
    let lengths: Vec<(f64, f64)> = one_to_one_pairs(stretches, &found)
        .iter()
        .map(|&(s, t)| (text.src_len[s], text.tgt_len[t]))
        .collect();
    params.length = params.length.refit(&lengths);
    let mut counts = [0usize; super::cost::NKINDS];
    for f in &found {
        for &k in &f.path.kinds {
            counts[k] += 1;
        }
    }
    let lexical = params.lexical;
    params = Params::new(&Params::priors_from_counts(&counts), params.length);
    params.lexical = lexical;
    // As the bead priors: texts whose paragraph marks often disagree (PDF extraction, rows
    // merged by hand) make a mark one side lacks weak evidence against a bead.
    params.paragraph = paragraph_weight(text, stretches, &found, params.paragraph);
    if options.learn_lexicon {
        let trusted = trusted_pairs(stretches, &found);
        learn(&mut table, &text.src_vocab, &text.tgt_vocab, &trusted);
    }
    let predicted = Predicted::build(&text.src_vocab, &text.tgt_vocab, &table);
    let pass = Pass {
        params: Rc::new(params),
        predicted: Rc::new(predicted),
        text,
        max_widenings: band.max_widenings,
        when,
        kept: Cell::new(0),
    };
    (stretches.iter().zip(&found).enumerate())
        .map(|(s, (st, first))| {
            let start = second_band(
                &first.path,
                st.source.len(),
                st.target.len(),
                band.second_pass_half_width,
            );
            let mut f = pass.search(st, start, last_pass(s));
            f.widenings += first.widenings;
            f
        })
        .collect()
}

/// Half-width of the second pass's band beyond the columns of a gap run of the first path,
/// within [`GAP_REACH`] rows of it.
const GAP_HALF_WIDTH: usize = 8;
/// How many rows before and after a gap run of the first path the band covers its columns.
const GAP_REACH: usize = 6;

/// The second pass's band: `half_width` around the first path, and around each run of two
/// or more sentences the first path left without counterpart, the whole rectangle from
/// [`GAP_REACH`] rows before to [`GAP_REACH`] rows after the run, over the run's columns and
/// [`GAP_HALF_WIDTH`] beyond. There the other readings (the run a few sentences earlier or
/// later, a sentence paired on the far side of a long run instead of this side) lie further
/// from the path than anywhere else: a narrow band left them out of the search and of the
/// posteriors, and the wrong edge of a gap run got confidence 0.99 (the share of the
/// probability of only the readings the band held). A lone sentence without counterpart
/// (an omission, a page number) has its other readings within the narrow band, and rows
/// far from gap runs keep it, so the cost stays where the runs are.
fn second_band(first: &Path, n: usize, m: usize, half_width: usize) -> Band {
    let gap = |b: usize| {
        first.kinds.get(b).is_some_and(|&k| {
            let (a, c) = KINDS[k];
            a == 0 || c == 0
        })
    };
    let mut guess = path_guess(&first.cells, n);
    let mut widths = vec![half_width; n + 1];
    for (b, &k) in first.kinds.iter().enumerate() {
        let (a, c) = KINDS[k];
        let lone = a + c == 1 && !gap(b + 1) && (b == 0 || !gap(b - 1));
        if (a > 0 && c > 0) || lone {
            continue;
        }
        let ((i0, j0), (i1, j1)) = (first.cells[b], first.cells[b + 1]);
        for i in i0.saturating_sub(GAP_REACH)..=(i1 + GAP_REACH).min(n) {
            guess[i] = (guess[i].0.min(j0), guess[i].1.max(j1));
            widths[i] = widths[i].max(GAP_HALF_WIDTH);
        }
    }
    Band::new(&guess, &widths, m)
}

/// The length model before any alignment: the length ratio is the weighted median of the
/// ratios of the stretches between consecutive anchors, weighted by their source
/// characters, when there are at least three such stretches; else the ratio of the whole
/// texts. Totals (or the whole span of the chain) mislead when one side has passages the
/// other lacks; a median over the pieces between anchors does not.
fn initial_length_model(text: &Text, stretches: &[Stretch], guesses: &[Placement]) -> LengthModel {
    let mut pieces: Vec<(f64, f64)> = Vec::new(); // (ratio, weight)
    for (st, (_, chain, _)) in stretches.iter().zip(guesses) {
        for w in chain.windows(2) {
            let (s0, t0) = (st.source.start + w[0].0, st.target.start + w[0].1);
            let (s1, t1) = (st.source.start + w[1].0, st.target.start + w[1].1);
            let (ls, lt) = translated_lengths(text, s0..s1, t0..t1);
            if ls > 0.0 && lt > 0.0 {
                pieces.push((lt / ls, ls));
            }
        }
    }
    let (total_s, total_t) = translated_lengths(text, 0..text.src_len.len(), 0..text.tgt_len.len());
    if pieces.len() < 3 {
        return LengthModel::from_totals(total_s, total_t);
    }
    pieces.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let half = pieces.iter().map(|p| p.1).sum::<f64>() / 2.0;
    let mut acc = 0.0;
    let median = pieces
        .iter()
        .find(|p| {
            acc += p.1;
            acc >= half
        })
        .map_or(1.0, |p| p.0);
    LengthModel::from_totals(1.0, median)
}

/// The characters of `source` and `target` sentences that are not text standing word for word
/// on both sides (left untranslated): what the length ratio is measured on. Where everything
/// is such text, all of it.
fn translated_lengths(text: &Text, source: Range<usize>, target: Range<usize>) -> (f64, f64) {
    let sum = |v: &[f64]| v.iter().sum::<f64>();
    let (ls, lt) = (
        sum(&text.src_len[source.clone()]),
        sum(&text.tgt_len[target.clone()]),
    );
    let (cs, ct) = (
        text.src_copied.within(source),
        text.tgt_copied.within(target),
    );
    if ls > cs && lt > ct {
        (ls - cs, lt - ct)
    } else {
        (ls, lt)
    }
}

/// Checks the locked beads and returns the stretches between them, each cut further at
/// the boundaries of `pieces` that fall within it.
fn stretches(
    n: usize,
    m: usize,
    locked: &[LockedBead],
    pieces: &[Piece],
) -> Result<Vec<Stretch>, AlignError> {
    let mut out = Vec::with_capacity(locked.len() + pieces.len() + 1);
    let (mut s, mut t) = (0, 0);
    for (index, lock) in locked.iter().enumerate() {
        let bad = lock.source.start < s
            || lock.target.start < t
            || lock.source.end < lock.source.start
            || lock.target.end < lock.target.start
            || lock.source.end > n
            || lock.target.end > m;
        if bad {
            return Err(AlignError::BadLock {
                index,
                source_range: lock.source.clone(),
                target_range: lock.target.clone(),
            });
        }
        if lock.source.is_empty() && lock.target.is_empty() {
            return Err(AlignError::EmptyLock { index });
        }
        let before = out.len();
        cut(&mut out, s..lock.source.start, t..lock.target.start, pieces);
        if out.len() == before {
            out.push(Stretch::new(s..s, t..t));
        }
        if let Some(last) = out.last_mut() {
            last.lock = Some(index);
        }
        (s, t) = (lock.source.end, lock.target.end);
    }
    cut(&mut out, s..n, t..m, pieces);
    if out.is_empty() {
        out.push(Stretch::new(0..0, 0..0));
    }
    Ok(out)
}

/// Pushes the stretch `source` x `target` cut at every piece boundary inside it (on both
/// sides); a stretch that is exactly a piece takes that piece's ceiling. Pushes nothing for
/// a stretch empty on both sides unless it is the whole text.
fn cut(out: &mut Vec<Stretch>, source: Range<usize>, target: Range<usize>, pieces: &[Piece]) {
    let inside = |p: &Piece| {
        let (s, t) = (p.source.end, p.target.end);
        source.start <= s
            && s <= source.end
            && target.start <= t
            && t <= target.end
            && (s, t) != (source.start, target.start)
            && (s, t) != (source.end, target.end)
    };
    let mut points: Vec<(usize, usize)> = vec![(source.start, target.start)];
    points.extend(
        pieces
            .iter()
            .filter(|p| inside(p))
            .map(|p| (p.source.end, p.target.end)),
    );
    points.push((source.end, target.end));
    for w in points.windows(2) {
        let ((s0, t0), (s1, t1)) = (w[0], w[1]);
        if s1 < s0 || t1 < t0 || (s0 == s1 && t0 == t1) {
            continue;
        }
        let mut st = Stretch::new(s0..s1, t0..t1);
        if let Some(p) = pieces
            .iter()
            .find(|p| p.source == st.source && p.target == st.target)
        {
            st.ceiling = p.ceiling;
        }
        out.push(st);
    }
}

fn sides<'a>(text: &'a Text, st: &Stretch) -> Sides<'a> {
    let (s, t) = (st.source.clone(), st.target.clone());
    Sides::new(
        &text.src_len[s.clone()],
        &text.tgt_len[t.clone()],
        (&text.src_closing[s.clone()], &text.tgt_closing[t.clone()]),
        (&text.src_para[s.clone()], &text.tgt_para[t.clone()]),
    )
    .with_bare(&text.src_bare[s], &text.tgt_bare[t])
}

/// Where the first pass of [`two_passes`] gets its first paths.
enum First<'a> {
    /// It searches each band.
    Search,
    /// It searches each band, and the same band by lengths only (no lexical term) in the
    /// same sweep, for a later `Known` call with the same placements and no table.
    AlsoLengthsOnly(&'a mut Vec<Path>),
    /// They were found (by stretch index) in an `AlsoLengthsOnly` call.
    Known(Vec<Path>),
}

/// Which paths (by stretch index) get confidences, in [`two_passes`].
type Accept<'a> = dyn Fn(usize, &Path) -> bool + 'a;

/// Which searches of the second pass of [`two_passes`] give confidences, and when.
#[derive(Clone, Copy)]
enum Wanted<'a> {
    All(When),
    /// Those of the paths (by stretch index) this accepts.
    If(&'a Accept<'a>, When),
}

/// Whether a search gives the confidences of its path.
enum Want<'a> {
    No,
    /// Yes, from the forward sums summed along with the search.
    Yes,
    /// Only for a path this accepts: the forward sums are summed after the search, and
    /// only for such a path (a candidate that is seldom kept).
    If(Box<dyn Fn(&Path) -> bool + 'a>),
}

/// The coefficients shared by every search of one pass.
struct Pass<'a> {
    params: Rc<Params>,
    predicted: Rc<Predicted>,
    text: &'a Text,
    max_widenings: usize,
    /// When the searches compute the confidences they are asked for.
    when: When,
    /// Bytes of bead costs kept for confidences computed later (at most
    /// [`KEPT_FOR_LATER`]).
    kept: Cell<usize>,
}

/// Most bytes of bead costs the searches of one pass keep for confidences computed later
/// (all of them for a book of 100,000 sentences, where they take 45 MB): with them, the
/// forward sums need no bead cost computed again, which would cost the search again.
/// Beyond this, searches keep nothing and the costs are computed again if needed.
const KEPT_FOR_LATER: usize = 64 << 20;

impl Pass<'_> {
    /// The best path of `st` within `band` (band coordinates are relative to `st`); with
    /// `sums`, also the forward sums its posteriors need, summed now or (their costs kept)
    /// when [`Forward::summed`] is called.
    fn solve(&self, st: &Stretch, band: &Band, sums: Option<When>) -> (Path, Option<Forward>) {
        self.with_model(st, band, |model| match sums {
            Some(When::Now) => {
                let (path, forward) = viterbi_forward(band, model);
                (path, Some(forward))
            }
            Some(When::Later) => viterbi_keeping_costs(band, model),
            None => (viterbi(band, model), None),
        })
    }

    /// Runs `f` with the cost model of `st` in `band`.
    fn with_model<T>(&self, st: &Stretch, band: &Band, f: impl FnOnce(&CostModel) -> T) -> T {
        let sides = sides(self.text, st);
        let bases = (st.source.start, st.target.start);
        // Without a table (the length-only pass) every pair shares nothing, and a cost less
        // nothing is the cost without the lexical term, to the bit: no pair scores needed.
        let pairs = (!self.predicted.is_empty())
            .then(|| PairScores::new(band, &self.predicted, bases, &self.text.tgt_vocab.sentences));
        f(&CostModel {
            params: &self.params,
            sides: &sides,
            pairs: pairs.as_ref(),
        })
    }

    /// Aligns one stretch in `band`. Where the best path runs along the band's edge, only a
    /// window of rows around that spot is searched again, between two cells of the path,
    /// with a band twice as wide there; so a few difficult spots in a book cost a few small
    /// searches, not a new search of the whole book.
    fn search(&self, st: &Stretch, band: Band, want: Want) -> Found {
        let sums = match (&want, self.when) {
            (Want::Yes, When::Now) => Some(When::Now),
            (Want::Yes, When::Later) => {
                let kept = self.kept.get() + Forward::kept_bytes(&band);
                self.kept.set(kept);
                (kept <= KEPT_FOR_LATER).then_some(When::Later)
            }
            _ => None,
        };
        let (path, forward_sums) = self.solve(st, &band, sums);
        self.search_from(st, band, path, forward_sums, want)
    }

    /// The best paths of `st` within `band` by this pass's model and by the same model
    /// without the lexical term (lengths, kinds, punctuation and paragraphs only), from one
    /// sweep.
    fn solve_with_and_without(&self, st: &Stretch, band: &Band) -> (Path, Path) {
        self.with_model(st, band, |model| viterbi_with_and_without(band, model))
    }

    /// [`Pass::search`] from `path`, the best path of `st` within `band` by this pass's
    /// model (and the forward sums of `band` when `want` is [`Want::Yes`]).
    fn search_from(
        &self,
        st: &Stretch,
        band: Band,
        mut path: Path,
        forward_sums: Option<Forward>,
        want: Want,
    ) -> Found {
        let mut half_width = band.half_widths().to_vec();
        let mut touched = band.touched_rows(&path.cells);
        let mut widenings = 0;
        while !touched.is_empty() && widenings < self.max_widenings {
            widenings += 1;
            let mut next = Vec::new();
            for (r0, r1) in windows(&touched, &half_width, band.n).into_iter().rev() {
                // From the path's first cell in row r0 to its last cell in row r1, so that
                // moves within those rows can change too.
                let a = path.cells.iter().position(|c| c.0 >= r0).unwrap_or(0);
                let b = path
                    .cells
                    .iter()
                    .rposition(|c| c.0 <= r1)
                    .unwrap_or(path.cells.len() - 1);
                let ((i0, j0), (i1, j1)) = (path.cells[a], path.cells[b]);
                for w in &mut half_width[i0..=i1] {
                    *w *= 2;
                }
                let local: Vec<(usize, usize)> = path.cells[a..=b]
                    .iter()
                    .map(|&(i, j)| (i - i0, j - j0))
                    .collect();
                let sub_band =
                    Band::new(&path_guess(&local, i1 - i0), &half_width[i0..=i1], j1 - j0);
                let sub = Stretch::new(
                    st.source.start + i0..st.source.start + i1,
                    st.target.start + j0..st.target.start + j1,
                );
                let (sub_path, _) = self.solve(&sub, &sub_band, None);
                next.extend(
                    sub_band
                        .touched_rows(&sub_path.cells)
                        .into_iter()
                        .map(|r| r + i0),
                );
                let cells: Vec<(usize, usize)> = sub_path
                    .cells
                    .iter()
                    .map(|&(i, j)| (i + i0, j + j0))
                    .collect();
                path.cells.splice(a..=b, cells);
                path.kinds.splice(a..b, sub_path.kinds);
            }
            touched = next;
        }
        let with_confidence = match &want {
            Want::No => false,
            Want::Yes => true,
            Want::If(accept) => accept(&path),
        };
        let confidence = match self.when {
            _ if !with_confidence => Confidences::default(),
            When::Now => Confidences::known(self.confidences(
                st,
                &band,
                forward_sums,
                (widenings, &half_width),
                &path,
            )),
            When::Later => {
                // What the confidences need besides the text, which they are given then.
                let (params, predicted) = (self.params.clone(), self.predicted.clone());
                let (max_widenings, st) = (self.max_widenings, st.clone());
                let at = path.clone();
                // Costs of a band that was widened are not the ones needed.
                let forward_sums = forward_sums.filter(|_| widenings == 0);
                Confidences::later(path.kinds.len(), move |text| {
                    let pass = Pass {
                        params,
                        predicted,
                        text,
                        max_widenings,
                        when: When::Now,
                        kept: Cell::new(0),
                    };
                    let sums = forward_sums.map(|f| f.summed(&band));
                    pass.confidences(&st, &band, sums, (widenings, &half_width), &at)
                })
            }
        };
        Found {
            path,
            confidence,
            widenings,
        }
    }

    /// The confidences of `path`, the best path of `st` in `band` (widened `widenings` times
    /// to `half_width`), from the forward sums of `band` when the search summed them.
    fn confidences(
        &self,
        st: &Stretch,
        band: &Band,
        forward_sums: Option<Forward>,
        (widenings, half_width): (usize, &[usize]),
        path: &Path,
    ) -> Vec<f32> {
        let mut confidence = match (forward_sums, widenings) {
            (Some(sums), 0) if sums.keeps_costs() => posteriors(band, sums, path, None),
            (Some(sums), 0) => self.with_model(st, band, |m| posteriors(band, sums, path, Some(m))),
            (None, 0) => self.with_model(st, band, |m| {
                posteriors(band, forward(band, m), path, Some(m))
            }),
            (sums, _) => {
                // The path is known: the widened band needs only its forward sums.
                drop(sums);
                let last = Band::new(&path_guess(&path.cells, band.n), half_width, band.m);
                self.with_model(st, &last, |m| {
                    posteriors(&last, forward(&last, m), path, Some(m))
                })
            }
        };
        cap_detours(path, &mut confidence);
        cap_many_to_many(path, &mut confidence);
        confidence
    }
}

/// Merged row windows `[r - reach, r + reach]` around touched rows, `reach = 4·w + 8` for
/// the row's half-width `w`: room for a detour as large as the band was narrow.
fn windows(touched: &[usize], half_width: &[usize], n: usize) -> Vec<(usize, usize)> {
    let mut rows = touched.to_vec();
    rows.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for r in rows {
        let reach = 4 * half_width[r] + 8;
        let (a, b) = (r.saturating_sub(reach), (r + reach).min(n));
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Confidence given to the beads of a detour (see [`cap_detours`]): two readings.
const DETOUR_CONFIDENCE: f32 = 0.5;

/// Caps the confidence of detours: a run of source sentences without counterpart and a run
/// of target sentences without counterpart close to each other, with the beads between
/// them. That is the trace of a block the translation moved (or of a false pairing that
/// pulled the path aside); a monotone alignment can keep only one of the two crossing
/// readings, and the posterior, which only compares monotone paths, cannot see that the
/// other one is as true. Runs of one sentence are left alone: those are ordinary omissions.
fn cap_detours(path: &Path, confidence: &mut [f32]) {
    // Maximal gap runs: (first bead, end bead, true for source-only, sentences).
    let mut runs: Vec<(usize, usize, bool, usize)> = Vec::new();
    for (b, &k) in path.kinds.iter().enumerate() {
        let (a, c) = KINDS[k];
        if a > 0 && c > 0 {
            continue;
        }
        let side = c == 0;
        match runs.last_mut() {
            Some(r) if r.1 == b && r.2 == side => {
                r.1 = b + 1;
                r.3 += a + c;
            }
            _ => runs.push((b, b + 1, side, a + c)),
        }
    }
    let runs: Vec<_> = runs.into_iter().filter(|r| r.3 >= 2).collect();
    for w in runs.windows(2) {
        let (x, y) = (w[0], w[1]);
        let between = y.0 - x.1;
        if x.2 != y.2 && between <= 2 * x.3.max(y.3) + 2 {
            for c in &mut confidence[x.0..y.1] {
                *c = c.min(DETOUR_CONFIDENCE);
            }
        }
    }
}

/// Highest confidence of a bead with two or more sentences on both sides (2-2, 2-3, 3-2).
/// Such a bead says the translator reordered across sentence boundaries, so that no finer
/// pairing exists; the posterior compares it only with the other monotone readings and is
/// too sure of it. Over the dev, stress, held-out and cipher sets (94,000 beads) 2-2 beads
/// above 0.97 were wrong one time in six and those between 0.9 and 0.97 (and 2-3, 3-2) about
/// half the time, while 1-1, 1-2 and 2-1 beads above 0.9 were wrong one time in 40 or less:
/// a translator should look at every such bead.
const MANY_TO_MANY_CONFIDENCE: f32 = 0.85;

/// Highest confidence of a bead of one sentence against three or four (1-3, 3-1, 1-4, 4-1).
/// Such a bead is where a search that lost its way absorbs the sentences of its neighbours;
/// over the same 94,000 beads, those between 0.9 and 0.97 were wrong about one time in five
/// (13 of 70) and 1-4 beads above 0.97 one time in sixteen (4 of 63): capped at 0.9, their
/// Brier score is unchanged (0.2071 -> 0.2067) and their log-loss better (0.613 -> 0.598),
/// and a wrong one no longer counts as sure.
const ONE_TO_MANY_CONFIDENCE: f32 = 0.9;

/// Caps the confidence of beads with two or more sentences on both sides at
/// [`MANY_TO_MANY_CONFIDENCE`], and of one sentence against three or four at
/// [`ONE_TO_MANY_CONFIDENCE`].
fn cap_many_to_many(path: &Path, confidence: &mut [f32]) {
    for (c, &k) in confidence.iter_mut().zip(&path.kinds) {
        let (a, b) = KINDS[k];
        if a >= 2 && b >= 2 {
            *c = c.min(MANY_TO_MANY_CONFIDENCE);
        } else if a.min(b) == 1 && a.max(b) >= 3 {
            *c = c.min(ONE_TO_MANY_CONFIDENCE);
        }
    }
}

/// Sentence pairs of 1-1 beads whose neighbours are 1-1 too: the beads of a first pass
/// that are least likely to be wrong, used to learn words and re-estimate lengths.
fn trusted_pairs(stretches: &[Stretch], found: &[Found]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (st, f) in stretches.iter().zip(found) {
        let kinds = &f.path.kinds;
        for (b, &k) in kinds.iter().enumerate() {
            let one = |x: Option<&usize>| x.is_none_or(|&k| k == 0);
            if k == 0 && one(b.checked_sub(1).and_then(|p| kinds.get(p))) && one(kinds.get(b + 1)) {
                let (i, j) = f.path.cells[b];
                out.push((st.source.start + i, st.target.start + j));
            }
        }
    }
    out
}

/// The cost of a paragraph boundary one side of a bead has and the other lacks, for the
/// second pass: the log-odds of the marks agreeing across the first pass's 1-1 beads, at most
/// `most` (smoothed towards it as if 50 beads had agreed at that rate).
fn paragraph_weight(text: &Text, stretches: &[Stretch], found: &[Found], most: f64) -> f64 {
    const PSEUDO: f64 = 50.0;
    let (mut n, mut differ) = (0usize, 0usize);
    for (s, t) in one_to_one_pairs(stretches, found) {
        n += 1;
        differ += usize::from(text.src_para[s] != text.tgt_para[t]);
    }
    let q0 = 1.0 / (1.0 + most.exp());
    let q = (differ as f64 + PSEUDO * q0) / (n as f64 + PSEUDO);
    ((1.0 - q) / q).ln().clamp(0.0, most)
}

/// Sentence pairs of all 1-1 beads of a first pass.
fn one_to_one_pairs(stretches: &[Stretch], found: &[Found]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (st, f) in stretches.iter().zip(found) {
        for (b, &k) in f.path.kinds.iter().enumerate() {
            if k == 0 {
                let (i, j) = f.path.cells[b];
                out.push((st.source.start + i, st.target.start + j));
            }
        }
    }
    out
}

/// The beads of what the searches of `text` found, with the locked beads, and their
/// diagnostics by the `low_confidence` threshold; without it, the beads alone, with
/// confidence 0 and no confidence computed.
fn assemble(
    text: &Text,
    searched: &Searched,
    locked: &[LockedBead],
    low_confidence: Option<f32>,
) -> Alignment {
    let (n, m) = (text.src_len.len(), text.tgt_len.len());
    let mut beads = Vec::new();
    let mut widenings = 0;
    for (st, f) in searched.stretches.iter().zip(&searched.found) {
        widenings += f.widenings;
        let confidences = match low_confidence {
            Some(_) => f.confidence.values(text),
            None => Vec::new(),
        };
        for (b, &k) in f.path.kinds.iter().enumerate() {
            let (i, j) = f.path.cells[b];
            let (a, c) = KINDS[k];
            let (s0, t0) = (st.source.start + i, st.target.start + j);
            let confidence = confidences.get(b).copied().unwrap_or(0.0).min(st.ceiling);
            if a == 0 || c == 0 {
                // A run of sentences without counterpart is searched as one bead (so that an
                // untranslated passage is not cheaper glued to its neighbours) but reported
                // as one bead per sentence, as the gold format and the project rows want.
                beads.extend((s0..s0 + a).map(|s| Bead {
                    source: s..s + 1,
                    target: t0..t0,
                    confidence,
                }));
                beads.extend((t0..t0 + c).map(|t| Bead {
                    source: s0..s0,
                    target: t..t + 1,
                    confidence,
                }));
                continue;
            }
            beads.push(Bead {
                source: s0..s0 + a,
                target: t0..t0 + c,
                confidence,
            });
        }
        if let Some(lock) = st.lock.and_then(|index| locked.get(index)) {
            beads.push(Bead {
                source: lock.source.clone(),
                target: lock.target.clone(),
                confidence: 1.0,
            });
        }
    }
    let Some(low_confidence) = low_confidence else {
        return Alignment {
            beads,
            diagnostics: Diagnostics::default(),
        };
    };
    let mut diagnostics = diagnose(n, m, &beads, widenings, low_confidence);
    diagnostics
        .warnings
        .extend(searched.warnings.iter().cloned());
    Alignment { beads, diagnostics }
}

fn diagnose(
    n: usize,
    m: usize,
    beads: &[Bead],
    widenings: usize,
    low_confidence: f32,
) -> Diagnostics {
    let mean = if beads.is_empty() {
        1.0
    } else {
        beads.iter().map(|b| f64::from(b.confidence)).sum::<f64>() as f32 / beads.len() as f32
    };
    let mut warnings = Vec::new();
    if n == 0 || m == 0 {
        if n + m > 0 {
            warnings.push(format!(
                "one side is empty ({n} source, {m} target sentences): nothing can be aligned"
            ));
        }
    } else if n.max(m) >= 2 * n.min(m) {
        warnings.push(format!(
            "the sides differ much in length ({n} source, {m} target sentences): \
             part of one side is probably untranslated or missing"
        ));
    }
    let low = mean < low_confidence;
    if low {
        warnings.push(format!(
            "mean confidence is low ({mean:.2}): the texts may not be translations of each other"
        ));
    }
    Diagnostics {
        source_sentences: n,
        target_sentences: m,
        beads: beads.len(),
        non_one_to_one: beads
            .iter()
            .filter(|b| b.source.len() != 1 || b.target.len() != 1)
            .count(),
        unaligned: beads
            .iter()
            .filter(|b| b.source.is_empty() || b.target.is_empty())
            .count(),
        mean_confidence: mean,
        low_confidence: low || (n == 0) != (m == 0),
        warnings,
        band_widenings: widenings,
        unmatched_paragraphs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::types::BandOptions;

    fn sentences(lines: &[&str]) -> Vec<Sentence> {
        lines.iter().map(|l| Sentence::new(*l)).collect()
    }

    const SV: [&str; 8] = [
        "Anna kom till Stockholm den 12 maj 1921.",
        "Hon hade aldrig sett en så stor stad.",
        "Varför var alla så bråttom?",
        "Hon gick längs Strandvägen och tittade på båtarna.",
        "Det regnade.",
        "Hon köpte en tidning för 25 öre och läste om Nobelpriset.",
        "Sedan tog hon spårvagnen till Kungsholmen.",
        "Där bodde hennes moster Elsa.",
    ];
    const EN: [&str; 8] = [
        "Anna came to Stockholm on 12 May 1921.",
        "She had never seen such a large city.",
        "Why was everybody in such a hurry?",
        "She walked along Strandvägen and looked at the boats.",
        "It was raining.",
        "She bought a newspaper for 25 öre and read about the Nobel Prize.",
        "Then she took the tram to Kungsholmen.",
        "Her aunt Elsa lived there.",
    ];

    fn kinds(a: &Alignment) -> Vec<(usize, usize)> {
        a.beads
            .iter()
            .map(|b| (b.source.len(), b.target.len()))
            .collect()
    }

    /// Every sentence of both sides exactly once, in order.
    fn covers(a: &Alignment, n: usize, m: usize) -> bool {
        let (mut s, mut t) = (0, 0);
        for b in &a.beads {
            if b.source.start != s || b.target.start != t {
                return false;
            }
            (s, t) = (b.source.end, b.target.end);
        }
        s == n && t == m
    }

    /// A found path from bead kinds given as (source, target) sentence counts.
    fn found(beads: &[(usize, usize)], confidence: f32) -> Found {
        let path = suspects::path_of(beads);
        Found {
            confidence: Confidences::known(vec![confidence; path.kinds.len()]),
            path,
            widenings: 0,
        }
    }

    #[test]
    fn a_detour_across_a_paragraph_cut_is_searched_again_and_straightened() {
        // The paragraph pass cut the search after source sentence 3 and target sentence 5,
        // where the texts do not meet: the first piece ends with two target sentences
        // alone, the second begins with two source sentences alone, all "sure".
        let (source, target) = (sentences(&SV), sentences(&EN));
        let stretches = [Stretch::new(0..3, 0..5), Stretch::new(3..8, 5..8)];
        let found = vec![
            found(&[(1, 1), (1, 1), (1, 1), (0, 2)], 0.99),
            found(&[(2, 0), (1, 1), (1, 1), (1, 1)], 0.99),
        ];
        let (stretches, found) = chained(&stretches, found);
        assert_eq!(stretches.len(), 1, "no lock between them: one chain");
        let text = analyse(&source, &target);
        let seed = Table::seed(&text.src_vocab, &text.tgt_vocab, None);
        let options = AlignOptions::default();
        // Confidences computed as the windows are searched, or later: the same.
        let [now, later] = [When::Now, When::Later].map(|when| {
            let mut found: Vec<Found> = (found.iter())
                .map(|f| Found {
                    path: f.path.clone(),
                    confidence: f.confidence.clone(),
                    widenings: 0,
                })
                .collect();
            let judging = Judging {
                seed: &seed,
                paragraph: DEFAULT_PARAGRAPH,
            };
            let changed = search_suspects_again(
                &text,
                &judging,
                &stretches,
                &mut found,
                &options,
                &[true],
                when,
            );
            assert_eq!(changed, 1);
            let searched = Searched {
                stretches: stretches.clone(),
                found,
                warnings: Vec::new(),
            };
            assemble(&text, &searched, &[], Some(options.low_confidence))
        });
        assert_eq!(kinds(&now), vec![(1, 1); 8]);
        assert!(covers(&now, 8, 8));
        assert_eq!(now, later);
        assert!(now.beads.iter().all(|b| b.confidence > 0.5), "{now:?}");
    }

    #[test]
    fn a_locked_bead_keeps_chains_apart_and_ceilings_hold() {
        let mut first = Stretch::new(0..3, 0..3);
        first.lock = Some(0);
        let mut second = Stretch::new(4..6, 4..6);
        second.ceiling = 0.5;
        let third = Stretch::new(6..8, 6..8);
        let found = vec![
            found(&[(1, 1); 3], 0.99),
            found(&[(1, 1); 2], 0.99),
            found(&[(1, 1); 2], 0.99),
        ];
        let (stretches, found) = chained(&[first, second, third], found);
        assert_eq!(stretches.len(), 2);
        assert_eq!((stretches[0].lock, stretches[1].lock), (Some(0), None));
        assert_eq!(
            (stretches[1].source.clone(), stretches[1].target.clone()),
            (4..8, 4..8)
        );
        assert_eq!(
            found[1].path.cells,
            [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
        );
        let text = analyse(&[], &[]);
        assert_eq!(found[1].confidence.values(&text), [0.5, 0.5, 0.99, 0.99]);
    }

    #[test]
    fn parallel_text_aligns_one_to_one_with_high_confidence() {
        let a = align(
            &sentences(&SV),
            &sentences(&EN),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert_eq!(kinds(&a), vec![(1, 1); 8]);
        assert!(a.diagnostics.mean_confidence > 0.8, "{:?}", a.diagnostics);
        assert!(!a.diagnostics.low_confidence);
    }

    #[test]
    fn merged_and_missing_sentences_are_found() {
        // English joins sentences 4 and 5 ("It was raining" moved into the walk) and
        // leaves out sentence 7.
        let mut en: Vec<&str> = EN.to_vec();
        en[3] = "She walked along Strandvägen in the rain and looked at the boats.";
        en.remove(4);
        en.remove(6);
        let a = align(
            &sentences(&SV),
            &sentences(&en),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert!(covers(&a, 8, 6));
        assert_eq!(a.beads[3].source, 3..5, "{:?}", a.beads);
        assert_eq!(a.beads[3].target, 3..4);
        // (The left-out last sentence is absorbed into a 2-1 bead rather than left as 1-0:
        // without an anchor on either side, lengths cannot tell them apart well.)
    }

    #[test]
    fn locked_beads_are_kept_and_split_the_problem() {
        // A (wrong on purpose) locked bead must be kept exactly as given.
        let locked = [LockedBead {
            source: 2..4,
            target: 2..3,
        }];
        let a = align(
            &sentences(&SV),
            &sentences(&EN),
            &AlignOptions::default(),
            &locked,
        )
        .unwrap();
        assert!(covers(&a, 8, 8));
        let lock = a.beads.iter().find(|b| b.source == (2..4)).unwrap();
        assert_eq!(lock.target, 2..3);
        assert_eq!(lock.confidence, 1.0);
        assert_eq!(a.beads[0].source, 0..1);
        assert_eq!(a.beads[0].target, 0..1);
    }

    #[test]
    fn bad_locks_are_errors() {
        let s = sentences(&SV);
        let t = sentences(&EN);
        let o = AlignOptions::default();
        let out_of_range = [LockedBead {
            source: 7..9,
            target: 7..8,
        }];
        assert!(matches!(
            align(&s, &t, &o, &out_of_range),
            Err(AlignError::BadLock { index: 0, .. })
        ));
        let overlapping = [
            LockedBead {
                source: 1..3,
                target: 1..3,
            },
            LockedBead {
                source: 2..4,
                target: 3..4,
            },
        ];
        assert!(matches!(
            align(&s, &t, &o, &overlapping),
            Err(AlignError::BadLock { index: 1, .. })
        ));
        let empty = [LockedBead {
            source: 1..1,
            target: 2..2,
        }];
        assert_eq!(
            align(&s, &t, &o, &empty),
            Err(AlignError::EmptyLock { index: 0 })
        );
    }

    #[test]
    fn empty_sides_give_skips_and_a_warning() {
        let o = AlignOptions::default();
        let a = align(&sentences(&SV), &[], &o, &[]).unwrap();
        assert_eq!(kinds(&a), vec![(1, 0); 8]);
        assert!(a.diagnostics.low_confidence && !a.diagnostics.warnings.is_empty());
        let a = align(&[], &[], &o, &[]).unwrap();
        assert!(a.beads.is_empty());
        assert!(!a.diagnostics.low_confidence);
    }

    #[test]
    fn identical_texts_align_one_to_one() {
        let s = sentences(&SV);
        let a = align(&s, &s, &AlignOptions::default(), &[]).unwrap();
        assert_eq!(kinds(&a), vec![(1, 1); 8]);
    }

    #[test]
    fn a_single_huge_sentence_does_not_break_anything() {
        let huge = "ord ".repeat(20_000);
        let a = align(
            &sentences(&[huge.as_str()]),
            &sentences(&EN),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert!(covers(&a, 1, 8));
        assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
    }

    #[test]
    fn one_side_much_longer_is_aligned_and_flagged() {
        let mut en: Vec<String> = EN.iter().map(|s| s.to_string()).collect();
        en.extend(
            (0..20).map(|i| format!("An untranslated appendix line number {i} of the original.")),
        );
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let a = align(
            &sentences(&SV),
            &sentences(&en),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert!(covers(&a, 8, 28));
        let k = kinds(&a);
        assert_eq!(k[..7], vec![(1, 1); 7], "{k:?}");
        assert!(k.iter().filter(|&&k| k == (0, 1)).count() >= 18, "{k:?}");
        assert!(
            a.diagnostics
                .warnings
                .iter()
                .any(|w| w.contains("differ much"))
        );
    }

    #[test]
    fn an_untranslated_block_before_the_translation_is_skipped() {
        let mut en: Vec<String> = (0..20)
            .map(|i| format!("Preface line {i}: acknowledgements to the 1998 edition team."))
            .collect();
        en.extend(EN.iter().map(|s| s.to_string()));
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let a = align(
            &sentences(&SV),
            &sentences(&en),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert!(covers(&a, 8, 28));
        let pairs: Vec<_> = a
            .beads
            .iter()
            .filter(|b| !b.source.is_empty())
            .map(|b| (b.source.clone(), b.target.clone()))
            .collect();
        let expected: Vec<_> = (0..8).map(|i| (i..i + 1, 20 + i..21 + i)).collect();
        assert_eq!(pairs, expected);
    }

    /// Target with six unrelated sentences inserted after the fourth: a detour of six
    /// cells from the diagonal.
    fn with_insertion() -> Vec<String> {
        let mut en: Vec<String> = EN.iter().map(|s| s.to_string()).collect();
        for i in 0..6 {
            en.insert(
                4 + i,
                format!("Inserted note {i} with no counterpart at all, none."),
            );
        }
        en
    }

    #[test]
    fn a_narrow_band_is_widened_where_the_path_needs_room() {
        let en = with_insertion();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let (s, t) = (sentences(&SV), sentences(&en));
        let wide = align(&s, &t, &AlignOptions::default(), &[]).unwrap();
        let narrow_band = |max_widenings| AlignOptions {
            band: BandOptions {
                first_pass_half_width: 2,
                second_pass_half_width: 2,
                max_widenings,
            },
            ..AlignOptions::default()
        };
        let narrow = align(&s, &t, &narrow_band(8), &[]).unwrap();
        assert!(narrow.diagnostics.band_widenings > 0);
        let spans = |a: &Alignment| -> Vec<_> {
            a.beads
                .iter()
                .map(|b| (b.source.clone(), b.target.clone()))
                .collect()
        };
        assert_eq!(spans(&narrow), spans(&wide));
        assert!(
            wide.beads
                .iter()
                .any(|b| b.source == (4..5) && b.target == (10..11))
        );
        // Without widening the result still covers both sides (whether the anchors alone
        // bend the narrow band far enough depends on which of them survive the checks).
        let stuck = align(&s, &t, &narrow_band(0), &[]).unwrap();
        assert!(covers(&stuck, 8, 14));
        assert_eq!(stuck.diagnostics.band_widenings, 0);
    }

    #[test]
    fn unrelated_texts_get_a_low_confidence_warning() {
        let other: Vec<String> = (0..8)
            .map(|i| {
                format!(
                    "{} zqx wvv {}",
                    "lorem ".repeat(1 + (i * 7) % 5),
                    i * 1000 + 17
                )
            })
            .collect();
        let other: Vec<&str> = other.iter().map(String::as_str).collect();
        let a = align(
            &sentences(&SV),
            &sentences(&other),
            &AlignOptions::default(),
            &[],
        )
        .unwrap();
        assert!(covers(&a, 8, 8));
        assert!(a.diagnostics.mean_confidence < 0.9, "{:?}", a.diagnostics);
    }

    #[test]
    fn detours_get_low_confidence_and_lone_omissions_do_not() {
        // 1-1, then two target sentences without counterpart, a 1-1, two source sentences
        // without counterpart (a block moved), 1-1, and a lone 1-0 further on.
        let kinds = vec![0, 2, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        let mut cells = vec![(0, 0)];
        for &k in &kinds {
            let (a, b) = KINDS[k];
            let &(i, j) = cells.last().unwrap();
            cells.push((i + a, j + b));
        }
        let path = Path { cells, kinds };
        let mut confidence = vec![0.99; path.kinds.len()];
        cap_detours(&path, &mut confidence);
        assert_eq!(confidence[0], 0.99);
        assert!(confidence[1..6].iter().all(|&c| c == DETOUR_CONFIDENCE));
        assert!(confidence[6..].iter().all(|&c| c == 0.99), "{confidence:?}");
    }

    #[test]
    fn paragraph_marks_that_often_disagree_cost_less() {
        // 200 sentences a side aligned 1-1; marks every 5 sentences on the source side,
        // on the target side either the same ones or every 5 sentences from the third on.
        let marked = |offset: usize| -> Vec<Sentence> {
            (0..200)
                .map(|i| Sentence {
                    text: format!("Sentence {i}."),
                    starts_paragraph: i % 5 == offset,
                })
                .collect()
        };
        let source = marked(0);
        let stretch = [Stretch::new(0..200, 0..200)];
        let path = [found(&[(1, 1); 200], 0.9)];
        let most = Params::new(&DEFAULT_PRIORS, LengthModel::from_totals(1.0, 1.0)).paragraph;
        let agreeing = analyse(&source, &marked(0));
        assert_eq!(paragraph_weight(&agreeing, &stretch, &path, most), most);
        // 80 of 200 pairs differ: the weight is the log-odds of agreeing, smoothed.
        let disagreeing = analyse(&source, &marked(2));
        let w = paragraph_weight(&disagreeing, &stretch, &path, most);
        let q = (80.0 + 50.0 / (1.0 + most.exp())) / 250.0;
        assert!((w - ((1.0 - q) / q).ln()).abs() < 1e-9 && w < 1.0, "{w}");
        // Nothing learnt from a text without pairs: the default.
        let none = [found(&[(1, 0); 200], 0.9)];
        let w = paragraph_weight(&disagreeing, &[Stretch::new(0..200, 0..0)], &none, most);
        assert!((w - most).abs() < 1e-9, "{w}");
    }

    #[test]
    fn beads_of_many_sentences_on_both_sides_or_one_against_three_are_never_sure() {
        let path = suspects::path_of(&[
            (1, 1),
            (2, 2),
            (2, 1),
            (3, 2),
            (2, 3),
            (1, 2),
            (2, 0),
            (1, 3),
            (4, 1),
            (0, 3),
        ]);
        let mut confidence = vec![0.99; path.kinds.len()];
        cap_many_to_many(&path, &mut confidence);
        let (capped, one) = (MANY_TO_MANY_CONFIDENCE, ONE_TO_MANY_CONFIDENCE);
        assert_eq!(
            confidence,
            [
                0.99, capped, 0.99, capped, capped, 0.99, 0.99, one, one, 0.99
            ]
        );
        // A lower confidence stays as it was.
        let mut low = vec![0.4; path.kinds.len()];
        cap_many_to_many(&path, &mut low);
        assert!(low.iter().all(|&c| c == 0.4), "{low:?}");
    }

    #[test]
    fn the_second_band_covers_the_other_side_of_a_gap_run_and_not_of_a_lone_gap() {
        // 1-1 x3, a run of five target sentences without counterpart, 1-1 x12, one lone
        // target gap, 1-1 x12.
        let kinds = [vec![0; 3], vec![2; 5], vec![0; 12], vec![2], vec![0; 12]].concat();
        let mut cells = vec![(0, 0)];
        for &k in &kinds {
            let (a, b) = KINDS[k];
            let &(i, j) = cells.last().unwrap();
            cells.push((i + a, j + b));
        }
        let (n, m) = *cells.last().unwrap();
        let band = second_band(&Path { cells, kinds }, n, m, 2);
        // Row 1 (before the run, in row 3 over columns 3-8) reaches past the run's far end,
        // so that the posterior sees source sentences paired after the run instead of before.
        assert!(band.hi[1] >= 8 + GAP_HALF_WIDTH, "{:?}", band.hi);
        assert!(band.lo[3 + GAP_REACH] <= 3, "{:?}", band.lo);
        // Around the lone gap (row 15, columns 20-21) the band stays as narrow as asked.
        for i in 14..=16 {
            assert!(
                band.hi[i] - band.lo[i] <= 2 * 2 + 1,
                "{:?} {:?}",
                band.lo,
                band.hi
            );
        }
    }

    #[test]
    fn a_path_far_from_the_diagonal_is_implausible() {
        let s = sentences(&[SV, SV, SV].concat());
        let t = sentences(&[EN, EN, EN].concat());
        let text = analyse(&s, &t);
        let st = Stretch::new(0..24, 0..24);
        let diagonal = Path {
            cells: (0..=24).map(|i| (i, i)).collect(),
            kinds: vec![0; 24],
        };
        assert!(!implausible(&text, &st, &diagonal));
        // All target sentences first, then all source sentences: the catastrophe.
        let mut cells: Vec<(usize, usize)> = (0..=24).map(|j| (0, j)).collect();
        cells.extend((1..=24).map(|i| (i, 24)));
        let gaps = Path {
            cells,
            kinds: [vec![2; 24], vec![1; 24]].concat(),
        };
        assert!(implausible(&text, &st, &gaps));
        assert!(
            length_cost(&text, &st, &gaps, DEFAULT_PARAGRAPH)
                > length_cost(&text, &st, &diagonal, DEFAULT_PARAGRAPH)
        );
    }
}
