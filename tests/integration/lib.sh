# Shared helpers for the integration tests: each test script is run by meson
# as `bash SCRIPT LEGATE_BINARY SOURCE_DIR` and sources this file.
set -u
LEGATE_BIN=$1
SRC=$2
FIX=$SRC/tests/fixtures
WORK=$(mktemp -d "${TMPDIR:-/tmp}/legate-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LEGATE_DB=$WORK/db
export NO_COLOR=1
FAILS=0
CHECKS=0

lg() { "$LEGATE_BIN" "$@"; }

fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}

# expect_exit CODE CMD...: runs CMD, stdout to $WORK/out, stderr to $WORK/err.
expect_exit() {
  local want=$1; shift
  CHECKS=$((CHECKS + 1))
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got (wanted $want): $*"
    sed 's/^/    stderr: /' "$WORK/err" >&2
  fi
}

# expect_eq WANT GOT WHAT
expect_eq() {
  CHECKS=$((CHECKS + 1))
  [ "$1" = "$2" ] || fail "$3: wanted '$1', got '$2'"
}

# expect_grep PATTERN FILE WHAT
expect_grep() {
  CHECKS=$((CHECKS + 1))
  grep -q -- "$1" "$2" || { fail "$3: '$1' not in $(basename "$2")"; sed 's/^/    /' "$2" >&2; }
}

# ids QUERY [OPTIONS...]: the sorted ids a JSON search returns.
ids() {
  lg search --format json --limit 0 "$@" | jq -r '[.results[].id] | sort | map(tostring) | join(",")'
}

# The id of the article whose source ends with NAME.
id_of() {
  lg search --format json --limit 0 | jq -r --arg n "$1" '.results[] | select(.source | endswith($n)) | .id'
}

finish() {
  echo "$CHECKS checks, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}

# Indexes the fixture articles with their metadata given as flags, then the
# feed (which carries its own). Arguments are added to every index run.
index_fixtures() {
  local a=$FIX/articles
  lg index --quiet "$@" --outlet caliber.az --speaker "Sergei Lavrov" --date 2024-12-26 "$a/caliber-lavrov-dialogue.txt" &&
  lg index --quiet "$@" --outlet MENAFN --speaker "Sergey Lavrov" --date 2025-05-14 "$a/menafn-balance.txt" &&
  lg index --quiet "$@" --outlet "Global Times" --speaker "Wang Yi" --date 2024-07-16 \
    --title "China calls for a ceasefire and peace talks" "$a/wang-yi-ceasefire.txt" &&
  lg index --quiet "$@" --outlet "Caliber.Az" --speaker "Maria Zakharova" --date 2024-11 "$a/zakharova-sanctions.txt" &&
  lg index --quiet "$@" "$FIX/feed.jsonl"
}
