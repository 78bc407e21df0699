/* test_platform.c — the platform layer without a display.
 *   headless: two rp_headless objects at once (different sizes), both render and read back;
 *             rp_render_png; errors (invalid size, unwritable PNG path) with readable messages.
 *   PNG: an asymmetric picture written and read back (catches row flips and red/blue swaps).
 *   window (when argv[1] == "window"; the test sets SDL_VIDEODRIVER): a hidden SDL window renders
 *             the same figure as headless; the pixels must be identical (RGBA8 both ways). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "render/plot_reuse.h"
#include "ringplot.h"
#include "rp_test.h"
#include "rp_test_log.h"

static rp_series *make_series(void)
{
    rp_series *s = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "sine", .capacity = 4096}, &s) != RP_OK)
        return NULL;
    float v[2000];
    for (int i = 0; i < 2000; i++) v[i] = (float)sin(i * 0.01) + (i % 400 == 200 ? NAN : 0.0f);
    rp_push(s, v, 2000);
    return s;
}

static rp_figure *make_figure(rp_series *s)
{
    rp_figure *f = NULL;
    if (rp_figure_create(&(rp_figure_desc){.title = "platform"}, &f) != RP_OK) return NULL;
    int panel = 0;
    rp_figure_add_panel(f, NULL, &panel);
    rp_figure_add_series(f, panel, s, NULL);
    rp_figure_set_x_view(f, 0.0, 2000.0);
    return f;
}

static int count_differing(const uint8_t *a, const uint8_t *b, size_t pixels)
{
    int n = 0;
    for (size_t i = 0; i < pixels; i++) n += memcmp(a + 4 * i, b + 4 * i, 4) != 0;
    return n;
}

static void test_png_roundtrip(void)
{
    enum { PW = 7, PH = 5 };
    uint8_t px[PW * PH * 4];
    for (int y = 0; y < PH; y++)
        for (int x = 0; x < PW; x++) {
            uint8_t *p = px + 4 * (y * PW + x);
            p[0] = (uint8_t)(x * 30);                     /* red grows to the right */
            p[1] = (uint8_t)(y * 50);                     /* green grows downwards */
            p[2] = (uint8_t)(x == 0 && y == 0 ? 255 : 0); /* blue only at top-left */
            p[3] = (uint8_t)(200 + x);
        }
    char path[1024];
    rp_golden_out_path("platform_asym", ".png", path, sizeof path);
    RP_CHECK(rp_write_png_rgba(path, px, PW, PH) == RP_OK);
    int w = 0, h = 0;
    uint8_t *back = rp_golden_read_png(path, &w, &h);
    RP_REQUIRE_VOID(back != NULL);
    RP_CHECK(w == PW && h == PH);
    RP_CHECK(memcmp(back, px, sizeof px) == 0);
    free(back);
    RP_CHECK(rp_write_png_rgba("/nonexistent-dir/x.png", px, PW, PH) == RP_ERR_IO);
    RP_CHECK(rp_write_png_rgba(NULL, px, PW, PH) == RP_ERR_INVALID_ARG);
    /* Sizes beyond the documented bounds are refused before a byte is read (the buffer here is
     * far too small for them: reading it would be caught) and leave no file. width * 4 of the
     * largest int overflows; 40000 x 1 and 8193 x 8193 exceed RP_PNG_MAX_SIDE / _PIXELS. */
    char big[1024];
    rp_golden_out_path("platform_too_big", ".png", big, sizeof big);
    remove(big);
    const int sizes[][2] = {{2147483647, 1},
                            {1, 2147483647},
                            {RP_PNG_MAX_SIDE + 1, 1},
                            {1, RP_PNG_MAX_SIDE + 1},
                            {8193, 8193}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        RP_CHECK_MSG(rp_write_png_rgba(big, px, sizes[i][0], sizes[i][1]) == RP_ERR_INVALID_ARG,
                     "%d x %d accepted", sizes[i][0], sizes[i][1]);
        FILE *f = fopen(big, "rb");
        RP_CHECK_MSG(f == NULL, "%d x %d left a file", sizes[i][0], sizes[i][1]);
        if (f) fclose(f);
    }
}

static int test_headless(void)
{
    rp_headless *bad = NULL;
    rp_test_log log = {0};
    RP_CHECK(rp_headless_create(
                 &(rp_headless_desc){
                     .width = -1, .height = 10, .scale = 1.0f, .log = rp_test_log_desc(&log)},
                 &bad) == RP_ERR_INVALID_ARG);
    RP_CHECK(bad == NULL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK_MSG(strstr(log.last, "size") != NULL, "%s", log.last);
    /* A NULL desc means defaults: 1280 x 720 (the read-back needs exactly that many pixels). */
    rp_headless *dflt = NULL;
    RP_CHECK(rp_headless_create(NULL, &dflt) == RP_OK);
    if (dflt) {
        size_t need = (size_t)RP_HEADLESS_DEFAULT_WIDTH * RP_HEADLESS_DEFAULT_HEIGHT * 4;
        uint8_t *buf = malloc(need);
        RP_CHECK(buf && rp_headless_read_rgba(dflt, buf, need - 1) == RP_ERR_BUFFER_SMALL);
        RP_CHECK(buf && rp_headless_read_rgba(dflt, buf, need) == RP_OK);
        free(buf);
        rp_headless_destroy(dflt);
    }

    rp_series *s = make_series();
    rp_figure *f = s ? make_figure(s) : NULL;
    RP_REQUIRE(f != NULL);
    rp_headless *a = NULL, *b = NULL;
    rp_test_log_reset(&log);
    rp_status st = rp_headless_create(
        &(rp_headless_desc){
            .width = 320, .height = 200, .scale = 1.0f, .log = rp_test_log_desc(&log)},
        &a);
    RP_REQUIRE(st == RP_OK);
    /* The renderer inside reports to the same channel: one info item, no error. */
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_RENDERER_READY);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_INFO);
    RP_CHECK_EQ_INT(rp_headless_last_error(a)[0], 0);
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = 400, .height = 240, .scale = 2.0f},
                                  &b) == RP_OK);
    RP_CHECK(rp_headless_renderer(a) != NULL);
    RP_CHECK(rp_headless_render(a, f) == RP_OK);
    RP_CHECK(rp_headless_render(b, f) == RP_OK);
    RP_CHECK(rp_headless_render(a, f) == RP_OK); /* back to the first context */

    uint8_t *pa = malloc(320 * 200 * 4), *pa2 = malloc(320 * 200 * 4);
    uint8_t *pb = malloc(400 * 240 * 4);
    RP_REQUIRE(pa && pa2 && pb);
    RP_CHECK(rp_headless_read_rgba(a, pa, 10) == RP_ERR_BUFFER_SMALL);
    RP_CHECK(rp_headless_read_rgba(a, pa, 320 * 200 * 4) == RP_OK);
    RP_CHECK(rp_headless_read_rgba(b, pb, 400 * 240 * 4) == RP_OK);
    int distinct = 0;
    for (int i = 1; i < 320 * 200; i++) distinct += memcmp(pa + 4 * i, pa, 4) != 0;
    RP_CHECK(distinct > 1000); /* something was drawn */

    char path[1024];
    RP_CHECK(rp_headless_write_png(
                 a, rp_golden_out_path("platform_a", ".png", path, sizeof path)) == RP_OK);
    RP_CHECK(rp_headless_write_png(
                 b, rp_golden_out_path("platform_b", ".png", path, sizeof path)) == RP_OK);
    RP_CHECK(rp_headless_write_png(a, "/nonexistent-dir/out.png") == RP_ERR_IO);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_PNG_WRITE);
    RP_CHECK(strstr(log.last, "/nonexistent-dir/out.png") != NULL);
    RP_CHECK(strstr(rp_headless_last_error(a), "/nonexistent-dir/out.png") != NULL);
    printf("unwritable path message: %s\n", rp_headless_last_error(a));

    /* Destroying one leaves the other working (EGL display is shared, reference counted). */
    rp_headless_destroy(b);
    RP_CHECK(rp_headless_render(a, f) == RP_OK);
    RP_CHECK(rp_headless_read_rgba(a, pa2, 320 * 200 * 4) == RP_OK);
    RP_CHECK_EQ_INT(count_differing(pa, pa2, 320 * 200), 0);
    rp_headless_destroy(a);

    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 200, .height = 120},
                           rp_golden_out_path("platform_one_call", ".png", path, sizeof path)) ==
             RP_OK);
    RP_CHECK(rp_render_png(f, &(rp_headless_desc){.width = 200, .height = 120},
                           "/nonexistent-dir/x.png") == RP_ERR_IO);
    RP_CHECK_MSG(strstr(rp_figure_last_error(f), "nonexistent") != NULL, "%s",
                 rp_figure_last_error(f)); /* the one call reports on the figure's channel */

    free(pa);
    free(pa2);
    free(pb);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    return 0;
}

static int test_window(void)
{
    enum { WW = 320, WH = 200 };
    rp_series *s = make_series();
    rp_figure *f = s ? make_figure(s) : NULL;
    RP_REQUIRE(f != NULL);
    rp_window *w = NULL;
    rp_status st = rp_window_create(
        &(rp_window_desc){
            .title = "test", .width = WW, .height = WH, .hidden = true, .no_high_dpi = true},
        &w);
    RP_REQUIRE(st == RP_OK); /* a failure's reason is on stderr (no callback installed) */
    int dw = 0, dh = 0;
    rp_window_drawable_size(w, &dw, &dh);
    printf("window drawable %d x %d, scale %.2f, renderer %s\n", dw, dh, rp_window_scale(w),
           rp_renderer_gl_string(rp_window_renderer(w)));
    RP_CHECK(dw == WW && dh == WH);
    RP_CHECK(rp_window_sdl_window(w) != NULL);
    RP_CHECK(rp_window_present(w, f) == RP_OK);

    /* A headless renderer alongside the window, same figure, same size. */
    rp_headless *h = NULL;
    st = rp_headless_create(&(rp_headless_desc){.width = WW, .height = WH, .scale = 1.0f}, &h);
    RP_REQUIRE(st == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    uint8_t *ph = malloc(WW * WH * 4), *pw = malloc(WW * WH * 4);
    RP_REQUIRE(ph && pw);
    RP_CHECK(rp_headless_read_rgba(h, ph, WW * WH * 4) == RP_OK);

    RP_CHECK(rp_window_render(w, f) == RP_OK); /* window context current again */
    RP_CHECK(rp_window_read_rgba(w, pw, WW * WH * 4) == RP_OK);
    RP_CHECK(rp_window_swap(w) == RP_OK);
    int differ = count_differing(ph, pw, WW * WH);
    printf("window vs headless: %d of %d pixels differ\n", differ, WW * WH);
    RP_CHECK_EQ_INT(differ, 0);
    if (differ) {
        char path[1024];
        rp_write_png_rgba(rp_golden_out_path("platform_window", ".png", path, sizeof path), pw, WW,
                          WH);
        fprintf(stderr, "window image: %s\n", path);
    }
    /* Following live in the window: a scrolled plot is copied from the frame before (the window's
     * default framebuffer, often sRGB-encoded, through the kept texture) and must still be the
     * bytes a renderer that draws everything writes. */
    rp_series *live = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.capacity = 100000, .rate = 20000}, &live) ==
               RP_OK);
    rp_figure *lf = NULL;
    RP_REQUIRE(rp_figure_create(&(rp_figure_desc){.title = "live", .x_axis = RP_X_AXIS_TIME},
                                &lf) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(lf, NULL, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(lf, 0, live, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_follow(lf, 1.0) == RP_OK);
    RP_REQUIRE(rp_figure_set_y_view(lf, 0, -2.0, 2.0) == RP_OK);
    rp_plot_reuse_set_enabled(rp_renderer_plot_reuse(rp_headless_renderer(h)), false);
    rp_plot_reuse_set_always(rp_renderer_plot_reuse(rp_window_renderer(w)), true);
    float v[700];
    int64_t pushed = 0, frames_differ = 0;
    for (int frame = 0; frame < 16; frame++) {
        int count = frame == 0 ? 700 : 150 + 37 * (frame % 5);
        for (int rep = 0; rep < (frame == 0 ? 40 : 1); rep++) {
            for (int i = 0; i < count; i++)
                v[i] = (float)sin((double)(pushed + i) * 0.01) +
                       0.3f * (float)sin((double)(pushed + i) * 0.37);
            RP_REQUIRE(rp_push(live, v, count) == RP_OK);
            pushed += count;
        }
        RP_CHECK(rp_headless_render(h, lf) == RP_OK);
        RP_CHECK(rp_headless_read_rgba(h, ph, WW * WH * 4) == RP_OK);
        RP_CHECK(rp_window_render(w, lf) == RP_OK);
        RP_CHECK(rp_window_read_rgba(w, pw, WW * WH * 4) == RP_OK);
        RP_CHECK(rp_window_swap(w) == RP_OK);
        int d = count_differing(ph, pw, WW * WH);
        if (d) {
            printf("following, frame %d: %d pixels differ\n", frame, d);
            char path[1024];
            rp_write_png_rgba(
                rp_golden_out_path("platform_window_follow", ".png", path, sizeof path), pw, WW,
                WH);
            fprintf(stderr, "window image: %s\n", path);
        }
        frames_differ += d != 0;
    }
    int64_t copied = 0, drawn = 0;
    rp_plot_reuse_counts(rp_renderer_plot_reuse(rp_window_renderer(w)), &copied, &drawn);
    printf("window following: %lld plot columns copied, %lld drawn\n", (long long)copied,
           (long long)drawn);
    RP_CHECK_EQ_INT((int)frames_differ, 0);
    RP_CHECK(copied > drawn);
    rp_figure_destroy(lf);
    rp_series_destroy(live);

    free(ph);
    free(pw);
    rp_headless_destroy(h);
    rp_window_destroy(w);
    /* Used after destroy: refused without reading the freed window (clean under ASan). */
    RP_CHECK(rp_window_present(w, f) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_window_make_current(w) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_window_renderer(w) == NULL);
    RP_CHECK(strstr(rp_window_last_error(w), "not a live window") != NULL);
    rp_window_destroy(w); /* twice: ignored */
    rp_figure_destroy(f);
    rp_series_destroy(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "window") == 0) {
        test_window();
    } else {
        test_png_roundtrip();
        test_headless();
    }
    return rp_test_finish();
}
