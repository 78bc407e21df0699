#!/bin/sh
# Recordings from the command line: --record while replaying a CSV (every sample, none lost),
# ringplot FILE opens it (indexed), --export writes a CSV that --replay reads back into the same
# samples (recorded again and exported again: byte-identical), and the misuses exit non-zero with
# a clear message. A pipe written at full speed is recorded whole (its source waits for the
# recorder), and --stats gives the closed file's numbers.
#   record_cli.sh <ringplot> <scratch dir> <README.md> <rp-stream>
set -u
ringplot=$1; scratch=$2/record_cli; readme=$3; stream=$4
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
# a recording with nothing in it (killed before its first flush: the header alone) is said and
# exits 1, as an empty FILE does (it opened as a blank window, exit 0)
head -c 64 "$scratch/r1.rpr" > "$scratch/header_only.rpr"
"$ringplot" "$scratch/header_only.rpr" --headless >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "header_only.rpr: the recording holds no samples" "$out"
check "a recording without samples exits 1, said (got $rc: $(head -c 200 "$out"))" $?

# A pipe written at full speed, many rings' worth (--rate 1k keeps 30,000 samples a series): the
# recording holds every sample (the file was left with the last ring, 170,000 missing and none
# counted as lost), and the recorder line of --stats is printed once the file is closed: its
# bytes are the file's size (it was printed while the recorder still copied: 23 M of 80 M).
# Timing-free: whatever the speed of this machine, every count must match exactly.
record_fast() { # name, expected samples per series, series names, then the rp-stream flags
  name=$1; want=$2; names=$3; shift 3
  "$stream" --rate 1k --samples "$want" --fast --quiet "$@" |
    "$ringplot" --stdin --headless --rate 1k --record "$scratch/$name.rpr" --stats >"$out" 2>&1
  check "$name: exits 0" $?
  total=0; expect=""
  for n in $names; do
    grep -q "^series $n: $want accepted" "$out"; check "$name: series $n took all $want" $?
    total=$((total + want)); expect="$expect$n: $want samples, first 0
"
  done
  size=$(wc -c < "$scratch/$name.rpr")
  grep -qx "recorder $scratch/$name.rpr: $total samples, 0 lost, $size bytes, 0 write errors" "$out"
  check "$name: --stats gives the closed file's numbers ($total samples, $size bytes)" $?
  "$scratch/read_rpr" "$scratch/$name.rpr" | sed 's/, first .*/, first 0/' > "$scratch/$name.txt"
  printf '%s' "$expect" | cmp -s - "$scratch/$name.txt"; check "$name: the file holds every sample" $?
  "$ringplot" "$scratch/$name.rpr" --headless --stats >"$out" 2>&1
  grep -q "recording $scratch/$name.rpr: $total samples, $size bytes, indexed, 0 damaged blocks" "$out"
  check "$name: it opens from its index" $?
}
record_fast fast_text 200000 "sine_0 sine_1" --signal sine --format text --channels 2
record_fast fast_ts 200000 sine --signal sine --format text-ts --channels 1
"$stream" --signal sine --channels 4 --rate 1M --fast --samples 1000000 --format binary --quiet |
  "$ringplot" --stdin --headless --format binary --channels 4 --names a,b,c,d --rate 1M \
    --record "$scratch/fast_bin.rpr" --stats >"$out" 2>&1
check "fast binary: exits 0" $?
grep -qx "recorder $scratch/fast_bin.rpr: 4000000 samples, 0 lost, $(wc -c < "$scratch/fast_bin.rpr") bytes, 0 write errors" "$out"
check "fast binary: --stats gives the closed file's numbers" $?
"$scratch/read_rpr" "$scratch/fast_bin.rpr" | sed 's/, first .*//' > "$scratch/fast_bin.txt"
printf 'a: 1000000 samples\nb: 1000000 samples\nc: 1000000 samples\nd: 1000000 samples\n' | cmp -s - "$scratch/fast_bin.txt"
check "fast binary: the file holds every sample" $?
rm -f "$scratch/fast_bin.rpr"

# cut after its first series' block (the first 30,000 bytes hold none: that is the case above)
head -c 120000 "$scratch/r1.rpr" > "$scratch/cut2.rpr"
"$ringplot" "$scratch/cut2.rpr" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "cut2.rpr: 5000 samples, 120000 bytes, recovered by a scan" "$out"
check "a cut recording opens (recovered)" $?
"$ringplot" "$scratch/cut.rpr" --headless >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "holds no samples (it was cut before its first flush" "$out"
check "a recording cut before its first block exits 1, said" $?

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
[ $rc -eq 1 ] && grep -q "'/nonexistent/r.rpr': No such file or directory" "$out" && [ "$(wc -l < "$out")" -eq 1 ]
check "missing recording: one line ($(cat "$out"))" $?
"$ringplot" --headless --open "$scratch/in.csv" >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "not a ringplot recording" "$out"; check "--open: a CSV is not a recording (a bare CSV is replayed: config_cli.sh)" $?
"$ringplot" --headless --demo --record /nonexistent/dir/r.rpr --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "^ringplot: --record: cannot create '/nonexistent/dir/r.rpr': No such file or directory" "$out" &&
  ! grep -q "RECORD_IO" "$out"
check "unwritable recording: one line naming the flag ($(cat "$out"))" $?
"$ringplot" "$scratch/r1.rpr" --demo >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "is a recording, shown alone: not with live sources (--demo)" "$out"; check "a recording with live sources" $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
