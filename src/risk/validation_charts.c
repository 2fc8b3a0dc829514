/* validation_charts.c — the gains table and the calibration plot of a validation, shared by the
 * scorecard page and the validation page. */
#include <math.h>
#include <stdio.h>

#include "validation_charts.h"

void rg_gains_table(FILE *f, const riskgan_validation *v)
{
    fputs("<h2>Gains by score band</h2><table><tr><th>band (riskiest first)</th><th>scores</th><th>rows</th>"
          "<th>events</th><th>event rate</th><th>events caught</th><th>lift</th></tr>", f);
    for (size_t g = 0; g < 10; g++) {
        const riskgan_gains_band *b = &v->gains[g];
        fprintf(f, "<tr><td>%zu</td><td>%.1f-%.1f</td><td>%zu</td><td>%zu</td><td>%.4f</td><td>%.4f</td>"
                   "<td>%.2f</td></tr>", g + 1, b->low_score, b->high_score, b->rows, b->events, b->event_rate,
                b->cumulative_event_share, b->lift);
    }
    fputs("</table>", f);
}

void rg_calibration_chart(FILE *f, const riskgan_validation *v)
{
    double top = 0;
    for (size_t g = 0; g < 10; g++)
        top = fmax(top, fmax(v->gains[g].mean_probability, v->gains[g].event_rate));
    top = top > 0 ? fmin(1, top * 1.1) : 1;
    fprintf(f, "<figure><svg width='300' height='300'><rect x='40' y='10' width='250' height='250' fill='none' "
               "stroke='#ccc'/><line x1='40' y1='260' x2='290' y2='10' stroke='#999' stroke-dasharray='4'/>");
    for (size_t g = 0; g < 10; g++)
        fprintf(f, "<circle cx='%.1f' cy='%.1f' r='4' fill='#d9822b'/>", 40 + 250 * v->gains[g].mean_probability / top,
                260 - 250 * v->gains[g].event_rate / top);
    fprintf(f, "<text x='40' y='280' font-size='11'>0</text><text x='250' y='280' font-size='11'>%.2f</text></svg>"
               "<figcaption>Calibration: per score band (tenths of the rows), the observed event rate (up) "
               "against the mean predicted probability (across); on the dashed line the probabilities are "
               "right.</figcaption></figure>", top);
}
