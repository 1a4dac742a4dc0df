"""What OmegaT made of Tolk's SRX rules and TMX memory (see .ci/omegat-check).

  omegat_check.py segments TOLK_SENTENCES.txt OMEGAT_TOLK_RULES.tmx OMEGAT_OWN_RULES.tmx [LANG [NAME]]
      OmegaT's segments under Tolk's rules (a pseudo-translated TMX holds every distinct
      segment once, sorted) are Tolk's sentences (`tolk segment`, one per line); under
      OmegaT's own rules they are not (the finding of issue 15), which is reported. LANG is
      the source language (default sv), NAME what the report calls the text (default LANG);
      OMEGAT_OWN_RULES may be "" (not compared)
  omegat_check.py fill SEGMENTS.tmx TOLK.tmx OMEGAT_LEVEL2.tmx
      every OmegaT segment whose text is the source of a unit of Tolk's memory got that unit's
      target, and only those were filled

Exit status 1 and FAIL lines when something is wrong, `ok` lines otherwise.
"""

import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lang(tuv):
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()


def pairs(path, source="sv"):
    """(source, target) of every unit, source = the text in the language SOURCE, target = the
    English text, in file order."""
    out = []
    for tu in ET.parse(path).iter("tu"):
        texts = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            texts[lang(tuv).split("-")[0]] = "".join(seg.itertext()) if seg is not None else ""
        out.append((texts.get(source, ""), texts.get("en", "")))
    return out


def check_segments(sentences_path, tolk_rules, own_rules, source="sv", name=None):
    with open(sentences_path, encoding="utf-8") as handle:
        tolk = [line.strip() for line in handle if line.strip()]
    with_tolk = [text for text, _ in pairs(tolk_rules, source)]
    failures = 0
    if sorted(with_tolk) != sorted(set(tolk)):
        failures += 1
        print(f"FAIL OmegaT with Tolk's SRX: {len(with_tolk)} segments, Tolk has {len(tolk)} sentences")
        missing = [s for s in tolk if s not in set(with_tolk)]
        extra = [s for s in with_tolk if s not in set(tolk)]
        for s in missing[:5]:
            print(f"     Tolk's sentence not an OmegaT segment: {s[:120]!r}")
        for s in extra[:5]:
            print(f"     OmegaT segment not a Tolk sentence: {s[:120]!r}")
    else:
        print(f"ok   OmegaT with Tolk's SRX ({name or source}): {len(with_tolk)} distinct segments, exactly Tolk's {len(tolk)} sentences")
    if not own_rules:
        return int(bool(failures))
    own = [text for text, _ in pairs(own_rules)]
    differing = [s for s in own if s not in set(tolk)]
    if own == tolk:
        print("note OmegaT's own rules segment the sample as Tolk does too")
    else:
        print(f"note OmegaT's own rules: {len(own)} distinct segments, {len(differing)} of them not Tolk's sentences (e.g. {differing[0][:60]!r})")
    return int(bool(failures))


def check_fill(segments_path, tolk_tmx, level2):
    segments = [source for source, _ in pairs(segments_path)]
    memory = {}
    for source, target in pairs(tolk_tmx):
        memory.setdefault(source, target)
    filled = dict(pairs(level2))
    failures = 0
    expected = {s: memory[s] for s in segments if s in memory}
    for source, target in expected.items():
        if filled.get(source) != target:
            failures += 1
            if failures < 5:
                print(f"FAIL {source[:60]!r}: OmegaT filled {filled.get(source)!r}, Tolk's memory says {target!r}")
    unexpected = [s for s in filled if s not in expected]
    if unexpected:
        failures += 1
        print(f"FAIL OmegaT filled {len(unexpected)} segments that are not in Tolk's memory: {unexpected[:3]!r}")
    if not failures:
        empty = len(set(segments)) - len(expected)
        print(f"ok   OmegaT filled {len(expected)} of {len(set(segments))} distinct segments from Tolk's TMX with its targets; {empty} left empty (sentences of Tolk rows that hold more than one sentence)")
    return int(bool(failures))


def main(args):
    if args[:1] == ["segments"] and len(args) in (4, 5, 6):
        return check_segments(*args[1:])
    if args[:1] == ["fill"] and len(args) == 4:
        return check_fill(*args[1:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
