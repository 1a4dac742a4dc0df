//! Files and background work: the handler of file commands (new, open, save, export, import,
//! recovery, quit), the file dialogs' answers, the jobs that run on helper threads and what
//! their results do, and the autosave to the recovery file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::{Document, Edit, ExportFormat, Status};
use eframe::egui::Context;

use super::app::{AUTOSAVE_EVERY, TolkApp};
use super::commands::{AppCommand, CheckCommand, FileCommand, NewProjectChoice};
use super::dialogs::{Ask, DialogRequest, FileDialogs};
use super::jobs::{Cancel, JobOutput, Jobs, Prepared, Progress};
use super::windows::{self, Modal, NewProjectForm};

/// The app's file machinery: dialogs, running jobs, and what autosave and saving remember.
pub struct Files {
    pub jobs: Jobs,
    pub dialogs: Box<dyn FileDialogs>,
    /// Run long work on helper threads (the window); tests run it inline.
    pub background: bool,
    pub autosave_every: Duration,
    last_autosave: Instant,
    /// What was last written to the recovery file: the generation and the uncommitted typing.
    autosaved: Option<(u64, Option<Edit>)>,
    /// What to do once the running save has succeeded (e.g. quit).
    after_save: Option<AppCommand>,
}

impl Files {
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Files {
        Files {
            jobs: Jobs::default(),
            dialogs,
            background: true,
            autosave_every: AUTOSAVE_EVERY,
            last_autosave: Instant::now(),
            autosaved: None,
            after_save: None,
        }
    }
}

impl TolkApp {
    pub(super) fn run_file(&mut self, command: FileCommand, ctx: &Context) {
        match command {
            FileCommand::New => self.ask(DialogRequest::NewSource),
            FileCommand::NewFromTexts { source, target } => {
                self.modal = Some(Modal::NewProject(NewProjectForm::new(
                    source,
                    target,
                    &self.settings,
                )));
            }
            FileCommand::CreateProject(choice) => {
                self.settings.source_lang.clone_from(&choice.source_lang);
                self.settings.target_lang.clone_from(&choice.target_lang);
                self.start_new_project(*choice, ctx);
            }
            FileCommand::Open => self.ask(DialogRequest::OpenProject),
            FileCommand::OpenPath(path) => self.start_open(path, ctx),
            FileCommand::Save => match self.doc.as_ref().and_then(|d| d.path()) {
                Some(path) => self.start_save(path.to_path_buf(), false, ctx),
                None if self.doc.is_some() => self.ask(DialogRequest::SaveProjectAs),
                None => {}
            },
            FileCommand::SaveOverwriting => {
                if let Some(path) = self.doc.as_ref().and_then(|d| d.path()) {
                    self.start_save(path.to_path_buf(), true, ctx);
                }
            }
            FileCommand::Reload => self.reload(),
            FileCommand::SaveAs => {
                if self.doc.is_some() {
                    self.ask(DialogRequest::SaveProjectAs);
                }
            }
            FileCommand::SaveTo(path) => self.start_save(path, false, ctx),
            FileCommand::Export(format) => {
                if self.doc.is_some() {
                    self.ask(DialogRequest::Export(format));
                }
            }
            FileCommand::ExportTo(format, path) => self.start_export(format, path, ctx),
            FileCommand::ImportBilingual => self.ask(DialogRequest::ImportBilingual),
            FileCommand::ChooseRulesFile(side) => self.ask(DialogRequest::RulesFile(side)),
            FileCommand::ImportFrom(path) => self.start_bilingual_import(path, ctx),
            FileCommand::SaveThen(then) => {
                self.files.after_save = Some(*then);
                self.commands.push(FileCommand::Save.into());
            }
            FileCommand::RestoreRecovery(path) => self.restore_recovery(&path),
            FileCommand::DiscardRecovery(path) => {
                let _ = std::fs::remove_file(crate::recovery_path(&path));
            }
            FileCommand::Quit => {
                self.commit_cell();
                if self.doc.as_ref().is_some_and(Document::is_dirty) {
                    self.modal = Some(Modal::Unsaved {
                        then: FileCommand::QuitDiscarding.into(),
                    });
                } else {
                    self.close(ctx);
                }
            }
            FileCommand::QuitDiscarding => {
                // The user chose to discard: nothing is unsaved any more, typing included.
                self.editor = None;
                if let Some(doc) = &mut self.doc {
                    doc.discard_unsaved();
                }
                self.close(ctx);
            }
        }
    }

    /// Opens a file dialog: saving starts in the project's folder with a suggested name;
    /// opening starts in the project's folder (or the last project's).
    pub(super) fn ask(&mut self, request: DialogRequest) {
        let project_path = self.doc.as_ref().and_then(|d| d.path());
        // File > New's rules are usually kept beside its texts.
        let source_text = match (&request, &self.modal) {
            (DialogRequest::RulesFile(_), Some(Modal::NewProject(form))) => Some(&form.source),
            _ => None,
        };
        let folder = source_text
            .map(PathBuf::as_path)
            .or(project_path)
            .or(self.settings.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf);
        let stem = self.doc.as_ref().map(suggested_stem);
        let name = match &request {
            DialogRequest::SaveProjectAs => stem.map(|s| format!("{s}.json")),
            DialogRequest::Export(format) => stem.map(|s| format!("{s}.{}", format.extension())),
            _ => None,
        };
        self.files.dialogs.request(Ask {
            request,
            folder,
            name,
        });
    }

    pub(super) fn poll_background(&mut self) {
        let finished = self.files.jobs.poll();
        for output in finished {
            self.finish_job(output);
        }
        while let Some((request, answer)) = self.files.dialogs.poll() {
            self.dialog_answered(request, answer);
        }
        if let Some(notice) = self.files.dialogs.take_notice() {
            self.message = Some(notice);
        }
    }

    fn dialog_answered(&mut self, request: DialogRequest, answer: Option<PathBuf>) {
        let command: AppCommand = match (request, answer) {
            (DialogRequest::OpenProject, Some(path)) => {
                return self.guard_unsaved(FileCommand::OpenPath(path).into());
            }
            (DialogRequest::SaveProjectAs, Some(path)) => {
                FileCommand::SaveTo(with_json_extension(path)).into()
            }
            (DialogRequest::NewSource, Some(source)) => {
                return self.ask(DialogRequest::NewTarget { source });
            }
            (DialogRequest::NewTarget { source }, target) => {
                return self.guard_unsaved(FileCommand::NewFromTexts { source, target }.into());
            }
            (DialogRequest::Export(format), Some(path)) => {
                FileCommand::ExportTo(format, path).into()
            }
            (DialogRequest::ImportBilingual, Some(path)) => {
                return self.guard_unsaved(FileCommand::ImportFrom(path).into());
            }
            (DialogRequest::AddGlossary, Some(path)) => CheckCommand::AddReference {
                path,
                memory: false,
            }
            .into(),
            (DialogRequest::AddMemory, Some(path)) => {
                CheckCommand::AddReference { path, memory: true }.into()
            }
            (DialogRequest::RulesFile(side), Some(path)) => {
                return self.rules_file_chosen(side, path);
            }
            (_, None) => return,
        };
        self.commands.push(command);
    }

    /// A rules file chosen for the open form: File > New keeps its path (the file is read
    /// when the project is built); Segmentation rules… takes its text, which the form checks
    /// as it checks typing (a line that is no rule is named there).
    fn rules_file_chosen(&mut self, side: crate::Side, path: PathBuf) {
        match &mut self.modal {
            Some(Modal::NewProject(form)) => *form.rules_mut(side) = path.display().to_string(),
            Some(Modal::Segmentation(form)) => match crate::read_rules_text(&path) {
                Ok(text) => {
                    *form.rules_mut(side) = text;
                    self.message = Some(format!("Rules read from {}", path.display()));
                }
                Err(error) => self.message = Some(error.to_string()),
            },
            _ => {}
        }
    }

    pub(super) fn spawn(
        &mut self,
        label: &str,
        cancel: Cancel,
        ctx: &Context,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) {
        self.files
            .jobs
            .spawn(label, cancel, Some(ctx.clone()), work);
        if !self.files.background {
            for output in self.files.jobs.wait_all() {
                self.finish_job(output);
            }
        }
    }

    fn start_open(&mut self, path: PathBuf, ctx: &Context) {
        let label = format!("Opening {}", path.display());
        self.spawn(&label, Cancel::Allowed, ctx, move |_| JobOutput::Opened {
            result: open_or_read_only(&path)
                .map(|(doc, repairs)| (Prepared::new(doc), repairs))
                .map_err(|e| e.to_string()),
            path,
        });
    }

    /// Builds a project from one or two texts with the title, languages and segmentation the
    /// user chose (languages checked by the core's language tag rules in the form; rules files
    /// read and checked here, a bad one failing the import with its name and line).
    fn start_new_project(&mut self, choice: NewProjectChoice, ctx: &Context) {
        let author = self.settings.author.clone();
        self.spawn("Importing", Cancel::Allowed, ctx, move |progress| {
            progress.set(0, 3);
            let names = crate::NewProject {
                title: &choice.title,
                source_lang: &choice.source_lang,
                target_lang: &choice.target_lang,
                author: &author,
            };
            let rules = |path: &Option<PathBuf>| -> Result<String, String> {
                path.as_deref()
                    .map(crate::read_rules_file)
                    .transpose()
                    .map(Option::unwrap_or_default)
                    .map_err(|e| e.to_string())
            };
            let segmentation = rules(&choice.source_rules).and_then(|source_rules| {
                Ok(crate::SegmentationSettings {
                    lenient: choice.lenient,
                    source_rules,
                    target_rules: rules(&choice.target_rules)?,
                    ..crate::SegmentationSettings::default()
                })
            });
            let result = segmentation
                .and_then(|segmentation| {
                    crate::project_from_files_with(
                        &choice.source,
                        choice.target.as_deref(),
                        &names,
                        &segmentation,
                        &|step| progress.set(step, 3),
                    )
                    .map_err(|e| e.to_string())
                })
                .map(|made| {
                    // The cleanup report stays in the project's notes; warnings are shown.
                    let doc = Document::unsaved(made.project);
                    (Prepared::new(doc), made.warnings)
                });
            JobOutput::Imported(result)
        });
    }

    /// Saves on a helper thread. To the document's own path, the file must still be what was
    /// loaded or last saved (unless `overwrite`); to another path, whatever is there is replaced.
    fn start_save(&mut self, path: PathBuf, overwrite: bool, ctx: &Context) {
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
                self.spawn("Saving", Cancel::Never, ctx, move |_| JobOutput::Saved {
                    path: job.path().to_path_buf(),
                    result: job.run(),
                });
            }
            Err(error) => self.save_failed(error),
        }
    }

    fn start_export(&mut self, format: ExportFormat, path: PathBuf, ctx: &Context) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let snapshot = doc.project().clone();
        let input = doc.path().map(Path::to_path_buf);
        let options = self.panels.export.options();
        self.spawn("Exporting", Cancel::Never, ctx, move |_| {
            let left_out = crate::select(&snapshot, format, &options)
                .left_out
                .describe();
            JobOutput::Exported(
                crate::export_to(&snapshot, format, &options, &path, input.as_deref())
                    .map(|written| (written, left_out))
                    .map_err(|e| e.to_string()),
            )
        });
    }

    pub(super) fn start_realign(
        &mut self,
        rows: std::ops::Range<usize>,
        cutting: crate::Cutting,
        ctx: &Context,
    ) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let snapshot = doc.project().clone();
        let generation = doc.generation();
        self.spawn("Realigning", Cancel::Allowed, ctx, move |_| {
            JobOutput::Realigned {
                generation,
                result: crate::realign_with(&snapshot, rows, &Default::default(), cutting)
                    .map_err(|e| e.to_string()),
            }
        });
    }

    fn start_bilingual_import(&mut self, path: PathBuf, ctx: &Context) {
        let author = self.settings.author.clone();
        self.spawn("Importing", Cancel::Allowed, ctx, move |_| {
            JobOutput::Imported(
                crate::import_bilingual_file(&path, &author)
                    .map(|project| (Prepared::new(Document::unsaved(project)), Vec::new()))
                    .map_err(|e| e.to_string()),
            )
        });
    }

    fn reload(&mut self) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        match doc.reload() {
            Ok(_) => {
                self.invalidate_shown();
                self.reload_editor();
                self.message = Some("Reloaded from disk".to_string());
            }
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    /// A save that could not be made: a question where the user has a way on, else the error.
    fn save_failed(&mut self, error: crate::ProjectFileError) {
        self.files.after_save = None;
        self.modal = Some(match error {
            crate::ProjectFileError::ChangedOnDisk { path } => Modal::ChangedOnDisk { path },
            crate::ProjectFileError::Output(crate::OutputError::ReadOnly { path }) => {
                Modal::ReadOnlyFile { path }
            }
            other => Modal::Error(other.to_string()),
        });
    }

    fn finish_job(&mut self, output: JobOutput) {
        match output {
            JobOutput::Exported(Ok((written, left_out))) => {
                let names: Vec<String> = (written.paths.iter())
                    .map(|p| p.display().to_string())
                    .collect();
                let said = [left_out, written.describe_backups()];
                let mut message = format!("Exported {}", names.join(", "));
                for part in said.into_iter().flatten() {
                    message.push_str("; ");
                    message.push_str(&part);
                }
                self.message = Some(message);
            }
            JobOutput::Exported(Err(error)) => self.modal = Some(Modal::Error(error)),
            JobOutput::Realigned { generation, result } => match result {
                Ok(edit)
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.generation() == generation) =>
                {
                    let replaced = self
                        .doc
                        .as_ref()
                        .map_or(0, |d| crate::confirmed_rows_replaced(d.project(), &edit));
                    if self.apply(edit) {
                        self.message = Some(match replaced {
                            0 => "Realigned (one undo step)".to_string(),
                            n => format!(
                                "Realigned (one undo step); {}",
                                crate::describe_confirmed_rows_replaced(n)
                            ),
                        });
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
                // What the cleanup of the documents removed or changed is in the project's
                // notes: show it at once.
                let noted = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| !d.project().meta.notes.trim().is_empty());
                if noted {
                    self.panels.show_project_notes = true;
                    self.message = Some(
                        "Imported: save the project to keep it (Ctrl+S); what the cleanup changed is in View > Project notes"
                            .to_string(),
                    );
                }
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
                    self.commands.extend(self.files.after_save.take());
                }
                Err(error) => self.save_failed(error),
            },
            JobOutput::Checked(analysis) => self.checked(analysis),
            JobOutput::Autosaved(result) => {
                if let Err(error) = result {
                    self.message = Some(format!("Autosave failed: {error}"));
                }
            }
        }
    }

    /// Restores the recovery file of the open project (the user said so) as one edit: Ctrl+Z
    /// takes it back to the project as it was opened.
    pub fn restore_recovery(&mut self, path: &Path) {
        let Some(doc) = self.doc.as_mut().filter(|d| d.path() == Some(path)) else {
            return;
        };
        match doc.restore_recovery(&self.settings.author) {
            Ok(_) => {
                self.invalidate_shown();
                self.reload_editor();
                self.message = Some(
                    "Recovered unsaved work (Ctrl+Z takes it back): save to keep it".to_string(),
                );
            }
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    pub(super) fn autosave_if_due(&mut self, ctx: &Context) {
        if self.files.last_autosave.elapsed() < self.files.autosave_every {
            return;
        }
        self.files.last_autosave = Instant::now();
        let Some(doc) = &self.doc else {
            return;
        };
        let typing = self.pending_typing();
        let state = (doc.generation(), typing.clone());
        let Some(path) = doc.path().map(Path::to_path_buf) else {
            return;
        };
        if !self.has_unsaved_work() || self.files.autosaved.as_ref() == Some(&state) {
            return;
        }
        self.files.autosaved = Some(state);
        // The recovery file holds the typing too, as if the cell had been committed.
        let mut snapshot = Document::unsaved(doc.project().clone());
        let author = self.settings.author.clone();
        self.spawn("Autosaving", Cancel::Never, ctx, move |_| {
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
}

/// The file name a save dialog suggests: the project file's own name, else its title made
/// safe for a file name.
fn suggested_stem(doc: &Document) -> String {
    if let Some(stem) = doc.path().and_then(Path::file_stem) {
        return stem.to_string_lossy().into_owned();
    }
    let title: String = doc
        .project()
        .meta
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == ' ' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let title = title.trim().trim_matches('-').to_string();
    if title.is_empty() {
        "project".to_string()
    } else {
        title
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

fn with_json_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("json")
    }
}

/// The statuses File > Export starts with for a format: the core's default (for TMX, finished
/// work only).
pub fn default_export_statuses(format: ExportFormat) -> [bool; 4] {
    let defaults = format.default_statuses();
    Status::ALL.map(|s| defaults.contains(&s))
}
