#!/bin/sh
# check_flags.sh RINGPLOT ARGS_SOURCE MAN_PAGE — every flag the viewer's parser knows (each
# "--flag" literal of ARGS_SOURCE) is named by `ringplot --help` and by the man page.
# --mqtt-password is parsed only to be refused: the man page names it, --help need not.
set -eu
bin=$1 src=$2 man=$3
flags=$(grep -o '"--[a-z0-9-]*' "$src" | tr -d '"' | sort -u)
help=$("$bin" --help | grep -o -- '--[a-z0-9-]*' | sort -u)
page=$(sed 's/\\-/-/g' "$man" | grep -o -- '--[a-z0-9-]*' | sort -u)
missing=""
for f in $flags; do
    echo "$page" | grep -qx -- "$f" || missing="$missing $f(man page)"
    [ "$f" = --mqtt-password ] && continue
    echo "$help" | grep -qx -- "$f" || missing="$missing $f(--help)"
done
[ -z "$missing" ] || { echo "app_help_flags: not documented:$missing"; exit 1; }
echo "app_help_flags: $(echo "$flags" | wc -l) flags, all in --help and ringplot.1"
