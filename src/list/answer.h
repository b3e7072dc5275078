/*
 * answer.h - what the modules that answer membership mail share
 *
 * Owns: the end of a message that moot answered rather than distributed
 * (its spool row done, the reason logged), the list it is for, the rule
 * that automated mail is never answered (threat C2), one notice to one
 * person and the short ones about a request, the daily caps on what one
 * mailbox is sent ([membership] replies_per_day, D3, and
 * confirmations_per_day and confirmations_per_domain, B7; the answers
 * to moderators' unclear replies, D3) and on the
 * confirmations one mailbox may ask for others, and a join with its welcome, whoever
 * decided it (the person's confirmation or an owner's approval).
 * Used by commands_by_mail, confirm, join_approval and leave; calls
 * none of them.  Functions that change the database work in the
 * caller's transaction; a notice that cannot be queued is logged here.
 */
#ifndef ANSWER_H
#define ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "global/listaddr.h"

struct ctx;
struct list;
struct mail;
struct request;
struct spool_item;
struct tmpl_slot;
struct vbuf;

/* answer_finish - s is done with, for the reason why (logged) */
void	answer_finish(struct ctx *, const struct spool_item *s,
	    const char *why);

/*
 * answer_list_load - the list s came to, new in *l (list_free() it); -1
 * if there is none: s is done with (the list no longer exists) or stays
 * spooled (database trouble)
 */
int	answer_list_load(struct ctx *, const struct spool_item *s,
	    struct list **l);

/*
 * answer_automated - 1 if m is mail moot must not answer, written by a
 * program (threat C2) or relayed by a mailing list; s is then done with
 */
int	answer_automated(struct ctx *, const struct spool_item *s,
	    const struct mail *m);

/*
 * answer_send - queue template tmpl to one person about l, From our
 * address of kind from (with token, or NULL), as an automatic reply to
 * in_reply_to if not NULL; 0, or -1 (logged)
 */
int	answer_send(struct ctx *, const struct list *l, const char *tmpl,
	    const char *to, const char *lang, enum listaddr_kind from,
	    const char *token, const struct tmpl_slot *, size_t nslots,
	    const char *in_reply_to);

/*
 * answer_tell - a short notice tmpl about l to addr: the slots list,
 * address, the list's request, join and owner addresses and, unless
 * extra_name is NULL, extra_name (a template takes the ones it has); 0
 * or -1 (logged)
 */
int	answer_tell(struct ctx *, const struct list *l, const char *tmpl,
	    const char *addr, const char *lang, const char *extra_name,
	    const char *extra);

/* answer_request_lang - the language to tell r's person in: theirs on
 * l, else the one r gives, else NULL; the caller frees it */
char	*answer_request_lang(struct ctx *, const struct list *l,
	    const struct request *r);

/*
 * answer_join - r's person becomes a member of l, with r's mode and
 * language, and is welcomed in lang; 0 (also if a member already: then
 * nothing is sent), or -1 on trouble
 */
int	answer_join(struct ctx *, const struct list *l, const struct request *r,
	    const char *lang);

/* answer_mode_phrase - the words for delivery mode (NULL: mail), in lang */
void	answer_mode_phrase(struct ctx *, const char *lang, const struct list *,
	    const char *mode, struct vbuf *out);

/* answer_date - the date of t in the site's zone, YYYY-MM-DD */
void	answer_date(int64_t t, char *buf, size_t size);

/*
 * What one mailbox may be sent in a day.  A mailbox is an address with
 * its sub-addresses (name+x@ and name<delimiter>x@ reach name@), so the
 * caps count them together.
 */
enum answer_cap {
	ANSWER_REPLIES,		/* answers to its commands, confirmations:
				 * replies_per_day (D3) */
	ANSWER_CONFIRMATIONS,	/* confirmations asked, on any list:
				 * confirmations_per_day to one mailbox,
				 * confirmations_per_domain to one domain,
				 * and confirmations_per_day for others
				 * asked by one mailbox (B7) */
	ANSWER_UNCLEAR,		/* answers to moderators' replies that
				 * decided nothing (unclear.h):
				 * replies_per_day (D3) */
};

/* What answer_capped() found. */
#define ANSWER_CAPPED		1	/* addr has had its day's cap */
#define ANSWER_CAPPED_ASKER	2	/* asked_by asked for enough others */

/*
 * answer_capped - ANSWER_CAPPED if addr has had its day's cap, or
 * ANSWER_CAPPED_ASKER if asked_by (NULL: nobody else) has asked for
 * others as often as one may (logged); 0 if neither; -1 on database
 * trouble
 */
int	answer_capped(struct ctx *, enum answer_cap, const char *addr,
	    const char *asked_by);

#endif /* ANSWER_H */
