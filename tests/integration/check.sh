# legate check [--repair] and one writer at a time (--wait).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gen.sh"

expect_exit 3 lg check
expect_grep "no Legate database" "$WORK/err" "check on a missing database"
expect_exit 2 lg check --format xml
expect_exit 2 lg check extra

index_fixtures || fail "indexing the fixtures"
expect_exit 0 lg check
expect_eq "" "$(cat "$WORK/out")" "a consistent database prints no problem"
expect_grep "consistent: 8 articles, [0-9]* quotations" "$WORK/err" "summary on stderr"
expect_exit 0 lg check --format json
expect_eq "true 8 0" "$(jq -r '"\(.consistent) \(.articles) \(.problems | length)"' "$WORK/out")" "json summary"
expect_eq "true" "$(jq '.documents == .articles + .quotes and .applied == .generation' "$WORK/out")" "json counts"

# Damage SQLite behind Legate's back (no outbox row): check finds each kind.
cp -a "$LEGATE_DB" "$WORK/good"
damage() { sqlite3 -cmd "PRAGMA foreign_keys = ON" "$LEGATE_DB/legate.sqlite" "$1"; }
restore() { rm -rf "$LEGATE_DB"; cp -a "$WORK/good" "$LEGATE_DB"; }

damage "UPDATE articles SET title = 'A xylophonic title' WHERE id = 3"
expect_exit 1 lg check
expect_grep "^mismatch article 3: Xapian document 3: term " "$WORK/out" "a changed row is a mismatch"
expect_grep "inconsistent: 1 problem" "$WORK/err" "summary counts the problems"
# Only a shard's documents carry what a hit shows (its quotations show
# their article's title): there the stored data differs too.
LEGATE_DB=$WORK/shard index_fixtures --shard 0/1 || fail "indexing a shard"
sqlite3 "$WORK/shard/legate.sqlite" "UPDATE articles SET title = 'A xylophonic title' WHERE id = 3"
expect_exit 1 env LEGATE_DB="$WORK/shard" "$LEGATE_BIN" check
expect_grep "^mismatch quote [0-9]*: Xapian document [0-9]*: stored data differs" "$WORK/out" "a shard's quotation shows the changed title"
expect_eq "0" "$(grep -c "stored data differs" <(lg check --format text 2>/dev/null) || true)" "a plain database's documents carry no data to differ"
expect_exit 0 lg check --repair
expect_grep "rebuilding the search index" "$WORK/err" "repair says what it does"
expect_exit 0 lg check
expect_eq "3" "$(ids title:xylophonic)" "the repaired index has the new title"

restore
quotes_of_5=$(sqlite_q "SELECT count(*) FROM quotes WHERE article_id = 5")
damage "DELETE FROM articles WHERE id = 5"
expect_exit 1 lg check --format json
expect_eq "5" "$(jq -r '[.problems[] | select(.what == "orphan" and .object == "article") | .id] | join(",")' "$WORK/out")" "a row deleted behind our back leaves an orphan article"
expect_eq "$quotes_of_5" "$(jq '[.problems[] | select(.what == "orphan" and .object == "quote")] | length' "$WORK/out")" "and its orphan quotations"
expect_grep '"what": "count"' "$WORK/out" "and unequal counts"
expect_exit 0 lg check --repair --format json
expect_eq "true $((quotes_of_5 + 2))" "$(jq -r '"\(.consistent) \(.repaired)"' "$WORK/out")" "repair reports what it fixed"

restore
damage "INSERT INTO outbox(article_id) VALUES (2)"
expect_exit 0 lg search lavrov
expect_grep "warning: the search index lags the database: 1 article change" "$WORK/err" "readers warn about lag"
expect_exit 1 lg search zzzznothingzzzz
expect_grep "warning: the search index lags the database: 1 article change" "$WORK/err" "a search that finds nothing warns too"
expect_exit 1 lg check
expect_grep "^lag database: " "$WORK/out" "check reports the lag"
expect_exit 0 lg index --quiet "$FIX/feed.jsonl"
expect_exit 0 lg check
expect_exit 0 lg search lavrov
CHECKS=$((CHECKS + 1)); ! grep -q "lags" "$WORK/err" || fail "no lag warning once applied"

# A search opens SQLite for what it shows (README, "Search start-up"); it
# checks the file's header before anything, so a database it could not
# read is an error even for a query that matches nothing.
restore
sqlite3 "$LEGATE_DB/legate.sqlite" "PRAGMA user_version = 4"
expect_exit 3 lg search zzzznothing
expect_grep "schema version 4, this legate reads" "$WORK/err" "an old schema is refused though nothing matches"
restore
printf 'Not SQLite at all' | dd of="$LEGATE_DB/legate.sqlite" conv=notrunc status=none
expect_exit 3 lg search zzzznothing
expect_grep "legate.sqlite: not a Legate database" "$WORK/err" "a damaged header is refused though nothing matches"
expect_exit 3 lg search lavrov
expect_grep "legate.sqlite: not a Legate database" "$WORK/err" "and when something does"
restore
# Past the header: the schema page. What is shown is read, and fails.
dd if=/dev/zero of="$LEGATE_DB/legate.sqlite" bs=1 seek=100 count=3000 conv=notrunc status=none
expect_exit 3 lg search lavrov
expect_grep "legate: .*malformed" "$WORK/err" "a damaged schema fails the search that shows results"

# SQLite's own damage is reported, and not hidden by --repair.
restore
damage "PRAGMA foreign_keys = OFF; DELETE FROM articles WHERE id = 4"
sqlite3 "$LEGATE_DB/legate.sqlite" "DELETE FROM articles WHERE id = 4" 2>/dev/null
expect_exit 1 lg check --repair
expect_grep "^sqlite database: .* refer to articles rows that are gone" "$WORK/out" "dangling rows are reported"

# One writer at a time. A writer stopped between its commits holds the lock.
restore
LEGATE_TEST_PAUSE=between-commits "$LEGATE_BIN" index --quiet "$FIX/pages" 2>"$WORK/pause.err" &
writer=$!
for _ in $(seq 100); do grep -q "test pause" "$WORK/pause.err" && break; sleep 0.1; done
expect_grep "test pause at between-commits (pid $writer)" "$WORK/pause.err" "the writer paused"
expect_exit 3 lg index --wait 1 "$FIX/feed.jsonl"
expect_grep "locked: another legate process (pid $writer) is writing to it; gave up after 1 s" "$WORK/err" "--wait gives up with exit 3"
expect_exit 3 lg check --wait 0
expect_grep "locked" "$WORK/err" "check waits for writers too"
expect_exit 3 lg alias add speaker "Sergei Lavrov" "S. Lavrov"
expect_grep "pid $writer" "$WORK/err" "alias add fails at once"
expect_exit 0 lg search --limit 1
CHECKS=$((CHECKS + 1)); ! grep -q "lags" "$WORK/err" || fail "no lag warning while the writer is alive"
"$LEGATE_BIN" index --quiet "$FIX/feed.jsonl" 2>"$WORK/second.err" &
second=$!
for _ in $(seq 50); do grep -q "waiting" "$WORK/second.err" && break; sleep 0.1; done
expect_grep "another legate process (pid $writer) is writing; waiting for it to finish" "$WORK/second.err" "a second index waits and says so"
kill -9 "$writer"; wait "$writer" 2>/dev/null
wait "$second"; expect_eq 0 "$?" "the second index runs once the first is gone"
expect_exit 0 lg check
expect_eq "$(($(find "$FIX/pages" -type f | wc -l) + 8))" "$(xapian_articles)" "the killed run's batch was applied by the next writer"
finish
