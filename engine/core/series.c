/* series.c — the series store: creation (all memory up front), the lock-free push path, and
 * the small O(log N) read queries. Decimation lives in decimate.c. */
#include <stdlib.h>
#include <string.h>

#include "core/series_internal.h"

/* ---- creation ---------------------------------------------------------------------------- */

/* Allocates and touches (so resident memory does not grow later as the ring fills). */
static void *alloc_touched(size_t bytes, int64_t *total)
{
    void *p = malloc(bytes ? bytes : 1);
    if (p) {
        memset(p, 0, bytes);
        *total += (int64_t)bytes;
    }
    return p;
}

static void free_arrays(rp_series *s)
{
    free(s->ring);
    free(s->times);
    for (int k = 0; k < s->levels; k++) {
        free(s->level[k].min);
        free(s->level[k].max);
        free(s->level[k].flags);
    }
}

rp_status rp_series_create(const rp_series_desc *desc, rp_series **out)
{
    rp_series_desc d = desc ? *desc : (rp_series_desc){0};
    const rp_log_desc *log = &d.log;
    if (!out)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create: out is NULL");
    *out = NULL;
    const char *name = d.name ? d.name : "series";
    if (strlen(name) >= RP_NAME_MAX)
        return rp_log_create_fail(log, RP_ERR_LIMIT, RP_LOGITEM_LIMIT_EXCEEDED,
                                  "rp_series_create: name of %zu bytes is longer than %d",
                                  strlen(name), RP_NAME_MAX - 1);
    if (d.capacity == 0) d.capacity = (int64_t)1 << 20;
    if (d.rate == 0) d.rate = 1.0;
    if (d.capacity < 1 || d.capacity > ((int64_t)1 << 40))
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create: capacity %lld is out of range (1 .. 2^40)",
                                  (long long)d.capacity);
    if (!(d.rate > 0) || !isfinite(d.rate) || !isfinite(d.t0))
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create: rate %g must be finite and > 0, t0 %g finite",
                                  d.rate, d.t0);
    if (d.first_index < 0 || d.first_index > ((int64_t)1 << 60))
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create: first_index %lld is out of range (0 .. 2^60)",
                                  (long long)d.first_index);

    rp_series *s = aligned_alloc(64, (sizeof *s + 63) / 64 * 64);
    if (!s)
        return rp_log_create_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_series_create: out of memory for the series header");
    memset(s, 0, sizeof *s);
    s->bytes = (int64_t)sizeof *s;
    s->capacity = d.capacity;
    memcpy(s->name, name, strlen(name) + 1);
    s->desc = d;
    s->desc.name = s->name;
    s->last_time = -INFINITY;
    s->leaf = rp_leaf_kernel();

    bool ok = (s->ring = alloc_touched((size_t)d.capacity * sizeof(float), &s->bytes)) != NULL;
    if (ok && d.timestamps)
        ok = (s->times = alloc_touched((size_t)d.capacity * sizeof(double), &s->bytes)) != NULL;
    /* Levels until one more would hold fewer than RP_FANOUT blocks: a query then never scans
     * more than about 2 * RP_FANOUT blocks of any level. */
    int64_t block = RP_LEAF;
    while (ok && block <= d.capacity && s->levels < RP_MAX_LEVELS) {
        rp_level *lv = &s->level[s->levels++];
        lv->block = block;
        lv->slots = d.capacity / block + 2;
        ok = (lv->min = alloc_touched((size_t)lv->slots * sizeof(float), &s->bytes)) &&
             (lv->max = alloc_touched((size_t)lv->slots * sizeof(float), &s->bytes)) &&
             (lv->flags = alloc_touched((size_t)lv->slots, &s->bytes));
        if (block * RP_FANOUT > d.capacity) break;
        block *= RP_FANOUT;
    }
    if (!ok) {
        int64_t got = s->bytes;
        free_arrays(s);
        free(s);
        return rp_log_create_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_series_create: out of memory for a capacity of %lld samples "
                                  "(%lld bytes allocated before it failed)",
                                  (long long)d.capacity, (long long)got);
    }
    for (int k = 0; k < RP_MAX_LEVELS; k++) s->partial[k] = rp_summary_empty();
    /* Numbering may start anywhere: ring and pyramid slots follow the absolute index. A first
     * block that starts before first_index is never fully retained, so never read. */
    s->ring_pos = d.first_index % d.capacity;
    for (int k = 0; k < s->levels; k++)
        s->next_slot[k] = (d.first_index / s->level[k].block) % s->level[k].slots;
    atomic_init(&s->head, d.first_index);
    atomic_init(&s->write_mark, d.first_index);
    atomic_init(&s->rejected, 0);
    atomic_init(&s->read_retries, 0);
    atomic_init(&s->pushing, false);
    rp_log_sink_init(&s->log, log, s->error, sizeof s->error);
    if (!rp_handle_register(s, RP_HANDLE_SERIES)) {
        free_arrays(s);
        free(s);
        return rp_log_create_fail(log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                  "rp_series_create: %d objects are live already "
                                  "(RP_MAX_LIVE_OBJECTS)", RP_MAX_LIVE_OBJECTS);
    }
    *out = s;
    return RP_OK;
}

rp_status rp_series_create_backed(const rp_series_desc *desc, const rp_series_backing *ops,
                                  void *ctx, int64_t bytes, rp_series **out)
{
    rp_series_desc d = desc ? *desc : (rp_series_desc){0};
    if (!out || !ops)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create_backed: out and ops are required");
    *out = NULL;
    const char *name = d.name ? d.name : "series";
    size_t len = strnlen(name, RP_NAME_MAX - 1);
    if (d.rate == 0) d.rate = 1.0;
    rp_series *s = aligned_alloc(64, (sizeof *s + 63) / 64 * 64);
    if (!s)
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_series_create_backed: out of memory for the series header");
    memset(s, 0, sizeof *s);
    memcpy(s->name, name, len);
    s->name[len] = '\0';
    s->backing = ops;
    s->backing_ctx = ctx;
    s->bytes = (int64_t)sizeof *s + bytes;
    int64_t count = ops->count(ctx);
    d.capacity = count > 0 ? count : 1;
    d.first_index = 0;
    s->capacity = d.capacity;
    s->desc = d;
    s->desc.name = s->name;
    atomic_init(&s->head, count);
    atomic_init(&s->write_mark, count);
    atomic_init(&s->rejected, 0);
    atomic_init(&s->read_retries, 0);
    atomic_init(&s->pushing, false);
    rp_log_sink_init(&s->log, &d.log, s->error, sizeof s->error);
    if (!rp_handle_register(s, RP_HANDLE_SERIES)) {
        free(s);
        return rp_log_create_fail(&d.log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                  "rp_series_create_backed: %d objects are live already "
                                  "(RP_MAX_LIVE_OBJECTS)", RP_MAX_LIVE_OBJECTS);
    }
    *out = s;
    return RP_OK;
}

static rp_status read_only_push(rp_series *s, const char *call)
{
    return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                       "%s: series '%s' is read-only (it shows a recording)", call, s->name);
}

void rp_series_destroy(rp_series *s)
{
    /* Unregistered first: a second destroy, or any later call, finds it gone without reading it. */
    if (!rp_handle_unregister(s, RP_HANDLE_SERIES)) return;
    free_arrays(s);
    free(s);
}

bool rp_series_valid(const rp_series *s)
{
    return rp_handle_live(s, RP_HANDLE_SERIES);
}

uint64_t rp_series_serial(const rp_series *s)
{
    return rp_handle_serial(s, RP_HANDLE_SERIES);
}

const char *rp_series_last_error(const rp_series *s)
{
    return rp_series_valid(s) ? s->error
                              : "not a live series (NULL, destroyed, or another kind of object)";
}

rp_series_desc rp_series_get_desc(const rp_series *s)
{
    return rp_series_valid(s) ? s->desc : (rp_series_desc){0};
}

const char *rp_series_name(const rp_series *s)
{
    return rp_series_valid(s) ? s->name : "";
}

/* ---- push path (producer thread) --------------------------------------------------------- */

/* Stores a completed block's summary at level k and folds it into the block above. */
static void complete_block(rp_series *s, int k, int64_t block_id, rp_summary sum)
{
    for (;;) {
        rp_level *lv = &s->level[k];
        int64_t slot = s->next_slot[k];
        lv->min[slot] = sum.min;
        lv->max[slot] = sum.max;
        lv->flags[slot] = (uint8_t)sum.flags;
        s->next_slot[k] = slot + 1 == lv->slots ? 0 : slot + 1;
        if (k + 1 >= s->levels) return;
        rp_summary *parent = &s->partial[k + 1];
        rp_summary_merge(parent, sum);
        if (block_id % RP_FANOUT != RP_FANOUT - 1) return;
        sum = *parent;
        *parent = rp_summary_empty();
        block_id /= RP_FANOUT;
        k++;
    }
}

/* Copies x[0..n) (indices first..first+n) into the ring at dst and folds it into the pyramid:
 * a partial leaf at either end goes through memcpy and the generic kernel, whole leaves through
 * the fused copy-and-summarise kernel (one pass over the samples). */
static void append_samples(rp_series *s, int64_t first, float *dst, const float *x, int64_t n)
{
    if (s->levels == 0) {
        memcpy(dst, x, (size_t)n * sizeof(float));
        return;
    }
    int64_t offset = first % RP_LEAF;
    if (offset) {
        int64_t take = RP_LEAF - offset < n ? RP_LEAF - offset : n;
        memcpy(dst, x, (size_t)take * sizeof(float));
        rp_summarize(x, take, &s->partial[0]);
        first += take;
        x += take;
        dst += take;
        n -= take;
        if (first % RP_LEAF) return;
        rp_summary done = s->partial[0];
        s->partial[0] = rp_summary_empty();
        complete_block(s, 0, first / RP_LEAF - 1, done);
    }
    /* Whole leaves: level 0 is written inline; a level-1 block completes every RP_FANOUT. */
    rp_level *leaves = &s->level[0];
    int64_t slot = s->next_slot[0], id = first / RP_LEAF;
    for (; n >= RP_LEAF; n -= RP_LEAF, x += RP_LEAF, dst += RP_LEAF, id++) {
        rp_summary sum = s->leaf(dst, x);
        leaves->min[slot] = sum.min;
        leaves->max[slot] = sum.max;
        leaves->flags[slot] = (uint8_t)sum.flags;
        if (++slot == leaves->slots) slot = 0;
        if (s->levels > 1) {
            rp_summary_merge(&s->partial[1], sum);
            if (id % RP_FANOUT == RP_FANOUT - 1) {
                rp_summary done = s->partial[1];
                s->partial[1] = rp_summary_empty();
                complete_block(s, 1, id / RP_FANOUT, done);
            }
        }
    }
    s->next_slot[0] = slot;
    if (n > 0) {
        memcpy(dst, x, (size_t)n * sizeof(float));
        rp_summarize(x, n, &s->partial[0]);
    }
}

/* Writes one contiguous chunk (no ring wrap inside) and publishes it. */
static void push_chunk(rp_series *s, int64_t head, const double *t, const float *x, int64_t n)
{
    atomic_store_explicit(&s->write_mark, head + n, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    if (t) memcpy(s->times + s->ring_pos, t, (size_t)n * sizeof(double));
    append_samples(s, head, s->ring + s->ring_pos, x, n);
    s->ring_pos += n;
    if (s->ring_pos == s->capacity) s->ring_pos = 0;
    atomic_store_explicit(&s->head, head + n, memory_order_release);
}

static void push_run(rp_series *s, const double *t, const float *x, int64_t n)
{
    int64_t head = atomic_load_explicit(&s->head, memory_order_relaxed);
    while (n > 0) {
        int64_t chunk = n < RP_PUSH_CHUNK ? n : RP_PUSH_CHUNK;
        if (chunk > s->capacity - s->ring_pos) chunk = s->capacity - s->ring_pos;
        push_chunk(s, head, t, x, chunk);
        head += chunk;
        x += chunk;
        if (t) t += chunk;
        n -= chunk;
    }
}

/* Claims the producer side for one push; false when another push is in progress. The acquire
 * / release pair also orders a hand-over of the producer between threads. */
static bool producer_enter(rp_series *s)
{
    return !atomic_exchange_explicit(&s->pushing, true, memory_order_acquire);
}

static void producer_leave(rp_series *s)
{
    atomic_store_explicit(&s->pushing, false, memory_order_release);
}

/* The one message of a push that overlapped another. */
static rp_status concurrent_push(rp_series *s, const char *call)
{
    return rp_log_fail(&s->log, RP_ERR_WRONG_THREAD, RP_LOGITEM_CONCURRENT_PUSH,
                       "%s: series '%s': another push is in progress (one producer per series)",
                       call, s->name);
}

rp_status rp_push(rp_series *s, const float *samples, int64_t n)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (n < 0 || (n > 0 && !samples))
        return rp_log_fail(&s->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_push: series '%s': n = %lld with samples %s", s->name,
                           (long long)n, samples ? "given" : "NULL");
    if (s->backing) return read_only_push(s, "rp_push");
    if (s->times)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push: series '%s' has timestamps: use rp_push_timed", s->name);
    if (!producer_enter(s)) return concurrent_push(s, "rp_push");
    push_run(s, NULL, samples, n);
    producer_leave(s);
    return RP_OK;
}

rp_status rp_push_timed(rp_series *s, const double *x, const float *samples, int64_t n)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (n < 0 || (n > 0 && (!samples || !x)))
        return rp_log_fail(&s->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_push_timed: series '%s': n = %lld with x %s and samples %s",
                           s->name, (long long)n, x ? "given" : "NULL", samples ? "given" : "NULL");
    if (!s->times)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push_timed: series '%s' is uniform (no timestamps): use rp_push",
                           s->name);
    if (!producer_enter(s)) return concurrent_push(s, "rp_push_timed");
    int64_t rejected = 0;
    int64_t i = 0;
    while (i < n) {
        /* Longest run of acceptable timestamps, pushed in one go. */
        int64_t run = i;
        double last = s->last_time;
        while (run < n && isfinite(x[run]) && x[run] >= last) last = x[run++];
        if (run > i) {
            push_run(s, x + i, samples + i, run - i);
            s->last_time = last;
        }
        if (run < n) {
            rejected++; /* not finite or older than the last accepted */
            run++;
        }
        i = run;
    }
    producer_leave(s);
    if (rejected) {
        atomic_fetch_add_explicit(&s->rejected, rejected, memory_order_relaxed);
        return rp_log_fail(&s->log, RP_ERR_OUT_OF_ORDER, RP_LOGITEM_SAMPLES_REJECTED,
                           "rp_push_timed: series '%s': %lld of %lld samples rejected "
                           "(timestamp older than the last accepted, or not finite)",
                           s->name, (long long)rejected, (long long)n);
    }
    return RP_OK;
}

/* ---- small read queries (any reader thread) ---------------------------------------------- */

rp_series_stats rp_series_stats_get(const rp_series *s)
{
    rp_series_stats st = {0};
    if (!rp_series_valid(s)) return st;
    rp_series *m = (rp_series *)s;
    if (s->backing) atomic_store_explicit(&m->head, s->backing->count(s->backing_ctx), memory_order_release);
    st.accepted = atomic_load_explicit(&m->head, memory_order_acquire) - s->desc.first_index;
    st.rejected = atomic_load_explicit(&m->rejected, memory_order_relaxed);
    st.pushed = st.accepted + st.rejected;
    st.retained = st.accepted < s->capacity ? st.accepted : s->capacity;
    st.expired = st.accepted - st.retained;
    st.bytes = s->bytes;
    st.read_retries = atomic_load_explicit(&m->read_retries, memory_order_relaxed);
    return st;
}

void rp_series_count_retry(const rp_series *s)
{
    atomic_fetch_add_explicit(&((rp_series *)s)->read_retries, 1, memory_order_relaxed);
}

rp_status rp_series_read(const rp_series *s, rp_read_attempt attempt, void *ctx)
{
    int64_t guard = 0;
    for (int i = 0; i < RP_READ_ATTEMPTS; i++) {
        rp_snapshot snap = rp_snapshot_take(s, guard);
        int64_t lowest = snap.head, advance;
        RP_OPTIMISTIC_READS_BEGIN();
        rp_status st = attempt(s, &snap, ctx, &lowest);
        RP_OPTIMISTIC_READS_END();
        if (rp_snapshot_valid(s, lowest, &advance, &snap)) return st;
        rp_series_count_retry(s);
        guard = rp_next_guard(s, guard, advance);
    }
    rp_series *m = (rp_series *)s; /* the sink is mutable through const, like read_retries */
    return rp_log_fail(&m->log, RP_ERR_OVERRUN, RP_LOGITEM_READ_OVERRUN,
                       "series '%s': a read gave up after %d attempts: the producer overwrote "
                       "the range each time (capacity too small for the push rate?)",
                       s->name, RP_READ_ATTEMPTS);
}

typedef struct x_extent_read {
    double first, last;
} x_extent_read;

static rp_status x_extent_attempt(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                  int64_t *lowest)
{
    x_extent_read *r = ctx;
    if (snap->head == snap->lo) return RP_ERR_INVALID_ARG; /* empty */
    r->first = rp_x_at(s, snap->lo);
    r->last = rp_x_at(s, snap->head - 1);
    *lowest = snap->lo;
    return RP_OK;
}

rp_status rp_series_x_extent(const rp_series *s, double *x_first, double *x_last)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (!x_first || !x_last)
        return rp_log_fail(&((rp_series *)s)->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_x_extent: series '%s': x_first and x_last are required",
                           s->name);
    if (s->backing) return s->backing->x_extent(s->backing_ctx, x_first, x_last);
    x_extent_read r;
    rp_status st = rp_series_read(s, x_extent_attempt, &r);
    if (st == RP_OK) {
        *x_first = r.first;
        *x_last = r.last;
    }
    return st;
}
