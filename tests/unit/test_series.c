/* Series store: defaults, fixed memory, retention and expiry counts, irregular timestamps,
 * misuse reported as errors. */
#include <math.h>
#include <string.h>

#include "core/series_internal.h"
#include "ringplot.h"
#include "rp_test.h"

static void test_defaults_and_misuse(void)
{
    rp_series *s = NULL;
    RP_CHECK(rp_series_create(NULL, &s) == RP_OK && s);
    rp_series_desc d = rp_series_get_desc(s);
    RP_CHECK_EQ_INT(d.capacity, 1 << 20);
    RP_CHECK(d.rate == 1.0 && d.t0 == 0.0 && !d.timestamps);
    RP_CHECK(strcmp(d.name, "series") == 0);
    RP_CHECK(rp_push(s, NULL, 3) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_push(s, NULL, 0) == RP_OK);
    RP_CHECK(rp_push(NULL, (float[1]){1}, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_push_timed(s, (double[1]){1}, (float[1]){1}, 1) == RP_ERR_UNSUPPORTED);
    double a, b;
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_ERR_INVALID_ARG); /* empty */
    rp_series_destroy(s);
    rp_series_destroy(NULL);

    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = -5}, &s) == RP_ERR_INVALID_ARG);
    RP_CHECK(s == NULL);
    RP_CHECK(rp_series_create(&(rp_series_desc){.rate = -1}, &s) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_create(&(rp_series_desc){.rate = NAN}, &s) == RP_ERR_INVALID_ARG);
    char long_name[RP_NAME_MAX + 10];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    RP_CHECK(rp_series_create(&(rp_series_desc){.name = long_name}, &s) == RP_ERR_LIMIT);
    RP_CHECK(rp_series_create(&(rp_series_desc){0}, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK(strcmp(rp_status_string(RP_ERR_LIMIT), "limit exceeded") == 0);
    /* The release this is (CHANGELOG): header and library agree. */
    RP_CHECK(strcmp(rp_version(), "0.3.0") == 0 && strcmp(RINGPLOT_VERSION_STRING, "0.3.0") == 0);
    RP_CHECK_EQ_INT(RINGPLOT_VERSION, 300);
}

static void test_memory_bound(void)
{
    const int64_t caps[] = {1, 31, 32, 1000, 4096, 65536, 1 << 20, 10000019};
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        rp_series *s;
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = caps[c]}, &s) == RP_OK);
        rp_series_stats st = rp_series_stats_get(s);
        double per_sample = (double)st.bytes / (double)caps[c];
        /* the fixed part (the series object, ~2 KB) is amortised from 64 Ki samples up */
        if (caps[c] >= 65536)
            RP_CHECK_MSG(per_sample <= 4.5, "capacity %lld: %.3f bytes/sample", (long long)caps[c],
                         per_sample);
        RP_CHECK(st.bytes >= caps[c] * 4);
        /* pushing never changes the memory */
        float buf[1000];
        for (int i = 0; i < 1000; i++) buf[i] = (float)i;
        for (int i = 0; i < 30; i++) rp_push(s, buf, 1000);
        RP_CHECK_EQ_INT(rp_series_stats_get(s).bytes, st.bytes);
        rp_series_destroy(s);
    }
}

static void test_retention(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 100, .rate = 10, .t0 = 5}, &s) ==
                    RP_OK);
    float buf[250];
    for (int i = 0; i < 250; i++) buf[i] = (float)i;
    RP_CHECK(rp_push(s, buf, 250) == RP_OK);
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.pushed, 250);
    RP_CHECK_EQ_INT(st.accepted, 250);
    RP_CHECK_EQ_INT(st.retained, 100);
    RP_CHECK_EQ_INT(st.expired, 150);
    RP_CHECK_EQ_INT(st.rejected, 0);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x0, 5 + 150 / 10.0, 1e-12);
    RP_CHECK_NEAR(x1, 5 + 249 / 10.0, 1e-12);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(s, 0, 1e9, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(lo == 150 && hi == 249);
    RP_CHECK(rp_series_y_range(s, 5 + 200 / 10.0, 5 + 210 / 10.0, &lo, &hi, &found) == RP_OK);
    RP_CHECK(found && lo == 200 && hi == 210);
    RP_CHECK(rp_series_y_range(s, -100, 0, &lo, &hi, &found) == RP_OK && !found);
    int64_t idx;
    double sx;
    float v;
    RP_CHECK(rp_series_sample_near(s, 5 + 200.04 / 10.0 * 1.0, &idx, &sx, &v) == RP_OK);
    RP_CHECK_EQ_INT(idx, 200);
    RP_CHECK(v == 200.0f);
    RP_CHECK(rp_series_sample_near(s, -1e9, &idx, &sx, &v) == RP_OK && idx == 150);
    RP_CHECK(rp_series_sample_near(s, 1e9, &idx, &sx, &v) == RP_OK && idx == 249);
    rp_series_destroy(s);
}

static void test_nan_inf_ranges(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 4096}, &s) == RP_OK);
    float buf[2000];
    for (int i = 0; i < 2000; i++) buf[i] = (float)(i % 50) - 10.0f;
    buf[100] = INFINITY;
    buf[700] = -INFINITY;
    for (int i = 1000; i < 1500; i++) buf[i] = NAN;
    rp_push(s, buf, 2000);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(s, 0, 2000, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(lo == -10 && hi == 39); /* Inf does not poison, NaN ignored */
    RP_CHECK(rp_series_y_range(s, 1000, 1499, &lo, &hi, &found) == RP_OK && !found);
    rp_series_destroy(s);
}

static void test_timestamps(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 64, .timestamps = true}, &s) ==
                    RP_OK);
    double t[8] = {1.0, 2.0, 2.0, 1.5, NAN, 3.0, INFINITY, 4.0};
    float v[8] = {10, 20, 21, 15, 0, 30, 0, 40};
    RP_CHECK(rp_push_timed(s, t, v, 8) == RP_ERR_OUT_OF_ORDER);
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.accepted, 5);
    RP_CHECK_EQ_INT(st.rejected, 3);
    RP_CHECK_EQ_INT(st.pushed, 8);
    RP_CHECK(rp_push(s, v, 1) == RP_ERR_UNSUPPORTED);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK && x0 == 1.0 && x1 == 4.0);
    int64_t idx;
    double sx;
    float val;
    RP_CHECK(rp_series_sample_near(s, 2.9, &idx, &sx, &val) == RP_OK && sx == 3.0 && val == 30);
    /* after out-of-order, a later good sample still goes in */
    RP_CHECK(rp_push_timed(s, (double[1]){4.0}, (float[1]){41}, 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).accepted, 6);
    rp_series_destroy(s);
}

/* After 10^10 samples the picture is as steady as after 10^3: scrolling the view by arbitrary
 * amounts, every grid column that stays in view keeps exactly the same samples and M4 values. */
static void test_no_jitter_at_huge_index(void)
{
    const int64_t starts[] = {1000, 10000000000LL};
    enum { W = 800, N = 200000 };
    static rp_m4 prev[W + 2], cur[W + 2];
    static float data[N];
    for (int i = 0; i < N; i++) data[i] = (float)sin(i * 0.001) + (float)((i * 7919) % 101) * 0.01f;
    for (int si = 0; si < 2; si++) {
        rp_series *s;
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = N,
                                                           .rate = 1000,
                                                           .t0 = 1.7e9,
                                                           .first_index = starts[si]},
                                         &s) == RP_OK);
        RP_CHECK(rp_push(s, data, N) == RP_OK);
        RP_CHECK_EQ_INT(rp_series_stats_get(s).accepted, N);
        double xa, xb;
        RP_CHECK(rp_series_x_extent(s, &xa, &xb) == RP_OK);
        RP_CHECK_NEAR(xa, 1.7e9 + (double)starts[si] / 1000, 1e-6);
        double span = 120.0; /* 120 000 samples in 800 columns */
        int64_t prev_first = 0, prev_count = 0;
        int mismatched = 0, compared = 0;
        for (int frame = 0; frame < 40; frame++) {
            double x1 = xa + 150.0 + frame * 0.7331; /* not a multiple of the column width */
            double x0 = x1 - span;
            rp_decimation r = {.out = cur, .out_capacity = W + 2};
            RP_CHECK(rp_decimate(s, x0, x1, W, &r) == RP_OK && !r.raw);
            if (frame > 0) {
                for (int j = 0; j < r.count; j++) {
                    int64_t k = r.first_column + j, pj = k - prev_first;
                    if (pj < 0 || pj >= prev_count) continue;
                    compared++;
                    const rp_m4 *a = &cur[j], *b = &prev[pj];
                    mismatched += a->start != b->start || a->end != b->end || a->min != b->min ||
                                  a->max != b->max || a->min_i != b->min_i || a->max_i != b->max_i;
                }
            }
            memcpy(prev, cur, sizeof cur);
            prev_first = r.first_column;
            prev_count = r.count;
        }
        RP_CHECK_MSG(mismatched == 0, "start %lld: %d of %d columns moved", (long long)starts[si],
                     mismatched, compared);
        RP_CHECK(compared > 20000);
        rp_series_destroy(s);
    }
}

/* A push that overlaps another push (a second producer) is refused and changes nothing. */
static void test_overlapping_push_refused(void)
{
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 100}, &s) == RP_OK);
    float v[3] = {1, 2, 3};
    RP_CHECK(rp_push(s, v, 3) == RP_OK);
    atomic_store(&s->pushing, true); /* as if another thread were inside rp_push */
    RP_CHECK(rp_push(s, v, 3) == RP_ERR_WRONG_THREAD);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).accepted, 3);
    atomic_store(&s->pushing, false);
    RP_CHECK(rp_push(s, v, 3) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_stats_get(s).accepted, 6);
    RP_CHECK(strcmp(rp_status_string(RP_ERR_WRONG_THREAD),
                    "called from a second thread at the same time") == 0);
    rp_series_destroy(s);
}

/* A unit is copied, bounded like a name, and read back. */
static void test_unit(void)
{
    rp_series *s;
    char unit[8] = "degC";
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.unit = unit}, &s) == RP_OK);
    unit[0] = 'X'; /* copied: the caller's string may change */
    RP_CHECK(strcmp(rp_series_unit(s), "degC") == 0);
    RP_CHECK(strcmp(rp_series_get_desc(s).unit, "degC") == 0);
    rp_series_destroy(s);
    RP_REQUIRE_VOID(rp_series_create(NULL, &s) == RP_OK);
    RP_CHECK(strcmp(rp_series_unit(s), "") == 0);
    rp_series_destroy(s);
    RP_CHECK(strcmp(rp_series_unit(NULL), "") == 0);
    char long_unit[RP_NAME_MAX + 1];
    memset(long_unit, 'u', RP_NAME_MAX);
    long_unit[RP_NAME_MAX] = 0;
    RP_CHECK(rp_series_create(&(rp_series_desc){.unit = long_unit}, &s) == RP_ERR_LIMIT);
}

/* Timestamps are kept as whole microseconds (64-bit base per segment + 32-bit offsets): exact to
 * the microsecond over ten years, across gaps of hours (new segments), and an absurd timestamp
 * is refused without blocking the series. */
static void test_timestamp_exactness(void)
{
    enum { N = 20000 };
    static double x[N];
    static float v[N];
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = N, .timestamps = true}, &s) ==
                    RP_OK);
    uint64_t r = 88172645463325252ull;
    int64_t us = 1700000000000000LL; /* 2023-11 in µs */
    const int64_t ten_years = 315576000000000LL;
    for (int i = 0; i < N; i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        /* µs steps, some of hours (> 2^32 µs), spread over ten years */
        int64_t step = i % 1000 == 999 ? (int64_t)(r % 20000000000ULL) : (int64_t)(r % 3000000) + 1;
        if (i == N - 1) step = 1700000000000000LL + ten_years - us;
        us += step;
        x[i] = (double)us / 1e6 + (i % 2 ? 0.3e-6 : 0); /* odd ones between two µs: rounded */
        v[i] = (float)i;
    }
    RP_CHECK(rp_push_timed(s, x, v, N) == RP_OK);
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.accepted, N);
    RP_CHECK(st.segments > 10);
    int exact = 0, within = 0;
    for (int i = 0; i < N; i++) {
        int64_t idx;
        double sx;
        float val;
        if (rp_series_sample_near(s, x[i], &idx, &sx, &val) != RP_OK || idx != i) continue;
        double want = nearbyint(x[i] * 1e6) / 1e6;
        exact += sx == want;
        within += fabs(sx - x[i]) <= 0.5e-6 + 1e-15 * x[i];
    }
    RP_CHECK_EQ_INT(exact, N);
    RP_CHECK_EQ_INT(within, N);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK);
    RP_CHECK(x1 - x0 > 9.99 * 365.25 * 86400);
    /* absurd: refused and counted; the series goes on */
    RP_CHECK(rp_push_timed(s, (double[3]){1e300, x[N - 1] + 1, -1e300}, (float[3]){1, 2, 3}, 3) ==
             RP_ERR_OUT_OF_ORDER);
    st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.accepted, N + 1);
    RP_CHECK_EQ_INT(st.rejected, 2);
    rp_series_destroy(s);

    /* a slow stream (one sample every two hours) needs a segment per sample: with the default
     * table the oldest expire early, counted, and x stays exact */
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 1000, .timestamps = true}, &s) ==
                    RP_OK);
    int64_t segs = rp_series_get_desc(s).max_segments;
    RP_CHECK_EQ_INT(segs, 1000 / 256 + 16);
    for (int i = 0; i < 100; i++) {
        double t = 1.7e9 + 7200.0 * i;
        RP_CHECK(rp_push_timed(s, &t, &(float){(float)i}, 1) == RP_OK);
    }
    st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.retained, segs);
    RP_CHECK_EQ_INT(st.expired_early, 100 - segs);
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK && x0 == 1.7e9 + 7200.0 * (100 - segs) &&
             x1 == 1.7e9 + 7200.0 * 99);
    rp_series_destroy(s);

    /* another resolution: x in milliseconds kept to the microsecond */
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.timestamps = true, .time_resolution = 1e-3},
                                     &s) == RP_OK);
    RP_CHECK(rp_push_timed(s, (double[2]){1700000000000.001, 1700000000000.0024}, (float[2]){1, 2},
                           2) == RP_OK);
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK && x0 == 1700000000000.001 &&
             x1 == 1700000000000.002);
    rp_series_destroy(s);
    RP_CHECK(rp_series_create(&(rp_series_desc){.timestamps = true, .time_resolution = -1}, &s) ==
             RP_ERR_INVALID_ARG);
}

/* A series over the caller's strided buffer: reads it in place, keeps only the pyramid. */
static void test_borrowed(void)
{
    typedef struct reading {
        double when;
        float value;
        float spare;
    } reading; /* stride 16 */
    enum { CAP = 1000 };
    static reading ring[CAP];
    rp_series *s;
    rp_series_desc d = {
        .capacity = CAP,
        .rate = 10,
        .borrow = {
            .data = &ring[0].value, .offset = 990, .stride = sizeof(reading), .write_ahead = 50}};
    RP_REQUIRE_VOID(rp_series_create(&d, &s) == RP_OK);
    RP_CHECK(rp_series_stats_get(s).bytes < (int64_t)sizeof ring); /* no copy of the samples */
    RP_CHECK(rp_push(s, (float[1]){1}, 1) == RP_ERR_UNSUPPORTED);
    RP_CHECK(rp_series_commit(s, CAP + 1) == RP_ERR_INVALID_ARG);
    int64_t written = 0;
    for (int round = 0; round < 70; round++) { /* 2100 samples: two laps of the ring */
        for (int k = 0; k < 30; k++, written++)
            ring[(990 + written) % CAP].value = (float)(written % 777);
        RP_CHECK(rp_series_commit(s, 30) == RP_OK);
    }
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.accepted, 2100);
    RP_CHECK_EQ_INT(st.retained, CAP - 50); /* the write-ahead slots are never read */
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(s, 115.0, 125.0, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(lo == (float)(1150 % 777) && hi == (float)(1250 % 777) - 0 && lo == 373 && hi == 473);
    int64_t idx;
    double sx;
    float v;
    RP_CHECK(rp_series_sample_near(s, 200.0, &idx, &sx, &v) == RP_OK && idx == 2000 &&
             v == (float)(2000 % 777));
    rp_series_destroy(s);
    rp_series_destroy(NULL);
    RP_CHECK(rp_series_commit(NULL, 1) == RP_ERR_INVALID_ARG);
    RP_REQUIRE_VOID(rp_series_create(NULL, &s) == RP_OK);
    RP_CHECK(rp_series_commit(s, 1) == RP_ERR_UNSUPPORTED);
    rp_series_destroy(s);
    /* misuse: no capacity, misaligned stride, offset outside, timestamps */
    RP_CHECK(rp_series_create(&(rp_series_desc){.borrow = {.data = &ring[0].value}}, &s) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_create(
                 &(rp_series_desc){.capacity = 10, .borrow = {.data = &ring[0].value, .stride = 6}},
                 &s) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = 10,
                                                .borrow = {.data = &ring[0].value, .offset = 10}},
                              &s) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = 10,
                                                .timestamps = true,
                                                .borrow = {.data = &ring[0].value}},
                              &s) == RP_ERR_UNSUPPORTED);
}

/* M4 columns over a strided borrowed ring that has wrapped: the raw edge scans and the descent
 * to each extreme's sample (decimate.c: acc_raw, ram_find) walk slots with the caller's stride
 * and across the ring's end; every column must equal a brute-force scan, first occurrence of a
 * tied min or max included. */
static void test_borrowed_decimate(void)
{
    typedef struct reading {
        double when;
        float value;
        float spare;
    } reading; /* stride 16 */
    enum { CAP = 1000, AHEAD = 50, WRITTEN = 2300 };
    static reading ring[CAP];
    static float shadow[WRITTEN];
    rp_series *s;
    rp_series_desc d = {.capacity = CAP,
                        .borrow = {.data = &ring[0].value,
                                   .offset = 990,
                                   .stride = sizeof(reading),
                                   .write_ahead = AHEAD}};
    RP_REQUIRE_VOID(rp_series_create(&d, &s) == RP_OK);
    for (int64_t w = 0; w < WRITTEN; w++) {
        shadow[w] = (float)((w * 37) % 101) - 50.0f; /* ties every 101 samples */
        ring[(990 + w) % CAP].value = shadow[w];
        if (w % 100 == 99) RP_CHECK(rp_series_commit(s, 100) == RP_OK);
    }
    int64_t lo = WRITTEN - (CAP - AHEAD);
    static rp_m4 out[66];
    for (int width = 1; width <= 64; width *= 4) {
        rp_decimation r = {.out = out, .out_capacity = 66};
        RP_REQUIRE_VOID(rp_decimate(s, (double)lo, (double)(WRITTEN - 1), width, &r) == RP_OK);
        RP_CHECK(r.count >= width);
        for (int c = 0; c < r.count; c++) {
            const rp_m4 *e = &out[c];
            if (e->start >= e->end) continue;
            int64_t min_i = e->start, max_i = e->start;
            for (int64_t i = e->start; i < e->end; i++) {
                if (shadow[i] < shadow[min_i]) min_i = i;
                if (shadow[i] > shadow[max_i]) max_i = i;
            }
            RP_CHECK_EQ_INT(e->min_i, min_i);
            RP_CHECK_EQ_INT(e->max_i, max_i);
            RP_CHECK(e->min == shadow[min_i] && e->max == shadow[max_i]);
            RP_CHECK(e->first == shadow[e->start] && e->last == shadow[e->end - 1]);
        }
    }
    rp_series_destroy(s);
}

/* rp_series_view_y_range: a view between two samples gets the line between them (interpolated at
 * its edges); a NaN or a silence between them, or nothing after, gives nothing. */
static void test_view_between_samples(void)
{
    rp_series *s = NULL;
    RP_CHECK(rp_series_create(&(rp_series_desc){.name = "slow", .capacity = 64, .rate = 10}, &s) ==
             RP_OK);
    float v[4] = {20, 21, NAN, 23};
    RP_CHECK(rp_push(s, v, 4) == RP_OK);
    float lo = -1, hi = -1;
    bool found = true;
    RP_CHECK(rp_series_y_range(s, 0.02, 0.04, &lo, &hi, &found) == RP_OK && !found);
    RP_CHECK(rp_series_view_y_range(s, 0.02, 0.04, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(fabsf(lo - 20.2f) < 1e-4f && fabsf(hi - 20.4f) < 1e-4f);
    /* samples in view: the plain range */
    RP_CHECK(rp_series_view_y_range(s, 0.0, 0.15, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(lo == 20.0f && hi == 21.0f);
    /* next to a NaN: no line */
    RP_CHECK(rp_series_view_y_range(s, 0.12, 0.14, &lo, &hi, &found) == RP_OK && !found);
    /* after the newest sample: nothing on the right */
    RP_CHECK(rp_series_view_y_range(s, 0.32, 0.34, &lo, &hi, &found) == RP_OK && !found);
    /* a silence: a segment 1 s late */
    RP_CHECK(rp_push_segment(s, 1.3, 10) == RP_OK);
    RP_CHECK(rp_push(s, v, 2) == RP_OK);
    RP_CHECK(rp_series_view_y_range(s, 0.5, 0.6, &lo, &hi, &found) == RP_OK && !found);
    rp_series_destroy(s);
}

int main(void)
{
    test_defaults_and_misuse();
    test_memory_bound();
    test_retention();
    test_nan_inf_ranges();
    test_timestamps();
    test_no_jitter_at_huge_index();
    test_overlapping_push_refused();
    test_unit();
    test_timestamp_exactness();
    test_borrowed();
    test_borrowed_decimate();
    test_view_between_samples();
    return rp_test_finish();
}
