/*
 * bymail.h - membership by mail: commands, confirmations, approvals
 *
 * Owns: what moot does with mail to LIST-request (the commands of
 * command.h), LIST-join and LIST-leave (subscribe and unsubscribe),
 * LIST-leave+TOKEN (the List-Unsubscribe address: leave at once),
 * LIST-confirm+TOKEN (a confirmation: the capability is the token,
 * whatever the From, threat B7) and an owner's reply about a join (a
 * "join" token at LIST-moderate+TOKEN); the double opt-in (requests in
 * db_request.h, tokens bound to list, person and request, single use,
 * expiring); and the protections: nothing is answered to automated mail
 * or to moot's own addresses, replies go only to the address acted on
 * and never reveal whether someone else is a member (F2), at most
 * [membership] replies_per_day answers and confirmations_per_day
 * confirmation requests to one address a day (D3, B7).
 */
#ifndef BYMAIL_H
#define BYMAIL_H

struct ctx;
struct mail;
struct spool_item;
struct token_row;

/* bymail_handle - a message to a request, join, leave or confirm
 * address; s ends "done" (or stays spooled on database trouble) */
void	bymail_handle(struct ctx *, struct spool_item *s, const struct mail *m);

/*
 * bymail_join_reply - an owner's reply to a join-approval notice; t is
 * its "join" token, checked for purpose, list and expiry by the caller
 */
void	bymail_join_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m, const struct token_row *t);

#endif /* BYMAIL_H */
