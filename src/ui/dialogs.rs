//! File dialogs behind a small trait: the system's (through `rfd`, on a helper thread so the
//! window keeps repainting) with Tolk's own in-window dialog where the system has none; tests
//! answer with prepared paths.
//!
//! Without a desktop portal (xdg-desktop-portal) or zenity, `rfd` answers "cancelled" at once
//! and says nothing. A person cannot cancel a dialog that fast, so an answer that comes back
//! sooner than [`NO_SYSTEM_DIALOG_WITHIN`] is taken to mean "there is no system dialog here":
//! Tolk's own dialog opens instead (and is used from then on), with a note saying why.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use eframe::egui::Context;

use super::file_dialog::InWindowDialog;

/// Which question a dialog asks.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogRequest {
    OpenProject,
    SaveProjectAs,
    NewSource,
    NewTarget {
        source: PathBuf,
    },
    Export(crate::ExportFormat),
    ImportBilingual,
    /// A glossary for the project's term check and glossary panel.
    AddGlossary,
    /// A translation memory for the concordance and fuzzy matches.
    AddMemory,
    /// A segmentation rules file for one side, for the form that asked (File > New, or
    /// Alignment > Segmentation rules…).
    RulesFile(crate::Side),
}

impl DialogRequest {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            DialogRequest::OpenProject => "Open a Tolk project".into(),
            DialogRequest::SaveProjectAs => "Save the project as".into(),
            DialogRequest::NewSource => "New project: the source text".into(),
            DialogRequest::NewTarget { .. } => {
                "New project: its translation (cancel for none)".into()
            }
            DialogRequest::Export(format) => format!("Export as {}", format.label()),
            DialogRequest::ImportBilingual => {
                "Import a TMX, XLIFF or TSV file as a new project".into()
            }
            DialogRequest::AddGlossary => "Add a glossary (TBX, TSV or CSV)".into(),
            DialogRequest::AddMemory => "Add a translation memory (TMX)".into(),
            DialogRequest::RulesFile(side) => format!(
                "Segmentation rules for the {} text",
                match side {
                    crate::Side::Source => "source",
                    crate::Side::Target => "target",
                }
            ),
        }
    }

    /// Whether the dialog asks for a name to write to (rather than a file to read).
    pub fn saves(&self) -> bool {
        matches!(
            self,
            DialogRequest::SaveProjectAs | DialogRequest::Export(_)
        )
    }

    /// The filter's name and file name extensions.
    pub fn filter(&self) -> (String, Vec<&'static str>) {
        match self {
            DialogRequest::OpenProject | DialogRequest::SaveProjectAs => {
                ("Tolk project".into(), vec!["json"])
            }
            DialogRequest::NewSource | DialogRequest::NewTarget { .. } => (
                "Texts and documents (TXT, PDF, DOCX, ODT, HTML, EPUB)".into(),
                vec![
                    "txt", "text", "md", "pdf", "docx", "odt", "html", "htm", "xhtml", "epub",
                ],
            ),
            DialogRequest::Export(format) => (format.label().into(), vec![format.extension()]),
            DialogRequest::ImportBilingual => (
                "TMX, XLIFF, TSV, CSV".into(),
                vec!["tmx", "xlf", "xliff", "tsv", "csv", "txt"],
            ),
            DialogRequest::AddGlossary => (
                "Glossaries: TBX, TSV, CSV".into(),
                vec!["tbx", "xml", "tsv", "csv", "txt"],
            ),
            DialogRequest::AddMemory => ("Translation memories: TMX".into(), vec!["tmx"]),
            DialogRequest::RulesFile(_) => ("Segmentation rules".into(), vec!["txt"]),
        }
    }
}

/// A dialog to show: the question, the folder to start in and, for saving, a suggested name.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub request: DialogRequest,
    pub folder: Option<PathBuf>,
    pub name: Option<String>,
}

pub trait FileDialogs {
    /// Starts a dialog; its answer comes later from `poll`.
    fn request(&mut self, ask: Ask);
    /// A finished dialog and the chosen path (`None`: cancelled).
    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)>;
    fn is_open(&self) -> bool;
    /// Draws an in-window dialog, when one is open.
    fn ui(&mut self, _ctx: &Context) {}
    /// A note for the status bar (e.g. why Tolk's own dialog is used), once.
    fn take_notice(&mut self) -> Option<String> {
        None
    }
}

/// Answers faster than this cannot be a person's: the system has no dialog to show.
pub const NO_SYSTEM_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// A system dialog: blocks its (helper) thread until answered.
pub type SystemDialog = fn(&Ask) -> Option<PathBuf>;

/// The system's dialogs, falling back to Tolk's own where the system has none.
pub struct NativeDialogs {
    system: SystemDialog,
    pending: Option<(Ask, Instant, Receiver<Option<PathBuf>>)>,
    /// Set once the system turned out to have no dialog: Tolk's own is used from then on.
    own_only: bool,
    own: Option<InWindowDialog>,
    notice: Option<String>,
}

impl Default for NativeDialogs {
    fn default() -> NativeDialogs {
        NativeDialogs::with_system(rfd_dialog)
    }
}

impl NativeDialogs {
    /// Dialogs asking `system` first (tests pass one that fails like `rfd` without a portal).
    pub fn with_system(system: SystemDialog) -> NativeDialogs {
        NativeDialogs {
            system,
            pending: None,
            own_only: std::env::var_os("TOLK_OWN_FILE_DIALOG").is_some(),
            own: None,
            notice: None,
        }
    }

    /// Only Tolk's own dialog, never the system's.
    pub fn in_window() -> NativeDialogs {
        NativeDialogs {
            own_only: true,
            ..NativeDialogs::default()
        }
    }

    /// The in-window dialog being shown, if any (for tests).
    pub fn own_dialog(&mut self) -> Option<&mut InWindowDialog> {
        self.own.as_mut()
    }
}

impl FileDialogs for NativeDialogs {
    fn request(&mut self, ask: Ask) {
        if self.is_open() {
            return;
        }
        if self.own_only {
            self.own = Some(InWindowDialog::new(ask));
            return;
        }
        let (sender, receiver) = channel();
        let question = ask.clone();
        let system = self.system;
        std::thread::spawn(move || {
            let _ = sender.send(system(&question));
        });
        self.pending = Some((ask, Instant::now(), receiver));
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        if let Some(own) = &mut self.own {
            let answer = own.answer()?;
            let request = self.own.take()?.ask.request;
            return Some((request, answer));
        }
        let (_, asked_at, receiver) = self.pending.as_ref()?;
        let answer = receiver.try_recv().ok()?;
        let fast = asked_at.elapsed() < NO_SYSTEM_DIALOG_WITHIN;
        let (ask, _, _) = self.pending.take()?;
        if answer.is_none() && fast {
            self.own_only = true;
            let notice =
                "No system file dialog here (no desktop portal or zenity): using Tolk's own";
            // Also on the terminal, for whoever started Tolk from one (and the smoke test).
            eprintln!("tolk: {notice}");
            self.notice = Some(notice.to_string());
            self.own = Some(InWindowDialog::new(ask));
            return None;
        }
        Some((ask.request, answer))
    }

    fn is_open(&self) -> bool {
        self.pending.is_some() || self.own.is_some()
    }

    fn ui(&mut self, ctx: &Context) {
        if let Some(own) = &mut self.own {
            own.ui(ctx);
        }
    }

    fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }
}

/// The system dialog through `rfd` (desktop portal, else zenity).
fn rfd_dialog(ask: &Ask) -> Option<PathBuf> {
    let (filter_name, extensions) = ask.request.filter();
    let mut dialog = rfd::FileDialog::new()
        .set_title(ask.request.title())
        .add_filter(filter_name, &extensions);
    if let Some(folder) = &ask.folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = &ask.name {
        dialog = dialog.set_file_name(name);
    }
    if ask.request.saves() {
        dialog.save_file()
    } else {
        dialog.pick_file()
    }
}

/// Dialogs that answer at once with prepared paths, in order (for tests and scripted use).
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: VecDeque<Option<PathBuf>>,
    pending: VecDeque<DialogRequest>,
    /// Every dialog asked for, for tests to check the question, folder and suggested name
    /// (shared: the test keeps a handle while the app owns the dialogs).
    pub asked: std::rc::Rc<std::cell::RefCell<Vec<Ask>>>,
}

impl ScriptedDialogs {
    /// Dialogs that will answer with these paths, in order (`None`: cancelled).
    pub fn answering(answers: Vec<Option<PathBuf>>) -> ScriptedDialogs {
        ScriptedDialogs {
            answers: answers.into(),
            ..ScriptedDialogs::default()
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn request(&mut self, ask: Ask) {
        self.pending.push_back(ask.request.clone());
        self.asked.borrow_mut().push(ask);
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        let request = self.pending.pop_front()?;
        Some((request, self.answers.pop_front().flatten()))
    }

    fn is_open(&self) -> bool {
        !self.pending.is_empty()
    }
}
