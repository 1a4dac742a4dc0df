//! What every bilingual import produces before it becomes a project: languages and pairs of
//! texts with their statuses and whatever else of Tolk's the file carried. Turning it into a
//! project goes through the edit API, so every text gets a revision with origin `imported`.

use std::collections::HashSet;

use crate::model::{Edit, Origin, Project, RowContent, RowId, Side, Splice, Status};

/// The largest row id an import keeps: the project's `next_id` must stay at or below 2^53,
/// the cap the project file's integrity check enforces.
const LARGEST_ID: u64 = (1 << 53) - 1;

/// A bilingual file's content as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bilingual {
    pub source_lang: String,
    pub target_lang: String,
    pub units: Vec<BilingualUnit>,
    /// The project title, when the file is Tolk's and carries one.
    pub title: Option<String>,
    /// The project notes, when the file is Tolk's and carries them.
    pub notes: Option<String>,
    /// What the reader left out or repaired, with counts, for the user to see.
    pub warnings: Vec<String>,
}

/// One pair of texts as read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BilingualUnit {
    pub source: String,
    pub target: String,
    /// The status the file gives (`None`: the file says nothing, see [`Bilingual::into_project`]).
    pub status: Option<Status>,
    pub score: Option<f32>,
    /// Tolk's row id, when the file is Tolk's: kept so that ids survive a round trip.
    pub id: Option<u64>,
    pub locked: bool,
    /// Whether the unit begins a paragraph (`None`: the file does not say).
    pub starts_paragraph: Option<bool>,
    /// Who last wrote the texts, when the file says; their imported revisions carry the name.
    pub author: Option<String>,
    /// Notes on the unit (TMX and XLIFF `<note>`, the TSV/CSV notes column).
    pub notes: Vec<crate::model::Note>,
}

/// What the user chose for an import: the languages to read (TMX, XLIFF 1.2 files) or, for
/// files that do not name them (TSV), the languages to label the sides with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadOptions {
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
}

impl Bilingual {
    /// A new project holding the units as rows, built with the edit API: one splice appends
    /// the rows with their statuses, every text getting a revision with origin `imported` by
    /// `author`. A unit whose author the file names gets its texts in a second step, by edits
    /// made in that author's name (so its revisions carry it). A unit without a status is a
    /// draft when it has a target, else untranslated. Row ids from the file are kept when
    /// valid and unique; other rows get fresh ids above them. The file's title wins over
    /// `title`.
    ///
    /// A splice rather than `append_imported` and a status edit per row: one edit per row used
    /// to be quadratic, and a single splice is still the cheapest.
    pub fn into_project(self, title: &str, author: &str) -> Project {
        let title = self.title.as_deref().unwrap_or(title);
        let mut project = Project::new(title, &self.source_lang, &self.target_lang);
        if let Some(notes) = &self.notes {
            project.meta.notes.clone_from(notes);
        }
        let mut used = HashSet::with_capacity(self.units.len());
        let kept: Vec<Option<u64>> = self
            .units
            .iter()
            .map(|u| {
                u.id.filter(|&id| (1..=LARGEST_ID).contains(&id) && used.insert(id))
            })
            .collect();
        let mut fresh = used.iter().max().map_or(project.next_id, |max| max + 1);
        let says_paragraphs = self.units.iter().any(|u| u.starts_paragraph.is_some());
        let mut insert = Vec::with_capacity(self.units.len());
        // Texts of units with a named author, set afterwards in that author's name.
        let mut authored: Vec<(String, Vec<Edit>)> = Vec::new();
        let mut statuses = Vec::new();
        for (i, (unit, id)) in self.units.into_iter().zip(kept).enumerate() {
            let id = RowId(id.unwrap_or_else(|| {
                fresh += 1;
                fresh - 1
            }));
            let status = unit.status.unwrap_or(if unit.target.is_empty() {
                Status::Untranslated
            } else {
                Status::Draft
            });
            let mut status = status;
            let (source, target) = match unit.author {
                Some(who) if who != author => {
                    // The row is made empty and filled in that author's name; its status
                    // follows its texts (a row without a translation is not done).
                    let confirmable = status <= Status::Draft || !unit.target.trim().is_empty();
                    if status != Status::Untranslated && confirmable {
                        statuses.push(Edit::SetStatus { row: id, status });
                    }
                    status = Status::Untranslated;
                    let edits = [(Side::Source, unit.source), (Side::Target, unit.target)]
                        .into_iter()
                        .filter(|(_, text)| !text.is_empty())
                        .map(|(side, text)| Edit::SetText {
                            row: id,
                            side,
                            text,
                            origin: Origin::Imported,
                        });
                    match authored.last_mut() {
                        Some((last, run)) if *last == who => run.extend(edits),
                        _ => authored.push((who, edits.collect())),
                    }
                    (String::new(), String::new())
                }
                _ => (unit.source, unit.target),
            };
            insert.push(RowContent {
                id,
                status,
                source,
                target,
                locked: unit.locked,
                score: unit.score,
                starts_paragraph: if says_paragraphs {
                    unit.starts_paragraph.unwrap_or(false)
                } else {
                    i == 0
                },
                target_starts_paragraph: None,
                notes: unit.notes,
                extra: Default::default(),
            });
        }
        project.session.author = author.to_string();
        let splice = Splice {
            at: 0,
            remove: Vec::new(),
            insert,
            histories: Vec::new(),
            origin: Origin::Imported,
        };
        // Ids unique and above every id issued so far: the splice always applies.
        let _ = project.apply(Edit::Splice(splice));
        for (who, edits) in authored {
            project.session.author = who;
            // Texts of rows just inserted: always applies.
            let _ = project.apply(Edit::Batch(edits));
        }
        project.session.author = author.to_string();
        // Statuses of those rows, now that they have their texts: always applies.
        let _ = project.apply(Edit::Batch(statuses));
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
                    ..BilingualUnit::default()
                },
                BilingualUnit {
                    source: "Då".into(),
                    target: String::new(),
                    status: None,
                    score: Some(0.5),
                    ..BilingualUnit::default()
                },
            ],
            ..Bilingual::default()
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
