/* test_io_cli.c — command-line values: addresses, integers, counts, rates, durations, with the
 * messages users see for bad input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"

static void test_host_port(void)
{
    char host[RP_HOST_MAX], err[RP_IO_ERROR_MAX];
    uint16_t port = 0;
    struct {
        const char *in;
        const char *host;
        unsigned port;
    } good[] = {
        {"localhost:47269", "localhost", 47269},
        {":9000", "127.0.0.1", 9000},
        {"9000", "127.0.0.1", 9000},
        {"10.0.0.7:1", "10.0.0.7", 1},
        {"sensor-3.lab.example:65535", "sensor-3.lab.example", 65535},
        {"[::1]:8080", "::1", 8080},
        {"[fe80::1%eth0]:1", NULL, 0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        rp_status s =
            rp_parse_host_port(good[i].in, "127.0.0.1", host, sizeof host, &port, err, sizeof err);
        if (!good[i].host) {
            RP_CHECK_MSG(s == RP_ERR_PARSE, "'%s'", good[i].in);
            continue;
        }
        RP_CHECK_MSG(s == RP_OK && strcmp(host, good[i].host) == 0 && port == good[i].port,
                     "'%s' → %d '%s':%u (%s)", good[i].in, s, host, port, err);
    }
    struct {
        const char *in;
        rp_status st;
        const char *msg;
    } bad[] = {
        {"", RP_ERR_PARSE, "empty"},
        {"host:", RP_ERR_PARSE, "port must be a decimal number"},
        {"host:0", RP_ERR_LIMIT, "port must be 1..65535"},
        {"host:65536", RP_ERR_LIMIT, "1..65535"},
        {"host:99999999999999999999", RP_ERR_LIMIT, "1..65535"},
        {"host:-1", RP_ERR_PARSE, "decimal"},
        {"host:80x", RP_ERR_PARSE, "decimal"},
        {"ho st:80", RP_ERR_PARSE, "host must be"},
        {"a..b:80", RP_ERR_PARSE, "host must be"},
        {"300.1.1.1:80", RP_ERR_PARSE, "host must be"},
        {"1.2.3:80", RP_ERR_PARSE, "host must be"},
        {"::1:80", RP_ERR_PARSE, "several ':'"},
        {"[::1]80", RP_ERR_PARSE, "[IPv6]:PORT"},
        {"[zz]:80", RP_ERR_PARSE, "IPv6"},
        {"abc", RP_ERR_PARSE, "port must be"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        port = 7;
        rp_status s =
            rp_parse_host_port(bad[i].in, "127.0.0.1", host, sizeof host, &port, err, sizeof err);
        RP_CHECK_MSG(s == bad[i].st && strstr(err, bad[i].msg) && strstr(err, "bad address '") &&
                         port == 7,
                     "'%s' → %d '%s'", bad[i].in, s, err);
    }
    char small[4];
    RP_CHECK(rp_parse_host_port("longhost:1", NULL, small, sizeof small, &port, err, sizeof err) ==
             RP_ERR_BUFFER_SMALL);
    RP_CHECK(rp_parse_host_port(":1", NULL, host, sizeof host, &port, NULL, 0) == RP_OK &&
             host[0] == '\0');
    RP_CHECK(rp_parse_host_port(NULL, NULL, host, sizeof host, &port, err, sizeof err) ==
             RP_ERR_INVALID_ARG);
}

static void test_numbers(void)
{
    char err[RP_IO_ERROR_MAX];
    int64_t v = 0;
    RP_CHECK(rp_parse_int("42", 1, 100, &v, err, sizeof err) == RP_OK && v == 42);
    RP_CHECK(rp_parse_int("-5", -10, 10, &v, err, sizeof err) == RP_OK && v == -5);
    RP_CHECK(rp_parse_int("+7", 0, 10, &v, err, sizeof err) == RP_OK && v == 7);
    RP_CHECK(rp_parse_int("9223372036854775807", 0, INT64_MAX, &v, err, sizeof err) == RP_OK &&
             v == INT64_MAX);
    RP_CHECK(rp_parse_int("-9223372036854775808", INT64_MIN, 0, &v, err, sizeof err) == RP_OK &&
             v == INT64_MIN);
    RP_CHECK(rp_parse_int("9223372036854775808", 0, INT64_MAX, &v, err, sizeof err) ==
             RP_ERR_LIMIT);
    RP_CHECK(rp_parse_int("0", 1, 100, &v, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK_MSG(strcmp(err, "bad integer '0': out of range [1, 100]") == 0, "%s", err);
    RP_CHECK(rp_parse_int("1.5", 1, 100, &v, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(strstr(err, "expected a whole number in [1, 100]") != NULL);
    RP_CHECK(rp_parse_int("", 1, 100, &v, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_int("12 ", 1, 100, &v, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_int("5", 9, 1, &v, err, sizeof err) == RP_ERR_INVALID_ARG);

    RP_CHECK(rp_parse_count("10k", 0, INT64_MAX, &v, err, sizeof err) == RP_OK && v == 10000);
    RP_CHECK(rp_parse_count("2.5M", 0, INT64_MAX, &v, err, sizeof err) == RP_OK && v == 2500000);
    RP_CHECK(rp_parse_count("1G", 0, INT64_MAX, &v, err, sizeof err) == RP_OK && v == 1000000000);
    RP_CHECK(rp_parse_count("1e3", 0, INT64_MAX, &v, err, sizeof err) == RP_OK && v == 1000);
    RP_CHECK(rp_parse_count("123456789012345678", 0, INT64_MAX, &v, err, sizeof err) == RP_OK &&
             v == 123456789012345678);
    RP_CHECK(rp_parse_count("1.5", 0, INT64_MAX, &v, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(strstr(err, "not a whole number") != NULL);
    RP_CHECK(rp_parse_count("10x", 0, INT64_MAX, &v, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_count("5k", 0, 100, &v, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(rp_parse_count("nan", 0, 100, &v, err, sizeof err) == RP_ERR_PARSE);

    double d = 0;
    RP_CHECK(rp_parse_rate("1000", &d, err, sizeof err) == RP_OK && d == 1000.0);
    RP_CHECK(rp_parse_rate("1k", &d, err, sizeof err) == RP_OK && d == 1000.0);
    RP_CHECK(rp_parse_rate("2.5M", &d, err, sizeof err) == RP_OK && d == 2.5e6);
    RP_CHECK(rp_parse_rate("48kHz", &d, err, sizeof err) == RP_OK && d == 48000.0);
    RP_CHECK(rp_parse_rate("100/s", &d, err, sizeof err) == RP_OK && d == 100.0);
    RP_CHECK(rp_parse_rate("0.5", &d, err, sizeof err) == RP_OK && d == 0.5);
    RP_CHECK(rp_parse_rate("0", &d, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(strstr(err, "must be > 0") != NULL);
    RP_CHECK(rp_parse_rate("-1k", &d, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(rp_parse_rate("inf", &d, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(rp_parse_rate("fast", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK_MSG(strstr(err, "bad rate 'fast': expected samples/s") != NULL, "%s", err);
    RP_CHECK(rp_parse_rate("1m", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_rate("k", &d, err, sizeof err) == RP_ERR_PARSE);

    RP_CHECK(rp_parse_duration("10s", &d, err, sizeof err) == RP_OK && d == 10.0);
    RP_CHECK(rp_parse_duration("500ms", &d, err, sizeof err) == RP_OK && d == 0.5);
    RP_CHECK(rp_parse_duration("2m", &d, err, sizeof err) == RP_OK && d == 120.0);
    RP_CHECK(rp_parse_duration("3min", &d, err, sizeof err) == RP_OK && d == 180.0);
    RP_CHECK(rp_parse_duration("1h", &d, err, sizeof err) == RP_OK && d == 3600.0);
    RP_CHECK(rp_parse_duration("250us", &d, err, sizeof err) == RP_OK && fabs(d - 250e-6) < 1e-18);
    RP_CHECK(rp_parse_duration("1.5", &d, err, sizeof err) == RP_OK && d == 1.5);
    RP_CHECK(rp_parse_duration("0", &d, err, sizeof err) == RP_OK && d == 0.0);
    RP_CHECK(rp_parse_duration("-1s", &d, err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(rp_parse_duration("10 s", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_duration("s", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(rp_parse_duration("10d", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK_MSG(strstr(err, "bad duration '10d': expected a number with a unit") != NULL, "%s",
                 err);
    RP_CHECK(rp_parse_duration("1e10s", &d, err, sizeof err) == RP_ERR_LIMIT);
    /* Outside input never puts control bytes into a message. */
    RP_CHECK(rp_parse_duration("\x1b[2J", &d, err, sizeof err) == RP_ERR_PARSE);
    RP_CHECK(strchr(err, '\x1b') == NULL && strstr(err, "\\x1b") != NULL);
    /* err may be NULL or tiny. */
    RP_CHECK(rp_parse_duration("x", &d, NULL, 0) == RP_ERR_PARSE);
    char tiny[8];
    RP_CHECK(rp_parse_duration("x", &d, tiny, sizeof tiny) == RP_ERR_PARSE && strlen(tiny) == 7);
}

int main(void)
{
    test_host_port();
    test_numbers();
    return rp_test_finish();
}
