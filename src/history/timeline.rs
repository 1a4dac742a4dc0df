//! A row through time: its text as of a moment or a milestone, and the diff between two of its
//! revisions or between a moment and now.

use jiff::Timestamp;
use thiserror::Error;

use super::diff::Diff;
use crate::model::{Project, Row, RowId, Side};

#[derive(Debug, Clone, PartialEq, Error)]
pub enum HistoryError {
    #[error("no row {0}")]
    NoSuchRow(RowId),
    #[error("row {row} has no revision number {revision} (it has {len})")]
    NoSuchRevision {
        row: RowId,
        revision: usize,
        len: usize,
    },
    #[error("revisions {first} and {second} of row {row} are of different sides")]
    DifferentSides {
        row: RowId,
        first: usize,
        second: usize,
    },
    #[error("there is no milestone named \"{0}\"")]
    NoSuchMilestone(String),
}

/// How many of the row's revisions were made at or before `at`.
///
/// Revisions are appended with the time they are made, so a history is in time order and this
/// is a binary search. (For a history that is not, e.g. one edited by hand across a clock
/// change, the answer is still a valid count, just not a meaningful one.)
pub fn revisions_until(row: &Row, at: Timestamp) -> usize {
    row.history.partition_point(|r| r.at <= at)
}

/// Whether the row existed at `at`: it has a revision made by then. (A row inserted empty has
/// no revision until text is typed into it; it counts from then.)
pub fn existed_at(row: &Row, at: Timestamp) -> bool {
    revisions_until(row, at) > 0
}

/// The text one side of a row had at `at`: its last revision of that side made by then, or
/// `None` when that side had no text yet.
pub fn text_at(row: &Row, side: Side, at: Timestamp) -> Option<&str> {
    text_before(row, side, revisions_until(row, at))
}

/// The text of one side in the row's last revision of that side among its first `until`.
pub(super) fn text_before(row: &Row, side: Side, until: usize) -> Option<&str> {
    row.history
        .get(..until)?
        .iter()
        .rev()
        .find(|r| r.side == side)
        .map(|r| r.text.as_str())
}

/// The text one side of a row had at a milestone (`None`: no text yet then).
pub fn text_at_milestone<'p>(
    project: &'p Project,
    row: RowId,
    side: Side,
    milestone: &str,
) -> Result<Option<&'p str>, HistoryError> {
    let at = project
        .milestone(milestone)
        .ok_or_else(|| HistoryError::NoSuchMilestone(milestone.to_string()))?
        .at;
    let row = project.row(row).ok_or(HistoryError::NoSuchRow(row))?;
    Ok(text_at(row, side, at))
}

/// The diff from one revision of a row to another (indices into `history`; either order).
/// Both must be of the same side: a source text compared with a translation means nothing.
pub fn revision_diff(row: &Row, from: usize, to: usize) -> Result<Diff, HistoryError> {
    let get = |revision: usize| {
        row.history
            .get(revision)
            .ok_or(HistoryError::NoSuchRevision {
                row: row.id,
                revision,
                len: row.history.len(),
            })
    };
    let (old, new) = (get(from)?, get(to)?);
    if old.side != new.side {
        return Err(HistoryError::DifferentSides {
            row: row.id,
            first: from,
            second: to,
        });
    }
    Ok(Diff::between(&old.text, &new.text))
}

/// The diff of one side of a row from what it was at `at` to what it is now (a side with no
/// text then counts as empty).
pub fn diff_since(row: &Row, side: Side, at: Timestamp) -> Diff {
    Diff::between(text_at(row, side, at).unwrap_or(""), row.text(side))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Revision, Status};

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    fn row() -> Row {
        let revision = |s, side, text: &str| Revision {
            at: at(s),
            author: "t".into(),
            side,
            text: text.into(),
            origin: Origin::Typed,
            extra: Default::default(),
        };
        Row {
            id: RowId(7),
            source: "Två.".into(),
            target: "Two!".into(),
            status: Status::Draft,
            locked: false,
            score: None,
            starts_paragraph: false,
            target_starts_paragraph: None,
            notes: Vec::new(),
            history: vec![
                revision(10, Side::Source, "Två."),
                revision(20, Side::Target, "Two."),
                revision(30, Side::Target, "Two!"),
            ],
            extra: Default::default(),
        }
    }

    #[test]
    fn text_at_takes_the_last_revision_made_by_then() {
        let row = row();
        assert_eq!(text_at(&row, Side::Target, at(5)), None);
        assert_eq!(text_at(&row, Side::Target, at(20)), Some("Two."));
        assert_eq!(text_at(&row, Side::Target, at(29)), Some("Two."));
        assert_eq!(text_at(&row, Side::Target, at(31)), Some("Two!"));
        assert_eq!(text_at(&row, Side::Source, at(31)), Some("Två."));
        assert!(!existed_at(&row, at(9)));
        assert!(existed_at(&row, at(10)));
    }

    #[test]
    fn revision_diffs_need_one_side() {
        let row = row();
        let diff = revision_diff(&row, 1, 2).unwrap();
        assert_eq!(diff.new_text(), "Two!");
        assert_eq!(diff.old_text(), "Two.");
        assert!(matches!(
            revision_diff(&row, 0, 2),
            Err(HistoryError::DifferentSides { .. })
        ));
        assert!(matches!(
            revision_diff(&row, 1, 9),
            Err(HistoryError::NoSuchRevision { revision: 9, .. })
        ));
        assert!(!diff_since(&row, Side::Target, at(30)).is_changed());
        assert_eq!(diff_since(&row, Side::Target, at(0)).old_text(), "");
    }
}
