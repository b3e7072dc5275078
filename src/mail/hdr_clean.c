/*
 * hdr_clean.c - text without controls, for a header or a body; see
 * hdr_encode.h
 *
 * Apart from hdr_encode.c, which parses addresses with libetpan, so that
 * a program that only cleans text (moot inject, through listaddr) does
 * not load libetpan and the libraries it brings.
 */
#include "mail/hdr_encode.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* strip - s without controls into out: a header's one line (lines 0:
 * tabs and line ends become spaces), or a body's text (lines 1: tabs
 * and LF kept, CR dropped) */
static void
strip(struct vbuf *out, const char *s, int lines)
{
	const unsigned char	*p = (const unsigned char *)s;

	vbuf_reset(out);
	for (; *p != '\0'; p++) {
		if (lines && (*p == '\t' || *p == '\n')) {
			vbuf_putc(out, *p);
			continue;
		}
		if (!lines && (*p == '\t' || *p == '\n' || *p == '\r')) {
			vbuf_putc(out, ' ');
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		/* C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8. */
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p++;
			continue;
		}
		vbuf_putc(out, *p);
	}
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
}

/* hdr_encode_clean - see hdr_encode.h */
void
hdr_encode_clean(struct vbuf *out, const char *s)
{
	strip(out, s, 0);
}

/* hdr_encode_clean_text - see hdr_encode.h */
void
hdr_encode_clean_text(struct vbuf *out, const char *s)
{
	strip(out, s, 1);
}
