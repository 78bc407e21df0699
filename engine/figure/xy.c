/* xy.c — XY panels: one series against another over the visible window, decimated into a grid of
 * the plot's pixels. Each pixel keeps the x (time) of the newest pair whose line lit it; a frame
 * rasterises only the pairs that arrived since the last one while the window moves forward, and
 * turns the grid into an 8-bit brightness image by age (pixels last lit before the window's
 * start are dark). Pairs: each X sample with the Y sample nearest in x, found by a merge walk. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/series_copy.h"
#include "figure/figure_internal.h"
#include "figure/xy.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define RP_XY_CHUNK 4096    /* samples read per copy (buffers made at creation) */
#define RP_XY_FLOOR 0.2     /* brightness of a point older than the fade time */
#define RP_XY_HEADROOM 0.05 /* autoscaled range: 5 % beyond the data on each side */
#define RP_XY_MIN_FILL 0.5  /* rescale when the data fills less than this of the range */
/* Equal aspect: refit when the data fills less than this of the axis that sets the scale (the
 * other axis is stretched by the panel's shape, a wide panel many times: slack there shows) */
#define RP_XY_EQUAL_FILL 0.8
#define RP_XY_MAX_STAMP_SPAN 1.0e5 /* float stamps relative to the epoch: rebuild beyond this */
#define RP_XY_SAMPLES_PER_FRAME (1 << 18) /* default rp_xy_desc.samples_per_frame */

#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(&(figure)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
typedef struct xy_reader { /* a window of a series' samples with their x */
    float v[RP_XY_CHUNK];
    double x[RP_XY_CHUNK];
    int64_t first; /* series index of v[0] */
    int n;
} xy_reader;

struct rp_xy {
    rp_series *sx, *sy; /* borrowed */
    uint64_t serial_x, serial_y;
    rp_xy_desc desc; /* title NULL (the panel keeps it) */
    rp_xy_state state;
    /* ranges: the autoscale decision (before the aspect), and what is drawn */
    bool have_base;
    double bx0, bx1, by0, by1;
    double rx0, rx1, ry0, ry1;
    int aspect_w, aspect_h;    /* the plot size the last frame had (for equal_aspect) */
    int equal_w, equal_h;      /* equal aspect fitted to the data for this size (0: not fitted) */
    double ex0, ex1, ey0, ey1; /* ...and the ranges it fitted */
    /* the grid */
    int gw, gh;
    size_t cap;   /* cells allocated */
    float *stamp; /* x - epoch of the newest pair per pixel; -Inf: never lit */
    uint8_t *image;
    bool grid_valid;
    double gx0, gx1, gy0, gy1;  /* the ranges it was rasterised at */
    double epoch, win0, done_x; /* stamps' origin, window start, x of the last pair rasterised */
    int64_t next_x;             /* the next X sample to pair */
    bool have_prev;             /* the line continues from (prev_px, prev_py) */
    double prev_px, prev_py;
    uint64_t version;
    /* readers */
    xy_reader xr, yr;
    int64_t yj; /* Y's sample at or before the last paired x */
};

/* ---------------------------------------------------------------------------------------------
 * Lifetime and description
 * ------------------------------------------------------------------------------------------- */
void rp_xy_free(rp_xy *xy)
{
    if (!xy) return;
    free(xy->stamp);
    free(xy->image);
    free(xy);
}

static bool range_ok(double lo, double hi)
{
    return (lo == 0 && hi == 0) || (isfinite(lo) && isfinite(hi) && hi > lo);
}

static bool desc_ok(rp_figure *figure, const char *call, const rp_xy_desc *d)
{
    if (d->samples_per_frame < 0) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: samples_per_frame %lld < 0", call,
             (long long)d->samples_per_frame);
        return false;
    }
    if (!(isfinite(d->fade) && d->fade >= 0)) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: fade %g must be finite and >= 0",
             call, d->fade);
        return false;
    }
    if (!range_ok(d->x_min, d->x_max) || !range_ok(d->y_min, d->y_max)) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
             "%s: a fixed range needs finite min < max (x %g .. %g, y %g .. %g)", call, d->x_min,
             d->x_max, d->y_min, d->y_max);
        return false;
    }
    return true;
}

/* "name (unit)" or "name". */
static void name_with_unit(const rp_series *s, char *buf, size_t size)
{
    const char *unit = rp_series_unit(s);
    if (unit && unit[0])
        snprintf(buf, size, "%s (%s)", rp_series_name(s), unit);
    else
        snprintf(buf, size, "%s", rp_series_name(s));
}

rp_status rp_figure_add_xy_panel(rp_figure *figure, rp_series *x, rp_series *y,
                                 const rp_xy_desc *desc, int *panel)
{
    static const char *call = "rp_figure_add_xy_panel";
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!rp_handle_live(x, RP_HANDLE_SERIES) || !rp_handle_live(y, RP_HANDLE_SERIES))
        return FAIL(figure, RP_ERR_INVALID_ARG, STALE_HANDLE, "%s: x and y must be live series",
                    call);
    rp_xy_desc d = desc ? *desc : (rp_xy_desc){0};
    if (!desc_ok(figure, call, &d)) return RP_ERR_INVALID_ARG;
    if (d.title && strlen(d.title) >= RP_TEXT_MAX)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED, "%s: title longer than %d bytes", call,
                    RP_TEXT_MAX - 1);
    char title[RP_TEXT_MAX], y_label[RP_TEXT_MAX];
    if (d.title)
        snprintf(title, sizeof title, "%s", d.title);
    else
        snprintf(title, sizeof title, "%.55s against %.55s", rp_series_name(y), rp_series_name(x));
    name_with_unit(y, y_label, sizeof y_label);
    d.title = NULL;

    rp_xy *xy = calloc(1, sizeof *xy);
    if (!xy) return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY, "%s: out of memory", call);
    xy->version = rp_figure__image_version_base(figure);
    xy->sx = x;
    xy->sy = y;
    xy->serial_x = rp_handle_serial(x, RP_HANDLE_SERIES);
    xy->serial_y = rp_handle_serial(y, RP_HANDLE_SERIES);
    xy->desc = d;
    rp_panel_desc pd = {.title = title, .y_label = y_label};
    int p = -1;
    rp_status st = rp_figure_add_panel(figure, &pd, &p);
    if (st != RP_OK) {
        rp_xy_free(xy);
        return st;
    }
    figure->panels[p].xy = xy;
    if (panel) *panel = p;
    return RP_OK;
}

static rp_xy *xy_of(const rp_figure *figure, int panel)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count) return NULL;
    return figure->panels[panel].xy;
}

rp_status rp_figure_set_xy(rp_figure *figure, int panel, const rp_xy_desc *desc)
{
    static const char *call = "rp_figure_set_xy";
    rp_xy *xy = xy_of(figure, panel);
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!xy)
        return FAIL(figure, RP_ERR_INVALID_ARG, NOT_FOUND, "%s: panel %d is not an XY panel", call,
                    panel);
    if (!desc)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: desc is required", call);
    if (!desc_ok(figure, call, desc)) return RP_ERR_INVALID_ARG;
    xy->desc.fade = desc->fade;
    xy->desc.equal_aspect = desc->equal_aspect;
    xy->desc.x_min = desc->x_min;
    xy->desc.x_max = desc->x_max;
    xy->desc.y_min = desc->y_min;
    xy->desc.y_max = desc->y_max;
    xy->desc.samples_per_frame = desc->samples_per_frame;
    xy->have_base = false; /* ranges decided again at the next frame */
    return RP_OK;
}

rp_xy_desc rp_figure_xy_desc(const rp_figure *figure, int panel)
{
    rp_xy *xy = xy_of(figure, panel);
    if (!xy) return (rp_xy_desc){0};
    rp_xy_desc d = xy->desc;
    d.title = figure->panels[panel].title;
    return d;
}

rp_xy_state rp_figure_xy_state(const rp_figure *figure, int panel)
{
    rp_xy *xy = xy_of(figure, panel);
    return xy ? xy->state : (rp_xy_state){0};
}

/* ---------------------------------------------------------------------------------------------
 * Ranges
 * ------------------------------------------------------------------------------------------- */
/* Keeps [*lo, *hi] (the range in use) while the data [a, b] lies inside and fills at least
 * RP_XY_MIN_FILL of it; else the data with headroom (a band around flat data). */
static void autoscale(bool have, double a, double b, double *lo, double *hi)
{
    if (have && a >= *lo && b <= *hi && (b - a) >= RP_XY_MIN_FILL * (*hi - *lo)) return;
    double span = b - a;
    double pad = span > 0 ? RP_XY_HEADROOM * span : (a != 0 ? 0.1 * fabs(a) : 0.5);
    *lo = a - pad;
    *hi = b + pad;
}

static bool data_range(const rp_series *s, double x0, double x1, double *a, double *b)
{
    float lo = 0, hi = 0;
    bool found = false;
    if (rp_series_y_range(s, x0, x1, &lo, &hi, &found) != RP_OK || !found) return false;
    *a = lo;
    *b = hi;
    return isfinite(*a) && isfinite(*b);
}

/* Equal aspect over autoscaled data [ax, bx] x [ay, by]: one scale that fits the data with
 * headroom on the axis that limits it, the other axis letterboxed around the data's centre (as
 * matplotlib's set_aspect('equal', adjustable='datalim')). The ranges are kept while the data
 * stays inside them and fills at least RP_XY_EQUAL_FILL of the limiting axis: the per-axis slack
 * of the plain autoscale (up to 2x) would be multiplied by the panel's shape on the other axis. */
static void equal_fit(rp_xy *xy, bool had_base, double ax, double bx, double ay, double by)
{
    double w = xy->aspect_w, h = xy->aspect_h;
    if (had_base && xy->equal_w == xy->aspect_w && xy->equal_h == xy->aspect_h && ax >= xy->ex0 &&
        bx <= xy->ex1 && ay >= xy->ey0 && by <= xy->ey1 &&
        fmax((bx - ax) / (xy->ex1 - xy->ex0), (by - ay) / (xy->ey1 - xy->ey0)) >=
            RP_XY_EQUAL_FILL) {
        xy->rx0 = xy->ex0;
        xy->rx1 = xy->ex1;
        xy->ry0 = xy->ey0;
        xy->ry1 = xy->ey1;
        return;
    }
    double lo = ax, hi = bx;
    autoscale(false, ax, bx, &lo, &hi); /* the data with headroom (a band when flat) */
    double px_x = (hi - lo) / w, cx = 0.5 * (lo + hi);
    autoscale(false, ay, by, &lo, &hi);
    double px_y = (hi - lo) / h, cy = 0.5 * (lo + hi);
    double per_px = fmax(px_x, px_y);
    xy->ex0 = xy->rx0 = cx - 0.5 * per_px * w;
    xy->ex1 = xy->rx1 = cx + 0.5 * per_px * w;
    xy->ey0 = xy->ry0 = cy - 0.5 * per_px * h;
    xy->ey1 = xy->ry1 = cy + 0.5 * per_px * h;
    xy->equal_w = xy->aspect_w;
    xy->equal_h = xy->aspect_h;
}

void rp_xy_y_view(rp_xy *xy, double x0, double x1, double *y0, double *y1)
{
    const rp_xy_desc *d = &xy->desc;
    bool live = rp_handle_serial(xy->sx, RP_HANDLE_SERIES) == xy->serial_x &&
                rp_handle_serial(xy->sy, RP_HANDLE_SERIES) == xy->serial_y;
    double ax = 0, bx = 1, ay = 0, by = 1;
    bool have_x = live && data_range(xy->sx, x0, x1, &ax, &bx);
    bool have_y = live && data_range(xy->sy, x0, x1, &ay, &by);
    if (!xy->have_base) {
        xy->bx0 = xy->by0 = 0;
        xy->bx1 = xy->by1 = 1;
    }
    if (d->x_max > d->x_min) {
        xy->bx0 = d->x_min;
        xy->bx1 = d->x_max;
    } else if (have_x) {
        autoscale(xy->have_base, ax, bx, &xy->bx0, &xy->bx1);
    }
    if (d->y_max > d->y_min) {
        xy->by0 = d->y_min;
        xy->by1 = d->y_max;
    } else if (have_y) {
        autoscale(xy->have_base, ay, by, &xy->by0, &xy->by1);
    }
    bool had_base = xy->have_base;
    xy->have_base = xy->have_base || (have_x && have_y);
    xy->rx0 = xy->bx0;
    xy->rx1 = xy->bx1;
    xy->ry0 = xy->by0;
    xy->ry1 = xy->by1;
    if (!d->equal_aspect || xy->aspect_w <= 0 || xy->aspect_h <= 0) {
        xy->equal_w = xy->equal_h = 0;
    } else if (!(d->x_max > d->x_min) && !(d->y_max > d->y_min) && have_x && have_y) {
        equal_fit(xy, had_base, ax, bx, ay, by);
    } else {
        /* a fixed range: the larger of the two scales on both axes, each range centred on its
         * own */
        double per_px =
            fmax((xy->bx1 - xy->bx0) / xy->aspect_w, (xy->by1 - xy->by0) / xy->aspect_h);
        double cx = 0.5 * (xy->bx0 + xy->bx1), cy = 0.5 * (xy->by0 + xy->by1);
        xy->rx0 = cx - 0.5 * per_px * xy->aspect_w;
        xy->rx1 = cx + 0.5 * per_px * xy->aspect_w;
        xy->ry0 = cy - 0.5 * per_px * xy->aspect_h;
        xy->ry1 = cy + 0.5 * per_px * xy->aspect_h;
        xy->equal_w = xy->equal_h = 0;
    }
    *y0 = xy->ry0;
    *y1 = xy->ry1;
}

/* ---------------------------------------------------------------------------------------------
 * Rasterisation
 * ------------------------------------------------------------------------------------------- */
/* Reads up to max (<= RP_XY_CHUNK) samples from series index `from` into r. False when nothing
 * could be read. */
static bool reader_fill(xy_reader *r, const rp_series *s, int64_t from, int64_t max)
{
    int64_t got = 0, first = 0;
    if (from < 0) from = 0;
    if (rp_series_copy_range_x(s, from, r->v, r->x, max, &got, &first, NULL) != RP_OK || got <= 0) {
        r->n = 0;
        return false;
    }
    r->first = first;
    r->n = (int)got;
    return true;
}

/* The index of the retained sample of s nearest to x, less one (a start for a merge walk). */
static int64_t start_index(const rp_series *s, double x)
{
    int64_t index = 0;
    double sx = 0;
    float v = 0;
    if (rp_series_sample_near(s, x, &index, &sx, &v) != RP_OK) return 0;
    return index > 0 ? index - 1 : 0;
}

/* The Y value paired with x: Y's sample nearest in x. False while Y has no sample at or after x
 * yet (the pair waits for it rather than take a stale neighbour). */
static bool y_at(rp_xy *xy, double x, float *v)
{
    xy_reader *r = &xy->yr;
    if (r->n == 0 || xy->yj < r->first || xy->yj >= r->first + r->n) {
        if (!reader_fill(r, xy->sy, xy->yj >= 0 ? xy->yj : start_index(xy->sy, x), RP_XY_CHUNK))
            return false;
        if (xy->yj < r->first) xy->yj = r->first;
    }
    for (;;) {
        int i = (int)(xy->yj - r->first);
        while (i + 1 < r->n && r->x[i + 1] <= x) i++;
        xy->yj = r->first + i;
        if (i + 1 < r->n) { /* x[i] <= x < x[i + 1], or x before Y's first sample */
            bool next = r->x[i] > x || (r->x[i + 1] - x < x - r->x[i]);
            *v = r->v[next && r->x[i] <= x ? i + 1 : i];
            return true;
        }
        if (r->x[i] == x) { /* the same x exactly (Teleplot's x:y pairs) */
            *v = r->v[i];
            return true;
        }
        /* the chunk ends before x: read on from its last sample */
        int64_t end = r->first + r->n;
        if (!reader_fill(r, xy->sy, xy->yj, RP_XY_CHUNK)) return false;
        /* the producer may have overwritten yj meanwhile: the read starts at the oldest left */
        if (xy->yj < r->first) xy->yj = r->first;
        if (r->first + r->n <= end) return false; /* nothing newer yet */
    }
}

/* Liang–Barsky: clips (x0,y0)-(x1,y1) to [0, w) × [0, h). False when nothing is left. */
static bool clip_to_grid(double w, double h, double *x0, double *y0, double *x1, double *y1)
{
    double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {*x0, w - 1e-9 - *x0, *y0, h - 1e-9 - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0 && t > t0) t0 = t;
        if (p[i] > 0 && t < t1) t1 = t;
        if (t0 > t1) return false;
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return true;
}

/* Lights the pixels of the line from the previous pair to (px, py) (a point when it starts). */
static void plot_pair(rp_xy *xy, double px, double py, float stamp)
{
    double x0 = xy->have_prev ? xy->prev_px : px, y0 = xy->have_prev ? xy->prev_py : py;
    double x1 = px, y1 = py;
    xy->prev_px = px;
    xy->prev_py = py;
    xy->have_prev = true;
    if (x0 >= 0 && y0 >= 0 && x0 < xy->gw && y0 < xy->gh && (int)x0 == (int)x1 &&
        (int)y0 == (int)y1 && x1 >= 0 && y1 >= 0) { /* dense data: both ends in one pixel */
        xy->stamp[(size_t)(int)y1 * (size_t)xy->gw + (size_t)(int)x1] = stamp;
        return;
    }
    if (!clip_to_grid(xy->gw, xy->gh, &x0, &y0, &x1, &y1)) return;
    double dx = x1 - x0, dy = y1 - y0;
    int steps = (int)ceil(fmax(fabs(dx), fabs(dy)));
    for (int k = 0; k <= steps; k++) {
        double f = steps ? (double)k / steps : 0;
        int cx = (int)(x0 + f * dx), cy = (int)(y0 + f * dy);
        if (cx < 0 || cy < 0 || cx >= xy->gw || cy >= xy->gh) continue;
        xy->stamp[(size_t)cy * (size_t)xy->gw + (size_t)cx] = stamp;
    }
}

/* Pairs and rasterises the X samples from next_x with x in [win0, x1], at most `budget` of them;
 * true when it reached x1 (or the newest pairable sample). */
static bool rasterise_new(rp_xy *xy, double x1, int64_t budget)
{
    double sx = xy->gw / (xy->gx1 - xy->gx0), sy = xy->gh / (xy->gy1 - xy->gy0);
    xy_reader *r = &xy->xr;
    for (int64_t examined = 0;; examined += r->n) {
        if (examined >= budget) return false; /* the rest next frame */
        int64_t want = budget - examined < RP_XY_CHUNK ? budget - examined : RP_XY_CHUNK;
        if (!reader_fill(r, xy->sx, xy->next_x, want)) return true;
        if (r->first > xy->next_x) xy->have_prev = false; /* expired meanwhile: a break */
        xy->next_x = r->first;
        for (int k = 0; k < r->n; k++) {
            double t = r->x[k];
            if (t > x1) return true;
            if (t >= xy->win0) {
                float yv;
                if (!y_at(xy, t, &yv)) return true; /* Y has not caught up yet */
                float xv = r->v[k];
                if (isfinite(xv) && isfinite(yv)) {
                    plot_pair(xy, ((double)xv - xy->gx0) * sx, (xy->gy1 - (double)yv) * sy,
                              (float)(t - xy->epoch));
                    xy->state.pairs++;
                } else {
                    xy->have_prev = false; /* NaN: a gap */
                }
                xy->done_x = t;
            }
            xy->next_x++;
        }
        if (r->n < want) return true;
    }
}

static bool grid_resize(rp_xy *xy, int w, int h)
{
    size_t cells = (size_t)w * (size_t)h;
    if (cells > xy->cap) { /* only when the plot grows */
        float *stamp = malloc(cells * sizeof *stamp);
        uint8_t *image = malloc(cells);
        if (!stamp || !image) {
            free(stamp);
            free(image);
            return false;
        }
        free(xy->stamp);
        free(xy->image);
        xy->stamp = stamp;
        xy->image = image;
        xy->cap = cells;
    }
    xy->gw = w;
    xy->gh = h;
    return true;
}

static void rebuild(rp_xy *xy, double x0)
{
    size_t cells = (size_t)xy->gw * (size_t)xy->gh;
    for (size_t i = 0; i < cells; i++) xy->stamp[i] = -INFINITY;
    xy->gx0 = xy->rx0;
    xy->gx1 = xy->rx1;
    xy->gy0 = xy->ry0;
    xy->gy1 = xy->ry1;
    xy->epoch = x0;
    xy->win0 = x0;
    xy->done_x = -INFINITY;
    xy->next_x = start_index(xy->sx, x0);
    xy->yj = -1;
    xy->yr.n = 0;
    xy->have_prev = false;
    xy->grid_valid = true;
    xy->state.rebuilds++;
}

/* Brightness by age: 1 for a pair at x1, falling linearly to RP_XY_FLOOR over the fade time;
 * 0 for pixels last lit before x0. */
static void render_image(rp_xy *xy, double x0, double x1)
{
    double fade = xy->desc.fade > 0 ? xy->desc.fade : x1 - x0;
    if (!(fade > 0)) fade = 1;
    float lo = (float)(x0 - xy->epoch), now = (float)(x1 - xy->epoch);
    float per = (float)(255.0 * (1.0 - RP_XY_FLOOR) / fade), floor_v = (float)(255.0 * RP_XY_FLOOR);
    size_t cells = (size_t)xy->gw * (size_t)xy->gh;
    int64_t lit = 0;
    for (size_t i = 0; i < cells; i++) {
        float s = xy->stamp[i];
        if (!(s >= lo)) {
            xy->image[i] = 0;
            continue;
        }
        float v = 255.0f - (now - s) * per;
        xy->image[i] = (uint8_t)(v > 255.0f ? 255.0f : v < floor_v ? floor_v : v + 0.5f);
        lit++;
    }
    xy->state.lit_pixels = lit;
    xy->version++;
}

rp_xy_view rp_xy_frame(rp_xy *xy, double x0, double x1, int w, int h)
{
    rp_xy_view view = {.x_series = xy->sx, .y_series = xy->sy, .desc = xy->desc};
    if (rp_handle_serial(xy->sx, RP_HANDLE_SERIES) != xy->serial_x ||
        rp_handle_serial(xy->sy, RP_HANDLE_SERIES) != xy->serial_y || w < 1 || h < 1 || !(x1 >= x0))
        return view;
    bool resize_aspect = xy->desc.equal_aspect && (w != xy->aspect_w || h != xy->aspect_h);
    xy->aspect_w = w;
    xy->aspect_h = h;
    if (!xy->have_base || resize_aspect) {
        double y0, y1;
        rp_xy_y_view(xy, x0, x1, &y0, &y1);
    }
    bool same_ranges =
        xy->gx0 == xy->rx0 && xy->gx1 == xy->rx1 && xy->gy0 == xy->ry0 && xy->gy1 == xy->ry1;
    if (!xy->grid_valid || w != xy->gw || h != xy->gh || !same_ranges || x0 < xy->win0 ||
        x1 < xy->done_x || x1 - xy->epoch > RP_XY_MAX_STAMP_SPAN) {
        if (!grid_resize(xy, w, h)) {
            xy->grid_valid = false;
            return view;
        }
        rebuild(xy, x0);
    }
    xy->win0 = x0;
    int64_t budget =
        xy->desc.samples_per_frame > 0 ? xy->desc.samples_per_frame : RP_XY_SAMPLES_PER_FRAME;
    xy->state.filling = !rasterise_new(xy, x1, budget);
    render_image(xy, x0, x1);
    view.image = xy->image;
    view.w = xy->gw;
    view.h = xy->gh;
    view.version = xy->version;
    view.x0 = xy->gx0;
    view.x1 = xy->gx1;
    view.y0 = xy->gy0;
    view.y1 = xy->gy1;
    xy->state.x0 = xy->gx0;
    xy->state.x1 = xy->gx1;
    xy->state.y0 = xy->gy0;
    xy->state.y1 = xy->gy1;
    return view;
}

bool rp_figure_xy_filling(const rp_figure *figure)
{
    for (int p = 0; p < rp_figure_panel_count(figure); p++)
        if (rp_figure_xy_state(figure, p).filling) return true;
    return false;
}

bool rp_xy_uses(const rp_xy *xy, const rp_series *series)
{
    return xy->sx == series || xy->sy == series;
}

bool rp_xy_stale(const rp_xy *xy)
{
    return rp_handle_serial(xy->sx, RP_HANDLE_SERIES) != xy->serial_x ||
           rp_handle_serial(xy->sy, RP_HANDLE_SERIES) != xy->serial_y;
}

void rp_xy_series(const rp_xy *xy, const rp_series **x, const rp_series **y)
{
    *x = xy->sx;
    *y = xy->sy;
}

rp_series *rp_figure_panel_series(const rp_figure *figure, int panel, int index)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count || index < 0 ||
        index >= figure->panels[panel].series_count)
        return NULL;
    return figure->panels[panel].series[index].series;
}
