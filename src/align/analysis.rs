//! What the aligner knows about each sentence of both sides before any search: its length,
//! closing mark, paragraph mark, whether it is a bare number, and its words. The same for
//! paragraphs taken as units (the paragraph level of the alignment) is derived from the
//! sentences' analysis, not by reading the text a second time: a paragraph's length is the
//! sum of its sentences', its words are theirs in order. A test checks that the derived
//! analysis is exactly the one of the paragraphs' joined texts.

use std::ops::Range;

use super::hash::FastMap;
use super::lexical::Vocab;
use super::tokenised::Tokenised;
use super::tokens::{Closing, closing, features};
use super::types::Sentence;

/// Everything about the whole text that both passes use.
#[derive(Debug, PartialEq)]
pub struct Text {
    pub src_len: Vec<f64>,
    pub tgt_len: Vec<f64>,
    pub src_closing: Vec<Closing>,
    pub tgt_closing: Vec<Closing>,
    pub src_para: Vec<bool>,
    pub tgt_para: Vec<bool>,
    /// Sentences that are bare numbers (page numbers): no lexical evidence, no anchor.
    pub src_bare: Vec<bool>,
    pub tgt_bare: Vec<bool>,
    /// How much of each unit's length is text that stands word for word on the other side
    /// too (a sentence left untranslated, as a page of LibreOffice's Chinese help is): it says
    /// nothing about how long a translation is, so the length ratio leaves it out.
    pub src_copied: Copied,
    pub tgt_copied: Copied,
    pub src_vocab: Vocab,
    pub tgt_vocab: Vocab,
}

/// The words of both sides, kept to derive the paragraph level's [`Text`] from.
pub struct Words {
    source: Tokenised,
    target: Tokenised,
}

/// The analysis of one side.
struct Side {
    len: Vec<f64>,
    closing: Vec<Closing>,
    para: Vec<bool>,
    bare: Vec<bool>,
    copied: Copied,
    vocab: Vocab,
}

/// The units (sentences or paragraphs) of one side that hold text standing word for word on
/// the other side, each with the length of that text, by index. Few in most texts, so kept
/// sparse: a length a unit beside the others' cost 16 MB at a million sentences a side, over
/// the aligner's memory goal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Copied(Vec<(usize, f64)>);

impl Copied {
    /// The length of copied text in units `range`.
    pub fn within(&self, range: Range<usize>) -> f64 {
        let from = self.0.partition_point(|&(i, _)| i < range.start);
        let to = self.0.partition_point(|&(i, _)| i < range.end);
        self.0[from..to].iter().map(|&(_, len)| len).sum()
    }
}

fn text(source: Side, target: Side) -> Text {
    Text {
        src_len: source.len,
        tgt_len: target.len,
        src_closing: source.closing,
        tgt_closing: target.closing,
        src_para: source.para,
        tgt_para: target.para,
        src_bare: source.bare,
        tgt_bare: target.bare,
        src_copied: source.copied,
        tgt_copied: target.copied,
        src_vocab: source.vocab,
        tgt_vocab: target.vocab,
    }
}

/// The analysis of the sentences of both sides.
pub fn analyse(source: &[Sentence], target: &[Sentence]) -> Text {
    analyse_keeping_words(source, target).0
}

/// [`analyse`], and the words of both sides for [`paragraph_text`].
pub fn analyse_keeping_words(source: &[Sentence], target: &[Sentence]) -> (Text, Words) {
    let (mut s, source_words) = sentences(source);
    let (mut t, target_words) = sentences(target);
    (s.copied, t.copied) = copied(source, target, (&s.len, &t.len));
    let words = Words {
        source: source_words,
        target: target_words,
    };
    (text(s, t), words)
}

fn sentences(sentences: &[Sentence]) -> (Side, Tokenised) {
    let tokens = Tokenised::new(sentences.iter().map(|s| s.text.as_str()));
    let bare: Vec<bool> = sentences.iter().map(|s| bare_number(&s.text)).collect();
    // Bare numbers count as empty sentences, so that a page number is no evidence for any
    // pairing and anchors nothing.
    let vocab = Vocab::from_tokens(
        &tokens,
        (0..sentences.len()).map(|s| (!bare[s]).then_some(s..s + 1)),
    );
    let features: Vec<_> = sentences.iter().map(|s| features(&s.text)).collect();
    let side = Side {
        len: features.iter().map(|f| f.length).collect(),
        closing: features.iter().map(|f| f.closing).collect(),
        para: sentences.iter().map(|s| s.starts_paragraph).collect(),
        bare,
        copied: Copied::default(),
        vocab,
    };
    (side, tokens)
}

/// The sentences of each side whose text (with a letter in it) stands on the other side too,
/// each occurrence matched once, with their lengths.
fn copied(
    source: &[Sentence],
    target: &[Sentence],
    (sl, tl): (&[f64], &[f64]),
) -> (Copied, Copied) {
    fn key(s: &Sentence) -> Option<&str> {
        let t = s.text.trim();
        t.contains(char::is_alphabetic).then_some(t)
    }
    // The target sentences of each text, first first, as a chain through `next` (one map
    // entry per distinct text and one index per sentence: no list allocated per text, which
    // on a book of a million distinct sentences would be a million allocations).
    const END: usize = usize::MAX;
    let mut first: FastMap<&str, usize> = FastMap::default();
    let mut next = vec![END; target.len()];
    for (j, sentence) in target.iter().enumerate().rev() {
        if let Some(k) = key(sentence) {
            next[j] = first.insert(k, j).unwrap_or(END);
        }
    }
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for (i, sentence) in source.iter().enumerate() {
        let Some(head) = key(sentence).and_then(|k| first.get_mut(k)) else {
            continue;
        };
        let j = *head;
        if j == END {
            continue;
        }
        *head = next[j];
        src.push((i, sl[i]));
        tgt.push((j, tl[j]));
    }
    tgt.sort_unstable_by_key(|&(j, _)| j);
    (Copied(src), Copied(tgt))
}

/// The analysis of the paragraphs of both sides as units (their sentences joined by
/// spaces, no paragraph marks), where paragraph `p` of a side is sentences
/// `bounds[p]..bounds[p + 1]`, from the analysis of the sentences (`text`, `words`).
pub fn paragraph_text(
    text: &Text,
    words: Words,
    (source, target): (&[Sentence], &[Sentence]),
    (source_bounds, target_bounds): (&[usize], &[usize]),
) -> Text {
    let s = paragraphs(
        source,
        (&text.src_len, &text.src_copied),
        &words.source,
        source_bounds,
    );
    let t = paragraphs(
        target,
        (&text.tgt_len, &text.tgt_copied),
        &words.target,
        target_bounds,
    );
    self::text(s, t)
}

fn paragraphs(
    sentences: &[Sentence],
    (len, copied): (&[f64], &Copied),
    tokens: &Tokenised,
    bounds: &[usize],
) -> Side {
    let units: Vec<Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
    let join = |r: Range<usize>| {
        let texts: Vec<&str> = sentences[r].iter().map(|s| s.text.as_str()).collect();
        texts.join(" ")
    };
    // White space between sentences adds no characters to the length.
    let lengths: Vec<f64> = units.iter().map(|r| len[r.clone()].iter().sum()).collect();
    // A bare number has at most 12 characters, white space aside.
    let bare: Vec<bool> = (units.iter().zip(&lengths))
        .map(|(r, &l)| l <= 12.0 && bare_number(&join(r.clone())))
        .collect();
    // The closing mark is read from the last two characters that are not white space: the
    // joined text of the last sentences that have them closes as the whole paragraph does.
    let closings: Vec<Closing> = units
        .iter()
        .map(|r| {
            let mut start = r.end;
            let mut chars = 0.0;
            while start > r.start && chars < 2.0 {
                start -= 1;
                chars += len[start];
            }
            closing(&join(start..r.end))
        })
        .collect();
    let vocab = Vocab::from_tokens(
        tokens,
        (units.iter().zip(&bare)).map(|(r, &b)| (!b).then(|| r.clone())),
    );
    Side {
        len: lengths,
        closing: closings,
        para: vec![false; units.len()],
        bare,
        copied: Copied(
            (units.iter().enumerate())
                .map(|(p, r)| (p, copied.within(r.clone())))
                .filter(|&(_, len)| len > 0.0)
                .collect(),
        ),
        vocab,
    }
}

/// A line of at most 12 characters, no letter and one number of at most four digits: "12",
/// "- 13 -", "[14]". A page number or a bare footnote mark, which a translation does not
/// translate. ("1. 1950 :", two numbers, is a list entry and stays a sentence.)
pub fn bare_number(text: &str) -> bool {
    let t = text.trim();
    // Nearly every sentence is longer: settled without looking at its digits.
    if t.chars().nth(12).is_some() {
        return false;
    }
    let groups = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>();
    t.chars().count() <= 12
        && groups.len() == 1
        && groups[0].len() <= 4
        && !t.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::paragraphs::bounds;

    /// Each paragraph as one sentence, its sentences joined by spaces: what the paragraph
    /// level aligned before its analysis was derived from the sentences'.
    fn units(sentences: &[Sentence]) -> Vec<Sentence> {
        bounds(sentences)
            .windows(2)
            .map(|w| {
                let texts: Vec<&str> = sentences[w[0]..w[1]]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect();
                Sentence::new(texts.join(" "))
            })
            .collect()
    }

    fn derived(source: &[Sentence], target: &[Sentence]) -> Text {
        let (text, words) = analyse_keeping_words(source, target);
        let (sb, tb) = (bounds(source), bounds(target));
        paragraph_text(&text, words, (source, target), (&sb, &tb))
    }

    fn side(paragraphs: &[&[&str]]) -> Vec<Sentence> {
        let mut out = Vec::new();
        for p in paragraphs {
            for (k, s) in p.iter().enumerate() {
                out.push(Sentence {
                    text: s.to_string(),
                    starts_paragraph: k == 0,
                });
            }
        }
        out
    }

    #[test]
    fn text_standing_on_both_sides_is_marked_once_per_occurrence() {
        // "Calc" twice in the source, once in the target: one pair. A bare number and a
        // translated sentence are not copied text.
        let source = side(&[&["Calc", "Öppna filen.", "Calc", "12"], &["Spara som"]]);
        let target = side(&[&["Calc", "Open the file.", "12"], &["Spara som"]]);
        let (text, words) = analyse_keeping_words(&source, &target);
        assert_eq!(text.src_copied, Copied(vec![(0, 4.0), (4, 8.0)]));
        assert_eq!(text.tgt_copied, Copied(vec![(0, 4.0), (3, 8.0)]));
        assert_eq!(text.src_copied.within(1..4), 0.0);
        assert_eq!(text.src_copied.within(0..5), 12.0);
        // A paragraph carries what its sentences carry.
        let (sb, tb) = (bounds(&source), bounds(&target));
        let paragraphs = paragraph_text(&text, words, (&source, &target), (&sb, &tb));
        assert_eq!(paragraphs.src_copied, Copied(vec![(0, 4.0), (1, 8.0)]));
        assert_eq!(paragraphs.tgt_copied, Copied(vec![(0, 4.0), (1, 8.0)]));
    }

    #[test]
    fn paragraphs_derived_from_sentences_are_the_joined_texts() {
        // Bare numbers alone and inside a paragraph, two bare numbers that make a list
        // entry together, a closing quote after the question, a mark split off as its own
        // sentence, an empty sentence, a capitalised first word of a later sentence (a name
        // in the paragraph), the same word with and without diacritics, white space.
        let source = side(&[
            &["Anna kom till Stockholm.", "Varför?"],
            &["12"],
            &["Hon sa: «Kom hit!»", "13", "Där bodde Elsa."],
            &["14", "15"],
            &["Höhe", "\"", ""],
            &["  Sedan  ", " ?"],
            &["Ja", "'"],
        ]);
        let target = side(&[
            &["Anna came to Stockholm.", "Why?"],
            &["She said: \"Come here!\"", "Elsa lived there."],
            &["- 12 -"],
            &["Hohe höhe", "Then", "!"],
        ]);
        let reference = analyse(&units(&source), &units(&target));
        assert_eq!(derived(&source, &target), reference);
        assert_eq!(
            reference.src_bare,
            [false, true, false, false, false, false, false]
        );
        assert!(reference.src_vocab.name[reference.src_vocab.id("varfor").unwrap() as usize]);
        assert_eq!(reference.tgt_closing[1], Closing::Plain);
        assert_eq!(reference.tgt_closing[3], Closing::Exclamation);
    }

    #[test]
    fn paragraphs_of_the_dev_documents_are_derived_exactly() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/align-dev");
        let Ok(sets) = std::fs::read_dir(&root) else {
            assert!(
                std::env::var_os("TOLK_REQUIRE_ALIGN_DEV").is_none(),
                "{} not found and TOLK_REQUIRE_ALIGN_DEV is set",
                root.display()
            );
            return;
        };
        let mut compared = 0;
        for set in sets.flatten().filter(|e| e.path().is_dir()) {
            let mut files: Vec<_> = std::fs::read_dir(set.path())
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "src"))
                .collect();
            files.sort();
            for src in files {
                let read = |p: &std::path::Path| -> Vec<Sentence> {
                    // Paragraphs of five lines, as benches/align_cli.sh makes them, and a
                    // paragraph break before every line that is a bare number.
                    let text = std::fs::read_to_string(p).unwrap();
                    text.lines()
                        .enumerate()
                        .map(|(k, l)| Sentence {
                            text: l.to_string(),
                            starts_paragraph: k % 5 == 0 || bare_number(l),
                        })
                        .collect()
                };
                let (s, t) = (read(&src), read(&src.with_extension("tgt")));
                let (mut paragraphs, mut joined) =
                    (derived(&s, &t), analyse(&units(&s), &units(&t)));
                // Text standing on both sides is found sentence by sentence, and a paragraph
                // carries what its sentences carry, where joined texts would match only whole.
                for text in [&mut paragraphs, &mut joined] {
                    (text.src_copied, text.tgt_copied) = (Copied::default(), Copied::default());
                }
                assert_eq!(paragraphs, joined, "{src:?}");
                compared += 1;
            }
        }
        assert!(compared >= 10, "{compared} documents");
    }
}
