/* A producer thread pushes the pattern f(i) = i mod PERIOD as fast as it can while the main
 * thread queries continuously (whole retained range, the newest part, random ranges, raw views)
 * and checks every answer: each column's first, last, min and max with their indices follow
 * analytically from its index range, so a torn or half-written read cannot pass. PERIOD is a
 * prime, coprime to every capacity used: a value one lap old never equals the new one.
 * The third run is a piecewise-uniform series: the producer starts a segment every SEG_LEN
 * samples (every other one after a silence) in a table of 8 that keeps overflowing, and every
 * x, gap mark and segment boundary is checked against the schedule as well. The fourth run
 * borrows the caller's buffer (strided, offset): the producer writes it and commits. The fifth
 * is timestamped, with a new tick segment every 1000 samples in a table of 8: every x is
 * checked against its formula.
 *   stress_push_decimate [seconds]   (default 3) */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "ringplot.h"
#include "rp_test.h"

#define PERIOD 1048573 /* prime */
#define SEG_LEN 3000
static float pattern(int64_t i) { return (float)(i % PERIOD); }

/* The segment schedule: segment m covers [m·SEG_LEN, (m+1)·SEG_LEN). Odd segments continue the
 * previous one (no gap); even ones start at x = m, about a second after it (a gap). */
static double seg_rate(int64_t m) { return m % 2 ? 2e6 : 1e6; }
static double seg_t0(int64_t m)
{
    if (m == 0) return 0.0;
    if (m % 2 == 0) return (double)m;
    return (double)(m - 1) + (double)SEG_LEN / seg_rate(m - 1);
}
static double seg_x(int64_t i)
{
    int64_t m = i / SEG_LEN;
    return seg_t0(m) + (double)(i - m * SEG_LEN) / seg_rate(m);
}
static bool seg_gap(int64_t i) { return i % SEG_LEN == 0 && (i / SEG_LEN) % 2 == 0 && i > 0; }

/* Timestamped run: 3 µs steps, and every 1000 samples a jump of 5000 s (> 2^32 µs: a new tick
 * segment each time, in a table of 8). */
static double timed_x(int64_t i) { return (double)(i * 3 + (i / 1000) * 5000000000LL) / 1e6; }

typedef struct producer {
    rp_series *series;
    bool segmented, timed;
    float *borrowed; /* borrowed run: the caller's ring (stride 2 floats, offset 5) */
    int64_t capacity;
    atomic_bool stop;
    int64_t pushed;
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    float batch[4096];
    int64_t next = 0;
    uint32_t r = 1;
    while (!atomic_load_explicit(&p->stop, memory_order_relaxed)) {
        r = r * 1664525u + 1013904223u;
        int n = 1 + (int)(r >> 20) % 4096; /* ragged batches */
        if (p->segmented) {
            int64_t to_boundary = SEG_LEN - next % SEG_LEN;
            if (next > 0 && next % SEG_LEN == 0)
                rp_push_segment(p->series, seg_t0(next / SEG_LEN), seg_rate(next / SEG_LEN));
            if (n > to_boundary) n = (int)to_boundary;
        }
        if (p->borrowed) { /* write into the caller's ring, then tell the series */
            for (int i = 0; i < n; i++)
                p->borrowed[2 * ((5 + next + i) % p->capacity)] = pattern(next + i);
            rp_series_commit(p->series, n);
            next += n;
            continue;
        }
        for (int i = 0; i < n; i++) batch[i] = pattern(next + i);
        if (p->timed) {
            static double xs[4096];
            for (int i = 0; i < n; i++) xs[i] = timed_x(next + i);
            rp_push_timed(p->series, xs, batch, n);
            next += n;
            continue;
        }
        rp_push(p->series, batch, n);
        next += n;
    }
    p->pushed = next;
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Expected M4 of [a, b) under the pattern (and, segmented, the schedule's x and gaps). */
static bool timed_run;

static int check_column(const rp_m4 *e, bool segmented, int64_t oldest, bool raw)
{
    int64_t a = e->start, b = e->end;
    if (a >= b) {
        if (segmented && raw && (e->flags & RP_M4_GAP)) /* a gap entry */
            return !seg_gap(a) || a <= oldest || !isnan(e->first);
        return e->first_i != -1;
    }
    bool gap = segmented && !raw && seg_gap(a) && a > oldest;
    int bad = e->first_i != a || e->last_i != b - 1 || e->last != pattern(b - 1);
    bad |= gap ? !isnan(e->first) || e->flags != (RP_M4_FINITE | RP_M4_NAN | RP_M4_GAP)
               : e->first != pattern(a) || e->flags != RP_M4_FINITE;
    int64_t wrap = a - a % PERIOD + PERIOD; /* first index after a where the pattern restarts */
    int64_t min_i = wrap < b ? wrap : a;
    int64_t top = a + (PERIOD - 1 - a % PERIOD); /* first index >= a holding PERIOD - 1 */
    int64_t max_i = top < b ? top : b - 1;
    bad |= e->min_i != min_i || e->max_i != max_i || e->min != pattern(min_i) ||
           e->max != pattern(max_i);
    if (timed_run)
        bad |= e->first_x != timed_x(a) || e->last_x != timed_x(b - 1) ||
               e->min_x != timed_x(min_i) || e->max_x != timed_x(max_i);
    if (segmented)
        bad |= e->first_x != seg_x(a) || e->last_x != seg_x(b - 1) || e->min_x != seg_x(min_i) ||
               e->max_x != seg_x(max_i);
    return bad;
}

static int run(int64_t capacity, bool segmented, bool borrowed, bool timed, double seconds)
{
    rp_series *s;
    timed_run = timed;
    float *buffer = borrowed ? calloc((size_t)capacity * 2, sizeof(float)) : NULL;
    rp_series_desc desc = {
        .capacity = capacity,
        .rate = 1e6,
        .max_segments = segmented || timed ? 8 : 0,
        .timestamps = timed,
        .borrow = {.data = buffer, .offset = 5, .stride = 2 * sizeof(float), .write_ahead = 4096}};
    if (rp_series_create(&desc, &s) != RP_OK) return 1;
    producer p = {.series = s,
                  .segmented = segmented,
                  .timed = timed,
                  .borrowed = buffer,
                  .capacity = capacity};
    atomic_init(&p.stop, false);
    pthread_t thread;
    pthread_create(&thread, NULL, produce, &p);
    enum { W = 1000 };
    static rp_m4 buf[W + 2];
    int64_t queries = 0, columns = 0, bad = 0, overruns = 0, gaps_seen = 0;
    uint32_t r = 7;
    double end = now_s() + seconds;
    while (now_s() < end) {
        double oldest, newest;
        if (rp_series_x_extent(s, &oldest, &newest) != RP_OK) continue;
        double x0, x1;
        double live = segmented ? 4e-3 : timed ? 3e-3 : (double)capacity / 4e6; /* ~1/4 retained */
        r = r * 1664525u + 1013904223u;
        switch (queries % 4) {
        case 0:
            x0 = oldest;
            x1 = newest + 1e-3;
            break; /* everything */
        case 1:
            x0 = newest - live;
            x1 = newest;
            break; /* the live end */
        case 2:
            x0 = newest - (double)(r % 500) / 1e6;
            x1 = newest + 1e-6;
            break; /* raw */
        default:
            x0 = oldest + (newest - oldest) * (r % 1000) / 1000.0;
            x1 = x0 + (newest - oldest) / 3;
            break;
        }
        if (!(x1 > x0)) x1 = x0 + 1e-6;
        rp_decimation d = {.out = buf, .out_capacity = W + 2};
        rp_status status = rp_decimate(s, x0, x1, W, &d);
        queries++;
        if (status == RP_ERR_OVERRUN) {
            overruns++;
            continue;
        }
        if (status != RP_OK) {
            bad++;
            continue;
        }
        int64_t next = -1;
        for (int j = 0; j < d.count; j++) {
            const rp_m4 *e = &d.out[j];
            int b = check_column(e, segmented, d.oldest, d.raw);
            if (b && bad < 5)
                fprintf(stderr, "torn column [%lld,%lld) min_i %lld max_i %lld flags %x\n",
                        (long long)e->start, (long long)e->end, (long long)e->min_i,
                        (long long)e->max_i, e->flags);
            bad += b;
            gaps_seen += (e->flags & RP_M4_GAP) != 0;
            if (d.raw && (e->flags & RP_M4_GAP)) continue;
            if (next >= 0 && e->start != next) bad++;
            next = e->end;
        }
        if (d.has_before) bad += check_column(&d.before, segmented, d.oldest, true);
        if (d.has_after) bad += check_column(&d.after, segmented, d.oldest, d.raw);
        columns += d.count;
    }
    atomic_store(&p.stop, true);
    pthread_join(thread, NULL);
    rp_series_stats st = rp_series_stats_get(s);
    printf(
        "capacity %lld%s%s%s: %lld pushed (%.1f M/s), %lld queries, %lld columns checked, %lld gaps, "
        "%lld retries, %lld overruns, %lld bad\n",
        (long long)capacity, segmented ? " segmented" : "", borrowed ? " borrowed" : "",
        timed ? " timestamped" : "", (long long)p.pushed, p.pushed / seconds / 1e6,
        (long long)queries, (long long)columns, (long long)gaps_seen, (long long)st.read_retries,
        (long long)overruns, (long long)bad);
    RP_CHECK_EQ_INT(st.accepted, p.pushed);
    RP_CHECK(queries > 20); /* even under ThreadSanitizer on a loaded machine */
    RP_CHECK(columns > 1000);
    RP_CHECK(overruns * 2 < queries); /* validation retries normally succeed */
    RP_CHECK_EQ_INT(bad, 0);
    if (timed) {
        RP_CHECK(st.expired_early > 0); /* a tick segment per 1000 samples, 8 kept */
        RP_CHECK(st.segments == 8);
        RP_CHECK_EQ_INT(st.rejected, 0);
    }
    if (segmented) {
        RP_CHECK(gaps_seen > 0);
        RP_CHECK(st.expired_early > 0); /* the table of 8 kept overflowing */
        RP_CHECK(st.segments == 8);
    }
    rp_series_destroy(s);
    free(buffer);
    return 0;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    run(1 << 16, false, false, false, seconds / 5); /* small ring: the producer laps readers */
    run(1 << 22, false, false, false, seconds / 5);
    run(1 << 16, true, false, false, seconds / 5);
    run(1 << 16, false, true, false, seconds / 5); /* the caller's buffer, committed */
    run(1 << 16, false, false, true, seconds / 5); /* timestamped, tick segments churning */
    return rp_test_finish();
}
