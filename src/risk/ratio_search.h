/* ratio_search.h — --ratio auto: how many minority rows to add, chosen by an inner
 * stratified cross-validation on the training rows alone for the risk model that will be
 * fitted. Shared by riskgan_augment and the experiment's gan-auto. */
#ifndef RISKGAN_RISK_RATIO_SEARCH_H
#define RISKGAN_RISK_RATIO_SEARCH_H

#include "../learn/classes.h"
#include "fit_score.h"
#include "riskgan.h"

enum { RG_RATIO_INNER_FOLDS = 3 };

/* Fills curve for the grid of gap shares {0, 0.1, 0.25, 0.5, 1}: in each of
 * RG_RATIO_INNER_FOLDS stratified folds of `table`, the method adds
 * share x (majority - minority) rows to the inner training part, o->ratio_model is trained
 * and scored on the inner validation part (PR-AUC of the minority class). Every method works
 * on the inner training part alone: a GAN is fitted on it (o->model, which has seen the
 * inner validation rows, is not used; see docs/augmentation.md). The chosen point
 * has the best mean among the points whose paired gain over adding none exceeds one
 * standard error (none when no point does). */
riskgan_status rg_choose_ratio(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                               size_t minority, size_t majority, riskgan_ratio_curve *curve);
/* The same for the model families flagged in families[] from one set of inner fits, indexed
 * by riskgan_risk_algorithm (o->ratio_model is not used). */
riskgan_status rg_choose_ratios(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                                size_t minority, size_t majority, const int families[RG_FAMILIES],
                                riskgan_ratio_curve curves[RG_FAMILIES]);

#endif
