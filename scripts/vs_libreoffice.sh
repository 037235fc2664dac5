#!/usr/bin/env bash
# Makes a PDF of the same map twice: with journey-map's own PDF writer, and by exporting SVG and
# letting headless LibreOffice (what a consultant would otherwise convert with) turn it into a
# PDF. Prints both times (whole processes, best of RUNS) and the ratio.
# Needs Debian's `libreoffice-draw`. Usage: scripts/vs_libreoffice.sh [MAP] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
map="${1:-examples/fulfilment-partner.journey.ron}"
runs="${2:-3}"
cargo build --release --quiet --bin journey-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
./target/release/journey-map export "$map" -o "$work/map.svg" --preset slide >/dev/null
# One LibreOffice start first, so the profile it creates is not counted.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
    --outdir "$work/warm" "$work/map.svg" >/dev/null 2>&1
best_ours=999; best_lo=999
for _ in $(seq "$runs"); do
    t0=$(now)
    ./target/release/journey-map export "$map" -o "$work/ours.pdf" --preset slide >/dev/null
    t1=$(now)
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
        --outdir "$work/lo" "$work/map.svg" >/dev/null 2>&1
    t2=$(now)
    best_ours=$(echo "o=$t1 - $t0; if (o < $best_ours) o else $best_ours" | bc -l)
    best_lo=$(echo "l=$t2 - $t1; if (l < $best_lo) l else $best_lo" | bc -l)
done
printf 'journey-map PDF (map to PDF):           %6.3f s (whole process)\n' "$best_ours"
printf 'LibreOffice (our SVG to PDF):           %6.3f s (whole process)\n' "$best_lo"
printf 'LibreOffice / journey-map:              %6.1fx\n' "$(echo "$best_lo / $best_ours" | bc -l)"
