//! The project model: rows, statuses, revisions, milestones, and the one edit API.

mod edit;
mod project;
mod row;
mod undo;

pub use edit::{Edit, EditError, Splice};
pub use project::{FORMAT_TAG, FORMAT_VERSION, ImportedRow, Meta, Milestone, Project, Session};
pub use row::{Origin, Revision, Row, RowContent, RowId, Side, Status};
pub use undo::UndoStack;
