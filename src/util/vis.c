/*
 * vis.c - escaping for people; see vis.h
 */
#include <stdio.h>
#include <string.h>

#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define VIS_ONE_MAX	10	/* the 9 bytes \u{202E}, and a NUL */

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

/* vis_bidi_len - see vis.h */
size_t
vis_bidi_len(const unsigned char *p)
{
	if (p[0] == 0xd8 && p[1] == 0x9c)		/* U+061C ALM */
		return (2);
	if (p[0] != 0xe2 || (p[1] != 0x80 && p[1] != 0x81))
		return (0);
	/* LRM RLM; LRE RLE PDF LRO RLO */
	if (p[1] == 0x80 && ((p[2] >= 0x8e && p[2] <= 0x8f) ||
	    (p[2] >= 0xaa && p[2] <= 0xae)))
		return (3);
	if (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)	/* LRI..PDI */
		return (3);
	return (0);
}

/* vis_bidi_one - the \u{XXXX} form of the bidi control at p, of n bytes */
static void
vis_bidi_one(const unsigned char *p, size_t n, char out[VIS_ONE_MAX])
{
	unsigned int	cp;

	cp = n == 2 ? ((p[0] & 0x1fU) << 6) | (p[1] & 0x3fU) :
	    ((p[0] & 0x0fU) << 12) | ((p[1] & 0x3fU) << 6) | (p[2] & 0x3fU);
	(void)snprintf(out, VIS_ONE_MAX, "\\u{%04X}", cp);
}

/*
 * vis_one - the escaped form of the character at p, in out (at most
 * VIS_ONE_MAX bytes with its NUL); returns how many input bytes it took.
 * The one rule vis_append() and vis_bounded() share.
 */
static size_t
vis_one(const unsigned char *p, char out[VIS_ONE_MAX])
{
	size_t	n;

	if (*p == '\\') {
		memcpy(out, "\\\\", 3);
		return (1);
	}
	if (*p >= 0x20 && *p < 0x7f) {
		out[0] = (char)*p;
		out[1] = '\0';
		return (1);
	}
	if ((n = vis_bidi_len(p)) > 0) {
		vis_bidi_one(p, n, out);
		return (n);
	}
	if (*p >= 0x80 && (n = vis_utf8_len(p)) > 0) {
		memcpy(out, p, n);
		out[n] = '\0';
		return (n);
	}
	if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		(void)snprintf(out, VIS_ONE_MAX, "\\x%02x\\x%02x", p[0], p[1]);
		return (2);
	}
	(void)snprintf(out, VIS_ONE_MAX, "\\x%02x", *p);
	return (1);
}

/* vis_append - see vis.h */
void
vis_append(struct vbuf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 one[VIS_ONE_MAX];

	if (s == NULL)
		return;
	while (*p != '\0') {
		p += vis_one(p, one);
		vbuf_puts(out, one);
	}
}

/* vis_bidi_append - see vis.h */
void
vis_bidi_append(struct vbuf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 one[VIS_ONE_MAX];
	size_t			 n;

	if (s == NULL)
		return;
	while (*p != '\0') {
		if ((n = vis_bidi_len(p)) > 0) {
			vis_bidi_one(p, n, one);
			vbuf_puts(out, one);
			p += n;
		} else
			vbuf_putc(out, *p++);
	}
}

/* vis_bounded - see vis.h */
size_t
vis_bounded(char *dst, size_t size, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 one[VIS_ONE_MAX];
	size_t			 len = 0, n, took;

	if (size == 0)
		return (0);
	while (*p != '\0') {
		took = vis_one(p, one);
		n = strlen(one);
		if (len + n >= size)	/* never half a character or escape */
			break;
		memcpy(dst + len, one, n);
		len += n;
		p += took;
	}
	dst[len] = '\0';
	return ((size_t)(p - (const unsigned char *)s));
}

/* vis_utf8_text - see vis.h */
int
vis_utf8_text(const char *p, size_t len)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 i = 0, n;

	while (i < len) {
		if (u[i] == '\0')
			return (0);
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* vis_utf8_len() stops at a NUL; the data may hold one
		 * past len only if the caller's buffer does. */
		if ((n = vis_utf8_len(u + i)) == 0 || n > len - i)
			return (0);
		i += n;
	}
	return (1);
}
