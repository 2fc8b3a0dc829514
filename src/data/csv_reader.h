/* csv_reader.h — a streaming RFC 4180 tokenizer: records of fields, read in
 * large chunks so memory stays bounded whatever the file size. */
#ifndef RISKGAN_DATA_CSV_READER_H
#define RISKGAN_DATA_CSV_READER_H

#include <stddef.h>
#include <stdio.h>

#include "riskgan.h"
#include "row_source.h"

/* A field: text (not NUL-terminated; valid until the next rg_csv_next), quoted or not. */
typedef rg_field rg_csv_field;

typedef struct rg_csv_reader rg_csv_reader;

riskgan_status rg_csv_open_file(const char *path, rg_csv_reader **out);
/* Reads an open stream (closed by rg_csv_close); `name` is used in error messages. */
riskgan_status rg_csv_open_stream(FILE *stream, const char *name, rg_csv_reader **out);
/* Reads from memory; `name` is used in error messages. The data is not copied. */
riskgan_status rg_csv_open_memory(const char *data, size_t length, const char *name,
                                  rg_csv_reader **out);
/* Next record. *count is 0 at the end of the input. Lines that are completely
 * empty are skipped. A leading UTF-8 byte-order mark is ignored. Errors
 * (unterminated quote, text after a closing quote, read failure) name the
 * file, line and field. */
riskgan_status rg_csv_next(rg_csv_reader *reader, const rg_csv_field **fields, size_t *count);
/* 1-based line on which the last returned record starts. */
size_t rg_csv_record_line(const rg_csv_reader *reader);
const char *rg_csv_name(const rg_csv_reader *reader);
/* Bytes consumed so far (for progress and throughput). */
size_t rg_csv_bytes_read(const rg_csv_reader *reader);
void rg_csv_close(rg_csv_reader *reader);
/* Field separator (default ','). */
void rg_csv_set_delimiter(rg_csv_reader *reader, char delimiter);
/* The separator (',' ';' tab '|') found the same number of times, and most often, on each of
 * the first lines of `data` outside quotes; ',' when none is. */
char rg_csv_detect_delimiter(const char *data, size_t length);

#endif
