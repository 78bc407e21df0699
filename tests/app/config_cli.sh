#!/bin/sh
# --config FILE: a layout file applied where the flag stands (later flags override), and bad
# files refused with the line of a syntax error or the name of the wrong field (exit 2).
#   config_cli.sh <ringplot> <scratch dir>
set -u
ringplot=$1; scratch=$2/config_cli
rm -rf "$scratch"; mkdir -p "$scratch"
failures=0; passes=0
check() {
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; fi
}
out=$scratch/out.txt
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }'; }

cat > "$scratch/good.json" <<'JSON'
{
  "title": "bench \"A\"", "theme": "light", "x_axis": "number", "span": 5,
  "width": 320, "height": 200, "capacity": 4096, "max_series": 8, "hud": true,
  "panels": ["imu/*", "ecg"]
}
JSON
"$ringplot" --config "$scratch/good.json" --demo --headless --frames 2 --png "$scratch/good.png" >"$out" 2>&1; rc=$?
check "a good config runs" $rc
[ "$(png_size "$scratch/good.png")" = "320x200" ]; check "its size applies ($(png_size "$scratch/good.png"))" $?
"$ringplot" --config "$scratch/good.json" --size 400x300 --demo --headless --frames 2 --png "$scratch/over.png" >"$out" 2>&1
[ "$(png_size "$scratch/over.png")" = "400x300" ]; check "a later flag overrides the config" $?

printf '{\n  "span": 5,\n  "theme": dark\n}\n' > "$scratch/syntax.json"
"$ringplot" --config "$scratch/syntax.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "config $scratch/syntax.json: line 3: JSON syntax error" "$out"; check "syntax error names its line" $?
printf '{"span": "long"}' > "$scratch/type.json"
"$ringplot" --config "$scratch/type.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "field 'span' must be a number" "$out"; check "a wrong type names the field" $?
printf '{"spam": 1}' > "$scratch/unknown.json"
"$ringplot" --config "$scratch/unknown.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "unknown field 'spam'" "$out"; check "an unknown field is named" $?
printf '{"panels": ["a", 3]}' > "$scratch/panel.json"
"$ringplot" --config "$scratch/panel.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "field 'panels' entry 2 must be a string" "$out"; check "a bad panel entry is named" $?
printf '[1, 2]' > "$scratch/array.json"
"$ringplot" --config "$scratch/array.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "must be an object" "$out"; check "a top level that is not an object" $?
"$ringplot" --config /nonexistent/c.json >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "config /nonexistent/c.json: No such file" "$out"; check "a missing config" $?
printf '\001\002\377{\000"x' > "$scratch/junk.json"
"$ringplot" --config "$scratch/junk.json" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ]; check "binary junk is refused" $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
