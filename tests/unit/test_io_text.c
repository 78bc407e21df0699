/* test_io_text.c — the Teleplot text line parser and the number parser/formatter: any chunking
 * gives the same samples, every malformed-line category is counted without disturbing its
 * neighbours, limits hold, numbers are exact. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"

#define MAX_SAMPLES 4096
/* RP_REQUIRE for void test functions: count the failure and leave the function. */
#define REQUIRE_V(cond)                                                                            \
    do {                                                                                           \
        RP_CHECK(cond);                                                                            \
        if (!(cond)) return;                                                                       \
    } while (0)

typedef struct sample {
    char name[RP_LINE_NAME_MAX + 1];
    bool has_ts;
    double ts;
    float value;
} sample;

typedef struct capture {
    sample s[MAX_SAMPLES];
    int n;
} capture;

static void on_sample(void *user, const rp_line_sample *in)
{
    capture *c = user;
    if (c->n >= MAX_SAMPLES) return;
    sample *s = &c->s[c->n++];
    memcpy(s->name, in->name, in->name_len);
    s->name[in->name_len] = '\0';
    s->has_ts = in->has_timestamp;
    s->ts = in->timestamp_ms;
    s->value = in->value;
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
        if (strcmp(x->name, y->name) || x->has_ts != y->has_ts || !same_float(x->value, y->value) ||
            (x->has_ts && x->ts != y->ts))
            return false;
    }
    return true;
}

/* Simple deterministic PRNG for chunk sizes and junk (seed printed by the tests). */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* chunk: 0 = whole, 1 = byte by byte, -1 = random sizes 1..97 from seed. */
static rp_line_stats run(const char *data, size_t len, int chunk, uint64_t seed, capture *cap,
                         bool prefix_only, char *last_error, size_t le_size)
{
    rp_line_parser *p = NULL;
    cap->n = 0;
    rp_status st = rp_line_parser_create(
        &(rp_line_parser_desc){.on_sample = on_sample, .user = cap, .prefix_only = prefix_only},
        &p);
    if (st != RP_OK) {
        rp_line_stats z = {0};
        return z;
    }
    size_t off = 0;
    while (off < len) {
        size_t n = chunk == 0 ? len - off : chunk == 1 ? 1 : 1 + (size_t)(rng_next(&seed) % 97);
        if (n > len - off) n = len - off;
        rp_line_parser_feed(p, data + off, n);
        off += n;
    }
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
    REQUIRE_V(g_a.n == 19);
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
        uint64_t r = rng_next(&seed);
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
        {"temp 21.5", RP_LINE_REJECT_NO_COLON, "no ':' after 'temp'"},
        {"temp", RP_LINE_REJECT_NO_COLON, "no ':'"},
        {":1", RP_LINE_REJECT_EMPTY_NAME, "empty name"},
        {">:1", RP_LINE_REJECT_EMPTY_NAME, "empty name"},
        {name64, RP_LINE_REJECT_NAME_TOO_LONG, "longer than 63"},
        {"a;b:1", RP_LINE_REJECT_BAD_NAME, "not allowed in name"},
        {"a|b:1", RP_LINE_REJECT_BAD_NAME, "not allowed"},
        {"bad\xff:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"over\xc0\xaf:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"surr\xed\xa0\x80:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"c1\xc2\x85:1", RP_LINE_REJECT_BAD_NAME, "invalid UTF-8"},
        {"temp:abc", RP_LINE_REJECT_BAD_NUMBER, "bad number 'abc' for 'temp'"},
        {"temp:", RP_LINE_REJECT_BAD_NUMBER, "bad number '' for 'temp'"},
        {"temp:1.5x", RP_LINE_REJECT_BAD_NUMBER, "bad number '1.5x'"},
        {"temp:0x10", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"temp:1.2.3", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"temp:1e", RP_LINE_REJECT_BAD_NUMBER, "bad number"},
        {"a:1,b:zz", RP_LINE_REJECT_BAD_NUMBER, "for 'b'"},
        {"temp:now:1", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp 'now'"},
        {"temp:nan:1", RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp"},
        {"temp:1:2:3", RP_LINE_REJECT_TRAILING, "unexpected ':3'"},
        {"temp:1#", RP_LINE_REJECT_TRAILING, "unexpected '#'"},
        {"temp:1\"x\"", RP_LINE_REJECT_TRAILING, "unexpected"},
        {many, RP_LINE_REJECT_TOO_MANY_VALUES, "more than 64"},
        {"te\x01mp:1", RP_LINE_REJECT_BINARY, "control byte 0x01 at byte 3"},
        {"temp:1\x1b[0m", RP_LINE_REJECT_BINARY, "control byte 0x1b"},
        {"temp:1\rjunk", RP_LINE_REJECT_BINARY, "0x0d"},
    };
    const int n_cases = (int)(sizeof cases / sizeof cases[0]);
    for (int k = 0; k < n_cases; k++) {
        char in[2048], err[RP_IO_ERROR_MAX];
        int len = snprintf(in, sizeof in, "ok:%d\n%s\nok:%d.5\n", k, cases[k].line, k);
        rp_line_stats s = run(in, (size_t)len, 0, 0, &g_a, false, err, sizeof err);
        RP_CHECK_MSG(s.rejected[cases[k].reason] == 1 && s.lines_rejected == 1,
                     "case %d '%s': reason %s count %lld, rejected %lld (%s)", k, cases[k].line,
                     rp_line_reject_string(cases[k].reason), (long long)s.rejected[cases[k].reason],
                     (long long)s.lines_rejected, err);
        RP_CHECK_MSG(g_a.n == 2 && g_a.s[0].value == (float)k && g_a.s[1].value == (float)k + 0.5f,
                     "case %d: neighbours (%d samples)", k, g_a.n);
        RP_CHECK_MSG(strstr(err, cases[k].msg) != NULL && strncmp(err, "line 2: ", 8) == 0,
                     "case %d: message '%s' lacks '%s'", k, err, cases[k].msg);
    }
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
                if (!ok) RP_CHECK_MSG(strstr(err, "longer than 4096") != NULL, "%s", err);
            }
        }
    }
    /* A too-long last line without "\n" is rejected at finish. */
    memset(buf, 'x', RP_LINE_MAX + 10);
    rp_line_stats s = run(buf, RP_LINE_MAX + 10, -1, 5, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.rejected[RP_LINE_REJECT_TOO_LONG], 1);
}

static void test_junk(void)
{
    static char buf[1 << 17];
    uint64_t seed = 987654321;
    printf("junk seed %llu\n", (unsigned long long)seed);
    size_t len = 0;
    int good = 0, junk = 0;
    for (int i = 0; i < 1000; i++) {
        if (rng_next(&seed) % 3 == 0) {
            /* Junk without "\n": NUL bytes, high bytes, controls, colons. */
            int n = 1 + (int)(rng_next(&seed) % 60);
            for (int k = 0; k < n; k++) {
                unsigned char c = (unsigned char)rng_next(&seed);
                if (c == '\n') c = 0;
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
    REQUIRE_V(g_a.n == good);
    bool all = true;
    for (int i = 0; i < good; i++) {
        char name[16];
        snprintf(name, sizeof name, "good%d", i % 5);
        if (strcmp(g_a.s[i].name, name) || g_a.s[i].value != (float)i) all = false;
    }
    RP_CHECK(all);
    /* Pure random bytes (with newlines) never crash and never hang. */
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)rng_next(&seed);
    s = run(buf, sizeof buf, -1, 3, &g_a, false, NULL, 0);
    RP_CHECK(s.lines == s.lines_ok + s.lines_empty + s.lines_rejected);
}

static void test_prefix_only(void)
{
    const char *in = "Booting v1.2\n>temp:21\nwarning: x\n>hum:40,>t2:1\n";
    rp_line_stats s = run(in, strlen(in), 0, 0, &g_a, true, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_ignored, 2);
    RP_CHECK_EQ_INT(s.lines_rejected, 0);
    RP_CHECK_EQ_INT(g_a.n, 3);
    s = run(in, strlen(in), 0, 0, &g_a, false, NULL, 0);
    RP_CHECK_EQ_INT(s.lines_rejected, 2);
    RP_CHECK_EQ_INT(g_a.n, 3);
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
        uint64_t bits = rng_next(&seed);
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
        RP_CHECK_MSG(strcmp(buf, cases[i].s) == 0, "%.17g → '%s', want '%s'", cases[i].v, buf,
                     cases[i].s);
    }
    /* Against printf over random floats: same text nearly always (ties may differ), always a
     * value within half a unit of the 6th digit, and always parseable. */
    uint64_t seed = 7;
    int differ = 0, bad = 0;
    const int N = 200000;
    for (int i = 0; i < N; i++) {
        uint32_t bits = (uint32_t)rng_next(&seed);
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

int main(void)
{
    test_basic_values();
    test_chunkings();
    test_malformed();
    test_too_long();
    test_junk();
    test_prefix_only();
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
