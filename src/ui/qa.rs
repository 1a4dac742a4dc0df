//! The window's state of the translator's checks: the core's checker for the open project
//! (built on a helper thread, which also checks every row), the findings of every row kept
//! current after edits (a row whose text or status changed is checked again at once; the
//! project-wide checks, `inconsistent` and `length`, once editing pauses), the translation
//! memories, and the misspelt words of the cells drawn (cached per row revision). Every check is
//! the core's; this only decides when to run them.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check::{CheckSetup, Checker, checkable_copy};
use crate::concordance::Memories;
use crate::{CheckId, Finding, IgnoredFinding, Project, QaSettings, Row, RowId, Side, Status};

/// When more rows than this changed at once (a replace all, a realign), the findings are
/// computed again on a helper thread rather than row by row on the window's.
const LIVE_LIMIT: usize = 200;

/// How long editing must pause before the whole project is checked again (for the checks that
/// compare rows with each other).
pub const SETTLE: Duration = Duration::from_millis(1500);

/// What a row's findings were computed for: its revision count (every text change adds one)
/// and its status (the `empty-target` check reads it).
type RowKey = (usize, Status);

fn row_key(row: &Row) -> RowKey {
    (row.history.len(), row.status)
}

/// The findings of one row and what they were computed for.
#[derive(Debug, Clone)]
struct RowFindings {
    key: RowKey,
    findings: Vec<Finding>,
}

/// What a checker is built from: the settings less the ignored findings (which only filter
/// findings), the project file (named files are relative to it), the languages, and the user's
/// word list.
#[derive(Debug, Clone, PartialEq)]
pub struct Basis {
    qa: QaSettings,
    path: Option<PathBuf>,
    langs: (String, String),
    user_words: Option<PathBuf>,
}

impl Basis {
    pub fn of(project: &Project, path: Option<PathBuf>, user_words: Option<PathBuf>) -> Basis {
        let mut qa = project.qa.clone();
        qa.ignored.clear();
        Basis {
            qa,
            path,
            langs: (
                project.meta.source_lang.clone(),
                project.meta.target_lang.clone(),
            ),
            user_words,
        }
    }
}

/// The input of an analysis: a history-free copy of the project and each row's key.
pub struct AnalysisInput {
    copy: Project,
    keys: Vec<RowKey>,
    generation: u64,
    basis: Basis,
    load_memories: bool,
}

/// A checker built for a project and the findings of all its rows (made on a helper thread).
pub struct Analysis {
    generation: u64,
    basis: Basis,
    checker: Checker,
    notices: Vec<String>,
    rows: HashMap<RowId, RowFindings>,
    ignored: Vec<IgnoredFinding>,
    memories: Option<Result<Memories, String>>,
}

impl AnalysisInput {
    /// Builds the checker and checks every row. A glossary that cannot be read is said and
    /// left out (the term check is off until it can be read); the other checks still run.
    pub fn run(self) -> Analysis {
        let AnalysisInput {
            copy,
            keys,
            generation,
            basis,
            load_memories,
        } = self;
        let setup = CheckSetup {
            user_word_list: basis.user_words.clone(),
            ..CheckSetup::default()
        };
        let mut notices = Vec::new();
        let checker = match Checker::new(&copy, basis.path.as_deref(), &setup) {
            Ok(checker) => checker,
            Err(error) => {
                notices.push(format!(
                    "{error}; the term check is off until it can be read"
                ));
                let without_terms = CheckSetup {
                    only: Some(
                        CheckId::ALL
                            .into_iter()
                            .filter(|c| *c != CheckId::Term)
                            .collect(),
                    ),
                    ..setup
                };
                match Checker::new(&copy, basis.path.as_deref(), &without_terms) {
                    Ok(checker) => checker,
                    // Only glossaries fail to load, and none is read without the term check.
                    Err(error) => unreachable!("a checker without glossaries failed: {error}"),
                }
            }
        };
        notices.extend(checker.notices().iter().cloned());
        let mut rows: HashMap<RowId, RowFindings> = copy
            .rows
            .iter()
            .zip(keys)
            .map(|(row, key)| {
                (
                    row.id,
                    RowFindings {
                        key,
                        findings: Vec::new(),
                    },
                )
            })
            .collect();
        for finding in checker.check_all(&copy) {
            if let Some(row) = rows.get_mut(&finding.row) {
                row.findings.push(finding);
            }
        }
        let memories = load_memories.then(|| {
            Memories::load(&copy, basis.path.as_deref()).map_err(|error| error.to_string())
        });
        Analysis {
            generation,
            basis,
            checker,
            notices,
            rows,
            ignored: copy.qa.ignored.clone(),
            memories,
        }
    }
}

/// Misspelt words were found in a row's committed text (by revision count) or in text being
/// typed (by its hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpellKey {
    Revision(usize),
    Typed(u64),
}

/// The misspelt words (byte ranges) of a cell and what they were found for.
type Misspelt = (SpellKey, Vec<Range<usize>>);

pub struct Qa {
    checker: Option<Arc<Checker>>,
    memories: Arc<Memories>,
    /// Changes whenever other memories are loaded (fuzzy matches are cached by it).
    memories_version: u64,
    basis: Option<Basis>,
    ignored: Vec<IgnoredFinding>,
    rows: HashMap<RowId, RowFindings>,
    total: usize,
    by_check: BTreeMap<&'static str, usize>,
    /// Changes whenever the findings change (panels re-sort their lists by it).
    version: u64,
    /// How many analyses were taken (results cached from a checker are keyed by it).
    analyses: u64,
    walked: Option<u64>,
    analysed: Option<u64>,
    changed_at: Option<Instant>,
    running: bool,
    /// Analyse again as soon as possible (many rows changed, or the user asked).
    wanted: bool,
    /// How long editing must pause before the project-wide checks run again.
    pub settle: Duration,
    spell: HashMap<(RowId, Side), Misspelt>,
    /// Notices already said for this project (each is said once).
    said: Vec<String>,
}

impl Default for Qa {
    fn default() -> Qa {
        Qa {
            checker: None,
            memories: Arc::default(),
            memories_version: 0,
            basis: None,
            ignored: Vec::new(),
            rows: HashMap::new(),
            total: 0,
            by_check: BTreeMap::new(),
            version: 0,
            analyses: 0,
            walked: None,
            analysed: None,
            changed_at: None,
            running: false,
            wanted: false,
            settle: SETTLE,
            spell: HashMap::new(),
            said: Vec::new(),
        }
    }
}

impl Qa {
    /// Forgets everything (another project was opened); keeps the settle time.
    pub fn reset(&mut self) {
        *self = Qa {
            settle: self.settle,
            ..Qa::default()
        };
    }

    /// The checker, once the first analysis is done.
    pub fn checker(&self) -> Option<&Checker> {
        self.checker.as_deref()
    }

    pub fn memories(&self) -> &Memories {
        &self.memories
    }

    pub fn memories_version(&self) -> u64 {
        self.memories_version
    }

    /// Whether an analysis runs on a helper thread now.
    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// Changes whenever another checker is taken.
    pub fn analyses(&self) -> u64 {
        self.analyses
    }

    /// Findings of all rows.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Findings by check id (every check of [`CheckId::ALL`] listed).
    pub fn by_check(&self) -> &BTreeMap<&'static str, usize> {
        &self.by_check
    }

    /// The findings of one row (as of its last check).
    pub fn findings_of(&self, row: RowId) -> &[Finding] {
        self.rows.get(&row).map_or(&[], |r| r.findings.as_slice())
    }

    /// Asks for the whole project to be checked again as soon as possible.
    pub fn want_analysis(&mut self) {
        self.wanted = true;
    }

    /// The input of the analysis due now, if one is: no checker yet, the settings changed,
    /// too many rows changed, the user asked, or editing paused since the last one. Marks it
    /// running.
    pub fn due(
        &mut self,
        project: &Project,
        generation: u64,
        basis: Basis,
    ) -> Option<AnalysisInput> {
        if self.running {
            return None;
        }
        let settled = self.analysed != Some(generation)
            && self.changed_at.is_none_or(|t| t.elapsed() >= self.settle);
        let basis_changed = self.basis.as_ref() != Some(&basis);
        if self.checker.is_some() && !basis_changed && !self.wanted && !settled {
            return None;
        }
        let load_memories = self
            .basis
            .as_ref()
            .is_none_or(|b| b.qa.memories != basis.qa.memories || b.path != basis.path);
        self.running = true;
        self.wanted = false;
        self.analysed = Some(generation);
        Some(AnalysisInput {
            copy: checkable_copy(project),
            keys: project.rows.iter().map(row_key).collect(),
            generation,
            basis,
            load_memories,
        })
    }

    /// When the project-wide checks will be due (to ask for a repaint then).
    pub fn due_in(&self, generation: u64) -> Option<Duration> {
        if self.running || self.analysed == Some(generation) {
            return None;
        }
        let since = self.changed_at.map_or(self.settle, |t| t.elapsed());
        Some(self.settle.saturating_sub(since))
    }

    /// Takes a finished analysis; returns the notices not said before (a dictionary not
    /// found, a glossary that cannot be read) for the status bar.
    pub fn accept(&mut self, analysis: Analysis) -> Vec<String> {
        self.running = false;
        self.analyses += 1;
        self.checker = Some(Arc::new(analysis.checker));
        self.basis = Some(analysis.basis);
        self.rows = analysis.rows;
        self.ignored = analysis.ignored;
        let mut notices = analysis.notices;
        match analysis.memories {
            Some(Ok(memories)) => {
                self.memories = Arc::new(memories);
                self.memories_version += 1;
            }
            Some(Err(error)) => {
                self.memories = Arc::default();
                self.memories_version += 1;
                notices.push(error);
            }
            None => {}
        }
        self.analysed = Some(analysis.generation);
        // Rows edited while the analysis ran are checked again by the next walk.
        self.walked = None;
        self.spell.clear();
        self.recount();
        notices.retain(|n| !self.said.contains(n));
        self.said.extend(notices.iter().cloned());
        notices
    }

    /// An analysis that could not finish (its thread was cancelled): the next frame may start
    /// another.
    pub fn abandon(&mut self) {
        self.running = false;
        self.analysed = None;
    }

    /// Brings the findings up to date after edits: rows whose text or status changed (and rows
    /// whose ignored findings changed) are checked again now, unless there are too many, in
    /// which case the whole project is analysed again on a helper thread.
    pub fn walk(&mut self, project: &Project, generation: u64) {
        if self.walked == Some(generation) {
            return;
        }
        if self.walked.is_some() {
            self.changed_at = Some(Instant::now());
        }
        self.walked = Some(generation);
        let Some(checker) = self.checker.clone() else {
            return;
        };
        let mut stale: Vec<usize> = Vec::new();
        for (index, row) in project.rows.iter().enumerate() {
            if self.rows.get(&row.id).is_none_or(|r| r.key != row_key(row)) {
                stale.push(index);
                if stale.len() > LIVE_LIMIT {
                    self.wanted = true;
                    return;
                }
            }
        }
        if project.qa.ignored != self.ignored {
            for ignored in changed_ignores(&self.ignored, &project.qa.ignored) {
                stale.extend(project.index_of(ignored));
            }
            self.ignored.clone_from(&project.qa.ignored);
        }
        for index in stale {
            let row = &project.rows[index];
            let findings = checker.check_row(project, index);
            self.rows.insert(
                row.id,
                RowFindings {
                    key: row_key(row),
                    findings,
                },
            );
        }
        if self.rows.len() != project.rows.len() {
            self.rows.retain(|id, _| project.index_of(*id).is_some());
        }
        self.recount();
    }

    fn recount(&mut self) {
        self.by_check = crate::Statistics::by_check(self.rows.values().flat_map(|r| &r.findings));
        self.total = self.by_check.values().sum();
        self.version += 1;
    }

    /// The misspelt words (byte ranges) of a cell: its committed text (`key` its revision
    /// count) or the text being typed into it (`key` its hash). Cached per row and side.
    pub fn misspelt(
        &mut self,
        row: RowId,
        side: Side,
        key: SpellKey,
        text: &str,
    ) -> Vec<Range<usize>> {
        let Some(checker) = &self.checker else {
            return Vec::new();
        };
        if !checker.spelt_sides().contains(&side) {
            return Vec::new();
        }
        if let Some((k, ranges)) = self.spell.get(&(row, side))
            && *k == key
        {
            return ranges.clone();
        }
        let ranges: Vec<Range<usize>> = checker
            .misspellings(row, side, text)
            .into_iter()
            .map(|m| m.bytes)
            .collect();
        self.spell.insert((row, side), (key, ranges.clone()));
        ranges
    }

    /// The misspelt words (byte ranges) last found for a cell the grid drew and underlined
    /// (`None`: the cell was not drawn since the findings changed).
    pub fn underlined(&self, row: RowId, side: Side) -> Option<&[Range<usize>]> {
        self.spell.get(&(row, side)).map(|(_, r)| r.as_slice())
    }

    /// Every finding in row order, with its row's index, for the QA panel's list.
    pub fn ordered(&self, project: &Project) -> Vec<(usize, &Finding)> {
        let mut out = Vec::with_capacity(self.total);
        for (index, row) in project.rows.iter().enumerate() {
            if let Some(found) = self.rows.get(&row.id) {
                out.extend(found.findings.iter().map(|f| (index, f)));
            }
        }
        out
    }
}

/// The rows whose ignored findings differ between two lists.
fn changed_ignores(old: &[IgnoredFinding], new: &[IgnoredFinding]) -> Vec<RowId> {
    let mut rows: Vec<RowId> = old
        .iter()
        .filter(|i| !new.contains(i))
        .chain(new.iter().filter(|i| !old.contains(i)))
        .map(|i| i.row)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// The glossary terms of a row that can be inserted with Ctrl+1..9: each hit's first target
/// term, numbered in the order of the hits.
pub fn insertable_terms(hits: &[crate::check::TermHit]) -> Vec<&str> {
    hits.iter()
        .filter_map(|h| h.targets.first().map(String::as_str))
        .take(9)
        .collect()
}

/// A finding as the core names it for ignoring, rebuilt from what the project keeps of an
/// ignored one (to take the ignore back).
pub fn finding_of(ignored: &IgnoredFinding) -> Option<Finding> {
    Some(Finding {
        row: ignored.row,
        check: CheckId::from_id(&ignored.check)?,
        side: ignored.side,
        range: None,
        message: String::new(),
        key: ignored.key.clone(),
    })
}
