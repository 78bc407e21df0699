/* test_figure.c — the figure model without a GPU: creation and limits, panels and series, misuse,
 * palette distinctness and contrast per theme, follow / fixed x views, autoscale (headroom, flat
 * data, no data, ±Inf and NaN, hidden series), and hit-testing against a frame's record (kept
 * by the drawer, layout/drawn.c: the figure holds none). */
#include <math.h>
#include <string.h>

#include "figure/figure_internal.h"
#include "layout/layout.h"
#include "rp_test.h"

static rp_series *make_series(const char *name, double rate, double t0, int64_t capacity)
{
    rp_series *s = NULL;
    rp_status st = rp_series_create(
        &(rp_series_desc){.name = name, .capacity = capacity, .rate = rate, .t0 = t0}, &s);
    RP_CHECK_EQ_INT(st, RP_OK);
    return s;
}

static double luminance(rp_color c)
{
    double ch[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double contrast(rp_color a, rp_color b)
{
    double la = luminance(a), lb = luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

static double color_distance(rp_color a, rp_color b)
{
    double dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
    return sqrt(dr * dr + dg * dg + db * db);
}

/* Distance in OKLab with lightness counting half (thin lines tell hues apart better than
 * shades): about 0.08 between the Okabe-Ito set's closest pair. */
static double hue_distance(rp_color a, rp_color b)
{
    double lab[2][3];
    const rp_color *c[2] = {&a, &b};
    for (int k = 0; k < 2; k++) {
        double ch[3] = {c[k]->r, c[k]->g, c[k]->b};
        for (int i = 0; i < 3; i++)
            ch[i] = ch[i] <= 0.04045 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
        double l = cbrt(0.4122214708 * ch[0] + 0.5363325363 * ch[1] + 0.0514459929 * ch[2]);
        double m = cbrt(0.2119034982 * ch[0] + 0.6806995451 * ch[1] + 0.1073969566 * ch[2]);
        double s = cbrt(0.0883024619 * ch[0] + 0.2817188376 * ch[1] + 0.6299787005 * ch[2]);
        lab[k][0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
        lab[k][1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
        lab[k][2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
    }
    double dl = lab[0][0] - lab[1][0], da = lab[0][1] - lab[1][1], db = lab[0][2] - lab[1][2];
    return sqrt(0.25 * dl * dl + da * da + db * db);
}

static void test_create_and_limits(void)
{
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    RP_CHECK(rp_figure_valid(f));
    rp_figure_desc d = rp_figure_get_desc(f);
    RP_CHECK_NEAR(d.line_width, 1.5, 1e-6);
    RP_CHECK_EQ_INT(d.theme, RP_THEME_DARK);
    RP_CHECK_EQ_INT(d.x_axis, RP_X_AXIS_NUMBER);
    RP_CHECK(d.title && d.title[0] == '\0');
    RP_CHECK(rp_figure_following(f));
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 0);

    /* Panels up to the limit. */
    for (int i = 0; i < RP_MAX_PANELS; i++) {
        int p = -1;
        RP_CHECK_EQ_INT(rp_figure_add_panel(f, NULL, &p), RP_OK);
        RP_CHECK_EQ_INT(p, i);
    }
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, NULL, NULL), RP_ERR_LIMIT);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), RP_MAX_PANELS);
    rp_figure_destroy(f);
    rp_figure_destroy(NULL);

    /* Strings are copied; too long is a limit, not a truncation. */
    char title[200];
    memset(title, 'x', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    f = (rp_figure *)1;
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.title = title}, &f), RP_ERR_LIMIT);
    RP_CHECK(f == NULL);
    char buf[32] = "Pressure";
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.title = buf,
                                                       .x_label = "t",
                                                       .theme = RP_THEME_LIGHT,
                                                       .x_axis = RP_X_AXIS_TIME,
                                                       .line_width = 2},
                                     &f),
                    RP_OK);
    buf[0] = 'Z';
    d = rp_figure_get_desc(f);
    RP_CHECK(strcmp(d.title, "Pressure") == 0);
    RP_CHECK(strcmp(d.x_label, "t") == 0);
    RP_CHECK_EQ_INT(d.theme, RP_THEME_LIGHT);
    RP_CHECK_NEAR(d.line_width, 2, 0);
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, &(rp_panel_desc){.title = title}, NULL), RP_ERR_LIMIT);
    rp_panel_desc flat = {.fixed_y = true, .y_min = 1, .y_max = 1};
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, &flat, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(
        rp_figure_add_panel(f, &(rp_panel_desc){.fixed_y = true, .y_min = 0, .y_max = NAN}, NULL),
        RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 0);
    rp_figure_destroy(f);

    /* Bad enums and widths. */
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.theme = (rp_theme)7}, &f),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.x_axis = (rp_x_axis)9}, &f),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.line_width = -1}, &f), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_create(&(rp_figure_desc){.markers = (rp_markers)3}, &f),
                    RP_ERR_INVALID_ARG);

    /* Sample markers: AUTO by default, set and read back, a bad value refused and not kept. */
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_AUTO);
    RP_CHECK_EQ_INT(rp_figure_set_markers(f, RP_MARKERS_OFF), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_OFF);
    RP_CHECK_EQ_INT(rp_figure_set_markers(f, (rp_markers)-1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_OFF);
    RP_CHECK(strstr(rp_figure_last_error(f), "markers") != NULL);
    RP_CHECK_EQ_INT(rp_figure_set_markers(NULL, RP_MARKERS_ON), RP_ERR_INVALID_ARG);
    /* The x axis after creation (a viewer learns a file is dated): set, read back, a bad value
     * refused and not kept. */
    RP_CHECK_EQ_INT(rp_figure_set_x_axis(f, RP_X_AXIS_WALL_CLOCK), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).x_axis, RP_X_AXIS_WALL_CLOCK);
    RP_CHECK_EQ_INT(rp_figure_set_x_axis(f, (rp_x_axis)7), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).x_axis, RP_X_AXIS_WALL_CLOCK);
    RP_CHECK(strstr(rp_figure_last_error(f), "x_axis") != NULL);
    RP_CHECK_EQ_INT(rp_figure_set_x_axis(NULL, RP_X_AXIS_TIME), RP_ERR_INVALID_ARG);
    /* The zoom box: drawn while all four corners are numbers. */
    RP_CHECK_EQ_INT(rp_figure_set_zoom_box(f, 10, 20, 110, 90), RP_OK);
    RP_CHECK(f->zoom_box_on && f->zoom_box[2] == 110);
    RP_CHECK_EQ_INT(rp_figure_set_zoom_box(f, 10, 20, NAN, 90), RP_OK);
    RP_CHECK(!f->zoom_box_on);
    RP_CHECK_EQ_INT(rp_figure_set_zoom_box(NULL, 0, 0, 1, 1), RP_ERR_INVALID_ARG);
    rp_figure_destroy(f);
}

static void test_misuse(void)
{
    /* A figure that was never registered (as after destroy) is refused everywhere. */
    static rp_figure dead; /* not in the registry of live handles */
    double a, b;
    RP_CHECK(!rp_figure_valid(&dead));
    RP_CHECK(!rp_figure_valid(NULL));
    RP_CHECK_EQ_INT(rp_figure_add_panel(&dead, NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_panel(NULL, NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_panel_count(&dead), 0);
    RP_CHECK_EQ_INT(rp_figure_follow(&dead, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(&dead, 0, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_x_view(&dead, &a, &b), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_y_view(&dead, 0, &a, &b), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_y_view(&dead, 0, 0, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_autoscale_y(&dead, 0), RP_ERR_INVALID_ARG);
    RP_CHECK(!rp_figure_following(&dead));
    static rp_drawn_frames none;
    RP_CHECK(rp_drawn_find(&none, &dead) == NULL);
    RP_CHECK_EQ_INT(rp_drawn_hit_test(rp_drawn_find(&none, &dead), &dead, 1, 1).kind, RP_HIT_NONE);
    RP_CHECK_EQ_INT(rp_figure_get_desc(NULL).line_width, 0);
    rp_figure_destroy(&dead); /* ignored: not a live figure */

    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_series *s = make_series("s", 1, 0, 16);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, 0, NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, 1, s, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, -1, s, NULL), RP_ERR_INVALID_ARG);
    /* Panel 0 of an empty figure is created on demand. */
    RP_CHECK_EQ_INT(rp_figure_add_series(f, 0, s, NULL), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 1);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, 0, s, NULL), RP_ERR_INVALID_ARG); /* twice */
    RP_CHECK_EQ_INT(rp_figure_add_series(f, 0, s, &(rp_series_style){.line_width = -2}),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 1, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 2, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0, INFINITY), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, NAN, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_follow(f, -1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_follow(f, NAN), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_y_view(f, 0, 1, 0), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_y_view(f, 5, 0, 1), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, 1, &a, &b), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, 0, NULL, &b), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_remove_series(f, NULL), RP_ERR_INVALID_ARG);
    rp_series *other = make_series("other", 1, 0, 16);
    RP_CHECK_EQ_INT(rp_figure_remove_series(f, other), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_series_visible(f, other, false), RP_ERR_INVALID_ARG);
    RP_CHECK(!rp_figure_series_visible(f, other));

    /* Too many series in one panel. */
    rp_series *many[RP_MAX_SERIES_PER_PANEL + 1];
    for (int i = 0; i <= RP_MAX_SERIES_PER_PANEL; i++) many[i] = make_series("m", 1, 0, 4);
    int p1 = -1;
    RP_CHECK_EQ_INT(rp_figure_add_panel(f, NULL, &p1), RP_OK);
    for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++)
        RP_CHECK_EQ_INT(rp_figure_add_series(f, p1, many[i], NULL), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, p1, many[RP_MAX_SERIES_PER_PANEL], NULL), RP_ERR_LIMIT);
    rp_figure_destroy(f);
    for (int i = 0; i <= RP_MAX_SERIES_PER_PANEL; i++) rp_series_destroy(many[i]);
    rp_series_destroy(s);
    rp_series_destroy(other);
}

static void test_series_styles(void)
{
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_series *a = make_series("alpha", 1, 0, 16);
    rp_series *b = make_series("beta", 1, 0, 16);
    rp_series *c = make_series("gamma", 1, 0, 16);
    int p0, p1;
    rp_figure_add_panel(f, NULL, &p0);
    rp_figure_add_panel(f, NULL, &p1);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, p0, a, NULL), RP_OK);
    RP_CHECK_EQ_INT(
        rp_figure_add_series(
            f, p0, b,
            &(rp_series_style){.label = "Beta (kPa)", .color = {1, 0, 0, 1}, .line_width = 3}),
        RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, p1, c, NULL), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_series(f, p1, a, NULL), RP_OK); /* same series, two panels */
    const rp_figure_panel *pa = &f->panels[p0], *pb = &f->panels[p1];
    RP_CHECK(strcmp(pa->series[0].label, "alpha") == 0);
    RP_CHECK(strcmp(pa->series[1].label, "Beta (kPa)") == 0);
    RP_CHECK_NEAR(pa->series[1].line_width, 3, 0);
    /* Palette colours go in order to series without a colour; explicit colours are kept. */
    rp_color ca = rp_figure_series_color(f, &pa->series[0]);
    rp_color cb = rp_figure_series_color(f, &pa->series[1]);
    rp_color cc = rp_figure_series_color(f, &pb->series[0]);
    RP_CHECK(color_distance(ca, rp_theme_palette(RP_THEME_DARK, 0)) < 1e-6);
    RP_CHECK(color_distance(cb, (rp_color){1, 0, 0, 1}) < 1e-6);
    RP_CHECK(color_distance(cc, rp_theme_palette(RP_THEME_DARK, 1)) < 1e-6);

    /* Visibility applies to every panel that shows the series. */
    RP_CHECK(rp_figure_series_visible(f, a));
    RP_CHECK_EQ_INT(rp_figure_set_series_visible(f, a, false), RP_OK);
    RP_CHECK(!rp_figure_series_visible(f, a));
    RP_CHECK(!pa->series[0].visible && !pb->series[1].visible);
    RP_CHECK(rp_figure_series_visible(f, b));
    RP_CHECK_EQ_INT(rp_figure_set_series_visible(f, a, true), RP_OK);

    /* Removal takes it out of every panel and keeps the order of the rest. */
    RP_CHECK_EQ_INT(rp_figure_remove_series(f, a), RP_OK);
    RP_CHECK_EQ_INT(pa->series_count, 1);
    RP_CHECK_EQ_INT(pb->series_count, 1);
    RP_CHECK(pa->series[0].series == b);
    RP_CHECK(pb->series[0].series == c);
    RP_CHECK_EQ_INT(rp_figure_remove_series(f, a), RP_ERR_INVALID_ARG);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
    rp_series_destroy(c);
}

static void test_palette(void)
{
    for (int t = 0; t < 2; t++) {
        rp_theme theme = t ? RP_THEME_LIGHT : RP_THEME_DARK;
        rp_theme_style st = rp_theme_style_get(theme);
        double min_dist = 1e9, min_contrast = 1e9, min32 = 1e9, min64 = 1e9;
        for (int i = 0; i < RP_PALETTE_COLOURS; i++) {
            rp_color ci = rp_theme_palette(theme, i);
            RP_CHECK(ci.a == 1);
            min_contrast = fmin(min_contrast, contrast(ci, st.plot_background));
            for (int j = i + 1; j < RP_PALETTE_COLOURS; j++) {
                rp_color cj = rp_theme_palette(theme, j);
                if (j < RP_PALETTE_SIZE) min_dist = fmin(min_dist, color_distance(ci, cj));
                if (j < 32) min32 = fmin(min32, hue_distance(ci, cj));
                min64 = fmin(min64, hue_distance(ci, cj));
            }
        }
        /* Distinct from each other: the first 8 clearly; the first 32 (a full panel) as far
         * apart as the Okabe-Ito set's closest pair; all 64 still apart. Visible as thin lines
         * on the theme's background. */
        RP_CHECK_MSG(min_dist > 0.2, "theme %d: palette colours too close (%.3f)", t, min_dist);
        RP_CHECK_MSG(min32 > 0.07, "theme %d: two of the first 32 colours %.3f apart", t, min32);
        RP_CHECK_MSG(min64 > 0.05, "theme %d: two of the 64 colours %.3f apart", t, min64);
        RP_CHECK_MSG(min_contrast > (theme == RP_THEME_DARK ? 3.0 : 1.9),
                     "theme %d: a palette colour has contrast %.2f on the background", t,
                     min_contrast);
        /* The QA's look-alikes: sig4 and sig8 (pinks), sig6 and sig10 (yellows). */
        RP_CHECK(hue_distance(rp_theme_palette(theme, 4), rp_theme_palette(theme, 8)) > 0.07);
        RP_CHECK(hue_distance(rp_theme_palette(theme, 6), rp_theme_palette(theme, 10)) > 0.07);
        /* Wraps around after all of them; negative indices are safe. */
        RP_CHECK(color_distance(rp_theme_palette(theme, RP_PALETTE_COLOURS + 2),
                                rp_theme_palette(theme, 2)) < 1e-9);
        RP_CHECK(color_distance(rp_theme_palette(theme, -1),
                                rp_theme_palette(theme, RP_PALETTE_COLOURS - 1)) < 1e-9);
        /* Text is readable on its background. */
        RP_CHECK(contrast(st.text, st.background) > 7);
        RP_CHECK(contrast(st.tick_label, st.background) > 4.5);
        RP_CHECK(contrast(st.grid, st.plot_background) < 1.6); /* subtle */
        RP_CHECK(st.legend_background.a > 0.5 && st.legend_background.a < 1);
    }
    /* The first 8 stay the Okabe-Ito set (goldens of a few series stay byte-identical). */
    RP_CHECK(color_distance(rp_theme_palette(RP_THEME_DARK, 0),
                            (rp_color){0x4c / 255.0f, 0x9b / 255.0f, 0xe8 / 255.0f, 1}) < 1e-6);
    RP_CHECK(color_distance(rp_theme_palette(RP_THEME_LIGHT, 7),
                            (rp_color){0x3a / 255.0f, 0x3a / 255.0f, 0x3a / 255.0f, 1}) < 1e-6);
    rp_theme_style dark = rp_theme_style_get(RP_THEME_DARK);
    rp_theme_style light = rp_theme_style_get(RP_THEME_LIGHT);
    RP_CHECK(luminance(dark.background) < 0.02);
    RP_CHECK(luminance(light.background) > 0.9);
}

/* 32 series in one panel (the most a panel holds), however many series the figure had before:
 * no two share a colour, and any two are told apart by hue or shade (the colours came round
 * after 16 with only the line width to tell them, QA). Past RP_PALETTE_COLOURS series in a
 * figure the colours come round with lines twice as wide. */
static void test_many_series_distinct(void)
{
    for (int before = 0; before <= 2 * RP_PALETTE_COLOURS; before += 40) {
        rp_figure *f = NULL;
        RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
        rp_series *s[RP_MAX_SERIES_PER_PANEL];
        for (int i = 0; i < before; i++) { /* series of other panels, added and removed */
            rp_series *o = NULL;
            RP_REQUIRE_VOID(rp_series_create(NULL, &o) == RP_OK);
            RP_CHECK(rp_figure_add_series(f, 0, o, NULL) == RP_OK);
            RP_CHECK(rp_figure_remove_series(f, o) == RP_OK);
            rp_series_destroy(o);
        }
        for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++) {
            RP_REQUIRE_VOID(rp_series_create(NULL, &s[i]) == RP_OK);
            RP_CHECK(rp_figure_add_series(f, 0, s[i], NULL) == RP_OK);
        }
        const rp_figure_panel *pn = &f->panels[0];
        for (int i = 0; i < pn->series_count; i++)
            for (int j = i + 1; j < pn->series_count; j++) {
                rp_color a = rp_figure_series_color(f, &pn->series[i]),
                         b = rp_figure_series_color(f, &pn->series[j]);
                double d = hue_distance(a, b);
                RP_CHECK_MSG(d > 0.05, "after %d: series %d and %d look alike (%.3f)", before, i, j,
                             d);
            }
        if (before == 0) {
            RP_CHECK(rp_figure_series_width_scale(&pn->series[31]) == 1.0f);
            /* the 65th series of the figure: colours again, lines twice as wide */
            rp_series *o = NULL;
            int other = -1;
            RP_CHECK(rp_figure_add_panel(f, NULL, &other) == RP_OK);
            for (int i = 32; i <= RP_PALETTE_COLOURS; i++) {
                RP_REQUIRE_VOID(rp_series_create(NULL, &o) == RP_OK);
                RP_CHECK(rp_figure_add_series(f, other, o, NULL) == RP_OK);
                const rp_figure_panel *p1 = &f->panels[other];
                float want = i == RP_PALETTE_COLOURS ? 2.0f : 1.0f;
                RP_CHECK(rp_figure_series_width_scale(&p1->series[p1->series_count - 1]) == want);
                RP_CHECK(rp_figure_remove_series(f, o) == RP_OK);
                rp_series_destroy(o);
            }
        }
        rp_figure_destroy(f);
        for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++) rp_series_destroy(s[i]);
    }
}

static void push_values(rp_series *s, const float *v, int n)
{
    RP_CHECK_EQ_INT(rp_push(s, v, n), RP_OK);
}

static void test_views(void)
{
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    double x0, x1, y0, y1;

    /* No panels, no data: defined views. */
    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK);
    RP_CHECK(x1 > x0);
    int p;
    rp_figure_add_panel(f, NULL, &p);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, 0, 0);
    RP_CHECK_NEAR(y1, 1, 0);

    /* Two series at 10 Hz; b starts later and ends later. */
    rp_series *a = make_series("a", 10, 0, 1000);
    rp_series *b = make_series("b", 10, 5, 1000);
    float v[100];
    for (int i = 0; i < 100; i++) v[i] = (float)i; /* a: x = i / 10, y = i */
    push_values(a, v, 100);
    for (int i = 0; i < 100; i++) v[i] = -(float)i; /* b: x = 5 + i / 10, y = -i */
    push_values(b, v, 100);
    rp_figure_add_series(f, p, a, NULL);
    rp_figure_add_series(f, p, b, NULL);

    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK); /* span 0: everything */
    RP_CHECK_NEAR(x0, 0, 1e-9);
    RP_CHECK_NEAR(x1, 14.9, 1e-9);
    RP_CHECK_EQ_INT(rp_figure_follow(f, 2), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK);
    RP_CHECK_NEAR(x0, 12.9, 1e-9);
    RP_CHECK_NEAR(x1, 14.9, 1e-9);
    /* Hiding a series does not move a following view. */
    rp_figure_set_series_visible(f, b, false);
    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK);
    RP_CHECK_NEAR(x1, 14.9, 1e-9);
    rp_figure_set_series_visible(f, b, true);

    /* Autoscale over [12.9, 14.9]: only b there, y in [-99, -79], 5% headroom. */
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, -99 - 1, 1e-4);
    RP_CHECK_NEAR(y1, -79 + 1, 1e-4);

    /* Fixed x view: union of both. */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0, 20), RP_OK);
    RP_CHECK(!rp_figure_following(f));
    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK);
    RP_CHECK_NEAR(x0, 0, 0);
    RP_CHECK_NEAR(x1, 20, 0);
    /* Relative time labels keep the newest sample at the moment the view was fixed. */
    RP_CHECK(f->time_ref_valid);
    RP_CHECK_NEAR(f->time_ref, 14.9, 1e-9);
    double newest = 0;
    RP_CHECK(rp_figure_newest_x(f, &newest));
    RP_CHECK_NEAR(newest, 14.9, 1e-9);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, -99 - 9.9, 1e-4);
    RP_CHECK_NEAR(y1, 99 + 9.9, 1e-4);
    /* Hidden series do not count in autoscale. */
    rp_figure_set_series_visible(f, b, false);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, 0 - 4.95, 1e-4);
    RP_CHECK_NEAR(y1, 99 + 4.95, 1e-4);
    rp_figure_set_series_visible(f, b, true);

    /* Fixed y and back. */
    RP_CHECK_EQ_INT(rp_figure_set_y_view(f, p, -1, 1), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, -1, 0);
    RP_CHECK_NEAR(y1, 1, 0);
    RP_CHECK_EQ_INT(rp_figure_autoscale_y(f, p), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK(y1 > 100);

    /* A view with no samples in it: [0, 1]. */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 100, 200), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, 0, 0);
    RP_CHECK_NEAR(y1, 1, 0);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

/* While following live, an autoscaled linear y view holds still (rp_figure_hold_y, called by the
 * renderer once a frame): it grows with a margin only when the data leaves it, shrinks to fit
 * only when the data would fill under 60 % of it, and drops the hold on a new view. */
static bool hold_frame(rp_figure *f, int p, double *y0, double *y1)
{
    double x0, x1;
    RP_CHECK_EQ_INT(rp_figure_x_view(f, &x0, &x1), RP_OK);
    bool changed = rp_figure_hold_y(f, p, x0, x1);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, y0, y1), RP_OK);
    return changed;
}

/* A figure of one panel following series "s" (10 Hz) live over 10 s: the newest 101 samples. */
static void live_figure(rp_figure **f, int *p, rp_series **s)
{
    RP_REQUIRE_VOID(rp_figure_create(NULL, f) == RP_OK);
    rp_figure_add_panel(*f, NULL, p);
    *s = make_series("s", 10, 0, 1000);
    rp_figure_add_series(*f, *p, *s, NULL);
    RP_CHECK_EQ_INT(rp_figure_follow(*f, 10), RP_OK);
}

static void test_live_hold(void)
{
    rp_figure *f = NULL;
    rp_series *s = NULL;
    int p = 0;
    live_figure(&f, &p, &s);
    if (!f) return;
    double y0, y1;
    float v[101];
    for (int i = 0; i < 101; i++) v[i] = (float)(i % 2); /* 0, 1, 0, 1 ... */
    push_values(s, v, 101);
    RP_CHECK(!hold_frame(f, p, &y0, &y1)); /* first frame: the fit, 5 % headroom */
    RP_CHECK_NEAR(y0, -0.05, 1e-9);
    RP_CHECK_NEAR(y1, 1.05, 1e-9);
    /* New samples inside the view: it holds, though the data's own view is now [0.06, 0.94]. */
    for (int i = 0; i < 101; i++) v[i] = 0.1f + 0.8f * (float)(i % 2);
    push_values(s, v, 101);
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y0, -0.05, 1e-9);
    RP_CHECK_NEAR(y1, 1.05, 1e-9);
    /* A sample above it: the top grows to the data's view plus 10 % of its span. */
    v[0] = 2.0f;
    push_values(s, v, 1);
    RP_CHECK(hold_frame(f, p, &y0, &y1)); /* changed */
    double lo = 0.1, hi = 2.0, top = hi + 0.05 * (hi - lo), bottom = lo - 0.05 * (hi - lo);
    RP_CHECK_NEAR(y0, -0.05, 1e-6);
    RP_CHECK_NEAR(y1, top + 0.1 * (top - bottom), 1e-6);
    /* The data shrinks to [0.4, 0.6]: its view fills under 60 % of the held one, which fits
     * again. */
    for (int i = 0; i < 101; i++) v[i] = 0.4f + 0.2f * (float)(i % 2);
    push_values(s, v, 101);
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y0, 0.4 - 0.01, 1e-6);
    RP_CHECK_NEAR(y1, 0.6 + 0.01, 1e-6);
    /* Data in [0.42, 0.58] (its view [0.412, 0.588], 80 % of the held one): it holds. */
    for (int i = 0; i < 101; i++) v[i] = 0.42f + 0.16f * (float)(i % 2);
    push_values(s, v, 101);
    RP_CHECK(!hold_frame(f, p, &y0, &y1));
    RP_CHECK_NEAR(y0, 0.4 - 0.01, 1e-6);
    RP_CHECK_NEAR(y1, 0.6 + 0.01, 1e-6);
    /* rp_figure_refit: the next frame fits the data as a first frame would, still following, and
     * holds that fit; a fixed y view on another panel stays. */
    int q;
    rp_figure_add_panel(f, NULL, &q);
    rp_figure_add_series(f, q, s, NULL);
    RP_CHECK_EQ_INT(rp_figure_set_y_view(f, q, -5, 5), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_refit(f), RP_OK);
    RP_CHECK(rp_figure_following(f));
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y0, 0.42 - 0.008, 1e-6);
    RP_CHECK_NEAR(y1, 0.58 + 0.008, 1e-6);
    RP_CHECK(!hold_frame(f, p, &y0, &y1)); /* held from here */
    RP_CHECK_NEAR(y1, 0.58 + 0.008, 1e-6);
    hold_frame(f, q, &y0, &y1);
    RP_CHECK_NEAR(y0, -5, 1e-9);
    RP_CHECK_NEAR(y1, 5, 1e-9);
    RP_CHECK_EQ_INT(rp_figure_refit(NULL), RP_ERR_INVALID_ARG);
    /* A new view drops the hold: following the newest 2 s fits the data in it. */
    RP_CHECK_EQ_INT(rp_figure_follow(f, 2), RP_OK);
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y0, 0.42 - 0.008, 1e-6);
    RP_CHECK_NEAR(y1, 0.58 + 0.008, 1e-6);
    /* A fixed x view never holds: over everything, [0, 2]. */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0, 100), RP_OK);
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y0, -0.1, 1e-6);
    RP_CHECK_NEAR(y1, 2.1, 1e-6);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A held view that the data leaves by a side, when growing it would leave the data filling under
 * 60 % of it, fits at once; a frame over the same data then changes nothing (it grew one frame
 * and fit the next: two rescales, and a frame drawn twice drew two pictures). */
static void test_live_hold_grow_fit(void)
{
    rp_figure *f = NULL;
    rp_series *s = NULL;
    int p = 0;
    live_figure(&f, &p, &s);
    if (!f) return;
    double y0, y1;
    float v[101];
    for (int i = 0; i < 101; i++) v[i] = 2.0f * (float)(i % 2); /* 0, 2: held [-0.1, 2.1] */
    push_values(s, v, 101);
    hold_frame(f, p, &y0, &y1);
    RP_CHECK_NEAR(y1, 2.1, 1e-6);
    RP_CHECK(!hold_frame(f, p, &y0, &y1)); /* the same data: nothing moves */
    /* The data [1.55, 2.95]: its view [1.48, 3.02] fills 70 % of the held one but leaves its top;
     * grown to 3.174 it would fill under 60 %: the fit. */
    for (int i = 0; i < 101; i++) v[i] = i % 2 ? 2.95f : 1.55f;
    push_values(s, v, 101);
    RP_CHECK(hold_frame(f, p, &y0, &y1));
    RP_CHECK_NEAR(y0, 1.55 - 0.07, 1e-5);
    RP_CHECK_NEAR(y1, 2.95 + 0.07, 1e-5);
    RP_CHECK(!hold_frame(f, p, &y0, &y1));
    RP_CHECK_NEAR(y0, 1.55 - 0.07, 1e-5);
    RP_CHECK_NEAR(y1, 2.95 + 0.07, 1e-5);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

static void test_autoscale_edge_cases(void)
{
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    int p;
    rp_figure_add_panel(f, NULL, &p);
    double y0, y1;

    /* Flat data: a band around the value. */
    rp_series *flat = make_series("flat", 1, 0, 64);
    float v[8] = {5, 5, 5, 5, 5, 5, 5, 5};
    push_values(flat, v, 8);
    rp_figure_add_series(f, p, flat, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK(y0 < 5 && y1 > 5);
    RP_CHECK_NEAR(0.5 * (y0 + y1), 5, 1e-9);
    RP_CHECK(y1 - y0 > 0.1 && y1 - y0 < 10);
    rp_figure_remove_series(f, flat);

    /* Flat zero. */
    rp_series *zero = make_series("zero", 1, 0, 64);
    float z[4] = {0, 0, 0, 0};
    push_values(zero, z, 4);
    rp_figure_add_series(f, p, zero, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK(y0 < 0 && y1 > 0 && isfinite(y0) && isfinite(y1));
    rp_figure_remove_series(f, zero);

    /* ±Inf and NaN never poison the view. */
    rp_series *wild = make_series("wild", 1, 0, 64);
    float w[6] = {1, INFINITY, 2, NAN, -INFINITY, 3};
    push_values(wild, w, 6);
    rp_figure_add_series(f, p, wild, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK(isfinite(y0) && isfinite(y1));
    RP_CHECK_NEAR(y0, 1 - 0.1, 1e-6);
    RP_CHECK_NEAR(y1, 3 + 0.1, 1e-6);
    rp_figure_remove_series(f, wild);

    /* Only non-finite data: like no data. */
    rp_series *inf = make_series("inf", 1, 0, 64);
    float in[3] = {INFINITY, NAN, -INFINITY};
    push_values(inf, in, 3);
    rp_figure_add_series(f, p, inf, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, 0, 0);
    RP_CHECK_NEAR(y1, 1, 0);
    rp_figure_remove_series(f, inf);

    /* Huge and tiny magnitudes keep a usable, finite view. */
    rp_series *big = make_series("big", 1, 0, 64);
    float bg[3] = {1.0e12f, 1.0e12f, 1.0e12f};
    push_values(big, bg, 3);
    rp_figure_add_series(f, p, big, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK(y0 < 1e12 && y1 > 1e12 && (y1 - y0) > 1e9);
    rp_figure_remove_series(f, big);
    rp_series *tiny = make_series("tiny", 1, 0, 64);
    float tn[3] = {1e-9f, 2e-9f, 3e-9f};
    push_values(tiny, tn, 3);
    rp_figure_add_series(f, p, tiny, NULL);
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    RP_CHECK_NEAR(y0, 1e-9 - 0.1e-9, 1e-15);
    RP_CHECK_NEAR(y1, 3e-9 + 0.1e-9, 1e-15);

    /* A single sample: follow mode gives a non-empty view ending at it. */
    rp_series *one = make_series("one", 1, 100, 8);
    float o = 7;
    push_values(one, &o, 1);
    rp_figure *g = NULL;
    rp_figure_create(NULL, &g);
    rp_figure_add_series(g, 0, one, NULL);
    double x0, x1;
    RP_CHECK_EQ_INT(rp_figure_x_view(g, &x0, &x1), RP_OK);
    RP_CHECK(x1 > x0);
    RP_CHECK_NEAR(x1, 100, 0);
    /* Follow with a span before the data is there: a view of that span. */
    rp_figure *h = NULL;
    rp_figure_create(NULL, &h);
    rp_figure_follow(h, 30);
    RP_CHECK_EQ_INT(rp_figure_x_view(h, &x0, &x1), RP_OK);
    RP_CHECK_NEAR(x1 - x0, 30, 0);

    rp_figure_destroy(h);
    rp_figure_destroy(g);
    rp_figure_destroy(f);
    rp_series_destroy(flat);
    rp_series_destroy(zero);
    rp_series_destroy(wild);
    rp_series_destroy(inf);
    rp_series_destroy(big);
    rp_series_destroy(tiny);
    rp_series_destroy(one);
}

static void test_hit_test(void)
{
    static rp_drawn_frames frames; /* a renderer's table (large: off the stack) */
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_series *a = make_series("a", 1, 0, 8);
    int p0, p1;
    rp_figure_add_panel(f, NULL, &p0);
    rp_figure_add_panel(f, NULL, &p1);
    rp_figure_add_series(f, p0, a, NULL);

    /* Nothing drawn yet. */
    RP_CHECK(rp_drawn_find(&frames, f) == NULL);
    rp_hit h = rp_drawn_hit_test(rp_drawn_find(&frames, f), f, 10, 10);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);
    RP_CHECK_EQ_INT(h.panel, -1);

    /* The record a renderer would keep: 800 × 600, two panels. */
    rp_drawn_frame *d = rp_drawn_take(&frames, f);
    RP_REQUIRE_VOID(d != NULL && rp_drawn_find(&frames, f) == d);
    d->width = 800;
    d->height = 600;
    d->x0 = 10;
    d->x1 = 20;
    d->panel_count = 2;
    d->x_axis_panel = p1; /* the time labels under the last time panel */
    d->panels[p0].panel = (rp_rect){0, 0, 800, 300};
    d->panels[p0].plot = (rp_rect){100, 20, 600, 260};
    d->panels[p0].y0 = -1;
    d->panels[p0].y1 = 1;
    d->panels[p0].entry_count = 1;
    d->panels[p0].entries[0] = (rp_rect){600, 30, 90, 20};
    d->panels[p0].entry_series[0] = a;
    d->panels[p0].entry_serial[0] = f->panels[p0].series[0].serial;
    d->panels[p1].panel = (rp_rect){0, 300, 800, 300};
    d->panels[p1].plot = (rp_rect){100, 310, 600, 250};
    d->panels[p1].y0 = 0;
    d->panels[p1].y1 = 100;

    h = rp_drawn_hit_test(d, f, 400, 150); /* centre of panel 0's plot */
    RP_CHECK_EQ_INT(h.kind, RP_HIT_PLOT);
    RP_CHECK_EQ_INT(h.panel, p0);
    RP_CHECK_NEAR(h.x, 15, 1e-9);
    RP_CHECK_NEAR(h.y, 0, 1e-9);
    h = rp_drawn_hit_test(d, f, 100, 20); /* top-left corner: x0, y1 */
    RP_CHECK_NEAR(h.x, 10, 1e-9);
    RP_CHECK_NEAR(h.y, 1, 1e-9);
    h = rp_drawn_hit_test(d, f, 650, 40);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_LEGEND);
    RP_CHECK(h.series == a);
    h = rp_drawn_hit_test(d, f, 50, 100);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_Y_AXIS);
    RP_CHECK_EQ_INT(h.panel, p0);
    RP_CHECK_NEAR(h.y, 1 - 2 * 80.0 / 260, 1e-9); /* the value at the pointer's height there */
    /* the right gutter: a y axis where the panel has a right one (the wheel zooms it), else not */
    h = rp_drawn_hit_test(d, f, 750, 100);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);
    RP_CHECK_EQ_INT(h.panel, p0);
    d->panels[p0].has_right = true;
    d->panels[p0].y2_0 = 0;
    d->panels[p0].y2_1 = 260;
    h = rp_drawn_hit_test(d, f, 750, 100);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_Y_AXIS);
    RP_CHECK_EQ_INT(h.panel, p0);
    RP_CHECK_NEAR(h.y, 1 - 2 * 80.0 / 260, 1e-9);
    RP_CHECK_NEAR(h.y_right, 180, 1e-9);
    d->panels[p0].has_right = false;
    h = rp_drawn_hit_test(d, f, 400, 580);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_X_AXIS);
    RP_CHECK_EQ_INT(h.panel, p1);
    RP_CHECK_NEAR(h.x, 15, 1e-9);
    h = rp_drawn_hit_test(d, f, 400, 435); /* panel 1's plot centre-ish */
    RP_CHECK_EQ_INT(h.kind, RP_HIT_PLOT);
    RP_CHECK_EQ_INT(h.panel, p1);
    RP_CHECK_NEAR(h.y, 50, 0.5);
    h = rp_drawn_hit_test(d, f, 400, 290); /* below panel 0's plot: not its x axis */
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);
    RP_CHECK_EQ_INT(h.panel, p0);
    h = rp_drawn_hit_test(d, f, -1, 10);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);
    h = rp_drawn_hit_test(d, f, 900, 10);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);
    h = rp_drawn_hit_test(d, f, NAN, 10);
    RP_CHECK_EQ_INT(h.kind, RP_HIT_NONE);

    /* A series removed since the frame: its entry still hit-tests as the legend (it is on the
     * screen) but names no series, neither the removed one nor the one that moved up. */
    rp_series *b = make_series("b", 1, 0, 8);
    rp_figure_add_series(f, p0, b, NULL);
    rp_figure_remove_series(f, a);
    h = rp_drawn_hit_test(d, f, 650, 40);
    RP_CHECK(h.kind == RP_HIT_LEGEND && h.series == NULL);

    /* The table keeps the RP_RENDERER_FIGURES figures drawn most recently: one more takes the
     * record of the least recently drawn; a destroyed figure is never found (not even when a
     * new one lives at its address). */
    rp_figure *more[RP_RENDERER_FIGURES];
    for (int k = 0; k < RP_RENDERER_FIGURES; k++) {
        RP_REQUIRE_VOID(rp_figure_create(NULL, &more[k]) == RP_OK);
        rp_drawn_frame *m = rp_drawn_take(&frames, more[k]);
        RP_CHECK(m != d || k == RP_RENDERER_FIGURES - 1);
        m->width = 100 + k;
        if (k < RP_RENDERER_FIGURES - 1) RP_CHECK(rp_drawn_find(&frames, f) == d);
    }
    RP_CHECK(rp_drawn_find(&frames, f) == NULL); /* the oldest: forgotten */
    for (int k = 0; k < RP_RENDERER_FIGURES; k++) {
        const rp_drawn_frame *m = rp_drawn_find(&frames, more[k]);
        RP_CHECK(m != NULL && m->width == 100 + k);
        RP_CHECK(rp_drawn_take(&frames, more[k]) == m); /* its own record again, kept */
        RP_CHECK_EQ_INT(m->width, 100 + k);
    }
    rp_figure *gone = more[0];
    rp_figure_destroy(gone);
    RP_CHECK(rp_drawn_find(&frames, gone) == NULL);
    rp_frame_layout fl;
    RP_CHECK(!rp_drawn_describe(NULL, &fl) && fl.width == 0);
    RP_CHECK(rp_drawn_describe(rp_drawn_find(&frames, more[1]), &fl) && fl.width == 101);
    for (int k = 1; k < RP_RENDERER_FIGURES; k++) rp_figure_destroy(more[k]);

    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

int main(void)
{
    test_create_and_limits();
    test_misuse();
    test_series_styles();
    test_palette();
    test_many_series_distinct();
    test_views();
    test_autoscale_edge_cases();
    test_live_hold();
    test_live_hold_grow_fit();
    test_hit_test();
    return rp_test_finish();
}
