#!/bin/sh
# Exploratory fuzzing, by hand, never in CI: every libFuzzer target (or the ones named) for
# SECONDS each with a random seed, two at a time, keeping a growing corpus per target in
# build-fuzz/tests/fuzz/explore/<parser>/. A finding prints the artifact's path; copy it into
# tests/fuzz/<parser>/ once fixed, so the deterministic CI run replays it for ever.
#   tests/fuzz/explore.sh [SECONDS] [parser...]      default 600 s, every parser
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${1:-600}
[ $# -gt 0 ] && shift
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DRINGPLOT_FUZZ=ON \
  -DRINGPLOT_BUILD_DEMOS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target rp_fuzz_all >/dev/null
parsers=${*:-$(ls build-fuzz/tests/fuzz | sed -n 's/^fuzz_\(.*\)$/\1/p' | grep -v '\.' )}
status=0
for p in $parsers; do
  dir="build-fuzz/tests/fuzz/explore/$p"
  mkdir -p "$dir/corpus"
  echo "== fuzz_$p: $seconds s, random seed"
  ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/fuzz_"$p" -seed=0 -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=70000 -print_final_stats=1 -artifact_prefix="$dir/" \
    "$dir/corpus" "tests/fuzz/$p" || { echo "fuzz_$p: finding in $dir/"; status=1; }
done
exit $status
