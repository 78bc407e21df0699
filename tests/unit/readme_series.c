/* Series kinds in one program: piecewise uniform with a gap, timestamped, borrowed; exact
 * statistics; units. */
#include <math.h>
#include <stdio.h>
#include <ringplot.h>

int main(void)
{
    /* A text stream estimated at 50 Hz, silent for 3 s, then at 48 Hz: one series, one gap. */
    rp_series *uart;
    if (rp_series_create(&(rp_series_desc){.name = "temp", .unit = "degC", .rate = 50}, &uart))
        return 1;
    float burst[100];
    for (int i = 0; i < 100; i++) burst[i] = 21.0f + 0.01f * (float)i;
    rp_push(uart, burst, 100);               /* x = 0, 0.02, ..., 1.98 */
    rp_push_segment(uart, 1.98 + 3.0, 48.0); /* the next sample is at x = 4.98: a gap */
    rp_push(uart, burst, 100);

    /* Exact statistics of any x range in O(log N). */
    rp_range_stats st;
    rp_series_range_stats(uart, 0.0, 10.0, &st);
    printf("%s [%s]: %lld samples, mean %.3f, sd %.3f, p-p %.2f\n", rp_series_name(uart),
           rp_series_unit(uart), (long long)st.count, st.mean, st.stddev, st.peak_to_peak);

    /* Timestamped: Unix seconds kept to the microsecond, 8.4 bytes a sample. */
    rp_series *events;
    rp_series_create(&(rp_series_desc){.name = "events", .timestamps = true}, &events);
    double when[3] = {1764000000.000001, 1764000000.5, 1764003600.25};
    rp_push_timed(events, when, (float[3]){1, 2, 3}, 3);

    /* Borrowed: the program's own ring of structs, read in place (0.34 bytes a sample). */
    static struct {
        double t;
        float volts;
    } ring[4096];
    rp_series *adc;
    rp_series_create(
        &(rp_series_desc){.name = "adc",
                          .capacity = 4096,
                          .rate = 1000,
                          .borrow = {.data = &ring[0].volts, .stride = sizeof ring[0]}},
        &adc);
    for (int i = 0; i < 10; i++) ring[i].volts = sinf(0.1f * (float)i); /* write, then commit */
    rp_series_commit(adc, 10);

    printf("segments %lld; bytes %lld, %lld, %lld\n", (long long)rp_series_stats_get(uart).segments,
           (long long)rp_series_stats_get(uart).bytes, (long long)rp_series_stats_get(events).bytes,
           (long long)rp_series_stats_get(adc).bytes);
    rp_series_destroy(adc);
    rp_series_destroy(events);
    rp_series_destroy(uart);
    return 0;
}
