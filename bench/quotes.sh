#!/usr/bin/env bash
# Scores Legate's quotation extraction against bench/labelled/quotes.jsonl.
#
# usage: bench/quotes.sh [QUOTES_EVAL]     (default: build/bench/quotes_eval under the repo root)
#
# Runs quotes_eval (the indexer's pipeline: page, cleaning, kept text, speakers, quotations) on
# every labelled file — pages/NNN-slug.* (labelled by bare name) and quotes-extra/*.txt (labelled
# by their path under bench/labelled/) — and compares, file by file:
#   - spans: an extracted quotation matches a labelled one when their words (lower-case runs of
#     letters and digits) are equal or overlap by >= 90 % (shared words, counted with repeats,
#     over the longer of the two); each label matches at most one extraction, best overlap first.
#     precision = matched extractions / extractions, recall = matched labels / labels.
#   - attribution, on matched pairs: a speaker is correct when its name key (lg_name_key) equals
#     the label's or their last words are equal (a surname against the full name).
#     accuracy = correct / matched pairs whose label names a speaker;
#     precision = correct / matched pairs given a speaker (a speaker where the label has none is
#     wrong); recall = correct / all labels naming a speaker (a missed span is a missed
#     attribution, as in Quootstrap's evaluation); "no speaker" = matched pairs labelled null and
#     answered null / matched pairs labelled null. Precision is also given by confidence band.
#   - partial: matched pairs whose partial flag agrees with the label / matched pairs.
# Overall, by language (a label is Russian when its text has Cyrillic letters) and by subset
# (pages/ against quotes-extra/). VERBOSE=1
# lists every unmatched label and extraction and every wrong attribution on stderr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
eval_bin=${1:-$root/build/bench/quotes_eval}
labelled=$root/bench/labelled
labels=$labelled/quotes.jsonl

command -v jq >/dev/null || { echo "quotes: jq is required" >&2; exit 2; }
[[ -x $eval_bin ]] || { echo "quotes: $eval_bin is not an executable" >&2; exit 2; }
[[ -f $labels ]] || { echo "quotes: $labels missing" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$eval_bin" -k <"$labels" >"$tmp/labels.jsonl"
mapfile -t files < <(jq -r '.file' "$labels" | sort -u)
paths=()
for f in "${files[@]}"; do
    if [[ $f == */* ]]; then paths+=("$f"); else paths+=("pages/$f"); fi
done
(cd "$labelled" && "$eval_bin" "${paths[@]}") >"$tmp/found.jsonl"

# shellcheck disable=SC2016
jq -nr --slurpfile labels "$tmp/labels.jsonl" --slurpfile found "$tmp/found.jsonl" \
   --arg verbose "${VERBOSE:-}" '
def key: .path | sub("^pages/"; "");
def overlap($a; $b):
  if ($a | length) == 0 or ($b | length) == 0 then 0
  else (reduce $a[] as $w ({n: 0, pool: ($b | group_by(.) | map({key: .[0], value: length}) | from_entries)};
          if (.pool[$w] // 0) > 0 then .n += 1 | .pool[$w] -= 1 else . end) | .n)
       / ([$a | length, $b | length] | max) end;
def last_word: split(" ") | last;
def same_person($a; $b): $a != null and $b != null and ($a == $b or ($a | last_word) == ($b | last_word));
def pct: if . == null then "    -" else (. * 1000 | round / 10 | tostring | if test("\\.") then . else . + ".0" end
                                         | " " * (5 - length) + .) end;
def ratio($n; $d): if $d == 0 then null else $n / $d end;
def pad($w): tostring | . + " " * ([$w - length, 0] | max);
def lpad($w): tostring | " " * ([$w - length, 0] | max) + .;
def lang: if (.quote | test("[А-яЁё]")) then "ru" else "en" end;
def subset: if (.file | test("/")) then "extra" else "pages" end;

# Greedy one-to-one matching per file, best overlap first.
def match_file($ls; $fs):
  [ range(0; $ls | length) as $i | range(0; $fs | length) as $j
    | overlap($ls[$i].words; $fs[$j].words) as $o
    | select($ls[$i].words == $fs[$j].words or $o >= 0.9)
    | {i: $i, j: $j, o: (if $ls[$i].words == $fs[$j].words then 2 else $o end)} ]
  | sort_by(-.o)
  | reduce .[] as $c ({li: {}, fj: {}, pairs: []};
      if .li[$c.i | tostring] or .fj[$c.j | tostring] then .
      else .li[$c.i | tostring] = true | .fj[$c.j | tostring] = true
           | .pairs += [{l: $ls[$c.i], f: $fs[$c.j]}] end)
  | {pairs: .pairs,
     lonely_labels: [range(0; $ls | length) as $i | select(.li[$i | tostring] | not) | $ls[$i]],
     lonely_found: [range(0; $fs | length) as $j | select(.fj[$j | tostring] | not) | $fs[$j]]};

($found | map(. + {file: key})) as $found
| ($found | group_by(.file) | map({key: .[0].file, value: .}) | from_entries) as $byfile
| ($labels | group_by(.file)
   | map(. as $ls | match_file($ls; $byfile[$ls[0].file] // [])) ) as $m
| ($labels | map({key: .file, value: true}) | from_entries) as $lfiles
| ([$found[] | select($lfiles[.file] | not)]) as $stray_files
| {pairs: [$m[].pairs[]], ll: [$m[].lonely_labels[]], lf: ([$m[].lonely_found[]] + $stray_files)} as $all
| def stats($pairs; $ll; $lf):
    ($pairs | length) as $mp
    | ([$pairs[] | select(.l.speaker_key != null)]) as $lsp
    | ([$pairs[] | select(.f.speaker_key != null)]) as $att
    | ([$pairs[] | select(same_person(.f.speaker_key; .l.speaker_key))] | length) as $ok
    | ([$pairs[] | select(.l.speaker_key == null)]) as $lnull
    | {found: ($mp + ($lf | length)), labels: ($mp + ($ll | length)), matched: $mp,
       span_p: ratio($mp; $mp + ($lf | length)), span_r: ratio($mp; $mp + ($ll | length)),
       acc: ratio($ok; $lsp | length), ok: $ok, lsp: ($lsp | length), att: ($att | length),
       att_p: ratio($ok; $att | length),
       att_r: ratio($ok; ($lsp | length) + ([$ll[] | select(.speaker_key != null)] | length)),
       all_lsp: (($lsp | length) + ([$ll[] | select(.speaker_key != null)] | length)),
       null_ok: ([$lnull[] | select(.f.speaker_key == null)] | length), nulls: ($lnull | length),
       partial_ok: ([$pairs[] | select(.l.partial == .f.partial)] | length)};
  def row($name; $s):
    "\($name | pad(8)) \($s.labels | lpad(6)) \($s.found | lpad(6)) \($s.matched | lpad(7))   \($s.span_p | pct)  \($s.span_r | pct)   \("\($s.ok)/\($s.lsp)" | lpad(7)) \($s.acc | pct)  \($s.att_p | pct)  \($s.att_r | pct)  \("\($s.null_ok)/\($s.nulls)" | lpad(6))  \("\($s.partial_ok)/\($s.matched)" | lpad(7))";
  def band($name; $lo; $hi):
    [$all.pairs[] | select(.f.speaker_key != null and .f.confidence >= $lo and .f.confidence < $hi)] as $b
    | ([$b[] | select(same_person(.f.speaker_key; .l.speaker_key))] | length) as $ok
    | "  \($name | pad(14)) \($b | length | lpad(4)) attributed, \($ok | lpad(4)) correct, precision \(ratio($ok; $b | length) | pct)";
  ( if $verbose != "" then
      ( ($all.ll[] | "# missed   \(.file): \(.quote[0:90] | tojson)"),
        ($all.lf[] | "# spurious \(.file): \(.quote[0:90] | tojson) (\(.speaker // "-"))"),
        ($all.pairs[] | select(.f.speaker_key != .l.speaker_key and (same_person(.f.speaker_key; .l.speaker_key) | not))
         | "# speaker  \(.l.file): \(.l.quote[0:60] | tojson) want \(.l.speaker | tojson) got \(.f.speaker | tojson) (\(.f.confidence))"),
        ($all.pairs[] | select(.l.partial != .f.partial)
         | "# partial  \(.l.file): \(.l.quote[0:60] | tojson) want \(.l.partial) got \(.f.partial)") )
    else empty end ),
  "Legate quotations on the labelled set: \($labels | length) labelled in \($lfiles | keys | length) files, \($found | length) extracted",
  "",
  "         labels  found matched   span P  span R   attrib   acc    att P  att R   no spk  partial",
  row("all"; stats($all.pairs; $all.ll; $all.lf)),
  ( ["en", "ru"][] as $lg
    | row("lang " + $lg; stats([$all.pairs[] | select(.l | lang == $lg)]; [$all.ll[] | select(lang == $lg)];
                              [$all.lf[] | select(lang == $lg)])) ),
  ( ["pages", "extra"][] as $set
    | row($set; stats([$all.pairs[] | select(.l | subset == $set)]; [$all.ll[] | select(subset == $set)];
                      [$all.lf[] | select(subset == $set)])) ),
  "",
  "attribution precision by confidence:",
  band(">= 0.9"; 0.9; 2), band("0.6 - 0.9"; 0.6; 0.9), band("< 0.6"; 0; 0.6)
' | { if [[ -n ${VERBOSE:-} ]]; then tee >(grep '^# ' >&2) | grep -v '^# '; else cat; fi; }
