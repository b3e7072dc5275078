/*
 * gov_report_html.c - the report as one HTML file; see gov_report.h
 *
 * HTML5 with nothing outside it: the style is in the head and the chart
 * is an inline SVG element drawn by gov_report_chart.c.  Every text from
 * the database is escaped, so a name or a note is only ever text; and
 * each goes in its own direction (dir="auto"), so an Arabic name reads
 * right to left in an English page.
 */
#include <string.h>

#include "gov/gov_report.h"
#include "gov/gov_report_chart.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The escapes of HTML's text and attribute values. */
static const struct {
	char		 c;
	const char	*as;
} escapes[] = {
	{ '&', "&amp;" }, { '<', "&lt;" }, { '>', "&gt;" },
	{ '"', "&quot;" }, { '\'', "&#39;" },
};

/* esc - s, escaped for HTML text and attributes */
static void
esc(struct vbuf *out, const char *s)
{
	size_t	i;

	for (; *s != '\0'; s++) {
		for (i = 0; i < nitems(escapes) && escapes[i].c != *s; i++)
			;
		if (i < nitems(escapes))
			vbuf_puts(out, escapes[i].as);
		else if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
			vbuf_putc(out, ' ');	/* no controls in HTML */
		else
			vbuf_putc(out, *s);
	}
}

static const char STYLE[] =
    "body{font-family:sans-serif;max-width:50em;margin:2em auto;"
    "padding:0 1em;color:#222}\n"
    "table{border-collapse:collapse;margin:0.5em 0}\n"
    "th,td{border-bottom:1px solid #ccc;padding:0.2em 0.8em;"
    "text-align:start}\n"
    "td.n{text-align:end}\n"
    "pre{white-space:pre-wrap;background:#f6f6f6;padding:0.5em}\n";

/* table - b as an HTML table, row 0 its heading */
static void
table(struct vbuf *out, const struct report_block *b)
{
	vbuf_puts(out, "<table>\n");
	for (size_t r = 0; r < b->nrows; r++) {
		vbuf_puts(out, "<tr>");
		for (size_t c = 0; c < b->ncols; c++) {
			const char *cell = b->cell[r * b->ncols + c];

			if (r == 0)
				vbuf_puts(out, "<th>");
			else
				vbuf_printf(out, "<td dir=\"auto\"%s>",
				    c < sizeof(b->align) && b->align[c] ==
				    'r' ? " class=\"n\"" : "");
			esc(out, cell);
			vbuf_puts(out, r == 0 ? "</th>" : "</td>");
		}
		vbuf_puts(out, "</tr>\n");
	}
	vbuf_puts(out, "</table>\n");
}

/* block - one block of a section */
static void
block(struct vbuf *out, const struct report *r, const struct report_block *b)
{
	switch (b->kind) {
	case RB_HEAD:
		vbuf_puts(out, "<h3 dir=\"auto\">");
		esc(out, b->text);
		vbuf_puts(out, "</h3>\n");
		break;
	case RB_PARA:
		vbuf_puts(out, "<p dir=\"auto\">");
		esc(out, b->text);
		vbuf_puts(out, "</p>\n");
		break;
	case RB_LINES:
		vbuf_puts(out, "<pre dir=\"auto\">");
		esc(out, b->text);
		vbuf_puts(out, "</pre>\n");
		break;
	case RB_TABLE:
		table(out, b);
		break;
	case RB_CHART:
		vbuf_puts(out, "<figure>\n");
		(void)gov_report_chart_svg(r, out);
		vbuf_puts(out, "\n<figcaption>Posts distributed, meetings held "
		    "and new members, per month</figcaption>\n</figure>\n");
		break;
	}
}

/* gov_report_html - see gov_report.h */
int
gov_report_html(const struct report *r, struct vbuf *out)
{
	vbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>Report to the Communities "
	    "Board, ");
	esc(out, r->p.first);
	vbuf_puts(out, " to ");
	esc(out, r->p.last);
	vbuf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    STYLE);
	vbuf_puts(out, "<h1>Report to the Communities Board</h1>\n<p>The "
	    "partnership's lists at ");
	esc(out, r->site);
	vbuf_puts(out, ", from ");
	esc(out, r->p.first);
	vbuf_puts(out, " to ");
	esc(out, r->p.last);
	vbuf_puts(out, ".</p>\n");
	for (size_t i = 0; i < r->nsec; i++) {
		const struct report_section *s = &r->sec[i];

		vbuf_puts(out, "<section id=\"");
		esc(out, s->id);
		vbuf_puts(out, "\">\n<h2>");
		esc(out, s->title);
		vbuf_puts(out, "</h2>\n");
		for (size_t j = 0; j < s->nb; j++)
			block(out, r, &s->b[j]);
		vbuf_puts(out, "</section>\n");
	}
	vbuf_puts(out, "</body>\n</html>\n");
	return (vbuf_err(out) ? -1 : 0);
}
