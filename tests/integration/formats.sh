# The machine-readable formats: a contract (README "Output formats").
. "$(dirname "$0")/lib.sh"
index_fixtures || { echo "indexing fixtures failed"; exit 1; }
FIELDS="id,rank,score,date,date_precision,outlet,speaker,title,source,lang,snippet,dup_count,outlets"

for q in 'negotiations' 'zzzznothing' 'speaker:lavrov'; do
  lg search --format json --limit 0 "$q" >"$WORK/json"
  CHECKS=$((CHECKS + 1))
  jq -e . "$WORK/json" >/dev/null || fail "json does not parse for '$q'"
  expect_eq "$q" "$(jq -r .query "$WORK/json")" "json echoes the query"
  expect_eq "$(jq '.results | length' "$WORK/json")" "$(jq .total "$WORK/json")" "json total for '$q'"
  lg search --format ndjson --limit 0 "$q" >"$WORK/ndjson"
  expect_eq "$(jq .total "$WORK/json")" "$(grep -c . "$WORK/ndjson")" "one ndjson line per result for '$q'"
  CHECKS=$((CHECKS + 1))
  jq -e . "$WORK/ndjson" >/dev/null 2>&1 || [ ! -s "$WORK/ndjson" ] || fail "ndjson does not parse"
  lg search --format csv --limit 0 "$q" >"$WORK/csv"
  expect_eq "$FIELDS" "$(head -1 "$WORK/csv" | tr -d '\r')" "csv header for '$q'"
  lg search --format tsv --limit 0 "$q" >"$WORK/tsv"
  expect_eq "$(echo "$FIELDS" | tr , '\t')" "$(head -1 "$WORK/tsv")" "tsv header for '$q'"
  expect_eq "$(($(jq .total "$WORK/json") + 1))" "$(wc -l <"$WORK/tsv" | tr -d ' ')" "tsv rows for '$q'"
done

# Empty results are well-formed, and exit 1.
expect_exit 1 lg search --format json zzzznothing
expect_eq '{"query":"zzzznothing","total":0,"total_exact":true,"offset":0,"results":[]}' "$(jq -c . "$WORK/out")" "empty json"
expect_exit 1 lg search --format ndjson zzzznothing
expect_eq 0 "$(wc -c <"$WORK/out" | tr -d ' ')" "empty ndjson"
expect_exit 1 lg search --format csv zzzznothing
expect_eq 1 "$(wc -l <"$WORK/out" | tr -d ' ')" "empty csv is the header alone"

# Keys, order and types of a result.
lg search --format ndjson --limit 1 '"root causes"' >"$WORK/one"
expect_eq "$FIELDS" "$(jq -r 'keys_unsorted | join(",")' "$WORK/one")" "ndjson keys in order"
expect_eq "number number number string" "$(jq -r '[.id, .rank, .score, .date] | map(type) | join(" ")' "$WORK/one")" "types"
expect_eq "day" "$(jq -r .date_precision "$WORK/one")" "date precision"
CHECKS=$((CHECKS + 1))
jq -e '.snippet | test("root causes")' "$WORK/one" >/dev/null || fail "snippet shows the matched words"
lg search --format json --limit 0 --sort oldest >"$WORK/all"
expect_eq "month" "$(jq -r '.results[] | select(.date == "2024-11") | .date_precision' "$WORK/all")" "month precision"

# csv round trip: a title with a comma and a quote survives.
printf 'Text about "quoted, tricky" treaties.\n' >"$WORK/tricky.txt"
lg index --quiet --title 'Treaty, "quoted" title' "$WORK/tricky.txt"
lg search --format csv treaties >"$WORK/csv"
expect_grep '"Treaty, ""quoted"" title"' "$WORK/csv" "csv quoting"
lg search --format tsv treaties >"$WORK/tsv"
expect_eq 2 "$(wc -l <"$WORK/tsv" | tr -d ' ')" "tsv has no raw newline"

# Text output: no escape codes unless asked; highlighting when asked.
lg search --color never negotiations >"$WORK/text" 2>/dev/null
CHECKS=$((CHECKS + 1))
grep -q $'\033' "$WORK/text" && fail "color never printed escapes"
lg search --color always negotiations >"$WORK/text" 2>/dev/null
expect_grep $'\033\\[1m' "$WORK/text" "color always highlights"
expect_exit 0 lg search negotiations
expect_grep "results" "$WORK/err" "text mode: the count goes to stderr"

# --output lists, NUL-separated for xargs -0; highlight markers; defaults.
expect_exit 0 lg search --output ids negotiations
expect_eq "$(lg search --format json negotiations | jq -r '[.results[].id] | map(tostring) | join(" ")')" "$(tr '\n' ' ' <"$WORK/out" | sed 's/ $//')" "--output ids"
expect_eq "$(lg search --format json --limit 0 speaker:lavrov | jq .total)" "$(lg search --limit 0 --output sources -0 speaker:lavrov 2>/dev/null | tr -cd '\0' | wc -c | tr -d ' ')" "-0 separates with NUL"
expect_exit 2 lg search -0 negotiations
expect_exit 2 lg search --output titles negotiations
lg search --format ndjson --limit 1 --hl-pre '<<' --hl-post '>>' '"root causes"' >"$WORK/one"
expect_grep "<<root>> <<causes>>" "$WORK/one" "--hl-pre/--hl-post mark snippets"
expect_eq "id,rank" "$(LEGATE_FORMAT=csv lg search negotiations 2>/dev/null | head -1 | cut -d, -f1-2)" "LEGATE_FORMAT sets the default"
expect_eq "$(lg search --format json negotiations | jq -c .)" "$(LEGATE_FORMAT=csv lg search --format json negotiations | jq -c .)" "--format beats LEGATE_FORMAT"
expect_exit 0 lg search --format-version 1 --format json negotiations
expect_exit 2 lg search --format-version 2 negotiations

# Every format of every other command parses with a real parser.
parse() { # FORMAT FILE
  case $1 in
    json) jq -e . "$2" >/dev/null ;;
    ndjson) [ ! -s "$2" ] || jq -e . "$2" >/dev/null ;;
    csv) python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); sys.exit(0 if r and len(set(map(len, r))) == 1 else 1)' "$2" ;;
    tsv) awk -F'\t' 'NR == 1 {n = NF} NF != n {bad = 1} END {exit bad}' "$2" ;;
  esac
}
for f in json ndjson csv tsv; do
  for cmd in "count --by outlet" "count --by month --quotes" "quotes" "export" "export --quotes"; do
    lg $cmd --format "$f" >"$WORK/fmt" 2>/dev/null
    CHECKS=$((CHECKS + 1))
    parse "$f" "$WORK/fmt" || fail "$cmd --format $f does not parse"
  done
done
for cmd in "timeline --by year" "show 1" "stats" "alias list speaker"; do
  lg $cmd --format json >"$WORK/fmt" 2>/dev/null
  CHECKS=$((CHECKS + 1))
  parse json "$WORK/fmt" || fail "$cmd --format json does not parse"
done

# Results read their rows from the tables, not from article_view and
# quote_view (search.c: preparing on a view expands all of it): the same
# values as the views (created as `legate` creates them), for every
# article and quotation.
view_rows() {
  { cat "$(dirname "$0")/../../schema/views.sql"; echo "$1;"; } |
    sqlite3 -separator '|' -nullvalue '-' "$LEGATE_DB/legate.sqlite" | sort
}
json_rows() { jq -r "$1 | map(if . == null then \"-\" else tostring end) | join(\"|\")" | sort; }
expect_eq "$(view_rows "SELECT id, date, date_precision, outlet, speaker, title, source, lang FROM article_view")" \
  "$(lg export --no-collapse --format ndjson | json_rows "[.id, .date, .date_precision, .outlet, .speaker, .title, .source, .lang]")" \
  "article rows as article_view has them"
expect_eq "$(view_rows "SELECT quote_id, article_id, date, outlet, speaker, speaker_confidence, quote, partial, title, source FROM quote_view")" \
  "$(lg export --quotes --no-collapse --format ndjson | json_rows "[.quote_id, .article_id, .date, .outlet, .speaker, .speaker_confidence, .quote, .partial, .title, .source]")" \
  "quotation rows as quote_view has them"

# A failed write is exit 4.
expect_exit 4 sh -c "\"$LEGATE_BIN\" search --format json negotiations >/dev/full"
finish
