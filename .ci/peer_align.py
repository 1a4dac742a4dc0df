#!/usr/bin/env python3
"""Align two presegmented texts with a peer aligner and print the beads in Tolk's gold format.

The peer is NLTK's Gale-Church (`nltk.translate.gale_church`, from PyPI): the length-based
aligner that hunalign, LF Aligner and the aligners of most CAT tools start from. Tolk's tests
(`tests/align_peer.rs`) put it beside Tolk on the same documents and score both with the same
scorer.

    peer_align.py SOURCE TARGET > BEADS
    peer_align.py --dir DIR OUT     (every DIR/NAME.src + NAME.tgt to OUT/NAME.beads)

SOURCE and TARGET hold one sentence a line; an empty line ends a paragraph. When both sides
have the same number of paragraphs, they are Gale-Church's hard regions (as in the original
paper); otherwise the whole text is one region. Lengths are in characters, as Gale and Church
count them. NLTK's trace gives the linked sentence pairs; a bead is a connected group of
links, and a sentence without a link is a bead of its own with an empty other side.
"""

import sys

from nltk.translate import gale_church


def paragraphs(path):
    """The sentences of PATH as paragraphs, each a list of (index, text)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks, block, index = [], [], 0
    for line in lines:
        if line.strip() == "":
            if block:
                blocks.append(block)
                block = []
            continue
        block.append((index, line))
        index += 1
    if block:
        blocks.append(block)
    return blocks


def beads_of(links, sources, targets):
    """Groups the (source, target) links of one region into beads, in text order."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("s", i))] = find(("t", j))
    groups = {}
    for i in sources:
        groups.setdefault(find(("s", i)), ([], []))[0].append(i)
    for j in targets:
        groups.setdefault(find(("t", j)), ([], []))[1].append(j)

    # In text order: by first source sentence, a bead without one by its target sentence
    # (the scorer compares beads as sets, the order is for people reading the output).
    out = list(groups.values())
    out.sort(key=lambda b: (min(b[0]) if b[0] else min(b[1]), 0 if b[0] else 1))
    return out


def align(source, target, length_ratio=False):
    s_blocks, t_blocks = paragraphs(source), paragraphs(target)
    if len(s_blocks) != len(t_blocks):
        s_blocks = [[x for b in s_blocks for x in b]]
        t_blocks = [[x for b in t_blocks for x in b]]
    gale_church.MAX_ALIGN_BLOCKS = 1_000_000
    params = gale_church.LanguageIndependent
    if length_ratio:
        # Gale and Church's c = 1 (as many target characters as source ones) holds for
        # European pairs; for Chinese-English the peer gets the document's own ratio, as a
        # user of it would set it.
        chars = lambda blocks: sum(max(1, len(t)) for b in blocks for _, t in b)

        class params(gale_church.LanguageIndependent):
            AVERAGE_CHARACTERS = chars(t_blocks) / chars(s_blocks)

    beads = []
    for sb, tb in zip(s_blocks, t_blocks):
        links = gale_church.align_blocks(
            [max(1, len(text)) for _, text in sb],
            [max(1, len(text)) for _, text in tb],
            params,
        )
        s0, t0 = sb[0][0] if sb else 0, tb[0][0] if tb else 0
        links = [(s0 + i, t0 + j) for i, j in links]
        beads.extend(beads_of(links, [i for i, _ in sb], [j for j, _ in tb]))
    return beads


def formatted(beads):
    return "".join(f"{sorted(src)}:{sorted(tgt)}\n" for src, tgt in beads)


def main():
    args = sys.argv[1:]
    length_ratio = "--length-ratio" in args
    args = [a for a in args if a != "--length-ratio"]
    if len(args) == 3 and args[0] == "--dir":
        import os

        folder, out = args[1], args[2]
        os.makedirs(out, exist_ok=True)
        names = sorted(n[:-4] for n in os.listdir(folder) if n.endswith(".src"))
        if not names:
            sys.exit(f"peer_align.py: no NAME.src in {folder}")
        for name in names:
            base = os.path.join(folder, name)
            with open(os.path.join(out, name + ".beads"), "w", encoding="utf-8") as f:
                f.write(formatted(align(base + ".src", base + ".tgt", length_ratio)))
    elif len(args) == 2:
        sys.stdout.write(formatted(align(args[0], args[1], length_ratio)))
    else:
        sys.exit("usage: peer_align.py [--length-ratio] SOURCE TARGET | peer_align.py [--length-ratio] --dir DIR OUT")


if __name__ == "__main__":
    main()
