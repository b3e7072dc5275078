/*
 * vis.c - escaping for people; see vis.h
 */
#include <string.h>

#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* vis_utf8_len - see vis.h */
size_t
vis_utf8_len(const unsigned char *p)
{
	size_t	n, i;
	unsigned int cp;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
	} else
		return (0);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	if (cp >= 0x80 && cp <= 0x9f)	/* C1 controls */
		return (0);
	return (n);
}

/* vis_append - see vis.h */
void
vis_append(struct vbuf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL)
		return;
	while (*p != '\0') {
		if (*p == '\\') {
			vbuf_puts(out, "\\\\");
			p++;
		} else if (*p >= 0x20 && *p < 0x7f) {
			vbuf_putc(out, *p++);
		} else if (*p >= 0x80 && (n = vis_utf8_len(p)) > 0) {
			vbuf_cat(out, p, n);
			p += n;
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			vbuf_printf(out, "\\x%02x\\x%02x", p[0], p[1]);
			p += 2;
		} else {
			vbuf_printf(out, "\\x%02x", *p);
			p++;
		}
	}
}
