/* png.c — rp_write_png_rgba: top-row-first RGBA8 → PNG file through stb_image_write.
 * The one file that holds stb_image_write's implementation (static, so it cannot clash with a
 * host program's own copy). */
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include "ringplot.h"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

typedef struct png_sink {
    FILE *f;
    bool failed;
} png_sink;

static void png_write(void *ctx, void *data, int size)
{
    png_sink *sink = ctx;
    if (!sink->failed && fwrite(data, 1, (size_t)size, sink->f) != (size_t)size)
        sink->failed = true;
}

rp_status rp_write_png_rgba(const char *path, const uint8_t *rgba, int width, int height)
{
    if (!path || !*path || !rgba || width <= 0 || height <= 0) return RP_ERR_INVALID_ARG;
    /* Write through our own FILE so that every failure shows: a bad path at fopen, a full disk
     * at fwrite or fclose (stbi_write_png ignores both). A partial file is removed. */
    png_sink sink = {fopen(path, "wb"), false};
    if (!sink.f) return RP_ERR_IO;
    struct stat st;
    bool regular =
        fstat(fileno(sink.f), &st) == 0 && S_ISREG(st.st_mode); /* never remove /dev/... */
    int ok = stbi_write_png_to_func(png_write, &sink, width, height, 4, rgba, width * 4);
    if (fclose(sink.f) != 0) sink.failed = true;
    if (!ok || sink.failed) {
        if (regular) remove(path);
        return RP_ERR_IO;
    }
    return RP_OK;
}
