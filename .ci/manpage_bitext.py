#!/usr/bin/env python3
"""Build held-out gold bitexts from translated manual pages (Debian's manpages-LANG packages,
made with po4a by the manpages-l10n project) and the English pages they translate, for
tests/align_peer.rs.

    manpage_bitext.py ROOT OUT

ROOT holds the packages as dpkg-deb -x unpacks them (ROOT/usr/share/man/man1/ls.1.gz,
ROOT/usr/share/man/sv/man1/ls.1.gz). po4a translates a page paragraph by paragraph and keeps
its structure, so groff renders both languages to the same lines: every paragraph, option tag
and heading one line (the line length is set far beyond any paragraph), paragraphs apart by
blank lines. The gold pairs line k with line k. A page whose two renderings differ in shape
(the English page here is another version than the one translated), or that is mostly left
untranslated, is left out. Each line is a unit (one line of NAME.src / NAME.tgt), a page ends
a paragraph of the text, and pages in file-name order are grouped into documents of about
DOC_UNITS units, at most MAX_DOCS documents a pair.

Nobody tuned Tolk on these texts: manual pages are technical prose with option lists (tags
such as "-a, --all" stand untranslated on both sides), headings and synopses, in Swedish,
Hungarian and Romanian against English, and German against French.
"""

import gzip
import os
import subprocess
import sys

from help_bitext import write_doc

PAIRS = [("sv", "en", "man-sv-en"), ("hu", "en", "man-hu-en"), ("ro", "en", "man-ro-en"), ("de", "fr", "man-de-fr")]
DOC_UNITS = 150
MAX_DOCS = 8
SECTIONS = ("man1", "man5", "man8")
# Pages with more untranslated lines than this share are left out.
MAX_UNTRANSLATED = 0.5


def page_path(root, lang, section, page):
    base = os.path.join(root, "usr", "share", "man")
    return os.path.join(base, section, page) if lang == "en" else os.path.join(base, lang, section, page)


def render(path):
    """The page's paragraphs, each a list of its lines, or None when groff cannot render it."""
    with gzip.open(path, "rb") as f:
        source = f.read()
    if source.startswith(b".so "):  # a link to another page
        return None
    result = subprocess.run(
        ["groff", "-k", "-t", "-mandoc", "-Tutf8", "-rLL=5000n", "-rHY=0", "-P-cbou"],
        input=source,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    lines = result.stdout.decode("utf-8", "replace").split("\n")
    blocks, block = [], []
    for line in lines:
        text = " ".join(line.split())
        if text:
            block.append(text)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    # The page's title and foot lines ("LS(1) ... LS(1)", the version and date) are furniture.
    if len(blocks) < 3:
        return None
    return blocks[1:-1]


def like_english(translated, english):
    """The translated page's paragraphs if they have the English page's shape (as many
    paragraphs of as many lines), the section the translators add at the end (its translator
    and where to report errors: "ÖVERSÄTTNING", "FORDÍTÁS") cut off; None if not."""
    if not translated or not english:
        return None
    shape = lambda blocks: [len(b) for b in blocks]
    if shape(translated[: len(english)]) != shape(english):
        return None
    return translated[: len(english)]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: manpage_bitext.py ROOT OUT")
    root, out = sys.argv[1], sys.argv[2]
    for src_lang, tgt_lang, name in PAIRS:
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        group, units, docs, used, skipped = [], 0, 0, 0, 0
        pages = []
        for section in SECTIONS:
            directory = os.path.join(root, "usr", "share", "man", src_lang, section)
            if os.path.isdir(directory):
                pages += [(section, page) for page in sorted(os.listdir(directory))]
        for section, page in pages:
            if docs >= MAX_DOCS:
                break
            english = page_path(root, "en", section, page)
            other = page_path(root, tgt_lang, section, page)
            if not os.path.exists(other) or not os.path.exists(english):
                continue
            src = like_english(render(page_path(root, src_lang, section, page)), render(english))
            tgt = like_english(render(other), render(english))
            if not src or not tgt:
                skipped += 1
                continue
            pairs = [(a, b) for x, y in zip(src, tgt) for a, b in zip(x, y)]
            if sum(a == b for a, b in pairs) > MAX_UNTRANSLATED * len(pairs):
                skipped += 1
                continue
            # A paragraph of the page is a paragraph of the text, its lines paired in order.
            group += [(a, b, [([k], [k]) for k in range(len(a))]) for a, b in zip(src, tgt)]
            used += 1
            units += len(pairs)
            if units >= DOC_UNITS:
                docs += 1
                write_doc(folder, f"man{docs:02}", group)
                group, units = [], 0
        if group and docs < MAX_DOCS:
            docs += 1
            write_doc(folder, f"man{docs:02}", group)
        print(f"{name}: {docs} documents from {used} pages ({skipped} pages left out)", file=sys.stderr)
        if docs == 0:
            sys.exit(f"manpage_bitext.py: no page of {src_lang} and {tgt_lang} under {root}")


if __name__ == "__main__":
    main()
