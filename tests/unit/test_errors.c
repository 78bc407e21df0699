/* The error channel and live handles, without a GPU (issue 13):
 *   - every log item has a distinct name; failures reach the desc's callback as numbered items,
 *     once each, with a message, and the same message is the object's readable last error;
 *   - a failed create is explained through the callback (series, figure, rp_mqtt_attach);
 *   - series and figure calls have readable reasons (the README's example printed "" before);
 *   - a use-after-destroy of a series, a figure or an rp_mqtt is refused without reading the freed
 *     memory (this test runs clean under ASan), and so is a handle that points at no memory at
 *     all (a PROT_NONE page: reading it would crash the Release build too);
 *   - the registry is bounded: when it is full, creates fail with TOO_MANY_OBJECTS;
 *   - lookups are lock-free: a producer keeps pushing while another thread creates and destroys
 *     objects (run under ThreadSanitizer in CI). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/handles.h"
#include "rp_test.h"
#include "rp_test_log.h"

static void test_item_names(void)
{
    RP_CHECK(strcmp(rp_log_item_name(RP_LOGITEM_STALE_HANDLE), "STALE_HANDLE") == 0);
    RP_CHECK(strcmp(rp_log_item_name(RP_LOGITEM_SHADER_COMPILE), "SHADER_COMPILE") == 0);
    RP_CHECK(strcmp(rp_log_item_name(RP_LOGITEM_NONE), "NONE") == 0);
    RP_CHECK(strcmp(rp_log_item_name(RP_LOGITEM_COUNT), "?") == 0);
    RP_CHECK(strcmp(rp_log_item_name((rp_log_item)-1), "?") == 0);
    for (int a = 0; a < RP_LOGITEM_COUNT; a++) {
        RP_CHECK(strlen(rp_log_item_name((rp_log_item)a)) > 0);
        for (int b = a + 1; b < RP_LOGITEM_COUNT; b++)
            RP_CHECK(strcmp(rp_log_item_name((rp_log_item)a), rp_log_item_name((rp_log_item)b)) !=
                     0);
    }
    RP_CHECK(strcmp(rp_log_level_name(RP_LOG_ERROR), "error") == 0);
    RP_CHECK(strcmp(rp_log_level_name(RP_LOG_WARNING), "warning") == 0);
}

static void test_series_create_failures(void)
{
    rp_test_log log = {0};
    rp_series *s = (rp_series *)&log; /* must come back NULL */
    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = -5, .log = rp_test_log_desc(&log)},
                              &s) == RP_ERR_INVALID_ARG);
    RP_CHECK(s == NULL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_ERROR);
    RP_CHECK_MSG(strstr(log.last, "capacity -5") != NULL, "%s", log.last);

    char long_name[RP_NAME_MAX + 8];
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    rp_test_log_reset(&log);
    RP_CHECK(rp_series_create(&(rp_series_desc){.name = long_name, .log = rp_test_log_desc(&log)},
                              &s) == RP_ERR_LIMIT);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_LIMIT_EXCEEDED);

    rp_test_log_reset(&log);
    RP_CHECK(rp_series_create(&(rp_series_desc){.rate = -1, .log = rp_test_log_desc(&log)}, &s) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK(strstr(log.last, "rate") != NULL);

    rp_test_log_reset(&log);
    RP_CHECK(rp_series_create(&(rp_series_desc){.log = rp_test_log_desc(&log)}, NULL) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
}

static void test_series_call_failures(void)
{
    rp_test_log log = {0};
    rp_series *s = NULL, *t = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){.name = "u", .capacity = 64, .log = rp_test_log_desc(&log)}, &s) ==
        RP_OK);
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "t",
                                                       .capacity = 64,
                                                       .timestamps = true,
                                                       .log = rp_test_log_desc(&log)},
                                     &t) == RP_OK);
    RP_CHECK_EQ_INT(log.count, 0);
    RP_CHECK_EQ_INT(rp_series_last_error(s)[0], 0); /* "" until something fails */

    float v[4] = {1, 2, 3, 4};
    RP_CHECK(rp_push(s, v, -1) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK_MSG(strstr(rp_series_last_error(s), "rp_push") &&
                     strstr(rp_series_last_error(s), "'u'"),
                 "%s", rp_series_last_error(s));
    RP_CHECK(strcmp(rp_series_last_error(s), log.last) == 0); /* one message, two places */

    RP_CHECK(rp_push(t, v, 4) == RP_ERR_UNSUPPORTED);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_WRONG_SERIES_KIND);
    RP_CHECK(strstr(rp_series_last_error(t), "rp_push_timed") != NULL);

    double x[4] = {1, 2, 0.5, 3}; /* the third goes back in time */
    RP_CHECK(rp_push_timed(t, x, v, 4) == RP_ERR_OUT_OF_ORDER);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SAMPLES_REJECTED);
    RP_CHECK_MSG(strstr(log.last, "1 of 4") != NULL, "%s", log.last);
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 3);

    rp_m4 out[8];
    rp_decimation dec = {.out = out, .out_capacity = 8};
    RP_CHECK(rp_decimate(s, 1, 0, 4, &dec) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK(strstr(log.last, "rp_decimate") != NULL);

    int before = log.count;
    RP_CHECK(rp_push(s, v, 4) == RP_OK); /* success reports nothing */
    RP_CHECK_EQ_INT(log.count, before);
    rp_series_destroy(s);
    rp_series_destroy(t);
}

static void test_figure_failures(void)
{
    rp_test_log log = {0};
    rp_figure *f = NULL;
    RP_CHECK(rp_figure_create(&(rp_figure_desc){.line_width = -1, .log = rp_test_log_desc(&log)},
                              &f) == RP_ERR_INVALID_ARG);
    RP_CHECK(f == NULL);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK(strstr(log.last, "line_width") != NULL);

    rp_test_log_reset(&log);
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.title = "f", .log = rp_test_log_desc(&log)},
                                     &f) == RP_OK);
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "temp", .capacity = 64}, &s) ==
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_last_error(f)[0], 0);

    RP_CHECK(rp_figure_add_series(f, 3, s, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_NOT_FOUND);
    RP_CHECK_MSG(strstr(rp_figure_last_error(f), "panel 3 does not exist") != NULL, "%s",
                 rp_figure_last_error(f));

    RP_CHECK(rp_figure_add_series(f, 0, s, NULL) == RP_OK);
    RP_CHECK(rp_figure_add_series(f, 0, s, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_ALREADY_PRESENT);
    RP_CHECK(strstr(rp_figure_last_error(f), "'temp'") != NULL);

    RP_CHECK(rp_figure_follow(f, -1) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_INVALID_ARGUMENT);
    RP_CHECK(strstr(rp_figure_last_error(f), "rp_figure_follow") != NULL);

    RP_CHECK(rp_figure_set_y_view(f, 0, 2, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(f), "rp_figure_set_y_view") != NULL);

    for (int i = 1; i < RP_MAX_PANELS; i++) RP_CHECK(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
    RP_CHECK(rp_figure_add_panel(f, NULL, NULL) == RP_ERR_LIMIT);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_LIMIT_EXCEEDED);

    /* A destroyed series cannot be added (nothing of it is read: the registry says it is gone). */
    rp_series *gone = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 64}, &gone) == RP_OK);
    rp_series_destroy(gone);
    RP_CHECK(rp_figure_add_series(f, 1, gone, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_STALE_HANDLE);

    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Without a callback, a failed create still explains itself (on stderr: its object does not
 * exist, so there is nowhere else), while a failed call on a live object prints nothing. */
static void test_default_channel(void)
{
    char path[] = "/tmp/rp_test_errors_XXXXXX";
    int fd = mkstemp(path);
    RP_REQUIRE_VOID(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    rp_series *s = NULL;
    rp_status bad = rp_series_create(&(rp_series_desc){.capacity = -1}, &s);
    rp_series *ok = NULL;
    rp_status good = rp_series_create(&(rp_series_desc){.capacity = 16}, &ok);
    float v[1] = {0};
    rp_status push = ok ? rp_push(ok, v, -1) : RP_OK;
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char text[1024] = "";
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    close(fd);
    unlink(path);
    text[n > 0 ? n : 0] = 0;
    RP_CHECK(bad == RP_ERR_INVALID_ARG && good == RP_OK && push == RP_ERR_INVALID_ARG);
    RP_CHECK_MSG(strcmp(text,
                        "ringplot: error [INVALID_ARGUMENT] rp_series_create: capacity -1 is out "
                        "of range (1 .. 2^40)\n") == 0,
                 "stderr was '%s'", text);
    RP_CHECK(strstr(rp_series_last_error(ok), "rp_push") != NULL); /* kept, not printed */
    rp_series_destroy(ok);
}

/* Use after destroy: every call is refused, nothing is read (ASan would report it), a second
 * destroy does nothing. */
static void test_use_after_destroy(void)
{
    int live = rp_handle_count();
    rp_series *s = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "s", .capacity = 1024}, &s) ==
                    RP_OK);
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_CHECK_EQ_INT(rp_handle_count(), live + 2);
    rp_series_destroy(s);
    rp_figure_destroy(f);
    RP_CHECK_EQ_INT(rp_handle_count(), live);

    float v[4] = {0};
    RP_CHECK(rp_push(s, v, 4) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_push_timed(s, NULL, v, 0) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_stats_get(s).bytes == 0);
    RP_CHECK(strcmp(rp_series_name(s), "") == 0);
    RP_CHECK(strstr(rp_series_last_error(s), "not a live series") != NULL);
    double a, b;
    RP_CHECK(rp_series_x_extent(s, &a, &b) == RP_ERR_INVALID_ARG);
    rp_m4 out[4];
    rp_decimation dec = {.out = out, .out_capacity = 4};
    RP_CHECK(rp_decimate(s, 0, 1, 2, &dec) == RP_ERR_INVALID_ARG);
    rp_series_destroy(s); /* double destroy: ignored */

    RP_CHECK(rp_figure_follow(f, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_add_panel(f, NULL, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), 0);
    RP_CHECK(strstr(rp_figure_last_error(f), "not a live figure") != NULL);
    rp_figure_destroy(f);

    /* A handle of another kind is refused the same way. */
    rp_figure *g = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &g) == RP_OK);
    RP_CHECK(rp_push((rp_series *)g, v, 4) == RP_ERR_INVALID_ARG);
    rp_series_destroy((rp_series *)g); /* not a series: not freed */
    RP_CHECK(rp_figure_follow(g, 1) == RP_OK);
    rp_figure_destroy(g);
    RP_CHECK_EQ_INT(rp_handle_count(), live);
}

/* A handle that points at memory nobody may read: the old magic-number check crashed here in
 * every build; the registry never dereferences a handle it does not know. */
static void test_unreadable_handle(void)
{
    long page = sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    RP_REQUIRE_VOID(p != MAP_FAILED);
    float v[1] = {1};
    RP_CHECK(rp_push((rp_series *)p, v, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_series_stats_get((rp_series *)p).accepted == 0);
    RP_CHECK(rp_figure_follow((rp_figure *)p, 1) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_mqtt_poll((rp_mqtt *)p) == 0);
    RP_CHECK(rp_mqtt_stats_get((rp_mqtt *)p).state == RP_MQTT_STOPPED);
    rp_series_destroy((rp_series *)p);
    rp_figure_destroy((rp_figure *)p);
    rp_mqtt_detach((rp_mqtt *)p);
    munmap(p, (size_t)page);
}

/* rp_mqtt had no check at all: a detached handle was freed memory. */
static void test_mqtt_after_detach(void)
{
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_mqtt *m = NULL;
    /* Port 1 on the loopback: nothing listens, so the thread just retries; attach still works. */
    RP_REQUIRE_VOID(rp_mqtt_attach(f, &(rp_mqtt_desc){.port = 1, .topics = {"x/#"}, .capacity = 64},
                                   &m) == RP_OK);
    RP_CHECK(rp_mqtt_poll(m) == 0);
    RP_CHECK(rp_mqtt_stats_get(m).state != RP_MQTT_STOPPED);
    rp_mqtt_detach(m);
    RP_CHECK(rp_mqtt_poll(m) == 0);
    RP_CHECK(rp_mqtt_stats_get(m).state == RP_MQTT_STOPPED);
    RP_CHECK(rp_mqtt_topic_stats_get(m, NULL, 0) == 0);
    RP_CHECK(strstr(rp_mqtt_last_error(m), "not a live") != NULL);
    rp_mqtt_detach(m); /* double detach: ignored */
    rp_figure_destroy(f);
}

/* The registry: unique serials, reuse of an address gets a new serial, bounded. */
static void test_registry(void)
{
    static char objects[RP_MAX_LIVE_OBJECTS + 1];
    int live = rp_handle_count();
    uint64_t s1 = rp_handle_register(&objects[0], RP_HANDLE_TEST);
    RP_CHECK(s1 != 0);
    RP_CHECK(rp_handle_serial(&objects[0], RP_HANDLE_TEST) == s1);
    RP_CHECK(rp_handle_serial(&objects[0], RP_HANDLE_SERIES) == 0); /* another kind */
    RP_CHECK(!rp_handle_unregister(&objects[0], RP_HANDLE_SERIES));
    RP_CHECK(rp_handle_unregister(&objects[0], RP_HANDLE_TEST));
    RP_CHECK(!rp_handle_unregister(&objects[0], RP_HANDLE_TEST)); /* twice */
    uint64_t s2 = rp_handle_register(&objects[0], RP_HANDLE_TEST);
    RP_CHECK(s2 != 0 && s2 != s1); /* same address, new registration */
    RP_CHECK(rp_handle_unregister(&objects[0], RP_HANDLE_TEST));
    RP_CHECK(rp_handle_serial(NULL, RP_HANDLE_TEST) == 0);

    /* Fill it: the next create fails with TOO_MANY_OBJECTS, and works again after. */
    int room = RP_MAX_LIVE_OBJECTS - live, made = 0;
    for (int i = 0; i < room; i++) made += rp_handle_register(&objects[i], RP_HANDLE_TEST) != 0;
    RP_CHECK_EQ_INT(made, room);
    RP_CHECK(rp_handle_register(&objects[room], RP_HANDLE_TEST) == 0);
    rp_test_log log = {0};
    rp_series *s = NULL;
    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = 16, .log = rp_test_log_desc(&log)},
                              &s) == RP_ERR_LIMIT);
    RP_CHECK(s == NULL);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_TOO_MANY_OBJECTS);
    for (int i = 0; i < room; i++)
        RP_CHECK(rp_handle_unregister(&objects[i], RP_HANDLE_TEST) ||
                 !fprintf(stderr, "slot %d\n", i));
    RP_CHECK_EQ_INT(rp_handle_count(), live);
    RP_CHECK(rp_series_create(&(rp_series_desc){.capacity = 16}, &s) == RP_OK);
    rp_series_destroy(s);
}

/* Lookups take no lock: a producer's pushes all succeed while another thread churns the table. */
typedef struct churn {
    rp_series *series;
    int pushes, failures;
} churn;

static void *producer(void *arg)
{
    churn *c = arg;
    float v[16] = {0};
    for (int i = 0; i < c->pushes; i++) c->failures += rp_push(c->series, v, 16) != RP_OK;
    return NULL;
}

static void test_concurrent_lookups(void)
{
    churn c = {.pushes = 20000};
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.capacity = 4096}, &c.series) == RP_OK);
    pthread_t t;
    RP_REQUIRE_VOID(pthread_create(&t, NULL, producer, &c) == 0);
    for (int i = 0; i < 2000; i++) {
        rp_figure *f = NULL;
        if (rp_figure_create(NULL, &f) == RP_OK) rp_figure_destroy(f);
    }
    pthread_join(t, NULL);
    RP_CHECK_EQ_INT(c.failures, 0);
    RP_CHECK_EQ_INT(rp_series_stats_get(c.series).accepted, 16 * 20000);
    rp_series_destroy(c.series);
}

int main(void)
{
    test_item_names();
    test_series_create_failures();
    test_series_call_failures();
    test_figure_failures();
    test_default_channel();
    test_use_after_destroy();
    test_unreadable_handle();
    test_mqtt_after_detach();
    test_registry();
    test_concurrent_lookups();
    return rp_test_finish();
}
