//! Milestones and review verdicts as edits: add, rename and delete a milestone, record or clear
//! a reviewer's verdict on a row; each returns its inverse like every other edit.

use serde::{Deserialize, Serialize};

use super::edit::{Edit, EditError};
use super::project::{Milestone, Project};
use super::row::RowId;

/// A reviewer's decision on a row's changes since a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The changes are right (the row is also set to status reviewed).
    Accepted,
    /// The changes were undone: the row got its milestone text back.
    Reverted,
}

/// A verdict on one row, stored with the milestone it was given against.
///
/// `revisions` is the length of the row's history when the verdict was given. An acceptance
/// holds only while the history has that length: histories only grow, so any later change of
/// the row's text makes it stale and the row is to be reviewed again. (A count rather than a
/// time, so that a clock set back cannot revive a stale verdict.) A revert holds while the row
/// has its milestone text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewMark {
    pub row: RowId,
    pub verdict: Verdict,
    pub revisions: usize,
}

impl Project {
    /// The milestone with this name.
    pub fn milestone(&self, name: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.name == name)
    }

    fn milestone_index(&self, name: &str) -> Result<usize, EditError> {
        self.milestones
            .iter()
            .position(|m| m.name == name)
            .ok_or_else(|| EditError::NoSuchMilestone(name.to_string()))
    }

    /// Milestone names are what the review and `tolk diff --since` look milestones up by, so
    /// they must be unique and not blank.
    fn check_new_name(&self, name: &str) -> Result<(), EditError> {
        if name.trim().is_empty() {
            return Err(EditError::BlankMilestoneName);
        }
        if self.milestone(name).is_some() {
            return Err(EditError::MilestoneExists(name.to_string()));
        }
        Ok(())
    }

    pub(super) fn add_milestone(
        &mut self,
        milestone: Milestone,
        index: Option<usize>,
    ) -> Result<Edit, EditError> {
        self.check_new_name(&milestone.name)?;
        let len = self.milestones.len();
        let index = index.unwrap_or(len);
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        let name = milestone.name.clone();
        self.milestones.insert(index, milestone);
        Ok(Edit::DeleteMilestone { name })
    }

    pub(super) fn rename_milestone(&mut self, name: &str, to: String) -> Result<Edit, EditError> {
        let i = self.milestone_index(name)?;
        if to != name {
            self.check_new_name(&to)?;
        }
        let old = std::mem::replace(&mut self.milestones[i].name, to.clone());
        Ok(Edit::RenameMilestone { name: to, to: old })
    }

    pub(super) fn delete_milestone(&mut self, name: &str) -> Result<Edit, EditError> {
        let i = self.milestone_index(name)?;
        let milestone = self.milestones.remove(i);
        Ok(Edit::AddMilestone {
            milestone,
            index: Some(i),
        })
    }

    /// Sets or clears the mark of `row` in a milestone. Marks are kept in row-id order, so that
    /// an inverse puts a mark back where it was.
    pub(super) fn set_review_mark(
        &mut self,
        milestone: &str,
        row: RowId,
        verdict: Option<Verdict>,
        revisions: Option<usize>,
    ) -> Result<Edit, EditError> {
        let i = self.milestone_index(milestone)?;
        let history_len = self
            .row(row)
            .ok_or(EditError::NoSuchRow(row))?
            .history
            .len();
        let marks = &mut self.milestones[i].marks;
        let old = marks
            .iter()
            .position(|m| m.row == row)
            .map(|at| marks.remove(at));
        if let Some(verdict) = verdict {
            let at = marks.partition_point(|m| m.row < row);
            let revisions = revisions.unwrap_or(history_len);
            marks.insert(
                at,
                ReviewMark {
                    row,
                    verdict,
                    revisions,
                },
            );
        }
        Ok(Edit::Review {
            milestone: milestone.to_string(),
            row,
            verdict: old.as_ref().map(|m| m.verdict),
            revisions: old.map(|m| m.revisions),
        })
    }
}
