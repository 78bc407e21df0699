/* scale.h — y scales: linear, logarithmic, symmetric logarithmic. A scale maps data y to a
 * "unit" coordinate that is linear on screen; ticks for the non-linear ones. No GL, pure.
 *
 *   log:    u = log10(y) for y > 0; y <= 0 has no place on the axis: u = -Inf (drawn at the
 *           bottom edge, like -Inf data), NaN stays a gap.
 *   symlog: u = sign(y) · log10(1 + |y| / t), t the linear threshold (> 0): linear within ±t,
 *           logarithmic beyond, continuous through 0, so zero and negative values have a place.
 * Thread: any. */
#ifndef RP_AXIS_SCALE_H
#define RP_AXIS_SCALE_H

#include "axis/ticks.h"
#include "ringplot.h"

double rp_scale_forward(rp_y_scale scale, double threshold, double y);
double rp_scale_inverse(rp_y_scale scale, double threshold, double u);

/* Ticks of a log or symlog axis over [req->lo, req->hi] (data units; for log both must be > 0):
 * majors on decades (every 1, 2, 3, 5 or 10th decade, as label spacing allows; symlog: 0 and
 * ±t·10^k), minor ticks at 2..9 × each decade when a decade spans at least 3 label heights.
 * A log range narrower than a decade gets the numeric ticks of rp_ticks_numeric (majors at
 * nice values; they are spaced logarithmically on screen). Labels: "0.01", "1", "1000",
 * "1e-6", "1e9", "-100". Returns the number of ticks. */
int rp_ticks_scaled(const rp_tick_request *req, rp_y_scale scale, double threshold,
                    rp_tick_set *out);

#endif
