/* fit_options.c — the options of a fit: the presets, their checks, the published defaults of
 * the chosen model, and the batch size chosen from the data. */
#include "fit_options.h"

#include <math.h>
#include <string.h>

void riskgan_fit_options_init(riskgan_fit_options *o, riskgan_preset preset)
{
    memset(o, 0, sizeof *o);
    o->model = RISKGAN_MODEL_CTGAN;
    o->epochs = 300;
    o->batch_size = 500;
    o->discriminator_steps = 1;
    o->pac = 10;
    o->generator_lr = o->discriminator_lr = 0;            /* the model's published default */
    o->generator_decay = o->discriminator_decay = -1;      /* likewise */
    o->max_categories = 50;
    o->min_category_count = 5;
    if (preset == RISKGAN_PRESET_DEFAULT) {
        /* each departure from CTGAN is measured in docs/synthesizer.md */
        o->epochs = 0;     /* chosen from the data: see rg_automatic_epochs */
        o->batch_size = 0; /* scaled to the data: see rg_choose_batch_size */
        o->discriminator_steps = 5;
        o->calibrate_marginals = 1;
        o->label_model = 1;
    }
}

const char *riskgan_fit_options_check(const riskgan_fit_options *o)
{
    if (o->model != RISKGAN_MODEL_CTGAN && o->model != RISKGAN_MODEL_TVAE)
        return "unknown model kind";
    if (o->epochs < 0 || o->epochs > 1000000)
        return "epochs must be between 1 and 1000000 (0 = chosen from the data)";
    if (o->early_stopping != 0 && o->early_stopping != 1)
        return "early_stopping must be 0 or 1";
    if (o->batch_size < 0 || o->batch_size > 1000000)
        return "batch size must be between 1 and 1000000 (0 = automatic)";
    if (o->pac < 1 || o->pac > 100)
        return "pac must be between 1 and 100";
    if (o->model == RISKGAN_MODEL_CTGAN && o->batch_size && o->batch_size % o->pac)
        return "batch size must be a multiple of pac";
    if (o->discriminator_steps < 1 || o->discriminator_steps > 100)
        return "discriminator steps must be between 1 and 100";
    if (!(o->generator_lr >= 0 && o->generator_lr < 1) || !(o->discriminator_lr >= 0 && o->discriminator_lr < 1))
        return "learning rates must be in (0, 1) (0 = the model's published default)";
    if (isnan(o->generator_decay) || isnan(o->discriminator_decay))
        return "weight decay must be >= 0 (negative = the model's published default)";
    if (!(o->target_condition_weight >= 0 && o->target_condition_weight <= 1))
        return "target condition weight must be in [0, 1]";
    if (o->max_categories < 2)
        return "max categories must be at least 2";
    if (o->hidden < 0 || o->hidden > 4096)
        return "hidden width must be between 1 and 4096 (0 = the published width)";
    if (o->min_category_count < 1)
        return "min category count must be at least 1";
    if (!(o->epsilon >= 0 && o->epsilon < 1e6))
        return "epsilon must be a positive number (0 = no differential privacy)";
    if (!(o->delta >= 0 && o->delta < 1))
        return "delta must be in (0, 1) (0 = below 1 / (10 rows))";
    if (o->epsilon > 0 && o->model != RISKGAN_MODEL_CTGAN)
        return "differential privacy (epsilon) is available for the ctgan model only";
    if ((o->metadata || o->delta > 0) && o->epsilon == 0)
        return "metadata and delta only apply to a differentially private fit: set epsilon";
    return NULL;
}

/* The options with the published optimizer settings of the chosen model filled in where the
 * caller left the default: CTGAN lr 2e-4 and decay 1e-6 for both networks; TVAE lr 1e-3
 * and decay 1e-5 (Xu et al. 2019, and the reference implementation's defaults). */
riskgan_fit_options rg_fit_options_resolve(const riskgan_fit_options *o)
{
    riskgan_fit_options r = *o;
    int tvae = o->model == RISKGAN_MODEL_TVAE;
    if (r.generator_lr == 0)
        r.generator_lr = tvae ? 1e-3 : 2e-4;
    if (r.discriminator_lr == 0)
        r.discriminator_lr = 2e-4;
    if (r.generator_decay < 0)
        r.generator_decay = tvae ? 1e-5 : 1e-6;
    if (r.discriminator_decay < 0)
        r.discriminator_decay = 1e-6;
    if (r.epsilon > 0) { /* see ctgan_private.c and docs/privacy.md */
        r.pac = 1;
    }
    return r;
}

/* Ten or more optimizer steps per epoch on small tables; CTGAN's 500 on large ones. Under
 * differential privacy `rows` is the noisy count and packs are single rows. */
int rg_choose_batch_size(const riskgan_fit_options *o, size_t rows)
{
    if (o->batch_size)
        return o->batch_size;
    if (o->epsilon > 0)
        return rows / 10 < 50 ? (int)(rows < 50 ? (rows ? rows : 1) : 50) : rows / 10 > 500 ? 500 : (int)(rows / 10);
    if (o->model == RISKGAN_MODEL_TVAE)
        return 500;
    size_t batch = rows / 10;
    batch = batch / (size_t)o->pac * (size_t)o->pac;
    size_t low = 5 * (size_t)o->pac, high = 500;
    batch = batch < low ? low : batch > high ? high : batch;
    return (int)batch;
}

/* The epochs chosen when the options leave them at 0. CTGAN: 300 epochs, or as many as a
 * budget of 1,000,000 rows passed through the networks allows (300 epochs of 3,333 rows;
 * about 2,000 steps of 500 rows), so that no table needs more than a few minutes: measured in bench/RESULTS.md
 * ("Quality in minutes"). Under differential privacy, about 420 generator steps and at most
 * 30 epochs (docs/privacy.md): more noisy steps cost more noise per step than they teach.
 * TVAE steps cost a tenth of CTGAN's: 300 epochs. `rows` and `batch` as the fit uses them. */
int rg_automatic_epochs(const riskgan_fit_options *o, size_t rows, int batch)
{
    enum { FULL = 300, ROW_BUDGET = 1000000, PRIVATE_STEPS = 420, PRIVATE_MAX = 30 };
    if (o->model == RISKGAN_MODEL_TVAE || rows == 0)
        return FULL;
    if (o->epsilon > 0) {
        double steps_per_epoch = fmax(1, round((double)rows / batch));
        int epochs = (int)lround(PRIVATE_STEPS / steps_per_epoch);
        return epochs < 1 ? 1 : epochs > PRIVATE_MAX ? PRIVATE_MAX : epochs;
    }
    size_t epochs = (ROW_BUDGET + rows - 1) / rows;
    return epochs > FULL ? FULL : (int)epochs;
}
