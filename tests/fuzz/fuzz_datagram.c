/* fuzz_datagram.c — UDP datagrams into the text line parser, interleaved with a stream.
 * Input: byte 0 = how many datagrams, then the bytes, cut into: stream part A, datagrams, stream
 * part B. Checks: a datagram emits exactly what a fresh parser emits for the same bytes as a
 * finished stream; datagrams neither use nor disturb the stream's pending line; oversized
 * datagrams are dropped whole and counted. */
#include "fuzz_util.h"
#include "io/parse.h"

typedef struct acc {
    uint64_t hash;
    int64_t count;
} acc;

static void on_sample(void *user, const rp_line_sample *s)
{
    acc *a = user;
    FUZZ_CHECK(s->name_len >= 1 && s->name_len <= RP_LINE_NAME_MAX);
    FUZZ_CHECK(s->unit_len <= RP_LINE_UNIT_MAX);
    a->hash = fuzz_hash(a->hash, s->name, s->name_len);
    a->hash = fuzz_hash(a->hash, &s->value, sizeof s->value);
    a->hash = fuzz_hash(a->hash, s->unit ? s->unit : "", s->unit_len);
    a->count++;
}

/* XY points, texts and logs count like samples: a datagram must emit them exactly as a stream. */
static void on_event(void *user, const rp_line_event *ev)
{
    acc *a = user;
    a->hash = fuzz_hash(a->hash, &ev->kind, sizeof ev->kind);
    if (ev->name) a->hash = fuzz_hash(a->hash, ev->name, ev->name_len);
    if (ev->text) a->hash = fuzz_hash(a->hash, ev->text, ev->text_len);
    a->hash = fuzz_hash(a->hash, &ev->x, sizeof ev->x);
    a->hash = fuzz_hash(a->hash, &ev->y, sizeof ev->y);
    a->count++;
}

static rp_line_parser *make(acc *a)
{
    rp_line_parser *p = NULL;
    FUZZ_CHECK(rp_line_parser_create(
                   &(rp_line_parser_desc){.on_sample = on_sample, .on_event = on_event, .user = a},
                   &p) == RP_OK);
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    int datagrams = data[0] % 5;
    size_t cut_a = data[1] % (size - 2 + 1); /* stream bytes before the datagrams */
    data += 2;
    size -= 2;
    if (cut_a > size) cut_a = size;

    acc mixed = {1, 0}, ref_stream = {1, 0}, ref_dgram = {1, 0};
    rp_line_parser *mix = make(&mixed), *stream_only = make(&ref_stream),
                   *dgram_only = make(&ref_dgram);

    rp_line_parser_feed(mix, data, cut_a);
    rp_line_parser_feed(stream_only, data, cut_a);
    /* datagrams: the rest, in `datagrams` equal pieces (the last one takes the remainder), and
     * the stream part B is the datagram bytes again: the pending line must be unaffected */
    size_t rest = size - cut_a, piece = datagrams ? rest / (size_t)datagrams : 0;
    acc per = {1, 0};
    for (int d = 0; d < datagrams; d++) {
        const uint8_t *dp = data + cut_a + (size_t)d * piece;
        size_t dn = d == datagrams - 1 ? rest - (size_t)d * piece : piece;
        int64_t before = mixed.count;
        rp_status st = rp_line_parser_feed_datagram(mix, dp, dn);
        FUZZ_CHECK(st == RP_OK || st == RP_ERR_PARSE);
        /* reference: the same bytes as a complete stream in a fresh parser */
        acc one = {1, 0};
        rp_line_parser *ref = make(&one);
        rp_line_parser_feed(ref, dp, dn);
        rp_line_parser_finish(ref);
        FUZZ_CHECK(mixed.count - before == one.count);
        per.hash = fuzz_hash(per.hash, &one.hash, sizeof one.hash);
        rp_line_parser_destroy(ref);
        rp_line_parser_feed_datagram(dgram_only, dp, dn);
    }
    rp_line_parser_feed(mix, data + cut_a, rest);
    rp_line_parser_finish(mix);
    rp_line_parser_feed(stream_only, data + cut_a, rest);
    rp_line_parser_finish(stream_only);
    FUZZ_CHECK(mixed.count == ref_stream.count + ref_dgram.count);

    rp_line_stats s = rp_line_parser_stats(mix);
    FUZZ_CHECK(s.datagrams == datagrams);
    FUZZ_CHECK(s.lines == s.lines_ok + s.lines_empty + s.lines_ignored + s.lines_rejected);
    FUZZ_CHECK(s.bytes == (int64_t)(size + (datagrams ? rest : 0)));
    rp_line_parser_destroy(mix);
    rp_line_parser_destroy(stream_only);

    /* an oversized datagram is dropped whole, counted, and the parser goes on */
    if (size > 0 && (data[0] & 0x80)) {
        static uint8_t big[RP_DATAGRAM_MAX + 1];
        for (size_t i = 0; i < sizeof big; i++) big[i] = data[i % size];
        int64_t before = ref_dgram.count;
        rp_line_stats b = rp_line_parser_stats(dgram_only);
        FUZZ_CHECK(rp_line_parser_feed_datagram(dgram_only, big, sizeof big) == RP_ERR_LIMIT);
        rp_line_stats a = rp_line_parser_stats(dgram_only);
        FUZZ_CHECK(ref_dgram.count == before);
        FUZZ_CHECK(a.datagrams_rejected == b.datagrams_rejected + 1 && a.lines == b.lines);
        FUZZ_CHECK(strstr(rp_line_parser_last_error(dgram_only), "dropped") != NULL);
    }
    rp_line_parser_destroy(dgram_only);
    return 0;
}
