/* range_stats_scan.c — STAND-IN for rp_series_range_stats until the core branch's O(log N)
 * version (sums in the pyramid) is merged: the same contract, by an O(samples in range) scan
 * under the optimistic read protocol. Delete this file when merging core. */
#include <math.h>

#include "core/series_internal.h"

typedef struct stats_read {
    double x0, x1;
    rp_range_stats out;
} stats_read;

static rp_status stats_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx, int64_t *lowest)
{
    stats_read *q = ctx;
    rp_range_stats o = {0};
    o.min = INFINITY;
    o.max = -INFINITY;
    double mean = 0, m2 = 0, sumsq = 0;
    *lowest = snap->head;
    RP_OPTIMISTIC_READS_BEGIN();
    for (int64_t i = snap->lo; i < snap->head; i++) {
        double x = rp_x_at(s, i);
        if (x < q->x0 || x > q->x1) continue;
        if (i < *lowest) *lowest = i;
        float v = rp_sample_at(s, i);
        if (o.count == 0) o.x_first = x;
        o.x_last = x;
        o.count++;
        if (isnan(v)) { o.flags |= RP_M4_NAN; continue; }
        if (isinf(v)) { o.flags |= v > 0 ? RP_M4_POS_INF : RP_M4_NEG_INF; continue; }
        o.flags |= RP_M4_FINITE;
        o.finite++;
        double d = (double)v - mean;
        mean += d / (double)o.finite;
        m2 += d * ((double)v - mean);
        sumsq += (double)v * (double)v;
        if (v < o.min) o.min = v;
        if (v > o.max) o.max = v;
    }
    RP_OPTIMISTIC_READS_END();
    if (o.finite > 0) {
        o.mean = mean;
        o.rms = sqrt(sumsq / (double)o.finite);
        o.stddev = sqrt(m2 / (double)o.finite);
        o.peak_to_peak = o.max - o.min;
    } else {
        o.min = o.max = o.mean = o.rms = o.stddev = o.peak_to_peak = NAN;
    }
    q->out = o;
    return RP_OK;
}

rp_status rp_series_range_stats(const rp_series *series, double x0, double x1, rp_range_stats *out)
{
    if (!rp_series_valid(series) || !out || isnan(x0) || isnan(x1) || x1 < x0) return RP_ERR_INVALID_ARG;
    stats_read q = {.x0 = x0, .x1 = x1};
    rp_status st = rp_series_read(series, stats_attempt, &q);
    if (st == RP_OK) *out = q.out;
    return st;
}
