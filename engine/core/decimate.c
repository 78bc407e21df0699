/* decimate.c — M4 decimation and the other range queries over the min-max pyramid.
 *
 * A range [a, b) is split, in time order, into raw samples up to the first leaf boundary, the
 * largest aligned blocks of each level, and raw samples after the last leaf boundary: at most
 * 2·(RP_LEAF + RP_FANOUT·levels) reads whatever b - a is. The min and max keep the first
 * occurrence (strict comparisons, pieces in time order); their index is then found by descending
 * from the winning block to the first child holding the same value. */
#include <string.h>

#include "core/series_internal.h"

/* ---- range min-max --------------------------------------------------------------------------- */

typedef struct range_acc {
    rp_summary sum;
    int min_level, max_level; /* -1: min_pos is a sample index; k: a block id of level k */
    int64_t min_pos, max_pos;
} range_acc;

/* Scans samples [a, b) in order. The slot is advanced rather than recomputed: a 64-bit modulo
 * per sample would cost more than the comparison itself. */
static void acc_raw(const rp_series *s, int64_t a, int64_t b, range_acc *acc)
{
    if (a >= b) return;
    const float *ring = s->ring;
    int64_t slot = a % s->capacity, cap = s->capacity;
    for (int64_t i = a; i < b; i++) {
        float v = ring[slot];
        if (++slot == cap) slot = 0;
        if (v - v == 0.0f) {
            acc->sum.flags |= RP_M4_FINITE;
            if (v < acc->sum.min) {
                acc->sum.min = v;
                acc->min_level = -1;
                acc->min_pos = i;
            }
            if (v > acc->sum.max) {
                acc->sum.max = v;
                acc->max_level = -1;
                acc->max_pos = i;
            }
        } else if (v != v) {
            acc->sum.flags |= RP_M4_NAN;
        } else {
            acc->sum.flags |= v > 0 ? RP_M4_POS_INF : RP_M4_NEG_INF;
        }
    }
}

static void acc_blocks(const rp_series *s, int k, int64_t first, int64_t end, range_acc *acc)
{
    if (first >= end) return;
    const rp_level *lv = &s->level[k];
    int64_t slot = first % lv->slots;
    for (int64_t id = first; id < end; id++, slot = slot + 1 == lv->slots ? 0 : slot + 1) {
        uint8_t flags = lv->flags[slot];
        acc->sum.flags |= flags;
        if (!(flags & RP_M4_FINITE)) continue;
        if (lv->min[slot] < acc->sum.min) {
            acc->sum.min = lv->min[slot];
            acc->min_level = k;
            acc->min_pos = id;
        }
        if (lv->max[slot] > acc->sum.max) {
            acc->sum.max = lv->max[slot];
            acc->max_level = k;
            acc->max_pos = id;
        }
    }
}

/* Blocks [first, end) of level k, using coarser levels for the aligned middle. */
static void acc_level(const rp_series *s, int k, int64_t first, int64_t end, range_acc *acc)
{
    while (k + 1 < s->levels) {
        int64_t parent_first = (first + RP_FANOUT - 1) / RP_FANOUT;
        int64_t parent_end = end / RP_FANOUT;
        if (parent_first >= parent_end) break;
        acc_blocks(s, k, first, parent_first * RP_FANOUT, acc);
        acc_level(s, k + 1, parent_first, parent_end, acc);
        acc_blocks(s, k, parent_end * RP_FANOUT, end, acc);
        return;
    }
    acc_blocks(s, k, first, end, acc);
}

static void range_query(const rp_series *s, int64_t a, int64_t b, range_acc *acc)
{
    acc->sum = rp_summary_empty();
    acc->min_level = acc->max_level = -1;
    acc->min_pos = acc->max_pos = -1;
    int64_t leaf_a = (a + RP_LEAF - 1) / RP_LEAF, leaf_b = b / RP_LEAF;
    if (s->levels == 0 || leaf_a >= leaf_b) {
        acc_raw(s, a, b, acc);
        return;
    }
    acc_raw(s, a, leaf_a * RP_LEAF, acc);
    acc_level(s, 0, leaf_a, leaf_b, acc);
    acc_raw(s, leaf_b * RP_LEAF, b, acc);
}

/* Index of the first finite sample equal to value inside block id of level k. */
static int64_t descend(const rp_series *s, int k, int64_t id, float value, bool want_min)
{
    for (; k > 0; k--) {
        const rp_level *child = &s->level[k - 1];
        const float *values = want_min ? child->min : child->max;
        int64_t c = id * RP_FANOUT, end = c + RP_FANOUT, slot = c % child->slots;
        for (; c < end; c++, slot = slot + 1 == child->slots ? 0 : slot + 1)
            if ((child->flags[slot] & RP_M4_FINITE) && values[slot] == value) break;
        if (c == end) return -1; /* cannot happen with intact data; the read will be rejected */
        id = c;
    }
    int64_t slot = (id * RP_LEAF) % s->capacity;
    for (int64_t i = id * RP_LEAF, end = i + RP_LEAF; i < end; i++) {
        if (s->ring[slot] == value) return i;
        if (++slot == s->capacity) slot = 0;
    }
    return -1;
}

static int64_t resolve(const rp_series *s, int level, int64_t pos, float value, bool want_min)
{
    if (pos < 0) return -1;
    return level < 0 ? pos : descend(s, level, pos, value, want_min);
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

/* First index in [lo, hi) whose timestamp is >= t (hi when none). Irregular series. */
static int64_t lower_bound_time(const rp_series *s, int64_t lo, int64_t hi, double t)
{
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (s->times[mid % s->capacity] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First index whose x is >= x, clamped to [snap.lo, snap.head]. */
static int64_t index_at_or_after(const rp_series *s, const rp_snapshot *snap, double x)
{
    if (s->times) return lower_bound_time(s, snap->lo, snap->head, x);
    int64_t i = ceil_index((x - s->desc.t0) * s->desc.rate);
    return i < snap->lo ? snap->lo : i > snap->head ? snap->head : i;
}

/* First index whose x is > x, clamped likewise. */
static int64_t index_after(const rp_series *s, const rp_snapshot *snap, double x)
{
    if (s->times) return lower_bound_time(s, snap->lo, snap->head, nextafter(x, INFINITY));
    int64_t i = floor_index((x - s->desc.t0) * s->desc.rate) + 1;
    return i < snap->lo ? snap->lo : i > snap->head ? snap->head : i;
}

/* Column width rounded to 20 significant bits. Frames whose view spans differ only in the last
 * bits of a double (x1 - x0 at large x) then cut exactly the same columns: no jitter. */
double rp_grid_step(double step)
{
    int e;
    double m = frexp(step, &e);
    return ldexp(nearbyint(ldexp(m, 20)), e - 20);
}

/* ---- M4 ------------------------------------------------------------------------------------- */

static void m4_single(const rp_series *s, int64_t i, rp_m4 *e)
{
    float v = rp_sample_at(s, i);
    double x = rp_x_at(s, i);
    e->start = i;
    e->end = i + 1;
    e->first_i = e->last_i = i;
    e->first_x = e->last_x = x;
    e->first = e->last = v;
    e->flags = 0;
    rp_summary sum = rp_summary_empty();
    rp_summary_add(&sum, v);
    e->flags = sum.flags;
    if (sum.flags & RP_M4_FINITE) {
        e->min_i = e->max_i = i;
        e->min_x = e->max_x = x;
        e->min = e->max = v;
    } else {
        e->min_i = e->max_i = -1;
        e->min_x = e->max_x = x;
        e->min = e->max = 0;
    }
}

static void m4_column(const rp_series *s, int64_t a, int64_t b, bool indices, rp_m4 *e)
{
    memset(e, 0, sizeof *e);
    e->start = a;
    e->end = b;
    e->first_i = e->last_i = e->min_i = e->max_i = -1;
    if (a >= b) return;
    range_acc acc;
    range_query(s, a, b, &acc);
    e->flags = acc.sum.flags;
    e->first_i = a;
    e->last_i = b - 1;
    e->first = rp_sample_at(s, a);
    e->last = rp_sample_at(s, b - 1);
    e->first_x = rp_x_at(s, a);
    e->last_x = rp_x_at(s, b - 1);
    if (acc.sum.flags & RP_M4_FINITE) {
        e->min = acc.sum.min;
        e->max = acc.sum.max;
        if (indices) {
            e->min_i = resolve(s, acc.min_level, acc.min_pos, acc.sum.min, true);
            e->max_i = resolve(s, acc.max_level, acc.max_pos, acc.sum.max, false);
            e->min_x = e->min_i >= 0 ? rp_x_at(s, e->min_i) : e->first_x;
            e->max_x = e->max_i >= 0 ? rp_x_at(s, e->max_i) : e->first_x;
        } else {
            e->min_x = e->max_x = 0.5 * (e->first_x + e->last_x);
        }
    }
}

/* Start index of grid column k: uniform series cut in index space, irregular in x. */
static int64_t column_start(const rp_series *s, const rp_snapshot *snap, int64_t k, double spc,
                            double dx)
{
    if (s->times) return lower_bound_time(s, snap->lo, snap->head, (double)k * dx);
    int64_t i = ceil_index((double)k * spc);
    return i < snap->lo ? snap->lo : i > snap->head ? snap->head : i;
}

/* One attempt at the query on a snapshot. Returns the lowest index read. */
static rp_status decimate_once(const rp_series *s, const rp_snapshot *snap, double x0, double x1,
                               int width, rp_decimation *r, int64_t *lowest)
{
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

    int64_t a = index_at_or_after(s, snap, x0); /* first sample with x >= x0 */
    int64_t b = index_after(s, snap, x1);       /* one past the last sample with x <= x1 */
    int64_t before = a - 1, after = b;

    if (b - a <= width) {
        if (b - a > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->raw = true;
        for (int64_t i = a; i < b; i++) m4_single(s, i, &r->out[r->count++]);
    } else {
        double dx = rp_grid_step((x1 - x0) / width * (s->times ? 1.0 : s->desc.rate));
        double spc = dx;                /* samples per column (uniform series) */
        if (!s->times) dx = spc / s->desc.rate;
        int64_t k0, k1;
        if (s->times) {
            k0 = floor_index(x0 / dx);
            k1 = floor_index(x1 / dx);
        } else {
            k0 = floor_index((x0 - s->desc.t0) * s->desc.rate / spc);
            k1 = floor_index((x1 - s->desc.t0) * s->desc.rate / spc);
        }
        /* k0/k1 come from x in floating point; nudge them so the columns provably cover every
         * sample in view, [a, b), even when k·spc rounds across an integer. */
        for (int n = 0; n < 4 && column_start(s, snap, k0, spc, dx) > a; n++) k0--;
        for (int n = 0; n < 4 && column_start(s, snap, k1 + 1, spc, dx) < b; n++) k1++;
        if (k1 - k0 + 1 > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->column_dx = dx;
        r->first_column = k0;
        int64_t start = column_start(s, snap, k0, spc, dx);
        before = start - 1;
        for (int64_t k = k0; k <= k1; k++) {
            int64_t end = column_start(s, snap, k + 1, spc, dx);
            m4_column(s, start, end, !r->skip_extreme_index, &r->out[r->count++]);
            start = end;
        }
        after = start;
        a = r->out[0].start;
    }
    if (before >= snap->lo && before < snap->head) {
        r->has_before = true;
        m4_single(s, before, &r->before);
    }
    if (after >= snap->lo && after < snap->head) {
        r->has_after = true;
        m4_single(s, after, &r->after);
    }
    int64_t low = r->has_before ? before : a;
    *lowest = low < snap->lo ? snap->lo : low;
    return RP_OK;
}

typedef struct decimate_read {
    double x0, x1;
    int width;
    rp_decimation *result;
} decimate_read;

static rp_status decimate_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                  int64_t *lowest)
{
    decimate_read *q = ctx;
    return decimate_once(s, snap, q->x0, q->x1, q->width, q->result, lowest);
}

rp_status rp_decimate(const rp_series *s, double x0, double x1, int width, rp_decimation *r)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    rp_log_sink *log = &((rp_series *)s)->log;
    if (!r || !r->out || width < 1 || r->out_capacity < 0)
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_decimate: series '%s': needs a result with an out buffer and "
                           "width >= 1 (width %d)", s->name, width);
    if (!isfinite(x0) || !isfinite(x1) || !(x1 > x0))
        return rp_log_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_decimate: series '%s': x range [%g, %g] must be finite with "
                           "x1 > x0", s->name, x0, x1);
    if (s->backing) return s->backing->decimate(s->backing_ctx, x0, x1, width, r);
    decimate_read q = {x0, x1, width, r};
    rp_status st = rp_series_read(s, decimate_attempt, &q);
    if (st == RP_ERR_OVERRUN) r->count = 0;
    if (st == RP_ERR_BUFFER_SMALL)
        rp_log_fail(log, st, RP_LOGITEM_BUFFER_TOO_SMALL,
                    "rp_decimate: series '%s': out_capacity %d is too small for width %d "
                    "(width + 2 is always enough)", s->name, r->out_capacity, width);
    return st;
}

/* ---- other range queries ------------------------------------------------------------------ */

typedef struct y_range_read {
    double x0, x1;
    range_acc acc;
} y_range_read;

static rp_status y_range_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                 int64_t *lowest)
{
    y_range_read *q = ctx;
    int64_t a = index_at_or_after(s, snap, q->x0);
    int64_t b = index_after(s, snap, q->x1);
    range_query(s, a, b > a ? b : a, &q->acc);
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
                           "x0 <= x1 (got [%g, %g])", s->name, x0, x1);
    if (s->backing) return s->backing->y_range(s->backing_ctx, x0, x1, y_min, y_max, found);
    y_range_read q = {.x0 = x0, .x1 = x1};
    rp_status st = rp_series_read(s, y_range_attempt, &q);
    if (st != RP_OK) return st;
    *found = (q.acc.sum.flags & RP_M4_FINITE) != 0;
    if (*found) {
        *y_min = q.acc.sum.min;
        *y_max = q.acc.sum.max;
    }
    return RP_OK;
}

typedef struct sample_near_read {
    double x;
    int64_t index;
    double sample_x;
    float value;
} sample_near_read;

static rp_status sample_near_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                     int64_t *lowest)
{
    sample_near_read *q = ctx;
    if (snap->lo >= snap->head) return RP_ERR_INVALID_ARG; /* empty */
    int64_t i = index_at_or_after(s, snap, q->x);
    if (i >= snap->head) i = snap->head - 1;
    if (i > snap->lo && q->x - rp_x_at(s, i - 1) <= rp_x_at(s, i) - q->x) i--;
    q->index = i;
    q->sample_x = rp_x_at(s, i);
    q->value = rp_sample_at(s, i);
    *lowest = i;
    return RP_OK;
}

rp_status rp_series_sample_near(const rp_series *s, double x, int64_t *index, double *sample_x,
                                float *value)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!index || !sample_x || !value || isnan(x))
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_sample_near: series '%s': needs index, sample_x, value "
                           "and an x that is not NaN", s->name);
    if (s->backing) return s->backing->sample_near(s->backing_ctx, x, index, sample_x, value);
    sample_near_read q = {.x = x};
    rp_status st = rp_series_read(s, sample_near_attempt, &q);
    if (st == RP_OK) {
        *index = q.index;
        *sample_x = q.sample_x;
        *value = q.value;
    }
    return st;
}
