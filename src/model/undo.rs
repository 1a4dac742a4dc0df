//! Undo and redo as two stacks of inverse edits; each step costs the size of its edit.

use super::edit::{Edit, EditError};
use super::project::Project;
use super::row::Origin;

/// The undo history of one editing session (not saved with the project).
#[derive(Debug, Default, Clone)]
pub struct UndoStack {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl UndoStack {
    /// Applies an edit and remembers how to undo it; a new edit clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        self.apply_at(project, edit, jiff::Timestamp::now())
    }

    /// Applies like [`UndoStack::apply`] with the edit's time given.
    pub fn apply_at(
        &mut self,
        project: &mut Project,
        edit: Edit,
        at: jiff::Timestamp,
    ) -> Result<(), EditError> {
        let inverse = project.apply_at(edit, at)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        Self::step(project, &mut self.undo, &mut self.redo, Origin::Redone)
    }

    /// Redoes the last undone edit; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        Self::step(project, &mut self.redo, &mut self.undo, Origin::Undone)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Pops from one stack, applies, and pushes the inverse (tagged for what re-applying it
    /// will mean) onto the other. A failed step leaves both stacks and the project as they were.
    fn step(
        project: &mut Project,
        from: &mut Vec<Edit>,
        to: &mut Vec<Edit>,
        inverse_origin: Origin,
    ) -> Result<bool, EditError> {
        let Some(edit) = from.pop() else {
            return Ok(false);
        };
        match project.apply(edit.clone()) {
            Ok(inverse) => {
                to.push(inverse.with_origin(inverse_origin));
                Ok(true)
            }
            Err(error) => {
                from.push(edit);
                Err(error)
            }
        }
    }
}
