//! Sentence alignment: which source sentences translate which target sentences.
//!
//! # Method
//! A dynamic programme finds the cheapest sequence of beads (0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
//! 1-3, 3-1, 2-3, 3-2, 1-4, 4-1 sentences) covering both texts in order. A bead's cost adds:
//! - the negative log prior of its kind;
//! - a Gale-Church length term: the two-sided normal tail of the target length given the
//!   source length, with the length ratio and variance estimated from the texts;
//! - minus a reward for the lexical weight its two sides share: identical numbers and
//!   names, cognates (normalised edit distance), the user's word list and, in the second
//!   pass, words learnt from the first pass; frequent (function) words are ignored (a
//!   one-to-many bead earns a share of what each of its sentences shares, not only its
//!   best pair: `cost::bead_credit`);
//! - a reward (or penalty) when both (or only one) of its last sentences end with `?` or `!`;
//! - a penalty for each paragraph boundary it ignores, when both sides mark paragraphs.
//!
//! The first pass searches a band (6 sentences each way) around a guessed path: the "length
//! diagonal" (where the share of target characters equals the share of source characters),
//! bent through a chain of anchors: sentence pairs sharing a number or a name that is unique
//! on both sides within 200 sentences (or within 200 plus the difference of the sentence
//! counts), chained in order, in up to four rounds each searching around the last chain.
//! A pair further from the length diagonal than the difference of the sentence counts plus
//! a tenth of the text (at least 10) is no anchor: captions or a byline listed at the top
//! of one side and the bottom of the other once made the longest chain and pulled a whole
//! article into gap beads with confidence 0.98.
//! The weighted median of the length ratios between anchors gives the first length ratio,
//! so an untranslated passage does not skew it. The first
//! pass's 1-1 beads give the length ratio and variance, its bead kinds the priors, and its
//! 1-1 beads between 1-1 beads a bilingual lexicon (Dice coefficient of co-occurrence, as
//! hunalign's realign); the second pass searches a narrower band (4 each way) around the
//! first path with all that, but around each run of two or more sentences without counterpart
//! the whole rectangle of the run's columns (8 beyond) from 6 rows before to 6 after, where
//! the readings that shift the run lie (and so the confidences count them). Wherever the best path runs along the band's edge, a window of
//! rows around the spot is searched again, between two cells of the path, with a band twice
//! as wide there. Time and memory are linear in the text length (about 2.3 s of CPU and
//! 200 MB for 100,000 sentences a side).
//!
//! Of the longest anchor chain only the anchors that agree with their neighbours are kept:
//! a jump of the offset from the length diagonal costs, so an omission (one jump) stays and a
//! false pair (a jump away and back) goes. Numbers of one or two digits anchor nothing, and
//! a line that is a bare number (a page number) gives no lexical evidence and prefers to
//! stay without counterpart.
//!
//! When the two sides have about as many sentences (within a quarter), a stretch small
//! enough (up to 10^6 lattice cells) is aligned a second time without anchors over the
//! whole lattice, and a larger one too when its result looks implausible (more sentences
//! without counterpart than the difference of the counts explains, or a path beyond the
//! reach above), and a third time by lengths, kinds and punctuation only; the result kept is
//! the cheapest by default priors, lengths and the words each bead itself shares under the
//! seed table, capped per bead (no anchors, nothing learnt).
//!
//! When both sides mark paragraphs, the paragraphs are aligned first as units (by this same
//! aligner), and the sentence search is cut at the boundaries of the paragraph beads it is
//! sure of (see `paragraphs.rs`); paragraphs none of whose sentences has a counterpart are
//! listed in the diagnostics and warned about.
//!
//! Locked beads are hard constraints: the stretches between them are aligned separately
//! and the locked beads are copied to the output as they are, with confidence 1.
//!
//! # Confidence
//! Reading `exp(-cost)` as the (unnormalised) probability of an alignment, a bead's
//! confidence is its posterior probability: the share of the probability of all alignments
//! in the band that contain exactly this bead (forward-backward over the band). Near 1 the
//! bead is clear; about 0.5 means one other reading of that spot is about as likely. For a
//! sentence without counterpart (0-1, 1-0) it is the probability that the sentence has no
//! counterpart. Beads forced by an empty side get 1 and locked beads 1. A detour (runs of
//! two or more source and of two or more target sentences without counterpart close to
//! each other, with the beads between them) gets at most 0.5: it is the trace of a moved
//! block, where a monotone alignment keeps one of two crossing readings and the posterior
//! cannot see the other.
//!
//! # Limits
//! Beads larger than those kinds (3-3, 1-5, ...) are built from smaller ones, so they cannot
//! come out exactly right. Where the paragraph alignment is not sure, paragraph marks steer
//! the search through costs only. A translation that reorders sentences (a crossing) has no
//! monotone alignment; the detour cap below flags the larger ones only. The lexical evidence is words, so texts in different scripts align on lengths, numbers and
//! the user's word list only.

mod aligner;
mod analysis;
mod anchors;
mod band;
mod cell_cost;
mod cognates;
mod cost;
mod dp;
mod eval;
mod flat;
mod hash;
mod later;
mod learn;
pub(crate) mod length;
mod lexical;
mod paragraphs;
mod realign;
mod rows;
mod suspects;
mod tokenised;
mod tokens;
mod types;
mod wordlist;

pub use aligner::{AlignError, align};
pub use eval::{
    Counts, EvalError, IndexBead, ParagraphCounts, Prf, Scores, WrongConfidence, count,
    format_bead, linked_paragraphs, paragraph_indices, parse_beads, to_index_beads,
};
pub use realign::{
    Cutting, RealignError, confirmed_rows_replaced, describe_confirmed_rows_replaced, realign,
    realign_with,
};
pub use rows::{
    NewProject, align_imported, align_imported_with_diagnostics, aligned_project,
    project_from_texts,
};
pub use types::{
    AlignOptions, Alignment, BandOptions, Bead, Diagnostics, LockedBead, Sentence,
    UnmatchedParagraph,
};
pub use wordlist::{WordList, WordListError};
