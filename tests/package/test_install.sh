#!/bin/sh
# test_install.sh BUILD CONSUMER_SRC WORK [CMAKE [SANITIZE_FLAGS [README [PROGRAMS]]]] — installs
# BUILD into WORK/prefix, checks the installed tree, builds tests/package/consumer with
# find_package(ringplot) and with pkg-config, each shared and static, and runs all four headless
# (each renders and writes a PNG). With README: builds the README's C program with the README's
# CMakeLists.txt and its pkg-config lines, exactly as printed (tests/package/readme_block.sh),
# and runs each for 20 frames headless without LD_LIBRARY_PATH. PROGRAMS=1: bin/ringplot,
# bin/rp-stream and the man page are installed too. SANITIZE_FLAGS: the build's -fsanitize
# flags, which a consumer of an instrumented library must link with too.
set -eu
build=$1 src=$2 work=$3 cmake=${4:-cmake} sanitize=${5:-} readme=${6:-} programs=${7:-0}
unset LD_LIBRARY_PATH
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
# One version everywhere: the header, pkg-config, the SONAME (0.<minor> while the major is 0).
version=$(sed -n 's/^#define RINGPLOT_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/ringplot.h")
pcversion=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --modversion ringplot)
[ "$pcversion" = "$version" ] || fail "ringplot.pc says $pcversion, ringplot.h says $version"
case $version in
    0.*) [ "$soname" = "libringplot.so.${version%.*}" ] || fail "SONAME $soname for version $version" ;;
esac

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
if [ "$programs" = 1 ]; then
    for f in bin/ringplot bin/rp-stream share/man/man1/ringplot.1; do
        [ -e "$prefix/$f" ] || fail "missing $f"
    done
    "$prefix/bin/ringplot" --help > /dev/null || fail "installed ringplot --help failed"
    grep -q "^\.TH RINGPLOT 1 .*\"ringplot $version\"" "$prefix/share/man/man1/ringplot.1" ||
        fail "the man page does not say ringplot $version"
fi

if [ -n "$readme" ]; then
    block() { sh "$(dirname "$0")/readme_block.sh" "$readme" "$@"; }
    mkdir -p "$work/readme"
    block "C API" c > "$work/readme/live.c"
    block "Install and use" cmake > "$work/readme/CMakeLists.txt"
    # CMake, as printed
    "$cmake" -S "$work/readme" -B "$work/readme/build" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="$sanitize" \
        > "$work/readme-cmake.log" 2>&1 || { cat "$work/readme-cmake.log"; fail "README CMakeLists.txt: configure failed"; }
    "$cmake" --build "$work/readme/build" > "$work/readme-build.log" 2>&1 ||
        { cat "$work/readme-build.log"; fail "README program: build with the README's CMakeLists.txt failed"; }
    # pkg-config, as printed (the prefix is this test's; the compiler gets the sanitizer flags)
    block "Install and use" sh 2 | sed "s|/opt/ringplot|$prefix|g" > "$work/readme/pc.sh"
    (cd "$work/readme" && cc() { command cc $sanitize "$@"; } && . ./pc.sh) \
        > "$work/readme-pc.log" 2>&1 || { cat "$work/readme-pc.log"; fail "README pkg-config lines failed"; }
    # SDL only: SDL_Quit unloads Mesa, whose known leaks then come from unsymbolised frames no
    # suppression can name (as package_readme); memory errors are still caught under ASan.
    for exe in build/live live live-static; do
        SDL_VIDEODRIVER=offscreen ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
            "$work/readme/$exe" 20 || fail "README program $exe did not run"
    done
    needs=$(readelf -d "$work/readme/live" | grep -c "NEEDED.*libringplot" || true)
    [ "$needs" = 1 ] || fail "README pkg-config program does not load libringplot.so"
fi
echo "package_install: ok ($soname; CMake and pkg-config, shared and static${readme:+; README snippets})"
