/* layout.c — the geometry of one frame (see layout.h). No GL, no allocation.
 *
 * Vertical, top to bottom: padding, plot title, then per panel an optional header row (panel
 * title at the left of the plot, the y tick set's annotation such as "×1e-9" above the y tick
 * labels) and the plot area; panels are separated by a small gap and share the x axis, whose
 * tick labels sit under the bottom panel only; under them a row for the x axis title (centred)
 * and the x annotation (right-aligned: a date, an offset, "s before newest"...); padding. A view
 * panel (spectrum, trigger, XY) always has a header row (its state or peak line goes at its
 * right) and a band of its own under its plot for its own x axis (ticks, labels, its name).
 * Horizontal, left to right: padding, vertical y axis titles, the y tick label column (as wide
 * as the widest label of any panel, so all plots line up), tick marks, the plots, padding
 * (widened when the last x tick label would poke out of the viewport).
 * Legends: a compact box inside a corner of each panel's plot area (the one asked for, else the
 * one covering the least data, in a live view the newest data counting more: legend_corner), one
 * row per series (colour swatch + name), more columns when the rows do not fit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "figure/notes.h"

#include "axis/scale.h"

/* ---------------------------------------------------------------------------------------------
 * Defines: sizes in px at scale 1
 * ------------------------------------------------------------------------------------------- */
/* bytes of a head all of a legend's names share that is left out when they must be cut */
#define LEGEND_SHARED_MIN 6
#define PAD 14.0f                 /* around the figure */
#define TICK_LEN 5.0f             /* major tick marks, outward */
#define TICK_PAD 5.0f             /* tick mark to its label */
#define TITLE_GAP 10.0f           /* plot title to the first panel */
#define PANEL_GAP 16.0f           /* between the plot areas of neighbouring panels */
#define HEADER_GAP 6.0f           /* panel header's descent to its plot area */
#define AXIS_TITLE_GAP 6.0f       /* tick labels to the axis title */
#define X_LABEL_GAP 18.0f         /* at least this much free space between x tick labels */
#define NOTES_LABEL_MAX 60.0f     /* px at scale 1 a notes track's name may widen the margin to */
#define LEGEND_INSET 8.0f         /* legend box from the plot corner */
#define LEGEND_COMPACT_INSET 2.0f /* a plot too short for the legend box: one row, closer in */
#define LEGEND_COMPACT_PAD_Y 1.0f
#define LEGEND_PAD_X 8.0f
#define LEGEND_PAD_Y 5.0f
#define LEGEND_SWATCH 18.0f
#define LEGEND_SWATCH_GAP 6.0f
#define LEGEND_COL_GAP 14.0f
#define LEGEND_MIN_TEXT "Mmm\xe2\x80\xa6" /* a name is cut to no less than this wide */
#define CAP_HEIGHT 0.78f /* DejaVu Sans cap height / ascent: centres digits on a tick */

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static float px(float v, float scale) { return roundf(v * scale); }

static float text_width_cb(void *user, const char *text)
{
    return rp_font_text_width((const rp_font *)user, text);
}

static float text_w(const rp_font *font, const char *text)
{
    return text && text[0] ? rp_font_text_width(font, text) : 0.0f;
}

static float label_height(const rp_font *font)
{
    return ceilf(rp_font_ascent(font) + rp_font_descent(font));
}

static void y_ticks(rp_panel_layout *pl, const rp_layout_fonts *fonts);

/* A panel with an x axis of its own (not the shared time axis), drawn in a band under its plot. */
static bool own_x_axis(const rp_figure_panel *fp) { return fp->spectrum || fp->trigger || fp->xy; }

/* The right axis' ticks: the same request over its own view. */
static void y2_ticks(rp_panel_layout *pl, const rp_layout_fonts *fonts)
{
    memset(&pl->y2ticks, 0, sizeof pl->y2ticks);
    if (!pl->has_right) return;
    rp_panel_layout tmp = *pl;
    tmp.y0 = pl->y2_0;
    tmp.y1 = pl->y2_1;
    y_ticks(&tmp, fonts);
    pl->y2ticks = tmp.yticks;
}

static void y_ticks(rp_panel_layout *pl, const rp_layout_fonts *fonts)
{
    /* y labels are numbers: what must not overlap is the height of their digits (no descenders),
     * plus a gap. Passing the digit height rather than the line height lets short panels of a
     * stack keep three or more labels. */
    float digits = ceilf(rp_font_ascent(fonts->label) * CAP_HEIGHT) + px(2, fonts->scale);
    rp_tick_request req = {
        .lo = pl->y0,
        .hi = pl->y1,
        .axis_px = pl->plot.h,
        .vertical = true,
        .label_height = digits,
        .min_gap_px = digits,
        .text_width = text_width_cb,
        .user = (void *)fonts->label,
    };
    if (rp_ticks_scaled(&req, pl->y_scale, pl->y_threshold, &pl->yticks) <= 0)
        memset(&pl->yticks, 0, sizeof pl->yticks);
}

/* Heights of the notes panels (a row per track, log marker row and list line; 0 for the others);
 * returns how many panels share the rest. */
static int notes_heights(const rp_figure *figure, const rp_layout_fonts *fonts, float *h)
{
    int sharing = 0;
    for (int p = 0; p < figure->panel_count; p++) {
        const rp_notes_panel *np = figure->panels[p].notes;
        h[p] = np ? (float)rp_notes_panel_rows(np) * rp_layout_notes_row_h(fonts) : 0;
        sharing += np ? 0 : 1;
    }
    return sharing;
}

/* A notes panel's y labels name its rows: "log" for the marker row, then the tracks. */
static void notes_ticks(rp_panel_layout *pl, const rp_notes_panel *np)
{
    memset(&pl->yticks, 0, sizeof pl->yticks);
    int rows = rp_notes_panel_track_rows(np);
    const rp_notes *store = rp_notes_panel_store(np);
    for (int r = 0; r <= rows && r < RP_MAX_TICKS; r++) {
        rp_tick *tk = &pl->yticks.ticks[pl->yticks.count++];
        tk->value = pl->y1 - r - 0.5; /* row r from the top */
        tk->major = true;
        snprintf(tk->label, sizeof tk->label, "%s",
                 r == 0 ? "log" : rp_notes_track_name(store, r - 1));
    }
}

float rp_layout_notes_row_h(const rp_layout_fonts *fonts)
{
    return ceilf(label_height(fonts->label) + px(5, fonts->scale > 0 ? fonts->scale : 1.0f));
}

static void x_ticks(rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                    float axis_px)
{
    rp_tick_request req = {
        .lo = l->x0 - l->x_label_ref,
        .hi = l->x1 - l->x_label_ref,
        .axis_px = axis_px,
        .vertical = false,
        .label_height = label_height(fonts->label),
        .min_gap_px = px(X_LABEL_GAP, fonts->scale),
        .text_width = text_width_cb,
        .user = (void *)fonts->label,
    };
    int n;
    switch (figure->desc.x_axis) {
    case RP_X_AXIS_TIME: n = rp_ticks_time(&req, RP_TIME_RELATIVE, &l->xticks); break;
    case RP_X_AXIS_WALL_CLOCK:
        n = rp_ticks_time(&req,
                          figure->desc.wall_clock_local ? RP_TIME_WALL_LOCAL : RP_TIME_WALL_UTC,
                          &l->xticks);
        break;
    default: n = rp_ticks_numeric(&req, &l->xticks); break;
    }
    if (n <= 0) {
        memset(&l->xticks, 0, sizeof l->xticks);
        return;
    }
    for (int i = 0; i < l->xticks.count; i++) l->xticks.ticks[i].value += l->x_label_ref;
    /* Say which clock a wall-clock axis shows when it is UTC (local time needs no note). */
    if (figure->desc.x_axis == RP_X_AXIS_WALL_CLOCK && !figure->desc.wall_clock_local) {
        char *a = l->xticks.annotation;
        size_t len = strlen(a);
        if (len + 5 < sizeof l->xticks.annotation)
            memcpy(a + len, len ? " UTC" : "UTC", len ? 5 : 4);
    }
}

/* Where the widest x tick label overhangs the right limit (px; <= 0: fits). */
static float x_label_overhang(const rp_layout *l, const rp_layout_fonts *fonts, const rp_rect *plot,
                              float right_limit)
{
    float over = -1e9f;
    for (int i = 0; i < l->xticks.count; i++) {
        const rp_tick *t = &l->xticks.ticks[i];
        if (!t->major || !t->label[0]) continue;
        double x = rp_layout_x_px(l, plot, t->value);
        if (x < plot->x - 0.5 || x > plot->x + plot->w + 0.5) continue;
        float right = (float)x + 0.5f * rp_font_text_width(fonts->label, t->label);
        if (right - right_limit > over) over = right - right_limit;
    }
    return over;
}

static rp_rect corner_rect(const rp_panel_layout *pl, int corner, float w, float h, float inset)
{
    float x = corner == 0 || corner == 2 ? pl->plot.x + pl->plot.w - inset - w : pl->plot.x + inset;
    float y = corner <= 1 ? pl->plot.y + inset : pl->plot.y + pl->plot.h - inset - h;
    return (rp_rect){x, y, w, h};
}

/* The data y range [*lo, *hi] under the rows of `box` on one y axis (view y0..y1, the panel's
 * scale), and how far a flat line's thickness reaches in data units (*thick). */
static void box_y_range(const rp_panel_layout *pl, double y0, double y1, rp_rect box, double *lo,
                        double *hi, double *thick)
{
    const rp_rect *p = &pl->plot;
    double ys = (y1 - y0) / (double)p->h;
    *hi = y1 - ((double)box.y - p->y) * ys;
    *lo = *hi - (double)box.h * ys;
    *thick = 3.0 * ys; /* a line is a few px thick: a flat one under the box counts */
    if (pl->y_scale != RP_Y_LINEAR) { /* the box's y range through the scale */
        double u0 = rp_scale_forward(pl->y_scale, pl->y_threshold, y0);
        double u1 = rp_scale_forward(pl->y_scale, pl->y_threshold, y1),
               us = (u1 - u0) / (double)p->h;
        *hi = rp_scale_inverse(pl->y_scale, pl->y_threshold, u1 - ((double)box.y - p->y) * us);
        *lo = rp_scale_inverse(pl->y_scale, pl->y_threshold,
                               u1 - ((double)box.y + box.h - p->y) * us);
        *thick = 0;
    }
}

/* How much of the visible data would a legend box at `box` cover: per series, the part of the
 * box's height that the series' y range under the box spans, on the series' own y axis
 * (O(log N) per query). */
/* y range of a series' line over [x0, x1]: its samples there and the segments that cross the
 * range's ends from the samples just outside, so a legend box between two samples of sparse
 * data counts the line joining them (counting samples only, it sat on that line while a corner
 * stayed empty). False when nothing finite is drawn there. */
#define COVER_COLUMNS 32
static bool line_y_range(const rp_series *series, double x0, double x1, float *y_min, float *y_max)
{
    rp_m4 cols[COVER_COLUMNS + 2];
    rp_decimation d = {.out = cols, .out_capacity = COVER_COLUMNS + 2, .skip_extreme_index = true};
    if (rp_decimate(series, x0, x1, COVER_COLUMNS, &d) != RP_OK) return false;
    float lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < d.count; i++) {
        if (!(d.out[i].flags & RP_M4_FINITE)) continue;
        lo = fminf(lo, d.out[i].min);
        hi = fmaxf(hi, d.out[i].max);
    }
    /* the points either side of each end: (x, y) of the sample before, the first / last inside,
     * the sample after */
    double ax[2], ay[2], bx[2], by[2];
    bool have[2] = {false, false};
    if (d.has_before) {
        ax[0] = d.before.last_x;
        ay[0] = d.before.last;
        bx[0] = d.count ? d.out[0].first_x : d.after.first_x;
        by[0] = d.count ? d.out[0].first : d.after.first;
        have[0] = d.count || d.has_after;
    }
    if (d.has_after) {
        ax[1] = d.count ? d.out[d.count - 1].last_x : d.before.last_x;
        ay[1] = d.count ? d.out[d.count - 1].last : d.before.last;
        bx[1] = d.after.first_x;
        by[1] = d.after.first;
        have[1] = d.count || d.has_before;
    }
    for (int e = 0; e < 2; e++) {
        double x = e ? x1 : x0;
        if (!have[e] || !isfinite(ay[e]) || !isfinite(by[e]) || !(bx[e] > ax[e])) continue;
        float y = (float)(ay[e] + (by[e] - ay[e]) * (x - ax[e]) / (bx[e] - ax[e]));
        lo = fminf(lo, y);
        hi = fmaxf(hi, y);
    }
    if (!(hi >= lo)) return false;
    *y_min = lo;
    *y_max = hi;
    return true;
}

static double legend_cover(const rp_layout *l, const rp_panel_layout *pl, const rp_figure_panel *fp,
                           rp_rect box)
{
    const rp_rect *p = &pl->plot;
    double xs = (l->x1 - l->x0) / (double)p->w;
    double bx0 = l->x0 + ((double)box.x - p->x) * xs, bx1 = bx0 + (double)box.w * xs;
    double by0[2], by1[2], thick[2];
    box_y_range(pl, pl->y0, pl->y1, box, &by0[0], &by1[0], &thick[0]);
    if (pl->has_right) box_y_range(pl, pl->y2_0, pl->y2_1, box, &by0[1], &by1[1], &thick[1]);
    double cover = 0;
    for (int i = 0; i < fp->series_count; i++) {
        if (!fp->series[i].visible) continue;
        int a = fp->series[i].y_axis && pl->has_right ? 1 : 0;
        float mn, mx;
        if (!line_y_range(fp->series[i].series, bx0, bx1, &mn, &mx)) continue;
        double lo = fmax((double)mn - thick[a], by0[a]), hi = fmin((double)mx + thick[a], by1[a]);
        if (hi > lo) cover += (hi - lo) / (by1[a] - by0[a]);
    }
    return cover;
}

static bool rects_overlap(rp_rect a, rp_rect b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

const char *rp_layout_overlay_row(const rp_font *font, const char *p, float wrap_w, char *line,
                                  size_t size)
{
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    const char *next = e ? e + 1 : p + len;
    if (len >= size) { /* longer than a row can hold: the rest continues on the next row */
        len = size - 1;
        while (len > 0 && ((unsigned char)p[len] & 0xc0) == 0x80) len--; /* whole characters */
        next = p + len;
    }
    memcpy(line, p, len);
    line[len] = '\0';
    if (!(wrap_w > 0) || rp_font_text_width(font, line) <= wrap_w) return next;
    /* the longest prefix that fits, by bisection (its width grows with its length) */
    size_t lo = 0, hi = len; /* lo fits (0: nothing), hi does not */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        char kept = line[mid];
        line[mid] = '\0';
        bool fits = rp_font_text_width(font, line) <= wrap_w;
        line[mid] = kept;
        if (fits)
            lo = mid;
        else
            hi = mid;
    }
    size_t take = lo;
    while (take > 0 && ((unsigned char)line[take] & 0xc0) == 0x80) take--;
    size_t space = take;
    while (space > 0 && line[space] != ' ') space--;
    if (space > 0) take = space;                      /* break between words */
    while (take > 0 && line[take - 1] == ' ') take--; /* a row ends at its last word */
    if (take == 0) { /* not one character fits: take one anyway, to go on */
        take = 1;
        while (take < len && ((unsigned char)line[take] & 0xc0) == 0x80) take++;
    }
    line[take] = '\0';
    const char *rest = p + take;
    while (*rest == ' ') rest++;
    return rest;
}

/* The app's text box (HUD): '\n'-separated lines flowing down columns, in a band of its own
 * between the title and the first panel, so it never hides data. As many columns as the width
 * allows (the widest line sets the pitch) keep the band short; a line wider than the band wraps
 * at its words (one column then). Returns the band's height; the box's x is set once the plots'
 * left edge is known (overlay_place). */
static float overlay_measure(rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                             float avail_w)
{
    memset(&l->overlay, 0, sizeof l->overlay);
    l->overlay_rows = 0;
    if (!figure->overlay[0]) return 0; /* also with no panel yet: "waiting for device" shows */
    float s = fonts->scale;
    float la = rp_font_ascent(fonts->label), ld = rp_font_descent(fonts->label);
    l->overlay_row_h = ceilf(la + ld) + roundf(2 * s);
    l->overlay_pad = roundf(7 * s);
    float w = 0;
    int n = 0;
    char line[256];
    l->overlay_wrap_w = 0;
    for (const char *p = figure->overlay; *p; n++) {
        p = rp_layout_overlay_row(fonts->label, p, 0, line, sizeof line);
        w = fmaxf(w, rp_font_text_width(fonts->label, line));
    }
    float inner = floorf(avail_w - 2 * l->overlay_pad);
    if (w > inner && inner > 0) { /* wrap: one column as wide as the band */
        l->overlay_wrap_w = inner;
        w = 0;
        n = 0;
        for (const char *p = figure->overlay; *p; n++) {
            p = rp_layout_overlay_row(fonts->label, p, inner, line, sizeof line);
            w = fmaxf(w, rp_font_text_width(fonts->label, line));
        }
    }
    float gap = roundf(24 * s);
    l->overlay_col_w = ceilf(w) + gap;
    int cols = (int)floorf((avail_w - 2 * l->overlay_pad + gap) / l->overlay_col_w);
    cols = cols < 1 ? 1 : cols > n ? n : cols;
    l->overlay_rows = (n + cols - 1) / cols;
    cols = (n + l->overlay_rows - 1) / l->overlay_rows;
    l->overlay = (rp_rect){0, 0, ceilf((float)cols * l->overlay_col_w - gap + 2 * l->overlay_pad),
                           (float)l->overlay_rows * l->overlay_row_h + 2 * l->overlay_pad};
    return l->overlay.h + px(HEADER_GAP, s);
}

/* The unit every series of `axis` in the panel has ("" when none has one, or they differ). */
static void common_unit(const rp_figure_panel *fp, int axis, char *out)
{
    out[0] = '\0';
    for (int i = 0; i < fp->series_count; i++) {
        if (fp->series[i].y_axis != axis) continue;
        const char *u = rp_series_unit(fp->series[i].series);
        if (!u || !u[0] || (out[0] && strcmp(out, u))) {
            out[0] = '\0';
            return;
        }
        snprintf(out, RP_TEXT_MAX, "%s", u);
    }
}

/* The text of panel p's level-cursor line in the read-out table, with `a`, `b`, `d` for the two
 * levels and their difference ("levels imu:   y1 8.000   y2 12.00   Δy 4.000"): the layout
 * measures it with the widest cells, the renderer draws it with the values. */
void rp_layout_level_line(const rp_figure *figure, int p, const char *a, const char *b,
                          const char *d, char *out, size_t size)
{
    const rp_figure_panel *fp = &figure->panels[p];
    char name[RP_TEXT_MAX + 16];
    if (fp->title[0])
        snprintf(name, sizeof name, "%s", fp->title);
    else
        snprintf(name, sizeof name, "panel %d", p + 1);
    /* Level cursors are at left-axis values: say so where a right axis reads otherwise. */
    bool right = false;
    for (int i = 0; i < fp->series_count; i++) right |= fp->series[i].y_axis == 1;
    snprintf(out, size, "levels %s%s:   y1 %s   y2 %s   Δy %s", name, right ? " (left axis)" : "",
             a, b, d);
}

/* The width of the read-out table's label column and table_per_line value columns. */
static float table_columns_w(const rp_layout *l)
{
    return 2 * l->table_pad + l->table_label_w + (float)l->table_per_line * l->table_col_w;
}

/* The read-out table (see layout.h): sizes its columns from the widest value a column can show
 * and reserves its band's height, at most max_h (its fair share: see rp_layout_compute). Lines
 * that do not fit are dropped from the end, and the last line says how many rows were
 * (table_more). Returns the band's height with its gap. */
static float table_measure(rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                           float avail_w, float max_h, float hard_max_h)
{
    memset(&l->table, 0, sizeof l->table);
    l->table_rows = l->table_wanted = l->table_levels = 0;
    l->table_more = false;
    l->table_cursor_cols = figure->cursor_on[0] && figure->cursor_on[1]   ? 3
                           : figure->cursor_on[0] || figure->cursor_on[1] ? 1
                                                                          : 0;
    l->table_stat_cols = figure->stats_on ? RP_LAYOUT_STAT_COLS : 0;
    l->table_cursor_line = l->table_cursor_cols > 0;
    int cols = l->table_cursor_cols + l->table_stat_cols;
    int series = 0, levels = 0;
    for (int p = 0; p < figure->panel_count; p++) {
        const rp_figure_panel *fp = &figure->panels[p];
        levels += fp->level_on[0] || fp->level_on[1];
        if (cols)
            for (int i = 0; i < fp->series_count; i++) series += fp->series[i].visible;
    }
    if (!cols && !levels) return 0;
    float s = fonts->scale;
    float la = rp_font_ascent(fonts->label), ld = rp_font_descent(fonts->label);
    l->table_row_h = ceilf(la + ld) + roundf(2 * s);
    l->table_pad = roundf(6 * s);
    float label_w = 0;
    for (int p = 0; p < figure->panel_count && cols; p++)
        for (int i = 0; i < figure->panels[p].series_count; i++)
            label_w =
                fmaxf(label_w, rp_font_text_width(fonts->label, figure->panels[p].series[i].label));
    /* the swatch and its gap (16 px, as drawn), the name, 6 px to spare and the 8 px kept clear
     * of the first column (the renderer clips the name there); the titles' "(visible range)" */
    l->table_label_w = ceilf(fminf(label_w, roundf(160 * s))) + roundf(16 * s) + roundf(14 * s);
    if (l->table_stat_cols)
        l->table_label_w =
            fmaxf(l->table_label_w,
                  ceilf(rp_font_text_width(fonts->label, "(visible range)")) + roundf(14 * s));
    /* a cell is at most RP_CELL_CHARS characters (rp_format_cell), none wider than a digit */
    l->table_col_w = ceilf(rp_font_text_width(fonts->label, RP_CELL_WIDEST)) + roundf(10 * s);
    int per_line = (int)floorf((avail_w - 2 * l->table_pad - l->table_label_w) / l->table_col_w);
    per_line = per_line < 1 ? 1 : per_line > cols ? cols : per_line;
    l->table_cols = cols;
    l->table_per_line = cols ? per_line : 0;
    l->table_lines = cols ? (cols + per_line - 1) / per_line : 0;
    float want_w = 0;           /* the widest line of text across the columns */
    if (l->table_cursor_line) { /* the A / B / dt line, values of RP_CELL_CHARS 6 blanks
                                   apart as drawn, fits: its "1/dt ... Hz" was cut off */
        bool wall = figure->desc.x_axis == RP_X_AXIS_WALL_CLOCK; /* dates: longer */
        const char *widest =
            l->table_cursor_cols == 3
                ? (wall ? "A 8888-88-88 88:88:88.888      B 8888-88-88 88:88:88.888      "
                          "\u0394t " RP_CELL_WIDEST " s (-8888 d)      1/\u0394t " RP_CELL_WIDEST
                          " Hz"
                        : "A " RP_CELL_WIDEST " s      B " RP_CELL_WIDEST
                          " s      \u0394t " RP_CELL_WIDEST " s      1/\u0394t " RP_CELL_WIDEST
                          " Hz")
            : wall ? "A 8888-88-88 88:88:88.888"
                   : "A " RP_CELL_WIDEST " s";
        want_w = fmaxf(want_w, 2 * l->table_pad + ceilf(rp_font_text_width(fonts->label, widest)));
    }
    for (int p = 0; p < figure->panel_count; p++) { /* a level line runs across the columns */
        if (!figure->panels[p].level_on[0] && !figure->panels[p].level_on[1]) continue;
        char line[RP_TEXT_MAX + 96];
        rp_layout_level_line(figure, p, RP_CELL_WIDEST, RP_CELL_WIDEST, RP_CELL_WIDEST, line,
                             sizeof line);
        want_w = fmaxf(want_w, 2 * l->table_pad + ceilf(rp_font_text_width(fonts->label, line)));
    }
    l->table_text_w = want_w;
    if (cols) want_w = fmaxf(want_w, table_columns_w(l));
    int lines_wanted =
        (l->table_cursor_line ? 1 : 0) + levels + (series > 0 ? l->table_lines * (1 + series) : 0);
    int lines_fit = (int)floorf((max_h - px(HEADER_GAP, s) - 2 * l->table_pad) / l->table_row_h);
    l->table_wanted = levels + series;
    l->table_levels = levels;
    l->table_rows = lines_wanted;
    if (lines_wanted > lines_fit) { /* whole rows only, then "+N more"; no line left empty */
        int head = (l->table_cursor_line ? 1 : 0) + levels, room = lines_fit - 1;
        int rows = series > 0 && l->table_lines > 0 ? (room - head) / l->table_lines - 1 : 0;
        l->table_rows = rows >= 1     ? head + l->table_lines * (1 + rows) + 1
                        : head < room ? head + 1
                                      : room + 1;
        /* however short the window: the cursor line and the "+N more" line */
        if (l->table_rows < 2) l->table_rows = 2;
    }
    l->table_more = l->table_rows < lines_wanted;
    /* not even the two lines beside plots of RP_LAYOUT_SLIVER_H: no table rather than one drawn
     * over the panels' titles and the time labels (a 200 x 150 window) */
    if ((float)l->table_rows * l->table_row_h + 2 * l->table_pad + px(HEADER_GAP, s) > hard_max_h)
        l->table_rows = 0;
    if (l->table_rows < 1) return 0;
    l->table = (rp_rect){0, 0, fminf(ceilf(want_w), avail_w),
                         (float)l->table_rows * l->table_row_h + 2 * l->table_pad};
    return l->table.h + px(HEADER_GAP, s);
}

/* Series of the panel with data in the view, hidden ones too (a legend chosen before any data
 * came would otherwise stay where the data arrives; hiding a series by its entry must not move
 * the legend from under the pointer). */
static int series_in_view(const rp_layout *l, const rp_figure_panel *fp)
{
    int n = 0;
    for (int i = 0; i < fp->series_count; i++) {
        float mn, mx;
        bool found = false;
        n +=
            rp_series_view_y_range(fp->series[i].series, l->x0, l->x1, &mn, &mx, &found) == RP_OK &&
            found;
    }
    return n;
}

/* A live view: a time panel of a figure that follows, whose newest samples come in at the right
 * edge of the plot and scroll left (view panels and notes panels have no such edge). */
static bool live_panel(const rp_figure *figure, const rp_figure_panel *fp)
{
    return figure->follow && !own_x_axis(fp) && !fp->notes;
}

/* What a corner of a live view costs: what it covers, and a right corner more. The right corners
 * sit on the newest samples, the ones a user watching a live signal looks at, and since the
 * corner is kept while the data scrolls, every later sample passes through their columns (and
 * through the inset between the box and the plot's edge, counted with them: a view whose data
 * has just begun is only a sliver there). A left corner only hides data on its way out of the
 * view. So a right corner's cover counts LIVE_NEWEST_WEIGHT times, plus LIVE_RIGHT_MARGIN: a left
 * corner whose data spans under half the box's height is free enough to win over an empty
 * right one, and a right corner is taken only when both left ones are clearly fuller. */
#define LIVE_NEWEST_WEIGHT 2.0
#define LIVE_RIGHT_MARGIN 0.5
static double live_corner_cost(const rp_layout *l, const rp_panel_layout *pl,
                               const rp_figure_panel *fp, int corner, rp_rect box)
{
    if (corner == 1 || corner == 3) return legend_cover(l, pl, fp, box);
    box.w = pl->plot.x + pl->plot.w - box.x; /* to the plot's right edge */
    return LIVE_NEWEST_WEIGHT * legend_cover(l, pl, fp, box) + LIVE_RIGHT_MARGIN;
}

/* The corner for the legend: the one the user chose; else, once per layout (viewport, panels,
 * legend box size, series count, series with data in view, x span within a factor of 2, the
 * place asked for, rp_figure_refit calls, live or not), the one that covers the least data in the order top-right,
 * top-left, bottom-right, bottom-left, in a live view the least by live_corner_cost (a left one
 * unless both are clearly fuller). While the layout stays the same as in the previous frame of
 * the same drawer the corner stays, however the data scrolls: a legend that hops away from the
 * pointer cannot be clicked. */
static int legend_corner(const rp_layout *l, rp_panel_layout *pl, const rp_figure *figure,
                         const rp_figure_panel *fp, const rp_drawn_panel *previous, float w,
                         float h, float inset)
{
    bool live = live_panel(figure, fp);
    pl->legend_key[0] = (float)l->width;
    pl->legend_key[1] = (float)l->height;
    pl->legend_key[2] = w;
    pl->legend_key[3] = h;
    pl->legend_key[4] = (float)(fp->series_count + 64 * figure->panel_count);
    /* The x span by octaves: a zoom is a new layout, a pan or a following view is not; a view
     * that grows with the data (span 0) settles as the data does. */
    pl->legend_key[5] = (float)floor(log2(l->x1 - l->x0));
    pl->legend_key[6] = (float)fp->legend_place; /* back to AUTO: chosen afresh */
    pl->legend_key[7] = (float)series_in_view(l, fp);
    pl->legend_key[8] = (float)(figure->refits & 0xffffu); /* rp_figure_refit: chosen afresh */
    /* Going live is a new layout (the view jumps to the newest data; the corner is chosen again
     * by the live rule). Leaving live alone is not: a view paused (space) or dragged to look
     * closer keeps its legend where the user saw it, often reaching for it; only a zoom or a
     * resize after that chooses again, by the rule for a still view. */
    const int live_at = RP_LAYOUT_LEGEND_KEY - 1; /* the last: the rest is compared first */
    pl->legend_key[live_at] = live ? 1.0f : 0.0f;
    if (!live && previous &&
        !memcmp(pl->legend_key, previous->legend_key, (size_t)live_at * sizeof pl->legend_key[0]))
        pl->legend_key[live_at] = previous->legend_key[live_at];
    if (fp->legend_place >= RP_LEGEND_TOP_RIGHT && fp->legend_place <= RP_LEGEND_BOTTOM_LEFT)
        return (int)fp->legend_place - 1;
    if (previous && !memcmp(pl->legend_key, previous->legend_key, sizeof pl->legend_key) &&
        previous->legend_corner >= 0 && previous->legend_corner < 4)
        return previous->legend_corner;
    double cost[4];
    int best = 0;
    for (int c = 0; c < 4; c++) {
        rp_rect box = corner_rect(pl, c, w, h, inset);
        cost[c] = live ? live_corner_cost(l, pl, fp, c, box) : legend_cover(l, pl, fp, box);
        if (rects_overlap(box, l->overlay)) /* never under the app's text box */
            cost[c] += 1e6;
        if (cost[c] < cost[best] - 1e-9) best = c;
    }
    return best;
}

static void legend(const rp_layout *l, rp_panel_layout *pl, const rp_figure_panel *fp,
                   const rp_figure *figure, const rp_layout_fonts *fonts,
                   const rp_drawn_panel *previous)
{
    float s = fonts->scale;
    memset(&pl->legend, 0, sizeof pl->legend);
    pl->legend_corner = previous ? previous->legend_corner : 0;
    if (previous)
        memcpy(pl->legend_key, previous->legend_key, sizeof pl->legend_key);
    else
        memset(pl->legend_key, 0, sizeof pl->legend_key);
    for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++) pl->entries[i].shown = false;
    pl->legend_more = 0;
    pl->legend_compact = false;
    int n = fp->series_count;
    if (figure->desc.hide_legend || n <= 0) return;
    float la = rp_font_ascent(fonts->label);
    float row_h = label_height(fonts->label) + px(3, s);
    float inset = px(LEGEND_INSET, s), pad_x = px(LEGEND_PAD_X, s), pad_y = px(LEGEND_PAD_Y, s);
    float swatch = px(LEGEND_SWATCH, s), swatch_gap = px(LEGEND_SWATCH_GAP, s);
    float col_gap = px(LEGEND_COL_GAP, s);
    float label_w = 0;
    for (int i = 0; i < n; i++)
        label_w = fmaxf(
            label_w, text_w(fonts->label, fp->series[i].label) +
                         (fp->series[i].y_axis ? text_w(fonts->label, RP_LAYOUT_RIGHT_MARK) : 0));
    float entry_w = ceilf(swatch + swatch_gap + label_w);

    int max_rows = (int)floorf((pl->plot.h - 2 * inset - 2 * pad_y) / row_h);
    if (max_rows < 1) { /* a short plot: the compact form, one row hugging the corner (without a
                           legend a small window could not tell series apart, nor show a hidden
                           one again with a click) */
        pl->legend_compact = true;
        inset = px(LEGEND_COMPACT_INSET, s);
        pad_y = px(LEGEND_COMPACT_PAD_Y, s);
        row_h = label_height(fonts->label) + px(1, s);
        max_rows = (int)floorf((pl->plot.h - 2 * inset - 2 * pad_y) / row_h);
        if (max_rows < 1) { /* a plot a line of text high: the row against its edge, unpadded */
            inset = pad_y = 0;
            row_h = label_height(fonts->label);
            max_rows = (int)floorf(pl->plot.h / row_h);
        }
    }
    if (max_rows < 1) return; /* the plot is shorter than a line of text */
    /* Too narrow or too short for every whole name: the names cut with "…" (to no fewer than
     * LEGEND_MIN_CHARS characters) so that every entry fits; else entries of that width and the
     * last place counting the rest ("+N more"); with one place only, one entry with the count
     * after it on its row. A legend is left out only when not even that fits. */
    float room = pl->plot.w - 2 * inset - 2 * pad_x; /* for the entries and the gaps between */
    float min_label = fminf(label_w, text_w(fonts->label, LEGEND_MIN_TEXT));
    float label_cut = label_w; /* the width names are cut to */
    bool inline_more = false;
    char more[24];
    snprintf(more, sizeof more, "+%d more", n);
    float more_w = ceilf(text_w(fonts->label, more));
    int max_cols = (int)floorf((room + col_gap) / (entry_w + col_gap));
    if (max_rows * max_cols < n && !pl->legend_compact) { /* not all fit: the tighter form's rows */
        float c_inset = px(LEGEND_COMPACT_INSET, s), c_pad = px(LEGEND_COMPACT_PAD_Y, s);
        float c_row = label_height(fonts->label) + px(1, s);
        int c_rows = (int)floorf((pl->plot.h - 2 * c_inset - 2 * c_pad) / c_row);
        if (c_rows > max_rows) {
            pl->legend_compact = true;
            inset = c_inset;
            pad_y = c_pad;
            row_h = c_row;
            max_rows = c_rows;
            room = pl->plot.w - 2 * inset - 2 * pad_x;
            max_cols = (int)floorf((room + col_gap) / (entry_w + col_gap));
        }
    }
    if (max_rows * max_cols < n) {
        int cols_all = (n + max_rows - 1) / max_rows;
        float fit = floorf((room + col_gap) / (float)cols_all - col_gap - swatch - swatch_gap);
        if (fit >= min_label) { /* every entry, the names cut */
            label_cut = fit;
            entry_w = swatch + swatch_gap + fit;
            max_cols = cols_all;
        } else { /* the shortest names, and a place for the count */
            label_cut = min_label;
            entry_w = fmaxf(ceilf(swatch + swatch_gap + min_label), more_w);
            max_cols = (int)floorf((room + col_gap) / (entry_w + col_gap));
            if (max_cols * max_rows < 2) { /* one place: an entry and the count on its row */
                float one = floorf(room - col_gap - more_w - swatch - swatch_gap);
                if (one < min_label) return; /* not even that: no legend */
                label_cut = fminf(one, label_w);
                entry_w = ceilf(swatch + swatch_gap + label_cut);
                max_cols = 1;
                inline_more = true;
            }
        }
    }
    if (max_cols < 1) return;
    int cols = (n + max_rows - 1) / max_rows;
    if (cols > max_cols) cols = max_cols;
    int rows = (n + cols - 1) / cols;
    if (rows > max_rows) rows = max_rows;
    int shown = inline_more ? 1 : rows * cols < n ? rows * cols - 1 : n;
    if (shown < 1) return;

    float box_w = 2 * pad_x + (float)cols * entry_w + (float)(cols - 1) * col_gap +
                  (inline_more ? col_gap + more_w : 0);
    float box_h = 2 * pad_y + (float)rows * row_h;
    pl->legend_corner = legend_corner(l, pl, figure, fp, previous, box_w, box_h, inset);
    pl->legend = corner_rect(pl, pl->legend_corner, box_w, box_h, inset);
    float cap = roundf(la * CAP_HEIGHT);
    /* the head every shown name shares (a whole UTF-8 character at its end, a character at least
     * left of the shortest name): when names must be cut, it goes first */
    size_t shared = 0;
    if (shown >= 2) {
        const char *first = fp->series[0].label;
        shared = strlen(first);
        for (int k = 1; k < shown; k++) {
            const char *o = fp->series[k].label;
            size_t m = 0;
            while (m < shared && first[m] && first[m] == o[m]) m++;
            shared = m;
            if (strlen(o) <= shared) shared = strlen(o) > 0 ? strlen(o) - 1 : 0;
        }
        while (shared > 0 && ((unsigned char)first[shared] & 0xc0) == 0x80) shared--;
    }
    for (int k = 0; k < shown; k++) {
        int col = k / rows, row = k % rows;
        rp_legend_entry *e = &pl->entries[k];
        float ex = pl->legend.x + pad_x + (float)col * (entry_w + col_gap);
        float ey = pl->legend.y + pad_y + (float)row * row_h;
        e->rect = (rp_rect){ex - pad_x * 0.5f, ey, entry_w + pad_x, row_h};
        e->swatch_x = ex;
        e->swatch_y = roundf(ey + row_h * 0.5f);
        e->text_x = ex + swatch + swatch_gap;
        e->baseline = roundf(ey + row_h * 0.5f + cap * 0.5f);
        e->shown = true;
        e->cut = 0;
        e->skip = 0;
        const rp_figure_series *fs = &fp->series[k];
        float whole = text_w(fonts->label, fs->label) +
                      (fs->y_axis ? text_w(fonts->label, RP_LAYOUT_RIGHT_MARK) : 0);
        if (whole > label_cut + 0.5f && shared >= LEGEND_SHARED_MIN) {
            /* names that differ past a long shared head ("very_long_channel_name_number_00_",
             * "…_01_"): cut at their ends they all read alike; the head goes first */
            char t[RP_TEXT_MAX + 8];
            snprintf(t, sizeof t, "\xe2\x80\xa6%s", fs->label + shared);
            size_t rest = strlen(fs->label + shared);
            bool fits = rp_layout_fit_text(fonts->label, t, sizeof t, label_cut);
            size_t len = strlen(t);
            bool cut = len - 3 < rest; /* then "…" + c bytes + "…": a character at least */
            if (fits && len > 3 && (!cut || len > 6)) {
                e->skip = (int)shared;
                e->cut = cut ? (int)len - 6 : 0;
                continue;
            }
        }
        if (whole > label_cut + 0.5f) { /* cut with "…" (the " (right)" mark goes first) */
            char t[RP_TEXT_MAX + 4];
            snprintf(t, sizeof t, "%s", fs->label);
            if (rp_layout_fit_text(fonts->label, t, sizeof t, label_cut) &&
                strlen(t) < strlen(fs->label))
                e->cut = (int)strlen(t) - 3; /* the bytes before the 3 of "…" */
            else if (!strcmp(t, fs->label))
                e->cut = -1; /* the name whole, without the mark */
        }
    }
    if (shown < n) {
        int col = shown / rows, row = shown % rows;
        pl->legend_more = n - shown;
        pl->legend_more_x = pl->legend.x + pad_x + (float)col * (entry_w + col_gap);
        if (inline_more) {
            row = 0;
            pl->legend_more_x = pl->legend.x + pad_x + entry_w + col_gap;
        }
        pl->legend_more_baseline =
            roundf(pl->legend.y + pad_y + (float)row * row_h + row_h * 0.5f + cap * 0.5f);
    }
}

/* The free stretches of [left, right] between obstacles (x intervals in any order, at most 3),
 * `gap` away from each; returns how many (into seg, at most 4). */
static int free_stretches(float (*ob)[2], int n, float left, float right, float gap,
                          float (*seg)[2])
{
    for (int i = 1; i < n; i++) /* by their left ends */
        for (int j = i; j > 0 && ob[j][0] < ob[j - 1][0]; j--) {
            float t0 = ob[j][0], t1 = ob[j][1];
            ob[j][0] = ob[j - 1][0];
            ob[j][1] = ob[j - 1][1];
            ob[j - 1][0] = t0;
            ob[j - 1][1] = t1;
        }
    int k = 0;
    float at = left;
    for (int i = 0; i <= n; i++) {
        float end = i < n ? fminf(ob[i][0] - gap, right) : right;
        if (end > at) {
            seg[k][0] = at;
            seg[k][1] = end;
            k++;
        }
        if (i < n) at = fmaxf(at, ob[i][1] + gap);
    }
    return k;
}

/* The stretch for a box w wide: the rightmost it fits in, else (fit false) the widest; -1: none. */
static int stretch_for(float (*seg)[2], int n, float w, bool *fit)
{
    int widest = -1;
    for (int i = n - 1; i >= 0; i--) {
        if (seg[i][1] - seg[i][0] >= w) {
            *fit = true;
            return i;
        }
        if (widest < 0 || seg[i][1] - seg[i][0] > seg[widest][1] - seg[widest][0]) widest = i;
    }
    *fit = false;
    return widest;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_rect rp_layout_cursor_tag(const rp_layout *l, const rp_figure *figure,
                             const rp_layout_fonts *fonts, int k)
{
    int first = 0;
    while (first < l->panel_count && own_x_axis(&figure->panels[first])) first++;
    float x = k >= 0 && k < 2 ? l->cursor_px[k] : NAN;
    if (first >= l->panel_count || !isfinite(x)) return (rp_rect){0, 0, 0, 0};
    float s = l->scale, la = rp_font_ascent(fonts->label);
    float w = rp_font_text_width(fonts->label, k == 0 ? "A" : "B") + roundf(6 * s);
    float h = roundf(la + 2 * s);
    rp_rect tag = {roundf(x - 0.5f * w), l->panels[first].plot.y - h, w, h};
    /* Cursors closer than their tags are wide: the tags side by side, touching at the middle
     * between the cursors, each on its cursor's side (centred on its cursor they overlapped, and
     * only "/B" could be read). */
    float other = l->cursor_px[1 - k];
    if (isfinite(other)) {
        float wo = rp_font_text_width(fonts->label, k == 0 ? "B" : "A") + roundf(6 * s);
        float gap = roundf(2 * s), need = 0.5f * (w + wo) + gap;
        if (fabsf(x - other) < need) {
            float mid = roundf(0.5f * (x + other));
            bool left = x < other || (x == other && k == 0); /* A left of B when they coincide */
            tag.x = left ? mid - roundf(0.5f * gap) - w : mid + (gap - roundf(0.5f * gap));
        }
    }
    return tag;
}

void rp_layout_status(const rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                      rp_status_place *out)
{
    memset(out, 0, sizeof *out);
    if ((!figure->badge[0] && !figure->message[0]) || l->panel_count <= 0) return;
    float s = l->scale, la = rp_font_ascent(fonts->label), pad = roundf(4 * s);
    float h = roundf(la + 4 * s), text_pad = roundf(5 * s);
    const rp_panel_layout *pl = &l->panels[0];
    float top = pl->plot.y + pad; /* the boxes' top */
    float left = pl->plot.x + pad;
    float ob[3][2];
    int n = 0;
    for (int p = 0; p < l->panel_count; p++)
        if (!own_x_axis(&figure->panels[p]) && l->panels[p].has_header) {
            pl = &l->panels[p];
            top = pl->plot.y - h - roundf(1 * s);
            left = pl->plot.x; /* after the panel's title */
            if (figure->panels[p].title[0])
                left += ceilf(rp_font_text_width(fonts->label_bold, figure->panels[p].title)) +
                        roundf(12 * s);
            for (int k = 0; k < 2; k++) { /* the cursors' tags share the row */
                rp_rect tag = rp_layout_cursor_tag(l, figure, fonts, k);
                if (tag.w > 0 && tag.y < top + h && tag.y + tag.h > top) {
                    ob[n][0] = tag.x;
                    ob[n][1] = tag.x + tag.w;
                    n++;
                }
            }
            break;
        }
    float right = pl->plot.x + pl->plot.w - (top > pl->plot.y ? pad : 0);
    out->baseline = roundf(top + 2 * s + la);
    float seg[4][2];
    bool fit;
    if (figure->badge[0]) {
        float w = ceilf(rp_font_text_width(fonts->label, figure->badge)) + 2 * text_pad;
        int k = stretch_for(seg, free_stretches(ob, n, left, right, pad, seg), w, &fit);
        float x = k >= 0 && fit ? seg[k][1] - w : right - w; /* no room: at the right anyway */
        out->badge = (rp_rect){roundf(x), top, w, h};
        ob[n][0] = out->badge.x;
        ob[n][1] = out->badge.x + w;
        n++;
    }
    if (!figure->message[0]) return;
    snprintf(out->message_text, sizeof out->message_text, "%s", figure->message);
    float w = ceilf(rp_font_text_width(fonts->label, out->message_text)) + 2 * text_pad;
    int k = stretch_for(seg, free_stretches(ob, n, left, right, pad, seg), w, &fit);
    if (k < 0) return;
    if (!fit) { /* shortened to the widest stretch: whole characters, then "…" */
        float room = seg[k][1] - seg[k][0] - 2 * text_pad;
        char *t = out->message_text;
        if (!rp_layout_fit_text(fonts->label, t, sizeof out->message_text, room))
            return; /* not a character fits: no message in the window (stderr has it) */
        w = ceilf(rp_font_text_width(fonts->label, t)) + 2 * text_pad;
    }
    out->message = (rp_rect){roundf(seg[k][1] - w), top, w, h};
}

void rp_layout_legend_text(const rp_legend_entry *e, const char *label, char *out, size_t size)
{
    const char *from = label + (e->skip > 0 ? e->skip : 0);
    const char *lead = e->skip > 0 ? "\xe2\x80\xa6" : "";
    if (e->cut > 0)
        snprintf(out, size, "%s%.*s\xe2\x80\xa6", lead, e->cut, from);
    else
        snprintf(out, size, "%s%s", lead, from);
}

bool rp_layout_fit_text(const rp_font *font, char *t, size_t size, float room)
{
    size_t len = strlen(t);
    if (len + 1 > size) len = size - 1;
    t[len] = '\0';
    if (rp_font_text_width(font, t) <= room) return true;
    while (len > 0) {
        do len--;
        while (len > 0 && ((unsigned char)t[len] & 0xc0) == 0x80);
        while (len > 0 && t[len - 1] == ' ') len--;
        if (len + 4 > size) continue; /* no room for the mark yet */
        memcpy(t + len, "\xe2\x80\xa6", 4);
        if (len > 0 && rp_font_text_width(font, t) <= room) return true;
    }
    t[0] = '\0';
    return false;
}

bool rp_layout_fit_text_tail(const rp_font *font, char *t, size_t size, float room)
{
    size_t len = strlen(t);
    if (len + 1 > size) t[len = size - 1] = '\0';
    if (rp_font_text_width(font, t) <= room) return true;
    char buf[256];
    size_t from = 0;
    while (from < len) {
        do from++;
        while (from < len && ((unsigned char)t[from] & 0xc0) == 0x80);
        if (len - from + 4 > size || len - from + 4 > sizeof buf) continue;
        memcpy(buf, "\xe2\x80\xa6", 3);
        memcpy(buf + 3, t + from, len - from + 1);
        if (from < len && rp_font_text_width(font, buf) <= room) {
            memcpy(t, buf, len - from + 4);
            return true;
        }
    }
    t[0] = '\0';
    return false;
}

double rp_layout_y_px(const rp_panel_layout *panel, double y)
{
    const rp_rect *p = &panel->plot;
    if (panel->y_scale != RP_Y_LINEAR) {
        double u0 = rp_scale_forward(panel->y_scale, panel->y_threshold, panel->y0);
        double u1 = rp_scale_forward(panel->y_scale, panel->y_threshold, panel->y1);
        double u = rp_scale_forward(panel->y_scale, panel->y_threshold, y);
        if (isinf(u)) return u > 0 ? (double)p->y : (double)p->y + (double)p->h;
        return (double)p->y + (double)p->h - (u - u0) * (double)p->h / (u1 - u0);
    }
    return (double)p->y + (double)p->h - (y - panel->y0) * (double)p->h / (panel->y1 - panel->y0);
}

double rp_layout_y2_px(const rp_panel_layout *panel, double y)
{
    rp_panel_layout tmp = *panel;
    tmp.y0 = panel->y2_0;
    tmp.y1 = panel->y2_1;
    return rp_layout_y_px(&tmp, y);
}

double rp_layout_x_px(const rp_layout *layout, const rp_rect *plot, double x)
{
    return (double)plot->x + (x - layout->x0) * (double)plot->w / (layout->x1 - layout->x0);
}

void rp_layout_compute(rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                       int width, int height, double x0, double x1, double newest_x,
                       const double *y0, const double *y1, const rp_drawn_frame *previous)
{
    float s = fonts->scale > 0 ? fonts->scale : 1.0f;
    float w = (float)width, h = (float)height;
    l->width = width;
    l->height = height;
    l->scale = s;
    l->x0 = x0;
    l->x1 = x1;
    l->panel_count = figure->panel_count;
    l->line_px = fmaxf(1.0f, roundf(s));
    l->tick_len = px(TICK_LEN, s);

    /* Relative time: seconds before the newest sample (frozen while the view is fixed). The
     * same origin places the time cursors, on every kind of x axis, and times the read-outs. A
     * live view's axis labels count from its end instead: the renderer snaps that up to the
     * column grid (less than a column past the newest sample), so the ticks and grid lines
     * stand still on screen while the data scrolls under them. */
    double ref = x1, label_ref = x1;
    if (figure->origin_fixed) {
        ref = label_ref = figure->origin_x; /* rp_figure_set_time_origin: a file's zero */
    } else if (!figure->follow) {
        if (figure->time_ref_valid)
            ref = figure->time_ref;
        else if (!rp_figure_newest_x(figure, &ref))
            ref = x1;
        label_ref = ref;
    } else if (isfinite(newest_x) && newest_x <= x1) {
        ref = newest_x;
    }
    l->origin = ref;
    l->x_label_ref = figure->desc.x_axis == RP_X_AXIS_TIME ? label_ref : 0;
    for (int c = 0; c < 2; c++) {
        l->cursor_on[c] = figure->cursor_on[c];
        l->cursor_x[c] = ref + figure->cursor_offset[c];
        l->cursor_px[c] = NAN;
    }

    float pad = px(PAD, s), tick_pad = px(TICK_PAD, s);
    float la = rp_font_ascent(fonts->label), ld = rp_font_descent(fonts->label);
    float lh = label_height(fonts->label);
    float ba = rp_font_ascent(fonts->label_bold), bd = rp_font_descent(fonts->label_bold);
    float ta = rp_font_ascent(fonts->title), td = rp_font_descent(fonts->title);

    /* Plot title. */
    float top = pad;
    l->has_title = figure->title[0] != '\0';
    if (l->has_title) {
        l->title_baseline = roundf(top + ta);
        top += ceilf(ta + td) + px(TITLE_GAP, s);
    }

    /* The HUD's band (its columns measured against the width the plots will roughly have). */
    float overlay_top = top;
    top += overlay_measure(l, figure, fonts, w - 2 * pad - px(60, s));

    /* The replay's timeline under everything: a bar with room to grab it. */
    float timeline_h = figure->timeline_on ? px(8, s) : 0;
    l->timeline = (rp_rect){0, 0, 0, timeline_h};
    float bottom_reserved = timeline_h > 0 ? timeline_h + px(10, s) : 0;

    /* Provisional x ticks (their annotation decides whether a row under the labels is needed). */
    x_ticks(l, figure, fonts, w - 2 * pad - px(60, s));
    l->has_x_title_row = figure->x_label[0] != '\0' || l->xticks.annotation[0] != '\0';
    float x_labels_h = l->tick_len + tick_pad + lh; /* the time labels (and title) band */
    if (l->has_x_title_row) x_labels_h += lh + px(AXIS_TITLE_GAP, s);
    /* The time labels go under the last time panel: panels with their own x axis (spectrum,
     * trigger, XY) below it come after the band. */
    l->x_axis_panel = figure->panel_count - 1;
    while (l->x_axis_panel >= 0 && own_x_axis(&figure->panels[l->x_axis_panel]))
        l->x_axis_panel--; /* -1: no time panel, no time labels */

    /* Panels: equal plot heights; a header row where there is a title or a y annotation (a view
     * panel always has one: its state or peak line goes there, right-aligned); under a view
     * panel a band of its own for its x axis' ticks, labels and name. */
    int n = figure->panel_count;
    float gap = px(PANEL_GAP, s);
    float header_h = ceilf(ba + bd) + px(HEADER_GAP, s);
    float own_axis_h = l->tick_len + tick_pad + lh;
    bool header[RP_MAX_PANELS];
    float axis_h[RP_MAX_PANELS];  /* the view panel's own x axis band (0: time panel) */
    for (int p = 0; p < n; p++) { /* a title, or a right axis unit to show above its labels */
        char unit[RP_TEXT_MAX];
        common_unit(&figure->panels[p], 1, unit);
        bool own = own_x_axis(&figure->panels[p]);
        header[p] = figure->panels[p].title[0] != '\0' || unit[0] != '\0' || own;
        axis_h[p] = own ? own_axis_h : 0;
    }
    float notes_h[RP_MAX_PANELS]; /* notes panels: a row a track or log line; 0: shares */
    int sharing = notes_heights(figure, fonts, notes_h);
    /* The read-out table's band at the bottom (cursors, levels, statistics): its fair share is
     * what is left once every plot has RP_LAYOUT_MIN_PLOT_H, and never over
     * RP_LAYOUT_TABLE_MAX_FRACTION of the height (a small window: fewer rows, plots that stay
     * usable, rather than plots squeezed to slivers under a full table). */
    float fixed = gap * (float)(n > 0 ? n - 1 : 0);
    for (int p = 0; p < n; p++) fixed += (header[p] ? header_h : 0) + notes_h[p] + axis_h[p];
    float table_max = h - pad - bottom_reserved - x_labels_h - top - fixed -
                      (float)sharing * px(RP_LAYOUT_MIN_PLOT_H, s);
    float table_hard_max = h - pad - bottom_reserved - x_labels_h - top - fixed -
                           (float)sharing * px(RP_LAYOUT_SLIVER_H, s);
    table_max = fminf(table_max, h * RP_LAYOUT_TABLE_MAX_FRACTION);
    bottom_reserved += table_measure(l, figure, fonts, w - 2 * pad, table_max, table_hard_max);
    float bottom = h - pad - bottom_reserved - x_labels_h;
    for (int pass = 0; pass < 2; pass++) {
        float avail = bottom - top - gap * (float)(n > 0 ? n - 1 : 0);
        for (int p = 0; p < n; p++) avail -= (header[p] ? header_h : 0) + notes_h[p] + axis_h[p];
        float ph = sharing > 0 ? fmaxf(1.0f, floorf(avail / (float)sharing)) : 0;
        float y = top;
        for (int p = 0; p < n; p++) {
            rp_panel_layout *pl = &l->panels[p];
            pl->has_header = header[p];
            float panel_top = p == 0 ? 0 : y - gap * 0.5f;
            if (header[p]) {
                pl->header_baseline = roundf(y + ba);
                y += header_h;
            }
            pl->plot = (rp_rect){0, roundf(y), 0, notes_h[p] > 0 ? notes_h[p] : ph};
            /* The last panel absorbs the rounding so the stack ends where the axis labels start
             * (or at the bottom, when the labels are under a panel higher up). */
            bool labels_above = l->x_axis_panel < n - 1;
            if (p == n - 1)
                pl->plot.h = fmaxf(1.0f, roundf(bottom + (labels_above ? x_labels_h : 0)) -
                                             axis_h[p] - pl->plot.y);
            pl->panel = (rp_rect){0, panel_top, w, 0};
            pl->own_axis_baseline =
                axis_h[p] > 0 ? roundf(pl->plot.y + pl->plot.h + l->tick_len + tick_pad + la) : 0;
            y = pl->plot.y + pl->plot.h + axis_h[p] + gap;
            if (p == l->x_axis_panel && labels_above) y += x_labels_h;
            pl->y0 = y0[p];
            pl->y1 = y1[p];
            pl->y_scale = figure->panels[p].y_scale;
            pl->y_threshold = figure->panels[p].symlog_threshold;
            y_ticks(pl, fonts);
            if (figure->panels[p].notes) notes_ticks(pl, figure->panels[p].notes);
            pl->has_right = rp_figure_resolve_y2(figure, p, x0, x1, &pl->y2_0, &pl->y2_1);
            y2_ticks(pl, fonts);
        }
        bool changed = false;
        for (int p = 0; p < n; p++) {
            if (!header[p] && l->panels[p].yticks.annotation[0]) {
                header[p] = true;
                changed = true;
            }
        }
        if (!changed) break;
    }

    /* Horizontal: y axis titles, the tick label column, tick marks, plots. */
    float left = pad;
    bool any_y_label = false;
    for (int p = 0; p < n; p++) {
        rp_panel_layout *pl = &l->panels[p];
        const rp_figure_panel *fp = &figure->panels[p];
        if (fp->y_label[0])
            memcpy(pl->y_title, fp->y_label, sizeof pl->y_title);
        else
            common_unit(fp, 0, pl->y_title);
        common_unit(fp, 1, pl->y2_unit);
        any_y_label |= pl->y_title[0] != '\0';
    }
    if (any_y_label) {
        l->y_title_baseline_x = roundf(left + la);
        left += lh + px(AXIS_TITLE_GAP, s);
    }
    float label_col = 0, notes_col = 0;
    for (int p = 0; p < n; p++) {
        const rp_tick_set *ts = &l->panels[p].yticks;
        float *col = figure->panels[p].notes ? &notes_col : &label_col;
        for (int i = 0; i < ts->count; i++)
            if (ts->ticks[i].major) *col = fmaxf(*col, text_w(fonts->label, ts->ticks[i].label));
        *col = fmaxf(*col, text_w(fonts->label, ts->annotation));
    }
    /* A notes panel's track names ("sensors/door") widen the column up to NOTES_LABEL_MAX only: a
     * long one pushed every panel's plot right and its y title away from its axis. Longer names
     * lose their head to "…" ("…s/door"): a topic's last level tells "sensors/door" from
     * "sensors/window", its first does not. */
    if (notes_col > label_col) {
        label_col = fminf(notes_col, fmaxf(label_col, px(NOTES_LABEL_MAX, s)));
        for (int p = 0; p < n; p++) {
            rp_tick_set *ts = &l->panels[p].yticks;
            for (int i = 0; figure->panels[p].notes && i < ts->count; i++)
                rp_layout_fit_text_tail(fonts->label, ts->ticks[i].label, sizeof ts->ticks[i].label,
                                        label_col);
        }
    }
    l->tick_label_right = ceilf(left + label_col);
    float plot_left = l->tick_label_right + tick_pad + l->tick_len;
    /* The right y axis column: tick marks and labels as wide as the widest right label. */
    float right_col = 0;
    bool any_right = false;
    for (int p = 0; p < n; p++) {
        const rp_tick_set *ts = &l->panels[p].y2ticks;
        any_right |= l->panels[p].has_right;
        for (int i = 0; i < ts->count; i++)
            if (ts->ticks[i].major)
                right_col = fmaxf(right_col, text_w(fonts->label, ts->ticks[i].label));
        right_col = fmaxf(right_col, text_w(fonts->label, ts->annotation));
        right_col = fmaxf(right_col, text_w(fonts->label, l->panels[p].y2_unit));
    }
    float plot_right = w - pad;
    l->right_label_left = 0;
    if (any_right) {
        plot_right -= ceilf(right_col) + tick_pad + l->tick_len;
        l->right_label_left = plot_right + l->tick_len + tick_pad;
    }
    rp_rect plot = {plot_left, 0, fmaxf(1.0f, plot_right - plot_left), 1};
    x_ticks(l, figure, fonts, plot.w);
    float over = x_label_overhang(l, fonts, &plot, w - pad * 0.5f);
    if (over > 0) {
        plot.w = fmaxf(1.0f, plot.w - ceilf(over));
        x_ticks(l, figure, fonts, plot.w);
    }
    if (!l->has_x_title_row && l->xticks.annotation[0]) {
        /* Rare: the final ticks gained an annotation the provisional ones lacked; it goes in
         * the padding under the labels rather than over them. */
        l->has_x_title_row = true;
    }

    for (int p = 0; p < n; p++) {
        rp_panel_layout *pl = &l->panels[p];
        pl->plot.x = plot.x;
        pl->plot.w = plot.w;
        float panel_bottom = p == n - 1 ? h : pl->plot.y + pl->plot.h + axis_h[p] + gap * 0.5f;
        pl->panel.h = panel_bottom - pl->panel.y;
    }
    if (l->overlay.h > 0 && n > 0) { /* the HUD band: left-aligned with the plots, above them */
        const rp_panel_layout *top_panel = &l->panels[0];
        float band_bottom =
            top_panel->has_header ? top_panel->header_baseline - ba : top_panel->plot.y;
        l->overlay.x = plot.x;
        l->overlay.y = roundf(band_bottom - px(HEADER_GAP, s) - l->overlay.h);
        l->overlay.w = fminf(l->overlay.w, fmaxf(1.0f, (float)width - plot.x - pad * 0.5f));
    } else if (l->overlay.h > 0) { /* no panel yet (a source still waiting): under the title */
        l->overlay.x = pad;
        l->overlay.y = roundf(overlay_top);
        l->overlay.w = fminf(l->overlay.w, fmaxf(1.0f, (float)width - pad));
    }
    for (int p = 0; p < n; p++)
        legend(l, &l->panels[p], &figure->panels[p], figure, fonts,
               previous && p < previous->panel_count ? &previous->panels[p] : NULL);

    const rp_panel_layout *xp = n > 0 && l->x_axis_panel >= 0 ? &l->panels[l->x_axis_panel] : NULL;
    float plot_bottom = xp ? xp->plot.y + xp->plot.h : bottom;
    l->x_labels_baseline = roundf(plot_bottom + l->tick_len + tick_pad + la);
    l->x_title_baseline = roundf(l->x_labels_baseline + ld + px(AXIS_TITLE_GAP, s) + la);
    if (l->table.h > 0) { /* under the plots, or further left when it is wider than they are */
        l->table.x = n > 0 ? l->panels[0].plot.x : pad;
        float room_w = w - pad * 0.5f - l->table.x;
        if (l->table.w > room_w && l->table_cols > 0) { /* fewer columns a line, as many lines? */
            int per = (int)floorf((room_w - 2 * l->table_pad - l->table_label_w) / l->table_col_w);
            if (per >= 1 && (l->table_cols + per - 1) / per == l->table_lines) {
                l->table_per_line = per;
                l->table.w = fmaxf(l->table_text_w, table_columns_w(l));
            }
        }
        if (l->table.x + l->table.w > w - pad * 0.5f)
            l->table.x = fmaxf(pad * 0.5f, roundf(w - pad * 0.5f - l->table.w));
        l->table.w = fminf(l->table.w, w - pad * 0.5f - l->table.x);
        l->table.y =
            roundf(h - pad - l->table.h - (l->timeline.h > 0 ? l->timeline.h + px(10, s) : 0));
    }
    if (l->timeline.h > 0) {
        const rp_rect *p0 = n > 0 ? &l->panels[n - 1].plot : NULL;
        l->timeline.x = p0 ? p0->x : pad;
        l->timeline.w = p0 ? p0->w : w - 2 * pad;
        l->timeline.y = roundf(h - pad - l->timeline.h);
    }
    for (int c = 0; c < 2 && n > 0; c++) {
        double cx = rp_layout_x_px(l, &l->panels[0].plot, l->cursor_x[c]);
        const rp_rect *p0 = &l->panels[0].plot;
        if (l->cursor_on[c] && cx >= p0->x - 0.5 && cx <= p0->x + p0->w + 0.5)
            l->cursor_px[c] = (float)cx;
    }
}

/* A measured rate, one rule whatever the view: 4 significant digits, the integer part whole
 * ("1000", "999.8", "10.00", "10098", "0.2500"); from 10^8 on (or under 10^-4) an exponent in 8
 * characters. It read "1000 /s", "1000.0 /s" and "10.000 /s" from view to view. */
static void format_rate(double rate, char *buf, size_t size)
{
    if (!(rate >= 1e-4 && rate < 1e8)) {
        rp_format_cell(rate, 0, 8, buf, (int)size);
        return;
    }
    char e[32]; /* the decade after rounding to 4 digits (999.96 is 1.000e+03: "1000") */
    snprintf(e, sizeof e, "%.3e", rate);
    const char *x = strchr(e, 'e');
    int decimals = x ? 3 - atoi(x + 1) : 0;
    snprintf(buf, size, "%.*f", decimals < 0 ? 0 : decimals, rate);
}

void rp_layout_stats_cells(const rp_range_stats *stats, double res_y, bool per_second,
                           char (*v)[24])
{
    for (int i = 0; i < RP_LAYOUT_STAT_COLS; i++) snprintf(v[i], 24, "-");
    if (!stats) return;
    rp_range_stats st = *stats;
    /* n: the samples the statistics are over (NaN and ±Inf are not); "…" while a recording's
     * finite count is still being summed over a range that holds some */
    const uint32_t not_finite = RP_M4_NAN | RP_M4_POS_INF | RP_M4_NEG_INF;
    if (st.finite >= 0 || !(st.flags & not_finite))
        snprintf(v[0], 24, "%lld", (long long)(st.finite >= 0 ? st.finite : st.count));
    else
        snprintf(v[0], 24, "\xe2\x80\xa6");
    /* min, max, mean and RMS to a twentieth of the spread at least, however coarse the panel's
     * pixels (a GPS latitude moving by 1e-3 beside a longitude read 47.30 and 47.30), but not
     * finer than float32 holds them */
    double spread_res = res_y;
    if ((st.flags & RP_M4_FINITE) && st.peak_to_peak > 0) {
        double size = fmax(fabs(st.min), fabs(st.max));
        double fine = fmax(st.peak_to_peak / 20.0, size * 0x1p-21);
        if (!(res_y > 0) || fine < res_y) spread_res = fine;
    }
    if (st.flags & RP_M4_FINITE) {
        rp_format_cell(st.min, spread_res, RP_CELL_CHARS, v[1], 24);
        rp_format_cell(st.max, spread_res, RP_CELL_CHARS, v[2], 24);
        rp_format_cell(st.peak_to_peak, res_y, RP_CELL_CHARS, v[6], 24);
    }
    if (st.pending > 0) {
        for (int i = 3; i <= 5; i++) snprintf(v[i], 24, "\xe2\x80\xa6");
    } else if (st.finite > 0) {
        /* a mean 2^-40 of the samples' size or less is the sums' rounding, not a measurement
         * (±1 in equal numbers read -1.084e-18): 0, as a read-out keeps 4 digits of any value */
        double size = fmax(fabs(st.min), fabs(st.max));
        double mean = (st.flags & RP_M4_FINITE) && fabs(st.mean) <= size * 0x1p-40 ? 0.0 : st.mean;
        rp_format_cell(mean, spread_res, RP_CELL_CHARS, v[3], 24);
        rp_format_cell(st.rms, spread_res, RP_CELL_CHARS, v[4], 24);
        rp_format_cell(st.stddev, res_y, RP_CELL_CHARS, v[5], 24);
    }
    char num[16];
    if (st.count > 1 && st.x_last > st.x_first) {
        /* 8 characters and " /s" fit a column of RP_CELL_WIDEST */
        format_rate((double)(st.count - 1) / (st.x_last - st.x_first), num, sizeof num);
        snprintf(v[7], 24, "%s /%s", num, per_second ? "s" : "x"); /* a plain axis: rows */
    } else {
        snprintf(v[7], 24, "-");
    }
    /* ±Inf (a value beyond float32's range, or inf as written) is no figure to leave out
     * silently: 1e300 read "max 2.000" beside n 4 */
    bool pos = st.flags & RP_M4_POS_INF, neg = st.flags & RP_M4_NEG_INF;
    bool finite = st.flags & RP_M4_FINITE;
    if (neg)
        snprintf(v[1], 24, "-inf");
    else if (pos && !finite)
        snprintf(v[1], 24, "inf");
    if (pos)
        snprintf(v[2], 24, "inf");
    else if (neg && !finite)
        snprintf(v[2], 24, "-inf");
    if (pos || neg) {
        /* with both signs the mean is undefined; the RMS is inf; the deviation undefined */
        snprintf(v[3], 24, "%s", pos && neg ? "-" : pos ? "inf" : "-inf");
        snprintf(v[4], 24, "inf");
        snprintf(v[5], 24, "-");
        snprintf(v[6], 24, "%s", (pos && (neg || finite)) || (neg && finite) ? "inf" : "-");
    }
}
