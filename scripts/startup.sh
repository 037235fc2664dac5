#!/usr/bin/env bash
# Start-up time and peak memory of the editor with a 1,000-card map, against a bare eframe window,
# each measured as a whole process under Xvfb (GNU time), median of several runs. Both programs
# exit as soon as their first frame is on screen (the next frame's `logic` ends the process).
# Needs xvfb and the `time` package. Usage: scripts/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
cargo build --release --quiet --bin journey-map --example hello-window
display=":$((80 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
./target/release/journey-map generate --cards 1000 -o "$work/map.journey.ron" >/dev/null
measure() { # label, command...
    local label=$1; shift
    local times=() mems=()
    for _ in $(seq "$runs"); do
        out=$(DISPLAY=$display HOME=$work XDG_RUNTIME_DIR=$work /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n1)
        times+=("$(echo "$out" | cut -d' ' -f1)")
        mems+=("$(echo "$out" | cut -d' ' -f2)")
    done
    t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-38s %6.2f s  %6.1f MiB\n' "$label" "$t" "$(echo "$m / 1024" | bc -l)"
}
measure "bare eframe window (baseline)" ./target/release/examples/hello-window
measure "journey-map, 1,000-card map" ./target/release/journey-map --quit-after-first-frame "$work/map.journey.ron"
