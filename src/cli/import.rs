//! `tolk import`: a new project from a TMX, XLIFF 2.0/1.2 or TSV file made elsewhere.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The bilingual file (TMX, XLIFF 2.0 or 1.2, or TSV; recognised from its content).
    pub file: PathBuf,
    /// Where to write the project.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Source language, for files that do not name it (TSV without a header).
    #[arg(long, value_parser = super::language_tag)]
    pub source_lang: Option<String>,
    /// Target language, for files that do not name it.
    #[arg(long, value_parser = super::language_tag)]
    pub target_lang: Option<String>,
    /// Author name for the imported revisions (default: $TOLK_AUTHOR, then $USER).
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    /// Replace the output file if it exists (it is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    if args.output.exists() && !args.force {
        return Err(tolk::ProjectFileError::Exists {
            path: args.output.clone(),
        }
        .into());
    }
    let mut project = tolk::import_bilingual_file(&args.file, &super::author(args.author)?)?;
    let meta = &mut project.meta;
    for (given, lang) in [
        (args.source_lang, &mut meta.source_lang),
        (args.target_lang, &mut meta.target_lang),
    ] {
        if let Some(given) = given {
            *lang = given;
        }
    }
    let (document, warnings) = tolk::Document::create(&args.output, project, args.force)
        .map_err(|e| anyhow::anyhow!("{e} (the languages came from {})", args.file.display()))?;
    for warning in warnings {
        eprintln!("warning: {}: {warning}", args.output.display());
    }
    let project = document.project();
    let stats = tolk::ProjectStats::of(project);
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
