/* window.c — rp_window_*: an SDL2 window with a GL 3.3 core context and an rp_renderer in it.
 * The one file of the library that includes SDL. Event handling stays with the caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <glad/gl.h>

#include "core/handles.h"
#include "core/log.h"
#include "ringplot.h"

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
#define FAIL(w, status, item, ...) rp_log_fail(&(w)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

struct rp_window {
    rp_log_sink log; /* failures: desc.log's callback and error */
    char error[RP_ERROR_MAX];
    SDL_Window *window;
    SDL_GLContext context;
    GladGLContext gl;
    rp_renderer *renderer;
    float scale;
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static bool valid(const rp_window *w) { return rp_handle_live(w, RP_HANDLE_WINDOW); }

static GLADapiproc sdl_loader(void *userptr, const char *name)
{
    (void)userptr;
    return (GLADapiproc)SDL_GL_GetProcAddress(name);
}

static void update_scale(rp_window *w)
{
    int ww = 0, wh = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(w->window, &ww, &wh);
    SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    w->scale = ww > 0 && dw > 0 ? (float)dw / (float)ww : 1.0f;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
/* Set and not empty. */
static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

/* SDL's video on a display: its X11 (or Wayland) driver, not the offscreen or dummy one SDL 2.26+
 * falls back to when no display driver starts. On a loaded machine X11 has been seen to fail now
 * and then with an X server that is there (QA: about one start in two with both cores busy, a
 * plain SDL program too), so with a DISPLAY it gets five tries, 0.2 s apart, on its own (no other
 * driver probed: Wayland's prints an error each time), before SDL chooses as it does. Returns
 * SDL_InitSubSystem's result; *fell_back: the video is up on a driver where no window is seen
 * (SDL_VIDEODRIVER did not ask for it). */
static int video_init(bool *fell_back)
{
    *fell_back = false;
    if (env_set("DISPLAY") && !env_set("SDL_VIDEODRIVER")) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) SDL_Delay(200);
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
            int rc = SDL_InitSubSystem(SDL_INIT_VIDEO);
            SDL_ResetHint(SDL_HINT_VIDEODRIVER);
            if (rc == 0) return 0;
        }
    }
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return -1;
    const char *driver = SDL_GetCurrentVideoDriver();
    *fell_back = !env_set("SDL_VIDEODRIVER") && driver &&
                 (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"));
    return 0;
}

bool rp_window_display_available(void)
{
    /* No X display, no Wayland one and no login session (a server, a container, CI): nothing
     * to show a window on, and probing SDL's Wayland backend would print libwayland's
     * "XDG_RUNTIME_DIR is invalid" as an error first. A console with a session (KMSDRM) still
     * asks SDL. */
    if (!env_set("SDL_VIDEODRIVER") && !env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY") &&
        !env_set("XDG_RUNTIME_DIR"))
        return false;
    bool fell_back = false;
    if (video_init(&fell_back) != 0) return false;
    const char *driver = SDL_GetCurrentVideoDriver();
    bool shown = driver && strcmp(driver, "offscreen") != 0 && strcmp(driver, "dummy") != 0;
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return shown;
}

rp_status rp_window_create(const rp_window_desc *desc, rp_window **out)
{
    rp_window_desc d = desc ? *desc : (rp_window_desc){0};
    const rp_log_desc *log = &d.log;
    if (!out)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_window_create: out is NULL");
    *out = NULL;
    if (!d.title) d.title = "ringplot";
    if (d.width == 0) d.width = 1280;
    if (d.height == 0) d.height = 720;
    if (d.width < 0 || d.height < 0 || d.width > 16384 || d.height > 16384)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_window_create: invalid size %d x %d (1..16384)", d.width,
                                  d.height);

    /* EGL on X11 too (not GLX): a headless EGL context can then be made current on this thread
     * between window frames (glvnd refuses EGL while a GLX context is current). The environment
     * (SDL_VIDEO_X11_FORCE_EGL=0) still wins. */
    SDL_SetHintWithPriority(SDL_HINT_VIDEO_X11_FORCE_EGL, "1", SDL_HINT_DEFAULT);
    /* nothing to show a window on: said without probing SDL's backends (its Wayland one prints
     * libwayland's "XDG_RUNTIME_DIR is invalid" first) */
    if (!env_set("SDL_VIDEODRIVER") && !env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY") &&
        !env_set("XDG_RUNTIME_DIR"))
        return rp_log_create_fail(log, RP_ERR_PLATFORM, RP_LOGITEM_SDL_FAILED,
                                  "window: no display (DISPLAY, WAYLAND_DISPLAY and "
                                  "XDG_RUNTIME_DIR are unset): draw headless instead "
                                  "(rp_headless_create, rp_render_png; ringplot --headless), or "
                                  "set SDL_VIDEODRIVER");
    bool fell_back = false;
    if (video_init(&fell_back) != 0)
        return rp_log_create_fail(log, RP_ERR_PLATFORM, RP_LOGITEM_SDL_FAILED,
                                  "window: SDL video init failed: %s (set SDL_VIDEODRIVER=x11 "
                                  "with a DISPLAY, or SDL_VIDEODRIVER=offscreen)",
                                  SDL_GetError());
    /* SDL 2.26+ falls back to its offscreen driver when no display driver starts (an X server
     * that refused the connection, five times): a window there is never seen and never closed by
     * a user, so it is an error unless SDL_VIDEODRIVER asked for it */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (fell_back) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return rp_log_create_fail(
            log, RP_ERR_PLATFORM, RP_LOGITEM_SDL_FAILED,
            "window: no display could be opened (DISPLAY '%s', WAYLAND_DISPLAY "
            "'%s'): SDL fell back to its '%s' driver, where a window is "
            "never seen (draw headless instead: rp_headless_create, rp_render_png; "
            "ringplot --headless; or set SDL_VIDEODRIVER=offscreen to mean it)",
            getenv("DISPLAY") ? getenv("DISPLAY") : "",
            getenv("WAYLAND_DISPLAY") ? getenv("WAYLAND_DISPLAY") : "", driver);
    }
    rp_window *w = calloc(1, sizeof *w);
    if (!w) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return rp_log_create_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_window_create: out of memory");
    }
    rp_status st = RP_ERR_PLATFORM;
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    Uint32 flags = SDL_WINDOW_OPENGL | (d.hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN);
    if (d.resizable) flags |= SDL_WINDOW_RESIZABLE;
    if (!d.no_high_dpi) flags |= SDL_WINDOW_ALLOW_HIGHDPI;
    w->window = SDL_CreateWindow(d.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, d.width,
                                 d.height, flags);
    if (!w->window) {
        rp_log_create_fail(log, st, RP_LOGITEM_SDL_FAILED, "window: SDL_CreateWindow failed: %s",
                           SDL_GetError());
        goto fail_sdl;
    }
    w->context = SDL_GL_CreateContext(w->window);
    if (!w->context) {
        rp_log_create_fail(log, st, RP_LOGITEM_SDL_FAILED,
                           "window: could not create an OpenGL 3.3 core context: %s",
                           SDL_GetError());
        goto fail_sdl;
    }
    SDL_GL_MakeCurrent(w->window, w->context);
    if (!d.no_vsync && SDL_GL_SetSwapInterval(1) != 0)
        SDL_ClearError(); /* no vsync here: fall back silently */
    if (d.no_vsync) SDL_GL_SetSwapInterval(0);
    if (!gladLoadGLContextUserPtr(&w->gl, sdl_loader, NULL)) {
        rp_log_create_fail(log, st, RP_LOGITEM_GL_LOAD_FAILED,
                           "window: could not load OpenGL 3.3 core entry points");
        goto fail_sdl;
    }
    update_scale(w);
    /* The renderer reports to the same channel (its own create failure too: once, there). */
    rp_renderer_desc rd = {
        .get_proc_address = SDL_GL_GetProcAddress, .scale = w->scale, .log = d.log};
    st = rp_renderer_create(&rd, &w->renderer);
    if (st != RP_OK) goto fail_sdl;
    if (!rp_handle_register(w, RP_HANDLE_WINDOW)) {
        rp_renderer_destroy(w->renderer);
        st = rp_log_create_fail(log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                "rp_window_create: %d objects are live already "
                                "(RP_MAX_LIVE_OBJECTS)",
                                RP_MAX_LIVE_OBJECTS);
        goto fail_sdl;
    }
    rp_log_sink_init(&w->log, log, w->error, sizeof w->error);
    *out = w;
    return RP_OK;

fail_sdl:
    if (w->context) SDL_GL_DeleteContext(w->context);
    if (w->window) SDL_DestroyWindow(w->window);
    free(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return st;
}

void rp_window_destroy(rp_window *w)
{
    if (!rp_handle_unregister(w, RP_HANDLE_WINDOW))
        return; /* NULL, stale or another kind: never read, never freed twice */
    SDL_GL_MakeCurrent(w->window, w->context);
    rp_renderer_destroy(w->renderer);
    SDL_GL_MakeCurrent(w->window, NULL);
    SDL_GL_DeleteContext(w->context);
    SDL_DestroyWindow(w->window);
    free(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

rp_renderer *rp_window_renderer(rp_window *w) { return valid(w) ? w->renderer : NULL; }

rp_status rp_window_make_current(rp_window *w)
{
    if (!valid(w)) return RP_ERR_INVALID_ARG;
    /* SDL skips MakeCurrent when it believes this context is still current, which is wrong after
     * a headless (EGL) context was made current on this thread: release first, then bind. */
    SDL_GL_MakeCurrent(w->window, NULL);
    if (SDL_GL_MakeCurrent(w->window, w->context) != 0)
        return FAIL(w, RP_ERR_PLATFORM, SDL_FAILED, "window: SDL_GL_MakeCurrent failed: %s",
                    SDL_GetError());
    return RP_OK;
}

rp_status rp_window_render(rp_window *w, rp_figure *figure)
{
    if (!valid(w)) return RP_ERR_INVALID_ARG;
    rp_status st = rp_window_make_current(w);
    if (st != RP_OK) return st;
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    update_scale(w);
    GladGLContext *gl = &w->gl;
    gl->BindFramebuffer(GL_FRAMEBUFFER, 0);
    gl->Viewport(0, 0, dw, dh);
    gl->Disable(GL_SCISSOR_TEST);
    gl->ClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    if (figure && dw > 0 && dh > 0) {
        st = rp_renderer_draw(w->renderer, figure, 0, 0, dw, dh);
        if (st != RP_OK) { /* the renderer reported it on this channel already: keep it */
            rp_log_sink_keep(&w->log, RP_LOGITEM_NONE, rp_renderer_last_error(w->renderer));
            return st;
        }
    }
    return RP_OK;
}

rp_status rp_window_swap(rp_window *w)
{
    if (!valid(w)) return RP_ERR_INVALID_ARG;
    SDL_GL_SwapWindow(w->window);
    return RP_OK;
}

rp_status rp_window_present(rp_window *w, rp_figure *figure)
{
    rp_status st = rp_window_render(w, figure);
    if (valid(w)) SDL_GL_SwapWindow(w->window);
    return st;
}

rp_status rp_window_read_rgba(rp_window *w, uint8_t *rgba, size_t size)
{
    if (!valid(w)) return RP_ERR_INVALID_ARG;
    if (!rgba)
        return FAIL(w, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "rp_window_read_rgba: rgba is NULL");
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    size_t row = (size_t)dw * 4u;
    if (size < row * (size_t)dh)
        return FAIL(w, RP_ERR_BUFFER_SMALL, BUFFER_TOO_SMALL,
                    "rp_window_read_rgba: need %zu bytes, got %zu", row * (size_t)dh, size);
    rp_status st = rp_window_make_current(w);
    if (st != RP_OK) return st;
    GladGLContext *gl = &w->gl;
    while (gl->GetError() != GL_NO_ERROR) {
    }
    /* The default read buffer is the back buffer (double-buffered) or the only one (pbuffer). */
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    gl->Finish();
    gl->PixelStorei(GL_PACK_ALIGNMENT, 1);
    gl->ReadPixels(0, 0, dw, dh, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    gl->PixelStorei(GL_PACK_ALIGNMENT, 4);
    for (int y = 0; y < dh / 2; y++) {
        uint8_t *a = rgba + (size_t)y * row, *b = rgba + (size_t)(dh - 1 - y) * row;
        for (size_t i = 0; i < row; i++) {
            uint8_t t = a[i];
            a[i] = b[i];
            b[i] = t;
        }
    }
    GLenum e = gl->GetError();
    return e == GL_NO_ERROR
               ? RP_OK
               : FAIL(w, RP_ERR_GL, GL_ERROR, "rp_window_read_rgba: glReadPixels failed (0x%04x)",
                      (unsigned)e);
}

void rp_window_drawable_size(const rp_window *w, int *width, int *height)
{
    int dw = 0, dh = 0;
    if (valid(w)) SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    if (width) *width = dw;
    if (height) *height = dh;
}

float rp_window_scale(const rp_window *w)
{
    if (!valid(w)) return 1.0f;
    int ww = 0, dw = 0, h = 0;
    SDL_GetWindowSize(w->window, &ww, &h);
    SDL_GL_GetDrawableSize(w->window, &dw, &h);
    return ww > 0 && dw > 0 ? (float)dw / (float)ww : 1.0f;
}

void *rp_window_sdl_window(rp_window *w) { return valid(w) ? (void *)w->window : NULL; }

const char *rp_window_last_error(const rp_window *w)
{
    return valid(w) ? w->error : "not a live window (NULL, destroyed, or another kind of object)";
}
