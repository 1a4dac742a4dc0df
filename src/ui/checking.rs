//! The handler of the checks' commands: ignoring findings and switching checks (project
//! settings, undoable), spelling fixes and word lists, glossary terms and fuzzy matches put into
//! the edited cell, the glossaries and memories a project references, notes, the concordance
//! search, and the helper-thread analysis that builds the checker. Every change to the project
//! is an edit of the core; every check and search is the core's.

use std::path::{Path, PathBuf};

use crate::check::settings;
use crate::{Edit, Side, commit_typed};
use eframe::egui::Context;

use super::app::TolkApp;
use super::commands::CheckCommand;
use super::dialogs::DialogRequest;
use super::jobs::{Cancel, JobOutput};
use super::qa::{Analysis, Basis, insertable_terms};
use super::windows::Modal;

impl TolkApp {
    pub(super) fn run_check(&mut self, command: CheckCommand) {
        match command {
            CheckCommand::Ignore(finding) => {
                let author = self.settings.author.clone();
                self.settings_edit(|p| {
                    settings::ignore(p, &finding, &author, jiff::Timestamp::now())
                });
            }
            CheckCommand::Unignore(finding) => {
                self.settings_edit(|p| settings::unignore(p, &finding));
            }
            CheckCommand::SetEnabled(check, on) => {
                self.settings_edit(|p| settings::set_check_enabled(p, check, on));
            }
            CheckCommand::SpellSource(on) => {
                self.settings_edit(|p| settings::set_spell_source(p, on));
            }
            CheckCommand::ReplaceWord {
                row,
                side,
                chars,
                word,
                with,
            } => self.replace_word(row, side, chars, &word, &with),
            CheckCommand::AddProjectWord(word) => {
                self.settings_edit(|p| settings::add_word(p, &word));
                self.message = Some(format!("“{word}” is accepted in this project"));
            }
            CheckCommand::AddUserWord(word) => self.add_user_word(&word),
            CheckCommand::InsertTerm(n) => self.insert_term(n),
            CheckCommand::InsertMatch(n) => self.insert_match(n),
            CheckCommand::InsertText(text) => self.put_into_target(&text, false),
            CheckCommand::AddGlossary => self.ask(DialogRequest::AddGlossary),
            CheckCommand::AddMemory => self.ask(DialogRequest::AddMemory),
            CheckCommand::AddReference { path, memory } => self.add_reference(&path, memory),
            CheckCommand::RemoveReference(reference) => {
                self.settings_edit(|p| settings::remove_reference(p, &reference));
            }
            CheckCommand::Recheck => self.qa.want_analysis(),
            CheckCommand::AskNote(row) => {
                self.modal = Some(Modal::Note {
                    row,
                    text: String::new(),
                });
            }
            CheckCommand::Search => self.search_concordance(),
        }
    }

    /// Applies an edit of the project's QA settings made by the core (none: nothing to do).
    fn settings_edit(&mut self, make: impl FnOnce(&crate::Project) -> Option<Edit>) {
        let Some(doc) = &self.doc else {
            return;
        };
        if let Some(edit) = make(doc.project()) {
            self.commit_cell();
            self.apply(edit);
        }
    }

    /// Replaces a misspelt word by a suggestion, as one typed revision of the row.
    fn replace_word(
        &mut self,
        row: crate::RowId,
        side: Side,
        chars: std::ops::Range<usize>,
        word: &str,
        with: &str,
    ) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let Some(text) = doc.project().row(row).map(|r| r.text(side).to_string()) else {
            return;
        };
        let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
        let (start, end) = (byte(chars.start), byte(chars.end));
        if text.get(start..end) != Some(word) {
            self.message = Some(format!("“{word}” is no longer there: nothing replaced"));
            return;
        }
        let replaced = format!("{}{with}{}", &text[..start], &text[end..]);
        if let Some(edit) = commit_typed(doc.project(), row, side, &replaced) {
            self.apply(edit);
        }
    }

    /// The user's own word list file: the one the settings name, else the core's default.
    pub(super) fn user_word_list(&self) -> Option<PathBuf> {
        self.settings
            .user_words
            .clone()
            .or_else(crate::check::user_word_list_path)
    }

    fn add_user_word(&mut self, word: &str) {
        let Some(path) = self.user_word_list() else {
            self.message =
                Some("No place for your word list: set HOME or TOLK_USER_WORDS".to_string());
            return;
        };
        match crate::check::add_to_word_list(&path, word) {
            Ok(_) => {
                self.message = Some(format!(
                    "“{word}” is accepted in every project (your word list {})",
                    path.display()
                ));
                self.qa.want_analysis();
            }
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    /// Puts text into the selected row's target: at the caret, or instead of it all.
    fn put_into_target(&mut self, text: &str, replace: bool) {
        let Some(index) = self.selected_index() else {
            self.message = Some("Select a row first".to_string());
            return;
        };
        let on_target = self
            .editor
            .as_ref()
            .is_some_and(|e| Some(e.row) == self.selected && e.side == Side::Target);
        if !on_target {
            self.commit_cell();
            self.open_editor(index, Side::Target, None);
        }
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let caret = if replace {
            editor.text = text.to_string();
            text.chars().count()
        } else {
            let length = editor.text.chars().count();
            let at = editor.cursor.unwrap_or(length).min(length);
            let byte = editor
                .text
                .char_indices()
                .nth(at)
                .map_or(editor.text.len(), |(b, _)| b);
            editor.text.insert_str(byte, text);
            at + text.chars().count()
        };
        editor.cursor = Some(caret);
        editor.place_caret = Some((caret, caret));
        editor.wants_focus = true;
    }

    fn insert_term(&mut self, n: usize) {
        let (Some(doc), Some(index), Some(checker)) =
            (&self.doc, self.selected_index(), self.qa.checker())
        else {
            return;
        };
        let hits = checker.term_hits(&doc.project().rows[index].source);
        match insertable_terms(&hits).get(n.wrapping_sub(1)) {
            Some(term) => {
                let term = term.to_string();
                self.put_into_target(&term, false);
            }
            None => self.message = Some(format!("The row has no glossary term {n}")),
        }
    }

    fn insert_match(&mut self, n: usize) {
        let (Some(doc), Some(index)) = (&self.doc, self.selected_index()) else {
            return;
        };
        let found = self.panels.assist.matches(
            doc.project(),
            doc.generation(),
            self.qa.memories(),
            self.qa.memories_version(),
            index,
        );
        match found.get(n.wrapping_sub(1)) {
            Some(m) => {
                let target = m.target.clone();
                self.put_into_target(&target, true);
            }
            None => self.message = Some(format!("The row has no fuzzy match {n}")),
        }
    }

    /// References a glossary or memory file in the project, once it has been read without
    /// error (a file that cannot be read is said, and not referenced).
    fn add_reference(&mut self, path: &Path, memory: bool) {
        let Some(doc) = &self.doc else {
            return;
        };
        let project = doc.project();
        let (source_lang, target_lang) = (&project.meta.source_lang, &project.meta.target_lang);
        let readable = if memory {
            let mut probe = crate::Project::new("probe", source_lang, target_lang);
            probe.qa.memories = vec![path.display().to_string()];
            crate::concordance::Memories::load(&probe, None)
                .map(|m| format!("{} units", m.memories.first().map_or(0, |m| m.units.len())))
                .map_err(|e| e.to_string())
        } else {
            crate::load_glossary(path, source_lang, target_lang)
                .map(|g| format!("{} entries", g.entries.len()))
                .map_err(|e| e.to_string())
        };
        let size = match readable {
            Ok(size) => size,
            Err(error) => {
                self.modal = Some(Modal::Error(error));
                return;
            }
        };
        let reference = reference_to(path, doc.path());
        let edit = if memory {
            settings::add_memory(project, &reference)
        } else {
            settings::add_glossary(project, &reference)
        };
        let kind = if memory {
            "translation memory"
        } else {
            "glossary"
        };
        match edit {
            Some(edit) => {
                self.commit_cell();
                if self.apply(edit) {
                    self.message = Some(format!("Using the {kind} {reference} ({size})"));
                }
            }
            None => self.message = Some(format!("The project uses {reference} already")),
        }
    }

    fn search_concordance(&mut self) {
        let Some(doc) = &self.doc else {
            return;
        };
        let panel = &mut self.panels.concordance;
        let options = crate::concordance::SearchOptions {
            case_sensitive: panel.case_sensitive,
            whole_words: panel.whole_words,
            ..Default::default()
        };
        panel.results = Some(
            crate::concordance::search(doc.project(), self.qa.memories(), &panel.query, options)
                .map_err(|e| e.to_string()),
        );
    }

    /// Starts the analysis that is due (see [`super::qa::Qa::due`]) on a helper thread, and
    /// brings the findings of edited rows up to date.
    pub(super) fn keep_checks_current(&mut self, ctx: &Context) {
        let Some(doc) = &self.doc else {
            return;
        };
        let generation = doc.generation();
        if self.qa.is_running() && !self.files.jobs.running.iter().any(|j| j.label == CHECKING) {
            // The analysis's thread ended without a result (it panicked): start again.
            self.qa.abandon();
        }
        self.qa.walk(doc.project(), generation);
        let basis = Basis::of(
            doc.project(),
            doc.path().map(Path::to_path_buf),
            self.user_word_list(),
        );
        if let Some(input) = self.qa.due(doc.project(), generation, basis) {
            self.spawn(CHECKING, Cancel::Never, ctx, move |_| {
                JobOutput::Checked(Box::new(input.run()))
            });
        } else if let Some(wait) = self.qa.due_in(generation) {
            ctx.request_repaint_after(wait);
        }
    }

    /// A finished analysis: its findings replace the old, and what it has to say is said once.
    pub(super) fn checked(&mut self, analysis: Box<Analysis>) {
        let notices = self.qa.accept(*analysis);
        if !notices.is_empty() {
            self.message = Some(format!("Checks: {}", notices.join("; ")));
        }
    }
}

/// The label of the analysis job in the status bar.
const CHECKING: &str = "Checking";

/// How the project names a file it uses: relative to the project's folder when the file is in
/// it (so the two can move together), else the absolute path.
fn reference_to(path: &Path, project: Option<&Path>) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let file = absolute(path);
    if let Some(folder) = project.and_then(Path::parent) {
        let folder = if folder.as_os_str().is_empty() {
            absolute(Path::new("."))
        } else {
            absolute(folder)
        };
        if let Ok(relative) = file.strip_prefix(&folder) {
            return relative.display().to_string();
        }
    }
    file.display().to_string()
}
