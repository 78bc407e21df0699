/* rp_test_log.h — a log callback for tests: records the items (and the last message) that an
 * object reports on its channel, so a test asserts on item numbers, not on wording.
 *
 *   rp_test_log log = {0};
 *   rp_series_create(&(rp_series_desc){.capacity = -1, .log = rp_test_log_desc(&log)}, &s);
 *   RP_CHECK(rp_test_log_has(&log, RP_LOGITEM_INVALID_ARGUMENT));
 *
 * Sources report from their own threads: the callback and the readers below take a small lock,
 * and rp_test_log_wait waits (bounded) for an item to arrive.
 */
#ifndef RP_TEST_LOG_H
#define RP_TEST_LOG_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ringplot.h"

#define RP_TEST_LOG_MAX 64

typedef struct rp_test_log {
    int count; /* reports so far (may exceed RP_TEST_LOG_MAX) */
    rp_log_item items[RP_TEST_LOG_MAX];
    rp_log_level levels[RP_TEST_LOG_MAX];
    rp_log_item last_item;
    char last[512];   /* the newest message */
    atomic_flag busy; /* zero is clear: guards the fields when a source thread reports */
} rp_test_log;

static inline void rp_test_log_lock(rp_test_log *log)
{
    while (atomic_flag_test_and_set_explicit(&log->busy, memory_order_acquire)) {
    }
}
static inline void rp_test_log_unlock(rp_test_log *log)
{
    atomic_flag_clear_explicit(&log->busy, memory_order_release);
}

static inline void rp_test_log_func(void *user, rp_log_level level, rp_log_item item,
                                    const char *message)
{
    rp_test_log *log = user;
    rp_test_log_lock(log);
    if (log->count < RP_TEST_LOG_MAX) {
        log->items[log->count] = item;
        log->levels[log->count] = level;
    }
    log->count++;
    log->last_item = item;
    snprintf(log->last, sizeof log->last, "%s", message ? message : "(null)");
    rp_test_log_unlock(log);
}

static inline rp_log_desc rp_test_log_desc(rp_test_log *log)
{
    return (rp_log_desc){.func = rp_test_log_func, .user = log};
}

/* True when item was reported at least once. */
static inline bool rp_test_log_has(const rp_test_log *log, rp_log_item item)
{
    rp_test_log *w = (rp_test_log *)log;
    rp_test_log_lock(w);
    int n = log->count < RP_TEST_LOG_MAX ? log->count : RP_TEST_LOG_MAX;
    bool found = false;
    for (int i = 0; i < n && !found; i++) found = log->items[i] == item;
    rp_test_log_unlock(w);
    return found;
}

/* How many times item was reported (up to RP_TEST_LOG_MAX reports are kept). */
static inline int rp_test_log_count(rp_test_log *log, rp_log_item item)
{
    rp_test_log_lock(log);
    int n = log->count < RP_TEST_LOG_MAX ? log->count : RP_TEST_LOG_MAX, found = 0;
    for (int i = 0; i < n; i++) found += log->items[i] == item;
    rp_test_log_unlock(log);
    return found;
}

/* Waits up to limit_ms for item to be reported (a bound, not a timing assumption). */
static inline bool rp_test_log_wait(rp_test_log *log, rp_log_item item, int limit_ms)
{
    for (int waited = 0; waited <= limit_ms; waited += 5) {
        if (rp_test_log_has(log, item)) return true;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static inline void rp_test_log_reset(rp_test_log *log) { memset(log, 0, sizeof *log); }

#endif
