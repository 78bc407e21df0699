/* datetime.c — date-times as Unix seconds, for CSV time columns exported by loggers, databases
 * and spreadsheets: ISO 8601 ("2024-03-01T12:00:00.25Z") and dates written day or month first
 * ("29/11/2026 10:00:00", "11/29/2026 9:05 PM", "29.11.2026"). No locale, no TZ, no
 * allocation. */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/io_internal.h"
#include "io/parse.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. Years are shifted to start
 * in March so that the leap day is the last day of the shifted year. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;                                  /* [0, 399] */
    int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

/* The inverse: y-m-d of a day count from 1970-01-01. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t day_of_era = z - era * 146097; /* [0, 146096] */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t mp = (5 * day_of_year + 2) / 153; /* [0, 11], March first */
    *d = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = year_of_era + era * 400 + (*m <= 2);
}

static bool digits(const char *s, size_t len, size_t *pos, int count, int *out)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (*pos >= len || s[*pos] < '0' || s[*pos] > '9') return false;
        v = v * 10 + (s[(*pos)++] - '0');
    }
    *out = v;
    return true;
}

static bool at(const char *s, size_t len, size_t pos, char c) { return pos < len && s[pos] == c; }

/* Two digits, or one or two when least is 1 (a second digit is taken when it follows). */
static bool one_or_two(const char *s, size_t len, size_t *pos, int least, int *out)
{
    if (!digits(s, len, pos, least, out)) return false;
    int low;
    if (least == 1 && *pos < len && s[*pos] >= '0' && s[*pos] <= '9' &&
        digits(s, len, pos, 1, &low))
        *out = *out * 10 + low;
    return true;
}

/* hh:mm[:ss[(.|,)fraction]] from *pos: whole seconds since midnight and the fraction;
 * hours_digits 2 (ISO 8601) or 1 for one or two ("9:05:00", as spreadsheets write it). */
static bool clock_time(const char *s, size_t len, size_t *pos, int hours_digits, int *whole,
                       double *fraction_out)
{
    int hour, minute, second = 0;
    double fraction = 0.0;
    if (!one_or_two(s, len, pos, hours_digits, &hour)) return false;
    if (!at(s, len, (*pos)++, ':') || !digits(s, len, pos, 2, &minute)) return false;
    if (at(s, len, *pos, ':')) {
        (*pos)++;
        if (!digits(s, len, pos, 2, &second)) return false;
        if (at(s, len, *pos, '.') || at(s, len, *pos, ',')) {
            (*pos)++;
            double scale = 0.1;
            size_t start = *pos;
            while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9') {
                fraction += (s[(*pos)++] - '0') * scale;
                scale *= 0.1;
            }
            if (*pos == start) return false;
        }
    }
    if (hour > 24 || minute > 59 || second > 60) return false; /* 60: a leap second */
    *whole = hour * 3600 + minute * 60 + second;
    *fraction_out = fraction;
    return true;
}

rp_status rp_io_parse_iso8601(const char *s, size_t len, double *unix_seconds)
{
    size_t pos = 0;
    int year, month, day, clock = 0;
    double fraction = 0.0;
    if (!s || !unix_seconds) return RP_ERR_INVALID_ARG;
    if (len >= 4 && (s[1] == ':' || s[2] == ':')) { /* a time of day alone: 1970-01-01 */
        if (!clock_time(s, len, &pos, 1, &clock, &fraction) || pos != len) return RP_ERR_PARSE;
        *unix_seconds = (double)clock + fraction;
        return RP_OK;
    }
    /* '-' (ISO 8601), or '/' with the year first as spreadsheets write it ("2024/3/1 9:05"),
     * month, day and hour then with one digit or two */
    char sep = len > 4 ? s[4] : 0;
    int short_ok = sep == '/' ? 1 : 2;
    if (!digits(s, len, &pos, 4, &year) || (sep != '-' && sep != '/') || !at(s, len, pos++, sep) ||
        !one_or_two(s, len, &pos, short_ok, &month) || !at(s, len, pos++, sep) ||
        !one_or_two(s, len, &pos, short_ok, &day))
        return RP_ERR_PARSE;
    if (month < 1 || month > 12 || day < 1 || day > 31) return RP_ERR_PARSE;
    int offset_minutes = 0;
    if (pos < len && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
        pos++;
        if (!clock_time(s, len, &pos, short_ok, &clock, &fraction)) return RP_ERR_PARSE;
        /* " UTC" / " GMT" after the time, as date(1), sadf -d and vmstat -t write it: Z */
        if (len - pos == 4 && s[pos] == ' ' &&
            (!memcmp(s + pos + 1, "UTC", 3) || !memcmp(s + pos + 1, "GMT", 3)))
            pos = len;
        else if (at(s, len, pos, 'Z') || at(s, len, pos, 'z')) {
            pos++;
        } else if (at(s, len, pos, '+') || at(s, len, pos, '-')) {
            int sign = s[pos++] == '-' ? -1 : 1, oh, om = 0;
            if (!digits(s, len, &pos, 2, &oh)) return RP_ERR_PARSE;
            if (at(s, len, pos, ':')) pos++;
            if (pos < len && !digits(s, len, &pos, 2, &om)) return RP_ERR_PARSE;
            if (oh > 23 || om > 59) return RP_ERR_PARSE;
            offset_minutes = sign * (oh * 60 + om);
        }
    }
    if (pos != len) return RP_ERR_PARSE;
    int64_t days = days_from_civil(year, month, day);
    *unix_seconds = (double)(days * 86400 + clock - offset_minutes * 60) + fraction;
    return RP_OK;
}

/* " AM" / " PM" (any case, the blank optional) after a clock time: 12-hour clocks, as US
 * spreadsheets write them. Adjusts *whole (seconds since midnight); false: no such suffix. */
static bool meridiem(const char *s, size_t len, size_t *pos, int *whole)
{
    size_t p = *pos;
    if (at(s, len, p, ' ')) p++;
    if (p + 2 != len || toupper((unsigned char)s[p + 1]) != 'M') return false;
    char c = (char)toupper((unsigned char)s[p]);
    if (c != 'A' && c != 'P') return false;
    int hour = *whole / 3600;
    if (hour < 1 || hour > 12) return false;
    *whole += ((c == 'P') == (hour == 12) ? 0 : (c == 'P' ? 12 : -12)) * 3600;
    *pos = len;
    return true;
}

rp_status rp_io_parse_date_as_written(const char *s, size_t len, rp_date_order *order,
                                      double *unix_seconds)
{
    if (!s || !order || !unix_seconds) return RP_ERR_INVALID_ARG;
    if (rp_io_parse_iso8601(s, len, unix_seconds) == RP_OK) return RP_OK;
    /* D[D] sep M[M] sep YYYY, or month first */
    size_t pos = 0;
    int a, b, year, clock = 0;
    double fraction = 0.0;
    if (!one_or_two(s, len, &pos, 1, &a)) return RP_ERR_PARSE;
    char sep = pos < len ? s[pos] : 0;
    if ((sep != '/' && sep != '.' && sep != '-') || !at(s, len, pos++, sep) ||
        !one_or_two(s, len, &pos, 1, &b) || !at(s, len, pos++, sep) ||
        !digits(s, len, &pos, 4, &year))
        return RP_ERR_PARSE;
    if (pos < len && (s[pos] == ' ' || s[pos] == 'T')) {
        pos++;
        if (!clock_time(s, len, &pos, 1, &clock, &fraction)) return RP_ERR_PARSE;
        if (pos < len && !meridiem(s, len, &pos, &clock)) return RP_ERR_PARSE;
    }
    if (pos != len || a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) return RP_ERR_PARSE;
    rp_date_order says = a > 12 ? RP_DATE_ORDER_DMY : b > 12 ? RP_DATE_ORDER_MDY : *order;
    if (*order != RP_DATE_ORDER_AUTO && says != *order) return RP_ERR_PARSE; /* contradicts */
    if (says != RP_DATE_ORDER_AUTO)
        *order = says;
    else
        says = sep == '/' ? RP_DATE_ORDER_MDY : RP_DATE_ORDER_DMY; /* unproven: the custom */
    int day = says == RP_DATE_ORDER_DMY ? a : b, month = says == RP_DATE_ORDER_DMY ? b : a;
    if (month > 12) return RP_ERR_PARSE;
    *unix_seconds = (double)(days_from_civil(year, month, day) * 86400 + clock) + fraction;
    return RP_OK;
}

double rp_io_day_clock(rp_day_clock *clock, double seconds)
{
    double at = seconds + 86400.0 * (double)clock->days;
    if (clock->seen && at < clock->last - 43200) {
        clock->days++;
        at += 86400;
    }
    clock->seen = true;
    clock->last = at;
    return at;
}

int rp_io_format_time(double seconds, char *out, size_t size)
{
    if (!out || size == 0) return 0;
    /* a date: from 1e8 s (1973, where the ingest sink tells dates from device clocks) up to the
     * end of year 9999 */
    if (!(seconds >= RP_IO_DATES_FROM && seconds < 253402300800.0))
        return snprintf(out, size, "%.6f s", seconds);
    double whole = floor(seconds);
    int64_t micros = (int64_t)llround((seconds - whole) * 1e6);
    int64_t t = (int64_t)whole;
    if (micros >= 1000000) { /* rounded up to the next second */
        t++;
        micros -= 1000000;
    }
    int64_t y;
    int mo, d;
    civil_from_days(t / 86400, &y, &mo, &d);
    int sec = (int)(t % 86400);
    char fraction[8] = "";
    if (micros > 0) { /* only the digits that say something: ".25", not ".250000" */
        snprintf(fraction, sizeof fraction, ".%06d", (int)micros);
        size_t k = strlen(fraction);
        while (k > 2 && fraction[k - 1] == '0') fraction[--k] = '\0';
    }
    return snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", (int)y, mo, d, sec / 3600,
                    sec / 60 % 60, sec % 60, fraction);
}
