/* reader.c — rp_recording: a recording mapped read-only and served as read-only series.
 *
 * Open reads the header, the trailer and the INDEX (a few bytes per 2^26 samples); each DIR and
 * SAMPLES block is checked (header, crc32) the first time a query touches it. A file that was not
 * closed (crash, kill -9) has no trailer: open then scans every block in order, stops at the first
 * one that is torn or fails its checksum, and builds the index in memory (O(file) once). A
 * series' unfinished block is then the PART blocks its flushes appended (version 3): the reader
 * assembles them into one block of its own, laid out as that block's SAMPLES payload, so every
 * query below reads it as any other block.
 *
 * Queries descend a pyramid of six levels: samples, leaf (32), mid (512), block (16384), group
 * (2^20), dir (2^26), through the core's shared range query and M4 column builder
 * (core/pyramid_source.h): a range takes whole units top-down and splits only its two edges, so
 * a query reads at most about 2 · (32 + 16 + 32 + 64 + 64) units plus the dir units inside it. */
#define _DEFAULT_SOURCE /* madvise (MADV_DONTNEED: POSIX_MADV_DONTNEED is a no-op in glibc) */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/reader_internal.h"

static const int64_t level_width[RDR_LEVELS] = {1,
                                                RPR_LEAF,
                                                RPR_MID,
                                                RPR_BLOCK_SAMPLES,
                                                (int64_t)RPR_BLOCK_SAMPLES *RPR_GROUP_BLOCKS,
                                                (int64_t)RPR_BLOCK_SAMPLES *RPR_DIR_BLOCKS};

/* The offset a scanned series' entry holds for its block assembled from PART blocks (s->part). */
#define RDR_ASSEMBLED UINT64_MAX
/* Bytes of an assembled block's buffer: the payload, then x (timestamped) and the breaks. */
#define RDR_PART_BYTES(ts)                                                                         \
    ((size_t)RPR_MAX_PAYLOAD + ((ts) ? RPR_BLOCK_SAMPLES * 8 : 0) + RPR_BLOCK_SAMPLES * 4)

static rp_summary nan_summary(void)
{
    rp_summary s = {INFINITY, -INFINITY, RP_M4_NAN};
    return s;
}

static void note_bad(rp_recording *r, const char *what, int id, int64_t number)
{
    if (r->bad_blocks++ == 0)
        rp_log_msg(&r->log, RP_LOG_ERROR, RP_LOGITEM_RECORD_CORRUPT,
                   "recording '%s': %s %lld of series %d is damaged (checksum or header); its "
                   "samples read as NaN (gaps)",
                   r->path, what, (long long)number, id);
}

/* ---- checked access to DIRs and blocks ----------------------------------------------------- */

static bool dir_ok(rdr_series *s, int64_t d)
{
    if (d < 0 || d >= s->dirs) return false;
    if (s->dir_state[d]) return s->dir_state[d] == 1;
    rp_recording *r = s->rec;
    uint64_t off = s->dir_offset[d];
    uint32_t want =
        RPR_DIR_BLOCKS * RPR_ENTRY_BYTES + (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS) * RPR_SUMMARY_BYTES;
    rpr_block_header h;
    bool ok = off >= RPR_HEADER_BYTES && off + RPR_BLOCK_HEADER_BYTES + want <= r->size &&
              rpr_read_block_header(r->map + off, &h) && h.type == RPR_DIR && h.series == s->id &&
              h.number == (uint64_t)d && h.count == RPR_DIR_BLOCKS && h.payload_bytes == want &&
              rpr_crc32(r->map + off + RPR_BLOCK_HEADER_BYTES, want) == h.payload_crc;
    r->bytes_read += RPR_BLOCK_HEADER_BYTES + want;
    s->dir_state[d] = ok ? 1 : 2;
    if (!ok) note_bad(r, "DIR", s->id, d);
    return ok;
}

static const uint8_t *entry_at(rdr_series *s, int64_t b)
{
    int64_t d = b / RPR_DIR_BLOCKS;
    if (!dir_ok(s, d)) return NULL;
    return s->dir_entries[d] + (size_t)(b % RPR_DIR_BLOCKS) * RPR_ENTRY_BYTES;
}

static uint32_t block_count(const rdr_series *s, int64_t b)
{
    int64_t left = s->count - b * RPR_BLOCK_SAMPLES;
    return left >= RPR_BLOCK_SAMPLES ? RPR_BLOCK_SAMPLES : (uint32_t)left;
}

/* Lays the assembled samples out as their SAMPLES payload (writer.c's build_samples): x after
 * them, the leaf and mid summaries, the breaks, zero padding. Byte for byte the block's SAMPLES
 * copy, as far as it goes. */
static void build_part(rdr_part *pt, bool ts)
{
    uint32_t n = pt->count;
    uint8_t *p = pt->payload;
    uint64_t t = rpr_times_offset(n), base = rpr_samples_payload_bytes(n, ts);
    memset(p + 4 * (size_t)n, 0, (size_t)(t - 4 * (uint64_t)n));
    if (ts)
        for (uint32_t i = 0; i < n; i++) rpr_putd(p + t + 8 * (size_t)i, pt->x[i]);
    uint8_t *leaf = p + rpr_leaf_offset(n, ts), *mid = p + rpr_mid_offset(n, ts);
    rp_summary m = rp_summary_empty();
    float v[RPR_LEAF];
    for (uint32_t l = 0; l < n / RPR_LEAF; l++) {
        for (int k = 0; k < RPR_LEAF; k++) v[k] = rpr_getf(p + 4 * ((size_t)l * RPR_LEAF + k));
        rp_summary sum = rp_summary_empty();
        rp_summarize(v, RPR_LEAF, &sum);
        rpr_put_summary(leaf + (size_t)l * RPR_SUMMARY_BYTES, sum);
        rp_summary_merge(&m, sum);
        if ((l + 1) % (RPR_MID / RPR_LEAF) == 0) {
            rpr_put_summary(mid + (size_t)(l / (RPR_MID / RPR_LEAF)) * RPR_SUMMARY_BYTES, m);
            m = rp_summary_empty();
        }
    }
    uint64_t end = rpr_mid_offset(n, ts) + (uint64_t)(n / RPR_MID) * RPR_SUMMARY_BYTES;
    memset(p + end, 0, (size_t)(base - end));
    memset(p + base, 0, (size_t)rpr_breaks_bytes(pt->breaks));
    rpr_put32(p + base, pt->breaks);
    for (uint32_t k = 0; k < pt->breaks; k++)
        rpr_put32(p + base + 4 + 4 * (size_t)k, pt->break_at[k]);
    pt->built = true;
}

/* Whether the block at file offset `off` is block b of s by its header (*h), its payload inside
 * the file (its CRC not checked here). */
static bool block_header_ok(const rdr_series *s, int64_t b, uint64_t off, rpr_block_header *h)
{
    const rp_recording *r = s->rec;
    return off >= RPR_HEADER_BYTES && off <= r->size && r->size - off >= RPR_BLOCK_HEADER_BYTES &&
           rpr_read_block_header(r->map + off, h) && h->type == RPR_SAMPLES &&
           h->series == (uint32_t)s->id && h->number == (uint64_t)b &&
           h->count == block_count(s, b) &&
           h->payload_bytes <= r->size - off - RPR_BLOCK_HEADER_BYTES;
}

/* A block's samples and summaries. Its header is checked the first time (type, series, number,
 * count, length, inside the file) and the answer cached. The payload's crc32 is checked by the
 * scan of a file that was not closed; an indexed file is trusted past its headers so that a frame
 * reads only the summaries it needs, never whole blocks (bad bytes there give wrong values, never
 * an out-of-bounds read). */
static rdr_block block_at(rdr_series *s, int64_t b)
{
    rdr_block blk = {NULL, 0, 0};
    rp_recording *r = s->rec;
    uint64_t key = ((uint64_t)s->id << 48 | (uint64_t)b) + 1;
    rdr_cached *slot = &r->cache[(key * 0x9E3779B97F4A7C15ull) >> 52];
    if (slot->key == key) return (rdr_block){slot->payload, slot->count, slot->breaks};
    if (s->bad && (s->bad[b >> 3] >> (b & 7) & 1)) return blk; /* verified bad: read as gaps */
    const uint8_t *e = entry_at(s, b);
    if (!e) return blk;
    uint64_t off = rpr_get64(e);
    if (off == 0) return blk; /* never written: the recorder lost these samples */
    uint32_t n = block_count(s, b);
    if (off == RDR_ASSEMBLED && !r->indexed) { /* the unfinished block, made of its parts */
        rdr_part *pt = s->part;
        if (!pt || pt->block != b || pt->count != n) return blk; /* never: a part sets the entry */
        if (!pt->built) build_part(pt, s->meta.timestamps);
        blk = (rdr_block){pt->payload, n, pt->breaks};
        *slot = (rdr_cached){key, blk.payload, n, blk.breaks};
        return blk;
    }
    uint64_t base = rpr_samples_payload_bytes(n, s->meta.timestamps);
    int64_t breaks = -1;
    uint32_t payload_bytes = 0, payload_crc = 0;
    /* (written so that no sum wraps: an index's offsets are not checked on open) */
    if (off < RPR_HEADER_BYTES || off > r->size || r->size - off < RPR_BLOCK_HEADER_BYTES + base) {
        /* bad: outside the file */
    } else if (r->indexed) {
        /* Trusted past the bounds (the header is not read: a frame touches a block's summaries
         * and a few samples, not its first page). Version 2 keeps the break list after the
         * summaries; the entry's flags say whether there is one (RP_M4_GAP). */
        breaks = 0;
        if (r->version >= 2 && (rpr_get32(e + 16) & RP_M4_GAP)) {
            const uint8_t *p = r->map + off + RPR_BLOCK_HEADER_BYTES;
            uint32_t m = off + RPR_BLOCK_HEADER_BYTES + base + 4 <= r->size ? rpr_get32(p + base)
                                                                            : UINT32_MAX;
            breaks = m <= n && off + RPR_BLOCK_HEADER_BYTES + base + rpr_breaks_bytes(m) <= r->size
                         ? (int64_t)m
                         : -1;
        }
    } else {
        rpr_block_header h;
        if (block_header_ok(s, b, off, &h)) {
            breaks = rpr_payload_breaks(r->map + off + RPR_BLOCK_HEADER_BYTES, h.payload_bytes, n,
                                        s->meta.timestamps, r->version);
            payload_bytes = h.payload_bytes;
            payload_crc = h.payload_crc;
        }
    }
    if (breaks < 0) {
        note_bad(r, "block", s->id, b);
        return blk;
    }
    blk.payload = r->map + off + RPR_BLOCK_HEADER_BYTES;
    blk.count = n;
    blk.breaks = (uint32_t)breaks;
    if (!r->indexed && rpr_crc32(blk.payload, payload_bytes) !=
                           payload_crc) { /* the scan checked it; cheap guard */
        note_bad(r, "block", s->id, b);
        blk.payload = NULL;
        return blk;
    }
    r->bytes_read += (int64_t)base;
    *slot = (rdr_cached){key, blk.payload, n, blk.breaks};
    return blk;
}

bool rdr_gap_before(rdr_series *s, int64_t i)
{
    if (i <= 0 || i >= s->count) return false;
    rdr_block blk = block_at(s, i / RPR_BLOCK_SAMPLES);
    if (!blk.payload || blk.breaks == 0) return false;
    const uint8_t *list =
        blk.payload + rpr_samples_payload_bytes(blk.count, s->meta.timestamps) + 4;
    uint32_t k = (uint32_t)(i % RPR_BLOCK_SAMPLES), lo = 0, hi = blk.breaks;
    while (lo < hi) { /* ascending offsets */
        uint32_t mid = lo + (hi - lo) / 2, v = rpr_get32(list + 4 * (size_t)mid);
        if (v == k) return true;
        if (v < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

float rdr_sample(rdr_series *s, int64_t i)
{
    rdr_block blk = block_at(s, i / RPR_BLOCK_SAMPLES);
    uint32_t k = (uint32_t)(i % RPR_BLOCK_SAMPLES);
    return blk.payload && k < blk.count ? rpr_getf(blk.payload + 4 * (size_t)k) : NAN;
}

double rdr_x(rdr_series *s, int64_t i)
{
    if (!s->meta.timestamps) return s->meta.t0 + (double)i / s->meta.rate;
    rdr_block blk = block_at(s, i / RPR_BLOCK_SAMPLES);
    uint32_t k = (uint32_t)(i % RPR_BLOCK_SAMPLES);
    return blk.payload && k < blk.count
               ? rpr_getd(blk.payload + rpr_times_offset(blk.count) + 8 * (size_t)k)
               : NAN;
}

/* A summary read from the file, made consistent: a "finite" range that is not one (damage, or a
 * crafted file) becomes a gap, so a query never reports min > max or a non-finite min. */
static rp_summary clean(rp_summary u)
{
    u.flags &= RP_M4_NAN | RP_M4_POS_INF | RP_M4_NEG_INF | RP_M4_FINITE;
    if ((u.flags & RP_M4_FINITE) && !(isfinite(u.min) && isfinite(u.max) && u.min <= u.max)) {
        u.flags = (u.flags & ~(uint32_t)RP_M4_FINITE) | RP_M4_NAN;
        u.min = INFINITY;
        u.max = -INFINITY;
    }
    return u;
}

static rp_summary raw_unit_at(rdr_series *s, int L, int64_t u);

/* Summary of unit u of level L (1..5), complete by construction of the queries. */
static rp_summary unit_at(rdr_series *s, int L, int64_t u) { return clean(raw_unit_at(s, L, u)); }

static rp_summary raw_unit_at(rdr_series *s, int L, int64_t u)
{
    switch (L) {
    case 1:
    case 2: {
        int64_t per = RPR_BLOCK_SAMPLES / level_width[L];
        rdr_block blk = block_at(s, u / per);
        if (!blk.payload) return nan_summary();
        uint64_t base = L == 1 ? rpr_leaf_offset(blk.count, s->meta.timestamps)
                               : rpr_mid_offset(blk.count, s->meta.timestamps);
        int64_t k = u % per;
        if ((uint64_t)(k + 1) * (uint64_t)level_width[L] > blk.count) return nan_summary();
        return rpr_get_summary(blk.payload + base + (size_t)k * RPR_SUMMARY_BYTES);
    }
    case 3: {
        const uint8_t *e = entry_at(s, u);
        return e ? rpr_get_summary(e + 8) : nan_summary();
    }
    case 4: {
        int64_t d = u / (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS);
        if (!dir_ok(s, d)) return nan_summary();
        return rpr_get_summary(s->dir_groups[d] +
                               (size_t)(u % (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS)) *
                                   RPR_SUMMARY_BYTES);
    }
    default: return dir_ok(s, u) ? s->dir_sum[u] : nan_summary();
    }
}

/* ---- the file as a pyramid source (core/pyramid_source.h) -------------------------------- */

/* Units [ua, ub) of level 0 (samples), 1 (leaves) or 2 (mids): read block by block, so each
 * block is looked up once, not once per unit. */
static void acc_in_blocks(rdr_series *s, int L, int64_t ua, int64_t ub, rp_range_acc *acc)
{
    int64_t per = RPR_BLOCK_SAMPLES / level_width[L];
    while (ua < ub) {
        int64_t b = ua / per, end = (b + 1) * per < ub ? (b + 1) * per : ub;
        rdr_block blk = block_at(s, b);
        if (!blk.payload) {
            for (int64_t u = ua; u < end; u++) rp_range_acc_unit(acc, L, u, nan_summary());
        } else if (L == 0) {
            const uint8_t *p = blk.payload;
            for (int64_t u = ua; u < end; u++) {
                uint32_t k = (uint32_t)(u - b * per);
                rp_summary one = rp_summary_empty();
                rp_summary_add(&one, k < blk.count ? rpr_getf(p + 4 * (size_t)k) : NAN);
                rp_range_acc_unit(acc, 0, u, one);
            }
        } else {
            const uint8_t *base =
                blk.payload + (L == 1 ? rpr_leaf_offset(blk.count, s->meta.timestamps)
                                      : rpr_mid_offset(blk.count, s->meta.timestamps));
            uint64_t have = blk.count / (uint64_t)level_width[L];
            for (int64_t u = ua; u < end; u++) {
                uint64_t k = (uint64_t)(u - b * per);
                rp_range_acc_unit(acc, L, u,
                                  k < have ? clean(rpr_get_summary(base + k * RPR_SUMMARY_BYTES))
                                           : nan_summary());
            }
        }
        ua = end;
    }
}

static void file_accumulate(void *ctx, int L, int64_t first, int64_t end, rp_range_acc *acc)
{
    rdr_series *s = ctx;
    if (L <= 2)
        acc_in_blocks(s, L, first, end, acc);
    else
        for (int64_t u = first; u < end; u++) rp_range_acc_unit(acc, L, u, unit_at(s, L, u));
}

static rp_summary file_unit(void *ctx, int L, int64_t u) { return unit_at(ctx, L, u); }
static float file_sample(void *ctx, int64_t i) { return rdr_sample(ctx, i); }
static double file_x(void *ctx, int64_t i) { return rdr_x(ctx, i); }

/* No find op (yet): the descent asks for units and samples one at a time (pyramid_source.h). */
static const rp_pyramid_ops file_ops = {file_accumulate, file_unit, file_sample, file_x, NULL};

rp_pyramid_source rdr_pyramid(rdr_series *s)
{
    rp_pyramid_source src = {&file_ops, s, RDR_LEVELS - 1, {0}};
    for (int L = 0; L < RDR_LEVELS; L++) src.width[L] = level_width[L];
    return src;
}

/* ---- index <-> x ---------------------------------------------------------------------------- */

static int64_t clamp_index(double f)
{
    const double limit = 4.0e18;
    if (!(f > -limit)) return (int64_t)-limit;
    if (f > limit) return (int64_t)limit;
    return (int64_t)f;
}

static int64_t clamp_count(const rdr_series *s, int64_t i)
{
    return i < 0 ? 0 : i > s->count ? s->count : i;
}

/* First index in [lo, hi) whose x is >= t (hi when none), by bisection on the x it reports. */
static int64_t lower_bound_x(rdr_series *s, double t, int64_t lo, int64_t hi)
{
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (rdr_x(s, mid) < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int64_t lower_bound_time(rdr_series *s, double t)
{
    return lower_bound_x(s, t, 0, s->count);
}

/* First index whose x is >= t. A uniform series starts from (t - t0) · rate and settles on the x
 * it reports for its samples (as the core does), so that a range ending exactly on a sample's x
 * includes it whatever the last bit of the product: file and ring split a view at the same
 * sample. The answer is within a sample or two of that guess, unless t0 dwarfs 1 / rate (many
 * samples on one x): then all samples are bisected. */
static int64_t first_at_or_after(rdr_series *s, double t)
{
    if (s->meta.timestamps) return lower_bound_time(s, t);
    int64_t guess = clamp_count(s, clamp_index(ceil((t - s->meta.t0) * s->meta.rate)));
    int64_t lo = guess > 2 ? guess - 2 : 0, hi = guess + 2 < s->count ? guess + 2 : s->count;
    if (lo > 0 && rdr_x(s, lo - 1) >= t) lo = 0;
    if (hi < s->count && rdr_x(s, hi) < t) hi = s->count;
    return lower_bound_x(s, t, lo, hi);
}

int64_t rdr_index_at_or_after(rdr_series *s, double x) { return first_at_or_after(s, x); }

int64_t rdr_index_after(rdr_series *s, double x)
{
    return first_at_or_after(s, nextafter(x, INFINITY));
}

/* ---- the backing of the read-only series (same results as the core's queries) ------------- */

static int64_t column_start(rdr_series *s, int64_t k, double spc, double dx)
{
    if (s->meta.timestamps) return lower_bound_time(s, (double)k * dx);
    return clamp_count(s, clamp_index(ceil((double)k * spc)));
}

static rp_status backing_decimate(void *ctx, double x0, double x1, int width, rp_decimation *r)
{
    rdr_series *s = ctx;
    rp_pyramid_source src = rdr_pyramid(s);
    r->count = 0;
    r->raw = false;
    r->column_dx = 0;
    r->first_column = 0;
    r->has_before = r->has_after = false;
    r->head = s->count;
    r->oldest = 0;
    if (s->count == 0) {
        r->raw = true;
        return RP_OK;
    }
    int64_t a = rdr_index_at_or_after(s, x0), b = rdr_index_after(s, x1);
    int64_t before = a - 1, after = b;
    bool ts = s->meta.timestamps;
    int64_t gaps = 0; /* raw mode draws each segment break as an entry of its own, as the core */
    for (int64_t i = a; b - a <= width && i <= b; i++) gaps += rdr_gap_before(s, i);
    if (b - a + gaps <= width) {
        if (b - a + gaps > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->raw = true;
        for (int64_t i = a; i <= b; i++) {
            if (rdr_gap_before(s, i))
                rp_m4_gap(i, 0.5 * (rdr_x(s, i - 1) + rdr_x(s, i)), &r->out[r->count++]);
            if (i < b) rp_m4_single(&src, i, &r->out[r->count++]);
        }
    } else {
        double dx, spc;
        rp_grid_column(x1 - x0, width, ts, s->meta.rate, &dx, &spc);
        int64_t k0, k1;
        if (ts) {
            k0 = clamp_index(floor(x0 / dx));
            k1 = clamp_index(floor(x1 / dx));
        } else {
            k0 = clamp_index(floor((x0 - s->meta.t0) * s->meta.rate / spc));
            k1 = clamp_index(floor((x1 - s->meta.t0) * s->meta.rate / spc));
        }
        for (int n = 0; n < 4 && column_start(s, k0, spc, dx) > a; n++) k0--;
        for (int n = 0; n < 4 && column_start(s, k1 + 1, spc, dx) < b; n++) k1++;
        if (k1 - k0 + 1 > r->out_capacity) return RP_ERR_BUFFER_SMALL;
        r->column_dx = dx;
        r->first_column = k0;
        int64_t start = column_start(s, k0, spc, dx);
        before = start - 1;
        for (int64_t k = k0; k <= k1; k++) {
            int64_t end = column_start(s, k + 1, spc, dx);
            rp_m4 *e = &r->out[r->count++];
            rp_m4_column(&src, start, end, !r->skip_extreme_index, e);
            if (start < end && rdr_gap_before(s, start)) rp_m4_mark_gap(e);
            start = end;
        }
        after = start;
    }
    if (before >= 0 && before < s->count) {
        r->has_before = true;
        rp_m4_single(&src, before, &r->before);
    }
    if (after >= 0 && after < s->count) {
        r->has_after = true;
        rp_m4_single(&src, after, &r->after);
        if (!r->raw && rdr_gap_before(s, after)) rp_m4_mark_gap(&r->after);
    }
    return RP_OK;
}

static rp_status backing_y_range(void *ctx, double x0, double x1, float *y_min, float *y_max,
                                 bool *found)
{
    rdr_series *s = ctx;
    int64_t a = rdr_index_at_or_after(s, x0), b = rdr_index_after(s, x1);
    rp_pyramid_source src = rdr_pyramid(s);
    rp_range_acc acc;
    rp_pyramid_range(&src, a, b > a ? b : a, &acc);
    *found = (acc.sum.flags & RP_M4_FINITE) != 0;
    if (*found) *y_min = acc.sum.min, *y_max = acc.sum.max;
    return RP_OK;
}

static rp_status backing_sample_near(void *ctx, double x, int64_t *index, double *sample_x,
                                     float *value)
{
    rdr_series *s = ctx;
    if (s->count == 0) return RP_ERR_INVALID_ARG;
    int64_t i = rdr_index_at_or_after(s, x);
    if (i >= s->count) i = s->count - 1;
    if (i > 0 && x - rdr_x(s, i - 1) <= rdr_x(s, i) - x) i--;
    *index = i;
    *sample_x = rdr_x(s, i);
    *value = rdr_sample(s, i);
    return RP_OK;
}

static rp_status backing_x_extent(void *ctx, double *x_first, double *x_last)
{
    rdr_series *s = ctx;
    if (s->count == 0) return RP_ERR_INVALID_ARG;
    *x_first = rdr_x(s, 0);
    *x_last = rdr_x(s, s->count - 1);
    return RP_OK;
}

static int64_t backing_count(void *ctx) { return ((rdr_series *)ctx)->count; }

/* Moments of samples [i0, i1) of block b (missing blocks read as NaN: counted out), shifted by
 * the first finite sample so that a large offset does not cancel the variance. */
static rp_moments block_range_moments(rdr_series *s, int64_t b, uint32_t i0, uint32_t i1)
{
    rp_moments m = {0, 0, 0};
    rdr_block blk = block_at(s, b);
    if (!blk.payload) return m;
    i1 = i1 < blk.count ? i1 : blk.count;
    double c = 0, t1 = 0, t2 = 0;
    int64_t n = 0;
    for (uint32_t i = i0; i < i1; i++) {
        float v = rpr_getf(blk.payload + 4 * (size_t)i);
        if (v - v != 0.0f) continue; /* NaN or ±Inf */
        if (n == 0) c = v;
        double d = (double)v - c;
        t1 += d;
        t2 += d * d;
        n++;
    }
    m.n = n;
    if (n > 0) {
        m.mean = c + t1 / (double)n;
        m.m2 = t2 - t1 * t1 / (double)n;
        if (m.m2 < 0) m.m2 = 0;
    }
    return m;
}

/* Where the kept moments of block b live (n < 0: not summed yet); NULL: none are kept. */
static rp_moments *kept_moments(rdr_series *s, int64_t b)
{
    int64_t d = b / RPR_DIR_BLOCKS;
    if (!s->dir_moments || d >= s->dirs || !s->dir_moments[d]) return NULL;
    return s->dir_moments[d] + b % RPR_DIR_BLOCKS;
}

/* The kept sum of dir d's blocks, after its RPR_DIR_BLOCKS block slots (n < 0: not all kept
 * yet); NULL: none are kept. */
static rp_moments *dir_total(rdr_series *s, int64_t d)
{
    if (!s->dir_moments || d >= s->dirs || !s->dir_moments[d]) return NULL;
    return s->dir_moments[d] + RPR_DIR_BLOCKS;
}

/* Moments of [a, b) (b <= count): whole dirs from their kept totals, whole blocks from their kept
 * moments (summed now if not yet, within *budget samples), the partial blocks at the ends sample
 * by sample; a dir whose blocks are all kept keeps its total, so a long range merges a few dozen
 * sums, not one per block. Returns the samples of the blocks left for a later call (0: *m is
 * exact). */
static int64_t range_moments(rdr_series *s, int64_t a, int64_t b, int64_t *budget, rp_moments *m)
{
    *m = (rp_moments){0, 0, 0};
    int64_t pending = 0;
    const int64_t B = RPR_BLOCK_SAMPLES, D = RPR_DIR_BLOCKS;
    for (int64_t blk = a / B; blk * B < b;) {
        bool whole_dir = blk % D == 0 && blk * B >= a && (blk + D) * B <= b;
        rp_moments *total = whole_dir ? dir_total(s, blk / D) : NULL;
        if (total && total->n >= 0) {
            rp_moments_merge(m, *total);
            blk += D;
            continue;
        }
        rp_moments part = {0, 0, 0};
        int64_t left = 0, end = total ? blk + D : blk + 1; /* a whole dir, or one block */
        bool all_kept = true;
        for (; blk < end && blk * B < b; blk++) {
            int64_t lo = blk * B > a ? blk * B : a, hi = (blk + 1) * B < b ? (blk + 1) * B : b;
            rp_moments *k = hi - lo < B ? NULL : kept_moments(s, blk);
            if (!k) { /* an end (< 2 blocks) or a block still growing: summed each time */
                all_kept = false;
                rp_moments_merge(&part, block_range_moments(s, blk, (uint32_t)(lo - blk * B),
                                                            (uint32_t)(hi - blk * B)));
                continue;
            }
            if (k->n < 0) {
                if (*budget < B) {
                    left += B;
                    continue;
                }
                *k = block_range_moments(s, blk, 0, (uint32_t)B);
                *budget -= B;
            }
            rp_moments_merge(&part, *k);
        }
        if (total && all_kept && left == 0) *total = part;
        rp_moments_merge(m, part);
        pending += left;
    }
    return pending;
}

static rp_status backing_range_stats(void *ctx, double x0, double x1, rp_range_stats *o)
{
    rdr_series *s = ctx;
    int64_t a = rdr_index_at_or_after(s, x0), b = rdr_index_after(s, x1);
    if (b <= a) {
        rp_range_stats_fill(o, 0, NAN, NAN, rp_summary_empty(), (rp_moments){0, 0, 0}, 0);
        return RP_OK;
    }
    rp_pyramid_source src = rdr_pyramid(s);
    rp_range_acc acc;
    rp_pyramid_range(&src, a, b, &acc);
    int64_t budget = RP_RECORDING_STATS_SCAN;
    rp_moments m;
    int64_t pending = range_moments(s, a, b, &budget, &m);
    rp_range_stats_fill(o, b - a, rdr_x(s, a), rdr_x(s, b - 1), acc.sum, m, pending);
    return RP_OK;
}

/* The series' samples as a history of offset 0 (raw-sample reads: the core's
 * rp_series_copy_ending_at); the follower's history below reads through the same two lookups. */
static bool samples_view(void *ctx, rp_pyramid_source *src, int64_t *offset, int64_t *count)
{
    rdr_series *s = ctx;
    *src = rdr_pyramid(s);
    *offset = 0;
    *count = s->count;
    return s->count > 0;
}

static int64_t samples_search(void *ctx, double x, bool strict)
{
    return strict ? rdr_index_after(ctx, x) : rdr_index_at_or_after(ctx, x);
}

static bool samples_gap(void *ctx, int64_t i) { return rdr_gap_before(ctx, i); }

static const rp_series_history_ops samples_ops = {samples_view, samples_search, samples_gap, NULL};

static const rp_series_backing backing = {backing_decimate, backing_y_range, backing_sample_near,
                                          backing_x_extent, backing_count,   backing_range_stats,
                                          &samples_ops};

/* ---- building the in-memory index ------------------------------------------------------------ */

static bool alloc_dirs(rdr_series *s, int64_t dirs)
{
    s->dirs = dirs;
    size_t n = dirs ? (size_t)dirs : 1;
    s->dir_entries = calloc(n, sizeof *s->dir_entries);
    s->dir_groups = calloc(n, sizeof *s->dir_groups);
    s->dir_offset = calloc(n, sizeof *s->dir_offset);
    s->dir_state = calloc(n, 1);
    s->dir_sum = calloc(n, sizeof *s->dir_sum);
    return s->dir_entries && s->dir_groups && s->dir_offset && s->dir_state && s->dir_sum;
}

/* Entries of blocks [first_dir·4096, blocks) live in `owned` (entries of all those dirs, then
 * their groups): groups and dir summaries are computed from them. */
static bool own_dirs(rdr_series *s, int64_t first_dir, const uint8_t *entries, int64_t n_entries)
{
    int64_t dirs = s->dirs - first_dir;
    size_t per_dir = (size_t)RPR_DIR_BLOCKS * RPR_ENTRY_BYTES,
           groups = (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS) * RPR_SUMMARY_BYTES;
    s->owned = calloc((size_t)(dirs > 0 ? dirs : 1), per_dir + groups);
    if (!s->owned) return false;
    if (n_entries) memcpy(s->owned, entries, (size_t)n_entries * RPR_ENTRY_BYTES);
    for (int64_t d = 0; d < dirs; d++) {
        int64_t dd = first_dir + d;
        s->dir_entries[dd] = s->owned + (size_t)d * per_dir;
        uint8_t *g = s->owned + (size_t)dirs * per_dir + (size_t)d * groups;
        s->dir_groups[dd] = g;
        s->dir_state[dd] = 1;
        rp_summary all = rp_summary_empty();
        for (int k = 0; k < RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS; k++) {
            rp_summary sum = rp_summary_empty();
            for (int b = 0; b < RPR_GROUP_BLOCKS; b++) {
                int64_t e = d * RPR_DIR_BLOCKS + k * RPR_GROUP_BLOCKS + b;
                if (e < n_entries)
                    rp_summary_merge(&sum,
                                     rpr_get_summary(s->owned + (size_t)e * RPR_ENTRY_BYTES + 8));
            }
            rpr_put_summary(g + (size_t)k * RPR_SUMMARY_BYTES, sum);
            rp_summary_merge(&all, sum);
        }
        s->dir_sum[dd] = all;
    }
    return true;
}

static bool plausible_meta(const rpr_series_meta *m)
{
    return isfinite(m->rate) && m->rate > 0 && isfinite(m->t0);
}

static rp_status open_indexed(rp_recording *r)
{
    const uint8_t *t = r->map + r->size - RPR_TRAILER_BYTES;
    if (rpr_get32(t + 16) != RPR_TRAILER_MAGIC || rpr_get32(t + 20) != rpr_crc32(t, 20))
        return RP_ERR_PARSE;
    uint64_t at = rpr_get64(t), end = rpr_get64(t + 8);
    rpr_block_header h;
    if (end != r->size - RPR_TRAILER_BYTES || at < RPR_HEADER_BYTES ||
        at > end - RPR_BLOCK_HEADER_BYTES || !rpr_read_block_header(r->map + at, &h) ||
        h.type != RPR_INDEX || h.count > RPR_MAX_SERIES ||
        at + RPR_BLOCK_HEADER_BYTES + h.payload_bytes != end)
        return RP_ERR_PARSE;
    const uint8_t *p = r->map + at + RPR_BLOCK_HEADER_BYTES, *q = p, *stop = p + h.payload_bytes;
    if (rpr_crc32(p, h.payload_bytes) != h.payload_crc) return RP_ERR_PARSE;
    r->bytes_read += RPR_TRAILER_BYTES + RPR_BLOCK_HEADER_BYTES + h.payload_bytes;
    for (uint32_t i = 0; i < h.count; i++) {
        if ((size_t)(stop - q) < RPR_SERIES_BYTES + 16) return RP_ERR_PARSE;
        rdr_series *s = &r->series[r->series_count];
        rpr_read_series_meta(q, &s->meta);
        q += RPR_SERIES_BYTES;
        uint64_t count = rpr_get64(q);
        uint32_t dirs = rpr_get32(q + 8), tail = rpr_get32(q + 12);
        q += 16;
        uint64_t blocks = (uint64_t)dirs * RPR_DIR_BLOCKS + tail;
        if (!plausible_meta(&s->meta) || tail >= RPR_DIR_BLOCKS || count > ((uint64_t)1 << 50) ||
            (count + RPR_BLOCK_SAMPLES - 1) / RPR_BLOCK_SAMPLES != blocks ||
            (uint64_t)(stop - q) / RPR_ENTRY_BYTES < (uint64_t)dirs + tail)
            return RP_ERR_PARSE;
        s->rec = r;
        s->id = (int)i;
        s->count = (int64_t)count;
        s->blocks = (int64_t)blocks;
        r->series_count++; /* counted now, so a failure below frees what was made */
        if (!alloc_dirs(s, dirs + (tail ? 1 : 0))) return RP_ERR_NO_MEMORY;
        for (uint32_t d = 0; d < dirs; d++, q += RPR_ENTRY_BYTES) {
            uint64_t off = rpr_get64(q);
            if (off < RPR_HEADER_BYTES || off > r->size) return RP_ERR_PARSE;
            s->dir_offset[d] = off;
            s->dir_entries[d] = r->map + off + RPR_BLOCK_HEADER_BYTES;
            s->dir_groups[d] = s->dir_entries[d] + (size_t)RPR_DIR_BLOCKS * RPR_ENTRY_BYTES;
            s->dir_sum[d] = rpr_get_summary(q + 8);
        }
        if (!own_dirs(s, dirs, q, tail)) return RP_ERR_NO_MEMORY;
        q += (size_t)tail * RPR_ENTRY_BYTES;
    }
    r->indexed = true;
    return RP_OK;
}

/* ---- scanning the blocks in order (a file not closed, or one still being written) ---------- */

/* Makes dirs [0, d] of a scanned series exist: each an owned table of entries, groups and the
 * blocks' kept moments. The pointer arrays grow by doubling: an allocation per 2^26 samples of
 * the series at most. */
static bool ensure_dir(rdr_series *s, int64_t d)
{
    size_t per_dir = (size_t)RPR_DIR_BLOCKS * RPR_ENTRY_BYTES,
           groups = (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS) * RPR_SUMMARY_BYTES,
           moments = (size_t)(RPR_DIR_BLOCKS + 1) * sizeof(rp_moments);
    while (s->dirs <= d) {
        if (s->dirs == s->dirs_cap) {
            int64_t cap = s->dirs_cap ? 2 * s->dirs_cap : 4;
            const uint8_t **e = realloc(s->dir_entries, (size_t)cap * sizeof *e);
            if (e) s->dir_entries = e;
            const uint8_t **g = realloc(s->dir_groups, (size_t)cap * sizeof *g);
            if (g) s->dir_groups = g;
            uint64_t *o = realloc(s->dir_offset, (size_t)cap * sizeof *o);
            if (o) s->dir_offset = o;
            uint8_t *st = realloc(s->dir_state, (size_t)cap);
            if (st) s->dir_state = st;
            rp_summary *sum = realloc(s->dir_sum, (size_t)cap * sizeof *sum);
            if (sum) s->dir_sum = sum;
            uint8_t **own = realloc(s->dir_own, (size_t)cap * sizeof *own);
            if (own) s->dir_own = own;
            rp_moments **mo = realloc(s->dir_moments, (size_t)cap * sizeof *mo);
            if (mo) s->dir_moments = mo;
            if (!e || !g || !o || !st || !sum || !own || !mo) return false;
            s->dirs_cap = cap;
        }
        uint8_t *t = calloc(1, per_dir + groups + moments);
        if (!t) return false;
        int64_t n = s->dirs;
        s->dir_own[n] = t;
        s->dir_entries[n] = t;
        s->dir_groups[n] = t + per_dir;
        s->dir_moments[n] = (rp_moments *)(void *)(t + per_dir + groups); /* 8-byte aligned */
        for (int b = 0; b <= RPR_DIR_BLOCKS; b++) s->dir_moments[n][b].n = -1;
        s->dir_offset[n] = 0;
        s->dir_state[n] = 1;
        s->dir_sum[n] = rp_summary_empty();
        s->dirs = n + 1;
    }
    return true;
}

/* Recomputes the group summary holding block b and its dir's summary (blocks < s->blocks). */
static void regroup(rdr_series *s, int64_t b)
{
    int64_t d = b / RPR_DIR_BLOCKS, g = (b % RPR_DIR_BLOCKS) / RPR_GROUP_BLOCKS;
    const uint8_t *e = s->dir_entries[d];
    rp_summary sum = rp_summary_empty();
    for (int64_t k = g * RPR_GROUP_BLOCKS; k < (g + 1) * RPR_GROUP_BLOCKS; k++)
        if (d * RPR_DIR_BLOCKS + k < s->blocks)
            rp_summary_merge(&sum, rpr_get_summary(e + (size_t)k * RPR_ENTRY_BYTES + 8));
    uint8_t *groups = (uint8_t *)s->dir_groups[d];
    rpr_put_summary(groups + (size_t)g * RPR_SUMMARY_BYTES, sum);
    rp_summary all = rp_summary_empty();
    for (int64_t k = 0; k <= (s->blocks - 1 - d * RPR_DIR_BLOCKS) / RPR_GROUP_BLOCKS &&
                        k < RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS;
         k++)
        rp_summary_merge(&all, rpr_get_summary(groups + (size_t)k * RPR_SUMMARY_BYTES));
    s->dir_sum[d] = all;
}

static void forget_cached(rp_recording *r, int id, int64_t b)
{
    uint64_t key = ((uint64_t)id << 48 | (uint64_t)b) + 1;
    rdr_cached *slot = &r->cache[(key * 0x9E3779B97F4A7C15ull) >> 52];
    if (slot->key == key) slot->key = 0;
}

/* Takes block b into the index (again): what was kept of an earlier copy (its checked header,
 * its moments) is forgotten. */
static void set_entry(rdr_series *s, int64_t b, uint64_t offset, rp_summary sum, uint32_t n)
{
    forget_cached(s->rec, s->id, b);
    rp_moments *kept = kept_moments(s, b);
    if (kept) kept->n = -1;
    rp_moments *total = dir_total(s, b / RPR_DIR_BLOCKS);
    if (total) total->n = -1;
    uint8_t *e = (uint8_t *)s->dir_entries[b / RPR_DIR_BLOCKS] +
                 (size_t)(b % RPR_DIR_BLOCKS) * RPR_ENTRY_BYTES;
    rpr_put64(e, offset);
    rpr_put_summary(e + 8, sum);
    rpr_put32(e + 20, n);
}

/* Makes room for a copy of block b of n samples (its dir made): a block after the last makes the
 * blocks between missing (NaN) and a partial last block before it a gap; the last block sets the
 * count. Blocks before the last are full (the recorder finishes one before it starts the next).
 * Returns the first block whose entry changes (for regroup), or -1 when the copy is a stale
 * partial one of a finished block (ignored). */
static int64_t place_block(rdr_series *s, int64_t b, uint32_t n)
{
    int64_t from = b >= s->blocks && s->blocks > 0 ? s->blocks - 1 : b; /* entries changed */
    if (b >= s->blocks && s->blocks > 0 &&
        s->count - (s->blocks - 1) * RPR_BLOCK_SAMPLES < RPR_BLOCK_SAMPLES) {
        set_entry(s, s->blocks - 1, 0, nan_summary(), RPR_BLOCK_SAMPLES);
    }
    for (int64_t k = s->blocks; k < b; k++) set_entry(s, k, 0, nan_summary(), RPR_BLOCK_SAMPLES);
    if (b >= s->blocks - 1) { /* the last block: it sets the count */
        s->count = b * RPR_BLOCK_SAMPLES + n;
        s->blocks = b + 1;
    } else if (n != RPR_BLOCK_SAMPLES) {
        return -1;
    }
    return from;
}

/* Takes block b's copy (at offset, or RDR_ASSEMBLED) into the index: its entry, then the group
 * and dir summaries over blocks [from, b]. */
static void enter_block(rdr_series *s, int64_t b, int64_t from, uint64_t offset, rp_summary sum,
                        uint32_t n)
{
    set_entry(s, b, offset, sum, n);
    for (int64_t k = from; k <= b; k = (k / RPR_GROUP_BLOCKS + 1) * RPR_GROUP_BLOCKS) regroup(s, k);
}

/* Takes SAMPLES block b (the latest copy, at offset, of n samples) into the series' index; an
 * earlier one left partial, or one never written, reads as a gap. */
static bool scan_block(rdr_series *s, int64_t b, uint64_t offset, uint32_t n, int64_t breaks)
{
    rp_recording *r = s->rec;
    if (!ensure_dir(s, b / RPR_DIR_BLOCKS)) return false;
    int64_t from = place_block(s, b, n);
    if (from < 0) return true; /* a stale partial copy of a finished block */
    /* the block's summary from its leaf summaries (checked by the crc) and the samples after
     * the last whole leaf: a thirty-second of the work of reading every sample */
    rp_summary sum = rp_summary_empty();
    const uint8_t *p = r->map + offset + RPR_BLOCK_HEADER_BYTES;
    const uint8_t *leaves = p + rpr_leaf_offset(n, s->meta.timestamps);
    for (uint32_t l = 0; l < n / RPR_LEAF; l++)
        rp_summary_merge(&sum, clean(rpr_get_summary(leaves + (size_t)l * RPR_SUMMARY_BYTES)));
    for (uint32_t k = n / RPR_LEAF * RPR_LEAF; k < n; k++)
        rp_summary_add(&sum, rpr_getf(p + 4 * (size_t)k));
    if (breaks > 0) sum.flags |= RP_M4_GAP; /* as the recorder marks a DIR entry */
    enter_block(s, b, from, offset, sum, n);
    return true;
}

static void drop_part(rdr_series *s)
{
    if (!s->part) return;
    forget_cached(s->rec, s->id, s->part->block);
    free(s->part->payload);
    free(s->part);
    s->part = NULL;
}

/* Checks the PART block (h, payload p) of series s: its length for its count and breaks, its
 * breaks ascending inside it, that it leaves its block unfinished (a complete block is written as
 * SAMPLES), and that it continues its block where the samples assembled so far end (at 0 for a
 * block after the last, when none is being assembled: the recorder writes a block's SAMPLES copy
 * before the first part of the next). Returns its breaks, or -1: damage. */
static int64_t part_fits(const rdr_series *s, const rpr_block_header *h, const uint8_t *p)
{
    bool ts = s->meta.timestamps;
    uint32_t n = h->count;
    if (h->payload_bytes < RPR_PART_HEAD_BYTES || n == 0 || n > RPR_BLOCK_SAMPLES ||
        h->number > (uint64_t)s->blocks + RPR_DIR_BLOCKS)
        return -1;
    uint32_t first = rpr_get32(p), nb = rpr_get32(p + 4);
    if (first >= RPR_BLOCK_SAMPLES - n || nb > n ||
        h->payload_bytes != rpr_part_payload_bytes(n, nb, ts))
        return -1;
    int64_t b = (int64_t)h->number;
    const rdr_part *pt = s->part;
    int64_t have = pt && pt->block == b ? (int64_t)pt->count : !pt && b >= s->blocks ? 0 : -1;
    if ((int64_t)first != have) return -1;
    const uint8_t *list = p + rpr_part_breaks_offset(n, ts);
    int64_t prev = (int64_t)first - 1;
    for (uint32_t k = 0; k < nb; k++) {
        uint32_t v = rpr_get32(list + 4 * (size_t)k);
        if ((int64_t)v <= prev || v >= first + n) return -1;
        prev = v;
    }
    return nb;
}

/* Adds a checked PART block to its series' assembled block (made at its first part) and takes
 * that block into the index as the series' last. Costs the part's samples: the block is laid out
 * when next read (block_at). False: out of memory. */
static bool scan_part(rdr_series *s, const rpr_block_header *h, const uint8_t *p, uint32_t nb)
{
    int64_t b = (int64_t)h->number;
    bool ts = s->meta.timestamps;
    if (!ensure_dir(s, b / RPR_DIR_BLOCKS)) return false;
    rdr_part *pt = s->part;
    if (!pt) {
        pt = calloc(1, sizeof *pt);
        uint8_t *buf = pt ? malloc(RDR_PART_BYTES(ts)) : NULL;
        if (!buf) {
            free(pt);
            return false;
        }
        pt->payload = buf;
        pt->x = ts ? (double *)(void *)(buf + RPR_MAX_PAYLOAD) : NULL; /* 8-byte aligned */
        pt->break_at =
            (uint32_t *)(void *)(buf + RPR_MAX_PAYLOAD + (ts ? (size_t)RPR_BLOCK_SAMPLES * 8 : 0));
        pt->block = b;
        pt->sum = rp_summary_empty();
        s->part = pt;
    }
    uint32_t first = pt->count, n = h->count;
    const uint8_t *v = p + RPR_PART_HEAD_BYTES, *x = p + rpr_part_x_offset(n),
                  *list = p + rpr_part_breaks_offset(n, ts);
    memcpy(pt->payload + 4 * (size_t)first, v, 4 * (size_t)n); /* the file's byte order */
    for (uint32_t i = 0; i < n; i++) rp_summary_add(&pt->sum, rpr_getf(v + 4 * (size_t)i));
    if (ts)
        for (uint32_t i = 0; i < n; i++) pt->x[first + i] = rpr_getd(x + 8 * (size_t)i);
    for (uint32_t k = 0; k < nb; k++) pt->break_at[pt->breaks++] = rpr_get32(list + 4 * (size_t)k);
    pt->count += n;
    pt->built = false;
    int64_t from = place_block(s, b, pt->count); /* the last block: never stale */
    rp_summary sum = pt->sum;
    if (pt->breaks > 0) sum.flags |= RP_M4_GAP;
    enter_block(s, b, from < 0 ? b : from, RDR_ASSEMBLED, sum, pt->count);
    return true;
}

/* Takes the pages of bytes [from, to) of the file out of this process' memory: a scan reads every
 * block it checks (a follower each block the recorder writes: its resident size grew with the
 * file, 0.7 MB/s for a 40,000 samples/s stream). The pages stay in the page cache; a query that
 * reads them maps them back. Only advice: failing it changes nothing. */
static void drop_pages(const rp_recording *r, uint64_t from, uint64_t to)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return;
    uint64_t a = from / (uint64_t)page * (uint64_t)page, b = to / (uint64_t)page * (uint64_t)page;
    if (b > a) (void)madvise((void *)(uintptr_t)(r->map + a), (size_t)(b - a), MADV_DONTNEED);
}

/* Reads the blocks from r->scan_pos on, up to the first one that is torn, fails its checksum or
 * lies beyond `limit` bytes of the file, and at most `budget` bytes of blocks. A follower stops
 * quietly at a torn block (the recorder is writing it); a file opened after a crash counts it. */
static rp_status scan_more(rp_recording *r, uint64_t limit, uint64_t budget)
{
    uint64_t pos = r->scan_pos, start = pos;
    while (pos + RPR_BLOCK_HEADER_BYTES <= limit && pos - start < budget) {
        rpr_block_header h;
        if (!rpr_read_block_header(r->map + pos, &h) ||
            h.payload_bytes > limit - pos - RPR_BLOCK_HEADER_BYTES)
            break; /* torn or not a block: the end of what was flushed */
        const uint8_t *p = r->map + pos + RPR_BLOCK_HEADER_BYTES;
        if (rpr_crc32(p, h.payload_bytes) != h.payload_crc) {
            if (!r->follow) r->bad_blocks++;
            break;
        }
        if (h.type == RPR_SERIES && h.payload_bytes == RPR_SERIES_BYTES &&
            h.series == r->series_count && h.series < RPR_MAX_SERIES) {
            rdr_series *s = &r->series[r->series_count];
            rpr_read_series_meta(p, &s->meta);
            if (!plausible_meta(&s->meta)) break;
            s->rec = r;
            s->id = r->series_count++;
        } else if (h.type == RPR_SAMPLES) {
            rdr_series *s = h.series < r->series_count ? &r->series[h.series] : NULL;
            int64_t breaks =
                s ? rpr_payload_breaks(p, h.payload_bytes, h.count, s->meta.timestamps, r->version)
                  : -1;
            if (!s || h.count == 0 || h.count > RPR_BLOCK_SAMPLES || breaks < 0 ||
                h.number > (uint64_t)s->blocks +
                               RPR_DIR_BLOCKS) /* a lost run longer than this: not a recording */
                break;
            /* the block's copy supersedes its parts (a later block's: that one was left) */
            if (s->part && h.number >= (uint64_t)s->part->block) drop_part(s);
            if (!scan_block(s, (int64_t)h.number, pos, h.count, breaks)) return RP_ERR_NO_MEMORY;
        } else if (h.type == RPR_PART && r->version >= 3) {
            rdr_series *s = h.series < r->series_count ? &r->series[h.series] : NULL;
            int64_t breaks = s ? part_fits(s, &h, p) : -1;
            if (breaks < 0) { /* a part that does not continue its block: a bad block */
                if (!r->follow) r->bad_blocks++;
                break;
            }
            if (!scan_part(s, &h, p, (uint32_t)breaks)) return RP_ERR_NO_MEMORY;
        } else if (h.type != RPR_DIR && h.type != RPR_INDEX) {
            break;
        }
        pos += RPR_BLOCK_HEADER_BYTES + h.payload_bytes;
    }
    r->bytes_read += (int64_t)(pos - start);
    r->scan_pos = pos;
    drop_pages(r, start, pos);
    return RP_OK;
}

static rp_status open_scanned(rp_recording *r)
{
    r->scan_pos = RPR_HEADER_BYTES;
    return scan_more(r, r->size, UINT64_MAX);
}

/* ---- public ------------------------------------------------------------------------------ */

static void free_recording(rp_recording *r)
{
    for (int i = 0; i < r->series_count; i++) {
        rdr_series *s = &r->series[i];
        rp_series_destroy(s->series);
        free(s->dir_entries);
        free(s->dir_groups);
        free(s->dir_offset);
        free(s->dir_state);
        free(s->dir_sum);
        free(s->owned);
        for (int64_t d = 0; s->dir_own && d < s->dirs; d++) free(s->dir_own[d]);
        free(s->dir_own);
        free(s->dir_moments);
        free(s->moments_owned);
        free(s->bad);
        drop_part(s);
    }
    if (r->map && r->map_bytes) munmap((void *)r->map, r->map_bytes);
    if (r->fd >= 0) close(r->fd);
    free(r);
}

/* Room for the kept moments of an indexed series' blocks (none summed yet). */
static bool keep_moments(rdr_series *s)
{
    size_t per_dir = RPR_DIR_BLOCKS + 1, slots = (size_t)(s->dirs > 0 ? s->dirs : 1) * per_dir;
    s->moments_owned = malloc(slots * sizeof(rp_moments));
    s->dir_moments = calloc((size_t)(s->dirs > 0 ? s->dirs : 1), sizeof *s->dir_moments);
    if (!s->moments_owned || !s->dir_moments) return false;
    for (size_t k = 0; k < slots; k++) s->moments_owned[k].n = -1;
    for (int64_t d = 0; d < s->dirs; d++)
        s->dir_moments[d] = s->moments_owned + (size_t)d * per_dir;
    return true;
}

rp_status rp_recording_open(const char *path, const rp_recording_desc *desc, rp_recording **out)
{
    rp_recording_desc d = desc ? *desc : (rp_recording_desc){0};
    if (!out || !path || strlen(path) >= sizeof((rp_recording *)0)->path)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_recording_open: out and a path are required");
    *out = NULL;
    rp_recording *r = calloc(1, sizeof *r);
    if (!r)
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_recording_open: out of memory");
    memcpy(r->path, path, strlen(path) + 1);
    rp_log_sink_init(&r->log, &d.log, r->error, sizeof r->error);
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat stt;
    if (r->fd < 0 || fstat(r->fd, &stt) != 0) {
        int err = errno;
        free_recording(r);
        return rp_log_create_fail(&d.log, RP_ERR_IO, RP_LOGITEM_RECORD_IO,
                                  "rp_recording_open: cannot open '%s': %s", path, strerror(err));
    }
    r->size = (uint64_t)stt.st_size;
    if (r->size >= RPR_HEADER_BYTES) {
        void *m = mmap(NULL, r->size, PROT_READ, MAP_SHARED, r->fd, 0);
        if (m == MAP_FAILED) {
            int err = errno;
            r->size = 0;
            free_recording(r);
            return rp_log_create_fail(&d.log, RP_ERR_IO, RP_LOGITEM_RECORD_IO,
                                      "rp_recording_open: cannot map '%s': %s", path,
                                      strerror(err));
        }
        r->map = m;
        r->map_bytes = r->size;
        /* a frame touches a few summaries here and there: no read-ahead of whole megabytes */
        if (posix_madvise(m, r->size, POSIX_MADV_RANDOM) != 0) { /* only advice */
        }
    }
    if (r->map) r->version = rpr_check_file_header(r->map, r->size);
    if (!r->map || !r->version) {
        /* its magic and a version this reader knows, the rest not right: a damaged header, not
         * a file of another kind or version (the message sent users after versions) */
        bool damaged = r->map && r->size >= RPR_HEADER_BYTES && memcmp(r->map, RPR_MAGIC, 8) == 0 &&
                       rpr_get32(r->map + 8) >= RPR_VERSION_MIN &&
                       rpr_get32(r->map + 8) <= RPR_VERSION;
        free_recording(r);
        if (damaged)
            return rp_log_create_fail(
                &d.log, RP_ERR_PARSE, RP_LOGITEM_RECORD_CORRUPT,
                "rp_recording_open: '%s' is a ringplot recording whose file header is damaged "
                "(its checksum or layout fields): it cannot be read",
                path);
        return rp_log_create_fail(
            &d.log, RP_ERR_PARSE, RP_LOGITEM_RECORD_CORRUPT,
            "rp_recording_open: '%s' is not a ringplot recording (versions %u to %u)", path,
            RPR_VERSION_MIN, RPR_VERSION);
    }
    rp_status st = RP_ERR_PARSE;
    if (r->size >= RPR_HEADER_BYTES + RPR_BLOCK_HEADER_BYTES + RPR_TRAILER_BYTES)
        st = open_indexed(r);
    if (st == RP_ERR_PARSE) { /* not closed cleanly (or a damaged index): scan the blocks */
        for (int i = 0; i < r->series_count; i++) {
            rdr_series *s = &r->series[i];
            free(s->dir_entries), free(s->dir_groups), free(s->dir_offset), free(s->dir_state);
            free(s->dir_sum), free(s->owned), free(s->dir_own);
            memset(s, 0, sizeof *s);
        }
        r->series_count = 0;
        r->indexed = false;
        st = open_scanned(r);
    }
    for (int i = 0; i < r->series_count && st == RP_OK; i++) {
        rdr_series *s = &r->series[i];
        rp_series_desc sd = {.name = s->meta.name,
                             .unit = s->meta.unit,
                             .rate = s->meta.rate,
                             .t0 = s->meta.t0,
                             .timestamps = s->meta.timestamps,
                             .log = d.log};
        int64_t bytes =
            (int64_t)s->dirs * (8 * 3 + 1 + (int64_t)sizeof(rp_summary)) +
            (s->owned || s->dir_own ? (int64_t)(s->dirs) * (RPR_DIR_BLOCKS * RPR_ENTRY_BYTES) : 0);
        if (!s->dir_own && !keep_moments(s)) st = RP_ERR_NO_MEMORY; /* scanned: ensure_dir's */
        bytes += (s->dir_own ? s->dirs * RPR_DIR_BLOCKS : s->blocks) * (int64_t)sizeof(rp_moments);
        if (s->part) bytes += (int64_t)(sizeof *s->part + RDR_PART_BYTES(s->meta.timestamps));
        if (st == RP_OK) st = rp_series_create_backed(&sd, &backing, s, bytes, &s->series);
    }
    if (st == RP_OK && !rp_handle_register(r, RP_HANDLE_RECORDING)) st = RP_ERR_LIMIT;
    if (st != RP_OK) {
        free_recording(r);
        return rp_log_create_fail(&d.log, st,
                                  st == RP_ERR_NO_MEMORY ? RP_LOGITEM_OUT_OF_MEMORY
                                                         : RP_LOGITEM_RECORD_CORRUPT,
                                  "rp_recording_open: '%s': %s", path, rp_status_string(st));
    }
    *out = r;
    return RP_OK;
}

/* ---- following a recording while it is written (scroll back past the ring) --------------- */

#define FOLLOW_SCAN_BUDGET ((uint64_t)64 << 20) /* bytes of new blocks read per refresh at most */

rp_status rdr_follow_open(const char *path, rp_recording **out)
{
    *out = NULL;
    if (strlen(path) >= sizeof((rp_recording *)0)->path) return RP_ERR_INVALID_ARG;
    rp_recording *r = calloc(1, sizeof *r);
    if (!r) return RP_ERR_NO_MEMORY;
    memcpy(r->path, path, strlen(path) + 1);
    rp_log_sink_init(&r->log, NULL, r->error, sizeof r->error);
    r->follow = true;
    r->scan_pos = RPR_HEADER_BYTES;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        free_recording(r);
        return RP_ERR_IO;
    }
    /* Address space reserved once for the file to grow into: pages past its end are never
     * touched (only scanned bytes are read), so nothing is remapped while it grows. */
    for (uint64_t bytes = (uint64_t)1 << 40; bytes >= ((uint64_t)1 << 28); bytes >>= 1) {
        void *m = mmap(NULL, bytes, PROT_READ, MAP_SHARED, r->fd, 0);
        if (m != MAP_FAILED) {
            r->map = m;
            r->map_bytes = bytes;
            break;
        }
    }
    if (!r->map) {
        free_recording(r);
        return RP_ERR_IO;
    }
    *out = r;
    return RP_OK;
}

void rdr_follow_refresh(rp_recording *r)
{
    struct stat st;
    if (r->follow_lost || fstat(r->fd, &st) != 0) return;
    if ((uint64_t)st.st_size < r->scan_pos) { /* cut back (the recorder's disk failed): what was */
        r->follow_lost = true;                /* read may be gone: stop serving it */
        return;
    }
    uint64_t limit = (uint64_t)st.st_size < r->map_bytes ? (uint64_t)st.st_size : r->map_bytes;
    if (!r->version) {
        r->version = rpr_check_file_header(r->map, limit);
        if (!r->version) return;
    }
    if (scan_more(r, limit, FOLLOW_SCAN_BUDGET) != RP_OK) return;
    r->size = r->scan_pos;
}

void rdr_follow_close(rp_recording *r)
{
    if (r) free_recording(r);
}

static bool history_view(void *ctx, rp_pyramid_source *src, int64_t *offset, int64_t *count)
{
    rdr_history *h = ctx;
    rdr_follow_refresh(h->rec);
    if (h->rec->follow_lost || h->id >= h->rec->series_count) return false;
    rdr_series *s = &h->rec->series[h->id];
    *src = rdr_pyramid(s);
    *offset = h->offset;
    *count = s->count;
    return s->count > 0;
}

static int64_t history_search(void *ctx, double x, bool strict)
{
    rdr_history *h = ctx;
    return samples_search(&h->rec->series[h->id], x, strict);
}

static bool history_gap(void *ctx, int64_t i)
{
    rdr_history *h = ctx;
    return samples_gap(&h->rec->series[h->id], i);
}

static int64_t history_moments(void *ctx, int64_t a, int64_t b, int64_t *budget, rp_moments *m)
{
    rdr_history *h = ctx;
    return range_moments(&h->rec->series[h->id], a, b, budget, m);
}

const rp_series_history_ops rdr_history_ops = {history_view, history_search, history_gap,
                                               history_moments};

static bool live(const rp_recording *r) { return rp_handle_live(r, RP_HANDLE_RECORDING); }

int rp_recording_series_count(const rp_recording *r) { return live(r) ? r->series_count : 0; }

rp_status rp_recording_series_info_get(const rp_recording *r, int index,
                                       rp_recording_series_info *info)
{
    if (!live(r)) return RP_ERR_INVALID_ARG;
    if (!info || index < 0 || index >= r->series_count)
        return rp_log_fail(&((rp_recording *)r)->log, RP_ERR_INVALID_ARG,
                           RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_recording_series_info_get: no series %d (the recording has %d)",
                           index, r->series_count);
    const rdr_series *s = &r->series[index];
    *info = (rp_recording_series_info){s->meta.name, s->meta.unit, s->count,
                                       s->meta.rate, s->meta.t0,   s->meta.timestamps};
    return RP_OK;
}

rp_series *rp_recording_series(const rp_recording *r, int index)
{
    if (!live(r) || index < 0 || index >= r->series_count) return NULL;
    return r->series[index].series;
}

rp_status rp_recording_read(const rp_recording *r, int index, int64_t first, int64_t n, float *out,
                            double *x_out)
{
    if (!live(r)) return RP_ERR_INVALID_ARG;
    rp_recording *m = (rp_recording *)r;
    if (index < 0 || index >= r->series_count || first < 0 || n < 0 || (n && !out) ||
        first > r->series[index].count - n)
        return rp_log_fail(
            &m->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
            "rp_recording_read: series %d, samples [%lld, +%lld) are not in the recording", index,
            (long long)first, (long long)n);
    rdr_series *s = &m->series[index];
    for (int64_t i = 0; i < n; i++) {
        out[i] = rdr_sample(s, first + i);
        if (x_out) x_out[i] = rdr_x(s, first + i);
    }
    return RP_OK;
}

/* Whether block b of s at `off` is whole: block_header_ok and the payload's CRC-32 the one
 * written. */
static bool block_intact(rdr_series *s, int64_t b, uint64_t off)
{
    rpr_block_header h;
    return block_header_ok(s, b, off, &h) &&
           rpr_crc32(s->rec->map + off + RPR_BLOCK_HEADER_BYTES, h.payload_bytes) == h.payload_crc;
}

rp_status rp_recording_verify(rp_recording *r, int64_t *damaged)
{
    if (damaged) *damaged = 0;
    if (!live(r)) return RP_ERR_INVALID_ARG;
    int64_t found = 0, checked_bytes = 0;
    for (int i = 0; i < r->series_count; i++) {
        rdr_series *s = &r->series[i];
        if (s->blocks <= 0) continue;
        if (!s->bad && !(s->bad = calloc((size_t)(s->blocks + 7) / 8, 1)))
            return rp_log_fail(&r->log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                               "rp_recording_verify: no memory for %lld blocks' marks",
                               (long long)s->blocks);
        for (int64_t b = 0; b < s->blocks; b++) {
            if (s->bad[b >> 3] >> (b & 7) & 1) {
                found++;
                continue;
            }
            const uint8_t *e = entry_at(s, b); /* NULL: its DIR is bad, its blocks gaps already */
            uint64_t off = e ? rpr_get64(e) : 0;
            if (off == 0 || off == RDR_ASSEMBLED) continue; /* lost samples, or held in memory */
            if (!block_intact(s, b, off)) {
                s->bad[b >> 3] |= (uint8_t)(1u << (b & 7));
                note_bad(r, "block", s->id, b);
                found++;
            }
            uint64_t end = off + RPR_BLOCK_HEADER_BYTES + RPR_MAX_PAYLOAD;
            drop_pages(r, off, end < r->size ? end : r->size); /* read once: not kept mapped */
            checked_bytes += RPR_MAX_PAYLOAD;
        }
    }
    if (found) memset(r->cache, 0, sizeof r->cache); /* a bad block may be cached as good */
    r->bytes_read += checked_bytes;
    if (damaged) *damaged = found;
    return RP_OK;
}

rp_recording_stats rp_recording_stats_get(const rp_recording *r)
{
    rp_recording_stats st = {0};
    if (!live(r)) return st;
    st.file_bytes = (int64_t)r->size;
    for (int i = 0; i < r->series_count; i++) st.samples += r->series[i].count;
    st.indexed = r->indexed;
    st.bad_blocks = r->bad_blocks;
    st.bytes_read = r->bytes_read;
    return st;
}

const char *rp_recording_last_error(const rp_recording *r)
{
    return live(r) ? r->error : "not a live recording";
}

void rp_recording_close(rp_recording *r)
{
    if (!rp_handle_unregister(r, RP_HANDLE_RECORDING)) return;
    free_recording(r);
}
