/* detect_stream.c — scores transactions as they arrive on standard input with a riskgan
 * detector: one CSV line per transaction (fields in the detector's column order, no quotes),
 * one line "score,flag,reason" out per line in, flushed at once.
 *
 *   riskgan_detect_stream DETECTOR.rdet [ALERT_RATE] < transactions.csv
 *
 * A header line naming the columns is skipped if it is the first line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgan.h"

enum { MAX_FIELDS = 512 };

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DETECTOR.rdet [ALERT_RATE] < rows.csv\n", argv[0]);
        return 2;
    }
    riskgan_detector *detector;
    riskgan_detect_scratch *scratch;
    if (riskgan_detector_load(argv[1], &detector) != RISKGAN_OK ||
        riskgan_detect_scratch_new(detector, &scratch) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    double threshold = riskgan_detector_threshold(detector, argc > 2 ? atof(argv[2]) : 0.01);
    char line[1 << 16];
    const char *fields[MAX_FIELDS];
    long number = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        size_t count = 0;
        for (char *at = line; count < MAX_FIELDS;) {
            fields[count++] = at;
            char *comma = strchr(at, ',');
            if (!comma)
                break;
            *comma = '\0';
            at = comma + 1;
        }
        number++;
        if (number == 1 && count > 0 && strcmp(fields[0], riskgan_detector_column_name(detector, 0)) == 0)
            continue; /* the header */
        double score;
        size_t reason;
        if (riskgan_detect_score_row(detector, scratch, fields, count, &score, 1, &reason, NULL) != RISKGAN_OK) {
            printf("error,,%s\n", riskgan_last_error());
        } else {
            printf("%.6g,%d,%s\n", score, score > threshold, riskgan_detector_column_name(detector, reason));
        }
        fflush(stdout);
    }
    riskgan_detect_scratch_free(scratch);
    riskgan_detector_free(detector);
    return 0;
}
