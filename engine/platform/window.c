/* window.c — rp_window_*: an SDL2 window with a GL 3.3 core context and an rp_renderer in it.
 * The one file of the library that includes SDL. Event handling stays with the caller. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <glad/gl.h>

#include "ringplot.h"

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
#define RP_WINDOW_MAGIC 0x52505749u /* "RPWI" */

struct rp_window {
    uint32_t magic;
    SDL_Window *window;
    SDL_GLContext context;
    GladGLContext gl;
    rp_renderer *renderer;
    float scale;
    char error[256];
};

/* ---------------------------------------------------------------------------------------------
 * Module state: the reason of the last failed rp_window_create on this thread.
 * ------------------------------------------------------------------------------------------- */
static _Thread_local char create_error[256];

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static rp_status fail(rp_window *w, rp_status status, const char *fmt, ...)
{
    char *buf = w ? w->error : create_error;
    size_t size = w ? sizeof w->error : sizeof create_error;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return status;
}

static bool valid(const rp_window *w) { return w && w->magic == RP_WINDOW_MAGIC; }

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
rp_status rp_window_create(const rp_window_desc *desc, rp_window **out)
{
    create_error[0] = '\0';
    if (!out)
        return fail(NULL, RP_ERR_INVALID_ARG, "rp_window_create: out is NULL");
    *out = NULL;
    rp_window_desc d = desc ? *desc : (rp_window_desc){0};
    if (!d.title)
        d.title = "ringplot";
    if (d.width == 0)
        d.width = 1280;
    if (d.height == 0)
        d.height = 720;
    if (d.width < 0 || d.height < 0 || d.width > 16384 || d.height > 16384)
        return fail(NULL, RP_ERR_INVALID_ARG, "rp_window_create: invalid size %d x %d", d.width,
                    d.height);

    /* EGL on X11 too (not GLX): a headless EGL context can then be made current on this thread
     * between window frames (glvnd refuses EGL while a GLX context is current). The environment
     * (SDL_VIDEO_X11_FORCE_EGL=0) still wins. */
    SDL_SetHintWithPriority(SDL_HINT_VIDEO_X11_FORCE_EGL, "1", SDL_HINT_DEFAULT);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return fail(NULL, RP_ERR_PLATFORM, "window: SDL video init failed: %s (set "
                    "SDL_VIDEODRIVER=x11 with a DISPLAY, or SDL_VIDEODRIVER=offscreen)",
                    SDL_GetError());
    rp_window *w = calloc(1, sizeof *w);
    if (!w) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return fail(NULL, RP_ERR_NO_MEMORY, "rp_window_create: out of memory");
    }
    w->magic = RP_WINDOW_MAGIC;
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    Uint32 flags = SDL_WINDOW_OPENGL | (d.hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN);
    if (d.resizable)
        flags |= SDL_WINDOW_RESIZABLE;
    if (!d.no_high_dpi)
        flags |= SDL_WINDOW_ALLOW_HIGHDPI;
    w->window = SDL_CreateWindow(d.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, d.width,
                                 d.height, flags);
    if (!w->window) {
        fail(NULL, RP_ERR_PLATFORM, "window: SDL_CreateWindow failed: %s", SDL_GetError());
        goto fail_sdl;
    }
    w->context = SDL_GL_CreateContext(w->window);
    if (!w->context) {
        fail(NULL, RP_ERR_PLATFORM, "window: could not create an OpenGL 3.3 core context: %s",
             SDL_GetError());
        goto fail_sdl;
    }
    SDL_GL_MakeCurrent(w->window, w->context);
    if (!d.no_vsync && SDL_GL_SetSwapInterval(1) != 0)
        SDL_ClearError(); /* no vsync here: fall back silently */
    if (d.no_vsync)
        SDL_GL_SetSwapInterval(0);
    if (!gladLoadGLContextUserPtr(&w->gl, sdl_loader, NULL)) {
        fail(NULL, RP_ERR_PLATFORM, "window: could not load OpenGL 3.3 core entry points");
        goto fail_sdl;
    }
    update_scale(w);
    rp_renderer_desc rd = {.get_proc_address = SDL_GL_GetProcAddress, .scale = w->scale};
    rp_status st = rp_renderer_create(&rd, &w->renderer);
    if (st != RP_OK) {
        fail(NULL, st, "window: renderer creation failed (%s)", rp_status_string(st));
        SDL_GL_DeleteContext(w->context);
        SDL_DestroyWindow(w->window);
        free(w);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return st;
    }
    *out = w;
    return RP_OK;

fail_sdl:
    if (w->context)
        SDL_GL_DeleteContext(w->context);
    if (w->window)
        SDL_DestroyWindow(w->window);
    free(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return RP_ERR_PLATFORM;
}

void rp_window_destroy(rp_window *w)
{
    if (!valid(w))
        return;
    SDL_GL_MakeCurrent(w->window, w->context);
    rp_renderer_destroy(w->renderer);
    SDL_GL_MakeCurrent(w->window, NULL);
    SDL_GL_DeleteContext(w->context);
    SDL_DestroyWindow(w->window);
    w->magic = 0;
    free(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

rp_renderer *rp_window_renderer(rp_window *w) { return valid(w) ? w->renderer : NULL; }

rp_status rp_window_make_current(rp_window *w)
{
    if (!valid(w))
        return RP_ERR_INVALID_ARG;
    /* SDL skips MakeCurrent when it believes this context is still current, which is wrong after
     * a headless (EGL) context was made current on this thread: release first, then bind. */
    SDL_GL_MakeCurrent(w->window, NULL);
    if (SDL_GL_MakeCurrent(w->window, w->context) != 0)
        return fail(w, RP_ERR_PLATFORM, "window: SDL_GL_MakeCurrent failed: %s", SDL_GetError());
    return RP_OK;
}

rp_status rp_window_render(rp_window *w, rp_figure *figure)
{
    if (!valid(w))
        return RP_ERR_INVALID_ARG;
    rp_status st = rp_window_make_current(w);
    if (st != RP_OK)
        return st;
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
        if (st != RP_OK)
            return fail(w, st, "window: %s", rp_renderer_last_error(w->renderer));
    }
    return RP_OK;
}

rp_status rp_window_swap(rp_window *w)
{
    if (!valid(w))
        return RP_ERR_INVALID_ARG;
    SDL_GL_SwapWindow(w->window);
    return RP_OK;
}

rp_status rp_window_present(rp_window *w, rp_figure *figure)
{
    rp_status st = rp_window_render(w, figure);
    if (valid(w))
        SDL_GL_SwapWindow(w->window);
    return st;
}

rp_status rp_window_read_rgba(rp_window *w, uint8_t *rgba, size_t size)
{
    if (!valid(w) || !rgba)
        return RP_ERR_INVALID_ARG;
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    size_t row = (size_t)dw * 4u;
    if (size < row * (size_t)dh)
        return fail(w, RP_ERR_BUFFER_SMALL, "rp_window_read_rgba: need %zu bytes",
                    row * (size_t)dh);
    rp_status st = rp_window_make_current(w);
    if (st != RP_OK)
        return st;
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
    return gl->GetError() == GL_NO_ERROR ? RP_OK : RP_ERR_GL;
}

void rp_window_drawable_size(const rp_window *w, int *width, int *height)
{
    int dw = 0, dh = 0;
    if (valid(w))
        SDL_GL_GetDrawableSize(w->window, &dw, &dh);
    if (width)
        *width = dw;
    if (height)
        *height = dh;
}

float rp_window_scale(const rp_window *w)
{
    if (!valid(w))
        return 1.0f;
    int ww = 0, dw = 0, h = 0;
    SDL_GetWindowSize(w->window, &ww, &h);
    SDL_GL_GetDrawableSize(w->window, &dw, &h);
    return ww > 0 && dw > 0 ? (float)dw / (float)ww : 1.0f;
}

void *rp_window_sdl_window(rp_window *w) { return valid(w) ? (void *)w->window : NULL; }

const char *rp_window_last_error(const rp_window *w)
{
    if (!w)
        return create_error;
    return valid(w) ? w->error : "rp_window: invalid object";
}
