/* model_file.h — a fitted model's payload, as a .rgan file holds it, for files that hold models
 * of their own (a relational model holds one per root table). */
#ifndef RISKGAN_MODELS_MODEL_FILE_H
#define RISKGAN_MODELS_MODEL_FILE_H

#include <stdint.h>

#include "../core/binary_io.h"
#include "riskgan.h"

void rg_model_write(const riskgan_model *model, rg_writer *writer);
/* Reads a payload written by rg_model_write under format `version`; a corrupt field sets
 * reader->failure (and *out stays NULL). */
riskgan_status rg_model_read(rg_reader *reader, uint32_t version, riskgan_model **out);
/* The format version rg_model_write writes. */
uint32_t rg_model_format_version(void);

#endif
