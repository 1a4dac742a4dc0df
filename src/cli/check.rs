//! `tolk check`: runs the translator's checks on a project and prints one finding per line
//! (`row N: check-id: message`) or a JSON array; exit 0 when clean, 3 when something was
//! found, 1 on an error.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use tolk::{CheckId, CheckSetup, Checker};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project file.
    pub project: PathBuf,
    /// A glossary (TBX, or a two-column TSV/CSV) to check terms against, besides those the
    /// project names; may be given more than once.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Run only these checks (comma-separated ids): numbers, empty-target, same-as-source,
    /// end-punctuation, double-space, leading-trailing-space, brackets-quotes, inconsistent,
    /// term, spelling, length.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub checks: Option<Vec<String>>,
    /// Output: `text` (one finding per line) or `json` (an array of {row, check, side,
    /// message}).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also check the spelling of the source (OCR slips), whatever the project says.
    #[arg(long)]
    pub spell_source: bool,
    /// Accept the words of these word lists too: a list shipped with Tolk (`sv-1900`) or a
    /// file with one word per line.
    #[arg(long, value_name = "LIST")]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What the command found: whether there were findings (exit 3).
pub fn run(args: CheckArgs) -> anyhow::Result<bool> {
    let mut project = super::load(&args.project)?;
    let only = match &args.checks {
        None => None,
        Some(ids) => Some(
            ids.iter()
                .map(|id| match CheckId::from_id(id) {
                    Some(check) => Ok(check),
                    None => bail!(
                        "there is no check {id:?}; the checks are {}",
                        CheckId::ALL.map(CheckId::id).join(", ")
                    ),
                })
                .collect::<anyhow::Result<Vec<_>>>()?,
        ),
    };
    // Options of this run only: the project file is not changed.
    project.qa.spell_source |= args.spell_source;
    project.qa.word_lists.extend(args.words.iter().map(|w| {
        if tolk::check::shipped_word_lists().contains(&w.as_str()) {
            w.clone()
        } else {
            std::path::absolute(w).map_or(w.clone(), |p| p.display().to_string())
        }
    }));
    let setup = CheckSetup {
        glossaries: args.glossary.clone(),
        only,
        ..CheckSetup::default()
    };
    let checker = Checker::new(&project, Some(&args.project), &setup)
        .with_context(|| format!("cannot check {}", args.project.display()))?;
    for notice in checker.notices() {
        eprintln!("note: {notice}");
    }
    let findings = checker.check_all(&project);
    let number = |id| project.index_of(id).map_or(0, |i| i + 1);
    let mut out = super::stdout();
    match args.format {
        Format::Text => {
            for f in &findings {
                writeln!(out, "row {}: {}: {}", number(f.row), f.check, f.message)?;
            }
        }
        Format::Json => {
            let array: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    let mut value = serde_json::json!({
                        "row": number(f.row),
                        "check": f.check.id(),
                        "side": f.side.name(),
                        "message": f.message,
                    });
                    if let Some(range) = &f.range {
                        value["start"] = range.start.into();
                        value["end"] = range.end.into();
                    }
                    if !f.key.is_empty() {
                        value["key"] = f.key.clone().into();
                    }
                    value
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &array)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    if !findings.is_empty() {
        eprintln!("{} findings in {} rows", findings.len(), {
            let mut rows: Vec<_> = findings.iter().map(|f| f.row).collect();
            rows.dedup();
            rows.len()
        });
    }
    Ok(!findings.is_empty())
}
