/* Piecewise-uniform series (rp_push_segment): x of every sample, x -> index lookups, gaps drawn
 * as breaks, M4 columns against brute force on the same grid, no jitter while following live,
 * and the bounded segment table (early expiry when full, counted). */
#include <math.h>
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

enum { MAXN = 40000 };
static float vals[MAXN];
static double xs[MAXN];
static bool gap_at[MAXN];
static int64_t nsh;

/* Pushes n samples of value base + k into s and the shadow, x following the given segment. */
static void push_run(rp_series *s, int64_t n, double t0, double rate, bool gap)
{
    float buf[MAXN];
    for (int64_t k = 0; k < n; k++) {
        buf[k] = (float)((nsh + k) % 97) - 40.0f;
        vals[nsh + k] = buf[k];
        xs[nsh + k] = t0 + (double)k / rate;
        gap_at[nsh + k] = gap && k == 0;
    }
    RP_CHECK(rp_push(s, buf, n) == RP_OK);
    nsh += n;
}

static void test_basics(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.capacity = 1000, .rate = 10, .t0 = 5}, &s) == RP_OK);
    /* a segment set before the first sample decides that sample's x */
    RP_CHECK(rp_push_segment(s, 100.0, 2.0) == RP_OK);
    RP_CHECK(rp_push(s, (float[3]){1, 2, 3}, 3) == RP_OK);
    double a, b;
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_OK && a == 100.0 && b == 101.0);
    /* older than the last sample: refused and counted, nothing changes */
    RP_CHECK(rp_push_segment(s, 100.5, 4.0) == RP_ERR_OUT_OF_ORDER);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).segments_refused, 1);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).rejected, 0);
    RP_CHECK(rp_push_segment(s, NAN, 4.0) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_push_segment(s, 200, 0) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_push_segment(NULL, 200, 1) == RP_ERR_INVALID_ARG);
    /* a pending segment replaced before any sample leaves no trace */
    RP_CHECK(rp_push_segment(s, 150, 1) == RP_OK);
    RP_CHECK(rp_push_segment(s, 101.0, 4.0) == RP_OK); /* equal to the last x: allowed */
    RP_CHECK(rp_push(s, (float[2]){4, 5}, 2) == RP_OK);
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_OK && b == 101.25);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).segments, 2);
    /* an exact continuation (what the next sample would get anyway) adds no segment */
    RP_CHECK(rp_push_segment(s, 101.0 + 2.0 / 4.0, 4.0) == RP_OK);
    RP_CHECK(rp_push(s, (float[1]){6}, 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).segments, 2);
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_OK && b == 101.5);
    int64_t idx;
    double sx;
    float v;
    RP_CHECK(rp_series_sample_near(s, 101.2, &idx, &sx, &v) == RP_OK && idx == 4 && sx == 101.25 &&
             v == 5);
    RP_CHECK(rp_series_sample_near(s, 101.45, &idx, &sx, &v) == RP_OK && idx == 5 && sx == 101.5 &&
             v == 6);
    RP_CHECK(rp_series_sample_near(s, 100.6, &idx, &sx, &v) == RP_OK && idx == 1 && sx == 100.5);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(s, 101.0, 101.0, &lo, &hi, &found) == RP_OK && found && lo == 3 &&
             hi == 4);
    rp_series_destroy(s);

    rp_series *t;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.timestamps = true}, &t) == RP_OK);
    RP_CHECK(rp_push_segment(t, 1, 1) == RP_ERR_UNSUPPORTED);
    rp_series_destroy(t);
}

static bool same_float(float a, float b) { return (isnan(a) && isnan(b)) || a == b; }

/* Checks one decimation against the shadow: contiguous columns covering the view, each
 * column's M4 equal to a scan of its samples, gaps marked where the segments left one. */
static int check(const rp_decimation *r, double x0, double x1, int64_t lo)
{
    int bad = 0;
    int64_t a = lo, b = lo;
    while (a < nsh && xs[a] < x0) a++;
    b = a;
    while (b < nsh && xs[b] <= x1) b++;
    int64_t next = -1; /* next sample index expected */
    for (int j = 0; j < r->count; j++) {
        const rp_m4 *e = &r->out[j];
        if (r->raw && (e->flags & RP_M4_GAP)) {
            bad += e->start != e->end || !gap_at[e->start] || !isnan(e->first);
            continue;
        }
        if (next >= 0) bad += e->start != next;
        next = e->end;
        if (e->start == e->end) continue;
        float mn = INFINITY, mx = -INFINITY;
        for (int64_t i = e->start; i < e->end; i++) {
            if (vals[i] < mn) mn = vals[i];
            if (vals[i] > mx) mx = vals[i];
        }
        bool gap = gap_at[e->start] && e->start > lo;
        bad += e->min != mn || e->max != mx || e->first_x != xs[e->start] ||
               e->last_x != xs[e->end - 1];
        bad += e->last != vals[e->end - 1];
        if (r->raw) {
            bad += e->end != e->start + 1 || !same_float(e->first, vals[e->start]);
            /* the gap entry comes right before */
            bad += gap != (j > 0 ? (r->out[j - 1].flags & RP_M4_GAP) != 0 : false) && j > 0;
        } else {
            bad += gap != ((e->flags & RP_M4_GAP) != 0);
            bad += gap ? !isnan(e->first) : e->first != vals[e->start];
            /* every sample of the column lies in its x range (to rounding) */
            double c0 = (double)(r->first_column + j) * r->column_dx + 5.0;
            double eps = 1e-9 * fabs(c0) + 1e-12;
            bad += xs[e->start] < c0 - eps || xs[e->end - 1] >= c0 + r->column_dx + eps;
        }
    }
    if (r->count > 0 && !r->raw) bad += r->out[0].start > a || r->out[r->count - 1].end < b;
    if (r->raw) bad += next >= 0 && (next != b);
    if (bad)
        fprintf(stderr, "view [%.9g, %.9g] raw %d count %d: %d bad\n", x0, x1, r->raw, r->count,
                bad);
    return bad;
}

static void test_decimation_against_scan(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.capacity = MAXN, .rate = 10, .t0 = 5}, &s) == RP_OK);
    nsh = 0;
    /* initial segment, then faster and slower runs, contiguous and after gaps */
    push_run(s, 5000, 5.0, 10, false);
    double x = xs[nsh - 1];
    struct {
        double dt, rate;
        int64_t n;
    } plan[] = {
        {0.1, 10, 3000},   /* contiguous re-estimate: same period, no gap */
        {0.1, 33.3, 4000}, /* faster, contiguous */
        {7.0, 33.3, 2500}, /* silence: gap */
        {0.03, 9.1, 1},    /* a one-sample segment, contiguous (1.5 periods of 33.3 Hz = 0.045) */
        {50, 9.1, 7000},   /* gap */
        {0.0, 100, 3000},  /* same x as the last sample: allowed, contiguous */
    };
    for (size_t p = 0; p < sizeof plan / sizeof plan[0]; p++) {
        double prev_rate = p == 0 ? 10 : plan[p - 1].rate;
        double t0 = x + plan[p].dt;
        RP_CHECK(rp_push_segment(s, t0, plan[p].rate) == RP_OK);
        push_run(s, plan[p].n, t0, plan[p].rate, plan[p].dt > 1.5 / prev_rate);
        x = xs[nsh - 1];
    }
    RP_CHECK_EQ_INT(rp_series_stats_get(s).segments,
                    6); /* the first re-estimate continues exactly */
    RP_CHECK(gap_at[12000] && gap_at[14501] && !gap_at[8000] && !gap_at[14500] && !gap_at[21501]);
    static rp_m4 buf[5000];
    int bad = 0, views = 0;
    uint32_t r = 99;
    double lo_x = xs[0], hi_x = xs[nsh - 1];
    for (int q = 0; q < 3000; q++) {
        r = r * 1664525u + 1013904223u;
        double u0 = (double)(r >> 8) / 16777216.0;
        r = r * 1664525u + 1013904223u;
        double u1 = (double)(r >> 8) / 16777216.0;
        double x0 = lo_x - 10 + u0 * (hi_x - lo_x + 20);
        double span = q % 3 == 0 ? u1 * 2 : q % 3 == 1 ? u1 * 200 : u1 * (hi_x - lo_x);
        int width = 1 + (int)(r % 1500);
        rp_decimation d = {.out = buf, .out_capacity = width + 2};
        if (rp_decimate(s, x0, x0 + span + 1e-6, width, &d) != RP_OK) {
            bad++;
            continue;
        }
        bad += d.count > width + 2;
        bad += check(&d, x0, x0 + span + 1e-6, 0);
        views++;
    }
    RP_CHECK_MSG(bad == 0, "%d of %d views wrong", bad, views);
    /* a gap mid-view in raw mode: one gap entry, the line breaks */
    rp_decimation d = {.out = buf, .out_capacity = 102};
    RP_CHECK(rp_decimate(s, xs[11995], xs[12004] + 1e-9, 100, &d) == RP_OK && d.raw);
    RP_CHECK_EQ_INT(d.count, 11);
    RP_CHECK((d.out[5].flags & RP_M4_GAP) && isnan(d.out[5].first) && d.out[5].start == 12000);
    RP_CHECK(d.out[5].first_x > xs[11999] && d.out[5].first_x < xs[12000]);
    rp_series_destroy(s);
}

/* Following live across segment changes: a column that stays in view keeps its samples. */
static void test_no_jitter(void)
{
    enum { W = 500 };
    static rp_m4 prev[W + 2], cur[W + 2];
    rp_series *s;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.capacity = 1 << 20, .rate = 1000, .t0 = 1.7e9}, &s) ==
        RP_OK);
    static float data[1000];
    for (int i = 0; i < 1000; i++) data[i] = (float)sin(i * 0.01) + (float)(i % 13) * 0.1f;
    int64_t prev_first = 0, prev_count = 0;
    int mismatched = 0, compared = 0;
    double t = 1.7e9;
    for (int frame = 0; frame < 200; frame++) {
        if (frame % 10 == 5) { /* the ingest re-estimates the rate, sometimes after a silence */
            double x0, x1;
            rp_series_x_extent(s, &x0, &x1);
            double rate = 900 + frame;
            t = x1 + (frame % 20 == 5 ? 2.5 : 1.0 / rate);
            RP_CHECK(rp_push_segment(s, t, rate) == RP_OK);
        }
        rp_push(s, data, 1000);
        double x0, x1;
        RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK);
        rp_decimation r = {.out = cur, .out_capacity = W + 2};
        RP_CHECK(rp_decimate(s, x1 - 30.0, x1, W, &r) == RP_OK);
        if (frame > 0) {
            for (int j = 0; j + 1 < r.count; j++) { /* the newest column is still filling */
                int64_t k = r.first_column + j, pj = k - prev_first;
                if (pj < 0 || pj + 1 >= prev_count) continue;
                compared++;
                const rp_m4 *a = &cur[j], *b = &prev[pj];
                mismatched += a->start != b->start || a->end != b->end || a->min != b->min ||
                              a->max != b->max || a->flags != b->flags;
            }
        }
        memcpy(prev, cur, sizeof cur);
        prev_first = r.first_column;
        prev_count = r.count;
    }
    RP_CHECK_MSG(mismatched == 0, "%d of %d columns moved", mismatched, compared);
    RP_CHECK(compared > 10000);
    rp_series_destroy(s);
}

/* A full segment table drops the oldest segment with its samples: counted, x stays right. */
static void test_table_full(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 1000, .max_segments = 4}, &s) ==
                    RP_OK);
    RP_CHECK_EQ_INT(rp_series_get_desc(s).max_segments, 4);
    float v[10];
    for (int i = 0; i < 10; i++) v[i] = (float)i;
    for (int k = 0; k < 10; k++) {
        if (k > 0) RP_CHECK(rp_push_segment(s, 100.0 * k, 1.0) == RP_OK);
        RP_CHECK(rp_push(s, v, 10) == RP_OK);
    }
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.segments, 4);
    RP_CHECK_EQ_INT(st.accepted, 100);
    RP_CHECK_EQ_INT(st.retained, 40);
    RP_CHECK_EQ_INT(st.expired, 60);
    RP_CHECK_EQ_INT(st.expired_early, 60);
    double a, b;
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_OK && a == 600.0 && b == 909.0);
    int64_t idx;
    double sx;
    float val;
    RP_CHECK(rp_series_sample_near(s, 0, &idx, &sx, &val) == RP_OK && idx == 60 && sx == 600.0);
    /* default table sizes */
    rp_series *d;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 1 << 20}, &d) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_get_desc(d).max_segments, 256);
    rp_series_destroy(d);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 1 << 23}, &d) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_get_desc(d).max_segments, 1024);
    rp_series_destroy(d);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 10}, &d) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_get_desc(d).max_segments, 11);
    rp_series_destroy(d);
    RP_CHECK(rp_series_create(&(rp_series_desc){.max_segments = -1}, &d) == RP_ERR_INVALID_ARG);
    rp_series_destroy(s);
}

int main(void)
{
    test_basics();
    test_decimation_against_scan();
    test_no_jitter();
    test_table_full();
    return rp_test_finish();
}
