/* draw.c — batched GL 3.3 primitives: AA capsule segments (instanced, neighbour-aware joins),
 * dense-series column bars, solid rects, glyph quads, 1-px aliased line strips. See draw.h.
 *
 * Three pipelines share the frame, flushed in submission order:
 *   SEG  one instance per segment record {x0,y0,x1,y1, ±half_width, rgba}; each instance also
 *        reads the previous and next records (same buffer, attribute offsets ±1 record) so the
 *        fragment shader can give a join's pixels to exactly one segment.
 *   BAR  one record per pixel column of a dense series {top, bottom} (8 bytes, read by the
 *        fragment shader through a buffer texture over the stream) and
 *        one instance per run of adjacent columns whose rows overlap (a quad up to RUN_MAX_W
 *        wide, 16 bytes); one colour (uniform) per batch; no neighbour reads, so the cost is
 *        the pixels covered — in wide quads, which software rasterisers shade far faster than
 *        one-pixel ones.
 *   QUAD triangles {x,y,u,v,rgba} — rects (u < 0) and glyphs from an R8 atlas texture; also the
 *        aliased line strips.
 * CPU staging arrays are allocated at create; when one fills, it is flushed (drawn) and reused,
 * so nothing is allocated between begin and end. Each GPU stream buffer is a ring of RING_FRAMES
 * regions, one per frame in flight: a frame appends to its region with unsynchronised maps, and
 * rp_draw_begin waits (a fence set by rp_draw_end) only for the frame that last used the region
 * it is about to reuse, RING_FRAMES frames ago — so the CPU builds frame N+1 while the GL still
 * draws frame N, and no storage is reallocated per frame. A region that overflows within a frame
 * orphans its buffer (new storage; the old one lives until its draws are done). */
#include "render/draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/draw_path.h"
#include "rp_shaders.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define SEG_CAP 8192         /* segment records per flush (staging holds 2 more pads) */
#define QUAD_VCAP (6 * 4096) /* quad vertices per flush */
#define BAR_CAP 4096         /* bar records per flush */
#define RUN_MAX_W 32         /* widest run of columns drawn as one quad */
/* A column joins the open run while the run's quad shades at most RUN_OVERDRAW × its bars' rows
 * plus RUN_SLACK_PX rows a column: on software GL an instance costs as much as many pixels. */
#define RUN_OVERDRAW 2.0f
#define RUN_SLACK_PX 24.0f
#define KNOT_CAP 8194  /* column scratch made at create (rp_draw_reserve_columns) */
#define GLYPH_CAP 1024 /* glyphs of one rp_draw_text call (longer text is cut) */
#define FONT_CACHE 16  /* atlas textures kept */
#define IMAGE_CACHE 8  /* image textures kept (rp_draw_image) */
#define SEG_VBO_BYTES ((size_t)(SEG_CAP + 2) * sizeof(seg_rec) * 4)
#define QUAD_VBO_BYTES ((size_t)QUAD_VCAP * sizeof(quad_vtx) * 4)
/* Bar records a frame's region holds: 16 series × 4K columns, so that a frame does not overflow
 * its region and orphan the buffer mid-frame (new storage, zero-filled by llvmpipe); fewer where
 * the GL's texture buffers are smaller (GL 3.3 promises 65536 texels for all RING_FRAMES). */
#define BAR_REGION_RECORDS 65536
#define RUN_VBO_BYTES ((size_t)BAR_CAP * sizeof(bar_run) * 4)
#define RING_FRAMES 3 /* frames in flight over the stream buffers */
/* Opaque solid rows draw without blending only from this many px a batch: a blend state change
 * costs llvmpipe more than it saves on a few rows. */
#define SOLID_NO_BLEND_PX 16384.0f
#define GUARD_PX 4.0 /* geometry is clipped to the clip rect grown by hw + this */

enum { BATCH_NONE = 0, BATCH_SEG, BATCH_QUAD, BATCH_BAR };

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
typedef struct seg_rec {
    float x0, y0, x1, y1;
    float hw; /* half width px; negative: not linked to the previous record */
    uint8_t rgba[4];
} seg_rec;

typedef struct bar_rec { /* read by span.frag as one RG32F texel */
    float top, bottom;   /* the column's span, y px (top < bottom) */
} bar_rec;

typedef struct bar_run { /* adjacent columns sharing rows */
    float y0, y1;        /* rows, px */
    float iy0, iy1;      /* rows every column covers fully (iy1 <= iy0: none) */
    uint16_t x, w;       /* pixel columns [x, x + w) */
    uint32_t first;      /* texel of column x's record; bit 31: one record */
} bar_run;

typedef struct quad_vtx {
    float x, y, u, v;
    uint8_t rgba[4];
} quad_vtx;

typedef struct font_entry {
    const rp_font *font;
    const uint8_t *pixels;
    int w, h;
    GLuint tex;
    uint64_t used;
} font_entry;

typedef struct image_entry { /* rp_draw_image's textures, one per caller key */
    const void *key;
    uint64_t version;
    int w, h, channels;
    GLuint tex;
    uint64_t used;
} image_entry;

typedef struct saved_state {
    GLint viewport[4], scissor_box[4];
    GLboolean scissor, blend, depth, cull, stencil;
    GLint blend_src_rgb, blend_dst_rgb, blend_src_a, blend_dst_a, blend_eq_rgb, blend_eq_a;
    GLfloat clear_color[4];
    GLint program, vao, array_buffer, active_texture, texture0, texture0_buffer, sampler0,
        unpack_alignment;
} saved_state;

struct rp_draw {
    GladGLContext *gl;
    GLuint seg_prog, quad_prog, bar_prog, solid_prog;
    GLint seg_u_viewport, seg_u_origin, quad_u_viewport, quad_u_atlas, quad_u_rgba;
    GLint bar_u_viewport, bar_u_origin, bar_u_color, bar_u_bars, bar_u_part;
    GLint solid_u_viewport, solid_u_color, solid_u_part;
    GLuint seg_vao, seg_vbo, quad_vao, quad_vbo, bar_vao, bar_vbo, run_vbo, bar_tex, white_tex;
    size_t seg_off, quad_off, bar_off, run_off; /* append offsets in this frame's region */
    size_t bar_region_bytes;                    /* a frame's region of bar_vbo */
    int ring;                                   /* region of the stream buffers this frame */
    GLsync fences[RING_FRAMES];                 /* set when the frame using a region ended */

    bar_rec *bars;
    bar_run *runs;
    int bar_n, run_n;
    bool run_open;             /* runs[run_n] is being extended */
    float run_area;            /* rows × columns of its bars */
    float run_top, run_bottom; /* lowest top and highest bottom of its columns */
    float bar_color[4];        /* colour of the queued bars */
    rp_column_knot *knots;     /* series_geometry.c's per-column scratch */
    rp_bar *bar_scratch;       /* rp_draw_series' bars (knot_cap of them) */
    int knot_cap;

    seg_rec *segs; /* [0] = previous record (or pad), [1..seg_n] queued */
    int seg_n;
    quad_vtx *qv;
    int qv_n;
    GLuint qv_tex; /* texture of the queued quads */
    rp_glyph_quad *glyphs;
    font_entry fonts[FONT_CACHE];
    uint64_t font_clock;
    image_entry images[IMAGE_CACHE];
    uint64_t image_clock;

    int batch;
    bool in_frame;
    int vp_x, vp_y, vp_w, vp_h;
    rp_rect clip;                             /* w <= 0: none */
    float clip_x0, clip_y0, clip_x1, clip_y1; /* viewport ∩ clip, px (set with the scissor) */
    double guard[4]; /* viewport ∩ clip in double (x0, y0, x1, y1): guard_rect's base */
    saved_state saved;

    /* path builder */
    bool path_aliased;
    float path_hw;
    uint8_t path_rgba[4];
    bool path_has_last, path_linked;
    int path_points;
    double path_x, path_y;

    int64_t vertices, upload_bytes;

    /* Kept pixels (rp_draw_keep_*): a texture twice the viewport's width and its framebuffer. */
    GLuint keep_tex, keep_fbo;
    int keep_w, keep_h;
    bool keep_target;       /* drawing into the kept texture now */
    GLint frame_fb;         /* the frame's draw framebuffer while the texture is drawn into */
    int target_x, target_y; /* where viewport px (0, 0)'s column and bottom row land in what is
                               drawn into now (the frame: vp_x, vp_y) */
    bool keep_srgb, keep_tex_srgb; /* the framebuffer's encoding is sRGB; the texture's */
    GLint keep_checked_fb;         /* the framebuffer last found copyable (-1: none yet) */
    int keep_checked_w, keep_checked_h;
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
/* floor / ceil to int without libm (values within ±2^30). */
static int floor_int(float v)
{
    int i = (int)v;
    return i - ((float)i > v);
}

static int ceil_int(float v)
{
    int i = (int)v;
    return i + ((float)i < v);
}

static uint8_t unorm8(float v)
{
    if (!(v > 0.0f)) return 0;
    if (v >= 1.0f) return 255;
    return (uint8_t)(v * 255.0f + 0.5f);
}

static void pack_color(rp_color c, uint8_t out[4])
{
    out[0] = unorm8(c.r);
    out[1] = unorm8(c.g);
    out[2] = unorm8(c.b);
    out[3] = unorm8(c.a);
}

static GLuint compile(GladGLContext *gl, GLenum type, const char *src, const char *name,
                      rp_log_sink *log)
{
    GLuint sh = gl->CreateShader(type);
    gl->ShaderSource(sh, 1, &src, NULL);
    gl->CompileShader(sh);
    GLint ok = 0;
    gl->GetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char driver_log[400] = "";
        gl->GetShaderInfoLog(sh, sizeof driver_log, NULL, driver_log);
        rp_log_fail(log, RP_ERR_GL, RP_LOGITEM_SHADER_COMPILE,
                    "draw: shader %s failed to compile: %s", name, driver_log);
        gl->DeleteShader(sh);
        return 0;
    }
    return sh;
}

GLuint rp_draw_link_program(GladGLContext *gl, const unsigned char *vs_src, const char *vs_name,
                            const unsigned char *fs_src, const char *fs_name, rp_log_sink *log)
{
    GLuint vs = compile(gl, GL_VERTEX_SHADER, (const char *)vs_src, vs_name, log);
    if (!vs) return 0;
    GLuint fs = compile(gl, GL_FRAGMENT_SHADER, (const char *)fs_src, fs_name, log);
    if (!fs) {
        gl->DeleteShader(vs);
        return 0;
    }
    GLuint prog = gl->CreateProgram();
    gl->AttachShader(prog, vs);
    gl->AttachShader(prog, fs);
    gl->LinkProgram(prog);
    gl->DeleteShader(vs);
    gl->DeleteShader(fs);
    GLint ok = 0;
    gl->GetProgramiv(prog, GL_LINK_STATUS, &ok);
    if (!ok) {
        char driver_log[400] = "";
        gl->GetProgramInfoLog(prog, sizeof driver_log, NULL, driver_log);
        rp_log_fail(log, RP_ERR_GL, RP_LOGITEM_PROGRAM_LINK,
                    "draw: program %s + %s failed to link: %s", vs_name, fs_name, driver_log);
        gl->DeleteProgram(prog);
        return 0;
    }
    return prog;
}

/* Reserves bytes in a streaming buffer (bound to GL_ARRAY_BUFFER, RING_FRAMES × capacity bytes)
 * and copies data there: appends within this frame's region, whose previous frame's draws have
 * finished (rp_draw_begin waited for them), orphaning the storage when the region would overflow.
 * Returns the byte offset in the buffer. */
static size_t stream_upload(rp_draw *d, size_t *off, size_t capacity, const void *data,
                            size_t bytes)
{
    GladGLContext *gl = d->gl;
    if (*off + bytes > capacity) {
        gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(capacity * RING_FRAMES), NULL, GL_STREAM_DRAW);
        *off = 0;
    }
    size_t at = (size_t)d->ring * capacity + *off;
    /* Nothing queued reads these bytes (append-only, region fenced): an unsynchronised map
     * (glBufferSubData would make software GL finish the queued draws). */
    void *dst = gl->MapBufferRange(GL_ARRAY_BUFFER, (GLintptr)at, (GLsizeiptr)bytes,
                                   GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT |
                                       GL_MAP_UNSYNCHRONIZED_BIT);
    if (dst) {
        memcpy(dst, data, bytes);
        gl->UnmapBuffer(GL_ARRAY_BUFFER);
    } else {
        gl->BufferSubData(GL_ARRAY_BUFFER, (GLintptr)at, (GLsizeiptr)bytes, data);
    }
    *off += (bytes + 15u) & ~(size_t)15u;
    d->upload_bytes += (int64_t)bytes;
    return at;
}

/* A vertex array over a new stream buffer of RING_FRAMES regions of region_bytes, with
 * attributes 0 .. attribs - 1 enabled (divisor 1: per instance); both stay bound. */
static void make_stream_vao(GladGLContext *gl, GLuint *vao, GLuint *vbo, size_t region_bytes,
                            GLuint attribs, GLuint divisor)
{
    gl->GenVertexArrays(1, vao);
    gl->GenBuffers(1, vbo);
    gl->BindVertexArray(*vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, *vbo);
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(RING_FRAMES * region_bytes), NULL, GL_STREAM_DRAW);
    for (GLuint i = 0; i < attribs; i++) {
        gl->EnableVertexAttribArray(i);
        if (divisor) gl->VertexAttribDivisor(i, divisor);
    }
}

static void set_seg_attribs(rp_draw *d, size_t base)
{
    GladGLContext *gl = d->gl;
    const GLsizei st = (GLsizei)sizeof(seg_rec);
    const size_t r = sizeof(seg_rec);
    gl->VertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, st, (const void *)(base));
    gl->VertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, st, (const void *)(base + r));
    gl->VertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, st, (const void *)(base + r + 16));
    gl->VertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, st, (const void *)(base + r + 20));
    gl->VertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, st, (const void *)(base + 2 * r));
    gl->VertexAttribPointer(5, 1, GL_FLOAT, GL_FALSE, st, (const void *)(base + 2 * r + 16));
}

/* Draws the queued segment records. final: nothing follows that links to the last record.
 * Otherwise the last record is kept (its successor is not known yet) and drawn next time. */
static void flush_segs(rp_draw *d, bool final)
{
    int n = d->seg_n;
    if (n == 0) return;
    int draw_n = (!final && n >= 2) ? n - 1 : n;
    if (draw_n == n) { /* unlinked pad after the last record */
        d->segs[n + 1] = (seg_rec){0.0f, 0.0f, 0.0f, 0.0f, -1.0f, {0, 0, 0, 0}};
    }
    GladGLContext *gl = d->gl;
    gl->UseProgram(d->seg_prog);
    gl->Uniform2f(d->seg_u_viewport, (float)d->vp_w, (float)d->vp_h);
    gl->Uniform2f(d->seg_u_origin, (float)d->target_x, (float)(d->target_y + d->vp_h));
    gl->BindVertexArray(d->seg_vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, d->seg_vbo);
    size_t bytes = (size_t)(draw_n + 2) * sizeof(seg_rec);
    size_t base = stream_upload(d, &d->seg_off, SEG_VBO_BYTES, d->segs, bytes);
    set_seg_attribs(d, base);
    gl->DrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, draw_n);
    d->vertices += (int64_t)draw_n * 4;
    if (draw_n < n) { /* keep [n-1] as the previous record and [n] as the first queued one */
        d->segs[0] = d->segs[n - 1];
        d->segs[1] = d->segs[n];
        d->seg_n = 1;
    } else {
        d->segs[0] = d->segs[n + 1];
        d->seg_n = 0;
    }
}

/* 1 when tex is an RGBA image of rp_draw_image (the shader multiplies by all four channels). */
static int image_is_rgba(const rp_draw *d, GLuint tex)
{
    for (int i = 0; tex && i < IMAGE_CACHE; i++)
        if (d->images[i].tex == tex) return d->images[i].channels == 4;
    return 0;
}

static void flush_quads(rp_draw *d)
{
    if (d->qv_n == 0) return;
    GladGLContext *gl = d->gl;
    gl->UseProgram(d->quad_prog);
    gl->Uniform2f(d->quad_u_viewport, (float)d->vp_w, (float)d->vp_h);
    gl->Uniform1i(d->quad_u_atlas, 0);
    gl->Uniform1i(d->quad_u_rgba, image_is_rgba(d, d->qv_tex));
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, d->qv_tex ? d->qv_tex : d->white_tex);
    gl->BindVertexArray(d->quad_vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, d->quad_vbo);
    size_t base =
        stream_upload(d, &d->quad_off, QUAD_VBO_BYTES, d->qv, (size_t)d->qv_n * sizeof(quad_vtx));
    const GLsizei st = (GLsizei)sizeof(quad_vtx);
    gl->VertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (const void *)base);
    gl->VertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, st, (const void *)(base + 8));
    gl->VertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, st, (const void *)(base + 16));
    gl->DrawArrays(GL_TRIANGLES, 0, d->qv_n);
    d->vertices += d->qv_n;
    d->qv_n = 0;
}

/* Puts the runs without fully covered rows first and returns how many there are: they draw as
 * one quad instead of three, and software GL processes every vertex of every instance,
 * degenerate or not (a steep, noisy trace has almost no such rows). Order within a batch does
 * not matter: one series' columns never overlap. */
static int partition_runs(bar_run *runs, int n)
{
    int plain = 0;
    for (int i = 0; i < n; i++) {
        if (runs[i].iy1 > runs[i].iy0) continue;
        if (i != plain) {
            bar_run t = runs[plain];
            runs[plain] = runs[i];
            runs[i] = t;
        }
        plain++;
    }
    return plain;
}

static void set_run_attribs(GladGLContext *gl, size_t base)
{
    const GLsizei st = (GLsizei)sizeof(bar_run);
    gl->VertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, st, (const void *)base);
    gl->VertexAttribIPointer(1, 2, GL_UNSIGNED_SHORT, st, (const void *)(base + 16));
    gl->VertexAttribIPointer(2, 1, GL_UNSIGNED_INT, st, (const void *)(base + 20));
}

static void flush_bars(rp_draw *d)
{
    if (d->run_open) {
        d->run_n++;
        d->run_open = false;
    }
    if (d->bar_n == 0 || d->run_n == 0) {
        d->bar_n = d->run_n = 0;
        return;
    }
    GladGLContext *gl = d->gl;
    gl->UseProgram(d->bar_prog);
    gl->Uniform2f(d->bar_u_viewport, (float)d->vp_w, (float)d->vp_h);
    gl->Uniform2f(d->bar_u_origin, (float)d->target_x, (float)(d->target_y + d->vp_h));
    gl->Uniform4fv(d->bar_u_color, 1, d->bar_color);
    gl->Uniform1i(d->bar_u_bars, 0);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_BUFFER, d->bar_tex);
    gl->BindVertexArray(d->bar_vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, d->bar_vbo);
    size_t at = stream_upload(d, &d->bar_off, d->bar_region_bytes, d->bars,
                              (size_t)d->bar_n * sizeof(bar_rec));
    uint32_t texel = (uint32_t)(at / sizeof(bar_rec)); /* offsets are 16-aligned */
    int plain = partition_runs(d->runs, d->run_n), inner = d->run_n - plain;
    float solid_px = 0.0f;
    for (int i = 0; i < d->run_n; i++) /* record index → texel, now that the offset is known */
        d->runs[i].first += texel;
    for (int i = plain; i < d->run_n; i++)
        solid_px += (d->runs[i].iy1 - d->runs[i].iy0) * (float)d->runs[i].w;
    gl->BindBuffer(GL_ARRAY_BUFFER, d->run_vbo);
    size_t base =
        stream_upload(d, &d->run_off, RUN_VBO_BYTES, d->runs, (size_t)d->run_n * sizeof(bar_run));
    size_t inner_base = base + (size_t)plain * sizeof(bar_run);
    /* The edges, anti-aliased: the whole quad of a run without full rows, the rows above and
     * below them of the others. */
    if (plain > 0) {
        set_run_attribs(gl, base);
        gl->Uniform1i(d->bar_u_part, 0);
        gl->DrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, plain);
    }
    if (inner > 0) {
        set_run_attribs(gl, inner_base);
        gl->Uniform1i(d->bar_u_part, 1);
        gl->DrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, inner);
        gl->Uniform1i(d->bar_u_part, 2);
        gl->DrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, inner);
        gl->UseProgram(d->solid_prog); /* the rows all columns cover: a constant colour */
        gl->Uniform2f(d->solid_u_viewport, (float)d->vp_w, (float)d->vp_h);
        gl->Uniform4fv(d->solid_u_color, 1, d->bar_color);
        gl->Uniform1i(d->solid_u_part, 3);
        /* Opaque bars: blending with alpha 1 writes exactly the colour, byte for byte, so these
         * rows draw without blending and software GL need not read the framebuffer back (about
         * a fifth less rasteriser work for dense series whose columns span most of the plot). */
        bool opaque = d->bar_color[3] >= 1.0f && solid_px >= SOLID_NO_BLEND_PX;
        if (opaque) gl->Disable(GL_BLEND);
        gl->DrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, inner);
        if (opaque) gl->Enable(GL_BLEND);
    }
    d->vertices += (int64_t)plain * 4 + (int64_t)inner * 12;
    d->bar_n = d->run_n = 0;
}

static void flush(rp_draw *d)
{
    if (d->batch == BATCH_SEG)
        flush_segs(d, true);
    else if (d->batch == BATCH_QUAD)
        flush_quads(d);
    else if (d->batch == BATCH_BAR)
        flush_bars(d);
    d->batch = BATCH_NONE;
}

/* Switches the open batch (flushing the other kind first, to keep submission order). */
static void use_batch(rp_draw *d, int kind, GLuint tex)
{
    if (d->batch != kind) flush(d);
    if (kind == BATCH_QUAD && tex && d->qv_tex != tex) {
        if (d->qv_n > 0) flush_quads(d);
        d->qv_tex = tex;
    }
    d->batch = kind;
}

static void push_seg(rp_draw *d, float x0, float y0, float x1, float y1, float hw, bool linked,
                     const uint8_t rgba[4])
{
    use_batch(d, BATCH_SEG, 0);
    if (d->seg_n >= SEG_CAP) flush_segs(d, false);
    seg_rec *r = &d->segs[++d->seg_n];
    r->x0 = x0;
    r->y0 = y0;
    r->x1 = x1;
    r->y1 = y1;
    r->hw = linked ? hw : -hw;
    memcpy(r->rgba, rgba, 4);
}

static void push_quad_vtx(rp_draw *d, float x, float y, float u, float v, const uint8_t rgba[4])
{
    quad_vtx *q = &d->qv[d->qv_n++];
    q->x = x;
    q->y = y;
    q->u = u;
    q->v = v;
    memcpy(q->rgba, rgba, 4);
}

/* Two triangles with corners (x0,y0)-(x1,y1), uv likewise; rotated: 90° CCW mapping given by the
 * caller as explicit corners a (top-left), b (top-right), c (bottom-right), e (bottom-left). */
static void push_quad(rp_draw *d, const float a[4], const float b[4], const float c[4],
                      const float e[4], const uint8_t rgba[4])
{
    if (d->qv_n + 6 > QUAD_VCAP) flush_quads(d);
    push_quad_vtx(d, a[0], a[1], a[2], a[3], rgba);
    push_quad_vtx(d, b[0], b[1], b[2], b[3], rgba);
    push_quad_vtx(d, c[0], c[1], c[2], c[3], rgba);
    push_quad_vtx(d, a[0], a[1], a[2], a[3], rgba);
    push_quad_vtx(d, c[0], c[1], c[2], c[3], rgba);
    push_quad_vtx(d, e[0], e[1], e[2], e[3], rgba);
}

/* As fmax / fmin where b may be NaN (a wins then), without a libm call. */
static float max_f(float a, float b) { return b > a ? b : a; }
static float min_f(float a, float b) { return b < a ? b : a; }
static double max_d(double a, double b) { return b > a ? b : a; }
static double min_d(double a, double b) { return b < a ? b : a; }

/* Sets the scissor and the clip bounds the per-vertex code reads (clip_*, guard), once per clip
 * change, so the hot paths compare against plain numbers (no libm calls per vertex). */
static void apply_scissor(rp_draw *d)
{
    GladGLContext *gl = d->gl;
    float x0 = 0.0f, y0 = 0.0f, x1 = (float)d->vp_w, y1 = (float)d->vp_h;
    double *g = d->guard;
    g[0] = 0.0;
    g[1] = 0.0;
    g[2] = d->vp_w;
    g[3] = d->vp_h;
    if (d->clip.w > 0.0f) {
        x0 = max_f(x0, d->clip.x);
        y0 = max_f(y0, d->clip.y);
        x1 = min_f(x1, d->clip.x + d->clip.w);
        y1 = min_f(y1, d->clip.y + d->clip.h);
        g[0] = max_d(g[0], d->clip.x);
        g[1] = max_d(g[1], d->clip.y);
        g[2] = min_d(g[2], (double)d->clip.x + d->clip.w);
        g[3] = min_d(g[3], (double)d->clip.y + d->clip.h);
    }
    d->clip_x0 = x0;
    d->clip_y0 = y0;
    d->clip_x1 = x1;
    d->clip_y1 = y1;
    int ix0 = (int)lroundf(x0), iy0 = (int)lroundf(y0);
    int ix1 = (int)lroundf(x1), iy1 = (int)lroundf(y1);
    int w = ix1 > ix0 ? ix1 - ix0 : 0, h = iy1 > iy0 ? iy1 - iy0 : 0;
    gl->Enable(GL_SCISSOR_TEST);
    gl->Scissor(d->target_x + ix0, d->target_y + d->vp_h - iy0 - h, w, h);
}

/* Guard rect: the clip (or viewport) grown by margin. */
static void guard_rect(const rp_draw *d, double margin, double g[4])
{
    g[0] = d->guard[0] - margin;
    g[1] = d->guard[1] - margin;
    g[2] = d->guard[2] + margin;
    g[3] = d->guard[3] + margin;
}

static bool inside(const double g[4], double x, double y)
{
    return x >= g[0] && x <= g[2] && y >= g[1] && y <= g[3];
}

/* Liang–Barsky clip of (x0,y0)-(x1,y1) to g, in double. False when nothing is left. */
static bool clip_segment(const double g[4], double *x0, double *y0, double *x1, double *y1)
{
    double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0.0, t1 = 1.0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {*x0 - g[0], g[2] - *x0, *y0 - g[1], g[3] - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0) return false;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0.0) {
                if (t > t1) return false;
                if (t > t0) t0 = t;
            } else {
                if (t < t0) return false;
                if (t < t1) t1 = t;
            }
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    double bx = *x0 + t1 * dx, by = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    *x1 = bx;
    *y1 = by;
    return true;
}

/* ---- aliased line strips (quad pipeline, GL_LINE_STRIP) ------------------------------------ */
static void strip_flush(rp_draw *d, bool keep_last)
{
    if (d->qv_n >= 2) {
        GladGLContext *gl = d->gl;
        gl->UseProgram(d->quad_prog);
        gl->Uniform2f(d->quad_u_viewport, (float)d->vp_w, (float)d->vp_h);
        gl->Uniform1i(d->quad_u_atlas, 0);
        gl->Uniform1i(d->quad_u_rgba, 0);
        gl->ActiveTexture(GL_TEXTURE0);
        gl->BindTexture(GL_TEXTURE_2D, d->white_tex);
        gl->BindVertexArray(d->quad_vao);
        gl->BindBuffer(GL_ARRAY_BUFFER, d->quad_vbo);
        size_t base = stream_upload(d, &d->quad_off, QUAD_VBO_BYTES, d->qv,
                                    (size_t)d->qv_n * sizeof(quad_vtx));
        const GLsizei st = (GLsizei)sizeof(quad_vtx);
        gl->VertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (const void *)base);
        gl->VertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, st, (const void *)(base + 8));
        gl->VertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, st, (const void *)(base + 16));
        gl->DrawArrays(GL_LINE_STRIP, 0, d->qv_n);
        d->vertices += d->qv_n;
    }
    if (keep_last && d->qv_n >= 1) {
        d->qv[0] = d->qv[d->qv_n - 1];
        d->qv_n = 1;
    } else {
        d->qv_n = 0;
    }
}

static void strip_point(rp_draw *d, float x, float y)
{
    if (d->qv_n >= QUAD_VCAP) strip_flush(d, true);
    push_quad_vtx(d, x, y, -1.0f, -1.0f, d->path_rgba);
}

/* ---- font atlas cache ---------------------------------------------------------------------- */
/* Filtering of the bound 2D texture (min and mag), its edges clamped. */
static void texture_params(GladGLContext *gl, GLint filter)
{
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

static GLuint font_texture(rp_draw *d, const rp_font *font)
{
    const uint8_t *pixels = NULL;
    int w = 0, h = 0;
    rp_font_atlas(font, &pixels, &w, &h);
    if (!pixels || w <= 0 || h <= 0) return 0;
    font_entry *slot = NULL;
    for (int i = 0; i < FONT_CACHE; i++) {
        font_entry *e = &d->fonts[i];
        if (e->tex && e->font == font && e->pixels == pixels && e->w == w && e->h == h) {
            e->used = ++d->font_clock;
            return e->tex;
        }
        if (!slot || (slot->tex && (!e->tex || e->used < slot->used))) slot = e;
    }
    GladGLContext *gl = d->gl;
    if (slot->tex) { /* evict the least recently used atlas */
        if (d->qv_tex == slot->tex) {
            if (d->batch == BATCH_QUAD) flush_quads(d);
            d->qv_tex = 0;
        }
        gl->DeleteTextures(1, &slot->tex);
        slot->tex = 0;
    }
    gl->ActiveTexture(GL_TEXTURE0);
    gl->GenTextures(1, &slot->tex);
    gl->BindTexture(GL_TEXTURE_2D, slot->tex);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    gl->TexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    texture_params(gl, GL_LINEAR);
    slot->font = font;
    slot->pixels = pixels;
    slot->w = w;
    slot->h = h;
    slot->used = ++d->font_clock;
    d->upload_bytes += (int64_t)w * h;
    return slot->tex;
}

/* ---- GL state save / restore ---------------------------------------------------------------- */
static void save_state(GladGLContext *gl, saved_state *s)
{
    gl->GetIntegerv(GL_VIEWPORT, s->viewport);
    gl->GetIntegerv(GL_SCISSOR_BOX, s->scissor_box);
    s->scissor = gl->IsEnabled(GL_SCISSOR_TEST);
    s->blend = gl->IsEnabled(GL_BLEND);
    s->depth = gl->IsEnabled(GL_DEPTH_TEST);
    s->cull = gl->IsEnabled(GL_CULL_FACE);
    s->stencil = gl->IsEnabled(GL_STENCIL_TEST);
    gl->GetIntegerv(GL_BLEND_SRC_RGB, &s->blend_src_rgb);
    gl->GetIntegerv(GL_BLEND_DST_RGB, &s->blend_dst_rgb);
    gl->GetIntegerv(GL_BLEND_SRC_ALPHA, &s->blend_src_a);
    gl->GetIntegerv(GL_BLEND_DST_ALPHA, &s->blend_dst_a);
    gl->GetIntegerv(GL_BLEND_EQUATION_RGB, &s->blend_eq_rgb);
    gl->GetIntegerv(GL_BLEND_EQUATION_ALPHA, &s->blend_eq_a);
    gl->GetFloatv(GL_COLOR_CLEAR_VALUE, s->clear_color);
    gl->GetIntegerv(GL_CURRENT_PROGRAM, &s->program);
    gl->GetIntegerv(GL_VERTEX_ARRAY_BINDING, &s->vao);
    gl->GetIntegerv(GL_ARRAY_BUFFER_BINDING, &s->array_buffer);
    gl->GetIntegerv(GL_ACTIVE_TEXTURE, &s->active_texture);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->GetIntegerv(GL_TEXTURE_BINDING_2D, &s->texture0);
    gl->GetIntegerv(GL_TEXTURE_BINDING_BUFFER, &s->texture0_buffer);
    gl->GetIntegerv(GL_SAMPLER_BINDING, &s->sampler0);
    gl->GetIntegerv(GL_UNPACK_ALIGNMENT, &s->unpack_alignment);
}

static void set_enabled(GladGLContext *gl, GLenum cap, GLboolean on)
{
    if (on)
        gl->Enable(cap);
    else
        gl->Disable(cap);
}

static void restore_state(GladGLContext *gl, const saved_state *s)
{
    gl->Viewport(s->viewport[0], s->viewport[1], s->viewport[2], s->viewport[3]);
    gl->Scissor(s->scissor_box[0], s->scissor_box[1], s->scissor_box[2], s->scissor_box[3]);
    set_enabled(gl, GL_SCISSOR_TEST, s->scissor);
    set_enabled(gl, GL_BLEND, s->blend);
    set_enabled(gl, GL_DEPTH_TEST, s->depth);
    set_enabled(gl, GL_CULL_FACE, s->cull);
    set_enabled(gl, GL_STENCIL_TEST, s->stencil);
    gl->BlendFuncSeparate((GLenum)s->blend_src_rgb, (GLenum)s->blend_dst_rgb,
                          (GLenum)s->blend_src_a, (GLenum)s->blend_dst_a);
    gl->BlendEquationSeparate((GLenum)s->blend_eq_rgb, (GLenum)s->blend_eq_a);
    gl->ClearColor(s->clear_color[0], s->clear_color[1], s->clear_color[2], s->clear_color[3]);
    gl->UseProgram((GLuint)s->program);
    gl->BindVertexArray((GLuint)s->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, (GLuint)s->array_buffer);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, (GLuint)s->texture0);
    gl->BindTexture(GL_TEXTURE_BUFFER, (GLuint)s->texture0_buffer);
    gl->BindSampler(0, (GLuint)s->sampler0);
    gl->ActiveTexture((GLenum)s->active_texture);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, s->unpack_alignment);
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_status rp_draw_create(GladGLContext *gl, rp_draw **out, rp_log_sink *log)
{
    if (!gl || !out)
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "draw: NULL argument");
    *out = NULL;
    rp_draw *d = calloc(1, sizeof *d);
    if (!d)
        return rp_log_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY, "draw: out of memory");
    d->gl = gl;
    d->segs = calloc(SEG_CAP + 2, sizeof *d->segs);
    d->qv = calloc(QUAD_VCAP, sizeof *d->qv);
    d->glyphs = calloc(GLYPH_CAP, sizeof *d->glyphs);
    d->bars = calloc(BAR_CAP, sizeof *d->bars);
    d->runs = calloc(BAR_CAP + 1, sizeof *d->runs);
    d->knots = calloc(KNOT_CAP, sizeof *d->knots);
    d->bar_scratch = calloc(KNOT_CAP, sizeof *d->bar_scratch);
    d->knot_cap = KNOT_CAP;
    if (!d->segs || !d->qv || !d->glyphs || !d->bars || !d->runs || !d->knots || !d->bar_scratch) {
        rp_draw_destroy(d);
        return rp_log_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY, "draw: out of memory");
    }
    d->segs[0].hw = -1.0f;
    d->keep_checked_fb = -1;

    d->seg_prog = rp_draw_link_program(gl, rp_shader_segment_vert, "segment.vert",
                                       rp_shader_segment_frag, "segment.frag", log);
    d->quad_prog = d->seg_prog ? rp_draw_link_program(gl, rp_shader_quad_vert, "quad.vert",
                                                      rp_shader_quad_frag, "quad.frag", log)
                               : 0;
    d->bar_prog = d->quad_prog ? rp_draw_link_program(gl, rp_shader_span_vert, "span.vert",
                                                      rp_shader_span_frag, "span.frag", log)
                               : 0;
    d->solid_prog = d->bar_prog
                        ? rp_draw_link_program(gl, rp_shader_span_vert, "span.vert",
                                               rp_shader_span_solid_frag, "span_solid.frag", log)
                        : 0;
    if (!d->seg_prog || !d->quad_prog || !d->bar_prog || !d->solid_prog) {
        rp_draw_destroy(d);
        return RP_ERR_GL;
    }
    d->seg_u_viewport = gl->GetUniformLocation(d->seg_prog, "u_viewport");
    d->seg_u_origin = gl->GetUniformLocation(d->seg_prog, "u_origin");
    d->quad_u_viewport = gl->GetUniformLocation(d->quad_prog, "u_viewport");
    d->quad_u_atlas = gl->GetUniformLocation(d->quad_prog, "u_atlas");
    d->quad_u_rgba = gl->GetUniformLocation(d->quad_prog, "u_rgba");
    d->bar_u_viewport = gl->GetUniformLocation(d->bar_prog, "u_viewport");
    d->bar_u_origin = gl->GetUniformLocation(d->bar_prog, "u_origin");
    d->bar_u_color = gl->GetUniformLocation(d->bar_prog, "u_color");
    d->bar_u_bars = gl->GetUniformLocation(d->bar_prog, "u_bars");
    d->bar_u_part = gl->GetUniformLocation(d->bar_prog, "u_part");
    d->solid_u_viewport = gl->GetUniformLocation(d->solid_prog, "u_viewport");
    d->solid_u_color = gl->GetUniformLocation(d->solid_prog, "u_color");
    d->solid_u_part = gl->GetUniformLocation(d->solid_prog, "u_part");

    GLint prev_vao = 0, prev_buf = 0, prev_tex = 0, prev_active = 0;
    gl->GetIntegerv(GL_VERTEX_ARRAY_BINDING, &prev_vao);
    gl->GetIntegerv(GL_ARRAY_BUFFER_BINDING, &prev_buf);
    gl->GetIntegerv(GL_ACTIVE_TEXTURE, &prev_active);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->GetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);

    make_stream_vao(gl, &d->seg_vao, &d->seg_vbo, SEG_VBO_BYTES, 6, 1);
    set_seg_attribs(d, 0);
    make_stream_vao(gl, &d->quad_vao, &d->quad_vbo, QUAD_VBO_BYTES, 3, 0);

    gl->GenBuffers(1, &d->bar_vbo);
    gl->BindBuffer(GL_ARRAY_BUFFER, d->bar_vbo);
    GLint max_texels = 65536;
    gl->GetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &max_texels);
    size_t region = (size_t)(max_texels > 65536 ? max_texels : 65536) / RING_FRAMES;
    region = region < BAR_REGION_RECORDS ? region : BAR_REGION_RECORDS;
    d->bar_region_bytes = (region * sizeof(bar_rec)) & ~(size_t)15u;
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(RING_FRAMES * d->bar_region_bytes), NULL,
                   GL_STREAM_DRAW);
    GLint prev_buffer_tex = 0;
    gl->GetIntegerv(GL_TEXTURE_BINDING_BUFFER, &prev_buffer_tex);
    gl->GenTextures(1, &d->bar_tex);
    gl->BindTexture(GL_TEXTURE_BUFFER, d->bar_tex);
    gl->TexBuffer(GL_TEXTURE_BUFFER, GL_RG32F, d->bar_vbo); /* follows the buffer's orphaning */
    gl->BindTexture(GL_TEXTURE_BUFFER, (GLuint)prev_buffer_tex);
    make_stream_vao(gl, &d->bar_vao, &d->run_vbo, RUN_VBO_BYTES, 3, 1);

    const uint8_t white = 255;
    GLint prev_unpack = 4;
    gl->GetIntegerv(GL_UNPACK_ALIGNMENT, &prev_unpack);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    gl->GenTextures(1, &d->white_tex);
    gl->BindTexture(GL_TEXTURE_2D, d->white_tex);
    gl->TexImage2D(GL_TEXTURE_2D, 0, GL_R8, 1, 1, 0, GL_RED, GL_UNSIGNED_BYTE, &white);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, prev_unpack);

    gl->BindVertexArray((GLuint)prev_vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, (GLuint)prev_buf);
    gl->BindTexture(GL_TEXTURE_2D, (GLuint)prev_tex);
    gl->ActiveTexture((GLenum)prev_active);

    GLenum e = gl->GetError();
    if (e != GL_NO_ERROR) {
        rp_draw_destroy(d);
        return rp_log_fail(log, RP_ERR_GL, RP_LOGITEM_GL_ERROR,
                           "draw: GL error 0x%04x while creating buffers", (unsigned)e);
    }
    *out = d;
    return RP_OK;
}

void rp_draw_destroy(rp_draw *d)
{
    if (!d) return;
    GladGLContext *gl = d->gl;
    if (gl) {
        for (int i = 0; i < RING_FRAMES; i++)
            if (d->fences[i]) gl->DeleteSync(d->fences[i]);
        if (d->seg_prog) gl->DeleteProgram(d->seg_prog);
        if (d->quad_prog) gl->DeleteProgram(d->quad_prog);
        if (d->bar_prog) gl->DeleteProgram(d->bar_prog);
        if (d->solid_prog) gl->DeleteProgram(d->solid_prog);
        if (d->bar_vao) gl->DeleteVertexArrays(1, &d->bar_vao);
        if (d->bar_vbo) gl->DeleteBuffers(1, &d->bar_vbo);
        if (d->run_vbo) gl->DeleteBuffers(1, &d->run_vbo);
        if (d->bar_tex) gl->DeleteTextures(1, &d->bar_tex);
        if (d->seg_vao) gl->DeleteVertexArrays(1, &d->seg_vao);
        if (d->quad_vao) gl->DeleteVertexArrays(1, &d->quad_vao);
        if (d->seg_vbo) gl->DeleteBuffers(1, &d->seg_vbo);
        if (d->quad_vbo) gl->DeleteBuffers(1, &d->quad_vbo);
        if (d->white_tex) gl->DeleteTextures(1, &d->white_tex);
        for (int i = 0; i < FONT_CACHE; i++)
            if (d->fonts[i].tex) gl->DeleteTextures(1, &d->fonts[i].tex);
        for (int i = 0; i < IMAGE_CACHE; i++)
            if (d->images[i].tex) gl->DeleteTextures(1, &d->images[i].tex);
    }
    free(d->segs);
    free(d->qv);
    free(d->glyphs);
    free(d->bars);
    free(d->runs);
    if (d->keep_fbo) d->gl->DeleteFramebuffers(1, &d->keep_fbo);
    if (d->keep_tex) d->gl->DeleteTextures(1, &d->keep_tex);
    free(d->knots);
    free(d->bar_scratch);
    free(d);
}

void rp_draw_begin(rp_draw *d, int vp_x, int vp_y, int vp_w, int vp_h)
{
    if (!d || d->in_frame) return;
    GladGLContext *gl = d->gl;
    save_state(gl, &d->saved);
    d->in_frame = true;
    d->vp_x = d->target_x = vp_x;
    d->vp_y = d->target_y = vp_y;
    d->keep_target = false;
    d->vp_w = vp_w > 0 ? vp_w : 1;
    d->vp_h = vp_h > 0 ? vp_h : 1;
    d->clip = (rp_rect){0.0f, 0.0f, 0.0f, 0.0f};
    d->batch = BATCH_NONE;
    d->seg_n = 0;
    d->segs[0] = (seg_rec){0.0f, 0.0f, 0.0f, 0.0f, -1.0f, {0, 0, 0, 0}};
    d->qv_n = 0;
    d->qv_tex = 0;
    d->bar_n = d->run_n = 0;
    d->run_open = false;
    d->vertices = 0;
    d->upload_bytes = 0;
    d->path_has_last = false;

    gl->Viewport(vp_x, vp_y, d->vp_w, d->vp_h);
    gl->Disable(GL_DEPTH_TEST);
    gl->Disable(GL_CULL_FACE);
    gl->Disable(GL_STENCIL_TEST);
    gl->Enable(GL_BLEND);
    gl->BlendEquation(GL_FUNC_ADD);
    gl->BlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindSampler(0, 0);
    apply_scissor(d);
    /* The next region of the stream buffers: wait for the frame that used it last (RING_FRAMES
     * frames ago), usually long done; the frames in between keep drawing. */
    d->ring = (d->ring + 1) % RING_FRAMES;
    GLsync fence = d->fences[d->ring];
    if (fence) {
        while (gl->ClientWaitSync(fence, GL_SYNC_FLUSH_COMMANDS_BIT, 1000000000u) ==
               GL_TIMEOUT_EXPIRED) {
        }
        gl->DeleteSync(fence);
        d->fences[d->ring] = NULL;
    }
    d->seg_off = 0;
    d->quad_off = 0;
    d->bar_off = 0;
    d->run_off = 0;
}

void rp_draw_end(rp_draw *d)
{
    if (!d || !d->in_frame) return;
    rp_draw_keep_target(d, false, 0); /* the frame's framebuffer bound again, whatever happened */
    flush(d);
    d->fences[d->ring] = d->gl->FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    restore_state(d->gl, &d->saved);
    d->in_frame = false;
}

void rp_draw_set_clip(rp_draw *d, rp_rect clip)
{
    if (!d || !d->in_frame) return;
    rp_rect c = clip.w > 0.0f && clip.h > 0.0f ? clip : (rp_rect){0.0f, 0.0f, 0.0f, 0.0f};
    if (clip.w > 0.0f && clip.h <= 0.0f) /* an empty clip: draw nothing */
        c = (rp_rect){clip.x, clip.y, 0.001f, 0.001f};
    if (!memcmp(&c, &d->clip, sizeof c)) return; /* the same: no flush (one draw call, not two) */
    flush(d);
    d->clip = c;
    apply_scissor(d);
}

void rp_draw_clear(rp_draw *d, rp_color color)
{
    if (!d || !d->in_frame) return;
    flush(d);
    uint8_t c[4];
    pack_color(color, c); /* the bytes a rect of this colour would write */
    GladGLContext *gl = d->gl;
    gl->ClearColor(c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, c[3] / 255.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT); /* within the scissor = viewport ∩ clip */
}

rp_rect rp_draw_get_clip(const rp_draw *d)
{
    return d ? d->clip : (rp_rect){0.0f, 0.0f, 0.0f, 0.0f};
}

void rp_draw_rect(rp_draw *d, rp_rect r, rp_color color)
{
    if (!d || !d->in_frame || !(r.w > 0.0f) || !(r.h > 0.0f)) return;
    uint8_t c[4];
    pack_color(color, c);
    if (c[3] == 0) return;
    use_batch(d, BATCH_QUAD, d->qv_tex ? d->qv_tex : d->white_tex);
    const float a[4] = {r.x, r.y, -1.0f, -1.0f}, b[4] = {r.x + r.w, r.y, -1.0f, -1.0f};
    const float e[4] = {r.x, r.y + r.h, -1.0f, -1.0f};
    const float f[4] = {r.x + r.w, r.y + r.h, -1.0f, -1.0f};
    push_quad(d, a, b, f, e, c);
}

void rp_draw_line(rp_draw *d, float x0, float y0, float x1, float y1, float width, rp_color color)
{
    if (!d || !d->in_frame) return;
    rp_draw_path_begin(d, width, color);
    rp_draw_path_point(d, x0, y0);
    rp_draw_path_point(d, x1, y1);
    rp_draw_path_end(d);
}

/* The points of an open path, NaN breaking it. */
static void path_points(rp_draw *d, const float *xy, int n)
{
    for (int i = 0; i < n; i++) {
        float x = xy[2 * i], y = xy[2 * i + 1];
        if (isnan(x) || isnan(y))
            rp_draw_path_break(d);
        else
            rp_draw_path_point(d, x, y);
    }
    rp_draw_path_end(d);
}

void rp_draw_polyline(rp_draw *d, const float *xy, int n, float width, rp_color color)
{
    if (!d || !d->in_frame || !xy || n <= 0) return;
    rp_draw_path_begin(d, width, color);
    path_points(d, xy, n);
}

void rp_draw_polyline_aliased(rp_draw *d, const float *xy, int n, rp_color color)
{
    if (!d || !d->in_frame || !xy || n <= 0) return;
    rp_draw_path_begin_aliased(d, color);
    path_points(d, xy, n);
}

static void text_quads(rp_draw *d, const rp_font *font, const char *utf8, float x, float y,
                       rp_color color, bool vertical)
{
    if (!d || !d->in_frame || !font || !utf8 || !*utf8) return;
    uint8_t c[4];
    pack_color(color, c);
    if (c[3] == 0) return;
    GLuint tex = font_texture(d, font);
    if (!tex) return;
    use_batch(d, BATCH_QUAD, tex);
    /* Whole-pixel origins keep the glyphs (snapped by the layout) on texel centres. */
    float ox = floorf(x + 0.5f), oy = floorf(y + 0.5f);
    int n = vertical ? rp_font_layout(font, utf8, 0.0f, 0.0f, d->glyphs, GLYPH_CAP)
                     : rp_font_layout(font, utf8, ox, oy, d->glyphs, GLYPH_CAP);
    for (int i = 0; i < n; i++) {
        const rp_glyph_quad *g = &d->glyphs[i];
        if (!vertical) {
            const float a[4] = {g->x0, g->y0, g->u0, g->v0}, b[4] = {g->x1, g->y0, g->u1, g->v0};
            const float f[4] = {g->x1, g->y1, g->u1, g->v1}, e[4] = {g->x0, g->y1, g->u0, g->v1};
            push_quad(d, a, b, f, e, c);
        } else {
            /* 90° CCW: text +x → screen up (−y), text +y (down) → screen +x. */
            const float a[4] = {ox + g->y0, oy - g->x0, g->u0, g->v0};
            const float b[4] = {ox + g->y0, oy - g->x1, g->u1, g->v0};
            const float f[4] = {ox + g->y1, oy - g->x1, g->u1, g->v1};
            const float e[4] = {ox + g->y1, oy - g->x0, g->u0, g->v1};
            push_quad(d, a, b, f, e, c);
        }
    }
}

void rp_draw_text(rp_draw *d, const rp_font *font, const char *utf8, float x, float baseline_y,
                  rp_color color)
{
    text_quads(d, font, utf8, x, baseline_y, color, false);
}

void rp_draw_text_vertical(rp_draw *d, const rp_font *font, const char *utf8, float baseline_x,
                           float y_bottom, rp_color color)
{
    text_quads(d, font, utf8, baseline_x, y_bottom, color, true);
}

void rp_draw_forget_font(rp_draw *d, const rp_font *font)
{
    if (!d || !font) return;
    for (int i = 0; i < FONT_CACHE; i++) {
        font_entry *e = &d->fonts[i];
        if (e->tex && e->font == font) {
            if (d->qv_tex == e->tex) {
                if (d->in_frame && d->batch == BATCH_QUAD) flush_quads(d);
                d->qv_tex = 0;
            }
            d->gl->DeleteTextures(1, &e->tex);
            memset(e, 0, sizeof *e);
        }
    }
}

rp_status rp_draw_reserve_columns(rp_draw *d, int columns)
{
    if (!d || columns < 0) return RP_ERR_INVALID_ARG;
    if (columns <= d->knot_cap) return RP_OK;
    rp_column_knot *k = realloc(d->knots, sizeof *k * (size_t)columns);
    if (!k) return RP_ERR_NO_MEMORY;
    d->knots = k;
    rp_bar *b = realloc(d->bar_scratch, sizeof *b * (size_t)columns);
    if (!b) return RP_ERR_NO_MEMORY; /* knots grown, bars not: knot_cap stays the smaller */
    d->bar_scratch = b;
    d->knot_cap = columns;
    return RP_OK;
}

/* ---- kept pixels ---------------------------------------------------------------------------- */
/* The colour buffer the frame draws into can be copied to and from a texture byte for byte:
 * single-sampled, 8-bit unsigned normalised red, green and blue. Its encoding (a window's buffer
 * is often sRGB-capable) is the texture's too, and with GL_FRAMEBUFFER_SRGB off nothing converts
 * (with it on, blending and copies would): then a copy is the bytes on every driver. Asked once
 * per framebuffer and viewport size. */
static bool keep_copyable(rp_draw *d, GLint fb)
{
    GladGLContext *gl = d->gl;
    if (gl->IsEnabled(GL_FRAMEBUFFER_SRGB)) return false;
    if (fb == d->keep_checked_fb && d->vp_w == d->keep_checked_w && d->vp_h == d->keep_checked_h)
        return true;
    GLint samples = 0;
    gl->GetIntegerv(GL_SAMPLE_BUFFERS, &samples);
    if (samples != 0) return false;
    GLenum attachment = fb == 0 ? GL_BACK_LEFT : GL_COLOR_ATTACHMENT0;
    if (fb == 0) {
        GLint draw_buffer = GL_NONE;
        gl->GetIntegerv(GL_DRAW_BUFFER0, &draw_buffer);
        attachment =
            draw_buffer == GL_FRONT || draw_buffer == GL_FRONT_LEFT ? GL_FRONT_LEFT : GL_BACK_LEFT;
    }
    GLint r = 0, g = 0, b = 0, type = 0, encoding = 0;
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment,
                                            GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, &r);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment,
                                            GL_FRAMEBUFFER_ATTACHMENT_GREEN_SIZE, &g);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment,
                                            GL_FRAMEBUFFER_ATTACHMENT_BLUE_SIZE, &b);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment,
                                            GL_FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE, &type);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment,
                                            GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING, &encoding);
    if (r != 8 || g != 8 || b != 8 || type != GL_UNSIGNED_NORMALIZED ||
        (encoding != GL_LINEAR && encoding != GL_SRGB))
        return false;
    d->keep_checked_fb = fb;
    d->keep_checked_w = d->vp_w;
    d->keep_checked_h = d->vp_h;
    d->keep_srgb = encoding == GL_SRGB;
    return true;
}

bool rp_draw_keep_ready(rp_draw *d, bool *fresh)
{
    *fresh = false;
    if (!d || !d->in_frame) return false;
    GladGLContext *gl = d->gl;
    GLint fb = 0;
    gl->GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fb);
    if (!keep_copyable(d, fb)) return false;
    /* Twice the viewport's width: each plot is kept in its own rows, as a ring along x
     * (plot_reuse.h), so a scroll never runs out of texture, and the ring's seam falls inside
     * a plot (two copies instead of one) at most half the time. */
    int tex_w = 2 * d->vp_w;
    if (d->keep_tex && d->keep_w == tex_w && d->keep_h == d->vp_h &&
        d->keep_tex_srgb == d->keep_srgb)
        return true;
    GLint max_size = 0;
    gl->GetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (tex_w > max_size || d->vp_h > max_size) return false;
    /* First use, or the viewport changed size: (re)allocate, outside any steady frame. What it
     * held is gone. */
    *fresh = true;
    if (!d->keep_tex) gl->GenTextures(1, &d->keep_tex);
    if (!d->keep_fbo) gl->GenFramebuffers(1, &d->keep_fbo);
    gl->BindTexture(GL_TEXTURE_2D, d->keep_tex);
    texture_params(gl, GL_NEAREST);
    gl->TexImage2D(GL_TEXTURE_2D, 0, d->keep_srgb ? GL_SRGB8_ALPHA8 : GL_RGBA8, tex_w, d->vp_h, 0,
                   GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    d->keep_tex_srgb = d->keep_srgb;
    gl->BindTexture(GL_TEXTURE_2D, 0);
    gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, d->keep_fbo);
    gl->FramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, d->keep_tex,
                             0);
    bool complete = gl->CheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, (GLuint)fb);
    d->keep_w = complete ? tex_w : 0;
    d->keep_h = complete ? d->vp_h : 0;
    return complete;
}

int rp_draw_keep_width(const rp_draw *d) { return d ? d->keep_w : 0; }

void rp_draw_keep_target(rp_draw *d, bool kept, int dx)
{
    if (!d || !d->in_frame || !d->keep_w) return;
    int tx = kept ? dx : d->vp_x, ty = kept ? 0 : d->vp_y;
    if (kept == d->keep_target && tx == d->target_x && ty == d->target_y) return;
    flush(d);
    GladGLContext *gl = d->gl;
    if (kept != d->keep_target) {
        if (!d->keep_target) gl->GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &d->frame_fb);
        gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, kept ? d->keep_fbo : (GLuint)d->frame_fb);
        d->keep_target = kept;
    }
    d->target_x = tx;
    d->target_y = ty;
    gl->Viewport(d->target_x, d->target_y, d->vp_w, d->vp_h);
    apply_scissor(d);
}

void rp_draw_keep_copy(rp_draw *d, rp_rect dst, int src_x)
{
    if (!d || !d->in_frame || !d->keep_w || d->keep_target || !(dst.w > 0.0f) || !(dst.h > 0.0f))
        return;
    flush(d);
    GladGLContext *gl = d->gl;
    GLint read_fb = 0;
    gl->GetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read_fb);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, d->keep_fbo);
    gl->Disable(GL_SCISSOR_TEST); /* a blit obeys the scissor: dst is the bound */
    /* Viewport px (top-left origin) → framebuffer px (bottom-left origin). */
    GLint x0 = (GLint)dst.x, x1 = x0 + (GLint)dst.w;
    GLint y0 = d->vp_h - (GLint)(dst.y + dst.h), y1 = y0 + (GLint)dst.h;
    gl->BlitFramebuffer(src_x, y0, src_x + (x1 - x0), y1, d->vp_x + x0, d->vp_y + y0, d->vp_x + x1,
                        d->vp_y + y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, (GLuint)read_fb);
    apply_scissor(d);
}

rp_bar *rp_draw_bar_scratch(rp_draw *d, int *capacity)
{
    *capacity = d ? d->knot_cap : 0;
    return d ? d->bar_scratch : NULL;
}

/* ---- dense-series bars (draw_path.h) ------------------------------------------------------- */
rp_column_knot *rp_draw_column_knots(rp_draw *d, int columns)
{
    return d && columns <= d->knot_cap ? d->knots : NULL;
}

void rp_draw_bars_begin(rp_draw *d, rp_color color)
{
    if (!d || !d->in_frame) return;
    use_batch(d, BATCH_BAR, 0);
    const float c[4] = {color.r, color.g, color.b, color.a};
    if (d->bar_n > 0 && memcmp(c, d->bar_color, sizeof c) != 0) flush_bars(d);
    memcpy(d->bar_color, c, sizeof c);
}

void rp_draw_bar(rp_draw *d, int x, int w, float top, float bottom)
{
    if (!d || !d->in_frame || w <= 0 || !(bottom > top)) /* nothing (or NaN) */
        return;
    /* Only what the clip can show (the scissor would drop the rest). */
    float g0 = d->clip_x0 - 2.0f, g1 = d->clip_y0 - 2.0f;
    float g2 = d->clip_x1 + 2.0f, g3 = d->clip_y1 + 2.0f;
    if (x < 0) {
        w += x;
        x = 0;
    }
    if (w <= 0 || x >= 65535 || (float)x + (float)w < g0 || (float)x > g2 || top > g3 ||
        bottom < g1)
        return;
    if (d->batch != BATCH_BAR) /* a flush in between (clip change): same colour, new batch */
        use_batch(d, BATCH_BAR, 0);
    if (d->bar_n >= BAR_CAP) flush_bars(d);
    /* Beyond the guard band only the position relative to the clip matters. */
    top = top < g1 ? g1 : top;
    bottom = bottom > g3 ? g3 : bottom;
    int idx = d->bar_n++;
    d->bars[idx] = (bar_rec){top, bottom};
    if (w > 65535 - x) w = 65535 - x;
    /* Rows the span touches, and rows it covers fully (coverage exactly 1 in span.frag). */
    float y0 = (float)floor_int(top), y1 = (float)ceil_int(bottom);
    float full0 = (float)ceil_int(top), full1 = (float)floor_int(bottom);
    /* Join the open run when adjacent and its quad would not shade much more than its bars
     * (so steep, shifted columns stay separate quads). */
    bar_run *r = &d->runs[d->run_n];
    if (d->run_open && w == 1 && !(r->first & 0x80000000u) && r->w < RUN_MAX_W &&
        x == (int)r->x + (int)r->w) {
        float ny0 = r->y0 < y0 ? r->y0 : y0, ny1 = r->y1 > y1 ? r->y1 : y1;
        float area = d->run_area + (y1 - y0);
        if ((ny1 - ny0) * (float)(r->w + 1) <=
            RUN_OVERDRAW * area + RUN_SLACK_PX * (float)(r->w + 1)) {
            r->y0 = ny0;
            r->y1 = ny1;
            r->w++;
            d->run_area = area;
            d->run_top = d->run_top > full0 ? d->run_top : full0;
            d->run_bottom = d->run_bottom < full1 ? d->run_bottom : full1;
            r->iy0 = d->run_top;
            r->iy1 = d->run_bottom;
            return;
        }
    }
    if (d->run_open) r = &d->runs[++d->run_n];
    r->y0 = y0;
    r->y1 = y1;
    d->run_top = full0;
    d->run_bottom = full1;
    r->iy0 = full0;
    r->iy1 = full1;
    r->x = (uint16_t)x;
    r->w = (uint16_t)w;
    r->first = (uint32_t)idx | (w > 1 ? 0x80000000u : 0u);
    d->run_area = (y1 - y0) * (float)w;
    d->run_open = true;
}

int64_t rp_draw_vertices(const rp_draw *d) { return d ? d->vertices : 0; }
int64_t rp_draw_upload_bytes(const rp_draw *d) { return d ? d->upload_bytes : 0; }

/* ---- path builder (draw_path.h) -------------------------------------------------------------- */
void rp_draw_path_begin(rp_draw *d, float width, rp_color color)
{
    if (!d) return;
    d->path_aliased = false;
    float w = width > 0.02f ? width : 0.02f;
    if (!(w < 4096.0f)) w = 4096.0f;
    d->path_hw = 0.5f * w;
    pack_color(color, d->path_rgba);
    d->path_has_last = false;
    d->path_linked = false;
    d->path_points = 0;
}

void rp_draw_path_begin_aliased(rp_draw *d, rp_color color)
{
    if (!d || !d->in_frame) return;
    flush(d);
    d->path_aliased = true;
    pack_color(color, d->path_rgba);
    d->path_has_last = false;
    d->path_points = 0;
    d->qv_n = 0;
}

static void path_segment(rp_draw *d, double x0, double y0, double x1, double y1)
{
    double g[4];
    guard_rect(d, (double)d->path_hw + GUARD_PX, g);
    if (!inside(g, x0, y0) || !inside(g, x1, y1)) {
        if (!clip_segment(g, &x0, &y0, &x1, &y1)) {
            d->path_linked = false;
            return;
        }
    }
    push_seg(d, (float)x0, (float)y0, (float)x1, (float)y1, d->path_hw, d->path_linked,
             d->path_rgba);
    d->path_linked = true;
}

void rp_draw_path_point(rp_draw *d, double px, double py)
{
    if (!d || !d->in_frame) return;
    if (!isfinite(px) || !isfinite(py)) {
        rp_draw_path_break(d);
        return;
    }
    if (d->path_aliased) {
        if (d->path_has_last && (float)px == (float)d->path_x && (float)py == (float)d->path_y)
            return;
        strip_point(d, (float)px, (float)py);
    } else if (d->path_has_last) {
        if ((float)px == (float)d->path_x && (float)py == (float)d->path_y) return;
        path_segment(d, d->path_x, d->path_y, px, py);
    }
    d->path_has_last = true;
    d->path_x = px;
    d->path_y = py;
    d->path_points++;
}

void rp_draw_path_break(rp_draw *d)
{
    if (!d || !d->in_frame) return;
    if (d->path_aliased) {
        strip_flush(d, false);
    } else if (d->path_has_last && d->path_points == 1) { /* a lone point: a dot */
        double g[4];
        guard_rect(d, (double)d->path_hw + GUARD_PX, g);
        if (inside(g, d->path_x, d->path_y))
            push_seg(d, (float)d->path_x, (float)d->path_y, (float)d->path_x, (float)d->path_y,
                     d->path_hw, false, d->path_rgba);
    }
    d->path_has_last = false;
    d->path_linked = false;
    d->path_points = 0;
}

void rp_draw_path_end(rp_draw *d)
{
    if (!d || !d->in_frame) return;
    rp_draw_path_break(d);
    d->path_aliased = false;
}

/* ---- images (rp_draw_image) ------------------------------------------------------------------ */
/* The texture of key, (re)uploaded when its version, size or format changed; the least recently
 * used one is replaced when all IMAGE_CACHE are taken. */
static GLuint image_texture(rp_draw *d, const void *key, uint64_t version, const uint8_t *pixels,
                            int w, int h, int channels)
{
    image_entry *slot = NULL;
    for (int i = 0; i < IMAGE_CACHE; i++) {
        image_entry *e = &d->images[i];
        if (e->tex && e->key == key) {
            slot = e;
            break;
        }
        if (!slot || (slot->tex && (!e->tex || e->used < slot->used))) slot = e;
    }
    slot->used = ++d->image_clock;
    if (slot->tex && slot->key == key && slot->version == version && slot->w == w && slot->h == h &&
        slot->channels == channels)
        return slot->tex;
    if (d->batch == BATCH_QUAD) flush_quads(d); /* queued quads may sample the old contents */
    GladGLContext *gl = d->gl;
    gl->ActiveTexture(GL_TEXTURE0);
    if (!slot->tex) gl->GenTextures(1, &slot->tex);
    gl->BindTexture(GL_TEXTURE_2D, slot->tex);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    GLenum format = channels == 4 ? GL_RGBA : GL_RED;
    if (slot->key == key && slot->w == w && slot->h == h && slot->channels == channels) {
        gl->TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, format, GL_UNSIGNED_BYTE, pixels);
    } else {
        gl->TexImage2D(GL_TEXTURE_2D, 0, channels == 4 ? GL_RGBA8 : GL_R8, w, h, 0, format,
                       GL_UNSIGNED_BYTE, pixels);
        texture_params(gl, GL_NEAREST);
    }
    slot->key = key;
    slot->version = version;
    slot->w = w;
    slot->h = h;
    slot->channels = channels;
    d->upload_bytes += (int64_t)w * h * channels;
    return slot->tex;
}

void rp_draw_image(rp_draw *d, const void *key, uint64_t version, const uint8_t *pixels, int w,
                   int h, int channels, rp_rect dst, rp_color color)
{
    if (!d || !d->in_frame || !key || !pixels || w < 1 || h < 1 ||
        (channels != 1 && channels != 4) || !(dst.w > 0.0f) || !(dst.h > 0.0f))
        return;
    uint8_t c[4];
    pack_color(color, c);
    if (c[3] == 0) return;
    GLuint tex = image_texture(d, key, version, pixels, w, h, channels);
    use_batch(d, BATCH_QUAD, tex);
    const float a[4] = {dst.x, dst.y, 0.0f, 0.0f}, b[4] = {dst.x + dst.w, dst.y, 1.0f, 0.0f};
    const float f[4] = {dst.x + dst.w, dst.y + dst.h, 1.0f, 1.0f};
    const float e[4] = {dst.x, dst.y + dst.h, 0.0f, 1.0f};
    push_quad(d, a, b, f, e, c);
}
