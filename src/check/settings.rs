//! Edits of a project's QA settings, for the window and the command line: switch a check off
//! or on, ignore one finding on one row (recording who and when), add a word to the
//! project's word list, spell the source too, reference a glossary or translation memory.
//! Each returns an `Edit::SetQaSettings` to apply through the edit API (so it is undoable), or
//! `None` when the settings already say so.

use jiff::Timestamp;

use super::finding::{CheckId, Finding};
use crate::model::{Edit, IgnoredFinding, Project, QaSettings};

/// The edit that gives the project these QA settings, or `None` when it has them already.
pub fn set_qa(project: &Project, qa: QaSettings) -> Option<Edit> {
    (qa != project.qa).then(|| Edit::SetQaSettings(Box::new(qa)))
}

fn edit(project: &Project, change: impl FnOnce(&mut QaSettings)) -> Option<Edit> {
    let mut qa = project.qa.clone();
    change(&mut qa);
    set_qa(project, qa)
}

/// Switches a check on or off for the project.
pub fn set_check_enabled(project: &Project, check: CheckId, on: bool) -> Option<Edit> {
    edit(project, |qa| {
        qa.disabled.retain(|d| d != check.id());
        if !on {
            qa.disabled.push(check.id().to_string());
        }
    })
}

/// Checks the spelling of the source too (where OCR slips hide), or only of the target.
pub fn set_spell_source(project: &Project, on: bool) -> Option<Edit> {
    edit(project, |qa| qa.spell_source = on)
}

/// Ignores one finding on its row, recording `by` and `at`.
pub fn ignore(project: &Project, finding: &Finding, by: &str, at: Timestamp) -> Option<Edit> {
    if project
        .qa
        .is_ignored(finding.row, finding.check.id(), finding.side, &finding.key)
    {
        return None;
    }
    edit(project, |qa| {
        qa.ignored.push(IgnoredFinding {
            row: finding.row,
            check: finding.check.id().to_string(),
            side: finding.side,
            key: finding.key.clone(),
            by: by.to_string(),
            at,
            extra: Default::default(),
        });
    })
}

/// Takes back an ignore.
pub fn unignore(project: &Project, finding: &Finding) -> Option<Edit> {
    edit(project, |qa| {
        qa.ignored.retain(|i| {
            !(i.row == finding.row
                && i.check == finding.check.id()
                && i.side == finding.side
                && i.key == finding.key)
        });
    })
}

/// Adds a word to the project's word list.
pub fn add_word(project: &Project, word: &str) -> Option<Edit> {
    let word = word.trim();
    if word.is_empty() || project.qa.words.iter().any(|w| w == word) {
        return None;
    }
    edit(project, |qa| qa.words.push(word.to_string()))
}

/// Adds a word list: the name of a list shipped with Tolk (`sv-1900`) or a file path relative
/// to the project file.
pub fn add_word_list(project: &Project, list: &str) -> Option<Edit> {
    let list = list.trim();
    if list.is_empty() || project.qa.word_lists.iter().any(|l| l == list) {
        return None;
    }
    edit(project, |qa| qa.word_lists.push(list.to_string()))
}

/// Adds a glossary file reference (a path relative to the project file, or absolute).
pub fn add_glossary(project: &Project, path: &str) -> Option<Edit> {
    if project.qa.glossaries.iter().any(|g| g == path) {
        return None;
    }
    edit(project, |qa| qa.glossaries.push(path.to_string()))
}

/// Adds a translation memory (TMX) reference.
pub fn add_memory(project: &Project, path: &str) -> Option<Edit> {
    if project.qa.memories.iter().any(|g| g == path) {
        return None;
    }
    edit(project, |qa| qa.memories.push(path.to_string()))
}

/// Removes a glossary or memory reference.
pub fn remove_reference(project: &Project, path: &str) -> Option<Edit> {
    edit(project, |qa| {
        qa.glossaries.retain(|g| g != path);
        qa.memories.retain(|g| g != path);
    })
}
