#!/usr/bin/env bash
# Scores publication dates (indexer/pubdate.c) on a hand-labelled sample of the htmldate set.
#
# usage: bench/dates.sh [-v] [DATE_EVAL]     (default: build/bench/date_eval under the repo root)
#
# Unpacks ../shared/corpus/htmldate-eval/{html,text}.tar.xz into a temporary directory and runs
# date_eval on the pages labelled in bench/dates.tsv (every 7th page, our own judgments), read as
# HTML (lg_page_from_html) and as the w3m text dumps (lg_page_from_text). Scored the htmldate
# way (accuracy = pages whose date equals the labelled day, or that have none and get none, over
# all pages), separately for the dev half and the held-out test half. -v lists every page that
# is not right on stderr. LEGATE_SHARED overrides the shared directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
opts=()
if [[ ${1:-} == -v ]]; then
  opts=(-v)
  shift
fi
bin=${1:-$root/build/bench/date_eval}
corpus=${LEGATE_SHARED:-$root/../shared}/corpus/htmldate-eval

[[ -x $bin ]] || { echo "dates: $bin is not built (ninja -C build bench/date_eval)" >&2; exit 2; }
[[ -f $corpus/html.tar.xz ]] || { echo "dates: no evaluation set at $corpus" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ids=$(grep -v '^#' "$root/bench/dates.tsv" | cut -f1)
tar -xJf "$corpus/html.tar.xz" -C "$tmp" $(printf 'html/%s.html ' $ids)
tar -xJf "$corpus/text.tar.xz" -C "$tmp" $(printf 'text/%s.txt ' $ids)
"$bin" "${opts[@]}" "$root/bench/dates.tsv" "$tmp/html" "$tmp/text"
