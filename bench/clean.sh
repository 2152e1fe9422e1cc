#!/usr/bin/env bash
# Scores page cleaning (indexer/clean.c) on the trafilatura evaluation set.
#
# usage: bench/clean.sh [-v] [CLEAN_EVAL]     (default: build/bench/clean_eval under the repo root)
#
# Unpacks ../shared/corpus/trafilatura-eval/{html,text}.tar.xz into a temporary directory and runs
# clean_eval over all 990 pages twice: as HTML (lg_page_from_html) and as the w3m text dumps
# (lg_page_from_text). Each is scored with the set's own rule against gold.json (whitespace-folded
# substring match of the "with" and "without" segments; see bench/README.md, "Cleaning"), cleaned
# and with every block kept. -v lists every miss on stderr with the reason the block holding it
# was dropped, and totals misses per reason. LEGATE_SHARED overrides the shared directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
opts=()
if [[ ${1:-} == -v ]]; then
  opts=(-v)
  shift
fi
bin=${1:-$root/build/bench/clean_eval}
corpus=${LEGATE_SHARED:-$root/../shared}/corpus/trafilatura-eval

[[ -x $bin ]] || { echo "clean: $bin is not built (ninja -C build bench/clean_eval)" >&2; exit 2; }
[[ -f $corpus/gold.json ]] || { echo "clean: no evaluation set at $corpus" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$corpus/html.tar.xz" -C "$tmp"
tar -xJf "$corpus/text.tar.xz" -C "$tmp"
"$bin" "${opts[@]}" "$corpus/gold.json" "$tmp/html" "$tmp/text"
