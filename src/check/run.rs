//! The checker: every check's resources for one project (glossary, dictionaries, the
//! project-wide indexes for `inconsistent` and `length`), and the two ways to run them: the
//! whole project (on all cores) and one row live, while it is being edited.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::basic;
use super::consistency::ConsistencyIndex;
use super::dictionaries;
use super::finding::{CheckId, Finding};
use super::length::Lengths;
use super::numbers;
use super::punctuation;
use super::spaces;
use super::spelling::{Misspelling, Spelling, WordCache, resolve, user_word_list_path};
use super::terms::{MatchOptions, TermHit, TermIndex};
use crate::formats::{Glossary, GlossaryError, load_glossary};
use crate::model::{Project, Row, RowId, Side};

#[derive(Debug, Error)]
pub enum CheckError {
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
}

/// A copy of what the checks read of a project (its settings, languages and the rows' texts
/// and statuses), without the rows' histories and notes: cheap enough to make on a window's
/// thread and check on another.
pub fn checkable_copy(project: &Project) -> Project {
    Project {
        rows: project
            .rows
            .iter()
            .map(|row| Row {
                id: row.id,
                source: row.source.clone(),
                target: row.target.clone(),
                status: row.status,
                locked: row.locked,
                score: row.score,
                starts_paragraph: row.starts_paragraph,
                target_starts_paragraph: row.target_starts_paragraph,
                history: Vec::new(),
                notes: Vec::new(),
                extra: Default::default(),
            })
            .collect(),
        milestones: Vec::new(),
        meta: project.meta.clone(),
        qa: project.qa.clone(),
        format: project.format.clone(),
        version: project.version,
        next_id: project.next_id,
        extra: Default::default(),
        session: Default::default(),
        row_index: Default::default(),
    }
}

/// What a caller chooses beyond the project's own settings.
#[derive(Debug, Clone, Default)]
pub struct CheckSetup {
    /// Glossary files to use besides those the project names.
    pub glossaries: Vec<PathBuf>,
    /// Run only these checks (still minus those the project switched off); `None`: all.
    pub only: Option<Vec<CheckId>>,
    /// Folders to look for dictionaries in (`None`: [`dictionaries::search_folders`]).
    pub dictionary_folders: Option<Vec<PathBuf>>,
    pub term_matching: MatchOptions,
    /// The user's own word list file (`None`: [`user_word_list_path`], from the environment).
    pub user_word_list: Option<PathBuf>,
}

/// The checks of one project, ready to run. Build it when a project is opened (or its
/// settings change); [`Checker::refresh`] after many edits brings the project-wide indexes
/// up to date; [`Checker::check_row`] is cheap enough to run on every keystroke.
#[derive(Debug)]
pub struct Checker {
    source_lang: String,
    target_lang: String,
    enabled: Vec<CheckId>,
    terms: TermIndex,
    spelling: Option<Spelling>,
    consistency: ConsistencyIndex,
    lengths: Lengths,
    notices: Vec<String>,
}

impl Checker {
    /// Loads what the enabled checks need for `project`, whose file is `project_path` (for
    /// the paths the project names, relative to it). A glossary that cannot be read is an
    /// error; a missing dictionary or word list is a notice (see [`Checker::notices`]).
    pub fn new(
        project: &Project,
        project_path: Option<&Path>,
        setup: &CheckSetup,
    ) -> Result<Checker, CheckError> {
        let enabled: Vec<CheckId> = CheckId::ALL
            .into_iter()
            .filter(|c| project.qa.enabled(c.id()))
            .filter(|c| setup.only.as_ref().is_none_or(|only| only.contains(c)))
            .collect();
        let (source_lang, target_lang) = (&project.meta.source_lang, &project.meta.target_lang);
        let mut glossary = Glossary {
            source_lang: source_lang.clone(),
            target_lang: target_lang.clone(),
            ..Glossary::default()
        };
        let mut notices = Vec::new();
        if enabled.contains(&CheckId::Term) {
            let named = project
                .qa
                .glossaries
                .iter()
                .map(|g| resolve(g, project_path));
            for path in named.chain(setup.glossaries.iter().cloned()) {
                let loaded = load_glossary(&path, source_lang, target_lang)?;
                notices.extend(
                    loaded
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {w}", path.display())),
                );
                glossary.extend(loaded);
            }
        }
        // Loading the dictionaries and indexing the project's rows are independent: side by
        // side they cost `tolk check` on a book the longer of the two, not the sum.
        let (spelling, consistency, lengths) = std::thread::scope(|scope| {
            let spelling = scope.spawn(|| {
                enabled.contains(&CheckId::Spelling).then(|| {
                    let folders = setup
                        .dictionary_folders
                        .clone()
                        .unwrap_or_else(|| dictionaries::search_folders(project_path));
                    let user_list = setup.user_word_list.clone().or_else(user_word_list_path);
                    Spelling::with_user_list(project, project_path, &folders, user_list)
                })
            });
            let consistency = ConsistencyIndex::build(project);
            let lengths = Lengths::fit(project);
            let spelling = spelling
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (spelling, consistency, lengths)
        });
        if let Some(spelling) = &spelling {
            notices.extend(spelling.notices.iter().cloned());
        }
        Ok(Checker {
            source_lang: source_lang.clone(),
            target_lang: target_lang.clone(),
            enabled,
            terms: TermIndex::new(&glossary, setup.term_matching),
            spelling,
            consistency,
            lengths,
            notices,
        })
    }

    /// Rebuilds the project-wide indexes (other rows' texts for `inconsistent`, the length
    /// model) after edits.
    pub fn refresh(&mut self, project: &Project) {
        self.consistency = ConsistencyIndex::build(project);
        self.lengths = Lengths::fit(project);
    }

    /// Things to tell the user once: dictionaries not found, glossary lines left out.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The checks that run.
    pub fn enabled(&self) -> &[CheckId] {
        &self.enabled
    }

    fn on(&self, check: CheckId) -> bool {
        self.enabled.contains(&check)
    }

    /// The findings of one row (by index), as it is now, minus those ignored on it. Fast
    /// enough to run live: the project-wide work was done when the checker was built.
    pub fn check_row(&self, project: &Project, index: usize) -> Vec<Finding> {
        let Some(row) = project.rows.get(index) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.run(
            project,
            row,
            &mut |row, side| {
                self.spelling
                    .as_ref()
                    .map(|s| s.misspellings(row, side))
                    .unwrap_or_default()
            },
            &mut out,
        );
        out
    }

    /// The findings of row `index` as if `side` read `text` (what is being typed into it, not
    /// yet committed), minus those ignored: the live check beside the editor.
    pub fn check_typed(
        &self,
        project: &Project,
        index: usize,
        side: Side,
        text: &str,
    ) -> Vec<Finding> {
        let Some(row) = project.rows.get(index) else {
            return Vec::new();
        };
        if row.text(side) == text {
            return self.check_row(project, index);
        }
        let mut typed = Row {
            history: Vec::new(),
            notes: Vec::new(),
            ..row.clone()
        };
        match side {
            Side::Source => typed.source = text.to_string(),
            Side::Target => typed.target = text.to_string(),
        }
        let mut out = Vec::new();
        self.run(
            project,
            &typed,
            &mut |row, side| {
                self.spelling
                    .as_ref()
                    .map(|s| s.misspellings(row, side))
                    .unwrap_or_default()
            },
            &mut out,
        );
        out
    }

    /// The misspelt words of `text` as `side` of row `row` (its text or what is typed into
    /// it), for underlining: nothing when spelling is off or does not look at that side.
    /// Cached per row and side while the text stays the same.
    pub fn misspellings(&self, row: RowId, side: Side, text: &str) -> Vec<Misspelling> {
        match &self.spelling {
            Some(spelling) if spelling.sides().contains(&side) => {
                spelling.misspellings_in(row, side, text)
            }
            _ => Vec::new(),
        }
    }

    /// The sides whose spelling is checked (none when the check is off).
    pub fn spelt_sides(&self) -> &'static [Side] {
        self.spelling.as_ref().map_or(&[], Spelling::sides)
    }

    /// Whether a glossary with at least one entry is in use (the `term` check is on).
    pub fn has_glossary(&self) -> bool {
        !self.terms.is_empty()
    }

    /// The findings of every row, in row order, minus those ignored. Runs on all cores.
    pub fn check_all(&self, project: &Project) -> Vec<Finding> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let rows = &project.rows;
        let chunk = rows.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut known: [WordCache; 2] = Default::default();
                        let mut out = Vec::new();
                        for row in part {
                            self.run(
                                project,
                                row,
                                &mut |row, side| match &self.spelling {
                                    Some(s) => s.misspellings_with(
                                        row.text(side),
                                        side,
                                        &mut known[side as usize],
                                    ),
                                    None => Vec::new(),
                                },
                                &mut out,
                            );
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    fn run(
        &self,
        project: &Project,
        row: &Row,
        spell: &mut dyn FnMut(&Row, Side) -> Vec<Misspelling>,
        out: &mut Vec<Finding>,
    ) {
        let start = out.len();
        if self.on(CheckId::EmptyTarget) {
            basic::empty_target(row, out);
        }
        if self.on(CheckId::SameAsSource) {
            basic::same_as_source(row, out);
        }
        if self.on(CheckId::Numbers) {
            numbers::check(row, &self.source_lang, &self.target_lang, out);
        }
        if self.on(CheckId::EndPunctuation) {
            punctuation::end_punctuation(row, out);
        }
        if self.on(CheckId::BracketsQuotes) {
            punctuation::brackets_quotes(row, out);
        }
        if self.on(CheckId::DoubleSpace) {
            spaces::double_space(row, out);
        }
        if self.on(CheckId::LeadingTrailingSpace) {
            spaces::leading_trailing_space(row, out);
        }
        if self.on(CheckId::Inconsistent) {
            self.consistency.check(project, row, out);
        }
        if self.on(CheckId::Term) {
            self.terms.check(row, out);
        }
        if self.on(CheckId::Length) {
            self.lengths.check(row, out);
        }
        if let Some(spelling) = &self.spelling {
            for &side in spelling.sides() {
                let found = spell(row, side);
                spelling.findings(row, side, found, out);
            }
        }
        let qa = &project.qa;
        if !qa.ignored.is_empty() {
            let mut k = start;
            while k < out.len() {
                let f = &out[k];
                if qa.is_ignored(f.row, f.check.id(), f.side, &f.key) {
                    out.remove(k);
                } else {
                    k += 1;
                }
            }
        }
    }

    /// Glossary entries found in a source text (listed beside the editor).
    pub fn term_hits(&self, source: &str) -> Vec<TermHit> {
        self.terms.hits(source)
    }

    /// Spelling suggestions for a word on one side (for the context menu).
    pub fn suggestions(&self, side: Side, word: &str) -> Vec<String> {
        self.spelling
            .as_ref()
            .map(|s| s.speller(side).suggest(word))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_row;
    use crate::model::{RowId, Status};

    fn project() -> Project {
        let mut project = Project::new("t", "sv", "en");
        project.rows = vec![
            test_row(
                RowId(1),
                "Det var 1919.",
                "It was 1919.",
                Status::Translated,
            ),
            test_row(RowId(2), "Två ord.", "Two words.", Status::Translated),
        ];
        project.next_id = 3;
        project
    }

    fn setup() -> CheckSetup {
        CheckSetup {
            only: Some(vec![CheckId::Numbers, CheckId::EndPunctuation]),
            ..CheckSetup::default()
        }
    }

    #[test]
    fn typed_text_is_checked_as_if_committed_and_the_row_is_left_alone() {
        let project = project();
        let checker = Checker::new(&project, None, &setup()).unwrap();
        assert!(checker.check_row(&project, 0).is_empty());
        let typed = checker.check_typed(&project, 0, Side::Target, "It was 1920");
        let checks: Vec<CheckId> = typed.iter().map(|f| f.check).collect();
        assert_eq!(
            checks,
            [CheckId::Numbers, CheckId::Numbers, CheckId::EndPunctuation]
        );
        assert!(typed.iter().all(|f| f.row == RowId(1)));
        assert_eq!(project.rows[0].target, "It was 1919.");
        assert!(
            checker
                .check_typed(&project, 9, Side::Target, "x")
                .is_empty()
        );
    }

    #[test]
    fn the_checkable_copy_checks_alike_without_histories() {
        let mut project = project();
        project
            .apply(crate::model::Edit::AddNote {
                row: RowId(2),
                text: "a note".into(),
            })
            .unwrap();
        project.rows[1].target = "Two words".into();
        let copy = checkable_copy(&project);
        assert!(
            copy.rows
                .iter()
                .all(|r| r.history.is_empty() && r.notes.is_empty())
        );
        let checker = Checker::new(&project, None, &setup()).unwrap();
        assert_eq!(checker.check_all(&copy), checker.check_all(&project));
        assert_eq!(copy.index_of(RowId(2)), Some(1));
    }
}
