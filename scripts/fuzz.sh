#!/usr/bin/env bash
# Fuzzes the document loader, clipboard paste or an importer with cargo-fuzz (libFuzzer),
# seeded with the examples and pictures, PDFs, decks, mermaid and spreadsheets exported from them.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants nightly for its sanitizer
# flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets the same flags through.
# Usage: scripts/fuzz.sh [RUNS] [TARGET]   (default: 1,000,000 runs of load_document)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
target="${2:-load_document}"
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
cp examples/*.journey.ron "$corpus/" 2>/dev/null || true
cp tests/golden/*.png "$corpus/" 2>/dev/null || true
# PDFs and decks exported from the examples, so their readers start from real files.
# Imports start from the test corpus and the examples exported as mermaid and spreadsheets.
case "$target" in
    import_*) exts="mmd csv xlsx"; cp tests/import/* "$corpus/" 2>/dev/null || true ;;
    *) exts="pdf pptx" ;;
esac
if [ "$target" != paste_cards ]; then
    for map in examples/*.journey.ron; do
        name=$(basename "$map" .journey.ron)
        for ext in $exts; do
            cargo run -q --release -- export "$map" -o "$corpus/$name.$ext" >/dev/null 2>&1 || true
        done
    done
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz run "$target" "$corpus" -j 1 -- -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -timeout=10
