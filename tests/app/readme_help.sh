#!/bin/sh
# The README's "Command line" block is `ringplot --help` as printed, without its MQTT section
# (README "MQTT" has those) and its key list (README "Mouse and keys" has those).
#   readme_help.sh <ringplot> <README.md>
set -eu
ringplot=$1; readme=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$ringplot" --help | awk '
  /^MQTT \(/ { skip = 1; next }
  skip && /^$/ { skip = 0; next }
  skip { next }
  /^Mouse and keys:/ { exit }
  { print }' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$tmp/help.txt"
sh "$(dirname "$0")/../package/readme_block.sh" "$readme" "Command line" "" > "$tmp/readme.txt"
if ! diff -u "$tmp/readme.txt" "$tmp/help.txt"; then
  echo "README.md \"Command line\" differs from ringplot --help (- README, + --help)"
  exit 1
fi
echo "README's command line block = ringplot --help"

# The keys: each key of the README's "Mouse and keys" table (a backticked character in a row's
# first cell) is in the key list of `ringplot --help`, and each key that list names ("  c:") is
# in the table ('u' was missing from --help).
"$ringplot" --help | sed -n '/^Mouse and keys:/,$p' > "$tmp/keys.txt"
awk '/^### Mouse and keys/ { on = 1; next } on && /^#/ { exit }
     on && /^\| / { split($0, cell, "|"); print cell[2] }' "$readme" > "$tmp/cells.txt"
readme_keys=$(grep -o '`[^`]`' "$tmp/cells.txt" | tr -d '`' | sort -u)
missing=""
for k in $readme_keys; do
  case $k in
    '['|']') grep -qF '[ ]:' "$tmp/keys.txt" ;;
    *) grep -qF -e " $k:" -e " $k," -e " $k or " -e "'$k'" "$tmp/keys.txt" ;;
  esac || missing="$missing $k(--help)"
done
for k in $(grep -oE '(^|   )[a-z]:' "$tmp/keys.txt" | tr -d ' :' | sort -u); do
  grep -qF "\`$k\`" "$tmp/cells.txt" || missing="$missing $k(README)"
done
if [ -n "$missing" ]; then
  echo "keys not listed:$missing"
  exit 1
fi
echo "every key of the README's table is in --help's key list, and back"
