//! The application: owns the open document and the view state, draws the panels, and carries
//! out the commands they push, after the frame. Every change to a project is a core `Edit`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::{Document, Edit, Project, Side, commit_typed, confirm, split_point};
use eframe::egui::{self, Context, Ui, ViewportCommand};

use super::commands::AppCommand;
use super::dialogs::{DialogRequest, FileDialogs, NativeDialogs};
use super::export_window::ExportWindow;
use super::find_bar::{FilterBar, FindBar};
use super::grid::{CellEditor, Grid, GridView};
use super::history_panel::HistoryPanel;
use super::jobs::{JobOutput, Jobs, Prepared};
use super::keys::{self, Action};
use super::map::AlignmentMap;
use super::review_panel::ReviewPanel;
use super::settings::Settings;
use super::status_bar::StatusBar;
use super::windows::{self, Modal};

/// How often a project with unsaved changes is written to its recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(120);

pub struct TolkApp {
    pub doc: Option<Document>,
    pub settings: Settings,
    /// The selected row, by id so that it survives merges, inserts and filters.
    pub selected: Option<crate::RowId>,
    pub editor: Option<CellEditor>,
    pub find: FindBar,
    pub filter: FilterBar,
    pub show_filters: bool,
    pub modal: Option<Modal>,
    pub show_preferences: bool,
    pub show_shortcuts: bool,
    pub show_history: bool,
    pub history: HistoryPanel,
    pub review: ReviewPanel,
    pub export: ExportWindow,
    /// The last message for the status bar (errors of edits, "saved", ...).
    pub message: Option<String>,
    pub jobs: Jobs,
    pub dialogs: Box<dyn FileDialogs>,
    /// Run long work on helper threads (the window); tests run it inline.
    pub background: bool,
    pub autosave_every: Duration,
    grid: Grid,
    map: AlignmentMap,
    status: StatusBar,
    visible: Vec<usize>,
    visible_for: Option<(u64, u64, Option<crate::Query>)>,
    visible_version: u64,
    commands: Vec<AppCommand>,
    last_autosave: Instant,
    title: String,
    allow_close: bool,
    settings_applied: bool,
    /// What to do once the running save has succeeded (e.g. quit).
    after_save: Option<AppCommand>,
    /// The generation last written to the recovery file (no need to write it twice).
    /// What was last written to the recovery file: the generation and the uncommitted typing.
    autosaved: Option<(u64, Option<Edit>)>,
}

impl TolkApp {
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> TolkApp {
        TolkApp {
            doc: None,
            settings,
            selected: None,
            editor: None,
            find: FindBar::default(),
            filter: FilterBar::default(),
            show_filters: false,
            modal: None,
            show_preferences: false,
            show_shortcuts: false,
            show_history: true,
            history: HistoryPanel::default(),
            review: ReviewPanel::default(),
            export: ExportWindow::default(),
            message: None,
            jobs: Jobs::default(),
            dialogs,
            background: true,
            autosave_every: AUTOSAVE_EVERY,
            grid: Grid::default(),
            map: AlignmentMap::default(),
            status: StatusBar::default(),
            visible: Vec::new(),
            visible_for: None,
            visible_version: 0,
            commands: Vec::new(),
            last_autosave: Instant::now(),
            title: String::new(),
            allow_close: false,
            settings_applied: false,
            after_save: None,
            autosaved: None,
        }
    }

    /// The app as the window starts it: native dialogs, stored settings, a project to open.
    pub fn for_window(cc: &eframe::CreationContext<'_>, open: Option<PathBuf>) -> TolkApp {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = TolkApp::new(settings, Box::new(NativeDialogs::default()));
        if let Some(path) = open {
            app.commands.push(AppCommand::OpenPath(path));
        }
        app
    }

    /// Shows a document whose derived views were prepared (on a helper thread).
    pub fn open_prepared(&mut self, prepared: Prepared) {
        self.map = prepared.map;
        self.status = prepared.status;
        self.set_document(prepared.doc);
    }

    /// Opens a document directly (tests, and projects built in memory).
    pub fn set_document(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.visible_for = None;
        self.editor = None;
        self.selected = None;
        if self
            .doc
            .as_ref()
            .is_some_and(|d| !d.project().rows.is_empty())
        {
            self.select_index(0);
        }
    }

    pub fn push(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Index of the selected row in the project.
    pub fn selected_index(&self) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        doc.project().index_of(self.selected?)
    }

    /// Rows shown by the current filter (indices into the project's rows).
    pub fn visible_rows(&self) -> &[usize] {
        &self.visible
    }

    /// One frame: input, panels, then the commands they pushed.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.settings_applied {
            self.settings.apply(&ctx);
            self.settings_applied = true;
        }
        self.poll_background();
        self.read_input(&ctx);
        self.refresh_visible();
        self.panels(ui);
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The frame was drawn before these ran: draw their result.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(command, &ctx);
        }
        self.refresh_visible();
        self.autosave_if_due(&ctx);
        self.update_title(&ctx);
        if self.jobs.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn poll_background(&mut self) {
        for output in self.jobs.poll() {
            self.finish_job(output);
        }
        while let Some((request, answer)) = self.dialogs.poll() {
            self.dialog_answered(request, answer);
        }
    }

    fn read_input(&mut self, ctx: &Context) {
        if self.modal.is_none() {
            for action in keys::pressed(ctx) {
                let command = self.command_for(action);
                self.commands.extend(command);
            }
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) && self.find.open {
                self.find.open = false;
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.files_dropped(dropped);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.has_unsaved_work()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: AppCommand::QuitDiscarding,
            });
        }
    }

    fn command_for(&self, action: Action) -> Option<AppCommand> {
        Some(match action {
            Action::Confirm => AppCommand::Confirm,
            Action::NextUntranslated => AppCommand::NextUntranslated,
            Action::PreviousRow => AppCommand::SelectRelative(-1),
            Action::NextRow => AppCommand::SelectRelative(1),
            Action::Undo => AppCommand::Undo,
            Action::Redo => AppCommand::Redo,
            Action::Save => AppCommand::Save,
            Action::Open => AppCommand::Open,
            Action::Find => AppCommand::ShowFind { replace: false },
            Action::Replace => AppCommand::ShowFind { replace: true },
            Action::Merge => AppCommand::Merge,
            Action::Split => AppCommand::Split,
            Action::Lock => AppCommand::ToggleLock,
            Action::JumpToRow => AppCommand::ShowJump,
            Action::MoveSentenceUp => AppCommand::MoveSentenceUp,
            Action::MoveSentenceDown => AppCommand::MoveSentenceDown,
            Action::InsertRow => AppCommand::InsertRow,
            Action::EditSource => {
                let side = match self.editor.as_ref().map(|e| e.side) {
                    Some(Side::Source) => Side::Target,
                    _ => Side::Source,
                };
                AppCommand::EditSide(side)
            }
        })
    }

    fn files_dropped(&mut self, paths: Vec<PathBuf>) {
        let (projects, texts): (Vec<_>, Vec<_>) = paths.into_iter().partition(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        });
        if let Some(project) = projects.into_iter().next() {
            self.guard_unsaved(AppCommand::OpenPath(project));
        } else if let Some(source) = texts.first().cloned() {
            let target = texts.get(1).cloned();
            self.guard_unsaved(AppCommand::NewFromTexts { source, target });
        }
    }

    /// Runs `then` now, or after the user has decided about unsaved changes.
    fn guard_unsaved(&mut self, then: AppCommand) {
        if self.has_unsaved_work() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.commands.push(then);
        }
    }

    fn refresh_visible(&mut self) {
        let Some(doc) = &self.doc else {
            self.visible.clear();
            return;
        };
        let find_key = self.filter.matching_find.then(|| self.find.query.clone());
        let key = (doc.generation(), self.filter.version, find_key);
        if self.visible_for.as_ref() == Some(&key) {
            return;
        }
        self.visible = if self.filter.is_active() {
            self.filter.filter(self.find.matcher()).rows(doc.project())
        } else {
            (0..doc.project().rows.len()).collect()
        };
        self.visible_for = Some(key);
        self.visible_version += 1;
    }

    fn panels(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            super::menu::menu_bar(ui, self, &mut commands);
        });
        if let Some(doc) = self.doc.as_ref().filter(|d| d.is_read_only()) {
            let name = doc.display_name();
            egui::Panel::top("read-only").show(ui, |ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Read-only: {name} is open in another Tolk. You can read and edit here, but only File > Save as can keep your changes."
                    ),
                );
            });
        }
        if self.find.open
            && let Some(doc) = &self.doc
        {
            egui::Panel::top("find").show(ui, |ui| {
                self.find
                    .ui(ui, doc.project(), doc.generation(), &mut commands);
            });
        }
        if self.show_filters {
            egui::Panel::top("filters").show(ui, |ui| self.filter.ui(ui));
        }
        let doc_info = self.doc.as_ref().map(|d| (d.project(), d.generation()));
        let shown = self.visible.len();
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status
                .ui(ui, doc_info, shown, &self.jobs, self.message.as_deref());
        });
        let selected = self.selected_index();
        if self.review.open
            && let Some(doc) = &self.doc
        {
            egui::Panel::bottom("review")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| {
                    self.review
                        .ui(ui, doc.project(), doc.generation(), &mut commands);
                });
        }
        if self.show_history
            && let Some(doc) = &self.doc
        {
            let row = selected.map(|i| &doc.project().rows[i]);
            egui::Panel::bottom("history")
                .resizable(true)
                .default_size(180.0)
                .show(ui, |ui| {
                    self.history.ui(ui, row, &mut commands);
                });
        }
        if self.settings.show_map
            && let Some(doc) = &self.doc
        {
            egui::Panel::right("map")
                .default_size(220.0)
                .resizable(true)
                .show(ui, |ui| {
                    self.map
                        .ui(ui, doc.project(), doc.generation(), selected, &mut commands);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match &self.doc {
            Some(doc) => {
                let view = GridView {
                    project: doc.project(),
                    content_key: (doc.generation(), self.visible_version),
                    visible: &self.visible,
                    selected,
                    editor: &mut self.editor,
                    source_share: &mut self.settings.source_share,
                };
                self.grid.ui(ui, view, &mut commands);
            }
            None => windows::welcome(ui, &self.settings, &mut commands),
        });
        windows::modal_ui(ui.ctx(), &mut self.modal, &mut commands);
        windows::preferences_window(ui.ctx(), &mut self.show_preferences, &mut self.settings);
        windows::shortcuts_window(ui.ctx(), &mut self.show_shortcuts);
        self.export.ui(ui.ctx(), &mut commands);
        self.commands.extend(commands);
    }

    // ----- commands -----

    fn run(&mut self, command: AppCommand, ctx: &Context) {
        match command {
            AppCommand::Edit(edit) => {
                self.commit_cell();
                self.apply(edit);
            }
            AppCommand::Undo => {
                self.commit_cell();
                self.undo_redo(true);
            }
            AppCommand::Redo => {
                self.commit_cell();
                self.undo_redo(false);
            }
            AppCommand::Select(index) => self.select_index(index),
            AppCommand::SelectRelative(delta) => self.select_relative(delta),
            AppCommand::NextUntranslated => self.goto_next(crate::next_untranslated),
            AppCommand::Confirm => self.confirm_row(),
            AppCommand::CommitCell => self.commit_cell(),
            AppCommand::EditSide(side) => {
                self.commit_cell();
                if let Some(index) = self.selected_index() {
                    self.open_editor(index, side);
                }
            }
            AppCommand::Merge => self.structural(|_, row, _| Some(Edit::Merge { row })),
            AppCommand::Split => {
                let cursor = self
                    .editor
                    .as_ref()
                    .map(|e| (e.side, e.cursor.unwrap_or(0)));
                self.structural(move |project, row, index| {
                    let (side, at) = cursor?;
                    let (source_at, target_at) = split_point(project, index, side, at);
                    Some(Edit::Split {
                        row,
                        source_at,
                        target_at,
                    })
                });
            }
            AppCommand::MoveSentenceUp => {
                let side = self.editor_side();
                self.structural(move |_, row, _| Some(Edit::MoveFirstSentenceUp { row, side }));
            }
            AppCommand::MoveSentenceDown => {
                let side = self.editor_side();
                self.structural(move |_, row, _| Some(Edit::MoveLastSentenceDown { row, side }));
            }
            AppCommand::InsertRow => {
                let index = self.selected_index().map_or(0, |i| i + 1);
                self.commit_cell();
                if self.apply(Edit::InsertRow { index }) {
                    self.select_index(index);
                }
            }
            AppCommand::Realign(rows) => self.start_realign(rows, ctx),
            AppCommand::DeleteRow => self.structural(|_, row, _| Some(Edit::DeleteRow { row })),
            AppCommand::ToggleLock => self.structural(|project, row, _| {
                let locked = project.row(row)?.locked;
                Some(Edit::SetLocked {
                    row,
                    locked: !locked,
                })
            }),
            AppCommand::New => self.dialogs.request(DialogRequest::NewSource),
            AppCommand::NewFromTexts { source, target } => self.start_import(source, target, ctx),
            AppCommand::Open => self.dialogs.request(DialogRequest::OpenProject),
            AppCommand::OpenPath(path) => self.start_open(path, ctx),
            AppCommand::Save => match self
                .doc
                .as_ref()
                .and_then(|d| d.path().map(Path::to_path_buf))
            {
                Some(path) => self.start_save(path, ctx),
                None if self.doc.is_some() => self.dialogs.request(DialogRequest::SaveProjectAs),
                None => {}
            },
            AppCommand::SaveOverwriting => {
                if let Some(path) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path().map(Path::to_path_buf))
                {
                    self.start_save_checked(path, true, ctx);
                }
            }
            AppCommand::Reload => {
                if let Some(doc) = &mut self.doc {
                    match doc.reload() {
                        Ok(_) => {
                            self.visible_for = None;
                            self.reload_editor();
                            self.message = Some("Reloaded from disk".to_string());
                        }
                        Err(error) => self.modal = Some(Modal::Error(error.to_string())),
                    }
                }
            }
            AppCommand::SaveAs => {
                if self.doc.is_some() {
                    self.dialogs.request(DialogRequest::SaveProjectAs);
                }
            }
            AppCommand::SaveTo(path) => self.start_save(path, ctx),
            AppCommand::Export(format) => {
                if self.doc.is_some() {
                    self.dialogs.request(DialogRequest::Export(format));
                }
            }
            AppCommand::ExportTo(format, path) => self.start_export(format, path, ctx),
            AppCommand::ImportBilingual => self.dialogs.request(DialogRequest::ImportBilingual),
            AppCommand::ImportFrom(path) => self.start_bilingual_import(path, ctx),
            AppCommand::SaveThen(then) => {
                self.after_save = Some(*then);
                self.commands.push(AppCommand::Save);
            }
            AppCommand::RestoreRecovery(path) => self.restore_recovery(&path),
            AppCommand::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(crate::recovery_path(&path));
            }
            AppCommand::ShowFind { replace } => {
                self.find.open = true;
                self.find.replace_mode = replace;
                self.find.wants_focus = true;
            }
            AppCommand::FindNext { backwards } => self.find_next(backwards),
            AppCommand::ReplaceOne => self.replace_one(),
            AppCommand::ReplaceAll => self.replace_all(),
            AppCommand::ShowJump => self.modal = Some(Modal::Jump(String::new())),
            AppCommand::JumpTo(number) => self.jump_to(number),
            AppCommand::Quit => {
                self.commit_cell();
                if self.doc.as_ref().is_some_and(Document::is_dirty) {
                    self.modal = Some(Modal::Unsaved {
                        then: AppCommand::QuitDiscarding,
                    });
                } else {
                    self.close(ctx);
                }
            }
            AppCommand::QuitDiscarding => {
                // The user chose to discard: nothing is unsaved any more, typing included.
                self.editor = None;
                if let Some(doc) = &mut self.doc {
                    doc.discard_unsaved();
                }
                self.close(ctx);
            }
        }
    }

    fn close(&mut self, ctx: &Context) {
        self.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Applies an edit; a refused edit becomes a status message. Returns whether it applied.
    fn apply(&mut self, edit: Edit) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.apply(edit, &self.settings.author) {
            Ok(()) => {
                self.message = None;
                self.reload_editor();
                true
            }
            Err(error) => {
                self.message = Some(format!("Not done: {error}"));
                false
            }
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let author = &self.settings.author;
        let result = if undo {
            doc.undo(author)
        } else {
            doc.redo(author)
        };
        self.message = match result {
            Ok(true) => None,
            Ok(false) => Some(
                if undo {
                    "Nothing to undo"
                } else {
                    "Nothing to redo"
                }
                .to_string(),
            ),
            Err(error) => Some(format!(
                "Could not {}: {error}",
                if undo { "undo" } else { "redo" }
            )),
        };
        if self.selected_index().is_none() {
            self.selected = None;
        }
        self.reload_editor();
    }

    /// The edit that committing the cell being typed in would make (`None`: no typing, or
    /// typing that changed nothing).
    fn pending_typing(&self) -> Option<Edit> {
        let (doc, editor) = (self.doc.as_ref()?, self.editor.as_ref()?);
        commit_typed(doc.project(), editor.row, editor.side, &editor.text)
    }

    /// Whether closing now would lose work: unsaved changes, or typing not yet committed.
    pub fn has_unsaved_work(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty) || self.pending_typing().is_some()
    }

    /// Commits the edited cell as one revision (if its text changed).
    fn commit_cell(&mut self) {
        let (Some(doc), Some(editor)) = (&self.doc, &self.editor) else {
            return;
        };
        if let Some(edit) = commit_typed(doc.project(), editor.row, editor.side, &editor.text) {
            self.apply(edit);
        }
    }

    /// Re-reads the edited cell's text from the project after an edit changed it.
    fn reload_editor(&mut self) {
        let Some(doc) = &self.doc else {
            return;
        };
        let side = self.editor_side();
        self.editor = self
            .selected
            .and_then(|id| doc.project().row(id))
            .map(|row| CellEditor {
                row: row.id,
                side,
                text: row.text(side).to_string(),
                cursor: self
                    .editor
                    .as_ref()
                    .filter(|e| e.row == row.id)
                    .and_then(|e| e.cursor),
                wants_focus: self.editor.as_ref().is_some_and(|e| e.wants_focus),
            });
    }

    fn editor_side(&self) -> Side {
        self.editor.as_ref().map_or(Side::Target, |e| e.side)
    }

    fn select_index(&mut self, index: usize) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let Some(row) = doc.project().rows.get(index) else {
            return;
        };
        self.selected = Some(row.id);
        self.open_editor(index, Side::Target);
        self.refresh_visible();
        if let Ok(position) = self.visible.binary_search(&index) {
            self.grid.scroll_to = Some(position);
        }
    }

    fn open_editor(&mut self, index: usize, side: Side) {
        let Some(row) = self.doc.as_ref().and_then(|d| d.project().rows.get(index)) else {
            return;
        };
        self.editor = Some(CellEditor {
            row: row.id,
            side,
            text: row.text(side).to_string(),
            cursor: None,
            wants_focus: true,
        });
    }

    fn select_relative(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let position = self
            .selected_index()
            .and_then(|i| self.visible.binary_search(&i).ok())
            .map_or(0, |p| {
                p.saturating_add_signed(delta).min(self.visible.len() - 1)
            });
        self.select_index(self.visible[position]);
    }

    fn goto_next(&mut self, next: fn(&Project, Option<usize>) -> Option<usize>) {
        let Some(doc) = &self.doc else {
            return;
        };
        match next(doc.project(), self.selected_index()) {
            Some(index) => self.select_index(index),
            None => self.message = Some("No more rows to do".to_string()),
        }
    }

    fn confirm_row(&mut self) {
        let (Some(doc), Some(index)) = (&self.doc, self.selected_index()) else {
            return;
        };
        let row = doc.project().rows[index].id;
        let typed = self
            .editor
            .as_ref()
            .filter(|e| e.row == row)
            .map(|e| (e.side, e.text.as_str()));
        if let Some(edit) = confirm(doc.project(), row, typed)
            && !self.apply(edit)
        {
            return;
        }
        self.goto_next(crate::next_unfinished);
    }

    /// Runs a structural edit on the selected row (committing the cell first).
    fn structural(&mut self, make: impl FnOnce(&Project, crate::RowId, usize) -> Option<Edit>) {
        self.commit_cell();
        let (Some(doc), Some(index)) = (&self.doc, self.selected_index()) else {
            self.message = Some("Select a row first".to_string());
            return;
        };
        let row = doc.project().rows[index].id;
        if let Some(edit) = make(doc.project(), row, index) {
            self.apply(edit);
        }
    }

    fn find_next(&mut self, backwards: bool) {
        let Some(doc) = &self.doc else {
            return;
        };
        let selected = self.selected_index();
        let found = match self.find.matches(doc.project(), doc.generation()) {
            Ok(found) if !found.is_empty() => found.clone(),
            Ok(_) => {
                self.message = Some("No matches".to_string());
                return;
            }
            Err(error) => {
                self.message = Some(error.clone());
                return;
            }
        };
        let n = found.len();
        let next = match (self.find.current, backwards) {
            (Some(i), false) if i < n => (i + 1) % n,
            (Some(i), true) if i < n => (i + n - 1) % n,
            (_, false) => found
                .iter()
                .position(|m| Some(m.index) >= selected)
                .unwrap_or(0),
            (_, true) => found
                .iter()
                .rposition(|m| Some(m.index) <= selected)
                .unwrap_or(n - 1),
        };
        self.find.current = Some(next);
        let target = &found[next];
        self.select_index(target.index);
        if target.side == Side::Source {
            self.open_editor(target.index, Side::Source);
        }
        if let Some(editor) = &mut self.editor {
            let text = doc_text(&self.doc, target.index, target.side);
            editor.cursor = Some(text[..target.range.start.min(text.len())].chars().count());
        }
    }

    fn replace_one(&mut self) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let (Some(matcher), Ok(found)) = (
            self.find.matcher(),
            self.find.matches(doc.project(), doc.generation()).clone(),
        ) else {
            return;
        };
        let Some(current) = self.find.current.and_then(|i| found.get(i)) else {
            self.find_next(false);
            return;
        };
        if let Some(edit) =
            matcher.replace_one(doc.project(), current, &self.find.replacement.clone())
        {
            self.apply(edit);
            self.find.current = self.find.current.map(|i| i.saturating_sub(1));
        }
        self.find_next(false);
    }

    fn replace_all(&mut self) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let Some(matcher) = self.find.matcher() else {
            self.message = Some("Nothing to find".to_string());
            return;
        };
        let count = matcher.find_all(doc.project()).len();
        match matcher.replace_all(doc.project(), &self.find.replacement) {
            Some(edit) => {
                if self.apply(edit) {
                    self.message = Some(format!("Replaced {count} occurrences (one undo step)"));
                }
            }
            None => self.message = Some("No matches".to_string()),
        }
        self.find.current = None;
    }

    fn jump_to(&mut self, number: usize) {
        let rows = self.doc.as_ref().map_or(0, |d| d.project().rows.len());
        if number == 0 || number > rows {
            self.message = Some(format!("There is no row {number} (the project has {rows})"));
            return;
        }
        if self.visible.binary_search(&(number - 1)).is_err() {
            self.filter = FilterBar {
                version: self.filter.version + 1,
                ..FilterBar::default()
            };
        }
        self.select_index(number - 1);
    }

    // ----- files and background work -----

    fn dialog_answered(&mut self, request: DialogRequest, answer: Option<PathBuf>) {
        match (request, answer) {
            (DialogRequest::OpenProject, Some(path)) => {
                self.guard_unsaved(AppCommand::OpenPath(path))
            }
            (DialogRequest::SaveProjectAs, Some(path)) => self
                .commands
                .push(AppCommand::SaveTo(with_json_extension(path))),
            (DialogRequest::NewSource, Some(source)) => {
                self.dialogs.request(DialogRequest::NewTarget { source })
            }
            (DialogRequest::NewTarget { source }, target) => {
                self.guard_unsaved(AppCommand::NewFromTexts { source, target });
            }
            (DialogRequest::Export(format), Some(path)) => {
                self.commands.push(AppCommand::ExportTo(format, path))
            }
            (DialogRequest::ImportBilingual, Some(path)) => {
                self.guard_unsaved(AppCommand::ImportFrom(path))
            }
            (_, None) => {}
        }
    }

    fn spawn(
        &mut self,
        label: &str,
        ctx: &Context,
        work: impl FnOnce(&super::jobs::Progress) -> JobOutput + Send + 'static,
    ) {
        self.jobs.spawn(label, Some(ctx.clone()), work);
        if !self.background {
            for output in self.jobs.wait_all() {
                self.finish_job(output);
            }
        }
    }

    fn start_open(&mut self, path: PathBuf, ctx: &Context) {
        let label = format!("Opening {}", path.display());
        self.spawn(&label, ctx, move |_| JobOutput::Opened {
            result: open_or_read_only(&path)
                .map(|(doc, repairs)| (Prepared::new(doc), repairs))
                .map_err(|e| e.to_string()),
            path,
        });
    }

    fn start_import(&mut self, source: PathBuf, target: Option<PathBuf>, ctx: &Context) {
        let (source_lang, target_lang, author) = (
            "sv".to_string(),
            "en".to_string(),
            self.settings.author.clone(),
        );
        self.spawn("Importing", ctx, move |progress| {
            progress.set(0, 3);
            let title = source
                .file_stem()
                .map_or("Untitled".into(), |s| s.to_string_lossy().into_owned());
            let names = crate::NewProject {
                title: &title,
                source_lang: &source_lang,
                target_lang: &target_lang,
                author: &author,
            };
            let result = crate::project_from_files(&source, target.as_deref(), &names, &|step| {
                progress.set(step, 3)
            })
            .map(|made| {
                // The cleanup report stays in the project's notes; warnings are shown.
                let doc = Document::unsaved(made.project);
                (Prepared::new(doc), made.warnings)
            })
            .map_err(|e| e.to_string());
            JobOutput::Imported(result)
        });
    }

    fn start_save(&mut self, path: PathBuf, ctx: &Context) {
        self.start_save_checked(path, false, ctx);
    }

    /// Saves on a helper thread. To the document's own path, the file must still be what was
    /// loaded or last saved (unless `overwrite`); to another path, whatever is there is replaced.
    fn start_save_checked(&mut self, path: PathBuf, overwrite: bool, ctx: &Context) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let job = if doc.path() == Some(path.as_path()) {
            doc.save_job(overwrite)
        } else {
            doc.save_as_job(&path)
        };
        match job {
            Ok(job) => {
                self.spawn("Saving", ctx, move |_| JobOutput::Saved {
                    path: job.path().to_path_buf(),
                    result: job.run(),
                });
            }
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    fn start_export(&mut self, format: crate::ExportFormat, path: PathBuf, ctx: &Context) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let snapshot = doc.project().clone();
        let input = doc.path().map(Path::to_path_buf);
        let options = self.export.options();
        self.spawn("Exporting", ctx, move |_| {
            JobOutput::Exported(
                crate::export_to(&snapshot, format, &options, &path, input.as_deref())
                    .map_err(|e| e.to_string()),
            )
        });
    }

    fn start_realign(&mut self, rows: std::ops::Range<usize>, ctx: &Context) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let snapshot = doc.project().clone();
        let generation = doc.generation();
        self.spawn("Realigning", ctx, move |_| JobOutput::Realigned {
            generation,
            result: crate::realign(&snapshot, rows).map_err(|e| e.to_string()),
        });
    }

    fn start_bilingual_import(&mut self, path: PathBuf, ctx: &Context) {
        let author = self.settings.author.clone();
        self.spawn("Importing", ctx, move |_| {
            JobOutput::Imported(
                crate::import_bilingual_file(&path, &author)
                    .map(|project| (Prepared::new(Document::unsaved(project)), Vec::new()))
                    .map_err(|e| e.to_string()),
            )
        });
    }

    fn finish_job(&mut self, output: JobOutput) {
        match output {
            JobOutput::Exported(Ok(paths)) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.message = Some(format!("Exported {}", names.join(", ")));
            }
            JobOutput::Exported(Err(error)) => self.modal = Some(Modal::Error(error)),
            JobOutput::Realigned { generation, result } => match result {
                Ok(edit)
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.generation() == generation) =>
                {
                    if self.apply(edit) {
                        self.message = Some("Realigned (one undo step)".to_string());
                    }
                }
                Ok(_) => {
                    self.message =
                        Some("The project changed while realigning: realign again".to_string())
                }
                Err(error) => self.modal = Some(Modal::Error(error)),
            },
            JobOutput::Opened {
                path,
                result: Ok((prepared, repairs)),
            } => {
                self.settings.remember(&path);
                self.open_prepared(prepared);
                self.message =
                    (!repairs.is_empty()).then(|| format!("On opening: {}", repairs.join("; ")));
                if let Some(recovery) = crate::newer_recovery(&path) {
                    self.modal = Some(Modal::Recovery {
                        path,
                        age: crate::age_of(&recovery)
                            .map_or_else(String::new, windows::describe_age),
                    });
                }
            }
            JobOutput::Opened {
                result: Err(error), ..
            }
            | JobOutput::Imported(Err(error)) => {
                self.modal = Some(Modal::Error(error));
            }
            JobOutput::Imported(Ok((prepared, warnings))) => {
                self.open_prepared(prepared);
                self.message = Some("Imported: save the project to keep it (Ctrl+S)".to_string());
                if !warnings.is_empty() {
                    self.modal = Some(Modal::Error(format!(
                        "Imported, with warnings:\n{}",
                        warnings.join("\n")
                    )));
                }
            }
            JobOutput::Saved { path, result } => match result {
                Ok(saved) => {
                    if let Some(doc) = &mut self.doc {
                        doc.finish_save(saved);
                    }
                    self.settings.remember(&path);
                    self.message = Some(format!("Saved {}", path.display()));
                    self.commands.extend(self.after_save.take());
                }
                Err(crate::ProjectFileError::ChangedOnDisk { path }) => {
                    self.after_save = None;
                    self.modal = Some(Modal::ChangedOnDisk { path });
                }
                Err(error) => {
                    self.after_save = None;
                    self.modal = Some(Modal::Error(error.to_string()));
                }
            },
            JobOutput::Autosaved(result) => {
                if let Err(error) = result {
                    self.message = Some(format!("Autosave failed: {error}"));
                }
            }
        }
    }

    /// Restores the recovery file of the open project (the user said so).
    pub fn restore_recovery(&mut self, path: &Path) {
        match crate::restore_recovery(path) {
            Ok((doc, _)) => {
                self.set_document(doc);
                self.message = Some("Recovered unsaved work: save to keep it".to_string());
            }
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    fn autosave_if_due(&mut self, ctx: &Context) {
        if self.last_autosave.elapsed() < self.autosave_every {
            return;
        }
        self.last_autosave = Instant::now();
        let Some(doc) = &self.doc else {
            return;
        };
        let typing = self.pending_typing();
        let state = (doc.generation(), typing.clone());
        let Some(path) = doc.path().map(Path::to_path_buf) else {
            return;
        };
        if !self.has_unsaved_work() || self.autosaved.as_ref() == Some(&state) {
            return;
        }
        self.autosaved = Some(state);
        // The recovery file holds the typing too, as if the cell had been committed.
        let mut snapshot = Document::unsaved(doc.project().clone());
        let author = self.settings.author.clone();
        self.spawn("Autosaving", ctx, move |_| {
            let typed = match typing {
                Some(edit) => snapshot.apply(edit, &author).map_err(|e| e.to_string()),
                None => Ok(()),
            };
            JobOutput::Autosaved(typed.and_then(|()| {
                crate::write_recovery_of(snapshot.project(), &path)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }))
        });
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — Tolk",
                doc.display_name(),
                if self.has_unsaved_work() { " •" } else { "" }
            ),
            None => "Tolk".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

/// Opens a project for editing, or read-only (with a note saying why) when another Tolk has it
/// open: the user can still read it and save a copy elsewhere.
fn open_or_read_only(path: &Path) -> Result<(Document, Vec<String>), crate::ProjectFileError> {
    match Document::open(path) {
        Err(crate::ProjectFileError::Locked(held @ crate::LockError::Held { .. })) => {
            let (doc, mut notes) = Document::open_read_only(path)?;
            notes.insert(0, format!("opened read-only: {held}"));
            Ok((doc, notes))
        }
        other => other,
    }
}

fn doc_text(doc: &Option<Document>, index: usize, side: Side) -> String {
    doc.as_ref()
        .and_then(|d| d.project().rows.get(index))
        .map_or(String::new(), |r| r.text(side).to_string())
}

fn with_json_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("json")
    }
}

impl eframe::App for TolkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
