/*
 * vbuf.c - growing byte buffers; see vbuf.h
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* vbuf_init - an empty buffer that refuses to grow beyond max bytes */
void
vbuf_init(struct vbuf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
	b->err = 0;
}

/* vbuf_release - free the data; the buffer may be vbuf_init()ed again */
void
vbuf_release(struct vbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->err = 0;
}

/* vbuf_reset - forget the contents and the error, keep the memory */
void
vbuf_reset(struct vbuf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* vbuf_grow - make room for need more bytes; -1 past max */
static int
vbuf_grow(struct vbuf *b, size_t need)
{
	size_t	cap;

	if (b->err)
		return (-1);
	if (need > b->max || b->len > b->max - need) {
		b->err = 1;
		return (-1);
	}
	if (b->data != NULL && b->len + need <= b->cap)
		return (0);
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need)
		cap = cap > VBUF_NOMAX / 2 ? b->len + need : cap * 2;
	b->data = xreallocarray(b->data, cap + 1, 1);
	b->data[b->len] = '\0';	/* a new buffer is a string at once */
	b->cap = cap;
	return (0);
}

/* vbuf_cat - append n bytes */
int
vbuf_cat(struct vbuf *b, const void *p, size_t n)
{
	if (vbuf_grow(b, n) == -1)
		return (-1);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return (0);
}

/* vbuf_puts - append a NUL-terminated string */
int
vbuf_puts(struct vbuf *b, const char *s)
{
	return (vbuf_cat(b, s, strlen(s)));
}

/* vbuf_putc - append one byte */
int
vbuf_putc(struct vbuf *b, int c)
{
	char	ch = (char)c;

	return (vbuf_cat(b, &ch, 1));
}

/* vbuf_vprintf - append formatted text */
int
vbuf_vprintf(struct vbuf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || vbuf_grow(b, (size_t)n) == -1) {
		b->err = 1;
		return (-1);
	}
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return (0);
}

/* vbuf_printf - append formatted text */
int
vbuf_printf(struct vbuf *b, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	va_start(ap, fmt);
	r = vbuf_vprintf(b, fmt, ap);
	va_end(ap);
	return (r);
}

/* vbuf_truncate - shorten to len bytes (no-op if already shorter) */
void
vbuf_truncate(struct vbuf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

/* vbuf_take - move the data out; the caller frees it; b is left empty */
char *
vbuf_take(struct vbuf *b, size_t *lenp)
{
	char	*p;

	if (b->data == NULL)
		(void)vbuf_grow(b, 0);
	if (b->data == NULL)		/* max was 0 and err set */
		b->data = xstrdup("");
	p = b->data;
	if (lenp != NULL)
		*lenp = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return (p);
}

/* vbuf_str - the contents as a string; "" for an empty buffer */
const char *
vbuf_str(const struct vbuf *b)
{
	return (b->data != NULL ? b->data : "");
}
