/* test_view_axes.c — the own axes of spectrum, trigger and XY panels without a GPU: the range
 * arithmetic (zoom around a point, pan, kept within the whole range), rp_figure_view_zoom / _pan /
 * _reset on each kind of panel and what they write into the descs, the descs' new fields
 * validated, a new trigger window that leaves the trigger alone, and y views of spectrum and XY
 * panels that land in their descs. */
#include <math.h>
#include <string.h>

#include "figure/figure_internal.h"
#include "figure/view_axes.h"
#include "rp_test.h"

#define RATE 1000.0
#define PI 3.14159265358979323846

static void test_range_math(void)
{
    double lo = 0, hi = 100;
    rp_range_zoom(&lo, &hi, 0.25, 0.5, 0, 100, 1); /* around 25: [12.5, 62.5] */
    RP_CHECK_NEAR(lo, 12.5, 1e-12);
    RP_CHECK_NEAR(hi, 62.5, 1e-12);
    rp_range_pan(&lo, &hi, 1.0, 0, 100); /* a whole width up: [62.5, 112.5] kept within: */
    RP_CHECK_NEAR(lo, 50, 1e-12);
    RP_CHECK_NEAR(hi, 100, 1e-12);
    rp_range_pan(&lo, &hi, -5.0, 0, 100);
    RP_CHECK(lo == 0 && hi == 50);
    rp_range_zoom(&lo, &hi, 0.5, 10, 0, 100, 1); /* out past the whole range: the whole range */
    RP_CHECK(lo == 0 && hi == 100);
    rp_range_zoom(&lo, &hi, 0.5, 1e-9, 0, 100, 2); /* in past min_span: min_span around 50 */
    RP_CHECK_NEAR(lo, 49, 1e-12);
    RP_CHECK_NEAR(hi, 51, 1e-12);
    lo = -1, hi = 1; /* unbounded */
    rp_range_pan(&lo, &hi, 3.0, -INFINITY, INFINITY);
    RP_CHECK(lo == 5 && hi == 7);
    rp_range_zoom(&lo, &hi, 1.0, 2.0, -INFINITY, INFINITY, 0); /* around its top end */
    RP_CHECK(lo == 3 && hi == 7);
}

/* A 1 kHz series with a 50 Hz sine, a spectrum panel of 1000 points (bins of 1 Hz, 0 .. 500 Hz). */
static void test_spectrum(void)
{
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "sig", .rate = RATE}, &s) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    int time_panel = -1, p = -1;
    RP_CHECK(rp_figure_add_panel(f, NULL, &time_panel) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, time_panel, s, NULL) == RP_OK);
    RP_CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1000}, &p) == RP_OK);
    /* no sample rate yet: nothing to zoom */
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f, p, 0.5, 0.5, 0.5, 1), RP_ERR_UNSUPPORTED);
    float buf[2000];
    for (int i = 0; i < 2000; i++) buf[i] = (float)sin(2 * PI * 50 * i / RATE);
    RP_CHECK(rp_push(s, buf, 2000) == RP_OK);
    RP_CHECK(rp_figure_spectrum_update(f, p, NULL) == RP_OK);

    /* a time panel has no axes of its own; bad points and factors */
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f, time_panel, 0.5, 0.5, 0.5, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_view_pan(f, time_panel, 0.1, 0), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_view_reset(f, 7), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f, p, NAN, 0.5, 0.5, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f, p, 0.5, 0.5, 0, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_view_pan(f, p, INFINITY, 0), RP_ERR_INVALID_ARG);

    /* wheel in at a tenth of the plot (50 Hz): 4x around 50 Hz */
    RP_CHECK(rp_figure_view_zoom(f, p, 0.1, 0.5, 0.25, 1) == RP_OK);
    rp_spectrum_desc d = rp_figure_spectrum_desc(f, p);
    RP_CHECK_NEAR(d.freq_min, 50 - 50 * 0.25, 1e-9);
    RP_CHECK_NEAR(d.freq_max, 50 + 450 * 0.25, 1e-9);
    RP_CHECK(d.db_min == 0 && d.db_max == 0); /* the dB axis untouched */
    /* drag: pan past 0 stops at 0, keeping the width */
    RP_CHECK(rp_figure_view_pan(f, p, -1.0, 0) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK(d.freq_min == 0);
    RP_CHECK_NEAR(d.freq_max, 125, 1e-9);
    /* zoomed out past the whole axis: unset again (follows the rate) */
    RP_CHECK(rp_figure_view_zoom(f, p, 0.5, 0.5, 10, 1) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK(d.freq_min == 0 && d.freq_max == 0);

    /* shift+wheel: the dB axis, as the panel's y view too */
    double y0, y1;
    RP_CHECK(rp_figure_y_view(f, p, &y0, &y1) == RP_OK);
    RP_CHECK(rp_figure_view_zoom(f, p, 0.5, 1.0, 1, 0.5) == RP_OK); /* around the top */
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK_NEAR(d.db_max, y1, 1e-9);
    RP_CHECK_NEAR(d.db_min, y1 - 0.5 * (y1 - y0), 1e-9);
    RP_CHECK(d.freq_min == 0 && d.freq_max == 0);
    double z0, z1;
    RP_CHECK(rp_figure_y_view(f, p, &z0, &z1) == RP_OK && z0 == d.db_min && z1 == d.db_max);
    /* a dB view set through the panel's y view is the desc's; autoscale clears it */
    RP_CHECK(rp_figure_set_y_view(f, p, -80, 0) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK(d.db_min == -80 && d.db_max == 0);
    RP_CHECK(rp_figure_autoscale_y(f, p) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK(d.db_min == 0 && d.db_max == 0);
    RP_CHECK(rp_figure_y_view(f, p, &z0, &z1) == RP_OK && z0 == y0 && z1 == y1);

    /* a log axis zooms by factors: around the middle (in log10) of [1, 500] */
    d.log_frequency = true;
    RP_CHECK(rp_figure_set_spectrum(f, p, &d) == RP_OK);
    RP_CHECK(rp_figure_view_zoom(f, p, 0.5, 0.5, 0.5, 1) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    double mid = 0.5 * log10(500.0);
    RP_CHECK_NEAR(log10(d.freq_min), mid - 0.25 * log10(500.0), 1e-9);
    RP_CHECK_NEAR(log10(d.freq_max), mid + 0.25 * log10(500.0), 1e-9);

    /* the view shown: set fields kept within the axis */
    rp_spectrum_view sv = rp_spectrum_get_view(f->panels[p].spectrum);
    double lo, hi;
    sv.desc.log_frequency = false;
    sv.desc.freq_min = -20;
    sv.desc.freq_max = 1e6;
    RP_CHECK(rp_spectrum_freq_view(&sv, &lo, &hi) && lo == 0 && fabs(hi - 500) < 1e-9);
    sv.desc.freq_min = 600; /* nothing of it on the axis: the whole axis */
    sv.desc.freq_max = 700;
    RP_CHECK(rp_spectrum_freq_view(&sv, &lo, &hi) && lo == 0 && fabs(hi - 500) < 1e-9);

    /* reset: the whole axis, autoscaled */
    RP_CHECK(rp_figure_view_reset(f, p) == RP_OK);
    d = rp_figure_spectrum_desc(f, p);
    RP_CHECK(d.freq_min == 0 && d.freq_max == 0 && d.db_min == 0 && d.db_max == 0);
    /* bad frequency views */
    d.freq_min = 10;
    d.freq_max = 5;
    RP_CHECK_EQ_INT(rp_figure_set_spectrum(f, p, &d), RP_ERR_INVALID_ARG);
    d.freq_min = NAN;
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(f, s, &d, NULL), RP_ERR_INVALID_ARG);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A square wave, 100 samples a period, pushed in two halves: a window set between them leaves the
 * trigger alone (the same sweeps as a figure without one, the kept sweeps not forgotten). */
static void test_trigger(void)
{
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "sq", .rate = RATE}, &s) == RP_OK);
    rp_figure *f[2] = {NULL, NULL};
    int p[2] = {-1, -1};
    rp_trigger_desc td = {
        .sweep = 50, .level = 0.5, .pre_trigger = 0.2, .persistence = 4, .mode = RP_TRIGGER_NORMAL};
    for (int k = 0; k < 2; k++) {
        RP_REQUIRE_VOID(rp_figure_create(NULL, &f[k]) == RP_OK);
        RP_CHECK(rp_figure_add_trigger_panel(f[k], s, &td, &p[k]) == RP_OK);
    }
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f[0], p[0], 0.5, 0.5, 0.5, 1), RP_ERR_UNSUPPORTED);
    float buf[1000];
    for (int i = 0; i < 1000; i++) buf[i] = (i % 100) < 50 ? 1.0f : 0.0f;
    RP_CHECK(rp_push(s, buf, 475) == RP_OK); /* ends low, armed */
    for (int k = 0; k < 2; k++) RP_CHECK(rp_figure_trigger_update(f[k], p[k], NULL) == RP_OK);

    /* sweep: t from -10 ms to 39 ms; wheel in around its middle */
    RP_CHECK(rp_figure_view_zoom(f[0], p[0], 0.5, 0.5, 0.5, 1) == RP_OK);
    rp_trigger_desc d = rp_figure_trigger_desc(f[0], p[0]);
    double t0 = -0.010, t1 = 0.039, c = 0.5 * (t0 + t1);
    RP_CHECK_NEAR(d.time_min, c - 0.25 * (t1 - t0), 1e-12);
    RP_CHECK_NEAR(d.time_max, c + 0.25 * (t1 - t0), 1e-12);
    RP_CHECK(rp_figure_trigger_history(f[0], p[0], 0, NULL) != NULL); /* kept sweeps stay */
    RP_CHECK(rp_figure_view_pan(f[0], p[0], -10, 0) == RP_OK); /* stops at the sweep's start */
    d = rp_figure_trigger_desc(f[0], p[0]);
    RP_CHECK_NEAR(d.time_min, t0, 1e-12);
    RP_CHECK_NEAR(d.time_max, t0 + 0.5 * (t1 - t0), 1e-12);
    RP_CHECK(rp_figure_view_zoom(f[0], p[0], 0.5, 0.5, 1, 0.5) == RP_OK); /* y: the panel's view */
    double y0, y1;
    RP_CHECK(rp_figure_y_view(f[0], p[0], &y0, &y1) == RP_OK && f[0]->panels[p[0]].fixed_y);

    RP_CHECK(rp_push(s, buf + 475, 525) == RP_OK);
    rp_trigger_state st[2];
    for (int k = 0; k < 2; k++) RP_CHECK(rp_figure_trigger_update(f[k], p[k], &st[k]) == RP_OK);
    RP_CHECK(st[0].sweeps == st[1].sweeps && st[0].trigger_index == st[1].trigger_index);
    RP_CHECK(st[0].sweeps >= 8);

    /* the view shown is the window; reset: the whole sweep, y autoscaled */
    rp_trigger_view tv = rp_trigger_get_view(f[0]->panels[p[0]].trigger);
    double v0, v1;
    rp_trigger_time_view(&tv, &v0, &v1);
    RP_CHECK(v0 == d.time_min && v1 == d.time_max);
    RP_CHECK(rp_figure_view_reset(f[0], p[0]) == RP_OK);
    d = rp_figure_trigger_desc(f[0], p[0]);
    RP_CHECK(d.time_min == 0 && d.time_max == 0 && !f[0]->panels[p[0]].fixed_y);
    tv = rp_trigger_get_view(f[0]->panels[p[0]].trigger);
    rp_trigger_time_view(&tv, &v0, &v1);
    RP_CHECK_NEAR(v0, t0, 1e-12);
    RP_CHECK_NEAR(v1, t1, 1e-12);
    d.time_min = 1;
    d.time_max = 1;
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f[0], p[0], &d), RP_ERR_INVALID_ARG);
    for (int k = 0; k < 2; k++) rp_figure_destroy(f[k]);
    rp_series_destroy(s);
}

/* XY: zoom and pan fix the ranges; shift (factor_x 1) moves Y only; the panel's y view is its Y
 * range; reset returns both to autoscale. */
static void test_xy(void)
{
    rp_series *x = NULL, *y = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "x", .rate = RATE}, &x) == RP_OK);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "y", .rate = RATE}, &y) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    int p = -1;
    RP_CHECK(rp_figure_add_xy_panel(f, x, y, NULL, &p) == RP_OK);
    RP_CHECK_EQ_INT(rp_figure_view_zoom(f, p, 0.5, 0.5, 0.5, 0.5),
                    RP_ERR_UNSUPPORTED); /* no frame */
    rp_xy_desc d = rp_figure_xy_desc(f, p);
    d.x_min = -1, d.x_max = 1, d.y_min = -2, d.y_max = 2;
    RP_CHECK(rp_figure_set_xy(f, p, &d) == RP_OK);
    RP_CHECK(rp_figure_view_zoom(f, p, 0.75, 0.25, 0.5, 0.5) == RP_OK); /* around (0.5, -1) */
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.x_min == -0.25 && d.x_max == 0.75 && d.y_min == -1.5 && d.y_max == 0.5);
    RP_CHECK(rp_figure_view_zoom(f, p, 0.5, 0.5, 1, 2) == RP_OK); /* shift+wheel: Y only */
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.x_min == -0.25 && d.x_max == 0.75 && d.y_min == -2.5 && d.y_max == 1.5);
    RP_CHECK(rp_figure_view_pan(f, p, 0.5, -0.25) == RP_OK); /* unbounded */
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.x_min == 0.25 && d.x_max == 1.25 && d.y_min == -3.5 && d.y_max == 0.5);
    RP_CHECK(rp_figure_set_y_view(f, p, -7, 7) == RP_OK); /* the y view is the Y range */
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.y_min == -7 && d.y_max == 7 && !f->panels[p].fixed_y);
    RP_CHECK(rp_figure_autoscale_y(f, p) == RP_OK);
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.y_min == 0 && d.y_max == 0 && d.x_min == 0.25);
    RP_CHECK(rp_figure_view_reset(f, p) == RP_OK);
    d = rp_figure_xy_desc(f, p);
    RP_CHECK(d.x_min == 0 && d.x_max == 0 && d.y_min == 0 && d.y_max == 0);
    rp_figure_destroy(f);
    rp_series_destroy(x);
    rp_series_destroy(y);
}

/* The waterfall of a zoomed view: every column of a log view starting between two bins is
 * coloured (the first ones by the bin before the view), and a loud tone right of a zoomed linear
 * view stays out of its last column. */
static void test_waterfall_zoomed(void)
{
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "w", .rate = RATE}, &s) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    int p = -1;
    RP_CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1000, .waterfall = 2},
                                          &p) == RP_OK);
    float buf[1000];
    for (int i = 0; i < 1000; i++) /* loud at 400 Hz, -60 dB at 10 Hz */
        buf[i] = (float)(sin(2 * PI * 400 * i / RATE) + 1e-3 * sin(2 * PI * 10 * i / RATE));
    RP_CHECK(rp_push(s, buf, 1000) == RP_OK);
    RP_CHECK(rp_figure_spectrum_update(f, p, NULL) == RP_OK);
    int rows = 0;
    uint64_t version = 0;
    const uint8_t *img = rp_spectrum_waterfall_image(f->panels[p].spectrum, 200, true, 3.5, 60,
                                                     -120, 0, &rows, &version);
    RP_REQUIRE_VOID(img && rows >= 1); /* row 0: the newest */
    int blank = 0;
    for (int c = 0; c < 200; c++) blank += img[c * 4 + 3] == 0;
    RP_CHECK_MSG(blank == 0, "%d columns of a log view from 3.5 Hz left blank", blank);
    img = rp_spectrum_waterfall_image(f->panels[p].spectrum, 200, false, 0, 100.3, -120, 0, &rows,
                                      &version);
    RP_REQUIRE_VOID(img);
    const uint8_t *last = &img[199 * 4], *mid = &img[100 * 4];
    RP_CHECK_MSG(last[0] <= mid[0] + 40, "the last column %d (400 Hz piled in?), the middle %d",
                 last[0], mid[0]);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Spectrum (dB), trigger and XY panels draw their samples linearly: another y scale is refused
 * with a reason (a log of dB lost every tick label), and linear stays accepted. */
static void test_linear_only(void)
{
    rp_series *s = NULL, *t = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "s", .rate = RATE}, &s) == RP_OK);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "t", .rate = RATE}, &t) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    int time = -1, sp = -1, tr = -1, xy = -1;
    RP_CHECK(rp_figure_add_panel(f, NULL, &time) == RP_OK);
    RP_CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1000}, &sp) == RP_OK);
    RP_CHECK(rp_figure_add_trigger_panel(f, t, &(rp_trigger_desc){.sweep = 100}, &tr) == RP_OK);
    RP_CHECK(rp_figure_add_xy_panel(f, s, t, NULL, &xy) == RP_OK);
    const int views[] = {sp, tr, xy};
    const char *kinds[] = {"spectrum", "trigger", "XY"};
    for (int i = 0; i < 3; i++) {
        for (int scale = RP_Y_LOG; scale <= RP_Y_SYMLOG; scale++) {
            RP_CHECK_EQ_INT(rp_figure_set_y_scale(f, views[i], (rp_y_scale)scale, 0),
                            RP_ERR_UNSUPPORTED);
            RP_CHECK_MSG(strstr(rp_figure_last_error(f), kinds[i]) &&
                             strstr(rp_figure_last_error(f), "linear only"),
                         "reason: %s", rp_figure_last_error(f));
            RP_CHECK_EQ_INT(rp_figure_y_scale(f, views[i]), RP_Y_LINEAR);
        }
        RP_CHECK(rp_figure_set_y_scale(f, views[i], RP_Y_LINEAR, 0) == RP_OK);
    }
    RP_CHECK(rp_figure_set_y_scale(f, time, RP_Y_SYMLOG, 0) == RP_OK); /* a time panel: any */
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, time), RP_Y_SYMLOG);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    rp_series_destroy(t);
}

int main(void)
{
    test_linear_only();
    test_waterfall_zoomed();
    test_range_math();
    test_spectrum();
    test_trigger();
    test_xy();
    return rp_test_finish();
}
