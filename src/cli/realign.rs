//! `tolk realign`: realign the unlocked rows of a project (all, or a range) and save it.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use tolk::{AlignOptions, Cutting};

use super::align::read_words;

#[derive(Debug, Args)]
pub struct RealignArgs {
    /// The project file; it is saved in place (the old file is kept as .bak).
    pub project: PathBuf,
    /// Only rows A to B, numbered from 1 as in the window and in `tolk export --rows`, both
    /// included (`A-B`, or `N` for one row); default: all rows.
    #[arg(long, value_name = "A-B", value_parser = parse_rows)]
    pub rows: Option<(usize, usize)>,
    /// A bilingual word list, `source<TAB>target` per line, to help the aligner.
    #[arg(long, value_name = "LIST.tsv")]
    pub words: Option<PathBuf>,
    /// Cut the sentences again across rows: the rows of each paragraph are joined and cut
    /// with the project's segmentation rules, so rows cut apart at an abbreviation the rules
    /// now know come together. Without it a row boundary always stays a sentence boundary.
    /// Locked rows stay as they are.
    #[arg(long)]
    pub recut: bool,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

/// `A-B` as `tolk export --rows` reads it. The old form `A..B` (0-based, B excluded) is
/// refused with its translation into the new one, so a script written for it fails loudly
/// instead of realigning the wrong rows.
fn parse_rows(text: &str) -> Result<(usize, usize), String> {
    if let Some((a, b)) = text.split_once("..") {
        let old = a
            .trim()
            .parse::<usize>()
            .ok()
            .zip(b.trim().parse::<usize>().ok());
        let new = match old {
            Some((a, b)) if a < b => format!("`--rows {}-{b}`", a + 1),
            _ => "`--rows A-B`".to_string(),
        };
        return Err(format!(
            "{text}: --rows now numbers rows from 1, as the window and `tolk export --rows` do, \
             with both ends included; the old form A..B (from 0, B excluded) is no longer read: \
             write {new}"
        ));
    }
    super::export::parse_rows(text)
}

pub fn run(args: &RealignArgs) -> Result<()> {
    let author = super::author(None)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    let before = document.project().rows.len();
    let (first, last) = args.rows.unwrap_or((1, before));
    if args.rows.is_some() && last > before {
        bail!("--rows {first}-{last}: the project has {before} rows (numbered from 1 to {before})");
    }
    let options = AlignOptions {
        words: read_words(args.words.as_deref())?,
        ..AlignOptions::default()
    };
    let rows = first.saturating_sub(1)..last;
    let cutting = if args.recut {
        Cutting::AcrossRows
    } else {
        Cutting::InsideRows
    };
    let edit = tolk::realign_with(document.project(), rows, &options, cutting)?;
    let replaced = tolk::confirmed_rows_replaced(document.project(), &edit);
    document.apply(edit, &author)?;
    let after = document.project().rows.len();
    let what = if args.recut {
        "cut again and realigned"
    } else {
        "realigned"
    };
    let mut said =
        format!("{what} rows {first}-{last}; the project now has {after} rows (had {before})");
    if replaced > 0 {
        said.push_str("; ");
        said.push_str(&tolk::describe_confirmed_rows_replaced(replaced));
    }
    super::save(&mut document, &said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_from_one_inclusive_and_the_old_form_says_what_to_write() {
        assert_eq!(parse_rows("3-7").unwrap(), (3, 7));
        assert_eq!(parse_rows("5").unwrap(), (5, 5));
        assert!(parse_rows("7-3").is_err());
        assert!(parse_rows("0-3").is_err());
        let old = parse_rows("3..7").unwrap_err();
        assert!(old.contains("write `--rows 4-7`"), "{old}");
        assert!(parse_rows("x..y").unwrap_err().contains("`--rows A-B`"));
    }
}
