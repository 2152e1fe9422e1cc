#!/usr/bin/env bash
# Shards benchmark: builds 1, 2 and 4 local shards from a generated corpus
# and measures the build time and search latency (p50/p99 over the query
# list, each query a full `legate search --shards` process, so latency
# includes process start and opening every shard).
#   bash bench/shards.sh [LEGATE_BINARY] [DOCS] [ROUNDS]
# Prints one line per shard count. Figures: bench/README.md, "Shards".
set -euo pipefail
LEGATE=${1:-build/cli/legate}
DOCS=${2:-20000}
ROUNDS=${3:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/legate-shards-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# A deterministic corpus: Zipf-like words, 8 outlets, 12 speakers, 3 years.
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
}' > "$WORK/corpus.jsonl"

queries=(talks 'sanctions energy' '"peace talks"' 'ceasefire OR treaty' 'speaker:"speaker 3" grain'
  'outlet:"outlet 5" nuclear' 'date:2023 summit' 'negotiations -conflict' 'trade' 'security border')

pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; printf "%.1f", a[i] / 1e6 }'; }

for n in 1 2 4; do
  start=$(date +%s%N)
  "$LEGATE" --db "$WORK/c$n" index --quiet --shards "$n" "$WORK/corpus.jsonl"
  build=$(( ($(date +%s%N) - start) / 1000000 ))
  : > "$WORK/lat$n"
  for r in $(seq 1 "$ROUNDS"); do
    for q in "${queries[@]}"; do
      t0=$(date +%s%N)
      "$LEGATE" search --shards "$WORK/c$n/shards" --format json "$q" >/dev/null || true
      echo $(( $(date +%s%N) - t0 )) >> "$WORK/lat$n"
    done
  done
  size=$(du -sm "$WORK/c$n" | cut -f1)
  echo "shards=$n docs=$DOCS build_ms=$build size_mb=$size search_p50_ms=$(pct 50 < "$WORK/lat$n") search_p99_ms=$(pct 99 < "$WORK/lat$n") queries=$(wc -l < "$WORK/lat$n")"
done
