/* egl_context.h — internal: a headless GL 3.3 core context (EGL, Mesa surfaceless platform)
 * with an explicit GL_RGBA8 framebuffer object. Used by rp_headless_* and by the render tests.
 *
 *   rp_egl_context_create   make a context + FBO of width × height (current on return)
 *   rp_egl_context_destroy  free it (NULL ignored)
 *   rp_egl_context_make_current / rp_egl_context_gl / rp_egl_context_fbo / _width / _height
 *   rp_egl_context_read_rgba  glReadPixels from the FBO, rows flipped to top-row-first
 *   rp_egl_get_proc_address   eglGetProcAddress through glad's EGL loader (a GL loader func)
 *
 * No global state except EGL's own: the EGL display is process-wide in EGL, so it is shared,
 * initialised on first use and never terminated (SDL's offscreen driver may hold the same display).
 * Several contexts may exist at once; each call makes sense on the thread where that context is
 * current. */
#ifndef RP_PLATFORM_EGL_CONTEXT_H
#define RP_PLATFORM_EGL_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include <glad/gl.h>

#include "core/log.h"
#include "ringplot.h"

typedef struct rp_egl_context rp_egl_context;

/* Creates the context and an RGBA8 FBO (bound, viewport set), current on this thread.
 * On failure returns RP_ERR_PLATFORM (no EGL / no surfaceless platform / no context) or
 * RP_ERR_GL (FBO incomplete), having reported the reason on log (EGL_UNAVAILABLE, EGL_CONTEXT,
 * GL_LOAD_FAILED, FRAMEBUFFER). */
rp_status rp_egl_context_create(int width, int height, rp_egl_context **out, rp_log_sink *log);
void rp_egl_context_destroy(rp_egl_context *ctx);
/* Makes the context current on this thread and binds its FBO. */
rp_status rp_egl_context_make_current(rp_egl_context *ctx);
GladGLContext *rp_egl_context_gl(rp_egl_context *ctx); /* borrowed, lives with ctx */
unsigned rp_egl_context_fbo(const rp_egl_context *ctx);
int rp_egl_context_width(const rp_egl_context *ctx);
int rp_egl_context_height(const rp_egl_context *ctx);
const char *rp_egl_context_renderer_string(rp_egl_context *ctx); /* GL_RENDERER */
/* Reads the FBO (after glFinish) into rgba, top row first; size >= width*height*4. */
rp_status rp_egl_context_read_rgba(rp_egl_context *ctx, uint8_t *rgba, size_t size);

/* The EGL context current on this thread when saved (a host's, another target's, or none), and
 * putting it back: the calls that make their own context current for a while (rp_render_png,
 * rp_headless_destroy) leave the caller's as they found it. A host's GLX context (SDL on X11
 * without EGL) is released by the save, as EGL cannot make a context current over it, and made
 * current again by the restore. */
typedef struct rp_egl_current {
    void *display, *draw, *read, *context; /* EGLDisplay, EGLSurface x 2, EGLContext */
    void *glx_display, *glx_context;       /* Display *, GLXContext (NULL: none released) */
    unsigned long glx_draw, glx_read;      /* GLXDrawable */
} rp_egl_current;
rp_egl_current rp_egl_current_save(void);
void rp_egl_current_restore(const rp_egl_current *saved);

/* eglGetProcAddress, usable as rp_gl_proc_loader; loads glad's EGL entry points on first use.
 * Returns NULL when libEGL is missing. */
void *rp_egl_get_proc_address(const char *name);

#endif
