/* dataset_database.h — linked tables written into a database (`riskgan sample LINKED.rgan -o
 * sqlite:FILE` or `-o postgresql://...?schema=S`): each table a new table named as in the
 * metadata, parents before children, with its primary key and its foreign key to its parent
 * declared, so the database itself holds the keys together. */
#ifndef RISKGAN_RELATIONAL_DATASET_DATABASE_H
#define RISKGAN_RELATIONAL_DATASET_DATABASE_H

#include "dataset.h"

/* Every table of `d` into the database `location` names (its ?table= must be absent; a
 * PostgreSQL ?schema= puts the tables there). Each table is written in one transaction; if
 * one fails, the tables this call already wrote are dropped again, so nothing half-written
 * stays. An existing table of the same name is refused unless `replace`, which first drops
 * the old tables, children first (so their foreign keys never block a drop). */
riskgan_status rg_dataset_write_database(const riskgan_dataset *d, const char *location, int replace);
/* (riskgan_dataset_write_to, in riskgan.h: a folder as riskgan_dataset_write, or a database.) */

#endif
