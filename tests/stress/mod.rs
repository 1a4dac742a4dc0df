//! Helpers of the aligner's stress tests: made-up parallel texts, the transformations that
//! stress the aligner (deleted, duplicated and moved blocks, headings, OCR garbage lines,
//! page numbers, captions listed apart, sentences merged into 2-1 and 1-2 beads), and the
//! checks of strict F1 and of the confidence of wrong beads, per document and per set.
#![allow(dead_code)]

pub mod dev;

use std::collections::HashSet;

use tolk::{AlignOptions, Bead, Counts, Sentence, align, count};

/// A document as its gold beads, each a list of source and a list of target sentences.
pub type Doc = Vec<(Vec<String>, Vec<String>)>;

/// A small deterministic generator (xorshift), so that the texts are the same every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const SOURCE_SYLLABLES: [&str; 12] = [
    "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "gu", "he",
];
const TARGET_SYLLABLES: [&str; 12] = [
    "zo", "xi", "qua", "bry", "ph", "ow", "ey", "ck", "th", "sw", "ju", "ly",
];

fn sentence(words: &[Vec<usize>], syllables: &[&str]) -> String {
    let mut s: String = words
        .iter()
        .map(|w| w.iter().map(|&k| syllables[k]).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s + "."
}

/// `n` beads of a made-up text and its cipher "translation" (each source syllable has a
/// fixed target syllable, so the two sides share no word); one bead in eight is a 1-2
/// (the translator split the sentence), one in twelve a 2-1.
pub fn cipher_doc(seed: u64, n: usize) -> Doc {
    let mut rng = Rng::new(seed);
    let vocab: Vec<Vec<usize>> = (0..400)
        .map(|_| (0..1 + rng.below(4)).map(|_| rng.below(12)).collect())
        .collect();
    let words = |rng: &mut Rng| -> Vec<Vec<usize>> {
        (0..4 + rng.below(18))
            .map(|_| vocab[rng.below(vocab.len())].clone())
            .collect()
    };
    let mut out = Vec::with_capacity(n);
    for b in 0..n {
        let w = words(&mut rng);
        let s = sentence(&w, &SOURCE_SYLLABLES);
        if b % 8 == 3 && w.len() >= 6 {
            let (x, y) = w.split_at(w.len() / 2);
            out.push((
                vec![s],
                vec![
                    sentence(x, &TARGET_SYLLABLES),
                    sentence(y, &TARGET_SYLLABLES),
                ],
            ));
        } else if b % 12 == 7 {
            let w2 = words(&mut rng);
            let mut both = w.clone();
            both.extend(w2.iter().cloned());
            out.push((
                vec![s, sentence(&w2, &SOURCE_SYLLABLES)],
                vec![sentence(&both, &TARGET_SYLLABLES)],
            ));
        } else {
            out.push((vec![s], vec![sentence(&w, &TARGET_SYLLABLES)]));
        }
    }
    out
}

/// Six picture captions (a mountain's name and height: unique names and numbers on both
/// sides) listed after the first bead of the source and, without counterpart in the
/// gold, at the end of the target, or `offset` beads after the source's list.
pub fn captions(base: &Doc, offset: Option<usize>) -> Doc {
    let peaks = [
        ("Dufourspitze", 4634),
        ("Weisshorn", 4506),
        ("Dom", 4545),
        ("Lyskamm", 4527),
        ("Täschhorn", 4491),
        ("Nadelhorn", 4327),
    ];
    let src = peaks.iter().enumerate().map(|(k, (p, h))| {
        (
            vec![format!("Bild {}: {p} von Süden, {h} m.", k + 1)],
            vec![],
        )
    });
    let tgt: Vec<_> = peaks
        .iter()
        .enumerate()
        .map(|(k, (p, h))| {
            (
                vec![],
                vec![format!("Figure {} : {p} vu du sud, {h} m.", k + 1)],
            )
        })
        .collect();
    let mut doc = vec![base[0].clone()];
    doc.extend(src);
    let at = offset.map_or(base.len(), |o| (1 + o).min(base.len()));
    doc.extend(base[1..at].iter().cloned());
    doc.extend(tgt);
    doc.extend(base[at..].iter().cloned());
    doc
}

/// The sentences of one side of a bead as gap beads of that side.
fn gaps(bead: &(Vec<String>, Vec<String>), source: bool) -> Vec<(Vec<String>, Vec<String>)> {
    if source {
        bead.0.iter().map(|s| (vec![s.clone()], vec![])).collect()
    } else {
        bead.1.iter().map(|t| (vec![], vec![t.clone()])).collect()
    }
}

/// Three blocks of 2 to 4 beads removed from one side (the other side's sentences have no
/// counterpart then), at a quarter, half and three quarters of the text.
pub fn deleted(base: &Doc, from_target: bool) -> Doc {
    let n = base.len();
    let blocks = [(n / 4, 2), (n / 2, 3), (3 * n / 4, 4)];
    let mut doc = Vec::new();
    for (b, bead) in base.iter().enumerate() {
        if blocks.iter().any(|&(at, len)| (at..at + len).contains(&b)) {
            doc.extend(gaps(bead, from_target));
        } else {
            doc.push(bead.clone());
        }
    }
    doc
}

/// Six source beads repeated right after themselves (a page scanned twice).
pub fn duplicated(base: &Doc) -> Doc {
    let at = (base.len() / 2).max(6);
    let mut doc = base[..at].to_vec();
    doc.extend(base[at - 6..at].iter().flat_map(|b| gaps(b, true)));
    doc.extend(base[at..].iter().cloned());
    doc
}

/// Six beads moved 20 beads further on the target side only: both copies are left without
/// a monotone counterpart.
pub fn moved(base: &Doc) -> Doc {
    let at = base.len() / 3;
    let to = (at + 26).min(base.len());
    let mut doc = base[..at].to_vec();
    doc.extend(base[at..at + 6].iter().flat_map(|b| gaps(b, true)));
    doc.extend(base[at + 6..to].iter().cloned());
    doc.extend(base[at..at + 6].iter().flat_map(|b| gaps(b, false)));
    doc.extend(base[to..].iter().cloned());
    doc
}

/// The first `k` words of a text, without final punctuation.
fn words(text: &str, k: usize) -> String {
    text.split_whitespace()
        .take(k)
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .to_string()
}

/// A translated heading without full stop every 20 beads: a Roman number and the first
/// words of the bead it stands before, on each side.
pub fn headings(base: &Doc) -> Doc {
    const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
    let mut doc = Vec::new();
    for (b, bead) in base.iter().enumerate() {
        if b % 20 == 5 && !bead.0.is_empty() && !bead.1.is_empty() {
            let r = ROMAN[(b / 20) % ROMAN.len()];
            doc.push((
                vec![format!("{r} {}", words(&bead.0[0], 2))],
                vec![format!("{r} {}", words(&bead.1[0], 2))],
            ));
        }
        doc.push(bead.clone());
    }
    doc
}

/// OCR garbage lines: three at the top of the source, two at the top of the target, and two
/// more in the middle of the source; none is a translation of another.
pub fn garbage(base: &Doc) -> Doc {
    const LINES: [&str; 5] = [
        "l1l ,;. ~ | Il !i .,",
        "— ■ ■ ,, ii",
        "^^ i l 1 l ;;",
        "»« ., ' I1 |",
        "; ; ii ~~ lI",
    ];
    let line = |k: usize| LINES[k % LINES.len()].to_string();
    let mut doc: Doc = (0..3).map(|k| (vec![line(k)], vec![])).collect();
    doc.extend((3..5).map(|k| (vec![], vec![line(k)])));
    let mid = base.len() / 2;
    doc.extend(base[..mid].iter().cloned());
    doc.extend((0..2).map(|k| (vec![line(k + 1)], vec![])));
    doc.extend(base[mid..].iter().cloned());
    doc
}

/// Bare page numbers on lines of their own, counting up together on both sides but placed
/// at different beads on each (every 15 beads, 7 beads apart): the same numbers, never
/// translations of each other.
pub fn page_numbers(base: &Doc) -> Doc {
    let mut doc = Vec::new();
    let (mut ps, mut pt) = (101, 101);
    for (b, bead) in base.iter().enumerate() {
        if b % 15 == 4 {
            doc.push((vec![ps.to_string()], vec![]));
            ps += 1;
        }
        if b % 15 == 11 {
            doc.push((vec![], vec![pt.to_string()]));
            pt += 1;
        }
        doc.push(bead.clone());
    }
    doc
}

/// Text heavy in 2-1 and 1-2 beads: of every three consecutive 1-1 beads, the first two
/// are merged on one side (alternately the target and the source) into one sentence.
pub fn merges(base: &Doc) -> Doc {
    let one = |b: &(Vec<String>, Vec<String>)| b.0.len() == 1 && b.1.len() == 1;
    // The first letter is lower-cased as a whole character: "Ändra" begins with two bytes,
    // and slicing one byte off it once dropped the whole second sentence (help sv-en merges
    // was then partly a deletion set).
    let join = |a: &str, b: &str| {
        let mut rest = b.chars();
        let first: String = rest
            .next()
            .into_iter()
            .flat_map(char::to_lowercase)
            .collect();
        format!(
            "{}, {first}{}",
            a.trim_end_matches(['.', '!', '?']),
            rest.as_str()
        )
    };
    let mut doc = Vec::new();
    let mut b = 0;
    let mut target_side = true;
    while b < base.len() {
        if b + 2 < base.len() && one(&base[b]) && one(&base[b + 1]) && b % 3 == 0 {
            let (x, y) = (&base[b], &base[b + 1]);
            doc.push(if target_side {
                (
                    vec![x.0[0].clone(), y.0[0].clone()],
                    vec![join(&x.1[0], &y.1[0])],
                )
            } else {
                (
                    vec![join(&x.0[0], &y.0[0])],
                    vec![x.1[0].clone(), y.1[0].clone()],
                )
            });
            target_side = !target_side;
            b += 2;
        } else {
            doc.push(base[b].clone());
            b += 1;
        }
    }
    doc
}

/// A transformation of a document.
pub type Transform = fn(&Doc) -> Doc;

/// Every stress transformation by name (captions as in the other tests: listed at the top
/// of the source and the bottom of the target).
pub fn transformations() -> Vec<(&'static str, Transform)> {
    vec![
        ("base", |d| d.clone()),
        ("deleted-target", |d| deleted(d, true)),
        ("deleted-source", |d| deleted(d, false)),
        ("duplicated", duplicated),
        ("moved", moved),
        ("headings", headings),
        ("garbage", garbage),
        ("page-numbers", page_numbers),
        ("merges", merges),
        ("captions", |d| captions(d, None)),
    ]
}

/// The sentences of both sides and the gold beads as index lists.
pub fn flatten(doc: &Doc) -> (Vec<Sentence>, Vec<Sentence>, Vec<tolk::IndexBead>) {
    let (mut s, mut t, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for (a, b) in doc {
        gold.push((
            (s.len()..s.len() + a.len()).collect(),
            (t.len()..t.len() + b.len()).collect(),
        ));
        s.extend(a.iter().map(Sentence::new));
        t.extend(b.iter().map(Sentence::new));
    }
    (s, t, gold)
}

/// Highest mean confidence a run of wrong beads may carry.
pub const MAX_WRONG_CONFIDENCE: f32 = 0.9;

/// Which beads of `beads` are wrong: a bead is right when it is a gold bead, or has the same
/// texts as one (a duplicated block can be aligned to either copy), or pairs sentences of
/// one gold bead only (a split: two 1-1 beads where the gold has one 2-2, each still a
/// translation pair; see `tolk::WrongConfidence`). Everything else is wrong, however short
/// the run and whether or not it overlaps a gold bead.
pub fn wrong(doc: &Doc, beads: &[Bead]) -> Vec<bool> {
    let (s, t, gold) = flatten(doc);
    let texts: HashSet<(Vec<&str>, Vec<&str>)> = doc
        .iter()
        .map(|(a, b)| {
            (
                a.iter().map(String::as_str).collect(),
                b.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let (mut of_s, mut of_t) = (vec![0; s.len()], vec![0; t.len()]);
    for (k, (a, b)) in gold.iter().enumerate() {
        a.iter().for_each(|&i| of_s[i] = k);
        b.iter().for_each(|&j| of_t[j] = k);
    }
    beads
        .iter()
        .map(|bead| {
            let key = (
                bead.source.clone().map(|i| s[i].text.as_str()).collect(),
                bead.target.clone().map(|j| t[j].text.as_str()).collect(),
            );
            if texts.contains(&key) {
                return false;
            }
            let within: HashSet<usize> = bead
                .source
                .clone()
                .map(|i| of_s[i])
                .chain(bead.target.clone().map(|j| of_t[j]))
                .collect();
            let split = !bead.source.is_empty() && !bead.target.is_empty() && within.len() == 1;
            !split
        })
        .collect()
}

/// Prints every wrong bead at or above confidence `at` with two beads of context on each
/// side (`STRESS_SHOW=0.9 cargo test ... -- --nocapture`), to read by hand why the
/// aligner was sure.
fn show(doc: &str, s: &[Sentence], t: &[Sentence], beads: &[Bead], bad: &[bool], at: f32) {
    let text = |v: &[Sentence], r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| v[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ‖ ")
    };
    // One bead: verdict, confidence, sentence ranges and texts, on one line or (`sep` a
    // line break) on three.
    let line = |k: usize, sep: &str| {
        let b = &beads[k];
        format!(
            "{} {:.3} {:?}-{:?}{sep}S: {}{sep}T: {}",
            if bad[k] { "WRONG" } else { "right" },
            b.confidence,
            b.source,
            b.target,
            text(s, &b.source),
            text(t, &b.target)
        )
    };
    let all = std::env::var("STRESS_DOC").is_ok_and(|d| doc == d);
    for k in 0..beads.len() {
        if all {
            eprintln!("{k:4} {}", line(k, " "));
            continue;
        }
        if !bad[k] || beads[k].confidence < at {
            continue;
        }
        eprintln!("=== {doc}: bead {k} wrong at {:.3}", beads[k].confidence);
        for c in k.saturating_sub(2)..(k + 3).min(beads.len()) {
            eprintln!("  {}", line(c, "\n      "));
        }
    }
}

/// What one aligned document gave.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub name: String,
    pub counts: Counts,
    pub f1: f64,
    /// Number of wrong beads and the sum of their confidences.
    pub wrong: (usize, f64),
    /// The run of wrong beads with the highest mean confidence: (mean, length).
    pub worst_run: Option<(f32, usize)>,
    /// The same among runs longer than [`SHORT_RUN`].
    pub long_run: Option<(f32, usize)>,
    /// Number of right beads and the sum of their confidences: a confidence low
    /// everywhere would keep wrong runs low and tell nothing.
    pub right: (usize, f64),
    /// Runs of wrong beads, however short, with a mean confidence above
    /// [`MAX_WRONG_CONFIDENCE`].
    pub confident_runs: usize,
}

/// Aligns `doc` and measures it; with `STRESS_DUMP` set, also writes it as
/// `$STRESS_DUMP/<set>/<name>.{src,tgt,gold}` for `tolk eval-align --dir`.
pub fn run(set: &str, name: &str, doc: &Doc) -> DocResult {
    let (s, t, _) = flatten(doc);
    run_marked(set, name, doc, s, t)
}

/// [`run`] on the sentences of `doc` as given, with whatever paragraph marks they carry.
pub fn run_marked(
    set: &str,
    name: &str,
    doc: &Doc,
    s: Vec<Sentence>,
    t: Vec<Sentence>,
) -> DocResult {
    let (_, _, gold) = flatten(doc);
    if let Ok(dir) = std::env::var("STRESS_DUMP") {
        let lines = |v: &[Sentence]| v.iter().map(|x| x.text.clone() + "\n").collect::<String>();
        let g: String = gold
            .iter()
            .map(|(a, b)| tolk::format_bead(a, b) + "\n")
            .collect();
        let dir = std::path::Path::new(&dir).join(set.replace(' ', "_"));
        std::fs::create_dir_all(&dir).unwrap();
        let base = dir.join(name.replace(' ', "_"));
        std::fs::write(base.with_extension("src"), lines(&s)).unwrap();
        std::fs::write(base.with_extension("tgt"), lines(&t)).unwrap();
        std::fs::write(base.with_extension("gold"), g).unwrap();
    }
    let a = align(&s, &t, &AlignOptions::default(), &[]).unwrap();
    let counts = count(&gold, &tolk::to_index_beads(&a.beads));
    let bad = wrong(doc, &a.beads);
    if let Ok(path) = std::env::var("STRESS_BEADS") {
        // One line per bead for offline study: set, document, index, source and target
        // ranges, confidence, wrong. A document's lines go in one appending write, so that
        // tests running in parallel do not interleave them.
        use std::fmt::Write as _;
        use std::io::Write as _;
        let mut lines = String::new();
        for (k, (b, w)) in a.beads.iter().zip(&bad).enumerate() {
            writeln!(
                lines,
                "{set}\t{name}\t{k}\t{}\t{}\t{}\t{}\t{}\t{}",
                b.source.start, b.source.end, b.target.start, b.target.end, b.confidence, w
            )
            .unwrap();
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap()
            .write_all(lines.as_bytes())
            .unwrap();
    }
    if let Some(at) = std::env::var("STRESS_SHOW")
        .ok()
        .and_then(|v| v.parse::<f32>().ok())
    {
        show(&format!("{set} {name}"), &s, &t, &a.beads, &bad, at);
    }
    let (mut n, mut sum) = (0, 0.0);
    let mut worst_run: Option<(f32, usize)> = None;
    let mut long_run: Option<(f32, usize)> = None;
    let mut confident_runs = 0;
    let mut run: Vec<f32> = Vec::new();
    let mut close = |run: &mut Vec<f32>| {
        if !run.is_empty() {
            let mean = run.iter().sum::<f32>() / run.len() as f32;
            confident_runs += usize::from(mean > MAX_WRONG_CONFIDENCE);
            if worst_run.is_none_or(|(m, _)| mean > m) {
                worst_run = Some((mean, run.len()));
            }
            if run.len() > SHORT_RUN && long_run.is_none_or(|(m, _)| mean > m) {
                long_run = Some((mean, run.len()));
            }
            run.clear();
        }
    };
    let mut right = (0, 0.0);
    for (bead, &w) in a.beads.iter().zip(&bad) {
        if w {
            n += 1;
            sum += f64::from(bead.confidence);
            run.push(bead.confidence);
        } else {
            right.0 += 1;
            right.1 += f64::from(bead.confidence);
            close(&mut run);
        }
    }
    close(&mut run);
    DocResult {
        name: name.to_string(),
        f1: counts.scores().strict.f1,
        counts,
        wrong: (n, sum),
        worst_run,
        long_run,
        right,
        confident_runs,
    }
}

/// Aligns `doc`, asserts strict F1 >= `floor` and that no run of more than [`SHORT_RUN`]
/// wrong beads has a mean confidence above [`MAX_WRONG_CONFIDENCE`]; returns the F1.
pub fn check(name: &str, doc: &Doc, floor: f64) -> f64 {
    checked(run("checks", name, doc), floor)
}

/// Asserts of `r` what [`check`] asserts; returns its F1.
pub fn checked(r: DocResult, floor: f64) -> f64 {
    let name = &r.name;
    eprintln!(
        "{name}: strict F1 {:.3}, most confident wrong run {:?}",
        r.f1, r.worst_run
    );
    assert!(r.f1 >= floor, "{name}: strict F1 {} below {floor}", r.f1);
    if let Some((mean, len)) = r.long_run {
        assert!(
            mean <= MAX_WRONG_CONFIDENCE,
            "{}: {len} wrong beads in a row with mean confidence {mean}",
            r.name
        );
    }
    r.f1
}

/// The figures of one stress set: its documents' counts summed.
#[derive(Debug)]
pub struct SetResult {
    pub set: String,
    pub docs: Vec<DocResult>,
}

impl SetResult {
    pub fn f1(&self) -> f64 {
        let mut c = Counts::default();
        for d in &self.docs {
            c += d.counts;
        }
        c.scores().strict.f1
    }

    pub fn worst(&self) -> &DocResult {
        self.docs
            .iter()
            .min_by(|a, b| a.f1.total_cmp(&b.f1))
            .expect("a set has documents")
    }

    /// Wrong beads and their mean confidence.
    pub fn wrong(&self) -> (usize, f64) {
        let n: usize = self.docs.iter().map(|d| d.wrong.0).sum();
        let sum: f64 = self.docs.iter().map(|d| d.wrong.1).sum();
        (n, if n == 0 { 0.0 } else { sum / n as f64 })
    }

    /// Mean confidence of the right beads.
    pub fn right_mean(&self) -> f64 {
        let n: usize = self.docs.iter().map(|d| d.right.0).sum();
        let sum: f64 = self.docs.iter().map(|d| d.right.1).sum();
        if n == 0 { 0.0 } else { sum / n as f64 }
    }

    /// Runs of wrong beads of the set above [`MAX_WRONG_CONFIDENCE`].
    pub fn confident_runs(&self) -> usize {
        self.docs.iter().map(|d| d.confident_runs).sum()
    }

    /// The most confident wrong run of the set: (mean, length, document).
    pub fn worst_run(&self) -> Option<(f32, usize, &str)> {
        self.docs
            .iter()
            .filter_map(|d| d.worst_run.map(|(m, l)| (m, l, d.name.as_str())))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    }

    /// One line for the test log and the README.
    pub fn line(&self) -> String {
        let worst = self.worst();
        let (n, mean) = self.wrong();
        let run = self
            .worst_run()
            .map_or("none".into(), |(m, l, d)| format!("{m:.3} ({l} in {d})"));
        format!(
            "| {} | {:.3} | {} {:.3} | {n} at {mean:.3} | {run} | {} | {:.3} |",
            self.set,
            self.f1(),
            worst.name,
            worst.f1,
            self.confident_runs(),
            self.right_mean(),
        )
    }
}

/// Runs every transformation over `docs` and returns one result per set.
pub fn run_sets(prefix: &str, docs: &[(String, Doc)]) -> Vec<SetResult> {
    transformations()
        .into_iter()
        .map(|(set, transform)| SetResult {
            set: format!("{prefix} {set}"),
            docs: docs
                .iter()
                .map(|(name, d)| run(&format!("{prefix}-{set}"), name, &transform(d)))
                .collect(),
        })
        .collect()
}

/// Longest run of wrong beads exempt from [`MAX_WRONG_CONFIDENCE`] in [`check_sets`]: single
/// beads and pairs still reach 0.93-0.999 on the dev documents (a false number match, a
/// bead one sentence too wide next to an OCR'd double sentence, a merge of two gold beads;
/// see the README), which a calibrated posterior cannot avoid: of the dev beads at 0.95 or
/// more, 1-3 in 100 are wrong. The sets check longer runs, count the short ones above the
/// bound against a ceiling, and check the mean of all wrong beads against
/// [`MAX_MEAN_WRONG`].
pub const SHORT_RUN: usize = 2;
/// Highest mean confidence of all wrong beads of a set.
pub const MAX_MEAN_WRONG: f64 = 0.8;

/// Prints the sets as a table and checks them: the set's strict F1 at least `floor(set)`,
/// no document below `doc_floor`, the mean confidence of its wrong beads at most
/// [`MAX_MEAN_WRONG`], and (with `long_runs`) no run of more than [`SHORT_RUN`] wrong beads
/// above [`MAX_WRONG_CONFIDENCE`].
pub fn check_sets(
    sets: &[SetResult],
    floor: impl Fn(&str) -> f64,
    doc_floor: f64,
    long_runs: bool,
) {
    eprintln!(
        "| set | strict F1 | worst document | wrong beads, mean confidence | most confident wrong run \
         | wrong runs above 0.9 | right beads, mean confidence |"
    );
    for s in sets {
        eprintln!("{}", s.line());
    }
    let mut failures = Vec::new();
    for s in sets {
        let name = s.set.rsplit(' ').next().unwrap_or("");
        if s.f1() < floor(name) {
            failures.push(format!(
                "{}: strict F1 {:.3} < {}",
                s.set,
                s.f1(),
                floor(name)
            ));
        }
        let w = s.worst();
        if w.f1 < doc_floor {
            failures.push(format!(
                "{}: {} at {:.3} < {doc_floor}",
                s.set, w.name, w.f1
            ));
        }
        let (n, mean) = s.wrong();
        if n > 0 && mean > MAX_MEAN_WRONG {
            failures.push(format!("{}: {n} wrong beads at {mean:.3}", s.set));
        }
        for d in s.docs.iter().filter(|_| long_runs) {
            if let Some((m, l)) = d.long_run
                && m > MAX_WRONG_CONFIDENCE
            {
                failures.push(format!(
                    "{}: {l} wrong beads in {} at {m:.3}",
                    s.set, d.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
