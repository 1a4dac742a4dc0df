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
use super::spelling::{Misspelling, Spelling, WordCache, resolve};
use super::terms::{MatchOptions, TermHit, TermIndex};
use crate::formats::{Glossary, GlossaryError, load_glossary};
use crate::model::{Project, Row, Side};

#[derive(Debug, Error)]
pub enum CheckError {
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
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
        let spelling = enabled.contains(&CheckId::Spelling).then(|| {
            let folders = setup
                .dictionary_folders
                .clone()
                .unwrap_or_else(|| dictionaries::search_folders(project_path));
            Spelling::for_project(project, project_path, &folders)
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
            consistency: ConsistencyIndex::build(project),
            lengths: Lengths::fit(project),
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
