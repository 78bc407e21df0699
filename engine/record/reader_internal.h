/* reader_internal.h — the reader's structures, shared by reader.c and export.c. */
#ifndef RP_RECORD_READER_INTERNAL_H
#define RP_RECORD_READER_INTERNAL_H

#include "core/pyramid_source.h"
#include "core/series_internal.h"
#include "record/record_format.h"

#define RDR_LEVELS 6 /* samples, leaf, mid, block, group, dir */
#define RDR_VERIFY_SLOTS 4096

typedef struct rdr_block {
    const uint8_t *payload; /* NULL: missing or bad (reads as NaN) */
    uint32_t count;
    uint32_t breaks; /* segment breaks listed after its summaries (version 2) */
} rdr_block;

/* A series' unfinished block assembled from its PART blocks (a file not closed, or one still
 * being written; version 3), served as if it were that block's SAMPLES payload. The samples go
 * into `payload` in place as parts arrive; the x, the summaries and the breaks are laid out after
 * them when the block is next read (`built` false until then), so a part costs its own samples
 * and a read after a flush one pass over the block. */
typedef struct rdr_part {
    int64_t block;      /* logical block number */
    uint32_t count;     /* samples assembled: [block·16384, + count) */
    uint32_t breaks;    /* segment breaks among them */
    bool built;         /* payload laid out for count */
    rp_summary sum;     /* of the samples: the block's entry */
    uint8_t *payload;   /* RPR_MAX_PAYLOAD bytes, laid out as a SAMPLES payload of count */
    double *x;          /* the samples' x (timestamped series), until laid out */
    uint32_t *break_at; /* the breaks' offsets in the block, ascending */
} rdr_part;

typedef struct rdr_series {
    struct rp_recording *rec;
    int id;
    rpr_series_meta meta;
    int64_t count, blocks, dirs;
    const uint8_t **dir_entries; /* per dir: RPR_DIR_BLOCKS entries of 24 bytes */
    const uint8_t **dir_groups;  /* per dir: 64 group summaries of 12 bytes */
    uint64_t *dir_offset;        /* per dir: its DIR block (0: entries held in memory) */
    uint8_t *dir_state;          /* 0 unchecked, 1 good, 2 bad */
    rp_summary *dir_sum;
    uint8_t *owned;    /* entries and groups made in memory (the tail of an indexed file) */
    uint8_t **dir_own; /* per dir: its entries and groups made in memory (a scanned file) */
    int64_t dirs_cap;  /* dirs the pointer arrays have room for (a scanned file) */
    rp_series *series; /* the read-only rp_series over it */
    /* per dir: the moments of its RPR_DIR_BLOCKS blocks, summed when a range first needs them
     * (n < 0: not yet; a scanned series keeps them only for complete blocks, and forgets a block's
     * when the block is taken again). Scanned: in dir_own[d]; indexed: in moments_owned. */
    rp_moments **dir_moments;
    rp_moments *moments_owned;
    rdr_part *part; /* its unfinished block made of PART blocks; NULL: none (freed at close) */
    uint8_t *bad;   /* a bit a block: its payload failed rp_recording_verify (NULL: not run) */
} rdr_series;

typedef struct rdr_cached {
    uint64_t key; /* (series << 48 | block) + 1; 0: empty */
    const uint8_t *payload;
    uint32_t count, breaks;
} rdr_cached;

struct rp_recording {
    char path[4096];
    int fd;
    const uint8_t *map;
    uint64_t size;      /* bytes of the file that may be read */
    uint64_t map_bytes; /* bytes mapped (a follower maps ahead of the growing file) */
    uint32_t version;   /* the file's format version (0: a follower has not seen the header) */
    bool follow_lost;   /* the followed file shrank: nothing more is served from it */
    bool follow;        /* follows a file the recorder is still writing (rdr_follow_open) */
    uint64_t scan_pos;  /* scanned files: the end of the blocks read so far */
    int series_count;
    rdr_series series[RPR_MAX_SERIES];
    bool indexed;
    int64_t bad_blocks, bytes_read;
    rdr_cached cache[RDR_VERIFY_SLOTS]; /* blocks whose header was checked */
    rp_log_sink log;
    char error[RP_ERROR_MAX];
};

float rdr_sample(rdr_series *s, int64_t i);
double rdr_x(rdr_series *s, int64_t i);
/* True when sample i starts a segment after a gap (silence of an arrival-timed series). */
bool rdr_gap_before(rdr_series *s, int64_t i);
/* First index whose x is >= x (count when none) and first whose x is > x. */
int64_t rdr_index_at_or_after(rdr_series *s, double x);
int64_t rdr_index_after(rdr_series *s, double x);
/* The series' pyramid for the shared range query and M4 column builder (core/pyramid_source.h). */
rp_pyramid_source rdr_pyramid(rdr_series *s);

/* A recorded series seen through a follower: the history of the live series (core's
 * rp_series_history_ops). Series index i is sample i - offset of series id. */
typedef struct rdr_history {
    struct rp_recording *rec;
    int id;
    int64_t offset;
} rdr_history;

/* Opens the file a recorder is writing, to follow it: nothing is read until a refresh. Thread: the
 * one that refreshes and reads it (the plot's owner). */
rp_status rdr_follow_open(const char *path, struct rp_recording **out);
/* Reads what was flushed since the last refresh (at most FOLLOW_SCAN_BUDGET bytes a call). */
void rdr_follow_refresh(struct rp_recording *r);
void rdr_follow_close(struct rp_recording *r);
extern const rp_series_history_ops rdr_history_ops;

#endif
