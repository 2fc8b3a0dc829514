/* cli_progress.c — the training progress line: a bar on a terminal, a log line every few
 * epochs otherwise, and an optional loss log kept in memory. */
#include <math.h>
#include <stdio.h>

#include "cli_progress.h"

static void format_duration(char *out, size_t size, double seconds)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, size, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else
        snprintf(out, size, "%ldm%02lds", s / 60, s % 60);
}

void cli_on_progress(const riskgan_progress *p, void *user)
{
    cli_progress_state *state = user;
    if (state->log) {
        fprintf(state->log, "%d,%.6g,%.6g,%.3f\n", p->epoch, p->generator_loss, p->discriminator_loss,
                p->elapsed_seconds);
        fflush(state->log);
    }
    if (state->quiet)
        return;
    char eta[32], elapsed[32], check[48] = "";
    format_duration(eta, sizeof eta, p->eta_seconds);
    if (!isnan(p->held_out_detection)) /* early stopping's check ran after this epoch */
        snprintf(check, sizeof check, "  held-out detection %.3f", p->held_out_detection);
    format_duration(elapsed, sizeof elapsed, p->elapsed_seconds);
    if (state->terminal) {
        int width = 30, filled = (int)((double)width * p->epoch / p->epochs);
        char bar[64];
        for (int i = 0; i < width; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[width] = '\0';
        fprintf(stderr, "\r[%s] epoch %d/%d  G %.4f  D %.4f  %.0f rows/s  ETA %s%s ", bar, p->epoch, p->epochs,
                p->generator_loss, p->discriminator_loss, p->rows_per_second, eta, check);
        if (p->epoch == p->epochs)
            fputc('\n', stderr);
    } else if (p->epoch % state->log_every == 0 || p->epoch == p->epochs || p->epoch == 1 || check[0]) {
        fprintf(stderr, "epoch %d/%d  G %.4f  D %.4f  %.0f rows/s  elapsed %s  ETA %s%s\n", p->epoch, p->epochs,
                p->generator_loss, p->discriminator_loss, p->rows_per_second, elapsed, eta, check);
    }
}
