/* number_text.h — exact, locale-independent parsing and formatting of CSV numbers. */
#ifndef RISKGAN_DATA_NUMBER_TEXT_H
#define RISKGAN_DATA_NUMBER_TEXT_H

#include <locale.h>

#include "../core/c_locale.h"
#include <stddef.h>

/* Beyond this (2^52), whole numbers counted on one by one from a number (fresh identifiers
 * past the largest real one) are no longer all exact as doubles. */
#define RG_FRESH_LIMIT 4503599627370496.0

/* Parses the whole field as a decimal number ([+-]digits[.digits][e[+-]digits],
 * surrounding spaces allowed) into the nearest double, whatever LC_NUMERIC says.
 * `decimal_point` is '.' or ','. Returns 1 on success with *value, *decimals (digits after
 * the point; -1 when written with an exponent) set; 0 if the field is not a plain number
 * (names such as "inf", and numbers beyond the range of a double, are not numbers). */
int rg_parse_number_with(const char *text, size_t length, char decimal_point, double *value, int *decimals);
static inline int rg_parse_number(const char *text, size_t length, double *value, int *decimals)
{
    return rg_parse_number_with(text, length, '.', value, decimals);
}

/* Writes `value` so that parsing the text gives the same double: with `decimals` digits
 * after the point when that is exact (decimals >= 0; 0 writes a whole number), else in the
 * shortest round-trip form ("0.30000000000000004", "1e-300"). `decimal_point` is '.' or
 * ','. Never writes "-0". Returns the length written (out must hold 40 bytes). */
int rg_format_number_with(char *out, size_t size, double value, int decimals, char decimal_point);
static inline int rg_format_number(char *out, size_t size, double value, int decimals)
{
    return rg_format_number_with(out, size, value, decimals, '.');
}



/* `value` rounded to `decimals` digits after the point: the double that the decimal text
 * reads back as (decimals < 0: unchanged). */
double rg_round_to_format(double value, int decimals);

#endif
