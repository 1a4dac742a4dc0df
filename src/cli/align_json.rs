//! `tolk align --format json`: the beads with their texts and the diagnostics, serialised
//! bead by bead as they are written. Building the whole document as a `serde_json::Value`
//! first held every bead's texts three times over (2.9 GB at a million sentences); this
//! writes the same bytes while holding one bead's texts at a time.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeSeq;
use tolk::{Alignment, Bead, Sentence};

/// Writes `alignment` as pretty-printed JSON, with keys in alphabetical order (the order a
/// `serde_json::Value` map prints them in, which this output always had).
pub fn write_json(
    out: &mut dyn Write,
    source: &[Sentence],
    target: &[Sentence],
    alignment: &Alignment,
) -> io::Result<()> {
    let d = &alignment.diagnostics;
    let document = Document {
        beads: Beads {
            beads: &alignment.beads,
            source,
            target,
        },
        diagnostics: Diagnostics {
            beads: d.beads,
            low_confidence: d.low_confidence,
            mean_confidence: f64::from(d.mean_confidence),
            non_one_to_one: d.non_one_to_one,
            source_sentences: d.source_sentences,
            target_sentences: d.target_sentences,
            unaligned: d.unaligned,
            warnings: &d.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// The sentences of `range` joined by single spaces.
pub fn join(sentences: &[Sentence], range: std::ops::Range<usize>) -> String {
    sentences[range]
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Serialize)]
struct Document<'a> {
    beads: Beads<'a>,
    diagnostics: Diagnostics<'a>,
}

/// Confidences are `f32`, printed as the `f64` they widen to (as a `Value` holds them).
#[derive(Serialize)]
struct Diagnostics<'a> {
    beads: usize,
    low_confidence: bool,
    mean_confidence: f64,
    non_one_to_one: usize,
    source_sentences: usize,
    target_sentences: usize,
    unaligned: usize,
    warnings: &'a [String],
}

/// The beads, each rendered with its texts only while it is being written.
struct Beads<'a> {
    beads: &'a [Bead],
    source: &'a [Sentence],
    target: &'a [Sentence],
}

#[derive(Serialize)]
struct BeadJson {
    confidence: f64,
    source: Vec<usize>,
    source_text: String,
    target: Vec<usize>,
    target_text: String,
}

impl Serialize for Beads<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.beads.len()))?;
        for b in self.beads {
            seq.serialize_element(&BeadJson {
                confidence: f64::from(b.confidence),
                source: b.source.clone().collect(),
                source_text: join(self.source, b.source.clone()),
                target: b.target.clone().collect(),
                target_text: join(self.target, b.target.clone()),
            })?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tolk::Diagnostics as AlignDiagnostics;

    /// The rendering this module replaced: the whole document as a `serde_json::Value`.
    fn as_value(source: &[Sentence], target: &[Sentence], alignment: &Alignment) -> Vec<u8> {
        let d = &alignment.diagnostics;
        let beads: Vec<serde_json::Value> = alignment
            .beads
            .iter()
            .map(|b| {
                serde_json::json!({
                    "source": b.source.clone().collect::<Vec<_>>(),
                    "target": b.target.clone().collect::<Vec<_>>(),
                    "confidence": b.confidence,
                    "source_text": join(source, b.source.clone()),
                    "target_text": join(target, b.target.clone()),
                })
            })
            .collect();
        let value = serde_json::json!({
            "beads": beads,
            "diagnostics": {
                "source_sentences": d.source_sentences,
                "target_sentences": d.target_sentences,
                "beads": d.beads,
                "non_one_to_one": d.non_one_to_one,
                "unaligned": d.unaligned,
                "mean_confidence": d.mean_confidence,
                "low_confidence": d.low_confidence,
                "warnings": d.warnings,
            }
        });
        let mut out = serde_json::to_vec_pretty(&value).unwrap();
        out.push(b'\n');
        out
    }

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence::new(*t)).collect()
    }

    fn bead(source: std::ops::Range<usize>, target: std::ops::Range<usize>, c: f32) -> Bead {
        Bead {
            source,
            target,
            confidence: c,
        }
    }

    #[test]
    fn the_streamed_json_is_the_bytes_of_the_value_rendering() {
        let source = sentences(&[
            "Hon sa: \"Kom!\"",
            "Tab\there and a line\nbreak.",
            "Åäö – ünïcödé ✓ and a control \u{1}.",
            "Back\\slash.",
        ]);
        let target = sentences(&["She said: \"Come!\"", "Tab and break.", "Emoji 🙂."]);
        let mut alignment = Alignment {
            beads: vec![
                bead(0..1, 0..1, 0.9),
                bead(1..3, 1..2, 0.123_456_79),
                bead(3..4, 2..2, 1.0),
                bead(4..4, 2..3, 0.0),
            ],
            diagnostics: AlignDiagnostics::default(),
        };
        let d = &mut alignment.diagnostics;
        (d.source_sentences, d.target_sentences, d.beads) = (4, 3, 4);
        (d.non_one_to_one, d.unaligned, d.mean_confidence) = (1, 2, 0.505_864_2);
        d.low_confidence = true;
        let mut streamed = Vec::new();
        write_json(&mut streamed, &source, &target, &alignment).unwrap();
        assert_eq!(
            String::from_utf8(streamed.clone()).unwrap(),
            String::from_utf8(as_value(&source, &target, &alignment)).unwrap()
        );
        // Warnings and no beads at all.
        alignment.beads.clear();
        alignment.diagnostics.warnings = vec!["one \"quoted\"".into(), "two".into()];
        let mut streamed = Vec::new();
        write_json(&mut streamed, &source, &target, &alignment).unwrap();
        assert_eq!(streamed, as_value(&source, &target, &alignment));
    }
}
