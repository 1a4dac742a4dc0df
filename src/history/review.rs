//! Review of the changes since a milestone: the query (changes with their review state), the
//! counts, and the edits that accept or revert rows, one row or all shown rows as one batch.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;
use thiserror::Error;

use super::changes::{Change, ChangeKind, changes_keeping, touched};
use super::timeline::text_at;
use crate::model::{
    Edit, Milestone, Origin, Project, ReviewMark, Row, RowId, Side, Status, Verdict,
};

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ReviewError {
    #[error("there is no milestone named \"{0}\"")]
    NoSuchMilestone(String),
    #[error("no row {0}")]
    NoSuchRow(RowId),
    #[error(
        "row {row} was {kind} since the milestone: text moved between rows, so it cannot be reverted row by row (undo the {kind} instead)",
        kind = kind.name()
    )]
    Structural { row: RowId, kind: ChangeKind },
}

/// Where a change stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewState {
    /// Not reviewed yet, or changed again after a verdict.
    Remaining,
    /// Every row of the change has a current `accepted` verdict.
    Accepted,
    /// Every row of the change has a current `reverted` verdict.
    Reverted,
}

/// One change under review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    #[serde(flatten)]
    pub change: Change,
    pub state: ReviewState,
}

impl ReviewItem {
    /// Whether "revert" applies: edits and additions, not structural changes.
    pub fn can_revert(&self) -> bool {
        !self.change.kind.is_structural()
    }
}

/// Counts for the review bar; `changed` = `accepted` + `reverted` + `remaining`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewCounts {
    pub changed: usize,
    pub accepted: usize,
    pub reverted: usize,
    pub remaining: usize,
}

/// The changes since a milestone with their review state, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub milestone: String,
    pub at: Timestamp,
    pub items: Vec<ReviewItem>,
}

impl Review {
    pub fn counts(&self) -> ReviewCounts {
        let mut counts = ReviewCounts {
            changed: self.items.len(),
            ..ReviewCounts::default()
        };
        for item in &self.items {
            match item.state {
                ReviewState::Remaining => counts.remaining += 1,
                ReviewState::Accepted => counts.accepted += 1,
                ReviewState::Reverted => counts.reverted += 1,
            }
        }
        counts
    }

    /// The index of the item that shows this row.
    pub fn item_of(&self, row: RowId) -> Option<usize> {
        self.items.iter().position(|i| i.change.rows.contains(&row))
    }

    /// The next item after `from` (from the start when `None`) still to review, wrapping round.
    pub fn next_remaining(&self, from: Option<usize>) -> Option<usize> {
        let n = self.items.len();
        let start = from.map_or(0, |i| i + 1);
        (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| self.items[i].state == ReviewState::Remaining)
    }

    /// The previous item before `from` (from the end when `None`) still to review, wrapping.
    pub fn previous_remaining(&self, from: Option<usize>) -> Option<usize> {
        let n = self.items.len();
        let start = from.unwrap_or(n) + n;
        (1..=n)
            .map(|k| (start - k) % n)
            .find(|&i| self.items[i].state == ReviewState::Remaining)
    }

    /// Every row shown, in order: what "accept all" takes.
    pub fn rows(&self) -> Vec<RowId> {
        self.items
            .iter()
            .flat_map(|i| i.change.rows.iter().copied())
            .collect()
    }

    /// The rows of the items that can be reverted and are not already: what "revert all"
    /// takes (structural changes are left for the reviewer to undo or accept).
    pub fn revertible_rows(&self) -> Vec<RowId> {
        self.items
            .iter()
            .filter(|i| i.can_revert() && i.state != ReviewState::Reverted)
            .flat_map(|i| i.change.rows.iter().copied())
            .collect()
    }
}

fn find_milestone<'p>(project: &'p Project, name: &str) -> Result<&'p Milestone, ReviewError> {
    project
        .milestone(name)
        .ok_or_else(|| ReviewError::NoSuchMilestone(name.to_string()))
}

/// The verdict on a row still in force: an acceptance while the row's history has the length
/// it had when it was given (any later change is to be reviewed again); a revert while the row
/// has its milestone text (so a revert undone and redone still counts).
fn current_verdict(
    marks: &HashMap<RowId, &ReviewMark>,
    row: &Row,
    at: Timestamp,
) -> Option<Verdict> {
    let mark = marks.get(&row.id)?;
    let holds = match mark.verdict {
        Verdict::Accepted => mark.revisions == row.history.len(),
        Verdict::Reverted => Side::BOTH
            .iter()
            .all(|&side| text_at(row, side, at).unwrap_or("") == row.text(side)),
    };
    holds.then_some(mark.verdict)
}

/// The review query: every change since the milestone (see [`super::changes_since`] for the
/// rule on merged, split and moved rows), with its diffs and review state. Rows reverted by the
/// reviewer are kept (unchanged, state `reverted`) so the counts add up.
///
/// Cost: one binary search per row over its revision times, and diffs only for rows changed
/// since the milestone.
pub fn review(project: &Project, milestone: &str) -> Result<Review, ReviewError> {
    let milestone = find_milestone(project, milestone)?;
    let marks: HashMap<RowId, &ReviewMark> = milestone.marks.iter().map(|m| (m.row, m)).collect();
    // The verdicts still in force, found in one pass (rows are looked up by id only here).
    let verdicts: HashMap<RowId, Verdict> = if marks.is_empty() {
        HashMap::new()
    } else {
        project
            .rows
            .iter()
            .filter_map(|row| Some((row.id, current_verdict(&marks, row, milestone.at)?)))
            .collect()
    };
    let keep = |row: &Row| verdicts.contains_key(&row.id);
    let items = changes_keeping(project, milestone.at, &keep)
        .into_iter()
        .map(|change| {
            let state = state_of(change.rows.iter().map(|id| verdicts.get(id).copied()));
            ReviewItem { change, state }
        })
        .collect();
    Ok(Review {
        milestone: milestone.name.clone(),
        at: milestone.at,
        items,
    })
}

fn state_of(verdicts: impl Iterator<Item = Option<Verdict>> + Clone) -> ReviewState {
    let all = |v: Verdict| verdicts.clone().all(|x| x == Some(v));
    if all(Verdict::Accepted) {
        ReviewState::Accepted
    } else if all(Verdict::Reverted) {
        ReviewState::Reverted
    } else {
        ReviewState::Remaining
    }
}

/// The counts of [`review`].
pub fn review_counts(project: &Project, milestone: &str) -> Result<ReviewCounts, ReviewError> {
    Ok(review(project, milestone)?.counts())
}

/// The edit that accepts rows: each is set to status reviewed and marked accepted for the
/// milestone, all as one batch (one undo step).
pub fn accept_edit(
    project: &Project,
    milestone: &str,
    rows: &[RowId],
) -> Result<Edit, ReviewError> {
    find_milestone(project, milestone)?;
    let mut edits = Vec::with_capacity(rows.len() * 2);
    for &id in rows {
        let row = project.row(id).ok_or(ReviewError::NoSuchRow(id))?;
        if row.status != Status::Reviewed {
            edits.push(Edit::SetStatus {
                row: id,
                status: Status::Reviewed,
            });
        }
        edits.push(Edit::Review {
            milestone: milestone.to_string(),
            row: id,
            verdict: Some(Verdict::Accepted),
            revisions: None,
        });
    }
    Ok(Edit::Batch(edits))
}

/// The edit that reverts rows: each side that differs from its text at the milestone gets that
/// text back (a new revision with origin `reverted`; a side that had no text then becomes
/// empty), and the row is marked reverted, all as one batch. Rows with no change are left as
/// they are; a row in a structural change is refused, since its milestone text now lives partly
/// in other rows.
pub fn revert_edit(
    project: &Project,
    milestone: &str,
    rows: &[RowId],
) -> Result<Edit, ReviewError> {
    let at = find_milestone(project, milestone)?.at;
    let mut edits = Vec::new();
    for &id in rows {
        let index = project.index_of(id).ok_or(ReviewError::NoSuchRow(id))?;
        let row = &project.rows[index];
        let Some(touched) = touched(index, row, at) else {
            continue;
        };
        let kind = touched.kind();
        if kind.is_structural() {
            return Err(ReviewError::Structural { row: id, kind });
        }
        let mut changed = false;
        for side in Side::BOTH {
            let old = &touched.old[side as usize];
            if old.as_ref() != row.text(side) {
                changed = true;
                edits.push(Edit::SetText {
                    row: id,
                    side,
                    text: old.to_string(),
                    origin: Origin::Reverted,
                });
            }
        }
        if changed {
            edits.push(Edit::Review {
                milestone: milestone.to_string(),
                row: id,
                verdict: Some(Verdict::Reverted),
                revisions: None,
            });
        }
    }
    Ok(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImportedRow, UndoStack};

    /// After every merge, split and move since the milestone is undone, the rows have the
    /// milestone's structure again: what is left is a plain text change, and it can be reverted.
    #[test]
    fn a_structure_back_to_the_milestones_is_a_plain_text_change() {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([
            ImportedRow {
                source: "Ett. Två.".into(),
                target: "One. Two.".into(),
                ..ImportedRow::default()
            },
            ImportedRow {
                source: "Tre.".into(),
                target: "Three.".into(),
                ..ImportedRow::default()
            },
        ]);
        std::thread::sleep(std::time::Duration::from_millis(2));
        let at = Timestamp::now();
        std::thread::sleep(std::time::Duration::from_millis(2));
        p.apply(Edit::AddMilestone {
            milestone: Milestone::new("sent", at),
            index: None,
        })
        .unwrap();
        let (first, second) = (p.rows[0].id, p.rows[1].id);
        let mut stack = UndoStack::default();
        stack
            .apply(
                &mut p,
                Edit::SetText {
                    row: first,
                    side: Side::Target,
                    text: "One. Two!".into(),
                    origin: Origin::Typed,
                },
            )
            .unwrap();
        let structural = [
            Edit::Merge { row: first },
            Edit::Split {
                row: first,
                source_at: 4,
                target_at: 4,
            },
            Edit::MoveLastSentenceDown {
                row: first,
                side: Side::Source,
            },
        ];
        for edit in structural {
            stack.apply(&mut p, edit.clone()).unwrap();
            let during = review(&p, "sent").unwrap();
            assert!(
                during.items.iter().any(|i| i.change.kind.is_structural()),
                "while {edit:?} stands the change is structural"
            );
            assert!(stack.undo(&mut p).unwrap());
        }
        let after = review(&p, "sent").unwrap();
        assert_eq!(after.items.len(), 1, "{after:?}");
        let item = &after.items[0];
        assert_eq!(item.change.kind, ChangeKind::Edited);
        assert_eq!(item.change.rows, [first]);
        assert!(item.can_revert());
        p.apply(revert_edit(&p, "sent", &[first]).unwrap()).unwrap();
        assert_eq!(p.rows[0].target, "One. Two.");
        assert_eq!(p.rows[1].id, second);

        // A redone merge is structural again.
        stack
            .apply(
                &mut p,
                Edit::SetText {
                    row: first,
                    side: Side::Target,
                    text: "One. Two?".into(),
                    origin: Origin::Typed,
                },
            )
            .unwrap();
        stack.apply(&mut p, Edit::Merge { row: first }).unwrap();
        assert!(stack.undo(&mut p).unwrap());
        assert!(stack.redo(&mut p).unwrap());
        let redone = review(&p, "sent").unwrap();
        assert_eq!(redone.items[0].change.kind, ChangeKind::Merged);
        assert!(!redone.items[0].can_revert());
    }
}
