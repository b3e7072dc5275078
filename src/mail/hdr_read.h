/*
 * hdr_read.h - reading a message's header section
 *
 * Owns: splitting the header section into fields within the limits
 * (threat D2), what RFC 5322 section 4 and RFC 6532 ask a receiver to
 * accept there (white space before the colon, a leading mbox "From "
 * line, raw UTF-8), and the one reading of raw 8-bit header bytes as
 * text: valid UTF-8 is UTF-8; any other byte is taken for ISO-8859-1,
 * the charset that such headers were most often written in before RFC
 * 6532.  The public half (hdr_is, hdr_unfold, mail_field ...) is
 * declared in mail.h; this header is for mail.c and hdr_encode.c.
 */
#ifndef HDR_READ_H
#define HDR_READ_H

#include <stddef.h>

struct limits;
struct mail;
struct vbuf;

/* hdr_read_mbox_line - length of a leading mbox "From " line in buf
 * (Postfix pipe(8) with the F flag writes one), with its CRLF; or 0 */
size_t	hdr_read_mbox_line(const char *buf, size_t len);

/* hdr_read_split - fill m's field table from m->buf; -1 with a reason */
int	hdr_read_split(struct mail *, const struct limits *, struct vbuf *why);

/* hdr_read_utf8 - s (NUL-terminated) into out as valid UTF-8: valid
 * sequences as they are, every other byte read as ISO-8859-1 */
int	hdr_read_utf8(struct vbuf *out, const char *s);

#endif /* HDR_READ_H */
