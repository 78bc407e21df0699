#!/bin/sh
# The README's "rp-stream" section names every flag and every --signal of `rp-stream --help`.
#   readme_rp_stream.sh <rp-stream> <README.md>
set -eu
bin=$1; readme=$2
section=$(awk '/^#+ / { inside = ($0 == "## rp-stream"); next } inside { print }' "$readme")
[ -n "$section" ] || { echo "README.md has no \"## rp-stream\" section"; exit 1; }
help=$("$bin" --help)
missing=""
for f in $(echo "$help" | grep -o -- '--[a-z0-9-]*' | sort -u); do
    echo "$section" | grep -q -- "\`$f[\` ]" || missing="$missing $f"
done
signals=$(echo "$help" | sed -n 's/^ *--signal S *\([a-z|]*\).*/\1/p')
[ -n "$signals" ] || { echo "rp-stream --help names no --signal list"; exit 1; }
echo "$section" | grep -q -- "--signal $signals\`" || missing="$missing --signal $signals"
[ -z "$missing" ] || { echo "README.md \"rp-stream\" does not name:$missing"; exit 1; }
echo "README's rp-stream section names every flag and signal of rp-stream --help"
