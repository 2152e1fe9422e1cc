# export and count (issue 5): complete, exact, parseable, resumable.
. "$(dirname "$0")/lib.sh"
index_fixtures || { echo "indexing fixtures failed"; exit 1; }
lg index --quiet --outlet TASS --date 2024-10-01 "$FIX/quotes/tass-ultimatums.txt"
lg index --quiet --date 2024-10-02 "$FIX/quotes/menafn-ultimatums.txt"
printf 'Text with "quoted, tricky" words\nover two lines, about treaties.\n' >"$WORK/tricky.txt"
lg index --quiet --title 'A title, with "quotes"
and a newline' "$WORK/tricky.txt"
total=$(lg search --format json --limit 0 | jq .total)

# Every match, in every format, parsed by a real parser.
expect_exit 0 lg export
expect_eq "$total" "$(wc -l <"$WORK/out" | tr -d ' ')" "ndjson: one line per article"
expect_grep "exported $total of $total" "$WORK/err" "summary on stderr"
CHECKS=$((CHECKS + 1))
jq -e . "$WORK/out" >/dev/null || fail "ndjson parses"
expect_exit 0 lg export --format json
expect_eq "$total" "$(jq '.results | length' "$WORK/out")" "json: every result"
expect_exit 0 lg export --format csv
rows=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(len(r)-1, len(set(map(len, r))), r[0][0])' "$WORK/out")
expect_eq "$total 1 id" "$rows" "csv: a standard reader gets every row, all the same width"
CHECKS=$((CHECKS + 1))
python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); sys.exit(0 if any(x["title"]=="A title, with \"quotes\"\nand a newline" for x in r) else 1)' "$WORK/out" ||
  fail "csv round-trips commas, quotes and newlines"
expect_exit 0 lg export --format tsv
expect_eq "$((total + 1))" "$(wc -l <"$WORK/out" | tr -d ' ')" "tsv: newlines escaped"

# Columns, filters, quotations.
expect_exit 0 lg export --fields source,id --outlet caliber.az
expect_eq "source,id" "$(head -1 "$WORK/out" | jq -r 'keys_unsorted | join(",")')" "--fields order"
expect_eq "$(lg search --format json --limit 0 --outlet caliber.az | jq .total)" "$(wc -l <"$WORK/out" | tr -d ' ')" "filters apply"
expect_exit 2 lg export --fields id,bogus
expect_exit 2 lg export --fields quote
expect_exit 0 lg export --quotes --fields quote_id,speaker,occurrences
expect_eq "$(lg quotes --format json --limit 0 | jq .total)" "$(wc -l <"$WORK/out" | tr -d ' ')" "quotations exported"

# A cut export resumes with a cursor and nothing is lost or doubled.
lg export --sort id --limit 3 --fields id >"$WORK/part1" 2>/dev/null
last=$(tail -1 "$WORK/part1" | jq .id)
lg export --sort id --after "$last" --fields id >"$WORK/part2" 2>/dev/null
expect_eq "$(lg export --sort id --fields id 2>/dev/null | jq -s -c 'map(.id)')" \
  "$(cat "$WORK/part1" "$WORK/part2" | jq -s -c 'map(.id)')" "resume with --after"
expect_exit 2 lg export --after 999999
expect_exit 4 sh -c "\"$LEGATE_BIN\" export >/dev/full"

# count sums to the search total under the same filters, collapsed or not.
for by in outlet speaker lang month year; do
  expect_eq "$total" "$(lg count --by "$by" --format json | jq '[.counts[].count] | add')" "count --by $by sums to the total"
done
ftotal=$(lg search --format json --limit 0 --since 2024-06 negotiations | jq .total)
expect_eq "$ftotal" "$(lg count --by outlet --since 2024-06 negotiations --format json | jq .total)" "count with a query and filters"
qtotal=$(lg quotes --format json --limit 0 | jq .total)
expect_eq "$qtotal" "$(lg count --by speaker --quotes --format json | jq '[.counts[].count] | add')" "collapsed quotations"
expect_eq "true" "$(lg count --by speaker --quotes --format json | jq .collapsed)" "says it collapsed"
qall=$(lg quotes --format json --limit 0 --no-collapse | jq .total)
expect_eq "$qall" "$(lg count --by speaker --quotes --no-collapse --format json | jq '[.counts[].count] | add')" "uncollapsed quotations"
CHECKS=$((CHECKS + 1))
[ "$qall" -gt "$qtotal" ] || fail "the reprinted quotation counts twice without collapsing"
expect_exit 0 lg count --by month --format csv
expect_eq "month,count" "$(head -1 "$WORK/out" | tr -d '\r')" "count csv header"
expect_grep "^2024-12,2" "$WORK/out" "months"
expect_exit 2 lg count
expect_exit 2 lg count --by weekday

# timeline: the same set over time; every dated match in some period.
expect_exit 0 lg timeline --format json --by month
tl=$(jq -r '"\([.series[].counts[]] | add) \(.undated) \(.total)"' "$WORK/out")
read -r shown undated all <<<"$tl"
expect_eq "$all" "$((shown + undated))" "timeline counts every match once"
expect_eq "$total" "$all" "timeline total is the search total"
expect_eq "2022-03" "$(jq -r '.periods[0]' "$WORK/out")" "periods start at the first dated match"
expect_eq "0" "$(jq -r '.series[0].counts[1]' "$WORK/out")" "a quiet month is a zero, not a gap"
expect_exit 0 lg timeline --by year --split speaker --svg "$WORK/chart.svg"
expect_grep "█" "$WORK/out" "terminal bars"
CHECKS=$((CHECKS + 1))
python3 -c 'import sys, xml.dom.minidom as m; d=m.parse(sys.argv[1]); sys.exit(0 if d.documentElement.tagName == "svg" else 1)' "$WORK/chart.svg" ||
  fail "the SVG is well-formed"
expect_grep "Sergei Lavrov" "$WORK/chart.svg" "legend names the series"
expect_exit 0 lg timeline --by week
expect_grep "^2024-W29 " "$WORK/out" "ISO weeks (2024-07-16 is in week 29)"
expect_exit 1 lg timeline zzzznothing
expect_exit 2 lg timeline --by day

# Syndicated copies: one story saved from two outlets is one result with
# both outlets, first published first; a story quoting it is not a copy.
C=$FIX/copies
export LEGATE_DB=$WORK/copies.db
lg index --quiet --outlet "Kyiv Ledger" "$C/ledger-grain.txt"
lg index --quiet --outlet "Wire Turkey" "$C/wire-grain.txt"
lg index --quiet --outlet "Cairo Daily" "$C/other-grain.txt"
expect_exit 0 lg search --format json corridor
expect_eq 2 "$(jq .total "$WORK/out")" "copies collapse into one result"
expect_eq '2 ["Kyiv Ledger","Wire Turkey"]' "$(jq -r '.results[] | select(.dup_count == 2) | "\(.dup_count) \(.outlets | tostring)"' "$WORK/out")" "dup_count and outlets, first published first"
expect_eq 1 "$(jq '[.results[] | select(.outlets == ["Cairo Daily"])] | length' "$WORK/out")" "a story quoting the same sentence is not a copy"
expect_eq 3 "$(lg search --format json --no-collapse corridor | jq .total)" "--no-collapse shows every copy"
expect_eq 2 "$(lg count --by outlet --format json corridor | jq '[.counts[].count] | add')" "count collapses as search does"
expect_eq 3 "$(lg count --by outlet --no-collapse --format json corridor | jq '[.counts[].count] | add')" "count --no-collapse"
expect_eq 2 "$(lg export --fields id corridor 2>/dev/null | wc -l | tr -d ' ')" "export collapses too"

# Only articles with copies carry a group: the first of a group its own id,
# the story with no copy none (so Xapian reads no collapse key for it).
groups() { sqlite3 "$LEGATE_DB/legate.sqlite" "SELECT coalesce(dup_group, 'none') FROM articles ORDER BY id" | paste -sd' '; }
expect_eq "1 1 none" "$(groups)" "dup_group: first, copy, alone"
# A database of schema 4 (the first of a group had no group either; band
# keys of 64 bits per band, with an index by article, and signatures) is
# upgraded by the next index run: the first is marked again, and every
# Xapian document rewritten to match; the keys keep their low 32 bits.
want=$(lg search --format json corridor)
keys() { sqlite3 "$LEGATE_DB/legate.sqlite" "SELECT key, article_id FROM minhash_keys UNION ALL SELECT key, article_id FROM minhash_new ORDER BY 1, 2" | paste -sd' '; }
want_keys=$(keys)
sqlite3 "$LEGATE_DB/legate.sqlite" "UPDATE articles SET dup_group = NULL WHERE dup_group = id;
  CREATE TABLE article_minhash (article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, sig BLOB NOT NULL);
  CREATE TABLE minhash_bands (band INTEGER NOT NULL, key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)) WITHOUT ROWID;
  CREATE INDEX minhash_bands_article ON minhash_bands(article_id);
  INSERT INTO minhash_bands SELECT 7, key - 1234567 * 4294967296, article_id FROM minhash_keys
    UNION ALL SELECT 7, key - 1234567 * 4294967296, article_id FROM minhash_new;
  DROP TABLE minhash_keys; DROP TABLE minhash_new; PRAGMA user_version = 4"
expect_exit 0 lg index --quiet --outlet "Cairo Daily" "$C/other-grain.txt"
expect_eq "1 1 none" "$(groups)" "schema 5 marks the first of each group"
expect_eq 0 "$(sqlite3 "$LEGATE_DB/legate.sqlite" "SELECT count(*) FROM sqlite_schema WHERE name IN ('minhash_bands', 'article_minhash')")" "schema 6 drops the wide MinHash tables"
expect_eq "$want_keys" "$(keys)" "schema 6 keeps each band key's low 32 bits"
expect_exit 0 lg check
expect_eq "$want" "$(lg search --format json corridor)" "the upgraded database answers as before"
# A new copy finds its group through the migrated keys; deleting its file
# (--prune) takes its keys away, and check counts any left behind.
mkdir "$WORK/reprints"
cp "$C/wire-grain.txt" "$WORK/reprints/grain.txt"
lg index --quiet --outlet "Port Herald" "$WORK/reprints"
expect_eq "1 1 none 1" "$(groups)" "a copy joins the migrated group"
rm "$WORK/reprints/grain.txt"
lg index --quiet --prune "$WORK/reprints"
expect_eq "$want_keys" "$(keys)" "a pruned article leaves no band keys"
sqlite3 "$LEGATE_DB/legate.sqlite" "INSERT INTO minhash_keys VALUES (42, 99)"
expect_exit 1 lg check
expect_grep "minhash_keys refer to articles rows that are gone" "$WORK/out" "check reports stray band keys"
finish
