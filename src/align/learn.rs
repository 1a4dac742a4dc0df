//! Learning a word list from a first alignment pass, as hunalign's realign does: words that
//! keep occurring together in confident 1-1 beads are probably translations of each other.

use super::hash::FastMap;
use super::lexical::{Table, Vocab};

/// At most this many beads are counted, spread evenly over the text, so that learning stays
/// cheap on books; a few thousand beads already give the frequent content words.
const MAX_BEADS: usize = 20_000;
/// A pair must co-occur at least this often to be believed.
const MIN_COUNT: u32 = 2;
/// Lowest Dice coefficient 2·c(s,t) / (c(s) + c(t)) of a kept pair.
const MIN_DICE: f32 = 0.4;
/// Candidates kept per source word.
const PER_WORD: usize = 3;

/// Adds to `table` the word pairs learnt from `pairs` (source sentence, target sentence)
/// of trusted 1-1 beads. Frequent (function) words are not learnt.
pub fn learn(table: &mut Table, src: &Vocab, tgt: &Vocab, pairs: &[(usize, usize)]) -> usize {
    if pairs.is_empty() {
        return 0;
    }
    let step = pairs.len().div_ceil(MAX_BEADS);
    // Word counts by id (a look-up, not a hash, per word), and the lists of one bead's
    // words reused from bead to bead.
    let mut cs = vec![0u32; src.words.len()];
    let mut ct = vec![0u32; tgt.words.len()];
    let mut joint: FastMap<(u32, u32), u32> = FastMap::default();
    let (mut su, mut tv) = (Vec::new(), Vec::new());
    for &(s, t) in pairs.iter().step_by(step) {
        su.clear();
        su.extend(
            src.sentences[s]
                .iter()
                .copied()
                .filter(|&u| !src.is_frequent(u)),
        );
        tv.clear();
        tv.extend(
            tgt.sentences[t]
                .iter()
                .copied()
                .filter(|&v| !tgt.is_frequent(v)),
        );
        for &u in &su {
            cs[u as usize] += 1;
        }
        for &v in &tv {
            ct[v as usize] += 1;
        }
        for &u in &su {
            for &v in &tv {
                *joint.entry((u, v)).or_default() += 1;
            }
        }
    }
    let mut best: FastMap<u32, Vec<(u32, f32)>> = FastMap::default();
    for (&(u, v), &c) in &joint {
        if c < MIN_COUNT {
            continue;
        }
        let dice = 2.0 * c as f32 / (cs[u as usize] + ct[v as usize]) as f32;
        if dice >= MIN_DICE {
            best.entry(u).or_default().push((v, dice));
        }
    }
    let mut added = 0;
    for (u, mut cands) in best {
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (v, dice) in cands.into_iter().take(PER_WORD) {
            table.add(u, v, dice);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    fn vocab(lines: &[&str]) -> Vocab {
        Vocab::build(lines.iter().copied())
    }

    #[test]
    fn learns_words_that_travel_together() {
        let src = vocab(&[
            "hund springer",
            "katt sover",
            "hund sover",
            "katt springer",
            "fisk simmar",
        ]);
        let tgt = vocab(&[
            "dog jumps",
            "cat sleeps",
            "dog sleeps",
            "cat jumps",
            "fish swims",
        ]);
        let mut table = Table::default();
        let pairs: Vec<(usize, usize)> = (0..5).map(|i| (i, i)).collect();
        let added = learn(&mut table, &src, &tgt, &pairs);
        assert!(added >= 4, "learnt {added}");
        let p = crate::align::lexical::Predicted::build(&src, &tgt, &table);
        // "hund" learnt as "dog": sentence 0 now shares weight with "dog sleeps".
        assert!(p.shared(0, &tgt.sentences[2]) > 0.0);
        // "fisk" occurs once only: not enough evidence, nothing learnt.
        assert_eq!(p.shared(4, &tgt.sentences[4]), 0.0);
    }
}
