#!/bin/sh
# ringplot --mqtt end to end: a mosquitto on 127.0.0.1 holding retained messages (a number, a JSON
# object, a malformed payload), the viewer headless with --stats, and the flag errors (a password
# on the command line is refused). Exit 77 (skipped) when mosquitto is not installed.
set -u
RINGPLOT=$1
BROKER=$(command -v mosquitto || echo /usr/sbin/mosquitto)
if [ ! -x "$BROKER" ] || ! command -v mosquitto_pub >/dev/null; then
  echo "cli_mqtt: no mosquitto / mosquitto_pub: skipped"; exit 77
fi
fail=0
check() { if eval "$1"; then :; else echo "cli_mqtt: FAILED: $1"; fail=1; fi; }

dir=$(mktemp -d)
bpid=""
trap '[ -n "$bpid" ] && kill -9 $bpid 2>/dev/null; rm -rf "$dir"' EXIT
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root"
for try in 0 1 2 3 4 5 6 7 8 9; do
  port=$((20000 + ($$ * 7 + try * 1031) % 40000))
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n%s\n' "$port" "$user_line" > "$dir/b.conf"
  "$BROKER" -c "$dir/b.conf" > "$dir/broker.log" 2>&1 &
  bpid=$!
  sleep 0.3
  kill -0 $bpid 2>/dev/null && break
  bpid=""
done
[ -n "$bpid" ] || { echo "cli_mqtt: cannot start mosquitto"; exit 1; }
# until it listens (state 0A in /proc/net/tcp): a loaded machine starts it slowly
hexport=$(printf ':%04X ' "$port")
i=0; while ! grep "$hexport" /proc/net/tcp | grep -q ' 0A '; do i=$((i + 1)); [ $i -gt 600 ] && break; sleep 0.1; done

pub() { mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -r "$@"; }
pub -t cli/a -m 1.5
pub -t cli/json -m '{"x": 2, "y": {"z": 3}}'
pub -t cli/bad -m 'oops here'

"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic 'cli/#' --topic-name 'cli/a=renamed/a' \
  --frames 120 --stats --size 320x240 > "$dir/out.txt" 2>&1
rc=$?
cat "$dir/out.txt"
check '[ $rc = 0 ]'
check 'grep -q "mqtt connected, 3 messages (1 malformed) on 3 topics" "$dir/out.txt"'
check 'grep -q "series renamed/a: 1 accepted" "$dir/out.txt"'
check 'grep -q "series cli/json/x: 1 accepted" "$dir/out.txt"'
check 'grep -q "series cli/json/y/z: 1 accepted" "$dir/out.txt"'
check 'grep -q "skipped: .*no .:. after .oops here." "$dir/out.txt"'

"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic x --mqtt-password hunter2 > "$dir/err.txt" 2>&1
check '[ $? != 0 ] && grep -q "not taken on the command line" "$dir/err.txt"'
"$RINGPLOT" --headless --topic x > "$dir/err.txt" 2>&1
check '[ $? != 0 ] && grep -q "needs --mqtt" "$dir/err.txt"'
"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" > "$dir/err.txt" 2>&1
check '[ $? != 0 ] && grep -q "needs at least one --topic" "$dir/err.txt"'
"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic 'a/#/b' > "$dir/err.txt" 2>&1
check '[ $? = 2 ] && grep -q "^ringplot: --topic: invalid topic filter .a/#/b." "$dir/err.txt"'
# every filter is checked when the command line is read (exit 2), as libmosquitto checks it: an
# empty one was taken, then the broker dropped each connection on it ("malformed packet")
for bad in '' 'a+' '#a' "$(printf 'a\001b')"; do
  "$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic 'ok/#' --topic "$bad" --frames 1 > "$dir/err.txt" 2>&1
  check '[ $? = 2 ] && grep -q "^ringplot: --topic: invalid topic filter" "$dir/err.txt" && [ $(wc -l < "$dir/err.txt") = 1 ]'
done
check 'grep -qF "a\\x01b" "$dir/err.txt"'
"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic x --topic-name "$(printf 'a\002=b')" > "$dir/err.txt" 2>&1
check '[ $? = 2 ] && grep -q "^ringplot: --topic-name: topic name mapping" "$dir/err.txt"'
"$RINGPLOT" --headless --mqtt "127.0.0.1:$port" --topic x --topic-name nomapping > "$dir/err.txt" 2>&1
check '[ $? = 2 ] && grep -q "is not TOPIC=NAME" "$dir/err.txt"'
printf '{"sources": [{"mqtt": "127.0.0.1:%s"}], "topics": ["ok", ""]}' "$port" > "$dir/layout.json"
"$RINGPLOT" --headless --config "$dir/layout.json" --frames 1 > "$dir/err.txt" 2>&1
check '[ $? = 2 ] && grep -q "^ringplot: config $dir/layout.json: field .topics. entry 2: --topic: invalid topic filter" "$dir/err.txt"'
exit $fail
