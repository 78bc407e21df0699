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
[ $rc -eq 2 ] && grep -q "field 'span': --span: " "$out"; check "a wrong type names the field" $?
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

# Round trip: a layout saved at exit (--save-layout, what the 'w' key writes) loads back to the
# same layout and the same frame, with every part of it: source, theme, size, legend, right axis,
# y scale, fixed y view, series colours and units, cursors, levels, statistics, markers.
awk 'BEGIN { print "time,imu/ax,imu/ay,temp"; for (i = 0; i < 3000; i++) printf "%.3f,%.4f,%.4f,%.3f\n", i / 1000, sin(i / 100), cos(i / 300), 20 + i / 1000 }' > "$scratch/data.csv"
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --size 480x360 --title rt \
  --theme light --y-scale 1:symlog:0.5 --y-range 2:right:10,30 --right temp --cursors -2,-1 \
  --levels 1:-0.5,0.5 --show-stats --legend top-left --markers off --save-layout a.json --png a.png >"$out" 2>&1); rc=$?
check "a layout saved at exit" $rc
for want in '"replay":	"data.csv"' '"theme":	"light"' '"y_scales":	["1:symlog:0.5"]' \
    '"y_ranges":	["2:right:10,30"]' '"right":	["temp"]' '"cursors":	[-2, -1]' \
    '"levels":	["1:-0.5,0.5"]' '"show_stats":	true' '"legend":	"top-left"' '"markers":	"off"' '"color":	"#0072b2"'; do
  grep -qF "$want" "$scratch/a.json"; check "saved: $want" $?
done
(cd "$scratch" && "$ringplot" --config a.json --headless --save-layout b.json --png b.png >"$out" 2>&1); rc=$?
check "the saved layout loads" $rc
cmp -s "$scratch/a.json" "$scratch/b.json"; check "save -> load -> save writes the same file" $?
cmp -s "$scratch/a.png" "$scratch/b.png"; check "and draws the same frame" $?
# numbers of the view the window computed in float (a wheel's span, a dragged cursor) are saved as
# a person writes them (5.27425, -5.97511), not as 5.274250030517578; a rate stays exact
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --span 5.274250030517578 \
  --cursors -5.975110054016113 --rate 1000.000001 --save-layout fl.json >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -qF '"span":	5.27425,' "$scratch/fl.json" && grep -qF '"cursors":	[-5.97511]' "$scratch/fl.json" &&
  grep -qF '"rate":	1000.000001' "$scratch/fl.json"
check "view numbers saved short, a rate exact (got $rc)" $?
# --span 0 (all retained) is saved as 0, not as the span in view at exit
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --span 0 --save-layout s0.json >"$out" 2>&1); rc=$?
check "a layout with --span 0" $rc
grep -qF '"span":	0,' "$scratch/s0.json"; check "--span 0 saved as 0" $?
# a colour and a unit given in the file reach the series (and are saved again)
sed 's/"#0072b2"/"#ff0000", "unit": "m\/s²"/' "$scratch/a.json" > "$scratch/c.json"
(cd "$scratch" && "$ringplot" --config c.json --headless --stats --save-layout d.json --png c.png >"$out" 2>&1); rc=$?
check "a layout with a colour and a unit" $rc
grep -q "series imu/ax: .*unit m/s²" "$out"; check "the unit reaches the series" $?
grep -qF '"color":	"#ff0000",' "$scratch/d.json" && grep -qF '"unit":	"m/s²"' "$scratch/d.json"; check "colour and unit saved again" $?
! cmp -s "$scratch/a.png" "$scratch/c.png"; check "the colour changes the frame" $?
# a layout saved while showing a recording opens that recording again
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --record r.rpr >"$out" 2>&1 &&
  "$ringplot" r.rpr --headless --frames 2 --save-layout rec.json --png rec.png >"$out" 2>&1 &&
  "$ringplot" --config rec.json --headless --frames 2 --save-layout rec2.json --stats >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -qF '"open":	"r.rpr"' "$scratch/rec.json" && cmp -s "$scratch/rec.json" "$scratch/rec2.json"; check "a recording's layout opens it again" $?
# a right-axis view for a panel with no right series yet stays in the layout (it was lost)
(cd "$scratch" && "$ringplot" --demo --headless --frames 2 --size 320x240 --y-range 2:right:0,100 \
  --save-layout yr.json >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -qF '"y_ranges":	["2:right:0,100"]' "$scratch/yr.json"
check "a right y view before its series is saved (exit $rc)" $?
# what a user sets up by hand besides: hidden series (one not come yet stays listed), a panel's
# legend corner (one for a panel still to come stays), the notes flags
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --size 480x360 --hide imu/ay \
  --hide later --legend 2:bottom-left --legend 9:top-left --log-list --log-lines 10 --no-text-tracks \
  --save-layout h.json --png h.png >"$out" 2>&1); rc=$?
check "a layout with hidden series and legend corners saved" $rc
for want in '"hidden":	["imu/ay", "later"]' '"legends":	["2:bottom-left", "9:top-left"]' \
    '"log_lines":	10' '"log_list":	true' '"no_text_tracks":	true'; do
  grep -qF "$want" "$scratch/h.json"; check "saved: $want" $?
done
(cd "$scratch" && "$ringplot" --config h.json --headless --save-layout h2.json --png h2.png >"$out" 2>&1); rc=$?
check "the layout with hidden series loads (exit $rc)" $rc
cmp -s "$scratch/h.json" "$scratch/h2.json"; check "hidden series and legend corners: save -> load -> save, the same file" $?
cmp -s "$scratch/h.png" "$scratch/h2.png"; check "and the same frame ($scratch/h.png, h2.png)" $?
# The last frame depends on the data alone: a replay drawn frame by frame (a held live y range,
# a legend corner chosen while the data came) ends on the picture of one read at once.
# (--span: followed to its end, as at --speed 20, not shown whole as a file played at once is)
(cd "$scratch" && "$ringplot" --replay data.csv --speed 20 --headless --size 480x360 --hide imu/ay \
  --legend 2:bottom-left --png slow.png >"$out" 2>&1 &&
  "$ringplot" --replay data.csv --speed max --span 10 --headless --size 480x360 --hide imu/ay \
  --legend 2:bottom-left --png fast.png >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && cmp -s "$scratch/slow.png" "$scratch/fast.png"
check "a replay's last frame is the same at --speed 20 and max ($scratch/slow.png, fast.png)" $?
(cd "$scratch" && "$ringplot" --replay data.csv --speed max --headless --size 480x360 \
  --png shown.png >"$out" 2>&1)
! cmp -s "$scratch/h.png" "$scratch/shown.png"; check "a hidden series is not drawn" $?
# an open recording's view (--x-view) is saved, and a layout opens the recording there (with
# its series hidden as they were)
(cd "$scratch" && "$ringplot" r.rpr --x-view 1,1.5 --hide temp --headless --frames 2 --save-layout xv.json --png xv.png >"$out" 2>&1 &&
  "$ringplot" --config xv.json --headless --frames 2 --save-layout xv2.json --png xv2.png >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -qF '"x_view":	"1,1.5"' "$scratch/xv.json" && grep -qF '"span":	0.5' "$scratch/xv.json" &&
  grep -qF '"hidden":	["temp"]' "$scratch/xv.json" &&
  cmp -s "$scratch/xv.json" "$scratch/xv2.json" && cmp -s "$scratch/xv.png" "$scratch/xv2.png"
check "a recording's x view comes back" $?
! cmp -s "$scratch/xv.png" "$scratch/rec.png" 2>/dev/null; check "and differs from the whole recording" $?
"$ringplot" --demo --x-view 1,2 --headless --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -qF -- "--x-view: needs --open FILE" "$out"; check "--x-view without a recording is refused" $?
(cd "$scratch" && "$ringplot" --config xv.json --replay data.csv --speed max --headless >"$out" 2>&1); rc=$?
check "a layout's x_view is ignored when the command line names live sources" $rc
# sources from a file are used only when the command line names none
printf '{"sources": [{"udp": "127.0.0.1:1"}, {"stdin": true}]}' > "$scratch/src.json"
echo "x:1" | "$ringplot" --config "$scratch/src.json" --replay "$scratch/data.csv" --speed max --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && ! grep -q "^source stdin" "$out" && grep -q "^source " "$out"; check "command-line sources replace the file's" $?

# ... and so are the settings that only its sources take: a layout saved from an MQTT session
# keeps its topics, which must not refuse another source given on the command line.
udp_port=47377 # this test's own (other tests bind others)
(cd "$scratch" && "$ringplot" --headless --udp "127.0.0.1:$udp_port" --mqtt 127.0.0.1:1 --topic 'gui/#' \
  --topic-name 'gui/a=A' --frames 1 --save-layout mq.json >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q '"gui/#"' "$scratch/mq.json"; check "a layout saved from an MQTT session ($(cat "$out"))" $?
# (a file read at once: the recording holds its rows whatever the machine's speed; the demo for
# one frame recorded nothing on a loaded machine, and a recording without samples is refused)
(cd "$scratch" && "$ringplot" --headless --replay data.csv --speed max --record mq.rpr >"$out" 2>&1)
(cd "$scratch" && "$ringplot" --headless --udp "127.0.0.1:$udp_port" --config mq.json --frames 1 >"$out" 2>&1); rc=$?
check "its topics are ignored with --udp on the command line ($(cat "$out"))" $rc
(cd "$scratch" && "$ringplot" --headless --config mq.json mq.rpr --frames 1 >"$out" 2>&1); rc=$?
check "... with a recording on the command line ($(cat "$out"))" $rc
# (a sample on stdin: an empty stdin plots nothing, exit status 1, as an empty file)
(cd "$scratch" && printf 'a:1\n' | "$ringplot" --headless --config mq.json --stdin --stats >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "^source stdin" "$out"; check "... with --stdin on the command line ($(cat "$out"))" $?
(cd "$scratch" && "$ringplot" --headless --config mq.json data.csv >"$out" 2>&1); rc=$?
check "... with a bare file on the command line ($(cat "$out"))" $rc
(cd "$scratch" && "$ringplot" --headless --config mq.json --topic 'x/#' --demo --frames 1 >"$out" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -qF -- "ringplot: --topic: needs --mqtt" "$out"; check "a --topic of the command line is still refused without --mqtt ($(cat "$out"))" $?
printf '{"sources": [{"stdin": true}], "format": "binary", "channels": 2, "binary_type": "int16"}' > "$scratch/bin.json"
"$ringplot" --headless --config "$scratch/bin.json" --udp "127.0.0.1:$udp_port" --frames 1 >"$out" 2>&1; rc=$?
check "a layout's binary format goes with its stdin when --udp replaces it ($(cat "$out"))" $rc
# a mistake of a layout is named by its file and field, not by a flag never given
printf '{"topics": ["a/#"]}' > "$scratch/topics.json"
"$ringplot" --headless --config "$scratch/topics.json" --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -qF "config $scratch/topics.json: field 'topics': --topic: needs --mqtt" "$out"; check "a layout's topics without a broker name the file ($(cat "$out"))" $?
printf '{"sources": [{"mqtt": "127.0.0.1:1"}]}' > "$scratch/mqnone.json"
"$ringplot" --headless --config "$scratch/mqnone.json" --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -qF "config $scratch/mqnone.json: field 'sources': --mqtt: needs at least one --topic" "$out"; check "a layout's broker without topics names the file ($(cat "$out"))" $?
printf '{"sources": [{"stdin": true}], "time_column": "t", "format": "text"}' > "$scratch/tc.json"
"$ringplot" --headless --config "$scratch/tc.json" --frames 1 </dev/null >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -qF "config $scratch/tc.json: field 'time_column': --time-column: applies to CSV" "$out"; check "a layout's time column names the file ($(cat "$out"))" $?
"$ringplot" --demo --topic-name a=b --headless --frames 1 >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -qF -- "--topic-name: needs --mqtt" "$out"; check "--topic-name alone is named as given ($(cat "$out"))" $?

# A bare FILE that is not a recording (a new user's `ringplot data.csv`) is played back at once.
"$ringplot" "$scratch/data.csv" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^series imu/ax: 3000 accepted" "$out"; check "a bare CSV file is plotted ($(head -c 200 "$out"))" $?

# ... whole: a 200 s log at 100 Hz keeps all its rows (a span's worth would be 4096) and is
# shown whole (the layout saves span 0: all retained); --span follows its end, all still kept.
awk 'BEGIN { print "time,temp"; for (i = 0; i < 20000; i++) printf "%.2f,%d\n", i / 100, i % 7 }' > "$scratch/long.csv"
(cd "$scratch" && "$ringplot" long.csv --headless --stats --save-layout long.json >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "^series temp: 20000 accepted, 20000 retained, 0 expired" "$out" &&
  grep -qE '"span":[[:space:]]0,$' "$scratch/long.json"; check "a bare CSV is kept and shown whole ($(head -c 300 "$out"))" $?
(cd "$scratch" && "$ringplot" long.csv --span 10 --headless --stats --save-layout long10.json >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "^series temp: 20000 accepted, 20000 retained" "$out" &&
  grep -qE '"span":[[:space:]]10,$' "$scratch/long10.json"; check "a bare CSV with --span follows its end, all kept ($(head -c 300 "$out"))" $?

# ... and so is a file of Teleplot / Arduino lines (replay detects the format as stdin does)
printf 'a:1\nb:2\na:3\nb:4\n' > "$scratch/lines.txt"
"$ringplot" "$scratch/lines.txt" --headless --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^series a: 2 accepted" "$out" && grep -q "^series b: 2 accepted" "$out"; check "a bare file of text lines is plotted ($(head -c 200 "$out"))" $?

# Malformed files: one clear line naming the line or field, exit 2, never a crash.
bad() { # bad NAME CONTENT EXPECTED
  printf '%s' "$2" > "$scratch/$1.json"
  "$ringplot" --config "$scratch/$1.json" --headless --frames 1 >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -qF -- "$3" "$out" && [ "$(wc -l < "$out")" -eq 1 ]; check "bad file $1: $3 ($(cat "$out"))" $?
}
bad empty '' 'line 1: JSON syntax error'
bad trailing '{"span": 5,}' 'line 1: JSON syntax error'
bad line4 '{
  "theme": "dark",
  "span": 5,
  "hud": yes
}' 'line 4: JSON syntax error'
bad scale '{"y_scales": ["1:log", "9:cubic"]}' "field 'y_scales' entry 2: --y-scale: expected"
bad range '{"y_ranges": ["1:5,2"]}' "field 'y_ranges' entry 1: --y-range: expected"
bad source '{"sources": [{"udp": "99999"}]}' "field 'sources' entry 1: --udp"
bad sourcekind '{"sources": [{"tcp": "1"}]}' "field 'sources' entry 1 must be one of"
bad color '{"series": {"a": {"color": "red"}}}' "field 'series' entry 'a': 'color' must be"
bad seriesnum '{"series": {"a": 5}}' "field 'series' entry 'a' must be an object"
bad cursors '{"cursors": [1, 2, 3]}' "field 'cursors' must be a list of 0 to 2 numbers"
bad hud '{"hud": "yes"}' "field 'hud' must be true or false"
bad width '{"width": 12.5}' "field 'width' must be a whole number of px"
bad maxseries '{"max_series": 5000}' "field 'max_series': --max-series"
bad nested '{"panels": [["a"]]}' "field 'panels' entry 1 must be a string"
bad legends '{"legends": ["top-left"]}' "field 'legends' entry 1: expected PANEL:PLACE"
bad legendpanel '{"legends": ["20:top-left"]}' "field 'legends' entry 1: --legend: expected [PANEL:]PLACE"
bad legendoff '{"legends": ["2:off"]}' "field 'legends' entry 1: --legend: expected"
bad hidden '{"hidden": ["a", 5]}' "field 'hidden' entry 2 must be a string"
bad hiddenempty '{"hidden": [""]}' "field 'hidden' entry 1: --hide: expected a series' full name"
bad loglist '{"log_list": "yes"}' "field 'log_list' must be true or false"
bad loglines '{"log_lines": -1}' "field 'log_lines': --log-lines"
bad xview '{"x_view": "2,1"}' "field 'x_view': --x-view: expected X0,X1"
bad after '{"span": 5} trailing' 'line 1: text after the JSON object'
bad second '{"span": 5}
{"span": 6}' 'line 2: text after the JSON object'
bad repeated '{"span": 5, "span": 6}' "config $scratch/repeated.json: field 'span' given twice"
bad repeatedseries '{"series": {"a": {"unit": "V"}, "a": {"unit": "W"}}}' "field 'series': key 'a' given twice"
bad repeatedsource '{"sources": [{"udp": "1", "udp": "2"}]}' "field 'sources': key 'udp' given twice"
bad deep "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; }')" 'JSON syntax error'
printf '\357\273\277{"span": 3, "width": 300, "height": 200}' > "$scratch/bom.json"
"$ringplot" --config "$scratch/bom.json" --demo --headless --frames 1 --png "$scratch/bom.png" >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(png_size "$scratch/bom.png")" = "300x200" ]; check "a file that starts with a UTF-8 BOM loads" $?
"$ringplot" --config "$scratch" >"$out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "config $scratch: " "$out"; check "a directory is refused ($(cat "$out"))" $?

# two files with the same columns: their panels in the order named (it was the order their
# reading threads finished), and the saved layout keys their colours as their legends name them
# ("before.csv: alt"), so --config draws the same frame (both "alt" got one colour)
printf 'time,alt,speed\n0,100,5\n1,110,6\n2,120,7\n' > "$scratch/before.csv"
printf 'time,alt,speed\n0,200,9\n1,190,8\n2,180,7\n' > "$scratch/after.csv"
same=0
for i in 1 2 3; do
  (cd "$scratch" && "$ringplot" before.csv after.csv --headless --size 400x300 --png "two$i.png" \
    --save-layout two.json >"$out" 2>&1) || same=1
  cmp -s "$scratch/two1.png" "$scratch/two$i.png" || same=1
done
check "two files' panels in the order named, every run" $same
(cd "$scratch" && "$ringplot" --config two.json --headless --png twocfg.png >"$out" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q '"before.csv: alt"' "$scratch/two.json" && grep -q '"after.csv: alt"' "$scratch/two.json" &&
  cmp -s "$scratch/two1.png" "$scratch/twocfg.png"
check "a layout of two files with the same columns draws the same frame ($(cat "$out"))" $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
