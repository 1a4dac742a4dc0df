//! `tolk export`: a project as TMX, XLIFF, TSV, Moses parallel text or side-by-side HTML.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};
use tolk::{InvalidChars, Options, Project, Status, Units};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Where to write. For moses, the prefix of the two files: OUT.SOURCE_LANG and
    /// OUT.TARGET_LANG.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Export only rows with these statuses (comma-separated: untranslated, draft,
    /// translated, reviewed). Default: all.
    #[arg(long, value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Export whole rows, or sentence pairs where a row's two sides have the same number of
    /// sentences (other rows stay whole).
    #[arg(long, value_enum, default_value = "rows")]
    pub units: UnitsArg,
    /// Leave out control characters that XML 1.0 forbids (TMX, XLIFF, HTML) instead of
    /// stopping with an error that names the row.
    #[arg(long)]
    pub drop_control_chars: bool,
    /// HTML: colour rows by status, with a legend.
    #[arg(long)]
    pub status_colours: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// TMX 1.4b
    Tmx,
    /// XLIFF 2.0
    Xliff,
    /// XLIFF 1.2
    Xliff12,
    /// Tab-separated: source, target, status, confidence
    Tsv,
    /// Two plain files, one unit per line
    Moses,
    /// A self-contained side-by-side web page
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    Rows,
    Sentences,
}

fn parse_status(name: &str) -> Result<Status, String> {
    Status::ALL
        .into_iter()
        .find(|s| s.name() == name)
        .ok_or_else(|| {
            format!("unknown status {name:?}; use untranslated, draft, translated or reviewed")
        })
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let loaded = tolk::load_project(&args.project)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", args.project.display());
    }
    let project = loaded.project;
    let options = Options {
        statuses: if args.status.is_empty() {
            Status::ALL.to_vec()
        } else {
            args.status.clone()
        },
        units: match args.units {
            UnitsArg::Rows => Units::Rows,
            UnitsArg::Sentences => Units::Sentences,
        },
        invalid_chars: if args.drop_control_chars {
            InvalidChars::Drop
        } else {
            InvalidChars::Refuse
        },
        status_colours: args.status_colours,
    };
    let units = tolk::units(&project, &options).len();
    // Every export is rendered in memory first and then written atomically, so a failed export
    // never leaves a partial file.
    let written = match args.format {
        Format::Moses => write_moses(&project, &options, &args.output)?,
        format => {
            let mut bytes = Vec::new();
            match format {
                Format::Tmx => tolk::tmx::write(&project, &options, &mut bytes),
                Format::Xliff => tolk::xliff2::write(&project, &options, &mut bytes),
                Format::Xliff12 => tolk::xliff12::write(&project, &options, &mut bytes),
                Format::Tsv => tolk::tsv::write(&project, &options, &mut bytes),
                Format::Html => tolk::html::write(&project, &options, &mut bytes),
                Format::Moses => unreachable!("handled above"),
            }
            .context("nothing was written")?;
            save(&args.output, &bytes)?;
            vec![args.output.clone()]
        }
    };
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    eprintln!("{}: {units} units", names.join(", "));
    Ok(())
}

/// The two Moses files, named after the languages (`OUT.sv`, `OUT.en`), or `OUT.source` and
/// `OUT.target` when both sides have the same language tag.
fn write_moses(
    project: &Project,
    options: &Options,
    output: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    let (mut source, mut target) = (Vec::new(), Vec::new());
    tolk::moses::write(project, options, &mut source, &mut target)?;
    let meta = &project.meta;
    let (source_ext, target_ext) = if meta.source_lang == meta.target_lang {
        ("source".to_string(), "target".to_string())
    } else {
        (meta.source_lang.clone(), meta.target_lang.clone())
    };
    let with_ext = |ext: &str| {
        let mut name = output.as_os_str().to_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    };
    let paths = vec![with_ext(&source_ext), with_ext(&target_ext)];
    save(&paths[0], &source)?;
    save(&paths[1], &target)?;
    Ok(paths)
}

/// Writes an export atomically. The temporary file it comes from is private (0600); an export
/// is meant to be shared, so it is made readable like any file the user writes.
fn save(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    tolk::write_atomically(path, bytes, false)
        .with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    Ok(())
}
