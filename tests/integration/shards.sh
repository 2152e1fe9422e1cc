# Sharded collections: the same articles indexed once into one database and
# once into two shards served by real xapian-tcpsrv processes on loopback
# must give the same ids, order, counts and scores for every query form and
# filter; a shard that is down is an error naming it, or with
# --allow-partial a warning naming it.
. "$(dirname "$0")/lib.sh"
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing (apt install xapian-tools)"; exit 1; }

SERVERS=""
# xapian-tcpsrv signals its whole process group when it stops, so each runs
# in a session of its own; all are killed on exit.
trap 'for p in $SERVERS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

# serve DIR: starts `legate serve-shard` on a free loopback port; prints it.
serve() {
  local port pid try
  for try in $(seq 1 30); do
    port=$((20000 + (RANDOM * 7 + try) % 40000))
    setsid "$LEGATE_BIN" serve-shard --db "$1" --port "$port" >/dev/null 2>&1 &
    pid=$!
    sleep 0.3
    if kill -0 "$pid" 2>/dev/null; then
      SERVERS="$SERVERS $pid"
      echo "$port $pid"
      return 0
    fi
  done
  return 1
}

# The same corpus twice: articles with flags, a feed, quotations, a page.
index_corpus() {
  index_fixtures "$@" &&
  lg index --quiet "$@" --outlet TASS --date 2024-10-01 "$FIX/quotes/tass-ultimatums.txt" &&
  lg index --quiet "$@" --date 2024-10-02 "$FIX/quotes/menafn-ultimatums.txt" &&
  lg index --quiet "$@" --outlet "MID.ru" --date 2024-11-14 "$FIX/quotes/zakharova-long.txt" &&
  lg index --quiet "$@" "$FIX/pages"
}
LEGATE_DB=$WORK/one index_corpus || { echo "indexing one database failed"; exit 1; }
LEGATE_DB=$WORK/col index_corpus --shards 2 || { echo "indexing shards failed"; exit 1; }

# A collection keeps its partition: re-running is incremental, another N refused.
expect_exit 0 env LEGATE_DB="$WORK/col" "$LEGATE_BIN" index --shards 2 "$FIX/pages"
expect_grep "0 added, 0 updated, 1 unchanged" "$WORK/err" "re-run with the same N"
expect_exit 2 env LEGATE_DB="$WORK/col" "$LEGATE_BIN" index --shards 3 "$FIX/pages"
expect_grep "holds 2 shards, not 3" "$WORK/err" "another N refused"
for k in 0 1; do
  expect_grep "shard $k of 2" "$WORK/col/shard-$k/shard" "shard $k marked"
  n=$(LEGATE_DB=$WORK/col/shard-$k lg export --output ids | wc -l)
  CHECKS=$((CHECKS + 1)); [ "$n" -gt 0 ] || fail "shard $k holds no article"
done

read -r P0 PID0 < <(serve "$WORK/col/shard-0") || { echo "cannot start xapian-tcpsrv"; exit 1; }
read -r P1 PID1 < <(serve "$WORK/col/shard-1") || { echo "cannot start xapian-tcpsrv"; exit 1; }
SERVERS="$PID0 $PID1"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$P0" "$P1" > "$WORK/remote.stub"

# Scores rounded to 1e-9: equal within floating-point noise.
norm() { jq -cS 'walk(if type == "object" and has("score") then .score |= (. * 1e9 | round) else . end)'; }

# same MODE ARGS...: one database and the served shards give the same answer
# (and the same exit status: 1 for no results).
same() {
  CHECKS=$((CHECKS + 1))
  local a b
  a=$(LEGATE_DB=$WORK/one lg "$@" 2>/dev/null | norm; echo "exit ${PIPESTATUS[0]}")
  b=$(lg "$@" --shards "$WORK/remote.stub" 2>/dev/null | norm; echo "exit ${PIPESTATUS[0]}")
  [ "$a" = "$b" ] || { fail "sharded differs: $*"; diff <(echo "$a") <(echo "$b") | head -20 >&2; }
}

queries=(negotiations '"root causes"' 'talks AND negotiations' 'sanctions OR ceasefire'
  'negotiations -ceasefire' 'NOT ceasefire' 'root NEAR/3 causes' 'negotiat*' 'speaker:lavrov'
  'speaker:"Сергей Лавров" OR speaker:zakharova' 'outlet:tass' 'outlet:caliber.az' 'lang:ru'
  'title:china' 'quote:"root causes"' 'date:2024' 'date:2024-06..2024-12' 'date:none'
  'ultimatums' '')
filters=("" "--no-collapse" "--sort oldest" "--sort newest" "--sort id" "--since 2024-06 --until 2024-12"
  "--outlet TASS --outlet MENAFN" "--speaker lavrov" "--lang en" "--undated" "--offset 2 --limit 3")
for q in "${queries[@]}"; do
  for f in "${filters[@]}"; do
    # shellcheck disable=SC2086
    same search --format json --limit 0 $f "$q"
    # shellcheck disable=SC2086
    same quotes --format json --limit 0 --context 1 $f "$q"
  done
  same export "$q"
  same export --quotes "$q"
  for by in outlet speaker lang month year; do
    same count --format json --by "$by" "$q"
    same count --format json --by "$by" --quotes --no-collapse "$q"
  done
  same timeline --format json --by month --split speaker "$q"
  same timeline --format json --by year --split outlet --quotes "$q"
done

# Exports in small pages: one database pages by key, shards by offset
# (copies counted per result); a cut export resumes with --after in id order.
for q in negotiations '' 'date:2024'; do
  for sort in id newest oldest relevance; do
    LEGATE_PAGE=3 same export --sort $sort "$q"
    LEGATE_PAGE=3 same export --quotes --sort $sort "$q"
  done
  LEGATE_PAGE=2 same count --format json --by outlet "$q"
done
for target in "" --quotes; do
  # shellcheck disable=SC2086
  cut=$(LEGATE_DB=$WORK/one lg export $target --sort id --limit 4 --output ids | tail -1)
  # shellcheck disable=SC2086
  LEGATE_PAGE=2 same export $target --sort id --after "$cut"
  # shellcheck disable=SC2086
  same export $target --sort id --after "$cut" --offset 1 --limit 3
done
expect_exit 2 lg export --sort newest --after 3 --shards "$WORK/remote.stub"
expect_grep "needs --sort id" "$WORK/err" "--after over shards: id order only"

# The same through a stub of local paths (as `legate index --shards` writes it).
expect_exit 0 lg search --format json --limit 0 --shards "$WORK/col/shards" negotiations
expect_eq "$(LEGATE_DB=$WORK/one lg search --format json --limit 0 negotiations | norm)" \
  "$(norm < "$WORK/out")" "local stub"

# Syndicated copies from a feed with stable sources: a story whose copies
# landed in both shards is one result standing for all six, as in one
# database; without collapsing, the lists are identical.
text=$(cat "$FIX/copies/ledger-grain.txt")
for i in 1 2 3 4 5 6; do
  jq -cn --arg t "$text" --arg i "$i" '{url: ("https://example.org/copy/" + $i), outlet: ("Outlet " + $i), date: ("2024-03-0" + $i), text: $t}'
done > "$WORK/copies.jsonl"
LEGATE_DB=$WORK/one2 lg index --quiet "$WORK/copies.jsonl"
LEGATE_DB=$WORK/col2 lg index --quiet --shards 2 "$WORK/copies.jsonl"
in0=$(LEGATE_DB=$WORK/col2/shard-0 lg export --no-collapse --output ids | wc -l)
expect_eq "6" "$(LEGATE_DB=$WORK/one2 lg search --format json grain | jq '.results[0].dup_count')" "one database: one story of 6 copies"
CHECKS=$((CHECKS + 1)); [ "$in0" -gt 0 ] && [ "$in0" -lt 6 ] || fail "the copies should span both shards ($in0 in shard 0)"
for f in "" --no-collapse; do
  # shellcheck disable=SC2086
  expect_eq "$(LEGATE_DB=$WORK/one2 lg search $f --format json grain | norm)" \
    "$(lg search $f --format json --shards "$WORK/col2/shards" grain | norm)" "copies across shards $f"
  # shellcheck disable=SC2086
  expect_eq "$(LEGATE_DB=$WORK/one2 lg count $f --by outlet --format json grain)" \
    "$(lg count $f --by outlet --format json --shards "$WORK/col2/shards" grain)" "copies across shards counted $f"
done

# Shards built apart (`--shard K/N`, as on two machines from the same
# inputs): each indexes only its own articles, with ids from its own range,
# and the served pair answers as the collection built in one process does
# — the same rows, scores, counts and copies; only the ids differ.
for k in 0 1; do
  LEGATE_DB=$WORK/apart$k index_corpus --shard $k/2 || { echo "indexing shard $k apart failed"; exit 1; }
  expect_exit 0 env LEGATE_DB="$WORK/apart$k" "$LEGATE_BIN" index --shard $k/2 "$FIX/pages"
  expect_grep "shard $k of 2: 0 added, 0 updated, [01] unchanged, 0 removed, 0 failed, [01] for other shards" "$WORK/err" "shard $k apart: summary"
  expect_exit 0 env LEGATE_DB="$WORK/apart$k" "$LEGATE_BIN" check
  expect_eq "$(LEGATE_DB=$WORK/col/shard-$k lg export --no-collapse --sort id --fields source | sort)" \
    "$(LEGATE_DB=$WORK/apart$k lg export --no-collapse --sort id --fields source | sort)" "shard $k apart holds what shard $k of the collection holds"
done
expect_exit 2 env LEGATE_DB="$WORK/apart0" "$LEGATE_BIN" index --shard 1/2 "$FIX/pages"
expect_grep "is shard 0 of 2, not 1 of 2" "$WORK/err" "a shard cannot change its place"
expect_exit 2 lg index --shard 2/2 "$FIX/pages"
expect_exit 2 lg index --shards 2 --shard 0/2 "$FIX/pages"
expect_exit 2 env LEGATE_DB="$WORK/one" "$LEGATE_BIN" index --shard 0/2 "$FIX/pages"
expect_grep "is a database, not a shard" "$WORK/err" "a plain database is not made a shard"
ids=$(for k in 0 1; do LEGATE_DB=$WORK/apart$k lg export --no-collapse --output ids; done)
expect_eq "$(sort -n <<<"$ids" | uniq -d)" "" "no id given twice by shards built apart"
expect_eq "0" "$(LEGATE_DB=$WORK/apart1 lg export --no-collapse --output ids | awk '$1 <= 536870912' | wc -l | tr -d ' ')" "shard 1 of 2 takes ids from its own range"
read -r A0 APID0 < <(serve "$WORK/apart0") || { echo "cannot start xapian-tcpsrv"; exit 1; }
read -r A1 APID1 < <(serve "$WORK/apart1") || { echo "cannot start xapian-tcpsrv"; exit 1; }
SERVERS="$SERVERS $APID0 $APID1"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$A0" "$A1" > "$WORK/apart.stub"
# Rows without their ids, in a canonical order (ties may order by id). A
# shard spells a name as it first saw it: Lavrov is "Sergey" in one shard
# built apart, "Sergei" (the collection's first spelling) in the other.
rows_of() {
  lg "$@" | norm | jq -c '(.results // [.])[] | del(.id, .rank, .article_id, .quote_id)
    | if .speaker then .speaker |= sub("^Sergey "; "Sergei ") else . end' | sort
}
for q in negotiations '"root causes"' 'speaker:lavrov' 'outlet:caliber.az' 'date:2024-06..2024-12' ultimatums ''; do
  for f in "" "--no-collapse"; do
    for cmd in search quotes; do
      # shellcheck disable=SC2086
      expect_eq "$(rows_of $cmd --format json --limit 0 $f --shards "$WORK/remote.stub" "$q")" \
        "$(rows_of $cmd --format json --limit 0 $f --shards "$WORK/apart.stub" "$q")" "built apart: $cmd $f '$q'"
    done
    # shellcheck disable=SC2086
    expect_eq "$(lg count --format json --by outlet $f --shards "$WORK/remote.stub" "$q")" \
      "$(lg count --format json --by outlet $f --shards "$WORK/apart.stub" "$q")" "built apart: count $f '$q'"
  done
done

# A shard down: an error naming it, or with --allow-partial the rest and a warning.
kill "$PID1"; sleep 0.3
expect_exit 3 lg search --shards "$WORK/remote.stub" negotiations
expect_grep "remote 127.0.0.1:$P1" "$WORK/err" "the missing shard is named"
expect_exit 0 lg search --format json --shards "$WORK/remote.stub" --allow-partial negotiations
expect_grep "warning: shard remote 127.0.0.1:$P1 unavailable" "$WORK/err" "partial results warn"
want=$(LEGATE_DB=$WORK/col/shard-0 lg search --format json --limit 0 negotiations | jq -c '[.results[].id]')
expect_eq "$want" "$(jq -c '[.results[].id]' "$WORK/out")" "partial results are the live shard's"
expect_exit 2 lg search --allow-partial negotiations
kill "$PID0"; sleep 0.3
expect_exit 3 lg count --by outlet --shards "$WORK/remote.stub" --allow-partial
expect_grep "no shard of" "$WORK/err" "no shard at all"

finish
