/*
 * confirm.h - the double opt-in: asking a person to confirm a request,
 * and what their confirmation does
 *
 * Owns: opening a request (db_request.h: at most one open per person,
 * list and action) and asking its person to confirm it from
 * LIST-confirm+TOKEN, the token bound to list, person and request,
 * single use and expiring after [membership] confirm_ttl, within the
 * daily caps of answer_capped() (to one mailbox, to one domain, and
 * for others asked by one mailbox: threat B7); and the
 * confirmation: whoever can reply from the mailbox the token went to
 * may confirm, whatever the From (B7).  A confirmed join then waits for
 * the owners where the list approves joins (join_approval.h), or is
 * refused where the list has ended, requires another or has closed to
 * joins by mail; otherwise it
 * takes effect, as do a leave and a change of settings, each told to
 * the person.  Everything but confirm_reply() works in the caller's
 * transaction.
 */
#ifndef CONFIRM_H
#define CONFIRM_H

#include <stddef.h>

#include "db/db_request.h"

struct ctx;
struct list;
struct mail;
struct spool_item;

/* What became of a request for a confirmation. */
enum confirm_asked {
	CONFIRM_ASKED,		/* a confirmation went to the person */
	CONFIRM_DONE,		/* done at once, and the person told: a
				 * join of one's own to an open list */
	CONFIRM_PENDING,	/* one was waiting already: nothing sent */
	CONFIRM_TOO_MANY,	/* the person has had enough today */
	CONFIRM_ASKER_TOO_MANY,	/* the asker has asked for enough others
				 * today */
	CONFIRM_ERROR,		/* database trouble: roll back */
};

/*
 * confirm_ask - open a request asked_by asks for: action for target on
 * l, with mode and language (NULL: none), and ask target to confirm it;
 * on a list open to joins, a join asked by target itself is carried out
 * at once, without a confirmation (CONFIRM_DONE).  Closed lists are the
 * caller's to refuse before asking.
 */
enum confirm_asked confirm_ask(struct ctx *, const struct list *l,
	    const char *asked_by, enum request_action, const char *target,
	    const char *mode, const char *language);

/*
 * confirm_token - a confirmation by token tok on l: 1 if it worked (then
 * who, unless NULL, gets the address it was for), 0 if the token does
 * not (logged), -1 on database trouble
 */
int	confirm_token(struct ctx *, const struct list *l, const char *tok,
	    char *who, size_t size);

/* confirm_reply - a message to LIST-confirm+TOKEN; s ends done, or
 * stays spooled on database trouble */
void	confirm_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* CONFIRM_H */
