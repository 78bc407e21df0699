/* source_demo.c — the built-in demo: uniform series generated at their own rates (signals.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/signals.h"
#include "ingest/source.h"

typedef struct demo_channel {
    const char *name;
    rp_signal_kind kind;
    double rate;
    int axis;
} demo_channel;

static const demo_channel demo_channels[] = {
    {"imu/accel x", RP_SIGNAL_IMU, 1000, 0},
    {"imu/accel y", RP_SIGNAL_IMU, 1000, 1},
    {"imu/accel z", RP_SIGNAL_IMU, 1000, 2},
    {"ecg/lead II", RP_SIGNAL_ECG, 500, 0},
    {"sensor/pressure", RP_SIGNAL_SENSOR, 100000, 0},
    {"env/temperature", RP_SIGNAL_TEMPERATURE, 10, 0},
};
enum { DEMO_CHANNELS = sizeof demo_channels / sizeof demo_channels[0] };

static rp_status demo_open(source *src, char *err, int err_size)
{
    (void)err;
    (void)err_size;
    (void)src;
    return RP_OK;
}

/* The demo's series are uniform at each channel's own rate: made here, not through the sink's
 * name lookup (which knows one rate per source). */
static void demo_run(source *src)
{
    rp_signal sig[DEMO_CHANNELS];
    rp_series *series[DEMO_CHANNELS];
    float buf[4096];
    double speed = src->desc.demo.speed > 0 ? src->desc.demo.speed : 1.0;
    int64_t capacity;
    double span;
    rp_ingest__memory(src->owner, &capacity, &span);
    for (int c = 0; c < DEMO_CHANNELS; c++) {
        rp_signal_init(&sig[c], demo_channels[c].kind, demo_channels[c].rate, demo_channels[c].axis,
                       42);
        series[c] = NULL;
        double rate = demo_channels[c].rate * speed;
        int slot = rp_ingest__reserve_slot(src->owner);
        if (slot < 0) {
            rp_sink_refuse(src, RP_REFUSED_SERIES_LIMIT, 0,
                           "series limit reached: demo channels left out");
            continue;
        }
        int64_t cap = capacity > 0 ? capacity : (int64_t)(3.0 * (span > 0 ? span : 10) * rate);
        if (cap < 4096) cap = 4096;
        rp_series_desc d = {
            .name = demo_channels[c].name, .capacity = cap, .rate = rate, .t0 = src->start};
        if (rp_series_create(&d, &series[c]) != RP_OK) {
            series[c] = NULL;
            rp_ingest__fail_slot(src->owner, slot);
            rp_sink_log(src, RP_LOG_ERROR, RP_LOGITEM_SERIES_REFUSED,
                        "cannot create demo series '%s'", demo_channels[c].name);
            continue;
        }
        rp_ingest__slot_rate(src->owner, slot, rate);
        rp_ingest__publish_slot(src->owner, slot, series[c], src->index);
        atomic_fetch_add_explicit(&src->series_made, 1, memory_order_relaxed);
    }
    while (!rp_sink_stopping(src)) {
        double elapsed = rp_wall_seconds() - src->start;
        for (int c = 0; c < DEMO_CHANNELS; c++) {
            if (!series[c]) continue;
            int64_t due = (int64_t)(elapsed * demo_channels[c].rate * speed) - sig[c].index;
            while (due > 0) {
                int64_t n = due < 4096 ? due : 4096;
                rp_signal_generate(&sig[c], buf, n);
                if (rp_push(series[c], buf, n) == RP_OK)
                    atomic_fetch_add_explicit(&src->samples, n, memory_order_relaxed);
                else
                    rp_sink_refuse(src, RP_REFUSED_STORE, n, "demo: push refused");
                due -= n;
            }
        }
        struct timespec ts = {0, 2000000}; /* 2 ms: data arrives smoothly at any frame rate */
        nanosleep(&ts, NULL);
    }
}

const rp_source_ops rp_source_demo_ops = {
    .label = "demo", .endless = true, .open = demo_open, .run = demo_run};
