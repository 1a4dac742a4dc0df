"""A real reader and writer of TBX: translate-toolkit reads the glossary Tolk exports (terms of
both languages, every concept), and writes one that Tolk must read back (see
.ci/translate-toolkit-check)."""
import sys

from translate.storage import tbx


def read_tolks(path):
    store = tbx.tbxfile.parsefile(path)
    pairs = [(u.source, u.target) for u in store.units]
    want = [("diktatur", "dictatorship"), ("statens ledning", "government")]
    for pair in want:
        assert pair in pairs, f"{pair} not in {pairs}"
    print(f"translate-toolkit read {len(pairs)} concepts of Tolk's TBX")


def write_own(path):
    store = tbx.tbxfile(sourcelanguage="sv", targetlanguage="en")
    for source, target in [("arbetarklass", "working class"), ("statsmakt", "state power")]:
        unit = store.addsourceunit(source)
        unit.target = target
    with open(path, "wb") as out:
        out.write(bytes(store))


if __name__ == "__main__":
    {"read": read_tolks, "write": write_own}[sys.argv[1]](sys.argv[2])
