//! Measuring a segmenter against gold sentences: boundary precision, recall and F1.
//!
//! The gold is a list of paragraphs, each a list of sentences, read from a CoNLL-U treebank
//! (its `# text =` lines; `# newpar` and `# newdoc` start paragraphs) or from a plain file of
//! one sentence a line (a blank line between paragraphs). Each paragraph's sentences are
//! joined with a space and segmented again; a boundary is the byte offset where a sentence
//! starts (not the first of its paragraph). Recall is counted twice: over all gold
//! boundaries, and over the *punctuated* ones, where the sentence before ends in `.`, `?`,
//! `!` or `…` (behind any closing quotes or brackets): a rule-based segmenter cannot find the
//! others, and they are what most published figures leave out.

use std::ops::Range;

use super::segment::Segmenter;

/// Gold sentences, paragraph by paragraph.
pub type GoldParagraphs = Vec<Vec<String>>;

/// The sentences of a CoNLL-U file (`# text =` lines), split into paragraphs where a
/// `# newpar` or `# newdoc` comment stands. A treebank without such comments is one
/// paragraph per file.
pub fn read_conllu(text: &str) -> GoldParagraphs {
    let mut out: GoldParagraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.strip_prefix('#') else {
            continue;
        };
        let comment = comment.trim_start();
        if comment.starts_with("newpar") || comment.starts_with("newdoc") {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else if let Some(sentence) = comment.strip_prefix("text =") {
            let sentence = sentence.trim();
            if !sentence.is_empty() {
                current.push(sentence.to_string());
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The sentences of a plain file of one sentence a line; blank lines separate paragraphs.
pub fn read_lines(text: &str) -> GoldParagraphs {
    let mut out: GoldParagraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_string());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// One boundary the segmenter got wrong, with the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryError {
    /// True for a boundary the segmenter made that the gold lacks (a false positive); false
    /// for a gold boundary it missed.
    pub spurious: bool,
    /// Whether the gold sentence before a missed boundary ends in sentence punctuation.
    pub punctuated: bool,
    /// Up to 40 characters on each side, with `|` at the boundary.
    pub context: String,
}

/// Counts of one measurement; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoundaryScore {
    /// Gold sentences and gold boundaries (all, and punctuated only).
    pub sentences: usize,
    pub gold: usize,
    pub gold_punctuated: usize,
    /// Boundaries the segmenter made.
    pub predicted: usize,
    /// Predicted boundaries that are gold boundaries (all, and punctuated only).
    pub correct: usize,
    pub correct_punctuated: usize,
    pub errors: Vec<BoundaryError>,
}

/// Precision, recall and F1 as ratios (1 when nothing was to be found).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundaryPrf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl BoundaryPrf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(correct, predicted), ratio(correct, gold));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
        }
    }
}

impl BoundaryScore {
    /// Scores over all gold boundaries.
    pub fn all(&self) -> BoundaryPrf {
        BoundaryPrf::new(self.correct, self.predicted, self.gold)
    }

    /// Scores over punctuated gold boundaries: a predicted boundary at an unpunctuated gold
    /// boundary is neither counted right nor wrong.
    pub fn punctuated(&self) -> BoundaryPrf {
        let at_unpunctuated = self.correct - self.correct_punctuated;
        BoundaryPrf::new(
            self.correct_punctuated,
            self.predicted - at_unpunctuated,
            self.gold_punctuated,
        )
    }

    /// Adds another measurement's counts to these.
    pub fn add(&mut self, other: BoundaryScore) {
        self.sentences += other.sentences;
        self.gold += other.gold;
        self.gold_punctuated += other.gold_punctuated;
        self.predicted += other.predicted;
        self.correct += other.correct;
        self.correct_punctuated += other.correct_punctuated;
        self.errors.extend(other.errors);
    }
}

/// Whether a sentence ends in sentence punctuation, behind closing quotes and brackets.
pub fn ends_punctuated(sentence: &str) -> bool {
    sentence
        .trim_end()
        .trim_end_matches(['”', '’', '"', '»', ')', ']', '\''])
        .ends_with(['.', '?', '!', '…'])
}

/// Segments each gold paragraph (its sentences joined with a space) and compares the
/// boundaries.
pub fn score(segmenter: &Segmenter, gold: &[Vec<String>]) -> BoundaryScore {
    score_with(
        |text| {
            segmenter
                .sentence_spans(text)
                .iter()
                .skip(1)
                .map(|span: &Range<usize>| span.start)
                .collect()
        },
        gold,
    )
}

/// [`score`] for any segmenter (another program's, to compare): `starts` gives the byte
/// offsets where the sentences of a paragraph's text start, the first one left out.
pub fn score_with(starts: impl FnMut(&str) -> Vec<usize>, gold: &[Vec<String>]) -> BoundaryScore {
    let mut starts = starts;
    let mut total = BoundaryScore::default();
    for paragraph in gold {
        total.add(score_paragraph(&mut starts, paragraph));
    }
    total
}

/// Whether only quotation marks and white space stand between two boundaries: they are the
/// same boundary, whichever sentence the quote is given to. (Text+Berg's tokeniser cuts
/// "Himalaya. » Das" before the guillemet that closes the first sentence; Tolk and a reader
/// give it to the first.)
fn only_quotes_between(text: &str, a: usize, b: usize) -> bool {
    text[a.min(b)..a.max(b)]
        .chars()
        .all(|c| c.is_whitespace() || super::marks::is_quote(c))
}

fn score_paragraph(
    starts: &mut impl FnMut(&str) -> Vec<usize>,
    sentences: &[String],
) -> BoundaryScore {
    let text = sentences.join(" ");
    // Gold boundaries: where each sentence after the first starts, and whether the one
    // before it is punctuated.
    let mut gold: Vec<(usize, bool)> = Vec::with_capacity(sentences.len());
    let mut at = 0;
    for pair in sentences.windows(2) {
        at += pair[0].len() + 1;
        gold.push((at, ends_punctuated(&pair[0])));
    }
    let mut predicted = starts(&text);
    predicted.sort_unstable();
    predicted.dedup();
    predicted.retain(|&start| start > 0);
    let mut score = BoundaryScore {
        sentences: sentences.len(),
        gold: gold.len(),
        gold_punctuated: gold.iter().filter(|g| g.1).count(),
        predicted: predicted.len(),
        ..BoundaryScore::default()
    };
    let (mut g, mut p) = (0, 0);
    while g < gold.len() || p < predicted.len() {
        let next_gold = gold.get(g).map_or(usize::MAX, |x| x.0);
        let next_predicted = predicted.get(p).copied().unwrap_or(usize::MAX);
        if next_gold == next_predicted
            || (next_gold != usize::MAX
                && next_predicted != usize::MAX
                && only_quotes_between(&text, next_gold, next_predicted))
        {
            score.correct += 1;
            if gold[g].1 {
                score.correct_punctuated += 1;
            }
            g += 1;
            p += 1;
        } else if next_gold < next_predicted {
            score.errors.push(BoundaryError {
                spurious: false,
                punctuated: gold[g].1,
                context: context(&text, next_gold),
            });
            g += 1;
        } else {
            score.errors.push(BoundaryError {
                spurious: true,
                punctuated: false,
                context: context(&text, next_predicted),
            });
            p += 1;
        }
    }
    score
}

/// Up to 40 characters either side of `at`, with `|` between.
fn context(text: &str, at: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..at].chars().rev().take(40).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[at..].chars().take(40).collect();
    format!("{}|{}", before.trim_end(), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# newdoc id = d1\n# newpar id = p1\n# sent_id = 1\n# text = Hi there.\n\
1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n\n# sent_id = 2\n# text = why not?\n1\twhy\t_\t_\t_\t_\t0\troot\t_\t_\n\n\
# sent_id = 3\n# newpar id = p2\n# text = Dr. Smith came\n1\tDr.\t_\t_\t_\t_\t0\troot\t_\t_\n\n\
# sent_id = 4\n# text = He left.\n1\tHe\t_\t_\t_\t_\t0\troot\t_\t_\n";

    #[test]
    fn conllu_text_lines_are_read_in_paragraphs() {
        let gold = read_conllu(CONLLU);
        assert_eq!(
            gold,
            vec![
                vec!["Hi there.".to_string(), "why not?".to_string()],
                vec!["Dr. Smith came".to_string(), "He left.".to_string()],
            ]
        );
        assert_eq!(
            read_lines("a.\nb.\n\n\nc.\n"),
            vec![
                vec!["a.".to_string(), "b.".to_string()],
                vec!["c.".to_string()]
            ]
        );
    }

    #[test]
    fn boundaries_are_counted_and_errors_shown() {
        let en = Segmenter::for_language("en");
        // "Hi there. why not?" is one sentence to the default rules (lower-case start), and
        // "Dr. Smith came He left." too (the gold boundary is unpunctuated).
        let s = score(en, &read_conllu(CONLLU));
        assert_eq!((s.sentences, s.gold, s.gold_punctuated), (4, 2, 1));
        assert_eq!((s.predicted, s.correct, s.correct_punctuated), (0, 0, 0));
        assert_eq!(s.errors.len(), 2);
        assert_eq!(s.errors[0].context, "Hi there.|why not?");
        assert!(s.errors[0].punctuated && !s.errors[0].spurious);
        assert_eq!(s.punctuated().recall, 0.0);
        assert_eq!(s.all().precision, 1.0);
        // A spurious split is a false positive.
        let gold = vec![vec!["He met Mr. Brown. Then he left.".to_string()]];
        let s = score(en, &gold);
        assert_eq!((s.gold, s.predicted, s.correct), (0, 1, 0));
        assert!(s.errors[0].spurious);
        assert_eq!(s.punctuated().precision, 0.0);
        let gold = vec![vec![
            "One.".to_string(),
            "Two!".to_string(),
            "”Three?”".to_string(),
            "Four".to_string(),
        ]];
        let s = score(en, &gold);
        assert_eq!(s.gold_punctuated, 3);
        assert_eq!(s.punctuated().f1, 1.0);
    }

    #[test]
    fn a_quote_given_to_the_other_sentence_is_the_same_boundary() {
        // A tokeniser's gold gives the closing guillemet to the next sentence; Tolk gives it
        // to the one it closes.
        let gold = vec![vec![
            "« Corde trop tendue casse .".to_string(),
            "» Lorsque le Dhaulagiri aura été gravi .".to_string(),
        ]];
        let after_the_guillemet = |text: &str| vec![text.find("Lorsque").unwrap()];
        let s = score_with(after_the_guillemet, &gold);
        assert_eq!((s.gold, s.predicted, s.correct), (1, 1, 1));
        let s = score(Segmenter::for_language("fr"), &gold);
        assert_eq!((s.gold, s.predicted, s.correct), (1, 1, 1));
        // A word between them is not a quote: two errors.
        let starts = |_: &str| vec![5];
        let s = score_with(starts, &[vec!["Ett. Två.".to_string(), "Tre.".to_string()]]);
        assert_eq!((s.gold, s.predicted, s.correct), (1, 1, 0));
        assert_eq!(s.errors.len(), 2);
    }
}
