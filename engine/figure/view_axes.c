/* view_axes.c — the own axes of spectrum, trigger and XY panels (view_axes.h): the ranges they
 * show, and rp_figure_view_zoom / _pan / _reset over them (ringplot.h). Pure CPU. */
#include <math.h>

#include "figure/figure_internal.h"
#include "figure/view_axes.h"
#include "figure/xy.h"

#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(rp_figure_log(figure), status, RP_LOGITEM_##item, __VA_ARGS__)

#define LOG_MIN_SPAN 0.01 /* decades: the narrowest view of a log frequency axis */

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
/* Keeps [*lo, *hi] inside [min, max]: moved back in, or all of it when wider. */
static void keep_within(double *lo, double *hi, double min, double max)
{
    double w = *hi - *lo;
    if (w >= max - min) {
        *lo = min;
        *hi = max;
    } else if (*lo < min) {
        *lo = min;
        *hi = min + w;
    } else if (*hi > max) {
        *hi = max;
        *lo = max - w;
    }
}

/* [lo, hi] inside [a0, a1], or the whole of it when [lo, hi] is unset or leaves nothing. */
static void clip_view(double lo, double hi, double a0, double a1, double *v0, double *v1)
{
    *v0 = a0;
    *v1 = a1;
    if (!(hi > lo)) return;
    double c0 = fmax(lo, a0), c1 = fmin(hi, a1);
    if (c1 > c0) {
        *v0 = c0;
        *v1 = c1;
    }
}

/* A view that covers the whole range is stored as "unset" (0, 0): it follows the range. */
static void store_view(double lo, double hi, double a0, double a1, double *out_lo, double *out_hi)
{
    bool whole = lo <= a0 && hi >= a1;
    *out_lo = whole ? 0 : lo;
    *out_hi = whole ? 0 : hi;
}

static double to_unit(bool log_axis, double v) { return log_axis ? log10(v) : v; }
static double from_unit(bool log_axis, double u) { return log_axis ? pow(10.0, u) : u; }

/* Zoom (zoom true: by factor around at) or pan (by shift) of one axis [*lo, *hi] within
 * [a0, a1], in its linear unit. */
typedef struct axis_move {
    bool zoom;
    double at, factor, shift;
} axis_move;

static void move_axis(const axis_move *m, bool log_axis, double a0, double a1, double min_span,
                      double *lo, double *hi)
{
    double u0 = to_unit(log_axis, *lo), u1 = to_unit(log_axis, *hi);
    double m0 = to_unit(log_axis, a0), m1 = to_unit(log_axis, a1);
    if (m->zoom)
        rp_range_zoom(&u0, &u1, m->at, m->factor, m0, m1, min_span);
    else
        rp_range_pan(&u0, &u1, m->shift, m0, m1);
    *lo = from_unit(log_axis, u0);
    *hi = from_unit(log_axis, u1);
}

/* The panel's y view (a spectrum's spans its waterfall strip too) moved in its scale's unit,
 * unbounded, and fixed there (rp_figure_set_y_view). */
static rp_status move_panel_y(rp_figure *figure, int panel, const axis_move *m)
{
    const rp_figure_panel *pn = &figure->panels[panel];
    double y0, y1;
    rp_status st = rp_figure_y_view(figure, panel, &y0, &y1);
    if (st != RP_OK) return st;
    double u0 = rp_panel_y_unit(pn, y0), u1 = rp_panel_y_unit(pn, y1);
    if (m->zoom)
        rp_range_zoom(&u0, &u1, m->at, m->factor, -INFINITY, INFINITY, fabs(u1 - u0) * 1e-9);
    else
        rp_range_pan(&u0, &u1, m->shift, -INFINITY, INFINITY);
    return rp_figure_set_y_view(figure, panel, rp_panel_y_from_unit(pn, u0),
                                rp_panel_y_from_unit(pn, u1));
}

static rp_status spectrum_move(rp_figure *figure, int panel, const axis_move *mx,
                               const axis_move *my, const char *call)
{
    const rp_figure_panel *pn = &figure->panels[panel];
    rp_spectrum_view sv = rp_spectrum_get_view(pn->spectrum);
    double a0, a1, lo, hi;
    if (!rp_spectrum_freq_full(&sv, &a0, &a1))
        return FAIL(figure, RP_ERR_UNSUPPORTED, INVALID_ARGUMENT,
                    "%s: spectrum panel %d has no spectrum yet (no sample rate)", call, panel);
    rp_spectrum_freq_view(&sv, &lo, &hi);
    rp_spectrum_desc d = sv.desc;
    if (mx) {
        bool log_axis = d.log_frequency;
        move_axis(mx, log_axis, a0, a1, log_axis ? LOG_MIN_SPAN : 2 * sv.bin_width, &lo, &hi);
        store_view(lo, hi, a0, a1, &d.freq_min, &d.freq_max);
    }
    rp_status st = rp_figure_set_spectrum(figure, panel, &d);
    return st == RP_OK && my ? move_panel_y(figure, panel, my) : st;
}

static rp_status trigger_move(rp_figure *figure, int panel, const axis_move *mx,
                              const axis_move *my, const char *call)
{
    rp_trigger_view tv = rp_trigger_get_view(figure->panels[panel].trigger);
    if (!(tv.state.rate > 0))
        return FAIL(figure, RP_ERR_UNSUPPORTED, INVALID_ARGUMENT,
                    "%s: trigger panel %d has no sample rate yet", call, panel);
    if (mx) {
        double a0, a1, lo, hi;
        rp_trigger_time_full(&tv, &a0, &a1);
        rp_trigger_time_view(&tv, &lo, &hi);
        move_axis(mx, false, a0, a1, 2.0 / tv.state.rate, &lo, &hi);
        rp_trigger_desc d = rp_figure_trigger_desc(figure, panel);
        store_view(lo, hi, a0, a1, &d.time_min, &d.time_max);
        rp_status st = rp_figure_set_trigger(figure, panel, &d);
        if (st != RP_OK) return st;
    }
    return my ? move_panel_y(figure, panel, my) : RP_OK;
}

/* XY: the ranges the desc fixes, else those the last frame drew. */
static rp_status xy_move(rp_figure *figure, int panel, const axis_move *mx, const axis_move *my,
                         const char *call)
{
    rp_xy_state st = rp_figure_xy_state(figure, panel);
    rp_xy_desc d = rp_figure_xy_desc(figure, panel);
    bool fixed_x = d.x_max > d.x_min, fixed_y = d.y_max > d.y_min;
    double x0 = fixed_x ? d.x_min : st.x0, x1 = fixed_x ? d.x_max : st.x1;
    double y0 = fixed_y ? d.y_min : st.y0, y1 = fixed_y ? d.y_max : st.y1;
    if (!(x1 > x0) || !(y1 > y0))
        return FAIL(figure, RP_ERR_UNSUPPORTED, INVALID_ARGUMENT,
                    "%s: XY panel %d has not been drawn yet (no ranges)", call, panel);
    if (mx) {
        move_axis(mx, false, -INFINITY, INFINITY, (x1 - x0) * 1e-9, &x0, &x1);
        d.x_min = x0;
        d.x_max = x1;
    }
    if (my) {
        move_axis(my, false, -INFINITY, INFINITY, (y1 - y0) * 1e-9, &y0, &y1);
        d.y_min = y0;
        d.y_max = y1;
    }
    return rp_figure_set_xy(figure, panel, &d);
}

/* The panel with a view of its own, or NULL (reported). */
static const rp_figure_panel *view_panel(rp_figure *figure, int panel, const char *call)
{
    if (!rp_figure_valid(figure)) return NULL;
    if (panel < 0 || panel >= figure->panel_count) {
        FAIL(figure, RP_ERR_INVALID_ARG, NOT_FOUND, "%s: panel %d does not exist", call, panel);
        return NULL;
    }
    const rp_figure_panel *pn = &figure->panels[panel];
    if (pn->spectrum || pn->trigger || pn->xy) return pn;
    FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
         "%s: panel %d is a time panel (its x axis is the figure's: rp_figure_set_x_view)", call,
         panel);
    return NULL;
}

static rp_status move(rp_figure *figure, int panel, const axis_move *mx, const axis_move *my,
                      const char *call)
{
    const rp_figure_panel *pn = view_panel(figure, panel, call);
    if (!pn) return RP_ERR_INVALID_ARG;
    if (!mx && !my) return RP_OK;
    if (pn->spectrum) return spectrum_move(figure, panel, mx, my, call);
    if (pn->trigger) return trigger_move(figure, panel, mx, my, call);
    return xy_move(figure, panel, mx, my, call);
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
bool rp_spectrum_freq_full(const rp_spectrum_view *sv, double *lo, double *hi)
{
    if (!sv->db || !(sv->bin_width > 0) || sv->bins < 3) return false;
    *lo = sv->desc.log_frequency ? sv->bin_width : 0.0;
    *hi = sv->bin_width * (sv->bins - 1);
    return true;
}

bool rp_spectrum_freq_view(const rp_spectrum_view *sv, double *lo, double *hi)
{
    double a0, a1;
    if (!rp_spectrum_freq_full(sv, &a0, &a1)) return false;
    clip_view(sv->desc.freq_min, sv->desc.freq_max, a0, a1, lo, hi);
    return true;
}

void rp_trigger_time_full(const rp_trigger_view *tv, double *t0, double *t1)
{
    double rate = tv->state.rate > 0 ? tv->state.rate : 1.0;
    *t0 = -tv->pre / rate;
    *t1 = (tv->n - 1 - tv->pre) / rate;
}

void rp_trigger_time_view(const rp_trigger_view *tv, double *t0, double *t1)
{
    double a0, a1;
    rp_trigger_time_full(tv, &a0, &a1);
    clip_view(tv->desc.time_min, tv->desc.time_max, a0, a1, t0, t1);
}

void rp_range_zoom(double *lo, double *hi, double at, double factor, double min, double max,
                   double min_span)
{
    double c = *lo + at * (*hi - *lo);
    double n0 = c - (c - *lo) * factor, n1 = c + (*hi - c) * factor;
    if (!(n1 - n0 >= min_span)) { /* as narrow as it goes, still around the point */
        n0 = c - at * min_span;
        n1 = n0 + min_span;
    }
    keep_within(&n0, &n1, min, max);
    *lo = n0;
    *hi = n1;
}

void rp_range_pan(double *lo, double *hi, double shift, double min, double max)
{
    double w = *hi - *lo, n0 = *lo + shift * w, n1 = *hi + shift * w;
    keep_within(&n0, &n1, min, max);
    *lo = n0;
    *hi = n1;
}

rp_status rp_figure_view_zoom(rp_figure *figure, int panel, double u, double v, double factor_x,
                              double factor_y)
{
    static const char *call = "rp_figure_view_zoom";
    if (!view_panel(figure, panel, call)) return RP_ERR_INVALID_ARG;
    if (!isfinite(u) || !isfinite(v) || !(factor_x > 0) || !(factor_y > 0) || !isfinite(factor_x) ||
        !isfinite(factor_y))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "%s: point (%g, %g) must be finite, factors (%g, %g) finite and > 0", call, u,
                    v, factor_x, factor_y);
    axis_move mx = {.zoom = true, .at = u, .factor = factor_x};
    axis_move my = {.zoom = true, .at = v, .factor = factor_y};
    return move(figure, panel, factor_x != 1 ? &mx : NULL, factor_y != 1 ? &my : NULL, call);
}

rp_status rp_figure_view_pan(rp_figure *figure, int panel, double du, double dv)
{
    static const char *call = "rp_figure_view_pan";
    if (!view_panel(figure, panel, call)) return RP_ERR_INVALID_ARG;
    if (!isfinite(du) || !isfinite(dv))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "%s: shift (%g, %g) must be finite", call, du, dv);
    axis_move mx = {.shift = du}, my = {.shift = dv};
    return move(figure, panel, du != 0 ? &mx : NULL, dv != 0 ? &my : NULL, call);
}

rp_status rp_figure_view_reset(rp_figure *figure, int panel)
{
    const rp_figure_panel *pn = view_panel(figure, panel, "rp_figure_view_reset");
    if (!pn) return RP_ERR_INVALID_ARG;
    rp_status st = RP_OK;
    if (pn->spectrum) {
        rp_spectrum_desc d = rp_figure_spectrum_desc(figure, panel);
        d.freq_min = d.freq_max = d.db_min = d.db_max = 0;
        st = rp_figure_set_spectrum(figure, panel, &d);
    } else if (pn->trigger) {
        rp_trigger_desc d = rp_figure_trigger_desc(figure, panel);
        d.time_min = d.time_max = 0;
        st = rp_figure_set_trigger(figure, panel, &d);
    } else {
        rp_xy_desc d = rp_figure_xy_desc(figure, panel);
        d.x_min = d.x_max = d.y_min = d.y_max = 0;
        st = rp_figure_set_xy(figure, panel, &d);
    }
    if (st == RP_OK) st = rp_figure_autoscale_y(figure, panel);
    return st;
}
