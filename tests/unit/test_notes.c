/* test_notes.c — the notes store (text tracks and log lines, ringplot.h "Notes"): wrap-around,
 * interning and recycling of values, truncation at a character boundary, every refusal counted,
 * range reads, a producer thread against a reader (run under TSan too), and the notes panel of a
 * figure. No GPU. */
#include <pthread.h>
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

#define PUSH_TEXT(n, name, x, text) rp_notes_push_text(n, name, strlen(name), x, text, strlen(text))
#define PUSH_LOG(n, x, text) rp_notes_push_log(n, x, text, strlen(text))

static void test_create(void)
{
    rp_notes *n = NULL;
    RP_CHECK(rp_notes_create(&(rp_notes_desc){.tracks = RP_NOTES_TRACKS_MAX + 1}, &n) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(n == NULL);
    RP_CHECK(rp_notes_create(&(rp_notes_desc){.entries = -1}, &n) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_notes_create(&(rp_notes_desc){.log_lines = -2}, &n) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_notes_create(NULL, NULL) == RP_ERR_INVALID_ARG);
    RP_REQUIRE_VOID(rp_notes_create(NULL, &n) == RP_OK && n);
    rp_notes_stats s = rp_notes_stats_get(n);
    /* defaults: 8 tracks x 4096 entries of 16 bytes + 1024 log lines of 168 bytes, all made now */
    RP_CHECK(s.bytes >= 8 * 4096 * 16 + 1024 * 168);
    RP_CHECK(s.bytes < 8 * 4096 * 16 + 1024 * 168 + 8 * 8192);
    RP_CHECK_EQ_INT(rp_notes_track_count(n), 0);
    rp_notes_destroy(n);
    /* a destroyed store is refused, never read */
    RP_CHECK(PUSH_LOG(n, 1, "x") == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_notes_track_count(n), 0);
    rp_notes_destroy(n); /* twice: ignored */
    rp_notes_destroy(NULL);
}

static void test_wrap_and_read(void)
{
    rp_notes *n;
    RP_REQUIRE_VOID(
        rp_notes_create(&(rp_notes_desc){.tracks = 2, .entries = 4, .log_lines = 3}, &n) == RP_OK);
    const char *states[] = {"IDLE", "RUN", "IDLE", "STOP", "RUN", "IDLE"};
    for (int i = 0; i < 6; i++) RP_CHECK(PUSH_TEXT(n, "state", 10.0 * i, states[i]) == RP_OK);
    rp_notes_stats s = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(s.texts, 6);
    RP_CHECK_EQ_INT(s.texts_expired, 2); /* 4 kept: x 20, 30, 40, 50 */
    RP_CHECK_EQ_INT(s.tracks, 1);
    RP_CHECK(!strcmp(rp_notes_track_name(n, 0), "state"));
    RP_CHECK(!strcmp(rp_notes_track_name(n, 1), ""));

    rp_note out[8];
    /* [25, 45]: the value in effect at 25 (x 20), then 30 and 40 */
    int total = rp_notes_read_texts(n, 0, 25, 45, out, 8);
    RP_CHECK_EQ_INT(total, 3);
    RP_CHECK(out[0].x == 20 && !strcmp(out[0].text, "IDLE"));
    RP_CHECK(out[1].x == 30 && !strcmp(out[1].text, "STOP"));
    RP_CHECK(out[2].x == 40 && !strcmp(out[2].text, "RUN"));
    RP_CHECK(out[0].value != out[1].value && out[1].value != out[2].value);
    /* before everything retained: only what is there; max caps the copy, not the count */
    total = rp_notes_read_texts(n, 0, -100, 100, out, 2);
    RP_CHECK_EQ_INT(total, 4);
    RP_CHECK(out[0].x == 20 && out[1].x == 30);
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, 60, 70, out, 8), 1); /* x 50 holds on */
    RP_CHECK(out[0].x == 50 && !strcmp(out[0].text, "IDLE"));
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 1, 0, 70, out, 8), 0);  /* no such track */
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, 70, 60, out, 8), 0); /* empty range */

    rp_note at;
    RP_CHECK(rp_notes_text_at(n, 0, 35, &at) && at.x == 30 && !strcmp(at.text, "STOP"));
    RP_CHECK(!rp_notes_text_at(n, 0, 19.9, &at)); /* older than the oldest kept */
    RP_CHECK(rp_notes_text_at(n, 0, 1e9, &at) && at.x == 50);

    /* logs: newest 3 kept; a read gives the newest `max` of the range, oldest first */
    for (int i = 0; i < 5; i++) {
        char line[32];
        snprintf(line, sizeof line, "line %d", i);
        RP_CHECK(PUSH_LOG(n, i, line) == RP_OK);
    }
    s = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(s.logs, 5);
    RP_CHECK_EQ_INT(s.logs_expired, 2);
    total = rp_notes_read_logs(n, -1e9, 1e9, out, 2);
    RP_CHECK_EQ_INT(total, 3);
    RP_CHECK(!strcmp(out[0].text, "line 3") && !strcmp(out[1].text, "line 4"));
    RP_CHECK(out[0].value == -1 && out[1].x == 4);
    RP_CHECK_EQ_INT(rp_notes_read_logs(n, 2.5, 3.5, out, 8), 1);
    RP_CHECK(!strcmp(out[0].text, "line 3"));
    RP_CHECK_EQ_INT(rp_notes_read_logs(n, 2, 2, out, 8), 1); /* both ends included */
    RP_CHECK_EQ_INT(rp_notes_read_logs(n, 5, 9, out, 8), 0);
    rp_notes_destroy(n);
}

static void test_refusals(void)
{
    rp_notes *n;
    RP_REQUIRE_VOID(rp_notes_create(&(rp_notes_desc){.tracks = 1, .entries = 8}, &n) == RP_OK);
    RP_CHECK(PUSH_TEXT(n, "a", 1, "ON") == RP_OK);
    RP_CHECK(PUSH_TEXT(n, "b", 1, "ON") == RP_ERR_LIMIT);          /* one track only */
    RP_CHECK(PUSH_TEXT(n, "a", 0.5, "OFF") == RP_ERR_INVALID_ARG); /* older than the newest */
    RP_CHECK(PUSH_TEXT(n, "a", NAN, "OFF") == RP_ERR_INVALID_ARG);
    RP_CHECK(PUSH_TEXT(n, "a", INFINITY, "OFF") == RP_ERR_INVALID_ARG);
    RP_CHECK(PUSH_TEXT(n, "a", 2, "bad\x01") == RP_ERR_INVALID_ARG);      /* control byte */
    RP_CHECK(PUSH_TEXT(n, "a", 2, "bad\xc3(") == RP_ERR_INVALID_ARG);     /* invalid UTF-8 */
    RP_CHECK(PUSH_TEXT(n, "a", 2, "\xed\xa0\x80") == RP_ERR_INVALID_ARG); /* a surrogate */
    RP_CHECK(rp_notes_push_text(n, "", 0, 2, "x", 1) == RP_ERR_INVALID_ARG);
    char long_name[RP_NAME_MAX + 1];
    memset(long_name, 'n', RP_NAME_MAX);
    long_name[RP_NAME_MAX] = 0;
    RP_CHECK(PUSH_TEXT(n, long_name, 2, "x") == RP_ERR_INVALID_ARG);
    RP_CHECK(PUSH_LOG(n, NAN, "x") == RP_ERR_INVALID_ARG);
    RP_CHECK(PUSH_LOG(n, 5, "x") == RP_OK);
    RP_CHECK(PUSH_LOG(n, 4, "older") == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_notes_push_log(n, 6, NULL, 3) == RP_ERR_INVALID_ARG);
    rp_notes_stats s = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(s.refused, 12);
    RP_CHECK_EQ_INT(s.texts, 1);
    RP_CHECK_EQ_INT(s.logs, 1);
    /* nothing half stored: the track still holds its one value */
    rp_note out[4];
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, 0, 10, out, 4), 1);
    RP_CHECK(!strcmp(out[0].text, "ON"));
    rp_notes_destroy(n);

    /* log lines off: refused, counted */
    RP_REQUIRE_VOID(rp_notes_create(&(rp_notes_desc){.log_lines = -1}, &n) == RP_OK);
    RP_CHECK(PUSH_LOG(n, 1, "x") == RP_ERR_LIMIT);
    RP_CHECK_EQ_INT(rp_notes_stats_get(n).refused, 1);
    RP_CHECK_EQ_INT(rp_notes_read_logs(n, 0, 9, out, 4), 0);
    rp_notes_destroy(n);
}

static void test_truncation(void)
{
    rp_notes *n;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &n) == RP_OK);
    /* a value of 46 ASCII bytes then "é" (2 bytes) then more: cut before the character that does
     * not fit whole in RP_NOTE_TEXT_MAX - 1 = 47 bytes */
    char text[80];
    memset(text, 'a', 46);
    memcpy(text + 46, "\xc3\xa9zzzz", 7);
    text[53] = 0;
    RP_CHECK(PUSH_TEXT(n, "t", 1, text) == RP_OK);
    rp_note out;
    RP_REQUIRE_VOID(rp_notes_text_at(n, 0, 1, &out));
    RP_CHECK_EQ_INT(strlen(out.text), 46);
    RP_CHECK(out.text[45] == 'a');
    char log_line[400];
    memset(log_line, 'L', sizeof log_line);
    RP_CHECK(rp_notes_push_log(n, 1, log_line, sizeof log_line) == RP_OK);
    RP_CHECK_EQ_INT(rp_notes_read_logs(n, 0, 2, &out, 1), 1);
    RP_CHECK_EQ_INT(strlen(out.text), RP_NOTE_LOG_MAX - 1);
    RP_CHECK(PUSH_LOG(n, 2, "") == RP_OK); /* empty lines are lines */
    /* tabs (Arduino sketches separate with them) are kept as blanks; a value keeps its number */
    RP_CHECK(PUSH_LOG(n, 3, "a\tb") == RP_OK);
    RP_CHECK(rp_notes_read_logs(n, 3, 3, &out, 1) == 1 && !strcmp(out.text, "a b"));
    RP_CHECK(PUSH_TEXT(n, "t", 2, "x\ty") == RP_OK && PUSH_TEXT(n, "t", 3, "x\ty") == RP_OK);
    rp_note two[2];
    RP_CHECK(rp_notes_read_texts(n, 0, 2, 3, two, 2) == 2 && !strcmp(two[1].text, "x y") &&
             two[0].value == two[1].value);
    RP_CHECK(PUSH_TEXT(n, "a\tb", 4, "x") == RP_ERR_INVALID_ARG); /* not in a name */
    rp_notes_stats s = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(s.truncated, 2);
    RP_CHECK_EQ_INT(s.refused, 1);
    rp_notes_destroy(n);
}

static void test_interning(void)
{
    rp_notes *n;
    RP_REQUIRE_VOID(rp_notes_create(&(rp_notes_desc){.tracks = 1, .entries = 4}, &n) == RP_OK);
    /* the same value keeps its number (its colour) */
    RP_CHECK(PUSH_TEXT(n, "s", 0, "A") == RP_OK);
    RP_CHECK(PUSH_TEXT(n, "s", 1, "B") == RP_OK);
    RP_CHECK(PUSH_TEXT(n, "s", 2, "A") == RP_OK);
    rp_note out[4];
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, 0, 2, out, 4), 3);
    RP_CHECK(out[0].value == out[2].value && out[0].value != out[1].value);
    /* RP_NOTES_VALUES_MAX distinct values in a ring of 4: values no entry uses are recycled, so
     * a free-text track never runs out */
    for (int i = 0; i < 3 * RP_NOTES_VALUES_MAX; i++) {
        char v[16];
        snprintf(v, sizeof v, "v%d", i);
        RP_CHECK(PUSH_TEXT(n, "s", 3 + i, v) == RP_OK);
    }
    RP_CHECK_EQ_INT(rp_notes_stats_get(n).refused, 0);
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, -1, 1e9, out, 4), 4);
    char want[16];
    snprintf(want, sizeof want, "v%d", 3 * RP_NOTES_VALUES_MAX - 1);
    RP_CHECK(!strcmp(out[3].text, want));
    rp_notes_destroy(n);

    /* a ring larger than the value table (a free-text status: a new value a line): the 65th
     * distinct value held at once expires the oldest entry, whose value no entry uses then; the
     * track keeps its newest RP_NOTES_VALUES_MAX values and never refuses one (it refused every
     * value from the 65th on: a status showing "run63" while "run4xx" came) */
    RP_REQUIRE_VOID(rp_notes_create(&(rp_notes_desc){.tracks = 1, .entries = 1000}, &n) == RP_OK);
    int refused = 0;
    for (int i = 0; i < 10 * RP_NOTES_VALUES_MAX; i++) {
        char v[16];
        snprintf(v, sizeof v, "v%d", i);
        refused += PUSH_TEXT(n, "s", i, v) != RP_OK;
    }
    RP_CHECK_EQ_INT(refused, 0);
    rp_notes_stats st = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(st.refused, 0);
    RP_CHECK_EQ_INT(st.texts_expired, 9 * RP_NOTES_VALUES_MAX);
    static rp_note many[1000];
    RP_CHECK_EQ_INT(rp_notes_read_texts(n, 0, -1, 1e9, many, 1000), RP_NOTES_VALUES_MAX);
    snprintf(want, sizeof want, "v%d", 9 * RP_NOTES_VALUES_MAX);
    RP_CHECK(!strcmp(many[0].text, want));
    snprintf(want, sizeof want, "v%d", 10 * RP_NOTES_VALUES_MAX - 1);
    RP_CHECK(!strcmp(many[RP_NOTES_VALUES_MAX - 1].text, want));
    /* a value held already goes in without expiring anything; the newest stays in effect */
    RP_CHECK(PUSH_TEXT(n, "s", 1e4, want) == RP_OK);
    RP_CHECK_EQ_INT(rp_notes_stats_get(n).texts_expired, 9 * RP_NOTES_VALUES_MAX);
    rp_note at;
    RP_CHECK(rp_notes_text_at(n, 0, 2e4, &at) && !strcmp(at.text, want));
    rp_notes_destroy(n);
}

/* A producer pushes a known sequence while this thread reads: every read is in order and each
 * entry's text matches its x (no torn entry). */
typedef struct producer_args {
    rp_notes *notes;
    int count;
} producer_args;

static void *producer(void *user)
{
    producer_args *a = user;
    for (int i = 0; i < a->count; i++) {
        char v[16];
        snprintf(v, sizeof v, "s%d", i % 5);
        rp_notes_push_text(a->notes, "st", 2, i, v, strlen(v));
        snprintf(v, sizeof v, "log %d", i);
        rp_notes_push_log(a->notes, i, v, strlen(v));
    }
    return NULL;
}

static void test_threads(void)
{
    rp_notes *n;
    RP_REQUIRE_VOID(rp_notes_create(&(rp_notes_desc){.tracks = 1, .entries = 64, .log_lines = 32},
                                    &n) == RP_OK);
    producer_args a = {n, 20000};
    pthread_t t;
    RP_REQUIRE_VOID(pthread_create(&t, NULL, producer, &a) == 0);
    static rp_note out[64];
    int bad = 0, reads = 0;
    for (;;) {
        rp_notes_stats s = rp_notes_stats_get(n);
        int got = rp_notes_read_texts(n, 0, -1, 1e9, out, 64);
        for (int i = 0; i < got && i < 64; i++) {
            char want[16];
            snprintf(want, sizeof want, "s%d", (int)out[i].x % 5);
            bad += strcmp(out[i].text, want) != 0 || (i > 0 && out[i].x != out[i - 1].x + 1);
        }
        got = rp_notes_read_logs(n, -1, 1e9, out, 32);
        for (int i = 0; i < got && i < 32; i++) {
            char want[16];
            snprintf(want, sizeof want, "log %d", (int)out[i].x);
            bad += strcmp(out[i].text, want) != 0;
        }
        reads++;
        if (s.logs == a.count) break;
    }
    pthread_join(t, NULL);
    RP_CHECK_EQ_INT(bad, 0);
    RP_CHECK(reads >= 1);
    rp_notes_stats s = rp_notes_stats_get(n);
    RP_CHECK_EQ_INT(s.texts, a.count);
    RP_CHECK_EQ_INT(s.texts_expired, a.count - 64);
    RP_CHECK_EQ_INT(s.refused, 0);
    rp_notes_destroy(n);
}

static void test_panel(void)
{
    rp_figure *f;
    rp_notes *n;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    RP_REQUIRE_VOID(rp_notes_create(NULL, &n) == RP_OK);
    RP_CHECK(rp_figure_notes(f) == NULL);
    RP_CHECK(rp_figure_add_notes_panel(f, NULL, NULL, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_add_notes_panel(f, n, &(rp_notes_panel_desc){.list_lines = 33}, NULL) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_show_log_list(f, 0, true) == RP_ERR_INVALID_ARG); /* no notes panel */
    RP_CHECK(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
    int p = -1;
    RP_CHECK(rp_figure_add_notes_panel(f, n, &(rp_notes_panel_desc){.title = "events"}, &p) ==
             RP_OK);
    RP_CHECK_EQ_INT(p, 1);
    RP_CHECK(rp_figure_notes(f) == n);
    rp_notes_panel_desc d = rp_figure_notes_panel_desc(f, p);
    RP_CHECK(!strcmp(d.title, "events") && d.list_lines == 6 && !d.show_log_list);
    RP_CHECK(rp_figure_show_log_list(f, -1, true) == RP_OK);
    RP_CHECK(rp_figure_notes_panel_desc(f, p).show_log_list);
    RP_CHECK(rp_figure_notes_panel_desc(f, 0).list_lines == 0); /* not a notes panel */
    /* its y view: a unit a row (log markers, tracks, list lines) */
    PUSH_TEXT(n, "a", 1, "x");
    PUSH_TEXT(n, "b", 1, "y");
    double y0, y1;
    RP_CHECK(rp_figure_y_view(f, p, &y0, &y1) == RP_OK);
    RP_CHECK(y0 == 0 && y1 == 1 + 2 + 6);
    rp_figure_set_y_view(f, p, 5, 7); /* a y zoom (shift+wheel) does not move the rows */
    RP_CHECK(rp_figure_y_view(f, p, &y0, &y1) == RP_OK && y0 == 0 && y1 == 9);
    /* a following view reaches the newest note */
    PUSH_LOG(n, 42, "late");
    double x0, x1;
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK && x1 == 42);
    /* clicking: the marker row (y 8..9) finds the nearest line within the tolerance, the list
     * (rows 3..8, newest at the bottom: y 0..1) the line of that row */
    rp_note hit;
    RP_CHECK(rp_figure_notes_log_at(f, p, 41.8, 8.5, 0.5, &hit) && !strcmp(hit.text, "late"));
    RP_CHECK(!rp_figure_notes_log_at(f, p, 40, 8.5, 0.5, &hit)); /* too far */
    RP_CHECK(rp_figure_notes_log_at(f, p, 0, 0.5, 0, &hit) && hit.x == 42);
    RP_CHECK(!rp_figure_notes_log_at(f, p, 0, 1.5, 0, &hit));  /* an empty list row */
    RP_CHECK(!rp_figure_notes_log_at(f, p, 42, 7.5, 1, &hit)); /* a track row */
    RP_CHECK(!rp_figure_notes_log_at(f, 0, 42, 8.5, 1, &hit)); /* not a notes panel */
    rp_figure_show_log_list(f, p, false);
    RP_CHECK(rp_figure_y_view(f, p, &y0, &y1) == RP_OK && y1 == 3);
    RP_CHECK(rp_figure_notes_log_at(f, p, 42, 2.5, 1, &hit)); /* the marker row is now y 2..3 */
    rp_figure_destroy(f);
    rp_notes_destroy(n);
}

int main(void)
{
    test_create();
    test_wrap_and_read();
    test_refusals();
    test_truncation();
    test_interning();
    test_threads();
    test_panel();
    return rp_test_finish();
}
