# The command line itself: help, version, dispatch, where the database is.
. "$(dirname "$0")/lib.sh"

expect_exit 0 lg --help
expect_grep "usage: legate" "$WORK/out" "--help"
expect_exit 0 lg --version
expect_grep "^legate [0-9]" "$WORK/out" "--version"
expect_exit 2 lg
expect_grep "usage: legate" "$WORK/err" "no command: usage on stderr"
expect_exit 2 lg frobnicate
expect_grep "unknown command 'frobnicate'" "$WORK/err" "unknown command"
for cmd in index search show stats; do
  expect_exit 0 lg "$cmd" --help
  expect_grep "usage: legate $cmd" "$WORK/out" "$cmd --help"
done

# --db beats $LEGATE_DB, which beats ./legate.db.
printf 'A note on treaties.\n' >"$WORK/a.txt"
expect_exit 0 lg --db "$WORK/other" index "$WORK/a.txt"
CHECKS=$((CHECKS + 1))
[ -f "$WORK/other/legate.sqlite" ] && [ -d "$WORK/other/xapian" ] || fail "--db creates the directory"
CHECKS=$((CHECKS + 1))
[ ! -e "$LEGATE_DB" ] || fail "\$LEGATE_DB untouched when --db is given"
expect_exit 0 lg search --db "$WORK/other" treaties
expect_exit 3 lg search treaties
(cd "$WORK" && unset LEGATE_DB && "$LEGATE_BIN" index --quiet a.txt)
CHECKS=$((CHECKS + 1))
[ -d "$WORK/legate.db/xapian" ] || fail "default ./legate.db"

# Nothing but results on stdout.
expect_exit 0 lg index "$WORK/a.txt"
expect_eq 0 "$(wc -c <"$WORK/out" | tr -d ' ')" "index prints nothing on stdout"
finish
