/* series_copy.c — rp_series_copy_latest: the newest samples of a series as one contiguous block,
 * for views that need raw samples rather than the min-max pyramid (spectrum, trigger, XY). Uses
 * the one read protocol (rp_series_read), so a producer overrunning the block makes it retry. */
#include "core/series_copy.h"
#include "core/series_internal.h"

bool rp_series_is_recording(const rp_series *series)
{
    return rp_series_valid(series) && series->backing != NULL;
}

typedef struct copy_read {
    float *out;
    int64_t want, got, first;
    double x_first, x_last;
} copy_read;

static rp_status copy_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                              int64_t *lowest)
{
    copy_read *c = ctx;
    int64_t avail = snap->head - snap->lo;
    int64_t n = c->want < avail ? c->want : avail;
    c->got = n;
    if (n <= 0) return RP_OK;
    int64_t first = snap->head - n;
    c->first = first;
    for (int64_t i = 0; i < n; i++) c->out[i] = rp_sample_at(s, first + i);
    c->x_first = rp_x_snap(s, snap, first);
    c->x_last = rp_x_snap(s, snap, snap->head - 1);
    *lowest = first;
    return RP_OK;
}

rp_status rp_series_copy_latest(const rp_series *series, float *out, int64_t n, int64_t *got,
                                double *x_first, double *x_last)
{
    return rp_series_copy_latest_at(series, out, n, got, NULL, x_first, x_last);
}

rp_status rp_series_copy_latest_at(const rp_series *series, float *out, int64_t n, int64_t *got,
                                   int64_t *first_index, double *x_first, double *x_last)
{
    if (!rp_series_valid(series)) return RP_ERR_INVALID_ARG;
    if (!out || n < 1 || !got)
        return rp_log_fail(
            &((rp_series *)series)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
            "rp_series_copy_latest: series '%s': out, n >= 1 and got are required", series->name);
    copy_read c = {out, n, 0, 0, 0, 0};
    rp_status st = rp_series_read(series, copy_attempt, &c);
    *got = st == RP_OK ? c.got : 0;
    if (st == RP_OK && c.got > 0) {
        if (first_index) *first_index = c.first;
        if (x_first) *x_first = c.x_first;
        if (x_last) *x_last = c.x_last;
    }
    return st;
}

/* From index `from` (or the oldest retained, if later) up to n samples, in one attempt. */
typedef struct range_read {
    float *out;
    int64_t from, want, got, first;
    double *x_out; /* NULL: values only */
} range_read;

static rp_status range_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                               int64_t *lowest)
{
    range_read *c = ctx;
    int64_t first = c->from > snap->lo ? c->from : snap->lo;
    int64_t n = snap->head - first;
    n = n < c->want ? n : c->want;
    c->first = first;
    c->got = n > 0 ? n : 0;
    for (int64_t i = 0; i < c->got; i++) c->out[i] = rp_sample_at(s, first + i);
    if (c->x_out && c->got > 0) {
        int64_t seg = rp_seg_find(s, snap, first);
        for (int64_t i = 0; i < c->got; i++) {
            seg = rp_seg_find_from(s, snap, seg, first + i);
            c->x_out[i] = rp_x_in_seg(s, seg, first + i);
        }
    }
    if (c->got > 0) *lowest = first;
    return RP_OK;
}

/* A recording's series: samples [from, from + n) read through its backing's samples (the file),
 * clamped to what it holds. */
static rp_status backing_copy(const rp_series *s, int64_t from, float *out, double *x_out,
                              int64_t n, int64_t *got, int64_t *first_index, int64_t *head)
{
    const rp_series_history_ops *ops = s->backing->samples;
    rp_pyramid_source src;
    int64_t offset = 0, count = 0;
    *got = 0;
    *first_index = from;
    if (head) *head = 0;
    if (!ops || !ops->view(s->backing_ctx, &src, &offset, &count)) return RP_OK;
    int64_t a = from > offset ? from : offset, b = offset + count;
    if (b - a > n) b = a + n;
    for (int64_t i = a; i < b; i++) {
        out[i - a] = src.ops->sample(src.ctx, i - offset);
        if (x_out) x_out[i - a] = src.ops->x(src.ctx, i - offset);
    }
    *got = b > a ? b - a : 0;
    *first_index = a;
    if (head) *head = a + *got;
    return RP_OK;
}

static rp_status range_copy(const rp_series *series, int64_t from, float *out, double *x_out,
                            int64_t n, int64_t *got, int64_t *first_index, int64_t *head)
{
    if (!rp_series_valid(series) || !out || n < 1 || !got || !first_index)
        return RP_ERR_INVALID_ARG;
    if (series->backing && x_out) /* XY pairs a recording's samples too (rp_series_copy_range_x) */
        return backing_copy(series, from, out, x_out, n, got, first_index, head);
    range_read c = {out, from, n, 0, 0, x_out};
    rp_status st = rp_series_read(series, range_attempt, &c);
    *got = st == RP_OK ? c.got : 0;
    *first_index = c.first;
    if (head) *head = st == RP_OK ? c.first + c.got : 0;
    return st;
}

rp_status rp_series_copy_range(const rp_series *series, int64_t from, float *out, int64_t n,
                               int64_t *got, int64_t *first_index, int64_t *head)
{
    return range_copy(series, from, out, NULL, n, got, first_index, head);
}

rp_status rp_series_copy_range_x(const rp_series *series, int64_t from, float *out, double *x_out,
                                 int64_t n, int64_t *got, int64_t *first_index, int64_t *head)
{
    if (!x_out) return RP_ERR_INVALID_ARG;
    return range_copy(series, from, out, x_out, n, got, first_index, head);
}
