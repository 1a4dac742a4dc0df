//! What a check reports: a finding on one side of one row, with the characters it is about,
//! a message for people, and a key that names it for "ignore this one".

use std::ops::Range;

use serde::Serialize;

use crate::model::{RowId, Side};

/// Every check, by the id the command line, the settings and the JSON output use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    Numbers,
    EmptyTarget,
    SameAsSource,
    EndPunctuation,
    DoubleSpace,
    LeadingTrailingSpace,
    BracketsQuotes,
    Inconsistent,
    Term,
    Spelling,
    Length,
}

impl CheckId {
    pub const ALL: [CheckId; 11] = [
        CheckId::Numbers,
        CheckId::EmptyTarget,
        CheckId::SameAsSource,
        CheckId::EndPunctuation,
        CheckId::DoubleSpace,
        CheckId::LeadingTrailingSpace,
        CheckId::BracketsQuotes,
        CheckId::Inconsistent,
        CheckId::Term,
        CheckId::Spelling,
        CheckId::Length,
    ];

    pub fn id(self) -> &'static str {
        match self {
            CheckId::Numbers => "numbers",
            CheckId::EmptyTarget => "empty-target",
            CheckId::SameAsSource => "same-as-source",
            CheckId::EndPunctuation => "end-punctuation",
            CheckId::DoubleSpace => "double-space",
            CheckId::LeadingTrailingSpace => "leading-trailing-space",
            CheckId::BracketsQuotes => "brackets-quotes",
            CheckId::Inconsistent => "inconsistent",
            CheckId::Term => "term",
            CheckId::Spelling => "spelling",
            CheckId::Length => "length",
        }
    }

    /// The check with this id.
    pub fn from_id(id: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.id() == id.trim())
    }

    /// One line saying what the check looks for (help texts, the window's settings).
    pub fn describe(self) -> &'static str {
        match self {
            CheckId::Numbers => {
                "numbers missing or different on the other side (compared by value)"
            }
            CheckId::EmptyTarget => "a translated or reviewed row without a translation",
            CheckId::SameAsSource => "a translation identical to its source",
            CheckId::EndPunctuation => {
                "the source ends in . ? ! : and the target does not, or in another mark"
            }
            CheckId::DoubleSpace => "two or more spaces in a row in the translation",
            CheckId::LeadingTrailingSpace => "a translation starting or ending with white space",
            CheckId::BracketsQuotes => {
                "unbalanced brackets or quotation marks, or different counts on the two sides"
            }
            CheckId::Inconsistent => {
                "the same source translated differently, or the same translation for different sources"
            }
            CheckId::Term => {
                "a glossary term in the source without its translation in the target, or a forbidden term"
            }
            CheckId::Spelling => "words the dictionary and the word lists do not know",
            CheckId::Length => {
                "a translation far longer or shorter than the project's length model expects"
            }
        }
    }
}

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One finding on one side of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub row: RowId,
    pub check: CheckId,
    pub side: Side,
    /// The characters (counted in `char`s, as the editor counts them) of that side's text the
    /// finding is about, when it is about some; the window underlines them.
    pub range: Option<Range<usize>>,
    pub message: String,
    /// What the finding is about (the number, word or term; empty when the check says one
    /// thing per row): with row, check and side it names the finding for ignoring.
    pub key: String,
}

impl Finding {
    pub(crate) fn new(
        row: RowId,
        check: CheckId,
        side: Side,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            row,
            check,
            side,
            range: None,
            message: message.into(),
            key: key.into(),
        }
    }

    pub(crate) fn at(mut self, range: Range<usize>) -> Finding {
        self.range = Some(range);
        self
    }
}

/// Character offset of every byte offset that starts a char, for turning byte ranges into the
/// char ranges findings carry. Cheap for the short texts of one row.
pub(crate) fn char_range(text: &str, bytes: Range<usize>) -> Range<usize> {
    let start = text[..bytes.start].chars().count();
    start..start + text[bytes].chars().count()
}
