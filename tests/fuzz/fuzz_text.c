/* fuzz_text.c — the Teleplot text line parser, streamed in random chunks.
 * Input: byte 0 = options (bit 0 prefix_only, bit 1 refused_places, the rest seeds the
 * chunking), then the stream.
 * Checks: counters add up; every emitted sample and event (XY point, text, log) is well formed;
 * any chunking emits exactly the same samples, events and counters as one feed call; every text
 * value and log line goes into a notes store (rp_notes, 2 tracks of 8 values, 4 log lines), which
 * keeps or refuses each one, counts it, and reads back what it kept as valid text. */
#include <math.h>

#include "fuzz_util.h"
#include "io/parse.h"

typedef struct acc {
    uint64_t hash;
    int64_t count;           /* number samples */
    int64_t xy, texts, logs; /* events by kind */
    int64_t places;          /* of count: refused values' places (RP_LINE_FLAG_REFUSED) */
    bool refused_places;     /* the parser was asked for them */
    rp_notes *notes;
} acc;

/* A text value or log line into the store at x = its event number: kept (cut to a character
 * boundary), or refused and counted (a third track); what comes back is text. */
static void push_note(acc *a, const rp_line_event *ev)
{
    double x = (double)(a->texts + a->logs);
    rp_status st =
        ev->kind == RP_LINE_EVENT_TEXT
            ? rp_notes_push_text(a->notes, ev->name, ev->name_len, x, ev->text, ev->text_len)
            : rp_notes_push_log(a->notes, x, ev->text, ev->text_len);
    FUZZ_CHECK(st == RP_OK || st == RP_ERR_LIMIT);
    rp_note back;
    bool kept = ev->kind == RP_LINE_EVENT_LOG ? rp_notes_read_logs(a->notes, x, x, &back, 1) == 1
                                              : st == RP_OK;
    if (ev->kind == RP_LINE_EVENT_TEXT && st == RP_OK)
        for (int t = 0; t < rp_notes_track_count(a->notes); t++)
            if (strlen(rp_notes_track_name(a->notes, t)) == ev->name_len &&
                !memcmp(rp_notes_track_name(a->notes, t), ev->name, ev->name_len))
                FUZZ_CHECK(rp_notes_text_at(a->notes, t, x, &back) && back.x == x);
    FUZZ_CHECK(kept == (st == RP_OK));
    if (!kept) return;
    size_t n = strlen(back.text);
    FUZZ_CHECK(n <= ev->text_len && n < RP_NOTE_LOG_MAX);
    for (size_t i = 0; i < n; i++) FUZZ_CHECK((unsigned char)back.text[i] >= 0x20);
}

/* A name as the parser promises it: 1..RP_LINE_NAME_MAX bytes, no control byte, none of
 * ':' ',' ';' '|', no tab, no blank at either end. */
static void check_name(const char *name, size_t len)
{
    FUZZ_CHECK(name && len >= 1 && len <= RP_LINE_NAME_MAX);
    FUZZ_CHECK(name[0] != ' ' && name[len - 1] != ' ');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        FUZZ_CHECK(c >= 0x20 && c != 0x7F && c != ':' && c != ',' && c != ';' && c != '|');
    }
}

/* Units and texts: no control byte (the line would have been refused). */
static void check_bytes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_CHECK((c >= 0x20 || c == '\t') && c != 0x7F);
    }
}

static void check_unit(const char *unit, size_t len)
{
    FUZZ_CHECK((unit == NULL) == (len == 0));
    FUZZ_CHECK(len <= RP_LINE_UNIT_MAX);
    check_bytes(unit, len);
    for (size_t i = 0; i < len; i++) FUZZ_CHECK(unit[i] != ':' && unit[i] != ';' && unit[i] != '|');
}

static void on_sample(void *user, const rp_line_sample *s)
{
    acc *a = user;
    check_name(s->name, s->name_len);
    check_unit(s->unit, s->unit_len);
    FUZZ_CHECK(!s->has_timestamp || isfinite(s->timestamp_ms));
    FUZZ_CHECK((s->flags & ~(unsigned)(RP_LINE_FLAG_NO_PLOT | RP_LINE_FLAG_CLEAR |
                                       RP_LINE_FLAG_REFUSED)) == 0);
    if (s->flags & RP_LINE_FLAG_REFUSED) { /* a refused value's place: NaN, nothing else */
        FUZZ_CHECK(a->refused_places && isnan(s->value) && s->unit == NULL &&
                   s->flags == RP_LINE_FLAG_REFUSED);
        a->places++;
    }
    a->hash = fuzz_hash(a->hash, s->name, s->name_len);
    a->hash = fuzz_hash(a->hash, &s->value, sizeof s->value);
    a->hash = fuzz_hash(a->hash, &s->has_timestamp, sizeof s->has_timestamp);
    if (s->has_timestamp) a->hash = fuzz_hash(a->hash, &s->timestamp_ms, sizeof s->timestamp_ms);
    a->hash = fuzz_hash(a->hash, s->unit ? s->unit : "", s->unit_len);
    a->hash = fuzz_hash(a->hash, &s->flags, sizeof s->flags);
    a->count++;
}

static void on_event(void *user, const rp_line_event *ev)
{
    acc *a = user;
    FUZZ_CHECK(ev->kind == RP_LINE_EVENT_XY || ev->kind == RP_LINE_EVENT_TEXT ||
               ev->kind == RP_LINE_EVENT_LOG);
    if (ev->kind == RP_LINE_EVENT_LOG) {
        FUZZ_CHECK(ev->name == NULL && ev->name_len == 0 && ev->unit == NULL && ev->flags == 0);
    } else {
        check_name(ev->name, ev->name_len);
        check_unit(ev->unit, ev->unit_len);
    }
    FUZZ_CHECK((ev->text != NULL) == (ev->kind != RP_LINE_EVENT_XY));
    if (ev->text) check_bytes(ev->text, ev->text_len);
    if (ev->kind == RP_LINE_EVENT_TEXT)
        for (size_t i = 0; i < ev->text_len; i++)
            FUZZ_CHECK(ev->text[i] != ':' && ev->text[i] != ';');
    FUZZ_CHECK(!ev->has_timestamp || isfinite(ev->timestamp_ms));
    a->hash = fuzz_hash(a->hash, &ev->kind, sizeof ev->kind);
    if (ev->name) a->hash = fuzz_hash(a->hash, ev->name, ev->name_len);
    a->hash = fuzz_hash(a->hash, &ev->has_timestamp, sizeof ev->has_timestamp);
    if (ev->has_timestamp) a->hash = fuzz_hash(a->hash, &ev->timestamp_ms, sizeof ev->timestamp_ms);
    if (ev->kind == RP_LINE_EVENT_XY) {
        a->hash = fuzz_hash(a->hash, &ev->x, sizeof ev->x);
        a->hash = fuzz_hash(a->hash, &ev->y, sizeof ev->y);
        a->xy++;
    } else {
        a->hash = fuzz_hash(a->hash, ev->text, ev->text_len);
        push_note(a, ev);
        if (ev->kind == RP_LINE_EVENT_TEXT)
            a->texts++;
        else
            a->logs++;
    }
    if (ev->unit) a->hash = fuzz_hash(a->hash, ev->unit, ev->unit_len);
}

static void check_stats(const rp_line_stats *st, const acc *a, size_t size)
{
    int64_t sum = 0;
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) {
        FUZZ_CHECK(st->rejected[r] >= 0);
        sum += st->rejected[r];
    }
    FUZZ_CHECK(sum == st->lines_rejected);
    FUZZ_CHECK(st->lines ==
               st->lines_ok + st->lines_empty + st->lines_ignored + st->lines_rejected);
    FUZZ_CHECK(st->samples == a->count - a->places); /* a refused value's place: no sample */
    FUZZ_CHECK(a->places <= st->lines_rejected * RP_LINE_VALUES_MAX);
    FUZZ_CHECK(st->xy_points == a->xy && st->texts == a->texts && st->logs == a->logs);
    /* a line holds samples, XY points or texts (up to RP_LINE_VALUES_MAX), or one log; a line
     * refused for a bad name:value pair still gives its good pairs */
    FUZZ_CHECK(st->samples + st->xy_points + st->texts + st->logs <=
               (st->lines_ok + st->lines_rejected) * RP_LINE_VALUES_MAX + st->lines_ignored);
    FUZZ_CHECK(st->logs <= st->lines_ok + st->lines_ignored);
    FUZZ_CHECK(st->bytes == (int64_t)size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint32_t seed = 0x9E3779B9u ^ data[0];
    bool prefix_only = data[0] & 1, refused_places = data[0] & 2;
    data++;
    size--;

    acc chunked = {.hash = 1469598103934665603ull, .refused_places = refused_places},
        whole = chunked;
    rp_notes_desc nd = {.tracks = 2, .entries = 8, .log_lines = 4};
    FUZZ_CHECK(rp_notes_create(&nd, &chunked.notes) == RP_OK);
    FUZZ_CHECK(rp_notes_create(&nd, &whole.notes) == RP_OK);
    rp_line_parser *p1 = NULL, *p2 = NULL;
    FUZZ_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample,
                                                            .on_event = on_event,
                                                            .user = &chunked,
                                                            .prefix_only = prefix_only,
                                                            .refused_places = refused_places},
                                     &p1) == RP_OK);
    FUZZ_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_sample,
                                                            .on_event = on_event,
                                                            .user = &whole,
                                                            .prefix_only = prefix_only,
                                                            .refused_places = refused_places},
                                     &p2) == RP_OK);
    for (size_t off = 0; off < size;) {
        size_t n = fuzz_chunk(&seed, size - off);
        rp_status st = rp_line_parser_feed(p1, data + off, n);
        FUZZ_CHECK(st == RP_OK || st == RP_ERR_PARSE);
        FUZZ_CHECK(strlen(rp_line_parser_last_error(p1)) < RP_IO_ERROR_MAX);
        off += n;
    }
    rp_line_parser_finish(p1);
    rp_line_parser_feed(p2, data, size);
    rp_line_parser_finish(p2);

    rp_line_stats s1 = rp_line_parser_stats(p1), s2 = rp_line_parser_stats(p2);
    check_stats(&s1, &chunked, size);
    check_stats(&s2, &whole, size);
    FUZZ_CHECK(chunked.hash == whole.hash);
    FUZZ_CHECK(memcmp(&s1, &s2, sizeof s1) == 0);
    /* messages never carry control bytes from the input */
    for (const char *m = rp_line_parser_last_error(p1); *m; m++)
        FUZZ_CHECK((unsigned char)*m >= 0x20);
    /* both stores saw the same events: the same counters */
    rp_notes_stats n1 = rp_notes_stats_get(chunked.notes), n2 = rp_notes_stats_get(whole.notes);
    FUZZ_CHECK(n1.tracks == n2.tracks && n1.texts == n2.texts && n1.logs == n2.logs &&
               n1.truncated == n2.truncated && n1.refused == n2.refused &&
               n1.texts_expired == n2.texts_expired && n1.logs_expired == n2.logs_expired);
    FUZZ_CHECK(n1.texts + n1.logs + n1.refused == s1.texts + s1.logs);
    rp_notes_destroy(chunked.notes);
    rp_notes_destroy(whole.notes);
    rp_line_parser_destroy(p1);
    rp_line_parser_destroy(p2);
    return 0;
}
