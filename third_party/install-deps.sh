#!/bin/sh
# Installs what ringplot needs from Debian's packages (as root, or through sudo). Safe to run
# again: packages already installed are skipped, so a second run touches nothing.
#   third_party/install-deps.sh          build + headless run + tests
set -eu
packages="gcc g++ make cmake pkg-config clang libclang-rt-dev
libsdl2-dev libcglm-dev libstb-dev python3-glad fonts-dejavu-core
libegl1 libegl-mesa0 libgl1-mesa-dri libgles2 xvfb xauth xdotool valgrind
libmosquitto-dev libcjson-dev mosquitto mosquitto-clients socat zlib1g-dev clang-format
libfftw3-dev"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing
