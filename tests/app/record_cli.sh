#!/bin/sh
# Recordings from the command line: --record while replaying a CSV (every sample, none lost),
# ringplot FILE opens it (indexed), --export writes a CSV that --replay reads back into the same
# samples (recorded again and exported again: byte-identical), and the misuses exit non-zero with
# a clear message.
#   record_cli.sh <ringplot> <scratch dir> <README.md>
set -u
ringplot=$1; scratch=$2/record_cli; readme=$3
rm -rf "$scratch"; mkdir -p "$scratch"
failures=0; passes=0
check() {
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; fi
}
out=$scratch/out.txt

# 3 series sharing one time column, 5000 rows, with a NaN and exact binary fractions
awk 'BEGIN { print "seconds,a,b,c"; for (i = 0; i < 5000; i++)
  printf "%.17g,%s,%.9g,%d\n", 1000 + i / 1024, (i == 77 ? "nan" : sprintf("%.9g", sin(i / 50))), i * 0.25, i % 13 }' \
  > "$scratch/in.csv"

"$ringplot" --headless --replay "$scratch/in.csv" --speed max --record "$scratch/r1.rpr" --stats >"$out" 2>&1; rc=$?
check "record while replaying exits 0" $rc
grep -q "recorder $scratch/r1.rpr: 15000 samples, 0 lost" "$out"; check "every sample recorded, none lost" $?

"$ringplot" "$scratch/r1.rpr" --headless --png "$scratch/open.png" --stats >"$out" 2>&1; rc=$?
check "ringplot FILE opens the recording" $rc
grep -q "recording $scratch/r1.rpr: 15000 samples, [0-9]* bytes, indexed, 0 damaged blocks" "$out"; check "opened from its index" $?
[ -s "$scratch/open.png" ]; check "recording drawn" $?

# spectrum and trigger panels of an opened recording (they show the samples at the view's end;
# render_views checks their pictures): added for its series, drawn, and the frame differs
"$ringplot" "$scratch/r1.rpr" --spectrum a:1024 --trigger c:64:6 --headless --png "$scratch/views.png" >"$out" 2>&1; rc=$?
check "an opened recording with --spectrum and --trigger exits 0" $rc
grep -q "ringplot: --" "$out"; [ $? -ne 0 ]; check "its panels were added (no complaint)" $?
[ -s "$scratch/views.png" ] && ! cmp -s "$scratch/views.png" "$scratch/open.png"; check "the panels are drawn" $?

"$ringplot" --open "$scratch/r1.rpr" --export "$scratch/e1.csv" >"$out" 2>&1; rc=$?
check "--export exits 0" $rc
[ "$(wc -l < "$scratch/e1.csv")" -eq 5001 ]; check "one line per time + header" $?
head -1 "$scratch/e1.csv" | grep -qx "seconds,a,b,c"; check "header names the series" $?
# the values are the input's rounded to float32 (relative error <= 2^-24), the times to the
# series' time resolution (1 us: timestamped series keep integer ticks)
awk -F, 'function off(x, y) { d = x - y; if (d < 0) d = -d; m = y < 0 ? -y : y; return d > m * 6e-8 }
  NR == FNR { t[FNR] = $1; a[FNR] = $2; b[FNR] = $3; c[FNR] = $4; next }
  function toff(x, y) { d = x - y; if (d < 0) d = -d; return d > 0.501e-6 }
  FNR > 1 && (toff($1, t[FNR]) || (a[FNR] == "nan" ? $2 != "nan" : off($2, a[FNR])) || off($3, b[FNR]) || off($4, c[FNR])) { bad++ }
  END { exit bad > 0 }' "$scratch/in.csv" "$scratch/e1.csv"
check "exported values equal the input" $?

# the export replays into the same samples: record it again, export again, identical files
"$ringplot" --headless --replay "$scratch/e1.csv" --speed max --record "$scratch/r2.rpr" >/dev/null 2>&1
"$ringplot" --open "$scratch/r2.rpr" --export "$scratch/e2.csv" >/dev/null 2>&1
cmp -s "$scratch/e1.csv" "$scratch/e2.csv"; check "export -> replay -> record -> export is identical" $?

"$ringplot" --open "$scratch/r1.rpr" --export "$scratch/e1.f32" >/dev/null 2>&1
[ "$(wc -c < "$scratch/e1.f32")" -eq 60000 ]; check "raw export: 15000 float32" $?

# playback: fast enough to reach the end (the headless run then ends by itself); slow: not
"$ringplot" "$scratch/r1.rpr" --speed 1e6 --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "playback at 1e+06x: .* played (the end)" "$out"; check "playback runs to the end" $?
# a playback that takes many frames (4.9 s at 20x: ~15 frames) runs to its end too: a recording
# is no source, and a headless run ended after 3 frames, partway through
"$ringplot" "$scratch/r1.rpr" --speed 20 --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "playback at 20x: .* played (the end)" "$out"; check "a slower playback runs to the end" $?
"$ringplot" "$scratch/r1.rpr" --speed 0.001 --span 1 --headless --frames 5 --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep "playback at 0.001x" "$out" | grep -qv "the end"; check "slow playback is still on its way" $?

# the README's format reader, built exactly as printed, agrees (and survives a cut file)
sed -n '/<!-- record-reader begin -->/,/<!-- record-reader end -->/p' "$readme" | grep -v '^<!--' | grep -v '^```' > "$scratch/read_rpr.c"
cc -std=c11 -Wall -Wextra -Werror -o "$scratch/read_rpr" "$scratch/read_rpr.c" -lz; check "README reader compiles warning-free" $?
"$scratch/read_rpr" "$scratch/r1.rpr" > "$out" 2>&1
printf 'a: 5000 samples, first 0\nb: 5000 samples, first 0\nc: 5000 samples, first 0\n' | cmp -s - "$out"; check "README reader counts every sample" $?
head -c 30000 "$scratch/r1.rpr" > "$scratch/cut.rpr"
"$scratch/read_rpr" "$scratch/cut.rpr" >/dev/null 2>&1; check "README reader on a cut file" $?
"$ringplot" "$scratch/cut.rpr" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "recovered by a scan" "$out"; check "a cut recording opens (recovered)" $?

# kill -9 while recording: once a flush has reached the file, it opens (recovered) with samples
"$ringplot" --headless --demo --record "$scratch/killed.rpr" --frames 1000000 >/dev/null 2>&1 &
victim=$!
for i in $(seq 1 200); do # until the first flush wrote sample blocks (size beyond header + series)
  [ "$(wc -c < "$scratch/killed.rpr" 2>/dev/null || echo 0)" -gt 4096 ] && break
  sleep 0.1
done
kill -9 $victim; wait $victim 2>/dev/null
"$ringplot" "$scratch/killed.rpr" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "recording $scratch/killed.rpr: [1-9][0-9]* samples, [0-9]* bytes, recovered by a scan, 0 damaged blocks" "$out"
check "a recording killed with -9 opens with its flushed samples" $?

# misuse
"$ringplot" --export "$scratch/x.csv" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--export: needs --open FILE" "$out"; check "--export without --open" $?
"$ringplot" --headless /nonexistent/r.rpr >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "'/nonexistent/r.rpr': No such file or directory" "$out"; check "missing recording" $?
"$ringplot" --headless --open "$scratch/in.csv" >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "not a ringplot recording" "$out"; check "--open: a CSV is not a recording (a bare CSV is replayed: config_cli.sh)" $?
"$ringplot" --headless --demo --record /nonexistent/dir/r.rpr --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "cannot record to '/nonexistent/dir/r.rpr'" "$out"; check "unwritable recording" $?
"$ringplot" "$scratch/r1.rpr" --demo >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "is a recording, shown alone: not with live sources (--demo)" "$out"; check "a recording with live sources" $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
