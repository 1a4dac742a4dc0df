//! Edits: every change to a project is an `Edit` value, applied by `Project::apply`, which
//! returns the inverse edit. Undo and redo are just applying those inverses.

use std::collections::HashMap;

use jiff::Timestamp;
use thiserror::Error;

use super::milestone::Verdict;
use super::note::Note;
use super::project::{Meta, Milestone, Project};
use super::qa::QaSettings;
use super::row::{Origin, Revision, Row, RowContent, RowId, Side, Status};
use super::segmentation::{SegmentationRulesError, SegmentationSettings};

/// One change to a project.
///
/// Structural edits (merge, split, move, insert, delete) are carried out as a [`Splice`], the
/// one primitive that replaces a run of rows; their inverse is a splice too. Histories are
/// never shortened: a row removed by an edit keeps its history inside the inverse edit, and
/// gets it back (plus a new revision) when the edit is undone.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace one side's text of a row.
    SetText {
        row: RowId,
        side: Side,
        text: String,
        origin: Origin,
    },
    SetStatus {
        row: RowId,
        status: Status,
    },
    SetLocked {
        row: RowId,
        locked: bool,
    },
    /// Merge a row with the row after it.
    Merge {
        row: RowId,
    },
    /// Split a row in two at a character offset on each side (the text before the offset stays).
    Split {
        row: RowId,
        source_at: usize,
        target_at: usize,
    },
    /// Move the first sentence of one side of a row to the end of the previous row.
    MoveFirstSentenceUp {
        row: RowId,
        side: Side,
    },
    /// Move the last sentence of one side of a row to the start of the next row.
    MoveLastSentenceDown {
        row: RowId,
        side: Side,
    },
    /// Insert an empty row so that it gets this index.
    InsertRow {
        index: usize,
    },
    /// Delete a row whose two texts are empty.
    DeleteRow {
        row: RowId,
    },
    /// Give one side of a row the text of one of its revisions (an index into `history`).
    Revert {
        row: RowId,
        side: Side,
        revision: usize,
    },
    /// Add a milestone at `index` in the list (`None`: at the end). Names are unique and not
    /// blank. The inverse of a delete puts the milestone, with its marks, back where it was.
    AddMilestone {
        milestone: Milestone,
        index: Option<usize>,
    },
    RenameMilestone {
        name: String,
        to: String,
    },
    /// Delete a milestone and its review marks (rows and their histories are not touched).
    DeleteMilestone {
        name: String,
    },
    /// Record a reviewer's verdict on a row for a milestone (`None` clears it). The verdict
    /// holds for the row's history as it stands when the edit is applied (`revisions: None`,
    /// what callers want); inverses carry the exact earlier mark (`Some`).
    Review {
        milestone: String,
        row: RowId,
        verdict: Option<Verdict>,
        revisions: Option<usize>,
    },
    /// Add a note to a row, by the session's author at the edit's time (the inverse deletes it).
    AddNote {
        row: RowId,
        text: String,
    },
    /// Delete note `index` (0-based) of a row; the inverse restores it.
    DeleteNote {
        row: RowId,
        index: usize,
    },
    /// Put a note back at `index`, with its own author and time (the inverse of a delete).
    RestoreNote {
        row: RowId,
        index: usize,
        note: Note,
    },
    /// Replace the project's QA settings (checks switched off, ignored findings, word lists,
    /// glossary and memory references); the inverse carries the old ones.
    SetQaSettings(Box<QaSettings>),
    /// Replace the project's own segmentation rules (refused when they do not parse); the
    /// inverse carries the old ones. Rows are not cut again: realignment does that.
    SetSegmentation(Box<SegmentationSettings>),
    /// Replace a run of rows (the primitive behind every structural edit, and realignment).
    Splice(Splice),
    /// Several edits applied as one: all or none, undone as one.
    Batch(Vec<Edit>),
    /// Replace the whole project (metadata, rows with their histories, milestones) by another
    /// state of it, e.g. the work restored from a recovery file, as one undoable step. The
    /// inverse carries the state replaced. Row ids stay unique: the id counter never goes down.
    ReplaceAll(Box<ProjectState>),
}

/// Everything of a project that [`Edit::ReplaceAll`] replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectState {
    pub meta: Meta,
    pub rows: Vec<Row>,
    pub milestones: Vec<Milestone>,
    pub next_id: u64,
    /// The QA settings (checks off, ignored findings, word lists, glossaries).
    pub qa: QaSettings,
    pub extra: super::row::Extra,
}

impl ProjectState {
    /// The state of a project (e.g. one loaded from a recovery file).
    pub fn of(project: Project) -> ProjectState {
        ProjectState {
            meta: project.meta,
            rows: project.rows,
            milestones: project.milestones,
            next_id: project.next_id,
            qa: project.qa,
            extra: project.extra,
        }
    }
}

/// Replace the rows `remove` (which must stand at index `at`, in that order) by `insert`.
///
/// A row id in `insert` must be one of the removed rows (it keeps its history and gets a
/// revision for each changed side), a row that an earlier edit removed (its history travels in
/// `histories`), or a fresh id not issued yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Splice {
    pub at: usize,
    pub remove: Vec<RowId>,
    pub insert: Vec<RowContent>,
    pub histories: Vec<(RowId, Vec<Revision>)>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("no row {0}")]
    NoSuchRow(RowId),
    #[error("row index {index} is outside the project's {len} rows")]
    IndexOutOfRange { index: usize, len: usize },
    #[error("row {0} is the last row: there is no next row")]
    NoNextRow(RowId),
    #[error("row {0} is the first row: there is no previous row")]
    NoPreviousRow(RowId),
    #[error("row {0} is locked: unlock it before changing its alignment")]
    Locked(RowId),
    #[error("offset {offset} is beyond the {len} characters of the {side} of row {row}", side = side.name())]
    OffsetOutOfRange {
        row: RowId,
        side: Side,
        offset: usize,
        len: usize,
    },
    #[error("the {side} of row {row} has no sentence to move", side = side.name())]
    NoSentence { row: RowId, side: Side },
    #[error("row {0} is not empty: only empty rows can be deleted")]
    NotEmpty(RowId),
    #[error("row {row} has no {side} revision number {revision}", side = side.name())]
    NoSuchRevision {
        row: RowId,
        side: Side,
        revision: usize,
    },
    #[error("the rows at index {at} are not the ones this edit expects (the edit is stale)")]
    Stale { at: usize },
    #[error("row id {0} cannot be inserted: it is in use or was never removed")]
    BadInsertId(RowId),
    #[error("there is no milestone named \"{0}\"")]
    NoSuchMilestone(String),
    #[error("a milestone named \"{0}\" exists already")]
    MilestoneExists(String),
    #[error("a milestone needs a name that is not blank")]
    BlankMilestoneName,
    #[error("row {0} has no translation: it cannot be translated or reviewed")]
    NothingToConfirm(RowId),
    #[error("a note on row {0} needs some text")]
    BlankNote(RowId),
    #[error("row {row} has no note number {index}", index = index + 1)]
    NoSuchNote { row: RowId, index: usize },
    #[error(transparent)]
    BadSegmentationRules(#[from] SegmentationRulesError),
}

impl Edit {
    /// Whether applying the edit to `project` would leave it as it is (the same text, status
    /// or lock again; a splice that puts back exactly the rows it removes), so that it need
    /// not be applied, recorded or saved. Edits it cannot judge cheaply count as changes.
    pub fn changes_nothing(&self, project: &Project) -> bool {
        let row = |id: &RowId| project.row(*id);
        match self {
            Edit::SetText {
                row: id,
                side,
                text,
                ..
            } => row(id).is_some_and(|r| r.text(*side) == text),
            Edit::SetStatus { row: id, status } => row(id).is_some_and(|r| r.status == *status),
            Edit::SetLocked { row: id, locked } => row(id).is_some_and(|r| r.locked == *locked),
            Edit::SetQaSettings(settings) => project.qa == **settings,
            Edit::SetSegmentation(settings) => project.meta.segmentation == **settings,
            Edit::Splice(splice) => {
                splice.remove.len() == splice.insert.len()
                    && project
                        .rows
                        .get(splice.at..splice.at + splice.remove.len())
                        .is_some_and(|rows| {
                            rows.iter()
                                .zip(&splice.remove)
                                .zip(&splice.insert)
                                .all(|((r, id), new)| r.id == *id && r.content() == *new)
                        })
            }
            Edit::Batch(edits) => edits.iter().all(|e| e.changes_nothing(project)),
            _ => false,
        }
    }
}

impl Project {
    /// Applies an edit and returns its inverse. On error the project is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        self.apply_at(edit, Timestamp::now())
    }

    /// Applies an edit made at time `at` (its revisions carry that time).
    pub fn apply_at(&mut self, edit: Edit, at: Timestamp) -> Result<Edit, EditError> {
        let inverse = self.apply_edit(edit, at)?;
        self.meta.modified = at;
        Ok(inverse)
    }

    fn apply_edit(&mut self, edit: Edit, at: Timestamp) -> Result<Edit, EditError> {
        match edit {
            Edit::SetText {
                row,
                side,
                text,
                origin,
            } => self.set_text(row, side, text, origin, at),
            Edit::SetStatus { row, status } => {
                let i = self.find(row)?;
                if status >= Status::Translated && self.rows[i].target.trim().is_empty() {
                    return Err(EditError::NothingToConfirm(row));
                }
                let old = std::mem::replace(&mut self.rows[i].status, status);
                Ok(Edit::SetStatus { row, status: old })
            }
            Edit::SetLocked { row, locked } => {
                let i = self.find(row)?;
                let old = std::mem::replace(&mut self.rows[i].locked, locked);
                Ok(Edit::SetLocked { row, locked: old })
            }
            Edit::Revert {
                row,
                side,
                revision,
            } => {
                let i = self.find(row)?;
                let text = match self.rows[i].history.get(revision) {
                    Some(r) if r.side == side => r.text.clone(),
                    _ => {
                        return Err(EditError::NoSuchRevision {
                            row,
                            side,
                            revision,
                        });
                    }
                };
                self.set_text(row, side, text, Origin::Reverted, at)
            }
            Edit::AddMilestone { milestone, index } => self.add_milestone(milestone, index),
            Edit::RenameMilestone { name, to } => self.rename_milestone(&name, to),
            Edit::DeleteMilestone { name } => self.delete_milestone(&name),
            Edit::Review {
                milestone,
                row,
                verdict,
                revisions,
            } => self.set_review_mark(&milestone, row, verdict, revisions),
            Edit::AddNote { row, text } => self.add_note(row, text, at),
            Edit::DeleteNote { row, index } => self.delete_note(row, index),
            Edit::RestoreNote { row, index, note } => self.restore_note(row, index, note),
            Edit::SetQaSettings(settings) => {
                let old = std::mem::replace(&mut self.qa, *settings);
                Ok(Edit::SetQaSettings(Box::new(old)))
            }
            Edit::SetSegmentation(settings) => {
                settings.check()?;
                let old = std::mem::replace(&mut self.meta.segmentation, *settings);
                Ok(Edit::SetSegmentation(Box::new(old)))
            }
            Edit::Splice(splice) => self.splice(splice, at),
            Edit::Batch(edits) => self.batch(edits, at),
            Edit::ReplaceAll(state) => Ok(self.replace_all(*state)),
            structural => {
                let splice = self.structural_splice(structural)?;
                self.splice(splice, at)
            }
        }
    }

    fn find(&self, row: RowId) -> Result<usize, EditError> {
        self.index_of(row).ok_or(EditError::NoSuchRow(row))
    }

    fn find_unlocked(&self, row: RowId) -> Result<usize, EditError> {
        let i = self.find(row)?;
        if self.rows[i].locked {
            return Err(EditError::Locked(row));
        }
        Ok(i)
    }

    fn set_text(
        &mut self,
        row: RowId,
        side: Side,
        text: String,
        origin: Origin,
        at: Timestamp,
    ) -> Result<Edit, EditError> {
        let i = self.find(row)?;
        if self.rows[i].text(side) == text {
            return Ok(Edit::SetText {
                row,
                side,
                text,
                origin: Origin::Undone,
            });
        }
        let revision = self.revision(side, text.clone(), origin, at);
        let target = &mut self.rows[i];
        // A confirmed row whose translation is emptied is not done any more (the rule every
        // edit keeps, so that every inverse applies: no confirmed row without a translation).
        let demoted =
            (side == Side::Target && text.trim().is_empty() && target.status >= Status::Translated)
                .then(|| std::mem::replace(&mut target.status, Status::Untranslated));
        let old = std::mem::replace(target.text_mut(side), text);
        target.history.push(revision);
        let restore_text = Edit::SetText {
            row,
            side,
            text: old,
            origin: Origin::Undone,
        };
        Ok(match demoted {
            // The text comes back first, so that the status it had can be confirmed again.
            Some(status) => Edit::Batch(vec![restore_text, Edit::SetStatus { row, status }]),
            None => restore_text,
        })
    }

    /// Swaps the project's state for `state`; returns the edit that swaps it back.
    fn replace_all(&mut self, state: ProjectState) -> Edit {
        let ProjectState {
            meta,
            rows,
            milestones,
            next_id,
            qa,
            extra,
        } = state;
        self.row_index.invalidate();
        let old = ProjectState {
            meta: std::mem::replace(&mut self.meta, meta),
            rows: std::mem::replace(&mut self.rows, rows),
            milestones: std::mem::replace(&mut self.milestones, milestones),
            next_id: self.next_id,
            qa: std::mem::replace(&mut self.qa, qa),
            extra: std::mem::replace(&mut self.extra, extra),
        };
        // Ids issued in either state are never issued again.
        let highest = self.rows.iter().map(|r| r.id.0 + 1).max().unwrap_or(0);
        self.next_id = self.next_id.max(next_id).max(highest);
        Edit::ReplaceAll(Box::new(old))
    }

    fn batch(&mut self, edits: Vec<Edit>, at: Timestamp) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply_edit(edit, at) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    for inverse in inverses.into_iter().rev() {
                        // Inverses of edits that just succeeded always apply.
                        let _ = self.apply_edit(inverse, at);
                    }
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }

    /// Turns merge, split, move, insert and delete into the splice that carries them out.
    fn structural_splice(&self, edit: Edit) -> Result<Splice, EditError> {
        match edit {
            Edit::Merge { row } => {
                let i = self.find_unlocked(row)?;
                let next = self.rows.get(i + 1).ok_or(EditError::NoNextRow(row))?;
                if next.locked {
                    return Err(EditError::Locked(next.id));
                }
                let (first, second) = (&self.rows[i], next);
                // A paragraph the second row opens stays one: a line break inside the merged
                // text (as `tolk new` writes a bead across paragraphs), so that realign, the
                // exports and a later split still see it.
                let source_opens = second.starts_paragraph;
                let target_opens = second.target_opens_paragraph();
                let target_starts_paragraph = match (
                    first.target_starts_paragraph,
                    second.target_starts_paragraph,
                ) {
                    (None, None) => None,
                    _ => Some(
                        first.target_opens_paragraph() || (first.target.is_empty() && target_opens),
                    ),
                };
                let merged = RowContent {
                    source: join_paragraphs(&first.source, &second.source, source_opens),
                    target: join_paragraphs(&first.target, &second.target, target_opens),
                    status: first.status.min(second.status),
                    score: None,
                    notes: first.notes.iter().chain(&second.notes).cloned().collect(),
                    starts_paragraph: first.starts_paragraph
                        || (first.source.is_empty() && source_opens),
                    target_starts_paragraph,
                    ..first.content()
                };
                Ok(self.splice_of(i, 2, vec![merged], Origin::Merged))
            }
            Edit::Split {
                row,
                source_at,
                target_at,
            } => {
                let i = self.find_unlocked(row)?;
                let content = self.rows[i].content();
                let (source_left, source_right, source_opens) =
                    cut(&content, Side::Source, source_at)?;
                let (target_left, target_right, target_opens) =
                    cut(&content, Side::Target, target_at)?;
                // A cut at a line break (a paragraph start inside the row) makes the second
                // row open that paragraph.
                let target_starts_paragraph =
                    if content.target_starts_paragraph.is_none() && target_opens == source_opens {
                        None
                    } else {
                        Some(target_opens)
                    };
                let second = RowContent {
                    id: self.fresh_id(),
                    source: source_right,
                    target: target_right,
                    starts_paragraph: source_opens,
                    target_starts_paragraph,
                    score: None,
                    notes: Vec::new(),
                    extra: super::row::Extra::new(),
                    ..content.clone()
                };
                let first = RowContent {
                    source: source_left,
                    target: target_left,
                    score: None,
                    ..content
                };
                Ok(self.splice_of(i, 1, vec![first, second], Origin::Split))
            }
            Edit::MoveFirstSentenceUp { row, side } => {
                let i = self.find_unlocked(row)?;
                if i == 0 {
                    return Err(EditError::NoPreviousRow(row));
                }
                let previous = self.find_unlocked(self.rows[i - 1].id)?;
                let segmenter = self.segmenter(side);
                let mut moved_from = self.rows[i].content();
                let text = moved_from.text(side);
                let spans = segmenter.sentence_spans(text);
                let first = spans.first().ok_or(EditError::NoSentence { row, side })?;
                let (sentence, rest) = (
                    text[first.clone()].to_string(),
                    text[first.end..].trim().to_string(),
                );
                // Paragraph marks go with the sentences: the moved sentence keeps the paragraph
                // it opened (a line break in the previous row), and what is left opens one
                // where a line break followed the sentence.
                let sentence_opens = moved_from.opens_paragraph(side);
                let gap = &text[first.end..text.len() - text[first.end..].trim_start().len()];
                let rest_opens = gap.contains('\n') && !rest.is_empty();
                *moved_from.text_mut(side) = rest;
                moved_from.set_opens_paragraph(side, rest_opens);
                let mut moved_to = self.rows[previous].content();
                if moved_to.text(side).is_empty() && sentence_opens {
                    moved_to.set_opens_paragraph(side, true);
                }
                let joined = join_paragraphs(moved_to.text(side), &sentence, sentence_opens);
                *moved_to.text_mut(side) = joined;
                Ok(self.splice_of(previous, 2, vec![moved_to, moved_from], Origin::Moved))
            }
            Edit::MoveLastSentenceDown { row, side } => {
                let i = self.find_unlocked(row)?;
                let next = self.rows.get(i + 1).ok_or(EditError::NoNextRow(row))?;
                self.find_unlocked(next.id)?;
                let segmenter = self.segmenter(side);
                let mut moved_from = self.rows[i].content();
                let text = moved_from.text(side);
                let spans = segmenter.sentence_spans(text);
                let last = spans.last().ok_or(EditError::NoSentence { row, side })?;
                let (rest, sentence) = (
                    text[..last.start].trim().to_string(),
                    text[last.clone()].to_string(),
                );
                // The moved sentence opens a paragraph where a line break came before it (or
                // it was the row's only sentence and the row opened one); the next row's own
                // paragraph start becomes a line break after it.
                let gap = &text[text[..last.start].trim_end().len()..last.start];
                let sentence_opens = if rest.is_empty() {
                    moved_from.opens_paragraph(side)
                } else {
                    gap.contains('\n')
                };
                *moved_from.text_mut(side) = rest;
                if moved_from.text(side).is_empty() && sentence_opens {
                    moved_from.set_opens_paragraph(side, false);
                }
                let mut moved_to = self.rows[i + 1].content();
                let next_opens = moved_to.opens_paragraph(side);
                let joined = join_paragraphs(&sentence, moved_to.text(side), next_opens);
                *moved_to.text_mut(side) = joined;
                moved_to.set_opens_paragraph(side, sentence_opens);
                Ok(self.splice_of(i, 2, vec![moved_from, moved_to], Origin::Moved))
            }
            Edit::InsertRow { index } => {
                if index > self.rows.len() {
                    return Err(EditError::IndexOutOfRange {
                        index,
                        len: self.rows.len(),
                    });
                }
                let row = RowContent {
                    id: self.fresh_id(),
                    source: String::new(),
                    target: String::new(),
                    status: Status::Untranslated,
                    locked: false,
                    score: None,
                    starts_paragraph: false,
                    target_starts_paragraph: None,
                    notes: Vec::new(),
                    extra: super::row::Extra::new(),
                };
                Ok(self.splice_of(index, 0, vec![row], Origin::Typed))
            }
            Edit::DeleteRow { row } => {
                let i = self.find_unlocked(row)?;
                let r = &self.rows[i];
                if !r.source.trim().is_empty() || !r.target.trim().is_empty() {
                    return Err(EditError::NotEmpty(row));
                }
                Ok(self.splice_of(i, 1, Vec::new(), Origin::Typed))
            }
            other => unreachable!("not a structural edit: {other:?}"),
        }
    }

    fn splice_of(
        &self,
        at: usize,
        count: usize,
        insert: Vec<RowContent>,
        origin: Origin,
    ) -> Splice {
        Splice {
            at,
            remove: self.rows[at..at + count].iter().map(|r| r.id).collect(),
            insert,
            histories: Vec::new(),
            origin,
        }
    }

    fn splice(&mut self, splice: Splice, at: Timestamp) -> Result<Edit, EditError> {
        let Splice {
            at: index,
            remove,
            insert,
            histories,
            origin,
        } = splice;
        self.check_splice(index, &remove, &insert, &histories)?;
        self.row_index.invalidate();
        let removed: Vec<_> = self.rows.drain(index..index + remove.len()).collect();
        let inverse_insert: Vec<RowContent> = removed.iter().map(|r| r.content()).collect();
        let mut old: HashMap<RowId, _> = removed.into_iter().map(|r| (r.id, r)).collect();
        let mut stash: HashMap<RowId, Vec<Revision>> = histories.into_iter().collect();
        let mut inserted_ids = Vec::with_capacity(insert.len());
        let mut new_rows = Vec::with_capacity(insert.len());
        for content in insert {
            inserted_ids.push(content.id);
            self.next_id = self.next_id.max(content.id.0 + 1);
            let history = match old.remove(&content.id) {
                Some(row) => row.history,
                None => stash.remove(&content.id).unwrap_or_default(),
            };
            new_rows.push(self.new_row(content, history, origin, at));
        }
        self.rows.splice(index..index, new_rows);
        let mut gone: Vec<(RowId, Vec<Revision>)> =
            old.into_iter().map(|(id, r)| (id, r.history)).collect();
        gone.sort_by_key(|(id, _)| *id);
        Ok(Edit::Splice(Splice {
            at: index,
            remove: inserted_ids,
            insert: inverse_insert,
            histories: gone,
            origin: Origin::Undone,
        }))
    }

    fn check_splice(
        &self,
        index: usize,
        remove: &[RowId],
        insert: &[RowContent],
        histories: &[(RowId, Vec<Revision>)],
    ) -> Result<(), EditError> {
        let len = self.rows.len();
        if index > len || remove.len() > len - index {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        let here = &self.rows[index..index + remove.len()];
        if here.iter().zip(remove).any(|(row, id)| row.id != *id) {
            return Err(EditError::Stale { at: index });
        }
        // Sets, not slice searches: a realign of a book removes and inserts 100,000 rows.
        let removed: std::collections::HashSet<RowId> = remove.iter().copied().collect();
        let with_history: std::collections::HashSet<RowId> =
            histories.iter().map(|(h, _)| *h).collect();
        let mut seen = std::collections::HashSet::with_capacity(insert.len());
        for content in insert {
            let id = content.id;
            let known = removed.contains(&id) || with_history.contains(&id) || id.0 >= self.next_id;
            if !known || !seen.insert(id) {
                return Err(EditError::BadInsertId(id));
            }
        }
        Ok(())
    }
}

impl Edit {
    /// The same edit with every text change recorded under `origin` (redo uses this).
    pub fn with_origin(self, origin: Origin) -> Edit {
        match self {
            Edit::SetText {
                row, side, text, ..
            } => Edit::SetText {
                row,
                side,
                text,
                origin,
            },
            Edit::Splice(splice) => Edit::Splice(Splice { origin, ..splice }),
            Edit::Batch(edits) => {
                Edit::Batch(edits.into_iter().map(|e| e.with_origin(origin)).collect())
            }
            other => other,
        }
    }
}

/// Joins two texts of neighbouring rows with one space (no space next to an empty text).
fn join(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_string(),
        (_, true) => first.to_string(),
        _ => format!("{first} {second}"),
    }
}

/// Joins two texts of neighbouring rows: with a line break where the second opens a
/// paragraph, else as [`join`].
fn join_paragraphs(first: &str, second: &str, second_opens: bool) -> String {
    if second_opens && !first.is_empty() && !second.is_empty() {
        format!("{first}\n{second}")
    } else {
        join(first, second)
    }
}

/// Cuts one side of a row at a character offset; whitespace at the cut is dropped. Also
/// whether that whitespace held a line break (a paragraph starts at the cut).
fn cut(row: &RowContent, side: Side, offset: usize) -> Result<(String, String, bool), EditError> {
    let text = row.text(side);
    let byte = match text.char_indices().nth(offset) {
        Some((b, _)) => b,
        None if offset == text.chars().count() => text.len(),
        None => {
            return Err(EditError::OffsetOutOfRange {
                row: row.id,
                side,
                offset,
                len: text.chars().count(),
            });
        }
    };
    let (left, right) = (text[..byte].trim_end(), text[byte..].trim_start());
    let gap = &text[left.len()..text.len() - right.len()];
    Ok((
        left.to_string(),
        right.to_string(),
        gap.contains('\n') && !left.is_empty() && !right.is_empty(),
    ))
}
