/* number_text.c — number parsing with an exact fast path and a C-locale strtod fallback;
 * formatting with an exact fixed-point fast path and a shortest round-trip fallback. */
#include "number_text.h"

#include "../core/c_locale.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double powers_of_ten[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Correctly rounded conversion of "[digits][.digits][e[+-]digits]" (point already '.'). */
static double parse_slow(const char *text, size_t length)
{
    char buffer[128];
    char *copy = length < sizeof buffer ? buffer : malloc(length + 1);
    if (!copy)
        return NAN;
    memcpy(copy, text, length);
    copy[length] = '\0';
    double result = strtod_l(copy, NULL, rg_c_locale());
    if (copy != buffer)
        free(copy);
    return result;
}

int rg_parse_number_with(const char *text, size_t length, char decimal_point, double *value, int *decimals)
{
    size_t i = 0;
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
    int negative = 0;
    if (i < length && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    size_t digits_start = i;
    uint64_t mantissa = 0;
    int digits = 0, significant = 0, fraction_digits = 0, exponent = 0, has_exponent = 0;
    while (i < length && text[i] >= '0' && text[i] <= '9') {
        if (significant < 19) {
            mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
            if (mantissa)
                significant++;
        } else {
            exponent++;
        }
        digits++;
        i++;
    }
    size_t point = SIZE_MAX;
    if (i < length && text[i] == decimal_point) {
        point = i++;
        while (i < length && text[i] >= '0' && text[i] <= '9') {
            if (significant < 19) {
                mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
                if (mantissa)
                    significant++;
                exponent--;
            }
            fraction_digits++;
            digits++;
            i++;
        }
    }
    if (digits == 0)
        return 0;
    if (i < length && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        int exponent_negative = 0, exponent_digits = 0, written = 0;
        if (i < length && (text[i] == '-' || text[i] == '+'))
            exponent_negative = text[i++] == '-';
        while (i < length && text[i] >= '0' && text[i] <= '9') {
            if (written < 100000)
                written = written * 10 + (text[i] - '0');
            exponent_digits++;
            i++;
        }
        if (!exponent_digits)
            return 0;
        exponent += exponent_negative ? -written : written;
        has_exponent = 1;
    }
    if (i != length)
        return 0;
    double result;
    if (mantissa < (1ULL << 53) && exponent >= -22 && exponent <= 22) {
        /* both operands exact: one correctly rounded operation (Clinger's fast path) */
        result = (double)mantissa;
        result = exponent < 0 ? result / powers_of_ten[-exponent] : result * powers_of_ten[exponent];
    } else {
        size_t n = length - digits_start;
        char buffer[128];
        char *copy = n < sizeof buffer ? buffer : malloc(n + 1);
        if (!copy)
            return 0;
        memcpy(copy, text + digits_start, n);
        if (point != SIZE_MAX)
            copy[point - digits_start] = '.';
        result = parse_slow(copy, n);
        if (copy != buffer)
            free(copy);
        if (!isfinite(result))
            return 0;
    }
    *value = negative ? -result : result;
    *decimals = has_exponent ? -1 : fraction_digits;
    return 1;
}

/* Writes |scaled| with a point `decimals` digits from the right; returns the length. */
static int write_fixed(char *out, uint64_t scaled, int negative, int decimals, char decimal_point)
{
    char digits[32];
    int n = 0;
    do {
        digits[n++] = (char)('0' + scaled % 10);
        scaled /= 10;
    } while (scaled);
    while (n <= decimals)
        digits[n++] = '0';
    int length = 0;
    if (negative)
        out[length++] = '-';
    for (int k = n - 1; k >= 0; k--) {
        out[length++] = digits[k];
        if (k == decimals && decimals > 0)
            out[length++] = decimal_point;
    }
    out[length] = '\0';
    return length;
}

/* The fewest significant digits (%.Ng) that read back as `value` (C locale). A normal double
 * needs at least as many as any 15-digit decimal it came from, so 15, 16, 17 are tried; a
 * subnormal has fewer significant bits, so its shortest form is searched from one digit
 * (round-tripping only improves with more digits: a binary search). */
static int write_shortest(char *out, size_t size, double value, char decimal_point)
{
    locale_t previous = uselocale(rg_c_locale());
    int low = 15, high = 17; /* high always round-trips */
    if (fabs(value) < DBL_MIN)
        low = 1;
    while (low < high) {
        int middle = (low + high) / 2;
        int length = snprintf(out, size, "%.*g", middle, value);
        if (parse_slow(out, (size_t)length) == value)
            high = middle;
        else
            low = middle + 1;
    }
    int length = snprintf(out, size, "%.*g", high, value);
    uselocale(previous);
    if (decimal_point != '.') {
        char *point = strchr(out, '.');
        if (point)
            *point = decimal_point;
    }
    return length;
}

int rg_format_number_with(char *out, size_t size, double value, int decimals, char decimal_point)
{
    if (value == 0)
        value = 0; /* never write "-0" */
    if (decimals >= 0 && decimals <= 18 && size >= 40) {
        double magnitude = fabs(value) * powers_of_ten[decimals];
        if (magnitude < 9007199254740992.0) { /* 2^53: the scaled value is an exact integer */
            uint64_t scaled = (uint64_t)nearbyint(magnitude);
            if ((double)scaled / powers_of_ten[decimals] == fabs(value))
                return write_fixed(out, scaled, value < 0 && scaled != 0, decimals, decimal_point);
        }
    }
    if (!isfinite(value))
        return snprintf(out, size, "%s", isnan(value) ? "" : value > 0 ? "inf" : "-inf");
    if (fabs(value) < 1e15 && value == nearbyint(value) && size >= 40) /* its digits: what %.15g writes */
        return write_fixed(out, (uint64_t)fabs(value), value < 0, 0, decimal_point);
    return write_shortest(out, size, value, decimal_point);
}

double rg_round_to_format(double value, int decimals)
{
    if (decimals < 0 || decimals > 22 || !isfinite(value))
        return value;
    double scaled = value * powers_of_ten[decimals];
    if (fabs(scaled) >= 9007199254740992.0)
        return value; /* already beyond the digits a double holds */
    return nearbyint(scaled) / powers_of_ten[decimals];
}
