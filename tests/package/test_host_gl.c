/* test_host_gl.c — rp_renderer inside a host's own GL context (SDL window, offscreen driver,
 * host's own function table): the host sets unusual GL state, the plot draws into a
 * sub-viewport, and afterwards
 *   - every piece of state ringplot.h lists as saved/restored is back as the host left it,
 *   - no GL error is pending,
 *   - no pixel outside the sub-viewport changed; the sub-viewport holds the plot,
 *   - the same holds when the host draws into its own framebuffer object. */
#define _GNU_SOURCE /* RTLD_NODELETE */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <glad/gl.h>

#include "ringplot.h"
#include "rp_test.h"

enum { W = 320, H = 240, VX = 40, VY = 30, VW = 200, VH = 150 };

typedef struct gl_state {
    GLint viewport[4], scissor_box[4], blend_src_rgb, blend_dst_rgb, blend_src_a, blend_dst_a,
        blend_eq_rgb, blend_eq_a, program, vao, array_buffer, active_texture, texture0, sampler0,
        unpack_alignment, draw_fbo;
    GLboolean scissor, blend, depth, cull, stencil;
} gl_state;

static GLADapiproc loader(void *user, const char *name)
{
    (void)user;
    void *p = SDL_GL_GetProcAddress(name);
    GLADapiproc f;
    memcpy(&f, &p, sizeof f);
    return f;
}

static gl_state get_state(GladGLContext *gl)
{
    gl_state s;
    memset(&s, 0, sizeof s);
    gl->GetIntegerv(GL_VIEWPORT, s.viewport);
    gl->GetIntegerv(GL_SCISSOR_BOX, s.scissor_box);
    gl->GetIntegerv(GL_BLEND_SRC_RGB, &s.blend_src_rgb);
    gl->GetIntegerv(GL_BLEND_DST_RGB, &s.blend_dst_rgb);
    gl->GetIntegerv(GL_BLEND_SRC_ALPHA, &s.blend_src_a);
    gl->GetIntegerv(GL_BLEND_DST_ALPHA, &s.blend_dst_a);
    gl->GetIntegerv(GL_BLEND_EQUATION_RGB, &s.blend_eq_rgb);
    gl->GetIntegerv(GL_BLEND_EQUATION_ALPHA, &s.blend_eq_a);
    gl->GetIntegerv(GL_CURRENT_PROGRAM, &s.program);
    gl->GetIntegerv(GL_VERTEX_ARRAY_BINDING, &s.vao);
    gl->GetIntegerv(GL_ARRAY_BUFFER_BINDING, &s.array_buffer);
    gl->GetIntegerv(GL_ACTIVE_TEXTURE, &s.active_texture);
    gl->GetIntegerv(GL_UNPACK_ALIGNMENT, &s.unpack_alignment);
    gl->GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &s.draw_fbo);
    GLint unit = 0;
    gl->GetIntegerv(GL_ACTIVE_TEXTURE, &unit);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->GetIntegerv(GL_TEXTURE_BINDING_2D, &s.texture0);
    gl->GetIntegerv(GL_SAMPLER_BINDING, &s.sampler0);
    gl->ActiveTexture((GLenum)unit);
    s.scissor = gl->IsEnabled(GL_SCISSOR_TEST);
    s.blend = gl->IsEnabled(GL_BLEND);
    s.depth = gl->IsEnabled(GL_DEPTH_TEST);
    s.cull = gl->IsEnabled(GL_CULL_FACE);
    s.stencil = gl->IsEnabled(GL_STENCIL_TEST);
    return s;
}

static GLuint compile_program(GladGLContext *gl)
{
    const char *vs = "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    const char *fs = "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n";
    GLuint v = gl->CreateShader(GL_VERTEX_SHADER), f = gl->CreateShader(GL_FRAGMENT_SHADER);
    gl->ShaderSource(v, 1, &vs, NULL);
    gl->ShaderSource(f, 1, &fs, NULL);
    gl->CompileShader(v);
    gl->CompileShader(f);
    GLuint p = gl->CreateProgram();
    gl->AttachShader(p, v);
    gl->AttachShader(p, f);
    gl->LinkProgram(p);
    gl->DeleteShader(v);
    gl->DeleteShader(f);
    return p;
}

/* Host state nobody would choose: every saved item differs from what the renderer sets. */
static void set_host_state(GladGLContext *gl, GLuint prog, GLuint vao, GLuint buf, GLuint tex,
                           GLuint sampler)
{
    gl->Viewport(5, 6, 70, 80);
    gl->Scissor(1, 2, 3, 4);
    gl->Disable(GL_SCISSOR_TEST);
    gl->Disable(GL_BLEND);
    gl->BlendFuncSeparate(GL_DST_COLOR, GL_SRC_COLOR, GL_ONE, GL_ZERO);
    gl->BlendEquationSeparate(GL_FUNC_REVERSE_SUBTRACT, GL_MAX);
    gl->Enable(GL_DEPTH_TEST);
    gl->Enable(GL_CULL_FACE);
    gl->Enable(GL_STENCIL_TEST);
    gl->UseProgram(prog);
    gl->BindVertexArray(vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, buf);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, tex);
    gl->BindSampler(0, sampler);
    gl->ActiveTexture(GL_TEXTURE3);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, 2);
}

static void read_pixels(GladGLContext *gl, GLuint fbo, uint8_t *rgba)
{
    GLint prev = 0, pack = 4;
    gl->GetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
    gl->GetIntegerv(GL_PACK_ALIGNMENT, &pack);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    gl->PixelStorei(GL_PACK_ALIGNMENT, 1);
    gl->ReadPixels(0, 0, W, H, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    gl->PixelStorei(GL_PACK_ALIGNMENT, pack);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, (GLuint)prev);
}

/* One frame: clear to the host colour, draw the plot into the sub-viewport, check. */
static void frame(GladGLContext *gl, rp_renderer *r, rp_figure *f, GLuint fbo, const gl_state *want,
                  const char *what)
{
    static uint8_t px[W * H * 4];
    const uint8_t host[4] = {51, 102, 153, 255};
    GLint prev_fbo = 0;
    gl->GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    gl->ClearColor(host[0] / 255.0f, host[1] / 255.0f, host[2] / 255.0f, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, (GLuint)prev_fbo);

    gl_state before = get_state(gl);
    RP_CHECK_MSG(rp_renderer_draw(r, f, VX, VY, VW, VH) == RP_OK, "%s: %s", what,
                 rp_renderer_last_error(r));
    gl_state after = get_state(gl);
    RP_CHECK_MSG(memcmp(&before, want, sizeof before) == 0, "%s: host state not as set", what);
#define SAME(field)                                                                                \
    RP_CHECK_MSG(memcmp(&before.field, &after.field, sizeof before.field) == 0,                    \
                 "%s: %s not restored", what, #field)
    SAME(viewport);
    SAME(scissor_box);
    SAME(scissor);
    SAME(blend);
    SAME(depth);
    SAME(cull);
    SAME(stencil);
    SAME(blend_src_rgb);
    SAME(blend_dst_rgb);
    SAME(blend_src_a);
    SAME(blend_dst_a);
    SAME(blend_eq_rgb);
    SAME(blend_eq_a);
    SAME(program);
    SAME(vao);
    SAME(array_buffer);
    SAME(active_texture);
    SAME(texture0);
    SAME(sampler0);
    SAME(unpack_alignment);
    SAME(draw_fbo);
#undef SAME
    GLenum e = gl->GetError();
    RP_CHECK_MSG(e == GL_NO_ERROR, "%s: GL error 0x%04x", what, (unsigned)e);

    read_pixels(gl, fbo, px);
    int outside_changed = 0, inside_host = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            bool in = x >= VX && x < VX + VW && y >= VY && y < VY + VH;
            bool is_host = memcmp(px + 4 * (y * W + x), host, 4) == 0;
            outside_changed += !in && !is_host;
            inside_host += in && is_host;
        }
    RP_CHECK_MSG(outside_changed == 0, "%s: %d pixels outside the viewport changed", what,
                 outside_changed);
    RP_CHECK_MSG(inside_host == 0, "%s: %d pixels of the viewport were not drawn", what,
                 inside_host);
}

/* SDL_Quit unloads Mesa, whose process-lifetime allocations would then reach LeakSanitizer from
 * "<unknown module>" frames; kept mapped, tests/lsan.supp names them (as tests/app does). */
static void keep_gl_libraries_mapped(void)
{
    const char *libs[] = {"libEGL.so.1", "libEGL_mesa.so.0", "libglapi.so.0",
                          "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        dlopen(libs[i], RTLD_LAZY | RTLD_NODELETE);
}

int main(void)
{
    keep_gl_libraries_mapped();
    RP_REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);
    SDL_Window *win = SDL_CreateWindow("host", 0, 0, W, H, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    RP_REQUIRE(win);
    SDL_GLContext ctx = SDL_GL_CreateContext(win);
    RP_REQUIRE(ctx);
    GladGLContext gl;
    RP_REQUIRE(gladLoadGLContextUserPtr(&gl, loader, NULL) != 0);

    rp_series *s = NULL;
    rp_figure *f = NULL;
    rp_renderer *r = NULL;
    int panel = 0;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.capacity = 4096}, &s) == RP_OK);
    float v[2000];
    for (int i = 0; i < 2000; i++) v[i] = (float)((i / 100) % 2 ? 1 : -1) * (float)i / 2000.0f;
    rp_push(s, v, 2000);
    RP_REQUIRE(rp_figure_create(&(rp_figure_desc){.title = "host"}, &f) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(f, NULL, &panel) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(f, panel, s, NULL) == RP_OK);

    GLuint prog = compile_program(&gl), vao = 0, buf = 0, tex = 0, sampler = 0, fbo = 0, color = 0;
    gl.GenVertexArrays(1, &vao);
    gl.GenBuffers(1, &buf);
    gl.GenTextures(1, &tex);
    gl.GenSamplers(1, &sampler);
    /* The renderer is created with the host's state in place: creation must not disturb it. */
    set_host_state(&gl, prog, vao, buf, tex, sampler);
    gl_state want = get_state(&gl);
    RP_REQUIRE(rp_renderer_create(&(rp_renderer_desc){.get_proc_address = SDL_GL_GetProcAddress},
                                  &r) == RP_OK);
    gl_state after_create = get_state(&gl);
    RP_CHECK_MSG(memcmp(&after_create, &want, sizeof want) == 0,
                 "rp_renderer_create changed the host's state");

    for (int i = 0; i < 3; i++) frame(&gl, r, f, 0, &want, "default framebuffer");

    /* The host's own framebuffer object, bound while the plot draws. */
    gl.ActiveTexture(GL_TEXTURE1);
    gl.GenTextures(1, &color);
    gl.BindTexture(GL_TEXTURE_2D, color);
    gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, W, H, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    gl.GenFramebuffers(1, &fbo);
    gl.BindFramebuffer(GL_FRAMEBUFFER, fbo);
    gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color, 0);
    RP_REQUIRE(gl.CheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE);
    gl.Disable(GL_DEPTH_TEST); /* this FBO has no depth or stencil */
    gl.Disable(GL_STENCIL_TEST);
    set_host_state(&gl, prog, vao, buf, tex, sampler);
    gl.Disable(GL_DEPTH_TEST);
    gl.Disable(GL_STENCIL_TEST);
    want = get_state(&gl);
    for (int i = 0; i < 2; i++) frame(&gl, r, f, fbo, &want, "host FBO");

    rp_renderer_destroy(r);
    gl.DeleteFramebuffers(1, &fbo);
    gl.DeleteTextures(1, &color);
    gl.DeleteTextures(1, &tex);
    gl.DeleteSamplers(1, &sampler);
    gl.DeleteBuffers(1, &buf);
    gl.DeleteVertexArrays(1, &vao);
    gl.DeleteProgram(prog);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    SDL_GL_DeleteContext(ctx);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return rp_test_finish();
}
