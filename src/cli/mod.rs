//! The command line, defined in one place (clap derive); the doc comments are the help text.

mod align;
mod diff;
mod edit;
mod eval_align;
mod export;
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
    /// Print a project's size and progress: rows, words per side, rows per status.
    Stats(stats::StatsArgs),
    /// Align a source text with its translation, sentence by sentence, and print the beads.
    Align(align::AlignArgs),
    /// Score the aligner (or a given alignment) against a gold alignment: strict and lax
    /// precision, recall and F1.
    EvalAlign(eval_align::EvalAlignArgs),
    /// Realign the unlocked rows of a project (locked rows stay as they are); one undoable
    /// edit, saved in place.
    Realign(realign::RealignArgs),
    /// Export a project as TMX, XLIFF 2.0 or 1.2, TSV, Moses parallel text or HTML.
    Export(export::ExportArgs),
    /// Create a project from a TMX, XLIFF 2.0/1.2 or TSV file.
    Import(import::ImportArgs),
    /// Show what changed since a milestone or time, or between two versions of a project.
    Diff(diff::DiffArgs),
    /// Apply scripted edits (merge, split, move, texts, statuses, locks) and save.
    Edit(edit::EditArgs),
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
        Some(Command::Realign(args)) => realign::run(&args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Diff(args)) => diff::run(args),
        Some(Command::Edit(args)) => edit::run(args),
        Some(Command::Milestone(args)) => milestone::run(args),
        Some(Command::SaveLoop(args)) => save_loop::run(args),
        None => window::run(cli.project),
    }
}

/// Loads a project, printing the repairs made while loading as warnings.
fn load(path: &std::path::Path) -> anyhow::Result<tolk::Project> {
    let loaded = tolk::load_project(path)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", path.display());
    }
    Ok(loaded.project)
}

/// Opens a project that the command will save: locked against other Tolks, and saved only if
/// nobody changed it on disk meanwhile. Repairs and lock take-overs are printed as warnings.
fn open_for_saving(path: &std::path::Path) -> anyhow::Result<tolk::Document> {
    let (document, warnings) = tolk::Document::open(path)?;
    for warning in &warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(document)
}

/// The segmenter for a language, extended by a user rules file when one is given.
fn segmenter_for(lang: &str, rules: Option<&PathBuf>) -> anyhow::Result<tolk::Segmenter> {
    use anyhow::Context;
    let base = tolk::Segmenter::for_language(lang).clone();
    match rules {
        None => Ok(base),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the rules file {}", path.display()))?;
            base.with_rules(&text)
                .with_context(|| format!("in the rules file {}", path.display()))
        }
    }
}

/// The name recorded as author of the revisions this run makes.
fn author(explicit: Option<String>) -> String {
    explicit
        .or_else(|| std::env::var("TOLK_AUTHOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".to_string())
}
