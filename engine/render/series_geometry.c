/* series_geometry.c — a decimated series (rp_decimation) on screen.
 *
 * Raw mode (≤ 1 sample a column): a thick AA polyline through the samples.
 * Column mode: one bar per pixel column (rp_draw_bar), so the cost is the pixels covered, never
 * the samples. A column's trace is its min-max span plus its half of the straight connectors to
 * the neighbouring columns (last of k-1 → first of k, cut at the column boundary). The bar is that
 * trace thickened like a line of the requested width: it takes the neighbouring columns' trace
 * within half a width, so a steep edge is as wide as a flat one, and its top and bottom edges are
 * ramps (how far the edge moves across the column), which anti-alias flat and steep lines alike.
 * Columns never overlap, so a translucent colour blends once.
 * NaN breaks the trace (a column of only NaN is a gap; a NaN first / last breaks the connection to
 * the neighbouring column); ±Inf is drawn at the plot's top / bottom edge; empty columns carry the
 * connector across them. before / after extend the line to the plot edges (AA segments), and
 * everything is clipped (scissor) to tf->plot.
 * rp_draw_series_aliased draws the M4 path (first → min/max in time order → last) as 1-px line
 * strips for the fidelity test. */
#include <math.h>

#include "axis/scale.h"
#include "render/draw.h"
#include "render/draw_path.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define BAR_MAX_HW 8.0 /* wider lines keep the polyline: a bar reads ±hw columns around it */
#define FAR_PX 1e6     /* y px beyond this are clamped (keeps float px exact enough) */

enum { KNOT_GAP = 0, KNOT_EMPTY, KNOT_DATA };

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static void emit_sample(rp_draw *d, const rp_plot_transform *tf, double x, float v)
{
    if (isnan(v) || isnan(x)) {
        rp_draw_path_break(d);
        return;
    }
    double px, py;
    rp_plot_transform_apply(tf, x, (double)v, &px, &py);
    rp_draw_path_point(d, px, py);
}

static void emit_column(rp_draw *d, const rp_plot_transform *tf, const rp_m4 *e)
{
    if (e->end <= e->start) return; /* empty column: the neighbours connect across it */
    bool finite = (e->flags & RP_M4_FINITE) != 0;
    bool pos_inf = (e->flags & RP_M4_POS_INF) != 0;
    bool neg_inf = (e->flags & RP_M4_NEG_INF) != 0;
    if (!finite && !pos_inf && !neg_inf) { /* only NaN: a gap */
        rp_draw_path_break(d);
        return;
    }
    if (isnan(e->first))
        rp_draw_path_break(d);
    else
        emit_sample(d, tf, e->first_x, e->first);

    /* The extremes: finite min / max (or the plot edge for ±Inf, whose index is not kept). */
    double mid_x = 0.5 * (e->first_x + e->last_x);
    bool has_lo = finite || neg_inf, has_hi = finite || pos_inf;
    double lo_x = neg_inf ? mid_x : e->min_x, hi_x = pos_inf ? mid_x : e->max_x;
    float lo = neg_inf ? -INFINITY : e->min, hi = pos_inf ? INFINITY : e->max;
    bool lo_first;
    if (!neg_inf && !pos_inf) {
        lo_first = e->min_i <= e->max_i;
    } else { /* order unknown: visit first the extreme nearer to the entry value */
        double ref = isnan(e->first) ? 0.0 : (double)e->first;
        double dlo = has_lo ? fabs(ref - (double)lo) : INFINITY;
        double dhi = has_hi ? fabs(ref - (double)hi) : INFINITY;
        lo_first = dlo <= dhi;
    }
    if (lo_first) {
        if (has_lo) emit_sample(d, tf, lo_x, lo);
        if (has_hi) emit_sample(d, tf, hi_x, hi);
    } else {
        if (has_hi) emit_sample(d, tf, hi_x, hi);
        if (has_lo) emit_sample(d, tf, lo_x, lo);
    }

    if (isnan(e->last))
        rp_draw_path_break(d);
    else
        emit_sample(d, tf, e->last_x, e->last);
}

static void emit_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf)
{
    if (dec->has_before) emit_sample(d, tf, dec->before.last_x, dec->before.last);
    for (int i = 0; i < dec->count; i++) {
        const rp_m4 *e = &dec->out[i];
        if (dec->raw)
            emit_sample(d, tf, e->first_x, e->first);
        else
            emit_column(d, tf, e);
    }
    if (dec->has_after) emit_sample(d, tf, dec->after.first_x, dec->after.first);
}

/* ---- column bars ----------------------------------------------------------------------------- */
static double y_px(const rp_plot_transform *tf, double y)
{
    double px, py;
    rp_plot_transform_apply(tf, 0.0, y, &px, &py);
    return py < -FAR_PX ? -FAR_PX : py > FAR_PX ? FAR_PX : py;
}

static double x_px(const rp_plot_transform *tf, double x)
{
    double px, py;
    rp_plot_transform_apply(tf, x, 0.0, &px, &py);
    return px;
}

static void take(double *lo, double *hi, double v)
{
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
}

/* Appends a point to a column's path (index ≥ 1: 0 is kept for the left boundary). */
static void knot_point(rp_column_knot *k, double x, double y, bool link)
{
    int i = k->n;
    if (link && i > 1 && (float)x == k->x[i - 1] && (float)y == k->y[i - 1]) return;
    k->x[i] = (float)x;
    k->y[i] = (float)y;
    if (link && i > 1) k->linked |= (uint8_t)(1u << i);
    k->n = (uint8_t)(i + 1);
}

/* A column's own path, as rp_draw_series_aliased draws it: first → the extremes in time order
 * (±Inf at the plot edge, mid-column) → last, a NaN first / last left out (not linked). */
static void knot_column(const rp_m4 *e, const rp_plot_transform *tf, rp_column_knot *k)
{
    k->n = 1; /* points from index 1 */
    k->linked = 0;
    k->ml = k->mr = NAN;
    k->kind = KNOT_EMPTY;
    if (e->end <= e->start) return;
    bool finite = (e->flags & RP_M4_FINITE) != 0;
    bool pos_inf = (e->flags & RP_M4_POS_INF) != 0;
    bool neg_inf = (e->flags & RP_M4_NEG_INF) != 0;
    if (!finite && !pos_inf && !neg_inf) {
        k->kind = KNOT_GAP;
        return;
    }
    k->kind = KNOT_DATA;
    bool link = false;
    if (!isnan(e->first)) {
        knot_point(k, x_px(tf, e->first_x), y_px(tf, (double)e->first), false);
        link = true;
    }
    double mid_x = 0.5 * (e->first_x + e->last_x);
    bool has_lo = finite || neg_inf, has_hi = finite || pos_inf;
    double lo_x = neg_inf ? mid_x : e->min_x, hi_x = pos_inf ? mid_x : e->max_x;
    double lo = neg_inf ? -INFINITY : (double)e->min, hi = pos_inf ? INFINITY : (double)e->max;
    bool lo_first;
    if (!neg_inf && !pos_inf) {
        lo_first = e->min_i <= e->max_i;
    } else { /* order unknown: first the extreme nearer to the entry value */
        double ref = isnan(e->first) ? 0.0 : (double)e->first;
        double dlo = has_lo ? fabs(ref - lo) : INFINITY, dhi = has_hi ? fabs(ref - hi) : INFINITY;
        lo_first = dlo <= dhi;
    }
    for (int pass = 0; pass < 2; pass++) {
        bool take_lo = (pass == 0) == lo_first;
        if (take_lo ? has_lo : has_hi) {
            knot_point(k, x_px(tf, take_lo ? lo_x : hi_x), y_px(tf, take_lo ? lo : hi), link);
            link = true;
        }
    }
    if (!isnan(e->last)) knot_point(k, x_px(tf, e->last_x), y_px(tf, (double)e->last), link);
}

/* The straight connector (x0, y0) → (x1, y1) cut at the column boundaries from column a's right
 * one to column b's left one (a = -1: from before; b = n: to after); empty columns between get
 * the whole of their piece. */
static void connect(rp_column_knot *kn, int n, int a, int b, double left, double wpx, double x0,
                    double y0, double x1, double y1)
{
    for (int j = a + 1; j <= b; j++) {
        double xb = left + (double)j * wpx;
        double t = x1 > x0 ? (xb - x0) / (x1 - x0) : 0.5;
        t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
        float y = (float)(y0 + t * (y1 - y0));
        if (j >= 1) kn[j - 1].mr = y;
        if (j < n) kn[j].ml = y;
    }
}

/* Adds the boundary points ([0] = left, linked to the first point; [n] = right) and the range. */
static void knot_close(rp_column_knot *k, double xl, double xr)
{
    if (!isnan(k->ml)) {
        k->x[0] = (float)xl;
        k->y[0] = k->ml;
        if (k->n > 1) k->linked |= 2u;
    }
    if (!isnan(k->mr)) {
        int i = k->n;
        k->x[i] = (float)xr;
        k->y[i] = k->mr;
        if (i > 1 || !isnan(k->ml)) k->linked |= (uint8_t)(1u << i);
        k->n = (uint8_t)(i + 1);
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = isnan(k->ml) ? 1 : 0; i < k->n; i++) take(&lo, &hi, k->y[i]);
    k->lo = (float)lo;
    k->hi = (float)hi;
}

/* One column's part of edge_at: the thick path's top / bottom at x = c from this column — each
 * point within hw of c with its round cap (parabolic: exact at its middle and ends), the segment
 * through c with its body (hw·√(1+s²) above and below, exact for a straight line), and the path
 * where it leaves the window [c − hw, c + hw]. */
static void scan_column(const rp_column_knot *k, double c, double hw, double *top, double *bottom)
{
    double a = c - hw, b = c + hw;
    int i0 = isnan(k->ml) ? 1 : 0;
    for (int i = i0; i < k->n; i++) {
        double xi = k->x[i], yi = k->y[i], dx = xi - c;
        if (fabs(dx) <= hw) {
            double cap = (hw * hw - dx * dx) / hw;
            *top = fmin(*top, yi - cap);
            *bottom = fmax(*bottom, yi + cap);
        }
        if (i == i0 || !(k->linked & (1u << i))) continue;
        double xp = k->x[i - 1], yp = k->y[i - 1];
        if (!(xi > xp)) continue; /* vertical: its end points' caps hold it */
        double s = (yi - yp) / (xi - xp);
        if (xp < a && a < xi) {
            double y = yp + s * (a - xp);
            *top = fmin(*top, y);
            *bottom = fmax(*bottom, y);
        }
        if (xp < b && b < xi) {
            double y = yp + s * (b - xp);
            *top = fmin(*top, y);
            *bottom = fmax(*bottom, y);
        }
        if (xp <= c && c <= xi) { /* within the segment's box grown by hw, as its capsule */
            double y = yp + s * (c - xp), h = hw * sqrt(1.0 + s * s);
            *top = fmin(*top, fmax(y - h, fmin(yp, yi) - hw));
            *bottom = fmax(*bottom, fmin(y + h, fmax(yp, yi) + hw));
        }
    }
}

/* The thick line's top and bottom at x = c (see scan_column). Columns wholly inside the window
 * count by their range, with the cap of their farthest point; the ones at its ends, the one
 * holding c and the one ending at c are scanned. False: no path within hw of c. */
static bool edge_at(const rp_column_knot *kn, int n, double left, double wpx, double hw, double c,
                    double *top, double *bottom)
{
    double a = c - hw, b = c + hw, t = INFINITY, u = -INFINITY;
    int ja = (int)floor((a - left) / wpx), jb = (int)floor((b - left) / wpx);
    int jc = (int)floor((c - left) / wpx);
    bool on_boundary = c - (left + (double)jc * wpx) < 1e-9 * wpx;
    for (int j = ja < 0 ? 0 : ja; j <= jb && j < n; j++) {
        if (j == ja || j == jb || j == jc || (on_boundary && j == jc - 1)) {
            scan_column(&kn[j], c, hw, &t, &u);
        } else if (kn[j].lo <= kn[j].hi) {
            double x0 = left + (double)j * wpx, dx = fmax(fabs(x0 - c), fabs(x0 + wpx - c));
            double cap = dx < hw ? (hw * hw - dx * dx) / hw : 0.0;
            t = fmin(t, kn[j].lo - cap);
            u = fmax(u, kn[j].hi + cap);
        }
    }
    if (!(t <= u)) return false;
    *top = t;
    *bottom = u;
    return true;
}

static int pixel_edge(double left, double wpx, int i)
{
    return (int)floor(left + (double)i * wpx + 0.5);
}

/* Column mode as bars; false when it cannot (the caller draws the polyline instead). */
static bool draw_bars(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf,
                      float width, rp_color color)
{
    int n = dec->count;
    double wpx = dec->column_dx * tf->sx; /* px per column */
    double hw = 0.5 * (double)width;
    rp_column_knot *kn = rp_draw_column_knots(d, n);
    if (dec->raw || n <= 0 || !kn || !(wpx > 0.0) || !isfinite(wpx) || !(hw <= BAR_MAX_HW))
        return false;

    /* Column 0's left boundary in px: each column starts at or before its first sample, and some
     * first sample sits on its boundary (to within a sample), so take the smallest estimate. */
    double left = INFINITY;
    for (int i = 0; i < n; i++)
        if (dec->out[i].end > dec->out[i].start)
            left = fmin(left, x_px(tf, dec->out[i].first_x) - (double)i * wpx);
    if (!isfinite(left)) return false;

    for (int i = 0; i < n; i++) knot_column(&dec->out[i], tf, &kn[i]);

    /* Connectors: last point of a data column → first of the next (across empty columns), not
     * across a gap nor a NaN first / last; before and after count as columns -1 and n. */
    int prev = -2; /* -2: nothing to connect from */
    double px = 0.0, py = NAN;
    if (dec->has_before && !isnan(dec->before.last)) {
        prev = -1;
        px = x_px(tf, dec->before.last_x);
        py = y_px(tf, (double)dec->before.last);
    }
    for (int i = 0; i < n; i++) {
        rp_column_knot *k = &kn[i];
        if (k->kind == KNOT_GAP) {
            prev = -2;
        } else if (k->kind == KNOT_DATA) {
            bool first_ok = !isnan(dec->out[i].first), last_ok = !isnan(dec->out[i].last);
            if (prev >= -1 && !isnan(py) && first_ok)
                connect(kn, n, prev, i, left, wpx, px, py, k->x[1], k->y[1]);
            prev = i;
            px = last_ok ? k->x[k->n - 1] : 0.0;
            py = last_ok ? k->y[k->n - 1] : NAN;
        }
    }
    if (prev >= -1 && !isnan(py) && dec->has_after && !isnan(dec->after.first))
        connect(kn, n, prev, n, left, wpx, px, py, x_px(tf, dec->after.first_x),
                y_px(tf, (double)dec->after.first));
    for (int i = 0; i < n; i++)
        knot_close(&kn[i], left + (double)i * wpx, left + (double)(i + 1) * wpx);

    /* Lines thinner than 1 px: 1 px with less alpha, as the segment shader does. */
    rp_color c = color;
    if (hw < 0.5) {
        c.a *= (float)(2.0 * hw);
        hw = 0.5;
    }
    rp_draw_bars_begin(d, c);
    enum { P = RP_BAR_POINTS };
    double top[P], bottom[P], t[P], b[P];
    bool has[P];
    has[P - 1] = edge_at(kn, n, left, wpx, hw, left, &top[P - 1], &bottom[P - 1]);
    for (int i = 0; i < n; i++) {
        double xb = left + (double)i * wpx;
        top[0] = top[P - 1]; /* the left end is the previous column's right end */
        bottom[0] = bottom[P - 1];
        has[0] = has[P - 1];
        int any = has[0];
        for (int e = 1; e < P; e++) {
            has[e] = edge_at(kn, n, left, wpx, hw, xb + wpx * e / (P - 1), &top[e], &bottom[e]);
            any |= has[e];
        }
        if (!any) continue;
        /* Where the line ends inside the column, it tapers to the nearest point it has. */
        for (int e = 0; e < P; e++) {
            int from = e;
            for (int dist = 1; !has[from] && dist < P; dist++)
                from = e - dist >= 0 && has[e - dist] ? e - dist : e + dist < P ? e + dist : e;
            t[e] = has[e] ? top[e] : 0.5 * (top[from] + bottom[from]);
            b[e] = has[e] ? bottom[e] : t[e];
        }
        int x0 = pixel_edge(left, wpx, i), x1 = pixel_edge(left, wpx, i + 1);
        rp_draw_bar(d, x0, x1 > x0 ? x1 - x0 : 1, t, b);
    }

    /* The lines to before / after (outside the columns, usually past the plot edge). */
    if (!isnan(kn[0].ml)) {
        rp_draw_path_begin(d, width, color);
        rp_draw_path_point(d, x_px(tf, dec->before.last_x), y_px(tf, (double)dec->before.last));
        rp_draw_path_point(d, left, kn[0].ml);
        rp_draw_path_end(d);
    }
    if (!isnan(kn[n - 1].mr)) {
        rp_draw_path_begin(d, width, color);
        rp_draw_path_point(d, left + (double)n * wpx, kn[n - 1].mr);
        rp_draw_path_point(d, x_px(tf, dec->after.first_x), y_px(tf, (double)dec->after.first));
        rp_draw_path_end(d);
    }
    return true;
}

/* Clip = the current clip ∩ the plot rect; returns the previous clip. */
static rp_rect clip_to_plot(rp_draw *d, rp_rect plot)
{
    rp_rect prev = rp_draw_get_clip(d);
    rp_rect c = plot;
    if (prev.w > 0.0f) {
        float x0 = fmaxf(c.x, prev.x), y0 = fmaxf(c.y, prev.y);
        float x1 = fminf(c.x + c.w, prev.x + prev.w), y1 = fminf(c.y + c.h, prev.y + prev.h);
        c = (rp_rect){x0, y0, x1 - x0, y1 - y0};
        if (c.w <= 0.0f || c.h <= 0.0f) c = (rp_rect){x0, y0, 0.001f, 0.0f}; /* empty */
    }
    rp_draw_set_clip(d, c);
    return prev;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
void rp_plot_transform_apply(const rp_plot_transform *tf, double x, double y, double *px,
                             double *py)
{
    *px = (double)tf->plot.x + (x - tf->x0) * tf->sx;
    double top = (double)tf->plot.y, bottom = (double)tf->plot.y + (double)tf->plot.h;
    if (tf->y_scale != RP_Y_LINEAR) /* log: y <= 0 becomes -Inf, the bottom edge */
        y = rp_scale_forward(tf->y_scale, tf->y_threshold, y);
    if (isinf(y))
        *py = (y > 0.0) == (tf->sy >= 0.0) ? top : bottom;
    else
        *py = bottom - (y - tf->y0) * tf->sy;
}

void rp_draw_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf, float width,
                    rp_color color)
{
    if (!d || !dec || !tf || (dec->count > 0 && !dec->out) || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f))
        return;
    rp_rect prev = clip_to_plot(d, tf->plot);
    if (!draw_bars(d, dec, tf, width, color)) {
        rp_draw_path_begin(d, width, color);
        emit_series(d, dec, tf);
        rp_draw_path_end(d);
    }
    rp_draw_set_clip(d, prev);
}

void rp_draw_series_aliased(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf,
                            rp_color color)
{
    if (!d || !dec || !tf || (dec->count > 0 && !dec->out) || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f))
        return;
    rp_rect prev = clip_to_plot(d, tf->plot);
    rp_draw_path_begin_aliased(d, color);
    emit_series(d, dec, tf);
    rp_draw_path_end(d);
    rp_draw_set_clip(d, prev);
}
