/* rp_series_range_stats against brute force (long double, two passes) over thousands of ranges:
 * uniform, timestamped, segmented and borrowed series, NaN and ±Inf in the data, a large
 * offset that would cancel a naive variance, ring wrap-around, ranges partly outside. */
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

enum { CAP = 50000, TOTAL = 130000 };
static float v[TOTAL];
static double xs[TOTAL];

typedef struct ref_stats {
    int64_t count, finite;
    double min, max, mean, rms, sd;
} ref_stats;

static ref_stats brute(int64_t a, int64_t b)
{
    ref_stats r = {b - a, 0, INFINITY, -INFINITY, NAN, NAN, NAN};
    long double sum = 0, sq = 0;
    for (int64_t i = a; i < b; i++) {
        if (!isfinite(v[i])) continue;
        r.finite++;
        sum += v[i];
        if (v[i] < r.min) r.min = v[i];
        if (v[i] > r.max) r.max = v[i];
    }
    if (!r.finite) return r;
    long double mean = sum / r.finite, m2 = 0;
    for (int64_t i = a; i < b; i++)
        if (isfinite(v[i])) {
            long double d = v[i] - mean;
            m2 += d * d;
            sq += (long double)v[i] * v[i];
        }
    r.mean = (double)mean;
    r.sd = sqrt((double)(m2 / r.finite));
    r.rms = sqrt((double)(sq / r.finite));
    return r;
}

static bool close_rel(double got, double want, double scale, double tol)
{
    if (isnan(want)) return isnan(got);
    return fabs(got - want) <= tol * scale;
}

/* Random ranges over the retained samples [lo, n); x of sample i is xs[i]. */
static int check_ranges(rp_series *s, int64_t lo, int64_t n, int queries, const char *what)
{
    int bad = 0;
    uint32_t r = 4242;
    for (int q = 0; q < queries; q++) {
        r = r * 1664525u + 1013904223u;
        int64_t a = lo - 5 + (int64_t)(r >> 8) % (n - lo + 10);
        r = r * 1664525u + 1013904223u;
        int64_t len = q % 4 == 0 ? (int64_t)(r >> 8) % 40 : (int64_t)(r >> 8) % (n - lo + 10);
        int64_t b = a + (len > 0 ? len : 1);
        int64_t ca = a < lo ? lo : a > n ? n : a, cb = b < lo ? lo : b > n ? n : b;
        if (cb < ca) cb = ca;
        double x0 = a < lo ? xs[lo] - 1e6 : a >= n ? xs[n - 1] + 1 : xs[a];
        double x1 = b <= lo ? xs[lo] - 1e5 : b > n ? xs[n - 1] + 2 : xs[b - 1];
        if (b <= a) x1 = x0;
        if (b <= lo) cb = ca = lo;
        if (a >= n) ca = cb = n;
        rp_range_stats got;
        if (rp_series_range_stats(s, x0, x1, &got) != RP_OK) {
            bad++;
            continue;
        }
        ref_stats w = brute(ca, cb);
        double scale = fabs(w.mean) + w.sd + 1e-30;
        int e = got.count != w.count || got.finite != w.finite;
        if (w.finite) {
            e |= got.min != w.min || got.max != w.max || got.peak_to_peak != w.max - w.min;
            e |= !close_rel(got.mean, w.mean, scale, 1e-12) ||
                 !close_rel(got.stddev, w.sd, w.sd + 1e-300, 1e-6) ||
                 !close_rel(got.rms, w.rms, w.rms, 1e-12);
            e |= got.x_first != xs[ca] || got.x_last != xs[cb - 1];
        } else {
            e |= !isnan(got.mean) || !isnan(got.min);
        }
        if (e && bad < 5)
            fprintf(
                stderr,
                "%s [%lld, %lld): count %lld/%lld finite %lld/%lld mean %.17g/%.17g sd %.17g/%.17g rms %.17g/%.17g\n",
                what, (long long)ca, (long long)cb, (long long)got.count, (long long)w.count,
                (long long)got.finite, (long long)w.finite, got.mean, w.mean, got.stddev, w.sd,
                got.rms, w.rms);
        bad += e;
    }
    return bad;
}

static void fill(int style)
{
    uint32_t r = 17;
    for (int64_t i = 0; i < TOTAL; i++) {
        r = r * 1664525u + 1013904223u;
        double noise = ((double)(r >> 8) / 16777216.0 - 0.5) * 0.01;
        v[i] = style == 0 ? (float)(sin(i * 0.001) + noise)
                          : (float)(1000.0 + noise); /* offset: 1e3 ± 0.005 */
        if (r % 997 == 0) v[i] = NAN;
        if (r % 4999 == 1) v[i] = (r & 64) ? INFINITY : -INFINITY;
    }
    for (int64_t i = 60000; i < 62100; i++) v[i] = NAN; /* a whole block of the sum level */
}

static void test_uniform(void)
{
    for (int style = 0; style < 2; style++) {
        fill(style);
        rp_series *s;
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = CAP, .rate = 100, .t0 = -3},
                                         &s) == RP_OK);
        for (int64_t i = 0; i < TOTAL; i++) xs[i] = -3 + (double)i / 100;
        for (int64_t done = 0; done < TOTAL; done += 777)
            rp_push(s, v + done, TOTAL - done < 777 ? TOTAL - done : 777);
        int bad = check_ranges(s, TOTAL - CAP, TOTAL, 3000, "uniform");
        RP_CHECK_MSG(bad == 0, "style %d: %d ranges wrong", style, bad);
        /* an all-NaN range: counted, no values */
        rp_range_stats st;
        RP_CHECK(rp_series_range_stats(s, xs[100000], xs[100000], &st) == RP_OK);
        RP_CHECK(rp_series_range_stats(s, 1, 0, &st) == RP_ERR_INVALID_ARG);
        RP_CHECK(rp_series_range_stats(NULL, 0, 1, &st) == RP_ERR_INVALID_ARG);
        RP_CHECK(rp_series_range_stats(s, 0, 1, NULL) == RP_ERR_INVALID_ARG);
        rp_series_destroy(s);
    }
    /* flags name what was left out */
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 100}, &s) == RP_OK);
    rp_push(s, (float[5]){1, NAN, INFINITY, 3, -2}, 5);
    rp_range_stats st;
    RP_CHECK(rp_series_range_stats(s, 0, 10, &st) == RP_OK);
    RP_CHECK(st.count == 5 && st.finite == 3 && st.min == -2 && st.max == 3 &&
             st.peak_to_peak == 5);
    RP_CHECK(st.flags == (RP_M4_FINITE | RP_M4_NAN | RP_M4_POS_INF));
    RP_CHECK_NEAR(st.mean, 2.0 / 3.0, 1e-15);
    RP_CHECK_NEAR(st.rms, sqrt(14.0 / 3.0), 1e-15);
    RP_CHECK_NEAR(st.stddev, sqrt(14.0 / 3.0 - 4.0 / 9.0), 1e-15);
    rp_series_destroy(s);
}

static void test_other_kinds(void)
{
    fill(0);
    /* timestamped: irregular steps, several tick segments */
    rp_series *t;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = CAP, .timestamps = true}, &t) ==
                    RP_OK);
    double x = 1.7e9;
    uint32_t r = 5;
    for (int64_t i = 0; i < TOTAL; i++) {
        r = r * 1664525u + 1013904223u;
        x += (double)(1 + r % 2000) * 1e-3 + (r % 50000 == 0 ? 9000 : 0);
        xs[i] = nearbyint(x * 1e6) / 1e6;
    }
    for (int64_t done = 0; done < TOTAL; done += 1000) rp_push_timed(t, xs + done, v + done, 1000);
    RP_CHECK(rp_series_stats_get(t).segments > 1);
    RP_CHECK_MSG(check_ranges(t, TOTAL - CAP, TOTAL, 2000, "timed") == 0, "timestamped");
    rp_series_destroy(t);

    /* borrowed (stride 12 bytes, offset 7) */
    static float buf[3 * CAP];
    rp_series *b;
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){
                .capacity = CAP,
                .rate = 100,
                .borrow = {.data = buf, .offset = 7, .stride = 12, .write_ahead = 1000}},
            &b) == RP_OK);
    for (int64_t i = 0; i < TOTAL; i++) xs[i] = (double)i / 100;
    for (int64_t done = 0; done < TOTAL; done += 999) {
        int64_t n = TOTAL - done < 999 ? TOTAL - done : 999;
        for (int64_t k = 0; k < n; k++) buf[3 * ((7 + done + k) % CAP)] = v[done + k];
        RP_CHECK(rp_series_commit(b, n) == RP_OK);
    }
    RP_CHECK_MSG(check_ranges(b, TOTAL - (CAP - 1000), TOTAL, 2000, "borrowed") == 0, "borrowed");
    rp_series_destroy(b);

    /* segmented uniform */
    rp_series *g;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = CAP, .rate = 100}, &g) == RP_OK);
    double t0 = 0, rate = 100;
    int64_t seg_first = 0;
    for (int64_t done = 0; done < TOTAL; done += 5000) {
        if (done > 0) {
            double last = t0 + (double)(done - 1 - seg_first) / rate;
            rate = 50 + (double)(done % 7) * 20;
            t0 = last + (done % 3 ? 1.0 / rate : 4.0);
            seg_first = done;
            RP_CHECK(rp_push_segment(g, t0, rate) == RP_OK);
        }
        for (int64_t k = 0; k < 5000; k++)
            xs[done + k] = t0 + (double)(done + k - seg_first) / rate;
        rp_push(g, v + done, 5000);
    }
    RP_CHECK_MSG(check_ranges(g, TOTAL - CAP, TOTAL, 2000, "segmented") == 0, "segmented");
    rp_series_destroy(g);
}

int main(void)
{
    test_uniform();
    test_other_kinds();
    return rp_test_finish();
}
