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
#include "util/sys_defs.h"

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
	b->text = vbuf_take(&v, NULL);
	if (b->text == NULL)
		b->text = xstrdup("");
}

/* gov_report_table - see gov_report_int.h */
struct report_block *
gov_report_table(struct report_section *s, const char *align, ...)
{
	struct report_block *b = gov_report_block(s, RB_TABLE);
	va_list		 ap;

	b->ncols = strlen(align);
	(void)snprintf(b->align, sizeof(b->align), "%s", align);
	b->cell = xcalloc(b->ncols, sizeof(*b->cell));
	b->nrows = 1;
	va_start(ap, align);
	for (size_t i = 0; i < b->ncols; i++)
		b->cell[i] = xstrdup(va_arg(ap, const char *));
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
		b->cell[at + i] = xstrdup(va_arg(ap, const char *));
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
