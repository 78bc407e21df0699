/* fuzz_record.c — the recording reader on any bytes.
 * Input: byte 0 = options (bit 0: recompute every checksum first, so mutations reach the
 * structure behind them: lengths, counts, offsets, the index), then the file.
 * Checks: open never crashes and either refuses or gives series whose queries all succeed:
 * decimation of the whole recording and of a narrow view (columns in order, inside the series),
 * y range, nearest sample, reads of its first and last samples, and the stats agree. */
#include <unistd.h>

#include "fuzz_util.h"
#include "record/record_format.h"
#include "ringplot.h"

static void fix_checksums(uint8_t *p, size_t size)
{
    if (size >= RPR_HEADER_BYTES) rpr_put32(p + 60, rpr_crc32(p, 60));
    size_t pos = RPR_HEADER_BYTES;
    while (pos + RPR_BLOCK_HEADER_BYTES <= size) {
        uint32_t len = rpr_get32(p + pos + 8) & ~7u;
        if (len > size - pos - RPR_BLOCK_HEADER_BYTES) break;
        rpr_put32(p + pos, RPR_BLOCK_MAGIC);
        rpr_put32(p + pos + 8, len);
        rpr_put32(p + pos + 12, rpr_crc32(p + pos + RPR_BLOCK_HEADER_BYTES, len));
        rpr_put32(p + pos + 28, rpr_crc32(p + pos, 28));
        pos += RPR_BLOCK_HEADER_BYTES + len;
    }
    if (pos + RPR_TRAILER_BYTES == size) rpr_put32(p + pos + 20, rpr_crc32(p + pos, 20));
}

static void quiet(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)user, (void)level, (void)item, (void)message;
}

static rp_m4 columns[1002];

static void check_series(rp_recording *rec, int i)
{
    rp_recording_series_info info;
    FUZZ_CHECK(rp_recording_series_info_get(rec, i, &info) == RP_OK);
    FUZZ_CHECK(info.samples >= 0 && info.name && info.unit);
    rp_series *s = rp_recording_series(rec, i);
    FUZZ_CHECK(s != NULL);
    FUZZ_CHECK(rp_push(s, (float[1]){0}, 1) == RP_ERR_UNSUPPORTED);
    if (info.samples == 0) return;
    double x0, x1;
    FUZZ_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK);
    float v[64];
    double x[64];
    int64_t n = info.samples < 64 ? info.samples : 64;
    FUZZ_CHECK(rp_recording_read(rec, i, 0, n, v, x) == RP_OK);
    FUZZ_CHECK(rp_recording_read(rec, i, info.samples - n, n, v, x) == RP_OK);
    if (!(x1 > x0) || !isfinite(x0) || !isfinite(x1))
        return; /* garbage timestamps: nothing to view */
    for (int view = 0; view < 2; view++) {
        double a = view ? x0 + (x1 - x0) * 0.37 : x0, b = view ? a + (x1 - x0) * 0.001 : x1;
        if (!(b > a)) continue;
        rp_decimation d = {.out = columns, .out_capacity = 1002};
        FUZZ_CHECK(rp_decimate(s, a, b, 1000, &d) == RP_OK);
        for (int c = 0; c < d.count; c++) {
            FUZZ_CHECK(columns[c].start <= columns[c].end);
            FUZZ_CHECK(columns[c].start >= 0 && columns[c].end <= info.samples);
            if (c) FUZZ_CHECK(columns[c].start >= columns[c - 1].end);
            if (columns[c].flags & RP_M4_FINITE) FUZZ_CHECK(columns[c].min <= columns[c].max);
        }
        float lo, hi;
        bool found;
        FUZZ_CHECK(rp_series_y_range(s, a, b, &lo, &hi, &found) == RP_OK);
        if (found) FUZZ_CHECK(lo <= hi);
        int64_t index;
        double sx;
        float sv;
        FUZZ_CHECK(rp_series_sample_near(s, a, &index, &sx, &sv) == RP_OK);
        FUZZ_CHECK(index >= 0 && index < info.samples);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t options = data[0];
    size--;
    uint8_t *copy = malloc(size ? size : 1);
    memcpy(copy, data + 1, size);
    if (options & 1) fix_checksums(copy, size);
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_record_%d.rpr", (int)getpid());
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(copy, 1, size, f) == size);
    fclose(f);
    free(copy);
    rp_recording *rec = NULL;
    rp_status st = rp_recording_open(path, &(rp_recording_desc){.log = {.func = quiet}}, &rec);
    if (st == RP_OK) {
        int n = rp_recording_series_count(rec);
        FUZZ_CHECK(n >= 0 && n <= RP_RECORD_MAX_SERIES);
        for (int i = 0; i < n; i++) check_series(rec, i);
        rp_recording_stats rs = rp_recording_stats_get(rec);
        FUZZ_CHECK(rs.file_bytes == (int64_t)size && rs.samples >= 0);
        rp_recording_close(rec);
    } else {
        FUZZ_CHECK(rec == NULL);
    }
    unlink(path);
    return 0;
}
