//! The project model: rows, statuses, revisions, milestones, and the one edit API.

mod edit;
mod integrity;
mod project;
mod row;
mod stats;
mod undo;

pub use edit::{Edit, EditError, Splice};
pub use integrity::IntegrityError;
pub use project::{FORMAT_TAG, FORMAT_VERSION, ImportedRow, Meta, Milestone, Project, Session};
pub use row::{Origin, Revision, Row, RowContent, RowId, Side, Status};
pub use stats::ProjectStats;
pub use undo::UndoStack;
