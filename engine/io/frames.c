/* frames.c — interleaved little-endian float32 frames → de-interleaved per-channel blocks. */
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

struct rp_frame_parser {
    rp_frame_parser_desc desc;
    float *buf; /* channels × block_frames, channel-major */
    bool owns_buf;
    size_t frame_bytes;
    int fill; /* frames in the current block */
    rp_binary_stats stats;
    unsigned char partial[RP_FRAME_CHANNELS_MAX * 4]; /* an incomplete frame between feeds */
    size_t partial_len;
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

static void flush(rp_frame_parser *p)
{
    if (p->fill == 0) return;
    rp_frame_block block = {
        .samples = p->buf,
        .stride = (size_t)p->desc.block_frames,
        .channels = p->desc.channels,
        .frames = p->fill,
        .first_frame = p->stats.frames,
    };
    p->stats.frames += p->fill;
    p->stats.blocks++;
    p->fill = 0;
    p->desc.on_block(p->desc.user, &block);
}

rp_status rp_frame_parser_create(const rp_frame_parser_desc *desc, rp_frame_parser **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!desc || !desc->on_block || desc->channels < 1 || desc->block_frames < 0)
        return RP_ERR_INVALID_ARG;
    if (desc->channels > RP_FRAME_CHANNELS_MAX) return RP_ERR_LIMIT;
    rp_frame_parser *p = calloc(1, sizeof *p);
    if (!p) return RP_ERR_NO_MEMORY;
    p->desc = *desc;
    if (p->desc.block_frames == 0) p->desc.block_frames = RP_FRAME_BLOCK_DEFAULT;
    p->frame_bytes = (size_t)desc->channels * 4;
    p->buf = desc->buffer;
    if (!p->buf) {
        p->buf = malloc((size_t)p->desc.channels * (size_t)p->desc.block_frames * sizeof(float));
        if (!p->buf) {
            free(p);
            return RP_ERR_NO_MEMORY;
        }
        p->owns_buf = true;
    }
    *out = p;
    return RP_OK;
}

void rp_frame_parser_destroy(rp_frame_parser *parser)
{
    if (!parser) return;
    if (parser->owns_buf) free(parser->buf);
    free(parser);
}

rp_status rp_frame_parser_feed(rp_frame_parser *parser, const void *data, size_t len)
{
    if (!parser || (!data && len > 0)) return RP_ERR_INVALID_ARG;
    if (len == 0) return RP_OK;
    rp_frame_parser *p = parser;
    const unsigned char *s = data;
    const int C = p->desc.channels, B = p->desc.block_frames;
    const size_t fb = p->frame_bytes, stride = (size_t)B;
    p->stats.bytes += (int64_t)len;
    if (p->partial_len > 0) { /* complete the frame split by the previous chunk */
        size_t take = fb - p->partial_len;
        if (take > len) take = len;
        memcpy(p->partial + p->partial_len, s, take);
        p->partial_len += take;
        s += take;
        len -= take;
        if (p->partial_len == fb) {
            deinterleave(p->partial, C, 1, p->buf + p->fill, stride);
            p->partial_len = 0;
            if (++p->fill == B) flush(p);
        }
    }
    while (len >= fb) {
        size_t k = len / fb;
        if (k > (size_t)(B - p->fill)) k = (size_t)(B - p->fill);
        deinterleave(s, C, (int)k, p->buf + p->fill, stride);
        p->fill += (int)k;
        s += k * fb;
        len -= k * fb;
        if (p->fill == B) flush(p);
    }
    if (len > 0) { /* keep the start of a split frame for the next chunk */
        memcpy(p->partial + p->partial_len, s, len);
        p->partial_len += len;
    }
    flush(p); /* hand over what arrived now rather than hold a slow stream back */
    p->stats.pending_bytes = (int64_t)p->partial_len;
    return RP_OK;
}

rp_status rp_frame_parser_finish(rp_frame_parser *parser)
{
    if (!parser) return RP_ERR_INVALID_ARG;
    flush(parser);
    if (parser->partial_len == 0) return RP_OK;
    parser->stats.truncated_bytes += (int64_t)parser->partial_len;
    rp_io_msg(parser->last_error, sizeof parser->last_error,
              "stream ended inside a frame: %zu of %zu bytes dropped", parser->partial_len,
              parser->frame_bytes);
    parser->partial_len = 0;
    parser->stats.pending_bytes = 0;
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
