/* column_list.c — columns gathered one by one and made into a table. */
#include "column_list.h"

#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"

void rg_column_list_init(rg_column_list *list, size_t rows)
{
    *list = (rg_column_list){.rows = rows};
}

static riskgan_column_data *add(rg_column_list *list, const char *name)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 16;
        riskgan_column_data *grown = rg_realloc_array(list->columns, capacity, sizeof *grown);
        if (!grown)
            return NULL;
        list->columns = grown, list->capacity = capacity;
    }
    riskgan_column_data *c = &list->columns[list->count];
    *c = (riskgan_column_data){.name = rg_strdup(name)};
    if (!c->name)
        return NULL;
    list->count++;
    return c;
}

double *rg_column_list_numbers(rg_column_list *list, const char *name)
{
    riskgan_column_data *c = list->failed ? NULL : add(list, name);
    double *numbers = c ? rg_calloc(list->rows + 1, sizeof *numbers) : NULL;
    if (!numbers) {
        list->failed = 1;
        return NULL;
    }
    for (size_t r = 0; r < list->rows; r++)
        numbers[r] = NAN;
    c->numbers = numbers;
    return numbers;
}

const char **rg_column_list_texts(rg_column_list *list, const char *name)
{
    riskgan_column_data *c = list->failed ? NULL : add(list, name);
    const char **texts = c ? rg_calloc(list->rows + 1, sizeof *texts) : NULL;
    if (!texts) {
        list->failed = 1;
        return NULL;
    }
    c->text = texts;
    c->categorical = 1;
    return texts;
}

riskgan_status rg_column_list_table(const rg_column_list *list, riskgan_table **out)
{
    if (list->failed)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.detect_roles = 0;
    return riskgan_table_from_columns(list->columns, list->count, list->rows, &options, out);
}

void rg_column_list_free(rg_column_list *list)
{
    for (size_t j = 0; j < list->count; j++) {
        free((void *)list->columns[j].name);
        free((void *)list->columns[j].numbers);
        free((void *)list->columns[j].text);
    }
    free(list->columns);
    *list = (rg_column_list){0};
}
