#!/bin/sh
# The test command: installs what is missing, then builds and runs every test three ways —
# a plain build (all tests: unit, stress, render, app), ASan+UBSan (all tests), and TSan
# (unit + stress). Headless: EGL surfaceless on Mesa llvmpipe, no display, no GPU needed.
#   tests/run.sh            from the repository root (or anywhere)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
third_party/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
export CTEST_OUTPUT_ON_FAILURE=1

build() { # name, cmake options...
  dir="build-$1"; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

echo "== plain build: all tests"
build test
ctest --test-dir build-test -j "$jobs" --timeout 600

echo "== AddressSanitizer + UndefinedBehaviorSanitizer: all tests"
build asan -DRINGPLOT_ASAN=ON -DRINGPLOT_BUILD_DEMOS=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --timeout 900 -LE bench

echo "== ThreadSanitizer: unit and stress tests"
build tsan -DRINGPLOT_TSAN=ON -DRINGPLOT_BUILD_DEMOS=OFF
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan -j "$jobs" --timeout 900 -L unit

echo "== all test runs passed"
