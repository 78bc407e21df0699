/* test_mqtt.c — the MQTT source against a real mosquitto broker on 127.0.0.1:
 *   payload formats (plain number, JSON, text lines, topic mapping) published with mosquitto_pub;
 *   malformed payloads counted and skipped; a C publisher at a high rate, QoS 0 and 1, every sample
 *   in order; kill -9 of the broker and a restart on the same port: the stream resumes and the
 *   retained samples stay; a wrong password gives a clear error, a right one connects; option
 *   errors at add time; the embedding API (rp_mqtt_attach / poll / detach) on a figure.
 * Exit 77 (skipped) only when the mosquitto binary is missing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/series_internal.h"
#include "ingest/ingest.h"
#include "mqtt_harness.h"
#include "rp_test.h"
#include "rp_test_ingest.h"
#include "rp_test_log.h"

/* Waits until series `name` holds n samples (false after timeout). */
static bool wait_samples(rp_ingest *ing, const char *name, int64_t n, double timeout)
{
    for (double end = rp_harness_now() + timeout; rp_harness_now() < end; rp_harness_sleep(0.01))
        if (rp_test_accepted(ing, name) >= n) return true;
    return false;
}

static bool wait_state(rp_ingest *ing, rp_mqtt_state state, double timeout)
{
    for (double end = rp_harness_now() + timeout; rp_harness_now() < end; rp_harness_sleep(0.01))
        if (rp_ingest_source_stats(ing, 0).mqtt_state == state) return true;
    return false;
}

static bool wait_messages(rp_ingest *ing, int64_t n, double timeout)
{
    for (double end = rp_harness_now() + timeout; rp_harness_now() < end; rp_harness_sleep(0.01))
        if (rp_ingest_source_stats(ing, 0).messages >= n) return true;
    return false;
}

/* Value i of a series once its producer is idle (the test waited for the count). */
static float value_at(rp_ingest *ing, const char *name, int64_t i)
{
    rp_series *s = rp_test_find(ing, name);
    return s ? rp_sample_at(s, i) : NAN;
}

static double x_at(rp_ingest *ing, const char *name, int64_t i)
{
    rp_series *s = rp_test_find(ing, name);
    return s ? rp_x_at(s, i) : NAN;
}

/* An ingest with one MQTT source, started; its text values and log lines into `notes` (may be
 * NULL: none kept). */
static rp_ingest *mqtt_ingest_notes(const rp_mqtt_desc *md, rp_notes *notes, char *err,
                                    int err_size, rp_status *st)
{
    rp_ingest *ing = NULL;
    if (rp_ingest_create(&(rp_ingest_desc){.capacity = 1 << 20, .max_series = 64, .notes = notes},
                         &ing) != RP_OK)
        return NULL;
    rp_source_desc sd = {.kind = RP_SOURCE_MQTT, .mqtt = *md};
    *st = rp_ingest_add_source(ing, &sd, err, err_size);
    if (*st != RP_OK || rp_ingest_start(ing) != RP_OK) {
        rp_ingest_destroy(ing);
        return NULL;
    }
    return ing;
}

static rp_ingest *mqtt_ingest(const rp_mqtt_desc *md, char *err, int err_size, rp_status *st)
{
    return mqtt_ingest_notes(md, NULL, err, err_size, st);
}

static int pub(uint16_t port, const char *topic, const char *payload)
{
    char p[8];
    snprintf(p, sizeof p, "%u", port);
    char *argv[] = {"mosquitto_pub", "-h", "127.0.0.1",     "-p", p, "-q", "1", "-t",
                    (char *)topic,   "-m", (char *)payload, NULL};
    return rp_run(argv, NULL);
}

/* One message per line of `lines` (mosquitto_pub -l), in order, one connection. */
static int pub_lines(uint16_t port, const char *topic, const char *lines)
{
    char p[8];
    snprintf(p, sizeof p, "%u", port);
    char *argv[] = {"mosquitto_pub", "-h", "127.0.0.1", "-p", p, "-q", "1", "-t",
                    (char *)topic,   "-l", NULL};
    return rp_run(argv, lines);
}

/* ---- payload formats, mapping, malformed ------------------------------------------------------- */

static void test_formats(rp_broker *b)
{
    char err[256] = "";
    rp_status st;
    rp_mqtt_desc md = {
        .port = b->port, .topics = {"t/#", "other"}, .topic_names = {"t/renamed=alias"}, .qos = 1};
    rp_ingest *ing = mqtt_ingest(&md, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_REQUIRE_VOID(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2); /* SUBACK */

    RP_CHECK(pub_lines(b->port, "t/num", "1\n2.5\n -3e2 \nnan\n") == 0);
    RP_CHECK(pub(b->port, "t/json",
                 "{\"a\": 1.5, \"b\": {\"c\": 2}, \"ts\": 1700000000.5, \"s\": \"text\", "
                 "\"on\": true, \"v\": [7, 8]}") == 0);
    RP_CHECK(pub(b->port, "t/json", "{\"a\": 2.5, \"ts\": 1700000001250}") == 0); /* ms */
    RP_CHECK(pub(b->port, "t/text", "x:1 y:2\nx:3 z:1700000002000:4") == 0);
    RP_CHECK(pub(b->port, "t/renamed", "7") == 0);
    RP_CHECK(pub(b->port, "other", "8") == 0);
    RP_CHECK(pub(b->port, "t/multi", "4 5 6") == 0); /* unnamed numbers: value1, value2, value3 */
    /* a reading with its unit, and a text line's unit: the series' unit (both were lost: the
     * first refused as text, the second's unit dropped) */
    RP_CHECK(pub(b->port, "t/temp",
                 "23.5 \xc2\xb0"
                 "C") == 0);
    RP_CHECK(pub(b->port, "t/temp",
                 "24\xc2\xb0"
                 "C") == 0);
    RP_CHECK(pub(b->port, "t/units", "volt:3.3\xc2\xa7V|") == 0);
    /* one word: a state (a relay, an availability topic), a text value of the topic */
    RP_CHECK(pub(b->port, "t/relay", "ON") == 0);
    RP_CHECK(pub(b->port, "t/relay", "OFF") == 0);
    /* a text line's XY point and text value are named as its samples: topic/name */
    RP_CHECK(pub(b->port, "t/text2", "mode:run|t") == 0);
    RP_CHECK(pub(b->port, "t/text2", "pos:1:2|xy") == 0);
    /* malformed: broken JSON, not JSON not text, no number, a JSON array, bad timestamp, a text
     * message with one bad line (its good line still counts), empty */
    RP_CHECK(pub_lines(
                 b->port, "t/bad",
                 "{\"a\": 1\nhello world\n{\"s\": \"x\"}\n[1, 2]\n{\"ts\": \"now\", \"a\": 1}\n") ==
             0);
    RP_CHECK(pub(b->port, "t/bad", "ok:5\nbroken:zz") == 0);
    char p[8];
    snprintf(p, sizeof p, "%u", b->port);
    char *empty[] = {"mosquitto_pub", "-h", "127.0.0.1", "-p", p, "-q", "1", "-t",
                     "t/bad",         "-n", NULL};
    RP_CHECK(rp_run(empty, NULL) == 0);
    RP_CHECK(wait_messages(ing, 4 + 2 + 1 + 1 + 1 + 1 + 3 + 2 + 2 + 5 + 1 + 1, 60));
    rp_harness_sleep(0.1);
    rp_ingest_stop(ing); /* producer idle: series may be read directly */

    rp_source_stats s = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(s.messages, 24);
    RP_CHECK_EQ_INT(s.texts, 3);
    RP_CHECK(value_at(ing, "t/text2/pos.x", 0) == 1.0f &&
             value_at(ing, "t/text2/pos.y", 0) == 2.0f);
    RP_CHECK(rp_test_find(ing, "pos.x") == NULL);
    RP_CHECK_EQ_INT(s.messages_rejected, 7);
    RP_CHECK_MSG(strstr(s.last_error, "skipped") != NULL, "%s", s.last_error);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "t/num"), 4);
    RP_CHECK(value_at(ing, "t/num", 0) == 1.0f && value_at(ing, "t/num", 1) == 2.5f &&
             value_at(ing, "t/num", 2) == -300.0f);
    RP_CHECK(isnan(value_at(ing, "t/num", 3)));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "t/json/a"), 2);
    RP_CHECK(value_at(ing, "t/json/a", 0) == 1.5f && value_at(ing, "t/json/a", 1) == 2.5f);
    RP_CHECK_NEAR(x_at(ing, "t/json/a", 0), 1700000000.5, 1e-6);
    RP_CHECK_NEAR(x_at(ing, "t/json/a", 1), 1700000001.25, 1e-6);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "t/json/b/c"), 1);
    RP_CHECK(rp_test_find(ing, "t/json/s") == NULL && rp_test_find(ing, "t/json/ts") == NULL);
    RP_CHECK(value_at(ing, "t/json/on", 0) == 1.0f); /* a boolean: 1 / 0 */
    RP_CHECK(value_at(ing, "t/json/v[0]", 0) == 7.0f && value_at(ing, "t/json/v[1]", 0) == 8.0f);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "t/text/x"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "t/text/y"), 1);
    RP_CHECK(value_at(ing, "t/text/x", 1) == 3.0f && value_at(ing, "t/text/z", 0) == 4.0f);
    RP_CHECK_NEAR(x_at(ing, "t/text/z", 0), 1700000002.0, 1e-6);
    RP_CHECK(value_at(ing, "alias", 0) == 7.0f && rp_test_find(ing, "t/renamed") == NULL);
    RP_CHECK(value_at(ing, "other", 0) == 8.0f);
    RP_CHECK(value_at(ing, "t/multi/value1", 0) == 4.0f &&
             value_at(ing, "t/multi/value3", 0) == 6.0f);
    RP_CHECK(value_at(ing, "t/bad/ok", 0) == 5.0f); /* the good line of a half-bad message */
    RP_CHECK(value_at(ing, "t/temp", 0) == 23.5f && value_at(ing, "t/temp", 1) == 24.0f);
    RP_CHECK(rp_test_find(ing, "t/temp") &&
             !strcmp(rp_series_unit(rp_test_find(ing, "t/temp")), "\xc2\xb0"
                                                                  "C"));
    RP_CHECK(rp_test_find(ing, "t/units/volt") &&
             !strcmp(rp_series_unit(rp_test_find(ing, "t/units/volt")), "V"));
    /* arrival-stamped samples carry wall-clock time */
    RP_CHECK(fabs(x_at(ing, "t/num", 0) - rp_wall_seconds()) < 60);

    rp_mqtt_topic_stats ts[RP_MQTT_TOPIC_STATS_MAX + 1];
    int n = rp_ingest_mqtt_topics(ing, 0, ts, RP_MQTT_TOPIC_STATS_MAX + 1);
    RP_CHECK_EQ_INT(n, 11);
    RP_CHECK_EQ_INT(s.topics, 11);
    bool seen_bad = false;
    for (int i = 0; i < n; i++) {
        if (!strcmp(ts[i].topic, "t/bad")) {
            seen_bad = true;
            RP_CHECK_EQ_INT(ts[i].messages, 7);
            RP_CHECK_EQ_INT(ts[i].rejected, 7);
        }
        if (!strcmp(ts[i].topic, "t/num"))
            RP_CHECK(ts[i].messages == 4 && ts[i].samples == 4 && ts[i].rejected == 0);
    }
    RP_CHECK(seen_bad);
    rp_ingest_destroy(ing);
}

/* A switch's ON / OFF published next to another publisher's stale "ts" (a device whose clock is
 * years behind): each state at its arrival, as an untimed number is (they were put next to that
 * ts, years back, every change in one spot: a constant state drawn over the live view). */
static void test_states_beside_stale_dates(rp_broker *b)
{
    char err[256] = "";
    rp_status st;
    rp_notes *notes = NULL;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    rp_mqtt_desc md = {.port = b->port, .topics = {"q/#"}, .qos = 1};
    rp_ingest *ing = mqtt_ingest_notes(&md, notes, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_REQUIRE_VOID(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2); /* SUBACK */
    RP_CHECK(pub(b->port, "q/dev", "{\"temp\": 21, \"ts\": 1600000001}") == 0);
    RP_CHECK(pub(b->port, "q/sw", "ON") == 0);
    RP_CHECK(pub(b->port, "q/dev", "{\"temp\": 22, \"ts\": 1600000002}") == 0);
    RP_CHECK(pub(b->port, "q/sw", "OFF") == 0);
    RP_CHECK(wait_messages(ing, 4, 60));
    rp_ingest_stop(ing);
    RP_CHECK_NEAR(x_at(ing, "q/dev/temp", 1), 1600000002.0, 1e-6); /* its own ts, as sent */
    RP_REQUIRE_VOID(rp_notes_track_count(notes) == 1);
    rp_note out[2];
    RP_REQUIRE_VOID(rp_notes_read_texts(notes, 0, -INFINITY, INFINITY, out, 2) == 2);
    double now = rp_wall_seconds();
    RP_CHECK_MSG(fabs(out[0].x - now) < 60 && fabs(out[1].x - now) < 60 && out[1].x > out[0].x,
                 "ON at %.3f, OFF at %.3f, now %.3f", out[0].x, out[1].x, now);
    rp_ingest_destroy(ing);
    rp_notes_destroy(notes);
}

/* ---- a C publisher at a high rate --------------------------------------------------------------- */

static void test_rate(rp_broker *b, int qos, int messages, int per_message)
{
    char topic[32], name[40], err[256] = "";
    snprintf(topic, sizeof topic, "rate/q%d", qos);
    rp_status st;
    rp_mqtt_desc md = {.port = b->port, .topics = {topic}, .qos = qos};
    rp_ingest *ing = mqtt_ingest(&md, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_REQUIRE_VOID(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2);
    rp_publisher *p = rp_publisher_connect(b->port, NULL, NULL);
    RP_REQUIRE_VOID(p != NULL);
    double t0 = rp_harness_now();
    char payload[4096];
    int64_t v = 0;
    for (int i = 0; i < messages; i++) {
        int len;
        if (per_message == 1) {
            len = snprintf(payload, sizeof payload, "%lld", (long long)v++);
        } else { /* text lines: several samples per message */
            len = 0;
            for (int k = 0; k < per_message; k++)
                len += snprintf(payload + len, sizeof payload - (size_t)len, "v:%lld\n",
                                (long long)v++);
        }
        RP_REQUIRE_VOID(rp_publisher_send(p, topic, payload, len, qos) == 0);
    }
    RP_CHECK(rp_publisher_drain(p, 30) == 0);
    snprintf(name, sizeof name, per_message == 1 ? "%s" : "%s/v", topic);
    int64_t total = (int64_t)messages * per_message;
    RP_CHECK_MSG(wait_samples(ing, name, total, 60), "%lld of %lld samples",
                 (long long)rp_test_accepted(ing, name), (long long)total);
    double dt = rp_harness_now() - t0;
    rp_publisher_close(p);
    rp_ingest_stop(ing);
    rp_source_stats s = rp_ingest_source_stats(ing, 0);
    /* a stall of the loaded machine may show as a gap: a NaN marker, not a sample */
    RP_CHECK_EQ_INT(s.samples, total);
    RP_CHECK_EQ_INT(s.messages, messages);
    RP_CHECK_EQ_INT(s.messages_rejected, 0);
    int64_t wrong = 0, next = 0, stored = rp_test_accepted(ing, name);
    rp_series *series = rp_test_find(ing, name);
    for (int64_t i = 0; series && i < stored; i++) { /* every sample, in order (exact below 2^24) */
        float got = rp_sample_at(series, i);
        if (!isnan(got) && got != (float)next++) wrong++;
    }
    RP_CHECK_EQ_INT(next, total);
    RP_CHECK_EQ_INT(wrong, 0);
    double prev = -INFINITY;
    int64_t backwards = 0;
    for (int64_t i = 0; series && i < total; i++) {
        if (rp_x_at(series, i) < prev) backwards++;
        prev = rp_x_at(series, i);
    }
    RP_CHECK_EQ_INT(backwards, 0);
    fprintf(stderr, "rate: qos %d, %d messages x %d samples in %.2f s (%.0f messages/s)\n", qos,
            messages, per_message, dt, messages / dt);
    rp_ingest_destroy(ing);
}

/* ---- the broker goes away and comes back ------------------------------------------------------- */

static void publish_range(uint16_t port, const char *topic, int from, int to)
{
    rp_publisher *p = rp_publisher_connect(port, NULL, NULL);
    RP_REQUIRE_VOID(p != NULL);
    char payload[32];
    for (int i = from; i < to; i++) {
        int len = snprintf(payload, sizeof payload, "%d", i);
        RP_CHECK(rp_publisher_send(p, topic, payload, len, 1) == 0);
    }
    RP_CHECK(rp_publisher_drain(p, 10) == 0);
    rp_publisher_close(p);
}

static void test_reconnect(rp_broker *b)
{
    char err[256] = "";
    rp_status st;
    rp_mqtt_desc md = {.port = b->port, .topics = {"re/x"}, .keepalive = 5};
    rp_ingest *ing = mqtt_ingest(&md, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_REQUIRE_VOID(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2);
    publish_range(b->port, "re/x", 0, 1000);
    RP_CHECK(wait_samples(ing, "re/x", 1000, 60));

    uint16_t port = b->port;
    rp_broker_kill(b); /* kill -9: no DISCONNECT, the socket just closes */
    RP_CHECK(wait_state(ing, RP_MQTT_RETRYING, 60));
    rp_source_stats s = rp_ingest_source_stats(ing, 0);
    RP_CHECK_MSG(strstr(s.last_error, "connection lost") != NULL ||
                     strstr(s.last_error, "cannot connect") != NULL,
                 "%s", s.last_error);
    rp_harness_sleep(1.0); /* a few refused attempts with backoff */
    RP_CHECK(rp_ingest_source_stats(ing, 0).running);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "re/x"), 1000); /* retained data untouched */

    RP_REQUIRE_VOID(rp_broker_start(b, port, NULL) == 0);
    RP_CHECK(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2); /* resubscribed */
    publish_range(b->port, "re/x", 1000, 2000);
    RP_CHECK(wait_samples(ing, "re/x", 2000, 60));
    rp_ingest_stop(ing);
    s = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(s.reconnects, 1);
    /* 2000 samples; the outage is a gap between two segments, not a sample */
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "re/x"), 2000);
    int64_t wrong = 0, next = 0, gaps = 0;
    for (int64_t i = 0; i < 2000; i++) {
        float v = value_at(ing, "re/x", i);
        if (isnan(v))
            gaps++;
        else if (v != (float)next++)
            wrong++;
    }
    RP_CHECK_EQ_INT(wrong, 0);
    RP_CHECK_EQ_INT(gaps, 0);
    RP_CHECK(x_at(ing, "re/x", 1000) - x_at(ing, "re/x", 999) > 0.5); /* after the silence */
    rp_ingest_destroy(ing);
}

/* ---- authentication ---------------------------------------------------------------------------- */

static void test_auth(rp_broker *bp)
{
    RP_REQUIRE_VOID(rp_broker_start(bp, 0, NULL) == 0); /* makes the directory and the port */
    rp_broker_kill(bp);
    rp_broker b = *bp; /* its directory and port */
    char pwfile[256], conf[512], secret[256];
    snprintf(pwfile, sizeof pwfile, "%s/passwords", b.dir);
    /* the broker's password file; the throwaway password of this test only */
    char *argv[] = {"mosquitto_passwd", "-b", "-c", pwfile, "plotter", "s3cret-pw", NULL};
    RP_REQUIRE_VOID(rp_run(argv, NULL) == 0);
    chmod(pwfile, 0600);
    snprintf(conf, sizeof conf, "allow_anonymous false\npassword_file %s", pwfile);
    RP_REQUIRE_VOID(rp_broker_start(bp, b.port, conf) == 0);

    /* wrong password from the environment: a clear error, state "not authorised" */
    setenv("RP_TEST_MQTT_PASSWORD", "wrong", 1);
    char err[256] = "";
    rp_status st;
    rp_mqtt_desc md = {.port = b.port,
                       .topics = {"auth/#"},
                       .username = "plotter",
                       .password_env = "RP_TEST_MQTT_PASSWORD"};
    rp_ingest *ing = mqtt_ingest(&md, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(wait_state(ing, RP_MQTT_AUTH_FAILED, 60));
    rp_source_stats s = rp_ingest_source_stats(ing, 0);
    RP_CHECK_MSG(strstr(s.last_error, "refused") && strstr(s.last_error, "not authorised") &&
                     strstr(s.last_error, "user name and password"),
                 "%s", s.last_error);
    RP_CHECK(!strcmp(rp_mqtt_state_string(s.mqtt_state), "not authorised"));
    rp_ingest_destroy(ing);

    /* the right password from a file */
    snprintf(secret, sizeof secret, "%s/secret", b.dir);
    FILE *f = fopen(secret, "w");
    RP_REQUIRE_VOID(f != NULL);
    fputs("s3cret-pw\n", f);
    fclose(f);
    md = (rp_mqtt_desc){
        .port = b.port, .topics = {"auth/#"}, .username = "plotter", .password_file = secret};
    ing = mqtt_ingest(&md, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(wait_state(ing, RP_MQTT_CONNECTED, 60));
    rp_harness_sleep(0.2);
    rp_publisher *p = rp_publisher_connect(b.port, "plotter", "s3cret-pw");
    RP_REQUIRE_VOID(p != NULL);
    RP_CHECK(rp_publisher_send(p, "auth/t", "42", 2, 1) == 0);
    RP_CHECK(rp_publisher_drain(p, 5) == 0);
    rp_publisher_close(p);
    RP_CHECK(wait_samples(ing, "auth/t", 1, 60));
    rp_ingest_destroy(ing);
    unsetenv("RP_TEST_MQTT_PASSWORD");
}

/* ---- TLS with a CA file ------------------------------------------------------------------------- */

static int sh(const char *cmd)
{
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    return rp_run(argv, NULL);
}

static void test_tls(rp_broker *bp)
{
    if (!rp_have_program("openssl")) {
        fprintf(stderr, "test_mqtt: no openssl program: TLS part skipped\n");
        return;
    }
    RP_REQUIRE_VOID(rp_broker_start(bp, 0, NULL) == 0); /* makes the directory and the port */
    rp_broker_kill(bp);
    rp_broker b = *bp; /* its directory and port */
    char cmd[2048], conf[768], ca[256], other_ca[256];
    /* a CA, a server certificate for 127.0.0.1 signed by it, and an unrelated CA */
    snprintf(
        cmd, sizeof cmd,
        "cd %s && K='-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes' && "
        "openssl req -x509 $K -keyout ca.key -out ca.crt -days 2 -subj /CN=rp-test-ca && "
        "openssl req $K -keyout server.key -out server.csr -subj /CN=127.0.0.1 && "
        "printf 'subjectAltName=IP:127.0.0.1\\n' > ext.cnf && "
        "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 "
        "-extfile ext.cnf && openssl req -x509 $K -keyout other.key -out other.crt -days 2 -subj /CN=other-ca",
        b.dir);
    RP_REQUIRE_VOID(sh(cmd) == 0);
    snprintf(ca, sizeof ca, "%s/ca.crt", b.dir);
    snprintf(other_ca, sizeof other_ca, "%s/other.crt", b.dir);
    snprintf(conf, sizeof conf,
             "cafile %s\ncertfile %s/server.crt\nkeyfile %s/server.key\nallow_anonymous true", ca,
             b.dir, b.dir);
    RP_REQUIRE_VOID(rp_broker_start(bp, b.port, conf) == 0);

    char err[256] = "";
    rp_status st;
    rp_ingest *ing = mqtt_ingest(&(rp_mqtt_desc){.port = b.port, .topics = {"tls/#"}, .cafile = ca},
                                 err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_MSG(wait_state(ing, RP_MQTT_CONNECTED, 60), "%s",
                 rp_ingest_source_stats(ing, 0).last_error);
    rp_harness_sleep(0.2);
    char port[8];
    snprintf(port, sizeof port, "%u", b.port);
    char *pub_tls[] = {"mosquitto_pub", "-h", "127.0.0.1", "-p", port,
                       "--cafile",      ca,   "-q",        "1",  "-t",
                       "tls/x",         "-m", "3.5",       NULL};
    RP_CHECK(rp_run(pub_tls, NULL) == 0);
    RP_CHECK(wait_samples(ing, "tls/x", 1, 60));
    rp_ingest_destroy(ing);

    /* a broker certificate the CA file does not vouch for: refused, with a reason */
    ing = mqtt_ingest(&(rp_mqtt_desc){.port = b.port, .topics = {"tls/#"}, .cafile = other_ca}, err,
                      sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(wait_state(ing, RP_MQTT_RETRYING, 60));
    RP_CHECK_MSG(strstr(rp_ingest_source_stats(ing, 0).last_error, "TLS") != NULL, "%s",
                 rp_ingest_source_stats(ing, 0).last_error);
    RP_CHECK(rp_ingest_source_stats(ing, 0).messages == 0);
    rp_ingest_destroy(ing);
}

/* ---- option errors, before any network ---------------------------------------------------------- */

static void test_option_errors(void)
{
    char err[256];
    rp_status st;
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.port = 1}, err, sizeof err, &st) == NULL &&
             st == RP_ERR_INVALID_ARG);
    RP_CHECK_MSG(strstr(err, "no topic") != NULL, "%s", err);
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.topics = {"a/#/b"}}, err, sizeof err, &st) == NULL &&
             st == RP_ERR_INVALID_ARG);
    RP_CHECK_MSG(strstr(err, "invalid topic filter 'a/#/b'") != NULL, "%s", err);
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.topics = {"a"}, .qos = 2}, err, sizeof err, &st) == NULL);
    RP_CHECK_MSG(strstr(err, "qos") != NULL, "%s", err);
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.topics = {"a"}, .topic_names = {"novalue"}}, err,
                         sizeof err, &st) == NULL);
    RP_CHECK_MSG(strstr(err, "TOPIC=NAME") != NULL, "%s", err);
    RP_CHECK(
        mqtt_ingest(
            &(rp_mqtt_desc){.topics = {"a"}, .username = "u", .password_file = "/nonexistent/pw"},
            err, sizeof err, &st) == NULL &&
        st == RP_ERR_IO);
    RP_CHECK_MSG(strstr(err, "cannot read password file") != NULL, "%s", err);
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.topics = {"a"}, .cafile = "/nonexistent/ca.pem"}, err,
                         sizeof err, &st) == NULL &&
             st == RP_ERR_IO);
    RP_CHECK_MSG(strstr(err, "CA file") != NULL, "%s", err);
    RP_CHECK(mqtt_ingest(&(rp_mqtt_desc){.topics = {"a"}, .password = "x"}, err, sizeof err, &st) ==
             NULL);
    RP_CHECK_MSG(strstr(err, "needs a user name") != NULL, "%s", err);
    /* a password variable that is named but not set: refused at attach (it connected without
     * a password and failed at the broker, or logged in anonymously) */
    unsetenv("RP_TEST_MQTT_UNSET");
    RP_CHECK(
        mqtt_ingest(
            &(rp_mqtt_desc){.topics = {"a"}, .username = "u", .password_env = "RP_TEST_MQTT_UNSET"},
            err, sizeof err, &st) == NULL &&
        st == RP_ERR_INVALID_ARG);
    RP_CHECK_MSG(strstr(err, "$RP_TEST_MQTT_UNSET, which is not set") != NULL, "%s", err);
}

/* ---- nobody listening: retries without blocking, stops promptly --------------------------------- */

static void test_no_broker(uint16_t dead_port)
{
    char err[256];
    rp_status st;
    rp_ingest *ing =
        mqtt_ingest(&(rp_mqtt_desc){.port = dead_port, .topics = {"x"}}, err, sizeof err, &st);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(wait_state(ing, RP_MQTT_RETRYING, 60));
    RP_CHECK_MSG(strstr(rp_ingest_source_stats(ing, 0).last_error, "cannot connect") != NULL, "%s",
                 rp_ingest_source_stats(ing, 0).last_error);
    double t0 = rp_harness_now();
    rp_ingest_destroy(ing);
    RP_CHECK(rp_harness_now() - t0 < 1.0);
}

/* A closed TCP port on 127.0.0.1: bound by the kernel's choice, then closed. */
static uint16_t closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    uint16_t port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0) close(fd);
    return port;
}

/* Errors met on the MQTT network thread reach the log callback: a connection refused by a closed
 * port on 127.0.0.1 is MQTT_CONNECT (warning: it keeps retrying), delivered on the source's
 * thread to the figure's callback when the desc names none. Needs no broker. */
static void test_refused_reaches_callback(void)
{
    uint16_t port = closed_port();
    RP_REQUIRE_VOID(port != 0);
    rp_test_log log = {0};
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){.log = rp_test_log_desc(&log)}, &fig) ==
                    RP_OK);
    rp_mqtt *m = NULL;
    RP_REQUIRE_VOID(rp_mqtt_attach(fig, &(rp_mqtt_desc){.port = port, .topics = {"x"}}, &m) ==
                    RP_OK);
    RP_CHECK(rp_test_log_wait(&log, RP_LOGITEM_MQTT_CONNECT, 10000));
    rp_mqtt_detach(m); /* joins the thread: what it reported is complete */
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_WARNING);
    RP_CHECK_MSG(strstr(log.last, "cannot connect") && strstr(log.last, "refused"), "%s", log.last);
    RP_CHECK(!rp_test_log_has(&log, RP_LOGITEM_MQTT_ATTACH));
    rp_figure_destroy(fig);
}

/* Topic filters a broker would refuse are refused when the source is made, with libmosquitto's
 * checks: an empty one was taken, then the broker dropped every connection on its SUBSCRIBE. */
static void test_filter_refusals(void)
{
    char err[256];
    rp_status st;
    const char *bad[] = {"",
                         ("a\x01"
                          "b"),
                         "a+",
                         "#a",
                         "a/#/b",
                         "\xff"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        rp_ingest *ing = mqtt_ingest(&(rp_mqtt_desc){.port = 1, .topics = {"ok/#", bad[k]}}, err,
                                     sizeof err, &st);
        RP_CHECK_MSG(ing == NULL && st == RP_ERR_INVALID_ARG, "filter %zu taken", k);
        RP_CHECK_MSG(strstr(err, "invalid topic filter") != NULL, "%s", err);
        if (ing) rp_ingest_destroy(ing);
    }
    RP_CHECK(strstr(err, "'\xff'") == NULL); /* shown escaped, never raw */
    rp_ingest *ing =
        mqtt_ingest(&(rp_mqtt_desc){.port = 1, .topics = {"a"}, .topic_names = {"a\x02=b"}}, err,
                    sizeof err, &st);
    RP_CHECK_MSG(ing == NULL && strstr(err, "'a\\x02=b'") != NULL, "%s", err);
    if (ing) rp_ingest_destroy(ing);
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){0}, &fig) == RP_OK);
    rp_mqtt *m = NULL;
    RP_CHECK(rp_mqtt_attach(fig, &(rp_mqtt_desc){.port = 1, .topics = {""}}, &m) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK_MSG(strstr(rp_figure_last_error(fig), "invalid topic filter ''") != NULL, "%s",
                 rp_figure_last_error(fig));
    if (m) rp_mqtt_detach(m);
    rp_figure_destroy(fig);
}

/* One MQTT packet from fd (10 s at most); its type byte, or -1. */
static int read_packet(int fd)
{
    unsigned char h, b, body[256];
    if (recv(fd, &h, 1, MSG_WAITALL) != 1) return -1;
    size_t remaining = 0;
    int shift = 0;
    do {
        if (recv(fd, &b, 1, MSG_WAITALL) != 1) return -1;
        remaining |= (size_t)(b & 127) << shift;
        shift += 7;
    } while ((b & 128) && shift < 28);
    while (remaining > 0) {
        ssize_t r = recv(fd, body, remaining < sizeof body ? remaining : sizeof body, MSG_WAITALL);
        if (r <= 0) return -1;
        remaining -= (size_t)r;
    }
    return h;
}

/* A broker that accepts each CONNECT and closes on the SUBSCRIBE, as mosquitto does with a
 * "malformed packet": the retries back off (0.1, 0.2, 0.4, 0.8 s) instead of restarting at 0.1 s
 * with every CONNACK (10 connections a second, forever). Only a lower bound on time is checked:
 * a slow machine makes the gaps longer, never shorter. Needs no broker. */
static void test_backoff_after_drop(void)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    RP_REQUIRE_VOID(lfd >= 0 && bind(lfd, (struct sockaddr *)&a, sizeof a) == 0 &&
                    listen(lfd, 4) == 0 && getsockname(lfd, (struct sockaddr *)&a, &len) == 0);
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(&(rp_figure_desc){0}, &fig) == RP_OK);
    rp_mqtt *m = NULL;
    RP_REQUIRE_VOID(rp_mqtt_attach(fig, &(rp_mqtt_desc){.port = ntohs(a.sin_port), .topics = {"x"}},
                                   &m) == RP_OK);
    double at[5];
    int got = 0;
    for (; got < 5; got++) {
        struct pollfd p = {.fd = lfd, .events = POLLIN};
        int c = poll(&p, 1, 20000) == 1 ? accept(lfd, NULL, NULL) : -1;
        if (c < 0) break;
        at[got] = rp_harness_now();
        struct timeval tv = {.tv_sec = 10};
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        /* CONNECT in, CONNACK out (accepted), SUBSCRIBE in, then the connection closed */
        bool ok = read_packet(c) == 0x10 && write(c, "\x20\x02\x00\x00", 4) == 4 &&
                  read_packet(c) == 0x82;
        close(c);
        if (!ok) break;
    }
    rp_mqtt_detach(m);
    rp_figure_destroy(fig);
    close(lfd);
    RP_REQUIRE_VOID(got == 5);
    RP_CHECK_MSG(at[4] - at[0] >= 1.4, "4 retries in %.3f s (backoff 0.1+0.2+0.4+0.8 s)",
                 at[4] - at[0]);
}

/* ---- embedding API ----------------------------------------------------------------------------- */

static void test_embedding(rp_broker *b)
{
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    rp_mqtt *m = NULL;
    rp_test_log log = {0};
    RP_CHECK(rp_mqtt_attach(fig, &(rp_mqtt_desc){.port = b->port, .log = rp_test_log_desc(&log)},
                            &m) == RP_ERR_INVALID_ARG &&
             m == NULL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_MQTT_ATTACH);
    RP_CHECK_MSG(strstr(log.last, "no topic") != NULL, "%s", log.last);
    RP_CHECK(strstr(rp_figure_last_error(fig), "no topic") != NULL); /* kept on the figure too */
    RP_CHECK(strstr(rp_mqtt_last_error(NULL), "not a live") != NULL);
    RP_CHECK(rp_mqtt_poll(NULL) == 0);
    RP_REQUIRE_VOID(
        rp_mqtt_attach(fig, &(rp_mqtt_desc){.port = b->port, .topics = {"lab/#"}, .capacity = 4096},
                       &m) == RP_OK);
    for (double end = rp_harness_now() + 5;
         rp_mqtt_stats_get(m).state != RP_MQTT_CONNECTED && rp_harness_now() < end;)
        rp_harness_sleep(0.01);
    RP_CHECK(rp_mqtt_stats_get(m).state == RP_MQTT_CONNECTED);
    rp_harness_sleep(0.2);
    RP_CHECK(pub(b->port, "lab/temp", "21.5") == 0);
    RP_CHECK(pub(b->port, "lab/env", "{\"rh\": 40, \"p\": 1013}") == 0);
    RP_CHECK(pub(b->port, "power/in", "230") == 0); /* not subscribed */
    int added = 0;
    for (double end = rp_harness_now() + 5; added < 3 && rp_harness_now() < end;
         rp_harness_sleep(0.01))
        added += rp_mqtt_poll(m); /* what the render loop does once per frame */
    RP_CHECK_EQ_INT(added, 3);
    RP_CHECK_EQ_INT(rp_figure_panel_count(fig), 1); /* one panel: group "lab" */
    rp_mqtt_stats s = rp_mqtt_stats_get(m);
    RP_CHECK(s.messages == 2 && s.samples == 3 && s.series == 3 && s.topics == 2);
    rp_mqtt_topic_stats ts[4];
    RP_CHECK_EQ_INT(rp_mqtt_topic_stats_get(m, ts, 4), 2);
    rp_mqtt_detach(m);
    rp_figure_destroy(fig);
}

int main(void)
{
    test_refused_reaches_callback();
    test_filter_refusals();
    test_backoff_after_drop();
    if (!rp_broker_binary()) {
        fprintf(
            stderr,
            "test_mqtt: no mosquitto binary (apt-get install mosquitto mosquitto-clients): skipped\n");
        return rp_test_failed_count ? rp_test_finish() : RP_HARNESS_SKIP;
    }
    if (!rp_have_program("mosquitto_pub") || !rp_have_program("mosquitto_passwd")) {
        fprintf(stderr, "test_mqtt: no mosquitto_pub (package mosquitto-clients): skipped\n");
        return RP_HARNESS_SKIP;
    }
    test_option_errors();
    /* an unbounded per-client queue: mosquitto's default (1000) drops QoS 0 for a lagging subscriber */
    rp_broker b = {0};
    RP_REQUIRE(rp_broker_start(&b, 0, "allow_anonymous true\nmax_queued_messages 0") == 0);
    test_formats(&b);
    test_states_beside_stale_dates(&b);
    test_embedding(&b);
    test_rate(&b, 0, 200000, 1);
    test_rate(&b, 1, 20000, 1);
    test_rate(&b, 0, 20000, 50);
    test_reconnect(&b);
    uint16_t port = b.port;
    rp_broker_cleanup(&b);
    test_no_broker(port);
    /* brokers owned here, so an early return inside a test still stops them */
    rp_broker auth_broker = {0}, tls_broker = {0};
    test_auth(&auth_broker);
    rp_broker_cleanup(&auth_broker);
    test_tls(&tls_broker);
    rp_broker_cleanup(&tls_broker);
    return rp_test_finish();
}
