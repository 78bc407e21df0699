/* test_render_scroll_back.c — a live series scrolled back past its ring into the recording draws
 * the pixels of the whole stream.
 *
 * A series keeps 4,096 samples; a recorder with scroll_back writes all 40,000 that are pushed
 * (1 kHz, a known signal with steps, NaN runs and spikes). A paused view of all 40 s, and one
 * panned to the start (0–2 s, entirely older than the ring), are drawn for it and for a reference
 * series that holds every sample in memory: the frames must be byte-identical (same columns,
 * same autoscale, no seam where the file's part meets the ring's). Without the recorder the same
 * view shows only the ring: the frames then differ (the test sees what it tests). The statistics
 * table of such a view (n, mean, std... of the file's part and the ring's) draws the same too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ringplot.h"
#include "rp_test.h"

#define W 900
#define H 360
#define TOTAL 40000

static float signal_at(int64_t i)
{
    if (i % 9000 >= 4000 && i % 9000 < 4060) return NAN;
    if (i % 7001 == 5) return 6.0f;
    return (float)(sin((double)i * 0.004) * (1.0 + (double)((i / 5000) % 3)) +
                   ((i / 13000) % 2 ? 1.5 : 0.0));
}

static int64_t differing_pixels(rp_headless *h, rp_figure *a, rp_figure *b, uint8_t *pa,
                                uint8_t *pb)
{
    size_t size = (size_t)W * H * 4;
    RP_REQUIRE(rp_headless_render(h, a) == RP_OK && rp_headless_read_rgba(h, pa, size) == RP_OK);
    RP_REQUIRE(rp_headless_render(h, b) == RP_OK && rp_headless_read_rgba(h, pb, size) == RP_OK);
    int64_t n = 0;
    for (size_t i = 0; i < size; i += 4) n += memcmp(pa + i, pb + i, 4) != 0;
    return n;
}

static rp_figure *figure_of(rp_series *s)
{
    rp_figure *f = NULL;
    int panel = 0;
    bool ok = rp_figure_create(&(rp_figure_desc){.title = "scroll back"}, &f) == RP_OK &&
              rp_figure_add_panel(f, NULL, &panel) == RP_OK &&
              rp_figure_add_series(f, panel, s, NULL) == RP_OK;
    RP_CHECK(ok);
    return f;
}

int main(void)
{
    char path[256];
    snprintf(path, sizeof path, "/tmp/rp-render-scroll-back-%d.rpr", (int)getpid());
    rp_series *live = NULL, *all = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.name = "v", .capacity = 4096, .rate = 1000},
                                &live) == RP_OK);
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.name = "v", .capacity = 65536, .rate = 1000},
                                &all) == RP_OK);
    rp_recorder *rec = NULL;
    RP_REQUIRE(rp_recorder_create(&(rp_recorder_desc){.path = path, .scroll_back = true}, &rec) ==
               RP_OK);
    RP_REQUIRE(rp_recorder_add_series(rec, live, NULL) == RP_OK);
    static float chunk[2000];
    for (int64_t at = 0; at < TOTAL; at += 2000) { /* the recorder keeps up with the ring */
        for (int i = 0; i < 2000; i++) chunk[i] = signal_at(at + i);
        RP_REQUIRE(rp_push(live, chunk, 2000) == RP_OK && rp_push(all, chunk, 2000) == RP_OK);
        rp_recorder_flush(rec);
    }
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_lost, 0);

    rp_headless *h = NULL;
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = W, .height = H}, &h) == RP_OK);
    rp_figure *fl = figure_of(live), *fa = figure_of(all);
    RP_REQUIRE(fl && fa);
    uint8_t *pa = malloc((size_t)W * H * 4), *pb = malloc((size_t)W * H * 4);
    RP_REQUIRE(pa && pb);
    /* paused on everything, then panned to the start */
    const double views[][2] = {{0.0, (TOTAL - 1) / 1000.0}, {0.0, 2.0}, {3.5, 4.5}};
    for (int k = 0; k < 3; k++) {
        rp_figure_set_x_view(fl, views[k][0], views[k][1]);
        rp_figure_set_x_view(fa, views[k][0], views[k][1]);
        int64_t d = differing_pixels(h, fl, fa, pa, pb);
        RP_CHECK_MSG(d == 0, "view [%g, %g]: %lld pixels differ from the whole stream in memory",
                     views[k][0], views[k][1], (long long)d);
        if (d) {
            rp_headless_render(h, fl);
            rp_headless_write_png(h, "render_scroll_back_actual.png"); /* in the build dir */
        }
    }
    /* the statistics table of a paused view reaching into the file: the whole stream's n, mean,
     * std... (the file's part and the ring's), as for the series holding everything */
    rp_figure_show_stats(fl, true);
    rp_figure_show_stats(fa, true);
    for (int k = 0; k < 3; k += 2) {
        rp_figure_set_x_view(fl, views[k][0], views[k][1]);
        rp_figure_set_x_view(fa, views[k][0], views[k][1]);
        int64_t d = differing_pixels(h, fl, fa, pa, pb);
        RP_CHECK_MSG(d == 0, "statistics of view [%g, %g]: %lld pixels differ", views[k][0],
                     views[k][1], (long long)d);
        if (d) {
            rp_headless_render(h, fl);
            rp_headless_write_png(h, "render_scroll_back_stats_actual.png");
        }
    }
    /* the recorder gone, the history goes with it: only the ring is drawn */
    rp_recorder_destroy(rec);
    rp_figure_set_x_view(fl, 0.0, (TOTAL - 1) / 1000.0);
    rp_figure_set_x_view(fa, 0.0, (TOTAL - 1) / 1000.0);
    RP_CHECK(differing_pixels(h, fl, fa, pa, pb) > 1000);
    free(pa);
    free(pb);
    rp_figure_destroy(fl);
    rp_figure_destroy(fa);
    rp_headless_destroy(h);
    rp_series_destroy(live);
    rp_series_destroy(all);
    remove(path);
    return rp_test_finish();
}
