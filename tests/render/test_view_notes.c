/* test_view_notes.c — a notes panel (state tracks, log markers, the log list, the crosshair's
 * read-out) under a time panel, in the dark and the light theme, compared with
 * tests/render/golden/view_notes_dark.png and view_notes_light.png (see golden.h); and checks
 * that do not depend on a reference: each band has its value's colour where the layout says it
 * is, a log marker is drawn at each line's x and nowhere else in the marker row.
 *   render_view_notes [--out DIR]   compare, or write DIR/view_notes_*.png to look at them. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "figure/figure_internal.h"
#include "golden.h"
#include "ringplot.h"
#include "rp_test.h"

#define WIDTH 800
#define HEIGHT 500

static const struct {
    double x;
    const char *state;
} k_states[] = {{0.0, "IDLE"},    {1.5, "HEATING"}, {3.0, "RUNNING"}, {3.5, "RUNNING"},
                {6.0, "COOLING"}, {7.5, "IDLE"},    {8.2, "ERROR"},   {8.4, "IDLE"}};
static const double k_log_x[] = {0.4, 2.95, 6.0, 8.2, 9.6};

static void fill(rp_series *s, rp_notes *n)
{
    static float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = (float)(20 + 5 * sin(i / 50.0));
    RP_CHECK(rp_push(s, v, 1000) == RP_OK);
    for (size_t i = 0; i < sizeof k_states / sizeof k_states[0]; i++)
        RP_CHECK(rp_notes_push_text(n, "state", 5, k_states[i].x, k_states[i].state,
                                    strlen(k_states[i].state)) == RP_OK);
    for (int i = 0; i <= 4; i++) {
        const char *mode = i % 2 ? "MANUAL" : "AUTO";
        RP_CHECK(rp_notes_push_text(n, "mode", 4, 2.5 * i, mode, strlen(mode)) == RP_OK);
    }
    const char *lines[] = {"boot done", "heater on, target 25.0 C", "over temperature: cooling",
                           "sensor 2 timeout", "heater off"};
    for (int i = 0; i < 5; i++)
        RP_CHECK(rp_notes_push_log(n, k_log_x[i], lines[i], strlen(lines[i])) == RP_OK);
}

static bool same_color(const uint8_t *px, rp_color c)
{
    return abs(px[0] - (int)lroundf(c.r * 255)) <= 2 && abs(px[1] - (int)lroundf(c.g * 255)) <= 2 &&
           abs(px[2] - (int)lroundf(c.b * 255)) <= 2;
}

static void scene(rp_headless *h, rp_theme theme, const char *name, const char *out_dir)
{
    rp_series *s = NULL;
    rp_notes *n = NULL;
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "temp", .rate = 100, .unit = "C"}, &s) == RP_OK);
    RP_REQUIRE_VOID(rp_notes_create(NULL, &n) == RP_OK);
    fill(s, n);
    RP_REQUIRE_VOID(
        rp_figure_create(
            &(rp_figure_desc){.title = "oven", .theme = theme, .x_axis = RP_X_AXIS_TIME}, &f) ==
        RP_OK);
    int p0 = -1, p1 = -1;
    RP_CHECK(rp_figure_add_panel(f, NULL, &p0) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, p0, s, NULL) == RP_OK);
    RP_CHECK(rp_figure_add_notes_panel(
                 f, n, &(rp_notes_panel_desc){.show_log_list = true, .list_lines = 4}, &p1) ==
             RP_OK);
    RP_CHECK(rp_figure_set_x_view(f, 0, 10) == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK); /* a first frame places the crosshair */
    rp_frame_layout fl;
    RP_REQUIRE_VOID(rp_renderer_frame_layout(rp_headless_renderer(h), f, &fl));
    const rp_frame_rect *plot = &fl.panels[p1].plot;
    double sx = plot->width / (fl.x1 - fl.x0);
    /* the crosshair in the notes panel at x = 8.25 s (in ERROR, near the log line at 8.2 s) */
    RP_CHECK(rp_figure_set_crosshair(f, (float)(plot->x + (8.25 - fl.x0) * sx),
                                     plot->y + 0.5f * plot->height) == RP_OK);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    RP_CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    RP_REQUIRE_VOID(rp_renderer_frame_layout(rp_headless_renderer(h), f, &fl));
    plot = &fl.panels[p1].plot;

    /* rows: log markers, state, mode, 4 list lines */
    float row_h = plot->height / 7;
    RP_CHECK(row_h >= 14);
    int bad_bands = 0;
    for (size_t i = 0; i + 1 < sizeof k_states / sizeof k_states[0]; i++) {
        if (i == 3) continue; /* RUNNING repeated: one band */
        int x = (int)(plot->x + (k_states[i].x - fl.x0) * sx) + 2;
        int y = (int)(plot->y + row_h + 3);
        rp_note want;
        RP_CHECK(rp_notes_text_at(n, 0, k_states[i].x, &want));
        rp_color c = rp_theme_palette(theme, want.value);
        bad_bands += !same_color(&rgba[((size_t)y * WIDTH + (size_t)x) * 4], c);
    }
    RP_CHECK_EQ_INT(bad_bands, 0);
    /* markers: the marker row's middle differs from the plot background exactly at log x */
    int y = (int)(plot->y + 0.5f * row_h);
    const uint8_t *ref = &rgba[((size_t)y * WIDTH + (size_t)(plot->x + 3)) * 4];
    int marks = 0;
    for (int x = (int)plot->x + 1; x < (int)(plot->x + plot->width) - 1; x++) {
        const uint8_t *p = &rgba[((size_t)y * WIDTH + (size_t)x) * 4];
        if (memcmp(p, ref, 3) == 0) continue;
        double data_x = fl.x0 + (x + 0.5 - plot->x) / sx;
        bool near_log = false, near_other = false;
        for (int k = 0; k < 5; k++) near_log |= fabs(data_x - k_log_x[k]) < 1.5 / sx;
        near_other = fabs(data_x - 8.25) < 200 / sx; /* the crosshair and its read-out box */
        for (int k = 1; k < 10; k++) near_other |= fabs(data_x - k) < 1.5 / sx; /* x grid */
        marks += near_log;
        RP_CHECK_MSG(near_log || near_other, "a mark at x = %.3f s with no log line there", data_x);
    }
    RP_CHECK(marks >= 4);

    if (out_dir) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.png", out_dir, name);
        RP_CHECK(rp_headless_write_png(h, path) == RP_OK);
        printf("%s\n", path);
    } else {
        RP_CHECK(rp_golden_check(name, rgba, WIDTH, HEIGHT));
    }
    rp_figure_destroy(f);
    rp_notes_destroy(n);
    rp_series_destroy(s);
}

int main(int argc, char **argv)
{
    const char *out_dir = argc == 3 && !strcmp(argv[1], "--out") ? argv[2] : NULL;
    rp_headless *h = NULL;
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = WIDTH, .height = HEIGHT}, &h) ==
               RP_OK);
    scene(h, RP_THEME_DARK, "view_notes_dark", out_dir);
    scene(h, RP_THEME_LIGHT, "view_notes_light", out_dir);
    rp_headless_destroy(h);
    return rp_test_finish();
}
