/* test_figure_layout.c — the renderer's layout without a GPU (layout.c does no GL): for several
 * figures, viewport sizes and HiDPI scales, everything lies inside the viewport, panels do not
 * overlap, tick labels neither overlap each other nor the plots, legends sit inside their plot,
 * and the legend avoids the data when a corner is free. */
#include <math.h>
#include <string.h>

#include "layout/layout.h"
#include "rp_test.h"
#include "rp_test_figures.h"

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

static bool overlaps(rp_rect a, rp_rect b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

/* What a renderer keeps of its frames (one table per renderer): `drawer` is the renderer the
 * tests play; a second one shows two drawers of one figure keep apart. */
static rp_drawn_frames drawers[2];
static int drawer;

static void compute(rp_layout *l, rp_figure *f, const fonts *ft, int w, int h)
{
    double x0, x1, y0[RP_MAX_PANELS], y1[RP_MAX_PANELS];
    rp_figure_x_view(f, &x0, &x1);
    for (int p = 0; p < f->panel_count; p++) rp_figure_resolve_y(f, p, x0, x1, &y0[p], &y1[p]);
    rp_layout_compute(l, f, &ft->lf, w, h, x0, x1, f->follow ? x1 : NAN, y0, y1,
                      rp_drawn_find(&drawers[drawer], f));
}

/* The frame is drawn: the drawer keeps it (as rp_renderer_draw does). */
static void store(const rp_layout *l, const rp_figure *f)
{
    rp_drawn_record(rp_drawn_take(&drawers[drawer], f), l, f);
}

static rp_hit hit(const rp_figure *f, float px, float py)
{
    return rp_drawn_hit_test(rp_drawn_find(&drawers[drawer], f), f, px, py);
}

/* The corner the drawer's last frame put the legend of panel p in. */
static rp_legend_place drawn_place(const rp_figure *f, int p)
{
    static rp_frame_layout fl;
    return rp_drawn_describe(rp_drawn_find(&drawers[drawer], f), &fl) ? fl.panels[p].legend_place
                                                                      : RP_LEGEND_AUTO;
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
                             pl->header_baseline - la >=
                                 (p == 0 ? 0 : l->panels[p - 1].plot.y + l->panels[p - 1].plot.h),
                         "%s: panel %d header outside its slot", what, p);
        /* y tick labels: inside the viewport, left of the ticks, not overlapping each other. */
        float prev_y = -1e9f;
        int labels = 0;
        for (int i = 0; i < pl->yticks.count; i++) {
            const rp_tick *t = &pl->yticks.ticks[i];
            if (!t->major || !t->label[0]) continue;
            double y = rp_layout_y_px(pl, t->value);
            if (y < pl->plot.y - 0.5 || y > pl->plot.y + pl->plot.h + 0.5) continue;
            labels++;
            float w = rp_font_text_width(ft->label, t->label);
            RP_CHECK_MSG(l->tick_label_right - w >= 0, "%s: y label '%s' clipped", what, t->label);
            RP_CHECK_MSG(l->tick_label_right <= pl->plot.x - l->tick_len,
                         "%s: y labels run into the ticks", what);
            RP_CHECK_MSG(fabsf((float)y - prev_y) >= cap + 2, "%s: y labels overlap at '%s'", what,
                         t->label);
            prev_y = (float)y;
        }
        RP_CHECK_MSG(labels >= 2 || pl->plot.h < 60 * l->scale,
                     "%s: panel %d has %d y labels on %.0f px", what, p, labels, pl->plot.h);
        if (pl->legend.w > 0) {
            RP_CHECK_MSG(inside(pl->legend, pl->plot), "%s: panel %d legend outside its plot", what,
                         p);
            for (int i = 0; i < f->panels[p].series_count; i++)
                if (pl->entries[i].shown)
                    RP_CHECK_MSG(
                        inside(pl->entries[i].rect, (rp_rect){pl->legend.x - 1, pl->legend.y - 1,
                                                              pl->legend.w + 2, pl->legend.h + 2}),
                        "%s: legend entry %d outside the box", what, i);
        }
    }
    if (l->panel_count == 0) return;
    /* x tick labels: under the bottom plot, inside the viewport where drawn, no overlaps. */
    const rp_rect *plot = &l->panels[l->panel_count - 1].plot;
    RP_CHECK_MSG(l->x_labels_baseline - la >= plot->y + plot->h + l->tick_len,
                 "%s: x labels touch the ticks", what);
    RP_CHECK_MSG(l->x_labels_baseline + ld <= (float)l->height, "%s: x labels clipped", what);
    if (l->has_x_title_row)
        RP_CHECK_MSG(l->x_title_baseline + ld <= (float)l->height + 0.5f, "%s: x title row clipped",
                     what);
    float prev_right = -1e9f;
    int drawn = 0;
    for (int i = 0; i < l->xticks.count; i++) {
        const rp_tick *t = &l->xticks.ticks[i];
        if (!t->major || !t->label[0]) continue;
        double x = rp_layout_x_px(l, plot, t->value);
        if (x < plot->x - 0.5 || x > plot->x + plot->w + 0.5) continue;
        float w = rp_font_text_width(ft->label, t->label);
        float left = roundf((float)x - 0.5f * w);
        float edge = roundf(7.0f * l->scale);
        if (left < edge || left + w > (float)l->width - edge) continue; /* the renderer skips it */
        RP_CHECK_MSG(left >= prev_right + 4, "%s: x labels overlap at '%s'", what, t->label);
        prev_right = left + w;
        drawn++;
    }
    RP_CHECK_MSG(drawn >= 2, "%s: only %d x labels", what, drawn);
}

static rp_series *series_wave(double rate, double t0, int n, double amp, double offset, double freq)
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

/* Fonts at scale 1 and rp_test_legend_figure (low left, high right); NULL when either failed. */
static rp_figure *legend_setup(fonts *ft, rp_series **s)
{
    return fonts_make(ft, 1) ? rp_test_legend_figure(s) : NULL;
}

/* A figure of one series ("s", rate 1, room for 4000) following `span`; NULL when a create
 * failed. */
static rp_figure *live_figure(rp_series **s, double span)
{
    rp_figure *f = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "s", .capacity = 4000}, s) != RP_OK ||
        rp_figure_create(NULL, &f) != RP_OK)
        return NULL;
    rp_figure_add_series(f, 0, *s, NULL);
    rp_figure_follow(f, span);
    return f;
}

/* The drawer draws f in a w × h viewport: the corner its legend of panel 0 went to. */
static rp_legend_place draw(rp_layout *l, rp_figure *f, const fonts *ft, int w, int h)
{
    compute(l, f, ft, w, h);
    store(l, f);
    return drawn_place(f, 0);
}

/* Sparse data: two samples, -1 at the view's left edge and 1 at its right. No sample lies under
 * any corner's box, but the line joining them crosses the bottom-left and top-right ones: the
 * legend goes top-left or bottom-right (it sat top-right on the line, its cover counting
 * samples only). */
static void test_legend_off_sparse_lines(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s = NULL;
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "v", .capacity = 16}, &s) == RP_OK);
    RP_REQUIRE_VOID(rp_push(s, (const float[]){-1, 1}, 2) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_series(f, 0, s, NULL) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    compute(layout, f, &ft, 1000, 500);
    int corner = layout->panels[0].legend_corner; /* 0 top-right, 1 top-left, 2, 3 bottom */
    RP_CHECK_MSG(corner == 1 || corner == 2, "the legend went to corner %d, on the line", corner);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* A legend with more entries than its panel holds counts the rest in its last place ("+N more")
 * (entries were dropped without a word): what it shows and what it counts add up. */
static void test_legend_counts_the_rest(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    enum { N = 30 };
    rp_series *s[N];
    for (int i = 0; i < N; i++) {
        char name[16];
        snprintf(name, sizeof name, "ch%02d", i);
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = name, .capacity = 16}, &s[i]) ==
                        RP_OK);
        RP_REQUIRE_VOID(rp_push(s[i], (const float[]){(float)i, (float)i}, 2) == RP_OK);
        RP_REQUIRE_VOID(rp_figure_add_series(f, 0, s[i], NULL) == RP_OK);
    }
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    compute(layout, f, &ft, 400, 150);
    const rp_panel_layout *pl = &layout->panels[0];
    int shown = 0;
    for (int i = 0; i < N; i++) shown += pl->entries[i].shown;
    RP_CHECK_MSG(shown > 0 && shown < N && pl->legend_more == N - shown,
                 "%d entries shown, %d counted as more", shown, pl->legend_more);
    rp_figure_destroy(f);
    for (int i = 0; i < N; i++) rp_series_destroy(s[i]);
    fonts_free(&ft);
}

/* Short plots (four panels in a 640 x 200 window) are too low for the legend's box: it was left
 * out, so the series could not be told apart and a hidden one could not be clicked back. Now each
 * legend takes its compact form, one row inside the plot, every entry shown (the hidden one too). */
static void test_legend_compact_in_short_plots(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    enum { N = 8 };
    rp_series *s[N];
    for (int p = 0; p < N / 2; p++) RP_REQUIRE_VOID(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
    for (int i = 0; i < N; i++) {
        char name[16];
        snprintf(name, sizeof name, "accel %c", 'a' + i);
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = name, .capacity = 16}, &s[i]) ==
                        RP_OK);
        RP_REQUIRE_VOID(rp_push(s[i], (const float[]){(float)i, (float)-i}, 2) == RP_OK);
        RP_REQUIRE_VOID(rp_figure_add_series(f, i / 2, s[i], NULL) == RP_OK);
    }
    RP_REQUIRE_VOID(rp_figure_set_series_visible(f, s[3], false) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    compute(layout, f, &ft, 640, 200);
    RP_CHECK_EQ_INT(layout->panel_count, 4);
    for (int p = 0; p < layout->panel_count; p++) {
        const rp_panel_layout *pl = &layout->panels[p];
        RP_CHECK_MSG(pl->plot.h < 60, "panel %d: plot %.0f px high, not short", p, pl->plot.h);
        RP_CHECK_MSG(pl->legend.w > 0 && inside(pl->legend, pl->plot),
                     "panel %d: no legend in a %.0f px plot", p, pl->plot.h);
        RP_CHECK_MSG(pl->entries[0].shown && pl->entries[1].shown && pl->legend_more == 0,
                     "panel %d: entries %d %d, %d more", p, pl->entries[0].shown,
                     pl->entries[1].shown, pl->legend_more);
    }
    rp_figure_destroy(f);
    for (int i = 0; i < N; i++) rp_series_destroy(s[i]);
    fonts_free(&ft);
}

/* Small panels (QA: a 480 x 320 dashboard, 14 panels at 1280 x 900): a plot a line of text
 * high, or too narrow for every whole name, still gets a legend: one row, the names cut with
 * "…" so that every entry fits, and when not even the shortest names fit, entries and "+N
 * more"; with one place, one entry with the count after it. Every entry's text lies inside the
 * box, the box inside the plot. A y axis there shows two ticks or one that is not 0. */
static void check_small_legend(const rp_layout *layout, const rp_figure *f, const fonts *ft, int p,
                               int n, const char *what)
{
    const rp_panel_layout *pl = &layout->panels[p];
    RP_CHECK_MSG(pl->legend.w > 0 && inside(pl->legend, pl->plot),
                 "%s: no legend in a %.0f x %.0f px plot", what, pl->plot.w, pl->plot.h);
    int shown = 0;
    for (int i = 0; i < n; i++) {
        const rp_legend_entry *e = &pl->entries[i];
        if (!e->shown) continue;
        shown++;
        char t[RP_TEXT_MAX + 8];
        rp_layout_legend_text(e, f->panels[p].series[i].label, t, sizeof t);
        float right = e->text_x + rp_font_text_width(ft->label, t);
        RP_CHECK_MSG(right <= pl->legend.x + pl->legend.w - 4.0f,
                     "%s: entry %d ('%s') ends at %.1f, the box at %.1f", what, i, t, right,
                     pl->legend.x + pl->legend.w);
    }
    RP_CHECK_MSG(shown >= 1 && shown + pl->legend_more == n, "%s: %d shown, %d more of %d", what,
                 shown, pl->legend_more, n);
    if (pl->legend_more > 0)
        RP_CHECK_MSG(pl->legend_more_x >= pl->legend.x &&
                         pl->legend_more_x < pl->legend.x + pl->legend.w,
                     "%s: the count outside the box", what);
    int majors = 0;
    bool nonzero = false;
    for (int i = 0; i < pl->yticks.count; i++)
        if (pl->yticks.ticks[i].major) {
            majors++;
            nonzero = nonzero || pl->yticks.ticks[i].value != 0;
        }
    RP_CHECK_MSG(majors >= 2 || (majors == 1 && nonzero), "%s: %d y ticks%s", what, majors,
                 nonzero ? "" : ", only 0");
}

static void test_legend_small_panels(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    static const char *names[5] = {"imu/accelerometer x", "imu/accelerometer y",
                                   "imu/accelerometer z", "imu/gyroscope x", "imu/gyroscope y"};
    static const struct {
        int w, h, panels, series;
    } cases[] = {{480, 320, 4, 3}, {1280, 900, 14, 5}, {800, 500, 8, 5},
                 {480, 320, 4, 5}, {300, 320, 4, 5},   {200, 320, 4, 5}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        rp_figure *f = NULL;
        RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
        rp_series *s[RP_MAX_PANELS][5];
        int count = 0;
        for (int p = 0; p < cases[c].panels; p++) {
            if (p > 0) RP_REQUIRE_VOID(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
            int n = p == 0 ? cases[c].series : 1;
            for (int i = 0; i < n; i++) {
                char name[40];
                snprintf(name, sizeof name, "%s", p == 0 ? names[i] : "pressure");
                RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = name, .capacity = 16},
                                                 &s[p][i]) == RP_OK);
                float amp = (float)pow(10.0, (p % 10) - 3);
                RP_REQUIRE_VOID(rp_push(s[p][i], (const float[]){-amp, amp}, 2) == RP_OK);
                RP_REQUIRE_VOID(rp_figure_add_series(f, p, s[p][i], NULL) == RP_OK);
                count++;
            }
        }
        RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
        compute(layout, f, &ft, cases[c].w, cases[c].h);
        for (int p = 0; p < cases[c].panels; p++) {
            char what[64];
            snprintf(what, sizeof what, "%dx%d, %d panels: panel %d", cases[c].w, cases[c].h,
                     cases[c].panels, p);
            check_small_legend(layout, f, &ft, p, p == 0 ? cases[c].series : 1, what);
        }
        rp_figure_destroy(f);
        for (int p = 0; p < cases[c].panels; p++)
            for (int i = 0; i < (p == 0 ? cases[c].series : 1); i++) rp_series_destroy(s[p][i]);
        (void)count;
    }
    fonts_free(&ft);
}

/* Names that share a long head and must be cut (12 x "very_long_channel_name_number_NN_
 * temperature" in a 640 x 200 window): cut at their ends every entry read "very_long_channel_…";
 * the shared head goes first ("…00_temperature"), so every shown entry tells its series apart,
 * and each still lies inside the box (check_small_legend). */
static void test_legend_shared_head(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
    enum { N = 12 };
    rp_series *s[N];
    for (int i = 0; i < N; i++) {
        char name[64];
        snprintf(name, sizeof name, "very_long_channel_name_number_%02d_temperature", i);
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = name, .capacity = 16}, &s[i]) ==
                        RP_OK);
        RP_REQUIRE_VOID(rp_push(s[i], (const float[]){-1.0f, 1.0f}, 2) == RP_OK);
        RP_REQUIRE_VOID(rp_figure_add_series(f, 0, s[i], NULL) == RP_OK);
    }
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    compute(layout, f, &ft, 640, 200);
    check_small_legend(layout, f, &ft, 0, N, "12 names with a shared head");
    const rp_panel_layout *pl = &layout->panels[0];
    char shown[N][RP_TEXT_MAX + 8];
    int n = 0;
    for (int i = 0; i < N; i++) {
        if (!pl->entries[i].shown) continue;
        rp_layout_legend_text(&pl->entries[i], f->panels[0].series[i].label, shown[n], 64);
        char number[8];
        snprintf(number, sizeof number, "%02d", i);
        RP_CHECK_MSG(strstr(shown[n], number) != NULL, "entry %d reads '%s'", i, shown[n]);
        for (int j = 0; j < n; j++)
            RP_CHECK_MSG(strcmp(shown[j], shown[n]) != 0, "two entries read '%s'", shown[n]);
        n++;
    }
    RP_CHECK(n >= 2);
    rp_figure_destroy(f);
    for (int i = 0; i < N; i++) rp_series_destroy(s[i]);
    fonts_free(&ft);
}

/* A live view scrolls until the data under the legend's corner changes places with the data of
 * another corner: the legend stays where it was placed for this layout (it used to hop to the
 * freer corner, so a click aimed at an entry missed). A chosen corner is obeyed, and the whole
 * box (padding included) hit-tests as the legend. */
static void test_legend_holds_still(rp_layout *layout)
{
    fonts ft;
    rp_series *s = NULL;
    rp_figure *f = legend_setup(&ft, &s);
    RP_REQUIRE_VOID(f != NULL);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK_EQ_INT(layout->panels[0].legend_corner, 1); /* top-left: the free corner */
    RP_CHECK_EQ_INT(drawn_place(f, 0), RP_LEGEND_TOP_LEFT);
    RP_CHECK_EQ_INT(rp_figure_legend_place(f, 0), RP_LEGEND_AUTO); /* what was asked for */
    for (int step = 0; step < 4; step++) { /* scroll: now high left, low right */
        rp_test_push_level(s, 250, step < 2 ? 10.0f : 0.0f);
        compute(layout, f, &ft, 800, 500);
        store(layout, f);
        RP_CHECK_MSG(layout->panels[0].legend_corner == 1,
                     "scroll step %d: legend moved to corner %d", step,
                     layout->panels[0].legend_corner);
    }
    /* rp_figure_refit: the next frame chooses as a first frame would (the last frame of a run
     * must not depend on the frames before it): off the data that now fills the top-left. */
    RP_CHECK_EQ_INT(rp_figure_refit(f), RP_OK);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK_MSG(layout->panels[0].legend_corner == 3, "after a refit: corner %d",
                 layout->panels[0].legend_corner);
    /* A new layout: chosen again. Top-right and bottom-left are free now; a live view takes the
     * left one, off the newest samples. */
    compute(layout, f, &ft, 700, 500);
    store(layout, f);
    RP_CHECK_EQ_INT(layout->panels[0].legend_corner, 3);
    RP_CHECK(rp_figure_set_legend_place(f, 0, RP_LEGEND_BOTTOM_LEFT) == RP_OK);
    compute(layout, f, &ft, 700, 500);
    store(layout, f);
    RP_CHECK_EQ_INT(layout->panels[0].legend_corner, 3);
    RP_CHECK_EQ_INT(rp_figure_legend_place(f, 0), RP_LEGEND_BOTTOM_LEFT);
    RP_CHECK_EQ_INT(drawn_place(f, 0), RP_LEGEND_BOTTOM_LEFT);
    rp_rect box = layout->panels[0].legend;
    rp_hit h = hit(f, box.x + 1, box.y + 1); /* the padding, no entry */
    RP_CHECK(h.kind == RP_HIT_LEGEND && h.panel == 0 && h.series == NULL);
    RP_CHECK(rp_figure_set_legend_place(f, 0, (rp_legend_place)9) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_set_legend_place(f, 3, RP_LEGEND_AUTO) == RP_ERR_INVALID_ARG);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* A legend placed before any data came (every corner free: top-left in a live view) is placed
 * again when the data arrives, here under that corner (high left, low right: bottom-left is
 * free); hiding the series by its entry then does not move it. */
static void test_legend_after_first_data(rp_layout *layout)
{
    fonts ft;
    rp_series *s = NULL;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = live_figure(&s, 999);
    RP_REQUIRE_VOID(f != NULL);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT); /* nothing to avoid yet */
    rp_test_push_level(s, 500, 10.0f);
    rp_test_push_level(s, 500, 0.0f);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_BOTTOM_LEFT);
    rp_figure_set_series_visible(f, s, false);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_BOTTOM_LEFT);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Two drawers of one figure (a window and a PNG export at another size): each keeps its own
 * frame, so each hit-tests against its own layout, and one drawing never moves the legend the
 * other shows (the figure used to hold one "last frame", written by whoever drew last: the
 * window's legend was chosen afresh, and could jump, after every export). */
static void test_two_drawers(rp_layout *layout)
{
    fonts ft;
    rp_series *s = NULL;
    rp_figure *f = legend_setup(&ft, &s);
    RP_REQUIRE_VOID(f != NULL);
    drawer = 0;
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT);
    rp_rect plot0 = layout->panels[0].plot, entry0 = layout->panels[0].entries[0].rect;
    rp_test_push_level(s, 250, 10.0f); /* now high, low at the very right: top-left covered */
    rp_test_push_level(s, 250, 0.0f);
    drawer = 1; /* the other drawer, smaller, draws the same figure in between */
    compute(layout, f, &ft, 500, 300);
    store(layout, f);
    rp_rect plot1 = layout->panels[0].plot, entry1 = layout->panels[0].entries[0].rect;
    RP_CHECK(plot1.w < plot0.w && plot1.h < plot0.h);
    RP_CHECK_MSG(drawn_place(f, 0) != RP_LEGEND_TOP_LEFT, "drawer 1 chose corner %d",
                 (int)drawn_place(f, 0)); /* a fresh choice avoids the covered corner */
    drawer = 0;
    RP_CHECK_EQ_INT(drawn_place(f, 0), RP_LEGEND_TOP_LEFT); /* untouched by drawer 1 */
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK_MSG(layout->panels[0].legend_corner == 1,
                 "drawer 0's legend jumped to corner %d after drawer 1 drew",
                 layout->panels[0].legend_corner);
    /* Each answers for its own frame: a point in drawer 0's plot beyond drawer 1's viewport. */
    float px = plot0.x + plot0.w - 2, py = plot0.y + plot0.h - 2;
    RP_CHECK(px >= 500 && hit(f, px, py).kind == RP_HIT_PLOT);
    drawer = 1;
    RP_CHECK_EQ_INT(hit(f, px, py).kind, RP_HIT_NONE);
    /* ... and each one's legend entry is where that one drew it. */
    RP_CHECK(entry0.x != entry1.x || entry0.y != entry1.y);
    rp_hit h = hit(f, entry1.x + entry1.w * 0.5f, entry1.y + entry1.h * 0.5f);
    RP_CHECK(h.kind == RP_HIT_LEGEND && h.series == s);
    drawer = 0;
    h = hit(f, entry0.x + entry0.w * 0.5f, entry0.y + entry0.h * 0.5f);
    RP_CHECK(h.kind == RP_HIT_LEGEND && h.series == s);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Whether the legend of panel 0 reaches into the columns at and right of data x `newest`. */
static bool legend_on_newest(const rp_layout *l, double newest)
{
    const rp_panel_layout *pl = &l->panels[0];
    double px = rp_layout_x_px(l, &pl->plot, newest);
    return pl->legend.w > 0 && (double)(pl->legend.x + pl->legend.w) >= px;
}

/* A live view keeps its newest samples (at the right edge) clear of the automatic legend.
 * The demo's case: a view whose data has only begun is a sliver at the right edge, between the
 * right corners and the plot's edge, so every corner measured empty and the top-right was taken:
 * when the view filled, the legend sat on the newest samples. Now a left corner is taken. Pausing
 * does not move it; a resize of the paused view chooses by the still view's rule (top-right
 * first, as before); going live again chooses by the live rule; a corner asked for wins. */
static void test_legend_live_sliver(rp_layout *layout)
{
    fonts ft;
    rp_series *s = NULL;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = live_figure(&s, 1000);
    RP_REQUIRE_VOID(f != NULL);
    float rising[5] = {0, 1, 2, 3, 4}; /* x 0 .. 4: top-right, newest */
    rp_push(s, rising, 5);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT);
    double x0, x1;
    rp_figure_x_view(f, &x0, &x1);
    RP_CHECK(rp_figure_set_x_view(f, x0, x1) == RP_OK); /* pause: stays under the pointer */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT);
    /* A new layout of a still view: as before. */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 700, 500), RP_LEGEND_TOP_RIGHT);
    RP_CHECK(rp_figure_follow(f, 1000) == RP_OK); /* live again: chosen by the live rule */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 700, 500), RP_LEGEND_TOP_LEFT);
    float more[995]; /* the view fills, still rising: the legend stays, off the newest tenth */
    for (int i = 0; i < 995; i++) more[i] = (float)(5 + i);
    rp_push(s, more, 995);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 700, 500), RP_LEGEND_TOP_LEFT);
    RP_CHECK_MSG(!legend_on_newest(layout, 900), "live: the legend covers the newest samples");
    RP_CHECK(rp_figure_set_legend_place(f, 0, RP_LEGEND_TOP_RIGHT) == RP_OK); /* asked: obeyed */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 700, 500), RP_LEGEND_TOP_RIGHT);
    RP_CHECK(legend_on_newest(layout, 900));
    RP_CHECK(rp_figure_set_legend_place(f, 0, RP_LEGEND_AUTO) == RP_OK); /* back: chosen afresh */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 700, 500), RP_LEGEND_TOP_LEFT);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* A full live view: where every corner covers as much (a flat line along the top and one along
 * the bottom) the top-right used to win by order, over the newest samples; a live view takes the
 * top-left, a still view of the same data (another drawer, never drawn live) the top-right as
 * before. Where both left corners are clearly fuller (old data spanning the whole height, the
 * newest a flat line across the middle) a live view does take a right corner. */
static void test_legend_live_full(rp_layout *layout)
{
    fonts ft;
    rp_series *s = NULL, *t = NULL;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = live_figure(&s, 999);
    RP_REQUIRE_VOID(f != NULL);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "t", .capacity = 4000}, &t) ==
                    RP_OK);
    rp_figure_add_series(f, 0, t, NULL);
    rp_test_push_level(s, 1000, 10.0f);
    rp_test_push_level(t, 1000, 0.0f);
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT);
    double x0, x1;
    rp_figure_x_view(f, &x0, &x1);
    RP_CHECK(!legend_on_newest(layout, x1 - 0.25 * (x1 - x0)));
    rp_figure_set_x_view(f, x0, x1);
    drawer = 1; /* a drawer that never drew it live */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_RIGHT);
    drawer = 0;
    rp_figure_destroy(f);
    rp_series_destroy(s);
    rp_series_destroy(t);

    f = live_figure(&s, 999);
    RP_REQUIRE_VOID(f != NULL);
    float saw[1000];
    for (int i = 0; i < 1000; i++) saw[i] = i < 500 ? (float)(i % 20) : 9.5f;
    rp_push(s, saw, 1000);
    rp_legend_place place = draw(layout, f, &ft, 800, 500);
    RP_CHECK_MSG(place == RP_LEGEND_TOP_RIGHT || place == RP_LEGEND_BOTTOM_RIGHT,
                 "left corners full of old data: the legend went to %d", (int)place);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Series on the right y axis count in their own view: a flat line low on the left axis covers
 * both bottom corners, a right-axis series high only in its newer half the top-right; the
 * top-left is the free corner (the right series used to be measured against the left view, where
 * its values 1000 .. 1099 lay far outside it, so the top-right looked free). */
static void test_legend_right_axis(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *a = NULL, *b = NULL;
    rp_series_create(&(rp_series_desc){.capacity = 1000}, &a);
    rp_series_create(&(rp_series_desc){.capacity = 1000}, &b);
    float va[1000], vb[1000];
    for (int i = 0; i < 1000; i++) {
        va[i] = 0.0f;
        vb[i] = i < 500 ? 1000.0f : 1099.0f;
    }
    rp_push(a, va, 1000);
    rp_push(b, vb, 1000);
    rp_figure *f = NULL;
    rp_figure_create(NULL, &f);
    rp_figure_add_series(f, 0, a, NULL);
    rp_figure_add_series(f, 0, b, &(rp_series_style){.y_axis = 1});
    rp_figure_set_y_view(f, 0, -0.05, 1.0); /* a's line along the bottom */
    rp_figure_set_x_view(f, 0, 999);        /* still: the rule as before */
    RP_CHECK_EQ_INT(draw(layout, f, &ft, 800, 500), RP_LEGEND_TOP_LEFT);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
    fonts_free(&ft);
}

/* Relative time labels: leaving live freezes the origin the last frame used; zooming and
 * panning the fixed view keep it while data keeps arriving (it used to re-zero on every move:
 * one wheel notch in and out moved a point from -4.6 s to -14.6 s). Following releases it. */
static void test_time_origin_kept(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s = NULL;
    rp_series_create(&(rp_series_desc){.capacity = 100000, .rate = 100}, &s);
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = sinf((float)i * 0.1f);
    rp_push(s, v, 1000); /* x 0 .. 9.99 */
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_series(f, 0, s, NULL);
    rp_figure_follow(f, 5);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    double origin = 0, o2 = 0;
    RP_CHECK(rp_figure_time_origin(f, &origin));
    RP_CHECK_NEAR(origin, 9.99, 1e-9);
    RP_CHECK(rp_figure_set_x_view(f, 4.99, 9.99) == RP_OK); /* pause */
    rp_push(s, v, 1000);                                    /* 10 s more arrive meanwhile */
    RP_CHECK(rp_figure_set_x_view(f, 6, 9) == RP_OK);       /* zoom in */
    RP_CHECK(rp_figure_set_x_view(f, 4.99, 9.99) == RP_OK); /* and out */
    RP_CHECK(rp_figure_set_x_view(f, 3, 8) == RP_OK);       /* pan */
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK(rp_figure_time_origin(f, &o2));
    RP_CHECK_NEAR(o2, origin, 0);
    RP_CHECK_NEAR(layout->x_label_ref, origin, 0); /* the labels use it */
    rp_figure_follow(f, 5);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK(rp_figure_time_origin(f, &o2));
    RP_CHECK_NEAR(o2, 19.99, 1e-9); /* live again: the newest sample */
    /* A fixed origin (a file shown whole: its zero) wins, live or not: labels count from it
     * ("0 s", "5 s", ...), time cursors too; NAN gives the rules back; ±Inf is refused. */
    RP_CHECK(rp_figure_set_time_origin(f, 0) == RP_OK);
    RP_CHECK(rp_figure_set_time_cursor_relative(f, 0, 2.5) == RP_OK);
    for (int fixed_view = 0; fixed_view < 2; fixed_view++) {
        if (fixed_view) RP_CHECK(rp_figure_set_x_view(f, 0, 19.99) == RP_OK);
        compute(layout, f, &ft, 800, 500);
        store(layout, f);
        RP_CHECK(rp_figure_time_origin(f, &o2) && o2 == 0);
        RP_CHECK_NEAR(layout->x_label_ref, 0, 0);
        RP_CHECK_NEAR(layout->cursor_x[0], 2.5, 0);
        int labelled = 0; /* every label is its x in seconds: "15 s" at x = 15 */
        for (int i = 0; i < layout->xticks.count; i++) {
            const rp_tick *t = &layout->xticks.ticks[i];
            if (!t->major || !t->label[0]) continue;
            char want[32];
            snprintf(want, sizeof want, "%g s", t->value);
            RP_CHECK_MSG(!strcmp(t->label, want), "view %d: '%s' at x %g", fixed_view, t->label,
                         t->value);
            labelled++;
        }
        RP_CHECK(labelled >= 2);
    }
    RP_CHECK(rp_figure_set_time_origin(f, INFINITY) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_set_time_origin(f, NAN) == RP_OK);
    RP_CHECK(rp_figure_time_origin(f, &o2) && o2 != 0); /* the fixed view's frozen origin again */
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Time cursors live on the time origin: on a live view they keep their distance from the newest
 * sample as data arrives; once the view is fixed they stay on the data. The read-out table has
 * a band of its own under the plots (never over data), as many lines as fit, and rows wrap
 * when the columns are too many for the width. */
static void test_cursors_and_table(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s[12];
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = (float)i;
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_panel(f, NULL, NULL);
    rp_figure_add_panel(f, NULL, NULL);
    for (int k = 0; k < 12; k++) {
        rp_series_create(&(rp_series_desc){.capacity = 100000, .rate = 100}, &s[k]);
        rp_push(s[k], v, 1000); /* x 0 .. 9.99, value = 100·x */
        rp_figure_add_series(f, k % 2, s[k], NULL);
    }
    rp_figure_follow(f, 5);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK(layout->table.w == 0); /* nothing to read out: no band */
    RP_CHECK(rp_figure_set_time_cursor_relative(f, 0, -3) == RP_OK);
    RP_CHECK(rp_figure_set_time_cursor(f, 1, 8.99) == RP_OK); /* absolute: -1 s from 9.99 */
    double a = 0, b = 0;
    RP_CHECK(rp_figure_time_cursor(f, 0, &a) && rp_figure_time_cursor(f, 1, &b));
    RP_CHECK_NEAR(a, 6.99, 1e-9);
    RP_CHECK_NEAR(b, 8.99, 1e-9);
    for (int k = 0; k < 12; k++) rp_push(s[k], v, 100); /* live: one more second */
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK_NEAR(layout->cursor_x[0], 7.99, 1e-9); /* moved with the newest sample */
    RP_CHECK(isfinite(layout->cursor_px[0]) && isfinite(layout->cursor_px[1]));
    {
        /* The renderer snaps a live view's end up to the column grid, up to a column past the
         * newest sample: the cursors and read-outs still count from the sample (they read 1008
         * for 1000 at "-1 s" when they counted from the snapped end), the axis from the end. */
        double y0[RP_MAX_PANELS], y1[RP_MAX_PANELS];
        for (int p = 0; p < f->panel_count; p++)
            rp_figure_resolve_y(f, p, 5.99, 10.99, &y0[p], &y1[p]);
        rp_layout_compute(layout, f, &ft.lf, 800, 500, 5.997, 10.997, 10.99, y0, y1,
                          rp_drawn_find(&drawers[drawer], f));
        RP_CHECK_NEAR(layout->origin, 10.99, 1e-12);
        RP_CHECK_NEAR(layout->cursor_x[0], 7.99, 1e-9);
        RP_CHECK_NEAR(layout->cursor_x[1], 9.99, 1e-9);
        RP_CHECK_NEAR(layout->x_label_ref, 10.997, 1e-12);
    }
    RP_CHECK(rp_figure_set_x_view(f, 5.99, 10.99) == RP_OK); /* pause */
    for (int k = 0; k < 12; k++) rp_push(s[k], v, 100);
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    RP_CHECK_NEAR(layout->cursor_x[0], 7.99, 1e-9); /* fixed view: stays on the data */
    RP_CHECK(rp_figure_time_cursor(f, 0, &a));
    RP_CHECK_NEAR(a, 7.99, 1e-9);
    RP_CHECK(rp_figure_set_time_cursor(f, 2, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(f), "rp_figure_set_time_cursor: cursor 2") !=
             NULL); /* said why */
    RP_CHECK(rp_figure_set_level_cursor(f, 1, 0, 200) == RP_OK);
    RP_CHECK(rp_figure_set_level_cursor(f, 1, 1, 700) == RP_OK);
    RP_CHECK(rp_figure_set_level_cursor(f, 2, 0, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_show_stats(f, true) == RP_OK);
    const int sizes[3][2] = {{800, 500}, {1600, 1000}, {500, 300}};
    for (int z = 0; z < 3; z++) {
        compute(layout, f, &ft, sizes[z][0], sizes[z][1]);
        store(layout, f);
        check_layout("cursors and table", layout, f, &ft);
        rp_rect t = layout->table;
        RP_CHECK(t.w > 0 && t.h > 0 && t.y + t.h <= (float)sizes[z][1] &&
                 t.x + t.w <= (float)sizes[z][0]);
        RP_CHECK(t.h <= (float)sizes[z][1] * RP_LAYOUT_TABLE_MAX_FRACTION);
        RP_CHECK_EQ_INT(layout->table_cols, 3 + RP_LAYOUT_STAT_COLS);
        RP_CHECK_EQ_INT(layout->table_wanted, 13); /* 12 series + one panel's levels */
        RP_CHECK(layout->table_lines * layout->table_per_line >= layout->table_cols);
        for (int p = 0; p < layout->panel_count; p++)
            RP_CHECK_MSG(!overlaps(layout->panels[p].plot, t), "%dx%d: the table covers panel %d",
                         sizes[z][0], sizes[z][1], p);
        RP_CHECK(layout->x_labels_baseline < t.y); /* the x labels stay above it */
    }
    RP_CHECK_EQ_INT(layout->table_lines > 1, 1); /* 500 px: the columns wrap */
    rp_figure_destroy(f);
    for (int k = 0; k < 12; k++) rp_series_destroy(s[k]);
    fonts_free(&ft);
}

/* The read-out table is as wide as its A / B / dt line: with a short series name and no
 * statistics the three cursor columns were narrower than the line, and "1/dt 0.3965 Hz" was
 * drawn cut to "1/dt 0.3965 H". */
static void test_table_holds_cursor_line(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = (float)i;
    rp_series *s = NULL;
    rp_series_create(&(rp_series_desc){.name = "b", .capacity = 10000, .rate = 100}, &s);
    rp_push(s, v, 1000);
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_series(f, 0, s, NULL);
    rp_figure_set_x_view(f, 0, 9.99);
    rp_figure_set_time_cursor(f, 0, 9.4745);
    rp_figure_set_time_cursor(f, 1, 6.952);
    compute(layout, f, &ft, 1280, 720);
    float line_w = rp_font_text_width(ft.label, "A -0.5145 s      B -3.037 s      \u0394t -2.522 s "
                                                "     1/\u0394t 0.3965 Hz");
    RP_CHECK_MSG(layout->table.w >= line_w + 2 * layout->table_pad, "table %.0f px, its line %.0f",
                 layout->table.w, line_w + 2 * layout->table_pad);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* The demo's dashboard (four titled panels, six series) with both time cursors and statistics,
 * in small windows: the table took its whole 40 % and left each plot 11 px (640x400) or none
 * at all but its heading (520x360), and its columns ran past its right edge. Now every plot
 * keeps RP_LAYOUT_MIN_PLOT_H, the table holds what fits with a "+N more" line, nothing
 * overlaps, and its columns lie inside its box. In a large window every row shows. */
static void test_table_small_windows(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    static const char *titles[4] = {"imu", "ecg", "sensor", "env"};
    static const char *names[6] = {"accel x", "accel y",  "accel z",
                                   "lead II", "pressure", "temperature"};
    rp_series *s[6];
    float v[2000];
    for (int i = 0; i < 2000; i++) v[i] = sinf((float)i * 0.01f);
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    for (int p = 0; p < 4; p++) rp_figure_add_panel(f, &(rp_panel_desc){.title = titles[p]}, NULL);
    for (int k = 0; k < 6; k++) {
        rp_series_create(&(rp_series_desc){.name = names[k], .capacity = 10000, .rate = 200},
                         &s[k]);
        rp_push(s[k], v, 2000);
        rp_figure_add_series(f, k < 3 ? 0 : k - 2, s[k], NULL);
    }
    rp_figure_follow(f, 10);
    rp_figure_set_time_cursor_relative(f, 0, -3);
    rp_figure_set_time_cursor_relative(f, 1, -1);
    rp_figure_show_stats(f, true);
    const int sizes[4][2] = {{640, 400}, {520, 360}, {700, 450}, {1280, 720}};
    for (int z = 0; z < 4; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        compute(layout, f, &ft, w, h);
        store(layout, f);
        rp_rect t = layout->table;
        RP_CHECK_MSG(t.w > 0 && t.x >= 0 && t.y >= 0 && t.x + t.w <= (float)w &&
                         t.y + t.h <= (float)h,
                     "%dx%d: table %.0f,%.0f %.0fx%.0f", w, h, t.x, t.y, t.w, t.h);
        RP_CHECK_MSG(2 * layout->table_pad + layout->table_label_w +
                             (float)layout->table_per_line * layout->table_col_w <=
                         t.w + 0.5f,
                     "%dx%d: the columns run past the table's edge", w, h);
        RP_CHECK(layout->x_labels_baseline < t.y);
        for (int p = 0; p < layout->panel_count; p++) {
            RP_CHECK_MSG(!overlaps(layout->panels[p].plot, t), "%dx%d: the table covers panel %d",
                         w, h, p);
            RP_CHECK_MSG(layout->panels[p].plot.h >= RP_LAYOUT_MIN_PLOT_H,
                         "%dx%d: panel %d squeezed to %.0f px", w, h, p, layout->panels[p].plot.h);
        }
        if (w >= 1280) {
            RP_CHECK_MSG(!layout->table_more, "%dx%d: rows dropped", w, h);
        } else {
            RP_CHECK_MSG(layout->table_more && layout->table_rows >= 2, "%dx%d: %d lines, more %d",
                         w, h, layout->table_rows, (int)layout->table_more);
        }
    }
    /* Level cursors: a line of their own under the cursor line, across the columns (it sat
     * under the "at A / at B" titles, its name clipped to the label column) */
    rp_figure_set_level_cursor(f, 2, 0, -0.5);
    rp_figure_set_level_cursor(f, 2, 1, 0.5);
    compute(layout, f, &ft, 1280, 720);
    char line[256];
    rp_layout_level_line(f, 2, RP_CELL_WIDEST, RP_CELL_WIDEST, RP_CELL_WIDEST, line, sizeof line);
    RP_CHECK(strstr(line, "levels sensor:") == line);
    RP_CHECK_EQ_INT(layout->table_levels, 1);
    RP_CHECK_EQ_INT(layout->table_wanted, 7);
    RP_CHECK_EQ_INT(layout->table_rows, 1 + 1 + layout->table_lines * (1 + 6));
    RP_CHECK(!layout->table_more);
    RP_CHECK_MSG(layout->table.w >= 2 * layout->table_pad + rp_font_text_width(ft.label, line),
                 "the level line (%.0f px) clipped to %.0f", rp_font_text_width(ft.label, line),
                 layout->table.w);
    rp_figure_destroy(f);
    for (int k = 0; k < 6; k++) rp_series_destroy(s[k]);
    fonts_free(&ft);
}

/* The app's badge and message in the first time panel's header row: PAUSED covered cursor B's
 * tag when B was near the right edge, the message covered A's, and a long message in a 520 px
 * window covered the panel's title. Now both keep to the stretches the title and the tags
 * leave free, the message shortened with "…" when none holds it whole. */
static void test_status_place(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    float v[2000];
    for (int i = 0; i < 2000; i++) v[i] = sinf((float)i * 0.01f);
    rp_series *s = NULL;
    rp_series_create(&(rp_series_desc){.name = "accel x", .capacity = 10000, .rate = 200}, &s);
    rp_push(s, v, 2000);
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_panel(f, &(rp_panel_desc){.title = "imu"}, NULL);
    rp_figure_add_series(f, 0, s, NULL);
    rp_figure_set_x_view(f, 0, 9.995);
    rp_figure_set_time_cursor_relative(f, 0, -3);
    rp_figure_set_time_cursor_relative(f, 1, -0.15);
    rp_figure_set_badge(f, "PAUSED");
    const char *messages[2] = {"paused \u2014 space: back to live",
                               "no recording to play: k, [ and ] work with --open FILE"};
    for (int m = 0; m < 2; m++) {
        rp_figure_set_message(f, messages[m]);
        compute(layout, f, &ft, 520, 360);
        rp_status_place at;
        rp_layout_status(layout, f, &ft.lf, &at);
        const rp_rect *plot = &layout->panels[0].plot;
        rp_rect title = {plot->x, layout->panels[0].header_baseline - 14,
                         rp_font_text_width(ft.bold, "imu"), 18};
        rp_rect tags[2] = {rp_layout_cursor_tag(layout, f, &ft.lf, 0),
                           rp_layout_cursor_tag(layout, f, &ft.lf, 1)};
        RP_CHECK(tags[0].w > 0 && tags[1].w > 0 && at.badge.w > 0 && at.message.w > 0);
        RP_CHECK(overlaps(at.badge, (rp_rect){tags[1].x, at.badge.y, tags[1].w, at.badge.h}) ==
                 false); /* B's tag is in the badge's row: same x would cover it */
        rp_rect boxes[2] = {at.badge, at.message};
        for (int b = 0; b < 2; b++) {
            RP_CHECK_MSG(boxes[b].x >= plot->x && boxes[b].x + boxes[b].w <= plot->x + plot->w,
                         "message %d: box %d outside the plot's columns", m, b);
            RP_CHECK_MSG(!overlaps(boxes[b], title), "message %d: box %d covers the title", m, b);
            for (int k = 0; k < 2; k++)
                RP_CHECK_MSG(!overlaps(boxes[b], tags[k]), "message %d: box %d covers tag %c", m, b,
                             "AB"[k]);
        }
        RP_CHECK(!overlaps(at.badge, at.message));
        RP_CHECK(rp_font_text_width(ft.label, at.message_text) <= at.message.w);
        if (m == 0)
            RP_CHECK_MSG(!strcmp(at.message_text, messages[0]), "'%s'", at.message_text);
        else
            RP_CHECK_MSG(strstr(at.message_text, "\u2026") && strlen(at.message_text) > 10, "'%s'",
                         at.message_text);
    }
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Time cursors 10 s apart in a 2000 s view: their tags, centred on each cursor, lay on top of each
 * other ("/B" was all that could be read). They sit side by side now, A on its cursor's side, and
 * far apart each stays centred on its cursor. */
static void test_cursor_tags_apart(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "v", .capacity = 16}, &s) == RP_OK);
    RP_REQUIRE_VOID(rp_push(s, (const float[]){0, 1}, 2) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_panel(f, &(rp_panel_desc){.title = "p"}, NULL) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_series(f, 0, s, NULL) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 2000) == RP_OK);
    const double at[3][2] = {{505, 515}, {515, 505}, {800, 800}};
    for (int c = 0; c < 3; c++) {
        rp_figure_set_time_cursor(f, 0, at[c][0]);
        rp_figure_set_time_cursor(f, 1, at[c][1]);
        compute(layout, f, &ft, 1280, 600);
        rp_rect a = rp_layout_cursor_tag(layout, f, &ft.lf, 0),
                b = rp_layout_cursor_tag(layout, f, &ft.lf, 1);
        RP_CHECK(a.w > 0 && b.w > 0);
        RP_CHECK_MSG(!overlaps(a, b), "case %d: tags A %.0f..%.0f and B %.0f..%.0f overlap", c, a.x,
                     a.x + a.w, b.x, b.x + b.w);
        bool a_left = at[c][0] <= at[c][1];
        RP_CHECK_MSG(a_left ? a.x < b.x : b.x < a.x, "case %d: A's tag on the wrong side", c);
    }
    rp_figure_set_time_cursor(f, 0, 500);
    rp_figure_set_time_cursor(f, 1, 1500);
    compute(layout, f, &ft, 1280, 600);
    rp_rect a = rp_layout_cursor_tag(layout, f, &ft.lf, 0);
    RP_CHECK_NEAR(a.x + 0.5 * a.w, layout->cursor_px[0], 1.0); /* apart: on its cursor */
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* A notes track named "sensors/door" (an MQTT topic) widened the tick label column of every
 * panel to its width (~130 px with the README's MQTT example), pushing the plots right and the y
 * titles far from their axes. The names widen it by NOTES_LABEL_MAX at most now, cut at their
 * head with "…", so two topics stay apart ("…s/door", "…window"). */
static void test_notes_labels_keep_the_margin(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "power", .capacity = 16}, &s) ==
                    RP_OK);
    RP_REQUIRE_VOID(rp_push(s, (const float[]){80, 120}, 2) == RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_panel(f, &(rp_panel_desc){.title = "plant"}, NULL) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_series(f, 0, s, NULL) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    compute(layout, f, &ft, 800, 400);
    float alone = layout->panels[0].plot.x;
    rp_notes *n = NULL;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &n) == RP_OK);
    const char *tracks[2] = {"sensors/door", "sensors/window"};
    for (int i = 0; i < 2; i++)
        RP_REQUIRE_VOID(rp_notes_push_text(n, tracks[i], strlen(tracks[i]), 0.5, "open", 4) ==
                        RP_OK);
    int np = -1;
    RP_REQUIRE_VOID(rp_figure_add_notes_panel(f, n, NULL, &np) == RP_OK);
    compute(layout, f, &ft, 800, 400);
    RP_CHECK_MSG(layout->panels[0].plot.x <= alone + 60.0f,
                 "the plot moved from x %.0f to %.0f for a notes track's name", alone,
                 layout->panels[0].plot.x);
    const rp_tick_set *ts = &layout->panels[np].yticks;
    RP_REQUIRE_VOID(ts->count == 3); /* log, then the tracks */
    for (int i = 1; i < 3; i++) {
        const char *label = ts->ticks[i].label;
        RP_CHECK_MSG(rp_font_text_width(ft.label, label) <= layout->tick_label_right,
                     "'%s' wider than its column", label);
        size_t len = strlen(label);
        RP_CHECK_MSG(len > 4 && (!strncmp(label, "\xe2\x80\xa6", 3) || !strcmp(label, tracks[0]) ||
                                 !strcmp(label, tracks[1])),
                     "track label '%s'", label);
    }
    RP_CHECK(strcmp(ts->ticks[1].label, ts->ticks[2].label) != 0);
    RP_CHECK(strstr(ts->ticks[1].label, "door") || strstr(ts->ticks[2].label, "door"));
    rp_figure_destroy(f);
    rp_notes_destroy(n);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Text that does not fit is shortened at a character with "…" (a clip cut the trigger's state
 * line mid-glyph: "sweeps 44" and half a digit), never inside a UTF-8 sequence; the tail form keeps
 * the end. Not one character: emptied. */
static void test_fit_text(void)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    const char *line = "TRIG'D  rising 0  auto  sweeps 4480  \xce\x94t 2 \xc2\xb5s";
    float full = rp_font_text_width(ft.label, line);
    char t[128];
    snprintf(t, sizeof t, "%s", line);
    RP_CHECK(rp_layout_fit_text(ft.label, t, sizeof t, full) && !strcmp(t, line)); /* fits */
    for (float room = full - 1; room > 10; room -= 3) {
        snprintf(t, sizeof t, "%s", line);
        bool ok = rp_layout_fit_text(ft.label, t, sizeof t, room);
        size_t n = strlen(t);
        if (!ok) {
            RP_CHECK(t[0] == '\0');
            continue;
        }
        RP_CHECK_MSG(rp_font_text_width(ft.label, t) <= room, "'%s' wider than %.0f", t, room);
        RP_CHECK_MSG(n > 3 && !strcmp(t + n - 3, "\xe2\x80\xa6") && !strncmp(t, line, n - 3),
                     "'%s' is not a head of the line and \u2026", t);
        RP_CHECK(t[n - 4] != ' '); /* no space before the mark */
        snprintf(t, sizeof t, "%s", line);
        RP_REQUIRE_VOID(rp_layout_fit_text_tail(ft.label, t, sizeof t, room));
        n = strlen(t);
        RP_CHECK_MSG(rp_font_text_width(ft.label, t) <= room && !strncmp(t, "\xe2\x80\xa6", 3) &&
                         !strcmp(t + 3, line + strlen(line) - (n - 3)),
                     "tail '%s'", t);
        RP_CHECK(((unsigned char)t[3] & 0xc0) != 0x80); /* not inside a character */
    }
    snprintf(t, sizeof t, "%s", line);
    RP_CHECK(!rp_layout_fit_text(ft.label, t, sizeof t, 2) && t[0] == '\0');
    fonts_free(&ft);
}

/* Six panels and time cursors in a 520 x 360 window: the read-out table's two lines were drawn
 * over the time labels and the last panel (and in 200 x 150 over the trigger's title). A table
 * that would leave a plot under RP_LAYOUT_SLIVER_H is left out; any table is below every panel and
 * the time labels. */
static void test_table_never_over_panels(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f) == RP_OK);
    enum { N = 6 };
    rp_series *s[N];
    for (int i = 0; i < N; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        RP_REQUIRE_VOID(rp_figure_add_panel(f, &(rp_panel_desc){.title = name}, NULL) == RP_OK);
        RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = name, .capacity = 16}, &s[i]) ==
                        RP_OK);
        RP_REQUIRE_VOID(rp_push(s[i], (const float[]){0, 1}, 2) == RP_OK);
        RP_REQUIRE_VOID(rp_figure_add_series(f, i, s[i], NULL) == RP_OK);
    }
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, 0, 1) == RP_OK);
    rp_figure_set_time_cursor(f, 0, 0.25);
    rp_figure_set_time_cursor(f, 1, 0.75);
    const int sizes[4][2] = {{1280, 800}, {520, 360}, {480, 320}, {200, 150}};
    for (int k = 0; k < 4; k++) {
        compute(layout, f, &ft, sizes[k][0], sizes[k][1]);
        if (k == 0) RP_CHECK(layout->table.w > 0); /* room: a table */
        if (layout->table.w <= 0) continue;
        const rp_rect *last = &layout->panels[N - 1].plot;
        RP_CHECK_MSG(layout->table.y >= layout->x_labels_baseline &&
                         layout->table.y >= last->y + last->h,
                     "%d x %d: the table at y %.0f, the time labels' baseline at %.0f", sizes[k][0],
                     sizes[k][1], layout->table.y, layout->x_labels_baseline);
    }
    rp_figure_destroy(f);
    for (int i = 0; i < N; i++) rp_series_destroy(s[i]);
    fonts_free(&ft);
}

/* A log panel: autoscale over decades (and 6 decades under the top when data reaches 0), ticks
 * on decades, the middle pixel hit-tests to the geometric mean, a fixed view must be > 0. */
static void test_log_panel(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *s = NULL;
    rp_series_create(&(rp_series_desc){.capacity = 1000}, &s);
    float v[100];
    for (int i = 0; i < 100; i++) v[i] = powf(10.0f, (float)i / 33.0f); /* 1 .. 1000 */
    rp_push(s, v, 100);
    rp_figure *f = NULL;
    rp_figure_create(NULL, &f);
    rp_figure_add_panel(f, &(rp_panel_desc){.y_scale = RP_Y_LOG}, NULL);
    rp_figure_add_series(f, 0, s, NULL);
    double y0, y1;
    RP_CHECK(rp_figure_y_view(f, 0, &y0, &y1) == RP_OK);
    RP_CHECK(y0 > 0.5 && y0 < 1 && y1 > 1000 && y1 < 2000); /* headroom in decades */
    compute(layout, f, &ft, 800, 500);
    store(layout, f);
    check_layout("log panel", layout, f, &ft);
    int decades = 0;
    for (int i = 0; i < layout->panels[0].yticks.count; i++)
        decades += layout->panels[0].yticks.ticks[i].major;
    RP_CHECK_EQ_INT(decades, 4); /* 1, 10, 100, 1000 */
    rp_rect pr = layout->panels[0].plot;
    rp_hit h = hit(f, pr.x + 10, pr.y + pr.h * 0.5f);
    RP_CHECK(h.kind == RP_HIT_PLOT);
    RP_CHECK_NEAR(log10(h.y), 0.5 * (log10(layout->panels[0].y0) + log10(layout->panels[0].y1)),
                  0.01);
    RP_CHECK_NEAR(
        rp_layout_y_px(&layout->panels[0], 10.0),
        rp_layout_y_px(&layout->panels[0], 1.0) -
            (rp_layout_y_px(&layout->panels[0], 1.0) - rp_layout_y_px(&layout->panels[0], 100.0)) /
                2,
        0.01);
    RP_CHECK(rp_figure_set_y_view(f, 0, 0, 10) == RP_ERR_INVALID_ARG); /* no place for 0 */
    RP_CHECK(rp_figure_set_y_view(f, 0, 0.1, 10) == RP_OK);
    RP_CHECK(rp_figure_set_y_scale(f, 0, RP_Y_SYMLOG, 0) == RP_OK);
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, 0), RP_Y_SYMLOG);
    RP_CHECK(rp_figure_set_y_scale(f, 0, (rp_y_scale)7, 0) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(f), "unknown scale 7") != NULL);
    RP_CHECK(rp_figure_set_y_scale(f, 0, RP_Y_LOG, -1) == RP_ERR_INVALID_ARG);
    rp_figure_autoscale_y(f, 0);
    rp_figure_set_y_scale(f, 0, RP_Y_LOG, 0);
    v[0] = 0; /* data reaching 0: the view starts 6 decades under the top */
    rp_push(s, v, 1);
    RP_CHECK(rp_figure_y_view(f, 0, &y0, &y1) == RP_OK);
    RP_CHECK(y0 > 0 && log10(y1 / y0) > 5.9 && log10(y1 / y0) < 7);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    fonts_free(&ft);
}

/* Two y axes: each autoscaled on its own (or fixed), right tick labels between the plot and the
 * viewport's edge, hit-tests report both values, and a series can change sides. */
static void test_two_axes(rp_layout *layout)
{
    fonts ft;
    RP_REQUIRE_VOID(fonts_make(&ft, 1));
    rp_series *a = NULL, *b = NULL;
    rp_series_create(&(rp_series_desc){.capacity = 1000, .unit = "V"}, &a);
    rp_series_create(&(rp_series_desc){.capacity = 1000, .unit = "hPa"}, &b);
    float va[100], vb[100];
    for (int i = 0; i < 100; i++) {
        va[i] = (float)i / 100.0f;  /* 0 .. 1 */
        vb[i] = 1000.0f + (float)i; /* 1000 .. 1099 */
    }
    rp_push(a, va, 100);
    rp_push(b, vb, 100);
    rp_figure *f = NULL;
    rp_figure_create(NULL, &f);
    rp_figure_add_series(f, 0, a, NULL);
    RP_CHECK(rp_figure_add_series(f, 0, b, &(rp_series_style){.y_axis = 1}) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, 0, b, &(rp_series_style){.y_axis = 2}) == RP_ERR_INVALID_ARG);
    double y0 = 0, y1 = 0, z0 = 0, z1 = 0;
    RP_CHECK(rp_figure_y_view(f, 0, &y0, &y1) == RP_OK &&
             rp_figure_y2_view(f, 0, &z0, &z1) == RP_OK);
    RP_CHECK(y0 < 0 && y1 > 0.99 && y1 < 1.1);    /* the left axis: a only */
    RP_CHECK(z0 < 1000 && z0 > 990 && z1 > 1099); /* the right axis: b only */
    for (int z = 0; z < 2; z++) {
        int w = z ? 400 : 800;
        compute(layout, f, &ft, w, 400);
        store(layout, f);
        check_layout("two axes", layout, f, &ft);
        const rp_panel_layout *pl = &layout->panels[0];
        RP_CHECK(pl->has_right && pl->y2ticks.count >= 2);
        RP_CHECK(layout->right_label_left > pl->plot.x + pl->plot.w);
        for (int i = 0; i < pl->y2ticks.count; i++)
            if (pl->y2ticks.ticks[i].major)
                RP_CHECK_MSG(layout->right_label_left +
                                     rp_font_text_width(ft.label, pl->y2ticks.ticks[i].label) <=
                                 (float)w,
                             "%d px: right label '%s' leaves the viewport", w,
                             pl->y2ticks.ticks[i].label);
    }
    RP_CHECK(!strcmp(layout->panels[0].y_title, "V")); /* units label the axes */
    RP_CHECK(!strcmp(layout->panels[0].y2_unit, "hPa"));
    RP_CHECK(layout->panels[0].has_header); /* room for "hPa" above the labels */
    /* Level cursors read the left axis: the read-out line says so beside a right axis. */
    char levels[256];
    rp_layout_level_line(f, 0, "0.2", "0.8", "0.6", levels, sizeof levels);
    RP_CHECK_MSG(strstr(levels, "panel 1 (left axis):") != NULL, "level line '%s'", levels);
    rp_rect pr = layout->panels[0].plot;
    rp_hit h = hit(f, pr.x + 5, pr.y + pr.h * 0.5f);
    RP_CHECK(h.kind == RP_HIT_PLOT);
    RP_CHECK_NEAR(h.y, 0.5 * (layout->panels[0].y0 + layout->panels[0].y1), 0.01);
    RP_CHECK_NEAR(h.y_right, 0.5 * (layout->panels[0].y2_0 + layout->panels[0].y2_1), 0.5);
    RP_CHECK(rp_figure_set_y2_view(f, 0, 0, 2000) == RP_OK);
    RP_CHECK(rp_figure_y2_view(f, 0, &z0, &z1) == RP_OK && z0 == 0 && z1 == 2000);
    RP_CHECK(rp_figure_set_series_y_axis(f, b, 0) == RP_OK); /* back to the left: no right axis */
    RP_CHECK(rp_figure_y2_view(f, 0, &z0, &z1) == RP_ERR_INVALID_ARG);
    compute(layout, f, &ft, 800, 400);
    RP_CHECK(!layout->panels[0].has_right && layout->right_label_left == 0);
    RP_CHECK(layout->panels[0].y_title[0] == '\0'); /* V and hPa on one axis: no common unit */
    rp_layout_level_line(f, 0, "0.2", "0.8", "0.6", levels, sizeof levels);
    RP_CHECK_MSG(strstr(levels, "axis") == NULL, "one axis, level line '%s'", levels);
    RP_CHECK(rp_figure_y_view(f, 0, &y0, &y1) == RP_OK && y1 > 1099);
    rp_figure_destroy(f);
    rp_series_destroy(a);
    rp_series_destroy(b);
    fonts_free(&ft);
}

/* The statistics table's cells of a range holding ±Inf (1e300 read from text, beyond float32's
 * range): its max reads "inf", not the finite samples' 2.000 as if the 1e300 were not there. */
static void test_stats_cells_infinite(void)
{
    char v[RP_LAYOUT_STAT_COLS][24];
    rp_range_stats st = {.count = 7,
                         .finite = 4,
                         .flags = RP_M4_FINITE | RP_M4_POS_INF | RP_M4_NEG_INF,
                         .x_first = 0,
                         .x_last = 6,
                         .min = 0,
                         .max = 2,
                         .peak_to_peak = 2,
                         .mean = 1,
                         .rms = 1.2,
                         .stddev = 0.7};
    rp_layout_stats_cells(&st, 0.01, true, v);
    RP_CHECK_MSG(!strcmp(v[0], "4") && !strcmp(v[1], "-inf") && !strcmp(v[2], "inf"),
                 "n %s min %s max %s", v[0], v[1], v[2]);
    RP_CHECK(!strcmp(v[3], "-") && !strcmp(v[4], "inf") && !strcmp(v[6], "inf"));
    st.flags = RP_M4_FINITE | RP_M4_POS_INF; /* +inf alone: the mean is inf, the min finite */
    rp_layout_stats_cells(&st, 0.01, true, v);
    RP_CHECK_MSG(!strcmp(v[1], "0") && !strcmp(v[2], "inf") && !strcmp(v[3], "inf"),
                 "min %s max %s mean %s", v[1], v[2], v[3]);
    st.flags = RP_M4_FINITE; /* finite only: as ever */
    rp_layout_stats_cells(&st, 0.01, true, v);
    RP_CHECK_MSG(!strcmp(v[2], "2.000") && !strcmp(v[3], "1.000") && !strcmp(v[7], "1.000 /s"),
                 "max %s mean %s rate %s", v[2], v[3], v[7]);
    rp_layout_stats_cells(NULL, 0.01, true, v);
    RP_CHECK(!strcmp(v[0], "-") && !strcmp(v[7], "-"));
    /* the rate: one format rule whatever the view (it read "1000 /s", "1000.0 /s", "10.000 /s"):
     * 4 significant digits, the integer part whole */
    const struct {
        double samples, span;
        const char *want;
    } rates[] = {{1000, 0.999, "1000 /s"},    {10001, 10.0, "1000 /s"}, {1000, 1.0002, "998.8 /s"},
                 {11, 1.0, "10.00 /s"},       {10099, 1.0, "10098 /s"}, {2, 4.0, "0.2500 /s"},
                 {100000, 99.996, "1000 /s"}, {3, 2.0, "1.000 /s"},     {10, 0.900001, "10.00 /s"},
                 {1000, 0.999001, "1000 /s"}}; /* just under a decade */
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        st = (rp_range_stats){.count = (int64_t)rates[i].samples,
                              .finite = (int64_t)rates[i].samples,
                              .flags = RP_M4_FINITE,
                              .x_first = 0,
                              .x_last = rates[i].span};
        rp_layout_stats_cells(&st, 0.01, true, v);
        RP_CHECK_MSG(!strcmp(v[7], rates[i].want), "%g samples over %g s: rate '%s', not '%s'",
                     rates[i].samples, rates[i].span, v[7], rates[i].want);
    }
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
    for (int i = 0; i < 8; i++) rp_figure_add_series(figs[0], 0, s[i], NULL);

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
            compute(&layout, figs[i], &ft, sizes[k].w, sizes[k].h);
            check_layout(what, &layout, figs[i], &ft);
            store(&layout, figs[i]);
            /* The stored layout hit-tests back to the same panels. */
            for (int p = 0; p < layout.panel_count; p++) {
                rp_rect pr = layout.panels[p].plot;
                rp_hit h = hit(figs[i], pr.x + 1, pr.y + pr.h - 1);
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
        rp_figure_set_x_view(f, 0, 999); /* a still view (a live one: test_legend_live) */
        compute(&layout, f, &ft, 800, 500);
        RP_CHECK_EQ_INT(layout.panels[0].legend_corner, 2);
        store(&layout, f);
        compute(&layout, f, &ft, 800, 500); /* stays */
        RP_CHECK_EQ_INT(layout.panels[0].legend_corner, 2);
        /* The HUD has a band of its own above the first plot: it covers no plot and no legend,
         * however short the panels. */
        rp_figure_add_panel(f, NULL, NULL);
        rp_figure_add_series(f, 1, lo, NULL);
        rp_figure_set_overlay(f, "60 fps\ningest 1 M/s\nsamples 1\nrejected 0\nlost 0\nPAUSED");
        for (int size = 0; size < 3; size++) {
            int vw = size == 0 ? 800 : size == 1 ? 300 : 1600, h = size == 2 ? 900 : 300;
            compute(&layout, f, &ft, vw, h);
            store(&layout, f);
            check_layout("HUD band", &layout, f, &ft);
            rp_rect ov = layout.overlay;
            RP_CHECK(ov.w > 0 && ov.h > 0 && ov.y >= 0 && ov.x >= 0);
            RP_CHECK(layout.overlay_rows >= 1 && layout.overlay_rows <= 6);
            if (vw >= 800)
                RP_CHECK_MSG(layout.overlay_rows < 6,
                             "%d px wide: the HUD's lines flow into columns", vw);
            for (int p = 0; p < layout.panel_count; p++) {
                rp_rect pr = layout.panels[p].plot, lg = layout.panels[p].legend;
                RP_CHECK_MSG(!overlaps(pr, ov), "%dx%d: the HUD covers panel %d's data", vw, h, p);
                RP_CHECK_MSG(!overlaps(lg, ov), "%dx%d: panel %d legend under the HUD", vw, h, p);
            }
        }
        /* A line wider than the band wraps between words, inside the box: every word is
         * drawn once, in order, no row wider than the box (a source's error, a small window). */
        const char *said = "nothing to plot yet: source zeit.csv: line 1: header refused: no time "
                           "column named 'Zeiten' (the columns: Zeit, Temp, Druck, "
                           "Überdruck_in_Pascal_über_Normaldruck)";
        rp_figure_set_overlay(f, said);
        compute(&layout, f, &ft, 320, 300);
        store(&layout, f);
        check_layout("HUD wrapped", &layout, f, &ft);
        RP_CHECK(layout.overlay_wrap_w > 0 && layout.overlay_rows >= 3);
        RP_CHECK(layout.overlay.x + layout.overlay.w <= 320);
        char joined[512] = "", row[256];
        int rows = 0;
        for (const char *p = said; *p; rows++) {
            p = rp_layout_overlay_row(ft.label, p, layout.overlay_wrap_w, row, sizeof row);
            RP_CHECK_MSG(rp_font_text_width(ft.label, row) <= layout.overlay_wrap_w,
                         "row '%s' wider than %g px", row, layout.overlay_wrap_w);
            RP_CHECK(row[0] != ' ' && row[0] != '\0');
            strcat(joined, rows ? " " : "");
            strcat(joined, row);
        }
        RP_CHECK_EQ_INT(rows, layout.overlay_rows);
        /* nothing lost or doubled: the same characters but the blanks */
        char a[512], b[512];
        size_t na = 0, nb = 0;
        for (const char *c = said; *c; c++)
            if (*c != ' ') a[na++] = *c;
        for (const char *c = joined; *c; c++)
            if (*c != ' ') b[nb++] = *c;
        a[na] = b[nb] = '\0';
        RP_CHECK_MSG(!strcmp(a, b), "%s", joined);
        /* entries joined by no-break spaces (the HUD's "rate NAME 1.0 k/s") stay whole on a
         * row: the row breaks at the plain blanks between entries only */
        RP_CHECK(rp_font_has_codepoint(ft.label, 0xa0));
        const char *rates = "rate\u00a0imu/accel\u00a0x\u00a01.0\u00a0k/s   "
                            "ecg/lead\u00a0II\u00a0500\u00a0/s   env/temp\u00a010\u00a0/s";
        float entry_w =
            rp_font_text_width(ft.label, "rate\u00a0imu/accel\u00a0x\u00a01.0\u00a0k/s") + 10;
        int entries = 0;
        for (const char *p = rates; *p; entries++) {
            p = rp_layout_overlay_row(ft.label, p, entry_w, row, sizeof row);
            RP_CHECK_MSG(!strcmp(row, "rate\u00a0imu/accel\u00a0x\u00a01.0\u00a0k/s") ||
                             !strcmp(row, "ecg/lead\u00a0II\u00a0500\u00a0/s") ||
                             !strcmp(row, "env/temp\u00a010\u00a0/s"),
                         "an entry cut: '%s'", row);
        }
        RP_CHECK_EQ_INT(entries, 3);
        /* a word wider than the box is cut between characters, never inside one */
        char w1[64];
        const char *next = rp_layout_overlay_row(ft.label, "Überdruck", 12, w1, sizeof w1);
        RP_CHECK(strcmp(w1, "Ü") == 0 && strcmp(next, "berdruck") == 0);
        rp_figure_destroy(f);
        rp_series_destroy(hi);
        rp_series_destroy(lo);
        fonts_free(&ft);
    }

    test_legend_holds_still(&layout);
    test_legend_off_sparse_lines(&layout);
    test_legend_counts_the_rest(&layout);
    test_legend_compact_in_short_plots(&layout);
    test_legend_small_panels(&layout);
    test_legend_shared_head(&layout);
    test_cursor_tags_apart(&layout);
    test_notes_labels_keep_the_margin(&layout);
    test_fit_text();
    test_table_never_over_panels(&layout);
    test_legend_after_first_data(&layout);
    test_two_drawers(&layout);
    test_legend_live_sliver(&layout);
    test_legend_live_full(&layout);
    test_legend_right_axis(&layout);
    test_time_origin_kept(&layout);
    test_cursors_and_table(&layout);
    test_table_holds_cursor_line(&layout);
    test_table_small_windows(&layout);
    test_status_place(&layout);
    test_log_panel(&layout);
    test_two_axes(&layout);
    test_stats_cells_infinite();
    for (int i = 0; i < 4; i++) rp_figure_destroy(figs[i]);
    for (int i = 0; i < 8; i++) rp_series_destroy(s[i]);
    rp_series_destroy(tiny);
    rp_series_destroy(big);
    return rp_test_finish();
}
