/* rp-bench mqtt — samples per second through a loopback mosquitto broker into an MQTT source,
 * sustained and with zero loss: a C publisher sends as fast as it can (QoS 0), the rate is the
 * total over the time from the first publish to the last sample in its series, and every value
 * is checked in order. The broker runs with an unbounded per-client queue (max_queued_messages 0):
 * its default of 1000 would drop QoS 0 messages whenever the subscriber lags. All three processes
 * (publisher, broker, ringplot) share this machine's cores. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "core/series_internal.h"
#include "ingest/ingest.h"
#include "mqtt/mqtt_harness.h"

typedef enum payload_kind { PAYLOAD_NUMBER, PAYLOAD_LINES, PAYLOAD_JSON } payload_kind;

typedef struct bench_case {
    const char *metric;
    const char *what;
    payload_kind kind;
    int messages;
    int per_message; /* samples a message */
} bench_case;

static rp_series *find(rp_ingest *ing, const char *name)
{
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && !strcmp(rp_series_name(s), name)) return s;
    }
    return NULL;
}

static int64_t total_accepted(rp_ingest *ing)
{
    int64_t n = 0;
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s) n += rp_series_stats_get(s).accepted;
    }
    return n;
}

static int format_payload(const bench_case *c, int64_t *next, char *buf, size_t size)
{
    int len = 0;
    if (c->kind == PAYLOAD_NUMBER) return snprintf(buf, size, "%lld", (long long)(*next)++);
    if (c->kind == PAYLOAD_JSON) {
        long long v = (long long)(*next)++;
        len = snprintf(buf, size, "{");
        for (int k = 0; k < c->per_message; k++)
            len += snprintf(buf + len, size - (size_t)len, "%s\"f%d\":%lld", k ? "," : "", k, v);
        return len + snprintf(buf + len, size - (size_t)len, "}");
    }
    for (int k = 0; k < c->per_message; k++)
        len += snprintf(buf + len, size - (size_t)len, "v:%lld\n", (long long)(*next)++);
    return len;
}

/* Samples per second, or -1 on a failure (message printed). */
static double run_case(const bench_case *c, uint16_t port, int64_t *lost)
{
    int64_t total = (int64_t)c->messages * c->per_message;
    int64_t per_series = c->kind == PAYLOAD_JSON ? c->messages : total;
    rp_ingest *ing = NULL;
    if (rp_ingest_create(&(rp_ingest_desc){.capacity = per_series, .max_series = 16}, &ing) !=
        RP_OK)
        return -1;
    char err[256] = "";
    rp_source_desc sd = {.kind = RP_SOURCE_MQTT, .mqtt = {.port = port, .topics = {"bench"}}};
    if (rp_ingest_add_source(ing, &sd, err, sizeof err) != RP_OK || rp_ingest_start(ing) != RP_OK) {
        fprintf(stderr, "rp-bench mqtt: %s\n", err);
        rp_ingest_destroy(ing);
        return -1;
    }
    for (double end = rp_harness_now() + 5; rp_harness_now() < end; rp_harness_sleep(0.01))
        if (rp_ingest_source_stats(ing, 0).mqtt_state == RP_MQTT_CONNECTED) break;
    rp_harness_sleep(0.2); /* SUBACK */
    rp_publisher *p = rp_publisher_connect(port, NULL, NULL);
    if (!p) {
        fprintf(stderr, "rp-bench mqtt: publisher cannot connect\n");
        rp_ingest_destroy(ing);
        return -1;
    }
    char payload[8192];
    int64_t next = 0;
    double t0 = rp_harness_now();
    for (int i = 0; i < c->messages; i++) {
        int len = format_payload(c, &next, payload, sizeof payload);
        if (rp_publisher_send(p, "bench", payload, len, 0) != 0) break;
    }
    rp_publisher_drain(p, 30);
    /* wait for the last sample; give up after 2 s without progress */
    double t1 = rp_harness_now(), last_progress = t1;
    int64_t got = 0;
    while (got < total && rp_harness_now() - last_progress < 2.0) {
        int64_t now_got = total_accepted(ing);
        if (now_got != got) {
            got = now_got;
            t1 = last_progress = rp_harness_now();
        }
        rp_harness_sleep(0.0005);
    }
    rp_publisher_close(p);
    rp_ingest_stop(ing);
    *lost = total - got;
    /* values in order: sample i of each series is i (exact below 2^24) */
    rp_series *s = find(ing, c->kind == PAYLOAD_NUMBER  ? "bench"
                             : c->kind == PAYLOAD_LINES ? "bench/v"
                                                        : "bench/f0");
    int64_t wrong = s ? 0 : per_series;
    for (int64_t i = 0; s && i < per_series && i < rp_series_stats_get(s).accepted; i++)
        if (rp_sample_at(s, i) != (float)i) wrong++;
    if (wrong)
        fprintf(stderr, "rp-bench mqtt: %s: %lld samples out of order or wrong\n", c->metric,
                (long long)wrong);
    rp_ingest_destroy(ing);
    return wrong ? -1 : (double)got / (t1 - t0);
}

int rp_bench_mqtt(int argc, char **argv, bool tsv)
{
    (void)argc;
    (void)argv;
    if (!rp_broker_binary()) {
        fprintf(stderr,
                "rp-bench mqtt: no mosquitto binary (apt-get install mosquitto): skipped\n");
        return 0;
    }
    rp_broker b = {0};
    if (rp_broker_start(&b, 0, "allow_anonymous true\nmax_queued_messages 0") != 0) {
        fprintf(stderr, "rp-bench mqtt: cannot start mosquitto on 127.0.0.1\n");
        rp_broker_cleanup(&b);
        return 1;
    }
    static const bench_case cases[] = {
        {"mqtt_msamples_per_s", "text lines, 100 samples a message, QoS 0, zero loss",
         PAYLOAD_LINES, 40000, 100},
        {"mqtt_json_msamples_per_s", "JSON objects of 8 number fields, QoS 0, zero loss",
         PAYLOAD_JSON, 100000, 8},
        {"mqtt_number_msamples_per_s", "one plain number a message (= M messages/s), QoS 0",
         PAYLOAD_NUMBER, 400000, 1},
    };
    if (!tsv) printf("mqtt (loopback mosquitto, C publisher, all on this machine)\n");
    int status = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t lost = 0;
        double rate = run_case(&cases[i], b.port, &lost);
        if (rate < 0 || lost != 0) {
            fprintf(stderr, "rp-bench mqtt: %s: %lld samples lost\n", cases[i].metric,
                    (long long)lost);
            status = 1;
            continue;
        }
        rp_bench_report(tsv, cases[i].metric, rate / 1e6, "M/s", cases[i].what);
    }
    rp_broker_cleanup(&b);
    return status;
}
