/*
 * gov_report_text.c - the report as plain UTF-8 text; see gov_report.h
 *
 * Lines are wrapped at REPORT_WIDTH columns, a column a character (a
 * UTF-8 sequence), so a name in any script is never cut inside a
 * character; tables are padded to their widest cell.  The chart is
 * for the HTML and PDF reports: here its figures are the table after it.
 */
#include <string.h>

#include "gov/gov_report.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define CELL_MAX	40	/* columns a table's cell is padded to, at most */

/* cols - the columns s[0..n) takes: its characters, not its bytes */
static size_t
cols(const char *s, size_t n)
{
	size_t	c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return (c);
}

/* pad - n spaces */
static void
pad(struct vbuf *out, size_t n)
{
	while (n-- > 0)
		vbuf_putc(out, ' ');
}

/*
 * wrap - text as lines of at most REPORT_WIDTH columns, each after
 * indent spaces, broken at spaces; a word longer than a line has a line
 * of its own.  Newlines in text end lines.
 */
static void
wrap(struct vbuf *out, const char *text, size_t indent)
{
	const char	*p = text;
	size_t		 at, w, k;

	while (*p != '\0') {
		size_t	 end = strcspn(p, "\n");
		const char *e = p + end;

		at = 0;
		pad(out, indent);
		while (p < e) {
			k = strcspn(p, " ");
			if (p + k > e)
				k = (size_t)(e - p);
			w = cols(p, k);
			if (at > 0 && indent + at + 1 + w > REPORT_WIDTH) {
				vbuf_putc(out, '\n');
				pad(out, indent);
				at = 0;
			} else if (at > 0) {
				vbuf_putc(out, ' ');
				at++;
			}
			vbuf_cat(out, p, k);
			at += w;
			p += k;
			while (p < e && *p == ' ')
				p++;
		}
		vbuf_putc(out, '\n');
		p = *e == '\n' ? e + 1 : e;
	}
}

/* underline - title, and a line of c under it */
static void
underline(struct vbuf *out, const char *title, int c)
{
	size_t	n = cols(title, strlen(title));

	vbuf_printf(out, "%s\n", title);
	for (size_t i = 0; i < n && i < REPORT_WIDTH; i++)
		vbuf_putc(out, c);
	vbuf_putc(out, '\n');
}

/* last_cell - a row's last cell from where the row has come to: wrapped
 * under itself if it would run past REPORT_WIDTH */
static void
last_cell(struct vbuf *out, const char *s)
{
	struct vbuf	 v;
	size_t		 at = 0, i = out->len;

	while (i > 0 && out->data[i - 1] != '\n')
		i--;
	at = cols(out->data + i, out->len - i);
	if (at + cols(s, strlen(s)) <= REPORT_WIDTH ||
	    at > REPORT_WIDTH - 16) {
		vbuf_puts(out, s);
		return;
	}
	vbuf_init(&v, VBUF_NOMAX);
	wrap(&v, s, at);	/* its first line's indent is the row so far */
	vbuf_cat(out, v.data + at, v.len - at - 1);
	vbuf_release(&v);
}

/* table - b's rows, each cell padded to its column's widest */
static void
table(struct vbuf *out, const struct report_block *b)
{
	size_t	width[8] = { 0 }, w, n;

	for (size_t r = 0; r < b->nrows; r++)
		for (size_t c = 0; c < b->ncols && c < nitems(width); c++) {
			w = cols(b->cell[r * b->ncols + c],
			    strlen(b->cell[r * b->ncols + c]));
			if (w > width[c])
				width[c] = w < CELL_MAX ? w : CELL_MAX;
		}
	for (size_t r = 0; r < b->nrows; r++) {
		vbuf_puts(out, "  ");
		for (size_t c = 0; c < b->ncols && c < nitems(width); c++) {
			const char *s = b->cell[r * b->ncols + c];

			w = cols(s, strlen(s));
			n = w < width[c] ? width[c] - w : 0;
			if (c > 0)
				vbuf_puts(out, "  ");
			if (b->align[c] == 'r')
				pad(out, n);
			if (c + 1 == b->ncols && b->align[c] != 'r')
				last_cell(out, s);
			else
				vbuf_puts(out, s);
			if (b->align[c] != 'r' && c + 1 < b->ncols)
				pad(out, n);
		}
		vbuf_putc(out, '\n');
	}
}

/* gov_report_text - see gov_report.h */
int
gov_report_text(const struct report *r, struct vbuf *out)
{
	struct vbuf	 v;

	underline(out, "Report to the Communities Board", '=');
	vbuf_init(&v, VBUF_NOMAX);
	vbuf_printf(&v, "The partnership's lists at %s, from %s to %s.",
	    r->site, r->p.first, r->p.last);
	vbuf_putc(out, '\n');
	wrap(out, vbuf_str(&v), 0);
	vbuf_release(&v);
	for (size_t i = 0; i < r->nsec; i++) {
		const struct report_section *s = &r->sec[i];

		vbuf_putc(out, '\n');
		underline(out, s->title, '=');
		for (size_t j = 0; j < s->nb; j++) {
			const struct report_block *b = &s->b[j];

			if (b->kind == RB_CHART)
				continue;	/* its figures: the next table */
			vbuf_putc(out, '\n');
			switch (b->kind) {
			case RB_HEAD:
				underline(out, b->text, '-');
				break;
			case RB_PARA:
				wrap(out, b->text, 0);
				break;
			case RB_LINES:
				wrap(out, b->text, 4);
				break;
			case RB_TABLE:
				table(out, b);
				break;
			case RB_CHART:
				break;
			}
		}
	}
	return (vbuf_err(out) ? -1 : 0);
}
