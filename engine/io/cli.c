/* cli.c — command-line values: addresses, integers, counts, rates, durations. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/io_internal.h"

#define QUOTE_MAX 40 /* characters of the user's input echoed in a message */

static rp_status fail(rp_status st, char *err, size_t err_size, const char *what, const char *s,
                      const char *why)
{
    char q[QUOTE_MAX * 4 + 8];
    rp_io_quote(q, sizeof q, s, strlen(s), QUOTE_MAX);
    rp_io_msg(err, err_size, "bad %s '%s': %s", what, q, why);
    return st;
}

static bool all_digits(const char *s, size_t len)
{
    if (len == 0) return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* Port: 1..65535 in decimal. */
static rp_status parse_port(const char *p, size_t len, const char *whole, uint16_t *port, char *err,
                            size_t err_size)
{
    if (!all_digits(p, len))
        return fail(RP_ERR_PARSE, err, err_size, "address", whole,
                    "port must be a decimal number 1..65535 (HOST:PORT, :PORT or PORT)");
    unsigned long v = 0;
    for (size_t i = 0; i < len; i++) {
        v = v * 10 + (unsigned long)(p[i] - '0');
        if (v > 65535) break;
    }
    if (v < 1 || v > 65535)
        return fail(RP_ERR_LIMIT, err, err_size, "address", whole, "port must be 1..65535");
    *port = (uint16_t)v;
    return RP_OK;
}

static bool valid_ipv4(const char *h, size_t len)
{
    int parts = 0;
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        unsigned v = 0;
        while (j < len && h[j] >= '0' && h[j] <= '9' && j - i < 4)
            v = v * 10 + (unsigned)(h[j++] - '0');
        if (j == i || j - i > 3 || v > 255) return false;
        parts++;
        if (j == len) break;
        if (h[j] != '.') return false;
        i = j + 1;
    }
    return parts == 4;
}

static bool valid_hostname(const char *h, size_t len)
{
    if (len == 0 || len > 253) return false;
    bool numeric = true;
    size_t label = 0;
    for (size_t i = 0; i < len; i++) {
        char c = h[i];
        if (c == '.') {
            if (label == 0) return false; /* empty label: "a..b", ".a" */
            label = 0;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok || ++label > 63) return false;
        if (!(c >= '0' && c <= '9')) numeric = false;
    }
    if (label == 0) return false;               /* trailing dot */
    return numeric ? valid_ipv4(h, len) : true; /* all digits and dots must be a dotted quad */
}

static bool valid_ipv6(const char *h, size_t len)
{
    if (len < 2 || len > 45) return false;
    for (size_t i = 0; i < len; i++) {
        char c = h[i];
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                  c == ':' || c == '.';
        if (!ok) return false;
    }
    return memchr(h, ':', len) != NULL;
}

rp_status rp_parse_host_port(const char *s, const char *default_host, char *host, size_t host_size,
                             uint16_t *port, char *err, size_t err_size)
{
    if (!s || !host || !port || host_size == 0) {
        rp_io_msg(err, err_size, "rp_parse_host_port: NULL argument");
        return RP_ERR_INVALID_ARG;
    }
    size_t len = strlen(s);
    if (len == 0)
        return fail(RP_ERR_PARSE, err, err_size, "address", s, "empty (HOST:PORT, :PORT or PORT)");
    const char *h = NULL, *pp;
    size_t hlen = 0, plen;
    if (s[0] == '[') {
        const char *rb = strchr(s, ']');
        if (!rb || rb[1] != ':')
            return fail(RP_ERR_PARSE, err, err_size, "address", s, "expected [IPv6]:PORT");
        h = s + 1;
        hlen = (size_t)(rb - h);
        if (!valid_ipv6(h, hlen))
            return fail(RP_ERR_PARSE, err, err_size, "address", s,
                        "not an IPv6 address inside [ ]");
        pp = rb + 2;
        plen = strlen(pp);
    } else {
        const char *colon = strrchr(s, ':');
        if (colon && memchr(s, ':', (size_t)(colon - s)))
            return fail(RP_ERR_PARSE, err, err_size, "address", s,
                        "several ':' (write IPv6 addresses as [ADDR]:PORT)");
        if (colon) {
            h = s;
            hlen = (size_t)(colon - s);
            pp = colon + 1;
        } else {
            pp = s;
        }
        plen = strlen(pp);
        if (hlen > 0 && !valid_hostname(h, hlen))
            return fail(RP_ERR_PARSE, err, err_size, "address", s,
                        "host must be a name (letters, digits, '-', '.', '_') or an IPv4 address");
    }
    uint16_t pv;
    rp_status st = parse_port(pp, plen, s, &pv, err, err_size);
    if (st != RP_OK) return st;
    if (hlen == 0) {
        h = default_host ? default_host : "";
        hlen = strlen(h);
    }
    if (hlen + 1 > host_size) {
        rp_io_msg(err, err_size, "host name longer than the %zu-byte buffer", host_size - 1);
        return RP_ERR_BUFFER_SMALL;
    }
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    *port = pv;
    return RP_OK;
}

rp_status rp_parse_int(const char *s, int64_t min, int64_t max, int64_t *out, char *err,
                       size_t err_size)
{
    if (!s || !out || min > max) {
        rp_io_msg(err, err_size, "rp_parse_int: bad arguments");
        return RP_ERR_INVALID_ARG;
    }
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    char why[96];
    snprintf(why, sizeof why, "expected a whole number in [%lld, %lld]", (long long)min,
             (long long)max);
    if (!all_digits(p, strlen(p))) return fail(RP_ERR_PARSE, err, err_size, "integer", s, why);
    /* Accumulate as a negative number: its range includes INT64_MIN. */
    int64_t v = 0;
    bool overflow = false;
    for (; *p; p++) {
        int d = *p - '0';
        if (v < (INT64_MIN + d) / 10) {
            overflow = true;
            break;
        }
        v = v * 10 - d;
    }
    if (!overflow && !neg) {
        if (v == INT64_MIN)
            overflow = true;
        else
            v = -v;
    }
    if (overflow || v < min || v > max) {
        snprintf(why, sizeof why, "out of range [%lld, %lld]", (long long)min, (long long)max);
        return fail(RP_ERR_LIMIT, err, err_size, "integer", s, why);
    }
    *out = v;
    return RP_OK;
}

/* Splits a trailing k/K/M/G multiplier off s[0..*len). */
static double take_multiplier(const char *s, size_t *len)
{
    if (*len < 2) return 1.0;
    switch (s[*len - 1]) {
    case 'k':
    case 'K': (*len)--; return 1e3;
    case 'M': (*len)--; return 1e6;
    case 'G': (*len)--; return 1e9;
    default: return 1.0;
    }
}

rp_status rp_parse_count(const char *s, int64_t min, int64_t max, int64_t *out, char *err,
                         size_t err_size)
{
    if (!s || !out || min > max) {
        rp_io_msg(err, err_size, "rp_parse_count: bad arguments");
        return RP_ERR_INVALID_ARG;
    }
    size_t len = strlen(s);
    if (all_digits(s, len) || ((s[0] == '-' || s[0] == '+') && all_digits(s + 1, len - 1)))
        return rp_parse_int(s, min, max, out, err, err_size); /* exact beyond 2^53 */
    char why[112];
    snprintf(why, sizeof why, "expected a whole number in [%lld, %lld], optionally with k, M or G",
             (long long)min, (long long)max);
    double mult = take_multiplier(s, &len), v;
    if (!rp_io_number(s, len, '.', &v) || !isfinite(v))
        return fail(RP_ERR_PARSE, err, err_size, "count", s, why);
    v *= mult;
    if (v != floor(v)) return fail(RP_ERR_PARSE, err, err_size, "count", s, "not a whole number");
    if (v < (double)min || v > (double)max || v >= 9.2e18 || v <= -9.2e18) {
        snprintf(why, sizeof why, "out of range [%lld, %lld]", (long long)min, (long long)max);
        return fail(RP_ERR_LIMIT, err, err_size, "count", s, why);
    }
    *out = (int64_t)v;
    return RP_OK;
}

rp_status rp_parse_rate(const char *s, double *out, char *err, size_t err_size)
{
    if (!s || !out) {
        rp_io_msg(err, err_size, "rp_parse_rate: NULL argument");
        return RP_ERR_INVALID_ARG;
    }
    size_t len = strlen(s);
    if (len > 2 && (strcmp(s + len - 2, "Hz") == 0 || strcmp(s + len - 2, "hz") == 0 ||
                    strcmp(s + len - 2, "/s") == 0))
        len -= 2;
    double mult = take_multiplier(s, &len), v;
    if (!rp_io_number(s, len, '.', &v) || isnan(v))
        return fail(RP_ERR_PARSE, err, err_size, "rate", s,
                    "expected samples/s like 1000, 1k, 2.5M or 48kHz");
    v *= mult;
    if (!(v > 0.0) || v > 1e12)
        return fail(RP_ERR_LIMIT, err, err_size, "rate", s,
                    "must be > 0 and at most 1e12 samples/s");
    *out = v;
    return RP_OK;
}

rp_status rp_parse_duration(const char *s, double *seconds, char *err, size_t err_size)
{
    if (!s || !seconds) {
        rp_io_msg(err, err_size, "rp_parse_duration: NULL argument");
        return RP_ERR_INVALID_ARG;
    }
    static const struct {
        const char *suffix;
        double scale;
    } units[] = {
        {"us", 1e-6}, {"ms", 1e-3}, {"min", 60.0}, {"s", 1.0}, {"m", 60.0}, {"h", 3600.0},
    };
    size_t len = strlen(s);
    double scale = 1.0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i].suffix);
        if (len > n && strcmp(s + len - n, units[i].suffix) == 0) {
            scale = units[i].scale;
            len -= n;
            break;
        }
    }
    double v;
    if (!rp_io_number(s, len, '.', &v) || isnan(v))
        return fail(RP_ERR_PARSE, err, err_size, "duration", s,
                    "expected a number with a unit us, ms, s, m or h, like 10s, 500ms, 2m, 1h");
    v *= scale;
    if (!(v >= 0.0) || v > 1e9)
        return fail(RP_ERR_LIMIT, err, err_size, "duration", s,
                    "must be between 0 and 1e9 seconds");
    *seconds = v;
    return RP_OK;
}
