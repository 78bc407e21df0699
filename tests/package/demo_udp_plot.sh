#!/bin/sh
# demo_udp_plot: udp_plot listens (and says so), rp-stream sends 3 x 1000 samples (1 s at 1 kHz), udp_plot draws
# frames until all 3000 have arrived (at most 120 s: no race with a loaded machine) and writes its PNG; every
# sample must have arrived and the PNG must not be blank.
udp_plot=$1; stream=$2; png_check=$3; out=$4
rm -f "$out/udp_plot.png" "$out/udp_plot.txt"
"$udp_plot" 0 "$out/udp_plot.png" 120 3000 >"$out/udp_plot.txt" 2>&1 &
pid=$!
i=0
while ! grep -q listening "$out/udp_plot.txt" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 300 ] && { kill $pid; cat "$out/udp_plot.txt"; exit 1; }
  sleep 0.1
done
# port 0: the kernel picks a free port (tests run in parallel), udp_plot prints it
port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/udp_plot.txt")
"$stream" --signal imu --rate 1000 --samples 1000 --udp "127.0.0.1:$port" --quiet
wait $pid || { cat "$out/udp_plot.txt"; exit 1; }
cat "$out/udp_plot.txt"
grep -q "3000 samples in 3 series, 0 refused" "$out/udp_plot.txt" && "$png_check" "$out/udp_plot.png" 1280 720
