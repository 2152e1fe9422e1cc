#!/usr/bin/env bash
# Shards benchmark: builds 1, 2 and 4 local shards from a generated corpus
# and measures the build time and search latency (p50/p99 over the query
# list, each query a full `legate search --shards` process, so latency
# includes process start and opening every shard).
#   bash bench/shards.sh [LEGATE_BINARY] [DOCS] [ROUNDS] [CONFIGS]
# CONFIGS (default "1 2 4 2a 4a"): N is one `index --shards N` process; Na
# is N `index --shard K/N` processes at once, as N machines would build
# them (here they share this machine's cores). Each build is removed once
# measured. Prints one line per config. Figures: bench/README.md, "Shards".
set -euo pipefail
LEGATE=${1:-build/cli/legate}
DOCS=${2:-20000}
ROUNDS=${3:-5}
CONFIGS=${4:-1 2 4 2a 4a}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/legate-shards-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# A deterministic corpus: Zipf-like words, 8 outlets, 12 speakers, 3 years;
# in feeds of 100,000 articles (a feed may hold at most 1 GiB).
mkdir "$WORK/corpus"
awk -v n="$DOCS" 'BEGIN {
  srand(42)
  split("talks sanctions ceasefire negotiations minister security trade grain energy border " \
        "summit treaty agreement nuclear embassy visit delegation cooperation conflict peace " \
        "crisis aid election statement briefing spokesman relations dialogue pressure support", v)
  nv = 30
  for (i = 1; i <= n; i++) {
    t = ""
    for (w = 0; w < 120; w++) {
      r = int(nv * rand() * rand()) + 1
      t = t (w ? " " : "") v[r] (rand() < 0.3 ? int(rand() * 500) : "")
    }
    printf "{\"url\":\"https://bench.example/%d\",\"outlet\":\"Outlet %d\",\"speaker\":\"Speaker %d\",\"date\":\"%d-%02d-%02d\",\"title\":\"%s %s\",\"text\":\"%s.\"}\n",
      i, i % 8, i % 12, 2022 + i % 3, 1 + i % 12, 1 + i % 28, v[1 + i % nv], v[1 + (i * 7) % nv], t
  }
}' | split -l 100000 -d -a 3 --additional-suffix=.jsonl - "$WORK/corpus/part-"

queries=(talks 'sanctions energy' '"peace talks"' 'ceasefire OR treaty' 'speaker:"speaker 3" grain'
  'outlet:"outlet 5" nuclear' 'date:2023 summit' 'negotiations -conflict' 'trade' 'security border')

pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; printf "%.1f", a[i] / 1e6 }'; }

# build CONFIG DIR: the collection, and its stub at DIR/shards.
build() {
  local n=${1%a} k
  if [ "$n" = "$1" ]; then
    "$LEGATE" --db "$2" index --quiet --shards "$n" "$WORK/corpus"
    return
  fi
  mkdir -p "$2"
  for k in $(seq 0 $((n - 1))); do
    "$LEGATE" --db "$2/shard-$k" index --quiet --shard "$k/$n" "$WORK/corpus" &
    echo "auto shard-$k/xapian" >> "$2/shards"
  done
  wait
}

for c in $CONFIGS; do
  start=$(date +%s%N)
  build "$c" "$WORK/c$c"
  build=$(( ($(date +%s%N) - start) / 1000000 ))
  : > "$WORK/lat$c"
  for r in $(seq 1 "$ROUNDS"); do
    for q in "${queries[@]}"; do
      t0=$(date +%s%N)
      "$LEGATE" search --shards "$WORK/c$c/shards" --format json "$q" >/dev/null || true
      echo $(( $(date +%s%N) - t0 )) >> "$WORK/lat$c"
    done
  done
  size=$(du -sm "$WORK/c$c" | cut -f1)
  echo "shards=$c docs=$DOCS build_ms=$build size_mb=$size search_p50_ms=$(pct 50 < "$WORK/lat$c") search_p99_ms=$(pct 99 < "$WORK/lat$c") queries=$(wc -l < "$WORK/lat$c")"
  rm -rf "$WORK/c$c"
done
