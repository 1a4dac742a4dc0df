//! `tolk export`: a project as TMX, XLIFF, TSV, CSV, Moses parallel text, side-by-side HTML,
//! SRX rules, or DOCX (a review table, or the changes since a milestone as tracked changes).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use tolk::{ExportFormat, InvalidChars, Options, Status, Units};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Where to write; `-` for standard output. For moses, the prefix of the two files:
    /// OUT.SOURCE_LANG and OUT.TARGET_LANG. Never a Tolk project (the export refuses).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Export only rows with these statuses (comma-separated: untranslated, draft,
    /// translated, reviewed). Default: translated,reviewed for TMX (a translation memory holds
    /// finished work; rows with an empty target are left out too unless untranslated is
    /// asked for), all for the other formats.
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
    /// Export only rows A to B, numbered from 1 as in the window, both included (`A-B`, or
    /// `N` for one row).
    #[arg(long, value_name = "A-B", value_parser = parse_rows)]
    pub rows: Option<(usize, usize)>,
    /// HTML: colour rows by status, with a legend.
    #[arg(long)]
    pub status_colours: bool,
    /// docx-changes: the milestone whose changes are shown (its name, as `tolk milestone`
    /// lists them).
    #[arg(long, value_name = "MILESTONE")]
    pub since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// TMX 1.4b
    Tmx,
    /// XLIFF 2.0
    Xliff,
    /// XLIFF 1.2
    Xliff12,
    /// Tab-separated: source, target, status, confidence, paragraph, locked, row, author
    Tsv,
    /// Comma-separated for spreadsheets (RFC 4180 quoting, UTF-8 with BOM), same columns
    Csv,
    /// Two plain files, one unit per line
    Moses,
    /// A self-contained side-by-side web page
    Html,
    /// Tolk's sentence segmentation rules for both languages, as SRX 2.0 (for OmegaT)
    Srx,
    /// A Word review table (landscape): row number, source, target, status, notes
    Docx,
    /// The changes since a milestone (--since) as a Word table whose texts carry tracked
    /// changes to accept or reject in Word or LibreOffice
    DocxChanges,
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

/// `A-B` or `N`: rows numbered from 1, both ends included (also `tolk realign --rows`).
pub(super) fn parse_rows(text: &str) -> Result<(usize, usize), String> {
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{s:?} is not a row number (rows are numbered from 1)"))
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (number(text)?, number(text)?),
    };
    if first > last {
        return Err(format!(
            "{first}-{last}: the first row comes after the last"
        ));
    }
    Ok((first, last))
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let loaded = tolk::load_project(&args.project)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", args.project.display());
    }
    let project = match args.rows {
        None => loaded.project,
        Some((first, last)) => {
            tolk::rows_between(&loaded.project, first, last).ok_or_else(|| {
                anyhow::anyhow!(
                    "rows {first}-{last} are not in the project, which has {} rows",
                    loaded.project.rows.len()
                )
            })?
        }
    };
    let format = match args.format {
        Format::Tmx => ExportFormat::Tmx,
        Format::Xliff => ExportFormat::Xliff,
        Format::Xliff12 => ExportFormat::Xliff12,
        Format::Tsv => ExportFormat::Tsv,
        Format::Csv => ExportFormat::Csv,
        Format::Moses => ExportFormat::Moses,
        Format::Html => ExportFormat::Html,
        Format::Srx => ExportFormat::Srx,
        Format::Docx => ExportFormat::Docx,
        Format::DocxChanges => ExportFormat::DocxChanges,
    };
    match (format, &args.since) {
        (ExportFormat::DocxChanges, None) => anyhow::bail!(
            "--format docx-changes needs --since MILESTONE: the milestone whose changes are shown"
        ),
        (ExportFormat::DocxChanges, Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            anyhow::bail!("--since is for --format docx-changes; this format exports every row")
        }
    }
    let options = Options {
        statuses: if args.status.is_empty() {
            format.default_statuses()
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
        first_row: args.rows.map_or(1, |(first, _)| first),
        since: args.since.clone(),
    };
    let selection = tolk::select(&project, format, &options);
    let units = selection.units.len();
    let left_out = selection.left_out.describe();
    if format == ExportFormat::DocxChanges {
        let written = tolk::export_to(
            &project,
            format,
            &options,
            &args.output,
            Some(&args.project),
        )?;
        let since = args.since.as_deref().unwrap_or_default();
        let changes = tolk::docx_changes::selected(&project, &options)?
            .items
            .len();
        eprintln!(
            "{}: {changes} changes since the milestone \"{since}\"",
            written.paths[0].display()
        );
        say_backups(&written);
        return Ok(());
    }
    let written = tolk::export_to(
        &project,
        format,
        &options,
        &args.output,
        Some(&args.project),
    )?;
    let names: Vec<String> = (written.paths.iter())
        .map(|p| p.display().to_string())
        .collect();
    if format == ExportFormat::Srx {
        let meta = &project.meta;
        eprintln!(
            "{}: segmentation rules for {} and {}",
            names.join(", "),
            meta.source_lang,
            meta.target_lang
        );
        say_backups(&written);
        return Ok(());
    }
    match left_out {
        Some(left_out) => eprintln!("{}: {units} units ({left_out})", names.join(", ")),
        None => eprintln!("{}: {units} units", names.join(", ")),
    }
    say_backups(&written);
    Ok(())
}

/// Says where the files an export replaced are kept, so that no replaced file goes unsaid.
fn say_backups(written: &tolk::Exported) {
    if let Some(backups) = written.describe_backups() {
        eprintln!("{}: {backups}", written.paths[0].display());
    }
}
