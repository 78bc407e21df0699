/* test_spectrum.c — spectrum panels without a GPU: a sine on a bin centre lands on its bin with
 * the level 20·log10(A) for each window; between bins the flat-top window keeps the level and
 * the parabola finds the frequency; averaging; no recomputation without new samples; too few
 * samples; bad descriptions refused; the dB autoscale follows the peak. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "figure/figure_internal.h"
#include "figure/spectrum.h"
#include "ringplot.h"
#include "rp_test.h"

#define RATE 1000.0
#define SIZE 1024

static rp_series *sine_series(double freq, double amplitude, double offset, int64_t n)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = "sig", .capacity = 1 << 16, .rate = RATE}, &s),
        RP_OK);
    static float buf[1 << 14];
    for (int64_t i = 0; i < n; i++)
        buf[i] =
            (float)(offset + amplitude * sin(2 * 3.14159265358979323846 * freq * (double)i / RATE));
    RP_CHECK_EQ_INT(rp_push(s, buf, n), RP_OK);
    return s;
}

/* Two waterfalls made one after the other (the first freed: the second may sit at its address)
 * never share an image version: a drawer's texture cache keyed by address and version drew the
 * first one's rows for the second now and then (render_views' last golden). */
static void test_waterfall_versions_unique(void)
{
    rp_series *s = sine_series(100.0, 0.5, 0.0, 4096);
    uint64_t versions[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        rp_figure *fig = NULL;
        RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
        int panel = -1;
        rp_spectrum_desc d = {.size = SIZE, .waterfall = 4};
        RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &d, &panel), RP_OK);
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, panel, NULL), RP_OK);
        int rows = 0;
        RP_CHECK(rp_spectrum_waterfall_image(fig->panels[panel].spectrum, 64, false, 0, 500, -100,
                                             0, &rows, &versions[k]) != NULL);
        rp_figure_destroy(fig);
    }
    RP_CHECK_MSG(versions[0] != versions[1], "both images at version %llu",
                 (unsigned long long)versions[0]);
    rp_series_destroy(s);
}

static void test_bin_centre(void)
{
    /* bin 100 of 1024 at 1 kHz: 97.65625 Hz */
    double bw = RATE / SIZE, f = 100 * bw;
    for (int w = 0; w < RP_WINDOW_COUNT; w++) {
        rp_series *s = sine_series(f, 0.5, 2.0, 4096); /* a DC offset must not win the peak */
        rp_figure *fig = NULL;
        RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
        int panel = -1;
        rp_spectrum_desc d = {.size = SIZE, .window = (rp_fft_window)w};
        RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &d, &panel), RP_OK);
        RP_CHECK_EQ_INT(panel, 0);
        rp_spectrum_peak pk;
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, panel, &pk), RP_OK);
        RP_CHECK_EQ_INT(pk.computed, 1);
        RP_CHECK_EQ_INT(pk.bin, 100);
        RP_CHECK_NEAR(pk.rate, RATE, 1e-6);
        RP_CHECK_NEAR(pk.frequency, f, 0.01 * bw);
        RP_CHECK_NEAR(pk.db, 20 * log10(0.5), 0.02); /* -6.02 dB */
        int bins = 0;
        double width = 0;
        const float *db = rp_figure_spectrum_db(fig, panel, &bins, &width);
        RP_CHECK(db != NULL);
        RP_CHECK_EQ_INT(bins, SIZE / 2 + 1);
        RP_CHECK_NEAR(width, bw, 1e-9);
        RP_CHECK_NEAR(db[0], 20 * log10(2.0), 0.05); /* the offset at DC */
        RP_CHECK(db[300] < -60);                     /* far from the tone: leakage only */
        /* no new samples: not computed again */
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, panel, &pk), RP_OK);
        RP_CHECK_EQ_INT(pk.computed, 1);
        rp_figure_destroy(fig);
        rp_series_destroy(s);
    }
}

/* A tone within the window's lobe of 0 Hz, beside an offset or none: found at its frequency by
 * every window (the search walked down from DC while the bins fell, and on flat-top's flat lobe
 * walked through the tone: the demo's 59 Hz pressure once read "peak 2866 Hz -30 dB"). */
static void test_tone_near_dc(void)
{
    double bw = RATE / SIZE;
    const double offsets[3] = {0.0, 5.0, -3.0}, bins_at[2] = {2.4, 3.7};
    for (int w = 0; w < RP_WINDOW_COUNT; w++) {
        for (int o = 0; o < 3; o++) {
            for (int b = 0; b < 2; b++) {
                rp_series *s = sine_series(bins_at[b] * bw, 1.0, offsets[o], SIZE);
                rp_figure *fig = NULL;
                RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
                int panel = -1;
                RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(
                                    fig, s,
                                    &(rp_spectrum_desc){.size = SIZE, .window = (rp_fft_window)w},
                                    &panel),
                                RP_OK);
                rp_spectrum_peak pk;
                RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, panel, &pk), RP_OK);
                /* the tone's image at -f overlaps its lobe there: flat-top's, ±5 bins wide,
                 * moves the parabola by up to half a bin */
                double reach = w == RP_WINDOW_FLAT_TOP ? 0.6 : 0.35;
                RP_CHECK_MSG(fabs(pk.frequency / bw - bins_at[b]) < reach,
                             "window %d, offset %g, tone at bin %.1f: peak at bin %.2f (%.1f dB)",
                             w, offsets[o], bins_at[b], pk.frequency / bw, pk.db);
                if (w == RP_WINDOW_FLAT_TOP) /* the window for amplitudes: 0 dB, A = 1 */
                    RP_CHECK_MSG(fabs(pk.db) < 0.5, "flat-top near DC: %.2f dB", pk.db);
                rp_figure_destroy(fig);
                rp_series_destroy(s);
            }
        }
    }
}

static void test_between_bins(void)
{
    double bw = RATE / SIZE, f = 100.5 * bw; /* worst case: half way between bins */
    rp_series *s = sine_series(f, 1.0, 0.0, SIZE);
    rp_figure *fig = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
    int flat = -1, hann = -1;
    RP_CHECK_EQ_INT(
        rp_figure_add_spectrum_panel(
            fig, s, &(rp_spectrum_desc){.size = SIZE, .window = RP_WINDOW_FLAT_TOP}, &flat),
        RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = SIZE}, &hann),
                    RP_OK);
    rp_spectrum_peak pf, ph;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, flat, &pf), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, hann, &ph), RP_OK);
    RP_CHECK_NEAR(pf.db, 0.0, 0.05);          /* flat top: amplitude right between bins */
    RP_CHECK_NEAR(ph.db, -1.42, 0.02);        /* Hann's scalloping loss half way between bins */
    RP_CHECK_NEAR(ph.frequency, f, 0.1 * bw); /* interpolated, not snapped to a bin */
    rp_figure_destroy(fig);
    rp_series_destroy(s);
    /* the frequency, every window, tones anywhere between bins: within 1/100 of a bin (a parabola
     * through three bins' dB was 0.13 bin off with flat-top, whose lobe is flat, 0.013 with Hann) */
    static const double at[] = {100.1, 100.27, 100.5, 100.73, 321.9};
    for (int w = 0; w < RP_WINDOW_COUNT; w++) {
        double worst = 0;
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
            rp_series *t = sine_series(at[i] * bw, 0.5, 0.0, SIZE);
            rp_figure *g = NULL;
            int p = -1;
            RP_CHECK_EQ_INT(rp_figure_create(NULL, &g), RP_OK);
            RP_CHECK_EQ_INT(
                rp_figure_add_spectrum_panel(
                    g, t, &(rp_spectrum_desc){.size = SIZE, .window = (rp_fft_window)w}, &p),
                RP_OK);
            rp_spectrum_peak pk;
            RP_CHECK_EQ_INT(rp_figure_spectrum_update(g, p, &pk), RP_OK);
            double off = fabs(pk.frequency - at[i] * bw) / bw;
            worst = off > worst ? off : worst;
            rp_figure_destroy(g);
            rp_series_destroy(t);
        }
        RP_CHECK_MSG(worst < 0.01, "window %d: %.4f bin off", w, worst);
    }
}

static void test_averaging_and_view(void)
{
    double bw = RATE / SIZE;
    rp_series *s = sine_series(50 * bw, 1.0, 0.0, SIZE);
    rp_figure *fig = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(
                        fig, s, &(rp_spectrum_desc){.size = SIZE, .averaging = 0.5}, &p),
                    RP_OK);
    rp_spectrum_peak pk;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
    RP_CHECK_NEAR(pk.db, 0.0, 0.02);
    double y0, y1;
    RP_CHECK_EQ_INT(rp_figure_y_view(fig, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y1, 10.0, 1e-9);
    RP_CHECK_NEAR(y0, -100.0, 1e-9);
    { /* a hair over 0 dB (amplitude 1.002: +0.017 dB) keeps that view: it jumped to 20 .. -90 */
        rp_series *s2 = sine_series(50 * bw, 1.002, 0.0, SIZE);
        rp_figure *f2 = NULL;
        int p2 = -1;
        RP_CHECK_EQ_INT(rp_figure_create(NULL, &f2), RP_OK);
        RP_CHECK_EQ_INT(
            rp_figure_add_spectrum_panel(f2, s2, &(rp_spectrum_desc){.size = SIZE}, &p2), RP_OK);
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(f2, p2, &pk), RP_OK);
        RP_CHECK(pk.db > 0.0);
        RP_CHECK_EQ_INT(rp_figure_y_view(f2, p2, &y0, &y1), RP_OK);
        RP_CHECK_MSG(y1 == 10.0 && y0 == -100.0, "peak %.4f dB: view %g .. %g", pk.db, y0, y1);
        rp_figure_destroy(f2);
        rp_series_destroy(s2);
    }
    /* a silent block: the averaged power halves (-3.01 dB), it does not drop to silence */
    static float zeros[SIZE];
    RP_CHECK_EQ_INT(rp_push(s, zeros, SIZE), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
    RP_CHECK_EQ_INT(pk.computed, 2);
    RP_CHECK_EQ_INT(pk.bin, 50);
    RP_CHECK_NEAR(pk.db, -3.0103, 0.02);
    /* changing the window restarts the average */
    rp_spectrum_desc d = rp_figure_spectrum_desc(fig, p);
    RP_CHECK(strcmp(d.title, "spectrum of sig") == 0);
    d.window = RP_WINDOW_BLACKMAN_HARRIS;
    RP_CHECK_EQ_INT(rp_figure_set_spectrum(fig, p, &d), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
    RP_CHECK(pk.db < -150); /* the newest block alone: silence */
    rp_figure_destroy(fig);
    rp_series_destroy(s);
}

static void test_misuse(void)
{
    rp_series *s = sine_series(10, 1.0, 0.0, 100);
    rp_figure *fig = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = 8}, &p),
                    RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(fig), "size 8") != NULL);
    RP_CHECK_EQ_INT(
        rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.window = RP_WINDOW_COUNT}, &p),
        RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.averaging = 1.0}, &p),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, NULL, NULL, &p), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_panel_count(fig), 0);
    /* 100 samples, 4096 wanted, following a live window: nothing computed yet, no peak */
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, NULL, &p), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_follow(fig, 10.0), RP_OK);
    rp_spectrum_peak pk;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
    RP_CHECK_EQ_INT(pk.computed, 0);
    RP_CHECK(rp_figure_spectrum_db(fig, p, NULL, NULL) == NULL);
    int time_panel = -1;
    RP_CHECK_EQ_INT(rp_figure_add_panel(fig, NULL, &time_panel), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, time_panel, &pk), RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(fig), "not a spectrum panel") != NULL);
    rp_fft_window w;
    RP_CHECK(rp_fft_window_parse("flat-top", &w) && w == RP_WINDOW_FLAT_TOP);
    RP_CHECK(!rp_fft_window_parse("boxcar", &w));
    /* the series destroyed while still in the figure: refused, never read */
    rp_series_destroy(s);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_ERR_INVALID_ARG);
    rp_figure_destroy(fig);
}

/* Fewer samples than the size where no more will come (the whole series shown, span 0; a view
 * that does not follow): the spectrum of what there is, windowed over its own length and
 * zero-padded, at the right frequency and level, the offset at DC and not taken for the peak;
 * following a live window it waits for the size. */
static void test_short_block(void)
{
    const int got = 1500; /* of 4096 */
    double f = 123.4;
    for (int w = 0; w < RP_WINDOW_COUNT; w++) {
        rp_series *s = sine_series(f, 0.5, 2.0, got);
        rp_figure *fig = NULL;
        RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
        int p = -1;
        RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(
                            fig, s, &(rp_spectrum_desc){.window = (rp_fft_window)w}, &p),
                        RP_OK);
        rp_spectrum_peak pk;
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK); /* follows, span 0 */
        RP_CHECK_EQ_INT(pk.computed, 1);
        RP_CHECK_EQ_INT(pk.held, got);
        RP_CHECK_NEAR(pk.rate, RATE, 1e-6);
        double bw = RATE / 4096;
        RP_CHECK_MSG(fabs(pk.frequency - f) < 0.25 * bw, "window %d: peak %.3f Hz", w,
                     pk.frequency);
        /* padded to 2.7× the samples, bins lie closer than the window's lobe: little scalloping */
        RP_CHECK_MSG(fabs(pk.db - 20 * log10(0.5)) < 0.25, "window %d: peak %.2f dB", w, pk.db);
        int bins = 0;
        double width = 0;
        const float *db = rp_figure_spectrum_db(fig, p, &bins, &width);
        RP_REQUIRE_VOID(db != NULL);
        RP_CHECK_NEAR(width, bw, 1e-9);
        RP_CHECK_MSG(fabs(db[0] - 20 * log10(2.0)) < 0.05, "window %d: DC %.2f dB", w, db[0]);
        RP_CHECK(db[(int)(400 / bw)] < -60); /* far from both: leakage only */
        /* unchanged: not computed again; a live window: waits for 4096 */
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
        RP_CHECK_EQ_INT(pk.computed, 1);
        RP_CHECK_EQ_INT(rp_figure_follow(fig, 5.0), RP_OK);
        RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
        RP_CHECK(rp_figure_spectrum_db(fig, p, NULL, NULL) == NULL);
        rp_figure_destroy(fig);
        rp_series_destroy(s);
    }
}

/* rp_series_copy_latest while a producer pushes a ramp (sample k = k mod 2^20, exact in float)
 * into a small ring that wraps many times: every block read is contiguous and ends at its x. */
typedef struct ramp_producer {
    rp_series *series;
    atomic_bool done;
} ramp_producer;

static void *push_ramp(void *arg)
{
    ramp_producer *p = arg;
    float chunk[64];
    for (int64_t k = 0; k < (1 << 21);) {
        for (int i = 0; i < 64; i++, k++) chunk[i] = (float)(k % (1 << 20));
        rp_push(p->series, chunk, 64);
    }
    atomic_store(&p->done, true);
    return NULL;
}

static void test_copy_latest_concurrent(void)
{
    ramp_producer p = {0};
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = "ramp", .capacity = 4096, .rate = 1}, &p.series),
        RP_OK);
    atomic_init(&p.done, false);
    pthread_t th;
    RP_CHECK_EQ_INT(pthread_create(&th, NULL, push_ramp, &p), 0);
    static float block[1024];
    int reads = 0, bad = 0;
    while (!atomic_load(&p.done) || reads == 0) {
        int64_t got = 0;
        double x0 = 0, x1 = 0;
        if (rp_series_copy_latest(p.series, block, 1024, &got, &x0, &x1) != RP_OK || got < 2)
            continue;
        reads++;
        for (int64_t i = 1; i < got; i++)
            if (fmodf(block[i - 1] + 1.0f, (float)(1 << 20)) != block[i]) bad++;
        if (fmod(x1, (double)(1 << 20)) != block[got - 1] || x1 - x0 != (double)(got - 1)) bad++;
    }
    pthread_join(th, NULL);
    RP_CHECK(reads > 0);
    RP_CHECK_MSG(bad == 0, "%d torn blocks in %d reads", bad, reads);
    int64_t got = 0;
    RP_CHECK_EQ_INT(rp_series_copy_latest(p.series, block, 1024, &got, NULL, NULL), RP_OK);
    RP_CHECK_EQ_INT(got, 1024);
    RP_CHECK(block[1023] == (float)((1 << 21) - 1 - (1 << 20)));
    RP_CHECK_EQ_INT(rp_series_copy_latest(p.series, NULL, 1024, &got, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    rp_series_destroy(p.series);
}

int main(void)
{
    test_copy_latest_concurrent();
    test_waterfall_versions_unique();
    test_bin_centre();
    test_tone_near_dc();
    test_between_bins();
    test_averaging_and_view();
    test_misuse();
    test_short_block();
    return rp_test_finish();
}
