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
    /// Open the concordance with the keyboard in its search field.
    Concordance,
    /// Insert the n-th glossary term (from 1) of the selected row at the caret.
    InsertTerm(u8),
    /// Put the n-th fuzzy match (from 1) into the selected row's target.
    InsertMatch(u8),
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT: Modifiers = Modifiers::ALT;
const CTRL_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};

/// Every binding with its description. More specific bindings (with Shift or Alt) come before
/// the same key without, because egui matches Shift and Alt loosely.
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
    (
        Action::Concordance,
        KeyboardShortcut::new(CTRL_SHIFT, Key::F),
        "Concordance: search the project and its translation memories",
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
    (
        Action::InsertMatch(1),
        KeyboardShortcut::new(CTRL_ALT, Key::Num1),
        "Put fuzzy match 1 (of the row assistant) into the translation",
    ),
    (
        Action::InsertMatch(2),
        KeyboardShortcut::new(CTRL_ALT, Key::Num2),
        "Put fuzzy match 2 into the translation",
    ),
    (
        Action::InsertMatch(3),
        KeyboardShortcut::new(CTRL_ALT, Key::Num3),
        "Put fuzzy match 3 into the translation",
    ),
    (
        Action::InsertTerm(1),
        KeyboardShortcut::new(CTRL, Key::Num1),
        "Insert glossary term 1 (of the row assistant) at the caret",
    ),
    (
        Action::InsertTerm(2),
        KeyboardShortcut::new(CTRL, Key::Num2),
        "Insert glossary term 2 at the caret",
    ),
    (
        Action::InsertTerm(3),
        KeyboardShortcut::new(CTRL, Key::Num3),
        "Insert glossary term 3 at the caret",
    ),
    (
        Action::InsertTerm(4),
        KeyboardShortcut::new(CTRL, Key::Num4),
        "Insert glossary term 4 at the caret",
    ),
    (
        Action::InsertTerm(5),
        KeyboardShortcut::new(CTRL, Key::Num5),
        "Insert glossary term 5 at the caret",
    ),
    (
        Action::InsertTerm(6),
        KeyboardShortcut::new(CTRL, Key::Num6),
        "Insert glossary term 6 at the caret",
    ),
    (
        Action::InsertTerm(7),
        KeyboardShortcut::new(CTRL, Key::Num7),
        "Insert glossary term 7 at the caret",
    ),
    (
        Action::InsertTerm(8),
        KeyboardShortcut::new(CTRL, Key::Num8),
        "Insert glossary term 8 at the caret",
    ),
    (
        Action::InsertTerm(9),
        KeyboardShortcut::new(CTRL, Key::Num9),
        "Insert glossary term 9 at the caret",
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
