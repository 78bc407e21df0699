/* test_io_binary_formats.c — binary frames as microcontrollers send them: every value type in
 * both byte orders against known bytes, NaN/Inf only from float types, a sync header (lock,
 * a lost byte then resync with the bytes skipped counted), a failed checksum drops exactly its
 * frame, and every result is the same however the bytes are split across reads. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"

#define MAX_FRAMES 64
#define MAX_CH 4

typedef struct collected {
    float v[MAX_CH][MAX_FRAMES];
    int frames;
    int channels;
} collected;

static void on_block(void *user, const rp_frame_block *b)
{
    collected *c = user;
    for (int ch = 0; ch < b->channels && ch < MAX_CH; ch++)
        for (int i = 0; i < b->frames; i++)
            if (c->frames + i < MAX_FRAMES)
                c->v[ch][c->frames + i] = b->samples[(size_t)ch * b->stride + (size_t)i];
    c->frames += b->frames;
}

/* Parses bytes with the format, fed in pieces of `step` bytes (0: at once) or split at `cut`. */
static rp_binary_stats parse(const rp_binary_desc *f, int channels, const uint8_t *bytes,
                             size_t len, size_t cut, size_t step, collected *out)
{
    memset(out, 0, sizeof *out);
    out->channels = channels;
    rp_frame_parser *p = NULL;
    rp_frame_parser_desc d = {
        .channels = channels, .block_frames = 5, .on_block = on_block, .user = out, .format = *f};
    if (rp_frame_parser_create(&d, &p) != RP_OK) {
        RP_CHECK(!"parser created");
        return (rp_binary_stats){0};
    }
    if (step) {
        for (size_t off = 0; off < len; off += step)
            rp_frame_parser_feed(p, bytes + off, len - off < step ? len - off : step);
    } else {
        rp_frame_parser_feed(p, bytes, cut);
        rp_frame_parser_feed(p, bytes + cut, len - cut);
    }
    rp_frame_parser_finish(p);
    rp_binary_stats s = rp_frame_parser_stats(p);
    rp_frame_parser_destroy(p);
    return s;
}

static bool same_float(float a, float b) { return a == b || (isnan(a) && isnan(b)); }

/* ---- value types ------------------------------------------------------------------------------ */

typedef struct type_case {
    rp_binary_type type;
    rp_byte_order order;
    uint8_t bytes[16]; /* two values: channel 0 then channel 1 */
    float want[2];
} type_case;

static void test_types(void)
{
    const type_case cases[] = {
        {RP_BINARY_INT8, RP_BYTE_ORDER_LITTLE, {0x80, 0x7F}, {-128, 127}},
        {RP_BINARY_INT8, RP_BYTE_ORDER_BIG, {0xFF, 0x00}, {-1, 0}},
        {RP_BINARY_UINT8, RP_BYTE_ORDER_LITTLE, {0xFF, 0x01}, {255, 1}},
        {RP_BINARY_UINT8, RP_BYTE_ORDER_BIG, {0x80, 0x00}, {128, 0}},
        {RP_BINARY_INT16, RP_BYTE_ORDER_LITTLE, {0x00, 0x80, 0x34, 0x12}, {-32768, 4660}},
        {RP_BINARY_INT16, RP_BYTE_ORDER_BIG, {0x80, 0x00, 0xFF, 0xFE}, {-32768, -2}},
        {RP_BINARY_UINT16, RP_BYTE_ORDER_LITTLE, {0xFF, 0xFF, 0x34, 0x12}, {65535, 4660}},
        {RP_BINARY_UINT16, RP_BYTE_ORDER_BIG, {0x12, 0x34, 0x80, 0x00}, {4660, 32768}},
        {RP_BINARY_INT32,
         RP_BYTE_ORDER_LITTLE,
         {0, 0, 0, 0x80, 0xFE, 0xFF, 0xFF, 0xFF},
         {-2147483648.0f, -2}},
        /* 16777217 = 2^24 + 1 has no float32: rounded to 2^24 (README says so) */
        {RP_BINARY_INT32,
         RP_BYTE_ORDER_BIG,
         {0x01, 0x00, 0x00, 0x01, 0x7F, 0xFF, 0xFF, 0xFF},
         {16777216.0f, 2147483648.0f}},
        {RP_BINARY_UINT32,
         RP_BYTE_ORDER_LITTLE,
         {0x00, 0x56, 0x34, 0x12, 0, 0, 0, 0},
         {305419776.0f, 0}},
        {RP_BINARY_UINT32,
         RP_BYTE_ORDER_BIG,
         {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0x01, 0x00},
         {4294967296.0f, 256}},
        {RP_BINARY_FLOAT32,
         RP_BYTE_ORDER_LITTLE,
         {0, 0, 0xC0, 0x3F, 0, 0, 0x80, 0xFF},
         {1.5f, -INFINITY}},
        {RP_BINARY_FLOAT32, RP_BYTE_ORDER_BIG, {0x3F, 0x80, 0, 0, 0x7F, 0xC0, 0, 0}, {1.0f, NAN}},
        {RP_BINARY_FLOAT64,
         RP_BYTE_ORDER_LITTLE,
         {0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x9C, 0x75, 0x88, 0x3C, 0xE4, 0x37, 0x7E, 0x7E},
         {1.0f, INFINITY}}, /* 1e300: beyond float32 */
        {RP_BINARY_FLOAT64,
         RP_BYTE_ORDER_BIG,
         {0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18, 0xBF, 0xE0, 0, 0, 0, 0, 0, 0},
         {3.14159265f, -0.5f}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const type_case *t = &cases[k];
        rp_binary_desc f = {.type = t->type, .byte_order = t->order};
        size_t len = rp_binary_frame_bytes(&f, 2);
        collected c;
        rp_binary_stats s = parse(&f, 2, t->bytes, len, 1, 0, &c);
        RP_CHECK_MSG(c.frames == 1 && s.frames == 1, "%s %s: %d frames",
                     rp_binary_type_name(t->type), rp_byte_order_name(t->order), c.frames);
        for (int ch = 0; ch < 2; ch++)
            RP_CHECK_MSG(same_float(c.v[ch][0], t->want[ch]), "%s %s channel %d: %.9g, want %.9g",
                         rp_binary_type_name(t->type), rp_byte_order_name(t->order), ch, c.v[ch][0],
                         t->want[ch]);
        /* the encoder writes the same bytes back for values it can hold exactly */
        if (t->type != RP_BINARY_FLOAT64 && !(t->type == RP_BINARY_INT32 && k == 9) &&
            !(t->type == RP_BINARY_UINT32 && t->order == RP_BYTE_ORDER_BIG)) {
            uint8_t back[16];
            RP_CHECK_EQ_INT(rp_binary_encode(&f, t->want, 1, 2, back), len);
            RP_CHECK_MSG(!memcmp(back, t->bytes, len) || isnan(t->want[1]), "encode %s %s differs",
                         rp_binary_type_name(t->type), rp_byte_order_name(t->order));
        }
    }
}

/* Integer types never give NaN or Inf, whatever the bytes (the float32 Inf and NaN patterns
 * included); float types pass them through. */
static void test_nan_only_from_floats(void)
{
    static uint8_t bytes[65536 * 2];
    for (int order = 0; order < 2; order++) {
        for (uint32_t i = 0; i < 65536; i++) {
            bytes[2 * i] = (uint8_t)i;
            bytes[2 * i + 1] = (uint8_t)(i >> 8);
        }
        const rp_binary_type types[] = {RP_BINARY_INT8,   RP_BINARY_UINT8, RP_BINARY_INT16,
                                        RP_BINARY_UINT16, RP_BINARY_INT32, RP_BINARY_UINT32};
        for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
            rp_binary_desc f = {.type = types[k], .byte_order = (rp_byte_order)order};
            collected c;
            /* one channel: the sample buffer keeps the first 64 frames; check them all through
             * the stats and the kept ones for finiteness */
            rp_binary_stats s = parse(&f, 1, bytes, sizeof bytes, 0, 4099, &c);
            RP_CHECK_EQ_INT(s.frames, (int64_t)(sizeof bytes / rp_binary_frame_bytes(&f, 1)));
            bool finite = true;
            for (int i = 0; i < MAX_FRAMES; i++) finite &= isfinite(c.v[0][i]) != 0;
            RP_CHECK_MSG(finite, "%s gave NaN or Inf", rp_binary_type_name(types[k]));
        }
        /* the float32 +Inf and NaN patterns as int32 / uint32: plain numbers */
        const uint8_t inf_le[] = {0, 0, 0x80, 0x7F, 0, 0, 0xC0, 0x7F};
        const uint8_t inf_be[] = {0x7F, 0x80, 0, 0, 0x7F, 0xC0, 0, 0};
        for (int t = 0; t < 3; t++) {
            rp_binary_type type = t == 0   ? RP_BINARY_INT32
                                  : t == 1 ? RP_BINARY_UINT32
                                           : RP_BINARY_FLOAT32;
            rp_binary_desc f = {.type = type, .byte_order = (rp_byte_order)order};
            collected c;
            parse(&f, 2, order ? inf_be : inf_le, 8, 3, 0, &c);
            RP_CHECK_EQ_INT(c.frames, 1);
            if (type == RP_BINARY_FLOAT32)
                RP_CHECK(isinf(c.v[0][0]) && isnan(c.v[1][0]));
            else
                RP_CHECK(c.v[0][0] == 2139095040.0f && c.v[1][0] == 2143289344.0f);
        }
    }
}

/* ---- sync header and checksum ---------------------------------------------------------------- */

#define CH 3
static float value_of(int frame, int ch) { return (float)(frame * 100 + ch * 7 - 150); }

/* n frames of CH int16 big-endian values behind AA55 with the checksum; returns the length. */
static size_t make_frames(const rp_binary_desc *f, int n, uint8_t *out)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        float v[CH];
        for (int ch = 0; ch < CH; ch++) v[ch] = value_of(i, ch);
        len += rp_binary_encode(f, v, 1, CH, out + len);
    }
    return len;
}

/* The frames that came out are exactly `want` (frame numbers), values exact. */
enum { ANY = -1, GAP = -2 }; /* frames_are: a frame whose values are not checked; a gap (NaN) */

static bool frames_are(const collected *c, const int *want, int n)
{
    if (c->frames != n) return false;
    for (int i = 0; i < n; i++)
        for (int ch = 0; ch < CH; ch++)
            if (want[i] == GAP ? !isnan(c->v[ch][i])
                               : want[i] >= 0 && c->v[ch][i] != value_of(want[i], ch))
                return false;
    return true;
}

static bool stats_equal(rp_binary_stats a, rp_binary_stats b)
{
    return a.frames == b.frames && a.checksum_failed == b.checksum_failed &&
           a.sync_lost == b.sync_lost && a.sync_skipped == b.sync_skipped &&
           a.sync_found == b.sync_found && a.truncated_bytes == b.truncated_bytes &&
           a.bytes == b.bytes;
}

/* The same result for a split at every byte, and for the bytes one at a time. */
static void check_every_split(const rp_binary_desc *f, const uint8_t *bytes, size_t len,
                              const char *what)
{
    collected whole, part;
    rp_binary_stats ref = parse(f, CH, bytes, len, len, 0, &whole);
    bool same = true;
    for (size_t cut = 0; cut <= len && same; cut++) {
        rp_binary_stats s = parse(f, CH, bytes, len, cut, 0, &part);
        same = stats_equal(s, ref) && !memcmp(&part, &whole, sizeof part);
        if (!same) fprintf(stderr, "%s: split at %zu differs\n", what, cut);
    }
    rp_binary_stats s = parse(f, CH, bytes, len, 0, 1, &part);
    same = same && stats_equal(s, ref) && !memcmp(&part, &whole, sizeof part);
    RP_CHECK_MSG(same, "%s: chunking changed the result", what);
}

static void test_sync_and_checksum(void)
{
    static uint8_t bytes[4096], bad[4096];
    rp_binary_desc f = {.type = RP_BINARY_INT16,
                        .byte_order = RP_BYTE_ORDER_BIG,
                        .sync = {0xAA, 0x55},
                        .sync_len = 2,
                        .checksum = RP_BINARY_CHECKSUM_SUM8};
    const size_t F = rp_binary_frame_bytes(&f, CH);
    RP_CHECK_EQ_INT(F, 2 + CH * 2 + 1);
    size_t len = make_frames(&f, 10, bytes);
    const int all[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    collected c;

    /* lock: junk before the first header (its start "AA" included) is skipped and counted */
    const uint8_t junk[] = {0x01, 0xAA, 0x02, 0xAA};
    memcpy(bad, junk, sizeof junk);
    memcpy(bad + sizeof junk, bytes, len);
    rp_binary_stats s = parse(&f, CH, bad, len + sizeof junk, 0, 0, &c);
    RP_CHECK(frames_are(&c, all, 10));
    RP_CHECK_EQ_INT(s.sync_skipped, 4);
    RP_CHECK_EQ_INT(s.sync_found, 1);
    RP_CHECK_EQ_INT(s.sync_lost, 0);
    check_every_split(&f, bad, len + sizeof junk, "junk then frames");

    /* a damaged value byte in frame 3: exactly that frame is a gap in its place (the frames after
     * it keep their index: with --rate they were drawn 1/rate early), nothing skipped */
    memcpy(bad, bytes, len);
    bad[3 * F + 2 + 3] ^= 0x10;
    s = parse(&f, CH, bad, len, 0, 0, &c);
    const int gap3[] = {0, 1, 2, GAP, 4, 5, 6, 7, 8, 9};
    const int no3[] = {0, 1, 2, 4, 5, 6, 7, 8, 9};
    RP_CHECK(frames_are(&c, gap3, 10));
    RP_CHECK_EQ_INT(s.frames, 9);
    RP_CHECK_EQ_INT(s.checksum_failed, 1);
    RP_CHECK_EQ_INT(s.sync_lost, 0);
    RP_CHECK_EQ_INT(s.sync_skipped, 0);
    check_every_split(&f, bad, len, "damaged byte");

    /* xor8 catches the same damage */
    rp_binary_desc x = f;
    x.checksum = RP_BINARY_CHECKSUM_XOR8;
    size_t xlen = make_frames(&x, 10, bad);
    bad[3 * F + 2 + 1] ^= 0x01;
    s = parse(&x, CH, bad, xlen, 0, 0, &c);
    RP_CHECK(frames_are(&c, gap3, 10) && s.checksum_failed == 1 && s.sync_skipped == 0);

    /* a byte lost inside frame 3: it fails its checksum, the next header is not in place, the
     * decoder hunts from the next byte: frame 4 is found again; the rest of frame 3 (F - 1
     * bytes) is skipped */
    memcpy(bad, bytes, 3 * F + 4);
    memcpy(bad + 3 * F + 4, bytes + 3 * F + 5, len - 3 * F - 5);
    s = parse(&f, CH, bad, len - 1, 0, 0, &c);
    RP_CHECK(frames_are(&c, no3, 9));
    RP_CHECK_EQ_INT(s.checksum_failed, 0);
    RP_CHECK_EQ_INT(s.sync_lost, 1);
    RP_CHECK_EQ_INT(s.sync_skipped, F - 1);
    RP_CHECK_EQ_INT(s.sync_found, 2);
    check_every_split(&f, bad, len - 1, "lost byte");

    /* a byte added between frames 5 and 6: frame 6's header is one byte late: 1 skipped */
    memcpy(bad, bytes, 6 * F);
    bad[6 * F] = 0x00;
    memcpy(bad + 6 * F + 1, bytes + 6 * F, len - 6 * F);
    s = parse(&f, CH, bad, len + 1, 0, 0, &c);
    RP_CHECK(frames_are(&c, all, 10));
    RP_CHECK_EQ_INT(s.sync_lost, 1);
    RP_CHECK_EQ_INT(s.sync_skipped, 1);
    check_every_split(&f, bad, len + 1, "added byte");

    /* without a checksum a lost byte cannot be seen inside its frame: frame 3 comes out with
     * shifted bytes, its last byte was frame 4's first header byte, so frame 4 is lost too; the
     * decoder is back at frame 5 */
    rp_binary_desc n = f;
    n.checksum = RP_BINARY_CHECKSUM_NONE;
    const size_t G = rp_binary_frame_bytes(&n, CH);
    size_t nlen = make_frames(&n, 10, bytes);
    memcpy(bad, bytes, 3 * G + 4);
    memcpy(bad + 3 * G + 4, bytes + 3 * G + 5, nlen - 3 * G - 5);
    s = parse(&n, CH, bad, nlen - 1, 0, 0, &c);
    const int shifted[] = {0, 1, 2, ANY, 5, 6, 7, 8, 9};
    RP_CHECK(frames_are(&c, shifted, 9));
    RP_CHECK_EQ_INT(s.sync_lost, 1);
    RP_CHECK_EQ_INT(s.sync_skipped, G - 1);
    check_every_split(&n, bad, nlen - 1, "lost byte, no checksum");

    /* a checksum without a header: a damaged frame is a gap, the rest stay in place */
    rp_binary_desc k = {.type = RP_BINARY_UINT16, .checksum = RP_BINARY_CHECKSUM_SUM8};
    const size_t K = rp_binary_frame_bytes(&k, CH);
    for (int i = 0; i < 10; i++) {
        float v[CH];
        for (int ch = 0; ch < CH; ch++) v[ch] = value_of(i, ch) + 1000;
        rp_binary_encode(&k, v, 1, CH, bad + (size_t)i * K);
    }
    bad[2 * K] ^= 0xFF;
    s = parse(&k, CH, bad, 10 * K, 0, 0, &c);
    RP_CHECK(c.frames == 10 && s.frames == 9 && s.checksum_failed == 1 && isnan(c.v[0][2]) &&
             c.v[0][3] == value_of(3, 0) + 1000);
    check_every_split(&k, bad, 10 * K, "checksum, no header");

    /* the stream ends on a frame that failed its checksum (no next header to look at): a gap;
     * a frame cut by the end is truncated */
    memcpy(bad, bytes, 0);
    len = make_frames(&f, 3, bad);
    bad[len - 1] ^= 0x01;
    s = parse(&f, CH, bad, len, 0, 0, &c);
    RP_CHECK(c.frames == 3 && s.frames == 2 && isnan(c.v[0][2]) && s.checksum_failed == 1 &&
             s.truncated_bytes == 0);
    len = make_frames(&f, 3, bad);
    s = parse(&f, CH, bad, len - 2, 0, 0, &c);
    RP_CHECK(c.frames == 2 && s.truncated_bytes == (int64_t)F - 2 && s.checksum_failed == 0);

    /* a header of 8 bytes, float64 little-endian: the widest frame parts */
    rp_binary_desc w = {.type = RP_BINARY_FLOAT64,
                        .sync = {1, 2, 3, 4, 5, 6, 7, 8},
                        .sync_len = 8,
                        .checksum = RP_BINARY_CHECKSUM_XOR8};
    size_t wlen = make_frames(&w, 10, bad + 5);
    memset(bad, 0xEE, 5);
    s = parse(&w, CH, bad, wlen + 5, 0, 0, &c);
    RP_CHECK(frames_are(&c, all, 10) && s.sync_skipped == 5);
    check_every_split(&w, bad, wlen + 5, "8-byte header");
}

/* A plain int16 stream (no header) keeps today's cutting: frames split anywhere. */
static void test_plain_typed_split(void)
{
    uint8_t bytes[256];
    rp_binary_desc f = {.type = RP_BINARY_INT16, .byte_order = RP_BYTE_ORDER_BIG};
    size_t len = make_frames(&f, 20, bytes);
    RP_CHECK_EQ_INT(len, 20 * CH * 2);
    check_every_split(&f, bytes, len, "plain int16");
    collected c;
    rp_binary_stats s = parse(&f, CH, bytes, len - 3, 0, 0, &c);
    RP_CHECK(c.frames == 19 && s.truncated_bytes == 3 && s.sync_skipped == 0);
}

static void test_names(void)
{
    uint8_t sync[RP_BINARY_SYNC_MAX];
    int n = 0;
    char err[RP_IO_ERROR_MAX], hex[2 * RP_BINARY_SYNC_MAX + 1];
    RP_CHECK(rp_parse_binary_sync("AA55", sync, &n, err, sizeof err) == RP_OK && n == 2 &&
             sync[0] == 0xAA && sync[1] == 0x55);
    RP_CHECK(rp_parse_binary_sync("0xaa 55 0F", sync, &n, err, sizeof err) == RP_OK && n == 3 &&
             !strcmp(rp_binary_sync_hex(sync, n, hex, sizeof hex), "AA550F"));
    RP_CHECK(rp_parse_binary_sync("0102030405060708", sync, &n, err, sizeof err) == RP_OK &&
             n == 8);
    const char *bad[] = {"", "A", "AA5", "GG", "010203040506070809", "A A", "0x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        RP_CHECK_MSG(rp_parse_binary_sync(bad[i], sync, &n, err, sizeof err) == RP_ERR_PARSE &&
                         strstr(err, "hex"),
                     "'%s' accepted", bad[i]);
    for (int t = 0; t < RP_BINARY_TYPE_COUNT; t++) {
        rp_binary_type back;
        RP_CHECK(rp_parse_binary_type(rp_binary_type_name((rp_binary_type)t), &back, err,
                                      sizeof err) == RP_OK &&
                 back == (rp_binary_type)t);
    }
    rp_binary_type type;
    RP_CHECK(rp_parse_binary_type("int24", &type, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK_MSG(!strcmp(err, "expected float32, int8, uint8, int16, uint16, int32, uint32 or "
                              "float64"),
                 "%s", err);
    rp_byte_order order;
    RP_CHECK(rp_parse_byte_order("big", &order, err, sizeof err) == RP_OK &&
             order == RP_BYTE_ORDER_BIG);
    RP_CHECK(rp_parse_byte_order("network", &order, err, sizeof err) == RP_ERR_PARSE);
    rp_binary_checksum sum;
    RP_CHECK(rp_parse_binary_checksum("xor8", &sum, err, sizeof err) == RP_OK &&
             sum == RP_BINARY_CHECKSUM_XOR8);
    RP_CHECK(rp_parse_binary_checksum("crc16", &sum, err, sizeof err) == RP_ERR_PARSE &&
             !strcmp(err, "expected none, sum8 or xor8"));
    /* a desc out of range is refused by the parser */
    rp_frame_parser *p = NULL;
    RP_CHECK(rp_frame_parser_create(
                 &(rp_frame_parser_desc){.channels = 1,
                                         .on_block = on_block,
                                         .format = {.sync_len = RP_BINARY_SYNC_MAX + 1}},
                 &p) == RP_ERR_INVALID_ARG &&
             !p);
    RP_CHECK(rp_binary_desc_check(&(rp_binary_desc){.type = RP_BINARY_TYPE_COUNT}, err,
                                  sizeof err) == RP_ERR_INVALID_ARG &&
             strstr(err, "type"));
}

int main(void)
{
    test_types();
    test_nan_only_from_floats();
    test_sync_and_checksum();
    test_plain_typed_split();
    test_names();
    return rp_test_finish();
}
