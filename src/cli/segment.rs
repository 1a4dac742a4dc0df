//! `tolk segment`: show how Tolk splits a text into paragraphs and sentences.
//! (Sentences are substrings of their paragraph, so joining them with a space gives it back.)

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The text file (any common encoding; PDF line breaks and hyphens are undone), or a PDF,
    /// DOCX, ODT, HTML or EPUB document (recognised by content; its cleanup report goes to
    /// stderr).
    pub file: PathBuf,
    /// Language of the text (BCP 47 tag: sv, en, ...), which picks the abbreviation rules.
    #[arg(long, default_value = "sv")]
    pub lang: String,
    /// A rules file adding abbreviations (the format of assets/segment/sv.txt).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Accept sentences that start in lower case (web text): after `?` or `!`, and after a
    /// period before a common sentence starter ("i", "the", "jag", ...).
    #[arg(long)]
    pub lenient: bool,
    /// Print the cleaned paragraphs (one a line, blank lines between) instead of sentences.
    #[arg(long)]
    pub paragraphs: bool,
}

pub fn run(args: SegmentArgs) -> anyhow::Result<()> {
    let segmenter = super::segmenter_for(&args.lang, args.rules.as_ref(), args.lenient)?;
    let (text, report) = tolk::import_file_with_report(&args.file, &segmenter)?;
    if let Some(report) = report {
        eprintln!("{}", report.note("file", &args.file));
    }
    for warning in &text.warnings {
        eprintln!("warning: {}: {warning}", args.file.display());
    }
    let mut out = super::stdout();
    for (i, paragraph) in text.paragraphs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if args.paragraphs {
            writeln!(out, "{}", paragraph.sentences.join(" "))?;
        } else {
            for sentence in &paragraph.sentences {
                writeln!(out, "{sentence}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
