/* bench_views.c — what the views of their own cost on the CPU (part of rp-bench render):
 *   fft_ms_65536   one spectrum update of a 65536-point panel: copy the newest block out of the
 *                  series, window it, FFTW r2c (plan made at panel creation), power, averaging,
 *                  dB and peak; mean over many updates, each after one new sample.
 *   trigger_sweeps_per_s, trigger_msamples_per_s   a trigger panel's updates (below). */
#include <math.h>
#include <stdlib.h>

#include "bench.h"
#include "ringplot.h"

void rp_bench_views(bool tsv, bool quick)
{
    enum { N = 65536 };
    rp_series *s = NULL;
    rp_figure *f = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "bench", .capacity = 4 * N, .rate = 48000},
                         &s) != RP_OK ||
        rp_figure_create(NULL, &f) != RP_OK) {
        fprintf(stderr, "bench views: out of memory\n");
        rp_series_destroy(s);
        return;
    }
    float *block = malloc(sizeof(float) * N);
    int panel = -1;
    if (!block || rp_figure_add_spectrum_panel(
                      f, s, &(rp_spectrum_desc){.size = N, .averaging = 0.5}, &panel) != RP_OK) {
        fprintf(stderr, "bench views: no spectrum panel\n");
    } else {
        uint64_t x = 88172645463325252ull; /* xorshift: noise, fixed seed */
        for (int i = 0; i < N; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            block[i] = (float)(x >> 40) / (float)(1 << 24) - 0.5f;
        }
        rp_push(s, block, N);
        int runs = quick ? 10 : 200;
        rp_figure_spectrum_update(f, panel, NULL); /* warm */
        double t0 = rp_bench_now();
        for (int i = 0; i < runs; i++) {
            rp_push(s, &block[i], 1); /* new data, so the update computes */
            rp_figure_spectrum_update(f, panel, NULL);
        }
        double ms = (rp_bench_now() - t0) * 1e3 / runs;
        rp_bench_report(tsv, "fft_ms_65536", ms, "ms",
                        "spectrum update of 65536 points: copy, window, FFTW r2c, dB, peak");
    }
    free(block);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* trigger_sweeps_per_s: a trigger panel (sweep 1000, pre 0.25, hysteresis) over a 10^7-sample
 * sine of period 1000 (10^4 triggers), examined in frame-sized chunks of 10^5 samples. */
void rp_bench_trigger(bool tsv, bool quick)
{
    const int64_t total = quick ? 1000000 : 10000000, chunk = 100000;
    rp_series *s = NULL;
    rp_figure *f = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "bench", .capacity = 1 << 20, .rate = 1e6},
                         &s) != RP_OK ||
        rp_figure_create(NULL, &f) != RP_OK) {
        rp_series_destroy(s);
        return;
    }
    float *buf = malloc(sizeof(float) * chunk);
    int panel = -1;
    if (buf && rp_figure_add_trigger_panel(f, s,
                                           &(rp_trigger_desc){.sweep = 1000,
                                                              .pre_trigger = 0.25,
                                                              .hysteresis = 0.1,
                                                              .mode = RP_TRIGGER_NORMAL},
                                           &panel) == RP_OK) {
        for (int64_t i = 0; i < chunk; i++)
            buf[i] = (float)sin(6.283185307179586 * (double)(i % 1000) / 1000.0);
        double spent = 0;
        rp_trigger_state st = {0};
        for (int64_t done = 0; done < total; done += chunk) {
            rp_push(s, buf, chunk);
            double t0 = rp_bench_now();
            rp_figure_trigger_update(f, panel, &st);
            spent += rp_bench_now() - t0;
        }
        rp_bench_report(tsv, "trigger_sweeps_per_s", (double)st.sweeps / spent, "sweeps/s",
                        "sweep 1000, every sample examined once, chunks of 1e5");
        rp_bench_report(tsv, "trigger_msamples_per_s", (double)total / spent / 1e6, "Msamples/s",
                        "samples examined per second by the trigger");
    }
    free(buf);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}
