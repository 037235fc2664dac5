#!/usr/bin/env bash
# Start-up time and peak memory of the editor with a 1,000-card map, against a bare eframe window,
# each measured as a whole process under Xvfb (GNU time), median of several runs taken in turns.
# Both programs exit as soon as their first frame is on screen (the next frame's `logic` ends the
# process).
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
# The two programs take turns, run by run, so a busy moment of the machine falls on both alike;
# each figure is the median of its runs (GNU time's elapsed seconds, to 10 ms).
once() { # command... -> "seconds KiB"
    DISPLAY=$display HOME=$work XDG_RUNTIME_DIR=$work /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n1
}
base=() ours=()
for _ in $(seq "$runs"); do
    base+=("$(once ./target/release/examples/hello-window)")
    ours+=("$(once ./target/release/journey-map --quit-after-first-frame "$work/map.journey.ron")")
done
median() { # column, rows...
    local col=$1; shift
    printf '%s\n' "$@" | cut -d' ' -f"$col" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
report() { # label, rows...
    local label=$1; shift
    printf '%-38s %6.2f s  %6.1f MiB\n' "$label" "$(median 1 "$@")" "$(echo "$(median 2 "$@") / 1024" | bc -l)"
}
report "bare eframe window (baseline)" "${base[@]}"
report "journey-map, 1,000-card map" "${ours[@]}"
