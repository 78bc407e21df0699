/* view_axes.h — the own x axes of spectrum and trigger panels (view_axes.c): the whole range
 * each can show, the part it shows now, and the zoom / pan arithmetic the public
 * rp_figure_view_zoom / _pan / _reset use (XY panels keep their ranges in rp_xy_desc). No GL. */
#ifndef RP_FIGURE_VIEW_AXES_H
#define RP_FIGURE_VIEW_AXES_H

#include <stdbool.h>

#include "figure/spectrum.h"
#include "figure/trigger.h"

/* A spectrum's whole frequency axis (0, or the first bin on a log axis, up to half the sample
 * rate) and the part shown (desc.freq_min/max kept inside it; the whole axis when unset or
 * outside). false, and nothing written, before the first computation. */
bool rp_spectrum_freq_full(const rp_spectrum_view *sv, double *lo, double *hi);
bool rp_spectrum_freq_view(const rp_spectrum_view *sv, double *lo, double *hi);

/* A trigger sweep's whole time axis (x units from the trigger: -pre/rate .. (n-1-pre)/rate; rate 1
 * while unknown) and the part shown (desc.time_min/max kept inside it). */
void rp_trigger_time_full(const rp_trigger_view *tv, double *t0, double *t1);
void rp_trigger_time_view(const rp_trigger_view *tv, double *t0, double *t1);

/* Range arithmetic in an axis' linear unit (log10 of a log axis). rp_range_zoom scales [*lo, *hi]
 * by factor around the point at fraction `at` of it, no narrower than min_span; rp_range_pan
 * moves it by `shift` of its width. Both then keep it within [min, max] (moved back inside, or
 * the whole [min, max] when wider; ±INFINITY: unbounded). */
void rp_range_zoom(double *lo, double *hi, double at, double factor, double min, double max,
                   double min_span);
void rp_range_pan(double *lo, double *hi, double shift, double min, double max);

#endif
