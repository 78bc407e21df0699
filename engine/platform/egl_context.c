/* egl_context.c — headless GL 3.3 core context on EGL's Mesa surfaceless platform + RGBA8 FBO.
 * The one file that includes glad's EGL header. See egl_context.h. */
#include "platform/egl_context.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glad/egl.h>

#ifndef EGL_NO_CONFIG_KHR
#define EGL_NO_CONFIG_KHR ((EGLConfig)0) /* EGL_KHR_no_config_context */
#endif

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
struct rp_egl_context {
    EGLDisplay display;
    EGLContext context;
    GladGLContext gl;
    GLuint fbo, color_rb;
    int width, height;
};

/* ---------------------------------------------------------------------------------------------
 * Module state: EGL's display is process-wide (eglGetPlatformDisplayEXT returns the same handle
 * to every caller, SDL's offscreen driver included), so it is initialised once and never
 * terminated: eglTerminate would pull it (and the driver) from under other users.
 * ------------------------------------------------------------------------------------------- */
static pthread_mutex_t egl_lock = PTHREAD_MUTEX_INITIALIZER;
static int egl_loaded;   /* glad's EGL entry points loaded (without a display) */
static int display_refs; /* contexts using the surfaceless display now */
static EGLDisplay display_shared = EGL_NO_DISPLAY; /* initialised on first use */

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
#define FAIL(log, status, item, ...) rp_log_fail(log, status, RP_LOGITEM_##item, __VA_ARGS__)

static const char *egl_error_name(EGLint code)
{
    switch (code) {
    case EGL_SUCCESS: return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
    default: return "EGL error";
    }
}

/* Loads libEGL's entry points once (caller holds egl_lock). */
static int load_egl_locked(void)
{
    if (!egl_loaded) egl_loaded = gladLoaderLoadEGL(EGL_NO_DISPLAY) != 0;
    /* Without a display glad loads no version's core entry points; the ones that say what is
     * current (rp_egl_current_save, before any target made a display) come by name. */
    if (egl_loaded && !eglGetCurrentContext && eglGetProcAddress) {
        void *p[4] = {(void *)eglGetProcAddress("eglGetCurrentContext"),
                      (void *)eglGetProcAddress("eglGetCurrentDisplay"),
                      (void *)eglGetProcAddress("eglGetCurrentSurface"),
                      (void *)eglGetProcAddress("eglMakeCurrent")};
        memcpy(&glad_eglGetCurrentContext, &p[0], sizeof p[0]);
        memcpy(&glad_eglGetCurrentDisplay, &p[1], sizeof p[1]);
        memcpy(&glad_eglGetCurrentSurface, &p[2], sizeof p[2]);
        if (!eglMakeCurrent) memcpy(&glad_eglMakeCurrent, &p[3], sizeof p[3]);
    }
    return egl_loaded;
}

/* RINGPLOT_EGL_PLATFORM=device: the first EGL device (EGL_EXT_device_enumeration +
 * EGL_EXT_platform_device, e.g. an NVIDIA GPU with no display), for the GPU benchmark
 * (tests/bench/gpu.sh). Entry points come from eglGetProcAddress: the glad loader does not name
 * these extensions. */
typedef EGLBoolean (*rp_query_devices_fn)(EGLint max, void **devices, EGLint *count);
#define RP_EGL_PLATFORM_DEVICE_EXT 0x313F
static EGLDisplay device_display(void)
{
    rp_query_devices_fn query = NULL;
    void *p = (void *)eglGetProcAddress("eglQueryDevicesEXT");
    memcpy(&query, &p, sizeof query);
    void *devices[8];
    EGLint count = 0;
    if (!query || !query(8, devices, &count) || count < 1) return EGL_NO_DISPLAY;
    return eglGetPlatformDisplayEXT(RP_EGL_PLATFORM_DEVICE_EXT, devices[0], NULL);
}

/* Gets and initialises the shared surfaceless display (reference counted). */
static rp_status acquire_display(EGLDisplay *out, rp_log_sink *log)
{
    rp_status status = RP_OK;
    pthread_mutex_lock(&egl_lock);
    if (!load_egl_locked()) {
        status = FAIL(log, RP_ERR_PLATFORM, EGL_UNAVAILABLE,
                      "headless: no EGL (libEGL.so.1 could not be loaded; install libegl1 "
                      "and libegl-mesa0)");
    } else if (display_shared != EGL_NO_DISPLAY) {
        display_refs++;
        *out = display_shared;
    } else if (!eglGetPlatformDisplayEXT) {
        status = FAIL(log, RP_ERR_PLATFORM, EGL_UNAVAILABLE,
                      "headless: EGL has no eglGetPlatformDisplayEXT "
                      "(EGL_EXT_platform_base missing)");
    } else {
        const char *platform = getenv("RINGPLOT_EGL_PLATFORM");
        EGLDisplay dpy = platform && strcmp(platform, "device") == 0
                             ? device_display()
                             : eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA,
                                                        EGL_DEFAULT_DISPLAY, NULL);
        EGLint major = 0, minor = 0;
        if (dpy == EGL_NO_DISPLAY && platform && strcmp(platform, "device") == 0) {
            status = FAIL(log, RP_ERR_PLATFORM, EGL_UNAVAILABLE,
                          "headless: RINGPLOT_EGL_PLATFORM=device but EGL lists no device "
                          "(EGL_EXT_device_enumeration / EGL_EXT_platform_device)");
        } else if (dpy == EGL_NO_DISPLAY) {
            status = FAIL(log, RP_ERR_PLATFORM, EGL_UNAVAILABLE,
                          "headless: EGL has no surfaceless platform "
                          "(EGL_MESA_platform_surfaceless: %s); is Mesa's libegl-mesa0 "
                          "installed?",
                          egl_error_name(eglGetError()));
        } else if (!eglInitialize(dpy, &major, &minor)) {
            status = FAIL(log, RP_ERR_PLATFORM, EGL_UNAVAILABLE,
                          "headless: eglInitialize on the surfaceless platform failed (%s)",
                          egl_error_name(eglGetError()));
        } else {
            gladLoaderLoadEGL(dpy); /* extensions of this display */
            display_shared = dpy;
            display_refs = 1;
            *out = dpy;
        }
    }
    pthread_mutex_unlock(&egl_lock);
    return status;
}

static void release_display(void)
{
    pthread_mutex_lock(&egl_lock);
    if (display_refs > 0) display_refs--;
    pthread_mutex_unlock(&egl_lock);
}

static GLADapiproc gl_loader(void *userptr, const char *name)
{
    (void)userptr;
    return (GLADapiproc)eglGetProcAddress(name);
}

/* ---------------------------------------------------------------------------------------------
 * Public (internal API) functions
 * ------------------------------------------------------------------------------------------- */
void *rp_egl_get_proc_address(const char *name)
{
    pthread_mutex_lock(&egl_lock);
    int ok = load_egl_locked();
    pthread_mutex_unlock(&egl_lock);
    if (!ok || !name) return NULL;
    return (void *)eglGetProcAddress(name);
}

rp_status rp_egl_context_create(int width, int height, rp_egl_context **out, rp_log_sink *log)
{
    if (!out || width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return FAIL(log, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "headless: invalid size %d x %d (1..16384)", width, height);
    *out = NULL;
    rp_egl_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return FAIL(log, RP_ERR_NO_MEMORY, OUT_OF_MEMORY, "headless: out of memory");
    ctx->width = width;
    ctx->height = height;
    ctx->context = EGL_NO_CONTEXT;
    rp_status st = acquire_display(&ctx->display, log);
    if (st != RP_OK) {
        free(ctx);
        return st;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        FAIL(log, RP_ERR_PLATFORM, EGL_CONTEXT, "headless: eglBindAPI(EGL_OPENGL_API) failed (%s)",
             egl_error_name(eglGetError()));
        goto fail_platform;
    }
    /* No config needed for a surfaceless context (EGL_KHR_no_config_context); fall back to
     * choosing one when the driver wants it. */
    EGLConfig config = NULL;
    const EGLint ctx_attribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                  3,
                                  EGL_CONTEXT_MINOR_VERSION,
                                  3,
                                  EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                  EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                  EGL_NONE};
    ctx->context = eglCreateContext(ctx->display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, ctx_attribs);
    if (ctx->context == EGL_NO_CONTEXT) {
        const EGLint cfg_attribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE,
                                      EGL_OPENGL_BIT, EGL_NONE};
        EGLint n = 0;
        if (eglChooseConfig(ctx->display, cfg_attribs, &config, 1, &n) && n > 0)
            ctx->context = eglCreateContext(ctx->display, config, EGL_NO_CONTEXT, ctx_attribs);
    }
    if (ctx->context == EGL_NO_CONTEXT) {
        FAIL(log, RP_ERR_PLATFORM, EGL_CONTEXT,
             "headless: could not create an OpenGL 3.3 core context (%s)",
             egl_error_name(eglGetError()));
        goto fail_platform;
    }
    if (!eglMakeCurrent(ctx->display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx->context)) {
        EGLint code = eglGetError();
        FAIL(log, RP_ERR_PLATFORM, EGL_CONTEXT,
             "headless: eglMakeCurrent without a surface failed (%s)%s", egl_error_name(code),
             code == EGL_BAD_ACCESS ? ": a context of another API (GLX?) is current on this "
                                      "thread; release it first (rp_render_png does)"
                                    : "");
        goto fail_platform;
    }
    if (!gladLoadGLContextUserPtr(&ctx->gl, gl_loader, NULL)) {
        FAIL(log, RP_ERR_PLATFORM, GL_LOAD_FAILED,
             "headless: could not load OpenGL 3.3 core entry points");
        goto fail_platform;
    }
    GladGLContext *gl = &ctx->gl;
    while (gl->GetError() != GL_NO_ERROR) {
    }
    gl->GenFramebuffers(1, &ctx->fbo);
    gl->GenRenderbuffers(1, &ctx->color_rb);
    gl->BindRenderbuffer(GL_RENDERBUFFER, ctx->color_rb);
    gl->RenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    gl->BindFramebuffer(GL_FRAMEBUFFER, ctx->fbo);
    gl->FramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                ctx->color_rb);
    GLenum fb_status = gl->CheckFramebufferStatus(GL_FRAMEBUFFER);
    if (fb_status != GL_FRAMEBUFFER_COMPLETE) {
        rp_egl_context_destroy(ctx);
        return FAIL(log, RP_ERR_GL, FRAMEBUFFER,
                    "headless: RGBA8 framebuffer of %d x %d is incomplete (0x%04x)", width, height,
                    (unsigned)fb_status);
    }
    gl->Viewport(0, 0, width, height);
    *out = ctx;
    return RP_OK;

fail_platform:
    if (ctx->context != EGL_NO_CONTEXT) {
        eglMakeCurrent(ctx->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(ctx->display, ctx->context);
    }
    release_display();
    free(ctx);
    return RP_ERR_PLATFORM;
}

void rp_egl_context_destroy(rp_egl_context *ctx)
{
    if (!ctx) return;
    if (ctx->context != EGL_NO_CONTEXT) {
        if (eglGetCurrentContext() != ctx->context)
            eglMakeCurrent(ctx->display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx->context);
        if (ctx->gl.DeleteFramebuffers) {
            ctx->gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
            ctx->gl.DeleteFramebuffers(1, &ctx->fbo);
            ctx->gl.DeleteRenderbuffers(1, &ctx->color_rb);
        }
        eglMakeCurrent(ctx->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(ctx->display, ctx->context);
    }
    release_display();
    free(ctx);
}

rp_status rp_egl_context_make_current(rp_egl_context *ctx)
{
    if (!ctx) return RP_ERR_INVALID_ARG;
    if (eglGetCurrentContext() != ctx->context &&
        !eglMakeCurrent(ctx->display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx->context))
        return RP_ERR_PLATFORM;
    ctx->gl.BindFramebuffer(GL_FRAMEBUFFER, ctx->fbo);
    return RP_OK;
}

/* GLX's entry points, when the process has loaded libGLX or libGL (a host that draws with GLX:
 * SDL's default on X11); NULL otherwise. Looked up where needed (an export, a target freed):
 * ringplot never loads GLX itself, and keeps no state of it. */
typedef struct glx_api {
    void *(*get_context)(void);
    void *(*get_display)(void);
    unsigned long (*get_draw)(void), (*get_read)(void); /* GLXDrawable: an XID */
    int (*make_context_current)(void *display, unsigned long draw, unsigned long read,
                                void *context);
} glx_api;

static bool glx_lookup(glx_api *g)
{
    static const char *const libs[] = {"libGLX.so.0", "libGL.so.1"};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
        void *lib = dlopen(libs[i], RTLD_LAZY | RTLD_NOLOAD); /* only one already loaded */
        if (!lib) continue;
        void *p[5] = {dlsym(lib, "glXGetCurrentContext"), dlsym(lib, "glXGetCurrentDisplay"),
                      dlsym(lib, "glXGetCurrentDrawable"), dlsym(lib, "glXGetCurrentReadDrawable"),
                      dlsym(lib, "glXMakeContextCurrent")};
        dlclose(lib); /* the host's own reference keeps it loaded */
        if (!p[0] || !p[1] || !p[2] || !p[3] || !p[4]) continue;
        memcpy(&g->get_context, &p[0], sizeof p[0]);
        memcpy(&g->get_display, &p[1], sizeof p[1]);
        memcpy(&g->get_draw, &p[2], sizeof p[2]);
        memcpy(&g->get_read, &p[3], sizeof p[3]);
        memcpy(&g->make_context_current, &p[4], sizeof p[4]);
        return true;
    }
    return false;
}

rp_egl_current rp_egl_current_save(void)
{
    rp_egl_current saved = {0};
    /* A GLX context current on this thread: EGL cannot make one of its own current over it
     * (EGL_BAD_ACCESS), so it is released until rp_egl_current_restore. */
    glx_api glx;
    if (glx_lookup(&glx) && (saved.glx_context = glx.get_context()) != NULL) {
        saved.glx_display = glx.get_display();
        saved.glx_draw = glx.get_draw();
        saved.glx_read = glx.get_read();
        if (!glx.make_context_current(saved.glx_display, 0, 0, NULL))
            saved.glx_context = NULL; /* still current: nothing to put back */
    }
    pthread_mutex_lock(&egl_lock);
    int loaded = load_egl_locked();
    pthread_mutex_unlock(&egl_lock);
    if (!loaded || !eglGetCurrentContext || !eglGetCurrentDisplay || !eglGetCurrentSurface)
        return saved; /* no libEGL: nothing of EGL's can be current */
    saved.context = eglGetCurrentContext();
    if (saved.context != EGL_NO_CONTEXT) {
        saved.display = eglGetCurrentDisplay();
        saved.draw = eglGetCurrentSurface(EGL_DRAW);
        saved.read = eglGetCurrentSurface(EGL_READ);
    }
    return saved;
}

void rp_egl_current_restore(const rp_egl_current *saved)
{
    /* (libEGL never loaded: nothing of EGL's was made current) */
    EGLContext now = eglGetCurrentContext && eglMakeCurrent && eglGetCurrentDisplay
                         ? eglGetCurrentContext()
                         : (EGLContext)saved->context;
    if (now != (EGLContext)saved->context) {
        if (saved->context != EGL_NO_CONTEXT)
            eglMakeCurrent((EGLDisplay)saved->display, (EGLSurface)saved->draw,
                           (EGLSurface)saved->read, (EGLContext)saved->context);
        else
            eglMakeCurrent(eglGetCurrentDisplay(), EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    }
    glx_api glx;
    if (saved->glx_context && glx_lookup(&glx))
        glx.make_context_current(saved->glx_display, saved->glx_draw, saved->glx_read,
                                 saved->glx_context);
}

GladGLContext *rp_egl_context_gl(rp_egl_context *ctx) { return ctx ? &ctx->gl : NULL; }
unsigned rp_egl_context_fbo(const rp_egl_context *ctx) { return ctx ? ctx->fbo : 0; }
int rp_egl_context_width(const rp_egl_context *ctx) { return ctx ? ctx->width : 0; }
int rp_egl_context_height(const rp_egl_context *ctx) { return ctx ? ctx->height : 0; }

const char *rp_egl_context_renderer_string(rp_egl_context *ctx)
{
    if (!ctx) return "";
    const GLubyte *s = ctx->gl.GetString(GL_RENDERER);
    return s ? (const char *)s : "";
}

rp_status rp_egl_context_read_rgba(rp_egl_context *ctx, uint8_t *rgba, size_t size)
{
    if (!ctx || !rgba || size < (size_t)ctx->width * (size_t)ctx->height * 4u)
        return RP_ERR_INVALID_ARG;
    rp_status st = rp_egl_context_make_current(ctx);
    if (st != RP_OK) return st;
    GladGLContext *gl = &ctx->gl;
    GLint prev_read_fb = 0, prev_pack = 4;
    gl->GetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read_fb);
    gl->GetIntegerv(GL_PACK_ALIGNMENT, &prev_pack);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, ctx->fbo);
    gl->PixelStorei(GL_PACK_ALIGNMENT, 1);
    gl->Finish();
    gl->ReadPixels(0, 0, ctx->width, ctx->height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    gl->PixelStorei(GL_PACK_ALIGNMENT, prev_pack);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, (GLuint)prev_read_fb);
    /* GL rows go bottom to top: flip in place to top-row-first. */
    size_t row = (size_t)ctx->width * 4u;
    for (int y = 0; y < ctx->height / 2; y++) {
        uint8_t *a = rgba + (size_t)y * row;
        uint8_t *b = rgba + (size_t)(ctx->height - 1 - y) * row;
        for (size_t i = 0; i < row; i++) {
            uint8_t t = a[i];
            a[i] = b[i];
            b[i] = t;
        }
    }
    return gl->GetError() == GL_NO_ERROR ? RP_OK : RP_ERR_GL;
}
