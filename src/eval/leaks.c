/* leaks.c — real values that identify customers, found in synthetic rows: identifiers and
 * categories seen in fewer than k training rows. Such a value in a synthetic row is a leak
 * even when the row as a whole copies no training row (docs/metrics.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "../transform/transformer.h"
#include "leaks.h"
#include "../core/json.h"
#include "../core/compare.h"

/* Marks rows of `synthetic` column `s` whose text is a rare (or identifying) value of
 * training column `c`; returns how many values were rare. */
static size_t mark_text(const rg_column *c, size_t train_rows, const rg_column *s, size_t rows, size_t rare_count,
                        int every_value, unsigned char *hit, size_t *rows_hit, size_t *distinct_hit)
{
    size_t levels = c->categories.count, rare = 0;
    size_t *count = rg_calloc(levels ? levels : 1, sizeof *count);
    unsigned char *seen = rg_calloc(levels ? levels : 1, 1);
    if (!count || !seen) {
        free(count);
        free(seen);
        return SIZE_MAX;
    }
    for (size_t r = 0; r < train_rows; r++)
        if (c->codes[r] >= 0)
            count[c->codes[r]]++;
    for (size_t l = 0; l < levels; l++)
        rare += every_value || count[l] < rare_count;
    for (size_t r = 0; r < rows; r++) {
        if (s->codes[r] < 0)
            continue;
        const char *text = rg_dictionary_string(&s->categories, s->codes[r]);
        if (strcmp(text, RG_RARE_PLACEHOLDER) == 0)
            continue; /* riskgan's own text for grouped categories, not a real value */
        int32_t level = rg_dictionary_find(&c->categories, text, strlen(text));
        if (level < 0 || !(every_value || count[level] < rare_count))
            continue;
        (*rows_hit)++;
        hit[r] = 1;
        if (!seen[level]) {
            seen[level] = 1;
            (*distinct_hit)++;
        }
    }
    free(count);
    free(seen);
    return rare;
}

/* The same for numeric identifier columns (every training value identifies). */
static size_t mark_numbers(const rg_column *c, size_t train_rows, const rg_column *s, size_t rows, unsigned char *hit,
                           size_t *rows_hit, size_t *distinct_hit)
{
    size_t n;
    double *values = rg_column_sorted_values(c, train_rows, &n, NULL);
    unsigned char *seen = rg_calloc(train_rows ? train_rows : 1, 1);
    if (!values || !seen) {
        free(values);
        free(seen);
        return SIZE_MAX;
    }
    for (size_t r = 0; r < rows; r++) {
        double v = s->numbers[r];
        const double *found = isnan(v) ? NULL : bsearch(&v, values, n, sizeof *values, rg_compare_doubles);
        if (!found)
            continue;
        (*rows_hit)++;
        hit[r] = 1;
        if (!seen[found - values]) {
            seen[found - values] = 1;
            (*distinct_hit)++;
        }
    }
    free(values);
    free(seen);
    return n;
}

riskgan_status rg_eval_leaks(const riskgan_table *train, const riskgan_table *synthetic, size_t rare_count,
                             cJSON *privacy, size_t *total)
{
    *total = 0;
    unsigned char *hit = rg_calloc(synthetic->rows ? synthetic->rows : 1, 1);
    if (!hit)
        return RISKGAN_ERR_NO_MEMORY;
    cJSON *section = cJSON_AddObjectToObject(privacy, "rare_value_leaks");
    cJSON_AddNumberToObject(section, "rare_count", (double)rare_count);
    cJSON *columns = cJSON_AddArrayToObject(section, "columns");
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < train->columns && status == RISKGAN_OK; j++) {
        const rg_column *c = &train->column[j];
        int identifier = c->role == RISKGAN_ROLE_IDENTIFIER;
        if (c->type != RISKGAN_COLUMN_CATEGORICAL && !identifier)
            continue; /* coincident numbers are expected: only text and identifiers */
        long k = riskgan_table_find_column(synthetic, c->name);
        if (k < 0)
            continue; /* e.g. identifiers omitted from the synthetic file */
        const rg_column *s = &synthetic->column[k];
        if ((s->type == RISKGAN_COLUMN_CATEGORICAL) != (c->type == RISKGAN_COLUMN_CATEGORICAL))
            continue; /* text ids (SYN-DP-...) for numeric ones: no value can be equal */
        size_t rows_hit = 0, distinct_hit = 0;
        size_t rare = c->type == RISKGAN_COLUMN_CATEGORICAL
                          ? mark_text(c, train->rows, s, synthetic->rows, rare_count, identifier, hit, &rows_hit, &distinct_hit)
                          : mark_numbers(c, train->rows, s, synthetic->rows, hit, &rows_hit, &distinct_hit);
        if (rare == SIZE_MAX) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        if (rare == 0)
            continue;
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddStringToObject(entry, "column", c->name);
        cJSON_AddStringToObject(entry, "kind", identifier ? "identifier" : "category");
        cJSON_AddNumberToObject(entry, "rare_training_values", (double)rare);
        cJSON_AddNumberToObject(entry, "synthetic_rows_with_them", (double)rows_hit);
        cJSON_AddNumberToObject(entry, "distinct_values_leaked", (double)distinct_hit);
        cJSON_AddItemToArray(columns, entry);
    }
    for (size_t r = 0; r < synthetic->rows; r++)
        *total += hit[r];
    cJSON_AddNumberToObject(section, "synthetic_rows", (double)*total);
    rg_json_number(section, "synthetic_row_share", synthetic->rows ? (double)*total / (double)synthetic->rows : 0);
    free(hit);
    return status;
}
