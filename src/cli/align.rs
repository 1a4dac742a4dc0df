//! `tolk align`: align two texts sentence by sentence and print the beads.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use tolk::{AlignOptions, Alignment, Sentence, WordList, align, format_bead};

use super::align_json::join;

/// Align a source text with its translation, sentence by sentence.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source text.
    pub source: PathBuf,
    /// The target text (the translation).
    pub target: PathBuf,
    /// Language of the source (BCP 47, e.g. `sv`); chooses the sentence segmentation rules.
    #[arg(long, default_value = "sv")]
    pub source_lang: String,
    /// Language of the target (BCP 47, e.g. `en`); chooses the sentence segmentation rules.
    #[arg(long, default_value = "en")]
    pub target_lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Tsv)]
    pub format: Format,
    /// Write the output here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The inputs hold one sentence per line (an empty line ends a paragraph) and are not
    /// segmented again. Without it, the inputs are plain texts, imported and segmented.
    #[arg(long)]
    pub presegmented: bool,
    /// Accept sentences that start in lower case (web text): after `?` or `!`, and after a
    /// period before a common sentence starter ("i", "the", "jag", ...).
    #[arg(long, conflicts_with = "presegmented")]
    pub lenient: bool,
    /// A bilingual word list, `source<TAB>target` per line, to help the aligner.
    #[arg(long, value_name = "LIST.tsv")]
    pub words: Option<PathBuf>,
    /// Print sentence counts, timings and diagnostics to standard error.
    #[arg(long)]
    pub verbose: bool,
}

/// How `tolk align` prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source text, target text and confidence, tab-separated, one bead per line.
    Tsv,
    /// A JSON object with the beads (indices, texts, confidence) and diagnostics.
    Json,
    /// The gold format `[0, 1]:[0]`, one bead per line (`[]` for an empty side).
    Beads,
}

/// Reads a one-sentence-per-line file. Empty lines are not sentences: they mark the start
/// of a new paragraph, so sentence indices count non-empty lines only.
pub fn read_presegmented(path: &Path) -> Result<Vec<Sentence>> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
    let mut out = Vec::new();
    let mut new_paragraph = true;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            new_paragraph = true;
            continue;
        }
        out.push(Sentence {
            text: line.to_owned(),
            starts_paragraph: new_paragraph,
        });
        new_paragraph = false;
    }
    // A vector grown by doubling has up to half its room unused: 32 MB on a million lines.
    out.shrink_to_fit();
    Ok(out)
}

/// Imports a plain text file (any common encoding) and splits it into paragraphs and
/// sentences with the segmentation rules of `lang` (lenient or strict).
pub fn read_text(path: &Path, lang: &str, lenient: bool) -> Result<Vec<Sentence>> {
    if let Some(note) = tolk::Segmenter::generic_rules_note(lang) {
        eprintln!("note: {}: {note}", path.display());
    }
    let imported = tolk::import_file(path, tolk::Segmenter::built_in(lang, lenient))?;
    Ok(imported
        .sentences()
        .map(|(text, starts_paragraph)| Sentence {
            text: text.to_owned(),
            starts_paragraph,
        })
        .collect())
}

/// Reads a user word list given on the command line.
pub fn read_words(path: Option<&Path>) -> Result<Option<WordList>> {
    let Some(path) = path else { return Ok(None) };
    let text = fs::read_to_string(path)
        .with_context(|| format!("cannot read word list {}", path.display()))?;
    let list = WordList::parse(&text).with_context(|| format!("in {}", path.display()))?;
    Ok(Some(list))
}

pub fn run(args: &AlignArgs) -> Result<()> {
    let started = Instant::now();
    let (source, target) = if args.presegmented {
        (
            read_presegmented(&args.source)?,
            read_presegmented(&args.target)?,
        )
    } else {
        (
            read_text(&args.source, &args.source_lang, args.lenient)?,
            read_text(&args.target, &args.target_lang, args.lenient)?,
        )
    };
    let options = AlignOptions {
        words: read_words(args.words.as_deref())?,
        ..AlignOptions::default()
    };
    if args.verbose {
        eprintln!(
            "source: {} sentences ({}), target: {} sentences ({})",
            source.len(),
            args.source_lang,
            target.len(),
            args.target_lang,
        );
    }
    let aligned_at = Instant::now();
    let alignment = align(&source, &target, &options, &[])?;
    let align_time = aligned_at.elapsed();

    match &args.output {
        Some(path) => {
            // Written by the rules every output follows (atomic, never over a project),
            // streamed as it is rendered.
            tolk::output::refuse_replacing_a_project(path, None)?;
            let mut inputs = vec![
                ("source text", args.source.as_path()),
                ("target text", args.target.as_path()),
            ];
            inputs.extend(args.words.as_deref().map(|w| ("word list", w)));
            tolk::output::refuse_replacing_an_input(path, &inputs)?;
            let mut render = |out: &mut dyn Write| {
                write_alignment(out, args.format, &source, &target, &alignment)
                    .map_err(std::io::Error::other)
            };
            let kept = tolk::output::backup_to_keep(path);
            tolk::output::write_output_with(
                path,
                tolk::output::WriteOptions::keeping_backup(),
                &mut render,
            )?;
            if let Some(kept) = tolk::output::describe_kept(kept.as_slice()) {
                eprintln!("{}: {kept}", path.display());
            }
        }
        None => {
            let mut out = super::stdout();
            write_alignment(&mut out, args.format, &source, &target, &alignment)?;
            out.flush()?;
        }
    }

    let d = &alignment.diagnostics;
    for w in &d.warnings {
        eprintln!("warning: {w}");
    }
    if args.verbose {
        eprintln!(
            "{} beads ({} not 1-1, {} with an empty side), mean confidence {:.3}, \
             band widened {} times",
            d.beads, d.non_one_to_one, d.unaligned, d.mean_confidence, d.band_widenings
        );
        eprintln!(
            "aligned in {:.3} s ({:.3} s in all)",
            align_time.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Writes `alignment` in `format`.
pub fn write_alignment(
    out: &mut dyn Write,
    format: Format,
    source: &[Sentence],
    target: &[Sentence],
    alignment: &Alignment,
) -> Result<()> {
    match format {
        Format::Beads => {
            for b in &alignment.beads {
                let s: Vec<usize> = b.source.clone().collect();
                let t: Vec<usize> = b.target.clone().collect();
                writeln!(out, "{}", format_bead(&s, &t))?;
            }
        }
        Format::Tsv => {
            for b in &alignment.beads {
                // Tabs and newlines inside a sentence would break the columns.
                let clean = |s: String| s.replace(['\t', '\n'], " ");
                writeln!(
                    out,
                    "{}\t{}\t{:.3}",
                    clean(join(source, b.source.clone())),
                    clean(join(target, b.target.clone())),
                    b.confidence
                )?;
            }
        }
        Format::Json => super::align_json::write_json(out, source, target, alignment)?,
    }
    Ok(())
}
