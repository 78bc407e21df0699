/* test_io_binary.c — binary float32 frames: split at every possible offset, any channel count,
 * blocks in order with exact values, truncated frames counted. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"

#define MAX_FRAMES 512
#define MAX_CH 16

typedef struct collected {
    float v[MAX_CH][MAX_FRAMES];
    int64_t frames; /* frames received */
    int64_t blocks;
    bool order_ok; /* first_frame always continues the previous block */
    int channels;
} collected;

static void on_block(void *user, const rp_frame_block *b)
{
    collected *c = user;
    if (b->first_frame != c->frames || b->channels != c->channels || b->frames < 1)
        c->order_ok = false;
    for (int ch = 0; ch < b->channels && ch < MAX_CH; ch++)
        for (int i = 0; i < b->frames; i++)
            if (c->frames + i < MAX_FRAMES)
                c->v[ch][c->frames + i] = b->samples[(size_t)ch * b->stride + (size_t)i];
    c->frames += b->frames;
    c->blocks++;
}

/* Little-endian bytes of a float, written by hand so the test means the same on any host. */
static void put_le(unsigned char *o, float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    o[0] = (unsigned char)u;
    o[1] = (unsigned char)(u >> 8);
    o[2] = (unsigned char)(u >> 16);
    o[3] = (unsigned char)(u >> 24);
}

static float expected(int ch, int i)
{
    if (i == 7) return NAN;
    if (i == 8) return -INFINITY;
    return (float)(ch * 1000 + i) + 0.125f;
}

static bool check(const collected *c, int C, int frames)
{
    if (c->frames != frames || !c->order_ok) return false;
    for (int ch = 0; ch < C; ch++)
        for (int i = 0; i < frames; i++) {
            float a = c->v[ch][i], b = expected(ch, i);
            if (!(a == b || (isnan(a) && isnan(b)))) return false;
        }
    return true;
}

static collected g_c;

int main(void)
{
    static unsigned char bytes[MAX_FRAMES * MAX_CH * 4];
    const int channel_counts[] = {1, 2, 3, 4, 5, 8, 13, 16};
    for (size_t k = 0; k < sizeof channel_counts / sizeof channel_counts[0]; k++) {
        int C = channel_counts[k];
        int frames = 100;
        size_t len = (size_t)frames * (size_t)C * 4;
        for (int i = 0; i < frames; i++)
            for (int ch = 0; ch < C; ch++)
                put_le(bytes + ((size_t)i * (size_t)C + (size_t)ch) * 4, expected(ch, i));
        /* Split into two reads at every offset, with a small block (7 frames) so blocks fill up. */
        bool all = true;
        for (size_t cut = 0; cut <= len; cut++) {
            memset(&g_c, 0, sizeof g_c);
            g_c.order_ok = true;
            g_c.channels = C;
            rp_frame_parser *p = NULL;
            if (rp_frame_parser_create(
                    &(rp_frame_parser_desc){
                        .channels = C, .block_frames = 7, .on_block = on_block, .user = &g_c},
                    &p) != RP_OK) {
                all = false;
                break;
            }
            rp_frame_parser_feed(p, bytes, cut);
            rp_frame_parser_feed(p, bytes + cut, len - cut);
            if (rp_frame_parser_finish(p) != RP_OK || !check(&g_c, C, frames)) all = false;
            rp_binary_stats s = rp_frame_parser_stats(p);
            if (s.frames != frames || s.bytes != (int64_t)len || s.truncated_bytes != 0)
                all = false;
            rp_frame_parser_destroy(p);
        }
        RP_CHECK_MSG(all, "%d channels, split at every offset", C);
        /* Byte by byte and random chunks, with a caller buffer and the default block size. */
        static float buffer[MAX_CH * RP_FRAME_BLOCK_DEFAULT];
        uint64_t seed = 99 + (uint64_t)C;
        for (int mode = 0; mode < 2; mode++) {
            memset(&g_c, 0, sizeof g_c);
            g_c.order_ok = true;
            g_c.channels = C;
            rp_frame_parser *p = NULL;
            RP_CHECK(rp_frame_parser_create(
                         &(rp_frame_parser_desc){
                             .channels = C, .buffer = buffer, .on_block = on_block, .user = &g_c},
                         &p) == RP_OK);
            size_t off = 0;
            while (off < len) {
                seed = seed * 6364136223846793005u + 1442695040888963407u;
                size_t n = mode == 0 ? 1 : 1 + (size_t)(seed >> 33) % 23;
                if (n > len - off) n = len - off;
                rp_frame_parser_feed(p, bytes + off, n);
                off += n;
            }
            RP_CHECK(rp_frame_parser_finish(p) == RP_OK);
            RP_CHECK_MSG(check(&g_c, C, frames), "%d channels, mode %d", C, mode);
            rp_frame_parser_destroy(p);
        }
    }
    /* A stream that ends inside a frame: the partial frame is counted, not emitted. */
    memset(&g_c, 0, sizeof g_c);
    g_c.order_ok = true;
    g_c.channels = 3;
    rp_frame_parser *p = NULL;
    RP_CHECK(rp_frame_parser_create(
                 &(rp_frame_parser_desc){.channels = 3, .on_block = on_block, .user = &g_c}, &p) ==
             RP_OK);
    for (int i = 0; i < 2; i++)
        for (int ch = 0; ch < 3; ch++)
            put_le(bytes + ((size_t)i * 3 + (size_t)ch) * 4, expected(ch, i));
    RP_CHECK(rp_frame_parser_feed(p, bytes, 12 + 5) == RP_OK);
    RP_CHECK_EQ_INT(rp_frame_parser_stats(p).pending_bytes, 5);
    RP_CHECK_EQ_INT(g_c.frames, 1);
    RP_CHECK(rp_frame_parser_finish(p) == RP_ERR_PARSE);
    RP_CHECK_EQ_INT(rp_frame_parser_stats(p).truncated_bytes, 5);
    RP_CHECK(strstr(rp_frame_parser_last_error(p), "5 of 12 bytes") != NULL);
    rp_frame_parser_destroy(p);
    /* Bad arguments. */
    RP_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = 0, .on_block = on_block},
                                    &p) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = RP_FRAME_CHANNELS_MAX + 1,
                                                            .on_block = on_block},
                                    &p) == RP_ERR_LIMIT);
    RP_CHECK(rp_frame_parser_create(&(rp_frame_parser_desc){.channels = 2}, &p) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(rp_frame_parser_feed(NULL, bytes, 4) == RP_ERR_INVALID_ARG);
    return rp_test_finish();
}
