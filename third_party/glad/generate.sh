#!/bin/sh
# Regenerates the committed glad loader in this folder. Output is byte-identical run to run.
# Needs Debian's python3-glad (/usr/bin/glad). --reproducible keeps it offline (bundled Khronos XML).
# --mx puts GL entry points in a per-context struct (GladGLContext): the library keeps no GL
# globals and cannot clash with a host program that uses its own glad.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$here/include" "$here/src"
/usr/bin/glad --quiet --reproducible \
  --api gl:core=3.3,egl=1.5 \
  --extensions GL_KHR_debug,EGL_MESA_platform_surfaceless,EGL_EXT_platform_base,EGL_KHR_create_context,EGL_KHR_surfaceless_context \
  --out-path "$here" c --loader --mx
