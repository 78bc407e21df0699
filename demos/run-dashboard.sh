#!/bin/sh
# The main job: installs what is missing, builds, and runs the live dashboard on its built-in
# demo stream. Extra arguments go to ringplot (e.g. --stdin, --udp 47269, --theme light).
# Without a display (no DISPLAY / WAYLAND_DISPLAY) it runs the same dashboard headless for
# 5 seconds and writes ringplot-demo.png instead.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
third_party/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target ringplot_viewer rp-stream
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/ringplot "$@"
fi
echo "run-dashboard: no display found; rendering the dashboard headless (EGL) for 5 s instead"
export EGL_PLATFORM="${EGL_PLATFORM:-surfaceless}"
exec build/bin/ringplot --headless --frames 300 --hud --png ringplot-demo.png "$@"
