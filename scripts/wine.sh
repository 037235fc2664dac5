#!/usr/bin/env bash
# The Windows build, run under Wine: cross-compiles journey-map.exe (x86_64-pc-windows-gnu with
# mingw), then, in a fresh Wine prefix:
#   - `check` and `export` every example; each PNG must be byte-identical to the Linux export
#     (the rasterizer is ours, so Windows draws the same pixels);
#   - `new` + `fmt` + `check` on a map in C:\Users\…\Klantreizen Q3 – Zoë\ (drive letter,
#     backslashes, spaces, non-ASCII), read back on Linux as the same map as a Linux `new`;
#   - the editor under Wine + Xvfb WITHOUT WGPU_BACKEND (the renderer fallback must open it),
#     first to its first frame, then a screenshot that must not be blank.
# Needs: wine (Debian's, 8.x), gcc-mingw-w64-x86-64, xvfb, xdotool, imagemagick.
# Usage: scripts/wine.sh   (results and screenshot in target/wine/)
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
rustup target add "$target" >/dev/null
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --release -j"${JOBS:-2}" --target "$target" --bin journey-map
cargo build --release -j"${JOBS:-2}" --bin journey-map
exe="$PWD/target/$target/release/journey-map.exe"
linux="$PWD/target/release/journey-map"
out="$PWD/target/wine"
rm -rf "$out"
mkdir -p "$out"
export WINEPREFIX="$out/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
# Wine 8 lacks ProcessPrng: a tiny stand-in beside the .exe (tests only).
bin="$out/bin"
mkdir -p "$bin"
x86_64-w64-mingw32-gcc -shared -O2 -o "$bin/bcryptprimitives.dll" \
    scripts/windows/prng.c scripts/windows/prng.def -ladvapi32
cp "$exe" "$bin/"
wineboot -i >/dev/null 2>&1 || true
wexe="$bin/journey-map.exe"
fail=0
for map in examples/*.journey.ron; do
    name=$(basename "$map" .journey.ron)
    wine "$wexe" check "$map" | tr -d '\r' > "$out/$name.check"
    "$linux" check "$map" > "$out/$name.check.linux"
    if ! diff -q "$out/$name.check" "$out/$name.check.linux" >/dev/null; then
        echo "FAIL check $name: $(cat "$out/$name.check")"; fail=1
    fi
    wine "$wexe" export "$map" -o "$out/$name.win.png" >/dev/null
    "$linux" export "$map" -o "$out/$name.linux.png" >/dev/null
    if cmp -s "$out/$name.win.png" "$out/$name.linux.png"; then
        echo "ok   $name: check and PNG identical to Linux"
    else
        echo "FAIL $name: the Windows PNG differs from the Linux PNG"; fail=1
    fi
done
# Windows paths: a drive letter, backslashes, spaces and non-ASCII letters.
folder='C:\users\Public\Klantreizen Q3 – Zoë'
wine cmd /c mkdir "$folder" >/dev/null 2>&1 || true
wine "$wexe" new --template see-think-do-care --lang nl --title "Zoë's kaart" -o "$folder\\kaart.journey.ron" >/dev/null
wine "$wexe" fmt "$folder\\kaart.journey.ron" >/dev/null
wine "$wexe" check "$folder\\kaart.journey.ron" | tr -d '\r'
unix_path="$WINEPREFIX/drive_c/users/Public/Klantreizen Q3 – Zoë/kaart.journey.ron"
"$linux" new --template see-think-do-care --lang nl --title "Zoë's kaart" -o "$out/linux.journey.ron" >/dev/null
if "$linux" check "$unix_path" >/dev/null && cmp -s "$unix_path" "$out/linux.journey.ron"; then
    echo "ok   a map saved under $folder reads back on Linux, byte-identical"
else
    echo "FAIL the map saved under Windows paths"; fail=1
fi
# The editor, with eframe's own choice of graphics path (no WGPU_BACKEND).
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; wineserver -k 2>/dev/null || true' EXIT
sleep 2
unset WGPU_BACKEND
if DISPLAY=$display timeout 180 wine "$wexe" --quit-after-first-frame examples/chocolate-bar.journey.ron \
    > "$out/gui.log" 2>&1; then
    echo "ok   the editor showed its first frame: $(grep -a 'drawing with' "$out/gui.log" | tr -d '\r')"
else
    echo "FAIL the editor did not open under Wine:"; tr -d '\r' < "$out/gui.log" | tail -5; fail=1
fi
DISPLAY=$display wine "$wexe" examples/chocolate-bar.journey.ron > "$out/gui2.log" 2>&1 &
sleep 25
DISPLAY=$display import -window root "$out/wine-window.png"
sd=$(convert "$out/wine-window.png" -format '%[fx:standard_deviation]' info:)
if awk -v s="$sd" 'BEGIN { exit !(s > 0.05) }'; then
    echo "ok   screenshot of the editor under Wine: $out/wine-window.png"
else
    echo "FAIL the Wine window is blank (deviation $sd)"; fail=1
fi
# One map, two editors: the lock (LockFileEx under Windows) makes the second ask first, and a
# killed editor's lock never blocks the next one.
wait_json() { # file, python condition on l, what
    for _ in $(seq 180); do
        if python3 -c "import json,sys; l=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "FAIL timed out waiting for $3: $(cat "$1" 2>/dev/null | head -c 300)"; fail=1; return 1
}
map="$out/kiosk.journey.ron"
cp examples/chocolate-bar.journey.ron "$map"
DISPLAY=$display wine "$wexe" --layout-json "$out/first.json" "$map" > "$out/first.log" 2>&1 &
first=$!
if wait_json "$out/first.json" 'l["dialog"] == "" and len(l["cards"]) > 0' "the first editor"; then
    DISPLAY=$display wine "$wexe" --layout-json "$out/second.json" "$map" > "$out/second.log" 2>&1 &
    second=$!
    if wait_json "$out/second.json" 'l["dialog"] == "already-open"' "the second editor's question"; then
        echo "ok   a second editor on the same map asks first (Already open): the lock holds under Windows"
        DISPLAY=$display import -window root "$out/wine-already-open.png"
    fi
    kill -9 "$second" "$first" 2>/dev/null || true
    wait "$second" "$first" 2>/dev/null || true
    sleep 2
    DISPLAY=$display wine "$wexe" --layout-json "$out/third.json" "$map" > "$out/third.log" 2>&1 &
    third=$!
    if wait_json "$out/third.json" 'l["dialog"] == "" and len(l["cards"]) > 0' "an editor after the first was killed"; then
        echo "ok   after the editors were killed, the map opens again without the question (no stale lock)"
    fi
    kill -9 "$third" 2>/dev/null || true
fi
exit $fail
