/* relational_model.h — the riskgan_relational_model handle: the metadata, and per table either
 * the single-table synthesizer of a root table (its columns but the keys, plus the number of
 * rows each of its rows has in each child table: a parent is generated with a summary of its
 * children, as HMA does) or the event model of a child table (event_model.h), whose parents'
 * numbers of children say how many events each one has. A child table that is itself a parent
 * carries those numbers as columns its event model draws. Design: docs/relational.md. */
#ifndef RISKGAN_RELATIONAL_RELATIONAL_MODEL_H
#define RISKGAN_RELATIONAL_RELATIONAL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "event_model.h"
#include "metadata.h"
#include "riskgan.h"

typedef struct {
    riskgan_model *root;       /* a root table's synthesizer (NULL for a child table) */
    rg_event_column *columns;  /* a root table's columns: keys and identifiers (fresh values) or
                                  RG_EVENT_HEAD (drawn by the synthesizer) */
    size_t column_count;
    size_t rows;               /* a root table's rows in the data: the default number generated */
    rg_event_model events;     /* a child table's event model */
} rg_table_model;

struct riskgan_relational_model {
    rg_dataset_spec spec;      /* as the user wrote it: what samples are written as */
    rg_table_model *tables;    /* per table of spec */
};

/* The name of the column holding, in a parent's row, its number of rows of table `child`. */
void rg_count_column_name(const char *child, char *out, size_t size);
/* keep[j] for every column j of spec table `table` (columns in the order of `t`, which may
 * have count columns after them): 0 for keys and identifiers, else 1. */
void rg_modelled_columns(const rg_dataset_spec *spec, size_t table, const riskgan_table *t, int *keep);
/* Table `table` without its keys and identifiers (what its synthesizer learns, or what its
 * children's event models see of their parents). */
riskgan_status rg_modelled_view(const rg_dataset_spec *spec, size_t table, const riskgan_table *t, riskgan_table **out);
void rg_relational_model_release(riskgan_relational_model *model);

#endif
