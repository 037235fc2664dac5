#!/usr/bin/env bash
# Regenerates the README's pictures from the real program: docs/screenshot.png is the editor in a
# real X window (Xvfb, software rendering) with an example open, docs/example.png an exported map.
# Needs xvfb, xdotool and imagemagick (see .ci/run). Run it after changing what the UI shows.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
cleanup() { kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
sleep 1
# A fresh config and data folder: no remembered preferences or recent files.
DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data \
    XDG_RUNTIME_DIR=$home ./target/debug/journey-map --theme light \
    examples/chocolate-bar.journey.ron >"$home/app.log" 2>&1 &
app=$!
wid=$(DISPLAY=$display timeout 60 xdotool search --sync --name "journey-map" | head -n1)
sleep 4
DISPLAY=$display import -window "$wid" docs/screenshot.png
echo "wrote docs/screenshot.png"
./target/debug/journey-map export examples/fulfilment-partner.journey.ron -o docs/example.png --preset slide
echo "wrote docs/example.png"
