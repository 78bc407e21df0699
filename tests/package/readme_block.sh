#!/bin/sh
# readme_block.sh README HEADING LANG [N] — prints the N-th (default 1st) ```LANG fenced block
# under the Markdown heading whose text is exactly HEADING (up to the next heading of any level),
# as printed: the tests build the README's snippets from here, so they cannot drift.
set -eu
awk -v heading="$2" -v lang="$3" -v want="${4:-1}" '
    /^```/ && !fence { fence = 1; if (inside && $0 == "```" lang) n++; take = inside && $0 == "```" lang && n == want; next }
    /^```/ && fence { fence = 0; take = 0; next }
    !fence && /^#+ / { h = $0; sub(/^#+ /, "", h); inside = (h == heading); next }
    take { print }
    END { if (n < want) { print "readme_block: no block " want " of " lang " under \"" heading "\"" > "/dev/stderr"; exit 1 } }
' "$1"
