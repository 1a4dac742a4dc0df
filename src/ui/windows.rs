//! Modal questions (unsaved changes, recovery, errors, jump to row), the welcome screen, and
//! the Preferences and Shortcuts windows.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::{self, Context, RichText, Ui};

use super::commands::AppCommand;
use super::keys::BINDINGS;
use super::settings::{Settings, preferences_ui};

/// A question the user must answer before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// The project has unsaved changes; `then` runs after Save or Discard.
    Unsaved {
        then: AppCommand,
    },
    /// A recovery file newer than the project was found.
    Recovery {
        path: PathBuf,
        age: String,
    },
    Error(String),
    /// The project file was changed by someone else since it was opened or saved.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Jump to a row number (the text typed so far).
    Jump(String),
}

pub fn describe_age(age: Duration) -> String {
    let minutes = age.as_secs() / 60;
    match minutes {
        0 => "less than a minute ago".to_string(),
        1 => "a minute ago".to_string(),
        m if m < 120 => format!("{m} minutes ago"),
        m => format!("{} hours ago", m / 60),
    }
}

pub fn modal_ui(ctx: &Context, modal: &mut Option<Modal>, commands: &mut Vec<AppCommand>) {
    let Some(current) = modal.as_mut() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match current {
            Modal::Unsaved { then } => {
                ui.heading("Unsaved changes");
                ui.label("The project has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        commands.push(AppCommand::SaveThen(Box::new(then.clone())));
                        close = true;
                    }
                    if ui.button("Discard changes").clicked() {
                        commands.push(then.clone());
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Modal::Recovery { path, age } => {
                ui.heading("Recover unsaved work?");
                ui.label(format!(
                    "Tolk found autosaved changes to {} from {age} that were never saved.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore them").clicked() {
                        commands.push(AppCommand::RestoreRecovery(path.clone()));
                        close = true;
                    }
                    if ui.button("Discard them").clicked() {
                        commands.push(AppCommand::DiscardRecovery(path.clone()));
                        close = true;
                    }
                    if ui.button("Decide later").clicked() {
                        close = true;
                    }
                });
            }
            Modal::ChangedOnDisk { path } => {
                ui.heading("The file was changed by someone else");
                ui.label(format!(
                    "{} changed on disk since Tolk opened or saved it (another Tolk, a Git pull, a sync client). Nothing was saved.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Reload it (drop my changes)").clicked() {
                        commands.push(AppCommand::Reload);
                        close = true;
                    }
                    if ui.button("Save mine as…").clicked() {
                        commands.push(AppCommand::SaveAs);
                        close = true;
                    }
                    if ui.button("Overwrite it").clicked() {
                        commands.push(AppCommand::SaveOverwriting);
                        close = true;
                    }
                });
            }
            Modal::Error(message) => {
                ui.heading("Something went wrong");
                ui.label(message.as_str());
                if ui.button("OK").clicked() {
                    close = true;
                }
            }
            Modal::Jump(text) => {
                ui.heading("Jump to row");
                let label = ui.label("Row number");
                let field = ui
                    .add(egui::TextEdit::singleline(text).id_salt("jump-row"))
                    .labelled_by(label.id);
                field.request_focus();
                // The field keeps the focus while the dialog is open, so Enter is read directly.
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("Go").clicked() || enter {
                        if let Ok(number) = text.trim().parse::<usize>() {
                            commands.push(AppCommand::JumpTo(number));
                        }
                        close = true;
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
            }
        }
    });
    if close {
        *modal = None;
    }
}

/// What the window shows with no project open.
pub fn welcome(ui: &mut Ui, settings: &Settings, commands: &mut Vec<AppCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading("Tolk");
        ui.label(
            "Align a text with its translation, edit it sentence by sentence, review every change.",
        );
        ui.add_space(16.0);
        if ui.button("New project from texts…").clicked() {
            commands.push(AppCommand::New);
        }
        if ui.button("Open a project…").clicked() {
            commands.push(AppCommand::Open);
        }
        ui.label(
            RichText::new("…or drop a project (.json) or one or two texts (.txt) on the window.")
                .weak(),
        );
        if !settings.recent.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent projects").strong());
            for path in &settings.recent {
                if ui.link(path.display().to_string()).clicked() {
                    commands.push(AppCommand::OpenPath(path.clone()));
                }
            }
        }
    });
}

pub fn preferences_window(ctx: &Context, open: &mut bool, settings: &mut Settings) {
    let mut still_open = *open;
    egui::Window::new("Preferences")
        .open(&mut still_open)
        .resizable(false)
        .show(ctx, |ui| {
            if preferences_ui(ui, settings) {
                settings.apply(ctx);
            }
        });
    *open = still_open;
}

pub fn shortcuts_window(ctx: &Context, open: &mut bool) {
    let mut still_open = *open;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut still_open)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (_, shortcut, description) in BINDINGS {
                    ui.label(RichText::new(ctx.format_shortcut(shortcut)).monospace());
                    ui.label(*description);
                    ui.end_row();
                }
            });
        });
    *open = still_open;
}
