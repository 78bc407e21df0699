/* fuzz_frames.c — binary frames, any channel count and block size, random chunking.
 * Input: bytes 0..2 = channels / block size / options, then the stream.
 * Checks: every complete frame comes out once, in order, bit-exact and de-interleaved to the
 * right channel; blocks respect their size; an incomplete tail is counted, never emitted.
 * Byte 2 bit 7: a microcontroller format (value type, byte order, sync header, checksum) from
 * bytes 3..4 and the header's bytes after them; then, by byte 4 bit 7, either
 *   the stream as it is (junk, false headers, bad checksums): chunking never changes what comes
 *   out, every byte is accounted for exactly once (in a frame, a failed frame, skipped, or
 *   truncated), integer types never give NaN or Inf; or
 *   valid frames built from the bytes (header, values, right checksum): every one comes out, its
 *   values decoded independently here, with no loss, skip or failure counted. */
#include <math.h>

#include "fuzz_util.h"
#include "io/parse.h"

typedef struct acc {
    const uint8_t *data;
    int channels;
    int block_frames;
    int64_t frames;
    int64_t blocks;
} acc;

static void on_block(void *user, const rp_frame_block *b)
{
    acc *a = user;
    FUZZ_CHECK(b->channels == a->channels);
    FUZZ_CHECK(b->frames >= 1 && b->frames <= a->block_frames);
    FUZZ_CHECK(b->stride == (size_t)a->block_frames);
    FUZZ_CHECK(b->first_frame == a->frames);
    for (int c = 0; c < b->channels; c++)
        for (int i = 0; i < b->frames; i++) {
            const uint8_t *src =
                a->data + ((size_t)(a->frames + i) * (size_t)a->channels + (size_t)c) * 4;
            uint32_t want = (uint32_t)src[0] | (uint32_t)src[1] << 8 | (uint32_t)src[2] << 16 |
                            (uint32_t)src[3] << 24;
            uint32_t got;
            memcpy(&got, &b->samples[(size_t)c * b->stride + (size_t)i], 4);
            FUZZ_CHECK(got == want);
        }
    a->frames += b->frames;
    a->blocks++;
}

/* ---- microcontroller formats ------------------------------------------------------------------ */

typedef struct framed_acc {
    uint64_t hash;
    int64_t frames;
    bool integers; /* the type is an integer one: no NaN or Inf may appear */
    const uint8_t
        *values; /* valid-frames mode: the value bytes of frame k at values + k * payload */
    size_t payload;
    rp_binary_desc format;
    int channels;
} framed_acc;

/* The value at b, decoded here without the parser's code. */
static double value_at(const rp_binary_desc *f, const uint8_t *b)
{
    static const int widths[] = {4, 1, 1, 2, 2, 4, 4, 8};
    int w = widths[f->type];
    uint64_t u = 0;
    for (int i = 0; i < w; i++)
        u |= (uint64_t)b[f->byte_order == RP_BYTE_ORDER_BIG ? i : w - 1 - i] << (8 * (w - 1 - i));
    switch (f->type) {
    case RP_BINARY_INT8: return (double)(int8_t)u;
    case RP_BINARY_UINT8:
    case RP_BINARY_UINT16:
    case RP_BINARY_UINT32: return (double)u;
    case RP_BINARY_INT16: return (double)(int16_t)u;
    case RP_BINARY_INT32: return (double)(int32_t)u;
    case RP_BINARY_FLOAT32: {
        uint32_t v = (uint32_t)u;
        float x;
        memcpy(&x, &v, 4);
        return x;
    }
    default: {
        double x;
        memcpy(&x, &u, 8);
        return x;
    }
    }
}

static void on_framed_block(void *user, const rp_frame_block *b)
{
    framed_acc *a = user;
    FUZZ_CHECK(b->first_frame == a->frames && b->frames >= 1);
    for (int i = 0; i < b->frames; i++) /* frame order: blocks cut differently hash the same */
        for (int c = 0; c < b->channels; c++) {
            float got = b->samples[(size_t)c * b->stride + (size_t)i];
            a->hash = fuzz_hash(a->hash, &got, sizeof got);
            if (a->integers) FUZZ_CHECK(!isinf(got)); /* NaN: a frame that failed in place */
            if (a->values) {
                const uint8_t *v = a->values + (size_t)(a->frames + i) * a->payload +
                                   (size_t)c * (a->payload / (size_t)a->channels);
                float want = (float)value_at(&a->format, v);
                FUZZ_CHECK(memcmp(&got, &want, 4) == 0 || (isnan(got) && isnan(want)));
            }
        }
    a->frames += b->frames;
}

static rp_binary_stats run_framed(const rp_binary_desc *f, int channels, int block,
                                  const uint8_t *stream, size_t len, uint32_t seed, bool chunked,
                                  framed_acc *a)
{
    rp_frame_parser *p = NULL;
    FUZZ_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = channels,
                                                              .block_frames = block,
                                                              .on_block = on_framed_block,
                                                              .user = a,
                                                              .format = *f},
                                      &p) == RP_OK);
    for (size_t off = 0; off < len;) {
        size_t n = chunked ? fuzz_chunk(&seed, len - off) : len - off;
        FUZZ_CHECK(rp_frame_parser_feed(p, stream + off, n) == RP_OK);
        off += n;
        rp_binary_stats s = rp_frame_parser_stats(p); /* a frame failed in place: a gap */
        FUZZ_CHECK(s.frames + s.checksum_failed == a->frames);
    }
    rp_frame_parser_finish(p);
    rp_binary_stats s = rp_frame_parser_stats(p);
    rp_frame_parser_destroy(p);
    return s;
}

static int fuzz_framed(const uint8_t *data, size_t size, int channels, int block, uint32_t seed)
{
    if (size < 5) return 0;
    rp_binary_desc f = {.type = (rp_binary_type)(data[3] % RP_BINARY_TYPE_COUNT),
                        .byte_order = (rp_byte_order)(data[3] >> 3 & 1),
                        .checksum = (rp_binary_checksum)((data[3] >> 4) % 3),
                        .sync_len = data[4] % (RP_BINARY_SYNC_MAX + 1)};
    bool valid_frames = data[4] & 0x80;
    if (size < 5 + (size_t)f.sync_len) return 0;
    memcpy(f.sync, data + 5, (size_t)f.sync_len);
    const uint8_t *stream = data + 5 + f.sync_len;
    size_t len = size - 5 - (size_t)f.sync_len;
    if (channels > 64) channels = 1 + channels % 64; /* frames of ~100 bytes or less, mostly */
    if (block == 0)
        block = 61; /* the default block size is the plain mode's business: keep
                                   the buffers small so the inputs run fast */
    bool integers = f.type != RP_BINARY_FLOAT32 && f.type != RP_BINARY_FLOAT64;
    const size_t F = rp_binary_frame_bytes(&f, channels);
    const size_t payload = F - (size_t)f.sync_len - (f.checksum ? 1 : 0);
    if (valid_frames) { /* the bytes are the values of whole frames: build them */
        size_t n = len / payload;
        uint8_t *built = malloc(n * F + 1);
        FUZZ_CHECK(built != NULL);
        for (size_t k = 0; k < n; k++) {
            uint8_t *o = built + k * F;
            memcpy(o, f.sync, (size_t)f.sync_len);
            memcpy(o + f.sync_len, stream + k * payload, payload);
            unsigned sum = 0;
            for (size_t i = 0; i < payload; i++)
                sum = f.checksum == RP_BINARY_CHECKSUM_SUM8 ? sum + stream[k * payload + i]
                                                            : sum ^ stream[k * payload + i];
            if (f.checksum) o[F - 1] = (uint8_t)sum;
        }
        framed_acc a = {.integers = integers,
                        .values = stream,
                        .payload = payload,
                        .format = f,
                        .channels = channels};
        rp_binary_stats s = run_framed(&f, channels, block, built, n * F, seed, true, &a);
        FUZZ_CHECK(a.frames == (int64_t)n && s.frames == (int64_t)n);
        FUZZ_CHECK(s.checksum_failed == 0 && s.sync_lost == 0 && s.sync_skipped == 0);
        FUZZ_CHECK(s.truncated_bytes == 0 && s.pending_bytes == 0);
        free(built);
        return 0;
    }
    framed_acc whole = {.integers = integers}, parts = {.integers = integers};
    rp_binary_stats w = run_framed(&f, channels, block, stream, len, seed, false, &whole);
    rp_binary_stats p = run_framed(&f, channels, block, stream, len, seed, true, &parts);
    FUZZ_CHECK(whole.hash == parts.hash && whole.frames == parts.frames);
    FUZZ_CHECK(w.frames == p.frames && w.checksum_failed == p.checksum_failed &&
               w.sync_lost == p.sync_lost && w.sync_skipped == p.sync_skipped &&
               w.sync_found == p.sync_found && w.truncated_bytes == p.truncated_bytes);
    /* every byte once: in a frame, a failed frame, skipped, or cut off at the end */
    FUZZ_CHECK((w.frames + w.checksum_failed) * (int64_t)F + w.sync_skipped + w.truncated_bytes ==
               (int64_t)len);
    if (f.sync_len == 0) FUZZ_CHECK(w.sync_skipped == 0 && w.sync_lost == 0);
    if (f.checksum == RP_BINARY_CHECKSUM_NONE) FUZZ_CHECK(w.checksum_failed == 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    int channels = data[0] & 0x80 ? 1 + (int)((data[0] << 8 | data[1]) % RP_FRAME_CHANNELS_MAX)
                                  : 1 + data[0] % 8;
    int block = data[2] % 64; /* 0: the default */
    bool own_buffer = data[2] & 0x40;
    uint32_t seed = 0xABCDu ^ data[1] ^ ((uint32_t)data[2] << 8);
    if (data[2] & 0x80) return fuzz_framed(data, size, channels, block, seed);
    data += 3;
    size -= 3;

    /* bad descriptions are refused, not crashed on */
    rp_frame_parser *bad = NULL;
    FUZZ_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = 0, .on_block = on_block},
                                      &bad) != RP_OK);
    FUZZ_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = RP_FRAME_CHANNELS_MAX + 1,
                                                              .on_block = on_block},
                                      &bad) != RP_OK);
    FUZZ_CHECK(bad == NULL);

    int block_frames = block ? block : RP_FRAME_BLOCK_DEFAULT;
    acc a = {data, channels, block_frames, 0, 0};
    float *buffer =
        own_buffer ? malloc(sizeof(float) * (size_t)channels * (size_t)block_frames) : NULL;
    rp_frame_parser *p = NULL;
    FUZZ_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = channels,
                                                              .block_frames = block,
                                                              .buffer = buffer,
                                                              .on_block = on_block,
                                                              .user = &a},
                                      &p) == RP_OK);
    for (size_t off = 0; off < size;) {
        size_t n = fuzz_chunk(&seed, size - off);
        FUZZ_CHECK(rp_frame_parser_feed(p, data + off, n) == RP_OK);
        off += n;
        rp_binary_stats s = rp_frame_parser_stats(p);
        FUZZ_CHECK(s.frames == a.frames &&
                   s.pending_bytes == (int64_t)(off % ((size_t)channels * 4)));
    }
    size_t frame_bytes = (size_t)channels * 4;
    rp_status st = rp_frame_parser_finish(p);
    rp_binary_stats s = rp_frame_parser_stats(p);
    FUZZ_CHECK(a.frames == (int64_t)(size / frame_bytes));
    FUZZ_CHECK(s.frames == a.frames && s.blocks == a.blocks && s.bytes == (int64_t)size);
    FUZZ_CHECK(s.truncated_bytes == (int64_t)(size % frame_bytes));
    FUZZ_CHECK((st == RP_OK) == (size % frame_bytes == 0));
    FUZZ_CHECK(s.pending_bytes == 0);
    rp_frame_parser_destroy(p);
    free(buffer);
    return 0;
}
