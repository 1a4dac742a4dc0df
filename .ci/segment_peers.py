#!/usr/bin/env python3
"""Sentence segmenters Tolk's segmenter is measured against, and pySBD's English Golden Rules.

Tolk's tests (`tests/segmentation_peers.rs`) put the peers beside Tolk on the same texts and
score all with the same scorer. The peers are pinned in `.ci/peer-venv`:

- pySBD 0.3.4 (rule-based, a port of the Pragmatic Segmenter; English, German, French here),
- syntok 1.4.4 (rule-based tokenizer and segmenter; English and German),
- sentence-splitter 1.4 (the Moses splitter's non-breaking prefixes; English, Swedish,
  German, French),
- sentencex 1.0.32 (Wikimedia's rule-based segmenter for about 300 languages, abbreviation
  lists per language; English, Swedish, German, French here),
- segtok 1.5.11 (rule-based; English and German).

    segment_peers.py golden
        prints the English Golden Rules as JSON: [{"text": ..., "sentences": [...]}, ...]
    segment_peers.py split PEER LANG < TEXTS.json > SENTENCES.json
        TEXTS.json is a list of paragraphs; prints, for each, the peer's sentences. A peer
        without rules for LANG exits with status 3.
"""

import json
import sys


def golden():
    from benchmarks.english_golden_rules import GOLDEN_EN_RULES

    rules = [{"text": text, "sentences": sentences} for text, sentences in GOLDEN_EN_RULES]
    json.dump(rules, sys.stdout, ensure_ascii=False)


def splitter(peer, lang):
    if peer == "pysbd":
        import pysbd

        if lang not in ("en", "de", "fr"):
            sys.exit(3)
        segmenter = pysbd.Segmenter(language=lang, clean=False)
        return segmenter.segment
    if peer == "syntok":
        import syntok.segmenter

        if lang not in ("en", "de"):
            sys.exit(3)

        def split(text):
            sentences = []
            for paragraph in syntok.segmenter.analyze(text):
                for sentence in paragraph:
                    sentences.append("".join(t.spacing + t.value for t in sentence))
            return sentences

        return split
    if peer == "sentence-splitter":
        from sentence_splitter import SentenceSplitter

        if lang not in ("en", "sv", "de", "fr"):
            sys.exit(3)
        return SentenceSplitter(language=lang).split
    if peer == "sentencex":
        from sentencex import segment

        if lang not in ("en", "sv", "de", "fr"):
            sys.exit(3)
        return lambda text: [s.strip() for s in segment(lang, text) if s.strip()]
    if peer == "segtok":
        from segtok.segmenter import split_single

        if lang not in ("en", "de"):
            sys.exit(3)
        return lambda text: [s for s in split_single(text) if s.strip()]
    sys.exit(f"unknown peer {peer!r}")


def main():
    if sys.argv[1:] == ["golden"]:
        golden()
    elif len(sys.argv) == 4 and sys.argv[1] == "split":
        split = splitter(sys.argv[2], sys.argv[3])
        texts = json.load(sys.stdin)
        out = [[s.strip() for s in split(text) if s.strip()] for text in texts]
        json.dump(out, sys.stdout, ensure_ascii=False)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
