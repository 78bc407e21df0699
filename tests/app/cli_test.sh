#!/bin/sh
# The ringplot command line: --help, bad flags and values, a port in use, an unreadable file,
# an unwritable PNG (clear messages, non-zero exit), and malformed input mixed into a good
# stream (every good sample arrives, every bad line is counted), Teleplot's C++ client's lines.
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

# rp-stream: an unknown flag is named as such (it said "--bogus needs a value"); -h is --help
"$stream" --bogus >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "unknown option '--bogus'" "$out" && ! grep -q "needs a value" "$out"
check "rp-stream: unknown flag exits 2 and is named (got $rc)" $?
"$stream" -h >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "usage: rp-stream" "$out"; check "rp-stream -h prints the usage (got $rc)" $?

"$ringplot" --udp 70000 >"$out" 2>&1; rc=$?
[ $rc -ne 0 ]; check "bad port exits non-zero" $?
grep -qi "port" "$out"; check "bad port message" $?

# a bare word that names no file: said so, not "--open: shows a recording alone" nor "cannot open
# recording ... input/output error"
echo a:1 | "$ringplot" --headless --stdin --stats json >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "'json': No such file or directory" "$out" && grep -q -- "--stats=json" "$out" &&
  ! grep -q -- "--open" "$out"; check "--stats json: the stray word is named, --stats=json suggested" $?
"$ringplot" --headless "$scratch/nosuch.csv" >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "nosuch.csv': No such file or directory" "$out" && ! grep -q "recording '" "$out"
check "a bare file that is not there: named, not called a recording" $?
"$ringplot" --headless "$scratch" >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "cannot show '$scratch': it is a directory" "$out" && ! grep -q -- "--open" "$out"
check "a bare directory: said to be one, not '--open: cannot map' (got $rc)" $?

# binary frames without --format binary: --channels was ignored and the bytes were dropped unsaid
echo a:1 | "$ringplot" --headless --stdin --channels 2 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--channels: applies to binary frames: give --format binary" "$out"
check "--channels without --format binary refused" $?
# ... and with no byte stream at all (the demo, UDP): it had nothing to apply to, said nothing
"$ringplot" --headless --frames 2 --channels 4 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--channels: applies to binary frames: needs --stdin" "$out"
check "--channels without a byte stream refused (got $rc)" $?
echo a:1 | "$ringplot" --headless --stdin --names x,y >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--names: applies to binary frames" "$out"; check "--names without --format binary refused" $?

"$ringplot" --capacity lots >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q -- "--capacity" "$out"; check "bad capacity is reported" $?

"$ringplot" --legend middle >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--legend" "$out" && grep -q "bottom-left" "$out"; check "bad --legend is reported" $?

"$ringplot" --markers dots >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--markers" "$out" && grep -q "auto, on or off" "$out"; check "bad --markers is reported" $?

for bad in "--cursors x" "--cursors 1,2,3" "--cursors ,1" "--levels 1" "--levels 0:1" "--levels 17:1" "--levels 2:1,y" \
           "--y-scale log" "--y-scale 1:ln" "--y-scale 0:log" "--y-scale all:symlog:0" "--y-scale 2:symlog:x" \
           "--spectrum :64" "--spectrum a:8" "--spectrum a:64:boxcar" "--spectrum a:64:hann:avg=2" \
           "--trigger a:8" "--trigger a:100:x" "--trigger a:100:0:pre=1" "--trigger a:100:0:sideways"; do
  "$ringplot" $bad >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "${bad%% *}" "$out"; check "bad $bad is reported" $?
done
# the option list is said whole (it was cut at 200 bytes: "..., ymin=Y, ymax")
"$ringplot" --trigger a:100:0:sideways >"$out" 2>&1
grep -q "ymax=Y (y view)" "$out"; check "a bad --trigger option's message is whole" $?

"$ringplot" --stdin --format binary >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "channels" "$out"; check "binary without --channels is reported" $?

"$ringplot" --headless --replay /nonexistent/data.csv >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot open '/nonexistent/data.csv'" "$out"; check "unreadable replay file" $?

# a port in use: hold it with a first ringplot, then ask for it again
port=$((40000 + $$ % 20000))
"$ringplot" --headless --udp 127.0.0.1:$port --frames 100000 >/dev/null 2>&1 &
holder=$!
# until the holder has bound it (a sanitizer build on a loaded machine starts slowly)
hexport=$(printf ':%04X ' $port)
i=0; while ! grep -q "$hexport" /proc/net/udp; do i=$((i + 1)); [ $i -gt 600 ] && break; sleep 0.1; done
"$ringplot" --headless --udp 127.0.0.1:$port --frames 1 >"$out" 2>&1; rc=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null
[ $rc -ne 0 ] && grep -q "cannot bind 127.0.0.1:$port" "$out"; check "port in use is reported" $?

# a PNG that cannot be written: clear error, non-zero exit
printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --png /nonexistent/dir/x.png >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot write '/nonexistent/dir/x.png': folder '/nonexistent/dir': No such file or directory" "$out"
check "unwritable PNG is reported" $?
# ...before the run: the input is not read (it said so only after the whole run, as an I/O error)
printf 'a:1\n' | "$ringplot" --headless --stdin --stats --png /nonexistent/dir/x.png >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--png: cannot write" "$out" && ! grep -q "source stdin" "$out"
check "unwritable PNG refused before the run" $?
"$ringplot" --headless --save-layout /nonexistent/dir/l.json >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--save-layout: cannot write '/nonexistent/dir/l.json'" "$out"
check "unwritable --save-layout refused before the run" $?

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


# ---- issue 10: every way in, honest time, defects -------------------------------------------
# more than 64 binary channels (a 64-entry map was read up to the channel count): 65 and 1024 work
"$stream" --signal sine --channels 65 --samples 100 --fast --quiet --format binary \
  | "$ringplot" --headless --stdin --format binary --channels 65 --stats >"$out" 2>&1; rc=$?
check "65 binary channels run" $rc
[ "$(grep -c '^series ch.*: 100 accepted' "$out")" -eq 65 ] && ! grep -q "not shown" "$out"; check "65 channels, 100 samples each, all shown" $?
"$stream" --signal sine --channels 1024 --samples 20 --fast --quiet --format binary \
  | "$ringplot" --headless --stdin --format binary --channels 1024 --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^series ch.*: 20 accepted' "$out")" -eq 1024 ]; check "1024 binary channels" $?

# --rate: a refused value ("a:5#0", "a:zz") keeps its place as a gap, so the samples after it keep
# their time (each moved every later sample 1/rate early)
printf 'a:1 b:10\na:2 b:20\na:5#0 b:30\na:4 b:40\na:zz b:50\na:6 b:60\n' |
  "$ringplot" --stdin --rate 10 --headless --record "$scratch/gap.rpr" >"$out" 2>&1
"$ringplot" --open "$scratch/gap.rpr" --export "$scratch/gap.csv" >/dev/null 2>&1
[ "$(cut -d, -f2- "$scratch/gap.csv" | tr '\n' ' ')" = "a,b 1,10 2,20 nan,30 4,40 nan,50 6,60 " ]
check "--rate: a refused value is a gap in its place (got $(cut -d, -f2- "$scratch/gap.csv" | tr '\n' ' '))" $?
# --verify: every block checked (test_record flips a byte: found and read as a gap); it needs --open
"$ringplot" --open "$scratch/gap.rpr" --verify --export "$scratch/gap2.csv" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "gap.rpr: every block checked: intact" "$out"; check "--verify of an intact recording (rc $rc: $(cat "$out"))" $?
"$ringplot" --verify >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--verify: needs --open FILE" "$out"; check "--verify without --open (rc $rc)" $?

# --rate beyond what a series' memory holds over the span unasked: said (CAPACITY_SHORT), not a
# silent 1.7 s of a 10 s span
printf 'a:1\na:2\n' | "$ringplot" --stdin --rate 10M --headless >"$out" 2>&1
grep -q "series 'a' at 10000000 samples/s: its 16777216 samples (the most a series gets unasked) hold 1.68 s, less than the 10 s span (give --capacity 100000000" "$out"
check "--rate 10M: the short memory is said ($(head -c 300 "$out"))" $?

# mixed and absurd timestamps: never silently refused; the absurd one is counted by name
printf 'a:1\na:1764000000000:2\na:3\na:1e300:4\na:5\n' | "$ringplot" --stdin --headless --stats >"$out" 2>&1
grep -q "4 samples, 0 rejected lines, 1 dropped samples; refused: bad_timestamp 1" "$out"; check "mixed timestamps kept, absurd one counted" $?
# a board that reboots: its ms clock starts again; all samples kept, a clock reset counted
printf 't:5000:1\nt:5010:2\nt:5020:3\nt:10:4\nt:20:5\n' | "$ringplot" --stdin --headless --stats >"$out" 2>&1
grep -q "5 samples, 0 rejected lines, 0 dropped samples; clock resets 1" "$out"; check "clock reset: new segment, nothing lost" $?

# --rate applies to text: uniform series, 4.x bytes per sample, exact count
"$stream" --signal sine --channels 1 --rate 1000 --samples 3000 --fast --quiet --format text \
  | "$ringplot" --stdin --headless --rate 1000 --stats=json >"$out" 2>&1
grep -q '"name": "sine", "source": 0, "accepted": 3000' "$out"; check "--rate on text, stats json" $?
grep -q '"refused": {"malformed": 0' "$out"; check "stats json names every refusal reason" $?

# a boot banner before the data: detection recovers, the banner is counted
printf 'Booting, fw v1.2\n\001\377junk\ntemp:21.5\ntemp:22\n' | "$ringplot" --stdin --headless --stats >"$out" 2>&1
grep -q "series temp: 2 accepted" "$out" && grep -q "refused: malformed 2" "$out"; check "banner and junk skipped, text detected" $?

# bad arguments exit non-zero with a message
"$ringplot" --headless --replay /tmp >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "is a directory" "$out"; check "--replay DIR refused" $?
printf 'a:1\nb:2\n' | "$ringplot" --headless --stdin --panel nosuch --png "$scratch/cli_nosuch.png" >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "panel 'nosuch' matched none" "$out" && [ -s "$scratch/cli_nosuch.png" ]; check "--panel nosuch reported" $?
# a misspelt series name in --spectrum, --trigger or --xy: no panel, and nothing said
for flag in "--spectrum temp" "--trigger temp:100" "--xy a,temp"; do
  printf 'a:1\nb:2\n' | "$ringplot" --headless --stdin $flag --png "$scratch/cli_nosuch.png" >"$out" 2>&1; rc=$?
  [ $rc -eq 1 ] && grep -q "no series named 'temp' came (2 series came" "$out" && [ -s "$scratch/cli_nosuch.png" ]
  check "$flag with no series temp reported" $?
done
printf 'a:1\nb:2\n' | "$ringplot" --headless --stdin --spectrum a --trigger b:16 --xy a,b >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && ! grep -q "no series named" "$out"; check "--spectrum/--trigger/--xy of series that came: no complaint" $?
"$ringplot" --headless --panel "" >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "panel" "$out"; check "--panel '' refused" $?
"$ringplot" --headless --stdin --format binary --channels 4 --names a,a,b,b >"$out" 2>&1 </dev/null; rc=$?
[ $rc -ne 0 ] && grep -q "names channels 0 and 1" "$out"; check "--names duplicates refused" $?
# --stats names the source of a series whose name another source has too (two lines read the same)
printf 'temp:1\ntemp:2\n' >"$scratch/one.txt"; printf 'temp:3\ntemp:4\n' >"$scratch/two.txt"
"$ringplot" "$scratch/one.txt" "$scratch/two.txt" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^series one.txt: temp: 2 accepted" "$out" && grep -q "^series two.txt: temp: 2 accepted" "$out"
check "--stats: same-named series of two files named with their source" $?
# a name a channel: a third name was dropped, a missing one became ch1, without a word
"$ringplot" --headless --stdin --format binary --channels 2 --names a,b,c >"$out" 2>&1 </dev/null; rc=$?
[ $rc -eq 2 ] && grep -qF -- "--names: 3 names for --channels 2: give one a channel" "$out"; check "--names: more names than channels refused (got $rc)" $?
"$ringplot" --headless --stdin --format binary --channels 2 --names a >"$out" 2>&1 </dev/null; rc=$?
[ $rc -eq 2 ] && grep -qF -- "--names: 1 name for --channels 2" "$out"; check "--names: fewer names than channels refused (got $rc)" $?
for names in "a," ",b" "a,,b"; do
  "$ringplot" --headless --stdin --format binary --channels 2 --names "$names" >"$out" 2>&1 </dev/null; rc=$?
  [ $rc -eq 2 ] && grep -qF "leaves a channel without a name" "$out"; check "--names '$names': an unnamed channel refused (got $rc)" $?
done

# a stdin read error ends a headless run and says why
timeout 10 "$ringplot" --stdin --headless --stats </tmp >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q "read failed: Is a directory" "$out"; check "stdin read error ends the run" $?

# SIGTERM ends a headless run cleanly: stats printed and the PNG written
rm -f "$scratch/cli_term.png"
"$ringplot" --headless --demo --frames 100000 --stats --png "$scratch/cli_term.png" >"$out" 2>&1 &
pid=$!
sleep 2; kill -TERM $pid; wait $pid; rc=$?
[ $rc -eq 0 ] && grep -q "^series imu/accel x" "$out" && [ -s "$scratch/cli_term.png" ]; check "SIGTERM: stats and PNG" $?
# Teleplot's C++ client datagrams, as text lines: samples with units, XY points (as series
# trajectory.x / trajectory.y, 874 samples + 2 x 397), texts and logs counted, the 3D shape refused by name
fixtures=$(dirname "$0")/../fixtures
"$ringplot" --headless --stdin --stats <"$fixtures/teleplot_cpp.txt" >"$out" 2>&1; rc=$?
check "teleplot fixture run exits 0" $rc
grep -q "1668 samples, 1 rejected lines, 0 dropped samples" "$out" \
  && grep -q "397 XY points (in XY panels), 8 text values, 4 log lines" "$out"
check "teleplot samples, XY points, texts and logs counted" $?
grep -q "series sin: 397 accepted.*, unit V" "$out" && grep -q "series board temp: 40 accepted.*, unit deg C" "$out" \
  && grep -q "series trajectory.x: 397 accepted" "$out" && grep -q "series trajectory.y: 397 accepted" "$out"
check "teleplot units kept" $?
grep -q "Teleplot 3D shapes ('3D|...') are not supported" "$out" && grep -q "text lines refused: 3D not supported 1" "$out"
check "3D shape refused by name, counted under its reason" $?
grep -q "series sin: 397 accepted" "$out"; check "teleplot sin samples all arrived" $?
grep -q "^notes: 1 text tracks, 8 text values, 4 log lines kept, 0 expired, 0 truncated, 0 refused" "$out"
check "teleplot texts and logs kept in the notes store" $?
# the notes flags: logs off, a log list, tracks hidden; and bad values
"$ringplot" --headless --stdin --stats=json --log-lines 0 --log-list \
  --png "$scratch/cli_notes.png" <"$fixtures/teleplot_cpp.txt" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '"notes": {"tracks": 1, "texts": 8, "logs": 0, "expired": 0, "truncated": 0, "refused": 4' "$out" \
  && [ -s "$scratch/cli_notes.png" ]
check "--log-lines 0: log lines refused and counted, texts kept" $?
"$ringplot" --headless --stdin --stats=json --log-lines 0 --no-text-tracks \
  <"$fixtures/teleplot_cpp.txt" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '"notes": {"tracks": 0, "texts": 0, "logs": 0,' "$out" && grep -q '"texts": 8, "logs": 4' "$out"
check "--log-lines 0 --no-text-tracks: no store, texts and logs only counted" $?
# a text value older than its track's newest: refused, counted, named
printf 'st:1000:ON|t\nst:500:OFF|t\n' | "$ringplot" --stdin --headless --stats >"$out" 2>&1
grep -q "last problem: text value of 'st' not kept: older than the newest one" "$out" \
  && grep -q "^notes: 1 text tracks, 1 text values, 0 log lines kept, 0 expired, 0 truncated, 1 refused" "$out"
check "an out-of-order text value is refused, counted and named" $?
for bad in "--log-lines -1" "--log-lines x" "--log-lines 2000000"; do
  "$ringplot" $bad >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "--log-lines" "$out"; check "bad $bad is reported" $?
done

# a timestamp slightly older than its series' newest: refused and counted by name, not "accepted"
printf 'o:1000:1\no:600:2\no:1100:3\n' | "$ringplot" --stdin --headless --stats >"$out" 2>&1
grep -q "2 samples, 0 rejected lines, 1 dropped samples; refused: out_of_order 1" "$out"; check "out-of-order counted by reason" $?

# stdin closed: a clear error at once, not a hang
timeout 10 "$ringplot" --stdin --headless <&- >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q "not open" "$out"; check "closed stdin refused" $?

# headless with an MQTT source (no broker) and no --frames: ends by itself
timeout 60 "$ringplot" --headless --mqtt 127.0.0.1:9 --topic a --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^source mqtt" "$out"; check "headless MQTT run ends" $?

# a run that ends (--frames) while a series still measures its rate (its first 0.5 s): what was
# read is drawn and counted, not silently left out ("4 bytes, 0 samples")
(printf 'a:1\n'; sleep 2) | "$ringplot" --stdin --headless --frames 2 --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^source stdin: " "$out" && ! grep -q "^source stdin: [1-9][0-9]* bytes, 0 samples" "$out"; check "samples read before the end are counted ($(head -1 "$out"))" $?

# --stdin twice would be two readers racing for the same bytes
"$ringplot" --stdin --stdin --headless </dev/null >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--stdin: given twice" "$out"; check "--stdin twice refused" $?

# --screenshot-dir that is not a directory: said at start, not when 's' is pressed
"$ringplot" --demo --headless --frames 1 --screenshot-dir /nonexistent/dir >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--screenshot-dir: not a directory" "$out"; check "--screenshot-dir must exist" $?

# a file shown whole: dated rows get a wall-clock axis (dates, not "-2500 d"), relative times
# keep the time axis, --x-axis decides when given; what the run chose is what a layout saves
printf 'date,close\n2024-03-01,10\n2024-03-02,11\n2024-03-03,12\n' > "$scratch/daily.csv"
printf 'time,v\n0,1\n0.5,2\n1,3\n' > "$scratch/relative.csv"
printf '1 2\n3 4\n5 6\n' > "$scratch/untimed.txt" # no time: rows by their index, a plain x
# (--span follows the end of a file; its rows are still numbers: they read "-14 min ... 0 min")
for run in "daily.csv:wall" "relative.csv:time" "untimed.txt:number" "untimed.txt --span 2:number" "untimed.txt --rate 100:time" "daily.csv --x-axis time:time" "daily.csv --x-axis number:number"; do
  args=${run%:*} want=${run##*:}
  # shellcheck disable=SC2086 # the file and its flags
  (cd "$scratch" && "$ringplot" $args --headless --save-layout "$scratch/axis.json") >"$out" 2>&1; rc=$?
  [ $rc -eq 0 ] && grep -q "\"x_axis\":.*\"$want\"" "$scratch/axis.json"
  check "a file shown whole, $args: x axis $want" $?
done
# two bare files are both played at once and shown whole (the first was paced: 100 s here)
printf 'time,a\n0,1\n100,2\n' > "$scratch/a100.csv"
printf 'time,b\n0,3\n100,4\n' > "$scratch/b100.csv"
timeout 30 "$ringplot" "$scratch/a100.csv" "$scratch/b100.csv" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series a: 2 accepted" "$out" && grep -q "series b: 2 accepted" "$out"
check "two bare files: both at once (got $rc)" $?
# a file is a batch job: an empty one fails, what of one is not plotted is said at exit
: > "$scratch/empty.csv"
"$ringplot" "$scratch/empty.csv" --headless >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "empty.csv: the file is empty: nothing plotted" "$out"
check "an empty FILE exits 1, said (got $rc)" $?
# every panel full: said once, numbered from 1 as the README does, and the count at the end (it
# was a line a series, panels numbered from 0)
awk 'BEGIN { for (i = 0; i < 600; i++) printf "x%d:1\n", i }' |
  "$ringplot" --stdin --headless --max-series 1000 >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'is full' "$out")" -eq 1 ] && grep -q "panel 16 is full" "$out" &&
  grep -q "88 series not shown" "$out"
check "panels full: said once with a count (got $rc: $(head -c 400 "$out"))" $?
# more names than --max-series on a live source: the first refused is said once as it comes,
# naming the flag, and the count at exit (16 of 80 were lost with nothing said)
awk 'BEGIN { for (i = 0; i < 80; i++) printf "s%d:1\n", i }' |
  "$ringplot" --stdin --headless >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'series limit reached (64 series)' "$out")" -eq 1 ] &&
  grep -q "samples of 's64' and of any later new name dropped (--max-series N" "$out" &&
  grep -q "stdin: 16 samples of series over the series limit dropped" "$out"
check "series limit on stdin: said once, naming --max-series (got $rc: $(head -c 400 "$out"))" $?
# ... and so is stdin read to its end: empty, comments only, a column of words, a clock time
# read before the format is known (each said, exit 1; they exited 0 with a blank plot)
for input in '' '# c\n' 'status\nok\nok\n' 'Uptime 00:01:23\n'; do
  printf "$input" | "$ringplot" --stdin --headless --format "$([ "$input" = 'status\nok\nok\n' ] && echo csv || echo auto)" >"$out" 2>&1; rc=$?
  [ $rc -eq 1 ] && grep -q "source stdin: nothing plotted: ." "$out"
  check "stdin '$input' that plots nothing exits 1, said (got $rc: $(cat "$out"))" $?
done
printf 'time,v,v\n0,1,5\n10,2,6\n-60,99,7\n20,3,8\n' > "$scratch/glitch.csv"
"$ringplot" "$scratch/glitch.csv" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "glitch.csv: 2 samples and 0 lines not plotted" "$out" &&
  grep -q "rows out of time order" "$out" && grep -q "series v.1: 3 accepted" "$out"
check "rows out of time order said at exit, a repeated column read as v.1 (got $rc)" $?
awk 'BEGIN { print "a"; for (i = 0; i < 500; i++) print i }' > "$scratch/rows.csv"
"$ringplot" "$scratch/rows.csv" --capacity 100 --headless >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "rows.csv: its first 400 samples expired: more rows than its series hold (100 samples" "$out"
check "a FILE longer than its series hold says so (got $rc)" $?
# --time-column NAME:UNIT: the unit of a column neither its name nor its values tell (PX4's
# ulog2csv: µs since boot); a unit without a name is refused
printf 'timestamp,acc\n20000000,1\n20004000,2\n20008000,3\n' > "$scratch/px4.csv"
"$ringplot" "$scratch/px4.csv" --time-column timestamp:us --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series acc: 3 accepted.*rate 250/s" "$out"; check "--time-column timestamp:us" $?
"$ringplot" "$scratch/px4.csv" --time-column :us --headless >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--time-column: expected a column name" "$out"; check "--time-column :us refused" $?

# --time-column NAME: a header in another language names its time column (its unit in
# brackets); none: every column a series; a misspelt name refused with the columns there are
printf 'Zeit [ms];Temp;Druck\n0;21,5;1013,2\n100;21,6;1013,1\n200;21,7;1013,0\n' > "$scratch/zeit.csv"
"$ringplot" "$scratch/zeit.csv" --time-column zeit --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series Temp: 3 accepted.*rate 10/s" "$out" && grep -q "series Druck: 3 accepted" "$out" &&
  ! grep -q "series Zeit" "$out"; check "--time-column names the time column, its unit from the brackets" $?
"$ringplot" "$scratch/zeit.csv" --time-column none --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series Zeit: 3 accepted" "$out"; check "--time-column none: every column a series" $?
"$ringplot" "$scratch/zeit.csv" --time-column Zeiten --headless >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -qF "source zeit.csv: nothing plotted: line 1: header refused: no time column named 'Zeiten' (the columns: Zeit, Temp, Druck)" "$out"
check "a misspelt --time-column: nothing plotted, the columns named, exit 1 (got $rc)" $?
# every kind of warning about a file is said at exit, not only the newest: a column of words
# and float32 steps (the words were replaced by the later warning)
awk 'BEGIN { print "time,name,v"; for (i = 0; i < 70; i++) printf "%d,GPU A,%.3f\n", i, 1e6 + i * 0.001 }' >"$scratch/warn.csv"
"$ringplot" "$scratch/warn.csv" --headless --png "$scratch/warn.png" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "warn.csv: column 'name' holds words" "$out" &&
  grep -q "warn.csv: column 'v': values around" "$out"
check "every kind of warning about a file is said at exit" $?
# a quoted field of words is shown as it reads ("" is one "), not as the CSV escapes it
printf 'time,state,speed\n0,"warn, ""x""",1\n1,IDLE,2\n' >"$scratch/quoted.csv"
"$ringplot" "$scratch/quoted.csv" --headless >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -qF "column 'state' holds words ('warn, \"x\"' in its first row)" "$out"
check "a quoted column of words is quoted as it reads (got $rc)" $?
"$ringplot" --demo --time-column t >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--time-column: needs a CSV source" "$out"; check "--time-column without a CSV source (got $rc)" $?
"$ringplot" --stdin --format binary --channels 2 --time-column t >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--time-column: applies to CSV" "$out"; check "--time-column with binary frames (got $rc)" $?

# --date-order day: a UK logger's 01/12/2026 is the 1st of December from the first row (auto
# reads it month first until a day over 12 proves otherwise); saved in a layout
printf 'Date,v\n01/12/2026 10:00:00,1\n02/12/2026 10:00:00,2\n03/12/2026 10:00:00,3\n' > "$scratch/uk.csv"
"$ringplot" "$scratch/uk.csv" --date-order day --headless --stats --save-layout "$scratch/uk.json" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series v: 3 accepted.*rate 1.15741e-05/s" "$out" && grep -qF '"date_order":	"day"' "$scratch/uk.json"
check "--date-order day reads 01/12/2026 as the 1st of December, a day apart (got $rc)" $?
"$ringplot" "$scratch/uk.csv" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && ! grep -q "rate 1.15741e-05/s" "$out"; check "auto reads them month first (a month apart)" $?
"$ringplot" "$scratch/uk.csv" --date-order weekly >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--date-order: expected day, month or auto" "$out"; check "a bad --date-order (got $rc)" $?

# a panel number beyond the panels the run made: said, not an error (a layout keeps it)
printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --levels 3:1 --legend 2:top-left >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -qF "note: --levels 3: no such panel in this run (it had 1; 1 = top)" "$out" &&
  grep -qF "note: --legend 2: no such panel" "$out"; check "a panel that never came is named (got $rc)" $?
# --pause-history where it would do nothing (--record keeps a paused view itself), and a bad size
"$ringplot" --demo --record "$scratch/ph.rpr" --pause-history 10M --headless >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--pause-history: does nothing with --record" "$out"; check "--pause-history with --record (got $rc)" $?
"$ringplot" --demo --pause-history lots --headless >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--pause-history" "$out"; check "a bad --pause-history (got $rc)" $?

# a live source's warning that changes what the plot means is said while it runs (it was only in
# --stats): --rate 1000 over lines that come at most 100 a second, for 6 s
(i=0; while [ $i -lt 60 ]; do printf 'a:%d\na:%d\na:%d\na:%d\na:%d\n' $i $i $i $i $i; i=$((i + 1)); sleep 0.1; done) |
  "$ringplot" --stdin --rate 1000 --headless >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "ringplot: series 'a': --rate 1000, but its samples came at about" "$out"
check "a --rate far above the arrivals is said while it runs (got $rc)" $?

# a panel number that is a view panel (spectrum, trigger, XY count in the numbers): said, as
# --levels and --y-scale do not apply there (they were ignored without a word)
printf 'time,a\n0,1\n0.001,2\n0.002,3\n' > "$scratch/views.csv"
"$ringplot" "$scratch/views.csv" --headless --spectrum a --y-scale 1:log --levels 1:2 >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -qF "note: --y-scale 1: panel 1 is a spectrum panel, which --y-scale does not apply to" "$out" &&
  grep -qF "note: --levels 1: panel 1 is a spectrum panel" "$out"; check "a setting for a view panel is named (got $rc)" $?

# No display and no --headless: SDL would open an offscreen window nobody sees, that never ends;
# the viewer renders headless instead. A sensor library's lines, a unit after a space. (--frames
# bounds the run where SDL does find a display here, e.g. a console with KMS.)
printf 'Temperature = 23.45 *C\nPressure = 1013.25 hPa\n\nTemperature = 23.47 *C\nPressure = 1013.20 hPa\n' |
  env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$ringplot" --stdin --frames 900 \
    --png "$scratch/no_display.png" --stats >"$out" 2>&1; rc=$?
if grep -q "no display found: rendering headless" "$out"; then
  [ $rc -eq 0 ] && [ -s "$scratch/no_display.png" ] && grep -q "series Temperature: 2 accepted.*unit \*C" "$out" &&
    grep -q "series Pressure: 2 accepted.*unit hPa" "$out"
  check "no display: headless, to the end of the input, units after a space (got $rc)" $?
else
  echo "note: SDL found a display driver here; the no-display fallback was not exercised"
  [ $rc -eq 0 ]; check "a run where SDL found a display (got $rc)" $?
fi

# stdout holds only what a script reads: --stats=json stays one JSON object when files are
# written too; what was written is said on stderr
"$ringplot" --demo --headless --frames 2 --size 320x240 --stats=json --png "$scratch/so.png" \
  --save-layout "$scratch/so.json" >"$out" 2>"$scratch/so_err.txt"; rc=$?
[ $rc -eq 0 ] && [ "$(head -c 13 "$out")" = '{"sources": [' ] && [ "$(tail -c 3 "$out")" = '}}' ] &&
  ! grep -q '^ringplot:' "$out" && grep -q "^ringplot: wrote $scratch/so.png" "$scratch/so_err.txt" &&
  grep -q "^ringplot: layout saved to $scratch/so.json" "$scratch/so_err.txt"
check "--stats=json with --png and --save-layout: only JSON on stdout ($(head -c 300 "$out"))" $?
# (recordings of a file read at once: they hold its rows whatever the machine's speed; the demo
# for two frames held none on a loaded machine, and a recording without samples is refused)
"$ringplot" --replay "$scratch/rows.csv" --speed max --headless --record "$scratch/so.rpr" >/dev/null 2>&1
"$ringplot" "$scratch/so.rpr" --export "$scratch/so.csv" >"$out" 2>"$scratch/so_err.txt"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$out" ] && grep -q "^ringplot: exported" "$scratch/so_err.txt"
check "--export says so on stderr ($(cat "$out"))" $?
"$ringplot" "$scratch/so.rpr" --export "$scratch/so.csv" --stats=json >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "^ringplot: --stats: " "$out"; check "--stats with --export is refused ($(cat "$out"))" $?

# flags that no source of the run takes did nothing, with exit 0: refused (exit 2), naming the
# flag and what it needs, as --time-column is without a CSV source
refused() { # description, expected message start, args...
  what=$1; want=$2; shift 2
  "$ringplot" --headless --frames 1 "$@" >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "^ringplot: $want" "$out" && [ "$(wc -l < "$out")" -eq 1 ]
  check "$what ($(cat "$out"))" $?
}
refused "--speed with a live source" "--speed: applies to a file played back" --udp 127.0.0.1:47280 --speed 10
refused "--format with MQTT" "--format: applies to --stdin.*MQTT payloads" --mqtt 127.0.0.1:1 --topic a --format csv
refused "--format with UDP" "--format: applies to --stdin" --udp 127.0.0.1:47280 --format text
refused "--rate with the demo" "--rate: applies to --stdin" --demo --rate 1k
refused "--mqtt-qos without --mqtt" "--mqtt-qos: needs --mqtt" --demo --mqtt-qos 1
refused "--mqtt-keepalive without --mqtt" "--mqtt-keepalive: needs --mqtt" --demo --mqtt-keepalive 10
refused "--mqtt-client-id without --mqtt" "--mqtt-client-id: needs --mqtt" --demo --mqtt-client-id x
refused "--mqtt-user without --mqtt" "--mqtt-user: needs --mqtt" --demo --mqtt-user u
refused "--record twice" "--record: given twice ('$scratch/x1.rpr', then '$scratch/x2.rpr')" --demo --record "$scratch/x1.rpr" --record "$scratch/x2.rpr"
[ ! -e "$scratch/x1.rpr" ] && [ ! -e "$scratch/x2.rpr" ]; check "--record twice writes nothing" $?
"$ringplot" --replay "$scratch/rows.csv" --speed max --headless --record "$scratch/r1.rpr" >/dev/null 2>&1
printf 't,a\n0,1\n' > "$scratch/r1.csv"
refused "a recording and a CSV file" "--open: '$scratch/r1.rpr' is a recording, shown alone: not with '$scratch/r1.csv', a file to play back" "$scratch/r1.rpr" "$scratch/r1.csv"
refused "a recording and a live source" "--open: '$scratch/r1.rpr' is a recording, shown alone: not with live sources (--udp)" "$scratch/r1.rpr" --udp 127.0.0.1:47280
"$ringplot" "$scratch/r1.rpr" --speed 4 --headless --frames 1 >"$out" 2>&1; check "--speed with a recording ($(cat "$out"))" $?
"$ringplot" "$scratch/r1.csv" --speed 4 --rate 10 --format csv --headless >"$out" 2>&1; check "--speed, --rate, --format with a FILE ($(cat "$out"))" $?

# A flag's separate value that is another option is refused: "--png --hud" wrote a PNG named
# "--hud" and ran without the HUD; such a value follows its flag after '='
for f in --png --save-layout --record --export --open --replay --config --screenshot-dir --title \
         --hide --right --panel --send --names; do
  refused "$f --hud" "$f: needs a [a-z]* name, not the option '--hud' (write $f=./--hud for such a name)\|$f: needs a value, not the option '--hud' (write $f=--hud for such a value)" \
    --demo $f --hud
done
[ ! -e ./--hud ] && [ ! -e "$scratch/--hud" ]; check "no file named --hud written" $?
rm -f "$scratch/--eq.png"
"$ringplot" --headless --frames 1 --demo --png="$scratch/--eq.png" --title=--draft-- >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ -s "$scratch/--eq.png" ]; check "--png=FILE and --title=--TEXT take any value (got $rc)" $?
refused "--hud=1" "--hud: takes no value" --demo --hud=1
refused "--bogus=1" "unknown option '--bogus=1'" --demo --bogus=1

# an empty file name: refused before the run, the flag named
for f in --png --save-layout --record --export --open --replay --config --mqtt-cafile; do
  refused "$f ''" "$f: needs a file name, got an empty one" --demo $f ""
done
refused "--screenshot-dir ''" "--screenshot-dir: needs a folder name, got an empty one" --demo --screenshot-dir ""
refused "--png=" "--png: needs a file name, got an empty one" --demo --png=

# --size beyond what a PNG holds (RP_PNG_MAX_PIXELS, 64 Mpx): said before the run, not as
# "cannot write big.png: invalid argument" after it; a --png that is a directory likewise
rm -f "$scratch/cli_big.png"
refused "--size 16384x16384" "--size: 16384x16384 is 256 Mpx: a window or PNG holds at most 64 Mpx" \
  --demo --size 16384x16384 --png "$scratch/cli_big.png"
refused "--size 12000x12000" "--size: 12000x12000 is 137 Mpx" --demo --size 12000x12000 --png "$scratch/cli_big.png"
[ ! -e "$scratch/cli_big.png" ]; check "no PNG of a refused --size" $?
"$ringplot" --headless --frames 1 --demo --size 16384x64 --png "$scratch/cli_big.png" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ -s "$scratch/cli_big.png" ]; check "--size 16384x64 writes its PNG (got $rc)" $?
printf '{"width": 12000, "height": 12000}\n' > "$scratch/cli_big.json"
refused "a layout of 12000 x 12000" "config $scratch/cli_big.json: fields 'width', 'height': 12000x12000 is 137 Mpx" \
  --demo --config "$scratch/cli_big.json"
refused "--png DIR" "--png: cannot write '$scratch': it is a directory" --demo --png "$scratch"

# --time-column NAME:UNIT with a word that is no unit: a mistake of the command line (it was
# "no time column named 'time:fortnights'" at the end, exit 1)
printf 'time,a\n0,1\n1,2\n' > "$scratch/cli_tc.csv"
refused "--time-column time:fortnights" "--time-column: the unit 'fortnights' is not one of s, ms, us, ns" \
  "$scratch/cli_tc.csv" --time-column time:fortnights
"$ringplot" --headless "$scratch/cli_tc.csv" --time-column time:ms >"$out" 2>&1; check "--time-column time:ms ($(cat "$out"))" $?

# --right and --hide naming no series that came: said at exit as for --panel (--right an error,
# --hide a note: a layout keeps it for a series still to come); an empty --right refused
printf 'a:1\nb:2\n' | "$ringplot" --headless --stdin --right nosuch --png "$scratch/cli_nosuch.png" >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "^ringplot: --right 'nosuch' matched none of the 2 series" "$out" && [ -s "$scratch/cli_nosuch.png" ]
check "--right nosuch reported (got $rc)" $?
printf 'a:1\nb:2\n' | "$ringplot" --headless --stdin --hide nosuch >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^ringplot: note: --hide 'nosuch': no series of that name came (2 series came" "$out"
check "--hide nosuch noted (got $rc)" $?
printf 'imu/x:1\nb:2\n' | "$ringplot" --headless --stdin --right imu --right 'b*' --hide b >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && ! grep -q "right\|hide" "$out"; check "--right GROUP, --right PREFIX*, --hide NAME that came: no complaint ($(cat "$out"))" $?
refused "--right ''" "--right: empty" --demo --right ""

# --stats takes text or json after '='
refused "--stats=xml" "--stats=xml: the format must be text or json" --demo --stats=xml

# --xy naming two series that never came: one line, not one per name
"$ringplot" --headless --frames 2 --demo --xy a,b >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$out")" -eq 1 ] && grep -q "^ringplot: --xy 'a,b': no series named 'a' or 'b' came" "$out"
check "--xy a,b with neither: one line ($(cat "$out"))" $?

[ $failures -ne 0 ] && cat "$out"
echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
