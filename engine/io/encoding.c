/* encoding.c — bytes of outside text as UTF-8: a validity check, and Windows-1252 (the code page
 * Excel and data loggers on Western European Windows write CSV headers in: "Temp [°C]" as 0xB0)
 * decoded to UTF-8 where a header is not valid UTF-8. */
#include <stdint.h>
#include <string.h>

#include "io/parse.h"

bool rp_io_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = c >= 0xc2 && c < 0xe0   ? 2
                     : c >= 0xe0 && c < 0xf0 ? 3
                     : c >= 0xf0 && c < 0xf5 ? 4
                                             : 0;
        if (len == 0 || i + len > n) return false;
        for (size_t k = 1; k < len; k++)
            if ((p[i + k] & 0xc0) != 0x80) return false;
        if ((c == 0xe0 && p[i + 1] < 0xa0) || (c == 0xed && p[i + 1] > 0x9f) || /* overlong, */
            (c == 0xf0 && p[i + 1] < 0x90) || (c == 0xf4 && p[i + 1] > 0x8f))   /* surrogates */
            return false;
        i += len;
    }
    return true;
}

/* Windows-1252's 0x80..0x9F (0 where it defines no character); 0xA0..0xFF are U+00A0..U+00FF. */
static const uint16_t k_cp1252_high[32] = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017d, 0,      0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

size_t rp_io_cp1252_to_utf8(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        unsigned cp = c < 0x80 ? c : c < 0xa0 ? k_cp1252_high[c - 0x80] : c;
        if (cp == 0) return SIZE_MAX; /* a byte Windows-1252 leaves undefined: not that text */
        size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        if (o + len >= size) return SIZE_MAX;
        if (len == 1) {
            out[o++] = (char)cp;
        } else if (len == 2) {
            out[o++] = (char)(0xc0 | cp >> 6);
            out[o++] = (char)(0x80 | (cp & 0x3f));
        } else {
            out[o++] = (char)(0xe0 | cp >> 12);
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (cp & 0x3f));
        }
    }
    out[o] = '\0';
    return o;
}

size_t rp_io_colour_code_len(const char *s, size_t n)
{
    if (n < 3 || s[0] != 0x1b || s[1] != '[') return 0;
    size_t k = 2;
    while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == ';')) k++;
    return k < n && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ? k + 1 : 0;
}
