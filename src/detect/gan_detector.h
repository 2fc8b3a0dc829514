/* gan_detector.h — the GAN anomaly detector: GANomaly's encoder-decoder-encoder (Akcay et
 * al. 2018) on the detection features. E maps a row x to z, G maps z back to x^ = G(z), E2
 * maps x^ to z^; a critic D tells rows from reconstructions. The generator side minimizes
 *   w_adv |f(x) - f(x^)|^2 + w_con |x - x^|^2 + w_enc |z - z^|^2   (means over elements)
 * with f the critic's hidden features (feature matching); the critic minimizes the logistic
 * loss of real x against x^. A row's anomaly score is its reconstruction error, per column
 * divided by the column's mean error on the training rows (so every column speaks on the same
 * scale, and the largest terms explain the score), or the latent distance |z - z^|^2.
 * Robust to contaminated training data: after a warm-up, the rows of each batch with the
 * largest reconstruction errors (a `trim` share) are left out of both losses. */
#ifndef RISKGAN_DETECT_GAN_DETECTOR_H
#define RISKGAN_DETECT_GAN_DETECTOR_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../nn/mlp.h"
#include "riskgan.h"

typedef struct {
    int data, hidden, latent;
    size_t columns;
    size_t *offset, *span;        /* the columns' places in a row */
    rg_mlp encoder, decoder, reencoder, critic_body, critic_head;
    double *column_error;         /* mean training reconstruction error per column */
} rg_gan_detector;

typedef struct {
    int epochs, batch_size, hidden, latent;
    double learning_rate, trim, adversarial_weight, contextual_weight, encoder_weight;
    uint64_t seed;
    void (*progress)(int epoch, int epochs, double generator_loss, double critic_loss, void *user);
    void *progress_user;
    volatile int *stop;
} rg_gan_detector_options;

/* Buffers to score `rows` rows at a time: one per thread (no allocation while scoring). */
typedef struct {
    int capacity;
    rg_mlp_trace encoder, decoder, reencoder;
} rg_gan_scratch;

/* Buffers of one training step: the generator side and the critic's two passes. */
typedef struct {
    int rows;
    double trim;                      /* share of each batch left out (0: none) */
    rg_gan_scratch pass;
    rg_mlp_trace critic_real, critic_fake, head_real, head_fake;
    float *batch;                     /* rows x data */
    float *active_real, *active_fake; /* leaky-ReLU of the critic features */
    float *d_reconstruction, *d_input, *d_latent, *d_latent_input, *d_relatent, *d_features, *d_active, *d_head;
    float *weight;                    /* per row: 1 in the losses, 0 left out */
    double *row_error;
} rg_gan_step;

void rg_gan_detector_options_default(rg_gan_detector_options *options);
riskgan_status rg_gan_detector_init(rg_gan_detector *detector, size_t columns, const size_t *offset,
                                    const size_t *span, int hidden, int latent, rg_rng *rng);
void rg_gan_detector_free(rg_gan_detector *detector);
/* Trains on rows x data floats; RISKGAN_ERR_NUMERIC names the epoch where a loss stopped
 * being finite. Also sets the columns' mean training errors. */
riskgan_status rg_gan_detector_train(rg_gan_detector *detector, const float *x, size_t rows,
                                     const rg_gan_detector_options *options);
riskgan_status rg_gan_scratch_init(rg_gan_scratch *scratch, const rg_gan_detector *detector, int rows);
void rg_gan_scratch_free(rg_gan_scratch *scratch);
/* For rows (<= scratch capacity) rows: per-column raw squared errors (rows x columns) and
 * latent distances (rows; may be NULL). */
void rg_gan_detector_errors(const rg_gan_detector *detector, const float *x, int rows, rg_gan_scratch *scratch,
                            double *column_errors, double *latent_distance);

/* One row's reconstruction score: each column's error (errors, `columns` of them) divided by
 * its mean training error, written to relative; returns their mean. */
double rg_gan_detector_relative_errors(const rg_gan_detector *detector, const double *errors, double *relative);

/* The generator-side loss of a batch, with gradients added into the encoder, decoder and
 * re-encoder (the critic's own gradients are zeroed). weight: per row, 0 leaves it out.
 * The pieces (contextual, encoder, adversarial) go to parts (may be NULL). */
double rg_gan_generator_step(rg_gan_detector *detector, const float *x, int rows, rg_gan_step *step,
                             const rg_gan_detector_options *options, double parts[3]);
/* The critic's loss on the batch and the reconstructions of the last generator step, with
 * gradients added into the critic. */
double rg_gan_critic_step(rg_gan_detector *detector, const float *x, int rows, rg_gan_step *step);
riskgan_status rg_gan_step_init(rg_gan_step *step, const rg_gan_detector *detector, int rows);
void rg_gan_step_free(rg_gan_step *step);

void rg_gan_detector_write(const rg_gan_detector *detector, rg_writer *writer);
/* Reads a detector whose rows have the given column layout. */
riskgan_status rg_gan_detector_read(rg_gan_detector *detector, rg_reader *reader, size_t columns,
                                    const size_t *offset, const size_t *span);

#endif
