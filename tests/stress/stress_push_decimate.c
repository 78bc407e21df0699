/* A producer thread pushes the pattern f(i) = i mod 2^20 as fast as it can while the main
 * thread queries continuously (whole retained range, the newest part, random ranges, raw views)
 * and checks every answer: each column's first, last, min and max with their indices follow
 * analytically from its index range, so a torn or half-written read cannot pass.
 *   stress_push_decimate [seconds]   (default 3) */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "ringplot.h"
#include "rp_test.h"

#define PERIOD (1 << 20)
static float pattern(int64_t i) { return (float)(i & (PERIOD - 1)); }

typedef struct producer {
    rp_series *series;
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
        for (int i = 0; i < n; i++) batch[i] = pattern(next + i);
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

/* Expected M4 of [a, b) under the pattern. */
static int check_column(const rp_m4 *e)
{
    int64_t a = e->start, b = e->end;
    if (a >= b) return e->first_i != -1;
    int bad = e->first_i != a || e->last_i != b - 1 || e->first != pattern(a) || e->last != pattern(b - 1);
    bad |= e->flags != RP_M4_FINITE;
    int64_t wrap = (a | (PERIOD - 1)) + 1; /* first index after a where the pattern restarts */
    int64_t min_i = wrap < b ? wrap : a;
    int64_t top = a | (PERIOD - 1); /* first index >= a holding PERIOD - 1 */
    int64_t max_i = top < b ? top : b - 1;
    bad |= e->min_i != min_i || e->max_i != max_i || e->min != pattern(min_i) || e->max != pattern(max_i);
    return bad;
}

static int run(int64_t capacity, double seconds)
{
    rp_series *s;
    if (rp_series_create(&(rp_series_desc){.capacity = capacity, .rate = 1e6}, &s) != RP_OK) return 1;
    producer p = {.series = s};
    atomic_init(&p.stop, false);
    pthread_t thread;
    pthread_create(&thread, NULL, produce, &p);
    enum { W = 1000 };
    static rp_m4 buf[W + 2];
    int64_t queries = 0, columns = 0, bad = 0, overruns = 0;
    uint32_t r = 7;
    double end = now_s() + seconds;
    while (now_s() < end) {
        rp_series_stats st = rp_series_stats_get(s);
        if (st.accepted == 0) continue;
        double newest = (double)(st.accepted - 1) / 1e6;
        double oldest = (double)(st.accepted - st.retained) / 1e6;
        double x0, x1;
        r = r * 1664525u + 1013904223u;
        switch (queries % 4) {
        case 0: x0 = oldest; x1 = newest + 1e-3; break;                 /* everything retained */
        case 1: x0 = newest - (double)capacity / 4e6; x1 = newest; break; /* the live end */
        case 2: x0 = newest - (double)(r % 500) / 1e6; x1 = newest + 1e-6; break; /* raw */
        default: x0 = oldest + (newest - oldest) * (r % 1000) / 1000.0; x1 = x0 + (double)capacity / 3e6; break;
        }
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
        for (int j = 0; j < d.count; j++) {
            int b = check_column(&d.out[j]);
            if (b && bad < 5)
                fprintf(stderr, "torn column [%lld,%lld) min_i %lld max_i %lld\n", (long long)d.out[j].start,
                        (long long)d.out[j].end, (long long)d.out[j].min_i, (long long)d.out[j].max_i);
            bad += b;
            if (j > 0 && d.out[j].start != d.out[j - 1].end) bad++;
        }
        if (d.has_before) bad += check_column(&d.before);
        if (d.has_after) bad += check_column(&d.after);
        columns += d.count;
    }
    atomic_store(&p.stop, true);
    pthread_join(thread, NULL);
    rp_series_stats st = rp_series_stats_get(s);
    printf("capacity %lld: %lld pushed (%.1f M/s), %lld queries, %lld columns checked, %lld retries, "
           "%lld overruns, %lld bad\n",
           (long long)capacity, (long long)p.pushed, p.pushed / seconds / 1e6, (long long)queries,
           (long long)columns, (long long)st.read_retries, (long long)overruns, (long long)bad);
    RP_CHECK_EQ_INT(st.accepted, p.pushed);
    RP_CHECK(queries > 100);
    RP_CHECK(columns > 1000);
    RP_CHECK(overruns * 2 < queries); /* validation retries normally succeed */
    RP_CHECK_EQ_INT(bad, 0);
    rp_series_destroy(s);
    return 0;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    run(1 << 16, seconds / 2); /* small ring: the producer laps readers constantly */
    run(1 << 22, seconds / 2);
    return rp_test_finish();
}
