//! `tolk eval-segment`: segment gold sentences again and print boundary precision, recall and
//! F1 (all boundaries, and punctuated ones), for treebanks' `# text` lines or plain files.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use tolk::{BoundaryPrf, BoundaryScore, read_conllu, read_lines, score_boundaries};

/// Score the sentence segmenter against gold sentences.
///
/// Each FILE is a CoNLL-U treebank (`.conllu`: its `# text =` lines, paragraphs from
/// `# newpar`/`# newdoc`) or a plain text of one sentence a line (blank lines between
/// paragraphs). The sentences of each paragraph are joined with spaces and segmented again.
#[derive(Debug, Args)]
pub struct EvalSegmentArgs {
    /// Gold files (.conllu, or one sentence a line).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Language of the text (BCP 47 tag), which picks the rules.
    #[arg(long, default_value = "sv")]
    pub lang: String,
    /// A rules file adding abbreviations (the format of assets/segment/sv.txt).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Accept sentences that start in lower case (web text): after `?` or `!`, and after a
    /// period before a common sentence starter ("i", "the", "jag", ...).
    #[arg(long)]
    pub lenient: bool,
    /// Print every wrong boundary with its context (`-` missed, `+` spurious).
    #[arg(long)]
    pub errors: bool,
}

fn line(what: &str, prf: BoundaryPrf) -> String {
    format!(
        "{what}: P {:.4}  R {:.4}  F1 {:.4}",
        prf.precision, prf.recall, prf.f1
    )
}

pub fn run(args: &EvalSegmentArgs) -> Result<()> {
    use std::io::Write;
    let segmenter = super::segmenter_for(&args.lang, args.rules.as_ref(), args.lenient)?;
    let mut total = BoundaryScore::default();
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {} (UTF-8 text expected)", path.display()))?;
        let gold = if path.extension().is_some_and(|e| e == "conllu") {
            read_conllu(&text)
        } else {
            read_lines(&text)
        };
        let score = score_boundaries(&segmenter, &gold);
        if score.sentences == 0 {
            bail!(
                "{}: no gold sentences (a .conllu file needs `# text =` lines, a plain file \
                 one sentence a line)",
                path.display()
            );
        }
        total.add(score);
    }
    // Scoring no boundary is not a perfect score: say so instead of printing F1 1.0000.
    if total.gold == 0 {
        bail!(
            "nothing to score: the {} gold sentence(s) each stand alone in their paragraph, so \
             there is no boundary between sentences to find",
            total.sentences
        );
    }
    let mut out = super::stdout();
    if args.errors {
        for e in &total.errors {
            let mark = match (e.spurious, e.punctuated) {
                (true, _) => "+",
                (false, true) => "-",
                (false, false) => "- (unpunctuated)",
            };
            writeln!(out, "{mark} {}", e.context)?;
        }
    }
    let missed_punctuated = total.gold_punctuated - total.correct_punctuated;
    let spurious = total.predicted - total.correct;
    writeln!(
        out,
        "{} sentences, {} gold boundaries ({} punctuated), {} predicted; {} punctuated \
         boundaries missed, {} spurious",
        total.sentences,
        total.gold,
        total.gold_punctuated,
        total.predicted,
        missed_punctuated,
        spurious
    )?;
    writeln!(out, "{}", line("punctuated boundaries", total.punctuated()))?;
    writeln!(out, "{}", line("all boundaries", total.all()))?;
    out.flush()?;
    Ok(())
}
