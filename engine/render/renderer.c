/* renderer.c — rp_renderer_*: draws a figure with the rp_draw primitives.
 *
 * A frame: resolve the x view (follow: snapped to the decimation column grid so a scrolling plot
 * moves by whole pixels and never shimmers) and each panel's y view (autoscale), compute the
 * layout (layout.c), then draw background, grid, series (decimated into a column buffer that is
 * allocated at creation and grown only when the viewport grows), axes, tick labels, titles and
 * legends; finally keep what the frame drew in the renderer's own record of that figure (hit
 * tests and the next frame's legend corners answer from it; the figure is never written back).
 * No allocation per frame.
 *
 * Owns the GL function table (glad --mx: GladGLContext inside the renderer, no GL globals), the
 * rp_draw batcher and three fonts (labels 13 px, panel titles 13 px bold, plot title 16 px bold,
 * each × scale). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dlfcn.h>

#include <glad/gl.h>

#include "axis/scale.h"
#include "axis/ticks.h"
#include "core/handles.h"
#include "core/log.h"
#include "core/series_internal.h"
#include "figure/figure_internal.h"
#include "layout/layout.h"
#include "render/column_cache.h"
#include "render/draw.h"
#include "render/plot_reuse.h"
#include "render/views.h"
#include "text/font.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define LABEL_PX 13.0f
#define TITLE_PX 16.0f
#define MIN_COLUMNS 8192 /* decimation columns allocated at creation */

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
/* A time panel's plot between the two phases of a frame that keeps plots (plan_kept_plots before
 * the frame's own drawing, put_kept_plot in its place among the panel's layers). */
typedef struct kept_panel {
    bool planned; /* this frame planned it: put_kept_plot puts it */
    bool put;     /* put already (kept plots are copied right after the frame's clear) */
    bool keepable, kept;
    rp_plot_plan plan;
    int origin, seam;
    const rp_bar_trace *traces[RP_MAX_SERIES_PER_PANEL];
    rp_bar_trace built[RP_MAX_SERIES_PER_PANEL];
    bool other[RP_MAX_SERIES_PER_PANEL]; /* drawn another way: decimated again when drawn */
} kept_panel;

struct rp_renderer {
    rp_log_sink log; /* failures: desc.log's callback and error */
    char error[RP_ERROR_MAX];
    GladGLContext gl;
    rp_gl_proc_loader loader;
    void *libegl; /* dlopen handle when the default loader is used, else NULL */
    void *(*egl_get_proc_address)(const char *name); /* eglGetProcAddress from libegl */
    rp_draw *draw;
    rp_font *font_label, *font_bold, *font_title;
    float scale;
    rp_m4 *columns;
    int column_capacity;
    rp_column_cache *cache; /* last frames' complete columns, per series */
    rp_plot_reuse *reuse;   /* last frame's plots, to copy where they only scrolled */
    bool keeping;           /* this frame keeps plots (rp_plot_reuse_frame) */
    kept_panel kept[RP_MAX_PANELS];
    int viewport[4]; /* this frame's x, y, width, height */
    rp_layout layout;
    rp_drawn_frames drawn; /* the last frame of each figure drawn recently (layout/drawn.c) */
    rp_frame_stats stats;
    char gl_string[128];
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static double now_ms(void) { return clock_ms(CLOCK_MONOTONIC); }

/* CPU time of this thread: what the kept plot's copy costs the render thread (on software GL
 * the copy is done here; its wall time also waits for the rasteriser). */
static double thread_cpu_ms(void) { return clock_ms(CLOCK_THREAD_CPUTIME_ID); }

#define FAIL(r, status, item, ...) rp_log_fail(&(r)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

static GLADapiproc load_proc(void *user, const char *name)
{
    rp_renderer *r = user;
    void *p = r->loader ? r->loader(name) : r->egl_get_proc_address(name);
    GLADapiproc f;
    memcpy(&f, &p, sizeof f); /* POSIX: object and function pointers share a representation */
    return f;
}

/* The default loader (desc.get_proc_address NULL): libEGL's eglGetProcAddress, found at run time
 * so that the renderer needs neither the platform layer nor a link to libEGL. The handle is the
 * renderer's own (dlopen counts references), closed with it. */
static bool open_default_loader(rp_renderer *r)
{
    r->libegl = dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!r->libegl) return false;
    void *sym = dlsym(r->libegl, "eglGetProcAddress");
    memcpy(&r->egl_get_proc_address, &sym, sizeof sym); /* POSIX: same representation */
    return r->egl_get_proc_address != NULL;
}

static rp_status ensure_columns(rp_renderer *r, int needed)
{
    if (needed <= r->column_capacity) return RP_OK;
    if (rp_draw_reserve_columns(r->draw, needed) != RP_OK) /* the bars' scratch, same size */
        return RP_ERR_NO_MEMORY;
    rp_m4 *c = realloc(r->columns, sizeof(rp_m4) * (size_t)needed);
    if (!c) return RP_ERR_NO_MEMORY;
    r->columns = c;
    r->column_capacity = needed;
    return RP_OK;
}

static rp_color with_alpha(rp_color c, float a)
{
    c.a *= a;
    return c;
}

/* Axis-aligned lines as filled rectangles of whole pixels: crisp at every scale. */
static void hline(rp_draw *d, float x0, float x1, double y, float t, rp_color c)
{
    float yy = (float)floor(y - 0.5 * t + 0.5);
    rp_draw_rect(d, (rp_rect){x0, yy, x1 - x0, t}, c);
}

static void vline(rp_draw *d, double x, float y0, float y1, float t, rp_color c)
{
    float xx = (float)floor(x - 0.5 * t + 0.5);
    rp_draw_rect(d, (rp_rect){xx, y0, t, y1 - y0}, c);
}

static void box(rp_draw *d, rp_rect r, float t, rp_color c)
{
    rp_draw_rect(d, (rp_rect){r.x, r.y, r.w, t}, c);
    rp_draw_rect(d, (rp_rect){r.x, r.y + r.h - t, r.w, t}, c);
    rp_draw_rect(d, (rp_rect){r.x, r.y + t, t, r.h - 2 * t}, c);
    rp_draw_rect(d, (rp_rect){r.x + r.w - t, r.y + t, t, r.h - 2 * t}, c);
}

/* Follow mode: snap the view's end up to the column grid of the first series (anchored at its t0
 * for uniform series, 0 otherwise, with the column width rp_decimate uses: the span per column
 * rounded to 20 significant bits), so a view that scrolls shows the same columns at the same
 * whole-pixel positions, for hours; the newest sample stays within the last column. */
static void snap_follow_view(const rp_figure *f, int plot_w, double *x0, double *x1)
{
    if (!f->follow || f->follow_span <= 0 || plot_w < 1) return;
    double anchor = 0, rate = 0;
    bool timestamped = true;
    for (int p = 0; p < f->panel_count; p++) {
        if (f->panels[p].series_count > 0) {
            rp_series_desc d = rp_series_get_desc(f->panels[p].series[0].series);
            timestamped = d.timestamps;
            anchor = d.timestamps ? 0 : d.t0;
            rate = d.rate;
            break;
        }
    }
    double span = *x1 - *x0, dx, spc;
    rp_grid_column(span, plot_w, timestamped, rate, &dx, &spc);
    if (!(dx > 0) || !isfinite(dx)) return;
    double k = ceil((*x1 - anchor) / dx);
    double end = anchor + k * dx;
    if (!isfinite(end) || end < *x1 || end - *x1 > dx)
        return; /* beyond double resolution: leave the view as it is */
    *x1 = end;
    *x0 = end - span;
}

/* Column mode: the columns cover consecutive sample indices, each starting where the one before
 * ended (rp_decimate), so the first and last tell (O(1): a following frame reads no more). */
static int64_t samples_in(const rp_decimation *dec)
{
    if (dec->raw) return dec->count;
    return dec->count > 0 ? dec->out[dec->count - 1].end - dec->out[0].start : 0;
}

static void draw_text_right(rp_draw *d, const rp_font *font, const char *text, float right,
                            float baseline, rp_color c)
{
    float w = rp_font_text_width(font, text);
    rp_draw_text(d, font, text, roundf(right - w), baseline, c);
}

static void draw_text_center(rp_draw *d, const rp_font *font, const char *text, float center,
                             float baseline, rp_color c)
{
    float w = rp_font_text_width(font, text);
    rp_draw_text(d, font, text, roundf(center - 0.5f * w), baseline, c);
}

/* The panel's data → px maps: tf for the left y axis, tf2 for the right one. */
static void panel_transforms(const rp_layout *l, const rp_panel_layout *pl, rp_plot_transform *tf,
                             rp_plot_transform *tf2)
{
    *tf = (rp_plot_transform){
        .x0 = l->x0,
        .y0 = pl->y0,
        .sx = (double)pl->plot.w / (l->x1 - l->x0),
        .sy = (double)pl->plot.h / (pl->y1 - pl->y0),
        .plot = pl->plot,
    };
    *tf2 = *tf; /* the right y axis */
    tf2->y0 = pl->y2_0;
    tf2->sy = pl->has_right ? (double)pl->plot.h / (pl->y2_1 - pl->y2_0) : tf->sy;
    if (pl->y_scale !=
        RP_Y_LINEAR) { /* log / symlog: y through the scale, then linear in its unit */
        double u0 = rp_scale_forward(pl->y_scale, pl->y_threshold, pl->y0);
        double u1 = rp_scale_forward(pl->y_scale, pl->y_threshold, pl->y1);
        tf->y_scale = tf2->y_scale = pl->y_scale;
        tf->y_threshold = tf2->y_threshold = pl->y_threshold;
        tf->y0 = u0;
        tf->sy = (double)pl->plot.h / (u1 - u0);
        if (pl->has_right) {
            double v0 = rp_scale_forward(pl->y_scale, pl->y_threshold, pl->y2_0);
            double v1 = rp_scale_forward(pl->y_scale, pl->y_threshold, pl->y2_1);
            tf2->y0 = v0;
            tf2->sy = (double)pl->plot.h / (v1 - v0);
        }
    }
}

static float series_line_px(const rp_renderer *r, const rp_figure *f, const rp_figure_series *fs)
{
    return (fs->line_width > 0 ? fs->line_width
                               : f->desc.line_width * rp_figure_series_width_scale(fs)) *
           r->scale;
}

/* Decimates series fs over the view into r->columns (timed into the frame's stats). */
static bool decimate_series(rp_renderer *r, const rp_figure_series *fs, int width, float lw,
                            rp_decimation *dec, rp_column_run *run)
{
    const rp_layout *l = &r->layout;
    *dec = (rp_decimation){.out = r->columns,
                           .out_capacity = r->column_capacity,
                           .skip_extreme_index = lw <= RP_DRAW_BAR_MAX_WIDTH};
    double t0 = now_ms();
    rp_status st =
        rp_column_cache_decimate(r->cache, fs->series, l->x0, l->x1, width, dec, NULL, run);
    r->stats.decimate_ms += now_ms() - t0;
    /* Nothing in view but samples either side: the line between them crosses the view. */
    return st == RP_OK && (dec->count > 0 || (dec->has_before && dec->has_after));
}

/* The panel's map for one series: base with the series' decimation grid (its t0, or 0 when
 * timestamped), so its columns land on the same px relative to each other in every frame. */
static rp_plot_transform series_transform(const rp_plot_transform *base, const rp_series *s)
{
    rp_plot_transform t = *base;
    rp_series_desc d = rp_series_get_desc(s);
    t.has_grid = true;
    t.grid_anchor = d.timestamps ? 0.0 : d.t0;
    return t;
}

/* One series, decimated and drawn (with its sample dots when zoomed in). */
static void draw_one_series(rp_renderer *r, rp_figure *f, const rp_panel_layout *pl,
                            const rp_figure_series *fs, const rp_plot_transform *panel_tf)
{
    rp_plot_transform tf = series_transform(panel_tf, fs->series);
    const rp_plot_transform *use = &tf;
    float lw = series_line_px(r, f, fs);
    rp_decimation dec;
    if (!decimate_series(r, fs, (int)pl->plot.w, lw, &dec, NULL)) return;
    r->stats.samples_in_view += samples_in(&dec);
    rp_color color = rp_figure_series_color(f, fs);
    rp_draw_series(r->draw, &dec, use, lw, color);
    if (dec.raw && f->desc.markers != RP_MARKERS_OFF) /* AUTO: a lone sample always */
        rp_draw_series_markers(
            r->draw, &dec, use, rp_marker_diameter(lw, r->scale), color,
            rp_markers_every_sample(f->desc.markers, (double)pl->plot.w, dec.count));
}

static void draw_series(rp_renderer *r, rp_figure *f, const rp_panel_layout *pl,
                        const rp_figure_panel *fp)
{
    if ((int)pl->plot.w < 1) return;
    rp_plot_transform tf, tf2;
    panel_transforms(&r->layout, pl, &tf, &tf2);
    for (int i = 0; i < fp->series_count; i++) {
        const rp_figure_series *fs = &fp->series[i];
        if (fs->visible)
            draw_one_series(r, f, pl, fs, fs->y_axis == 1 && pl->has_right ? &tf2 : &tf);
    }
}

/* Opaque backgrounds: one clear to the plot colour (a fast clear on software GL when the viewport
 * is the framebuffer), then the background colour only around and between the plots, instead of
 * blending two nearly full-screen rects. */
static bool backgrounds_clearable(const rp_renderer *r, const rp_figure *f,
                                  const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    return th->background.a >= 1.0f && th->plot_background.a >= 1.0f && l->panel_count > 0 &&
           l->panel_count == f->panel_count;
}

static bool clear_backgrounds(rp_renderer *r, const rp_figure *f, const rp_theme_style *th,
                              float width, float height)
{
    const rp_layout *l = &r->layout;
    if (!backgrounds_clearable(r, f, th)) return false;
    rp_draw *d = r->draw;
    rp_draw_clear(d, th->plot_background);
    rp_rect first = l->panels[0].plot;
    float x0 = first.x, x1 = first.x + first.w, y = 0.0f;
    rp_draw_rect(d, (rp_rect){0, 0, x0, height}, th->background);
    rp_draw_rect(d, (rp_rect){x1, 0, width - x1, height}, th->background);
    for (int p = 0; p < l->panel_count; p++) {
        rp_rect pr = l->panels[p].plot;
        rp_draw_rect(d, (rp_rect){x0, y, x1 - x0, pr.y - y}, th->background);
        y = pr.y + pr.h;
    }
    rp_draw_rect(d, (rp_rect){x0, y, x1 - x0, height - y}, th->background);
    return true;
}

/* The first pixel column of x tick tk's grid line in plot (a line of line_px whole pixels, as
 * vline places it); false: not a grid line (minor, or at the plot's edge). */
static bool grid_column(const rp_layout *l, const rp_rect *plot, const rp_tick *tk, float *xx)
{
    double x = rp_layout_x_px(l, plot, tk->value);
    if (!tk->major || x < plot->x + 0.5 || x > plot->x + plot->w - 0.5) return false;
    *xx = (float)floor(x - 0.5 * l->line_px + 0.5);
    return true;
}

/* Grid: major ticks only, under the data; only what falls in viewport columns [x0, x1) (whole
 * pixels: the lines are rects of whole pixels, so a part is exactly those pixels of the whole). */
static void draw_grid_part(rp_renderer *r, const rp_figure *f, const rp_panel_layout *pl,
                           const rp_theme_style *th, bool spectrum, double y_floor, float x0,
                           float x1)
{
    if (f->desc.hide_grid) return;
    rp_draw *d = r->draw;
    const rp_layout *l = &r->layout;
    rp_rect plot = pl->plot;
    float t = l->line_px, bottom = plot.y + plot.h;
    float left = fmaxf(plot.x, x0), right = fminf(plot.x + plot.w, x1);
    if (!(right > left)) return;
    for (int i = 0; i < pl->yticks.count; i++) {
        const rp_tick *tk = &pl->yticks.ticks[i];
        double y = rp_layout_y_px(pl, tk->value);
        if (!tk->major || y < plot.y + 0.5 || y > bottom - 0.5 || tk->value < y_floor) continue;
        hline(d, left, right, y, t, th->grid);
    }
    for (int i = 0; i < (spectrum ? 0 : l->xticks.count); i++) {
        float xx;
        if (!grid_column(l, &plot, &l->xticks.ticks[i], &xx)) continue;
        float a = fmaxf(xx, x0), b = fminf(xx + t, x1);
        if (b > a) rp_draw_rect(d, (rp_rect){a, plot.y, b - a, bottom - plot.y}, th->grid);
    }
}

static void draw_grid(rp_renderer *r, const rp_figure *f, const rp_panel_layout *pl,
                      const rp_theme_style *th, bool spectrum, double y_floor)
{
    draw_grid_part(r, f, pl, th, spectrum, y_floor, -INFINITY, INFINITY);
}

/* The x grid lines' first pixel columns, as draw_grid places them; -1: more than fit. */
static int grid_columns(const rp_renderer *r, const rp_figure *f, const rp_panel_layout *pl,
                        int *out)
{
    if (f->desc.hide_grid) return 0;
    const rp_layout *l = &r->layout;
    rp_rect plot = pl->plot;
    int n = 0;
    for (int i = 0; i < l->xticks.count; i++) {
        float xx;
        if (!grid_column(l, &plot, &l->xticks.ticks[i], &xx)) continue;
        if (n == RP_PLOT_GRID_MAX) return -1;
        out[n++] = (int)xx;
    }
    return n;
}

static void plot_key(const rp_renderer *r, const rp_figure *f, int p, const rp_theme_style *th,
                     bool background_done, const int viewport[4], rp_plot_key *key)
{
    const rp_panel_layout *pl = &r->layout.panels[p];
    const rp_figure_panel *fp = &f->panels[p];
    memset(key, 0, sizeof *key); /* compared with memcmp: padding too */
    key->figure = f;
    memcpy(key->viewport, viewport, sizeof key->viewport);
    key->plot[0] = pl->plot.x;
    key->plot[1] = pl->plot.y;
    key->plot[2] = pl->plot.w;
    key->plot[3] = pl->plot.h;
    key->line_px = r->layout.line_px;
    key->scale = r->scale;
    key->background_done = background_done;
    key->hide_grid = f->desc.hide_grid;
    memcpy(key->plot_background, &th->plot_background, sizeof key->plot_background);
    memcpy(key->grid, &th->grid, sizeof key->grid);
    key->y[0] = pl->y0;
    key->y[1] = pl->y1;
    key->y[2] = pl->has_right ? pl->y2_0 : 0;
    key->y[3] = pl->has_right ? pl->y2_1 : 0;
    key->y_threshold = pl->y_threshold;
    key->y_scale = (int)pl->y_scale;
    key->has_right = pl->has_right;
    key->series_n = fp->series_count;
    for (int i = 0; i < fp->series_count && i < RP_MAX_SERIES_PER_PANEL; i++) {
        const rp_figure_series *fs = &fp->series[i];
        rp_color c = rp_figure_series_color(f, fs);
        key->series[i].series = fs->series;
        key->series[i].visible = fs->visible;
        key->series[i].y_axis = fs->y_axis;
        memcpy(key->series[i].color, &c, sizeof key->series[i].color);
        key->series[i].width = series_line_px(r, f, fs);
    }
}

/* The plan's strips of panel p's plot that meet plot columns [lo, hi), under the current clip:
 * backgrounds (when opaque) and grid, then each series' bars of those strips and its lines. A
 * strip is drawn whole (its bars lie wholly in it); the clip keeps what is drawn to [lo, hi). */
static void draw_plot_strips(rp_renderer *r, rp_figure *f, int p, const rp_theme_style *th,
                             const rp_plot_plan *plan, const rp_bar_trace *const *traces,
                             const bool *other, int lo, int hi, bool opaque)
{
    rp_draw *d = r->draw;
    const rp_panel_layout *pl = &r->layout.panels[p];
    const rp_figure_panel *fp = &f->panels[p];
    rp_rect plot = pl->plot;
    double y_floor = rp_view_y_floor(fp, pl);
    for (int k = 0; k < plan->strips; k++) {
        if (plan->b[k] <= lo || plan->a[k] >= hi) continue;
        float a = plot.x + (float)plan->a[k], b = plot.x + (float)plan->b[k];
        if (opaque) /* the bytes of the frame's clear */
            rp_draw_rect(d, (rp_rect){a, plot.y, b - a, plot.h}, th->plot_background);
        draw_grid_part(r, f, pl, th, false, y_floor, a, b);
    }
    rp_plot_transform tf, tf2;
    panel_transforms(&r->layout, pl, &tf, &tf2);
    for (int i = 0; i < fp->series_count; i++) {
        const rp_figure_series *fs = &fp->series[i];
        if (traces[i]) {
            for (int k = 0; k < plan->strips; k++)
                if (plan->b[k] > lo && plan->a[k] < hi)
                    rp_draw_bar_trace(d, traces[i], plot, (int)plot.x + plan->a[k],
                                      (int)plot.x + plan->b[k], false);
            rp_draw_bar_trace(d, traces[i], plot, 0, 0, true); /* its lines */
        } else if (other[i]) {
            draw_one_series(r, f, pl, fs, fs->y_axis == 1 && pl->has_right ? &tf2 : &tf);
        }
    }
}

/* A time panel's plot — background, grid, series — when this frame keeps plots (plot_reuse.h),
 * in two phases. plan_kept_plot, before the frame's own drawing: every series' bars are built
 * and planned against last frame's; a kept plot lives in the kept texture, a ring, from column
 * `origin` on (a scroll moves the origin, not the pixels), and the strips that differ are drawn
 * into it (one pass per side of the ring's seam, batched as a whole plot is: backgrounds and
 * grid, then each series' bars of every strip and its lines, which only touch changed columns).
 * Every panel's texture pass comes first, so that software GL switches framebuffers and waits
 * for its rasteriser once a frame, not once a panel. put_kept_plot, in the panel's place: one
 * blit per side copies a kept plot onto the frame; any other plot is drawn in place. */
static void plan_kept_plot(rp_renderer *r, rp_figure *f, int p, const rp_theme_style *th,
                           bool background_done)
{
    kept_panel *kp = &r->kept[p]; /* not planned yet (plan_kept_plots) */
    rp_draw *d = r->draw;
    const rp_panel_layout *pl = &r->layout.panels[p];
    const rp_figure_panel *fp = &f->panels[p];
    rp_rect plot = pl->plot;
    int width = (int)plot.w;
    if (own_x_axis(fp) || fp->notes || width < 1 || plot.x != floorf(plot.x) ||
        plot.y != floorf(plot.y) || plot.w != floorf(plot.w) || plot.h != floorf(plot.h))
        return; /* only whole pixels of a time panel can be copied */

    rp_plot_transform tf, tf2;
    panel_transforms(&r->layout, pl, &tf, &tf2);
    memset(kp->traces, 0, sizeof kp->traces);
    memset(kp->other, 0, sizeof kp->other);
    kp->keepable = true;
    for (int i = 0; i < fp->series_count; i++) {
        const rp_figure_series *fs = &fp->series[i];
        if (!fs->visible) continue;
        rp_plot_transform stf =
            series_transform(fs->y_axis == 1 && pl->has_right ? &tf2 : &tf, fs->series);
        float lw = series_line_px(r, f, fs);
        rp_decimation dec;
        rp_column_run run;
        if (!decimate_series(r, fs, width, lw, &dec, &run)) continue;
        const rp_bar_trace *last;
        rp_bar_store *store = rp_plot_reuse_bars(r->reuse, p, i, width + 2, &last);
        if (store && rp_series_bars(d, &dec, &stf, lw, rp_figure_series_color(f, fs), store, &run,
                                    last, &kp->built[i])) {
            r->stats.samples_in_view += samples_in(&dec);
            rp_plot_reuse_record_bars(r->reuse, kp->built[i].built, kp->built[i].examined,
                                      kp->built[i].n);
            kp->traces[i] = &kp->built[i];
        } else {
            kp->other[i] = true;
            kp->keepable = false;
        }
    }
    int grid_x[RP_PLOT_GRID_MAX];
    int grid_n = grid_columns(r, f, pl, grid_x);
    kp->plan = (rp_plot_plan){0};
    int ring = rp_draw_keep_width(d);
    if (kp->keepable && grid_n >= 0 && background_done) { /* an opaque plot: drawn from a clear */
        rp_plot_key key;
        plot_key(r, f, p, th, background_done, r->viewport, &key);
        kp->plan = rp_plot_reuse_plan(r->reuse, p, &key, kp->traces, grid_x, grid_n,
                                      (int)r->layout.line_px, (int)plot.x, width, ring);
    } else {
        kp->keepable = false;
    }
    kp->kept = kp->keepable && kp->plan.keep;
    kp->origin = kp->kept ? rp_plot_reuse_origin(r->reuse, p) : 0;
    if (!kp->plan.copy) { /* one strip: the whole plot */
        kp->plan.strips = 1;
        kp->plan.a[0] = 0;
        kp->plan.b[0] = width;
    }
    /* Plot columns [0, seam) are at texture columns origin + j, [seam, width) at origin + j − the
     * ring's width. */
    kp->seam = kp->origin + width > ring ? ring - kp->origin : width;
    if (kp->kept) {
        for (int side = 0; side < (kp->seam < width ? 2 : 1); side++) {
            int lo = side ? kp->seam : 0, hi = side ? width : kp->seam;
            rp_draw_keep_target(d, true, (side ? kp->origin - ring : kp->origin) - (int)plot.x);
            rp_draw_set_clip(d, (rp_rect){plot.x + (float)lo, plot.y, (float)(hi - lo), plot.h});
            draw_plot_strips(r, f, p, th, &kp->plan, kp->traces, kp->other, lo, hi, true);
        }
        rp_draw_set_clip(d, (rp_rect){0, 0, 0, 0});
    }
    kp->planned = true;
}

static void plan_kept_plots(rp_renderer *r, rp_figure *f, const rp_theme_style *th,
                            bool background_done)
{
    for (int p = 0; p < f->panel_count && p < RP_MAX_PANELS; p++) {
        r->kept[p].planned = r->kept[p].put = false;
        if (r->keeping) plan_kept_plot(r, f, p, th, background_done);
    }
    rp_draw_keep_target(r->draw, false, 0);
}

/* false: this frame did not plan panel p's plot (draw it the plain way). */
static bool put_kept_plot(rp_renderer *r, rp_figure *f, int p, const rp_theme_style *th,
                          bool background_done)
{
    if (p >= RP_MAX_PANELS) return false;
    kept_panel *kp = &r->kept[p];
    if (kp->put) return true;
    if (!kp->planned) return false;
    rp_draw *d = r->draw;
    rp_rect plot = r->layout.panels[p].plot;
    int width = (int)plot.w;
    int drawn = 0;
    for (int k = 0; k < kp->plan.strips; k++) drawn += kp->plan.b[k] - kp->plan.a[k];
    if (kp->kept) {
        double copy0 = thread_cpu_ms();
        rp_draw_keep_copy(d, (rp_rect){plot.x, plot.y, (float)kp->seam, plot.h}, kp->origin);
        if (kp->seam < width)
            rp_draw_keep_copy(
                d, (rp_rect){plot.x + (float)kp->seam, plot.y, (float)(width - kp->seam), plot.h},
                0);
        rp_plot_reuse_record_copy(r->reuse, thread_cpu_ms() - copy0);
    } else {
        rp_draw_set_clip(d, plot);
        draw_plot_strips(r, f, p, th, &kp->plan, kp->traces, kp->other, 0, width, !background_done);
        rp_draw_set_clip(d, (rp_rect){0, 0, 0, 0});
    }
    rp_plot_reuse_record(r->reuse, width - drawn, drawn);
    rp_plot_reuse_commit(r->reuse, p, kp->keepable, kp->kept);
    kp->planned = false;
    kp->put = true;
    return true;
}

/* A log panel whose visible series hold samples in [x0, x1] but none above 0: they lie on its
 * bottom edge (where a log axis puts y <= 0) under an axis of no data's (0.1 .. 10), which reads
 * as a constant 0.1 unless said. */
static bool log_panel_without_positive(const rp_figure_panel *fp, const rp_panel_layout *pl,
                                       double x0, double x1)
{
    if (pl->y_scale != RP_Y_LOG) return false;
    bool any = false;
    for (int i = 0; i < fp->series_count; i++) {
        float lo, hi;
        bool found = false;
        if (!fp->series[i].visible ||
            rp_series_view_y_range(fp->series[i].series, x0, x1, &lo, &hi, &found) != RP_OK ||
            !found)
            continue;
        if (hi > 0) return false;
        any = true;
    }
    return any;
}

static void draw_panel(rp_renderer *r, rp_figure *f, int p, const rp_theme_style *th,
                       bool background_done)
{
    rp_draw *d = r->draw;
    const rp_layout *l = &r->layout;
    const rp_panel_layout *pl = &l->panels[p];
    const rp_figure_panel *fp = &f->panels[p];
    rp_rect plot = pl->plot;
    float t = l->line_px, s = l->scale;
    float bottom = plot.y + plot.h;
    float cap = roundf(rp_font_ascent(r->font_label) * 0.78f);

    bool spectrum = own_x_axis(fp);           /* frequency, time from the trigger, the X series */
    double y_floor = rp_view_y_floor(fp, pl); /* a waterfall strip has no dB ticks */

    /* A time panel's background, grid and series are kept across frames where that pays
     * (put_kept_plot); every other plot is drawn here. */
    if (spectrum || fp->notes || !put_kept_plot(r, f, p, th, background_done)) {
        if (!background_done) rp_draw_rect(d, plot, th->plot_background);
        draw_grid(r, f, pl, th, spectrum, y_floor);
        rp_view_context vc = {d, r->font_label, th,    f,           t, l->tick_len,
                              s, l->x0,         l->x1, r->font_bold};
        if (fp->spectrum) {
            rp_view_spectrum_draw(&vc, fp, pl);
        } else if (fp->trigger) {
            rp_view_trigger_draw(&vc, fp, pl);
        } else if (spectrum) {
            rp_view_xy_draw(&vc, fp, pl);
        } else {
            rp_draw_set_clip(d, plot);
            draw_series(r, f, pl, fp);
            rp_draw_set_clip(d, (rp_rect){0, 0, 0, 0});
            if (fp->notes) rp_view_notes_draw(&vc, fp, pl, l);
        }
    }
    if (!spectrum && !fp->notes && log_panel_without_positive(fp, pl, l->x0, l->x1))
        draw_text_center(d, r->font_label,
                         "no value above 0 in view: on a log axis they lie on "
                         "its bottom edge",
                         plot.x + 0.5f * plot.w, roundf(plot.y + 0.5f * plot.h), th->tick_label);

    /* Axis lines: left and bottom, just outside the data area. */
    rp_draw_rect(d, (rp_rect){plot.x - t, plot.y, t, plot.h + t}, th->frame);
    rp_draw_rect(d, (rp_rect){plot.x, bottom, plot.w, t}, th->frame);

    /* y ticks and labels. */
    float minor_len = roundf(l->tick_len * 0.6f);
    for (int i = 0; i < pl->yticks.count; i++) {
        const rp_tick *tk = &pl->yticks.ticks[i];
        double y = rp_layout_y_px(pl, tk->value);
        if (y < plot.y - 0.5 || y > bottom + 0.5 || tk->value < y_floor) continue;
        float len = tk->major ? l->tick_len : minor_len;
        rp_draw_rect(d, (rp_rect){plot.x - t - len, (float)floor(y - 0.5 * t + 0.5), len, t},
                     th->tick);
        if (tk->major && tk->label[0])
            draw_text_right(d, r->font_label, tk->label, l->tick_label_right,
                            roundf((float)y + 0.5f * cap), th->tick_label);
    }

    /* The right y axis: its line, ticks and labels (left-aligned), its annotation in the header. */
    if (pl->has_right) {
        float right = plot.x + plot.w;
        rp_draw_rect(d, (rp_rect){right, plot.y, t, plot.h + t}, th->frame);
        for (int i = 0; i < pl->y2ticks.count; i++) {
            const rp_tick *tk = &pl->y2ticks.ticks[i];
            double y = rp_layout_y2_px(pl, tk->value);
            if (y < plot.y - 0.5 || y > bottom + 0.5) continue;
            float len = tk->major ? l->tick_len : minor_len;
            rp_draw_rect(d, (rp_rect){right + t, (float)floor(y - 0.5 * t + 0.5), len, t},
                         th->tick);
            if (tk->major && tk->label[0])
                rp_draw_text(d, r->font_label, tk->label, l->right_label_left,
                             roundf((float)y + 0.5f * cap), th->tick_label);
        }
        char head[2 * RP_TEXT_MAX];
        snprintf(head, sizeof head, "%s%s%s", pl->y2_unit,
                 pl->y2_unit[0] && pl->y2ticks.annotation[0] ? " " : "", pl->y2ticks.annotation);
        if (head[0]) /* the right axis' unit (and annotation) over its labels */
            rp_draw_text(d, r->font_label, head, l->right_label_left,
                         pl->has_header ? pl->header_baseline : roundf(plot.y - 4 * l->scale),
                         th->text);
    }

    /* x tick marks under every time panel (labels only under the bottom one). */
    for (int i = 0; i < (spectrum ? 0 : l->xticks.count); i++) {
        const rp_tick *tk = &l->xticks.ticks[i];
        double x = rp_layout_x_px(l, &plot, tk->value);
        if (x < plot.x - 0.5 || x > plot.x + plot.w + 0.5) continue;
        float len = tk->major ? l->tick_len : minor_len;
        vline(d, x, bottom + t, bottom + t + len, t, th->tick);
    }

    /* Header: panel title at the plot's left, the y annotation over the tick labels. */
    if (pl->has_header) {
        char title[RP_TEXT_MAX + 4]; /* wider than its plot: cut with "…", not mid-glyph */
        snprintf(title, sizeof title, "%s", fp->title);
        if (fp->title[0] && rp_layout_fit_text(r->font_bold, title, sizeof title, plot.w))
            rp_draw_text(d, r->font_bold, title, plot.x, pl->header_baseline, th->title);
        if (pl->yticks.annotation[0])
            draw_text_right(d, r->font_label, pl->yticks.annotation, l->tick_label_right,
                            pl->header_baseline, th->tick_label);
    }

    /* y axis title: vertical, centred on the plot. */
    if (pl->y_title[0]) { /* the y label, else the unit of its series */
        /* longer than the panel (a short one): cut with "…", never into the panel above */
        char y_title[RP_TEXT_MAX + 4];
        snprintf(y_title, sizeof y_title, "%s", pl->y_title);
        if (rp_layout_fit_text(r->font_label, y_title, sizeof y_title, bottom - pl->panel.y)) {
            float w = rp_font_text_width(r->font_label, y_title);
            float yb = roundf(plot.y + 0.5f * plot.h + 0.5f * w);
            if (w > plot.h) /* longer than the plot: start at the plot's bottom */
                yb = bottom;
            rp_draw_text_vertical(d, r->font_label, y_title, l->y_title_baseline_x, yb, th->text);
        }
    }
}

/* The legend of panel p over its data: drawn after the cursors, so that a level or time cursor's
 * line never strikes through its entries. */
static void draw_legend(rp_renderer *r, rp_figure *f, int p, const rp_theme_style *th)
{
    rp_draw *d = r->draw;
    const rp_layout *l = &r->layout;
    const rp_panel_layout *pl = &l->panels[p];
    const rp_figure_panel *fp = &f->panels[p];
    float t = l->line_px, s = l->scale;
    /* A short plot's compact legend gives way to the crosshair's read-out, which names the same
     * series with the same swatches in a box that would cover part of it (half an entry's text
     * showed under the box). Over the legend itself there is no crosshair: it is there to click. */
    const rp_rect *p0 = &l->panels[0].plot;
    bool readout = f->crosshair_on && !own_x_axis(fp) && f->crosshair_px >= p0->x &&
                   f->crosshair_px < p0->x + p0->w;
    if (pl->legend_compact && readout) return;
    /* Legend over the data, top right. */
    if (pl->legend.w > 0) {
        rp_draw_rect(d, pl->legend, th->legend_background);
        box(d, pl->legend, t, th->legend_border);
        float sw = roundf(18.0f * s);
        for (int i = 0; i < fp->series_count; i++) {
            const rp_legend_entry *e = &pl->entries[i];
            if (!e->shown) continue;
            const rp_figure_series *fs = &fp->series[i];
            float lw =
                (fs->line_width > 0 ? fs->line_width
                                    : f->desc.line_width * rp_figure_series_width_scale(fs)) *
                s;
            float th_px = fmaxf(2.0f * s, roundf(fminf(lw + s, 4.0f * s)));
            rp_color c = rp_figure_series_color(f, fs);
            rp_color tc = th->text;
            if (!fs->visible) { /* hidden: dimmed, so it can be clicked back on */
                c = with_alpha(c, 0.3f);
                tc = with_alpha(tc, 0.45f);
            }
            rp_draw_rect(d, (rp_rect){e->swatch_x, roundf(e->swatch_y - 0.5f * th_px), sw, th_px},
                         c);
            if (e->cut > 0 || e->skip > 0) { /* a narrow legend: cut with "…" */
                char cut[RP_TEXT_MAX + 8];
                rp_layout_legend_text(e, fs->label, cut, sizeof cut);
                rp_draw_text(d, r->font_label, cut, e->text_x, e->baseline, tc);
                continue;
            }
            rp_draw_text(d, r->font_label, fs->label, e->text_x, e->baseline, tc);
            if (fs->y_axis == 1 && e->cut == 0)
                rp_draw_text(d, r->font_label, RP_LAYOUT_RIGHT_MARK,
                             e->text_x + rp_font_text_width(r->font_label, fs->label), e->baseline,
                             with_alpha(th->tick_label, fs->visible ? 1.0f : 0.45f));
        }
        if (pl->legend_more > 0) { /* the entries that did not fit, counted */
            char more[24];
            snprintf(more, sizeof more, "+%d more", pl->legend_more);
            rp_draw_text(d, r->font_label, more, pl->legend_more_x, pl->legend_more_baseline,
                         th->tick_label);
        }
    }
}

static void draw_x_axis(rp_renderer *r, rp_figure *f, const rp_theme_style *th)
{
    rp_draw *d = r->draw;
    const rp_layout *l = &r->layout;
    if (l->panel_count <= 0 || l->x_axis_panel < 0) return; /* no time panel: no time labels */
    rp_rect plot = l->panels[l->x_axis_panel].plot;
    float lo = roundf(7.0f * l->scale), hi = (float)l->width - lo;
    for (int i = 0; i < l->xticks.count; i++) {
        const rp_tick *tk = &l->xticks.ticks[i];
        if (!tk->major || !tk->label[0]) continue;
        double x = rp_layout_x_px(l, &plot, tk->value);
        if (x < plot.x - 0.5 || x > plot.x + plot.w + 0.5) continue;
        float w = rp_font_text_width(r->font_label, tk->label);
        float left = roundf((float)x - 0.5f * w);
        if (left < lo || left + w > hi) continue;
        rp_draw_text(d, r->font_label, tk->label, left, l->x_labels_baseline, th->tick_label);
    }
    if (!l->has_x_title_row) return;
    float center = plot.x + 0.5f * plot.w;
    float title_w = f->x_label[0] ? rp_font_text_width(r->font_label, f->x_label) : 0;
    if (f->x_label[0])
        draw_text_center(d, r->font_label, f->x_label, center, l->x_title_baseline, th->text);
    if (l->xticks.annotation[0]) {
        float aw = rp_font_text_width(r->font_label, l->xticks.annotation);
        float ax = plot.x + plot.w - aw;
        if (f->x_label[0] && ax < center + 0.5f * title_w + 12.0f * l->scale)
            ax = plot.x; /* would touch the title: the other end */
        rp_draw_text(d, r->font_label, l->xticks.annotation, roundf(ax), l->x_title_baseline,
                     th->tick_label);
    }
}

/* Formats an x value for the crosshair read-out the way the axis shows x (relative time: from
 * the newest sample, l->origin, not the live view's snapped end). */
void rp_view_format_x(const rp_figure *f, const rp_layout *l, double x, double resolution,
                      char *buf, int size)
{
    if (f->desc.x_axis == RP_X_AXIS_WALL_CLOCK && isfinite(x)) {
        time_t t = (time_t)floor(x);
        struct tm tm;
        bool ok =
            f->desc.wall_clock_local ? localtime_r(&t, &tm) != NULL : gmtime_r(&t, &tm) != NULL;
        if (ok) {
            int ms = (int)floor((x - floor(x)) * 1000.0);
            snprintf(buf, (size_t)size, "%04d-%02d-%02d %02d:%02d:%02d.%03d%s", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms,
                     f->desc.wall_clock_local ? "" : " UTC");
            return;
        }
    }
    char num[48];
    if (f->desc.x_axis == RP_X_AXIS_TIME) {
        rp_format_value(x - l->origin, resolution, num, (int)sizeof num);
        snprintf(buf, (size_t)size, "%s s", num);
        return;
    }
    rp_format_value(x, resolution, buf, size);
}

typedef rp_readout_row readout_row;

/* The width of a read-out column holding rows[from, to) and a count count_w wide (0: none): its
 * widest heading or count, or a series row's gaps (swatch and the gaps around the label) plus
 * its widest label and widest value. */
static float readout_column_w(const rp_renderer *r, const readout_row *rows, int from, int to,
                              float count_w, float gaps)
{
    float label_w = 0, value_w = 0, head_w = count_w;
    for (int i = from; i < to; i++) {
        float w = rp_font_text_width(r->font_label, rows[i].label);
        if (rows[i].color.a > 0) {
            label_w = fmaxf(label_w, w);
            value_w = fmaxf(value_w, rp_font_text_width(r->font_label, rows[i].value));
        } else {
            head_w = fmaxf(head_w, w);
        }
    }
    return fmaxf(label_w > 0 ? gaps + label_w + value_w : 0, head_w);
}

/* A read-out box: rows of (swatch, label, right-aligned value), placed beside the point (ax, ay)
 * inside `bounds`, on the right of it unless that would leave the bounds. A row without a
 * swatch colour (a == 0) is a heading (the x value). `nearest`: the series row nearest the
 * pointer (-1: none), which is shown whatever else does not fit. */
static void draw_readout(rp_renderer *r, const rp_theme_style *th, const readout_row *in, int n,
                         int nearest, float ax, float ay, rp_rect bounds)
{
    if (n <= 0) return;
    float s = r->scale, t = r->layout.line_px;
    float la = rp_font_ascent(r->font_label), ld = rp_font_descent(r->font_label);
    float row_h = ceilf(la + ld) + roundf(2 * s), pad = roundf(6 * s), sw = roundf(10 * s);
    float sw_gap = roundf(5 * s), col_gap = roundf(12 * s);
    char more[32];
    snprintf(more, sizeof more, "+%d more", n); /* as wide as any count it will say */
    float more_w = rp_font_text_width(r->font_label, more);
    float gaps = sw + sw_gap + col_gap; /* a series row: swatch, gap, label, gap, value */
    float col_w = readout_column_w(r, in, 0, n, more_w, gaps);
    /* rows flow down columns so that the box stays within its plot (a short panel: one row of
     * columns, never over the next panel's title); tighter padding when a row barely fits */
    int fit = (int)floorf((bounds.h - 2 * pad) / row_h);
    if (fit < n && fit < 1) {
        pad = roundf(2 * s);
        fit = (int)floorf((bounds.h - 2 * pad) / row_h);
    }
    fit = fit < 1 ? 1 : fit;
    float gap = roundf(10 * s);
    /* As many columns as the plot holds when that shows every row (a few series in a short
     * panel); else (a crowded panel) only what fits on the wider side of the pointer, so the
     * box never covers the point it reads out, and the rows beyond are counted in a last
     * "+N more" row, never dropped silently. At least one column, never wider than the plot. */
    int cols = (n + fit - 1) / fit;
    float side_w = fmaxf(bounds.x + bounds.w - (ax + gap), ax - gap - bounds.x);
    int max_cols = (int)floorf((bounds.w - 2 * pad + col_gap) / (col_w + col_gap));
    if (max_cols < cols) max_cols = (int)floorf((side_w - 2 * pad + col_gap) / (col_w + col_gap));
    max_cols = max_cols < 1 ? 1 : max_cols;
    /* The rows drawn, in order: all of them when they fit; else the headings and the series
     * nearest the pointer first (a short panel's box said only "+3 more", QA), then the others
     * in their order, as many as leave a place for the count. When one place is all there is,
     * the count follows the nearest series' value on its row. */
    readout_row rows[RP_MAX_SERIES_PER_PANEL + 1];
    int m = n < RP_MAX_SERIES_PER_PANEL + 1 ? n : RP_MAX_SERIES_PER_PANEL + 1;
    int shown = m; /* rows drawn; the rest are counted */
    bool inline_more = false;
    if (cols > max_cols) {
        cols = max_cols;
        int places = cols * fit, k = 0, headings = 0;
        if (nearest < 0 || nearest >= m || in[nearest].color.a <= 0) /* the first series */
            for (nearest = 0; nearest < m && in[nearest].color.a <= 0; nearest++) {
            }
        for (int i = 0; i < m; i++) headings += in[i].color.a <= 0;
        bool keep_headings = places - 1 >= headings + 1 || nearest >= m;
        if (keep_headings)
            for (int i = 0; i < m; i++)
                if (in[i].color.a <= 0) rows[k++] = in[i];
        if (nearest < m) rows[k++] = in[nearest];
        for (int i = 0; i < m; i++)
            if (in[i].color.a > 0 && i != nearest) rows[k++] = in[i];
        int first_series = keep_headings ? headings : 0;
        shown = places - 1 > first_series ? places - 1 : first_series + 1;
        if (shown > k) shown = k;
        inline_more = shown >= places; /* no place left for the count's own row */
        int hidden = 0;
        for (int i = shown; i < k; i++) hidden += rows[i].color.a > 0;
        snprintf(more, sizeof more, "+%d more", hidden);
        more_w = rp_font_text_width(r->font_label, more);
        m = k;
        /* sized to what it shows */
        int per_col_ = (shown + (inline_more ? 0 : 1) + cols - 1) / cols;
        col_w = 0;
        for (int c = 0; c < cols; c++) {
            int from = c * per_col_, to = from + per_col_ < shown ? from + per_col_ : shown;
            col_w = fmaxf(col_w, readout_column_w(r, rows, from, to,
                                                  !inline_more && to == shown ? more_w : 0, gaps));
        }
        if (inline_more) col_w += col_gap + more_w;
    } else {
        memcpy(rows, in, sizeof rows[0] * (size_t)m);
    }
    int slots = shown < m && !inline_more ? shown + 1 : shown;
    int per_col = (slots + cols - 1) / cols;
    float w = fminf(ceilf(2 * pad + (float)cols * col_w + (float)(cols - 1) * col_gap), bounds.w);
    float h = 2 * pad + (float)per_col * row_h;
    float x = ax + gap;
    if (x + w > bounds.x + bounds.w) x = ax - gap - w;
    if (x < bounds.x) x = bounds.x;
    float y = fminf(fmaxf(ay - 0.5f * h, bounds.y), bounds.y + bounds.h - h);
    if (y < bounds.y) y = bounds.y;
    rp_rect b = {roundf(x), roundf(y), w, h};
    /* opaque (the legend's colour as it looks over an empty plot): a legend or crowded lines
     * under the box must not show through its text */
    rp_color bg = th->legend_background, under = th->plot_background;
    float a = bg.a;
    bg = (rp_color){bg.r * a + under.r * (1 - a), bg.g * a + under.g * (1 - a),
                    bg.b * a + under.b * (1 - a), 1.0f};
    rp_draw_rect(r->draw, b, bg);
    box(r->draw, b, t, th->legend_border);
    rp_rect prev = rp_draw_get_clip(r->draw);
    rp_draw_set_clip(r->draw, b); /* a name longer than the plot is wide: cut, inside */
    float cap = roundf(la * 0.78f);
    for (int i = 0; i < slots; i++) {
        float ry = b.y + pad + (float)(i % per_col) * row_h;
        float cx = b.x + pad + (float)(i / per_col) * (col_w + col_gap);
        float base = roundf(ry + 0.5f * row_h + 0.5f * cap);
        if (i == shown) { /* the rows that did not fit */
            rp_draw_text(r->draw, r->font_label, more, cx, base, th->tick_label);
            continue;
        }
        if (rows[i].color.a <= 0) {
            rp_draw_text(r->draw, r->font_label, rows[i].label, cx, base, th->tick_label);
            continue;
        }
        float bar = fmaxf(2, roundf(sw * 0.4f));
        rp_draw_rect(r->draw, (rp_rect){cx, roundf(ry + 0.5f * row_h - 0.5f * bar), sw, bar},
                     rows[i].color);
        rp_draw_text(r->draw, r->font_label, rows[i].label, cx + sw + sw_gap, base, th->text);
        float right = i / per_col == cols - 1 ? b.x + b.w - pad : cx + col_w;
        if (inline_more && i == shown - 1) { /* the count after the value, on its row */
            draw_text_right(r->draw, r->font_label, more, right, base, th->tick_label);
            right -= more_w + col_gap;
        }
        draw_text_right(r->draw, r->font_label, rows[i].value, right, base, th->title);
    }
    rp_draw_set_clip(r->draw, prev);
}

/* Crosshair: a vertical line through every panel at the pointer's x, a horizontal one in the
 * panel under it, a dot on each visible series' nearest sample and a read-out per panel. */
/* The zoom box: a translucent fill and a 1-px outline, clipped to the plot of the panel where it
 * starts. */
static void draw_zoom_box(rp_renderer *r, const rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    if (!f->zoom_box_on) return;
    const float *b = f->zoom_box;
    const rp_rect *plot = NULL;
    for (int p = 0; p < l->panel_count && !plot; p++) {
        const rp_rect *q = &l->panels[p].plot;
        if (b[0] >= q->x && b[0] <= q->x + q->w && b[1] >= q->y && b[1] <= q->y + q->h) plot = q;
    }
    if (!plot) return;
    float x0 = roundf(fminf(b[0], b[2])), x1 = roundf(fmaxf(b[0], b[2]));
    float y0 = roundf(fminf(b[1], b[3])), y1 = roundf(fmaxf(b[1], b[3]));
    float t = fmaxf(1.0f, roundf(l->scale));
    rp_rect prev = rp_draw_get_clip(r->draw);
    rp_draw_set_clip(r->draw, *plot);
    rp_color edge = with_alpha(th->text, 0.8f);
    rp_draw_rect(r->draw, (rp_rect){x0, y0, x1 - x0, y1 - y0}, with_alpha(th->text, 0.12f));
    rp_draw_rect(r->draw, (rp_rect){x0, y0, x1 - x0, t}, edge);
    rp_draw_rect(r->draw, (rp_rect){x0, y1 - t, x1 - x0, t}, edge);
    rp_draw_rect(r->draw, (rp_rect){x0, y0 + t, t, y1 - y0 - 2 * t}, edge);
    rp_draw_rect(r->draw, (rp_rect){x1 - t, y0 + t, t, y1 - y0 - 2 * t}, edge);
    rp_draw_set_clip(r->draw, prev);
}

/* The value a read-out shows for series s at x is its sample nearest to x, unless that sample is
 * farther from x than this reach — two columns of the view or two of the series' sample spacings
 * (x before the series began, after it stopped, or in a silence): then none, and the read-out
 * shows "-" instead of a value that is not there. */
static double readout_reach(const rp_layout *l, float plot_w, const rp_series *s)
{
    /* the mean spacing over the view; 1 / rate where it holds fewer than two. Not the desc's rate
     * first: an arrival-timed series (segments at measured rates) is made with the default rate
     * 1, and the read-out reached 2 s into a gap for a sample beyond it */
    double spacing = 0;
    rp_series_desc d = rp_series_get_desc(s);
    rp_range_stats st;
    if (rp_series_range_stats(s, l->x0, l->x1, &st) == RP_OK && st.count > 1 &&
        st.x_last > st.x_first)
        spacing = (st.x_last - st.x_first) / (double)(st.count - 1);
    else if (!d.timestamps && d.rate > 0)
        spacing = 1.0 / d.rate;
    double column = (l->x1 - l->x0) / (plot_w > 1.0f ? (double)plot_w : 1.0);
    return 2.0 * fmax(column, spacing);
}

/* reach: readout_reach's, asked once a series and frame. */
static bool readout_sample(const rp_series *s, double x, double reach, double *sx, float *v)
{
    int64_t index;
    return rp_series_sample_near(s, x, &index, sx, v) == RP_OK && fabs(*sx - x) <= reach;
}

static void draw_crosshair(rp_renderer *r, rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    if (!f->crosshair_on || l->panel_count <= 0) return;
    float px = f->crosshair_px, py = f->crosshair_py;
    const rp_rect *p0 = &l->panels[0].plot;
    if (px < p0->x || px >= p0->x + p0->w) return;
    double x = l->x0 + ((double)px - p0->x) / p0->w * (l->x1 - l->x0);
    double x_res = (l->x1 - l->x0) / p0->w;
    float t = l->line_px, s = l->scale;
    rp_color line = with_alpha(th->text, 0.45f);
    readout_row rows[RP_MAX_SERIES_PER_PANEL + 1];
    for (int p = 0; p < l->panel_count; p++) { /* over a view panel: its own read-out only */
        const rp_panel_layout *pl = &l->panels[p];
        const rp_figure_panel *fp = &f->panels[p];
        if (!own_x_axis(fp) || py < pl->plot.y || py >= pl->plot.y + pl->plot.h) continue;
        rp_view_context vc = {r->draw, r->font_label, th,    f,           t, l->tick_len,
                              s,       l->x0,         l->x1, r->font_bold};
        int n = rp_view_readout(&vc, fp, pl, px, py, rows, RP_MAX_SERIES_PER_PANEL + 1);
        vline(r->draw, px, pl->plot.y, pl->plot.y + pl->plot.h, t, line);
        hline(r->draw, pl->plot.x, pl->plot.x + pl->plot.w, py, t, line);
        draw_readout(r, th, rows, n, -1, px, py, pl->plot);
        return;
    }
    bool heading_done = false;
    for (int p = 0; p < l->panel_count; p++) {
        const rp_panel_layout *pl = &l->panels[p];
        const rp_figure_panel *fp = &f->panels[p];
        if (own_x_axis(fp)) continue; /* time means nothing there */
        rp_rect plot = pl->plot;
        vline(r->draw, px, plot.y, plot.y + plot.h, t, line);
        bool here = py >= plot.y && py < plot.y + plot.h;
        if (here) hline(r->draw, plot.x, plot.x + plot.w, py, t, line);
        double y_res =
            pl->y_scale == RP_Y_LINEAR ? (pl->y1 - pl->y0) / plot.h : 0; /* 0: 4 digits */
        int n = 0, nearest = -1; /* the series row whose dot is nearest the pointer (here) */
        float nearest_d = INFINITY;
        if (!heading_done) { /* the x read-out heads the top time panel's box */
            heading_done = true;
            rows[n].color = (rp_color){0, 0, 0, 0};
            rp_view_format_x(f, l, x, x_res, rows[n].label, (int)sizeof rows[n].label);
            rows[n].value[0] = '\0';
            n++;
        }
        rp_draw_set_clip(r->draw, plot);
        for (int i = 0; i < fp->series_count; i++) {
            const rp_figure_series *fs = &fp->series[i];
            if (!fs->visible) continue;
            double sx;
            float v;
            bool have =
                readout_sample(fs->series, x, readout_reach(l, plot.w, fs->series), &sx, &v);
            rp_color c = rp_figure_series_color(f, fs);
            rows[n].color = c;
            memcpy(rows[n].label, fs->label, sizeof rows[n].label);
            if (!have || isnan(v)) { /* no sample here, or a gap (NaN): said, and no dot */
                snprintf(rows[n].value, sizeof rows[n].value, "-");
                n++;
                continue;
            }
            rp_format_readout((double)v, y_res, rows[n].value, (int)sizeof rows[n].value);
            const char *unit = rp_series_unit(fs->series);
            if (unit && unit[0] && isfinite(v)) { /* "3.300 V" */
                size_t len = strlen(rows[n].value);
                snprintf(rows[n].value + len, sizeof rows[n].value - len, " %s", unit);
            }
            n++;
            if (isfinite(v) && sx >= l->x0 && sx <= l->x1) {
                double dx = rp_layout_x_px(l, &plot, sx);
                double dy = fs->y_axis == 1 && pl->has_right ? rp_layout_y2_px(pl, (double)v)
                                                             : rp_layout_y_px(pl, (double)v);
                if (here && fabsf((float)dy - py) < nearest_d) {
                    nearest_d = fabsf((float)dy - py);
                    nearest = n - 1;
                }
                float d = roundf(7 * s);
                rp_draw_line(r->draw, (float)dx - 0.01f, (float)dy, (float)dx + 0.01f, (float)dy, d,
                             th->plot_background);
                rp_draw_line(r->draw, (float)dx - 0.01f, (float)dy, (float)dx + 0.01f, (float)dy,
                             d - 2 * t, c);
            }
        }
        rp_draw_set_clip(r->draw, (rp_rect){0, 0, 0, 0});
        draw_readout(r, th, rows, n, nearest, px, here ? py : plot.y + 0.5f * plot.h, plot);
    }
}

/* Time cursors through every panel (A solid, B dashed) with their letter above the top plot;
 * level cursors across their panel (dashed, lighter). */
static void draw_cursors(rp_renderer *r, rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    float t = l->line_px, s = l->scale;
    rp_color c = with_alpha(th->title, 0.85f), lc = with_alpha(th->text, 0.6f);
    for (int p = 0; p < l->panel_count; p++) {
        const rp_panel_layout *pl = &l->panels[p];
        const rp_figure_panel *fp = &f->panels[p];
        for (int k = 0; k < 2; k++) {
            if (!fp->level_on[k]) continue;
            double y = rp_layout_y_px(pl, fp->level_y[k]);
            if (y < pl->plot.y - 0.5 || y > pl->plot.y + pl->plot.h + 0.5) continue;
            if (k == 0)
                hline(r->draw, pl->plot.x, pl->plot.x + pl->plot.w, y, t, lc);
            else
                rp_view_dashed(r->draw, pl->plot.x, (float)y, pl->plot.x + pl->plot.w, (float)y, t,
                               roundf(4 * s), lc);
        }
        for (int k = 0; k < 2; k++) {
            float x = l->cursor_px[k];
            if (!isfinite(x) || own_x_axis(fp)) continue; /* time cursors: time panels only */
            if (k == 0)
                vline(r->draw, x, pl->plot.y, pl->plot.y + pl->plot.h, t, c);
            else
                rp_view_dashed(r->draw, roundf(x), pl->plot.y, roundf(x), pl->plot.y + pl->plot.h,
                               t, roundf(5 * s), c);
        }
    }
    /* the tags above the first panel the time cursors cross (a spectrum's or trigger's title row
     * on top holds its own read-out), none without one */
    int first = 0;
    while (first < l->panel_count && own_x_axis(&f->panels[first])) first++;
    if (first >= l->panel_count) return;
    const rp_rect *top = &l->panels[first].plot;
    rp_layout_fonts fonts = {r->font_label, r->font_bold, r->font_title, s};
    for (int k = 0; k < 2; k++) {
        rp_rect tag = rp_layout_cursor_tag(l, f, &fonts, k); /* where the badge keeps clear of */
        if (tag.w <= 0) continue;
        rp_draw_rect(r->draw, tag, c);
        draw_text_center(r->draw, r->font_label, k == 0 ? "A" : "B", tag.x + 0.5f * tag.w,
                         roundf(top->y - 2 * s), th->plot_background);
    }
}

/* The statistics cells of one series over [x0, x1]: n, min, max, mean, RMS, std, p-p, rate.
 * "-": none (no finite sample); "…": a recording's moments still being summed (rp_range_stats.
 * pending: the next frames get further). */
static int stats_cells(const rp_series *series, double x0, double x1, double res_y, bool per_second,
                       char (*v)[24], bool *pending)
{
    rp_range_stats st;
    bool ok = rp_series_range_stats(series, x0, x1, &st) == RP_OK;
    if (ok && st.pending > 0) *pending = true; /* the next frame gets further: draw it */
    rp_layout_stats_cells(ok ? &st : NULL, res_y, per_second, v);
    return RP_LAYOUT_STAT_COLS;
}

/* One row of the read-out table from text line `line`: label (with a swatch when colour.a > 0)
 * and values right-aligned in their columns, wrapping onto further lines after table_per_line
 * values. A row without values (the cursor line) may run across the columns. Returns the lines
 * it took. */
static int table_row(rp_renderer *r, const rp_theme_style *th, int line, rp_color swatch,
                     const char *label, char values[][24], int n, rp_color value_color)
{
    const rp_layout *l = &r->layout;
    float s = l->scale, la = rp_font_ascent(r->font_label);
    float y = l->table.y + l->table_pad + (float)line * l->table_row_h;
    float base = roundf(y + 0.5f * l->table_row_h + 0.5f * roundf(la * 0.78f));
    float x = l->table.x + l->table_pad;
    if (swatch.a > 0) {
        float bar = fmaxf(2, roundf(4 * s));
        rp_draw_rect(
            r->draw,
            (rp_rect){x, roundf(y + 0.5f * l->table_row_h - 0.5f * bar), roundf(10 * s), bar},
            swatch);
    }
    float clip_w = n > 0 ? l->table_label_w - roundf(8 * s) : l->table.w - 2 * l->table_pad;
    rp_draw_set_clip(r->draw, (rp_rect){x, l->table.y, clip_w, l->table.h});
    rp_draw_text(r->draw, r->font_label, label, x + (swatch.a > 0 ? roundf(16 * s) : 0), base,
                 swatch.a > 0 ? th->text
                 : n > 0      ? th->tick_label
                              : th->title);
    rp_draw_set_clip(r->draw, (rp_rect){0, 0, 0, 0});
    int per = l->table_per_line > 0 ? l->table_per_line : 1;
    for (int i = 0; i < n; i++) {
        float right =
            l->table.x + l->table_pad + l->table_label_w + (float)(i % per + 1) * l->table_col_w;
        draw_text_right(r->draw, r->font_label, values[i], right,
                        base + (float)(i / per) * l->table_row_h, value_color);
    }
    return n > 0 ? (n + per - 1) / per : 1;
}

/* The read-out table in its band under the plots: never over the data. */
/* A cursor's cell in the table: the value, or "-" where the series has no sample (or its
 * sample there is a gap, NaN: a sensor's dropout). */
static void cursor_cell(bool have, double value, double res_y, char *cell)
{
    if (have && !isnan(value))
        rp_format_cell(value, res_y, RP_CELL_CHARS, cell, 24);
    else
        snprintf(cell, 24, "-");
}

static void draw_table(rp_renderer *r, rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    if (l->table.w <= 0 || l->table_rows <= 0) return;
    rp_draw_rect(r->draw, l->table, th->legend_background);
    box(r->draw, l->table, l->line_px, th->legend_border);
    rp_color none = {0, 0, 0, 0};
    char v[RP_LAYOUT_STAT_COLS + 3][24];
    int line = 0;
    double res_x = l->panel_count > 0 ? (l->x1 - l->x0) / l->panels[0].plot.w : 0;
    bool both = l->cursor_on[0] && l->cursor_on[1];
    if (l->table_cursor_line) {
        char text[240], a[48] = "", b[48] = "", dt[64] = "", inv[48] = "";
        for (int k = 0; k < 2; k++) {
            if (!l->cursor_on[k]) continue;
            char num[40];
            bool rel = f->desc.x_axis == RP_X_AXIS_TIME;
            if (f->desc.x_axis == RP_X_AXIS_WALL_CLOCK) { /* a date and clock time, as the axis */
                rp_view_format_x(f, l, l->cursor_x[k], res_x, num, (int)sizeof num);
                size_t n = strlen(num); /* the axis says UTC; whole seconds need no ".000" */
                if (n > 4 && !strcmp(num + n - 4, " UTC")) num[n -= 4] = '\0';
                if (n > 4 && !strcmp(num + n - 4, ".000")) num[n - 4] = '\0';
            } else
                rp_format_cell(l->cursor_x[k] - (rel ? l->origin : 0), res_x, RP_CELL_CHARS, num,
                               (int)sizeof num);
            snprintf(k ? b : a, 48, "%s %s%s", k ? "B" : "A", num, rel ? " s" : "");
        }
        if (both) {
            double d = l->cursor_x[1] - l->cursor_x[0];
            char num[32], span[24] = "";
            rp_format_cell(d, res_x, RP_CELL_CHARS, num, (int)sizeof num);
            bool time = f->desc.x_axis != RP_X_AXIS_NUMBER;
            if (f->desc.x_axis == RP_X_AXIS_WALL_CLOCK && fabs(d) >= 3600) /* hours, days apart */
                snprintf(span, sizeof span, " (%.4g %s)", fabs(d) >= 172800 ? d / 86400 : d / 3600,
                         fabs(d) >= 172800 ? "d" : "h");
            snprintf(dt, sizeof dt, "\u0394t %s%s%s", num, time ? " s" : "", span);
            if (d != 0) {
                rp_format_cell(1.0 / d, 0, RP_CELL_CHARS, num,
                               (int)sizeof num); /* B before A: < 0 */
                snprintf(inv, sizeof inv, "1/\u0394t %s%s", num, time ? " Hz" : "");
            }
        }
        snprintf(text, sizeof text, "%s      %s      %s      %s", a, b, dt, inv);
        line += table_row(r, th, line, none, text, v, 0, th->title);
    }
    /* The lines there is room for; the last one says how many rows did not fit. */
    int room = l->table_more ? l->table_rows - 1 : l->table_rows;
    int shown = 0;
    /* A line per panel with level cursors, across the columns (not under the "at A / at B"
     * titles: its cells are levels, not values at the cursors). */
    for (int p = 0; p < l->panel_count && l->table_levels > 0; p++) {
        const rp_figure_panel *fp = &f->panels[p];
        if (!fp->level_on[0] && !fp->level_on[1]) continue;
        if (line >= room) break;
        const rp_panel_layout *pl = &l->panels[p];
        double res_y = pl->y_scale == RP_Y_LINEAR ? (pl->y1 - pl->y0) / pl->plot.h : 0;
        for (int k = 0; k < 3; k++) snprintf(v[k], 24, "-");
        for (int k = 0; k < 2; k++)
            if (fp->level_on[k]) rp_format_cell(fp->level_y[k], res_y, RP_CELL_CHARS, v[k], 24);
        if (fp->level_on[0] && fp->level_on[1])
            rp_format_cell(fp->level_y[1] - fp->level_y[0], res_y, RP_CELL_CHARS, v[2], 24);
        char text[RP_TEXT_MAX + 96];
        rp_layout_level_line(f, p, v[0], v[1], v[2], text, sizeof text);
        line += table_row(r, th, line, none, text, v, 0, th->title);
        shown++;
    }
    /* Column titles, then a row per visible series. */
    int cursor_cols = l->table_cursor_cols, nc = 0;
    if (cursor_cols == 3) {
        snprintf(v[nc++], 24, "at A");
        snprintf(v[nc++], 24, "at B");
        snprintf(v[nc++], 24, "B \u2212 A");
    } else if (cursor_cols == 1) {
        snprintf(v[nc++], 24, "at %s", l->cursor_on[0] ? "A" : "B");
    }
    static const char *stat_names[RP_LAYOUT_STAT_COLS] = {"n",   "min", "max", "mean",
                                                          "RMS", "std", "p-p", "rate"};
    for (int i = 0; i < l->table_stat_cols; i++) snprintf(v[nc++], 24, "%s", stat_names[i]);
    bool any_series = l->table_wanted > l->table_levels;
    if (any_series && line + l->table_lines <= room)
        line += table_row(r, th, line, none, l->table_stat_cols ? "(visible range)" : "", v, nc,
                          th->tick_label);
    for (int p = 0; p < l->panel_count && any_series; p++) {
        const rp_panel_layout *pl = &l->panels[p];
        const rp_figure_panel *fp = &f->panels[p];
        double res_y = pl->y_scale == RP_Y_LINEAR ? (pl->y1 - pl->y0) / pl->plot.h : 0;
        for (int i = 0; i < fp->series_count; i++) {
            const rp_figure_series *fs = &fp->series[i];
            if (!fs->visible) continue;
            if (line + l->table_lines > room) break;
            int k = 0;
            float val[2] = {NAN, NAN};
            bool have[2] = {false, false};
            double reach = readout_reach(l, l->panels[p].plot.w, fs->series);
            for (int c = 0; c < 2; c++) {
                double sx;
                have[c] = l->cursor_on[c] &&
                          readout_sample(fs->series, l->cursor_x[c], reach, &sx, &val[c]);
            }
            if (cursor_cols == 3) {
                cursor_cell(have[0], val[0], res_y, v[k++]);
                cursor_cell(have[1], val[1], res_y, v[k++]);
                cursor_cell(have[0] && have[1], (double)val[1] - (double)val[0], res_y, v[k++]);
            } else if (cursor_cols == 1) {
                int c = l->cursor_on[0] ? 0 : 1;
                cursor_cell(have[c], val[c], res_y, v[k++]);
            }
            if (l->table_stat_cols)
                k += stats_cells(fs->series, l->x0, l->x1, res_y,
                                 f->desc.x_axis != RP_X_AXIS_NUMBER, &v[k], &r->stats.pending);
            line +=
                table_row(r, th, line, rp_figure_series_color(f, fs), fs->label, v, k, th->title);
            shown++;
        }
    }
    if (l->table_more) {
        char more[64];
        snprintf(more, sizeof more, "+%d more rows (a taller window shows them)",
                 l->table_wanted - shown);
        table_row(r, th, l->table_rows - 1, none, more, v, 0, th->tick_label);
    }
}

/* The replay's timeline: the whole recording as a bar, filled up to the playhead, the playhead
 * a mark that stands out, and the part the view shows outlined. */
static void draw_timeline(rp_renderer *r, const rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    rp_rect b = l->timeline;
    if (!f->timeline_on || b.w <= 0) return;
    double span = f->timeline_x1 - f->timeline_x0;
    double at = (f->timeline_at - f->timeline_x0) / span;
    at = at < 0 ? 0 : at > 1 ? 1 : at;
    rp_draw_rect(r->draw, b, th->grid);
    rp_color played = rp_theme_palette(f->desc.theme, 0);
    rp_draw_rect(r->draw, (rp_rect){b.x, b.y, roundf((float)at * b.w), b.h}, played);
    double v0 = (l->x0 - f->timeline_x0) / span, v1 = (l->x1 - f->timeline_x0) / span;
    v0 = v0 < 0 ? 0 : v0 > 1 ? 1 : v0;
    v1 = v1 < 0 ? 0 : v1 > 1 ? 1 : v1;
    if (v1 > v0)
        box(r->draw, (rp_rect){b.x + (float)v0 * b.w, b.y, fmaxf(1, (float)(v1 - v0) * b.w), b.h},
            l->line_px, th->frame);
    float hx = roundf(b.x + (float)at * b.w), hw = fmaxf(2, roundf(2 * l->scale));
    rp_draw_rect(r->draw, (rp_rect){hx - hw, b.y - hw, 2 * hw, b.h + 2 * hw}, th->title);
}

/* The app's status badge and message (rp_figure_set_badge / _message), right-aligned at the
 * end of the first time panel's header row: the badge a filled tag as the cursors' tags, the
 * message in a box as the HUD's left of it. Without a time panel with a header: inside the top
 * plot's top-right corner. */
static void draw_status(rp_renderer *r, const rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    rp_layout_fonts fonts = {r->font_label, r->font_bold, r->font_title, l->scale};
    rp_status_place at;
    rp_layout_status(l, f, &fonts, &at);
    float text_pad = roundf(5 * l->scale);
    if (at.badge.w > 0) {
        rp_draw_rect(r->draw, at.badge, with_alpha(th->title, 0.85f));
        draw_text_center(r->draw, r->font_label, f->badge, at.badge.x + 0.5f * at.badge.w,
                         at.baseline, th->plot_background);
    }
    if (at.message.w > 0) {
        rp_draw_rect(r->draw, at.message, th->legend_background);
        box(r->draw, at.message, l->line_px, th->legend_border);
        rp_draw_text(r->draw, r->font_label, at.message_text, at.message.x + text_pad, at.baseline,
                     th->text);
    }
}

/* The app's text box (HUD), in its band above the plots, lines flowing down its columns. */
static void draw_overlay(rp_renderer *r, rp_figure *f, const rp_theme_style *th)
{
    const rp_layout *l = &r->layout;
    rp_rect b = l->overlay;
    if (!f->overlay[0] || b.w <= 0) return;
    float la = rp_font_ascent(r->font_label);
    rp_draw_rect(r->draw, b, th->legend_background);
    box(r->draw, b, l->line_px, th->legend_border);
    char line[256];
    int i = 0;
    for (const char *p = f->overlay; *p; i++) {
        p = rp_layout_overlay_row(r->font_label, p, l->overlay_wrap_w, line, sizeof line);
        int rows = l->overlay_rows > 0 ? l->overlay_rows : 1, col = i / rows, row = i % rows;
        rp_draw_text(r->draw, r->font_label, line,
                     b.x + l->overlay_pad + (float)col * l->overlay_col_w,
                     roundf(b.y + l->overlay_pad + (float)row * l->overlay_row_h + la), th->text);
    }
}

/* rp_figure_set_placeholder's line, centred over the panels' plots (or the figure under the
 * overlay band when there is no panel); a line wider than that area starts at its left. */
static void draw_placeholder(rp_renderer *r, rp_figure *f, const rp_theme_style *th, int width,
                             int height)
{
    if (!f->placeholder[0]) return;
    const rp_layout *l = &r->layout;
    float x0 = 0, x1 = (float)width, y0 = l->overlay.w > 0 ? l->overlay.y + l->overlay.h : 0,
          y1 = (float)height;
    if (l->panel_count > 0) {
        x0 = l->panels[0].plot.x;
        x1 = x0 + l->panels[0].plot.w;
        y0 = l->panels[0].plot.y;
        const rp_rect *last = &l->panels[l->panel_count - 1].plot;
        y1 = last->y + last->h;
    }
    float la = rp_font_ascent(r->font_label), pad = 8.0f * r->scale;
    float w = rp_font_text_width(r->font_label, f->placeholder);
    float x = w + 2 * pad < x1 - x0 ? roundf(0.5f * (x0 + x1 - w)) : x0 + pad;
    float base = roundf(0.5f * (y0 + y1) + 0.5f * la);
    rp_draw_rect(r->draw, (rp_rect){x - pad, base - la - 0.5f * pad, w + 2 * pad, la + 1.5f * pad},
                 th->legend_background);
    rp_draw_text(r->draw, r->font_label, f->placeholder, x, base, th->text);
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
static void renderer_free(rp_renderer *r);

rp_status rp_renderer_create(const rp_renderer_desc *desc, rp_renderer **out)
{
    rp_renderer_desc d = desc ? *desc : (rp_renderer_desc){0};
    if (!out)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_renderer_create: out is NULL");
    *out = NULL;
    if (!isfinite(d.scale) || d.scale < 0 || d.scale > 16)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_renderer_create: scale %g is out of range (0 .. 16)",
                                  (double)d.scale);
    rp_renderer *r = calloc(1, sizeof *r);
    if (!r)
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_renderer_create: out of memory");
    /* While creating, failures are captured (the renderer is no one's yet) and passed on to
     * desc->log once, below; afterwards they go to desc->log directly. */
    r->log = rp_log_capture(r->error, sizeof r->error);
    r->scale = d.scale > 0 ? d.scale : 1.0f;
    r->loader = d.get_proc_address;

    rp_status st = RP_OK;
    if (!r->loader && !open_default_loader(r)) {
        st = FAIL(r, RP_ERR_GL, GL_LOAD_FAILED,
                  "rp_renderer_create: desc->get_proc_address is NULL and libEGL.so.1 "
                  "(eglGetProcAddress, the default loader) could not be loaded");
        goto fail;
    }
    int version = gladLoadGLContextUserPtr(&r->gl, load_proc, r);
    if (!version || !r->gl.GetString) {
        st = FAIL(r, RP_ERR_GL, GL_LOAD_FAILED,
                  "rp_renderer_create: no OpenGL entry points through %s (is a GL context "
                  "current on this thread?)",
                  d.get_proc_address ? "desc->get_proc_address" : "eglGetProcAddress");
        goto fail;
    }
    int major = GLAD_VERSION_MAJOR(version), minor = GLAD_VERSION_MINOR(version);
    if (major < 3 || (major == 3 && minor < 3)) {
        st = FAIL(r, RP_ERR_GL, GL_VERSION,
                  "rp_renderer_create: the current context is OpenGL %d.%d; 3.3 core is needed",
                  major, minor);
        goto fail;
    }
    const char *gl_renderer = (const char *)r->gl.GetString(GL_RENDERER);
    rp_format(r->gl_string, sizeof r->gl_string, "%s", gl_renderer ? gl_renderer : "unknown");

    st = rp_draw_create(&r->gl, &r->draw, &r->log);
    if (st != RP_OK) goto fail;
    st = rp_font_create(LABEL_PX * r->scale, false, &r->font_label);
    if (st == RP_OK) st = rp_font_create(LABEL_PX * r->scale, true, &r->font_bold);
    if (st == RP_OK) st = rp_font_create(TITLE_PX * r->scale, true, &r->font_title);
    if (st != RP_OK) {
        FAIL(r, st, FONT_FAILED,
             "rp_renderer_create: the built-in font could not be baked at "
             "%g px (%s)",
             (double)(TITLE_PX * r->scale), rp_status_string(st));
        goto fail;
    }
    st = ensure_columns(r, MIN_COLUMNS + 1);
    if (st == RP_OK) {
        st = rp_column_cache_create(&r->cache);
        if (st == RP_OK) st = rp_plot_reuse_create(&r->reuse);
        if (st != RP_OK)
            FAIL(r, st, OUT_OF_MEMORY, "rp_renderer_create: out of memory for the column cache");
    } else {
        FAIL(r, st, OUT_OF_MEMORY, "rp_renderer_create: out of memory for the decimation columns");
    }
    if (st != RP_OK) {
        goto fail;
    }
    if (!rp_handle_register(r, RP_HANDLE_RENDERER)) {
        st = FAIL(r, RP_ERR_LIMIT, TOO_MANY_OBJECTS,
                  "rp_renderer_create: %d objects are live "
                  "already (RP_MAX_LIVE_OBJECTS)",
                  RP_MAX_LIVE_OBJECTS);
        goto fail;
    }
    rp_log_sink_init(&r->log, &d.log, r->error, sizeof r->error);
    rp_log_msg(&r->log, RP_LOG_INFO, RP_LOGITEM_RENDERER_READY, "renderer ready: OpenGL %d.%d, %s",
               major, minor, r->gl_string);
    *out = r;
    return RP_OK;

fail:
    rp_log_create_fail(&d.log, st, r->log.item, "%s", r->error);
    renderer_free(r);
    return st;
}

/* A live renderer (registry lookup: never reads the object behind a stale pointer). */
static bool renderer_valid(const rp_renderer *r) { return rp_handle_live(r, RP_HANDLE_RENDERER); }

void rp_renderer_destroy(rp_renderer *r)
{
    if (!rp_handle_unregister(r, RP_HANDLE_RENDERER))
        return; /* NULL, not a renderer, or already destroyed: never read, never freed twice */
    renderer_free(r);
}

static void renderer_free(rp_renderer *r)
{
    rp_draw_destroy(r->draw);
    rp_font_destroy(r->font_label);
    rp_font_destroy(r->font_bold);
    rp_font_destroy(r->font_title);
    free(r->columns);
    if (r->libegl) dlclose(r->libegl);
    rp_column_cache_destroy(r->cache);
    rp_plot_reuse_destroy(r->reuse);
    free(r);
}

rp_column_cache *rp_renderer_column_cache(rp_renderer *r)
{
    return renderer_valid(r) ? r->cache : NULL;
}

rp_plot_reuse *rp_renderer_plot_reuse(rp_renderer *r)
{
    return renderer_valid(r) ? r->reuse : NULL;
}

rp_status rp_renderer_draw(rp_renderer *r, rp_figure *f, int x, int y, int width, int height)
{
    if (!renderer_valid(r)) return RP_ERR_INVALID_ARG;
    if (!rp_figure_valid(f))
        return FAIL(r, RP_ERR_INVALID_ARG, STALE_HANDLE,
                    "rp_renderer_draw: not a live figure (NULL, destroyed, or another kind of "
                    "object)");
    if (width < 1 || height < 1 || width > 32768 || height > 32768)
        return FAIL(r, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_renderer_draw: viewport %d x %d out of range (1..32768 px)", width, height);
    int stale_panel, stale_index;
    if (rp_figure_find_stale_series(f, &stale_panel, &stale_index)) {
        /* A figure borrows its series: one destroyed while still in it must not be drawn (its
         * memory is gone) and must not pass silently. Reported on the renderer's channel and kept
         * as the figure's last error too. */
        rp_status st =
            stale_index < 0
                ? FAIL(r, RP_ERR_INVALID_ARG, STALE_SERIES,
                       "rp_renderer_draw: the series of panel %d (%s) was destroyed while still in "
                       "the figure: remove it first (rp_figure_remove_series, which removes the "
                       "panel with it)",
                       stale_panel,
                       f->panels[stale_panel].spectrum  ? "a spectrum"
                       : f->panels[stale_panel].trigger ? "a trigger"
                                                        : "an XY panel")
                : FAIL(r, RP_ERR_INVALID_ARG, STALE_SERIES,
                       "rp_renderer_draw: series '%s' (panel %d) was destroyed while still in "
                       "the figure: remove it first (rp_figure_remove_series)",
                       f->panels[stale_panel].series[stale_index].label, stale_panel);
        rp_log_sink_keep(rp_figure_log(f), RP_LOGITEM_STALE_SERIES, r->error);
        return st;
    }
    /* GL calls without a current context do nothing: the frame would "succeed" blank */
    if (!r->gl.GetString(GL_VERSION))
        return FAIL(r, RP_ERR_GL, GL_ERROR,
                    "rp_renderer_draw: no GL context is current on this thread (make the "
                    "renderer's context current first)");
    double t_start = now_ms();
    memset(&r->stats, 0, sizeof r->stats);
    rp_column_cache_frame(r->cache);
    if (ensure_columns(r, width + 2) != RP_OK) /* only when the viewport grows */
        return FAIL(r, RP_ERR_NO_MEMORY, OUT_OF_MEMORY,
                    "rp_renderer_draw: out of memory for %d decimation columns", width + 2);

    /* Views: x (follow or fixed), then each panel's y over that x range. */
    rp_layout_fonts fonts = {r->font_label, r->font_bold, r->font_title, r->scale};
    double x0, x1;
    rp_figure_x_view(f, &x0, &x1);
    for (int p = 0; p < f->panel_count; p++) /* spectra first: their dB views follow the peak */
        if (f->panels[p].spectrum)
            rp_figure_spectrum_update(f, p, NULL);
        else if (f->panels[p].trigger)
            rp_figure_trigger_update(f, p, NULL);
    double y0[RP_MAX_PANELS], y1[RP_MAX_PANELS];
    for (int p = 0; p < f->panel_count; p++) rp_figure_resolve_y(f, p, x0, x1, &y0[p], &y1[p]);
    const rp_drawn_frame *previous = rp_drawn_find(&r->drawn, f);
    double newest_x = f->follow ? x1 : NAN; /* the view's end before the snap below */
    rp_layout_compute(&r->layout, f, &fonts, width, height, x0, x1, newest_x, y0, y1, previous);
    if (f->follow && f->panel_count > 0) {
        /* Snap to the column grid of the plot width just computed; the layout does not depend
         * on a sub-column shift of the view except through the ticks, so recompute. Then each
         * live autoscaled y view holds still or moves (rp_figure_hold_y) over the view drawn.
         * A y view that moved can change the tick labels' width and so the plot's: snap again
         * to that width's grid (a frame snapped to another width's grid is drawn off its
         * columns, a sub-pixel jump the next frame undoes). Two rounds settle it: the second
         * moves nothing the y views depend on. */
        double ux0 = x0, ux1 = x1;
        for (int round = 0; round < 3; round++) {
            int plot_w = (int)r->layout.panels[0].plot.w;
            double sx0 = ux0, sx1 = ux1;
            snap_follow_view(f, plot_w, &sx0, &sx1);
            bool moved = sx0 != x0 || sx1 != x1;
            x0 = sx0;
            x1 = sx1;
            for (int p = 0; p < f->panel_count; p++) {
                moved |= rp_figure_hold_y(f, p, x0, x1);
                rp_figure_resolve_y(f, p, x0, x1, &y0[p], &y1[p]);
            }
            if (!moved) break;
            rp_layout_compute(&r->layout, f, &fonts, width, height, x0, x1, newest_x, y0, y1,
                              previous);
            if ((int)r->layout.panels[0].plot.w == plot_w) break;
        }
    }

    rp_theme_style th = rp_theme_style_get(f->desc.theme);
    rp_draw_begin(r->draw, x, y, width, height);
    r->viewport[0] = x;
    r->viewport[1] = y;
    r->viewport[2] = width;
    r->viewport[3] = height;
    bool fresh = false;
    bool ready = rp_plot_reuse_enabled(r->reuse) && rp_draw_keep_ready(r->draw, &fresh);
    r->keeping = rp_plot_reuse_frame(r->reuse, f, r->viewport, ready && !fresh);
    plan_kept_plots(r, f, &th, backgrounds_clearable(r, f, &th));
    bool background_done = clear_backgrounds(r, f, &th, (float)width, (float)height);
    if (!background_done)
        rp_draw_rect(r->draw, (rp_rect){0, 0, (float)width, (float)height}, th.background);
    /* Kept plots are copied onto the frame before anything else is drawn (nothing before a
     * plot in its panel's turn touches its rectangle): software GL then waits once for what
     * the texture pass drew, not once a panel. */
    for (int p = 0; p < f->panel_count && p < RP_MAX_PANELS; p++)
        if (r->kept[p].planned && r->kept[p].kept) put_kept_plot(r, f, p, &th, background_done);
    if (r->layout.has_title) {
        /* over the first plot's middle; one wider than the viewport cut with "…" at a character
         * (it was clipped mid-glyph at both edges) */
        char title[sizeof f->title];
        snprintf(title, sizeof title, "%s", f->title);
        rp_layout_fit_text(r->font_title, title, sizeof title, (float)width - 16.0f * r->scale);
        float tw = rp_font_text_width(r->font_title, title);
        float cx = 0.5f * (float)width;
        if (f->panel_count > 0 && tw < r->layout.panels[0].plot.w)
            cx = r->layout.panels[0].plot.x + 0.5f * r->layout.panels[0].plot.w;
        draw_text_center(r->draw, r->font_title, title, cx, r->layout.title_baseline, th.title);
    }
    for (int p = 0; p < f->panel_count; p++) draw_panel(r, f, p, &th, background_done);
    draw_x_axis(r, f, &th);
    draw_cursors(r, f, &th);
    for (int p = 0; p < f->panel_count && p < r->layout.panel_count; p++) draw_legend(r, f, p, &th);
    draw_zoom_box(r, f, &th);
    draw_crosshair(r, f, &th);
    draw_table(r, f, &th);
    draw_placeholder(r, f, &th, width, height);
    draw_overlay(r, f, &th);
    draw_status(r, f, &th);
    draw_timeline(r, f, &th);
    rp_draw_end(r->draw);

    rp_drawn_record(rp_drawn_take(&r->drawn, f), &r->layout, f);
    r->stats.vertices = rp_draw_vertices(r->draw);
    r->stats.upload_bytes = rp_draw_upload_bytes(r->draw);
    r->stats.total_ms = now_ms() - t_start;
    return RP_OK;
}

rp_frame_stats rp_renderer_last_stats(const rp_renderer *r)
{
    return renderer_valid(r) ? r->stats : (rp_frame_stats){0};
}

const char *rp_renderer_last_error(const rp_renderer *r)
{
    return renderer_valid(r) ? r->error
                             : "not a live renderer (NULL, destroyed, or another kind of object)";
}

const char *rp_renderer_gl_string(const rp_renderer *r)
{
    return renderer_valid(r) ? r->gl_string : "";
}

rp_hit rp_renderer_hit_test(const rp_renderer *r, const rp_figure *f, float px, float py)
{
    const rp_drawn_frame *drawn = renderer_valid(r) ? rp_drawn_find(&r->drawn, f) : NULL;
    return rp_drawn_hit_test(drawn, f, px, py);
}

bool rp_renderer_frame_layout(const rp_renderer *r, const rp_figure *f, rp_frame_layout *out)
{
    if (!out) return false;
    return rp_drawn_describe(renderer_valid(r) ? rp_drawn_find(&r->drawn, f) : NULL, out);
}
