/* test_viewer_views.c — the viewer's --spectrum values and its w / g keys' effect (app/
 * viewer_views.c) without SDL: good and bad values, a panel made once when its series appears,
 * the window cycling through all three and back, the frequency axis toggling. */
#include <string.h>

#include "viewer/viewer_views.h"
#include "rp_test.h"

static void test_parse(void)
{
    rp_viewer_spectrum sp;
    char err[256];
    RP_CHECK(rp_viewer_parse_spectrum("imu/accel x", &sp, err, sizeof err));
    RP_CHECK(!strcmp(sp.series, "imu/accel x") && sp.desc.size == 4096 &&
             sp.desc.window == RP_WINDOW_HANN);
    RP_CHECK(rp_viewer_parse_spectrum("a:8192:flat-top:log,avg=0.8", &sp, err, sizeof err));
    RP_CHECK(!strcmp(sp.series, "a") && sp.desc.size == 8192 &&
             sp.desc.window == RP_WINDOW_FLAT_TOP);
    RP_CHECK(sp.desc.log_frequency && sp.desc.averaging == 0.8);
    RP_CHECK(rp_viewer_parse_spectrum("a:64:blackman-harris", &sp, err, sizeof err));
    RP_CHECK(sp.desc.window == RP_WINDOW_BLACKMAN_HARRIS && !sp.desc.log_frequency);
    RP_CHECK(sp.desc.waterfall == 0);
    RP_CHECK(rp_viewer_parse_spectrum("a:64:hann:waterfall", &sp, err, sizeof err));
    RP_CHECK(sp.desc.waterfall == RP_VIEWER_WATERFALL);
    RP_CHECK(rp_viewer_parse_spectrum("a:64:hann:log,waterfall=300", &sp, err, sizeof err));
    RP_CHECK(sp.desc.waterfall == 300 && sp.desc.log_frequency);
    const char *bad[] = {"",
                         ":64",
                         "a:8",
                         "a:x",
                         "a:64:boxcar",
                         "a:64:hann:avg=1",
                         "a:64:hann:linear",
                         "a:99999999",
                         "a:64:hann:waterfall=0",
                         "a:64:hann:waterfall=2000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        RP_CHECK_MSG(!rp_viewer_parse_spectrum(bad[i], &sp, err, sizeof err), "accepted '%s'",
                     bad[i]);
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
    RP_CHECK(seen[0] == RP_WINDOW_BLACKMAN_HARRIS && seen[1] == RP_WINDOW_FLAT_TOP &&
             seen[2] == RP_WINDOW_HANN);
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, 0));
    RP_CHECK(rp_figure_spectrum_desc(f, 0).log_frequency);
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, 0));
    RP_CHECK(!rp_figure_spectrum_desc(f, 0).log_frequency);
    RP_CHECK(rp_figure_spectrum_desc(f, 0).waterfall == 0); /* hidden, with room for the v key */
    RP_CHECK(rp_viewer_spectrum_toggle_waterfall(f, 0));
    RP_CHECK(rp_figure_spectrum_desc(f, 0).waterfall == RP_VIEWER_WATERFALL);
    RP_CHECK(rp_viewer_spectrum_toggle_waterfall(f, 0));
    RP_CHECK(rp_figure_spectrum_desc(f, 0).waterfall == 0);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

static void test_trigger_options(void)
{
    rp_viewer_trigger tr;
    char err[256];
    RP_CHECK(rp_viewer_parse_trigger("clk", &tr, err, sizeof err));
    RP_CHECK(!strcmp(tr.series, "clk") && tr.desc.sweep == 1000 && tr.desc.level == 0 &&
             tr.desc.mode == RP_TRIGGER_AUTO);
    RP_CHECK(rp_viewer_parse_trigger("clk:500:1.5:falling,pre=0.2,hyst=0.1,holdoff=300,single", &tr,
                                     err, sizeof err));
    RP_CHECK(tr.desc.sweep == 500 && tr.desc.level == 1.5 && tr.desc.edge == RP_TRIGGER_FALLING);
    RP_CHECK(tr.desc.pre_trigger == 0.2 && tr.desc.hysteresis == 0.1 && tr.desc.holdoff == 300);
    RP_CHECK(tr.desc.mode == RP_TRIGGER_SINGLE && tr.desc.persistence == 0);
    RP_CHECK(rp_viewer_parse_trigger("clk:500:0:persist=12", &tr, err, sizeof err));
    RP_CHECK(tr.desc.persistence == 12);
    const char *bad[] = {":100",
                         "a:100:0:persist=33",
                         "a:100:0:persist=1.5",
                         "a:8",
                         "a:100:x",
                         "a:100:0:pre=1",
                         "a:100:0:hyst=-1",
                         "a:100:0:holdoff=1.5",
                         "a:100:0:sideways",
                         "a:100:nan"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        RP_CHECK_MSG(!rp_viewer_parse_trigger(bad[i], &tr, err, sizeof err), "accepted '%s'",
                     bad[i]);
        RP_CHECK(err[0] != 0);
    }
    rp_series *a = NULL;
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "clk"}, &a), RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    RP_CHECK(!rp_viewer_trigger_key(f, -1, 't'));
    RP_CHECK(rp_viewer_parse_trigger("clk:100", &tr, err, sizeof err));
    rp_viewer_trigger_series(f, &tr, 1, a);
    rp_viewer_trigger_series(f, &tr, 1, a);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 1);
    RP_CHECK(rp_viewer_trigger_key(f, 0, 't'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).mode == RP_TRIGGER_NORMAL);
    RP_CHECK(rp_viewer_trigger_key(f, 0, 't'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).mode == RP_TRIGGER_SINGLE);
    RP_CHECK(rp_viewer_trigger_key(f, -1, 'b'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).edge == RP_TRIGGER_FALLING);
    RP_CHECK(rp_viewer_trigger_key(f, 0, 'r'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).persistence == 0); /* off, with room for the p key */
    RP_CHECK(rp_viewer_trigger_key(f, 0, 'p'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).persistence == RP_VIEWER_PERSISTENCE);
    RP_CHECK(rp_viewer_trigger_key(f, 0, 'p'));
    RP_CHECK(rp_figure_trigger_desc(f, 0).persistence == 0);
    rp_figure_destroy(f);
    rp_series_destroy(a);
}

/* --xy X,Y[:OPTIONS]: good and bad values; the panel made once both series are known; the x key
 * over a time panel with two series adds one (once), over the XY panel toggles equal aspect. */
static void test_xy(void)
{
    rp_viewer_xy xy;
    char err[256];
    RP_CHECK(rp_viewer_parse_xy("pos.x,pos.y", &xy, err, sizeof err));
    RP_CHECK(!strcmp(xy.x_name, "pos.x") && !strcmp(xy.y_name, "pos.y") && xy.desc.fade == 0 &&
             !xy.desc.equal_aspect);
    RP_CHECK(rp_viewer_parse_xy("a b,c:fade=2.5,equal", &xy, err, sizeof err));
    RP_CHECK(!strcmp(xy.x_name, "a b") && !strcmp(xy.y_name, "c") && xy.desc.fade == 2.5 &&
             xy.desc.equal_aspect);
    /* two names of 60 bytes (the x key over such a panel): the pair is 121 bytes; its XY panel
     * was "not saved in layouts", and the saved panel numbers then named other panels (QA) */
    char longx[61], longy[61], pair[160];
    memset(longx, 'x', 60), longx[60] = 0;
    memset(longy, 'y', 60), longy[60] = 0;
    snprintf(pair, sizeof pair, "%s,%s:equal", longx, longy);
    RP_CHECK(rp_viewer_parse_xy(pair, &xy, err, sizeof err));
    RP_CHECK(!strcmp(xy.x_name, longx) && !strcmp(xy.y_name, longy) && xy.desc.equal_aspect);
    const char *bad[] = {"",         "a",          "a,",     ",b",          "a,b,c",
                         "a,b:fade", "a,b:fade=0", "a,b:eq", "a,b:fade=-1", ":x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        RP_CHECK_MSG(!rp_viewer_parse_xy(bad[i], &xy, err, sizeof err), "accepted '%s'", bad[i]);
        RP_CHECK(err[0] != 0);
    }
    rp_series *a = NULL, *b = NULL;
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "a"}, &a), RP_OK);
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "b"}, &b), RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    rp_viewer_xy specs[1];
    RP_CHECK(rp_viewer_parse_xy("a,b:equal", &specs[0], err, sizeof err));
    rp_viewer_xy_series(f, specs, 1, a);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 0); /* b not known yet */
    rp_viewer_xy_series(f, specs, 1, b);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 1);
    RP_CHECK(rp_figure_xy_desc(f, 0).equal_aspect);
    rp_viewer_xy_series(f, specs, 1, b);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 1); /* once */
    RP_CHECK(rp_viewer_xy_key(f, 0, NULL, 0));    /* over the XY panel: equal aspect off */
    RP_CHECK(!rp_figure_xy_desc(f, 0).equal_aspect);
    int tp = -1;
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, NULL, &tp), RP_OK);
    bool given[RP_MAX_PANELS] = {false};
    RP_CHECK(!rp_viewer_xy_key(f, tp, given, RP_MAX_PANELS)); /* no series: nothing */
    RP_CHECK_EQ_INT(rp_figure_add_series(f, tp, a, NULL), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, tp, b, NULL), RP_OK);
    RP_CHECK(rp_viewer_xy_key(f, tp, given, RP_MAX_PANELS));
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 3);
    RP_CHECK(!rp_viewer_xy_key(f, tp, given, RP_MAX_PANELS)); /* once per panel */
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 3);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

/* The view options of --spectrum, --trigger, --xy; a saved layout's spec carries the view a
 * panel has now (zoomed by the wheel's function) and reads back to the same spec. */
static void test_view_options(void)
{
    char err[256];
    rp_viewer_spectrum sp;
    RP_CHECK(rp_viewer_parse_spectrum("a:1000:hann:log,fmin=2,fmax=100,dbmin=-90,dbmax=5", &sp, err,
                                      sizeof err));
    RP_CHECK(sp.desc.freq_min == 2 && sp.desc.freq_max == 100 && sp.desc.db_min == -90 &&
             sp.desc.db_max == 5 && sp.desc.log_frequency);
    RP_CHECK(rp_viewer_parse_spectrum("a:1000:hann:fmax=50", &sp, err, sizeof err));
    RP_CHECK(sp.desc.freq_min == 0 && sp.desc.freq_max == 50); /* fmax alone: from 0 */
    rp_viewer_trigger tr;
    RP_CHECK(rp_viewer_parse_trigger("a:100:0.5:tmin=-0.01,tmax=0.02,ymin=-1,ymax=2", &tr, err,
                                     sizeof err));
    RP_CHECK(tr.desc.time_min == -0.01 && tr.desc.time_max == 0.02 && tr.y_min == -1 &&
             tr.y_max == 2);
    rp_viewer_xy xy;
    RP_CHECK(rp_viewer_parse_xy("a,b:equal,xmin=-3,xmax=3,ymin=0,ymax=1", &xy, err, sizeof err));
    RP_CHECK(xy.desc.x_min == -3 && xy.desc.x_max == 3 && xy.desc.y_min == 0 &&
             xy.desc.y_max == 1 && xy.desc.equal_aspect);
    const char *bad_spectrum[] = {"a:64:hann:fmin=5", "a:64:hann:fmin=5,fmax=5",
                                  "a:64:hann:dbmin=-10", "a:64:hann:fmax=nan"};
    for (size_t i = 0; i < sizeof bad_spectrum / sizeof bad_spectrum[0]; i++)
        RP_CHECK_MSG(!rp_viewer_parse_spectrum(bad_spectrum[i], &sp, err, sizeof err),
                     "accepted '%s'", bad_spectrum[i]);
    RP_CHECK(!rp_viewer_parse_trigger("a:100:0:tmax=1", &tr, err, sizeof err));
    RP_CHECK(!rp_viewer_parse_trigger("a:100:0:ymin=2,ymax=1", &tr, err, sizeof err));
    RP_CHECK(!rp_viewer_parse_xy("a,b:xmin=1", &xy, err, sizeof err));

    /* saving: a spec without a view stays as typed; a zoomed panel's spec carries its view, in
     * the fields' order, the other options kept; it parses back to the same view */
    rp_series *a = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "a", .rate = 1000}, &a) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_viewer_spectrum specs[1];
    const char *given = "a:1000::avg=0.5,fmin=1,fmax=2";
    RP_CHECK(!rp_viewer_parse_spectrum(given, &specs[0], err, sizeof err)); /* empty window */
    given = "a:1000";
    RP_CHECK(rp_viewer_parse_spectrum(given, &specs[0], err, sizeof err));
    rp_viewer_spectrum_series(f, specs, 1, a);
    char out[512];
    rp_viewer_spectrum_spec(f, &specs[0], given, out, sizeof out);
    RP_CHECK(!strcmp(out, "a:1000"));
    float buf[1000];
    for (int i = 0; i < 1000; i++) buf[i] = (float)(i % 10);
    RP_CHECK_EQ_INT(rp_push(a, buf, 1000), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, specs[0].panel, NULL), RP_OK);
    RP_CHECK(rp_viewer_view_wheel(f, specs[0].panel, 0.0, 0.5, 0.5, false)); /* 0 .. 250 Hz */
    rp_viewer_spectrum_spec(f, &specs[0], given, out, sizeof out);
    RP_CHECK_MSG(!strcmp(out, "a:1000:hann:fmin=0,fmax=250"), "%s", out);
    given = "a:1000:flat-top:log,fmin=3,fmax=4,avg=0.5";
    RP_CHECK(rp_viewer_parse_spectrum(given, &sp, err, sizeof err));
    rp_viewer_spectrum_spec(f, &specs[0], given, out, sizeof out); /* the panel's view wins */
    RP_CHECK_MSG(!strcmp(out, "a:1000:flat-top:log,avg=0.5,fmin=0,fmax=250"), "%s", out);
    RP_CHECK(rp_viewer_parse_spectrum(out, &sp, err, sizeof err) && sp.desc.freq_max == 250);
    RP_CHECK(rp_viewer_view_wheel(f, specs[0].panel, 0.5, 0.5, 100, false)); /* whole again */
    rp_viewer_spectrum_spec(f, &specs[0], given, out, sizeof out); /* the view options dropped */
    RP_CHECK_MSG(!strcmp(out, "a:1000:flat-top:log,avg=0.5"), "%s", out);
    RP_CHECK(!rp_viewer_view_wheel(f, 7, 0.5, 0.5, 0.5, false));
    rp_figure_destroy(f);
    rp_series_destroy(a);
}

/* What the keys change in a view panel (n, g, v; t, b, p; x) is written into its saved spec in
 * place of the given options, and the spec parses back to it; back as given, the spec is the
 * given one again. */
static void test_key_changes_saved(void)
{
    char err[256], out[512];
    rp_series *a = NULL, *b = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "a", .rate = 1000}, &a) == RP_OK);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "b", .rate = 1000}, &b) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_viewer_spectrum sp[1], back;
    const char *given = "a:1000:hann:avg=0.5,log";
    RP_REQUIRE_VOID(rp_viewer_parse_spectrum(given, &sp[0], err, sizeof err));
    rp_viewer_spectrum_series(f, sp, 1, a);
    RP_CHECK(rp_viewer_spectrum_next_window(f, sp[0].panel)); /* n */
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, sp[0].panel));  /* g */
    RP_CHECK(rp_viewer_spectrum_toggle_waterfall(f, -1));     /* v */
    rp_viewer_spectrum_spec(f, &sp[0], given, out, sizeof out);
    RP_CHECK_MSG(!strcmp(out, "a:1000:blackman-harris:avg=0.5,waterfall"), "%s", out);
    RP_CHECK(rp_viewer_parse_spectrum(out, &back, err, sizeof err) &&
             back.desc.window == RP_WINDOW_BLACKMAN_HARRIS && !back.desc.log_frequency &&
             back.desc.waterfall == RP_VIEWER_WATERFALL && back.desc.averaging == 0.5);
    RP_CHECK(rp_viewer_spectrum_next_window(f, -1) && rp_viewer_spectrum_next_window(f, -1));
    RP_CHECK(rp_viewer_spectrum_toggle_log(f, -1) && rp_viewer_spectrum_toggle_waterfall(f, -1));
    rp_viewer_spectrum_spec(f, &sp[0], given, out, sizeof out); /* all back: as typed */
    RP_CHECK_MSG(!strcmp(out, given), "%s", out);

    rp_viewer_trigger tr[1], tback;
    given = "b:100:0.5:rising,hyst=0.1";
    RP_REQUIRE_VOID(rp_viewer_parse_trigger(given, &tr[0], err, sizeof err));
    rp_viewer_trigger_series(f, tr, 1, b);
    RP_CHECK(rp_viewer_trigger_key(f, tr[0].panel, 't') && rp_viewer_trigger_key(f, -1, 'b') &&
             rp_viewer_trigger_key(f, -1, 'p'));
    rp_viewer_trigger_spec(f, &tr[0], given, out, sizeof out);
    RP_CHECK_MSG(!strcmp(out, "b:100:0.5:hyst=0.1,normal,falling,persist=8"), "%s", out);
    RP_CHECK(rp_viewer_parse_trigger(out, &tback, err, sizeof err) &&
             tback.desc.mode == RP_TRIGGER_NORMAL && tback.desc.edge == RP_TRIGGER_FALLING &&
             tback.desc.persistence == RP_VIEWER_PERSISTENCE && tback.desc.hysteresis == 0.1);

    rp_viewer_xy xy[1];
    given = "a,b:fade=2";
    RP_REQUIRE_VOID(rp_viewer_parse_xy(given, &xy[0], err, sizeof err));
    rp_viewer_xy_series(f, xy, 1, a);
    rp_viewer_xy_series(f, xy, 1, b);
    bool made[RP_MAX_PANELS] = {0};
    RP_CHECK(rp_viewer_xy_key(f, xy[0].panel, made, RP_MAX_PANELS)); /* x: equal aspect */
    rp_viewer_xy_spec(f, &xy[0], given, out, sizeof out);
    RP_CHECK_MSG(!strcmp(out, "a,b:fade=2,equal"), "%s", out);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

int main(void)
{
    test_view_options();
    test_key_changes_saved();
    test_xy();
    test_trigger_options();
    test_parse();
    test_panels_and_keys();
    return rp_test_finish();
}
