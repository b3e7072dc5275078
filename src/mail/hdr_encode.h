/*
 * hdr_encode.h - writing header fields that moot composes
 *
 * Owns: RFC 2047 encoding of non-ASCII text, folding to 78 columns, and
 * the rule that a value with CR or LF in it is never written (threat E1:
 * a decoded subject must not become a Bcc: line).  Values come in as
 * UTF-8; controls are stripped by hdr_encode_clean() before they get here.
 */
#ifndef HDR_ENCODE_H
#define HDR_ENCODE_H

#include <stddef.h>

struct vbuf;

/* hdr_encode_clean - copy s to out without C0/C1 controls and DEL (a tab or
 * newline becomes a space); for text from mail that goes into a header */
void	hdr_encode_clean(struct vbuf *out, const char *s);

/* hdr_encode_text - unstructured text (Subject) as ASCII or encoded words */
int	hdr_encode_text(struct vbuf *out, const char *utf8);

/* hdr_encode_phrase - a display name: atom(s), a quoted string or words */
int	hdr_encode_phrase(struct vbuf *out, const char *utf8);

/*
 * hdr_encode_field - append "Name: value\r\n", folded at spaces to 78
 * columns.  -1 (nothing written) if value holds CR, LF or NUL.
 */
int	hdr_encode_field(struct vbuf *out, const char *name, const char *value);

/* hdr_encode_mailbox - "phrase <addr>" (or just addr) as a field value */
int	hdr_encode_mailbox(struct vbuf *out, const char *display_utf8,
	    const char *addr);

#endif /* HDR_ENCODE_H */
