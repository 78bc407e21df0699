/* series_internal.h — the series store's layout, shared by series.c and decimate.c.
 *
 * Samples live in a ring of `capacity` float slots; sample index i sits in slot
 * (i + slot_offset) % capacity, at data + slot * stride (an owned ring: slot_offset 0, stride 4;
 * a borrowed caller buffer: the caller's offset and stride). The min-max pyramid summarises
 * complete blocks: level 0 blocks hold RP_LEAF samples, each higher level RP_FANOUT blocks of
 * the level below. A level keeps capacity / block + 2 slots (block id b in slot b % slots), so a
 * block stays intact as long as all its samples are retained. Levels from sum_level up also keep
 * each block's moments (finite count, mean, M2) for exact statistics.
 *
 * Segments: runs of samples that share one time base, kept in a bounded ring (segment ordinal j
 * in entry j % max_segments). Uniform series: x = t0 + (i - base) / rate inside a segment
 * (rp_push_segment starts one). Timestamped series: x = (base + toff[i]) / ticks_per_unit, a
 * 32-bit tick offset per sample from its segment's 64-bit base; a new segment starts when an
 * offset would not fit in 32 bits. When the ring of segments is full, the oldest is dropped and
 * its samples expire early (counted): the `floor` is the first index of the oldest live segment.
 *
 * Concurrency (one producer, any number of readers, no locks): the producer first publishes
 * write_mark = the end of the chunk it is about to write, then writes samples and summaries,
 * then publishes head (release). A reader loads head (acquire), reads optimistically, then
 * re-reads write_mark after an acquire fence: everything it read at index >= write_mark -
 * capacity was intact for the whole read. Otherwise the read is retried on a narrower range.
 * Segments follow the same protocol with seg_mark / seg_count, and a segment is published
 * before any sample that uses it.
 */
#ifndef RP_CORE_SERIES_INTERNAL_H
#define RP_CORE_SERIES_INTERNAL_H

#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>

#include "core/handles.h"
#include "core/log.h"
#include "core/minmax.h"
#include "core/pyramid_source.h"
#include "ringplot.h"

#define RP_LEAF RP_LEAF_SAMPLES /* samples per level-0 block: 9 bytes / 32 samples */
#define RP_FANOUT 8             /* blocks per block of the next level */
#define RP_MAX_LEVELS 24
#define RP_SUM_LEVEL 2             /* first level with moments: blocks of 2048 samples */
#define RP_PUSH_CHUNK 16384        /* samples published per step of a long push */
#define RP_GAP_PERIODS 1.5         /* a segment starting this many periods late breaks the line */
#define RP_TOFF_LIMIT 4294967296.0 /* tick offsets are uint32 */

typedef struct rp_moments {
    int64_t n;       /* finite samples */
    double mean, m2; /* their mean and sum of squared deviations (Chan et al. merge) */
} rp_moments;

/* Folds b into a (Chan, Golub and LeVeque's pairwise update: stable for any offset). */
static inline void rp_moments_merge(rp_moments *a, rp_moments b)
{
    if (b.n == 0) return;
    if (a->n == 0) {
        *a = b;
        return;
    }
    double na = (double)a->n, nb = (double)b.n, n = na + nb;
    double delta = b.mean - a->mean;
    a->mean += delta * (nb / n);
    a->m2 += b.m2 + delta * delta * (na * nb / n);
    a->n += b.n;
}

typedef struct rp_level {
    int64_t block; /* samples per block */
    int64_t slots; /* ring slots */
    float *min, *max;
    uint8_t *flags;
    int64_t *count; /* moments (levels >= sum_level only, else NULL) */
    double *mean, *m2;
} rp_level;

/* A read-only series whose samples live elsewhere (a recording file: engine/record). The public
 * read calls (rp_decimate, rp_series_y_range, rp_series_sample_near, rp_series_x_extent,
 * rp_series_stats_get) hand over to these with the same arguments, already checked; pushes are
 * refused. ctx belongs to whoever made the series and must outlive it. */
typedef struct rp_series_backing {
    rp_status (*decimate)(void *ctx, double x0, double x1, int width, rp_decimation *result);
    rp_status (*y_range)(void *ctx, double x0, double x1, float *y_min, float *y_max, bool *found);
    rp_status (*sample_near)(void *ctx, double x, int64_t *index, double *sample_x, float *value);
    rp_status (*x_extent)(void *ctx, double *x_first, double *x_last);
    int64_t (*count)(void *ctx); /* samples held */
    /* rp_series_range_stats; NULL: RP_ERR_UNSUPPORTED. */
    rp_status (*range_stats)(void *ctx, double x0, double x1, rp_range_stats *out);
    /* The same samples described as a history (series index i is sample i, offset 0), called with
     * this backing's ctx: raw-sample reads (rp_series_copy_ending_at) take them from here. NULL:
     * none (those reads see an empty series). */
    const struct rp_series_history_ops *samples;
} rp_series_backing;

/* The older samples of a live series, kept elsewhere (a recording the recorder is still writing:
 * engine/record). The reads (rp_decimate, rp_series_y_range, rp_series_sample_near,
 * rp_series_range_stats, rp_series_copy_ending_at) serve the part of a view older than the ring's
 * oldest sample from it, on the thread that attached it only (its reads keep caches). ctx belongs
 * to whoever attached the history and must outlive the attachment. */
typedef struct rp_series_history_ops {
    /* Catches up with what was written since the last call (bounded work) and describes it:
     * series index i is sample i - *offset of *src, which holds *count samples. False: none. */
    bool (*view)(void *ctx, rp_pyramid_source *src, int64_t *offset, int64_t *count);
    /* First history sample whose x is >= x (or > x when strict); *count when none. */
    int64_t (*index_search)(void *ctx, double x, bool strict);
    /* Does history sample i start a segment after a gap (silence)? */
    bool (*gap_before)(void *ctx, int64_t i);
    /* Moments of history samples [a, b) (0 <= a < b <= the view's count) into *m; whole blocks
     * whose sums are not kept yet are summed while *budget (samples, decremented) allows: returns
     * the samples left unsummed (then *m is incomplete), 0 when *m is exact. NULL: the history
     * keeps no moments, and rp_series_range_stats describes the ring's samples only. */
    int64_t (*moments)(void *ctx, int64_t a, int64_t b, int64_t *budget, rp_moments *m);
} rp_series_history_ops;

typedef struct rp_segtab {
    int64_t max;       /* entries */
    int64_t *first;    /* index of the segment's first sample */
    int64_t *base;     /* uniform: index origin; timestamped: base ticks */
    double *t0, *rate; /* uniform only */
} rp_segtab;

struct rp_series {
    char name[RP_NAME_MAX];
    const rp_series_backing
        *backing; /* NULL: the series owns its samples (every series but these) */
    void *backing_ctx;
    char unit[RP_NAME_MAX];
    rp_series_desc desc; /* resolved; desc.name / desc.unit point at name / unit */
    int64_t capacity;
    char *data;          /* sample slots (owned ring or the caller's buffer) */
    int64_t stride;      /* bytes between slots */
    int64_t slot_offset; /* slot of index 0 is slot_offset % capacity */
    bool borrowed;
    int64_t write_ahead;   /* borrowed: slots the caller may fill beyond head */
    uint32_t *toff;        /* timestamped series: tick offsets from the segment base */
    double ticks_per_unit; /* timestamped series: 1 / time_resolution */
    rp_segtab seg;
    int levels;
    int sum_level; /* first level with moments (levels when none) */
    rp_level level[RP_MAX_LEVELS];
    int64_t bytes;   /* sum of every allocation made for this series */
    rp_leaf_fn leaf; /* summary kernel for this CPU */
    rp_sums_fn sums; /* moments kernel for this CPU */
    rp_log_sink log; /* failures: desc.log's callback and error (any thread, see log.h) */
    char error[RP_ERROR_MAX];
    _Atomic(const rp_series_history_ops *) history; /* NULL: the ring is all there is */
    void *history_ctx;
    pthread_t history_thread; /* the only thread that reads the history */

    /* Producer-private: only the producer thread touches these. */
    alignas(64) rp_summary partial[RP_MAX_LEVELS]; /* block being filled at each level */
    rp_moments partial_m[RP_MAX_LEVELS];           /* its moments (levels > sum_level) */
    int64_t next_slot[RP_MAX_LEVELS];              /* slot of that block */
    int64_t ring_pos;                              /* (head + slot_offset) % capacity */
    int64_t last_ticks;                            /* timestamped: last accepted tick */
    double last_x;                                 /* x of the last accepted sample */
    bool pending;                                  /* rp_push_segment waiting for a sample */
    double pending_t0, pending_rate;

    /* Set for the duration of a push: a second producer pushing at the same time is refused
     * instead of corrupting the producer-private state above. */
    atomic_bool pushing;

    /* Shared with readers. */
    alignas(64) _Atomic int64_t head; /* samples accepted and fully written */
    _Atomic int64_t write_mark;       /* end of the chunk being written */
    _Atomic int64_t seg_count;        /* segments published */
    _Atomic int64_t seg_mark;         /* segments being written (>= seg_count) */
    _Atomic int64_t floor;            /* first index of the oldest live segment */
    alignas(64) _Atomic int64_t rejected;
    _Atomic int64_t expired_early;    /* samples dropped with their segment */
    _Atomic int64_t segments_refused; /* rp_push_segment calls refused */
    _Atomic int64_t read_retries;     /* readers bump it: mutable through const */
    _Atomic int64_t reader_hold;      /* first index a reader still needs (series_hold.h) */
};

/* A live series (registry lookup: never reads the object behind a stale pointer). */
bool rp_series_valid(const rp_series *series);
/* The registration serial of a live series, 0 when not live (a figure keeps it: core/handles.h). */
uint64_t rp_series_serial(const rp_series *series);
void rp_series_count_retry(const rp_series *series); /* bumps read_retries */
/* Creates a read-only series served by ops/ctx (borrowed: both outlive it); desc gives name,
 * rate, t0 and timestamps; bytes is what the backing keeps in memory (reported by stats). Destroy
 * with rp_series_destroy. Thread: any. */
rp_status rp_series_create_backed(const rp_series_desc *desc, const rp_series_backing *ops,
                                  void *ctx, int64_t bytes, rp_series **out);
/* The decimation grid's column for a view of span x units over width columns: its x width (*dx)
 * and, for a uniform series of the rate, samples per column (*spc; timestamped: *spc = *dx). The
 * width is rounded to 20 significant bits, so frames whose spans differ only in the last bits of
 * a double (x1 − x0 at large x) cut exactly the same columns. Every reader of the grid asks this
 * (rp_decimate, a recording's decimation, the renderer's follow snap). */
void rp_grid_column(double span, int width, bool timestamped, double rate, double *dx, double *spc);
/* Attaches (ops non-NULL) or detaches the history of a live series; the calling thread becomes the
 * one that reads it. ops and ctx are borrowed until detached. Thread: the plot's owner. */
void rp_series_set_history(rp_series *series, const rp_series_history_ops *ops, void *ctx);

/* Optimistic reads. The ThreadSanitizer build is told these reads race by design (they are
 * validated afterwards); every other access stays checked. */
#if defined(__SANITIZE_THREAD__)
#define RP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RP_TSAN 1
#endif
#endif
#ifdef RP_TSAN
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
#define RP_OPTIMISTIC_READS_BEGIN() AnnotateIgnoreReadsBegin(__FILE__, __LINE__)
#define RP_OPTIMISTIC_READS_END() AnnotateIgnoreReadsEnd(__FILE__, __LINE__)
#else
#define RP_OPTIMISTIC_READS_BEGIN() ((void)0)
#define RP_OPTIMISTIC_READS_END() ((void)0)
#endif

/* A reader's view: indices [lo, head) may be read, with the live segments [seg_lo, seg_hi)
 * (those holding at least one index below head); valid if it survives rp_snapshot_valid. */
typedef struct rp_snapshot {
    int64_t head, lo;
    int64_t seg_lo, seg_hi;
} rp_snapshot;

static inline float rp_sample_at(const rp_series *s, int64_t i)
{
    int64_t slot = (i + s->slot_offset) % s->capacity;
    return *(const float *)(s->data + slot * s->stride);
}

static inline int64_t rp_seg_first(const rp_series *s, int64_t j)
{
    return s->seg.first[j % s->seg.max];
}

/* Ordinal of the segment holding index i (the last in [seg_lo, seg_hi) starting at or before i). */
static inline int64_t rp_seg_find(const rp_series *s, const rp_snapshot *snap, int64_t i)
{
    int64_t lo = snap->seg_lo, hi = snap->seg_hi;
    if (hi - lo > 1 && rp_seg_first(s, hi - 1) <= i) return hi - 1; /* the newest: live views */
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        if (rp_seg_first(s, mid) <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The same, trying segment hint first (a neighbouring index's segment). */
static inline int64_t rp_seg_find_from(const rp_series *s, const rp_snapshot *snap, int64_t hint,
                                       int64_t i)
{
    if (hint >= snap->seg_lo && hint < snap->seg_hi && rp_seg_first(s, hint) <= i &&
        (hint + 1 >= snap->seg_hi || rp_seg_first(s, hint + 1) > i))
        return hint;
    return rp_seg_find(s, snap, i);
}

/* x of index i inside segment j. */
static inline double rp_x_in_seg(const rp_series *s, int64_t j, int64_t i)
{
    int64_t e = j % s->seg.max;
    if (s->toff)
        return (double)(s->seg.base[e] + (int64_t)s->toff[i % s->capacity]) / s->ticks_per_unit;
    return s->seg.t0[e] + (double)(i - s->seg.base[e]) / s->seg.rate[e];
}

/* x of index i for a reader holding snap. */
static inline double rp_x_snap(const rp_series *s, const rp_snapshot *snap, int64_t i)
{
    return rp_x_in_seg(s, rp_seg_find(s, snap, i), i);
}

/* Snapshot of a quiescent series (no producer running): for tests and single-thread tools. */
rp_snapshot rp_snapshot_quiet(const rp_series *s);

/* x of index i when no producer runs concurrently (tests, single-threaded tools). */
static inline double rp_x_at(const rp_series *s, int64_t i)
{
    rp_snapshot snap = rp_snapshot_quiet(s);
    return rp_x_snap(s, &snap, i);
}

/* Fills *o for `count` samples from x_first to x_last with summary sum (flags, extremes) and
 * moments m; pending > 0: moments still to be summed (finite -1, mean, rms and stddev NaN). Every
 * rp_series_range_stats answer (ring, history, recording) is made here. decimate.c. */
void rp_range_stats_fill(rp_range_stats *o, int64_t count, double x_first, double x_last,
                         rp_summary sum, rp_moments m, int64_t pending);

/* Moments of samples [a, b) straight from the samples (all_finite: none is NaN or ±Inf, which
 * takes the unchecked loop). decimate.c. */
rp_moments rp_moments_raw(const rp_series *s, int64_t a, int64_t b, bool all_finite);

#define RP_READ_ATTEMPTS 12

/* One optimistic attempt at a read on snap: reads only (no atomics: these reads are validated
 * afterwards and exempt from ThreadSanitizer), keeps its result in ctx, sets *lowest_read to the
 * lowest index it read (left at snap->head when it read nothing) and returns its status. */
typedef rp_status (*rp_read_attempt)(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                     int64_t *lowest_read);
/* Runs attempt until nothing it read was overwritten meanwhile (samples or segments), narrowing
 * the range by what the producer wrote during each failed attempt; returns the attempt's status,
 * or RP_ERR_OVERRUN after RP_READ_ATTEMPTS (each retry is counted in read_retries). The one read
 * protocol of every reader query. */
rp_status rp_series_read(const rp_series *s, rp_read_attempt attempt, void *ctx);

/* Gap before index i (a segment start): a uniform segment that starts more than RP_GAP_PERIODS
 * periods after the previous segment's last sample, periods of the slower of the two (a slow
 * stream's first sample sat in a segment of a guessed 1 kHz; one that speeds up goes on from its
 * last slow sample). j is i's segment. */
static inline bool rp_gap_before(const rp_series *s, const rp_snapshot *snap, int64_t j, int64_t i)
{
    if (s->toff || j <= snap->seg_lo || rp_seg_first(s, j) != i || i <= snap->lo) return false;
    int64_t p = (j - 1) % s->seg.max, e = j % s->seg.max;
    double prev_x = s->seg.t0[p] + (double)(i - 1 - s->seg.base[p]) / s->seg.rate[p];
    double rate = s->seg.rate[e] < s->seg.rate[p] ? s->seg.rate[e] : s->seg.rate[p];
    return s->seg.t0[e] - prev_x > RP_GAP_PERIODS / rate;
}

#endif
