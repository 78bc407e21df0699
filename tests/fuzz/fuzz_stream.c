/* fuzz_stream.c — a byte stream (stdin, a serial port, a file) through an fd source: format
 * detection (text, CSV, headers, banners, comment headers, JSON lines), then the chosen parser,
 * without a descriptor (rp_ingest_stream_deliver). Input: byte 0 = options (bits 0-1 the format:
 * auto, auto, text, csv; bit 2 --rate 1000; the rest seeds the chunking), then the stream.
 * Checks: every series made has a valid UTF-8 name without control bytes; accepted samples never
 * exceed what the store holds; cut into random chunks the stream makes the same series, with the
 * same samples and the same counters, as in one piece (detection judges whole lines only). */
#include <fcntl.h>

#include "fuzz_util.h"
#include "ingest/ingest.h"

typedef struct outcome {
    int series;
    uint64_t names; /* hash of the names in order, with each one's accepted count */
    rp_source_stats stats;
} outcome;

/* A clock that never moves: the time model is the same however the bytes are cut. */
static double still_clock(void *user)
{
    (void)user;
    return 1000.0;
}

static outcome run(const uint8_t *data, size_t size, uint8_t options, uint32_t chunking)
{
    static const rp_stream_format formats[4] = {RP_FORMAT_AUTO, RP_FORMAT_AUTO, RP_FORMAT_TEXT,
                                                RP_FORMAT_CSV};
    rp_ingest *ing = NULL;
    FUZZ_CHECK(rp_ingest_create(
                   &(rp_ingest_desc){.capacity = 1024, .max_series = 16, .clock = still_clock},
                   &ing) == RP_OK);
    static int null_fd = -1; /* an open descriptor the source checks and never reads */
    if (null_fd < 0) null_fd = open("/dev/null", O_RDONLY);
    FUZZ_CHECK(null_fd >= 0);
    rp_source_desc d = {.kind = RP_SOURCE_FD,
                        .fd.fd = null_fd,
                        .format = formats[options & 3],
                        .rate = options & 4 ? 1000 : 0};
    char err[256];
    FUZZ_CHECK(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    size_t at = 0;
    do {
        size_t n = chunking ? fuzz_chunk(&chunking, size - at) : size - at;
        FUZZ_CHECK(rp_ingest_stream_deliver(ing, 0, data + at, n, at + n == size) == RP_OK);
        at += n;
    } while (at < size);
    outcome o = {.series = rp_ingest_series_count(ing), .names = 1469598103934665603ull};
    o.stats = rp_ingest_source_stats(ing, 0);
    int64_t stored = 0;
    for (int i = 0; i < o.series; i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (!s) continue;
        const char *name = rp_series_name(s);
        FUZZ_CHECK(fuzz_name_ok(name, RP_NAME_MAX));
        int64_t accepted = rp_series_stats_get(s).accepted;
        stored += accepted;
        o.names = fuzz_hash(o.names, name, strlen(name) + 1);
        o.names = fuzz_hash(o.names, &accepted, sizeof accepted);
    }
    FUZZ_CHECK(o.stats.samples <= stored); /* gap markers may add to stored, never the reverse */
    rp_ingest_destroy(ing);
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t options = data[0];
    outcome whole = run(data + 1, size - 1, options, 0);
    outcome cut = run(data + 1, size - 1, options, (uint32_t)(options >> 3) * 2654435761u | 1);
    FUZZ_CHECK(whole.series == cut.series);
    FUZZ_CHECK(whole.names == cut.names);
    FUZZ_CHECK(whole.stats.samples == cut.stats.samples);
    FUZZ_CHECK(whole.stats.lines_rejected == cut.stats.lines_rejected);
    for (int r = 0; r < RP_REFUSAL_COUNT; r++)
        FUZZ_CHECK(whole.stats.refused[r] == cut.stats.refused[r]);
    return 0;
}
