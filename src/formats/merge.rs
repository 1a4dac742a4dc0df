//! Import into an existing project: the targets (and statuses) of a bilingual file applied to
//! the rows whose source text matches, as one undoable edit, with a report of what matched.

use std::collections::HashMap;

use super::bilingual::Bilingual;
use crate::model::{Edit, Origin, Project, RowId, Side, Status};

/// What [`merge_into`] found, counted in units of the file (and rows of the project).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    /// Units whose source (or Tolk row id and source) found at least one row.
    pub matched: usize,
    /// Units whose source is in no row.
    pub unmatched: usize,
    /// Units left alone because the file gives the same source different targets.
    pub conflicting: usize,
    /// Units without a target: they never wipe a row's translation.
    pub empty: usize,
    /// Rows whose target or status the edit changes.
    pub rows_changed: usize,
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} matched ({} rows changed), {} unmatched, {} conflicting, {} without a target",
            self.matched, self.rows_changed, self.unmatched, self.conflicting, self.empty
        )
    }
}

/// The edit that brings the file's targets into the project, and the report. Units are matched
/// to rows by Tolk's row id when the row still has the unit's source, else by source text
/// (ignoring white space at the ends; every row with that source gets the target). A unit
/// without a status gets draft, as in a new import. `None` when nothing changes.
///
/// A file that is not Tolk's (its units carry no Tolk row id: an OmegaT memory, po2tmx) never
/// lowers the status of a row whose translation it gives back unchanged: its status is a
/// reader's guess ("a TMX unit with a target is translated"), and taking it would undo a
/// review. Tolk's own files, whose statuses are Tolk's, may lower it.
pub fn merge_into(project: &Project, file: &Bilingual) -> (Option<Edit>, MergeReport) {
    let mut report = MergeReport::default();
    let mut by_source: HashMap<&str, Vec<RowId>> = HashMap::new();
    for row in &project.rows {
        by_source.entry(row.source.trim()).or_default().push(row.id);
    }
    // The targets the file gives each source, to find the ones it contradicts itself on.
    let mut targets_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for unit in file.units.iter().filter(|u| !u.target.is_empty()) {
        let targets = targets_of.entry(unit.source.trim()).or_default();
        if !targets.contains(&unit.target.as_str()) {
            targets.push(&unit.target);
        }
    }
    let mut assigned: HashMap<RowId, (&str, Status, bool)> = HashMap::new();
    for unit in &file.units {
        if unit.target.is_empty() {
            report.empty += 1;
            continue;
        }
        let status = unit.status.unwrap_or(Status::Draft);
        let by_id = unit
            .id
            .map(RowId)
            .filter(|id| project.row(*id).is_some_and(|r| r.source == unit.source));
        let rows: Vec<RowId> = match by_id {
            Some(id) => vec![id],
            None => {
                let source = unit.source.trim();
                let Some(rows) = by_source.get(source) else {
                    report.unmatched += 1;
                    continue;
                };
                if targets_of.get(source).is_some_and(|t| t.len() > 1) {
                    report.conflicting += 1;
                    continue;
                }
                rows.clone()
            }
        };
        report.matched += 1;
        let foreign = unit.id.is_none();
        for row in rows {
            assigned.insert(row, (&unit.target, status, foreign));
        }
    }
    let mut edits = Vec::new();
    for row in &project.rows {
        let Some(&(target, mut status, foreign)) = assigned.get(&row.id) else {
            continue;
        };
        let rank = |s: Status| Status::ALL.iter().position(|a| *a == s);
        if foreign && row.target == target && rank(status) < rank(row.status) {
            status = row.status;
        }
        let before = edits.len();
        if row.target != target {
            edits.push(Edit::SetText {
                row: row.id,
                side: Side::Target,
                text: target.to_string(),
                origin: Origin::Imported,
            });
        }
        if row.status != status {
            edits.push(Edit::SetStatus {
                row: row.id,
                status,
            });
        }
        report.rows_changed += usize::from(edits.len() > before);
    }
    ((!edits.is_empty()).then_some(Edit::Batch(edits)), report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::BilingualUnit;
    use crate::model::ImportedRow;

    fn unit(source: &str, target: &str, status: Option<Status>, id: Option<u64>) -> BilingualUnit {
        BilingualUnit {
            source: source.into(),
            target: target.into(),
            status,
            id,
            ..BilingualUnit::default()
        }
    }

    #[test]
    fn matches_by_id_then_source_and_reports_the_rest() {
        let mut project = Project::new("t", "sv", "en");
        project.append_imported(
            ["Ja.", "Nej.", "Ja.", "Kanske.", "Hej."].map(|s| ImportedRow {
                source: s.into(),
                ..ImportedRow::default()
            }),
        );
        let file = Bilingual {
            units: vec![
                unit("Ja.", "Yes.", Some(Status::Translated), None),
                unit(" Nej. ", "No.", None, None),
                unit("Kanske.", "Maybe.", None, None),
                unit("Kanske.", "Perhaps.", None, None),
                unit("Okänd.", "Unknown.", None, None),
                unit("Hej.", "", None, None),
                // Row 5's id with row 5's source: matched by id.
                unit("Hej.", "Hello.", Some(Status::Reviewed), Some(5)),
            ],
            ..Bilingual::default()
        };
        let (edit, report) = merge_into(&project, &file);
        assert_eq!(
            report,
            MergeReport {
                matched: 3,
                unmatched: 1,
                conflicting: 2,
                empty: 1,
                rows_changed: 4,
            }
        );
        let before = project.clone();
        let inverse = project.apply(edit.unwrap()).unwrap();
        let rows: Vec<(&str, Status)> = project
            .rows
            .iter()
            .map(|r| (r.target.as_str(), r.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Yes.", Status::Translated),
                ("No.", Status::Draft),
                ("Yes.", Status::Translated),
                ("", Status::Untranslated),
                ("Hello.", Status::Reviewed),
            ]
        );
        assert!(
            project.rows[0]
                .history
                .iter()
                .any(|r| r.origin == Origin::Imported)
        );
        project.apply(inverse).unwrap();
        let texts = |p: &Project| {
            p.rows
                .iter()
                .map(|r| (r.target.clone(), r.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&project), texts(&before), "one edit, undone as one");
        let (again, _) = merge_into(&before, &Bilingual::default());
        assert_eq!(again, None);
    }

    #[test]
    fn a_foreign_file_giving_a_translation_back_unchanged_keeps_its_review() {
        let mut project = Project::new("t", "sv", "en");
        project.append_imported(["Ja.", "Nej."].map(|s| ImportedRow {
            source: s.into(),
            target: format!("{s}!"),
            ..ImportedRow::default()
        }));
        for row in [project.rows[0].id, project.rows[1].id] {
            project
                .apply(Edit::SetStatus {
                    row,
                    status: Status::Reviewed,
                })
                .unwrap();
        }
        // An OmegaT memory: no Tolk ids, every unit with a target read as translated.
        let foreign = Bilingual {
            units: vec![
                unit("Ja.", "Ja.!", Some(Status::Translated), None),
                unit("Nej.", "No.", Some(Status::Translated), None),
            ],
            ..Bilingual::default()
        };
        let (edit, report) = merge_into(&project, &foreign);
        assert_eq!(report.rows_changed, 1);
        let mut merged = project.clone();
        merged.apply(edit.unwrap()).unwrap();
        let statuses: Vec<Status> = merged.rows.iter().map(|r| r.status).collect();
        assert_eq!(statuses, [Status::Reviewed, Status::Translated]);
        // Tolk's own export says draft: it is Tolk's status, and it is taken.
        let own = Bilingual {
            units: vec![unit("Ja.", "Ja.!", Some(Status::Draft), Some(1))],
            ..Bilingual::default()
        };
        let (edit, _) = merge_into(&project, &own);
        merged = project.clone();
        merged.apply(edit.unwrap()).unwrap();
        assert_eq!(merged.rows[0].status, Status::Draft);
    }
}
