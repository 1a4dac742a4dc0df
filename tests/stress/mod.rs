//! Helpers of the aligner's stress tests: made-up parallel texts, the transformations that
//! stress the aligner, and the check of its strict F1 and of its confidence on wrong beads.
#![allow(dead_code)]

use std::collections::HashSet;

use tolk::{AlignOptions, Bead, Sentence, align, count};

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

/// Longest run of consecutive wrong beads allowed to have a mean confidence above
/// [`MAX_WRONG_CONFIDENCE`]: two (a single misplaced boundary).
const SHORT_RUN: usize = 2;
/// Highest mean confidence a run of wrong beads may carry.
pub const MAX_WRONG_CONFIDENCE: f32 = 0.9;

/// Which beads of `beads` are wrong: a bead is right when the gold links one of its source
/// sentences to one of its target sentences (lax), or when it is a gold bead's text (a
/// duplicated block can be aligned to either copy); a bead with an empty side is right when
/// the gold leaves its sentence without counterpart, or the same text is.
pub fn wrong(doc: &Doc, beads: &[Bead]) -> Vec<bool> {
    let (s, t, gold) = flatten(doc);
    let mut links = HashSet::new();
    let (mut linked_s, mut linked_t) = (HashSet::new(), HashSet::new());
    for (a, b) in &gold {
        for &i in a {
            for &j in b {
                links.insert((i, j));
                linked_s.insert(i);
                linked_t.insert(j);
            }
        }
    }
    let texts: HashSet<(Vec<&str>, Vec<&str>)> = doc
        .iter()
        .map(|(a, b)| {
            (
                a.iter().map(String::as_str).collect(),
                b.iter().map(String::as_str).collect(),
            )
        })
        .collect();
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
            if bead.source.is_empty() || bead.target.is_empty() {
                bead.source.clone().any(|i| linked_s.contains(&i))
                    || bead.target.clone().any(|j| linked_t.contains(&j))
            } else {
                !bead
                    .source
                    .clone()
                    .any(|i| bead.target.clone().any(|j| links.contains(&(i, j))))
            }
        })
        .collect()
}

/// Aligns `doc`, asserts strict F1 >= `floor` and that no run of more than [`SHORT_RUN`]
/// wrong beads has a mean confidence above [`MAX_WRONG_CONFIDENCE`]; returns the F1.
pub fn check(name: &str, doc: &Doc, floor: f64) -> f64 {
    let (s, t, gold) = flatten(doc);
    if let Ok(dir) = std::env::var("STRESS_DUMP") {
        let lines = |v: &[Sentence]| v.iter().map(|x| x.text.clone() + "\n").collect::<String>();
        let g: String = gold
            .iter()
            .map(|(a, b)| tolk::format_bead(a, b) + "\n")
            .collect();
        let base = std::path::Path::new(&dir).join(name.replace(' ', "_"));
        std::fs::write(base.with_extension("src"), lines(&s)).unwrap();
        std::fs::write(base.with_extension("tgt"), lines(&t)).unwrap();
        std::fs::write(base.with_extension("gold"), g).unwrap();
    }
    let a = align(&s, &t, &AlignOptions::default(), &[]).unwrap();
    let f1 = count(&gold, &tolk::to_index_beads(&a.beads))
        .scores()
        .strict
        .f1;
    eprintln!(
        "{name}: strict F1 {f1:.3}, mean confidence {:.3}",
        a.diagnostics.mean_confidence
    );
    assert!(f1 >= floor, "{name}: strict F1 {f1} below {floor}");
    let bad = wrong(doc, &a.beads);
    let mut run: Vec<f32> = Vec::new();
    for (bead, &w) in a.beads.iter().zip(&bad) {
        if w {
            run.push(bead.confidence);
            continue;
        }
        check_run(name, &run);
        run.clear();
    }
    check_run(name, &run);
    f1
}

fn check_run(name: &str, run: &[f32]) {
    if run.len() > SHORT_RUN {
        let mean = run.iter().sum::<f32>() / run.len() as f32;
        assert!(
            mean <= MAX_WRONG_CONFIDENCE,
            "{name}: {} wrong beads in a row with mean confidence {mean}",
            run.len()
        );
    }
}
