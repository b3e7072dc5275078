/*
 * notice.h - mail that moot writes itself, from a template, to one person
 *
 * Owns: composing a notice (headers, RFC 2047 subject, UTF-8 body, an
 * optional message/rfc822 attachment or iCalendar part, no line over HDR_LINE_MAX octets:
 * a long text line makes the text quoted-printable, an original with a
 * long line goes as a base64 file) and queueing it in the outbox, in
 * the caller's transaction if one is open.  Every notice carries
 * Auto-Submitted, Precedence: bulk and X-Loop, and, about a list, its
 * List-Id (threat C1, C2).  No address field takes a template slot
 * (threat E1): From, To and the envelope come from moot's own data.
 */
#ifndef NOTICE_H
#define NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/vbuf.h"

struct ctx;
struct list;
struct tmpl_slot;

/* A file a notice carries (an agenda's paper). */
struct notice_file {
	const char	*name;		/* UTF-8; any bytes: it is encoded */
	const char	*type;		/* "application/pdf"; checked */
	const void	*data;
	size_t		 len;
};

struct notice {
	const char		*tmpl;		/* template name */
	const char		*to;		/* one address */
	const char		*lang;		/* the recipient's; may be NULL */
	const struct list	*list;		/* NULL: a site notice */
	enum listaddr_kind		 from_kind;	/* our address in From: */
	const char		*from_token;	/* with this token in From:
						 * and Reply-To:, or NULL */
	const char		*from_name;	/* display name; NULL: list */
	int64_t			 spool_id;	/* what it is about, or 0 */
	const struct tmpl_slot	*slots;
	size_t			 nslots;
	int			 reply;		/* auto-replied, not -generated */
	const char		*in_reply_to;	/* Message-ID without <> */
	const char		*attach;	/* a message to attach, or NULL */
	size_t			 attach_len;
	/* An iCalendar object (RFC 5545) the text goes with, or NULL:
	 * then the notice is multipart/alternative, the text and the
	 * text/calendar part with its iTIP method (RFC 6047), which
	 * calendar programs offer to add.  Not with attach. */
	const char		*calendar;
	size_t			 calendar_len;
	const char		*cal_method;	/* "REQUEST", "CANCEL" */
	/* Files after the text, each base64 in multipart/mixed (an
	 * agenda's papers), or NULL.  Not with attach or calendar. */
	const struct notice_file *files;
	size_t			 nfiles;
};

/* The addresses of a list, for the slots of a notice. */
struct list_addrs {
	struct vbuf	 post, request, owner, join, leave;
};

void	notice_list_addrs(const struct conf *, const char *list,
	    struct list_addrs *);
void	notice_list_addrs_release(struct list_addrs *);

/*
 * notice_phrase - append phrase key (tmpl.h) to out, in the language a
 * notice to a person speaking lang about l would have.  A phrase that
 * cannot be had is logged and left out: a notice still goes.
 */
void	notice_phrase(struct ctx *, const char *lang, const struct list *l,
	    const char *key, const struct tmpl_slot *, size_t nslots,
	    struct vbuf *out);

/* notice_phrase_line - notice_phrase(), its trailing newlines cut: a
 * phrase that goes on a line with more after it */
void	notice_phrase_line(struct ctx *, const char *lang,
	    const struct list *l, const char *key, const struct tmpl_slot *,
	    size_t nslots, struct vbuf *out);

/*
 * notice_reason - append a post's reason, as stored, the way a person
 * speaking lang reads it: one of policy's reasons as its phrase, with
 * its numbers; anything else (a moderator's own words) as written.
 */
void	notice_reason(struct ctx *, const char *lang, const struct list *l,
	    const char *reason, struct vbuf *out);

/*
 * notice_size - append n bytes as a person reading lang reads a size:
 * "512 bytes", "340 KB", "2.4 MB", "12 MB" (phrases bytes, size-kb,
 * size-mb and decimal-point), rounded up, so a size over a limit never
 * reads as the limit.
 */
void	notice_size(struct ctx *, const char *lang, const struct list *l,
	    int64_t n, struct vbuf *out);

/* notice_queue - compose and queue; 0, or -1 with the reason in err */
int	notice_queue(struct ctx *, const struct notice *, struct vbuf *err);

/*
 * notice_queue_mime - queue a message with n's header fields (tmpl is
 * only its purpose in the outbox; n->list is required) and subject,
 * whose MIME body the caller wrote in mime, from its Content-Type
 * field on (CRLF); 0, or -1 with the reason in err.  For what a
 * template cannot say alone: a digest (mootd/digest.c).
 */
int	notice_queue_mime(struct ctx *, const struct notice *,
	    const char *subject, const struct vbuf *mime, struct vbuf *err);

/* notice_text_part - text (UTF-8, LF) as a text/plain part with its
 * fields: 7bit, 8bit, or quoted-printable if a line is too long */
void	notice_text_part(const struct vbuf *text, struct vbuf *out);

/* notice_message_part - a message (CRLF) as a message/rfc822 part
 * with its fields, or as a base64 file if a line is too long for
 * SMTP (RFC 2046 allows message/rfc822 no encoding that shortens it) */
void	notice_message_part(const char *msg, size_t len, struct vbuf *out);

/* notice_calendar_part - an iCalendar object (len bytes) as a
 * text/calendar part with its iTIP method (RFC 6047), as an attachment
 * named filename unless that is NULL */
void	notice_calendar_part(const char *cal, size_t len, const char *method,
	    const char *filename, struct vbuf *out);

#endif /* NOTICE_H */
