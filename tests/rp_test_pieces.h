/* rp_test_pieces.h — feeding a parser in pieces: the same input whole, byte by byte, or in
 * random sizes from a fixed seed, so a test shows that the result does not depend on how the
 * bytes were cut.
 *
 *   RP_TEST_FEED_PIECES(rp_line_parser_feed, p, data, len, chunk, seed, 97);
 */
#ifndef RP_TEST_PIECES_H
#define RP_TEST_PIECES_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: a small deterministic generator (the tests print their seeds). */
static inline uint64_t rp_test_rng(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Size of the next piece of `left` bytes: chunk 0 = all of them, 1 = one byte, otherwise a
 * random size 1..max from seed; never more than left. */
static inline size_t rp_test_piece(size_t left, int chunk, uint64_t *seed, int max)
{
    size_t n = chunk == 0 ? left : chunk == 1 ? 1 : 1 + (size_t)(rp_test_rng(seed) % (uint64_t)max);
    return n < left ? n : left;
}

/* Feeds len bytes of data to parser with feed(parser, bytes, n), in pieces (rp_test_piece). */
#define RP_TEST_FEED_PIECES(feed, parser, data, len, chunk, seed, max)                             \
    for (size_t rp_off_ = 0, rp_n_; rp_off_ < (len); rp_off_ += rp_n_) {                           \
        rp_n_ = rp_test_piece((len)-rp_off_, (chunk), &(seed), (max));                             \
        feed((parser), (data) + rp_off_, rp_n_);                                                   \
    }

#endif
