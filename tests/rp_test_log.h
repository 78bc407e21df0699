/* rp_test_log.h — a log callback for tests: records the items (and the last message) that an
 * object reports on its channel, so a test asserts on item numbers, not on wording.
 *
 *   rp_test_log log = {0};
 *   rp_series_create(&(rp_series_desc){.capacity = -1, .log = rp_test_log_desc(&log)}, &s);
 *   RP_CHECK(rp_test_log_has(&log, RP_LOGITEM_INVALID_ARGUMENT));
 */
#ifndef RP_TEST_LOG_H
#define RP_TEST_LOG_H

#include <stdio.h>
#include <string.h>

#include "ringplot.h"

#define RP_TEST_LOG_MAX 64

typedef struct rp_test_log {
    int count; /* reports so far (may exceed RP_TEST_LOG_MAX) */
    rp_log_item items[RP_TEST_LOG_MAX];
    rp_log_level levels[RP_TEST_LOG_MAX];
    rp_log_item last_item;
    char last[512]; /* the newest message */
} rp_test_log;

static inline void rp_test_log_func(void *user, rp_log_level level, rp_log_item item,
                                    const char *message)
{
    rp_test_log *log = user;
    if (log->count < RP_TEST_LOG_MAX) {
        log->items[log->count] = item;
        log->levels[log->count] = level;
    }
    log->count++;
    log->last_item = item;
    snprintf(log->last, sizeof log->last, "%s", message ? message : "(null)");
}

static inline rp_log_desc rp_test_log_desc(rp_test_log *log)
{
    return (rp_log_desc){.func = rp_test_log_func, .user = log};
}

/* True when item was reported at least once. */
static inline bool rp_test_log_has(const rp_test_log *log, rp_log_item item)
{
    int n = log->count < RP_TEST_LOG_MAX ? log->count : RP_TEST_LOG_MAX;
    for (int i = 0; i < n; i++)
        if (log->items[i] == item) return true;
    return false;
}

static inline void rp_test_log_reset(rp_test_log *log) { memset(log, 0, sizeof *log); }

#endif
