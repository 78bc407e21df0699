/* bench_history.c — rp-bench history: recording to disk and opening recordings.
 *   record_msamples_per_s     8 series pushed as fast as the recorder takes them (the producer
 *                             stays within half a ring of it), until the file is indexed and
 *                             synced; samples lost must be 0 (printed)
 *   bytes_per_sample_on_disk  file bytes / samples (samples 4 + leaf and mid summaries + headers)
 *   open_ms_<N>               rp_recording_open + the first frame: 8 series decimated over the
 *                             whole recording to 1920 columns (page cache warm: just written)
 *   open_cpu_ms_<N>           the same in this thread's CPU time: what it takes on a quiet machine
 *   pan_ms_recording_<N>      one frame (8 series × 1920 columns) while panning at zooms from the
 *                             whole recording down to 2,000 samples on screen
 *   recording_resident_bytes_per_sample  what an open recording keeps in memory per sample
 * Options: --samples N (all series together; default 1e9, 4.4 GB on disk; 1e8 under `all`), --dir DIR (default
 * /tmp; the file is deleted at the end), --keep FILE (record to FILE and keep it; when FILE
 * exists already, only the open and pan figures are measured on it). */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "ringplot.h"

#define SERIES 8
#define WIDTH 1920
#define CHUNK 65536

static rp_m4 columns[WIDTH + 2];

static double frame(rp_recording *rec, double x0, double x1)
{
    double t = rp_bench_now();
    for (int i = 0; i < SERIES; i++) {
        rp_decimation d = {.out = columns, .out_capacity = WIDTH + 2, .skip_extreme_index = true};
        rp_decimate(rp_recording_series(rec, i), x0, x1, WIDTH, &d);
        float lo, hi;
        bool found;
        rp_series_y_range(rp_recording_series(rec, i), x0, x1, &lo, &hi, &found); /* autoscale */
    }
    return (rp_bench_now() - t) * 1e3;
}

int rp_bench_history(int argc, char **argv, bool tsv)
{
    double total =
        argc > 0 && !strcmp(argv[0], "history") ? 1e9 : 1e8; /* `all`: 0.44 GB, not 4.4 */
    const char *dir = "/tmp", *keep = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--samples")) total = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
        if (!strcmp(argv[i], "--keep")) keep = argv[i + 1];
    }
    bool reuse = keep && access(keep, R_OK) == 0;
    int64_t per_series = (int64_t)(total / SERIES);
    char path[512], label[64];
    snprintf(path, sizeof path, "%s/rp-bench-history-%d.rpr", dir, (int)getpid());
    if (keep) snprintf(path, sizeof path, "%s", keep);
    rp_recorder_stats rs = {0};
    double samples = (double)per_series * SERIES;
    if (reuse) goto open_it;
    if (!tsv) printf("history: %d series x %" PRId64 " samples to %s\n", SERIES, per_series, path);

    rp_series *s[SERIES];
    const int64_t capacity = 1 << 24;
    for (int i = 0; i < SERIES; i++) {
        char name[32];
        snprintf(name, sizeof name, "ch%d", i);
        if (rp_series_create(&(rp_series_desc){.name = name, .capacity = capacity, .rate = 1e6},
                             &s[i]) != RP_OK)
            return 1;
    }
    rp_recorder *rec;
    if (rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) != RP_OK) return 1;
    for (int i = 0; i < SERIES; i++) rp_recorder_add_series(rec, s[i], "V");
    float *buf = malloc(CHUNK * sizeof(float));
    double t0 = rp_bench_now();
    for (int64_t at = 0; at < per_series; at += CHUNK) {
        int64_t n = per_series - at < CHUNK ? per_series - at : CHUNK;
        /* stay within half a ring of the recorder: a producer at the recorder's pace */
        while ((at + n) * SERIES - rp_recorder_stats_get(rec).samples_written >
               capacity / 2 * SERIES) {
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
        }
        for (int i = 0; i < SERIES; i++) {
            for (int64_t j = 0; j < n; j++) {
                int64_t k = at + j;
                buf[j] = (float)(((k * 2654435761u + (uint64_t)i * 977u) >> 7) & 1023) * 1e-3f +
                         (float)((k >> 16) % 100);
            }
            rp_push(s[i], buf, n);
        }
    }
    rs = rp_recorder_stats_get(rec);
    rp_recorder_destroy(rec);
    double record_s = rp_bench_now() - t0;
    free(buf);
    for (int i = 0; i < SERIES; i++) rp_series_destroy(s[i]);
    rp_bench_report(tsv, "record_msamples_per_s", samples / record_s / 1e6, "MS/s",
                    "8 series to disk, indexed and synced");
    rp_bench_report(tsv, "record_samples_lost", (double)rs.samples_lost, "samples", "must be 0");

open_it:;
    struct timespec c0, c1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    double t1 = rp_bench_now();
    rp_recording *r;
    if (rp_recording_open(path, NULL, &r) != RP_OK) return 1;
    samples = (double)rp_recording_stats_get(r).samples;
    const char *n_name = samples >= 1e9   ? "1e9"
                         : samples >= 1e8 ? "1e8"
                         : samples >= 1e7 ? "1e7"
                                          : "small";
    double x0, x1;
    rp_series_x_extent(rp_recording_series(r, 0), &x0, &x1);
    frame(r, x0, x1);
    double open_ms = (rp_bench_now() - t1) * 1e3;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    double open_cpu_ms =
        (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-6;
    rp_recording_stats st = rp_recording_stats_get(r);
    rp_bench_report(tsv, "bytes_per_sample_on_disk", (double)st.file_bytes / samples, "B",
                    "goal <= 4.6");
    snprintf(label, sizeof label, "open_ms_%s", n_name);
    rp_bench_report(tsv, label, open_ms, "ms",
                    "open + first frame, 8 series x 1920 px, whole recording");
    snprintf(label, sizeof label, "open_cpu_ms_%s", n_name);
    rp_bench_report(tsv, label, open_cpu_ms, "ms",
                    "the same in CPU time of this thread (page faults included): what a quiet "
                    "machine takes");
    /* pan: 12 zoom levels from everything to ~2,000 samples, 10 steps of 10% each */
    double worst = 0, sum = 0;
    int frames = 0;
    for (int z = 0; z < 12; z++) {
        double span = (x1 - x0) * pow(10.0, -z * log10(samples / SERIES / 2000.0) / 11.0);
        double a = x0 + (x1 - x0 - span) * 0.37;
        for (int step = 0; step < 10; step++, frames++) {
            double ms = frame(r, a + span * 0.1 * step, a + span * 0.1 * step + span);
            sum += ms;
            worst = ms > worst ? ms : worst;
        }
    }
    snprintf(label, sizeof label, "pan_ms_recording_%s", n_name);
    rp_bench_report(tsv, label, sum / frames, "ms",
                    "mean frame while panning, zooms from all to 2k samples");
    snprintf(label, sizeof label, "pan_ms_recording_%s_worst", n_name);
    rp_bench_report(tsv, label, worst, "ms", "slowest of those frames");
    int64_t resident = 0;
    for (int i = 0; i < SERIES; i++)
        resident += rp_series_stats_get(rp_recording_series(r, i)).bytes;
    rp_bench_report(tsv, "recording_resident_bytes_per_sample", (double)resident / samples, "B",
                    "memory an open recording keeps (the file is mapped, not loaded)");
    rp_recording_close(r);
    if (!keep) unlink(path);
    /* the core's borrowed series over a caller's buffer: its own bytes per sample */
    const int64_t cap = (int64_t)1 << 24;
    float *caller = calloc((size_t)cap, sizeof(float));
    rp_series *borrowed = NULL;
    if (caller && rp_series_create(&(rp_series_desc){.capacity = cap, .borrow = {.data = caller}},
                                   &borrowed) == RP_OK)
        rp_bench_report(tsv, "borrowed_bytes_per_sample",
                        (double)rp_series_stats_get(borrowed).bytes / (double)cap, "B",
                        "a series over the caller's buffer (core), 2^24 slots");
    rp_series_destroy(borrowed);
    free(caller);
    return rs.samples_lost == 0 ? 0 : 1;
}
