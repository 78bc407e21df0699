/* M4 decimation equals a brute-force scan of the same samples, column by column, over thousands
 * of random cases: random data with NaN/±Inf/ties/-0, random capacities (ring wrap-around),
 * batch sizes, view ranges partly or wholly outside the data, widths from 1 up, uniform and
 * irregular series. The seed is printed; RP_SEED=<n> replays a run. */
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static double rng_unit(void) { return (double)(rng() >> 11) / 9007199254740992.0; }
static int64_t rng_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

typedef struct shadow {
    float *v;
    double *x;
    int64_t n; /* accepted so far; sample i is v[i] */
} shadow;

static float random_value(int style)
{
    uint64_t r = rng() % 1000;
    if (r < 8) return NAN;
    if (r < 11) return INFINITY;
    if (r < 14) return -INFINITY;
    if (r < 20) return -0.0f;
    switch (style) {
    case 0: return (float)(rng_unit() * 2 - 1);
    case 1: return (float)(rng() % 5); /* many ties */
    default: return (float)((rng_unit() - 0.5) * 1e12);
    }
}

/* Brute-force M4 of samples [a, b). */
static rp_m4 ref_column(const shadow *sh, int64_t a, int64_t b)
{
    rp_m4 e;
    memset(&e, 0, sizeof e);
    e.start = a;
    e.end = b;
    e.first_i = e.last_i = e.min_i = e.max_i = -1;
    for (int64_t i = a; i < b; i++) {
        float v = sh->v[i];
        if (e.first_i < 0) e.first_i = i;
        e.last_i = i;
        if (isnan(v))
            e.flags |= RP_M4_NAN;
        else if (isinf(v))
            e.flags |= v > 0 ? RP_M4_POS_INF : RP_M4_NEG_INF;
        else {
            e.flags |= RP_M4_FINITE;
            if (e.min_i < 0 || v < e.min) {
                e.min = v;
                e.min_i = i;
            }
            if (e.max_i < 0 || v > e.max) {
                e.max = v;
                e.max_i = i;
            }
        }
    }
    return e;
}

static bool same_float(float a, float b) { return (isnan(a) && isnan(b)) || a == b; }

static int check_entry(const shadow *sh, const rp_m4 *got, const rp_m4 *want, const char *what,
                       int j)
{
    int bad = got->start != want->start || got->end != want->end || got->first_i != want->first_i ||
              got->last_i != want->last_i || got->min_i != want->min_i ||
              got->max_i != want->max_i || got->flags != want->flags;
    if (!bad && got->first_i >= 0) {
        bad |= !same_float(got->first, sh->v[got->first_i]) ||
               !same_float(got->last, sh->v[got->last_i]);
        bad |= got->first_x != sh->x[got->first_i] || got->last_x != sh->x[got->last_i];
    }
    if (!bad && (want->flags & RP_M4_FINITE)) {
        bad |= got->min != want->min || got->max != want->max;
        bad |= got->min_x != sh->x[want->min_i] || got->max_x != sh->x[want->max_i];
    }
    if (bad)
        fprintf(stderr,
                "%s %d: got [%lld,%lld) f%lld l%lld min%lld=%g max%lld=%g fl%u; want [%lld,%lld) "
                "f%lld l%lld min%lld=%g max%lld=%g fl%u\n",
                what, j, (long long)got->start, (long long)got->end, (long long)got->first_i,
                (long long)got->last_i, (long long)got->min_i, got->min, (long long)got->max_i,
                got->max, got->flags, (long long)want->start, (long long)want->end,
                (long long)want->first_i, (long long)want->last_i, (long long)want->min_i,
                want->min, (long long)want->max_i, want->max, want->flags);
    return bad;
}

/* First index in [lo, hi) with x >= t. */
static int64_t ref_lower(const shadow *sh, int64_t lo, int64_t hi, double t)
{
    while (lo < hi && sh->x[lo] < t) lo++;
    return lo;
}

static int64_t clampi(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* One query against the reference; returns the number of mismatching entries. */
static int check_query(rp_series *s, const shadow *sh, double x0, double x1, int width, rp_m4 *buf,
                       int buf_cap, uint64_t case_id)
{
    rp_series_desc d = rp_series_get_desc(s);
    int64_t head = sh->n, lo = head > d.capacity ? head - d.capacity : 0;
    rp_decimation r = {.out = buf, .out_capacity = buf_cap};
    rp_status st = rp_decimate(s, x0, x1, width, &r);
    if (st == RP_OK && !r.raw && r.count > 0) {
        /* the values-only mode gives the same columns without the extreme indices */
        static rp_m4 fast[4100];
        rp_decimation v = {.out = fast, .out_capacity = buf_cap, .skip_extreme_index = true};
        if (rp_decimate(s, x0, x1, width, &v) != RP_OK || v.count != r.count) return 1;
        for (int j = 0; j < r.count; j++) {
            const rp_m4 *a = &r.out[j], *b = &fast[j];
            bool finite = (a->flags & RP_M4_FINITE) != 0;
            if (a->start != b->start || a->end != b->end || a->flags != b->flags ||
                (finite && (a->min != b->min || a->max != b->max)) || b->min_i != -1 ||
                b->max_i != -1) {
                fprintf(stderr, "case %llu: values-only column %d differs\n",
                        (unsigned long long)case_id, j);
                return 1;
            }
        }
    }
    if (st != RP_OK) {
        fprintf(stderr, "case %llu: rp_decimate failed: %s\n", (unsigned long long)case_id,
                rp_status_string(st));
        return 1;
    }
    int64_t a, b;
    /* the samples whose x (as the series reports it) lies in [x0, x1] */
    a = ref_lower(sh, lo, head, x0);
    b = ref_lower(sh, lo, head, nextafter(x1, INFINITY));
    int bad = 0;
    int64_t before = -1, after = -1;
    if (b - a <= width) {
        bad += !r.raw || r.count != b - a;
        for (int64_t i = a; i < b && !bad; i++) {
            rp_m4 want = ref_column(sh, i, i + 1);
            bad += check_entry(sh, &r.out[i - a], &want, "raw", (int)(i - a));
        }
        before = a - 1;
        after = b;
    } else {
        /* column width: samples per column (uniform) or x per column (irregular), rounded to
         * 20 significant bits so that equal spans give bit-identical grids */
        int e;
        double m = frexp((x1 - x0) / width * (d.timestamps ? 1.0 : d.rate), &e);
        double q = ldexp(nearbyint(ldexp(m, 20)), e - 20);
        double spc = q, dx = d.timestamps ? q : q / d.rate;
        int64_t k0, k1;
        if (d.timestamps) {
            k0 = (int64_t)floor(x0 / dx);
            k1 = (int64_t)floor(x1 / dx);
        } else {
            k0 = (int64_t)floor((x0 - d.t0) * d.rate / spc);
            k1 = (int64_t)floor((x1 - d.t0) * d.rate / spc);
        }
        /* the grid's edge columns are the ones holding the first and last sample in view */
#define START(k)                                                                                   \
    (d.timestamps ? ref_lower(sh, lo, head, (double)(k)*dx)                                        \
                  : clampi((int64_t)ceil((double)(k)*spc), lo, head))
        while (START(k0) > a) k0--;
        while (START(k1 + 1) < b) k1++;
        bad += r.raw || r.count != k1 - k0 + 1 || r.first_column != k0;
        bad += r.count > width + 2;
        int64_t start = 0;
        for (int64_t k = k0; k <= k1 + 1 && !bad; k++) {
            int64_t s_k = START(k);
            if (k > k0) {
                rp_m4 want = ref_column(sh, start, s_k);
                bad += check_entry(sh, &r.out[k - 1 - k0], &want, "column", (int)(k - 1 - k0));
            } else {
                before = s_k - 1;
            }
            start = s_k;
        }
        after = start;
        /* every sample in [x0, x1] lies in some column */
        bad += r.count > 0 && (r.out[0].start > a || r.out[r.count - 1].end < b);
    }
    if (!bad) {
        bool want_before = before >= lo && before < head, want_after = after >= lo && after < head;
        bad += r.has_before != want_before || r.has_after != want_after;
        if (!bad && want_before) {
            rp_m4 w = ref_column(sh, before, before + 1);
            bad += check_entry(sh, &r.before, &w, "before", 0);
        }
        if (!bad && want_after) {
            rp_m4 w = ref_column(sh, after, after + 1);
            bad += check_entry(sh, &r.after, &w, "after", 0);
        }
    }
    if (bad)
        fprintf(
            stderr,
            "case %llu: a %lld b %lld hb %d ha %d x [%.17g, %.17g] width %d head %lld lo %lld raw %d count %d\n",
            (unsigned long long)case_id, (long long)a, (long long)b, r.has_before, r.has_after, x0,
            x1, width, (long long)head, (long long)lo, r.raw, r.count);
    return bad;
}

int main(void)
{
    uint64_t seed = 0x2545F4914F6CDD1Dull;
    const char *env = getenv("RP_SEED");
    if (env) seed = strtoull(env, NULL, 0);
    printf("seed %llu (replay with RP_SEED=%llu)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    rng_state = seed;

    const int64_t caps[] = {1, 2, 7, 31, 32, 33, 255, 256, 257, 1000, 2048, 4099, 20000, 100003};
    enum { BUF = 4100 };
    static rp_m4 buf[BUF];
    int queries = 0, failures = 0;
    for (int c = 0; c < 300; c++) {
        int64_t cap = caps[rng() % (sizeof caps / sizeof caps[0])];
        bool timed = rng() % 4 == 0;
        double rate = timed ? 1 : (rng() % 3 == 0 ? 1000.0 : rng() % 2 ? 1.0 : 0.37);
        double t0 = rng() % 2 ? 0 : (rng_unit() - 0.5) * 1e4;
        rp_series *s;
        /* room for a segment per sample: none expires early, so the last `cap` are retained */
        rp_series_desc desc = {
            .capacity = cap, .rate = rate, .t0 = t0, .timestamps = timed, .max_segments = cap + 1};
        RP_REQUIRE(rp_series_create(&desc, &s) == RP_OK);
        int64_t total = rng_range(0, 3 * cap + 100);
        shadow sh = {malloc(sizeof(float) * (size_t)(total + 1)),
                     malloc(sizeof(double) * (size_t)(total + 1)), 0};
        int style = (int)(rng() % 3);
        double t = (rng_unit() - 0.5) * 100;
        float batch_v[5000];
        double batch_t[5000];
        int64_t offered = 0;
        while (offered < total) {
            int64_t n = rng_range(1, rng() % 4 == 0 ? 4999 : 64);
            if (n > total - offered) n = total - offered;
            for (int64_t i = 0; i < n; i++) {
                batch_v[i] = random_value(style);
                if (timed) {
                    /* non-decreasing with duplicates and rare out-of-order samples */
                    uint64_t r = rng() % 100;
                    if (r == 0)
                        batch_t[i] = t - 1; /* rejected */
                    else {
                        if (r > 10) t += rng_unit() * (rng() % 8 == 0 ? 50 : 1);
                        /* the series keeps whole microseconds: feed it exact ones */
                        batch_t[i] = nearbyint(t * 1e6) / 1e6;
                    }
                }
            }
            if (timed) {
                rp_push_timed(s, batch_t, batch_v, n);
                for (int64_t i = 0; i < n; i++) {
                    if (sh.n > 0 && batch_t[i] < sh.x[sh.n - 1]) continue;
                    sh.v[sh.n] = batch_v[i];
                    sh.x[sh.n++] = batch_t[i];
                }
            } else {
                RP_CHECK(rp_push(s, batch_v, n) == RP_OK);
                for (int64_t i = 0; i < n; i++) {
                    sh.v[sh.n] = batch_v[i];
                    sh.x[sh.n] = t0 + (double)sh.n / rate;
                    sh.n++;
                }
            }
            offered += n;
        }
        RP_CHECK_EQ_INT(rp_series_stats_get(s).accepted, sh.n);
        double xa = sh.n ? sh.x[sh.n > cap ? sh.n - cap : 0] : 0, xb = sh.n ? sh.x[sh.n - 1] : 1;
        double span = xb - xa > 0 ? xb - xa : 1;
        for (int q = 0; q < 15; q++) {
            double x0 = xa + (rng_unit() * 1.4 - 0.2) * span;
            double x1 =
                x0 + span * (rng() % 5 == 0 ? rng_unit() * 0.01 + 1e-9 : rng_unit() * 1.5 + 1e-9);
            if (q == 0) {
                x0 = xa;
                x1 = xb > xa ? xb : xa + 1;
            } /* everything retained */
            if (q == 1) {
                x0 = xb + span;
                x1 = x0 + span;
            } /* wholly after */
            if (q == 2) {
                x1 = xa - span * 0.5;
                x0 = x1 - span;
            } /* wholly before */
            int width = (int)rng_range(1, rng() % 3 == 0 ? 16 : 4000);
            failures +=
                check_query(s, &sh, x0, x1, width, buf, BUF, (uint64_t)c * 100 + (uint64_t)q);
            queries++;
        }
        /* a buffer that is too small is reported, not overrun */
        rp_decimation small = {.out = buf, .out_capacity = 3};
        if ((sh.n < cap ? sh.n : cap) > 100) {
            rp_status st = rp_decimate(s, xa, xb, 50, &small);
            RP_CHECK(st == RP_ERR_BUFFER_SMALL);
        }
        free(sh.v);
        free(sh.x);
        rp_series_destroy(s);
    }
    printf("%d queries checked against brute force\n", queries);
    RP_CHECK_MSG(failures == 0, "%d of %d queries differ", failures, queries);
    rp_series *s;
    RP_REQUIRE(rp_series_create(NULL, &s) == RP_OK);
    rp_decimation r = {.out = buf, .out_capacity = BUF};
    RP_CHECK(rp_decimate(s, 0, 1, 10, &r) == RP_OK && r.count == 0); /* empty series */
    RP_CHECK(rp_decimate(s, 1, 0, 10, &r) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_decimate(s, 0, NAN, 10, &r) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_decimate(s, 0, 1, 0, &r) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_decimate(s, -1e300, 1e300, 10, &r) == RP_OK);
    float one = 42;
    rp_push(s, &one, 1);
    RP_CHECK(rp_decimate(s, -1, 1, 1, &r) == RP_OK && r.count == 1 && r.raw && r.out[0].min == 42);
    RP_CHECK(rp_decimate(s, 1, 2, 1, &r) == RP_OK && r.count == 0 && r.has_before && !r.has_after);
    rp_series_destroy(s);
    return rp_test_finish();
}
