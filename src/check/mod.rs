//! The translator's checks (QA): each check has an id and looks at one row, or one row
//! against the whole project, and reports findings with the characters they are about.
//! Nothing here knows about a window: the window and `tolk check` call [`Checker`].

mod basic;
mod consistency;
mod dictionaries;
mod finding;
mod length;
mod numbers;
mod punctuation;
mod spaces;

pub use dictionaries::{DictionaryError, LoadedDictionary};
pub use finding::{CheckId, Finding};
