/* frames.c — binary frames (interleaved values of one type, optionally behind a sync header and
 * followed by a checksum byte) → de-interleaved per-channel float32 blocks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

/* Framed streams (a header or a checksum) are decoded through a window: the held bytes of an
 * incomplete frame plus up to this many new ones at a time. */
#define WINDOW_CHUNK 16384

typedef float (*load_fn)(const unsigned char *b);

struct rp_frame_parser {
    rp_frame_parser_desc desc;
    float *buf; /* channels × block_frames, channel-major */
    bool owns_buf;
    size_t value_bytes;   /* of one value */
    size_t payload_bytes; /* channels × value_bytes */
    size_t frame_bytes;   /* header + payload + checksum */
    load_fn load;         /* NULL: float32 little-endian, the specialised loops */
    bool framed;          /* a header or a checksum: decoded through the window */
    bool locked;          /* framed: the window starts at a frame (false: hunting the header) */
    int fill;             /* frames in the current block */
    int fill_gaps;        /* of them, gaps (a frame that failed its checksum in place) */
    int64_t delivered;    /* frames handed over, gaps included: the next block's first_frame */
    rp_binary_stats stats;
    unsigned char *partial; /* plain: an incomplete frame between feeds; framed: the window */
    size_t partial_len, partial_cap;
    char last_error[RP_IO_ERROR_MAX];
};

/* Little-endian load written byte by byte: correct on any host, and compilers turn it into one
 * plain load on little-endian ones. memcpy into the float avoids aliasing problems. */
static inline float load_le(const unsigned char *b)
{
    uint32_t u = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* ---- the value types, each byte order --------------------------------------------------------- */

static inline uint32_t le16(const unsigned char *b) { return (uint32_t)b[0] | (uint32_t)b[1] << 8; }
static inline uint32_t be16(const unsigned char *b) { return (uint32_t)b[1] | (uint32_t)b[0] << 8; }
static inline uint32_t le32(const unsigned char *b) { return le16(b) | le16(b + 2) << 16; }
static inline uint32_t be32(const unsigned char *b) { return be16(b + 2) | be16(b) << 16; }
static inline uint64_t le64(const unsigned char *b)
{
    return (uint64_t)le32(b) | (uint64_t)le32(b + 4) << 32;
}
static inline uint64_t be64(const unsigned char *b)
{
    return (uint64_t)be32(b + 4) | (uint64_t)be32(b) << 32;
}
/* Two's complement without implementation-defined casts: flip the sign bit, subtract its weight. */
static inline float s16(uint32_t u) { return (float)((int32_t)(u ^ 0x8000u) - 0x8000); }
static inline float s32(uint32_t u) { return (float)((int64_t)(u ^ 0x80000000u) - 0x80000000ll); }
static inline float f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}
static inline float f64(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return rp_io_double_to_float(d);
}

static float ld_i8(const unsigned char *b) { return (float)((int)(b[0] ^ 0x80u) - 0x80); }
static float ld_u8(const unsigned char *b) { return (float)b[0]; }
static float ld_i16le(const unsigned char *b) { return s16(le16(b)); }
static float ld_i16be(const unsigned char *b) { return s16(be16(b)); }
static float ld_u16le(const unsigned char *b) { return (float)le16(b); }
static float ld_u16be(const unsigned char *b) { return (float)be16(b); }
static float ld_i32le(const unsigned char *b) { return s32(le32(b)); }
static float ld_i32be(const unsigned char *b) { return s32(be32(b)); }
static float ld_u32le(const unsigned char *b) { return (float)le32(b); }
static float ld_u32be(const unsigned char *b) { return (float)be32(b); }
static float ld_f32be(const unsigned char *b) { return f32(be32(b)); }
static float ld_f64le(const unsigned char *b) { return f64(le64(b)); }
static float ld_f64be(const unsigned char *b) { return f64(be64(b)); }

/* [type][byte order]; float32 little-endian is NULL: the specialised loops below */
static const load_fn k_loaders[RP_BINARY_TYPE_COUNT][2] = {
    [RP_BINARY_FLOAT32] = {NULL, ld_f32be},    [RP_BINARY_INT8] = {ld_i8, ld_i8},
    [RP_BINARY_UINT8] = {ld_u8, ld_u8},        [RP_BINARY_INT16] = {ld_i16le, ld_i16be},
    [RP_BINARY_UINT16] = {ld_u16le, ld_u16be}, [RP_BINARY_INT32] = {ld_i32le, ld_i32be},
    [RP_BINARY_UINT32] = {ld_u32le, ld_u32be}, [RP_BINARY_FLOAT64] = {ld_f64le, ld_f64be},
};
static const unsigned char k_value_bytes[RP_BINARY_TYPE_COUNT] = {
    [RP_BINARY_FLOAT32] = 4, [RP_BINARY_INT8] = 1,  [RP_BINARY_UINT8] = 1,  [RP_BINARY_INT16] = 2,
    [RP_BINARY_UINT16] = 2,  [RP_BINARY_INT32] = 4, [RP_BINARY_UINT32] = 4, [RP_BINARY_FLOAT64] = 8,
};

/* De-interleaves k frames of C channels from src into dst[c * stride + at + i]. Small channel counts
 * get a specialised loop (C is a constant after inlining): one pass over the frames writing C
 * sequential streams. Large ones go channel by channel (strided reads, block stays in cache). */
static inline void deint_fixed(const unsigned char *src, int C, int k, float *dst, size_t stride)
{
    for (int i = 0; i < k; i++)
        for (int c = 0; c < C; c++)
            dst[(size_t)c * stride + (size_t)i] =
                load_le(src + ((size_t)i * (size_t)C + (size_t)c) * 4);
}

static void deinterleave(const unsigned char *src, int C, int k, float *dst, size_t stride)
{
    switch (C) {
    case 1: deint_fixed(src, 1, k, dst, stride); return;
    case 2: deint_fixed(src, 2, k, dst, stride); return;
    case 3: deint_fixed(src, 3, k, dst, stride); return;
    case 4: deint_fixed(src, 4, k, dst, stride); return;
    case 6: deint_fixed(src, 6, k, dst, stride); return;
    case 8: deint_fixed(src, 8, k, dst, stride); return;
    default: break;
    }
    for (int c = 0; c < C; c++) {
        float *d = dst + (size_t)c * stride;
        const unsigned char *s = src + (size_t)c * 4;
        size_t step = (size_t)C * 4;
        for (int i = 0; i < k; i++) d[i] = load_le(s + (size_t)i * step);
    }
}

/* De-interleaves k frames at src into the block at fill, in the parser's value type. */
static void convert(const rp_frame_parser *p, const unsigned char *src, int k)
{
    const int C = p->desc.channels;
    const size_t stride = (size_t)p->desc.block_frames;
    float *dst = p->buf + p->fill;
    if (!p->load) {
        deinterleave(src, C, k, dst, stride);
        return;
    }
    const size_t W = p->value_bytes, step = (size_t)C * W;
    for (int c = 0; c < C; c++) {
        float *d = dst + (size_t)c * stride;
        const unsigned char *s = src + (size_t)c * W;
        for (int i = 0; i < k; i++) d[i] = p->load(s + (size_t)i * step);
    }
}

static void flush(rp_frame_parser *p)
{
    if (p->fill == 0) return;
    rp_frame_block block = {
        .samples = p->buf,
        .stride = (size_t)p->desc.block_frames,
        .channels = p->desc.channels,
        .frames = p->fill,
        .first_frame = p->delivered,
    };
    p->delivered += p->fill;
    p->stats.frames += p->fill - p->fill_gaps;
    p->stats.blocks++;
    p->fill = 0;
    p->fill_gaps = 0;
    p->desc.on_block(p->desc.user, &block);
}

/* ---- format ----------------------------------------------------------------------------------- */

size_t rp_binary_frame_bytes(const rp_binary_desc *f, int channels)
{
    if (!f || (unsigned)f->type >= RP_BINARY_TYPE_COUNT || channels < 0) return 0;
    return (size_t)(f->sync_len > 0 ? f->sync_len : 0) + (size_t)channels * k_value_bytes[f->type] +
           (f->checksum != RP_BINARY_CHECKSUM_NONE ? 1u : 0u);
}

rp_status rp_binary_desc_check(const rp_binary_desc *f, char *err, size_t err_size)
{
    const char *why = !f                                                ? "no format"
                      : (unsigned)f->type >= RP_BINARY_TYPE_COUNT       ? "value type out of range"
                      : (unsigned)f->byte_order > RP_BYTE_ORDER_BIG     ? "byte order out of range"
                      : (unsigned)f->checksum > RP_BINARY_CHECKSUM_XOR8 ? "checksum out of range"
                      : f->sync_len < 0 || f->sync_len > RP_BINARY_SYNC_MAX
                          ? "sync header length out of range (0 .. 8 bytes)"
                          : NULL;
    if (!why) return RP_OK;
    if (err && err_size) rp_io_msg(err, err_size, "binary format: %s", why);
    return RP_ERR_INVALID_ARG;
}

static uint8_t checksum_of(rp_binary_checksum kind, const unsigned char *b, size_t n)
{
    unsigned v = 0;
    if (kind == RP_BINARY_CHECKSUM_SUM8)
        for (size_t i = 0; i < n; i++) v += b[i];
    else
        for (size_t i = 0; i < n; i++) v ^= b[i];
    return (uint8_t)v;
}

/* A float as the integer type's value: rounded to nearest, clamped to [lo, hi], NaN as 0. */
static int64_t to_int(float v, double lo, double hi)
{
    if (!(v == v)) return 0;
    double d = v < 0 ? (double)v - 0.5 : (double)v + 0.5;
    d = d < lo ? lo : d > hi ? hi : d;
    return (int64_t)d;
}

static void store(unsigned char *o, uint64_t u, int bytes, bool big)
{
    for (int i = 0; i < bytes; i++) o[big ? bytes - 1 - i : i] = (unsigned char)(u >> (8 * i));
}

size_t rp_binary_encode(const rp_binary_desc *f, const float *values, size_t stride, int channels,
                        uint8_t *out)
{
    if (rp_binary_desc_check(f, NULL, 0) != RP_OK || !values || !out || channels < 0) return 0;
    const bool big = f->byte_order == RP_BYTE_ORDER_BIG;
    const int W = k_value_bytes[f->type];
    uint8_t *o = out;
    memcpy(o, f->sync, (size_t)f->sync_len);
    o += f->sync_len;
    for (int c = 0; c < channels; c++, o += W) {
        float v = values[(size_t)c * stride];
        uint64_t u = 0;
        switch (f->type) {
        case RP_BINARY_FLOAT32: {
            uint32_t x;
            memcpy(&x, &v, 4);
            u = x;
            break;
        }
        case RP_BINARY_FLOAT64: {
            double d = v;
            memcpy(&u, &d, 8);
            break;
        }
        case RP_BINARY_INT8: u = (uint64_t)to_int(v, -128, 127); break;
        case RP_BINARY_UINT8: u = (uint64_t)to_int(v, 0, 255); break;
        case RP_BINARY_INT16: u = (uint64_t)to_int(v, -32768, 32767); break;
        case RP_BINARY_UINT16: u = (uint64_t)to_int(v, 0, 65535); break;
        case RP_BINARY_INT32: u = (uint64_t)to_int(v, -2147483648.0, 2147483647.0); break;
        default: u = (uint64_t)to_int(v, 0, 4294967295.0); break;
        }
        store(o, u, W, big);
    }
    if (f->checksum != RP_BINARY_CHECKSUM_NONE)
        *o++ = checksum_of(f->checksum, out + f->sync_len, (size_t)channels * (size_t)W);
    return (size_t)(o - out);
}

/* ---- the parser ------------------------------------------------------------------------------- */

rp_status rp_frame_parser_create(const rp_frame_parser_desc *desc, rp_frame_parser **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!desc || !desc->on_block || desc->channels < 1 || desc->block_frames < 0 ||
        rp_binary_desc_check(&desc->format, NULL, 0) != RP_OK)
        return RP_ERR_INVALID_ARG;
    if (desc->channels > RP_FRAME_CHANNELS_MAX) return RP_ERR_LIMIT;
    rp_frame_parser *p = calloc(1, sizeof *p);
    if (!p) return RP_ERR_NO_MEMORY;
    p->desc = *desc;
    if (p->desc.block_frames == 0) p->desc.block_frames = RP_FRAME_BLOCK_DEFAULT;
    const rp_binary_desc *f = &desc->format;
    p->value_bytes = k_value_bytes[f->type];
    p->payload_bytes = (size_t)desc->channels * p->value_bytes;
    p->frame_bytes = rp_binary_frame_bytes(f, desc->channels);
    p->load = k_loaders[f->type][f->byte_order];
    p->framed = f->sync_len > 0 || f->checksum != RP_BINARY_CHECKSUM_NONE;
    p->locked = f->sync_len == 0; /* with a header: hunt for the first one */
    p->partial_cap =
        p->framed ? WINDOW_CHUNK + p->frame_bytes + (size_t)f->sync_len : p->frame_bytes;
    p->partial = malloc(p->partial_cap);
    p->buf = desc->buffer;
    if (!p->buf) {
        p->buf = malloc((size_t)p->desc.channels * (size_t)p->desc.block_frames * sizeof(float));
        p->owns_buf = true;
    }
    if (!p->partial || !p->buf) {
        rp_frame_parser_destroy(p);
        return RP_ERR_NO_MEMORY;
    }
    *out = p;
    return RP_OK;
}

void rp_frame_parser_destroy(rp_frame_parser *parser)
{
    if (!parser) return;
    if (parser->owns_buf) free(parser->buf);
    free(parser->partial);
    free(parser);
}

/* Plain frames (no header, no checksum): cut as they come, straight from the caller's bytes. */
static void feed_plain(rp_frame_parser *p, const unsigned char *s, size_t len)
{
    const int B = p->desc.block_frames;
    const size_t fb = p->frame_bytes;
    if (p->partial_len > 0) { /* complete the frame split by the previous chunk */
        size_t take = fb - p->partial_len;
        if (take > len) take = len;
        memcpy(p->partial + p->partial_len, s, take);
        p->partial_len += take;
        s += take;
        len -= take;
        if (p->partial_len == fb) {
            convert(p, p->partial, 1);
            p->partial_len = 0;
            if (++p->fill == B) flush(p);
        }
    }
    while (len >= fb) {
        size_t k = len / fb;
        if (k > (size_t)(B - p->fill)) k = (size_t)(B - p->fill);
        convert(p, s, (int)k);
        p->fill += (int)k;
        s += k * fb;
        len -= k * fb;
        if (p->fill == B) flush(p);
    }
    if (len > 0) { /* keep the start of a split frame for the next chunk */
        memcpy(p->partial + p->partial_len, s, len);
        p->partial_len += len;
    }
}

/* Offset of the first place in w[0..n) where the header starts: a whole match, or a tail that is
 * its beginning (more bytes decide); n when there is none. */
static size_t hunt(const uint8_t *sync, size_t S, const unsigned char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char *hit = memchr(w + i, sync[0], n - i);
        if (!hit) return n;
        i = (size_t)(hit - w);
        size_t have = n - i < S ? n - i : S;
        if (memcmp(hit, sync, have) == 0) return i;
    }
    return n;
}

/* A frame that failed its checksum where a frame belongs: a gap (NaN in every channel) in its
 * place, so that the frames after it keep their index (with --rate their time: one dropped frame
 * moved every later sample 1/rate early) and the line breaks where data is missing. */
static void gap_frame(rp_frame_parser *p)
{
    const size_t stride = (size_t)p->desc.block_frames;
    for (int c = 0; c < p->desc.channels; c++) p->buf[(size_t)c * stride + (size_t)p->fill] = NAN;
    p->fill_gaps++;
    if (++p->fill == p->desc.block_frames) flush(p);
}

/* The header was not where a frame should start: hunt again from the next byte. */
static void lose_sync(rp_frame_parser *p)
{
    p->stats.sync_lost++;
    p->stats.sync_skipped++;
    p->locked = false;
}

/* Decodes the framed bytes w[0..n) as far as they decide; returns the bytes consumed. at_end: no
 * more will come (a failed frame then needs no next header to be dropped whole). */
static size_t decode_framed(rp_frame_parser *p, const unsigned char *w, size_t n, bool at_end)
{
    const rp_binary_desc *f = &p->desc.format;
    const size_t S = (size_t)f->sync_len, F = p->frame_bytes;
    size_t at = 0;
    for (;;) {
        if (!p->locked) {
            size_t q = hunt(f->sync, S, w + at, n - at);
            p->stats.sync_skipped += (int64_t)q;
            at += q;
            if (n - at < S) break; /* nothing, or the header's beginning: more bytes decide */
            p->locked = true;
            p->stats.sync_found++;
        }
        if (n - at < F) break;
        const unsigned char *frame = w + at;
        if (memcmp(frame, f->sync, S) != 0) {
            lose_sync(p);
            at++;
            continue;
        }
        if (f->checksum != RP_BINARY_CHECKSUM_NONE &&
            checksum_of(f->checksum, frame + S, p->payload_bytes) != frame[F - 1]) {
            /* Damaged in place (the next header follows: drop just this frame), or shorter or
             * longer than a frame (a byte lost or added: hunt from the next byte). */
            if (n - at < F + S && !at_end) break;
            if (n - at < F + S || memcmp(frame + F, f->sync, S) == 0) {
                p->stats.checksum_failed++;
                gap_frame(p);
                at += F;
            } else {
                lose_sync(p);
                at++;
            }
            continue;
        }
        convert(p, frame + S, 1);
        if (++p->fill == p->desc.block_frames) flush(p);
        at += F;
    }
    return at;
}

static void feed_framed(rp_frame_parser *p, const unsigned char *s, size_t len)
{
    while (len > 0) {
        if (p->partial_len == 0) { /* straight from the caller's bytes; keep what is undecided */
            size_t used = decode_framed(p, s, len, false);
            memcpy(p->partial, s + used, len - used); /* < frame + header bytes */
            p->partial_len = len - used;
            return;
        }
        size_t take = p->partial_cap - p->partial_len;
        if (take > len) take = len;
        memcpy(p->partial + p->partial_len, s, take);
        p->partial_len += take;
        s += take;
        len -= take;
        size_t used = decode_framed(p, p->partial, p->partial_len, false);
        memmove(p->partial, p->partial + used, p->partial_len - used);
        p->partial_len -= used;
    }
}

rp_status rp_frame_parser_feed(rp_frame_parser *parser, const void *data, size_t len)
{
    if (!parser || (!data && len > 0)) return RP_ERR_INVALID_ARG;
    if (len == 0) return RP_OK;
    parser->stats.bytes += (int64_t)len;
    if (parser->framed)
        feed_framed(parser, data, len);
    else
        feed_plain(parser, data, len);
    flush(parser); /* hand over what arrived now rather than hold a slow stream back */
    parser->stats.pending_bytes = (int64_t)parser->partial_len;
    return RP_OK;
}

rp_status rp_frame_parser_finish(rp_frame_parser *parser)
{
    if (!parser) return RP_ERR_INVALID_ARG;
    rp_frame_parser *p = parser;
    if (p->framed && p->partial_len > 0) {
        size_t used = decode_framed(p, p->partial, p->partial_len, true);
        memmove(p->partial, p->partial + used, p->partial_len - used);
        p->partial_len -= used;
        if (!p->locked) { /* the beginning of a header that never came whole */
            p->stats.sync_skipped += (int64_t)p->partial_len;
            p->partial_len = 0;
        }
    }
    flush(p);
    /* a stream that goes on later (a serial device back) starts anywhere: hunt again */
    p->locked = p->desc.format.sync_len == 0;
    p->stats.pending_bytes = 0;
    if (p->partial_len == 0) return RP_OK;
    p->stats.truncated_bytes += (int64_t)p->partial_len;
    rp_io_msg(p->last_error, sizeof p->last_error,
              "stream ended inside a frame: %zu of %zu bytes dropped", p->partial_len,
              p->frame_bytes);
    p->partial_len = 0;
    return RP_ERR_PARSE;
}

rp_binary_stats rp_frame_parser_stats(const rp_frame_parser *parser)
{
    rp_binary_stats none = {0};
    return parser ? parser->stats : none;
}

const char *rp_frame_parser_last_error(const rp_frame_parser *parser)
{
    return parser ? parser->last_error : "";
}

/* ---- names ------------------------------------------------------------------------------------ */

static const char *const k_type_names[RP_BINARY_TYPE_COUNT] = {
    [RP_BINARY_FLOAT32] = "float32", [RP_BINARY_INT8] = "int8",      [RP_BINARY_UINT8] = "uint8",
    [RP_BINARY_INT16] = "int16",     [RP_BINARY_UINT16] = "uint16",  [RP_BINARY_INT32] = "int32",
    [RP_BINARY_UINT32] = "uint32",   [RP_BINARY_FLOAT64] = "float64"};
static const char *const k_order_names[] = {"little", "big"};
static const char *const k_checksum_names[] = {"none", "sum8", "xor8"};

const char *rp_binary_type_name(rp_binary_type type)
{
    return (unsigned)type < RP_BINARY_TYPE_COUNT ? k_type_names[type] : NULL;
}
const char *rp_byte_order_name(rp_byte_order order)
{
    return (unsigned)order <= RP_BYTE_ORDER_BIG ? k_order_names[order] : NULL;
}
const char *rp_binary_checksum_name(rp_binary_checksum checksum)
{
    return (unsigned)checksum <= RP_BINARY_CHECKSUM_XOR8 ? k_checksum_names[checksum] : NULL;
}

/* Index of s in names[0..count), or -1 with "expected a, b or c" in err. */
static int pick_name(const char *s, const char *const *names, int count, char *err, size_t err_size)
{
    for (int i = 0; i < count; i++)
        if (s && !strcmp(s, names[i])) return i;
    rp_io_msg(err, err_size, "expected");
    for (int i = 0; i < count; i++) {
        size_t len = strlen(err);
        rp_io_msg(err + len, err_size - len, "%s%s",
                  i == 0          ? " "
                  : i + 1 < count ? ", "
                                  : " or ",
                  names[i]);
    }
    return -1;
}

rp_status rp_parse_binary_type(const char *s, rp_binary_type *out, char *err, size_t err_size)
{
    int k = pick_name(s, k_type_names, RP_BINARY_TYPE_COUNT, err, err_size);
    if (k < 0) return RP_ERR_PARSE;
    *out = (rp_binary_type)k;
    return RP_OK;
}

rp_status rp_parse_byte_order(const char *s, rp_byte_order *out, char *err, size_t err_size)
{
    int k = pick_name(s, k_order_names, 2, err, err_size);
    if (k < 0) return RP_ERR_PARSE;
    *out = (rp_byte_order)k;
    return RP_OK;
}

rp_status rp_parse_binary_checksum(const char *s, rp_binary_checksum *out, char *err,
                                   size_t err_size)
{
    int k = pick_name(s, k_checksum_names, 3, err, err_size);
    if (k < 0) return RP_ERR_PARSE;
    *out = (rp_binary_checksum)k;
    return RP_OK;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

rp_status rp_parse_binary_sync(const char *s, uint8_t *sync, int *len, char *err, size_t err_size)
{
    if (s && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    int n = 0, half = -1;
    for (; s && *s; s++) {
        if (*s == ' ' || *s == ':' || *s == '-') {
            if (half >= 0) break; /* a separator inside a byte */
            continue;
        }
        int d = hex_digit(*s);
        if (d < 0 || (half < 0 && n == RP_BINARY_SYNC_MAX)) {
            n = -1;
            break;
        }
        if (half < 0) {
            half = d;
        } else {
            sync[n++] = (uint8_t)(half << 4 | d);
            half = -1;
        }
    }
    if (!s || n < 1 || half >= 0) {
        rp_io_msg(err, err_size, "expected 1 to %d bytes in hex, two digits each (e.g. AA55)",
                  RP_BINARY_SYNC_MAX);
        return RP_ERR_PARSE;
    }
    *len = n;
    return RP_OK;
}

const char *rp_binary_sync_hex(const uint8_t *sync, int len, char *out, size_t size)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t k = 0;
    for (int i = 0; i < len && k + 2 < size; i++) {
        out[k++] = digits[sync[i] >> 4];
        out[k++] = digits[sync[i] & 15];
    }
    if (size) out[k < size ? k : size - 1] = 0;
    return out;
}
