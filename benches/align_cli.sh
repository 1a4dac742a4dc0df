#!/bin/sh
# Wall time and peak memory of `tolk align --presegmented` on N sentences per side, made by
# concatenating whole copies of the dev documents of ../shared/align-dev (never copied into
# the repo) until the source side has at least N sentences; the target side then has ~6% more.
# Usage: benches/align_cli.sh [N ...]   (default: 1000 10000 100000 1000000); needs /usr/bin/time.
# FORMATS="beads json" also times (and measures the memory of) the JSON output.
# Then times `tolk new`, `tolk realign` right after it and `tolk realign --recut` at about 10k,
# 100k and 1M rows
# (REALIGN_COPIES="7 65 650": copies of the documents).
# The binary is built without the GUI feature: the aligner does not need it.
set -eu
cd "$(dirname "$0")/.."
DEV=../shared/align-dev
if [ ! -d "$DEV" ]; then echo "skipped: $DEV not found"; exit 0; fi
cargo build --release --no-default-features --quiet
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat "$DEV"/*/*.src > "$TMP/one.src"
cat "$DEV"/*/*.tgt > "$TMP/one.tgt"
for N in ${@:-1000 10000 100000 1000000}; do
    : > "$TMP/all.src"; : > "$TMP/all.tgt"
    while [ "$(wc -l < "$TMP/all.src")" -lt "$N" ]; do
        cat "$TMP/one.src" >> "$TMP/all.src"; cat "$TMP/one.tgt" >> "$TMP/all.tgt"
    done
    S=$(wc -l < "$TMP/all.src"); T=$(wc -l < "$TMP/all.tgt")
    for F in ${FORMATS:-beads}; do
        /usr/bin/time -f "$S x $T sentences, --format $F: %e s wall, %U s user, %S s sys, %M KB peak" \
            ./target/release/tolk align --presegmented --format "$F" -o "$TMP/out" \
            "$TMP/all.src" "$TMP/all.tgt"
    done
done
# Realign right after new: projects of about 10k, 100k and 1M rows built with `tolk new` from
# the same documents in paragraphs of five sentences; prints the times and how many rows moved.
for REPS in ${REALIGN_COPIES:-7 65 650}; do
    : > "$TMP/p.sv"; : > "$TMP/p.en"; R=0
    while [ "$R" -lt "$REPS" ]; do
        awk 'NR>1 && (NR-1)%5==0 {print "\n"} {printf "%s ", $0} END {print ""}' "$TMP/one.src" >> "$TMP/p.sv"
        awk 'NR>1 && (NR-1)%5==0 {print "\n"} {printf "%s ", $0} END {print ""}' "$TMP/one.tgt" >> "$TMP/p.en"
        echo >> "$TMP/p.sv"; echo >> "$TMP/p.en"; R=$((R + 1))
    done
    rm -f "$TMP/p.json"
    /usr/bin/time -f "new: %e s wall, %U s user, %S s sys, %M KB peak" \
        ./target/release/tolk new "$TMP/p.sv" --target "$TMP/p.en" -o "$TMP/p.json" > /dev/null
    cp "$TMP/p.json" "$TMP/p0.json"
    /usr/bin/time -f "realign: %e s wall, %U s user, %S s sys, %M KB peak" \
        ./target/release/tolk realign "$TMP/p.json"
    ROWS=$(grep -c '"starts_paragraph"' "$TMP/p0.json")
    MOVED=$(grep -o '"id": [0-9]*' "$TMP/p0.json" | sort > "$TMP/a"; grep -o '"id": [0-9]*' "$TMP/p.json" | sort > "$TMP/b"; comm -23 "$TMP/a" "$TMP/b" | wc -l)
    echo "  $ROWS rows after new; $MOVED rows replaced by the realign"
    # The same with the rows of each paragraph joined and cut again (`--recut`).
    /usr/bin/time -f "realign --recut: %e s wall, %U s user, %S s sys, %M KB peak" \
        ./target/release/tolk realign --recut "$TMP/p.json"
    MOVED=$(grep -o '"id": [0-9]*' "$TMP/p.json" | sort > "$TMP/c"; comm -23 "$TMP/b" "$TMP/c" | wc -l)
    echo "  $MOVED rows replaced by the recut"
done
