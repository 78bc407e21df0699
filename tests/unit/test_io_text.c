/* test_io_text.c — the text line parser (Teleplot and the Arduino IDE 2 Serial Plotter) and the
 * number parser/formatter: every form of both grammars gives its meaning (samples with units and
 * flags, XY points, texts, logs, labels with spaces, bare numbers), as a stream and as a
 * datagram; any chunking gives the same items; every refused line is counted under its reason
 * with a message naming it, without disturbing its neighbours; limits hold; numbers are exact. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"
#include "rp_test_pieces.h"

#define MAX_SAMPLES 4096

/* One emitted item, sample or event, in emission order. */
typedef struct sample {
    int kind; /* 0: number sample; else rp_line_event_kind */
    char name[RP_LINE_NAME_MAX + 1];
    bool has_ts;
    double ts;
    float value;
    double x, y;
    char text[128];
    char unit[RP_LINE_UNIT_MAX + 1];
    bool has_unit;
    unsigned flags;
} sample;

typedef struct capture {
    sample s[MAX_SAMPLES];
    int n;
} capture;

static void copy_str(char *dst, size_t size, const char *src, size_t len)
{
    if (len > size - 1) len = size - 1;
    if (len) memcpy(dst, src, len);
    dst[len] = '\0';
}

static void on_sample(void *user, const rp_line_sample *in)
{
    capture *c = user;
    if (c->n >= MAX_SAMPLES) return;
    sample *s = &c->s[c->n++];
    memset(s, 0, sizeof *s);
    copy_str(s->name, sizeof s->name, in->name, in->name_len);
    s->has_ts = in->has_timestamp;
    s->ts = in->timestamp_ms;
    s->value = in->value;
    s->has_unit = in->unit != NULL;
    if (in->unit) copy_str(s->unit, sizeof s->unit, in->unit, in->unit_len);
    s->flags = in->flags;
}

static void on_event(void *user, const rp_line_event *in)
{
    capture *c = user;
    if (c->n >= MAX_SAMPLES) return;
    sample *s = &c->s[c->n++];
    memset(s, 0, sizeof *s);
    s->kind = (int)in->kind;
    if (in->name) copy_str(s->name, sizeof s->name, in->name, in->name_len);
    s->has_ts = in->has_timestamp;
    s->ts = in->timestamp_ms;
    s->x = in->x;
    s->y = in->y;
    if (in->text) copy_str(s->text, sizeof s->text, in->text, in->text_len);
    s->has_unit = in->unit != NULL;
    if (in->unit) copy_str(s->unit, sizeof s->unit, in->unit, in->unit_len);
    s->flags = in->flags;
}

static bool same_float(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static bool captures_equal(const capture *a, const capture *b)
{
    if (a->n != b->n) return false;
    for (int i = 0; i < a->n; i++) {
        const sample *x = &a->s[i], *y = &b->s[i];
        if (x->kind != y->kind || strcmp(x->name, y->name) || x->has_ts != y->has_ts ||
            !same_float(x->value, y->value) || (x->has_ts && x->ts != y->ts) ||
            memcmp(&x->x, &y->x, sizeof x->x) || memcmp(&x->y, &y->y, sizeof x->y) ||
            strcmp(x->text, y->text) || strcmp(x->unit, y->unit) || x->has_unit != y->has_unit ||
            x->flags != y->flags)
            return false;
    }
    return true;
}

/* chunk: 0 = whole, 1 = byte by byte, -1 = random sizes 1..97 from seed. */
static rp_line_stats run(const char *data, size_t len, int chunk, uint64_t seed, capture *cap,
                         bool prefix_only, char *last_error, size_t le_size)
{
    rp_line_parser *p = NULL;
    cap->n = 0;
    rp_status st = rp_line_parser_create(
        &(rp_line_parser_desc){
            .on_sample = on_sample, .on_event = on_event, .user = cap, .prefix_only = prefix_only},
        &p);
    if (st != RP_OK) {
        rp_line_stats z = {0};
        return z;
    }
    RP_TEST_FEED_PIECES(rp_line_parser_feed, p, data, len, chunk, seed, 97);
    rp_line_parser_finish(p);
    rp_line_stats stats = rp_line_parser_stats(p);
    if (last_error) snprintf(last_error, le_size, "%s", rp_line_parser_last_error(p));
    rp_line_parser_destroy(p);
    return stats;
}

static capture g_a, g_b; /* big; kept out of the stack (test-only) */

static void test_basic_values(void)
{
    const char *in = "temp:21.5\n"
                     ">temp:22.25\r\n"
                     "x:0.1\n"
                     "  spaced : 3 \n"
                     "ts:1627551892444:-7.5e-3\n"
                     "n:nan\n"
                     "pi:inf\n"
                     "ni:-inf\n"
                     "a:1,b:2 c:3\t d:4\n"
                     ">p:1§V|np\n"
                     "v:1000:1;1010:2;1020:3§mV\n"
                     "ünï:5\n"
                     "big:1e39\n"
                     "\n"
                     "   \r\n"
                     "last:-0";
    char err[256];
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK_MSG(s.lines_rejected == 0, "rejected %lld: %s", (long long)s.lines_rejected, err);
    RP_CHECK_EQ_INT(s.lines, 16);
    RP_CHECK_EQ_INT(s.lines_empty, 2);
    RP_CHECK_EQ_INT(s.lines_ok, 14);
    RP_REQUIRE_VOID(g_a.n == 19);
    RP_CHECK_EQ_INT(s.samples, 19);
    const sample *x = g_a.s;
    RP_CHECK(strcmp(x[0].name, "temp") == 0 && x[0].value == 21.5f && !x[0].has_ts);
    RP_CHECK(strcmp(x[1].name, "temp") == 0 && x[1].value == 22.25f);
    RP_CHECK(strcmp(x[2].name, "x") == 0 && x[2].value == 0.1f);
    RP_CHECK(strcmp(x[3].name, "spaced") == 0 && x[3].value == 3.0f);
    RP_CHECK(strcmp(x[4].name, "ts") == 0 && x[4].has_ts && x[4].ts == 1627551892444.0 &&
             x[4].value == -7.5e-3f);
    RP_CHECK(isnan(x[5].value));
    RP_CHECK(isinf(x[6].value) && x[6].value > 0);
    RP_CHECK(isinf(x[7].value) && x[7].value < 0);
    RP_CHECK(strcmp(x[8].name, "a") == 0 && x[8].value == 1.0f);
    RP_CHECK(strcmp(x[9].name, "b") == 0 && x[9].value == 2.0f);
    RP_CHECK(strcmp(x[10].name, "c") == 0 && x[10].value == 3.0f);
    RP_CHECK(strcmp(x[11].name, "d") == 0 && x[11].value == 4.0f);
    RP_CHECK(strcmp(x[12].name, "p") == 0 && x[12].value == 1.0f);
    for (int i = 0; i < 3; i++)
        RP_CHECK(strcmp(x[13 + i].name, "v") == 0 && x[13 + i].has_ts &&
                 x[13 + i].ts == 1000.0 + 10 * i && x[13 + i].value == (float)(i + 1));
    RP_CHECK(strcmp(x[16].name, "ünï") == 0 && x[16].value == 5.0f);
    RP_CHECK(isinf(x[17].value)); /* beyond the float range */
    RP_CHECK(strcmp(x[18].name, "last") == 0 && x[18].value == 0.0f && signbit(x[18].value));
}

/* One good line per sample, then the same stream in many chunkings. */
static void test_chunkings(void)
{
    static char buf[1 << 16];
    size_t len = 0;
    uint64_t seed = 12345;
    for (int i = 0; i < 600; i++) {
        uint64_t r = rp_test_rng(&seed);
        switch (i % 5) {
        case 0:
            len += (size_t)sprintf(buf + len, "s%d:%d\n", i % 7, (int)(r % 100000) - 50000);
            break;
        case 1:
            len +=
                (size_t)sprintf(buf + len, ">t%d:%.9g\r\n", i % 3, (double)(r % 1000000) / 977.0);
            break;
        case 2:
            len += (size_t)sprintf(buf + len, "u:%lld:%.6e\n", (long long)(r % 100000000),
                                   (double)(int64_t)r / 3e15);
            break;
        case 3: len += (size_t)sprintf(buf + len, "a:%d,b:%d c:nan\n", i, -i); break;
        default: len += (size_t)sprintf(buf + len, "junk line %d\n", i); break;
        }
    }
    rp_line_stats whole = run(buf, len, 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(whole.lines, 600);
    RP_CHECK_EQ_INT(whole.lines_rejected, 120);
    RP_CHECK_EQ_INT(whole.rejected[RP_LINE_REJECT_NO_COLON], 120);
    RP_CHECK_EQ_INT(g_a.n, 120 * 6);
    rp_line_stats one = run(buf, len, 1, 0, &g_b, false, NULL, 0);
    RP_CHECK(captures_equal(&g_a, &g_b));
    RP_CHECK(memcmp(&whole, &one, sizeof whole) == 0);
    for (uint64_t s = 1; s <= 20; s++) {
        rp_line_stats r = run(buf, len, -1, s, &g_b, false, NULL, 0);
        RP_CHECK_MSG(captures_equal(&g_a, &g_b), "random chunks, seed %llu", (unsigned long long)s);
        RP_CHECK_MSG(memcmp(&whole, &r, sizeof whole) == 0, "stats, seed %llu",
                     (unsigned long long)s);
    }
}

typedef struct bad_case {
    const char *line;
    rp_line_reject reason;
    const char *msg; /* expected substring of last_error */
} bad_case;

/* Each case's line between two good ones: refused once for its reason, with its message naming
 * line 2, and the neighbours unharmed. */
static void check_bad_cases(const bad_case *cases, int n_cases)
{
    for (int k = 0; k < n_cases; k++) {
        char in[2048], err[RP_IO_ERROR_MAX];
        int len = snprintf(in, sizeof in, "ok:%d\n%s\nok:%d.5\n", k, cases[k].line, k);
        rp_line_stats s = run(in, (size_t)len, 0, 0, &g_a, false, err, sizeof err);
        RP_CHECK_MSG(s.rejected[cases[k].reason] == 1 && s.lines_rejected == 1,
                     "case %d '%s': reason %s count %lld, rejected %lld (%s)", k, cases[k].line,
                     rp_line_reject_string(cases[k].reason), (long long)s.rejected[cases[k].reason],
                     (long long)s.lines_rejected, err);
        /* a name:value line keeps its good pairs and says how many ("1 other sample kept") */
        const char *other = strstr(err, "(the line's ");
        int kept = other ? atoi(other + 12) : 0;
        RP_CHECK_MSG(g_a.n == 2 + kept && g_a.s[0].value == (float)k &&
                         g_a.s[g_a.n - 1].value == (float)k + 0.5f,
                     "case %d: neighbours and %d kept (%d items)", k, kept, g_a.n);
        RP_CHECK_MSG(strstr(err, cases[k].msg) != NULL && strncmp(err, "line 2: ", 8) == 0,
                     "case %d: message '%s' lacks '%s'", k, err, cases[k].msg);
    }
}

static void test_malformed(void)
{
    static char name64[80], name63[80];
    memset(name64, 'n', 64);
    memcpy(name64 + 64, ":1", 3);
    memset(name63, 'n', 63);
    memcpy(name63 + 63, ":1", 3);
    static char many[1024];
    size_t m = 0;
    for (int i = 0; i < RP_LINE_VALUES_MAX + 1; i++)
        m += (size_t)sprintf(many + m, "v%d:%d,", i, i);
    const bad_case cases[] = {
        {"temp 21.5", RP_LINE_REJECT_NO_COLON, "no ':' after 'temp 21.5'"},
        {"a:1 b c", RP_LINE_REJECT_NO_COLON, "no ':' after 'c'"},
        {"a=1 = 2", RP_LINE_REJECT_EMPTY_NAME, "empty name before '='"},
        {"a:1 2 V", RP_LINE_REJECT_NO_COLON, "no ':' after '2 V'"}, /* no unit before: no reading */
        {"a:1V 2", RP_LINE_REJECT_NO_COLON, "no ':' after '2'"},
        {"temperature of the sensor inside the box on the north wall:1V 2mVrms",
         RP_LINE_REJECT_NAME_TOO_LONG, "longer than 63 bytes"},
        {"tab\tname:1", RP_LINE_REJECT_NO_COLON, "no ':' after 'tab'"},
        {"temp", RP_LINE_REJECT_NO_COLON, "no ':'"},
        {":1", RP_LINE_REJECT_EMPTY_NAME, "empty name"},
        {"a:1, :2", RP_LINE_REJECT_EMPTY_NAME, "empty name"},
        {name64, RP_LINE_REJECT_NAME_TOO_LONG, "longer than 63"},
        {"a;b:1", RP_LINE_REJECT_BAD_NAME, "not allowed in name"},
        {"a|b:1", RP_LINE_REJECT_BAD_NAME, "not allowed"},
        {"bad\xff:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"over\xc0\xaf:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"surr\xed\xa0\x80:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"c1\xc2\x85:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"temp:abc", RP_LINE_REJECT_BAD_NUMBER, "bad number 'abc' for 'temp'"},
        /* "temp:" alone is a label-only line (test_label_only); with a value before, no value */
        {"a:1,temp:", RP_LINE_REJECT_BAD_NUMBER, "no value for 'temp'"}, /* not "bad number ''" */
        {"a:1,temp: ", RP_LINE_REJECT_BAD_NUMBER, "no value for 'temp'"},
        {"a:,b:2", RP_LINE_REJECT_BAD_NUMBER, "no value for 'a'"},
        {"temp:\xC2\xB0", RP_LINE_REJECT_BAD_NUMBER, "bad number '\\xc2\\xb0' for 'temp'"},
        {"a:1,temp:\xD9\xA1,b:2", RP_LINE_REJECT_BAD_NUMBER, "bad number '\\xd9\\xa1' for 'temp'"},
        {"temp:1.5.x", RP_LINE_REJECT_BAD_NUMBER, "bad number '1.5.x'"},
        {"temp:-.V", RP_LINE_REJECT_BAD_NUMBER, "bad number '-.V'"}, /* no digit: no unit */
        {"temp:0x10", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"temp:1.2.3", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"temp:1e", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"a:1,b:zz", RP_LINE_REJECT_BAD_NUMBER, "for 'b' (the line's 1 other sample kept)"},
        {"temp:now:1", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp 'now'"},
        {"temp:nan:1", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp"},
        {"temp:1:2:3", RP_LINE_REJECT_TRAILING, "unexpected ':3'"},
        {"temp:1#", RP_LINE_REJECT_TRAILING, "unexpected '#'"},
        {"temp:1\"x\"", RP_LINE_REJECT_TRAILING, "unexpected"},
        {many, RP_LINE_REJECT_TOO_MANY_VALUES, "more than 64"},
        {"te\x01mp:1", RP_LINE_REJECT_BINARY, "control byte 0x01 at byte 3"},
        {"temp:1\x1b(B", RP_LINE_REJECT_BINARY, "control byte 0x1b"}, /* not a colour code */
    };
    check_bad_cases(cases, (int)(sizeof cases / sizeof cases[0]));
    /* A name of exactly 63 bytes and exactly RP_LINE_VALUES_MAX values are fine. */
    many[0] = '\0';
    m = 0;
    for (int i = 0; i < RP_LINE_VALUES_MAX; i++) m += (size_t)sprintf(many + m, "v%d:%d ", i, i);
    rp_line_stats s = run(many, m, 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.samples, RP_LINE_VALUES_MAX);
    s = run(name63, strlen(name63), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.samples, 1);
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++)
        RP_CHECK(strcmp(rp_line_reject_string((rp_line_reject)r), "unknown") != 0);
    RP_CHECK(strcmp(rp_line_reject_string(RP_LINE_REJECT_COUNT), "unknown") == 0);
}

static void test_too_long(void)
{
    static char buf[3 * RP_LINE_MAX + 200];
    for (int variant = 0; variant < 4; variant++) {
        /* variant 0: RP_LINE_MAX exactly (ok); 1: +1 (rejected); 2: RP_LINE_MAX + "\r" (ok);
         * 3: 2.5 × RP_LINE_MAX of digits that would parse if split (rejected, not split) */
        size_t body = variant == 1   ? RP_LINE_MAX + 1
                      : variant == 3 ? RP_LINE_MAX * 5 / 2
                                     : RP_LINE_MAX;
        size_t len = (size_t)sprintf(buf, "a:1\n");
        memcpy(buf + len, "long:", 5);
        memset(buf + len + 5, '1', body - 5);
        len += body;
        if (variant == 2) buf[len++] = '\r';
        len += (size_t)sprintf(buf + len, "\nb:2\n");
        for (int chunk = 0; chunk >= -1; chunk--) {
            for (int bytewise = 0; bytewise < 2; bytewise++) {
                char err[RP_IO_ERROR_MAX];
                rp_line_stats s =
                    run(buf, len, bytewise ? 1 : chunk, 77, &g_a, false, err, sizeof err);
                bool ok = variant == 0 || variant == 2;
                RP_CHECK_MSG(s.rejected[RP_LINE_REJECT_TOO_LONG] == (ok ? 0 : 1),
                             "variant %d chunk %d/%d: too_long %lld", variant, chunk, bytewise,
                             (long long)s.rejected[RP_LINE_REJECT_TOO_LONG]);
                RP_CHECK_EQ_INT(s.lines, 3);
                RP_CHECK_EQ_INT(g_a.n, ok ? 3 : 2);
                RP_CHECK(g_a.n >= 2 && g_a.s[0].value == 1.0f && g_a.s[g_a.n - 1].value == 2.0f);
                if (!ok) RP_CHECK_MSG(strstr(err, "longer than 16384") != NULL, "%s", err);
            }
        }
    }
    /* A too-long last line without "\n" is rejected at finish. */
    memset(buf, 'x', RP_LINE_MAX + 10);
    rp_line_stats s = run(buf, RP_LINE_MAX + 10, -1, 5, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_TOO_LONG], 1);
}

/* Lines that end with a lone CR (devices that send "\r" alone) are lines, in every chunking,
 * CRLF still one line end, a CR last in a chunk decided by the next byte. */
static void test_cr_lines(void)
{
    const char *in = "a:1\rb:2\r\nc:3\n\rd:4\r";
    rp_line_stats whole = run(in, strlen(in), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(whole.lines_ok, 4);
    RP_CHECK_EQ_INT(whole.lines_rejected, 0);
    RP_REQUIRE_VOID(g_a.n == 4);
    RP_CHECK(!strcmp(g_a.s[1].name, "b") && g_a.s[3].value == 4.0f);
    for (int mode = 1; mode >= -1; mode -= 2)
        for (uint64_t seed = 1; seed <= (mode == 1 ? 1u : 20u); seed++) {
            rp_line_stats r = run(in, strlen(in), mode, seed, &g_b, false, NULL, 0);
            RP_CHECK_MSG(captures_equal(&g_a, &g_b) && memcmp(&whole, &r, sizeof r) == 0,
                         "chunk mode %d seed %llu", mode, (unsigned long long)seed);
        }
}

static void test_junk(void)
{
    static char buf[1 << 17];
    uint64_t seed = 987654321;
    printf("junk seed %llu\n", (unsigned long long)seed);
    size_t len = 0;
    int good = 0, junk = 0;
    for (int i = 0; i < 1000; i++) {
        if (rp_test_rng(&seed) % 3 == 0) {
            /* Junk without a line end ("\n", a lone "\r"): NUL bytes, high bytes, controls,
             * colons. */
            int n = 1 + (int)(rp_test_rng(&seed) % 60);
            for (int k = 0; k < n; k++) {
                unsigned char c = (unsigned char)rp_test_rng(&seed);
                if (c == '\n' || c == '\r') c = 0;
                if (k == 0) c = 0; /* at least one NUL: certain rejection */
                buf[len++] = (char)c;
            }
            buf[len++] = '\n';
            junk++;
        } else {
            len += (size_t)sprintf(buf + len, "good%d:%d\n", good % 5, good);
            good++;
        }
    }
    rp_line_stats s = run(buf, len, -1, seed, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_ok, good);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_BINARY], junk);
    RP_REQUIRE_VOID(g_a.n == good);
    bool all = true;
    for (int i = 0; i < good; i++) {
        char name[16];
        snprintf(name, sizeof name, "good%d", i % 5);
        if (strcmp(g_a.s[i].name, name) || g_a.s[i].value != (float)i) all = false;
    }
    RP_CHECK(all);
    /* Pure random bytes (with newlines) never crash and never hang. */
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)rp_test_rng(&seed);
    s = run(buf, sizeof buf, -1, 3, &g_a, false, NULL, 0);
    RP_CHECK(s.lines == s.lines_ok + s.lines_empty + s.lines_rejected);
}

/* ESP-IDF's log lines that are no data ("I (345) wifi: connected") are its log, at their time,
 * not refused lines; their data lines are samples. */
static void test_esp_idf_log(void)
{
    const char *in = "\x1b[0;32mI (345) wifi: connected to AP\x1b[0m\r\n"
                     "I (350) main: temp=21.5\r\nE (400) main: sensor timeout\r\n";
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_rejected, 0);
    RP_CHECK_EQ_INT(s.lines_ignored, 2);
    RP_CHECK_EQ_INT(s.logs, 2);
    RP_REQUIRE_VOID(g_a.n == 3);
    RP_CHECK(g_a.s[0].kind == RP_LINE_EVENT_LOG &&
             !strcmp(g_a.s[0].text, "wifi: connected to AP") && g_a.s[0].has_ts &&
             g_a.s[0].ts == 345.0);
    RP_CHECK(g_a.s[1].kind == 0 && !strcmp(g_a.s[1].name, "temp") && g_a.s[1].ts == 350.0);
    RP_CHECK(g_a.s[2].kind == RP_LINE_EVENT_LOG && !strcmp(g_a.s[2].text, "main: sensor timeout"));
    /* the same for a stamped level word and Zephyr's module logs */
    const char *levels =
        "12:00:01 WARNING disk low\n[00:00:02.000,000] <wrn> sensor: read timeout\n";
    s = run(levels, strlen(levels), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK(s.lines_rejected == 0 && s.logs == 2 && g_a.n == 2);
    RP_CHECK(!strcmp(g_a.s[0].text, "WARNING disk low") && g_a.s[0].ts == 43201000.0);
    RP_CHECK(!strcmp(g_a.s[1].text, "sensor: read timeout") && g_a.s[1].ts == 2000.0);
    /* the kernel's stamped messages (dmesg) that are no data: log lines at their time */
    /* a topic line with a bad topic: refused once (it was counted twice, the fixed-seed
     * fuzzer found it); a unit holding '|' or ';' is no unit of a topic line */
    const char *topics = "de/v\xff 1\nhome/a/w 5x|y\nhome/a/v 5m;s\n";
    s = run(topics, strlen(topics), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_MSG(s.lines == s.lines_ok + s.lines_empty + s.lines_ignored + s.lines_rejected &&
                     s.rejected[RP_LINE_REJECT_BAD_NAME] == 1,
                 "%lld lines: %lld ok, %lld ignored, %lld rejected", (long long)s.lines,
                 (long long)s.lines_ok, (long long)s.lines_ignored, (long long)s.lines_rejected);
    for (int i = 0; i < g_a.n; i++)
        RP_CHECK_MSG(!strpbrk(g_a.s[i].unit, "|;:"), "unit '%s'", g_a.s[i].unit);
    const char *pylog = "WARNING:root:disk low\n";
    s = run(pylog, strlen(pylog), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK(s.lines_rejected == 0 && s.logs == 1 && g_a.n == 1 &&
             !strcmp(g_a.s[0].text, "WARNING:root:disk low"));
    const char *kernel = "[    0.000000] Linux version 6.5.0\n[    1.5] usb 1-1: new device\n";
    s = run(kernel, strlen(kernel), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK(s.lines_rejected == 0 && s.logs == 2 && g_a.n == 2);
    RP_CHECK(!strcmp(g_a.s[0].text, "Linux version 6.5.0") && g_a.s[0].ts == 0.0);
    RP_CHECK(!strcmp(g_a.s[1].text, "usb 1-1: new device") && g_a.s[1].ts == 1500.0);
}

/* Text that tells a clock time is a log line, not "name:timestamp:value": ESP32's boot line
 * made a series "ets Jun  8 2016 00" = 57, "Uptime 00:01:23" a series "Uptime 00". */
static void test_clock_text(void)
{
    const char *in = "ets Jun  8 2016 00:22:57\r\nUptime 00:01:23\nGPS fix at 12:34:56\n"
                     "Time: 12:34\nnow 9:05:07.250 UTC\nt:5000:1\nSensor 1:512\nFan 1:05 Fan 2:06\n"
                     ">clock:12:34\n";
    for (int prefix_only = 0; prefix_only < 2; prefix_only++) {
        rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, prefix_only, NULL, 0);
        RP_CHECK_EQ_INT(s.lines_rejected, 0);
        RP_CHECK_EQ_INT(s.lines_ignored, 5);
        RP_CHECK_EQ_INT(s.logs, 5);
        RP_REQUIRE_VOID(g_a.n == 10);
        const char *logs[] = {"ets Jun  8 2016 00:22:57", "Uptime 00:01:23", "GPS fix at 12:34:56",
                              "Time: 12:34", "now 9:05:07.250 UTC"};
        for (int i = 0; i < 5; i++)
            RP_CHECK_MSG(g_a.s[i].kind == RP_LINE_EVENT_LOG && !strcmp(g_a.s[i].text, logs[i]),
                         "%d: %s", i, g_a.s[i].text);
        RP_CHECK(g_a.s[5].kind == 0 && !strcmp(g_a.s[5].name, "t") && g_a.s[5].ts == 5000.0);
        RP_CHECK(!strcmp(g_a.s[6].name, "Sensor 1") && g_a.s[6].value == 512.0f);
        RP_CHECK(!strcmp(g_a.s[7].name, "Fan 1") && g_a.s[7].value == 5.0f);
        RP_CHECK(!strcmp(g_a.s[8].name, "Fan 2") && g_a.s[8].value == 6.0f);
        /* Teleplot's '>' keeps name:timestamp:value */
        RP_CHECK(!strcmp(g_a.s[9].name, "clock") && g_a.s[9].ts == 12.0 && g_a.s[9].value == 34.0f);
    }
}

/* The Arduino Serial Plotter's label-only messages name the bare-number columns that follow, by
 * position, until the next one; no name ever holds ':'. */
static void test_label_only(void)
{
    const char *in = "Label 1:\n5\nTemp:,Hum:\n21.5,40\nTemp:\tHum:\t\n1\t2\t3\n"
                     "a: b:\n7 8\nx:1\n9\n";
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_rejected, 0);
    RP_CHECK_EQ_INT(s.samples, 10);
    RP_REQUIRE_VOID(g_a.n == 10);
    /* labels stay until the next label-only line: the last 9 is still 'a' */
    const char *names[] = {"Label 1", "Temp", "Hum", "Temp", "Hum", "value3", "a", "b", "x", "a"};
    const float values[] = {5, 21.5f, 40, 1, 2, 3, 7, 8, 1, 9};
    for (int i = 0; i < 10; i++)
        RP_CHECK_MSG(!strcmp(g_a.s[i].name, names[i]) && g_a.s[i].value == values[i], "%d: %s", i,
                     g_a.s[i].name);
    char err[256];
    s = run("9\n", 2, 0, 0, &g_a, false, err, sizeof err); /* a parser of its own: no labels */
    RP_CHECK(g_a.n == 1 && !strcmp(g_a.s[0].name, "value1"));
    /* a label-only line with a bad name is refused, the labels before stay */
    in = "a:\nb|c:\n1\n";
    s = run(in, strlen(in), 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_BAD_NAME], 1);
    RP_CHECK(g_a.n == 1 && !strcmp(g_a.s[0].name, "a"));
    /* the last line of a stream without its line end was cut: "b:" of "b:2" is no label line */
    s = run("a:1\nb:", 6, 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK(s.rejected[RP_LINE_REJECT_BAD_NUMBER] == 1 && strstr(err, "no value for 'b'"));
    /* a value after a label: not a label-only line */
    s = run("a: b:1\n1\n", 9, 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK(s.lines_rejected == 1 && g_a.n == 1 && !strcmp(g_a.s[0].name, "value1"));
}

/* One bad pair of a name:value line is refused with its reason; the line's good pairs go in.
 * Bare numbers stay all or nothing (a bad field leaves the columns uncertain). */
static void test_partial_lines(void)
{
    const char *in = "a:1,b:xyz\n\xffx:1,a:0.5\nq:now:1 r:2 s:3#\tt:4\na:1 2 3\n";
    char err[256];
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK_EQ_INT(s.lines, 4);
    RP_CHECK_EQ_INT(s.lines_rejected, 4); /* each line once, under its first bad pair's reason */
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_BAD_NUMBER], 1);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_BAD_NAME], 1);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_BAD_TIMESTAMP], 1);
    /* a field that is no pair: the line is not a list of pairs, refused whole ("a/g:\t-1234\t567",
     * a label and raw readings) */
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_NO_COLON], 1);
    RP_CHECK_EQ_INT(s.samples, 4);
    RP_REQUIRE_VOID(g_a.n == 4);
    RP_CHECK(!strcmp(g_a.s[0].name, "a") && g_a.s[0].value == 1.0f);
    RP_CHECK(!strcmp(g_a.s[1].name, "a") && g_a.s[1].value == 0.5f);
    RP_CHECK(!strcmp(g_a.s[2].name, "r") && !strcmp(g_a.s[3].name, "t"));
    RP_CHECK_MSG(strstr(err, "line 4: ") != NULL, "%s", err);
    s = run("a:1,b:xyz\n", 10, 0, 0, &g_a, false, err, sizeof err);
    RP_CHECK_MSG(!strcmp(err, "line 1: bad number 'xyz' for 'b' (the line's 1 other sample kept)"),
                 "%s", err);
    /* as a datagram too */
    rp_line_parser *p = NULL;
    RP_REQUIRE_VOID(
        rp_line_parser_create(
            &(rp_line_parser_desc){.on_sample = on_sample, .on_event = on_event, .user = &g_a},
            &p) == RP_OK);
    g_a.n = 0;
    RP_CHECK_EQ_INT(rp_line_parser_feed_datagram(p, "u:1,v:?,w:3", 11), RP_ERR_PARSE);
    RP_CHECK(g_a.n == 2 && !strcmp(g_a.s[0].name, "u") && !strcmp(g_a.s[1].name, "w"));
    rp_line_parser_destroy(p);
    /* Teleplot's serial convention: a line without '>' is data whole or else log text */
    s = run("a:1,b:xyz\n", 10, 0, 0, &g_a, true, err, sizeof err);
    RP_CHECK(s.lines_rejected == 0 && s.logs == 1 && g_a.n == 1 &&
             g_a.s[0].kind == RP_LINE_EVENT_LOG);
}

static void test_prefix_only(void)
{
    /* Teleplot's serial convention: the other lines are the log, unless they hold valid data
     * ("x:5" without '>' is still the sample x = 5; its refusal would have been undone) */
    const char *in = "Booting v1.2\n>temp:21\nwarning: x\n>hum:40,>t2:1\nx:5\n";
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, true, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_ignored, 2);
    RP_CHECK_EQ_INT(s.lines_rejected, 0);
    RP_CHECK_EQ_INT(s.logs, 2);
    RP_REQUIRE_VOID(g_a.n == 6);
    RP_CHECK(g_a.s[5].kind == 0 && !strcmp(g_a.s[5].name, "x") && g_a.s[5].value == 5.0f);
    RP_CHECK(g_a.s[0].kind == RP_LINE_EVENT_LOG && !strcmp(g_a.s[0].text, "Booting v1.2") &&
             !g_a.s[0].has_ts);
    RP_CHECK(g_a.s[1].kind == 0 && !strcmp(g_a.s[1].name, "temp") && g_a.s[1].value == 21.0f);
    RP_CHECK(g_a.s[2].kind == RP_LINE_EVENT_LOG && !strcmp(g_a.s[2].text, "warning: x"));
    RP_CHECK(!strcmp(g_a.s[3].name, "hum") && !strcmp(g_a.s[4].name, "t2"));
    s = run(in, strlen(in), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_rejected, 2);
    RP_CHECK_EQ_INT(g_a.n, 4);
}

/* Expected item for the form tables: kind 0 = number sample. */
typedef struct expect_item {
    int kind;
    const char *name;
    bool has_ts;
    double ts;
    double value; /* number sample: value; XY: y */
    double x;
    const char *text; /* TEXT / LOG */
    const char *unit; /* NULL: none */
    unsigned flags;
} expect_item;

static bool item_is(const sample *got, const expect_item *w)
{
    bool ok = got->kind == w->kind && !strcmp(got->name, w->name ? w->name : "") &&
              got->has_ts == w->has_ts && (!w->has_ts || got->ts == w->ts) &&
              got->flags == w->flags && got->has_unit == (w->unit != NULL) &&
              (!w->unit || !strcmp(got->unit, w->unit));
    if (w->kind == 0) ok = ok && same_float(got->value, (float)w->value);
    if (w->kind == RP_LINE_EVENT_XY) ok = ok && got->x == w->x && got->y == w->value;
    if (w->kind == RP_LINE_EVENT_TEXT || w->kind == RP_LINE_EVENT_LOG)
        ok = ok && !strcmp(got->text, w->text);
    return ok;
}

/* Feeds one line alone (as a stream and as a datagram) and compares what it emits. */
static void check_form(const char *line, const expect_item *w, int n)
{
    for (int as_datagram = 0; as_datagram < 2; as_datagram++) {
        char err[RP_IO_ERROR_MAX] = "";
        rp_line_stats st;
        if (as_datagram) {
            rp_line_parser *p = NULL;
            g_b.n = 0;
            RP_REQUIRE_VOID(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample,
                                                                         .on_event = on_event,
                                                                         .user = &g_b},
                                                  &p) == RP_OK);
            rp_line_parser_feed_datagram(p, line, strlen(line));
            st = rp_line_parser_stats(p);
            snprintf(err, sizeof err, "%s", rp_line_parser_last_error(p));
            rp_line_parser_destroy(p);
        } else {
            st = run(line, strlen(line), 0, 0, &g_b, false, err, sizeof err);
        }
        RP_CHECK_MSG(st.lines_rejected == 0 && st.lines_ok == 1, "'%s' rejected: %s", line, err);
        RP_CHECK_MSG(g_b.n == n, "'%s': %d items, expect_item %d", line, g_b.n, n);
        for (int i = 0; i < n && i < g_b.n; i++) {
            const sample *g = &g_b.s[i];
            RP_CHECK_MSG(
                item_is(g, &w[i]),
                "'%s' item %d: kind %d name '%s' ts %d/%.17g value %g x %g y %g text '%s' unit %d'%s' "
                "flags %u",
                line, i, g->kind, g->name, g->has_ts, g->ts, (double)g->value, g->x, g->y, g->text,
                g->has_unit, g->unit, g->flags);
        }
        int64_t numbers = 0, xy = 0, texts = 0, logs = 0;
        for (int i = 0; i < n; i++) {
            numbers += w[i].kind == 0;
            xy += w[i].kind == RP_LINE_EVENT_XY;
            texts += w[i].kind == RP_LINE_EVENT_TEXT;
            logs += w[i].kind == RP_LINE_EVENT_LOG;
        }
        RP_CHECK(st.samples == numbers && st.xy_points == xy && st.texts == texts &&
                 st.logs == logs);
    }
}

#define FORM(line, ...)                                                                            \
    do {                                                                                           \
        const expect_item w_[] = {__VA_ARGS__};                                                    \
        check_form(line, w_, (int)(sizeof w_ / sizeof w_[0]));                                     \
    } while (0)
#define NUM(n, v)                                                                                  \
    {                                                                                              \
        .kind = 0, .name = n, .value = v                                                           \
    }
#define NUM_T(n, t, v)                                                                             \
    {                                                                                              \
        .kind = 0, .name = n, .has_ts = true, .ts = t, .value = v                                  \
    }
#define NUM_U(n, v, u, f)                                                                          \
    {                                                                                              \
        .kind = 0, .name = n, .value = v, .unit = u, .flags = f                                    \
    }
#define NUM_TU(n, t, v, u)                                                                         \
    {                                                                                              \
        .kind = 0, .name = n, .has_ts = true, .ts = t, .value = v, .unit = u                       \
    }
#define XY(n, xv, yv)                                                                              \
    {                                                                                              \
        .kind = RP_LINE_EVENT_XY, .name = n, .x = xv, .value = yv                                  \
    }
#define XY_T(n, xv, yv, t)                                                                         \
    {                                                                                              \
        .kind = RP_LINE_EVENT_XY, .name = n, .x = xv, .value = yv, .has_ts = true, .ts = t         \
    }
#define TEXT(n, s)                                                                                 \
    {                                                                                              \
        .kind = RP_LINE_EVENT_TEXT, .name = n, .text = s                                           \
    }
#define TEXT_T(n, t, s)                                                                            \
    {                                                                                              \
        .kind = RP_LINE_EVENT_TEXT, .name = n, .has_ts = true, .ts = t, .text = s                  \
    }
#define LOG(s)                                                                                     \
    {                                                                                              \
        .kind = RP_LINE_EVENT_LOG, .text = s                                                       \
    }
#define LOG_T(t, s)                                                                                \
    {                                                                                              \
        .kind = RP_LINE_EVENT_LOG, .has_ts = true, .ts = t, .text = s                              \
    }

/* Every form of Teleplot's README and server parser, with its meaning. */
static void test_teleplot_forms(void)
{
    /* numbers, the examples of Teleplot's README */
    FORM("myValue:1234", NUM("myValue", 1234));
    FORM("myValue:1234|", NUM("myValue", 1234));
    FORM("myValue:1234|g", NUM("myValue", 1234));
    FORM("myValue:12.34e+2", NUM("myValue", 1234));
    FORM("myValue:1627551892437:1234", NUM_T("myValue", 1627551892437.0, 1234));
    FORM("myValue:1234\xc2\xa7km\xc2\xb2", NUM_U("myValue", 1234, "km\xc2\xb2", 0));
    FORM("myValue:1627551892437:1234|np", {.name = "myValue",
                                           .has_ts = true,
                                           .ts = 1627551892437.0,
                                           .value = 1234,
                                           .flags = RP_LINE_FLAG_NO_PLOT});
    FORM("myValue:1627551892444:1;1627551892555:2;1627551892666:3",
         NUM_T("myValue", 1627551892444.0, 1), NUM_T("myValue", 1627551892555.0, 2),
         NUM_T("myValue", 1627551892666.0, 3));
    FORM("myValue:1627551892444:1;1627551892555:2;1627551892666:3\xc2\xa7rad",
         NUM_TU("myValue", 1627551892444.0, 1, "rad"), NUM_TU("myValue", 1627551892555.0, 2, "rad"),
         NUM_TU("myValue", 1627551892666.0, 3, "rad"));
    /* the trailing ';' before the flags, as Teleplot's C++ client always sends */
    FORM("sin:1795918300523.446:0.5;1795918300528.1:0.6;|", NUM_T("sin", 1795918300523.446, 0.5),
         NUM_T("sin", 1795918300528.1, 0.6));
    FORM("sin:1795918300523.446000:0.841471;1795918300556.789000:-0.909297;\xc2\xa7V|",
         NUM_TU("sin", 1795918300523.446, 0.841471, "V"),
         NUM_TU("sin", 1795918300556.789, -0.909297, "V"));
    FORM("f:1795918300523.446000:nan;1795918300523.447000:-nan;1795918300523.448000:inf;|",
         NUM_T("f", 1795918300523.446, NAN), NUM_T("f", 1795918300523.447, NAN),
         NUM_T("f", 1795918300523.448, INFINITY));
    /* units: spaces inside, blanks around trimmed, an empty one is none */
    FORM("temp:21.5\xc2\xa7"
         "deg C",
         NUM_U("temp", 21.5, "deg C", 0));
    FORM("speed:30\xc2\xa7 km/h |np", NUM_U("speed", 30, "km/h", RP_LINE_FLAG_NO_PLOT));
    FORM("t:1\xc2\xa7\xc2\xb0"
         "C",
         NUM_U("t", 1,
               "\xc2\xb0"
               "C",
               0));
    FORM("v:2\xc2\xa7|", NUM("v", 2));
    /* flags and their combinations */
    FORM("v:1:1;;2:2;|np,clr",
         {.name = "v",
          .has_ts = true,
          .ts = 1,
          .value = 1,
          .flags = RP_LINE_FLAG_NO_PLOT | RP_LINE_FLAG_CLEAR},
         {.name = "v",
          .has_ts = true,
          .ts = 2,
          .value = 2,
          .flags = RP_LINE_FLAG_NO_PLOT | RP_LINE_FLAG_CLEAR});
    FORM("v:3| g , np ", NUM_U("v", 3, NULL, RP_LINE_FLAG_NO_PLOT));
    FORM("hits:1|c", NUM("hits", 1)); /* statsd types: the number as sent, like Teleplot */
    FORM("latency:320|ms", NUM("latency", 320));
    FORM(">p:1\xc2\xa7V|np", NUM_U("p", 1, "V", RP_LINE_FLAG_NO_PLOT));
    FORM("motor 4 speed:12|", NUM("motor 4 speed", 12));
    FORM("> temp:1,> hum:2", NUM("temp", 1), NUM("hum", 2));
    /* XY: never timestamps */
    FORM("trajectory:12.3:45.67|xy", XY("trajectory", 12.3, 45.67));
    FORM("trajectory:1:1;2:2;3:3;4:4|xy", XY("trajectory", 1, 1), XY("trajectory", 2, 2),
         XY("trajectory", 3, 3), XY("trajectory", 4, 4));
    FORM("trajectoryTimestamped:1:1:1627551892437;2:2:1627551892448;3:3:1627551892459|xy",
         XY_T("trajectoryTimestamped", 1, 1, 1627551892437.0),
         XY_T("trajectoryTimestamped", 2, 2, 1627551892448.0),
         XY_T("trajectoryTimestamped", 3, 3, 1627551892459.0));
    FORM("trajectory:12.3:45.67|xy,np", {.kind = RP_LINE_EVENT_XY,
                                         .name = "trajectory",
                                         .x = 12.3,
                                         .value = 45.67,
                                         .flags = RP_LINE_FLAG_NO_PLOT});
    FORM("back:3:1;1:2;2:3;|xy", XY("back", 3, 1), XY("back", 1, 2),
         XY("back", 2, 3)); /* x may go back */
    FORM("pos:1.000000:2.500000:1795918300523.446000;-1.000000:0.000000:1795918300556.789000;|xy",
         XY_T("pos", 1, 2.5, 1795918300523.446), XY_T("pos", -1, 0, 1795918300556.789));
    /* text telemetry */
    FORM("motor_4_state:Turned On|t", TEXT("motor_4_state", "Turned On"));
    FORM("motor_4_state:1627551892437:Off|t", TEXT_T("motor_4_state", 1627551892437.0, "Off"));
    FORM("state:1627551892444:state_a;1627551892555:state_b|t",
         TEXT_T("state", 1627551892444.0, "state_a"), TEXT_T("state", 1627551892555.0, "state_b"));
    FORM("state:1795918300523.446000:Turned On;|text",
         TEXT_T("state", 1795918300523.446, "Turned On"));
    FORM("myValue:hello|t", TEXT("myValue", "hello"));
    FORM("st:\xc3\xa9t\xc3\xa9, 2 fois|t,np", {.kind = RP_LINE_EVENT_TEXT,
                                               .name = "st",
                                               .text = "\xc3\xa9t\xc3\xa9, 2 fois",
                                               .flags = RP_LINE_FLAG_NO_PLOT});
    /* logs */
    FORM(">1627551892437:Hello world", LOG_T(1627551892437.0, "Hello world"));
    FORM(">:Hello world", LOG("Hello world"));
    FORM(">Booting", LOG("Booting"));
    FORM(">1795918300523:motor: 3 A; ok|", LOG_T(1795918300523.0, "motor: 3 A; ok|"));
    FORM(">nan:x", LOG("x"));
    FORM(">temp:21.5", NUM("temp", 21.5)); /* the serial prefix, not a log */
}

/* A time of day alone opening lines (the Arduino IDE's "Show timestamp", ESP-IDF's clock-time
 * variant) goes on past midnight, as a CSV time column's does: "23:59:59.900" then "00:00:00.000"
 * is 100 ms later, not a day earlier (a file's lines after midnight were refused as out of
 * order, a live stream's taken for a clock reset). A step back within the day stays one; a date
 * never rolls. */
static void test_time_of_day_midnight(void)
{
    const char *in = "23:59:59.900 -> 1 2\n00:00:00.000 -> 3 4\nI (00:00:00.500) main: t=5\n"
                     "00:00:00.200 -> 6 7\n12:00:00.000 -> 8 9\n23:59:59.000 -> 10 11\n"
                     "00:00:01.000 -> 12 13\n2024-03-01 00:00:00 x=14\n";
    const double want[] = {86399900,  86399900,  86400000,  86400000,       86400500,
                           86400200,  86400200,  129600000, 129600000,      172799000,
                           172799000, 172801000, 172801000, 1709251200000.0};
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_line_stats st = run(in, strlen(in), chunk ? 7 : 0, 1, &g_a, false, NULL, 0);
        RP_CHECK_EQ_INT(st.lines_rejected, 0);
        RP_REQUIRE_VOID(g_a.n == (int)(sizeof want / sizeof want[0]));
        for (int i = 0; i < g_a.n; i++)
            RP_CHECK_MSG(g_a.s[i].has_ts && g_a.s[i].ts == want[i],
                         "item %d ('%s'): %.3f, want %.3f", i, g_a.s[i].name, g_a.s[i].ts, want[i]);
    }
}

/* The Arduino IDE 2 Serial Plotter's forms: what a sketch's Serial.print calls produce. */
static void test_arduino_forms(void)
{
    FORM("label_1:1,label_2:2", NUM("label_1", 1), NUM("label_2", 2));
    /* Arduino prints a float beyond +-4294967040 as "ovf": the other value of the line stays */
    FORM("temp:21.5,pressure:ovf", NUM("temp", 21.5), NUM("pressure", NAN));
    FORM("label_1:1,label_2:2,", NUM("label_1", 1), NUM("label_2", 2));
    FORM("label_1:1\tlabel_2:2\t", NUM("label_1", 1), NUM("label_2", 2));
    FORM("label_1:1 label_2:2 ", NUM("label_1", 1), NUM("label_2", 2));
    FORM("Variable_1:512,Variable_2:0.25", NUM("Variable_1", 512), NUM("Variable_2", 0.25));
    /* labels with spaces: the words before a label:value belong to it */
    FORM("Sensor 1:1", NUM("Sensor 1", 1));
    FORM("Sensor 1:1 Sensor 2:2", NUM("Sensor 1", 1), NUM("Sensor 2", 2));
    FORM("Sensor 1:1,Sensor 2:-2.5\tSensor three:3", NUM("Sensor 1", 1), NUM("Sensor 2", -2.5),
         NUM("Sensor three", 3));
    FORM("a:1 b:2", NUM("a", 1), NUM("b", 2));
    FORM("Sensor 1 : 4", NUM("Sensor 1", 4));
    /* bare numbers by position */
    FORM("1 2 3", NUM("value1", 1), NUM("value2", 2), NUM("value3", 3));
    FORM("1\t2\t3\t", NUM("value1", 1), NUM("value2", 2), NUM("value3", 3));
    FORM("1,2,3,", NUM("value1", 1), NUM("value2", 2), NUM("value3", 3));
    FORM("0", NUM("value1", 0));
    FORM("512,0.25", NUM("value1", 512), NUM("value2", 0.25));
    /* ';' or tabs between the values: a ',' is a decimal comma (a logger in a German locale), as
     * in a CSV with those delimiters; it split 21,5 into two values */
    FORM("21,5;40,2", NUM("value1", 21.5), NUM("value2", 40.2));
    FORM("21,5\t-40,25\t", NUM("value1", 21.5), NUM("value2", -40.25));
    FORM("1.5;2,5;", NUM("value1", 1.5), NUM("value2", 2.5));
    /* a list or tuple as a script prints it (print([a, b]), numpy's "[1.  2.5]"): its numbers
     * (it was a CSV header "[1" over rows whose first and last fields were bad numbers) */
    FORM("[1.5, 2.0, -3]", NUM("value1", 1.5), NUM("value2", 2), NUM("value3", -3));
    FORM(" [1.  2.5 3. ] ", NUM("value1", 1), NUM("value2", 2.5), NUM("value3", 3));
    FORM("(4, 5)", NUM("value1", 4), NUM("value2", 5));
    /* ';' between labelled samples, as some sketches print them (the second was taken for a
     * point of the first and the line refused); timestamped points still follow ';' */
    FORM("temp:21.5;hum:40", NUM("temp", 21.5), NUM("hum", 40));
    FORM("temp=21.5; hum = 40;", NUM("temp", 21.5), NUM("hum", 40));
    FORM("v:1000:1;1010:2;Sensor 2:3", NUM_T("v", 1000, 1), NUM_T("v", 1010, 2),
         NUM("Sensor 2", 3));
    /* a UTF-8 byte order mark opening the stream, or a datagram (read as a stream of its own) */
    FORM("\xEF\xBB\xBFtemp:21.5", NUM("temp", 21.5));
    FORM("\xEF\xBB\xBF;;;9;;", NUM("value1", 9));
    /* "name=value", as many loggers print, in a line without ':' (it was refused: no ':') */
    FORM("temp=21.5 hum=40", NUM("temp", 21.5), NUM("hum", 40));
    FORM("temp = 21.5,hum=-4e1\t", NUM("temp", 21.5), NUM("hum", -40));
    FORM("Sensor 1=5 Sensor 2=6", NUM("Sensor 1", 5), NUM("Sensor 2", 6));
    FORM("a=b:1", NUM("a=b", 1)); /* with a ':' in the line, '=' is part of a name as before */
    /* a unit glued to the value, as sketches print it ("temp:"; t; "C,"): the number, and the
     * unit for the series (Teleplot and the Arduino plotter read the number; it was refused) */
    FORM("temp:23.5C,hum:40%", NUM_U("temp", 23.5, "C", 0), NUM_U("hum", 40, "%", 0));
    FORM("v:3.3V t:-21.5\xc2\xb0"
         "C",
         NUM_U("v", 3.3, "V", 0),
         NUM_U("t", -21.5,
               "\xc2\xb0"
               "C",
               0));
    FORM("a:1.5e3mV;2mV", NUM_U("a", 1500, "mV", 0), NUM_U("a", 2, "mV", 0));
    FORM("x:1234:3.3V", NUM_TU("x", 1234, 3.3, "V"));
    FORM("temp:23.5C|g", NUM_U("temp", 23.5, "C", 0));
    FORM("temp:23.5C\xc2\xa7K|g", NUM_U("temp", 23.5, "K", 0)); /* a § unit wins */
    /* a time stamp opening the line, as the Arduino IDE's Serial Monitor (its "Show timestamp")
     * and terminals save a capture: the time of every sample without its own (a time of day
     * alone: ms since midnight); "12:00:01.123 -> temp:21.5" was a series "12" */
    FORM("12:00:01.123 -> temp:21.5", NUM_T("temp", 43201123.0, 21.5));
    FORM("[12:00:01.5] a:1 b:2", NUM_T("a", 43201500.0, 1), NUM_T("b", 43201500.0, 2));
    FORM("2024-03-01 12:00:00,250 x=5", NUM_T("x", 1709294400250.0, 5));
    FORM("[2024-03-01T12:00:00Z] v:7:2", NUM_T("v", 7.0, 2)); /* its own timestamp wins */
    /* a numeric UTC offset, as Python's isoformat() and date -Iseconds write it (the line was
     * refused: "bad number '00+01' for '2024-03-01T12'") */
    FORM("2024-03-01T12:00:00+01:00 a:1", NUM_T("a", 1709290800000.0, 1));
    FORM("[2024-03-01 12:00:00.250-0500] a:2", NUM_T("a", 1709312400250.0, 2));
    FORM("2024-03-01T12:00:00.123456+00:00 a:3", NUM_T("a", 1709294400123.456, 3));
    FORM("2024-03-01 12:00:00 -5", NUM_T("value1", 1709294400000.0, -5)); /* a value, no offset */
    FORM("00:00:02.000 -> 1 2", NUM_T("value1", 2000.0, 1), NUM_T("value2", 2000.0, 2));
    /* a word for "no value" among bare numbers is a gap, as in a CSV (nvidia-smi's "[N/A]"
     * refused the line: "no ':' after '100'"); a line of such words alone is no data */
    FORM("100, 47, [N/A]", NUM("value1", 100), NUM("value2", 47), NUM("value3", NAN));
    FORM("1 NA 3", NUM("value1", 1), NUM("value2", NAN), NUM("value3", 3));
    /* mosquitto_sub -v's "TOPIC PAYLOAD": a JSON payload's samples are topic/key, a number is
     * the topic's sample, a word its text value, as MQTT payloads are named (the first made a
     * series 'sensors/esp1 {"temp"'); quotes around a name are no part of it */
    FORM("sensors/esp1 {\"temp\": 22.1, \"hum\": 41}", NUM("sensors/esp1/temp", 22.1),
         NUM("sensors/esp1/hum", 41));
    FORM("home/kitchen/temperature 23.1", NUM("home/kitchen/temperature", 23.1));
    FORM("home/kitchen/power 40 W", NUM_U("home/kitchen/power", 40, "W", 0));
    FORM("home/livingroom/status online", TEXT("home/livingroom/status", "online"));
    RP_CHECK(run("I/O error\n", 10, 0, 0, &g_a, false, NULL, 0).texts == 0);
    FORM("\"temp1_input\": 45.000,", NUM("temp1_input", 45));
    FORM("'temp': 21.5", NUM("temp", 21.5));
    RP_CHECK(rp_line_is_topic_line("a/b 1.5\r", 8) && rp_line_is_topic_line("a/b {\"x\":1}", 12) &&
             !rp_line_is_topic_line("ab 1.5", 6) && !rp_line_is_topic_line("a/b: 1", 6));
    /* Python's default logging format, LEVEL:logger:message: the message is read (the logger
     * was taken for a timestamp: "bad timestamp 'root' for 'INFO'") */
    FORM("INFO:root:temp=21.5", NUM("temp", 21.5));
    FORM("WARNING:app.sensor:temp: 30.1", NUM("temp", 30.1));
    /* a level in brackets opening the line: the message is read (it made a series "[INFO] temp") */
    FORM("[INFO] temp=21", NUM("temp", 21));
    FORM("[warn] temp: 30.5", NUM("temp", 30.5));
    /* ping's "...: icmp_seq=1 ttl=117 time=12.3 ms": the '=' pairs after ": " */
    FORM("64 bytes from fra16s52-in-f14.1e100.net (142.250.185.78): icmp_seq=1 ttl=117 time=12.3 "
         "ms",
         NUM("icmp_seq", 1), NUM("ttl", 117), NUM_U("time", 12.3, "ms", 0));
    /* statsd's sample rate and DogStatsD's tags after the type: ignored (the line was refused,
     * "unknown flag '@0.5'") */
    FORM("lat:320|ms|@0.5", NUM("lat", 320));
    FORM("x:1|c|#env:prod,host:a", NUM("x", 1));
    FORM("y:2|g|@0.1|#env:prod", NUM("y", 2));
    /* hex integers, as loggers print registers (were no bare numbers: the line refused) */
    FORM("0x1F 0x20", NUM("value1", 31), NUM("value2", 32));
    FORM("12, -0xff, 0XA", NUM("value1", 12), NUM("value2", -255), NUM("value3", 10));
    RP_CHECK(!rp_line_is_bare_values("NA, -", 5) && !rp_line_is_bare_values("ERR 3", 5) &&
             rp_line_is_bare_values("-, 5", 4));
    FORM("12:00:01.123 -> >:boot", LOG_T(43201123.0, "boot"));
    /* terminal colour codes around a line are no part of it ("temp:1\x1b[0m" was refused) */
    FORM("\x1b[0;32mtemp:1\x1b[0m", NUM("temp", 1));
    /* ESP-IDF's log lines (ESP_LOGI): the message is data at the ms since boot, or log text */
    FORM("\x1b[0;32mI (1234) main: temp=21.5 hum=40\x1b[0m", NUM_T("temp", 1234.0, 21.5),
         NUM_T("hum", 1234.0, 40));
    FORM("W (12:00:01.500) app: v: 3.3 V", NUM_TU("v", 43201500.0, 3.3, "V"));
    /* a time that is no finite number of ms is no prefix (the fixed-seed fuzzer found 10^400) */
    FORM("I (nan) x: 5", NUM("I (nan) x", 5));
    FORM("I (1e400) x: 5", NUM("I (1e400) x", 5));
    /* a level after the time stamp: Python's logging, Zephyr's "<inf> module: " (µs after a
     * second separator) */
    FORM("2024-03-01 12:00:00,123 INFO temp=21.5", NUM_T("temp", 1709294400123.0, 21.5));
    FORM("[00:00:01.234,500] <inf> app: temp=21.5", NUM_T("temp", 1234.5, 21.5));
    /* the kernel's time stamp (dmesg): seconds since boot, blanks inside the brackets ("[
     * 12.345678] temp" was a series a line) */
    FORM("[   12.345678] temp=45.2 fan=1200", NUM_T("temp", 12345.678, 45.2),
         NUM_T("fan", 12345.678, 1200));
    FORM("[   13.5] temp: 45.9", NUM_T("temp", 13500.0, 45.9));

    /* a unit after a space, as library examples print it ("Temperature = "; t; " *C"): the line
     * was refused (no ':' after '*C') and nothing was plotted */
    FORM("Temperature = 23.45 *C", NUM_U("Temperature", 23.45, "*C", 0));
    FORM("Pressure = 1013.25 hPa", NUM_U("Pressure", 1013.25, "hPa", 0));
    /* a group named once, then its axes (Adafruit's unified sensors): the series are group/axis,
     * one panel, and the unit that ends the group is every axis's without one; they were
     * "Acceleration X", "Y" and "Z" (unit m/s^2), and the next line's "Rotation X: .., Y: ..,
     * Z: .. rad/s" went into the same "Y" and "Z" */
    FORM("Acceleration X: 0.12, Y: -0.34, Z: 9.81 m/s^2", NUM_U("Acceleration/X", 0.12, "m/s^2", 0),
         NUM_U("Acceleration/Y", -0.34, "m/s^2", 0), NUM_U("Acceleration/Z", 9.81, "m/s^2", 0));
    FORM("Rotation X: 0.01, Y: 0.02, Z: 0.00 rad/s", NUM_U("Rotation/X", 0.01, "rad/s", 0),
         NUM_U("Rotation/Y", 0.02, "rad/s", 0), NUM_U("Rotation/Z", 0, "rad/s", 0));
    FORM("Mag X: 1 uT Y: 2 Z: 3", NUM_U("Mag/X", 1, "uT", 0), NUM("Mag/Y", 2), NUM("Mag/Z", 3));
    /* two groups on a line separated by single spaces: "Gyro" before "X:" names the next group
     * (it was Z's unit, and then every Accel axis's, and the gyro went into bare X, Y, Z) */
    FORM("Accel X: 1 Y: 2 Z: 3 Gyro X: 4 Y: 5 Z: 6", NUM("Accel/X", 1), NUM("Accel/Y", 2),
         NUM("Accel/Z", 3), NUM("Gyro/X", 4), NUM("Gyro/Y", 5), NUM("Gyro/Z", 6));
    FORM("Temp A: 20 Temp B: 21", NUM("Temp A", 20), NUM("Temp B", 21));
    /* ...but after any other label such a word is a unit still */
    FORM("pressure: 1013 hPa T: 21", NUM_U("pressure", 1013, "hPa", 0), NUM("T", 21));
    FORM("temp: 21 deg x: 3", NUM_U("temp", 21, "deg", 0), NUM("x", 3));
    FORM("Gyro gx:1 gy:2 gz:3\tTemp:25 C", NUM("Gyro/gx", 1), NUM("Gyro/gy", 2), NUM("Gyro/gz", 3),
         NUM_U("Temp", 25, "C", 0));
    FORM("t:5, Wheel speed L: 1, R: 2, mode: 3", NUM("t", 5), NUM("Wheel speed/L", 1),
         NUM("Wheel speed/R", 2), NUM("mode", 3));
    /* ordinary pairs stay as they are: one word first, axes of another length, a name repeated,
     * a label of several words next, digits */
    FORM("Temp C: 20, RH: 40", NUM("Temp C", 20), NUM("RH", 40));
    FORM("X: 1, Y: 2", NUM("X", 1), NUM("Y", 2));
    FORM("Pos X: 1, X: 2", NUM("Pos X", 1), NUM("X", 2));
    FORM("Fan A:1, Fan B:2", NUM("Fan A", 1), NUM("Fan B", 2));
    FORM("Sensor 1:5, 2:6", NUM("Sensor 1", 5), NUM("2", 6));
    FORM("Accel X: 1, Yaw: 2", NUM("Accel X", 1), NUM("Yaw", 2));
    FORM("Temp: 23.5 C, Hum: 40 %", NUM_U("Temp", 23.5, "C", 0), NUM_U("Hum", 40, "%", 0));
    FORM("Temp: 23.5 \xc2\xb0"
         "C\tHum: 40  %  ",
         NUM_U("Temp", 23.5,
               "\xc2\xb0"
               "C",
               0),
         NUM_U("Hum", 40, "%", 0));
    FORM("Temp: 23.5 C Hum: 40", NUM_U("Temp", 23.5, "C", 0), NUM("Hum", 40));
    FORM("Speed: 3 rpm  Motor left: 4", NUM_U("Speed", 3, "rpm", 0), NUM("Motor left", 4));
    FORM("x:1234:3.3 V", NUM_TU("x", 1234, 3.3, "V"));
    /* the same reading in another unit after it: a series named by the label and that unit */
    FORM("Humidity: 40.00%  Temperature: 23.50\xc2\xb0"
         "C 74.30\xc2\xb0"
         "F  Heat index: 23.10\xc2\xb0"
         "C 73.58\xc2\xb0"
         "F",
         NUM_U("Humidity", 40, "%", 0),
         NUM_U("Temperature", 23.5,
               "\xc2\xb0"
               "C",
               0),
         NUM_U("Temperature \xc2\xb0"
               "F",
               74.3,
               "\xc2\xb0"
               "F",
               0),
         NUM_U("Heat index", 23.1,
               "\xc2\xb0"
               "C",
               0),
         NUM_U("Heat index \xc2\xb0"
               "F",
               73.58,
               "\xc2\xb0"
               "F",
               0));
    FORM("T: 20 C, 68 F, 293.15 K", NUM_U("T", 20, "C", 0), NUM_U("T F", 68, "F", 0),
         NUM_U("T K", 293.15, "K", 0));
    /* ... but words before the next label stay part of it */
    FORM("Sensor 1:512 Sensor 2:3", NUM("Sensor 1", 512), NUM("Sensor 2", 3));
    FORM("Fan 1:5 Fan 2:6", NUM("Fan 1", 5), NUM("Fan 2", 6));
    FORM("v:1 Motor speed:2", NUM("v", 1), NUM("Motor speed", 2));
    FORM("ax = -123 ay = 456  az = 16384", NUM("ax", -123), NUM("ay", 456), NUM("az", 16384));
    FORM("a:1 b :2 c  :3", NUM("a", 1), NUM("b", 2), NUM("c", 3));
}

/* A line that is one JSON object (PlotJuggler's UDP JSON, sketches that print ArduinoJson): a
 * sample per number or boolean field, named by its key path, at its "ts" / "time" /
 * "timestamp" (any case; Unix seconds, or ms, us, ns from 1e11, 1e14, 1e17 up, or an ISO 8601
 * string); strings, arrays and null are no samples. */
static void test_json_lines(void)
{
    FORM("{\"temp\":21.5}", NUM("temp", 21.5));
    FORM("  {\"temp\": 21.5, \"hum\": 40}  ", NUM("temp", 21.5), NUM("hum", 40));
    FORM("{\"imu\":{\"ax\":0.5,\"gyro\":{\"z\":-1}},\"ok\":true,\"bad\":false}", NUM("imu/ax", 0.5),
         NUM("imu/gyro/z", -1), NUM("ok", 1), NUM("bad", 0));
    FORM("{\"ts\":1700000000.25,\"v\":1,\"w\":2}", NUM_T("v", 1700000000250.0, 1),
         NUM_T("w", 1700000000250.0, 2));
    FORM("{\"v\":3,\"timestamp\":1700000000250}", NUM_T("v", 1700000000250.0, 3));
    FORM("{\"time\":12.5,\"v\":-4e1}", NUM_T("v", 12500.0, -40));
    FORM("{\"ts\":1700000000250000,\"v\":1}", NUM_T("v", 1700000000250.0, 1));    /* µs */
    FORM("{\"ts\":1700000000000000000,\"v\":1}", NUM_T("v", 1700000000000.0, 1)); /* ns */
    /* ISO 8601 strings (Node-RED, Python's isoformat()), Tasmota's "Time" without a zone (UTC) */
    FORM("{\"time\":\"2023-11-14T22:13:20.25Z\",\"v\":1}", NUM_T("v", 1700000000250.0, 1));
    FORM("{\"Time\":\"2023-11-14T22:13:20\",\"ENERGY\":{\"Power\":45}}",
         NUM_T("ENERGY/Power", 1700000000000.0, 45));
    /* Python's json.dumps writes NaN, Infinity, -Infinity: a gap and ±Inf, the line's other
     * values kept (the whole line was refused); inside a string they stay text */
    FORM("{\"a\": NaN, \"b\": 1, \"c\": [Infinity, -Infinity], \"s\": \"NaN, x\"}", NUM("a", NAN),
         NUM("b", 1), NUM("c[0]", INFINITY), NUM("c[1]", -INFINITY));
    FORM("{\"name\":\"imu\",\"none\":null,\"v\":1e39}",
         NUM("v", INFINITY)); /* beyond a float: +Inf, as in every format */
    FORM("{\"pos\":[1.5,\"x\",true,[2],{\"a\":3},-4],\"q\":{\"w\":[0]}}", NUM("pos[0]", 1.5),
         NUM("pos[2]", 1), NUM("pos[5]", -4), NUM("q/w[0]", 0)); /* arrays: key[index] */
    FORM("{\"a\":{\"b\":{\"c\":{\"d\":1,\"e\":{\"f\":2}}}}}", NUM("a/b/c/d", 1)); /* 4 deep */
    FORM(">{\"temp\":1}", NUM("temp", 1)); /* Teleplot's serial prefix */
    /* blanks around a key are dropped, as around text names (a name " vd" came through) */
    FORM("{\" vd \":1,\"imu\":{\"\tax \":2}}", NUM("vd", 1), NUM("imu/ax", 2));
    FORM("{\"Temp \u00b0C\":5}", NUM("Temp \xc2\xb0"
                                     "C",
                                     5));

    static char many[2048], deep[256];
    size_t m = (size_t)sprintf(many, "{");
    for (int i = 0; i <= RP_LINE_VALUES_MAX; i++)
        m += (size_t)sprintf(many + m, "\"v%d\":%d,", i, i);
    many[m - 1] = '}';
    sprintf(deep, "{\"%s\":{\"%s\":1}}", "0123456789012345678901234567890123456789",
            "abcdefghijklmnopqrstuvwxyz");
    const bad_case cases[] = {
        {"{\"temp\":21.5", RP_LINE_REJECT_BAD_JSON, "malformed JSON"}, /* cut short */
        {"{temp:21.5}", RP_LINE_REJECT_BAD_JSON, "malformed JSON"},
        {"{\"  \":1}", RP_LINE_REJECT_EMPTY_NAME, "empty JSON key"},
        {"{\"a\":1,}", RP_LINE_REJECT_BAD_JSON, "malformed JSON"},
        {"{\"a\":\"x\\u0000y\",\"b\":1}", RP_LINE_REJECT_BAD_JSON, "escaped NUL"},
        {"{\"name\":\"x\",\"list\":[\"a\"]}", RP_LINE_REJECT_BAD_NUMBER, "without a number field"},
        {"{\"ts\":\"now\",\"v\":1}", RP_LINE_REJECT_BAD_TIMESTAMP, "JSON time 'ts'"},
        {"{\"a\": NaNa}", RP_LINE_REJECT_BAD_JSON, "malformed JSON"},
        /* one object a line: cJSON read the first and dropped the rest unsaid */
        {"{\"a\":1} junk", RP_LINE_REJECT_BAD_JSON, "text 'junk' after the JSON object"},
        {"{\"a\":2}{\"b\":3}", RP_LINE_REJECT_BAD_JSON, "a second JSON object ('{\"b\":3}')"},
        {"{\"a\": nan}", RP_LINE_REJECT_BAD_JSON, "malformed JSON"},
        {"{\"TimeStamp\":\"1969-12-31T23:00:00Z\",\"v\":1}", RP_LINE_REJECT_BAD_TIMESTAMP,
         "JSON time 'TimeStamp' is not a number of seconds (or ms, us, ns) or an ISO 8601"},
        {"{\"time\":-1,\"v\":1}", RP_LINE_REJECT_BAD_TIMESTAMP, "JSON time 'time'"},
        {"{\"a,b\":1}", RP_LINE_REJECT_BAD_NAME, "',' not allowed in name 'a,b'"},
        {"{\"x\":{\"a:b\":1}}", RP_LINE_REJECT_BAD_NAME, "':' not allowed"},
        {"{\"\":1}", RP_LINE_REJECT_EMPTY_NAME, "empty JSON key"},
        {deep, RP_LINE_REJECT_NAME_TOO_LONG, "longer than 63 bytes"},
        {many, RP_LINE_REJECT_TOO_MANY_VALUES, "more than 64 samples"},
    };
    check_bad_cases(cases, (int)(sizeof cases / sizeof cases[0]));
    /* exactly RP_LINE_VALUES_MAX fields pass; any chunking gives the same samples */
    m = (size_t)sprintf(many, "{");
    for (int i = 0; i < RP_LINE_VALUES_MAX; i++)
        m += (size_t)sprintf(many + m, "\"v%d\":%d,", i, i);
    sprintf(many + m - 1, "}\n{\"ts\":2,\"a\":{\"b\":1}}\nc:3\n");
    rp_line_stats whole = run(many, strlen(many), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK(whole.lines_ok == 3 && whole.samples == RP_LINE_VALUES_MAX + 2);
    RP_CHECK(!strcmp(g_a.s[RP_LINE_VALUES_MAX].name, "a/b") &&
             g_a.s[RP_LINE_VALUES_MAX].ts == 2000.0);
    for (int k = 0; k < 2; k++) {
        rp_line_stats cut = run(many, strlen(many), k ? -1 : 1, 77, &g_b, false, NULL, 0);
        RP_CHECK(cut.samples == whole.samples && captures_equal(&g_a, &g_b));
    }
}

/* Lines refused, each with its reason and a message naming the feature; neighbours unharmed. */
static void test_teleplot_rejects(void)
{
    static char many[1024], long_unit[128];
    size_t m = (size_t)sprintf(many, "a:");
    for (int i = 0; i <= RP_LINE_VALUES_MAX; i++) m += (size_t)sprintf(many + m, "%d;", i);
    sprintf(many + m, "|");
    sprintf(long_unit, "a:1\xc2\xa7%s", "0123456789012345678901234567890123");
    const bad_case cases[] = {
        {"3D|cube:S:cube:P:1:1:1", RP_LINE_REJECT_3D, "3D shapes ('3D|...') are not supported"},
        {"3D|mySimpleSphere:1627551892437:S:sphere:P::2::RA:2:C:red;|", RP_LINE_REJECT_3D,
         "3D shapes"},
        {"traj:1:2:3|xyz", RP_LINE_REJECT_3D, "3D points ('|xyz') of 'traj'"},
        {"JPG|img:1/4:AAAA", RP_LINE_REJECT_IMAGE, "images ('JPG|...')"},
        {"PNG|img:1234:AAAA|", RP_LINE_REJECT_IMAGE, "images ('PNG|...')"},
        {"|sayHello|world|", RP_LINE_REJECT_COMMAND, "command list"},
        {"a:1|bogus", RP_LINE_REJECT_BAD_FLAGS, "unknown flag 'bogus' for 'a'"},
        {"a:1|np,x", RP_LINE_REJECT_BAD_FLAGS, "unknown flag 'x'"},
        {"a:1:2|xy,t", RP_LINE_REJECT_BAD_FLAGS, "'xy' and 't' together"},
        {"a:1|g\xc2\xa7V", RP_LINE_REJECT_BAD_UNIT, "after its flags"},
        {"a:1\xc2\xa7V:x", RP_LINE_REJECT_BAD_UNIT, "':' not allowed in the unit"},
        {"a:1\xc2\xa7V b:2", RP_LINE_REJECT_BAD_UNIT, "not allowed in the unit 'V b:2' of 'a'"},
        {"a:1\xc2\xa7V\xc2\xa7W", RP_LINE_REJECT_BAD_UNIT, "second unit sign"},
        {"a:1\xc2\xa7\xff", RP_LINE_REJECT_BAD_UNIT, "invalid UTF-8"},
        {long_unit, RP_LINE_REJECT_BAD_UNIT, "longer than 31 bytes"},
        {"a:1:2:3|", RP_LINE_REJECT_BAD_POINT, "3 fields in a point of 'a'"},
        {"traj:1|xy", RP_LINE_REJECT_BAD_POINT, "x:y or x:y:timestamp, not 1 field"},
        {"traj:1:2:3:4|xy", RP_LINE_REJECT_BAD_POINT, "not 4 fields"},
        {"traj:x:2|xy", RP_LINE_REJECT_BAD_NUMBER, "bad x 'x' for 'traj'"},
        {"traj:1:y|xy", RP_LINE_REJECT_BAD_NUMBER, "bad y 'y'"},
        {"traj:1:2:soon|xy", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp 'soon'"},
        {"s:Mode: on|t", RP_LINE_REJECT_BAD_POINT, "':' in the text of 's'"},
        {"s:1:2:3|t", RP_LINE_REJECT_BAD_POINT, "':' in the text"},
        {"s:ok\xff|t", RP_LINE_REJECT_BAD_TEXT, "invalid UTF-8 in the text of 's'"},
        {">1234:bad\xff", RP_LINE_REJECT_BAD_TEXT, "log line"},
        {"a:;|", RP_LINE_REJECT_BAD_NUMBER, "no value for 'a'"},
        {"a:|t", RP_LINE_REJECT_BAD_NUMBER, "no value"},
        {"a:1,b:2|g", RP_LINE_REJECT_BAD_TIMESTAMP, "holds one telemetry"},
        {"a:x|", RP_LINE_REJECT_BAD_NUMBER, "bad number 'x' for 'a'"},
        {"a:now:1|", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp 'now'"},
        {"a|b:1", RP_LINE_REJECT_BAD_NAME, "'|' not allowed in name"},
        {"a\tb:1|g", RP_LINE_REJECT_BAD_NAME, "'\\t' not allowed in name"},
        {"a,label:1|g", RP_LINE_REJECT_BAD_NAME, "',' not allowed in name"},
        {"x\xc2\xa7y:1", RP_LINE_REJECT_BAD_NAME, "unit sign"},
        {":1|", RP_LINE_REJECT_EMPTY_NAME, "empty name"},
        {"temp|g", RP_LINE_REJECT_NO_COLON, "no ':' after 'temp'"},
        {many, RP_LINE_REJECT_TOO_MANY_VALUES, "more than 64 points"},
        {">temp:abc", RP_LINE_REJECT_BAD_NUMBER, "bad number 'abc' for 'temp'"},
    };
    check_bad_cases(cases, (int)(sizeof cases / sizeof cases[0]));
    /* exactly RP_LINE_VALUES_MAX points pass */
    m = (size_t)sprintf(many, "a:");
    for (int i = 0; i < RP_LINE_VALUES_MAX; i++) m += (size_t)sprintf(many + m, "%d:%d;", i, i);
    sprintf(many + m, "|xy");
    rp_line_stats s = run(many, strlen(many), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.xy_points, RP_LINE_VALUES_MAX);
    /* without on_event, XY points, texts and logs are counted, not emitted */
    rp_line_parser *p = NULL;
    g_b.n = 0;
    RP_REQUIRE_VOID(rp_line_parser_create(
                        &(rp_line_parser_desc){.on_sample = on_sample, .user = &g_b}, &p) == RP_OK);
    const char in[] = "a:1:2|xy\ns:on|t\n>:hi\nv:1\n";
    RP_CHECK(rp_line_parser_feed(p, in, sizeof in - 1) == RP_OK);
    rp_line_stats st = rp_line_parser_stats(p);
    RP_CHECK(st.xy_points == 1 && st.texts == 1 && st.logs == 1 && st.samples == 1 &&
             st.lines_ok == 4);
    RP_CHECK(g_b.n == 1 && !strcmp(g_b.s[0].name, "v"));
    rp_line_parser_destroy(p);
}

/* Every new form in a stream cut anywhere: the same items and counters. */
static void test_chunkings_teleplot(void)
{
    static char buf[1 << 16];
    size_t len = 0;
    uint64_t seed = 4242;
    for (int i = 0; i < 400; i++) {
        uint64_t r = rp_test_rng(&seed);
        double ts = 1795918300523.446 + i * 33.3;
        switch (i % 8) {
        case 0:
            len += (size_t)sprintf(buf + len, "sin:%.6f:%.6f;%.6f:%.6f;\xc2\xa7V|\n", ts,
                                   sin(i * 0.1), ts + 1, sin(i * 0.1 + 0.01));
            break;
        case 1:
            len += (size_t)sprintf(buf + len, "pos:%d:%d:%.6f;|xy\r\n", (int)(r % 100),
                                   -(int)(r % 77), ts);
            break;
        case 2:
            len += (size_t)sprintf(buf + len, "state:%.6f:%s;|text\n", ts,
                                   r & 1 ? "Turned On" : "Off");
            break;
        case 3: len += (size_t)sprintf(buf + len, ">%lld:log line %d\n", (long long)ts, i); break;
        case 4: len += (size_t)sprintf(buf + len, "Sensor 1:%d,Sensor 2:%d\n", i, -i); break;
        case 5: len += (size_t)sprintf(buf + len, "%d %d\t%d\n", i, i + 1, i + 2); break;
        case 6: len += (size_t)sprintf(buf + len, "3D|c:S:cube\n"); break;
        default:
            len += (size_t)sprintf(buf + len,
                                   "t:%d\xc2\xa7\xc2\xb0"
                                   "C|np,clr\n",
                                   i);
            break;
        }
    }
    rp_line_stats whole = run(buf, len, 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(whole.lines, 400);
    RP_CHECK_EQ_INT(whole.lines_rejected, 50);
    RP_CHECK_EQ_INT(whole.rejected[RP_LINE_REJECT_3D], 50);
    RP_CHECK_EQ_INT(whole.samples, 50 * 2 + 50 * 2 + 50 * 3 + 50);
    RP_CHECK(whole.xy_points == 50 && whole.texts == 50 && whole.logs == 50);
    for (uint64_t s = 0; s <= 12; s++) {
        rp_line_stats r = run(buf, len, s == 0 ? 1 : -1, s, &g_b, false, NULL, 0);
        RP_CHECK_MSG(captures_equal(&g_a, &g_b), "chunks, seed %llu", (unsigned long long)s);
        RP_CHECK_MSG(memcmp(&whole, &r, sizeof whole) == 0, "stats, seed %llu",
                     (unsigned long long)s);
    }
}

static void test_api_errors(void)
{
    rp_line_parser *p = (rp_line_parser *)&g_a;
    RP_CHECK(rp_line_parser_create(NULL, &p) == RP_ERR_INVALID_ARG && p == NULL);
    RP_CHECK(rp_line_parser_create(&(rp_line_parser_desc){0}, &p) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_line_parser_feed(NULL, "a", 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample, .user = &g_a},
                                   &p) == RP_OK);
    RP_CHECK(rp_line_parser_feed(p, NULL, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_line_parser_feed(p, NULL, 0) == RP_OK);
    RP_CHECK(rp_line_parser_feed(p, "a:1\n", 4) == RP_OK);
    RP_CHECK(rp_line_parser_feed(p, "a:x\nb:2\n", 8) == RP_ERR_PARSE);
    RP_CHECK(rp_line_parser_feed(p, "c:3", 3) == RP_OK);
    RP_CHECK(rp_line_parser_finish(p) == RP_OK);
    RP_CHECK_EQ_INT(rp_line_parser_stats(p).samples, 3);
    RP_CHECK(strcmp(rp_line_parser_last_error(p), "line 2: bad number 'x' for 'a'") == 0);
    rp_line_parser_destroy(p);
    rp_line_parser_destroy(NULL);
}

/* ---- numbers ------------------------------------------------------------------------------- */

static bool parses_as(const char *s, double want)
{
    double d;
    if (rp_io_parse_double(s, strlen(s), &d) != RP_OK) return false;
    return memcmp(&d, &want, sizeof d) == 0 || (isnan(d) && isnan(want));
}

static void test_numbers(void)
{
    RP_CHECK(parses_as("21.5", 21.5));
    RP_CHECK(parses_as("0.1", 0.1));
    RP_CHECK(parses_as("-0", -0.0));
    RP_CHECK(parses_as("+.5", 0.5));
    RP_CHECK(parses_as("5.", 5.0));
    RP_CHECK(parses_as("1E3", 1000.0));
    RP_CHECK(parses_as("1e-3", 1e-3));
    RP_CHECK(parses_as("NaN", NAN));
    RP_CHECK(parses_as("ovf", NAN)); /* Arduino's Serial.print(1e10): a gap, not a refused line */
    RP_CHECK(parses_as("-Infinity", -INFINITY));
    RP_CHECK(parses_as("1e400", INFINITY));
    RP_CHECK(parses_as("-1e400", -INFINITY));
    RP_CHECK(parses_as("1e-400", 0.0));
    RP_CHECK(parses_as("4.9406564584124654e-324", 4.9406564584124654e-324));
    RP_CHECK(parses_as("1.7976931348623157e308", DBL_MAX));
    RP_CHECK(parses_as("9007199254740993", 9007199254740992.0)); /* 2^53 + 1: ties to even */
    RP_CHECK(parses_as("123456789012345678901234567890", 123456789012345678901234567890.0));
    RP_CHECK(parses_as("0.000000000000000000000000000001", 1e-30));
    RP_CHECK(parses_as("1e99999999999999999999", INFINITY));
    /* Halfway case that needs every digit (2^-1075 + tiny): rounds up to the smallest denormal. */
    RP_CHECK(parses_as("2.4703282292062328e-324", 4.9406564584124654e-324));
    static char longnum[2100];
    memset(longnum, '0', sizeof longnum - 1);
    longnum[0] = '0';
    longnum[1] = '.';
    longnum[2000] = '1'; /* 1e-1999 → 0 */
    longnum[2001] = '\0';
    RP_CHECK(parses_as(longnum, 0.0));
    const char *bad[] = {"",    "+",  "-",  ".",   "e5",   "1e", "1e+",     "0x10",  "1.2.3",
                         "--1", " 1", "1 ", "1,5", "nanx", "in", "infinit", "1e5.0", "١"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double d;
        RP_CHECK_MSG(rp_io_parse_double(bad[i], strlen(bad[i]), &d) == RP_ERR_PARSE, "'%s'",
                     bad[i]);
    }
    float f;
    RP_CHECK(rp_io_parse_float("3.4028235e38", 12, &f) == RP_OK && f == FLT_MAX);
    RP_CHECK(rp_io_parse_float("3.40282356e38", 13, &f) == RP_OK &&
             f == FLT_MAX); /* below the midpoint */
    RP_CHECK(rp_io_parse_float("3.4028236e38", 12, &f) == RP_OK && isinf(f)); /* above it */
    RP_CHECK(rp_io_parse_float("3.5e38", 6, &f) == RP_OK && isinf(f) && f > 0);
    RP_CHECK(rp_io_parse_float("-3.5e38", 7, &f) == RP_OK && isinf(f) && f < 0);
    RP_CHECK(rp_io_parse_float("1e-50", 5, &f) == RP_OK && f == 0.0f);
    RP_CHECK(rp_io_parse_float("0.1", 3, &f) == RP_OK && f == 0.1f);

    /* Random values in several printf precisions: identical to strtod (C locale here). */
    uint64_t seed = 42;
    printf("number seed %llu\n", (unsigned long long)seed);
    int mismatches = 0, float_mismatches = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = rp_test_rng(&seed);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v)) continue;
        if (i % 2) v = (double)(int64_t)(bits >> 11) * pow(10.0, (double)(int)(bits % 40) - 20.0);
        static const char *const fmts[] = {"%.17g", "%.9g", "%.6g", "%.3g", "%.20e", "%.1f"};
        char s[400];
        snprintf(s, sizeof s, fmts[i % 6], v);
        double a, b = strtod(s, NULL);
        if (rp_io_parse_double(s, strlen(s), &a) != RP_OK || memcmp(&a, &b, sizeof a) != 0) {
            if (mismatches++ < 5)
                fprintf(stderr, "mismatch: %s → %.17g vs strtod %.17g\n", s, a, b);
        }
        uint32_t fbits = (uint32_t)(bits >> 32);
        float fv;
        memcpy(&fv, &fbits, sizeof fv);
        snprintf(s, sizeof s, "%.9g", (double)fv);
        float g;
        if (isfinite(fv) && (rp_io_parse_float(s, strlen(s), &g) != RP_OK || g != fv))
            float_mismatches++;
    }
    RP_CHECK_EQ_INT(mismatches, 0);
    RP_CHECK_EQ_INT(float_mismatches, 0);
}

static void test_format(void)
{
    char buf[32];
    struct {
        double v;
        const char *s;
    } cases[] = {
        {0.0, "0"},
        {-0.0, "-0"},
        {21.5, "21.5"},
        {1.0, "1"},
        {0.1, "0.1"},
        {123456.0, "123456"},
        {1234567.0, "1.23457e+06"},
        {0.0001, "0.0001"},
        {0.00001234, "1.234e-05"},
        {-3.25, "-3.25"},
        {1e100, "1e+100"},
        {NAN, "nan"},
        {INFINITY, "inf"},
        {-INFINITY, "-inf"},
        {999999.5, "1e+06"},
        {0.84147098, "0.841471"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = rp_io_format_g6(cases[i].v, buf);
        buf[n] = '\0';
        RP_CHECK_MSG(strcmp(buf, cases[i].s) == 0, "%.17g → '%s', expect_item '%s'", cases[i].v,
                     buf, cases[i].s);
    }
    /* Against printf over random floats: same text nearly always (ties may differ), always a
     * value within half a unit of the 6th digit, and always parseable. */
    uint64_t seed = 7;
    int differ = 0, bad = 0;
    const int N = 200000;
    for (int i = 0; i < N; i++) {
        uint32_t bits = (uint32_t)rp_test_rng(&seed);
        float f;
        memcpy(&f, &bits, sizeof f);
        if (!isfinite(f)) continue;
        char ref[64];
        snprintf(ref, sizeof ref, "%.6g", (double)f);
        int n = rp_io_format_g6((double)f, buf);
        buf[n] = '\0';
        if (strcmp(buf, ref) != 0) differ++;
        double back;
        if (rp_io_parse_double(buf, (size_t)n, &back) != RP_OK ||
            fabs(back - (double)f) > 6e-6 * fabs((double)f)) {
            if (bad++ < 5) fprintf(stderr, "format %.9g → '%s'\n", (double)f, buf);
        }
    }
    printf("format_g6: %d of %d differ from printf %%.6g\n", differ, N);
    RP_CHECK_EQ_INT(bad, 0);
    RP_CHECK(differ < N / 1000);
}

typedef struct bare_capture {
    int n;
    char names[16][16];
    float values[16];
} bare_capture;

static void bare_on_sample(void *user, const rp_line_sample *smp)
{
    bare_capture *c = user;
    if (c->n >= 16) return;
    size_t len = smp->name_len < 15 ? smp->name_len : 15;
    memcpy(c->names[c->n], smp->name, len);
    c->names[c->n][len] = 0;
    c->values[c->n++] = smp->value;
}

/* One reading with its unit, as an MQTT payload is read: a decimal comma too ("23,5" was two
 * values, value1 = 23 and value2 = 5, though one number is far likelier in one payload). */
static void test_value_with_unit(void)
{
    float v;
    const char *unit;
    size_t n;
    RP_CHECK(rp_line_value_with_unit("23.5 \xc2\xb0"
                                     "C",
                                     8, &v, &unit, &n) &&
             v == 23.5f && n == 3 &&
             !memcmp(unit,
                     "\xc2\xb0"
                     "C",
                     3));
    RP_CHECK(rp_line_value_with_unit("40%", 3, &v, &unit, &n) && v == 40.0f && n == 1);
    const char *comma[] = {"23,5", "-0,25", "+1,5", "1013,25"};
    const float want[] = {23.5f, -0.25f, 1.5f, 1013.25f};
    for (size_t k = 0; k < sizeof comma / sizeof *comma; k++)
        RP_CHECK_MSG(rp_line_value_with_unit(comma[k], strlen(comma[k]), &v, &unit, &n) &&
                         v == want[k] && unit == NULL && n == 0,
                     "%s", comma[k]);
    const char glued[] = "21,5\xc2\xb0"
                         "C",
               spaced[] = "1013,25 hPa";
    RP_CHECK(rp_line_value_with_unit(glued, sizeof glued - 1, &v, &unit, &n) && v == 21.5f &&
             unit == glued + 4 && n == 3);
    RP_CHECK(rp_line_value_with_unit(spaced, sizeof spaced - 1, &v, &unit, &n) && v == 1013.25f &&
             unit == spaced + 8 && n == 3);
    /* several values, or no such number: not one reading */
    const char *no[] = {"1,2,3", "23, 5", "23 ,5", "1,234.5", ",5",   "5,",
                        "a,5",   "1,5,",  "",      "23,5 6",  "1.5,2"};
    for (size_t k = 0; k < sizeof no / sizeof *no; k++)
        RP_CHECK_MSG(!rp_line_value_with_unit(no[k], strlen(no[k]), &v, &unit, &n), "%s", no[k]);
}

/* Lines of key:value fields are banner text or pairs, never a CSV header: ESP32's boot lines
 * named the series of the numbers after them "mode:DIO" and "clock div:1". */
static void test_key_value_fields(void)
{
    const struct {
        const char *line;
        char delim;
        bool pairs;
    } cases[] = {
        {"mode:DIO, clock div:1", ',', true},
        {"load:0x3fff0030,len:1184", ',', true},
        {"configsip: 0, SPIWP:0xee\r", ',', true},
        {"a:1;b:2", ';', true},
        {"temp:21.5\thum:40", '\t', true},
        {"Time (hh:mm:ss),Value", ',', false}, /* a header whose name holds ':' */
        {"Start (hh:mm),End (hh:mm)", ',', false},
        {"\"a:1\",\"b:2\"", ',', false},
        {"Sensor:Temp,Sensor:Hum", ',', false}, /* names with a namespace: no value a number */
        {"12:00:01,5:3", ',', false},           /* clock times, not keys */
        {"mode:DIO", ',', false},               /* one field */
        {"a:1,b", ',', false},
        {"a:1,", ',', false},
        {"a:,b:2", ',', false},
        {":1,:2", ',', false},
        {"a:1,b:2", 0, false},
        {"", ',', false},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        RP_CHECK_MSG(rp_line_is_key_value_fields(cases[k].line, strlen(cases[k].line),
                                                 cases[k].delim) == cases[k].pairs,
                     "%s", cases[k].line);
}

int main(void)
{
    test_key_value_fields();
    test_value_with_unit();
    test_json_lines();
    test_basic_values();
    test_chunkings();
    test_malformed();
    test_too_long();
    test_cr_lines();
    test_junk();
    test_prefix_only();
    test_clock_text();
    test_label_only();
    test_partial_lines();
    test_esp_idf_log();
    test_teleplot_forms();
    test_arduino_forms();
    test_time_of_day_midnight();
    test_teleplot_rejects();
    test_chunkings_teleplot();
    test_api_errors();
    test_numbers();
    test_format();
    {
        /* bare numbers: value1, value2... by position; a non-number token still rejects */
        bare_capture cap = {0};
        rp_line_parser *bp;
        RP_REQUIRE(
            rp_line_parser_create(&(rp_line_parser_desc){.on_sample = bare_on_sample, .user = &cap},
                                  &bp) == RP_OK);
        const char in[] = "21.5 40.25\n1,2,3\n7\n1 two 3\n";
        RP_CHECK(rp_line_parser_feed(bp, in, sizeof in - 1) == RP_ERR_PARSE);
        rp_line_stats bs = rp_line_parser_stats(bp);
        RP_CHECK_EQ_INT(bs.lines_ok, 3);
        RP_CHECK_EQ_INT(bs.samples, 6);
        RP_CHECK_EQ_INT(bs.rejected[RP_LINE_REJECT_NO_COLON], 1);
        RP_CHECK(rp_line_is_bare_values("1;2;3\r", 6) && rp_line_is_bare_values("21.5 40.25", 10));
        RP_CHECK(!rp_line_is_bare_values("1 two 3", 7) && !rp_line_is_bare_values("a:1", 3) &&
                 !rp_line_is_bare_values(" , ", 3));
        RP_CHECK(cap.n == 6 && !strcmp(cap.names[0], "value1") && cap.values[0] == 21.5f &&
                 !strcmp(cap.names[1], "value2") && cap.values[1] == 40.25f &&
                 !strcmp(cap.names[4], "value3") && cap.values[4] == 3.0f &&
                 !strcmp(cap.names[5], "value1"));
        rp_line_parser_destroy(bp);
    }
    return rp_test_finish();
}
