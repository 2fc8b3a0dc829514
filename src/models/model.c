/* model.c — what a fitted model says of itself, and freeing it. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "../data/datetime.h"

void riskgan_model_free(riskgan_model *m)
{
    if (!m)
        return;
    free(m->target);
    rg_transformer_free(m->transformer);
    rg_condition_sampler_free(&m->sampler);
    if (m->network)
        m->generator->free(m->network);
    free(m->network);
    rg_calibration_free(&m->calibration);
    rg_label_model_free(&m->label_model);
    free(m);
}

void riskgan_model_get_info(const riskgan_model *m, riskgan_model_info *info)
{
    memset(info, 0, sizeof *info);
    info->kind = m->kind;
    info->columns = m->transformer->columns;
    info->training_rows = m->training_rows;
    info->rows_left_out = m->rows_left_out;
    info->training_blocks = m->training_blocks;
    info->encoded_width = m->transformer->width;
    info->epochs = m->epochs;
    info->epochs_completed = m->epochs_completed;
    info->batch_size = m->batch_size;
    info->seed = m->seed;
    info->target = m->target;
    info->held_out_rows = m->held_out_rows;
    info->best_epoch = m->best_epoch;
    info->held_out_detection = m->held_out_detection;
}

void riskgan_model_privacy(const riskgan_model *m, riskgan_privacy_report *report)
{
    *report = m->privacy;
}

const char *riskgan_model_column_name(const riskgan_model *m, size_t column)
{
    return column < m->transformer->columns ? m->transformer->column[column].name : NULL;
}

riskgan_status riskgan_model_column_role(const riskgan_model *m, size_t column, int *identifier,
                                         char *datetime_format, size_t size)
{
    if (column >= m->transformer->columns)
        return RISKGAN_ERR_INVALID_ARGUMENT;
    const rg_column_encoder *e = &m->transformer->column[column];
    *identifier = e->encoding == RG_ENCODE_IDENTIFIER;
    if (size)
        datetime_format[0] = 0;
    if (e->type == RISKGAN_COLUMN_DATETIME && size)
        rg_datetime_format_name(&e->datetime, datetime_format, size);
    return RISKGAN_OK;
}
