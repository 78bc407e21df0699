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
 * pair or align samples by time (XY). */
rp_status rp_series_copy_range_x(const rp_series *series, int64_t from, float *out, double *x_out,
                                 int64_t n, int64_t *got, int64_t *first_index, int64_t *head);

#endif
