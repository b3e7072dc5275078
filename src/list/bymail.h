/*
 * bymail.h - membership by mail: the commands
 *
 * Owns: what moot does with mail to LIST-request (the commands of
 * command.h), LIST-join and LIST-leave (subscribe and unsubscribe, each
 * asking for a confirmation, confirm.h) and LIST-leave+TOKEN (the
 * List-Unsubscribe address: leave at once); and the protections:
 * nothing is answered to automated mail or to moot's own addresses,
 * replies go only to the address acted on and never reveal whether
 * someone else is a member (F2), at most [membership] replies_per_day
 * answers to one address a day (D3).
 */
#ifndef BYMAIL_H
#define BYMAIL_H

struct ctx;
struct mail;
struct spool_item;

/* bymail_handle - a message to a request, join or leave address; s
 * ends "done" (or stays spooled on database trouble) */
void	bymail_handle(struct ctx *, struct spool_item *s, const struct mail *m);

#endif /* BYMAIL_H */
