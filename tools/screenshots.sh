#!/usr/bin/env bash
# screenshots.sh - regenerates the pictures of the HTML pages in docs/clinic.md with headless Chromium.
#
#   tools/screenshots.sh [BUILD_DIR]     (default: build; run from anywhere)
#
# Writes docs/screenshots/{person,urgent,summary}.png from the built
# groupmatch, the example answers of docs/clinic.md and a generated intake of
# 500 records.  Needs chromium (Debian's package).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
gm=$build/groupmatch
gen=$build/bench/gen_intake
out=$root/docs/screenshots
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -x "$gm" ] || { echo "screenshots.sh: build groupmatch first (no '$gm')" >&2; exit 1; }
[ -n "$chromium" ] || { echo "screenshots.sh: chromium is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# shot NAME HEIGHT: a screenshot of $work/NAME.html, 816 pixels wide (Letter at 96 dpi)
shot() {
	"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$work/profile-$1" --window-size="816,$2" \
		--screenshot="$out/$1.png" "file://$work/$1.html" 2>/dev/null
	echo "wrote docs/screenshots/$1.png"
}

"$gm" match --format html --id P0042 -a crisis=no -a goals=life_transition -a focus=support \
	-a issues=grief -a comfort=3 -a connect=yes >"$work/person.html"
"$gm" match --format html --region US -a crisis=yes >"$work/urgent.html" || true
"$gen" -n 500 -s 7 >"$work/intake.csv"
"$gm" batch -q --summary --format html "$work/intake.csv" >"$work/summary.html" || true
shot person 1020
shot urgent 350
shot summary 1230
