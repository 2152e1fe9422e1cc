# Quotations (issue 4): extracted, attributed, searchable, collapsed across
# the outlets that reprint them.
. "$(dirname "$0")/lib.sh"
Q=$FIX/quotes
lg index --quiet --outlet TASS --date 2024-10-01 "$Q/tass-ultimatums.txt"
lg index --quiet --date 2024-10-02 "$Q/menafn-ultimatums.txt"
lg index --quiet --outlet "MID.ru" --date 2024-11-14 "$Q/zakharova-long.txt"
QF="quote_id,article_id,rank,score,date,outlet,speaker,speaker_confidence,quote,partial,context,title,source,occurrences,outlets"

expect_exit 0 lg quotes --format json ultimatums
expect_eq 1 "$(jq .total "$WORK/out")" "a reprinted quotation is one result"
expect_eq "We are ready to listen to any serious proposal, but we will not accept ultimatums" \
  "$(jq -r '.results[0].quote' "$WORK/out")" "the quotation's words, without the reporter's closing comma"
expect_eq "Sergey Lavrov" "$(jq -r '.results[0].speaker' "$WORK/out")" "attributed"
expect_eq 2 "$(jq '.results[0].occurrences' "$WORK/out")" "occurrences"
expect_eq '["TASS","MENAFN"]' "$(jq -c '.results[0].outlets' "$WORK/out")" "outlets, first published first"
expect_eq "2024-10-01" "$(jq -r '.results[0].date' "$WORK/out")" "the first copy leads"
expect_eq "boolean number" "$(jq -r '.results[0] | [(.partial | type), (.speaker_confidence | type)] | join(" ")' "$WORK/out")" "types"
expect_eq 2 "$(lg quotes --format json --no-collapse ultimatums | jq .total)" "--no-collapse lists each copy"

lg quotes --format ndjson --limit 1 ultimatums >"$WORK/one"
expect_eq "$QF" "$(jq -r 'keys_unsorted | join(",")' "$WORK/one")" "quote fields in order"
lg quotes --format csv --limit 1 ultimatums >"$WORK/csv"
expect_eq "$QF" "$(head -1 "$WORK/csv" | tr -d '\r')" "csv header"
expect_grep "TASS; MENAFN" "$WORK/csv" "outlets joined in csv"

# Multi-paragraph quotations come out whole; guillemets too.
lg quotes --format json 'rules of this game' >"$WORK/out"
CHECKS=$((CHECKS + 1))
jq -e '.results[0].quote | test("^Every month we hear.*to applaud$")' "$WORK/out" >/dev/null ||
  fail "multi-paragraph quotation not whole: $(jq -r '.results[0].quote' "$WORK/out")"
expect_eq "Maria Zakharova" "$(jq -r '.results[0].speaker' "$WORK/out")" "multi-paragraph speaker"
expect_eq "Мы ответим зеркально, как всегда" "$(lg quotes --format json зеркально | jq -r '.results[0].quote')" "guillemets"
expect_eq "Maria Zakharova" "$(lg quotes --format json зеркально | jq -r '.results[0].speaker')" "guillemets speaker"

# Filters, listing, context, and quote: in article search.
expect_eq "0" "$(lg quotes --format json --speaker zakharova ultimatums | jq .total)" "--speaker restricts"
expect_eq "Sergey Lavrov" "$(lg quotes --format json --speaker lavrov --limit 0 | jq -r '[.results[].speaker] | unique | join(",")')" "only Lavrov's quotations"
expect_exit 0 lg quotes --format json
CHECKS=$((CHECKS + 1))
[ "$(jq .total "$WORK/out")" -ge 3 ] || fail "no query lists every quotation"
# Context stays within the quotation's paragraph.
lg quotes --format json --context 1 --no-collapse --outlet menafn ultimatums >"$WORK/out"
CHECKS=$((CHECKS + 1))
jq -e '.results[0].context | test("^\\(MENAFN\\) Russian Foreign Minister.*strategic stability\\. \"We are ready.*press conference in Moscow\\.$")' "$WORK/out" >/dev/null ||
  fail "context: $(jq -r '.results[0].context' "$WORK/out")"
expect_eq "null" "$(lg quotes --format json ultimatums | jq '.results[0].context')" "no context unless asked"
expect_eq 2 "$(lg search --format json 'quote:ultimatums' | jq .total)" "search quote: finds both articles"
expect_eq 0 "$(lg search --format json 'quote:strategic' | jq .total)" "quote: looks inside quotations only"
expect_exit 1 lg quotes zzzznothing
expect_exit 2 lg quotes --context x

# Re-indexing an article replaces its quotations; pruning removes them.
cp "$Q/zakharova-long.txt" "$WORK/z.txt"
lg index --quiet "$WORK/z.txt"
before=$(lg quotes --format json --no-collapse --limit 0 зеркально | jq .total)
sed -i 's/зеркально/симметрично/' "$WORK/z.txt"
lg index --quiet "$WORK/z.txt"
expect_eq "$((before - 1))" "$(lg quotes --format json --no-collapse --limit 0 зеркально | jq .total)" "old quotation gone after an edit"
expect_eq 1 "$(lg quotes --format json симметрично | jq .total)" "new quotation found"
rm "$WORK/z.txt"
lg index --quiet --prune "$WORK"
expect_eq 0 "$(lg quotes --format json симметрично | jq .total)" "pruned article's quotations gone"

# An article read twice in one run into an empty database (a feed that
# repeats a url): the second version's quotation replaces the first's,
# whether the two land in one batch or in two.
cat >"$WORK/rewrite.jsonl" <<'JSONL'
{"url":"https://example.test/a","text":"\"We reject the alpha plan outright,\" Lavrov said on Monday."}
{"url":"https://example.test/b","text":"Talks continued in Geneva on Tuesday without a statement."}
{"url":"https://example.test/a","text":"\"We welcome the beta plan warmly,\" Lavrov said on Monday."}
JSONL
for batch in 1 1000; do
  db=$WORK/rewrite-$batch
  LEGATE_BATCH=$batch LEGATE_DB=$db lg index --quiet "$WORK/rewrite.jsonl"
  expect_eq 0 "$(LEGATE_DB=$db lg quotes --format json alpha | jq '.total + (.results | length)')" \
    "batch size $batch: the first version's quotation is gone"
  expect_eq 1 "$(LEGATE_DB=$db lg quotes --format json beta | jq '.results | length')" \
    "batch size $batch: the second version's is there"
done
finish
