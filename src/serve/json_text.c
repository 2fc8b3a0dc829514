/* json_text.c — exact JSON numbers and escaped strings. */
#include "json_text.h"

#include <math.h>

static int number_text(double value, char *text, size_t size)
{
    if (!isfinite(value))
        return snprintf(text, size, "null");
    return snprintf(text, size, "%.17g", value); /* 17 digits: exact (the CLI's score files too) */
}

void rg_add_exact_number(cJSON *object, const char *name, double value)
{
    char text[40];
    number_text(value, text, sizeof text);
    cJSON_AddRawToObject(object, name, text);
}

void rg_json_write_number(FILE *stream, double value)
{
    char text[40];
    int length = number_text(value, text, sizeof text);
    fwrite(text, 1, (size_t)length, stream);
}

void rg_json_write_string(FILE *stream, const char *text)
{
    fputc('"', stream);
    size_t plain = 0; /* the run without anything to escape, written at once */
    while (text[plain] && text[plain] != '"' && text[plain] != '\\' && (unsigned char)text[plain] >= 0x20)
        plain++;
    fwrite(text, 1, plain, stream);
    for (const unsigned char *c = (const unsigned char *)text + plain; *c; c++) {
        if (*c == '"' || *c == '\\') {
            fputc('\\', stream);
            fputc(*c, stream);
        } else if (*c < 0x20) {
            fprintf(stream, "\\u%04x", *c);
        } else {
            fputc(*c, stream);
        }
    }
    fputc('"', stream);
}
