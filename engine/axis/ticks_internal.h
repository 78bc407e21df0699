/* ticks_internal.h — helpers shared by the numeric and the time tick generators (not public).
 *
 * Tick positions are kept as integers N in units of 10^e (or whole seconds, months...), so
 * labels are printed from exact integers: no "-0", no "1.2e-17", and distinct positions always
 * give distinct labels. */
#ifndef RP_AXIS_TICKS_INTERNAL_H
#define RP_AXIS_TICKS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "axis/ticks.h"

/* A label bigger than any axis needs, yet small enough that formatting never truncates. */
#define RP_TICK_MUL "\xC3\x97" /* U+00D7 multiplication sign, UTF-8 */

/* Request values checked and defaulted once, so the generators need no further checks. */
typedef struct rp_tick_ctx {
    const rp_tick_request *req;
    double lo, hi, span; /* range after swap / flat widening */
    double axis_px;
    double floor_px; /* densest major spacing wanted, px (keeps ~4-9 ticks) */
    double label_height, gap;
} rp_tick_ctx;

/* Validates req and clears out. Returns 0 and fills ctx (without lo/hi) when usable. */
int rp_ticks__begin(const rp_tick_request *req, rp_tick_set *out, rp_tick_ctx *ctx);
/* Sets ctx range from lo..hi (already swapped, finite, lo < hi) and records it in out. */
void rp_ticks__set_range(rp_tick_ctx *ctx, rp_tick_set *out, double lo, double hi);

/* True when the major labels in out (count, values, labels) keep min_gap apart on screen. */
int rp_ticks__labels_fit(const rp_tick_ctx *ctx, const rp_tick_set *out);

uint64_t rp_ticks__pow10u(int n);                  /* 10^n for 0 <= n <= 19 */
double rp_ticks__pow10(int n);                     /* 10^n as a double, exact for |n| <= 22 */
int rp_ticks__digits(uint64_t a);                  /* decimal digits of a (1 for 0) */
int64_t rp_ticks__floor_div(int64_t a, int64_t b); /* b > 0 */
double rp_ticks__value(int64_t n, int e);          /* n * 10^e, correctly rounded where it can be */
/* Places the majors k*m*10^e (k integer, `step` = m*10^e apart) inside the context's range as
 * out->ticks, with count and step set and the annotation cleared; labels are the caller's.
 * Returns the count (its first k in *kmin), or -1 when there would be more than RP_MAX_TICKS. */
int rp_ticks__place_majors(const rp_tick_ctx *ctx, int64_t m, int e, double step, rp_tick_set *out,
                           int64_t *kmin);

/* Writes n * 10^e with exactly max(0, -e) decimals; 0 is always written as "0". */
void rp_ticks__fmt_fixed(char *buf, size_t size, int64_t n, int e);
/* Writes n * 10^e as briefly as it stays exact: "12300", "0.0012", "1.7e12", "-5e-9". */
void rp_ticks__fmt_exact(char *buf, size_t size, int64_t n, int e);

/* Roundest offset for integers in [nmin, nmax] that leaves remainders of 1-4 digits. */
int64_t rp_ticks__round_offset(int64_t nmin, int64_t nmax);
/* Range to tick for plain numbers: swapped, flat or sub-precision ranges widened. */
void rp_ticks__numeric_range(double lo, double hi, double *out_lo, double *out_hi);

/* Label plan for integers N in [nmin, nmax], each meaning N * 10^e. */
typedef struct rp_label_plan {
    int64_t offset; /* subtracted from N before printing (0: none) */
    int scale;      /* labels are (N - offset) * 10^(e - scale); 0: no "×1eX" */
} rp_label_plan;

/* Chooses fixed, "×1eX" or offset labels so that every label is at most ~9 characters. */
void rp_ticks__plan_labels(int64_t nmin, int64_t nmax, int e, rp_label_plan *plan);
/* Fills out->annotation for a plan ("×1e-9", "+1e12", "×1e-3 +1.7e12"); suffix may be NULL. */
void rp_ticks__plan_annotation(const rp_label_plan *plan, int e, const char *suffix,
                               rp_tick_set *out);

#endif
