//! `tolk import`: a new project from a TMX, XLIFF 2.0/1.2 or TSV file made elsewhere.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The bilingual file (TMX, XLIFF 2.0 or 1.2, or TSV; recognised from its content).
    pub file: PathBuf,
    /// Where to write the project.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Source language: which language of a TMX to read as the source (matched as BCP 47:
    /// sv = sv-SE), which files of an XLIFF 1.2 to read, or the label of a TSV without a
    /// header.
    #[arg(long)]
    pub source_lang: Option<String>,
    /// Target language, chosen the same way. A TMX with more than two languages needs it.
    #[arg(long)]
    pub target_lang: Option<String>,
    /// Author name for the imported revisions (default: $TOLK_AUTHOR, then $USER).
    #[arg(long)]
    pub author: Option<String>,
    /// Replace the output file if it exists (it is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    if args.output.exists() && !args.force {
        bail!(
            "{} exists already; choose another name or pass --force (the old file is then kept as .bak)",
            args.output.display()
        );
    }
    let choice = tolk::ReadOptions {
        source_lang: args.source_lang,
        target_lang: args.target_lang,
    };
    let (mut project, warnings) =
        tolk::import_bilingual_file_with(&args.file, &super::author(args.author), &choice)?;
    for warning in &warnings {
        eprintln!("warning: {}: {warning}", args.file.display());
    }
    let meta = &mut project.meta;
    for lang in [&mut meta.source_lang, &mut meta.target_lang] {
        if lang.is_empty() {
            "und".clone_into(lang);
        }
    }
    // Held while writing, so a project open in another Tolk is not replaced under it.
    let _lock = tolk::ProjectLock::acquire(&args.output)?;
    tolk::save_project(&project, &args.output)?;
    let stats = tolk::ProjectStats::of(&project);
    let counts: Vec<String> = tolk::Status::ALL
        .into_iter()
        .map(|s| format!("{} {}", stats.count(s), s.name()))
        .collect();
    eprintln!(
        "{}: {} rows, {} -> {} ({})",
        args.output.display(),
        project.rows.len(),
        project.meta.source_lang,
        project.meta.target_lang,
        counts.join(", ")
    );
    Ok(())
}
