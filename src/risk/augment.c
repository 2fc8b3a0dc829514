/* augment.c — riskgan_augment: the input rows plus minority-class rows from an oversampler
 * or a GAN, as many as a fixed ratio or the inner cross-validation of --ratio auto asks
 * for, optionally flagged in a mark column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../learn/classes.h"
#include "augment_rows.h"
#include "ratio_search.h"

void riskgan_augment_options_init(riskgan_augment_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RISKGAN_AUGMENT_SMOTENC;
    o->ratio = 1.0;
    o->neighbors = 5;
}

/* The same table with a trailing 0/1 integer column: 1 from row `first_added` on. */
static riskgan_status add_mark_column(riskgan_table *table, const char *name, size_t first_added, riskgan_table **out)
{
    if (riskgan_table_find_column(table, name) >= 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--mark-column '%s' is already a column of the data", name);
    riskgan_table *marked;
    riskgan_status status = rg_table_new(table->columns + 1, &marked);
    if (status != RISKGAN_OK)
        return status;
    for (size_t j = 0; j < table->columns; j++) { /* move the columns over */
        marked->column[j] = table->column[j];
        memset(&table->column[j], 0, sizeof table->column[j]);
    }
    marked->capacity = table->capacity;
    marked->rows = table->rows;
    status = rg_table_set_column(marked, table->columns, name, RISKGAN_COLUMN_INTEGER);
    rg_column *mark = &marked->column[table->columns];
    if (status == RISKGAN_OK && !(mark->numbers = rg_calloc(marked->capacity, sizeof(double))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; status == RISKGAN_OK && r < marked->rows; r++)
        mark->numbers[r] = r >= first_added;
    if (status != RISKGAN_OK) {
        riskgan_table_free(marked);
        return status;
    }
    *out = marked;
    return RISKGAN_OK;
}

static riskgan_status riskgan_augment_in_scope(const riskgan_table *table, const riskgan_augment_options *o, riskgan_table **out)
{
    *out = NULL;
    if (!o->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "augmentation needs a target column");
    if (!o->auto_ratio && !(o->ratio > 0 && o->ratio <= 100))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the ratio must be in (0, 100], got %g", o->ratio);
    rg_classes classes;
    riskgan_status status = rg_classes_find(table, o->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long minority = o->minority ? rg_classes_index(&classes, o->minority) : (long)rg_classes_rarest(&classes);
    size_t majority = minority >= 0 ? rg_classes_largest_other(&classes, (size_t)minority) : 0;
    if (minority < 0)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "'%s' is not a class of '%s'", o->minority, o->target);
    size_t wanted = 0;
    if (status == RISKGAN_OK && o->method != RISKGAN_AUGMENT_NONE && o->auto_ratio) {
        riskgan_ratio_curve curve;
        if (classes.size[minority] >= classes.size[majority])
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--ratio auto: '%s' is not rarer than '%s'",
                             classes.name[minority], classes.name[majority]);
        if (status == RISKGAN_OK)
            status = rg_choose_ratio(table, o, &classes, (size_t)minority, majority, &curve);
        if (status == RISKGAN_OK)
            wanted = (size_t)curve.added_rows[curve.chosen];
        if (status == RISKGAN_OK && o->curve)
            *o->curve = curve;
    } else if (status == RISKGAN_OK && o->method != RISKGAN_AUGMENT_NONE) {
        double target_size = ceil(o->ratio * (double)classes.size[majority] - 1e-9);
        if (target_size < (double)classes.size[minority])
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                             "ratio %g asks for %.0f '%s' rows but there are %zu already: augmentation never removes "
                             "rows (raise the ratio)", o->ratio, target_size, classes.name[minority],
                             classes.size[minority]);
        else
            wanted = (size_t)target_size - classes.size[minority];
    }
    riskgan_table *result = NULL;
    if (status == RISKGAN_OK)
        status = rg_table_new_like(table, table->rows + wanted, &result);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        status = rg_table_append_row(result, table, r);
    if (status == RISKGAN_OK && wanted)
        status = rg_augment_rows(table, o, &classes, (size_t)minority, wanted, result);
    if (status == RISKGAN_OK && o->mark_column) {
        riskgan_table *marked = NULL;
        status = add_mark_column(result, o->mark_column, table->rows, &marked);
        if (status == RISKGAN_OK) {
            riskgan_table_free(result);
            result = marked;
        }
    }
    rg_classes_free(&classes);
    if (status != RISKGAN_OK) {
        riskgan_table_free(result);
        return status;
    }
    *out = result;
    return RISKGAN_OK;
}

riskgan_status riskgan_augment(const riskgan_table *table, const riskgan_augment_options *o, riskgan_table **out)
{
    rg_thread_counts previous = rg_threads_push(o->threads);
    riskgan_status status = riskgan_augment_in_scope(table, o, out);
    rg_threads_pop(previous);
    return status;
}
