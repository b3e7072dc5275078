/*
 * mail.h - a message as moot reads it
 *
 * Owns: the checks every message passes before moot acts on it (threat
 * D1, D2: limits on header size, MIME nesting and parts; no NUL bytes; a
 * header section of fields), and the few facts moot needs from it
 * (sender, subject, Message-ID, loop and automation markers, the
 * top-level MIME type).  What RFC 5322 section 4, RFC 6532 and RFC 2046
 * tell a receiver to accept is accepted: a leading mbox "From " line is
 * skipped, raw 8-bit header bytes are text (hdr_read.h), a multipart
 * without a boundary parameter or a closing delimiter is read as far as
 * it goes.  MIME parsing and header decoding are libetpan's; this module
 * bounds and interprets them.
 *
 * A struct mail borrows its bytes: they must be in canonical CRLF form
 * (mail_canon()) and outlive it.  The field table points into them, and
 * buf is the message proper, after any mbox "From " line.
 */
#ifndef MAIL_H
#define MAIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The bounds on what mail may be, owned here and filled in from the
 * [limits] section of moot.conf by global/conf.c.
 */
struct limits {
	int64_t	 message_bytes;		/* default size limit of a post */
	int64_t	 mime_depth;		/* nesting of multiparts */
	int64_t	 mime_parts;		/* parts in one message */
	int64_t	 header_bytes;		/* one header field, folded */
	int64_t	 header_section_bytes;	/* all header fields */
	int64_t	 text_bytes;		/* decoded text we read */
	int64_t	 received_max;		/* Received: fields before "loop" */
};

struct vbuf;

struct hdr_field {
	const char	*name;		/* borrowed; not NUL-terminated */
	size_t		 name_len;
	const char	*value;		/* after the colon, to the final CRLF */
	size_t		 value_len;
	size_t		 off;		/* of the field in the message */
	size_t		 len;		/* of the field, with its final CRLF */
};

/* A byte range of the message. */
struct span {
	size_t		 off, len;
};

struct mail {
	const char	*buf;		/* borrowed; CRLF canonical */
	size_t		 len;
	size_t		 body_off;	/* first byte after the blank line */
	size_t		 hdr_end;	/* end of the last field */
	struct hdr_field *fields;	/* owned array */
	size_t		 nfields;

	char		*from_addr;	/* owned; canonical; NULL if none */
	char		*from_name;	/* owned; its display name, in
					 * UTF-8; NULL if none */
	char		*subject;	/* owned; decoded to UTF-8; NULL */
	char		*msgid;		/* owned; without <>; NULL if none */
	int		 auto_submitted; /* RFC 3834: present and not "no" */
	int		 bulk;		/* Precedence: bulk or junk */
	int		 autoreply;	/* X-Autoreply or X-Autorespond */
	int		 via_list;	/* Precedence: list, or a List-Id */
	int		 received;	/* number of Received: fields */
	int		 recipients;	/* addresses in To: and Cc: */
	int		 eightbit;	/* a byte >= 0x80 somewhere */

	int		 multipart;	/* the top level is multipart/...
					 * with a boundary parameter */
	char		*subtype;	/* owned; top-level subtype, lower */
	char		*boundary;	/* owned; top-level boundary */
	int		 mime_depth, mime_parts;
	/* What claims an approval (threat B6) below the top-level header,
	 * in order: fields in MIME parts' and attached messages' headers,
	 * and an "Approved:" line opening a plain text part.  The members'
	 * copy leaves them out. */
	struct span	*approvals;	/* owned */
	size_t		 napprovals;
};

/* mail_canon - in as CRLF text: a bare CR or LF becomes CRLF (threat E3) */
int	mail_canon(struct vbuf *out, const char *in, size_t len);
int	mail_canon_append(struct vbuf *out, const char *in, size_t len);

/*
 * mail_parse - check and read buf.  0, or -1 with a short reason in why
 * that names what is wrong ("header field longer than 65536 bytes").
 * mail_free() in either case.
 */
int	mail_parse(struct mail *, const char *buf, size_t len,
	    const struct limits *, struct vbuf *why);
void	mail_free(struct mail *);

/* mail_field - the nth (0-based) field named name, or NULL */
const struct hdr_field *mail_field(const struct mail *, const char *name,
	    size_t nth);

/* hdr_is - the field's name is name (case-insensitive) */
int	hdr_is(const struct hdr_field *, const char *name);

/* hdr_name_is_approval - Approved, Approve, X-Approved or X-Approve */
int	hdr_name_is_approval(const char *name, size_t len);

/* hdr_has_8bit - the field holds a byte above 0x7f (RFC 6532) */
int	hdr_has_8bit(const struct hdr_field *);

/* hdr_unfold - the value without folding CRLFs, trimmed, into out */
int	hdr_unfold(const struct hdr_field *, struct vbuf *out);

/*
 * What wrote a message, by RFC 3834 and the marks that common
 * autoresponders and MTAs leave: the one rule for "automated mail"
 * (threat C2).  Held rather than distributed, never answered.
 */
enum mail_auto {
	MAIL_BY_PERSON,		/* none of the marks below */
	MAIL_NULL_SENDER,	/* the envelope sender is <> */
	MAIL_AUTO_SUBMITTED,	/* Auto-Submitted, not "no" */
	MAIL_PRECEDENCE,	/* Precedence: bulk or junk */
	MAIL_AUTORESPONDER,	/* X-Autoreply, X-Autorespond */
	MAIL_DAEMON,		/* From: mailer-daemon@ or postmaster@ */
};

/* mail_automated - what wrote m; env_from NULL if not known, "" for <> */
enum mail_auto mail_automated(const struct mail *, const char *env_from);

/* mail_automated_why - a few words for a log or a held post's reason */
const char *mail_automated_why(enum mail_auto);

/*
 * mail_via_list - m was relayed by a mailing list (Precedence: list, a
 * List-Id).  Still a person's post (threat C1: distributed), but moot
 * never answers it by mail (RFC 2369, RFC 3834 section 2).
 */
int	mail_via_list(const struct mail *);

/* mail_decode_phrase - RFC 2047 words and raw 8-bit text (read as
 * hdr_read.h says) in an unfolded value to UTF-8 */
int	mail_decode_phrase(const char *value, struct vbuf *out);

#endif /* MAIL_H */
