/*
 * bounce.h - what a message to a bounce address says
 *
 * Owns: reading a message that came back (RFC 3464 delivery status
 * notifications, through libetpan's MIME tree, and the common notices
 * that are not DSNs: Exim, qmail, Exchange/Office 365, Gmail, Yahoo,
 * Postfix and sendmail in their older forms) into a class, the failed
 * recipients it names and their status codes, and what it quotes of the
 * message that failed (its Message-ID, and one field the caller names),
 * so that a bounce can be matched to a copy by its content (threat B8).
 * Also recognised, so that nothing scores them: out-of-office replies,
 * challenge-responses and spam filters' notices.
 *
 * The rule (issue 15): a report that the mail could not be delivered and
 * will not be retried is hard, whatever its form: a 5xx or 5.x.x status,
 * a DSN "Action: failed" even with a 4.x.x status, or a notice with no
 * code at all; a DSN "Action: delayed" or a delay warning is soft.
 * Deciding what a bounce does (scores, disabling) is not here: a status
 * of class x.7.x (policy: spam, DMARC) is flagged so that the caller can
 * leave it unscored, as threat B8 asks.  Knows nothing of lists; never
 * logs.  Bounded: at most BOUNCE_RCPT_MAX recipients, DSN_GROUPS_MAX
 * recipient groups, the text within [limits] text_bytes.
 */
#ifndef BOUNCE_H
#define BOUNCE_H

#include <stddef.h>

struct limits;
struct mail;

enum bounce_class {
	BOUNCE_NOT,		/* a person's message, or a success report */
	BOUNCE_HARD,		/* not delivered, not retried */
	BOUNCE_SOFT,		/* delayed: still being retried */
	BOUNCE_AUTOREPLY,	/* out of office, vacation (RFC 3834) */
	BOUNCE_CHALLENGE,	/* "confirm you are a person" (TMDA, ...) */
	BOUNCE_SPAMFILTER,	/* a filter's notice or a complaint report */
	BOUNCE_UNKNOWN,		/* from a mailer daemon, but not understood */
};

#define BOUNCE_RCPT_MAX		16	/* recipients kept; the rest dropped */
#define BOUNCE_STATUS_MAX	16	/* "5.1.1", "550", with its NUL */

struct bounce_rcpt {
	char			*addr;	/* owned; as the report shows it */
	char			 status[BOUNCE_STATUS_MAX]; /* "" if none */
	enum bounce_class	 cls;	/* BOUNCE_HARD or BOUNCE_SOFT */
};

struct bounce {
	enum bounce_class	 cls;
	const char		*form;	/* static: "rfc3464", "exim", ... or "" */
	struct bounce_rcpt	 rcpt[BOUNCE_RCPT_MAX];
	size_t			 nrcpt;
	char			 status[BOUNCE_STATUS_MAX]; /* the report's:
					 * its first hard recipient's, else
					 * the first one's; "" if none */
	int			 policy; /* status x.7.x: refused for what
					 * the mail was, not for the address */
	char			*orig_msgid; /* owned; quoted Message-ID
					 * without <>; NULL if none */
	char			*orig_field; /* owned; the value of the
					 * caller's field in the quoted copy */
};

/*
 * bounce_read - classify m (parsed by mail_parse()).  field names a
 * header field to find in the quoted copy (moot's own mark), or NULL.
 * 0, or -1 if the message cannot be read at all (then b->cls is
 * BOUNCE_UNKNOWN).  bounce_release() b in either case.
 */
int	bounce_read(const struct mail *m, const struct limits *lim,
	    const char *field, struct bounce *b);
void	bounce_release(struct bounce *b);

/* bounce_class_name - "hard", "soft", "autoreply", ... */
const char *bounce_class_name(enum bounce_class);

#endif /* BOUNCE_H */
