/* test_column_cache_stress.c — the column cache (engine/render/column_cache.c) under a concurrent
 * producer, no GL: one thread pushes f(i), a scrambled function of the sample index, in ragged
 * batches flat out into a ring of 2^16 samples while this thread follows its newest 20,000
 * samples in 1,000 columns through rp_column_cache_decimate, frame after frame, and checks every
 * column of every answer against f: the columns are contiguous, sit on the grid (start = 20·k
 * unless clamped to the oldest sample or the head), and first, last, min and max equal a
 * brute-force scan of f over [start, end). A kept column that went stale (expired, or decimated
 * from a torn read) or an edge column from another snapshot cannot pass. The producer outruns
 * the view sometimes (jumps, expiry inside the view), so the full-query fallback runs too.
 *   render_column_cache_stress [frames]   (default 3000) */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "render/column_cache.h"
#include "rp_test.h"

#define CAPACITY (1 << 16)
#define WIDTH 1000
#define SPC 20 /* samples per column */

static float f(int64_t i)
{
    uint32_t h = (uint32_t)i * 2654435761u;
    return (float)((h >> 13) & 4095u);
}

typedef struct producer {
    rp_series *series;
    atomic_bool stop;
    atomic_llong pushed;
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    static float batch[4096];
    int64_t next = SPC * WIDTH; /* after what main pushed */
    uint32_t r = 7;
    while (!atomic_load_explicit(&p->stop, memory_order_relaxed)) {
        r = r * 1664525u + 1013904223u;
        int n = 1 + (int)(r >> 20) % 4096;
        for (int i = 0; i < n; i++) batch[i] = f(next + i);
        rp_push(p->series, batch, n);
        next += n;
        atomic_store_explicit(&p->pushed, next, memory_order_relaxed);
    }
    return NULL;
}

/* Every column of one answer; returns the number of wrong columns. */
static int check(const rp_decimation *d)
{
    int wrong = 0;
    for (int c = 0; c < d->count; c++) {
        const rp_m4 *e = &d->out[c];
        int64_t k = d->first_column + c, grid = k * SPC;
        bool ok = e->start <= e->end && (c + 1 == d->count || e->end == d->out[c + 1].start);
        if (e->start > d->oldest && e->start < d->head) ok = ok && e->start == grid;
        if (e->end > e->start) {
            float lo = f(e->start), hi = lo;
            for (int64_t i = e->start + 1; i < e->end; i++) {
                float v = f(i);
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            ok = ok && (e->flags & RP_M4_FINITE) && e->first == f(e->start) &&
                 e->last == f(e->end - 1) && e->min == lo && e->max == hi;
        }
        if (!ok && wrong++ < 3)
            fprintf(stderr,
                    "column %lld [%lld, %lld): first %g last %g min %g max %g (head %lld)\n",
                    (long long)k, (long long)e->start, (long long)e->end, e->first, e->last, e->min,
                    e->max, (long long)d->head);
    }
    return wrong;
}

int main(int argc, char **argv)
{
    int frames = argc > 1 ? atoi(argv[1]) : 3000;
    rp_series *s = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.name = "f", .capacity = CAPACITY, .rate = 1},
                                &s) == RP_OK);
    float first[SPC * WIDTH];
    for (int i = 0; i < SPC * WIDTH; i++) first[i] = f(i);
    RP_REQUIRE(rp_push(s, first, SPC * WIDTH) == RP_OK);
    rp_column_cache *cache = NULL;
    RP_REQUIRE(rp_column_cache_create(&cache) == RP_OK);
    static rp_m4 out[WIDTH + 2];

    producer p = {.series = s};
    atomic_init(&p.stop, false);
    atomic_init(&p.pushed, 0);
    pthread_t thread;
    RP_REQUIRE(pthread_create(&thread, NULL, produce, &p) == 0);
    int wrong = 0, answers = 0;
    int64_t fresh_sum = 0, total = 0;
    /* Until `frames` answers came in a column mode (the first frames may find too few samples
     * for columns): counted by answers, never by time, so a slow or loaded machine only waits. */
    for (int attempt = 0; answers < frames && attempt < frames * 1000; attempt++) {
        rp_column_cache_frame(cache);
        double a = 0, b = 0;
        if (rp_series_x_extent(s, &a, &b) != RP_OK) continue;
        double x1 = ((double)((int64_t)b / SPC) + 1.0) * SPC, x0 = x1 - (double)SPC * WIDTH;
        rp_decimation d = {.out = out, .out_capacity = WIDTH + 2, .skip_extreme_index = true};
        int fresh = 0;
        if (rp_column_cache_decimate(cache, s, x0, x1, WIDTH, &d, &fresh, NULL) != RP_OK || d.raw)
            continue;
        answers++;
        fresh_sum += fresh;
        total += d.count;
        wrong += check(&d);
    }
    atomic_store(&p.stop, true);
    pthread_join(thread, NULL);
    printf("%d answers, %d wrong columns, %lld of %lld columns decimated afresh, %lld pushed\n",
           answers, wrong, (long long)fresh_sum, (long long)total,
           (long long)atomic_load(&p.pushed));
    RP_CHECK_EQ_INT(answers, frames);
    RP_CHECK_MSG(wrong == 0, "%d wrong columns", wrong);
    rp_column_cache_destroy(cache);
    rp_series_destroy(s);
    return rp_test_finish();
}
