/* test_viewer_views.c — the viewer's --spectrum values and its w / g keys' effect (app/
 * viewer_views.c) without SDL: good and bad values, a panel made once when its series appears,
 * the window cycling through all three and back, the frequency axis toggling. */
#include <string.h>

#include "app/viewer_views.h"
#include "rp_test.h"

static void test_parse(void)
{
    rp_viewer_spectrum sp;
    char err[256];
    RP_CHECK(rp_viewer_parse_spectrum("imu/accel x", &sp, err, sizeof err));
    RP_CHECK(!strcmp(sp.series, "imu/accel x") && sp.desc.size == 4096 && sp.desc.window == RP_WINDOW_HANN);
    RP_CHECK(rp_viewer_parse_spectrum("a:8192:flat-top:log,avg=0.8", &sp, err, sizeof err));
    RP_CHECK(!strcmp(sp.series, "a") && sp.desc.size == 8192 && sp.desc.window == RP_WINDOW_FLAT_TOP);
    RP_CHECK(sp.desc.log_frequency && sp.desc.averaging == 0.8);
    RP_CHECK(rp_viewer_parse_spectrum("a:64:blackman-harris", &sp, err, sizeof err));
    RP_CHECK(sp.desc.window == RP_WINDOW_BLACKMAN_HARRIS && !sp.desc.log_frequency);
    const char *bad[] = {"", ":64", "a:8", "a:x", "a:64:boxcar", "a:64:hann:avg=1", "a:64:hann:linear",
                         "a:99999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        RP_CHECK_MSG(!rp_viewer_parse_spectrum(bad[i], &sp, err, sizeof err), "accepted '%s'", bad[i]);
        RP_CHECK(err[0] != 0);
    }
}

static void test_panels_and_keys(void)
{
    rp_series *a = NULL, *b = NULL;
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "a"}, &a), RP_OK);
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "b"}, &b), RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    rp_viewer_spectrum specs[1];
    char err[256];
    RP_CHECK(rp_viewer_parse_spectrum("a:256", &specs[0], err, sizeof err));
    RP_CHECK(!rp_viewer_spectrum_next_window(f, -1)); /* no spectrum yet */
    rp_viewer_spectrum_series(f, specs, 1, b);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 0);
    rp_viewer_spectrum_series(f, specs, 1, a);
    rp_viewer_spectrum_series(f, specs, 1, a); /* once only */
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 1);
    RP_CHECK_EQ_INT(rp_figure_spectrum_desc(f, 0).size, 256);
    int time_panel = -1;
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, NULL, &time_panel), RP_OK);
    rp_fft_window seen[3];
    for (int i = 0; i < 3; i++) {
        RP_CHECK(rp_viewer_spectrum_next_window(f, time_panel)); /* pointer elsewhere: every one */
        seen[i] = rp_figure_spectrum_desc(f, 0).window;
    }
    RP_CHECK(seen[0] == RP_WINDOW_BLACKMAN_HARRIS && seen[1] == RP_WINDOW_FLAT_TOP && seen[2] == RP_WINDOW_HANN);
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, 0));
    RP_CHECK(rp_figure_spectrum_desc(f, 0).log_frequency);
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, 0));
    RP_CHECK(!rp_figure_spectrum_desc(f, 0).log_frequency);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

int main(void)
{
    test_parse();
    test_panels_and_keys();
    return rp_test_finish();
}
