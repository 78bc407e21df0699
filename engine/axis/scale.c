/* scale.c — log and symlog y scales and their ticks (see scale.h). */
#include "axis/scale.h"

#include <math.h>

#ifndef M_LN10
#define M_LN10 2.30258509299404568402
#endif
#include <stdio.h>
#include <string.h>

double rp_scale_forward(rp_y_scale scale, double t, double y)
{
    switch (scale) {
    case RP_Y_LOG:
        if (isnan(y)) return y;
        return y > 0 ? log10(y) : -INFINITY;
    case RP_Y_SYMLOG:
        if (!isfinite(y)) return y;
        return copysign(log1p(fabs(y) / t) / M_LN10, y); /* log1p: exact near 0 */
    default: return y;
    }
}

double rp_scale_inverse(rp_y_scale scale, double t, double u)
{
    switch (scale) {
    case RP_Y_LOG: return pow(10.0, u);
    case RP_Y_SYMLOG: return copysign(t * expm1(fabs(u) * M_LN10), u);
    default: return u;
    }
}

/* "1000", "0.01", "1e-6", "1e9": plain from 1e-4 to 1e5, else the exponent form. */
static void decade_label(double v, char *buf, size_t n)
{
    if (v == 0) {
        snprintf(buf, n, "0");
        return;
    }
    int k = (int)lround(log10(fabs(v)));
    double m = fabs(v) / pow(10.0, k);
    const char *sign = v < 0 ? "-" : "";
    if (fabs(m - 1.0) > 1e-9) { /* not a power of ten (symlog with t not one) */
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%.3g", fabs(v));
        snprintf(buf, n, "%s%s", sign, tmp);
        return;
    }
    if (k >= -4 && k <= 5) {
        if (k >= 0)
            snprintf(buf, n, "%s%.0f", sign, pow(10.0, k));
        else
            snprintf(buf, n, "%s%.*f", sign, -k, pow(10.0, k));
    } else {
        snprintf(buf, n, "%s1e%d", sign, k);
    }
}

static bool add_tick(rp_tick_set *out, double v, bool major)
{
    if (out->count >= RP_MAX_TICKS) return false;
    rp_tick *t = &out->ticks[out->count++];
    memset(t, 0, sizeof *t);
    t->value = v;
    t->major = major;
    if (major) decade_label(v, t->label, sizeof t->label);
    return true;
}

/* Labelled ticks of a set. */
static int majors(const rp_tick_set *set)
{
    int n = 0;
    for (int i = 0; i < set->count; i++) n += set->ticks[i].major;
    return n;
}

/* The set redone as nice linear values (a range too narrow for its decades to label it). */
static int numeric_instead(const rp_tick_request *req, rp_tick_set *out)
{
    double lo = out->lo, hi = out->hi;
    memset(out, 0, sizeof *out);
    out->lo = lo;
    out->hi = hi;
    return rp_ticks_numeric(req, out);
}

int rp_ticks_scaled(const rp_tick_request *req, rp_y_scale scale, double t, rp_tick_set *out)
{
    memset(out, 0, sizeof *out);
    double lo = fmin(req->lo, req->hi), hi = fmax(req->lo, req->hi);
    out->lo = lo;
    out->hi = hi;
    if (!isfinite(lo) || !isfinite(hi) || !(req->axis_px >= 1) ||
        (scale == RP_Y_LOG && !(lo > 0)) || (scale == RP_Y_SYMLOG && !(t > 0)))
        return 0;
    if (scale != RP_Y_LOG && scale != RP_Y_SYMLOG) return rp_ticks_numeric(req, out);
    double u0 = rp_scale_forward(scale, t, lo), u1 = rp_scale_forward(scale, t, hi);
    if (!(u1 > u0)) return rp_ticks_numeric(req, out);
    double px_per_unit = req->axis_px / (u1 - u0);
    /* symlog: one "decade" of u is log10(1 + 10^k): for |y| >> t it is one decade of y. */
    double need = req->label_height + req->min_gap_px;
    if (scale == RP_Y_LOG && u1 - u0 < 1.0) { /* within one decade: nice linear values */
        int n = rp_ticks_numeric(req, out);
        return n;
    }
    static const int steps[] = {1, 2, 3, 5, 10, 20, 50, 100};
    int step = 100;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (px_per_unit * steps[i] >= need) {
            step = steps[i];
            break;
        }
    bool minors = step == 1 && px_per_unit >= 3 * need;
    if (scale == RP_Y_LOG) {
        int k0 = (int)floor(u0), k1 = (int)ceil(u1);
        for (int k = k0; k <= k1; k++) {
            double d = pow(10.0, k);
            if (k % step == 0 && d >= lo * (1 - 1e-12) && d <= hi * (1 + 1e-12))
                add_tick(out, d, true);
            if (minors)
                for (int m = 2; m <= 9; m++)
                    if (d * m >= lo && d * m <= hi) add_tick(out, d * m, false);
        }
        out->step = pow(10.0, step);
        return out->count;
    }
    /* symlog: 0, and ±t·10^k for the decades in range. */
    if (lo <= 0 && hi >= 0) add_tick(out, 0, true);
    double amax = fmax(fabs(lo), fabs(hi));
    int kmax = (int)ceil(log10(amax / t)) + 1;
    for (int sgn = -1; sgn <= 1; sgn += 2)
        for (int k = 0; k <= kmax; k++) {
            double d = t * pow(10.0, k);
            bool room = k > 0 || px_per_unit * log10(2.0) >= need; /* t is close to 0 */
            if (k % step == 0 && room && sgn * d >= lo && sgn * d <= hi)
                add_tick(out, sgn * d, true);
            if (minors)
                for (int m = 2; m <= 9; m++)
                    if (sgn * d * m >= lo && sgn * d * m <= hi) add_tick(out, sgn * d * m, false);
        }
    /* Ticks in ascending order (callers expect it for label spacing). */
    for (int i = 1; i < out->count; i++)
        for (int j = i; j > 0 && out->ticks[j - 1].value > out->ticks[j].value; j--) {
            rp_tick tmp = out->ticks[j];
            out->ticks[j] = out->ticks[j - 1];
            out->ticks[j - 1] = tmp;
        }
    out->step = t;
    /* data far from 0 within less than a decade (4900..5100): no decade mark in range, so the
     * axis would carry no label; nice linear values there, as log does within one decade */
    return majors(out) >= 2 || u1 - u0 >= 1.0 ? out->count : numeric_instead(req, out);
}
