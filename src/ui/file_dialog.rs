//! Tolk's own file dialog, drawn in the window: for systems without a desktop portal or zenity,
//! where the system dialog cannot open. A folder's listing (folders first, then the files the
//! question is about), a folder field to type a path into, a name field, and for saving a
//! question before an existing file is replaced. A folder that cannot be read says so.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Context, RichText, ScrollArea};

use super::dialogs::Ask;

/// One entry of the folder listing.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    folder: bool,
}

pub struct InWindowDialog {
    pub ask: Ask,
    folder: PathBuf,
    /// What the folder field shows (typed paths are taken on Enter or "Go").
    folder_text: String,
    name: String,
    entries: Vec<Entry>,
    error: Option<String>,
    show_all: bool,
    /// A save over this existing file waits for the user's yes.
    confirm_replace: Option<PathBuf>,
    answer: Option<Option<PathBuf>>,
}

impl InWindowDialog {
    pub fn new(ask: Ask) -> InWindowDialog {
        let folder = ask
            .folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut dialog = InWindowDialog {
            name: ask.name.clone().unwrap_or_default(),
            ask,
            folder_text: String::new(),
            folder: PathBuf::new(),
            entries: Vec::new(),
            error: None,
            show_all: false,
            confirm_replace: None,
            answer: None,
        };
        dialog.enter(folder);
        dialog
    }

    /// The answer once given: `Some(None)` when cancelled.
    pub fn answer(&mut self) -> Option<Option<PathBuf>> {
        self.answer.take()
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The name in the name field.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn enter(&mut self, folder: PathBuf) {
        match list(&folder, &self.ask, self.show_all) {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
                self.folder_text = folder.display().to_string();
                self.folder = folder;
            }
            Err(error) => {
                self.error = Some(format!(
                    "Cannot open the folder {}: {error}",
                    folder.display()
                ));
                self.folder_text = self.folder.display().to_string();
            }
        }
    }

    fn refresh(&mut self) {
        self.enter(self.folder.clone());
    }

    /// Takes the name field as the answer (asking first before replacing a file).
    fn choose(&mut self) {
        let name = self.name.trim();
        if name.is_empty() {
            self.error = Some("Type a file name or pick a file".to_string());
            return;
        }
        let path = if Path::new(name).is_absolute() {
            PathBuf::from(name)
        } else {
            self.folder.join(name)
        };
        if path.is_dir() {
            self.name.clear();
            self.enter(path);
            return;
        }
        if self.ask.request.saves() {
            if path.exists() {
                self.confirm_replace = Some(path);
                return;
            }
        } else if !path.is_file() {
            self.error = Some(format!("There is no file {}", path.display()));
            return;
        }
        self.answer = Some(Some(path));
    }

    pub fn ui(&mut self, ctx: &Context) {
        let saves = self.ask.request.saves();
        egui::Modal::new(egui::Id::unique("in-window-file-dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(self.ask.request.title());
            ui.horizontal(|ui| {
                let up = self.folder.parent().map(Path::to_path_buf);
                if ui
                    .add_enabled(up.is_some(), egui::Button::new("Up"))
                    .on_hover_text("The folder above")
                    .clicked()
                    && let Some(up) = up
                {
                    self.enter(up);
                }
                let label = ui.label("Folder");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.folder_text)
                            .desired_width(380.0)
                            .id_salt("dialog-folder"),
                    )
                    .labelled_by(label.id);
                let go = ui.button("Go").clicked();
                if go || (field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                    self.enter(PathBuf::from(self.folder_text.trim()));
                }
            });
            let mut picked = None;
            let mut chosen = false;
            ScrollArea::vertical()
                .id_salt("dialog-entries")
                .max_height(300.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if self.entries.is_empty() {
                        ui.weak("(nothing here to choose)");
                    }
                    for entry in &self.entries {
                        let text = if entry.folder {
                            format!("{}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let response =
                            ui.selectable_label(!entry.folder && entry.name == self.name, text);
                        if response.clicked() {
                            picked = Some(entry.clone());
                        }
                        if response.double_clicked() && !entry.folder {
                            chosen = true;
                        }
                    }
                });
            if let Some(entry) = picked {
                if entry.folder {
                    self.enter(self.folder.join(entry.name));
                } else {
                    self.name = entry.name;
                }
            }
            ui.horizontal(|ui| {
                let (kinds, _) = self.ask.request.filter();
                ui.weak(format!("Listed: {kinds}"));
                if ui.checkbox(&mut self.show_all, "Show all files").changed() {
                    self.refresh();
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.name)
                            .desired_width(360.0)
                            .id_salt("dialog-name"),
                    )
                    .labelled_by(label.id);
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    chosen = true;
                }
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if let Some(path) = self.confirm_replace.clone() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} exists. Replace it?", path.display()),
                );
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        self.answer = Some(Some(path));
                    }
                    if ui.button("Keep it").clicked() {
                        self.confirm_replace = None;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let verb = if saves { "Save" } else { "Open" };
                if ui.button(RichText::new(verb).strong()).clicked() {
                    chosen = true;
                }
                if ui.button("Cancel").clicked() {
                    self.answer = Some(None);
                }
            });
            if chosen {
                self.choose();
            }
        });
    }
}

/// The folder's entries the dialog offers: folders (not hidden ones), then files with one of
/// the question's extensions (all files with `show_all`), each sorted by name.
fn list(folder: &Path, ask: &Ask, show_all: bool) -> std::io::Result<Vec<Entry>> {
    let (_, extensions) = ask.request.filter();
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let folder = e.path().is_dir();
            let wanted = folder
                || show_all
                || Path::new(&name)
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)));
            (wanted && !name.starts_with('.')).then_some(Entry { name, folder })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.folder
            .cmp(&a.folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}
