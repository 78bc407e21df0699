/* series.c — the series store: creation (all memory up front), the lock-free push path, and
 * the small O(log N) read queries. Decimation and statistics live in decimate.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/series_hold.h"
#include "core/series_internal.h"

/* ---- creation ---------------------------------------------------------------------------- */

/* Allocates zeroed memory and makes every page resident now, so that neither resident memory
 * nor the first fill's speed change later. calloc alone is not enough: large blocks come from
 * fresh mmap pages that the kernel backs only when first written (and GCC turns malloc + memset
 * into calloc), so one byte per 4 KiB is written through a volatile pointer, which the compiler
 * must keep. */
static void *alloc_touched(size_t bytes, int64_t *total)
{
    if (bytes == 0) bytes = 1;
    char *p = calloc(1, bytes);
    if (!p) return NULL;
    volatile char *touch = p;
    for (size_t off = 0; off < bytes; off += 4096) touch[off] = 0;
    touch[bytes - 1] = 0;
    *total += (int64_t)bytes;
    return p;
}

static void free_arrays(rp_series *s)
{
    if (!s->borrowed) free(s->data);
    free(s->toff);
    free(s->seg.first);
    free(s->seg.base);
    free(s->seg.t0);
    free(s->seg.rate);
    for (int k = 0; k < s->levels; k++) {
        free(s->level[k].min);
        free(s->level[k].max);
        free(s->level[k].flags);
        free(s->level[k].count);
        free(s->level[k].mean);
        free(s->level[k].m2);
    }
}

/* Default segment table: uniform series one rp_push_segment run per 4096 samples of capacity,
 * from 64 up to 1024 (32 bytes each: under 0.01 byte per sample); timestamped ones one 32-bit
 * tick window per 256 samples (all that a series averaging one sample per 2^32 ticks / 256 —
 * 16.8 s at 1 µs — can need; 16 bytes each). Never more than capacity + 1. */
static int64_t default_segments(const rp_series_desc *d)
{
    int64_t per = d->capacity / 4096;
    int64_t uniform = per < 64 ? 64 : per > 1024 ? 1024 : per;
    int64_t n = d->timestamps ? d->capacity / 256 + 16 : uniform;
    return n < d->capacity + 1 ? n : d->capacity + 1;
}

static rp_status create_common(const rp_series_desc *desc, bool borrowed, rp_series **out)
{
    rp_series_desc d = desc ? *desc : (rp_series_desc){0};
    const rp_log_desc *log = &d.log;
    if (!out)
        return rp_log_create_fail(log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_series_create: out is NULL");
    *out = NULL;
    const char *name = d.name ? d.name : "series";
    const char *unit = d.unit ? d.unit : "";
#define CREATE_FAIL(status, item, ...) return rp_log_create_fail(log, status, item, __VA_ARGS__)
    if (strlen(name) >= RP_NAME_MAX)
        CREATE_FAIL(RP_ERR_LIMIT, RP_LOGITEM_LIMIT_EXCEEDED,
                    "rp_series_create: name of %zu bytes is longer than %d", strlen(name),
                    RP_NAME_MAX - 1);
    if (strlen(unit) >= RP_NAME_MAX)
        CREATE_FAIL(RP_ERR_LIMIT, RP_LOGITEM_LIMIT_EXCEEDED,
                    "rp_series_create: unit of %zu bytes is longer than %d", strlen(unit),
                    RP_NAME_MAX - 1);
    if (d.capacity == 0) d.capacity = (int64_t)1 << 20;
    if (d.rate == 0) d.rate = 1.0;
    if (d.time_resolution == 0) d.time_resolution = 1e-6;
    if (d.capacity < 1 || d.capacity > ((int64_t)1 << 40))
        CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                    "rp_series_create: capacity %lld is out of range (1 .. 2^40)",
                    (long long)d.capacity);
    if (!(d.rate > 0) || !isfinite(d.rate) || !isfinite(d.t0))
        CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                    "rp_series_create: rate %g must be finite and > 0, t0 %g finite", d.rate, d.t0);
    if (!(d.time_resolution > 0) || !isfinite(1.0 / d.time_resolution))
        CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                    "rp_series_create: time_resolution %g must be > 0 with a finite inverse",
                    d.time_resolution);
    if (d.first_index < 0 || d.first_index > ((int64_t)1 << 60))
        CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                    "rp_series_create: first_index %lld is out of range (0 .. 2^60)",
                    (long long)d.first_index);
    if (d.max_segments < 0 || d.max_segments > ((int64_t)1 << 32))
        CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                    "rp_series_create: max_segments %lld is out of range (0 .. 2^32)",
                    (long long)d.max_segments);
    if (d.max_segments == 0) d.max_segments = default_segments(&d);
    if (borrowed) {
        rp_borrow *b = &d.borrow;
        if (d.timestamps)
            CREATE_FAIL(RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                        "rp_series_create: a borrowed buffer holds samples only: no timestamps");
        if (desc->capacity == 0) /* the buffer's size must be said */
            CREATE_FAIL(RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                        "rp_series_create: a borrowed buffer needs its capacity (slots)");
        if (b->stride == 0) b->stride = (int64_t)sizeof(float);
        if (b->write_ahead == 0) {
            b->write_ahead = d.capacity / 64;
            if (b->write_ahead < 1) b->write_ahead = 1;
            if (b->write_ahead > 65536) b->write_ahead = 65536;
        }
        if (b->stride < (int64_t)sizeof(float) || b->stride % 4 || (uintptr_t)b->data % 4 ||
            b->offset < 0 || b->offset >= d.capacity || b->write_ahead < 1 ||
            b->write_ahead >= d.capacity)
            CREATE_FAIL(
                RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                "rp_series_create: borrowed buffer: data and stride (%lld) must be multiples of 4, "
                "offset (%lld) in 0 .. capacity - 1, write_ahead (%lld) in 1 .. capacity - 1",
                (long long)b->stride, (long long)b->offset, (long long)b->write_ahead);
    }
#undef CREATE_FAIL

    rp_series *s = aligned_alloc(64, (sizeof *s + 63) / 64 * 64);
    if (!s)
        return rp_log_create_fail(log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_series_create: out of memory for the series header");
    memset(s, 0, sizeof *s);
    s->bytes = (int64_t)sizeof *s;
    s->capacity = d.capacity;
    memcpy(s->name, name, strlen(name) + 1);
    memcpy(s->unit, unit, strlen(unit) + 1);
    s->desc = d;
    s->desc.name = s->name;
    s->desc.unit = s->unit;
    s->last_x = -INFINITY;
    s->last_ticks = INT64_MIN;
    s->leaf = rp_leaf_kernel();
    s->sums = rp_sums_kernel();
    s->stride = (int64_t)sizeof(float);
    s->borrowed = borrowed;
    if (borrowed) {
        s->data = (char *)(uintptr_t)d.borrow.data; /* only ever read */
        s->stride = d.borrow.stride;
        s->write_ahead = d.borrow.write_ahead;
        /* index first_index is in slot borrow.offset */
        s->slot_offset = ((d.borrow.offset - d.first_index) % d.capacity + d.capacity) % d.capacity;
    }
    /* 1 / 1e-6 is 999999.9999999999: snap near-integers so ticks / ticks_per_unit is exact. */
    double tpu = 1.0 / d.time_resolution;
    s->ticks_per_unit = fabs(tpu - nearbyint(tpu)) < 1e-9 * tpu ? nearbyint(tpu) : tpu;

    bool ok = true;
    if (!borrowed)
        ok = (s->data = alloc_touched((size_t)d.capacity * sizeof(float), &s->bytes)) != NULL;
    if (ok && d.timestamps)
        ok = (s->toff = alloc_touched((size_t)d.capacity * sizeof(uint32_t), &s->bytes)) != NULL;
    s->seg.max = d.max_segments;
    size_t seg_bytes = (size_t)d.max_segments * sizeof(int64_t);
    ok = ok && (s->seg.first = alloc_touched(seg_bytes, &s->bytes)) &&
         (s->seg.base = alloc_touched(seg_bytes, &s->bytes));
    if (ok && !d.timestamps)
        ok = (s->seg.t0 = alloc_touched(seg_bytes, &s->bytes)) &&
             (s->seg.rate = alloc_touched(seg_bytes, &s->bytes));
    /* Levels until one more would hold fewer than RP_FANOUT blocks: a query then never scans
     * more than about 2 * RP_FANOUT blocks of any level. */
    int64_t block = RP_LEAF;
    while (ok && block <= d.capacity && s->levels < RP_MAX_LEVELS) {
        rp_level *lv = &s->level[s->levels];
        lv->block = block;
        lv->slots = d.capacity / block + 2;
        ok = (lv->min = alloc_touched((size_t)lv->slots * sizeof(float), &s->bytes)) &&
             (lv->max = alloc_touched((size_t)lv->slots * sizeof(float), &s->bytes)) &&
             (lv->flags = alloc_touched((size_t)lv->slots, &s->bytes));
        if (ok && s->levels >= RP_SUM_LEVEL)
            ok = (lv->count = alloc_touched((size_t)lv->slots * sizeof(int64_t), &s->bytes)) &&
                 (lv->mean = alloc_touched((size_t)lv->slots * sizeof(double), &s->bytes)) &&
                 (lv->m2 = alloc_touched((size_t)lv->slots * sizeof(double), &s->bytes));
        s->levels++;
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
    s->sum_level = s->levels > RP_SUM_LEVEL ? RP_SUM_LEVEL : s->levels;
    for (int k = 0; k < RP_MAX_LEVELS; k++) {
        s->partial[k] = rp_summary_empty();
        s->partial_m[k] = (rp_moments){0, 0, 0};
    }
    /* Numbering may start anywhere: ring and pyramid slots follow the absolute index. A first
     * block that starts before first_index is never fully retained, so never read. */
    s->ring_pos = d.first_index % d.capacity;
    for (int k = 0; k < s->levels; k++)
        s->next_slot[k] = (d.first_index / s->level[k].block) % s->level[k].slots;
    atomic_init(&s->head, d.first_index);
    atomic_init(&s->write_mark, d.first_index + s->write_ahead);
    atomic_init(&s->seg_count, 0);
    atomic_init(&s->seg_mark, 0);
    atomic_init(&s->floor, d.first_index);
    atomic_init(&s->rejected, 0);
    atomic_init(&s->expired_early, 0);
    atomic_init(&s->segments_refused, 0);
    atomic_init(&s->read_retries, 0);
    atomic_init(&s->reader_hold, RP_NO_HOLD);
    atomic_init(&s->pushing, false);
    rp_log_sink_init(&s->log, log, s->error, sizeof s->error);
    if (!rp_handle_register(s, RP_HANDLE_SERIES)) {
        free_arrays(s);
        free(s);
        return rp_log_create_fail(log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                  "rp_series_create: %d objects are live already "
                                  "(RP_MAX_LIVE_OBJECTS)",
                                  RP_MAX_LIVE_OBJECTS);
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
    if (d.unit) memcpy(s->unit, d.unit, strnlen(d.unit, RP_NAME_MAX - 1));
    d.unit = s->unit;
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
                                  "(RP_MAX_LIVE_OBJECTS)",
                                  RP_MAX_LIVE_OBJECTS);
    }
    *out = s;
    return RP_OK;
}

static rp_status read_only_push(rp_series *s, const char *call)
{
    return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                       "%s: series '%s' is read-only (it shows a recording)", call, s->name);
}

rp_status rp_series_create(const rp_series_desc *desc, rp_series **out)
{
    return create_common(desc, desc && desc->borrow.data, out);
}

void rp_series_destroy(rp_series *s)
{
    /* Unregistered first: a second destroy, or any later call, finds it gone without reading it. */
    if (!rp_handle_unregister(s, RP_HANDLE_SERIES)) return;
    free_arrays(s);
    free(s);
}

bool rp_series_valid(const rp_series *s) { return rp_handle_live(s, RP_HANDLE_SERIES); }

uint64_t rp_series_serial(const rp_series *s) { return rp_handle_serial(s, RP_HANDLE_SERIES); }

const char *rp_series_last_error(const rp_series *s)
{
    return rp_series_valid(s) ? s->error
                              : "not a live series (NULL, destroyed, or another kind of object)";
}

rp_series_desc rp_series_get_desc(const rp_series *s)
{
    return rp_series_valid(s) ? s->desc : (rp_series_desc){0};
}

const char *rp_series_name(const rp_series *s) { return rp_series_valid(s) ? s->name : ""; }

const char *rp_series_unit(const rp_series *s) { return rp_series_valid(s) ? s->unit : ""; }

rp_status rp_series_set_unit(rp_series *s, const char *unit)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    size_t n = unit ? strlen(unit) : 0;
    if (n >= RP_NAME_MAX) return RP_ERR_INVALID_ARG;
    memcpy(s->unit, unit ? unit : "", n + 1);
    return RP_OK;
}

/* ---- segments (producer thread) ------------------------------------------------------------ */

/* Publishes segment ordinal seg_count starting at index first. When the table is full the
 * oldest segment is dropped: the floor moves to the next one's first index and the samples in
 * between, still retained until now, expire early (counted). */
static void append_segment(rp_series *s, int64_t first, int64_t base, double t0, double rate)
{
    int64_t j = atomic_load_explicit(&s->seg_count, memory_order_relaxed);
    if (j >= s->seg.max) {
        int64_t head = atomic_load_explicit(&s->head, memory_order_relaxed);
        int64_t old_floor = atomic_load_explicit(&s->floor, memory_order_relaxed);
        int64_t new_floor = s->seg.first[(j - s->seg.max + 1) % s->seg.max];
        int64_t ring_lo = head - (s->capacity - s->write_ahead);
        int64_t from = old_floor > ring_lo ? old_floor : ring_lo;
        if (new_floor > from)
            atomic_fetch_add_explicit(&s->expired_early, new_floor - from, memory_order_relaxed);
        atomic_store_explicit(&s->floor, new_floor, memory_order_relaxed);
    }
    atomic_store_explicit(&s->seg_mark, j + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    int64_t e = j % s->seg.max;
    s->seg.first[e] = first;
    s->seg.base[e] = base;
    if (s->seg.t0) {
        s->seg.t0[e] = t0;
        s->seg.rate[e] = rate;
    }
    atomic_store_explicit(&s->seg_count, j + 1, memory_order_release);
}

/* Uniform series: the segment of the next sample exists before the sample is published. */
static void open_uniform_segment(rp_series *s, int64_t head)
{
    if (s->pending) {
        s->pending = false;
        int64_t count = atomic_load_explicit(&s->seg_count, memory_order_relaxed);
        if (count > 0) { /* a segment that exactly continues the current one adds nothing */
            int64_t e = (count - 1) % s->seg.max;
            double next_x = s->seg.t0[e] + (double)(head - s->seg.base[e]) / s->seg.rate[e];
            if (s->seg.rate[e] == s->pending_rate && next_x == s->pending_t0) return;
        }
        append_segment(s, head, head, s->pending_t0, s->pending_rate);
    } else if (atomic_load_explicit(&s->seg_count, memory_order_relaxed) == 0) {
        append_segment(s, head, 0, s->desc.t0, s->desc.rate);
    }
}

/* x of the last sample of a uniform series (producer side). */
static double uniform_last_x(const rp_series *s, int64_t head)
{
    int64_t e = (atomic_load_explicit(&s->seg_count, memory_order_relaxed) - 1) % s->seg.max;
    return s->seg.t0[e] + (double)(head - 1 - s->seg.base[e]) / s->seg.rate[e];
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
        if (k >= s->sum_level) {
            rp_moments m;
            if (k == s->sum_level) {
                m = rp_moments_raw(s, block_id * lv->block, (block_id + 1) * lv->block,
                                   sum.flags == RP_M4_FINITE);
            } else {
                m = s->partial_m[k];
                s->partial_m[k] = (rp_moments){0, 0, 0};
            }
            lv->count[slot] = m.n;
            lv->mean[slot] = m.mean;
            lv->m2[slot] = m.m2;
            if (k + 1 < s->levels) rp_moments_merge(&s->partial_m[k + 1], m);
        }
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

/* Folds x[0..n) (indices first..first+n) into the pyramid, copying it to dst when dst is not
 * NULL: a partial leaf at either end goes through the generic kernel, whole leaves through the
 * fused copy-and-summarise kernel (one pass over the samples). */
static void append_samples(rp_series *s, int64_t first, float *dst, const float *x, int64_t n)
{
    float scratch[RP_LEAF];
    if (s->levels == 0) {
        if (dst) memcpy(dst, x, (size_t)n * sizeof(float));
        return;
    }
    int64_t offset = first % RP_LEAF;
    if (offset) {
        int64_t take = RP_LEAF - offset < n ? RP_LEAF - offset : n;
        if (dst) memcpy(dst, x, (size_t)take * sizeof(float));
        rp_summarize(x, take, &s->partial[0]);
        first += take;
        x += take;
        if (dst) dst += take;
        n -= take;
        if (first % RP_LEAF) return;
        rp_summary done = s->partial[0];
        s->partial[0] = rp_summary_empty();
        complete_block(s, 0, first / RP_LEAF - 1, done);
    }
    /* Whole leaves: level 0 is written inline; a level-1 block completes every RP_FANOUT. */
    rp_level *leaves = &s->level[0];
    int64_t slot = s->next_slot[0], id = first / RP_LEAF;
    for (; n >= RP_LEAF; n -= RP_LEAF, x += RP_LEAF, id++) {
        rp_summary sum = s->leaf(dst ? dst : scratch, x);
        if (dst) dst += RP_LEAF;
        leaves->min[slot] = sum.min;
        leaves->max[slot] = sum.max;
        leaves->flags[slot] = (uint8_t)sum.flags;
        if (++slot == leaves->slots) slot = 0;
        if (s->levels > 1) {
            rp_summary_merge(&s->partial[1], sum);
            if (id % RP_FANOUT == RP_FANOUT - 1) {
                rp_summary done = s->partial[1];
                s->partial[1] = rp_summary_empty();
                s->next_slot[0] = slot;
                complete_block(s, 1, id / RP_FANOUT, done);
            }
        }
    }
    s->next_slot[0] = slot;
    if (n > 0) {
        if (dst) memcpy(dst, x, (size_t)n * sizeof(float));
        rp_summarize(x, n, &s->partial[0]);
    }
}

/* Writes one contiguous chunk (no ring wrap inside) and publishes it. ticks: timestamped
 * series, the samples' ticks (segments opened here as needed). */
static void push_chunk(rp_series *s, int64_t head, const int64_t *ticks, const float *x, int64_t n)
{
    atomic_store_explicit(&s->write_mark, head + n, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    if (ticks) {
        uint32_t *off = s->toff + s->ring_pos;
        int64_t j = atomic_load_explicit(&s->seg_count, memory_order_relaxed) - 1;
        int64_t base = j >= 0 ? s->seg.base[j % s->seg.max] : 0;
        for (int64_t i = 0; i < n; i++) {
            if (j < 0 || (double)(ticks[i] - base) >= RP_TOFF_LIMIT) {
                base = ticks[i];
                append_segment(s, head + i, base, 0, 0);
                j++;
            }
            off[i] = (uint32_t)(ticks[i] - base);
        }
    } else {
        open_uniform_segment(s, head);
    }
    append_samples(s, head, (float *)s->data + s->ring_pos, x, n);
    s->ring_pos += n;
    if (s->ring_pos == s->capacity) s->ring_pos = 0;
    atomic_store_explicit(&s->head, head + n, memory_order_release);
}

static void push_run(rp_series *s, const int64_t *ticks, const float *x, int64_t n)
{
    int64_t head = atomic_load_explicit(&s->head, memory_order_relaxed);
    while (n > 0) {
        int64_t chunk = n < RP_PUSH_CHUNK ? n : RP_PUSH_CHUNK;
        if (chunk > s->capacity - s->ring_pos) chunk = s->capacity - s->ring_pos;
        push_chunk(s, head, ticks, x, chunk);
        head += chunk;
        x += chunk;
        if (ticks) ticks += chunk;
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
                           "rp_push: series '%s': n = %lld with samples %s", s->name, (long long)n,
                           samples ? "given" : "NULL");
    if (s->backing) return read_only_push(s, "rp_push");
    if (s->toff)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push: series '%s' has timestamps: use rp_push_timed", s->name);
    if (s->borrowed)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push: series '%s' borrows its buffer: write it, then "
                           "rp_series_commit",
                           s->name);
    if (!producer_enter(s)) return concurrent_push(s, "rp_push");
    push_run(s, NULL, samples, n);
    producer_leave(s);
    return RP_OK;
}

/* Borrowed series: folds samples [head, head + n) (already in the caller's buffer) into the
 * pyramid, one published chunk at a time. The write mark stays write_ahead past head: those
 * slots may be changing under the caller's hand at any time. */
static void commit_run(rp_series *s, int64_t n)
{
    float gather[1024];
    int64_t head = atomic_load_explicit(&s->head, memory_order_relaxed);
    while (n > 0) {
        int64_t chunk = n < RP_PUSH_CHUNK ? n : RP_PUSH_CHUNK;
        atomic_store_explicit(&s->write_mark, head + chunk + s->write_ahead, memory_order_relaxed);
        atomic_thread_fence(memory_order_release);
        open_uniform_segment(s, head);
        for (int64_t done = 0; done < chunk;) {
            int64_t take = chunk - done < 1024 ? chunk - done : 1024;
            int64_t slot = (head + done + s->slot_offset) % s->capacity;
            for (int64_t k = 0; k < take; k++) {
                gather[k] = *(const float *)(s->data + slot * s->stride);
                if (++slot == s->capacity) slot = 0;
            }
            append_samples(s, head + done, NULL, gather, take);
            done += take;
        }
        head += chunk;
        n -= chunk;
        atomic_store_explicit(&s->head, head, memory_order_release);
    }
}

rp_status rp_series_commit(rp_series *s, int64_t n)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (n < 0 || n > s->capacity)
        return rp_log_fail(&s->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_series_commit: series '%s': n = %lld outside 0 .. capacity %lld",
                           s->name, (long long)n, (long long)s->capacity);
    if (!s->borrowed)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_series_commit: series '%s' owns its samples: use rp_push", s->name);
    if (!producer_enter(s)) return concurrent_push(s, "rp_series_commit");
    commit_run(s, n);
    producer_leave(s);
    return RP_OK;
}

rp_status rp_push_segment(rp_series *s, double t0, double rate)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (s->backing) return read_only_push(s, "rp_push_segment");
    if (s->toff)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push_segment: series '%s' has timestamps: segments are for "
                           "uniform series",
                           s->name);
    if (!isfinite(t0) || !(rate > 0) || !isfinite(rate))
        return rp_log_fail(&s->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_push_segment: series '%s': t0 %g must be finite, rate %g finite "
                           "and > 0",
                           s->name, t0, rate);
    if (!producer_enter(s)) return concurrent_push(s, "rp_push_segment");
    rp_status st = RP_OK;
    int64_t head = atomic_load_explicit(&s->head, memory_order_relaxed);
    bool any =
        atomic_load_explicit(&s->seg_count, memory_order_relaxed) > 0 && head > s->desc.first_index;
    double last_x = any ? uniform_last_x(s, head) : 0;
    if (any && t0 < last_x) {
        atomic_fetch_add_explicit(&s->segments_refused, 1, memory_order_relaxed);
        st = rp_log_fail(&s->log, RP_ERR_OUT_OF_ORDER, RP_LOGITEM_SAMPLES_REJECTED,
                         "rp_push_segment: series '%s': t0 %.17g is before the last sample's x "
                         "%.17g: segment refused (counted)",
                         s->name, t0, last_x);
    } else {
        s->pending = true; /* opened by the next push: a segment never stays empty */
        s->pending_t0 = t0;
        s->pending_rate = rate;
    }
    producer_leave(s);
    return st;
}

/* RP_TICKS_MAX, the largest |ticks| accepted: far from int64 overflow, and every tick count
 * stays exact as a double up to 2^53 (285 years of microseconds). */

rp_status rp_push_timed(rp_series *s, const double *x, const float *samples, int64_t n)
{
    if (!rp_series_valid(s)) return RP_ERR_INVALID_ARG;
    if (n < 0 || (n > 0 && (!samples || !x)))
        return rp_log_fail(&s->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_push_timed: series '%s': n = %lld with x %s and samples %s", s->name,
                           (long long)n, x ? "given" : "NULL", samples ? "given" : "NULL");
    if (s->backing) return read_only_push(s, "rp_push_timed");
    if (!s->toff)
        return rp_log_fail(&s->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_push_timed: series '%s' is uniform (no timestamps): use rp_push",
                           s->name);
    if (!producer_enter(s)) return concurrent_push(s, "rp_push_timed");
    int64_t rejected = 0;
    int64_t ticks[256];
    int64_t i = 0;
    while (i < n) {
        /* Longest run of acceptable timestamps (at most 256), pushed in one go. */
        int64_t run = 0;
        int64_t last = s->last_ticks;
        while (i + run < n && run < 256) {
            double t = x[i + run] * s->ticks_per_unit;
            if (!(fabs(t) <= RP_TICKS_MAX)) break; /* NaN, ±Inf or out of range */
            int64_t k = (int64_t)nearbyint(t);
            if (k < last) break;
            ticks[run++] = last = k;
        }
        if (run > 0) {
            push_run(s, ticks, samples + i, run);
            s->last_ticks = last;
            s->last_x = x[i + run - 1];
        }
        i += run;
        if (run < 256 && i < n) {
            rejected++; /* not finite, beyond the tick range, or older than the last accepted */
            i++;
        }
    }
    producer_leave(s);
    if (rejected) {
        atomic_fetch_add_explicit(&s->rejected, rejected, memory_order_relaxed);
        return rp_log_fail(&s->log, RP_ERR_OUT_OF_ORDER, RP_LOGITEM_SAMPLES_REJECTED,
                           "rp_push_timed: series '%s': %lld of %lld samples rejected "
                           "(timestamp older than the last accepted, not finite, or beyond "
                           "±9e15 ticks)",
                           s->name, (long long)rejected, (long long)n);
    }
    return RP_OK;
}

/* ---- small read queries (any reader thread) ---------------------------------------------- */

/* Samples a reader may use below head: the capacity, less what a borrowing caller may be
 * writing ahead of head. */
static int64_t readable_span(const rp_series *s) { return s->capacity - s->write_ahead; }

rp_series_stats rp_series_stats_get(const rp_series *s)
{
    rp_series_stats st = {0};
    if (!rp_series_valid(s)) return st;
    rp_series *m = (rp_series *)s;
    if (s->backing)
        atomic_store_explicit(&m->head, s->backing->count(s->backing_ctx), memory_order_release);
    int64_t head = atomic_load_explicit(&m->head, memory_order_acquire);
    int64_t floor = atomic_load_explicit(&m->floor, memory_order_relaxed);
    st.accepted = head - s->desc.first_index;
    st.rejected = atomic_load_explicit(&m->rejected, memory_order_relaxed);
    st.pushed = st.accepted + st.rejected;
    int64_t lo = head - readable_span(s);
    if (lo < floor) lo = floor;
    if (lo < s->desc.first_index) lo = s->desc.first_index;
    st.retained = head - lo;
    st.expired = st.accepted - st.retained;
    st.expired_early = atomic_load_explicit(&m->expired_early, memory_order_relaxed);
    int64_t segs = atomic_load_explicit(&m->seg_count, memory_order_relaxed);
    st.segments = segs < s->seg.max ? segs : s->seg.max;
    st.segments_refused = atomic_load_explicit(&m->segments_refused, memory_order_relaxed);
    st.bytes = s->bytes;
    st.read_retries = atomic_load_explicit(&m->read_retries, memory_order_relaxed);
    return st;
}

void rp_series_count_retry(const rp_series *s)
{
    atomic_fetch_add_explicit(&((rp_series *)s)->read_retries, 1, memory_order_relaxed);
}

/* Loads head and the segment count (head first: every sample below head then has its segment
 * among those counted). */
static rp_snapshot snapshot_load(const rp_series *s)
{
    rp_series *m = (rp_series *)s;
    rp_snapshot snap;
    snap.head = atomic_load_explicit(&m->head, memory_order_acquire);
    snap.seg_hi = atomic_load_explicit(&m->seg_count, memory_order_acquire);
    return snap;
}

/* Fills in lo and the live segments; reads segment entries, so runs inside the optimistic
 * section. guard / seg_guard: indices / segments to stay clear of after a failed attempt. */
static void snapshot_resolve(const rp_series *s, rp_snapshot *snap, int64_t guard,
                             int64_t seg_guard)
{
    int64_t lo = snap->head - readable_span(s) + guard;
    if (lo < s->desc.first_index) lo = s->desc.first_index;
    int64_t seg_lo = snap->seg_hi - s->seg.max;
    if (seg_lo < 0) seg_lo = 0;
    seg_lo += seg_guard;
    /* segments opened ahead of their samples are not live yet */
    while (snap->seg_hi > seg_lo && rp_seg_first(s, snap->seg_hi - 1) >= snap->head) snap->seg_hi--;
    if (seg_lo >= snap->seg_hi) { /* nothing readable */
        snap->seg_lo = snap->seg_hi;
        snap->lo = snap->head;
        return;
    }
    int64_t floor = rp_seg_first(s, seg_lo);
    if (lo < floor) lo = floor;
    /* skip segments wholly below lo */
    while (seg_lo + 1 < snap->seg_hi && rp_seg_first(s, seg_lo + 1) <= lo) seg_lo++;
    snap->seg_lo = seg_lo;
    snap->lo = lo > snap->head ? snap->head : lo;
}

rp_snapshot rp_snapshot_quiet(const rp_series *s)
{
    rp_snapshot snap = snapshot_load(s);
    snapshot_resolve(s, &snap, 0, 0);
    return snap;
}

rp_status rp_series_read(const rp_series *s, rp_read_attempt attempt, void *ctx)
{
    rp_series *m = (rp_series *)s;
    int64_t guard = 0, seg_guard = 0;
    for (int i = 0; i < RP_READ_ATTEMPTS; i++) {
        rp_snapshot snap = snapshot_load(s);
        int64_t seg_base = snap.seg_hi - s->seg.max > 0 ? snap.seg_hi - s->seg.max : 0;
        RP_OPTIMISTIC_READS_BEGIN();
        snapshot_resolve(s, &snap, guard, seg_guard);
        int64_t lowest = snap.head;
        rp_status st = attempt(s, &snap, ctx, &lowest);
        RP_OPTIMISTIC_READS_END();
        atomic_thread_fence(memory_order_acquire);
        int64_t mark = atomic_load_explicit(&m->write_mark, memory_order_relaxed);
        int64_t seg_mark = atomic_load_explicit(&m->seg_mark, memory_order_relaxed);
        /* segment ordinal j is intact while seg_mark <= j + max; seg_lo was the lowest read */
        int64_t seg_lowest = seg_base + seg_guard;
        bool samples_ok = lowest >= mark - s->capacity;
        bool segs_ok = seg_mark <= seg_lowest + s->seg.max;
        if (samples_ok && segs_ok) return st;
        rp_series_count_retry(s);
        int64_t advance = mark - snap.head;
        int64_t g = 2 * (guard > advance ? guard : advance) + RP_LEAF;
        guard = g < s->capacity ? g : s->capacity;
        if (!segs_ok) {
            int64_t sa = seg_mark - snap.seg_hi;
            seg_guard = 2 * (seg_guard > sa ? seg_guard : sa) + 1;
            if (seg_guard > s->seg.max - 1) seg_guard = s->seg.max - 1;
        }
    }
    /* the sink is mutable through const, like read_retries */
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
    r->first = rp_x_snap(s, snap, snap->lo);
    r->last = rp_x_snap(s, snap, snap->head - 1);
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
    x_extent_read r = {0, 0}; /* set by the attempt that succeeds; zeroed for the compiler */
    rp_status st = rp_series_read(s, x_extent_attempt, &r);
    if (st == RP_OK) {
        *x_first = r.first;
        *x_last = r.last;
    }
    return st;
}

void rp_series_hold(rp_series *s, int64_t index)
{
    if (rp_series_valid(s)) atomic_store(&s->reader_hold, index < 0 ? RP_NO_HOLD : index);
}

int64_t rp_series_held(const rp_series *s)
{
    return rp_series_valid(s) ? atomic_load(&((rp_series *)s)->reader_hold) : RP_NO_HOLD;
}

int64_t rp_series_hold_room(const rp_series *s)
{
    int64_t hold = rp_series_held(s);
    if (hold < 0) return INT64_MAX;
    int64_t room = s->capacity - (atomic_load(&((rp_series *)s)->head) - hold);
    return room > 0 ? room : 0;
}

void rp_series_set_history(rp_series *s, const rp_series_history_ops *ops, void *ctx)
{
    if (!rp_series_valid(s)) return;
    atomic_store(&s->history, NULL);
    s->history_ctx = ctx;
    s->history_thread = pthread_self();
    atomic_store(&s->history, ops);
}
