/*
 * bounce_int.h - what the parts of the bounce reader share; callers read
 * bounce.h.  bounce.c orders the readers and keeps the result;
 * bounce_dsn.c reads the MIME side (RFC 3464 reports, quoted copies);
 * bounce_forms.c reads the text of the notices that are not DSNs.
 */
#ifndef BOUNCE_INT_H
#define BOUNCE_INT_H

#include <stddef.h>

#include "mail/bounce.h"

struct limits;
struct mail;

#define BOUNCE_FIELD_MAX	998	/* a quoted field's value we keep */

/* bounce_add_rcpt - add addr (len bytes, <> and white space around it
 * dropped) with its status and class, once; past BOUNCE_RCPT_MAX, or
 * not an address, nothing */
void	bounce_add_rcpt(struct bounce *, const char *addr, size_t len,
	    const char *status, enum bounce_class);

/* bounce_status_scan - the first status code in s: an enhanced one
 * (RFC 3463, "5.1.1") if any, else an SMTP reply code ("550"); into out,
 * 1 if found, 0 if not (out is "") */
int	bounce_status_scan(const char *s, size_t len,
	    char out[BOUNCE_STATUS_MAX]);

/* bounce_quoted_fields - header lines of a quoted copy in p: the first
 * Message-ID and the first field named field (NULL: none) are kept in b
 * unless b has them already */
void	bounce_quoted_fields(const char *p, size_t len, const char *field,
	    struct bounce *);

/* bounce_dsn_read - the MIME side of m: a delivery-status part read
 * into b's recipients (b->form "rfc3464"), a feedback report noted
 * (b->form "arf"), quoted copies' fields kept.  1 if m holds a report,
 * 0 if not, -1 if its MIME cannot be read. */
int	bounce_dsn_read(const struct mail *, const struct limits *,
	    const char *field, struct bounce *);

/* bounce_forms_read - the text of a notice that is not a DSN: its class
 * by the table of forms (and of auto-replies, challenges and filters'
 * notices), its recipients and status.  1 if a row matched. */
int	bounce_forms_read(const struct mail *, const char *text, size_t len,
	    const char *field, struct bounce *);

#endif /* BOUNCE_INT_H */
