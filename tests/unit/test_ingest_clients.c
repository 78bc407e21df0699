/* test_ingest_clients.c — end to end, from the bytes real clients send to the series:
 *   - Teleplot's C++ client (clients/cpp/Teleplot.h): its datagrams (tests/fixtures/
 *     teleplot_cpp.txt), sent over UDP to a running ingest on 127.0.0.1;
 *   - an Arduino sketch's Serial.print output for the IDE 2 Serial Plotter and for Teleplot
 *     (tests/fixtures/arduino_plotter.txt), through a pipe in 7-byte pieces as a serial port
 *     delivers them;
 *   - both fixtures again over a serial port: a pseudo-terminal pair (openpty), the ingest's
 *     serial source on the slave side, the bytes written to the master as a board would.
 * Every sample must arrive in its series, in order, with the value sent, its timestamp (to 1 µs)
 * and its unit; XY points arrive as samples of NAME.x and NAME.y at their timestamp; every text
 * value and log line is in the notes store (rp_notes) with its text and timestamp; refused lines
 * are counted, nothing is lost. The expectations are the fixtures' .expected files. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <pty.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/series_internal.h"
#include "fixtures/fixtures.h"
#include "rp_test_ingest.h"
#include "figure/figure_internal.h"
#include "figure/xy.h"
#include "ingest/ingest.h"
#include "ingest/panels.h"
#include "io/parse.h"
#include "rp_test.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static struct rp_xy *figure_xy(rp_figure *f, int panel) { return f->panels[panel].xy; }

/* An ingest reading a pipe's read end (fds[0]), started; write to fds[1]. NULL on failure. */
static rp_ingest *pipe_ingest(int fds[2], rp_notes *notes)
{
    rp_ingest *ing = NULL;
    char err[256];
    if (pipe(fds) != 0) return NULL;
    if (rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 32, .notes = notes},
                         &ing) != RP_OK)
        return NULL;
    if (rp_ingest_add_source(ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = {.fd = fds[0]}},
                             err, sizeof err) != RP_OK ||
        rp_ingest_start(ing) != RP_OK) {
        rp_ingest_destroy(ing);
        return NULL;
    }
    return ing;
}

/* Closes the pipe's write end, waits until the source has read everything, stops the ingest. */
static void end_pipe(rp_ingest *ing, int fds[2])
{
    close(fds[1]);
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 5 && !rp_ingest_all_ended(ing); i++) sleep_ms(5);
    RP_CHECK(rp_ingest_all_ended(ing));
    rp_ingest_stop(ing);
    close(fds[0]);
}

static int series_index(rp_ingest *ing, const char *name)
{
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && strcmp(rp_series_name(s), name) == 0) return i;
    }
    return -1;
}

/* Every "sample" item of the fixture, per series in order: value, timestamp, unit; every "xy"
 * item as a sample of NAME.x and one of NAME.y at its timestamp. Runs after the ingest stopped
 * (no producer any more). */
typedef struct sample_check {
    int checked, bad;
    int next[RP_INGEST_SERIES_LIMIT]; /* next sample index to compare, per series */
} sample_check;

static void check_one(rp_ingest *ing, sample_check *c, const char *name, const char *unit,
                      const char *ts, const char *value, const char *what)
{
    int idx = series_index(ing, name);
    if (idx < 0) {
        if (c->bad++ < 5) fprintf(stderr, "%s: series '%s' missing\n", what, name);
        return;
    }
    rp_series *s = rp_ingest_series_at(ing, idx, NULL);
    int64_t k = s->desc.first_index + c->next[idx]++;
    float want = (float)strtod(value, NULL);
    bool ok =
        k < s->desc.first_index + rp_series_stats_get(s).accepted && rp_sample_at(s, k) == want;
    if (ok && ts[0]) ok = fabs(rp_x_at(s, k) - strtod(ts, NULL) / 1000.0) <= 1e-6;
    if (ok) ok = strcmp(rp_series_unit(s), unit) == 0;
    if (!ok && c->bad++ < 5)
        fprintf(stderr,
                "%s: '%s' sample %lld: got %.9g at %.6f unit '%s', want %s at %s ms unit '%s'\n",
                what, name, (long long)(k - s->desc.first_index), (double)rp_sample_at(s, k),
                rp_x_at(s, k), rp_series_unit(s), value, ts, unit);
    c->checked++;
}

static void check_samples(rp_ingest *ing, const rp_fixture *fx, const char *what)
{
    static sample_check c;
    memset(&c, 0, sizeof c);
    int checked = 0, bad = 0, *next = c.next;
    for (int i = 0; i < fx->item_count; i++) {
        const rp_fixture_item *it = &fx->items[i];
        if (!strcmp(it->fields[0], "sample")) {
            check_one(ing, &c, it->fields[1], it->fields[2], it->fields[3], it->fields[4], what);
        } else if (!strcmp(it->fields[0], "xy")) {
            for (int k = 0; k < 2; k++) {
                char name[RP_NAME_MAX + 2];
                snprintf(name, sizeof name, "%s.%c", it->fields[1], k ? 'y' : 'x');
                check_one(ing, &c, name, it->fields[2], it->fields[3], it->fields[4 + k], what);
            }
        }
    }
    checked = c.checked;
    bad = c.bad;
    RP_CHECK_MSG(bad == 0, "%s: %d of %d samples wrong or missing", what, bad, checked);
    /* and nothing more than expected */
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        RP_CHECK_MSG(rp_series_stats_get(s).accepted == next[i] &&
                         rp_series_stats_get(s).rejected == 0,
                     "%s: series '%s' accepted %lld rejected %lld, expected %d", what,
                     rp_series_name(s), (long long)rp_series_stats_get(s).accepted,
                     (long long)rp_series_stats_get(s).rejected, next[i]);
    }
    printf("%s: %d samples in %d series checked\n", what, checked, rp_ingest_series_count(ing));
}

/* Every "text" and "log" item of the fixture, in order, in the notes store: the track, the text
 * and (when the line had one) the timestamp to 1 µs. */
static void check_notes(rp_notes *notes, const rp_fixture *fx, const char *what)
{
    static rp_note got[4096];
    int next_log = 0, logs = rp_notes_read_logs(notes, -INFINITY, INFINITY, got, 4096), bad = 0;
    int next_text[RP_NOTES_TRACKS_MAX] = {0}, checked = 0;
    for (int i = 0; i < fx->item_count; i++) {
        const rp_fixture_item *it = &fx->items[i];
        bool is_log = !strcmp(it->fields[0], "log");
        if (!is_log && strcmp(it->fields[0], "text")) continue;
        const char *ts = it->fields[3], *text = it->fields[4];
        rp_note one, *n = &one;
        bool found = false;
        if (is_log) {
            found = next_log < logs;
            if (found) n = &got[next_log++];
        } else {
            int track = -1;
            for (int t = 0; t < rp_notes_track_count(notes); t++)
                if (!strcmp(rp_notes_track_name(notes, t), it->fields[1])) track = t;
            rp_note all[64];
            int count =
                track >= 0 ? rp_notes_read_texts(notes, track, -INFINITY, INFINITY, all, 64) : 0;
            found = track >= 0 && next_text[track] < count && count <= 64;
            if (found) one = all[next_text[track]++];
        }
        bool ok = found && !strcmp(n->text, text);
        if (ok && ts[0]) ok = fabs(n->x - strtod(ts, NULL) / 1000.0) <= 1e-6;
        if (!ok && bad++ < 5)
            fprintf(stderr, "%s: %s '%s' at %s ms: got '%s' at %.6f\n", what, it->fields[0], text,
                    ts, found ? n->text : "(none)", found ? n->x : NAN);
        checked++;
    }
    RP_CHECK_MSG(bad == 0, "%s: %d of %d text values and log lines wrong or missing", what, bad,
                 checked);
    rp_notes_stats ns = rp_notes_stats_get(notes);
    RP_CHECK_EQ_INT(ns.texts + ns.logs, checked); /* and nothing more */
    RP_CHECK_EQ_INT(ns.refused, 0);
    RP_CHECK(checked > 0);
    printf("%s: %d text values and log lines checked in the notes store\n", what, checked);
}

static void check_counts(rp_ingest *ing, const rp_source_stats *st, const rp_fixture *fx,
                         const char *what)
{
    /* every refused line under the parser reason the fixture names */
    int64_t rejects[RP_LINE_REJECT_COUNT];
    rp_ingest_line_rejects(ing, 0, rejects);
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) {
        int want = 0;
        for (int i = 0; i < fx->item_count; i++)
            want += !strcmp(fx->items[i].fields[0], "reject") &&
                    !strcmp(fx->items[i].fields[1], rp_line_reject_string((rp_line_reject)r));
        RP_CHECK_MSG(rejects[r] == want, "%s: %lld lines refused as '%s', want %d", what,
                     (long long)rejects[r], rp_line_reject_string((rp_line_reject)r), want);
    }
    /* samples pushed into series: each XY point is two (NAME.x, NAME.y) */
    RP_CHECK_MSG(st->samples ==
                     rp_fixture_count(fx, "sample", NULL) + 2 * rp_fixture_count(fx, "xy", NULL),
                 "%s: %lld samples", what, (long long)st->samples);
    RP_CHECK_MSG(st->xy_points == rp_fixture_count(fx, "xy", NULL), "%s: %lld xy", what,
                 (long long)st->xy_points);
    RP_CHECK_MSG(st->texts == rp_fixture_count(fx, "text", NULL), "%s: %lld texts", what,
                 (long long)st->texts);
    RP_CHECK_MSG(st->logs == rp_fixture_count(fx, "log", NULL), "%s: %lld logs", what,
                 (long long)st->logs);
    RP_CHECK_MSG(st->lines_rejected == rp_fixture_count(fx, "reject", NULL),
                 "%s: %lld rejected (%s)", what, (long long)st->lines_rejected, st->last_error);
    RP_CHECK_EQ_INT(st->samples_dropped, 0);
}

static void test_teleplot_cpp_udp(void)
{
    rp_fixture fx;
    RP_REQUIRE_VOID(rp_fixture_load(&fx, RP_FIXTURES_DIR, "teleplot_cpp"));
    rp_ingest *ing;
    rp_notes *notes;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    RP_REQUIRE_VOID(
        rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 32, .notes = notes},
                         &ing) == RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_UDP, .udp = {.host = "127.0.0.1", .port = 0}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(rp_ingest_udp_port(ing, 0))};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* one datagram per fixture line, the '\n' not sent; in bursts of 16, each received before the
     * next, so a busy machine cannot overflow the socket buffer */
    int sent = 0;
    for (char *p = fx.data; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        RP_CHECK(sendto(fd, p, n, 0, (struct sockaddr *)&to, sizeof to) == (ssize_t)n);
        sent++;
        p = nl ? nl + 1 : p + n;
        if (sent % 16 == 0 || !*p)
            for (int w = 0;
                 w < RP_TEST_WAIT_STEPS / 5 && rp_ingest_source_stats(ing, 0).datagrams < sent; w++)
                sleep_ms(5);
    }
    close(fd);
    rp_ingest_stop(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.datagrams, sent);
    RP_CHECK_EQ_INT(st.datagrams_lost, 0);
    RP_CHECK_EQ_INT(st.datagrams_rejected,
                    rp_fixture_count(&fx, "reject", NULL)); /* the 3D shape */
    RP_CHECK_MSG(strstr(st.last_error, "3D shapes") != NULL, "last error: %s", st.last_error);
    check_counts(ing, &st, &fx, "teleplot_cpp");
    check_samples(ing, &fx, "teleplot_cpp");
    check_notes(notes, &fx, "teleplot_cpp");
    printf("teleplot_cpp: %d datagrams, %lld xy, %lld texts, %lld logs\n", sent,
           (long long)st.xy_points, (long long)st.texts, (long long)st.logs);
    rp_ingest_destroy(ing);
    rp_notes_destroy(notes);
    rp_fixture_free(&fx);
}

static void test_arduino_pipe(void)
{
    rp_fixture fx;
    RP_REQUIRE_VOID(rp_fixture_load(&fx, RP_FIXTURES_DIR, "arduino_plotter"));
    int fds[2];
    rp_notes *notes;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    rp_ingest *ing = pipe_ingest(fds, notes);
    RP_REQUIRE_VOID(ing != NULL);
    for (size_t off = 0; off < fx.len; off += 7) {
        size_t n = fx.len - off < 7 ? fx.len - off : 7;
        RP_CHECK(write(fds[1], fx.data + off, n) == (ssize_t)n);
    }
    end_pipe(ing, fds);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.bytes, (int64_t)fx.len);
    check_counts(ing, &st, &fx, "arduino_plotter");
    RP_CHECK_MSG(strstr(st.last_error, "no ':' after 'ready'") != NULL, "last error: %s",
                 st.last_error);
    check_samples(ing, &fx, "arduino_plotter");
    check_notes(notes, &fx, "arduino_plotter");
    rp_ingest_destroy(ing);
    rp_notes_destroy(notes);
    rp_fixture_free(&fx);
}

#ifdef __linux__
/* A fixture's bytes through a serial source: written to the master of a pty in 7-byte pieces,
 * read by the source from the slave path. The serial source skips up to the first newline after
 * it opens a port (a board caught mid-line); the leading "\n" is the end of that line, as a board
 * that prints a blank line at boot sends it. */
static void test_fixture_serial(const char *fixture, const char *last_error)
{
    rp_fixture fx;
    RP_REQUIRE_VOID(rp_fixture_load(&fx, RP_FIXTURES_DIR, fixture));
    int master, slave;
    char name[256];
    RP_REQUIRE_VOID(openpty(&master, &slave, name, NULL, NULL) == 0);
    close(slave); /* the source opens it by path */
    rp_ingest *ing;
    rp_notes *notes;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    RP_REQUIRE_VOID(
        rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 32, .notes = notes},
                         &ing) == RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_SERIAL, .serial = {.path = name, .baud = 115200}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    RP_CHECK(write(master, "\n", 1) == 1);
    /* Datagram fixtures are one message a line: over a serial line each ends with its '\n'. */
    for (size_t off = 0; off < fx.len; off += 7) {
        size_t n = fx.len - off < 7 ? fx.len - off : 7;
        RP_CHECK(write(master, fx.data + off, n) == (ssize_t)n);
        if (off % 1024 == 0) /* a pty buffers a few KB: let the reader keep up */
            for (int w = 0; w < RP_TEST_WAIT_STEPS / 2 &&
                            rp_ingest_source_stats(ing, 0).bytes + 2048 < (int64_t)off;
                 w++)
                sleep_ms(2);
    }
    if (fx.len && fx.data[fx.len - 1] != '\n') RP_CHECK(write(master, "\n", 1) == 1);
    int64_t want = (int64_t)fx.len + 1 + (fx.len && fx.data[fx.len - 1] != '\n');
    for (int w = 0; w < RP_TEST_WAIT_STEPS / 5 && rp_ingest_source_stats(ing, 0).bytes < want; w++)
        sleep_ms(5);
    rp_ingest_stop(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.bytes, want);
    check_counts(ing, &st, &fx, fixture);
    RP_CHECK_MSG(strstr(st.last_error, last_error) != NULL, "%s over serial, last error: %s",
                 fixture, st.last_error);
    check_samples(ing, &fx, fixture);
    check_notes(notes, &fx, fixture);
    rp_ingest_destroy(ing);
    rp_notes_destroy(notes);
    close(master);
    rp_fixture_free(&fx);
}
#endif

/* Teleplot's XY points drawn: "trajectory:x:y:ts;...|xy" lines through a pipe become series
 * trajectory.x and trajectory.y with the same timestamps, and the panel policy gives the pair an
 * XY panel (besides their time panel) whose grid lights where the points lie. */
static void test_teleplot_xy_panel(void)
{
    static const char lines[] = "trajectory:1:0:1000;0:1:1010;-1:0:1020;0:-1:1030|xy\n"
                                "trajectory:1:0:1040;0.5:0.5:1050|xy\n"
                                "other:3:1000\n";
    int fds[2];
    rp_ingest *ing = pipe_ingest(fds, NULL);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(write(fds[1], lines, sizeof lines - 1) == (ssize_t)(sizeof lines - 1));
    end_pipe(ing, fds);
    rp_figure *f;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    rp_panel_policy pp;
    RP_REQUIRE_VOID(rp_panel_policy_init(&pp, f, NULL, 0, -1) == RP_OK);
    RP_CHECK_EQ_INT(rp_panel_policy_poll(&pp, ing), 3);
    int xy_panel = -1;
    for (int p = 0; p < rp_figure_panel_count(f); p++)
        if (rp_figure_xy_desc(f, p).title) xy_panel = p;
    RP_REQUIRE_VOID(xy_panel >= 0);
    RP_CHECK_MSG(!strcmp(rp_figure_xy_desc(f, xy_panel).title, "trajectory (XY)"), "title %s",
                 rp_figure_xy_desc(f, xy_panel).title);
    rp_series *sx = rp_ingest_series_at(ing, series_index(ing, "trajectory.x"), NULL);
    rp_series *sy = rp_ingest_series_at(ing, series_index(ing, "trajectory.y"), NULL);
    RP_REQUIRE_VOID(sx && sy);
    RP_CHECK_EQ_INT(rp_series_stats_get(sx).accepted, 6);
    RP_CHECK_EQ_INT(rp_series_stats_get(sy).accepted, 6);
    for (int64_t k = 0; k < 6; k++) /* each pair at the same time */
        RP_CHECK(rp_x_at(sx, sx->desc.first_index + k) == rp_x_at(sy, sy->desc.first_index + k));
    /* the frame's rasterisation (what the renderer calls), on a 101 x 101 grid over [-1.1, 1.1] */
    double x0 = 0, x1 = 0, y0, y1;
    RP_CHECK(rp_series_x_extent(sx, &x0, &x1) == RP_OK);
    RP_REQUIRE_VOID(
        rp_figure_set_xy(f, xy_panel,
                         &(rp_xy_desc){.x_min = -1.1, .x_max = 1.1, .y_min = -1.1, .y_max = 1.1}) ==
        RP_OK);
    struct rp_xy *xy = figure_xy(f, xy_panel);
    rp_xy_y_view(xy, x0, x1, &y0, &y1);
    rp_xy_view v = rp_xy_frame(xy, x0, x1, 101, 101);
    RP_REQUIRE_VOID(v.image != NULL);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, xy_panel).pairs, 6);
    /* (1, 0) → column 96, row 50; (0, 1) → column 50, row 4; (-1, 0) → 4, 50; (0, -1) → 50, 96;
     * (0.5, 0.5) → 73, 27 */
    RP_CHECK(v.image[50 * 101 + 96] > 0 && v.image[4 * 101 + 50] > 0);
    RP_CHECK(v.image[50 * 101 + 4] > 0 && v.image[96 * 101 + 50] > 0);
    RP_CHECK(v.image[27 * 101 + 73] == 255); /* the newest pair: full brightness */
    RP_CHECK(v.image[50 * 101 + 50] == 0);   /* the centre: no line crosses it */
    rp_figure_destroy(f);
    rp_ingest_destroy(ing);
}

int main(void)
{
    test_teleplot_xy_panel();
    test_teleplot_cpp_udp();
    test_arduino_pipe();
#ifdef __linux__
    test_fixture_serial("arduino_plotter", "no ':' after 'ready'");
    test_fixture_serial("teleplot_cpp", "3D shapes");
#endif
    return rp_test_finish();
}
