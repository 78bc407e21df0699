/* plot_reuse.c — see plot_reuse.h: which pixel columns of a scrolled plot last frame already
 * drew. */
#include "render/plot_reuse.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
/* The cost rules, measured on llvmpipe (`rp-bench render`): a kept plot costs its strips, a
 * copy of its area and two framebuffer switches; drawing the columns it copies instead costs
 * their bars: an edge row (a row a column covers and its neighbour does not: anti-aliased,
 * blended) ~EDGE_COST copied pixels, a row inside ~ROW_COST (solid, without blending). Kept when
 * that exceeds the plot's area and at most KEEP_MAX_SHARE of it must be drawn: a steep, noisy
 * trace or several dense series, not one dense full-height series. */
#define KEEP_MAX_SHARE 0.5
#define EDGE_COST 8.0
#define ROW_COST 0.5
#define MIN_GAP_PX 8 /* clean columns between two dirty ones drawn with them, when fewer */

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
typedef struct reuse_series {
    rp_bar_store store;    /* its bars by grid column, kept from frame to frame */
    rp_bar_trace trace[2]; /* [cur]: this frame's, [!cur]: last frame's (bars moved since) */
    bool has[2];
} reuse_series;

typedef struct reuse_panel {
    bool valid; /* its pixels and bars of kept_frame are kept */
    int64_t kept_frame;
    int origin;  /* plot column j is kept at texture column (origin + j) mod its width (a ring) */
    bool pixels; /* kept_frame's plot is in the texture (else it was drawn in place) */
    bool kept_unpaid; /* last keeping frame was drawn whole though copying did not pay */
    int cur;
    rp_plot_key key[2];
    int grid[2][RP_PLOT_GRID_MAX];
    int grid_n[2];
    uint8_t *dirty; /* per plot column, this frame */
    int dirty_cap;
    reuse_series series[RP_MAX_SERIES_PER_PANEL];
} reuse_panel;

struct rp_plot_reuse {
    bool enabled;
    bool always;   /* copy wherever it is exact, whatever it costs (tests) */
    bool keeping;  /* this frame builds and keeps plots */
    int64_t frame; /* keeping frames so far */
    const void *figure;
    int viewport[4];
    reuse_panel panels[RP_MAX_PANELS];
    int64_t copied, drawn;
    int64_t bars_built, bars_examined, bars_total;
    double copy_cpu_ms;
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static void invalidate(rp_plot_reuse *reuse)
{
    for (int p = 0; p < RP_MAX_PANELS; p++) reuse->panels[p].valid = false;
}

static void mark(uint8_t *dirty, int w, int from, int count)
{
    int a = from < 0 ? 0 : from, b = from + count > w ? w : from + count;
    if (a < b) memset(dirty + a, 1, (size_t)(b - a));
}

/* A line to before / after: the columns its pen can touch. */
static void mark_line(uint8_t *dirty, int w, const double *xy, float width, int offset)
{
    double lo = xy[0] < xy[2] ? xy[0] : xy[2], hi = xy[0] < xy[2] ? xy[2] : xy[0];
    double pad = 0.5 * (double)width + 3.0;
    lo -= pad;
    hi += pad;
    if (!(lo < (double)w + (double)offset) || !(hi > (double)offset)) return; /* NaN: below */
    if (!(lo > -1e9) || !(hi < 1e9)) { /* NaN or far: every column */
        mark(dirty, w, 0, w);
        return;
    }
    int a = (int)floor(lo) - offset;
    mark(dirty, w, a, (int)ceil(hi) - offset - a);
}

static bool has_grid_line(const int *grid, int n, int x)
{
    for (int i = 0; i < n; i++)
        if (grid[i] == x) return true;
    return false;
}

/* Marks the columns where series s's bars differ from last frame's moved by shift px (its trace
 * lists them: rp_series_bars), and those its lines to before / after touch now and touched then;
 * false when it cannot tell (its bars were not built against last frame's, or moved otherwise). */
static bool mark_series(const reuse_series *s, int cur, int shift, int plot_x, uint8_t *dirty,
                        int w)
{
    const rp_bar_trace *now = &s->trace[cur], *was = &s->trace[!cur];
    if (now->spans_all || now->shift != shift) return false;
    for (int k = 0; k < now->spans; k++)
        mark(dirty, w, now->span_x0[k] - plot_x, now->span_x1[k] - now->span_x0[k]);
    if (now->has_before) mark_line(dirty, w, now->before, now->line_width, plot_x);
    if (now->has_after) mark_line(dirty, w, now->after, now->line_width, plot_x);
    if (was->has_before) mark_line(dirty, w, was->before, was->line_width, plot_x + shift);
    if (was->has_after) mark_line(dirty, w, was->after, was->line_width, plot_x + shift);
    return true;
}

/* The bar of trace t that covers viewport pixel column x (-1: none). */
static int bar_at(const rp_bar_trace *t, int x)
{
    int lo = 0, hi = t->n; /* the first bar that starts after x */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->bars[mid].x <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && t->bars[lo - 1].x + t->bars[lo - 1].w > x ? lo - 1 : -1;
}

/* Whether drawing the columns that would be copied costs at least `enough` copied pixels: their
 * bars' edge rows (what a column covers and its left neighbour does not, both ways) and rows.
 * Stops as soon as it does (the sum is only compared with the plot's area). */
static bool clean_cost_reaches(const reuse_panel *pp, int cur, int series_n, int plot_x,
                               const uint8_t *dirty, int w, double enough)
{
    double cost = 0;
    for (int i = 0; i < series_n; i++) {
        if (!pp->series[i].has[cur]) continue;
        const rp_bar_trace *t = &pp->series[i].trace[cur];
        for (int j = 1; j < t->n; j++) {
            const rp_bar *a = &t->bars[j - 1], *b = &t->bars[j];
            int x = b->x - plot_x;
            if (x < 0 || x >= w || dirty[x] || !(b->bottom > b->top) || !(a->bottom > a->top))
                continue;
            double edges =
                fabs((double)b->top - (double)a->top) + fabs((double)b->bottom - (double)a->bottom);
            cost += EDGE_COST * edges + ROW_COST * ((double)b->bottom - (double)b->top);
        }
        if (cost >= enough) return true;
    }
    return cost >= enough;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_status rp_plot_reuse_create(rp_plot_reuse **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = calloc(1, sizeof **out);
    if (!*out) return RP_ERR_NO_MEMORY;
    (*out)->enabled = true;
    return RP_OK;
}

void rp_plot_reuse_destroy(rp_plot_reuse *reuse)
{
    if (!reuse) return;
    for (int p = 0; p < RP_MAX_PANELS; p++) {
        reuse_panel *pp = &reuse->panels[p];
        free(pp->dirty);
        for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++) {
            free(pp->series[i].store.bars);
            free(pp->series[i].store.inputs);
        }
    }
    free(reuse);
}

void rp_plot_reuse_set_enabled(rp_plot_reuse *reuse, bool on)
{
    if (!reuse) return;
    reuse->enabled = on; /* off: frames leave the kept state alone; it stays consistent */
}

bool rp_plot_reuse_enabled(const rp_plot_reuse *reuse) { return reuse && reuse->enabled; }

void rp_plot_reuse_set_always(rp_plot_reuse *reuse, bool always)
{
    if (reuse) reuse->always = always;
}

bool rp_plot_reuse_frame(rp_plot_reuse *reuse, const void *figure, const int viewport[4],
                         bool ready)
{
    if (!reuse) return false;
    reuse->keeping = false;
    if (!reuse->enabled) return false;
    if (!ready || figure != reuse->figure || memcmp(viewport, reuse->viewport, sizeof(int) * 4)) {
        /* Another figure or viewport: start over, and keep from its next frame on. */
        invalidate(reuse);
        reuse->figure = ready ? figure : NULL;
        memcpy(reuse->viewport, viewport, sizeof(int) * 4);
        return false;
    }
    reuse->keeping = true;
    reuse->frame++;
    return true;
}

int rp_plot_reuse_origin(const rp_plot_reuse *reuse, int panel)
{
    return reuse && panel >= 0 && panel < RP_MAX_PANELS ? reuse->panels[panel].origin : 0;
}

rp_bar_store *rp_plot_reuse_bars(rp_plot_reuse *reuse, int panel, int series, int capacity,
                                 const rp_bar_trace **last)
{
    *last = NULL;
    if (!reuse || !reuse->keeping || panel < 0 || panel >= RP_MAX_PANELS || series < 0 ||
        series >= RP_MAX_SERIES_PER_PANEL || capacity < 1 || capacity > INT_MAX / 2)
        return NULL;
    reuse_panel *pp = &reuse->panels[panel];
    reuse_series *s = &pp->series[series];
    rp_bar_store *st = &s->store;
    if (2 * capacity > st->cap) { /* first use, or the plot grew: last frame's bars lost */
        free(st->bars);
        free(st->inputs);
        st->bars = malloc(sizeof(rp_bar) * (size_t)(2 * capacity));
        st->inputs = malloc(sizeof(rp_bar_input) * (size_t)(2 * capacity));
        s->has[0] = s->has[1] = false;
        st->cap = st->bars && st->inputs ? 2 * capacity : 0;
        st->base = 0;
        pp->valid = false;
        if (!st->cap) return NULL;
    }
    int was = !pp->cur;
    if (pp->valid && pp->kept_frame == reuse->frame - 1 && s->has[was] && s->trace[was].store == st)
        *last = &s->trace[was];
    return st;
}

rp_plot_plan rp_plot_reuse_plan(rp_plot_reuse *reuse, int panel, const rp_plot_key *key,
                                const rp_bar_trace *const *traces, const int *grid_x, int grid_n,
                                int line_px, int plot_x, int plot_w, int kept_w)
{
    rp_plot_plan plan = {0};
    if (!reuse || !reuse->keeping || panel < 0 || panel >= RP_MAX_PANELS || plot_w < 1 ||
        plot_w > kept_w)
        return plan;
    reuse_panel *pp = &reuse->panels[panel];
    int origin = pp->origin;
    pp->origin = 0; /* drawn whole: from texture column 0 on */
    int cur = pp->cur, was = !cur;
    /* This frame's state, kept whatever the plan (the next frame compares with it). */
    pp->key[cur] = *key;
    pp->grid_n[cur] = grid_n <= RP_PLOT_GRID_MAX ? grid_n : -1;
    if (grid_n > 0 && grid_n <= RP_PLOT_GRID_MAX)
        memcpy(pp->grid[cur], grid_x, sizeof(int) * (size_t)grid_n);
    int first = -1;
    for (int i = 0; i < RP_MAX_SERIES_PER_PANEL; i++) {
        reuse_series *s = &pp->series[i];
        s->has[cur] = i < key->series_n && traces[i] != NULL;
        if (s->has[cur]) {
            s->trace[cur] = *traces[i];
            if (first < 0) first = i;
        }
    }
    if (plot_w > pp->dirty_cap) {
        uint8_t *d = realloc(pp->dirty, (size_t)plot_w);
        if (!d) return plan;
        pp->dirty = d;
        pp->dirty_cap = plot_w;
    }
    if (!pp->valid || pp->kept_frame != reuse->frame - 1 || first < 0 || pp->grid_n[cur] < 0 ||
        pp->grid_n[was] < 0 || memcmp(&pp->key[was], key, sizeof *key) != 0)
        return plan;
    for (int i = 0; i < key->series_n; i++)
        if (pp->series[i].has[cur] != pp->series[i].has[was]) return plan;

    /* The shift: how far grid column 0 moved left (whole px, the same for every series). */
    const rp_bar_trace *now = &pp->series[first].trace[cur], *then = &pp->series[first].trace[was];
    double moved = then->origin - now->origin;
    /* The column width in px may differ in its last bits from frame to frame (a span computed
     * at large x); the bars, compared byte for byte below, decide what is the same. */
    if (!(fabs(moved) < (double)plot_w) || !(fabs(now->wpx - then->wpx) <= 1e-6 * now->wpx))
        return plan;
    int shift = (int)lround(moved);

    uint8_t *dirty = pp->dirty;
    int w = plot_w;
    memset(dirty, 0, (size_t)w);
    if (shift > 0) mark(dirty, w, w - shift, shift); /* no source: new on the right */
    if (shift < 0) mark(dirty, w, 0, -shift);        /* ... on the left */
    for (int i = 0; i < key->series_n; i++)
        if (pp->series[i].has[cur] && !mark_series(&pp->series[i], cur, shift, plot_x, dirty, w)) {
            mark(dirty, w, 0, w);
            break;
        }
    for (int i = 0; i < grid_n; i++)
        if (!has_grid_line(pp->grid[was], pp->grid_n[was], grid_x[i] + shift))
            mark(dirty, w, grid_x[i] - plot_x, line_px);
    for (int i = 0; i < pp->grid_n[was]; i++)
        if (!has_grid_line(grid_x, grid_n, pp->grid[was][i] - shift))
            mark(dirty, w, pp->grid[was][i] - shift - plot_x, line_px);

    /* The dirty columns as strips to draw; clean gaps narrower than MIN_GAP_PX join them (a
     * strip costs a draw call per series). */
    int drawn = 0;
    for (int x = 0; x < w;) {
        if (!dirty[x]) {
            x++;
            continue;
        }
        int a = x;
        while (x < w && dirty[x]) x++;
        if (plan.strips > 0 && a - plan.b[plan.strips - 1] < MIN_GAP_PX) {
            plan.b[plan.strips - 1] = x;
        } else if (plan.strips < RP_PLOT_STRIPS) {
            plan.a[plan.strips] = a;
            plan.b[plan.strips] = x;
            plan.strips++;
        } else { /* too many: the last strip reaches to here */
            plan.b[plan.strips - 1] = x;
        }
    }
    /* Strips hold whole bars (a bar wider than a column, where the grid's rounding made one,
     * is drawn whole or not at all), then merge where they meet. */
    for (int i = 0; i < key->series_n; i++) {
        if (!pp->series[i].has[cur]) continue;
        const rp_bar_trace *t = &pp->series[i].trace[cur];
        for (int k = 0; k < plan.strips; k++) {
            int j = bar_at(t, plot_x + plan.a[k]);
            if (j >= 0 && t->bars[j].x < plot_x + plan.a[k]) {
                int x0 = t->bars[j].x - plot_x;
                plan.a[k] = x0 < 0 ? 0 : x0;
            }
            j = bar_at(t, plot_x + plan.b[k]);
            if (j >= 0 && t->bars[j].x < plot_x + plan.b[k]) {
                int x1 = t->bars[j].x + t->bars[j].w - plot_x;
                plan.b[k] = x1 > w ? w : x1;
            }
        }
    }
    int merged = 0;
    for (int k = 0; k < plan.strips; k++) {
        if (merged > 0 && plan.a[k] <= plan.b[merged - 1]) {
            if (plan.b[k] > plan.b[merged - 1]) plan.b[merged - 1] = plan.b[k];
        } else {
            plan.a[merged] = plan.a[k];
            plan.b[merged] = plan.b[k];
            merged++;
        }
    }
    plan.strips = merged;
    for (int i = 0; i < plan.strips; i++) drawn += plan.b[i] - plan.a[i];
    /* Keeping costs the plot's copy onto the frame and, on software GL, switching framebuffers:
     * it pays while what changed is a part of the plot, not when most of it is new each frame. */
    bool pays = reuse->always || ((double)drawn <= KEEP_MAX_SHARE * (double)w &&
                                  clean_cost_reaches(pp, cur, key->series_n, plot_x, dirty, w,
                                                     (double)w * (double)key->plot[3]));
    /* A plot kept last frame stays kept through one frame where copying does not pay (drawn
     * whole into the texture: a blit more than in place), so that a stream whose frames take
     * turns being long and short still copies on the short ones. */
    if (!pays && (!pp->pixels || pp->kept_unpaid)) {
        plan.strips = 0;
        return plan;
    }
    plan.keep = true;
    if (!pp->pixels || !pays) { /* the whole plot into the texture, kept from this frame on */
        pp->kept_unpaid = !pays;
        plan.strips = 0;
        return plan;
    }
    pp->kept_unpaid = false;
    /* The texture is a ring: the plot's start moves along it by the shift and wraps around. */
    plan.copy = true;
    plan.shift = shift;
    pp->origin = (int)(((int64_t)origin + shift) % kept_w);
    if (pp->origin < 0) pp->origin += kept_w;
    return plan;
}

void rp_plot_reuse_commit(rp_plot_reuse *reuse, int panel, bool bars, bool kept)
{
    if (!reuse || panel < 0 || panel >= RP_MAX_PANELS) return;
    reuse_panel *pp = &reuse->panels[panel];
    pp->valid = bars && reuse->keeping;
    pp->pixels = pp->valid && kept;
    if (pp->valid) {
        pp->kept_frame = reuse->frame;
        pp->cur = !pp->cur;
    }
}

void rp_plot_reuse_record(rp_plot_reuse *reuse, int64_t copied, int64_t drawn)
{
    if (!reuse) return;
    reuse->copied += copied;
    reuse->drawn += drawn;
}

void rp_plot_reuse_record_bars(rp_plot_reuse *reuse, int64_t built, int64_t examined, int64_t total)
{
    if (!reuse) return;
    reuse->bars_built += built;
    reuse->bars_examined += examined;
    reuse->bars_total += total;
}

void rp_plot_reuse_bar_counts(const rp_plot_reuse *reuse, int64_t *built, int64_t *examined,
                              int64_t *total)
{
    if (built) *built = reuse ? reuse->bars_built : 0;
    if (examined) *examined = reuse ? reuse->bars_examined : 0;
    if (total) *total = reuse ? reuse->bars_total : 0;
}

void rp_plot_reuse_record_copy(rp_plot_reuse *reuse, double cpu_ms)
{
    if (reuse) reuse->copy_cpu_ms += cpu_ms;
}

double rp_plot_reuse_copy_ms(const rp_plot_reuse *reuse) { return reuse ? reuse->copy_cpu_ms : 0; }

void rp_plot_reuse_counts(const rp_plot_reuse *reuse, int64_t *copied, int64_t *drawn)
{
    if (copied) *copied = reuse ? reuse->copied : 0;
    if (drawn) *drawn = reuse ? reuse->drawn : 0;
}
