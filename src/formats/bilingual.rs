//! What every bilingual import produces before it becomes a project: languages and pairs of
//! texts with their statuses. Turning it into a project goes through the edit API, so every
//! text gets a revision with origin `imported`.

use crate::model::{Edit, Origin, Project, RowContent, RowId, Splice, Status};

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
    /// the rows with their statuses (every text gets a revision with origin `imported`, by
    /// `author`). A unit without a status is a draft when it has a target, else untranslated.
    ///
    /// One splice rather than `append_imported` and a status edit per row: a status edit finds
    /// its row by a linear scan, which made 100,000 of them quadratic.
    pub fn into_project(self, title: &str, author: &str) -> Project {
        let mut project = Project::new(title, &self.source_lang, &self.target_lang);
        project.session.author = author.to_string();
        let first_id = project.next_id;
        let insert = self
            .units
            .into_iter()
            .enumerate()
            .map(|(i, unit)| RowContent {
                id: RowId(first_id + i as u64),
                status: unit.status.unwrap_or(if unit.target.is_empty() {
                    Status::Untranslated
                } else {
                    Status::Draft
                }),
                source: unit.source,
                target: unit.target,
                locked: false,
                score: unit.score,
                starts_paragraph: i == 0,
                extra: Default::default(),
            })
            .collect();
        let splice = Splice {
            at: 0,
            remove: Vec::new(),
            insert,
            histories: Vec::new(),
            origin: Origin::Imported,
        };
        // Fresh ids appended to an empty project: the splice always applies.
        let _ = project.apply(Edit::Splice(splice));
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
