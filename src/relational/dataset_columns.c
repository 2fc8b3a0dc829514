/* dataset_columns.c — linked tables built from columns in memory under a metadata JSON (for
 * bindings: the Python package's dict of DataFrames), typed as the metadata says, keys checked
 * and parents linked as for files. */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "dataset.h"
#include "metadata.h"

/* Table i of the spec from the columns given under its name. */
static riskgan_status build_table(const rg_table_spec *t, const char *const *names,
                                  const riskgan_column_data *const *columns, const size_t *column_counts,
                                  const size_t *rows, size_t count, riskgan_table **out)
{
    size_t given = count;
    for (size_t k = 0; k < count && given == count; k++)
        if (strcmp(names[k], t->name) == 0)
            given = k;
    if (given == count)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the metadata's table '%s' is not among the tables given",
                       t->name);
    char *buffers[3] = {NULL, NULL, NULL};
    riskgan_read_options options;
    riskgan_status status = rg_table_spec_read_options(t, &options, buffers);
    options.missing_tokens = NULL; /* columns in memory: only NULL and NaN are missing */
    if (status == RISKGAN_OK)
        status = riskgan_table_from_columns(columns[given], column_counts[given], rows[given], &options, out);
    if (status == RISKGAN_OK && (status = rg_table_spec_check_columns(t, *out, "the columns given")) != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    for (int b = 0; b < 3; b++)
        free(buffers[b]);
    return status == RISKGAN_OK ? status : rg_fail_context(status, "table '%s'", t->name);
}

riskgan_status riskgan_dataset_from_columns(const char *metadata_json, const char *const *names,
                                            const riskgan_column_data *const *columns, const size_t *column_counts,
                                            const size_t *rows, size_t count, riskgan_dataset **out)
{
    *out = NULL;
    rg_dataset_spec spec;
    riskgan_status status = rg_dataset_spec_parse(metadata_json, "metadata", ".", &spec);
    if (status != RISKGAN_OK)
        return status;
    riskgan_table **tables = rg_calloc(spec.table_count + 1, sizeof *tables);
    if (!tables)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t t = 0; status == RISKGAN_OK && t < spec.table_count; t++)
        status = build_table(&spec.tables[t], names, columns, column_counts, rows, count, &tables[t]);
    if (status == RISKGAN_OK)
        status = rg_dataset_assemble(&spec, tables, out); /* takes the tables over, even on failure */
    else
        for (size_t t = 0; tables && t < spec.table_count; t++)
            riskgan_table_free(tables[t]);
    free(tables);
    rg_dataset_spec_free(&spec);
    return status;
}
