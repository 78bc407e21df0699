/* fuzz_cli.c — command-line and config values: addresses, integers, counts, rates, durations,
 * and the number core (parse, format).
 * Input: byte 0 = which parser, byte 1 = error buffer size and range choice, then the string.
 * Checks: results respect the documented ranges; outputs are untouched on failure; messages fit
 * any error buffer; accepted numbers agree with strtod bit for bit; formatted numbers read back. */
#include <math.h>

#include "fuzz_util.h"
#include "io/parse.h"

static void check_err(const char *err, size_t size)
{
    if (size == 0) return;
    FUZZ_CHECK(memchr(err, 0, size) != NULL);
    for (const char *m = err; *m; m++)
        FUZZ_CHECK((unsigned char)*m >= 0x20 && (unsigned char)*m < 0x7F);
}

/* rp_io_parse_double must agree with strtod (C locale) on everything its grammar accepts. */
static void check_number(const char *s, size_t len)
{
    double d;
    float f;
    rp_status sd = rp_io_parse_double(s, len, &d), sf = rp_io_parse_float(s, len, &f);
    FUZZ_CHECK(sd == sf);
    if (sd != RP_OK) return;
    FUZZ_CHECK(isnan(d) ? isnan(f) : f == (float)d);
    for (size_t i = 0; i < len; i++) {
        char c = s[i] | 0x20;
        if (c == 'n' || c == 'i' || c == 'x') return; /* nan / inf words: strtod reads more forms */
    }
    char *end;
    double ref = strtod(s, &end);
    FUZZ_CHECK(end == s + len);
    FUZZ_CHECK(memcmp(&ref, &d, sizeof d) == 0);
}

static void check_format(double v)
{
    char out[32];
    int n = rp_io_format_g6(v, out);
    FUZZ_CHECK(n > 0 && n <= 16);
    out[n] = 0;
    double back;
    FUZZ_CHECK(rp_io_parse_double(out, (size_t)n, &back) == RP_OK);
    if (isnan(v))
        FUZZ_CHECK(isnan(back));
    else if (isinf(v))
        FUZZ_CHECK(back == v);
    else {
        char ref[64];
        snprintf(ref, sizeof ref, "%.6g", v);
        double r = strtod(ref, NULL);
        /* same 6 significant digits as printf, give or take one unit in the last (ties) */
        FUZZ_CHECK(fabs(back - r) <= fabs(r) * 1.01e-5 ||
                   (fabs(v) < 1e-300 && fabs(back) < 1e-300));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    int which = data[0] % 8;
    size_t err_size = data[1] % 4 == 0 ? 0 : data[1] % 4 == 1 ? 1 + data[1] % 13 : 200;
    char *s = malloc(size - 1);
    memcpy(s, data + 2, size - 2);
    s[size - 2] = 0;
    char err[200];
    memset(err, 'X', sizeof err);
    char *e = err_size ? err : NULL;
    switch (which) {
    case 0: {
        char host[RP_HOST_MAX];
        size_t host_size = data[1] & 0x80 ? 8 : sizeof host;
        uint16_t port = 7;
        rp_status st = rp_parse_host_port(s, data[1] & 0x40 ? NULL : "127.0.0.1", host, host_size,
                                          &port, e, err_size);
        if (st == RP_OK) {
            FUZZ_CHECK(port >= 1);
            FUZZ_CHECK(memchr(host, 0, host_size) != NULL);
            for (const char *h = host; *h; h++)
                FUZZ_CHECK((unsigned char)*h > 0x20 && (unsigned char)*h < 0x7F);
        } else {
            FUZZ_CHECK(port == 7);
            check_err(err, err_size);
        }
        break;
    }
    case 1:
    case 2: {
        static const int64_t lo[4] = {INT64_MIN, 0, 1, -5},
                             hi[4] = {INT64_MAX, 100000000, (int64_t)1 << 34, 5};
        int r = data[1] >> 6;
        int64_t v = 12345;
        rp_status st = which == 1 ? rp_parse_int(s, lo[r], hi[r], &v, e, err_size)
                                  : rp_parse_count(s, lo[r], hi[r], &v, e, err_size);
        if (st == RP_OK)
            FUZZ_CHECK(v >= lo[r] && v <= hi[r]);
        else {
            FUZZ_CHECK(v == 12345);
            check_err(err, err_size);
        }
        if (which == 1 && st == RP_OK) { /* exact: agrees with strtoll */
            char *end;
            FUZZ_CHECK(strtoll(s, &end, 10) == v && *end == 0);
        }
        break;
    }
    case 3: {
        double v = -1;
        rp_status st = rp_parse_rate(s, &v, e, err_size);
        if (st == RP_OK)
            FUZZ_CHECK(v > 0 && v <= 1e12);
        else {
            FUZZ_CHECK(v == -1);
            check_err(err, err_size);
        }
        break;
    }
    case 4: {
        double v = -1;
        rp_status st = rp_parse_duration(s, &v, e, err_size);
        if (st == RP_OK)
            FUZZ_CHECK(v >= 0 && v <= 1e9);
        else {
            FUZZ_CHECK(v == -1);
            check_err(err, err_size);
        }
        break;
    }
    case 5: check_number(s, strlen(s)); break;
    case 6: { /* the raw bytes as a length-delimited token (no NUL needed) */
        double d;
        (void)rp_io_parse_double((const char *)data + 2, size - 2, &d);
        break;
    }
    default: {
        double v;
        if (size - 2 >= sizeof v) {
            memcpy(&v, data + 2, sizeof v);
            check_format(v);
        }
        break;
    }
    }
    free(s);
    return 0;
}
