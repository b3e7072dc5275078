/*
 * b64.c - base64 for encoded words and MIME bodies; see b64.h
 */
#include <stdint.h>

#include <nettle/base64.h>

#include "mail/b64.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define LINE_BYTES	57	/* one line of 76 base64 characters */

/* b64_encode - see b64.h */
size_t
b64_encode(char *dst, const void *src, size_t n)
{
	base64_encode_raw(dst, n, src);
	dst[B64_LEN(n)] = '\0';
	return (B64_LEN(n));
}

/* b64_lines - see b64.h */
void
b64_lines(struct vbuf *out, const void *data, size_t len)
{
	const unsigned char	*p = data;
	char			 line[B64_LEN(LINE_BYTES) + 1];
	size_t			 off, chunk;

	for (off = 0; off < len && !vbuf_err(out); off += chunk) {
		chunk = len - off < LINE_BYTES ? len - off : LINE_BYTES;
		(void)b64_encode(line, p + off, chunk);
		vbuf_puts(out, line);
		vbuf_puts(out, "\r\n");
	}
}
