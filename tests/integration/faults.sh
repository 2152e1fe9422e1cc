# Fault injection on real processes and files (issue 6): SIGKILL at random
# moments and between the SQLite and Xapian commits, a full disk, a
# read-only database, a lost or damaged Xapian index, a truncated SQLite
# file. After each: no crash, exit 3 with a clear message where the
# database cannot be used, and after recovery `legate check` is clean and
# every input is indexed exactly once.
# LEGATE_FAULT_ROUNDS=200 runs more kill rounds (default 24).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gen.sh"

ROUNDS=${LEGATE_FAULT_ROUNDS:-24}
IN=$WORK/in
mkdir -p "$IN"

# crashed CODE: the exit status of a crash (signal), not of a clean error.
not_crashed() {
  CHECKS=$((CHECKS + 1))
  [ "$1" -lt 128 ] || fail "$2: died with status $1"
}

# The expected sources: every record of every feed in $IN.
expected_sources() {
  cat "$IN"/*.jsonl 2>/dev/null | jq -r .url | sort
}

lost=0 dup=0 orphaned=0 unclean=0 landed=0
# verify WHAT: check is clean and SQLite and Xapian hold every input once.
verify() {
  lg check --wait 60 --format json >"$WORK/check.json" 2>"$WORK/check.err"
  local rc=$?
  [ "$rc" -eq 0 ] || { unclean=$((unclean + 1)); fail "$1: check exit $rc"; sed 's/^/    /' "$WORK/check.err" >&2; }
  orphaned=$((orphaned + $(jq '[.problems[] | select(.what == "orphan")] | length' "$WORK/check.json")))
  sqlite_q "SELECT source FROM articles ORDER BY source" >"$WORK/have"
  expected_sources >"$WORK/want"
  lost=$((lost + $(comm -23 "$WORK/want" "$WORK/have" | wc -l)))
  dup=$((dup + $(uniq -d "$WORK/have" | wc -l)))
  CHECKS=$((CHECKS + 1))
  cmp -s "$WORK/want" "$WORK/have" || fail "$1: SQLite's sources differ from the inputs"
  expect_eq "$(wc -l <"$WORK/want")" "$(xapian_articles)" "$1: Xapian's article count"
}

# Each round adds a feed, rewrites a recent one and removes the one six
# rounds old (--prune), so a kill can land in an insert, an update or a
# delete, and the database stays the same size however many rounds run.
change_inputs() {
  local r=$1
  gen_feed "$IN/r$r.jsonl" "r$r" $((10 + RANDOM % 40))
  if [ "$r" -gt 2 ]; then
    local old=$((r - 1 - RANDOM % 4))
    [ -f "$IN/r$old.jsonl" ] && gen_feed "$IN/r$old.jsonl" "r$old" $((5 + RANDOM % 30))
  fi
  rm -f "$IN/r$((r - 6)).jsonl"
}

gen_feed "$IN/r0.jsonl" r0 50
expect_exit 0 lg index --quiet "$IN"
verify "initial index"

# Between the two commits, exactly: the hook stops the writer there.
change_inputs 1
LEGATE_TEST_PAUSE=between-commits "$LEGATE_BIN" index --quiet --prune "$IN" 2>"$WORK/pause.err" &
pid=$!
for _ in $(seq 100); do grep -q "test pause at between-commits" "$WORK/pause.err" && break; sleep 0.1; done
expect_grep "test pause at between-commits" "$WORK/pause.err" "the writer reached the pause"
kill -9 "$pid"; wait "$pid" 2>/dev/null
expect_exit 0 lg search lavrov --limit 1
expect_grep "lags the database" "$WORK/err" "a reader says the index lags after a kill between commits"
expect_exit 1 lg check
expect_grep "^lag database:" "$WORK/out" "check reports the lag"
expect_exit 0 lg index --quiet --prune "$IN"
verify "after a kill between commits"

# Xapian commits only once enough is pending (indexer/sync.h): a run of
# small batches writes several to Xapian before one commit. A kill there
# loses Xapian's uncommitted writes only; SQLite's outbox keeps them.
before=$(xapian_articles)
gen_feed "$IN/batches.jsonl" batches 12
LEGATE_BATCH=3 LEGATE_TEST_PAUSE=between-commits@3 "$LEGATE_BIN" index --quiet --prune "$IN" 2>"$WORK/pause.err" &
pid=$!
for _ in $(seq 100); do grep -q "test pause at between-commits" "$WORK/pause.err" && break; sleep 0.1; done
expect_grep "test pause at between-commits" "$WORK/pause.err" "the writer reached its third sync pass"
kill -9 "$pid"; wait "$pid" 2>/dev/null
expect_eq "$before" "$(xapian_articles)" "two batches written to Xapian, none committed"
expect_eq 12 "$(sqlite_q "SELECT count(*) FROM articles WHERE source LIKE '%batches%'")" "every batch committed to SQLite (the fourth before its sync waits)"
expect_exit 0 lg search lavrov --limit 1
expect_grep "lags the database" "$WORK/err" "a reader says the index lags after a kill before Xapian's commit"
expect_exit 0 lg index --quiet --prune "$IN"
verify "after a kill before Xapian's deferred commit"

# Random kills, each followed by recovery (index, or check --repair then index).
for r in $(seq 2 "$ROUNDS"); do
  change_inputs "$r"
  if [ $((r % 5)) -eq 0 ]; then
    LEGATE_TEST_PAUSE=between-commits "$LEGATE_BIN" index --quiet --prune "$IN" 2>"$WORK/pause.err" &
    pid=$!
    for _ in $(seq 100); do grep -q "test pause" "$WORK/pause.err" && break; sleep 0.05; done
  else
    "$LEGATE_BIN" index --quiet --prune "$IN" 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  fi
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
  kill -9 "$pid" 2>/dev/null && [ -n "$state" ] && [ "$state" != Z ] && landed=$((landed + 1))
  wait "$pid" 2>/dev/null
  lg search sanctions --limit 3 >/dev/null 2>"$WORK/err"; rc=$?
  not_crashed "$rc" "round $r: search after the kill"
  CHECKS=$((CHECKS + 1)); [ "$rc" -le 1 ] || { fail "round $r: search after the kill: exit $rc"; cat "$WORK/err" >&2; }
  lg check --wait 60 >/dev/null 2>&1; rc=$?
  CHECKS=$((CHECKS + 1)); [ "$rc" -le 1 ] || fail "round $r: check after the kill: exit $rc"
  if [ $((r % 3)) -eq 0 ]; then
    expect_exit 0 lg check --repair
  fi
  expect_exit 0 lg index --quiet --prune "$IN"
  verify "round $r"
done
echo "SIGKILL rounds: $ROUNDS ($landed kills landed while index ran), lost $lost, duplicated $dup, orphaned $orphaned, unclean checks $unclean"
expect_eq "0 0 0 0" "$lost $dup $orphaned $unclean" "lost duplicated orphaned unclean"

# A full disk: no file may grow more than 64 KB past the largest one now
# (RLIMIT_FSIZE, SIGXFSZ ignored: writes fail with EFBIG as on a full disk).
largest=$(find "$LEGATE_DB" -type f -printf '%s\n' | sort -n | tail -1)
gen_feed "$IN/big.jsonl" big 800
( trap '' XFSZ; ulimit -f $((largest / 1024 + 64)); exec "$LEGATE_BIN" index --quiet "$IN" ) >"$WORK/out" 2>"$WORK/err"
rc=$?
expect_eq 3 "$rc" "index on a full disk exits 3"
expect_grep "\(legate.sqlite\|xapian\).*\([Ff]ull\|too large\|I/O error\)" "$WORK/err" "the error names the file and the disk error"
lg check >"$WORK/out" 2>&1; rc=$?
CHECKS=$((CHECKS + 1))
[ "$rc" -eq 0 ] || ! grep -qv "^lag " "$WORK/out" || { fail "full disk left damage, not just lag"; cat "$WORK/out" >&2; }
expect_exit 0 lg index --quiet "$IN"
verify "after the full disk"

# A lost Xapian index is rebuilt by the next index (or check --repair).
rm -rf "$LEGATE_DB/xapian"
expect_exit 3 lg search lavrov
expect_grep "check --repair" "$WORK/err" "search names the way out"
expect_exit 1 lg check
expect_exit 0 lg index --quiet "$IN"
verify "xapian deleted, index"
rm -rf "$LEGATE_DB/xapian"
expect_exit 0 lg check --repair
verify "xapian deleted, check --repair"

# A damaged Xapian table: search fails clearly, check --repair rebuilds.
truncate -s 100 "$LEGATE_DB/xapian/termlist.glass"
expect_exit 3 lg search lavrov
not_crashed 3 "search on damaged xapian"
expect_exit 1 lg check
expect_grep "^xapian database: " "$WORK/out" "check names the damaged index"
expect_exit 0 lg check --repair
verify "xapian damaged, check --repair"

# A read-only database: search, count and check work; writers exit 3.
ro_run() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  # root writes anywhere: run as nobody over a root-owned 0755 tree
  chmod 755 "$WORK"
  ro_run() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  chmod -R a-w "$LEGATE_DB"
fi
rm -f "$LEGATE_DB"/legate.sqlite-wal "$LEGATE_DB"/legate.sqlite-shm
n=$(wc -l < "$WORK/want")
expect_exit 0 ro_run "$LEGATE_BIN" search lavrov --limit 1
expect_exit 0 ro_run "$LEGATE_BIN" count --by outlet --no-collapse
expect_eq "$n" "$(jq -s 'map(.count) | add' <(ro_run "$LEGATE_BIN" count --by outlet --no-collapse --format ndjson 2>/dev/null) 2>/dev/null || echo x)" "count on a read-only database"
expect_exit 0 ro_run "$LEGATE_BIN" check
expect_exit 3 ro_run "$LEGATE_BIN" index "$IN"
expect_grep "read-only" "$WORK/err" "index on a read-only database says so"
expect_exit 3 ro_run "$LEGATE_BIN" alias add speaker "Sergei Lavrov" "Lavrov S."
[ "$(id -u)" -eq 0 ] || chmod -R u+w "$LEGATE_DB"

# A truncated SQLite file: every command exits 3 with a message, never crashes.
cp -a "$LEGATE_DB" "$WORK/saved"
for size in 100 4096 20000; do
  rm -rf "$LEGATE_DB"; cp -a "$WORK/saved" "$LEGATE_DB"
  truncate -s "$size" "$LEGATE_DB/legate.sqlite"
  for cmd in "search lavrov" "check" "check --repair" "stats" "index $IN"; do
    # shellcheck disable=SC2086
    expect_exit 3 lg $cmd
    expect_grep "legate: .*legate.sqlite: " "$WORK/err" "truncated to $size: $cmd names the file"
  done
done
finish
