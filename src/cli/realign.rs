//! `tolk realign`: realign the unlocked rows of a project (all, or a range) and save it.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use tolk::AlignOptions;

use super::align::read_words;

#[derive(Debug, Args)]
pub struct RealignArgs {
    /// The project file; it is saved in place (the old file is kept as .bak).
    pub project: PathBuf,
    /// Only these rows, as `A..B` (0-based, B excluded); default: all rows.
    #[arg(long, value_name = "A..B")]
    pub rows: Option<String>,
    /// A bilingual word list, `source<TAB>target` per line, to help the aligner.
    #[arg(long, value_name = "LIST.tsv")]
    pub words: Option<PathBuf>,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

/// Parses `A..B`.
fn parse_range(text: &str) -> Result<std::ops::Range<usize>> {
    let (a, b) = text
        .split_once("..")
        .with_context(|| format!("--rows wants A..B, got {text:?}"))?;
    let a: usize = a
        .trim()
        .parse()
        .with_context(|| format!("bad start in {text:?}"))?;
    let b: usize = b
        .trim()
        .parse()
        .with_context(|| format!("bad end in {text:?}"))?;
    if a > b {
        bail!("--rows {text}: the start is after the end");
    }
    Ok(a..b)
}

pub fn run(args: &RealignArgs) -> Result<()> {
    let author = super::author(None)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    let before = document.project().rows.len();
    let rows = match &args.rows {
        Some(text) => parse_range(text)?,
        None => 0..before,
    };
    let options = AlignOptions {
        words: read_words(args.words.as_deref())?,
        ..AlignOptions::default()
    };
    let edit = tolk::realign_with(document.project(), rows.clone(), &options)?;
    document.apply(edit, &author)?;
    let after = document.project().rows.len();
    super::save(
        &mut document,
        &format!(
            "realigned rows {}..{}; the project now has {after} rows (had {before})",
            rows.start, rows.end
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse() {
        assert_eq!(parse_range("3..7").unwrap(), 3..7);
        assert!(parse_range("7..3").is_err());
        assert!(parse_range("3-7").is_err());
    }
}
