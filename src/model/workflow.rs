//! The translator's workflow rules that turn gestures into edits: typing into an untranslated
//! row makes it a draft; changing the translation of a confirmed (translated or reviewed) row
//! makes it a draft again until it is confirmed; emptying it makes it untranslated; confirming
//! makes it translated. (The edit API itself refuses to confirm a row without a translation.)

use super::edit::Edit;
use super::project::Project;
use super::row::{Origin, RowId, Side, Status};

/// The edit that commits text a person typed into one side of a row, or `None` when nothing
/// changed. A change of the translation also sets the status the change implies (see the
/// module's rules), in the same (undoable) edit; a change of the source (an OCR fix) does not.
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
    let status = match (side, text.trim().is_empty()) {
        (Side::Source, _) => current.status,
        (Side::Target, true) => Status::Untranslated,
        (Side::Target, false) => Status::Draft,
    };
    if status == current.status {
        return Some(set_text);
    }
    Some(Edit::Batch(vec![set_text, Edit::SetStatus { row, status }]))
}

/// The edit that confirms a row: commits the typed text (if any) and sets the status to
/// translated (a reviewed row stays reviewed unless its text changed). A row whose translation
/// is empty cannot be confirmed: its typing is committed, its status left alone.
pub fn confirm(project: &Project, row: RowId, typed: Option<(Side, &str)>) -> Option<Edit> {
    let current = project.row(row)?;
    let target = match typed {
        Some((Side::Target, text)) => text,
        _ => current.target.as_str(),
    };
    if target.trim().is_empty() {
        let (side, text) = typed?;
        return commit_typed(project, row, side, text);
    }
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

    #[test]
    fn changing_a_confirmed_translation_makes_a_draft_and_emptying_it_untranslated() {
        let mut p = project();
        let row = p.rows[0].id;
        p.apply(confirm(&p, row, Some((Side::Target, "One."))).unwrap())
            .unwrap();
        p.apply(Edit::SetStatus {
            row,
            status: Status::Reviewed,
        })
        .unwrap();
        p.apply(commit_typed(&p, row, Side::Source, "Ett!").unwrap())
            .unwrap();
        assert_eq!(
            p.rows[0].status,
            Status::Reviewed,
            "an OCR fix keeps the status"
        );
        let changed = commit_typed(&p, row, Side::Target, "One!").unwrap();
        let inverse = p.apply(changed).unwrap();
        assert_eq!(p.rows[0].status, Status::Draft);
        p.apply(inverse).unwrap();
        assert_eq!(
            p.rows[0].status,
            Status::Reviewed,
            "undo gives the status back"
        );
        p.apply(commit_typed(&p, row, Side::Target, " ").unwrap())
            .unwrap();
        assert_eq!(p.rows[0].status, Status::Untranslated);
    }

    #[test]
    fn a_row_without_a_translation_cannot_be_confirmed() {
        let mut p = project();
        let row = p.rows[0].id;
        assert_eq!(confirm(&p, row, None), None);
        assert_eq!(
            confirm(&p, row, Some((Side::Target, "  "))),
            commit_typed(&p, row, Side::Target, "  ")
        );
        let refused = p.apply(Edit::SetStatus {
            row,
            status: Status::Translated,
        });
        assert_eq!(refused, Err(crate::model::EditError::NothingToConfirm(row)));
        assert_eq!(p.rows[0].status, Status::Untranslated);
    }

    #[test]
    fn a_row_whose_translation_moves_away_is_no_longer_done() {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([
            ImportedRow {
                source: "Ett.".into(),
                target: "One. Two.".into(),
                ..Default::default()
            },
            ImportedRow {
                source: "Två.".into(),
                ..Default::default()
            },
        ]);
        let first = p.rows[0].id;
        p.apply(confirm(&p, first, None).unwrap()).unwrap();
        let split = Edit::Split {
            row: first,
            source_at: 4,
            target_at: 9,
        };
        let inverse = p.apply(split).unwrap();
        assert_eq!(p.rows[0].status, Status::Translated);
        assert_eq!(p.rows[1].target, "");
        assert_eq!(
            p.rows[1].status,
            Status::Untranslated,
            "the new empty row is not done"
        );
        p.apply(inverse).unwrap();
        assert_eq!(p.rows[0].status, Status::Translated);
    }
}
