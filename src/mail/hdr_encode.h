/*
 * hdr_encode.h - writing header fields that moot composes
 *
 * Owns: RFC 2047 encoding of non-ASCII text, folding to 78 columns, and
 * the rule that a value with CR or LF in it is never written (threat E1:
 * a decoded subject must not become a Bcc: line), and writing in ASCII a
 * field that came with raw 8-bit bytes (threat E6), and the rule that
 * no line moot writes is longer than HDR_LINE_MAX octets (RFC 5322
 * section 2.1.1; strict relays refuse longer ones).  Values come in as
 * UTF-8; controls are stripped by hdr_encode_clean() before they get here.
 */
#ifndef HDR_ENCODE_H
#define HDR_ENCODE_H

#include <stddef.h>

struct vbuf;

/* The longest line RFC 5322 allows, in octets, its CRLF not counted. */
#define HDR_LINE_MAX	998

/* hdr_encode_longest - octets in the longest line of p[0..len), its CR
 * and LF not counted */
size_t	hdr_encode_longest(const char *p, size_t len);

/* hdr_encode_clean - copy s to out without C0/C1 controls and DEL (a tab or
 * newline becomes a space); for text from mail that goes into a header */
void	hdr_encode_clean(struct vbuf *out, const char *s);

/* hdr_encode_clean_text - the same for text that goes in a body, as a
 * meeting's notes or an agenda item in a notice: tabs and LF kept, CR
 * and every other control gone */
void	hdr_encode_clean_text(struct vbuf *out, const char *s);

/* hdr_encode_shown - hdr_encode_clean(), and the bidi controls made
 * visible (util/vis.h): for text from mail in a header that moot writes
 * for a person to read, a notice's Subject, where an override would
 * turn the rest of the line around (threat F3).  Not for a post's own
 * fields, which go out as the poster wrote them. */
void	hdr_encode_shown(struct vbuf *out, const char *s);

/* hdr_encode_text - unstructured text (Subject) as ASCII or encoded words;
 * encoded words also when a word is too long to fold onto a line of its
 * own, so that a 60,000-character word still folds (the spaces between
 * encoded words are not displayed, RFC 2047 section 6.2) */
int	hdr_encode_text(struct vbuf *out, const char *utf8);

/* hdr_encode_phrase - a display name: atom(s), a quoted string or words */
int	hdr_encode_phrase(struct vbuf *out, const char *utf8);

/*
 * hdr_encode_field - append "Name: value\r\n", folded at spaces to 78
 * columns.  -1 (nothing written) if value holds CR, LF or NUL, or a
 * word too long for a line of HDR_LINE_MAX octets.
 */
int	hdr_encode_field(struct vbuf *out, const char *name, const char *value);

/* hdr_encode_mailbox - "phrase <addr>" (or just addr) as a field value */
int	hdr_encode_mailbox(struct vbuf *out, const char *display_utf8,
	    const char *addr);

/*
 * hdr_encode_8bit - append field f, which holds raw 8-bit bytes (RFC
 * 6532), in ASCII for a relay without SMTPUTF8: the same text once
 * decoded (invalid UTF-8 read as hdr_read.h says).  -1, nothing
 * appended and a static reason in *why, for a MIME field (the body's
 * own, left as it is) and for an address that is not ASCII or cannot be
 * read, which no encoding can carry.
 */
struct hdr_field;
struct mail;
int	hdr_encode_8bit(struct vbuf *out, const struct hdr_field *f,
	    const char **why);

/* hdr_encode_remade - 1 if f is not sent as it came but written again
 * with hdr_encode_8bit(): it has raw 8-bit bytes, or a line longer than
 * HDR_LINE_MAX octets */
int	hdr_encode_remade(const struct hdr_field *f);

/*
 * hdr_encode_unsendable - why m cannot be sent as it is, or NULL: a
 * field other than a MIME field that hdr_encode_remade() and
 * hdr_encode_8bit() cannot write in ASCII or within HDR_LINE_MAX, a
 * MIME field or a body line longer than HDR_LINE_MAX octets.  The
 * reason is a static string.
 */
const char *hdr_encode_unsendable(const struct mail *m);

#endif /* HDR_ENCODE_H */
