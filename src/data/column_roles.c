/* column_roles.c — date-format and identifier recognition over a read table. */
#include "column_roles.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

riskgan_status rg_apply_datetime(riskgan_table *table, size_t index, const rg_datetime_format *format)
{
    rg_column *column = &table->column[index];
    rg_datetime_format chosen = *format;
    if (column->type != RISKGAN_COLUMN_CATEGORICAL) {
        if (column->missing < table->rows)
            return rg_fail(RISKGAN_ERR_PARSE, "column '%s' was named a date column, but its values are numbers",
                           column->name);
        if (chosen.order == RG_DATE_NONE)
            rg_datetime_format_from_name("yyyy-mm-dd", &chosen);
        rg_column_set_datetime(column, &chosen); /* all missing: nothing to convert */
        return RISKGAN_OK;
    }
    if (chosen.order == RG_DATE_NONE) {
        rg_datetime_detector detector;
        rg_datetime_detect_begin(&detector);
        for (size_t c = 0; c < column->categories.count; c++) {
            const char *text = rg_dictionary_string(&column->categories, (int32_t)c);
            rg_datetime_detect_feed(&detector, text, strlen(text));
        }
        if (!rg_datetime_detect_end(&detector, &chosen))
            return rg_fail(RISKGAN_ERR_PARSE,
                           "column '%s' was named a date column, but its values (e.g. '%.40s') are in no format "
                           "riskgan knows: give it, e.g. --datetime '%s:dd/mm/yyyy'",
                           column->name, column->categories.count ? rg_dictionary_string(&column->categories, 0) : "",
                           column->name);
    }
    return rg_table_convert_to_datetime(table, index, &chosen);
}

static int name_looks_like_identifier(const char *name)
{
    size_t n = strlen(name);
    char lower[128];
    if (n >= sizeof lower)
        return 0;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)tolower((unsigned char)name[i]);
    int ends_id = n >= 2 && strcmp(lower + n - 2, "id") == 0 &&
                  (n == 2 || !isalpha((unsigned char)name[n - 3]) || islower((unsigned char)name[n - 3]) ||
                   name[n - 2] == 'I');
    static const char *suffixes[] = {"number", "_no", "_nr", "_num", "key", "uuid", "guid"};
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t m = strlen(suffixes[k]);
        if (n >= m && strcmp(lower + n - m, suffixes[k]) == 0)
            return 1;
    }
    return ends_id || strstr(lower, "account") || strstr(lower, "iban") || strstr(lower, "ssn");
}

static int integers_identify_rows(const rg_column *column, size_t rows)
{
    size_t present = rows - column->missing;
    if (present < 20)
        return 0;
    double minimum = INFINITY, maximum = -INFINITY;
    for (size_t r = 0; r < rows; r++)
        if (!isnan(column->numbers[r])) {
            minimum = fmin(minimum, column->numbers[r]);
            maximum = fmax(maximum, column->numbers[r]);
        }
    int consecutive = maximum - minimum + 1 == (double)present;
    int long_numbers = minimum >= 1e7;
    if (!consecutive && !long_numbers && !name_looks_like_identifier(column->name))
        return 0;
    size_t n, distinct;
    double *values = rg_column_sorted_values(column, rows, &n, &distinct);
    int unique = values != NULL && distinct == n; /* out of memory: the column stays a feature */
    free(values);
    return unique;
}

static int text_identifies_rows(const rg_column *column, size_t rows)
{
    size_t present = rows - column->missing;
    return present >= 20 && (double)column->categories.count >= 0.95 * (double)present;
}

void rg_detect_roles(riskgan_table *table, const unsigned char *skip)
{
    for (size_t j = 0; j < table->columns; j++) {
        rg_column *column = &table->column[j];
        if (column->type == RISKGAN_COLUMN_CATEGORICAL && !skip[j] && column->role == RISKGAN_ROLE_FEATURE &&
            column->categories.count > 0) {
            rg_datetime_format none = {0};
            if (rg_apply_datetime(table, j, &none) == RISKGAN_OK) {
                column->role_detected = 1;
                continue;
            }
            rg_clear_error();
        }
        if (column->role != RISKGAN_ROLE_FEATURE || column->type == RISKGAN_COLUMN_DATETIME)
            continue;
        int identifier = column->type == RISKGAN_COLUMN_CATEGORICAL ? text_identifies_rows(column, table->rows)
                         : column->type == RISKGAN_COLUMN_INTEGER   ? integers_identify_rows(column, table->rows)
                                                                    : 0;
        if (identifier) {
            column->role = RISKGAN_ROLE_IDENTIFIER;
            column->role_detected = 1;
        }
    }
}
