/* png.c — rp_write_png_rgba: top-row-first RGBA8 → PNG file through stb_image_write.
 * The one file that holds stb_image_write's implementation (static, so it cannot clash with a
 * host program's own copy). */
#include <stdio.h>

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

rp_status rp_write_png_rgba(const char *path, const uint8_t *rgba, int width, int height)
{
    if (!path || !*path || !rgba || width <= 0 || height <= 0)
        return RP_ERR_INVALID_ARG;
    /* Probe the path first so that an unwritable path is an I/O error, not a silent 0. */
    FILE *f = fopen(path, "wb");
    if (!f)
        return RP_ERR_IO;
    fclose(f);
    if (!stbi_write_png(path, width, height, 4, rgba, width * 4)) {
        remove(path);
        return RP_ERR_IO;
    }
    return RP_OK;
}
