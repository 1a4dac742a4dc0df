//! The translator's workflow rules that turn gestures into edits: typing into an untranslated
//! row makes it a draft; confirming makes it translated.

use super::edit::Edit;
use super::project::Project;
use super::row::{Origin, RowId, Side, Status};

/// The edit that commits text a person typed into one side of a row, or `None` when nothing
/// changed. Typing a translation into an untranslated row also makes it a draft, in the same
/// (undoable) edit.
pub fn commit_typed(project: &Project, row: RowId, side: Side, text: &str) -> Option<Edit> {
    let current = project.row(row)?;
    if current.text(side) == text {
        return None;
    }
    let set_text = Edit::SetText {
        row,
        side,
        text: text.to_string(),
        origin: Origin::Typed,
    };
    if side == Side::Target && current.status == Status::Untranslated && !text.trim().is_empty() {
        return Some(Edit::Batch(vec![
            set_text,
            Edit::SetStatus {
                row,
                status: Status::Draft,
            },
        ]));
    }
    Some(set_text)
}

/// The edit that confirms a row: commits the typed text (if any) and sets the status to
/// translated (a reviewed row stays reviewed unless its text changed).
pub fn confirm(project: &Project, row: RowId, typed: Option<(Side, &str)>) -> Option<Edit> {
    let current = project.row(row)?;
    let mut edits = Vec::new();
    let mut changed = false;
    if let Some((side, text)) = typed
        && current.text(side) != text
    {
        changed = true;
        edits.push(Edit::SetText {
            row,
            side,
            text: text.to_string(),
            origin: Origin::Typed,
        });
    }
    if current.status != Status::Translated && (changed || current.status != Status::Reviewed) {
        edits.push(Edit::SetStatus {
            row,
            status: Status::Translated,
        });
    }
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project() -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([ImportedRow {
            source: "Ett.".into(),
            ..Default::default()
        }]);
        p
    }

    #[test]
    fn typing_a_translation_makes_an_untranslated_row_a_draft() {
        let mut p = project();
        let row = p.rows[0].id;
        assert_eq!(commit_typed(&p, row, Side::Target, ""), None);
        let edit = commit_typed(&p, row, Side::Target, "One.").unwrap();
        let inverse = p.apply(edit).unwrap();
        assert_eq!(
            (p.rows[0].target.as_str(), p.rows[0].status),
            ("One.", Status::Draft)
        );
        p.apply(inverse).unwrap();
        assert_eq!(
            (p.rows[0].target.as_str(), p.rows[0].status),
            ("", Status::Untranslated)
        );
    }

    #[test]
    fn confirming_sets_translated_and_keeps_reviewed_rows_reviewed() {
        let mut p = project();
        let row = p.rows[0].id;
        p.apply(confirm(&p, row, Some((Side::Target, "One."))).unwrap())
            .unwrap();
        assert_eq!(
            (p.rows[0].target.as_str(), p.rows[0].status),
            ("One.", Status::Translated)
        );
        assert_eq!(confirm(&p, row, Some((Side::Target, "One."))), None);
        p.apply(Edit::SetStatus {
            row,
            status: Status::Reviewed,
        })
        .unwrap();
        assert_eq!(confirm(&p, row, None), None);
        let changed = confirm(&p, row, Some((Side::Target, "One!"))).unwrap();
        p.apply(changed).unwrap();
        assert_eq!(p.rows[0].status, Status::Translated);
    }
}
