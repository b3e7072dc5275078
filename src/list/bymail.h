/*
 * bymail.h - membership by mail: commands and confirmations
 *
 * Owns: what moot does with mail to LIST-request (the commands of
 * command.h), LIST-join and LIST-leave (subscribe and unsubscribe),
 * LIST-leave+TOKEN (the List-Unsubscribe address: leave at once) and
 * LIST-confirm+TOKEN (a confirmation: the capability is the token,
 * whatever the From, threat B7; a join then may wait for the owners,
 * join_approval.h); the double opt-in (requests in
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

/* bymail_handle - a message to a request, join, leave or confirm
 * address; s ends "done" (or stays spooled on database trouble) */
void	bymail_handle(struct ctx *, struct spool_item *s, const struct mail *m);

#endif /* BYMAIL_H */
