//! Tolk's core: the project model and its edit API, text import and segmentation, alignment,
//! history and file formats. Nothing here knows about a GUI; the `ui` module (feature `gui`) is
//! a thin window over the core.

mod align;
pub mod check;
pub mod concordance;
mod document;
mod formats;
mod history;
mod import;
mod lock;
mod model;
mod new_project;
mod process;
mod statistics;
mod text;
#[cfg(feature = "gui")]
pub mod ui;

pub use align::{
    AlignError, AlignOptions, Alignment, BandOptions, Bead, Counts, Cutting, Diagnostics,
    EvalError, IndexBead, LockedBead, NewProject, ParagraphCounts, Prf, RealignError, Scores,
    Sentence, UnmatchedParagraph, WordList, WordListError, WrongConfidence, align, align_imported,
    align_imported_with_diagnostics, aligned_project, confirmed_rows_replaced, count,
    describe_confirmed_rows_replaced, format_bead, linked_paragraphs, paragraph_indices,
    parse_beads, project_from_texts, realign, realign_with, to_index_beads,
};
pub use check::{CheckError, CheckId, CheckSetup, Checker, Finding};
pub use document::{
    Document, SaveJob, Saved, age_of, newer_recovery, recovery_path, restore_recovery,
    write_recovery_of,
};
pub use formats::*;
pub use history::*;
pub use import::{
    CleanupReport, Detected, DocumentKind, ImportedDocument, MAX_UNPACKED_BYTES, PDFTOTEXT,
    Problem as DocumentProblem, ReadDocument, clean_pdf_layout, detect as detect_document,
    pdftotext_available, read_document,
};
pub use lock::{Acquired, LockError, LockOwner, ProjectLock, lock_path};
pub use model::*;
pub use new_project::{NewFromFiles, NewProjectError, project_from_files, project_from_files_with};
pub use process::clean_up_before_exit;
pub use statistics::{MilestoneCounts, Statistics, StatusCounts, TextCounts};
pub use text::*;
