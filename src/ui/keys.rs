//! The keyboard shortcuts, in one table: the app, the Help window and the README read it.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Confirm,
    NextUntranslated,
    PreviousRow,
    NextRow,
    Undo,
    Redo,
    Save,
    Find,
    Replace,
    Merge,
    Split,
    Lock,
    JumpToRow,
    MoveSentenceUp,
    MoveSentenceDown,
    InsertRow,
    EditSource,
    Open,
    MarkReviewed,
    BackToDraft,
    CopySource,
    SplitBoth,
    ReviewAccept,
    ReviewRevert,
    ReviewNext,
    ReviewPrevious,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT: Modifiers = Modifiers::ALT;

/// Every binding with its description. More specific bindings (with Shift) come before the
/// same key without, because egui matches Shift loosely.
pub const BINDINGS: &[(Action, KeyboardShortcut, &str)] = &[
    (
        Action::MarkReviewed,
        KeyboardShortcut::new(CTRL_SHIFT, Key::Enter),
        "Mark the row reviewed",
    ),
    (
        Action::Confirm,
        KeyboardShortcut::new(CTRL, Key::Enter),
        "Confirm the row (translated) and go to the next untranslated or draft row",
    ),
    (
        Action::ReviewAccept,
        KeyboardShortcut::new(ALT, Key::Enter),
        "Review: accept the change and go to the next",
    ),
    (
        Action::ReviewRevert,
        KeyboardShortcut::new(ALT, Key::Backspace),
        "Review: revert the change to the milestone's text",
    ),
    (
        Action::ReviewNext,
        KeyboardShortcut::new(ALT, Key::PageDown),
        "Review: next change",
    ),
    (
        Action::ReviewPrevious,
        KeyboardShortcut::new(ALT, Key::PageUp),
        "Review: previous change",
    ),
    (
        Action::NextUntranslated,
        KeyboardShortcut::new(CTRL, Key::U),
        "Next untranslated row",
    ),
    (
        Action::MoveSentenceUp,
        KeyboardShortcut::new(ALT, Key::ArrowUp),
        "Move the first sentence of the edited side to the previous row",
    ),
    (
        Action::MoveSentenceDown,
        KeyboardShortcut::new(ALT, Key::ArrowDown),
        "Move the last sentence of the edited side to the next row",
    ),
    (
        Action::PreviousRow,
        KeyboardShortcut::new(CTRL, Key::ArrowUp),
        "Previous row",
    ),
    (
        Action::NextRow,
        KeyboardShortcut::new(CTRL, Key::ArrowDown),
        "Next row",
    ),
    (
        Action::Redo,
        KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
        "Redo",
    ),
    (
        Action::Undo,
        KeyboardShortcut::new(CTRL, Key::Z),
        "Undo (every edit, including merges, splits and replace all)",
    ),
    (Action::Redo, KeyboardShortcut::new(CTRL, Key::Y), "Redo"),
    (Action::Save, KeyboardShortcut::new(CTRL, Key::S), "Save"),
    (
        Action::Open,
        KeyboardShortcut::new(CTRL, Key::O),
        "Open a project",
    ),
    (Action::Find, KeyboardShortcut::new(CTRL, Key::F), "Find"),
    (
        Action::Replace,
        KeyboardShortcut::new(CTRL, Key::H),
        "Find and replace",
    ),
    (
        Action::Merge,
        KeyboardShortcut::new(CTRL, Key::M),
        "Merge the row with the next",
    ),
    (
        Action::BackToDraft,
        KeyboardShortcut::new(CTRL_SHIFT, Key::D),
        "Put the row back to draft",
    ),
    (
        Action::CopySource,
        KeyboardShortcut::new(CTRL_SHIFT, Key::Insert),
        "Copy the source text to the target",
    ),
    (
        Action::SplitBoth,
        KeyboardShortcut::new(CTRL_SHIFT, Key::K),
        "Split both sides at the cursor's place (the other side at its nearest sentence, clause or word boundary)",
    ),
    (
        Action::Split,
        KeyboardShortcut::new(CTRL, Key::K),
        "Split the row at the cursor",
    ),
    (
        Action::Lock,
        KeyboardShortcut::new(CTRL, Key::L),
        "Lock or unlock the row's alignment",
    ),
    (
        Action::JumpToRow,
        KeyboardShortcut::new(CTRL, Key::G),
        "Jump to a row number",
    ),
    (
        Action::InsertRow,
        KeyboardShortcut::new(CTRL, Key::I),
        "Insert an empty row below",
    ),
    (
        Action::EditSource,
        KeyboardShortcut::new(Modifiers::NONE, Key::F2),
        "Edit the source text of the row (OCR fixes)",
    ),
];

/// The shortcut text shown in menus for an action, e.g. "Ctrl+M".
pub fn shortcut_text(ctx: &eframe::egui::Context, action: Action) -> String {
    BINDINGS
        .iter()
        .find(|(a, _, _)| *a == action)
        .map(|(_, shortcut, _)| ctx.format_shortcut(shortcut))
        .unwrap_or_default()
}

/// Takes the shortcuts pressed this frame out of the input (so text fields do not also act
/// on them) and returns their actions in order.
pub fn pressed(ctx: &eframe::egui::Context) -> Vec<Action> {
    ctx.input_mut(|input| {
        BINDINGS
            .iter()
            .filter(|(_, shortcut, _)| input.consume_shortcut(shortcut))
            .map(|(action, _, _)| *action)
            .collect()
    })
}
