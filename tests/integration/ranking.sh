# Ranking: a handful of articles where the right order is obvious. Not a
# metric: bench/relevance measures ranking on judged collections.
. "$(dirname "$0")/lib.sh"

filler="The delegations met in the capital on Tuesday and agreed to continue the consultations"
long="$filler. $filler. $filler. $filler. $filler. $filler. $filler. $filler."
jq -nc --arg f "$filler" --arg l "$long" '
  {id: "title", title: "Sanctions relief discussed", text: "\($f)."},
  {id: "body", title: "Ministers meet", text: "\($f) on sanctions."},
  {id: "both", title: "Black Sea", text: "\($f) about the grain corridor."},
  {id: "one", title: "Harvest", text: "\($f) about grain exports and grain prices."},
  {id: "short", title: "Inspectors", text: "Inspectors found enriched uranium at the site."},
  {id: "long", title: "Inspectors", text: "\($l) Inspectors found enriched uranium at the site. \($l)"}
' >"$WORK/feed.jsonl"
expect_exit 0 lg index "$WORK/feed.jsonl"

# order QUERY: the ids of the results, best first.
order() { lg search --format json --limit 0 "$@" | jq -r '[.results[].source | split("#") | last] | join(",")'; }

expect_eq "title,body" "$(order sanctions)" "a title match above a body match"
expect_eq "both,one" "$(order grain corridor)" "both words above one, repeated"
expect_eq "short,long" "$(order uranium)" "a short focused article above a long diluted one"
expect_eq "both" "$(order grain AND corridor)" "AND requires every word"
expect_eq "both" "$(order +corridor grain)" "+ requires its word"

finish
