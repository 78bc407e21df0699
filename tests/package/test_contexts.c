/* test_contexts.c — no global state: two SDL windows (offscreen driver) and two headless
 * targets exist at once on one thread, each drawing its own figure, interleaved for several
 * frames. Each must show exactly what its figure shows when rendered alone in a fresh headless
 * target (reference), and the four figures must differ from each other (so a mix-up shows). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

enum { W = 320, H = 200, N = 4, PX = W * H };

static uint8_t ref[N][PX * 4], got[PX * 4];

static rp_figure *make_figure(int k, rp_series *s)
{
    static const char *titles[N] = {"window one", "headless one", "window two", "headless two"};
    rp_figure *f = NULL;
    int panel = 0;
    rp_figure_create(&(rp_figure_desc){.title = titles[k],
                                       .theme = k % 2 ? RP_THEME_LIGHT : RP_THEME_DARK,
                                       .line_width = 1.0f + (float)k},
                     &f);
    rp_figure_add_panel(f, &(rp_panel_desc){.fixed_y = true, .y_min = -1.5, .y_max = 1.5}, &panel);
    rp_figure_add_series(f, panel, s, NULL);
    rp_figure_set_x_view(f, 0.0, 1000.0);
    return f;
}

static int differing(const uint8_t *a, const uint8_t *b, int tol)
{
    int n = 0;
    for (int i = 0; i < PX * 4; i += 4)
        for (int c = 0; c < 4; c++)
            if (abs(a[i + c] - b[i + c]) > tol) {
                n++;
                break;
            }
    return n;
}

int main(void)
{
    rp_series *s[N];
    rp_figure *f[N];
    for (int k = 0; k < N; k++) {
        RP_REQUIRE(rp_series_create(&(rp_series_desc){.capacity = 2048}, &s[k]) == RP_OK);
        float v[1000];
        for (int i = 0; i < 1000; i++) v[i] = (float)sin(i * 0.01 * (k + 1));
        rp_push(s[k], v, 1000);
        f[k] = make_figure(k, s[k]);
        RP_REQUIRE(f[k]);
    }
    /* References: each figure alone, in its own short-lived headless target. */
    for (int k = 0; k < N; k++) {
        rp_headless *h = NULL;
        rp_status st =
            rp_headless_create(&(rp_headless_desc){.width = W, .height = H, .scale = 1.0f}, &h);
        RP_REQUIRE(st == RP_OK);
        RP_CHECK(rp_headless_render(h, f[k]) == RP_OK);
        RP_CHECK(rp_headless_read_rgba(h, ref[k], sizeof ref[k]) == RP_OK);
        rp_headless_destroy(h);
    }
    for (int a = 0; a < N; a++)
        for (int b = a + 1; b < N; b++)
            RP_CHECK_MSG(differing(ref[a], ref[b], 0) > PX / 50, "figures %d and %d look alike", a,
                         b);

    /* All four at once: windows 0 and 2, headless 1 and 3. */
    rp_window *win[2] = {NULL, NULL};
    rp_headless *hl[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        rp_status st = rp_window_create(
            &(rp_window_desc){
                .width = W, .height = H, .hidden = true, .no_high_dpi = true, .no_vsync = true},
            &win[i]);
        RP_REQUIRE(st == RP_OK); /* a failure's reason is on stderr (no callback installed) */
        RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = W, .height = H, .scale = 1.0f},
                                      &hl[i]) == RP_OK);
    }
    int dw = 0, dh = 0;
    rp_window_drawable_size(win[0], &dw, &dh);
    RP_REQUIRE(dw == W && dh == H);
    for (int frame = 0; frame < 3; frame++) {
        for (int k = 0; k < N; k++) {
            if (k % 2 == 0) {
                rp_window *w = win[k / 2];
                RP_CHECK(rp_window_render(w, f[k]) == RP_OK);
                RP_CHECK(rp_window_read_rgba(w, got, sizeof got) == RP_OK);
                RP_CHECK(rp_window_swap(w) == RP_OK);
            } else {
                rp_headless *h = hl[k / 2];
                RP_CHECK(rp_headless_render(h, f[k]) == RP_OK);
                RP_CHECK(rp_headless_read_rgba(h, got, sizeof got) == RP_OK);
            }
            int d = differing(got, ref[k], 2);
            RP_CHECK_MSG(d == 0, "frame %d, target %d: %d pixels differ from its reference", frame,
                         k, d);
        }
    }
    /* Read back again after everything drew: nothing leaked into another target. */
    for (int i = 0; i < 2; i++) {
        RP_CHECK(rp_headless_read_rgba(hl[i], got, sizeof got) == RP_OK);
        RP_CHECK_EQ_INT(differing(got, ref[2 * i + 1], 2), 0);
    }
    /* Misuse of one object leaves the others working. */
    RP_CHECK(rp_headless_render(hl[0], NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_headless_render((rp_headless *)win[0], f[0]) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_window_render((rp_window *)hl[0], f[0]) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_renderer_draw(rp_window_renderer(win[1]), (rp_figure *)s[0], 0, 0, W, H) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(rp_headless_render(hl[1], f[3]) == RP_OK);
    RP_CHECK(rp_headless_read_rgba(hl[1], got, sizeof got) == RP_OK);
    RP_CHECK_EQ_INT(differing(got, ref[3], 2), 0);

    for (int i = 0; i < 2; i++) {
        rp_window_destroy(win[i]);
        rp_headless_destroy(hl[i]);
    }
    for (int k = 0; k < N; k++) {
        rp_figure_destroy(f[k]);
        rp_series_destroy(s[k]);
    }
    return rp_test_finish();
}
