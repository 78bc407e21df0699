/* ticks.h — "nice" axis ticks and their labels, for numbers and for time. No GL, no allocation.
 * Thread: any (pure functions of their arguments). */
#ifndef RP_AXIS_TICKS_H
#define RP_AXIS_TICKS_H

#include <stdbool.h>

#define RP_MAX_TICKS 64
#define RP_TICK_LABEL_MAX 40

typedef struct rp_tick {
    double value;                  /* position in data units */
    char label[RP_TICK_LABEL_MAX]; /* empty for minor ticks */
    bool major;
} rp_tick;

typedef struct rp_tick_set {
    rp_tick ticks[RP_MAX_TICKS];
    int count;
    double step; /* distance between major ticks, data units */
    /* Text that belongs to the whole axis rather than each label, e.g. "×1e-9", "+1.7e12",
     * "2026-11-24" for a wall-clock axis within one day, or "ms" unit. Empty when none. */
    char annotation[RP_TICK_LABEL_MAX];
    /* The range the ticks were chosen for: the request's, swapped if lo > hi, widened when it
     * was flat or narrower than doubles resolve (then the caller may want to show this range). */
    double lo, hi;
} rp_tick_set;

/* Width in px of a label as it will be drawn (so labels can be kept from overlapping). */
typedef float (*rp_text_width_fn)(void *user, const char *text);

typedef struct rp_tick_request {
    double lo, hi;      /* visible range (lo < hi; lo == hi is treated as a flat range) */
    float axis_px;      /* length of the axis on screen */
    bool vertical;      /* y axis: spacing by label_height; x axis: spacing by label widths */
    float label_height; /* px height of a label line */
    float min_gap_px;   /* at least this much free space between neighbouring labels */
    rp_text_width_fn text_width; /* may be NULL: then 7 px per character is assumed */
    void *user;
    bool minor; /* also emit minor ticks (major = false, empty label); numeric only */
} rp_tick_request;

/* Numeric axis: 1-2-5 steps, labels distinct and short for any range (1e-9, 1e12, negative,
 * crossing zero, flat, a single value). Returns the number of ticks.
 * Labels (ASCII, at most 9 characters, same decimals across the axis; zero is always "0"):
 *   "0", "0.5", "1.0", "-2.5", "200000"         plain, for |values| in [1e-4, 1e6)
 *   "0", "0.5", "1.0" + annotation "×1e-9"      value = label × 1e-9
 *   "0", "200", "400" + annotation "+1e12"      value = label + 1e12 (also "-1.5e3", "+1000")
 *   annotation "×1e-15 +1e-9"                   value = label × 1e-15 + 1e-9
 * The annotation is UTF-8 (× is U+00D7) and meant to be drawn once at the axis end.
 * NaN/Inf bounds, a span that overflows, or axis_px < 1 give 0 ticks. Ticks lie inside
 * [out->lo, out->hi], which is the request's range unless it was flat or sub-precision. */
int rp_ticks_numeric(const rp_tick_request *req, rp_tick_set *out);

typedef enum rp_time_mode {
    RP_TIME_RELATIVE = 0, /* seconds: labels like "0 s", "250 ms", "1.5 s", "40 µs", "2 min" */
    RP_TIME_WALL_UTC,     /* Unix seconds: "12:34:56", "12:34:56.250", date at day changes */
    RP_TIME_WALL_LOCAL,   /* same in the local time zone (TZ) */
} rp_time_mode;

/* Time axis with nice time steps (µs..ms..1/2/5/10/15/30 s, minutes, hours, days).
 * Relative labels: "0 s", "0.5 s", "250 ms", "0.5 ms", "40 µs", "20 ns" below 1 s (annotation
 * "+3600 s" when counting from an offset); "15 s" (< 1 min), "2 min" (< 1 h), "3 h", "2 d";
 * otherwise "H:MM:SS" ("0:01:30", "1:15:00").
 * Wall labels: "16:00:00.250" (step < 1 s), "16:00:15" (< 1 min), "16:15" (< 1 day),
 * "Nov 24" (days, weeks, half months), "Nov 2025" (months), "2025" (years). Annotation
 * "2025-11-24" when the range lies within one date. Across midnight the date is prefixed,
 * "Nov 25 00:00": on the first tick and at each new date for spans under 24 h, on every label
 * for longer spans; the annotation is then the year ("2025" or "2025-2026").
 * Ranges beyond what time labels cover fall back to numeric labels with unit " s". */
int rp_ticks_time(const rp_tick_request *req, rp_time_mode mode, rp_tick_set *out);

/* Formats one value the way a crosshair read-out should (more digits than an axis label). */
void rp_format_value(double value, double resolution, char *buf, int size);
/* Formats a value read off the data (crosshair, cursors): to `resolution` like rp_format_value,
 * but never fewer than RP_READOUT_DIGITS significant digits, so a value small against the view
 * (3.2e-5 in a view of ±1) reads "3.200e-5", never "0". Only an exact zero reads "0". */
#define RP_READOUT_DIGITS 4
void rp_format_readout(double value, double resolution, char *buf, int size);
/* rp_format_readout in at most max_chars (>= 8) characters, for a column of a table: fewer
 * decimals first ("10000.00977" → "10000.010"), then an exponent with fewer digits
 * ("123456789012" → "1.2346e11"). A column as wide as RP_CELL_WIDEST holds any such cell. */
#define RP_CELL_CHARS 10
#define RP_CELL_WIDEST "8888888888"
void rp_format_cell(double value, double resolution, int max_chars, char *buf, int size);

#endif
