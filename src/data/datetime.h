/* datetime.h — date and date-time text <-> seconds since 1970-01-01 UTC, in a format
 * described by a small struct so that parsing then rendering gives back the same text. */
#ifndef RISKGAN_DATA_DATETIME_H
#define RISKGAN_DATA_DATETIME_H

#include <stddef.h>

typedef enum { RG_DATE_NONE = 0, RG_DATE_YMD, RG_DATE_DMY, RG_DATE_MDY } rg_date_order;

typedef struct {
    unsigned char order;          /* rg_date_order; RG_DATE_NONE: not a date column */
    char separator;               /* '-', '/' or '.' between year, month and day */
    unsigned char padded;         /* day and month written with two digits */
    unsigned char time;           /* 0: date only, 1: hh:mm, 2: hh:mm:ss */
    char time_separator;          /* ' ' or 'T' */
    unsigned char zulu;           /* a trailing 'Z' */
    unsigned char two_digit_year; /* compact "yymmdd": years 69..99 are 19xx, 00..68 are 20xx */
} rg_datetime_format;
/* Compact forms have separator 0: "yyyymmdd" and "yymmdd" (year, month, day, no separator;
 * named, never guessed from the values: a column of such numbers stays numbers unless
 * declared a date). */

/* Parses the whole text in the format; 1 on success (*seconds set), 0 otherwise. */
int rg_datetime_parse(const char *text, size_t length, const rg_datetime_format *format, double *seconds);
/* Renders seconds (rounded down to the format's resolution) in the format; a time outside the
 * years 0000-9999 is rendered at the nearer end of that range. */
int rg_datetime_render(char *out, size_t size, double seconds, const rg_datetime_format *format);
/* The format's name, e.g. "yyyy-mm-dd hh:mm:ss" or "d/m/yyyy". */
void rg_datetime_format_name(const rg_datetime_format *format, char *out, size_t size);
/* Reads a format name as written by rg_datetime_format_name; 1 on success. */
int rg_datetime_format_from_name(const char *name, rg_datetime_format *format);
/* Seconds in a day: the unit of a datetime column's values, a day apart. */
#define RG_SECONDS_PER_DAY 86400.0

/* The calendar date of a time (seconds since 1970-01-01 UTC): year, month 1..12, day 1..31,
 * and the days of that month (outside the years 0000-9999: at the nearer end). */
void rg_datetime_calendar(double seconds, long long *year, int *month, int *day, int *month_days);
/* Seconds between two consecutive values of the format (86400, 60 or 1). */
double rg_datetime_resolution(const rg_datetime_format *format);

/* Format detection over the distinct texts of a column: call begin, then feed every text;
 * the result is the first format (ISO first, then day-first, then month-first) in which
 * every text parses and renders back unchanged. */
typedef struct {
    unsigned long long alive; /* bit i: candidate i still fits every text seen */
} rg_datetime_detector;
void rg_datetime_detect_begin(rg_datetime_detector *detector);
void rg_datetime_detect_feed(rg_datetime_detector *detector, const char *text, size_t length);
/* 1 and *format when some candidate fits every text (and at least one text was fed). */
int rg_datetime_detect_end(const rg_datetime_detector *detector, rg_datetime_format *format);

#endif
