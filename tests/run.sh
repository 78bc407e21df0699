#!/bin/sh
# The test command: installs what is missing, then builds and runs every test —
#   0. format: every C file as .clang-format says (clang-format 14; cheap, so first)
#   1. plain build: all tests (unit, stress, render, app, fault, fuzz corpora), then valgrind
#      memcheck over the unit suite (no leaks, no invalid accesses; the timed stress test skipped)
#   2. AddressSanitizer + UndefinedBehaviorSanitizer: all tests
#   3. ThreadSanitizer: the unit suite (unit, stress, data-path faults, fuzz corpora)
#   4. libFuzzer (clang): the whole tree built with RINGPLOT_FUZZ=ON (it must link completely, the
#      shared library too); every parser fuzzed a fixed number of inputs from a fixed seed (a green
#      run repeats), two at a time; tests/fuzz/explore.sh is the random-seed fuzzing, by hand
#   5. GL-free, MQTT-free build (RINGPLOT_WITH_GL=OFF, RINGPLOT_WITH_MQTT=OFF): builds completely
#      (the option combinations the README names: ASan, TSan without demos, FUZZ and this one;
#      the plain build is all ON)
#   6. soak: rp-soak for 2 minutes (8 series, 1 MS/s each, headless)
# Headless: EGL surfaceless on Mesa llvmpipe, no display, no GPU needed.
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

echo "== format: clang-format --dry-run over every C file"
# glad is generated (third_party/glad/generate.sh) and keeps its own style.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files '*.c' '*.h' ':!third_party/glad/**'
else
  find engine apps demos tests third_party -name '*.[ch]' ! -path 'third_party/glad/*'
fi | xargs clang-format --dry-run -Werror

echo "== plain build: all tests"
build test
ctest --test-dir build-test -j "$jobs" --timeout 600 -LE soak

echo "== valgrind memcheck: unit suite"
ctest --test-dir build-test -j "$jobs" --timeout 600 -L unit -LE stress -T memcheck \
  --overwrite MemoryCheckCommand="$(command -v valgrind)" \
  --overwrite "MemoryCheckCommandOptions=--error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer: all tests"
build asan -DRINGPLOT_ASAN=ON -DRINGPLOT_BUILD_DEMOS=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --timeout 900 -LE bench

echo "== ThreadSanitizer: unit suite"
build tsan -DRINGPLOT_TSAN=ON -DRINGPLOT_BUILD_DEMOS=OFF
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan -j "$jobs" --timeout 900 -L unit

echo "== libFuzzer: every parser of outside bytes"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DRINGPLOT_FUZZ=ON \
  >/dev/null
cmake --build build-fuzz -j "$jobs" --target all rp_fuzz_all
ctest --test-dir build-fuzz -j 2 -L fuzz

echo "== GL-free, MQTT-free build: RINGPLOT_WITH_GL=OFF RINGPLOT_WITH_MQTT=OFF builds completely"
build nogl -DRINGPLOT_WITH_GL=OFF -DRINGPLOT_WITH_MQTT=OFF

echo "== soak: rp-soak for 2 minutes"
EGL_PLATFORM=surfaceless LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=llvmpipe \
  build-test/tests/soak/rp-soak --duration 120s

echo "== all test runs passed"
