"""What LibreOffice read from Tolk's DOCX exports, checked in its own flat ODF (.fodt) output.

  libreoffice_check.py table PROJECT.json TABLE.fodt
      every row of the project is a table row: number, source, target, status (in order)
  libreoffice_check.py changes PROJECT.json DIFF.json CHANGES.fodt
      LibreOffice holds a tracked change (text:tracked-changes) for every inserted and deleted
      span of Tolk's word diffs (DIFF.json: `tolk diff --since M --format json`), with the
      author and time of the row's revision; accepting every change gives the texts now,
      rejecting every change the texts at the milestone
  libreoffice_check.py landscape FILE.fodt
      the page is landscape (wider than high)

Exit status 1 and FAIL lines when something is wrong, `ok` lines otherwise.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def q(name):
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


class Cell:
    """A table cell's text as LibreOffice holds it: each character with the tracked change it
    belongs to (None for plain text), and the deletions stored out of line (older ODF form)."""

    def __init__(self, element, regions):
        self.pieces = []  # (text, change id or None)
        self.regions = regions
        self.open = []
        for i, paragraph in enumerate(element.iter(q("text:p"))):
            if i > 0:
                self.add("\n")
            self.walk(paragraph)

    def add(self, text, change=None):
        self.pieces.append((text, change if change is not None else (self.open[-1] if self.open else None)))

    def walk(self, node):
        if node.text:
            self.add(node.text)
        for child in node:
            tag = child.tag
            if tag == q("text:s"):
                self.add(" " * int(child.get(q("text:c"), "1")))
            elif tag == q("text:tab"):
                self.add("\t")
            elif tag == q("text:line-break"):
                self.add("\n")
            elif tag == q("text:change-start"):
                self.open.append(child.get(q("text:change-id")))
            elif tag == q("text:change-end"):
                if self.open:
                    self.open.pop()
            elif tag == q("text:change"):
                # A deletion whose text is kept in the tracked-changes list.
                region = self.regions[child.get(q("text:change-id"))]
                self.add(region["deleted_text"], child.get(q("text:change-id")))
            else:
                self.walk(child)
            if child.tail:
                self.add(child.tail)

    def text(self, reject):
        """The text after accepting (reject=False) or rejecting every tracked change."""
        out = []
        for text, change in self.pieces:
            kind = self.regions[change]["kind"] if change else None
            if kind == "insertion" and reject:
                continue
            if kind == "deletion" and not reject:
                continue
            out.append(text)
        return "".join(out)

    def changes(self):
        return {change for _, change in self.pieces if change}


def regions_of(root):
    regions = {}
    for region in root.iter(q("text:changed-region")):
        ident = region.get(q("text:id")) or region.get("{http://www.w3.org/XML/1998/namespace}id")
        for kind in ("insertion", "deletion", "format-change"):
            found = region.find(q("text:" + kind))
            if found is None:
                continue
            info = found.find(q("office:change-info"))
            deleted = "\n".join("".join(p.itertext()) for p in found.findall(q("text:p")))
            regions[ident] = {
                "kind": kind,
                "author": info.findtext(q("dc:creator"), ""),
                "date": info.findtext(q("dc:date"), ""),
                "deleted_text": deleted,
            }
    return regions


def table_rows(root, regions):
    table = next(root.iter(q("table:table")))
    rows = []
    for row in table.iter(q("table:table-row")):
        rows.append([Cell(cell, regions) for cell in row.findall(q("table:table-cell"))])
    return rows[0], rows[1:]


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def check_table(project_path, fodt):
    root = ET.parse(fodt).getroot()
    regions = regions_of(root)
    header, rows = table_rows(root, regions)
    project = load(project_path)
    failures = 0
    headings = [cell.text(False) for cell in header]
    want = ["#", "Source (%s)" % project["meta"]["source_lang"], "Target (%s)" % project["meta"]["target_lang"], "Status", "Notes"]
    if headings != want:
        print(f"FAIL table headings {headings!r}, expected {want!r}")
        failures += 1
    if len(rows) != len(project["rows"]):
        print(f"FAIL table: {len(rows)} rows, the project has {len(project['rows'])}")
        return 1
    for i, (cells, row) in enumerate(zip(rows, project["rows"])):
        got = [cell.text(False) for cell in cells[:4]]
        expected = [str(i + 1), row["source"], row["target"], row["status"]]
        if got != expected:
            failures += 1
            if failures < 5:
                print(f"FAIL table row {i + 1}: LibreOffice read {got!r}, expected {expected!r}")
    if regions:
        print(f"FAIL table: {len(regions)} tracked changes in a review table")
        failures += 1
    if not failures:
        print(f"ok   table: {len(rows)} rows, numbers, texts and statuses as in the project, no tracked changes")
    return int(bool(failures))


def spell(spans, skip):
    return "".join(span["text"] for span in spans if span["kind"] != skip)


def instant(text):
    """An RFC 3339 time in UTC as Tolk writes it (up to nanoseconds, `Z`)."""
    match = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z", text)
    if not match:
        raise ValueError(f"not a UTC time: {text!r}")
    whole = datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    fraction = (match.group(2) or "0")[:6].ljust(6, "0")
    return whole.replace(microsecond=int(fraction))


def latest(project, row_ids, side, since):
    """Author and time (to the second, UTC) of the latest revision of a side after `since`."""
    revisions = [
        revision
        for row in project["rows"]
        if row["id"] in row_ids
        for revision in row.get("history", [])
        if revision["side"] == side and instant(revision["at"]) > instant(since)
    ]
    if not revisions:
        return None
    revision = max(revisions, key=lambda r: instant(r["at"]))
    return revision["author"], revision["at"][:19]


def check_changes(project_path, diff_path, fodt):
    root = ET.parse(fodt).getroot()
    regions = regions_of(root)
    _, rows = table_rows(root, regions)
    project = load(project_path)
    diff = load(diff_path)
    changes = diff["changes"]
    failures = 0
    if len(rows) != len(changes):
        print(f"FAIL changes: {len(rows)} table rows, tolk diff has {len(changes)} changes")
        return 1
    spans = inserted = deleted = 0
    for n, (cells, change) in enumerate(zip(rows, changes), 1):
        for side, cell in (("source", cells[2]), ("target", cells[3])):
            want_now = spell(change[side], "deleted")
            want_then = spell(change[side], "inserted")
            got_now, got_then = cell.text(False), cell.text(True)
            if (got_now, got_then) != (want_now, want_then):
                failures += 1
                print(f"FAIL change {n} {side}: accepted {got_now!r} rejected {got_then!r}, expected {want_now!r} and {want_then!r}")
            kinds = [regions[c]["kind"] for c in cell.changes()]
            want_ins = sum(1 for s in change[side] if s["kind"] == "inserted")
            want_del = sum(1 for s in change[side] if s["kind"] == "deleted")
            if (kinds.count("insertion"), kinds.count("deletion")) != (want_ins, want_del):
                failures += 1
                print(f"FAIL change {n} {side}: {kinds.count('insertion')} insertions and {kinds.count('deletion')} deletions, expected {want_ins} and {want_del}")
            inserted += kinds.count("insertion")
            deleted += kinds.count("deletion")
            spans += want_ins + want_del
            if cell.changes():
                who = latest(project, change["rows"], side, diff["since"])
                for c in cell.changes():
                    got = (regions[c]["author"], regions[c]["date"][:19])
                    if who is None or got != who:
                        failures += 1
                        print(f"FAIL change {n} {side}: by {got!r}, expected {who!r}")
    if spans == 0:
        print("FAIL changes: the diff has no inserted or deleted span to check")
        failures += 1
    if not failures:
        print(f"ok   changes: {len(rows)} changes, {inserted} insertions and {deleted} deletions tracked with their authors and times; accept all gives the texts now, reject all the milestone's")
    return int(bool(failures))


def check_landscape(fodt):
    root = ET.parse(fodt).getroot()
    for layout in root.iter(q("style:page-layout-properties")):
        width, height = layout.get(q("fo:page-width")), layout.get(q("fo:page-height"))
        if width and height:
            w, h = float(width.rstrip("cmin")), float(height.rstrip("cmin"))
            if w > h:
                print(f"ok   {fodt}: landscape page {width} x {height}")
                return 0
            print(f"FAIL {fodt}: page {width} x {height} is not landscape")
            return 1
    print(f"FAIL {fodt}: no page layout found")
    return 1


def main(args):
    if args[:1] == ["table"] and len(args) == 3:
        return check_table(args[1], args[2])
    if args[:1] == ["changes"] and len(args) == 4:
        return check_changes(args[1], args[2], args[3])
    if args[:1] == ["landscape"] and len(args) == 2:
        return check_landscape(args[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
