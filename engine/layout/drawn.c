/* drawn.c — what a frame drew of a figure, kept by whoever drew it (the renderer holds one table
 * of records, one per figure it drew recently), and what a pixel of that frame shows. The figure
 * holds only what was asked for, so two renderers of one figure each answer for their own frame
 * and keep their own legend corners. No GL, no allocation. */
#include <math.h>
#include <string.h>

#include "axis/scale.h"
#include "core/handles.h"
#include "layout/layout.h"

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static bool in_rect(rp_rect r, float x, float y)
{
    return r.w > 0 && r.h > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* y in the drawn scale's unit (linear on screen), and back. */
static double y_unit(const rp_drawn_panel *pn, double y)
{
    return rp_scale_forward(pn->y_scale, pn->y_threshold, y);
}

static double y_from_unit(const rp_drawn_panel *pn, double u)
{
    return rp_scale_inverse(pn->y_scale, pn->y_threshold, u);
}

/* The y at fraction fy (0 top, 1 bottom) of a drawn view [y0, y1]. */
static double y_at(const rp_drawn_panel *pn, double y0, double y1, double fy)
{
    double u1 = y_unit(pn, y1), u0 = y_unit(pn, y0);
    return y_from_unit(pn, u1 - fy * (u1 - u0));
}

/* The series of legend entry i of panel p, while the figure still holds that very one there. */
static rp_series *entry_series(const rp_drawn_panel *pn, const rp_figure *figure, int p, int i)
{
    if (p >= figure->panel_count || i >= figure->panels[p].series_count) return NULL;
    const rp_figure_series *fs = &figure->panels[p].series[i];
    if (fs->series != pn->entry_series[i] || fs->serial != pn->entry_serial[i]) return NULL;
    return fs->series;
}

static rp_frame_rect public_rect(rp_rect r) { return (rp_frame_rect){r.x, r.y, r.w, r.h}; }

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
const rp_drawn_frame *rp_drawn_find(const rp_drawn_frames *frames, const rp_figure *figure)
{
    uint64_t serial = rp_handle_serial(figure, RP_HANDLE_FIGURE);
    if (!frames || !serial) return NULL;
    for (int k = 0; k < RP_RENDERER_FIGURES; k++)
        if (frames->used[k] && frames->figure[k] == figure && frames->serial[k] == serial)
            return &frames->frames[k];
    return NULL;
}

rp_drawn_frame *rp_drawn_take(rp_drawn_frames *frames, const rp_figure *figure)
{
    uint64_t serial = rp_handle_serial(figure, RP_HANDLE_FIGURE);
    int pick = 0;
    for (int k = 0; k < RP_RENDERER_FIGURES; k++) {
        if (frames->used[k] && frames->figure[k] == figure && frames->serial[k] == serial) {
            pick = k;
            break;
        }
        if (frames->used[k] < frames->used[pick]) pick = k; /* free (0) or least recent */
    }
    if (frames->figure[pick] != figure || frames->serial[pick] != serial)
        memset(&frames->frames[pick], 0, sizeof frames->frames[pick]);
    frames->figure[pick] = figure;
    frames->serial[pick] = serial;
    frames->used[pick] = ++frames->clock;
    return &frames->frames[pick];
}

void rp_drawn_record(rp_drawn_frame *d, const rp_layout *l, const rp_figure *figure)
{
    d->width = l->width;
    d->height = l->height;
    d->x0 = l->x0;
    d->x1 = l->x1;
    d->origin = l->origin;
    d->cursor_px[0] = l->cursor_px[0];
    d->cursor_px[1] = l->cursor_px[1];
    d->panel_count = l->panel_count < figure->panel_count ? l->panel_count : figure->panel_count;
    d->timeline = figure->timeline_on ? l->timeline : (rp_rect){0};
    d->timeline_x0 = figure->timeline_x0;
    d->timeline_x1 = figure->timeline_x1;
    d->x_axis_panel = l->x_axis_panel < d->panel_count ? l->x_axis_panel : d->panel_count - 1;
    for (int p = 0; p < d->panel_count; p++) {
        const rp_figure_panel *fp = &figure->panels[p];
        const rp_panel_layout *pl = &l->panels[p];
        rp_drawn_panel *dp = &d->panels[p];
        dp->plot = pl->plot;
        dp->panel = pl->panel;
        dp->legend = pl->legend;
        dp->y0 = pl->y0;
        dp->y1 = pl->y1;
        dp->has_right = pl->has_right;
        dp->y2_0 = pl->y2_0;
        dp->y2_1 = pl->y2_1;
        dp->y_scale = pl->y_scale;
        dp->y_threshold = pl->y_threshold;
        dp->legend_corner = pl->legend_corner;
        memcpy(dp->legend_key, pl->legend_key, sizeof dp->legend_key);
        dp->entry_count = fp->series_count;
        for (int i = 0; i < fp->series_count; i++) {
            dp->entries[i] = pl->entries[i].shown ? pl->entries[i].rect : (rp_rect){0};
            dp->entry_series[i] = fp->series[i].series;
            dp->entry_serial[i] = fp->series[i].serial;
        }
    }
}

rp_hit rp_drawn_hit_test(const rp_drawn_frame *d, const rp_figure *figure, float px, float py)
{
    rp_hit hit = {.kind = RP_HIT_NONE, .panel = -1, .y_right = NAN};
    if (!d || !figure || !isfinite(px) || !isfinite(py)) return hit;
    if (d->width <= 0 || d->height <= 0) return hit; /* never drawn */
    if (px < 0 || py < 0 || px >= (float)d->width || py >= (float)d->height) return hit;
    rp_rect tl = d->timeline; /* a thin bar: the band around it counts too */
    if (tl.w > 0 && px >= tl.x - tl.h && px <= tl.x + tl.w + tl.h && py >= tl.y - tl.h &&
        py <= tl.y + 2 * tl.h) {
        double f = ((double)px - tl.x) / tl.w;
        hit.kind = RP_HIT_TIMELINE;
        hit.x = d->timeline_x0 + (f < 0 ? 0 : f > 1 ? 1 : f) * (d->timeline_x1 - d->timeline_x0);
        return hit;
    }
    for (int p = 0; p < d->panel_count; p++) {
        const rp_drawn_panel *pn = &d->panels[p];
        /* The legend sits on top of the plot area: it wins (its padding too, without a series). */
        for (int i = 0; i < pn->entry_count; i++) {
            if (in_rect(pn->entries[i], px, py)) {
                hit.kind = RP_HIT_LEGEND;
                hit.panel = p;
                hit.series = entry_series(pn, figure, p, i);
                return hit;
            }
        }
        if (in_rect(pn->legend, px, py)) {
            hit.kind = RP_HIT_LEGEND;
            hit.panel = p;
            return hit;
        }
        rp_rect pr = pn->plot;
        double fx = pr.w > 0 ? ((double)px - pr.x) / pr.w : 0;
        double fy = pr.h > 0 ? ((double)py - pr.y) / pr.h : 0;
        double x = d->x0 + fx * (d->x1 - d->x0);
        double y = y_at(pn, pn->y0, pn->y1, fy);
        hit.y_right = pn->has_right ? y_at(pn, pn->y2_0, pn->y2_1, fy) : NAN;
        if (in_rect(pr, px, py)) {
            hit.kind = RP_HIT_PLOT;
            hit.panel = p;
            hit.x = x;
            hit.y = y;
            return hit;
        }
        if (!in_rect(pn->panel, px, py)) continue;
        hit.panel = p;
        /* the tick-label gutters: the left y axis', the right one's where the panel has one
         * (y: the left axis' value at that height, y_right the right's) */
        bool gutter_y =
            py >= pr.y && py < pr.y + pr.h && (px < pr.x || (pn->has_right && px >= pr.x + pr.w));
        if (gutter_y) {
            hit.kind = RP_HIT_Y_AXIS;
            hit.y = y;
        } else if (p == d->x_axis_panel && py >= pr.y + pr.h && px >= pr.x && px < pr.x + pr.w) {
            hit.kind = RP_HIT_X_AXIS;
            hit.x = x;
        }
        return hit;
    }
    return hit;
}

bool rp_drawn_describe(const rp_drawn_frame *d, rp_frame_layout *out)
{
    memset(out, 0, sizeof *out);
    if (!d || d->width <= 0) return false;
    out->width = d->width;
    out->height = d->height;
    out->x0 = d->x0;
    out->x1 = d->x1;
    out->time_origin = d->origin;
    out->cursor_px[0] = d->cursor_px[0];
    out->cursor_px[1] = d->cursor_px[1];
    out->panel_count = d->panel_count;
    out->timeline = public_rect(d->timeline);
    for (int p = 0; p < d->panel_count; p++) {
        const rp_drawn_panel *pn = &d->panels[p];
        rp_frame_panel *o = &out->panels[p];
        o->plot = public_rect(pn->plot);
        o->legend = public_rect(pn->legend);
        o->legend_place =
            pn->legend.w > 0 ? (rp_legend_place)(pn->legend_corner + 1) : RP_LEGEND_AUTO;
        o->y0 = pn->y0;
        o->y1 = pn->y1;
        o->has_right = pn->has_right;
        o->y2_0 = pn->has_right ? pn->y2_0 : 0;
        o->y2_1 = pn->has_right ? pn->y2_1 : 0;
    }
    return true;
}
