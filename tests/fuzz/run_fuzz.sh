#!/bin/sh
# Runs one libFuzzer target a fixed number of inputs from a fixed seed, so a green run repeats:
#   run_fuzz.sh <fuzzer> <seed dir> <work dir> <runs> [<seed>]
# The scratch corpus is emptied first: the same seeds, the same mutations, the same verdict every
# time. Any crash/leak artifact goes to the work dir; a finding fails the test and prints the
# artifact's path (copy it into the seed dir as a regression input once fixed).
# Long exploratory fuzzing with random seeds is tests/fuzz/explore.sh, never CI.
set -eu
fuzzer=$1; seeds=$2; work=$3; runs=$4; seed=${5:-1}
rm -rf "$work"
mkdir -p "$work/corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:print_stacktrace=1:halt_on_error=1"
exec "$fuzzer" -seed="$seed" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
