/* html_page.c — the shared style sheet and text escaping of riskgan's HTML reports. */
#include "html_page.h"

#include <math.h>

const char rg_html_style[] =
    "body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;color:#222;padding:0 16px}"
    "h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}"
    ".sub{color:#666;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}"
    ".card{flex:1 1 200px;border-radius:8px;padding:12px;border:1px solid #ddd;background:#f6f8fa}"
    ".card .title{font-size:13px;color:#555}.card .value{font-size:28px;font-weight:bold;margin:4px 0}"
    ".card .note{font-size:12px;color:#444}.good{background:#eaf6ee}.fair{background:#fff6e0}.poor{background:#fdecea}"
    ".na{background:#f2f2f2}.verdict{font-size:15px;line-height:1.5;background:#f6f8fa;padding:12px;border-radius:8px}"
    ".grid{display:flex;flex-wrap:wrap;gap:8px}figure{margin:6px;break-inside:avoid}figcaption{font-size:12px;color:#444;max-width:420px}"
    "table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}"
    "th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}.legend span{display:inline-block;width:12px;height:12px;"
    "margin:0 4px 0 12px;vertical-align:middle}ul.warnings li{color:#8a4b00;font-size:13px}"
    "@media print{body{margin:0}h2{break-after:avoid}.card{break-inside:avoid}}";

void rg_html_page_open(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>", f);
    rg_html_escaped(f, title);
    fprintf(f, "</title><style>%s</style></head><body>", rg_html_style);
}

void rg_html_page_close(FILE *f)
{
    fputs("</body></html>\n", f);
}

void rg_html_escaped(FILE *f, const char *text)
{
    for (; text && *text; text++) {
        switch (*text) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*text, f);
        }
    }
}

void rg_html_heat_color(double value, char *out, size_t size)
{
    if (!isfinite(value)) {
        snprintf(out, size, "#dddddd");
        return;
    }
    value = fmax(-1, fmin(1, value));
    int shade = (int)(255 * (1 - fabs(value)));
    if (value >= 0)
        snprintf(out, size, "rgb(%d,%d,255)", shade, shade);
    else
        snprintf(out, size, "rgb(255,%d,%d)", shade, shade);
}
