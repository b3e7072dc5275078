/*
 * rewrite.h - the copy of a post that goes to a list's members
 *
 * Owns: which inbound header fields are dropped (List-*, Approved and its
 * kin, Bcc, Return-Path, Precedence: threats B6, E4, F1), the list
 * headers moot adds (RFC 2369, RFC 2919, Precedence, X-Loop), the subject
 * prefix (added once), the footer as a MIME part of its own, so that
 * every original leaf stays byte for byte what it was (threat E4), and
 * header fields that came with raw 8-bit bytes written in ASCII (RFC
 * 2047 encoded words, threat E6) for a relay without SMTPUTF8, as are
 * those with a line over HDR_LINE_MAX octets (hdr_encode_remade()).
 * The From: of a post from a domain with a strict DMARC policy is
 * rewrite_from.h's.  The author's DKIM-Signature fields go when the
 * copy changes what they may cover (a footer, a prefix, the From:, a
 * field written again), and stay, and verify, when it does not.
 */
#ifndef REWRITE_H
#define REWRITE_H

#include <time.h>

struct conf;
struct list;
struct mail;
struct vbuf;

struct rewrite_in {
	const struct conf	*conf;
	const struct list	*list;
	const struct mail	*mail;		/* parsed, CRLF canonical */
	const char		*footer;	/* UTF-8, LF; NULL or "": none */
	const char		*msgid;		/* for a post without one */
	const char		*sender;	/* the envelope sender, for a
						 * post without a From */
	time_t			 date;		/* for a post without a Date */
	/* Non-NULL: List-Unsubscribe is each member's own, so leave it
	 * out and store here the offset where it belongs. */
	size_t			*unsubscribe_at;
	/* Non-zero: the copy goes From: the list, the author in Reply-To:
	 * or Cc: (rewrite_from.h; the caller asks rewrite_from_wanted()). */
	int			 from_list;
};

/* rewrite_post - the outgoing bytes (CRLF) into out; -1 with why */
int	rewrite_post(const struct rewrite_in *, struct vbuf *out,
	    struct vbuf *why);

/*
 * rewrite_footer - the list's footer, in the list's language, into foot
 * (the caller's, set up with tmpl_out_init()); -1 with why in err
 */
struct tmpl_out;
int	rewrite_footer(const struct conf *, const struct list *,
	    struct tmpl_out *foot, struct vbuf *err);

#endif /* REWRITE_H */
