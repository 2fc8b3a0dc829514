/* dataset_database.c — the tables of a dataset written into SQLite or PostgreSQL in the order
 * of their relationships, with PRIMARY KEY and FOREIGN KEY constraints. */
#include "dataset_database.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/database_catalog.h"
#include "../data/location.h"
#include "../data/sql_types.h"
#include "../data/table_sink.h"
#include "metadata.h"

enum { NAME_BYTES = 1024 };

/* The location of table `name`: the database's plus ?table= (PostgreSQL: schema.name). */
static char *table_location(const char *location, const rg_location *l, const char *name)
{
    size_t size = strlen(location) + 3 * (strlen(name) + (l->schema ? strlen(l->schema) : 0)) + 32;
    char *out = rg_calloc(size, 1);
    if (!out)
        return NULL;
    size_t used = (size_t)snprintf(out, size, "%s%s", location, strchr(location, '?') ? "&table=" : "?table=");
    char qualified[NAME_BYTES];
    snprintf(qualified, sizeof qualified, "%s%s%s", l->schema ? l->schema : "", l->schema ? "." : "", name);
    for (const unsigned char *p = (const unsigned char *)qualified; *p; p++)
        used += (size_t)snprintf(out + used, size - used, strchr("%&?#= \"'", *p) || *p < 32 ? "%%%02X" : "%c", *p);
    return out;
}

/* PRIMARY KEY ("id"), FOREIGN KEY ("account_id") REFERENCES "s"."account" ("account_id"). */
static char *constraints(const rg_dataset_spec *spec, size_t t, const rg_location *l)
{
    char *out = rg_calloc(8 * NAME_BYTES, 1), a[NAME_BYTES], b[NAME_BYTES], c[NAME_BYTES], qualified[NAME_BYTES];
    if (!out)
        return NULL;
    const rg_table_spec *table = &spec->tables[t];
    size_t used = 0;
    if (table->primary_key) {
        rg_sql_quote_name(table->primary_key, a, sizeof a);
        used += (size_t)snprintf(out, 8 * NAME_BYTES, "PRIMARY KEY (%s)", a);
    }
    for (size_t k = 0; k < spec->relationship_count && used < 7 * NAME_BYTES; k++) {
        const rg_relationship *r = &spec->relationships[k];
        if (strcmp(r->child, table->name) != 0)
            continue;
        snprintf(qualified, sizeof qualified, "%s%s%s", l->schema ? l->schema : "", l->schema ? "." : "", r->parent);
        rg_sql_quote_name(r->child_key, a, sizeof a);
        rg_sql_quote_qualified(qualified, b, sizeof b);
        rg_sql_quote_name(r->parent_key, c, sizeof c);
        used += (size_t)snprintf(out + used, 8 * NAME_BYTES - used, "%sFOREIGN KEY (%s) REFERENCES %s (%s)",
                                 used ? ", " : "", a, b, c);
    }
    return out;
}

/* Tables in an order where every parent comes before its children. */
static void parents_first(const rg_dataset_spec *spec, size_t *order)
{
    size_t placed = 0;
    unsigned char *done = rg_calloc(spec->table_count + 1, 1);
    while (done && placed < spec->table_count)
        for (size_t t = 0; t < spec->table_count; t++) {
            int ready = !done[t];
            for (size_t k = 0; ready && k < spec->relationship_count; k++)
                if (strcmp(spec->relationships[k].child, spec->tables[t].name) == 0)
                    ready = done[rg_dataset_spec_table(spec, spec->relationships[k].parent)];
            if (ready)
                done[t] = 1, order[placed++] = t;
        }
    for (size_t t = 0; !done && t < spec->table_count; t++)
        order[t] = t;
    free(done);
}

/* Drops the tables already written, children first (after a later table failed); the
 * error of the failed table stays the one reported. */
static void drop_written(char **locations, const size_t *order, size_t written)
{
    char message[1024];
    snprintf(message, sizeof message, "%s", riskgan_last_error());
    while (written-- > 0)
        rg_database_drop_table(locations[order[written]]);
    rg_fail(RISKGAN_ERR_IO, "%s", message);
}

riskgan_status rg_dataset_write_database(const riskgan_dataset *d, const char *location, int replace)
{
    rg_location l;
    riskgan_status status = rg_location_parse(location, &l);
    if (status == RISKGAN_OK && l.table)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: linked tables take their names from the metadata; give "
                         "the database without ?table=", location);
    size_t n = d->spec.table_count, written = 0;
    size_t *order = rg_calloc(n + 1, sizeof *order);
    char **locations = rg_calloc(n + 1, sizeof *locations);
    if (status == RISKGAN_OK && (!order || !locations))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        parents_first(&d->spec, order);
    for (size_t t = 0; status == RISKGAN_OK && t < n; t++)
        if (!(locations[t] = table_location(location, &l, d->spec.tables[t].name)))
            status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = n; replace && status == RISKGAN_OK && i-- > 0;) /* children first: their keys hold parents */
        status = rg_database_drop_table(locations[order[i]]);
    for (size_t i = 0; status == RISKGAN_OK && i < n; i++) {
        size_t t = order[i];
        char *keys = constraints(&d->spec, t, &l);
        if (!keys)
            status = RISKGAN_ERR_NO_MEMORY;
        rg_sink_options options = {0, keys && keys[0] ? keys : NULL};
        rg_table_sink *sink = NULL;
        if (status == RISKGAN_OK)
            status = rg_table_sink_open(locations[t], &options, &sink);
        if (status == RISKGAN_OK && (status = sink->ops->write(sink, d->tables[t], NULL)) != RISKGAN_OK)
            sink->ops->abort(sink);
        else if (status == RISKGAN_OK)
            status = sink->ops->commit(sink);
        written += status == RISKGAN_OK;
        free(keys);
        if (status != RISKGAN_OK)
            rg_fail_context(status, "table '%s'", d->spec.tables[t].name);
    }
    if (status != RISKGAN_OK && written)
        drop_written(locations, order, written);
    for (size_t t = 0; locations && t < n; t++)
        free(locations[t]);
    free(order), free(locations);
    rg_location_free(&l);
    return status;
}

riskgan_status riskgan_dataset_write_to(const riskgan_dataset *d, const char *location, int replace)
{
    if (rg_location_is_database(location))
        return rg_dataset_write_database(d, location, replace);
    return riskgan_dataset_write(d, location);
}
