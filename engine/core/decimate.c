/* decimate.c — M4 decimation and the other range queries over the series' min-max pyramid.
 *
 * The range query and the M4 column are the shared ones (core/m4_column.c, also used by the
 * recording reader); this file describes the ring and its pyramid to them (ram_source) and cuts
 * the columns.
 *
 * Segmented uniform series cut their columns on the same grid: column k starts at the first
 * sample whose grid coordinate u = (x - t0) · rate reaches k · (samples per column), found per
 * segment in integer index space, so finished columns never change while following live. A
 * segment that starts late (a gap) is reported like a NaN: a gap entry in raw mode, first = NaN
 * with RP_M4_GAP in column mode. */
#include <string.h>

#include "core/pyramid_source.h"
#include "core/series_copy.h"
#include "core/series_internal.h"

/* ---- the series as a pyramid source (core/pyramid_source.h) --------------------------------- */

/* A reader's view of the series for the shared range query and column builder: samples and
 * pyramid levels through the snapshot, with the segment of the last x asked as a hint (columns
 * come in order, so the next sample is usually in it). */
typedef struct ram_source {
    const rp_series *s;
    const rp_snapshot *snap;
    int64_t seg;
} ram_source;

/* Scans samples [a, b) in order. The slot is advanced rather than recomputed: a 64-bit modulo
 * per sample would cost more than the comparison itself. The running min and max live in locals:
 * through acc they would be stored and reloaded per sample (a float read may alias them). */
static void acc_raw(const rp_series *s, int64_t a, int64_t b, rp_range_acc *acc)
{
    if (a >= b) return;
    const char *data = s->data;
    int64_t cap = s->capacity, stride = s->stride;
    int64_t slot = (a + s->slot_offset) % cap;
    const char *p = data + slot * stride;
    float lo = acc->sum.min, hi = acc->sum.max;
    int64_t lo_pos = -1, hi_pos = -1;
    uint32_t flags = acc->sum.flags;
    for (int64_t i = a; i < b; i++) {
        float v = *(const float *)p;
        if (++slot == cap) {
            slot = 0;
            p = data;
        } else {
            p += stride;
        }
        if (v - v == 0.0f) {
            flags |= RP_M4_FINITE;
            if (v < lo) {
                lo = v;
                lo_pos = i;
            }
            if (v > hi) {
                hi = v;
                hi_pos = i;
            }
        } else if (v != v) {
            flags |= RP_M4_NAN;
        } else {
            flags |= v > 0 ? RP_M4_POS_INF : RP_M4_NEG_INF;
        }
    }
    acc->sum.flags = flags;
    if (lo_pos >= 0) {
        acc->sum.min = lo;
        acc->min_level = 0;
        acc->min_pos = lo_pos;
    }
    if (hi_pos >= 0) {
        acc->sum.max = hi;
        acc->max_level = 0;
        acc->max_pos = hi_pos;
    }
}

/* Units [first, end) of source level L: samples (L = 0) or blocks of pyramid level L - 1. */
static void ram_accumulate(void *ctx, int L, int64_t first, int64_t end, rp_range_acc *acc)
{
    const rp_series *s = ((ram_source *)ctx)->s;
    if (L == 0) {
        acc_raw(s, first, end, acc);
        return;
    }
    const rp_level *lv = &s->level[L - 1];
    int64_t slot = first % lv->slots;
    float lo = acc->sum.min, hi = acc->sum.max; /* in locals, as in acc_raw */
    int64_t lo_pos = -1, hi_pos = -1;
    uint32_t any = acc->sum.flags;
    for (int64_t id = first; id < end; id++, slot = slot + 1 == lv->slots ? 0 : slot + 1) {
        uint8_t flags = lv->flags[slot];
        any |= flags;
        if (!(flags & RP_M4_FINITE)) continue;
        if (lv->min[slot] < lo) {
            lo = lv->min[slot];
            lo_pos = id;
        }
        if (lv->max[slot] > hi) {
            hi = lv->max[slot];
            hi_pos = id;
        }
    }
    acc->sum.flags = any;
    if (lo_pos >= 0) {
        acc->sum.min = lo;
        acc->min_level = L;
        acc->min_pos = lo_pos;
    }
    if (hi_pos >= 0) {
        acc->sum.max = hi;
        acc->max_level = L;
        acc->max_pos = hi_pos;
    }
}

static rp_summary ram_unit(void *ctx, int L, int64_t u)
{
    const rp_level *lv = &((ram_source *)ctx)->s->level[L - 1];
    int64_t slot = u % lv->slots;
    rp_summary sum = {lv->min[slot], lv->max[slot], lv->flags[slot]};
    return sum;
}

static float ram_sample(void *ctx, int64_t i) { return rp_sample_at(((ram_source *)ctx)->s, i); }

static double ram_x(void *ctx, int64_t i)
{
    ram_source *r = ctx;
    r->seg = rp_seg_find_from(r->s, r->snap, r->seg, i);
    return rp_x_in_seg(r->s, r->seg, i);
}

/* The descent's search: one slot computation per call (a 64-bit modulo costs more than the
 * comparisons of a whole leaf), then a walk over the samples or the level's arrays. */
static int64_t ram_find(void *ctx, int L, int64_t first, int64_t end, float value, bool want_min)
{
    const rp_series *s = ((ram_source *)ctx)->s;
    if (L == 0) {
        int64_t cap = s->capacity, stride = s->stride;
        int64_t slot = (first + s->slot_offset) % cap;
        for (int64_t i = first; i < end; i++) {
            if (*(const float *)(s->data + slot * stride) == value) return i;
            slot = slot + 1 == cap ? 0 : slot + 1;
        }
        return -1;
    }
    const rp_level *lv = &s->level[L - 1];
    const float *extreme = want_min ? lv->min : lv->max;
    int64_t slot = first % lv->slots;
    for (int64_t id = first; id < end; id++, slot = slot + 1 == lv->slots ? 0 : slot + 1)
        if ((lv->flags[slot] & RP_M4_FINITE) && extreme[slot] == value) return id;
    return -1;
}

static const rp_pyramid_ops ram_ops = {ram_accumulate, ram_unit, ram_sample, ram_x, ram_find};

/* The source over s as seen by snap; ram (the source's state) must outlive its use. */
static rp_pyramid_source ram_pyramid(const rp_series *s, const rp_snapshot *snap, ram_source *ram)
{
    *ram = (ram_source){s, snap, snap->seg_lo};
    rp_pyramid_source src = {&ram_ops, ram, s->levels, {1}};
    for (int k = 0; k < s->levels && k < RP_PYRAMID_MAX_LEVELS; k++)
        src.width[k + 1] = s->level[k].block;
    if (src.levels > RP_PYRAMID_MAX_LEVELS) src.levels = RP_PYRAMID_MAX_LEVELS;
    return src;
}

static void range_query(const rp_series *s, const rp_snapshot *snap, int64_t a, int64_t b,
                        rp_range_acc *acc)
{
    ram_source ram;
    rp_pyramid_source src = ram_pyramid(s, snap, &ram);
    rp_pyramid_range(&src, a, b, acc);
}

/* ---- index <-> x ------------------------------------------------------------------------------ */

/* Converts a fractional index to int64 without overflow for absurd view ranges. */
static int64_t clamp_index(double f)
{
    const double limit = 4.0e18;
    if (!(f > -limit)) return (int64_t)-limit;
    if (f > limit) return (int64_t)limit;
    return (int64_t)f;
}

static int64_t ceil_index(double f) { return clamp_index(ceil(f)); }
static int64_t floor_index(double f) { return clamp_index(floor(f)); }

/* One past the last index of segment j. */
static int64_t seg_end(const rp_series *s, const rp_snapshot *snap, int64_t j)
{
    return j + 1 < snap->seg_hi ? rp_seg_first(s, j + 1) : snap->head;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Does the answer for x lie in segment j (at or before its last sample)? Decided on the x the
 * series reports for that sample; once true, true for every later segment (x never decreases). */
static bool seg_reaches(const rp_series *s, const rp_snapshot *snap, int64_t j, double x,
                        bool strict)
{
    double xl = rp_x_in_seg(s, j, seg_end(s, snap, j) - 1);
    return strict ? xl > x : xl >= x;
}

/* First index whose x is >= x (> x when strict), clamped to [snap.lo, snap.head]: the segment
 * by bisection, then the sample by bisection on the x values the series reports, so a view or a
 * range that ends exactly on a sample's x includes it (arithmetic on (x - t0) · rate can miss
 * it by one ulp). */
static int64_t index_search(const rp_series *s, const rp_snapshot *snap, double x, bool strict)
{
    if (snap->lo >= snap->head) return snap->head;
    int64_t j = snap->seg_lo, hi = snap->seg_hi;
    while (j < hi) {
        int64_t mid = j + (hi - j) / 2;
        if (seg_reaches(s, snap, mid, x, strict))
            hi = mid;
        else
            j = mid + 1;
    }
    if (j >= snap->seg_hi) return snap->head;
    int64_t lo = rp_seg_first(s, j), top = seg_end(s, snap, j) - 1; /* top qualifies */
    if (lo < snap->lo) lo = snap->lo;
    while (lo < top) {
        int64_t mid = lo + (top - lo) / 2;
        double xm = rp_x_in_seg(s, j, mid);
        if (strict ? xm > x : xm >= x)
            top = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* First index whose x is >= x. */
static int64_t index_at_or_after(const rp_series *s, const rp_snapshot *snap, double x)
{
    return index_search(s, snap, x, false);
}

/* First index whose x is > x. */
static int64_t index_after(const rp_series *s, const rp_snapshot *snap, double x)
{
    return index_search(s, snap, x, true);
}

/* Grid coordinate of uniform segment j: u(i) = u0 + (i - base) * g with u = (x - t0) * rate in
 * the series' own units (the initial segment: u0 = 0, g = 1, so u(i) = i exactly). */
static void seg_grid(const rp_series *s, int64_t j, double *u0, double *g)
{
    int64_t e = j % s->seg.max;
    *u0 = (s->seg.t0[e] - s->desc.t0) * s->desc.rate;
    *g = s->desc.rate / s->seg.rate[e];
}

/* Column width rounded to 20 significant bits. Frames whose view spans differ only in the last
 * bits of a double (x1 - x0 at large x) then cut exactly the same columns: no jitter. */
static double grid_step(double step)
{
    int e;
    double m = frexp(step, &e);
    return ldexp(nearbyint(ldexp(m, 20)), e - 20);
}

void rp_grid_column(double span, int width, bool timestamped, double rate, double *dx, double *spc)
{
    double step = grid_step(span / width * (timestamped ? 1.0 : rate));
    *spc = step;
    *dx = timestamped ? step : step / rate;
}

/* ---- M4 ------------------------------------------------------------------------------------- */

/* Start index of grid column k: uniform series cut in index space (per segment), irregular in
 * x. */
/* Does grid coordinate u land at or before the last sample of uniform segment j? */
static bool seg_reaches_grid(const rp_series *s, const rp_snapshot *snap, int64_t j, double u)
{
    double u0, g;
    seg_grid(s, j, &u0, &g);
    return s->seg.base[j % s->seg.max] + ceil_index((u - u0) / g) <= seg_end(s, snap, j) - 1;
}

/* Where the previous column started, for the next one: columns come in order. */
typedef struct column_hint {
    int64_t seg;         /* uniform series: the segment of the previous column's start */
    int64_t index, step; /* timestamped: the previous start and its distance from the one before */
} column_hint;

static column_hint column_hint_at(const rp_snapshot *snap)
{
    return (column_hint){.seg = snap->seg_lo, .index = -1, .step = 0};
}

/* Does index i (in [snap.lo, snap.head)) reach x: its x >= x (> x when strict)? */
static bool index_reaches(const rp_series *s, const rp_snapshot *snap, int64_t i, double x,
                          bool strict)
{
    double xi = rp_x_snap(s, snap, i);
    return strict ? xi > x : xi >= x;
}

/* index_search started from guess: galloping out from it, then bisection. Columns of a
 * timestamped series lie a similar number of samples apart, so a guess from the previous two is
 * usually a probe or two off, where a search from scratch costs ~log2(n) cache misses a column. */
static int64_t index_search_near(const rp_series *s, const rp_snapshot *snap, double x, bool strict,
                                 int64_t guess)
{
    if (guess <= snap->lo || guess >= snap->head) return index_search(s, snap, x, strict);
    int64_t lo, hi; /* the answer is in [lo, hi]; hi reaches x or is snap.head */
    if (index_reaches(s, snap, guess, x, strict)) {
        hi = guess;
        for (int64_t step = 1;; step *= 2) {
            if (hi - step <= snap->lo) {
                lo = snap->lo;
                break;
            }
            if (!index_reaches(s, snap, hi - step, x, strict)) {
                lo = hi - step + 1;
                break;
            }
            hi -= step;
        }
    } else {
        lo = guess + 1;
        for (int64_t step = 1;; step *= 2) {
            if (lo + step - 1 >= snap->head) {
                hi = snap->head;
                break;
            }
            if (index_reaches(s, snap, lo + step - 1, x, strict)) {
                hi = lo + step - 1;
                break;
            }
            lo += step;
        }
    }
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (index_reaches(s, snap, mid, x, strict))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* hint: where the previous column started (updated): columns come in order, so the answer is
 * usually in the same segment (uniform series: the bisection is skipped) or near where the
 * previous column's width predicts (timestamped series). */
static int64_t column_start(const rp_series *s, const rp_snapshot *snap, int64_t k, double spc,
                            double dx, column_hint *hint)
{
    if (s->toff) {
        int64_t guess = hint->index < 0 ? -1 : hint->index + hint->step;
        int64_t i = index_search_near(s, snap, (double)k * dx, false, guess);
        hint->step = hint->index < 0 || i < hint->index ? 0 : i - hint->index;
        hint->index = i;
        return i;
    }
    if (snap->lo >= snap->head) return snap->head;
    double u = (double)k * spc;
    /* first segment where the index of u lands at or before its last sample */
    int64_t lo = snap->seg_lo, hi = snap->seg_hi;
    double u0, g;
    int64_t h = hint->seg;
    bool in_h = h >= lo && h < hi && seg_reaches_grid(s, snap, h, u);
    if (in_h && (h == lo || !seg_reaches_grid(s, snap, h - 1, u))) {
        lo = h;
    } else if (!in_h && h >= lo && h + 1 < hi && seg_reaches_grid(s, snap, h + 1, u)) {
        lo = h + 1;
    } else {
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            if (seg_reaches_grid(s, snap, mid, u))
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    hint->seg = lo;
    if (lo >= snap->seg_hi) return snap->head;
    seg_grid(s, lo, &u0, &g);
    int64_t first = rp_seg_first(s, lo);
    int64_t i = s->seg.base[lo % s->seg.max] + ceil_index((u - u0) / g);
    i = clamp64(i, first, seg_end(s, snap, lo) - 1);
    return clamp64(i, snap->lo, snap->head);
}

/* Walks the segments forward to say which indices start after a gap. */
typedef struct seg_cursor {
    int64_t j, next; /* segment of the last index asked, first index of the next one */
    bool active;     /* false: no gaps possible (timestamps or one segment) */
} seg_cursor;

static seg_cursor cursor_at(const rp_series *s, const rp_snapshot *snap, int64_t i)
{
    seg_cursor c = {0, INT64_MAX, !s->toff && snap->seg_hi - snap->seg_lo > 1 && i < snap->head};
    if (!c.active) return c;
    c.j = rp_seg_find(s, snap, i);
    c.next = c.j + 1 < snap->seg_hi ? rp_seg_first(s, c.j + 1) : INT64_MAX;
    return c;
}

/* True when index i (>= the last asked) starts a segment after a gap. */
static bool cursor_gap(const rp_series *s, const rp_snapshot *snap, seg_cursor *c, int64_t i)
{
    if (!c->active || i >= snap->head) return false;
    while (c->next <= i) {
        c->j++;
        c->next = c->j + 1 < snap->seg_hi ? rp_seg_first(s, c->j + 1) : INT64_MAX;
    }
    return rp_gap_before(s, snap, c->j, i);
}

/* Where the gap before index g is drawn: between samples g - 1 and g. */
static double gap_x(const rp_series *s, const rp_snapshot *snap, int64_t g)
{
    return 0.5 * (rp_x_snap(s, snap, g - 1) + rp_x_snap(s, snap, g));
}

/* ---- the history: samples older than the ring, served from elsewhere (a recording) --------- */

/* What the history holds for one query: series indices [lo, hi) (hi <= the ring's oldest). */
typedef struct hist_view {
    const rp_series_history_ops *ops;
    void *ctx;
    rp_pyramid_source src;
    int64_t offset, count; /* series index of history sample 0; samples it holds */
    int64_t lo, hi;        /* set per attempt */
} hist_view;

/* The history of s when this thread may read it and it holds something (else NULL). */
static hist_view *hist_open(const rp_series *s, hist_view *h)
{
    const rp_series_history_ops *ops = atomic_load(&((rp_series *)s)->history);
    if (!ops || !pthread_equal(pthread_self(), s->history_thread)) return NULL;
    h->ops = ops;
    h->ctx = s->history_ctx;
    if (!ops->view(h->ctx, &h->src, &h->offset, &h->count) || h->count <= 0) return NULL;
    return h;
}

/* Narrows h to what lies before the snapshot's oldest sample; NULL when nothing does. */
static hist_view *hist_for(hist_view *h, const rp_snapshot *snap)
{
    if (!h) return NULL;
    h->lo = h->offset;
    h->hi = h->offset + h->count < snap->lo ? h->offset + h->count : snap->lo;
    return h->hi > h->lo ? h : NULL;
}

/* First series index in the history whose x is >= x (> x when strict); `ram` when none. */
static int64_t hist_index(const hist_view *h, double x, bool strict, int64_t ram)
{
    int64_t i = h->offset + h->ops->index_search(h->ctx, x, strict);
    return i < h->hi ? i : ram;
}

static void hist_shift(rp_m4 *e, int64_t offset)
{
    e->start += offset;
    e->end += offset;
    if (e->first_i >= 0) e->first_i += offset;
    if (e->last_i >= 0) e->last_i += offset;
    if (e->min_i >= 0) e->min_i += offset;
    if (e->max_i >= 0) e->max_i += offset;
}

/* Does the history end before the ring begins (samples neither holds: a recording that stopped,
 * full or failed, while the ring went on)? Drawn as a gap, never as a line across the hole. */
static bool hist_hole(const hist_view *h, const rp_snapshot *snap)
{
    return h && h->offset + h->count < snap->lo;
}

/* Does series index i (in the history) start a segment after a gap? */
static bool hist_gap(const hist_view *h, int64_t i)
{
    return i > h->lo && h->ops->gap_before(h->ctx, i - h->offset);
}

/* x of series index i (in the history). */
static double hist_x(const hist_view *h, int64_t i)
{
    return h->src.ops->x(h->src.ctx, i - h->offset);
}

static double hist_gap_x(const hist_view *h, int64_t i)
{
    return 0.5 * (hist_x(h, i - 1) + hist_x(h, i));
}

static void hist_single(const hist_view *h, int64_t i, rp_m4 *e)
{
    rp_m4_single(&h->src, i - h->offset, e);
    hist_shift(e, h->offset);
}

/* Column [a, b) over the history and the ring: the history's part, then the ring's appended. */
static void column_both(const rp_pyramid_source *ram, const rp_snapshot *snap, const hist_view *h,
                        int64_t a, int64_t b, bool indices, rp_m4 *e)
{
    if (!h || a >= snap->lo) {
        rp_m4_column(ram, a, b, indices, e);
        return;
    }
    int64_t hb = b < h->hi ? b : h->hi, ha = a < hb ? a : hb;
    rp_m4_column(&h->src, ha - h->offset, hb - h->offset, indices, e);
    hist_shift(e, h->offset);
    if (b > snap->lo) {
        rp_m4 right;
        rp_m4_column(ram, snap->lo, b, indices, &right);
        rp_m4_append(e, &right);
    }
}

/* column_start, reaching into the history for columns that start before the ring's oldest. */
static int64_t column_start_both(const rp_series *s, const rp_snapshot *snap, const hist_view *h,
                                 int64_t k, double spc, double dx, column_hint *hint)
{
    int64_t i = column_start(s, snap, k, spc, dx, hint);
    if (!h || i > snap->lo) return i;
    return hist_index(h, (s->toff ? 0.0 : s->desc.t0) + (double)k * dx, false, i);
}

/* One attempt at the query on a snapshot. Returns the lowest index read. */
static rp_status decimate_once(const rp_series *s, const rp_snapshot *snap, hist_view *history,
                               double x0, double x1, int width, rp_decimation *r, int64_t *lowest)
{
    hist_view *h = hist_for(history, snap);
    r->count = 0;
    r->raw = false;
    r->column_dx = 0;
    r->first_column = 0;
    r->has_before = r->has_after = false;
    r->head = snap->head;
    r->oldest = snap->lo;
    *lowest = snap->head;
    if (snap->lo >= snap->head) {
        r->raw = true; /* no samples: trivially "no more than width" */
        return RP_OK;
    }

    ram_source ram;
    rp_pyramid_source src = ram_pyramid(s, snap, &ram);
    int64_t a = index_at_or_after(s, snap, x0); /* first sample with x >= x0 */
    int64_t b = index_after(s, snap, x1);       /* one past the last sample with x <= x1 */
    if (h && a == snap->lo) a = hist_index(h, x0, false, a);
    if (h && b == snap->lo) b = hist_index(h, x1, true, b);
    if (h) r->oldest = h->lo;
    int64_t before = a - 1, after = b;

    /* gaps that raw mode would draw as entries of their own: at a..b (b: before `after`) */
    int64_t gaps = 0;
    if (b - a <= width) {
        seg_cursor c = cursor_at(s, snap, a);
        for (int64_t j = c.j; c.active && j < snap->seg_hi; j++) {
            int64_t f = rp_seg_first(s, j);
            if (f > b) break;
            if (f >= a && rp_gap_before(s, snap, j, f)) gaps++;
        }
        for (int64_t i = a; h && i <= b && i < h->hi; i++) gaps += hist_gap(h, i);
        gaps += hist_hole(h, snap) && a < snap->lo && b > snap->lo;
    }
    if (b - a + gaps <= width) {
        if (b - a + gaps > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->raw = true;
        seg_cursor c = cursor_at(s, snap, a);
        for (int64_t i = a; i < b; i++) {
            if (i < snap->lo) { /* the history's (a hole between it and the ring: nothing) */
                if (!h || i >= h->hi) continue;
                if (hist_gap(h, i)) rp_m4_gap(i, hist_gap_x(h, i), &r->out[r->count++]);
                hist_single(h, i, &r->out[r->count++]);
                continue;
            }
            if (i == snap->lo && hist_hole(h, snap) && a < snap->lo) {
                double x = 0.5 * (hist_x(h, h->hi - 1) + rp_x_snap(s, snap, i));
                rp_m4_gap(i, x, &r->out[r->count++]);
            } else if (cursor_gap(s, snap, &c, i)) {
                rp_m4_gap(i, gap_x(s, snap, i), &r->out[r->count++]);
            }
            rp_m4_single(&src, i, &r->out[r->count++]);
        }
        if (cursor_gap(s, snap, &c, b)) rp_m4_gap(b, gap_x(s, snap, b), &r->out[r->count++]);
    } else {
        double dx, spc; /* spc: samples per column (uniform series) */
        rp_grid_column(x1 - x0, width, s->toff != NULL, s->desc.rate, &dx, &spc);
        int64_t k0, k1;
        if (s->toff) {
            k0 = floor_index(x0 / dx);
            k1 = floor_index(x1 / dx);
        } else {
            k0 = floor_index((x0 - s->desc.t0) * s->desc.rate / spc);
            k1 = floor_index((x1 - s->desc.t0) * s->desc.rate / spc);
        }
        /* k0/k1 come from x in floating point; nudge them so the columns provably cover every
         * sample in view, [a, b), even when k·spc rounds across an integer. */
        column_hint hint = column_hint_at(snap);
        for (int n = 0; n < 4 && column_start_both(s, snap, h, k0, spc, dx, &hint) > a; n++) k0--;
        for (int n = 0; n < 4 && column_start_both(s, snap, h, k1 + 1, spc, dx, &hint) < b; n++)
            k1++;
        if (k1 - k0 + 1 > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->column_dx = dx;
        r->first_column = k0;
        int64_t start = column_start_both(s, snap, h, k0, spc, dx, &hint);
        before = start - 1;
        seg_cursor c = cursor_at(s, snap, start);
        for (int64_t k = k0; k <= k1; k++) {
            int64_t end = column_start_both(s, snap, h, k + 1, spc, dx, &hint);
            rp_m4 *e = &r->out[r->count++];
            column_both(&src, snap, h, start, end, !r->skip_extreme_index, e);
            if (start < end && (start < snap->lo ? h && start < h->hi && hist_gap(h, start)
                                                 : cursor_gap(s, snap, &c, start) ||
                                                       (start == snap->lo && hist_hole(h, snap))))
                rp_m4_mark_gap(e);
            start = end;
        }
        after = start;
        a = r->out[0].start;
    }
    if (before >= snap->lo && before < snap->head) {
        r->has_before = true;
        rp_m4_single(&src, before, &r->before);
    } else if (h && before >= h->lo && before < h->hi) {
        r->has_before = true;
        hist_single(h, before, &r->before);
    }
    if (h && after >= h->lo && after < h->hi) {
        r->has_after = true;
        hist_single(h, after, &r->after);
    } else if (after >= snap->lo && after < snap->head) {
        r->has_after = true;
        rp_m4_single(&src, after, &r->after);
        if (!r->raw) {
            seg_cursor c = cursor_at(s, snap, after);
            if (cursor_gap(s, snap, &c, after)) rp_m4_mark_gap(&r->after);
        }
    }
    int64_t low = r->has_before ? before : a;
    *lowest = low < snap->lo ? snap->lo : low;
    return RP_OK;
}

typedef struct decimate_read {
    double x0, x1;
    int width;
    rp_decimation *result;
    hist_view *history;
} decimate_read;

static rp_status decimate_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                  int64_t *lowest)
{
    decimate_read *q = ctx;
    return decimate_once(s, snap, q->history, q->x0, q->x1, q->width, q->result, lowest);
}

rp_status rp_decimate(const rp_series *s, double x0, double x1, int width, rp_decimation *r)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    rp_log_sink *log = &((rp_series *)s)->log;
    if (!r || !r->out || width < 1 || r->out_capacity < 0)
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_decimate: series '%s': needs a result with an out buffer and "
                           "width >= 1 (width %d)",
                           s->name, width);
    if (!isfinite(x0) || !isfinite(x1) || !(x1 > x0))
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_decimate: series '%s': x range [%g, %g] must be finite with "
                           "x1 > x0",
                           s->name, x0, x1);
    if (s->backing) return s->backing->decimate(s->backing_ctx, x0, x1, width, r);
    hist_view history;
    decimate_read q = {x0, x1, width, r, hist_open(s, &history)};
    rp_status st = rp_series_read(s, decimate_attempt, &q);
    if (st == RP_ERR_OVERRUN) r->count = 0;
    if (st == RP_ERR_BUFFER_SMALL)
        rp_log_fail(log, st, RP_LOGITEM_BUFFER_TOO_SMALL,
                    "rp_decimate: series '%s': out_capacity %d is too small for width %d "
                    "(width + 2 is always enough)",
                    s->name, r->out_capacity, width);
    return st;
}

/* ---- other range queries ------------------------------------------------------------------ */

typedef struct y_range_read {
    double x0, x1;
    rp_range_acc acc;
    hist_view *history;
} y_range_read;

static rp_status y_range_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                 int64_t *lowest)
{
    y_range_read *q = ctx;
    int64_t a = index_at_or_after(s, snap, q->x0);
    int64_t b = index_after(s, snap, q->x1);
    range_query(s, snap, a, b > a ? b : a, &q->acc);
    hist_view *h = hist_for(q->history, snap);
    if (h && a == snap->lo) { /* the view reaches past the ring's oldest sample */
        int64_t ha = hist_index(h, q->x0, false, snap->lo), hb = hist_index(h, q->x1, true, h->hi);
        if (ha < hb) {
            rp_range_acc older;
            rp_pyramid_range(&h->src, ha - h->offset, hb - h->offset, &older);
            rp_summary_merge(&q->acc.sum, older.sum);
        }
    }
    *lowest = a;
    return RP_OK;
}

rp_status rp_series_y_range(const rp_series *s, double x0, double x1, float *y_min, float *y_max,
                            bool *found)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!y_min || !y_max || !found || isnan(x0) || isnan(x1) || x1 < x0)
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_y_range: series '%s': needs y_min, y_max, found and "
                           "x0 <= x1 (got [%g, %g])",
                           s->name, x0, x1);
    if (s->backing) return s->backing->y_range(s->backing_ctx, x0, x1, y_min, y_max, found);
    hist_view history;
    y_range_read q = {.x0 = x0, .x1 = x1, .history = hist_open(s, &history)};
    rp_status st = rp_series_read(s, y_range_attempt, &q);
    if (st != RP_OK) return st;
    *found = (q.acc.sum.flags & RP_M4_FINITE) != 0;
    if (*found) {
        *y_min = q.acc.sum.min;
        *y_max = q.acc.sum.max;
    }
    return RP_OK;
}

rp_status rp_series_view_y_range(const rp_series *s, double x0, double x1, float *y_min,
                                 float *y_max, bool *found)
{
    rp_status st = rp_series_y_range(s, x0, x1, y_min, y_max, found);
    if (st != RP_OK || *found || !(x1 > x0) || !isfinite(x0) || !isfinite(x1)) return st;
    /* Nothing in view: the line from the sample before to the sample after, unless a gap (an
     * entry of its own in raw mode) or a NaN breaks it. */
    rp_m4 out[4];
    rp_decimation d = {.out = out, .out_capacity = 4};
    if (rp_decimate(s, x0, x1, 1, &d) != RP_OK || d.count != 0 || !d.has_before || !d.has_after)
        return RP_OK;
    double xa = d.before.last_x, ya = d.before.last, xb = d.after.first_x, yb = d.after.first;
    if (!isfinite(ya) || !isfinite(yb) || !(xb > xa)) return RP_OK;
    double ta = (x0 - xa) / (xb - xa), tb = (x1 - xa) / (xb - xa);
    ta = ta < 0 ? 0 : ta > 1 ? 1 : ta;
    tb = tb < 0 ? 0 : tb > 1 ? 1 : tb;
    double va = ya + (yb - ya) * ta, vb = ya + (yb - ya) * tb;
    *y_min = (float)fmin(va, vb);
    *y_max = (float)fmax(va, vb);
    *found = true;
    return RP_OK;
}

typedef struct sample_near_read {
    double x;
    int64_t index;
    double sample_x;
    float value;
    hist_view *history;
} sample_near_read;

static rp_status sample_near_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                     int64_t *lowest)
{
    sample_near_read *q = ctx;
    if (snap->lo >= snap->head) return RP_ERR_INVALID_ARG; /* empty */
    int64_t i = index_at_or_after(s, snap, q->x);
    if (i >= snap->head) i = snap->head - 1;
    if (i > snap->lo && q->x - rp_x_snap(s, snap, i - 1) <= rp_x_snap(s, snap, i) - q->x) i--;
    q->index = i;
    q->sample_x = rp_x_snap(s, snap, i);
    q->value = rp_sample_at(s, i);
    *lowest = i;
    hist_view *h = hist_for(q->history, snap);
    if (h && i == snap->lo && q->x < q->sample_x) { /* older than the ring: the history's nearest */
        int64_t k = hist_index(h, q->x, false, h->hi);
        if (k >= h->hi) k = h->hi - 1;
        if (k > h->lo && q->x - hist_x(h, k - 1) <= hist_x(h, k) - q->x) k--;
        if (q->sample_x - q->x > q->x - hist_x(h, k)) { /* nearer than the ring's oldest */
            q->index = k;
            q->sample_x = hist_x(h, k);
            q->value = h->src.ops->sample(h->src.ctx, k - h->offset);
        }
    }
    return RP_OK;
}

rp_status rp_series_sample_near(const rp_series *s, double x, int64_t *index, double *sample_x,
                                float *value)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!index || !sample_x || !value || isnan(x))
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_sample_near: series '%s': needs index, sample_x, value "
                           "and an x that is not NaN",
                           s->name);
    if (s->backing) return s->backing->sample_near(s->backing_ctx, x, index, sample_x, value);
    hist_view history;
    sample_near_read q = {.x = x, .history = hist_open(s, &history)};
    rp_status st = rp_series_read(s, sample_near_attempt, &q);
    if (st == RP_OK) {
        *index = q.index;
        *sample_x = q.sample_x;
        *value = q.value;
    }
    return st;
}

/* ---- raw samples ending at a place: the ring, its history, or a recording's samples --------- */

/* The history to read raw samples from: a recording's own samples (its backing), or the
 * scroll-back history of a live series (hist_open's rules); NULL when there is none. */
static hist_view *hist_open_samples(const rp_series *s, hist_view *h)
{
    if (!s->backing) return hist_open(s, h);
    const rp_series_history_ops *ops = s->backing->samples;
    h->ops = ops;
    h->ctx = s->backing_ctx;
    if (!ops || !ops->view(h->ctx, &h->src, &h->offset, &h->count) || h->count <= 0) return NULL;
    return h;
}

typedef struct span_read {
    bool by_x;   /* the end is where x falls (else `end`) */
    double x;    /* the last sample copied is the last with x <= this */
    int64_t end; /* or: one past the last sample's index */
    float *out;
    int64_t want;
    hist_view *history;
    rp_sample_span result;
} span_read;

/* Sample i and its x, from the ring (i >= snap->lo) or the history. */
static float span_sample(const rp_series *s, const hist_view *h, int64_t lo, int64_t i)
{
    return i >= lo ? rp_sample_at(s, i) : h->src.ops->sample(h->src.ctx, i - h->offset);
}

static double span_x(const rp_series *s, const rp_snapshot *snap, const hist_view *h, int64_t i)
{
    return i >= snap->lo ? rp_x_snap(s, snap, i) : hist_x(h, i);
}

static rp_status span_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                              int64_t *lowest)
{
    span_read *q = ctx;
    hist_view *h = hist_for(q->history, snap);
    bool ring = snap->lo < snap->head;
    int64_t end = q->end;
    if (q->by_x) {
        end = ring ? index_after(s, snap, q->x) : snap->lo;
        if (end == snap->lo && h) end = hist_index(h, q->x, true, snap->lo);
    }
    if (end > snap->head) end = snap->head;
    /* the samples held contiguously before `end`: the ring's, continued by the history's when
     * it reaches the ring's oldest (a hole between them ends the run) */
    int64_t first = end;
    if (ring && end > snap->lo) first = end - q->want > snap->lo ? end - q->want : snap->lo;
    bool from_history = first < end ? h && first == snap->lo && h->hi == snap->lo
                                    : h && end > h->lo && end <= h->hi;
    if (from_history) first = end - q->want > h->lo ? end - q->want : h->lo;
    rp_sample_span *r = &q->result;
    r->end = end;
    r->first = first;
    r->got = end - first;
    for (int64_t i = first; i < end; i++) q->out[i - first] = span_sample(s, h, snap->lo, i);
    if (r->got > 0) {
        r->x_first = span_x(s, snap, h, first);
        r->x_last = span_x(s, snap, h, end - 1);
    }
    if (ring && end > snap->lo) *lowest = first > snap->lo ? first : snap->lo;
    return RP_OK;
}

static rp_status span_copy(const rp_series *s, span_read *q, const char *call)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!q->out || q->want < 1 || (q->by_x && isnan(q->x)))
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "%s: series '%s': needs out, n >= 1 and an x that is not NaN", call,
                           s->name);
    hist_view history;
    q->history = hist_open_samples(s, &history);
    q->result = (rp_sample_span){0};
    return rp_series_read(s, span_attempt, q);
}

rp_status rp_series_copy_to_x(const rp_series *s, double x, float *out, int64_t n,
                              rp_sample_span *span)
{
    span_read q = {.by_x = true, .x = x, .out = out, .want = n};
    rp_status st = span_copy(s, &q, "rp_series_copy_to_x");
    if (span) *span = q.result;
    return st;
}

rp_status rp_series_copy_to_index(const rp_series *s, int64_t end, float *out, int64_t n,
                                  rp_sample_span *span)
{
    span_read q = {.end = end, .out = out, .want = n};
    rp_status st = span_copy(s, &q, "rp_series_copy_to_index");
    if (span) *span = q.result;
    return st;
}

rp_status rp_series_copy_ending_at(const rp_series *s, double x, float *out, int64_t n,
                                   int64_t *got, double *x_first, double *x_last)
{
    /* a bad handle or argument changes nothing, *got included */
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!got || !out || n < 1 || isnan(x))
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_copy_ending_at: series '%s': needs got, out, n >= 1 and an "
                           "x that is not NaN",
                           s->name);
    rp_sample_span span;
    rp_status st = rp_series_copy_to_x(s, x, out, n, &span);
    if (st != RP_OK) return st;
    *got = span.got;
    if (span.got > 0) {
        if (x_first) *x_first = span.x_first;
        if (x_last) *x_last = span.x_last;
    }
    return st;
}

/* ---- statistics ------------------------------------------------------------------------------ */

rp_moments rp_moments_raw(const rp_series *s, int64_t a, int64_t b, bool all_finite)
{
    double c = 0, s1[RP_SUM_LANES] = {0}, s2[RP_SUM_LANES] = {0};
    int64_t n = 0;
    int64_t slot = (a + s->slot_offset) % s->capacity;
    bool have_c = false;
    while (a < b) {
        int64_t run = s->capacity - slot < b - a ? s->capacity - slot : b - a;
        if (all_finite && s->stride == (int64_t)sizeof(float)) {
            const float *x = (const float *)s->data + slot;
            if (!have_c) {
                c = x[0]; /* shift by a sample: a large offset does not cancel the variance */
                have_c = true;
            }
            s->sums(x, run, c, s1, s2);
            n += run;
        } else {
            const char *p = s->data + slot * s->stride;
            for (int64_t i = 0; i < run; i++, p += s->stride) {
                float v = *(const float *)p;
                if (v - v != 0.0f) continue; /* NaN or ±Inf: counted out */
                if (!have_c) {
                    c = v;
                    have_c = true;
                }
                double d = (double)v - c;
                s1[0] += d;
                s2[0] += d * d;
                n++;
            }
        }
        a += run;
        slot = 0;
    }
    rp_moments m = {n, 0, 0};
    if (n > 0) {
        double t1 = 0, t2 = 0;
        for (int l = 0; l < RP_SUM_LANES; l++) {
            t1 += s1[l];
            t2 += s2[l];
        }
        m.mean = c + t1 / (double)n;
        m.m2 = t2 - t1 * t1 / (double)n;
        if (m.m2 < 0) m.m2 = 0;
    }
    return m;
}

static void moments_blocks(const rp_series *s, int k, int64_t first, int64_t end, rp_moments *acc)
{
    const rp_level *lv = &s->level[k];
    int64_t slot = first % lv->slots;
    for (int64_t id = first; id < end; id++, slot = slot + 1 == lv->slots ? 0 : slot + 1)
        rp_moments_merge(acc, (rp_moments){lv->count[slot], lv->mean[slot], lv->m2[slot]});
}

/* Blocks [first, end) of level k (>= sum_level), using coarser levels for the aligned middle. */
static void moments_level(const rp_series *s, int k, int64_t first, int64_t end, rp_moments *acc)
{
    if (first >= end) return;
    if (k + 1 < s->levels) {
        int64_t parent_first = (first + RP_FANOUT - 1) / RP_FANOUT;
        int64_t parent_end = end / RP_FANOUT;
        if (parent_first < parent_end) {
            moments_blocks(s, k, first, parent_first * RP_FANOUT, acc);
            moments_level(s, k + 1, parent_first, parent_end, acc);
            moments_blocks(s, k, parent_end * RP_FANOUT, end, acc);
            return;
        }
    }
    moments_blocks(s, k, first, end, acc);
}

/* Moments of [a, b): raw samples up to the sum level's block boundaries, blocks between. */
static rp_moments range_moments(const rp_series *s, int64_t a, int64_t b)
{
    rp_moments m = {0, 0, 0};
    if (a >= b) return m;
    if (s->sum_level >= s->levels) return rp_moments_raw(s, a, b, false);
    int64_t block = s->level[s->sum_level].block;
    int64_t ba = (a + block - 1) / block, bb = b / block;
    if (ba >= bb) return rp_moments_raw(s, a, b, false);
    m = rp_moments_raw(s, a, ba * block, false);
    moments_level(s, s->sum_level, ba, bb, &m);
    rp_moments_merge(&m, rp_moments_raw(s, bb * block, b, false));
    return m;
}

void rp_range_stats_fill(rp_range_stats *o, int64_t count, double x_first, double x_last,
                         rp_summary sum, rp_moments m, int64_t pending)
{
    memset(o, 0, sizeof *o);
    o->count = count;
    o->min = o->max = o->peak_to_peak = o->mean = o->rms = o->stddev = NAN;
    o->x_first = o->x_last = NAN;
    if (count <= 0) return;
    o->x_first = x_first;
    o->x_last = x_last;
    o->flags = sum.flags;
    if (sum.flags & RP_M4_FINITE) {
        o->min = sum.min;
        o->max = sum.max;
        o->peak_to_peak = (double)sum.max - (double)sum.min;
    }
    o->pending = pending;
    if (pending > 0) {
        o->finite = -1;
        return;
    }
    o->finite = m.n;
    if (m.n > 0) {
        o->mean = m.mean;
        double var = m.m2 / (double)m.n;
        o->stddev = sqrt(var);
        o->rms = sqrt(m.mean * m.mean + var);
    }
}

typedef struct range_stats_read {
    double x0, x1;
    rp_range_stats *out;
    hist_view *history; /* NULL, or one whose ops sum moments */
    int64_t budget;     /* history samples whose block sums this call may still make */
} range_stats_read;

/* The ring's part [a, b) from its pyramid; the history's part, when the range reaches past the
 * ring's oldest sample, from the history's summaries and block sums (as rp_series_y_range
 * splits it), merged. */
static rp_status range_stats_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                     int64_t *lowest)
{
    range_stats_read *q = ctx;
    int64_t a = index_at_or_after(s, snap, q->x0);
    int64_t b = index_after(s, snap, q->x1);
    if (b < a) b = a;
    *lowest = a;
    rp_range_acc acc;
    range_query(s, snap, a, b, &acc);
    rp_moments m = range_moments(s, a, b);
    int64_t count = b - a, pending = 0;
    double x_first = a < b ? rp_x_snap(s, snap, a) : NAN;
    double x_last = a < b ? rp_x_snap(s, snap, b - 1) : NAN;
    hist_view *h = hist_for(q->history, snap);
    if (h && a == snap->lo) {
        int64_t ha = hist_index(h, q->x0, false, snap->lo), hb = hist_index(h, q->x1, true, h->hi);
        if (ha < hb) {
            rp_range_acc older;
            rp_pyramid_range(&h->src, ha - h->offset, hb - h->offset, &older);
            rp_summary_merge(&acc.sum, older.sum);
            rp_moments hm = {0, 0, 0};
            pending = h->ops->moments(h->ctx, ha - h->offset, hb - h->offset, &q->budget, &hm);
            rp_moments_merge(&hm, m); /* older first: the order the samples came in */
            m = hm;
            count += hb - ha;
            x_first = hist_x(h, ha);
            if (a >= b) x_last = hist_x(h, hb - 1);
        }
    }
    rp_range_stats_fill(q->out, count, x_first, x_last, acc.sum, m, pending);
    return RP_OK;
}

rp_status rp_series_range_stats(const rp_series *s, double x0, double x1, rp_range_stats *out)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!out || isnan(x0) || isnan(x1) || x1 < x0)
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_range_stats: series '%s': needs out and x0 <= x1 (got "
                           "[%g, %g])",
                           s->name, x0, x1);
    if (s->backing && s->backing->range_stats)
        return s->backing->range_stats(s->backing_ctx, x0, x1, out);
    if (s->backing)
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_series_range_stats: series '%s' keeps no statistics", s->name);
    rp_range_stats r;
    hist_view history;
    range_stats_read q = {x0, x1, &r, hist_open(s, &history), RP_RECORDING_STATS_SCAN};
    if (q.history && !q.history->ops->moments) q.history = NULL; /* keeps no moments: the ring's */
    rp_status st = rp_series_read(s, range_stats_attempt, &q);
    if (st == RP_OK) *out = r;
    return st;
}
