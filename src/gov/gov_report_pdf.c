/*
 * gov_report_pdf.c - the report as PDF, with cairo and pango; see
 * gov_report.h
 *
 * A4 pages; pango lays out every text, so a name in Arabic is shaped
 * and runs right to left, and a long line wraps at a word.  A block that
 * does not fit on what is left of a page starts the next; the notes go
 * a line at a time, so long notes run on over pages.  The PDF is
 * written to memory: cairo's stream goes into the caller's buffer.
 */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "gov/gov_report.h"
#include "gov/gov_report_chart.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define PAGE_W		595.0	/* A4, in points */
#define PAGE_H		842.0
#define MARGIN		50.0
#define TEXT_W		(PAGE_W - 2 * MARGIN)
#define COLS_MAX	8

/* The fonts, by what they set. */
enum pdf_font { F_BODY, F_TITLE, F_SECTION, F_HEAD, F_NOTES, F_COUNT };
static const char *const fonts[F_COUNT] = {
	[F_BODY] = "DejaVu Sans 10",
	[F_TITLE] = "DejaVu Sans Bold 18",
	[F_SECTION] = "DejaVu Sans Bold 14",
	[F_HEAD] = "DejaVu Sans Bold 11",
	[F_NOTES] = "DejaVu Sans Mono 8.5",
};

/* A PDF being written. */
struct pdf {
	cairo_surface_t		*sf;
	cairo_t			*cr;
	PangoLayout		*pl;
	PangoFontDescription	*font[F_COUNT];
	double			 y;		/* where the next block goes */
};

/* need - room for h points, or a new page */
static void
need(struct pdf *p, double h)
{
	if (p->y + h > PAGE_H - MARGIN && p->y > MARGIN) {
		cairo_show_page(p->cr);
		p->y = MARGIN;
	}
}

/* layout - the layout set for s in font f, width w, aligned right if
 * right; its height in points */
static double
layout(struct pdf *p, enum pdf_font f, const char *s, double w, int right)
{
	int	lw, lh;

	pango_layout_set_font_description(p->pl, p->font[f]);
	pango_layout_set_width(p->pl, w < 0 ? -1 : (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(p->pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->pl, right ? PANGO_ALIGN_RIGHT :
	    PANGO_ALIGN_LEFT);
	pango_layout_set_text(p->pl, s, -1);
	pango_layout_get_size(p->pl, &lw, &lh);
	return ((double)lh / PANGO_SCALE);
}

/* show - the layout at (x, y) */
static void
show(struct pdf *p, double x, double y)
{
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->pl);
}

/* para - s in font f, wrapped, then space after it */
static void
para(struct pdf *p, enum pdf_font f, const char *s, double after)
{
	double	h = layout(p, f, s, TEXT_W, 0);

	need(p, h);
	show(p, MARGIN, p->y);
	p->y += h + after;
}

/* lines - s a line at a time, indented, so that it runs over pages */
static void
lines(struct pdf *p, const char *s)
{
	struct vbuf	line;
	size_t		k;
	double		h;

	vbuf_init(&line, VBUF_NOMAX);
	while (*s != '\0') {
		k = strcspn(s, "\n");
		vbuf_reset(&line);
		vbuf_cat(&line, s, k);
		h = layout(p, F_NOTES, k > 0 ? vbuf_str(&line) : " ",
		    TEXT_W - 16, 0);
		need(p, h);
		show(p, MARGIN + 16, p->y);
		p->y += h;
		s += k + (s[k] == '\n');
	}
	vbuf_release(&line);
	p->y += 6;
}

/* widths - each column's width: its widest cell, the first column (the
 * names) taking what is left when they do not all fit */
static void
widths(struct pdf *p, const struct report_block *b, double *w)
{
	double	sum = 0;
	int	lw, lh;

	for (size_t c = 0; c < b->ncols; c++) {
		w[c] = 20;
		for (size_t r = 0; r < b->nrows; r++) {
			(void)layout(p, r == 0 ? F_HEAD : F_BODY,
			    b->cell[r * b->ncols + c], -1, 0);
			pango_layout_get_size(p->pl, &lw, &lh);
			if ((double)lw / PANGO_SCALE + 12 > w[c])
				w[c] = (double)lw / PANGO_SCALE + 12;
		}
		sum += w[c];
	}
	if (sum > TEXT_W) {
		w[0] -= sum - TEXT_W;
		if (w[0] < TEXT_W / 4)
			for (size_t c = 0; c < b->ncols; c++)
				w[c] = TEXT_W / (double)b->ncols;
	}
}

/* table - b's rows, a rule under the heading */
static void
table(struct pdf *p, const struct report_block *b)
{
	double	w[COLS_MAX], h, x;
	size_t	nc = b->ncols < COLS_MAX ? b->ncols : COLS_MAX;

	widths(p, b, w);
	for (size_t r = 0; r < b->nrows; r++) {
		h = 0;
		for (size_t c = 0; c < nc; c++) {
			double ch = layout(p, r == 0 ? F_HEAD : F_BODY,
			    b->cell[r * b->ncols + c], w[c] - 12,
			    b->align[c] == 'r');
			if (ch > h)
				h = ch;
		}
		need(p, h + 3);
		x = MARGIN;
		for (size_t c = 0; c < nc; c++) {
			(void)layout(p, r == 0 ? F_HEAD : F_BODY,
			    b->cell[r * b->ncols + c], w[c] - 12,
			    b->align[c] == 'r');
			show(p, x, p->y);
			x += w[c];
		}
		p->y += h + 3;
		if (r == 0) {
			cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
			cairo_set_line_width(p->cr, 0.5);
			cairo_move_to(p->cr, MARGIN, p->y - 1);
			cairo_line_to(p->cr, x, p->y - 1);
			cairo_stroke(p->cr);
		}
	}
	p->y += 8;
}

/* block - one block of a section */
static void
block(struct pdf *p, const struct report *r, const struct report_block *b)
{
	switch (b->kind) {
	case RB_HEAD:
		need(p, 40);	/* not alone at the foot of a page */
		para(p, F_HEAD, b->text, 4);
		break;
	case RB_PARA:
		para(p, F_BODY, b->text, 8);
		break;
	case RB_LINES:
		lines(p, b->text);
		break;
	case RB_TABLE:
		table(p, b);
		break;
	case RB_CHART:
		need(p, CHART_H + 10);
		cairo_save(p->cr);
		cairo_translate(p->cr, MARGIN, p->y);
		gov_report_chart_draw(p->cr, r, CHART_W, CHART_H);
		cairo_restore(p->cr);
		p->y += CHART_H + 10;
		break;
	}
}

/* to_vbuf - cairo's stream into a vbuf */
static cairo_status_t
to_vbuf(void *arg, const unsigned char *data, unsigned int len)
{
	return (vbuf_cat(arg, data, len) == -1 ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS);
}

/* gov_report_pdf - see gov_report.h */
int
gov_report_pdf(const struct report *r, struct vbuf *out, struct vbuf *why)
{
	struct pdf	 p;
	cairo_status_t	 st;
	char		 buf[256];

	memset(&p, 0, sizeof(p));
	p.sf = cairo_pdf_surface_create_for_stream(to_vbuf, out, PAGE_W,
	    PAGE_H);
	(void)snprintf(buf, sizeof(buf), "Report to the Communities Board, "
	    "%s to %s", r->p.first, r->p.last);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_TITLE, buf);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_CREATOR,
	    "moot");
	p.cr = cairo_create(p.sf);
	p.pl = pango_cairo_create_layout(p.cr);
	for (size_t f = 0; f < F_COUNT; f++)
		p.font[f] = pango_font_description_from_string(fonts[f]);
	p.y = MARGIN;
	para(&p, F_TITLE, "Report to the Communities Board", 6);
	(void)snprintf(buf, sizeof(buf), "The partnership's lists at %s, "
	    "from %s to %s.", r->site, r->p.first, r->p.last);
	para(&p, F_BODY, buf, 14);
	for (size_t i = 0; i < r->nsec; i++) {
		need(&p, 60);
		para(&p, F_SECTION, r->sec[i].title, 8);
		for (size_t j = 0; j < r->sec[i].nb; j++)
			block(&p, r, &r->sec[i].b[j]);
		p.y += 10;
	}
	for (size_t f = 0; f < F_COUNT; f++)
		pango_font_description_free(p.font[f]);
	g_object_unref(p.pl);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.sf);
	st = cairo_surface_status(p.sf);
	cairo_surface_destroy(p.sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		vbuf_printf(why, "cannot write the PDF: %s",
		    cairo_status_to_string(st));
		return (-1);
	}
	return (0);
}
