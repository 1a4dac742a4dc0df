//! One alignment bead (a `Row`) and the small value types that describe it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::note::Note;

/// Unknown fields of a project file's object, kept as they were read.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A row's identity: stable for the row's whole life and never given to another row, even after
/// the row is deleted (the project keeps a counter of issued ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RowId(pub u64);

impl std::fmt::Display for RowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// How far the translation of a row has come, in the order a row normally goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Untranslated,
    Draft,
    Translated,
    Reviewed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Untranslated,
        Status::Draft,
        Status::Translated,
        Status::Reviewed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Untranslated => "untranslated",
            Status::Draft => "draft",
            Status::Translated => "translated",
            Status::Reviewed => "reviewed",
        }
    }
}

/// Which text of a row: the original (source) or the translation (target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Source,
    Target,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Source, Side::Target];

    pub fn name(self) -> &'static str {
        match self {
            Side::Source => "source",
            Side::Target => "target",
        }
    }
}

/// Why a row's text changed; recorded with every revision so that review can tell a typed
/// correction from a text that merely moved between rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The text came in with an imported file.
    Imported,
    /// A person typed it.
    Typed,
    /// The aligner put it there.
    Aligned,
    /// Two rows were merged.
    Merged,
    /// A row was split.
    Split,
    /// A sentence moved between neighbouring rows.
    Moved,
    /// Find and replace.
    Replaced,
    /// A person restored an earlier revision.
    Reverted,
    /// An undo restored the text it had before an edit.
    Undone,
    /// A redo re-applied an undone edit.
    Redone,
}

/// One committed text of one side of a row. History is append-only: nothing is ever removed
/// from it, reverting and undoing add revisions too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub at: Timestamp,
    pub author: String,
    pub side: Side,
    pub text: String,
    pub origin: Origin,
    /// Fields this Tolk does not know (written by a newer Tolk or the user's own tools): kept
    /// and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// One alignment bead: the source text of k sentences and their translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: RowId,
    pub source: String,
    pub target: String,
    pub status: Status,
    /// "Alignment confirmed by a person": the aligner never moves a locked row, and structural
    /// edits (merge, split, move) refuse to touch it.
    #[serde(default)]
    pub locked: bool,
    /// The aligner's confidence in [0, 1]; `None` for rows no aligner has scored.
    #[serde(default)]
    pub score: Option<f32>,
    /// The row begins a paragraph of the source text.
    #[serde(default)]
    pub starts_paragraph: bool,
    /// Whether the row's target text begins a paragraph of the translation, where that is
    /// known (rows made by the aligner from two texts); `None`: as the source. The aligner
    /// reads it back on a realign, so that it sees the paragraphs `tolk new` saw. (Paragraph
    /// starts inside a row are line breaks in its text.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_starts_paragraph: Option<bool>,
    #[serde(default)]
    pub history: Vec<Revision>,
    /// Notes on the row, oldest first (see [`Note`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Fields this Tolk does not know (written by a newer Tolk or the user's own tools): kept
    /// and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Row {
    pub fn text(&self, side: Side) -> &str {
        match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        }
    }

    pub(crate) fn text_mut(&mut self, side: Side) -> &mut String {
        match side {
            Side::Source => &mut self.source,
            Side::Target => &mut self.target,
        }
    }

    /// The revisions of one side, oldest first, with their indices into `history`.
    pub fn revisions(&self, side: Side) -> impl Iterator<Item = (usize, &Revision)> {
        self.history
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.side == side)
    }

    /// Everything about the row except its history: what an edit needs to restore it.
    pub fn content(&self) -> RowContent {
        RowContent {
            id: self.id,
            source: self.source.clone(),
            target: self.target.clone(),
            status: self.status,
            locked: self.locked,
            score: self.score,
            starts_paragraph: self.starts_paragraph,
            target_starts_paragraph: self.target_starts_paragraph,
            notes: self.notes.clone(),
            extra: self.extra.clone(),
        }
    }

    /// Whether the row's target text begins a paragraph (see `target_starts_paragraph`).
    pub fn target_opens_paragraph(&self) -> bool {
        self.target_starts_paragraph
            .unwrap_or(self.starts_paragraph)
    }
}

/// A row without its history. Structural edits describe the rows they create with these; the
/// history of a surviving row is kept and extended, never replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowContent {
    pub id: RowId,
    pub source: String,
    pub target: String,
    pub status: Status,
    pub locked: bool,
    pub score: Option<f32>,
    pub starts_paragraph: bool,
    /// See [`Row::target_starts_paragraph`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_starts_paragraph: Option<bool>,
    /// The row's notes, so that a merge keeps both rows' notes and its undo gives them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The row's unknown fields (see [`Row::extra`]), so undoing a merge gives them back.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl RowContent {
    pub fn text(&self, side: Side) -> &str {
        match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        }
    }

    pub(crate) fn text_mut(&mut self, side: Side) -> &mut String {
        match side {
            Side::Source => &mut self.source,
            Side::Target => &mut self.target,
        }
    }

    /// Whether the row's text on `side` begins a paragraph.
    pub fn opens_paragraph(&self, side: Side) -> bool {
        match side {
            Side::Source => self.starts_paragraph,
            Side::Target => self
                .target_starts_paragraph
                .unwrap_or(self.starts_paragraph),
        }
    }

    /// Sets whether the row's text on `side` begins a paragraph, leaving the other side's as
    /// it is (a target that followed the source gets its own mark). A mark already so is left
    /// as it is written, so that moving sentences adds no field to rows whose marks stay.
    pub(crate) fn set_opens_paragraph(&mut self, side: Side, opens: bool) {
        if self.opens_paragraph(side) == opens {
            return;
        }
        match side {
            Side::Source => {
                self.target_starts_paragraph = Some(self.opens_paragraph(Side::Target));
                self.starts_paragraph = opens;
            }
            Side::Target => self.target_starts_paragraph = Some(opens),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(starts: bool, target: Option<bool>) -> RowContent {
        RowContent {
            id: RowId(1),
            source: "Källa.".into(),
            target: "Source.".into(),
            status: Status::Draft,
            locked: false,
            score: None,
            starts_paragraph: starts,
            target_starts_paragraph: target,
            notes: Vec::new(),
            extra: Extra::default(),
        }
    }

    #[test]
    fn setting_a_paragraph_mark_changes_only_its_side_and_only_when_it_differs() {
        // Unchanged marks write nothing: a target that follows the source keeps following.
        let mut r = row(true, None);
        r.set_opens_paragraph(Side::Source, true);
        r.set_opens_paragraph(Side::Target, true);
        assert_eq!(r, row(true, None));
        // The source mark goes; the target keeps the mark it followed.
        r.set_opens_paragraph(Side::Source, false);
        assert_eq!(r, row(false, Some(true)));
        // The target's own mark goes; the source stays.
        let mut r = row(true, None);
        r.set_opens_paragraph(Side::Target, false);
        assert_eq!(r, row(true, Some(false)));
        assert!(r.opens_paragraph(Side::Source) && !r.opens_paragraph(Side::Target));
    }
}
