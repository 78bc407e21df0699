/* spectrum.h — a spectrum panel's state (spectrum.c): FFTW plan and buffers made at creation,
 * the dB magnitudes and peak of the last computation. The renderer draws it (render/views.h). */
#ifndef RP_FIGURE_SPECTRUM_H
#define RP_FIGURE_SPECTRUM_H

#include "ringplot.h"

typedef struct rp_spectrum rp_spectrum;

/* Frees the state (NULL ignored). */
void rp_spectrum_free(rp_spectrum *spectrum);
/* The panel's series: `series` itself? and destroyed while still in the figure? */
bool rp_spectrum_uses(const rp_spectrum *spectrum, const rp_series *series);
/* The panel's series (borrowed). */
const rp_series *rp_spectrum_series(const rp_spectrum *spectrum);
bool rp_spectrum_stale(const rp_spectrum *spectrum);
/* The autoscaled dB view: from 10 dB above the loudest bin (DC included, rounded up to 10 dB)
 * down 110 dB; [-100, 10] before the first computation. */
void rp_spectrum_y_view(const rp_spectrum *spectrum, double *y0, double *y1);
/* What the renderer needs: dB per bin (NULL before the first computation), bin count and width,
 * the description, the peak, and a scratch array of 2 · bins floats for the drawn points. */
typedef struct rp_spectrum_view {
    const float *db;
    int bins;
    double bin_width;
    rp_spectrum_desc desc;
    rp_spectrum_peak peak;
    float *scratch_xy;
    int waterfall_rows;       /* rows shown (0: no waterfall) */
    int64_t waterfall_pushed; /* spectra computed since the panel was added (rows in the ring) */
    bool waterfall_of_view;   /* the rows are the spectrogram of the view (not following live) */
} rp_spectrum_view;
rp_spectrum_view rp_spectrum_get_view(rp_spectrum *spectrum);

/* The waterfall strip takes this fraction of the plot's height, at its bottom; the panel's y
 * view is widened downwards so the curve keeps the rest (rp_spectrum_y_view). */
#define RP_SPECTRUM_WATERFALL_FRACTION 0.4
/* The bottom of the curve's dB view when the y view [y0, y1] was widened for a waterfall (y0
 * itself without one). */
double rp_spectrum_curve_floor(const rp_spectrum *spectrum, double y0, double y1);

/* The waterfall as an RGBA image of w × rows (rows top = newest), each column the loudest bin it
 * covers on the frequency axis [lo, hi] (log10 when log_axis) coloured over [db0, db1]. Made in
 * the panel's scratch (grown when w grows); only the rows computed since the last call are
 * coloured when nothing else changed. NULL without a waterfall or data. *version changes with
 * the image. */
const uint8_t *rp_spectrum_waterfall_image(rp_spectrum *spectrum, int w, bool log_axis, double lo,
                                           double hi, double db0, double db1, int *rows,
                                           uint64_t *version);

#endif
