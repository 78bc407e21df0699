/* rp_test_ingest.h — what the ingest tests share: finding a source's series by name, its count,
 * and a byte-stream source on a pipe that the test writes into.
 *
 *   int fds[2];
 *   rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){.format = RP_FORMAT_CSV}, fds);
 *   rp_test_pipe_finish(ing, fds, "a,b\n1,2\n");   // writes, closes, waits for the end
 *   RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 1);
 *
 * Needs ingest/ingest.h (the engine's internal headers are on the tests' include path). */
#ifndef RP_TEST_INGEST_H
#define RP_TEST_INGEST_H

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ingest/ingest.h"

/* Binary frames as a typical board sends them: int16 big-endian values behind an AA55 header,
 * a sum8 checksum after them. */
static inline rp_binary_desc rp_test_board_format(void)
{
    return (rp_binary_desc){.type = RP_BINARY_INT16,
                            .byte_order = RP_BYTE_ORDER_BIG,
                            .sync = {0xAA, 0x55},
                            .sync_len = 2,
                            .checksum = RP_BINARY_CHECKSUM_SUM8};
}

/* The series called name (NULL while it does not exist yet). */
static inline rp_series *rp_test_find(const rp_ingest *ing, const char *name)
{
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && strcmp(rp_series_name(s), name) == 0) return s;
    }
    return NULL;
}

/* Samples accepted by series name; -1 while it does not exist. */
static inline int64_t rp_test_accepted(const rp_ingest *ing, const char *name)
{
    rp_series *s = rp_test_find(ing, name);
    return s ? rp_series_stats_get(s).accepted : -1;
}

/* A wait for another thread ends as soon as what it waits for happened; its bound only keeps a
 * broken build from hanging: 60 s in 1 ms steps, ample for valgrind on a loaded 2-core machine
 * (bounds of 2-5 s failed there). */
#define RP_TEST_WAIT_STEPS 60000

/* Waits (bounded: RP_TEST_WAIT_STEPS ms) until every source has ended. */
static inline void rp_test_wait_ended(const rp_ingest *ing)
{
    for (int i = 0; i < RP_TEST_WAIT_STEPS && !rp_ingest_all_ended(ing); i++) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* An ingest (desc may be NULL) with one fd source reading a new pipe, started. source gives
 * everything but kind and fd (zero: text auto-detected). fds gets the pipe: the test writes
 * fds[1] and closes fds[0] when done. NULL when anything failed. */
static inline rp_ingest *rp_test_pipe_ingest(const rp_ingest_desc *desc, rp_source_desc source,
                                             int fds[2])
{
    rp_ingest *ing = NULL;
    if (pipe(fds) != 0) return NULL;
    source.kind = RP_SOURCE_FD;
    source.fd.fd = fds[0];
    char err[256];
    if (rp_ingest_create(desc, &ing) != RP_OK) return NULL;
    if (rp_ingest_add_source(ing, &source, err, sizeof err) != RP_OK ||
        rp_ingest_start(ing) != RP_OK) {
        rp_ingest_destroy(ing);
        return NULL;
    }
    return ing;
}

/* Writes text to the pipe, closes its write end and waits until the source has read it all. */
static inline bool rp_test_pipe_finish(const rp_ingest *ing, int fds[2], const char *text)
{
    size_t len = strlen(text);
    bool written = write(fds[1], text, len) == (ssize_t)len;
    close(fds[1]);
    rp_test_wait_ended(ing);
    return written;
}

#endif
