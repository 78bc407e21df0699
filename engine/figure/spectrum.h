/* spectrum.h — a spectrum panel's state (spectrum.c): FFTW plan and buffers made at creation,
 * the dB magnitudes and peak of the last computation. The renderer draws it (render/views.h). */
#ifndef RP_FIGURE_SPECTRUM_H
#define RP_FIGURE_SPECTRUM_H

#include "ringplot.h"

typedef struct rp_spectrum rp_spectrum;

/* Frees the state (NULL ignored). */
void rp_spectrum_free(rp_spectrum *spectrum);
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
} rp_spectrum_view;
rp_spectrum_view rp_spectrum_get_view(rp_spectrum *spectrum);

#endif
