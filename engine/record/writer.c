/* writer.c — rp_recorder: a thread that copies new samples out of each recorded series' ring (as
 * any reader does, so the producer never waits), cuts them into SAMPLES blocks with their leaf and
 * mid summaries, keeps the DIR entries of finished blocks, and writes everything in order through
 * one batch buffer. Every flush_ms it appends what each unfinished block gained since the last
 * flush (a PART block: a flush costs the new samples, not the block again) and syncs.
 *
 * Memory: all at creation (staging + DIR entries per series, the batch), except the list of
 * finished DIRs (24 bytes per 2^26 samples of a series), which grows by doubling on this thread. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/series_hold.h"
#include "core/series_internal.h"
#include "record/reader_internal.h"
#include "record/record_format.h"

#define BATCH_BYTES (1 << 20)

typedef struct dir_ref {
    uint64_t offset;
    rp_summary sum;
} dir_ref;

typedef struct rec_series {
    rp_series *src;
    rpr_series_meta meta;
    int64_t next;     /* next series index to copy */
    int64_t recorded; /* samples copied into the recording (block * 16384 + fill) */
    float *samples;   /* staging of the unfinished block */
    double *times;
    uint32_t fill;    /* samples in it */
    uint32_t *breaks; /* offsets in it of the samples that start a segment after a gap */
    uint32_t break_count;
    uint32_t parted;        /* samples of the unfinished block written as PART blocks */
    uint32_t parted_breaks; /* its breaks written with them (the first ones: ascending) */
    uint8_t *entries;       /* DIR entries of this dir (RPR_DIR_BLOCKS × 24 bytes) */
    int dir_fill;
    dir_ref *dirs; /* finished DIRs */
    int64_t dir_count, dir_cap;
    bool meta_written;
    bool lost_reported;
    bool held;     /* the series was held for us (series_hold.h): we move the hold as we copy */
    bool gap_next; /* samples were lost before the next one copied: it starts a segment */
    rdr_history history; /* scroll_back: what the series reads its older samples through */
} rec_series;

struct rp_recorder {
    char path[4096];
    int fd;
    int flush_ms;
    bool keep_x;
    bool scroll_back;
    struct rp_recording *follow; /* scroll_back: this file, followed as it grows */
    pthread_t thread;
    bool thread_started;
    atomic_bool finished; /* rp_recorder_finish done: the file is closed, the stats final */
    pthread_mutex_t lock; /* series list (owner adds, thread reads) and flush requests */
    pthread_cond_t flushed;
    pthread_cond_t wake; /* a flush request (or the stop) ends the thread's pause at once */
    int series_count;
    rec_series series[RP_RECORD_MAX_SERIES];
    uint8_t *batch;
    size_t batch_fill;
    uint64_t file_end; /* bytes written and kept */
    uint8_t *payload;  /* scratch for one block's payload */
    atomic_bool stop;
    _Atomic int flush_requests, flush_done;
    _Atomic int64_t samples_written, samples_lost, bytes_written, write_errors, flushes;
    atomic_bool failed;
    rp_log_sink log;
    char error[RP_ERROR_MAX];
};

/* ---- writing ----------------------------------------------------------------------------- */

static void fail_disk(rp_recorder *r, const char *what, int err)
{
    atomic_fetch_add(&r->write_errors, 1);
    if (!atomic_exchange(&r->failed, true))
        rp_log_fail(&r->log, RP_ERR_IO, RP_LOGITEM_RECORD_IO,
                    "recorder '%s': %s failed (%s); the recording stops here, later samples are "
                    "counted as lost",
                    r->path, what, strerror(err));
}

/* Writes the batch at file_end. On failure the file is cut back to what was kept. */
static void write_batch(rp_recorder *r)
{
    if (r->batch_fill == 0) return;
    if (atomic_load(&r->failed)) {
        r->batch_fill = 0;
        return;
    }
    size_t done = 0;
    while (done < r->batch_fill) {
        ssize_t n =
            pwrite(r->fd, r->batch + done, r->batch_fill - done, (off_t)(r->file_end + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = n < 0 ? errno : ENOSPC;
            /* Keep the whole blocks that made it; cut the torn one off (best effort: a reader
             * stops at a torn block anyway). */
            size_t kept = 0;
            rpr_block_header h;
            while (kept + RPR_BLOCK_HEADER_BYTES <= done &&
                   rpr_read_block_header(r->batch + kept, &h) &&
                   kept + RPR_BLOCK_HEADER_BYTES + h.payload_bytes <= done)
                kept += RPR_BLOCK_HEADER_BYTES + h.payload_bytes;
            r->file_end += kept;
            atomic_store(&r->bytes_written, (int64_t)r->file_end);
            if (ftruncate(r->fd, (off_t)r->file_end) != 0) { /* nothing more to do about it */
            }
            fail_disk(r, "write", err);
            r->batch_fill = 0;
            return;
        }
        done += (size_t)n;
    }
    r->file_end += r->batch_fill;
    atomic_store(&r->bytes_written, (int64_t)r->file_end);
    r->batch_fill = 0;
}

/* Appends one block to the batch; returns its file offset (where it will be). */
static uint64_t emit_block(rp_recorder *r, rpr_block_header *h, const uint8_t *payload)
{
    size_t need = RPR_BLOCK_HEADER_BYTES + h->payload_bytes;
    if (r->batch_fill + need > BATCH_BYTES) write_batch(r);
    uint64_t at = r->file_end + r->batch_fill;
    h->payload_crc = rpr_crc32(payload, h->payload_bytes);
    rpr_write_block_header(r->batch + r->batch_fill, h);
    memcpy(r->batch + r->batch_fill + RPR_BLOCK_HEADER_BYTES, payload, h->payload_bytes);
    r->batch_fill += need;
    return at;
}

static void emit_one_meta(rp_recorder *r, int id);

/* SERIES blocks go out in series order (a reader numbers series as it meets them), so a series
 * that writes first also announces the ones added before it. */
static void emit_meta(rp_recorder *r, int id)
{
    for (int k = 0; k <= id; k++)
        if (!r->series[k].meta_written) emit_one_meta(r, k);
}

static void emit_one_meta(rp_recorder *r, int id)
{
    rec_series *s = &r->series[id];
    uint8_t meta[RPR_SERIES_BYTES];
    rpr_write_series_meta(meta, &s->meta);
    rpr_block_header h = {
        .type = RPR_SERIES, .series = (uint16_t)id, .payload_bytes = RPR_SERIES_BYTES};
    emit_block(r, &h, meta);
    s->meta_written = true;
}

/* Builds the SAMPLES payload of the staged block; returns its summary. */
static rp_summary build_samples(rp_recorder *r, rec_series *s, uint32_t *bytes)
{
    uint32_t n = s->fill;
    bool ts = s->meta.timestamps;
    uint8_t *p = r->payload;
    uint64_t base = rpr_samples_payload_bytes(n, ts);
    *bytes = (uint32_t)(base + rpr_breaks_bytes(s->break_count));
    memset(p, 0, *bytes);
    rpr_put32(p + base, s->break_count);
    for (uint32_t k = 0; k < s->break_count; k++) rpr_put32(p + base + 4 + 4 * k, s->breaks[k]);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, s->samples, (size_t)n * 4); /* the file's byte order already */
    if (ts) memcpy(p + rpr_times_offset(n), s->times, (size_t)n * 8);
#else
    for (uint32_t i = 0; i < n; i++) rpr_putf(p + 4 * i, s->samples[i]);
    if (ts)
        for (uint32_t i = 0; i < n; i++) rpr_putd(p + rpr_times_offset(n) + 8 * i, s->times[i]);
#endif
    uint8_t *leaf = p + rpr_leaf_offset(n, ts), *mid = p + rpr_mid_offset(n, ts);
    rp_summary all = rp_summary_empty(), m = rp_summary_empty();
    for (uint32_t l = 0; l < n / RPR_LEAF; l++) {
        rp_summary sum = rp_summary_empty();
        rp_summarize(s->samples + l * RPR_LEAF, RPR_LEAF, &sum);
        rpr_put_summary(leaf + l * RPR_SUMMARY_BYTES, sum);
        rp_summary_merge(&m, sum);
        rp_summary_merge(&all, sum);
        if ((l + 1) % (RPR_MID / RPR_LEAF) == 0) {
            rpr_put_summary(mid + (l / (RPR_MID / RPR_LEAF)) * RPR_SUMMARY_BYTES, m);
            m = rp_summary_empty();
        }
    }
    uint32_t tail = n / RPR_LEAF * RPR_LEAF;
    rp_summarize(s->samples + tail, n - tail, &all);
    return all;
}

static void finish_dir(rp_recorder *r, int id)
{
    rec_series *s = &r->series[id];
    uint8_t *p = r->payload;
    size_t entries = (size_t)RPR_DIR_BLOCKS * RPR_ENTRY_BYTES;
    memcpy(p, s->entries, entries);
    rp_summary all = rp_summary_empty();
    for (int g = 0; g < RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS; g++) {
        rp_summary sum = rp_summary_empty();
        for (int b = 0; b < RPR_GROUP_BLOCKS; b++)
            rp_summary_merge(
                &sum, rpr_get_summary(s->entries +
                                      (size_t)(g * RPR_GROUP_BLOCKS + b) * RPR_ENTRY_BYTES + 8));
        rpr_put_summary(p + entries + (size_t)g * RPR_SUMMARY_BYTES, sum);
        rp_summary_merge(&all, sum);
    }
    rpr_block_header h = {
        .type = RPR_DIR,
        .series = (uint16_t)id,
        .number = (uint64_t)s->dir_count,
        .count = RPR_DIR_BLOCKS,
        .payload_bytes =
            (uint32_t)(entries + (RPR_DIR_BLOCKS / RPR_GROUP_BLOCKS) * RPR_SUMMARY_BYTES)};
    uint64_t at = emit_block(r, &h, p);
    if (s->dir_count == s->dir_cap) {
        int64_t cap = s->dir_cap ? 2 * s->dir_cap : 16;
        dir_ref *d = realloc(s->dirs, (size_t)cap * sizeof *d);
        if (!d) { /* the index cannot name this DIR: a reader recovers by a scan */
            fail_disk(r, "index memory", ENOMEM);
            return;
        }
        s->dirs = d;
        s->dir_cap = cap;
    }
    s->dirs[s->dir_count++] = (dir_ref){at, all};
    s->dir_fill = 0;
}

/* Writes the staged block whole, once: complete, or the unfinished one at a clean close. It
 * supersedes the block's PART blocks. */
static void emit_samples(rp_recorder *r, int id)
{
    rec_series *s = &r->series[id];
    if (!s->meta_written) emit_meta(r, id);
    uint32_t bytes;
    rp_summary sum = build_samples(r, s, &bytes);
    int64_t block = (s->recorded - s->fill) / RPR_BLOCK_SAMPLES;
    rpr_block_header h = {.type = RPR_SAMPLES,
                          .series = (uint16_t)id,
                          .number = (uint64_t)block,
                          .count = s->fill,
                          .payload_bytes = bytes};
    uint64_t at = emit_block(r, &h, r->payload);
    uint8_t *e = s->entries + (size_t)s->dir_fill * RPR_ENTRY_BYTES;
    if (s->break_count) sum.flags |= RP_M4_GAP; /* a reader looks for breaks only where marked */
    rpr_put64(e, at);
    rpr_put_summary(e + 8, sum);
    rpr_put32(e + 20, s->fill);
    s->fill = 0;
    s->break_count = 0;
    s->parted = s->parted_breaks = 0;
    if (++s->dir_fill == RPR_DIR_BLOCKS) finish_dir(r, id);
}

/* Appends the staged samples no flush has written yet, [parted, fill) with their x and breaks, as
 * a PART block of the unfinished block: a flush then costs what arrived since the last one. */
static void emit_part(rp_recorder *r, int id)
{
    rec_series *s = &r->series[id];
    if (!s->meta_written) emit_meta(r, id);
    uint32_t first = s->parted, n = s->fill - first, nb = s->break_count - s->parted_breaks;
    bool ts = s->meta.timestamps;
    uint8_t *p = r->payload;
    uint32_t bytes = (uint32_t)rpr_part_payload_bytes(n, nb, ts);
    memset(p, 0, bytes);
    rpr_put32(p, first);
    rpr_put32(p + 4, nb);
    uint8_t *x = p + rpr_part_x_offset(n), *b = p + rpr_part_breaks_offset(n, ts);
    for (uint32_t i = 0; i < n; i++)
        rpr_putf(p + RPR_PART_HEAD_BYTES + 4 * i, s->samples[first + i]);
    if (ts)
        for (uint32_t i = 0; i < n; i++) rpr_putd(x + 8 * i, s->times[first + i]);
    for (uint32_t k = 0; k < nb; k++) rpr_put32(b + 4 * k, s->breaks[s->parted_breaks + k]);
    rpr_block_header h = {.type = RPR_PART,
                          .series = (uint16_t)id,
                          .number = (uint64_t)((s->recorded - s->fill) / RPR_BLOCK_SAMPLES),
                          .count = n,
                          .payload_bytes = bytes};
    emit_block(r, &h, p);
    s->parted = s->fill;
    s->parted_breaks = s->break_count;
}

/* ---- copying from the series ------------------------------------------------------------- */

static void count_lost(rp_recorder *r, rec_series *s, int64_t n)
{
    if (n <= 0) return;
    atomic_fetch_add(&r->samples_lost, n);
    if (!s->lost_reported) {
        s->lost_reported = true;
        rp_log_msg(&r->log, RP_LOG_WARNING, RP_LOGITEM_RECORD_LOST,
                   "recorder '%s': series '%s' outran the recorder: %lld samples lost (give it a "
                   "larger capacity); counted in samples_lost",
                   r->path, s->meta.name, (long long)n);
    }
}

/* Samples the series overwrote before the recorder copied them. A uniform series keeps its
 * numbering (x stays exact): the gap becomes NaN in the unfinished block and whole blocks that
 * are never written (DIR entry offset 0, read as NaN). A series that keeps x has no numbering to
 * keep: its next sample gets a segment break, so that a reader draws the hole as a gap, not as a
 * line across it. */
static void skip_gap(rp_recorder *r, int id, int64_t gap)
{
    rec_series *s = &r->series[id];
    count_lost(r, s, gap);
    if (atomic_load(&r->failed)) return;
    if (s->meta.timestamps) { /* no numbering to keep: the next sample starts a segment */
        s->gap_next = s->recorded > 0;
        return;
    }
    while (gap > 0) {
        if (s->fill == 0 && gap >= RPR_BLOCK_SAMPLES) {
            uint8_t *e = s->entries + (size_t)s->dir_fill * RPR_ENTRY_BYTES;
            rpr_put64(e, 0);
            rpr_put_summary(e + 8, (rp_summary){INFINITY, -INFINITY, RP_M4_NAN});
            rpr_put32(e + 20, RPR_BLOCK_SAMPLES);
            s->recorded += RPR_BLOCK_SAMPLES;
            gap -= RPR_BLOCK_SAMPLES;
            if (++s->dir_fill == RPR_DIR_BLOCKS) finish_dir(r, id);
            continue;
        }
        int64_t n = RPR_BLOCK_SAMPLES - s->fill;
        if (n > gap) n = gap;
        for (int64_t i = 0; i < n; i++) s->samples[s->fill + i] = NAN;
        s->fill += (uint32_t)n;
        s->recorded += n;
        gap -= n;
        if (s->fill == RPR_BLOCK_SAMPLES) emit_samples(r, id);
    }
}

/* One optimistic copy of up to `room` samples from `next` on (the core's read protocol: the
 * attempt only reads; rp_series_read validates it and retries when the producer overran it). */
typedef struct copy_read {
    rec_series *s;
    int64_t next, room;
    int64_t start,
        n; /* out: copied [start, start + n); start > next: the samples between were lost */
    double x_start;  /* out: x of sample start (when start < head), else NAN */
    uint32_t breaks; /* out: segment breaks found, staged after s->break_count */
} copy_read;

/* Stages the offsets of the copied samples [q->start, +q->n) that start a segment after a gap
 * (a uniform series' silence: rp_push_segment late), so a reader draws the gap. */
static void copy_breaks(const rp_series *src, const rp_snapshot *snap, copy_read *q)
{
    rec_series *s = q->s;
    q->breaks = 0;
    if (src->toff || q->n == 0 || snap->seg_hi - snap->seg_lo < 2) return;
    for (int64_t j = rp_seg_find(src, snap, q->start); j < snap->seg_hi; j++) {
        int64_t f = rp_seg_first(src, j);
        if (f >= q->start + q->n) break;
        if (f >= q->start && rp_gap_before(src, snap, j, f))
            s->breaks[s->break_count + q->breaks++] = s->fill + (uint32_t)(f - q->start);
    }
}

static rp_status copy_attempt(const rp_series *src, const rp_snapshot *snap, void *ctx,
                              int64_t *lowest)
{
    copy_read *q = ctx;
    rec_series *s = q->s;
    q->start = q->next < snap->lo ? snap->lo : q->next;
    q->x_start = q->start < snap->head ? rp_x_snap(src, snap, q->start) : NAN;
    q->n = snap->head - q->start;
    if (q->n > q->room) q->n = q->room;
    if (q->n < 0) q->n = 0;
    for (int64_t i = 0; i < q->n; i++) {
        s->samples[s->fill + i] = rp_sample_at(src, q->start + i);
        if (s->times) s->times[s->fill + i] = rp_x_snap(src, snap, q->start + i);
    }
    copy_breaks(src, snap, q);
    *lowest = q->n ? q->start : snap->head;
    return RP_OK;
}

/* Stages a segment break at the first sample about to be copied (at s->fill), before the
 * `staged` breaks copy_breaks put at s->breaks[s->break_count...] (ascending, so it goes first;
 * not twice when it found one there itself). */
static void mark_gap_first(rec_series *s, uint32_t staged)
{
    s->gap_next = false;
    uint32_t *b = s->breaks + s->break_count;
    if (staged > 0 && b[0] == s->fill) return;
    memmove(b + 1, b, staged * sizeof *b);
    b[0] = s->fill;
    s->break_count++;
}

/* Copies what the series holds beyond s->next into staging, block by block: at most
 * ROUND_BLOCKS blocks a round so that every series gets its turn while the disk is slow, or
 * everything when draining (the last round). Moves the series' hold to what is still to copy.
 * Returns the samples copied. */
#define ROUND_BLOCKS 64
static int64_t copy_round(rp_recorder *r, int id, bool drain);
static int64_t copy_new(rp_recorder *r, int id, bool drain)
{
    rec_series *s = &r->series[id];
    int64_t n = copy_round(r, id, drain);
    if (s->held) rp_series_hold(s->src, s->next); /* its producer may push over the rest */
    return n;
}

static int64_t copy_round(rp_recorder *r, int id, bool drain)
{
    rec_series *s = &r->series[id];
    int64_t budget = drain ? INT64_MAX : (int64_t)ROUND_BLOCKS * RPR_BLOCK_SAMPLES;
    int64_t copied = 0;
    while (budget > 0) {
        copy_read q = {s, s->next, RPR_BLOCK_SAMPLES - s->fill, 0, 0, NAN, 0};
        if (rp_series_read(s->src, copy_attempt, &q) != RP_OK)
            return copied;       /* overran 12 times: next round */
        if (q.start > s->next) { /* overwritten before we came: lost (the staging copy is redone) */
            skip_gap(r, id, q.start - s->next);
            s->next = q.start;
            continue;
        }
        if (q.n == 0) return copied;
        budget -= q.n;
        copied += q.n;
        if (atomic_load(&r->failed)) {
            count_lost(r, s, q.n);
        } else {
            if (s->gap_next) /* the break goes first: copy_breaks staged its own after it */
                mark_gap_first(s, q.breaks);
            s->fill += (uint32_t)q.n;
            s->break_count += q.breaks;
            s->recorded += q.n;
            atomic_fetch_add(&r->samples_written, q.n);
            if (s->fill == RPR_BLOCK_SAMPLES) emit_samples(r, id);
        }
        s->next += q.n;
    }
    return copied;
}

static void flush_all(rp_recorder *r)
{
    for (int i = 0; i < r->series_count; i++) {
        rec_series *s = &r->series[i];
        if (!s->meta_written) emit_meta(r, i);
        if (s->fill > s->parted) emit_part(r, i);
    }
    write_batch(r);
    if (!atomic_load(&r->failed) && fdatasync(r->fd) != 0 && errno != EINVAL)
        fail_disk(r, "fdatasync", errno);
    atomic_fetch_add(&r->flushes, 1);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *recorder_thread(void *arg)
{
    rp_recorder *r = arg;
    int64_t last_flush = now_ms();
    for (;;) {
        bool stopping = atomic_load(&r->stop);
        /* read before copying: a flush answered this round then writes the samples pushed
         * before it was asked for (up to a round's ROUND_BLOCKS); read after the copy, a request
         * made in between was answered without the samples pushed just before it */
        int requests = atomic_load(&r->flush_requests);
        pthread_mutex_lock(&r->lock);
        int count = r->series_count;
        pthread_mutex_unlock(&r->lock);
        /* a producer waiting on a held series (a file read at once) waits for this loop: while a
         * round finds a block's worth or more, the next starts at once */
        int64_t most = 0;
        for (int i = 0; i < count; i++) {
            int64_t n = copy_new(r, i, stopping);
            if (n > most) most = n;
        }
        if (stopping) break;
        if (requests != atomic_load(&r->flush_done) || now_ms() - last_flush >= r->flush_ms) {
            flush_all(r);
            last_flush = now_ms();
            pthread_mutex_lock(&r->lock);
            atomic_store(&r->flush_done, requests);
            pthread_cond_broadcast(&r->flushed);
            pthread_mutex_unlock(&r->lock);
        }
        if (most >= RPR_BLOCK_SAMPLES) continue;
        /* the poll pause; a flush asked for meanwhile ends it (rp_recorder_flush waits on it) */
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += RP_RECORD_POLL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_mutex_lock(&r->lock);
        while (atomic_load(&r->flush_requests) == requests && !atomic_load(&r->stop) &&
               pthread_cond_timedwait(&r->wake, &r->lock, &until) == 0) {
        }
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

/* ---- closing: the unfinished blocks, the index, the trailer ------------------------------ */

static void write_index(rp_recorder *r)
{
    for (int i = 0; i < r->series_count; i++) {
        rec_series *s = &r->series[i];
        if (!s->meta_written) emit_meta(r, i);
        if (s->fill > 0) emit_samples(r, i); /* the last block whole: the index needs no part */
    }
    size_t bytes = 0;
    for (int i = 0; i < r->series_count; i++)
        bytes += RPR_SERIES_BYTES + 16 +
                 (size_t)(r->series[i].dir_count + r->series[i].dir_fill) * RPR_ENTRY_BYTES;
    bytes = (bytes + 7) / 8 * 8;
    uint8_t *p = calloc(1, bytes ? bytes : 8);
    if (!p) {
        fail_disk(r, "index memory", ENOMEM);
        return;
    }
    uint8_t *q = p;
    for (int i = 0; i < r->series_count; i++) {
        rec_series *s = &r->series[i];
        rpr_write_series_meta(q, &s->meta);
        q += RPR_SERIES_BYTES;
        rpr_put64(q, (uint64_t)s->recorded);
        rpr_put32(q + 8, (uint32_t)s->dir_count);
        rpr_put32(q + 12, (uint32_t)s->dir_fill);
        q += 16;
        for (int64_t d = 0; d < s->dir_count; d++, q += RPR_ENTRY_BYTES) {
            rpr_put64(q, s->dirs[d].offset);
            rpr_put_summary(q + 8, s->dirs[d].sum);
        }
        memcpy(q, s->entries, (size_t)s->dir_fill * RPR_ENTRY_BYTES);
        q += (size_t)s->dir_fill * RPR_ENTRY_BYTES;
    }
    /* The index block goes through the file directly: it may be larger than the batch. */
    write_batch(r);
    rpr_block_header h = {.type = RPR_INDEX,
                          .count = (uint32_t)r->series_count,
                          .payload_bytes = (uint32_t)bytes,
                          .payload_crc = rpr_crc32(p, bytes)};
    uint8_t head[RPR_BLOCK_HEADER_BYTES], trailer[RPR_TRAILER_BYTES];
    rpr_write_block_header(head, &h);
    uint64_t at = r->file_end;
    rpr_put64(trailer, at);
    rpr_put64(trailer + 8, at + RPR_BLOCK_HEADER_BYTES + bytes);
    rpr_put32(trailer + 16, RPR_TRAILER_MAGIC);
    rpr_put32(trailer + 20, rpr_crc32(trailer, 20));
    const uint8_t *parts[3] = {head, p, trailer};
    size_t sizes[3] = {RPR_BLOCK_HEADER_BYTES, bytes, RPR_TRAILER_BYTES};
    for (int k = 0; k < 3 && !atomic_load(&r->failed); k++)
        for (size_t off = 0; off < sizes[k];) {
            size_t n = sizes[k] - off > BATCH_BYTES ? BATCH_BYTES : sizes[k] - off;
            memcpy(r->batch, parts[k] + off, n);
            r->batch_fill = n;
            write_batch(r);
            off += n;
        }
    free(p);
    if (!atomic_load(&r->failed) && fdatasync(r->fd) != 0 && errno != EINVAL)
        fail_disk(r, "fdatasync", errno);
}

/* ---- public ------------------------------------------------------------------------------ */

static void free_recorder(rp_recorder *r)
{
    for (int i = 0; i < r->series_count; i++)
        if (r->series[i].history.rec) rp_series_set_history(r->series[i].src, NULL, NULL);
    rdr_follow_close(r->follow);
    for (int i = 0; i < RP_RECORD_MAX_SERIES; i++) {
        free(r->series[i].samples);
        free(r->series[i].times);
        free(r->series[i].entries);
        free(r->series[i].breaks);
        free(r->series[i].dirs);
    }
    free(r->batch);
    free(r->payload);
    if (r->fd >= 0) close(r->fd);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->flushed);
    pthread_cond_destroy(&r->wake);
    free(r);
}

rp_status rp_recorder_create(const rp_recorder_desc *desc, rp_recorder **out)
{
    rp_recorder_desc d = desc ? *desc : (rp_recorder_desc){0};
    if (!out || !d.path || !d.path[0] || strlen(d.path) >= sizeof((rp_recorder *)0)->path)
        return rp_log_create_fail(
            &d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
            "rp_recorder_create: out and a path (shorter than 4096 bytes) are required");
    *out = NULL;
    if (d.flush_ms < 0)
        return rp_log_create_fail(&d.log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                                  "rp_recorder_create: flush_ms %d is negative", d.flush_ms);
    if (d.flush_ms == 0 || d.flush_ms > RP_RECORD_FLUSH_MS) d.flush_ms = RP_RECORD_FLUSH_MS;
    rp_recorder *r = calloc(1, sizeof *r);
    if (!r)
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_recorder_create: out of memory");
    r->fd = -1;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->flushed, NULL);
    pthread_condattr_t monotonic;
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC); /* the pause's clock */
    pthread_cond_init(&r->wake, &monotonic);
    pthread_condattr_destroy(&monotonic);
    memcpy(r->path, d.path, strlen(d.path) + 1);
    r->flush_ms = d.flush_ms;
    r->keep_x = d.keep_x;
    r->scroll_back = d.scroll_back;
    r->batch = malloc(BATCH_BYTES);
    r->payload = malloc(RPR_DIR_BLOCKS * RPR_ENTRY_BYTES + RPR_MAX_PAYLOAD);
    if (!r->batch || !r->payload) {
        free_recorder(r);
        return rp_log_create_fail(&d.log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                                  "rp_recorder_create: out of memory");
    }
    r->fd = open(d.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (r->fd < 0) {
        int err = errno;
        free_recorder(r);
        return rp_log_create_fail(&d.log, RP_ERR_IO, RP_LOGITEM_RECORD_IO,
                                  "rp_recorder_create: cannot create '%s': %s", d.path,
                                  strerror(err));
    }
    rp_log_sink_init(&r->log, &d.log, r->error, sizeof r->error);
    rpr_write_file_header(r->batch, d.flush_ms);
    r->batch_fill = RPR_HEADER_BYTES;
    write_batch(r);
    if (atomic_load(&r->failed)) {
        free_recorder(r);
        return rp_log_create_fail(&d.log, RP_ERR_IO, RP_LOGITEM_RECORD_IO,
                                  "rp_recorder_create: cannot write '%s'", d.path);
    }
    if (pthread_create(&r->thread, NULL, recorder_thread, r) != 0) {
        free_recorder(r);
        return rp_log_create_fail(&d.log, RP_ERR_PLATFORM, RP_LOGITEM_RECORD_IO,
                                  "rp_recorder_create: cannot start the recorder thread");
    }
    r->thread_started = true;
    if (!rp_handle_register(r, RP_HANDLE_RECORDER)) {
        atomic_store(&r->stop, true);
        pthread_join(r->thread, NULL);
        free_recorder(r);
        return rp_log_create_fail(&d.log, RP_ERR_LIMIT, RP_LOGITEM_TOO_MANY_OBJECTS,
                                  "rp_recorder_create: too many live objects");
    }
    *out = r;
    return RP_OK;
}

rp_status rp_recorder_add_series(rp_recorder *r, rp_series *series, const char *unit)
{
    if (!rp_handle_live(r, RP_HANDLE_RECORDER)) return RP_ERR_INVALID_ARG;
    if (!rp_series_valid(series))
        return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_STALE_HANDLE,
                           "rp_recorder_add_series: the series is not live");
    if (atomic_load(&r->finished))
        return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "rp_recorder_add_series: the recording is finished");
    if (series->backing)
        return rp_log_fail(&r->log, RP_ERR_UNSUPPORTED, RP_LOGITEM_WRONG_SERIES_KIND,
                           "rp_recorder_add_series: series '%s' is read-only (a recording)",
                           series->name);
    if (unit && strlen(unit) >= RP_RECORD_UNIT_MAX)
        return rp_log_fail(&r->log, RP_ERR_LIMIT, RP_LOGITEM_LIMIT_EXCEEDED,
                           "rp_recorder_add_series: unit of %zu bytes is longer than %d",
                           strlen(unit), RP_RECORD_UNIT_MAX - 1);
    pthread_mutex_lock(&r->lock);
    for (int i = 0; i < r->series_count; i++)
        if (r->series[i].src == series) {
            pthread_mutex_unlock(&r->lock);
            return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_ALREADY_PRESENT,
                               "rp_recorder_add_series: series '%s' is recorded already",
                               series->name);
        }
    if (r->series_count == RP_RECORD_MAX_SERIES) {
        pthread_mutex_unlock(&r->lock);
        return rp_log_fail(&r->log, RP_ERR_LIMIT, RP_LOGITEM_LIMIT_EXCEEDED,
                           "rp_recorder_add_series: %d series at most", RP_RECORD_MAX_SERIES);
    }
    rec_series *s = &r->series[r->series_count];
    memset(s, 0, sizeof *s);
    s->src = series;
    s->samples = malloc(RPR_BLOCK_SAMPLES * sizeof(float));
    bool keep_x = series->toff || r->keep_x;
    s->times = keep_x ? malloc(RPR_BLOCK_SAMPLES * sizeof(double)) : NULL;
    s->entries = calloc(RPR_DIR_BLOCKS, RPR_ENTRY_BYTES);
    s->breaks = malloc(RPR_BLOCK_SAMPLES * sizeof(uint32_t));
    if (!s->samples || !s->entries || !s->breaks || (keep_x && !s->times)) {
        free(s->samples), free(s->times), free(s->entries), free(s->breaks);
        memset(s, 0, sizeof *s);
        pthread_mutex_unlock(&r->lock);
        return rp_log_fail(&r->log, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                           "rp_recorder_add_series: out of memory");
    }
    copy_read first = {s, 0, 0, 0, 0, NAN, 0}; /* room 0: only the oldest readable index */
    if (rp_series_read(series, copy_attempt, &first) != RP_OK) first.start = 0;
    /* A series held for us (rp_ingest_desc.hold_for_reader) is recorded from its hold (its
     * first sample), not from what the ring holds now: whatever was overwritten since (a
     * producer that could not wait) is counted as lost, never silently left out. */
    int64_t held = rp_series_held(series);
    s->held = held >= 0;
    s->next = s->held && held < first.start ? held : first.start;
    s->meta.timestamps = keep_x;
    s->meta.rate = series->desc.rate;
    /* recorded sample 0 is series index s->next: x = t0 + k / rate from there on (a
     * piecewise-uniform series keeps the time base of the segment it is in now) */
    s->meta.t0 =
        (isfinite(first.x_start) ? first.x_start
                                 : series->desc.t0 + (double)first.start / series->desc.rate) -
        (double)(first.start - s->next) / series->desc.rate;
    memcpy(s->meta.name, series->name, strnlen(series->name, RPR_NAME_BYTES - 1));
    if (!unit) unit = series->unit; /* the series' own unit by default */
    memcpy(s->meta.unit, unit, strnlen(unit, RPR_UNIT_BYTES - 1));
    if (r->scroll_back && !r->follow && rdr_follow_open(r->path, &r->follow) != RP_OK)
        rp_log_msg(&r->log, RP_LOG_WARNING, RP_LOGITEM_RECORD_IO,
                   "recorder '%s': cannot follow the file: views will not scroll back past the "
                   "ring",
                   r->path);
    if (r->follow) {
        s->history = (rdr_history){r->follow, r->series_count, s->next};
        rp_series_set_history(series, &rdr_history_ops, &s->history);
    }
    r->series_count++;
    pthread_mutex_unlock(&r->lock);
    return RP_OK;
}

rp_status rp_recorder_flush(rp_recorder *r)
{
    if (!rp_handle_live(r, RP_HANDLE_RECORDER)) return RP_ERR_INVALID_ARG;
    if (atomic_load(&r->finished)) /* no thread to ask: everything is written already */
        return atomic_load(&r->failed) ? RP_ERR_IO : RP_OK;
    pthread_mutex_lock(&r->lock);
    int want = atomic_fetch_add(&r->flush_requests, 1) + 1;
    pthread_cond_signal(&r->wake);
    while (atomic_load(&r->flush_done) - want < 0) pthread_cond_wait(&r->flushed, &r->lock);
    pthread_mutex_unlock(&r->lock);
    return atomic_load(&r->failed) ? RP_ERR_IO : RP_OK;
}

rp_recorder_stats rp_recorder_stats_get(const rp_recorder *r)
{
    rp_recorder_stats st = {0};
    if (!rp_handle_live(r, RP_HANDLE_RECORDER)) return st;
    rp_recorder *m = (rp_recorder *)r;
    st.samples_written = atomic_load(&m->samples_written);
    st.samples_lost = atomic_load(&m->samples_lost);
    st.bytes_written = atomic_load(&m->bytes_written);
    st.write_errors = atomic_load(&m->write_errors);
    st.flushes = atomic_load(&m->flushes);
    st.failed = atomic_load(&m->failed);
    return st;
}

const char *rp_recorder_last_error(const rp_recorder *r)
{
    if (!rp_handle_live(r, RP_HANDLE_RECORDER)) return "not a live recorder";
    return r->error;
}

/* Stops the thread after a last round that copies everything pushed so far, writes the index,
 * closes the file and lets go of the holds. Once. */
static void finish(rp_recorder *r)
{
    if (atomic_exchange(&r->finished, true)) return;
    pthread_mutex_lock(&r->lock); /* the thread checks stop under it before it pauses */
    atomic_store(&r->stop, true);
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL); /* its last round copied everything pushed before the stop */
    write_index(r);
    for (int i = 0; i < r->series_count; i++)
        if (r->series[i].held) rp_series_hold(r->series[i].src, RP_NO_HOLD);
    if (close(r->fd) != 0 && !atomic_load(&r->failed)) fail_disk(r, "close", errno);
    r->fd = -1;
}

rp_status rp_recorder_finish(rp_recorder *r)
{
    if (!rp_handle_live(r, RP_HANDLE_RECORDER)) return RP_ERR_INVALID_ARG;
    finish(r);
    return atomic_load(&r->failed) ? RP_ERR_IO : RP_OK;
}

void rp_recorder_destroy(rp_recorder *r)
{
    if (!rp_handle_unregister(r, RP_HANDLE_RECORDER)) return;
    finish(r);
    free_recorder(r);
}
