/*
 * gov_report_block.c - the blocks a section is made of; see
 * gov_report_int.h
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gov/gov_report.h"
#include "gov/gov_report_int.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/*
 * clean - s as the report may carry it, new: valid UTF-8 (an invalid
 * byte becomes U+FFFD), no control but the line break and the tab, and
 * the bidi controls shown, not obeyed (vis_bidi_append: in a note or a
 * name from mail, an override would reorder what the Board reads).
 */
static char *
clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct vbuf	 v, out;
	size_t		 n;
	char		*r;

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&out, VBUF_NOMAX);
	while (*p != '\0') {
		if (*p < 0x80) {
			vbuf_putc(&v, *p == '\n' || *p == '\t' ||
			    (*p >= 0x20 && *p != 0x7f) ? *p : ' ');
			p++;
		} else if ((n = vis_utf8_len(p)) > 0) {
			vbuf_cat(&v, p, n);
			p += n;
		} else {
			vbuf_puts(&v, "\xef\xbf\xbd");
			p++;
		}
	}
	vis_bidi_append(&out, vbuf_str(&v));
	vbuf_release(&v);
	if ((r = vbuf_take(&out, NULL)) == NULL)
		r = xstrdup("");
	return (r);
}

/* gov_report_block - see gov_report_int.h */
struct report_block *
gov_report_block(struct report_section *s, enum report_block_kind kind)
{
	struct report_block *b;

	s->b = xreallocarray(s->b, s->nb + 1, sizeof(*s->b));
	b = &s->b[s->nb++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return (b);
}

/* gov_report_says - see gov_report_int.h */
void
gov_report_says(struct report_section *s, enum report_block_kind kind,
    const char *fmt, ...)
{
	struct report_block *b = gov_report_block(s, kind);
	va_list		 ap;
	struct vbuf	 v;

	vbuf_init(&v, VBUF_NOMAX);
	va_start(ap, fmt);
	(void)vbuf_vprintf(&v, fmt, ap);
	va_end(ap);
	b->text = clean(vbuf_str(&v));
	vbuf_release(&v);
}

/* gov_report_table - see gov_report_int.h */
struct report_block *
gov_report_table(struct report_section *s, const char *align, ...)
{
	struct report_block *b = gov_report_block(s, RB_TABLE);
	va_list		 ap;

	/* The writers read a column's alignment for each column. */
	b->ncols = strlen(align) < sizeof(b->align) ? strlen(align) :
	    sizeof(b->align) - 1;
	(void)snprintf(b->align, sizeof(b->align), "%s", align);
	b->cell = xcalloc(b->ncols, sizeof(*b->cell));
	b->nrows = 1;
	va_start(ap, align);
	for (size_t i = 0; i < b->ncols; i++)
		b->cell[i] = clean(va_arg(ap, const char *));
	va_end(ap);
	return (b);
}

/* gov_report_row - see gov_report_int.h */
void
gov_report_row(struct report_block *b, ...)
{
	va_list		 ap;
	size_t		 at = b->nrows * b->ncols;

	b->cell = xreallocarray(b->cell, at + b->ncols, sizeof(*b->cell));
	va_start(ap, b);
	for (size_t i = 0; i < b->ncols; i++)
		b->cell[at + i] = clean(va_arg(ap, const char *));
	va_end(ap);
	b->nrows++;
}

/* gov_report_num - see gov_report_int.h */
const char *
gov_report_num(int64_t n)
{
	static char	buf[8][24];
	static size_t	next;
	char		*b = buf[next++ % nitems(buf)];

	(void)snprintf(b, sizeof(buf[0]), "%lld", (long long)n);
	return (b);
}
