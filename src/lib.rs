//! Tolk's core: the project model and its edit API, text import and segmentation, alignment,
//! history and file formats. Nothing here knows about a GUI.

mod align;
mod formats;
mod model;
mod text;

pub use align::{
    AlignError, AlignOptions, Alignment, BandOptions, Bead, Counts, Diagnostics, EvalError,
    IndexBead, LockedBead, Prf, RealignError, Scores, Sentence, WordList, WordListError, align,
    count, format_bead, parse_beads, realign, realign_with, to_index_beads,
};
pub use formats::*;
pub use model::*;
pub use text::*;
