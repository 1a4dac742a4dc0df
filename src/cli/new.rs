//! `tolk new`: a project from a source text and an optional translation.

use std::path::{Path, PathBuf};

use clap::Args;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The source text: a text file, or a PDF, DOCX, ODT, HTML or EPUB document.
    pub source: PathBuf,
    /// The translation, if there is one (text or document, as for the source); its sentences
    /// are aligned with the source's (the aligner's confidence is kept on each row).
    #[arg(long)]
    pub target: Option<PathBuf>,
    /// Source language (BCP 47 tag).
    #[arg(long, default_value = "sv", value_parser = super::language_tag)]
    pub source_lang: String,
    /// Target language (BCP 47 tag).
    #[arg(long, default_value = "en", value_parser = super::language_tag)]
    pub target_lang: String,
    /// Where to write the project.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The project's title (default: the source file's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Author name for the imported revisions (default: $TOLK_AUTHOR, then $USER).
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    /// Replace the output file if it exists (it is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
    /// Segmentation rules added to the source language's (abbreviations of the text; the
    /// format of assets/segment/sv.txt). Kept in the project: realignment and the edits cut
    /// with them too (change them later with `tolk edit P rules:source=FILE`).
    #[arg(long, value_name = "FILE")]
    pub source_rules: Option<PathBuf>,
    /// Segmentation rules added to the target language's.
    #[arg(long, value_name = "FILE")]
    pub target_rules: Option<PathBuf>,
    /// Accept sentences that start in lower case (web text, subtitles); kept in the project.
    #[arg(long)]
    pub lenient: bool,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

pub fn run(args: NewArgs) -> anyhow::Result<()> {
    let mut inputs = vec![("source text", args.source.as_path())];
    inputs.extend(args.target.as_deref().map(|t| ("translation", t)));
    inputs.extend(args.source_rules.as_deref().map(|r| ("source rules", r)));
    inputs.extend(args.target_rules.as_deref().map(|r| ("target rules", r)));
    tolk::output::refuse_replacing_an_input(&args.output, &inputs)?;
    if args.output.exists() && !args.force {
        return Err(tolk::ProjectFileError::Exists {
            path: args.output.clone(),
        }
        .into());
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| file_stem(&args.source));
    let author = super::author(args.author)?;
    let names = tolk::NewProject {
        title: &title,
        source_lang: &args.source_lang,
        target_lang: &args.target_lang,
        author: &author,
    };
    let segmentation = tolk::SegmentationSettings {
        lenient: args.lenient,
        source_rules: args
            .source_rules
            .as_deref()
            .map(super::rules_text)
            .transpose()?
            .unwrap_or_default(),
        target_rules: args
            .target_rules
            .as_deref()
            .map(super::rules_text)
            .transpose()?
            .unwrap_or_default(),
        ..tolk::SegmentationSettings::default()
    };
    let made = tolk::project_from_files_with(
        &args.source,
        args.target.as_deref(),
        &names,
        &segmentation,
        &|_| {},
    )?;
    // A document's cleanup report is printed (and kept in the project's notes).
    for note in &made.notes {
        eprintln!("{note}");
    }
    for warning in &made.warnings {
        eprintln!("warning: {warning}");
    }
    let (source_sentences, target_sentences) = made.sentences;
    let project = made.project;
    let (document, warnings) =
        tolk::Document::create(&args.output, project, args.force, args.wait.duration()?)?;
    for warning in warnings {
        eprintln!("warning: {}: {warning}", args.output.display());
    }
    let project = document.project();
    eprintln!(
        "{}: {} rows ({} source sentences{})",
        args.output.display(),
        project.rows.len(),
        source_sentences,
        target_sentences.map_or(String::new(), |n| format!(", {n} target sentences"))
    );
    Ok(())
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "Untitled".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}
