/* series_copy.h — rp_series_copy_latest with the series index of the first sample copied (for
 * views that track samples by index: the trigger). */
#ifndef RP_CORE_SERIES_COPY_H
#define RP_CORE_SERIES_COPY_H

#include "ringplot.h"

/* As rp_series_copy_latest; *first_index (may be NULL) gets the index of out[0]. */
rp_status rp_series_copy_latest_at(const rp_series *series, float *out, int64_t n, int64_t *got,
                                   int64_t *first_index, double *x_first, double *x_last);

/* Up to n samples from index `from` (from the oldest retained when `from` is gone) into out;
 * *got, the index of out[0] in *first_index, and *head (may be NULL): first + got. */
rp_status rp_series_copy_range(const rp_series *series, int64_t from, float *out, int64_t n,
                               int64_t *got, int64_t *first_index, int64_t *head);

/* As rp_series_copy_range, with each sample's x in x_out (n doubles, the caller's): views that
 * pair or align samples by time (XY). A recording's series (rp_series_is_recording) is read from
 * its file. */
rp_status rp_series_copy_range_x(const rp_series *series, int64_t from, float *out, double *x_out,
                                 int64_t n, int64_t *got, int64_t *first_index, int64_t *head);

/* A recording's read-only series (rp_recording_series): it has no live end, only the end of the
 * file. */
bool rp_series_is_recording(const rp_series *series);

/* Where a copy of past samples came from: out[0] is sample `first`, got samples, ending before
 * `end` (the index the copy was asked to end at, clamped to the newest: where x fell for
 * rp_series_copy_to_x), x of the first and last copied (when got > 0). got < n: fewer samples
 * are held contiguously before `end` (the oldest was reached, or a hole between the ring and its
 * history); 0 when sample end - 1 itself is not held. */
typedef struct rp_sample_span {
    int64_t first, got, end;
    double x_first, x_last;
} rp_sample_span;

/* Up to n samples ending with the last one whose x <= x (+Inf: the newest), oldest first, read
 * from the ring and, on the thread that reads its history, from the history (scroll-back), or
 * from a recording's samples (a backed series), under the one read protocol (rp_series_read).
 * Never allocates. The engine of rp_series_copy_ending_at. span may be NULL. */
rp_status rp_series_copy_to_x(const rp_series *series, double x, float *out, int64_t n,
                              rp_sample_span *span);
/* The same, ending before sample index `end` (views that walk samples by index: the trigger). */
rp_status rp_series_copy_to_index(const rp_series *series, int64_t end, float *out, int64_t n,
                                  rp_sample_span *span);

#endif
