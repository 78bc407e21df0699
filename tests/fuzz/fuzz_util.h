/* fuzz_util.h — shared by the fuzz targets: a check that aborts (libFuzzer records the input),
 * a tiny PRNG for chunk sizes, and a hash of emitted samples for differential checks. */
#ifndef RP_FUZZ_UTIL_H
#define RP_FUZZ_UTIL_H

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

#endif
