/* fuzz_frames.c — binary float32 frames, any channel count and block size, random chunking.
 * Input: bytes 0..2 = channels / block size / options, then the stream.
 * Checks: every complete frame comes out once, in order, bit-exact and de-interleaved to the
 * right channel; blocks respect their size; an incomplete tail is counted, never emitted. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    int channels = data[0] & 0x80 ? 1 + (int)((data[0] << 8 | data[1]) % RP_FRAME_CHANNELS_MAX)
                                  : 1 + data[0] % 8;
    int block = data[2] % 64; /* 0: the default */
    bool own_buffer = data[2] & 0x40;
    uint32_t seed = 0xABCDu ^ data[1] ^ ((uint32_t)data[2] << 8);
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
