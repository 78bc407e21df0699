/* embed_sdl.c — a live plot inside a plain SDL2 + OpenGL 3.3 program that owns its window,
 * context, GL loader (SDL_GL_GetProcAddress) and loop, and draws its own scene.
 *
 *   embed_sdl [--frames N] [--png out.png]     (Esc or close the window to quit)
 *
 * What to look at:
 *   - the host's scene: a rotating colour triangle over a dark blue clear colour;
 *   - a ringplot panel on top of it, bottom right (its own sub-viewport), following the last
 *     second of a 2 kHz "sensor" pushed by a producer thread, with a smoothed copy;
 *   - the host binds its program, vertex array and viewport once, before the loop: they stay
 *     valid frame after frame because rp_renderer_draw restores the GL state it changes;
 *   - ringplot never swaps or polls events: the host does both. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_opengl.h> /* GL types and PFNGL...PROC typedefs; the functions are loaded below */

#include "ringplot.h"

enum { W = 960, H = 600, RATE = 2000 };

/* The host's own GL function table (GL 1.1 entry points have no PFN typedefs in glext.h). */
typedef void(APIENTRY *pfn_clear)(GLbitfield);
typedef void(APIENTRY *pfn_clear_color)(GLfloat, GLfloat, GLfloat, GLfloat);
typedef void(APIENTRY *pfn_draw_arrays)(GLenum, GLint, GLsizei);
typedef void(APIENTRY *pfn_read_pixels)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void *);
/* One X-macro list, laid out by hand. */
/* clang-format off */
#define GL_FUNCS(X) X(pfn_clear, Clear) X(pfn_clear_color, ClearColor) \
    X(pfn_draw_arrays, DrawArrays) X(pfn_read_pixels, ReadPixels) \
    X(PFNGLCREATESHADERPROC, CreateShader) X(PFNGLSHADERSOURCEPROC, ShaderSource) \
    X(PFNGLCOMPILESHADERPROC, CompileShader) X(PFNGLCREATEPROGRAMPROC, CreateProgram) \
    X(PFNGLATTACHSHADERPROC, AttachShader) X(PFNGLLINKPROGRAMPROC, LinkProgram) \
    X(PFNGLUSEPROGRAMPROC, UseProgram) X(PFNGLGETUNIFORMLOCATIONPROC, GetUniformLocation) \
    X(PFNGLUNIFORM1FPROC, Uniform1f) X(PFNGLGENVERTEXARRAYSPROC, GenVertexArrays) \
    X(PFNGLBINDVERTEXARRAYPROC, BindVertexArray) X(PFNGLGENBUFFERSPROC, GenBuffers) \
    X(PFNGLBINDBUFFERPROC, BindBuffer) X(PFNGLBUFFERDATAPROC, BufferData) \
    X(PFNGLVERTEXATTRIBPOINTERPROC, VertexAttribPointer) \
    X(PFNGLENABLEVERTEXATTRIBARRAYPROC, EnableVertexAttribArray)
/* clang-format on */
#define DECLARE(type, name) type name;
typedef struct host_gl {
    GL_FUNCS(DECLARE)
} host_gl;

static const char *vs_src =
    "#version 330 core\n"
    "layout(location = 0) in vec2 pos; layout(location = 1) in vec3 col;\n"
    "uniform float angle; out vec3 v_col;\n"
    "void main() { float c = cos(angle), s = sin(angle);\n"
    "  gl_Position = vec4(mat2(c, s, -s, c) * pos * vec2(0.62, 1.0) - vec2(0.3, 0.0), 0, 1);\n"
    "  v_col = col; }\n";
static const char *fs_src = "#version 330 core\nin vec3 v_col; out vec4 o;\n"
                            "void main() { o = vec4(v_col, 1.0); }\n";

typedef struct producer {
    rp_series *raw, *smooth;
    atomic_bool stop;
} producer;

static int produce(void *arg) /* pushes RATE samples per second, in real time */
{
    producer *p = arg;
    Uint64 start = SDL_GetTicks64();
    int64_t i = 0;
    float ema = 0.0f, raw[256], smooth[256];
    while (!atomic_load(&p->stop)) {
        int64_t due = (int64_t)(SDL_GetTicks64() - start) * RATE / 1000;
        int n = 0;
        for (; i < due && n < 256; i++, n++) {
            double t = (double)i / RATE;
            raw[n] = (float)(sin(2 * 3.14159265 * 3 * t) + 0.4 * sin(2 * 3.14159265 * 17 * t) +
                             0.15 * ((double)((i * 7919) % 1000) / 500.0 - 1.0));
            smooth[n] = ema += 0.05f * (raw[n] - ema);
        }
        rp_push(p->raw, raw, n); /* copied; lock-free */
        rp_push(p->smooth, smooth, n);
        SDL_Delay(5);
    }
    return 0;
}

static void *load(const char *name) { return SDL_GL_GetProcAddress(name); }

int main(int argc, char **argv)
{
    int frames = -1, failed = 0;
    const char *png = NULL;
    for (int a = 1; a + 1 < argc; a += 2)
        if (!strcmp(argv[a], "--frames"))
            frames = SDL_atoi(argv[a + 1]);
        else if (!strcmp(argv[a], "--png"))
            png = argv[a + 1];

    /* The host: its own window, GL 3.3 core context and function table. */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return fprintf(stderr, "%s\n", SDL_GetError()), 1;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_Window *win = SDL_CreateWindow("embed_sdl", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       W, H, SDL_WINDOW_OPENGL);
    SDL_GLContext ctx = win ? SDL_GL_CreateContext(win) : NULL;
    if (!ctx) return fprintf(stderr, "%s\n", SDL_GetError()), 1;
    SDL_GL_SetSwapInterval(1);
    host_gl gl;
#define LOAD(type, name) gl.name = (type)load("gl" #name);
    GL_FUNCS(LOAD)

    /* The host's scene, bound once (see the header). */
    GLuint sh[2] = {gl.CreateShader(GL_VERTEX_SHADER), gl.CreateShader(GL_FRAGMENT_SHADER)};
    GLuint prog = gl.CreateProgram(), vao, vbo;
    gl.ShaderSource(sh[0], 1, &vs_src, NULL), gl.ShaderSource(sh[1], 1, &fs_src, NULL);
    for (int k = 0; k < 2; k++) gl.CompileShader(sh[k]), gl.AttachShader(prog, sh[k]);
    gl.LinkProgram(prog);
    const float tri[] = {0,     .9f,   1,   .3f, .2f, /* x, y, r, g, b */
                         -.78f, -.45f, .2f, .8f, .3f, .78f, -.45f, .2f, .4f, 1};
    gl.GenVertexArrays(1, &vao);
    gl.BindVertexArray(vao);
    gl.GenBuffers(1, &vbo);
    gl.BindBuffer(GL_ARRAY_BUFFER, vbo);
    gl.BufferData(GL_ARRAY_BUFFER, sizeof tri, tri, GL_STATIC_DRAW);
    gl.VertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 20, (void *)0);
    gl.VertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 20, (void *)8);
    gl.EnableVertexAttribArray(0), gl.EnableVertexAttribArray(1);
    gl.UseProgram(prog);
    GLint angle = gl.GetUniformLocation(prog, "angle");

    /* The plot: series, figure, and a renderer in the host's context with the host's loader. */
    producer p = {.stop = false};
    rp_figure *fig = NULL;
    rp_renderer *plot = NULL;
    int panel = 0;
    if (rp_series_create(&(rp_series_desc){.name = "sensor", .rate = RATE}, &p.raw) ||
        rp_series_create(&(rp_series_desc){.name = "smoothed", .rate = RATE}, &p.smooth) ||
        rp_figure_create(&(rp_figure_desc){.title = "sensor (live)", .x_axis = RP_X_AXIS_TIME},
                         &fig) ||
        rp_figure_add_panel(fig, NULL, &panel) || rp_figure_follow(fig, 1.0) ||
        rp_figure_add_series(fig, panel, p.raw, NULL) ||
        rp_figure_add_series(fig, panel, p.smooth, &(rp_series_style){.line_width = 2.5f}) ||
        rp_renderer_create(&(rp_renderer_desc){.get_proc_address = load}, &plot))
        return fprintf(stderr, "embed_sdl: ringplot setup failed\n"), 1;
    SDL_Thread *thread = SDL_CreateThread(produce, "producer", &p);

    for (int frame = 0; frames < 0 || frame < frames; frame++) {
        Uint64 t0 = SDL_GetTicks64();
        SDL_Event e;
        while (SDL_PollEvent(&e))
            if (e.type == SDL_QUIT || (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE))
                frames = 0;
        gl.ClearColor(0.05f, 0.08f, 0.16f, 1.0f);
        gl.Clear(GL_COLOR_BUFFER_BIT);
        gl.Uniform1f(angle, 0.02f * (float)frame);
        gl.DrawArrays(GL_TRIANGLES, 0, 3); /* the host's own scene */
        rp_renderer_draw(plot, fig, W * 44 / 100, 20, W * 54 / 100, H * 56 / 100); /* on top */
        if (png && frame + 1 == frames) { /* back buffer → PNG, top row first */
            static uint8_t rgba[W * H * 4];
            for (int y = 0; y < H; y++)
                gl.ReadPixels(0, H - 1 - y, W, 1, GL_RGBA, GL_UNSIGNED_BYTE, rgba + y * W * 4);
            failed = rp_write_png_rgba(png, rgba, W, H) != RP_OK;
        }
        SDL_GL_SwapWindow(win);
        Uint64 dt = SDL_GetTicks64() - t0;
        if (dt < 16) SDL_Delay((Uint32)(16 - dt)); /* ~60 fps where vsync is unavailable */
    }
    atomic_store(&p.stop, true);
    SDL_WaitThread(thread, NULL);
    rp_renderer_destroy(plot); /* its context is current */
    rp_figure_destroy(fig);
    rp_series_destroy(p.raw), rp_series_destroy(p.smooth);
    SDL_GL_DeleteContext(ctx), SDL_DestroyWindow(win), SDL_Quit();
    return failed;
}
