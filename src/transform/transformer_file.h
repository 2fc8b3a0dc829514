/* transformer_file.h — the transform in a model file. */
#ifndef RISKGAN_TRANSFORM_TRANSFORMER_FILE_H
#define RISKGAN_TRANSFORM_TRANSFORMER_FILE_H

#include "../core/binary_io.h"
#include "riskgan.h"
#include "transformer.h"

void rg_transformer_write(const rg_transformer *transformer, rg_writer *writer);
riskgan_status rg_transformer_read(rg_reader *reader, rg_transformer **out);

#endif
