#!/usr/bin/env bash
# Renders the same map to a 3840×2160 PNG twice: with journey-map's own CPU painter, and by
# exporting SVG and letting headless Chromium (what web-based journey tools draw with) render it.
# Prints both times and the ratio. Needs Debian's `chromium`. Usage: scripts/vs_chromium.sh [MAP]
set -euo pipefail
cd "$(dirname "$0")/.."
map="${1:-examples/fulfilment-partner.journey.ron}"
cargo build --release --quiet --bin journey-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
t0=$(now)
./target/release/journey-map export "$map" -o "$work/ours.png" --preset slide-4k >/dev/null
t1=$(now)
./target/release/journey-map export "$map" -o "$work/map.svg" --preset slide-4k >/dev/null
t2=$(now)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size=3840,2160 \
    --screenshot="$work/chromium.png" "file://$work/map.svg" >/dev/null 2>&1
t3=$(now)
ours=$(echo "$t1 - $t0" | bc -l)
svg=$(echo "$t2 - $t1" | bc -l)
chrome=$(echo "$t3 - $t2" | bc -l)
printf 'journey-map PNG 3840x2160:            %6.3f s (whole process)\n' "$ours"
printf 'journey-map SVG export:               %6.3f s\n' "$svg"
printf 'Chromium rendering that SVG to PNG:   %6.3f s (whole process)\n' "$chrome"
printf 'Chromium / journey-map:               %6.1fx\n' "$(echo "($svg + $chrome) / $ours" | bc -l)"
