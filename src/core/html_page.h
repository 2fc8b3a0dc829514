/* html_page.h — what every riskgan HTML report shares: one style sheet (so the evaluation,
 * detection and market reports look alike) and escaping of text written into a page. */
#ifndef RISKGAN_CORE_HTML_PAGE_H
#define RISKGAN_CORE_HTML_PAGE_H

#include <stddef.h>
#include <stdio.h>

extern const char rg_html_style[];
/* The fill of a heatmap cell for a value in [-1, 1]: white at 0, deeper blue toward 1, deeper
 * red toward -1 (values beyond are clamped); grey for NaN/inf. */
void rg_html_heat_color(double value, char *out, size_t size);
/* The page's start (doctype, title, the style sheet, <body>) and its end; new reports use
 * them (older ones still write the same text themselves). */
void rg_html_page_open(FILE *f, const char *title);
void rg_html_page_close(FILE *f);
/* Writes text with <, >, & and " escaped (NULL writes nothing). */
void rg_html_escaped(FILE *f, const char *text);

#endif
