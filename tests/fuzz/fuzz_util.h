/* fuzz_util.h — shared by the fuzz targets: a check that aborts (libFuzzer records the input),
 * a tiny PRNG for chunk sizes, a series name check, and a hash of emitted samples for differential checks. */
#ifndef RP_FUZZ_UTIL_H
#define RP_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static inline uint64_t fuzz_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static inline uint32_t fuzz_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Size of the next chunk when feeding `left` bytes in pieces (1..left; sometimes everything). */
static inline size_t fuzz_chunk(uint32_t *s, size_t left)
{
    uint32_t r = fuzz_rand(s);
    size_t n = (r & 3) == 0 ? left : (size_t)(r >> 8) % 97 + 1;
    return n < left ? n : left;
}

/* A series name as every source must make it: 1..max-1 bytes of valid UTF-8 (shortest forms
 * by lead byte), no control bytes. */
static inline bool fuzz_name_ok(const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    if (n == 0 || n >= max) return false;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x20 || c == 0x7f) return false;
        int len = c < 0x80                 ? 1
                  : c >= 0xf0 && c <= 0xf4 ? 4
                  : c >= 0xe0              ? 3
                  : c >= 0xc2 && c <= 0xdf ? 2
                                           : 0;
        if (len == 0 || i + (size_t)len > n) return false;
        for (int k = 1; k < len; k++)
            if ((p[i + k] & 0xc0) != 0x80) return false;
        i += (size_t)len;
    }
    return true;
}

#endif
