/* sequences.h — a child table's rows grouped by parent and put in order: the rows of parent p
 * are row[start[p] .. start[p + 1]), sorted by the sequence index (then by their place in the
 * file, which keeps the order of events on the same day). */
#ifndef RISKGAN_RELATIONAL_SEQUENCES_H
#define RISKGAN_RELATIONAL_SEQUENCES_H

#include <stddef.h>

#include "riskgan.h"

typedef struct {
    size_t parents;
    size_t *start;   /* parents + 1 offsets into row[] */
    size_t *row;     /* child rows, grouped and ordered */
} rg_sequences;

/* Groups the rows of `child` (parent_row[r]: each row's parent) over `parents` parents, ordered
 * by column `index` of the child (-1: by file order). */
riskgan_status rg_sequences_build(const riskgan_table *child, const long *parent_row, size_t parents, long index,
                                  rg_sequences *out);
void rg_sequences_free(rg_sequences *sequences);
static inline size_t rg_sequence_length(const rg_sequences *s, size_t parent)
{
    return s->start[parent + 1] - s->start[parent];
}

#endif
