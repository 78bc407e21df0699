#!/bin/sh
# Binary frames as a microcontroller sends them, end to end: rp-stream writes int16 big-endian
# frames behind an AA55 header with a sum8 checksum into a pipe, ringplot reads them back. Then a
# damaged copy (junk before the first header, a flipped byte, a lost byte) through stdin and
# --replay: a frame damaged in place is a gap in its place, one that lost a byte is dropped, both
# counted; every other sample arrives with its value in its own channel and, with --rate, at its
# time (compared with the clean run through --record / --export). Bad --binary-* values and a
# layout file round trip.
#   binary_cli.sh <ringplot> <rp-stream> <scratch dir>
set -u
ringplot=$1; stream=$2; scratch=$3/binary_cli
mkdir -p "$scratch"
failures=0; passes=0
check() { # description, condition (shell expression result 0 = pass)
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; fi
}
out=$scratch/out.txt
fmt="--format binary --channels 3 --names ax,ay,az --binary-type int16 --binary-endian big --binary-sync AA55 --binary-checksum sum8"
F=9 # bytes a frame: 2 header + 3 x 2 values + 1 checksum

# the pipe, as the README shows it
"$stream" --signal imu --rate 1000 --samples 5000 --fast --quiet --format binary --binary-type int16 \
  --binary-endian big --binary-sync AA55 --binary-checksum sum8 --scale 1000 >"$scratch/clean.bin"
[ "$(wc -c < "$scratch/clean.bin")" -eq $((5000 * F)) ]; check "rp-stream wrote 5000 frames of $F bytes" $?
head -c 2 "$scratch/clean.bin" | od -An -tx1 | grep -q "aa 55"; check "each frame starts with AA55" $?
"$stream" --signal imu --rate 1000 --samples 5000 --fast --quiet --format binary --binary-type int16 \
  --binary-endian big --binary-sync AA55 --binary-checksum sum8 --scale 1000 \
  | "$ringplot" --headless --stdin $fmt --rate 1000 --record "$scratch/clean.rpr" --stats=json >"$out" 2>&1; rc=$?
check "pipe run exits 0" $rc
grep -q '"binary": "int16 big, sync AA55, sum8", "frames": 5000, "checksum_failed": 0, "sync_lost": 0, "sync_skipped": 0' "$out"
check "5000 frames, nothing lost (got: $(grep -o '"frames[^l]*' "$out"))" $?
grep -c '"accepted": 5000' "$out" | grep -qx 3; check "each channel got 5000 samples" $?

# the damaged copy: 2 junk bytes, frame 3 with a flipped value byte, frame 10 missing a byte
printf '\001\002' >"$scratch/bad.bin"
head -c $((3 * F + 4)) "$scratch/clean.bin" >>"$scratch/bad.bin"
b=$(od -An -tu1 -j $((3 * F + 4)) -N1 "$scratch/clean.bin" | tr -d ' ')
printf "\\$(printf %03o $((b ^ 16)))" >>"$scratch/bad.bin"
tail -c +$((3 * F + 6)) "$scratch/clean.bin" | head -c $((7 * F - 1)) >>"$scratch/bad.bin"
tail -c +$((10 * F + 6)) "$scratch/clean.bin" >>"$scratch/bad.bin"
[ "$(wc -c < "$scratch/bad.bin")" -eq $((5000 * F + 1)) ]; check "damaged copy made" $?

"$ringplot" --headless --stdin $fmt --rate 1000 --record "$scratch/bad.rpr" --stats >"$out" 2>&1 <"$scratch/bad.bin"; rc=$?
check "damaged stream exits 0" $rc
grep -q "binary int16 big, sync AA55, sum8: 4998 frames, 1 failed the checksum, 1 sync losses (10 bytes skipped)" "$out"
check "one bad checksum, one sync loss, 2 + 8 bytes skipped (got: $(grep -o 'binary.*skipped)' "$out"))" $?
grep -q "refused: malformed 1" "$out"; check "the failed frame is counted as malformed" $?
grep -q "last problem: binary frames: header AA55 missing where a frame should start" "$out"; check "the loss is reported" $?

# every other frame intact, in its own channel: the clean values, frame 3 (damaged in place) a
# gap in its place, frame 10 (a byte lost: its place unknown) left out
"$ringplot" --open "$scratch/clean.rpr" --export "$scratch/clean.csv" >/dev/null 2>&1
"$ringplot" --open "$scratch/bad.rpr" --export "$scratch/bad.csv" >/dev/null 2>&1
cut -d, -f2- "$scratch/clean.csv" | sed '5s/.*/nan,nan,nan/;12d' >"$scratch/want.txt"
cut -d, -f2- "$scratch/bad.csv" >"$scratch/got.txt"
[ "$(wc -l < "$scratch/want.txt")" -eq 5000 ] && cmp -s "$scratch/want.txt" "$scratch/got.txt"
check "the 4998 good frames' values are exact, the damaged frame a gap in its place" $?
# with --rate 1000 the frames after the damaged one keep their time: frame 9 is 9 ms after frame 0
t0=$(sed -n 2p "$scratch/bad.csv" | cut -d, -f1); t9=$(sed -n 11p "$scratch/bad.csv" | cut -d, -f1)
awk -v a="$t0" -v b="$t9" 'BEGIN { d = b - a - 0.009; exit !(d < 1e-6 && d > -1e-6) }'
check "frames after a damaged one keep their time (frame 9 at +$t9 - $t0 s)" $?

# a file of binary frames shown whole keeps every channel: it was held to a CSV's 256 columns
# (300 channels lost 44, said as the series limit)
"$stream" --signal sine --channels 300 --samples 10 --fast --quiet --format binary >"$scratch/wide.bin"
"$ringplot" "$scratch/wide.bin" --format binary --channels 300 --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^series ch.*: 10 accepted' "$out")" -eq 300 ] && ! grep -q "series_limit" "$out"
check "a file of 300 binary channels shown whole keeps all 300 (got $(grep -c '^series ch' "$out"))" $?

# the same decoder behind --replay
"$ringplot" --headless --replay "$scratch/bad.bin" $fmt --stats=json >"$out" 2>&1; rc=$?
check "replay of binary frames exits 0" $rc
grep -q '"frames": 4998, "checksum_failed": 1, "sync_lost": 1, "sync_skipped": 10' "$out"; check "replay counts the same" $?

# played at once (--speed max), frames sit at their index over --rate from 0, as a text file's
# rows do (they were on the reading's clock: "498892:59:38" on the axis)
"$ringplot" --headless --replay "$scratch/clean.bin" $fmt --rate 1000 --speed max \
  --record "$scratch/at_once.rpr" >"$out" 2>&1; rc=$?
"$ringplot" --open "$scratch/at_once.rpr" --export "$scratch/at_once.csv" >/dev/null 2>&1
[ $rc -eq 0 ] && [ "$(sed -n 2p "$scratch/at_once.csv" | cut -d, -f1)" = 0 ] &&
  [ "$(tail -n 1 "$scratch/at_once.csv" | cut -d, -f1)" = 4.999 ]
check "binary frames played at once: x = index / rate from 0 (got $(sed -n 2p "$scratch/at_once.csv" | cut -d, -f1))" $?

# without --binary-* the float32 frames are read as before
"$stream" --signal sine --channels 2 --samples 100 --fast --quiet --format binary \
  | "$ringplot" --headless --stdin --format binary --channels 2 --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "binary float32 little: 100 frames, 0 failed the checksum" "$out"; check "float32 default unchanged" $?

# bad values and misuse: exit 2 with the flag named
for bad in "--binary-type int24" "--binary-endian middle" "--binary-sync AA5" "--binary-sync 010203040506070809" \
           "--binary-sync XY" "--binary-checksum crc16"; do
  "$ringplot" --stdin --format binary --channels 1 $bad >"$out" 2>&1 </dev/null; rc=$?
  flag=${bad%% *}
  [ $rc -eq 2 ] && grep -q -- "$flag" "$out"; check "'$bad' is refused" $?
done
"$ringplot" --stdin --binary-type int16 >"$out" 2>&1 </dev/null; rc=$?
[ $rc -eq 2 ] && grep -q "needs --format binary" "$out"; check "--binary-type without --format binary is refused" $?
"$stream" --binary-sync AA55 --samples 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "need --format binary" "$out"; check "rp-stream --binary-sync needs --format binary" $?
# rp-stream's own mistakes: an empty name (it wrote ":0" lines every reader refuses), a frequency
# named as such (it was "bad rate")
"$stream" --name '' --samples 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "a series name cannot be empty" "$out"; check "rp-stream --name '' is refused (got $rc)" $?
"$stream" --freq -1 --samples 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "^rp-stream: --freq: bad frequency '-1'" "$out"; check "rp-stream --freq -1 says frequency ($(cat "$out"))" $?

# a layout file keeps them: save -> load -> save is byte-identical
"$ringplot" --headless --stdin --format binary --channels 2 --binary-type uint16 --binary-endian big \
  --binary-sync "aa 55" --binary-checksum xor8 --frames 1 --save-layout "$scratch/l1.json" >/dev/null 2>&1 </dev/null
grep -q '"binary_sync":[[:space:]]*"AA55"' "$scratch/l1.json" && grep -q '"binary_type":[[:space:]]*"uint16"' "$scratch/l1.json"
check "layout has the binary keys" $?
"$ringplot" --headless --stdin --config "$scratch/l1.json" --frames 1 --save-layout "$scratch/l2.json" >/dev/null 2>&1 </dev/null
cmp -s "$scratch/l1.json" "$scratch/l2.json"; check "layout save -> load -> save identical" $?

echo "binary_cli: $passes passed, $failures failed"
[ $failures -eq 0 ]
