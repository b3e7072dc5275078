/*
 * gate.h - what moot decides while the SMTP client is still connected
 *
 * Owns: the RCPT-time rules (an unknown list address is refused with
 * 550 5.1.1; a post from a non-member to a members-only list that
 * refuses non-members (nonmember = reject), or to a list that has ended,
 * with 550 5.7.1; a declared SIZE above the list's
 * limit with 552 5.3.4; database trouble with 451 4.3.0) and the reply
 * texts.  Knows no libmilter: moot-milter.c translates (style P1), and
 * the rules are tested without an MTA.
 */
#ifndef GATE_H
#define GATE_H

#include <stdint.h>

#include "addr.h"

struct conf;
struct db;

enum gate_action {
	GATE_OURS,		/* a list address: take it; the list's facts set */
	GATE_FOREIGN,		/* not in the list domain: leave it alone */
	GATE_REJECT,		/* 5xx */
	GATE_TEMPFAIL,		/* 4xx */
};

struct gate_reply {
	enum gate_action action;
	char		 code[4];	/* "550" */
	char		 dsn[8];	/* "5.1.1" */
	char		 text[300];	/* for the person who sent it */
};

struct gate_rcpt {
	char		 canon[ADDR_MAX + 1];	/* lower case, no <> */
	struct route	 route;
	int64_t		 list_id;
	int64_t		 max_bytes;	/* the list's limit, resolved */
};

/*
 * gate_rcpt - decide on one recipient.  sender is the envelope sender in
 * canonical form ("" for <>); size is the MAIL FROM SIZE= value or 0.
 */
void	gate_rcpt(struct db *, const struct conf *, const char *sender,
	    int64_t size, const char *rcpt, struct gate_rcpt *,
	    struct gate_reply *);

/* gate_set - fill a reply (for the milter's own 4xx and 5xx) */
void	gate_set(struct gate_reply *, enum gate_action, const char *code,
	    const char *dsn, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

#endif /* GATE_H */
