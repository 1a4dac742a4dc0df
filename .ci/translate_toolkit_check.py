"""A real reader of our exports: translate-toolkit loads Tolk's TMX, XLIFF 2.0 and XLIFF 1.2
and must see the same units and texts as the project they came from, and the statuses Tolk
meant (XLIFF 1.2: translated and reviewed rows translated, drafts fuzzy, untranslated rows
untranslated). The default TMX must hold exactly the finished rows.

Usage:
  translate_toolkit_check.py exports PROJECT.json ALL.tmx DEFAULT.tmx EXPORT.xliff EXPORT.xliff12
  translate_toolkit_check.py roundtrip PROJECT.json BACK.json
    (BACK.json: the XLIFF 1.2 export taken through xliff2po and po2xliff, imported by Tolk)
"""

import json
import sys

from translate.storage import tmx, xliff, xliff2


def load(store_class, path):
    with open(path, "rb") as handle:
        store = store_class.parsefile(handle)
    return [unit for unit in store.units if not unit.isheader()]


def rows_of(project_path):
    with open(project_path, encoding="utf-8") as handle:
        return json.load(handle)["rows"]


def compare(name, units, expected):
    """Texts of the units against (source, target) pairs; returns the number of failures."""
    seen = [(unit.source, unit.target or "") for unit in units]
    if len(seen) != len(expected):
        print(f"FAIL {name}: {len(seen)} units, expected {len(expected)}")
        return 1
    wrong = [(i, got, want) for i, (got, want) in enumerate(zip(seen, expected)) if got != want]
    for i, got, want in wrong[:5]:
        print(f"FAIL {name}: unit {i + 1} reads {got!r}, expected {want!r}")
    if not wrong:
        print(f"ok   {name}: {len(seen)} units, all source and target texts equal")
    return int(bool(wrong))


def tt_status(unit):
    """What translate-toolkit makes of a unit, in PO's words."""
    if unit.isfuzzy():
        return "fuzzy"
    if unit.istranslated():
        return "translated"
    return "untranslated"


def po_word(row):
    """What a row of this status must be to translate-toolkit."""
    if not row["target"]:
        return "untranslated"
    return {
        "untranslated": "fuzzy",
        "draft": "fuzzy",
        "translated": "translated",
        "reviewed": "translated",
    }[row["status"]]


def exports(project_path, all_tmx, default_tmx, xliff2_path, xliff12_path):
    rows = rows_of(project_path)
    expected = [(row["source"], row["target"]) for row in rows]
    finished = [
        (row["source"], row["target"])
        for row in rows
        if row["status"] in ("translated", "reviewed") and row["target"]
    ]
    failures = 0
    failures += compare("TMX, every status (translate.storage.tmx)", load(tmx.tmxfile, all_tmx), expected)
    failures += compare("TMX, default: finished rows only", load(tmx.tmxfile, default_tmx), finished)
    failures += compare("XLIFF 2.0 (translate.storage.xliff2)", load(xliff2.Xliff2File, xliff2_path), expected)
    units = load(xliff.xlifffile, xliff12_path)
    failures += compare("XLIFF 1.2 (translate.storage.xliff)", units, expected)
    if len(units) == len(rows):
        wrong = [
            (i, tt_status(unit), po_word(row), row["status"])
            for i, (unit, row) in enumerate(zip(units, rows))
            if tt_status(unit) != po_word(row)
        ]
        for i, got, want, status in wrong[:5]:
            print(f"FAIL XLIFF 1.2 statuses: unit {i + 1} ({status}) is {got}, expected {want}")
        if not wrong:
            counts = {}
            for unit in units:
                counts[tt_status(unit)] = counts.get(tt_status(unit), 0) + 1
            print(f"ok   XLIFF 1.2 statuses as translate-toolkit sees them: {counts}")
        failures += int(bool(wrong))
    return failures


def roundtrip(project_path, back_path):
    """After xliff2po and po2xliff: same texts; translated stays translated (reviewed becomes
    translated, PO has no review), draft stays draft, untranslated stays untranslated."""
    rows, back = rows_of(project_path), rows_of(back_path)
    if len(rows) != len(back):
        print(f"FAIL round trip through PO: {len(back)} rows, expected {len(rows)}")
        return 1
    through_po = {"untranslated": "draft", "draft": "draft", "translated": "translated", "reviewed": "translated"}
    wrong = []
    for i, (row, got) in enumerate(zip(rows, back)):
        want = through_po[row["status"]] if row["target"] else "untranslated"
        if (got["source"], got["target"], got["status"]) != (row["source"], row["target"], want):
            wrong.append((i, (got["source"], got["target"], got["status"]), want))
    for i, got, want in wrong[:5]:
        print(f"FAIL round trip through PO: row {i + 1} is {got!r}, expected status {want}")
    if not wrong:
        print(f"ok   XLIFF 1.2 -> xliff2po -> po2xliff -> Tolk: {len(rows)} rows, texts and statuses kept")
    return int(bool(wrong))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    failures = exports(*args) if mode == "exports" else roundtrip(*args)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
