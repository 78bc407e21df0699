/* view_notes.c — draws a notes panel on the shared time axis: the log marker row (a tick per log
 * line, one per pixel column at most), a state-band row per text track (each run of one value a
 * band in the value's colour, labelled when the label fits), the log list (newest lines up to the
 * end of the view, with their time), and under the crosshair the values and the nearest log line.
 * Reads at most RP_NOTES_VIEW_MAX entries per row into the panel's scratch: O(visible entries). */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure/notes.h"
#include "render/views.h"

typedef struct notes_frame {
    const rp_view_context *vc;
    const rp_layout *l;
    rp_rect plot;
    float row_h, ascent, pad;
    double x0, x1;
    int tracks; /* track rows, as the layout counted them (its y view: a unit a row) */
} notes_frame;

static float row_top(const notes_frame *nf, int row) { return nf->plot.y + (float)row * nf->row_h; }
static float baseline(const notes_frame *nf, int row)
{
    return roundf(row_top(nf, row) + 0.5f * nf->row_h + 0.5f * nf->ascent * 0.78f);
}
static double x_px(const notes_frame *nf, double x) { return rp_layout_x_px(nf->l, &nf->plot, x); }

/* Black or white, whichever reads better on c. */
static rp_color ink_on(rp_color c)
{
    float luma = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
    return luma > 0.45f ? (rp_color){0.05f, 0.05f, 0.07f, 1} : (rp_color){1, 1, 1, 1};
}

/* The crosshair's read-out of one row: a framed box at (x, row) with a swatch of the value's
 * colour (none for a log line: a = 0) and the text, kept inside the plot. */
static void hover_box(const notes_frame *nf, float x, int row, const char *text, rp_color swatch)
{
    const rp_view_context *vc = nf->vc;
    const rp_theme_style *th = vc->theme;
    float sw = swatch.a > 0 ? roundf(nf->row_h * 0.5f) : 0, gap = sw > 0 ? nf->pad : 0;
    float w = ceilf(rp_font_text_width(vc->font, text) + sw + gap + 2 * nf->pad);
    float left = fminf(x, nf->plot.x + nf->plot.w - w);
    if (left < nf->plot.x) left = nf->plot.x;
    rp_rect r = {roundf(left), row_top(nf, row) + 1, w, nf->row_h - 2};
    float t = vc->line_px;
    rp_draw_rect(vc->draw, r, th->legend_border);
    rp_draw_rect(vc->draw, (rp_rect){r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t},
                 th->plot_background);
    if (sw > 0)
        rp_draw_rect(vc->draw, (rp_rect){r.x + nf->pad, roundf(r.y + 0.5f * (r.h - sw)), sw, sw},
                     swatch);
    rp_draw_text(vc->draw, vc->font, text, r.x + nf->pad + sw + gap, baseline(nf, row), th->text);
}

static void draw_markers(const notes_frame *nf, const rp_notes *store, rp_note *scratch)
{
    const rp_view_context *vc = nf->vc;
    int total = rp_notes_read_logs(store, nf->x0, nf->x1, scratch, RP_NOTES_VIEW_MAX);
    int n = total < RP_NOTES_VIEW_MAX ? total : RP_NOTES_VIEW_MAX;
    float top = row_top(nf, 0), h = nf->row_h;
    rp_color c = vc->theme->title;
    int last_col = INT_MIN;
    for (int i = 0; i < n; i++) {
        int col = (int)floor(x_px(nf, scratch[i].x));
        if (col == last_col) continue; /* one tick a pixel column */
        last_col = col;
        rp_draw_rect(vc->draw,
                     (rp_rect){(float)col, top + roundf(0.2f * h), vc->line_px, roundf(0.6f * h)},
                     c);
    }
}

static void draw_track(const notes_frame *nf, const rp_notes *store, int track, int row,
                       rp_note *scratch)
{
    const rp_view_context *vc = nf->vc;
    int total = rp_notes_read_texts(store, track, nf->x0, nf->x1, scratch, RP_NOTES_VIEW_MAX);
    int n = total < RP_NOTES_VIEW_MAX ? total : RP_NOTES_VIEW_MAX;
    float top = row_top(nf, row) + roundf(2 * vc->scale), h = nf->row_h - 2 * roundf(2 * vc->scale);
    float right = nf->plot.x + nf->plot.w;
    rp_theme theme = vc->figure->desc.theme;
    float drawn_to = -INFINITY;                   /* px column where the previous band ended */
    float min_label_w = 2 * nf->pad + nf->ascent; /* narrower than a glyph: no label to measure */
    for (int i = 0; i < n;) {
        int j = i + 1; /* a run: the same value repeated */
        while (j < n && scratch[j].value == scratch[i].value) j++;
        double end_x = j < n ? scratch[j].x : nf->x1;
        float a = (float)fmax(x_px(nf, scratch[i].x), nf->plot.x);
        float b = (float)fmin(x_px(nf, end_x), right);
        if (j == n && total > n) b = a; /* the rest is drawn as "busy" below */
        rp_color c = rp_notes_value_color(theme, scratch[i].value);
        float x = roundf(a), w = fmaxf(1.0f, roundf(b) - x);
        /* several changes in one pixel column: the first band there stands for them */
        if (b > nf->plot.x && a < right && x + w > drawn_to) {
            if (x < drawn_to) { /* starts inside the column already drawn */
                w -= drawn_to - x;
                x = drawn_to;
            }
            rp_draw_rect(vc->draw, (rp_rect){x, top, w, h}, c);
            if (i > 0 && w >= 3) /* a 1-px notch where the state changes */
                rp_draw_rect(vc->draw, (rp_rect){x, top, vc->line_px, h},
                             vc->theme->plot_background);
            if (w >= min_label_w &&
                rp_font_text_width(vc->font, scratch[i].text) + 2 * nf->pad <= w)
                rp_draw_text(vc->draw, vc->font, scratch[i].text, x + nf->pad, baseline(nf, row),
                             ink_on(c));
            drawn_to = x + w;
        }
        i = j;
    }
    if (total > n) { /* more changes than a frame reads: a grey band saying so */
        double from = n > 0 ? scratch[n - 1].x : nf->x0;
        float a = roundf((float)fmax(x_px(nf, from), nf->plot.x));
        rp_color grey = vc->theme->grid_minor;
        grey.a = 1;
        rp_draw_rect(vc->draw, (rp_rect){a, top, fmaxf(1, right - a), h}, grey);
        char msg[64];
        snprintf(msg, sizeof msg, "%d more changes", total - n);
        if (rp_font_text_width(vc->font, msg) + 2 * nf->pad <= right - a)
            rp_draw_text(vc->draw, vc->font, msg, a + nf->pad, baseline(nf, row),
                         vc->theme->tick_label);
    }
}

static void draw_list(const notes_frame *nf, const rp_notes_panel *np, const rp_notes *store)
{
    const rp_view_context *vc = nf->vc;
    int lines = np->desc.list_lines, first_row = 1 + nf->tracks;
    rp_note *out = np->scratch;
    int total = rp_notes_read_logs(store, -INFINITY, nf->x1, out, lines);
    int n = total < lines ? total : lines;
    float sep = row_top(nf, first_row);
    rp_draw_rect(vc->draw, (rp_rect){nf->plot.x, sep, nf->plot.w, vc->line_px}, vc->theme->grid);
    if (n == 0) {
        rp_draw_text(vc->draw, vc->font, "no log lines yet", nf->plot.x + nf->pad,
                     baseline(nf, first_row), vc->theme->tick_label);
        return;
    }
    double res = (nf->x1 - nf->x0) / nf->plot.w;
    for (int i = 0; i < n; i++) { /* newest at the bottom, as a console */
        int row = first_row + lines - n + i;
        char when[64];
        rp_view_format_x(vc->figure, nf->l, out[i].x, res, when, (int)sizeof when);
        float tx = nf->plot.x + nf->pad;
        rp_draw_text(vc->draw, vc->font, when, tx, baseline(nf, row), vc->theme->tick_label);
        tx += rp_font_text_width(vc->font, when) + 3 * nf->pad;
        rp_draw_text(vc->draw, vc->font, out[i].text, tx, baseline(nf, row), vc->theme->text);
    }
}

/* Under the crosshair: each track's value, and the log line nearest the pointer (within 4 px). */
static void draw_hover(const notes_frame *nf, const rp_notes_panel *np, const rp_notes *store,
                       int tracks)
{
    const rp_view_context *vc = nf->vc;
    const rp_figure *f = vc->figure;
    float px = f->crosshair_px;
    if (!f->crosshair_on || px < nf->plot.x || px >= nf->plot.x + nf->plot.w) return;
    double per_px = (nf->x1 - nf->x0) / nf->plot.w;
    double x = nf->x0 + ((double)px - nf->plot.x) * per_px;
    float at = px + roundf(8 * vc->scale);
    rp_note *note = np->scratch;
    int near = rp_notes_read_logs(store, x - 4 * per_px, x + 4 * per_px, note, 1);
    if (near > 0) hover_box(nf, at, 0, note->text, (rp_color){0, 0, 0, 0});
    for (int t = 0; t < tracks; t++)
        if (rp_notes_text_at(store, t, x, note))
            hover_box(nf, at, 1 + t, note->text, rp_notes_value_color(f->desc.theme, note->value));
}

void rp_view_notes_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                        const rp_panel_layout *pl, const rp_layout *l)
{
    const rp_notes_panel *np = fp->notes;
    const rp_notes *store = rp_notes_panel_store(np);
    /* the rows of the layout's y view: a track that appeared since waits for the next frame */
    int rows = (int)lround(pl->y1 - pl->y0);
    int list = np->desc.show_log_list ? np->desc.list_lines : 0;
    int tracks = rows - 1 - list, now = rp_notes_panel_track_rows(np);
    if (tracks > now) tracks = now;
    if (!store || rows <= 0 || tracks < 0 || pl->plot.w < 2 || !(l->x1 > l->x0)) return;
    notes_frame nf = {.vc = vc,
                      .l = l,
                      .plot = pl->plot,
                      .row_h = pl->plot.h / (float)rows,
                      .ascent = rp_font_ascent(vc->font),
                      .pad = roundf(4 * vc->scale),
                      .x0 = l->x0,
                      .x1 = l->x1,
                      .tracks = tracks};
    rp_draw_set_clip(vc->draw, pl->plot);
    draw_markers(&nf, store, np->scratch);
    for (int t = 0; t < tracks; t++) draw_track(&nf, store, t, 1 + t, np->scratch);
    if (np->desc.show_log_list) draw_list(&nf, np, store);
    draw_hover(&nf, np, store, tracks);
    rp_draw_set_clip(vc->draw, (rp_rect){0, 0, 0, 0});
}
