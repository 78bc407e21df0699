/* headless.c — rp_headless_*: an EGL surfaceless context + RGBA8 FBO + an rp_renderer, and
 * rp_render_png. No global state: each object has its own context; a failed create leaves its
 * reason in a thread-local buffer readable through rp_headless_last_error(NULL). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/egl_context.h"
#include "ringplot.h"

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
#define RP_HEADLESS_MAGIC 0x52504845u /* "RPHE" */

struct rp_headless {
    uint32_t magic;
    rp_egl_context *ctx;
    rp_renderer *renderer;
    uint8_t *pixels; /* width*height*4: read-back buffer for write_png (allocated at create) */
    int width, height;
    char error[256];
};

/* ---------------------------------------------------------------------------------------------
 * Module state: the reason of the last failed rp_headless_create on this thread.
 * ------------------------------------------------------------------------------------------- */
static _Thread_local char create_error[256];

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static rp_status fail(rp_headless *h, rp_status status, const char *fmt, ...)
{
    char *buf = h ? h->error : create_error;
    size_t size = h ? sizeof h->error : sizeof create_error;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return status;
}

static bool valid(const rp_headless *h) { return h && h->magic == RP_HEADLESS_MAGIC; }

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_status rp_headless_create(int width, int height, float scale, rp_headless **out)
{
    create_error[0] = '\0';
    if (!out)
        return fail(NULL, RP_ERR_INVALID_ARG, "rp_headless_create: out is NULL");
    *out = NULL;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return fail(NULL, RP_ERR_INVALID_ARG, "rp_headless_create: invalid size %d x %d", width,
                    height);
    if (!(scale >= 0.0f) || scale > 16.0f)
        return fail(NULL, RP_ERR_INVALID_ARG, "rp_headless_create: invalid scale %g",
                    (double)scale);
    rp_headless *h = calloc(1, sizeof *h);
    uint8_t *pixels = malloc((size_t)width * (size_t)height * 4u);
    if (!h || !pixels) {
        free(h);
        free(pixels);
        return fail(NULL, RP_ERR_NO_MEMORY, "rp_headless_create: out of memory");
    }
    h->magic = RP_HEADLESS_MAGIC;
    h->pixels = pixels;
    h->width = width;
    h->height = height;
    rp_status st = rp_egl_context_create(width, height, &h->ctx, create_error,
                                         (int)sizeof create_error);
    if (st != RP_OK) {
        free(h->pixels);
        free(h);
        return st;
    }
    rp_renderer_desc rd = {.get_proc_address = rp_egl_get_proc_address,
                           .scale = scale > 0.0f ? scale : 1.0f};
    st = rp_renderer_create(&rd, &h->renderer);
    if (st != RP_OK) {
        fail(NULL, st, "headless: renderer creation failed (%s)", rp_status_string(st));
        rp_egl_context_destroy(h->ctx);
        free(h->pixels);
        free(h);
        return st;
    }
    *out = h;
    return RP_OK;
}

void rp_headless_destroy(rp_headless *h)
{
    if (!valid(h))
        return;
    if (rp_egl_context_make_current(h->ctx) == RP_OK)
        rp_renderer_destroy(h->renderer);
    rp_egl_context_destroy(h->ctx);
    h->magic = 0;
    free(h->pixels);
    free(h);
}

rp_status rp_headless_render(rp_headless *h, rp_figure *figure)
{
    if (!valid(h))
        return RP_ERR_INVALID_ARG;
    if (!figure)
        return fail(h, RP_ERR_INVALID_ARG, "rp_headless_render: figure is NULL");
    if (rp_egl_context_make_current(h->ctx) != RP_OK)
        return fail(h, RP_ERR_PLATFORM, "headless: could not make the EGL context current");
    GladGLContext *gl = rp_egl_context_gl(h->ctx);
    gl->Viewport(0, 0, h->width, h->height);
    gl->Disable(GL_SCISSOR_TEST);
    gl->ClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    rp_status st = rp_renderer_draw(h->renderer, figure, 0, 0, h->width, h->height);
    gl->Finish();
    if (st != RP_OK)
        return fail(h, st, "headless: %s", rp_renderer_last_error(h->renderer));
    return RP_OK;
}

rp_status rp_headless_read_rgba(rp_headless *h, uint8_t *rgba, size_t size)
{
    if (!valid(h))
        return RP_ERR_INVALID_ARG;
    size_t need = (size_t)h->width * (size_t)h->height * 4u;
    if (!rgba || size < need)
        return fail(h, rgba ? RP_ERR_BUFFER_SMALL : RP_ERR_INVALID_ARG,
                    "rp_headless_read_rgba: need a buffer of %zu bytes", need);
    rp_status st = rp_egl_context_read_rgba(h->ctx, rgba, size);
    if (st != RP_OK)
        return fail(h, st, "headless: reading the framebuffer failed");
    return RP_OK;
}

rp_status rp_headless_write_png(rp_headless *h, const char *path)
{
    if (!valid(h))
        return RP_ERR_INVALID_ARG;
    if (!path || !*path)
        return fail(h, RP_ERR_INVALID_ARG, "rp_headless_write_png: no path");
    size_t need = (size_t)h->width * (size_t)h->height * 4u;
    rp_status st = rp_headless_read_rgba(h, h->pixels, need);
    if (st != RP_OK)
        return st;
    st = rp_write_png_rgba(path, h->pixels, h->width, h->height);
    if (st != RP_OK)
        return fail(h, st, "headless: cannot write PNG '%s' (path not writable?)", path);
    return RP_OK;
}

rp_renderer *rp_headless_renderer(rp_headless *h) { return valid(h) ? h->renderer : NULL; }

const char *rp_headless_last_error(const rp_headless *h)
{
    if (!h)
        return create_error;
    return valid(h) ? h->error : "rp_headless: invalid object";
}

rp_status rp_render_png(rp_figure *figure, int width, int height, const char *path)
{
    if (!figure || !path)
        return RP_ERR_INVALID_ARG;
    rp_headless *h = NULL;
    rp_status st = rp_headless_create(width, height, 1.0f, &h);
    if (st != RP_OK)
        return st;
    st = rp_headless_render(h, figure);
    if (st == RP_OK)
        st = rp_headless_write_png(h, path);
    if (st != RP_OK) /* keep the reason readable through rp_headless_last_error(NULL) */
        snprintf(create_error, sizeof create_error, "%s", h->error);
    rp_headless_destroy(h);
    return st;
}
