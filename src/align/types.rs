//! Plain data of the aligner: its input sentences, options, locked beads and its output.

use std::ops::Range;

use super::wordlist::WordList;
use crate::model::Side;

/// One sentence of either side, as the aligner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence text (no trailing newline).
    pub text: String,
    /// True when this sentence opens a paragraph; beads that respect paragraph boundaries
    /// on both sides are cheaper, because translators rarely move text across paragraphs.
    pub starts_paragraph: bool,
}

impl Sentence {
    /// A sentence that does not open a paragraph.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            starts_paragraph: false,
        }
    }
}

/// One bead of the output: `source` sentences are the translation of `target` sentences.
///
/// Ranges are half-open indices into the two sentence lists; either (not both) may be empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub source: Range<usize>,
    pub target: Range<usize>,
    /// Probability in [0, 1] that this exact bead is right; see [`crate::align`] docs.
    pub confidence: f32,
}

/// A bead fixed by a person; the aligner keeps it unchanged and aligns around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedBead {
    pub source: Range<usize>,
    pub target: Range<usize>,
}

/// Settings of the search band (see the band module for what they mean).
#[derive(Debug, Clone, PartialEq)]
pub struct BandOptions {
    /// Half-width (in sentences) of the band in the first pass around the length diagonal.
    pub first_pass_half_width: usize,
    /// Half-width of the band in the second pass around the first pass's path.
    pub second_pass_half_width: usize,
    /// How many times the band may be widened where the best path touches its edge.
    pub max_widenings: usize,
}

impl Default for BandOptions {
    fn default() -> Self {
        Self {
            first_pass_half_width: 6,
            second_pass_half_width: 4,
            max_widenings: 8,
        }
    }
}

/// Everything that tunes the aligner. `Default` gives the settings measured on the dev sets.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignOptions {
    /// An optional bilingual word list given by the user (source word -> target word).
    pub words: Option<WordList>,
    /// Band settings.
    pub band: BandOptions,
    /// Learn a word list from confident beads of a first pass and align again with it
    /// (hunalign's "realign"). Without it the second pass still re-estimates the length
    /// model and the bead priors from the first, and learns no words.
    pub learn_lexicon: bool,
    /// Mean confidence below which the result carries a low-confidence warning.
    pub low_confidence: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            words: None,
            band: BandOptions::default(),
            learn_lexicon: true,
            low_confidence: 0.5,
        }
    }
}

/// Summary numbers about one alignment, for `--verbose` and for the GUI's status bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagnostics {
    pub source_sentences: usize,
    pub target_sentences: usize,
    pub beads: usize,
    /// Beads that are not 1-1 (including 0-1 and 1-0).
    pub non_one_to_one: usize,
    /// Beads with an empty side.
    pub unaligned: usize,
    /// Mean bead confidence (1 for an empty input).
    pub mean_confidence: f32,
    /// Set when the result should not be trusted; `warnings` says why.
    pub low_confidence: bool,
    /// Human-readable warnings (very different lengths, unrelated texts, empty side...).
    pub warnings: Vec<String>,
    /// How often the band had to be widened.
    pub band_widenings: usize,
    /// Paragraphs (when both sides mark paragraphs) none of whose sentences has a
    /// counterpart: left out of the translation, or added to it. Each also has a warning.
    pub unmatched_paragraphs: Vec<UnmatchedParagraph>,
}

/// A paragraph of one side whose sentences all came out without counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedParagraph {
    pub side: Side,
    /// Index of the paragraph among its side's paragraphs (0-based).
    pub paragraph: usize,
    /// Its sentences (indices into that side's sentence list).
    pub sentences: Range<usize>,
}

/// The aligner's result: beads covering both sides in order, plus diagnostics.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    pub beads: Vec<Bead>,
    pub diagnostics: Diagnostics,
}
