#!/bin/sh
# Faults seen from the command line: a GL context that cannot be made (headless EGL, window), a
# PNG that cannot be written (bad path, full disk), stdout closed under ringplot (broken pipe),
# stdin closed mid-line or by a producer killed mid-stream, and the reader of rp-stream gone.
#   fault_cli.sh <ringplot> <rp-stream> <scratch dir>
set -u
ringplot=$1; stream=$2; scratch=$3
failures=0; passes=0
out=$scratch/fault_cli_out.txt
check() { # description, status (0 = pass)
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; cat "$out"; fi
}

# no EGL vendor at all: headless cannot make a GL context
__EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json "$ringplot" --headless --frames 1 >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "headless rendering unavailable" "$out"; check "no EGL: clear error, exit $rc" $?
# no usable video driver: the window cannot be opened
SDL_VIDEODRIVER=nonexistent "$ringplot" --frames 1 >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot open a window" "$out"; check "no video driver: clear error, exit $rc" $?

# PNG: a directory that does not exist, a full disk (/dev/full)
printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --png /nonexistent/dir/x.png >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot write '/nonexistent/dir/x.png': folder '/nonexistent/dir'" "$out"
check "bad PNG path: clear error" $?
printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --png /dev/full >"$out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q "cannot write /dev/full" "$out"; check "full disk: clear error, exit $rc" $?
[ -c /dev/full ]; check "/dev/full is left alone" $?

# stdout closed before ringplot prints (--stats | a reader that is gone): no SIGPIPE death,
# the PNG is still written, exit 0
rm -f "$scratch/fault_pipe.png" "$scratch/fault_pipe.rc"
{ sleep 0.5; printf 'a:1\na:2\n' | "$ringplot" --headless --stdin --stats --png "$scratch/fault_pipe.png" 2>"$out"
  echo $? >"$scratch/fault_pipe.rc"; } | true
sleep 0.2
rc=$(cat "$scratch/fault_pipe.rc" 2>/dev/null || echo missing)
[ "$rc" = 0 ] && [ -s "$scratch/fault_pipe.png" ]; check "closed stdout: exit $rc, PNG written" $?

# stdin closed mid-line: the complete lines count, a cut sample is rejected and counted
printf 'a:1\na:2\nb:' | "$ringplot" --headless --stdin --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series a: 2 accepted" "$out" && grep -q "1 rejected lines" "$out"
check "stdin closed mid-line" $?
# a producer killed mid-stream (SIGKILL after a partial line): what arrived is kept, exit 0
sh -c 'printf "k:1\nk:2\nk:3"; kill -9 $$' | "$ringplot" --headless --stdin --stats >"$out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "series k: 3 accepted" "$out"; check "producer killed mid-stream" $?

# the reader goes away: rp-stream sees EPIPE, says so and exits 0 (no SIGPIPE death)
"$stream" --signal sine --rate 100k --quiet 2>"$out" | "$ringplot" --headless --stdin --frames 3 >/dev/null 2>&1
rc=$?
grep -q "reader closed the output" "$out"; check "rp-stream: broken pipe reported" $?

echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
