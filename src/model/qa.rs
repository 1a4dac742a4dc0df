//! A project's settings for the translator's checks, kept in the project file (field `qa`):
//! checks switched off, findings ignored on one row (with who and when), the project's own
//! word list, and references to glossaries and translation memories (paths, never copies).
//! The settings are data only; `crate::check` reads them. They change through
//! `Edit::SetQaSettings`, so every change is undoable and saved like any other.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::row::{Extra, RowId, Side};

/// The QA settings of a project. All fields default to empty, so projects written before
/// they existed load unchanged, and a project that uses none of them writes no `qa` field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QaSettings {
    /// Ids of checks switched off for this project (`numbers`, `spelling`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disabled: Vec<String>,
    /// Findings a person looked at and decided to leave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<IgnoredFinding>,
    /// Words the spelling check accepts in this project (names, old spellings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Further word lists: the name of a list shipped with Tolk (`sv-1900`) or a file path,
    /// relative to the project file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub word_lists: Vec<String>,
    /// Also check the spelling of the source (where OCR slips hide).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spell_source: bool,
    /// Glossary files (TBX, TSV, CSV), relative to the project file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossaries: Vec<String>,
    /// Translation memories (TMX) for the concordance and fuzzy matches, relative to the
    /// project file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memories: Vec<String>,
    /// Fields this Tolk does not know: kept and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// One finding a person chose to ignore on one row. A finding is named by its check, side
/// and key (the number, word or term it is about), so ignoring "1914 missing" does not hide
/// a later "1918 missing" on the same row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IgnoredFinding {
    pub row: RowId,
    pub check: String,
    pub side: Side,
    pub key: String,
    pub by: String,
    pub at: Timestamp,
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl QaSettings {
    pub fn is_empty(&self) -> bool {
        *self == QaSettings::default()
    }

    /// Whether the check with this id is on.
    pub fn enabled(&self, check: &str) -> bool {
        !self.disabled.iter().any(|d| d == check)
    }

    /// Whether a finding of `check` on `side` of `row` about `key` was ignored.
    pub fn is_ignored(&self, row: RowId, check: &str, side: Side, key: &str) -> bool {
        self.ignored
            .iter()
            .any(|i| i.row == row && i.side == side && i.check == check && i.key == key)
    }
}
