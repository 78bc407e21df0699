/* rp_test_figures.h — figures that more than one test program builds (public API only). */
#ifndef RP_TEST_FIGURES_H
#define RP_TEST_FIGURES_H

#include "ringplot.h"

/* A figure following 999 samples of one series (*series, named "s", room for 4000): low (0) on
 * the left half of the view, high (10) on the right, so the legend's free corner is the
 * top-left. NULL when a create failed. */
static inline rp_figure *rp_test_legend_figure(rp_series **series)
{
    rp_figure *f = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "s", .capacity = 4000}, series) != RP_OK)
        return NULL;
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = i < 500 ? 0.0f : 10.0f;
    rp_push(*series, v, 1000);
    if (rp_figure_create(NULL, &f) != RP_OK) return NULL;
    rp_figure_add_series(f, 0, *series, NULL);
    rp_figure_follow(f, 999);
    return f;
}

/* Pushes n samples of value to series. */
static inline void rp_test_push_level(rp_series *series, int n, float value)
{
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = value;
    for (int done = 0; done < n; done += 1000)
        rp_push(series, v, n - done < 1000 ? n - done : 1000);
}

#endif
