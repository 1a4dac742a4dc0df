//! Concordance search: a word or phrase in both sides of every row and every memory unit,
//! case-insensitive unless asked, optionally whole words only.

use std::ops::Range;

use regex::RegexBuilder;
use thiserror::Error;

use super::memory::Memories;
use crate::model::{Project, RowId};

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("give a word or phrase to search for")]
    Empty,
    #[error("the search is too long or complex: {0}")]
    Pattern(#[from] regex::Error),
}

/// Where a hit comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A row of the project (its id and its index now).
    Row { id: RowId, index: usize },
    /// A unit of a memory (the memory's reference and the unit's number, from 0).
    Memory { name: String, unit: usize },
}

/// One bilingual hit with the matched characters of each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub origin: Origin,
    pub source: String,
    pub target: String,
    pub source_matches: Vec<Range<usize>>,
    pub target_matches: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    pub case_sensitive: bool,
    pub whole_words: bool,
    /// At most this many hits (project rows first, then memories in order).
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            case_sensitive: false,
            whole_words: false,
            limit: 500,
        }
    }
}

/// The hits of `query` in the project and the memories; a unit is a hit when either side
/// matches.
pub fn search(
    project: &Project,
    memories: &Memories,
    query: &str,
    options: SearchOptions,
) -> Result<Vec<Hit>, SearchError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(SearchError::Empty);
    }
    // Words of the phrase may be separated by any white space in the texts.
    let mut pattern = query
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    if options.whole_words {
        pattern = format!(r"\b{pattern}\b");
    }
    let regex = RegexBuilder::new(&pattern)
        .case_insensitive(!options.case_sensitive)
        .size_limit(1 << 20)
        .build()?;
    let find = |text: &str| -> Vec<Range<usize>> {
        regex
            .find_iter(text)
            .map(|m| {
                let start = text[..m.start()].chars().count();
                start..start + m.as_str().chars().count()
            })
            .collect()
    };
    let mut hits = Vec::new();
    let units = project
        .rows
        .iter()
        .enumerate()
        .map(|(index, r)| {
            (
                Origin::Row { id: r.id, index },
                r.source.as_str(),
                r.target.as_str(),
            )
        })
        .chain(memories.memories.iter().flat_map(|m| {
            m.units.iter().enumerate().map(|(unit, (s, t))| {
                (
                    Origin::Memory {
                        name: m.name.clone(),
                        unit,
                    },
                    s.as_str(),
                    t.as_str(),
                )
            })
        }));
    for (origin, source, target) in units {
        if hits.len() >= options.limit {
            break;
        }
        let (source_matches, target_matches) = (find(source), find(target));
        if source_matches.is_empty() && target_matches.is_empty() {
            continue;
        }
        hits.push(Hit {
            origin,
            source: source.to_string(),
            target: target.to_string(),
            source_matches,
            target_matches,
        });
    }
    Ok(hits)
}
