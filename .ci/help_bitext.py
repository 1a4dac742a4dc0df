#!/usr/bin/env python3
"""Build held-out gold bitexts from LibreOffice's translated help (Debian's
libreoffice-help-LANG packages), for tests/align_peer.rs.

    help_bitext.py HELP_ROOT OUT

HELP_ROOT holds the help as the packages install it (HELP_ROOT/en-US/text/..., HELP_ROOT/sv/...).
Every help page has the same file name in every language, and every paragraph, heading and
table cell keeps its id (`par_id3166410`, `hd_id...`) in every translation: that is the gold.
For each pair in PAIRS, the how-to pages of `text/shared/guide` (prose, headings, tables,
lists) are read in file-name order, each page's paragraphs in document order; a paragraph is
one unit (one line of NAME.src / NAME.tgt), a page ends a paragraph of the text (an empty
line), and consecutive pages are grouped into documents of about DOC_UNITS units. A paragraph
with its id on one side only is a bead with an empty other side. Paragraphs empty on a side
are left out; so are the pages whose paragraph ids are not in the same order on both sides
(a gold alignment must be monotone).

Nobody tuned Tolk on these texts; they are technical prose with many short units (menu names,
table cells), a kind of text the dev sets do not have.
"""

import os
import sys
from html.parser import HTMLParser

PAIRS = [("sv", "en-US", "sv-en"), ("de", "fr", "de-fr"), ("zh-CN", "en-US", "zh-en")]
DOC_UNITS = 150
SECTION = os.path.join("text", "shared", "guide")


class Paragraphs(HTMLParser):
    """The text of every element whose id starts with par_ or hd_, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.units = []  # [id, text parts]
        self.depth = []  # the open elements: (tag, index into units or None)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        ident = dict(attrs).get("id") or ""
        unit = None
        if ident.startswith(("par_", "hd_")) and not any(u is not None for _, u in self.depth):
            unit = len(self.units)
            self.units.append([ident, []])
        self.depth.append((tag, unit))

    def handle_endtag(self, tag):
        while self.depth:
            open_tag, _ = self.depth.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if any(u is not None for _, u in self.depth):
            index = next(u for _, u in reversed(self.depth) if u is not None)
            self.units[index][1].append(data)


def page_units(path):
    parser = Paragraphs()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    out = []
    for ident, parts in parser.units:
        text = " ".join("".join(parts).split())
        if text:
            out.append((ident, text))
    return out


def page_beads(src, tgt):
    """Gold beads of one page as (source units, target units), or None if not monotone."""
    tgt_at = {ident: k for k, (ident, _) in enumerate(tgt)}
    paired = [(i, tgt_at[ident]) for i, (ident, _) in enumerate(src) if ident in tgt_at]
    if any(b[1] <= a[1] for a, b in zip(paired, paired[1:])):
        return None
    beads, j = [], 0
    src_at = {ident for ident, _ in src}
    for i, (ident, _) in enumerate(src):
        if ident in tgt_at:
            k = tgt_at[ident]
            while j < k:  # target units without a source before this pair
                beads.append(([], [j]))
                j += 1
            beads.append(([i], [k]))
            j = k + 1
        else:
            beads.append(([i], []))
    while j < len(tgt):
        beads.append(([], [j]))
        j += 1
    assert all(tgt[t][0] not in src_at for b in beads if not b[0] for t in b[1])
    return beads


def write_doc(out, name, paragraphs):
    """Writes NAME.src, NAME.tgt and NAME.gold: each of `paragraphs` is (source units, target
    units, gold beads over them), a paragraph of the text; its units are lines."""
    src_lines, tgt_lines, gold = [], [], []
    s0 = t0 = 0
    for src, tgt, beads in paragraphs:
        if src_lines:
            src_lines.append("")
            tgt_lines.append("")
        src_lines += src
        tgt_lines += tgt
        for a, b in beads:
            gold.append(([s0 + i for i in a], [t0 + j for j in b]))
        s0 += len(src)
        t0 += len(tgt)
    for ext, lines in (("src", src_lines), ("tgt", tgt_lines)):
        with open(os.path.join(out, f"{name}.{ext}"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, f"{name}.gold"), "w", encoding="utf-8") as f:
        for a, b in gold:
            f.write(f"{a}:{b}\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: help_bitext.py HELP_ROOT OUT")
    root, out = sys.argv[1], sys.argv[2]
    for src_lang, tgt_lang, name in PAIRS:
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        pages_dir = os.path.join(root, src_lang, SECTION)
        if not os.path.isdir(pages_dir) or not os.path.isdir(os.path.join(root, tgt_lang, SECTION)):
            sys.exit(f"help_bitext.py: no {SECTION} for {src_lang} and {tgt_lang} under {root}")
        group, units, docs, skipped = [], 0, 0, 0
        for page in sorted(os.listdir(pages_dir)):
            other = os.path.join(root, tgt_lang, SECTION, page)
            if not page.endswith(".html") or not os.path.exists(other):
                continue
            src, tgt = page_units(os.path.join(pages_dir, page)), page_units(other)
            beads = page_beads(src, tgt) if src and tgt else None
            if beads is None:
                skipped += 1
                continue
            group.append(([text for _, text in src], [text for _, text in tgt], beads))
            units += len(src)
            if units >= DOC_UNITS:
                docs += 1
                write_doc(folder, f"help{docs:02}", group)
                group, units = [], 0
        if group:
            docs += 1
            write_doc(folder, f"help{docs:02}", group)
        print(f"{name}: {docs} documents ({skipped} pages left out)", file=sys.stderr)


if __name__ == "__main__":
    main()
