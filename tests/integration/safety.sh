# No injection, no surprise reads (issue 6 part 6): metadata and queries
# full of SQL and format syntax round-trip exactly through flags, feeds,
# filters, aliases and every output; symbolic links never lead out of an
# indexed folder unless --follow-symlinks asks, and loops end.
. "$(dirname "$0")/lib.sh"

outlet="O'Brien \"Daily\"; DROP TABLE articles; -- 100%"
speaker="Robert'); DROP TABLE speakers;-- %s%n"
title="50% of \"quotes\" ; DELETE FROM quotes; _ \\ ' %d"
feed_outlet="'; DROP TABLE articles; --"
feed_speaker="Zak'har%ova\"; UPDATE articles SET title='x"
feed_title="a;b'c\"d% ?1 :name @x \$y"
feed_id="x'; --"

printf 'Alpha said the talks were "a fair deal", she added.\n' >"$WORK/one.txt"
expect_exit 0 lg index --outlet "$outlet" --speaker "$speaker" --title "$title" "$WORK/one.txt"
jq -cn --arg o "$feed_outlet" --arg s "$feed_speaker" --arg t "$feed_title" --arg i "$feed_id" \
  '{text: "Bravo said the talks on quotes went on.", outlet: $o, speaker: $s, title: $t, id: $i}' \
  >"$WORK/feed.jsonl"
expect_exit 0 lg index "$WORK/feed.jsonl"

one=$(id_of one.txt)
feed=$(lg search --format json --limit 0 | jq -r '.results[] | select(.source | endswith("#x'"'"'; --")) | .id')
CHECKS=$((CHECKS + 1))
[ -n "$one" ] && [ -n "$feed" ] || { fail "articles not found by source"; finish; exit 1; }

# show, search and export give the values back byte for byte.
show() { lg show --format json "$1" | jq -r ".$2"; }
expect_eq "$outlet" "$(show "$one" outlet)" "flag outlet via show"
expect_eq "$speaker" "$(show "$one" speaker)" "flag speaker via show"
expect_eq "$title" "$(show "$one" title)" "flag title via show"
expect_eq "$feed_outlet" "$(show "$feed" outlet)" "feed outlet via show"
expect_eq "$feed_speaker" "$(show "$feed" speaker)" "feed speaker via show"
expect_eq "$feed_title" "$(show "$feed" title)" "feed title via show"
expect_eq "$WORK/feed.jsonl#$feed_id" "$(show "$feed" source)" "feed id in the source"
expect_eq "$outlet|$speaker|$title" \
  "$(lg search --format json alpha | jq -r '.results[0] | "\(.outlet)|\(.speaker)|\(.title)"')" "search json"
expect_eq "$feed_outlet|$feed_speaker|$feed_title" \
  "$(lg export --format ndjson bravo | jq -r '"\(.outlet)|\(.speaker)|\(.title)"')" "export ndjson"

# The same strings as filters, query values and group names.
expect_eq "$one" "$(ids --outlet "$outlet")" "--outlet with quotes, semicolon, %"
expect_eq "$one" "$(ids --speaker "$speaker")" "--speaker with quotes, semicolon, %"
expect_eq "$feed" "$(ids --outlet "$feed_outlet")" "--outlet with a DROP TABLE"
expect_eq "$feed" "$(ids --speaker "$feed_speaker")" "--speaker with an UPDATE"
expect_eq "$feed" "$(ids "outlet:\"$feed_outlet\"")" "outlet: query value"
expect_eq "$one" "$(ids 'title:"50% of"')" "title: query with %"
expect_eq "" "$(ids "talks AND outlet:\"' OR 1=1 --\"")" "an injected filter matches nothing"
expect_eq "" "$(ids --outlet "O%" --outlet "O_Brien")" "LIKE wildcards are plain text"
expect_eq "$outlet" "$(lg count --by outlet --format json --outlet "$outlet" | jq -r '.counts[0].value')" \
  "count --by outlet names the outlet exactly"
expect_eq "$speaker" "$(lg count --by speaker --format json alpha | jq -r '.counts[0].value')" \
  "count --by speaker names the speaker exactly"

# Aliases with the same syntax merge, and list back as given.
expect_exit 0 lg alias add outlet "$outlet" "$feed_outlet"
expect_eq "$(printf '%s\n' "$one" "$feed" | sort | paste -sd,)" "$(ids --outlet "$outlet")" "alias merged the injected outlets"
expect_exit 0 lg alias list outlet --format json

# Nothing was dropped or rewritten.
tables=$(sqlite3 "$LEGATE_DB/legate.sqlite" \
  "SELECT count(*) FROM sqlite_master WHERE name IN ('articles', 'speakers', 'outlets', 'quotes')")
expect_eq 4 "$tables" "every table is still there"
expect_eq 2 "$(sqlite3 "$LEGATE_DB/legate.sqlite" 'SELECT count(*) FROM articles')" "both articles"
expect_eq "$feed_title" "$(show "$feed" title)" "no UPDATE ran"

# Symbolic links: a link out of the folder is named and skipped; one inside
# is read; --follow-symlinks follows every link and stops at loops.
export LEGATE_DB=$WORK/links-db
root=$WORK/root
out=$WORK/outside
mkdir -p "$root/sub" "$out/deep"
printf 'Charlie said the talks went on.\n' >"$root/inner.txt"
printf 'Delta said the secret talks went on.\n' >"$out/secret.txt"
printf 'Echo said the deep talks went on.\n' >"$out/deep/deep.txt"
ln -s ../inner.txt "$root/sub/link-in.txt"
ln -s "$out/secret.txt" "$root/link-out.txt"
ln -s "$out/deep" "$root/dir-out"
ln -s .. "$root/sub/loop"
ln -s "$root/missing.txt" "$root/dangling.txt"

expect_exit 1 lg index "$root"
expect_grep "link-out.txt: symbolic link out of $root, skipped" "$WORK/err" "file link out named"
expect_grep "dir-out: symbolic link out of $root, skipped" "$WORK/err" "folder link out named"
expect_grep "1 added, 0 updated, 1 unchanged, 0 removed, 2 failed" "$WORK/err" "inner file once"
expect_eq "" "$(ids secret)" "nothing read from outside"
expect_eq "" "$(ids deep)" "no folder read from outside"
expect_exit 0 lg index "$root/link-out.txt"
expect_eq 1 "$(lg search --format json secret | jq .total)" "a link named on the command line is followed"
expect_eq "$out/secret.txt" "$(lg search --format json secret | jq -r '.results[0].source')" \
  "its source is the file it leads to"

rm -rf "$LEGATE_DB"
expect_exit 1 lg index --follow-symlinks "$root"
expect_grep "sub/loop: symbolic link loop, skipped" "$WORK/err" "loop named"
expect_grep "3 added" "$WORK/err" "links followed"
expect_eq 1 "$(lg search --format json secret | jq .total)" "file link followed"
expect_eq 1 "$(lg search --format json deep | jq .total)" "folder link followed"
expect_eq 3 "$(sqlite3 "$LEGATE_DB/legate.sqlite" 'SELECT count(DISTINCT source) FROM articles')" \
  "each file once"

finish
