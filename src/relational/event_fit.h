/* event_fit.h — fitting the event model of a child table (event_model.h) to its sequences. */
#ifndef RISKGAN_RELATIONAL_EVENT_FIT_H
#define RISKGAN_RELATIONAL_EVENT_FIT_H

#include "event_model.h"
#include "riskgan.h"

struct riskgan_dataset;

/* Fits the event model of child table `child` of the dataset, whose parent table rows come
 * with count_column (the parent's number of events) in `parents` (the parent table as the
 * parent's model learns it: its columns plus the summaries of its children). */
riskgan_status rg_event_model_fit(rg_event_model *model, const struct riskgan_dataset *dataset, size_t child,
                                  const riskgan_table *parents, const char *count_column,
                                  const rg_event_fit_options *options);
#endif
