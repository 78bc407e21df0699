/* plot_reuse.h — internal to engine/render: a plot that only scrolled is copied, not drawn again.
 *
 * While a plot follows live data (or pans by whole columns) and nothing else changed — the same
 * viewport, plot rect, y views, theme, grid, series and styles (rp_plot_key) — last frame's plot
 * is this frame's moved left by k whole pixels, except where the data changed: the new columns
 * at the right edge, the column still filling, the first columns. The renderer builds every
 * series' bars into the panel's store (rp_series_bars: only those whose columns changed; the
 * rest are last frame's, left in place), which lists the pixel columns where they differ from
 * last frame's (grid column c's bar must be the same bytes, k px to the right last frame);
 * rp_plot_reuse_plan takes those, compares the x grid lines likewise, and returns the strips of
 * pixel columns where something differs. While following live none of it reads more than the
 * new and edge columns and each bar's x. The plot lives in a kept texture twice the viewport's width
 * (rp_draw_keep_*), as a ring: a scroll moves where it starts along the ring, not its pixels;
 * the renderer draws only the strips into it, each cleared first, and copies it onto the frame
 * in one blit, or two where it wraps around the ring's seam (on llvmpipe a blit costs the render
 * thread ~0.3 ms whatever its size, and waits until what was drawn into the texture is
 * rasterised). It is never drawn whole again only because it scrolled. A pixel's colour is
 * a function of the primitives that cover it (a bar's span shader reads only its own column's record), so
 * the copied pixels are the bytes a full redraw would write: tests/render/test_render_follow.c
 * compares every frame with one drawn from scratch. Software GL then shades O(new columns) a
 * frame instead of the whole plot, plus its copy onto the frame.
 *
 * When it keeps (the cost rules; measured on llvmpipe with `rp-bench render --only keep`,
 * README "Plot reuse"): a kept plot costs its strips, its copy and two framebuffer switches; a
 * redraw of the columns it copies costs their bars: an edge row (anti-aliased, blended) ~8
 * copied pixels, an inner row ~0.5. So a plan copies when at most half the plot must be drawn
 * and that redraw would cost more than the copy (a steep or noisy trace, several dense series;
 * not one dense full-height series). Otherwise a plot kept last frame is drawn whole into the
 * texture once more
 * (a blit more than in place), so that a fast stream whose frames take turns being long and
 * short still copies on the short ones; after that, and for a plot not kept, it is drawn in
 * place as before.
 *
 *   rp_plot_reuse_create(&out) / rp_plot_reuse_destroy(reuse)
 *   rp_plot_reuse_set_enabled(reuse, on)     off: every plot drawn whole; what was kept stays
 *                                            for when it is on again (tests, the benchmark's
 *                                            baseline)
 *   rp_plot_reuse_set_always(reuse, on)      on: keep and copy wherever it is exact, ignoring
 *                                            the cost rules above (tests of the copy itself)
 *   rp_plot_reuse_frame(reuse, figure, vp, ready)  a frame starts; ready: rp_draw_keep_ready.
 *       Returns whether this frame builds and keeps plots (enabled, ready, and the same figure
 *       and viewport as the frame before: two figures drawn in turn never pay for copies).
 *   rp_plot_reuse_origin(reuse, panel)   where the panel's plot is in the kept texture after its
 *       plan: plot column j at texture column (origin + j) mod the texture's width
 *   rp_plot_reuse_bars(reuse, panel, i, capacity, &last)  the bar store of the panel's series i
 *       (NULL: no memory; draw without reuse), for capacity columns a frame, and last frame's
 *       trace of it (NULL: none) for rp_series_bars, which then builds only the bars whose
 *       columns changed
 *   rp_plot_reuse_plan(reuse, panel, key, traces, ...)  what to copy (see rp_plot_plan)
 *   rp_plot_reuse_commit(reuse, panel, bars, kept)  after the panel's plot is drawn: bars = every
 *       series was drawn as bars from this frame's buffers (the next frame compares with them);
 *       kept = the plot was drawn into the kept texture (plan.keep)
 *   rp_plot_reuse_record(reuse, copied, drawn)     the renderer counts a panel's plot columns
 *   rp_plot_reuse_counts(reuse, &copied, &drawn)  plot pixel columns copied / drawn, all frames
 *   rp_plot_reuse_record_bars(reuse, built, examined, total)
 *   rp_plot_reuse_bar_counts(reuse, &built, &examined, &total)
 *       bars built afresh / columns whose inputs were read / bars in all, all frames (the
 *       renderer counts them)
 *   rp_plot_reuse_record_copy(reuse, ms) / rp_plot_reuse_copy_ms(reuse)  the render thread's CPU
 *       time copying kept plots onto frames, all frames (software GL copies on that thread)
 *
 * Memory: per panel drawn this way, a bar store per series (twice the plot's columns, 72 bytes
 * each) and a byte a plot column, allocated when first used and when the plot grows,
 * never on a frame that only moves; the kept pixels are rp_draw's texture (4 bytes a viewport
 * pixel, GPU).
 * Thread: the render thread. */
#ifndef RP_RENDER_PLOT_REUSE_H
#define RP_RENDER_PLOT_REUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "render/draw_path.h"
#include "ringplot.h"

#define RP_PLOT_GRID_MAX 64 /* x grid lines a plot may have and still be copied */

typedef struct rp_plot_reuse rp_plot_reuse;

/* Everything a plot's pixels depend on besides its x position and its series' bars. Filled
 * after a memset to 0 (compared with memcmp). */
typedef struct rp_plot_key {
    const void *figure;
    int viewport[4];
    float plot[4];
    float line_px, scale;
    int background_done, hide_grid;
    float plot_background[4], grid[4];
    double y[4]; /* y0, y1, y2_0, y2_1 */
    double y_threshold;
    int y_scale, has_right, series_n;
    struct {
        const void *series;
        int visible, y_axis;
        float color[4];
        float width;
    } series[RP_MAX_SERIES_PER_PANEL];
} rp_plot_key;

#define RP_PLOT_STRIPS 16 /* strips drawn a panel */

/* A panel's plan.
 *   keep false: draw the whole plot in place (nothing to compare with, or too much changed).
 *   keep, !copy: draw the whole plot into the kept texture (at rp_plot_reuse_origin), then onto
 *       the frame.
 *   keep, copy: last frame's plot is in the texture, scrolled by shift px (its origin moved by
 *       it); draw the strips [a[i], b[i]) of plot columns (left to right, i < strips) into it —
 *       what changed, and what has no source — then the texture onto the frame. A following
 *       time axis keeps its grid lines in place while the data moves under them, so there are
 *       several strips. */
typedef struct rp_plot_plan {
    bool keep, copy;
    int shift, strips;
    int a[RP_PLOT_STRIPS], b[RP_PLOT_STRIPS];
} rp_plot_plan;

rp_status rp_plot_reuse_create(rp_plot_reuse **out);
void rp_plot_reuse_destroy(rp_plot_reuse *reuse);
void rp_plot_reuse_set_enabled(rp_plot_reuse *reuse, bool on);
bool rp_plot_reuse_enabled(const rp_plot_reuse *reuse);
void rp_plot_reuse_set_always(rp_plot_reuse *reuse, bool always);
bool rp_plot_reuse_frame(rp_plot_reuse *reuse, const void *figure, const int viewport[4],
                         bool ready);

int rp_plot_reuse_origin(const rp_plot_reuse *reuse, int panel);
rp_bar_store *rp_plot_reuse_bars(rp_plot_reuse *reuse, int panel, int series, int capacity,
                                 const rp_bar_trace **last);
/* traces[i]: series i's bars this frame, NULL when it draws nothing (hidden, no data). grid_x:
 * the x grid lines' first pixel columns (viewport px), each line_px wide. plot_x, plot_w: the
 * plot's columns in viewport px; kept_w: the kept texture's width (rp_draw_keep_width). */
rp_plot_plan rp_plot_reuse_plan(rp_plot_reuse *reuse, int panel, const rp_plot_key *key,
                                const rp_bar_trace *const *traces, const int *grid_x, int grid_n,
                                int line_px, int plot_x, int plot_w, int kept_w);
void rp_plot_reuse_commit(rp_plot_reuse *reuse, int panel, bool bars, bool kept);
void rp_plot_reuse_record(rp_plot_reuse *reuse, int64_t copied, int64_t drawn);
void rp_plot_reuse_counts(const rp_plot_reuse *reuse, int64_t *copied, int64_t *drawn);
void rp_plot_reuse_record_bars(rp_plot_reuse *reuse, int64_t built, int64_t examined,
                               int64_t total);
void rp_plot_reuse_bar_counts(const rp_plot_reuse *reuse, int64_t *built, int64_t *examined,
                              int64_t *total);
void rp_plot_reuse_record_copy(rp_plot_reuse *reuse, double cpu_ms);
double rp_plot_reuse_copy_ms(const rp_plot_reuse *reuse);

/* The renderer's (renderer.c; borrowed), for tests and the benchmark. */
rp_plot_reuse *rp_renderer_plot_reuse(rp_renderer *renderer);

#endif
