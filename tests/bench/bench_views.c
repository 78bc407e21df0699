/* bench_views.c — what the views of their own cost on the CPU (part of rp-bench render):
 *   fft_ms_65536   one spectrum update of a 65536-point panel: copy the newest block out of the
 *                  series, window it, FFTW r2c (plan made at panel creation), power, averaging,
 *                  dB and peak; mean over many updates, each after one new sample. */
#include <stdlib.h>

#include "bench.h"
#include "ringplot.h"

void rp_bench_views(bool tsv, bool quick)
{
    enum { N = 65536 };
    rp_series *s = NULL;
    rp_figure *f = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "bench", .capacity = 4 * N, .rate = 48000}, &s) != RP_OK ||
        rp_figure_create(NULL, &f) != RP_OK) {
        fprintf(stderr, "bench views: out of memory\n");
        rp_series_destroy(s);
        return;
    }
    float *block = malloc(sizeof(float) * N);
    int panel = -1;
    if (!block || rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = N, .averaging = 0.5}, &panel) != RP_OK) {
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
