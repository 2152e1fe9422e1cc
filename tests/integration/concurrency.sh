# One writer at a time, readers never blocked and never torn (issue 6):
# a writer indexes thousands of generated articles, run after run, while
# three processes search in a loop. Every search must succeed; every
# result must exist in SQLite with its fields (Xapian never shows an
# article SQLite lacks); totals never go down (no reader sees an older
# commit after a newer one); at the end check is clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gen.sh"

RUNS=${LEGATE_WRITER_RUNS:-12}
PER_RUN=250
mkdir -p "$WORK/in"
gen_feed "$WORK/in/f0.jsonl" f0 "$PER_RUN"
expect_exit 0 lg index --quiet "$WORK/in/f0.jsonl"

# reader N: searches until the writer is done; failures to $WORK/fail.N.
reader() {
  local n=$1 last=0 i=0 out="$WORK/r$1.json"
  while [ ! -e "$WORK/done" ]; do
    i=$((i + 1))
    if ! "$LEGATE_BIN" search --format json --limit 20 --no-collapse --sort id >"$out" 2>"$WORK/r$n.err"; then
      echo "search failed: $(cat "$WORK/r$n.err")" >>"$WORK/fail.$n"; continue
    fi
    local total shown sources in_sqlite
    total=$(jq .total "$out")
    shown=$(jq '.results | length' "$out")
    sources=$(jq '[.results[] | select(.source != null and .source != "")] | length' "$out")
    in_sqlite=$(sqlite_q "SELECT count(*) FROM articles")
    [ "$shown" -eq $((total < 20 ? total : 20)) ] || echo "torn: $shown shown of $total" >>"$WORK/fail.$n"
    [ "$sources" -eq "$shown" ] || echo "a result without its SQLite row" >>"$WORK/fail.$n"
    [ "$total" -ge "$last" ] || echo "total went back from $last to $total" >>"$WORK/fail.$n"
    [ "$in_sqlite" -ge "$total" ] || echo "Xapian has $total articles, SQLite only $in_sqlite" >>"$WORK/fail.$n"
    grep -v "lags the database\|results$" "$WORK/r$n.err" >>"$WORK/fail.$n"
    last=$total
  done
  echo "$i" >"$WORK/iterations.$n"
}

for n in 1 2 3; do reader "$n" & done
readers=$(jobs -p)

# The writer, and a second writer that must not get in meanwhile.
blocked=0
for r in $(seq 1 "$RUNS"); do
  gen_feed "$WORK/in/f$r.jsonl" "f$r" "$PER_RUN"
  "$LEGATE_BIN" index --quiet "$WORK/in/f$r.jsonl" 2>>"$WORK/writer.err" &
  writer=$!
  "$LEGATE_BIN" index --quiet --wait 0 "$WORK/in/f0.jsonl" 2>"$WORK/second.err" || {
    grep -q "locked: another legate process (pid [0-9]*) is writing" "$WORK/second.err" && blocked=$((blocked + 1))
  }
  wait "$writer" || fail "writer run $r failed"
done
touch "$WORK/done"
# shellcheck disable=SC2086
wait $readers

iterations=$(awk '{ n += $1 } END { print n + 0 }' "$WORK"/iterations.*)
echo "readers: $iterations searches during $RUNS writer runs; second writer refused $blocked times"
for n in 1 2 3; do
  CHECKS=$((CHECKS + 1))
  [ ! -s "$WORK/fail.$n" ] || { fail "reader $n:"; sort "$WORK/fail.$n" | uniq -c | head >&2; }
done
CHECKS=$((CHECKS + 1))
[ "$iterations" -ge 3 ] || fail "the readers barely ran ($iterations searches)"

# A reader stalled on its output (a pager nobody scrolls) holds a read
# transaction: neither an index run nor a search may wait for it.
mkfifo "$WORK/stalled"
("$LEGATE_BIN" export --format ndjson >"$WORK/stalled" 2>/dev/null) &
stalled=$!
exec 7<"$WORK/stalled"   # opened, never read: the export blocks once the pipe is full
sleep 1
LATE=5
gen_feed "$WORK/in/late.jsonl" late "$LATE"
expect_exit 0 lg index --quiet "$WORK/in/late.jsonl"
expect_exit 0 lg search --limit 1 late
CHECKS=$((CHECKS + 1))
kill -0 "$stalled" 2>/dev/null || fail "the export was not stalled: the check proves nothing"
kill "$stalled" 2>/dev/null
exec 7<&-
wait "$stalled" 2>/dev/null
expect_exit 0 lg check
expect_eq $(((RUNS + 1) * PER_RUN + LATE)) "$(sqlite_q 'SELECT count(DISTINCT source) FROM articles')" "every article in SQLite once"
expect_eq $(((RUNS + 1) * PER_RUN + LATE)) "$(xapian_articles)" "every article in Xapian"
finish
