//! The project model: rows, statuses, revisions, milestones, and the one edit API.

mod edit;
mod find;
mod integrity;
mod lang;
mod milestone;
mod note;
mod palette;
mod project;
mod qa;
mod row;
mod row_index;
mod segmentation;
mod split_point;
mod stats;
mod undo;
mod workflow;

pub use edit::{Edit, EditError, ProjectState, Splice};
pub use find::{
    Filter, FindError, LOW_CONFIDENCE, Match, Matcher, Query, Scope, next_unfinished,
    next_untranslated,
};
pub use integrity::IntegrityError;
pub use lang::{CheckedTag, LanguageTagError, check_language_tag, is_valid_language_tag};
pub use milestone::{ReviewMark, Verdict};
pub use note::Note;
pub use palette::{BACKGROUND_TINT, Rgb};
pub use project::{
    FORMAT_TAG, FORMAT_VERSION, ImportedRow, Meta, Milestone, Project, Session, pair_in_order,
};
pub use qa::{IgnoredFinding, QaSettings};
pub use row::{Extra, Origin, Revision, Row, RowContent, RowId, Side, Status};
pub use segmentation::{
    RULES_FILE_LIMIT, RulesFileError, SegmentationRulesError, SegmentationSettings,
    read_rules_file, read_rules_text,
};
pub use split_point::{SplitAt, split_point, split_point_at};
pub use stats::ProjectStats;
pub use undo::UndoStack;
pub use workflow::{commit_typed, confirm};
