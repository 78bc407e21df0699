/* signals.h — deterministic test and demo signals (sine, chirp, square, noise, ECG-like, IMU
 * axes, a noisy 100 kHz sensor, a slow temperature with dropouts). Used by the built-in demo
 * source and by rp-stream. No allocation; one generator per channel; thread: its owner. */
#ifndef RP_INGEST_SIGNALS_H
#define RP_INGEST_SIGNALS_H

#include <stdint.h>

typedef enum rp_signal_kind {
    RP_SIGNAL_SINE = 0, /* freq × (1 + channel / 2) Hz, phase 0.7 × channel */
    RP_SIGNAL_CHIRP,    /* freq → rate/20 Hz over 10 s, repeating */
    RP_SIGNAL_SQUARE,   /* freq × (1 + channel) Hz */
    RP_SIGNAL_NOISE,    /* uniform in [-1, 1] */
    RP_SIGNAL_ECG,      /* PQRST complexes at ~72 bpm, mV */
    RP_SIGNAL_IMU,      /* one accelerometer axis (channel 0..2 = x, y, z), m/s², gravity on z */
    RP_SIGNAL_SENSOR,   /* 50 Hz hum + noise + rare spikes */
    RP_SIGNAL_TEMPERATURE, /* slow drift around 21 °C with occasional NaN dropouts */
    RP_SIGNAL_COUNT
} rp_signal_kind;

typedef struct rp_signal {
    rp_signal_kind kind;
    double rate;      /* samples per second */
    double freq;      /* base frequency of sine, chirp and square in Hz: 1 after init, may be set */
    int channel;      /* varies phase / axis between channels */
    uint64_t rng;     /* xorshift state */
    int64_t index;    /* next sample number */
    int dropout_left; /* temperature: samples of NaN still to emit */
} rp_signal;

/* Looks a kind up by name ("sine", "chirp", "square", "noise", "ecg", "imu", "sensor",
 * "temperature"); returns -1 when unknown. */
int rp_signal_kind_from_name(const char *name);
const char *rp_signal_kind_name(rp_signal_kind kind);
void rp_signal_init(rp_signal *sig, rp_signal_kind kind, double rate, int channel, uint64_t seed);
/* Writes the next n samples. */
void rp_signal_generate(rp_signal *sig, float *out, int64_t n);

#endif
