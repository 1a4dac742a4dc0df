//! `tolk glossary`: reference a glossary file from a project (it is read to check it, never
//! copied: the project keeps its path), and write glossaries as TBX.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use tolk::Glossary;

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    #[command(subcommand)]
    pub command: GlossaryCommand,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Check a glossary (TBX, or a two-column TSV/CSV: source term, target term) against the
    /// project's languages and add a reference to it to the project (the file stays where it
    /// is; the `term` check and the window read it from there).
    Import(ImportArgs),
    /// Write the glossaries a project references (merged), or one glossary file, as TBX-Basic.
    Export(ExportArgs),
    /// Remove a glossary reference from a project (the file itself is not touched).
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file (saved in place).
    pub project: PathBuf,
    /// The glossary file.
    pub glossary: PathBuf,
    /// Author name for the change (default: $TOLK_AUTHOR, then $USER).
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A project file (its referenced glossaries are written) or a glossary file (TSV, CSV or
    /// TBX) to convert.
    pub input: PathBuf,
    /// The TBX file to write (`-`: standard output).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The source language of a glossary file given as input (a project says its own).
    #[arg(long, value_parser = super::language_tag)]
    pub source_lang: Option<String>,
    /// The target language of a glossary file given as input.
    #[arg(long, value_parser = super::language_tag)]
    pub target_lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The project file (saved in place).
    pub project: PathBuf,
    /// The glossary reference to remove, as `tolk glossary import` added it.
    pub glossary: String,
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

pub fn run(args: GlossaryArgs) -> anyhow::Result<()> {
    match args.command {
        GlossaryCommand::Import(args) => import(args),
        GlossaryCommand::Export(args) => export(args),
        GlossaryCommand::Remove(args) => remove(args),
    }
}

/// The reference a project keeps: the path relative to the project's folder when the file is
/// inside it, else absolute.
fn reference(project: &Path, glossary: &Path) -> anyhow::Result<String> {
    let glossary = std::path::absolute(glossary)?;
    let folder = std::path::absolute(project)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(match glossary.strip_prefix(&folder) {
        Ok(relative) => relative.display().to_string(),
        Err(_) => glossary.display().to_string(),
    })
}

fn import(args: ImportArgs) -> anyhow::Result<()> {
    let author = super::author(args.author)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    let meta = &document.project().meta;
    let glossary = tolk::load_glossary(&args.glossary, &meta.source_lang, &meta.target_lang)?;
    for warning in &glossary.warnings {
        eprintln!("warning: {}: {warning}", args.glossary.display());
    }
    let forbidden = glossary
        .entries
        .iter()
        .flat_map(|e| &e.target)
        .filter(|t| t.forbidden)
        .count();
    let reference = reference(&args.project, &args.glossary)?;
    eprintln!(
        "{}: {} concepts, {forbidden} forbidden terms",
        args.glossary.display(),
        glossary.entries.len()
    );
    match tolk::check::settings::add_glossary(document.project(), &reference) {
        Some(edit) => {
            document
                .apply(edit, &author)
                .context("cannot add the glossary reference")?;
        }
        None => eprintln!("the project references {reference} already"),
    }
    super::save(&mut document, &format!("glossary {reference} referenced"))
}

fn remove(args: RemoveArgs) -> anyhow::Result<()> {
    let author = super::author(args.author)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    if !document.project().qa.glossaries.contains(&args.glossary) {
        bail!(
            "the project references no glossary {:?}; it references: {}",
            args.glossary,
            document.project().qa.glossaries.join(", ")
        );
    }
    if let Some(edit) = tolk::check::settings::remove_reference(document.project(), &args.glossary)
    {
        document.apply(edit, &author)?;
    }
    super::save(
        &mut document,
        &format!("glossary {} no longer referenced", args.glossary),
    )
}

fn export(args: ExportArgs) -> anyhow::Result<()> {
    // The files read: the input, and a project's glossaries, none of which the output may
    // replace (a referenced glossary overwritten with TBX was left for the project to read).
    let mut read: Vec<(&'static str, PathBuf)> = Vec::new();
    let glossary = match tolk::load_project(&args.input) {
        Ok(loaded) => {
            read.push(("project", args.input.clone()));
            let project = loaded.project;
            let mut merged = Glossary {
                source_lang: project.meta.source_lang.clone(),
                target_lang: project.meta.target_lang.clone(),
                ..Glossary::default()
            };
            if project.qa.glossaries.is_empty() {
                bail!(
                    "{} references no glossary (add one with tolk glossary import)",
                    args.input.display()
                );
            }
            for name in &project.qa.glossaries {
                let path = tolk::check::resolve_project_path(name, Some(&args.input));
                read.push(("glossary", path.clone()));
                merged.extend(tolk::load_glossary(
                    &path,
                    &project.meta.source_lang,
                    &project.meta.target_lang,
                )?);
            }
            merged
        }
        Err(
            tolk::ProjectFileError::NotAProject { .. } | tolk::ProjectFileError::NotJson { .. },
        ) => {
            let (Some(source), Some(target)) = (&args.source_lang, &args.target_lang) else {
                bail!(
                    "{} is a glossary file: give its languages with --source-lang and --target-lang",
                    args.input.display()
                );
            };
            read.push(("glossary", args.input.clone()));
            tolk::load_glossary(&args.input, source, target)?
        }
        Err(error) => return Err(error.into()),
    };
    for warning in &glossary.warnings {
        eprintln!("warning: {warning}");
    }
    let mut bytes = Vec::new();
    tolk::tbx::write(&glossary, &mut bytes)?;
    if args.output.as_os_str() == "-" {
        let mut out = super::stdout();
        out.write_all(&bytes)?;
        out.flush()?;
    } else {
        let inputs: Vec<(&str, &Path)> =
            read.iter().map(|(what, p)| (*what, p.as_path())).collect();
        tolk::output::refuse_replacing_an_input(&args.output, &inputs)?;
        tolk::output::refuse_replacing_a_project(&args.output, None)?;
        let kept = tolk::output::backup_to_keep(&args.output);
        tolk::output::write_output(
            &args.output,
            &bytes,
            tolk::output::WriteOptions::keeping_backup(),
        )?;
        let output = args.output.display();
        eprintln!("{output}: {} concepts written", glossary.entries.len());
        if let Some(kept) = tolk::output::describe_kept(kept.as_slice()) {
            eprintln!("{output}: {kept}");
        }
    }
    Ok(())
}
