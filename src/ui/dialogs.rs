//! Native file dialogs behind a small trait: the real ones run `rfd` on a helper thread (so the
//! window keeps repainting), tests answer with prepared paths.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// Which question a dialog asks.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogRequest {
    OpenProject,
    SaveProjectAs,
    NewSource,
    NewTarget { source: PathBuf },
    Export(crate::ExportFormat),
    ImportBilingual,
}

pub trait FileDialogs {
    /// Starts a dialog; its answer comes later from `poll`.
    fn request(&mut self, request: DialogRequest);
    /// A finished dialog and the chosen path (`None`: cancelled).
    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)>;
    fn is_open(&self) -> bool;
}

/// `rfd` dialogs (desktop portal, else zenity; with neither, they answer "cancelled" at once).
#[derive(Default)]
pub struct NativeDialogs {
    pending: Option<(DialogRequest, Receiver<Option<PathBuf>>)>,
}

impl FileDialogs for NativeDialogs {
    fn request(&mut self, request: DialogRequest) {
        if self.pending.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let question = request.clone();
        std::thread::spawn(move || {
            let answer = ask(&question);
            let _ = sender.send(answer);
        });
        self.pending = Some((request, receiver));
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        let (_, receiver) = self.pending.as_ref()?;
        let answer = receiver.try_recv().ok()?;
        let (request, _) = self.pending.take()?;
        Some((request, answer))
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

fn ask(request: &DialogRequest) -> Option<PathBuf> {
    let projects = ["json"];
    let texts = [
        "txt", "text", "md", "pdf", "docx", "odt", "html", "htm", "xhtml", "epub",
    ];
    match request {
        DialogRequest::OpenProject => rfd::FileDialog::new()
            .set_title("Open a Tolk project")
            .add_filter("Tolk project", &projects)
            .pick_file(),
        DialogRequest::SaveProjectAs => rfd::FileDialog::new()
            .set_title("Save the project as")
            .add_filter("Tolk project", &projects)
            .save_file(),
        DialogRequest::NewSource => rfd::FileDialog::new()
            .set_title("New project: the source text")
            .add_filter("Plain text", &texts)
            .pick_file(),
        DialogRequest::NewTarget { .. } => rfd::FileDialog::new()
            .set_title("New project: its translation (cancel for none)")
            .add_filter("Plain text", &texts)
            .pick_file(),
        DialogRequest::Export(format) => rfd::FileDialog::new()
            .set_title(format!("Export as {}", format.label()))
            .add_filter(format.label(), &[format.extension()])
            .save_file(),
        DialogRequest::ImportBilingual => rfd::FileDialog::new()
            .set_title("Import a TMX, XLIFF or TSV file as a new project")
            .add_filter("TMX, XLIFF, TSV", &["tmx", "xlf", "xliff", "tsv", "txt"])
            .pick_file(),
    }
}

/// Dialogs that answer at once with prepared paths, in order (for tests and scripted use).
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: VecDeque<Option<PathBuf>>,
    pending: VecDeque<DialogRequest>,
    /// Every request made, for tests to check what was asked.
    pub asked: Vec<DialogRequest>,
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
    fn request(&mut self, request: DialogRequest) {
        self.asked.push(request.clone());
        self.pending.push_back(request);
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        let request = self.pending.pop_front()?;
        Some((request, self.answers.pop_front().flatten()))
    }

    fn is_open(&self) -> bool {
        !self.pending.is_empty()
    }
}
