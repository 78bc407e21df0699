/* headless.c — rp_headless_*: an EGL surfaceless context + RGBA8 FBO + an rp_renderer, and
 * rp_render_png. No global state of its own: each object has its own context, and its failures
 * go to its log channel (a failed create: desc->log, or stderr without a callback). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/log.h"
#include "figure/figure_internal.h"
#include "platform/egl_context.h"
#include "ringplot.h"

/* ---------------------------------------------------------------------------------------------
 * Defines and types
 * ------------------------------------------------------------------------------------------- */
#define FAIL(h, status, item, ...) rp_log_fail(&(h)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

struct rp_headless {
    rp_log_sink log; /* failures: desc.log's callback and error */
    char error[RP_ERROR_MAX];
    rp_egl_context *ctx;
    rp_renderer *renderer;
    uint8_t *pixels; /* width*height*4: read-back buffer for write_png (allocated at create) */
    int width, height;
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static bool valid(const rp_headless *h) { return rp_handle_live(h, RP_HANDLE_HEADLESS); }

/* A log callback that reports into an rp_log_sink (rp_render_png: into the figure's). */
static void forward_to_sink(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    rp_log_msg(user, level, item, "%s", message);
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_status rp_headless_create(const rp_headless_desc *desc, rp_headless **out)
{
    rp_headless_desc d = desc ? *desc : (rp_headless_desc){0};
    if (!out)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_headless_create: out is NULL");
    *out = NULL;
    if (d.width == 0) d.width = RP_HEADLESS_DEFAULT_WIDTH;
    if (d.height == 0) d.height = RP_HEADLESS_DEFAULT_HEIGHT;
    if (d.width < 0 || d.height < 0 || d.width > 16384 || d.height > 16384)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_headless_create: invalid size %d x %d (1..16384)", d.width,
                                  d.height);
    if (!(d.scale >= 0.0f) || d.scale > 16.0f)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_headless_create: invalid scale %g (0..16)", (double)d.scale);
    rp_headless *h = calloc(1, sizeof *h);
    uint8_t *pixels = malloc((size_t)d.width * (size_t)d.height * 4u);
    if (!h || !pixels) {
        free(h);
        free(pixels);
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_headless_create: out of memory for %d x %d", d.width,
                                  d.height);
    }
    h->pixels = pixels;
    h->width = d.width;
    h->height = d.height;
    rp_log_sink capture = rp_log_capture(h->error, sizeof h->error);
    rp_status st = rp_egl_context_create(d.width, d.height, &h->ctx, &capture);
    if (st != RP_OK) {
        rp_log_create_fail(&d.log, st, capture.item, "%s", h->error);
        free(h->pixels);
        free(h);
        return st;
    }
    /* The renderer reports to the same channel (its own create failure too: once, there). */
    rp_renderer_desc rd = {.get_proc_address = rp_egl_get_proc_address,
                           .scale = d.scale > 0.0f ? d.scale : 1.0f,
                           .log = d.log};
    st = rp_renderer_create(&rd, &h->renderer);
    if (st == RP_OK && !rp_handle_register(h, RP_HANDLE_HEADLESS)) {
        rp_renderer_destroy(h->renderer);
        st = rp_log_create_fail(&d.log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                "rp_headless_create: %d objects are live already "
                                "(RP_MAX_LIVE_OBJECTS)",
                                RP_MAX_LIVE_OBJECTS);
    }
    if (st != RP_OK) {
        rp_egl_context_destroy(h->ctx);
        free(h->pixels);
        free(h);
        return st;
    }
    rp_log_sink_init(&h->log, &d.log, h->error, sizeof h->error);
    *out = h;
    return RP_OK;
}

void rp_headless_destroy(rp_headless *h)
{
    if (!rp_handle_unregister(h, RP_HANDLE_HEADLESS))
        return; /* NULL, stale or another kind: never read, never freed twice */
    /* its context is made current to free its GL objects; whatever was current before (another
     * target's, a host's) is current again after */
    rp_egl_current saved = rp_egl_current_save();
    if (rp_egl_context_make_current(h->ctx) == RP_OK) rp_renderer_destroy(h->renderer);
    rp_egl_context_destroy(h->ctx);
    rp_egl_current_restore(&saved);
    free(h->pixels);
    free(h);
}

rp_status rp_headless_render(rp_headless *h, rp_figure *figure)
{
    if (!valid(h)) return RP_ERR_INVALID_ARG;
    if (rp_egl_context_make_current(h->ctx) != RP_OK)
        return FAIL(h, RP_ERR_PLATFORM, EGL_CONTEXT,
                    "rp_headless_render: could not make the EGL context current");
    GladGLContext *gl = rp_egl_context_gl(h->ctx);
    gl->Viewport(0, 0, h->width, h->height);
    gl->Disable(GL_SCISSOR_TEST);
    gl->ClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    rp_status st = rp_renderer_draw(h->renderer, figure, 0, 0, h->width, h->height);
    /* Submitted, not waited for: rp_headless_read_rgba waits where the pixels are needed, so a
     * caller that renders frames without reading each one back never stalls on the GL. */
    gl->Flush();
    if (st != RP_OK) /* the renderer reported it on this channel already: keep, don't repeat */
        rp_log_sink_keep(&h->log, RP_LOGITEM_NONE, rp_renderer_last_error(h->renderer));
    return st;
}

rp_status rp_headless_read_rgba(rp_headless *h, uint8_t *rgba, size_t size)
{
    if (!valid(h)) return RP_ERR_INVALID_ARG;
    size_t need = (size_t)h->width * (size_t)h->height * 4u;
    if (!rgba)
        return FAIL(h, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "rp_headless_read_rgba: rgba is NULL");
    if (size < need)
        return FAIL(h, RP_ERR_BUFFER_SMALL, BUFFER_TOO_SMALL,
                    "rp_headless_read_rgba: need a buffer of %zu bytes, got %zu", need, size);
    rp_status st = rp_egl_context_read_rgba(h->ctx, rgba, size);
    if (st != RP_OK)
        return FAIL(h, st, GL_ERROR, "rp_headless_read_rgba: reading the framebuffer failed (%s)",
                    rp_status_string(st));
    return RP_OK;
}

rp_status rp_headless_write_png(rp_headless *h, const char *path)
{
    if (!valid(h)) return RP_ERR_INVALID_ARG;
    if (!path || !*path)
        return FAIL(h, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "rp_headless_write_png: no path");
    size_t need = (size_t)h->width * (size_t)h->height * 4u;
    rp_status st = rp_headless_read_rgba(h, h->pixels, need);
    if (st != RP_OK) return st;
    st = rp_write_png_rgba(path, h->pixels, h->width, h->height);
    if (st != RP_OK)
        return FAIL(h, st, PNG_WRITE,
                    "rp_headless_write_png: cannot write PNG '%s' (path not writable?)", path);
    return RP_OK;
}

rp_renderer *rp_headless_renderer(rp_headless *h) { return valid(h) ? h->renderer : NULL; }

const char *rp_headless_last_error(const rp_headless *h)
{
    return valid(h) ? h->error
                    : "not a live headless target (NULL, destroyed, or another kind of object)";
}

rp_status rp_render_png(rp_figure *figure, const rp_headless_desc *desc, const char *path)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    rp_log_sink *log = rp_figure_log(figure);
    if (!path || !*path)
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_render_png: no path");
    /* Everything the temporary target reports lands on the figure's channel. */
    rp_headless *h = NULL;
    rp_headless_desc hd = desc ? *desc : (rp_headless_desc){0};
    hd.log = (rp_log_desc){.func = forward_to_sink, .user = log};
    /* the caller's GL context (an SDL window's on EGL) is current again on return: an export
     * from a program that draws must not leave it with none */
    rp_egl_current saved = rp_egl_current_save();
    rp_status st = rp_headless_create(&hd, &h);
    if (st != RP_OK) {
        rp_egl_current_restore(&saved);
        return st;
    }
    rp_figure_triggers_catch_up(figure);
    st = rp_headless_render(h, figure);
    /* an XY panel rebuilding over many samples fills in over frames: the picture is complete */
    for (int frames = 0; st == RP_OK && rp_figure_xy_filling(figure) && frames < 10000; frames++)
        st = rp_headless_render(h, figure);
    if (st == RP_OK) st = rp_headless_write_png(h, path);
    rp_headless_destroy(h);
    rp_egl_current_restore(&saved);
    return st;
}
