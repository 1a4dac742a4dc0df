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
pub use run::{CheckError, CheckSetup, Checker};
pub use spelling::{
    Misspelling, Speller, Spelling, parse_word_list, resolve as resolve_project_path,
    shipped_word_lists, user_word_list_path,
};
pub use terms::{MatchOptions, PreparedTerm, TermHit, TermIndex, find_term};
