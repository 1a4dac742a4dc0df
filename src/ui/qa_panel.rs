//! The checks panel (a tab of the dock): the findings of every row, all or one check's, each
//! jumping to its row with the characters it is about selected; ignore a finding on its row
//! and take an ignore back; switch checks on and off and choose the glossaries and memories the
//! project uses. Every change is an undoable edit of the project's QA settings.

use eframe::egui::{self, RichText, ScrollArea, Ui};

use crate::{CheckId, Project, RowId};

use super::commands::{AppCommand, CheckCommand, RowCommand};
use super::qa::{Qa, finding_of};

#[derive(Default)]
pub struct QaPanel {
    pub open: bool,
    /// Only this check's findings (`None`: all).
    pub filter: Option<CheckId>,
    pub show_ignored: bool,
    pub show_settings: bool,
    /// The findings listed: row index, row id and the finding's place among the row's.
    list: Vec<(usize, RowId, usize)>,
    list_for: Option<(u64, u64, Option<CheckId>)>,
}

/// What the panel shows.
pub struct QaView<'a> {
    pub project: &'a Project,
    pub generation: u64,
    pub qa: &'a Qa,
}

impl QaPanel {
    /// How many findings are listed (after the filter).
    pub fn listed(&self) -> usize {
        self.list.len()
    }

    pub fn ui(&mut self, ui: &mut Ui, view: QaView<'_>, commands: &mut Vec<AppCommand>) {
        self.toolbar(ui, &view, commands);
        if self.show_settings {
            settings_ui(ui, view.project, commands);
            ui.separator();
        }
        if self.show_ignored {
            ignored_ui(ui, view.project, commands);
            return;
        }
        self.refresh_list(&view);
        if view.qa.checker().is_none() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Checking the project…");
            });
            return;
        }
        if self.list.is_empty() {
            ui.weak(match self.filter {
                Some(check) => format!("No {check} findings."),
                None => "No findings: every check passes.".to_string(),
            });
            return;
        }
        let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        ScrollArea::vertical()
            .id_salt("qa-list")
            .auto_shrink([false, false])
            .show_rows(ui, height, self.list.len(), |ui, range| {
                for &(index, row, k) in &self.list[range] {
                    let Some(finding) = view.qa.findings_of(row).get(k) else {
                        continue;
                    };
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Ignore")
                            .on_hover_text("Ignore this finding on this row (undoable)")
                            .clicked()
                        {
                            commands.push(CheckCommand::Ignore(finding.clone()).into());
                        }
                        let text = format!(
                            "row {} · {} · {}: {}",
                            index + 1,
                            finding.check,
                            finding.side.name(),
                            finding.message
                        );
                        let response = ui
                            .add(egui::Button::selectable(false, text).truncate())
                            .on_hover_text(finding.check.describe());
                        if response.clicked() {
                            commands.push(
                                RowCommand::SelectChars {
                                    index,
                                    side: finding.side,
                                    chars: finding.range.clone().unwrap_or(0..0),
                                }
                                .into(),
                            );
                        }
                    });
                }
            });
    }

    fn toolbar(&mut self, ui: &mut Ui, view: &QaView<'_>, commands: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            let counts = view.qa.by_check();
            let label = |check: Option<CheckId>| match check {
                Some(c) => format!("{c} ({})", counts.get(c.id()).copied().unwrap_or(0)),
                None => format!("All checks ({})", view.qa.total()),
            };
            let show = ui.label("Show");
            egui::ComboBox::from_id_salt("qa-filter")
                .selected_text(label(self.filter))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter, None, label(None));
                    for check in CheckId::ALL {
                        ui.selectable_value(&mut self.filter, Some(check), label(Some(check)));
                    }
                })
                .response
                .labelled_by(show.id);
            ui.toggle_value(&mut self.show_settings, "Settings")
                .on_hover_text(
                    "Checks on and off, spelling of the source, glossaries and memories",
                );
            let ignored = view.project.qa.ignored.len();
            ui.toggle_value(&mut self.show_ignored, format!("Ignored ({ignored})"))
                .on_hover_text("Findings someone chose to ignore on their row");
            if ui
                .button("Check again")
                .on_hover_text("Check every row again now")
                .clicked()
            {
                commands.push(CheckCommand::Recheck.into());
            }
            if view.qa.is_running() {
                ui.spinner();
            }
        });
    }

    /// The list follows the findings, the project and the filter; it is rebuilt only when one
    /// of them changed.
    fn refresh_list(&mut self, view: &QaView<'_>) {
        let key = (view.qa.version(), view.generation, self.filter);
        if self.list_for == Some(key) {
            return;
        }
        self.list_for = Some(key);
        self.list.clear();
        for (index, row) in view.project.rows.iter().enumerate() {
            for (k, finding) in view.qa.findings_of(row.id).iter().enumerate() {
                if self.filter.is_none_or(|c| c == finding.check) {
                    self.list.push((index, row.id, k));
                }
            }
        }
    }
}

/// Checks on and off, the source's spelling, and the glossaries and memories in use.
fn settings_ui(ui: &mut Ui, project: &Project, commands: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        for check in CheckId::ALL {
            let mut on = project.qa.enabled(check.id());
            if ui
                .checkbox(&mut on, check.id())
                .on_hover_text(check.describe())
                .changed()
            {
                commands.push(CheckCommand::SetEnabled(check, on).into());
            }
        }
        let mut source = project.qa.spell_source;
        if ui
            .checkbox(&mut source, "spell the source too")
            .on_hover_text("Where OCR slips hide (“i diet” for “i det” is two real words, though)")
            .changed()
        {
            commands.push(CheckCommand::SpellSource(source).into());
        }
    });
    ui.horizontal_wrapped(|ui| {
        let references = project
            .qa
            .glossaries
            .iter()
            .map(|g| ("Glossary", g))
            .chain(project.qa.memories.iter().map(|m| ("Memory", m)));
        for (kind, reference) in references {
            ui.label(RichText::new(format!("{kind}: {reference}")).small());
            if ui.small_button("Remove").clicked() {
                commands.push(CheckCommand::RemoveReference(reference.clone()).into());
            }
            ui.separator();
        }
        if ui.small_button("Add glossary…").clicked() {
            commands.push(CheckCommand::AddGlossary.into());
        }
        if ui.small_button("Add translation memory…").clicked() {
            commands.push(CheckCommand::AddMemory.into());
        }
    });
}

/// The findings ignored on their rows, who ignored them and when, each can be shown again.
fn ignored_ui(ui: &mut Ui, project: &Project, commands: &mut Vec<AppCommand>) {
    if project.qa.ignored.is_empty() {
        ui.weak("No finding is ignored.");
        return;
    }
    ScrollArea::vertical()
        .id_salt("qa-ignored")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for ignored in &project.qa.ignored {
                let row = project
                    .index_of(ignored.row)
                    .map_or("a deleted row".to_string(), |i| format!("row {}", i + 1));
                ui.horizontal(|ui| {
                    if let Some(finding) = finding_of(ignored)
                        && ui
                            .small_button("Show again")
                            .on_hover_text("Take the ignore back (undoable)")
                            .clicked()
                    {
                        commands.push(CheckCommand::Unignore(finding).into());
                    }
                    let what = if ignored.key.is_empty() {
                        String::new()
                    } else {
                        format!(" “{}”", ignored.key)
                    };
                    ui.label(format!(
                        "{row} · {} · {}{what} — ignored by {} on {}",
                        ignored.check,
                        ignored.side.name(),
                        ignored.by,
                        ignored.at.strftime("%Y-%m-%d %H:%M")
                    ));
                });
            }
        });
}
