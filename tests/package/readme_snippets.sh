#!/bin/sh
# Every C fragment of README.md (a ```c block without main(); the whole programs are built by
# package_readme, readme_series, readme_udp_plot_in_sync and app_record_cli) compiles as printed
# against ringplot.h, warning-free: a renamed function, field or constant fails here.
#   readme_snippets.sh <cc> <README.md> <dir of ringplot.h> <scratch dir>
# Each fragment goes into a block of its own inside a function whose parameters are the names
# the README's fragments take as given (fig, win, series, panel, ...; a fragment may declare
# its own, shadowing them); its #include lines and a leading static function go to file scope.
set -eu
cc=$1; readme=$2; incdir=$3; scratch=$4/readme_snippets
rm -rf "$scratch"; mkdir -p "$scratch"
awk -v dir="$scratch" '
  /^```/ && !fence { fence = 1; if ($0 == "```c") { n++; take = 1; out = dir "/block" n ".txt"; print "line " NR > (out ".where") } next }
  /^```/ && fence { fence = 0; take = 0; next }
  take { print > out }' "$readme"
count=0; failures=0
for block in "$scratch"/block*.txt; do
  grep -q 'int main(' "$block" && continue
  count=$((count + 1))
  src=${block%.txt}.c
  {
    printf '#include <math.h>\n#include <stdbool.h>\n#include <stdio.h>\n#include <ringplot.h>\n'
    grep '^#include' "$block" || true
    # a static function at the start of the fragment (the log callback of "Errors")
    awk '/^static / { inside = 1 } inside { print } inside && /^}/ { exit }' "$block"
    printf 'void readme_snippet(rp_figure *fig, rp_figure *figure, rp_window *win, rp_renderer *r,\n'
    printf '                    rp_series *series, rp_series *x_series, rp_series *y_series,\n'
    printf '                    rp_series *s, int panel, float mouse_x, float mouse_y, bool running);\n'
    printf 'void readme_snippet(rp_figure *fig, rp_figure *figure, rp_window *win, rp_renderer *r,\n'
    printf '                    rp_series *series, rp_series *x_series, rp_series *y_series,\n'
    printf '                    rp_series *s, int panel, float mouse_x, float mouse_y, bool running)\n{\n'
    printf '    (void)fig; (void)figure; (void)win; (void)r; (void)series; (void)x_series;\n'
    printf '    (void)y_series; (void)s; (void)panel; (void)mouse_x; (void)mouse_y; (void)running;\n    {\n'
    awk '/^#include/ { next } /^static / && !done { skip = 1 } skip { if (/^}/) { skip = 0; done = 1 } next } { print }' "$block"
    printf '    }\n}\n'
  } > "$src"
  if ! "$cc" -std=c11 -Wall -Wextra -Werror -Wno-unused-variable -Wno-unused-but-set-variable \
       -fsyntax-only -I "$incdir" "$src" > "$src.log" 2>&1; then
    echo "FAIL: README.md $(cat "$block.where"): the C fragment does not compile against ringplot.h:"
    cat "$src.log"
    failures=$((failures + 1))
  fi
done
[ "$count" -ge 8 ] || { echo "FAIL: only $count C fragments found in $readme"; exit 1; }
[ "$failures" -eq 0 ] || exit 1
echo "readme_snippets: all $count C fragments of the README compile against ringplot.h"
