//! The application shell: holds the open document and the view state, draws the panels (which
//! get read-only views and return commands), and dispatches those commands after the frame to
//! one handler per command group: `editing.rs` (rows, alignment), `finding.rs`, `files.rs`,
//! `checking.rs` (checks, glossary, memories, notes).

use std::path::PathBuf;
use std::time::Duration;

use crate::{Document, RowId, Side};
use eframe::egui::{self, Context, Ui, ViewportCommand};

use super::assist_panel::{AssistPanel, AssistView};
use super::commands::{
    AppCommand, CheckCommand, FileCommand, FindCommand, Panel, RowCommand, ViewCommand,
};
use super::concordance_panel::ConcordancePanel;
use super::dialogs::{FileDialogs, NativeDialogs};
use super::export_window::ExportWindow;
use super::files::Files;
use super::find_bar::{FilterBar, FindBar};
use super::grid::{CellEditor, Grid, GridView};
use super::history_panel::HistoryPanel;
use super::jobs::Prepared;
use super::keys::{self, Action};
use super::map::AlignmentMap;
use super::menu::{self, MenuView};
use super::qa::Qa;
use super::qa_panel::QaPanel;
use super::review_panel::ReviewPanel;
use super::settings::Settings;
use super::status_bar::StatusBar;
use super::windows::{self, Modal};

/// How often a project with unsaved changes is written to its recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(120);

/// Which panels and windows are open, with each panel's own state.
#[derive(Default)]
pub struct Panels {
    pub find: FindBar,
    pub filter: FilterBar,
    pub show_filters: bool,
    pub show_history: bool,
    pub history: HistoryPanel,
    pub review: ReviewPanel,
    pub export: ExportWindow,
    pub show_preferences: bool,
    pub show_shortcuts: bool,
    /// History, review, checks and concordance share the bottom dock as tabs.
    pub dock: super::dock::Dock,
    pub qa: QaPanel,
    pub concordance: ConcordancePanel,
    /// The selected row's live checks, glossary terms, fuzzy matches and notes, beside the grid.
    pub show_assistant: bool,
    pub assist: AssistPanel,
    pub show_project_notes: bool,
}

/// The rows the filter shows (indices into the project), and what they were computed for.
#[derive(Default)]
pub(super) struct Shown {
    pub rows: Vec<usize>,
    key: Option<(u64, u64, Option<crate::Query>)>,
    /// Changes whenever `rows` is recomputed (the grid's height cache follows it).
    pub version: u64,
}

pub struct TolkApp {
    pub doc: Option<Document>,
    pub settings: Settings,
    /// The selected row, by id so that it survives merges, inserts and filters.
    pub selected: Option<RowId>,
    pub editor: Option<CellEditor>,
    pub panels: Panels,
    pub modal: Option<Modal>,
    /// The last message for the status bar (errors of edits, "saved", ...).
    pub message: Option<String>,
    /// File dialogs, background jobs, autosave.
    pub files: Files,
    pub(super) grid: Grid,
    pub(super) map: AlignmentMap,
    pub(super) status: StatusBar,
    pub(super) shown: Shown,
    /// The translator's checks of the open project, kept current.
    pub qa: Qa,
    pub(super) commands: Vec<AppCommand>,
    title: String,
    pub(super) allow_close: bool,
    settings_applied: bool,
}

impl TolkApp {
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> TolkApp {
        TolkApp {
            doc: None,
            settings,
            selected: None,
            editor: None,
            panels: Panels {
                show_history: true,
                show_assistant: true,
                ..Panels::default()
            },
            modal: None,
            message: None,
            files: Files::new(dialogs),
            grid: Grid::default(),
            map: AlignmentMap::default(),
            status: StatusBar::default(),
            shown: Shown::default(),
            qa: Qa::default(),
            commands: Vec::new(),
            title: String::new(),
            allow_close: false,
            settings_applied: false,
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
            app.commands.push(FileCommand::OpenPath(path).into());
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
        self.qa.reset();
        self.shown.key = None;
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

    pub fn push(&mut self, command: impl Into<AppCommand>) {
        self.commands.push(command.into());
    }

    /// Index of the selected row in the project.
    pub fn selected_index(&self) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        doc.project().index_of(self.selected?)
    }

    /// How many rows of the grid were wholly in view in the last frame.
    pub fn rows_in_view(&self) -> usize {
        self.grid.rows_in_view()
    }

    /// Marks the alignment map drew in the last frame.
    pub fn map_marks_drawn(&self) -> usize {
        self.map.marks_drawn
    }

    /// The statistics the status bar shows, and how many times they were computed (after a
    /// change of the project or of the findings, never merely for a frame).
    pub fn statistics(&self) -> (Option<&crate::Statistics>, u64) {
        (self.status.statistics(), self.status.times_computed())
    }

    /// Rows shown by the current filter (indices into the project's rows).
    pub fn visible_rows(&self) -> &[usize] {
        &self.shown.rows
    }

    /// One frame: input, panels, then the commands they returned.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.settings_applied {
            self.settings.apply(&ctx);
            self.settings_applied = true;
        }
        self.poll_background();
        self.read_input(&ctx);
        self.refresh_visible();
        self.keep_checks_current(&ctx);
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
        if self.files.jobs.is_busy() || self.files.dialogs.is_open() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn read_input(&mut self, ctx: &Context) {
        if self.modal.is_none() && !self.files.dialogs.is_open() {
            for action in keys::pressed(ctx) {
                let commands = self.commands_for(action);
                self.commands.extend(commands);
            }
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) && self.panels.find.open {
                self.panels.find.open = false;
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
                then: FileCommand::QuitDiscarding.into(),
            });
        }
    }

    fn commands_for(&mut self, action: Action) -> Vec<AppCommand> {
        use super::commands::AlignCommand as A;
        use super::review_panel::Verb;
        use RowCommand as R;
        let verb = match action {
            Action::ReviewAccept => Some(Verb::Accept),
            Action::ReviewRevert => Some(Verb::Revert),
            Action::ReviewNext => Some(Verb::Next),
            Action::ReviewPrevious => Some(Verb::Previous),
            _ => None,
        };
        if let Some(verb) = verb {
            return match &self.doc {
                Some(doc) if self.panels.review.open => {
                    self.panels
                        .review
                        .verb(verb, doc.project(), doc.generation())
                }
                _ => Vec::new(),
            };
        }
        vec![match action {
            Action::Confirm => R::Confirm.into(),
            Action::NextUntranslated => R::NextUntranslated.into(),
            Action::PreviousRow => R::SelectRelative(-1).into(),
            Action::NextRow => R::SelectRelative(1).into(),
            Action::Undo => R::Undo.into(),
            Action::Redo => R::Redo.into(),
            Action::MarkReviewed => R::SetStatus(crate::Status::Reviewed).into(),
            Action::BackToDraft => R::SetStatus(crate::Status::Draft).into(),
            Action::CopySource => R::CopySourceToTarget.into(),
            Action::SplitBoth => A::SplitBothSides.into(),
            Action::Save => FileCommand::Save.into(),
            Action::Open => FileCommand::Open.into(),
            Action::Find => FindCommand::Show { replace: false }.into(),
            Action::Replace => FindCommand::Show { replace: true }.into(),
            Action::Merge => A::Merge.into(),
            Action::Split => A::Split.into(),
            Action::Lock => A::ToggleLock.into(),
            Action::JumpToRow => ViewCommand::ShowJump.into(),
            Action::MoveSentenceUp => A::MoveSentenceUp.into(),
            Action::MoveSentenceDown => A::MoveSentenceDown.into(),
            Action::InsertRow => A::InsertRow.into(),
            Action::EditSource => {
                let side = match self.editor.as_ref().map(|e| e.side) {
                    Some(Side::Source) => Side::Target,
                    _ => Side::Source,
                };
                R::EditSide(side).into()
            }
            Action::Concordance => ViewCommand::Show(Panel::Concordance, true).into(),
            Action::InsertTerm(n) => CheckCommand::InsertTerm(usize::from(n)).into(),
            Action::InsertMatch(n) => CheckCommand::InsertMatch(usize::from(n)).into(),
            Action::ReviewAccept
            | Action::ReviewRevert
            | Action::ReviewNext
            | Action::ReviewPrevious => return Vec::new(),
        }]
    }

    fn files_dropped(&mut self, paths: Vec<PathBuf>) {
        let (projects, texts): (Vec<_>, Vec<_>) = paths.into_iter().partition(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        });
        if let Some(project) = projects.into_iter().next() {
            self.guard_unsaved(FileCommand::OpenPath(project).into());
        } else if let Some(source) = texts.first().cloned() {
            let target = texts.get(1).cloned();
            self.guard_unsaved(FileCommand::NewFromTexts { source, target }.into());
        }
    }

    /// Runs `then` now, or after the user has decided about unsaved changes.
    pub(super) fn guard_unsaved(&mut self, then: AppCommand) {
        if self.has_unsaved_work() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.commands.push(then);
        }
    }

    pub(super) fn refresh_visible(&mut self) {
        let Some(doc) = &self.doc else {
            self.shown.rows.clear();
            return;
        };
        let find = &self.panels.find;
        let filter = &self.panels.filter;
        let find_key = filter.matching_find.then(|| find.query.clone());
        let key = (doc.generation(), filter.version, find_key);
        if self.shown.key.as_ref() == Some(&key) {
            return;
        }
        self.shown.rows = if filter.is_active() {
            filter.filter(find.matcher()).rows(doc.project())
        } else {
            (0..doc.project().rows.len()).collect()
        };
        self.shown.key = Some(key);
        self.shown.version += 1;
    }

    /// Forgets the shown rows so that they are computed again (after a reload).
    pub(super) fn invalidate_shown(&mut self) {
        self.shown.key = None;
    }

    fn menu_view(&self) -> MenuView {
        let doc = self.doc.as_ref();
        MenuView {
            has_doc: doc.is_some(),
            selected: self.selected_index(),
            rows: doc.map_or(0, |d| d.project().rows.len()),
            can_undo: doc.is_some_and(Document::can_undo),
            can_redo: doc.is_some_and(Document::can_redo),
            editing_source: self.editor.as_ref().is_some_and(|e| e.side == Side::Source),
            recent: self.settings.recent.clone(),
            show_filters: self.panels.show_filters,
            show_map: self.settings.show_map,
            show_history: self.panels.show_history,
            show_review: self.panels.review.open,
            show_checks: self.panels.qa.open,
            show_concordance: self.panels.concordance.open,
            show_assistant: self.panels.show_assistant,
            show_project_notes: self.panels.show_project_notes,
            references: doc.map_or_else(Vec::new, |d| {
                let qa = &d.project().qa;
                qa.glossaries.iter().chain(&qa.memories).cloned().collect()
            }),
        }
    }

    fn panels(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        let selected = self.selected_index();
        let menu_view = self.menu_view();
        egui::Panel::top("menu").show(ui, |ui| {
            commands.extend(menu::menu_bar(ui, &menu_view));
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
        let panels = &mut self.panels;
        if panels.find.open
            && let Some(doc) = &self.doc
        {
            egui::Panel::top("find").show(ui, |ui| {
                panels
                    .find
                    .ui(ui, doc.project(), doc.generation(), &mut commands);
            });
        }
        if panels.show_filters {
            egui::Panel::top("filters").show(ui, |ui| panels.filter.ui(ui));
        }
        let doc_info = self.doc.as_ref().map(|d| (d.project(), d.generation()));
        let shown = self.shown.rows.len();
        let jobs = &self.files.jobs;
        let message = self.message.as_deref();
        let qa = &self.qa;
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status
                .ui(ui, doc_info, shown, qa, jobs, message, &mut commands);
        });
        if let Some(doc) = &self.doc {
            super::dock::bottom_dock(ui, panels, doc, selected, qa, &mut commands);
        }
        self.side_column(ui, selected, &mut commands);
        let highlight = self
            .panels
            .find
            .open
            .then(|| self.panels.find.matcher())
            .flatten();
        egui::CentralPanel::default().show(ui, |ui| match &self.doc {
            Some(doc) => {
                let view = GridView {
                    project: doc.project(),
                    content_key: (doc.generation(), self.shown.version),
                    visible: &self.shown.rows,
                    selected,
                    editor: &mut self.editor,
                    source_share: &mut self.settings.source_share,
                    highlight: highlight.as_ref(),
                    qa: &mut self.qa,
                };
                self.grid.ui(ui, view, &mut commands);
            }
            None => windows::welcome(ui, &self.settings, &mut commands),
        });
        windows::modal_ui(ui.ctx(), &mut self.modal, &mut commands);
        windows::preferences_window(
            ui.ctx(),
            &mut self.panels.show_preferences,
            &mut self.settings,
        );
        windows::shortcuts_window(ui.ctx(), &mut self.panels.show_shortcuts);
        windows::project_notes_window(
            ui.ctx(),
            &mut self.panels.show_project_notes,
            self.doc.as_ref().map(|d| d.project().meta.notes.as_str()),
        );
        let milestones: Vec<String> = self.doc.as_ref().map_or_else(Vec::new, |d| {
            d.project()
                .milestones
                .iter()
                .map(|m| m.name.clone())
                .collect()
        });
        self.panels.export.ui(ui.ctx(), &milestones, &mut commands);
        self.files.dialogs.ui(ui.ctx());
        self.commands.extend(commands);
    }

    /// The column right of the grid: the row assistant above the alignment map (each can be
    /// hidden; together they share one column so that the grid keeps its width).
    fn side_column(
        &mut self,
        ui: &mut Ui,
        selected: Option<usize>,
        commands: &mut Vec<AppCommand>,
    ) {
        let (show_map, show_assistant) = (self.settings.show_map, self.panels.show_assistant);
        let Some(doc) = self.doc.as_ref().filter(|_| show_map || show_assistant) else {
            return;
        };
        let in_view = self.grid.rows_drawn();
        let map = &mut self.map;
        let mut draw_map = |ui: &mut Ui, commands: &mut Vec<AppCommand>| {
            map.ui(
                ui,
                doc.project(),
                doc.generation(),
                selected,
                in_view,
                commands,
            );
        };
        let view = AssistView {
            project: doc.project(),
            generation: doc.generation(),
            index: selected,
            editor: self.editor.as_ref(),
            qa: &self.qa,
        };
        let assist = &mut self.panels.assist;
        egui::Panel::right("side")
            .default_size(240.0)
            .size_range(140.0..=560.0)
            .resizable(true)
            .show(ui, |ui| {
                if show_map && show_assistant {
                    let most = (ui.available_height() - 120.0).max(120.0);
                    egui::Panel::bottom("map")
                        .default_size((ui.available_height() * 0.4).clamp(120.0, most))
                        .size_range(120.0..=most)
                        .resizable(true)
                        .show(ui, |ui| draw_map(ui, commands));
                    assist.ui(ui, view, commands);
                } else if show_map {
                    draw_map(ui, commands);
                } else {
                    assist.ui(ui, view, commands);
                }
            });
    }

    /// Carries out one command: the group's handler does the work.
    fn run(&mut self, command: AppCommand, ctx: &Context) {
        match command {
            AppCommand::Edit(edit) => {
                self.commit_cell();
                self.apply(edit);
            }
            AppCommand::Row(command) => self.run_row(command),
            AppCommand::Align(command) => self.run_align(command, ctx),
            AppCommand::File(command) => self.run_file(command, ctx),
            AppCommand::Find(command) => self.run_find(command),
            AppCommand::Check(command) => self.run_check(command),
            AppCommand::View(command) => self.run_view(command),
        }
    }

    fn run_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::Show(panel, on) => {
                let panels = &mut self.panels;
                match panel {
                    Panel::Filters => panels.show_filters = on,
                    Panel::Map => self.settings.show_map = on,
                    Panel::History => {
                        panels.show_history = on;
                        if on {
                            panels.dock.show(super::dock::Tab::History);
                        }
                    }
                    Panel::Review => {
                        panels.review.open = on;
                        if on {
                            panels.dock.show(super::dock::Tab::Review);
                        }
                    }
                    Panel::Checks => {
                        panels.qa.open = on;
                        if on {
                            panels.dock.show(super::dock::Tab::Checks);
                        }
                    }
                    Panel::Concordance => {
                        panels.concordance.open = on;
                        if on {
                            panels.dock.show(super::dock::Tab::Concordance);
                            panels.concordance.wants_focus = true;
                        }
                    }
                    Panel::Assistant => panels.show_assistant = on,
                    Panel::ProjectNotes => panels.show_project_notes = on,
                    Panel::Preferences => panels.show_preferences = on,
                    Panel::Shortcuts => panels.show_shortcuts = on,
                    Panel::Export => panels.export.open = on,
                }
            }
            ViewCommand::ShowJump => self.modal = Some(Modal::Jump(String::new())),
        }
    }

    pub(super) fn close(&mut self, ctx: &Context) {
        self.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Whether closing now would lose work: unsaved changes, or typing not yet committed.
    pub fn has_unsaved_work(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty) || self.pending_typing().is_some()
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

impl eframe::App for TolkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
