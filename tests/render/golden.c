/* golden.c — see golden.h. */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ringplot.h"

#if defined(__GNUC__)
/* stb_image declares static functions it does not define in this configuration (checked at the
 * end of the file, so this one stays off for the whole file). */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#endif
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STBI_ONLY_PNG
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#ifndef RP_GOLDEN_DIR
#error "RP_GOLDEN_DIR must name tests/render/golden"
#endif
#ifndef RP_TEST_OUT_DIR
#define RP_TEST_OUT_DIR "."
#endif

const char *rp_golden_out_path(const char *name, const char *suffix, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s%s", RP_TEST_OUT_DIR, name, suffix);
    return buf;
}

uint8_t *rp_golden_read_png(const char *path, int *width, int *height)
{
    int c = 0;
    return stbi_load(path, width, height, &c, 4); /* stbi_image_free is free() */
}

static void write_diff(const char *name, const uint8_t *actual, const uint8_t *ref, int w, int h)
{
    size_t n = (size_t)w * (size_t)h;
    uint8_t *diff = malloc(n * 4u);
    if (!diff) return;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *a = actual + 4 * i, *r = ref + 4 * i;
        int worst = 0;
        for (int c = 0; c < 4; c++) {
            int dd = abs((int)a[c] - (int)r[c]);
            if (dd > worst) worst = dd;
        }
        uint8_t grey = (uint8_t)((a[0] * 77 + a[1] * 150 + a[2] * 29) >> 8);
        uint8_t *o = diff + 4 * i;
        if (worst > RP_GOLDEN_CHANNEL_TOL) {
            o[0] = 255;
            o[1] = (uint8_t)(grey / 5);
            o[2] = (uint8_t)(grey / 5);
        } else {
            o[0] = o[1] = o[2] = (uint8_t)(grey / 3);
        }
        o[3] = 255;
    }
    char path[1024];
    rp_golden_out_path(name, ".diff.png", path, sizeof path);
    if (rp_write_png_rgba(path, diff, w, h) == RP_OK)
        fprintf(stderr, "golden %s: diff written to %s\n", name, path);
    free(diff);
}

bool rp_golden_check(const char *name, const uint8_t *rgba, int width, int height)
{
    char ref_path[1024], actual_path[1024];
    snprintf(ref_path, sizeof ref_path, "%s/%s.png", RP_GOLDEN_DIR, name);
    rp_golden_out_path(name, ".actual.png", actual_path, sizeof actual_path);
    const char *update = getenv("RINGPLOT_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        rp_status st = rp_write_png_rgba(ref_path, rgba, width, height);
        fprintf(stderr, "golden %s: reference %s %s\n", name, ref_path,
                st == RP_OK ? "rewritten (RINGPLOT_UPDATE_GOLDEN=1)" : "could NOT be written");
        return st == RP_OK;
    }
    int rw = 0, rh = 0, rc = 0;
    uint8_t *ref = stbi_load(ref_path, &rw, &rh, &rc, 4);
    if (!ref || rw != width || rh != height) {
        rp_write_png_rgba(actual_path, rgba, width, height);
        if (!ref)
            fprintf(stderr,
                    "golden %s: no reference %s (%s); actual image: %s\n"
                    "  run with RINGPLOT_UPDATE_GOLDEN=1 to create it\n",
                    name, ref_path, stbi_failure_reason(), actual_path);
        else
            fprintf(stderr, "golden %s: reference is %d x %d, image is %d x %d; actual: %s\n", name,
                    rw, rh, width, height, actual_path);
        stbi_image_free(ref);
        return false;
    }
    size_t n = (size_t)width * (size_t)height, bad = 0;
    int worst = 0;
    for (size_t i = 0; i < n; i++) {
        int px_worst = 0;
        for (int c = 0; c < 4; c++) {
            int dd = abs((int)rgba[4 * i + c] - (int)ref[4 * i + c]);
            if (dd > px_worst) px_worst = dd;
        }
        if (px_worst > worst) worst = px_worst;
        if (px_worst > RP_GOLDEN_CHANNEL_TOL) bad++;
    }
    size_t allowed = (size_t)((double)n * RP_GOLDEN_MAX_BAD_FRACTION);
    bool ok = bad <= allowed;
    if (!ok) {
        rp_write_png_rgba(actual_path, rgba, width, height);
        fprintf(stderr,
                "golden %s: %zu of %zu pixels differ by more than %d (allowed %zu), worst %d\n"
                "  reference: %s\n  actual: %s\n",
                name, bad, n, RP_GOLDEN_CHANNEL_TOL, allowed, worst, ref_path, actual_path);
        write_diff(name, rgba, ref, width, height);
    } else {
        printf("golden %s: match (%zu pixels beyond tolerance, worst channel difference %d)\n",
               name, bad, worst);
    }
    stbi_image_free(ref);
    return ok;
}
