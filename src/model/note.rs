//! Notes on rows (a translator's remark, a reviewer's question): several per row, each with
//! its author and time. They change only through edits (`AddNote`, `DeleteNote`,
//! `RestoreNote`), so adding or removing one is undoable like any other change.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::edit::{Edit, EditError};
use super::project::Project;
use super::row::{Extra, RowId};

/// One note on a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub at: Timestamp,
    pub author: String,
    pub text: String,
    /// Fields this Tolk does not know: kept and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Note {
    pub fn new(text: impl Into<String>, author: impl Into<String>, at: Timestamp) -> Note {
        Note {
            at,
            author: author.into(),
            text: text.into(),
            extra: Extra::new(),
        }
    }
}

impl Project {
    /// Appends a note by the session's author at `at`; the inverse deletes it.
    pub(super) fn add_note(
        &mut self,
        row: RowId,
        text: String,
        at: Timestamp,
    ) -> Result<Edit, EditError> {
        let i = self.index_of(row).ok_or(EditError::NoSuchRow(row))?;
        if text.trim().is_empty() {
            return Err(EditError::BlankNote(row));
        }
        let note = Note::new(text, self.session.author.clone(), at);
        let notes = &mut self.rows[i].notes;
        notes.push(note);
        Ok(Edit::DeleteNote {
            row,
            index: notes.len() - 1,
        })
    }

    /// Removes note `index` of a row; the inverse puts the very same note back.
    pub(super) fn delete_note(&mut self, row: RowId, index: usize) -> Result<Edit, EditError> {
        let i = self.index_of(row).ok_or(EditError::NoSuchRow(row))?;
        let notes = &mut self.rows[i].notes;
        if index >= notes.len() {
            return Err(EditError::NoSuchNote { row, index });
        }
        let note = notes.remove(index);
        Ok(Edit::RestoreNote { row, index, note })
    }

    /// Puts a note (with its own author and time) back at `index`.
    pub(super) fn restore_note(
        &mut self,
        row: RowId,
        index: usize,
        note: Note,
    ) -> Result<Edit, EditError> {
        let i = self.index_of(row).ok_or(EditError::NoSuchRow(row))?;
        let notes = &mut self.rows[i].notes;
        if index > notes.len() {
            return Err(EditError::NoSuchNote { row, index });
        }
        notes.insert(index, note);
        Ok(Edit::DeleteNote { row, index })
    }
}
