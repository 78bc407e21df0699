/* fuzz_text.c — the Teleplot text line parser, streamed in random chunks.
 * Input: byte 0 = options (bit 0 prefix_only, the rest seeds the chunking), then the stream.
 * Checks: counters add up; every emitted sample is well formed; any chunking emits exactly the
 * same samples and counters as one feed call. */
#include <math.h>

#include "fuzz_util.h"
#include "io/parse.h"

typedef struct acc {
    uint64_t hash;
    int64_t count;
} acc;

static void on_sample(void *user, const rp_line_sample *s)
{
    acc *a = user;
    FUZZ_CHECK(s->name && s->name_len >= 1 && s->name_len <= RP_LINE_NAME_MAX);
    for (size_t i = 0; i < s->name_len; i++) {
        unsigned char c = (unsigned char)s->name[i];
        FUZZ_CHECK(c > 0x20 && c != 0x7F && c != ':' && c != ',' && c != ';' && c != '|');
    }
    FUZZ_CHECK(!s->has_timestamp || isfinite(s->timestamp_ms));
    a->hash = fuzz_hash(a->hash, s->name, s->name_len);
    a->hash = fuzz_hash(a->hash, &s->value, sizeof s->value);
    a->hash = fuzz_hash(a->hash, &s->has_timestamp, sizeof s->has_timestamp);
    if (s->has_timestamp) a->hash = fuzz_hash(a->hash, &s->timestamp_ms, sizeof s->timestamp_ms);
    a->count++;
}

static void check_stats(const rp_line_stats *st, const acc *a, size_t size)
{
    int64_t sum = 0;
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) {
        FUZZ_CHECK(st->rejected[r] >= 0);
        sum += st->rejected[r];
    }
    FUZZ_CHECK(sum == st->lines_rejected);
    FUZZ_CHECK(st->lines ==
               st->lines_ok + st->lines_empty + st->lines_ignored + st->lines_rejected);
    FUZZ_CHECK(st->samples == a->count);
    FUZZ_CHECK(st->samples <= st->lines_ok * RP_LINE_VALUES_MAX);
    FUZZ_CHECK(st->bytes == (int64_t)size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint32_t seed = 0x9E3779B9u ^ data[0];
    bool prefix_only = data[0] & 1;
    data++;
    size--;

    acc chunked = {1469598103934665603ull, 0}, whole = chunked;
    rp_line_parser *p1 = NULL, *p2 = NULL;
    FUZZ_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample,
                                                            .user = &chunked,
                                                            .prefix_only = prefix_only},
                                     &p1) == RP_OK);
    FUZZ_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample,
                                                            .user = &whole,
                                                            .prefix_only = prefix_only},
                                     &p2) == RP_OK);
    for (size_t off = 0; off < size;) {
        size_t n = fuzz_chunk(&seed, size - off);
        rp_status st = rp_line_parser_feed(p1, data + off, n);
        FUZZ_CHECK(st == RP_OK || st == RP_ERR_PARSE);
        FUZZ_CHECK(strlen(rp_line_parser_last_error(p1)) < RP_IO_ERROR_MAX);
        off += n;
    }
    rp_line_parser_finish(p1);
    rp_line_parser_feed(p2, data, size);
    rp_line_parser_finish(p2);

    rp_line_stats s1 = rp_line_parser_stats(p1), s2 = rp_line_parser_stats(p2);
    check_stats(&s1, &chunked, size);
    check_stats(&s2, &whole, size);
    FUZZ_CHECK(chunked.hash == whole.hash);
    FUZZ_CHECK(memcmp(&s1, &s2, sizeof s1) == 0);
    /* messages never carry control bytes from the input */
    for (const char *m = rp_line_parser_last_error(p1); *m; m++)
        FUZZ_CHECK((unsigned char)*m >= 0x20);
    rp_line_parser_destroy(p1);
    rp_line_parser_destroy(p2);
    return 0;
}
