#!/usr/bin/env bash
# Renders assets/journey-map.svg to the icon sizes each platform wants: PNGs for the hicolor
# theme and the window, .ico for Windows, .icns for macOS. The results are committed, so a build
# needs none of these tools; rerun after changing the SVG.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icons
mkdir -p "$out"
for s in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$s" -h "$s" assets/journey-map.svg -o "$out/journey-map-$s.png"
done
convert "$out"/journey-map-{16,24,32,48,64,256}.png "$out/journey-map.ico"
if command -v png2icns >/dev/null; then
    png2icns "$out/journey-map.icns" "$out"/journey-map-{16,32,48,128,256,512}.png >/dev/null
else
    echo "png2icns missing (apt-get install icnsutils): journey-map.icns not updated" >&2
fi
ls -l "$out"
