/* table_writer.h — tables as CSV text: a header and chunks of rows (the CSV sink of
 * table_sink.c writes whole tables and samples with them). */
#ifndef RISKGAN_DATA_TABLE_WRITER_H
#define RISKGAN_DATA_TABLE_WRITER_H

#include <stdio.h>

#include "riskgan.h"

/* The CSV header, then the rows, as riskgan_table_write_csv writes them; columns with
 * skip[j] set are left out (skip may be NULL). For output written a chunk at a time. */
void rg_table_write_header(const riskgan_table *table, FILE *stream, const unsigned char *skip);
void rg_table_write_rows(const riskgan_table *table, FILE *stream, const unsigned char *skip);
/* Writes one CSV field, quoted (quotes doubled) when it holds the delimiter, a quote, a line
 * break, starts with a space or is empty (so that it reads back as the same text). */
void rg_csv_write_text(FILE *stream, const char *text, char delimiter);

#endif
