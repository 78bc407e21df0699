# How ringplot finds its dependencies: Debian packages only, through pkg-config. Nothing is
# downloaded at build time. Install them with third_party/install-deps.sh.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

if(RINGPLOT_WITH_GL)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)          # libsdl2-dev
  pkg_check_modules(CGLM REQUIRED IMPORTED_TARGET cglm)          # libcglm-dev
endif()

# libstb-dev: stb_image_write.h and stb_truetype.h (header-only, under /usr/include/stb)
find_path(STB_INCLUDE_DIR stb_truetype.h PATH_SUFFIXES stb REQUIRED)
# fonts-dejavu-core: the fonts built into the binary (nothing is read from disk at run time).
find_file(RINGPLOT_FONT_FILE DejaVuSans.ttf PATHS /usr/share/fonts/truetype/dejavu REQUIRED NO_DEFAULT_PATH)
find_file(RINGPLOT_FONT_BOLD_FILE DejaVuSans-Bold.ttf PATHS /usr/share/fonts/truetype/dejavu REQUIRED NO_DEFAULT_PATH)

# MQTT source (engine/ingest/source_mqtt.c): libmosquitto-dev and libcjson-dev. The tests also
# run the broker and its clients (packages mosquitto, mosquitto-clients).
# cJSON: MQTT JSON payloads and the viewer's layout files (--config).
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
if(RINGPLOT_WITH_MQTT)
  pkg_check_modules(MOSQUITTO REQUIRED IMPORTED_TARGET libmosquitto)
endif()

# Recording files (engine/record): zlib's crc32 checks every block (zlib1g-dev).
pkg_check_modules(RP_ZLIB REQUIRED IMPORTED_TARGET zlib)
# Spectrum panels (engine/figure/spectrum.c): FFTW3, single precision (libfftw3-dev).
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)
