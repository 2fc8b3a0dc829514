/* binning_file.h — a riskgan_binning inside a model file (binary_io.h): target, event class,
 * and every feature's bins and categories, read back with every field checked. */
#ifndef RISKGAN_CREDIT_BINNING_FILE_H
#define RISKGAN_CREDIT_BINNING_FILE_H

#include "../core/binary_io.h"
#include "binning.h"

void rg_binning_write(const riskgan_binning *binning, rg_writer *writer);
/* A new binning from the reader (NULL, with r->failure set or RISKGAN_ERR_NO_MEMORY). */
riskgan_status rg_binning_read(rg_reader *reader, riskgan_binning **out);

#endif
