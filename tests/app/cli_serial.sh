#!/bin/sh
# The serial flags of the ringplot command line: bad specs and flags exit 2 naming the problem,
# an unusable device exits 1 naming it, and with socat as the board --send reaches it and its
# lines are counted (--stats).
#   cli_serial.sh <ringplot> <scratch dir>
set -u
ringplot=$1; scratch=$2
failures=0; passes=0
check() { # description, condition (shell expression result 0 = pass)
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; fi
}
out=$scratch/cli_serial_out.txt

"$ringplot" --help >"$out" 2>&1
grep -q -- "--serial PATH\[:BAUD\[:FRAME\]\]" "$out" && grep -q -- "--serial-dtr on|off" "$out" \
  && grep -q -- "--send TEXT" "$out"; check "--help lists the serial flags" $?

bad() { # expected message, flags...
  want=$1; shift
  "$ringplot" --headless "$@" >"$out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "$want" "$out"; check "$* exits 2 with '$want' (rc $rc: $(cat "$out"))" $?
}
bad "data bits must be 5..8" --serial /dev/ttyUSB0:9600:9N1
bad "parity must be N, E or O" --serial /dev/ttyUSB0:9600:8X1
bad "stop bits must be 1 or 2" --serial /dev/ttyUSB0:9600:8N3
bad "baud '12x'" --serial /dev/ttyUSB0:12x
bad "give the baud first" --serial /dev/ttyUSB0:8N1
bad "no device path" --serial :115200
bad "expected none, rtscts or xonxoff" --serial /dev/ttyUSB0 --serial-flow cts
bad "expected on or off" --serial /dev/ttyUSB0 --serial-dtr low
bad "needs --serial" --send hello
bad "needs --serial" --serial-rts off
bad "needs a value" --serial

"$ringplot" --headless --serial /nonexistent/ttyUSB7:115200 >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "cannot open '/nonexistent/ttyUSB7'" "$out"; check "missing device exits 1 naming it" $?
grep -q -- "--serial-wait" "$out"; check "the missing device's message says how to wait for it" $?
bad "needs --serial" --serial-wait
# --serial-wait: a device that is not there yet is waited for (the C test plugs one in later)
"$ringplot" --headless --serial /nonexistent/ttyUSB7 --serial-wait --frames 3 --stats >"$out" 2>&1; rc=$?
check "--serial-wait with no device exits 0 (rc $rc: $(cat "$out"))" $rc
grep -q "waiting for device" "$out" && grep -q "waiting for '/nonexistent/ttyUSB7' to appear" "$out"
check "--stats says it is waiting for the device (got: $(grep serial "$out"))" $?
! grep -q "driver 0 baud" "$out"; check "no driver rate before the port is open ('driver 0 baud')" $?
"$ringplot" --headless --serial /dev/null >"$out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "not a serial port" "$out"; check "/dev/null is not a serial port" $?

# socat as the board: --send reaches it, its lines are plotted and counted
if command -v socat >/dev/null 2>&1; then
  dir=$(mktemp -d)
  socat pty,raw,echo=0,link="$dir/A" pty,raw,echo=0,link="$dir/B" 2>/dev/null &
  socat_pid=$!
  i=0; while [ ! -e "$dir/A" ] || [ ! -e "$dir/B" ]; do i=$((i + 1)); [ $i -gt 600 ] && break; sleep 0.1; done
  cat "$dir/B" >"$dir/board.txt" 2>/dev/null &
  cat_pid=$!
  "$ringplot" --headless --serial "$dir/A:1M:8N1" --send "hello board" --send second --frames 5 --stats >"$out" 2>&1; rc=$?
  check "serial run exits 0" $rc
  i=0; while ! grep -q second "$dir/board.txt"; do i=$((i + 1)); [ $i -gt 600 ] && break; sleep 0.1; done
  printf 'hello board\nsecond\n' | cmp -s - "$dir/board.txt"; check "--send lines reached the board in order" $?
  grep -q "serial $dir/A 1000000 8N1 (driver 1000000 baud): open, 19 bytes sent" "$out"; check "--stats names the port (got: $(grep serial "$out"))" $?
  kill "$cat_pid" 2>/dev/null; kill "$socat_pid" 2>/dev/null
  wait "$cat_pid" "$socat_pid" 2>/dev/null
  rm -rf "$dir"
else
  echo "socat not installed (third_party/install-deps.sh): board checks skipped"
fi

echo "cli_serial: $passes passed, $failures failed"
[ $failures -eq 0 ]
