/* record_format.h — the recording file, byte by byte (README "Recording file format" says the
 * same for users). Everything little-endian; read and written with the helpers below, never by
 * casting structs onto the file, so alignment and padding never matter.
 *
 *   file     = header (64 bytes), then blocks, then (after a clean close) a trailer (24 bytes)
 *   block    = block header (32 bytes) + payload (payload_bytes, a multiple of 8)
 *   SERIES   = flags u32 (bit 0: timestamps), reserved u32, rate f64, t0 f64, name[64], unit[32]
 *   SAMPLES  = logical block `number` of a series: samples [number·16384, +count): count f32,
 *              zero pad to 8, count f64 x (timestamped series only), floor(count/32) leaf
 *              summaries (of 32 samples), floor(count/512) mid summaries (of 512 samples);
 *              version 2 then: breaks u32, breaks × u32 offsets (ascending: sample number·16384 +
 *              offset starts a new segment after a gap), zero pad to 8.
 *              Written once when the block is complete, and at a clean close for the unfinished
 *              one (version 2 also wrote the unfinished one whole at each flush): the last copy
 *              of a logical block wins.
 *   PART     = (version 3) what a flush adds to the unfinished logical block `number`: first u32
 *              (offset in the block of its first sample), breaks u32, count f32, zero pad to 8,
 *              count f64 x (timestamped series only), breaks × u32 offsets in the block
 *              (ascending, within [first, first + count)), zero pad to 8. Each part continues
 *              its block where the samples before it end and leaves it unfinished
 *              (first + count < 16384); the block's SAMPLES copy supersedes its parts.
 *   DIR      = dir `number` of a series: 4096 entries (block offset u64, summary, samples u32),
 *              then 64 group summaries (each of 64 blocks)
 *   INDEX    = for each series: its SERIES payload, samples u64, dirs u32, tail u32, dirs × (DIR
 *              block offset u64, summary, reserved u32), tail × entry (the blocks after the last DIR)
 *   summary  = min f32, max f32, flags u32 (RP_M4_*: finite, NaN, +Inf, -Inf seen)
 *   trailer  = INDEX block offset u64, trailer offset u64, magic "RPEN", crc32 of its bytes 0..19
 */
#ifndef RP_RECORD_FORMAT_H
#define RP_RECORD_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/minmax.h"

#define RPR_MAGIC "RINGPREC"
/* written; version 1 (no segment breaks) and 2 (no PART blocks) are still read */
#define RPR_VERSION 3u
#define RPR_VERSION_MIN 1u
#define RPR_HEADER_BYTES 64
#define RPR_BLOCK_HEADER_BYTES 32
#define RPR_TRAILER_BYTES 24
#define RPR_BLOCK_MAGIC 0x4B425052u   /* "RPBK" */
#define RPR_TRAILER_MAGIC 0x4E455052u /* "RPEN" */
#define RPR_BLOCK_SAMPLES 16384       /* samples per SAMPLES block (2^14) */
#define RPR_LEAF 32                   /* samples per leaf summary */
#define RPR_MID 512                   /* samples per mid summary */
#define RPR_DIR_BLOCKS 4096           /* block entries per DIR */
#define RPR_GROUP_BLOCKS 64           /* blocks per group summary */
#define RPR_SUMMARY_BYTES 12
#define RPR_ENTRY_BYTES 24
#define RPR_SERIES_BYTES 120
#define RPR_NAME_BYTES 64
#define RPR_UNIT_BYTES 32
#define RPR_MAX_SERIES 256
#define RPR_MAX_PAYLOAD                                                                            \
    (RPR_BLOCK_SAMPLES * 12 +                                                                      \
     (RPR_BLOCK_SAMPLES / RPR_LEAF + RPR_BLOCK_SAMPLES / RPR_MID) * RPR_SUMMARY_BYTES + 8 +        \
     RPR_BLOCK_SAMPLES * 4 + 8)

enum { RPR_SERIES = 1, RPR_SAMPLES = 2, RPR_DIR = 3, RPR_INDEX = 4, RPR_PART = 5 };

typedef struct rpr_block_header {
    uint16_t type, series;
    uint32_t payload_bytes, payload_crc, count;
    uint64_t number;
} rpr_block_header;

typedef struct rpr_series_meta {
    bool timestamps;
    double rate, t0;
    char name[RPR_NAME_BYTES], unit[RPR_UNIT_BYTES]; /* NUL-terminated (forced on read) */
} rpr_series_meta;

static inline uint32_t rpr_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t rpr_get64(const uint8_t *p)
{
    return (uint64_t)rpr_get32(p) | (uint64_t)rpr_get32(p + 4) << 32;
}
static inline float rpr_getf(const uint8_t *p)
{
    uint32_t u = rpr_get32(p);
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline double rpr_getd(const uint8_t *p)
{
    uint64_t u = rpr_get64(p);
    double d;
    memcpy(&d, &u, 8);
    return d;
}
static inline void rpr_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16),
    p[3] = (uint8_t)(v >> 24);
}
static inline void rpr_put64(uint8_t *p, uint64_t v)
{
    rpr_put32(p, (uint32_t)v);
    rpr_put32(p + 4, (uint32_t)(v >> 32));
}
static inline void rpr_putf(uint8_t *p, float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    rpr_put32(p, u);
}
static inline void rpr_putd(uint8_t *p, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    rpr_put64(p, u);
}
static inline rp_summary rpr_get_summary(const uint8_t *p)
{
    rp_summary s = {rpr_getf(p), rpr_getf(p + 4), rpr_get32(p + 8)};
    return s;
}
static inline void rpr_put_summary(uint8_t *p, rp_summary s)
{
    rpr_putf(p, s.min);
    rpr_putf(p + 4, s.max);
    rpr_put32(p + 8, s.flags);
}

/* Byte offsets inside a SAMPLES payload holding `count` samples. */
static inline uint64_t rpr_times_offset(uint32_t count)
{
    return ((uint64_t)count * 4 + 7) / 8 * 8;
}
static inline uint64_t rpr_leaf_offset(uint32_t count, bool timestamps)
{
    return rpr_times_offset(count) + (timestamps ? (uint64_t)count * 8 : 0);
}
static inline uint64_t rpr_mid_offset(uint32_t count, bool timestamps)
{
    return rpr_leaf_offset(count, timestamps) + (uint64_t)(count / RPR_LEAF) * RPR_SUMMARY_BYTES;
}
static inline uint64_t rpr_samples_payload_bytes(uint32_t count, bool timestamps)
{
    uint64_t end =
        rpr_mid_offset(count, timestamps) + (uint64_t)(count / RPR_MID) * RPR_SUMMARY_BYTES;
    return (end + 7) / 8 * 8;
}

/* Version 2: the segment breaks after the summaries (a u32 count, the offsets, padded to 8). */
static inline uint64_t rpr_breaks_bytes(uint32_t breaks)
{
    return ((uint64_t)breaks * 4 + 4 + 7) / 8 * 8;
}

/* The number of breaks of a SAMPLES payload of `bytes` bytes (p: the payload, at least `bytes`
 * readable), or -1 when its length does not fit its count (damage). Version 1: none. */
static inline int64_t rpr_payload_breaks(const uint8_t *p, uint64_t bytes, uint32_t count,
                                         bool timestamps, uint32_t version)
{
    uint64_t base = rpr_samples_payload_bytes(count, timestamps);
    if (version < 2) return bytes == base ? 0 : -1;
    if (bytes < base + 8) return -1;
    uint32_t n = rpr_get32(p + base);
    return n <= count && bytes == base + rpr_breaks_bytes(n) ? (int64_t)n : -1;
}

/* Version 3: byte offsets inside a PART payload of `count` samples and `breaks` breaks (its first
 * 8 bytes: the offset of its first sample in the block, then `breaks`). */
#define RPR_PART_HEAD_BYTES 8
static inline uint64_t rpr_part_x_offset(uint32_t count)
{
    return RPR_PART_HEAD_BYTES + rpr_times_offset(count);
}
static inline uint64_t rpr_part_breaks_offset(uint32_t count, bool timestamps)
{
    return rpr_part_x_offset(count) + (timestamps ? (uint64_t)count * 8 : 0);
}
static inline uint64_t rpr_part_payload_bytes(uint32_t count, uint32_t breaks, bool timestamps)
{
    return rpr_part_breaks_offset(count, timestamps) + ((uint64_t)breaks * 4 + 7) / 8 * 8;
}

uint32_t rpr_crc32(const void *data, uint64_t n);
void rpr_write_file_header(uint8_t out[RPR_HEADER_BYTES], int flush_ms);
/* The file's version (RPR_VERSION_MIN..RPR_VERSION), 0 when p is not a recording's header. */
uint32_t rpr_check_file_header(const uint8_t *p, uint64_t size);
void rpr_write_block_header(uint8_t out[RPR_BLOCK_HEADER_BYTES], const rpr_block_header *h);
/* Parses and checks a block header (magic, its crc); payload not checked. */
bool rpr_read_block_header(const uint8_t *p, rpr_block_header *h);
void rpr_write_series_meta(uint8_t out[RPR_SERIES_BYTES], const rpr_series_meta *m);
void rpr_read_series_meta(const uint8_t *p, rpr_series_meta *m);

#endif
