/*
 * hdrout.h - writing header fields that moot composes
 *
 * Owns: RFC 2047 encoding of non-ASCII text, folding to 78 columns, and
 * the rule that a value with CR or LF in it is never written (threat E1:
 * a decoded subject must not become a Bcc: line).  Values come in as
 * UTF-8; controls are stripped by hdrout_clean() before they get here.
 */
#ifndef HDROUT_H
#define HDROUT_H

#include <stddef.h>

struct vbuf;

/* hdrout_clean - copy s to out without C0/C1 controls and DEL (a tab or
 * newline becomes a space); for text from mail that goes into a header */
void	hdrout_clean(struct vbuf *out, const char *s);

/* hdrout_text - unstructured text (Subject) as ASCII or encoded words */
int	hdrout_text(struct vbuf *out, const char *utf8);

/* hdrout_phrase - a display name: atom(s), a quoted string or words */
int	hdrout_phrase(struct vbuf *out, const char *utf8);

/*
 * hdrout_field - append "Name: value\r\n", folded at spaces to 78
 * columns.  -1 (nothing written) if value holds CR, LF or NUL.
 */
int	hdrout_field(struct vbuf *out, const char *name, const char *value);

/* hdrout_mailbox - "phrase <addr>" (or just addr) as a field value */
int	hdrout_mailbox(struct vbuf *out, const char *display_utf8,
	    const char *addr);

#endif /* HDROUT_H */
