//! Beside the grid, for the selected row: the live check of the row as it is being typed, the
//! glossary terms found in its source with their translations (Ctrl+1..9 inserts one at the
//! caret; forbidden translations struck through), fuzzy matches from the translation memories
//! and the project's other rows with the diff to this source (Ctrl+Alt+1..3 puts one in), and
//! the row's notes (add, delete). Results are cached per row and revision, so a frame only
//! draws.

use eframe::egui::{self, CollapsingHeader, Color32, RichText, ScrollArea, Ui};

use crate::check::TermHit;
use crate::concordance::{FuzzyMatch, HitOrigin, Memories, RowWords, fuzzy_matches_in};
use crate::{Edit, Finding, Project, RowId, Side};

use super::commands::{AppCommand, CheckCommand, Panel, ViewCommand};
use super::grid::CellEditor;
use super::qa::{Qa, insertable_terms};

/// How many fuzzy matches are offered (Ctrl+Alt+1..3).
pub const MATCHES: usize = 3;

#[derive(Default)]
pub struct AssistPanel {
    /// Term hits for (row, its revision count, the checker they came from).
    terms: Option<((RowId, usize, u64), Vec<TermHit>)>,
    /// Fuzzy matches for (row, project generation, memories version).
    matches: Option<((RowId, u64, u64), Vec<FuzzyMatch>)>,
    /// The words of every row's source, for the fuzzy matches, and the project generation
    /// they were brought up to date with: moving from row to row segments no source again.
    row_words: (Option<u64>, RowWords),
    /// The live check of the row as typed.
    live: Option<(LiveKey, Vec<Finding>)>,
    /// The note being written.
    pub note: String,
}

/// What a live check was made for: row, side, hash of the text, generation, checker.
type LiveKey = (RowId, Side, u64, u64, u64);

/// What the panel shows.
pub struct AssistView<'a> {
    pub project: &'a Project,
    pub generation: u64,
    pub index: Option<usize>,
    pub editor: Option<&'a CellEditor>,
    pub qa: &'a Qa,
}

impl AssistPanel {
    /// The fuzzy matches of row `index` (at most [`MATCHES`]), computed once per row, edit and
    /// set of memories.
    pub fn matches(
        &mut self,
        project: &Project,
        generation: u64,
        memories: &Memories,
        memories_version: u64,
        index: usize,
    ) -> &[FuzzyMatch] {
        let Some(row) = project.rows.get(index) else {
            return &[];
        };
        let key = (row.id, generation, memories_version);
        if self.matches.as_ref().is_none_or(|(k, _)| *k != key) {
            if self.row_words.0 != Some(generation) {
                self.row_words.1.update(project);
                self.row_words.0 = Some(generation);
            }
            let found = fuzzy_matches_in(project, &self.row_words.1, memories, index, MATCHES);
            self.matches = Some((key, found));
        }
        self.matches.as_ref().map_or(&[], |(_, m)| m.as_slice())
    }

    pub fn ui(&mut self, ui: &mut Ui, view: AssistView<'_>, commands: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Row assistant").strong());
            if let Some(index) = view.index {
                ui.label(format!("row {}", index + 1));
            }
            if ui
                .small_button("Hide")
                .on_hover_text("Hide the row assistant (View > Row assistant shows it again)")
                .clicked()
            {
                commands.push(ViewCommand::Show(Panel::Assistant, false).into());
            }
        });
        let Some(index) = view.index else {
            ui.weak("Select a row: its checks, glossary terms, fuzzy matches and notes show here.");
            return;
        };
        let row = &view.project.rows[index];
        ScrollArea::vertical()
            .id_salt("assistant")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.live_checks(ui, &view, index, commands);
                self.glossary(ui, &view, index, commands);
                self.fuzzy(ui, &view, index, commands);
                self.notes(ui, row, commands);
            });
    }

    fn live_checks(
        &mut self,
        ui: &mut Ui,
        view: &AssistView<'_>,
        index: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        let row = &view.project.rows[index];
        let Some(checker) = view.qa.checker() else {
            CollapsingHeader::new("Checks")
                .default_open(true)
                .show(ui, |ui| ui.weak("Checking the project…"));
            return;
        };
        let (side, text) = match view.editor.filter(|e| e.row == row.id) {
            Some(editor) => (editor.side, editor.text.as_str()),
            None => (Side::Target, row.target.as_str()),
        };
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let key = (row.id, side, hash, view.generation, view.qa.analyses());
        if self.live.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = checker.check_typed(view.project, index, side, text);
            self.live = Some((key, found));
        }
        let found = self.live.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
        CollapsingHeader::new(format!("Checks ({})", found.len()))
            .id_salt("assist-checks")
            .default_open(true)
            .show(ui, |ui| {
                if found.is_empty() {
                    ui.weak("Nothing found in this row.");
                }
                for finding in found {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(finding.check.id()).small().strong())
                            .on_hover_text(finding.check.describe());
                        ui.label(&finding.message);
                        if ui
                            .small_button("Ignore")
                            .on_hover_text("Ignore this finding on this row (undoable)")
                            .clicked()
                        {
                            commands.push(CheckCommand::Ignore(finding.clone()).into());
                        }
                    });
                }
            });
    }

    fn glossary(
        &mut self,
        ui: &mut Ui,
        view: &AssistView<'_>,
        index: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        let row = &view.project.rows[index];
        let Some(checker) = view.qa.checker() else {
            return;
        };
        let key = (row.id, row.history.len(), view.qa.analyses());
        if self.terms.as_ref().is_none_or(|(k, _)| *k != key) {
            self.terms = Some((key, checker.term_hits(&row.source)));
        }
        let hits = self.terms.as_ref().map_or(&[][..], |(_, h)| h.as_slice());
        let numbered = insertable_terms(hits);
        CollapsingHeader::new(format!("Glossary ({})", hits.len()))
            .id_salt("assist-glossary")
            .default_open(true)
            .show(ui, |ui| {
                if !checker.has_glossary() {
                    ui.weak("No glossary in use: File > Add glossary…");
                    return;
                }
                if hits.is_empty() {
                    ui.weak("No glossary term in this row's source.");
                }
                let mut number = 0;
                for hit in hits {
                    ui.horizontal_wrapped(|ui| {
                        let first = hit.targets.first();
                        if first.is_some() && number < numbered.len() {
                            number += 1;
                            ui.label(RichText::new(format!("Ctrl+{number}")).small().weak());
                        }
                        ui.label(RichText::new(&hit.source).strong());
                        // "=" rather than an arrow: the window's fonts have no arrows.
                        ui.label("=");
                        for target in &hit.targets {
                            if ui
                                .link(target)
                                .on_hover_text("Insert at the caret of the translation")
                                .clicked()
                            {
                                commands.push(insert_text(target));
                            }
                        }
                        for forbidden in &hit.forbidden {
                            let red = Color32::from_rgb(200, 40, 40);
                            ui.label(RichText::new(forbidden).color(red).strikethrough())
                                .on_hover_text("Forbidden: the glossary says not to use this");
                        }
                        if let Some(note) = &hit.note {
                            ui.label(RichText::new("(note)").small().weak())
                                .on_hover_text(note);
                        }
                    });
                }
            });
    }

    fn fuzzy(
        &mut self,
        ui: &mut Ui,
        view: &AssistView<'_>,
        index: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        let found = self
            .matches(
                view.project,
                view.generation,
                view.qa.memories(),
                view.qa.memories_version(),
                index,
            )
            .to_vec();
        CollapsingHeader::new(format!("Fuzzy matches ({})", found.len()))
            .id_salt("assist-fuzzy")
            .default_open(true)
            .show(ui, |ui| {
                if found.is_empty() {
                    ui.weak(if view.qa.memories().memories.is_empty() {
                        "No match of 75% or more in the project (File > Add translation memory… adds others)."
                    } else {
                        "No match of 75% or more in the project or its memories."
                    });
                }
                for (n, m) in found.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("Ctrl+Alt+{}", n + 1)).small().weak());
                        ui.label(RichText::new(format!("{:.0}%", m.similarity * 100.0)).strong());
                        let origin = match &m.origin {
                            HitOrigin::Row { index, .. } => format!("row {}", index + 1),
                            HitOrigin::Memory { name, .. } => name.clone(),
                        };
                        ui.label(RichText::new(origin).small().weak());
                        if ui
                            .small_button("Use")
                            .on_hover_text("Put this translation into the row's target")
                            .clicked()
                        {
                            commands.push(CheckCommand::InsertMatch(n + 1).into());
                        }
                    });
                    super::diff_view::show_diff(ui, &m.diff);
                    ui.label(&m.target);
                    ui.separator();
                }
            });
    }

    fn notes(&mut self, ui: &mut Ui, row: &crate::Row, commands: &mut Vec<AppCommand>) {
        CollapsingHeader::new(format!("Notes ({})", row.notes.len()))
            .id_salt("assist-notes")
            .default_open(true)
            .show(ui, |ui| {
                for (i, note) in row.notes.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "{} · {}",
                                if note.author.is_empty() {
                                    "unknown"
                                } else {
                                    &note.author
                                },
                                note.at.strftime("%Y-%m-%d %H:%M")
                            ))
                            .small()
                            .weak(),
                        );
                        if ui
                            .small_button("Delete")
                            .on_hover_text("Delete this note (undoable)")
                            .clicked()
                        {
                            commands.push(AppCommand::Edit(Edit::DeleteNote {
                                row: row.id,
                                index: i,
                            }));
                        }
                    });
                    ui.label(&note.text);
                }
                let label = ui.label("New note");
                ui.add(
                    egui::TextEdit::multiline(&mut self.note)
                        .id_salt("assist-new-note")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                let blank = self.note.trim().is_empty();
                if ui
                    .add_enabled(!blank, egui::Button::new("Add note"))
                    .clicked()
                {
                    commands.push(AppCommand::Edit(Edit::AddNote {
                        row: row.id,
                        text: self.note.trim().to_string(),
                    }));
                    self.note.clear();
                }
            });
    }
}

/// Inserting a glossary term by clicking it: the same as its shortcut, by text.
fn insert_text(text: &str) -> AppCommand {
    CheckCommand::InsertText(text.to_string()).into()
}
