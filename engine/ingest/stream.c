/* stream.c — byte streams (fd, serial, replay): format detection and the io/ parsers, feeding
 * the sink.
 *
 * Auto detection looks at whole lines until one decides (README "Formats"): a line of bare
 * numbers or a valid name:value line → text; a line with a delimiter and no ':' followed by a
 * row with as many fields, one of them a number → CSV with that header. Anything else before
 * that (a boot banner "Booting, fw v1.2", binary junk, a word, an instrument's metadata) is
 * skipped and held back, and detection goes on: before a CSV header the held lines are its
 * preamble (said once), before text they are refused as malformed. Rows whose first field is a
 * word ("key,value" metadata) confirm a header only once the next lines tell (detect). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/source.h"

#define COLUMN_REFUSED(reason) (-1 - (int)(reason))

/* ---- parser callbacks ------------------------------------------------------------------------- */

static rp_stream *stream_of(source *src);

/* Replay pacing: data of time t (NaN: none) is due when t - the first time (or the row's number
 * / rate) has passed since the start, scaled by the speed; waits for it. False: the source is
 * stopping (the window closed, --frames reached) before it was due: it is not played (the rest
 * of the read went in at once, so the PNG and --stats showed rows that never played). */
static bool replay_pace(source *src, rp_stream *st, double t)
{
    if (!(st->replay_speed > 0 && isfinite(st->replay_speed))) return true;
    if (rp_sink_stopping(src)) return false;
    double offset = NAN;
    if (!isnan(t)) {
        if (isnan(st->replay_first_time)) st->replay_first_time = t;
        offset = t - st->replay_first_time;
    } else if (src->desc.rate > 0) { /* a CSV's rows, or text lines: R a second */
        offset = (double)st->replay_rows / src->desc.rate;
    }
    if (isfinite(offset)) {
        double due = src->start + offset / st->replay_speed;
        if (due > rp_wall_seconds() + 0.002) {
            rp_sink_flush(src); /* show what is due before waiting */
            rp_sink_sleep_until(src, due);
            if (rp_sink_stopping(src)) return false;
            rp_sink_arrival(src, 0);
        }
    }
    return true;
}

/* Text lines: a replayed file of timestamped lines (Teleplot's name:timestamp_ms:value) keeps
 * its pace as a CSV's time column does; it was read at once whatever --speed said. */
static void on_line_sample(void *user, const rp_line_sample *s)
{
    source *src = user;
    rp_stream *st = src->stream;
    if (st && !s->has_timestamp && s->line > 0) st->replay_rows = s->line - 1; /* paced by line */
    if (st && !replay_pace(src, st, s->has_timestamp ? s->timestamp_ms / 1000.0 : NAN)) return;
    src->line = s->line; /* said in a refusal of its time */
    rp_sink_line_sample(user, s);
    src->line = 0;
}

static void on_csv_header(void *user, const rp_csv_parser *p)
{
    source *src = user;
    rp_stream *st = stream_of(src);
    const char *words = rp_csv_parser_text_note(p); /* columns of words: said, not silent */
    if (*words) rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_SERIES_REFUSED, "%s", words);
    const char *shortened = rp_csv_parser_long_note(p); /* names over the limit: said once */
    if (*shortened) rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_LIMIT_EXCEEDED, "%s", shortened);
    const char *beyond = rp_csv_parser_beyond_note(p); /* columns past the limit: said once */
    if (*beyond) rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_LIMIT_EXCEEDED, "%s", beyond);
    for (int c = 0; c < rp_csv_parser_columns(p) && c < RP_CSV_COLUMNS_MAX; c++) {
        const char *name = rp_csv_parser_column_name(p, c);
        int idx = rp_sink_series_new(src, name, strlen(name));
        const char *unit = rp_csv_parser_column_unit(p, c);
        if (idx >= 0 && unit) rp_sink_series_unit(src, idx, unit, strlen(unit));
        st->column_series[c] = idx >= 0    ? idx
                               : idx == -2 ? COLUMN_REFUSED(RP_REFUSED_DUPLICATE_NAME)
                                           : -1;
    }
}

/* A column's value. Gaps before its first number are dropped (drawn, they are nothing): a column
 * of which no value is a number gets no series, no empty panel; placed by row, the first
 * number starts the series at its row. */
static void stage_column(source *src, rp_stream *st, const rp_csv_row *row, int c, int idx,
                         double t)
{
    float v = row->values[c];
    if (!st->column_numbered[c]) {
        if (isnan(v)) return;
        st->column_numbered[c] = true;
        if (!row->has_time) rp_sink_series_start_row(src, idx, row->row);
    }
    rp_sink_stage(src, idx, t, v);
}

static void on_csv_row(void *user, const rp_csv_row *row)
{
    source *src = user;
    rp_stream *st = stream_of(src);
    double t = NAN;
    if (row->has_time) {
        rp_time_unit unit = rp_csv_parser_time_unit(st->csv);
        t = unit == RP_TIME_UNIT_UNSPECIFIED ? rp_io_seconds_as_written(row->time)
                                             : row->time / rp_time_unit_per_second(unit);
    }
    if (!replay_pace(src, st, t)) return;
    st->replay_rows++;
    src->line = row->line;   /* said in a refusal of its time */
    if (row->precision_note) /* a picture of float32 steps: said, never silent */
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_PRECISION_LOST, "%s", row->precision_note);
    for (int c = 0; c < row->count && c < RP_CSV_COLUMNS_MAX; c++) {
        int idx = st->column_series[c];
        /* With a time, an empty field is no sample at that time (a multi-rate export, as
         * PlotJuggler writes and reads it: the slow topic's line joins its samples); NaN, NA...
         * is a gap. Without one, it keeps its row (a gap) so the rows stay in step. */
        if (row->has_time && row->empty && row->empty[c]) continue;
        if (idx >= 0)
            stage_column(src, st, row, c, idx, t);
        else if (idx < -1)
            rp_sink_refuse(src, (rp_refusal)(-1 - idx), 1, NULL);
        else
            rp_sink_series(src, rp_csv_parser_column_name(st->csv, c),
                           strlen(rp_csv_parser_column_name(st->csv, c)), 1);
    }
    /* the columns past RP_CSV_COLUMNS_MAX: refused, counted (said once with the header) */
    rp_sink_refuse(src, RP_REFUSED_SERIES_LIMIT, rp_csv_parser_columns_beyond(st->csv), NULL);
    src->line = 0;
}

static void on_frame_block(void *user, const rp_frame_block *b)
{
    source *src = user;
    rp_stream *st = stream_of(src);
    for (int c = 0; c < b->channels; c++) {
        int idx = st->column_series[c];
        if (idx < 0) {
            rp_sink_refuse(src, idx < -1 ? (rp_refusal)(-1 - idx) : RP_REFUSED_SERIES_LIMIT,
                           b->frames, NULL);
            continue;
        }
        rp_sink_block(src, idx, b->samples + (size_t)c * b->stride, b->frames);
    }
}

/* The stream of a source (set by rp_stream_open). */
static rp_stream *stream_of(source *src) { return src->stream; }

/* ---- parsers ------------------------------------------------------------------------------------ */

/* lines_before: lines of the stream read before the first one the parser gets (auto detection),
 * so that its messages give the line number of the whole stream. teleplot_serial: the stream's
 * data lines start with '>' (Teleplot's serial convention): its other lines are the sketch's
 * log text, not malformed data. */
static rp_status make_parser(source *src, rp_stream *st, rp_stream_format format,
                             int64_t lines_before, bool teleplot_serial)
{
    st->format = format;
    switch (format) {
    case RP_FORMAT_CSV: {
        rp_csv_parser_desc d = {.on_row = on_csv_row,
                                .on_header = on_csv_header,
                                .user = src,
                                .time_column = src->desc.time_column,
                                .time_unit = src->time_column_unit,
                                .delimiter = st->csv_delimiter,
                                .date_order = src->desc.date_order,
                                .lines_before = lines_before};
        return rp_csv_parser_create(&d, &st->csv);
    }
    case RP_FORMAT_BINARY: {
        rp_frame_parser_desc d = {.channels = src->desc.channels,
                                  .on_block = on_frame_block,
                                  .user = src,
                                  .format = src->desc.binary};
        return rp_frame_parser_create(&d, &st->frames);
    }
    default: {
        rp_line_parser_desc d = {.on_sample = on_line_sample,
                                 .on_event = rp_sink_line_event,
                                 .user = src,
                                 .prefix_only = teleplot_serial,
                                 .lines_before = lines_before,
                                 .refused_places = src->desc.rate > 0};
        return rp_line_parser_create(&d, &st->lines);
    }
    }
}

/* Binary channels are known up front: their series in channel order, names checked. */
static rp_status map_channels(source *src, rp_stream *st, char *err, int err_size)
{
    const char *names = src->channel_names;
    for (int c = 0; c < src->desc.channels; c++) {
        char name[RP_NAME_MAX];
        const char *comma = strchr(names, ',');
        size_t len = comma ? (size_t)(comma - names) : strlen(names);
        if (len >= sizeof name) {
            snprintf(err, (size_t)err_size, "channel name '%.*s...' longer than %d bytes", 20,
                     names, RP_NAME_MAX - 1);
            return RP_ERR_LIMIT;
        }
        if (len > 0) {
            memcpy(name, names, len);
            name[len] = 0;
        } else {
            snprintf(name, sizeof name, "ch%d", c);
        }
        names = comma ? comma + 1 : names + len;
        for (int k = 0; k < c; k++) {
            int idx = st->column_series[k];
            if (idx >= 0 && strcmp(name, rp_sink_series_name(src, idx)) == 0) {
                snprintf(err, (size_t)err_size,
                         "channel name '%s' given twice (channels %d and %d): names must differ",
                         name, k, c);
                return RP_ERR_INVALID_ARG;
            }
        }
        int idx = rp_sink_series_new(src, name, strlen(name));
        if (idx < 0) {
            snprintf(err, (size_t)err_size, "channel %d: name '%s' refused (%s)", c, name,
                     src->last_error);
            return RP_ERR_INVALID_ARG;
        }
        st->column_series[c] = idx;
    }
    return RP_OK;
}

rp_status rp_stream_open(source *src, rp_stream *st, rp_stream_format format, char *err,
                         int err_size)
{
    src->stream = st;
    st->replay_first_time = NAN;
    st->format = format;
    int columns = src->desc.channels > RP_CSV_COLUMNS_MAX ? src->desc.channels : RP_CSV_COLUMNS_MAX;
    st->column_series = malloc(sizeof(int) * (size_t)columns);
    if (!st->column_series) return RP_ERR_NO_MEMORY;
    st->column_numbered = calloc((size_t)columns, sizeof *st->column_numbered);
    if (!st->column_numbered) return RP_ERR_NO_MEMORY;
    for (int i = 0; i < columns; i++) st->column_series[i] = -1;
    if (st->format == RP_FORMAT_BINARY) {
        if (src->desc.channels < 1 || src->desc.channels > RP_SOURCE_CHANNELS_MAX) {
            snprintf(err, (size_t)err_size, "binary input needs --channels 1..%d",
                     RP_SOURCE_CHANNELS_MAX);
            return RP_ERR_INVALID_ARG;
        }
        if (rp_binary_desc_check(&src->desc.binary, err, (size_t)err_size) != RP_OK)
            return RP_ERR_INVALID_ARG;
        rp_status s = map_channels(src, st, err, err_size);
        if (s != RP_OK) return s;
    }
    if (st->format != RP_FORMAT_AUTO && make_parser(src, st, st->format, 0, false) != RP_OK) {
        snprintf(err, (size_t)err_size, "cannot create the parser");
        return RP_ERR_INVALID_ARG;
    }
    return RP_OK;
}

void rp_stream_close(rp_stream *st)
{
    rp_line_parser_destroy(st->lines);
    rp_csv_parser_destroy(st->csv);
    rp_frame_parser_destroy(st->frames);
    free(st->column_series);
    free(st->column_numbered);
    free(st->block_times);
    memset(st, 0, sizeof *st);
}

/* ---- auto detection --------------------------------------------------------------------------- */

static bool line_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t code = c == 0x1b ? rp_io_colour_code_len(s + i, n - i) : 0;
        if (code) { /* a terminal colour code: the text parser drops it */
            i += code - 1;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) return false;
    }
    return rp_sink_utf8_valid(s, n);
}

/* A line that may be a CSV header or units row: clean, or clean but for bytes of Windows-1252
 * text (a header Excel or a logger wrote on Western European Windows: "Temp [°C]" with 0xB0;
 * the CSV parser reads its words so). */
static bool header_text(const char *s, size_t n)
{
    if (line_clean(s, n)) return true;
    char utf8[3 * RP_LINE_MAX + 1]; /* each byte 3 UTF-8 bytes at most */
    if (rp_io_cp1252_to_utf8(s, n, utf8, sizeof utf8) == SIZE_MAX) return false;
    return line_clean(utf8, strlen(utf8));
}

static int count_fields(const char *s, size_t n, char delim)
{
    if (delim == ' ') { /* blanks: runs of spaces and tabs, none counted at the ends */
        int fields = 0;
        bool quoted = false, in_field = false;
        for (size_t i = 0; i < n; i++) {
            bool blank = !quoted && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r');
            if (!blank && !in_field) fields++;
            in_field = !blank;
            if (s[i] == '"') quoted = !quoted;
        }
        return fields;
    }
    int fields = 1;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (s[i] == delim && !quoted)
            fields++;
    }
    return fields;
}

static char guess_delimiter(const char *s, size_t n)
{
    int counts[3] = {0, 0, 0};
    const char delims[3] = {',', ';', '\t'};
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++) counts[k] += s[i] == delims[k];
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best]) best = k;
    return counts[best] ? delims[best] : 0;
}

/* The next field of a delimited line from *at (blanks and quotes around it cut): s[*a..*b); false
 * past the line's end. A blank delimiter (' ') takes tabs too. */
static bool next_field(const char *s, size_t n, char delim, size_t *at, size_t *a, size_t *b)
{
    if (*at > n) return false;
    size_t j = *at;
    while (j < n && s[j] != delim && !(delim == ' ' && s[j] == '\t')) j++;
    *a = *at;
    *b = j;
    while (*a < *b && (s[*a] == ' ' || s[*a] == '"')) ++*a;
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '"' || s[*b - 1] == '\r')) --*b;
    *at = j + 1;
    return true;
}

/* Counts the fields of a delimited line that are numbers (with ';' or tab as delimiter a decimal
 * comma too) and the other fields that are not empty. channels: an unsigned integer of one or two
 * digits is a name (an oscilloscope's channels "x-axis,1,2"), not a number; and *measured says
 * whether a number holds a sign, a point or an exponent (a reading, never a column's name). */
static void count_field_kinds(const char *s, size_t n, char delim, bool channels, int *numbers,
                              int *words, bool *measured)
{
    *numbers = *words = 0;
    *measured = false;
    size_t at = 0, a, b;
    while (next_field(s, n, delim, &at, &a, &b)) {
        double v;
        char dotted[64];
        bool number = b > a && (rp_io_parse_double(s + a, b - a, &v) == RP_OK ||
                                rp_io_hex_integer(s + a, b - a, &v));
        if (!number && delim != ',' && b > a && b - a < sizeof dotted) {
            for (size_t k = a; k < b; k++) dotted[k - a] = s[k] == ',' ? '.' : s[k];
            number = rp_io_parse_double(dotted, b - a, &v) == RP_OK;
        }
        if (number && channels && b - a <= 2 && s[a] >= '0' && s[a] <= '9' && s[b - 1] >= '0' &&
            s[b - 1] <= '9')
            number = false;
        for (size_t k = a; number && k < b; k++) *measured |= strchr("+-.,eE", s[k]) != NULL;
        if (number)
            ++*numbers;
        else if (b > a)
            ++*words;
    }
}

/* A row of a CSV under a held header holds a value: a number, or a number with its unit ("35 %",
 * "1024 MiB": nvidia-smi writes every value so, its rows held none and the file was refused). */
static bool has_number_field(const char *s, size_t n, char delim)
{
    int numbers, words;
    bool measured;
    count_field_kinds(s, n, delim, false, &numbers, &words, &measured);
    if (numbers > 0) return true;
    size_t at = 0, a, b, value_len, unit_at;
    while (delim != ' ' && next_field(s, n, delim, &at, &a, &b)) {
        double v;
        if (rp_io_split_unit(s + a, b - a, RP_LINE_UNIT_MAX, &value_len, &unit_at) &&
            rp_io_parse_double(s + a, value_len, &v) == RP_OK && isfinite(v))
            return true;
    }
    return false;
}

#define RP_STR_(x) #x
#define RP_STR(x) RP_STR_(x)
#define TOO_LONG_TO_JUDGE "longer than " RP_STR(RP_LINE_MAX) " bytes"
#define UTF16_TEXT "UTF-16 text: convert it to UTF-8, iconv -f UTF-16 -t UTF-8"

/* Lines held back at most while the format is unknown: an instrument's metadata block before its
 * CSV header is shorter (a LabVIEW .lvm header about 25 lines); past it they are refused at once. */
#define HELD_MAX 64

/* The held lines refused as malformed, with the newest one's message (the format turned out text,
 * or none came). */
static void refuse_held(source *src, rp_stream *st)
{
    rp_held_lines *h = &st->held;
    /* the lines no parser gave a reason for: their own, so that the reasons add up */
    int64_t reasoned = 0;
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) reasoned += h->probed[r];
    if (h->lines > reasoned) h->probed[RP_LINE_REJECT_NO_FORMAT] += h->lines - reasoned;
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) {
        if (!h->probed[r]) continue;
        src->line_rejected_probed[r] += h->probed[r];
        atomic_store_explicit(&src->line_rejected[r], src->line_rejected_probed[r],
                              memory_order_relaxed);
    }
    if (h->lines > 0)
        rp_sink_refuse(src, RP_REFUSED_MALFORMED, h->lines, *h->last ? h->last : NULL);
    memset(h, 0, sizeof *h);
}

/* The format is decided: held lines before a CSV header were its preamble (an oscilloscope's
 * "Model,MDO3024" block, a LabVIEW header), said once, not refused; before text, malformed. */
static void settle_held(source *src, rp_stream *st, int64_t header_line)
{
    rp_held_lines *h = &st->held;
    if (st->format != RP_FORMAT_CSV) {
        refuse_held(src, st);
        return;
    }
    if (h->lines > 0)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_LINES_SKIPPED,
                    "%lld line%s before the CSV header (line %lld) skipped: no data (a preamble "
                    "of metadata, as instruments write)",
                    (long long)h->lines, h->lines == 1 ? "" : "s", (long long)header_line);
    memset(h, 0, sizeof *h);
}

/* A line skipped while the format is unknown: held (counted, its message kept) until the format
 * is known, or refused at once past HELD_MAX. why: the reason; message: the whole message. */
static void hold_line(source *src, rp_stream *st, const char *message)
{
    st->banner_lines++;
    rp_held_lines *h = &st->held;
    snprintf(h->last, sizeof h->last, "%s", message ? message : "");
    h->lines++;
    if (h->lines > HELD_MAX || h->overflowed) { /* no preamble is so long: refused from now on */
        refuse_held(src, st);
        h->overflowed = true;
    }
}

static void skip_line(source *src, rp_stream *st, const char *line, size_t n, const char *why)
{
    char shown[96]; /* escaped as every message quotes outside input ("\x09", not '?') */
    rp_io_quote(shown, sizeof shown, line, n, 47);
    char msg[sizeof st->held.last];
    snprintf(msg, sizeof msg, "line '%s' skipped before the format was known (%s)", shown, why);
    hold_line(src, st, msg);
}

/* A line that may be text samples: "name:value", or "name=value" (no ':' in it). */
static bool labelled(const char *line, size_t n)
{
    size_t lead = 0;
    while (lead < n && (line[lead] == ' ' || line[lead] == '\t')) lead++;
    /* a Teleplot '>' line without ':' is a log line (">Booting"), first in a stream too */
    if (memchr(line, ':', n) || memchr(line, '=', n) || (lead < n && line[lead] == '>') ||
        rp_line_is_topic_line(line, n))
        return true;
    /* the kernel's "[    0.000000] Linux version ...": a log line at its time (dmesg) */
    size_t k = lead + 1;
    if (lead >= n || line[lead] != '[') return false;
    while (k < n && line[k] == ' ') k++;
    size_t digits = k;
    while (k < n && ((line[k] >= '0' && line[k] <= '9') || line[k] == '.')) k++;
    while (k < n && line[k] == ' ') k++;
    return k > digits && k < n && line[k] == ']' && memchr(line + digits, '.', k - digits);
}

/* A header of columns separated by blanks ("time  temp  hum", R's write.table, a sketch's label
 * line before its numbers): two words or more, none a number, each with a letter and none of the
 * punctuation that ends a sentence or a version ("Booting v1.2...", "Ready!" stay banners). */
static bool blank_header(const char *s, size_t n)
{
    int words = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i == n) break;
        size_t a = i;
        bool letter = false;
        while (i < n && s[i] != ' ' && s[i] != '\t') {
            unsigned char c = (unsigned char)s[i++];
            if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';') return false;
            letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            letter |= c >= 0x80;
        }
        double v;
        if (!letter || rp_io_parse_double(s + a, i - a, &v) == RP_OK) return false;
        /* "entry 0x400805e4" (ESP32's banner ends so), "WiFi connected": a message */
        if (rp_line_word_is_no_label(s + a, i - a)) return false;
        words++;
    }
    return words >= 2;
}

/* False when --time-column NAME is given and no field of line is NAME (any case; a unit in
 * brackets after it allowed): such a line is not put in the held header's place. */
static bool names_time_column(const source *src, const char *line, size_t m, char delim)
{
    const char *want = src->desc.time_column;
    size_t w = want ? strlen(want) : 0;
    if (w == 0) return true;
    size_t at = 0, a, b;
    while (next_field(line, m, delim, &at, &a, &b)) {
        if (b - a < w || strncasecmp(line + a, want, w) != 0) continue;
        if (b - a == w || line[a + w] == ' ' || line[a + w] == '[' || line[a + w] == '(')
            return true;
    }
    return false;
}

/* Keeps line as the CSV header a row of numbers may confirm (detect); false when it is too long
 * to keep or holds more numbers than names. */
static bool hold_header(rp_stream *st, const char *line, size_t m, char delim)
{
    rp_csv_candidate *cand = &st->candidate;
    if (m >= sizeof cand->text) return false;
    /* more numbers than names, or a reading among them: a row of values after a label
     * ("a/g:\t-1234\t567\t16384", as a sketch prints raw readings; a GPS module's
     * "$GPGGA,123519,4807.038,N,..."), not a header naming series "-1234", "4807.038"...
     * (channel numbers "1", "2" are names) */
    int numbers, words;
    bool measured;
    count_field_kinds(line, m, delim, true, &numbers, &words, &measured);
    if (numbers > words || measured) return false;
    memcpy(cand->text, line, m);
    cand->len = m;
    cand->delim = delim;
    return true;
}

/* One complete line (no '\n') while the format is unknown; true once it is decided. */
static bool detect_line(source *src, rp_stream *st, const char *line, size_t n)
{
    size_t m = n;
    while (m > 0 && (line[m - 1] == '\r' || line[m - 1] == ' ' || line[m - 1] == '\t')) m--;
    if (m == 0) return false;
    if (!line_clean(line, m)) {
        skip_line(src, st, line, m, st->utf16 ? UTF16_TEXT : "binary bytes or invalid UTF-8");
        return false;
    }
    if (rp_line_is_bare_values(line, m)) {
        if (make_parser(src, st, RP_FORMAT_TEXT, st->lines_read, false) != RP_OK) return false;
        rp_line_parser_feed(st->lines, line, n);
        rp_line_parser_feed(st->lines, "\n", 1);
        return true;
    }
    if (labelled(line, m)) {
        rp_line_parser *probe = NULL;
        size_t lead = 0;
        while (lead < m && (line[lead] == ' ' || line[lead] == '\t')) lead++;
        /* decided by a '>' data line: a Teleplot sketch on a serial port (or its capture) */
        bool teleplot_serial = lead < m && line[lead] == '>';
        if (make_parser(src, st, RP_FORMAT_TEXT, st->lines_read, teleplot_serial) != RP_OK)
            return false;
        probe = st->lines;
        rp_line_parser_set_probe(probe, true); /* whole or nothing: a banner line emits none */
        rp_line_parser_feed(probe, line, n);
        rp_line_parser_feed(probe, "\n", 1);
        rp_line_parser_set_probe(probe, false);
        rp_line_stats ls = rp_line_parser_stats(probe);
        if (ls.lines_ok > 0 || ls.logs > 0) return true; /* data, or an ESP-IDF log line */
        /* Not a text sample but fields: a CSV header whose names hold ':' or '=' ("Time
         * (hh:mm:ss),Value"); a row of numbers under it decides (detect). */
        char delim = guess_delimiter(line, m);
        /* a refused JSON object is said as such, not kept as a header no row follows; so is a
         * text line of more values than a line takes (its reason, not "no CSV row followed") */
        bool header = delim && count_fields(line, m, delim) > 1 && line[lead] != '{' &&
                      ls.rejected[RP_LINE_REJECT_TOO_MANY_VALUES] == 0 &&
                      /* pairs, a value a number: a banner's "mode:DIO, clock div:1" named the
                       * series of the rows of numbers after it "mode:DIO", "clock div:1" */
                      !rp_line_is_key_value_fields(line, m, delim);
        if (!header || !hold_header(st, line, m, delim)) {
            /* keep detecting; the line is refused with the parser's reason and message (the
             * probe goes, its reason stays counted) */
            for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) st->held.probed[r] += ls.rejected[r];
            const char *why = rp_line_parser_last_error(probe);
            if (*why)
                hold_line(src, st, why);
            else /* no refusal said why ("Uptime 00:01:23", a clock time: text, no sample) */
                skip_line(src, st, line, m,
                          ls.lines_ignored > 0 ? "text, no samples: its ':' are a clock time's"
                                               : "neither text samples nor a CSV header");
        }
        rp_line_parser_destroy(probe);
        st->lines = NULL;
        st->format = RP_FORMAT_AUTO;
        return false;
    }
    skip_line(src, st, line, m, "neither text samples nor a CSV header");
    return false;
}

/* Keeps a '#' line's text (after the '#'s and blanks) while detecting: it names the columns when
 * the first row of numbers comes next (adopt_comment_header). */
static void keep_comment(rp_stream *st, const char *text, size_t n)
{
    size_t i = 0;
    while (i < n && (text[i] == '#' || text[i] == ' ' || text[i] == '\t')) i++;
    st->comment_len = 0;
    if (i == n || n - i >= sizeof st->comment) return;
    memcpy(st->comment, text + i, n - i);
    st->comment_len = n - i;
    st->comment_line = st->lines_read;
}

/* A '#' line right before the first row of numbers, with one name for each of its fields, is the
 * header: numpy's savetxt writes its header= so ("# time,a,b"), gnuplot and many loggers'
 * files open with "# x y" (they plotted as value1, value2...). Any other '#' line stays a
 * comment, as in every format. Holds it as the CSV header candidate the row then confirms. */
static void adopt_comment_header(rp_stream *st, const char *row, size_t m)
{
    const char *h = st->comment;
    size_t hn = st->comment_len;
    st->comment_len = 0;
    if (hn == 0 || st->comment_line != st->lines_read - 1 || st->candidate.len > 0) return;
    if (!header_text(h, hn) || labelled(h, hn) || rp_line_is_bare_values(h, hn)) return;
    char delim = guess_delimiter(h, hn);
    if (!delim && blank_header(h, hn)) delim = ' ';
    if (!delim) return;
    /* a row of numbers, or of fields split as the header's holding one (sadf -d's "# hostname;
     * interval;timestamp;..." over "host;1;2026-11-30 10:00:01 UTC;-1;2,51;...") */
    if (!rp_line_is_bare_values(row, m) &&
        (delim == ' ' || guess_delimiter(row, m) != delim || !has_number_field(row, m, delim)))
        return;
    int names = count_fields(h, hn, delim);
    int numbers, words;
    bool measured;
    count_field_kinds(h, hn, delim, true, &numbers, &words, &measured);
    if (names < 2 || words != names || count_fields(row, m, delim) != names) return;
    hold_header(st, h, hn, delim);
}

/* Rows whose first field is a word held under a header at most (the rest of an instrument's
 * metadata block is another shape; a CSV whose first column is words repeats its word sooner). */
#define KEYED_MAX 32

/* The first field of a delimited line, leading blanks skipped: s[*a..*b). */
static void first_field(const char *s, size_t n, char delim, size_t *at, size_t *a, size_t *b)
{
    while (*at < n && (s[*at] == ' ' || (s[*at] == '\t' && delim != '\t'))) ++*at;
    if (!next_field(s, n, delim, at, a, b)) *a = *b = n;
}

/* True when the first field of a delimited line is a word: a letter, and neither a number (with a
 * decimal comma where the delimiter allows one), a number with its unit, nor a date-time. */
static bool word_first(const char *s, size_t n, char delim)
{
    size_t at = 0, a, b;
    first_field(s, n, delim, &at, &a, &b);
    bool letter = false;
    for (size_t k = a; k < b; k++)
        letter |= ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (unsigned char)s[k] >= 0x80;
    if (!letter) return false;
    int numbers, words;
    bool measured;
    count_field_kinds(s + a, b - a, delim, false, &numbers, &words, &measured);
    double v;
    rp_date_order order = RP_DATE_ORDER_AUTO;
    size_t value_len, unit_at;
    return numbers == 0 && rp_io_parse_date_as_written(s + a, b - a, &order, &v) != RP_OK &&
           !(rp_io_split_unit(s + a, b - a, RP_LINE_UNIT_MAX, &value_len, &unit_at) &&
             rp_io_parse_double(s + a, value_len, &v) == RP_OK);
}

/* True when a row held under the header starts with the same word (two GPUs' rows alternate). */
static bool key_held(const rp_csv_candidate *cand, const char *key, size_t n)
{
    for (size_t at = 0; at < cand->keyed_len;) {
        const char *row = cand->keyed + at;
        const char *eol = memchr(row, '\n', cand->keyed_len - at);
        size_t len = eol ? (size_t)(eol - row) : cand->keyed_len - at, f = 0, a, b;
        first_field(row, len, cand->delim, &f, &a, &b);
        if (b - a == n && !memcmp(row + a, key, n)) return true;
        at += len + 1;
    }
    return false;
}

/* What a field of a delimited line is, to compare a held header's shape with a row's. */
typedef enum {
    KIND_EMPTY,
    KIND_INTEGER,
    KIND_NUMBER,
    KIND_HEX,
    KIND_MEASURE,
    KIND_WORD
} field_kind;

static field_kind kind_of(const char *s, size_t n, char delim)
{
    double v;
    size_t value_len, unit_at;
    if (n == 0) return KIND_EMPTY;
    bool number = rp_io_parse_double(s, n, &v) == RP_OK;
    if (!number && delim != ',' && n < 64) { /* a decimal comma */
        char dotted[64];
        for (size_t k = 0; k < n; k++) dotted[k] = s[k] == ',' ? '.' : s[k];
        number = rp_io_parse_double(dotted, n, &v) == RP_OK;
    }
    if (number && n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return KIND_HEX;
    if (number) return strspn(s, "0123456789") == n ? KIND_INTEGER : KIND_NUMBER;
    if (rp_io_split_unit(s, n, RP_LINE_UNIT_MAX, &value_len, &unit_at) &&
        rp_io_parse_double(s, value_len, &v) == RP_OK && isfinite(v))
        return KIND_MEASURE;
    return KIND_WORD;
}

/* A held header that is the first row of a CSV without one (nvidia-smi's --format=csv,noheader:
 * "NVIDIA H200, 35, 41", "35 %, 1024 MiB, 41"): its fields are all numbers (unless they count 0
 * or 1 up by one: an oscilloscope's channels "1,2,3"), a number with a unit or in hex only over
 * one of the same kind ("0m,5m,10m" and "100Hz,1kHz" over plain numbers name a depth or
 * frequency each, as "0x10,0x14" name registers), or of the same kinds as the row after it (a
 * word where it has one, a number where it has one). */
static bool header_is_data(const rp_csv_candidate *cand, const char *row, size_t m)
{
    size_t at = 0, a, b, rat = 0, ra, rb;
    bool all_numbers = true, same = true, counting = true, any_number = false;
    int fields = 0;
    long first = -1;
    while (next_field(cand->text, cand->len, cand->delim, &at, &a, &b)) {
        field_kind k = kind_of(cand->text + a, b - a, cand->delim);
        if (!next_field(row, m, cand->delim, &rat, &ra, &rb)) return false;
        field_kind rk = kind_of(row + ra, rb - ra, cand->delim);
        all_numbers &= k == KIND_INTEGER || k == KIND_NUMBER ||
                       ((k == KIND_MEASURE || k == KIND_HEX) && rk == k);
        any_number |= k != KIND_EMPTY && k != KIND_WORD;
        same &= k == rk;
        long v = k == KIND_INTEGER ? strtol(cand->text + a, NULL, 10) : -1;
        if (fields == 0) first = v;
        counting &= k == KIND_INTEGER && (first == 0 || first == 1) && v == first + fields;
        fields++;
    }
    if (next_field(row, m, cand->delim, &rat, &ra, &rb)) return false; /* another width */
    return fields >= 1 && any_number && ((all_numbers && !counting) || same);
}

/* The held header is the CSV's: the parser gets it, its units row and the rows held under it,
 * then line (NULL: none, at the end). Lines held before it were its preamble. data: the held
 * line is the first row of a CSV without a header (header_is_data): the columns are named
 * value1, value2... as bare numbers are, and the line is a row. */
static bool take_header(source *src, rp_stream *st, const char *line, size_t n, bool data)
{
    rp_csv_candidate *cand = &st->candidate;
    /* the parser numbers the header 1 (the units row 2) and the rows after it on */
    int64_t before = st->lines_read - 1 - (cand->units_len ? 1 : 0) - cand->keyed_rows - data;
    st->csv_delimiter = cand->delim == ' ' ? ' ' : 0; /* blanks: the parser cannot tell */
    if (make_parser(src, st, RP_FORMAT_CSV, before, false) != RP_OK) return false;
    settle_held(src, st, before + 1);
    if (data) {
        char names[RP_LINE_MAX];
        size_t used = 0, at = 0, a, b;
        for (int i = 0; next_field(cand->text, cand->len, cand->delim, &at, &a, &b) &&
                        used + 16 < sizeof names;
             i++)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s\"value%d\"",
                                     i ? (char[]){cand->delim, 0} : "", i + 1);
        rp_csv_parser_feed(st->csv, names, used);
        rp_csv_parser_feed(st->csv, "\n", 1);
    }
    rp_csv_parser_feed(st->csv, cand->text, cand->len);
    rp_csv_parser_feed(st->csv, "\n", 1);
    if (cand->units_len) {
        rp_csv_parser_feed(st->csv, cand->units, cand->units_len);
        rp_csv_parser_feed(st->csv, "\n", 1);
    }
    rp_csv_parser_feed(st->csv, cand->keyed, cand->keyed_len);
    if (line) {
        rp_csv_parser_feed(st->csv, line, n);
        rp_csv_parser_feed(st->csv, "\n", 1);
    }
    cand->len = cand->units_len = cand->keyed_len = 0;
    cand->keyed_rows = 0;
    return true;
}

/* A row of numbers after rows held under the header: when the last of them holds no number
 * ("TIME,CH1" after "Model,MDO3024" and "Firmware Version,1.26"), it is the header (the last line
 * of words before the numbers) and what was held before it the preamble. */
static void drop_candidate(source *src, rp_stream *st);

static void promote_words(source *src, rp_stream *st)
{
    rp_csv_candidate *cand = &st->candidate;
    if (cand->keyed_rows == 0) return;
    const char *last = cand->keyed + cand->last_at;
    size_t n = cand->keyed_len - cand->last_at - 1; /* without its '\n' */
    if (has_number_field(last, n, cand->delim) || !names_time_column(src, last, n, cand->delim))
        return;
    cand->keyed_len = cand->last_at;
    cand->keyed_rows--;
    char line[RP_LINE_MAX];
    memcpy(line, last, n);
    char delim = cand->delim;
    drop_candidate(src, st);
    memcpy(cand->text, line, n);
    cand->len = n;
    cand->delim = delim;
}

/* No row confirmed the held header: it, its units row and the rows held under it are skipped. */
static void drop_candidate(source *src, rp_stream *st)
{
    rp_csv_candidate *cand = &st->candidate;
    for (size_t at = 0; at < cand->keyed_len;) {
        const char *eol = memchr(cand->keyed + at, '\n', cand->keyed_len - at);
        size_t end = eol ? (size_t)(eol - cand->keyed) : cand->keyed_len;
        skip_line(src, st, cand->keyed + at, end - at, "no CSV row followed the line above it");
        at = end + 1;
    }
    if (cand->units_len) skip_line(src, st, cand->units, cand->units_len, "no CSV row followed it");
    skip_line(src, st, cand->text, cand->len, "no CSV row followed it");
    cand->len = cand->units_len = cand->keyed_len = 0;
    cand->keyed_rows = 0;
}

static bool detect(source *src, rp_stream *st, const char *line, size_t n)
{
    if (st->lines_read == 0 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
        line += 3; /* a UTF-8 BOM opening the stream (Windows Notepad): no part of a name */
        n -= 3;
    }
    if (st->lines_read == 0 && n >= 2 &&
        (!memcmp(line, "\xFF\xFE", 2) || !memcmp(line, "\xFE\xFF", 2))) {
        /* PowerShell's '>' and Notepad's "Unicode" write UTF-16: say so, not "invalid UTF-8" */
        st->utf16 = true;
        skip_line(src, st, line, n, UTF16_TEXT);
        return false;
    }
    size_t m = n;
    while (m > 0 && (line[m - 1] == '\r' || line[m - 1] == ' ' || line[m - 1] == '\t')) m--;
    size_t lead = m >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) ? 3 : 0; /* a UTF-8 BOM */
    while (lead < m && (line[lead] == ' ' || line[lead] == '\t')) lead++;
    if (lead == m) return false; /* blank lines, as in the formats */
    if (line[lead] == '#') {     /* a comment, as in the formats; or the header of the next row */
        keep_comment(st, line + lead, m - lead);
        return false;
    }
    if (st->candidate.len == 0 && rp_csv_is_sep_line(line, m, NULL))
        return false; /* Excel's "sep=;" before a CSV header: the header says the same */
    adopt_comment_header(st, line + lead, m - lead);
    rp_csv_candidate *cand = &st->candidate;
    if (cand->len > 0 && cand->keyed_rows == 0 && cand->units_len == 0 &&
        ((m == cand->len && !memcmp(line, cand->text, m)) ||
         (m - lead == cand->len && !memcmp(line + lead, cand->text, cand->len)))) {
        /* the held header again before any row of it: prose said again ("hello world", a
         * status line each second), no header (it read as a CSV whose every row repeated its
         * header, all skipped: "comments and blank lines only") */
        drop_candidate(src, st);
    }
    if (cand->len > 0) {
        /* a line split by another delimiter than the header's (a lone word held with ',' over
         * "Channels<tab>2"): another block, not a row of it */
        char own = guess_delimiter(line, m);
        bool other = own && own != cand->delim && !(cand->delim == ' ' && own == '\t') &&
                     count_fields(line, m, cand->delim) == 1;
        /* a clean line with as many fields as the header: a row of it, or its units; or one
         * more, a first field of row names the header does not name (R's write.table) */
        int row_n = count_fields(line, m, cand->delim);
        int header_n = count_fields(cand->text, cand->len, cand->delim);
        bool clean = header_text(line, m) && !other;
        bool fits = clean && row_n == header_n;
        bool number = has_number_field(line, m, cand->delim);
        bool keyed = word_first(line, m, cand->delim);
        /* a header that ends with the delimiter over rows that do not (Rigol's "X,CH1,Start,
         * Increment," over "Sequence,Volt,-6e-03,2e-06"), or whose last column rows leave out
         * when they have nothing there (LabVIEW's "Comment") */
        bool habit = clean && header_n >= 3 && row_n == header_n - 1 &&
                     (cand->text[cand->len - 1] == cand->delim || !keyed);
        /* rows of one field more, their names first (R's write.table): under names only (a
         * "Channels<tab>2" line of a preamble is no such header) */
        int h_numbers = 0, h_words;
        bool h_measured;
        count_field_kinds(cand->text, cand->len, cand->delim, false, &h_numbers, &h_words,
                          &h_measured);
        bool row_names = clean && header_n >= 2 && row_n == header_n + 1 && (!keyed || !h_numbers);
        /* Rigol's "X,CH1,Start,Increment," over "Sequence,Volt,-6e-03,2e-06": its second line
         * is a word first, and the header's (the CSV parser reads it) */
        for (size_t k = 0; keyed && cand->keyed_rows == 0 && k + 15 <= cand->len; k++)
            keyed = memcmp(cand->text + k, "Start,Increment", 15) != 0;
        if (number && fits && cand->units_len == 0 && cand->keyed_rows == 0 &&
            header_is_data(cand, line, m))
            return take_header(src, st, line, n, true);
        if (number && (((fits || habit) && !keyed) || row_names)) {
            promote_words(src, st);
            return take_header(src, st, line, n, false);
        }
        /* a row whose first field is a word: an instrument's "key,value" metadata under a
         * "key,value" line ("Model,MDO3024" then "Firmware Version,1.26"), or a CSV whose first
         * column is words (nvidia-smi's name). A row of numbers, or a first word met before (a
         * column of words repeats, metadata keys do not), or too many such rows decide it is
         * the header's; another block (a line of another width) that it was metadata. */
        if (fits && keyed && (number || cand->keyed_rows > 0 || cand->units_len > 0)) {
            size_t at = 0, a, b;
            first_field(line, m, cand->delim, &at, &a, &b);
            if (key_held(cand, line + a, b - a)) return take_header(src, st, line, n, false);
            if (cand->keyed_rows >= KEYED_MAX || cand->keyed_len + m + 1 > sizeof cand->keyed)
                return take_header(src, st, line, n, false);
            cand->last_at = cand->keyed_len;
            memcpy(cand->keyed + cand->keyed_len, line, m);
            cand->keyed_len += m;
            cand->keyed[cand->keyed_len++] = '\n';
            cand->keyed_rows++;
            return false;
        }
        if (fits && cand->units_len == 0 && cand->keyed_rows == 0 && m < sizeof cand->units &&
            !labelled(line, m) &&
            !rp_line_is_bare_values(line, m)) { /* "1 2" under a lone word: numbers, no units */
            /* a row of words under the header: its units ("time,temp" then "s,°C"), as data
             * loggers write; the parser takes them when a row of numbers confirms the header */
            memcpy(cand->units, line, m);
            cand->units_len = m;
            return false;
        }
        drop_candidate(src, st);
    }
    if (header_text(line, m) && !labelled(line, m) && !rp_line_is_bare_values(line, m)) {
        char delim = guess_delimiter(line, m);
        /* a file's one-column CSV ("value" then a number a line: pandas' Series.to_csv): the
         * header names the series (a live stream's lone word is more likely a boot banner) */
        if (!delim && blank_header(line, m)) delim = ' ';
        if (!delim && src->desc.kind == RP_SOURCE_REPLAY) delim = ',';
        if (delim && hold_header(st, line, m, delim)) return false;
        skip_line(src, st, line, m, "neither text samples nor a CSV header");
        return false;
    }
    return detect_line(src, st, line, n);
}

static void copy_counters(source *src, rp_stream *st);
static void report_frames(source *src, rp_stream *st);

void rp_stream_feed(source *src, rp_stream *st, const uint8_t *data, size_t len)
{
    if (len > 0 && st->pending_cr && data[0] == '\n') {
        data++; /* the "\n" of a "\r\n" cut between two reads (the last line detection read) */
        len--;
    }
    st->pending_cr = false;
    while (st->format == RP_FORMAT_AUTO && len > 0) {
        const char *next = NULL;
        bool cr_last = false;
        const char *eol =
            rp_lines_end((const char *)data, (const char *)data + len, &next, &cr_last);
        size_t take = eol ? (size_t)(eol - (const char *)data) : len;
        if (st->pending_len + take > sizeof st->pending) { /* too long for a line we can judge */
            if (st->pending_len < sizeof st->pending) {
                size_t room = sizeof st->pending - st->pending_len;
                memcpy(st->pending + st->pending_len, data, room);
            }
            st->pending_len = sizeof st->pending + 1; /* overflowed: skip to the line's end */
        } else {
            memcpy(st->pending + st->pending_len, data, take);
            st->pending_len += take;
        }
        if (!eol) return;
        size_t used = (size_t)(next - (const char *)data);
        data += used;
        len -= used;
        if (st->lines_read == 0 &&
            !atomic_load_explicit(&src->first_line_set, memory_order_relaxed)) {
            size_t k = 0, n = st->pending_len < sizeof st->pending ? st->pending_len : 40;
            for (size_t i = 0; i < n && k < sizeof src->first_line - 1; i++) {
                unsigned char c = (unsigned char)st->pending[i];
                if (c == '\r' || c == '\n') break;
                src->first_line[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
            }
            src->first_line[k] = 0;
            atomic_store_explicit(&src->first_line_set, true, memory_order_release);
        }
        if (st->pending_len > sizeof st->pending)
            skip_line(src, st, st->pending, 40, TOO_LONG_TO_JUDGE);
        else if (detect(src, st, st->pending, st->pending_len) && st->format != RP_FORMAT_CSV)
            refuse_held(src, st); /* banner lines before text */
        st->lines_read++;
        atomic_store_explicit(&src->lines_held, st->format == RP_FORMAT_AUTO ? st->lines_read : 0,
                              memory_order_relaxed);
        st->pending_len = 0;
        st->pending_cr = cr_last; /* only at the read's last byte: then len is 0 */
    }
    if (len == 0) return;
    if (st->lines)
        rp_line_parser_feed(st->lines, data, len);
    else if (st->csv)
        rp_csv_parser_feed(st->csv, data, len);
    else if (st->frames)
        rp_frame_parser_feed(st->frames, data, len);
    copy_counters(src, st);
}

/* Binary frames: the parser's counters into the source's, and what changed to its log channel
 * (a failed checksum as malformed input, a lost or found sync header as FRAME_SYNC). */
static void report_frames(source *src, rp_stream *st)
{
    rp_binary_stats now = rp_frame_parser_stats(st->frames), was = st->reported;
    atomic_store_explicit(&src->frames, now.frames, memory_order_relaxed);
    atomic_store_explicit(&src->checksum_failed, now.checksum_failed, memory_order_relaxed);
    atomic_store_explicit(&src->sync_lost, now.sync_lost, memory_order_relaxed);
    atomic_store_explicit(&src->sync_skipped, now.sync_skipped, memory_order_relaxed);
    atomic_store_explicit(&src->parser_malformed, now.checksum_failed, memory_order_relaxed);
    const rp_binary_desc *f = &src->desc.binary;
    char sync[2 * RP_BINARY_SYNC_MAX + 1];
    rp_binary_sync_hex(f->sync, f->sync_len, sync, sizeof sync);
    if (now.checksum_failed > was.checksum_failed)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED,
                    "binary frames: %lld frame(s) failed the %s checksum: dropped whole (%lld in "
                    "all)",
                    (long long)(now.checksum_failed - was.checksum_failed),
                    rp_binary_checksum_name(f->checksum), (long long)now.checksum_failed);
    /* a loss is reported once the header is found again, with what it cost (bytes before the
     * first header are counted only: a port opened mid-frame is normal) */
    if (now.sync_found > was.sync_found) {
        if (now.sync_lost > was.sync_lost)
            rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_FRAME_SYNC,
                        "binary frames: header %s missing where a frame should start: found "
                        "again after %lld skipped byte(s) (%lld losses, %lld bytes skipped so far)",
                        sync, (long long)(now.sync_skipped - was.sync_skipped),
                        (long long)now.sync_lost, (long long)now.sync_skipped);
        st->reported = now;
    }
    st->reported.checksum_failed = now.checksum_failed;
    const char *e = rp_frame_parser_last_error(st->frames);
    if (now.truncated_bytes > was.truncated_bytes && *e)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED, "%s", e);
    st->reported.truncated_bytes = now.truncated_bytes;
}

static void copy_counters(source *src, rp_stream *st)
{
    int64_t bad = 0;
    const char *e = "";
    if (st->lines) {
        bad = rp_line_parser_stats(st->lines).lines_rejected;
        e = rp_line_parser_last_error(st->lines);
    } else if (st->csv) {
        rp_csv_stats cs = rp_csv_parser_stats(st->csv);
        bad = cs.rows_rejected + cs.fields_bad;
        atomic_store_explicit(&src->csv_fields_bad, cs.fields_bad, memory_order_relaxed);
        e = rp_csv_parser_last_error(st->csv);
    } else if (st->frames) {
        report_frames(src, st);
        return;
    }
    if (bad != atomic_load_explicit(&src->parser_malformed, memory_order_relaxed)) {
        if (st->lines)
            rp_sink_line_counters(src, st->lines);
        else
            atomic_store_explicit(&src->parser_malformed, bad, memory_order_relaxed);
        if (e && *e) rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED, "%s", e);
    }
}

void rp_stream_finish(source *src, rp_stream *st)
{
    if (st->format == RP_FORMAT_AUTO) {
        if (st->pending_len > sizeof st->pending) /* a last line too long to judge: counted */
            skip_line(src, st, st->pending, 40, TOO_LONG_TO_JUDGE);
        else if (st->pending_len > 0) {
            size_t n = st->pending_len;
            st->pending_len = 0;
            if (detect(src, st, st->pending, n) && st->format != RP_FORMAT_CSV)
                refuse_held(src, st);
        }
        st->pending_len = 0;
        st->pending_cr = false;
        rp_csv_candidate *cand = &st->candidate;
        if (st->format == RP_FORMAT_AUTO && cand->keyed_rows > 0) /* rows of words first */
            take_header(src, st, NULL, 0, false);
        else if (st->format == RP_FORMAT_AUTO && cand->len > 0) /* a header alone, no rows */
            drop_candidate(src, st);
        if (st->format == RP_FORMAT_AUTO) refuse_held(src, st);
    }
    if (st->lines) rp_line_parser_finish(st->lines);
    if (st->csv) {
        rp_csv_parser_finish(st->csv);
        const char *unread = rp_csv_parser_unread_note(st->csv); /* said, never silent */
        if (*unread) rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED, "%s", unread);
    }
    if (st->frames) rp_frame_parser_finish(st->frames);
    copy_counters(src, st);
}
