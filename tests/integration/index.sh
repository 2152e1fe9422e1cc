# legate index: incremental runs, updates, pruning, broken inputs, full rebuilds.
. "$(dirname "$0")/lib.sh"

expect_exit 3 lg search talks
expect_grep "no Legate database" "$WORK/err" "search on a missing database"
expect_exit 3 lg stats
expect_exit 3 lg show 1

cp -r "$FIX/articles" "$WORK/in"
expect_exit 0 lg index "$WORK/in"
expect_grep "4 added, 0 updated, 0 unchanged, 0 removed, 0 failed" "$WORK/err" "first run"
expect_exit 0 lg index "$FIX/feed.jsonl"
expect_grep "4 added" "$WORK/err" "feed run"

expect_exit 0 lg index "$WORK/in" "$FIX/feed.jsonl"
expect_grep "0 added, 0 updated, 8 unchanged, 0 removed, 0 failed" "$WORK/err" "second run changes nothing"
before=$(lg stats --format json | jq -c '{articles, pending_changes, in_xapian: (.xapian_documents == .articles + .quotes)}')
expect_eq '{"articles":8,"pending_changes":0,"in_xapian":true}' "$before" "stats after indexing"

wang=$(id_of wang-yi-ceasefire.txt)
sed -i 's/He said China was negotiating/He said a summit was possible. He said China was negotiating/' "$WORK/in/wang-yi-ceasefire.txt"
expect_exit 0 lg index "$WORK/in"
expect_grep "0 added, 1 updated, 3 unchanged" "$WORK/err" "edited file"
expect_eq "$wang" "$(ids summit)" "edited article keeps its id and its new words are found"

# Metadata given on the command line is part of what makes an input changed.
expect_exit 0 lg index --outlet "Global Times" "$WORK/in/wang-yi-ceasefire.txt"
expect_grep "1 updated" "$WORK/err" "new metadata updates"
expect_eq "$wang" "$(ids 'outlet:"global times"')" "outlet from the flag"

rm "$WORK/in/menafn-balance.txt"
expect_exit 0 lg index --prune "$WORK/in"
expect_grep "1 removed" "$WORK/err" "prune removes the deleted file"
expect_eq "" "$(ids balance outlet:menafn)" "pruned article is gone from search"
expect_eq "7 true" "$(lg stats --format json | jq -r '"\(.articles) \(.xapian_documents == .articles + .quotes)"')" "pruned from Xapian"
expect_exit 0 lg index --prune "$WORK/in"
expect_grep "0 removed" "$WORK/err" "prune is idempotent"

# Broken inputs are named, skipped, and the rest is indexed.
mkdir "$WORK/bad"
printf 'Good words about diplomacy and summitry.\n' >"$WORK/bad/good.txt"
printf 'caf\xc3 broken \xff bytes\n' >"$WORK/bad/broken.txt"
: >"$WORK/bad/empty.txt"
printf '{"text": "fine record about treaties"}\n{"text": 5}\nnot json\n' >"$WORK/bad/feed.jsonl"
expect_exit 1 lg index "$WORK/bad"
expect_grep "broken.txt: invalid UTF-8 at byte 3" "$WORK/err" "invalid UTF-8 named with offset"
expect_grep "empty.txt: empty file" "$WORK/err" "empty file named"
expect_grep 'feed.jsonl:2: field "text"' "$WORK/err" "bad JSONL field named with line"
expect_grep "feed.jsonl:3:.*invalid JSON" "$WORK/err" "bad JSON named with line"
expect_grep "2 added, 0 updated, 0 unchanged, 0 removed, 4 failed" "$WORK/err" "summary"
expect_eq 1 "$(lg search --format json summitry | jq .total)" "good file indexed beside broken ones"
expect_eq 1 "$(lg search --format json treaties | jq .total)" "good record indexed beside broken ones"

expect_exit 1 lg index "$WORK/does-not-exist" "$WORK/bad/good.txt"
expect_grep "does-not-exist: No such file" "$WORK/err" "missing path named"

# A full rebuild writes everything again and ends in the same state.
expect_exit 0 lg index --full "$WORK/in"
expect_grep "0 added, 3 updated" "$WORK/err" "full rewrites"
expect_eq "$wang" "$(ids summit)" "search after a full rebuild"
expect_eq "9 true" "$(lg stats --format json | jq -r '"\(.articles) \(.xapian_documents == .articles + .quotes)"')" "full rebuild keeps every article"

# Losing the Xapian directory is repaired from SQLite on the next index.
rm -rf "$LEGATE_DB/xapian"
expect_exit 3 lg search summit
expect_exit 0 lg index "$WORK/in"
expect_eq "$wang" "$(ids summit)" "Xapian rebuilt from SQLite"

expect_exit 2 lg index
expect_exit 2 lg index --date 2024-13-01 "$WORK/in"
expect_grep "bad date" "$WORK/err" "bad --date"
expect_exit 0 lg index --help
expect_grep "usage: legate index" "$WORK/out" "index --help"
finish
