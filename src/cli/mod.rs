//! The command line, defined in one place (clap derive); the doc comments are the help text.

mod align;
mod align_json;
mod check;
mod diff;
mod edit;
mod eval_align;
mod eval_segment;
mod export;
mod glossary;
mod import;
mod milestone;
mod new;
mod realign;
mod save_loop;
mod segment;
mod stats;
mod window;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Tolk: a translation-alignment workbench. Aligns a source text with its translation
/// sentence by sentence, keeps the history of every change, and exports bilingual text.
///
/// Without a command, Tolk opens its window on PROJECT (default: the sample project in
/// projects/).
#[derive(Debug, Parser)]
#[command(name = "tolk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project file to open in the window.
    pub project: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a text file's sentences, one per line, paragraphs separated by a blank line.
    Segment(segment::SegmentArgs),
    /// Create a project from a source text and, optionally, its translation.
    New(new::NewArgs),
    /// Print a project's size and progress: rows, words and characters per side and status,
    /// QA findings by check, rows changed since each milestone.
    Stats(stats::StatsArgs),
    /// Align a source text with its translation, sentence by sentence, and print the beads.
    Align(align::AlignArgs),
    /// Score the aligner (or a given alignment) against a gold alignment: strict and lax
    /// precision, recall and F1.
    EvalAlign(eval_align::EvalAlignArgs),
    /// Score the sentence segmenter against gold sentences (a treebank's `# text` lines or one
    /// sentence a line): boundary precision, recall and F1.
    EvalSegment(eval_segment::EvalSegmentArgs),
    /// Realign the unlocked rows of a project (locked rows stay as they are); one undoable
    /// edit, saved in place.
    Realign(realign::RealignArgs),
    /// Export a project as TMX, XLIFF 2.0 or 1.2, TSV, CSV, Moses parallel text, HTML, SRX
    /// rules, a DOCX review table, or the changes since a milestone as DOCX tracked changes.
    Export(export::ExportArgs),
    /// Create a project from a TMX, XLIFF 2.0/1.2 or TSV file.
    Import(import::ImportArgs),
    /// Show what changed since a milestone or time, or between two versions of a project.
    Diff(diff::DiffArgs),
    /// Apply scripted edits (merge, split, move, texts, statuses, locks) and save.
    Edit(edit::EditArgs),
    /// Run the translator's checks (numbers, punctuation, terms, spelling, ...) and print
    /// the findings; exit 0 when clean, 3 when something was found.
    Check(check::CheckArgs),
    /// Reference a glossary from a project, or write glossaries as TBX.
    Glossary(glossary::GlossaryArgs),
    /// Add a named milestone (e.g. "sent to reviewer") to a project, or list them.
    Milestone(milestone::MilestoneArgs),
    /// Debugging aid for the crash-safety test: save a project over and over.
    #[command(hide = true)]
    SaveLoop(save_loop::SaveLoopArgs),
}

/// Runs one command, or opens the window when there is none.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Segment(args)) => segment::run(args),
        Some(Command::New(args)) => new::run(args),
        Some(Command::Stats(args)) => stats::run(args),
        Some(Command::Align(args)) => align::run(&args),
        Some(Command::EvalAlign(args)) => eval_align::run(&args),
        Some(Command::EvalSegment(args)) => eval_segment::run(&args),
        Some(Command::Realign(args)) => realign::run(&args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Diff(args)) => diff::run(args),
        Some(Command::Edit(args)) => edit::run(args),
        Some(Command::Milestone(args)) => milestone::run(args),
        Some(Command::Glossary(args)) => glossary::run(args),
        Some(Command::Check(args)) => {
            if check::run(args)? {
                return Err(FindingsExist.into());
            }
            Ok(())
        }
        Some(Command::SaveLoop(args)) => save_loop::run(args),
        None => window::run(cli.project),
    }
}

/// Not an error: `tolk check` found something, which `main` turns into exit code 3.
#[derive(Debug)]
pub struct FindingsExist;

impl std::fmt::Display for FindingsExist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the checks found something")
    }
}

impl std::error::Error for FindingsExist {}

/// Loads a project, printing the repairs made while loading as warnings.
fn load(path: &std::path::Path) -> anyhow::Result<tolk::Project> {
    let loaded = tolk::load_project(path)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", path.display());
    }
    Ok(loaded.project)
}

/// How a command that changes a project waits for another Tolk that has it open.
#[derive(Debug, Clone, clap::Args)]
pub struct WaitArgs {
    /// Wait up to SECS seconds for another Tolk (another command, the window) to release the
    /// project before giving up with an error; 0 fails at once.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub wait: f64,
}

impl WaitArgs {
    fn duration(&self) -> anyhow::Result<std::time::Duration> {
        std::time::Duration::try_from_secs_f64(self.wait)
            .map_err(|_| anyhow::anyhow!("--wait wants a number of seconds, got {}", self.wait))
    }
}

/// Opens a project that the command will change, through the same gate as the window: locked
/// against other Tolks (waiting for them as `wait` says) and loaded once the lock is held, so
/// the change is made to the current file; saved only if nobody changed it meanwhile.
/// Repairs, lock take-overs and removed leftovers are printed as warnings.
fn open_for_saving(path: &std::path::Path, wait: &WaitArgs) -> anyhow::Result<tolk::Document> {
    let (document, warnings) = tolk::Document::open_waiting(path, wait.duration()?)?;
    for warning in &warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(document)
}

/// Saves a document a command changed, saying so; a command that changed nothing writes
/// nothing (the `.bak` keeps the real previous version).
fn save(document: &mut tolk::Document, what: &str) -> anyhow::Result<()> {
    let path = document
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if document.save()? {
        eprintln!("{path}: {what}");
    } else {
        eprintln!("{path}: nothing changed; the file was not written");
    }
    Ok(())
}

/// Standard output for a command's results. Writes return errors instead of panicking, so a
/// closed pipe (`tolk stats P | head -c 10`) ends the command quietly and a full disk is
/// reported as "cannot write to standard output" (see `main`).
fn stdout() -> Stdout {
    Stdout(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// Buffered standard output whose errors say that it was standard output that failed.
pub struct Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl std::io::Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes).map_err(on_stdout)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(on_stdout)
    }
}

/// Names standard output in an I/O error, keeping its kind (a broken pipe stays one).
pub fn on_stdout(cause: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        cause.kind(),
        format!("cannot write to standard output: {cause}"),
    )
}

/// The language tag given on the command line, checked (BCP 47); `sv_SE` is read as `sv-SE`.
fn language_tag(text: &str) -> Result<String, String> {
    tolk::check_language_tag(text)
        .map(|checked| checked.tag)
        .map_err(|e| e.to_string())
}

/// An author name from the command line: no control characters (they would end up in XML).
fn author_name(text: &str) -> Result<String, String> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "the author name contains the control character U+{:04X}; give a plain name",
            u32::from(c)
        )),
        None if text.trim().is_empty() => Err("the author name is blank".to_string()),
        None => Ok(text.trim().to_string()),
    }
}

/// The segmenter for a language, extended by a user rules file when one is given.
fn segmenter_for(
    lang: &str,
    rules: Option<&PathBuf>,
    lenient: bool,
) -> anyhow::Result<tolk::Segmenter> {
    use anyhow::Context;
    let base = tolk::Segmenter::built_in(lang, lenient).clone();
    match rules {
        None => {
            if let Some(note) = tolk::Segmenter::generic_rules_note(lang) {
                eprintln!("note: {note}; --rules FILE adds them");
            }
            Ok(base)
        }
        Some(path) => {
            let text = rules_text(path)?;
            base.with_rules(&text)
                .with_context(|| format!("in the rules file {}", path.display()))
        }
    }
}

/// The text of a segmentation rules file, checked (a line that is no rule is refused, naming
/// the file and the line).
fn rules_text(path: &std::path::Path) -> anyhow::Result<String> {
    Ok(tolk::read_rules_file(path)?)
}

/// The name recorded as author of the revisions this run makes: `--author`, else
/// `$TOLK_AUTHOR`, else `$USER`; checked like `--author`.
fn author(explicit: Option<String>) -> anyhow::Result<String> {
    let (name, source) = match explicit {
        Some(name) => (name, "--author"),
        None => match std::env::var("TOLK_AUTHOR") {
            Ok(name) => (name, "TOLK_AUTHOR"),
            Err(_) => (
                std::env::var("USER").unwrap_or_else(|_| "unknown".to_string()),
                "USER",
            ),
        },
    };
    author_name(&name).map_err(|e| anyhow::anyhow!("{source}: {e}"))
}
