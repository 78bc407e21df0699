/* pyramid_source.h — one M4 column builder over any min-max pyramid.
 *
 * The in-memory series (decimate.c: a ring and its pyramid) and a recording file
 * (engine/record/reader.c: blocks on disk and their pyramid) describe their pyramid through an
 * rp_pyramid_source: how wide a unit of each level is, how to fold a run of units of one level into
 * an accumulator, one unit's summary, one sample and its x. The range query (largest aligned units
 * first, pieces in time order), the descent to the index of an extreme and the M4 column itself
 * are written once, here (m4_column.c). No allocation; nothing here is thread-aware: the source's
 * own reads are (decimate.c runs them inside its optimistic read protocol).
 *
 * Level 0 is the samples themselves (width 1); level L >= 1 holds units of width[L] samples,
 * width[L] a multiple of width[L - 1]; unit u of level L covers samples [u · width[L], +width[L]).
 */
#ifndef RP_CORE_PYRAMID_SOURCE_H
#define RP_CORE_PYRAMID_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/minmax.h"
#include "ringplot.h"

#define RP_PYRAMID_MAX_LEVELS 32

/* Min and max of a range with where they were first met: unit min_pos of level min_level (level
 * 0: a sample index; -1: none seen). Pieces are folded in time order with strict comparisons, so
 * the position is the first occurrence. */
typedef struct rp_range_acc {
    rp_summary sum;
    int min_level, max_level;
    int64_t min_pos, max_pos;
} rp_range_acc;

static inline void rp_range_acc_unit(rp_range_acc *acc, int level, int64_t pos, rp_summary u)
{
    acc->sum.flags |= u.flags;
    if (!(u.flags & RP_M4_FINITE)) return;
    if (u.min < acc->sum.min) {
        acc->sum.min = u.min;
        acc->min_level = level;
        acc->min_pos = pos;
    }
    if (u.max > acc->sum.max) {
        acc->sum.max = u.max;
        acc->max_level = level;
        acc->max_pos = pos;
    }
}

typedef struct rp_pyramid_ops {
    /* Folds units [first, end) of `level` (0: samples) into acc, in order, as rp_range_acc_unit
     * would one by one (a source may inline that for speed). */
    void (*accumulate)(void *ctx, int level, int64_t first, int64_t end, rp_range_acc *acc);
    rp_summary (*unit)(void *ctx, int level, int64_t u); /* level >= 1 */
    float (*sample)(void *ctx, int64_t i);
    double (*x)(void *ctx, int64_t i);
    /* Optional (NULL: unit / sample one by one): the first of units [first, end) of `level`
     * (0: samples) that is finite with min (want_min) or max equal to value; -1 when none. One
     * call per step of the descent to an extreme, instead of one per child. */
    int64_t (*find)(void *ctx, int level, int64_t first, int64_t end, float value, bool want_min);
} rp_pyramid_ops;

typedef struct rp_pyramid_source {
    const rp_pyramid_ops *ops;
    void *ctx;                                /* the source's state, borrowed */
    int levels;                               /* levels above the samples (0: samples only) */
    int64_t width[RP_PYRAMID_MAX_LEVELS + 1]; /* width[0] = 1 */
} rp_pyramid_source;

/* Min and max of samples [a, b) with where they were first met. */
void rp_pyramid_range(const rp_pyramid_source *src, int64_t a, int64_t b, rp_range_acc *acc);
/* Index of the first finite sample of range [a, b) equal to the min (want_min) or max that acc
 * found, -1 when none (damaged data). */
int64_t rp_pyramid_resolve(const rp_pyramid_source *src, const rp_range_acc *acc, bool want_min);
/* The M4 entry of samples [a, b) (start = a, end = b; an empty range gives an empty entry).
 * indices: find the min's and max's sample index and x (else both x are the column's middle). */
void rp_m4_column(const rp_pyramid_source *src, int64_t a, int64_t b, bool indices, rp_m4 *e);
/* The M4 entry of the single sample i. */
void rp_m4_single(const rp_pyramid_source *src, int64_t i, rp_m4 *e);
/* Folds column `right` (the samples right after those of e) into e: time order kept, a tie keeps
 * e's min or max (the first occurrence). */
void rp_m4_append(rp_m4 *e, const rp_m4 *right);
/* A raw-mode entry that only breaks the line between samples g - 1 and g (x: between them). */
void rp_m4_gap(int64_t g, double x, rp_m4 *e);
/* Marks a column whose first sample follows a gap: the line must not join it to the left. */
void rp_m4_mark_gap(rp_m4 *e);

#endif
