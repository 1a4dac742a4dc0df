//! The find and replace bar and the row filters.

use crate::{Filter, Match, Matcher, Project, Query, Scope, Status};
use eframe::egui::{self, RichText, Ui};

use super::commands::{AppCommand, FindCommand};

/// The project version and query that cached matches belong to.
type MatchesKey = (u64, Query);

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub replace_mode: bool,
    pub query: Query,
    pub replacement: String,
    /// Index into the current matches of the one last jumped to.
    pub current: Option<usize>,
    pub wants_focus: bool,
    matches: Option<(MatchesKey, Result<Vec<Match>, String>)>,
}

impl FindBar {
    /// The compiled query, when there is a valid one.
    pub fn matcher(&self) -> Option<Matcher> {
        self.query.compile().ok()
    }

    /// The matches for the current query in this version of the project (cached).
    pub fn matches(&mut self, project: &Project, generation: u64) -> &Result<Vec<Match>, String> {
        let key = (generation, self.query.clone());
        if self.matches.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = self
                .query
                .compile()
                .map(|m| m.find_all(project))
                .map_err(|e| e.to_string());
            self.matches = Some((key, found));
        }
        &self.matches.as_ref().expect("just set").1
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        generation: u64,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query.pattern)
                        .desired_width(220.0)
                        .id_salt("find-pattern"),
                )
                .labelled_by(label.id);
            if self.wants_focus {
                field.request_focus();
                self.wants_focus = false;
            }
            if field.changed() {
                self.current = None;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let backwards = ui.input(|i| i.modifiers.shift);
                commands.push(FindCommand::Next { backwards }.into());
            }
            ui.checkbox(&mut self.query.regex, "Regex");
            ui.checkbox(&mut self.query.case_sensitive, "Match case");
            ui.checkbox(&mut self.query.whole_word, "Whole word");
            egui::ComboBox::from_label("in")
                .selected_text(scope_name(self.query.scope))
                .show_ui(ui, |ui| {
                    for scope in [Scope::Target, Scope::Source, Scope::Both] {
                        ui.selectable_value(&mut self.query.scope, scope, scope_name(scope));
                    }
                });
            if ui.button("Previous").clicked() {
                commands.push(FindCommand::Next { backwards: true }.into());
            }
            if ui.button("Next").clicked() {
                commands.push(FindCommand::Next { backwards: false }.into());
            }
            let empty = self.query.pattern.is_empty();
            let current = self.current;
            let summary = match self.matches(project, generation) {
                Ok(_) if empty => String::new(),
                Ok(found) => match current {
                    Some(i) if i < found.len() => format!("{} of {}", i + 1, found.len()),
                    _ => format!("{} matches", found.len()),
                },
                Err(error) => error.clone(),
            };
            ui.label(RichText::new(summary).weak());
            if ui.button("Close").on_hover_text("Esc").clicked() {
                self.open = false;
            }
        });
        if self.replace_mode {
            ui.horizontal(|ui| {
                let label = ui.label("Replace with");
                ui.add(
                    egui::TextEdit::singleline(&mut self.replacement)
                        .desired_width(220.0)
                        .id_salt("find-replacement"),
                )
                .labelled_by(label.id);
                if ui.button("Replace").clicked() {
                    commands.push(FindCommand::ReplaceOne.into());
                }
                if ui.button("Replace all").clicked() {
                    commands.push(FindCommand::ReplaceAll.into());
                }
                if self.query.regex {
                    ui.label(RichText::new("$1, $2 … insert groups").weak());
                }
            });
        }
    }
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Both => "Source and target",
        Scope::Source => "Source only",
        Scope::Target => "Target only",
    }
}

/// Which rows are shown. `version` changes with every change of the settings.
#[derive(Default)]
pub struct FilterBar {
    pub statuses: [bool; 4],
    pub low_confidence: bool,
    pub locked: bool,
    /// Show only rows that match the find text.
    pub matching_find: bool,
    pub version: u64,
}

impl FilterBar {
    pub fn is_active(&self) -> bool {
        self.statuses.iter().any(|s| *s) || self.low_confidence || self.locked || self.matching_find
    }

    pub fn filter(&self, find: Option<Matcher>) -> Filter {
        Filter {
            statuses: Status::ALL
                .into_iter()
                .zip(self.statuses)
                .filter(|(_, on)| *on)
                .map(|(s, _)| s)
                .collect(),
            low_confidence: self.low_confidence,
            locked: self.locked,
            text: if self.matching_find { find } else { None },
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) {
        let before = (
            self.statuses,
            self.low_confidence,
            self.locked,
            self.matching_find,
        );
        ui.horizontal(|ui| {
            ui.label(RichText::new("Show only:").weak());
            for (i, status) in Status::ALL.into_iter().enumerate() {
                ui.checkbox(&mut self.statuses[i], status.name());
            }
            ui.checkbox(&mut self.low_confidence, "low confidence");
            ui.checkbox(&mut self.locked, "locked");
            ui.checkbox(&mut self.matching_find, "matching the find text");
            if self.is_active() && ui.button("Show all").clicked() {
                *self = FilterBar {
                    version: self.version,
                    ..FilterBar::default()
                };
            }
        });
        if before
            != (
                self.statuses,
                self.low_confidence,
                self.locked,
                self.matching_find,
            )
        {
            self.version += 1;
        }
    }
}
