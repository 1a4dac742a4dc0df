//! The handlers of row and alignment commands: selection, the edited cell, statuses, undo, and
//! the structural edits. Every change goes through the document's edit API; the workflow rules
//! (what typing or confirming does to a status) come from the core.

use crate::{Edit, Project, RowId, Side, SplitAt, Status, commit_typed, confirm, split_point_at};
use eframe::egui::Context;

use super::app::TolkApp;
use super::commands::{AlignCommand, RowCommand};
use super::find_bar::FilterBar;
use super::grid::CellEditor;
use super::windows::{Modal, SegmentationForm};

impl TolkApp {
    pub(super) fn run_row(&mut self, command: RowCommand) {
        match command {
            RowCommand::Undo => {
                self.commit_cell();
                self.undo_redo(true);
            }
            RowCommand::Redo => {
                self.commit_cell();
                self.undo_redo(false);
            }
            RowCommand::Select(index) => self.select_index(index),
            RowCommand::SelectAt { index, side, caret } => {
                self.select_index(index);
                self.open_editor(index, side, caret);
            }
            RowCommand::SelectRelative(delta) => self.select_relative(delta),
            RowCommand::NextUntranslated => self.goto_next(crate::next_untranslated),
            RowCommand::JumpTo(number) => self.jump_to(number),
            RowCommand::Confirm => self.confirm_row(),
            RowCommand::CommitCell => self.commit_cell(),
            RowCommand::EditSide(side) => {
                self.commit_cell();
                if let Some(index) = self.selected_index() {
                    self.open_editor(index, side, None);
                }
            }
            RowCommand::SetStatus(status) => self.set_status(status),
            RowCommand::CopySourceToTarget => self.copy_source_to_target(),
            RowCommand::SelectChars { index, side, chars } => {
                self.select_index(index);
                self.open_editor(index, side, Some(chars.start));
                if let Some(editor) = &mut self.editor {
                    let end = chars.end.min(editor.text.chars().count()).max(chars.start);
                    editor.place_caret = Some((chars.start, end));
                }
            }
        }
    }

    pub(super) fn run_align(&mut self, command: AlignCommand, ctx: &Context) {
        match command {
            AlignCommand::Merge => self.structural(|_, row, _| Some(Edit::Merge { row })),
            AlignCommand::Split => self.split(SplitAt::Boundary),
            AlignCommand::SplitBothSides => self.split(SplitAt::Word),
            AlignCommand::MoveSentenceUp => {
                let side = self.editor_side();
                self.structural(move |_, row, _| Some(Edit::MoveFirstSentenceUp { row, side }));
            }
            AlignCommand::MoveSentenceDown => {
                let side = self.editor_side();
                self.structural(move |_, row, _| Some(Edit::MoveLastSentenceDown { row, side }));
            }
            AlignCommand::InsertRow => {
                let index = self.selected_index().map_or(0, |i| i + 1);
                self.commit_cell();
                if self.apply(Edit::InsertRow { index }) {
                    self.select_index(index);
                }
            }
            AlignCommand::DeleteRow => {
                self.structural(|_, row, _| Some(Edit::DeleteRow { row }));
            }
            AlignCommand::ToggleLock => self.structural(|project, row, _| {
                let locked = project.row(row)?.locked;
                Some(Edit::SetLocked {
                    row,
                    locked: !locked,
                })
            }),
            AlignCommand::Realign(rows, cutting) => self.start_realign(rows, cutting, ctx),
            AlignCommand::EditSegmentation => {
                if let Some(doc) = &self.doc {
                    let project = doc.project();
                    let form = SegmentationForm::of(&project.meta.segmentation, project.rows.len());
                    self.modal = Some(Modal::Segmentation(form));
                }
            }
        }
    }

    /// Splits the selected row at the edited cell's caret; the other side is cut where `at`
    /// allows nearest the same relative place, or stays whole in the first row (said so).
    fn split(&mut self, at: SplitAt) {
        let Some((side, caret)) = self
            .editor
            .as_ref()
            .map(|e| (e.side, e.cursor.unwrap_or(0)))
        else {
            self.message = Some("Put the caret where the row should be split".to_string());
            return;
        };
        let mut whole = false;
        self.structural(|project, row, index| {
            let (source_at, target_at) = split_point_at(project, index, side, caret, at);
            let other = match side {
                Side::Source => (target_at, &project.rows[index].target),
                Side::Target => (source_at, &project.rows[index].source),
            };
            whole = !other.1.trim().is_empty() && other.0 >= other.1.chars().count();
            Some(Edit::Split {
                row,
                source_at,
                target_at,
            })
        });
        if whole && self.message.is_none() {
            self.message = Some(format!(
                "The {} has no sentence or clause boundary to split at: it stayed whole in the first row (Ctrl+Shift+K splits it at the nearest word)",
                match side {
                    Side::Source => "target",
                    Side::Target => "source",
                }
            ));
        }
    }

    /// Applies an edit; a refused edit becomes a status message. Returns whether it applied.
    pub(super) fn apply(&mut self, edit: Edit) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.apply(edit, &self.settings.author) {
            Ok(()) => {
                self.message = None;
                self.reload_editor();
                true
            }
            Err(error) => {
                self.message = Some(format!("Not done: {error}"));
                false
            }
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let author = &self.settings.author;
        let result = if undo {
            doc.undo(author)
        } else {
            doc.redo(author)
        };
        let verb = if undo { "undo" } else { "redo" };
        self.message = match result {
            Ok(true) => None,
            Ok(false) => Some(format!("Nothing to {verb}")),
            Err(error) => Some(format!("Could not {verb}: {error}")),
        };
        if self.selected_index().is_none() {
            self.selected = None;
        }
        self.reload_editor();
    }

    /// The edit that committing the cell being typed in would make (`None`: no typing, or
    /// typing that changed nothing).
    pub(super) fn pending_typing(&self) -> Option<Edit> {
        let (doc, editor) = (self.doc.as_ref()?, self.editor.as_ref()?);
        commit_typed(doc.project(), editor.row, editor.side, &editor.text)
    }

    /// Commits the edited cell as one revision (if its text changed).
    pub(super) fn commit_cell(&mut self) {
        if let Some(edit) = self.pending_typing() {
            self.apply(edit);
        }
    }

    /// Re-reads the edited cell's text from the project after an edit changed it.
    pub(super) fn reload_editor(&mut self) {
        let Some(doc) = &self.doc else {
            return;
        };
        let side = self.editor_side();
        let old = self.editor.take();
        self.editor = self
            .selected
            .and_then(|id| doc.project().row(id))
            .map(|row| {
                let same_row = old.as_ref().filter(|e| e.row == row.id);
                CellEditor {
                    row: row.id,
                    side,
                    text: row.text(side).to_string(),
                    cursor: same_row.and_then(|e| e.cursor),
                    place_caret: same_row.and_then(|e| e.place_caret),
                    wants_focus: old.as_ref().is_some_and(|e| e.wants_focus),
                }
            });
    }

    pub(super) fn editor_side(&self) -> Side {
        self.editor.as_ref().map_or(Side::Target, |e| e.side)
    }

    pub(super) fn select_index(&mut self, index: usize) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let Some(row) = doc.project().rows.get(index) else {
            return;
        };
        self.selected = Some(row.id);
        self.open_editor(index, Side::Target, None);
        self.refresh_visible();
        if let Ok(position) = self.shown.rows.binary_search(&index) {
            self.grid.scroll_to = Some(position);
        }
    }

    /// Opens a side of a row for editing with the caret at `caret` (in characters; `None`: at
    /// the end of the text, never where an earlier visit left it).
    pub(super) fn open_editor(&mut self, index: usize, side: Side, caret: Option<usize>) {
        let Some(row) = self.doc.as_ref().and_then(|d| d.project().rows.get(index)) else {
            return;
        };
        let text = row.text(side).to_string();
        let caret = caret.unwrap_or_else(|| text.chars().count());
        self.editor = Some(CellEditor {
            row: row.id,
            side,
            text,
            cursor: Some(caret),
            place_caret: Some((caret, caret)),
            wants_focus: true,
        });
    }

    fn select_relative(&mut self, delta: isize) {
        if self.shown.rows.is_empty() {
            return;
        }
        let position = self
            .selected_index()
            .and_then(|i| self.shown.rows.binary_search(&i).ok())
            .map_or(0, |p| {
                p.saturating_add_signed(delta)
                    .min(self.shown.rows.len() - 1)
            });
        self.select_index(self.shown.rows[position]);
    }

    fn goto_next(&mut self, next: fn(&Project, Option<usize>) -> Option<usize>) {
        let Some(doc) = &self.doc else {
            return;
        };
        match next(doc.project(), self.selected_index()) {
            Some(index) => self.select_index(index),
            None => self.message = Some("No more rows to do".to_string()),
        }
    }

    /// The selected row's id, with a message when there is none.
    fn selected_row(&mut self) -> Option<RowId> {
        let row = self.selected_index().and(self.selected);
        if row.is_none() {
            self.message = Some("Select a row first".to_string());
        }
        row
    }

    fn confirm_row(&mut self) {
        let (Some(doc), Some(row)) = (&self.doc, self.selected) else {
            return;
        };
        let typed = self
            .editor
            .as_ref()
            .filter(|e| e.row == row)
            .map(|e| (e.side, e.text.as_str()));
        if let Some(edit) = confirm(doc.project(), row, typed)
            && !self.apply(edit)
        {
            return;
        }
        self.goto_next(crate::next_unfinished);
    }

    /// Sets the selected row's status (after committing the cell); the core refuses a confirmed
    /// status for a row without a translation, and the refusal is shown.
    fn set_status(&mut self, status: Status) {
        self.commit_cell();
        if let Some(row) = self.selected_row() {
            self.apply(Edit::SetStatus { row, status });
        }
    }

    fn copy_source_to_target(&mut self) {
        self.commit_cell();
        let Some(row) = self.selected_row() else {
            return;
        };
        let Some(doc) = &self.doc else {
            return;
        };
        let source = doc.project().row(row).map(|r| r.source.clone());
        if let Some(edit) = source.and_then(|s| commit_typed(doc.project(), row, Side::Target, &s))
        {
            self.apply(edit);
        }
    }

    /// Runs a structural edit on the selected row (committing the cell first).
    fn structural(&mut self, make: impl FnOnce(&Project, RowId, usize) -> Option<Edit>) {
        self.commit_cell();
        let (Some(doc), Some(index)) = (&self.doc, self.selected_index()) else {
            self.message = Some("Select a row first".to_string());
            return;
        };
        let row = doc.project().rows[index].id;
        if let Some(edit) = make(doc.project(), row, index) {
            self.apply(edit);
        }
    }

    fn jump_to(&mut self, number: usize) {
        let rows = self.doc.as_ref().map_or(0, |d| d.project().rows.len());
        if number == 0 || number > rows {
            self.message = Some(format!("There is no row {number} (the project has {rows})"));
            return;
        }
        if self.shown.rows.binary_search(&(number - 1)).is_err() {
            let filter = &mut self.panels.filter;
            *filter = FilterBar {
                version: filter.version + 1,
                ..FilterBar::default()
            };
        }
        self.select_index(number - 1);
    }
}
