"""A real reader of our exports: translate-toolkit loads Tolk's TMX, XLIFF 2.0 and XLIFF 1.2
and must see the same number of units and the same texts as the project they came from.

Usage: translate_toolkit_check.py PROJECT.json EXPORT.tmx EXPORT.xliff EXPORT.xliff12
"""

import json
import sys

from translate.storage import tmx, xliff, xliff2


def load(store_class, path):
    with open(path, "rb") as handle:
        store = store_class.parsefile(handle)
    return [unit for unit in store.units if not unit.isheader()]


def main():
    project_path, tmx_path, xliff2_path, xliff12_path = sys.argv[1:5]
    with open(project_path, encoding="utf-8") as handle:
        rows = json.load(handle)["rows"]
    expected = [(row["source"], row["target"]) for row in rows]
    failures = 0
    for name, store_class, path in [
        ("TMX (translate.storage.tmx)", tmx.tmxfile, tmx_path),
        ("XLIFF 2.0 (translate.storage.xliff2)", xliff2.Xliff2File, xliff2_path),
        ("XLIFF 1.2 (translate.storage.xliff)", xliff.xlifffile, xliff12_path),
    ]:
        units = load(store_class, path)
        seen = [(unit.source, unit.target or "") for unit in units]
        if len(seen) != len(expected):
            print(f"FAIL {name}: {len(seen)} units, expected {len(expected)}")
            failures += 1
            continue
        wrong = [(i, got, want) for i, (got, want) in enumerate(zip(seen, expected)) if got != want]
        for i, got, want in wrong[:5]:
            print(f"FAIL {name}: unit {i + 1} reads {got!r}, expected {want!r}")
        failures += bool(wrong)
        if not wrong:
            print(f"ok   {name}: {len(seen)} units, all source and target texts equal")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
