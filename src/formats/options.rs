//! Export options shared by every bilingual format: which rows, in which units, and what to do
//! with characters a format cannot carry.

use crate::model::Status;

/// What an export contains and how; `Options::default()` exports every row as one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The statuses whose rows are exported (default: all four).
    pub statuses: Vec<Status>,
    /// Rows as they are, or split into sentence pairs where that is unambiguous.
    pub units: Units,
    /// What XML and HTML exports do with control characters that XML 1.0 forbids.
    pub invalid_chars: InvalidChars,
    /// HTML only: colour each row by its status.
    pub status_colours: bool,
    /// The number the window gives the project's first row: 1, or `A` when the project is
    /// the part `--rows A-B` (see [`super::rows_between`]), so that the DOCX tables number
    /// rows as the window does.
    pub first_row: usize,
    /// DOCX changes only: the name of the milestone whose changes are shown.
    pub since: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            statuses: Status::ALL.to_vec(),
            units: Units::Rows,
            invalid_chars: InvalidChars::Refuse,
            status_colours: false,
            first_row: 1,
            since: None,
        }
    }
}

impl Options {
    /// The default options of a format: [`ExportFormat::default_statuses`], all else default.
    pub fn for_format(format: super::ExportFormat) -> Options {
        Options {
            statuses: format.default_statuses(),
            ..Options::default()
        }
    }

    /// Whether rows of this status are exported.
    pub fn includes(&self, status: Status) -> bool {
        self.statuses.contains(&status)
    }
}

/// The unit of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    /// One unit per row (alignment bead), whatever its number of sentences.
    #[default]
    Rows,
    /// A row whose two sides have the same number of sentences (by
    /// [`Segmenter::for_language`](crate::Segmenter::for_language) of each side's language)
    /// becomes one unit per sentence pair; any other row stays one unit, because pairing its
    /// sentences would be a guess.
    Sentences,
}

/// Control characters other than tab, line feed and carriage return cannot appear in an XML
/// 1.0 document at all, not even as character references. They are never written; the user
/// chooses between being stopped (and fixing the text) and losing them silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvalidChars {
    /// Stop with an error naming the row and the character.
    #[default]
    Refuse,
    /// Leave them out of the exported text.
    Drop,
}
