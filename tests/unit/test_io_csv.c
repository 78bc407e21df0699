/* test_io_csv.c — CSV with a header row: delimiters, quoted names, time columns, empty and bad
 * fields, wrong field counts, limits, and identical results for any chunking. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/parse.h"
#include "rp_test.h"
#include "rp_test_pieces.h"

#define MAX_ROWS 2048

typedef struct rows {
    int n, headers;
    int precision_row; /* the row that carried a precision note (-1 none) */
    char precision_note[256];
    bool has_time[MAX_ROWS];
    double time[MAX_ROWS];
    float v[MAX_ROWS][8];
    int count[MAX_ROWS];
    int64_t line[MAX_ROWS];
    int columns_at_header;
} rows;

static void on_row(void *user, const rp_csv_row *r)
{
    rows *c = user;
    if (c->n >= MAX_ROWS) return;
    c->has_time[c->n] = r->has_time;
    c->time[c->n] = r->time;
    c->count[c->n] = r->count;
    c->line[c->n] = r->line;
    for (int i = 0; i < r->count && i < 8; i++) c->v[c->n][i] = r->values[i];
    if (r->precision_note) {
        c->precision_row = c->n;
        snprintf(c->precision_note, sizeof c->precision_note, "%s", r->precision_note);
    }
    c->n++;
}

static void on_header(void *user, const rp_csv_parser *p)
{
    rows *c = user;
    c->headers++;
    c->columns_at_header = rp_csv_parser_columns(p);
}

static rows g_a, g_b;

/* Parses `in` with desc (on_row/on_header/user filled here) in chunks (0 whole, 1 bytewise,
 * -1 random from seed); leaves the parser open in *out for inspection (caller destroys). */
static rp_csv_stats run(const char *in, size_t len, rp_csv_parser_desc desc, int chunk,
                        uint64_t seed, rows *r, rp_csv_parser **out)
{
    memset(r, 0, sizeof *r);
    r->precision_row = -1;
    desc.on_row = on_row;
    desc.on_header = on_header;
    desc.user = r;
    rp_csv_parser *p = NULL;
    rp_csv_stats none = {0};
    if (rp_csv_parser_create(&desc, &p) != RP_OK) return none;
    RP_TEST_FEED_PIECES(rp_csv_parser_feed, p, in, len, chunk, seed, 61);
    rp_csv_parser_finish(p);
    rp_csv_stats s = rp_csv_parser_stats(p);
    if (out)
        *out = p;
    else
        rp_csv_parser_destroy(p);
    return s;
}

static bool same(float a, float b) { return a == b || (isnan(a) && isnan(b)); }

/* The "no value" words of a number column (R's NA, nvidia-smi's [N/A], a meter's OL, Excel's
 * #NUM!) are gaps, as the README says, not bad numbers counted and warned about. */
static void test_no_value_words(void)
{
    const char *in = "time,a,b\n0,1,NA\n1,N/A,2\n2,OL,#NUM!\n3,4,[N/A]\n4,oops,5\n";
    rp_csv_parser *p = NULL;
    memset(&g_a, 0, sizeof g_a);
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(s.rows_ok, 5);
    RP_CHECK_EQ_INT(s.fields_bad, 1); /* oops: a bad number, the only one */
    RP_REQUIRE_VOID(g_a.n == 5);
    RP_CHECK(g_a.v[0][0] == 1.0f && isnan(g_a.v[0][1]) && isnan(g_a.v[1][0]) &&
             isnan(g_a.v[2][0]) && isnan(g_a.v[2][1]) && isnan(g_a.v[3][1]));
    RP_CHECK(strstr(rp_csv_parser_last_error(p), "'oops'") != NULL);
    rp_csv_parser_destroy(p);
}

static void test_time_and_values(void)
{
    const char *in = "# exported by a logger\n"
                     "time_ms,\"Temp (°C)\",\"a,b\",\"say \"\"hi\"\"\" ,\n"
                     "0,21.5,1,2,3\r\n"
                     "10, 22 ,,-1e3,nan\n"
                     "\n"
                     "20,23,x,4,inf\n"
                     "30,24,1,2\n"          /* too few fields: rejected */
                     "40,25,1,2,3,4\n"      /* too many: rejected */
                     ",26,1,2,3\n"          /* empty time: rejected */
                     "oops,27,1,2,3\n"      /* bad time: rejected */
                     "\"50\",\"28\",1,2,3"; /* quoted numbers, no final newline */
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_has_header(p));
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 4);
    RP_CHECK_EQ_INT(g_a.headers, 1);
    RP_CHECK_EQ_INT(g_a.columns_at_header, 4);
    RP_CHECK(rp_csv_parser_delimiter(p) == ',');
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 0), "Temp") ==
             0); /* its unit: test_header_units */
    RP_CHECK(strcmp(rp_csv_parser_column_unit(p, 0), "°C") == 0);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 1), "a,b") == 0);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 2), "say \"hi\"") == 0);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 3), "col5") == 0);
    RP_CHECK(rp_csv_parser_column_name(p, 4) == NULL && rp_csv_parser_column_name(p, -1) == NULL);
    RP_CHECK_EQ_INT(s.lines, 11);
    RP_CHECK_EQ_INT(s.lines_skipped, 2);
    RP_CHECK_EQ_INT(s.rows_ok, 4);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_FIELD_COUNT], 2);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_BAD_TIME], 2);
    RP_CHECK_EQ_INT(s.rows_rejected, 4);
    RP_CHECK_EQ_INT(s.fields_empty, 1);
    RP_CHECK_EQ_INT(s.fields_bad, 1);
    RP_REQUIRE_VOID(g_a.n == 4);
    RP_CHECK(g_a.has_time[0] && g_a.time[0] == 0.0 && g_a.v[0][0] == 21.5f && g_a.v[0][3] == 3.0f);
    RP_CHECK(g_a.time[1] == 10.0 && g_a.v[1][0] == 22.0f && isnan(g_a.v[1][1]) &&
             g_a.v[1][2] == -1000.0f && isnan(g_a.v[1][3]));
    RP_CHECK(g_a.time[2] == 20.0 && isnan(g_a.v[2][1]) && isinf(g_a.v[2][3]));
    RP_CHECK(g_a.time[3] == 50.0 && g_a.v[3][0] == 28.0f && g_a.count[3] == 4);
    RP_CHECK_MSG(strstr(rp_csv_parser_last_error(p), "line 10: bad time") != NULL, "%s",
                 rp_csv_parser_last_error(p));
    rp_csv_parser_destroy(p);

    /* The same in every chunking. */
    for (int mode = 1; mode >= -1; mode -= 2) {
        for (uint64_t seed = 1; seed <= (mode == 1 ? 1u : 10u); seed++) {
            rp_csv_stats t = run(in, strlen(in), (rp_csv_parser_desc){0}, mode, seed, &g_b, NULL);
            RP_CHECK_MSG(memcmp(&s, &t, sizeof s) == 0 && g_b.n == g_a.n, "chunk mode %d seed %llu",
                         mode, (unsigned long long)seed);
            bool eq = true;
            for (int i = 0; i < g_a.n; i++)
                for (int c = 0; c < 4; c++)
                    if (!same(g_a.v[i][c], g_b.v[i][c]) || g_a.time[i] != g_b.time[i]) eq = false;
            RP_CHECK(eq);
        }
    }
}

static void test_delimiters(void)
{
    /* Semicolon with decimal commas (European spreadsheets), no time column. */
    const char *semi = "a;b;c\n1,5;2;-0,25\n3;;4\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(semi, strlen(semi), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_delimiter(p) == ';');
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_NONE);
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 3);
    RP_CHECK_EQ_INT(s.rows_ok, 2);
    RP_REQUIRE_VOID(g_a.n == 2);
    RP_CHECK(!g_a.has_time[0] && g_a.v[0][0] == 1.5f && g_a.v[0][1] == 2.0f &&
             g_a.v[0][2] == -0.25f);
    RP_CHECK(g_a.v[1][0] == 3.0f && isnan(g_a.v[1][1]) && g_a.v[1][2] == 4.0f);
    rp_csv_parser_destroy(p);

    /* Tab with a seconds column in the middle. */
    const char *tab = "x\tseconds\ty\n1\t0.5\t2\n";
    s = run(tab, strlen(tab), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_delimiter(p) == '\t');
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_S);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 1), "y") == 0);
    RP_CHECK(g_a.n == 1 && g_a.time[0] == 0.5 && g_a.v[0][0] == 1.0f && g_a.v[0][1] == 2.0f);
    rp_csv_parser_destroy(p);

    /* A comma file must not read "1,5" as a decimal comma: it is two fields. */
    const char *comma = "a\n1,5\n";
    s = run(comma, strlen(comma), (rp_csv_parser_desc){0}, 0, 0, &g_a, NULL);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_FIELD_COUNT], 1);

    /* Delimiter forced by the caller; header with no delimiter at all = one column. */
    const char *one = "value\n1\n2\n";
    s = run(one, strlen(one), (rp_csv_parser_desc){0}, 0, 0, &g_a, NULL);
    RP_CHECK(s.rows_ok == 2 && g_a.n == 2 && g_a.v[1][0] == 2.0f);
    const char *forced = "a;b,c\n1;2,3\n";
    s = run(forced, strlen(forced), (rp_csv_parser_desc){.delimiter = ','}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_columns(p) == 2 && strcmp(rp_csv_parser_column_name(p, 0), "a;b") == 0);
    RP_CHECK_EQ_INT(s.fields_bad, 1); /* "1;2" is not a number in a comma file */
    rp_csv_parser_destroy(p);
}

static void test_time_choice(void)
{
    const char *in = "t,when,v\n1,100,5\n";
    rp_csv_parser *p = NULL;
    /* Auto: first time-like name is "t" (unit unspecified). */
    run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_UNSPECIFIED && g_a.time[0] == 1.0);
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2);
    rp_csv_parser_destroy(p);
    /* By name, with a unit. */
    run(in, strlen(in), (rp_csv_parser_desc){.time_column = "WHEN", .time_unit = RP_TIME_UNIT_MS},
        0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS && g_a.time[0] == 100.0);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 0), "t") == 0 && g_a.v[0][0] == 1.0f);
    rp_csv_parser_destroy(p);
    /* None. */
    run(in, strlen(in), (rp_csv_parser_desc){.time_column = ""}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_NONE && rp_csv_parser_columns(p) == 3);
    RP_CHECK(!g_a.has_time[0] && g_a.v[0][2] == 5.0f);
    rp_csv_parser_destroy(p);
    /* A missing requested column refuses the header. */
    rp_csv_stats s =
        run(in, strlen(in), (rp_csv_parser_desc){.time_column = "clock"}, 0, 0, &g_a, &p);
    RP_CHECK(!rp_csv_parser_has_header(p));
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_NO_HEADER], 1);
    RP_CHECK(strstr(rp_csv_parser_last_error(p), "no time column named 'clock'") != NULL);
    RP_CHECK(rp_csv_parser_feed(p, "1,2,3\n", 6) == RP_ERR_PARSE);
    rp_csv_parser_destroy(p);
    /* By name, its unit in brackets ("Zeit [ms]", a German logger's header), or in a units row. */
    const char *de = "Zeit [ms];Temp\n1500;21,5\n";
    run(de, strlen(de), (rp_csv_parser_desc){.time_column = "zeit"}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS && g_a.time[0] == 1500.0);
    RP_CHECK(rp_csv_parser_columns(p) == 1 && g_a.v[0][0] == 21.5f);
    rp_csv_parser_destroy(p);
    const char *row = "Zeit;Temp\nms;C\n1500;21,5\n";
    run(row, strlen(row), (rp_csv_parser_desc){.time_column = "Zeit"}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS && g_a.time[0] == 1500.0);
    RP_CHECK(strcmp(rp_csv_parser_column_unit(p, 0), "C") == 0);
    rp_csv_parser_destroy(p);
    /* Named, a column of dates is read as dates; "" keeps a first column of dates a series
     * (refused numbers, counted) instead of taking it as the time index. */
    const char *dates = "Datum,v\n29.11.2026 10:00:01,5\n";
    run(dates, strlen(dates), (rp_csv_parser_desc){.time_column = "Datum"}, 0, 0, &g_a, &p);
    RP_CHECK(g_a.has_time[0] && g_a.time[0] == 1795946401.0 && rp_csv_parser_columns(p) == 1);
    rp_csv_parser_destroy(p);
    run(dates, strlen(dates), (rp_csv_parser_desc){.time_column = ""}, 0, 0, &g_a, &p);
    RP_CHECK(!g_a.has_time[0] && rp_csv_parser_columns(p) == 2);
    rp_csv_parser_destroy(p);
}

static void test_limits_and_junk(void)
{
    static char buf[1 << 16];
    rp_csv_parser *p = NULL;
    /* 500 columns (a wide CAN export): the first 256 are read, the 244 after them counted and
     * said (the whole header was refused: nothing plotted); a row must still have all 500 */
    size_t len = 0;
    for (int i = 0; i < 500; i++) len += (size_t)sprintf(buf + len, "%sc%d", i ? "," : "", i);
    buf[len++] = '\n';
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 500; i++)
            len += (size_t)sprintf(buf + len, "%d%s", 10 * r + i, i < 499 ? "," : "\n");
    len += (size_t)sprintf(buf + len, "1,2,3\n"); /* short: refused */
    rp_csv_stats ws = run(buf, len, (rp_csv_parser_desc){.time_column = ""}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_has_header(p) && rp_csv_parser_columns(p) == RP_CSV_COLUMNS_MAX);
    RP_CHECK_EQ_INT(rp_csv_parser_columns_beyond(p), 500 - RP_CSV_COLUMNS_MAX);
    RP_CHECK_EQ_INT(ws.rows_ok, 2);
    RP_CHECK_EQ_INT(ws.rejected[RP_CSV_REJECT_FIELD_COUNT], 1);
    RP_CHECK(g_a.n == 2 && g_a.count[1] == RP_CSV_COLUMNS_MAX && g_a.v[1][7] == 17.0f);
    RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 255), "c255"));
    RP_CHECK_MSG(strstr(rp_csv_parser_beyond_note(p), "the 244 from column 257 ('c256') to 500") !=
                     NULL,
                 "%s", rp_csv_parser_beyond_note(p));
    RP_CHECK(strstr(rp_csv_parser_last_error(p), "3 fields, the header has 500") != NULL);
    rp_csv_parser_destroy(p);
    /* 256 columns are fine. */
    len = 0;
    for (int i = 0; i < RP_CSV_COLUMNS_MAX; i++)
        len += (size_t)sprintf(buf + len, "%sc%d", i ? "," : "", i);
    buf[len++] = '\n';
    rp_csv_stats s = run(buf, len, (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_has_header(p) && rp_csv_parser_columns(p) == RP_CSV_COLUMNS_MAX);
    RP_CHECK(rp_csv_parser_columns_beyond(p) == 0 && !rp_csv_parser_beyond_note(p)[0]);
    rp_csv_parser_destroy(p);
    /* A name over RP_CSV_NAME_READ_MAX bytes → refused (64 bytes are shortened: below). */
    memset(buf, 'n', RP_CSV_NAME_READ_MAX + 1);
    memcpy(buf + RP_CSV_NAME_READ_MAX + 1, ",b\n1,2\n", 7);
    s = run(buf, RP_CSV_NAME_READ_MAX + 8, (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(!rp_csv_parser_has_header(p) && s.rows_ok == 0);
    rp_csv_parser_destroy(p);
    /* Over-long rows, control bytes and junk between good rows; good rows all arrive. */
    uint64_t seed = 2024;
    printf("csv junk seed %llu\n", (unsigned long long)seed);
    len = (size_t)sprintf(buf, "time,a,b\n");
    int good = 0, junk = 0;
    for (int i = 0; i < 300; i++) {
        uint64_t r = rp_test_rng(&seed) % 4;
        if (r == 0) {
            int n = 1 + (int)(rp_test_rng(&seed) % 40);
            buf[len++] = '\0';
            for (int k = 1; k < n; k++) {
                char c = (char)rp_test_rng(&seed);
                buf[len++] = c == '\n' || c == '\r' ? 'x' : c; /* no line end in it */
            }
            buf[len++] = '\n';
            junk++;
        } else {
            len += (size_t)sprintf(buf + len, "%d,%d,%d.25\n", good, good * 2, good);
            good++;
        }
    }
    size_t long_at = len;
    memset(buf + len, '7', RP_LINE_MAX + 5);
    len += RP_LINE_MAX + 5;
    buf[len++] = '\n';
    len += (size_t)sprintf(buf + len, "%d,%d,%d.25\n", good, good * 2, good);
    good++;
    (void)long_at;
    s = run(buf, len, (rp_csv_parser_desc){0}, -1, seed, &g_a, NULL);
    RP_CHECK_EQ_INT(s.rows_ok, good);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_BINARY], junk);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_TOO_LONG], 1);
    bool all = g_a.n == good;
    for (int i = 0; all && i < good; i++)
        if (g_a.time[i] != i || g_a.v[i][0] != (float)(2 * i) || g_a.v[i][1] != (float)i + 0.25f)
            all = false;
    RP_CHECK(all);
    /* Bad arguments. */
    RP_CHECK(rp_csv_parser_create(&(rp_csv_parser_desc){0}, &p) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_csv_parser_create(&(rp_csv_parser_desc){.on_row = on_row, .delimiter = '|'}, &p) ==
             RP_ERR_INVALID_ARG);
    RP_CHECK(rp_csv_parser_columns(NULL) == 0);
    for (int r = 0; r < RP_CSV_REJECT_COUNT; r++)
        RP_CHECK(strcmp(rp_csv_reject_string((rp_csv_reject)r), "unknown") != 0);
}

/* Units in the header, as loggers and spreadsheets write them: "volt [V]", "temp (°C)"; the
 * series is "volt", its unit "V"; "time [ms]" is a time column in ms. Names that only look alike
 * stay names. */
static void test_header_units(void)
{
    const char *csv = "time [ms],volt [V],temp (°C),amp[mA],sin(t),x [],y [a]b\n10,1,2,3,4,5,6\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(csv, strlen(csv), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(s.rows_ok, 1);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS);
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 6);
    const char *names[6] = {"volt", "temp", "amp", "sin(t)", "x []", "y [a]b"};
    const char *units[6] = {"V", "°C", "mA", "", "", ""};
    for (int c = 0; c < 6; c++) {
        RP_CHECK_MSG(strcmp(rp_csv_parser_column_name(p, c), names[c]) == 0, "column %d: '%s'", c,
                     rp_csv_parser_column_name(p, c));
        RP_CHECK_MSG(strcmp(rp_csv_parser_column_unit(p, c), units[c]) == 0, "unit %d: '%s'", c,
                     rp_csv_parser_column_unit(p, c));
    }
    RP_CHECK(g_a.n == 1 && g_a.time[0] == 10.0 && g_a.v[0][0] == 1.0f);
    RP_CHECK(rp_csv_parser_column_unit(p, 6) == NULL);
    rp_csv_parser_destroy(p);
    /* an index in brackets is no unit: a blackbox log's "motor[0]", "motor[1]" were both
     * "motor" (unit "0", "1"), and every column after the first refused as a duplicate */
    const char *bb = "time (us),motor[0],motor[1],Channel (2),vbat (V)\n500,1,2,3,4\n";
    s = run(bb, strlen(bb), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(s.rows_ok == 1 && rp_csv_parser_time_unit(p) == RP_TIME_UNIT_US);
    const char *indexed[4][2] = {
        {"motor[0]", ""}, {"motor[1]", ""}, {"Channel (2)", ""}, {"vbat", "V"}};
    for (int c = 0; c < 4; c++)
        RP_CHECK_MSG(!strcmp(rp_csv_parser_column_name(p, c), indexed[c][0]) &&
                         !strcmp(rp_csv_parser_column_unit(p, c), indexed[c][1]),
                     "column %d: '%s' '%s'", c, rp_csv_parser_column_name(p, c),
                     rp_csv_parser_column_unit(p, c));
    rp_csv_parser_destroy(p);
    /* PlotJuggler's CSV export: "__time" in seconds, topic paths as names */
    const char *pj = "__time,/imu/accel/x\n1700000000.25,1\n";
    s = run(pj, strlen(pj), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_S && rp_csv_parser_columns(p) == 1);
    RP_CHECK(g_a.n == 1 && g_a.time[0] == 1700000000.25);
    rp_csv_parser_destroy(p);
}

/* Tools' tables as they write them: nvidia-smi's query CSV (a column of words, units on every
 * value), a logger's units on the values, R's NA, vmstat's columns ("us" is user CPU, not a time
 * in µs) and a sensor's "h,t,p" ("t" is its temperature). Each chunking gives the same. */
static void test_tool_tables(void)
{
    const struct {
        const char *in, *names[4], *units[4];
        char delimiter;
        int columns, fields_bad;
        bool timed;
        float first[4];
    } cases[] = {
        {"timestamp, name, utilization.gpu [%], temperature.gpu, memory.used [MiB]\n"
         "2024/03/01 12:00:00.123, NVIDIA H200, 35 %, 60, 1024 MiB\n"
         "2024/03/01 12:00:01.125, NVIDIA H200, 37 %, 61, 1030 MiB\n",
         {"utilization.gpu", "temperature.gpu", "memory.used"},
         {"%", "", "MiB"},
         0,
         3,
         0,
         true,
         {35, 60, 1024}},
        {"time,temp,hum\n0,21.5 \xc2\xb0"
         "C,40%\n1,21.6 \xc2\xb0"
         "C,41%\n",
         {"temp", "hum"},
         {"\xc2\xb0"
          "C",
          "%"},
         0,
         2,
         0,
         true,
         {21.5f, 40}},
        /* "no value" words: gaps, not bad numbers */
        {"time,a,b\n0,NA,1\n1,2,3\n", {"a", "b"}, {"", ""}, 0, 2, 0, true, {NAN, 1}},
        {"time,a,b\n0,[N/A],#N/A\n1,2,3\n", {"a", "b"}, {"", ""}, 0, 2, 0, true, {NAN, NAN}},
        {"r b us sy\n1 0 5 6\n0 0 1 1\n",
         {"r", "b", "us", "sy"},
         {"", "", "", ""},
         ' ',
         4,
         0,
         false,
         {1, 0, 5, 6}},
        {"h,t,p\n40,21.5,1013\n41,21.6,1012\n",
         {"h", "t", "p"},
         {"", "", ""},
         0,
         3,
         0,
         false,
         {40, 21.5f, 1013}},
        {"t,x\n0,1\n1,2\n", {"x"}, {""}, 0, 1, 0, true, {1}},
        /* an unnamed first column made the time by its units row is no row index too (its
         * first value 0 dropped the column after it, silently) */
        {",a\nms,V\n0,1\n1,2\n", {"a"}, {"V"}, 0, 1, 0, true, {1}},
        {"time,a\n0,12 apples\n1,x\n", {"a"}, {"apples"}, 0, 1, 1, true, {12}},
        {"time,a,b\n0,1;2,ok\n1,3,fine\n", {"a"}, {""}, 0, 1, 1, true, {NAN}},
    };
    for (int k = 0; k < (int)(sizeof cases / sizeof cases[0]); k++) {
        for (int chunk = 0; chunk < 2; chunk++) {
            rp_csv_parser *p = NULL;
            rp_csv_stats s =
                run(cases[k].in, strlen(cases[k].in),
                    (rp_csv_parser_desc){.delimiter = cases[k].delimiter}, chunk, 0, &g_a, &p);
            RP_REQUIRE_VOID(p != NULL);
            RP_CHECK_MSG(s.rows_ok == 2 && rp_csv_parser_columns(p) == cases[k].columns &&
                             g_a.columns_at_header == cases[k].columns &&
                             s.fields_bad == cases[k].fields_bad,
                         "case %d: %lld rows, %d columns, %lld bad", k, (long long)s.rows_ok,
                         rp_csv_parser_columns(p), (long long)s.fields_bad);
            RP_CHECK_MSG((rp_csv_parser_time_unit(p) != RP_TIME_UNIT_NONE) == cases[k].timed,
                         "case %d: time column", k);
            for (int c = 0; c < cases[k].columns && c < rp_csv_parser_columns(p); c++) {
                RP_CHECK_MSG(!strcmp(rp_csv_parser_column_name(p, c), cases[k].names[c]) &&
                                 !strcmp(rp_csv_parser_column_unit(p, c), cases[k].units[c]),
                             "case %d column %d: '%s' '%s'", k, c, rp_csv_parser_column_name(p, c),
                             rp_csv_parser_column_unit(p, c));
                RP_CHECK_MSG(g_a.n == 2 && same(g_a.v[0][c], cases[k].first[c]),
                             "case %d column %d: %g", k, c, (double)g_a.v[0][c]);
            }
            rp_csv_parser_destroy(p);
        }
    }
}

/* pandas' df.to_csv() of a frame indexed by time writes the index first under an empty name:
 * that column is the time (it was a series "col1" whose every date was a refused number, and
 * the rows had no time); an unnamed first column of row numbers is no series. */
static void test_pandas_index(void)
{
    const char *dated = ",a,b\n2024-02-29 12:00:00,1.5,2\n2024-02-29 12:00:01,2.5,\n";
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(dated, strlen(dated), (rp_csv_parser_desc){0}, chunk, 0, &g_a, &p);
        RP_CHECK_EQ_INT(g_a.headers, 1);
        RP_CHECK_EQ_INT(g_a.columns_at_header, 2);
        RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_UNSPECIFIED);
        RP_CHECK(strcmp(rp_csv_parser_column_name(p, 0), "a") == 0 &&
                 strcmp(rp_csv_parser_column_name(p, 1), "b") == 0);
        RP_CHECK(g_a.n == 2 && g_a.has_time[0] && g_a.time[0] == 1709208000.0 &&
                 g_a.time[1] == 1709208001.0 && g_a.v[1][0] == 2.5f && isnan(g_a.v[1][1]));
        RP_CHECK_EQ_INT(s.fields_bad, 0);
        rp_csv_parser_destroy(p);
    }
    /* a frame's row numbers under no name (pandas from 0, R's write.csv from 1, a re-saved
     * pandas frame's "Unnamed: 0"), beside a time column too: no series (it was a ramp "col1"
     * drawn over the data) */
    const char *numbered[] = {",a\n0,1\n1,2\n", "\"\",\"a\"\n\"1\",1\n\"2\",2\n",
                              "Unnamed: 0,a\n0,1\n1,2\n", ",time,a\n0,0.5,1\n1,1.0,2\n"};
    for (int k = 0; k < 4; k++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s =
            run(numbered[k], strlen(numbered[k]), (rp_csv_parser_desc){0}, k & 1, 0, &g_a, &p);
        RP_CHECK_MSG(g_a.columns_at_header == 1 && rp_csv_parser_columns(p) == 1 &&
                         strcmp(rp_csv_parser_column_name(p, 0), "a") == 0 && s.rows_ok == 2 &&
                         g_a.v[0][0] == 1.0f && g_a.v[1][0] == 2.0f,
                     "case %d: %d columns, the first '%s'", k, rp_csv_parser_columns(p),
                     rp_csv_parser_column_name(p, 0));
        RP_CHECK(k == 3 ? g_a.has_time[0] && g_a.time[1] == 1.0 : !g_a.has_time[0]);
        rp_csv_parser_destroy(p);
    }
    /* R's write.table: the header names n columns, the rows hold n + 1 fields, the first the
     * row names (numbers, names or dates): no series, or the time (nothing was plotted) */
    const char *r_tables[] = {"\"a\" \"b\"\n\"1\" 1 1.5\n\"2\" 2 2.5\n",
                              "\"a\",\"b\"\n\"Mazda RX4\",1,1.5\n\"Fiat 128\",2,2.5\n",
                              "a;b\n2024-03-01 12:00:00;1;1,5\n2024-03-01 12:00:01;2;2,5\n"};
    for (int k = 0; k < 3; k++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s =
            run(r_tables[k], strlen(r_tables[k]),
                (rp_csv_parser_desc){.delimiter = k == 0 ? ' ' : 0}, k & 1, 0, &g_a, &p);
        RP_CHECK_MSG(
            rp_csv_parser_columns(p) == 2 && strcmp(rp_csv_parser_column_name(p, 0), "a") == 0 &&
                s.rows_ok == 2 && s.fields_bad == 0 && g_a.v[1][0] == 2.0f && g_a.v[1][1] == 2.5f,
            "R table %d: %d columns, the first '%s', %lld rows", k, rp_csv_parser_columns(p),
            rp_csv_parser_column_name(p, 0), (long long)s.rows_ok);
        RP_CHECK(k == 2 ? g_a.has_time[1] && g_a.time[1] == 1709294401.0 : !g_a.has_time[0]);
        rp_csv_parser_destroy(p);
    }
    /* an unnamed first column of other numbers is data; --time-column none keeps every column */
    const char *data_first[] = {",a\n5,1\n6,2\n", ",a\n0.5,1\n1,2\n"};
    for (int k = 0; k < 3; k++) {
        rp_csv_parser *p = NULL;
        const char *in = k < 2 ? data_first[k] : numbered[0];
        run(in, strlen(in), (rp_csv_parser_desc){.time_column = k < 2 ? NULL : ""}, 0, 0, &g_a, &p);
        RP_CHECK_MSG(g_a.columns_at_header == 2 &&
                         strcmp(rp_csv_parser_column_name(p, 0), "col1") == 0 && !g_a.has_time[0],
                     "case %d", k);
        rp_csv_parser_destroy(p);
    }
    const char *header_only = ",a\n"; /* no row to tell: the header is announced at the end */
    run(header_only, strlen(header_only), (rp_csv_parser_desc){0}, 0, 0, &g_a, NULL);
    RP_CHECK(g_a.headers == 1 && g_a.columns_at_header == 2);
}

/* Rows of one field more than the header whose first field is an unquoted number are no R
 * table: a trailing delimiter ("1000,21.5,40," as an Arduino sketch printing ',' after each value
 * writes it) is no column, and a last field of its own is a column "colN" (of words: no series,
 * said). The values were shifted one name left (time = 21.5, temp = 40) without a word. */
static void test_one_field_more(void)
{
    const struct {
        const char *in;
        char delim;
        int columns;
        const char *names[3];
        float v[3];
        bool time;
        const char *note; /* in the text note, or NULL for none */
    } cases[] = {
        {"time,temp,hum\n1000,21.5,40,\n2000,21.6,41,\n",
         0,
         2,
         {"temp", "hum"},
         {21.5f, 40},
         true,
         NULL},
        {"temp\thum\r\n21.5\t40\t\r\n21.6\t41\t\r\n",
         0,
         2,
         {"temp", "hum"},
         {21.5f, 40},
         false,
         NULL},
        {"millis,temp,hum\n1000,21.5,40,OK\n2000,21.6,41,OK\n",
         0,
         2,
         {"temp", "hum"},
         {21.5f, 40},
         true,
         "col4"},
        {"time,temp\n0.0,21.5,40\n1.0,21.6,41\n", 0, 2, {"temp", "col3"}, {21.5f, 40}, true, NULL},
        {"Temperature Humidity\n21.5 40.1 1013\n21.6 40.2 1014\n",
         ' ',
         3,
         {"Temperature", "Humidity", "col3"},
         {21.5f, 40.1f, 1013},
         false,
         NULL},
        /* R's write.table(quote = FALSE): row names 1, 2... under a header one field short */
        {"time\ttemp\thum\n1\t0\t21.5\t40\n2\t1\t21.6\t41\n",
         0,
         2,
         {"temp", "hum"},
         {21.5f, 40},
         true,
         NULL},
    };
    for (int k = 0; k < (int)(sizeof cases / sizeof cases[0]); k++) {
        for (int chunk = 0; chunk < 2; chunk++) {
            rp_csv_parser *p = NULL;
            rp_csv_stats s =
                run(cases[k].in, strlen(cases[k].in),
                    (rp_csv_parser_desc){.delimiter = cases[k].delim}, chunk, 0, &g_a, &p);
            RP_REQUIRE_VOID(p != NULL);
            RP_CHECK_MSG(rp_csv_parser_columns(p) == cases[k].columns && s.rows_ok == 2 &&
                             s.rows_rejected == 0 && s.fields_bad == 0,
                         "case %d: %d columns, %lld rows, %lld refused", k,
                         rp_csv_parser_columns(p), (long long)s.rows_ok,
                         (long long)s.rows_rejected);
            for (int c = 0; c < cases[k].columns && c < rp_csv_parser_columns(p); c++) {
                RP_CHECK_MSG(!strcmp(rp_csv_parser_column_name(p, c), cases[k].names[c]) &&
                                 g_a.v[0][c] == cases[k].v[c],
                             "case %d column %d: '%s' = %g", k, c, rp_csv_parser_column_name(p, c),
                             (double)g_a.v[0][c]);
            }
            RP_CHECK_MSG(g_a.has_time[0] == cases[k].time &&
                             (!cases[k].time || g_a.time[1] > g_a.time[0]),
                         "case %d: time", k);
            const char *note = rp_csv_parser_text_note(p);
            RP_CHECK_MSG(cases[k].note ? strstr(note, cases[k].note) != NULL : note[0] == '\0',
                         "case %d: note '%s'", k, note);
            rp_csv_parser_destroy(p);
        }
    }
    /* a column of words in rows ending in a delimiter: said and no series, as without it */
    const char *status = "time,temp,status\n1000,21.5,OK,\n2000,21.6,OK,\n";
    rp_csv_parser *sp = NULL;
    rp_csv_stats ss = run(status, strlen(status), (rp_csv_parser_desc){0}, 0, 0, &g_a, &sp);
    RP_CHECK_MSG(rp_csv_parser_columns(sp) == 1 && ss.fields_bad == 0 &&
                     strstr(rp_csv_parser_text_note(sp), "'status'") != NULL,
                 "%d columns, %lld bad fields", rp_csv_parser_columns(sp),
                 (long long)ss.fields_bad);
    rp_csv_parser_destroy(sp);
    /* a row of words too long for units is the first row, the one a message quotes (it quoted
     * the row after it, cut without a sign) */
    const char *words = "id\nservers.web01.cpu.load 0.61 1700000010\nservers.web01.mem.free 8\n";
    rp_csv_parser *wp = NULL;
    run(words, strlen(words), (rp_csv_parser_desc){.delimiter = ','}, 0, 0, &g_a, &wp);
    RP_CHECK_MSG(strstr(rp_csv_parser_text_note(wp), "'servers.web01.cpu.load 0...'") != NULL,
                 "note '%s'", rp_csv_parser_text_note(wp));
    rp_csv_parser_destroy(wp);
    /* a row ending in a delimiter under a header and first row without one: the same columns */
    const char *late = "a,b\n1,2\n3,4,\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(late, strlen(late), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_columns(p) == 2 && s.rows_ok == 2 && g_a.v[1][0] == 3 &&
             g_a.v[1][1] == 4);
    rp_csv_parser_destroy(p);
}

/* The header again among the rows (vmstat repeats it every 20 rows, "cat a.csv b.csv" of two
 * files with one header each): skipped and counted as such; it was a row of gaps, refused
 * numbers ("bad number 'b' in column 'b'") or a refused time. */
static void test_repeated_header(void)
{
    const char *ins[] = {"a,b\n1,2\n2,3\na,b\n3,4\n",
                         "time,a,b\r\n0,1,2\r\n1,2,3\r\ntime,a,b\r\n2,3,4\r\n",
                         " r  b  us\n 1  0  3\n 0  0  2\n r  b  us\n 2  0  8\n",
                         ("a,b\n1,2\n2,3\n\xef\xbb\xbf"
                          "a,b\n3,4\n")};
    for (int k = 0; k < 4; k++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s =
            run(ins[k], strlen(ins[k]), (rp_csv_parser_desc){.delimiter = k == 2 ? ' ' : 0}, k & 1,
                0, &g_a, &p);
        RP_CHECK_MSG(s.rows_ok == 3 && s.rows_rejected == 0 && s.fields_bad == 0 &&
                         s.lines_skipped == 1 && g_a.n == 3 && g_a.v[2][0] == (k == 2 ? 2 : 3),
                     "case %d: %lld rows, %lld refused, %lld bad fields, %lld skipped", k,
                     (long long)s.rows_ok, (long long)s.rows_rejected, (long long)s.fields_bad,
                     (long long)s.lines_skipped);
        rp_csv_parser_destroy(p);
    }
}

/* Hex integers in a CSV ("0x1F", as loggers print registers) are numbers: the column was
 * called words and dropped. */
static void test_hex_values(void)
{
    const char *in = "a,b\n1,0x1F\n2,0x20\n3,-0xA\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_columns(p) == 2 && s.rows_ok == 3 && s.fields_bad == 0);
    RP_CHECK(g_a.v[0][1] == 31 && g_a.v[1][1] == 32 && g_a.v[2][1] == -10);
    RP_CHECK(rp_csv_parser_text_note(p)[0] == '\0');
    rp_csv_parser_destroy(p);
}

/* Excel's "sep=;" first line: skipped and its delimiter used (it was taken for the header, a
 * column named "sep=" and every row of another field count refused). */
static void test_sep_line(void)
{
    const char *in = "\"sep=;\"\r\ntime;a;c\r\n0;1,5;2\r\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 1, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_delimiter(p) == ';' && rp_csv_parser_columns(p) == 2);
    RP_CHECK(strcmp(rp_csv_parser_column_name(p, 0), "a") == 0);
    RP_CHECK(s.rows_ok == 1 && s.rows_rejected == 0 && g_a.v[0][0] == 1.5f && g_a.v[0][1] == 2);
    rp_csv_parser_destroy(p);
    char d = 0;
    RP_CHECK(rp_csv_is_sep_line("sep=\t", 5, &d) && d == '\t');
    RP_CHECK(rp_csv_is_sep_line("\xEF\xBB\xBFsep=;\r", 9, &d) && d == ';'); /* Excel: a BOM */
    RP_CHECK(!rp_csv_is_sep_line("sep=x", 5, &d) && !rp_csv_is_sep_line("sep=;;", 6, &d));
}

/* "Date,Time,Value" as spreadsheets and loggers write it: the moment is the date plus the time
 * of day (the "Time" column was a series of refused numbers and every row sat at midnight). */
static void test_date_and_time_columns(void)
{
    const char *in = "Date;Time;Value\n2024-02-29;12:00:00;1,5\n2024-02-29;12:00:01.5;2\n"
                     "2024-02-29;noon;3\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_columns(p) == 1 && !strcmp(rp_csv_parser_column_name(p, 0), "Value"));
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_UNSPECIFIED);
    RP_CHECK(g_a.n == 2 && g_a.time[0] == 1709208000.0 && g_a.time[1] == 1709208001.5 &&
             g_a.v[0][0] == 1.5f && g_a.v[1][0] == 2.0f);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_BAD_TIME], 1); /* "noon": the row is refused */
    RP_CHECK(strstr(rp_csv_parser_last_error(p), "bad time 'noon'") != NULL);
    rp_csv_parser_destroy(p);
}

/* A units row under the header, as data loggers write it: the units of the columns (brackets
 * dropped; the header's own unit wins), "ms" under the time column makes it milliseconds; the
 * row is skipped, not a row of refused numbers and a refused time. */
static void test_units_row(void)
{
    const char *in = "time,temp,hum [%],v\nms,[\xc2\xb0"
                     "C],pct,\n0,21.5,40,1\n500,22,41,2\n";
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, chunk, 0, &g_a, &p);
        RP_CHECK_EQ_INT(s.rows_rejected, 0);
        RP_CHECK_EQ_INT(s.fields_bad, 0);
        RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS);
        RP_CHECK(!strcmp(rp_csv_parser_column_unit(p, 0), "\xc2\xb0"
                                                          "C") &&
                 !strcmp(rp_csv_parser_column_unit(p, 1), "%") &&
                 !strcmp(rp_csv_parser_column_unit(p, 2), ""));
        RP_CHECK(g_a.headers == 1 && g_a.n == 2 && g_a.time[1] == 500.0 && g_a.v[0][0] == 21.5f);
        rp_csv_parser_destroy(p);
    }
}

/* A first column counted in a unit of time is the time whatever its name: "X [s]" in the header,
 * or "second" in a units row under "x-axis,1,2" (an oscilloscope's export); both were series. */
static void test_time_by_unit(void)
{
    const char *in[2] = {
        "X [s],CH1 [V]\n0.000,1\n0.001,2\n",
        "x-axis,1,2\nsecond,Volt,Volt\n-1.0e-03,0.01,0.02\n-0.999e-03,0.02,0.03\n"};
    for (int k = 0; k < 2; k++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(in[k], strlen(in[k]), (rp_csv_parser_desc){0}, k, 0, &g_a, &p);
        RP_CHECK_MSG(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_S &&
                         rp_csv_parser_columns(p) == k + 1 && s.rows_ok == 2 && g_a.has_time[1] &&
                         g_a.time[1] == (k ? -0.999e-3 : 0.001),
                     "case %d: %d columns, time unit %d", k, rp_csv_parser_columns(p),
                     (int)rp_csv_parser_time_unit(p));
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 0), k ? "1" : "CH1") &&
                 !strcmp(rp_csv_parser_column_unit(p, 0), k ? "Volt" : "V"));
        rp_csv_parser_destroy(p);
    }
}

/* Lines that all end with the delimiter ("time,a,b," then "0,1,2,"), as some loggers write
 * them: no empty column "col4"; a header ending so over rows with a value there is a column. */
static void test_trailing_delimiter(void)
{
    const char *habit = "time;a;b;\r\ns;V;A;\r\n0;1,5;2;\r\n1;2;3\r\n2;3;4;;\r\n";
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(habit, strlen(habit), (rp_csv_parser_desc){0}, chunk, 0, &g_a, &p);
        RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2);
        RP_CHECK_EQ_INT(g_a.columns_at_header, 2);
        RP_CHECK(!strcmp(rp_csv_parser_column_unit(p, 1), "A"));
        RP_CHECK_EQ_INT(s.rows_ok, 2); /* "1;2;3" too; two empty fields at the end: too many */
        RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_FIELD_COUNT], 1);
        RP_CHECK_EQ_INT(s.fields_empty, 0);
        RP_CHECK(g_a.n == 2 && g_a.v[0][0] == 1.5f && g_a.v[1][1] == 3.0f && g_a.time[1] == 1.0);
        rp_csv_parser_destroy(p);
    }
    const char *column = "time,a,\n0,1,7\n1,2,\n";
    rp_csv_parser *p = NULL;
    run(column, strlen(column), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2);
    RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 1), "col3"));
    RP_CHECK(g_a.n == 2 && g_a.v[0][1] == 7.0f && isnan(g_a.v[1][1]));
    rp_csv_parser_destroy(p);
}

/* Columns separated by blanks (delimiter ' '): runs of spaces and tabs between fields, none at
 * the ends, quoted fields whole ("aligned" output of programs, R, a sketch's label line). */
static void test_blank_delimiter(void)
{
    const char *in = "  time \t temp   \"rel hum\"  \n  s   degC  %\n  0.0  21,5   40  \n"
                     "0.5\t21.6\t41\n1.0 21.7\n";
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s =
            run(in, strlen(in), (rp_csv_parser_desc){.delimiter = ' '}, chunk, 0, &g_a, &p);
        RP_CHECK(rp_csv_parser_delimiter(p) == ' ');
        RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2);
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 1), "rel hum") &&
                 !strcmp(rp_csv_parser_column_unit(p, 0), "degC"));
        RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_S);
        RP_CHECK_EQ_INT(s.rows_ok, 2);
        RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_FIELD_COUNT], 1); /* "1.0 21.7": 2 fields */
        RP_CHECK(g_a.n == 2 && g_a.v[0][0] == 21.5f && g_a.v[1][1] == 41.0f && g_a.time[1] == 0.5);
        rp_csv_parser_destroy(p);
    }
}

/* A header (and units row) written in Windows-1252, as Excel and loggers on Western European
 * Windows write them: its words read as such ("°C", "Ü", "€"); a name with a byte that code page
 * leaves undefined stays as written (its series refuses it, counted). */
static void test_windows_1252(void)
{
    const char *in = "Zeit;Temp [\xb0"
                     "C];\xdc"
                     "berdruck;Preis \x80;x\x81y\ns;\xb0"
                     "C;\xb5m;;\n"
                     "0;21,5;1;2;3\n";
    for (int chunk = 0; chunk < 2; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s =
            run(in, strlen(in), (rp_csv_parser_desc){.time_column = "zeit"}, chunk, 0, &g_a, &p);
        RP_CHECK_EQ_INT(s.rows_ok, 1);
        RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 4);
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 0), "Temp") &&
                 !strcmp(rp_csv_parser_column_unit(p, 0), "\xc2\xb0"
                                                          "C"));
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 1), "\xc3\x9c"
                                                          "berdruck") &&
                 !strcmp(rp_csv_parser_column_unit(p, 1), "\xc2\xb5m"));
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 2), "Preis \xe2\x82\xac"));
        RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 3), "x\x81y"));
        RP_CHECK(g_a.v[0][0] == 21.5f && g_a.v[0][3] == 3.0f);
        rp_csv_parser_destroy(p);
    }
    char out[16];
    RP_CHECK(rp_io_cp1252_to_utf8("\x99\xff", 2, out, sizeof out) == 5 &&
             !strcmp(out, "\xe2\x84\xa2\xc3\xbf"));
    RP_CHECK(rp_io_cp1252_to_utf8("\x8d", 1, out, sizeof out) == SIZE_MAX);
    RP_CHECK(rp_io_cp1252_to_utf8("\xe9\xe9\xe9", 3, out, 6) == SIZE_MAX); /* 6 bytes + NUL */
    RP_CHECK(rp_io_utf8_valid("\xc3\xa9", 2) && !rp_io_utf8_valid("\xe9", 1) &&
             !rp_io_utf8_valid("\xc0\xaf", 2) && !rp_io_utf8_valid("\xed\xa0\x80", 3));
}

/* Time columns as microcontroller loggers and lab software name them: micros() and millis()
 * columns, "time_us", "Elapsed Time (s)" (each was a series, and the rows had no time). */
static void test_more_time_names(void)
{
    const struct {
        const char *in;
        rp_time_unit unit;
        double t1;
    } cases[] = {
        {"time_us,v\n0,1\n1500,2\n", RP_TIME_UNIT_US, 1500.0},
        {"micros;v\n0;1\n1500;2\n", RP_TIME_UNIT_US, 1500.0},
        {"millis,v\n0,1\n20,2\n", RP_TIME_UNIT_MS, 20.0},
        {"Elapsed Time (s),v\n0,1\n0.5,2\n", RP_TIME_UNIT_S, 0.5},
        {"v,time since boot [ms]\n1,0\n2,7\n", RP_TIME_UNIT_MS, 7.0},
        /* "time" in other languages: Russian, French, Spanish, Chinese (their values: seconds) */
        {"\xd0\x92\xd1\x80\xd0\xb5\xd0\xbc\xd1\x8f,v\n0,1\n0.5,2\n", RP_TIME_UNIT_UNSPECIFIED, 0.5},
        {"temps;v\n0;1\n0,5;2\n", RP_TIME_UNIT_UNSPECIFIED, 0.5},
        {"tiempo,v\n0,1\n0.5,2\n", RP_TIME_UNIT_UNSPECIFIED, 0.5},
        {"\xe6\x97\xb6\xe9\x97\xb4,v\n0,1\n0.5,2\n", RP_TIME_UNIT_UNSPECIFIED, 0.5},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        rp_csv_parser *p = NULL;
        run(cases[k].in, strlen(cases[k].in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
        RP_CHECK_MSG(rp_csv_parser_time_unit(p) == cases[k].unit, "case %zu: unit %d", k,
                     (int)rp_csv_parser_time_unit(p));
        RP_CHECK(rp_csv_parser_columns(p) == 1 && !strcmp(rp_csv_parser_column_name(p, 0), "v"));
        RP_CHECK(g_a.n == 2 && g_a.has_time[1] && g_a.time[1] == cases[k].t1 && g_a.v[1][0] == 2);
        rp_csv_parser_destroy(p);
    }
    RP_CHECK(rp_time_unit_per_second(RP_TIME_UNIT_US) == 1e6);
}

/* Dates written day or month first, as spreadsheets and loggers of many locales write them
 * (every such row was refused: "bad time '29/11/2026 10:00:00'"): the column's first date that
 * tells sets the order, '/' dates are month first until one does, '.' and '-' dates day first,
 * and a date against the proven order is a bad time. 12-hour clocks with AM / PM. */
static void test_day_or_month_first(void)
{
    const double nov29 = 1795910400.0; /* 2026-11-29T00:00:00Z */
    double t;
    rp_date_order o = RP_DATE_ORDER_AUTO;
    RP_CHECK(rp_io_parse_date_as_written("29/11/2026 10:00:00", 19, &o, &t) == RP_OK &&
             t == nov29 + 36000.0 && o == RP_DATE_ORDER_DMY);
    RP_CHECK(rp_io_parse_date_as_written("1/12/2026", 9, &o, &t) == RP_OK &&
             t == nov29 + 2 * 86400.0); /* day first, as proven: 1 December */
    RP_CHECK(rp_io_parse_date_as_written("11/29/2026", 10, &o, &t) == RP_ERR_PARSE);
    o = RP_DATE_ORDER_AUTO;
    RP_CHECK(rp_io_parse_date_as_written("11/29/2026 9:05 PM", 18, &o, &t) == RP_OK &&
             t == nov29 + 21 * 3600.0 + 300.0 && o == RP_DATE_ORDER_MDY);
    RP_CHECK(rp_io_parse_date_as_written("11/30/2026 12:01:30am", 21, &o, &t) == RP_OK &&
             t == nov29 + 86400.0 + 90.0);
    RP_CHECK(rp_io_parse_date_as_written("11/29/2026 12:00 PM", 19, &o, &t) == RP_OK &&
             t == nov29 + 43200.0);
    RP_CHECK(rp_io_parse_date_as_written("11/29/2026 13:00 PM", 19, &o, &t) == RP_ERR_PARSE);
    o = RP_DATE_ORDER_AUTO; /* unproven: '/' month first, '.' and '-' day first */
    RP_CHECK(rp_io_parse_date_as_written("12/1/2026", 9, &o, &t) == RP_OK &&
             t == nov29 + 2 * 86400.0 && o == RP_DATE_ORDER_AUTO);
    RP_CHECK(rp_io_parse_date_as_written("1.12.2026 10:00", 15, &o, &t) == RP_OK &&
             t == nov29 + 2 * 86400.0 + 36000.0);
    RP_CHECK(rp_io_parse_date_as_written("01-12-2026", 10, &o, &t) == RP_OK &&
             t == nov29 + 2 * 86400.0);
    RP_CHECK(rp_io_parse_date_as_written("2026-11-29", 10, &o, &t) == RP_OK && t == nov29);
    RP_CHECK(rp_io_parse_date_as_written("13/13/2026", 10, &o, &t) == RP_ERR_PARSE);
    RP_CHECK(rp_io_parse_date_as_written("29/11/26", 8, &o, &t) == RP_ERR_PARSE);
    RP_CHECK(rp_io_parse_date_as_written("29/11-2026", 10, &o, &t) == RP_ERR_PARSE);
    RP_CHECK(rp_io_parse_date_as_written("29/11/2026 10:00 XM", 19, &o, &t) == RP_ERR_PARSE);

    /* A European logger's file: ';', decimal comma, day first proven by its second row. */
    const char *in = "Datum;Temp\n12.11.2026 23:59:59;1,5\n13.11.2026 00:00:00;2\n"
                     "11.13.2026 00:00:01;3\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 1, 0, &g_a, &p);
    RP_CHECK(g_a.n == 2 && g_a.time[1] - g_a.time[0] == 1.0 && g_a.v[0][0] == 1.5f);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_BAD_TIME], 1);
    RP_CHECK(strstr(rp_csv_parser_last_error(p), "bad time '11.13.2026 00:00:01'") != NULL);
    rp_csv_parser_destroy(p);

    /* Said day first (--date-order day): '/' dates from the 1st to the 12th are read so from the
     * first row (auto read them month first until the 13th), and a month-first date is refused. */
    const char *uk = "Date,v\n01/12/2026 10:00,1\n02/12/2026 10:00,2\n12/30/2026 10:00,3\n";
    for (int order = 0; order < 2; order++) {
        rp_csv_parser_desc d = {.date_order = order ? RP_DATE_ORDER_DMY : RP_DATE_ORDER_AUTO};
        s = run(uk, strlen(uk), d, 0, 0, &g_a, &p);
        RP_REQUIRE_VOID(g_a.n >= 2);
        const double jan12 = 1768176000.0; /* month first: 2026-01-12 */
        RP_CHECK(g_a.time[0] == (order ? nov29 + 2 * 86400.0 : jan12) + 36000.0);
        RP_CHECK(g_a.time[1] - g_a.time[0] == (order ? 86400.0 : 31 * 86400.0));
        RP_CHECK_EQ_INT(g_a.n, order ? 2 : 3);
        RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_BAD_TIME], order ? 1 : 0);
        rp_csv_parser_destroy(p);
    }
    RP_CHECK(rp_csv_parser_create(&(rp_csv_parser_desc){.on_row = on_row, .date_order = 7}, &p) ==
             RP_ERR_INVALID_ARG);
}

/* Columns whose values vary by less than float32 keeps at their size (a reading around 1e6 that
 * varies by hundredths, a byte counter near 2e7) are said once, on the 64th row, naming the
 * first of them and the step; ordinary data (a sine, a counter below 2^24) is not. */
static void test_precision_note(void)
{
    static char text[16384];
    int n = snprintf(text, sizeof text, "time,sine,reading,bytes\n");
    for (int i = 0; i < 100; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,%.6f,%.4f,%d\n", i, sin(i * 0.1),
                      1e6 + 0.01 * (i % 7), 20000000 + 3 * i);
    rows r;
    rp_csv_parser *p = NULL;
    run(text, (size_t)n, (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    RP_CHECK_EQ_INT(r.n, 100);
    RP_CHECK_EQ_INT(r.precision_row, 63);
    RP_CHECK_MSG(strstr(r.precision_note, "column 'reading'") &&
                     strstr(r.precision_note, "steps of 0.0625") &&
                     strstr(r.precision_note, "(and more)"),
                 "%s", r.precision_note);
    rp_csv_parser_destroy(p);
    n = snprintf(text, sizeof text, "time,sine,count\n");
    for (int i = 0; i < 100; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,%.6f,%d\n", i, sin(i * 0.1), 1000 + i);
    run(text, (size_t)n, (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    RP_CHECK_EQ_INT(r.precision_row, -1);
    rp_csv_parser_destroy(p);
    /* the offset comes after the first 64 rows (0..63, then 1e6 + hundredths): said on the end of
     * the run of 64 rows where it shows (the first rows' spread of 1e6 hid it); a slow ramp near
     * 4096 in 0.01 steps (float32 keeps them within 2 %) is not said */
    n = snprintf(text, sizeof text, "late,ramp\n");
    for (int i = 0; i < 200; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%.4f,%.2f\n",
                      i < 64 ? (double)i : 1e6 + 0.01 * (i % 7), 4096 + 0.01 * (i / 20));
    run(text, (size_t)n, (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    RP_CHECK_EQ_INT(r.precision_row, 127);
    RP_CHECK_MSG(strstr(r.precision_note, "column 'late'") && !strstr(r.precision_note, "more"),
                 "%s", r.precision_note);
    rp_csv_parser_destroy(p);
}

/* A first row of "no value" words under the header (a DHT sensor's first read failing: NA,NA)
 * is a row of gaps, not a units row (both series had the unit "NA" and the row was lost). */
static void test_no_value_first_row(void)
{
    const char *in = "temp,hum\nNA,NA\n21.5,40\n";
    rows r;
    rp_csv_parser *p = NULL;
    rp_csv_stats st = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    RP_REQUIRE_VOID(p != NULL);
    RP_CHECK_EQ_INT(st.rows_ok, 2);
    const char *unit = rp_csv_parser_column_unit(p, 0);
    RP_CHECK_MSG(!unit || !unit[0], "unit '%s'", unit ? unit : "");
    rp_csv_parser_destroy(p);
}

/* A time column of times of day alone goes on past midnight: "23:59:59" then "00:00:00" is the
 * next second (its rows were refused as out of order, the day after midnight lost); a step
 * back of a second stays one (the reader refuses it). */
static void test_time_of_day_midnight(void)
{
    const char *in = "time,v\n23:59:58,1\n23:59:59,2\n00:00:00,3\n00:00:01.5,4\n00:00:00.5,5\n"
                     "12:00:00,6\n23:59:59,7\n00:00:01,8\n";
    rows r;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &r, NULL);
    RP_CHECK_EQ_INT(s.rows_ok, 8);
    const double want[8] = {86398, 86399, 86400, 86401.5, 86400.5, 129600, 172799, 172801};
    for (int i = 0; i < 8 && i < r.n; i++)
        RP_CHECK_MSG(r.has_time[i] && r.time[i] == want[i], "row %d: %.3f, want %.3f", i, r.time[i],
                     want[i]);
}

/* Day-first dates whose first 12 cannot tell (01/01 .. 12/01) are read month first until 13/01
 * proves the order: the note names it and the fix, and is there for the rows refused after it
 * (sink.c appends it to their refusal); proven from the first date, or given, no note. */
static void test_date_order_note(void)
{
    static char text[4096];
    int n = snprintf(text, sizeof text, "Datum,v\n");
    for (int i = 1; i <= 20; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%02d/01/2024,%d\n", i, i);
    rows r;
    rp_csv_parser *p = NULL;
    run(text, (size_t)n, (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    const char *note = rp_csv_parser_date_note(p);
    RP_CHECK_MSG(strstr(note, "day first ('13/01/2024'") && strstr(note, "the 12 before") &&
                     strstr(note, "--date-order day"),
                 "%s", note);
    rp_csv_parser_destroy(p);
    run(text, (size_t)n, (rp_csv_parser_desc){.date_order = RP_DATE_ORDER_DMY}, 0, 0, &r, &p);
    RP_CHECK(rp_csv_parser_date_note(p)[0] == '\0');
    rp_csv_parser_destroy(p);
    const char *proven = "Datum,v\n13/01/2024,1\n14/01/2024,2\n";
    run(proven, strlen(proven), (rp_csv_parser_desc){0}, 0, 0, &r, &p);
    RP_CHECK(rp_csv_parser_date_note(p)[0] == '\0');
    rp_csv_parser_destroy(p);
}

/* German Excel: "Datum;Zeit" is a date and its time of day as "Date,Time" is (every row sat at
 * one instant), and so are the pairs of other languages; "1.012,50" with '.' between groups of
 * three digits is 1012.5 in a file of decimal commas (it was a bad number, the column empty, and
 * nothing said so): only well-formed groups; a column of which no value could be read is named. */
static void test_local_date_time_and_grouped_numbers(void)
{
    const char *in = "Datum;Zeit;Leistung [kW];Status\r\n01.03.2024;12:00:05;1.012,50;0\r\n"
                     "01.03.2024;12:01:05;-2.237.001,5;1\r\n01.03.2024;12:02:05;1.012;2\r\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2);
    RP_CHECK(!strcmp(rp_csv_parser_column_name(p, 0), "Leistung") &&
             !strcmp(rp_csv_parser_column_unit(p, 0), "kW"));
    RP_CHECK_EQ_INT(s.fields_bad, 0);
    RP_CHECK(g_a.n == 3 && g_a.time[0] == 1709294405.0 && g_a.time[1] == 1709294465.0);
    RP_CHECK(g_a.v[0][0] == 1012.5f && g_a.v[1][0] == -2237001.5f && g_a.v[2][0] == 1.012f);
    RP_CHECK(!*rp_csv_parser_unread_note(p));
    rp_csv_parser_destroy(p);
    const char *pairs[] = {"Fecha;Hora;v\n", "Date;Heure;v\n", "Data;Ora;v\n", "datum;tijd;v\n",
                           "Date;Time;v\n"};
    for (int k = 0; k < 5; k++) {
        char text[128];
        snprintf(text, sizeof text, "%s01.03.2024;12:00:05;1\n", pairs[k]);
        run(text, strlen(text), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
        RP_CHECK_MSG(rp_csv_parser_columns(p) == 1 && g_a.n == 1 && g_a.time[0] == 1709294405.0,
                     "pair %d", k);
        rp_csv_parser_destroy(p);
    }
    /* malformed groups stay malformed; a column of them is named at the end */
    in = "t;a;b\n0;1.01,5;1\n1;12.3456,7;2\n2;1.234.56;3\n";
    s = run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(s.fields_bad, 3);
    RP_CHECK(strstr(rp_csv_parser_unread_note(p), "column 'a': none of its 3 values") != NULL);
    RP_CHECK(strstr(rp_csv_parser_unread_note(p), "'1.01,5'") != NULL);
    rp_csv_parser_destroy(p);
}

/* Names over 63 bytes (ROS topic paths as PlotJuggler exports them) refused the whole file: they
 * are shortened to head "…" tail, kept distinct, on UTF-8 boundaries, with the unit cut first,
 * and said once with the full name. */
static void test_long_names_shortened(void)
{
    const char *in =
        "__time,/mavros/local_position/velocity_body_covariance/twist/linear/x_component,"
        "/mavros/local_position/velocity_body_FOO_covariance/twist/linear/x_component,"
        "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/temperature_\xc2\xb0"
        "/\xc2\xb0\xc2\xb0\xc2\xb0\xc2\xb0 [m/s]\n0,1,2,3\n1,4,5,6\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, 1, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_has_header(p) && s.rows_ok == 2 && g_a.v[1][2] == 6.0f);
    RP_REQUIRE_VOID(rp_csv_parser_columns(p) == 3);
    const char *a = rp_csv_parser_column_name(p, 0), *b = rp_csv_parser_column_name(p, 1),
               *c = rp_csv_parser_column_name(p, 2);
    RP_CHECK(strlen(a) <= 63 && strlen(b) <= 63 && strlen(c) <= 63 && strcmp(a, b) != 0);
    RP_CHECK_MSG(!strcmp(a, "/mavros/local_position/velocit\xe2\x80\xa6"
                            "iance/twist/linear/x_component"),
                 "%s", a);
    RP_CHECK_MSG(!strcmp(b, "/mavros/local_position/veloc\xe2\x80\xa6"
                            "3\xe2\x80\xa6"
                            "nce/twist/linear/x_component"),
                 "%s", b);
    RP_CHECK(rp_io_utf8_valid(c, strlen(c)) && !strcmp(rp_csv_parser_column_unit(p, 2), "m/s"));
    const char *note = rp_csv_parser_long_note(p);
    RP_CHECK_MSG(strstr(note, "column 2: name '/mavros/local_position/velocity_body_covariance/"
                              "twist/linear/x_component' is longer than 63 bytes, shortened to") &&
                     strstr(note, "(and more)"),
                 "%s", note);
    rp_csv_parser_destroy(p);
}

/* "Time(s),CH1(V)", the most common oscilloscope export header: a unit in parentheses with no
 * blank before it is a unit when it is a known one, so Time is the time column in seconds and
 * CH1 the series with unit V; "sin(t)", "f(x)" and "Channel(1)" stay names. */
static void test_units_in_parentheses(void)
{
    const char *in = "Time(s),CH1(V),sin(t),I(mA),Temp(\xc2\xb0"
                     "C),f(x),Channel(1),a(m/s^2)\n"
                     "0,1,2,3,4,5,6,7\n0.5,1,2,3,4,5,6,7\n";
    rp_csv_parser *p = NULL;
    run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_S && g_a.n == 2 && g_a.time[1] == 0.5);
    RP_REQUIRE_VOID(rp_csv_parser_columns(p) == 7);
    const char *names[7] = {"CH1", "sin(t)", "I", "Temp", "f(x)", "Channel(1)", "a"};
    const char *units[7] = {"V",
                            "",
                            "mA",
                            ("\xc2\xb0"
                             "C"),
                            "",
                            "",
                            "m/s^2"};
    for (int c = 0; c < 7; c++)
        RP_CHECK_MSG(!strcmp(rp_csv_parser_column_name(p, c), names[c]) &&
                         !strcmp(rp_csv_parser_column_unit(p, c), units[c]),
                     "column %d: '%s' '%s'", c, rp_csv_parser_column_name(p, c),
                     rp_csv_parser_column_unit(p, c));
    rp_csv_parser_destroy(p);
    in = "Time(ms),v\n0,1\n500,2\n";
    run(in, strlen(in), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(rp_csv_parser_time_unit(p) == RP_TIME_UNIT_MS && rp_csv_parser_columns(p) == 1);
    rp_csv_parser_destroy(p);
}

/* Times in messages: a date as the date-time it is ("time 1705622400.000000 s is before the
 * newest" told nothing of a day-first date read month first), read back by the ISO parser; a
 * device clock or a time of day stays seconds. */
static void test_format_time(void)
{
    char buf[64];
    double t;
    RP_CHECK(rp_io_format_time(1705622400.0, buf, sizeof buf) == 20);
    RP_CHECK_MSG(strcmp(buf, "2024-01-19T00:00:00Z") == 0, "%s", buf);
    rp_io_format_time(1733011200.0, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "2024-12-01T00:00:00Z") == 0, "%s", buf);
    rp_io_format_time(1709208000.25, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "2024-02-29T12:00:00.25Z") == 0, "%s", buf);
    RP_CHECK(rp_io_parse_iso8601(buf, strlen(buf), &t) == RP_OK && t == 1709208000.25);
    rp_io_format_time(1709207999.9999996, buf, sizeof buf); /* rounds up to the next second */
    RP_CHECK_MSG(strcmp(buf, "2024-02-29T12:00:00Z") == 0, "%s", buf);
    rp_io_format_time(951782400.5, buf, sizeof buf); /* 2000-02-29: a leap day of a century */
    RP_CHECK_MSG(strcmp(buf, "2000-02-29T00:00:00.5Z") == 0, "%s", buf);
    rp_io_format_time(253402300799.0, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "9999-12-31T23:59:59Z") == 0, "%s", buf);
    rp_io_format_time(1e8, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "1973-03-03T09:46:40Z") == 0, "%s", buf);
    for (double u = 1e8; u < 4e9; u += 86399.123456) { /* every day of 120 years reads back */
        rp_io_format_time(u, buf, sizeof buf);
        RP_CHECK(rp_io_parse_iso8601(buf, strlen(buf), &t) == RP_OK && fabs(t - u) < 1e-6);
    }
    rp_io_format_time(12.5, buf, sizeof buf); /* a device clock, a time of day: seconds */
    RP_CHECK_MSG(strcmp(buf, "12.500000 s") == 0, "%s", buf);
    rp_io_format_time(-3.0, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "-3.000000 s") == 0, "%s", buf);
    rp_io_format_time(NAN, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, "nan s") == 0, "%s", buf);
    rp_io_format_time(1e12, buf, sizeof buf); /* past year 9999: not a date */
    RP_CHECK_MSG(strcmp(buf, "1000000000000.000000 s") == 0, "%s", buf);
    RP_CHECK(rp_io_format_time(1705622400.0, buf, 8) == 20 && strlen(buf) == 7); /* cut */
}

/* A quoted field may hold line breaks (RFC 4180), as pandas and Excel write a note of several
 * lines: the row goes on while the quote is open. The row of "multi\nline" was cut in two, both
 * halves refused ("3 fields, the header has 4"), and a = 2, b = 20 at t = 1 lost. Any chunking
 * reads the same; rows and messages keep the lines of the file. */
static void test_quoted_line_breaks(void)
{
    const char *in = "time,a,note,b\n0,1,\"x\",10\n1,2,\"multi\nline\",20\n2,3,\"y\",30\n"
                     "3,4,\"a \"\"quoted\"\"\n\n# not a comment\n\",40\n4,oops,\"z\",50\n";
    for (int chunk = 0; chunk <= 1; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(in, strlen(in), (rp_csv_parser_desc){0}, chunk, 0, &g_a, &p);
        RP_CHECK_EQ_INT(s.rows_ok, 5);
        RP_CHECK_EQ_INT(s.rows_rejected, 0);
        RP_CHECK_EQ_INT(s.lines, 10); /* every line of the file, those inside quotes too */
        RP_CHECK_EQ_INT(s.lines_joined, 4);
        RP_CHECK_EQ_INT(rp_csv_parser_columns(p), 2); /* note: words, no series */
        RP_REQUIRE_VOID(g_a.n == 5);
        RP_CHECK(g_a.time[1] == 1.0 && g_a.v[1][0] == 2.0f && g_a.v[1][1] == 20.0f);
        RP_CHECK(g_a.time[3] == 3.0 && g_a.v[3][0] == 4.0f && g_a.v[3][1] == 40.0f);
        /* the line each row starts on */
        RP_CHECK(g_a.line[0] == 2 && g_a.line[1] == 3 && g_a.line[2] == 5 && g_a.line[3] == 6 &&
                 g_a.line[4] == 10);
        RP_CHECK_MSG(strstr(rp_csv_parser_last_error(p), "line 10: bad number 'oops'") != NULL,
                     "%s", rp_csv_parser_last_error(p));
        rp_csv_parser_destroy(p);
    }
    /* a name with a line break: the break reads as a space */
    const char *named = "time,\"room\ntemp\"\n0,21.5\n";
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(named, strlen(named), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(s.rows_ok == 1 && g_a.line[0] == 3);
    RP_CHECK_MSG(!strcmp(rp_csv_parser_column_name(p, 0), "room temp"), "%s",
                 rp_csv_parser_column_name(p, 0));
    rp_csv_parser_destroy(p);
}

/* A stray quote that never closes (a row cut short, a '"' typed by hand) must not swallow the
 * rest of the file: after RP_CSV_QUOTED_LINES_MAX lines (or RP_LINE_MAX bytes, or the end) the
 * row is refused, said with its line, and the lines after it are read as rows again. */
static void test_quote_never_closed(void)
{
    static char in[64 * 1024];
    size_t len = (size_t)snprintf(in, sizeof in, "time,a,note,b\n0,1,\"oops,10\n");
    for (int i = 1; i <= 200; i++)
        len += (size_t)snprintf(in + len, sizeof in - len, "%d,%d,n,%d\n", i, i, 10 * i);
    for (int chunk = -1; chunk <= 1; chunk++) {
        rp_csv_parser *p = NULL;
        rp_csv_stats s = run(in, len, (rp_csv_parser_desc){0}, chunk, 7, &g_a, &p);
        RP_CHECK_EQ_INT(s.rows_ok, 200);
        RP_CHECK_EQ_INT(s.rows_rejected, 1);
        RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_OPEN_QUOTE], 1);
        RP_CHECK_EQ_INT(s.lines, 202);
        RP_CHECK_MSG(strstr(rp_csv_parser_last_error(p), "line 2: a quote opened in this row is "
                                                         "not closed within 64 lines") != NULL,
                     "%s", rp_csv_parser_last_error(p));
        RP_REQUIRE_VOID(g_a.n == 200);
        RP_CHECK(g_a.time[0] == 1.0 && g_a.line[0] == 3 && g_a.time[199] == 200.0 &&
                 g_a.line[199] == 202 && g_a.v[63][1] == 640.0f);
        rp_csv_parser_destroy(p);
    }
    /* a second stray quote among the lines read anew; one at the end of the input */
    len = (size_t)snprintf(in, sizeof in, "time,a\n0,\"1\n1,1\n2,\"2\n3,3\n");
    for (int i = 4; i < 100; i++) len += (size_t)snprintf(in + len, sizeof in - len, "%d,1\n", i);
    len += (size_t)snprintf(in + len, sizeof in - len, "100,\"5\n101,5\n");
    rp_csv_parser *p = NULL;
    rp_csv_stats s = run(in, len, (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_OPEN_QUOTE], 3);
    RP_CHECK_EQ_INT(s.rows_ok, 99); /* 1, 3..99, 101 */
    RP_CHECK_MSG(strstr(rp_csv_parser_last_error(p), "line 102: a quote opened in this row is "
                                                     "not closed before the end") != NULL,
                 "%s", rp_csv_parser_last_error(p));
    RP_CHECK(g_a.n == 99 && g_a.time[98] == 101.0 && g_a.line[98] == 103);
    rp_csv_parser_destroy(p);
    /* more bytes than a row holds: given up before 64 lines */
    len = (size_t)snprintf(in, sizeof in, "time,a\n0,\"");
    for (int i = 0; i < 40; i++) {
        memset(in + len, 'x', 999);
        len += 999;
        in[len++] = '\n';
    }
    len += (size_t)snprintf(in + len, sizeof in - len, "1,2\n");
    s = run(in, len, (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_OPEN_QUOTE], 1);
    RP_CHECK_EQ_INT(s.rejected[RP_CSV_REJECT_FIELD_COUNT], 39); /* the x lines, read anew */
    RP_CHECK(g_a.n >= 1 && g_a.time[g_a.n - 1] == 1.0 && g_a.v[g_a.n - 1][0] == 2.0f);
    rp_csv_parser_destroy(p);
    /* a header whose quote never closes is refused, as a header with bad quotes was */
    const char *header = "time,\"a\n0,1\n";
    s = run(header, strlen(header), (rp_csv_parser_desc){0}, 0, 0, &g_a, &p);
    RP_CHECK(!rp_csv_parser_has_header(p) && s.rows_ok == 0);
    RP_CHECK_MSG(strstr(rp_csv_parser_last_error(p), "line 1: header refused") != NULL, "%s",
                 rp_csv_parser_last_error(p));
    rp_csv_parser_destroy(p);
}

int main(void)
{
    test_quoted_line_breaks();
    test_quote_never_closed();
    test_format_time();
    test_no_value_words();
    test_units_in_parentheses();
    test_long_names_shortened();
    test_local_date_time_and_grouped_numbers();
    test_date_order_note();
    test_time_of_day_midnight();
    test_precision_note();
    test_no_value_first_row();
    test_day_or_month_first();
    test_more_time_names();
    test_units_row();
    test_time_by_unit();
    test_trailing_delimiter();
    test_windows_1252();
    test_blank_delimiter();
    test_date_and_time_columns();
    test_sep_line();
    test_tool_tables();
    test_pandas_index();
    test_one_field_more();
    test_repeated_header();
    test_hex_values();
    test_header_units();
    test_time_and_values();
    test_delimiters();
    test_time_choice();
    test_limits_and_junk();
    {
        /* ISO 8601 time fields become Unix seconds (ms for an ms column) */
        double t;
        RP_CHECK(rp_io_parse_iso8601("1970-01-01", 10, &t) == RP_OK && t == 0.0);
        RP_CHECK(rp_io_parse_iso8601("2024-02-29T12:00:00Z", 20, &t) == RP_OK && t == 1709208000.0);
        RP_CHECK(rp_io_parse_iso8601("2024-02-29 13:30:00.25+01:30", 28, &t) == RP_OK &&
                 t == 1709208000.25);
        RP_CHECK(rp_io_parse_iso8601("1969-12-31T23:59:59", 19, &t) == RP_OK && t == -1.0);
        /* " UTC" / " GMT" after the time (date(1), sadf -d, vmstat -t): Z */
        RP_CHECK(rp_io_parse_iso8601("2024-02-29 12:00:00 UTC", 23, &t) == RP_OK &&
                 t == 1709208000.0);
        RP_CHECK(rp_io_parse_iso8601("2024-02-29 12:00:00 GMT", 23, &t) == RP_OK &&
                 t == 1709208000.0);
        RP_CHECK(rp_io_parse_iso8601("2024-02-29 12:00:00 CET", 23, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("2024-13-01", 10, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("2024-01-01T", 11, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("2024-01-01T10:00Zjunk", 21, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("12345", 5, &t) == RP_ERR_PARSE);
        /* a time of day alone, as loggers and spreadsheets write a time column: seconds since
         * midnight (such rows were all refused: "bad time '12:00:01'") */
        /* year first with '/', as spreadsheets write dates (such rows were all refused) */
        RP_CHECK(rp_io_parse_iso8601("2024/2/29 12:00", 15, &t) == RP_OK && t == 1709208000.0);
        RP_CHECK(rp_io_parse_iso8601("2024/02/29 9:05:00", 18, &t) == RP_OK &&
                 t == 1709208000.0 - 3 * 3600 + 300);
        RP_CHECK(rp_io_parse_iso8601("2024/02-29", 10, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("2024-2-29", 9, &t) == RP_ERR_PARSE); /* ISO: two digits */
        RP_CHECK(rp_io_parse_iso8601("12:00:01", 8, &t) == RP_OK && t == 43201.0);
        RP_CHECK(rp_io_parse_iso8601("9:05:00.5", 9, &t) == RP_OK && t == 32700.5);
        RP_CHECK(rp_io_parse_iso8601("23:59", 5, &t) == RP_OK && t == 86340.0);
        RP_CHECK(rp_io_parse_iso8601("12:60:00", 8, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("12:00:", 6, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("1:2:3", 5, &t) == RP_ERR_PARSE);
        RP_CHECK(rp_io_parse_iso8601("2024-02-29T12:00:00.1", 21, &t) == RP_OK &&
                 t == 1709208000.0 + 0.1);
        const char *clock = "time,v\n12:00:00,1\n12:00:01.5,2\n";
        rp_csv_stats s = run(clock, strlen(clock), (rp_csv_parser_desc){0}, 0, 0, &g_a, NULL);
        RP_CHECK(s.rows_ok == 2 && g_a.time[0] == 43200.0 && g_a.time[1] == 43201.5);
    }
    return rp_test_finish();
}
