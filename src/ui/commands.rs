//! What panels ask the app to do. Panels never change the project while drawing: they return
//! commands, and the app carries them out after the frame. Commands come in groups, one
//! handler each: rows and the edited cell (`editing.rs`), alignment (`editing.rs`), files and
//! background work (`files.rs`), find and replace (`finding.rs`), the translator's checks,
//! glossary, memories and notes (`checking.rs`), and the view (`app.rs`).

use std::ops::Range;
use std::path::PathBuf;

use crate::{CheckId, Edit, ExportFormat, Finding, RowId, Side, Status};

#[derive(Debug, Clone, PartialEq)]
pub enum AppCommand {
    /// A core edit, applied through the document's undo stack.
    Edit(Edit),
    Row(RowCommand),
    Align(AlignCommand),
    File(FileCommand),
    Find(FindCommand),
    Check(CheckCommand),
    View(ViewCommand),
}

/// The selected row and the cell being edited.
#[derive(Debug, Clone, PartialEq)]
pub enum RowCommand {
    Undo,
    Redo,
    /// Select the row at this index of the project (commits the cell being edited).
    Select(usize),
    /// Select the row at this index and put the caret at this character of this side (a click
    /// into a cell).
    SelectAt {
        index: usize,
        side: Side,
        caret: Option<usize>,
    },
    /// Move the selection by this many rows among the rows shown.
    SelectRelative(isize),
    NextUntranslated,
    /// Jump to a row number (from 1), showing every row when a filter hides it.
    JumpTo(usize),
    /// Commit the edited cell and mark the row translated, then go to the next unfinished row.
    Confirm,
    /// Commit the edited cell (focus left it).
    CommitCell,
    /// Edit this side of the selected row.
    EditSide(Side),
    /// Give the selected row this status (reviewed, back to draft, ...), through the core's rules.
    SetStatus(Status),
    /// Copy the source text into the target of the selected row (one revision).
    CopySourceToTarget,
    /// Select the row at this index and select these characters of this side (a finding, a
    /// concordance hit).
    SelectChars {
        index: usize,
        side: Side,
        chars: Range<usize>,
    },
}

/// The translator's checks, spelling, glossary, translation memories and notes.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckCommand {
    /// Ignore this finding on its row (who and when: the author setting and now).
    Ignore(Finding),
    /// Show an ignored finding again.
    Unignore(Finding),
    /// Switch a check on or off for the project.
    SetEnabled(CheckId, bool),
    /// Check the source's spelling too (or not).
    SpellSource(bool),
    /// Replace a misspelt word (`chars` of a side of a row, which must still read `word`).
    ReplaceWord {
        row: RowId,
        side: Side,
        chars: Range<usize>,
        word: String,
        with: String,
    },
    /// Accept a word in this project (its word list, in the project file).
    AddProjectWord(String),
    /// Accept a word in every project (the user's own word list file).
    AddUserWord(String),
    /// Insert the n-th glossary term (from 1) of the selected row at the caret of its target.
    InsertTerm(usize),
    /// Put the translation of the n-th fuzzy match (from 1) into the selected row's target.
    InsertMatch(usize),
    /// Insert this text at the caret of the selected row's target (a glossary term clicked).
    InsertText(String),
    /// Ask for a glossary file (TBX, TSV, CSV) to use in the project.
    AddGlossary,
    /// Ask for a translation memory (TMX) to use in the project.
    AddMemory,
    /// Reference this glossary or memory file (after checking that it can be read).
    AddReference { path: PathBuf, memory: bool },
    /// Stop using a glossary or memory (the reference as the project writes it).
    RemoveReference(String),
    /// Run every check again now.
    Recheck,
    /// Ask for a note on a row.
    AskNote(RowId),
    /// Search the concordance for what its field holds.
    Search,
}

/// Changes of the alignment of the selected row.
#[derive(Debug, Clone, PartialEq)]
pub enum AlignCommand {
    Merge,
    /// Split the selected row at the cursor of the edited cell.
    Split,
    /// Split the selected row at the cursor of the edited cell on both sides: the other side
    /// at its sentence boundary nearest to the cursor's place.
    SplitBothSides,
    MoveSentenceUp,
    MoveSentenceDown,
    InsertRow,
    DeleteRow,
    ToggleLock,
    /// Realign the unlocked rows in this range of row indices (on a helper thread), cutting
    /// their text into sentences as said.
    Realign(std::ops::Range<usize>, crate::Cutting),
    /// Show the project's own segmentation rules to change them.
    EditSegmentation,
}

/// Files, dialogs and background work.
#[derive(Debug, Clone, PartialEq)]
pub enum FileCommand {
    /// Ask for the texts of a new project.
    New,
    /// Texts chosen: ask for the title and languages.
    NewFromTexts {
        source: PathBuf,
        target: Option<PathBuf>,
    },
    /// Build the new project (on a helper thread) as chosen.
    CreateProject(Box<NewProjectChoice>),
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// Save over a file that was changed on disk by someone else (the user chose so).
    SaveOverwriting,
    /// Replace the project by the file on disk, dropping unsaved changes.
    Reload,
    /// Ask where to export in this format (options come from the Export window).
    Export(ExportFormat),
    ExportTo(ExportFormat, PathBuf),
    /// Ask for a TMX, XLIFF or TSV file to make a new project from.
    ImportBilingual,
    ImportFrom(PathBuf),
    /// Save, and when the save has succeeded, run the command.
    SaveThen(Box<AppCommand>),
    RestoreRecovery(PathBuf),
    DiscardRecovery(PathBuf),
    /// Ask for a segmentation rules file for one side, for the open form.
    ChooseRulesFile(crate::Side),
    /// Close the window even with unsaved changes.
    QuitDiscarding,
    Quit,
}

/// What File > New builds: the texts, title, languages and the project's own segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProjectChoice {
    pub source: PathBuf,
    pub target: Option<PathBuf>,
    pub title: String,
    pub source_lang: String,
    pub target_lang: String,
    /// Accept sentences that start in lower case (kept in the project).
    pub lenient: bool,
    /// Rules files added to each language's rules (read and kept in the project).
    pub source_rules: Option<PathBuf>,
    pub target_rules: Option<PathBuf>,
}

/// Find and replace.
#[derive(Debug, Clone, PartialEq)]
pub enum FindCommand {
    Show { replace: bool },
    Next { backwards: bool },
    ReplaceOne,
    ReplaceAll,
}

/// Panels and windows that can be shown or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Filters,
    Map,
    History,
    Review,
    Preferences,
    Shortcuts,
    Export,
    /// The findings of the checks (a tab of the dock).
    Checks,
    /// The concordance (a tab of the dock).
    Concordance,
    /// Beside the grid: the selected row's live checks, glossary terms, fuzzy matches, notes.
    Assistant,
    /// The project's own notes (e.g. what the import's cleanup removed).
    ProjectNotes,
}

/// What the window shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    Show(Panel, bool),
    ShowJump,
}

impl From<Edit> for AppCommand {
    fn from(edit: Edit) -> AppCommand {
        AppCommand::Edit(edit)
    }
}

impl From<RowCommand> for AppCommand {
    fn from(command: RowCommand) -> AppCommand {
        AppCommand::Row(command)
    }
}

impl From<AlignCommand> for AppCommand {
    fn from(command: AlignCommand) -> AppCommand {
        AppCommand::Align(command)
    }
}

impl From<FileCommand> for AppCommand {
    fn from(command: FileCommand) -> AppCommand {
        AppCommand::File(command)
    }
}

impl From<FindCommand> for AppCommand {
    fn from(command: FindCommand) -> AppCommand {
        AppCommand::Find(command)
    }
}

impl From<CheckCommand> for AppCommand {
    fn from(command: CheckCommand) -> AppCommand {
        AppCommand::Check(command)
    }
}

impl From<ViewCommand> for AppCommand {
    fn from(command: ViewCommand) -> AppCommand {
        AppCommand::View(command)
    }
}
