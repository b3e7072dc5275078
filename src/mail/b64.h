/*
 * b64.h - base64 (RFC 4648) for encoded words and MIME bodies
 *
 * Owns: the encoding, nettle's (nettle/base64.h), and the one rule for a
 * base64 body's lines (RFC 2045 6.8: 76 characters at most; moot writes
 * 57 bytes a line, 76 characters, each line ended by CRLF).
 */
#ifndef B64_H
#define B64_H

#include <stddef.h>

struct vbuf;

/* B64_LEN - the characters n bytes become, without the NUL */
#define B64_LEN(n)	(((n) + 2) / 3 * 4)

/* b64_encode - n bytes of src as base64 into dst, which has room for
 * B64_LEN(n) + 1 characters; NUL-terminated; returns the length */
size_t	b64_encode(char *dst, const void *src, size_t n);

/* b64_lines - len bytes of data appended to out as base64 lines of 76
 * characters, each ended by CRLF */
void	b64_lines(struct vbuf *out, const void *data, size_t len);

#endif /* B64_H */
