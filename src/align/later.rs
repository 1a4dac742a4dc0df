//! Confidences that may be computed later: the bead confidences of the searches a path is
//! made of, held as parts of those searches' results, each computed at most once and only
//! when asked for.
//!
//! A realign that gives back the rows it was given changes nothing, and the confidences of
//! its sentence searches would be thrown away (an eighth of its work on a book of 100,000
//! rows); so there the searches leave them to be computed once the realign finds that rows
//! change. Computed later or at once, they are the same to the bit.

use std::cell::{Cell, OnceCell};
use std::ops::Range;
use std::rc::Rc;

use super::analysis::Text;

/// A computation of the confidences of one search's path from the text it searched.
type Make = Box<dyn FnOnce(&Text) -> Vec<f32>>;

/// The confidences of one search: known, or computed on the first look.
struct Source {
    value: OnceCell<Vec<f32>>,
    make: Cell<Option<Make>>,
}

impl Source {
    fn get(&self, text: &Text) -> &[f32] {
        self.value.get_or_init(|| match self.make.take() {
            Some(make) => make(text),
            None => Vec::new(),
        })
    }
}

/// Beads `range` of one search's confidences, each held at most at `ceiling`.
#[derive(Clone)]
struct Part {
    from: Rc<Source>,
    range: Range<usize>,
    ceiling: f32,
}

/// The confidences of the beads of a path, in bead order, as parts of searches' results.
#[derive(Clone, Default)]
pub struct Confidences {
    parts: Vec<Part>,
}

impl Confidences {
    fn of(len: usize, source: Source) -> Self {
        let from = Rc::new(source);
        Self {
            parts: vec![Part {
                from,
                range: 0..len,
                ceiling: f32::INFINITY,
            }],
        }
    }

    /// Confidences already computed.
    pub fn known(values: Vec<f32>) -> Self {
        let len = values.len();
        Self::of(
            len,
            Source {
                value: OnceCell::from(values),
                make: Cell::new(None),
            },
        )
    }

    /// The `len` confidences `make` computes, when they are first needed.
    pub fn later(len: usize, make: impl FnOnce(&Text) -> Vec<f32> + 'static) -> Self {
        Self::of(
            len,
            Source {
                value: OnceCell::new(),
                make: Cell::new(Some(Box::new(make))),
            },
        )
    }

    /// How many beads they are for.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.range.len()).sum()
    }

    /// Each held at most at `ceiling`.
    pub fn capped(mut self, ceiling: f32) -> Self {
        for p in &mut self.parts {
            p.ceiling = p.ceiling.min(ceiling);
        }
        self
    }

    /// Those of `more` beads after these.
    pub fn append(&mut self, more: Confidences) {
        self.parts.extend(more.parts);
    }

    /// Those of beads `range` replaced by `with` (which may be for another number of beads).
    pub fn splice(&mut self, range: Range<usize>, with: Confidences) {
        let mut out = Vec::with_capacity(self.parts.len() + with.parts.len() + 1);
        let mut at = 0;
        let mut with = Some(with.parts);
        for p in self.parts.drain(..) {
            let (first, end) = (at, at + p.range.len());
            at = end;
            // The part's beads before `range`, `with` where `range` starts, and its beads
            // after `range`.
            if first < range.start {
                let keep = p.range.start..p.range.start + (range.start.min(end) - first);
                out.push(Part {
                    range: keep,
                    ..p.clone()
                });
            }
            if end >= range.start
                && (end > range.start || range.is_empty())
                && let Some(parts) = with.take()
            {
                out.extend(parts);
            }
            if end > range.end {
                let skip = range.end.max(first) - first;
                out.push(Part {
                    range: p.range.start + skip..p.range.end,
                    ..p
                });
            }
        }
        if let Some(parts) = with {
            out.extend(parts);
        }
        out.retain(|p| !p.range.is_empty());
        self.parts = out;
    }

    /// All of them, computing those not yet known from `text`.
    pub fn values(&self, text: &Text) -> Vec<f32> {
        let mut out = Vec::with_capacity(self.len());
        for p in &self.parts {
            let values = p.from.get(text);
            out.extend(values[p.range.clone()].iter().map(|&c| {
                if p.ceiling.is_finite() {
                    c.min(p.ceiling)
                } else {
                    c
                }
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::analysis::analyse;

    fn text() -> Text {
        analyse(&[], &[])
    }

    fn known(values: &[f32]) -> Confidences {
        Confidences::known(values.to_vec())
    }

    #[test]
    fn splices_and_ceilings_give_what_the_same_on_vectors_gives() {
        let text = text();
        let whole: Vec<f32> = (0..10).map(|x| x as f32 / 10.0).collect();
        for start in 0..=10 {
            for end in start..=10 {
                for with in [vec![], vec![0.05], vec![0.15, 0.25, 0.35]] {
                    // The same vector in two parts, one computed later, the second capped.
                    let mut parts = Confidences::known(whole[..4].to_vec());
                    let rest = whole[4..].to_vec();
                    parts.append(Confidences::later(6, move |_| rest).capped(0.75));
                    parts.splice(start..end, known(&with));
                    let mut expected: Vec<f32> = whole
                        .iter()
                        .enumerate()
                        .map(|(i, &c)| if i >= 4 { c.min(0.75) } else { c })
                        .collect();
                    expected.splice(start..end, with.clone());
                    assert_eq!(parts.len(), expected.len());
                    assert_eq!(parts.values(&text), expected, "{start}..{end} {with:?}");
                }
            }
        }
    }

    #[test]
    fn a_later_computation_runs_once_and_only_when_asked() {
        let text = text();
        let runs = Rc::new(Cell::new(0));
        let counter = runs.clone();
        let mut c = Confidences::later(3, move |_| {
            counter.set(counter.get() + 1);
            vec![0.1, 0.2, 0.3]
        });
        assert_eq!(runs.get(), 0);
        c.splice(1..2, known(&[0.9]));
        assert_eq!(runs.get(), 0);
        assert_eq!(c.values(&text), [0.1, 0.9, 0.3]);
        assert_eq!(c.values(&text), [0.1, 0.9, 0.3]);
        assert_eq!(runs.get(), 1);
    }
}
