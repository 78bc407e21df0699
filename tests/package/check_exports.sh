#!/bin/sh
# check_exports.sh LIB HEADER — the shared library exports exactly the RP_API functions; for the
# static library (LIB ending in .a): its global symbols are exactly those, nothing else (glad and
# every internal helper were made local; sanitizer runtime names excepted).
set -eu
lib=$1 hdr=$2
tmp=${TMPDIR:-/tmp}/rp_exports.$$
case $lib in
    *.a) nm -g --defined-only "$lib" | awk 'NF == 3 && $2 ~ /^[TWDBRVuiC]$/ {print $3}' ;;
    *) nm -D --defined-only "$lib" | awk '$2 ~ /^[TWDBR]$/ {print $3}' ;;
esac | grep -v '^_' | grep -v '^\(asan\|ubsan\|tsan\|sancov\)\.' | sort -u > "$tmp.lib"
# Comments and preprocessor lines out, then one declaration per line (a formatter may break one after its return type).
perl -0777 -pe 's{/\*.*?\*/}{}gs; s{\\\n}{}g; s{^[ \t]*#.*$}{}mg; s{\s+}{ }g; s{;}{;\n}g' "$hdr" |
    sed -n 's/^ *RP_API [^(]*[^a-z0-9_]\(rp_[a-z0-9_]*\) *(.*/\1/p' | sort > "$tmp.hdr"
if ! cmp -s "$tmp.lib" "$tmp.hdr"; then
    echo "exported (<) vs declared RP_API in ringplot.h (>):"
    diff "$tmp.lib" "$tmp.hdr" || true
    rm -f "$tmp.lib" "$tmp.hdr"
    exit 1
fi
echo "package_exports: $(wc -l < "$tmp.hdr") functions, all exported from $(basename "$lib"), nothing else"
rm -f "$tmp.lib" "$tmp.hdr"
