//! `tolk eval-align`: align documents that have a gold alignment and print strict and lax
//! precision, recall and F1, the confidence of the wrong beads, and (when both sides mark
//! paragraphs with empty lines) how many beads keep paragraphs consistent.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use tolk::{
    AlignOptions, Counts, ParagraphCounts, Sentence, WrongConfidence, align, count,
    paragraph_indices, parse_beads, to_index_beads,
};

use super::align::{read_presegmented, read_words};

/// Score the aligner (or a given alignment) against a gold alignment.
///
/// Either one document (`--source`, `--target`, `--gold`) or a directory `--dir` holding
/// documents `NAME.src`, `NAME.tgt`, `NAME.gold`, whose counts are summed. Inputs are one
/// sentence per line (an empty line ends a paragraph); the gold has one bead per line,
/// `[0, 1]:[0]`, `[]` for an empty side.
///
/// Besides precision, recall and F1 it prints the mean confidence of the beads that are not
/// gold beads and the highest mean confidence of a run of them (a wrong region should never
/// look sure), and, when both sides mark paragraphs, the paragraph consistency: the share of
/// paired beads all of whose (source paragraph, target paragraph) combinations the gold
/// links too.
#[derive(Debug, Args)]
pub struct EvalAlignArgs {
    /// Source sentences, one per line.
    #[arg(long, requires_all = ["target", "gold"], conflicts_with = "dir")]
    pub source: Option<PathBuf>,
    /// Target sentences, one per line.
    #[arg(long)]
    pub target: Option<PathBuf>,
    /// The gold alignment.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Score this alignment (same format as the gold) instead of running the aligner;
    /// single-document mode only.
    #[arg(long, requires = "source")]
    pub test: Option<PathBuf>,
    /// A directory of NAME.src / NAME.tgt / NAME.gold documents.
    #[arg(long, required_unless_present = "source")]
    pub dir: Option<PathBuf>,
    /// With `--dir`: score the alignments `NAME.beads` in this directory (another aligner's
    /// output, same format as the gold) instead of running the aligner. A document without
    /// its NAME.beads is an error, not a skip: a missing output would flatter the other tool.
    #[arg(long, requires = "dir", value_name = "DIR")]
    pub test_dir: Option<PathBuf>,
    /// A bilingual word list, `source<TAB>target` per line.
    #[arg(long, value_name = "LIST.tsv")]
    pub words: Option<PathBuf>,
    /// Print the scores of each document too.
    #[arg(long)]
    pub verbose: bool,
}

fn read_gold(path: &Path) -> Result<Vec<tolk::IndexBead>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_beads(&text).with_context(|| format!("in {}", path.display()))
}

/// Refuses an alignment that names a sentence the texts do not have or names one twice (an
/// alignment of other texts, or a broken output); sentences it leaves out count as misses.
/// The gold is held to the same: a gold of other texts scored as if it were this one's gave
/// figures that meant nothing, and an exit code of success.
fn check_covers(beads: &[tolk::IndexBead], sources: usize, targets: usize) -> Result<()> {
    for (side, len, pick) in [("source", sources, 0), ("target", targets, 1)] {
        let mut seen = vec![false; len];
        for bead in beads {
            let list = if pick == 0 { &bead.0 } else { &bead.1 };
            for &i in list {
                match seen.get_mut(i) {
                    None => bail!("{side} sentence {i} does not exist (the text has {len})"),
                    Some(true) => bail!("{side} sentence {i} is in two beads"),
                    Some(x) => *x = true,
                }
            }
        }
    }
    Ok(())
}

/// The figures of one document (or, summed, of several).
#[derive(Default)]
struct Figures {
    counts: Counts,
    /// None when the alignment was read from a file (no confidences).
    wrong: Option<WrongConfidence>,
    /// None when a side has no paragraph marks.
    paragraphs: Option<ParagraphCounts>,
}

impl std::ops::AddAssign for Figures {
    fn add_assign(&mut self, o: Self) {
        self.counts += o.counts;
        if let Some(w) = o.wrong {
            *self.wrong.get_or_insert_default() += w;
        }
        if let Some(p) = o.paragraphs {
            *self.paragraphs.get_or_insert_default() += p;
        }
    }
}

/// Aligns (or reads the alignment of) one document and counts its hits.
fn score_document(
    source: &Path,
    target: &Path,
    gold: &Path,
    test: Option<&Path>,
    options: &AlignOptions,
) -> Result<Figures> {
    let gold_path = gold;
    let gold = read_gold(gold_path)?;
    let s = read_presegmented(source)?;
    let t = read_presegmented(target)?;
    check_covers(&gold, s.len(), t.len())
        .with_context(|| format!("in the gold {}", gold_path.display()))?;
    if gold.iter().all(|(a, b)| a.is_empty() && b.is_empty()) && !(s.is_empty() && t.is_empty()) {
        bail!(
            "the gold {} has no beads, but the texts have {} and {} sentences",
            gold_path.display(),
            s.len(),
            t.len()
        );
    }
    let (test, wrong) = match test {
        Some(path) => {
            let beads = read_gold(path)?;
            check_covers(&beads, s.len(), t.len())
                .with_context(|| format!("in {}", path.display()))?;
            (beads, None)
        }
        None => {
            let a = align(&s, &t, options, &[])?;
            let beads = to_index_beads(&a.beads);
            let confidence: Vec<f32> = a.beads.iter().map(|b| b.confidence).collect();
            let wrong = WrongConfidence::of(&gold, &beads, &confidence);
            (beads, Some(wrong))
        }
    };
    let marks = |v: &[Sentence]| v.iter().skip(1).any(|x| x.starts_paragraph);
    let paragraphs = (marks(&s) && marks(&t)).then(|| {
        ParagraphCounts::of(
            &gold,
            &test,
            &paragraph_indices(s.iter().map(|x| x.starts_paragraph)),
            &paragraph_indices(t.iter().map(|x| x.starts_paragraph)),
        )
    });
    Ok(Figures {
        counts: count(&gold, &test),
        wrong,
        paragraphs,
    })
}

/// The NAME of every NAME.gold in `dir`, sorted. A gold without its NAME.src or NAME.tgt is
/// an error, not a skip: a document left out by a misnamed file would change the figures
/// without a word.
fn documents(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "gold")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            for ext in ["src", "tgt"] {
                if !dir.join(format!("{stem}.{ext}")).exists() {
                    bail!(
                        "{} has no {stem}.{ext} beside it (each NAME.gold needs NAME.src and \
                         NAME.tgt)",
                        path.display()
                    );
                }
            }
            names.push(stem.to_owned());
        }
    }
    names.sort();
    if names.is_empty() {
        bail!(
            "no NAME.gold (with NAME.src and NAME.tgt) in {}",
            dir.display()
        );
    }
    Ok(names)
}

/// Prints the scores of `counts` under `label`.
pub fn print_scores(label: &str, counts: &Counts) -> std::io::Result<()> {
    use std::io::Write;
    let s = counts.scores();
    let mut out = super::stdout();
    writeln!(out, "{label}")?;
    for (name, prf) in [("strict", s.strict), ("lax", s.lax)] {
        writeln!(
            out,
            "  {name:<6}  P {:.4}  R {:.4}  F1 {:.4}",
            prf.precision, prf.recall, prf.f1
        )?;
    }
    out.flush()
}

/// Prints all figures of a document or a set under `label`.
fn print_figures(label: &str, f: &Figures) -> std::io::Result<()> {
    use std::io::Write;
    print_scores(label, &f.counts)?;
    let mut out = super::stdout();
    if let Some(w) = &f.wrong {
        write!(
            out,
            "  wrong beads {} ({} of them split a gold bead into pairs), mean confidence {:.3}",
            w.wrong,
            w.splits,
            w.mean()
        )?;
        if let Some((mean, len)) = w.worst_run {
            write!(
                out,
                "; most confident run of other wrong beads: {len} bead(s) at {mean:.3}"
            )?;
        }
        writeln!(out)?;
    }
    if let Some(p) = &f.paragraphs {
        writeln!(
            out,
            "  paragraph consistency {:.4} ({} of {} paired beads)",
            p.ratio(),
            p.consistent,
            p.paired
        )?;
    }
    out.flush()
}

pub fn run(args: &EvalAlignArgs) -> Result<()> {
    let options = AlignOptions {
        words: read_words(args.words.as_deref())?,
        ..AlignOptions::default()
    };
    if let Some(dir) = &args.dir {
        let mut total = Figures::default();
        let mut worst: Option<(String, f64)> = None;
        let names = documents(dir)?;
        for name in &names {
            let test = args
                .test_dir
                .as_ref()
                .map(|d| d.join(format!("{name}.beads")));
            let f = score_document(
                &dir.join(format!("{name}.src")),
                &dir.join(format!("{name}.tgt")),
                &dir.join(format!("{name}.gold")),
                test.as_deref(),
                &options,
            )?;
            if args.verbose {
                print_figures(name, &f)?;
            }
            let f1 = f.counts.scores().strict.f1;
            if worst.as_ref().is_none_or(|w| f1 < w.1) {
                worst = Some((name.clone(), f1));
            }
            total += f;
        }
        print_figures(
            &format!("{} ({} documents)", dir.display(), names.len()),
            &total,
        )?;
        if let Some((name, f1)) = worst {
            use std::io::Write;
            let mut out = super::stdout();
            writeln!(out, "  worst document: {name} (strict F1 {f1:.4})")?;
            out.flush()?;
        }
        return Ok(());
    }
    let (Some(source), Some(target), Some(gold)) = (&args.source, &args.target, &args.gold) else {
        bail!("give --source, --target and --gold, or --dir");
    };
    let f = score_document(source, target, gold, args.test.as_deref(), &options)?;
    print_figures(&gold.display().to_string(), &f)?;
    Ok(())
}
