//! What changed since a moment: every row whose text differs from what it was then, with word
//! diffs of both sides, rows merged, split or moved since then grouped as one structural change.
//!
//! The rule, which uses only what the project keeps (row ids and revision origins):
//! - A row is *touched* when it has a revision made after the moment. A touched row that
//!   existed then and whose two texts are again what they were then (a change undone, a merge
//!   undone, a sentence moved back) is not a change.
//! - A touched row is *structural* when one of its revisions after the moment has origin
//!   `merged`, `split` or `moved`; a row split off since then is structural too (its first
//!   revision has origin `split`). Neighbouring structural rows form one change, whose diff is
//!   the combined text: the texts the rows had then, joined with a space, against their texts
//!   now, joined the same way. A split shows as rows whose combined text did not change; a
//!   moved sentence as text that left one row and reached the next.
//! - A row merged into its predecessor is gone from the project with its history, so its text
//!   is read off the merge: the merged revision minus the text the row had just before. That
//!   is the absorbed row's text at the merge; changes made to it between the moment and the
//!   merge cannot be seen any more. A merge undone (an `undone` revision restoring the text of
//!   before the merge) drops out, and a redo (`redone`) brings it back.
//! - Other touched rows are edits (the row existed then) or additions (it did not).
//!
//! Rows deleted since the moment leave no trace (only empty rows can be deleted, so no text is
//! lost that way).

use std::borrow::Cow;

use jiff::Timestamp;
use serde::Serialize;

use super::diff::Diff;
use super::timeline::{revisions_until, text_before};
use crate::model::{Origin, Project, Row, RowId, Side};

/// What kind of change a [`Change`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The row's text changed.
    Edited,
    /// The row is new (inserted or imported), not split off another.
    Added,
    /// The row is gone (only when comparing two projects).
    Removed,
    /// A row absorbed the row after it.
    Merged,
    /// A row was split in two or more.
    Split,
    /// Sentences moved between neighbouring rows.
    Moved,
    /// Several of merged, split and moved on neighbouring rows.
    Restructured,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Edited => "edited",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Merged => "merged",
            ChangeKind::Split => "split",
            ChangeKind::Moved => "moved",
            ChangeKind::Restructured => "restructured",
        }
    }

    /// Whether the change moved text between rows (and so cannot be reverted row by row).
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            ChangeKind::Merged | ChangeKind::Split | ChangeKind::Moved | ChangeKind::Restructured
        )
    }
}

/// One change: the rows it concerns (in reading order; one for an edit) and the word diff of
/// each side (unchanged sides have a diff with no change).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub rows: Vec<RowId>,
    pub source: Diff,
    pub target: Diff,
}

impl Change {
    pub fn diff(&self, side: Side) -> &Diff {
        match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        }
    }
}

/// Structural origins as bits, so a group's kind is one bit or several.
const MERGED: u8 = 1;
const SPLIT: u8 = 2;
const MOVED: u8 = 4;

/// A touched row, as the grouping needs it.
pub(super) struct Touched<'p> {
    pub index: usize,
    pub row: &'p Row,
    pub existed: bool,
    pub structure: u8,
    /// The row's text on each side at the moment ("" when it had none), with the text of rows
    /// merged into it since then joined on.
    pub old: [Cow<'p, str>; 2],
}

impl Touched<'_> {
    /// The kind of change this row is on its own (a structural row's group may say more).
    pub fn kind(&self) -> ChangeKind {
        match self.structure {
            0 if self.existed => ChangeKind::Edited,
            0 => ChangeKind::Added,
            MERGED => ChangeKind::Merged,
            SPLIT => ChangeKind::Split,
            MOVED => ChangeKind::Moved,
            _ => ChangeKind::Restructured,
        }
    }

    fn is_unchanged(&self) -> bool {
        Side::BOTH
            .iter()
            .all(|&side| self.old[side as usize] == self.row.text(side))
    }
}

/// Examines one row: `None` when it has no revision after `at`, or came back to its text of
/// then without a structural change still in effect. O(log n) for an untouched row.
pub(super) fn touched(index: usize, row: &Row, at: Timestamp) -> Option<Touched<'_>> {
    let until = revisions_until(row, at);
    if until == row.history.len() {
        return None;
    }
    let existed = until > 0;
    let base = Side::BOTH.map(|side| text_before(row, side, until).unwrap_or(""));
    if existed
        && Side::BOTH
            .iter()
            .all(|&side| base[side as usize] == row.text(side))
    {
        return None;
    }
    let structure = structure_in_effect(row, until, &base);
    let old = Side::BOTH.map(|side| {
        if structure & MERGED != 0 {
            Cow::Owned(with_absorbed(row, side, until, base[side as usize]))
        } else {
            Cow::Borrowed(base[side as usize])
        }
    });
    Some(Touched {
        index,
        row,
        existed,
        structure,
        old,
    })
}

/// The text of one side at the moment with the texts merged in since then (see the module
/// docs): each `merged` revision absorbed what it adds after the text before it; an `undone`
/// revision that restores that text cancels the merge, a `redone` one that restores the merged
/// text brings it back.
fn with_absorbed(row: &Row, side: Side, until: usize, base: &str) -> String {
    struct Merge<'a> {
        before: &'a str,
        after: &'a str,
        absorbed: &'a str,
    }
    let mut merges: Vec<Merge> = Vec::new();
    let mut cancelled: Vec<Merge> = Vec::new();
    let mut previous = base;
    for revision in row.history[until..].iter().filter(|r| r.side == side) {
        let text = revision.text.as_str();
        match revision.origin {
            Origin::Merged => {
                if let Some(rest) = text.strip_prefix(previous) {
                    merges.push(Merge {
                        before: previous,
                        after: text,
                        absorbed: rest.trim_start(),
                    });
                    cancelled.clear();
                }
            }
            Origin::Undone if merges.last().is_some_and(|m| m.before == text) => {
                cancelled.extend(merges.pop());
            }
            Origin::Redone if cancelled.last().is_some_and(|m| m.after == text) => {
                merges.extend(cancelled.pop());
            }
            _ => {}
        }
        previous = text;
    }
    join(std::iter::once(base).chain(merges.iter().map(|m| m.absorbed)))
}

/// The structural origins (merged, split, moved) of a row's revisions after `until` that are
/// still in effect. Undo works backwards, so a change is undone by an `undone` revision that
/// gives back the text the side had before it; a `redone` revision that gives back the text
/// it made brings it back, and any other new change ends the chance of a redo. A row whose
/// merges, splits and moves were all undone has the structure it had at the moment, so what
/// is left of its changes is a plain text change (which review can revert).
fn structure_in_effect(row: &Row, until: usize, base: &[&str; 2]) -> u8 {
    struct Step<'a> {
        before: &'a str,
        after: &'a str,
        bits: u8,
    }
    let mut structure = 0;
    for side in Side::BOTH {
        let mut done: Vec<Step> = Vec::new();
        let mut undone: Vec<Step> = Vec::new();
        let mut previous = base[side as usize];
        for revision in row.history[until..].iter().filter(|r| r.side == side) {
            let text = revision.text.as_str();
            match revision.origin {
                Origin::Undone if done.last().is_some_and(|s| s.before == text) => {
                    undone.extend(done.pop());
                }
                Origin::Redone if undone.last().is_some_and(|s| s.after == text) => {
                    done.extend(undone.pop());
                }
                origin => {
                    let bits = match origin {
                        Origin::Merged => MERGED,
                        Origin::Split => SPLIT,
                        Origin::Moved => MOVED,
                        _ => 0,
                    };
                    done.push(Step {
                        before: previous,
                        after: text,
                        bits,
                    });
                    undone.clear();
                }
            }
            previous = text;
        }
        structure |= done.iter().fold(0, |bits, step| bits | step.bits);
    }
    // A row split off since the moment is structural while it exists.
    if until == 0
        && row
            .history
            .first()
            .is_some_and(|r| r.origin == Origin::Split)
    {
        structure |= SPLIT;
    }
    structure
}

/// Texts of neighbouring rows joined as a merge joins them: one space, none around empty texts.
pub(super) fn join<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for text in texts.into_iter().filter(|t| !t.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(text);
    }
    joined
}

/// Every change since `at`, in reading order.
pub fn changes_since(project: &Project, at: Timestamp) -> Vec<Change> {
    changes_keeping(project, at, &|_| false)
}

/// Like [`changes_since`], but an unchanged touched row for which `keep` holds is kept as an
/// edit with no change (review keeps rows reverted by a reviewer this way).
///
/// Two passes: a cheap one over all rows finds the changes and their texts, then the diffs,
/// the expensive part, are computed (on several threads when there are many).
pub(super) fn changes_keeping(
    project: &Project,
    at: Timestamp,
    keep: &dyn Fn(&Row) -> bool,
) -> Vec<Change> {
    let mut pending = Vec::new();
    let mut group: Vec<Touched> = Vec::new();
    for (index, row) in project.rows.iter().enumerate() {
        let Some(touched) = touched(index, row, at) else {
            if keep(row) && revisions_until(row, at) < row.history.len() {
                flush(&mut group, &mut pending);
                pending.push(Pending {
                    kind: ChangeKind::Edited,
                    rows: vec![row.id],
                    old: [Cow::Borrowed(&row.source), Cow::Borrowed(&row.target)],
                    new: [&row.source, &row.target].map(|t| Cow::Borrowed(t.as_str())),
                });
            }
            continue;
        };
        if touched.structure != 0 {
            let adjacent = group.last().is_some_and(|g| g.index + 1 == index);
            if !adjacent {
                flush(&mut group, &mut pending);
            }
            group.push(touched);
            continue;
        }
        flush(&mut group, &mut pending);
        if touched.is_unchanged() && !keep(row) {
            continue;
        }
        let kind = touched.kind();
        pending.push(Pending {
            kind,
            rows: vec![row.id],
            old: touched.old,
            new: [&row.source, &row.target].map(|t| Cow::Borrowed(t.as_str())),
        });
    }
    flush(&mut group, &mut pending);
    diff_all(pending)
}

/// A change found, its diffs not computed yet: the texts of each side then and now.
struct Pending<'p> {
    kind: ChangeKind,
    rows: Vec<RowId>,
    old: [Cow<'p, str>; 2],
    new: [Cow<'p, str>; 2],
}

impl Pending<'_> {
    fn diff(self) -> Change {
        let diff = |side: Side| Diff::between(&self.old[side as usize], &self.new[side as usize]);
        Change {
            kind: self.kind,
            source: diff(Side::Source),
            target: diff(Side::Target),
            rows: self.rows,
        }
    }
}

/// Below this many changes one thread is quicker than starting more.
const PARALLEL_FROM: usize = 1024;

/// The diffs of all pending changes, in order, split over the machine's cores when many.
fn diff_all(mut pending: Vec<Pending>) -> Vec<Change> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads == 1 || pending.len() < PARALLEL_FROM {
        return pending.into_iter().map(Pending::diff).collect();
    }
    let chunk = pending.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    while pending.len() > chunk {
        parts.push(pending.split_off(pending.len() - chunk));
    }
    parts.push(pending);
    parts.reverse();
    std::thread::scope(|scope| {
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || part.into_iter().map(Pending::diff).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                // A worker only fails by a panic, which is passed on as it was.
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Turns a run of neighbouring structural rows into one change with the combined text.
fn flush<'p>(group: &mut Vec<Touched<'p>>, pending: &mut Vec<Pending<'p>>) {
    if group.is_empty() {
        return;
    }
    let structure = group.iter().fold(0, |bits, t| bits | t.structure);
    let kind = match structure {
        MERGED => ChangeKind::Merged,
        SPLIT => ChangeKind::Split,
        MOVED => ChangeKind::Moved,
        _ => ChangeKind::Restructured,
    };
    let old = Side::BOTH
        .map(|side| Cow::Owned(join(group.iter().map(|t| t.old[side as usize].as_ref()))));
    let new = Side::BOTH.map(|side| Cow::Owned(join(group.iter().map(|t| t.row.text(side)))));
    pending.push(Pending {
        kind,
        rows: group.iter().map(|t| t.row.id).collect(),
        old,
        new,
    });
    group.clear();
}
