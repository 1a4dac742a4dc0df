#!/bin/sh
# Wall time and peak memory of `tolk align --presegmented` on N sentences per side, made by
# concatenating whole copies of the dev documents of ../shared/align-dev (never copied into
# the repo) until the source side has at least N sentences; the target side then has ~6% more.
# Usage: benches/align_cli.sh [N ...]   (default: 1000 10000 100000); needs /usr/bin/time.
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
for N in ${@:-1000 10000 100000}; do
    : > "$TMP/all.src"; : > "$TMP/all.tgt"
    while [ "$(wc -l < "$TMP/all.src")" -lt "$N" ]; do
        cat "$TMP/one.src" >> "$TMP/all.src"; cat "$TMP/one.tgt" >> "$TMP/all.tgt"
    done
    S=$(wc -l < "$TMP/all.src"); T=$(wc -l < "$TMP/all.tgt")
    /usr/bin/time -f "$S x $T sentences: %e s wall, %U s user, %M KB peak" \
        ./target/release/tolk align --presegmented --format beads -o "$TMP/out" \
        "$TMP/all.src" "$TMP/all.tgt"
done
