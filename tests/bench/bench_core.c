/* rp-bench core — the streaming core: push rate against memcpy of the same bytes, the first
 * fill of a fresh series (pages touched at creation), decimation and exact statistics against
 * the number of samples retained, and measured bytes per sample of every kind of series. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "ringplot.h"

enum { BATCH = 4096, SOURCE = 1 << 20, WIDTH = 1920 };

static float *make_signal(int64_t n)
{
    float *x = malloc((size_t)n * sizeof *x);
    uint32_t r = 12345;
    for (int64_t i = 0; i < n; i++) {
        r = r * 1664525u + 1013904223u;
        x[i] = (float)sin((double)i * 0.0007) + (float)(r >> 8) * (1.0f / 16777216.0f) * 0.3f;
    }
    return x;
}

/* Samples per second of rp_push and of memcpy into a ring of the same size, same batches. */
static void bench_push(bool tsv)
{
    const int64_t capacity = 1 << 24, total = (int64_t)1 << 29;
    float *source = make_signal(SOURCE);
    float *dest = malloc((size_t)capacity * sizeof(float));
    memset(dest, 0, (size_t)capacity * sizeof(float));
    rp_series *s;
    rp_series_create(&(rp_series_desc){.capacity = capacity}, &s);
    double best_push = 0, best_copy = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t = rp_bench_now();
        for (int64_t done = 0; done < total; done += BATCH)
            rp_push(s, source + done % SOURCE, BATCH);
        double push_rate = (double)total / (rp_bench_now() - t);
        t = rp_bench_now();
        for (int64_t done = 0; done < total; done += BATCH) {
            memcpy(dest + done % capacity, source + done % SOURCE, BATCH * sizeof(float));
            __asm__ volatile("" : : "r"(dest) : "memory"); /* keep the copies */
        }
        double copy_rate = (double)total / (rp_bench_now() - t);
        if (push_rate > best_push) best_push = push_rate;
        if (copy_rate > best_copy) best_copy = copy_rate;
    }
    rp_bench_report(tsv, "push_msamples_per_s", best_push / 1e6, "M/s",
                    "rp_push, batches of 4096, one producer");
    rp_bench_report(tsv, "memcpy_msamples_per_s", best_copy / 1e6, "M/s",
                    "memcpy of the same batches into a ring of the same size");
    rp_bench_report(tsv, "push_ratio_vs_memcpy", best_push / best_copy, "x", "goal >= 0.5");
    rp_series_destroy(s);
    free(dest);
    free(source);
}

/* Mean time of one WIDTH-column query over everything retained, for a series of n samples. */
static double decimate_us(rp_series *s, int64_t n, int reps)
{
    static rp_m4 out[WIDTH + 2];
    double x1 = (double)(n - 1);
    double t = rp_bench_now();
    for (int i = 0; i < reps; i++) {
        rp_decimation d = {.out = out, .out_capacity = WIDTH + 2};
        /* a slightly different view each time, as when following live data */
        rp_decimate(s, (double)(i % 7), x1 - (double)(i % 5), WIDTH, &d);
    }
    return (rp_bench_now() - t) / reps * 1e6;
}

static void bench_decimate(bool tsv)
{
    const int64_t sizes[] = {1000000, 10000000, 100000000};
    const char *names[] = {"decimate_us_1e6", "decimate_us_1e7", "decimate_us_1e8"};
    float *source = make_signal(SOURCE);
    double us[3] = {0};
    for (int k = 0; k < 3; k++) {
        int64_t n = sizes[k];
        rp_series *s;
        if (rp_series_create(&(rp_series_desc){.capacity = n}, &s) != RP_OK) {
            fprintf(stderr, "rp-bench: cannot allocate a series of %lld samples\n", (long long)n);
            return;
        }
        double fill_t = rp_bench_now();
        for (int64_t done = 0; done < n; done += SOURCE)
            rp_push(s, source, n - done < SOURCE ? n - done : SOURCE);
        fill_t = rp_bench_now() - fill_t;
        decimate_us(s, n, 20); /* warm caches */
        us[k] = decimate_us(s, n, 200);
        char what[96];
        snprintf(what, sizeof what, "%d columns over %.0e samples", WIDTH, (double)n);
        rp_bench_report(tsv, names[k], us[k], "us", what);
        if (k == 2) {
            rp_series_stats st = rp_series_stats_get(s);
            /* brute force: min-max over every sample of the same range */
            const float *raw = source;
            double t = rp_bench_now();
            float lo = INFINITY, hi = -INFINITY;
            for (int64_t i = 0; i < n; i++) {
                float v = raw[i % SOURCE];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            double scan_us = (rp_bench_now() - t) * 1e6;
            if (lo > hi) printf("unreachable\n");
            rp_bench_report(tsv, "scan_us_1e8", scan_us, "us",
                            "brute-force min-max scan of the same 1e8 samples");
            rp_bench_report(tsv, "decimate_speedup_vs_scan_1e8", scan_us / us[k], "x",
                            "scan time / query time");
            rp_bench_report(tsv, "bytes_per_sample", (double)st.bytes / (double)n, "B",
                            "measured allocation / capacity, with exact statistics (goal <= 5.0)");
            rp_bench_report(tsv, "first_fill_msamples_per_s_1e8", (double)n / fill_t / 1e6, "M/s",
                            "first lap of a fresh 1e8 series (pages already resident)");
            /* exact statistics of the whole range and of a slice, each O(log N) */
            rp_range_stats rs;
            const int reps = 200;
            double t0 = rp_bench_now();
            for (int i = 0; i < reps; i++)
                rp_series_range_stats(s, (double)(i % 7), (double)(n - 1 - i % 5), &rs);
            double stats_us = (rp_bench_now() - t0) / reps * 1e6;
            rp_bench_report(tsv, "range_stats_us_1e8", stats_us, "us",
                            "rp_series_range_stats over all 1e8 samples (exact mean, RMS, sd)");
        }
        rp_series_destroy(s);
    }
    rp_bench_report(tsv, "decimate_ratio_1e8_vs_1e6", us[2] / us[0], "x",
                    "query time grows ~log N (1 = flat)");
    free(source);
}

/* Bytes per retained sample of the other kinds of series, and the timestamped push rate. */
static void bench_kinds(bool tsv)
{
    const int64_t n = 1 << 24;
    rp_series *s;
    if (rp_series_create(&(rp_series_desc){.capacity = n, .timestamps = true}, &s) == RP_OK) {
        float *v = make_signal(BATCH);
        double x[BATCH];
        double t = 1.7e9;
        double t0 = rp_bench_now();
        const int64_t total = (int64_t)1 << 26;
        for (int64_t done = 0; done < total; done += BATCH) {
            for (int i = 0; i < BATCH; i++) x[i] = (t += 1e-4);
            rp_push_timed(s, x, v, BATCH);
        }
        double rate = (double)total / (rp_bench_now() - t0);
        rp_bench_report(
            tsv, "timestamped_bytes_per_sample", (double)rp_series_stats_get(s).bytes / (double)n,
            "B", "timestamped series: 1 us ticks, 64-bit base + 32-bit offsets (goal <= 8.5)");
        rp_bench_report(tsv, "push_timed_msamples_per_s", rate / 1e6, "M/s",
                        "rp_push_timed, batches of 4096");
        rp_series_destroy(s);
        free(v);
    }
    /* piecewise uniform: 10^7 samples in 1000 segments (rates changing, every other after a gap) */
    const int64_t seg_n = 10000000, per = 10000;
    if (rp_series_create(&(rp_series_desc){.capacity = seg_n, .rate = 1000}, &s) == RP_OK) {
        float *v = make_signal(per);
        double x = 0;
        for (int64_t k = 0; k < seg_n / per; k++) {
            double rate = 1000 + (double)(k % 7) * 10;
            if (k > 0) rp_push_segment(s, x + (k % 2 ? 1.0 / rate : 2.0), rate);
            rp_push(s, v, per);
            rp_series_x_extent(s, &(double){0}, &x);
        }
        double x0, x1;
        rp_series_x_extent(s, &x0, &x1);
        static rp_m4 out[WIDTH + 2];
        const int reps = 100;
        double t = rp_bench_now();
        for (int i = 0; i < reps; i++) {
            rp_decimation d = {.out = out, .out_capacity = WIDTH + 2};
            rp_decimate(s, x0 + (double)(i % 7), x1 - (double)(i % 5), WIDTH, &d);
        }
        rp_bench_report(tsv, "decimate_us_segmented_1e7", (rp_bench_now() - t) / reps * 1e6, "us",
                        "1920 columns over 1e7 samples in 1000 segments");
        rp_series_destroy(s);
        free(v);
    }
    float *buffer = calloc((size_t)n, sizeof(float));
    if (buffer && rp_series_create(&(rp_series_desc){.capacity = n, .borrow = {.data = buffer}},
                                   &s) == RP_OK) {
        rp_bench_report(tsv, "borrowed_bytes_per_sample",
                        (double)rp_series_stats_get(s).bytes / (double)n, "B",
                        "series over the caller's buffer: library overhead (goal <= 0.35)");
        rp_series_destroy(s);
    }
    free(buffer);
}

int rp_bench_core(int argc, char **argv, bool tsv)
{
    (void)argc;
    (void)argv;
    if (!tsv) printf("rp-bench core\n");
    bench_push(tsv);
    bench_decimate(tsv);
    bench_kinds(tsv);
    return 0;
}
