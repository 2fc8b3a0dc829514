/* record_pack.h — records of text fields packed into one buffer (per record its field count,
 * then per field a null flag, a length and the bytes), so that rows can travel between
 * data-parallel ranks as bytes, and read back as a row source (row_source.h) whose first
 * record is the header. */
#ifndef RISKGAN_DATA_RECORD_PACK_H
#define RISKGAN_DATA_RECORD_PACK_H

#include <stddef.h>

#include "row_source.h"

typedef struct {
    char *data;
    size_t length, capacity;
} rg_record_pack;

/* Appends a record; 0 when out of memory. */
int rg_record_pack_add(rg_record_pack *pack, const rg_field *fields, size_t count);
void rg_record_pack_free(rg_record_pack *pack);
/* A source over `length` packed bytes (not copied: they must outlive the source) that reads
 * as `like` does (its name, position word, hints and missing-value rules); release it with
 * source->release. */
riskgan_status rg_record_source_init(const char *data, size_t length, const rg_row_source *like,
                                     rg_row_source *source);

#endif
