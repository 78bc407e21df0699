/* rp_test.h — the whole unit-test framework: checks that count failures and say where.
 * A test program returns rp_test_finish(), which prints "N passed, N failed" and exits non-zero
 * when any check failed. */
#ifndef RP_TEST_H
#define RP_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int rp_test_passed_count;
static int rp_test_failed_count;

#define RP_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (cond) {                                                                                \
            rp_test_passed_count++;                                                                \
        } else {                                                                                   \
            rp_test_failed_count++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define RP_CHECK_MSG(cond, ...)                                                                    \
    do {                                                                                           \
        if (cond) {                                                                                \
            rp_test_passed_count++;                                                                \
        } else {                                                                                   \
            rp_test_failed_count++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);               \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define RP_CHECK_EQ_INT(a, b)                                                                      \
    RP_CHECK_MSG((long long)(a) == (long long)(b), "%lld != %lld", (long long)(a), (long long)(b))

#define RP_CHECK_NEAR(a, b, tol)                                                                   \
    RP_CHECK_MSG(fabs((double)(a) - (double)(b)) <= (tol), "%.17g vs %.17g (tol %g)", (double)(a), \
                 (double)(b), (double)(tol))

/* Stops a test that cannot go on meaningfully (counts as a failure). */
#define RP_REQUIRE(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: required: %s\n", __FILE__, __LINE__, #cond);                   \
            rp_test_failed_count++;                                                                \
            return rp_test_finish();                                                               \
        }                                                                                          \
    } while (0)

/* The same for helper functions that return void. */
#define RP_REQUIRE_VOID(cond)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: required: %s\n", __FILE__, __LINE__, #cond);                   \
            rp_test_failed_count++;                                                                \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static inline int rp_test_finish(void)
{
    printf("%d passed, %d failed\n", rp_test_passed_count, rp_test_failed_count);
    return rp_test_failed_count == 0 && rp_test_passed_count > 0 ? 0 : 1;
}

#endif
