//! The project document: metadata, rows in reading order, milestones.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::edit::{Edit, Splice};
use super::milestone::ReviewMark;
use super::qa::QaSettings;
use super::row::{Extra, Origin, Revision, Row, RowContent, RowId, Side, Status};
use super::row_index::RowIndex;
use super::segmentation::SegmentationSettings;

/// The `format` tag every project file carries.
pub const FORMAT_TAG: &str = "tolk-project";
/// The newest project file version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// Descriptive data about a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    /// BCP 47 tag of the source language, e.g. `sv`.
    pub source_lang: String,
    /// BCP 47 tag of the target language, e.g. `en`.
    pub target_lang: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    #[serde(default)]
    pub notes: String,
    /// The project's own sentence segmentation rules (absent in older files: the built-in
    /// rules of its languages).
    #[serde(default, skip_serializing_if = "SegmentationSettings::is_default")]
    pub segmentation: SegmentationSettings,
    /// Fields this Tolk does not know (written by a newer Tolk or the user's own tools): kept
    /// and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A named point in time, e.g. "sent to reviewer". Review compares each row's text now with
/// its last revision at or before `at`; `marks` are the reviewer's verdicts on the changes
/// since then (see [`ReviewMark`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub name: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<ReviewMark>,
    /// Fields this Tolk does not know (written by a newer Tolk or the user's own tools): kept
    /// and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Milestone {
    /// A milestone with no review marks yet.
    pub fn new(name: impl Into<String>, at: Timestamp) -> Milestone {
        Milestone {
            name: name.into(),
            at,
            marks: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// Who is editing. Not part of the document: it is set by the program that opened it.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub author: String,
}

/// Sessions never make two projects differ: equality is about the document.
impl PartialEq for Session {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A bilingual project: rows of aligned source and target text with their histories.
///
/// Rules the type keeps:
/// - row ids are unique and never reused (`next_id` only grows, also across deletes);
/// - every change goes through [`Project::apply`], which returns the inverse edit;
/// - histories are append-only: every text change, including undo, appends a [`Revision`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format: String,
    pub version: u32,
    pub meta: Meta,
    /// The id the next new row gets (repaired on load when missing or too small).
    #[serde(default)]
    pub next_id: u64,
    pub rows: Vec<Row>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Settings of the translator's checks (absent in older files: all defaults).
    #[serde(default, skip_serializing_if = "QaSettings::is_empty")]
    pub qa: QaSettings,
    /// Fields this Tolk does not know (written by a newer Tolk or the user's own tools): kept
    /// and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
    #[serde(skip)]
    pub session: Session,
    #[serde(skip)]
    pub(crate) row_index: RowIndex,
}

impl Project {
    /// An empty project for the given languages.
    pub fn new(title: &str, source_lang: &str, target_lang: &str) -> Project {
        let now = Timestamp::now();
        Project {
            format: FORMAT_TAG.to_string(),
            version: FORMAT_VERSION,
            meta: Meta {
                title: title.to_string(),
                source_lang: source_lang.to_string(),
                target_lang: target_lang.to_string(),
                created: now,
                modified: now,
                notes: String::new(),
                segmentation: SegmentationSettings::default(),
                extra: Extra::new(),
            },
            next_id: 1,
            rows: Vec::new(),
            milestones: Vec::new(),
            qa: QaSettings::default(),
            extra: Extra::new(),
            session: Session::default(),
            row_index: RowIndex::default(),
        }
    }

    /// Appends rows made from imported pairs of texts, through the edit API (one splice whose
    /// revisions are marked `imported`). Rows with a target start as drafts.
    pub fn append_imported<I>(&mut self, pairs: I)
    where
        I: IntoIterator<Item = ImportedRow>,
    {
        let first_id = self.next_id;
        let insert: Vec<RowContent> = pairs
            .into_iter()
            .enumerate()
            .map(|(i, pair)| RowContent {
                id: RowId(first_id + i as u64),
                status: if pair.target.is_empty() {
                    Status::Untranslated
                } else {
                    Status::Draft
                },
                source: pair.source,
                target: pair.target,
                locked: false,
                score: pair.score,
                starts_paragraph: pair.starts_paragraph,
                target_starts_paragraph: None,
                notes: Vec::new(),
                extra: Extra::new(),
            })
            .collect();
        let splice = Splice {
            at: self.rows.len(),
            remove: Vec::new(),
            insert,
            histories: Vec::new(),
            origin: Origin::Imported,
        };
        self.apply(Edit::Splice(splice))
            .expect("appending rows with fresh ids always applies");
    }

    /// The index of the row with this id (through a cache of id to index: ids are stable where
    /// indices are not).
    pub fn index_of(&self, id: RowId) -> Option<usize> {
        self.row_index.find(&self.rows, id)
    }

    pub fn row(&self, id: RowId) -> Option<&Row> {
        self.index_of(id).map(|i| &self.rows[i])
    }

    pub fn author(&self) -> &str {
        &self.session.author
    }

    /// The id a new row gets; it counts as issued once an edit inserts the row.
    pub(crate) fn fresh_id(&self) -> RowId {
        RowId(self.next_id)
    }

    /// Builds a row from content and a history carried over from an earlier life of the row,
    /// appending a revision for each side whose text is not what that history last recorded.
    pub(crate) fn new_row(
        &self,
        content: RowContent,
        history: Vec<Revision>,
        origin: Origin,
        at: Timestamp,
    ) -> Row {
        // A row left without a translation (a sentence moved away, a split) is not done.
        let status = if content.target.trim().is_empty() && content.status > Status::Draft {
            Status::Untranslated
        } else {
            content.status
        };
        let mut row = Row {
            id: content.id,
            source: content.source,
            target: content.target,
            status,
            locked: content.locked,
            score: content.score,
            starts_paragraph: content.starts_paragraph,
            target_starts_paragraph: content.target_starts_paragraph,
            history,
            notes: content.notes,
            extra: content.extra,
        };
        for side in Side::BOTH {
            let last = row.revisions(side).last().map(|(_, r)| r.text.as_str());
            let text = row.text(side);
            if last != Some(text) && !(last.is_none() && text.is_empty()) {
                let revision = self.revision(side, text.to_string(), origin, at);
                row.history.push(revision);
            }
        }
        row
    }

    pub(crate) fn revision(
        &self,
        side: Side,
        text: String,
        origin: Origin,
        at: Timestamp,
    ) -> Revision {
        Revision {
            at,
            author: self.session.author.clone(),
            side,
            text,
            origin,
            extra: Extra::new(),
        }
    }
}

/// A pair of texts to make a row from, as importers and aligners produce them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedRow {
    pub source: String,
    pub target: String,
    pub starts_paragraph: bool,
    pub score: Option<f32>,
}

/// Pairs the sentences of two imported texts one to one in reading order; the longer side's
/// extra sentences get rows of their own. (Used until a text is aligned.)
pub fn pair_in_order(
    source: &crate::text::ImportedText,
    target: Option<&crate::text::ImportedText>,
) -> Vec<ImportedRow> {
    let mut sources = source.sentences();
    let mut targets = target
        .into_iter()
        .flat_map(crate::text::ImportedText::sentences);
    let mut rows = Vec::new();
    loop {
        match (sources.next(), targets.next()) {
            (None, None) => return rows,
            (s, t) => rows.push(ImportedRow {
                source: s.map_or(String::new(), |(text, _)| text.to_string()),
                target: t.map_or(String::new(), |(text, _)| text.to_string()),
                starts_paragraph: s.is_some_and(|(_, starts)| starts),
                score: None,
            }),
        }
    }
}
