# Hostile input (issue 6 part 5): binary files, NUL bytes, invalid and
# overlong UTF-8, a 100 MB one-line file, inputs over each limit, odd file
# names, deeply nested and oversized queries, huge numbers. Each is a named
# error or handled; never a crash, a hang or a partial database: afterwards
# every good input is indexed exactly once, in SQLite and in Xapian.
. "$(dirname "$0")/lib.sh"

# stats: "articles sqlite-sources xapian-consistent" of the database.
stats() {
  local s
  s=$(lg stats --format json | jq -r '"\(.articles) \(.xapian_documents == .articles + .quotes)"')
  echo "$s $(sqlite3 "$LEGATE_DB/legate.sqlite" 'SELECT count(DISTINCT source) FROM articles')"
}

# Writes an article about WORD to FILE.
article() {
  printf 'Lavrov said the talks on %s would go on.\n\nThe minister added that %s mattered.\n' "$2" "$2" >"$1"
}

in=$WORK/in
mkdir -p "$in/folder with spaces" "$in/sub"
good=0
article "$in/plain.txt" alpha; good=$((good + 1))
article "$in/folder with spaces/with space.txt" bravo; good=$((good + 1))
article "$in/sub/$(printf 'new\nline.txt')" charlie; good=$((good + 1))
article "$in/sub/quote'and\"semi;colon%.txt" delta; good=$((good + 1))
article "$in/sub/$(printf 'esc\033[31m.txt')" echo; good=$((good + 1))
printf '<html><body><p>Lavrov said\0 the talks on foxtrot</p></body></html>' >"$in/nul.html"
good=$((good + 1))  # libxml2 reads past the NUL: an article
printf '{"text":"Lavrov spoke of golf."}\n\n{"text":"Lavrov spoke of hotel.","id":"h"}\n' >"$in/feed.jsonl"
good=$((good + 2))

# Bad inputs, each named on stderr and skipped.
bad=$WORK/bad
mkdir -p "$bad"
printf 'Lavrov said \0 the talks' >"$bad/nul.txt"
printf 'overlong slash \300\257 here' >"$bad/overlong.txt"
printf 'surrogate \355\240\200 here' >"$bad/surrogate.txt"
printf '\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0' >"$bad/binary.txt"
: >"$bad/empty.txt"
article "$bad/$(printf 'latin1-\351t\351.txt')" india   # a name that is not UTF-8

# Over the limits: a 100 MB file of one line (a page may be 16 MiB), a
# 2 MiB line in a text page (lines: 1 MiB), a 17 MiB record in a feed whose
# other records are good (records: 16 MiB), and a device that never ends.
head -c 100000000 /dev/zero | tr '\0' 'a' >"$bad/huge.txt"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'b' >"$bad/longline.txt"
{
  printf '{"text":"Lavrov spoke of juliett."}\n{"text":"'
  head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'c'
  printf '"}\n{"text":"invalid \300\257"}\n{"text":"a\\u0000b"}\n{"text":"Lavrov spoke of kilo."}\n'
} >"$bad/feed.jsonl"
good=$((good + 2))

expect_exit 1 lg index "$in" "$bad" /dev/zero
err=$WORK/index-err
cp "$WORK/err" "$err"
expect_grep "huge.txt: larger than 16 MiB, the limit for a page, skipped" "$err" "100 MB file refused"
expect_grep "longline.txt:1: line longer than 1 MiB, the limit for a text page" "$err" "long line refused"
expect_grep "feed.jsonl:2: line longer than 16 MiB, the limit for a record" "$err" "long record refused"
expect_grep "feed.jsonl:3:.*invalid UTF-8" "$err" "invalid record named"
expect_grep "feed.jsonl:4:.*invalid JSON" "$err" "escaped NUL named"
expect_grep "/dev/zero: larger than 16 MiB" "$err" "endless device refused"
expect_grep "nul.txt: invalid UTF-8 at byte 12" "$err" "NUL byte named"
expect_grep "overlong.txt: invalid UTF-8 at byte 15" "$err" "overlong UTF-8 named"
expect_grep "surrogate.txt: invalid UTF-8" "$err" "UTF-16 surrogate named"
expect_grep "binary.txt: invalid UTF-8" "$err" "binary file named"
expect_grep "empty.txt: empty file" "$err" "empty file named"
expect_grep 'latin1-\\xe9t\\xe9.txt: file name is not valid UTF-8' "$err" "non-UTF-8 name escaped"
expect_grep "$good added, 0 updated, 0 unchanged, 0 removed, 12 failed" "$err" "summary"
CHECKS=$((CHECKS + 1))
# Every message is one line starting "legate:": names cannot break lines.
if grep -v '^legate: ' "$err" >/dev/null; then
  fail "a message spans lines or lacks its prefix"
  sed 's/^/    /' "$err" >&2
fi
CHECKS=$((CHECKS + 1))
LC_ALL=C grep -q $'\033' "$err" && fail "an escape character reached stderr"
expect_eq "$good true $good" "$(stats)" "every good input indexed once, SQLite and Xapian agree"
rm -f "$bad/huge.txt"

# A second run changes nothing: no partial state was left behind.
expect_exit 1 lg index "$in" "$bad"
expect_grep "0 added, 0 updated, $good unchanged" "$WORK/err" "second run"
expect_eq "$good true $good" "$(stats)" "second run leaves the database as it was"
for w in alpha bravo charlie delta echo foxtrot golf hotel juliett kilo; do
  expect_eq 1 "$(lg search --format json "$w" | jq .total)" "'$w' found once"
done
expect_eq 0 "$(lg search --format json india | jq .total)" "the file with a non-UTF-8 name is not indexed"
expect_exit 0 lg search --format json --limit 0 talks
expect_exit 0 lg search --format csv --limit 0 talks
expect_eq "$in/sub/$(printf 'new\nline.txt')" \
  "$(lg search --output sources -0 charlie | tr -d '\0')" "a newline in a name survives -0"

# A page of 20,000 distinct quotations (once quadratic in the extractor).
export LEGATE_DB=$WORK/quotes-db
seq 20000 | awk '{ printf "Lavrov said \"talk number %d goes on\". ", $1; if ($1 % 20 == 0) printf "\n\n" }' \
  >"$WORK/quotes.txt"
expect_exit 0 lg index "$WORK/quotes.txt"
expect_eq "1 20000" "$(lg stats --format json | jq -r '"\(.articles) \(.quotes)"')" "every quotation kept"
export LEGATE_DB=$WORK/db

# Queries: nesting, length, bad bytes, wildcards, huge numbers.
deep=$(printf '%.0s(' $(seq 10000))x$(printf '%.0s)' $(seq 10000))
expect_exit 2 lg search "$deep"
expect_grep "nested deeper than 32 levels" "$WORK/err" "10,000 parentheses refused"
expect_exit 2 lg search -- "$(printf '%.0sNOT ' $(seq 10000))x"
expect_grep "nested deeper than 32 levels" "$WORK/err" "10,000 NOTs refused"
expect_exit 2 lg search -- "$(printf '%.0s-' $(seq 10000))x"
expect_grep "nested deeper than 32 levels" "$WORK/err" "10,000 minus signs refused"
expect_exit 2 lg search "$(head -c 70000 /dev/zero | tr '\0' 'a')"
expect_grep "query longer than 65536 bytes" "$WORK/err" "70 KB query refused"
expect_exit 0 lg search "$(printf '%.0salpha OR ' $(seq 2000))bravo"
expect_exit 2 lg search $'talks \300\257'
expect_grep "invalid UTF-8 at column 7" "$WORK/err" "overlong UTF-8 in a query"
expect_exit 2 lg count $'talks \377'
expect_exit 2 lg search 'title:"unclosed'
for i in $(seq 1100); do printf 'zq%d ' "$i"; done >"$WORK/many.txt"
expect_exit 0 lg index "$WORK/many.txt"
expect_exit 2 lg search 'zq*'
expect_grep "expands to more than 1000 terms" "$WORK/err" "wildcard expansion limit"
expect_exit 0 lg search 'zq10*'
expect_exit 2 lg search --limit 99999999999999999999 talks
expect_grep "too large (at most 18446744073709551615)" "$WORK/err" "huge --limit is a usage error"
expect_exit 2 lg search --offset 184467440737095516160 talks
expect_exit 2 lg quotes --context 99999999999999999999 talks
expect_exit 2 lg search --limit -1 talks
expect_exit 0 lg search --limit 18446744073709551615 --format json talks
expect_eq 6 "$(jq '.results | length' "$WORK/out")" "the largest --limit returns every match"
expect_exit 0 lg search --offset 18446744073709551615 --limit 18446744073709551615 --format json talks
expect_eq "0" "$(jq '.results | length' "$WORK/out")" "the largest --offset returns nothing"
expect_exit 0 lg export --limit 18446744073709551615 talks
expect_exit 2 lg index --outlet $'\377' "$in/plain.txt"
expect_grep "not valid UTF-8" "$WORK/err" "a non-UTF-8 --outlet is a usage error"

finish
