/* column_cache.c — decimation that keeps last frame's complete columns. See column_cache.h.
 *
 * A frame's query for [x0, x1] at `width` columns of width dx (as rp_decimate would choose) is
 * assembled from:
 *   L  rp_decimate(x0, x0 + 2·dx, 2): the view's first grid column F (rp_decimate's own nudging
 *      from x0), its first columns and `before`;
 *   T  rp_decimate(x1 − 2·dx, x1, 2), run last: the view's last column K (nudged from x1), the
 *      newest columns, `after`, head and oldest;
 *   P  rp_decimate over whole grid columns for those after L's up to the first kept one (a pan
 *      to earlier data), written in place;
 *   the kept columns (in place: the result is assembled in the slot's window), then
 *   R  rp_decimate over whole grid columns [k·dx, (k + m)·dx] for those after the last kept one
 *      up to T's first.
 * Every column not from T must be complete (it ends before its query's head) and unclamped (it
 * starts after its query's oldest and at or after T's): then it is what the full query at T's
 * moment holds. Otherwise, or whenever a width, a grid or a kept column does not match, the full
 * query runs instead. */
#include "render/column_cache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */
typedef struct cache_slot {
    const rp_series *series; /* identity (with the description below); NULL: free */
    int64_t capacity;
    double rate, t0;
    bool timestamps, skip;
    uint64_t used;      /* frame of the last use */
    uint64_t epoch;     /* changes whenever the window starts over (rp_column_run) */
    double view_step;   /* (x1 − x0) / width of the query that filled it */
    double dx;          /* its column width */
    int64_t head;       /* its head */
    int64_t k_lo, k_hi; /* complete columns kept (k_hi < k_lo: none) */
    rp_m4 *cols;        /* column k at cols[k − base] (a window that slides with the view) */
    int cap;
    int64_t base;
} cache_slot;

struct rp_column_cache {
    cache_slot slots[RP_COLUMN_CACHE_SLOTS];
    uint64_t frame;
    uint64_t epochs; /* the last epoch given to a slot (never 0) */
    bool disabled;
    int64_t frame_fresh,
        frame_total; /* columns decimated afresh / returned since the frame began */
    rp_m4 *fresh;    /* R's columns */
    uint8_t *ok;     /* per assembled column: complete and unclamped */
    int scratch_cap;
};

enum { EDGE = 8 };       /* L and T give 2–4 columns */
enum { VIEW_SLACK = 8 }; /* a view holds at most width + 2 columns */

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static rp_m4 *col_at(const cache_slot *sl, int64_t k) { return &sl->cols[k - sl->base]; }

/* Slides the window so that it holds columns [f, f + n) (n <= cap), moving the kept columns
 * still in it and forgetting the others; room is left on the side the view goes. */
static void slide(cache_slot *sl, int64_t f, int n)
{
    if (f >= sl->base && f + n <= sl->base + sl->cap) return;
    int64_t base = f >= sl->base ? f : f + n - sl->cap;
    int64_t lo = sl->k_lo > base ? sl->k_lo : base;
    int64_t hi = sl->k_hi < base + sl->cap - 1 ? sl->k_hi : base + sl->cap - 1;
    if (lo <= hi)
        memmove(&sl->cols[lo - base], col_at(sl, lo), sizeof(rp_m4) * (size_t)(hi - lo + 1));
    sl->base = base;
    sl->k_lo = lo;
    sl->k_hi = hi;
}

static bool column_stable(const rp_m4 *e, const rp_decimation *q)
{
    return e->end < q->head && e->start > q->oldest;
}

static cache_slot *find_slot(rp_column_cache *c, const rp_series *s, const rp_series_desc *d)
{
    cache_slot *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < RP_COLUMN_CACHE_SLOTS; i++) {
        cache_slot *sl = &c->slots[i];
        if (sl->series == s && sl->capacity == d->capacity && sl->rate == d->rate &&
            sl->t0 == d->t0 && sl->timestamps == d->timestamps)
            return sl;
        if (!sl->series && !free_slot) free_slot = sl;
        if (sl->used < c->frame && (!oldest || sl->used < oldest->used))
            oldest = sl; /* not drawn this frame: may be reused */
    }
    cache_slot *sl = free_slot ? free_slot : oldest;
    if (!sl) return NULL;
    sl->series = s;
    sl->capacity = d->capacity;
    sl->rate = d->rate;
    sl->t0 = d->t0;
    sl->timestamps = d->timestamps;
    sl->k_lo = 0;
    sl->k_hi = -1;
    sl->dx = 0;
    sl->epoch = ++c->epochs;
    return sl;
}

/* The scratch holds `columns`, a slot's window twice that (allocation only when the viewport
 * grows). */
static bool ensure(rp_column_cache *c, cache_slot *sl, int columns)
{
    if (c->scratch_cap < columns) {
        rp_m4 *f = realloc(c->fresh, sizeof *f * (size_t)columns);
        if (f) c->fresh = f;
        uint8_t *o = realloc(c->ok, (size_t)columns);
        if (o) c->ok = o;
        if (!f || !o) return false;
        c->scratch_cap = columns;
    }
    if (sl->cap < 2 * columns) {
        rp_m4 *r = realloc(sl->cols, sizeof *r * (size_t)(2 * columns));
        if (!r) return false;
        sl->cols = r;
        sl->cap = 2 * columns;
        sl->base = 0;
        sl->k_lo = 0;
        sl->k_hi = -1;
        sl->epoch = ++c->epochs;
    }
    return true;
}

/* Keeps the longest run of stable columns of this frame's result (ok[] per column), copied into
 * the window unless the result is in it already. */
static void keep(cache_slot *sl, const rp_decimation *dec, const uint8_t *ok, bool in_place)
{
    int best0 = 0, best_n = 0;
    for (int i = 0; i < dec->count;) {
        if (!ok[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < dec->count && ok[j]) j++;
        if (j - i > best_n) {
            best0 = i;
            best_n = j - i;
        }
        i = j;
    }
    int64_t lo = dec->first_column + best0, hi = lo + best_n - 1;
    if (best_n > 0 && !in_place) {
        sl->k_lo = 0;
        sl->k_hi = -1;
        slide(sl, lo, best_n);
        memcpy(col_at(sl, lo), &dec->out[best0], sizeof(rp_m4) * (size_t)best_n);
    }
    sl->k_lo = lo;
    sl->k_hi = hi;
}

/* The full query; keeps its stable columns. */
static rp_status full(rp_column_cache *c, cache_slot *sl, const rp_series *s, double x0, double x1,
                      int width, rp_decimation *dec, int *fresh, rp_column_run *run)
{
    rp_status st = rp_decimate(s, x0, x1, width, dec);
    *fresh = dec->count;
    if (!sl) return st;
    sl->k_lo = 0;
    sl->k_hi = -1;
    sl->dx = 0;
    sl->epoch = ++c->epochs;
    if (st != RP_OK || dec->raw || dec->count < 1 || !ensure(c, sl, width + VIEW_SLACK)) return st;
    for (int i = 0; i < dec->count; i++) c->ok[i] = column_stable(&dec->out[i], dec);
    keep(sl, dec, c->ok, false);
    sl->view_step = (x1 - x0) / width;
    sl->dx = dec->column_dx;
    sl->head = dec->head;
    sl->skip = dec->skip_extreme_index;
    *run = (rp_column_run){.epoch = sl->epoch, .kept_lo = sl->k_lo, .kept_hi = sl->k_hi + 1};
    return st;
}

/* Whether column e of query q holds what the full query at T's moment would: q saw the same
 * head and oldest as T, or the column is complete and unclamped and not expired since. */
static bool column_current(const rp_m4 *e, const rp_decimation *q, const rp_decimation *T)
{
    if (q->head == T->head && q->oldest == T->oldest) return true;
    return column_stable(e, q) && e->start >= T->oldest;
}

/* The incremental query (false: could not prove it equal to the full one; dec is scratch then). */
static bool incremental(rp_column_cache *c, cache_slot *sl, const rp_series *s, double x0,
                        double x1, int width, rp_decimation *dec, int *fresh, rp_column_run *run)
{
    double dx = sl->dx;
    rp_m4 *out = dec->out;
    int cap = dec->out_capacity;
    bool skip = dec->skip_extreme_index;
    rp_decimation L = {.out = out, .out_capacity = cap, .skip_extreme_index = skip};
    if (rp_decimate(s, x0, x0 + 2.0 * dx, 2, &L) != RP_OK || L.raw || L.column_dx != dx)
        return false;
    int64_t F = L.first_column;
    bool have_p = false;
    int64_t p_head = 0, p_oldest = 0;
    for (int i = 0; i < L.count; i++) {
        int64_t k = F + i;
        if (column_stable(&L.out[i], &L) && k >= sl->k_lo && k <= sl->k_hi &&
            memcmp(col_at(sl, k), &L.out[i], sizeof(rp_m4)) != 0)
            return false; /* not the series the slot knew */
    }

    /* P for the columns after L's up to the first kept one (a pan to earlier data), the kept
     * columns, R for those after the last kept one, and T (run last). */
    int64_t k_from = F + L.count;
    double anchor = sl->timestamps ? 0.0 : sl->t0;
    int64_t K_est = (int64_t)floor((x1 - anchor) / dx);
    int64_t p_end = k_from; /* columns [k_from, p_end) come from P, written in place */
    if (k_from < sl->k_lo && sl->k_lo <= sl->k_hi && sl->k_lo < K_est - 1) {
        int64_t mp = sl->k_lo - k_from;
        if (mp > cap - L.count) return false;
        rp_decimation P = {
            .out = out + L.count, .out_capacity = cap - L.count, .skip_extreme_index = skip};
        if (rp_decimate(s, anchor + (double)k_from * dx, anchor + (double)sl->k_lo * dx, (int)mp,
                        &P) != RP_OK ||
            P.raw || P.column_dx != dx || P.first_column != k_from || P.count < mp)
            return false;
        for (int i = 0; i < P.count; i++) c->ok[L.count + i] = column_stable(&P.out[i], &P);
        p_end = sl->k_lo;
        have_p = true;
        p_head = P.head;
        p_oldest = P.oldest;
    } else if (k_from < sl->k_lo && k_from <= sl->k_hi) {
        return false;
    }
    int64_t k_new = sl->k_hi + 1 > p_end ? sl->k_hi + 1 : p_end; /* first not kept */
    rp_m4 edge[EDGE];
    rp_decimation T = {.out = edge, .out_capacity = EDGE, .skip_extreme_index = skip};
    rp_decimation R = {.out = c->fresh, .out_capacity = c->scratch_cap, .skip_extreme_index = skip};
    int64_t m = K_est - k_new; /* up to the view's last column but one (T has 2–4) */
    bool have_r = false;
    if (m >= 1) {
        if (rp_decimate(s, anchor + (double)k_new * dx, anchor + (double)(k_new + m) * dx, (int)m,
                        &R) != RP_OK ||
            R.raw || R.column_dx != dx)
            return false;
        have_r = true;
    }
    if (rp_decimate(s, x1 - 2.0 * dx, x1, 2, &T) != RP_OK || T.raw || T.column_dx != dx)
        return false;
    int64_t K = T.first_column + T.count - 1;
    int64_t n = K - F + 1;
    if (T.first_column <= p_end || n > cap || n > sl->cap || T.head < sl->head) return false;

    /* L's and P's columns (in out): current as of T's moment? ok[]: worth keeping. */
    int64_t fresh_n = L.count + T.count;
    for (int i = 0; i < L.count; i++) {
        if (!column_current(&out[i], &L, &T)) return false;
        c->ok[i] = column_stable(&out[i], &L) && out[i].start >= T.oldest;
    }
    if (have_p) {
        rp_decimation P = {.head = p_head, .oldest = p_oldest};
        for (int64_t i = L.count; i < p_end - F; i++) {
            if (!column_current(&out[i], &P, &T)) return false;
            c->ok[i] = c->ok[i] && out[i].start >= T.oldest;
        }
        fresh_n += p_end - k_from;
    }
    /* The kept ones. Columns start in index order, so the first one tells whether any has
     * expired since. */
    int64_t kept_end = sl->k_hi + 1 < T.first_column ? sl->k_hi + 1 : T.first_column;
    int64_t copied_lo = p_end > sl->k_lo ? p_end : sl->k_lo, copied_hi = kept_end;
    if (copied_hi < copied_lo) copied_hi = copied_lo;
    if (kept_end > p_end && col_at(sl, p_end)->start < T.oldest) return false; /* expired */

    /* The result is assembled in the window, where the kept columns are already: column k at
     * win[k − F]. A failure from here on leaves the slot to the full query, which starts it
     * over. */
    slide(sl, F, (int)n);
    rp_m4 *win = col_at(sl, F);
    memcpy(win, out, sizeof *out * (size_t)(p_end - F)); /* L's and P's */
    if (kept_end > p_end) memset(&c->ok[p_end - F], 1, (size_t)(kept_end - p_end));
    for (int64_t k = kept_end > p_end ? kept_end : p_end; k < T.first_column; k++) {
        int64_t i = k - F;
        if (have_r && k >= R.first_column && k < R.first_column + R.count) {
            win[i] = R.out[k - R.first_column];
            if (!column_current(&win[i], &R, &T)) return false;
            c->ok[i] = column_stable(&win[i], &R) && win[i].start >= T.oldest;
            fresh_n++;
        } else {
            return false;
        }
    }
    for (int i = 0; i < T.count; i++) {
        win[T.first_column - F + i] = T.out[i];
        c->ok[T.first_column - F + i] = column_stable(&T.out[i], &T);
    }
    /* The full query draws raw samples when the view holds no more than `width` of them (with
     * the gaps raw mode would draw): the columns strictly inside the view hold at least that
     * many; near it, only the full query can tell (columns cover consecutive indices). */
    int64_t inside = win[n - 1].start - win[0].end;
    if (inside <= width) return false;

    dec->out = win;
    dec->count = (int)n;
    dec->raw = false;
    dec->column_dx = dx;
    dec->first_column = F;
    dec->has_before = L.has_before && (L.oldest == T.oldest || L.before.start >= T.oldest);
    dec->before = L.before;
    dec->has_after = T.has_after;
    dec->after = T.after;
    dec->head = T.head;
    dec->oldest = T.oldest;
    *fresh = (int)fresh_n;
    keep(sl, dec, c->ok, true);
    sl->head = T.head;
    *run = (rp_column_run){.epoch = sl->epoch,
                           .copied_lo = copied_lo,
                           .copied_hi = copied_hi,
                           .kept_lo = sl->k_lo,
                           .kept_hi = sl->k_hi + 1};
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
rp_status rp_column_cache_create(rp_column_cache **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = calloc(1, sizeof **out);
    return *out ? RP_OK : RP_ERR_NO_MEMORY;
}

void rp_column_cache_destroy(rp_column_cache *c)
{
    if (!c) return;
    for (int i = 0; i < RP_COLUMN_CACHE_SLOTS; i++) free(c->slots[i].cols);
    free(c->fresh);
    free(c->ok);
    free(c);
}

void rp_column_cache_frame(rp_column_cache *c)
{
    if (!c) return;
    c->frame++;
    c->frame_fresh = c->frame_total = 0;
}

void rp_column_cache_counts(const rp_column_cache *c, int64_t *fresh, int64_t *total)
{
    *fresh = c ? c->frame_fresh : 0;
    *total = c ? c->frame_total : 0;
}

void rp_column_cache_set_enabled(rp_column_cache *c, bool on)
{
    if (c) c->disabled = !on;
}

rp_status rp_column_cache_decimate(rp_column_cache *c, const rp_series *s, double x0, double x1,
                                   int width, rp_decimation *dec, int *fresh, rp_column_run *run)
{
    int dummy = 0;
    rp_column_run no_run;
    if (!fresh) fresh = &dummy;
    if (!run) run = &no_run;
    *run = (rp_column_run){0};
    if (!c || c->disabled || !s || !dec || width < 1 || !(x1 > x0)) {
        rp_status st = rp_decimate(s, x0, x1, width, dec);
        *fresh = dec && st == RP_OK ? dec->count : 0;
        if (c) {
            c->frame_fresh += *fresh;
            c->frame_total += *fresh;
        }
        return st;
    }
    rp_series_desc d = rp_series_get_desc(s);
    cache_slot *sl = find_slot(c, s, &d);
    if (sl) sl->used = c->frame;
    double step = (x1 - x0) / width;
    if (sl && sl->dx > 0.0 && sl->skip == dec->skip_extreme_index &&
        fabs(step - sl->view_step) <= 1e-12 * fabs(step) && sl->cap >= 2 * (width + VIEW_SLACK) &&
        incremental(c, sl, s, x0, x1, width, dec, fresh, run)) {
        c->frame_fresh += *fresh;
        c->frame_total += dec->count;
        return RP_OK;
    }
    *run = (rp_column_run){0};
    rp_status st = full(c, sl, s, x0, x1, width, dec, fresh, run);
    if (st == RP_OK) {
        c->frame_fresh += *fresh;
        c->frame_total += dec->count;
    }
    return st;
}
