/* figure.c — the figure model: a vertical stack of panels sharing one x view, the series each
 * panel shows with their styles, the x view (follow or fixed), the y views (fixed or autoscaled),
 * theme colours and the colour-blind-safe palette, and hit-testing against the layout that the
 * renderer stored after the last frame. Pure CPU: no GL, no allocation after rp_figure_create. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axis/scale.h"
#include "core/handles.h"
#include "figure/figure_internal.h"
#include "figure/spectrum.h"
#include "figure/trigger.h"
#include "figure/notes.h"
#include "figure/xy.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define RP_DEFAULT_LINE_WIDTH 1.5f
#define RP_AUTOSCALE_HEADROOM 0.05 /* of the data range, top and bottom */
#define RP_HOLD_MARGIN 0.1         /* a held live view grows this much of the data's span more */
#define RP_HOLD_SHRINK 0.6         /* ... and shrinks to fit when the data's view is under this */
#define RP_FLAT_BAND 0.1           /* flat data v: view v ± |v|·0.1 (± 1 when v == 0) */

/* Reports a failed call on the figure's channel and returns its status. */
#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(&(figure)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static rp_color rgb(uint32_t hex)
{
    rp_color c = {(float)((hex >> 16) & 0xff) / 255.0f, (float)((hex >> 8) & 0xff) / 255.0f,
                  (float)(hex & 0xff) / 255.0f, 1.0f};
    return c;
}

static rp_color rgba(uint32_t hex, float a)
{
    rp_color c = rgb(hex);
    c.a = a;
    return c;
}

/* Copies src (NULL → "") into dst of RP_TEXT_MAX bytes; too long → RP_ERR_LIMIT, dst untouched. */
static rp_status copy_text(char *dst, const char *src)
{
    if (!src) src = "";
    size_t n = strlen(src);
    if (n >= RP_TEXT_MAX) return RP_ERR_LIMIT;
    memcpy(dst, src, n + 1);
    return RP_OK;
}

/* A valid panel number of a live figure; reports a bad number (a stale figure has no channel). */
static bool panel_ok(const rp_figure *figure, int panel, const char *call)
{
    if (!rp_figure_valid(figure)) return false;
    if (panel >= 0 && panel < figure->panel_count) return true;
    rp_log_fail(rp_figure_log(figure), RP_ERR_INVALID_ARG, RP_LOGITEM_NOT_FOUND,
                "%s: panel %d does not exist (the figure has %d)", call, panel,
                figure->panel_count);
    return false;
}

/* Still the series that was added (not destroyed, not a new one at the same address). */
static bool series_current(const rp_figure_series *fs)
{
    return rp_handle_serial(fs->series, RP_HANDLE_SERIES) == fs->serial;
}

/* ---------------------------------------------------------------------------------------------
 * Theme and palette
 * ------------------------------------------------------------------------------------------- */
/* Okabe & Ito's colour-blind-safe set (2008), in one hue order for both themes so a series keeps
 * its hue when the theme changes: blue, orange, bluish green, vermillion, reddish purple, sky
 * blue, yellow, neutral. Dark variants are lifted in lightness so 1.5 px lines stand out on
 * #15171c; light variants keep the originals except yellow (deepened to olive: pure yellow
 * vanishes on white) and black (a soft near-black). */
static const uint32_t palette_dark[RP_PALETTE_SIZE] = {
    0x4c9be8, 0xe69f00, 0x1fb58a, 0xee6a2c, 0xd98cb8, 0x8fd3f5, 0xf0e442, 0xd0d3da,
};
static const uint32_t palette_light[RP_PALETTE_SIZE] = {
    0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7, 0x56b4e9, 0x8c7e00, 0x3a3a3a,
};

/* Past the first 8 series, 56 more colours, chosen (offline, deterministically) one at a time as
 * the candidate farthest from every colour before it in OKLab, lightness differences counting
 * half (thin lines tell hues apart better than shades): colours of the theme's lightness band
 * (OKLCH L 0.62..0.92 dark, 0.35..0.68 light) with a contrast of at least 3 (dark) or 2.2
 * (light) on the plot background. So the first of them are new hues and the later ones shades of
 * hues already used; any two of the first 32 are as far apart as the Okabe-Ito set's closest
 * pair (the former second set had a rose by the reddish purple, a lime by the yellow). Past 64
 * the colours come round again with lines twice as wide (rp_figure_series_width_scale), so two
 * series never share both colour and style. */
static const uint32_t palette_more_dark[RP_PALETTE_COLOURS - RP_PALETTE_SIZE] = {
    0x9b61ea, 0x7bfe84, 0x8f8664, 0xe14076, 0x85ae13, 0x94fdd9, 0xf281f9, 0xb3a8f6,
    0x7d84a5, 0xe0a48a, 0xb5c48a, 0x0b9fb2, 0x5978fd, 0xcf48ab, 0xbf696a, 0xab68ba,
    0x20e7f0, 0x83afa6, 0xfde1a7, 0xf9bbfc, 0x19ce62, 0xc6f791, 0xb6753b, 0x69954f,
    0x7f78d6, 0xfd7277, 0xafe12d, 0x2beeb0, 0xb29c45, 0xb9a3c3, 0x03a14a, 0x8ad27a,
    0x0abeee, 0xfab7c5, 0xfd79b2, 0xa07a85, 0xc35f92, 0xfecd5c, 0x7ea9d5, 0xcd90e9,
    0xc2c44d, 0xd4edce, 0xc15cd7, 0xfb985d, 0xe64343, 0x64d3b8, 0x50967f, 0xe98f96,
    0xa3f5fa, 0xfdd8ef, 0xf0cbb8, 0xa47eac, 0xbbab89, 0xfebd7d, 0xfb71d3, 0x40c1c8,
};
static const uint32_t palette_more_light[RP_PALETTE_COLOURS - RP_PALETTE_SIZE] = {
    0x630e9c, 0x96053b, 0x9982f8, 0x0721a0, 0xa72594, 0x2c550b, 0x725b8d, 0xfa5570,
    0x7e3a07, 0xb1917b, 0x46b427, 0x620f56, 0x4b787b, 0x455fe1, 0xcc67e3, 0x313072,
    0x9295b7, 0x985b65, 0x68603f, 0xe34fa1, 0x0d4f6e, 0xc0180a, 0x642e3c, 0x88a36e,
    0x3d90f4, 0x8d4cb8, 0x028723, 0x20acb3, 0xa36826, 0xa57cc2, 0x5352ac, 0xa03f73,
    0xd47c76, 0x4117a4, 0x734fd9, 0x055e4e, 0x6e84ca, 0x720500, 0x517c52, 0x52335f,
    0xcf2c67, 0x6b9832, 0x6c3284, 0xbc4f54, 0x5490b1, 0x75a39c, 0xbc9041, 0x1251b4,
    0x4c6896, 0xad5da7, 0x851b9b, 0x484300, 0xfa5d36, 0x91758e, 0x6e0237, 0x5f4130,
};

rp_color rp_theme_palette(rp_theme theme, int index)
{
    int i = index % RP_PALETTE_COLOURS;
    if (i < 0) i += RP_PALETTE_COLOURS;
    bool light = theme == RP_THEME_LIGHT;
    if (i >= RP_PALETTE_SIZE)
        return rgb(light ? palette_more_light[i - RP_PALETTE_SIZE]
                         : palette_more_dark[i - RP_PALETTE_SIZE]);
    return rgb(light ? palette_light[i] : palette_dark[i]);
}

float rp_figure_series_width_scale(const rp_figure_series *fs)
{
    return fs && fs->palette_index >= RP_PALETTE_COLOURS ? 2.0f : 1.0f;
}

/* The non-data colours of each theme (dark, light) as 0xRRGGBB, in rp_theme_style's order:
 * background, plot background, frame, grid, minor grid, tick, tick label, text, title, legend
 * background (with its alpha below), legend border. */
static const uint32_t theme_colors[2][11] = {
    {0x15171c, 0x191c22, 0x4a505c, 0x2a2e37, 0x20232a, 0x5d6470, 0xa3a9b4, 0xc4c9d1, 0xe8eaee,
     0x15171c, 0x3a3f4a},
    {0xfafafa, 0xffffff, 0xa8adb5, 0xe3e5e8, 0xf1f2f4, 0x8a9099, 0x4a4f57, 0x33373d, 0x1b1d21,
     0xffffff, 0xd3d6db},
};
static const float theme_legend_alpha[2] = {0.82f, 0.86f};

rp_theme_style rp_theme_style_get(rp_theme theme)
{
    int t = theme == RP_THEME_LIGHT;
    const uint32_t *c = theme_colors[t];
    return (rp_theme_style){
        rgb(c[0]), rgb(c[1]), rgb(c[2]), rgb(c[3]), rgb(c[4]),
        rgb(c[5]), rgb(c[6]), rgb(c[7]), rgb(c[8]), rgba(c[9], theme_legend_alpha[t]),
        rgb(c[10])};
}

rp_color rp_figure_series_color(const rp_figure *figure, const rp_figure_series *fs)
{
    if (!fs) return rgb(0x808080);
    if (fs->color.a > 0) return fs->color;
    rp_theme theme = rp_figure_valid(figure) ? figure->desc.theme : RP_THEME_DARK;
    return rp_theme_palette(theme, fs->palette_index);
}

/* ---------------------------------------------------------------------------------------------
 * Figure lifetime
 * ------------------------------------------------------------------------------------------- */
bool rp_figure_valid(const rp_figure *figure) { return rp_handle_live(figure, RP_HANDLE_FIGURE); }

/* A spectrum, trigger or XY panel shows `series` (NULL: any destroyed while still in it). */
static bool derived_panel_uses(const rp_figure_panel *pn, const rp_series *series)
{
    if (!series)
        return (pn->spectrum && rp_spectrum_stale(pn->spectrum)) ||
               (pn->trigger && rp_trigger_stale(pn->trigger)) || (pn->xy && rp_xy_stale(pn->xy));
    return (pn->spectrum && rp_spectrum_uses(pn->spectrum, series)) ||
           (pn->trigger && rp_trigger_uses(pn->trigger, series)) ||
           (pn->xy && rp_xy_uses(pn->xy, series));
}

bool rp_figure_find_stale_series(const rp_figure *figure, int *panel, int *index)
{
    for (int p = 0; p < figure->panel_count; p++) {
        const rp_figure_panel *pn = &figure->panels[p];
        if (derived_panel_uses(pn, NULL)) {
            *panel = p;
            *index = -1;
            return true;
        }
        for (int i = 0; i < pn->series_count; i++) {
            if (rp_handle_serial(pn->series[i].series, RP_HANDLE_SERIES) != pn->series[i].serial) {
                *panel = p;
                *index = i;
                return true;
            }
        }
    }
    return false;
}

const rp_series *rp_figure_view_series(const rp_figure *figure, int panel)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count) return NULL;
    const rp_figure_panel *pn = &figure->panels[panel];
    if (pn->spectrum) return rp_spectrum_series(pn->spectrum);
    if (pn->trigger) return rp_trigger_series(pn->trigger);
    if (pn->xy) {
        const rp_series *x = NULL, *y = NULL;
        rp_xy_series(pn->xy, &x, &y);
        return x;
    }
    return NULL;
}

rp_status rp_figure_move_panel(rp_figure *figure, int from, int to)
{
    if (!rp_figure_valid(figure) || from < 0 || from >= figure->panel_count || to < 0 ||
        to >= figure->panel_count)
        return RP_ERR_INVALID_ARG;
    if (from == to) return RP_OK;
    rp_figure_panel *tmp = malloc(sizeof *tmp);
    if (!tmp) return RP_ERR_NO_MEMORY;
    rp_figure_panel *pn = figure->panels;
    *tmp = pn[from];
    if (from < to)
        memmove(&pn[from], &pn[from + 1], (size_t)(to - from) * sizeof *pn);
    else
        memmove(&pn[to + 1], &pn[to], (size_t)(from - to) * sizeof *pn);
    pn[to] = *tmp;
    free(tmp);
    return RP_OK;
}

const char *rp_figure_last_error(const rp_figure *figure)
{
    return rp_figure_valid(figure)
               ? figure->error
               : "not a live figure (NULL, destroyed, or another kind of object)";
}

static bool x_axis_known(rp_x_axis axis) /* rp_figure_create and rp_figure_set_x_axis */
{
    return axis == RP_X_AXIS_NUMBER || axis == RP_X_AXIS_TIME || axis == RP_X_AXIS_WALL_CLOCK;
}

rp_status rp_figure_create(const rp_figure_desc *desc, rp_figure **out)
{
    rp_figure_desc d = desc ? *desc : (rp_figure_desc){0};
    const rp_log_desc *log = &d.log;
    if (!out)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_figure_create: out is NULL");
    *out = NULL;
    if (d.theme != RP_THEME_DARK && d.theme != RP_THEME_LIGHT)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_figure_create: unknown theme %d", (int)d.theme);
    if (!x_axis_known(d.x_axis))
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_figure_create: unknown x_axis %d", (int)d.x_axis);
    if (!(d.line_width >= 0) || !isfinite(d.line_width))
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_figure_create: line_width %g must be finite and >= 0",
                                  (double)d.line_width);
    if (d.line_width == 0) d.line_width = RP_DEFAULT_LINE_WIDTH;
    if (d.markers != RP_MARKERS_AUTO && d.markers != RP_MARKERS_ON && d.markers != RP_MARKERS_OFF)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_figure_create: unknown markers %d", (int)d.markers);

    rp_figure *f = calloc(1, sizeof *f);
    if (!f)
        return rp_log_create_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_figure_create: out of memory");
    rp_status st = copy_text(f->title, d.title);
    if (st == RP_OK) st = copy_text(f->x_label, d.x_label);
    if (st != RP_OK) {
        free(f);
        return rp_log_create_fail(log, st, RP_LOGITEM_LIMIT_EXCEEDED,
                                  "rp_figure_create: title or x_label longer than %d bytes",
                                  RP_TEXT_MAX - 1);
    }
    d.title = f->title;
    d.x_label = f->x_label;
    f->desc = d;
    f->follow = true;
    f->follow_span = 0;
    f->x0 = 0;
    f->x1 = 1;
    rp_log_sink_init(&f->log, log, f->error, sizeof f->error);
    if (!rp_handle_register(f, RP_HANDLE_FIGURE)) {
        free(f);
        return rp_log_create_fail(log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                  "rp_figure_create: %d objects are live already "
                                  "(RP_MAX_LIVE_OBJECTS)",
                                  RP_MAX_LIVE_OBJECTS);
    }
    *out = f;
    return RP_OK;
}

void rp_figure_destroy(rp_figure *figure)
{
    if (!rp_handle_unregister(figure, RP_HANDLE_FIGURE))
        return; /* NULL, stale or another kind: never read, never freed twice */
    for (int p = 0; p < figure->panel_count; p++) {
        rp_spectrum_free(figure->panels[p].spectrum);
        rp_trigger_free(figure->panels[p].trigger);
        rp_notes_panel_free(figure->panels[p].notes);
        rp_xy_free(figure->panels[p].xy);
    }
    free(figure);
}

rp_figure_desc rp_figure_get_desc(const rp_figure *figure)
{
    if (!rp_figure_valid(figure)) return (rp_figure_desc){0};
    return figure->desc;
}

/* ---------------------------------------------------------------------------------------------
 * Panels and series
 * ------------------------------------------------------------------------------------------- */
rp_status rp_figure_add_panel(rp_figure *figure, const rp_panel_desc *desc, int *panel)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (figure->panel_count >= RP_MAX_PANELS)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED,
                    "rp_figure_add_panel: the figure has RP_MAX_PANELS (%d) panels already",
                    RP_MAX_PANELS);
    rp_panel_desc d = desc ? *desc : (rp_panel_desc){0};
    if (d.fixed_y && !(isfinite(d.y_min) && isfinite(d.y_max) && d.y_max > d.y_min))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_add_panel: fixed y range [%g, %g] must be finite with y_max > y_min",
                    d.y_min, d.y_max);
    rp_figure_panel *pn = &figure->panels[figure->panel_count];
    memset(pn, 0, sizeof *pn);
    rp_status st = copy_text(pn->title, d.title);
    if (st == RP_OK) st = copy_text(pn->y_label, d.y_label);
    if (st != RP_OK) {
        memset(pn, 0, sizeof *pn);
        return FAIL(figure, st, LIMIT_EXCEEDED,
                    "rp_figure_add_panel: title or y_label longer than %d bytes", RP_TEXT_MAX - 1);
    }
    if (d.y_scale < RP_Y_LINEAR || d.y_scale > RP_Y_SYMLOG || !(d.symlog_threshold >= 0) ||
        !isfinite(d.symlog_threshold) || (d.y_scale == RP_Y_LOG && d.fixed_y && !(d.y_min > 0))) {
        memset(pn, 0, sizeof *pn);
        return RP_ERR_INVALID_ARG;
    }
    pn->y_scale = d.y_scale;
    pn->symlog_threshold = d.symlog_threshold > 0 ? d.symlog_threshold : 1.0;
    pn->fixed_y = d.fixed_y;
    pn->y0 = d.fixed_y ? d.y_min : 0;
    pn->y1 = d.fixed_y ? d.y_max : 1;
    if (panel) *panel = figure->panel_count;
    figure->panel_count++;
    return RP_OK;
}

int rp_figure_panel_count(const rp_figure *figure)
{
    return rp_figure_valid(figure) ? figure->panel_count : 0;
}

rp_status rp_figure_add_series(rp_figure *figure, int panel, rp_series *series,
                               const rp_series_style *style)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    uint64_t serial = rp_handle_serial(series, RP_HANDLE_SERIES);
    if (!serial)
        return FAIL(figure, RP_ERR_INVALID_ARG, STALE_HANDLE,
                    "rp_figure_add_series: not a live series (NULL, destroyed, or another kind "
                    "of object)");
    /* Convenience: panel 0 of a figure without panels is created on demand. */
    if (panel == 0 && figure->panel_count == 0) {
        rp_status st = rp_figure_add_panel(figure, NULL, NULL);
        if (st != RP_OK) return st;
    }
    if (!panel_ok(figure, panel, "rp_figure_add_series")) return RP_ERR_INVALID_ARG;
    rp_figure_panel *pn = &figure->panels[panel];
    for (int i = 0; i < pn->series_count; i++)
        if (pn->series[i].series == series)
            return FAIL(figure, RP_ERR_INVALID_ARG, ALREADY_PRESENT,
                        "rp_figure_add_series: series '%s' is already in panel %d",
                        rp_series_name(series), panel);
    if (pn->series_count >= RP_MAX_SERIES_PER_PANEL)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED,
                    "rp_figure_add_series: panel %d has RP_MAX_SERIES_PER_PANEL (%d) series "
                    "already",
                    panel, RP_MAX_SERIES_PER_PANEL);
    rp_series_style s = style ? *style : (rp_series_style){0};
    if (!(s.line_width >= 0) || !isfinite(s.line_width))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_add_series: line_width %g must be finite and >= 0",
                    (double)s.line_width);
    if (s.y_axis < 0 || s.y_axis > 1)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_add_series: y_axis %d must be 0 (left) or 1 (right)", s.y_axis);
    if (!(isfinite(s.color.r) && isfinite(s.color.g) && isfinite(s.color.b) && isfinite(s.color.a)))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_add_series: colour components must be finite");

    rp_figure_series *fs = &pn->series[pn->series_count];
    memset(fs, 0, sizeof *fs);
    const char *label = s.label ? s.label : rp_series_name(series);
    rp_status st = copy_text(fs->label, label ? label : "series");
    if (st != RP_OK)
        return FAIL(figure, st, LIMIT_EXCEEDED, "rp_figure_add_series: label longer than %d bytes",
                    RP_TEXT_MAX - 1);
    fs->series = series;
    fs->serial = serial;
    fs->color = s.color;
    if (fs->color.a > 1) fs->color.a = 1;
    if (fs->color.a > 0) {
        fs->palette_index = -1;
    } else {
        fs->color = (rp_color){0, 0, 0, 0};
        fs->palette_index = figure->palette_next % (2 * RP_PALETTE_COLOURS);
        figure->palette_next++;
    }
    fs->line_width = s.line_width;
    fs->y_axis = s.y_axis == 1 ? 1 : 0;
    fs->visible = true;
    pn->series_count++;
    return RP_OK;
}

rp_status rp_figure_remove_series(rp_figure *figure, rp_series *series)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!series)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_remove_series: series is NULL");
    bool found = false;
    /* a spectrum, trigger or XY panel exists for its series: it goes with it (the panels after
     * it move up one) */
    for (int p = figure->panel_count - 1; p >= 0; p--) {
        rp_figure_panel *pn = &figure->panels[p];
        if (!derived_panel_uses(pn, series)) continue;
        found = true;
        rp_spectrum_free(pn->spectrum);
        rp_trigger_free(pn->trigger);
        rp_notes_panel_free(pn->notes);
        rp_xy_free(pn->xy);
        memmove(&figure->panels[p], &figure->panels[p + 1],
                sizeof figure->panels[0] * (size_t)(figure->panel_count - 1 - p));
        figure->panel_count--;
        memset(&figure->panels[figure->panel_count], 0, sizeof figure->panels[0]);
        figure->refits++; /* the layout changed */
    }
    for (int p = 0; p < figure->panel_count; p++) {
        rp_figure_panel *pn = &figure->panels[p];
        int w = 0;
        for (int i = 0; i < pn->series_count; i++) {
            if (pn->series[i].series == series) {
                found = true;
                continue;
            }
            if (w != i) pn->series[w] = pn->series[i];
            w++;
        }
        if (w < pn->series_count)
            memset(&pn->series[w], 0, sizeof(rp_figure_series) * (size_t)(pn->series_count - w));
        pn->series_count = w;
    }
    if (!found)
        return FAIL(figure, RP_ERR_INVALID_ARG, NOT_FOUND,
                    "rp_figure_remove_series: the series is not in this figure");
    return RP_OK;
}

rp_status rp_figure_set_series_visible(rp_figure *figure, rp_series *series, bool visible)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    bool found = false;
    for (int p = 0; p < figure->panel_count; p++) {
        rp_figure_panel *pn = &figure->panels[p];
        for (int i = 0; i < pn->series_count; i++) {
            if (pn->series[i].series == series) {
                pn->series[i].visible = visible;
                found = true;
            }
        }
    }
    return found ? RP_OK
                 : FAIL(figure, RP_ERR_INVALID_ARG, NOT_FOUND,
                        "rp_figure_set_series_visible: the series is not in this figure");
}

bool rp_figure_series_visible(const rp_figure *figure, const rp_series *series)
{
    if (!rp_figure_valid(figure) || !series) return false;
    for (int p = 0; p < figure->panel_count; p++) {
        const rp_figure_panel *pn = &figure->panels[p];
        for (int i = 0; i < pn->series_count; i++)
            if (pn->series[i].series == series && pn->series[i].visible) return true;
    }
    return false;
}

/* ---------------------------------------------------------------------------------------------
 * Views
 * ------------------------------------------------------------------------------------------- */
/* A new view: every held y view fits the data again (rp_figure_hold_y). */
static void drop_holds(rp_figure *figure)
{
    for (int p = 0; p < RP_MAX_PANELS; p++)
        figure->panels[p].held[0] = figure->panels[p].held[1] = false;
}

rp_status rp_figure_refit(rp_figure *figure)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    drop_holds(figure);
    figure->refits++;
    return RP_OK;
}

rp_status rp_figure_follow(rp_figure *figure, double span)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!isfinite(span) || span < 0)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_follow: span %g must be finite and >= 0", span);
    figure->follow = true;
    figure->follow_span = span;
    figure->time_ref_valid = false;
    drop_holds(figure);
    return RP_OK;
}

rp_status rp_figure_set_x_view(rp_figure *figure, double x0, double x1)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!isfinite(x0) || !isfinite(x1) || !(x1 > x0))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_x_view: [%g, %g] must be finite with x1 > x0", x0, x1);
    /* Leaving live: freeze the time origin at the newest sample (from the data, never from a
     * frame: the model does not depend on who drew it). Already fixed: keep it, so zooming and
     * panning a paused view never re-zeroes the labels while data keeps arriving. */
    if (figure->follow || !figure->time_ref_valid)
        figure->time_ref_valid = rp_figure_newest_x(figure, &figure->time_ref);
    figure->follow = false;
    figure->x0 = x0;
    figure->x1 = x1;
    drop_holds(figure);
    return RP_OK;
}

bool rp_figure_time_origin(const rp_figure *figure, double *x)
{
    return rp_figure__origin(figure, x);
}

rp_status rp_figure_set_time_origin(rp_figure *figure, double x)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (isinf(x))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_time_origin: x %g must be finite or NAN", x);
    figure->origin_fixed = !isnan(x);
    figure->origin_x = x;
    return RP_OK;
}

void rp_figure__freeze_time_ref(rp_figure *figure, double x)
{
    if (!rp_figure_valid(figure) || figure->follow || !isfinite(x)) return;
    figure->time_ref = x;
    figure->time_ref_valid = true;
}

bool rp_figure__origin(const rp_figure *figure, double *x)
{
    if (!rp_figure_valid(figure) || !x) return false;
    if (figure->origin_fixed) {
        *x = figure->origin_x;
        return true;
    }
    if (!figure->follow && figure->time_ref_valid) {
        *x = figure->time_ref;
        return true;
    }
    return rp_figure_newest_x(figure, x);
}

rp_status rp_figure_set_markers(rp_figure *figure, rp_markers markers)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (markers != RP_MARKERS_AUTO && markers != RP_MARKERS_ON && markers != RP_MARKERS_OFF)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_markers: unknown markers %d", (int)markers);
    figure->desc.markers = markers;
    return RP_OK;
}

rp_status rp_figure_set_x_axis(rp_figure *figure, rp_x_axis axis)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!x_axis_known(axis))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_x_axis: unknown x_axis %d", (int)axis);
    figure->desc.x_axis = axis;
    return RP_OK;
}

rp_status rp_figure_set_legend_place(rp_figure *figure, int panel, rp_legend_place place)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (place < RP_LEGEND_AUTO || place > RP_LEGEND_BOTTOM_LEFT)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_legend_place: unknown place %d", (int)place);
    if (panel != -1 && !panel_ok(figure, panel, "rp_figure_set_legend_place"))
        return RP_ERR_INVALID_ARG;
    for (int p = 0; p < figure->panel_count; p++)
        if (panel == -1 || p == panel) figure->panels[p].legend_place = place;
    return RP_OK;
}

rp_legend_place rp_figure_legend_place(const rp_figure *figure, int panel)
{
    if (!panel_ok(figure, panel, "rp_figure_legend_place")) return RP_LEGEND_AUTO;
    return figure->panels[panel].legend_place;
}

bool rp_figure_following(const rp_figure *figure)
{
    return rp_figure_valid(figure) && figure->follow;
}

/* Widens [*lo, *hi] (*any: set yet) by the x extent of series s. */
static void extent_add(const rp_series *s, bool *any, double *lo, double *hi)
{
    double a, b;
    if (rp_series_x_extent(s, &a, &b) != RP_OK || !isfinite(a) || !isfinite(b)) return;
    if (!*any || a < *lo) *lo = a;
    if (!*any || b > *hi) *hi = b;
    *any = true;
}

/* The x extent over all series (shown or hidden, so hiding one does not move a following view),
 * an XY panel's two included (its pairs follow the same window). */
static bool x_extent_all(const rp_figure *figure, double *lo_out, double *hi_out)
{
    bool any = false;
    double lo = 0, hi = 0;
    for (int p = 0; p < figure->panel_count; p++) {
        const rp_figure_panel *pn = &figure->panels[p];
        for (int i = 0; i < pn->series_count; i++)
            if (series_current(&pn->series[i])) extent_add(pn->series[i].series, &any, &lo, &hi);
        if (pn->xy) {
            const rp_series *xs, *ys;
            rp_xy_series(pn->xy, &xs, &ys);
            extent_add(xs, &any, &lo, &hi);
            extent_add(ys, &any, &lo, &hi);
        }
        double a, b; /* a notes panel: its text values and log lines count as data */
        if (pn->notes && rp_notes_panel_x_extent(pn->notes, &a, &b)) {
            if (!any || a < lo) lo = a;
            if (!any || b > hi) hi = b;
            any = true;
        }
    }
    *lo_out = lo;
    *hi_out = hi;
    return any;
}

bool rp_figure_newest_x(const rp_figure *figure, double *x)
{
    double lo, hi;
    if (!rp_figure_valid(figure) || !x || !x_extent_all(figure, &lo, &hi)) return false;
    *x = hi;
    return true;
}

rp_status rp_figure_x_view(const rp_figure *figure, double *x0, double *x1)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!x0 || !x1)
        return FAIL((rp_figure *)figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_x_view: x0 and x1 are required");
    if (!figure->follow) {
        *x0 = figure->x0;
        *x1 = figure->x1;
        return RP_OK;
    }
    /* Follow: the view ends at the newest x; span 0 reaches back to the oldest retained. */
    double lo, hi;
    bool any = x_extent_all(figure, &lo, &hi);
    double span = figure->follow_span;
    if (!any) {
        *x0 = 0;
        *x1 = span > 0 ? span : 1;
        return RP_OK;
    }
    if (span > 0) {
        *x0 = hi - span;
        *x1 = hi;
    } else if (hi > lo) {
        *x0 = lo;
        *x1 = hi;
    } else { /* one sample: a unit view ending at it */
        *x0 = hi - 1;
        *x1 = hi;
    }
    if (!(*x1 > *x0)) { /* span below the resolution of hi (huge x): widen to the next doubles */
        *x0 = nextafter(hi, -INFINITY);
        *x1 = nextafter(hi, INFINITY);
    }
    return RP_OK;
}

rp_status rp_figure_set_y_view(rp_figure *figure, int panel, double y0, double y1)
{
    if (!panel_ok(figure, panel, "rp_figure_set_y_view")) return RP_ERR_INVALID_ARG;
    if (!isfinite(y0) || !isfinite(y1) || !(y1 > y0))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_y_view: [%g, %g] must be finite with y1 > y0", y0, y1);
    rp_figure_panel *pn = &figure->panels[panel];
    if (pn->y_scale == RP_Y_LOG && !(y0 > 0))
        return RP_ERR_INVALID_ARG; /* a log axis has no place for 0 or below */
    if (pn->spectrum) { /* the dB view of its desc (over the curve; the waterfall below) */
        rp_spectrum_desc d = rp_figure_spectrum_desc(figure, panel);
        d.db_min = rp_spectrum_curve_floor(pn->spectrum, y0, y1);
        d.db_max = y1;
        return rp_figure_set_spectrum(figure, panel, &d);
    }
    if (pn->xy) { /* its image is drawn over the desc's ranges: the y view is its Y range */
        rp_xy_desc d = rp_figure_xy_desc(figure, panel);
        d.y_min = y0;
        d.y_max = y1;
        return rp_figure_set_xy(figure, panel, &d);
    }
    pn->fixed_y = true;
    pn->y0 = y0;
    pn->y1 = y1;
    return RP_OK;
}

double rp_panel_y_unit(const rp_figure_panel *panel, double y)
{
    return rp_scale_forward(panel->y_scale, panel->symlog_threshold, y);
}

double rp_panel_y_from_unit(const rp_figure_panel *panel, double u)
{
    return rp_scale_inverse(panel->y_scale, panel->symlog_threshold, u);
}

rp_status rp_figure_set_y_scale(rp_figure *figure, int panel, rp_y_scale scale, double threshold)
{
    if (!panel_ok(figure, panel, "rp_figure_set_y_scale")) return RP_ERR_INVALID_ARG;
    if (scale < RP_Y_LINEAR || scale > RP_Y_SYMLOG || !(threshold >= 0) || !isfinite(threshold))
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_y_scale: unknown scale %d or threshold %g not finite and >= 0",
                    (int)scale, threshold);
    rp_figure_panel *pn = &figure->panels[panel];
    /* a spectrum's y axis is dB (a logarithm already), a trigger's a scope's linear volts, an
     * XY panel's its own range: their samples are drawn linearly, whatever the scale said */
    const char *kind = pn->spectrum  ? "a spectrum"
                       : pn->trigger ? "a trigger"
                       : pn->xy      ? "an XY"
                                     : NULL;
    if (kind && scale != RP_Y_LINEAR)
        return FAIL(figure, RP_ERR_UNSUPPORTED, INVALID_ARGUMENT,
                    "rp_figure_set_y_scale: panel %d is %s panel, whose y axis is linear only%s",
                    panel, kind, pn->spectrum ? " (dB is a log scale already)" : "");
    pn->y_scale = scale;
    pn->symlog_threshold = threshold > 0 ? threshold : 1.0;
    if (scale == RP_Y_LOG && pn->fixed_y && !(pn->y0 > 0)) pn->fixed_y = false;
    return RP_OK;
}

rp_y_scale rp_figure_y_scale(const rp_figure *figure, int panel)
{
    return panel_ok(figure, panel, "rp_figure_y_scale") ? figure->panels[panel].y_scale
                                                        : RP_Y_LINEAR;
}

rp_status rp_figure_autoscale_y(rp_figure *figure, int panel)
{
    if (!panel_ok(figure, panel, "rp_figure_autoscale_y")) return RP_ERR_INVALID_ARG;
    figure->panels[panel].fixed_y = false;
    figure->panels[panel].held[0] = false; /* fit the data now */
    if (figure->panels[panel].spectrum) {  /* its dB view (rp_figure_set_y_view) */
        rp_spectrum_desc d = rp_figure_spectrum_desc(figure, panel);
        d.db_min = d.db_max = 0;
        return rp_figure_set_spectrum(figure, panel, &d);
    }
    if (figure->panels[panel].xy) { /* its Y range (rp_figure_set_y_view) */
        rp_xy_desc d = rp_figure_xy_desc(figure, panel);
        d.y_min = d.y_max = 0;
        return rp_figure_set_xy(figure, panel, &d);
    }
    return RP_OK;
}

/* Autoscale of a log or symlog panel: headroom in the scale's unit. Log: without a positive
 * value [0.1, 10]; a range reaching 0 or below starts 6 decades under the largest value (the
 * pyramid knows the minimum, not the smallest positive value). */
static rp_status resolve_scaled(const rp_figure_panel *pn, bool any, double lo, double hi,
                                double *y0, double *y1)
{
    if (pn->y_scale == RP_Y_LOG) {
        if (!any || !(hi > 0)) {
            *y0 = 0.1;
            *y1 = 10;
            return RP_OK;
        }
        if (!(lo > 0)) lo = hi * 1e-6;
    } else if (!any) {
        lo = -pn->symlog_threshold;
        hi = pn->symlog_threshold;
    }
    double u0 = rp_panel_y_unit(pn, lo), u1 = rp_panel_y_unit(pn, hi);
    if (!(u1 - u0 > 1e-9 * fmax(1.0, fabs(u0)))) { /* flat: half a decade (unit) around it */
        u0 -= 0.25;
        u1 += 0.25;
    } else {
        double pad = (u1 - u0) * RP_AUTOSCALE_HEADROOM;
        u0 -= pad;
        u1 += pad;
    }
    *y0 = rp_panel_y_from_unit(pn, u0);
    *y1 = rp_panel_y_from_unit(pn, u1);
    return RP_OK;
}

static rp_status resolve_axis(const rp_figure *figure, int panel, int axis, double x0, double x1,
                              double *y0, double *y1);
static bool autoscale_axis(const rp_figure_panel *pn, int axis, double x0, double x1, double *y0,
                           double *y1);

rp_status rp_figure_resolve_y(const rp_figure *figure, int panel, double x0, double x1, double *y0,
                              double *y1)
{
    return resolve_axis(figure, panel, 0, x0, x1, y0, y1);
}

static bool has_right(const rp_figure_panel *pn)
{
    for (int i = 0; i < pn->series_count; i++)
        if (pn->series[i].y_axis == 1) return true;
    return false;
}

bool rp_figure_resolve_y2(const rp_figure *figure, int panel, double x0, double x1, double *y0,
                          double *y1)
{
    if (!panel_ok(figure, panel, "rp_figure_y2_view") || !has_right(&figure->panels[panel]))
        return false;
    return resolve_axis(figure, panel, 1, x0, x1, y0, y1) == RP_OK;
}

rp_status rp_figure_set_y2_view(rp_figure *figure, int panel, double y0, double y1)
{
    if (!panel_ok(figure, panel, "rp_figure_set_y2_view") || !has_right(&figure->panels[panel]) ||
        !isfinite(y0) || !isfinite(y1) || !(y1 > y0))
        return RP_ERR_INVALID_ARG;
    rp_figure_panel *pn = &figure->panels[panel];
    if (pn->y_scale == RP_Y_LOG && !(y0 > 0)) return RP_ERR_INVALID_ARG;
    pn->fixed_y2 = true;
    pn->y2_0 = y0;
    pn->y2_1 = y1;
    return RP_OK;
}

rp_status rp_figure_autoscale_y2(rp_figure *figure, int panel)
{
    if (!panel_ok(figure, panel, "rp_figure_autoscale_y2")) return RP_ERR_INVALID_ARG;
    figure->panels[panel].fixed_y2 = false;
    figure->panels[panel].held[1] = false; /* fit the data now */
    return RP_OK;
}

rp_status rp_figure_y2_view(const rp_figure *figure, int panel, double *y0, double *y1)
{
    double x0, x1;
    if (!panel_ok(figure, panel, "rp_figure_y2_view") || !y0 || !y1 ||
        rp_figure_x_view(figure, &x0, &x1) != RP_OK)
        return RP_ERR_INVALID_ARG;
    return rp_figure_resolve_y2(figure, panel, x0, x1, y0, y1) ? RP_OK : RP_ERR_INVALID_ARG;
}

rp_status rp_figure_set_series_y_axis(rp_figure *figure, rp_series *series, int y_axis)
{
    if (!rp_figure_valid(figure) || !series || y_axis < 0 || y_axis > 1) return RP_ERR_INVALID_ARG;
    bool found = false;
    for (int p = 0; p < figure->panel_count; p++)
        for (int i = 0; i < figure->panels[p].series_count; i++)
            if (figure->panels[p].series[i].series == series) {
                figure->panels[p].series[i].y_axis = y_axis;
                found = true;
            }
    return found ? RP_OK : RP_ERR_INVALID_ARG;
}

static rp_status resolve_axis(const rp_figure *figure, int panel, int axis, double x0, double x1,
                              double *y0, double *y1)
{
    if (!panel_ok(figure, panel, "rp_figure_y_view")) return RP_ERR_INVALID_ARG;
    if (!y0 || !y1)
        return FAIL((rp_figure *)figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_y_view: y0 and y1 are required");
    const rp_figure_panel *pn = &figure->panels[panel];
    if (pn->notes) { /* one unit a row, row 0 at the top; a y zoom or pan does not apply */
        *y0 = 0;
        *y1 = rp_notes_panel_rows(pn->notes);
        return RP_OK;
    }
    if (axis == 0 ? pn->fixed_y : pn->fixed_y2) {
        *y0 = axis == 0 ? pn->y0 : pn->y2_0;
        *y1 = axis == 0 ? pn->y1 : pn->y2_1;
        return RP_OK;
    }
    if (pn->spectrum) { /* dB around the peak */
        rp_spectrum_y_view(pn->spectrum, y0, y1);
        return RP_OK;
    }
    if (pn->trigger) { /* the shown sweep and the level */
        rp_trigger_y_view(pn->trigger, y0, y1);
        return RP_OK;
    }
    if (pn->xy) { /* the Y series' range over the window */
        rp_xy_y_view(pn->xy, x0, x1, y0, y1);
        return RP_OK;
    }
    if (pn->held[axis] && figure->follow && pn->y_scale == RP_Y_LINEAR) { /* rp_figure_hold_y */
        *y0 = pn->held0[axis];
        *y1 = pn->held1[axis];
        return RP_OK;
    }
    autoscale_axis(pn, axis, x0, x1, y0, y1);
    return RP_OK;
}

/* The autoscaled view of a time panel's axis over [x0, x1] (resolve_axis); false without data. */
static bool autoscale_axis(const rp_figure_panel *pn, int axis, double x0, double x1, double *y0,
                           double *y1)
{
    bool any = false;
    double lo = 0, hi = 0;
    for (int i = 0; i < pn->series_count; i++) {
        const rp_figure_series *fs = &pn->series[i];
        if (!fs->visible || fs->y_axis != axis || !series_current(fs)) continue;
        float a = 0, b = 0;
        bool found = false;
        if (rp_series_view_y_range(fs->series, x0, x1, &a, &b, &found) != RP_OK || !found) continue;
        if (!isfinite(a) || !isfinite(b)) /* the store ignores ±Inf; never trust it blindly */
            continue;
        if (!any || a < lo) lo = a;
        if (!any || b > hi) hi = b;
        any = true;
    }
    if (pn->y_scale != RP_Y_LINEAR) {
        resolve_scaled(pn, any, lo, hi, y0, y1);
        return any;
    }
    if (!any) {
        *y0 = 0;
        *y1 = 1;
        return false;
    }
    double range = hi - lo;
    double mag = fmax(fabs(lo), fabs(hi));
    if (!(range > mag * 1e-12)) { /* flat (or flat within double noise): a band around it */
        double c = 0.5 * (lo + hi);
        double half = c != 0 ? fabs(c) * RP_FLAT_BAND : 1.0;
        *y0 = c - half;
        *y1 = c + half;
        return true;
    }
    *y0 = lo - range * RP_AUTOSCALE_HEADROOM;
    *y1 = hi + range * RP_AUTOSCALE_HEADROOM;
    return true;
}

bool rp_figure_hold_y(rp_figure *figure, int panel, double x0, double x1)
{
    if (!figure || panel < 0 || panel >= figure->panel_count) return false;
    rp_figure_panel *pn = &figure->panels[panel];
    bool changed = false;
    for (int axis = 0; axis < 2; axis++) {
        bool was = pn->held[axis];
        pn->held[axis] = false;
        double t0 = 0, t1 = 0;
        if (!figure->follow || (axis == 0 ? pn->fixed_y : pn->fixed_y2) || pn->notes ||
            pn->spectrum || pn->trigger || pn->xy || pn->y_scale != RP_Y_LINEAR ||
            !autoscale_axis(pn, axis, x0, x1, &t0, &t1)) {
            changed |= was; /* not held: resolve fits the data */
            continue;
        }
        double h0 = pn->held0[axis], h1 = pn->held1[axis];
        if (!was || (t1 - t0) < RP_HOLD_SHRINK * (h1 - h0)) { /* fit the data */
            h0 = t0;
            h1 = t1;
        } else if (t0 < h0 || t1 > h1) { /* the data left it: grow that side, with a margin */
            double margin = (t1 - t0) * RP_HOLD_MARGIN;
            if (t0 < h0) h0 = t0 - margin;
            if (t1 > h1) h1 = t1 + margin;
            /* ... unless the data would then fill under RP_HOLD_SHRINK of it: the next frame
             * would fit it, a second rescale in two frames. Fit now. */
            if ((t1 - t0) < RP_HOLD_SHRINK * (h1 - h0)) {
                h0 = t0;
                h1 = t1;
            }
        }
        /* newly held, it is the fit resolve gave over the same view */
        changed |= was && (h0 != pn->held0[axis] || h1 != pn->held1[axis]);
        pn->held[axis] = true;
        pn->held0[axis] = h0;
        pn->held1[axis] = h1;
    }
    return changed;
}

rp_status rp_figure_y_view(const rp_figure *figure, int panel, double *y0, double *y1)
{
    if (!panel_ok(figure, panel, "rp_figure_y_view")) return RP_ERR_INVALID_ARG;
    if (!y0 || !y1)
        return FAIL((rp_figure *)figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_y_view: y0 and y1 are required");
    double x0, x1;
    rp_status st = rp_figure_x_view(figure, &x0, &x1);
    if (st != RP_OK) return st;
    return rp_figure_resolve_y(figure, panel, x0, x1, y0, y1);
}

uint64_t rp_figure__image_version_base(rp_figure *figure)
{
    uint64_t serial = rp_handle_serial(figure, RP_HANDLE_FIGURE);
    return (serial << 40) | ((figure->images_made++ & 0xffff) << 24);
}
