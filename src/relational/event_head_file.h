/* event_head_file.h — an event head in a model file (event_heads.h), written and read back. */
#ifndef RISKGAN_RELATIONAL_EVENT_HEAD_FILE_H
#define RISKGAN_RELATIONAL_EVENT_HEAD_FILE_H

#include <stdint.h>

#include "../core/binary_io.h"
#include "event_heads.h"
#include "riskgan.h"

void rg_head_write(const rg_head *head, rg_writer *writer);
/* Reads a head of a file of format `version` (1: no roundness classes, before 3 no period,
 * before 4 no ratio tokens, before 6 a gap head always has its month-end token); its network's
 * input must be `inputs` wide. A malformed head sets failure. */
riskgan_status rg_head_read(rg_head *head, rg_reader *reader, int inputs, uint32_t version);

#endif
