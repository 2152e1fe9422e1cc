# legate search: stemming, phrases, operators, filters, sorting, errors.
. "$(dirname "$0")/lib.sh"
index_fixtures || { echo "indexing fixtures failed"; exit 1; }

caliber=$(id_of caliber-lavrov-dialogue.txt)
menafn=$(id_of menafn-balance.txt)
wang=$(id_of wang-yi-ceasefire.txt)
zakh=$(id_of zakharova-sanctions.txt)
tass=$(lg search --format json --limit 0 | jq -r '.results[] | select(.source == "https://example.org/tass/lavrov-talks") | .id')
ria=$(lg search --format json --limit 0 | jq -r '.results[] | select(.source | endswith("feed.jsonl#ria-2")) | .id')
un=$(lg search --format json --limit 0 | jq -r '.results[] | select(.source | endswith("feed.jsonl#un-4")) | .id')
sorted() { tr ' ' '\n' | sort | paste -sd, -; }

# Stemming: negotiate finds negotiations, negotiating, negotiation.
expect_eq "$(echo "$caliber $tass $un $wang" | sorted)" "$(ids negotiate)" "stem negotiate"
# A phrase and the same words unquoted give different sets.
expect_eq "$(echo "$caliber $tass" | sorted)" "$(ids '"root causes"')" "phrase"
expect_eq "$(echo "$caliber $tass $un $menafn" | sorted)" "$(ids '"balance of interests" OR root causes')" "OR binds looser than AND"
expect_eq "$(echo "$menafn $un" | sorted)" "$(ids '"balance of interests"')" "phrase with a stop word"
expect_eq "$(echo "$menafn $un $wang" | sorted)" "$(ids 'balance OR ceasefire -kuleba -sanctions' --since 2024-07)" "OR with NOTs"
# Bare terms: any of them, the article with all of them first; AND and +
# require.
expect_eq "$caliber" "$(ids root AND causes AND dialogue)" "explicit AND"
expect_eq "$caliber" "$(ids +root +causes +dialogue)" "+ requires"
expect_eq "$caliber" "$(lg search --format json root causes dialogue | jq -r '.results[0].id')" \
  "all the words first"
expect_eq "$(ids root OR causes OR dialogue)" "$(ids root causes dialogue)" "bare terms: any"
expect_eq "$(echo "$caliber $tass" | sorted)" "$(ids '+negotiations +"root causes" -ceasefire')" "NOT term"
expect_eq "$tass" "$(ids negotiations AND NOT dialogue AND root)" "AND NOT"
expect_eq "$(echo "$caliber $tass" | sorted)" "$(ids 'root NEAR/1 causes')" "NEAR/1 adjacent"
expect_eq "" "$(ids 'open NEAR/1 negotiations')" "NEAR/1 too far"
expect_eq "$caliber" "$(ids 'open NEAR/3 negotiations')" "NEAR/3"
expect_eq "$(echo "$caliber $tass $un $wang" | sorted)" "$(ids 'negotiat*')" "wildcard"
expect_eq "$zakh" "$(ids anti-constitutional)" "hyphenated word"
expect_eq "$(echo "$menafn $zakh" | sorted)" "$(ids "Russia’s")" "typographic apostrophe"
expect_eq "$wang" "$(ids title:china)" "title field"

# Filters restrict exactly and do not change scores.
expect_eq "$caliber" "$(ids negotiations --since 2024-06 --until 2024-12 --outlet caliber.az)" "issue example"
expect_eq "$(echo "$caliber $zakh" | sorted)" "$(ids --outlet Caliber.AZ --since 2024)" "outlet key folding"
expect_eq "$(echo "$caliber $tass $ria $un $menafn" | sorted)" "$(ids speaker:lavrov)" "speaker across spellings"
expect_eq "$(echo "$caliber $tass $ria $un $menafn" | sorted)" "$(ids 'speaker:"Сергей Лавров"')" "Cyrillic speaker"
expect_eq "$(echo "$caliber $tass $ria $un $menafn" | sorted)" "$(ids --speaker "Sergey Lavrov")" "--speaker"
expect_eq "$(echo "$caliber $tass" | sorted)" "$(ids 'speaker:lavrov AND (talks OR negotiations) date:2024-11..2024-12')" "issue example 2"
expect_eq "$zakh" "$(ids date:2024-11 outlet:caliber.az)" "month-precision date inside its month"
expect_eq "$(echo "$tass $zakh" | sorted)" "$(ids date:2024-11)" "date:YYYY-MM"
expect_eq "$(echo "$caliber $ria $menafn" | sorted)" "$(ids date:2024-12-01..)" "open-ended date"
expect_eq "$(ids --lang ru)" "$ria" "--lang"
s1=$(lg search --format json negotiations | jq "[.results[] | select(.id == $caliber) | .score][0]")
s2=$(lg search --format json negotiations --outlet caliber.az --since 2024 | jq ".results[0].score")
expect_eq "$s1" "$s2" "filters do not change scores"

# Cyrillic query finds the Cyrillic article, by stem too.
expect_eq "$ria" "$(ids переговоры)" "Cyrillic stem"
expect_eq "$ria" "$(ids '"законные интересы"')" "Cyrillic phrase"

# Sorting and paging.
expect_eq "$menafn,$caliber,$ria" "$(lg search --format json --sort newest --since 2024-12 | jq -r '[.results[].id] | map(tostring) | join(",")')" "newest"
all_newest=$(lg search --format json --limit 0 | jq -r '[.results[].date] | join(" ")')
expect_eq "2025-05-14 2024-12-26 2024-12-10 2024-11-05 2024-11 2024-09-28 2024-07-16 2022-03-01" "$all_newest" "no query: newest first"
expect_eq "2" "$(lg search --format json --limit 2 --offset 1 --sort oldest | jq '.results | length')" "limit"
expect_eq "2,3" "$(lg search --format json --limit 2 --offset 1 --sort oldest | jq -r '[.results[].rank] | map(tostring) | join(",")')" "ranks count from the offset"
top=$(lg search --format json 'ceasefire' | jq -r '.results[0].id')
expect_eq "$wang" "$top" "most relevant first"

# Errors name the position and exit 2.
expect_exit 2 lg search '(talks'
expect_grep "column 1" "$WORK/err" "unbalanced parenthesis"
expect_exit 2 lg search 'talks "root'
expect_grep "column 7" "$WORK/err" "unbalanced quote"
expect_exit 2 lg search 'foo:bar'
expect_grep "unknown field 'foo'" "$WORK/err" "unknown field"
expect_exit 2 lg search 'date:2024-13'
expect_grep "column" "$WORK/err" "bad date in query"
expect_exit 2 lg search talks --since 2024-02-30
expect_exit 2 lg search talks --sort sideways
expect_exit 2 lg search talks --format xml
expect_exit 2 lg search talks --bogus
expect_exit 1 lg search zzzzunknownword
expect_exit 0 lg search --help
expect_grep "usage: legate search" "$WORK/out" "search --help"

# show and stats.
expect_exit 0 lg show "$ria" --format json
expect_eq "Sergei Lavrov" "$(jq -r .speaker "$WORK/out")" "a speaker keeps the first spelling seen"
expect_eq "РИА Новости" "$(jq -r .outlet "$WORK/out")" "show outlet"
expect_exit 0 lg show "$caliber"
expect_grep "We are open to any negotiations" "$WORK/out" "show text"
expect_exit 1 lg show 9999
expect_exit 2 lg show abc
expect_exit 0 lg stats --format json
expect_eq 8 "$(jq .articles "$WORK/out")" "stats articles"
expect_eq 4 "$(jq .speakers "$WORK/out")" "speakers folded across spellings"
expect_eq 6 "$(jq .outlets "$WORK/out")" "outlets folded across case"
finish
