//! The workbench window: a thin egui view over the core. It reads the project, turns gestures
//! into core edits (through commands applied after each frame), and shows the results.

mod app;
mod assist_panel;
mod checking;
mod commands;
mod concordance_panel;
mod dialogs;
mod diff_view;
mod dock;
mod editing;
mod export_window;
mod file_dialog;
mod files;
mod find_bar;
mod finding;
mod grid;
mod heights;
mod history_panel;
mod jobs;
mod keys;
mod map;
mod menu;
mod qa;
mod qa_panel;
mod review_panel;
mod settings;
mod status_bar;
mod windows;

use std::path::PathBuf;

pub use app::{AUTOSAVE_EVERY, Panels, TolkApp};
pub use commands::{
    AlignCommand, AppCommand, CheckCommand, FileCommand, FindCommand, Panel, RowCommand,
    ViewCommand,
};
pub use dialogs::{
    Ask, DialogRequest, FileDialogs, NO_SYSTEM_DIALOG_WITHIN, NativeDialogs, ScriptedDialogs,
};
pub use dock::{Dock, Tab};
pub use file_dialog::InWindowDialog;
pub use files::Files;
pub use grid::{CellEditor, WordMenu};
pub use jobs::{Cancel, JobOutput, Jobs, Prepared};
pub use keys::BINDINGS;
pub use qa::{Qa, SETTLE};
pub use settings::{Settings, Theme};
pub use windows::{Modal, NewProjectForm, SegmentationForm};

/// Whether a window can be opened here (a display server is named in the environment).
pub fn display_available() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
            || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty())
    } else {
        true
    }
}

/// Opens the window on `project` (or the welcome screen) and runs until it is closed.
pub fn run(project: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Tolk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Tolk",
        options,
        Box::new(move |cc| Ok(Box::new(TolkApp::for_window(cc, project)))),
    )
    .map_err(|e| e.to_string())
}
