/* spectrum.c — spectrum panels: the windowed magnitude spectrum of the newest `size` samples of a
 * series (while the figure follows live), or of the `size` samples ending at the view's right edge
 * (a paused or panned view, a recording, a replay), through FFTW3 (single precision,
 * real-to-complex). The plan, the window and every buffer are made when the panel is added; an
 * update copies the block (rp_series_copy_to_x: ring, scroll-back file or recording), windows it,
 * executes the plan, folds the power into the exponential average and finds the peak. Nothing is
 * allocated after creation. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fftw3.h>

#include "core/handles.h"
#include "core/series_copy.h"
#include "figure/figure_internal.h"
#include "figure/spectrum.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define RP_PI 3.14159265358979323846
#define RP_SPECTRUM_DEFAULT_SIZE 4096
#define RP_SPECTRUM_MIN_SIZE 16
#define RP_SPECTRUM_MAX_SIZE (1 << 22)
#define RP_SPECTRUM_POWER_FLOOR 1e-20 /* -200 dB: log of an exact zero */
#define RP_SPECTRUM_ABOVE_PEAK_DB 10.0
#define RP_SPECTRUM_BELOW_PEAK_DB 100.0
/* At the view's end the average goes on while the end moves forward by at most this many blocks
 * between two computations (a replay playing, a slow pan); any other move starts it afresh. */
#define RP_SPECTRUM_AVERAGE_REACH 8
#define RP_SPECTRUM_LEAK_BINS 5 /* terms of the longest window (flat-top) */

#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(&(figure)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
struct rp_spectrum {
    rp_series *series;     /* borrowed */
    uint64_t serial;       /* its registration: still the same series? */
    rp_spectrum_desc desc; /* title NULL (the panel keeps it) */
    int n, bins;
    float *block;            /* the newest n samples, windowed in place (FFTW's input) */
    fftwf_complex *spectrum; /* bins values (FFTW's output) */
    float *window;           /* n coefficients */
    double window_sum;       /* coherent gain · n: a sine of amplitude A gives |X| = A·sum/2 */
    /* A block shorter than n (a file, a paused view or a recording with fewer samples than n):
     * its samples windowed over their own length and zero-padded to n, as scipy and matplotlib
     * do; the window's sum is then that of the short window */
    int block_len;           /* samples in the last transformed block (n, or fewer) */
    double block_window_sum; /* the sum of the window it was transformed with */
    double *power;           /* averaged power per bin */
    /* The block's mean leaks into the bins below the window's terms only (a cosine-sum window's
     * transform is n·a0 at 0 and n·(-1)^k·a_k/2 at ±k): there the peak is sought in the power
     * without it (the AC power, averaged alike), so a tone near 0 Hz is found beside an offset */
    double leak[RP_SPECTRUM_LEAK_BINS]; /* the window's transform at bins 0..leak_bins-1 */
    int leak_bins;
    double block_mean; /* of the last transformed block (gaps as zero) */
    double ac_power[RP_SPECTRUM_LEAK_BINS];
    float ac_db[RP_SPECTRUM_LEAK_BINS];
    float *db;         /* 10·log10(power) per bin */
    float *scratch_xy; /* 2 · bins: the renderer's drawn points */
    fftwf_plan plan;
    bool have_block; /* what the last computation read, to skip unchanged data */
    int64_t last_first, last_got, last_end;
    bool last_at_end; /* ... at the view's end (else the newest samples) */
    bool showing;     /* db is the spectrum of the current position (else: too few samples) */
    rp_spectrum_peak peak;
    double loudest_db; /* of all bins, DC included: the top of the autoscaled view */
    /* waterfall: a ring of wf_room rows of bins dB in 0.01 dB (int16), the newest in wf_newest */
    int16_t *wf;
    int wf_room, wf_newest;
    int64_t wf_pushed; /* rows written since creation */
    /* a view that does not follow live: the strip is the spectrogram of [wf_x0, wf_x1], its
     * rows filled oldest first up to wf_filled (a few frames for large N) */
    bool wf_of_view;
    double wf_x0, wf_x1;
    int wf_filled;
    /* its image (scratch, grown with the plot): what it was coloured for */
    uint8_t *wf_rgba;
    size_t wf_rgba_cap;
    int img_w, img_rows;
    bool img_log;
    double img_lo, img_hi, img_db0, img_db1;
    int64_t img_pushed;
    uint64_t img_version;
    int *col_of_bin; /* bins: the image column of each bin (scratch with the image) */
};

/* FFTW's planner is not thread-safe (only fftwf_execute is): two figures adding spectrum panels
 * on two threads must not plan at once. This lock guards the library's own global planner. */
static pthread_mutex_t planner_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------------------------------------------
 * Windows
 * ------------------------------------------------------------------------------------------- */
static const char *const window_names[RP_WINDOW_COUNT] = {"hann", "blackman-harris", "flat-top"};

const char *rp_fft_window_name(rp_fft_window window)
{
    return window >= 0 && window < RP_WINDOW_COUNT ? window_names[window] : "unknown";
}

bool rp_fft_window_parse(const char *name, rp_fft_window *out)
{
    for (int i = 0; name && i < RP_WINDOW_COUNT; i++) {
        if (!strcmp(name, window_names[i])) {
            if (out) *out = (rp_fft_window)i;
            return true;
        }
    }
    return false;
}

/* Cosine-sum windows in their periodic (DFT-even) form: w[i] = Σ (-1)^k a_k cos(2πki/len). The
 * coefficients of `window` to *a, their count returned. */
static int window_terms(rp_fft_window window, const double **a)
{
    static const double hann[] = {0.5, 0.5};
    static const double blackman_harris[] = {0.35875, 0.48829, 0.14128, 0.01168};
    static const double flat_top[] = {0.21557895, 0.41663158, 0.277263158, 0.083578947,
                                      0.006947368};
    if (window == RP_WINDOW_BLACKMAN_HARRIS) {
        *a = blackman_harris;
        return 4;
    }
    if (window == RP_WINDOW_FLAT_TOP) {
        *a = flat_top;
        return 5;
    }
    *a = hann;
    return 2;
}

static double window_at(const double *a, int terms, int i, int len)
{
    double w = 0, sign = 1;
    for (int k = 0; k < terms; k++, sign = -sign) w += sign * a[k] * cos(2.0 * RP_PI * k * i / len);
    return w;
}

static void fill_window(rp_spectrum *s)
{
    const double *a;
    int terms = window_terms(s->desc.window, &a);
    double sum = 0;
    for (int i = 0; i < s->n; i++) {
        double w = window_at(a, terms, i, s->n);
        s->window[i] = (float)w;
        sum += w;
    }
    s->window_sum = sum;
    s->leak_bins = terms < s->bins ? terms : s->bins;
    for (int k = 0; k < s->leak_bins; k++)
        s->leak[k] = k == 0 ? s->n * a[0] : s->n * (k % 2 ? -a[k] : a[k]) / 2.0;
    memset(s->ac_power, 0, sizeof s->ac_power);
}

/* ---------------------------------------------------------------------------------------------
 * Lifetime
 * ------------------------------------------------------------------------------------------- */
void rp_spectrum_free(rp_spectrum *s)
{
    if (!s) return;
    if (s->plan) {
        pthread_mutex_lock(&planner_lock);
        fftwf_destroy_plan(s->plan);
        pthread_mutex_unlock(&planner_lock);
    }
    fftwf_free(s->block);
    fftwf_free(s->spectrum);
    free(s->window);
    free(s->power);
    free(s->db);
    free(s->scratch_xy);
    free(s->wf);
    free(s->wf_rgba);
    free(s->col_of_bin);
    free(s);
}

static bool desc_ok(rp_figure *figure, const char *call, const rp_spectrum_desc *d)
{
    if (d->window < 0 || d->window >= RP_WINDOW_COUNT) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: unknown window %d", call,
             (int)d->window);
        return false;
    }
    if (!(d->averaging >= 0 && d->averaging <= 0.99)) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: averaging %g outside 0 .. 0.99",
             call, d->averaging);
        return false;
    }
    if (d->waterfall < 0 || d->waterfall > RP_SPECTRUM_MAX_WATERFALL) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: waterfall %d outside 0 .. %d", call,
             d->waterfall, RP_SPECTRUM_MAX_WATERFALL);
        return false;
    }
    if ((d->db_min != 0 || d->db_max != 0) &&
        !(isfinite(d->db_min) && isfinite(d->db_max) && d->db_max > d->db_min)) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
             "%s: dB view [%g, %g] must be finite with db_max > db_min", call, d->db_min,
             d->db_max);
        return false;
    }
    if ((d->freq_min != 0 || d->freq_max != 0) &&
        !(isfinite(d->freq_min) && isfinite(d->freq_max) && d->freq_max > d->freq_min)) {
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
             "%s: frequency view [%g, %g] must be finite with freq_max > freq_min", call,
             d->freq_min, d->freq_max);
        return false;
    }
    return true;
}

/* The dB view [y0, y1] widened downwards so the curve keeps the plot above the waterfall strip. */
static double widened_y0(int waterfall, double y0, double y1)
{
    double f = RP_SPECTRUM_WATERFALL_FRACTION;
    return waterfall > 0 ? y0 - (y1 - y0) * f / (1.0 - f) : y0;
}

static void apply_db_view(rp_figure_panel *pn, const rp_spectrum_desc *d)
{
    pn->fixed_y = d->db_max > d->db_min;
    pn->y0 = pn->fixed_y ? widened_y0(d->waterfall, d->db_min, d->db_max) : 0;
    pn->y1 = pn->fixed_y ? d->db_max : 1;
}

double rp_spectrum_curve_floor(const rp_spectrum *s, double y0, double y1)
{
    if (s->desc.waterfall <= 0) return y0;
    double f = RP_SPECTRUM_WATERFALL_FRACTION;
    return y0 + (y1 - y0) * f; /* inverse of widened_y0 */
}

rp_status rp_figure_add_spectrum_panel(rp_figure *figure, rp_series *series,
                                       const rp_spectrum_desc *desc, int *panel)
{
    static const char *call = "rp_figure_add_spectrum_panel";
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!rp_handle_live(series, RP_HANDLE_SERIES))
        return FAIL(figure, RP_ERR_INVALID_ARG, STALE_HANDLE, "%s: not a live series", call);
    rp_spectrum_desc d = desc ? *desc : (rp_spectrum_desc){0};
    if (d.size == 0) d.size = RP_SPECTRUM_DEFAULT_SIZE;
    if (d.size < RP_SPECTRUM_MIN_SIZE || d.size > RP_SPECTRUM_MAX_SIZE)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: size %d outside %d .. %d",
                    call, d.size, RP_SPECTRUM_MIN_SIZE, RP_SPECTRUM_MAX_SIZE);
    if (!desc_ok(figure, call, &d)) return RP_ERR_INVALID_ARG;
    char title[RP_TEXT_MAX];
    if (d.title)
        snprintf(title, sizeof title, "%s", d.title);
    else
        snprintf(title, sizeof title, "spectrum of %s", rp_series_name(series));
    if (d.title && strlen(d.title) >= RP_TEXT_MAX)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED, "%s: title longer than %d bytes", call,
                    RP_TEXT_MAX - 1);
    d.title = NULL;

    rp_spectrum *s = calloc(1, sizeof *s);
    if (!s) return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY, "%s: out of memory", call);
    s->img_version = rp_figure__image_version_base(figure);
    s->series = series;
    s->serial = rp_handle_serial(series, RP_HANDLE_SERIES);
    s->desc = d;
    s->n = d.size;
    s->bins = d.size / 2 + 1;
    s->block = fftwf_alloc_real((size_t)s->n);
    s->spectrum = fftwf_alloc_complex((size_t)s->bins);
    s->window = malloc(sizeof(float) * (size_t)s->n);
    s->power = calloc((size_t)s->bins, sizeof(double));
    s->db = calloc((size_t)s->bins, sizeof(float));
    s->scratch_xy = malloc(2 * sizeof(float) * (size_t)s->bins);
    s->wf_room = d.waterfall;
    if (s->wf_room > 0) s->wf = malloc(sizeof(int16_t) * (size_t)s->wf_room * (size_t)s->bins);
    if (s->block && s->spectrum) {
        pthread_mutex_lock(&planner_lock);
        s->plan = fftwf_plan_dft_r2c_1d(s->n, s->block, s->spectrum, FFTW_ESTIMATE);
        pthread_mutex_unlock(&planner_lock);
    }
    if (!s->window || !s->power || !s->db || !s->scratch_xy || !s->plan ||
        (s->wf_room > 0 && !s->wf)) {
        rp_spectrum_free(s);
        return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY, "%s: out of memory for size %d", call,
                    d.size);
    }
    fill_window(s);

    rp_panel_desc pd = {.title = title, .y_label = "dB"};
    int p = -1;
    rp_status st = rp_figure_add_panel(figure, &pd, &p);
    if (st != RP_OK) {
        rp_spectrum_free(s);
        return st;
    }
    figure->panels[p].spectrum = s;
    apply_db_view(&figure->panels[p], &d);
    if (panel) *panel = p;
    return RP_OK;
}

static rp_spectrum *spectrum_of(const rp_figure *figure, int panel, const char *call)
{
    if (!rp_figure_valid(figure)) return NULL;
    if (panel < 0 || panel >= figure->panel_count || !figure->panels[panel].spectrum) {
        FAIL((rp_figure *)figure, RP_ERR_INVALID_ARG, NOT_FOUND,
             "%s: panel %d is not a spectrum panel", call, panel);
        return NULL;
    }
    return figure->panels[panel].spectrum;
}

rp_status rp_figure_set_spectrum(rp_figure *figure, int panel, const rp_spectrum_desc *desc)
{
    rp_spectrum *s = spectrum_of(figure, panel, "rp_figure_set_spectrum");
    if (!s) return RP_ERR_INVALID_ARG;
    if (!desc)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_spectrum: desc is required");
    if (!desc_ok(figure, "rp_figure_set_spectrum", desc)) return RP_ERR_INVALID_ARG;
    if (desc->waterfall > s->wf_room)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_spectrum: waterfall %d, but the panel was made with %d rows",
                    desc->waterfall, s->wf_room);
    s->desc.waterfall = desc->waterfall;
    bool new_window = desc->window != s->desc.window;
    s->desc.window = desc->window;
    s->desc.averaging = desc->averaging;
    s->desc.log_frequency = desc->log_frequency;
    s->desc.db_min = desc->db_min;
    s->desc.db_max = desc->db_max;
    s->desc.freq_min = desc->freq_min;
    s->desc.freq_max = desc->freq_max;
    apply_db_view(&figure->panels[panel], &s->desc);
    if (new_window) { /* a new window: recompute from scratch on the next update */
        fill_window(s);
        s->have_block = false;
        s->showing = false;
        s->peak.computed = 0;
    }
    return RP_OK;
}

rp_spectrum_desc rp_figure_spectrum_desc(const rp_figure *figure, int panel)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count ||
        !figure->panels[panel].spectrum)
        return (rp_spectrum_desc){0};
    rp_spectrum_desc d = figure->panels[panel].spectrum->desc;
    d.title = figure->panels[panel].title;
    return d;
}

/* ---------------------------------------------------------------------------------------------
 * Computation
 * ------------------------------------------------------------------------------------------- */
/* dB of bin k without the block's mean (the AC power where the mean leaks, s->db elsewhere). */
static float ac_db(const rp_spectrum *s, int k)
{
    return k < s->leak_bins ? s->ac_db[k] : s->db[k];
}

/* The highest bin past DC, the block's mean taken out where it leaks (an offset would otherwise
 * always win; walking down from DC while the bins fell, as before, walked through a tone within
 * the window's lobe of 0 Hz, flat-top's above all, and reported some other bin); its frequency
 * refined by the power-weighted centre of the window's main lobe (as many bins each side as the
 * window has terms, more where a short block was zero-padded: a tone's lobe is symmetric about it, so the centre is the tone's frequency to about 1e-3 of a
 * bin; a parabola through three bins' dB was off by 0.13 bin with flat-top, whose lobe is flat,
 * and by 0.013 with Hann), or by that parabola where the lobe does not fit (next to DC or the
 * Nyquist bin). The level is the bin's own: a parabola over-corrects the Hann lobe (+0.3 dB half
 * way between bins), so the window's scalloping loss stays visible and flat-top is the window
 * for amplitudes. */
static void find_peak(rp_spectrum *s, double bin_width, const float *ac_db_all)
{
#define AC_DB(k) (ac_db_all ? ac_db_all[k] : ac_db(s, k))
    int best = s->bins > 1 ? 1 : 0;
    for (int k = best + 1; k < s->bins; k++)
        if (AC_DB(k) > AC_DB(best)) best = k;
    const double *a; /* the main lobe: as many bins each side as the window has terms */
    double lobe = (double)window_terms(s->desc.window, &a) * s->n /
                  (s->block_len > 0 ? s->block_len : s->n); /* a short block: zero-padded */
    int half = (int)ceil(lobe - 1e-9);
    double offset = 0;
    if (best - half >= 1 && best + half < s->bins) {
        double sum = 0, moment = 0;
        for (int k = best - half; k <= best + half; k++) {
            double power = pow(10.0, 0.1 * ((double)AC_DB(k) - (double)AC_DB(best)));
            sum += power;
            moment += power * (k - best);
        }
        offset = moment / sum;
    } else if (best > 0 && best + 1 < s->bins) {
        double a1 = AC_DB(best - 1), b = AC_DB(best), c = AC_DB(best + 1);
        double den = a1 - 2 * b + c;
        if (den < 0) offset = 0.5 * (a1 - c) / den;
    }
    s->peak.bin = best;
    s->peak.frequency = (best + offset) * bin_width;
    s->peak.db = AC_DB(best);
#undef AC_DB
}

/* Windows the block in place and transforms it into s->spectrum. */
static void transform(rp_spectrum *s)
{
    double sum = 0;
    for (int i = 0; i < s->n; i++) {
        float v = isfinite(s->block[i]) ? s->block[i] : 0.0f; /* gaps count as zero */
        sum += v;
        s->block[i] = v * s->window[i];
    }
    s->block_mean = sum / s->n;
    s->block_len = s->n;
    s->block_window_sum = s->window_sum;
    fftwf_execute(s->plan);
}

/* Power of bin k of s->spectrum, one-sided; without the block's mean (ac: its leak taken out,
 * exactly, bins below leak_bins). */
static double bin_power_of(const rp_spectrum *s, int k, bool ac)
{
    double scale = 2.0 / s->block_window_sum; /* one-sided amplitude */
    double re = s->spectrum[k][0], im = s->spectrum[k][1];
    if (ac && k < s->leak_bins) re -= s->block_mean * s->leak[k]; /* the leak is real */
    double amp = sqrt(re * re + im * im) * scale;
    if (k == 0 || (s->n % 2 == 0 && k == s->bins - 1))
        amp *= 0.5; /* DC and Nyquist have no mirror image */
    return amp * amp;
}

static double bin_power(const rp_spectrum *s, int k) { return bin_power_of(s, k, false); }

static float power_db(double p)
{
    return (float)(10.0 * log10(p > RP_SPECTRUM_POWER_FLOOR ? p : RP_SPECTRUM_POWER_FLOOR));
}

/* The first m (< n) samples of the block windowed over their own length, zero-padded to n,
 * transformed; then (ac) the same with their mean taken out first, which a short window leaks
 * into every bin, not only those below its terms: its dB per bin to ac_db (bins floats). */
static void transform_short(rp_spectrum *s, int m, float *ac_db_all)
{
    const double *a;
    int terms = window_terms(s->desc.window, &a);
    double sum = 0, wsum = 0;
    for (int i = 0; i < m; i++) {
        float v = isfinite(s->block[i]) ? s->block[i] : 0.0f; /* gaps count as zero */
        double w = window_at(a, terms, i, m);
        sum += v;
        wsum += w;
        s->block[i] = (float)(v * w);
    }
    for (int i = m; i < s->n; i++) s->block[i] = 0.0f;
    s->block_mean = sum / m;
    s->block_len = m;
    s->block_window_sum = wsum;
    fftwf_execute(s->plan);
    for (int k = 0; k < s->bins; k++) {
        s->power[k] = bin_power(s, k);
        s->db[k] = power_db(s->power[k]);
    }
    for (int i = 0; i < m; i++) s->block[i] -= (float)(s->block_mean * window_at(a, terms, i, m));
    fftwf_execute(s->plan);
    for (int k = 0; k < s->bins; k++) {
        double p = bin_power(s, k);
        ac_db_all[k] = power_db(p);
        if (k < s->leak_bins) {
            s->ac_power[k] = p;
            s->ac_db[k] = ac_db_all[k];
        }
    }
}

/* The waterfall's next row (the ring's newest): db, or NULL for a place without samples (a row
 * the image leaves empty). */
static void push_row(rp_spectrum *s, const float *db)
{
    s->wf_newest = (s->wf_newest + 1) % s->wf_room;
    int16_t *row = s->wf + (size_t)s->wf_newest * (size_t)s->bins;
    for (int k = 0; k < s->bins; k++) {
        double c = db ? db[k] * 100.0 : 0.0; /* 0.01 dB steps; INT16_MIN: no sample, no colour */
        row[k] = !db ? INT16_MIN : (int16_t)(c > 32767 ? 32767 : c < -32767 ? -32767 : lrint(c));
    }
    s->wf_pushed++;
}

/* Windows the block, transforms it and folds its power into the average (keep: the weight of
 * the average so far, 0 to start afresh); the dB, the waterfall's next row (row) and the peak
 * follow. */
static void compute(rp_spectrum *s, double rate, double keep, bool row, int64_t got)
{
    float *ac_db_all = NULL; /* a short block: its AC dB in every bin */
    if (got < s->n) {
        ac_db_all = s->scratch_xy; /* 2 · bins floats, free between frames */
        transform_short(s, (int)got, ac_db_all);
    } else {
        transform(s);
        for (int k = 0; k < s->bins; k++) {
            s->power[k] = keep * s->power[k] + (1.0 - keep) * bin_power(s, k);
            s->db[k] = power_db(s->power[k]);
        }
        for (int k = 0; k < s->leak_bins; k++) {
            s->ac_power[k] = keep * s->ac_power[k] + (1.0 - keep) * bin_power_of(s, k, true);
            s->ac_db[k] = power_db(s->ac_power[k]);
        }
    }
    s->loudest_db = s->db[0];
    for (int k = 1; k < s->bins; k++)
        if (s->db[k] > s->loudest_db) s->loudest_db = s->db[k];
    if (s->wf_room > 0 && row) push_row(s, s->db);
    s->peak.rate = rate;
    s->peak.computed++;
    find_peak(s, rate / s->n, ac_db_all);
}

/* A view that does not follow live gets the spectrogram of the view in its strip: ROWS spectra
 * whose blocks end at evenly spaced x across [x0, x1], the view's end on top — a file shown
 * whole, a paused or panned view, a recording — where computing only at the view's end gave one
 * row, too thin to see. At most RP_SPECTRUM_FILL_POINTS transformed a frame (2^20: every row of
 * a 1024-point strip at once, 16 rows of a 65536-point one). Not averaged; the dB row of a block
 * without all its samples is left empty. */
#define RP_SPECTRUM_FILL_POINTS (1 << 20)
static void fill_view_rows(rp_spectrum *s)
{
    int rows = s->desc.waterfall < s->wf_room ? s->desc.waterfall : s->wf_room;
    int budget = RP_SPECTRUM_FILL_POINTS / s->n > 0 ? RP_SPECTRUM_FILL_POINTS / s->n : 1;
    /* each row's dB goes through s->power's twin, bin by bin, into a float row */
    float *db = (float *)s->scratch_xy; /* 2 · bins floats, free between frames */
    for (; s->wf_filled < rows && budget > 0; s->wf_filled++, budget--) {
        double x = s->wf_x0 + (s->wf_x1 - s->wf_x0) * (double)(s->wf_filled + 1) / rows;
        rp_sample_span span;
        if (rp_series_copy_to_x(s->series, x, s->block, s->n, &span) != RP_OK || span.got < s->n) {
            push_row(s, NULL);
            continue;
        }
        transform(s);
        for (int k = 0; k < s->bins; k++) db[k] = power_db(bin_power(s, k));
        push_row(s, db);
    }
}

bool rp_spectrum_uses(const rp_spectrum *s, const rp_series *series) { return s->series == series; }

const rp_series *rp_spectrum_series(const rp_spectrum *s) { return s->series; }

bool rp_spectrum_stale(const rp_spectrum *s)
{
    return rp_handle_serial(s->series, RP_HANDLE_SERIES) != s->serial;
}

rp_status rp_figure_spectrum_update(rp_figure *figure, int panel, rp_spectrum_peak *peak)
{
    rp_spectrum *s = spectrum_of(figure, panel, "rp_figure_spectrum_update");
    if (!s) return RP_ERR_INVALID_ARG;
    if (rp_handle_serial(s->series, RP_HANDLE_SERIES) != s->serial)
        return FAIL(
            figure, RP_ERR_INVALID_ARG, STALE_SERIES,
            "rp_figure_spectrum_update: the series of spectrum panel %d was destroyed while "
            "still in the figure",
            panel);
    /* Live: the newest samples. Otherwise (a paused or panned view, a recording, whose end is
     * the end of its file, a replay) the samples ending at the view's right edge. */
    bool at_end = !figure->follow || rp_series_is_recording(s->series);
    rp_sample_span span;
    rp_status st = rp_series_copy_to_x(s->series, figure->follow ? INFINITY : figure->x1, s->block,
                                       s->n, &span);
    if (st != RP_OK) return st;
    s->peak.at_view_end = at_end;
    s->peak.held = span.got;
    bool unchanged = s->have_block && span.got == s->last_got && span.first == s->last_first &&
                     at_end == s->last_at_end;
    /* The strip of a view that is not a live window of fixed width is the spectrogram of what it
     * shows: of the view when it does not follow (paused, moved, a recording), of everything the
     * series holds when it follows with span 0 (a file shown whole). It is refilled when that
     * moves, but for a small step forward at the same width (a recording playing: that adds a
     * row, as live does) */
    bool view_rows = false;
    double vx0 = 0, vx1 = 0;
    bool shown = figure->follow ? figure->follow_span <= 0 &&
                                      rp_series_x_extent(s->series, &vx0, &vx1) == RP_OK
                                : rp_figure_x_view(figure, &vx0, &vx1) == RP_OK;
    if (s->wf_room > 0 && s->desc.waterfall > 0 && shown) {
        double w0 = s->wf_x1 - s->wf_x0, w = vx1 - vx0;
        bool moved = !s->wf_of_view || vx0 != s->wf_x0 || vx1 != s->wf_x1;
        bool steps_on = s->wf_of_view && s->wf_filled >= s->desc.waterfall && w == w0 &&
                        vx1 > s->wf_x1 &&
                        vx1 - s->wf_x1 <= RP_SPECTRUM_AVERAGE_REACH * w / s->desc.waterfall;
        s->wf_x0 = vx0;
        s->wf_x1 = vx1;
        if (moved && !steps_on) {
            s->wf_of_view = true;
            s->wf_filled = 0;
        }
        view_rows = s->wf_of_view && !steps_on;
    } else {
        s->wf_of_view = false;
    }
    /* Fewer samples than n where no more will come into the block (the view's end: a paused or
     * panned view, a recording; or a file shown whole): the spectrum of what there is, zero-padded
     * to n. Live, the panel waits for n. */
    bool short_block =
        span.got < s->n && span.got >= RP_SPECTRUM_MIN_SIZE && (at_end || figure->follow_span <= 0);
    if ((span.got == s->n || short_block) && !unchanged) {
        /* the average goes on live, and at the view's end while that moves a little forward;
         * spectra of unrelated places are never averaged */
        bool goes_on = !short_block && s->block_len == s->n && s->peak.computed > 0 &&
                       at_end == s->last_at_end &&
                       (!at_end || (span.end > s->last_end &&
                                    span.end - s->last_end <= RP_SPECTRUM_AVERAGE_REACH * s->n));
        s->have_block = true;
        s->last_first = span.first;
        s->last_got = span.got;
        s->last_end = span.end;
        s->last_at_end = at_end;
        s->showing = true;
        s->peak.x_end = span.x_last;
        /* the rate the block was sampled at; the series' nominal rate for a zero span */
        double width = span.x_last - span.x_first;
        double rate =
            width > 0 ? (double)(span.got - 1) / width : rp_series_get_desc(s->series).rate;
        compute(s, rate, goes_on ? s->desc.averaging : 0.0, !view_rows, span.got);
    } else if (span.got < s->n && !short_block) {
        s->showing = false; /* the view's end has too few samples: say so, show nothing */
        s->have_block = false;
        s->peak.x_end = span.got > 0 ? span.x_last : figure->x1;
    }
    if (view_rows && s->peak.computed > 0) fill_view_rows(s); /* after: it reuses the block */
    if (peak) *peak = s->peak;
    return RP_OK;
}

const float *rp_figure_spectrum_db(const rp_figure *figure, int panel, int *bins, double *bin_width)
{
    rp_spectrum *s = spectrum_of(figure, panel, "rp_figure_spectrum_db");
    if (!s || !s->showing) return NULL;
    if (bins) *bins = s->bins;
    if (bin_width) *bin_width = s->peak.rate / s->n;
    return s->db;
}

void rp_spectrum_y_view(const rp_spectrum *s, double *y0, double *y1)
{
    if (s->peak.computed == 0) {
        *y0 = widened_y0(s->desc.waterfall, -RP_SPECTRUM_BELOW_PEAK_DB, RP_SPECTRUM_ABOVE_PEAK_DB);
        *y1 = RP_SPECTRUM_ABOVE_PEAK_DB;
        return;
    }
    /* the multiple of 10 dB at least 9.5 dB above the loudest bin: a full-scale tone's 0 dB,
     * read as -0.001 or +0.001 dB, gets the same view (the top was 10 or 20 dB) */
    double top = ceil((s->loudest_db + RP_SPECTRUM_ABOVE_PEAK_DB - 0.5) / 10.0) * 10.0;
    *y1 = top;
    *y0 = widened_y0(s->desc.waterfall, top - RP_SPECTRUM_BELOW_PEAK_DB - RP_SPECTRUM_ABOVE_PEAK_DB,
                     top);
}

rp_spectrum_view rp_spectrum_get_view(rp_spectrum *s)
{
    rp_spectrum_view v = {
        .db = s->showing ? s->db : NULL,
        .bins = s->bins,
        .bin_width = s->peak.computed > 0 ? s->peak.rate / s->n : 0,
        .desc = s->desc,
        .peak = s->peak,
        .scratch_xy = s->scratch_xy,
        .waterfall_rows = s->desc.waterfall,
        .waterfall_pushed = s->wf_pushed,
        .waterfall_of_view = s->wf_of_view,
    };
    return v;
}

/* ---------------------------------------------------------------------------------------------
 * Waterfall image
 * ------------------------------------------------------------------------------------------- */
/* dB fraction (0 quiet .. 1 loud) → RGB: black, violet, red, orange, pale yellow. */
static void waterfall_color(double f, uint8_t out[4])
{
    static const float stops[5][3] = {{0.02f, 0.01f, 0.06f},
                                      {0.30f, 0.07f, 0.50f},
                                      {0.80f, 0.18f, 0.32f},
                                      {0.98f, 0.55f, 0.10f},
                                      {1.00f, 0.96f, 0.62f}};
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    double at = f * 4.0;
    int i = at >= 4.0 ? 3 : (int)at;
    float u = (float)(at - i);
    for (int c = 0; c < 3; c++)
        out[c] = (uint8_t)(255.0f * (stops[i][c] + u * (stops[i + 1][c] - stops[i][c])) + 0.5f);
    out[3] = 255;
}

/* Colours image row `r` from ring row `ring_row`: per column the loudest bin. */
static void colour_row(rp_spectrum *s, int r, int ring_row)
{
    const int16_t *row = s->wf + (size_t)ring_row * (size_t)s->bins;
    uint8_t *px = s->wf_rgba + (size_t)r * (size_t)s->img_w * 4;
    memset(px, 0, (size_t)s->img_w * 4); /* a row without samples stays empty */
    int16_t loud = INT16_MIN;
    int col = -1;
    double scale = s->img_db1 > s->img_db0 ? 1.0 / (100.0 * (s->img_db1 - s->img_db0)) : 0;
    for (int k = 0; k <= s->bins; k++) {
        int c = k < s->bins ? s->col_of_bin[k] : s->img_w;
        if (c != col && col >= 0 && col < s->img_w && loud != INT16_MIN)
            waterfall_color((loud - 100.0 * s->img_db0) * scale, &px[(size_t)col * 4]);
        if (k == s->bins) break;
        if (c != col) {
            if (col == -1 && loud != INT16_MIN) /* a zoomed view starts between two bins */
                for (int g = 0; g < c && g < s->img_w; g++)
                    waterfall_color((loud - 100.0 * s->img_db0) * scale, &px[(size_t)g * 4]);
            /* columns no bin falls in (a log axis' low end): the colour of the bin before */
            for (int g = col + 1; col >= 0 && g < c && g < s->img_w; g++)
                memcpy(&px[(size_t)g * 4], &px[(size_t)col * 4], 4);
            col = c;
            loud = INT16_MIN;
        }
        if (row[k] > loud) loud = row[k];
    }
}

const uint8_t *rp_spectrum_waterfall_image(rp_spectrum *s, int w, bool log_axis, double lo,
                                           double hi, double db0, double db1, int *rows,
                                           uint64_t *version)
{
    int n = s->desc.waterfall;
    if (n <= 0 || s->wf_pushed == 0 || w < 1 || !(hi > lo)) return NULL;
    bool same = s->wf_rgba && s->img_w == w && s->img_rows == n && s->img_log == log_axis &&
                s->img_lo == lo && s->img_hi == hi && s->img_db0 == db0 && s->img_db1 == db1;
    if (!same) {
        size_t bytes = (size_t)w * (size_t)n * 4;
        if (bytes > s->wf_rgba_cap) { /* only when the plot grows */
            uint8_t *img = malloc(bytes);
            int *cols = s->col_of_bin ? s->col_of_bin : malloc(sizeof(int) * (size_t)s->bins);
            if (!img || !cols) {
                free(img);
                if (cols != s->col_of_bin) free(cols);
                return NULL;
            }
            free(s->wf_rgba);
            s->wf_rgba = img;
            s->col_of_bin = cols;
            s->wf_rgba_cap = bytes;
        }
        s->img_w = w;
        s->img_rows = n;
        s->img_log = log_axis;
        s->img_lo = lo;
        s->img_hi = hi;
        s->img_db0 = db0;
        s->img_db1 = db1;
        double bin_width = s->peak.rate / s->n;
        for (int k = 0; k < s->bins; k++) {
            double f = k * bin_width, u;
            if (log_axis)
                u = f > 0 ? (log10(f) - log10(lo)) / (log10(hi) - log10(lo)) : -1;
            else
                u = (f - lo) / (hi - lo);
            int c = (int)floor(u * w);
            /* -1: left of the view; w: right of a zoomed view (not piled into its last column) */
            s->col_of_bin[k] = c < -1 ? -1 : c >= w ? (u <= 1.0 ? w - 1 : w) : c;
        }
        s->img_pushed = s->wf_pushed - n; /* every row afresh */
        memset(s->wf_rgba, 0, (size_t)w * (size_t)n * 4);
    }
    int64_t fresh = s->wf_pushed - s->img_pushed;
    if (fresh > n) fresh = n;
    if (fresh > 0) {
        size_t row_bytes = (size_t)w * 4;
        memmove(s->wf_rgba + (size_t)fresh * row_bytes, s->wf_rgba,
                (size_t)(n - fresh) * row_bytes); /* older rows scroll down */
        for (int r = 0; r < fresh; r++) {
            if (s->wf_pushed - r <= 0 || r >= s->wf_room) break;
            colour_row(s, r, (s->wf_newest - r + s->wf_room) % s->wf_room);
        }
        s->img_pushed = s->wf_pushed;
        s->img_version++;
    }
    /* rows older than what the ring has seen stay transparent */
    *rows = n;
    *version = s->img_version;
    return s->wf_rgba;
}
