#!/bin/sh
# tests/bench/gpu.sh — ringplot's render and end-to-end figures on a GPU, headless: EGL's device
# platform (EGL_EXT_platform_device: no display, no X, no Wayland), e.g. an NVIDIA GPU with its
# driver's libEGL. Prints the GL renderer string, then the same metrics as `rp-bench render` and
# `rp-bench e2e`, plus frame_ms_16x1e7_4k (16 series × 10^7 samples at 3840×2160).
#
#   tests/bench/gpu.sh [BUILD_DIR] [rp-bench options, e.g. --quick or --tsv]
#
# BUILD_DIR defaults to ./build-release (configure it with -DCMAKE_BUILD_TYPE=Release). Never a
# test dependency. Without a GPU it says so and exits 2: it does not fall back to software GL
# figures silently (the renderer string is checked for llvmpipe / softpipe).
set -u
build=${1:-build-release}
[ $# -gt 0 ] && shift
bench="$build/tests/bench/rp-bench"
if [ ! -x "$bench" ]; then
    echo "gpu.sh: $bench not found; build it first:" >&2
    echo "  cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build --target rp-bench" >&2
    exit 2
fi
# The device platform, and none of the software-GL settings the tests use.
unset LIBGL_ALWAYS_SOFTWARE GALLIUM_DRIVER EGL_PLATFORM
export RINGPLOT_EGL_PLATFORM=device
# With libglvnd, prefer NVIDIA's EGL vendor library when it is installed.
for json in /usr/share/glvnd/egl_vendor.d/10_nvidia.json /etc/glvnd/egl_vendor.d/10_nvidia.json; do
    if [ -f "$json" ] && [ -z "${__EGL_VENDOR_LIBRARY_FILENAMES:-}" ]; then
        export __EGL_VENDOR_LIBRARY_FILENAMES="$json"
    fi
done

echo "gpu.sh: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null |
        sed 's/^/gpu.sh: GPU /'
fi

# A quick probe first: the renderer string of an EGL device context.
probe=$("$bench" render --quick --gpu --tsv --seconds 0.2 2>&1 | grep -m1 '^renderer')
status=$?
if [ $status -ne 0 ] || [ -z "$probe" ]; then
    echo "gpu.sh: no EGL device context (RINGPLOT_EGL_PLATFORM=device): no GPU or no GPU EGL driver." >&2
    "$bench" render --quick --gpu --seconds 0.2 2>&1 | grep -i 'headless\|egl' >&2
    echo "gpu.sh: nothing measured; run rp-bench render / e2e for the software-GL figures." >&2
    exit 2
fi
renderer=$(printf '%s\n' "$probe" | cut -f2-)
echo "gpu.sh: GL renderer: $renderer"
case "$renderer" in
*llvmpipe* | *softpipe* | *SWR* | *software*)
    echo "gpu.sh: the EGL device is a software rasteriser ($renderer), not a GPU; nothing measured." >&2
    exit 2
    ;;
esac

"$bench" render --gpu "$@"
"$bench" e2e "$@"
