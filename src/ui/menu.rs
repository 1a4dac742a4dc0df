//! The menu bar: File, Edit, Alignment, View, Help. It reads a small view of the app's state
//! and returns commands; every entry does something (none is a placeholder) and shows its
//! shortcut from the one table in `keys`.

use std::path::PathBuf;

use crate::{Cutting, Side, Status};
use eframe::egui::{self, Button, Ui};

use super::commands::{
    AlignCommand, AppCommand, CheckCommand, FileCommand, FindCommand, Panel, RowCommand,
    ViewCommand,
};
use super::keys::{Action, shortcut_text};

/// What the menus need to know about the app.
#[derive(Debug, Clone, Default)]
pub struct MenuView {
    pub has_doc: bool,
    pub selected: Option<usize>,
    pub rows: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub editing_source: bool,
    pub recent: Vec<PathBuf>,
    pub show_filters: bool,
    pub show_map: bool,
    pub show_history: bool,
    pub show_review: bool,
    pub show_checks: bool,
    pub show_concordance: bool,
    pub show_assistant: bool,
    pub show_project_notes: bool,
    /// The glossaries and memories the project uses, as it names them.
    pub references: Vec<String>,
}

fn item(ui: &mut Ui, label: &str, action: Option<Action>, enabled: bool) -> bool {
    let mut button = Button::new(label);
    if let Some(action) = action {
        button = button.shortcut_text(shortcut_text(ui.ctx(), action));
    }
    ui.add_enabled(enabled, button).clicked()
}

/// Entries as (label, shortcut, command), all enabled alike; pushes the clicked one's command.
fn entries(
    ui: &mut Ui,
    list: Vec<(&str, Option<Action>, AppCommand)>,
    enabled: bool,
    commands: &mut Vec<AppCommand>,
) {
    for (label, action, command) in list {
        if item(ui, label, action, enabled) {
            commands.push(command);
        }
    }
}

pub fn menu_bar(ui: &mut Ui, view: &MenuView) -> Vec<AppCommand> {
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, view, &mut commands));
        ui.menu_button("Edit", |ui| edit_menu(ui, view, &mut commands));
        ui.menu_button("Alignment", |ui| {
            alignment_entries(ui, view.selected.is_some(), &mut commands);
            ui.separator();
            realign_entries(ui, view, &mut commands);
        });
        ui.menu_button("View", |ui| view_menu(ui, view, &mut commands));
        ui.menu_button("Help", |ui| {
            if item(ui, "Keyboard shortcuts", None, true) {
                commands.push(ViewCommand::Show(Panel::Shortcuts, true).into());
            }
        });
    });
    commands
}

fn file_menu(ui: &mut Ui, view: &MenuView, commands: &mut Vec<AppCommand>) {
    entries(
        ui,
        vec![
            ("New from texts…", None, FileCommand::New.into()),
            ("Open…", Some(Action::Open), FileCommand::Open.into()),
        ],
        true,
        commands,
    );
    ui.menu_button("Open recent", |ui| {
        if view.recent.is_empty() {
            ui.label("(none yet)");
        }
        for path in &view.recent {
            if ui.button(path.display().to_string()).clicked() {
                commands.push(FileCommand::OpenPath(path.clone()).into());
            }
        }
    });
    ui.separator();
    entries(
        ui,
        vec![
            ("Save", Some(Action::Save), FileCommand::Save.into()),
            ("Save as…", None, FileCommand::SaveAs.into()),
        ],
        view.has_doc,
        commands,
    );
    ui.separator();
    if item(ui, "Export…", None, view.has_doc) {
        commands.push(ViewCommand::Show(Panel::Export, true).into());
    }
    if item(ui, "Import TMX, XLIFF or TSV…", None, true) {
        commands.push(FileCommand::ImportBilingual.into());
    }
    ui.separator();
    entries(
        ui,
        vec![
            ("Add glossary…", None, CheckCommand::AddGlossary.into()),
            (
                "Add translation memory…",
                None,
                CheckCommand::AddMemory.into(),
            ),
        ],
        view.has_doc,
        commands,
    );
    ui.add_enabled_ui(!view.references.is_empty(), |ui| {
        ui.menu_button("Remove glossary or memory", |ui| {
            for reference in &view.references {
                if ui.button(reference).clicked() {
                    commands.push(CheckCommand::RemoveReference(reference.clone()).into());
                }
            }
        });
    });
    ui.separator();
    if item(ui, "Quit", None, true) {
        commands.push(FileCommand::Quit.into());
    }
}

fn edit_menu(ui: &mut Ui, view: &MenuView, commands: &mut Vec<AppCommand>) {
    if item(ui, "Undo", Some(Action::Undo), view.can_undo) {
        commands.push(RowCommand::Undo.into());
    }
    if item(ui, "Redo", Some(Action::Redo), view.can_redo) {
        commands.push(RowCommand::Redo.into());
    }
    ui.separator();
    let has_row = view.selected.is_some();
    row_entries(ui, has_row, commands);
    let (label, side) = if view.editing_source {
        ("Edit target text", Side::Target)
    } else {
        ("Edit source text", Side::Source)
    };
    if item(ui, label, Some(Action::EditSource), has_row) {
        commands.push(RowCommand::EditSide(side).into());
    }
    ui.separator();
    entries(
        ui,
        vec![
            (
                "Find…",
                Some(Action::Find),
                FindCommand::Show { replace: false }.into(),
            ),
            (
                "Replace…",
                Some(Action::Replace),
                FindCommand::Show { replace: true }.into(),
            ),
            (
                "Concordance…",
                Some(Action::Concordance),
                ViewCommand::Show(Panel::Concordance, true).into(),
            ),
            (
                "Jump to row…",
                Some(Action::JumpToRow),
                ViewCommand::ShowJump.into(),
            ),
        ],
        view.has_doc,
        commands,
    );
    ui.separator();
    if item(ui, "Preferences…", None, true) {
        commands.push(ViewCommand::Show(Panel::Preferences, true).into());
    }
}

/// The status and text actions on the selected row (the Edit menu and the row's context menu).
pub fn row_entries(ui: &mut Ui, has_row: bool, commands: &mut Vec<AppCommand>) {
    entries(
        ui,
        vec![
            (
                "Confirm row (translated)",
                Some(Action::Confirm),
                RowCommand::Confirm.into(),
            ),
            (
                "Mark reviewed",
                Some(Action::MarkReviewed),
                RowCommand::SetStatus(Status::Reviewed).into(),
            ),
            (
                "Back to draft",
                Some(Action::BackToDraft),
                RowCommand::SetStatus(Status::Draft).into(),
            ),
            (
                "Copy source to target",
                Some(Action::CopySource),
                RowCommand::CopySourceToTarget.into(),
            ),
        ],
        has_row,
        commands,
    );
}

/// The alignment actions on the selected row (the Alignment menu and the context menu).
pub fn alignment_entries(ui: &mut Ui, has_row: bool, commands: &mut Vec<AppCommand>) {
    entries(
        ui,
        vec![
            (
                "Merge with next row",
                Some(Action::Merge),
                AlignCommand::Merge.into(),
            ),
            (
                "Split row at cursor",
                Some(Action::Split),
                AlignCommand::Split.into(),
            ),
            (
                "Split both sides here",
                Some(Action::SplitBoth),
                AlignCommand::SplitBothSides.into(),
            ),
            (
                "Move first sentence up",
                Some(Action::MoveSentenceUp),
                AlignCommand::MoveSentenceUp.into(),
            ),
            (
                "Move last sentence down",
                Some(Action::MoveSentenceDown),
                AlignCommand::MoveSentenceDown.into(),
            ),
            (
                "Insert empty row below",
                Some(Action::InsertRow),
                AlignCommand::InsertRow.into(),
            ),
            (
                "Lock / unlock alignment",
                Some(Action::Lock),
                AlignCommand::ToggleLock.into(),
            ),
            ("Delete empty row", None, AlignCommand::DeleteRow.into()),
        ],
        has_row,
        commands,
    );
}

fn realign_entries(ui: &mut Ui, view: &MenuView, commands: &mut Vec<AppCommand>) {
    let rows = view.rows;
    let has_row = view.selected.is_some();
    let inside = Cutting::InsideRows;
    if let Some(i) = view.selected {
        entries(
            ui,
            vec![
                (
                    "Realign around the selected row",
                    None,
                    AlignCommand::Realign(i.saturating_sub(3)..(i + 4).min(rows), inside).into(),
                ),
                (
                    "Realign from the selected row on",
                    None,
                    AlignCommand::Realign(i..rows, inside).into(),
                ),
            ],
            has_row,
            commands,
        );
    }
    if item(ui, "Realign all unlocked rows", None, view.has_doc) {
        commands.push(AlignCommand::Realign(0..rows, inside).into());
    }
    // After the segmentation rules changed: rows cut apart at an abbreviation come together.
    if item(
        ui,
        "Cut sentences again across rows and realign",
        None,
        view.has_doc,
    ) {
        commands.push(AlignCommand::Realign(0..rows, Cutting::AcrossRows).into());
    }
    if item(ui, "Segmentation rules…", None, view.has_doc) {
        commands.push(AlignCommand::EditSegmentation.into());
    }
}

fn view_menu(ui: &mut Ui, view: &MenuView, commands: &mut Vec<AppCommand>) {
    for (on, label, panel) in [
        (view.show_filters, "Filters", Panel::Filters),
        (view.show_map, "Alignment map", Panel::Map),
        (
            view.show_history,
            "History of the selected row",
            Panel::History,
        ),
        (
            view.show_review,
            "Review changes since a milestone",
            Panel::Review,
        ),
        (view.show_checks, "Checks (QA findings)", Panel::Checks),
        (view.show_concordance, "Concordance", Panel::Concordance),
        (
            view.show_assistant,
            "Row assistant (checks, glossary, matches, notes)",
            Panel::Assistant,
        ),
        (
            view.show_project_notes,
            "Project notes",
            Panel::ProjectNotes,
        ),
    ] {
        let mut checked = on;
        if ui.checkbox(&mut checked, label).changed() {
            commands.push(ViewCommand::Show(panel, checked).into());
        }
    }
    if item(
        ui,
        "Next untranslated row",
        Some(Action::NextUntranslated),
        view.has_doc,
    ) {
        commands.push(RowCommand::NextUntranslated.into());
    }
}
