#!/bin/sh
# The ringplot command line: --help, bad flags and values, a port in use, an unreadable file,
# an unwritable PNG (clear messages, non-zero exit), and malformed input mixed into a good
# stream (every good sample arrives, every bad line is counted).
#   cli_test.sh <ringplot> <rp-stream> <scratch dir>
set -u
ringplot=$1; stream=$2; scratch=$3
failures=0; passes=0
check() { # description, condition (shell expression result 0 = pass)
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; fi
}
out=$scratch/cli_out.txt

"$ringplot" --help >"$out" 2>&1; rc=$?
check "--help exits 0" $rc
grep -q -- "--udp \[HOST:\]PORT" "$out"; check "--help lists --udp" $?
grep -q -- "--headless" "$out"; check "--help lists --headless" $?

"$ringplot" --no-such-flag >"$out" 2>&1; rc=$?
[ $rc -eq 2 ]; check "unknown flag exits 2 (got $rc)" $?
grep -q "unknown option '--no-such-flag'" "$out"; check "unknown flag is named" $?

"$ringplot" --udp 70000 >"$out" 2>&1; rc=$?
[ $rc -ne 0 ]; check "bad port exits non-zero" $?
grep -qi "port" "$out"; check "bad port message" $?

"$ringplot" --capacity lots >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q -- "--capacity" "$out"; check "bad capacity is reported" $?

"$ringplot" --legend middle >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--legend" "$out" && grep -q "bottom-left" "$out"; check "bad --legend is reported" $?

for bad in "--cursors x" "--cursors 1,2,3" "--cursors ,1" "--levels 1" "--levels 0:1" "--levels 17:1" "--levels 2:1,y" \
           "--y-scale log" "--y-scale 1:ln" "--y-scale 0:log" "--y-scale all:symlog:0" "--y-scale 2:symlog:x" \
           "--spectrum :64" "--spectrum a:8" "--spectrum a:64:boxcar" "--spectrum a:64:hann:avg=2"; do
  "$ringplot" $bad >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "${bad%% *}" "$out"; check "bad $bad is reported" $?
done

"$ringplot" --stdin --format binary >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "channels" "$out"; check "binary without --channels is reported" $?

"$ringplot" --headless --replay /nonexistent/data.csv >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot open '/nonexistent/data.csv'" "$out"; check "unreadable replay file" $?

# a port in use: hold it with a first ringplot, then ask for it again
port=$((40000 + $$ % 20000))
"$ringplot" --headless --udp 127.0.0.1:$port --frames 100000 >/dev/null 2>&1 &
holder=$!
sleep 1
"$ringplot" --headless --udp 127.0.0.1:$port --frames 1 >"$out" 2>&1; rc=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null
[ $rc -ne 0 ] && grep -q "cannot bind 127.0.0.1:$port" "$out"; check "port in use is reported" $?

# a PNG that cannot be written: clear error, non-zero exit
printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --png /nonexistent/dir/x.png >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot write /nonexistent/dir/x.png" "$out"; check "unwritable PNG is reported" $?

# malformed lines mixed into a good stream: all 3000 good samples arrive, 4 bad lines counted
{
  "$stream" --signal sine --channels 3 --rate 1000 --samples 1000 --fast --quiet --format text
  printf 'no colon\n:5\nsine_0:abc\n\001\002\377 junk\n'
} | "$ringplot" --headless --stdin --stats --png "$scratch/cli_malformed.png" >"$out" 2>&1; rc=$?
check "malformed stream run exits 0" $rc
grep -q "series sine_0: 1000 accepted" "$out" && grep -q "series sine_1: 1000 accepted" "$out" \
  && grep -q "series sine_2: 1000 accepted" "$out"; check "every good sample arrived" $?
grep -q "3000 samples, 4 rejected lines" "$out"; check "every bad line counted" $?
[ -s "$scratch/cli_malformed.png" ]; check "PNG written" $?

# binary frames with a rate: exact sample counts
"$stream" --signal imu --rate 1000 --samples 5000 --fast --quiet --format binary \
  | "$ringplot" --headless --stdin --format binary --channels 3 --names ax,ay,az --rate 1000 --stats >"$out" 2>&1; rc=$?
check "binary run exits 0" $rc
grep -q "series ay: 5000 accepted" "$out"; check "binary samples all arrived" $?

[ $failures -ne 0 ] && cat "$out"
echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
