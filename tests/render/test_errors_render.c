/* The error channel and live handles where GL is involved (issue 13):
 *   - rp_renderer_create passes the reason of a failure to desc->log: a shader that does not
 *     compile (the shader's name and the driver's log reach the caller), a loader that gives
 *     nothing, GL older than 3.3; success reports RENDERER_READY (info);
 *   - a figure whose series was destroyed is not rendered (STALE_SERIES, the series' label in the
 *     message, kept as the figure's last error), also when a new series took the same address;
 *     removing it makes the figure drawable again;
 *   - rendering a destroyed figure, and any call on a destroyed renderer or headless target, is
 *     refused without reading freed memory (this test runs clean under ASan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "platform/egl_context.h"
#include "rp_test.h"
#include "rp_test_log.h"

/* ---- a GL loader that breaks shader compilation ------------------------------------------ */

static void (*real_get_shader_iv)(GLuint, GLenum, GLint *);
static int loader_mode; /* 0: break shaders, 1: no entry points at all */

static void broken_get_shader_iv(GLuint shader, GLenum pname, GLint *out)
{
    real_get_shader_iv(shader, pname, out);
    if (pname == GL_COMPILE_STATUS) *out = GL_FALSE;
}

static void injected_shader_log(GLuint shader, GLsizei size, GLsizei *length, char *log)
{
    (void)shader;
    const char text[] = "0:1(1): error: injected by test_errors_render";
    snprintf(log, (size_t)size, "%s", text);
    if (length) *length = (GLsizei)strlen(log);
}

static void *test_loader(const char *name)
{
    if (loader_mode == 1) return NULL;
    void *p = rp_egl_get_proc_address(name);
    if (strcmp(name, "glGetShaderiv") == 0) {
        memcpy(&real_get_shader_iv, &p, sizeof p);
        void (*f)(GLuint, GLenum, GLint *) = broken_get_shader_iv;
        memcpy(&p, &f, sizeof p);
    } else if (strcmp(name, "glGetShaderInfoLog") == 0) {
        void (*f)(GLuint, GLsizei, GLsizei *, char *) = injected_shader_log;
        memcpy(&p, &f, sizeof p);
    }
    return p;
}

static void test_renderer_create_reasons(void)
{
    char err[256];
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    rp_egl_context *ctx = NULL;
    rp_status st = rp_egl_context_create(64, 64, &ctx, &err_log);
    if (st != RP_OK) fprintf(stderr, "egl: %s\n", err);
    RP_REQUIRE_VOID(st == RP_OK);

    rp_test_log log = {0};
    rp_renderer *r = (rp_renderer *)&log;
    loader_mode = 0;
    st = rp_renderer_create(
        &(rp_renderer_desc){.get_proc_address = test_loader, .log = rp_test_log_desc(&log)}, &r);
    RP_CHECK(st == RP_ERR_GL);
    RP_CHECK(r == NULL);
    RP_CHECK_EQ_INT(log.count, 1); /* reported once */
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SHADER_COMPILE);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_ERROR);
    RP_CHECK_MSG(strstr(log.last, "segment.vert") != NULL, "%s", log.last); /* which shader */
    RP_CHECK_MSG(strstr(log.last, "injected by test_errors_render") != NULL, "%s", log.last);

    rp_test_log_reset(&log);
    loader_mode = 1;
    st = rp_renderer_create(
        &(rp_renderer_desc){.get_proc_address = test_loader, .log = rp_test_log_desc(&log)}, &r);
    RP_CHECK(st == RP_ERR_GL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_GL_LOAD_FAILED);
    RP_CHECK_MSG(strstr(log.last, "get_proc_address") != NULL, "%s", log.last);

    /* And a good one: one info item naming the GL, nothing else. */
    rp_test_log_reset(&log);
    st = rp_renderer_create(&(rp_renderer_desc){.get_proc_address = rp_egl_get_proc_address,
                                                .log = rp_test_log_desc(&log)},
                            &r);
    RP_REQUIRE_VOID(st == RP_OK);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_RENDERER_READY);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_INFO);
    RP_CHECK(strstr(log.last, rp_renderer_gl_string(r)) != NULL);

    /* A renderer used after destroy: refused, never read. */
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_CHECK(rp_renderer_draw(r, f, 0, 0, 64, 64) == RP_OK);
    rp_renderer_destroy(r);
    RP_CHECK(rp_renderer_draw(r, f, 0, 0, 64, 64) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_renderer_last_error(r), "not a live renderer") != NULL);
    RP_CHECK(rp_renderer_last_stats(r).vertices == 0);
    rp_renderer_destroy(r); /* twice: ignored */
    rp_figure_destroy(f);
    rp_egl_context_destroy(ctx);
}

/* ---- figures that hold a destroyed series ------------------------------------------------ */

static rp_series *make_series(const char *name)
{
    rp_series *s = NULL;
    if (rp_series_create(&(rp_series_desc){.name = name, .capacity = 4096}, &s) != RP_OK)
        return NULL;
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = (float)(i % 50);
    rp_push(s, v, 1000);
    return s;
}

/* The series of a spectrum, trigger or XY panel: destroyed while still in the figure, the figure
 * is not drawn (STALE_SERIES, as a time panel's: the frames were drawn with "waiting for"
 * placeholders, the XY panel's silently); rp_figure_remove_series removes the panels made of it
 * (there was no way to let go of them) and the panels after move up. */
static void test_stale_derived_panels(void)
{
    rp_test_log hlog = {0};
    rp_headless *h = NULL;
    RP_REQUIRE_VOID(
        rp_headless_create(
            &(rp_headless_desc){.width = 320, .height = 400, .log = rp_test_log_desc(&hlog)}, &h) ==
        RP_OK);
    for (int kind = 0; kind < 3; kind++) {
        rp_figure *f = NULL;
        RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
        rp_series *gone = make_series("gone"), *other = make_series("other");
        RP_REQUIRE_VOID(gone && other);
        RP_CHECK(rp_figure_add_series(f, 0, other, NULL) == RP_OK);
        int p = -1;
        rp_status st = kind == 0   ? rp_figure_add_spectrum_panel(f, gone, NULL, &p)
                       : kind == 1 ? rp_figure_add_trigger_panel(f, gone, NULL, &p)
                                   : rp_figure_add_xy_panel(f, other, gone, NULL, &p);
        RP_CHECK_EQ_INT(st, RP_OK);
        int last = -1; /* a time panel after it, which moves up */
        RP_CHECK(rp_figure_add_panel(f, NULL, &last) == RP_OK);
        RP_CHECK(rp_figure_add_series(f, last, gone, NULL) == RP_OK);
        RP_CHECK(rp_figure_remove_series(f, gone) == RP_OK);
        RP_CHECK_EQ_INT(rp_figure_panel_count(f), 2); /* the time panel stays, empty */
        RP_CHECK(rp_figure_panel_series(f, 1, 0) == NULL);
        RP_CHECK(rp_headless_render(h, f) == RP_OK);

        /* destroyed while in the figure: refused, said */
        st = kind == 0   ? rp_figure_add_spectrum_panel(f, gone, NULL, &p)
             : kind == 1 ? rp_figure_add_trigger_panel(f, gone, NULL, &p)
                         : rp_figure_add_xy_panel(f, other, gone, NULL, &p);
        RP_CHECK_EQ_INT(st, RP_OK);
        rp_series_destroy(gone);
        rp_test_log_reset(&hlog);
        RP_CHECK_EQ_INT(rp_headless_render(h, f), RP_ERR_INVALID_ARG);
        RP_CHECK_EQ_INT(hlog.last_item, RP_LOGITEM_STALE_SERIES);
        RP_CHECK_MSG(strstr(hlog.last, kind == 0   ? "a spectrum"
                                       : kind == 1 ? "a trigger"
                                                   : "an XY panel") != NULL,
                     "%s", hlog.last);
        RP_CHECK(rp_figure_remove_series(f, gone) == RP_OK);
        RP_CHECK_EQ_INT(rp_figure_panel_count(f), 2);
        RP_CHECK(rp_headless_render(h, f) == RP_OK);
        rp_figure_destroy(f);
        rp_series_destroy(other);
    }
    rp_headless_destroy(h);
}

static void test_stale_series_and_figure(void)
{
    rp_test_log hlog = {0}, flog = {0};
    rp_headless *h = NULL;
    RP_REQUIRE_VOID(
        rp_headless_create(
            &(rp_headless_desc){.width = 160, .height = 100, .log = rp_test_log_desc(&hlog)}, &h) ==
        RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.log = rp_test_log_desc(&flog)}, &f) ==
                    RP_OK);
    rp_series *keep = make_series("keep"), *gone = make_series("gone");
    RP_REQUIRE_VOID(keep && gone);
    RP_CHECK(rp_figure_add_series(f, 0, keep, NULL) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, 0, gone, &(rp_series_style){.label = "pressure"}) == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);

    /* Destroyed while still in the figure: the render fails and says which series. */
    rp_series_destroy(gone);
    rp_test_log_reset(&hlog);
    RP_CHECK(rp_headless_render(h, f) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(hlog.count, 1);
    RP_CHECK_EQ_INT(hlog.last_item, RP_LOGITEM_STALE_SERIES);
    RP_CHECK_MSG(strstr(hlog.last, "'pressure'") != NULL, "%s", hlog.last);
    RP_CHECK(strcmp(rp_headless_last_error(h), hlog.last) == 0);
    RP_CHECK(strcmp(rp_figure_last_error(f), hlog.last) == 0);
    /* The x view (follow mode) skips it instead of reading it. */
    double x0, x1;
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);

    /* A new series at the same address is not mistaken for the old one: the figure kept the
     * registration serial. The allocator may or may not hand the address straight back, so the
     * reuse is made certain here: "reborn" leaves the registry and comes back (a new serial),
     * exactly what a destroy followed by a create at the same address looks like. */
    rp_series *reborn = make_series("reborn");
    RP_REQUIRE_VOID(reborn != NULL);
    RP_CHECK(rp_figure_remove_series(f, gone) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, 0, reborn, NULL) == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    RP_CHECK(rp_handle_unregister(reborn, RP_HANDLE_SERIES));
    RP_CHECK(rp_handle_register(reborn, RP_HANDLE_SERIES) != 0);
    rp_test_log_reset(&hlog);
    RP_CHECK(rp_headless_render(h, f) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(hlog.last_item, RP_LOGITEM_STALE_SERIES);
    RP_CHECK(strstr(hlog.last, "'reborn'") != NULL);
    gone = reborn;

    /* Removing it (by address: nothing of it is read) makes the figure drawable again. */
    RP_CHECK(rp_figure_remove_series(f, gone) == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    rp_series_destroy(reborn);

    /* A destroyed figure is refused by the renderer, on the renderer's channel. */
    rp_figure_destroy(f);
    rp_test_log_reset(&hlog);
    RP_CHECK(rp_headless_render(h, f) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(hlog.last_item, RP_LOGITEM_STALE_HANDLE);
    RP_CHECK(strstr(rp_headless_last_error(h), "not a live figure") != NULL);
    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 10, .height = 10}, "/tmp/never.png") ==
             RP_ERR_INVALID_ARG);

    /* And a destroyed headless target: refused, never read; a second destroy does nothing. */
    rp_figure *g = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &g) == RP_OK);
    rp_headless_destroy(h);
    RP_CHECK(rp_headless_render(h, g) == RP_ERR_INVALID_ARG);
    uint8_t px[4];
    RP_CHECK(rp_headless_read_rgba(h, px, sizeof px) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_headless_write_png(h, "/tmp/never.png") == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_headless_renderer(h) == NULL);
    RP_CHECK(strstr(rp_headless_last_error(h), "not a live headless") != NULL);
    rp_headless_destroy(h);
    rp_figure_destroy(g);
    rp_series_destroy(keep);
}

/* A window that SDL cannot open explains itself through the desc's callback (SDL's reason). */
static void test_window_create_reason(void)
{
    setenv("SDL_VIDEODRIVER", "no-such-driver", 1);
    rp_test_log log = {0};
    rp_window *w = NULL;
    RP_CHECK(rp_window_create(&(rp_window_desc){.hidden = true, .log = rp_test_log_desc(&log)},
                              &w) == RP_ERR_PLATFORM);
    RP_CHECK(w == NULL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SDL_FAILED);
    RP_CHECK_MSG(strstr(log.last, "SDL video init failed") != NULL, "%s", log.last);
    unsetenv("SDL_VIDEODRIVER");

    /* no display at all (a server, CI): said at once, naming the library's way out, without
     * probing SDL's backends (libwayland printed "XDG_RUNTIME_DIR is invalid" first) */
    const char *names[3] = {"DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"};
    char *saved[3];
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        saved[i] = v ? strdup(v) : NULL;
        unsetenv(names[i]);
    }
    rp_test_log_reset(&log);
    RP_CHECK(rp_window_create(&(rp_window_desc){.hidden = true, .log = rp_test_log_desc(&log)},
                              &w) == RP_ERR_PLATFORM);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SDL_FAILED);
    RP_CHECK_MSG(strstr(log.last, "no display") && strstr(log.last, "rp_headless_create"), "%s",
                 log.last);
    for (int i = 0; i < 3; i++) {
        if (saved[i]) setenv(names[i], saved[i], 1);
        free(saved[i]);
    }
}

/* rp_render_png reports everything, the target's own creation included, on the figure's channel. */
static void test_render_png_channel(void)
{
    rp_test_log flog = {0};
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.log = rp_test_log_desc(&flog)}, &f) ==
                    RP_OK);
    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 20000, .height = 10},
                           "/tmp/never.png") == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(flog.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK_MSG(strstr(rp_figure_last_error(f), "20000") != NULL, "%s", rp_figure_last_error(f));
    rp_test_log_reset(&flog);
    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 40, .height = 30},
                           "/nonexistent-dir/x.png") == RP_ERR_IO);
    RP_CHECK_EQ_INT(flog.last_item, RP_LOGITEM_PNG_WRITE);
    RP_CHECK(rp_test_log_has(&flog, RP_LOGITEM_RENDERER_READY)); /* the target's renderer, info */
    rp_figure_destroy(f);
}

/* A program that draws in its own context (here another target's) and exports a PNG, or frees a
 * second target, keeps its context current: rp_render_png and rp_headless_destroy left none, and
 * the host's next frame drew nothing and returned RP_OK. Drawing with no context current is now
 * refused and said. */
static void test_caller_context_kept(void)
{
    rp_test_log hlog = {0};
    rp_headless *host = NULL, *other = NULL;
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(
        rp_headless_create(
            &(rp_headless_desc){.width = 64, .height = 48, .log = rp_test_log_desc(&hlog)},
            &host) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_series *s = make_series("s");
    RP_REQUIRE_VOID(s != NULL);
    RP_CHECK(rp_figure_add_series(f, 0, s, NULL) == RP_OK);
    rp_renderer *host_renderer = rp_headless_renderer(host);
    RP_CHECK(rp_renderer_draw(host_renderer, f, 0, 0, 64, 48) == RP_OK);
    rp_egl_current before = rp_egl_current_save();
    RP_CHECK(before.context != NULL);

    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 40, .height = 30},
                           "/tmp/rp-context-kept.png") == RP_OK);
    RP_CHECK(rp_egl_current_save().context == before.context);
    RP_CHECK(rp_renderer_draw(host_renderer, f, 0, 0, 64, 48) == RP_OK);

    RP_REQUIRE_VOID(rp_headless_create(&(rp_headless_desc){.width = 32, .height = 32}, &other) ==
                    RP_OK); /* current on return, as documented */
    RP_CHECK(rp_egl_current_save().context != before.context);
    rp_egl_current_restore(&before);
    rp_headless_destroy(other);
    RP_CHECK(rp_egl_current_save().context == before.context);
    RP_CHECK(rp_renderer_draw(host_renderer, f, 0, 0, 64, 48) == RP_OK);

    rp_egl_current none = {0};
    rp_egl_current_restore(&none);
    RP_CHECK(rp_egl_current_save().context == NULL);
    rp_test_log_reset(&hlog);
    RP_CHECK_EQ_INT(rp_renderer_draw(host_renderer, f, 0, 0, 64, 48), RP_ERR_GL);
    RP_CHECK_EQ_INT(hlog.last_item, RP_LOGITEM_GL_ERROR);
    RP_CHECK_MSG(strstr(hlog.last, "no GL context is current") != NULL, "%s", hlog.last);
    rp_headless_destroy(host);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    remove("/tmp/rp-context-kept.png");
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : "";
    if (!*only || !strcmp(only, "create")) test_renderer_create_reasons();
    if (!*only || !strcmp(only, "stale")) test_stale_series_and_figure();
    if (!*only || !strcmp(only, "stale")) test_stale_derived_panels();
    if (!*only || !strcmp(only, "png")) test_render_png_channel();
    if (!*only || !strcmp(only, "png")) test_caller_context_kept();
    if (!*only || !strcmp(only, "window")) test_window_create_reason();
    return rp_test_finish();
}
