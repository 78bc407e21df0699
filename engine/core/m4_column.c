/* m4_column.c — the range query and the M4 column over any rp_pyramid_source (pyramid_source.h).
 *
 * A range [a, b) is split, in time order, into the largest aligned units: the highest level with
 * a whole unit inside the range takes its units, the two edges recurse one level down. At most
 * 2 · (sum of the fan-outs) units are read whatever b - a is. The min and max keep the first
 * occurrence (strict comparisons, pieces in time order); their sample index is then found by
 * descending from the winning unit to the first child holding the same value. */
#include <string.h>

#include "core/pyramid_source.h"

static void query(const rp_pyramid_source *src, int level, int64_t a, int64_t b, rp_range_acc *acc)
{
    while (a < b) {
        if (level == 0) {
            src->ops->accumulate(src->ctx, 0, a, b, acc);
            return;
        }
        int64_t w = src->width[level], ua = (a + w - 1) / w, ub = b / w;
        if (ua >= ub) {
            level--;
            continue;
        }
        query(src, level - 1, a, ua * w, acc);
        src->ops->accumulate(src->ctx, level, ua, ub, acc);
        a = ub * w; /* the right edge, one level down */
        level--;
    }
}

void rp_pyramid_range(const rp_pyramid_source *src, int64_t a, int64_t b, rp_range_acc *acc)
{
    acc->sum = rp_summary_empty();
    acc->min_level = acc->max_level = -1;
    acc->min_pos = acc->max_pos = -1;
    int level = src->levels;
    while (level > 0 && src->width[level] > b - a) level--; /* no whole unit fits above */
    query(src, level, a, b, acc);
}

int64_t rp_pyramid_resolve(const rp_pyramid_source *src, const rp_range_acc *acc, bool want_min)
{
    int level = want_min ? acc->min_level : acc->max_level;
    int64_t pos = want_min ? acc->min_pos : acc->max_pos;
    float value = want_min ? acc->sum.min : acc->sum.max;
    if (pos < 0 || level < 0) return -1;
    for (; level > 0; level--) {
        int64_t fan = src->width[level] / src->width[level - 1];
        int64_t c = pos * fan, end = c + fan;
        if (src->ops->find) {
            c = src->ops->find(src->ctx, level - 1, c, end, value, want_min);
            if (c < 0) return -1; /* cannot happen with intact data */
        } else if (level == 1) {
            while (c < end && src->ops->sample(src->ctx, c) != value) c++;
        } else {
            for (; c < end; c++) {
                rp_summary u = src->ops->unit(src->ctx, level - 1, c);
                if ((u.flags & RP_M4_FINITE) && (want_min ? u.min : u.max) == value) break;
            }
        }
        if (c == end) return -1; /* cannot happen with intact data */
        pos = c;
    }
    return pos;
}

void rp_m4_single(const rp_pyramid_source *src, int64_t i, rp_m4 *e)
{
    float v = src->ops->sample(src->ctx, i);
    double x = src->ops->x(src->ctx, i);
    memset(e, 0, sizeof *e);
    e->start = i;
    e->end = i + 1;
    e->first_i = e->last_i = i;
    e->first_x = e->last_x = e->min_x = e->max_x = x;
    e->first = e->last = v;
    rp_summary sum = rp_summary_empty();
    rp_summary_add(&sum, v);
    e->flags = sum.flags;
    if (sum.flags & RP_M4_FINITE) {
        e->min_i = e->max_i = i;
        e->min = e->max = v;
    } else {
        e->min_i = e->max_i = -1;
    }
}

void rp_m4_column(const rp_pyramid_source *src, int64_t a, int64_t b, bool indices, rp_m4 *e)
{
    memset(e, 0, sizeof *e);
    e->start = a;
    e->end = b;
    e->first_i = e->last_i = e->min_i = e->max_i = -1;
    if (a >= b) return;
    rp_range_acc acc;
    rp_pyramid_range(src, a, b, &acc);
    e->flags = acc.sum.flags;
    e->first_i = a;
    e->last_i = b - 1;
    e->first = src->ops->sample(src->ctx, a);
    e->last = src->ops->sample(src->ctx, b - 1);
    e->first_x = src->ops->x(src->ctx, a);
    e->last_x = src->ops->x(src->ctx, b - 1);
    if (!(acc.sum.flags & RP_M4_FINITE)) return;
    e->min = acc.sum.min;
    e->max = acc.sum.max;
    if (indices) {
        e->min_i = rp_pyramid_resolve(src, &acc, true);
        e->max_i = rp_pyramid_resolve(src, &acc, false);
        e->min_x = e->min_i >= 0 ? src->ops->x(src->ctx, e->min_i) : e->first_x;
        e->max_x = e->max_i >= 0 ? src->ops->x(src->ctx, e->max_i) : e->first_x;
    } else {
        e->min_x = e->max_x = 0.5 * (e->first_x + e->last_x);
    }
}

void rp_m4_append(rp_m4 *e, const rp_m4 *right)
{
    if (right->start >= right->end) return;
    if (e->start >= e->end) {
        *e = *right;
        return;
    }
    bool indices = e->min_i >= 0 || right->min_i >= 0;
    if (right->flags & RP_M4_FINITE) {
        bool had = (e->flags & RP_M4_FINITE) != 0;
        if (!had || right->min < e->min) {
            e->min = right->min;
            e->min_i = right->min_i;
            e->min_x = right->min_x;
        }
        if (!had || right->max > e->max) {
            e->max = right->max;
            e->max_i = right->max_i;
            e->max_x = right->max_x;
        }
    }
    e->flags |= right->flags;
    e->end = right->end;
    e->last_i = right->last_i;
    e->last_x = right->last_x;
    e->last = right->last;
    if (!indices && (e->flags & RP_M4_FINITE)) e->min_x = e->max_x = 0.5 * (e->first_x + e->last_x);
}

void rp_m4_gap(int64_t g, double x, rp_m4 *e)
{
    memset(e, 0, sizeof *e);
    e->start = e->end = g;
    e->first_i = e->last_i = e->min_i = e->max_i = -1;
    e->first = e->last = NAN;
    e->first_x = e->last_x = e->min_x = e->max_x = x;
    e->flags = RP_M4_NAN | RP_M4_GAP;
}

void rp_m4_mark_gap(rp_m4 *e)
{
    e->first = NAN;
    e->flags |= RP_M4_NAN | RP_M4_GAP;
}
