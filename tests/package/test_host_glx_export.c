/* test_host_glx_export.c — rp_render_png from a host that draws with GLX (an SDL window on X11
 * without EGL, SDL's default there; run under Xvfb): EGL cannot make its context current while a
 * GLX context is (EGL_BAD_ACCESS), so the export releases the host's context and puts it back.
 * Checked: the export succeeds twice and writes a PNG, and afterwards the host's context is
 * current again and draws (a clear read back). It failed with "eglMakeCurrent without a
 * surface failed (EGL_BAD_ACCESS)" before. */
#define _GNU_SOURCE /* RTLD_NODELETE */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <glad/gl.h>

#include "ringplot.h"
#include "rp_test.h"

static GLADapiproc loader(void *user, const char *name)
{
    (void)user;
    void *p = SDL_GL_GetProcAddress(name);
    GLADapiproc f;
    memcpy(&f, &p, sizeof f);
    return f;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    /* SDL_Quit would unload Mesa under LeakSanitizer's feet (as test_host_gl says) */
    const char *libs[] = {"libGLX.so.0", "libGL.so.1", "libEGL.so.1", "libglapi.so.0",
                          "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        dlopen(libs[i], RTLD_LAZY | RTLD_NODELETE);
    SDL_SetHint(SDL_HINT_VIDEO_X11_FORCE_EGL, "0"); /* GLX, as a host gets by default */
    RP_REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_Window *win =
        SDL_CreateWindow("glx host", 0, 0, 160, 120, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    RP_REQUIRE(win);
    SDL_GLContext ctx = SDL_GL_CreateContext(win);
    RP_REQUIRE(ctx);
    GladGLContext gl;
    RP_REQUIRE(gladLoadGLContextUserPtr(&gl, loader, NULL) != 0);

    rp_series *s = NULL;
    rp_figure *f = NULL;
    int panel = 0;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.capacity = 4096, .rate = 100}, &s) == RP_OK);
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = (float)(i % 100) / 100.0f;
    rp_push(s, v, 1000);
    RP_REQUIRE(rp_figure_create(&(rp_figure_desc){.title = "export"}, &f) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(f, NULL, &panel) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(f, panel, s, NULL) == RP_OK);

    char path[1024];
    snprintf(path, sizeof path, "%s/host_glx_export.png", dir);
    for (int k = 0; k < 2; k++) {
        remove(path);
        rp_status st = rp_render_png(f, &(rp_headless_desc){.width = 320, .height = 200}, path);
        RP_CHECK_MSG(st == RP_OK, "export %d: %s", k, rp_figure_last_error(f));
        FILE *png = fopen(path, "rb");
        RP_CHECK_MSG(png != NULL, "export %d: no %s", k, path);
        if (png) fclose(png);
        RP_CHECK(SDL_GL_GetCurrentContext() == ctx);
        /* the host's context draws again */
        gl.ClearColor(0.0f, 1.0f, 0.0f, 1.0f);
        gl.Clear(GL_COLOR_BUFFER_BIT);
        unsigned char px[4] = {0};
        gl.ReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        RP_CHECK_MSG(px[0] == 0 && px[1] == 255 && px[2] == 0, "export %d: read %d %d %d", k, px[0],
                     px[1], px[2]);
        RP_CHECK(gl.GetError() == GL_NO_ERROR);
    }
    rp_figure_destroy(f);
    rp_series_destroy(s);
    SDL_GL_DeleteContext(ctx);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return rp_test_finish();
}
