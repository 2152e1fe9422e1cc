# The user's own example pages (../shared/seeds), when present beside the
# repository: every seed is indexed and its key statements are found.
. "$(dirname "$0")/lib.sh"
SEEDS=$SRC/../shared/seeds
if [ ! -d "$SEEDS" ]; then
  echo "no $SEEDS: nothing to check"
  exit 77
fi
expect_exit 0 lg index "$SEEDS"
expect_grep "5 added, 0 updated, 0 unchanged, 0 removed, 0 failed" "$WORK/err" "every seed indexed"
seed() { lg search --format json --limit 0 "$@" | jq -r '[.results[].source | split("/") | last | .[0:3]] | sort | join(",")'; }
expect_eq "003" "$(seed '"root causes"')" "phrase root causes"
expect_eq "001,003" "$(seed root cause)" "stemmed root cause"
expect_eq "000" "$(seed '"balance of interests"')" "balance of interests"
expect_eq "002" "$(seed 'possibility NEAR/5 agreement')" "NEAR across a broken quote mark"
expect_eq "000,001,002,003,004" "$(seed Lavrov)" "Lavrov everywhere"
expect_eq "003" "$(seed Kellogg "failed attempt")" "Kellogg"
finish
