//! File > Export: choose a format and options (for the changes since a milestone as DOCX
//! tracked changes, the milestone), then a file name.

use eframe::egui::{self, Context};

use crate::{ExportFormat, InvalidChars, Options, Status, Units};

use super::commands::{AppCommand, FileCommand};

/// The export settings the window edits (kept between exports in one session).
pub struct ExportWindow {
    pub open: bool,
    pub format: ExportFormat,
    pub statuses: [bool; 4],
    pub sentences: bool,
    pub drop_control_chars: bool,
    pub status_colours: bool,
    /// The milestone whose changes a "DOCX changes" export shows.
    pub since: Option<String>,
}

impl Default for ExportWindow {
    fn default() -> ExportWindow {
        ExportWindow {
            open: false,
            format: ExportFormat::Tmx,
            statuses: super::files::default_export_statuses(ExportFormat::Tmx),
            sentences: false,
            drop_control_chars: false,
            status_colours: true,
            since: None,
        }
    }
}

impl ExportWindow {
    pub fn options(&self) -> Options {
        Options {
            statuses: Status::ALL
                .into_iter()
                .zip(self.statuses)
                .filter(|(_, on)| *on)
                .map(|(s, _)| s)
                .collect(),
            units: if self.sentences {
                Units::Sentences
            } else {
                Units::Rows
            },
            invalid_chars: if self.drop_control_chars {
                InvalidChars::Drop
            } else {
                InvalidChars::Refuse
            },
            status_colours: self.status_colours,
            since: (self.format == ExportFormat::DocxChanges)
                .then(|| self.since.clone())
                .flatten(),
            ..Options::default()
        }
    }

    /// The window; `milestones` are the project's, by name (the changes since one of them can
    /// be exported as tracked changes).
    pub fn ui(&mut self, ctx: &Context, milestones: &[String], commands: &mut Vec<AppCommand>) {
        let mut open = self.open;
        let mut close = false;
        egui::Window::new("Export")
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                let before = self.format;
                // Tall enough for every format: the last one (changes since a milestone) was
                // hidden below the list's scroll limit.
                egui::ComboBox::from_label("Format")
                    .selected_text(self.format.label())
                    .height(400.0)
                    .show_ui(ui, |ui| {
                        for format in ExportFormat::ALL {
                            ui.selectable_value(&mut self.format, format, format.label());
                        }
                        let changes = ExportFormat::DocxChanges;
                        ui.add_enabled_ui(!milestones.is_empty(), |ui| {
                            ui.selectable_value(&mut self.format, changes, changes.label())
                                .on_disabled_hover_text("The project has no milestone yet");
                        });
                    });
                if self.format != before {
                    // Each format starts with the core's default: a translation memory (TMX)
                    // holds finished work only; the other formats carry every row's status.
                    self.statuses = super::files::default_export_statuses(self.format);
                }
                ui.label("Rows with the status:");
                if self.format == ExportFormat::Tmx {
                    ui.label(
                        egui::RichText::new(
                            "A translation memory holds finished work: rows with an empty target are left out unless untranslated rows are ticked.",
                        )
                        .small()
                        .weak(),
                    );
                }
                ui.horizontal(|ui| {
                    for (i, status) in Status::ALL.into_iter().enumerate() {
                        ui.checkbox(&mut self.statuses[i], status.name());
                    }
                });
                ui.checkbox(
                    &mut self.sentences,
                    "Sentence pairs where a row's sides have as many sentences",
                );
                ui.checkbox(
                    &mut self.drop_control_chars,
                    "Leave out control characters XML forbids",
                );
                if self.format == ExportFormat::Html {
                    ui.checkbox(&mut self.status_colours, "Colour rows by status");
                }
                if self.format == ExportFormat::DocxChanges {
                    if self.since.as_ref().is_none_or(|m| !milestones.contains(m)) {
                        self.since = milestones.last().cloned();
                    }
                    egui::ComboBox::from_label("Changes since the milestone")
                        .selected_text(self.since.clone().unwrap_or_default())
                        .show_ui(ui, |ui| {
                            for name in milestones {
                                ui.selectable_value(&mut self.since, Some(name.clone()), name);
                            }
                        });
                }
                let any = self.statuses.iter().any(|s| *s);
                let ready = self.format != ExportFormat::DocxChanges || self.since.is_some();
                if ui
                    .add_enabled(any && ready, egui::Button::new("Export…"))
                    .clicked()
                {
                    commands.push(FileCommand::Export(self.format).into());
                    close = true;
                }
            });
        self.open = open && !close;
    }
}
