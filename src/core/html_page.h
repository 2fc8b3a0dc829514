/* html_page.h — what every riskgan HTML report shares: one style sheet (so the evaluation,
 * detection and market reports look alike) and escaping of text written into a page. */
#ifndef RISKGAN_CORE_HTML_PAGE_H
#define RISKGAN_CORE_HTML_PAGE_H

#include <stdio.h>

extern const char rg_html_style[];
/* Writes text with <, >, & and " escaped (NULL writes nothing). */
void rg_html_escaped(FILE *f, const char *text);

#endif
