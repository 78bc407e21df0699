/* signals.c — the demo signal generators. Everything is a function of the sample index and a
 * seeded xorshift, so runs are reproducible. */
#include "ingest/signals.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[RP_SIGNAL_COUNT] = {
    "sine", "chirp", "square", "noise", "ecg", "imu", "sensor", "temperature",
};

int rp_signal_kind_from_name(const char *name)
{
    for (int k = 0; k < RP_SIGNAL_COUNT; k++)
        if (name && strcmp(name, kind_names[k]) == 0) return k;
    return -1;
}

const char *rp_signal_kind_name(rp_signal_kind kind)
{
    return kind >= 0 && kind < RP_SIGNAL_COUNT ? kind_names[kind] : "unknown";
}

void rp_signal_init(rp_signal *sig, rp_signal_kind kind, double rate, int channel, uint64_t seed)
{
    memset(sig, 0, sizeof *sig);
    sig->kind = kind;
    sig->rate = rate > 0 ? rate : 1000;
    sig->freq = 1.0;
    sig->channel = channel;
    sig->rng =
        (seed ? seed : 0x9E3779B97F4A7C15ull) ^ ((uint64_t)(channel + 1) * 0xD1B54A32D192ED03ull);
}

static double uniform(rp_signal *sig) /* [-1, 1) */
{
    sig->rng ^= sig->rng << 13;
    sig->rng ^= sig->rng >> 7;
    sig->rng ^= sig->rng << 17;
    return (double)(sig->rng >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

static double gauss(double t, double centre, double width, double height)
{
    double d = (t - centre) / width;
    return height * exp(-0.5 * d * d);
}

/* One heartbeat of a lead-II-like trace; phase in [0, 1). */
static double ecg_beat(double phase)
{
    return gauss(phase, 0.18, 0.025, 0.15)    /* P */
           - gauss(phase, 0.285, 0.008, 0.12) /* Q */
           + gauss(phase, 0.30, 0.010, 1.20)  /* R */
           - gauss(phase, 0.318, 0.010, 0.25) /* S */
           + gauss(phase, 0.55, 0.045, 0.30); /* T */
}

static float next_sample(rp_signal *sig)
{
    const double two_pi = 6.283185307179586;
    double t = (double)sig->index / sig->rate;
    double ch = sig->channel;
    switch (sig->kind) {
    case RP_SIGNAL_SINE: return (float)sin(two_pi * sig->freq * (1.0 + 0.5 * ch) * t + ch * 0.7);
    case RP_SIGNAL_CHIRP: {
        double period = 10.0, f0 = sig->freq, f1 = sig->rate / 20.0, tc = fmod(t, period);
        double k = (f1 - f0) / period; /* linear sweep from f0 to f1 */
        return (float)sin(two_pi * (f0 * tc + 0.5 * k * tc * tc));
    }
    case RP_SIGNAL_SQUARE: return fmod(t * sig->freq * (1.0 + ch), 1.0) < 0.5 ? 1.0f : -1.0f;
    case RP_SIGNAL_NOISE: return (float)uniform(sig);
    case RP_SIGNAL_ECG: {
        /* a gentle heart rate, 72 ± 4 bpm over 23 s: the beats so far are its integral (the
         * phase as fmod(t, beat) / beat with a beat that varies jumped at every sample, and the
         * rate it drew grew with t: 198 bpm after 5 min, garbled beats) */
        double beats = 1.2 * t + 4.0 * 23.0 / (60.0 * two_pi) * (1.0 - cos(two_pi * t / 23.0));
        double phase = beats - floor(beats);
        return (float)(ecg_beat(phase) + 0.05 * sin(two_pi * 0.25 * t) + 0.01 * uniform(sig));
    }
    case RP_SIGNAL_IMU: {
        int axis = sig->channel % 3;
        double motion =
            1.5 * sin(two_pi * 0.3 * t + axis * 2.1) + 0.6 * sin(two_pi * 1.7 * t + axis);
        double bump =
            fmod(t, 7.0) < 0.15 ? 4.0 * sin(two_pi * 20.0 * t) : 0.0; /* a knock every 7 s */
        return (float)(motion + bump + 0.15 * uniform(sig) + (axis == 2 ? 9.81 : 0.0));
    }
    case RP_SIGNAL_SENSOR: {
        double spike = (sig->rng & 0xFFFF) == 7 ? 3.0 : 0.0;
        return (float)(0.8 * sin(two_pi * 50.0 * t) + 0.35 * uniform(sig) + spike);
    }
    case RP_SIGNAL_TEMPERATURE: {
        if (sig->dropout_left > 0) {
            sig->dropout_left--;
            return NAN;
        }
        if (uniform(sig) > 0.996) sig->dropout_left = (int)(sig->rate * 1.5); /* sensor drops out */
        return (float)(21.0 + 1.5 * sin(two_pi * t / 60.0) + 0.4 * sin(two_pi * t / 9.0) +
                       0.03 * uniform(sig));
    }
    case RP_SIGNAL_COUNT: break;
    }
    return 0.0f;
}

/* A sine by rotating a phasor: one multiply-add per sample instead of sin(), anchored exactly at
 * the first sample of each call so that rounding never accumulates. */
static void sine_run(rp_signal *sig, float *out, int64_t n)
{
    const double two_pi = 6.283185307179586;
    double f = sig->freq * (1.0 + 0.5 * sig->channel);
    double cycles = fmod(f * (double)sig->index / sig->rate, 1.0);
    double ph = two_pi * cycles + 0.7 * sig->channel, w = two_pi * f / sig->rate;
    double c = cos(ph), s = sin(ph), cw = cos(w), sw = sin(w);
    for (int64_t i = 0; i < n; i++) {
        out[i] = (float)s;
        double c2 = c * cw - s * sw;
        s = s * cw + c * sw;
        c = c2;
    }
    sig->index += n;
}

void rp_signal_generate(rp_signal *sig, float *out, int64_t n)
{
    for (int64_t at = 0; sig->kind == RP_SIGNAL_SINE && at < n; at += 65536) /* re-anchor often */
        sine_run(sig, out + at, n - at < 65536 ? n - at : 65536);
    if (sig->kind == RP_SIGNAL_SINE) return;
    for (int64_t i = 0; i < n; i++) {
        out[i] = next_sample(sig);
        sig->index++;
    }
}
