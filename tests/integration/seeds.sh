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
expect_eq "001,003" "$(seed root AND cause)" "stemmed root cause"
expect_eq "000" "$(seed '"balance of interests"')" "balance of interests"
expect_eq "002" "$(seed 'possibility NEAR/5 agreement')" "NEAR across a broken quote mark"
expect_eq "000,001,002,003,004" "$(seed Lavrov)" "Lavrov everywhere"
expect_eq "003" "$(seed +Kellogg +"failed attempt")" "Kellogg"

# Issue 3: clean, dated, attributed articles.
sid() { lg search --format json --limit 0 | jq -r --arg p "$1" '.results[] | select(.source | split("/") | last | startswith($p)) | .id'; }
sf() { lg show --format json "$(sid "$1")" | jq -r ".$2 // \"null\""; }
for n in 000 001 002 003 004; do
  expect_eq "sergei lavrov" "$(sf $n speaker | tr 'A-Z' 'a-z' | sed 's/sergey/sergei/')" "seed $n speaker"
done
expect_eq "2025-05-14" "$(sf 000 date)" "seed 000 date (header line)"
expect_eq "null" "$(sf 001 date)" "seed 001 states no date"
expect_eq "2024-05-21" "$(sf 002 date)" "seed 002 date"
expect_eq "2024-12-26" "$(sf 003 date)" "seed 003 date"
expect_eq "minute" "$(sf 003 date_precision)" "seed 003 precision"
expect_eq "2024-04-23" "$(sf 004 date)" "seed 004 date"
expect_eq "menafn" "$(sf 000 outlet | tr 'A-Z' 'a-z')" "seed 000 outlet"
expect_eq "elrisala" "$(sf 001 outlet | tr 'A-Z' 'a-z')" "seed 001 outlet"
expect_eq "null" "$(sf 002 outlet)" "seed 002 outlet unknown"
expect_eq "caliber.az" "$(sf 003 outlet | tr 'A-Z' 'a-z')" "seed 003 outlet"
expect_eq "tass" "$(sf 003 via | tr 'A-Z' 'a-z')" "seed 003 via"
expect_eq "menafn" "$(sf 004 outlet | tr 'A-Z' 'a-z')" "seed 004 outlet"
expect_eq "Russia yet to reach agreement with US on key issues on resolving Ukraine crisis: Sergey Lavrov" "$(sf 001 title)" "seed 001 title"
expect_eq "Russia sees an agreement with the US and NATO as possible" "$(sf 002 title)" "seed 002 title"
expect_eq "Russia urges US to act on diplomatic relations, ready for meaningful negotiations" "$(sf 003 title)" "seed 003 title"
expect_eq 1 "$(lg show --format json "$(sid 000)" | jq '.text | [match("underlying causes of the conflict"; "g")] | length')" "seed 000 repeated paragraph once"
for n in 000 001 002 003; do
  CHECKS=$((CHECKS + 1))
  lg show --format json "$(sid $n)" | jq -e '.text | test("Legal Disclaimer|Most popular stories|Leave a Reply|Subscribe now|night_theme|Ссылка скопирована|Views: |Sorry!!|Recent posts") | not' >/dev/null ||
    fail "seed $n text still has boilerplate"
done
expect_eq "$(seed speaker:lavrov)" "$(seed speaker:sergei)" "speaker:sergei"
expect_eq "$(seed speaker:lavrov)" "$(seed speaker:лавров)" "speaker:лавров"
finish
