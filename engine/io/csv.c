/* csv.c — streaming CSV parser: a header row naming the columns, then rows of numbers.
 * Rules and limits: io/parse.h. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/io_internal.h"

typedef enum { HEADER_WAIT, HEADER_OK, HEADER_REFUSED } header_state;

typedef struct field {
    const char *s; /* content (inside the quotes when quoted; "" escapes not yet resolved) */
    size_t len;
    bool quoted;
    bool bad; /* unterminated quote or junk after the closing quote */
} field;

struct rp_csv_parser {
    rp_csv_parser_desc desc;
    char time_name[RP_LINE_NAME_MAX + 1]; /* copy of desc.time_column */
    rp_lines lines;
    rp_csv_stats stats;
    header_state state;
    char delim;
    int fields; /* fields per row kept (header columns, time included) */
    int beyond; /* fields per row past RP_CSV_COLUMNS_MAX: counted, not read */
    char beyond_note[RP_IO_ERROR_MAX]; /* which columns those are ("" none) */
    bool trailing_maybe; /* the header ends with a delimiter: a column, or a habit (first row) */
    bool trailing_delim; /* ...a habit: rows end with it too; no column there (row_fields) */
    bool remark_last;    /* the header's last column is one rows leave out when empty
                            (LabVIEW's "Comment"): no series, its field dropped when there */
    int time_field;      /* index of the time field, -1 when none */
    int clock_field;     /* a "time" column beside a "date" time field: the time of that day; -1 */
    int index_field;     /* pandas' row numbers under an unnamed first column: no series; -1 */
    bool text_field[RP_CSV_COLUMNS_MAX]; /* a column of words (its first row's): no series */
    char text_note[RP_IO_ERROR_MAX];     /* which columns were words ("" none) */
    char long_note[256];                 /* which names were shortened ("" none) */
    bool first_unnamed; /* the header's first column has no name ("" or pandas' "Unnamed: 0") */
    bool row_names;     /* R's write.table: rows have a first field the header does not name */
    rp_time_unit unit;
    rp_date_order date_order; /* of the time column's dates written day or month first */
    int columns;              /* value columns */
    bool header_pending;      /* on_header waits for the first row: a units row, a time index */
    bool index_pending;      /* no time column named: the first row says whether the first is one */
    bool units_seen;         /* the row after the header was a units row */
    double start, increment; /* Rigol's export: time = start + X · increment (increment > 0) */
    rp_day_clock day_clock;  /* a time column of times of day alone ("23:59:58") */
    rp_status call_status;   /* worst status of the current feed call */
    rp_status header_status; /* why the header was refused (RP_ERR_LIMIT or RP_ERR_PARSE) */
    char names[RP_CSV_COLUMNS_MAX][RP_LINE_NAME_MAX + 1];
    char units[RP_CSV_COLUMNS_MAX][RP_LINE_UNIT_MAX + 1]; /* "" when the header gave none */
    field split[RP_CSV_COLUMNS_MAX + 1];
    float values[RP_CSV_COLUMNS_MAX];
    bool empty[RP_CSV_COLUMNS_MAX]; /* the row's field of that column was empty */
    /* float32 against each column's own spread over each run of PRECISION_ROWS rows (as parsed,
     * doubles): the range and the largest rounding to float32; until said once */
    double value_lo[RP_CSV_COLUMNS_MAX], value_hi[RP_CSV_COLUMNS_MAX];
    double rounding[RP_CSV_COLUMNS_MAX];
    double value_prev[RP_CSV_COLUMNS_MAX], value_step[RP_CSV_COLUMNS_MAX]; /* smallest change */
    bool value_seen[RP_CSV_COLUMNS_MAX];
    bool precision_said;
    char precision_note[RP_IO_ERROR_MAX];
    /* values read and refused per value column, the first refused one: a column of which none
     * could be read is said at the end (unread_note) */
    int64_t col_read[RP_CSV_COLUMNS_MAX], col_bad[RP_CSV_COLUMNS_MAX];
    char col_first_bad[RP_CSV_COLUMNS_MAX][28];
    char unread_note[RP_IO_ERROR_MAX];
    /* dates read one way (month first for '/') until one proved the other: said with the fix */
    int64_t dated_rows;
    char date_note[RP_IO_ERROR_MAX];
    char last_error[RP_IO_ERROR_MAX];
    /* the header line as written (trailing blanks cut): a row equal to it is the header again
     * (vmstat repeats it every 20 rows, "cat a.csv b.csv"), skipped */
    char header_line[RP_LINE_MAX + 1];
    size_t header_len;
    /* the line (1-based, lines_before not counted) where the row being read starts: its messages
     * and rp_csv_row.line name it */
    int64_t row_line;
    /* a row whose quoted field holds line breaks (RFC 4180; pandas, Excel): its lines so far,
     * joined by '\n', while the quote is open (rec_lines > 0); rec_line: its first line */
    char rec[RP_LINE_MAX + 1];
    size_t rec_len;
    int rec_lines;
    int64_t rec_line;
    size_t rec_at; /* where rec's first line is in replay, when it began there */
    /* a row given up: its lines after the first, read anew from replay_at (line replay_line);
     * line_at: where the line being read anew is */
    char replay[RP_LINE_MAX + 1];
    size_t replay_len, replay_at, line_at;
    int64_t replay_line;
    bool replaying;
};

static const char *const k_reject_names[RP_CSV_REJECT_COUNT] = {
    [RP_CSV_REJECT_TOO_LONG] = "line too long",
    [RP_CSV_REJECT_BINARY] = "control byte",
    [RP_CSV_REJECT_FIELD_COUNT] = "wrong field count",
    [RP_CSV_REJECT_BAD_TIME] = "bad time",
    [RP_CSV_REJECT_NO_HEADER] = "no valid header",
    [RP_CSV_REJECT_OPEN_QUOTE] = "quote not closed",
};

const char *rp_csv_reject_string(rp_csv_reject reason)
{
    if ((unsigned)reason >= RP_CSV_REJECT_COUNT) return "unknown";
    return k_reject_names[reason];
}

static void set_status(rp_csv_parser *p, rp_status st)
{
    if (p->call_status == RP_OK) p->call_status = st;
}

static void reject_row(rp_csv_parser *p, rp_csv_reject reason, const char *detail)
{
    p->stats.rejected[reason]++;
    p->stats.rows_rejected++;
    set_status(p, RP_ERR_PARSE);
    /* After a refused header the refusal stays the message: it is the cause worth reading. */
    if (reason != RP_CSV_REJECT_NO_HEADER)
        rp_io_msg(p->last_error, sizeof p->last_error, "line %lld: %s",
                  (long long)(p->desc.lines_before + p->row_line), detail);
}

static bool is_trim(const rp_csv_parser *p, unsigned char c)
{
    return c == ' ' || (c == '\t' && p->delim != '\t');
}

/* The delimiter ' ' stands for blanks: a run of spaces and tabs between two fields (columns
 * aligned by a program or a person: "time  temp   hum"). */
static bool is_delim(const rp_csv_parser *p, unsigned char c)
{
    return c == (unsigned char)p->delim || (p->delim == ' ' && c == '\t');
}

/* Splits a line into fields; stores at most `max` of them and returns how many there are (up to
 * stop + 1: one more than allowed is enough to know the count is wrong). */
static int split_count(const rp_csv_parser *p, const char *s, size_t len, field *out, int max,
                       int stop)
{
    const char *e = s + len;
    int n = 0;
    for (;;) {
        field f = {0};
        while (s < e && is_trim(p, (unsigned char)*s)) s++;
        if (s < e && *s == '"') {
            f.quoted = true;
            f.s = ++s;
            for (;;) {
                const char *q = memchr(s, '"', (size_t)(e - s));
                if (!q) {
                    f.bad = true;
                    s = e;
                    f.len = (size_t)(e - f.s);
                    break;
                }
                if (q + 1 < e && q[1] == '"') {
                    s = q + 2;
                    continue;
                } /* "" inside quotes */
                f.len = (size_t)(q - f.s);
                s = q + 1;
                break;
            }
            while (s < e && p->delim != ' ' && is_trim(p, (unsigned char)*s)) s++;
            if (s < e && !is_delim(p, (unsigned char)*s)) {
                f.bad = true;
                while (s < e && !is_delim(p, (unsigned char)*s)) s++;
            }
        } else {
            const char *d = s;
            if (p->delim == ' ') {
                while (d < e && !is_delim(p, (unsigned char)*d)) d++;
            } else {
                /* e >= s here; saying so keeps GCC's object-size analysis quiet under ASan */
                size_t left = e > s ? (size_t)(e - s) : 0;
                d = left ? memchr(s, p->delim, left) : NULL;
                if (!d) d = e;
            }
            const char *end = d;
            f.s = s;
            while (end > s && is_trim(p, (unsigned char)end[-1])) end--;
            f.len = (size_t)(end - s);
            s = d;
        }
        if (n < max) out[n] = f;
        n++;
        if (p->delim == ' ') { /* a run of blanks; none closes the line */
            while (s < e && is_delim(p, (unsigned char)*s)) s++;
            if (s < e && n <= stop) continue;
            return n;
        }
        if (s < e && *s == p->delim && n <= stop) {
            s++;
            continue;
        }
        return n;
    }
}

static int split_fields(const rp_csv_parser *p, const char *s, size_t len, field *out, int max)
{
    return split_count(p, s, len, out, max, max);
}

/* Fields a row must have: the columns kept and those past the limit. */
static int fields_all(const rp_csv_parser *p) { return p->fields + p->beyond; }

/* A row's fields (how many: fields_all when it is whole): split_fields, but a row ending in an empty field (a trailing delimiter: "1,2,"
 * under "a,b", as an Arduino sketch printing a ',' after every value writes it) has the header's
 * count: the empty field is no column. */
static int row_fields(rp_csv_parser *p, const char *s, size_t len)
{
    if (p->beyond > 0) /* the fields past the limit are counted, not kept */
        return split_count(p, s, len, p->split, p->fields, fields_all(p) + 1);
    int n = split_fields(p, s, len, p->split, p->fields + 1);
    if (n == p->fields + 1 && p->split[p->fields].len == 0 && !p->split[p->fields].quoted)
        n = p->fields;
    if (p->remark_last && n == p->fields + 1) n = p->fields; /* a remark: no value */
    return n;
}

/* A header's or units row's word as UTF-8 (out: size bytes): as written when it is valid UTF-8,
 * else read as Windows-1252 (a header written by Excel or a logger on Western European Windows:
 * "Temp [°C]" with °C as 0xB0). False when it does not fit or is neither. */
static bool word_utf8(const char *s, size_t n, char *out, size_t size)
{
    if (rp_io_utf8_valid(s, n)) {
        if (n >= size) return false;
        memcpy(out, s, n);
        out[n] = '\0';
        return true;
    }
    return rp_io_cp1252_to_utf8(s, n, out, size) != SIZE_MAX;
}

static bool name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return *a == *b;
}

/* True when u[0..n) is a unit a header writes in parentheses right after a name ("Time(s)",
 * "CH1(V)", as oscilloscopes export them): a unit of the table, or a base unit after an SI
 * prefix ("mV", "kHz", "µs"). Case matters (mV, MV). */
static bool known_unit(const char *u, size_t n)
{
    static const char *const whole[] = {"s",
                                        "sec",
                                        "min",
                                        "h",
                                        "%",
                                        "\xc2\xb0"
                                        "C",
                                        "degC",
                                        "\xc2\xb0"
                                        "F",
                                        "degF",
                                        "K",
                                        "\xc2\xb0",
                                        "deg",
                                        "rad",
                                        "rpm",
                                        "dB",
                                        "dBm",
                                        "psi",
                                        "ppm",
                                        "lux",
                                        "lx",
                                        "m/s",
                                        "m/s^2",
                                        "m/s\xc2\xb2",
                                        "km/h",
                                        "rad/s",
                                        "deg/s",
                                        "dps",
                                        "Nm",
                                        "ohm",
                                        "VA"};
    static const char *const base[] = {"s", "V", "A",  "W",        "Hz", "Pa", "bar", "m", "g",
                                       "N", "J", "Wh", "\xce\xa9", "L",  "l",  "T",   "F"};
    static const char *const prefix[] = {"p", "n", "u", "\xc2\xb5", "\xce\xbc",
                                         "m", "c", "k", "M",        "G"};
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        if (strlen(whole[i]) == n && !memcmp(u, whole[i], n)) return true;
    for (size_t k = 0; k <= sizeof prefix / sizeof prefix[0]; k++) {
        size_t pn = k == 0 ? 0 : strlen(prefix[k - 1]);
        if (pn > n || (pn && memcmp(u, prefix[k - 1], pn))) continue;
        for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
            if (strlen(base[i]) == n - pn && !memcmp(u + pn, base[i], n - pn)) return true;
    }
    return false;
}

/* "volt [V]", "volt[V]", "temp (°C)", "time [ms]": a trailing bracketed unit, as loggers and
 * spreadsheets write it, is cut from name and copied to unit ("" when there is none). '(' needs a
 * blank before it, so that "sin(t)" stays a name, unless what it holds is a known unit
 * ("Time(s)", "CH1(V)", known_unit); digits alone are an index, not a unit, so that "motor[0]",
 * "gyroADC[2]" (a flight controller's blackbox log) and "Channel (1)" stay names. */
static void split_unit(char *name, char unit[RP_LINE_UNIT_MAX + 1])
{
    size_t n = strlen(name);
    unit[0] = '\0';
    char close = n ? name[n - 1] : 0, open = close == ']' ? '[' : close == ')' ? '(' : 0;
    if (!open) return;
    size_t at = n - 1; /* the opening bracket */
    while (at > 0 && name[at] != open) at--;
    size_t len = n - 2 - at, base = at;
    while (base > 0 && name[base - 1] == ' ') base--;
    if (name[at] != open || base == 0 || len == 0 || len > RP_LINE_UNIT_MAX ||
        (open == '(' && base == at && !known_unit(name + at + 1, len)) ||
        memchr(name + at + 1, close, len) || strspn(name + at + 1, "0123456789") == len)
        return;
    memcpy(unit, name + at + 1, len);
    unit[len] = '\0';
    name[base] = '\0';
}

/* A name holding the word "time" (any case): "Elapsed Time", "time since boot". */
static bool says_time(const char *name)
{
    for (const char *c = name; *c; c++) {
        int k = 0;
        while (k < 4 && c[k] && (c[k] | 0x20) == "time"[k]) k++;
        if (k == 4) return true;
    }
    return false;
}

rp_time_unit rp_time_unit_named(const char *word, size_t n)
{
    static const struct {
        const char *word;
        rp_time_unit unit;
    } units[] = {{"s", RP_TIME_UNIT_S},
                 {"ms", RP_TIME_UNIT_MS},
                 {"us", RP_TIME_UNIT_US},
                 {"\xc2\xb5s", RP_TIME_UNIT_US},
                 {"ns", RP_TIME_UNIT_NS}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t k = 0;
        while (k < n && units[i].word[k] && (word[k] | 0x20) == (units[i].word[k] | 0x20)) k++;
        if (k == n && !units[i].word[k]) return units[i].unit;
    }
    return RP_TIME_UNIT_NONE;
}

/* A unit that says what a time column counts (not NONE, not "as written"). */
static bool counts_time(rp_time_unit u)
{
    return u == RP_TIME_UNIT_S || u == RP_TIME_UNIT_MS || u == RP_TIME_UNIT_US ||
           u == RP_TIME_UNIT_NS;
}

/* A name that is a time column's only as the first column: a unit alone, or "t". */
static bool bare_time_name(const char *name)
{
    static const char *const bare[] = {"t", "s", "sec", "ms", "us", "\xc2\xb5s", "ns"};
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        if (name_eq(name, bare[i])) return true;
    return false;
}

/* Time unit implied by a column name, or NONE when the name is not a time column's. */
static rp_time_unit time_unit_of(const char *name)
{
    static const char *const ms[] = {"time_ms", "timestamp_ms", "ms", "millis"};
    static const char *const us[] = {"time_us", "timestamp_us", "us", "\xc2\xb5s", "micros"};
    /* %time: ROS's rostopic echo -p, Unix ns */
    static const char *const ns[] = {"time_ns", "timestamp_ns", "ns", "nanos", "%time"};
    static const char *const sec[] = {"seconds", "second", "time_s", "sec",
                                      "s",       "__time", /* __time: PlotJuggler's CSV export */
                                      "x_value"}; /* LabVIEW's .lvm: the time, in seconds */
    /* ... and "time" in the languages spreadsheets are written in (Spanish, French, Italian and
     * Portuguese, Polish, Turkish, Russian, Chinese, Japanese; German's "Zeit" and Dutch's "tijd"
     * are the time of day beside a "Datum" column: k_date_time) */
    static const char *const any[] = {"time",
                                      "t",
                                      "timestamp",
                                      "date",
                                      "datetime",
                                      "tiempo",
                                      "temps",
                                      "tempo",
                                      "czas",
                                      "zaman",
                                      "\xd0\xb2\xd1\x80\xd0\xb5\xd0\xbc\xd1\x8f", /* время */
                                      "\xd0\x92\xd1\x80\xd0\xb5\xd0\xbc\xd1\x8f", /* Время */
                                      "\xe6\x97\xb6\xe9\x97\xb4",                 /* 时间 */
                                      "\xe6\x99\x82\xe9\x96\x93"};                /* 時間 */
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        if (name_eq(name, ms[i])) return RP_TIME_UNIT_MS;
    for (size_t i = 0; i < sizeof us / sizeof us[0]; i++)
        if (name_eq(name, us[i])) return RP_TIME_UNIT_US;
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        if (name_eq(name, ns[i])) return RP_TIME_UNIT_NS;
    for (size_t i = 0; i < sizeof sec / sizeof sec[0]; i++)
        if (name_eq(name, sec[i])) return RP_TIME_UNIT_S;
    for (size_t i = 0; i < sizeof any / sizeof any[0]; i++)
        if (name_eq(name, any[i])) return RP_TIME_UNIT_UNSPECIFIED;
    return RP_TIME_UNIT_NONE;
}

/* The names of a date column and its time-of-day column, as spreadsheets of some languages write
 * them (English, German, Spanish, French, Italian, Dutch, Portuguese). */
static const struct {
    const char *date, *time;
} k_date_time[] = {{"date", "time"}, {"datum", "zeit"}, {"fecha", "hora"}, {"date", "heure"},
                   {"data", "ora"},  {"datum", "tijd"}, {"data", "hora"}};

/* True when date and time name such a pair ("Datum", "Zeit"), any case. */
static bool date_time_pair(const char *date, const char *time)
{
    for (size_t i = 0; i < sizeof k_date_time / sizeof k_date_time[0]; i++)
        if (name_eq(date, k_date_time[i].date) && name_eq(time, k_date_time[i].time)) return true;
    return false;
}

static void refuse_header(rp_csv_parser *p, rp_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void refuse_header(rp_csv_parser *p, rp_status st, const char *fmt, ...)
{
    char detail[RP_IO_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    rp_vformat(detail, sizeof detail, fmt, ap);
    va_end(ap);
    p->state = HEADER_REFUSED;
    p->columns = 0;
    p->header_status = st;
    rp_io_msg(p->last_error, sizeof p->last_error, "line %lld: header refused: %s",
              (long long)(p->desc.lines_before + p->row_line), detail);
}

bool rp_csv_is_sep_line(const char *line, size_t len, char *delim)
{
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 BOM before it */
        line += 3;
        len -= 3;
    }
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ')) len--;
    if (len == 7 && line[0] == '"' && line[6] == '"') { /* a spreadsheet quoted it */
        line++;
        len -= 2;
    }
    if (len != 5 || memcmp(line, "sep=", 4) != 0) return false;
    if (line[4] != ',' && line[4] != ';' && line[4] != '\t') return false;
    if (delim) *delim = line[4];
    return true;
}

/* The first `want` bytes of s or fewer, ending on a UTF-8 character's boundary. */
static size_t utf8_head(const char *s, size_t want)
{
    while (want > 0 && ((unsigned char)s[want] & 0xC0) == 0x80) want--;
    return want;
}

/* A note that names its first case says once that there are more: " (and more)" appended when
 * it fits and is not there yet. */
static void note_more(char *note, size_t size)
{
    size_t at = strlen(note);
    if (at + 16 < size && !strstr(note, " (and more)"))
        snprintf(note + at, size - at, " (and more)");
}

/* A name over RP_LINE_NAME_MAX bytes (a ROS topic path as PlotJuggler exports it), shortened into
 * names[i]: its head and its tail around "…" (the column number between two of them when that
 * made the name of an earlier column), on UTF-8 boundaries; said once, with the full name, in
 * long_note. */
static void shorten_name(rp_csv_parser *p, const char *full, int i,
                         char names[][RP_LINE_NAME_MAX + 1])
{
    static const char mark[] = "\xe2\x80\xa6"; /* U+2026 "…" */
    size_t n = strlen(full);
    for (int attempt = 0; attempt < 2; attempt++) {
        char middle[24];
        if (attempt == 0)
            snprintf(middle, sizeof middle, "%s", mark);
        else
            snprintf(middle, sizeof middle, "%s%d%s", mark, i + 1, mark);
        size_t room = RP_LINE_NAME_MAX - strlen(middle), tail_n = room / 2;
        size_t head_n = utf8_head(full, room - tail_n);
        size_t tail_at = n - tail_n;
        while (tail_at < n && ((unsigned char)full[tail_at] & 0xC0) == 0x80) tail_at++;
        snprintf(names[i], RP_LINE_NAME_MAX + 1, "%.*s%s%s", (int)head_n, full, middle,
                 full + tail_at);
        bool taken = false;
        for (int k = 0; k < i && !taken; k++) taken = strcmp(names[k], names[i]) == 0;
        if (!taken) break;
    }
    if (!p->long_note[0]) {
        char q[100];
        rp_io_quote(q, sizeof q, full, n, 90);
        rp_io_msg(p->long_note, sizeof p->long_note,
                  "column %d: name '%s' is longer than %d bytes, shortened to '%s'", i + 1, q,
                  RP_LINE_NAME_MAX, names[i]);
    } else {
        note_more(p->long_note, sizeof p->long_note);
    }
}

/* len of s[0..len) without its trailing blanks and CR */
static size_t trimmed_len(const char *s, size_t len)
{
    while (len > 0 && (rp_io_is_blank((unsigned char)s[len - 1]) || s[len - 1] == '\r')) len--;
    return len;
}

static void parse_header(rp_csv_parser *p, const char *s, size_t len)
{
    p->long_note[0] = '\0';
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    } /* UTF-8 BOM */
    p->header_len = trimmed_len(s, len);
    if (p->header_len > RP_LINE_MAX) p->header_len = 0;
    memcpy(p->header_line, s, p->header_len);
    if (p->delim == 0) {
        /* Most frequent candidate outside quotes wins; ties in the order , ; tab. */
        size_t count[3] = {0, 0, 0};
        bool in_quotes = false;
        for (size_t i = 0; i < len; i++) {
            char c = s[i];
            if (c == '"')
                in_quotes = !in_quotes;
            else if (!in_quotes && c == ',')
                count[0]++;
            else if (!in_quotes && c == ';')
                count[1]++;
            else if (!in_quotes && c == '\t')
                count[2]++;
        }
        p->delim = count[0] >= count[1] && count[0] >= count[2] ? ','
                   : count[1] >= count[2]                       ? ';'
                                                                : '\t';
        if (count[0] + count[1] + count[2] == 0) p->delim = ',';
    }
    /* a header wider than the limit (a CAN or PlotJuggler export of 500 signals): its first
     * RP_CSV_COLUMNS_MAX columns are read, the others refused and counted each row */
    int all = split_count(p, s, len, p->split, RP_CSV_COLUMNS_MAX + 1, INT_MAX - 1);
    int n = all < RP_CSV_COLUMNS_MAX ? all : RP_CSV_COLUMNS_MAX;
    p->beyond = all - n;
    p->beyond_note[0] = '\0';
    if (p->beyond > 0) {
        char first[48];
        const field *f = &p->split[RP_CSV_COLUMNS_MAX];
        rp_io_quote(first, sizeof first, f->s, f->len, 32);
        rp_io_msg(p->beyond_note, sizeof p->beyond_note,
                  "more than %d columns: the %d from column %d ('%s') to %d are no series, their "
                  "values counted as refused (series_limit), not read",
                  RP_CSV_COLUMNS_MAX, p->beyond, RP_CSV_COLUMNS_MAX + 1, first, all);
    }
    /* "time,a,b,": a column without a name, or a logger that ends every line with the delimiter
     * (the first row tells: settle_header) */
    p->trailing_delim = p->remark_last = false;
    p->trailing_maybe =
        n > 1 && p->beyond == 0 && p->split[n - 1].len == 0 && !p->split[n - 1].quoted;
    char names[RP_CSV_COLUMNS_MAX][RP_LINE_NAME_MAX + 1];
    char units[RP_CSV_COLUMNS_MAX][RP_LINE_UNIT_MAX + 1];
    for (int i = 0; i < n; i++) {
        const field *f = &p->split[i];
        char q[48];
        if (f->bad) {
            rp_io_quote(q, sizeof q, f->s, f->len, 32);
            refuse_header(p, RP_ERR_PARSE, "bad quotes in column %d name '%s'", i + 1, q);
            return;
        }
        char raw[RP_CSV_NAME_READ_MAX + 1], full[3 * RP_CSV_NAME_READ_MAX + 1];
        size_t o = 0;
        bool fits = true;
        for (size_t k = 0; k < f->len && fits; k++) {
            if (f->quoted && f->s[k] == '"') k++; /* "" → " */
            fits = o < RP_CSV_NAME_READ_MAX;
            if (fits) raw[o++] = f->s[k];
        }
        if (!fits) {
            rp_io_quote(q, sizeof q, f->s, f->len, 24);
            refuse_header(p, RP_ERR_LIMIT, "column %d name '%s' longer than %d bytes", i + 1, q,
                          RP_CSV_NAME_READ_MAX);
            return;
        }
        if (!word_utf8(raw, o, full, sizeof full)) { /* as it is: its series refuses it */
            memcpy(full, raw, o);
            full[o] = '\0';
        }
        if (i == 0) p->first_unnamed = o == 0 || (o == 10 && !memcmp(raw, "Unnamed: 0", 10));
        if (o == 0) snprintf(full, sizeof full, "col%d", i + 1);
        split_unit(full, units[i]);
        if (strlen(full) <= RP_LINE_NAME_MAX)
            memcpy(names[i], full, strlen(full) + 1);
        else
            shorten_name(p, full, i, names);
    }
    int time_field = -1, clock_field = -1;
    rp_time_unit unit = RP_TIME_UNIT_NONE;
    p->date_order = p->desc.date_order; /* AUTO, or as the user said */
    if (!p->desc.time_column) {
        for (int i = 0; i < n && time_field < 0; i++) {
            unit = time_unit_of(names[i]);
            /* a bare unit or "t" names the time only as the first column: further on, "us" is
             * vmstat's user CPU share and "t" a sensor's temperature ("h,t,p") */
            if (unit != RP_TIME_UNIT_NONE && (i == 0 || !bare_time_name(names[i]))) time_field = i;
        }
        /* "time [ms]", "time (s)": the unit in brackets says what the time column counts */
        if (time_field >= 0 && units[time_field][0]) {
            rp_time_unit said = time_unit_of(units[time_field]);
            if (counts_time(said)) unit = said;
        }
        /* "Elapsed Time (s)", "time since boot [ms]": a name that says time, a unit of time */
        for (int i = 0; i < n && time_field < 0; i++) {
            rp_time_unit said = time_unit_of(units[i]);
            if (counts_time(said) && says_time(names[i])) {
                time_field = i;
                unit = said;
            }
        }
        /* "X [s]", "x-axis (ms)": a first column counted in a unit of time, as oscilloscopes
         * and data acquisition programs export it */
        if (time_field < 0 && n >= 2 && counts_time(time_unit_of(units[0]))) {
            time_field = 0;
            unit = time_unit_of(units[0]);
        }
    } else if (p->time_name[0]) {
        for (int i = 0; i < n && time_field < 0; i++)
            if (name_eq(names[i], p->time_name)) time_field = i;
        if (time_field < 0) {   /* a typo: say what there is to choose from */
            char have[80] = ""; /* the message holds RP_IO_ERROR_MAX bytes in all */
            size_t used = 0;
            for (int i = 0; i < n; i++) { /* whole names only, quoted (they may hold tabs) */
                char shown[48];
                rp_io_quote(shown, sizeof shown, names[i], strlen(names[i]), 24);
                size_t width = strlen(shown) + (i ? 2 : 0);
                if (used + width + 8 >= sizeof have) { /* room left for ", ..." */
                    memcpy(have + used, i ? ", ..." : "...", i ? 6 : 4);
                    break;
                }
                used +=
                    (size_t)snprintf(have + used, sizeof have - used, "%s%s", i ? ", " : "", shown);
            }
            char wanted[48];
            rp_io_quote(wanted, sizeof wanted, p->time_name, strlen(p->time_name), 24);
            refuse_header(p, RP_ERR_PARSE, "no time column named '%s' (the columns: %s)", wanted,
                          have);
            return;
        }
        unit = time_unit_of(names[time_field]);
        if (unit == RP_TIME_UNIT_NONE) unit = RP_TIME_UNIT_UNSPECIFIED;
        rp_time_unit said = time_unit_of(units[time_field]); /* "Zeit [ms]" */
        if (counts_time(said)) unit = said;
    }
    /* "Date,Time,...": spreadsheets and loggers split the moment in two columns, named in their
     * language ("Datum;Zeit" in German Excel): a date column and a later time column of a pair
     * are the time, unless another column was named the time or chosen */
    for (int i = 0; i < n && clock_field < 0; i++) {
        if ((time_field >= 0 && time_field != i) || (p->desc.time_column && time_field < 0))
            continue;
        for (int k = i + 1; k < n && clock_field < 0; k++)
            if (date_time_pair(names[i], names[k])) clock_field = k;
        if (clock_field >= 0) time_field = i;
    }
    if (time_field >= 0 && p->desc.time_unit != RP_TIME_UNIT_NONE) unit = p->desc.time_unit;

    p->fields = n;
    p->time_field = time_field;
    p->clock_field = clock_field;
    p->index_field = -1;
    memset(p->text_field, 0, sizeof p->text_field);
    p->text_note[0] = '\0';
    p->row_names = false;
    if (clock_field >= 0) unit = RP_TIME_UNIT_UNSPECIFIED; /* date + time of day: seconds */
    p->unit = time_field >= 0 ? unit : RP_TIME_UNIT_NONE;
    p->columns = 0;
    for (int i = 0; i < n; i++)
        if (i != time_field && i != clock_field) {
            memcpy(p->units[p->columns], units[i], sizeof units[i]);
            memcpy(p->names[p->columns++], names[i], sizeof names[i]);
        }
    p->state = HEADER_OK;
    /* pandas' to_csv writes a frame's index first under an empty name, and loggers name their
     * date column in their own language ("Datum", "Fecha"): a first column of date-times is the
     * time column, and an unnamed one counting rows is no series, which only its first row can
     * tell */
    p->index_pending = !p->desc.time_column && n >= 2 &&
                       (time_field < 0 || (p->first_unnamed && time_field > 0 && clock_field != 0));
    p->header_pending = true; /* announced at the first row, which may say more */
}

/* The first value column is no series (it is the time, or a frame's index): the others move up. */
static void drop_first_column(rp_csv_parser *p)
{
    p->columns--;
    memmove(p->names[0], p->names[1], (size_t)p->columns * sizeof p->names[0]);
    memmove(p->units[0], p->units[1], (size_t)p->columns * sizeof p->units[0]);
}

/* The first row after a header without a time column, or with an unnamed first column: when its
 * first field is a date-time (pandas' DatetimeIndex under an empty name, a logger's "Datum") and
 * no column is the time yet, that column is the time column, not a series of refused numbers;
 * when the first column has no name ("" or "Unnamed: 0") and starts at row number 0 or 1, it is
 * a data frame's index (pandas, R): no series. Then the header is announced. */
static void settle_index(rp_csv_parser *p, const char *s, size_t len)
{
    field first;
    double t;
    rp_date_order order = RP_DATE_ORDER_AUTO;
    /* the units row may have made the first column the time ("," over "ms,..."), and a trailing
     * delimiter taken the last column: nothing left to drop then */
    if (p->time_field == 0 || p->columns < 1) return;
    if (split_fields(p, s, len, &first, 1) < 1 || first.bad) return;
    if (p->time_field < 0 && rp_io_parse_date_as_written(first.s, first.len, &order, &t) == RP_OK) {
        p->time_field = 0;
        p->unit =
            p->desc.time_unit != RP_TIME_UNIT_NONE ? p->desc.time_unit : RP_TIME_UNIT_UNSPECIFIED;
    } else if (p->row_names || (p->first_unnamed && rp_io_number(first.s, first.len, '.', &t) &&
                                (t == 0 || t == 1) && memchr(first.s, '.', first.len) == NULL)) {
        p->index_field = 0; /* a frame's row numbers (from 0, or 1 in R) or names: no series */
    } else {
        return;
    }
    drop_first_column(p);
}

static bool parse_field(const rp_csv_parser *p, const field *f, double *out);
static bool number_and_unit(const rp_csv_parser *p, const field *f, double *out, const char **unit,
                            size_t *n);

/* The row after the header, when it holds only words (no number, no value with its unit as
 * "35 %", no date-time) in as many
 * fields: a units row, as data loggers write ("time,temp" then "s,°C"). Each word, brackets
 * around it dropped, becomes the unit of its column if the header gave none (the time column's
 * "ms" or "s" says what it counts). True when the row was one (then skipped). */
static bool take_units_row(rp_csv_parser *p, const char *s, size_t len)
{
    if (row_fields(p, s, len) != fields_all(p)) return false;
    bool any = false;
    for (int i = 0; i < p->fields; i++) {
        const field *f = &p->split[i];
        double v;
        rp_date_order order = p->date_order;
        const char *unit;
        size_t unit_n;
        /* a unit is short: a longer field is a row of words ("servers.web01.cpu.load 0.52
         * 1700000000" under a line like it), whose first row is the next */
        if (f->bad || f->len > RP_LINE_UNIT_MAX + 2 ||
            (f->len > 0 && (parse_field(p, f, &v) || number_and_unit(p, f, &v, &unit, &unit_n) ||
                            rp_io_no_value_word(f->s, f->len) || /* a first read failed: NA */
                            rp_io_parse_date_as_written(f->s, f->len, &order, &v) == RP_OK)))
            return false;
        any |= f->len > 0;
    }
    if (!any) return false;
    for (int i = 0, c = 0; i < p->fields; i++) {
        const field *f = &p->split[i];
        const char *u = f->s;
        size_t n = f->len;
        if (n >= 2 && ((u[0] == '[' && u[n - 1] == ']') || (u[0] == '(' && u[n - 1] == ')'))) {
            u++;
            n -= 2;
        }
        char unit[RP_LINE_UNIT_MAX + 1] = "";
        if (memchr(u, '"', n) || !word_utf8(u, n, unit, sizeof unit)) unit[0] = '\0';
        if (i == p->time_field) {
            rp_time_unit said = time_unit_of(unit);
            if (p->unit == RP_TIME_UNIT_UNSPECIFIED && p->clock_field < 0 &&
                p->desc.time_unit == RP_TIME_UNIT_NONE && counts_time(said))
                p->unit = said;
            continue;
        }
        if (i == p->clock_field) continue;
        if (!p->units[c][0]) memcpy(p->units[c], unit, sizeof unit);
        c++;
    }
    /* "x-axis,1,2" over "second,Volt,Volt" (an oscilloscope's export): a first column counted in
     * a unit of time is the time column, as when the header says it in brackets */
    rp_time_unit first = time_unit_of(p->units[0]);
    if (p->time_field < 0 && !p->desc.time_column && p->fields >= 2 && counts_time(first)) {
        p->time_field = 0;
        p->unit = p->desc.time_unit != RP_TIME_UNIT_NONE ? p->desc.time_unit : first;
        drop_first_column(p);
    }
    p->units_seen = true;
    p->stats.lines_skipped++;
    return true;
}

static bool same_word(const char *a, const char *b) { return strcasecmp(a, b) == 0; }

/* Rigol's oscilloscope export: "X,CH1[,CH2...],Start,Increment," over "Sequence,Volt[,Volt...],
 * -6e-03,2e-06", then rows "0,-0.2," of the sample number and the channels. The time is
 * Start + X · Increment seconds; Start and Increment are no columns of the rows. True when the
 * row was that second line (then taken: its words are the channels' units). */
static bool take_start_increment(rp_csv_parser *p, const char *s, size_t len)
{
    int k = p->fields - (p->trailing_maybe ? 1 : 0); /* named fields */
    if (p->time_field >= 0 || p->desc.time_column || k < 4 || p->columns != p->fields ||
        !same_word(p->names[0], "X") || !same_word(p->names[k - 2], "Start") ||
        !same_word(p->names[k - 1], "Increment"))
        return false;
    int n = split_fields(p, s, len, p->split, p->fields + 1);
    double start, increment;
    if (n < k || !parse_field(p, &p->split[k - 2], &start) ||
        !parse_field(p, &p->split[k - 1], &increment) || !(increment > 0) || !isfinite(start))
        return false;
    for (int i = 1; i < k - 2; i++) { /* the channels' units ("Volt") */
        char unit[RP_LINE_UNIT_MAX + 1] = "";
        const field *f = &p->split[i];
        if (!memchr(f->s, '"', f->len) && word_utf8(f->s, f->len, unit, sizeof unit) &&
            !p->units[i][0])
            memcpy(p->units[i], unit, sizeof unit);
    }
    p->start = start;
    p->increment = increment;
    p->fields = p->columns = k - 2;
    p->trailing_delim = true; /* rows end with ',' or not */
    p->trailing_maybe = false;
    p->time_field = 0;
    p->unit = RP_TIME_UNIT_S;
    drop_first_column(p);
    p->units_seen = true;
    p->stats.lines_skipped++;
    return true;
}

/* R's write.table (and read.table's rule): a header of n names over rows of n + 1 fields, the
 * first of them the row names, which the header does not name: an unnamed first column. */
static void add_row_names(rp_csv_parser *p)
{
    memmove(p->names[1], p->names[0], (size_t)p->columns * sizeof p->names[0]);
    memmove(p->units[1], p->units[0], (size_t)p->columns * sizeof p->units[0]);
    snprintf(p->names[0], sizeof p->names[0], "col1");
    p->units[0][0] = '\0';
    p->fields++;
    p->columns++;
    if (p->time_field >= 0) p->time_field++;
    if (p->clock_field >= 0) p->clock_field++;
    p->first_unnamed = p->row_names = true;
    p->index_pending = !p->desc.time_column;
}

static void settle_columns(rp_csv_parser *p, const char *s, size_t len);

/* Rows of one field more than the header, a number first: the last field is a column the header
 * does not name ("1000,21.5,40,OK" under "millis,temp,hum", "21.5 40.1 1013" under "Temperature
 * Humidity"), named by its position as an unnamed column is ("col4"); words there are said once
 * and dropped as any column of words (settle_columns). */
static void add_last_column(rp_csv_parser *p)
{
    snprintf(p->names[p->columns], sizeof p->names[0], "col%d", p->fields + 1);
    p->units[p->columns][0] = '\0';
    p->fields++;
    p->columns++;
}

/* The first row after the header (or the end of the input): settles what the header alone could
 * not tell, then announces it. True when the row was a units row, consumed. */
static bool settle_header(rp_csv_parser *p, const char *s, size_t len)
{
    if (s && !p->units_seen && (take_start_increment(p, s, len) || take_units_row(p, s, len)))
        return true;
    if (s && p->trailing_maybe) { /* a first row ending empty too, or one field short: no
                                   * column, a habit of the header's writer */
        int n = split_fields(p, s, len, p->split, p->fields);
        const field *last = &p->split[p->fields - 1];
        if (((n == p->fields && last->len == 0 && !last->quoted) || n == p->fields - 1) &&
            p->time_field != p->fields - 1 && p->clock_field != p->fields - 1) {
            p->trailing_delim = true;
            p->fields--;
            p->columns--; /* the last field is the last value column */
        }
        p->trailing_maybe = false;
    }
    /* a first row one field short of a header of 3 or more whose last column is a remark
     * (LabVIEW's "X_Value<tab>...<tab>Comment" over rows of the values alone): rows leave it out
     * when they have nothing there; no series, a row with it has it dropped. Only a column so
     * named: any other, a first row short of it is a row short of a value, refused as ever */
    static const char *const remarks[] = {"comment", "comments", "remark",
                                          "remarks", "note",     "notes"};
    bool remark_named = false;
    for (size_t i = 0; p->columns > 0 && i < sizeof remarks / sizeof remarks[0]; i++)
        remark_named |= name_eq(p->names[p->columns - 1], remarks[i]);
    if (s && remark_named && !p->trailing_delim && p->fields >= 3 &&
        p->time_field < p->fields - 1 && p->clock_field < p->fields - 1 &&
        split_fields(p, s, len, p->split, p->fields) == p->fields - 1) {
        p->remark_last = true;
        p->fields--;
        p->columns--;
    }
    /* a first row of one field more than the header: a trailing delimiter (an empty last field:
     * no column, row_fields), R's row names (a quoted first field or one that is no number:
     * "Mazda RX4"), or else a last column the header does not name ("1000,21.5,40,OK" under
     * "millis,temp,hum"): a column of its own, "colN" as an unnamed one, never a shift of the
     * values to the names before them */
    if (s && !p->trailing_delim && p->fields >= 2 && p->fields < RP_CSV_COLUMNS_MAX &&
        split_fields(p, s, len, p->split, p->fields + 1) == p->fields + 1) {
        const field *first = &p->split[0], *last = &p->split[p->fields];
        double v, w;
        if (last->len == 0 && !last->quoted) {
            /* a habit of the writer: row_fields drops it */
        } else if (first->quoted || !parse_field(p, first, &v) ||
                   /* R's write.table(quote = FALSE): its row names are 1, 2, 3...; a last
                    * column of numbers, not a writer's status word ("1,21.5,40,OK") */
                   (first->len == 1 && first->s[0] == '1' && parse_field(p, last, &w))) {
            add_row_names(p);
        } else {
            add_last_column(p);
        }
    }
    if (s && p->index_pending) settle_index(p, s, len);
    p->index_pending = false;
    if (s) settle_columns(p, s, len);
    p->header_pending = false;
    if (p->desc.on_header) p->desc.on_header(p->desc.user, p);
    return false;
}

/* A number written with a decimal comma and '.' between groups of three digits, as Excel and
 * loggers in German and other locales write it ("1.012,50", "-1.234.567"): the number without
 * them. Only well-formed groups: 1 to 3 digits, then groups of exactly 3; one group is taken only
 * with a decimal comma after it ("1.012" stays 1.012, as a decimal point reads it). */
static bool grouped_number(const char *s, size_t len, double *out)
{
    char digits[64];
    size_t o = 0, i = 0;
    if (len >= sizeof digits) return false;
    if (s[0] == '+' || s[0] == '-') digits[o++] = s[i++];
    size_t lead = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; lead++) digits[o++] = s[i++];
    if (lead < 1 || lead > 3) return false;
    int groups = 0;
    for (; i < len && s[i] == '.'; groups++) {
        i++;
        for (int k = 0; k < 3; k++, i++) {
            if (i >= len || s[i] < '0' || s[i] > '9') return false;
            digits[o++] = s[i];
        }
    }
    bool comma = i + 1 < len && s[i] == ',';
    if (groups == 0 || (groups == 1 && !comma)) return false;
    if (comma) {
        digits[o++] = s[i++];
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) digits[o++] = s[i];
    }
    return i == len && rp_io_number(digits, o, ',', out);
}

static bool parse_field(const rp_csv_parser *p, const field *f, double *out)
{
    if (f->bad) return false;
    if (rp_io_number(f->s, f->len, '.', out) || rp_io_hex_integer(f->s, f->len, out)) return true;
    /* A decimal comma cannot be told from a delimiter in comma-separated files. */
    return p->delim != ',' &&
           (rp_io_number(f->s, f->len, ',', out) || grouped_number(f->s, f->len, out));
}

/* A number followed by a unit in the field ("35 %", "1024 MiB", "21.5°C", as nvidia-smi and some
 * loggers write every value): true with the number in *out and the unit's bytes in unit[0..*n);
 * the unit is a word of at most RP_LINE_UNIT_MAX bytes holding no digit. */
static bool number_and_unit(const rp_csv_parser *p, const field *f, double *out, const char **unit,
                            size_t *n)
{
    size_t end, u;
    if (f->bad || !rp_io_split_unit(f->s, f->len, RP_LINE_UNIT_MAX, &end, &u)) return false;
    field num = {.s = f->s, .len = end};
    if (!parse_field(p, &num, out)) return false;
    *unit = f->s + u;
    *n = f->len - u;
    return rp_io_utf8_valid(*unit, *n);
}

/* A field that says "no value" in some writer's words (R's NA, nvidia-smi's [N/A], a logger's
 * "-" or "ERR"): a gap of a number column, never the sign of a column of words. */
static bool no_value_word(const field *f) { return rp_io_no_value_word(f->s, f->len); }

/* True when a field holds a letter (ASCII, or any byte of a multi-byte character). */
static bool has_letter(const field *f)
{
    for (size_t k = 0; k < f->len; k++) {
        unsigned char c = (unsigned char)f->s[k];
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80) return true;
    }
    return false;
}

/* The first row settles what its fields show (settle_header): a column whose first value is
 * words ("NVIDIA H200", a device's name, "base_link": a letter, no number, no date) is no series
 * (its fields were a gap and a refusal each row); a column whose first value carries a unit
 * ("35 %") takes it as its unit when the header gave none, and its values are read with it. A
 * malformed number ("1;2") stays a column of gaps, counted. */
static void settle_columns(rp_csv_parser *p, const char *s, size_t len)
{
    if (row_fields(p, s, len) != fields_all(p)) return;
    for (int i = 0, c = 0; i < p->fields; i++) {
        if (i == p->time_field || i == p->clock_field || i == p->index_field) continue;
        const field *f = &p->split[i];
        double v;
        const char *unit;
        size_t n;
        rp_date_order order = p->date_order;
        if (f->len == 0 || f->bad || parse_field(p, f, &v) || no_value_word(f)) {
            c++;
        } else if (number_and_unit(p, f, &v, &unit, &n)) {
            if (!p->units[c][0]) {
                memcpy(p->units[c], unit, n);
                p->units[c][n] = '\0';
            }
            c++;
        } else if (!has_letter(f) ||
                   rp_io_parse_date_as_written(f->s, f->len, &order, &v) == RP_OK) {
            c++;
        } else {
            p->text_field[i] = true; /* the column goes; the ones after it move up */
            if (!p->text_note[0]) {
                char shown[32]; /* the field as it reads, a quoted one's "" as one " */
                size_t got = 0, k = 0;
                for (; k < f->len && got < 24; k++, got++) {
                    shown[got] = f->s[k];
                    if (f->quoted && f->s[k] == '"' && k + 1 < f->len && f->s[k + 1] == '"') k++;
                }
                if (k < f->len) { /* cut: say so */
                    memcpy(shown + got, "...", 3);
                    got += 3;
                }
                shown[got] = '\0';
                rp_io_msg(p->text_note, sizeof p->text_note,
                          "column '%s' holds words ('%s' in its first row): no series", p->names[c],
                          shown);
            } else {
                note_more(p->text_note, sizeof p->text_note);
            }
            p->columns--;
            memmove(p->names[c], p->names[c + 1], (size_t)(p->columns - c) * sizeof p->names[0]);
            memmove(p->units[c], p->units[c + 1], (size_t)(p->columns - c) * sizeof p->units[0]);
        }
    }
}

/* The distance between float32 values around v. */
static double float_step(double v)
{
    float f = fabsf((float)v);
    return (double)nextafterf(f, INFINITY) - (double)f;
}

/* Rows over which float32's rounding is weighed against each column's spread. */
#define PRECISION_ROWS 64

/* Columns whose float32 rounding is over 1/200 of their spread in a run of PRECISION_ROWS rows
 * (a reading around 1e6 that varies by 0.01, a latitude in 1e-6 steps, a byte counter near 2e7):
 * their picture and statistics are of float32 steps, not of the data. Says which, once; each
 * run is judged on its own (a column that reached its offset after its first rows, 0..63 then
 * 1e6 ± 0.03, had a spread of 1e6 over them all and was never said). The next run starts. */
static const char *precision_check(rp_csv_parser *p)
{
    p->precision_note[0] = '\0';
    memset(p->value_seen, 0, sizeof p->value_seen);
    int said = 0;
    for (int c = 0; c < p->columns; c++) {
        /* steps of float32 that show in the picture (over 1/200 of the spread) and that merge
         * values the file tells apart (over a quarter of its smallest change: a slow ramp
         * 4096.01, 4096.02... in 0.01 steps keeps them, at 2 % error, and is not said) */
        double spread = p->value_hi[c] - p->value_lo[c];
        if (!(spread > 0) || !(p->rounding[c] > spread / 200) ||
            !(p->rounding[c] > p->value_step[c] / 4))
            continue;
        if (said++ == 0) {
            char qn[48];
            rp_io_quote(qn, sizeof qn, p->names[c], strlen(p->names[c]), 32);
            rp_io_msg(p->precision_note, sizeof p->precision_note,
                      "column '%s': values around %.7g spread over %.3g, but float32 keeps "
                      "steps of %.3g there (picture and statistics too): subtract the offset",
                      qn, p->value_hi[c], spread, float_step(p->value_hi[c]));
        } else {
            note_more(p->precision_note, sizeof p->precision_note);
        }
    }
    p->precision_said = said > 0;
    return said ? p->precision_note : NULL;
}

static void parse_row(rp_csv_parser *p, const char *s, size_t len)
{
    char msg[RP_IO_ERROR_MAX], q[48], qn[48];
    int n = row_fields(p, s, len), all = fields_all(p);
    if (n != all) {
        snprintf(msg, sizeof msg, "%s%d fields, the header has %d", n > all ? "more than " : "",
                 n > all ? all : n, all);
        reject_row(p, RP_CSV_REJECT_FIELD_COUNT, msg);
        return;
    }
    n = p->fields; /* those past the limit are counted by the caller, not read */
    double time = 0.0;
    if (p->time_field >= 0) {
        const field *f = &p->split[p->time_field];
        bool ok = parse_field(p, f, &time);
        double iso;
        rp_date_order before = p->date_order;
        if (!ok && !f->bad &&
            rp_io_parse_date_as_written(f->s, f->len, &p->date_order, &iso) == RP_OK) {
            if (before == RP_DATE_ORDER_AUTO && p->date_order != RP_DATE_ORDER_AUTO &&
                p->dated_rows > 0 && !p->date_note[0]) {
                bool day = p->date_order == RP_DATE_ORDER_DMY;
                rp_io_quote(q, sizeof q, f->s, f->len, 24);
                rp_io_msg(p->date_note, sizeof p->date_note,
                          "dates are written %s first ('%s' proves it), the %lld before it "
                          "were read %s first: give --date-order %s",
                          day ? "day" : "month", q, (long long)p->dated_rows, day ? "month" : "day",
                          day ? "day" : "month");
            }
            p->dated_rows++;
            /* a time of day alone goes on past midnight (a logger's "23:59:59" then "00:00:00"):
             * a step back of over 12 h is the next day, not a row out of order */
            if (iso >= 0 && iso < 86400 && !memchr(f->s, '-', f->len) && !memchr(f->s, '/', f->len))
                iso = rp_io_day_clock(&p->day_clock, iso);
            time = iso * rp_time_unit_per_second(p->unit); /* a date-time, in the column's unit */
            ok = true;
        }
        if (ok && p->clock_field >= 0) { /* the time of the day from the "time" column */
            const field *c = &p->split[p->clock_field];
            double clock = 0.0;
            ok = !c->bad && (rp_io_number(c->s, c->len, '.', &clock) ||
                             rp_io_parse_iso8601(c->s, c->len, &clock) == RP_OK);
            time += clock;
            if (!ok) f = c;
        }
        if (ok && p->increment > 0) time = p->start + time * p->increment; /* Rigol's X */
        if (!ok || !isfinite(time)) {
            rp_io_quote(q, sizeof q, f->s, f->len, 32);
            snprintf(msg, sizeof msg, "bad time '%s'", q);
            reject_row(p, RP_CSV_REJECT_BAD_TIME, msg);
            return;
        }
    }
    int64_t empty = 0, bad = 0;
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (i == p->time_field || i == p->clock_field || i == p->index_field || p->text_field[i])
            continue;
        const field *f = &p->split[i];
        double v;
        const char *unit;
        size_t unit_len;
        bool refused = false, no_value = false;
        p->empty[c] = f->len == 0 && !f->bad;
        if (p->empty[c]) {
            empty++;
            v = NAN;
        } else if (parse_field(p, f, &v)) {          /* the common case first: a number */
            no_value = isnan(v) && no_value_word(f); /* Arduino's "ovf" is a number and a word */
        } else if (!f->bad && no_value_word(f)) {    /* R's NA, a meter's OL: a gap, said by none */
            v = NAN;
            no_value = true;
        } else if (!(number_and_unit(p, f, &v, &unit, &unit_len) && p->units[c][0] &&
                     strlen(p->units[c]) == unit_len && !memcmp(p->units[c], unit, unit_len))) {
            bad++;
            v = NAN;
            refused = true;
            if (p->col_bad[c]++ == 0)
                rp_io_quote(p->col_first_bad[c], sizeof p->col_first_bad[c], f->s, f->len, 20);
            rp_io_quote(q, sizeof q, f->s, f->len, 32);
            rp_io_quote(qn, sizeof qn, p->names[c], strlen(p->names[c]),
                        32); /* names may hold tabs */
            rp_io_msg(p->last_error, sizeof p->last_error,
                      "line %lld: bad number '%s' in column '%s'",
                      (long long)(p->desc.lines_before + p->row_line), q, qn);
            set_status(p, RP_ERR_PARSE);
        }
        p->values[c] = rp_io_double_to_float(v);
        if (!p->empty[c] && !refused && !no_value) p->col_read[c]++;
        if (!p->precision_said && isfinite(v) && isfinite(p->values[c])) {
            bool first = !p->value_seen[c];
            p->value_seen[c] = true;
            p->value_lo[c] = first || v < p->value_lo[c] ? v : p->value_lo[c];
            p->value_hi[c] = first || v > p->value_hi[c] ? v : p->value_hi[c];
            double step = fabs(v - p->value_prev[c]);
            if (first) p->value_step[c] = INFINITY;
            if (!first && step > 0 && step < p->value_step[c]) p->value_step[c] = step;
            p->value_prev[c] = v;
            double r = fabs(v - (double)p->values[c]);
            p->rounding[c] = first || r > p->rounding[c] ? r : p->rounding[c];
        }
        c++;
    }
    p->stats.fields_empty += empty;
    p->stats.fields_bad += bad;
    rp_csv_row row = {
        .row = p->stats.rows_ok,
        .line = p->desc.lines_before + p->row_line,
        .has_time = p->time_field >= 0,
        .time = time,
        .values = p->values,
        .empty = p->empty,
        .count = p->columns,
        .precision_note =
            !p->precision_said && p->stats.rows_ok % PRECISION_ROWS == PRECISION_ROWS - 1
                ? precision_check(p)
                : NULL,
    };
    p->stats.rows_ok++;
    p->desc.on_row(p->desc.user, &row);
}

/* One row (or header, comment, blank line) of one line or, with a quoted field holding line
 * breaks, of several joined by '\n'. */
static void on_row_text(rp_csv_parser *p, const char *data, size_t len, bool too_long)
{
    if (too_long || len > RP_LINE_MAX) {
        char msg[64];
        snprintf(msg, sizeof msg, "longer than %d bytes, dropped", RP_LINE_MAX);
        reject_row(p, RP_CSV_REJECT_TOO_LONG, msg);
        return;
    }
    size_t i = 0;
    while (i < len && rp_io_is_blank((unsigned char)data[i])) i++;
    if (i == len || data[i] == '#') {
        p->stats.lines_skipped++;
        return;
    }
    for (size_t k = 0; k < len; k++) {
        if (rp_io_is_control((unsigned char)data[k])) {
            char msg[64];
            snprintf(msg, sizeof msg, "control byte 0x%02x at byte %zu", (unsigned char)data[k],
                     k + 1);
            if (p->state == HEADER_WAIT)
                refuse_header(p, RP_ERR_PARSE, "%s", msg);
            else
                reject_row(p, RP_CSV_REJECT_BINARY, msg);
            return;
        }
    }
    char hinted;
    if (p->state == HEADER_WAIT && rp_csv_is_sep_line(data, len, &hinted)) {
        if (p->desc.delimiter == 0) p->delim = hinted; /* Excel's "sep=;" line */
        p->stats.lines_skipped++;
        return;
    }
    switch (p->state) {
    case HEADER_WAIT: parse_header(p, data, len); break;
    case HEADER_OK:
        if (p->header_len > 0) { /* the header again (vmstat, files joined by cat): skipped */
            const char *row = data;
            size_t n = trimmed_len(data, len);
            if (n >= 3 && !memcmp(row, "\xEF\xBB\xBF", 3)) { /* a BOM: a file joined by cat */
                row += 3;
                n -= 3;
            }
            if (n == p->header_len && !memcmp(row, p->header_line, n)) {
                p->stats.lines_skipped++;
                break;
            }
        }
        if (p->header_pending && settle_header(p, data, len)) break;
        parse_row(p, data, len);
        break;
    case HEADER_REFUSED:
        reject_row(p, RP_CSV_REJECT_NO_HEADER, "no valid header, row dropped");
        break;
    }
}

/* A field separator while scanning for quotes: the delimiter, or before the header has told it
 * any of those the header may have. */
static bool quote_sep(const rp_csv_parser *p, unsigned char c)
{
    return p->delim ? is_delim(p, c) : c == ',' || c == ';' || c == '\t';
}

/* Where the quoted field that s[i..len) is inside ends: just past its closing '"' (a doubled ""
 * is a quote inside it), or len + 1 when it does not close within s. */
static size_t quote_close(const char *s, size_t i, size_t len)
{
    for (;;) {
        const char *q = i < len ? memchr(s + i, '"', len - i) : NULL;
        if (!q) return len + 1;
        i = (size_t)(q - s) + 1;
        if (i < len && s[i] == '"') { /* "" inside quotes */
            i++;
            continue;
        }
        return i;
    }
}

/* True when s[0..len) ends inside a quoted field (RFC 4180: a field opening with '"', after
 * blanks, runs to the next '"' not doubled, line breaks included). Quotes inside an unquoted
 * field ("5\" screen") are characters. */
static bool ends_quoted(const rp_csv_parser *p, const char *s, size_t len)
{
    size_t i = 0;
    bool quoted = false;
    for (;;) {
        if (!quoted) {
            while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
            if (i < len && s[i] == '"') {
                quoted = true;
                i++;
            } else {
                while (i < len && !quote_sep(p, (unsigned char)s[i])) i++;
                if (i >= len) return false;
                i++;
                continue;
            }
        }
        i = quote_close(s, i, len);
        if (i > len) return true;
        quoted = false; /* closed; anything up to the next separator is the field's junk */
        while (i < len && !quote_sep(p, (unsigned char)s[i])) i++;
        if (i >= len) return false;
        i++;
    }
}

/* A line inside an open quote: 1 when the quote is still open at its end (or a later field
 * opens another), 0 when the row ends there, -1 when text follows the closing quote before a
 * separator ("2,\"2" after a stray quote's lines): no field with line breaks ends so. */
static int continues_quoted(const rp_csv_parser *p, const char *s, size_t len)
{
    size_t i = quote_close(s, 0, len);
    if (i > len) return 1;
    while (i < len && (s[i] == ' ' || s[i] == '\t') && !quote_sep(p, (unsigned char)s[i])) i++;
    if (i == len) return 0;
    if (!quote_sep(p, (unsigned char)s[i])) return -1;
    return ends_quoted(p, s + i + 1, len - i - 1) ? 1 : 0;
}

typedef enum { GIVE_UP_LIMIT, GIVE_UP_JUNK, GIVE_UP_END } give_up_reason;

static void take_line(rp_csv_parser *p, const char *data, size_t len, bool too_long, int64_t line);

/* The open row's quote is not closed within RP_CSV_QUOTED_LINES_MAX lines or RP_LINE_MAX bytes,
 * before the end, or closes with text after it: a stray quote, not a field with line breaks.
 * Its first line is refused (under a header) or read alone (the header: refused for its
 * quotes), and the lines after it are read anew, so that one stray quote costs one row, not the
 * rest of the file. Lines read anew are read from replay. A row that opens among them reads its
 * next lines as the row given up did (inside quotes), so it cannot give up among them, unless the
 * delimiter changed meanwhile (a header read): then it only moves the reading back to its second
 * line, true, and the line being taken is read again from there. */
static bool give_up_row(rp_csv_parser *p, give_up_reason why)
{
    const char *nl = memchr(p->rec, '\n', p->rec_len);
    size_t first = nl ? (size_t)(nl - p->rec) : p->rec_len;
    int64_t line = p->rec_line;
    int lines = p->rec_lines;
    p->rec_lines = 0;
    p->row_line = line;
    if (p->state == HEADER_OK) {
        char msg[RP_IO_ERROR_MAX];
        if (why == GIVE_UP_END)
            snprintf(msg, sizeof msg, "a quote opened in this row is not closed before the end");
        else if (why == GIVE_UP_JUNK)
            snprintf(msg, sizeof msg,
                     "a quote opened in this row closes %d lines below with text after it: row "
                     "dropped, the lines after it read anew",
                     lines);
        else
            snprintf(msg, sizeof msg,
                     "a quote opened in this row is not closed within %d lines or %d bytes: row "
                     "dropped, the lines after it read anew",
                     RP_CSV_QUOTED_LINES_MAX, RP_LINE_MAX);
        reject_row(p, RP_CSV_REJECT_OPEN_QUOTE, msg);
    } else {
        on_row_text(p, p->rec, first, false);
    }
    if (p->replaying) { /* the row began among the lines read anew: back to its second line */
        p->replay_at = p->rec_at + first + 1;
        p->replay_line = line + 1;
        return true;
    }
    if (!nl) return false;
    p->replay_len = p->rec_len - first - 1;
    memcpy(p->replay, nl + 1, p->replay_len);
    p->replay_at = 0;
    p->replay_line = line + 1;
    p->replaying = true;
    while (p->replay_at <= p->replay_len) {
        size_t at = p->replay_at;
        const char *e = memchr(p->replay + at, '\n', p->replay_len - at);
        size_t end = e ? (size_t)(e - p->replay) : p->replay_len;
        p->replay_at = end + 1;
        p->line_at = at;
        take_line(p, p->replay + at, end - at, false, p->replay_line++);
    }
    p->replaying = false;
    return false;
}

static void take_line(rp_csv_parser *p, const char *data, size_t len, bool too_long, int64_t line)
{
    while (p->rec_lines > 0) { /* inside the open quote: the row goes on */
        if (too_long || p->rec_len + 1 + len > RP_LINE_MAX ||
            p->rec_lines >= RP_CSV_QUOTED_LINES_MAX) {
            if (give_up_row(p, GIVE_UP_LIMIT)) return;
            continue; /* then this line anew */
        }
        int more = continues_quoted(p, data, len);
        if (more < 0) {
            if (give_up_row(p, GIVE_UP_JUNK)) return;
            continue;
        }
        p->rec[p->rec_len++] = '\n';
        memcpy(p->rec + p->rec_len, data, len);
        p->rec_len += len;
        p->rec_lines++;
        if (more) return;
        p->stats.lines_joined += p->rec_lines - 1;
        p->rec_lines = 0;
        for (size_t k = 0; k < p->rec_len; k++) /* a line break in a field reads as a space */
            if (p->rec[k] == '\n') p->rec[k] = ' ';
        p->row_line = p->rec_line;
        on_row_text(p, p->rec, p->rec_len, false);
        return;
    }
    size_t i = 0;
    while (i < len && rp_io_is_blank((unsigned char)data[i])) i++;
    if (!too_long && len <= RP_LINE_MAX && p->state != HEADER_REFUSED && i < len &&
        data[i] != '#' && ends_quoted(p, data, len)) {
        memcpy(p->rec, data, len); /* a quoted field goes on past the line's end */
        p->rec_len = len;
        p->rec_lines = 1;
        p->rec_line = line;
        p->rec_at = p->line_at; /* where it is among lines read anew (when they are) */
        return;
    }
    p->row_line = line;
    on_row_text(p, data, len, too_long);
}

static void on_line(void *ctx, const char *data, size_t len, bool too_long)
{
    rp_csv_parser *p = ctx;
    p->stats.lines++;
    take_line(p, data, len, too_long, p->stats.lines);
}

rp_status rp_csv_parser_create(const rp_csv_parser_desc *desc, rp_csv_parser **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!desc || !desc->on_row) return RP_ERR_INVALID_ARG;
    if (desc->delimiter != 0 && desc->delimiter != ',' && desc->delimiter != ';' &&
        desc->delimiter != '\t' && desc->delimiter != ' ')
        return RP_ERR_INVALID_ARG;
    if ((unsigned)desc->time_unit > RP_TIME_UNIT_US) return RP_ERR_INVALID_ARG;
    if ((unsigned)desc->date_order > RP_DATE_ORDER_MDY) return RP_ERR_INVALID_ARG;
    if (desc->time_column && strlen(desc->time_column) > RP_LINE_NAME_MAX) return RP_ERR_LIMIT;
    rp_csv_parser *p = calloc(1, sizeof *p);
    if (!p) return RP_ERR_NO_MEMORY;
    p->desc = *desc;
    if (desc->time_column) memcpy(p->time_name, desc->time_column, strlen(desc->time_column) + 1);
    p->desc.time_column = desc->time_column ? p->time_name : NULL; /* the copy, not the caller's */
    p->delim = desc->delimiter;
    p->time_field = -1;
    p->clock_field = -1;
    p->index_field = -1;
    *out = p;
    return RP_OK;
}

void rp_csv_parser_destroy(rp_csv_parser *parser) { free(parser); }

rp_status rp_csv_parser_feed(rp_csv_parser *parser, const void *data, size_t len)
{
    if (!parser || (!data && len > 0)) return RP_ERR_INVALID_ARG;
    parser->stats.bytes += (int64_t)len;
    parser->call_status = RP_OK;
    rp_lines_feed(&parser->lines, data, len, on_line, parser);
    /* A refused header is reported on every call: nothing can be parsed until re-creation. */
    return parser->state == HEADER_REFUSED ? parser->header_status : parser->call_status;
}

/* At the end: the value columns of which no value could be read (every field malformed: a
 * number format the parser does not know), named once in unread_note. */
static void unread_check(rp_csv_parser *p)
{
    p->unread_note[0] = '\0';
    if (p->state != HEADER_OK) return;
    int said = 0;
    for (int c = 0; c < p->columns; c++) {
        if (p->col_read[c] > 0 || p->col_bad[c] == 0) continue;
        if (said++ == 0) {
            char qn[48];
            rp_io_quote(qn, sizeof qn, p->names[c], strlen(p->names[c]), 32);
            rp_io_msg(p->unread_note, sizeof p->unread_note,
                      "column '%s': none of its %lld values could be read as a number (the "
                      "first: '%s'): nothing plotted of it",
                      qn, (long long)p->col_bad[c], p->col_first_bad[c]);
        } else {
            note_more(p->unread_note, sizeof p->unread_note);
        }
    }
}

rp_status rp_csv_parser_finish(rp_csv_parser *parser)
{
    if (!parser) return RP_ERR_INVALID_ARG;
    parser->call_status = RP_OK;
    rp_lines_finish(&parser->lines, on_line, parser);
    while (parser->rec_lines > 0) give_up_row(parser, GIVE_UP_END); /* a quote open at the end */
    if (parser->state == HEADER_OK && parser->header_pending)       /* a header and no row */
        settle_header(parser, NULL, 0);
    unread_check(parser);
    return parser->state == HEADER_REFUSED ? parser->header_status : parser->call_status;
}

rp_csv_stats rp_csv_parser_stats(const rp_csv_parser *parser)
{
    rp_csv_stats none = {0};
    return parser ? parser->stats : none;
}

const char *rp_csv_parser_date_note(const rp_csv_parser *parser)
{
    return parser ? parser->date_note : "";
}

const char *rp_csv_parser_beyond_note(const rp_csv_parser *parser)
{
    return parser ? parser->beyond_note : "";
}

int rp_csv_parser_columns_beyond(const rp_csv_parser *parser)
{
    return parser && parser->state == HEADER_OK ? parser->beyond : 0;
}

const char *rp_csv_parser_long_note(const rp_csv_parser *parser)
{
    return parser ? parser->long_note : "";
}

const char *rp_csv_parser_unread_note(const rp_csv_parser *parser)
{
    return parser ? parser->unread_note : "";
}

const char *rp_csv_parser_text_note(const rp_csv_parser *parser)
{
    return parser ? parser->text_note : "";
}

const char *rp_csv_parser_last_error(const rp_csv_parser *parser)
{
    return parser ? parser->last_error : "";
}

bool rp_csv_parser_has_header(const rp_csv_parser *parser)
{
    return parser && parser->state == HEADER_OK;
}

int rp_csv_parser_columns(const rp_csv_parser *parser)
{
    return parser && parser->state == HEADER_OK ? parser->columns : 0;
}

const char *rp_csv_parser_column_name(const rp_csv_parser *parser, int column)
{
    if (!parser || parser->state != HEADER_OK || column < 0 || column >= parser->columns)
        return NULL;
    return parser->names[column];
}

const char *rp_csv_parser_column_unit(const rp_csv_parser *parser, int column)
{
    if (!parser || parser->state != HEADER_OK || column < 0 || column >= parser->columns)
        return NULL;
    return parser->units[column];
}

char rp_csv_parser_delimiter(const rp_csv_parser *parser)
{
    return parser && parser->state == HEADER_OK ? parser->delim : 0;
}

rp_time_unit rp_csv_parser_time_unit(const rp_csv_parser *parser)
{
    return parser && parser->state == HEADER_OK ? parser->unit : RP_TIME_UNIT_NONE;
}
