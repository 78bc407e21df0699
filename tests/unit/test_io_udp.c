/* test_io_udp.c — datagrams of text lines: self-contained (the last line needs no newline, nothing
 * carries over), interleaved with a stream without disturbing it, size limit, counters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"

typedef struct got {
    char names[64][16];
    float values[64];
    int n;
} got;

static void on_sample(void *user, const rp_line_sample *s)
{
    got *g = user;
    if (g->n >= 64) return;
    snprintf(g->names[g->n], sizeof g->names[g->n], "%.*s", (int)s->name_len, s->name);
    g->values[g->n++] = s->value;
}

int main(void)
{
    got g = {0};
    rp_line_parser *p = NULL;
    RP_REQUIRE(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample, .user = &g},
                                     &p) == RP_OK);

    /* With and without a trailing newline, CRLF, many lines. */
    RP_CHECK(rp_line_parser_feed_datagram(p, "a:1\nb:2\n", 8) == RP_OK);
    RP_CHECK(rp_line_parser_feed_datagram(p, "c:3\r\nd:4", 8) == RP_OK);
    RP_CHECK(rp_line_parser_feed_datagram(p, ">e:5", 4) == RP_OK);
    RP_CHECK_EQ_INT(g.n, 5);
    for (int i = 0; i < 5 && i < g.n; i++)
        RP_CHECK(g.values[i] == (float)(i + 1) && g.names[i][0] == 'a' + i);

    /* No carry-over: a datagram ending mid-"line" is complete; the next starts fresh. */
    g.n = 0;
    RP_CHECK(rp_line_parser_feed_datagram(p, "temp:2", 6) == RP_OK);
    /* "1.5x": no colon, and not a bare number either (carry-over would have made "temp:21.5x") */
    RP_CHECK(rp_line_parser_feed_datagram(p, "1.5x\n", 5) == RP_ERR_PARSE);
    RP_CHECK(g.n == 1 && g.values[0] == 2.0f);
    RP_CHECK_MSG(strcmp(rp_line_parser_last_error(p), "datagram 5 line 1: no ':' after '1.5x'") ==
                     0,
                 "%s", rp_line_parser_last_error(p));

    /* A datagram between two halves of a streamed line disturbs neither. */
    g.n = 0;
    RP_CHECK(rp_line_parser_feed(p, "stream:4", 8) == RP_OK);
    RP_CHECK(rp_line_parser_feed_datagram(p, "x:9\ny:bad\nz:8", 13) == RP_ERR_PARSE);
    RP_CHECK(rp_line_parser_feed(p, "2\n", 2) == RP_OK);
    RP_CHECK_EQ_INT(g.n, 3);
    RP_CHECK(strcmp(g.names[0], "x") == 0 && strcmp(g.names[1], "z") == 0 &&
             strcmp(g.names[2], "stream") == 0 && g.values[2] == 42.0f);
    RP_CHECK(strstr(rp_line_parser_last_error(p), "datagram 6 line 2: bad number 'bad' for 'y'") !=
             NULL);

    /* Empty datagram, largest datagram, too large. */
    static char big[RP_DATAGRAM_MAX + 1];
    RP_CHECK(rp_line_parser_feed_datagram(p, big, 0) == RP_OK);
    size_t len = 0;
    int lines = 0;
    while (len + 16 < RP_DATAGRAM_MAX) len += (size_t)sprintf(big + len, "v:%d\n", lines++ % 10);
    while (len < RP_DATAGRAM_MAX) big[len++] = ' '; /* blank last line */
    g.n = 0;
    rp_line_stats before = rp_line_parser_stats(p);
    RP_CHECK(rp_line_parser_feed_datagram(p, big, RP_DATAGRAM_MAX) == RP_OK);
    rp_line_stats after = rp_line_parser_stats(p);
    RP_CHECK_EQ_INT(after.samples - before.samples, lines);
    memset(big, 'a', sizeof big);
    RP_CHECK(rp_line_parser_feed_datagram(p, big, RP_DATAGRAM_MAX + 1) == RP_ERR_LIMIT);
    rp_line_stats s = rp_line_parser_stats(p);
    RP_CHECK_EQ_INT(s.datagrams, 9);
    RP_CHECK_EQ_INT(s.datagrams_rejected, 1);
    RP_CHECK_EQ_INT(s.lines_rejected, 2);
    RP_CHECK(strstr(rp_line_parser_last_error(p), "65508 bytes, more than 65507") != NULL);
    /* A line over the limit inside a datagram is rejected whole, the others pass. */
    memset(big, '1', RP_LINE_MAX + 1000);
    memcpy(big, "x:", 2);
    memcpy(big + RP_LINE_MAX + 1000, "\nok:1", 5);
    g.n = 0;
    RP_CHECK(rp_line_parser_feed_datagram(p, big, RP_LINE_MAX + 1005) == RP_ERR_PARSE);
    RP_CHECK(g.n == 1 && strcmp(g.names[0], "ok") == 0);
    RP_CHECK_EQ_INT(rp_line_parser_stats(p).rejected[RP_LINE_REJECT_TOO_LONG], 1);
    rp_line_parser_destroy(p);
    return rp_test_finish();
}
