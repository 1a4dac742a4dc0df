//! What panels ask the app to do. Panels never change the project while drawing: they push
//! commands, and the app carries them out after the frame.

use std::path::PathBuf;

use crate::{Edit, ExportFormat, Side};

#[derive(Debug, Clone, PartialEq)]
pub enum AppCommand {
    /// A core edit, applied through the document's undo stack.
    Edit(Edit),
    Undo,
    Redo,
    /// Select the row at this index of the project (commits the cell being edited).
    Select(usize),
    /// Move the selection by this many rows among the rows shown.
    SelectRelative(isize),
    NextUntranslated,
    /// Commit the edited cell and mark the row translated, then go to the next unfinished row.
    Confirm,
    /// Commit the edited cell (focus left it).
    CommitCell,
    /// Edit this side of the selected row.
    EditSide(Side),
    Merge,
    /// Split the selected row at the cursor of the edited cell.
    Split,
    MoveSentenceUp,
    MoveSentenceDown,
    InsertRow,
    DeleteRow,
    /// Realign the unlocked rows in this range of row indices (on a helper thread).
    Realign(std::ops::Range<usize>),
    ToggleLock,
    New,
    NewFromTexts {
        source: PathBuf,
        target: Option<PathBuf>,
    },
    Open,
    OpenPath(PathBuf),
    Save,
    /// Ask where to export in this format (options come from the Export window).
    Export(ExportFormat),
    ExportTo(ExportFormat, PathBuf),
    /// Ask for a TMX, XLIFF or TSV file to make a new project from.
    ImportBilingual,
    ImportFrom(PathBuf),
    SaveAs,
    /// Save over a file that was changed on disk by someone else (the user chose so).
    SaveOverwriting,
    /// Replace the project by the file on disk, dropping unsaved changes.
    Reload,
    SaveTo(PathBuf),
    ShowFind {
        replace: bool,
    },
    FindNext {
        backwards: bool,
    },
    ReplaceOne,
    ReplaceAll,
    ShowJump,
    JumpTo(usize),
    /// Save, and when the save has succeeded, run the command.
    SaveThen(Box<AppCommand>),
    RestoreRecovery(PathBuf),
    DiscardRecovery(PathBuf),
    /// Close the window even with unsaved changes.
    QuitDiscarding,
    Quit,
}
