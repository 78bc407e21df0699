#!/bin/sh
# test_install.sh BUILD CONSUMER_SRC WORK [CMAKE [SANITIZE_FLAGS]] — installs BUILD into
# WORK/prefix, checks the installed tree, builds tests/package/consumer with find_package(ringplot)
# and with pkg-config, each shared and static, and runs all four headless (each renders and writes
# a PNG). SANITIZE_FLAGS: the build's -fsanitize flags, which a consumer of an instrumented
# library must link with too.
set -eu
build=$1 src=$2 work=$3 cmake=${4:-cmake} sanitize=${5:-}
prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work/pc"
fail() { echo "package_install: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" > "$work/install.log"
for f in include/ringplot.h lib/libringplot.a lib/libringplot.so lib/pkgconfig/ringplot.pc \
         lib/cmake/ringplot/ringplotConfig.cmake lib/cmake/ringplot/ringplotConfigVersion.cmake \
         lib/cmake/ringplot/ringplotTargets.cmake; do
    [ -e "$prefix/$f" ] || fail "missing $f"
done
[ "$(ls "$prefix/include")" = ringplot.h ] || fail "include/ holds more than ringplot.h"
soname=$(readelf -d "$prefix/lib/libringplot.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ -n "$soname" ] && [ -e "$prefix/lib/$soname" ] || fail "no SONAME link ($soname)"

# CMake: find_package(ringplot)
"$cmake" -S "$src" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="$sanitize" \
    > "$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "consumer configure failed"; }
"$cmake" --build "$work/cmake" > "$work/cmake-build.log" 2>&1 ||
    { cat "$work/cmake-build.log"; fail "consumer build (CMake) failed"; }
# pkg-config
PKG_CONFIG_PATH=$prefix/lib/pkgconfig make -C "$work/pc" -f "$src/Makefile" SRC="$src" \
    CFLAGS="-std=c11 -O2 -Wall -Wextra $sanitize" \
    > "$work/pc-build.log" 2>&1 || { cat "$work/pc-build.log"; fail "consumer build (pkg-config) failed"; }

for exe in cmake/consumer_cmake_shared cmake/consumer_cmake_static pc/consumer_pc_shared \
           pc/consumer_pc_static; do
    needs=$(readelf -d "$work/$exe" | grep -c "NEEDED.*libringplot" || true)
    case $exe in
        *shared) [ "$needs" = 1 ] || fail "$exe does not load libringplot.so" ;;
        *static) [ "$needs" = 0 ] || fail "$exe should not need libringplot.so" ;;
    esac
    "$work/$exe" "$work/$(basename "$exe").png" || fail "$exe failed"
    [ -s "$work/$(basename "$exe").png" ] || fail "$exe wrote no PNG"
done
echo "package_install: ok ($soname; CMake and pkg-config, shared and static)"
