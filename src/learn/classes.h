/* classes.h — the classes of a target column: a class index for every row, class sizes,
 * and each class's value as text. */
#ifndef RISKGAN_LEARN_CLASSES_H
#define RISKGAN_LEARN_CLASSES_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

enum { RG_MAX_CLASSES = 64 };

typedef struct {
    size_t count;                  /* classes (missing targets are not a class) */
    size_t size[RG_MAX_CLASSES];
    char *name[RG_MAX_CLASSES];    /* the value as written in the file */
    int32_t *of_row;               /* class of each row, -1 when the target is missing */
    long column;
} rg_classes;

riskgan_status rg_classes_find(const riskgan_table *table, const char *target, rg_classes *out);
void rg_classes_free(rg_classes *classes);
/* Index of the class written `name`, or -1. */
long rg_classes_index(const rg_classes *classes, const char *name);
/* The positive class of a risk target: the class written `positive` (an error naming it
 * when there is none), else the class "1", else the rarest class. *guessed is set when the
 * caller named none and "1" is not a class. */
riskgan_status rg_classes_positive(const rg_classes *classes, const char *target, const char *positive, size_t *index,
                                   int *guessed);
/* The rarest class. */
size_t rg_classes_rarest(const rg_classes *classes);
/* The largest class other than `excluded` (the majority an augmented class is measured
 * against); `excluded` itself when it is the only class. */
size_t rg_classes_largest_other(const rg_classes *classes, size_t excluded);

#endif
