/* The vectorised summary kernel gives exactly the scalar result, NaN and ±Inf included. */
#include <string.h>

#include "core/minmax.h"
#include "rp_test.h"

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

int main(void)
{
    rng_state = 0x9E3779B97F4A7C15ull;
    printf("seed 0x%llx\n", (unsigned long long)rng_state);
    float x[257];
    for (int round = 0; round < 20000; round++) {
        int n = (int)(rng_next() % 257);
        for (int i = 0; i < n; i++) {
            uint64_t r = rng_next() % 100;
            x[i] = r == 0   ? NAN
                   : r == 1 ? INFINITY
                   : r == 2 ? -INFINITY
                   : r == 3
                       ? -0.0f
                       : (float)((double)(int64_t)(rng_next() % 2000001) - 1000000.0) / 1000.0f;
        }
        if (round % 7 == 0) /* all non-finite */
            for (int i = 0; i < n; i++) x[i] = (i & 1) ? NAN : INFINITY;
        rp_summary a = rp_summary_empty(), b = rp_summary_empty();
        rp_summarize(x, n, &a);
        rp_summarize_scalar(x, n, &b);
        RP_CHECK_MSG(a.flags == b.flags, "round %d flags %u vs %u", round, a.flags, b.flags);
        if (b.flags & RP_M4_FINITE) {
            RP_CHECK_MSG(a.min == b.min && a.max == b.max, "round %d: [%g,%g] vs [%g,%g]", round,
                         a.min, a.max, b.min, b.max);
        }
    }
    /* the leaf kernel picked for this CPU agrees with the scalar one on 32-sample blocks */
    rp_leaf_fn leaf = rp_leaf_kernel();
    for (int round = 0; round < 20000; round++) {
        float b[RP_LEAF_SAMPLES];
        int special = round % 3; /* 0: all finite, 1: one special value, 2: random specials */
        for (int i = 0; i < RP_LEAF_SAMPLES; i++)
            b[i] = (float)((double)(int64_t)(rng_next() % 2001) - 1000.0) * 0.5f;
        if (special == 1) b[rng_next() % RP_LEAF_SAMPLES] = (rng_next() & 1) ? NAN : -INFINITY;
        if (special == 2)
            for (int i = 0; i < RP_LEAF_SAMPLES; i++)
                if (rng_next() % 8 == 0) b[i] = (rng_next() & 1) ? INFINITY : NAN;
        float copy_a[RP_LEAF_SAMPLES], copy_c[RP_LEAF_SAMPLES];
        rp_summary a = leaf(copy_a, b), c = rp_leaf_summary_scalar(copy_c, b);
        RP_CHECK(memcmp(copy_a, b, sizeof b) == 0 && memcmp(copy_c, b, sizeof b) == 0);
        RP_CHECK_MSG(a.flags == c.flags &&
                         (!(c.flags & RP_M4_FINITE) || (a.min == c.min && a.max == c.max)),
                     "leaf round %d", round);
    }
    /* the moments kernel picked for this CPU gives bit-identical sums to the scalar one */
    rp_sums_fn sums = rp_sums_kernel();
    for (int round = 0; round < 2000; round++) {
        float b[2100];
        int n = (int)(rng_next() % 2100);
        for (int i = 0; i < n; i++)
            b[i] = (float)((double)(int64_t)(rng_next() % 2000001) - 1e6) * 1e-3f;
        double c = n ? b[0] : 0, a1[RP_SUM_LANES] = {0}, a2[RP_SUM_LANES] = {0};
        double c1[RP_SUM_LANES] = {0}, c2[RP_SUM_LANES] = {0};
        sums(b, n, c, a1, a2);
        rp_sums_scalar(b, n, c, c1, c2);
        RP_CHECK_MSG(memcmp(a1, c1, sizeof a1) == 0 && memcmp(a2, c2, sizeof a2) == 0,
                     "sums round %d", round);
    }
    rp_summary s = rp_summary_empty();
    float only_nan[5] = {NAN, NAN, NAN, NAN, NAN};
    rp_summarize(only_nan, 5, &s);
    RP_CHECK(s.flags == RP_M4_NAN);
    RP_CHECK(isinf(s.min) && s.min > 0); /* NaN never became a min */
    return rp_test_finish();
}
