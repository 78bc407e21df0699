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
