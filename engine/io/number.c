/* number.c — locale-independent decimal parsing and a fast %.6g-like formatter. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

/* ---- internal ------------------------------------------------------------------------------ */

/* Powers of ten exactly representable as doubles (10^22 is the largest). */
static const double k_pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Digits kept for the strtod path: 767 significant digits decide any double's rounding; the rest
 * only matters as "nonzero or not", kept as one sticky digit. */
#define SLOW_DIGITS 780

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool word_eq(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != word[i]) return false;
    }
    return true;
}

/* Slow path: the syntax is already validated. Rewrites the number as "<digits>e<exp>" — no decimal
 * point, so strtod reads it the same in every locale — and lets strtod round it correctly. */
static double slow_number(const char *p, const char *end, char dp, bool neg)
{
    char buf[SLOW_DIGITS + 40];
    size_t n = 0;
    int64_t adj = 0;
    bool sticky = false, frac = false;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == (unsigned char)dp) {
            frac = true;
            continue;
        }
        if (!is_digit(c)) break;
        if (n == 0 && c == '0') {
            if (frac) adj--;
            continue;
        } /* leading zeros */
        if (n < SLOW_DIGITS) {
            buf[n++] = (char)c;
            if (frac) adj--;
        } else {
            if (c != '0') sticky = true;
            if (!frac) adj++;
        }
    }
    int64_t exp10 = 0;
    if (p < end) { /* 'e' or 'E' */
        p++;
        bool eneg = false;
        if (*p == '+' || *p == '-') {
            eneg = *p == '-';
            p++;
        }
        for (; p < end; p++)
            if (exp10 < 100000000)
                exp10 = exp10 * 10 + (*p - '0'); /* saturates: result is 0 or Inf */
        if (eneg) exp10 = -exp10;
    }
    if (n == 0) return neg ? -0.0 : 0.0;
    if (sticky) {
        buf[n++] = '1';
        adj--;
    } /* one more nonzero digit below the kept ones */
    snprintf(buf + n, sizeof buf - n, "e%lld", (long long)(exp10 + adj));
    double d = strtod(buf, NULL);
    return neg ? -d : d;
}

bool rp_io_number(const char *s, size_t len, char dp, double *out)
{
    const char *p = s, *end = s + len;
    if (len == 0) return false;
    bool neg = false;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (p == end) return false;
    if (!is_digit((unsigned char)*p) && *p != dp) {
        size_t rest = (size_t)(end - p);
        double v;
        if (word_eq(p, rest, "nan") || word_eq(p, rest, "ovf")) /* Arduino's print of a float */
            v = NAN; /* beyond +-4294967040: its value and sign are lost, a gap */
        else if (word_eq(p, rest, "inf") || word_eq(p, rest, "infinity"))
            v = INFINITY;
        else
            return false;
        *out = neg ? -v : v;
        return true;
    }
    const char *start = p;
    uint64_t m = 0;
    int ndig = 0;      /* significant digits in m */
    int64_t adj = 0;   /* decimal exponent of m's last digit */
    bool exact = true; /* no nonzero digit was dropped */
    bool any = false;
    for (; p < end && is_digit((unsigned char)*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        any = true;
        if (ndig == 0 && d == 0) continue;
        if (ndig < 19) {
            m = m * 10 + d;
            ndig++;
        } else {
            adj++;
            if (d) exact = false;
        }
    }
    if (p < end && *p == dp) {
        for (p++; p < end && is_digit((unsigned char)*p); p++) {
            unsigned d = (unsigned)(*p - '0');
            any = true;
            if (ndig == 0 && d == 0) {
                adj--;
                continue;
            }
            if (ndig < 19) {
                m = m * 10 + d;
                ndig++;
                adj--;
            } else if (d)
                exact = false;
        }
    }
    if (!any) return false;
    int64_t exp10 = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < end && (*p == '+' || *p == '-')) {
            eneg = *p == '-';
            p++;
        }
        if (p == end || !is_digit((unsigned char)*p)) return false;
        for (; p < end && is_digit((unsigned char)*p); p++)
            if (exp10 < 100000000) exp10 = exp10 * 10 + (*p - '0');
        if (eneg) exp10 = -exp10;
    }
    if (p != end) return false;
    if (m == 0 && exact) {
        *out = neg ? -0.0 : 0.0;
        return true;
    }
    int64_t e = exp10 + adj;
    /* Clinger's fast path: m and 10^|e| are exact doubles, so one multiply or divide rounds once —
     * the correctly rounded result. Covers what sensors and printf("%g") write. */
    if (exact && m <= (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
        double d = (double)m;
        d = e < 0 ? d / k_pow10_exact[-e] : d * k_pow10_exact[e];
        *out = neg ? -d : d;
        return true;
    }
    *out = slow_number(start, end, dp, neg);
    return true;
}

float rp_io_double_to_float(double d)
{
    /* An out-of-range double→float conversion is undefined in ISO C; round by hand: below the
     * midpoint between FLT_MAX and 2^128 it rounds to FLT_MAX, from there (tie to even) to Inf. */
    if (d > FLT_MAX) return d < 0x1.ffffffp127 ? FLT_MAX : INFINITY;
    if (d < -FLT_MAX) return d > -0x1.ffffffp127 ? -FLT_MAX : -INFINITY;
    return (float)d;
}

/* ---- public -------------------------------------------------------------------------------- */

rp_status rp_io_parse_double(const char *s, size_t len, double *out)
{
    if (!s || !out) return RP_ERR_INVALID_ARG;
    double d;
    if (!rp_io_number(s, len, '.', &d)) return RP_ERR_PARSE;
    *out = d;
    return RP_OK;
}

rp_status rp_io_parse_float(const char *s, size_t len, float *out)
{
    if (!s || !out) return RP_ERR_INVALID_ARG;
    double d;
    if (!rp_io_number(s, len, '.', &d)) return RP_ERR_PARSE;
    *out = rp_io_double_to_float(d);
    return RP_OK;
}

/* 10^k as a double for |k| <= 22 exactly, beyond by repeated scaling (the formatter's last digit
 * may then be off by one, documented). */
static double pow10_any(int k)
{
    if (k >= 0 && k <= 22) return k_pow10_exact[k];
    if (k < 0 && k >= -22) return 1.0 / k_pow10_exact[-k];
    double r = 1.0;
    if (k > 0) {
        while (k > 22) {
            r *= 1e22;
            k -= 22;
        }
        return r * k_pow10_exact[k];
    }
    while (k < -22) {
        r /= 1e22;
        k += 22;
    }
    return r / k_pow10_exact[-k];
}

int rp_io_format_g6(double v, char *out)
{
    char *o = out;
    if (isnan(v)) {
        memcpy(o, "nan", 3);
        return 3;
    }
    if (signbit(v)) {
        *o++ = '-';
        v = -v;
    }
    if (isinf(v)) {
        memcpy(o, "inf", 3);
        return (int)(o - out) + 3;
    }
    if (v == 0.0) {
        *o++ = '0';
        return (int)(o - out);
    }

    /* Decimal exponent e with 10^e <= v < 10^(e+1): estimate from the binary exponent, fix up. */
    int b;
    frexp(v, &b);
    int e = (int)floor((b - 1) * 0.30102999566398120);
    if (v >= pow10_any(e + 1))
        e++;
    else if (v < pow10_any(e))
        e--;
    /* Six significant digits as an integer; dividing by an exact power is exact-then-rounded. */
    int k = 5 - e;
    double x = k >= 0 ? (k <= 22 ? v * k_pow10_exact[k] : v * pow10_any(k))
                      : (k >= -22 ? v / k_pow10_exact[-k] : v * pow10_any(k));
    long m = lround(x);
    if (m >= 1000000) {
        m /= 10;
        e++;
    }
    if (m < 100000) m = 100000; /* only through scaling error right below a power of ten */
    char d[6];
    for (int i = 5; i >= 0; i--) {
        d[i] = (char)('0' + m % 10);
        m /= 10;
    }
    int nd = 6;
    while (nd > 1 && d[nd - 1] == '0') nd--;

    if (e < -4 || e >= 6) {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        *o++ = 'e';
        int ae = e;
        if (ae < 0) {
            *o++ = '-';
            ae = -ae;
        } else
            *o++ = '+';
        if (ae >= 100) {
            *o++ = (char)('0' + ae / 100);
            ae %= 100;
        }
        *o++ = (char)('0' + ae / 10);
        *o++ = (char)('0' + ae % 10);
    } else if (e >= 0) {
        memcpy(o, d, (size_t)e + 1);
        o += e + 1;
        if (nd > e + 1) {
            *o++ = '.';
            memcpy(o, d + e + 1, (size_t)(nd - e - 1));
            o += nd - e - 1;
        }
    } else {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -e - 1; i++) *o++ = '0';
        memcpy(o, d, (size_t)nd);
        o += nd;
    }
    return (int)(o - out);
}

/* ---- messages ------------------------------------------------------------------------------ */

void rp_io_quote(char *buf, size_t size, const char *s, size_t len, size_t max_chars)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (size == 0) return;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i >= max_chars) {
            if (o + 4 > size) break;
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            if (o + 2 > size) break;
            buf[o++] = (char)c;
        } else {
            if (o + 5 > size) break;
            buf[o++] = '\\';
            buf[o++] = 'x';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    buf[o] = '\0';
}

bool rp_io_split_unit(const char *s, size_t len, size_t unit_max, size_t *value_len,
                      size_t *unit_at)
{
    if (len < 2) return false;
    size_t end = len;
    while (end > 0 && s[end - 1] != ' ' && s[end - 1] != '\t' &&
           !(s[end - 1] >= '0' && s[end - 1] <= '9'))
        end--; /* back over the unit's bytes to the value's last digit or a blank */
    size_t u = end;
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
    if (end == 0 || u == len || len - u > unit_max) return false;
    *value_len = end;
    *unit_at = u;
    return true;
}

bool rp_io_no_value_word(const char *s, size_t len)
{
    static const char *const words[] = {
        "na",    "n/a",     "[n/a]", "null",      "none",     "-",        "--",  "---",
        "----",  "?",       "err",   "error",     "ol",       "+ol",      "-ol", "ovf",
        "over",  "ovl",     "ofl",   "overload",  "udfl",     "#n/a",     "nil", "#value!",
        "#num!", "#div/0!", "#ref!", "undefined", "overflow", "underflow"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]), k = 0;
        while (k < n && k < len) {
            char c = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 'a' - 'A') : s[k];
            if (c != words[i][k]) break;
            k++;
        }
        if (k == n && len == n) return true;
    }
    return false;
}

bool rp_io_hex_integer(const char *s, size_t len, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (len > 0 && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i++;
    }
    if (len < i + 3 || s[i] != '0' || (s[i + 1] | 0x20) != 'x' || len - i - 2 > 16) return false;
    uint64_t v = 0;
    for (i += 2; i < len; i++) {
        char c = (char)(s[i] | 0x20);
        unsigned d;
        if (s[i] >= '0' && s[i] <= '9')
            d = (unsigned)(s[i] - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else
            return false;
        v = v << 4 | d;
    }
    *out = neg ? -(double)v : (double)v;
    return true;
}
