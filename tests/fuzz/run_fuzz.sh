#!/bin/sh
# Runs one libFuzzer target for a bounded time: run_fuzz.sh <fuzzer> <seed dir> <work dir> <seconds>
# New corpus entries and any crash/leak artifact go to the work dir; a finding fails the test and
# prints the artifact's path (copy it into the seed dir as a regression input once fixed).
set -eu
fuzzer=$1; seeds=$2; work=$3; seconds=$4
mkdir -p "$work/corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:print_stacktrace=1:halt_on_error=1"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
