//! Modal questions (unsaved changes, recovery, errors, jump to row, a note), the welcome screen,
//! and the Preferences, Shortcuts and Project notes windows.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::{self, Context, RichText, Ui};

use super::commands::{AlignCommand, AppCommand, FileCommand, NewProjectChoice, RowCommand};
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
    /// The project file's permissions forbid writing: nothing was saved.
    ReadOnlyFile {
        path: PathBuf,
    },
    /// Jump to a row number (the text typed so far).
    Jump(String),
    /// A new project from texts: its title and languages.
    NewProject(NewProjectForm),
    /// A note for a row (the text typed so far); the author is the author setting.
    Note {
        row: crate::RowId,
        text: String,
    },
    /// The project's own segmentation rules, being changed.
    Segmentation(SegmentationForm),
}

/// Alignment > Segmentation rules…: the rules the project adds to each language's (their
/// text, as kept in the project) and lenient mode, checked as they are typed; Apply changes
/// them by one undoable edit; Apply and cut again also cuts the rows again across rows and
/// realigns them (a second undoable edit).
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentationForm {
    /// The settings as they were, for what the form does not show.
    pub original: crate::SegmentationSettings,
    /// The project's rows (nothing edits them while the form is open).
    pub rows: usize,
    pub lenient: bool,
    pub source_rules: String,
    pub target_rules: String,
}

impl SegmentationForm {
    pub fn of(settings: &crate::SegmentationSettings, rows: usize) -> SegmentationForm {
        SegmentationForm {
            original: settings.clone(),
            rows,
            lenient: settings.lenient,
            source_rules: settings.source_rules.clone(),
            target_rules: settings.target_rules.clone(),
        }
    }

    /// The rules text of one side.
    pub fn rules_mut(&mut self, side: crate::Side) -> &mut String {
        match side {
            crate::Side::Source => &mut self.source_rules,
            crate::Side::Target => &mut self.target_rules,
        }
    }

    /// The settings the form holds.
    pub fn settings(&self) -> crate::SegmentationSettings {
        crate::SegmentationSettings {
            lenient: self.lenient,
            source_rules: self.source_rules.clone(),
            target_rules: self.target_rules.clone(),
            ..self.original.clone()
        }
    }

    /// Draws the form; returns whether it is done (applied or cancelled).
    fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<AppCommand>) -> bool {
        ui.heading("Segmentation rules of this project");
        ui.label(
            RichText::new(
                "Added to each language's own rules: one abbreviation a line (\"anf.\", \
                 \"t. o. m.\"), sections [before-number], [may-end], [starters], \
                 [after-ordinal] as in assets/segment/sv.txt. Kept in the project; Apply and \
                 cut again (or later Alignment > Cut sentences again across rows and \
                 realign) applies them to the whole text.",
            )
            .small()
            .weak(),
        );
        for (label, text, salt, side) in [
            (
                "Source rules",
                &mut self.source_rules,
                "source-rules",
                crate::Side::Source,
            ),
            (
                "Target rules",
                &mut self.target_rules,
                "target-rules",
                crate::Side::Target,
            ),
        ] {
            let label = ui
                .horizontal(|ui| {
                    let label = ui.label(label);
                    if ui.small_button("Read from a file…").clicked() {
                        commands.push(FileCommand::ChooseRulesFile(side).into());
                    }
                    label
                })
                .inner;
            ui.add(
                egui::TextEdit::multiline(text)
                    .id_salt(salt)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY)
                    .code_editor(),
            )
            .labelled_by(label.id);
        }
        ui.checkbox(
            &mut self.lenient,
            "Lenient: sentences may start in lower case (web text, subtitles)",
        );
        let settings = self.settings();
        let checked = settings.check();
        if let Err(problem) = &checked {
            ui.colored_label(ui.visuals().error_fg_color, problem.to_string());
        }
        let mut done = false;
        ui.horizontal(|ui| {
            let changed = settings != self.original;
            let apply = ui.add_enabled(checked.is_ok() && changed, egui::Button::new("Apply"));
            let apply_and_cut = ui
                .add_enabled(checked.is_ok(), egui::Button::new("Apply and cut again"))
                .on_hover_text(
                    "Also join the unlocked rows of each paragraph, cut them again with these \
                     rules and realign them (Alignment > Cut sentences again across rows)",
                );
            if (apply.clicked() || apply_and_cut.clicked()) && changed {
                commands.push(AppCommand::Edit(crate::Edit::SetSegmentation(Box::new(
                    settings,
                ))));
                done = true;
            }
            if apply_and_cut.clicked() {
                let all = 0..self.rows;
                commands.push(AlignCommand::Realign(all, crate::Cutting::AcrossRows).into());
                done = true;
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = true;
            }
        });
        done
    }
}

/// The questions File > New asks once the texts are chosen: a title and the two languages,
/// checked by the core's BCP 47 rules before the project is built.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProjectForm {
    pub source: PathBuf,
    pub target: Option<PathBuf>,
    pub title: String,
    pub source_lang: String,
    pub target_lang: String,
    /// The project's own segmentation: lenient mode and rules files (paths as typed; empty
    /// for none), read when the project is built.
    pub lenient: bool,
    pub source_rules: String,
    pub target_rules: String,
}

impl NewProjectForm {
    /// The form for these texts, with the languages used last time.
    pub fn new(source: PathBuf, target: Option<PathBuf>, settings: &Settings) -> NewProjectForm {
        let title = source
            .file_stem()
            .map_or("Untitled".into(), |s| s.to_string_lossy().into_owned());
        NewProjectForm {
            source,
            target,
            title,
            source_lang: settings.source_lang.clone(),
            target_lang: settings.target_lang.clone(),
            lenient: false,
            source_rules: String::new(),
            target_rules: String::new(),
        }
    }

    /// The rules file (as typed or chosen) of one side.
    pub fn rules_mut(&mut self, side: crate::Side) -> &mut String {
        match side {
            crate::Side::Source => &mut self.source_rules,
            crate::Side::Target => &mut self.target_rules,
        }
    }

    /// The command that builds the project, or what is wrong with the form.
    pub fn command(&self) -> Result<AppCommand, String> {
        let source = crate::check_language_tag(&self.source_lang)
            .map_err(|e| format!("Source language: {e}"))?;
        let target = crate::check_language_tag(&self.target_lang)
            .map_err(|e| format!("Target language: {e}"))?;
        let title = self.title.trim();
        if title.is_empty() {
            return Err("Give the project a title".to_string());
        }
        // A name without a folder is looked for beside the source text.
        let rules = |path: &str| {
            let path = path.trim();
            (!path.is_empty()).then(|| match self.source.parent() {
                Some(folder) if std::path::Path::new(path).is_relative() => folder.join(path),
                _ => PathBuf::from(path),
            })
        };
        Ok(FileCommand::CreateProject(Box::new(NewProjectChoice {
            source: self.source.clone(),
            target: self.target.clone(),
            title: title.to_string(),
            source_lang: source.tag,
            target_lang: target.tag,
            lenient: self.lenient,
            source_rules: rules(&self.source_rules),
            target_rules: rules(&self.target_rules),
        }))
        .into())
    }

    /// Draws the form; returns whether it is done (created or cancelled).
    fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<AppCommand>) -> bool {
        ui.heading("New project");
        ui.label(format!("Source text: {}", self.source.display()));
        ui.label(match &self.target {
            Some(target) => format!("Translation: {}", target.display()),
            None => "No translation yet: the rows start untranslated".to_string(),
        });
        let mut done = false;
        egui::Grid::new("new-project")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value, rules) in [
                    ("Title", &mut self.title, None),
                    ("Source language", &mut self.source_lang, None),
                    ("Target language", &mut self.target_lang, None),
                    (
                        "Source rules file",
                        &mut self.source_rules,
                        Some(crate::Side::Source),
                    ),
                    (
                        "Target rules file",
                        &mut self.target_rules,
                        Some(crate::Side::Target),
                    ),
                ] {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).id_salt(label.id))
                        .labelled_by(label.id);
                    if let Some(side) = rules
                        && ui.button("Choose…").clicked()
                    {
                        commands.push(FileCommand::ChooseRulesFile(side).into());
                    }
                    ui.end_row();
                }
            });
        ui.checkbox(
            &mut self.lenient,
            "Lenient: sentences may start in lower case (web text, subtitles)",
        );
        ui.label(
            RichText::new(
                "Languages as BCP 47 tags: sv, en, en-GB, de-CH, zh-Hant … Rules files add \
                 abbreviations of the text to the language's (the format of \
                 assets/segment/sv.txt) and are kept in the project: a path, or a name in \
                 the source text's folder; leave empty for none.",
            )
            .small()
            .weak(),
        );
        let checked = self.command();
        if let Err(problem) = &checked {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(checked.is_ok(), egui::Button::new("Create"))
                .clicked()
                && let Ok(command) = checked
            {
                commands.push(command);
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }
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
                        commands.push(FileCommand::SaveThen(Box::new(then.clone())).into());
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
                        commands.push(FileCommand::RestoreRecovery(path.clone()).into());
                        close = true;
                    }
                    if ui.button("Discard them").clicked() {
                        commands.push(FileCommand::DiscardRecovery(path.clone()).into());
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
                        commands.push(FileCommand::Reload.into());
                        close = true;
                    }
                    if ui.button("Save mine as…").clicked() {
                        commands.push(FileCommand::SaveAs.into());
                        close = true;
                    }
                    if ui.button("Overwrite it").clicked() {
                        commands.push(FileCommand::SaveOverwriting.into());
                        close = true;
                    }
                });
            }
            Modal::ReadOnlyFile { path } => {
                ui.heading("The project file is read-only");
                ui.label(format!(
                    "{} cannot be written (its permissions forbid it). Nothing was saved and the file is as it was. Save your work under another name, or make the file writable and save again.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save as…").clicked() {
                        commands.push(FileCommand::SaveAs.into());
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
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
            Modal::NewProject(form) => close = form.ui(ui, commands),
            Modal::Segmentation(form) => close = form.ui(ui, commands),
            Modal::Note { row, text } => {
                ui.heading("Note on the row");
                let label = ui.label("Note (for you, a reviser, the next translator)");
                let field = ui
                    .add(
                        egui::TextEdit::multiline(text)
                            .id_salt("note-text")
                            .desired_rows(3),
                    )
                    .labelled_by(label.id);
                field.request_focus();
                ui.horizontal(|ui| {
                    let blank = text.trim().is_empty();
                    if ui
                        .add_enabled(!blank, egui::Button::new("Add note"))
                        .clicked()
                    {
                        commands.push(AppCommand::Edit(crate::Edit::AddNote {
                            row: *row,
                            text: text.trim().to_string(),
                        }));
                        close = true;
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
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
                            commands.push(RowCommand::JumpTo(number).into());
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
            commands.push(FileCommand::New.into());
        }
        if ui.button("Open a project…").clicked() {
            commands.push(FileCommand::Open.into());
        }
        ui.label(
            RichText::new(
                "…or drop a project (.json), or one or two texts or documents (.txt, .pdf, .docx, .odt, .html, .epub) on the window.",
            )
            .weak(),
        );
        if !settings.recent.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent projects").strong());
            for path in &settings.recent {
                if ui.link(path.display().to_string()).clicked() {
                    commands.push(FileCommand::OpenPath(path.clone()).into());
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

/// The project's own notes (`meta.notes`): what the import's cleanup removed or changed in the
/// documents the project was made from (running headers, page numbers, hyphens, footnotes).
/// Opened after File > New when there is something to say, and from View > Project notes.
pub fn project_notes_window(ctx: &Context, open: &mut bool, notes: Option<&str>) {
    let mut still_open = *open;
    egui::Window::new("Project notes")
        .open(&mut still_open)
        .default_width(520.0)
        .show(ctx, |ui| match notes.filter(|n| !n.trim().is_empty()) {
            Some(notes) => {
                ui.label(
                    RichText::new("What the import changed in the files (kept in the project):")
                        .weak(),
                );
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in notes.lines() {
                            ui.label(line);
                        }
                    });
            }
            None => {
                ui.weak("The project has no notes.");
            }
        });
    *open = still_open;
}
