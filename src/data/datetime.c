/* datetime.c — proleptic Gregorian calendar arithmetic (days from 1970-01-01 by eras of
 * 400 years), parsing and rendering of the date formats banks export. */
#include "datetime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static long long days_from_civil(long long year, unsigned month, unsigned day)
{
    year -= month <= 2;
    long long era = (year >= 0 ? year : year - 399) / 400;
    unsigned year_of_era = (unsigned)(year - era * 400);
    unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + (long long)day_of_era - 719468;
}

static void civil_from_days(long long days, long long *year, unsigned *month, unsigned *day)
{
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned day_of_era = (unsigned)(days - era * 146097);
    unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    unsigned shifted_month = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    *month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    *year = (long long)year_of_era + era * 400 + (*month <= 2);
}

static int days_in_month(long long year, unsigned month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

/* The times the calendar renders: 0000-01-01 00:00:00 to 9999-12-31 23:59:59 (four-digit
 * years); a time outside (only a corrupt model makes one) is taken at the nearer end. */
static double in_calendar(double seconds)
{
    static const double first = -62167219200.0, last = 253402300799.0;
    return isnan(seconds) ? first : seconds < first ? first : seconds > last ? last : seconds;
}

void rg_datetime_calendar(double seconds, long long *year, int *month, int *day, int *month_days)
{
    long long days = (long long)floor(in_calendar(seconds) / 86400.0);
    unsigned m, d;
    civil_from_days(days, year, &m, &d);
    *month = (int)m, *day = (int)d;
    *month_days = days_in_month(*year, m);
}

/* Reads 1..max_digits digits (exactly `exact` when non-zero) at *i. */
static int read_digits(const char *text, size_t length, size_t *i, int exact, int max_digits, unsigned *value)
{
    int count = 0;
    *value = 0;
    while (*i < length && count < max_digits && text[*i] >= '0' && text[*i] <= '9') {
        *value = *value * 10 + (unsigned)(text[*i] - '0');
        (*i)++;
        count++;
    }
    return count > 0 && (!exact || count == exact);
}

/* Consumes c at *i (c == 0: nothing to consume, a compact format). */
static int expect_char(const char *text, size_t length, size_t *i, char c)
{
    if (c == 0)
        return 1;
    if (*i < length && text[*i] == c) {
        (*i)++;
        return 1;
    }
    return 0;
}

int rg_datetime_parse(const char *text, size_t length, const rg_datetime_format *f, double *seconds)
{
    size_t i = 0;
    unsigned a, b, c, year, month, day;
    int small = f->padded ? 2 : 0, small_max = 2;
    switch (f->order) {
    case RG_DATE_YMD: {
        int year_digits = f->two_digit_year ? 2 : 4;
        if (!read_digits(text, length, &i, year_digits, year_digits, &a) ||
            !expect_char(text, length, &i, f->separator) || !read_digits(text, length, &i, small, small_max, &b) ||
            !expect_char(text, length, &i, f->separator) || !read_digits(text, length, &i, small, small_max, &c))
            return 0;
        year = f->two_digit_year ? (a < 69 ? 2000 + a : 1900 + a) : a, month = b, day = c;
        break;
    }
    case RG_DATE_DMY:
    case RG_DATE_MDY:
        if (!read_digits(text, length, &i, small, small_max, &a) || !expect_char(text, length, &i, f->separator) ||
            !read_digits(text, length, &i, small, small_max, &b) || !expect_char(text, length, &i, f->separator) ||
            !read_digits(text, length, &i, 4, 4, &c))
            return 0;
        year = c;
        day = f->order == RG_DATE_DMY ? a : b;
        month = f->order == RG_DATE_DMY ? b : a;
        break;
    default:
        return 0;
    }
    if (year < 1000 || month < 1 || month > 12 || day < 1 || (int)day > days_in_month(year, month))
        return 0;
    unsigned hour = 0, minute = 0, second = 0;
    if (f->time) {
        if (!expect_char(text, length, &i, f->time_separator) || !read_digits(text, length, &i, 2, 2, &hour) ||
            !expect_char(text, length, &i, ':') || !read_digits(text, length, &i, 2, 2, &minute))
            return 0;
        if (f->time == 2 && (!expect_char(text, length, &i, ':') || !read_digits(text, length, &i, 2, 2, &second)))
            return 0;
        if (hour > 23 || minute > 59 || second > 59)
            return 0;
    }
    if (f->zulu && !expect_char(text, length, &i, 'Z'))
        return 0;
    if (i != length)
        return 0;
    *seconds = (double)days_from_civil(year, month, day) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
    return 1;
}

int rg_datetime_render(char *out, size_t size, double seconds, const rg_datetime_format *f)
{
    long long total = (long long)floor(in_calendar(seconds));
    long long days = total >= 0 ? total / 86400 : -((-total + 86399) / 86400);
    long long in_day = total - days * 86400;
    long long year;
    unsigned month, day;
    civil_from_days(days, &year, &month, &day);
    const char *pair = f->padded ? "%02u" : "%u";
    char first[8], second[8];
    int n;
    char separator[2] = {f->separator, 0};
    if (f->order == RG_DATE_YMD && f->two_digit_year) {
        snprintf(first, sizeof first, pair, month);
        snprintf(second, sizeof second, pair, day);
        n = snprintf(out, size, "%02lld%s%s%s%s", ((year % 100) + 100) % 100, separator, first, separator, second);
    } else if (f->order == RG_DATE_YMD) {
        snprintf(first, sizeof first, pair, month);
        snprintf(second, sizeof second, pair, day);
        n = snprintf(out, size, "%04lld%s%s%s%s", year, separator, first, separator, second);
    } else {
        snprintf(first, sizeof first, pair, f->order == RG_DATE_DMY ? day : month);
        snprintf(second, sizeof second, pair, f->order == RG_DATE_DMY ? month : day);
        n = snprintf(out, size, "%s%c%s%c%04lld", first, f->separator, second, f->separator, year);
    }
    if (n < 0 || (size_t)n >= size)
        return n;
    if (f->time == 1)
        n += snprintf(out + n, size - (size_t)n, "%c%02lld:%02lld", f->time_separator, in_day / 3600, in_day / 60 % 60);
    else if (f->time == 2)
        n += snprintf(out + n, size - (size_t)n, "%c%02lld:%02lld:%02lld", f->time_separator, in_day / 3600,
                      in_day / 60 % 60, in_day % 60);
    if (f->zulu && (size_t)n + 1 < size) {
        out[n++] = 'Z';
        out[n] = '\0';
    }
    return n;
}

double rg_datetime_resolution(const rg_datetime_format *f)
{
    return f->time == 0 ? 86400.0 : f->time == 1 ? 60.0 : 1.0;
}

void rg_datetime_format_name(const rg_datetime_format *f, char *out, size_t size)
{
    const char *d = f->padded ? "dd" : "d", *m = f->padded ? "mm" : "m";
    char separator[2] = {f->separator, 0};
    int n;
    if (f->order == RG_DATE_YMD)
        n = snprintf(out, size, "%s%s%s%s%s", f->two_digit_year ? "yy" : "yyyy", separator, m, separator, d);
    else if (f->order == RG_DATE_DMY)
        n = snprintf(out, size, "%s%c%s%cyyyy", d, f->separator, m, f->separator);
    else
        n = snprintf(out, size, "%s%c%s%cyyyy", m, f->separator, d, f->separator);
    if (n < 0 || (size_t)n >= size)
        return;
    snprintf(out + n, size - (size_t)n, "%s%s%s", f->time ? (f->time_separator == 'T' ? "T" : " ") : "",
             f->time == 1 ? "hh:mm" : f->time == 2 ? "hh:mm:ss" : "", f->zulu ? "Z" : "");
}

/* The candidate formats, in order of preference. */
static size_t candidates(rg_datetime_format *list)
{
    size_t n = 0;
    static const char separators[] = {'-', '/', '.'};
    static const struct { unsigned char time; char separator; unsigned char zulu; } times[] = {
        {0, ' ', 0}, {2, ' ', 0}, {1, ' ', 0}, {2, 'T', 0}, {2, 'T', 1}, {1, 'T', 0}};
    static const unsigned char orders[] = {RG_DATE_YMD, RG_DATE_DMY, RG_DATE_MDY};
    for (size_t o = 0; o < 3; o++)
        for (size_t s = 0; s < 3; s++)
            for (int padded = 1; padded >= 0; padded--)
                for (size_t t = 0; t < sizeof times / sizeof *times; t++) {
                    if (orders[o] == RG_DATE_YMD && (separators[s] == '.' || !padded))
                        continue; /* yyyy.mm.dd and yyyy-m-d are too rare to guess */
                    if (orders[o] != RG_DATE_YMD && times[t].separator == 'T')
                        continue; /* the 'T' forms are ISO 8601 only */
                    list[n++] = (rg_datetime_format){orders[o], separators[s], (unsigned char)padded, times[t].time,
                                                     times[t].separator, times[t].zulu, 0};
                }
    return n;
}

int rg_datetime_format_from_name(const char *name, rg_datetime_format *format)
{
    rg_datetime_format list[72];
    size_t n = candidates(list);
    for (unsigned char two_digit = 0; two_digit <= 1; two_digit++) /* yyyymmdd, yymmdd: named only */
        for (unsigned char time = 0; time <= 2; time++)
            list[n++] = (rg_datetime_format){RG_DATE_YMD, 0, 1, time, ' ', 0, two_digit};
    for (size_t i = 0; i < n; i++) {
        char known[32];
        rg_datetime_format_name(&list[i], known, sizeof known);
        if (strcmp(known, name) == 0) {
            *format = list[i];
            return 1;
        }
    }
    return 0;
}

void rg_datetime_detect_begin(rg_datetime_detector *detector)
{
    rg_datetime_format list[64];
    size_t n = candidates(list); /* 48 < 63 */
    detector->alive = (1ULL << n) - 1;
    detector->alive |= 1ULL << 63; /* bit 63: no text fed yet */
}

void rg_datetime_detect_feed(rg_datetime_detector *detector, const char *text, size_t length)
{
    rg_datetime_format list[64];
    size_t n = candidates(list);
    detector->alive &= ~(1ULL << 63);
    if (length > 40 || length < 6) {
        detector->alive = 0;
        return;
    }
    for (size_t i = 0; i < n && detector->alive; i++) {
        if (!(detector->alive >> i & 1))
            continue;
        double seconds;
        char back[48];
        if (!rg_datetime_parse(text, length, &list[i], &seconds) ||
            rg_datetime_render(back, sizeof back, seconds, &list[i]) != (int)length || memcmp(back, text, length) != 0)
            detector->alive &= ~(1ULL << i);
    }
}

int rg_datetime_detect_end(const rg_datetime_detector *detector, rg_datetime_format *format)
{
    if (detector->alive >> 63 & 1)
        return 0;
    rg_datetime_format list[64];
    size_t n = candidates(list);
    for (size_t i = 0; i < n; i++)
        if (detector->alive >> i & 1) {
            *format = list[i];
            return 1;
        }
    return 0;
}
