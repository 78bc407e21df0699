/* draw.h — batched GL 3.3 primitives in viewport pixels (top-left origin, y down).
 * The figure renderer composes plots from these; this layer owns shaders, VAOs, streaming
 * buffers (a fenced ring of per-frame regions written unsynchronised: bytes uploaded grow with
 * pixels, not with samples, and a frame never waits for the one before) and the glyph atlas
 * textures. Knows GL (through a glad --mx GladGLContext), never SDL or EGL.
 * Thread: the thread where the GL context is current. No allocation between begin and end. */
#ifndef RP_RENDER_DRAW_H
#define RP_RENDER_DRAW_H

#include <glad/gl.h>

#include "core/log.h"
#include "core/rect.h"
#include "ringplot.h"
#include "text/font.h"

typedef struct rp_draw rp_draw;

/* Compiles and links one program from NUL-terminated GLSL sources. Returns 0 on failure, having
 * reported RP_LOGITEM_SHADER_COMPILE "draw: shader NAME failed to compile: <driver log>" (or
 * RP_LOGITEM_PROGRAM_LINK "... failed to link: <driver log>") on log, with no GL object left
 * behind. Used for every built-in program; tests feed it broken sources. */
GLuint rp_draw_link_program(GladGLContext *gl, const unsigned char *vs_src, const char *vs_name,
                            const unsigned char *fs_src, const char *fs_name, rp_log_sink *log);

/* Creates shaders and buffers in the current context; gl is borrowed (must outlive draw).
 * Failures are reported on log (the renderer's). */
rp_status rp_draw_create(GladGLContext *gl, rp_draw **out, rp_log_sink *log);
void rp_draw_destroy(rp_draw *draw);

/* Starts a frame in the framebuffer viewport (x, y from the bottom as glViewport; w, h px).
 * Saves the GL state it will change; rp_draw_end flushes all batches and restores it. */
void rp_draw_begin(rp_draw *draw, int vp_x, int vp_y, int vp_w, int vp_h);
void rp_draw_end(rp_draw *draw);

/* Everything below is queued and drawn in submission order at the next flush. */
void rp_draw_set_clip(rp_draw *draw, rp_rect clip);          /* scissor (flushes); w <= 0: none */
void rp_draw_rect(rp_draw *draw, rp_rect r, rp_color color); /* filled */
/* Replaces every pixel of the viewport ∩ clip with color (no blending). Far cheaper than a rect
 * on software GL when that is the whole framebuffer (a fast clear). */
void rp_draw_clear(rp_draw *draw, rp_color color);
void rp_draw_line(rp_draw *draw, float x0, float y0, float x1, float y1, float width,
                  rp_color color); /* AA segment */
/* Text in font (its atlas is uploaded on first use). Vertical text reads bottom to top
 * (rotated 90° counter-clockwise) with its baseline at x = baseline_x. */
void rp_draw_text(rp_draw *draw, const rp_font *font, const char *utf8, float x, float baseline_y,
                  rp_color color);
void rp_draw_text_vertical(rp_draw *draw, const rp_font *font, const char *utf8, float baseline_x,
                           float y_bottom, rp_color color);

/* Maps data coordinates to viewport px for one plot area: px = (x - x0) * sx + ox ... computed
 * in double on the CPU, so GPU positions are small float32 numbers relative to the view. */
typedef struct rp_plot_transform {
    double x0, y0;      /* data at the plot rect's left / bottom edge */
    double sx, sy;      /* px per data unit (sy > 0: y grows upwards on screen) */
    rp_rect plot;       /* plot rect in viewport px (clip; ±Inf clamps to its edges) */
    rp_y_scale y_scale; /* non-linear: y goes through axis/scale.h first (y0, sy in its unit) */
    double y_threshold;
    /* The series' decimation grid (column k from x = grid_anchor + k · column_dx: its t0, or 0
     * when timestamped). With it, column mode places samples by their column, the same bytes in
     * every frame whatever the view's x0 rounds to; without (false), from the view's x0. */
    bool has_grid;
    double grid_anchor;
} rp_plot_transform;

/* Draws one decimated series as a thick anti-aliased line: raw mode as a polyline; column mode
 * as one solid bar per pixel column covering the column's min-max span and its share of the
 * connectors to the neighbouring columns, grown by the line's width, anti-aliased at its ends. NaN breaks the line;
 * ±Inf is clamped to the plot edge. */
void rp_draw_series(rp_draw *draw, const rp_decimation *dec, const rp_plot_transform *tf,
                    float width, rp_color color);
/* Lines up to this width (px) draw column mode as bars, which do not need the time order of a
 * column's min and max (rp_decimation.skip_extreme_index may be set); wider ones draw the
 * first → min/max → last polyline. */
#define RP_DRAW_BAR_MAX_WIDTH 16.0f

/* Makes the per-column scratch of rp_draw_series hold `columns` (call outside begin/end when the
 * viewport grows; wider decimations fall back to the polyline). */
rp_status rp_draw_reserve_columns(rp_draw *draw, int columns);

/* Counters since begin (for rp_frame_stats). */
int64_t rp_draw_vertices(const rp_draw *draw);
int64_t rp_draw_upload_bytes(const rp_draw *draw);

/* ---- Added by the GL layer (draw.c / series_geometry.c) ---------------------------------- */

/* A polyline of n points (xy: x0, y0, x1, y1, ... in viewport px) as one thick AA line with
 * round joins; a NaN coordinate breaks it (no segment touches a NaN point). */
void rp_draw_polyline(rp_draw *draw, const float *xy, int n, float width, rp_color color);
/* 1-px ALIASED GL_LINE_STRIP of n points (NaN breaks it) — for fidelity tests and debugging. */
void rp_draw_polyline_aliased(rp_draw *draw, const float *xy, int n, rp_color color);
/* The same path as rp_draw_series (raw samples, or per column first → min/max in time order →
 * last), drawn as 1-px aliased line strips: the M4 fidelity test draws it against every raw
 * sample through rp_draw_polyline_aliased. */
void rp_draw_series_aliased(rp_draw *draw, const rp_decimation *dec, const rp_plot_transform *tf,
                            rp_color color);
/* Sample markers of a view of single samples (dec->raw; nothing otherwise): a filled dot of
 * `diameter` px at every sample (all) or only at those with no line to either neighbour (a NaN
 * or nothing on both sides), clipped to tf->plot. */
void rp_draw_series_markers(rp_draw *draw, const rp_decimation *dec, const rp_plot_transform *tf,
                            float diameter, rp_color color, bool all);
/* The figure's rp_markers for n single samples across width px: true when every one gets a dot
 * (ON, or AUTO with RP_MARKER_SPACING_PX between them on average); and a dot's diameter for a
 * line of line_width px at HiDPI scale. Every view that draws sample dots asks these. */
bool rp_markers_every_sample(rp_markers markers, double width, int64_t n);
float rp_marker_diameter(float line_width, float scale);
/* Data → viewport px in double, exactly as rp_draw_series places its points: +Inf / -Inf y go to
 * the plot's top / bottom edge; NaN stays NaN. */
void rp_plot_transform_apply(const rp_plot_transform *tf, double x, double y, double *px,
                             double *py);
/* Drops the cached atlas texture of font (call before rp_font_destroy when fonts are recreated
 * while this draw lives, so a new font at the same address cannot hit a stale texture). */
void rp_draw_forget_font(rp_draw *draw, const rp_font *font);
/* An image of w × h pixels (rows top to bottom; channels 1: coverage, drawn as color × byte/255
 * like a glyph; 4: RGBA, drawn as color × texel) stretched over dst, nearest texel. key names
 * the image across frames (e.g. the panel state that owns the pixels): its texture is kept and
 * uploaded again only when version, size or channels change (8 images kept, least recently used
 * replaced). pixels is read during the call. */
void rp_draw_image(rp_draw *draw, const void *key, uint64_t version, const uint8_t *pixels, int w,
                   int h, int channels, rp_rect dst, rp_color color);
/* Kept pixels: an RGBA8 texture twice the viewport's width (its height) that holds plots across frames
 * (plot_reuse.h: each plot in its own rows, as a ring along x; a plot that only scrolled moves
 * its start along the ring, draws only what changed into it, and is copied onto each frame in
 * one blit per side of the ring's seam).
 *   rp_draw_keep_ready(draw, &fresh)   true when the framebuffer bound now takes a copy byte
 *       for byte (single-sampled, 8-bit RGB(A), GL_FRAMEBUFFER_SRGB off) and the texture has
 *       the viewport's size and the framebuffer's encoding; makes or remakes it (GPU memory: 8
 *       bytes a viewport pixel) on first use and when either changes, and then says fresh (what
 *       it held is gone). Call between begin and end.
 *   rp_draw_keep_width(draw)             the texture's width in px (0: none)
 *   rp_draw_keep_target(draw, kept, dx)   kept: draw into the texture, viewport px x landing
 *       at texture px x + dx (y as in the viewport); false: the frame's framebuffer (as at
 *       begin)
 *   rp_draw_keep_copy(draw, dst, src_x)   copies the texture's columns from src_x, rows of dst,
 *       to dst in the frame's framebuffer (no blending, no clip)
 * Both flush what is queued first, so they land between the draws queued before and after. */
bool rp_draw_keep_ready(rp_draw *draw, bool *fresh);
int rp_draw_keep_width(const rp_draw *draw);
void rp_draw_keep_target(rp_draw *draw, bool kept, int dx);
void rp_draw_keep_copy(rp_draw *draw, rp_rect dst, int src_x);
/* The clip rect now in effect (w <= 0: none). */
rp_rect rp_draw_get_clip(const rp_draw *draw);

#endif
