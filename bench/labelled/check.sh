#!/usr/bin/env bash
# Verifies bench/labelled/labels.jsonl against bench/labelled/pages/:
#  - one label per page file and one page file per label, valid fields;
#  - every non-blank line of a .txt page (every visible text block of an .html page, one block
#    per source line outside <head>, <script>, <style> and comments), whitespace-trimmed, is in
#    exactly one of keep/drop; a line may also be a drop entry glued to a keep entry
#    ("HomeWorld" + "Headline"); no keep/drop entry is missing from its page;
#  - 15 to 60 lines per page; HTML pages carry <title>, og:title, og:site_name, a published
#    time (article:published_time or JSON-LD datePublished) and <article>.
# Prints one line per problem and a summary; exit 0 when clean, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
labels=$here/labels.jsonl
pages=$here/pages
errors=0
err() { printf '%s\n' "$*"; errors=$((errors + 1)); }

command -v jq >/dev/null || { echo "check: jq is required" >&2; exit 2; }
[[ -f $labels ]] || { echo "check: $labels missing" >&2; exit 2; }

if ! jq -e . "$labels" >/dev/null 2>&1; then
    echo "check: $labels is not valid JSON Lines" >&2
    exit 1
fi

# files <-> labels
mapfile -t labelled < <(jq -r '.file' "$labels")
while IFS= read -r dup; do err "labels: duplicate entry for $dup"; done \
    < <(printf '%s\n' "${labelled[@]}" | sort | uniq -d)
for f in "${labelled[@]}"; do
    [[ -f $pages/$f ]] || err "labels: $f has no page file"
done
for p in "$pages"/*; do
    b=${p##*/}
    printf '%s\n' "${labelled[@]}" | grep -qxF -- "$b" || err "pages: $b has no label"
done

# shellcheck disable=SC2016
prog='
def trim: sub("^\\s+"; "") | sub("\\s+$"; "");
def vis: gsub("<[^>]*>"; "") | gsub("&nbsp;"; " ") | gsub("&quot;"; "\"")
         | gsub("&#39;|&apos;"; "'"'"'") | gsub("&lt;"; "<") | gsub("&gt;"; ">")
         | gsub("&amp;"; "&") | trim;
def uniq: reduce .[] as $x ([]; if index([$x]) then . else . + [$x] end);
def closer: {"head": "</head>", "script": "</script>", "style": "</style>", "comment": "-->"}[.];
def htmlblocks:
  reduce (split("\n")[]) as $line ({skip: null, out: []};
    if .skip != null then
      (.skip as $s | if ($line | contains($s | closer)) then .skip = null else . end)
    else
      ($line | gsub("<script[^>]*>.*?</script>"; "") | gsub("<style[^>]*>.*?</style>"; "")
             | gsub("<!--.*?-->"; "") | gsub("<head>.*?</head>"; "")) as $l
      | if ($l | test("<head(\\s|>)")) then .skip = "head"
        elif ($l | test("<script(\\s|>)")) then .skip = "script"
        elif ($l | test("<style(\\s|>)")) then .skip = "style"
        elif ($l | test("<!--")) then .skip = "comment"
        else .out += [$l | vis | select(. != "")] end
    end) | .out;
def txtblocks: [split("\n")[] | trim | select(. != "")];

. as $lab
| ($lab.file | endswith(".html")) as $html
| (if $html then $page | htmlblocks else $page | txtblocks end) as $all
| ($all | uniq) as $blocks
| ($lab.keep // []) as $keep | ($lab.drop // []) as $drop
| [ $blocks[] as $b
    | if ($keep | index([$b])) and ($drop | index([$b])) then {b: $b, k: $b, d: $b, err: "in both keep and drop"}
      elif ($keep | index([$b])) then {b: $b, k: $b}
      elif ($drop | index([$b])) then {b: $b, d: $b}
      else ([$drop[] as $d | select(($d | length) < ($b | length) and ($b | startswith($d)))
             | ($b[($d | length):] | trim) as $r | select($keep | index([$r])) | {b: $b, d: $d, k: $r}]
            | first // {b: $b, err: "not labelled"})
      end ] as $cover
| [ ($cover[] | select(.err) | "\(.err): \(.b[0:100])"),
    ($keep[] as $k | select([$cover[] | select(.k == $k)] | length == 0) | "keep entry not on page: \($k[0:100])"),
    ($drop[] as $d | select([$cover[] | select(.d == $d)] | length == 0) | "drop entry not on page: \($d[0:100])"),
    (if ($keep | length) != ($keep | uniq | length) then "duplicate keep entries" else empty end),
    (if ($drop | length) != ($drop | uniq | length) then "duplicate drop entries" else empty end),
    (["file","lang","title","date","date_precision","outlet","via","speaker","speakers","keep","drop"][] as $f
      | select($lab | has($f) | not) | "missing field \($f)"),
    (["title","date","outlet","via","speaker"][] as $f
      | select(($lab[$f] | type) as $t | $t != "null" and $t != "string") | "\($f) must be a string or null"),
    (if ($lab.speakers | type) != "array" then "speakers must be an array" else empty end),
    (if $lab.date != null and ($lab.date | test("^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$") | not) then "bad date \($lab.date)" else empty end),
    (if ($lab.date_precision | IN("minute","day","month","unknown") | not) then "bad date_precision \($lab.date_precision)" else empty end),
    (if $lab.date == null and $lab.date_precision != "unknown" then "null date needs precision unknown" else empty end),
    (if $lab.date != null and ($lab.date | length) == 7 and $lab.date_precision != "month" then "YYYY-MM date needs precision month" else empty end),
    (if $lab.date != null and ($lab.date | length) == 10 and ($lab.date_precision | IN("day","minute") | not) then "YYYY-MM-DD date needs precision day or minute" else empty end),
    (if $lab.speaker != null and (($lab.speakers // []) | index([$lab.speaker]) | not) then "speaker not in speakers" else empty end),
    (if $lab.speaker == null and (($lab.speakers // []) | length) > 0 then "speakers without speaker" else empty end),
    (if $lab.title != null and ($keep | index([$lab.title]) | not) then "title is not a keep entry" else empty end),
    (if ($lab.lang | IN("en","ru") | not) then "lang must be en or ru" else empty end),
    (if ($keep | length) == 0 then "no keep entries" else empty end),
    (($page | rtrimstr("\n") | split("\n") | length) as $n
      | if $n < 15 or $n > 60 then "page has \($n) lines (want 15-60)" else empty end),
    (if $html then
       (["<title>", "og:title", "og:site_name", "<article"][] as $m
          | select($page | contains($m) | not) | "html page lacks \($m)"),
       (if ($page | test("article:published_time|datePublished")) then empty
        elif $lab.date == null then empty else "html page lacks a published time" end)
     else empty end)
  ][] | "\($lab.file): \(.)"
'
while IFS= read -r line; do
    f=$(jq -r '.file' <<<"$line")
    [[ -f $pages/$f ]] || continue
    if ! out=$(jq -r --rawfile page "$pages/$f" "$prog" <<<"$line"); then
        err "$f: checker failed (jq error above)"
        continue
    fi
    while IFS= read -r problem; do
        [[ -n $problem ]] && err "$problem"
    done <<<"$out"
done < "$labels"

jq -rs '
  "pages: \(length) (" + (group_by(.lang) | map("\(.[0].lang) \(length)") | join(", ")) + "); "
  + "formats: " + (group_by(.file | split(".") | last) | map("\(.[0].file | split(".") | last) \(length)") | join(", ")) + "; "
  + "undated: \(map(select(.date == null)) | length); "
  + "precision: " + (group_by(.date_precision) | map("\(.[0].date_precision) \(length)") | join(", ")) + "; "
  + "outlets: \(map(.outlet // empty) | unique | length) distinct, \(map(select(.outlet == null)) | length) null; "
  + "via: \(map(.via // empty) | length) pages (\(map(.via // empty) | unique | join(", "))); "
  + "untitled: \(map(select(.title == null)) | length); "
  + "multi-speaker: \(map(select((.speakers | length) > 1)) | length); "
  + "keep/drop entries: \(map(.keep | length) | add)/\(map(.drop | length) | add)"' "$labels"
if ((errors)); then
    echo "check: $errors problem(s)"
    exit 1
fi
echo "check: OK"
