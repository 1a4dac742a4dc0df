//! `tolk import`: a new project from a TMX, XLIFF 2.0/1.2 or TSV file made elsewhere, or
//! (`--into`) that file's translations brought into an existing project.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The bilingual file (TMX, XLIFF 2.0 or 1.2, or TSV; recognised from its content).
    pub file: PathBuf,
    /// Where to write the new project.
    #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
    pub output: Option<PathBuf>,
    /// Bring the file's targets and statuses into this existing project instead: rows are
    /// matched by source text (and by row id in Tolk's own files), as one undoable edit,
    /// saved in place; prints how many units matched, did not, or conflicted.
    #[arg(long, value_name = "PROJECT.json")]
    pub into: Option<PathBuf>,
    /// Source language: which language of a TMX to read as the source (matched as BCP 47:
    /// sv = sv-SE), which files of an XLIFF 1.2 to read, or the label of a TSV without a
    /// header.
    #[arg(long, value_parser = super::language_tag)]
    pub source_lang: Option<String>,
    /// Target language, chosen the same way. A TMX with more than two languages needs it.
    #[arg(long, value_parser = super::language_tag)]
    pub target_lang: Option<String>,
    /// Author name for the imported revisions (default: $TOLK_AUTHOR, then $USER).
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    /// Replace the output file if it exists (it is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    if let Some(project) = &args.into {
        return into(&args, project);
    }
    let Some(output) = args.output.clone() else {
        bail!("say where to write the project (-o PROJECT.json) or which to import into (--into)");
    };
    tolk::output::refuse_replacing_an_input(&output, &[("file", args.file.as_path())])?;
    if output.exists() && !args.force {
        return Err(tolk::ProjectFileError::Exists { path: output }.into());
    }
    let choice = tolk::ReadOptions {
        source_lang: args.source_lang.clone(),
        target_lang: args.target_lang.clone(),
    };
    let author = super::author(args.author.clone())?;
    let (project, warnings) = tolk::import_bilingual_file_with(&args.file, &author, &choice)?;
    for warning in &warnings {
        eprintln!("warning: {}: {warning}", args.file.display());
    }
    let (document, warnings) =
        tolk::Document::create(&output, project, args.force, args.wait.duration()?).map_err(
            |e| anyhow::anyhow!("{e} (the languages came from {})", args.file.display()),
        )?;
    for warning in warnings {
        eprintln!("warning: {}: {warning}", output.display());
    }
    let project = document.project();
    let stats = tolk::ProjectStats::of(project);
    let counts: Vec<String> = tolk::Status::ALL
        .into_iter()
        .map(|s| format!("{} {}", stats.count(s), s.name()))
        .collect();
    eprintln!(
        "{}: {} rows, {} -> {} ({})",
        output.display(),
        project.rows.len(),
        project.meta.source_lang,
        project.meta.target_lang,
        counts.join(", ")
    );
    Ok(())
}

/// `--into`: the file read in the project's languages (a TMX's tuvs chosen by them), matched
/// to the rows and applied as one edit through the project's `Document`, then saved.
fn into(args: &ImportArgs, path: &std::path::Path) -> anyhow::Result<()> {
    let author = super::author(args.author.clone())?;
    let mut document = super::open_for_saving(path, &args.wait)?;
    let meta = &document.project().meta;
    let choice = tolk::ReadOptions {
        source_lang: args.source_lang.clone().or(Some(meta.source_lang.clone())),
        target_lang: args.target_lang.clone().or(Some(meta.target_lang.clone())),
    };
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?
        .len();
    if size > tolk::MAX_BILINGUAL_BYTES {
        bail!(
            "{} is {size} bytes; the largest bilingual file Tolk imports is {} bytes",
            args.file.display(),
            tolk::MAX_BILINGUAL_BYTES
        );
    }
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let file = tolk::read_bilingual_with(&bytes, &choice)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    for warning in &file.warnings {
        eprintln!("warning: {}: {warning}", args.file.display());
    }
    let (edit, report) = tolk::merge_into(document.project(), &file);
    if let Some(edit) = edit {
        document
            .apply(edit, &author)
            .with_context(|| format!("cannot apply the import to {}", path.display()))?;
    }
    super::save(&mut document, &report.to_string())
}
