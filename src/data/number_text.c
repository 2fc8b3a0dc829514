/* number_text.c — number parsing with an exact fast path and a strtod fallback. */
#include "number_text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double powers_of_ten[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int rg_parse_number(const char *text, size_t length, double *value, int *decimals)
{
    size_t i = 0;
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
    size_t start = i;
    int negative = 0;
    if (i < length && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
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
    if (i < length && text[i] == '.') {
        i++;
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
        result = (double)mantissa;
        result = exponent < 0 ? result / powers_of_ten[-exponent] : result * powers_of_ten[exponent];
    } else {
        char copy[128];
        size_t n = length - start < sizeof copy - 1 ? length - start : sizeof copy - 1;
        memcpy(copy, text + start, n);
        copy[n] = '\0';
        result = fabs(strtod(copy, NULL));
        if (!isfinite(result))
            return 0;
    }
    *value = negative ? -result : result;
    *decimals = has_exponent ? -1 : fraction_digits;
    return 1;
}

int rg_format_number(char *out, size_t size, double value, int decimals)
{
    if (decimals > 6)
        return snprintf(out, size, "%.7g", value);
    if (decimals < 0)
        decimals = 0;
    double scale = powers_of_ten[decimals];
    double rounded = nearbyint(value * scale) / scale;
    if (rounded == 0)
        rounded = 0; /* never write "-0" */
    return snprintf(out, size, "%.*f", decimals, rounded);
}
