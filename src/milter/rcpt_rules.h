/*
 * rcpt_rules.h - what moot decides while the SMTP client is still connected
 *
 * Owns: the RCPT-time rules (an unknown list address is refused with
 * 550 5.1.1; a post from a non-member to a members-only list that
 * refuses non-members (nonmember = reject), or to a list that has ended,
 * with 550 5.7.1; a declared SIZE above the list's
 * limit with 552 5.3.4; database trouble with 451 4.3.0) and the reply
 * texts.  Knows no libmilter: moot-milter.c translates (style P1), and
 * the rules are tested without an MTA.
 */
#ifndef RCPT_RULES_H
#define RCPT_RULES_H

#include <stdint.h>

#include "mail/addr.h"
#include "global/listaddr.h"

struct conf;
struct db;

enum rcpt_action {
	RCPT_OURS,		/* a list address: take it; the list's facts set */
	RCPT_FOREIGN,		/* not in the list domain: leave it alone */
	RCPT_REJECT,		/* 5xx */
	RCPT_TEMPFAIL,		/* 4xx */
};

struct rcpt_reply {
	enum rcpt_action action;
	char		 code[4];	/* "550" */
	char		 dsn[8];	/* "5.1.1" */
	char		 text[300];	/* for the person who sent it */
};

struct rcpt_check {
	char		 canon[ADDR_MAX + 1];	/* lower case, no <> */
	struct listaddr	 route;
	int64_t		 list_id;
	int64_t		 max_bytes;	/* the list's limit, resolved */
};

/*
 * rcpt_check - decide on one recipient.  sender is the envelope sender in
 * canonical form ("" for <>); size is the MAIL FROM SIZE= value or 0.
 */
void	rcpt_check(struct db *, const struct conf *, const char *sender,
	    int64_t size, const char *rcpt, struct rcpt_check *,
	    struct rcpt_reply *);

/* rcpt_set - fill a reply (for the milter's own 4xx and 5xx) */
void	rcpt_set(struct rcpt_reply *, enum rcpt_action, const char *code,
	    const char *dsn, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

#endif /* RCPT_RULES_H */
