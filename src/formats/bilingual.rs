//! What every bilingual import produces before it becomes a project: languages and pairs of
//! texts with their statuses. Turning it into a project goes through the edit API, so every
//! text gets a revision with origin `imported`.

use crate::model::{Edit, ImportedRow, Project, Status};

/// A bilingual file's content as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bilingual {
    pub source_lang: String,
    pub target_lang: String,
    pub units: Vec<BilingualUnit>,
}

/// One pair of texts as read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BilingualUnit {
    pub source: String,
    pub target: String,
    /// The status the file gives (`None`: the file says nothing, see [`Bilingual::into_project`]).
    pub status: Option<Status>,
    pub score: Option<f32>,
}

impl Bilingual {
    /// A new project holding the units as rows, built with the edit API: one splice appends
    /// the rows (revisions marked `imported`, by `author`), then one batch sets the statuses
    /// the file gives. A unit without a status is a draft when it has a target, else
    /// untranslated.
    pub fn into_project(self, title: &str, author: &str) -> Project {
        let mut project = Project::new(title, &self.source_lang, &self.target_lang);
        project.session.author = author.to_string();
        let statuses: Vec<Option<Status>> = self.units.iter().map(|u| u.status).collect();
        project.append_imported(
            self.units
                .into_iter()
                .enumerate()
                .map(|(i, unit)| ImportedRow {
                    source: unit.source,
                    target: unit.target,
                    starts_paragraph: i == 0,
                    score: unit.score,
                }),
        );
        let edits: Vec<Edit> = project
            .rows
            .iter()
            .zip(statuses)
            .filter_map(|(row, status)| match status {
                Some(status) if status != row.status => Some(Edit::SetStatus {
                    row: row.id,
                    status,
                }),
                _ => None,
            })
            .collect();
        if !edits.is_empty() {
            // Setting the status of rows that were just appended cannot fail.
            let _ = project.apply(Edit::Batch(edits));
        }
        project
    }
}

/// The status with this name (`Status::name`), as the exports write it.
pub(crate) fn status_named(name: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| s.name() == name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    #[test]
    fn imported_projects_record_imported_revisions_and_the_file_statuses() {
        let bilingual = Bilingual {
            source_lang: "sv".into(),
            target_lang: "en".into(),
            units: vec![
                BilingualUnit {
                    source: "Hej".into(),
                    target: "Hello".into(),
                    status: Some(Status::Reviewed),
                    score: None,
                },
                BilingualUnit {
                    source: "Då".into(),
                    target: String::new(),
                    status: None,
                    score: Some(0.5),
                },
            ],
        };
        let project = bilingual.into_project("t", "importer");
        assert_eq!(project.meta.source_lang, "sv");
        assert_eq!(project.rows[0].status, Status::Reviewed);
        assert_eq!(project.rows[1].status, Status::Untranslated);
        assert_eq!(project.rows[1].score, Some(0.5));
        let revisions: Vec<_> = project.rows.iter().flat_map(|r| &r.history).collect();
        assert_eq!(revisions.len(), 3);
        assert!(
            revisions
                .iter()
                .all(|r| r.origin == Origin::Imported && r.author == "importer")
        );
    }
}
