/* ticks.c — "nice" numeric ticks (1-2-5 steps) with short, distinct labels, the helpers the
 * time axis shares (ticks_time.c), and the crosshair value formatter.
 *
 * Numeric label formats (one per axis, decided from the chosen step):
 *   fixed   "0", "0.5", "1.0", "-2.5", "200"   decimals = those of the step; 0 is always "0"
 *   scaled  labels "0", "0.5", "1.0" with annotation "×1e-9" (value = label × 1e-9)
 *   offset  labels "0", "200", "400" with annotation "+1e12" (value = label + 1e12)
 *   both    annotation "×1e-15 +1e-9" (value = label × 1e-15 + 1e-9)
 * Fixed is used when the largest |value| is in [1e-4, 1e6) and a label fits in 8 characters
 * plus sign; otherwise scaled when 5 significant digits are enough; otherwise offset. */
#include "axis/ticks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axis/ticks_internal.h"

/* ---------------------------------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------------------------------- */

uint64_t rp_ticks__pow10u(int n)
{
    uint64_t p = 1;
    for (int i = 0; i < n && i < 19; i++) p *= 10;
    return p;
}

double rp_ticks__pow10(int n)
{
    /* Powers up to 1e22 are exact doubles; building them by multiplication keeps them exact. */
    if (n >= 0 && n <= 22) {
        double p = 1.0;
        for (int i = 0; i < n; i++) p *= 10.0;
        return p;
    }
    if (n < 0 && n >= -22) return 1.0 / rp_ticks__pow10(-n);
    return pow(10.0, n);
}

int rp_ticks__digits(uint64_t a)
{
    int d = 1;
    while (a >= 10) {
        a /= 10;
        d++;
    }
    return d;
}

int64_t rp_ticks__floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && (a < 0)) q--;
    return q;
}

double rp_ticks__value(int64_t n, int e)
{
    /* Dividing by an exact power of ten rounds once: 3 * 10^-1 gives the double nearest 0.3. */
    if (e < 0 && e >= -22) return (double)n / rp_ticks__pow10(-e);
    return (double)n * rp_ticks__pow10(e);
}

void rp_ticks__fmt_fixed(char *buf, size_t size, int64_t n, int e)
{
    if (size == 0) return;
    if (n == 0) {
        snprintf(buf, size, "0");
        return;
    }
    uint64_t a = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    const char *sign = n < 0 ? "-" : "";
    if (e >= 0) {
        int len = snprintf(buf, size, "%s%llu", sign, (unsigned long long)a);
        for (int i = 0; i < e && len >= 0 && (size_t)len + 1 < size; i++) buf[len++] = '0';
        if (len >= 0 && (size_t)len < size) buf[len] = '\0';
        return;
    }
    int dec = -e > 19 ? 19 : -e;
    uint64_t p = rp_ticks__pow10u(dec);
    snprintf(buf, size, "%s%llu.%0*llu", sign, (unsigned long long)(a / p), dec,
             (unsigned long long)(a % p));
}

void rp_ticks__fmt_exact(char *buf, size_t size, int64_t n, int e)
{
    if (n == 0) {
        snprintf(buf, size, "0");
        return;
    }
    while (n % 10 == 0) {
        n /= 10;
        e++;
    }
    uint64_t a = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int d = rp_ticks__digits(a);
    int top = d - 1 + e; /* floor(log10(|value|)) */
    if (top >= -4 && top < 6) {
        rp_ticks__fmt_fixed(buf, size, n, e);
        return;
    }
    char mant[32];
    rp_ticks__fmt_fixed(mant, sizeof mant, n, -(d - 1)); /* "1.7", "-5", "1.2345" */
    snprintf(buf, size, "%se%d", mant, top);
}

/* How N * 10^e prints without an offset: 0 fixed, 1 scaled (×1e*scale), -1 needs an offset. */
static int plain_mode(int64_t nmin, int64_t nmax, int e, int *scale)
{
    uint64_t amin = nmin < 0 ? (uint64_t)0 - (uint64_t)nmin : (uint64_t)nmin;
    uint64_t amax = nmax < 0 ? (uint64_t)0 - (uint64_t)nmax : (uint64_t)nmax;
    uint64_t a = amin > amax ? amin : amax;
    *scale = 0;
    if (a == 0) return 0;
    int d = rp_ticks__digits(a);
    int top = d - 1 + e;
    int len = e < 0 ? (d + e > 1 ? d + e : 1) + 1 - e : d + e;
    if (top >= -4 && top < 6 && len <= 8) return 0;
    if (d <= 5) {
        *scale = top;
        return 1;
    }
    return -1;
}

int64_t rp_ticks__round_offset(int64_t nmin, int64_t nmax)
{
    /* The roundest offset (a multiple of the largest power of ten) that leaves every remainder
     * below 2 * 10^j, where 10^j just exceeds the span: 1-4 digits remain to print. */
    uint64_t span = (uint64_t)(nmax - nmin);
    int j = rp_ticks__digits(span);
    int64_t limit = 2 * (int64_t)rp_ticks__pow10u(j);
    int64_t center = nmin + (int64_t)(span / 2);
    for (int t = 18; t >= j; t--) {
        int64_t p = (int64_t)rp_ticks__pow10u(t);
        int64_t r = rp_ticks__floor_div(center + p / 2, p) * p;
        if (r >= nmin && r <= nmax && r - nmin < limit && nmax - r < limit)
            return r; /* the range contains a round number: labels go -200, 0, 200 */
        int64_t f = rp_ticks__floor_div(nmin, p) * p;
        if (nmax - f < limit) return f; /* remainders all >= 0 */
        int64_t c = -rp_ticks__floor_div(-nmax, p) * p;
        if (c - nmin < limit) return c; /* remainders all <= 0 */
    }
    return nmin; /* unreachable: t == j always succeeds with f */
}

void rp_ticks__plan_labels(int64_t nmin, int64_t nmax, int e, rp_label_plan *plan)
{
    plan->offset = 0;
    plan->scale = 0;
    int scale;
    if (plain_mode(nmin, nmax, e, &scale) >= 0) {
        plan->scale = scale;
        return;
    }
    int64_t offset = rp_ticks__round_offset(nmin, nmax);
    plan->offset = offset;
    (void)plain_mode(nmin - offset, nmax - offset, e, &scale); /* remainders: always plain */
    plan->scale = scale;
}

void rp_ticks__plan_annotation(const rp_label_plan *plan, int e, const char *suffix,
                               rp_tick_set *out)
{
    char scale[16] = "", offset[32] = "";
    if (plan->scale != 0) snprintf(scale, sizeof scale, RP_TICK_MUL "1e%d", plan->scale);
    if (plan->offset != 0) {
        char num[28];
        rp_ticks__fmt_exact(num, sizeof num, plan->offset, e);
        snprintf(offset, sizeof offset, "%s%s", plan->offset > 0 ? "+" : "", num);
    }
    snprintf(out->annotation, sizeof out->annotation, "%s%s%s%s%s", scale,
             scale[0] && offset[0] ? " " : "", offset,
             suffix && suffix[0] && (scale[0] || offset[0]) ? " " : "", suffix ? suffix : "");
}

int rp_ticks__begin(const rp_tick_request *req, rp_tick_set *out, rp_tick_ctx *ctx)
{
    if (!out) return -1;
    memset(out, 0, sizeof *out);
    if (!req || !isfinite(req->lo) || !isfinite(req->hi) || !isfinite(req->axis_px) ||
        req->axis_px < 1.0f)
        return -1;
    memset(ctx, 0, sizeof *ctx);
    ctx->req = req;
    ctx->axis_px = req->axis_px;
    ctx->label_height =
        isfinite(req->label_height) && req->label_height > 0.0f ? req->label_height : 13.0;
    ctx->gap = isfinite(req->min_gap_px) && req->min_gap_px > 0.0f ? req->min_gap_px : 0.0;
    /* At most ~8 intervals on an x axis and ~10 on a y axis (whose labels stack, so they can sit
     * closer), and never closer than a few label heights, so a long axis is not crowded by
     * narrow labels (scales with HiDPI via label_height). */
    double floor_px = ctx->axis_px / (req->vertical ? 10.0 : 8.0);
    double by_height = ctx->label_height * (req->vertical ? 3.0 : 4.0);
    ctx->floor_px = floor_px > by_height ? floor_px : by_height;
    /* ...but never so sparse that a 1-2-5 step could leave fewer than two ticks: some nice
     * step lies in [floor, 2.5 floor], and any step <= span / 2 hits the range twice. */
    if (ctx->floor_px > ctx->axis_px / 5.0) ctx->floor_px = ctx->axis_px / 5.0;
    return 0;
}

void rp_ticks__set_range(rp_tick_ctx *ctx, rp_tick_set *out, double lo, double hi)
{
    ctx->lo = lo;
    ctx->hi = hi;
    ctx->span = hi - lo;
    out->lo = lo;
    out->hi = hi;
}

/* Width of a label: the caller's measure, else 7 px per code point. */
static double label_width(const rp_tick_ctx *ctx, const char *text)
{
    if (ctx->req->text_width) return ctx->req->text_width(ctx->req->user, text);
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) n += (*p & 0xC0) != 0x80;
    return 7.0 * n;
}

int rp_ticks__labels_fit(const rp_tick_ctx *ctx, const rp_tick_set *out)
{
    double px_per_unit = ctx->axis_px / ctx->span;
    double prev_pos = 0.0, prev_w = 0.0;
    int have_prev = 0;
    for (int i = 0; i < out->count; i++) {
        const rp_tick *t = &out->ticks[i];
        if (!t->major) continue;
        double pos = (t->value - ctx->lo) * px_per_unit;
        double w = ctx->req->vertical ? ctx->label_height : label_width(ctx, t->label);
        if (have_prev) {
            double need =
                ctx->req->vertical ? ctx->label_height + ctx->gap : (w + prev_w) * 0.5 + ctx->gap;
            if (pos - prev_pos < need - 1e-3) return 0;
        }
        prev_pos = pos;
        prev_w = w;
        have_prev = 1;
    }
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * Numeric ticks
 * ------------------------------------------------------------------------------------------- */

/* Writes the majors k*m*10^e inside [lo, hi] with their labels. Returns the count, or -1 when
 * there would be more than RP_MAX_TICKS. */
int rp_ticks__place_majors(const rp_tick_ctx *ctx, int64_t m, int e, double step, rp_tick_set *out,
                           int64_t *kmin)
{
    double klo = floor(ctx->lo / step) - 1.0, khi = ceil(ctx->hi / step) + 1.0;
    if (khi - klo > RP_MAX_TICKS + 2) return -1;
    int n = 0;
    *kmin = 0;
    for (int64_t k = (int64_t)klo; k <= (int64_t)khi; k++) {
        double v = rp_ticks__value(k * m, e);
        if (v < ctx->lo || v > ctx->hi) continue;
        if (n == 0) *kmin = k;
        out->ticks[n].value = v;
        out->ticks[n].major = true;
        n++;
    }
    out->count = n;
    out->step = step;
    out->annotation[0] = '\0';
    return n;
}

static int numeric_majors(const rp_tick_ctx *ctx, int m, int e, rp_tick_set *out)
{
    int64_t kmin;
    int n = rp_ticks__place_majors(ctx, m, e, m * rp_ticks__pow10(e), out, &kmin);
    if (n <= 0) return n;
    int64_t kmax = kmin + n - 1; /* the majors are consecutive multiples */
    rp_label_plan plan;
    rp_ticks__plan_labels(kmin * m, kmax * m, e, &plan);
    for (int i = 0; i < n; i++) {
        int64_t nval = (kmin + i) * m - plan.offset;
        rp_ticks__fmt_fixed(out->ticks[i].label, RP_TICK_LABEL_MAX, nval, e - plan.scale);
    }
    rp_ticks__plan_annotation(&plan, e, NULL, out);
    return n;
}

/* Adds minor ticks between (and around) the majors when they stay at least 5 px apart. */
static void numeric_minors(const rp_tick_ctx *ctx, int m, int e, rp_tick_set *out)
{
    /* 1 and 5 split in 5 (0.2, 1), 2 splits in 4 (0.5): minors stay on 1-2-5 values. */
    int div = m == 2 ? 4 : 5;
    int mm = m == 1 ? 2 : m == 2 ? 5 : 1, me = m == 5 ? e : e - 1; /* minor step mm*10^me */
    double mstep = mm * rp_ticks__pow10(me);
    if (mstep / ctx->span * ctx->axis_px < 5.0) return;
    double klo = floor(ctx->lo / mstep) - 1.0, khi = ceil(ctx->hi / mstep) + 1.0;
    if (khi - klo > RP_MAX_TICKS + 2) return;
    rp_tick majors[RP_MAX_TICKS];
    int nmaj = out->count;
    memcpy(majors, out->ticks, sizeof(rp_tick) * (size_t)nmaj);
    int n = 0, im = 0;
    for (int64_t k = (int64_t)klo; k <= (int64_t)khi; k++) {
        double v = rp_ticks__value(k * mm, me);
        if (v < ctx->lo || v > ctx->hi) continue;
        if (n >= RP_MAX_TICKS) {
            memcpy(out->ticks, majors, sizeof(rp_tick) * (size_t)nmaj); /* too many: majors only */
            out->count = nmaj;
            return;
        }
        if (rp_ticks__floor_div(k, div) * div == k && im < nmaj) {
            out->ticks[n++] = majors[im++];
        } else {
            memset(&out->ticks[n], 0, sizeof out->ticks[n]);
            out->ticks[n++].value = v;
        }
    }
    out->count = n;
}

/* Chooses the range to tick: swaps, widens a flat or sub-precision range. */
void rp_ticks__numeric_range(double lo, double hi, double *out_lo, double *out_hi)
{
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double mag = fmax(fabs(lo), fabs(hi));
    double span = hi - lo;
    if (mag < 1e-280) {
        /* Everything is zero (or denormal): a unit range around 0. */
        lo = -1.0;
        hi = 1.0;
    } else if (span == 0.0) {
        /* A single value: ± half its decade (5 -> 4.5..5.5, 1e12 -> 0.5e12..1.5e12). */
        double half = 0.5 * pow(10.0, floor(log10(mag)));
        lo -= half;
        hi += half;
    } else if (span < mag * 1e-12) {
        /* Below what doubles resolve at this magnitude: widen to 1e-12 relative. */
        double c = lo + span * 0.5;
        lo = c - mag * 0.5e-12;
        hi = c + mag * 0.5e-12;
    }
    *out_lo = lo;
    *out_hi = hi;
}

/* True when k·m·10^e is a round step: 1, 2, 2.5 or 5 times a power of ten. */
static bool round_stride(int k, int m)
{
    int km = k * m;
    while (km % 10 == 0) km /= 10;
    return km == 1 || km == 2 || km == 5 || km == 25;
}

/* A step that left one label (a short panel: "0" alone) where a denser step had two or more
 * that crowded each other: every k-th tick of a denser step instead (k = 1..10, each offset;
 * k = 1, the step itself, fits only where two_or_more has narrowed the gap),
 * so long as the ticks stay on round values: k times the step is itself 1, 2, 2.5 or 5 × 10^j,
 * and the ticks are multiples of half of it ("-1" and "1", "21.5" and "22.5" of step 2 and 1;
 * never "-3.0", "0.5", "4.0", a step of 3.5, nor "-0.2", "0.3"). Of those subsets of two or more whose labels fit: the
 * most labels, then the one most centred on the range, then the one of the sparser step. Steps
 * m·10^e and the two 1-2-5 steps under it. False, and *out unchanged, when none fits. No
 * allocation. */
static bool thinned_majors(const rp_tick_ctx *ctx, int m, int e, int max_count, rp_tick_set *out)
{
    rp_tick_set dense = *out, sub; /* the range fields: the request's */
    double mid = 0.5 * (ctx->lo + ctx->hi), best_off = INFINITY;
    int best_count = 0;
    for (int s = 0; s < 3; s++) {
        int n = numeric_majors(ctx, m, e, &dense);
        double step = m * rp_ticks__pow10(e);
        for (int k = 1; k < n && k <= 10; k++) {
            if (!round_stride(k, m)) continue;
            for (int o = 0; o < k; o++) {
                sub = dense;
                sub.count = 0;
                double sum = 0;
                for (int i = o; i < n; i += k) {
                    sum += dense.ticks[i].value;
                    sub.ticks[sub.count++] = dense.ticks[i];
                }
                if (sub.count < 2 || sub.count < best_count || sub.count > max_count) continue;
                /* on multiples of half the new step (llround: the ticks' index) */
                if (llround(sub.ticks[0].value / step) * 2 % k != 0) continue;
                double off = fabs(sum / sub.count - mid);
                bool better = sub.count > best_count || off < best_off - 0.05 * ctx->span;
                if (!better || !rp_ticks__labels_fit(ctx, &sub)) continue;
                sub.step = dense.step * k;
                *out = sub;
                best_count = sub.count;
                best_off = off;
            }
        }
        e -= m == 1; /* the 1-2-5 step under it */
        m = m == 1 ? 5 : m == 5 ? 2 : 1;
    }
    return best_count >= 2;
}

/* thinned_majors, and failing that two labels closer together (a quarter of a label height
 * apart): two a short panel can still hold beat a lone one; three so close would crowd it. */
static bool two_or_more(const rp_tick_ctx *ctx, int m, int e, rp_tick_set *out)
{
    if (thinned_majors(ctx, m, e, RP_MAX_TICKS, out)) return true;
    rp_tick_ctx tight = *ctx;
    tight.gap = fmin(ctx->gap, 0.25 * ctx->label_height);
    return tight.gap < ctx->gap && thinned_majors(&tight, m, e, 2, out);
}

/* One label left and it is "0" (a short panel around zero): the tick of step m·10^e (one with
 * two or more ticks in range) farthest from 0 instead, the positive one of a pair, so that the
 * axis still tells an amplitude of 1e-3 from one of 1e6. */
static void nonzero_tick(const rp_tick_ctx *ctx, int m, int e, rp_tick_set *out)
{
    rp_tick_set dense = *out;
    int n = numeric_majors(ctx, m, e, &dense);
    int best = -1;
    for (int i = 0; i < n; i++)
        if (dense.ticks[i].value != 0 &&
            (best < 0 || fabs(dense.ticks[i].value) >= fabs(dense.ticks[best].value)))
            best = i;
    if (best < 0) return;
    dense.ticks[0] = dense.ticks[best];
    dense.count = 1;
    *out = dense;
}

int rp_ticks_numeric(const rp_tick_request *req, rp_tick_set *out)
{
    rp_tick_ctx ctx;
    if (rp_ticks__begin(req, out, &ctx) != 0) return 0;
    double lo, hi;
    rp_ticks__numeric_range(req->lo, req->hi, &lo, &hi);
    if (!isfinite(hi - lo) || !(hi > lo))
        return 0; /* the span overflows a double: nothing sensible to print */
    rp_ticks__set_range(&ctx, out, lo, hi);

    /* Densest 1-2-5 step at or above the density floor whose labels do not overlap. */
    double smin = ctx.span * ctx.floor_px / ctx.axis_px;
    int e = (int)floor(log10(smin));
    static const int mant[3] = {1, 2, 5};
    int last_m = 0, last_e = 0, many_m = 0, many_e = 0; /* many: the last step with 2+ ticks */
    for (int iter = 0; iter < 60; iter++, e += (iter % 3 == 0)) {
        int m = mant[iter % 3];
        if (m * rp_ticks__pow10(e) < smin * (1.0 - 1e-9)) continue;
        int n = numeric_majors(&ctx, m, e, out);
        if (n < 0) continue;
        /* one label left: subsets of the last step with 2+ ticks or of the two 1-2-5 steps under
         * it (below the density floor, which a subset keeps anyway) */
        if (n <= 1 && many_m && two_or_more(&ctx, many_m, many_e, out)) return out->count;
        if (n == 1 && many_m && out->ticks[0].value == 0) {
            nonzero_tick(&ctx, many_m, many_e, out);
            return out->count;
        }
        if (n >= 2) {
            many_m = m;
            many_e = e;
        }
        if (n == 0) {
            if (last_m == 0) return 0;
            if (many_m && two_or_more(&ctx, many_m, many_e, out)) return out->count;
            /* Every step either overlaps or misses the range: keep one tick of the last step
             * that had any, the one nearest the middle (its label plan stays valid). */
            numeric_majors(&ctx, last_m, last_e, out);
            out->ticks[0] = out->ticks[out->count / 2];
            out->count = 1;
            return out->count;
        }
        last_m = m;
        last_e = e;
        if (n == 1 || rp_ticks__labels_fit(&ctx, out)) {
            if (req->minor) numeric_minors(&ctx, m, e, out);
            return out->count;
        }
    }
    memset(out->ticks, 0, sizeof out->ticks);
    out->count = 0;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Crosshair read-out
 * ------------------------------------------------------------------------------------------- */

/* "%.*e" in the axis labels' style: "1.50e-9", "2e10" (no '+', no leading zeros). */
static void format_exponent(double value, int significant, char *buf, int size)
{
    char tmp[32]; /* significant <= 17: "-1.2345678901234567e-308" */
    snprintf(tmp, sizeof tmp, "%.*e",
             significant < 1    ? 0
             : significant > 17 ? 16
                                : significant - 1,
             value);
    char *ep = strchr(tmp, 'e');
    int ex = ep ? (int)strtol(ep + 1, NULL, 10) : 0;
    if (ep) *ep = '\0';
    snprintf(buf, (size_t)size, "%.24se%d", tmp, ex);
}

void rp_format_value(double value, double resolution, char *buf, int size)
{
    if (!buf || size <= 0) return;
    if (isnan(value)) {
        snprintf(buf, (size_t)size, "NaN");
        return;
    }
    if (isinf(value)) {
        snprintf(buf, (size_t)size, value > 0 ? "Inf" : "-Inf");
        return;
    }
    double mag = fabs(value);
    if (!(resolution > 0.0) || !isfinite(resolution))
        resolution = mag > 0.0 ? mag * 1e-6 : 1e-6; /* unknown: 7 significant digits */
    /* The last printed digit's place is at or below the resolution. */
    int res_exp = (int)floor(log10(resolution) + 1e-9);
    if (mag == 0.0 || mag < resolution * 0.5) {
        snprintf(buf, (size_t)size, "0");
        return;
    }
    int top = (int)floor(log10(mag));
    int decimals = res_exp < 0 ? -res_exp : 0;
    if (top >= -4 && top < 15 && top + 2 + decimals <= 18 && decimals <= 12) {
        snprintf(buf, (size_t)size, "%.*f", decimals, value);
    } else {
        int sig = top - res_exp + 1;
        sig = sig < 1 ? 1 : sig > 16 ? 16 : sig;
        /* "1.50e-09" -> "1.50e-9": same exponent style as the axis labels. */
        format_exponent(value, sig, buf, size);
    }
    /* Rounding can print "-0.00": a read-out of zero has no sign. */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

void rp_format_cell(double value, double resolution, int max_chars, char *buf, int size)
{
    rp_format_readout(value, resolution, buf, size);
    if (max_chars < 8 || (int)strlen(buf) <= max_chars || !isfinite(value)) return;
    const char *dot = strchr(buf, '.');
    if (dot && !strchr(buf, 'e')) { /* fixed: drop the decimals that do not fit */
        /* rounding up may add a digit (99999.99996 → 100000.0000): one decimal fewer then */
        for (int keep = (int)strlen(dot + 1) - ((int)strlen(buf) - max_chars); keep >= 0; keep--) {
            char tmp[48];
            snprintf(tmp, sizeof tmp, "%.*f", keep, value);
            if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1)) /* "-0.0" */
                memmove(tmp, tmp + 1, strlen(tmp));
            if ((int)strlen(tmp) <= max_chars) {
                snprintf(buf, (size_t)size, "%s", tmp);
                return;
            }
        }
    }
    /* an exponent, with no more digits than the read-out's resolution gives */
    double floor_res = fabs(value) * pow(10.0, -(RP_READOUT_DIGITS - 1));
    double res = resolution > 0.0 && resolution <= floor_res ? resolution : floor_res;
    int digits = (int)floor(log10(fabs(value))) - (int)floor(log10(res) + 1e-9) + 1;
    for (int significant = digits < max_chars ? digits : max_chars; significant >= 1;
         significant--) {
        char tmp[48];
        format_exponent(value, significant, tmp, (int)sizeof tmp);
        if ((int)strlen(tmp) <= max_chars || significant == 1) {
            snprintf(buf, (size_t)size, "%s", tmp);
            return;
        }
    }
}

/* The place of the last of RP_READOUT_DIGITS significant digits of |value| (> 0, finite), as a
 * power of ten, taken after rounding: 0.00999999 rounds to 0.01000, not 0.010000 (a digit more
 * than its neighbours in a table). */
static double readout_floor(double value)
{
    double mag = fabs(value);
    int e = (int)floor(log10(mag));
    if (round(mag / pow(10.0, e - (RP_READOUT_DIGITS - 1))) >= pow(10.0, RP_READOUT_DIGITS)) e++;
    return pow(10.0, e - (RP_READOUT_DIGITS - 1));
}

void rp_format_readout(double value, double resolution, char *buf, int size)
{
    double floor_res = isfinite(value) && value != 0.0 ? readout_floor(value) : 0.0;
    if (isfinite(value) && value != 0.0 && (!(resolution > 0.0) || resolution > floor_res))
        resolution = floor_res;
    rp_format_value(value, resolution, buf, size);
}
