/* minmax.h — the NaN/Inf-aware min-max kernel behind the pyramid. No GL, no allocation.
 * A summary keeps the finite min and max of a run of samples plus flag bits (the RP_M4_* values):
 * NaN is a gap and never a min or max; ±Inf are flagged, never poison the range. */
#ifndef RP_CORE_MINMAX_H
#define RP_CORE_MINMAX_H

#include <math.h>
#include <stdint.h>

#include "ringplot.h"

typedef struct rp_summary {
    float min, max; /* finite min / max; +INF / -INF while no finite sample was seen */
    uint32_t flags; /* RP_M4_NAN | RP_M4_POS_INF | RP_M4_NEG_INF | RP_M4_FINITE */
} rp_summary;

static inline rp_summary rp_summary_empty(void)
{
    rp_summary s = {INFINITY, -INFINITY, 0};
    return s;
}

static inline void rp_summary_merge(rp_summary *acc, rp_summary add)
{
    if (add.min < acc->min) acc->min = add.min;
    if (add.max > acc->max) acc->max = add.max;
    acc->flags |= add.flags;
}

/* Classifies one sample into the flags and, when finite, the range. */
static inline void rp_summary_add(rp_summary *acc, float v)
{
    if (v - v == 0.0f) { /* finite: Inf - Inf and NaN - NaN are NaN */
        acc->flags |= RP_M4_FINITE;
        if (v < acc->min) acc->min = v;
        if (v > acc->max) acc->max = v;
    } else if (v != v) {
        acc->flags |= RP_M4_NAN;
    } else {
        acc->flags |= v > 0 ? RP_M4_POS_INF : RP_M4_NEG_INF;
    }
}

/* Summary of exactly RP_LEAF_SAMPLES samples: the push path's hot loop. The kernel is picked for
 * the running CPU (AVX2, SSE2 or scalar) by rp_leaf_kernel(); all give identical results. */
#define RP_LEAF_SAMPLES 32
/* Copies the block to dst (the ring) while summarising it: one pass over the samples. */
typedef rp_summary (*rp_leaf_fn)(float *dst, const float *x);
rp_leaf_fn rp_leaf_kernel(void);
rp_summary rp_leaf_summary_scalar(float *dst, const float *x);

/* Folds n samples into acc (SIMD where the CPU has it; same result as rp_summary_add). */
void rp_summarize(const float *x, int64_t n, rp_summary *acc);
/* The portable scalar version, kept callable so tests can compare both. */
void rp_summarize_scalar(const float *x, int64_t n, rp_summary *acc);

/* Shifted sums of samples (all finite) for the moments: lane l of s1 / s2 accumulates x[i] - c
 * and (x[i] - c)^2 (in double) for i = l mod RP_SUM_LANES, the tail into lane 0. The kernel is
 * picked for the CPU (AVX, SSE2, scalar); all do the same operations in the same order (no
 * fused multiply-add), so they give identical results. Eight lanes keep eight independent
 * chains of additions in flight. */
#define RP_SUM_LANES 8
typedef void (*rp_sums_fn)(const float *x, int64_t n, double c, double s1[RP_SUM_LANES],
                           double s2[RP_SUM_LANES]);
rp_sums_fn rp_sums_kernel(void);
void rp_sums_scalar(const float *x, int64_t n, double c, double s1[RP_SUM_LANES],
                    double s2[RP_SUM_LANES]);

#endif
