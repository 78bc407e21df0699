/* column_cache.h — internal to engine/render: decimation that keeps last frame's columns.
 *
 * The decimation grid is anchored (t0 for uniform series, x = 0 for irregular ones), so a column
 * that was complete when it was decimated (the next column had started before the newest sample)
 * holds the same M4 in every later frame with the same column width, until its first sample
 * expires. rp_column_cache_decimate returns what rp_decimate returns for the same view, but
 * decimates afresh only
 *   - the view's first two columns (a 2-column rp_decimate at x0: it places the grid's first
 *     column exactly as the full query would, and gives `before`),
 *   - the columns after the last complete one it holds (one rp_decimate up to x1: the newest
 *     columns, `after`, head and oldest),
 *   - the columns before the first one it holds, after a pan to earlier data (one rp_decimate),
 * and takes the rest from a window of columns kept per series, where it assembles the result:
 * the kept columns are not even copied. While following live, or panning by whole columns, a
 * frame costs O(new columns) of decimation instead of O(width). Anything it
 * cannot prove equal (another column width, raw mode, expired or missing columns, a series whose
 * head went back, a kept column that differs from a fresh one) falls back to the full query.
 *
 *   rp_column_cache_create(out)                   no slots yet
 *   rp_column_cache_destroy(cache)
 *   rp_column_cache_decimate(cache, s, x0, x1, width, dec, &fresh, &run)
 *       as rp_decimate(s, x0, x1, width, dec) (dec->out, out_capacity, skip_extreme_index in),
 *       except that dec->out may come back pointing into the cache (read only, valid until the
 *       next call: set it again before each call); fresh: columns decimated afresh (all of them
 *       on a miss); run (NULL: not wanted): which columns came from the slot's window, for a
 *       caller that keeps what it built from them (rp_column_run)
 *   rp_column_cache_frame(cache)                  call once per frame (slot ages)
 *   rp_column_cache_set_enabled(cache, on)        off: every call is a plain rp_decimate (tests)
 *   rp_column_cache_counts(cache, &fresh, &total) columns decimated afresh / returned this frame
 *
 * Memory: a slot per dense series drawn (up to RP_COLUMN_CACHE_SLOTS, least recently used
 * reused), each a window of 2 × (width + 8) columns (~104 bytes each: ~400 KB at 1,900 px; it
 * slides, copying what it keeps, once per width + 8 new columns), allocated when a series is
 * first drawn or the plot grows — never on a frame that only moves. Series are identified by address and
 * description; a kept column is checked against the fresh ones it overlaps.
 * Thread: the render thread (the one that owns the renderer). */
#ifndef RP_RENDER_COLUMN_CACHE_H
#define RP_RENDER_COLUMN_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "ringplot.h"

#define RP_COLUMN_CACHE_SLOTS 64

typedef struct rp_column_cache rp_column_cache;

/* What a call's result owes to the slot's window. A slot's epoch changes whenever its window
 * starts over (another series, a full query, a new size); while it stays, a grid column it holds
 * is the same M4 in every call that returns it. So a column in [copied_lo, copied_hi) of this
 * call and in [kept_lo, kept_hi) of an earlier call with the same epoch is the same bytes in
 * both: a caller that kept what it built from the earlier call need not compare it (the bars of
 * series_geometry.c). Grid columns, half-open; epoch 0: nothing is owed (no slot, cache off). */
typedef struct rp_column_run {
    uint64_t epoch;
    int64_t copied_lo, copied_hi; /* taken from the window into this result */
    int64_t kept_lo, kept_hi;     /* in the window after this call (all of them in this result) */
} rp_column_run;

rp_status rp_column_cache_create(rp_column_cache **out);
void rp_column_cache_destroy(rp_column_cache *cache);
rp_status rp_column_cache_decimate(rp_column_cache *cache, const rp_series *series, double x0,
                                   double x1, int width, rp_decimation *dec, int *fresh,
                                   rp_column_run *run);
void rp_column_cache_frame(rp_column_cache *cache);
void rp_column_cache_set_enabled(rp_column_cache *cache, bool on);
void rp_column_cache_counts(const rp_column_cache *cache, int64_t *fresh, int64_t *total);

/* The renderer's cache (renderer.c; borrowed), for tests that compare with the full query. */
rp_column_cache *rp_renderer_column_cache(rp_renderer *renderer);

#endif
