//! The concordance: where a word or phrase occurs in the project and in the translation
//! memories (TMX files the project references, read where they are, never copied), with both
//! sides of each hit and the matched characters; and fuzzy matches for a row: memory units
//! and other rows whose source is at least 75% similar, with the diff to the row's source.

mod fuzzy;
mod memory;
mod row_words;
mod search;

pub use fuzzy::{FUZZY_MIN, FuzzyMatch, fuzzy_matches, fuzzy_matches_in};
pub use memory::{Memories, Memory, MemoryError};
pub use row_words::RowWords;
pub use search::{Hit, Origin as HitOrigin, SearchError, SearchOptions, search};
