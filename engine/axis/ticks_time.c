/* ticks_time.c — time axes: relative seconds and wall clock (UTC or local time).
 *
 * Relative labels (x in seconds), one format per axis:
 *   step < 1 s    the step's unit: "0 s", "0.5 s" (steps 0.1-0.5 s), "250 ms", "0.5 ms",
 *                 "40 µs", "20 ns", "5 ps"; decimals as in the step, 0 is "0 <unit>".
 *                 When such a number would pass 6 characters, labels count from a round offset
 *                 shown in the annotation: "+3600 s" with labels "0 ms", "5 ms"...
 *   step >= 1 s   "15 s" while every |tick| < 60 s; "2 min" for minute steps while every
 *                 |tick| < 1 h; "3 h" for hour steps; "2 d" for day steps; otherwise the clock
 *                 form "H:MM:SS" ("0:01:30", "1:00:00", "-0:00:30", "100:00:00").
 * Wall-clock labels (Unix seconds; UTC, or local time through localtime_r):
 *   step < 1 s  "16:00:00.250" (decimals as in the step: .5, .25, .125 ...)
 *   1-30 s      "16:00:15"
 *   1 min-12 h  "16:15"
 *   days/weeks  "Nov 24" (weeks start on Monday, half months on the 1st and 15th);
 *   months      "Nov 2025"; years "2025"
 *   Below a day step: annotation "2025-11-24" when lo and hi fall on the same date. When the
 *   range crosses midnight but spans less than 24 h, the first tick and each tick on a new
 *   date carry the date ("Nov 24 23:59:50", "23:59:55", "Nov 25 00:00:00"); spans of 24 h or
 *   more put the date on every label ("Nov 24 12:00", "Nov 24 18:00", "Nov 25 00:00"), so
 *   labels never repeat. The annotation is then the year ("2025" or "2025-2026").
 *   Day/week steps: annotation is the year(s).
 * Ticks land on round wall-clock values in the chosen zone (every 15 s at :00, :15 ...; hours
 * at :00; days at midnight). Local time: ticks are placed on the local clock; across a DST
 * change the spacing is uneven by the shift, clock times skipped by the change get no tick,
 * and a repeated hour is ticked in both offsets (labels then repeat, e.g. "01:30" twice). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "axis/ticks.h"
#include "axis/ticks_internal.h"

/* ---------------------------------------------------------------------------------------------
 * Calendar (proleptic Gregorian, no time zone): days since 1970-01-01 <-> year, month, day
 * ------------------------------------------------------------------------------------------- */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Local clock minus UTC at Unix second t, in seconds (0 for UTC or when the zone is unknown).
 * Computed from localtime_r's fields, so it needs neither tm_gmtoff nor global state. */
static int64_t zone_offset(rp_time_mode mode, int64_t t)
{
    if (mode != RP_TIME_WALL_LOCAL) return 0;
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm)) return 0;
    int64_t local = days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
                    tm.tm_hour * 3600 + tm.tm_min * 60 + (tm.tm_sec > 59 ? 59 : tm.tm_sec);
    return local - t;
}

/* ---------------------------------------------------------------------------------------------
 * Steps
 * ------------------------------------------------------------------------------------------- */

/* Order matters: kinds up to STEP_HALF_MONTH are labelled with days, later ones with months. */
typedef enum step_kind {
    STEP_SUB,
    STEP_SEC,
    STEP_WEEK,
    STEP_HALF_MONTH,
    STEP_MONTH,
    STEP_YEAR
} step_kind;

typedef struct time_step {
    step_kind kind;
    int64_t m; /* SUB: m * 10^e s; SEC: m s; MONTH: m months; YEAR: m years */
    int e;
} time_step;

static const int64_t sec_steps[] = {1,   2,   5,    10,   15,   30,    60,    120,  300,
                                    600, 900, 1800, 3600, 7200, 10800, 21600, 43200};
#define SEC_STEP_COUNT ((int)(sizeof sec_steps / sizeof sec_steps[0]))
#define REL_SUB_MIN_E (-14)
#define WALL_SUB_MIN_E (-6)

/* The i-th candidate step, finest first; 0 past the end. */
static int step_at(bool wall, int i, time_step *s)
{
    static const int mant[3] = {1, 2, 5};
    int min_e = wall ? WALL_SUB_MIN_E : REL_SUB_MIN_E;
    int nsub = -min_e * 3;
    if (i < nsub) {
        *s = (time_step){STEP_SUB, mant[i % 3], min_e + i / 3};
        return 1;
    }
    i -= nsub;
    if (i < SEC_STEP_COUNT) {
        *s = (time_step){STEP_SEC, sec_steps[i], 0};
        return 1;
    }
    i -= SEC_STEP_COUNT;
    if (!wall) {
        if (i >= 30) /* up to 5e9 days */
            return 0;
        *s = (time_step){STEP_SEC, 86400 * mant[i % 3] * (int64_t)rp_ticks__pow10u(i / 3), 0};
        return 1;
    }
    static const time_step wall_steps[] = {
        {STEP_SEC, 86400, 0},    {STEP_SEC, 2 * 86400, 0}, {STEP_WEEK, 1, 0},
        {STEP_HALF_MONTH, 1, 0}, {STEP_MONTH, 1, 0},       {STEP_MONTH, 2, 0},
        {STEP_MONTH, 3, 0},      {STEP_MONTH, 6, 0},       {STEP_YEAR, 1, 0},
        {STEP_YEAR, 2, 0},       {STEP_YEAR, 5, 0},        {STEP_YEAR, 10, 0},
        {STEP_YEAR, 20, 0},      {STEP_YEAR, 50, 0},       {STEP_YEAR, 100, 0},
        {STEP_YEAR, 200, 0},     {STEP_YEAR, 500, 0},      {STEP_YEAR, 1000, 0},
    };
    if (i >= (int)(sizeof wall_steps / sizeof wall_steps[0])) return 0;
    *s = wall_steps[i];
    return 1;
}

static double step_seconds(const time_step *s)
{
    switch (s->kind) {
    case STEP_SUB: return (double)s->m * rp_ticks__pow10(s->e);
    case STEP_SEC: return (double)s->m;
    case STEP_WEEK: return 7.0 * 86400.0;
    case STEP_HALF_MONTH: return 1314873.0;
    case STEP_MONTH: return (double)s->m * 2629746.0; /* mean Gregorian month */
    case STEP_YEAR: return (double)s->m * 31556952.0;
    }
    return 0.0;
}

/* ---------------------------------------------------------------------------------------------
 * Relative time
 * ------------------------------------------------------------------------------------------- */

static uint64_t abs64(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

/* "H:MM:SS" for whole seconds (hours unbounded). */
static void fmt_clock(char *buf, size_t size, int64_t s)
{
    uint64_t a = abs64(s);
    snprintf(buf, size, "%s%llu:%02u:%02u", s < 0 ? "-" : "", (unsigned long long)(a / 3600),
             (unsigned)(a / 60 % 60), (unsigned)(a % 60));
}

/* Relative majors for one step; returns the count, or -1 when there would be too many. */
static int relative_majors(const rp_tick_ctx *ctx, const time_step *st, rp_tick_set *out)
{
    int e = st->kind == STEP_SUB ? st->e : 0;
    int64_t kmin;
    int n = rp_ticks__place_majors(ctx, st->m, e, step_seconds(st), out, &kmin);
    if (n <= 0) return n;
    int64_t nmin = kmin * st->m, nmax = (kmin + n - 1) * st->m;

    if (st->kind == STEP_SUB) {
        /* Unit: the largest of s, ms, µs, ns, ps that leaves at most one decimal. */
        static const char *const units[5] = {"s", "ms", "\xC2\xB5s", "ns", "ps"};
        int ui = 0;
        while (ui < 4 && -3 * ui - 1 > e) ui++;
        int unit_e = -3 * ui;
        uint64_t a = abs64(nmin) > abs64(nmax) ? abs64(nmin) : abs64(nmax);
        int digits = rp_ticks__digits(a), z = e - unit_e; /* printed: N * 10^z */
        int len = z >= 0 ? digits + z : (digits + z > 1 ? digits + z : 1) + 1 - z;
        int64_t offset = 0;
        if (len > 6) offset = rp_ticks__round_offset(nmin, nmax);
        for (int i = 0; i < n; i++) {
            char num[32];
            rp_ticks__fmt_fixed(num, sizeof num, (kmin + i) * st->m - offset, e - unit_e);
            snprintf(out->ticks[i].label, RP_TICK_LABEL_MAX, "%s %s", num, units[ui]);
        }
        if (offset != 0) {
            char num[32];
            rp_ticks__fmt_exact(num, sizeof num, offset, e);
            snprintf(out->annotation, RP_TICK_LABEL_MAX, "%s%s s", offset > 0 ? "+" : "", num);
        }
        return n;
    }

    /* Whole seconds: one unit when every tick is a whole number of it and small, else clock. */
    uint64_t amax = abs64(nmin) > abs64(nmax) ? abs64(nmin) : abs64(nmax);
    int64_t unit = 0;
    const char *name = "";
    if (st->m % 86400 == 0) {
        unit = 86400, name = "d";
    } else if (st->m % 3600 == 0) {
        unit = 3600, name = "h";
    } else if (st->m % 60 == 0 && amax < 3600) {
        unit = 60, name = "min";
    } else if (st->m < 60 && amax < 60) {
        unit = 1, name = "s";
    }
    for (int i = 0; i < n; i++) {
        int64_t v = (kmin + i) * st->m;
        if (unit)
            snprintf(out->ticks[i].label, RP_TICK_LABEL_MAX, "%lld %s", (long long)(v / unit),
                     name);
        else
            fmt_clock(out->ticks[i].label, RP_TICK_LABEL_MAX, v);
    }
    return n;
}

/* ---------------------------------------------------------------------------------------------
 * Wall clock
 * ------------------------------------------------------------------------------------------- */

typedef struct wall_range {
    rp_time_mode mode;
    int64_t off_lo, off_hi; /* zone offset (local clock - UTC) at lo and at hi */
    double llo, lhi;        /* lo and hi on the (local) clock, seconds */
} wall_range;

/* Appends the tick at clock second l (+ frac/10^dec s) read with zone offset off, if its
 * instant is inside the range. With check, the zone must really have that offset there (a
 * clock time skipped at a DST start is then dropped, a repeated one is kept once per offset).
 * Returns 0 when the tick array is full. */
static int wall_add(const rp_tick_ctx *ctx, const wall_range *wr, int64_t l, int64_t frac, int dec,
                    int64_t off, bool check, int64_t *clock, rp_tick_set *out)
{
    int64_t t = l - off;
    double v = (double)t + (dec > 0 ? (double)frac / rp_ticks__pow10(dec) : 0.0);
    if (v < ctx->lo || v > ctx->hi) return 1;
    if (check && zone_offset(wr->mode, t) != off) return 1;
    if (out->count >= RP_MAX_TICKS) return 0;
    rp_tick *tk = &out->ticks[out->count];
    tk->value = v;
    tk->major = true;
    tk->label[0] = '\0';
    clock[2 * out->count] = l;
    clock[2 * out->count + 1] = frac;
    out->count++;
    return 1;
}

/* Ticks from two offsets arrive as two sorted runs: sort them and drop equal instants. */
static void wall_sort(int64_t *clock, rp_tick_set *out)
{
    for (int i = 1; i < out->count; i++)
        for (int j = i; j > 0 && out->ticks[j].value < out->ticks[j - 1].value; j--) {
            rp_tick t = out->ticks[j];
            out->ticks[j] = out->ticks[j - 1];
            out->ticks[j - 1] = t;
            int64_t c0 = clock[2 * j], c1 = clock[2 * j + 1];
            clock[2 * j] = clock[2 * j - 2];
            clock[2 * j + 1] = clock[2 * j - 1];
            clock[2 * j - 2] = c0;
            clock[2 * j - 1] = c1;
        }
    int n = 0;
    for (int i = 0; i < out->count; i++) {
        if (n > 0 && out->ticks[i].value <= out->ticks[n - 1].value) continue;
        out->ticks[n] = out->ticks[i];
        clock[2 * n] = clock[2 * i];
        clock[2 * n + 1] = clock[2 * i + 1];
        n++;
    }
    out->count = n;
}

static int64_t month_index_of(int64_t l) /* months since year 0 of clock second l */
{
    int64_t y;
    int m, d;
    civil_from_days(rp_ticks__floor_div(l, 86400), &y, &m, &d);
    return y * 12 + (m - 1);
}

static int wall_majors(const rp_tick_ctx *ctx, const wall_range *wr, const time_step *st,
                       rp_tick_set *out)
{
    int64_t clock[2 * RP_MAX_TICKS]; /* per tick: clock second, fraction */
    int dec = st->kind == STEP_SUB ? -st->e : 0;
    double step = step_seconds(st);
    out->count = 0;
    out->step = step;
    out->annotation[0] = '\0';
    if ((wr->lhi - wr->llo) / step > RP_MAX_TICKS + 1) return -1;

    /* Ticks sit on round values of the local clock. Within one zone offset the clock is UTC
     * shifted by it; a range across a DST change is ticked once per offset, each pass keeping
     * only the instants where that offset holds. */
    bool two = wr->off_lo != wr->off_hi;
    for (int pass = 0; pass < (two ? 2 : 1); pass++) {
        int64_t off = pass ? wr->off_hi : wr->off_lo;
        double llo = ctx->lo + (double)off, lhi = ctx->hi + (double)off;
        if (st->kind == STEP_SUB || st->kind == STEP_SEC || st->kind == STEP_WEEK) {
            int64_t unit = st->kind == STEP_SUB ? (int64_t)rp_ticks__pow10u(dec) : 1;
            int64_t m = st->kind == STEP_WEEK ? 7 * 86400 : st->m;
            int64_t base = st->kind == STEP_WEEK ? 4 * 86400 : 0; /* 1970-01-05 was a Monday */
            double klo = floor((llo - (double)base) * (double)unit / (double)m) - 1.0;
            double khi = ceil((lhi - (double)base) * (double)unit / (double)m) + 1.0;
            for (int64_t k = (int64_t)klo; k <= (int64_t)khi; k++) {
                int64_t nunits = k * m + base * unit; /* clock position in 10^-dec s */
                int64_t l = rp_ticks__floor_div(nunits, unit);
                if (!wall_add(ctx, wr, l, nunits - l * unit, dec, off, two, clock, out)) return -1;
            }
        } else {
            int64_t months = st->kind == STEP_YEAR    ? 12 * st->m
                             : st->kind == STEP_MONTH ? st->m
                                                      : 1;
            int64_t first =
                rp_ticks__floor_div(month_index_of((int64_t)floor(llo)), months) * months;
            int64_t last = month_index_of((int64_t)floor(lhi));
            for (int64_t mi = first; mi <= last; mi += months) {
                int64_t y = rp_ticks__floor_div(mi, 12);
                int64_t l = days_from_civil(y, (int)(mi - y * 12) + 1, 1) * 86400;
                if (!wall_add(ctx, wr, l, 0, 0, off, two, clock, out)) return -1;
                if (st->kind == STEP_HALF_MONTH &&
                    !wall_add(ctx, wr, l + 14 * 86400, 0, 0, off, two, clock, out))
                    return -1; /* the 15th */
            }
        }
    }
    if (two) wall_sort(clock, out);
    if (out->count == 0) return 0;

    /* Labels, and the date where the axis needs it. */
    int64_t day_lo = rp_ticks__floor_div((int64_t)floor(wr->llo), 86400);
    int64_t day_hi = rp_ticks__floor_div((int64_t)floor(wr->lhi), 86400);
    /* Below a day the clock repeats only after 24 h: across midnight, the date on the first
     * tick and at each new day keeps labels distinct; over 24 h or more every label has it. */
    bool every_date = wr->lhi - wr->llo >= 86400.0;
    int64_t prev_day = INT64_MIN;
    for (int i = 0; i < out->count; i++) {
        int64_t l = clock[2 * i], frac = clock[2 * i + 1];
        int64_t day = rp_ticks__floor_div(l, 86400), sod = l - day * 86400;
        int64_t y;
        int mo, d;
        civil_from_days(day, &y, &mo, &d);
        int hh = (int)(sod / 3600), mm = (int)(sod / 60 % 60), ss = (int)(sod % 60);
        char date[16] = "";
        if (st->kind <= STEP_SEC && st->m < 86400 && day_lo != day_hi &&
            (day != prev_day || every_date))
            snprintf(date, sizeof date, "%s %d ", month_abbr[mo - 1], d);
        prev_day = day;
        char *label = out->ticks[i].label;
        if (st->kind == STEP_SUB)
            snprintf(label, RP_TICK_LABEL_MAX, "%s%02d:%02d:%02d.%0*lld", date, hh, mm, ss, dec,
                     (long long)frac);
        else if (st->kind == STEP_SEC && st->m < 60)
            snprintf(label, RP_TICK_LABEL_MAX, "%s%02d:%02d:%02d", date, hh, mm, ss);
        else if (st->kind == STEP_SEC && st->m < 86400)
            snprintf(label, RP_TICK_LABEL_MAX, "%s%02d:%02d", date, hh, mm);
        else if (st->kind <= STEP_HALF_MONTH)
            snprintf(label, RP_TICK_LABEL_MAX, "%s %d", month_abbr[mo - 1], d);
        else if (st->kind == STEP_MONTH)
            snprintf(label, RP_TICK_LABEL_MAX, "%s %lld", month_abbr[mo - 1], (long long)y);
        else
            snprintf(label, RP_TICK_LABEL_MAX, "%lld", (long long)y);
    }
    if (st->kind <= STEP_HALF_MONTH) {
        int64_t y0, y1;
        int mo0, d0, mo1, d1;
        civil_from_days(day_lo, &y0, &mo0, &d0);
        civil_from_days(day_hi, &y1, &mo1, &d1);
        if (day_lo == day_hi && st->kind <= STEP_SEC && st->m < 86400)
            snprintf(out->annotation, RP_TICK_LABEL_MAX, "%04lld-%02d-%02d", (long long)y0, mo0,
                     d0);
        else if (y0 == y1)
            snprintf(out->annotation, RP_TICK_LABEL_MAX, "%lld", (long long)y0);
        else
            snprintf(out->annotation, RP_TICK_LABEL_MAX, "%lld-%lld", (long long)y0, (long long)y1);
    }
    return out->count;
}

static int time_majors(const rp_tick_ctx *ctx, const wall_range *wr, bool wall, const time_step *st,
                       rp_tick_set *out)
{
    return wall ? wall_majors(ctx, wr, st, out) : relative_majors(ctx, st, out);
}

/* ---------------------------------------------------------------------------------------------
 * Public
 * ------------------------------------------------------------------------------------------- */

/* Falls back to plain numbers with a unit when a range is beyond what time labels express. */
static int numeric_fallback(const rp_tick_request *req, rp_tick_set *out)
{
    int n = rp_ticks_numeric(req, out);
    if (n > 0) {
        size_t len = strlen(out->annotation); /* at most ~25: "×1e-15 +1.2345e12" */
        if (len + 3 <= sizeof out->annotation)
            memcpy(out->annotation + len, len ? " s" : "s", len ? 3 : 2);
    }
    return n;
}

int rp_ticks_time(const rp_tick_request *req, rp_time_mode mode, rp_tick_set *out)
{
    rp_tick_ctx ctx;
    if (rp_ticks__begin(req, out, &ctx) != 0) return 0;
    bool wall = mode == RP_TIME_WALL_UTC || mode == RP_TIME_WALL_LOCAL;
    double lo = fmin(req->lo, req->hi), hi = fmax(req->lo, req->hi);
    double mag = fmax(fabs(lo), fabs(hi));
    if (mag > (wall ? 2.5e11 : 1e13)) /* past year ~9900, or ~300,000 years of seconds */
        return numeric_fallback(req, out);
    if (wall) {
        double min_span = fmax(1e-5, mag * 2e-14); /* a few ulps of a Unix time in seconds */
        if (hi - lo < min_span) {
            double c = lo + (hi - lo) * 0.5, half = hi == lo ? 30.0 : min_span * 0.5;
            lo = c - half;
            hi = c + half;
        }
    } else {
        rp_ticks__numeric_range(lo, hi, &lo, &hi);
        if (hi - lo < 1e-12) {
            double c = lo + (hi - lo) * 0.5;
            lo = c - 0.5e-12;
            hi = c + 0.5e-12;
        }
    }
    rp_ticks__set_range(&ctx, out, lo, hi);

    wall_range wr = {mode, 0, 0, lo, hi};
    if (wall) {
        wr.off_lo = zone_offset(mode, (int64_t)floor(lo));
        wr.off_hi = zone_offset(mode, (int64_t)floor(hi));
        wr.llo = lo + (double)wr.off_lo;
        wr.lhi = hi + (double)wr.off_hi;
    }

    double smin = ctx.span * ctx.floor_px / ctx.axis_px;
    time_step st, last = {STEP_SUB, 0, 0};
    int first = -1;
    for (int i = 0; step_at(wall, i, &st); i++) {
        if (step_seconds(&st) < smin * (1.0 - 1e-9)) continue;
        if (first < 0) first = i;
        int n = time_majors(&ctx, &wr, wall, &st, out);
        if (n < 0) continue;
        if (n >= 2 && rp_ticks__labels_fit(&ctx, out)) return n;
        if (n >= 2) {
            last = st;
            continue;
        }
        /* Time steps grow by up to 4x (a week to half a month), so the preferred density can
         * leave one tick or none: a finer step with two fitting labels is better. */
        for (int j = first - 1; j >= 0 && step_at(wall, j, &st); j--) {
            int m = time_majors(&ctx, &wr, wall, &st, out);
            if (m >= 2 && rp_ticks__labels_fit(&ctx, out)) return m;
            if (m >= 0 && m < 2)
                break; /* finer steps only get denser; this one is already too sparse */
        }
        if (n == 1) {
            step_at(wall, i, &st);
            return time_majors(&ctx, &wr, wall, &st, out);
        }
        if (last.m == 0) break;
        /* Every step overlaps or misses the range: one tick of the last step that had any. */
        time_majors(&ctx, &wr, wall, &last, out);
        out->ticks[0] = out->ticks[out->count / 2];
        out->count = 1;
        return 1;
    }
    if (out->count == 0) return numeric_fallback(req, out);
    return out->count; /* the coarsest step still overlapped: best effort */
}
