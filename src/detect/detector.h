/* detector.h — fitting a detector (detector_state.h), and the rows a column marks. */
#ifndef RISKGAN_DETECT_DETECTOR_H
#define RISKGAN_DETECT_DETECTOR_H

#include "detector_state.h"
#include "riskgan.h"

/* riskgan_detect_fit with the labelled anomalies given as flags (known[r] != 0; may be NULL)
 * instead of through a labels column. */
riskgan_status rg_detect_fit(const riskgan_table *table, const riskgan_detect_options *options,
                             const unsigned char *known, riskgan_detector **out);
/* flags[r] = 1 where column `name` holds `value` (numbers compared as numbers); *count of them. */
riskgan_status rg_detect_match_rows(const riskgan_table *table, const char *name, const char *value,
                                    unsigned char *flags, size_t *count);

#endif
