//! The menu bar: File, Edit, Alignment, View, Help. Every entry does something (none is a
//! placeholder) and shows its shortcut from the one table in `keys`.

use crate::Side;
use eframe::egui::{self, Button, Ui};

use super::app::TolkApp;
use super::commands::AppCommand;
use super::keys::{Action, shortcut_text};

fn item(ui: &mut Ui, label: &str, action: Option<Action>, enabled: bool) -> bool {
    let mut button = Button::new(label);
    if let Some(action) = action {
        button = button.shortcut_text(shortcut_text(ui.ctx(), action));
    }
    ui.add_enabled(enabled, button).clicked()
}

pub fn menu_bar(ui: &mut Ui, app: &mut TolkApp, commands: &mut Vec<AppCommand>) {
    let has_doc = app.doc.is_some();
    let has_row = app.selected_index().is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New from texts…", None, true) {
                commands.push(AppCommand::New);
            }
            if item(ui, "Open…", Some(Action::Open), true) {
                commands.push(AppCommand::Open);
            }
            ui.menu_button("Open recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("(none yet)");
                }
                for path in app.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(AppCommand::OpenPath(path));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", Some(Action::Save), has_doc) {
                commands.push(AppCommand::Save);
            }
            if item(ui, "Save as…", None, has_doc) {
                commands.push(AppCommand::SaveAs);
            }
            ui.separator();
            if item(ui, "Export…", None, has_doc) {
                app.export.open = true;
            }
            if item(ui, "Import TMX, XLIFF or TSV…", None, true) {
                commands.push(AppCommand::ImportBilingual);
            }
            ui.separator();
            if item(ui, "Quit", None, true) {
                commands.push(AppCommand::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let (can_undo, can_redo) = app
                .doc
                .as_ref()
                .map_or((false, false), |d| (d.can_undo(), d.can_redo()));
            if item(ui, "Undo", Some(Action::Undo), can_undo) {
                commands.push(AppCommand::Undo);
            }
            if item(ui, "Redo", Some(Action::Redo), can_redo) {
                commands.push(AppCommand::Redo);
            }
            ui.separator();
            if item(ui, "Confirm row", Some(Action::Confirm), has_row) {
                commands.push(AppCommand::Confirm);
            }
            let other = match app.editor.as_ref().map(|e| e.side) {
                Some(Side::Source) => "Edit target text",
                _ => "Edit source text",
            };
            if item(ui, other, Some(Action::EditSource), has_row) {
                let side = if other == "Edit target text" {
                    Side::Target
                } else {
                    Side::Source
                };
                commands.push(AppCommand::EditSide(side));
            }
            ui.separator();
            if item(ui, "Find…", Some(Action::Find), has_doc) {
                commands.push(AppCommand::ShowFind { replace: false });
            }
            if item(ui, "Replace…", Some(Action::Replace), has_doc) {
                commands.push(AppCommand::ShowFind { replace: true });
            }
            if item(ui, "Jump to row…", Some(Action::JumpToRow), has_doc) {
                commands.push(AppCommand::ShowJump);
            }
            ui.separator();
            if item(ui, "Preferences…", None, true) {
                app.show_preferences = true;
            }
        });
        ui.menu_button("Alignment", |ui| {
            let entries = [
                ("Merge with next row", Action::Merge, AppCommand::Merge),
                ("Split row at cursor", Action::Split, AppCommand::Split),
                (
                    "Move first sentence up",
                    Action::MoveSentenceUp,
                    AppCommand::MoveSentenceUp,
                ),
                (
                    "Move last sentence down",
                    Action::MoveSentenceDown,
                    AppCommand::MoveSentenceDown,
                ),
                (
                    "Insert empty row below",
                    Action::InsertRow,
                    AppCommand::InsertRow,
                ),
                (
                    "Lock / unlock alignment",
                    Action::Lock,
                    AppCommand::ToggleLock,
                ),
            ];
            for (label, action, command) in entries {
                if item(ui, label, Some(action), has_row) {
                    commands.push(command);
                }
            }
            if item(ui, "Delete empty row", None, has_row) {
                commands.push(AppCommand::DeleteRow);
            }
            ui.separator();
            let rows = app.doc.as_ref().map_or(0, |d| d.project().rows.len());
            let selected = app.selected_index();
            if item(ui, "Realign around the selected row", None, has_row)
                && let Some(i) = selected
            {
                commands.push(AppCommand::Realign(i.saturating_sub(3)..(i + 4).min(rows)));
            }
            if item(ui, "Realign from the selected row on", None, has_row)
                && let Some(i) = selected
            {
                commands.push(AppCommand::Realign(i..rows));
            }
            if item(ui, "Realign all unlocked rows", None, has_doc) {
                commands.push(AppCommand::Realign(0..rows));
            }
        });
        ui.menu_button("View", |ui| {
            ui.checkbox(&mut app.show_filters, "Filters");
            ui.checkbox(&mut app.settings.show_map, "Alignment map");
            ui.checkbox(&mut app.show_history, "History of the selected row");
            ui.checkbox(&mut app.review.open, "Review changes since a milestone");
            if item(
                ui,
                "Next untranslated row",
                Some(Action::NextUntranslated),
                has_doc,
            ) {
                commands.push(AppCommand::NextUntranslated);
            }
        });
        ui.menu_button("Help", |ui| {
            if item(ui, "Keyboard shortcuts", None, true) {
                app.show_shortcuts = true;
            }
        });
    });
}
