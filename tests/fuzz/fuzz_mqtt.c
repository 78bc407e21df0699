/* fuzz_mqtt.c — MQTT payload parsing (a plain number, a JSON object, text lines) through the
 * MQTT source, without a broker (rp_ingest_mqtt_deliver). Input: byte 0 = topic length (mod 64),
 * then the topic (cut at a NUL), then the payload. Checks: every series made has a valid UTF-8
 * name without control bytes; accepted samples never exceed what the store holds; no crash,
 * leak or sanitizer report. */
#include <mosquitto.h>

#include "fuzz_util.h"
#include "ingest/ingest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mosquitto_lib_init(); /* held for the whole run: each source's init / cleanup is then cheap */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t topic_len = data[0] % 64;
    if (topic_len > size - 1) topic_len = size - 1;
    char topic[64];
    memcpy(topic, data + 1, topic_len);
    topic[topic_len] = 0;
    if (!topic[0]) snprintf(topic, sizeof topic, "t");
    const uint8_t *payload = data + 1 + topic_len;
    size_t len = size - 1 - topic_len;

    rp_ingest *ing = NULL;
    FUZZ_CHECK(rp_ingest_create(&(rp_ingest_desc){.capacity = 1024, .max_series = 16}, &ing) ==
               RP_OK);
    rp_source_desc d = {.kind = RP_SOURCE_MQTT,
                        .mqtt = {.topics = {"#"}, .topic_names = {"map/me=mapped"}}};
    char err[256];
    FUZZ_CHECK(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    FUZZ_CHECK(rp_ingest_mqtt_deliver(ing, 0, topic, payload, len) == RP_OK);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    FUZZ_CHECK(st.messages == 1 && st.messages_rejected <= 1);
    int64_t stored = 0;
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (!s) continue;
        FUZZ_CHECK(fuzz_name_ok(rp_series_name(s), RP_NAME_MAX));
        stored += rp_series_stats_get(s).accepted;
    }
    FUZZ_CHECK(st.samples <= stored); /* gap markers may add to stored, never the reverse */
    rp_ingest_destroy(ing);
    return 0;
}
