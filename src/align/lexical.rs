//! The lexical evidence: which source words may translate which target words (identical
//! numbers and names, cognates, the user's list, the learnt lexicon), and how much two
//! sentences share under that table.

use super::cognates::cognate_pairs;
use super::flat::FlatLists;
use super::hash::FastMap;
use std::ops::Range;

use super::tokenised::Tokenised;
use super::tokens::is_number;
use super::wordlist::WordList;

/// Extra weight of a shared number: numbers are rarely changed by translation.
const NUMBER_WEIGHT: f32 = 2.0;
/// Extra weight of a shared name.
const NAME_WEIGHT: f32 = 1.5;
/// Shortest identical non-number word that counts as an anchor.
const MIN_IDENTICAL_CHARS: usize = 4;

/// The words of one side, interned, with their document frequencies.
#[derive(Debug, Default, PartialEq)]
pub struct Vocab {
    pub words: Vec<String>,
    ids: FastMap<String, u32>,
    /// Number of sentences each word occurs in.
    pub df: Vec<u32>,
    /// Whether the word was ever seen as a number / a name.
    pub number: Vec<bool>,
    pub name: Vec<bool>,
    /// Each sentence as its sorted, deduplicated word ids, all in one list (a `Vec` per
    /// sentence cost more in headers and allocations than the ids themselves).
    pub sentences: FlatLists<u32>,
}

impl Vocab {
    /// Interns the words of all `sentences` (each one unit).
    #[cfg(test)]
    pub fn build<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Self {
        let tokens = Tokenised::new(sentences);
        Self::from_tokens(&tokens, (0..tokens.sentences.len()).map(|s| Some(s..s + 1)))
    }

    /// The words of `units`, each a run of sentences of `tokens` read as one text (their
    /// words in order, as in the sentences joined by spaces), or `None` for a unit that
    /// counts as an empty text. Word ids are given in the order the words first occur in
    /// the units, and a capitalised word that is not the first of its unit marks a name,
    /// exactly as if each unit's text had been split into words again.
    pub fn from_tokens(
        tokens: &Tokenised,
        units: impl IntoIterator<Item = Option<Range<usize>>>,
    ) -> Self {
        let mut v = Vocab::default();
        // Per normalised form, its id here (u32::MAX: not seen yet).
        let mut local = vec![u32::MAX; tokens.forms.len()];
        let mut ids: Vec<u32> = Vec::new();
        for unit in units {
            ids.clear();
            let spellings = unit
                .into_iter()
                .flat_map(|r| r.map(|s| tokens.sentences.get(s)))
                .flatten();
            for (pos, &spelling) in spellings.enumerate() {
                let form = tokens.form[spelling as usize] as usize;
                let mut id = local[form];
                if id == u32::MAX {
                    id = v.intern(tokens.forms[form].clone());
                    local[form] = id;
                }
                if pos > 0 && tokens.name_like[spelling as usize] {
                    v.name[id as usize] = true;
                }
                ids.push(id);
            }
            ids.sort_unstable();
            ids.dedup();
            for &id in &ids {
                v.df[id as usize] += 1;
            }
            v.sentences.push(ids.iter().copied());
        }
        v.sentences.shrink_to_fit();
        v
    }

    fn intern(&mut self, norm: String) -> u32 {
        if let Some(&id) = self.ids.get(&norm) {
            return id;
        }
        let id = self.words.len() as u32;
        self.number.push(is_number(&norm));
        self.name.push(false);
        self.df.push(0);
        self.ids.insert(norm.clone(), id);
        self.words.push(norm);
        id
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Whether a word is frequent enough to be a function word. Such words carry little
    /// evidence about which sentence is which, and are left out of the lexical score.
    pub fn is_frequent(&self, id: u32) -> bool {
        let n = self.sentences.len() as f32;
        let df = self.df[id as usize] as f32;
        df > 3.0 && df > 0.08 * n
    }
}

/// Source word id -> candidate target word ids with a strength in (0, 1].
#[derive(Debug, Default, Clone)]
pub struct Table {
    entries: FastMap<u32, Vec<(u32, f32)>>,
}

impl Table {
    /// Adds (or strengthens) one entry.
    pub fn add(&mut self, source: u32, target: u32, strength: f32) {
        let list = self.entries.entry(source).or_default();
        match list.iter_mut().find(|e| e.0 == target) {
            Some(e) => e.1 = e.1.max(strength),
            None => list.push((target, strength)),
        }
    }

    /// The entries of full strength (identical words, the user's list) as source word ->
    /// target words: the pairs trusted enough to place anchors.
    pub fn strong_pairs(&self) -> FastMap<u32, Vec<u32>> {
        let mut out: FastMap<u32, Vec<u32>> = FastMap::default();
        for (&u, list) in &self.entries {
            for &(v, strength) in list {
                if strength >= 1.0 {
                    out.entry(u).or_default().push(v);
                }
            }
        }
        out
    }

    /// The entries that need no learning: identical numbers and longer identical words or
    /// names, cognates, and the user's word list.
    pub fn seed(src: &Vocab, tgt: &Vocab, words: Option<&WordList>) -> Self {
        let mut table = Table::default();
        for (i, w) in src.words.iter().enumerate() {
            let Some(j) = tgt.id(w) else { continue };
            let number = src.number[i] && tgt.number[j as usize];
            let name = src.name[i] || tgt.name[j as usize];
            if number || name || w.chars().count() >= MIN_IDENTICAL_CHARS {
                table.add(i as u32, j, 1.0);
            }
        }
        let sw: Vec<&str> = src.words.iter().map(String::as_str).collect();
        let tw: Vec<&str> = tgt.words.iter().map(String::as_str).collect();
        for (i, j, strength) in cognate_pairs(&sw, &tw) {
            table.add(i, j, strength);
        }
        if let Some(list) = words {
            for (s, t) in &list.pairs {
                if let (Some(i), Some(j)) = (src.id(s), tgt.id(t)) {
                    table.add(i, j, 1.0);
                }
            }
        }
        table
    }
}

/// Each source sentence translated through a [`Table`]: the target word ids it predicts,
/// each with a weight. The predictions are kept per source word, not per sentence: a book
/// has a million sentences but tens of thousands of words, and a list of predictions per
/// sentence was the largest table of the aligner. A sentence's predictions are spread out
/// when it is scored.
#[derive(Debug)]
pub struct Predicted {
    /// Per source sentence, its words that predict something.
    words: FlatLists<u32>,
    /// Per source word, the target words it predicts with their weights (one entry per
    /// target word).
    by_word: FlatLists<(u32, f32)>,
    /// One more than the largest predicted target word id: the size of the scratch table.
    targets: usize,
}

impl Predicted {
    pub fn build(src: &Vocab, tgt: &Vocab, table: &Table) -> Self {
        let mut by_word = FlatLists::default();
        let mut targets = 0;
        for u in 0..src.words.len() as u32 {
            let cands = if src.is_frequent(u) && !src.number[u as usize] {
                None
            } else {
                table.entries.get(&u)
            };
            by_word.push(cands.into_iter().flatten().filter_map(|&(v, strength)| {
                if tgt.is_frequent(v) && !tgt.number[v as usize] {
                    return None;
                }
                let bonus = if src.number[u as usize] && tgt.number[v as usize] {
                    NUMBER_WEIGHT
                } else if src.name[u as usize] || tgt.name[v as usize] {
                    NAME_WEIGHT
                } else {
                    1.0
                };
                targets = targets.max(v as usize + 1);
                Some((v, strength * bonus))
            }));
        }
        let mut words = FlatLists::with_capacity(src.sentences.len(), 0);
        for ids in src.sentences.iter() {
            words.push(
                ids.iter()
                    .copied()
                    .filter(|&u| !by_word.get(u as usize).is_empty()),
            );
        }
        words.shrink_to_fit();
        by_word.shrink_to_fit();
        Self {
            words,
            by_word,
            targets,
        }
    }

    /// Whether no source word predicts anything (an empty table): every pair of sentences
    /// then shares nothing.
    pub fn is_empty(&self) -> bool {
        self.targets == 0
    }

    /// Writes the weights source sentence `s` predicts into `scratch` (indexed by target
    /// word id): the largest, where several of its words predict the same target word.
    #[inline]
    fn spread(&self, s: usize, scratch: &mut [f32]) {
        for &u in self.words.get(s) {
            for &(v, weight) in self.by_word.get(u as usize) {
                let slot = &mut scratch[v as usize];
                *slot = slot.max(weight);
            }
        }
    }

    /// Sets back to zero what [`Predicted::spread`] wrote.
    #[inline]
    fn clear(&self, s: usize, scratch: &mut [f32]) {
        for &u in self.words.get(s) {
            for &(v, _) in self.by_word.get(u as usize) {
                scratch[v as usize] = 0.0;
            }
        }
    }

    /// [`Predicted::shared`] of source sentence `s` with each of `targets`, appended to
    /// `out`. The predicted weights are spread once into `scratch` (indexed by target word
    /// id, all zero between calls), so each target sentence costs one look-up per word
    /// instead of a merge of two lists; the matches are added in the same (ascending id)
    /// order, so the sums are the same to the last bit.
    pub fn shared_with_each<'t>(
        &self,
        s: usize,
        targets: impl ExactSizeIterator<Item = &'t [u32]>,
        scratch: &mut Vec<f32>,
        out: &mut Vec<f32>,
    ) {
        if self.words.get(s).is_empty() {
            out.extend(std::iter::repeat_n(0.0, targets.len()));
            return;
        }
        if scratch.len() < self.targets {
            scratch.resize(self.targets, 0.0);
        }
        self.spread(s, scratch);
        for words in targets {
            let mut sum = 0.0f32;
            for &v in words {
                if let Some(&weight) = scratch.get(v as usize)
                    && weight != 0.0
                {
                    sum += weight;
                }
            }
            out.push(sum);
        }
        self.clear(s, scratch);
    }

    /// The target words source sentence `s` predicts, sorted by id, each with its largest
    /// weight.
    fn list(&self, s: usize) -> Vec<(u32, f32)> {
        let mut list: Vec<(u32, f32)> = self
            .words
            .get(s)
            .iter()
            .flat_map(|&u| self.by_word.get(u as usize).iter().copied())
            .collect();
        list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        list.dedup_by_key(|e| e.0);
        list
    }

    /// Shared weight of source sentence `s` and target sentence `t` (word ids `target`): the
    /// definition, by a merge of the two sorted lists, that [`Predicted::shared_with_each`]
    /// computes faster. (Also the aligner's judge, which scores only the beads of a path.)
    pub fn shared(&self, s: usize, target: &[u32]) -> f32 {
        let (a, b) = (&self.list(s), target);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn vocab(lines: &[&str]) -> Vocab {
        Vocab::build(lines.iter().copied())
    }

    #[test]
    fn shared_numbers_names_and_cognates_score() {
        let src = vocab(&[
            "Im Jahre 1953 erreichte Hillary den Gipfel.",
            "Der Regen fiel.",
        ]);
        let tgt = vocab(&["En 1953 Hillary atteignit le sommet.", "La pluie tombait."]);
        let table = Table::seed(&src, &tgt, None);
        let p = Predicted::build(&src, &tgt, &table);
        let right = p.shared(0, &tgt.sentences[0]);
        assert!(right >= NUMBER_WEIGHT + NAME_WEIGHT, "got {right}");
        assert_eq!(p.shared(0, &tgt.sentences[1]), 0.0);
        assert_eq!(p.shared(1, &tgt.sentences[0]), 0.0);
        // Scoring a run of targets at once gives the same sums to the last bit.
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        for s in 0..2 {
            p.shared_with_each(s, tgt.sentences.iter(), &mut scratch, &mut out);
        }
        let one_by_one: Vec<f32> = (0..2)
            .flat_map(|s| tgt.sentences.iter().map(move |t| (s, t)))
            .map(|(s, t)| p.shared(s, t))
            .collect();
        assert_eq!(out, one_by_one);
        assert!(scratch.iter().all(|&w| w == 0.0));
    }

    #[test]
    fn user_words_are_used() {
        let src = vocab(&["Regen", "Sonne"]);
        let tgt = vocab(&["pluie", "soleil"]);
        let words = WordList::parse("regen\tpluie\n").unwrap();
        let table = Table::seed(&src, &tgt, Some(&words));
        let p = Predicted::build(&src, &tgt, &table);
        assert!(p.shared(0, &tgt.sentences[0]) > 0.0);
        assert_eq!(p.shared(1, &tgt.sentences[1]), 0.0);
    }
}
