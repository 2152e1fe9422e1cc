#!/usr/bin/env bash
# Builds the fuzz harnesses with clang + libFuzzer + ASan + UBSan in
# $FUZZ_BUILD (default build-fuzz/) and runs each for SECONDS (default 20),
# one after the other.
#   bash tests/fuzz/run.sh [SECONDS] [HARNESS...]      (default: all six)
# Each harness grows its corpus in $FUZZ_BUILD/corpus/NAME from the seeds in
# tests/fuzz/corpus/NAME; a crash, leak, sanitizer report, timeout (10 s on
# one input) or out-of-memory (2 GiB) is saved as $FUZZ_BUILD/findings/NAME-*
# and fails the harness. To keep a finding as a regression test, copy it into
# tests/fuzz/corpus/NAME/ once it is fixed. Last line:
# "fuzz: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-20}
shift || true
all=(tokenize page html quotes jsonl query)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
build=${FUZZ_BUILD:-build-fuzz}
dict_dir=$PWD/tests/fuzz

if [ ! -d "$build" ]; then
  CC=clang CXX=clang++ meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null || { echo "fuzz: 0 passed, ${#names[@]} failed"; exit 1; }
fi
targets=()
for n in "${names[@]}"; do targets+=("tests/fuzz/fuzz_$n"); done
if ! ninja -C "$build" "${targets[@]}" >"$build/fuzz-build.log" 2>&1; then
  tail -30 "$build/fuzz-build.log"
  echo "fuzz: 0 passed, ${#names[@]} failed"
  exit 1
fi

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
passed=0
failed=0
for n in "${names[@]}"; do
  corpus=$build/corpus/$n
  mkdir -p "$corpus" "$build/findings"
  dict=()
  [ -f "$dict_dir/$n.dict" ] && dict=("-dict=$dict_dir/$n.dict")
  log=$build/fuzz-$n.log
  "$build/tests/fuzz/fuzz_$n" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/findings/$n-" \
    "${dict[@]}" "$corpus" "tests/fuzz/corpus/$n" >"$log" 2>&1
  rc=$?
  execs=$(grep -a "stat::number_of_executed_units" "$log" | grep -oE "[0-9]+$")
  cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz $n: ok, ${secs}s, ${execs:-?} execs, ${cov:-no coverage line}, corpus $(ls "$corpus" | wc -l)"
  else
    failed=$((failed + 1))
    echo "fuzz $n: FAILED (exit $rc), log $log"
    grep -aE "ERROR|runtime error|invariant broken|Test unit written|SUMMARY" "$log" | head -10 | sed 's/^/    /'
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
