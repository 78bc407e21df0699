/* Memory contracts, measured: a series' pages are resident right after creation (within 2 % of
 * the bytes it reports), filling it adds nothing, and the bytes per retained sample of every
 * kind of series stay within the documented bounds. Resident memory is read from
 * /proc/self/statm; sanitizer builds and runs under valgrind (shadow memory) skip the RSS part. */
#include <string.h>
#include <unistd.h>

#include "ringplot.h"
#include "rp_test.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RP_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RP_SANITIZED 1
#endif
#endif

#ifndef RP_SANITIZED
static int64_t resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long long size = 0, resident = 0;
    if (!f) return -1;
    int got = fscanf(f, "%lld %lld", &size, &resident);
    fclose(f);
    return got == 2 ? (int64_t)resident * sysconf(_SC_PAGESIZE) : -1;
}
#endif

static void test_resident_at_creation(void)
{
#ifdef RP_SANITIZED
    printf("sanitizer build: resident-memory check skipped\n");
#else
    const char *preload = getenv("LD_PRELOAD");
    if (preload && strstr(preload, "valgrind")) {
        printf("under valgrind: resident-memory check skipped\n");
        return;
    }
    const int64_t capacity = (int64_t)1 << 26; /* 256 MiB of samples + pyramid */
    int64_t before = resident_bytes();
    RP_REQUIRE_VOID(before > 0);
    rp_series *s;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = capacity}, &s) == RP_OK);
    int64_t after = resident_bytes();
    int64_t bytes = rp_series_stats_get(s).bytes;
    double ratio = (double)(after - before) / (double)bytes;
    printf("created %lld samples: %lld bytes reported, resident +%lld (%.3f)\n",
           (long long)capacity, (long long)bytes, (long long)(after - before), ratio);
    RP_CHECK_MSG(ratio > 0.98 && ratio < 1.02, "resident grew by %.3f of the bytes reported",
                 ratio);
    /* a whole lap of samples adds nothing */
    static float chunk[1 << 16];
    for (int i = 0; i < (1 << 16); i++) chunk[i] = (float)i;
    for (int64_t done = 0; done < capacity; done += 1 << 16) rp_push(s, chunk, 1 << 16);
    int64_t filled = resident_bytes();
    RP_CHECK_MSG(filled - after < bytes / 50, "filling added %lld bytes",
                 (long long)(filled - after));
    rp_series_destroy(s);
#endif
}

static double per_sample(const rp_series_desc *d)
{
    rp_series *s;
    if (rp_series_create(d, &s) != RP_OK) return 1e9;
    double b = (double)rp_series_stats_get(s).bytes / (double)d->capacity;
    rp_series_destroy(s);
    return b;
}

static void test_bytes_per_sample(void)
{
    const int64_t caps[] = {1 << 20, 10000019, 1 << 24};
    static float buffer[1 << 24];
    for (int c = 0; c < 3; c++) {
        int64_t n = caps[c];
        double uniform = per_sample(&(rp_series_desc){.capacity = n});
        double timed = per_sample(&(rp_series_desc){.capacity = n, .timestamps = true});
        double borrowed = per_sample(&(rp_series_desc){.capacity = n, .borrow = {.data = buffer}});
        printf("capacity %lld: uniform %.3f, timestamped %.3f, borrowed %.3f bytes/sample\n",
               (long long)n, uniform, timed, borrowed);
        RP_CHECK_MSG(uniform <= 4.40, "uniform %.3f", uniform); /* with exact statistics: <= 5.0 */
        RP_CHECK_MSG(timed <= 8.5, "timestamped %.3f", timed);
        RP_CHECK_MSG(borrowed <= 0.35, "borrowed %.3f", borrowed);
    }
}

int main(void)
{
    test_resident_at_creation();
    test_bytes_per_sample();
    return rp_test_finish();
}
