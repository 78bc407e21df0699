/* series_internal.h — the series store's layout, shared by series.c and decimate.c.
 *
 * Samples live in a ring of `capacity` floats; sample index i sits in slot i % capacity.
 * The min-max pyramid summarises complete blocks: level 0 blocks hold RP_LEAF samples, each
 * higher level RP_FANOUT blocks of the level below. A level keeps capacity / block + 2 slots
 * (block id b in slot b % slots), so a block stays intact as long as all its samples are retained.
 *
 * Concurrency (one producer, any number of readers, no locks): the producer first publishes
 * write_mark = the end of the chunk it is about to write, then writes samples and summaries,
 * then publishes head (release). A reader loads head (acquire), reads optimistically, then
 * re-reads write_mark after an acquire fence: everything it read at index >= write_mark -
 * capacity was intact for the whole read. Otherwise the read is retried on a narrower range.
 */
#ifndef RP_CORE_SERIES_INTERNAL_H
#define RP_CORE_SERIES_INTERNAL_H

#include <stdalign.h>
#include <stdatomic.h>

#include "core/handles.h"
#include "core/log.h"
#include "core/minmax.h"
#include "ringplot.h"

#define RP_LEAF RP_LEAF_SAMPLES     /* samples per level-0 block: 9 bytes / 32 samples */
#define RP_FANOUT 8                 /* blocks per block of the next level */
#define RP_MAX_LEVELS 24
#define RP_PUSH_CHUNK 16384         /* samples published per step of a long push */

typedef struct rp_level {
    int64_t block;  /* samples per block */
    int64_t slots;  /* ring slots */
    float *min, *max;
    uint8_t *flags;
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
} rp_series_backing;

struct rp_series {
    char name[RP_NAME_MAX];
    const rp_series_backing *backing; /* NULL: the series owns its ring (every series but these) */
    void *backing_ctx;
    rp_series_desc desc;   /* resolved; desc.name points at name */
    int64_t capacity;
    float *ring;
    double *times;         /* irregular series only */
    int levels;
    rp_level level[RP_MAX_LEVELS];
    int64_t bytes;         /* sum of every allocation made for this series */
    rp_leaf_fn leaf;       /* summary kernel for this CPU */
    rp_log_sink log;       /* failures: desc.log's callback and error (any thread, see log.h) */
    char error[RP_ERROR_MAX];

    /* Producer-private: only the producer thread touches these. */
    alignas(64) rp_summary partial[RP_MAX_LEVELS]; /* block being filled at each level */
    int64_t next_slot[RP_MAX_LEVELS];               /* slot of that block */
    int64_t ring_pos;                               /* head % capacity */
    double last_time;

    /* Set for the duration of a push: a second producer pushing at the same time is refused
     * instead of corrupting the producer-private state above. */
    atomic_bool pushing;

    /* Shared with readers. */
    alignas(64) _Atomic int64_t head;       /* samples accepted and fully written */
    _Atomic int64_t write_mark;             /* end of the chunk being written */
    alignas(64) _Atomic int64_t rejected;
    _Atomic int64_t read_retries;           /* readers bump it: mutable through const */
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
double rp_grid_step(double step); /* decimation column width, quantised (decimate.c) */

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

/* A reader's view: indices [lo, head) may be read; valid if it survives rp_snapshot_valid. */
typedef struct rp_snapshot {
    int64_t head, lo;
} rp_snapshot;

static inline rp_snapshot rp_snapshot_take(const rp_series *s, int64_t guard)
{
    rp_snapshot snap;
    snap.head = atomic_load_explicit(&((rp_series *)s)->head, memory_order_acquire);
    int64_t lo = snap.head - s->capacity + guard;
    snap.lo = lo < s->desc.first_index ? s->desc.first_index : lo;
    if (snap.lo > snap.head) snap.lo = snap.head;
    return snap;
}

/* True when nothing at index >= lowest_read was overwritten while it was being read. */
static inline bool rp_snapshot_valid(const rp_series *s, int64_t lowest_read, int64_t *advance,
                                     const rp_snapshot *snap)
{
    atomic_thread_fence(memory_order_acquire);
    int64_t mark = atomic_load_explicit(&((rp_series *)s)->write_mark, memory_order_relaxed);
    *advance = mark - snap->head;
    return lowest_read >= mark - s->capacity;
}

/* Guard for the next attempt after a failed one: skip what the producer wrote meanwhile, twice. */
static inline int64_t rp_next_guard(const rp_series *s, int64_t guard, int64_t advance)
{
    int64_t g = 2 * (guard > advance ? guard : advance) + RP_LEAF;
    return g < s->capacity ? g : s->capacity;
}

#define RP_READ_ATTEMPTS 12

/* One optimistic attempt at a read on snap: reads only (no atomics: these reads are validated
 * afterwards and exempt from ThreadSanitizer), keeps its result in ctx, sets *lowest_read to the
 * lowest index it read (left at snap->head when it read nothing) and returns its status. */
typedef rp_status (*rp_read_attempt)(const rp_series *s, const rp_snapshot *snap, void *ctx,
                                     int64_t *lowest_read);
/* Runs attempt until nothing it read was overwritten meanwhile, narrowing the range by what the
 * producer wrote during each failed attempt; returns the attempt's status, or RP_ERR_OVERRUN
 * after RP_READ_ATTEMPTS (each retry is counted in read_retries). The one read protocol of
 * every reader query. */
rp_status rp_series_read(const rp_series *s, rp_read_attempt attempt, void *ctx);

static inline float rp_sample_at(const rp_series *s, int64_t i)
{
    return s->ring[i % s->capacity];
}

static inline double rp_x_at(const rp_series *s, int64_t i)
{
    return s->times ? s->times[i % s->capacity] : s->desc.t0 + (double)i / s->desc.rate;
}

#endif
