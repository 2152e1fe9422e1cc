#!/usr/bin/env bash
# Scores Legate's page extraction against the labelled set.
#
# usage: bench/extract.sh [LEGATE_BINARY]     (default: build/cli/legate under the repo root)
#
# Indexes bench/labelled/pages into a temporary database, reads every article back with
# `legate search --format json --limit 0` and `legate show ID --format json`, and compares it
# with bench/labelled/labels.jsonl:
#   - title, date, outlet, via, speaker: precision = correct / answered (non-null answers),
#     recall = correct / labelled (non-null labels); "unknown" = pages whose label is null and
#     whose answer is null too, out of pages labelled null.
#     title: exact after whitespace and typographic-quote folding; date: exact string;
#     outlet, via, speaker: name keys (case folded, Cyrillic transliterated, Latin diacritics
#     dropped, x->ks, y->i, repeated i collapsed, punctuation and spaces removed).
#   - cleaning (the `text` field): a keep segment is found when it occurs in the text after
#     whitespace folding (or, for the headline, when the title field matches it); a drop segment
#     leaks when it still occurs, as a whole word sequence, in the text. Segments are cut out of
#     the text longest first, so a short drop segment ("Politics") is not found inside a longer
#     keep paragraph, and a glued breadcrumb ("HomeAsia" + headline) still counts as leaked. precision = found / (found + leaked),
#     recall = found / keep segments, F1 their harmonic mean.
# Missing fields in legate's output count as null. VERBOSE=1 lists per-page misses on stderr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/cli/legate}
labels=$root/bench/labelled/labels.jsonl
pages=$root/bench/labelled/pages

command -v jq >/dev/null || { echo "extract: jq is required" >&2; exit 2; }
[[ -x $bin ]] || { echo "extract: $bin is not an executable" >&2; exit 2; }
[[ -f $labels ]] || { echo "extract: $labels missing" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/db

# Every page is named on the command line so that .html pages are read whatever the
# indexer's list of extensions.
rc=0
"$bin" --db "$db" index --quiet "$pages"/* 2>"$tmp/index.err" || rc=$?
if ((rc != 0)); then
    echo "extract: legate index exited $rc:" >&2
    sed 's/^/  /' "$tmp/index.err" >&2
    ((rc == 1)) || exit 1
fi

rc=0
"$bin" --db "$db" search --format json --limit 0 >"$tmp/search.json" 2>"$tmp/search.err" || rc=$?
if ((rc > 1)); then
    echo "extract: legate search exited $rc:" >&2
    cat "$tmp/search.err" >&2
    exit 1
fi

: >"$tmp/shown.jsonl"
while IFS=$'\t' read -r id src; do
    if "$bin" --db "$db" show "$id" --format json >"$tmp/one.json" 2>/dev/null; then
        jq -c --arg src "$src" 'if type == "object" then .source //= $src else {source: $src} end' \
            "$tmp/one.json" >>"$tmp/shown.jsonl" || echo "extract: show $id: invalid JSON" >&2
    else
        echo "extract: legate show $id failed" >&2
    fi
done < <(jq -r '(.results // [])[] | [.id, (.source // "")] | @tsv' "$tmp/search.json" 2>/dev/null || true)

# shellcheck disable=SC2016
jq -nr --slurpfile labels "$labels" --slurpfile shown "$tmp/shown.jsonl" \
   --arg verbose "${VERBOSE:-}" '
def trim: sub("^\\s+"; "") | sub("\\s+$"; "");
def qfold: gsub("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]"; "\"")
           | gsub("[\u2018\u2019\u201a\u201b\u2032]"; "'"'"'");
def fold: if . == null then null else tostring | gsub("\\s+"; " ") | trim | qfold end;
def lc: explode | map(if (. >= 65 and . <= 90) or (. >= 192 and . <= 222 and . != 215)
                         or (. >= 1040 and . <= 1071) then . + 32
                      elif . >= 1024 and . <= 1039 then . + 80
                      elif . == 304 then 105 else . end) | implode;
def translit:
  {"а":"a","б":"b","в":"v","г":"g","д":"d","е":"e","ё":"e","ж":"zh","з":"z","и":"i","й":"i",
   "к":"k","л":"l","м":"m","н":"n","о":"o","п":"p","р":"r","с":"s","т":"t","у":"u","ф":"f",
   "х":"kh","ц":"ts","ч":"ch","ш":"sh","щ":"shch","ъ":"","ы":"y","ь":"","э":"e","ю":"yu",
   "я":"ya","і":"i","ї":"i","є":"e","ґ":"g",
   "à":"a","á":"a","â":"a","ã":"a","ä":"a","å":"a","æ":"ae","ç":"c","è":"e","é":"e","ê":"e",
   "ë":"e","ì":"i","í":"i","î":"i","ï":"i","ı":"i","ñ":"n","ò":"o","ó":"o","ô":"o","õ":"o",
   "ö":"o","ø":"o","ù":"u","ú":"u","û":"u","ü":"u","ý":"y","ÿ":"y","ğ":"g","ş":"s","ș":"s",
   "ț":"t","ł":"l","ż":"z","ź":"z","ś":"s","ć":"c","ń":"n","ő":"o","ű":"u","č":"c","š":"s",
   "ž":"z","ř":"r","ě":"e","ā":"a","ē":"e","ī":"i","ō":"o","ū":"u","ß":"ss"} as $m
  | explode | map([.] | implode | $m[.] // .) | join("");
def namekey: if . == null then null
             else tostring | lc | translit | gsub("[^\\p{L}\\p{N}]"; "") | gsub("x"; "ks")
                  | gsub("y"; "i") | gsub("i+"; "i") end;
def field($f): if type == "object" then (.[$f] // null) else null end
               | if . == "" then null else . end;
def same($f; $a; $b):
  if $f == "title" then ($a | fold) == ($b | fold)
  elif $f == "date" then ($a | tostring) == ($b | tostring)
  else ($a | namekey) == ($b | namekey) end;
def rxesc: gsub("(?<c>[.*+?^${}()|\\[\\]\\\\/-])"; "\\\(.c)");
def bound($e): "(?<a>^|[^\\p{L}\\p{N}])" + $e + "(?<b>$|[^\\p{L}\\p{N}])";
def pct: if . == null then "    -" else (. * 1000 | round / 10 | tostring | if test("\\.") then . else . + ".0" end
                                         | " " * (5 - length) + .) end;
def ratio($n; $d): if $d == 0 then null else $n / $d end;
def pad($w): tostring | . + " " * ([$w - length, 0] | max);
def lpad($w): tostring | " " * ([$w - length, 0] | max) + .;

($shown | map({key: ((.source // "") | tostring | split("/") | last | sub("#.*$"; "")), value: .})
        | from_entries) as $bysrc
| [$labels[] as $l | {l: $l, a: ($bysrc[$l.file] // null)}] as $pairs
| ["title", "date", "outlet", "via", "speaker"] as $fields
| [ $fields[] as $f
    | [ $pairs[] | (.l[$f] // null) as $want | (.a | field($f)) as $got
        | {file: .l.file, want: $want, got: $got,
           answered: ($got != null), labelled: ($want != null),
           correct: ($got != null and $want != null and same($f; $got; $want)),
           unk: ($want == null), unk_ok: ($want == null and $got == null)} ] as $r
    | {field: $f,
       answered: ($r | map(select(.answered)) | length),
       labelled: ($r | map(select(.labelled)) | length),
       correct: ($r | map(select(.correct)) | length),
       unk: ($r | map(select(.unk)) | length),
       unk_ok: ($r | map(select(.unk_ok)) | length),
       misses: [$r[] | select((.correct or .unk_ok) | not) | "\(.file): \($f) want \(.want | tojson) got \(.got | tojson)"]} ] as $stats
| [ $pairs[]
    | .l as $l | (.a | field("text") // "" | fold) as $text
    | (.a | field("title") | fold) as $atitle
    | [ $l.keep[] | fold as $k
        | {k: $k, found: (($text | contains($k)) or ($k == ($l.title | fold) and $atitle == $k))} ] as $keeps
    | ([($keeps[] | select(.found) | {t: .k, keep: true}), ($l.drop[] | fold | {t: ., keep: false})]
       | sort_by(.t | length) | reverse) as $segs
    | (reduce $segs[] as $s ({rest: $text, leaked: []};
          if $s.keep then .rest |= (split($s.t) | join(" ¶ "))
          else bound($s.t | rxesc) as $rx
               | if (.rest | test($rx)) then .leaked += [$s.t] | .rest |= sub($rx; "\(.a) ¶ \(.b)")
                 else . end
          end)) as $dr
    | {file: $l.file, fmt: ($l.file | split(".") | last), lang: $l.lang, matched: (.a != null),
       keep: ($keeps | length), found: ($keeps | map(select(.found)) | length),
       missed: [$keeps[] | select(.found | not) | .k[0:80]],
       drop: ($l.drop | length), leaked: ($dr.leaked | length), leaks: [$dr.leaked[] | .[0:80]]} ] as $clean
| def cleanrow($name; $rows):
    ($rows | map(.found) | add // 0) as $tp | ($rows | map(.keep) | add // 0) as $k
    | ($rows | map(.leaked) | add // 0) as $fp | ($rows | map(.drop) | add // 0) as $d
    | ratio($tp; $tp + $fp) as $p | ratio($tp; $k) as $r
    | (if $p == null or $r == null or ($p + $r) == 0 then null else 2 * $p * $r / ($p + $r) end) as $f1
    | "\($name | pad(10)) \("\($tp)/\($k)" | lpad(9)) \("\($fp)/\($d)" | lpad(9))   \($p | pct)  \($r | pct)  \($f1 | pct)";
  ( if $verbose != "" then
      ([$stats[].misses[], ($clean[] | select(.matched | not) | "\(.file): no article in the database"),
        ($clean[] | .file as $f | (.missed[] | "\($f): keep not found: \(.)"), (.leaks[] | "\($f): drop leaked: \(.)"))]
       | .[] | "# " + .)
    else empty end ),
  "Legate extraction on the labelled set: \($labels | length) pages, \($pairs | map(select(.a != null)) | length) found in the database",
  "",
  "field     answered labelled correct  precision  recall  unknown handled",
  ( $stats[] | "\(.field | pad(9)) \(.answered | lpad(8)) \(.labelled | lpad(8)) \(.correct | lpad(7))      \(ratio(.correct; .answered) | pct)   \(ratio(.correct; .labelled) | pct)  \("\(.unk_ok)/\(.unk)" | lpad(7))" ),
  "",
  "cleaning   keep found  drop leaked  precision  recall     F1",
  cleanrow("all"; $clean),
  ( $clean | group_by(.lang)[] | cleanrow("lang " + .[0].lang; .) ),
  ( $clean | group_by(.fmt)[] | cleanrow("format " + .[0].fmt; .) )
' | { if [[ -n ${VERBOSE:-} ]]; then tee >(grep '^# ' >&2) | grep -v '^# '; else cat; fi; }
