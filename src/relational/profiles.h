/* profiles.h — one row per parent: the parent's own columns (keys left out) and what its
 * children look like: for each child table the number of rows, for sequences their span, mean
 * gap and delay after the parent's date, the shares of the real data's most common values of
 * each category, the mean, spread, least and largest of each number, and the last running
 * balance. What a fraud or credit model learns of a customer; the evaluation tells real
 * profiles from generated ones on it. */
#ifndef RISKGAN_RELATIONAL_PROFILES_H
#define RISKGAN_RELATIONAL_PROFILES_H

#include <stddef.h>

#include "dataset.h"

enum { RG_PROFILE_LEVELS = 6 };

/* The profiles of parent table `parent` of `dataset`; the categories counted are those most
 * common in `real` (the same columns for real and generated data). */
riskgan_status rg_profiles_build(const riskgan_dataset *real, const riskgan_dataset *dataset, size_t parent,
                                 riskgan_table **out);

#endif
