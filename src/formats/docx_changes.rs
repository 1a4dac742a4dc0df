//! "Changes since a milestone" as DOCX: one table row per change of the review (an edited row,
//! or neighbouring rows merged, split or with sentences moved), whose text columns carry the
//! word diff as real Word tracked changes (`w:del` then `w:ins`, with author and date). A
//! reviewer accepts or rejects each change in Word or LibreOffice: accepting all gives the
//! current text, rejecting all the text at the milestone. Track Changes is on in the file, so
//! the reviewer's own corrections are tracked too.
//!
//! Word gives each tracked change one author and one date; Tolk's word diff is between two
//! texts, so every change of one side of a row is attributed to the latest revision of that
//! side since the milestone (its author and time).

use std::io::Write;

use jiff::Timestamp;

use super::docx::{Body, Column, Mark, Revision, TABLE_WIDTH, numbers_label, package, row_notes};
use super::error::ExportError;
use super::options::Options;
use super::xml_write::clean;
use crate::history::{Change, Diff, Review, ReviewState, SpanKind, review};
use crate::model::{BACKGROUND_TINT, Project, Row, RowId, Side, Status};

const FORMAT: &str = "DOCX";

/// The widths of the rows, change, status and notes columns; source and target share the rest.
const ROWS_WIDTH: u32 = 700;
const CHANGE_WIDTH: u32 = 1200;
const STATUS_WIDTH: u32 = 1400;
const NOTES_WIDTH: u32 = 2100;

/// The author given to a change whose revisions name none.
const NO_AUTHOR: &str = "Tolk";

/// The review of the milestone `options.since` with the changes the export shows: those with
/// a row whose status `options` includes.
pub fn selected(project: &Project, options: &Options) -> Result<Review, ExportError> {
    let known = || known_milestones(project);
    let name = options
        .since
        .as_deref()
        .ok_or_else(|| ExportError::MilestoneNeeded { known: known() })?;
    let mut review = review(project, name).map_err(|_| ExportError::NoSuchMilestone {
        name: name.to_string(),
        known: known(),
    })?;
    review.items.retain(|item| {
        item.change
            .rows
            .iter()
            .filter_map(|id| project.row(*id))
            .any(|row| options.includes(row.status))
    });
    Ok(review)
}

/// Writes the changes since the milestone `options.since` (see [`selected`]).
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let review = selected(project, options)?;
    let meta = &project.meta;
    let shown = &review.items;
    let subtitle = format!(
        "{} → {}: {} changes since the milestone “{}” ({}), as tracked changes to accept or reject",
        meta.source_lang,
        meta.target_lang,
        shown.len(),
        review.milestone,
        review.at.strftime("%Y-%m-%d %H:%M UTC"),
    );
    let mut body = Body::new(&meta.title, &subtitle)?;
    let text_width = (TABLE_WIDTH - ROWS_WIDTH - CHANGE_WIDTH - STATUS_WIDTH - NOTES_WIDTH) / 2;
    let (source_heading, target_heading) = (
        format!("Source ({})", meta.source_lang),
        format!("Target ({})", meta.target_lang),
    );
    body.start_table(&[
        Column {
            heading: "#",
            width: ROWS_WIDTH,
        },
        Column {
            heading: "Change",
            width: CHANGE_WIDTH,
        },
        Column {
            heading: &source_heading,
            width: text_width,
        },
        Column {
            heading: &target_heading,
            width: text_width,
        },
        Column {
            heading: "Status",
            width: STATUS_WIDTH,
        },
        Column {
            heading: "Notes",
            width: NOTES_WIDTH,
        },
    ])?;
    for item in shown {
        let change = &item.change;
        let rows: Vec<&Row> = change
            .rows
            .iter()
            .filter_map(|id| project.row(*id))
            .collect();
        let numbers: Vec<usize> = change
            .rows
            .iter()
            .filter_map(|id| project.index_of(*id))
            .map(|i| i + options.first_row)
            .collect();
        body.start_row()?;
        body.text_cell(&numbers_label(&numbers), None)?;
        let kind = match item.state {
            ReviewState::Remaining => change.kind.name().to_string(),
            ReviewState::Accepted => format!("{}, accepted", change.kind.name()),
            ReviewState::Reverted => format!("{}, reverted", change.kind.name()),
        };
        body.text_cell(&kind, None)?;
        for side in Side::BOTH {
            let lang = match side {
                Side::Source => &meta.source_lang,
                Side::Target => &meta.target_lang,
            };
            side_cell(&mut body, change, side, &rows, review.at, lang, options)?;
        }
        let status = status_of(&rows);
        body.shaded_cell(&status_label(&rows), status.colour().tint(BACKGROUND_TINT))?;
        let notes: Vec<String> = rows
            .iter()
            .map(|r| row_notes(r))
            .filter(|n| !n.is_empty())
            .collect();
        let notes = notes.join("\n");
        let first = change.rows.first().copied().unwrap_or(RowId(0));
        let notes = clean(&notes, options.invalid_chars, first, Side::Target, FORMAT)?;
        body.text_cell(&notes, None)?;
        body.end_row()?;
    }
    let document = body.finish()?;
    package(project, &document, true, out)
}

/// One text column of a change: its word diff as tracked changes when that side changed, the
/// text as it is otherwise.
fn side_cell(
    body: &mut Body,
    change: &Change,
    side: Side,
    rows: &[&Row],
    since: Timestamp,
    lang: &str,
    options: &Options,
) -> Result<(), ExportError> {
    let diff: &Diff = change.diff(side);
    let first = change.rows.first().copied().unwrap_or(RowId(0));
    let mut cleaned = Vec::with_capacity(diff.spans.len());
    for span in &diff.spans {
        let mark = match span.kind {
            SpanKind::Equal => Mark::Plain,
            SpanKind::Deleted => Mark::Deleted,
            SpanKind::Inserted => Mark::Inserted,
        };
        cleaned.push((
            mark,
            clean(&span.text, options.invalid_chars, first, side, FORMAT)?,
        ));
    }
    let pieces: Vec<(Mark, &str)> = cleaned.iter().map(|(m, t)| (*m, t.as_ref())).collect();
    body.tracked_cell(&pieces, Some(lang), &latest_revision(rows, side, since))
}

/// The author and time of the latest revision of one side, among the rows of a change, made
/// after the milestone.
fn latest_revision(rows: &[&Row], side: Side, since: Timestamp) -> Revision {
    let latest = rows
        .iter()
        .flat_map(|row| row.history.iter())
        .filter(|r| r.side == side && r.at > since)
        .max_by_key(|r| r.at);
    match latest {
        Some(revision) => Revision {
            author: match revision.author.trim() {
                "" => NO_AUTHOR.to_string(),
                author => author.to_string(),
            },
            at: revision.at,
        },
        None => Revision {
            author: NO_AUTHOR.to_string(),
            at: since,
        },
    }
}

/// The status that colours a change's status cell: the least finished of its rows.
fn status_of(rows: &[&Row]) -> Status {
    rows.iter()
        .map(|r| r.status)
        .min_by_key(|s| Status::ALL.iter().position(|a| a == s))
        .unwrap_or(Status::Untranslated)
}

/// The statuses of a change's rows, each once, in the order of the rows.
fn status_label(rows: &[&Row]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for row in rows {
        if !names.contains(&row.status.name()) {
            names.push(row.status.name());
        }
    }
    names.join(", ")
}

/// The project's milestones for a message: `"a", "b"`, or a note that it has none.
fn known_milestones(project: &Project) -> String {
    if project.milestones.is_empty() {
        return "the project has no milestones; add one with `tolk milestone`".to_string();
    }
    let names: Vec<String> = project
        .milestones
        .iter()
        .map(|m| format!("\"{}\"", m.name))
        .collect();
    format!("the project's milestones: {}", names.join(", "))
}
