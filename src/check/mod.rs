//! The translator's checks (QA): each check has an id (`CheckId`) and looks at one row, or
//! one row against the whole project, reporting findings with the characters they are about
//! (one file per family of checks). Nothing here knows about a window: the window and
//! `tolk check` both build a [`Checker`] and call it.

mod basic;
mod consistency;
mod dictionaries;
mod finding;
mod length;
mod numbers;
mod punctuation;
mod run;
pub mod settings;
mod spaces;
mod spelling;
mod terms;

pub use dictionaries::{
    DictionaryError, LoadedDictionary, find as find_dictionary, load as load_dictionary,
    search_folders as dictionary_folders,
};
pub use finding::{CheckId, Finding};
pub use length::Lengths;
pub use numbers::{Number, numbers};
pub use run::{CheckError, CheckSetup, Checker, checkable_copy};
pub use spelling::{
    Misspelling, Speller, Spelling, WordListError, add_to_word_list, parse_word_list,
    resolve as resolve_project_path, shipped_word_lists, user_word_list_path,
};
pub use terms::{MatchOptions, PreparedTerm, TermHit, TermIndex, find_term};

/// A row for the checks' unit tests: texts and status, nothing else set.
#[cfg(test)]
pub(crate) fn test_row(
    id: crate::model::RowId,
    source: &str,
    target: &str,
    status: crate::model::Status,
) -> crate::model::Row {
    crate::model::Row {
        id,
        source: source.into(),
        target: target.into(),
        status,
        locked: false,
        score: None,
        starts_paragraph: false,
        target_starts_paragraph: None,
        history: Vec::new(),
        notes: Vec::new(),
        extra: Default::default(),
    }
}
