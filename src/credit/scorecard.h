/* scorecard.h — a credit scorecard as banks build it (docs/scorecard.md): every feature
 * binned (binning.h), features kept by information value, one of each highly correlated WoE
 * pair dropped, a logistic regression on the WoE values refitted until every coefficient has
 * the sign WoE implies, and points scaled to odds (base points at base odds, pdo points to
 * double them): score = base + the points of each feature's bin. Reason codes: the features
 * whose bins lost the most points against their best bin. */
#ifndef RISKGAN_CREDIT_SCORECARD_H
#define RISKGAN_CREDIT_SCORECARD_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "binning.h"
#include "riskgan.h"

typedef struct {
    riskgan_binning *binning;  /* every feature of the training table */
    size_t *selected;          /* binning features in the card, by IV, strongest first */
    size_t selected_count;
    double *coefficient;       /* per selected feature, on its WoE (negative) */
    double intercept;
    double factor, offset;     /* score = offset + factor * ln(odds of a non-event) */
    double base_points;        /* offset - factor * intercept */
    double **points;           /* per selected feature, per bin: -factor * coefficient * WoE */
} rg_scorecard;

riskgan_status rg_scorecard_fit(const riskgan_table *table, const char *target, const char *positive,
                                const riskgan_scorecard_options *options, rg_scorecard *out);
/* Probability of the event and score of every row; with reasons (rows x k, may be NULL) the
 * selected-feature indexes of each row's k largest losses against the feature's best bin
 * (-1 past the features that lost any). A column of the card missing from `table` is an
 * error; a value no bin takes (a new category) scores WoE 0. */
riskgan_status rg_scorecard_score(const rg_scorecard *card, const riskgan_table *table, double *probability,
                                  double *score, long *reasons, size_t k);
/* A scorecard with the default options (binning on `threads`) fitted on `train`, its
 * probabilities written for the rows of train (train_scores, may be NULL) and of test: the
 * step the evaluation's utility and the experiment's model families repeat. */
riskgan_status rg_scorecard_fit_and_score(const riskgan_table *train, const riskgan_table *test, const char *target,
                                          const char *positive, int threads, double *train_scores,
                                          double *test_scores);
riskgan_status rg_scorecard_write_card(const rg_scorecard *card, const char *path);
void rg_scorecard_write(const rg_scorecard *card, rg_writer *writer);
riskgan_status rg_scorecard_read(rg_scorecard *card, rg_reader *reader);
void rg_scorecard_free(rg_scorecard *card);

#endif
