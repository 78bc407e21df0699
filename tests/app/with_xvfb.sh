#!/bin/sh
# with_xvfb.sh WxHxD COMMAND... — runs COMMAND on a private Xvfb. The server picks a free display
# itself (-displayfd), so concurrent test runs on one machine (several build trees, other
# suites' xvfb-run -a) can never share or steal a display, unlike xvfb-run -a. -noreset: by
# default Xvfb resets when its last client disconnects, and a test that opens a second window
# after closing the first could meet the server mid-reset ("x11 not available").
screen=$1; shift
dir=$(mktemp -d) || exit 1
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset 3>"$dir/display" 2>"$dir/log" &
server=$!
for i in $(seq 1 200); do
  [ -s "$dir/display" ] && break
  kill -0 $server 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$dir/display" ]; then
  echo "with_xvfb.sh: Xvfb did not start:" >&2; cat "$dir/log" >&2
  kill $server 2>/dev/null; rm -rf "$dir"; exit 1
fi
DISPLAY=:$(cat "$dir/display"); export DISPLAY
"$@"; rc=$?
kill $server 2>/dev/null; wait $server 2>/dev/null
rm -rf "$dir"
exit $rc
