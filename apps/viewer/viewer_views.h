/* viewer_views.h — the viewer's panels with views of their own (viewer_views.c): --spectrum
 * parsing, creating a spectrum panel when its series appears, and the keys that change it. */
#ifndef RP_APP_VIEWER_VIEWS_H
#define RP_APP_VIEWER_VIEWS_H

#include <stdbool.h>

#include "ringplot.h"

#define RP_VIEWER_MAX_SPECTRA 4

typedef struct rp_viewer_spectrum {
    char series[RP_NAME_MAX]; /* the series' full name */
    rp_spectrum_desc desc;
    bool added; /* its panel exists */
    int panel;  /* ...and is this one */
} rp_viewer_spectrum;

/* Parses SERIES[:N[:WINDOW[:OPTIONS]]] (OPTIONS: comma list of "log", "avg=A", "waterfall[=ROWS]",
 * "fmin=F", "fmax=F", "dbmin=DB", "dbmax=DB"). Returns false with a message in err for a bad
 * value. */
bool rp_viewer_parse_spectrum(const char *value, rp_viewer_spectrum *out, char *err, int err_size);
/* Adds the spectrum panels of every spec naming `series` that has none yet. */
void rp_viewer_spectrum_series(rp_figure *figure, rp_viewer_spectrum *specs, int count,
                               rp_series *series);
/* w: the next window of spectrum panel `panel` (every spectrum panel when it is none);
 * g: linear ↔ log frequency. Return false when the figure has no spectrum panel. */
bool rp_viewer_spectrum_next_window(rp_figure *figure, int panel);
bool rp_viewer_spectrum_toggle_log(rp_figure *figure, int panel);
/* v: the waterfall strip of the last RP_VIEWER_WATERFALL spectra on / off (the viewer makes every
 * spectrum panel of up to 65536 points with room for it). */
#define RP_VIEWER_WATERFALL 128
bool rp_viewer_spectrum_toggle_waterfall(rp_figure *figure, int panel);

#define RP_VIEWER_MAX_TRIGGERS 4

typedef struct rp_viewer_trigger {
    char series[RP_NAME_MAX];
    rp_trigger_desc desc;
    double y_min, y_max; /* a fixed y view when y_min < y_max */
    bool added;
    int panel;
} rp_viewer_trigger;

/* Parses SERIES[:SWEEP[:LEVEL[:OPTIONS]]] (OPTIONS: comma list of rising, falling, pre=F,
 * hyst=H, holdoff=N, auto, normal, single, persist=K, tmin=T, tmax=T, ymin=Y, ymax=Y). false with
 * a message in err for a bad value. */
bool rp_viewer_parse_trigger(const char *value, rp_viewer_trigger *out, char *err, int err_size);
/* Adds the trigger panels of every spec naming `series` that has none yet. */
void rp_viewer_trigger_series(rp_figure *figure, rp_viewer_trigger *specs, int count,
                              rp_series *series);
/* Keys over trigger panel `panel` (every trigger panel when it is none): t next mode (auto →
 * normal → single → auto), b the other edge, r re-arm (a single one only), p persistence off / on (the last
 * RP_VIEWER_PERSISTENCE sweeps; the viewer makes every trigger panel with room for them). false
 * when there is no trigger panel. */
#define RP_VIEWER_PERSISTENCE 8
bool rp_viewer_trigger_key(rp_figure *figure, int panel, char key);

/* A panel with a view of its own (spectrum, trigger, XY): time cursors are not placed, drawn or
 * grabbed there. */
bool rp_viewer_view_panel(const rp_figure *figure, int panel);

/* The wheel over view panel `panel` at fractions (u, v) of its plot ((0, 0) bottom-left), by
 * factor (< 1 zooms in): spectrum and trigger panels zoom their x axis (frequency, time from the
 * trigger), or with shift their y axis (dB, value); XY panels zoom both axes, or with shift y
 * only (rp_figure_view_zoom). false when the panel has no view of its own or nothing to zoom
 * yet. */
bool rp_viewer_view_wheel(rp_figure *figure, int panel, double u, double v, double factor,
                          bool shift);
/* A drag over view panel `panel` by du plot widths and dv plot heights (rp_figure_view_pan).
 * false when there is nothing to pan yet. */
bool rp_viewer_view_drag(rp_figure *figure, int panel, double du, double dv);

#define RP_VIEWER_MAX_XY 4

typedef struct rp_viewer_xy {
    char x_name[RP_NAME_MAX], y_name[RP_NAME_MAX]; /* the series' full names */
    rp_series *x, *y;                              /* found so far (borrowed) */
    rp_xy_desc desc;
    bool added;
    int panel;
} rp_viewer_xy;

/* Parses XSERIES,YSERIES[:OPTIONS] (OPTIONS: comma list of fade=SECONDS, equal, xmin=X, xmax=X,
 * ymin=Y, ymax=Y). false with a message in err for a bad value. */
bool rp_viewer_parse_xy(const char *value, rp_viewer_xy *out, char *err, int err_size);
/* Notes `series` for every XY spec naming it, and adds the XY panel of each spec whose two series
 * are both known now. */
void rp_viewer_xy_series(rp_figure *figure, rp_viewer_xy *specs, int count, rp_series *series);
/* Key x over panel `panel`: an XY panel toggles equal aspect; a time panel with two or more
 * series gets an XY panel of its second series against its first (once). false when neither. */
bool rp_viewer_xy_key(rp_figure *figure, int panel, bool *given, int given_size);

/* What a saved layout writes for a --spectrum, --trigger or --xy spec: `given` (as typed) with
 * its view options (fmin/fmax/dbmin/dbmax, tmin/tmax/ymin/ymax, xmin/xmax/ymin/ymax) replaced by
 * the view its panel has now, so a layout restores a zoomed panel; `given` unchanged when neither
 * has one. out: size bytes. */
void rp_viewer_spectrum_spec(const rp_figure *figure, const rp_viewer_spectrum *spec,
                             const char *given, char *out, int size);
void rp_viewer_trigger_spec(const rp_figure *figure, const rp_viewer_trigger *spec,
                            const char *given, char *out, int size);
void rp_viewer_xy_spec(const rp_figure *figure, const rp_viewer_xy *spec, const char *given,
                       char *out, int size);

#endif
