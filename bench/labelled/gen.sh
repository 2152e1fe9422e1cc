#!/usr/bin/env bash
# Builds pages/ and labels.jsonl from the annotated sources in src/*.src.
# Usage: bench/labelled/gen.sh      (then bench/labelled/check.sh)
#
# Source format, one page per file:
#   @file NNN-slug.txt|.html   page file name (required, first)
#   @lang en|ru                language of the article
#   @title TEXT                headline as displayed (empty: null)
#   @date YYYY-MM-DD|YYYY-MM   publication date shown on the page (empty: null)
#   @precision minute|day|month|unknown
#   @outlet NAME  @via AGENCY  @speaker NAME  (empty: null)
#   @speakers A; B; C          everyone whose words are reported, main speaker first
#   K LINE   article content          D LINE   boilerplate
#   H LINE   HTML markup with no visible text (not labelled)
#   G DROP@@KEEP  one page line made of boilerplate glued to content
#   B[SPACES]     a whitespace-only line           (empty line)  a blank line
# For .html pages the label of a K/D line is its text: tags removed, entities decoded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rm -f "$here"/pages/*
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for src in "$here"/src/*.src; do
    file=$(sed -n 's/^@file //p' "$src")
    [[ -n $file ]] || { echo "$src: no @file" >&2; exit 1; }
    jq -Rr '
        if . == "" then ""
        elif startswith("@") then empty
        elif test("^[KDH] ") then .[2:]
        elif startswith("G ") then (.[2:] | split("@@") | if length != 2 then error("bad G line: \(.)") else add end)
        elif test("^B *$") then .[1:]
        else error("bad line: \(.)") end' "$src" > "$here/pages/$file"
    jq -c -Rs --arg file "$file" '
        def trim: sub("^\\s+"; "") | sub("\\s+$"; "");
        def vis: gsub("<[^>]*>"; "") | gsub("&nbsp;"; " ") | gsub("&quot;"; "\"")
                 | gsub("&#39;|&apos;"; "'"'"'") | gsub("&lt;"; "<") | gsub("&gt;"; ">")
                 | gsub("&amp;"; "&") | trim;
        def txt: if ($file | endswith(".html")) then vis else trim end;
        def meta($k): ([split("\n")[] | select(startswith("@" + $k + " ") or . == "@" + $k)
                        | .[($k | length) + 1:] | trim] | first // "")
                      | if . == "" then null else . end;
        def uniq: reduce .[] as $x ([]; if index([$x]) then . else . + [$x] end);
        split("\n") as $l
        | {file: $file,
           lang: meta("lang"),
           title: meta("title"),
           date: meta("date"),
           date_precision: (meta("precision") // "unknown"),
           outlet: meta("outlet"),
           via: meta("via"),
           speaker: meta("speaker"),
           speakers: ((meta("speakers") // "") | split(";") | map(trim) | map(select(. != ""))),
           keep: ([$l[] | if startswith("K ") then .[2:] | txt
                          elif startswith("G ") then .[2:] | split("@@")[1] | txt
                          else empty end | select(. != "")] | uniq),
           drop: ([$l[] | if startswith("D ") then .[2:] | txt
                          elif startswith("G ") then .[2:] | split("@@")[0] | txt
                          else empty end | select(. != "")] | uniq)}' "$src" >> "$tmp"
done
mv "$tmp" "$here/labels.jsonl"
trap - EXIT
echo "gen: $(wc -l < "$here/labels.jsonl") pages" >&2
