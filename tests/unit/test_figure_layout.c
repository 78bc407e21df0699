/* test_figure_layout.c — the renderer's layout without a GPU (layout.c does no GL): for several
 * figures, viewport sizes and HiDPI scales, everything lies inside the viewport, panels do not
 * overlap, tick labels neither overlap each other nor the plots, legends sit inside their plot,
 * and the legend avoids the data when a corner is free. */
#include <math.h>
#include <string.h>

#include "layout/layout.h"
#include "rp_test.h"

typedef struct fonts {
    rp_font *label, *bold, *title;
    rp_layout_fonts lf;
} fonts;

static bool fonts_make(fonts *f, float scale)
{
    memset(f, 0, sizeof *f);
    if (rp_font_create(13 * scale, false, &f->label) != RP_OK ||
        rp_font_create(13 * scale, true, &f->bold) != RP_OK ||
        rp_font_create(16 * scale, true, &f->title) != RP_OK)
        return false;
    f->lf = (rp_layout_fonts){f->label, f->bold, f->title, scale};
    return true;
}

static void fonts_free(fonts *f)
{
    rp_font_destroy(f->label);
    rp_font_destroy(f->bold);
    rp_font_destroy(f->title);
}

static bool inside(rp_rect r, rp_rect outer)
{
    return r.x >= outer.x - 0.01f && r.y >= outer.y - 0.01f &&
           r.x + r.w <= outer.x + outer.w + 0.01f && r.y + r.h <= outer.y + outer.h + 0.01f;
}

/* previous: the layout of this figure's last frame (legend hysteresis) or NULL; may be l. */
static void compute(rp_layout *l, rp_figure *f, const fonts *ft, int w, int h,
                    const rp_layout *previous)
{
    double x0, x1, y0[RP_MAX_PANELS], y1[RP_MAX_PANELS];
    rp_figure_x_view(f, &x0, &x1);
    for (int p = 0; p < f->panel_count; p++)
        rp_figure_resolve_y(f, p, x0, x1, &y0[p], &y1[p]);
    rp_layout_compute(l, f, &ft->lf, w, h, x0, x1, y0, y1, previous);
}

/* The checks every layout must pass. */
static void check_layout(const char *what, const rp_layout *l, const rp_figure *f, const fonts *ft)
{
    rp_rect vp = {0, 0, (float)l->width, (float)l->height};
    float la = rp_font_ascent(ft->label), ld = rp_font_descent(ft->label);
    float cap = roundf(la * 0.78f);
    if (l->has_title)
        RP_CHECK_MSG(l->title_baseline - rp_font_ascent(ft->title) >= 0, "%s: title clipped", what);
    for (int p = 0; p < l->panel_count; p++) {
        const rp_panel_layout *pl = &l->panels[p];
        RP_CHECK_MSG(pl->plot.w >= 1 && pl->plot.h >= 1, "%s: panel %d empty", what, p);
        RP_CHECK_MSG(inside(pl->plot, vp), "%s: panel %d plot outside the viewport", what, p);
        RP_CHECK_MSG(pl->plot.x == roundf(pl->plot.x) && pl->plot.y == roundf(pl->plot.y) &&
                         pl->plot.w == roundf(pl->plot.w) && pl->plot.h == roundf(pl->plot.h),
                     "%s: panel %d plot not on whole pixels", what, p);
        if (p > 0) {
            const rp_panel_layout *up = &l->panels[p - 1];
            RP_CHECK_MSG(up->plot.y + up->plot.h + 8 * l->scale <= pl->plot.y,
                         "%s: panels %d and %d touch", what, p - 1, p);
            RP_CHECK_MSG(up->plot.x == pl->plot.x && up->plot.w == pl->plot.w,
                         "%s: panels %d and %d not aligned", what, p - 1, p);
        }
        if (pl->has_header)
            RP_CHECK_MSG(pl->header_baseline + ld <= pl->plot.y &&
                             pl->header_baseline - la >= (p == 0 ? 0 : l->panels[p - 1].plot.y +
                                                                       l->panels[p - 1].plot.h),
                         "%s: panel %d header outside its slot", what, p);
        /* y tick labels: inside the viewport, left of the ticks, not overlapping each other. */
        float prev_y = -1e9f;
        int labels = 0;
        for (int i = 0; i < pl->yticks.count; i++) {
            const rp_tick *t = &pl->yticks.ticks[i];
            if (!t->major || !t->label[0])
                continue;
            double y = rp_layout_y_px(pl, t->value);
            if (y < pl->plot.y - 0.5 || y > pl->plot.y + pl->plot.h + 0.5)
                continue;
            labels++;
            float w = rp_font_text_width(ft->label, t->label);
            RP_CHECK_MSG(l->tick_label_right - w >= 0, "%s: y label '%s' clipped", what, t->label);
            RP_CHECK_MSG(l->tick_label_right <= pl->plot.x - l->tick_len,
                         "%s: y labels run into the ticks", what);
            RP_CHECK_MSG(fabsf((float)y - prev_y) >= cap + 2, "%s: y labels overlap at '%s'",
                         what, t->label);
            prev_y = (float)y;
        }
        RP_CHECK_MSG(labels >= 2 || pl->plot.h < 60 * l->scale,
                     "%s: panel %d has %d y labels on %.0f px", what, p, labels, pl->plot.h);
        if (pl->legend.w > 0) {
            RP_CHECK_MSG(inside(pl->legend, pl->plot), "%s: panel %d legend outside its plot",
                         what, p);
            for (int i = 0; i < f->panels[p].series_count; i++)
                if (pl->entries[i].shown)
                    RP_CHECK_MSG(inside(pl->entries[i].rect,
                                        (rp_rect){pl->legend.x - 1, pl->legend.y - 1,
                                                  pl->legend.w + 2, pl->legend.h + 2}),
                                 "%s: legend entry %d outside the box", what, i);
        }
    }
    if (l->panel_count == 0)
        return;
    /* x tick labels: under the bottom plot, inside the viewport where drawn, no overlaps. */
    const rp_rect *plot = &l->panels[l->panel_count - 1].plot;
    RP_CHECK_MSG(l->x_labels_baseline - la >= plot->y + plot->h + l->tick_len,
                 "%s: x labels touch the ticks", what);
    RP_CHECK_MSG(l->x_labels_baseline + ld <= (float)l->height, "%s: x labels clipped", what);
    if (l->has_x_title_row)
        RP_CHECK_MSG(l->x_title_baseline + ld <= (float)l->height + 0.5f,
                     "%s: x title row clipped", what);
    float prev_right = -1e9f;
    int drawn = 0;
    for (int i = 0; i < l->xticks.count; i++) {
        const rp_tick *t = &l->xticks.ticks[i];
        if (!t->major || !t->label[0])
            continue;
        double x = rp_layout_x_px(l, plot, t->value);
        if (x < plot->x - 0.5 || x > plot->x + plot->w + 0.5)
            continue;
        float w = rp_font_text_width(ft->label, t->label);
        float left = roundf((float)x - 0.5f * w);
        float edge = roundf(7.0f * l->scale);
        if (left < edge || left + w > (float)l->width - edge)
            continue; /* the renderer skips it */
        RP_CHECK_MSG(left >= prev_right + 4, "%s: x labels overlap at '%s'", what, t->label);
        prev_right = left + w;
        drawn++;
    }
    RP_CHECK_MSG(drawn >= 2, "%s: only %d x labels", what, drawn);
}

static rp_series *series_wave(double rate, double t0, int n, double amp, double offset,
                              double freq)
{
    rp_series *s = NULL;
    rp_series_create(&(rp_series_desc){.capacity = n, .rate = rate, .t0 = t0}, &s);
    float buf[1024];
    for (int i = 0; i < n;) {
        int k = n - i < 1024 ? n - i : 1024;
        for (int j = 0; j < k; j++)
            buf[j] = (float)(offset + amp * sin(freq * (double)(i + j) / rate));
        rp_push(s, buf, k);
        i += k;
    }
    return s;
}

int main(void)
{
    rp_series *s[8];
    for (int i = 0; i < 8; i++)
        s[i] = series_wave(100, 1700000000.0, 3000, 1 + i, 10.0 * i - 40, 0.5 + 0.3 * i);
    rp_series *tiny = series_wave(1000, 0, 2000, 0.3e-9, 1e-9, 7);
    rp_series *big = series_wave(1, 0, 2000, 4e8, 1e12, 0.01);

    rp_figure *figs[4];
    const char *names[4] = {"one panel", "three panels", "wall clock", "scaled"};
    rp_figure_create(&(rp_figure_desc){.title = "One", .x_label = "x"}, &figs[0]);
    rp_figure_add_panel(figs[0], &(rp_panel_desc){.y_label = "y"}, NULL);
    for (int i = 0; i < 8; i++)
        rp_figure_add_series(figs[0], 0, s[i], NULL);

    rp_figure_create(&(rp_figure_desc){.title = "Three", .x_axis = RP_X_AXIS_TIME}, &figs[1]);
    for (int p = 0; p < 3; p++) {
        rp_figure_add_panel(figs[1], &(rp_panel_desc){.title = "Panel", .y_label = "unit"}, NULL);
        rp_figure_add_series(figs[1], p, s[p], NULL);
        rp_figure_add_series(figs[1], p, s[p + 3], NULL);
    }
    rp_figure_follow(figs[1], 20);

    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_WALL_CLOCK, .x_label = "time"},
                     &figs[2]);
    rp_figure_add_series(figs[2], 0, s[2], NULL);

    rp_figure_create(&(rp_figure_desc){.title = "Scaled"}, &figs[3]);
    rp_figure_add_panel(figs[3], NULL, NULL);
    rp_figure_add_panel(figs[3], NULL, NULL);
    rp_figure_add_series(figs[3], 0, tiny, NULL);
    rp_figure_add_series(figs[3], 1, big, NULL);

    static rp_layout layout; /* large: keep it off the stack */
    const struct {
        int w, h;
        float scale;
    } sizes[] = {{800, 500, 1}, {1600, 1000, 2}, {1920, 1080, 1}, {640, 400, 1}, {1280, 720, 1.5f}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        fonts ft;
        RP_REQUIRE(fonts_make(&ft, sizes[k].scale));
        for (int i = 0; i < 4; i++) {
            char what[96];
            snprintf(what, sizeof what, "%s at %dx%d ×%.1f", names[i], sizes[k].w, sizes[k].h,
                     (double)sizes[k].scale);
            compute(&layout, figs[i], &ft, sizes[k].w, sizes[k].h, NULL);
            check_layout(what, &layout, figs[i], &ft);
            /* The layout hit-tests back to the same panels. */
            for (int p = 0; p < layout.panel_count; p++) {
                rp_rect pr = layout.panels[p].plot;
                rp_hit h = rp_layout_hit_test(&layout, pr.x + 1, pr.y + pr.h - 1, true);
                RP_CHECK_MSG(h.panel == p && (h.kind == RP_HIT_PLOT || h.kind == RP_HIT_LEGEND),
                             "%s: hit test of panel %d", what, p);
            }
        }
        fonts_free(&ft);
    }

    /* The legend leaves a corner that covers data for a free one: data only in the upper half
     * at the right → the legend goes to the bottom right. */
    {
        fonts ft;
        RP_REQUIRE(fonts_make(&ft, 1));
        rp_series *hi = NULL, *lo = NULL;
        rp_series_create(&(rp_series_desc){.capacity = 1000}, &hi);
        rp_series_create(&(rp_series_desc){.capacity = 1000}, &lo);
        float v[1000], w[1000];
        for (int i = 0; i < 1000; i++) {
            v[i] = 10.0f;                 /* high all along */
            w[i] = i < 500 ? 0.0f : 9.5f; /* low on the left, high on the right */
        }
        rp_push(hi, v, 1000);
        rp_push(lo, w, 1000);
        rp_figure *f = NULL;
        rp_figure_create(NULL, &f);
        rp_figure_add_series(f, 0, hi, NULL);
        rp_figure_add_series(f, 0, lo, NULL);
        compute(&layout, f, &ft, 800, 500, NULL);
        RP_CHECK_EQ_INT(layout.panels[0].legend_corner, 2);
        compute(&layout, f, &ft, 800, 500, &layout); /* stays */
        RP_CHECK_EQ_INT(layout.panels[0].legend_corner, 2);
        /* A HUD taller than half of a short top panel reaches into its bottom-left corner too:
         * the legend keeps clear of it wherever it reaches, in every panel. */
        rp_figure_add_panel(f, NULL, NULL);
        rp_figure_add_series(f, 1, lo, NULL);
        rp_figure_set_overlay(f, "60 fps\ningest 1 M/s\nsamples 1\nrejected 0\nlost 0\nPAUSED");
        for (int round = 0; round < 3; round++) {
            compute(&layout, f, &ft, 800, 300, &layout);
            RP_CHECK(layout.overlay.w > 0 && layout.overlay.h > layout.panels[0].plot.h / 2);
            for (int p = 0; p < layout.panel_count; p++) {
                rp_rect lg = layout.panels[p].legend, ov = layout.overlay;
                bool overlap = lg.w > 0 && lg.x < ov.x + ov.w && ov.x < lg.x + lg.w &&
                               lg.y < ov.y + ov.h && ov.y < lg.y + lg.h;
                RP_CHECK_MSG(!overlap, "panel %d legend under the HUD", p);
            }
        }
        rp_figure_destroy(f);
        rp_series_destroy(hi);
        rp_series_destroy(lo);
        fonts_free(&ft);
    }

    for (int i = 0; i < 4; i++)
        rp_figure_destroy(figs[i]);
    for (int i = 0; i < 8; i++)
        rp_series_destroy(s[i]);
    rp_series_destroy(tiny);
    rp_series_destroy(big);
    return rp_test_finish();
}
