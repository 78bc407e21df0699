/* test_spectrum.c — spectrum panels without a GPU: a sine on a bin centre lands on its bin with
 * the level 20·log10(A) for each window; between bins the flat-top window keeps the level and
 * the parabola finds the frequency; averaging; no recomputation without new samples; too few
 * samples; bad descriptions refused; the dB autoscale follows the peak. */
#include <math.h>
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

#define RATE 1000.0
#define SIZE 1024

static rp_series *sine_series(double freq, double amplitude, double offset, int64_t n)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "sig", .capacity = 1 << 16, .rate = RATE}, &s),
                    RP_OK);
    static float buf[1 << 14];
    for (int64_t i = 0; i < n; i++)
        buf[i] = (float)(offset + amplitude * sin(2 * 3.14159265358979323846 * freq * (double)i / RATE));
    RP_CHECK_EQ_INT(rp_push(s, buf, n), RP_OK);
    return s;
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

static void test_between_bins(void)
{
    double bw = RATE / SIZE, f = 100.5 * bw; /* worst case: half way between bins */
    rp_series *s = sine_series(f, 1.0, 0.0, SIZE);
    rp_figure *fig = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
    int flat = -1, hann = -1;
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = SIZE, .window = RP_WINDOW_FLAT_TOP}, &flat),
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = SIZE}, &hann), RP_OK);
    rp_spectrum_peak pf, ph;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, flat, &pf), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, hann, &ph), RP_OK);
    RP_CHECK_NEAR(pf.db, 0.0, 0.05);           /* flat top: amplitude right between bins */
    RP_CHECK_NEAR(ph.db, -1.42, 0.02); /* Hann's scalloping loss half way between bins */
    RP_CHECK_NEAR(ph.frequency, f, 0.1 * bw);  /* interpolated, not snapped to a bin */
    rp_figure_destroy(fig);
    rp_series_destroy(s);
}

static void test_averaging_and_view(void)
{
    double bw = RATE / SIZE;
    rp_series *s = sine_series(50 * bw, 1.0, 0.0, SIZE);
    rp_figure *fig = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &fig), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = SIZE, .averaging = 0.5}, &p), RP_OK);
    rp_spectrum_peak pk;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(fig, p, &pk), RP_OK);
    RP_CHECK_NEAR(pk.db, 0.0, 0.02);
    double y0, y1;
    RP_CHECK_EQ_INT(rp_figure_y_view(fig, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y1, 10.0, 1e-9);
    RP_CHECK_NEAR(y0, -100.0, 1e-9);
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
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.size = 8}, &p), RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(fig), "size 8") != NULL);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.window = RP_WINDOW_COUNT}, &p),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, &(rp_spectrum_desc){.averaging = 1.0}, &p), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, NULL, NULL, &p), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_panel_count(fig), 0);
    /* 100 samples, 4096 wanted: nothing computed yet, no peak */
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(fig, s, NULL, &p), RP_OK);
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

int main(void)
{
    test_bin_centre();
    test_between_bins();
    test_averaging_and_view();
    test_misuse();
    return rp_test_finish();
}
