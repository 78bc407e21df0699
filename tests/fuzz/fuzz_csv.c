/* fuzz_csv.c — the CSV parser, streamed in random chunks.
 * Input: byte 0 = delimiter choice, byte 1 = time column / unit choice, then the stream.
 * Checks: counters add up; every row has the header's column count and a finite time when it
 * has one; column names fit their limits; any chunking gives the same rows as one feed call. */
#include <math.h>

#include "fuzz_util.h"
#include "io/parse.h"

typedef struct acc {
    uint64_t hash;
    int64_t rows;
    const rp_csv_parser *parser;
    int headers;
} acc;

static void on_header(void *user, const rp_csv_parser *p)
{
    acc *a = user;
    a->headers++;
    int n = rp_csv_parser_columns(p);
    FUZZ_CHECK(n >= 0 && n <= RP_CSV_COLUMNS_MAX);
    for (int c = 0; c < n; c++) {
        const char *name = rp_csv_parser_column_name(p, c);
        FUZZ_CHECK(name && strlen(name) <= RP_LINE_NAME_MAX);
        a->hash = fuzz_hash(a->hash, name, strlen(name) + 1);
    }
    FUZZ_CHECK(rp_csv_parser_column_name(p, n) == NULL && rp_csv_parser_column_name(p, -1) == NULL);
    char d = rp_csv_parser_delimiter(p);
    FUZZ_CHECK(d == ',' || d == ';' || d == '\t' || d == ' ' || d == 0);
}

static void on_row(void *user, const rp_csv_row *row)
{
    acc *a = user;
    FUZZ_CHECK(a->headers == 1);
    FUZZ_CHECK(row->row == a->rows);
    FUZZ_CHECK(row->count == rp_csv_parser_columns(a->parser));
    FUZZ_CHECK(!row->has_time || isfinite(row->time));
    FUZZ_CHECK(row->has_time == (rp_csv_parser_time_unit(a->parser) != RP_TIME_UNIT_NONE));
    a->hash = fuzz_hash(a->hash, row->values, sizeof(float) * (size_t)row->count);
    if (row->has_time) a->hash = fuzz_hash(a->hash, &row->time, sizeof row->time);
    a->rows++;
}

static void check_stats(const rp_csv_parser *p, const acc *a, size_t size)
{
    rp_csv_stats s = rp_csv_parser_stats(p);
    int64_t sum = 0;
    for (int r = 0; r < RP_CSV_REJECT_COUNT; r++) sum += s.rejected[r];
    FUZZ_CHECK(sum == s.rows_rejected);
    FUZZ_CHECK(s.rows_ok == a->rows);
    int64_t header_lines = s.lines - s.lines_skipped - s.lines_joined - s.rows_ok - s.rows_rejected;
    FUZZ_CHECK(header_lines == 0 || header_lines == 1);
    FUZZ_CHECK(!rp_csv_parser_has_header(p) || header_lines == 1);
    FUZZ_CHECK(s.bytes == (int64_t)size);
    FUZZ_CHECK(s.fields_empty >= 0 && s.fields_bad >= 0);
    FUZZ_CHECK(s.fields_empty + s.fields_bad <= s.rows_ok * RP_CSV_COLUMNS_MAX);
}

static rp_csv_parser *make(acc *a, uint8_t o0, uint8_t o1)
{
    /* o0 & 7: as o0 & 3 was (the seeds keep their meaning), but 7 is ' ' (blanks) */
    static const char delims[8] = {0, ',', ';', '\t', 0, ',', ';', ' '};
    static const char *const times[5] = {NULL, "", "t", "time_ms", "value"};
    rp_csv_parser_desc d = {.on_row = on_row,
                            .on_header = on_header,
                            .user = a,
                            .delimiter = delims[o0 & 7],
                            .time_column = times[(o1 & 7) % 5],
                            .time_unit = (rp_time_unit)((o1 >> 3) & 3)};
    rp_csv_parser *p = NULL;
    FUZZ_CHECK(rp_csv_parser_create(&d, &p) == RP_OK);
    a->parser = p;
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    uint8_t o0 = data[0], o1 = data[1];
    uint32_t seed = 0x12345u ^ o0 ^ ((uint32_t)o1 << 8);
    data += 2;
    size -= 2;
    acc chunked = {1, 0, NULL, 0}, whole = {1, 0, NULL, 0};
    rp_csv_parser *p1 = make(&chunked, o0, o1), *p2 = make(&whole, o0, o1);
    for (size_t off = 0; off < size;) {
        size_t n = fuzz_chunk(&seed, size - off);
        rp_status st = rp_csv_parser_feed(p1, data + off, n);
        FUZZ_CHECK(st == RP_OK || st == RP_ERR_PARSE || st == RP_ERR_LIMIT);
        off += n;
    }
    rp_csv_parser_finish(p1);
    rp_csv_parser_feed(p2, data, size);
    rp_csv_parser_finish(p2);
    check_stats(p1, &chunked, size);
    check_stats(p2, &whole, size);
    FUZZ_CHECK(chunked.hash == whole.hash && chunked.rows == whole.rows);
    rp_csv_stats s1 = rp_csv_parser_stats(p1), s2 = rp_csv_parser_stats(p2);
    FUZZ_CHECK(memcmp(&s1, &s2, sizeof s1) == 0);
    for (const char *m = rp_csv_parser_last_error(p1); *m; m++)
        FUZZ_CHECK((unsigned char)*m >= 0x20);
    rp_csv_parser_destroy(p1);
    rp_csv_parser_destroy(p2);
    return 0;
}
