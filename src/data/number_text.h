/* number_text.h — fast, locale-independent parsing and formatting of CSV numbers. */
#ifndef RISKGAN_DATA_NUMBER_TEXT_H
#define RISKGAN_DATA_NUMBER_TEXT_H

#include <stddef.h>

/* Parses the whole field as a decimal number ([+-]digits[.digits][e[+-]digits],
 * surrounding spaces allowed). Returns 1 on success with *value, *decimals (digits
 * after the point; -1 when written with an exponent) set; 0 if the field is not a
 * plain number (names such as "inf" are not numbers). */
int rg_parse_number(const char *text, size_t length, double *value, int *decimals);

/* Writes value with `decimals` digits after the point (decimals <= 0: a whole
 * number; decimals > 6: 7 significant digits). Returns the length written. */
int rg_format_number(char *out, size_t size, double value, int decimals);

#endif
